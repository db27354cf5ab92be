//! Whether a test case agrees with the simulator: replays a document through the rendered flow
//! with the simulator's model of a test case ([`crate::simulate::replay`]: each Lambda override
//! used once, in order, the real handler after the last; a failed invocation retried through
//! the queue, or not retried, since no page says which) and reports every expectation the
//! simulator contradicts.
//!
//! [`cases`](super::cases) builds documents from these same replays, so a freshly rendered case
//! agrees by construction; what this catches is a committed or edited case that no longer
//! matches the flow (a changed prompt, a key that now leads elsewhere, a mock the flow reads
//! differently, one override too few for the Lambda calls the call makes).

use crate::config::Config;
use crate::simulate::replay::{self, Answer, Retries};
use crate::simulate::transcript::{Transcript, What};

use super::document::Document;
use super::expected::{self, Expected, Heard};
use super::{LambdaUse, CALLER};

/// Every way `document` disagrees with the simulator running `flow_json`; empty when none.
pub fn check(
    flow_json: &str,
    config: &Config,
    document: &Document,
    runtime: &tokio::runtime::Runtime,
) -> Vec<String> {
    let name = document.metadata.scenario.as_str();
    let expected = expected::in_document(document);
    let presses: String = expected.iter().filter_map(|e| e.press.as_deref()).collect();
    let (transcripts, left_over) = match transcripts(flow_json, config, document, &presses, runtime)
    {
        Ok(both) => both,
        Err(problem) => return vec![format!("{name}: {problem}")],
    };
    let mut problems: Vec<String> = left_over
        .map(|p| format!("{name}: {p}"))
        .into_iter()
        .collect();
    let exact = document.metadata.lambda != LambdaUse::Real;
    for transcript in &transcripts {
        if let Some(problem) = contradiction(&expected, &expected::heard(transcript), exact) {
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

/// The calls the document's run may make: with the real Lambda, a first-time and a returning
/// caller; with overrides, the one call they script, with failures retried and not; and what
/// is wrong with the overrides those calls leave unused.
fn transcripts(
    flow_json: &str,
    config: &Config,
    document: &Document,
    presses: &str,
    runtime: &tokio::runtime::Runtime,
) -> Result<(Vec<Transcript>, Option<String>), String> {
    let overrides = overrides(document)?;
    match document.metadata.lambda {
        LambdaUse::Real if overrides.is_empty() => {
            replay::first_and_returning(flow_json, config, CALLER, presses, runtime)
                .map(|pair| (pair.to_vec(), None))
                .map_err(|error| format!("the simulator could not run it: {error}"))
        }
        LambdaUse::Real => Err("Metadata.Lambda is real, yet it overrides the Lambda".into()),
        LambdaUse::Mocked | LambdaUse::Fails if overrides.is_empty() => {
            Err("Metadata.Lambda says the Lambda is mocked, and no override mocks it".to_string())
        }
        LambdaUse::Mocked | LambdaUse::Fails => {
            let call = |retries| {
                replay::test_call(
                    flow_json,
                    config,
                    CALLER,
                    presses,
                    overrides.clone(),
                    retries,
                    runtime,
                )
                .map_err(|error| format!("the simulator could not run it: {error}"))
            };
            let retried = call(Retries::AsDocumented)?;
            let unretried = call(Retries::None)?;
            let problem = left_over(&retried.unused, &unretried.unused).err();
            Ok((vec![retried.transcript, unretried.transcript], problem))
        }
    }
}

/// Why the overrides a call leaves unused are wrong: when Connect retries failures (`retried`),
/// every override must be used; when it does not (`unretried`), only error overrides may be
/// left, the ones that stand for the retries it did not make.
fn left_over(retried: &[Answer], unretried: &[Answer]) -> Result<(), String> {
    if !retried.is_empty() {
        return Err(format!(
            "{} Lambda override(s) are left over: the call invokes the Lambda fewer times than the case overrides it",
            retried.len()
        ));
    }
    match unretried.iter().filter(|answer| answer.is_ok()).count() {
        0 => Ok(()),
        answers => Err(format!(
            "{answers} Lambda answer override(s) are left over if Connect does not retry a mocked error: only error overrides may stand for retries"
        )),
    }
}

/// The answers of the document's Lambda overrides, in the order the service queues them.
fn overrides(document: &Document) -> Result<Vec<Answer>, String> {
    document
        .lambda_overrides()
        .into_iter()
        .map(|response| response.answer())
        .collect()
}

/// The first way `expected` is not what the simulator `heard` (in order; all of it when
/// `exact`), as one phrase.
fn contradiction(expected: &[Expected], heard: &[Heard], exact: bool) -> Option<String> {
    let mut rest = heard.iter();
    for want in expected {
        match rest.by_ref().find(|got| want.matches(got)) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_error_overrides_may_stand_for_retries_connect_did_not_make() {
        let error: Answer = Err("NoMatchingError".to_string());
        let answer: Answer = Ok([("status".to_string(), "OK".to_string())].into());
        assert_eq!(left_over(&[], &[error.clone(), error.clone()]), Ok(()));
        assert_eq!(left_over(&[], &[]), Ok(()));
        let unretried = left_over(&[], &[error.clone(), answer.clone()]);
        assert!(
            unretried
                .as_ref()
                .is_err_and(|e| e.contains("1 Lambda answer override(s)")),
            "{unretried:?}"
        );
        let retried = left_over(&[error], &[]);
        assert!(
            retried
                .as_ref()
                .is_err_and(|e| e.contains("1 Lambda override(s) are left over")),
            "{retried:?}"
        );
    }
}
