//! Where calls are remembered: the [`CallerStore`] trait the handler talks to, the records it
//! writes (a call, and later the caller's choice on it), what earlier calls tell a returning
//! caller ([`recall`]), and three implementations: [`DynamoStore`] (production), [`MemoryStore`] (the CLI
//! simulator and unit tests) and [`UnavailableStore`] (the simulator's "DynamoDB is down").
//! Timeouts are not the store's business: the handler bounds every call with its own deadline.

#[cfg(feature = "dynamodb")]
mod dynamo;
mod memory;
mod recall;

use std::future::Future;
use std::time::SystemTime;

#[cfg(feature = "dynamodb")]
pub use dynamo::DynamoStore;
pub use memory::MemoryStore;
pub use recall::{recall, EarlierCall, LastTime};

/// One answered call, as it is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct CallRecord {
    /// The caller's number as Connect sent it (trimmed).
    pub caller: String,
    /// Connect's `ContactId`; retries of one invocation share it.
    pub contact_id: String,
    /// When the call was answered.
    pub at: SystemTime,
    /// When the record may be deleted (DynamoDB TTL).
    pub expires_at: SystemTime,
    /// The best results, best first.
    pub results: Vec<vanity_engine::Vanity>,
}

/// What the store learned while recording a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The caller's latest other call on record (a different contact id) has not expired.
    pub returning: bool,
    /// What that latest call leaves to remind the caller of, if anything.
    pub last: Option<LastTime>,
}

/// The result a caller chose on a call, as it is kept on that call's record.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The caller's number and contact id: the key of the call's record.
    pub caller: String,
    pub contact_id: String,
    /// The rank the caller pressed, 1-based.
    pub rank: usize,
    /// The chosen result's display and speakable forms.
    pub display: String,
    pub spoken: String,
    /// When the caller chose.
    pub at: SystemTime,
}

/// What keeping a choice did. Connect retries a failed invocation with the same contact id, so
/// a choice is written at most once per call: later tries find it and write nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceOutcome {
    /// Written now.
    Kept,
    /// The same choice was already on the record (a retry): nothing written.
    AlreadyKept,
    /// A different choice was already on the record: nothing written, the first one stays.
    OtherKept,
    /// There is no record of this call (its lookup could not be stored): nothing written.
    NoCall,
}

/// Why a call could not be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("dynamodb {operation} on table {table:?} failed: {message}")]
    Dynamo {
        operation: &'static str,
        table: String,
        message: String,
    },
    #[error("the caller store is unavailable (simulated outage)")]
    Unavailable,
}

/// Records calls idempotently (recording the same contact id twice keeps one record), says
/// whether the caller is returning and what to remind them of, and keeps a caller's choice on
/// the call's record without ever overwriting one.
pub trait CallerStore {
    fn record(
        &self,
        call: &CallRecord,
    ) -> impl Future<Output = Result<Recorded, StoreError>> + Send;

    /// Keeps `choice` on its call's record, unless one is kept there already.
    fn keep_choice(
        &self,
        choice: &Choice,
    ) -> impl Future<Output = Result<ChoiceOutcome, StoreError>> + Send;
}

/// A store that always fails, for simulating an outage.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnavailableStore;

impl CallerStore for UnavailableStore {
    async fn record(&self, _call: &CallRecord) -> Result<Recorded, StoreError> {
        Err(StoreError::Unavailable)
    }

    async fn keep_choice(&self, _choice: &Choice) -> Result<ChoiceOutcome, StoreError> {
        Err(StoreError::Unavailable)
    }
}

#[cfg(test)]
mod tests {
    use crate::schema::{DYNAMODB_ACTIONS, DYNAMODB_INDEX_ACTIONS, DYNAMODB_TABLE_ACTIONS};

    /// The policy's two statements (the table's writes, the index's read) together grant
    /// exactly the operations the store sends; which those are is recorded at run time against
    /// moto (tests/dynamodb.rs, `the_policy_grants_exactly_the_operations_the_store_sends`).
    #[test]
    fn the_table_and_index_statements_split_the_actions() {
        let mut allowed: Vec<String> = DYNAMODB_ACTIONS.iter().map(|a| a.to_string()).collect();
        allowed.sort();
        // The policy's two statements together grant exactly these.
        let mut split: Vec<String> = DYNAMODB_TABLE_ACTIONS
            .iter()
            .chain(DYNAMODB_INDEX_ACTIONS)
            .map(|a| a.to_string())
            .collect();
        split.sort();
        assert_eq!(split, allowed);
    }
}
