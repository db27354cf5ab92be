//! One association, the thing phone-link makes and removes: this phone number, in this
//! instance, answers with this flow. A plain value that every other module shares (the input
//! parses into it, the scope checks it, the Connect calls and the errors name it), so it
//! depends on none of them.

use serde::{Deserialize, Serialize};

/// One association: this phone number, in this instance, answers with this flow.
///
/// The serde names are the [`crate::contract`] keys; a test checks they agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub instance_id: String,
    pub phone_number_id: String,
    pub contact_flow_id: String,
}

impl Link {
    /// Same phone number in the same instance: the association can be overwritten in place.
    pub fn same_number(&self, other: &Link) -> bool {
        self.instance_id == other.instance_id && self.phone_number_id == other.phone_number_id
    }
}
