//! The handler against moto behind a fault-injecting proxy ([`test_support::fault_proxy`]): one
//! test per fault. Whatever DynamoDB does, the caller gets their numbers within the flow's
//! Lambda time limit, the handler does not panic (a panic fails the test), and the table holds
//! the call whole or not at all. Faults that pass (the first requests only) must lose nothing:
//! the SDK's retries, within the handler's store deadline, still store the call, once.
//!
//! The handler runs with the production store deadline and an SDK client with the SDK's default
//! retry policy, as the Lambda builds it.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime};

use aws_sdk_dynamodb::types::AttributeValue;
use call_handler::settings::{Settings, DEFAULT_STORE_TIMEOUT_MS};
use call_handler::store::DynamoStore;
use call_handler::{handle, schema};
use serde_json::Value;
use test_support::connect::fixture;
use test_support::fault_proxy::{Fault, FaultProxy};
use test_support::moto::{client, create_table, MotoServer};
use test_support::repo_root;
use vanity_engine::contract::{self, Status};

const TABLE: &str = "vanity-calls";

fn settings() -> Settings {
    test_support::moto::settings(TABLE, Duration::from_millis(DEFAULT_STORE_TIMEOUT_MS))
}

/// The shortest InvocationTimeLimitSeconds in the committed flow: how long Connect waits.
fn flow_time_limit() -> Duration {
    let path = repo_root().join("terraform/contact-flow.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let flow: Value = serde_json::from_str(&text).expect("the committed flow is JSON");
    let seconds = flow["Actions"]
        .as_array()
        .expect("the flow has Actions")
        .iter()
        .filter(|action| action["Type"] == "InvokeLambdaFunction")
        .filter_map(|action| action["Parameters"]["InvocationTimeLimitSeconds"].as_str())
        .filter_map(|seconds| seconds.parse::<u64>().ok())
        .min()
        .expect("the flow invokes the Lambda with a time limit");
    Duration::from_secs(seconds)
}

/// One call through the proxy, and what the table holds once any late write has landed.
struct Trial {
    answer: HashMap<String, String>,
    elapsed: Duration,
    items: Vec<HashMap<String, AttributeValue>>,
    faulted: usize,
}

async fn call_through(fault: Fault, times: Option<usize>, settle: Duration) -> Trial {
    let moto = MotoServer::start();
    let direct = client(&moto.endpoint);
    create_table(&direct, TABLE).await;
    let proxy = FaultProxy::start(&moto.endpoint, fault, times).await;
    let store = DynamoStore::new(client(&proxy.endpoint), TABLE.to_string());
    let started = Instant::now();
    let answer = handle(&fixture("normal"), &store, &settings(), SystemTime::now()).await;
    let elapsed = started.elapsed();
    // A request the handler gave up on may still reach the table (a delayed write).
    tokio::time::sleep(settle).await;
    let items = direct
        .scan()
        .table_name(TABLE)
        .consistent_read(true)
        .send()
        .await
        .expect("Scan moto directly")
        .items()
        .to_vec();
    Trial {
        answer,
        elapsed,
        items,
        faulted: proxy.faulted(),
    }
}

fn caller() -> String {
    fixture("normal")["Details"]["ContactData"]["CustomerEndpoint"]["Address"]
        .as_str()
        .expect("the normal fixture has a caller")
        .to_string()
}

/// The caller heard the engine's numbers within the flow's limit, the time Connect waits before
/// it takes the error branch: what a caller would notice. The bound is not the store deadline
/// plus a guessed margin, which a loaded 2-core machine overran (3.05 s against 3 s); the slow
/// fault below delays longer than the flow's limit, so an answer that waited for the table
/// still fails.
fn assert_answered_in_time(what: &str, trial: &Trial) {
    let expected = vanity_engine::vanity_numbers(&caller(), settings().result_count)
        .expect("the normal fixture is a valid number");
    assert_eq!(
        trial.answer[contract::STATUS],
        Status::Ok.as_str(),
        "{what}"
    );
    assert_eq!(
        trial.answer[contract::COUNT],
        expected.len().to_string(),
        "{what}"
    );
    for (index, vanity) in expected.iter().enumerate() {
        // Each result as the flow says it: whole, or after the start the results share.
        assert!(
            vanity
                .spoken
                .ends_with(trial.answer[&contract::rest_key(index + 1)].as_str()),
            "{what}"
        );
    }
    let limit = flow_time_limit();
    assert!(
        trial.elapsed < limit,
        "{what}: answered after {:?}, limit {limit:?}",
        trial.elapsed
    );
}

/// The proxy really did its fault (a test of a fault that never happened proves nothing).
fn assert_faulted(what: &str, trial: &Trial) {
    assert!(trial.faulted > 0, "{what}: the fault was never applied");
}

/// The table holds at most this call, and if it holds it, all of it.
fn assert_whole_or_absent(what: &str, trial: &Trial) {
    assert!(trial.items.len() <= 1, "{what}: {:?}", trial.items);
    let Some(item) = trial.items.first() else {
        return;
    };
    let text = |name: &str| item.get(name).and_then(|v| v.as_s().ok()).cloned();
    assert_eq!(text(schema::PARTITION_KEY), Some(caller()), "{what}");
    for name in [schema::CALLED_AT_ATTRIBUTE, schema::TTL_ATTRIBUTE] {
        assert!(
            item.get(name).and_then(|v| v.as_n().ok()).is_some(),
            "{what}: no {name} in {item:?}"
        );
    }
    let stored: Vec<String> = item
        .get(schema::RESULTS_ATTRIBUTE)
        .and_then(|v| v.as_l().ok())
        .map(|list| {
            list.iter()
                .filter_map(|r| r.as_m().ok())
                .filter_map(|m| m.get(schema::RESULT_DISPLAY))
                .filter_map(|d| d.as_s().ok().cloned())
                .collect()
        })
        .unwrap_or_default();
    let expected: Vec<String> = vanity_engine::vanity_numbers(&caller(), settings().result_count)
        .expect("valid number")
        .into_iter()
        .map(|v| v.display)
        .collect();
    assert_eq!(stored, expected, "{what}: partial results");
}

fn assert_stored_once(what: &str, trial: &Trial) {
    assert_eq!(trial.items.len(), 1, "{what}: the call was lost");
    assert_whole_or_absent(what, trial);
}

#[tokio::test]
async fn delay_a_slow_table_never_delays_the_caller() {
    let short = call_through(
        Fault::Delay(Duration::from_millis(300)),
        None,
        Duration::ZERO,
    )
    .await;
    assert_answered_in_time("300 ms per request", &short);
    assert_faulted("300 ms per request", &short);
    assert_stored_once("300 ms per request", &short);

    // Slower than the flow's limit: the caller is answered without the table (waiting for it
    // would overrun the limit), and the write the handler gave up on lands whole later, or not
    // at all.
    let slow = flow_time_limit() + Duration::from_secs(2);
    let long = call_through(Fault::Delay(slow), None, slow + Duration::from_secs(1)).await;
    assert_answered_in_time("longer than the flow waits", &long);
    assert_faulted("longer than the flow waits", &long);
    assert_whole_or_absent("longer than the flow waits", &long);
}

#[tokio::test]
async fn refuse_a_dead_endpoint_gets_an_answer_and_writes_nothing() {
    let down = call_through(Fault::Refuse, None, Duration::ZERO).await;
    assert_answered_in_time("endpoint down", &down);
    assert!(down.items.is_empty(), "{:?}", down.items);

    let flapping = call_through(Fault::Refuse, Some(2), Duration::ZERO).await;
    assert_answered_in_time("first two connections dropped", &flapping);
    assert_faulted("first two connections dropped", &flapping);
    assert_whole_or_absent("first two connections dropped", &flapping);
}

#[tokio::test]
async fn reset_mid_response_keeps_one_whole_record() {
    // The server acted on both first requests (the put landed), then the answers were cut.
    // The retried conditional put finds the item and leaves it: one record, not two.
    let trial = call_through(Fault::ResetMidResponse, Some(2), Duration::ZERO).await;
    assert_answered_in_time("reset mid-response", &trial);
    assert_faulted("reset mid-response", &trial);
    assert_stored_once("reset mid-response", &trial);
}

#[tokio::test]
async fn http_500_is_retried_and_nothing_is_lost() {
    let transient = call_through(Fault::ServerError, Some(2), Duration::ZERO).await;
    assert_answered_in_time("two HTTP 500s", &transient);
    assert_faulted("two HTTP 500s", &transient);
    assert_stored_once("two HTTP 500s", &transient);

    let persistent = call_through(Fault::ServerError, None, Duration::ZERO).await;
    assert_answered_in_time("HTTP 500 always", &persistent);
    assert_faulted("HTTP 500 always", &persistent);
    assert!(persistent.items.is_empty(), "{:?}", persistent.items);
}

#[tokio::test]
async fn throttling_is_retried_and_never_delays_the_caller() {
    let transient = call_through(Fault::Throttle, Some(2), Duration::ZERO).await;
    assert_answered_in_time("two throttling errors", &transient);
    assert_faulted("two throttling errors", &transient);
    assert_stored_once("two throttling errors", &transient);

    let persistent = call_through(Fault::Throttle, None, Duration::ZERO).await;
    assert_answered_in_time("throttled always", &persistent);
    assert_faulted("throttled always", &persistent);
    assert!(persistent.items.is_empty(), "{:?}", persistent.items);
}
