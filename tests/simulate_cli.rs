//! `connect-vanity call` end to end, as a user runs it on the committed config: the caller
//! hears three vanity numbers that each dial the caller's number, a caller keys in another
//! number with `--press` (withheld, or after their own), `--wav` writes audio, and a missing
//! config is reported as bad input.

mod flow_support;

use std::process::Command;

use test_support::heard::{dial, spoken_numbers};

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
    let best = spoken_numbers(&stdout, flow_support::config().wording.shared_start.text());
    assert_eq!(best.len(), 3, "{stdout}");
    let digits: String = NUMBER.chars().filter(char::is_ascii_digit).collect();
    for result in best {
        let dialled = dial(&result);
        assert!(
            dialled.starts_with(&digits),
            "{result:?} dials {dialled}, not {digits}"
        );
    }
    assert!(stdout.contains("caller store: in-memory store"), "{stdout}");
}

/// A withheld caller is asked for a number straight away; the digits and `#` of `--press` go
/// into the Store customer input block, and every number heard dials the keyed one.
#[test]
fn a_withheld_caller_keys_in_another_number() {
    let output = call(&[NUMBER, "--no-caller-id", "--press", "8003569377#"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("call from a withheld number"), "{stdout}");
    assert!(stdout.contains("caller keys 8003569377#"), "{stdout}");
    // Another number's steps are named say-another-...; read them as the caller's own.
    let as_own = stdout.replace("[say-another-", "[say-");
    let heard = spoken_numbers(&as_own, flow_support::config().wording.shared_start.text());
    assert_eq!(heard.len(), 5, "{stdout}");
    for result in heard {
        assert!(dial(&result).starts_with("18003569377"), "{result:?}");
    }
}

/// After their own numbers (and the rest, with #), # again asks for another number.
#[test]
fn a_caller_keys_in_another_number_after_their_own() {
    let output = call(&[NUMBER, "--press", "##2065558779#"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    let keyed = stdout
        .split("caller keys 2065558779#")
        .nth(1)
        .unwrap_or_else(|| panic!("no number keyed: {stdout}"));
    assert!(
        keyed.contains("Here are the best vanity numbers for that number."),
        "{stdout}"
    );
    assert!(!keyed.contains("To keep one"), "nothing to keep: {stdout}");
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

/// `--profile FILE` with `caller_profiles` on (tests/configs/profiles-existing.yaml): the
/// caller whose business name holds SWING hears it first; a profile with the config's
/// profiles off, or a broken profile file, is bad input that names the place.
#[test]
fn a_profile_file_reorders_the_results_only_where_profiles_are_on() {
    const SWING: &str = "+12067946428";
    let profile = "tests/profiles/swing-school.yaml";
    let with = call(&[
        SWING,
        "--config",
        "tests/configs/profiles-existing.yaml",
        "--profile",
        profile,
    ]);
    let stdout = String::from_utf8_lossy(&with.stdout);
    assert!(with.status.success(), "{stdout}");
    assert!(stdout.contains("Number 1: swing, 2 8."), "{stdout}");
    let without = call(&[SWING, "--config", "tests/configs/profiles-existing.yaml"]);
    let stdout = String::from_utf8_lossy(&without.stdout);
    assert!(stdout.contains("Number 1: 7, who gave."), "{stdout}");

    let off = call(&[SWING, "--profile", profile]);
    assert_eq!(off.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&off.stderr).contains("caller_profiles.mode is none"));

    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let broken = dir.path().join("p.yaml");
    std::fs::write(&broken, "FirstName: Ana\nNickname: A\n").unwrap_or_else(|e| panic!("{e}"));
    let bad = call(&[
        SWING,
        "--config",
        "tests/configs/profiles-existing.yaml",
        "--profile",
        &broken.to_string_lossy(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("p.yaml:2:"), "{stderr}");
}

/// `--profile-search-fails STEP`: the caller's profile search is throttled at that step and
/// the handler goes on as in the Lambda (the lookup: today's order; the choice: the result
/// pressed is not kept). Without `--profile`, or with the config's profiles off, it is bad
/// input that says what to give.
#[test]
fn a_failing_profile_search_is_simulated_only_for_a_caller_with_a_profile() {
    const SWING: &str = "+12067946428";
    let with_profile = |step: &str, press: &str| {
        call(&[
            SWING,
            "--config",
            "tests/configs/profiles-existing.yaml",
            "--profile",
            "tests/profiles/swing-school.yaml",
            "--profile-search-fails",
            step,
            "--press",
            press,
        ])
    };
    let lookup = with_profile("lookup", "");
    let stdout = String::from_utf8_lossy(&lookup.stdout);
    assert!(lookup.status.success(), "{stdout}");
    assert!(stdout.contains("Number 1: 7, who gave."), "{stdout}");
    assert!(stdout.contains("throttled at the lookup"), "{stdout}");

    let choice = with_profile("choice", "1");
    let stdout = String::from_utf8_lossy(&choice.stdout);
    assert!(choice.status.success(), "{stdout}");
    assert!(stdout.contains("Number 1: swing, 2 8."), "{stdout}");
    assert!(stdout.contains("chosen = false"), "{stdout}");

    let no_profile = call(&[
        SWING,
        "--config",
        "tests/configs/profiles-existing.yaml",
        "--profile-search-fails",
        "both",
    ]);
    assert_eq!(no_profile.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&no_profile.stderr);
    assert!(stderr.contains("needs --profile FILE"), "{stderr}");

    let off = call(&[
        SWING,
        "--profile",
        "tests/profiles/swing-school.yaml",
        "--profile-search-fails",
        "lookup",
    ]);
    assert_eq!(off.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&off.stderr);
    assert!(stderr.contains("caller_profiles.mode is none"), "{stderr}");
    assert!(stderr.contains("--profile-search-fails"), "{stderr}");

    let unknown = with_profile("greeting", "");
    assert_eq!(unknown.status.code(), Some(2));
}
