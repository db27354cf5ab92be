//! An in-process [`CallerStore`] with the same observable rules as DynamoDB's: one record per
//! (caller, contact id), and a caller is returning when another unexpired record exists.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use super::{CallRecord, CallerStore, Recorded, StoreError};

/// Contact id of the call [`MemoryStore::with_previous_call`] pretends happened.
const PREVIOUS_CONTACT_ID: &str = "previous-call";

#[derive(Debug, Default)]
pub struct MemoryStore {
    calls: Mutex<Vec<CallRecord>>,
}

impl MemoryStore {
    /// A store that already holds one earlier call from `caller` (made a day ago, kept for a
    /// year), so the next call from that number is a returning one.
    pub fn with_previous_call(caller: &str) -> Self {
        let now = SystemTime::now();
        let day = Duration::from_secs(24 * 60 * 60);
        let previous = CallRecord {
            caller: caller.trim().to_string(),
            contact_id: PREVIOUS_CONTACT_ID.to_string(),
            at: now.checked_sub(day).unwrap_or(SystemTime::UNIX_EPOCH),
            expires_at: now + 365 * day,
            results: Vec::new(),
        };
        MemoryStore {
            calls: Mutex::new(vec![previous]),
        }
    }

    /// Every record, in the order they were written.
    pub fn records(&self) -> Vec<CallRecord> {
        self.lock().clone()
    }

    // A panic elsewhere while holding the lock leaves the Vec intact, so keep using it.
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<CallRecord>> {
        self.calls.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl CallerStore for MemoryStore {
    async fn record(&self, call: &CallRecord) -> Result<Recorded, StoreError> {
        let mut calls = self.lock();
        let returning = calls.iter().any(|earlier| {
            earlier.caller == call.caller
                && earlier.contact_id != call.contact_id
                && earlier.expires_at > call.at
        });
        let already_recorded = calls
            .iter()
            .any(|earlier| earlier.caller == call.caller && earlier.contact_id == call.contact_id);
        if !already_recorded {
            calls.push(call.clone());
        }
        Ok(Recorded { returning })
    }
}
