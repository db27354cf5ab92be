//! The rendered flow JSON: the parameters the issue asks for, escaping of user text, and
//! identifiers and layout the console accepts.

mod flow_support;

use std::collections::BTreeSet;

use connect_vanity::flow::build::ids;
use connect_vanity::flow::model::Flow;
use connect_vanity::flow::{parse, render_json, LAMBDA_ARN_PLACEHOLDER};
use flow_support::config;

fn rendered(config: &connect_vanity::config::Config) -> Flow {
    match parse(&render_json(config)) {
        Ok(flow) => flow,
        Err(error) => panic!("rendered flow does not parse: {error}"),
    }
}

fn parameter<'a>(flow: &'a Flow, id: &str, name: &str) -> &'a str {
    flow.actions
        .iter()
        .find(|a| a.identifier == id)
        .and_then(|a| a.parameters.get(name))
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("{id} has no string parameter {name}"))
}

#[test]
fn rendering_is_deterministic_and_ends_with_one_newline() {
    let first = render_json(&config());
    assert_eq!(first, render_json(&config()));
    assert!(first.ends_with("}\n") && !first.ends_with("\n\n"));
}

#[test]
fn settings_from_the_config_reach_the_flow() {
    for (voice, timeout, menu_seconds, number_seconds) in [
        ("Joanna", 6, 5, 15),
        ("Matthew", 8, 12, 30),
        ("Amy", 1, 179, 1),
    ] {
        let mut config = config();
        config.voice.name = voice.into();
        config.lambda.timeout_seconds = timeout;
        config.menu.timeout_seconds = menu_seconds;
        config.menu.number_timeout_seconds = number_seconds;
        let flow = rendered(&config);
        assert_eq!(parameter(&flow, "set-voice", "TextToSpeechVoice"), voice);
        assert_eq!(
            parameter(
                &flow,
                "look-up-vanity-numbers",
                "InvocationTimeLimitSeconds"
            ),
            timeout.to_string()
        );
        assert_eq!(
            parameter(&flow, "look-up-vanity-numbers", "LambdaFunctionARN"),
            LAMBDA_ARN_PLACEHOLDER
        );
        assert_eq!(
            parameter(&flow, "menu-keys-1-to-3-or-2-more", "InputTimeLimitSeconds"),
            menu_seconds.to_string()
        );
        assert_eq!(
            parameter(&flow, "enable-logging", "FlowLoggingBehavior"),
            "Enabled"
        );
        // Another number waits its own time for the first digit, on both tries; its menu
        // waits the menu's.
        for ask in ["ask-another-number-1", "ask-another-number-2"] {
            assert_eq!(
                parameter(&flow, ask, "InputTimeLimitSeconds"),
                number_seconds.to_string(),
                "{ask}"
            );
        }
        assert_eq!(
            parameter(&flow, "another-menu", "InputTimeLimitSeconds"),
            menu_seconds.to_string()
        );
    }
}

#[test]
fn flow_logging_follows_the_config() {
    for (enabled, behaviour) in [(true, "Enabled"), (false, "Disabled")] {
        let mut config = config();
        config.flow_logs.enabled = enabled;
        let flow = rendered(&config);
        assert_eq!(
            parameter(&flow, "enable-logging", "FlowLoggingBehavior"),
            behaviour
        );
        // The keyed number is never logged, whatever the config says.
        assert_eq!(
            parameter(&flow, ids::ANOTHER_NUMBER, "FlowLoggingBehavior"),
            "Disabled"
        );
    }
}

/// The flow keeps nothing on the contact: no contact attributes (Connect keeps them with the
/// contact record for 24 months), every number read from the Lambda's answer, and each
/// choice passed to the Lambda as the literal key pressed.
#[test]
fn the_flow_sets_no_contact_attributes() {
    use connect_vanity::config::Recall;
    for recall in Recall::ALL {
        let mut config = config();
        config.recall = recall;
        config.results.store = 9;
        let json = render_json(&config);
        let flow = rendered(&config);
        let kinds: BTreeSet<&str> = flow.actions.iter().map(|a| a.kind.as_str()).collect();
        assert!(!kinds.contains("UpdateContactAttributes"), "{kinds:?}");
        assert!(!json.contains("$.Attributes."), "{recall:?}");
        for rank in 1..=9 {
            assert_eq!(
                parameter_map(&flow, &ids::save_choice(rank), "LambdaInvocationAttributes"),
                [
                    ("action", "choose".to_string()),
                    ("choice", rank.to_string())
                ]
            );
        }
    }
}

fn parameter_map(flow: &Flow, id: &str, name: &str) -> Vec<(&'static str, String)> {
    let map = flow
        .actions
        .iter()
        .find(|a| a.identifier == id)
        .and_then(|a| a.parameters.get(name))
        .and_then(|v| v.as_object())
        .unwrap_or_else(|| panic!("{id} has no object parameter {name}"));
    ["action", "choice"]
        .into_iter()
        .map(|key| (key, map[key].as_str().unwrap_or_default().to_string()))
        .collect()
}

/// Under each recall the flow reads exactly what the handler tells: nothing of earlier calls
/// with none, `returning` only with welcome, and the last call's number with last_call.
#[test]
fn returning_callers_hear_what_recall_allows() {
    use connect_vanity::config::Recall;
    for (recall, welcome, last) in [
        (Recall::Nothing, false, false),
        (Recall::Welcome, true, false),
        (Recall::LastCall, true, true),
    ] {
        let mut config = config();
        config.recall = recall;
        let flow = rendered(&config);
        let has = |id: &str| flow.actions.iter().any(|a| a.identifier == id);
        assert_eq!(has(ids::WELCOME_BACK), welcome, "{recall:?}");
        assert_eq!(has(ids::SAY_LAST_CHOICE), last, "{recall:?}");
        let reminder = parameter(&flow, ids::SAY_CHOSEN, "SSML").contains(
            &connect_vanity::flow::ssml::escape(&config.wording.chosen_reminder),
        );
        assert_eq!(reminder, last, "{recall:?}");
        assert!(connect_vanity::flow::lint_json(&render_json(&config), &config).is_empty());
    }
}

#[test]
fn user_text_is_escaped_for_ssml_and_template_markers_stay_literal() {
    let cases = [
        ("Fish & Chips <Ltd>", "Fish &amp; Chips &lt;Ltd&gt;"),
        (
            "Say \"hi\" to O'Brien",
            "Say &quot;hi&quot; to O&apos;Brien",
        ),
        ("Costs ${price} or %{if x}", "Costs ${price} or %{if x}"),
    ];
    for (greeting, expected) in cases {
        let mut config = config();
        config.wording.greeting = greeting.into();
        let json = render_json(&config);
        let flow = rendered(&config);
        assert_eq!(
            parameter(&flow, "greet", "SSML"),
            format!("<speak>{expected}</speak>")
        );
        // The file carries the text itself, not a Terraform-escaped form of it.
        if greeting.contains("${") {
            assert!(json.contains("${price}") && json.contains("%{if x}") && !json.contains("$${"));
        }
    }
}

#[test]
fn identifiers_are_readable_unique_and_laid_out() {
    let flow = rendered(&config());
    let ids: BTreeSet<&str> = flow.actions.iter().map(|a| a.identifier.as_str()).collect();
    assert_eq!(ids.len(), flow.actions.len());
    let positions = flow
        .metadata
        .as_ref()
        .and_then(|m| m["ActionMetadata"].as_object())
        .cloned()
        .unwrap_or_default();
    let mut seen_positions = BTreeSet::new();
    for id in ids {
        assert!(
            id.len() <= 50
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{id}"
        );
        let position = &positions[id]["position"];
        let xy = (position["x"].as_i64(), position["y"].as_i64());
        assert!(xy.0.is_some() && xy.1.is_some(), "{id} has no position");
        assert!(
            seen_positions.insert(xy),
            "{id} overlaps another action at {xy:?}"
        );
    }
    assert!(flow
        .metadata
        .as_ref()
        .is_some_and(|m| m["entryPointPosition"]["x"].is_i64()));
}

#[test]
fn results_are_spoken_only_up_to_the_configured_number() {
    for (speak, store) in [(3, 5), (2, 2), (1, 4)] {
        let mut config = config();
        config.results.speak = speak;
        config.results.store = store;
        let json = render_json(&config);
        let flow = rendered(&config);
        // Each count of results goes straight to speaking the best of them.
        let how_many = flow
            .actions
            .iter()
            .find(|a| a.identifier == ids::HOW_MANY_RESULTS)
            .expect("the flow compares the count");
        let best: Vec<String> = (1..=store)
            .map(|count| {
                how_many
                    .transitions
                    .conditions
                    .iter()
                    .find(|c| c.condition.operands == [count.to_string()])
                    .map(|c| c.next_action.clone())
                    .unwrap_or_default()
            })
            .collect();
        let expected: Vec<String> = (1..=store)
            .map(|count| ids::say_results(1, count.min(speak)))
            .collect();
        assert_eq!(best, expected, "speak {speak}");
        assert_eq!(
            json.contains("-more\""),
            store > speak,
            "\"more\" is offered only when there is more"
        );
        assert!(json.contains(&format!("$.External.rest{store}")));
        assert!(!json.contains(&format!("$.External.rest{}", store + 1)));
    }
}

/// "To hear N more, press pound" matches what # does in every menu of every results setting:
/// the count is the number of results the # branch speaks, and a menu without a # branch
/// never mentions more. Digit keys are exactly 1 to the highest rank spoken before the menu.
#[test]
fn every_menu_says_what_its_keys_do() {
    use connect_vanity::flow::actions::ActionKind;
    use connect_vanity::flow::build::{KEY_MORE, KEY_REPEAT};
    for (speak, store) in [(3, 5), (3, 4), (1, 9), (2, 3), (5, 5), (4, 9)] {
        let mut config = config();
        config.results.speak = speak;
        config.results.store = store;
        let flow = rendered(&config);
        let by_id = |id: &str| flow.actions.iter().find(|a| a.identifier == id);
        // Highest rank each results prompt speaks, read from the SSML it plays.
        let last_rank = |id: &str| -> Option<usize> {
            let action = by_id(id)?;
            let ssml = action.parameters.get("SSML")?.as_str()?;
            (1..=store)
                .rev()
                .find(|rank| ssml.contains(&format!("rest{rank}<")))
        };
        let first_rank = |id: &str| -> Option<usize> {
            let ssml = by_id(id)?.parameters.get("SSML")?.as_str()?.to_string();
            (1..=store).find(|rank| ssml.contains(&format!("rest{rank}")))
        };
        let mut menus = 0;
        for action in &flow.actions {
            let Ok(ActionKind::GetParticipantInput(input)) = ActionKind::of(action) else {
                continue;
            };
            // The number blocks store digits, and the menu after another number's results
            // keeps nothing: only the results menus are this test's.
            if !input.is_menu() || action.identifier.starts_with("another-menu") {
                continue;
            }
            menus += 1;
            let prompt = input.ssml.unwrap_or_default();
            let conditions = &action.transitions.conditions;
            let key_target = |key: &str| {
                conditions
                    .iter()
                    .find(|c| c.condition.operands == [key.to_string()])
                    .map(|c| c.next_action.clone())
            };
            let repeat = key_target(KEY_REPEAT).expect("every menu repeats");
            let heard = last_rank(&repeat).expect("repeat speaks results");
            let digits: Vec<String> = conditions
                .iter()
                .map(|c| c.condition.operands.join(""))
                .filter(|k| k.chars().all(|c| c.is_ascii_digit()) && k != KEY_MORE)
                .collect();
            let expected: Vec<String> = (1..=heard).map(|k| k.to_string()).collect();
            assert_eq!(
                digits, expected,
                "{}: speak {speak} store {store}",
                action.identifier
            );
            match key_target(KEY_MORE) {
                // Nothing more to hear: # is another number, and the menu says so.
                // After "more" (more heard than spoken first) the menu first says nothing more is
                // left, since # meant "more" a moment ago.
                Some(next) if next == ids::ANOTHER_NUMBER => assert!(
                    !prompt.contains("more")
                        && prompt.contains("To find words in another number, press pound.")
                        && prompt.contains("That&apos;s all of them.") == (heard > speak),
                    "{}: {prompt}",
                    action.identifier
                ),
                Some(more) => {
                    let count = last_rank(&more).unwrap_or(0) + 1 - first_rank(&more).unwrap_or(1);
                    assert_eq!(first_rank(&more), Some(heard + 1), "{}", action.identifier);
                    assert!(
                        prompt.contains(&format!("To hear {count} more, press pound.")),
                        "{}: {prompt}",
                        action.identifier
                    );
                }
                None => panic!("{}: # does nothing: {prompt}", action.identifier),
            }
        }
        assert!(
            menus >= 2 * store,
            "speak {speak} store {store}: {menus} menus"
        );
    }
}
