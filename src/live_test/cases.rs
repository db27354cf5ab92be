//! Builds one Testing-language document per live scenario from the simulator's transcript of
//! that scenario, and reads back what a document expects.
//!
//! Each prompt the simulated caller hears becomes a `MessageReceived` observation with the
//! prompt's plain text and semantic matching (the live prompt is SSML with pauses and the
//! spoken forms, so `Similarity`, not `Inclusion`); each key the caller presses becomes a
//! `SendInstruction` with `DtmfInput` on the prompt before it; the last prompt ends the test
//! (`TestControl` `EndTest`), so a passing test never waits out the 5-minute limit. Shapes:
//! <https://docs.aws.amazon.com/connect/latest/APIReference/testing-language-events-message-received.html>,
//! <https://docs.aws.amazon.com/connect/latest/APIReference/testing-language-actions-send-instruction.html>,
//! <https://docs.aws.amazon.com/connect/latest/APIReference/testing-language-actions-test-control.html>.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use serde_json::{json, Value};

use crate::config::Config;
use crate::flow::LAMBDA_ARN_PLACEHOLDER;
use crate::simulate::transcript::{Transcript, What};

use super::agree::{self, MockLambda};
use super::language::VERSION;
use super::{LambdaUse, LiveScenario, CALLER, SCENARIOS};

/// The error a mocked failure reports. Documented values: `TimeLimitExceeded`,
/// `NoMatchingError` (override-system-behavior page); the flow's error branch takes either.
pub const MOCK_ERROR: &str = "NoMatchingError";

/// The key a mocked success carries the Lambda's answer in, as a serialized JSON object. The
/// override page names it `LoadedData`; a third-party report says the live service wanted
/// `Value` (UNCONFIRMED): if a live run rejects it, this is the one place to change.
pub const MOCK_DATA_KEY: &str = "LoadedData";

/// The identifier of the observation that opens every test case.
const START: &str = "start";

/// What one observation expects: a prompt, the key pressed after it, whether it ends the test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub id: String,
    pub text: String,
    pub press: Option<char>,
    pub end: bool,
}

/// Every live scenario's document, as (file under the output directory, pretty JSON + "\n").
pub fn render_all(config: &Config, flow_json: &str) -> anyhow::Result<Vec<(&'static str, String)>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime the simulator runs the handler on")?;
    SCENARIOS
        .iter()
        .map(|scenario| {
            let document = build(config, flow_json, scenario, &runtime).with_context(|| {
                format!(
                    "simulating live scenario {:?} for its test case",
                    scenario.name
                )
            })?;
            let mut text = serde_json::to_string_pretty(&document)?;
            text.push('\n');
            Ok((scenario.file, text))
        })
        .collect()
}

/// The document for `scenario`: expectations from the simulator running `flow_json`.
pub fn build(
    config: &Config,
    flow_json: &str,
    scenario: &LiveScenario,
    runtime: &tokio::runtime::Runtime,
) -> anyhow::Result<Value> {
    let (expected, override_action) = match scenario.lambda {
        LambdaUse::Real => {
            let [first, again] =
                agree::real_transcripts(flow_json, config, scenario.presses, runtime)?;
            // Only the prompts both a first-time and a returning caller hear: the deployed table
            // may remember this caller from an earlier run.
            let common = observed(&again);
            let mut expected = observed(&first);
            expected.retain(|e| {
                common
                    .iter()
                    .any(|c| c.text == e.text && c.press == e.press)
            });
            if let Some(last) = expected.last_mut() {
                last.end = true;
            }
            (expected, None)
        }
        LambdaUse::Mocked => {
            let answer = handler_answer(config, flow_json, scenario, runtime)?;
            let transcript = agree::replay(
                flow_json,
                CALLER,
                scenario.presses,
                &mut MockLambda {
                    answer: Ok(answer.clone().into_iter().collect()),
                },
            )?;
            (observed(&transcript), Some(mock_success(&answer)?))
        }
        LambdaUse::Fails => {
            let transcript = agree::replay(
                flow_json,
                CALLER,
                scenario.presses,
                &mut MockLambda {
                    answer: Err(MOCK_ERROR.to_string()),
                },
            )?;
            (observed(&transcript), Some(mock_error()))
        }
    };
    Ok(document(scenario, &expected, override_action))
}

/// The union of every answer the real handler gave during the scenario (the look-up and, when
/// the caller keeps one, the choice), which the mock then gives every invocation.
fn handler_answer(
    config: &Config,
    flow_json: &str,
    scenario: &LiveScenario,
    runtime: &tokio::runtime::Runtime,
) -> anyhow::Result<BTreeMap<String, String>> {
    let simulated = crate::simulate::Scenario {
        number: (!scenario.withheld).then(|| CALLER.to_string()),
        presses: scenario.presses.to_string(),
        ..Default::default()
    };
    let backend = crate::simulate::lambda::Backend::Memory(Default::default());
    let transcript =
        crate::simulate::simulate_json(flow_json, config, &simulated, &backend, runtime)?;
    let mut answer = BTreeMap::new();
    for event in &transcript.events {
        if let What::LambdaAnswered { response } = &event.what {
            answer.extend(response.clone());
        }
    }
    Ok(answer)
}

/// The prompts of `transcript` as observations, with the key pressed after each and the end.
pub fn observed(transcript: &Transcript) -> Vec<Expected> {
    let mut expected: Vec<Expected> = Vec::new();
    for event in &transcript.events {
        match &event.what {
            What::Hears { text } => expected.push(Expected {
                id: format!("{:02}-{}", expected.len() + 1, event.action),
                text: text.clone(),
                press: None,
                end: false,
            }),
            What::Pressed { key, .. } => {
                if let Some(last) = expected.last_mut() {
                    last.press = Some(*key);
                }
            }
            What::Disconnected => {
                if let Some(last) = expected.last_mut() {
                    last.end = true;
                }
            }
            _ => {}
        }
    }
    expected
}

fn document(scenario: &LiveScenario, expected: &[Expected], mock: Option<Value>) -> Value {
    let lambda = match scenario.lambda {
        LambdaUse::Real => "real",
        LambdaUse::Mocked => "mocked",
        LambdaUse::Fails => "fails",
    };
    let first = expected.first().map(|e| e.id.clone());
    let mut observations = vec![json!({
        "Identifier": START,
        "Event": event(START, "TestInitiated", json!({})),
        "Actions": mock.into_iter().collect::<Vec<_>>(),
        "Transitions": { "NextObservations": first.into_iter().collect::<Vec<_>>() },
    })];
    for (index, want) in expected.iter().enumerate() {
        let mut actions = Vec::new();
        if let Some(key) = want.press {
            actions.push(json!({
                "Identifier": format!("{}-press", want.id),
                "Type": "SendInstruction",
                "Parameters": {
                    "ActionType": "SendInstruction",
                    "Actor": "Customer",
                    "Instruction": { "Type": "DtmfInput", "Properties": { "Value": key.to_string() } },
                },
                "Transitions": { "NextAction": "" },
            }));
        }
        if want.end {
            actions.push(json!({
                "Identifier": format!("{}-end", want.id),
                "Type": "TestControl",
                "Parameters": { "ActionType": "TestControl", "Command": { "Type": "EndTest" } },
                "Transitions": { "NextAction": "" },
            }));
        }
        let next: Vec<String> = expected
            .get(index + 1)
            .map(|e| e.id.clone())
            .into_iter()
            .collect();
        observations.push(json!({
            "Identifier": want.id,
            "Event": event(&want.id, "MessageReceived", json!({
                "Text": want.text,
                "MatchingCriteria": { "Type": "Similarity" },
            })),
            "Actions": actions,
            "Transitions": { "NextObservations": next },
        }));
    }
    json!({
        "Version": VERSION,
        "Metadata": {
            "Generator": "connect-vanity render",
            "Scenario": scenario.name,
            "Description": format!("The caller {}.", scenario.what),
            "SourcePhoneNumber": CALLER,
            "Lambda": lambda,
        },
        "Observations": observations,
    })
}

fn event(id: &str, kind: &str, properties: Value) -> Value {
    json!({ "Identifier": format!("{id}-event"), "Type": kind, "Actor": "System", "Properties": properties })
}

/// The override that answers every call-handler invocation with `answer`.
fn mock_success(answer: &BTreeMap<String, String>) -> anyhow::Result<Value> {
    let data = serde_json::to_string(answer)?;
    let mut result = serde_json::Map::new();
    result.insert("DelaySeconds".into(), json!(0));
    result.insert(MOCK_DATA_KEY.into(), json!(data));
    Ok(mock_override(
        json!({ "Type": "ExecutionResult", "ExecutionResult": result }),
    ))
}

fn mock_error() -> Value {
    mock_override(json!({ "Type": "Error", "Error": { "DelaySeconds": 0, "Value": MOCK_ERROR } }))
}

fn mock_override(response: Value) -> Value {
    json!({
        "Identifier": "mock-call-handler",
        "Type": "OverrideSystemBehavior",
        "Parameters": {
            "ActionType": "OverrideSystemBehavior",
            "Behavior": { "Type": "FlowAction", "Properties": {
                "ActionType": "InvokeLambdaFunction",
                "ActionParameters": { "LambdaFunctionARN": LAMBDA_ARN_PLACEHOLDER },
                "Strategy": { "Type": "MockResponse", "Response": response },
            }},
        },
        "Transitions": { "NextAction": "" },
    })
}

/// What `document` expects, observation by observation (the opening TestInitiated left out).
pub fn expectations(document: &Value) -> Vec<Expected> {
    let observations = document["Observations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    observations
        .iter()
        .filter(|o| o["Event"]["Type"] == "MessageReceived")
        .map(|o| {
            let actions = o["Actions"].as_array().cloned().unwrap_or_default();
            Expected {
                id: o["Identifier"].as_str().unwrap_or_default().to_string(),
                text: o["Event"]["Properties"]["Text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                press: actions.iter().find_map(|a| {
                    a["Parameters"]["Instruction"]["Properties"]["Value"]
                        .as_str()
                        .and_then(|v| v.chars().next())
                }),
                end: actions
                    .iter()
                    .any(|a| a["Parameters"]["Command"]["Type"] == "EndTest"),
            }
        })
        .collect()
}

/// Who answers the Lambda in `document` (its Metadata.Lambda).
pub fn lambda_use(document: &Value) -> Option<LambdaUse> {
    match document["Metadata"]["Lambda"].as_str()? {
        "real" => Some(LambdaUse::Real),
        "mocked" => Some(LambdaUse::Mocked),
        "fails" => Some(LambdaUse::Fails),
        _ => None,
    }
}

/// The mocked answer in `document`'s override: the answer map, or the error it reports.
pub fn mock_answer(document: &Value) -> Option<Result<HashMap<String, String>, String>> {
    let start = document["Observations"].get(0)?;
    let action = start["Actions"]
        .as_array()?
        .iter()
        .find(|a| a["Type"] == "OverrideSystemBehavior")?;
    let response = &action["Parameters"]["Behavior"]["Properties"]["Strategy"]["Response"];
    match response["Type"].as_str()? {
        "ExecutionResult" => {
            let data = response["ExecutionResult"][MOCK_DATA_KEY].as_str()?;
            serde_json::from_str(data).ok().map(Ok)
        }
        "Error" => Some(Err(response["Error"]["Value"].as_str()?.to_string())),
        _ => None,
    }
}

/// `document` with the call-handler's ARN in place of the placeholder, as the run sends it.
pub fn with_lambda_arn(document: &str, function_arn: &str) -> String {
    document.replace(LAMBDA_ARN_PLACEHOLDER, function_arn)
}
