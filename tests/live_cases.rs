//! The committed live test cases (terraform/test-cases/*.json) are valid Testing language and
//! agree with the simulator's model of a test case running the committed flow: each Lambda
//! override used once, in order, and the real handler after the last. A case the simulator
//! contradicts fails, including the one-override shape the cases had before, which the
//! service's documented semantics turn into a choice that cannot be kept.

use std::path::Path;

use connect_vanity::config::Config;
use connect_vanity::live_test::document::Document;
use connect_vanity::live_test::{
    agree, cases, expected, language, scenarios, LambdaUse, PROFILE_GREETING, SCENARIOS,
};
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn committed_json(file: &str) -> Value {
    let path = root().join("terraform").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo run -- render`", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn typed(document: &Value) -> Document {
    language::read(&document.to_string()).unwrap_or_else(|problems| panic!("{problems:?}"))
}

fn setup() -> (
    connect_vanity::config::Config,
    String,
    tokio::runtime::Runtime,
) {
    let config = connect_vanity::config::load_file(&root().join("vanity.yaml")).expect("config");
    let flow = std::fs::read_to_string(root().join("terraform/contact-flow.json")).expect("flow");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    (config, flow, runtime)
}

/// The Lambda calls each scenario makes: the look-up, and the choice when the caller keeps one
/// or the look-up of the number they key in.
fn lambda_calls(scenario: &str) -> usize {
    match scenario {
        "real-lambda" => 0,
        "choose-1"
        | "more-then-choose-4"
        | "again-then-choose-2"
        | "another-number"
        | "profile-greeting" => 2,
        // Silent when asked for another number, twice: the admin guide's reading of silence
        // sends "Timeout" to the call-handler each time (the reference's, an error branch,
        // sends nothing and leaves those two overrides unused; the caller hears the same).
        "no-caller-id" => 3,
        _ => 1,
    }
}

#[test]
fn every_committed_case_is_valid_and_agrees_with_the_simulator() {
    let (config, flow, runtime) = setup();
    for scenario in scenarios(&config) {
        let document = typed(&committed_json(scenario.file));
        assert_eq!(
            agree::check(&flow, &config, &document, &runtime),
            Vec::<String>::new(),
            "{}",
            scenario.name
        );
        let presses: String = expected::in_document(&document)
            .iter()
            .filter_map(|e| e.press.clone())
            .collect();
        assert_eq!(presses, scenario.presses, "{}: presses", scenario.name);
        assert_eq!(
            document.metadata.lambda, scenario.lambda,
            "{}",
            scenario.name
        );
        // A failing invocation is tried 1 + 3 times ("Amazon Connect retries up to three
        // times", invoke-lambda-function-block.html), each attempt with its own override.
        let attempts = if scenario.lambda == LambdaUse::Fails {
            4
        } else {
            1
        };
        assert_eq!(
            document.lambda_overrides().len(),
            lambda_calls(scenario.name) * attempts,
            "{}: one override per Lambda attempt",
            scenario.name
        );
        assert_eq!(
            scenario.lambda == LambdaUse::Real,
            lambda_calls(scenario.name) == 0
        );
    }
}

/// The shape the cases had before: one override whose answer holds every key the look-up and
/// the choice return, which the simulator used to give every invocation. The service uses an
/// override once, so the choice reaches the real function, which has no record of the test
/// contact: the caller hears the apology, not the choice.
#[test]
fn the_one_override_shape_of_before_fails_under_the_documented_semantics() {
    let (config, flow, runtime) = setup();
    for file in ["choose-1", "more-then-choose-4", "again-then-choose-2"] {
        let mut document = committed_json(&format!("test-cases/{file}.json"));
        let actions = document["Observations"][0]["Actions"]
            .as_array_mut()
            .expect("actions");
        let mut union = serde_json::Map::new();
        for action in actions.iter() {
            let data = action["Parameters"]["Behavior"]["Properties"]["Strategy"]["Response"]
                ["ExecutionResult"]["LoadedData"]
                .as_str()
                .expect("a mocked answer");
            let answer: serde_json::Map<String, Value> = serde_json::from_str(data).expect("JSON");
            union.extend(answer);
        }
        actions.truncate(1);
        let first = &mut actions[0];
        first["Transitions"]["NextAction"] = json!("");
        first["Parameters"]["Behavior"]["Properties"]["Strategy"]["Response"]["ExecutionResult"]
            ["LoadedData"] = json!(Value::Object(union).to_string());
        let problems = agree::check(&flow, &config, &typed(&document), &runtime);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("You chose") && p.contains("does not say at that point")),
            "{file}: {problems:?}"
        );
    }
}

/// Each edit makes the case say something the flow does not do; the simulator must notice.
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "a table of edits, one entry per contradiction"
)]
fn a_case_the_simulator_contradicts_fails() {
    let (config, flow, runtime) = setup();
    type Edit = (&'static str, &'static str, fn(&mut Value), &'static str);
    let edits: Vec<Edit> = vec![
        (
            "choose-1",
            "a prompt the flow never says",
            |d| d["Observations"][5]["Event"]["Properties"]["Text"] = json!("You chose nothing."),
            "does not say at that point",
        ),
        (
            "choose-1",
            "a different key pressed",
            // A key the menu does not offer: with the choose answer mocked, another result's
            // key would be heard the same way (the mock names the number kept).
            |d| {
                d["Observations"][4]["Actions"][0]["Parameters"]["Instruction"]["Properties"]
                    ["Value"] = json!("9")
            },
            "does not say at that point",
        ),
        (
            "silence",
            "a mock the flow reads as no results",
            |d| {
                let strategy = &mut d["Observations"][0]["Actions"][0]["Parameters"]["Behavior"]
                    ["Properties"]["Strategy"];
                strategy["Response"]["ExecutionResult"]["LoadedData"] = json!("{\"status\":\"NO_MATCHES\",\"count\":\"0\",\"returning\":\"false\",\"remembered\":\"NONE\"}");
            },
            "does not say at that point",
        ),
        (
            "lambda-failure",
            "a missing prompt",
            |d| {
                d["Observations"].as_array_mut().expect("array").remove(1);
                d["Observations"][0]["Transitions"]["NextObservations"] = json!(["02-apologise"]);
            },
            "expects 1 prompts, the simulator says 2",
        ),
        (
            "lambda-failure",
            "an error override no attempt consumes",
            |d| push_override(d, 0),
            "1 Lambda override(s) are left over",
        ),
        (
            "lambda-failure",
            "too few error overrides: Connect's last retry reaches the real function",
            |d| {
                let actions = d["Observations"][0]["Actions"]
                    .as_array_mut()
                    .expect("array");
                actions.pop();
                let last = actions.len() - 1;
                actions[last]["Transitions"]["NextAction"] = json!("");
            },
            "does not say at that point",
        ),
        (
            "choose-1",
            "an answer override no call consumes",
            |d| push_override(d, 0),
            "1 Lambda override(s) are left over",
        ),
        (
            "real-lambda",
            "a prompt only a first-time caller hears",
            |d| {
                d["Observations"][2]["Event"]["Properties"]["Text"] =
                    json!("Welcome back, it's good to hear from you again.")
            },
            "does not say at that point",
        ),
    ];
    for (file, what, edit, fragment) in edits {
        let mut document = committed_json(&format!("test-cases/{file}.json"));
        edit(&mut document);
        let problems = agree::check(&flow, &config, &typed(&document), &runtime);
        assert!(
            problems.iter().any(|p| p.contains(fragment)),
            "{file}, {what}: expected {fragment:?} in {problems:?}"
        );
    }
}

/// `document` with a copy of its `index`th Lambda override queued after the last one.
fn push_override(document: &mut Value, index: usize) {
    let actions = document["Observations"][0]["Actions"]
        .as_array_mut()
        .expect("array");
    let mut extra = actions[index].clone();
    extra["Identifier"] = json!("mock-call-handler-extra");
    extra["Transitions"]["NextAction"] = json!("");
    let last = actions.len() - 1;
    actions[last]["Transitions"]["NextAction"] = json!("mock-call-handler-extra");
    actions.push(extra);
}

/// A prompt with pauses is expected by its words before the first pause, and every prompt by
/// Similarity (speech recognition hears "one" for "1"; no literal match survives that).
#[test]
fn prompts_with_pauses_are_expected_by_their_first_stretch() {
    let document = typed(&committed_json("test-cases/choose-1.json"));
    let all = expected::in_document(&document);
    for want in &all {
        assert_eq!(
            want.matching,
            connect_vanity::live_test::document::Matching::Similarity,
            "{want:?}"
        );
    }
    let results = all
        .iter()
        .find(|e| e.id.contains("say-results"))
        .expect("the results prompt is observed");
    assert!(results.text.starts_with("Number 1: "), "{}", results.text);
    assert!(!results.text.contains("Number 2"), "{}", results.text);
    let chose = all
        .iter()
        .find(|e| e.text.starts_with("You chose "))
        .expect("the confirmation is observed");
    assert!(
        chose.text.ends_with('.'),
        "a silent break after a JSONPath is no pause, so the prompt is not cut there: {}",
        chose.text
    );
}

fn config_file(file: &str) -> Config {
    connect_vanity::config::load_file(&root().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// The files `render` writes under test-cases/ for `config`, by name.
fn rendered_cases(config: &Config, flow: &str) -> Vec<(&'static str, String)> {
    cases::render_all(config, flow).unwrap_or_else(|e| panic!("{e:#}"))
}

/// The profile case only where the caller may hear something from a profile: not in the
/// committed config (profiles off) nor with profiles on and both options off
/// (profiles-existing.yaml), and in profiles-new.yaml (both on). The committed test-cases/
/// holds exactly the committed config's cases.
#[test]
fn the_profile_case_exists_only_when_the_line_speaks_from_a_profile() {
    for (file, speaks) in [
        ("vanity.yaml", false),
        ("tests/configs/profiles-existing.yaml", false),
        ("tests/configs/profiles-new.yaml", true),
    ] {
        let config = config_file(file);
        let flow = connect_vanity::flow::render_json(&config);
        let files: Vec<&str> = rendered_cases(&config, &flow)
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        let mut want: Vec<&str> = SCENARIOS.iter().map(|s| s.file).collect();
        if speaks {
            want.push(PROFILE_GREETING.file);
        }
        assert_eq!(files, want, "{file}");
    }
    let mut committed: Vec<String> = std::fs::read_dir(root().join("terraform/test-cases"))
        .expect("terraform/test-cases")
        .map(|entry| {
            format!(
                "test-cases/{}",
                entry.expect("entry").file_name().to_string_lossy()
            )
        })
        .collect();
    committed.sort();
    let mut want: Vec<String> = SCENARIOS.iter().map(|s| s.file.to_string()).collect();
    want.sort();
    assert_eq!(committed, want);
}

/// profiles-new.yaml's profile case, as `render` writes it, and the flow it is for.
fn profile_case(config: &Config) -> (String, Document) {
    let flow = connect_vanity::flow::render_json(config);
    let (_, json) = rendered_cases(config, &flow)
        .into_iter()
        .find(|(name, _)| *name == PROFILE_GREETING.file)
        .expect("the profile case is rendered");
    let document = language::read(&json).unwrap_or_else(|problems| panic!("{problems:?}"));
    (flow, document)
}

/// The profile case mocks the lookup's answer with a profile's keys, one override per Lambda
/// call (the lookup, the choice), expects the greeting by first name and the reason before the
/// intro and then a normal call, and agrees with the simulator on the flow rendered from the
/// same config.
#[test]
fn the_profile_case_greets_and_says_why_before_the_intro() {
    let config = config_file("tests/configs/profiles-new.yaml");
    let (flow, document) = profile_case(&config);
    assert_eq!(
        agree::check(&flow, &config, &document, &runtime()),
        Vec::<String>::new()
    );
    assert_eq!(document.metadata.lambda, LambdaUse::Mocked);
    let answers: Vec<_> = document
        .lambda_overrides()
        .into_iter()
        .map(|response| response.answer().expect("an answer").expect("not an error"))
        .collect();
    assert_eq!(answers.len(), lambda_calls(PROFILE_GREETING.name));
    let lookup = &answers[0];
    for (key, value) in [
        ("greet", "true"),
        ("greeting_name", "Robin"),
        ("say_why", "true"),
        ("why", "flowers"),
        ("status", "OK"),
    ] {
        assert_eq!(lookup.get(key).map(String::as_str), Some(value), "{key}");
    }
    assert_eq!(answers[1].get("chosen").map(String::as_str), Some("true"));
    let heard: Vec<String> = expected::in_document(&document)
        .into_iter()
        .map(|e| e.text)
        .collect();
    let at = |text: &str| {
        heard
            .iter()
            .position(|h| h.starts_with(text))
            .unwrap_or_else(|| panic!("{text:?} is not expected in {heard:?}"))
    };
    let greeting = at("Hello, Robin.");
    let why = at("The first one holds flowers, a word from your details with us.");
    let intro = at("Here are the best vanity numbers");
    assert!(at("Thanks for calling the vanity number line.") < greeting);
    assert!(greeting < why && why < intro, "{heard:?}");
    assert!(at("You chose ") > intro, "{heard:?}");
    assert_eq!(
        heard.last().map(String::as_str),
        Some("Thanks for calling. Goodbye.")
    );
}

/// The case proves what the flow does with the profile keys: replayed against the flow of a
/// config that turns the greeting or the reason off (so the flow has no such step and ignores
/// the keys), it fails on the prompt that step would have said.
#[test]
fn the_profile_case_fails_on_a_flow_that_does_not_speak_from_the_profile() {
    let config = config_file("tests/configs/profiles-new.yaml");
    let (_, document) = profile_case(&config);
    let runtime = runtime();
    for (greet, why, missing) in [
        (false, true, "Hello, Robin."),
        (true, false, "The first one holds flowers"),
    ] {
        let mut other = config.clone();
        other.caller_profiles.greet_by_first_name = greet;
        other.caller_profiles.say_why = why;
        let flow = connect_vanity::flow::render_json(&other);
        let problems = agree::check(&flow, &other, &document, &runtime);
        assert!(
            problems
                .iter()
                .any(|p| p.contains(missing) && p.contains("does not say at that point")),
            "greet {greet}, why {why}: {problems:?}"
        );
    }
}
