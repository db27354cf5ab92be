//! The simulator's model of an Amazon Connect test case: a call from a test contact in which
//! the Lambda's answers are overridden the way the service documents it.
//!
//! "The override applies only once to that specific resource ... After that single use, the
//! override is consumed, and subsequent invocations will behave normally—unless you've
//! configured additional overrides." and "If you configure multiple overrides for the same
//! resource in sequence, they work like a "queue" (first in, first out)." (admin guide,
//! Override system behavior actions,
//! <https://docs.aws.amazon.com/connect/latest/adminguide/testing-simulation-action-override.html>).
//! So [`Overridden`] answers each invocation with the next override and, once none is left,
//! hands the invocation to the real call-handler, as the deployed function would get it.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::SystemTime;

use crate::config::Config;

use super::interpreter::{self, Contact, Lambda, SimulateError};
use super::lambda::{Backend, HandlerLambda};
use super::transcript::Transcript;
use super::{
    contact_id, handler_settings, seed_earlier_call, simulate_json, EarlierCall, Scenario,
};

/// One overridden answer: the Lambda's string map, or the error it reports.
pub type Answer = Result<HashMap<String, String>, String>;

/// A Lambda whose invocations take the queued overrides first, one each, then reach `real`.
pub struct Overridden<'a> {
    pending: VecDeque<Answer>,
    real: &'a mut dyn Lambda,
}

impl<'a> Overridden<'a> {
    pub fn new(overrides: Vec<Answer>, real: &'a mut dyn Lambda) -> Self {
        Overridden {
            pending: overrides.into(),
            real,
        }
    }

    /// How many overrides no invocation consumed.
    pub fn left(&self) -> usize {
        self.pending.len()
    }
}

impl Lambda for Overridden<'_> {
    fn invoke(
        &mut self,
        contact: &Contact,
        parameters: &BTreeMap<String, String>,
        time_limit_seconds: u32,
    ) -> Answer {
        match self.pending.pop_front() {
            Some(answer) => answer,
            None => self.real.invoke(contact, parameters, time_limit_seconds),
        }
    }
}

/// What a test call did: the transcript, and how many overrides it left unconsumed.
pub struct TestCall {
    pub transcript: Transcript,
    pub overrides_left: usize,
}

/// A test contact from `caller` pressing `presses` through `flow_json`, the Lambda answering
/// from `overrides` in order and then as the handler deployed from `config` would, with an
/// empty table (a test contact is a new contact, so the table holds nothing of it).
pub fn test_call(
    flow_json: &str,
    config: &Config,
    caller: &str,
    presses: &str,
    overrides: Vec<Answer>,
    runtime: &tokio::runtime::Runtime,
) -> Result<TestCall, SimulateError> {
    let flow = crate::flow::parse(flow_json)?;
    let backend = Backend::Memory(Default::default());
    let mut handler = HandlerLambda {
        runtime,
        backend: &backend,
        settings: handler_settings(config),
        fails: false,
        breaks_contract: None,
        contact_id: contact_id(),
        now: SystemTime::now(),
    };
    let mut lambda = Overridden::new(overrides, &mut handler);
    let contact = Contact {
        caller: Some(caller.to_string()),
        attributes: Default::default(),
    };
    let transcript = interpreter::run(&flow, contact, presses, None, &mut lambda)?;
    Ok(TestCall {
        transcript,
        overrides_left: lambda.left(),
    })
}

/// The real handler's transcripts for a caller from `caller` pressing `presses`: a first-time
/// caller, and one who called the day before and kept result 1. A deployed table may remember
/// the test caller from an earlier run, so what a live run with the real Lambda expects must
/// hold for both.
pub fn first_and_returning(
    flow_json: &str,
    config: &Config,
    caller: &str,
    presses: &str,
    runtime: &tokio::runtime::Runtime,
) -> Result<[Transcript; 2], SimulateError> {
    let scenario = Scenario {
        number: Some(caller.to_string()),
        presses: presses.to_string(),
        ..Scenario::default()
    };
    let fresh = Backend::Memory(Default::default());
    let first = simulate_json(flow_json, config, &scenario, &fresh, runtime)?;
    let returning = Backend::Memory(Default::default());
    let earlier = EarlierCall { chose: Some(1) };
    runtime.block_on(seed_earlier_call(&returning, config, caller, earlier));
    let again = simulate_json(flow_json, config, &scenario, &returning, runtime)?;
    Ok([first, again])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers with the number of the invocation that reached it.
    struct Counting(usize);

    impl Lambda for Counting {
        fn invoke(&mut self, _: &Contact, _: &BTreeMap<String, String>, _: u32) -> Answer {
            self.0 += 1;
            Ok([("real".to_string(), self.0.to_string())].into())
        }
    }

    fn answer(value: &str) -> Answer {
        Ok([("mock".to_string(), value.to_string())].into())
    }

    #[test]
    fn overrides_are_used_once_each_in_order_then_the_real_function_answers() {
        let mut real = Counting(0);
        let mut lambda = Overridden::new(
            vec![answer("first"), Err("NoMatchingError".into())],
            &mut real,
        );
        let contact = Contact::default();
        let mut call = || lambda.invoke(&contact, &BTreeMap::new(), 8);
        assert_eq!(call(), answer("first"));
        assert_eq!(call(), Err("NoMatchingError".to_string()));
        assert_eq!(call(), Ok([("real".to_string(), "1".to_string())].into()));
        assert_eq!(call(), Ok([("real".to_string(), "2".to_string())].into()));
        assert_eq!(lambda.left(), 0);
        assert_eq!(
            real.0, 2,
            "only the invocations with no override left reach it"
        );
    }
}
