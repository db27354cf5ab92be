//! The simulator's Lambda step: the real call-handler code behind the interpreter's
//! [`Lambda`] trait, fed a Connect-shaped `ContactFlowEvent`.
//!
//! Which store the handler talks to is the caller's choice ([`Backend`]); this module only
//! builds the event, runs the async handler on a small runtime within the flow's time limit,
//! and turns a timeout or `--lambda-fails` into the failure Connect would see. With
//! `--profile-search-fails` it tells the caller's profile source, before each invocation,
//! whether that invocation's search fails ([`ProfileSearchFails`]).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, SystemTime};

use call_handler::connect_event::ContactFlowEvent;
use call_handler::profile::KnownProfile;
use call_handler::settings::Settings;
#[cfg(feature = "aws")]
use call_handler::store::DynamoStore;
use call_handler::store::{CallerStore, MemoryStore, UnavailableStore};
use serde_json::{json, Value};
use vanity_engine::contract::{self, Invocation};

use super::interpreter::{Contact, Lambda};

/// Where the handler keeps calls during the simulation.
pub enum Backend {
    Memory(MemoryStore),
    #[cfg(feature = "aws")]
    Dynamo {
        store: DynamoStore,
        endpoint: String,
    },
    Unavailable,
}

impl Backend {
    /// One line for the transcript header.
    pub fn describe(&self) -> String {
        match self {
            Backend::Memory(_) => {
                "in-memory store (set AWS_ENDPOINT_URL to use a local DynamoDB)".to_string()
            }
            #[cfg(feature = "aws")]
            Backend::Dynamo { endpoint, .. } => format!("DynamoDB at {endpoint}"),
            Backend::Unavailable => "unreachable (--dynamodb-down)".to_string(),
        }
    }
}

/// Which of the handler's Customer Profiles searches fail (`--profile-search-fails`): the
/// one in the lookup, the one in the choice, or both. A failed search is the source's
/// throttle ([`KnownProfile::fail_searches`]); the handler does the rest as in the Lambda.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProfileSearchFails {
    pub lookup: bool,
    pub choice: bool,
}

impl ProfileSearchFails {
    /// Whether the search of an invocation with these parameters fails. Only the lookup and
    /// the choice search; another number's lookup is stateless and searches no profile.
    fn at(self, parameters: &BTreeMap<String, String>) -> bool {
        let action = parameters.get(contract::ACTION).map(String::as_str);
        match Invocation::parse(action) {
            Some(Invocation::Lookup) => self.lookup,
            Some(Invocation::Choose) => self.choice,
            Some(Invocation::AnotherNumber) | None => false,
        }
    }
}

/// The real handler, as the flow's InvokeLambdaFunction reaches it.
pub struct HandlerLambda<'a> {
    pub runtime: &'a tokio::runtime::Runtime,
    pub backend: &'a Backend,
    pub settings: Settings,
    /// Simulate an invocation failure without running the handler.
    pub fails: bool,
    /// Set this key of answer number `breaks_answer` (from 0) to this value (see
    /// `Scenario::lambda_breaks_contract`).
    pub breaks_contract: Option<(String, String)>,
    pub breaks_answer: usize,
    /// Answers given so far.
    pub answered: usize,
    /// Connect's id for this contact; retries within one call share it.
    pub contact_id: String,
    pub now: SystemTime,
    /// The caller's profile, if any (`--profile`), searched as the SDK would be.
    pub profiles: KnownProfile,
    /// Which of its searches fail.
    pub profile_search_fails: ProfileSearchFails,
}

impl Lambda for HandlerLambda<'_> {
    fn invoke(
        &mut self,
        contact: &Contact,
        parameters: &BTreeMap<String, String>,
        time_limit_seconds: u32,
    ) -> Result<HashMap<String, String>, String> {
        if self.fails {
            return Err("simulated failure (--lambda-fails)".to_string());
        }
        self.profiles
            .fail_searches(self.profile_search_fails.at(parameters));
        let event = connect_event(&self.contact_id, contact, parameters);
        let limit = Duration::from_secs(u64::from(time_limit_seconds));
        let answer = match self.backend {
            Backend::Memory(store) => self.answer(&event, store, limit),
            #[cfg(feature = "aws")]
            Backend::Dynamo { store, .. } => self.answer(&event, store, limit),
            Backend::Unavailable => self.answer(&event, &UnavailableStore, limit),
        };
        let mut answer = answer.ok_or_else(|| {
            format!("no answer within InvocationTimeLimitSeconds ({time_limit_seconds} s)")
        })?;
        if self.answered == self.breaks_answer {
            if let Some((key, value)) = self.breaks_contract.take() {
                answer.insert(key, value);
            }
        }
        self.answered += 1;
        Ok(answer)
    }
}

impl HandlerLambda<'_> {
    fn answer<S: CallerStore>(
        &self,
        event: &Value,
        store: &S,
        limit: Duration,
    ) -> Option<HashMap<String, String>> {
        let handled = call_handler::handle_with_profiles(
            event,
            store,
            &self.profiles,
            &self.settings,
            self.now,
        );
        self.runtime
            .block_on(async { tokio::time::timeout(limit, handled).await.ok() })
    }
}

/// The event Connect sends for a voice contact (`call_handler::connect_event`, the one
/// builder the tests and fixtures share).
pub fn connect_event(
    contact_id: &str,
    contact: &Contact,
    parameters: &BTreeMap<String, String>,
) -> Value {
    ContactFlowEvent::new(contact_id, contact.caller.clone())
        .attributes(json!(contact.attributes))
        .parameters(json!(parameters))
        .build()
}
