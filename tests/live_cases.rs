//! The committed live test cases (terraform/test-cases/*.json) are valid Testing language and
//! agree with the simulator running the committed flow; a case the simulator contradicts fails.

use std::path::Path;

use connect_vanity::live_test::{agree, language, LambdaUse, SCENARIOS};
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn committed(file: &str) -> Value {
    let path = root().join("terraform").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo run -- render`", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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

#[test]
fn every_committed_case_is_valid_and_agrees_with_the_simulator() {
    let (config, flow, runtime) = setup();
    for scenario in SCENARIOS {
        let document = committed(scenario.file);
        assert_eq!(
            language::check(&document),
            Vec::<String>::new(),
            "{}",
            scenario.name
        );
        assert_eq!(
            agree::check(&flow, &config, &document, &runtime),
            Vec::<String>::new(),
            "{}",
            scenario.name
        );
        let presses: String = connect_vanity::live_test::cases::expectations(&document)
            .iter()
            .filter_map(|e| e.press)
            .collect();
        assert_eq!(presses, scenario.presses, "{}: presses", scenario.name);
        let mocked = connect_vanity::live_test::cases::mock_answer(&document).is_some();
        assert_eq!(
            mocked,
            scenario.lambda != LambdaUse::Real,
            "{}: override",
            scenario.name
        );
    }
}

/// Each edit makes the case say something the flow does not do; the simulator must notice.
#[test]
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
        let mut document = committed(&format!("test-cases/{file}.json"));
        edit(&mut document);
        let problems = agree::check(&flow, &config, &document, &runtime);
        assert!(
            problems.iter().any(|p| p.contains(fragment)),
            "{file}, {what}: expected {fragment:?} in {problems:?}"
        );
    }
}
