//! Whether the load test passed: every answer checked against the engine, then the table
//! against the answered calls, with the store calls that missed the handler's deadline told
//! apart from calls that were lost.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;
use call_handler::schema;
use serde_json::Value;
use vanity_engine::contract::{self, Remembered, Status};

use super::drive::Finished;
use super::plan::{Call, Kind};
use super::{RESULT_COUNT, TABLE};

#[derive(Default)]
pub struct Verdict {
    pub answered: usize,
    pub lost: usize,
    pub duplicated: usize,
    pub partial: usize,
    pub wrong: Vec<String>,
    pub returning_expected: usize,
    pub returning_recognised: usize,
    pub choices_expected: usize,
    pub choices_kept: usize,
    /// Calls whose store request missed the handler's deadline (it answered without it).
    pub late: usize,
    /// Calls that store: every answered call from a number, and every choice.
    pub stores: usize,
}

impl Verdict {
    /// At most `percent` of the store calls missed the handler's deadline.
    pub fn late_within(&self, percent: usize) -> bool {
        self.late * 100 <= self.stores * percent
    }
}

/// The contact ids whose store call missed the deadline, as the function processes logged
/// them: the handler logs an error with `timeout_ms` and the `contact_id` when its DynamoDB
/// request (recording the call, or keeping a choice) runs past `store_timeout` and it answers
/// without it (call-handler src/deadline.rs `within`). Such a request may
/// still land in the table afterwards, or never.
pub fn late_stores(log_dir: &Path) -> HashSet<String> {
    let mut late = HashSet::new();
    let Ok(entries) = std::fs::read_dir(log_dir) else {
        return late;
    };
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for line in text.lines() {
            let Ok(logged) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            if logged.get("timeout_ms").is_some() {
                if let Some(contact_id) = logged.get("contact_id").and_then(Value::as_str) {
                    late.insert(contact_id.to_string());
                }
            }
        }
    }
    late
}

/// Checks every answer against the engine, then the table against the answered calls.
///
/// A store that missed the deadline (`late`) is not a failure of the handler: it answered in
/// time without the table, as designed. So a returning caller whose first call, or whose own
/// lookup, was late may go unrecognised; a call whose store was late may be missing from the
/// table or have its choice unsaved. Those are counted as `late`, not as wrong or lost. A
/// returning caller is only a recognition failure when both their calls were stored in time.
pub async fn judge(
    finished: &[Finished],
    client: &Client,
    invocations: usize,
    late: &HashSet<String>,
) -> Verdict {
    let mut verdict = Verdict {
        // A call that never came back counts as lost: the caller heard nothing.
        lost: invocations.saturating_sub(finished.len()),
        ..Verdict::default()
    };
    let expected = check_answers(finished, late, &mut verdict);
    verdict.choices_expected = expected.chosen.len();
    let items = match scan(client).await {
        Ok(items) => items,
        Err(error) => {
            verdict
                .wrong
                .push(format!("cannot read the table: {error}"));
            return verdict;
        }
    };
    let found = check_items(&items, &expected, late, &mut verdict);
    count_unstored(&expected, &found, late, &mut verdict);
    verdict
}

/// (caller, contact id): the key of a call's item in the table.
type ItemKey = (String, String);

/// What the answers say the table must hold afterwards.
#[derive(Default)]
struct Expected {
    /// (caller, contact id) -> the results the item must hold.
    items: BTreeMap<ItemKey, Vec<vanity_engine::Vanity>>,
    /// (caller, contact id) -> the display of the result the caller kept.
    chosen: BTreeMap<ItemKey, String>,
}

/// Checks each answer against the engine's, counting calls and stores; returns what the table
/// must hold.
fn check_answers(finished: &[Finished], late: &HashSet<String>, verdict: &mut Verdict) -> Expected {
    // A returning caller's number -> the contact id of their first call.
    let first_calls: HashMap<&str, &str> = finished
        .iter()
        .filter(|done| done.call.kind == Kind::ReturningFirst)
        .filter_map(|done| Some((done.call.number.as_deref()?, done.call.contact_id.as_str())))
        .collect();
    let mut late_contacts = HashSet::new();
    let mut expected = Expected::default();
    let mut triple_answers: HashMap<&str, Vec<&HashMap<String, String>>> = HashMap::new();
    for done in finished {
        let call = &done.call;
        let answer = match &done.outcome {
            Ok(answer) => answer,
            Err(problem) => {
                verdict.lost += 1;
                verdict
                    .wrong
                    .push(format!("{}: {problem}", call.contact_id));
                continue;
            }
        };
        verdict.answered += 1;
        let is_late = late.contains(&call.contact_id);
        count_store(call, is_late, &mut late_contacts, verdict);
        let (status, results) = expected_answer(call.number.as_deref());
        if call.kind == Kind::Chose {
            // A late lookup or choice: "not kept" is the right answer then, and the record may
            // lack the choice.
            if !is_late {
                check_choice(call, answer, &results, &mut expected.chosen, verdict);
            }
            continue;
        }
        let returning = expects_returning(call, answer, is_late, &first_calls, late, verdict);
        if let Some(problem) = mismatch(answer, status, &results, returning) {
            verdict
                .wrong
                .push(format!("{}: {problem}", call.contact_id));
        }
        if let (Some(number), Status::Ok | Status::NoMatches) = (&call.number, status) {
            expected
                .items
                .insert((number.clone(), call.contact_id.clone()), results);
        }
        if call.kind == Kind::Retried {
            triple_answers
                .entry(call.contact_id.as_str())
                .or_default()
                .push(answer);
        }
    }
    check_retries(&triple_answers, verdict);
    expected
}

/// Counts a call that stores (it has a number), and once per contact id a store that was late.
fn count_store<'a>(
    call: &'a Call,
    is_late: bool,
    late_contacts: &mut HashSet<&'a str>,
    verdict: &mut Verdict,
) {
    if call.number.is_some() {
        verdict.stores += 1;
        if is_late && late_contacts.insert(call.contact_id.as_str()) {
            verdict.late += 1;
        }
    }
}

/// Checks a choice's answer (kept when there was a best result) and notes what it kept.
fn check_choice(
    call: &Call,
    answer: &HashMap<String, String>,
    results: &[vanity_engine::Vanity],
    chosen: &mut BTreeMap<ItemKey, String>,
    verdict: &mut Verdict,
) {
    let best = results.first();
    let kept = best.map(|best| best.display.clone());
    let mut expected = HashMap::from([(contract::CHOSEN.to_string(), kept.is_some().to_string())]);
    // A kept choice is answered with the number as the flow says it back (response::chosen).
    if let Some(best) = best {
        expected.insert(contract::CHOSEN_SPOKEN.to_string(), best.spoken.clone());
    }
    if answer != &expected {
        verdict.wrong.push(format!(
            "{}: chose {answer:?}, expected {expected:?}",
            call.contact_id
        ));
    }
    if let (Some(number), Some(display)) = (&call.number, kept) {
        chosen.insert((number.clone(), call.contact_id.clone()), display);
    }
}

/// Whether the answer must be a returning caller's; counts the recognitions that were owed.
///
/// A caller's second call is owed recognition only when it and their first call were both
/// stored in time; otherwise either answer is right and the rest is judged by what it says.
fn expects_returning(
    call: &Call,
    answer: &HashMap<String, String>,
    is_late: bool,
    first_calls: &HashMap<&str, &str>,
    late: &HashSet<String>,
    verdict: &mut Verdict,
) -> bool {
    if call.kind != Kind::ReturningAgain {
        return false;
    }
    let recognised = answer.get(contract::RETURNING).map(String::as_str) == Some("true");
    let first_late = call
        .number
        .as_deref()
        .and_then(|number| first_calls.get(number))
        .is_some_and(|first| late.contains(*first));
    if first_late || is_late {
        return recognised;
    }
    verdict.returning_expected += 1;
    verdict.returning_recognised += usize::from(recognised);
    true
}

/// Flags retried calls (one contact id, sent three times) whose answers differ.
fn check_retries(
    triple_answers: &HashMap<&str, Vec<&HashMap<String, String>>>,
    verdict: &mut Verdict,
) {
    for (contact_id, answers) in triple_answers {
        if answers.windows(2).any(|pair| pair[0] != pair[1]) {
            verdict.wrong.push(format!(
                "{contact_id}: the three identical calls were answered differently"
            ));
        }
    }
}

/// Checks each stored item against the calls that should have stored it; returns the keys found.
fn check_items(
    items: &[HashMap<String, AttributeValue>],
    expected: &Expected,
    late: &HashSet<String>,
    verdict: &mut Verdict,
) -> HashSet<ItemKey> {
    let mut seen_contacts = HashSet::new();
    let mut found = HashSet::new();
    for item in items {
        let text = |name: &str| item.get(name).and_then(|v| v.as_s().ok()).cloned();
        let key = (
            text(schema::PARTITION_KEY).unwrap_or_default(),
            text(schema::SORT_KEY).unwrap_or_default(),
        );
        if !seen_contacts.insert(key.1.clone()) {
            verdict.duplicated += 1;
            verdict
                .wrong
                .push(format!("{}: stored more than once", key.1));
            continue;
        }
        match expected.items.get(&key) {
            None => {
                verdict.duplicated += 1;
                verdict
                    .wrong
                    .push(format!("{}: stored but should not be", key.1));
            }
            Some(results) => {
                check_record(item, &key, results, &expected.chosen, late, verdict);
                found.insert(key);
            }
        }
    }
    found
}

/// Checks one expected item: the choice on record (unless its store was late) and its results.
fn check_record(
    item: &HashMap<String, AttributeValue>,
    key: &ItemKey,
    results: &[vanity_engine::Vanity],
    chosen: &BTreeMap<ItemKey, String>,
    late: &HashSet<String>,
    verdict: &mut Verdict,
) {
    let kept = item
        .get(schema::CHOICE_ATTRIBUTE)
        .and_then(|choice| choice.as_m().ok())
        .and_then(|choice| choice.get(schema::CHOICE_DISPLAY))
        .and_then(|display| display.as_s().ok());
    if kept.is_some() && kept == chosen.get(key) {
        verdict.choices_kept += 1;
    }
    if kept != chosen.get(key) && !late.contains(&key.1) {
        verdict.lost += usize::from(kept.is_none());
        verdict.wrong.push(format!(
            "{}: choice on record {kept:?}, expected {:?}",
            key.1,
            chosen.get(key)
        ));
    }
    if let Some(problem) = incomplete(item, results) {
        verdict.partial += 1;
        verdict.wrong.push(format!("{}: {problem}", key.1));
    }
}

/// Counts as lost every answered call missing from the table whose store was not late.
fn count_unstored(
    expected: &Expected,
    found: &HashSet<ItemKey>,
    late: &HashSet<String>,
    verdict: &mut Verdict,
) {
    for key in expected.items.keys().filter(|key| !found.contains(*key)) {
        if late.contains(&key.1) {
            continue; // answered without the table, as designed; counted in `late`
        }
        verdict.lost += 1;
        verdict
            .wrong
            .push(format!("{}: answered but not stored", key.1));
    }
}

/// The status and results the handler must give `number`, by the engine's own answer.
fn expected_answer(number: Option<&str>) -> (Status, Vec<vanity_engine::Vanity>) {
    let Some(number) = number else {
        return (Status::NoCallerId, Vec::new());
    };
    match vanity_engine::vanity_numbers(number, RESULT_COUNT) {
        Ok(results) if results.is_empty() => (Status::NoMatches, results),
        Ok(results) => (Status::Ok, results),
        Err(vanity_engine::NumberError::Missing) => (Status::NoCallerId, Vec::new()),
        Err(_) => (Status::InvalidNumber, Vec::new()),
    }
}

fn mismatch(
    answer: &HashMap<String, String>,
    status: Status,
    results: &[vanity_engine::Vanity],
    returning: bool,
) -> Option<String> {
    // A returning caller who chose nothing last time is offered last time's best result (the
    // same number had the same results then; none means nothing to remember).
    let remembered = if returning && !results.is_empty() {
        Remembered::Best
    } else {
        Remembered::Nothing
    };
    let mut expected = HashMap::from([
        (contract::STATUS.to_string(), status.as_str().to_string()),
        (contract::COUNT.to_string(), results.len().to_string()),
        (contract::RETURNING.to_string(), returning.to_string()),
        (
            contract::REMEMBERED.to_string(),
            remembered.as_str().to_string(),
        ),
    ]);
    // Every number here has a country and area code, which two or more results share and the
    // flow then says once.
    let shared = results.len() >= 2;
    expected.insert(contract::PREFIX_SHARED.to_string(), shared.to_string());
    if let (true, Some(best)) = (shared, results.first()) {
        expected.insert(
            contract::PREFIX_SPOKEN.to_string(),
            best.spoken_prefix().to_string(),
        );
    }
    for (index, vanity) in results.iter().enumerate() {
        let rank = index + 1;
        let rest = if shared {
            vanity.spoken_subscriber()
        } else {
            &vanity.spoken
        };
        expected.insert(contract::rest_key(rank), rest.to_string());
    }
    let wrong = expected
        .iter()
        .any(|(key, value)| answer.get(key) != Some(value));
    // Nothing beyond what was expected, except what last time's call left to say.
    let allowed =
        |key: &String| expected.contains_key(key) || (returning && key == contract::LAST_SPOKEN);
    let extra = answer.keys().any(|key| !allowed(key));
    (wrong || extra).then(|| format!("answered {answer:?}, expected {expected:?}"))
}

/// Why a stored item is not the whole record of its call, if it is not.
fn incomplete(
    item: &HashMap<String, AttributeValue>,
    results: &[vanity_engine::Vanity],
) -> Option<String> {
    for name in [schema::CALLED_AT_ATTRIBUTE, schema::TTL_ATTRIBUTE] {
        if item.get(name).and_then(|v| v.as_n().ok()).is_none() {
            return Some(format!("item has no number {name}"));
        }
    }
    let stored: Vec<Option<&String>> = item
        .get(schema::RESULTS_ATTRIBUTE)
        .and_then(|v| v.as_l().ok())
        .map(|list| {
            list.iter()
                .map(|r| {
                    r.as_m()
                        .ok()
                        .and_then(|m| m.get(schema::RESULT_DISPLAY))
                        .and_then(|d| d.as_s().ok())
                })
                .collect()
        })
        .unwrap_or_default();
    let wanted: Vec<Option<&String>> = results.iter().map(|v| Some(&v.display)).collect();
    (stored != wanted).then(|| format!("item results {stored:?}, expected {wanted:?}"))
}

/// Every item in the table, strongly consistent, page by page.
async fn scan(client: &Client) -> Result<Vec<HashMap<String, AttributeValue>>, String> {
    let mut items = Vec::new();
    let mut start = None;
    loop {
        let page = client
            .scan()
            .table_name(TABLE)
            .consistent_read(true)
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|error| aws_sdk_dynamodb::error::DisplayErrorContext(error).to_string())?;
        items.extend(page.items().iter().cloned());
        match page.last_evaluated_key() {
            Some(key) if !key.is_empty() => start = Some(key.clone()),
            _ => return Ok(items),
        }
    }
}
