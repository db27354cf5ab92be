//! The call simulator's contract: it runs every action it meets or stops with an error naming
//! it, it reads only values that exist, and what it reports the caller hearing is real: each
//! spoken vanity number dials the caller's own number.

mod flow_support;

use call_handler::store::MemoryStore;
use connect_vanity::flow::render_json;
use connect_vanity::simulate::lambda::Backend;
use connect_vanity::simulate::{simulate, simulate_json, Scenario};
use serde_json::json;

use flow_support::config;
use test_support::flow::action_mut;
use test_support::heard::{dial, spoken_numbers};

fn runtime() -> tokio::runtime::Runtime {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => panic!("no runtime: {error}"),
    }
}

fn caller(number: &str, presses: &str) -> Scenario {
    Scenario {
        number: Some(number.into()),
        presses: presses.into(),
        lambda_fails: false,
        connect_fails_at: None,
        lambda_breaks_contract: None,
        profile: None,
        lambda_breaks_answer: 0,
        profile_search_fails: Default::default(),
    }
}

fn run_json(json: &str, scenario: &Scenario) -> Result<String, String> {
    let backend = Backend::Memory(MemoryStore::default());
    simulate_json(json, &config(), scenario, &backend, &runtime())
        .map(|t| t.to_string())
        .map_err(|e| e.to_string())
}

/// Breaks one thing in a rendered flow.
type Breaker = fn(&mut serde_json::Value);

#[test]
fn unknown_action_types_and_parameters_stop_the_call_by_name() {
    let cases: Vec<(&str, Breaker, &str)> = vec![
        (
            "unknown type on the path",
            |flow| {
                let greet = action_mut(flow, "greet");
                greet["Type"] = json!("TransferContactToQueue");
            },
            "\"greet\" has type \"TransferContactToQueue\"",
        ),
        (
            "unknown parameter",
            |flow| action_mut(flow, "set-voice")["Parameters"]["LanguageCode"] = json!("en-US"),
            "unknown field `LanguageCode`",
        ),
        (
            "recorded prompt",
            |flow| {
                let greet = action_mut(flow, "greet");
                greet["Parameters"] = json!({"PromptId": "arn:aws:connect:::prompt/1"});
            },
            "PromptId",
        ),
        (
            "asynchronous Lambda",
            |flow| {
                action_mut(flow, "look-up-vanity-numbers")["Parameters"]["InvocationType"] =
                    json!("ASYNCHRONOUS")
            },
            "InvocationType \"ASYNCHRONOUS\"",
        ),
        (
            "a key the Lambda never returns",
            |flow| {
                action_mut(flow, "say-intro-and-shared-start")["Parameters"]["SSML"] =
                    json!("<speak>$.External.vanity9</speak>")
            },
            "reads $.External.vanity9, which the Lambda did not return",
        ),
        (
            "a path the simulator does not know",
            |flow| {
                action_mut(flow, "greet")["Parameters"]["SSML"] =
                    json!("<speak>$.Queue.Name</speak>")
            },
            "$.Queue.Name",
        ),
    ];
    for (name, breaker, expected) in cases {
        let mut flow = test_support::flow::parse(&render_json(&config()));
        breaker(&mut flow);
        let outcome = run_json(&flow.to_string(), &caller("+18003569377", ""));
        match outcome {
            Err(error) => assert!(
                error.contains(expected),
                "{name}: {error:?} should contain {expected:?}"
            ),
            Ok(transcript) => panic!("{name}: the call ran instead of stopping:\n{transcript}"),
        }
    }
}

#[test]
fn a_flow_that_loops_forever_is_cut_off() {
    let mut flow = test_support::flow::parse(&render_json(&config()));
    action_mut(&mut flow, "say-goodbye")["Transitions"]["NextAction"] = json!("greet");
    let error = run_json(&flow.to_string(), &caller("+18003569377", ""))
        .err()
        .unwrap_or_default();
    assert!(error.contains("did not end after"), "{error}");
}

#[test]
fn a_prompt_that_is_not_valid_ssml_takes_its_error_branch() {
    let mut flow = test_support::flow::parse(&render_json(&config()));
    action_mut(&mut flow, "greet")["Parameters"]["SSML"] = json!("<speak>unclosed");
    let transcript =
        run_json(&flow.to_string(), &caller("+18003569377", "")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        transcript.contains("[greet] the SSML does not parse"),
        "{transcript}"
    );
    assert!(
        transcript.contains("NoMatchingError -> apologise"),
        "{transcript}"
    );
}

#[test]
fn every_spoken_vanity_number_dials_the_callers_number() {
    let backend = Backend::Memory(MemoryStore::default());
    for (number, presses) in [
        ("+18003569377", "#"),
        ("+13125557464", "#"),
        ("+12065558779", ""),
    ] {
        let transcript = simulate(&config(), &caller(number, presses), &backend, &runtime())
            .unwrap_or_else(|error| panic!("{number}: {error}"));
        let text = transcript.to_string();
        let spoken = spoken_numbers(&text, flow_support::config().wording.shared_start.text());
        let expected_count = if number == "+12065558779" { 3 } else { 5 };
        assert_eq!(spoken.len(), expected_count, "{number}: {spoken:?}\n{text}");
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        for result in spoken {
            let dialled = dial(&result);
            // A last word may run past the number (extra keys are ignored once it connects).
            assert!(
                dialled.starts_with(&digits),
                "{number}: {result:?} dials {dialled}"
            );
        }
    }
}

#[test]
fn the_simulator_runs_the_bytes_render_writes() {
    // simulate() is simulate_json(render_json(config)): same transcript either way.
    let scenario = caller("+18003569377", "2");
    let backend = Backend::Memory(MemoryStore::default());
    let via_config = simulate(&config(), &scenario, &backend, &runtime()).map(|t| t.to_string());
    let backend = Backend::Memory(MemoryStore::default());
    let via_json = simulate_json(
        &render_json(&config()),
        &config(),
        &scenario,
        &backend,
        &runtime(),
    )
    .map(|t| t.to_string());
    assert_eq!(via_config.ok(), via_json.ok());
}

#[test]
fn ssml_the_voice_engine_rejects_takes_the_error_branch() {
    // Prosody around part of a sentence: fine for neural, rejected by generative voices.
    let fragment = "<speak>Hello <prosody rate=\"90%\">there</prosody>.</speak>";
    for (engine, fails) in [("Neural", false), ("Generative", true)] {
        let mut flow = test_support::flow::parse(&render_json(&config()));
        action_mut(&mut flow, "set-voice")["Parameters"]["TextToSpeechEngine"] = json!(engine);
        action_mut(&mut flow, "greet")["Parameters"]["SSML"] = json!(fragment);
        let transcript = run_json(&flow.to_string(), &caller("+18003569377", ""))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            transcript.contains("[greet] Polly would not speak this SSML"),
            fails,
            "{engine}:\n{transcript}"
        );
    }
}
