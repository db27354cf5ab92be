//! The event Amazon Connect sends the Lambda for a contact, built: the one builder the
//! CLI's simulator (the event it plays Connect with), the tests and the benchmarks share, and
//! that every fixture in `tests/fixtures/` is equal to (`tests/fixtures_fresh.rs`).
//!
//! The shape is the documented one
//! (<https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html>,
//! "Lambda function input"); reading it is [`crate::event`]'s job, which tolerates any of it
//! missing.

use serde_json::{json, Map, Value};

/// The instance every built event says it comes from (a documentation-style account id).
pub const INSTANCE_ARN: &str =
    "arn:aws:connect:us-east-1:111122223333:instance/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
/// The number every built event says the caller dialled.
pub const SYSTEM_NUMBER: &str = "+12065550123";

/// A voice contact's event: its contact id, the caller's endpoint, the flow's parameters and
/// contact attributes.
#[derive(Debug, Clone)]
pub struct ContactFlowEvent {
    contact_id: String,
    channel: String,
    customer_endpoint: Option<Value>,
    parameters: Value,
    attributes: Value,
}

impl ContactFlowEvent {
    /// A call from `caller` (an E.164 number, `null`, "anonymous", anything in
    /// `CustomerEndpoint.Address`), with no parameters and no attributes.
    pub fn new(contact_id: &str, caller: impl Into<Value>) -> ContactFlowEvent {
        ContactFlowEvent {
            contact_id: contact_id.to_string(),
            channel: "VOICE".to_string(),
            customer_endpoint: Some(json!({"Address": caller.into(), "Type": "TELEPHONE_NUMBER"})),
            parameters: Value::Object(Map::new()),
            attributes: Value::Object(Map::new()),
        }
    }

    /// Replaces the whole `CustomerEndpoint` (`null`, one without an address, ...).
    pub fn customer_endpoint(mut self, endpoint: Value) -> ContactFlowEvent {
        self.customer_endpoint = Some(endpoint);
        self
    }

    /// The contact's channel (`VOICE` unless set; a `CHAT` contact has no phone number).
    pub fn channel(mut self, channel: &str) -> ContactFlowEvent {
        self.channel = channel.to_string();
        self
    }

    /// Leaves `CustomerEndpoint` out of the event altogether.
    pub fn without_customer_endpoint(mut self) -> ContactFlowEvent {
        self.customer_endpoint = None;
        self
    }

    /// The flow's invocation parameters (`Details.Parameters`).
    pub fn parameters(mut self, parameters: impl Into<Value>) -> ContactFlowEvent {
        self.parameters = parameters.into();
        self
    }

    /// The contact's attributes (`Details.ContactData.Attributes`).
    pub fn attributes(mut self, attributes: impl Into<Value>) -> ContactFlowEvent {
        self.attributes = attributes.into();
        self
    }

    /// The event as Connect sends it.
    pub fn build(&self) -> Value {
        let mut contact = json!({
            "Attributes": self.attributes,
            "Channel": self.channel,
            "ContactId": self.contact_id,
            "InitialContactId": self.contact_id,
            "PreviousContactId": self.contact_id,
            "InitiationMethod": "INBOUND",
            "InstanceARN": INSTANCE_ARN,
            "CustomerEndpoint": null,
            "SystemEndpoint": {"Address": SYSTEM_NUMBER, "Type": "TELEPHONE_NUMBER"},
            "Queue": null,
            "LanguageCode": "en-US",
            "MediaStreams": {"Customer": {"Audio": null}}
        });
        if let Some(fields) = contact.as_object_mut() {
            match &self.customer_endpoint {
                Some(endpoint) => {
                    fields.insert("CustomerEndpoint".to_string(), endpoint.clone());
                }
                None => {
                    fields.shift_remove("CustomerEndpoint");
                }
            }
        }
        json!({
            "Name": "ContactFlowEvent",
            "Details": {"ContactData": contact, "Parameters": self.parameters}
        })
    }
}
