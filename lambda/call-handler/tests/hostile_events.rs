//! Hostile Connect events (property tests): arbitrary JSON, the repository's fixtures mutated at
//! every field (removed, or given every other JSON type), deeply nested and very large values,
//! and raw bytes that are not JSON or not UTF-8. The handler must never panic (proptest turns a
//! panic into a failure), and every event must end in an answer the flow can speak: a known
//! status, only contract keys, and a call stored only for a number the engine accepted.
//! Bytes the runtime cannot parse are rejected before the handler with a located error.
//! Each test prints how many cases it tried (`cargo test --test hostile_events -- --nocapture`).

use std::cell::Cell;
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use call_handler::handle;
use call_handler::settings::{self, Settings};
use call_handler::store::MemoryStore;
use hyper::body::Bytes;
use proptest::prelude::*;
use serde_json::{json, Value};
use test_support::connect::fixture;
use test_support::hostile::{self, mutate, mutated, pointers, runner, Shape};
use test_support::local_lambda::functions::Functions;
use test_support::local_lambda::runtime_api::{Outcome, RuntimeApi};
use test_support::moto::{client, create_table, MotoServer};
use vanity_engine::contract::{self, Invocation, Status};

const TABLE: &str = "vanity-calls-hostile";

const FIXTURES: &[&str] = &[
    "normal",
    "international",
    "anonymous",
    "null-endpoint",
    "missing-endpoint",
    "short-number",
    "malformed-number",
    "returning",
    "choose",
    "another-number",
];

fn settings() -> Settings {
    Settings::example("calls", Duration::from_millis(500))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a test runtime")
}

/// Handles `event` and checks the answer against what the contract says its action answers:
/// a lookup answers with a status the flow speaks, a choice with `chosen` alone (and keeps
/// exactly the result the caller heard), an unknown action with nothing. `Err` says what is
/// wrong.
fn answers_as_the_contract_says(
    runtime: &tokio::runtime::Runtime,
    event: &Value,
) -> Result<(), String> {
    let action = event
        .pointer("/Details/Parameters/action")
        .and_then(Value::as_str);
    match Invocation::parse(action) {
        Some(Invocation::Lookup) => answers_speakably(runtime, event),
        Some(Invocation::Choose) => keeps_only_the_result_heard(runtime, event),
        Some(Invocation::AnotherNumber) => keeps_nothing(runtime, event),
        None => {
            let store = MemoryStore::default();
            let answer = runtime.block_on(handle(event, &store, &settings(), SystemTime::now()));
            if !answer.is_empty() || !store.records().is_empty() {
                return Err(format!(
                    "an unknown action answered {answer:?} or stored a call"
                ));
            }
            Ok(())
        }
    }
}

/// Another number: an answer the flow speaks (the contract's keys, a known status, every
/// result counted), and nothing stored, whatever the event holds.
fn keeps_nothing(runtime: &tokio::runtime::Runtime, event: &Value) -> Result<(), String> {
    let store = MemoryStore::default();
    let answer = runtime.block_on(handle(event, &store, &settings(), SystemTime::now()));
    if !store.records().is_empty() {
        return Err("another number stored a call".to_string());
    }
    let allowed = Invocation::AnotherNumber.returned_keys(contract::MAX_RESULTS);
    if let Some(key) = answer.keys().find(|key| !allowed.contains(key)) {
        return Err(format!("key {key:?} is not in the another_number contract"));
    }
    let known = answer
        .get(contract::STATUS)
        .is_some_and(|s| Status::ALL.iter().any(|known| known.as_str() == s));
    let count: Option<usize> = answer.get(contract::COUNT).and_then(|c| c.parse().ok());
    match count {
        Some(count)
            if known && (1..=count).all(|r| answer.contains_key(&contract::rest_key(r))) =>
        {
            Ok(())
        }
        _ => Err(format!("not an answer the flow speaks: {answer:?}")),
    }
}

/// Handles a lookup `event` and checks the answer is one the flow can speak.
fn answers_speakably(runtime: &tokio::runtime::Runtime, event: &Value) -> Result<(), String> {
    let store = MemoryStore::default();
    let answer = runtime.block_on(handle(event, &store, &settings(), SystemTime::now()));
    let status = answer
        .get(contract::STATUS)
        .and_then(|s| Status::ALL.into_iter().find(|known| known.as_str() == s))
        .ok_or_else(|| format!("no known status in {answer:?}"))?;
    let allowed = Invocation::Lookup.returned_keys(contract::MAX_RESULTS);
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

/// The choose oracle. The flow first looks the caller up (the same event without `action`),
/// then sends the key pressed. The answer must be `chosen` alone, "true" exactly when the call
/// was stored by that lookup, `choice` is a rank from 1 to 9 (surrounding spaces allowed) and
/// the lookup offered that many results; when "true" the call's record holds that rank and
/// the very result the lookup offered at it, and otherwise no choice. Choosing never stores a
/// call.
fn keeps_only_the_result_heard(
    runtime: &tokio::runtime::Runtime,
    event: &Value,
) -> Result<(), String> {
    let store = MemoryStore::default();
    let now = SystemTime::now();
    let mut lookup = event.clone();
    if let Some(parameters) = lookup
        .pointer_mut("/Details/Parameters")
        .and_then(Value::as_object_mut)
    {
        parameters.remove(contract::ACTION);
    }
    let offered = runtime.block_on(handle(&lookup, &store, &settings(), now));
    let before = store.records();
    let answer = runtime.block_on(handle(event, &store, &settings(), now));
    let text = |pointer: &str| event.pointer(pointer).and_then(Value::as_str);
    let contact_id = text("/Details/ContactData/ContactId");
    let rank = text("/Details/Parameters/choice")
        .and_then(|choice| choice.trim().parse::<usize>().ok())
        .filter(|rank| (1..=contract::MAX_CHOOSABLE).contains(rank));
    let stored = contact_id.is_some_and(|id| before.iter().any(|r| r.contact_id == id));
    let offered_count = offered
        .get(contract::COUNT)
        .and_then(|count| count.parse::<usize>().ok())
        .unwrap_or(0);
    let expected = stored && rank.is_some_and(|rank| rank <= offered_count);
    // "true" comes with the kept number as the flow says it; "false" alone.
    let keys = if expected { 2 } else { 1 };
    if answer.len() != keys || answer.get(contract::CHOSEN) != Some(&expected.to_string()) {
        return Err(format!(
            "expected chosen={expected} ({keys} keys), got {answer:?}"
        ));
    }
    if store.records() != before {
        return Err("choosing changed the calls stored".to_string());
    }
    let kept = contact_id.and_then(|id| store.choice(id));
    match (expected, kept, rank) {
        (false, None, _) => Ok(()),
        (true, Some(kept), Some(rank)) => {
            let heard = heard_at(&offered, rank);
            if kept.rank != rank || heard.as_ref() != Some(&kept.spoken) {
                return Err(format!(
                    "kept rank {} {:?}, but the caller pressed {rank} and heard {heard:?}",
                    kept.rank, kept.spoken
                ));
            }
            if answer.get(contract::CHOSEN_SPOKEN) != Some(&kept.spoken) {
                return Err(format!("kept {:?} but confirmed {answer:?}", kept.spoken));
            }
            Ok(())
        }
        (_, kept, _) => Err(format!("chosen={expected} but the record holds {kept:?}")),
    }
}

/// The whole number the caller heard at `rank` in a lookup's answer: the shared start, when
/// the intro said it once, then the result's own part (`rest<rank>`), as the flow says them.
fn heard_at(offered: &HashMap<String, String>, rank: usize) -> Option<String> {
    let rest = offered.get(&contract::rest_key(rank))?;
    if offered.get(contract::PREFIX_SHARED).map(String::as_str) == Some("true") {
        let prefix = offered.get(contract::PREFIX_SPOKEN)?;
        Some(format!("{prefix}, {rest}"))
    } else {
        Some(rest.clone())
    }
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
            contract::ACTION,
            contract::CHOICE,
        ],
        text: prop_oneof![
            "[+0-9A-Za-z ()-]{0,60}".prop_map(Value::from),
            action_names(),
            ranks(),
        ]
        .boxed(),
        depth: 6,
        size: 64,
        items: 8,
    })
}

/// The action parameter as a flow (ours, an older one, a broken one) might send it.
fn action_names() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just("choose".to_string()),
        Just("lookup".to_string()),
        Just("another_number".to_string()),
        Just("Choose".to_string()),
        Just(" choose".to_string()),
        "[a-z]{0,8}",
    ]
    .prop_map(Value::from)
}

/// The choice parameter: the keys a caller can press and what a broken flow might pass.
fn ranks() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u32..=12).prop_map(|rank| rank.to_string()),
        (1u32..=9).prop_map(|rank| format!(" {rank} ")),
        "[-+ 0-9#*.]{0,4}",
    ]
    .prop_map(Value::from)
}

/// The choose invocation with every kind of action, choice, caller and contact id: the real
/// event (`choose.json`) with those four replaced by values of the right or the wrong type.
fn choose_events() -> impl Strategy<Value = Value> {
    // Weighted towards a valid choice, so both answers are walked often.
    let caller = prop_oneof![
        6 => (0usize..200).prop_map(|i| Value::from(test_support::connect::distinct_number(i))),
        1 => Just(Value::from("+18003569377")),
        1 => Just(Value::from("anonymous")),
        1 => Just(Value::Null),
        1 => "[+0-9 ]{0,16}".prop_map(Value::from),
    ];
    let choice = prop_oneof![
        6 => (1u32..=5).prop_map(|rank| Value::from(rank.to_string())),
        2 => ranks(),
        1 => Just(Value::Null),
        1 => any::<i64>().prop_map(Value::from),
    ];
    let action = prop_oneof![
        6 => Just(Value::from("choose")),
        2 => action_names(),
        1 => Just(json!(1)),
    ];
    let contact = prop_oneof![
        6 => "[a-f0-9-]{1,36}".prop_map(Value::from),
        1 => Just(Value::Null),
        1 => Just(Value::from("")),
    ];
    (caller, choice, action, contact).prop_map(|(caller, choice, action, contact)| {
        let mut event = fixture("choose");
        event["Details"]["ContactData"]["CustomerEndpoint"]["Address"] = caller;
        event["Details"]["Parameters"]["choice"] = choice;
        event["Details"]["Parameters"]["action"] = action;
        event["Details"]["ContactData"]["ContactId"] = contact;
        event
    })
}

#[test]
fn choose_keeps_exactly_the_result_the_caller_heard() {
    let runtime = runtime();
    let tried = Cell::new(0usize);
    let kept = Cell::new(0usize);
    let check = |event: Value| {
        tried.set(tried.get() + 1);
        let choosing = event.pointer("/Details/Parameters/action") == Some(&json!("choose"));
        answers_as_the_contract_says(&runtime, &event).map_err(TestCaseError::fail)?;
        // How many were kept, so the count below shows both branches were walked.
        let store = MemoryStore::default();
        let mut lookup = event.clone();
        lookup["Details"]["Parameters"] = json!({});
        runtime.block_on(handle(&lookup, &store, &settings(), SystemTime::now()));
        let answer = runtime.block_on(handle(&event, &store, &settings(), SystemTime::now()));
        if choosing && answer.get(contract::CHOSEN).map(String::as_str) == Some("true") {
            kept.set(kept.get() + 1);
        }
        Ok(())
    };
    if let Err(failure) = runner(2_000).run(&choose_events(), check) {
        panic!("{failure}");
    }
    println!(
        "hostile choose events: {} cases, 0 panics, {} choices kept, each answered as the choose contract says",
        tried.get(),
        kept.get()
    );
    assert!(
        kept.get() > 100 && kept.get() < tried.get() - 100,
        "the cases must keep and refuse choices: {} kept of {}",
        kept.get(),
        tried.get()
    );
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
            if let Err(problem) = answers_as_the_contract_says(&runtime, &removed) {
                panic!("{name}.json without {path}: {problem}");
            }
            tried += 1;
            for wrong in &wrong_types {
                let replaced = mutate(&event, path, Some(wrong.clone()));
                if let Err(problem) = answers_as_the_contract_says(&runtime, &replaced) {
                    panic!("{name}.json with {path} = {wrong:.40}: {problem}");
                }
                tried += 1;
            }
        }
    }
    println!("hostile Connect events, every field missing or mistyped: {tried} cases, 0 panics, each answered as its action's contract says");
    assert!(tried > 500, "only {tried} cases");
}

#[test]
fn arbitrary_and_mutated_events_are_answered() {
    let runtime = runtime();
    let fixtures: Vec<Value> = FIXTURES.iter().map(|name| fixture(name)).collect();
    let tried = Cell::new(0usize);
    let check = |event: Value| {
        tried.set(tried.get() + 1);
        answers_as_the_contract_says(&runtime, &event).map_err(TestCaseError::fail)
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
        "hostile Connect events, arbitrary and mutated: {} cases, 0 panics, each answered as its action's contract says",
        tried.get()
    );
}

/// What the Lambda runtime does with the bytes before the handler runs: parse them as JSON.
/// The bytes go to the real binary (`src/main.rs`: `lambda_runtime::run` around the handler)
/// through a local Lambda runtime API (`test_support::local_lambda`), backed by moto. Bytes
/// that are not JSON (truncated, not UTF-8, nested past serde_json's limit) must come back
/// from `lambda_runtime` as an invocation error whose message says where (line and column),
/// never a crash or a hang; JSON bytes must be answered with a flat string map holding only
/// the keys of the action they name.
///
/// What counts as JSON is the runtime's reading, found by this test: lambda_runtime 1.5.0
/// reads the first JSON value and ignores what follows it (`src/deserializer.rs`:
/// `serde_path_to_error::deserialize` on a `serde_json::Deserializer`, with no `end()` check),
/// so `{...}garbage` is answered as `{...}`. The oracle reads the bytes the same way and
/// counts those cases apart.
#[allow(
    clippy::too_many_lines,
    reason = "one property test: the runtime path and its oracle read in one place"
)]
#[test]
fn bytes_that_are_not_a_json_event_are_rejected_by_the_lambda_runtime() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a test runtime");
    let binary = env!("CARGO_BIN_EXE_call-handler");
    let moto = MotoServer::start();
    let (api, _functions) = runtime.block_on(async {
        create_table(&client(&moto.endpoint), TABLE).await;
        let api = RuntimeApi::start(Duration::from_secs(6))
            .await
            .expect("a local runtime API");
        let mut env = moto.function_env();
        env.push((settings::ENV_TABLE_NAME, TABLE.to_string()));
        let functions = Functions::spawn(Path::new(binary), 1, &api, &env, None)
            .expect("the call-handler binary starts");
        (api, functions)
    });
    let normal = serde_json::to_vec(&fixture("normal")).expect("fixture bytes");
    let normal_again = normal.clone();
    let tried = Cell::new(0usize);
    let rejected = Cell::new(0usize);
    let trailing = Cell::new(0usize);
    let check = |bytes: Vec<u8>| {
        tried.set(tried.get() + 1);
        let parsed = first_json_value(&bytes);
        if parsed.is_ok() && serde_json::from_slice::<Value>(&bytes).is_err() {
            trailing.set(trailing.get() + 1);
        }
        let outcome = runtime.block_on(async {
            tokio::time::timeout(Duration::from_secs(30), api.invoke(Bytes::from(bytes))).await
        });
        let outcome = outcome
            .map_err(|_| TestCaseError::fail("no answer within 30 s"))?
            .ok_or_else(|| TestCaseError::fail("the runtime API shut down"))?;
        match (parsed, outcome) {
            (Err(_), Outcome::Failed(body)) => {
                rejected.set(rejected.get() + 1);
                rejected_with_a_location(&body).map_err(TestCaseError::fail)
            }
            (Ok(event), Outcome::Answered(body)) => {
                answered_within_the_contract(&event, &body).map_err(TestCaseError::fail)
            }
            (parsed, outcome) => Err(TestCaseError::fail(format!(
                "JSON: {}, but the runtime gave {outcome:?}",
                parsed.is_ok()
            ))),
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
        [normal_again.as_slice(), b"}garbage\xff"].concat(),
    ];
    for bytes in fixed {
        if let Err(failure) = check(bytes) {
            panic!("{failure}");
        }
    }
    println!(
        "hostile Connect event bytes through lambda_runtime: {} cases, 0 crashes, {} rejected by the runtime with a located error, {} answered from the JSON value before trailing bytes",
        tried.get(),
        rejected.get(),
        trailing.get()
    );
    assert!(trailing.get() > 0, "the trailing-bytes case was not tried");
}

/// The bytes as lambda_runtime reads them: the first JSON value, whatever follows it.
fn first_json_value(bytes: &[u8]) -> Result<Value, serde_json::Error> {
    use serde::Deserialize;
    Value::deserialize(&mut serde_json::Deserializer::from_slice(bytes))
}

/// The error document `lambda_runtime` posts for an event it cannot deserialize: its own
/// error type, and serde_json's message with the line and column.
fn rejected_with_a_location(body: &[u8]) -> Result<(), String> {
    let document: Value = serde_json::from_slice(body)
        .map_err(|e| format!("the error document is not JSON ({e}): {body:?}"))?;
    let error_type = document["errorType"].as_str().unwrap_or_default();
    let message = document["errorMessage"].as_str().unwrap_or_default();
    if !error_type.contains("DeserializeError")
        || !message.contains(" line ")
        || !message.contains(" column ")
    {
        return Err(format!("not a located deserialization error: {document}"));
    }
    Ok(())
}

/// A flat string map whose keys are all keys of the action the event names (none for an
/// action the contract does not know), with a known status for a lookup.
fn answered_within_the_contract(event: &Value, body: &[u8]) -> Result<(), String> {
    let answer: HashMap<String, String> = serde_json::from_slice(body).map_err(|e| {
        format!(
            "the answer is not a flat string map ({e}): {}",
            String::from_utf8_lossy(body)
        )
    })?;
    let action = event
        .pointer("/Details/Parameters/action")
        .and_then(Value::as_str);
    let allowed = Invocation::parse(action)
        .map(|invocation| invocation.returned_keys(contract::MAX_RESULTS))
        .unwrap_or_default();
    if let Some(key) = answer.keys().find(|key| !allowed.contains(key)) {
        return Err(format!("key {key:?} is not in the contract for {action:?}"));
    }
    let status = answer.get(contract::STATUS);
    if Invocation::parse(action) == Some(Invocation::Lookup)
        && !Status::ALL
            .iter()
            .any(|known| Some(&known.as_str().to_string()) == status)
    {
        return Err(format!(
            "a lookup answered without a known status: {answer:?}"
        ));
    }
    Ok(())
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
