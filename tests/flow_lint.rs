//! The flow lint: the rendered flow is clean, and each kind of broken flow is reported with
//! the specific problem. Each case starts from the real rendered flow and breaks one thing.

mod flow_support;

use serde_json::{json, Value};

use connect_vanity::flow::{lint_json, render_json};
use flow_support::{action_mut, config, flow_value};

fn lint_value(flow: &Value) -> Vec<String> {
    lint_json(&flow.to_string(), &config())
}

#[test]
fn rendered_flow_is_clean_for_every_results_setting() {
    for (speak, store) in [(3, 5), (1, 1), (3, 3), (2, 10), (1, 10), (5, 6)] {
        let mut config = config();
        config.results.speak = speak;
        config.results.store = store;
        let problems = lint_json(&render_json(&config), &config);
        assert!(
            problems.is_empty(),
            "speak {speak} store {store}: {problems:#?}"
        );
    }
}

type Breaker = fn(&mut Value);

#[test]
fn each_broken_flow_reports_its_problem() {
    let cases: Vec<(&str, Breaker, &str)> = vec![
        (
            "duplicate identifier",
            |f| action_mut(f, "say-goodbye")["Identifier"] = json!("greet"),
            "used by more than one action",
        ),
        (
            "identifier too long",
            |f| rename(f, "say-goodbye", &"x".repeat(51)),
            "has 51 characters",
        ),
        (
            "banned character",
            |f| rename(f, "say-goodbye", "say:goodbye"),
            "contains ':'",
        ),
        (
            "reserved name",
            |f| rename(f, "say-goodbye", "constructor"),
            "reserved name",
        ),
        (
            "missing start",
            |f| f["StartAction"] = json!("nowhere"),
            "StartAction \"nowhere\"",
        ),
        (
            "dangling target",
            |f| action_mut(f, "greet")["Transitions"]["NextAction"] = json!("gone"),
            "goes to \"gone\"",
        ),
        (
            "unreachable action",
            |f| {
                add_action(
                    f,
                    json!({"Identifier": "orphan", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}),
                )
            },
            "\"orphan\" can never be reached",
        ),
        (
            "lambda without error branch",
            |f| remove_errors(f, "look-up-vanity-numbers"),
            "can fail with NoMatchingError",
        ),
        (
            "prompt without error branch",
            |f| remove_errors(f, "greet"),
            "\"greet\" (MessageParticipant) can fail",
        ),
        (
            "compare with NoMatchingError",
            |f| push_error(f, "check-status", "NoMatchingError"),
            "does not allow error type NoMatchingError",
        ),
        (
            "menu without timeout branch",
            |f| drop_error(f, "menu", "InputTimeLimitExceeded"),
            "InputTimeLimitExceeded but has no branch",
        ),
        (
            "terminal with transitions",
            |f| action_mut(f, "hang-up")["Transitions"] = json!({"NextAction": "greet"}),
            "must have empty Transitions",
        ),
        (
            "unknown External key",
            |f| set_ssml(f, "greet", "<speak>$.External.vanity9</speak>"),
            "reads $.External.vanity9",
        ),
        (
            "both Text and SSML",
            |f| action_mut(f, "greet")["Parameters"]["Text"] = json!("hi"),
            "exactly one of Text, SSML",
        ),
        (
            "neither Text nor SSML",
            |f| action_mut(f, "greet")["Parameters"] = json!({}),
            "found none",
        ),
        (
            "text too long",
            |f| set_ssml(f, "greet", &format!("<speak>{}</speak>", "a".repeat(6001))),
            "Connect speaks at most 6000",
        ),
        (
            "SSML not XML",
            |f| set_ssml(f, "greet", "<speak>fish & chips</speak>"),
            "SSML does not parse",
        ),
        (
            "SSML without speak",
            |f| set_ssml(f, "greet", "<p>hello</p>"),
            "expected <speak>",
        ),
        (
            "menu key of two chars",
            |f| {
                action_mut(f, "menu")["Transitions"]["Conditions"][0]["Condition"]["Operands"] =
                    json!(["12"])
            },
            "menu conditions must be Equals one key",
        ),
        (
            "menu operator not Equals",
            |f| {
                action_mut(f, "menu")["Transitions"]["Conditions"][0]["Condition"]["Operator"] =
                    json!("TextContains")
            },
            "menu conditions must be Equals",
        ),
        (
            "lambda timeout over 8",
            |f| {
                action_mut(f, "look-up-vanity-numbers")["Parameters"]
                    ["InvocationTimeLimitSeconds"] = json!("9")
            },
            "InvocationTimeLimitSeconds is \"9\"",
        ),
        (
            "unknown parameter",
            |f| action_mut(f, "enable-logging")["Parameters"]["LoggingBehavior"] = json!("Enabled"),
            "unknown field `LoggingBehavior`",
        ),
        (
            "wrong version",
            |f| f["Version"] = json!("2020-01-01"),
            "Version is \"2020-01-01\"",
        ),
        (
            "unknown operator",
            |f| {
                action_mut(f, "check-status")["Transitions"]["Conditions"][0]["Condition"]
                    ["Operator"] = json!("Like")
            },
            "unknown operator \"Like\"",
        ),
        (
            "conditions where none allowed",
            |f| action_mut(f, "greet")["Transitions"]["Conditions"] = json!([{"NextAction": "hang-up", "Condition": {"Operator": "Equals", "Operands": ["x"]}}]),
            "does not take Conditions",
        ),
        (
            "compare on text, not a path",
            |f| {
                action_mut(f, "check-status")["Parameters"]["ComparisonValue"] =
                    json!("status is $.External.status")
            },
            "must be a single JSONPath",
        ),
    ];
    assert!(
        lint_value(&flow_value(&config())).is_empty(),
        "the unbroken flow must be clean"
    );
    for (name, breaker, expected) in cases {
        let mut flow = flow_value(&config());
        breaker(&mut flow);
        let problems = lint_value(&flow);
        assert!(
            problems.iter().any(|problem| problem.contains(expected)),
            "{name}: expected a problem containing {expected:?}, got {problems:#?}"
        );
    }
}

#[test]
fn too_many_actions_and_too_large_are_reported() {
    let mut flow = flow_value(&config());
    // Chain 250 extra prompts into the flow so they are all reachable and well-formed.
    let padding = "p".repeat(1_000);
    let mut previous = "say-goodbye".to_string();
    for index in 0..250 {
        let id = format!("filler-{index}");
        action_mut(&mut flow, &previous)["Transitions"]["NextAction"] = json!(id);
        add_action(
            &mut flow,
            json!({"Identifier": id, "Type": "MessageParticipant", "Parameters": {"Text": padding},
                   "Transitions": {"NextAction": "hang-up", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "hang-up"}]}}),
        );
        previous = id;
    }
    let problems = lint_value(&flow);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("Connect allows at most 250")),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("Connect accepts fewer than 256000")),
        "{problems:#?}"
    );
}

#[test]
fn wording_that_connect_would_read_as_a_path_is_reported() {
    let cases = [
        ("Calls cost only $.50 a minute.", Some("$.50")),
        ("Use code $.Promo.Spring today.", Some("$.Promo.Spring")),
        ("Prices from $5 and ${name} stay as written.", None),
    ];
    for (greeting, reported) in cases {
        let mut config = config();
        config.wording.greeting = greeting.into();
        let problems = lint_json(&render_json(&config), &config);
        match reported {
            Some(path) => assert!(
                problems
                    .iter()
                    .any(|p| p.contains(&format!("reads {path}, which is not Connect flow data"))),
                "{greeting:?}: {problems:#?}"
            ),
            None => assert!(problems.is_empty(), "{greeting:?}: {problems:#?}"),
        }
    }
}

#[test]
fn json_that_is_not_a_flow_is_one_problem() {
    let problems = lint_json("{\"Actions\": 3}", &config());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].starts_with("not a flow"), "{problems:#?}");
}

#[test]
fn fewer_stored_results_make_later_keys_unknown() {
    // The default flow reads up to spoken5; a Lambda storing 4 never returns it.
    let mut small = config();
    small.results.store = 4;
    let problems = lint_json(&render_json(&config()), &small);
    assert!(
        problems.iter().any(|p| p.contains("$.External.spoken5")),
        "{problems:#?}"
    );
}

fn rename(flow: &mut Value, from: &str, to: &str) {
    let text = flow
        .to_string()
        .replace(&format!("\"{from}\""), &format!("\"{to}\""));
    *flow = serde_json::from_str(&text).unwrap_or(Value::Null);
}

fn add_action(flow: &mut Value, action: Value) {
    if let Some(actions) = flow["Actions"].as_array_mut() {
        actions.push(action);
    }
}

fn remove_errors(flow: &mut Value, id: &str) {
    if let Some(transitions) = action_mut(flow, id)["Transitions"].as_object_mut() {
        transitions.remove("Errors");
    }
}

fn drop_error(flow: &mut Value, id: &str, error_type: &str) {
    if let Some(errors) = action_mut(flow, id)["Transitions"]["Errors"].as_array_mut() {
        errors.retain(|branch| branch["ErrorType"] != error_type);
    }
}

fn push_error(flow: &mut Value, id: &str, error_type: &str) {
    if let Some(errors) = action_mut(flow, id)["Transitions"]["Errors"].as_array_mut() {
        errors.push(json!({"ErrorType": error_type, "NextAction": "apologise"}));
    }
}

fn set_ssml(flow: &mut Value, id: &str, ssml: &str) {
    action_mut(flow, id)["Parameters"]["SSML"] = json!(ssml);
}
