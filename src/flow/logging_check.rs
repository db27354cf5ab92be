//! The lint's privacy check: flow logging is off before a flow captures keyed-in digits.
//!
//! Of Lambda functions in a flow, Connect's flow logs "show the entry and exit of the flow
//! going to them, and include any information about the interaction that is sent or received
//! during entry or exit", and "You can set the properties of the block to disable logging
//! during the parts of your flow that interact with or capture sensitive data or customers'
//! personal information"
//! (https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-log-data.html). The
//! behaviour set by UpdateFlowLoggingBehavior "remains unless it is overridden for the rest of
//! the contact segment"
//! (https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-updateflowloggingbehavior.html).
//! So every path from the start to a Store customer input block (GetParticipantInput with
//! StoreInput "True") or to any action that reads `$.StoredCustomerInput` must pass an
//! UpdateFlowLoggingBehavior "Disabled" with no "Enabled" after it. Logging is taken to be on
//! at the start: an instance's flow logs may be on whatever this flow says.

use std::collections::{BTreeSet, HashMap, VecDeque};

use super::actions::ActionKind;
use super::model::{Action, Flow};

/// Where a Store customer input block leaves the digits.
const STORED_INPUT: &str = "$.StoredCustomerInput";

/// One problem per action that captures or reads stored input while a path reaches it with
/// logging on.
pub fn check(flow: &Flow, problems: &mut Vec<String>) {
    let by_id: HashMap<&str, &Action> = flow
        .actions
        .iter()
        .map(|a| (a.identifier.as_str(), a))
        .collect();
    let mut seen: BTreeSet<(&str, bool)> = BTreeSet::new();
    let mut exposed: BTreeSet<&str> = BTreeSet::new();
    let mut queue = VecDeque::from([(flow.start_action.as_str(), true)]);
    while let Some((id, logging)) = queue.pop_front() {
        let Some(action) = by_id.get(id) else {
            continue; // a missing target is reported by the lint's own check
        };
        if !seen.insert((id, logging)) {
            continue;
        }
        if logging && handles_stored_input(action) {
            exposed.insert(id);
        }
        let after = logging_after(action).unwrap_or(logging);
        queue.extend(action.transitions.targets().map(|next| (next, after)));
    }
    for id in exposed {
        problems.push(format!(
            "action {id:?} captures or reads stored customer input ({STORED_INPUT}) on a path where flow logging may be on: put an UpdateFlowLoggingBehavior \"Disabled\" before it (flow logs record what a Lambda is sent)"
        ));
    }
}

/// Whether logging is on after `action`, when it sets it.
fn logging_after(action: &Action) -> Option<bool> {
    match ActionKind::of(action) {
        Ok(ActionKind::UpdateFlowLoggingBehavior(logging)) => {
            Some(logging.flow_logging_behavior != "Disabled")
        }
        _ => None,
    }
}

/// A Store customer input block, or any action with `$.StoredCustomerInput` in its parameters.
fn handles_stored_input(action: &Action) -> bool {
    let stores = matches!(
        ActionKind::of(action),
        Ok(ActionKind::GetParticipantInput(input)) if !input.is_menu()
    );
    stores
        || action
            .parameter_strings()
            .iter()
            .any(|text| text.contains(STORED_INPUT))
}
