//! Broken configs: each gives a located error (`FILE:LINE:COL: field: what (got VALUE)`),
//! exit code 2, and leaves an existing output directory byte-identical.

use std::process::Command;

use test_support::files::snapshot;

const DEFAULT: &str = include_str!("../vanity.yaml");

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_connect-vanity"))
}

/// Replaces the first `from` in the default config with `to`, failing when it is absent.
fn edited(from: &str, to: &str) -> String {
    assert!(
        DEFAULT.contains(from),
        "default config no longer contains {from:?}"
    );
    DEFAULT.replacen(from, to, 1)
}

#[allow(
    clippy::too_many_lines,
    reason = "a table of broken configs and their located errors"
)]
#[test]
fn broken_configs_are_located_exit_2_and_write_nothing() {
    let cases: Vec<(&str, String, Vec<&str>)> =
        vec![
        (
            "bad yaml",
            edited("region: us-east-1", "region: [us-east-1"),
            vec!["vanity.yaml:"],
        ),
        (
            "wrong type",
            edited("memory_mb: 256", "memory_mb: lots"),
            vec!["vanity.yaml:", "lambda.memory_mb", "invalid type"],
        ),
        (
            "unknown field",
            edited("  speak: 3", "  speak: 3\n  shout: 4"),
            vec!["vanity.yaml:", "unknown field `shout`"],
        ),
        (
            "out of range timeout",
            edited("timeout_seconds: 6", "timeout_seconds: 30"),
            vec!["vanity.yaml:248:20: lambda.timeout_seconds: must be between 1 and 8 (got 30)"],
        ),
        (
            "no time to key another number",
            edited("number_timeout_seconds: 15", "number_timeout_seconds: 0"),
            vec!["vanity.yaml:189:27: menu.number_timeout_seconds: must be between 1 and 179 (got 0)"],
        ),
        (
            "another number's wait past Connect's limit",
            edited("number_timeout_seconds: 15", "number_timeout_seconds: 180"),
            vec!["vanity.yaml:189:27: menu.number_timeout_seconds: must be between 1 and 179 (got 180)"],
        ),
        (
            "another number's wait as words",
            edited("number_timeout_seconds: 15", "number_timeout_seconds: fifteen"),
            vec!["vanity.yaml:", "menu.number_timeout_seconds", "invalid type"],
        ),
        (
            "several problems at once",
            edited("region: us-east-1", "region: mars-north-1").replacen("store: 5", "store: 2", 1),
            vec![
                "vanity.yaml:14:9: region: Amazon Connect does not run there",
                "(got \"mars-north-1\")",
                "results.store: must be at least results.speak (3)",
            ],
        ),
        (
            "bad alias",
            edited("# alias: vanity-line-demo", "alias: Not_An_Alias"),
            vec!["connect.instance.alias", "(got \"Not_An_Alias\")"],
        ),
        (
            "flow-log retention CloudWatch does not offer",
            edited("retention_days: 30", "retention_days: 31"),
            vec![
                "connect.flow_logs.retention_days: CloudWatch Logs accepts only 1, 3",
                "(got 31)",
            ],
        ),
        (
            "flow-log switch that is not a boolean",
            edited("enabled: true", "enabled: sometimes"),
            vec!["connect.flow_logs.enabled"],
        ),
        (
            "wording that Connect would read as a path",
            edited(
                "greeting: Thanks for calling the vanity number line.",
                "greeting: Calls cost only $.50 a minute.",
            ),
            vec![
                "vanity.yaml:",
                "wording.greeting: contains $.50, which Amazon Connect would replace with flow data",
            ],
        ),
        (
            "a recall that does not exist",
            edited("recall: none", "recall: everything"),
            vec!["vanity.yaml:", "returning_callers.recall", "unknown variant `everything`"],
        ),
        (
            "empty wording",
            edited("goodbye: Thanks for calling. Goodbye.", "goodbye: \"  \""),
            vec!["wording.goodbye: must not be empty"],
        ),
        (
            "more results than keys",
            edited("store: 5", "store: 10"),
            vec!["results.store: must be between 1 and 9", "(got 10)"],
        ),
        (
            "wording without the key the flow listens for",
            edited(
                "more: To hear {count} more, press {key}.",
                "more: To hear two more, press 1.",
            ),
            vec!["wording.more: must contain {key}", "(got \"To hear two more, press 1.\")"],
        ),
        (
            "another number offered without its key",
            edited(
                "another_number: To find words in another number, press {key}.",
                "another_number: To find words in another number, press 0.",
            ),
            vec![
                "vanity.yaml:136:19: wording.another_number: must contain {key}",
                "(got \"To find words in another number, press 0.\")",
            ],
        ),
        (
            "an empty reason for another number",
            edited("number_not_heard: We didn't get a number.", "number_not_heard: \"\""),
            vec!["wording.number_not_heard: must not be empty"],
        ),
        (
            "misspelt placeholder",
            edited("result: \"Number {rank}: {vanity}.\"", "result: \"Number {rnak}: {vanity}.\""),
            vec!["wording.result: unknown placeholder {rnak}: this wording takes {rank}, {vanity}"],
        ),
        (
            "the old fixed menu text",
            edited("  choose: To keep one", "  menu: Press 1.\n  choose: To keep one"),
            vec!["unknown field `menu`"],
        ),
        (
            "bad retention",
            edited("log_retention_days: 365", "log_retention_days: 10"),
            vec![
                "lambda.log_retention_days: CloudWatch Logs accepts only",
                "(got 10)",
            ],
        ),
        (
            "an existing profile domain without its name",
            edited(
                "  mode: none\n  # The domain's name",
                "  mode: existing\n  # The domain's name",
            ),
            vec!["caller_profiles.domain_name: is required with mode: existing"],
        ),
        (
            "a profile lookup longer than a quarter of the Lambda's time",
            edited("  # lookup_timeout_ms: 800", "  lookup_timeout_ms: 5000"),
            vec![
                "vanity.yaml:242:22: caller_profiles.lookup_timeout_ms: must be between 1 and 1500",
                "(got 5000)",
            ],
        ),
        (
            "a profile deadline a choice cannot fit in a short wait",
            edited("timeout_seconds: 6", "timeout_seconds: 3")
                .replacen(
                    "  mode: none\n  # The domain's name",
                    "  mode: existing\n  domain_name: shop\n  # The domain's name",
                    1,
                )
                .replacen("  # lookup_timeout_ms: 800", "  lookup_timeout_ms: 700", 1),
            vec![
                "vanity.yaml:243:22: caller_profiles.lookup_timeout_ms: must be at most 625",
                "store write (750 ms)",
                "(got 700)",
            ],
        ),
        (
            "a wait too short for any profile deadline",
            edited("timeout_seconds: 6", "timeout_seconds: 1").replacen(
                "  mode: none\n  # The domain's name",
                "  mode: existing\n  domain_name: shop\n  # The domain's name",
                1,
            ),
            vec!["vanity.yaml:249:20: lambda.timeout_seconds: is too short for caller_profiles"],
        ),
        (
            "a profile domain name Customer Profiles refuses",
            edited(
                "  mode: none\n  # The domain's name",
                "  mode: new\n  domain_name: has space\n  # The domain's name",
            ),
            vec!["caller_profiles.domain_name: must be 1 to 64 letters", "(got \"has space\")"],
        ),
        (
            "creating profiles without writing the choice",
            edited(
                "  mode: none\n  # The domain's name",
                "  mode: new\n  # The domain's name",
            )
            .replacen("  write_choice: true", "  write_choice: false", 1)
            .replacen("  create_missing: false", "  create_missing: true", 1),
            vec!["caller_profiles.create_missing: creates a profile only to write the caller's choice"],
        ),
        (
            "a category that does not exist",
            edited("  # allow_categories: [violence]", "  allow_categories: [violence, guns]"),
            vec![
                "vanity.yaml:181:32: results.allow_categories[1]: is not a category: use one of violence, death",
                "(got \"guns\")",
            ],
        ),
        (
            "bad enum",
            edited("engine: neural", "engine: robotic"),
            vec!["voice.engine", "unknown variant `robotic`"],
        ),
    ];

    for (name, text, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("vanity.yaml");
        std::fs::write(&config, DEFAULT).unwrap();
        let out = dir.path().join("terraform");
        let status = cli()
            .current_dir(dir.path())
            .args(["render"])
            .status()
            .unwrap();
        assert!(status.success(), "{name}: the default config must render");
        let before = snapshot(&out);

        std::fs::write(&config, &text).unwrap();
        let output = cli()
            .current_dir(dir.path())
            .args(["render"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{name}: exit code; stderr:\n{stderr}"
        );
        for needle in expected {
            assert!(
                stderr.contains(needle),
                "{name}: stderr lacks {needle:?}:\n{stderr}"
            );
        }
        assert_eq!(snapshot(&out), before, "{name}: output directory changed");

        let check = cli()
            .current_dir(dir.path())
            .args(["check"])
            .output()
            .unwrap();
        assert_eq!(check.status.code(), Some(2), "{name}: `check` exit code");
    }
}

#[test]
fn missing_config_says_how_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let output = cli()
        .current_dir(dir.path())
        .args(["render"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("vanity.yaml: no such file"), "{stderr}");
    assert!(stderr.contains("connect-vanity init"), "{stderr}");
    assert!(!dir.path().join("terraform").exists());
}

#[test]
fn init_writes_the_committed_default_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let status = cli().current_dir(dir.path()).arg("init").status().unwrap();
    assert!(status.success());
    let written = std::fs::read_to_string(dir.path().join("vanity.yaml")).unwrap();
    assert_eq!(written, DEFAULT);

    std::fs::write(dir.path().join("vanity.yaml"), "name: mine\n").unwrap();
    let output = cli().current_dir(dir.path()).arg("init").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("vanity.yaml")).unwrap(),
        "name: mine\n"
    );
}
