//! The Flow language (version 2019-10-30) as plain serde types.
//!
//! This is the generic shape every flow file has, whoever wrote it: a start action and a list of
//! actions, each with a type name, a parameter object and transitions. Parameters stay untyped
//! here so any flow (including console exports with action types we never emit) parses; the
//! typed view of the action types connect-vanity understands lives in [`super::actions`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The only Flow language version that exists.
pub const VERSION: &str = "2019-10-30";

/// A whole contact flow, as `CreateContactFlow` takes it in `Content`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Flow {
    pub version: String,
    pub start_action: String,
    /// Designer layout; free-form for the runtime, so kept as raw JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
    pub actions: Vec<Action>,
}

/// One block of the flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Action {
    pub identifier: String,
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(default)]
    pub parameters: Map<String, Value>,
    #[serde(default)]
    pub transitions: Transitions,
}

impl Action {
    /// Every string value in the action's parameters, in order: what the lint and the
    /// contract check read for JSONPaths and SSML.
    pub fn parameter_strings(&self) -> Vec<String> {
        let mut strings = Vec::new();
        collect_strings(&Value::Object(self.parameters.clone()), &mut strings);
        strings
    }
}

fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| collect_strings(item, out)),
        Value::Object(map) => map.values().for_each(|item| collect_strings(item, out)),
        _ => {}
    }
}

/// Where the contact goes after an action. All empty for terminal actions (`{}` in JSON).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Transitions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_action: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorBranch>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ConditionBranch>,
}

impl Transitions {
    /// Just a next action: for actions that cannot fail.
    pub fn to(next: &str) -> Self {
        Transitions {
            next_action: Some(next.to_string()),
            ..Transitions::default()
        }
    }

    /// A next action plus error branches, in the order given.
    pub fn with_errors(next: &str, errors: &[(ErrorType, &str)]) -> Self {
        Transitions {
            next_action: Some(next.to_string()),
            errors: errors
                .iter()
                .map(|(error_type, target)| ErrorBranch {
                    error_type: error_type.as_str().to_string(),
                    next_action: (*target).to_string(),
                })
                .collect(),
            conditions: Vec::new(),
        }
    }

    /// True for `{}`: no way out (what terminal actions must have).
    pub fn is_empty(&self) -> bool {
        self.next_action.is_none() && self.errors.is_empty() && self.conditions.is_empty()
    }

    /// The target of the error branch for `error_type`, if the action has one.
    pub fn on_error(&self, error_type: ErrorType) -> Option<&str> {
        self.errors
            .iter()
            .find(|branch| branch.error_type == error_type.as_str())
            .map(|branch| branch.next_action.as_str())
    }

    /// Every identifier this action can lead to, in JSON order, with duplicates.
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        self.next_action
            .iter()
            .map(String::as_str)
            .chain(self.conditions.iter().map(|c| c.next_action.as_str()))
            .chain(self.errors.iter().map(|e| e.next_action.as_str()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ErrorBranch {
    pub error_type: String,
    pub next_action: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConditionBranch {
    pub next_action: String,
    pub condition: Condition,
}

impl ConditionBranch {
    /// A branch taken when the compared value satisfies `operator` against `operand`.
    pub fn new(operator: Operator, operand: &str, next: &str) -> Self {
        ConditionBranch {
            next_action: next.to_string(),
            condition: Condition {
                operator: operator.as_str().to_string(),
                operands: vec![operand.to_string()],
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Condition {
    pub operator: String,
    pub operands: Vec<String>,
}

/// The error types of the Flow language that connect-vanity's actions use or check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorType {
    NoMatchingError,
    NoMatchingCondition,
    InputTimeLimitExceeded,
    InvalidPhoneNumber,
}

impl ErrorType {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::NoMatchingError => "NoMatchingError",
            ErrorType::NoMatchingCondition => "NoMatchingCondition",
            ErrorType::InputTimeLimitExceeded => "InputTimeLimitExceeded",
            ErrorType::InvalidPhoneNumber => "InvalidPhoneNumber",
        }
    }
}

/// Condition operators (each takes one operand).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Equals,
    TextStartsWith,
    TextEndsWith,
    TextContains,
    NumberGreaterThan,
    NumberGreaterOrEqualTo,
    NumberLessThan,
    NumberLessOrEqualTo,
}

impl Operator {
    pub const ALL: [Operator; 8] = [
        Operator::Equals,
        Operator::TextStartsWith,
        Operator::TextEndsWith,
        Operator::TextContains,
        Operator::NumberGreaterThan,
        Operator::NumberGreaterOrEqualTo,
        Operator::NumberLessThan,
        Operator::NumberLessOrEqualTo,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Operator::Equals => "Equals",
            Operator::TextStartsWith => "TextStartsWith",
            Operator::TextEndsWith => "TextEndsWith",
            Operator::TextContains => "TextContains",
            Operator::NumberGreaterThan => "NumberGreaterThan",
            Operator::NumberGreaterOrEqualTo => "NumberGreaterOrEqualTo",
            Operator::NumberLessThan => "NumberLessThan",
            Operator::NumberLessOrEqualTo => "NumberLessOrEqualTo",
        }
    }

    pub fn parse(name: &str) -> Option<Operator> {
        Operator::ALL.into_iter().find(|op| op.as_str() == name)
    }

    /// Whether `value` satisfies this operator against `operand`, as Connect evaluates it:
    /// case-sensitive text, and false for numeric operators when either side is not a number.
    pub fn holds(self, value: &str, operand: &str) -> bool {
        let numbers = || {
            Some((
                value.trim().parse::<f64>().ok()?,
                operand.trim().parse::<f64>().ok()?,
            ))
        };
        match self {
            Operator::Equals => value == operand,
            Operator::TextStartsWith => value.starts_with(operand),
            Operator::TextEndsWith => value.ends_with(operand),
            Operator::TextContains => value.contains(operand),
            Operator::NumberGreaterThan => numbers().is_some_and(|(v, o)| v > o),
            Operator::NumberGreaterOrEqualTo => numbers().is_some_and(|(v, o)| v >= o),
            Operator::NumberLessThan => numbers().is_some_and(|(v, o)| v < o),
            Operator::NumberLessOrEqualTo => numbers().is_some_and(|(v, o)| v <= o),
        }
    }
}

/// Designer layout in the console's camelCase spelling, so an imported flow opens laid out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    pub entry_point_position: Position,
    #[serde(rename = "ActionMetadata")]
    pub action_metadata: BTreeMap<String, ActionMetadata>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionMetadata {
    pub position: Position,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Position {
    pub x: i64,
    pub y: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_follow_connect_semantics() {
        let cases = [
            (Operator::Equals, "OK", "OK", true),
            (Operator::Equals, "ok", "OK", false),
            (Operator::NumberGreaterThan, "5", "3", true),
            (Operator::NumberGreaterThan, "3", "3", false),
            (Operator::NumberGreaterOrEqualTo, "3", "3", true),
            (Operator::NumberGreaterThan, "five", "3", false),
            (Operator::NumberLessThan, "2", "3", true),
            (Operator::NumberLessOrEqualTo, "4", "3", false),
            (Operator::TextStartsWith, "1-800", "1-", true),
            (Operator::TextEndsWith, "1-800", "00", true),
            (Operator::TextContains, "1-800", "80", true),
        ];
        for (op, value, operand, expected) in cases {
            assert_eq!(
                op.holds(value, operand),
                expected,
                "{} {value:?} {operand:?}",
                op.as_str()
            );
        }
    }

    #[test]
    fn terminal_transitions_serialize_as_empty_object() {
        let json = serde_json::to_string(&Transitions::default()).unwrap_or_default();
        assert_eq!(json, "{}");
    }

    #[test]
    fn operator_names_round_trip() {
        for op in Operator::ALL {
            assert_eq!(Operator::parse(op.as_str()), Some(op));
        }
        assert_eq!(Operator::parse("Contains"), None);
    }
}
