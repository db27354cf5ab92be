//! Builds the flat string map Connect hands to the flow as `$.External.*` (the `STRING_MAP`
//! response type). Key names come only from [`vanity_engine::contract`]; this module decides
//! which keys are present for a given outcome and nothing else.

use std::collections::HashMap;

use vanity_engine::contract::{self, Status};
use vanity_engine::Vanity;

/// The response for `status`: always `status`, `count` and `returning`, then
/// `vanity1..=count` and `spoken1..=count`, best first. `results` beyond
/// [`contract::MAX_RESULTS`] are dropped so the flow's lint and the response cannot disagree.
pub fn build(status: Status, results: &[Vanity], returning: bool) -> HashMap<String, String> {
    let results = &results[..results.len().min(contract::MAX_RESULTS)];
    let mut response = HashMap::with_capacity(3 + 2 * results.len());
    response.insert(contract::STATUS.to_string(), status.as_str().to_string());
    response.insert(contract::COUNT.to_string(), results.len().to_string());
    response.insert(contract::RETURNING.to_string(), returning.to_string());
    for (index, vanity) in results.iter().enumerate() {
        let rank = index + 1;
        response.insert(contract::vanity_key(rank), vanity.display.clone());
        response.insert(contract::spoken_key(rank), vanity.spoken.clone());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vanity(display: &str, spoken: &str) -> Vanity {
        Vanity {
            display: display.to_string(),
            letters: display.replace('-', ""),
            words: vec![display.to_lowercase()],
            score: 1.0,
            overrun: 0,
            spoken: spoken.to_string(),
        }
    }

    #[test]
    fn keys_follow_the_contract_for_every_outcome() {
        let two = [
            vanity("1-800-FLOWERS", "1, 8 0 0, flowers"),
            vanity("1-800-FLOWER-7", "1, 8 0 0, flower, 7"),
        ];
        let cases: [(Status, &[Vanity], bool); 4] = [
            (Status::Ok, &two, true),
            (Status::NoMatches, &[], false),
            (Status::NoCallerId, &[], false),
            (Status::InvalidNumber, &[], false),
        ];
        for (status, results, returning) in cases {
            let response = build(status, results, returning);
            assert_eq!(response[contract::STATUS], status.as_str());
            assert_eq!(response[contract::COUNT], results.len().to_string());
            assert_eq!(response[contract::RETURNING], returning.to_string());
            for (index, vanity) in results.iter().enumerate() {
                assert_eq!(response[&contract::vanity_key(index + 1)], vanity.display);
                assert_eq!(response[&contract::spoken_key(index + 1)], vanity.spoken);
            }
            assert_eq!(response.len(), 3 + 2 * results.len(), "{status:?}");
            let allowed = contract::returned_keys(contract::MAX_RESULTS);
            assert!(
                response.keys().all(|key| allowed.contains(key)),
                "{response:?}"
            );
        }
    }

    #[test]
    fn never_returns_more_than_the_contract_allows() {
        let many: Vec<Vanity> = (0..contract::MAX_RESULTS + 3)
            .map(|i| vanity(&format!("1-800-WORD-{i}"), "word"))
            .collect();
        let response = build(Status::Ok, &many, false);
        assert_eq!(response[contract::COUNT], contract::MAX_RESULTS.to_string());
        assert!(!response.contains_key(&contract::vanity_key(contract::MAX_RESULTS + 1)));
    }
}
