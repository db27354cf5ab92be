//! The simulator's view of a test case: replays a Testing-language document through the
//! rendered flow, with the Lambda answering as the document's override says, and reports every
//! expectation the simulator contradicts.
//!
//! [`cases`](super::cases) builds documents from these same replays, so a freshly rendered case
//! agrees by construction; what this catches is a committed or edited case that no longer
//! matches the flow (a changed prompt, a key that now leads elsewhere, a mock the flow reads
//! differently).

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::config::Config;
use crate::simulate::interpreter::{self, Contact, Lambda, SimulateError};
use crate::simulate::lambda::Backend;
use crate::simulate::transcript::{Transcript, What};
use crate::simulate::{self, EarlierCall, Scenario};

use super::cases::{self, Expected};
use super::{LambdaUse, CALLER};

/// A Lambda that gives every invocation the same answer, as an InvokeLambdaFunction override
/// does for every block that names the overridden ARN. Whether one override covers every
/// invocation of that ARN in a flow is not documented (UNCONFIRMED; the guide's reading of
/// <https://docs.aws.amazon.com/connect/latest/APIReference/testing-language-actions-override-system-behavior.html>).
pub struct MockLambda {
    pub answer: Result<HashMap<String, String>, String>,
}

impl Lambda for MockLambda {
    fn invoke(
        &mut self,
        _contact: &Contact,
        _parameters: &BTreeMap<String, String>,
        _time_limit_seconds: u32,
    ) -> Result<HashMap<String, String>, String> {
        self.answer.clone()
    }
}

/// Runs `flow_json` for a caller from `caller` with `lambda`, pressing `presses`.
pub fn replay(
    flow_json: &str,
    caller: &str,
    presses: &str,
    lambda: &mut dyn Lambda,
) -> Result<Transcript, SimulateError> {
    let flow = crate::flow::parse(flow_json)?;
    let contact = Contact {
        caller: Some(caller.to_string()),
        attributes: Default::default(),
    };
    interpreter::run(&flow, contact, presses, None, lambda)
}

/// The real handler's transcripts for `presses`: a first-time caller and one who called before
/// and kept result 1. The deployed table remembers callers, so a live run with the real Lambda
/// is either, and its expectations must hold for both.
pub fn real_transcripts(
    flow_json: &str,
    config: &Config,
    presses: &str,
    runtime: &tokio::runtime::Runtime,
) -> Result<[Transcript; 2], SimulateError> {
    let scenario = Scenario {
        number: Some(CALLER.to_string()),
        presses: presses.to_string(),
        ..Scenario::default()
    };
    let fresh = Backend::Memory(Default::default());
    let first = simulate::simulate_json(flow_json, config, &scenario, &fresh, runtime)?;
    let returning = Backend::Memory(Default::default());
    let earlier = EarlierCall { chose: Some(1) };
    runtime.block_on(simulate::seed_earlier_call(
        &returning, config, CALLER, earlier,
    ));
    let again = simulate::simulate_json(flow_json, config, &scenario, &returning, runtime)?;
    Ok([first, again])
}

/// Every way `document` disagrees with the simulator running `flow_json`; empty when none.
pub fn check(
    flow_json: &str,
    config: &Config,
    document: &Value,
    runtime: &tokio::runtime::Runtime,
) -> Vec<String> {
    let name = document["Metadata"]["Scenario"].as_str().unwrap_or("?");
    let expected = cases::expectations(document);
    let presses: String = expected.iter().filter_map(|e| e.press).collect();
    let mut problems = Vec::new();
    let transcripts = match cases::lambda_use(document) {
        Some(LambdaUse::Real) => {
            real_transcripts(flow_json, config, &presses, runtime).map(|pair| pair.to_vec())
        }
        Some(_) => match cases::mock_answer(document) {
            Some(answer) => replay(flow_json, CALLER, &presses, &mut MockLambda { answer })
                .map(|transcript| vec![transcript]),
            None => {
                return vec![format!(
                    "{name}: the Lambda override is missing or not a MockResponse this tool reads"
                )]
            }
        },
        None => {
            return vec![format!(
                "{name}: Metadata.Lambda is not real, mocked or fails"
            )]
        }
    };
    let transcripts = match transcripts {
        Ok(transcripts) => transcripts,
        Err(error) => return vec![format!("{name}: the simulator could not run it: {error}")],
    };
    let exact = cases::lambda_use(document) != Some(LambdaUse::Real);
    for transcript in &transcripts {
        let heard = cases::observed(transcript);
        if let Some(problem) = contradiction(&expected, &heard, exact) {
            problems.push(format!("{name}: {problem}"));
        }
        if !ends(transcript) {
            problems.push(format!("{name}: the simulated call does not end"));
        }
    }
    if expected.last().is_none_or(|last| !last.end) {
        problems.push(format!(
            "{name}: the last observation does not end the test (EndTest)"
        ));
    }
    problems
}

/// The first way `expected` is not what the simulator `heard` (in order; all of it when
/// `exact`), as one phrase.
fn contradiction(expected: &[Expected], heard: &[Expected], exact: bool) -> Option<String> {
    let mut rest = heard.iter();
    for want in expected {
        let found = rest.by_ref().find(|got| got.text == want.text);
        match found {
            None => {
                return Some(format!(
                    "expects to hear {:?} ({}), which the simulator does not say at that point",
                    want.text, want.id
                ))
            }
            Some(got) if got.press != want.press => {
                return Some(format!(
                    "presses {:?} after {:?}, the simulator pressed {:?} there",
                    want.press, want.id, got.press
                ))
            }
            Some(_) => {}
        }
    }
    if exact && heard.len() != expected.len() {
        return Some(format!(
            "expects {} prompts, the simulator says {}",
            expected.len(),
            heard.len()
        ));
    }
    None
}

fn ends(transcript: &Transcript) -> bool {
    matches!(
        transcript.events.last().map(|e| &e.what),
        Some(What::Disconnected)
    )
}
