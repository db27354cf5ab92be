//! Every Connect event fixture (`tests/fixtures/*.json`, also sent by `cargo lambda invoke
//! --data-file` and the runtime-API script) is exactly the event `connect_event` builds for
//! its contact id, channel, caller endpoint and parameters: the fixtures, the tests' events and the
//! simulator's cannot drift apart.

use call_handler::connect_event::ContactFlowEvent;
use serde_json::Value;

/// The event the builder makes for the fixture's own contact id, channel, endpoint and
/// parameters.
fn rebuilt(fixture: &Value) -> Value {
    let contact = &fixture["Details"]["ContactData"];
    let id = contact["ContactId"].as_str().unwrap_or_default();
    let channel = contact["Channel"].as_str().unwrap_or_default();
    let event = ContactFlowEvent::new(id, Value::Null)
        .channel(channel)
        .parameters(fixture["Details"]["Parameters"].clone());
    match contact.get("CustomerEndpoint") {
        Some(endpoint) => event.customer_endpoint(endpoint.clone()),
        None => event.without_customer_endpoint(),
    }
    .build()
}

#[test]
fn every_fixture_is_the_builders_event() {
    let dir = test_support::repo_root().join("lambda/call-handler/tests/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the fixtures folder") {
        let path = entry.expect("a fixture").path();
        let text = std::fs::read_to_string(&path).expect("a readable fixture");
        let fixture: Value = serde_json::from_str(&text).expect("a JSON fixture");
        assert_eq!(rebuilt(&fixture), fixture, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 9, "only {checked} fixtures");
}

#[test]
fn a_fixture_that_drifts_is_caught() {
    let mut fixture = test_support::connect::fixture("normal");
    fixture["Details"]["ContactData"]["LanguageCode"] = Value::from("fr-FR");
    assert_ne!(rebuilt(&fixture), fixture);
}
