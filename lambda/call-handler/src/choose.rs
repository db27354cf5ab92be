//! The choose action: the caller pressed the key of a result they heard, and the flow asks the
//! handler to keep it on this call's record (`action=choose`, `choice=RANK`).
//!
//! The handler does not take the chosen number from the flow: it asks the engine again for the
//! caller's own number (deterministic, microseconds) and takes the result at that rank, so a
//! record only ever holds a result the engine really gave this caller. The answer is
//! `chosen=true` when the choice is on the record (now, or already by an earlier try of the
//! same invocation), `chosen=false` otherwise; the flow tells the caller which.
//!
//! With Customer Profiles on, the caller's profile is searched again (within its deadline),
//! and the flow passes back the lookup's answer `favoured`: whether the order the caller heard
//! used the profile's words. The rank is read in that order ([`crate::profile::heard`]): the
//! plain one for "false", whatever this search says; the profile's for "true", which needs
//! this search to find the profile again (if it does not answer, or finds none or several,
//! nothing is guessed: the choice is not kept, `chosen=false`, the caller hears so and the log
//! says why). A kept choice is then written to the profile this search found
//! ([`crate::profile::lookup`]).
//!
//! Time: the search, the store write and the profile write run one after another, so the
//! invocation has one budget ([`crate::profile::ProfileSettings::budget`], the flow's wait
//! less a cold-start margin); the profile write is skipped when less than its deadline is
//! left of it.

use std::collections::HashMap;
use std::time::SystemTime;

use vanity_engine::contract::MAX_CHOOSABLE;

use crate::caller::mask;
use crate::deadline;
use crate::event::Contact;
use crate::offer;
use crate::profile::heard::{self, Heard, Order};
use crate::profile::lookup as profile_lookup;
use crate::profile::ProfileSource;
use crate::response;
use crate::settings::Settings;
use crate::store::{CallerStore, Choice, ChoiceOutcome};

/// Keeps the caller's choice within the store deadline and says whether it is kept.
pub async fn choose<S: CallerStore, P: ProfileSource>(
    contact: &Contact<'_>,
    store: &S,
    profiles: &P,
    settings: &Settings,
    now: SystemTime,
) -> HashMap<String, String> {
    let started = tokio::time::Instant::now();
    let masked = contact.caller_address.map(mask);
    let searched = profile_lookup::for_choice(profiles, &settings.profiles, contact).await;
    let heard = Heard::from_parameter(contact.favoured, settings.profiles.enabled());
    let read = heard::order(heard, searched).and_then(|order| {
        Ok((
            what_was_chosen(contact, settings, &order, now)?,
            order.target,
        ))
    });
    let (choice, target) = match read {
        Ok(read) => read,
        Err(why) => {
            tracing::warn!(
                contact_id = contact.contact_id,
                caller = masked.as_deref(),
                why,
                "choice not kept"
            );
            return response::chosen(None);
        }
    };
    let outcome = deadline::within(
        settings,
        contact.contact_id,
        "keeping the choice",
        store.keep_choice(&choice),
    )
    .await;
    let kept = match outcome {
        Some(outcome) => {
            tracing::info!(
                contact_id = contact.contact_id,
                caller = masked.as_deref(),
                rank = choice.rank,
                outcome = ?outcome,
                "choice"
            );
            matches!(outcome, ChoiceOutcome::Kept | ChoiceOutcome::AlreadyKept)
        }
        None => false,
    };
    if kept {
        let remaining = settings.profiles.budget.saturating_sub(started.elapsed());
        profile_lookup::write_choice(
            profiles,
            &settings.profiles,
            contact.contact_id,
            target,
            remaining,
            &choice.caller,
            &choice.display,
        )
        .await;
    }
    // The number is said back to the caller who pressed its key on this call; it is what the
    // engine gave this caller, so the answer tells them nothing they did not just hear.
    response::chosen(kept.then_some(choice.spoken.as_str()))
}

/// The choice the event describes, read in `order`, or why it describes none.
fn what_was_chosen(
    contact: &Contact<'_>,
    settings: &Settings,
    order: &Order,
    now: SystemTime,
) -> Result<Choice, &'static str> {
    let contact_id = contact.contact_id.ok_or("the event has no ContactId")?;
    let rank = contact
        .choice
        .map(str::trim)
        .and_then(|choice| choice.parse::<usize>().ok())
        .filter(|rank| (1..=MAX_CHOOSABLE).contains(rank))
        .ok_or("the choice parameter is not a rank from 1 to 9")?;
    let (_, results, number) =
        offer::for_address_favouring(contact.caller_address, settings, &order.favour);
    let number = number.ok_or("the caller's number has no results")?;
    let chosen = results
        .get(rank - 1)
        .ok_or("the caller's number has fewer results than the rank chosen")?;
    if order.same_in_plain && !order.favour.is_empty() {
        let plain = vanity_engine::Favour::default();
        let (_, plain, _) = offer::for_address_favouring(contact.caller_address, settings, &plain);
        if plain.get(rank - 1).map(|result| &result.display) != Some(&chosen.display) {
            return Err(
                "the flow did not say which order the caller heard, and the rank names \
                 another number in the plain order than in the profile's",
            );
        }
    }
    Ok(Choice {
        caller: number.to_string(),
        contact_id: contact_id.to_string(),
        rank,
        display: chosen.display.clone(),
        spoken: chosen.spoken.clone(),
        at: now,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handle;
    use crate::store::{MemoryStore, UnavailableStore};
    use serde_json::{json, Value};
    use std::time::Duration;
    use test_support::connect::ContactFlowEvent;
    use vanity_engine::contract::{self, Remembered};

    const NUMBER: &str = "+18003569377";

    fn settings() -> Settings {
        Settings::example("calls", Duration::from_millis(200))
    }

    fn event(contact_id: &str, parameters: Value) -> Value {
        ContactFlowEvent::new(contact_id, NUMBER)
            .parameters(parameters)
            .build()
    }

    fn choose_event(contact_id: &str, rank: &str) -> Value {
        event(contact_id, json!({"action": "choose", "choice": rank}))
    }

    fn engine() -> Vec<vanity_engine::Vanity> {
        vanity_engine::vanity_numbers(NUMBER, settings().result_count).unwrap_or_default()
    }

    #[tokio::test]
    async fn a_choice_is_kept_once_and_retries_write_nothing() {
        let store = MemoryStore::default();
        let now = SystemTime::now();
        handle(&event("c-1", json!({})), &store, &settings(), now).await;
        let first = handle(&choose_event("c-1", "2"), &store, &settings(), now).await;
        assert_eq!(first, response::chosen(Some(&engine()[1].spoken)));
        for retry in 1..=3u64 {
            let later = now + Duration::from_secs(retry);
            let again = handle(&choose_event("c-1", "2"), &store, &settings(), later).await;
            assert_eq!(again, first, "retry {retry}");
        }
        let kept = store.choice("c-1").expect("the choice is kept");
        assert_eq!(kept.rank, 2);
        assert_eq!(kept.display, engine()[1].display);
        assert_eq!(kept.at, now, "the first write wins");
        // A different key on the same call cannot overwrite it.
        let other = handle(&choose_event("c-1", "3"), &store, &settings(), now).await;
        assert_eq!(other, response::chosen(None));
        assert_eq!(store.choice("c-1").map(|c| c.rank), Some(2));
    }

    #[tokio::test]
    async fn choices_that_cannot_be_kept_say_so() {
        let cases = [
            ("no record of the call", "c-unknown", "1"),
            ("rank zero", "c-1", "0"),
            ("rank past the results", "c-1", "6"),
            ("not a number", "c-1", "one"),
            ("two keys", "c-1", "12"),
        ];
        for (what, contact_id, rank) in cases {
            let store = MemoryStore::default();
            handle(
                &event("c-1", json!({})),
                &store,
                &settings(),
                SystemTime::now(),
            )
            .await;
            let response = handle(
                &choose_event(contact_id, rank),
                &store,
                &settings(),
                SystemTime::now(),
            )
            .await;
            assert_eq!(response, response::chosen(None), "{what}");
            assert_eq!(store.choice("c-1"), None, "{what}");
        }
        let outage = handle(
            &choose_event("c-1", "1"),
            &UnavailableStore,
            &settings(),
            SystemTime::now(),
        )
        .await;
        assert_eq!(outage, response::chosen(None));
    }

    #[tokio::test]
    async fn the_next_call_remembers_the_choice_or_else_the_best() {
        let store = MemoryStore::default();
        let day = Duration::from_secs(86_400);
        let start = SystemTime::now() - 3 * day;
        let first = handle(&event("c-1", json!({})), &store, &settings(), start).await;
        assert_eq!(first[contract::REMEMBERED], Remembered::Nothing.as_str());
        assert!(!first.contains_key(contract::LAST_SPOKEN));

        let second = handle(&event("c-2", json!({})), &store, &settings(), start + day).await;
        assert_eq!(second[contract::REMEMBERED], Remembered::Best.as_str());
        assert_eq!(second[contract::LAST_SPOKEN], engine()[0].spoken);

        handle(&choose_event("c-2", "3"), &store, &settings(), start + day).await;
        let third = handle(
            &event("c-3", json!({})),
            &store,
            &settings(),
            start + 2 * day,
        )
        .await;
        assert_eq!(third[contract::REMEMBERED], Remembered::Choice.as_str());
        assert_eq!(third[contract::LAST_SPOKEN], engine()[2].spoken);
    }

    #[tokio::test]
    async fn an_unknown_action_does_nothing() {
        let store = MemoryStore::default();
        let response = handle(
            &event("c-1", json!({"action": "delete"})),
            &store,
            &settings(),
            SystemTime::now(),
        )
        .await;
        assert!(response.is_empty());
        assert!(store.records().is_empty());
    }
}
