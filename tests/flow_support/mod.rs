//! Shared by the flow and call tests: the config they run against.
//!
//! Everything runs against the committed vanity.yaml, so the goldens show what users get.

#![allow(dead_code)]

use connect_vanity::config::{load_str, Config};

/// The committed vanity.yaml, loaded the way the CLI loads it.
pub fn config() -> Config {
    match load_str(include_str!("../../vanity.yaml"), "vanity.yaml") {
        Ok(config) => config,
        Err(error) => panic!("the committed vanity.yaml does not load: {error}"),
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
