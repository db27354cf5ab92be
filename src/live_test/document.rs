//! The Testing language as serde types: what `render` writes, the checker checks, the
//! simulator replays and the run sends, one type for all four (as `flow/model.rs` is for the
//! Flow language).
//!
//! Every struct refuses fields it does not know, so a misspelt key is an error that names it
//! instead of a value silently taken as absent. The shapes are the API Reference's, all under
//! <https://docs.aws.amazon.com/connect/latest/APIReference/>: `testing-language-observations.html`
//! (document, observation, transitions), `testing-language-events-*.html` (events),
//! `testing-language-actions-*.html` (actions). Rules that serde cannot state (an identifier
//! used once, an action's `ActionType` repeating its `Type`, exactly one message content) are
//! [`super::language`]'s.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::LambdaUse;

/// A whole test case, as CreateTestCase takes it in `Content`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Document {
    pub version: String,
    pub metadata: Metadata,
    pub observations: Vec<Observation>,
}

/// What this project records about a case (the service keeps `Metadata` as given).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Metadata {
    pub generator: String,
    pub scenario: String,
    pub description: String,
    pub source_phone_number: String,
    pub lambda: LambdaUse,
}

/// One interaction: an event expected from the system and what the test does then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Observation {
    pub identifier: String,
    pub event: Event,
    /// Shown in the API Reference's example (`{"Type": "EXACTLY"}`); never written here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
    pub actions: Vec<Action>,
    pub transitions: ObservationTransitions,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Usage {
    #[serde(rename = "Type")]
    pub kind: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ObservationTransitions {
    pub next_observations: Vec<String>,
}

/// What the observation waits for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Event {
    pub identifier: String,
    #[serde(rename = "Type")]
    pub kind: EventType,
    pub actor: String,
    pub properties: EventProperties,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventType {
    TestInitiated,
    TestCompleted,
    MessageReceived,
    FlowActionStarted,
}

/// The union of the events' properties: empty for TestInitiated and TestCompleted, a message
/// for MessageReceived, an action for FlowActionStarted ([`super::language`] checks which).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct EventProperties {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, rename = "SSML", skip_serializing_if = "Option::is_none")]
    pub ssml: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Media>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matching_criteria: Option<MatchingCriteria>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_parameters: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Media {
    pub uri: String,
    pub source_type: String,
    pub media_type: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct MatchingCriteria {
    #[serde(rename = "Type")]
    pub kind: Matching,
}

/// "Similarity: Uses semantic matching to find similar messages"; "Inclusion: Checks if the
/// observed message contains the specified text" (testing-language-events-message-received.html).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Matching {
    Similarity,
    Inclusion,
}

/// One thing the test does; `Type` names the kind and each kind has its own parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "Type", rename_all_fields = "PascalCase", deny_unknown_fields)]
pub enum Action {
    SendInstruction {
        identifier: String,
        parameters: SendInstruction,
        transitions: ActionTransitions,
    },
    Assert {
        identifier: String,
        parameters: Assertion,
        transitions: ActionTransitions,
    },
    OverrideSystemBehavior {
        identifier: String,
        parameters: Override,
        transitions: ActionTransitions,
    },
    TestControl {
        identifier: String,
        parameters: TestControl,
        transitions: ActionTransitions,
    },
}

impl Action {
    pub fn identifier(&self) -> &str {
        match self {
            Action::SendInstruction { identifier, .. }
            | Action::Assert { identifier, .. }
            | Action::OverrideSystemBehavior { identifier, .. }
            | Action::TestControl { identifier, .. } => identifier,
        }
    }

    pub fn transitions(&self) -> &ActionTransitions {
        match self {
            Action::SendInstruction { transitions, .. }
            | Action::Assert { transitions, .. }
            | Action::OverrideSystemBehavior { transitions, .. }
            | Action::TestControl { transitions, .. } => transitions,
        }
    }

    /// The `Type` this action is written with.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::SendInstruction { .. } => "SendInstruction",
            Action::Assert { .. } => "Assert",
            Action::OverrideSystemBehavior { .. } => "OverrideSystemBehavior",
            Action::TestControl { .. } => "TestControl",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ActionTransitions {
    /// `""` for none; otherwise an action of the same observation.
    pub next_action: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct SendInstruction {
    pub action_type: String,
    pub actor: String,
    pub instruction: Instruction,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Instruction {
    #[serde(rename = "Type")]
    pub kind: InstructionType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<InstructionProperties>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InstructionType {
    DtmfInput,
    TextUtterance,
    Disconnect,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct InstructionProperties {
    pub value: String,
}

/// Assert takes no `ActionType` (testing-language-actions-assertion.html).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Assertion {
    pub namespace: String,
    pub operator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operand: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Override {
    pub action_type: String,
    pub behavior: Behavior,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Behavior {
    #[serde(rename = "Type")]
    pub kind: String,
    pub properties: OverriddenAction,
}

/// The flow action overridden, which resource of it, and what it does instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct OverriddenAction {
    pub action_type: String,
    pub action_parameters: BTreeMap<String, String>,
    pub strategy: Strategy,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "Type", rename_all_fields = "PascalCase", deny_unknown_fields)]
pub enum Strategy {
    MockResponse { response: MockResponse },
    SubstituteResource { substitute_arn: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "Type", rename_all_fields = "PascalCase", deny_unknown_fields)]
pub enum MockResponse {
    ExecutionResult { execution_result: ExecutionResult },
    Error { error: MockError },
}

/// A mocked success. The override page names the answer's key `LoadedData` (a serialized JSON
/// object); a third-party report says the live service wanted `Value` (UNCONFIRMED: if a live
/// run rejects it, this field's name is the one place to change).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ExecutionResult {
    pub delay_seconds: u32,
    pub loaded_data: String,
}

/// A mocked failure: `Value` is `TimeLimitExceeded` or `NoMatchingError`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct MockError {
    pub delay_seconds: u32,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct TestControl {
    pub action_type: String,
    pub command: Command,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Command {
    #[serde(rename = "Type")]
    pub kind: CommandType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommandType {
    EndTest,
    LogData,
}

impl Document {
    /// Reads a document; the error names the line, column and the key or value refused.
    pub fn parse(text: &str) -> Result<Document, String> {
        serde_json::from_str(text).map_err(|error| error.to_string())
    }

    /// The document as `render` writes it: pretty JSON and a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The Lambda overrides the test configures when it starts, in the order it queues them.
    pub fn lambda_overrides(&self) -> Vec<&MockResponse> {
        let start = self.observations.first().map(|o| o.actions.as_slice());
        start
            .unwrap_or_default()
            .iter()
            .filter_map(|action| match action {
                Action::OverrideSystemBehavior { parameters, .. } => {
                    let overridden = &parameters.behavior.properties;
                    match &overridden.strategy {
                        Strategy::MockResponse { response }
                            if overridden.action_type == "InvokeLambdaFunction" =>
                        {
                            Some(response)
                        }
                        _ => None,
                    }
                }
                _ => None,
            })
            .collect()
    }
}

impl MockResponse {
    /// What the flow gets from this override: the answer's string map, or the error.
    pub fn answer(
        &self,
    ) -> Result<Result<std::collections::HashMap<String, String>, String>, String> {
        match self {
            MockResponse::ExecutionResult { execution_result } => {
                serde_json::from_str(&execution_result.loaded_data)
                    .map(Ok)
                    .map_err(|error| {
                        format!("LoadedData is not a JSON object of strings ({error})")
                    })
            }
            MockResponse::Error { error } => Ok(Err(error.value.clone())),
        }
    }
}
