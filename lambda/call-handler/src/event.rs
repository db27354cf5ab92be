//! Reads the fields the handler needs from a Connect `ContactFlowEvent`: the contact id, the
//! caller's address, and the flow's invocation parameters (`action`, `choice`, `number`, `favoured`). It walks the JSON instead of deserializing
//! `aws_lambda_events::connect::ConnectEvent`, because that type makes `CustomerEndpoint`
//! (and `SystemEndpoint`) required, non-null objects: an event without caller id would fail
//! before the handler could tell the caller so. Here every missing, null or mistyped field is
//! simply absent.

use serde_json::Value;

/// The parts of a Connect event the handler uses, borrowed from the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Contact<'a> {
    /// `Details.ContactData.ContactId`, when present and not blank.
    pub contact_id: Option<&'a str>,
    /// `Details.ContactData.CustomerEndpoint.Address`, when it is a string.
    pub caller_address: Option<&'a str>,
    /// `Details.Parameters.action` (see [`vanity_engine::contract::ACTION`]), when a string.
    pub action: Option<&'a str>,
    /// `Details.Parameters.choice`, the rank a caller pressed, when a string.
    pub choice: Option<&'a str>,
    /// `Details.Parameters.number`, the digits a caller keyed in, when a string.
    pub number: Option<&'a str>,
    /// `Details.Parameters.favoured` ([`vanity_engine::contract::FAVOURED`]), the lookup's
    /// answer passed back with a choice when profiles are on, when a string.
    pub favoured: Option<&'a str>,
}

impl<'a> Contact<'a> {
    pub fn from_event(event: &'a Value) -> Contact<'a> {
        let text = |pointer: &str| event.pointer(pointer).and_then(Value::as_str);
        Contact {
            contact_id: text("/Details/ContactData/ContactId")
                .map(str::trim)
                .filter(|id| !id.is_empty()),
            caller_address: text("/Details/ContactData/CustomerEndpoint/Address"),
            action: text("/Details/Parameters/action"),
            choice: text("/Details/Parameters/choice"),
            number: text("/Details/Parameters/number"),
            favoured: text("/Details/Parameters/favoured"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_what_is_there_and_tolerates_the_rest() {
        let cases = [
            (
                json!({"Details": {"ContactData": {"ContactId": "c-1",
                    "CustomerEndpoint": {"Address": "+18003569377", "Type": "TELEPHONE_NUMBER"}}}}),
                Some("c-1"),
                Some("+18003569377"),
            ),
            (
                json!({"Details": {"ContactData": {"ContactId": "c-2", "CustomerEndpoint": null}}}),
                Some("c-2"),
                None,
            ),
            (
                json!({"Details": {"ContactData": {"ContactId": "c-3"}}}),
                Some("c-3"),
                None,
            ),
            (
                json!({"Details": {"ContactData": {"ContactId": " ",
                    "CustomerEndpoint": {"Address": null}}}}),
                None,
                None,
            ),
            (
                json!({"Details": {"ContactData": {"ContactId": 7,
                    "CustomerEndpoint": {"Address": 18003569377u64}}}}),
                None,
                None,
            ),
            (json!({"Details": null}), None, None),
            (json!("not an event"), None, None),
            (json!(null), None, None),
        ];
        for (event, contact_id, caller_address) in &cases {
            assert_eq!(
                Contact::from_event(event),
                Contact {
                    contact_id: *contact_id,
                    caller_address: *caller_address,
                    action: None,
                    choice: None,
                    number: None,
                    favoured: None,
                },
                "{event}"
            );
        }
    }

    #[test]
    fn reads_the_invocation_parameters() {
        let event = json!({"Details": {"ContactData": {"ContactId": "c-1"},
            "Parameters": {"action": "choose", "choice": "2", "favoured": "false"}}});
        let contact = Contact::from_event(&event);
        assert_eq!(
            (contact.action, contact.choice, contact.favoured),
            (Some("choose"), Some("2"), Some("false"))
        );
        let bare =
            json!({"Details": {"ContactData": {"ContactId": "c-1"}, "Parameters": {"choice": 2}}});
        let contact = Contact::from_event(&bare);
        assert_eq!((contact.action, contact.choice), (None, None));
    }
}
