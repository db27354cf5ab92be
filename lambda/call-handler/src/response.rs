//! Builds the flat string map Connect hands to the flow as `$.External.*` (the `STRING_MAP`
//! response type). Key names come only from [`vanity_engine::contract`]; this module decides
//! which keys are present for a given outcome and nothing else.

use std::collections::HashMap;

use vanity_engine::contract::{self, Recall, Remembered, Status};
use vanity_engine::Vanity;

use crate::store::{LastTime, Recorded};

/// The lookup's response for `status`: always `status` and `count`; what `recall` lets the
/// flow tell a returning caller (`returning`; then `remembered`, with `last_spoken` when
/// something is remembered); `prefix_shared` (with `prefix_spoken` when it is "true"), then
/// `rest1..=count`, best first, as the flow says them. Nothing else: the answer reaches the
/// flow's logs, so it carries no more of the caller's data than the caller hears.
/// `results` beyond [`contract::MAX_RESULTS`] are dropped so the flow's lint and the response
/// cannot disagree.
pub fn build(
    status: Status,
    results: &[Vanity],
    recorded: &Recorded,
    recall: Recall,
) -> HashMap<String, String> {
    let results = &results[..results.len().min(contract::MAX_RESULTS)];
    let mut response = HashMap::with_capacity(7 + results.len());
    response.insert(contract::STATUS.to_string(), status.as_str().to_string());
    response.insert(contract::COUNT.to_string(), results.len().to_string());
    if recall.tells_returning() {
        response.insert(
            contract::RETURNING.to_string(),
            recorded.returning.to_string(),
        );
    }
    if recall.tells_last_call() {
        let remembered = match &recorded.last {
            Some(LastTime { kind, spoken }) => {
                response.insert(contract::LAST_SPOKEN.to_string(), spoken.clone());
                *kind
            }
            None => Remembered::Nothing,
        };
        response.insert(
            contract::REMEMBERED.to_string(),
            remembered.as_str().to_string(),
        );
    }
    let prefix = shared_prefix(results);
    response.insert(
        contract::PREFIX_SHARED.to_string(),
        prefix.is_some().to_string(),
    );
    if let Some(prefix) = prefix {
        response.insert(contract::PREFIX_SPOKEN.to_string(), prefix.to_string());
    }
    for (index, vanity) in results.iter().enumerate() {
        let rest = match prefix {
            Some(_) => vanity.spoken_subscriber(),
            None => &vanity.spoken,
        };
        response.insert(contract::rest_key(index + 1), rest.to_string());
    }
    response
}

/// The spoken start every result shares, worth saying once: only for two results or more
/// (for one, saying it apart saves nothing), and only when it is not empty (a number given
/// without country or area code) and the same for all of them.
fn shared_prefix(results: &[Vanity]) -> Option<&str> {
    let (first, others) = results.split_first()?;
    let prefix = first.spoken_prefix();
    let shared = !others.is_empty()
        && !prefix.is_empty()
        && others.iter().all(|vanity| vanity.spoken_prefix() == prefix);
    shared.then_some(prefix)
}

/// The choose action's response: whether the choice is on the call's record, and when it is,
/// the kept number as the flow says it (`kept` is its speakable form).
pub fn chosen(kept: Option<&str>) -> HashMap<String, String> {
    let mut response = HashMap::from([(contract::CHOSEN.to_string(), kept.is_some().to_string())]);
    if let Some(spoken) = kept {
        response.insert(contract::CHOSEN_SPOKEN.to_string(), spoken.to_string());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A result whose spoken form is `prefix, subscriber` (just `subscriber` when `prefix` is "").
    fn vanity(display: &str, prefix: &str, subscriber: &str) -> Vanity {
        let (spoken, subscriber_start) = match prefix {
            "" => (subscriber.to_string(), 0),
            _ => (format!("{prefix}, {subscriber}"), prefix.len() + 2),
        };
        Vanity {
            display: display.to_string(),
            letters: display.replace('-', ""),
            words: vec![display.to_lowercase()],
            score: 1.0,
            overrun: 0,
            spoken,
            subscriber_start,
        }
    }

    #[test]
    fn keys_follow_the_contract_for_every_outcome() {
        let two = [
            vanity("1-800-FLOWERS", "1, 8 hundred", "flowers"),
            vanity("1-800-FLOWER-7", "1, 8 hundred", "flower, 7"),
        ];
        let chose = Recorded {
            returning: true,
            last: Some(LastTime {
                kind: Remembered::Choice,
                spoken: "1, 8 hundred, flowers".to_string(),
            }),
        };
        let new = Recorded {
            returning: false,
            last: None,
        };
        let cases: [(Status, &[Vanity], &Recorded); 4] = [
            (Status::Ok, &two, &chose),
            (Status::NoMatches, &[], &new),
            (Status::NoCallerId, &[], &new),
            (Status::InvalidNumber, &[], &new),
        ];
        for (status, results, recorded) in cases {
            let response = build(status, results, recorded, Recall::LastCall);
            assert_eq!(response[contract::STATUS], status.as_str());
            assert_eq!(response[contract::COUNT], results.len().to_string());
            assert_eq!(
                response[contract::RETURNING],
                recorded.returning.to_string()
            );
            let remembered = recorded.last.as_ref().map(|l| l.kind);
            assert_eq!(
                response[contract::REMEMBERED],
                remembered.unwrap_or(Remembered::Nothing).as_str()
            );
            assert_eq!(
                response.get(contract::LAST_SPOKEN),
                recorded.last.as_ref().map(|l| &l.spoken)
            );
            let shared = results.len() >= 2;
            assert_eq!(response[contract::PREFIX_SHARED], shared.to_string());
            for (index, vanity) in results.iter().enumerate() {
                assert_eq!(
                    response[&contract::rest_key(index + 1)],
                    vanity.spoken_subscriber()
                );
            }
            let last = usize::from(recorded.last.is_some());
            let expected = 5 + last + usize::from(shared) + results.len();
            assert_eq!(response.len(), expected, "{status:?}");
            let allowed = contract::Invocation::Lookup.returned_keys(contract::MAX_RESULTS);
            assert!(
                response.keys().all(|key| allowed.contains(key)),
                "{response:?}"
            );
        }
    }

    #[test]
    fn never_returns_more_than_the_contract_allows() {
        let many: Vec<Vanity> = (0..contract::MAX_RESULTS + 3)
            .map(|i| vanity(&format!("1-800-WORD-{i}"), "1, 8 hundred", "word"))
            .collect();
        let new = Recorded {
            returning: false,
            last: None,
        };
        let response = build(Status::Ok, &many, &new, Recall::LastCall);
        assert_eq!(response[contract::COUNT], contract::MAX_RESULTS.to_string());
        assert!(!response.contains_key(&contract::rest_key(contract::MAX_RESULTS + 1)));
    }

    #[test]
    fn the_start_is_said_apart_only_when_two_or_more_results_share_it() {
        let new = Recorded {
            returning: false,
            last: None,
        };
        let one = [vanity("1-206-CAR-WASH", "1, 2 0 6", "car wash")];
        let two_local = [
            vanity("CAR-WASH", "", "car wash"),
            vanity("BAR-WASH", "", "bar wash"),
        ];
        let mixed = [
            vanity("1-206-CAR-WASH", "1, 2 0 6", "car wash"),
            vanity("1-425-CAR-WASH", "1, 4 2 5", "car wash"),
        ];
        for results in [&one[..], &two_local, &mixed] {
            let response = build(Status::Ok, results, &new, Recall::LastCall);
            assert_eq!(response[contract::PREFIX_SHARED], "false");
            assert!(!response.contains_key(contract::PREFIX_SPOKEN));
            for (index, vanity) in results.iter().enumerate() {
                // Not shared: every result is said whole.
                assert_eq!(response[&contract::rest_key(index + 1)], vanity.spoken);
            }
        }
        let shared = [
            vanity("1-206-CAR-WASH", "1, 2 0 6", "car wash"),
            vanity("1-206-55-CAR-WASH", "1, 2 0 6", "5 5, car wash"),
        ];
        let response = build(Status::Ok, &shared, &new, Recall::LastCall);
        assert_eq!(response[contract::PREFIX_SHARED], "true");
        assert_eq!(response[contract::PREFIX_SPOKEN], "1, 2 0 6");
        assert_eq!(response[&contract::rest_key(2)], "5 5, car wash");
    }

    #[test]
    fn the_answer_tells_only_what_recall_allows() {
        let results = [vanity("1-800-FLOWERS", "1, 8 hundred", "flowers")];
        let chose = Recorded {
            returning: true,
            last: Some(LastTime {
                kind: Remembered::Choice,
                spoken: "1, 8 hundred, flowers".to_string(),
            }),
        };
        for recall in Recall::ALL {
            let response = build(Status::Ok, &results, &chose, recall);
            let mut keys: Vec<String> = response.keys().cloned().collect();
            keys.sort();
            let mut allowed = contract::Invocation::Lookup.returned_keys_with(1, recall);
            allowed.retain(|key| key != contract::PREFIX_SPOKEN);
            allowed.sort();
            assert_eq!(keys, allowed, "{recall:?}");
        }
    }

    #[test]
    fn a_kept_choice_is_answered_with_the_number_to_confirm() {
        let kept = chosen(Some("1, 8 hundred, flowers"));
        assert_eq!(kept[contract::CHOSEN], "true");
        assert_eq!(kept[contract::CHOSEN_SPOKEN], "1, 8 hundred, flowers");
        let not_kept = chosen(None);
        assert_eq!(not_kept[contract::CHOSEN], "false");
        assert!(!not_kept.contains_key(contract::CHOSEN_SPOKEN));
    }
}
