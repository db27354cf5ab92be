//! A checker of Amazon Connect's Testing language for the documents `render` writes: the rules
//! the pages state that the serde types ([`super::document`]) cannot. It is no substitute for
//! the service's own validation, which runs when a test case is saved with status PUBLISHED
//! (CreateTestCase, <https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateTestCase.html>).
//!
//! Pages (all under <https://docs.aws.amazon.com/connect/latest/APIReference/>):
//! `testing-language-observations.html` (top level, observations), `testing-language-events-*`
//! (TestInitiated, TestCompleted, MessageReceived, FlowActionStarted),
//! `testing-language-actions-*` (SendInstruction, Assert, OverrideSystemBehavior, TestControl).

use std::collections::{HashMap, HashSet};

use super::document::{
    Action, Document, Event, EventType, InstructionType, MockResponse, Observation, Override,
    SendInstruction, Strategy,
};
use super::expected::ends;

/// The Testing-language versions the pages name, in the order a run tries them. The API
/// Reference's pages say "2025-06-21" (observations and example pages); the admin guide's
/// example and AWS's sample generator use "2019-10-30", and a third-party report says the live
/// service takes only that (UNCONFIRMED which is right). `render` writes the first: the API
/// Reference is the contract for CreateTestCase's `Content`; when the service rejects it, the
/// run retries with the next and prints which one it took ([`super::run`]).
pub const VERSIONS: [&str; 2] = ["2025-06-21", "2019-10-30"];

const OPERATORS: [&str; 9] = [
    "Equals",
    "TextStartsWith",
    "TextEndsWith",
    "TextContains",
    "NumberGreaterThan",
    "NumberGreaterOrEqualTo",
    "NumberLessThan",
    "NumberLessOrEqualTo",
    "Exists",
];
const FLOW_ACTIONS: [&str; 5] = [
    "InvokeLambdaFunction",
    "CheckHoursOfOperation",
    "ConnectParticipantWithLexBot",
    "TransferContactToQueue",
    "DequeueAndTransferToQueue",
];
const LAMBDA_ERRORS: [&str; 2] = ["TimeLimitExceeded", "NoMatchingError"];

/// Reads `text` and checks it: the document, or every problem (the first a parse error that
/// names the line and column, when it does not parse).
pub fn read(text: &str) -> Result<Document, Vec<String>> {
    let document = Document::parse(text).map_err(|error| vec![error])?;
    let problems = check(&document);
    if problems.is_empty() {
        Ok(document)
    } else {
        Err(problems)
    }
}

/// Every problem in `document`, each naming the observation or action; empty when it is valid.
pub fn check(document: &Document) -> Vec<String> {
    let mut problems = Vec::new();
    if !VERSIONS.contains(&document.version.as_str()) {
        problems.push(format!(
            "Version: must be one of {VERSIONS:?} (got {:?})",
            document.version
        ));
    }
    let observations = &document.observations;
    if observations.is_empty() {
        problems.push("Observations: must be a non-empty array".to_string());
        return problems;
    }
    let mut ids = HashSet::new();
    for observation in observations {
        let id = observation.identifier.as_str();
        if id.is_empty() || !ids.insert(id) {
            problems.push(format!(
                "observation {id:?}: Identifier must be present and unique"
            ));
        }
    }
    for (index, observation) in observations.iter().enumerate() {
        check_observation(index, observation, &ids, &mut problems);
    }
    if let Some(cycle) = cycle(observations) {
        problems.push(format!(
            "observation {cycle:?}: NextObservations loop back to it"
        ));
    }
    if !observations.iter().flat_map(|o| &o.actions).any(ends) {
        problems.push("no observation ends the test (TestControl EndTest): a run would wait out the 5-minute limit".to_string());
    }
    problems
}

fn check_observation(
    index: usize,
    observation: &Observation,
    ids: &HashSet<&str>,
    problems: &mut Vec<String>,
) {
    let id = observation.identifier.as_str();
    check_event(id, index, &observation.event, problems);
    check_actions(id, &observation.actions, problems);
    for target in &observation.transitions.next_observations {
        if !ids.contains(target.as_str()) {
            problems.push(format!(
                "observation {id:?}: NextObservations names {target:?}, no such observation"
            ));
        }
    }
}

fn check_event(id: &str, index: usize, event: &Event, problems: &mut Vec<String>) {
    if event.actor != "System" {
        problems.push(format!(
            "observation {id:?}: Event.Actor must be \"System\""
        ));
    }
    if index == 0 && event.kind != EventType::TestInitiated {
        problems.push(format!(
            "observation {id:?}: the first observation must be TestInitiated"
        ));
    }
    let properties = &event.properties;
    if event.kind == EventType::MessageReceived {
        let present: Vec<&str> = [
            ("PromptId", properties.prompt_id.is_some()),
            ("Text", properties.text.is_some()),
            ("SSML", properties.ssml.is_some()),
            ("Media", properties.media.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
        .collect();
        if present.len() != 1 {
            problems.push(format!("observation {id:?}: MessageReceived needs exactly one of PromptId, Text, SSML, Media (got {present:?})"));
        }
        if properties.matching_criteria.is_none() {
            problems.push(format!(
                "observation {id:?}: MessageReceived needs MatchingCriteria"
            ));
        }
    }
}

fn check_actions(id: &str, actions: &[Action], problems: &mut Vec<String>) {
    let action_ids: HashSet<&str> = actions.iter().map(Action::identifier).collect();
    for action in actions {
        let at = format!("observation {id:?} action {:?}", action.identifier());
        let kind = action.kind();
        // Assert carries no ActionType (its type has none); the others repeat their Type.
        let echo = match action {
            Action::SendInstruction { parameters, .. } => Some(&parameters.action_type),
            Action::OverrideSystemBehavior { parameters, .. } => Some(&parameters.action_type),
            Action::TestControl { parameters, .. } => Some(&parameters.action_type),
            Action::Assert { .. } => None,
        };
        if echo.is_some_and(|echo| echo != kind) {
            problems.push(format!("{at}: Parameters.ActionType must be {kind:?}"));
        }
        match action {
            Action::SendInstruction { parameters, .. } => {
                check_instruction(&at, parameters, problems)
            }
            Action::Assert { parameters, .. } => {
                if !OPERATORS.contains(&parameters.operator.as_str()) {
                    problems.push(format!(
                        "{at}: Operator {:?} is not one of {OPERATORS:?}",
                        parameters.operator
                    ));
                }
                if !parameters.namespace.starts_with("$.") {
                    problems.push(format!("{at}: Namespace must be a JSON path ($.…)"));
                }
                if parameters.operator != "Exists" && parameters.operand.is_none() {
                    problems.push(format!(
                        "{at}: Operand is required unless the Operator is Exists"
                    ));
                }
            }
            Action::OverrideSystemBehavior { parameters, .. } => {
                check_override(&at, parameters, problems)
            }
            Action::TestControl { .. } => {}
        }
        let next = action.transitions().next_action.as_str();
        if !next.is_empty() && !action_ids.contains(next) {
            problems.push(format!(
                "{at}: NextAction {next:?} is neither \"\" nor an action of this observation"
            ));
        }
    }
}

fn check_instruction(at: &str, parameters: &SendInstruction, problems: &mut Vec<String>) {
    if parameters.actor != "Customer" {
        problems.push(format!("{at}: SendInstruction Actor must be \"Customer\""));
    }
    if parameters.instruction.kind == InstructionType::DtmfInput {
        let value = parameters
            .instruction
            .properties
            .as_ref()
            .map(|p| p.value.as_str())
            .unwrap_or_default();
        if value.is_empty()
            || !value
                .chars()
                .all(|c| c.is_ascii_digit() || c == '*' || c == '#')
        {
            problems.push(format!(
                "{at}: DtmfInput Value {value:?} must be digits, * or #"
            ));
        }
    }
}

fn check_override(at: &str, parameters: &Override, problems: &mut Vec<String>) {
    let behavior = &parameters.behavior;
    let action = behavior.properties.action_type.as_str();
    if behavior.kind != "FlowAction" || !FLOW_ACTIONS.contains(&action) {
        problems.push(format!(
            "{at}: Behavior must be a FlowAction of one of {FLOW_ACTIONS:?}"
        ));
    }
    if action == "InvokeLambdaFunction"
        && !behavior
            .properties
            .action_parameters
            .contains_key("LambdaFunctionARN")
    {
        problems.push(format!(
            "{at}: InvokeLambdaFunction needs ActionParameters.LambdaFunctionARN"
        ));
    }
    if let Strategy::MockResponse { response } = &behavior.properties.strategy {
        let problem = match (response, response.answer()) {
            (_, Err(why)) => Some(why),
            (MockResponse::Error { error }, _)
                if !LAMBDA_ERRORS.contains(&error.value.as_str()) =>
            {
                Some(format!(
                    "Error.Value {:?} is not one of {LAMBDA_ERRORS:?}",
                    error.value
                ))
            }
            _ => None,
        };
        if let Some(problem) = problem {
            problems.push(format!("{at}: MockResponse: {problem}"));
        }
    }
}

/// An observation that NextObservations lead back to, if any.
fn cycle(observations: &[Observation]) -> Option<String> {
    let next: HashMap<&str, Vec<&str>> = observations
        .iter()
        .map(|o| {
            let targets = o.transitions.next_observations.iter();
            (o.identifier.as_str(), targets.map(String::as_str).collect())
        })
        .collect();
    for start in next.keys() {
        let mut seen = HashSet::new();
        let mut stack = next[start].clone();
        while let Some(id) = stack.pop() {
            if id == *start {
                return Some(start.to_string());
            }
            if seen.insert(id) {
                stack.extend(next.get(id).into_iter().flatten());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
