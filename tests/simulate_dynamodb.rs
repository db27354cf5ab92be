//! `connect-vanity call` against a real DynamoDB-compatible server (moto on loopback): with
//! AWS_ENDPOINT_URL set, the transcript names the endpoint, the handler stores the call there,
//! a second call from the same number is welcomed back only when `recall` says so, and a
//! number the caller keeps is on that call's item and said back on the next call (with
//! `recall: last_call`). (That a retried choice writes nothing
//! twice is shown against moto in lambda/call-handler/tests/dynamodb.rs.)

// Talks to DynamoDB through the SDK, which only the `aws` build has.
#![cfg(feature = "aws")]

use std::process::Command;

use aws_sdk_dynamodb::Client;
use call_handler::schema;
use test_support::moto::{client, create_table, MotoServer};

/// The table name in the committed vanity.yaml.
const TABLE: &str = "vanity-line-callers";

fn call(endpoint: &str, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_connect-vanity"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("call")
        .args(args)
        .env("AWS_ENDPOINT_URL", endpoint)
        .env_remove("AWS_ENDPOINT_URL_DYNAMODB")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env_remove("AWS_PROFILE")
        .output();
    let output = match output {
        Ok(output) => output,
        Err(error) => panic!("could not run connect-vanity: {error}"),
    };
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// moto with the calls table of the committed vanity.yaml, a runtime and a client for it.
fn calls_table() -> (MotoServer, tokio::runtime::Runtime, Client) {
    let moto = MotoServer::start();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => panic!("no runtime: {error}"),
    };
    let dynamodb = client(&moto.endpoint);
    runtime.block_on(create_table(&dynamodb, TABLE));
    (moto, runtime, dynamodb)
}

#[test]
fn calls_are_stored_in_the_local_table_and_returning_callers_welcomed() {
    let (moto, runtime, dynamodb) = calls_table();

    let first = call(&moto.endpoint, &["+18003569377"]);
    assert!(
        first.contains(&format!("caller store: DynamoDB at {}", moto.endpoint)),
        "{first}"
    );
    assert!(
        !first.contains("[welcome-back]"),
        "a first call is not returning:\n{first}"
    );

    // The committed vanity.yaml's recall is none: the second call is stored, but the caller
    // is told nothing of the first.
    let told_nothing = call(&moto.endpoint, &["+18003569377"]);
    assert!(!told_nothing.contains("[welcome-back]"), "{told_nothing}");
    let second = call(&moto.endpoint, &["+18003569377", "--recall", "welcome"]);
    assert!(second.contains("[welcome-back] caller hears:"), "{second}");

    // --returning records an earlier call for a number the table has never seen.
    let seeded = call(
        &moto.endpoint,
        &["+13125557464", "--returning", "--recall", "welcome"],
    );
    assert!(seeded.contains("[welcome-back] caller hears:"), "{seeded}");

    let items = runtime
        .block_on(dynamodb.scan().table_name(TABLE).send())
        .map(|scan| scan.count())
        .unwrap_or_else(|error| panic!("scan: {error}"));
    assert!(
        items >= 5,
        "expected the five answered calls in the table, found {items}"
    );
}

#[test]
fn a_kept_number_is_on_the_calls_item_and_remembered_next_time() {
    let (moto, runtime, dynamodb) = calls_table();
    let number = "+18003569377";
    let results = vanity_engine::vanity_numbers(number, 5).expect("a valid number");

    // Press # for more, then 4: the fourth result is kept.
    let chose = call(&moto.endpoint, &[number, "--press", "#4"]);
    assert!(
        chose.contains("[check-choice-kept] $.External.chosen is \"true\""),
        "{chose}"
    );
    let items = runtime
        .block_on(dynamodb.scan().table_name(TABLE).send())
        .unwrap_or_else(|error| panic!("scan: {error}"));
    let kept: Vec<(String, String)> = items
        .items()
        .iter()
        .filter_map(|item| {
            let choice = item.get(schema::CHOICE_ATTRIBUTE)?.as_m().ok()?;
            let rank = choice.get(schema::CHOICE_RANK)?.as_n().ok()?.clone();
            let display = choice.get(schema::CHOICE_DISPLAY)?.as_s().ok()?.clone();
            Some((rank, display))
        })
        .collect();
    assert_eq!(kept, vec![("4".to_string(), results[3].display.clone())]);

    let next = call(&moto.endpoint, &[number, "--recall", "last_call"]);
    let reminder = format!(
        "[say-last-choice] caller hears: Last time, you chose {}.",
        results[3].spoken
    );
    assert!(next.contains(&reminder), "{next}");
}
