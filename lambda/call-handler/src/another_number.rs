//! A number the caller keyed in ([`Invocation::AnotherNumber`]): its vanity numbers, and
//! nothing else. The lookup is stateless: it reads and writes no call record (the store is
//! not even passed in), its answer says nothing of earlier calls whatever
//! `returning_callers.recall` says, and nothing of the keyed number is logged, masked or not:
//! it may be anyone's number, and the caller cannot keep its results.
//!
//! What arrives is what the flow's Store customer input block left in
//! `$.StoredCustomerInput`: the digits before the terminating `#`, or the word `Timeout` when
//! the caller keyed nothing ("When a call includes no customer input, the contact takes the
//! Success branch. The Stored customer input system attribute holds a value of `Timeout`.",
//! https://docs.aws.amazon.com/connect/latest/adminguide/store-customer-input.html), or an
//! empty string for `#` alone.
//!
//! [`Invocation::AnotherNumber`]: vanity_engine::contract::Invocation::AnotherNumber

use std::collections::HashMap;

use vanity_engine::contract::{Recall, Status};
use vanity_engine::{NumberError, Vanity};

use crate::event::Contact;
use crate::response;
use crate::settings::Settings;
use crate::store::Recorded;

/// Digits of a NANP number without its country code: the shortest whole number a caller can
/// key. Anything shorter is a number cut short (a local number without its area code, or a
/// slip), and the caller is told to key all of it.
pub const NANP_DIGITS: usize = 10;

/// E.164: "the maximum length of an international number is 15 digits" (ITU-T E.164). The
/// flow's block keeps more than this (its `MaximumLength` is higher, so a `#` after the
/// fifteenth digit still ends the entry inside the block); a longer number is refused here
/// with its own reason and a try, never the generic error.
pub const E164_MAX_DIGITS: usize = 15;

/// International access prefixes a caller may key before a country code, as they would dial
/// it: `011` from the NANP, `00` from most other countries (ITU-T E.164's recommended
/// prefix). The prompt asks for "the country code and number", so a caller used to dialling
/// abroad may key the prefix too. Neither can start a NANP number (area codes start with 2-9)
/// nor a country code (none starts with 0), so taking it off never changes a number.
pub const ACCESS_PREFIXES: [&str; 2] = ["011", "00"];

/// What the caller keyed, sorted by what the handler can do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Keyed {
    /// No digits: silence ("Timeout"), `#` alone, or no parameter at all.
    Nothing,
    /// Something other than digits: a `*` (the flow's block keeps it like any key, since its
    /// cancel key is off), or anything a flow that is not ours sends.
    NotDigits,
    /// Fewer than [`NANP_DIGITS`] digits.
    TooShort,
    /// More than [`E164_MAX_DIGITS`] digits after the access prefix.
    TooLong,
    /// The number in E.164 form for the engine.
    Number(String),
}

impl Keyed {
    /// Ten digits are a NANP number without its country code (the flow asks for that); eleven
    /// to fifteen are a country code and number, as E.164 writes them without the `+`
    /// (eleven starting with 1 is the NANP again). A leading international access prefix
    /// ([`ACCESS_PREFIXES`]) is taken off first.
    pub fn classify(input: Option<&str>) -> Keyed {
        let keyed = input.map(str::trim).unwrap_or_default();
        if keyed.is_empty() || keyed.eq_ignore_ascii_case("Timeout") {
            return Keyed::Nothing;
        }
        if !keyed.bytes().all(|b| b.is_ascii_digit()) {
            return Keyed::NotDigits;
        }
        let digits = without_access_prefix(keyed);
        match digits.len() {
            0..NANP_DIGITS => Keyed::TooShort,
            NANP_DIGITS => Keyed::Number(format!("+1{digits}")),
            length if length > E164_MAX_DIGITS => Keyed::TooLong,
            _ => Keyed::Number(format!("+{digits}")),
        }
    }
}

/// `digits` without a leading international access prefix, the longest that matches.
fn without_access_prefix(digits: &str) -> &str {
    ACCESS_PREFIXES
        .iter()
        .find_map(|prefix| digits.strip_prefix(prefix))
        .unwrap_or(digits)
}

/// What kind of input arrived, for the log: `absent` (no `number` parameter), `empty`, `timeout`
/// (the word the admin guide says silence leaves), `digits`, or `other`. Never the digits nor
/// their count. A live run that hears "not heard" after keying a number can tell from this
/// whether the parameter arrived empty (docs/aws-contracts.md F31) or the keys did not reach
/// the block (T26).
pub fn input_kind(input: Option<&str>) -> &'static str {
    match input.map(str::trim) {
        None => "absent",
        Some("") => "empty",
        Some(keyed) if keyed.eq_ignore_ascii_case("Timeout") => "timeout",
        Some(keyed) if keyed.bytes().all(|b| b.is_ascii_digit()) => "digits",
        Some(_) => "other",
    }
}

/// The status and results for what the caller keyed.
pub fn offer(input: Option<&str>, settings: &Settings) -> (Status, Vec<Vanity>) {
    let number = match Keyed::classify(input) {
        Keyed::Nothing => return (Status::NoInput, Vec::new()),
        Keyed::NotDigits => return (Status::InvalidNumber, Vec::new()),
        Keyed::TooShort => return (Status::TooShort, Vec::new()),
        Keyed::TooLong => return (Status::TooLong, Vec::new()),
        Keyed::Number(number) => number,
    };
    let options = settings.engine_options();
    match vanity_engine::vanity_numbers_with(&number, settings.result_count, &options) {
        Ok(results) if results.is_empty() => (Status::NoMatches, results),
        Ok(results) => (Status::Ok, results),
        Err(NumberError::TooShort) => (Status::TooShort, Vec::new()),
        Err(NumberError::Missing) => (Status::NoInput, Vec::new()),
        Err(NumberError::Malformed) => (Status::InvalidNumber, Vec::new()),
    }
}

/// The answer to an [`Invocation::AnotherNumber`]: the lookup's result keys for the keyed
/// number, as a new caller with `recall` none would get them.
///
/// [`Invocation::AnotherNumber`]: vanity_engine::contract::Invocation::AnotherNumber
pub fn answer(contact: &Contact<'_>, settings: &Settings) -> HashMap<String, String> {
    let (status, results) = offer(contact.number, settings);
    // The kind of input, the status and the count only: not the number, not its length, not a
    // masked form.
    tracing::info!(
        contact_id = contact.contact_id,
        input = input_kind(contact.number),
        status = status.as_str(),
        count = results.len(),
        "answered another number"
    );
    let nothing_recalled = Recorded {
        returning: false,
        last: None,
    };
    response::build(status, &results, &nothing_recalled, Recall::Nothing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;
    use serde_json::json;
    use std::time::{Duration, SystemTime};
    use test_support::connect::ContactFlowEvent;
    use vanity_engine::contract::{self, Invocation};

    fn settings() -> Settings {
        Settings::example("calls", Duration::from_millis(200))
    }

    fn keyed_event(caller: serde_json::Value, number: Option<&str>) -> serde_json::Value {
        let mut parameters = json!({contract::ACTION: Invocation::AnotherNumber.as_str()});
        if let Some(number) = number {
            parameters[contract::NUMBER] = json!(number);
        }
        ContactFlowEvent::new("c-keyed", caller)
            .parameters(parameters)
            .build()
    }

    #[test]
    fn keyed_digits_are_sorted_before_the_engine_sees_them() {
        let cases = [
            (None, Keyed::Nothing),
            (Some(""), Keyed::Nothing),
            (Some("Timeout"), Keyed::Nothing),
            (Some("12345"), Keyed::TooShort),
            (Some("206555012"), Keyed::TooShort),
            (Some("2065550123"), Keyed::Number("+12065550123".into())),
            (Some("18003569377"), Keyed::Number("+18003569377".into())),
            (Some("442079460958"), Keyed::Number("+442079460958".into())),
            (Some("206*5550123"), Keyed::NotDigits),
            (Some("+12065550123"), Keyed::NotDigits),
            // Fifteen digits is E.164's most; sixteen is refused with its own reason.
            (
                Some("442079460958123"),
                Keyed::Number("+442079460958123".into()),
            ),
            (Some("4420794609581234"), Keyed::TooLong),
            (Some(&"9".repeat(20)), Keyed::TooLong),
        ];
        for (input, expected) in cases {
            assert_eq!(Keyed::classify(input), expected, "{input:?}");
        }
    }

    /// A caller keying a number as they would dial it abroad: `011` (from the NANP) or `00`
    /// (elsewhere) before the country code is taken off, so the number is read as the
    /// country code and number the prompt asks for; with nothing after it, it is too short.
    #[test]
    fn an_international_access_prefix_is_taken_off() {
        let cases = [
            ("011442079460958", Keyed::Number("+442079460958".into())),
            ("00442079460958", Keyed::Number("+442079460958".into())),
            ("01118003569377", Keyed::Number("+18003569377".into())),
            ("0018003569377", Keyed::Number("+18003569377".into())),
            // Fifteen digits after the prefix are E.164's most: eighteen keyed in all.
            (
                "011442079460958123",
                Keyed::Number("+442079460958123".into()),
            ),
            ("0114420794609581234", Keyed::TooLong),
            ("00442079", Keyed::TooShort),
            ("011", Keyed::TooShort),
        ];
        for (input, expected) in cases {
            assert_eq!(Keyed::classify(Some(input)), expected, "{input:?}");
        }
        // A number that merely contains the prefix later is not touched.
        assert_eq!(
            Keyed::classify(Some("2060115550")),
            Keyed::Number("+12060115550".into())
        );
    }

    #[test]
    fn every_keyed_input_gets_a_status_the_flow_speaks() {
        let engine = |number: &str| {
            vanity_engine::vanity_numbers(number, settings().result_count).unwrap_or_default()
        };
        let cases = [
            (Some("Timeout".to_string()), Status::NoInput),
            (Some(String::new()), Status::NoInput),
            (Some("555".to_string()), Status::TooShort),
            (Some("12*".to_string()), Status::InvalidNumber),
            (Some("9".repeat(16)), Status::TooLong),
            (Some("011".to_string() + &"9".repeat(16)), Status::TooLong),
            (Some("8003569377".to_string()), Status::Ok),
        ];
        for (input, expected) in cases {
            let (status, results) = offer(input.as_deref(), &settings());
            assert_eq!(status, expected, "{input:?}");
            if expected == Status::Ok {
                assert_eq!(results, engine("+18003569377"));
            } else {
                assert!(results.is_empty(), "{input:?}");
            }
        }
    }

    /// A number the engine finds no words for answers NO_MATCHES: found, not assumed, by
    /// walking ten-digit numbers until the engine gives one nothing.
    #[test]
    fn the_input_kind_tells_what_arrived_and_nothing_of_it() {
        let kinds = [
            (None, "absent"),
            (Some(""), "empty"),
            (Some(" "), "empty"),
            (Some("Timeout"), "timeout"),
            (Some("2065550123"), "digits"),
            (Some("12*"), "other"),
        ];
        for (input, kind) in kinds {
            assert_eq!(input_kind(input), kind, "{input:?}");
        }
    }

    #[test]
    fn a_number_that_spells_nothing_says_so() {
        let silent = (0..200u32)
            .map(|n| format!("2065550{n:03}"))
            .find(|digits| engine_is_silent(&format!("+1{digits}")));
        let Some(digits) = silent else {
            panic!("no number in 206-555-0000..0199 without results: pick another range");
        };
        let (status, results) = offer(Some(&digits), &settings());
        assert_eq!((status, results.len()), (Status::NoMatches, 0));
    }

    fn engine_is_silent(number: &str) -> bool {
        vanity_engine::vanity_numbers_with(
            number,
            settings().result_count,
            &settings().engine_options(),
        )
        .is_ok_and(|results| results.is_empty())
    }

    /// Stateless: no record is written, and even with recall at its most telling (the
    /// example settings) the answer says nothing of earlier calls, from this caller or the
    /// keyed number.
    #[tokio::test]
    async fn the_lookup_keeps_nothing_and_recalls_nothing() {
        let store = MemoryStore::with_previous_call("+18003569377");
        let before = store.records();
        let response = crate::handle(
            &keyed_event(json!("+18003569377"), Some("8003569377")),
            &store,
            &settings(),
            SystemTime::now(),
        )
        .await;
        assert_eq!(store.records(), before);
        assert_eq!(response[contract::STATUS], Status::Ok.as_str());
        let mut keys: Vec<&String> = response.keys().collect();
        keys.sort();
        let allowed = Invocation::AnotherNumber.returned_keys(settings().result_count);
        assert!(keys.iter().all(|key| allowed.contains(key)), "{keys:?}");
        assert!(!response.contains_key(contract::RETURNING));
        assert!(!response.contains_key(contract::REMEMBERED));
    }

    /// A withheld caller can key a number too: the caller's own address plays no part.
    #[tokio::test]
    async fn a_withheld_caller_can_look_up_a_keyed_number() {
        let store = MemoryStore::default();
        let response = crate::handle(
            &keyed_event(json!(null), Some("8003569377")),
            &store,
            &settings(),
            SystemTime::now(),
        )
        .await;
        assert_eq!(response[contract::STATUS], Status::Ok.as_str());
        assert!(store.records().is_empty());
        let silent = crate::handle(
            &keyed_event(json!(null), None),
            &store,
            &settings(),
            SystemTime::now(),
        )
        .await;
        assert_eq!(silent[contract::STATUS], Status::NoInput.as_str());
        assert_eq!(silent[contract::COUNT], "0");
    }
}
