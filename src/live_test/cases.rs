//! Builds one Testing-language document per live scenario from the simulator's calls of that
//! scenario.
//!
//! Each prompt the simulated caller hears becomes a `MessageReceived` observation
//! ([`super::expected`] says how a prompt with pauses is expected); each key the caller
//! presses becomes a `SendInstruction` with `DtmfInput` on the prompt before it; the last
//! prompt ends the test (`TestControl` `EndTest`), so a passing test never waits out the
//! 5-minute limit. A mocked scenario queues one Lambda override per invocation the call makes,
//! in order, since the service uses each override once (admin guide, Override system behavior
//! actions: <https://docs.aws.amazon.com/connect/latest/adminguide/testing-simulation-action-override.html>);
//! a failing invocation gets one error override per attempt Connect may make
//! (1 + [`replay::CONNECT_RETRIES`]), so a retry never reaches the real function.
//! The expectations come from replaying the finished document through the simulator's model
//! of a test case ([`crate::simulate::replay`]), so a rendered case agrees with it by
//! construction. Shapes:
//! <https://docs.aws.amazon.com/connect/latest/APIReference/testing-language-events-message-received.html>,
//! <https://docs.aws.amazon.com/connect/latest/APIReference/testing-language-actions-send-instruction.html>,
//! <https://docs.aws.amazon.com/connect/latest/APIReference/testing-language-actions-test-control.html>.

use anyhow::Context;

use crate::config::Config;
use crate::flow::LAMBDA_ARN_PLACEHOLDER;
use crate::simulate::replay::{self, Answer};
use crate::simulate::transcript::What;

use super::document::{
    Action, ActionTransitions, Behavior, Command, CommandType, Document, Event, EventProperties,
    EventType, ExecutionResult, Instruction, InstructionProperties, InstructionType,
    MatchingCriteria, Metadata, MockError, MockResponse, Observation, ObservationTransitions,
    OverriddenAction, Override, SendInstruction, Strategy, TestControl,
};
use super::expected::{self, Expected};
use super::language::VERSIONS;
use super::{mocked_profile, scenarios, LambdaUse, LiveScenario, CALLER, MOCKED_FOR};

/// The error a mocked failure reports. Documented values: `TimeLimitExceeded`,
/// `NoMatchingError` (override-system-behavior page); the flow's error branch takes either.
pub const MOCK_ERROR: &str = "NoMatchingError";

/// The identifier of the observation that opens every test case.
const START: &str = "start";

/// Every live scenario's document for `config` ([`scenarios`]), as (file under the output
/// directory, pretty JSON + "\n").
pub fn render_all(config: &Config, flow_json: &str) -> anyhow::Result<Vec<(&'static str, String)>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime the simulator runs the handler on")?;
    scenarios(config)
        .iter()
        .map(|scenario| {
            let document = build(config, flow_json, scenario, &runtime).with_context(|| {
                format!(
                    "simulating live scenario {:?} for its test case",
                    scenario.name
                )
            })?;
            Ok((scenario.file, document.to_json()))
        })
        .collect()
}

/// The document for `scenario`: overrides and expectations from the simulator on `flow_json`.
pub fn build(
    config: &Config,
    flow_json: &str,
    scenario: &LiveScenario,
    runtime: &tokio::runtime::Runtime,
) -> anyhow::Result<Document> {
    if scenario.lambda == LambdaUse::Real {
        let expected = real_expectations(config, flow_json, scenario, runtime)?;
        return Ok(document(scenario, &expected, &[]));
    }
    let overrides = answers(config, flow_json, scenario, runtime)?;
    let call = replay::test_call(
        flow_json,
        config,
        CALLER,
        scenario.presses,
        overrides.clone(),
        replay::Retries::AsDocumented,
        runtime,
    )?;
    let expected = expected::heard(&call.transcript)
        .iter()
        .map(expected::Heard::expectation)
        .collect::<Vec<_>>();
    Ok(document(scenario, &expected, &overrides))
}

/// Only what a first-time and a returning caller both hear, in order: the deployed table may
/// remember the test caller from an earlier run.
fn real_expectations(
    config: &Config,
    flow_json: &str,
    scenario: &LiveScenario,
    runtime: &tokio::runtime::Runtime,
) -> anyhow::Result<Vec<Expected>> {
    let [first, again] =
        replay::first_and_returning(flow_json, config, CALLER, scenario.presses, runtime)?;
    let common = expected::heard(&again);
    let mut expected: Vec<Expected> = expected::heard(&first)
        .iter()
        .filter(|e| {
            common
                .iter()
                .any(|c| c.text == e.text && c.press == e.press)
        })
        .map(expected::Heard::expectation)
        .collect();
    if let Some(last) = expected.last_mut() {
        last.end = true;
    }
    Ok(expected)
}

/// Every answer the Lambda gives during the scenario, in order (the look-up and, when the
/// caller keeps a result, the choice), as the real handler gives them to a caller from
/// [`MOCKED_FOR`] (whose number finds [`mocked_profile`] when the scenario has a profile); for
/// a failing Lambda, the mocked error for each attempt at each invocation.
fn answers(
    config: &Config,
    flow_json: &str,
    scenario: &LiveScenario,
    runtime: &tokio::runtime::Runtime,
) -> anyhow::Result<Vec<Answer>> {
    let simulated = crate::simulate::Scenario {
        number: (!scenario.withheld).then(|| MOCKED_FOR.to_string()),
        presses: scenario.presses.to_string(),
        lambda_fails: scenario.lambda == LambdaUse::Fails,
        profile: scenario.profile.then(mocked_profile),
        ..Default::default()
    };
    let backend = crate::simulate::lambda::Backend::Memory(Default::default());
    let transcript =
        crate::simulate::simulate_json(flow_json, config, &simulated, &backend, runtime)?;
    Ok(transcript
        .events
        .iter()
        .flat_map(|event| match &event.what {
            What::LambdaAnswered { response } => vec![Ok(response.clone().into_iter().collect())],
            What::LambdaFailed { .. } => {
                vec![Err(MOCK_ERROR.to_string()); 1 + replay::CONNECT_RETRIES]
            }
            _ => Vec::new(),
        })
        .collect())
}

fn document(scenario: &LiveScenario, expected: &[Expected], overrides: &[Answer]) -> Document {
    let first = expected.first().map(|e| e.id.clone());
    let mut observations = vec![Observation {
        identifier: START.to_string(),
        event: event(START, EventType::TestInitiated, EventProperties::default()),
        usage: None,
        actions: chained(overrides.iter().enumerate().map(mock_override).collect()),
        transitions: ObservationTransitions {
            next_observations: first.into_iter().collect(),
        },
    }];
    for (index, want) in expected.iter().enumerate() {
        observations.push(observation(want, expected.get(index + 1)));
    }
    Document {
        version: VERSIONS[0].to_string(),
        metadata: Metadata {
            generator: "connect-vanity render".to_string(),
            scenario: scenario.name.to_string(),
            description: format!("The caller {}.", scenario.what),
            source_phone_number: CALLER.to_string(),
            lambda: scenario.lambda,
        },
        observations,
    }
}

/// The observation expecting `want`, then `next`.
fn observation(want: &Expected, next: Option<&Expected>) -> Observation {
    let mut actions = Vec::new();
    if let Some(keys) = &want.press {
        actions.push(press(&want.id, keys));
    }
    if want.end {
        actions.push(Action::TestControl {
            identifier: format!("{}-end", want.id),
            parameters: TestControl {
                action_type: "TestControl".to_string(),
                command: Command {
                    kind: CommandType::EndTest,
                    properties: None,
                },
            },
            transitions: ActionTransitions::default(),
        });
    }
    let properties = EventProperties {
        text: Some(want.text.clone()),
        matching_criteria: Some(MatchingCriteria {
            kind: want.matching,
        }),
        ..EventProperties::default()
    };
    Observation {
        identifier: want.id.clone(),
        event: event(&want.id, EventType::MessageReceived, properties),
        usage: None,
        actions: chained(actions),
        transitions: ObservationTransitions {
            next_observations: next.map(|e| e.id.clone()).into_iter().collect(),
        },
    }
}

/// Presses `keys`: one menu key, or a whole number and its `#` in one instruction ("Value:
/// String or number representing the DTMF input", send-instruction page; that a string of
/// several keys is taken as pressed one after another is UNCONFIRMED, docs/aws-contracts.md).
fn press(id: &str, keys: &str) -> Action {
    Action::SendInstruction {
        identifier: format!("{id}-press"),
        parameters: SendInstruction {
            action_type: "SendInstruction".to_string(),
            actor: "Customer".to_string(),
            instruction: Instruction {
                kind: InstructionType::DtmfInput,
                properties: Some(InstructionProperties {
                    value: keys.to_string(),
                }),
            },
        },
        transitions: ActionTransitions::default(),
    }
}

/// `actions` with each one's NextAction naming the one after it: one order under either
/// reading of the page (the array's order, or the chain from the first).
fn chained(mut actions: Vec<Action>) -> Vec<Action> {
    let ids: Vec<String> = actions.iter().map(|a| a.identifier().to_string()).collect();
    for (index, action) in actions.iter_mut().enumerate() {
        let next = ids.get(index + 1).cloned().unwrap_or_default();
        match action {
            Action::SendInstruction { transitions, .. }
            | Action::Assert { transitions, .. }
            | Action::OverrideSystemBehavior { transitions, .. }
            | Action::TestControl { transitions, .. } => transitions.next_action = next,
        }
    }
    actions
}

fn event(id: &str, kind: EventType, properties: EventProperties) -> Event {
    Event {
        identifier: format!("{id}-event"),
        kind,
        actor: "System".to_string(),
        properties,
    }
}

/// The override that answers the `index`th call-handler invocation (from 0) with `answer`.
fn mock_override((index, answer): (usize, &Answer)) -> Action {
    let response = match answer {
        Ok(map) => MockResponse::ExecutionResult {
            execution_result: ExecutionResult {
                delay_seconds: 0,
                loaded_data: serde_json::to_string(
                    &map.iter().collect::<std::collections::BTreeMap<_, _>>(),
                )
                .unwrap_or_default(),
            },
        },
        Err(value) => MockResponse::Error {
            error: MockError {
                delay_seconds: 0,
                value: value.clone(),
            },
        },
    };
    Action::OverrideSystemBehavior {
        identifier: format!("mock-call-handler-{}", index + 1),
        parameters: Override {
            action_type: "OverrideSystemBehavior".to_string(),
            behavior: Behavior {
                kind: "FlowAction".to_string(),
                properties: OverriddenAction {
                    action_type: "InvokeLambdaFunction".to_string(),
                    action_parameters: [(
                        "LambdaFunctionARN".to_string(),
                        LAMBDA_ARN_PLACEHOLDER.to_string(),
                    )]
                    .into(),
                    strategy: Strategy::MockResponse { response },
                },
            },
        },
        transitions: ActionTransitions::default(),
    }
}

/// `document` with the call-handler's ARN in every override, as the run sends it.
pub fn with_lambda_arn(mut document: Document, function_arn: &str) -> Document {
    for observation in &mut document.observations {
        for action in &mut observation.actions {
            if let Action::OverrideSystemBehavior { parameters, .. } = action {
                for value in parameters
                    .behavior
                    .properties
                    .action_parameters
                    .values_mut()
                {
                    if value == LAMBDA_ARN_PLACEHOLDER {
                        *value = function_arn.to_string();
                    }
                }
            }
        }
    }
    document
}
