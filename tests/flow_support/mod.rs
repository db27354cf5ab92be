//! Shared by the flow and call tests: the config they run against.
//!
//! Mirrors the committed vanity.yaml in code so the tests do not depend on the YAML loader.

#![allow(dead_code)]

use std::collections::BTreeMap;

use connect_vanity::config::{
    Architecture, Config, Instance, LambdaSettings, Link, Menu, NumberType, PhoneNumber, Results,
    TableSettings, Voice, VoiceEngine, Wording,
};

/// A config shaped like the committed vanity.yaml.
pub fn config() -> Config {
    Config {
        name: "vanity-line".into(),
        region: "us-east-1".into(),
        tags: BTreeMap::from([("project".to_string(), "connect-vanity".to_string())]),
        instance: Instance::Create { alias: "vanity-line-demo".into() },
        phone_number: PhoneNumber::Claim {
            country: "US".into(),
            kind: NumberType::TollFree,
            prefix: Some("+1800".into()),
            link: Link::Lambda,
        },
        voice: Voice { name: "Joanna".into(), engine: VoiceEngine::Neural },
        wording: Wording {
            greeting: "Thanks for calling the vanity number line.".into(),
            welcome_back: "Welcome back, it's good to hear from you again.".into(),
            intro: "Here are the best vanity numbers for the phone number you are calling from.".into(),
            menu: "To hear two more, press 1. To hear them again, press 2.".into(),
            invalid_key: "Sorry, that is not one of the choices.".into(),
            goodbye: "Thanks for calling. Goodbye.".into(),
            no_caller_id: "We can't see the number you are calling from, so we can't find words for it.".into(),
            invalid_number: "Sorry, we can't find vanity numbers for the number you are calling from.".into(),
            no_matches: "We looked hard, but no words fit the number you are calling from.".into(),
            error: "Sorry, something went wrong while we were looking up your number. Please try again later.".into(),
        },
        results: Results { speak: 3, store: 5 },
        menu: Menu { timeout_seconds: 5 },
        lambda: LambdaSettings {
            memory_mb: 256,
            timeout_seconds: 6,
            architecture: Architecture::X86_64,
            log_retention_days: 365,
        },
        table: TableSettings { name: "vanity-line-callers".into(), ttl_days: 90 },
    }
}

/// The rendered default flow as a JSON value, for tests that break it on purpose.
pub fn flow_value(config: &Config) -> serde_json::Value {
    serde_json::from_str(&connect_vanity::flow::render_json(config))
        .unwrap_or(serde_json::Value::Null)
}

/// The action with `identifier` in a flow value (mutable), for tests that break one action.
pub fn action_mut<'a>(
    flow: &'a mut serde_json::Value,
    identifier: &str,
) -> &'a mut serde_json::Value {
    let actions = flow["Actions"]
        .as_array_mut()
        .map(|a| a.as_mut_slice())
        .unwrap_or_default();
    match actions
        .iter_mut()
        .find(|action| action["Identifier"] == identifier)
    {
        Some(action) => action,
        None => panic!("no action {identifier:?} in the flow"),
    }
}
