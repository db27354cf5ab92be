//! Hostile phone-link input (property tests): arbitrary JSON, the fixtures Terraform's
//! `aws_lambda_invocation` sends mutated at every field (removed, or given every other JSON type),
//! huge strings, and bytes that are not JSON or not UTF-8. Parsing must never panic (proptest
//! turns a panic into a failure); an accepted input has three usable ids; every rejection is a
//! `PhoneLink.InvalidInput` error, one line, that names the place, and stays short enough for
//! Terraform to show (a hostile value is never echoed in full).
//! Each test prints how many cases it tried (`cargo test --test hostile_input -- --nocapture`).

use std::cell::Cell;

use phone_link::contract::{INPUT_KEYS, TERRAFORM_KEY};
use phone_link::event::Invocation;
use proptest::prelude::*;
use serde_json::{json, Value};
use test_support::fixtures;
use test_support::hostile::{self, mutate, mutated, pointers, runner, Shape};

const FIXTURES: &[&str] = &[
    "create",
    "delete",
    "manual",
    "repair",
    "status",
    "update-flow",
    "update-instance",
    "update-number",
];

/// Longest rejection message worth showing in `terraform apply` output.
const MAX_MESSAGE: usize = 1_000;

fn fixture(name: &str) -> Value {
    fixtures::json(env!("CARGO_MANIFEST_DIR"), name)
}

/// Parses `input`; `Ok(true)` accepted, `Ok(false)` rejected clearly, `Err` what is wrong.
fn judge(input: Value) -> Result<bool, String> {
    match Invocation::from_json(input) {
        Ok(invocation) => {
            let mut links = vec![&invocation.current];
            links.extend(invocation.previous.as_ref());
            for link in links {
                for id in [
                    &link.instance_id,
                    &link.phone_number_id,
                    &link.contact_flow_id,
                ] {
                    if id.trim().is_empty() {
                        return Err(format!("accepted a blank id: {invocation:?}"));
                    }
                }
            }
            Ok(true)
        }
        Err(error) => {
            let message = error.to_string();
            let places = INPUT_KEYS
                .iter()
                .copied()
                .chain([TERRAFORM_KEY, "expected"]);
            if error.error_type() != "PhoneLink.InvalidInput" {
                Err(format!("rejected as {}: {message}", error.error_type()))
            } else if message.len() > MAX_MESSAGE {
                Err(format!("a {}-byte message", message.len()))
            } else if message.contains('\n') {
                Err(format!("a message on several lines: {message}"))
            } else if !places.into_iter().any(|place| message.contains(place)) {
                Err(format!("the message names no place: {message}"))
            } else {
                Ok(false)
            }
        }
    }
}

/// Any JSON value, with keys drawn from the input's own field names as well as arbitrary text.
fn arbitrary_json() -> impl Strategy<Value = Value> {
    hostile::arbitrary_json(Shape {
        keys: vec![
            "instance_id",
            "phone_number_id",
            "contact_flow_id",
            "tf",
            "action",
            "prev_input",
        ],
        text: prop::sample::select(vec!["create", "update", "delete", "CREATE", ""])
            .prop_map(Value::from)
            .boxed(),
        depth: 5,
        size: 48,
        items: 6,
    })
}

#[test]
fn every_field_missing_or_of_every_wrong_type() {
    let wrong_types = [
        Value::Null,
        json!(true),
        json!(7),
        json!(""),
        json!("   "),
        json!("x".repeat(1_000_000)),
        json!([]),
        json!({}),
        json!(["instance"]),
        json!({"instance_id": "x".repeat(1_000_000)}),
    ];
    let (mut tried, mut rejected) = (0, 0);
    for name in FIXTURES {
        let input = fixture(name);
        for path in &pointers(&input) {
            let candidates = std::iter::once(None).chain(wrong_types.iter().cloned().map(Some));
            for replacement in candidates {
                let shown = format!("{replacement:?}")
                    .chars()
                    .take(40)
                    .collect::<String>();
                match judge(mutate(&input, path, replacement)) {
                    Ok(accepted) => rejected += usize::from(!accepted),
                    Err(problem) => panic!("{name}.json with {path} = {shown}: {problem}"),
                }
                tried += 1;
            }
        }
    }
    println!("hostile phone-link input, every field missing or mistyped: {tried} cases, 0 panics, {rejected} rejected with a clear error");
    assert!(
        rejected > 0 && tried > 100,
        "{tried} tried, {rejected} rejected"
    );
}

#[test]
fn arbitrary_mutated_and_raw_inputs_are_rejected_clearly() {
    let tried = Cell::new(0usize);
    let rejected = Cell::new(0usize);
    let check = |input: Value| {
        tried.set(tried.get() + 1);
        let accepted = judge(input).map_err(TestCaseError::fail)?;
        rejected.set(rejected.get() + usize::from(!accepted));
        Ok(())
    };
    let fixtures: Vec<Value> = FIXTURES.iter().map(|name| fixture(name)).collect();
    let mutated = mutated(fixtures, arbitrary_json());
    for result in [
        runner(2_000).run(&mutated, check),
        runner(2_000).run(&arbitrary_json(), check),
    ] {
        if let Err(failure) = result {
            panic!("{failure}");
        }
    }
    // Bytes as the runtime receives them: whatever serde_json cannot parse never reaches the
    // parser, and its error says where (line and column).
    let raw = serde_json::to_vec(&fixture("update-flow")).expect("fixture bytes");
    let bytes = (
        any::<prop::sample::Index>(),
        prop::collection::vec(any::<u8>(), 0..4),
    )
        .prop_map(move |(index, inserted)| {
            let mut bytes = raw.clone();
            let at = index.index(bytes.len());
            bytes.splice(at..at, inserted);
            bytes
        });
    let outcome = runner(2_000).run(&bytes, |bytes| {
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(input) => check(input)?,
            Err(error) => {
                tried.set(tried.get() + 1);
                rejected.set(rejected.get() + 1);
                let message = error.to_string();
                prop_assert!(message.contains(" line "), "unlocated: {message}");
            }
        }
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
    println!(
        "hostile phone-link input, arbitrary, mutated and raw bytes: {} cases, 0 panics, {} rejected with a clear error",
        tried.get(),
        rejected.get()
    );
}
