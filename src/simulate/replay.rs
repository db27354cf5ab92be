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
//!
//! A failed invocation is tried again: "When a Lambda invocation returns an error, Amazon
//! Connect retries up to three times, for maximum until timeout specified. At that point, the
//! contact is routed down the Error branch." (admin guide, Invoke AWS Lambda function block,
//! <https://docs.aws.amazon.com/connect/latest/adminguide/invoke-lambda-function-block.html>).
//! Whether a retry of an invocation an override answered takes the next override is not
//! written anywhere (UNCONFIRMED), so [`Retries`] runs a call under either reading: each retry
//! takes the next override (or the real function when none is left), or no retry is made.

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

/// How many times Connect tries a failed invocation again (the page cited above).
pub const CONNECT_RETRIES: usize = 3;

/// Whether the simulated service retries an invocation that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retries {
    /// Up to [`CONNECT_RETRIES`] more attempts after a failure, each one an invocation.
    AsDocumented,
    /// A failed invocation is not retried.
    None,
}

/// A Lambda whose invocations take the queued overrides first, one each, then reach `real`.
pub struct Overridden<'a> {
    pending: VecDeque<Answer>,
    real: &'a mut dyn Lambda,
    retries: Retries,
}

impl<'a> Overridden<'a> {
    pub fn new(overrides: Vec<Answer>, real: &'a mut dyn Lambda, retries: Retries) -> Self {
        Overridden {
            pending: overrides.into(),
            real,
            retries,
        }
    }

    /// One attempt: the next override, or the real function when none is left.
    fn attempt(
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

    /// The overrides no invocation consumed, in order.
    pub fn unused(&self) -> Vec<Answer> {
        self.pending.iter().cloned().collect()
    }
}

impl Lambda for Overridden<'_> {
    fn invoke(
        &mut self,
        contact: &Contact,
        parameters: &BTreeMap<String, String>,
        time_limit_seconds: u32,
    ) -> Answer {
        let retries = match self.retries {
            Retries::AsDocumented => CONNECT_RETRIES,
            Retries::None => 0,
        };
        let mut answer = self.attempt(contact, parameters, time_limit_seconds);
        for _ in 0..retries {
            if answer.is_ok() {
                break;
            }
            answer = self.attempt(contact, parameters, time_limit_seconds);
        }
        answer
    }
}

/// What a test call did: the transcript, and the overrides it left unconsumed.
pub struct TestCall {
    pub transcript: Transcript,
    pub unused: Vec<Answer>,
}

/// A test contact from `caller` pressing `presses` through `flow_json`, the Lambda answering
/// from `overrides` in order and then as the handler deployed from `config` would, with an
/// empty table (a test contact is a new contact, so the table holds nothing of it), with
/// failed invocations retried as `retries` says.
pub fn test_call(
    flow_json: &str,
    config: &Config,
    caller: &str,
    presses: &str,
    overrides: Vec<Answer>,
    retries: Retries,
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
        breaks_answer: 0,
        answered: 0,
        contact_id: contact_id(),
        now: SystemTime::now(),
        profiles: Default::default(),
        profile_search_fails: Default::default(),
    };
    let mut lambda = Overridden::new(overrides, &mut handler, retries);
    let contact = Contact {
        caller: Some(caller.to_string()),
        ..Contact::default()
    };
    let transcript = interpreter::run(&flow, contact, presses, None, &mut lambda)?;
    Ok(TestCall {
        transcript,
        unused: lambda.unused(),
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
            Retries::None,
        );
        let contact = Contact::default();
        let mut call = || lambda.invoke(&contact, &BTreeMap::new(), 8);
        assert_eq!(call(), answer("first"));
        assert_eq!(call(), Err("NoMatchingError".to_string()));
        assert_eq!(call(), Ok([("real".to_string(), "1".to_string())].into()));
        assert_eq!(call(), Ok([("real".to_string(), "2".to_string())].into()));
        assert!(lambda.unused().is_empty());
        assert_eq!(
            real.0, 2,
            "only the invocations with no override left reach it"
        );
    }

    fn failed() -> Answer {
        Err("NoMatchingError".to_string())
    }

    #[test]
    fn a_failure_is_retried_through_the_queue_and_reaches_the_real_function_without_enough_errors()
    {
        let contact = Contact::default();
        let mut real = Counting(0);
        let mut lambda = Overridden::new(vec![failed()], &mut real, Retries::AsDocumented);
        assert_eq!(
            lambda.invoke(&contact, &BTreeMap::new(), 8),
            Ok([("real".to_string(), "1".to_string())].into()),
            "one error override covers only the first attempt; the retry reaches the function"
        );
        let mut real = Counting(0);
        let covered = vec![failed(); 1 + CONNECT_RETRIES];
        let mut lambda = Overridden::new(covered, &mut real, Retries::AsDocumented);
        assert_eq!(lambda.invoke(&contact, &BTreeMap::new(), 8), failed());
        assert!(lambda.unused().is_empty());
        assert_eq!(real.0, 0, "every attempt took an override");
        let mut real = Counting(0);
        let mut lambda = Overridden::new(vec![failed(); 4], &mut real, Retries::None);
        assert_eq!(lambda.invoke(&contact, &BTreeMap::new(), 8), failed());
        assert_eq!(lambda.unused().len(), 3);
    }
}
