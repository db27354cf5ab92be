//! An in-process [`CallerStore`] with the same observable rules as DynamoDB's: one record per
//! (caller, contact id), a caller is returning when their latest other record has not expired
//! ([`recall`]), and a choice is written once onto an existing record and never overwritten.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use super::{
    recall, CallRecord, CallerStore, Choice, ChoiceOutcome, EarlierCall, Recorded, StoreError,
};

/// Contact id of the call [`MemoryStore::with_previous_call`] pretends happened.
const PREVIOUS_CONTACT_ID: &str = "previous-call";

/// One call as kept: the record, and the caller's choice once they made one.
#[derive(Debug, Clone)]
struct Kept {
    call: CallRecord,
    choice: Option<Choice>,
}

#[derive(Debug, Default)]
pub struct MemoryStore {
    calls: Mutex<Vec<Kept>>,
}

impl MemoryStore {
    /// A store that already holds one earlier call from `caller` (made a day ago, kept for a
    /// year, without results), so the next call from that number is a returning one.
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
            calls: Mutex::new(vec![Kept {
                call: previous,
                choice: None,
            }]),
        }
    }

    /// Every record, in the order they were written.
    pub fn records(&self) -> Vec<CallRecord> {
        self.lock().iter().map(|kept| kept.call.clone()).collect()
    }

    /// The choice kept on the call with `contact_id`, if any.
    pub fn choice(&self, contact_id: &str) -> Option<Choice> {
        self.lock()
            .iter()
            .find(|kept| kept.call.contact_id == contact_id)
            .and_then(|kept| kept.choice.clone())
    }

    // A panic elsewhere while holding the lock leaves the Vec intact, so keep using it.
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Kept>> {
        self.calls.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl CallerStore for MemoryStore {
    async fn record(&self, call: &CallRecord) -> Result<Recorded, StoreError> {
        let mut calls = self.lock();
        let earlier: Vec<EarlierCall> = calls
            .iter()
            .filter(|kept| {
                kept.call.caller == call.caller && kept.call.contact_id != call.contact_id
            })
            .map(|kept| EarlierCall {
                at: kept.call.at,
                expires_at: Some(kept.call.expires_at),
                best_spoken: kept.call.results.first().map(|best| best.spoken.clone()),
                chosen_spoken: kept.choice.as_ref().map(|choice| choice.spoken.clone()),
            })
            .collect();
        let already_recorded = calls
            .iter()
            .any(|kept| kept.call.caller == call.caller && kept.call.contact_id == call.contact_id);
        if !already_recorded {
            calls.push(Kept {
                call: call.clone(),
                choice: None,
            });
        }
        Ok(recall(&earlier, call.at))
    }

    async fn keep_choice(&self, choice: &Choice) -> Result<ChoiceOutcome, StoreError> {
        let mut calls = self.lock();
        let Some(kept) = calls.iter_mut().find(|kept| {
            kept.call.caller == choice.caller && kept.call.contact_id == choice.contact_id
        }) else {
            return Ok(ChoiceOutcome::NoCall);
        };
        Ok(match &kept.choice {
            None => {
                kept.choice = Some(choice.clone());
                ChoiceOutcome::Kept
            }
            Some(earlier) if earlier.rank == choice.rank => ChoiceOutcome::AlreadyKept,
            Some(_) => ChoiceOutcome::OtherKept,
        })
    }
}
