//! Typed parameters for the action types connect-vanity writes and the simulator runs.
//!
//! [`ActionKind`] is the typed view of a generic [`Action`]: the builder constructs flows from
//! it, and the lint and simulator parse actions back into it, so an unknown parameter name or a
//! type we do not model is reported by name instead of being skipped. It also carries each
//! type's error-branch rules, which the lint enforces: each action's page in the Flow language
//! reference lists the errors it may take, for example
//! https://docs.aws.amazon.com/connect/latest/APIReference/interactions-invokelambdafunction.html
//! and https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-compare.html.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::model::{Action, ErrorType, Transitions};
use super::FlowError;

/// The action types connect-vanity understands, with their parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "Type", content = "Parameters")]
pub enum ActionKind {
    UpdateFlowLoggingBehavior(Logging),
    UpdateContactTextToSpeechVoice(Voice),
    MessageParticipant(Prompt),
    InvokeLambdaFunction(Lambda),
    UpdateContactAttributes(Attributes),
    Compare(Compare),
    GetParticipantInput(Input),
    DisconnectParticipant(NoParameters),
}

/// Type names of [`ActionKind`], in declaration order.
pub const KNOWN_TYPES: [&str; 8] = [
    "UpdateFlowLoggingBehavior",
    "UpdateContactTextToSpeechVoice",
    "MessageParticipant",
    "InvokeLambdaFunction",
    "UpdateContactAttributes",
    "Compare",
    "GetParticipantInput",
    "DisconnectParticipant",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Logging {
    /// "Enabled" or "Disabled".
    pub flow_logging_behavior: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Voice {
    pub text_to_speech_voice: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_to_speech_engine: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_to_speech_style: Option<String>,
}

/// What a prompt plays: exactly one of these should be set (the lint checks it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Prompt {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(rename = "SSML", default, skip_serializing_if = "Option::is_none")]
    pub ssml: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Value>,
}

impl Prompt {
    pub fn ssml(ssml: String) -> Self {
        Prompt {
            ssml: Some(ssml),
            ..Prompt::default()
        }
    }

    /// Names of the prompt parameters that are set, for "exactly one" checks.
    pub fn set_fields(&self) -> Vec<&'static str> {
        let mut set = Vec::new();
        if self.text.is_some() {
            set.push("Text");
        }
        if self.ssml.is_some() {
            set.push("SSML");
        }
        if self.prompt_id.is_some() {
            set.push("PromptId");
        }
        if self.media.is_some() {
            set.push("Media");
        }
        set
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Lambda {
    #[serde(rename = "LambdaFunctionARN")]
    pub lambda_function_arn: String,
    /// Whole seconds as a string, the way the console writes numbers ("8").
    pub invocation_time_limit_seconds: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invocation_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lambda_invocation_attributes: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_validation: Option<ResponseValidation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ResponseValidation {
    /// "STRING_MAP" or "JSON".
    pub response_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Attributes {
    pub attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_contact: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Compare {
    /// One JSONPath, for example "$.External.status".
    pub comparison_value: String,
}

/// GetParticipantInput: a menu (`StoreInput` "False": one key, matched by conditions) or the
/// Store customer input block (`StoreInput` "True": digits kept in `$.StoredCustomerInput`,
/// validated by `InputValidation`, ended by `DTMFConfiguration`'s terminator). The parameters
/// are those of the Flow language reference
/// (https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-getparticipantinput.html).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Input {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(rename = "SSML", default, skip_serializing_if = "Option::is_none")]
    pub ssml: Option<String>,
    /// "True" or "False".
    pub store_input: String,
    /// Whole seconds as a string.
    pub input_time_limit_seconds: String,
    /// "required if and only if StoreInput is True" (the reference above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_validation: Option<InputValidation>,
    /// "An optional object to override default DTMF behavior for voice calls".
    #[serde(
        rename = "DTMFConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dtmf_configuration: Option<DtmfConfiguration>,
}

/// How stored input is validated: exactly one of the two may be set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct InputValidation {
    /// `{"NumberFormat": "Local"|"E164", "CountryCode": ...}`; connect-vanity never writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number_validation: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_validation: Option<CustomValidation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct CustomValidation {
    /// "A number representing the maximum length of the input", static: digits as a string.
    pub maximum_length: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct DtmfConfiguration {
    /// "Up to five digits to serve as the terminating sequence when gathering DTMF".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_termination_sequence: Option<String>,
    /// "True" or "False": "If "True", the "*" key doesn't cancel gathering DTMF digits."
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_cancel_key: Option<String>,
    /// Seconds to wait between digits. The admin guide's Store customer input page says Connect
    /// "waits 5 seconds for each digit, by default. You cannot change this default setting.";
    /// later copies of the Flow language page list this field, which "must be a valid integer
    /// between 1 and 20 seconds". The lint accepts both readings (the field absent, or 1 to
    /// 20); connect-vanity leaves it out, so either way the service default holds
    /// (src/flow/build/another.rs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interdigit_time_limit_seconds: Option<String>,
}

impl Input {
    /// Names of the prompt parameters that are set.
    pub fn set_fields(&self) -> Vec<&'static str> {
        let prompt = Prompt {
            text: self.text.clone(),
            ssml: self.ssml.clone(),
            ..Prompt::default()
        };
        prompt.set_fields()
    }

    pub fn is_menu(&self) -> bool {
        self.store_input == "False"
    }

    /// The most digits a stored input keeps (`CustomValidation.MaximumLength`), when set and
    /// a whole number.
    pub fn maximum_length(&self) -> Option<usize> {
        self.input_validation
            .as_ref()?
            .custom_validation
            .as_ref()?
            .maximum_length
            .parse()
            .ok()
    }

    /// The terminating sequence of a stored input, when one is set.
    pub fn terminator(&self) -> Option<&str> {
        self.dtmf_configuration
            .as_ref()?
            .input_termination_sequence
            .as_deref()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParameters {}

/// What an action type allows and requires in its transitions.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchRules {
    /// Error types that must have a branch.
    pub required_errors: Vec<ErrorType>,
    /// Error types that may have a branch (a superset of `required_errors`).
    pub allowed_errors: Vec<ErrorType>,
    /// Whether `Conditions` are allowed.
    pub conditions: bool,
    /// Terminal actions must have `Transitions: {}`.
    pub terminal: bool,
}

impl ActionKind {
    /// The typed view of `action`; errors name the action, its type and the parameter.
    pub fn of(action: &Action) -> Result<ActionKind, FlowError> {
        if !KNOWN_TYPES.contains(&action.kind.as_str()) {
            return Err(FlowError::UnknownActionType {
                identifier: action.identifier.clone(),
                kind: action.kind.clone(),
            });
        }
        let mut tagged = Map::new();
        tagged.insert("Type".to_string(), Value::String(action.kind.clone()));
        tagged.insert(
            "Parameters".to_string(),
            Value::Object(action.parameters.clone()),
        );
        serde_json::from_value(Value::Object(tagged)).map_err(|error| FlowError::BadParameters {
            identifier: action.identifier.clone(),
            kind: action.kind.clone(),
            reason: error.to_string(),
        })
    }

    /// The generic action with this type and these parameters.
    pub fn into_action(self, identifier: &str, transitions: Transitions) -> Action {
        let (kind, parameters) = match serde_json::to_value(&self) {
            Ok(Value::Object(mut tagged)) => {
                let kind = match tagged.remove("Type") {
                    Some(Value::String(kind)) => kind,
                    _ => String::new(),
                };
                let parameters = match tagged.remove("Parameters") {
                    Some(Value::Object(parameters)) => parameters,
                    _ => Map::new(),
                };
                (kind, parameters)
            }
            // Unreachable for these plain structs; an empty type makes the lint fail loudly.
            _ => (String::new(), Map::new()),
        };
        Action {
            identifier: identifier.to_string(),
            kind,
            parameters,
            transitions,
        }
    }

    pub fn branch_rules(&self) -> BranchRules {
        use ErrorType::*;
        let (required, allowed, conditions, terminal) = match self {
            ActionKind::UpdateFlowLoggingBehavior(_) => (vec![], vec![], false, false),
            ActionKind::UpdateContactTextToSpeechVoice(_)
            | ActionKind::MessageParticipant(_)
            | ActionKind::InvokeLambdaFunction(_)
            | ActionKind::UpdateContactAttributes(_) => {
                (vec![NoMatchingError], vec![NoMatchingError], false, false)
            }
            ActionKind::Compare(_) => (
                vec![NoMatchingCondition],
                vec![NoMatchingCondition],
                true,
                false,
            ),
            ActionKind::GetParticipantInput(input) if input.is_menu() => {
                let all = vec![InputTimeLimitExceeded, NoMatchingCondition, NoMatchingError];
                (all.clone(), all, true, false)
            }
            // "InvalidPhoneNumber ... Must be defined only if StoreInput is true, and
            // PhoneNumberValidation is specified" (the GetParticipantInput page).
            ActionKind::GetParticipantInput(input) => {
                let phone = input
                    .input_validation
                    .as_ref()
                    .is_some_and(|v| v.phone_number_validation.is_some());
                let allowed = match phone {
                    true => vec![NoMatchingError, InvalidPhoneNumber],
                    false => vec![NoMatchingError],
                };
                (vec![NoMatchingError], allowed, false, false)
            }
            ActionKind::DisconnectParticipant(_) => (vec![], vec![], false, true),
        };
        BranchRules {
            required_errors: required,
            allowed_errors: allowed,
            conditions,
            terminal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(kind: &str, parameters: Value) -> Action {
        let parameters = match parameters {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        Action {
            identifier: "a".into(),
            kind: kind.into(),
            parameters,
            transitions: Transitions::default(),
        }
    }

    #[test]
    fn typed_round_trip_keeps_type_and_parameters() {
        let kinds = [
            ActionKind::UpdateFlowLoggingBehavior(Logging {
                flow_logging_behavior: "Enabled".into(),
            }),
            ActionKind::MessageParticipant(Prompt::ssml("<speak>hi</speak>".into())),
            ActionKind::Compare(Compare {
                comparison_value: "$.External.status".into(),
            }),
            ActionKind::DisconnectParticipant(NoParameters {}),
        ];
        for kind in kinds {
            let generic = kind.clone().into_action("x", Transitions::default());
            assert_eq!(ActionKind::of(&generic).ok(), Some(kind));
        }
    }

    #[test]
    fn parse_errors_name_what_is_wrong() {
        let cases = [
            (action("Loop", serde_json::json!({})), "Loop"),
            (
                action(
                    "Compare",
                    serde_json::json!({"ComparisonValue": "$.x", "Extra": "1"}),
                ),
                "Extra",
            ),
            (
                action(
                    "UpdateFlowLoggingBehavior",
                    serde_json::json!({"LoggingBehavior": "Enabled"}),
                ),
                "LoggingBehavior",
            ),
            (
                action(
                    "InvokeLambdaFunction",
                    serde_json::json!({"LambdaFunctionARN": "arn"}),
                ),
                "InvocationTimeLimitSeconds",
            ),
        ];
        for (action, needle) in cases {
            let error = ActionKind::of(&action)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(error.contains(needle), "{error:?} should mention {needle}");
        }
    }
}
