//! One stored call as `calls` shows it, read from a DynamoDB item in the layout of
//! [`call_handler::schema`]. Reading never fails: an attribute that is missing or of another
//! type (an item written by hand, or by an older handler) shows as absent instead.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use call_handler::schema::{self, CHOICE_ATTRIBUTE, CHOICE_DISPLAY, CHOICE_RANK, CHOSEN_AT};

/// One call, as the handler stored it.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// Epoch seconds when the call was answered.
    pub called_at: Option<i64>,
    /// The caller's number as Connect sent it; masked before it is shown unless `--full`.
    pub caller: String,
    pub contact_id: String,
    /// What the caller chose at the menu, when they chose.
    pub choice: Option<StoredChoice>,
    /// The stored results, best first.
    pub results: Vec<StoredResult>,
}

/// The result a caller chose by pressing its number, as read back from the table (the
/// call-handler writes it as `call_handler::store::Choice`).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredChoice {
    /// The number pressed: 1 is the best result.
    pub rank: Option<u32>,
    /// The chosen result's display form, for example `1-800-FLOWERS`.
    pub display: Option<String>,
    /// Epoch seconds when the caller chose.
    pub chosen_at: Option<i64>,
}

/// One stored vanity number.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredResult {
    pub display: String,
    pub letters: String,
    pub spoken: String,
    pub words: Vec<String>,
    /// The engine's score; `None` when the stored number is not a finite number.
    pub score: Option<f64>,
}

fn text(item: &HashMap<String, AttributeValue>, name: &str) -> Option<String> {
    match item.get(name)? {
        AttributeValue::S(value) => Some(value.clone()),
        AttributeValue::N(value) => Some(value.clone()),
        _ => None,
    }
}

impl Call {
    pub fn from_item(item: &HashMap<String, AttributeValue>) -> Call {
        let called_at = item
            .get(schema::CALLED_AT_ATTRIBUTE)
            .and_then(|value| value.as_n().ok())
            .and_then(|n| n.parse::<i64>().ok());
        let results = item
            .get(schema::RESULTS_ATTRIBUTE)
            .and_then(|value| value.as_l().ok())
            .map(|list| list.iter().filter_map(stored_result).collect())
            .unwrap_or_default();
        Call {
            called_at,
            caller: text(item, schema::PARTITION_KEY).unwrap_or_default(),
            contact_id: text(item, schema::SORT_KEY).unwrap_or_default(),
            choice: item.get(CHOICE_ATTRIBUTE).and_then(choice),
            results,
        }
    }
}

fn number<T: std::str::FromStr>(map: &HashMap<String, AttributeValue>, name: &str) -> Option<T> {
    map.get(name)?.as_n().ok()?.parse().ok()
}

fn choice(value: &AttributeValue) -> Option<StoredChoice> {
    let map = value.as_m().ok()?;
    let choice = StoredChoice {
        rank: number(map, CHOICE_RANK),
        display: text(map, CHOICE_DISPLAY),
        chosen_at: number(map, CHOSEN_AT),
    };
    (choice.rank.is_some() || choice.display.is_some()).then_some(choice)
}

fn stored_result(value: &AttributeValue) -> Option<StoredResult> {
    let map = value.as_m().ok()?;
    let words = map
        .get(schema::RESULT_WORDS)
        .and_then(|w| w.as_l().ok())
        .map(|list| list.iter().filter_map(|w| w.as_s().ok().cloned()).collect())
        .unwrap_or_default();
    let score = map
        .get(schema::RESULT_SCORE)
        .and_then(|s| s.as_n().ok())
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite());
    Some(StoredResult {
        display: text(map, schema::RESULT_DISPLAY)?,
        letters: text(map, schema::RESULT_LETTERS).unwrap_or_default(),
        spoken: text(map, schema::RESULT_SPOKEN).unwrap_or_default(),
        words,
        score,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(value: &str) -> AttributeValue {
        AttributeValue::S(value.to_string())
    }

    #[test]
    fn reads_a_full_item_and_survives_odd_ones() {
        let result = AttributeValue::M(HashMap::from([
            (schema::RESULT_DISPLAY.to_string(), s("1-800-FLOWERS")),
            (schema::RESULT_LETTERS.to_string(), s("FLOWERS")),
            (
                schema::RESULT_SPOKEN.to_string(),
                s("1, 8 hundred, flowers"),
            ),
            (
                schema::RESULT_WORDS.to_string(),
                AttributeValue::L(vec![s("flowers")]),
            ),
            (
                schema::RESULT_SCORE.to_string(),
                AttributeValue::N("0.807143".to_string()),
            ),
        ]));
        let item = HashMap::from([
            (schema::PARTITION_KEY.to_string(), s("+18003569377")),
            (schema::SORT_KEY.to_string(), s("c-1")),
            (
                schema::CALLED_AT_ATTRIBUTE.to_string(),
                AttributeValue::N("1800000000".to_string()),
            ),
            (
                CHOICE_ATTRIBUTE.to_string(),
                AttributeValue::M(HashMap::from([
                    (CHOICE_RANK.to_string(), AttributeValue::N("1".to_string())),
                    (CHOICE_DISPLAY.to_string(), s("1-800-FLOWERS")),
                    (
                        CHOSEN_AT.to_string(),
                        AttributeValue::N("1800000007".to_string()),
                    ),
                ])),
            ),
            (
                schema::RESULTS_ATTRIBUTE.to_string(),
                AttributeValue::L(vec![result, s("not a map")]),
            ),
        ]);
        let call = Call::from_item(&item);
        assert_eq!(call.called_at, Some(1_800_000_000));
        assert_eq!(call.caller, "+18003569377");
        assert_eq!(call.contact_id, "c-1");
        assert_eq!(
            call.choice,
            Some(StoredChoice {
                rank: Some(1),
                display: Some("1-800-FLOWERS".to_string()),
                chosen_at: Some(1_800_000_007),
            })
        );
        assert_eq!(call.results.len(), 1);
        assert_eq!(call.results[0].display, "1-800-FLOWERS");
        assert_eq!(call.results[0].score, Some(0.807143));

        let odd = HashMap::from([
            (schema::CALLED_AT_ATTRIBUTE.to_string(), s("yesterday")),
            (schema::RESULTS_ATTRIBUTE.to_string(), s("none")),
            (
                CHOICE_ATTRIBUTE.to_string(),
                AttributeValue::M(HashMap::new()),
            ),
        ]);
        let call = Call::from_item(&odd);
        assert_eq!(call.called_at, None);
        assert_eq!(call.caller, "");
        assert_eq!(call.choice, None);
        assert!(call.results.is_empty());
    }
}
