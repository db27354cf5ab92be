//! A rendered Amazon Connect flow as JSON, for tests that break one action on purpose.

use serde_json::Value;

/// The flow JSON text as a value; panics when it is not JSON (the renderer's output always is).
pub fn parse(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or_else(|error| panic!("the flow is not JSON: {error}"))
}

/// The action with `identifier` in a flow value (mutable).
pub fn action_mut<'a>(flow: &'a mut Value, identifier: &str) -> &'a mut Value {
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
