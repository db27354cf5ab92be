//! Where calls are remembered: the [`CallerStore`] trait the handler talks to, the record it
//! writes, and three implementations: [`DynamoStore`] (production), [`MemoryStore`] (the CLI
//! simulator and unit tests) and [`UnavailableStore`] (the simulator's "DynamoDB is down").
//! Timeouts are not the store's business: the handler bounds every call with its own deadline.

mod dynamo;
mod memory;

use std::future::Future;
use std::time::SystemTime;

pub use dynamo::DynamoStore;
pub use memory::MemoryStore;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    /// The caller has another, unexpired call on record (a different contact id).
    pub returning: bool,
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

/// Records calls idempotently (recording the same contact id twice keeps one record) and says
/// whether the caller is returning.
pub trait CallerStore {
    fn record(
        &self,
        call: &CallRecord,
    ) -> impl Future<Output = Result<Recorded, StoreError>> + Send;
}

/// A store that always fails, for simulating an outage.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnavailableStore;

impl CallerStore for UnavailableStore {
    async fn record(&self, _call: &CallRecord) -> Result<Recorded, StoreError> {
        Err(StoreError::Unavailable)
    }
}
