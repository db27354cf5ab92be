//! One invocation, start to finish. The flow's `action` parameter picks the job: a lookup
//! (read the caller from the event, ask the engine, remember the call within the store
//! deadline, answer with the results and what the caller's earlier calls left), a choice
//! ([`crate::choose`]) or a number the caller keyed in ([`crate::another_number`]). Every
//! input, including a broken event and a failing store, ends in a response the flow can speak;
//! failures are logged, never returned, because a Lambda error sends the caller down the
//! flow's generic error branch.

use std::collections::HashMap;
use std::time::SystemTime;

use serde_json::Value;
use vanity_engine::contract::Invocation;

use crate::caller::mask;
use crate::deadline;
use crate::event::Contact;
use crate::offer;
use crate::profile::{self, NoProfiles, ProfileSource};
use crate::response;
use crate::settings::Settings;
use crate::store::{CallRecord, CallerStore, Recorded};

/// Answers one Connect invocation without Customer Profiles. `now` is passed in so tests and
/// the simulator control time.
pub async fn handle<S: CallerStore>(
    event: &Value,
    store: &S,
    settings: &Settings,
    now: SystemTime,
) -> HashMap<String, String> {
    handle_with_profiles(event, store, &NoProfiles, settings, now).await
}

/// [`handle`] with the caller's profile looked up in `profiles` (when `settings.profiles` has
/// a domain).
pub async fn handle_with_profiles<S: CallerStore, P: ProfileSource>(
    event: &Value,
    store: &S,
    profiles: &P,
    settings: &Settings,
    now: SystemTime,
) -> HashMap<String, String> {
    let contact = Contact::from_event(event);
    // Boxed: the two SDK-backed futures nested in one state machine exceed rustc's default
    // query depth when laying out the binary's future; one allocation per call is nothing.
    match Invocation::parse(contact.action) {
        Some(Invocation::Lookup) => {
            Box::pin(lookup_call(&contact, store, profiles, settings, now)).await
        }
        Some(Invocation::Choose) => {
            Box::pin(crate::choose::choose(
                &contact, store, profiles, settings, now,
            ))
            .await
        }
        Some(Invocation::AnotherNumber) => crate::another_number::answer(&contact, settings),
        None => {
            // Only a flow that is not ours sends this; the flow lint rejects it in ours.
            // Answering nothing makes the flow's next read fail into its error branch.
            tracing::error!(
                contact_id = contact.contact_id,
                action = contact
                    .action
                    .map(|a| a.chars().take(40).collect::<String>()),
                "unknown action parameter; nothing done"
            );
            HashMap::new()
        }
    }
}

/// The lookup: the caller's profile (within its deadline), results for the caller, the call
/// recorded, earlier calls recalled.
async fn lookup_call<S: CallerStore, P: ProfileSource>(
    contact: &Contact<'_>,
    store: &S,
    profiles: &P,
    settings: &Settings,
    now: SystemTime,
) -> HashMap<String, String> {
    let masked = contact.caller_address.map(mask);
    let (profile, favour) =
        profile::lookup::favour_for(profiles, &settings.profiles, contact).await;
    let (status, results, number) =
        offer::for_address_favouring(contact.caller_address, settings, &favour);

    let new_caller = Recorded {
        returning: false,
        last: None,
    };
    let recorded = match (number, contact.contact_id) {
        (Some(number), Some(contact_id)) => {
            let call = CallRecord {
                caller: number.to_string(),
                contact_id: contact_id.to_string(),
                at: now,
                // `now` comes from the caller of `handle`; never overflow on a strange one.
                expires_at: now
                    .checked_add(settings.record_ttl_for(number))
                    .unwrap_or(now),
                results: results.clone(),
            };
            remember(store, &call, settings).await
        }
        (Some(_), None) => {
            tracing::warn!(
                caller = masked.as_deref(),
                "event has no ContactId; call not stored"
            );
            new_caller
        }
        (None, _) => new_caller,
    };

    tracing::info!(
        contact_id = contact.contact_id,
        caller = masked.as_deref(),
        status = status.as_str(),
        count = results.len(),
        returning = recorded.returning,
        remembered = recorded.last.as_ref().map(|last| last.kind.as_str()),
        "answered"
    );
    let mut answer = response::build(status, &results, &recorded, settings.recall);
    profile::answer::add(
        &mut answer,
        profile.as_ref(),
        &favour,
        &results,
        &settings.profiles,
    );
    answer
}

/// Records the call within `settings.store_timeout`; on failure or timeout the caller is
/// treated as new and the problem is logged, so the answer never waits on DynamoDB.
async fn remember<S: CallerStore>(store: &S, call: &CallRecord, settings: &Settings) -> Recorded {
    let new_caller = Recorded {
        returning: false,
        last: None,
    };
    deadline::within(
        settings,
        Some(&call.contact_id),
        "storing the call",
        store.record(call),
    )
    .await
    .unwrap_or(new_caller)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{MemoryStore, UnavailableStore};
    use serde_json::json;
    use std::time::Duration;
    use test_support::connect::ContactFlowEvent;
    use vanity_engine::contract::{self, Status};
    use vanity_engine::Vanity;

    fn settings() -> Settings {
        Settings::example("calls", Duration::from_millis(200))
    }

    fn event(contact_id: &str, address: Value) -> Value {
        ContactFlowEvent::new(contact_id, address).build()
    }

    /// What the engine says about `number`, so expectations follow the engine rather than
    /// being copied from it.
    fn engine(number: &str) -> Vec<Vanity> {
        vanity_engine::vanity_numbers(number, settings().result_count).unwrap_or_default()
    }

    #[tokio::test]
    async fn every_kind_of_caller_gets_a_speakable_status() {
        let cases = [
            (json!("+18003569377"), Status::Ok),
            (json!(null), Status::NoCallerId),
            (json!("anonymous"), Status::NoCallerId),
            (json!("Withheld"), Status::NoCallerId),
            (json!(""), Status::NoCallerId),
            (json!("12"), Status::InvalidNumber),
            (json!("+1800FLOWERS!"), Status::InvalidNumber),
            (json!("9".repeat(200)), Status::InvalidNumber),
        ];
        for (address, expected) in cases {
            let store = MemoryStore::default();
            let response = handle(
                &event("c-1", address.clone()),
                &store,
                &settings(),
                SystemTime::now(),
            )
            .await;
            assert_eq!(response[contract::STATUS], expected.as_str(), "{address}");
            let stored = store.records();
            match expected {
                Status::Ok => {
                    let results = engine(address.as_str().unwrap_or_default());
                    assert_eq!(response[contract::COUNT], results.len().to_string());
                    let first = match response[contract::PREFIX_SHARED].as_str() {
                        "true" => results[0].spoken_subscriber(),
                        _ => &results[0].spoken,
                    };
                    assert_eq!(response[&contract::rest_key(1)], first);
                    assert_eq!(stored.len(), 1, "{address}");
                    assert_eq!(stored[0].results, results);
                }
                _ => {
                    assert_eq!(response[contract::COUNT], "0", "{address}");
                    assert!(stored.is_empty(), "{address}: {stored:?}");
                }
            }
        }
    }

    /// A caller from the range reserved for fiction (the live test's caller) is kept a day,
    /// anyone else for the configured days.
    #[tokio::test]
    async fn a_call_from_a_fictional_number_expires_within_a_day() {
        let now = SystemTime::now();
        let day = Duration::from_secs(24 * 60 * 60);
        for (number, kept) in [
            ("+12065550123", day),
            ("+18003569377", Duration::from_secs(30 * 24 * 60 * 60)),
        ] {
            let store = MemoryStore::default();
            handle(&event("c-ttl", json!(number)), &store, &settings(), now).await;
            let stored = store.records();
            assert_eq!(stored.len(), 1, "{number}");
            assert_eq!(stored[0].expires_at, now + kept, "{number}");
        }
    }

    #[tokio::test]
    async fn retries_store_once_and_answer_the_same() {
        let store = MemoryStore::default();
        let call = event("c-retry", json!("+18003569377"));
        let now = SystemTime::now();
        let first = handle(&call, &store, &settings(), now).await;
        let retry = handle(&call, &store, &settings(), now + Duration::from_secs(2)).await;
        assert_eq!(first, retry);
        assert_eq!(first[contract::RETURNING], "false");
        assert_eq!(store.records().len(), 1);
    }

    #[tokio::test]
    async fn a_second_contact_from_the_same_number_is_returning() {
        let store = MemoryStore::with_previous_call("+18003569377");
        let response = handle(
            &event("c-new", json!("+18003569377")),
            &store,
            &settings(),
            SystemTime::now(),
        )
        .await;
        assert_eq!(response[contract::RETURNING], "true");
        let other = handle(
            &event("c-other", json!("+12065550199")),
            &store,
            &settings(),
            SystemTime::now(),
        )
        .await;
        assert_eq!(other[contract::RETURNING], "false");
    }

    #[tokio::test]
    async fn a_returning_caller_is_told_only_what_recall_allows() {
        use vanity_engine::contract::Recall;
        for recall in Recall::ALL {
            let store = MemoryStore::with_previous_call("+18003569377");
            let settings = Settings {
                recall,
                ..settings()
            };
            let response = handle(
                &event("c-new", json!("+18003569377")),
                &store,
                &settings,
                SystemTime::now(),
            )
            .await;
            let told = |key: &str| response.contains_key(key);
            assert_eq!(
                told(contract::RETURNING),
                recall != Recall::Nothing,
                "{recall:?}"
            );
            assert_eq!(
                told(contract::REMEMBERED),
                recall == Recall::LastCall,
                "{recall:?}"
            );
            if recall != Recall::Nothing {
                assert_eq!(response[contract::RETURNING], "true", "{recall:?}");
            }
            // The call is kept whatever the setting: the owner's record of it, read back to
            // no caller unless recall says so.
            assert_eq!(store.records().len(), 2, "{recall:?}");
        }
    }

    #[tokio::test]
    async fn a_store_outage_still_answers_with_results() {
        let healthy = handle(
            &event("c-1", json!("+18003569377")),
            &MemoryStore::default(),
            &settings(),
            SystemTime::now(),
        )
        .await;
        let outage = handle(
            &event("c-1", json!("+18003569377")),
            &UnavailableStore,
            &settings(),
            SystemTime::now(),
        )
        .await;
        assert_eq!(outage, healthy);
        assert_eq!(outage[contract::STATUS], Status::Ok.as_str());
    }

    /// In paused time (tokio's test clock jumps ahead when every task waits), so the test
    /// takes no real time and the deadline is met to the millisecond.
    #[tokio::test(start_paused = true)]
    async fn a_store_that_never_answers_is_cut_off_at_the_deadline() {
        struct Hanging;
        impl CallerStore for Hanging {
            async fn record(
                &self,
                _call: &CallRecord,
            ) -> Result<crate::store::Recorded, crate::store::StoreError> {
                std::future::pending().await
            }
            async fn keep_choice(
                &self,
                _choice: &crate::store::Choice,
            ) -> Result<crate::store::ChoiceOutcome, crate::store::StoreError> {
                std::future::pending().await
            }
        }
        let started = tokio::time::Instant::now();
        let response = handle(
            &event("c-1", json!("+18003569377")),
            &Hanging,
            &settings(),
            SystemTime::now(),
        )
        .await;
        let elapsed = started.elapsed();
        assert_eq!(response[contract::STATUS], Status::Ok.as_str());
        assert_eq!(elapsed, settings().store_timeout);
    }

    #[tokio::test]
    async fn a_call_without_contact_id_is_answered_but_not_stored() {
        let store = MemoryStore::default();
        let mut call = event("", json!("+18003569377"));
        call["Details"]["ContactData"]
            .as_object_mut()
            .map(|data| data.remove("ContactId"));
        let response = handle(&call, &store, &settings(), SystemTime::now()).await;
        assert_eq!(response[contract::STATUS], Status::Ok.as_str());
        assert!(store.records().is_empty());
    }
}
