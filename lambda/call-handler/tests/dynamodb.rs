//! The handler against a real DynamoDB-compatible server (moto on loopback): each Connect
//! fixture gets the status the flow expects, valid callers are stored once per contact,
//! returning callers are recognised, and a dead, refusing or silent DynamoDB endpoint still
//! gets the caller their numbers within the store deadline.

use std::collections::HashMap;
use std::net::{Ipv4Addr, TcpListener};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;
use call_handler::settings::Settings;
use call_handler::store::DynamoStore;
use call_handler::{handle, schema};
use serde_json::Value;
use test_support::connect::fixture;
use test_support::moto::{client, create_table, free_port, MotoServer};
use vanity_engine::contract::{self, Status};

const TABLE: &str = "vanity-calls";

fn settings() -> Settings {
    test_support::moto::settings(TABLE, Duration::from_millis(800))
}

fn caller(event: &Value) -> &str {
    event
        .pointer("/Details/ContactData/CustomerEndpoint/Address")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn contact_id(event: &Value) -> &str {
    event
        .pointer("/Details/ContactData/ContactId")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// The status the handler must give a number the engine accepts, by the engine's own answer.
fn status_by_engine(number: &str) -> Status {
    match vanity_engine::vanity_numbers(number, settings().result_count) {
        Ok(results) if results.is_empty() => Status::NoMatches,
        Ok(_) => Status::Ok,
        Err(vanity_engine::NumberError::Missing) => Status::NoCallerId,
        Err(_) => Status::InvalidNumber,
    }
}

fn epoch(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

async fn item(client: &Client, event: &Value) -> Option<HashMap<String, AttributeValue>> {
    client
        .get_item()
        .table_name(TABLE)
        .key(
            schema::PARTITION_KEY,
            AttributeValue::S(caller(event).to_string()),
        )
        .key(
            schema::SORT_KEY,
            AttributeValue::S(contact_id(event).to_string()),
        )
        .consistent_read(true)
        .send()
        .await
        .expect("GetItem")
        .item
}

async fn item_count(client: &Client) -> usize {
    let output = client.scan().table_name(TABLE).send().await.expect("Scan");
    output.items().len()
}

fn number(item: &HashMap<String, AttributeValue>, name: &str) -> u64 {
    item.get(name)
        .and_then(|value| value.as_n().ok())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{name} is not a number in {item:?}"))
}

async fn moto_with_table() -> (MotoServer, Client, DynamoStore) {
    let server = MotoServer::start();
    let client = client(&server.endpoint);
    create_table(&client, TABLE).await;
    let store = DynamoStore::new(client.clone(), TABLE.to_string());
    (server, client, store)
}

#[tokio::test]
async fn each_fixture_gets_its_status_and_valid_callers_are_stored() {
    let (_server, client, store) = moto_with_table().await;
    let cases = [
        ("normal", Some(Status::Ok)),
        // The engine documents how it treats international numbers; the handler follows it.
        ("international", None),
        ("anonymous", Some(Status::NoCallerId)),
        ("null-endpoint", Some(Status::NoCallerId)),
        ("missing-endpoint", Some(Status::NoCallerId)),
        ("short-number", Some(Status::InvalidNumber)),
        ("malformed-number", Some(Status::InvalidNumber)),
    ];
    let mut stored = 0;
    for (name, expected) in cases {
        let event = fixture(name);
        let expected = expected.unwrap_or_else(|| status_by_engine(caller(&event)));
        let now = SystemTime::now();
        let response = handle(&event, &store, &settings(), now).await;
        assert_eq!(
            response[contract::STATUS],
            expected.as_str(),
            "{name}: {response:?}"
        );
        assert_eq!(response[contract::RETURNING], "false", "{name}");

        if !matches!(expected, Status::Ok | Status::NoMatches) {
            // Not stored: the item count at the end proves it (some have no key to look up).
            assert_eq!(response[contract::COUNT], "0", "{name}");
            continue;
        }
        stored += 1;
        let item = item(&client, &event).await;
        let results = vanity_engine::vanity_numbers(caller(&event), settings().result_count)
            .expect("the engine accepted this number above");
        assert_eq!(
            response[contract::COUNT],
            results.len().to_string(),
            "{name}"
        );
        let item = item.unwrap_or_else(|| panic!("{name} was not stored"));
        assert_eq!(
            number(&item, schema::CALLED_AT_ATTRIBUTE),
            epoch(now),
            "{name}"
        );
        assert_eq!(
            number(&item, schema::TTL_ATTRIBUTE),
            epoch(now + settings().record_ttl()),
            "{name}"
        );
        let stored_results = item
            .get(schema::RESULTS_ATTRIBUTE)
            .and_then(|value| value.as_l().ok())
            .unwrap_or_else(|| panic!("{name}: no results list in {item:?}"));
        assert_eq!(stored_results.len(), results.len(), "{name}");
        for (rank, (stored, vanity)) in stored_results.iter().zip(&results).enumerate() {
            let display = stored
                .as_m()
                .ok()
                .and_then(|m| m.get(schema::RESULT_DISPLAY))
                .and_then(|d| d.as_s().ok());
            assert_eq!(display, Some(&vanity.display), "{name} result {rank}");
            assert!(
                vanity
                    .spoken
                    .ends_with(response[&contract::rest_key(rank + 1)].as_str()),
                "{name}"
            );
        }
    }
    assert_eq!(item_count(&client).await, stored);
}

#[tokio::test]
async fn a_retried_contact_is_stored_once_and_answered_the_same() {
    let (_server, client, store) = moto_with_table().await;
    let event = fixture("normal");
    let first_at = SystemTime::now();
    let first = handle(&event, &store, &settings(), first_at).await;
    for retry in 1..=3u64 {
        let later = first_at + Duration::from_secs(retry);
        let again = handle(&event, &store, &settings(), later).await;
        assert_eq!(again, first, "retry {retry}");
    }
    assert_eq!(first[contract::RETURNING], "false");
    assert_eq!(item_count(&client).await, 1);
    let item = item(&client, &event)
        .await
        .expect("the first call was stored");
    // The first write wins: retries do not move the call's time.
    assert_eq!(number(&item, schema::CALLED_AT_ATTRIBUTE), epoch(first_at));
}

#[tokio::test]
async fn a_caller_with_an_unexpired_earlier_call_is_returning() {
    let (_server, client, store) = moto_with_table().await;
    let now = SystemTime::now();
    let day = Duration::from_secs(86_400);
    // (fixture, when the call happens, expected `returning`), in order.
    let calls = [
        // A call so old that its record has expired (DynamoDB deletes expired items late).
        (
            "normal",
            now - day * (settings().record_ttl_days + 1),
            "false",
        ),
        ("returning", now, "false"),
        ("normal", now + Duration::from_secs(60), "true"),
        ("international", now, "false"),
    ];
    for (name, at, expected) in calls {
        let event = fixture(name);
        assert_eq!(
            caller(&event) == caller(&fixture("normal")),
            name != "international",
            "fixtures share the caller they should"
        );
        let response = handle(&event, &store, &settings(), at).await;
        assert_eq!(response[contract::RETURNING], expected, "{name} at {at:?}");
    }
    assert!(item_count(&client).await >= 2);
}

#[tokio::test]
async fn an_unreachable_or_silent_dynamodb_still_gets_an_answer_in_time() {
    let event = fixture("normal");
    let expected = vanity_engine::vanity_numbers(caller(&event), settings().result_count)
        .expect("the normal fixture is a valid number");
    let expected_first = expected
        .first()
        .expect("the normal fixture has results")
        .spoken
        .clone();

    let mut stopped = MotoServer::start();
    create_table(&client(&stopped.endpoint), TABLE).await;
    stopped.stop();
    // Accepts connections (the kernel queues them) but never answers: a slow DynamoDB.
    let silent = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a loopback port");
    let silent_endpoint = format!("http://{}", silent.local_addr().expect("local address"));
    let endpoints = [
        ("stopped server", stopped.endpoint.clone()),
        ("closed port", format!("http://127.0.0.1:{}", free_port())),
        ("silent server", silent_endpoint),
    ];
    for (what, endpoint) in endpoints {
        let store = DynamoStore::new(client(&endpoint), TABLE.to_string());
        let started = Instant::now();
        let response = handle(&event, &store, &settings(), SystemTime::now()).await;
        let elapsed = started.elapsed();
        assert_eq!(response[contract::STATUS], Status::Ok.as_str(), "{what}");
        assert!(
            expected_first.ends_with(response[&contract::rest_key(1)].as_str()),
            "{what}"
        );
        assert_eq!(
            response[contract::COUNT],
            expected.len().to_string(),
            "{what}"
        );
        // The store deadline plus room for the engine in a debug build; far under Connect's 8 s.
        let limit = settings().store_timeout + Duration::from_millis(1_500);
        assert!(
            elapsed < limit,
            "{what}: answered after {elapsed:?}, limit {limit:?}"
        );
    }
}

fn choose_event(event: &Value, rank: &str) -> Value {
    let mut choose = event.clone();
    choose["Details"]["Parameters"] = serde_json::json!({"action": "choose", "choice": rank});
    choose
}

/// The choice attribute of the call's item, as (rank, display, chosen_at).
fn choice_on(item: &HashMap<String, AttributeValue>) -> Option<(u64, String, u64)> {
    let choice = item.get(schema::CHOICE_ATTRIBUTE)?.as_m().ok()?;
    let rank = choice.get(schema::CHOICE_RANK)?.as_n().ok()?.parse().ok()?;
    let display = choice.get(schema::CHOICE_DISPLAY)?.as_s().ok()?.clone();
    let at = choice.get(schema::CHOSEN_AT)?.as_n().ok()?.parse().ok()?;
    Some((rank, display, at))
}

#[tokio::test]
async fn a_choice_is_written_once_onto_the_calls_item_and_remembered() {
    let (_server, client, store) = moto_with_table().await;
    let event = fixture("normal");
    let results = vanity_engine::vanity_numbers(caller(&event), settings().result_count)
        .expect("the normal fixture is a valid number");
    let day = Duration::from_secs(86_400);
    let first_at = SystemTime::now() - day;
    handle(&event, &store, &settings(), first_at).await;
    let before = item(&client, &event).await.expect("the call was stored");

    // Connect retries with the same contact id; later tries must write nothing.
    let chosen = handle(&choose_event(&event, "2"), &store, &settings(), first_at).await;
    assert_eq!(chosen[contract::CHOSEN], "true");
    for retry in 1..=3u64 {
        let later = first_at + Duration::from_secs(retry);
        let again = handle(&choose_event(&event, "2"), &store, &settings(), later).await;
        assert_eq!(again, chosen, "retry {retry}");
    }
    let other = handle(&choose_event(&event, "4"), &store, &settings(), first_at).await;
    assert_eq!(
        other[contract::CHOSEN],
        "false",
        "a kept choice is never replaced"
    );

    let after = item(&client, &event)
        .await
        .expect("the call is still stored");
    assert_eq!(
        choice_on(&after),
        Some((2, results[1].display.clone(), epoch(first_at))),
        "{after:?}"
    );
    // Only the choice attribute changed.
    let mut without_choice = after.clone();
    without_choice.remove(schema::CHOICE_ATTRIBUTE);
    assert_eq!(without_choice, before);
    assert_eq!(item_count(&client).await, 1);

    // A choice for a contact that was never stored creates nothing.
    let mut stranger = choose_event(&event, "1");
    stranger["Details"]["ContactData"]["ContactId"] = serde_json::json!("never-stored");
    let response = handle(&stranger, &store, &settings(), first_at).await;
    assert_eq!(response[contract::CHOSEN], "false");
    assert_eq!(item_count(&client).await, 1);

    // The next call from the number is reminded of the choice.
    let mut next = event.clone();
    next["Details"]["ContactData"]["ContactId"] = serde_json::json!("next-call");
    let response = handle(&next, &store, &settings(), SystemTime::now()).await;
    assert_eq!(response[contract::RETURNING], "true");
    assert_eq!(response[contract::REMEMBERED], "CHOICE");
    assert_eq!(response[contract::LAST_SPOKEN], results[1].spoken);
}

#[tokio::test]
async fn a_returning_caller_who_never_chose_hears_their_last_best() {
    let (_server, _client, store) = moto_with_table().await;
    let event = fixture("normal");
    let results = vanity_engine::vanity_numbers(caller(&event), settings().result_count)
        .expect("the normal fixture is a valid number");
    let first = handle(
        &event,
        &store,
        &settings(),
        SystemTime::now() - Duration::from_secs(60),
    )
    .await;
    assert_eq!(first[contract::REMEMBERED], "NONE");
    let mut next = event.clone();
    next["Details"]["ContactData"]["ContactId"] = serde_json::json!("next-call");
    let response = handle(&next, &store, &settings(), SystemTime::now()).await;
    assert_eq!(response[contract::REMEMBERED], "BEST");
    assert_eq!(response[contract::LAST_SPOKEN], results[0].spoken);
}

/// Records the name of every operation a client sends (`PutItem`, `Query`, ...), as the SDK's
/// orchestrator names it, so a test sees the calls the store really makes.
#[derive(Debug, Clone, Default)]
struct OperationLog(std::sync::Arc<std::sync::Mutex<std::collections::BTreeSet<String>>>);

impl aws_sdk_dynamodb::config::Intercept for OperationLog {
    fn name(&self) -> &'static str {
        "OperationLog"
    }

    // Before serialization the operation's own config layer, which holds its name, is in place.
    fn read_before_serialization(
        &self,
        _context: &aws_sdk_dynamodb::config::interceptors::BeforeSerializationInterceptorContextRef<
            '_,
        >,
        _components: &aws_sdk_dynamodb::config::RuntimeComponents,
        cfg: &mut aws_sdk_dynamodb::config::ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        let name = cfg
            .load::<aws_smithy_runtime_api::client::orchestrator::Metadata>()
            .map_or("an unnamed operation".to_string(), |m| m.name().to_string());
        self.0
            .lock()
            .expect("the log")
            .insert(format!("dynamodb:{name}"));
        Ok(())
    }
}

/// The IAM policy grants exactly the DynamoDB operations the store sends: every path of a call
/// (a new caller, a returning caller, a choice and its retry) runs against moto through a
/// client that records each operation, and the recorded set must equal the policy's.
#[tokio::test]
async fn the_policy_grants_exactly_the_operations_the_store_sends() {
    let server = MotoServer::start();
    let plain = client(&server.endpoint);
    create_table(&plain, TABLE).await;
    let log = OperationLog::default();
    let recording = Client::from_conf(plain.config().to_builder().interceptor(log.clone()).build());
    assert!(
        recording.config().interceptors().count() > plain.config().interceptors().count(),
        "the recording client carries the log"
    );
    let store = DynamoStore::new(recording, TABLE.to_string());

    let first = fixture("normal");
    let day = Duration::from_secs(86_400);
    let then = SystemTime::now() - day;
    handle(&first, &store, &settings(), then).await;
    let chosen = handle(&choose_event(&first, "1"), &store, &settings(), then).await;
    assert_eq!(chosen[contract::CHOSEN], "true");
    handle(&choose_event(&first, "1"), &store, &settings(), then).await;
    let mut returning = first.clone();
    returning["Details"]["ContactData"]["ContactId"] = Value::from("a-later-contact");
    handle(&returning, &store, &settings(), SystemTime::now()).await;

    let sent: Vec<String> = log.0.lock().expect("the log").iter().cloned().collect();
    let mut granted: Vec<String> = schema::DYNAMODB_ACTIONS
        .iter()
        .map(|a| a.to_string())
        .collect();
    granted.sort();
    assert_eq!(
        sent, granted,
        "the store sent {sent:?}; the policy grants {granted:?}"
    );
}
