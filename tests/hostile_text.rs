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
    let number = "+18003569377";
    let cases: [(&str, &str, &[&str]); 20] = [
        ("greeting", &wording.greeting, &[number]),
        ("intro", &wording.intro, &[number]),
        ("result", wording.result.text(), &[number]),
        ("choose", &wording.choose, &[number]),
        ("more", wording.more.text(), &[number]),
        ("repeat", wording.repeat.text(), &[number]),
        ("star_key", &wording.star_key, &[number]),
        ("pound_key", &wording.pound_key, &[number]),
        (
            "chosen_reminder",
            &wording.chosen_reminder,
            &[number, "--press", "1"],
        ),
        (
            "invalid_key",
            &wording.invalid_key,
            &[number, "--press", "9"],
        ),
        ("chosen", wording.chosen.text(), &[number, "--press", "1"]),
        (
            "choice_not_kept",
            &wording.choice_not_kept,
            &[number, "--press", "1", "--dynamodb-down"],
        ),
        ("goodbye", &wording.goodbye, &[number, "--press", "2"]),
        (
            "welcome_back",
            &wording.welcome_back,
            &[number, "--returning"],
        ),
        (
            "last_best",
            wording.last_best.text(),
            &[number, "--returning"],
        ),
        (
            "last_choice",
            wording.last_choice.text(),
            &[number, "--returning-chose", "2"],
        ),
        (
            "no_caller_id",
            &wording.no_caller_id,
            &[number, "--no-caller-id"],
        ),
        ("error", &wording.error, &[number, "--lambda-fails"]),
        ("invalid_number", &wording.invalid_number, &["+1800"]),
        ("no_matches", &wording.no_matches, &["+18001110000"]),
    ];
    assert_heard_as_written(&cases);
}

/// The wording of another number, each on the path that speaks it: a withheld caller is asked
/// straight away, and the keys after it decide the reason or the results.
#[test]
fn every_another_number_sentence_is_heard_as_written() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CONFIG);
    let wording = connect_vanity::config::load_file(&path).unwrap().wording;
    let number = "+18003569377";
    let cases: [(&str, &str, &[&str]); 10] = [
        ("all_heard", &wording.all_heard, &[number, "--press", "#"]),
        (
            "number_too_long",
            &wording.number_too_long,
            &[number, "--no-caller-id", "--press", "4420794609581234#"],
        ),
        (
            "another_number",
            wording.another_number.text(),
            &[number, "--press", "##"],
        ),
        (
            "ask_number",
            wording.ask_number.text(),
            &[number, "--no-caller-id"],
        ),
        (
            "number_not_heard",
            &wording.number_not_heard,
            &[number, "--no-caller-id"],
        ),
        (
            "number_too_short",
            &wording.number_too_short,
            &[number, "--no-caller-id", "--press", "555#"],
        ),
        (
            "number_not_readable",
            &wording.number_not_readable,
            &[number, "--no-caller-id", "--press", "12*4567890#"],
        ),
        (
            "number_no_matches",
            &wording.number_no_matches,
            &[number, "--no-caller-id", "--press", "8001110000#"],
        ),
        ("try_again", &wording.try_again, &[number, "--no-caller-id"]),
        (
            "another_intro",
            &wording.another_intro,
            &[number, "--no-caller-id", "--press", "8003569377#"],
        ),
    ];
    assert_heard_as_written(&cases);
}

/// another_error is said when Connect fails the another-number lookup, which `call` cannot
/// ask for: the simulator's library runs that call.
#[test]
fn another_error_is_heard_as_written() {
    use connect_vanity::simulate::transcript::What;
    use connect_vanity::simulate::{lambda::Backend, simulate_json, Scenario};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CONFIG);
    let config = connect_vanity::config::load_file(&path).unwrap();
    let flow = connect_vanity::flow::render_json(&config);
    let scenario = Scenario {
        number: None,
        presses: "8003569377#".into(),
        connect_fails_at: Some("look-up-another-number-1".into()),
        ..Scenario::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let backend = Backend::Memory(Default::default());
    let transcript = simulate_json(&flow, &config, &scenario, &backend, &runtime).unwrap();
    let heard: Vec<String> = transcript
        .events
        .iter()
        .filter_map(|event| match &event.what {
            What::Hears { text, .. } => Some(folded(text)),
            _ => None,
        })
        .collect();
    let expected = folded(&config.wording.another_error);
    assert!(
        heard.contains(&expected) && !heard.contains(&folded(&config.wording.error)),
        "wording.another_error {expected:?} not heard as written: {heard:#?}"
    );
}

/// Each (field, text, call arguments): the call's caller hears the text as written, in one
/// prompt, around the placeholders the flow fills.
fn assert_heard_as_written(cases: &[(&str, &str, &[&str])]) {
    for (field, text, args) in cases {
        let heard = heard(args);
        let pieces = literal_pieces(text);
        assert!(
            heard
                .iter()
                .any(|said| pieces.iter().all(|piece| said.contains(piece.as_str()))),
            "wording.{field} {text:?} was not heard as written; heard: {heard:#?}"
        );
    }
}

/// `text` folded, split around its `{placeholder}`s (non-empty pieces only).
fn literal_pieces(text: &str) -> Vec<String> {
    let folded = folded(text);
    let mut pieces = Vec::new();
    let mut rest = folded.as_str();
    loop {
        let next = rest.find('{').and_then(|open| {
            let name_end = rest[open + 1..]
                .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
                .map(|n| open + 1 + n)?;
            (name_end > open + 1 && rest[name_end..].starts_with('}'))
                .then_some((open, name_end + 1))
        });
        match next {
            Some((open, close)) => {
                pieces.push(rest[..open].trim().to_string());
                rest = &rest[close..];
            }
            None if rest.contains('{') => {
                // A brace that is not a placeholder: keep it and look further.
                let at = rest.find('{').map_or(rest.len(), |i| i + 1);
                let (head, tail) = rest.split_at(at);
                let tail_pieces = literal_pieces(tail);
                pieces.push(head.trim().to_string());
                pieces.extend(tail_pieces);
                break;
            }
            None => {
                pieces.push(rest.trim().to_string());
                break;
            }
        }
    }
    pieces.retain(|piece| !piece.is_empty());
    pieces
}
