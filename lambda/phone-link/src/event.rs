//! Parses the invocation input that `aws_lambda_invocation` sends into a typed
//! [`Invocation`]: which lifecycle action Terraform is performing, the association it wants
//! now, and the one it made before. Knows nothing about Amazon Connect calls.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::association::Link;
use crate::contract::{CONTACT_FLOW_ID, INPUT_KEYS, INSTANCE_ID, PHONE_NUMBER_ID};
use crate::error::Error;

/// Longest ids Amazon Connect accepts (API reference length constraints). A flow id may be a
/// full ARN, hence the larger limit; a phone number id may also be an ARN.
const MAX_INSTANCE_ID: usize = 100;
const MAX_CONTACT_FLOW_ID: usize = 500;
const MAX_PHONE_NUMBER_ID: usize = 500;

/// The lifecycle transition Terraform is performing on the `aws_lambda_invocation` resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Delete,
}

/// A validated invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub action: Action,
    /// The association in the current input (on delete: the one to remove).
    pub current: Link,
    /// The association of the previous invocation, on update (`tf.prev_input`).
    pub previous: Option<Link>,
}

/// The wire shape: the three keys plus the optional lifecycle object.
#[derive(Deserialize)]
struct RawInput {
    #[serde(flatten)]
    link: Link,
    /// Absent when the resource uses the default `CREATE_ONLY` scope or when someone invokes
    /// the function by hand; both mean "make the association".
    tf: Option<RawLifecycle>,
}

#[derive(Deserialize)]
struct RawLifecycle {
    action: Action,
    prev_input: Option<Value>,
}

impl Invocation {
    /// Reads and validates one invocation input.
    pub fn from_json(input: Value) -> Result<Self, Error> {
        let raw: RawInput = serde_json::from_value(input).map_err(|error| {
            Error::BadInput(format!(
                "{} (expected a JSON object with the string keys {})",
                shorten(error.to_string()),
                INPUT_KEYS.join(", ")
            ))
        })?;
        raw.link.validate("input")?;
        let (action, previous) = match raw.tf {
            None => (Action::Create, None),
            Some(RawLifecycle { action, prev_input }) => {
                let previous = match prev_input {
                    None | Some(Value::Null) => None,
                    Some(value) => {
                        let link: Link = serde_json::from_value(value).map_err(|error| {
                            Error::BadInput(format!(
                                "tf.prev_input: {}",
                                shorten(error.to_string())
                            ))
                        })?;
                        link.validate("tf.prev_input")?;
                        Some(link)
                    }
                };
                (action, previous)
            }
        };
        Ok(Invocation {
            action,
            current: raw.link,
            previous,
        })
    }
}

/// Longest serde message kept in an error: serde quotes a mistyped string value in full, and
/// Terraform shows the error verbatim, so a hostile megabyte must not reach the terminal.
const MAX_DETAIL: usize = 300;

fn shorten(mut message: String) -> String {
    if message.len() > MAX_DETAIL {
        let mut cut = MAX_DETAIL;
        while !message.is_char_boundary(cut) {
            cut -= 1;
        }
        message.truncate(cut);
        message.push('…');
    }
    message
}

/// What the input must hold, checked where it is parsed (the type itself, in
/// [`crate::association`], knows nothing of inputs or errors).
impl Link {
    pub(crate) fn validate(&self, place: &str) -> Result<(), Error> {
        let fields = [
            (INSTANCE_ID, &self.instance_id, MAX_INSTANCE_ID),
            (PHONE_NUMBER_ID, &self.phone_number_id, MAX_PHONE_NUMBER_ID),
            (CONTACT_FLOW_ID, &self.contact_flow_id, MAX_CONTACT_FLOW_ID),
        ];
        for (key, value, max) in fields {
            if value.trim().is_empty() {
                return Err(Error::BadInput(format!(
                    "{place}.{key} is empty; the Terraform resource it comes from may not exist yet"
                )));
            }
            if value.len() > max {
                return Err(Error::BadInput(format!(
                    "{place}.{key} is {} characters long, Amazon Connect accepts at most {max}",
                    value.len()
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fixture(name: &str) -> Value {
        let text = match name {
            "create" => include_str!("../tests/fixtures/create.json"),
            "update-flow" => include_str!("../tests/fixtures/update-flow.json"),
            "update-number" => include_str!("../tests/fixtures/update-number.json"),
            "delete" => include_str!("../tests/fixtures/delete.json"),
            "manual" => include_str!("../tests/fixtures/manual.json"),
            other => panic!("no fixture {other}"),
        };
        serde_json::from_str(text).expect("fixture is JSON")
    }

    #[test]
    fn fixtures_parse_into_the_lifecycle_they_describe() {
        // (fixture, action, has previous, previous differs in phone number)
        let cases = [
            ("create", Action::Create, false, false),
            ("update-flow", Action::Update, true, false),
            ("update-number", Action::Update, true, true),
            ("delete", Action::Delete, true, false),
            ("manual", Action::Create, false, false),
        ];
        for (name, action, has_previous, number_changed) in cases {
            let invocation = Invocation::from_json(fixture(name)).expect(name);
            assert_eq!(invocation.action, action, "{name}");
            assert_eq!(invocation.previous.is_some(), has_previous, "{name}");
            if let Some(previous) = &invocation.previous {
                assert_eq!(
                    !previous.same_number(&invocation.current),
                    number_changed,
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn bad_inputs_name_the_problem() {
        let long = "x".repeat(101);
        let cases = [
            (json!("a string"), "expected a JSON object"),
            (
                json!({"instance_id": "i", "contact_flow_id": "f"}),
                "missing field `phone_number_id`",
            ),
            (
                json!({"instance_id": " ", "phone_number_id": "p", "contact_flow_id": "f"}),
                "input.instance_id is empty",
            ),
            (
                json!({"instance_id": long, "phone_number_id": "p", "contact_flow_id": "f"}),
                "at most 100",
            ),
            (
                json!({"instance_id": 7, "phone_number_id": "p", "contact_flow_id": "f"}),
                "invalid type",
            ),
            (
                json!({"instance_id": "i", "phone_number_id": "p", "contact_flow_id": "f",
                       "tf": {"action": "replace", "prev_input": null}}),
                "unknown variant `replace`",
            ),
            (
                json!({"instance_id": "i", "phone_number_id": "p", "contact_flow_id": "f",
                       "tf": {"action": "update", "prev_input": {"instance_id": "i"}}}),
                "tf.prev_input: missing field",
            ),
            (
                json!({"instance_id": "i", "phone_number_id": "p", "contact_flow_id": "f",
                       "tf": {"action": "update", "prev_input":
                              {"instance_id": "i", "phone_number_id": "", "contact_flow_id": "f"}}}),
                "tf.prev_input.phone_number_id is empty",
            ),
        ];
        for (input, expected) in cases {
            let shown = input.to_string();
            match Invocation::from_json(input) {
                Err(Error::BadInput(message)) => {
                    assert!(
                        message.contains(expected),
                        "{shown}: {message:?} lacks {expected:?}"
                    )
                }
                other => panic!("{shown}: expected BadInput, got {other:?}"),
            }
        }
    }

    #[test]
    fn link_field_names_are_the_contract_keys() {
        let link = Link {
            instance_id: "i".into(),
            phone_number_id: "p".into(),
            contact_flow_id: "f".into(),
        };
        let value = serde_json::to_value(&link).expect("serializes");
        let mut keys: Vec<&str> = value
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = INPUT_KEYS.to_vec();
        keys.sort_unstable();
        expected.sort_unstable();
        assert_eq!(keys, expected);
    }
}
