//! What this stack's phone-link may touch: one instance, one phone number, one contact flow,
//! named by Terraform in the function's environment ([`crate::contract::ENV_INSTANCE_ID`] and
//! the two beside it). Every invocation is checked against it before any Connect call, so
//! whoever may invoke the function (a person with `lambda:InvokeFunction`, a mistaken script)
//! can only make it do what the deployed configuration says; changing the scope takes
//! `lambda:UpdateFunctionConfiguration`, which is what Terraform does.
//!
//! A number change does not need the previous number here: the rendered module replaces
//! phone-link's invocation when the number changes, and Terraform runs the old invocation's
//! delete (which detaches the old number) before it updates the function's environment or its
//! role policy, both of which the invocation depends on. So the delete runs while the scope,
//! and the policy, still name the old number (templates/phone.tf says how; the change
//! scenarios in scripts/change_scenarios.py check the order in Terraform's apply graph).

use crate::association::Link;
use crate::contract::{ENV_CONTACT_FLOW_ID, ENV_INSTANCE_ID, ENV_PHONE_NUMBER_ID};
use crate::error::Error;
use crate::event::{Action, Invocation};

/// The ids this function may act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub instance_id: String,
    pub phone_number_id: String,
    pub contact_flow_id: String,
}

impl Scope {
    /// Reads the scope from the environment Terraform set; a missing or empty variable is a
    /// deployment fault, reported as such on every invocation rather than acting unscoped.
    pub fn from_env() -> Result<Scope, Error> {
        Scope::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`Scope::from_env`] with the environment given (tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Scope, Error> {
        let read = |name: &str| {
            lookup(name)
                .map(|value| value.trim().to_string())
                .filter(|value| !value.is_empty())
                .ok_or_else(|| {
                    Error::Misconfigured(format!(
                        "the environment variable {name} is missing or empty; it names what \
                         this function may touch and is set by the rendered Terraform \
                         (run connect-vanity deploy)"
                    ))
                })
        };
        Ok(Scope {
            instance_id: read(ENV_INSTANCE_ID)?,
            phone_number_id: read(ENV_PHONE_NUMBER_ID)?,
            contact_flow_id: read(ENV_CONTACT_FLOW_ID)?,
        })
    }

    /// Refuses an invocation that names anything outside the scope: the instance and the number
    /// always, the flow when the number is to be pointed at it (create, update), and the
    /// previous association of an update, which can only differ from the current one in its
    /// flow (a number or instance change replaces the invocation instead).
    pub fn check(&self, invocation: &Invocation) -> Result<(), Error> {
        let associates = invocation.action != Action::Delete;
        self.check_link(&invocation.current, "input", associates)?;
        if let Some(previous) = &invocation.previous {
            self.check_link(previous, "tf.prev_input", false)?;
        }
        Ok(())
    }

    /// Refuses a status query about another number, flow or instance: it only ever asks about
    /// this stack's link.
    pub fn check_query(&self, link: &Link) -> Result<(), Error> {
        self.check_link(link, "input", true)
    }

    fn check_link(&self, link: &Link, place: &str, with_flow: bool) -> Result<(), Error> {
        let mut checks = vec![
            ("instance_id", &link.instance_id, &self.instance_id),
            (
                "phone_number_id",
                &link.phone_number_id,
                &self.phone_number_id,
            ),
        ];
        if with_flow {
            checks.push((
                "contact_flow_id",
                &link.contact_flow_id,
                &self.contact_flow_id,
            ));
        }
        for (key, given, allowed) in checks {
            if given != allowed {
                return Err(Error::OutOfScope(format!(
                    "{place}.{key} is {given:?}, but this phone-link may only point phone \
                     number {} at contact flow {} in Amazon Connect instance {} (set by \
                     Terraform in its environment); a changed number or flow is deployed with \
                     connect-vanity deploy, never by invoking the function",
                    self.phone_number_id, self.contact_flow_id, self.instance_id
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

    const INSTANCE: &str = "a1b2c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d";
    const PHONE: &str = "0c7d9e21-3b4a-4f5e-8d6c-7b8a9f0e1d2c";
    const FLOW: &str = "3f9e2c1a-7b4d-4e8f-9a21-5c6d7e8f9012";
    const OTHER: &str = "f4e3d2c1-b0a9-4876-9543-210fedcba987";

    fn scope() -> Scope {
        Scope {
            instance_id: INSTANCE.into(),
            phone_number_id: PHONE.into(),
            contact_flow_id: FLOW.into(),
        }
    }

    fn link(instance: &str, phone: &str, flow: &str) -> serde_json::Value {
        json!({"instance_id": instance, "phone_number_id": phone, "contact_flow_id": flow})
    }

    fn invocation(
        action: &str,
        current: serde_json::Value,
        previous: Option<serde_json::Value>,
    ) -> Invocation {
        let mut input = current;
        input["tf"] = json!({"action": action, "prev_input": previous});
        Invocation::from_json(input).expect("a well-formed invocation")
    }

    #[test]
    fn ids_outside_the_stack_are_refused_before_any_call() {
        let ours = || link(INSTANCE, PHONE, FLOW);
        // (invocation, the field named in the refusal, or None when allowed)
        let cases = [
            (invocation("create", ours(), None), None),
            (
                invocation("update", ours(), Some(link(INSTANCE, PHONE, OTHER))),
                None,
            ),
            (
                invocation("delete", link(INSTANCE, PHONE, OTHER), None),
                None,
            ),
            (
                invocation("create", link(INSTANCE, OTHER, FLOW), None),
                Some("input.phone_number_id"),
            ),
            (
                invocation("create", link(INSTANCE, PHONE, OTHER), None),
                Some("input.contact_flow_id"),
            ),
            (
                invocation("create", link(OTHER, PHONE, FLOW), None),
                Some("input.instance_id"),
            ),
            (
                invocation("delete", link(INSTANCE, OTHER, FLOW), None),
                Some("input.phone_number_id"),
            ),
            (
                invocation("update", ours(), Some(link(INSTANCE, OTHER, FLOW))),
                Some("tf.prev_input.phone_number_id"),
            ),
            (
                invocation("update", ours(), Some(link(OTHER, PHONE, FLOW))),
                Some("tf.prev_input.instance_id"),
            ),
        ];
        for (invocation, refused) in cases {
            match (scope().check(&invocation), refused) {
                (Ok(()), None) => {}
                (Err(Error::OutOfScope(message)), Some(field)) => {
                    assert!(message.starts_with(field), "{message}");
                    assert!(
                        message.contains(PHONE) && message.contains(FLOW),
                        "{message}"
                    );
                    assert!(message.contains("connect-vanity deploy"), "{message}");
                }
                (got, want) => panic!("{invocation:?}: got {got:?}, want refusal of {want:?}"),
            }
        }
        let other_number = Link {
            instance_id: INSTANCE.into(),
            phone_number_id: OTHER.into(),
            contact_flow_id: FLOW.into(),
        };
        assert!(matches!(
            scope().check_query(&other_number),
            Err(Error::OutOfScope(_))
        ));
    }

    #[test]
    fn the_scope_comes_from_the_environment_terraform_sets() {
        let full = |name: &str| match name {
            ENV_INSTANCE_ID => Some(format!(" {INSTANCE} ")),
            ENV_PHONE_NUMBER_ID => Some(PHONE.to_string()),
            ENV_CONTACT_FLOW_ID => Some(FLOW.to_string()),
            _ => None,
        };
        assert_eq!(Scope::from_lookup(full).expect("complete"), scope());
        let without_flow = |name: &str| (name != ENV_CONTACT_FLOW_ID).then(|| full(name)).flatten();
        match Scope::from_lookup(without_flow) {
            Err(Error::Misconfigured(message)) => {
                assert!(message.contains(ENV_CONTACT_FLOW_ID), "{message}")
            }
            other => panic!("expected Misconfigured, got {other:?}"),
        }
        let empty = |name: &str| {
            if name == ENV_PHONE_NUMBER_ID {
                Some("  ".to_string())
            } else {
                full(name)
            }
        };
        assert!(matches!(
            Scope::from_lookup(empty),
            Err(Error::Misconfigured(_))
        ));
    }
}
