//! A checker of Amazon Connect's Testing language, as the API Reference documents it, for the
//! documents `render` writes. It knows the shapes this project uses and rejects what the pages
//! do not describe; it is no substitute for the service's own validation, which runs when a
//! test case is saved with status PUBLISHED (CreateTestCase,
//! <https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateTestCase.html>).
//!
//! Pages (all under <https://docs.aws.amazon.com/connect/latest/APIReference/>):
//! `testing-language-observations.html` (top level, observations), `testing-language-events-*`
//! (TestInitiated, TestCompleted, MessageReceived, FlowActionStarted),
//! `testing-language-actions-*` (SendInstruction, Assert, OverrideSystemBehavior, TestControl).

use std::collections::{HashMap, HashSet};

use serde_json::Value;

/// The Testing language version. The API Reference (observations and example pages) says
/// `2025-06-21`; the developer-guide copy of the observations page still shows `2019-10-30`
/// (UNCONFIRMED which one the service accepts: if the first live CreateTestCase answers
/// InvalidTestCaseException on Version, change it here; the checker accepts only this one).
pub const VERSION: &str = "2025-06-21";

const EVENT_TYPES: [&str; 4] = [
    "TestInitiated",
    "TestCompleted",
    "MessageReceived",
    "FlowActionStarted",
];
const ACTION_TYPES: [&str; 4] = [
    "SendInstruction",
    "Assert",
    "OverrideSystemBehavior",
    "TestControl",
];
const MESSAGE_CONTENT: [&str; 4] = ["PromptId", "Text", "SSML", "Media"];
const MATCHING: [&str; 2] = ["Similarity", "Inclusion"];
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

/// Every problem in `document`, each naming the observation or action; empty when it is valid.
pub fn check(document: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    if document["Version"] != VERSION {
        problems.push(format!(
            "Version: must be {VERSION:?} (got {})",
            document["Version"]
        ));
    }
    if !document["Metadata"].is_null() && !document["Metadata"].is_object() {
        problems.push("Metadata: must be an object when present".to_string());
    }
    let Some(observations) = document["Observations"]
        .as_array()
        .filter(|o| !o.is_empty())
    else {
        problems.push("Observations: must be a non-empty array".to_string());
        return problems;
    };
    let mut ids = HashSet::new();
    for observation in observations {
        let id = observation["Identifier"].as_str().unwrap_or_default();
        if id.is_empty() || !ids.insert(id) {
            problems.push(format!(
                "observation {id:?}: Identifier must be present and unique"
            ));
        }
    }
    for (index, observation) in observations.iter().enumerate() {
        let id = observation["Identifier"].as_str().unwrap_or_default();
        check_event(id, index, &observation["Event"], &mut problems);
        check_actions(id, &observation["Actions"], &mut problems);
        let next = &observation["Transitions"]["NextObservations"];
        for target in next.as_array().into_iter().flatten() {
            if !target.as_str().is_some_and(|t| ids.contains(t)) {
                problems.push(format!(
                    "observation {id:?}: NextObservations names {target}, no such observation"
                ));
            }
        }
    }
    if let Some(cycle) = cycle(observations) {
        problems.push(format!(
            "observation {cycle:?}: NextObservations loop back to it"
        ));
    }
    let ends =
        observations.iter().any(|o| {
            o["Actions"].as_array().into_iter().flatten().any(|a| {
                a["Type"] == "TestControl" && a["Parameters"]["Command"]["Type"] == "EndTest"
            })
        });
    if !ends {
        problems.push("no observation ends the test (TestControl EndTest): a run would wait out the 5-minute limit".to_string());
    }
    problems
}

fn check_event(id: &str, index: usize, event: &Value, problems: &mut Vec<String>) {
    let kind = event["Type"].as_str().unwrap_or_default();
    if !EVENT_TYPES.contains(&kind) {
        problems.push(format!(
            "observation {id:?}: Event.Type {kind:?} is not one of {EVENT_TYPES:?}"
        ));
    }
    if event["Actor"] != "System" {
        problems.push(format!(
            "observation {id:?}: Event.Actor must be \"System\""
        ));
    }
    if index == 0 && kind != "TestInitiated" {
        problems.push(format!(
            "observation {id:?}: the first observation must be TestInitiated"
        ));
    }
    let properties = &event["Properties"];
    if !properties.is_object() {
        problems.push(format!(
            "observation {id:?}: Event.Properties must be an object"
        ));
        return;
    }
    if kind == "MessageReceived" {
        let present: Vec<&str> = MESSAGE_CONTENT
            .into_iter()
            .filter(|k| !properties[*k].is_null())
            .collect();
        if present.len() != 1 {
            problems.push(format!("observation {id:?}: MessageReceived needs exactly one of {MESSAGE_CONTENT:?} (got {present:?})"));
        }
        let matching = properties["MatchingCriteria"]["Type"]
            .as_str()
            .unwrap_or_default();
        if !MATCHING.contains(&matching) {
            problems.push(format!(
                "observation {id:?}: MatchingCriteria.Type {matching:?} is not one of {MATCHING:?}"
            ));
        }
    }
}

fn check_actions(id: &str, actions: &Value, problems: &mut Vec<String>) {
    let Some(actions) = actions.as_array() else {
        problems.push(format!(
            "observation {id:?}: Actions must be an array (it may be empty)"
        ));
        return;
    };
    let action_ids: HashSet<&str> = actions
        .iter()
        .filter_map(|a| a["Identifier"].as_str())
        .collect();
    for action in actions {
        let name = action["Identifier"].as_str().unwrap_or_default();
        let at = format!("observation {id:?} action {name:?}");
        let kind = action["Type"].as_str().unwrap_or_default();
        let parameters = &action["Parameters"];
        if !ACTION_TYPES.contains(&kind) {
            problems.push(format!(
                "{at}: Type {kind:?} is not one of {ACTION_TYPES:?}"
            ));
            continue;
        }
        // Assert carries no ActionType; the others repeat their Type in Parameters.ActionType.
        match (kind, parameters["ActionType"].as_str()) {
            ("Assert", None) => {}
            ("Assert", Some(_)) => {
                problems.push(format!("{at}: Assert parameters take no ActionType"))
            }
            (_, Some(echo)) if echo == kind => {}
            _ => problems.push(format!("{at}: Parameters.ActionType must be {kind:?}")),
        }
        match kind {
            "SendInstruction" => check_instruction(&at, parameters, problems),
            "Assert" => check_assert(&at, parameters, problems),
            "OverrideSystemBehavior" => check_override(&at, parameters, problems),
            _ => {
                let command = parameters["Command"]["Type"].as_str().unwrap_or_default();
                if !["EndTest", "LogData"].contains(&command) {
                    problems.push(format!(
                        "{at}: TestControl Command.Type {command:?} is not EndTest or LogData"
                    ));
                }
            }
        }
        match action["Transitions"]["NextAction"].as_str() {
            Some("") => {}
            Some(next) if action_ids.contains(next) => {}
            other => problems.push(format!(
                "{at}: NextAction {other:?} is neither \"\" nor an action of this observation"
            )),
        }
    }
}

fn check_instruction(at: &str, parameters: &Value, problems: &mut Vec<String>) {
    if parameters["Actor"] != "Customer" {
        problems.push(format!("{at}: SendInstruction Actor must be \"Customer\""));
    }
    let instruction = &parameters["Instruction"];
    match instruction["Type"].as_str().unwrap_or_default() {
        "DtmfInput" => {
            let value = instruction["Properties"]["Value"]
                .as_str()
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
        "TextUtterance" | "Disconnect" => {}
        other => problems.push(format!(
            "{at}: Instruction.Type {other:?} is not DtmfInput, TextUtterance or Disconnect"
        )),
    }
}

fn check_assert(at: &str, parameters: &Value, problems: &mut Vec<String>) {
    let operator = parameters["Operator"].as_str().unwrap_or_default();
    if !OPERATORS.contains(&operator) {
        problems.push(format!(
            "{at}: Operator {operator:?} is not one of {OPERATORS:?}"
        ));
    }
    if !parameters["Namespace"]
        .as_str()
        .is_some_and(|n| n.starts_with("$."))
    {
        problems.push(format!("{at}: Namespace must be a JSON path ($.…)"));
    }
    if operator != "Exists" && parameters["Operand"].is_null() {
        problems.push(format!(
            "{at}: Operand is required unless the Operator is Exists"
        ));
    }
}

fn check_override(at: &str, parameters: &Value, problems: &mut Vec<String>) {
    let behavior = &parameters["Behavior"];
    let properties = &behavior["Properties"];
    let action = properties["ActionType"].as_str().unwrap_or_default();
    if behavior["Type"] != "FlowAction" || !FLOW_ACTIONS.contains(&action) {
        problems.push(format!(
            "{at}: Behavior must be a FlowAction of one of {FLOW_ACTIONS:?}"
        ));
    }
    if action == "InvokeLambdaFunction"
        && properties["ActionParameters"]["LambdaFunctionARN"]
            .as_str()
            .is_none()
    {
        problems.push(format!(
            "{at}: InvokeLambdaFunction needs ActionParameters.LambdaFunctionARN"
        ));
    }
    let strategy = &properties["Strategy"];
    let response = &strategy["Response"];
    let ok = match strategy["Type"].as_str().unwrap_or_default() {
        "SubstituteResource" => strategy["SubstituteArn"].is_string(),
        "MockResponse" => match response["Type"].as_str().unwrap_or_default() {
            "ExecutionResult" => {
                response["ExecutionResult"]["DelaySeconds"].is_u64()
                    && response["ExecutionResult"][super::cases::MOCK_DATA_KEY]
                        .as_str()
                        .is_some_and(|data| {
                            serde_json::from_str::<HashMap<String, Value>>(data).is_ok()
                        })
            }
            "Error" => {
                response["Error"]["DelaySeconds"].is_u64()
                    && ["TimeLimitExceeded", "NoMatchingError"]
                        .contains(&response["Error"]["Value"].as_str().unwrap_or_default())
            }
            _ => false,
        },
        _ => false,
    };
    if !ok {
        problems.push(format!("{at}: Strategy must be SubstituteResource with a SubstituteArn, or a MockResponse with an ExecutionResult (DelaySeconds, serialized JSON data) or an Error (DelaySeconds, TimeLimitExceeded or NoMatchingError)"));
    }
}

/// An observation that NextObservations lead back to, if any.
fn cycle(observations: &[Value]) -> Option<String> {
    let next: HashMap<&str, Vec<&str>> = observations
        .iter()
        .map(|o| {
            let targets = o["Transitions"]["NextObservations"]
                .as_array()
                .into_iter()
                .flatten();
            (
                o["Identifier"].as_str().unwrap_or_default(),
                targets.filter_map(Value::as_str).collect(),
            )
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
