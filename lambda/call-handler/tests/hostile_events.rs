//! Hostile Connect events (property tests): arbitrary JSON, the repository's fixtures mutated at
//! every field (removed, or given every other JSON type), deeply nested and very large values,
//! and raw bytes that are not JSON or not UTF-8. The handler must never panic (proptest turns a
//! panic into a failure), and every event must end in an answer the flow can speak: a known
//! status, only contract keys, and a call stored only for a number the engine accepted.
//! Bytes the runtime cannot parse are rejected before the handler with a located error.
//! Each test prints how many cases it tried (`cargo test --test hostile_events -- --nocapture`).

use std::cell::Cell;
use std::time::{Duration, SystemTime};

use call_handler::handle;
use call_handler::settings::Settings;
use call_handler::store::MemoryStore;
use proptest::prelude::*;
use serde_json::{json, Value};
use test_support::connect::fixture;
use test_support::hostile::{self, mutate, mutated, pointers, runner, Shape};
use vanity_engine::contract::{self, Status};

const FIXTURES: &[&str] = &[
    "normal",
    "international",
    "anonymous",
    "null-endpoint",
    "missing-endpoint",
    "short-number",
    "malformed-number",
    "returning",
];

fn settings() -> Settings {
    Settings {
        table_name: "calls".to_string(),
        result_count: 5,
        record_ttl_days: 30,
        store_timeout: Duration::from_millis(500),
        allowed: vanity_engine::Allowed::NONE,
        recall: call_handler::settings::Recall::LastCall,
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a test runtime")
}

/// Handles `event` and checks the answer is one the flow can speak; `Err` says what is wrong.
fn answers_speakably(runtime: &tokio::runtime::Runtime, event: &Value) -> Result<(), String> {
    let store = MemoryStore::default();
    let answer = runtime.block_on(handle(event, &store, &settings(), SystemTime::now()));
    let status = answer
        .get(contract::STATUS)
        .and_then(|s| Status::ALL.into_iter().find(|known| known.as_str() == s))
        .ok_or_else(|| format!("no known status in {answer:?}"))?;
    let allowed = contract::returned_keys(contract::MAX_RESULTS);
    if let Some(key) = answer.keys().find(|key| !allowed.contains(key)) {
        return Err(format!("key {key:?} is not in the contract"));
    }
    let count: usize = answer[contract::COUNT]
        .parse()
        .map_err(|_| format!("count is not a number: {answer:?}"))?;
    if (1..=count).any(|rank| !answer.contains_key(&contract::rest_key(rank))) {
        return Err(format!("count {count} but results missing: {answer:?}"));
    }
    let records = store.records();
    let storable = matches!(status, Status::Ok | Status::NoMatches);
    if records.len() > 1 || (!storable && !records.is_empty()) {
        return Err(format!("{status:?} stored {} records", records.len()));
    }
    Ok(())
}

/// Any JSON value, nested up to a few levels, with keys drawn from the event's own field
/// names as well as arbitrary text, so arbitrary values land where the parser looks.
fn arbitrary_json() -> impl Strategy<Value = Value> {
    hostile::arbitrary_json(Shape {
        keys: vec![
            "Details",
            "ContactData",
            "ContactId",
            "CustomerEndpoint",
            "Address",
            "Type",
            "Parameters",
        ],
        text: "[+0-9A-Za-z ()-]{0,60}".prop_map(Value::from).boxed(),
        depth: 6,
        size: 64,
        items: 8,
    })
}

#[test]
fn every_field_missing_or_of_every_wrong_type() {
    let runtime = runtime();
    let wrong_types = [
        Value::Null,
        json!(true),
        json!(0),
        json!(-1.5e300),
        json!(""),
        json!("x".repeat(100_000)),
        json!([]),
        json!({}),
        json!(["+18003569377"]),
        json!({"Address": "+18003569377"}),
    ];
    let mut tried = 0;
    for name in FIXTURES {
        let event = fixture(name);
        for path in &pointers(&event) {
            let removed = mutate(&event, path, None);
            if let Err(problem) = answers_speakably(&runtime, &removed) {
                panic!("{name}.json without {path}: {problem}");
            }
            tried += 1;
            for wrong in &wrong_types {
                let replaced = mutate(&event, path, Some(wrong.clone()));
                if let Err(problem) = answers_speakably(&runtime, &replaced) {
                    panic!("{name}.json with {path} = {wrong:.40}: {problem}");
                }
                tried += 1;
            }
        }
    }
    println!("hostile Connect events, every field missing or mistyped: {tried} cases, 0 panics, all answered with a speakable status");
    assert!(tried > 500, "only {tried} cases");
}

#[test]
fn arbitrary_and_mutated_events_are_answered() {
    let runtime = runtime();
    let fixtures: Vec<Value> = FIXTURES.iter().map(|name| fixture(name)).collect();
    let tried = Cell::new(0usize);
    let check = |event: Value| {
        tried.set(tried.get() + 1);
        answers_speakably(&runtime, &event).map_err(TestCaseError::fail)
    };
    let mutated = mutated(fixtures, arbitrary_json());
    if let Err(failure) = runner(2_000).run(&mutated, check) {
        panic!("{failure}");
    }
    if let Err(failure) = runner(2_000).run(&arbitrary_json(), check) {
        panic!("{failure}");
    }
    // Any caller address at all, in an otherwise real event.
    let address = any::<String>().prop_map(|address| {
        mutate(
            &fixture("normal"),
            "/Details/ContactData/CustomerEndpoint/Address",
            Some(Value::from(address)),
        )
    });
    if let Err(failure) = runner(2_000).run(&address, check) {
        panic!("{failure}");
    }
    println!(
        "hostile Connect events, arbitrary and mutated: {} cases, 0 panics, all answered with a speakable status",
        tried.get()
    );
}

/// What the Lambda runtime does with the bytes before the handler runs: parse them as JSON.
/// Anything it cannot parse (truncated, not UTF-8, nested past serde_json's limit) must be an
/// error that says where, never a panic or a stack overflow.
#[test]
fn bytes_that_are_not_a_json_event_are_rejected_with_a_located_error() {
    let runtime = runtime();
    let normal = serde_json::to_vec(&fixture("normal")).expect("fixture bytes");
    let tried = Cell::new(0usize);
    let rejected = Cell::new(0usize);
    let check = |bytes: Vec<u8>| {
        tried.set(tried.get() + 1);
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(event) => answers_speakably(&runtime, &event).map_err(TestCaseError::fail),
            Err(error) => {
                rejected.set(rejected.get() + 1);
                let message = error.to_string();
                prop_assert!(
                    message.contains(" line ") && message.contains(" column "),
                    "unlocated error: {message}"
                );
                Ok(())
            }
        }
    };
    // The real event with bytes flipped, cut or inserted, including invalid UTF-8.
    let mutated = (
        any::<prop::sample::Index>(),
        prop::collection::vec(any::<u8>(), 0..4),
        0usize..3,
    )
        .prop_map(move |(index, inserted, cut)| {
            let mut bytes = normal.clone();
            let at = index.index(bytes.len());
            let end = (at + cut).min(bytes.len());
            bytes.splice(at..end, inserted);
            bytes
        });
    if let Err(failure) = runner(2_000).run(&mutated, check) {
        panic!("{failure}");
    }
    if let Err(failure) = runner(2_000).run(&prop::collection::vec(any::<u8>(), 0..256), check) {
        panic!("{failure}");
    }
    let fixed = [
        b"\xff\xfe{}".to_vec(),
        b"{\"Details\": \"\xc3\x28\"}".to_vec(),
        "[".repeat(100_000).into_bytes(),
        format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000)).into_bytes(),
        Vec::new(),
    ];
    for bytes in fixed {
        if let Err(failure) = check(bytes) {
            panic!("{failure}");
        }
    }
    println!(
        "hostile Connect event bytes: {} cases, 0 panics, {} rejected with a located error",
        tried.get(),
        rejected.get()
    );
}

#[test]
fn a_very_large_event_is_answered() {
    let runtime = runtime();
    let mut event = fixture("normal");
    event["Details"]["ContactData"]["Attributes"] = (0..50_000)
        .map(|i| (format!("attribute{i}"), Value::from("x".repeat(100))))
        .collect::<serde_json::Map<_, _>>()
        .into();
    event["Details"]["ContactData"]["CustomerEndpoint"]["Address"] =
        Value::from("9".repeat(1_000_000));
    answers_speakably(&runtime, &event).unwrap_or_else(|problem| panic!("{problem}"));
}
