//! The flow lint: the rendered flow is clean, and each kind of broken flow is reported with
//! the specific problem. Each case starts from the real rendered flow and breaks one thing.

mod flow_support;

use serde_json::{json, Value};

use connect_vanity::flow::{lint_json, render_json};
use flow_support::config;
use test_support::flow::action_mut;

/// The committed config with the most a returning caller is told, so the broken-flow cases
/// can reach every action (recall's own actions included).
fn full_config() -> connect_vanity::config::Config {
    let mut config = config();
    config.recall = connect_vanity::config::Recall::LastCall;
    config
}

fn lint_value(flow: &Value) -> Vec<String> {
    lint_json(&flow.to_string(), &full_config())
}

/// The first menu of the default flow (three heard, two more).
const MENU: &str = "menu-keys-1-to-3-or-2-more";

#[test]
fn rendered_flow_is_clean_for_every_results_setting_and_engine() {
    use connect_vanity::config::VoiceEngine::*;
    for engine in [Standard, Neural, Generative] {
        for (speak, store) in [(3, 5), (1, 1), (3, 3), (2, 9), (1, 9), (5, 6), (5, 9)] {
            let mut config = config();
            config.voice.engine = engine;
            config.results.speak = speak;
            config.results.store = store;
            let problems = lint_json(&render_json(&config), &config);
            assert!(
                problems.is_empty(),
                "{engine:?} speak {speak} store {store}: {problems:#?}"
            );
        }
    }
}

#[test]
fn prosody_around_a_fragment_fails_only_for_generative_voices() {
    use connect_vanity::config::VoiceEngine::*;
    // The shape the flow used before: slowed number, full stop outside the prosody.
    let fragment = "<speak><prosody rate=\"90%\">$.External.rest1</prosody>.</speak>";
    for (engine, fails) in [(Standard, false), (Neural, false), (Generative, true)] {
        let mut config = config();
        config.voice.engine = engine;
        let mut flow = test_support::flow::parse(&render_json(&config));
        set_ssml(&mut flow, "say-intro", fragment);
        let problems = lint_value_with(&flow, &config);
        assert_eq!(
            problems
                .iter()
                .any(|p| p.contains("must surround whole sentences")),
            fails,
            "{engine:?}: {problems:#?}"
        );
    }
}

#[test]
fn seconds_between_digits_are_accepted_in_both_readings() {
    // The admin guide: a fixed 5 s between digits, no such field; later copies of the Flow
    // language page: InterdigitTimeLimitSeconds, 1 to 20. The rendered flow leaves it out; a
    // flow that sets it within the range is clean too.
    for seconds in ["1", "5", "20"] {
        let mut flow = test_support::flow::parse(&render_json(&full_config()));
        action_mut(&mut flow, ASK)["Parameters"]["DTMFConfiguration"]
            ["InterdigitTimeLimitSeconds"] = json!(seconds);
        let problems = lint_value(&flow);
        assert!(problems.is_empty(), "{seconds} s: {problems:#?}");
    }
}

fn lint_value_with(flow: &Value, config: &connect_vanity::config::Config) -> Vec<String> {
    lint_json(&flow.to_string(), config)
}

type Breaker = fn(&mut Value);

/// Breaks the default flow each way in `cases` and expects the lint to name the problem.
fn each_breaks_the_lint(cases: Vec<(&str, Breaker, &str)>) {
    for (name, breaker, expected) in cases {
        let mut flow = test_support::flow::parse(&render_json(&full_config()));
        breaker(&mut flow);
        let problems = lint_value(&flow);
        assert!(
            problems.iter().any(|problem| problem.contains(expected)),
            "{name}: expected a problem containing {expected:?}, got {problems:#?}"
        );
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "a table of broken flows and the problem each must report"
)]
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
            |f| drop_error(f, MENU, "InputTimeLimitExceeded"),
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
                action_mut(f, MENU)["Transitions"]["Conditions"][0]["Condition"]["Operands"] =
                    json!(["12"])
            },
            "menu conditions must be Equals one key",
        ),
        (
            "menu operator not Equals",
            |f| {
                action_mut(f, MENU)["Transitions"]["Conditions"][0]["Condition"]["Operator"] =
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
            "prosody pitch on a neural voice",
            |f| set_ssml(f, "greet", "<speak><prosody pitch=\"high\">Hi.</prosody></speak>"),
            "only rate and volume",
        ),
        (
            "a tag Connect drops",
            |f| set_ssml(f, "greet", "<speak><emphasis>Hi</emphasis></speak>"),
            "<emphasis> is not an SSML tag Amazon Connect supports",
        ),
        (
            "choose without its choice",
            |f| {
                if let Some(attributes) = action_mut(f, "save-choice-1")["Parameters"]
                    ["LambdaInvocationAttributes"]
                    .as_object_mut()
                {
                    attributes.remove("choice");
                }
            },
            "without the choice parameter",
        ),
        (
            "an action the handler does not know",
            |f| {
                action_mut(f, "save-choice-1")["Parameters"]["LambdaInvocationAttributes"]
                    ["action"] = json!("delete")
            },
            "which the call-handler does not know",
        ),
        (
            "a choose key read after the lookup",
            |f| set_ssml(f, "say-intro", "<speak>$.External.chosen</speak>"),
            "which the call-handler's lookup answer (action \"look-up-vanity-numbers\") does not return",
        ),
        (
            "a lookup key read after the choice",
            |f| set_ssml(f, "say-chosen", "<speak>$.External.count</speak>"),
            "which the call-handler's choose answer (action \"save-choice-",
        ),
        (
            "a path that a full stop follows (the shape results had)",
            |f| {
                set_ssml(
                    f,
                    "say-results-1-to-3",
                    "<speak><prosody rate=\"90%\"><s>Number 1: $.Attributes.rest1.</s></prosody></speak>",
                )
            },
            "$.Attributes.rest1 is followed by \".\"",
        ),
        (
            "a path that a full stop follows (the shape last time had)",
            |f| set_ssml(f, "say-last-choice", "<speak>Last time, you chose $.External.last_spoken.</speak>"),
            "$.External.last_spoken is followed by \".\"",
        ),
        (
            "a path that a comma follows",
            |f| set_ssml(f, "say-last-best", "<speak>$.External.last_spoken, then</speak>"),
            "$.External.last_spoken is followed by \",\"",
        ),
        (
            "a returned key nobody reads",
            |f| {
                action_mut(f, "check-last-time")["Parameters"]["ComparisonValue"] =
                    json!("$.External.status")
            },
            "lookup answer to action \"look-up-vanity-numbers\" has remembered, which the flow never reads",
        ),
        (
            "reading the answer of a failed call",
            |f| set_ssml(f, "apologise", "<speak>$.External.status</speak>"),
            "no Lambda has answered before it (or the last one failed)",
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
        lint_value(&test_support::flow::parse(&render_json(&full_config()))).is_empty(),
        "the unbroken flow must be clean"
    );
    each_breaks_the_lint(cases);
}

/// The first Store customer input block of the default flow (asks for another number).
const ASK: &str = "ask-another-number-1";

/// Each way a Store customer input block or the another-number lookup can be broken.
#[allow(
    clippy::too_many_lines,
    reason = "a table of broken number blocks and the problem each must report"
)]
#[test]
fn each_broken_number_block_reports_its_problem() {
    let cases: Vec<(&str, Breaker, &str)> = vec![
        (
            "no validation",
            |f| {
                if let Some(parameters) = action_mut(f, ASK)["Parameters"].as_object_mut() {
                    parameters.remove("InputValidation");
                }
            },
            "needs InputValidation",
        ),
        (
            "a maximum length of nothing",
            |f| {
                action_mut(f, ASK)["Parameters"]["InputValidation"]["CustomValidation"]
                    ["MaximumLength"] = json!("0")
            },
            "CustomValidation.MaximumLength is \"0\"",
        ),
        (
            "both validations",
            |f| {
                action_mut(f, ASK)["Parameters"]["InputValidation"]["PhoneNumberValidation"] =
                    json!({"NumberFormat": "E164"})
            },
            "exactly one of PhoneNumberValidation and CustomValidation",
        ),
        (
            "a terminator of six keys",
            |f| {
                action_mut(f, ASK)["Parameters"]["DTMFConfiguration"]["InputTerminationSequence"] =
                    json!("######")
            },
            "InputTerminationSequence is \"######\"",
        ),
        (
            "more seconds between digits than the reference allows",
            |f| {
                action_mut(f, ASK)["Parameters"]["DTMFConfiguration"]
                    ["InterdigitTimeLimitSeconds"] = json!("21")
            },
            "InterdigitTimeLimitSeconds is \"21\"",
        ),
        (
            "DTMF settings on a menu",
            |f| {
                action_mut(f, MENU)["Parameters"]["DTMFConfiguration"] =
                    json!({"InputTerminationSequence": "#"})
            },
            "a menu (StoreInput \"False\") takes neither",
        ),
        (
            "InvalidPhoneNumber without phone validation",
            |f| push_error(f, ASK, "InvalidPhoneNumber"),
            "does not allow error type InvalidPhoneNumber",
        ),
        (
            "conditions on stored input",
            |f| {
                action_mut(f, ASK)["Transitions"]["Conditions"] = json!([{"NextAction": "say-goodbye",
                    "Condition": {"Operator": "Equals", "Operands": ["1"]}}])
            },
            ASK,
        ),
        (
            "another number without the digits",
            |f| {
                if let Some(parameters) = action_mut(f, "look-up-another-number-1")["Parameters"]
                    ["LambdaInvocationAttributes"]
                    .as_object_mut()
                {
                    parameters.remove("number");
                }
            },
            "to another_number without the number parameter",
        ),
        (
            "another number's answer read for what it never says",
            |f| {
                set_ssml(
                    f,
                    "say-another-intro",
                    "<speak>$.External.returning</speak>",
                )
            },
            "another_number answer (action \"look-up-another-number-1\") does not return",
        ),
    ];
    each_breaks_the_lint(cases);
}

/// Where the default flow turns logging off before asking for another number.
const STOP_LOGGING: &str = "stop-logging-another-number";

/// Flow logs record what a Lambda is sent, so logging must be off on every path to the
/// captured digits: skipping the default flow's "Disabled" step, turning logging on again
/// after it, or setting it to anything but "Disabled" each leaves a path with it on.
#[test]
fn stored_input_is_never_reached_with_logging_on() {
    let cases: Vec<(&str, Breaker, &[&str])> = vec![
        (
            "the way in skipped",
            |f| {
                for id in ["say-no-matches", "say-no-caller-id", "say-invalid-number"] {
                    action_mut(f, id)["Transitions"]["NextAction"] = json!(ASK);
                }
                for action in f["Actions"].as_array_mut().expect("actions") {
                    let conditions = action
                        .pointer_mut("/Transitions/Conditions")
                        .and_then(Value::as_array_mut);
                    for condition in conditions.into_iter().flatten() {
                        if condition["NextAction"] == json!(STOP_LOGGING) {
                            condition["NextAction"] = json!(ASK);
                        }
                    }
                }
                let actions = f["Actions"].as_array_mut().expect("actions");
                actions.retain(|a| a["Identifier"] != json!(STOP_LOGGING));
            },
            &[ASK, "look-up-another-number-1"],
        ),
        (
            "logging turned on instead",
            |f| action_mut(f, STOP_LOGGING)["Parameters"]["FlowLoggingBehavior"] = json!("Enabled"),
            &[ASK, "look-up-another-number-1"],
        ),
    ];
    for (name, breaker, exposed) in cases {
        let mut flow = test_support::flow::parse(&render_json(&full_config()));
        breaker(&mut flow);
        let problems = lint_value(&flow);
        for id in exposed {
            let expected = format!("action {id:?} captures or reads stored customer input");
            assert!(
                problems.iter().any(|problem| problem.contains(&expected)),
                "{name}: expected {expected:?} in {problems:#?}"
            );
        }
    }
    // The default flow, with flow logs on or off, has none.
    for enabled in [true, false] {
        let mut config = full_config();
        config.flow_logs.enabled = enabled;
        let flow = test_support::flow::parse(&render_json(&config));
        let problems = lint_value(&flow);
        assert!(
            !problems.iter().any(|p| p.contains("stored customer input")),
            "{problems:#?}"
        );
    }
}

#[test]
fn too_many_actions_and_too_large_are_reported() {
    let mut flow = test_support::flow::parse(&render_json(&config()));
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
    // The default flow reads up to rest5; a Lambda storing 4 never returns it.
    let mut small = config();
    small.results.store = 4;
    let problems = lint_json(&render_json(&config()), &small);
    assert!(
        problems.iter().any(|p| p.contains("$.External.rest5")),
        "{problems:#?}"
    );
}

#[test]
fn a_flow_that_recalls_more_than_the_handler_tells_is_reported() {
    use connect_vanity::config::Recall;
    // The last_call flow against a handler deployed with less: it reads what is never sent.
    for (recall, key) in [
        (Recall::Nothing, "returning"),
        (Recall::Welcome, "remembered"),
    ] {
        let mut told = config();
        told.recall = recall;
        let problems = lint_json(&render_json(&full_config()), &told);
        let expected = format!(
            "reads $.External.{key}, which the call-handler returns only when returning_callers.recall allows it (here {})",
            recall.as_str()
        );
        assert!(
            problems.iter().any(|p| p.contains(&expected)),
            "{recall:?}: {problems:#?}"
        );
    }
}

/// The flow as rendered before paths ended at a tag: every prompt that put a full stop right
/// after a path. The lint must refuse that shape (and the lint passes today's render, in
/// `rendered_flow_is_clean_for_every_results_setting_and_engine`).
#[test]
fn no_rendered_path_is_followed_by_punctuation() {
    use connect_vanity::config::Recall;
    for recall in Recall::ALL {
        let mut config = config();
        config.recall = recall;
        let json = render_json(&config);
        let old_shape = json
            .replace("<break strength=\\\"none\\\"/>", "")
            .replace("$.External.rest1", "$.Attributes.rest1");
        assert!(
            old_shape != json,
            "{recall:?}: the render ends no path at a tag"
        );
        let problems = lint_json(&old_shape, &config);
        assert!(
            problems.iter().any(|p| p.contains("is followed by \".\"")),
            "{recall:?}: {problems:#?}"
        );
    }
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
