//! Amazon Connect `ContactFlowEvent`s, as the call-handler receives them: a builder for tests
//! that need a particular contact or caller, and the call-handler's fixtures by name
//! (`lambda/call-handler/tests/fixtures/`, also sent by `cargo lambda invoke --data-file`).
//!
//! The event's shape follows
//! <https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html>, as
//! `normal.json` does. The CLI's simulator builds its own (production) event in
//! `src/simulate/lambda.rs`; this one is for tests and benchmarks only.

use serde_json::{json, Map, Value};

/// A voice contact's event: `contact_id`, a caller endpoint, invocation parameters.
#[derive(Debug, Clone)]
pub struct ContactFlowEvent {
    contact_id: String,
    customer_endpoint: Value,
    parameters: Value,
}

impl ContactFlowEvent {
    /// A call from `caller` (an E.164 number, `null`, "anonymous", anything the test wants in
    /// `CustomerEndpoint.Address`) with no parameters.
    pub fn new(contact_id: &str, caller: impl Into<Value>) -> ContactFlowEvent {
        ContactFlowEvent {
            contact_id: contact_id.to_string(),
            customer_endpoint: json!({"Address": caller.into(), "Type": "TELEPHONE_NUMBER"}),
            parameters: Value::Object(Map::new()),
        }
    }

    /// Replaces the whole `CustomerEndpoint` (for example `null`, or one without an address).
    pub fn customer_endpoint(mut self, endpoint: Value) -> ContactFlowEvent {
        self.customer_endpoint = endpoint;
        self
    }

    /// The flow's invocation parameters (`Details.Parameters`), for example the choose action.
    pub fn parameters(mut self, parameters: Value) -> ContactFlowEvent {
        self.parameters = parameters;
        self
    }

    /// The event as Connect sends it.
    pub fn build(&self) -> Value {
        json!({
            "Name": "ContactFlowEvent",
            "Details": {
                "ContactData": {
                    "Attributes": {},
                    "Channel": "VOICE",
                    "ContactId": self.contact_id,
                    "InitialContactId": self.contact_id,
                    "InitiationMethod": "INBOUND",
                    "CustomerEndpoint": self.customer_endpoint,
                    "SystemEndpoint": {"Address": "+12065550123", "Type": "TELEPHONE_NUMBER"},
                    "LanguageCode": "en-US"
                },
                "Parameters": self.parameters
            }
        })
    }
}

/// A distinct, valid-looking North American number for index `i`: 7919 is prime, so
/// `i * 7919 mod 8,000,000` does not repeat for indexes below 8,000,000.
pub fn distinct_number(i: usize) -> String {
    format!("+1206{:07}", 2_000_000 + (i * 7_919) % 8_000_000)
}

/// `lambda/call-handler/tests/fixtures/<name>.json`.
pub fn fixture(name: &str) -> Value {
    crate::fixtures::json(crate::repo_root().join("lambda/call-handler"), name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The builder and the fixture it imitates agree on every field the handler reads.
    #[test]
    fn a_built_event_is_shaped_like_the_normal_fixture() {
        let normal = fixture("normal");
        let contact = &normal["Details"]["ContactData"];
        let id = contact["ContactId"].as_str().unwrap_or_default();
        let caller = contact["CustomerEndpoint"]["Address"].clone();
        let built = ContactFlowEvent::new(id, caller).build();
        for pointer in [
            "/Name",
            "/Details/ContactData/ContactId",
            "/Details/ContactData/Channel",
            "/Details/ContactData/CustomerEndpoint",
            "/Details/ContactData/InitiationMethod",
            "/Details/ContactData/SystemEndpoint",
        ] {
            assert_eq!(built.pointer(pointer), normal.pointer(pointer), "{pointer}");
        }
    }
}
