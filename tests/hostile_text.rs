//! Hostile text (quotes, backslashes, newlines, `${`, `%{`, SSML/XML specials, emoji) in every
//! free-text field of tests/configs/hostile.yaml: the config renders and lints, and the caller
//! hears each sentence exactly as written (whitespace aside) on the path that speaks it.
//! The Terraform side (HCL parses, validate passes, tags arrive unchanged in a plan) is checked
//! with real Terraform by scripts/terraform-checks.sh.

use std::path::Path;
use std::process::Command;

const CONFIG: &str = "tests/configs/hostile.yaml";

/// What the caller hears on a simulated call, one line per prompt.
fn heard(args: &[&str]) -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_connect-vanity"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["call", "--config", CONFIG])
        .args(args)
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_ENDPOINT_URL_DYNAMODB")
        .output()
        .expect("run connect-vanity call");
    assert!(
        output.status.success(),
        "call {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            line.split_once("caller hears: ")
                .map(|(_, said)| said.to_string())
        })
        .collect()
}

/// Speech has no line breaks: compare with runs of whitespace folded to one space.
fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn hostile_config_renders_and_lints() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CONFIG);
    let config = connect_vanity::config::load_file(&path).expect("hostile config loads");
    let files = connect_vanity::render::render_files(&config).expect("hostile config renders");
    let flow = &files
        .iter()
        .find(|(name, _)| *name == connect_vanity::flow::FILE_NAME)
        .unwrap()
        .1;
    // Template markers reach the flow file literally: Terraform never templates it.
    assert!(flow.contains("${var.x}") && flow.contains("%{ for x in y }"));
}

#[test]
fn every_sentence_is_heard_as_written() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CONFIG);
    let wording = connect_vanity::config::load_file(&path).unwrap().wording;
    let cases: [(&str, &String, &[&str]); 10] = [
        ("greeting", &wording.greeting, &["+18003569377"]),
        ("intro", &wording.intro, &["+18003569377"]),
        ("menu", &wording.menu, &["+18003569377"]),
        (
            "invalid_key",
            &wording.invalid_key,
            &["+18003569377", "--press", "9"],
        ),
        (
            "goodbye",
            &wording.goodbye,
            &["+18003569377", "--press", "2"],
        ),
        (
            "welcome_back",
            &wording.welcome_back,
            &["+18003569377", "--returning"],
        ),
        (
            "no_caller_id",
            &wording.no_caller_id,
            &["+18003569377", "--no-caller-id"],
        ),
        ("error", &wording.error, &["+18003569377", "--lambda-fails"]),
        ("invalid_number", &wording.invalid_number, &["+1800"]),
        ("no_matches", &wording.no_matches, &["+18001110000"]),
    ];
    for (field, text, args) in cases {
        let heard = heard(args);
        assert!(
            heard.iter().any(|said| *said == folded(text)),
            "wording.{field} {text:?} was not heard as written; heard: {heard:#?}"
        );
    }
}
