//! `connect-vanity call` end to end, as a user runs it on the committed config: the caller
//! hears three vanity numbers that each dial the caller's number, `--wav` writes audio, and a
//! missing config is reported as bad input.

use std::process::Command;

const NUMBER: &str = "+18003569377";

fn call(args: &[&str]) -> std::process::Output {
    let output = Command::new(env!("CARGO_BIN_EXE_connect-vanity"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("call")
        .args(args)
        // The in-memory store, whatever the developer's shell points at.
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_ENDPOINT_URL_DYNAMODB")
        .output();
    match output {
        Ok(output) => output,
        Err(error) => panic!("could not run connect-vanity: {error}"),
    }
}

#[test]
fn the_caller_hears_three_numbers_that_dial_their_own() {
    let output = call(&[NUMBER]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let best = test_support::spoken::results(&stdout);
    assert_eq!(best.len(), 3, "{stdout}");
    let digits: String = NUMBER.chars().filter(char::is_ascii_digit).collect();
    for result in best {
        let dialled = test_support::spoken::dial(result);
        assert!(
            dialled.starts_with(&digits),
            "{result:?} dials {dialled}, not {digits}"
        );
    }
    assert!(stdout.contains("caller store: in-memory store"), "{stdout}");
}

#[test]
fn wav_output_is_written_and_reported() {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => panic!("{error}"),
    };
    let path = dir.path().join("call.wav");
    let output = call(&[NUMBER, "--press", "1", "--wav", &path.to_string_lossy()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    // 22,050 Hz 16-bit mono: a second of audio is 44,100 bytes.
    assert!(size > 44_100, "WAV is only {size} bytes");
}

#[test]
fn a_missing_config_is_bad_input() {
    let output = call(&[NUMBER, "--config", "does-not-exist.yaml"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
