//! The sections of vanity.yaml for operating the line, `alerts` and `terraform.backend`, and the
//! hardening fields (`lambda.reserved_concurrency`, `dynamodb.recovery_days` and
//! `deletion_protection`): the commented defaults render no subscription and no backend, a
//! protected table and no reservation; `render`, `render --check` and `check` warn on stderr
//! (exit 0) while no alarm reaches anybody; an owner's topic is notified by every alarm; bad
//! values give located errors, exit 2 and write nothing; hostile text that is a valid address
//! reaches Terraform escaped; a backend renders the S3 block and the Terraform version its lock
//! needs. (Real Terraform validates
//! the rendered backend with `init -backend=false` in scripts/terraform-checks.sh, and the
//! subscription's address arrives unchanged in a plan, checked by scripts/check_monitoring.py.)

use std::path::Path;
use std::process::Command;

use connect_vanity::config;
use connect_vanity::render::render_files;

const DEFAULT: &str = include_str!("../vanity.yaml");

fn rendered(text: &str, file: &str) -> String {
    let config = config::load_str(text, "vanity.yaml")
        .unwrap_or_else(|error| panic!("config should load:\n{error}"));
    let files = render_files(&config).unwrap_or_else(|error| panic!("render: {error:#}"));
    files
        .into_iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| text)
        .unwrap_or_else(|| panic!("{file} not rendered"))
}

fn with_sections(sections: &str) -> String {
    format!("{DEFAULT}\n{sections}")
}

#[test]
fn defaults_keep_state_local_and_subscribe_nobody() {
    let versions = rendered(DEFAULT, "versions.tf");
    assert!(!versions.contains("backend"), "{versions}");
    assert!(
        versions.contains("required_version = \">= 1.7.0\""),
        "{versions}"
    );
    let monitoring = rendered(DEFAULT, "monitoring.tf");
    assert!(
        !monitoring.contains("aws_sns_topic_subscription"),
        "{monitoring}"
    );
    assert!(monitoring.contains("resource \"aws_cloudwatch_metric_alarm\""));
}

#[test]
fn a_backend_renders_the_s3_block() {
    let text = with_sections(
        "terraform:\n  backend:\n    bucket: team-state\n    dynamodb_table: locks\n",
    );
    let versions = rendered(&text, "versions.tf");
    let expected = r#"  backend "s3" {
    bucket         = "team-state"
    key            = "connect-vanity/vanity-line.tfstate"
    region         = "us-east-1"
    encrypt        = true
    use_lockfile   = true
    dynamodb_table = "locks"
  }"#;
    assert!(versions.contains(expected), "{versions}");
    assert!(
        versions.contains("required_version = \">= 1.11.0\""),
        "{versions}"
    );

    let older = with_sections(
        "terraform:\n  backend:\n    bucket: team-state\n    use_lockfile: false\n    dynamodb_table: locks\n",
    );
    let versions = rendered(&older, "versions.tf");
    assert!(!versions.contains("use_lockfile"), "{versions}");
    assert!(
        versions.contains("required_version = \">= 1.7.0\""),
        "{versions}"
    );
}

#[test]
fn hostile_but_valid_address_reaches_terraform_escaped() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/configs/hostile.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{error}"));
    let config = config::load_str(&text, "hostile.yaml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        config.alerts.email.as_deref(),
        Some("o'ps+${var.region}%{x}$@example.com")
    );
    let monitoring = rendered(&text, "monitoring.tf");
    assert!(
        monitoring.contains(r#"endpoint  = "o'ps+$${var.region}%%{x}$@example.com""#),
        "{monitoring}"
    );
}

/// Writes `text` as vanity.yaml in a fresh directory with an earlier render in it, runs
/// `render`, and returns (exit code, stderr) after checking the earlier render is untouched.
fn render_broken(text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let cli = env!("CARGO_BIN_EXE_connect-vanity");
    std::fs::write(dir.path().join("vanity.yaml"), DEFAULT).unwrap_or_else(|e| panic!("{e}"));
    let first = Command::new(cli)
        .current_dir(dir.path())
        .arg("render")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(first.status.success());
    let before = std::fs::read(dir.path().join("terraform/versions.tf")).unwrap_or_default();
    std::fs::write(dir.path().join("vanity.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
    let output = Command::new(cli)
        .current_dir(dir.path())
        .arg("render")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let after = std::fs::read(dir.path().join("terraform/versions.tf")).unwrap_or_default();
    assert_eq!(before, after, "a failed render changed terraform/");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn bad_values_are_located_and_write_nothing() {
    // with_sections leaves one blank line after the default, so a section's first line is:
    let section = DEFAULT.lines().count() + 2;
    let cases: [(&str, &str, &[&str]); 9] = [
        (
            "not an address",
            "alerts:\n  email: \"ops at example.com\"\n",
            &[&format!("vanity.yaml:{}:10: alerts.email: must be one plain email address", section + 1), "(got \"ops at example.com\")"],
        ),
        (
            "template text as an address",
            "alerts:\n  email: \"${var.x}\"\n",
            &["alerts.email: must be one plain email address", "(got \"${var.x}\")"],
        ),
        (
            "a topic in another region",
            "alerts:\n  sns_topic_arn: arn:aws:sns:eu-west-2:123456789012:ops\n",
            &[
                &format!("vanity.yaml:{}:18: alerts.sns_topic_arn: names a topic in aws/eu-west-2, but the alarms are in aws/us-east-1", section + 1),
                "(got \"arn:aws:sns:eu-west-2:123456789012:ops\")",
            ],
        ),
        (
            "a FIFO topic",
            "alerts:\n  sns_topic_arn: arn:aws:sns:us-east-1:123456789012:ops.fifo\n",
            &["alerts.sns_topic_arn: names a FIFO topic"],
        ),
        (
            "unknown alerts field",
            "alerts:\n  sms: \"+15550100\"\n",
            &["alerts: unknown field `sms`"],
        ),
        (
            "no bucket",
            "terraform:\n  backend:\n    key: x.tfstate\n",
            &["terraform.backend.bucket: the S3 bucket that holds the state is required"],
        ),
        (
            "bad bucket and key",
            "terraform:\n  backend:\n    bucket: Team_State\n    key: \"/state ${x}\"\n",
            &[
                &format!("vanity.yaml:{}:13: terraform.backend.bucket: must be an S3 bucket name", section + 2),
                "(got \"Team_State\")",
                &format!("vanity.yaml:{}:10: terraform.backend.key: must be 1 to 1024 of the characters S3 calls safe", section + 3),
            ],
        ),
        (
            "no lock at all",
            "terraform:\n  backend:\n    bucket: team-state\n    use_lockfile: false\n",
            &["terraform.backend.use_lockfile: the state would not be locked", "(got false)"],
        ),
        (
            "bad region and table",
            "terraform:\n  backend:\n    bucket: team-state\n    region: Mars\n    dynamodb_table: \"a b\"\n",
            &[
                "terraform.backend.region: must be an AWS region name such as us-east-1",
                "terraform.backend.dynamodb_table: must be a DynamoDB table name",
            ],
        ),
    ];
    for (name, sections, needles) in cases {
        let (code, stderr) = render_broken(&with_sections(sections));
        assert_eq!(code, Some(2), "{name}: exit code; stderr:\n{stderr}");
        for needle in needles {
            assert!(
                stderr.contains(needle),
                "{name}: stderr lacks {needle:?}:\n{stderr}"
            );
        }
    }
}

/// The default config with `line` added after the line that starts with `after`.
fn with_line_after(after: &str, line: &str) -> String {
    assert!(DEFAULT.contains(after), "vanity.yaml has no {after:?}");
    DEFAULT.replacen(after, &format!("{after}\n{line}"), 1)
}

#[test]
fn hardening_values_out_of_range_are_located() {
    let cases = [
        (
            with_line_after("  log_retention_days: 365", "  reserved_concurrency: 0"),
            "lambda.reserved_concurrency: must be between 1 and 900: 0 would turn every call away",
        ),
        (
            with_line_after("  log_retention_days: 365", "  reserved_concurrency: 901"),
            "(got 901)",
        ),
        (
            DEFAULT.replacen("  recovery_days: 7", "  recovery_days: 36", 1),
            "dynamodb.recovery_days: must be between 0 and 35",
        ),
    ];
    for (text, needle) in cases {
        let (code, stderr) = render_broken(&text);
        assert_eq!(code, Some(2), "{needle}: stderr:\n{stderr}");
        assert!(
            stderr.contains(needle),
            "stderr lacks {needle:?}:\n{stderr}"
        );
        assert!(stderr.contains("vanity.yaml:"), "not located:\n{stderr}");
    }
}

#[test]
fn defaults_protect_the_table_and_leave_concurrency_unreserved() {
    let table = rendered(DEFAULT, "dynamodb.tf");
    assert!(
        table.contains("deletion_protection_enabled = true"),
        "{table}"
    );
    assert!(table.contains("recovery_period_in_days = 7"), "{table}");
    let lambda = rendered(DEFAULT, "lambda.tf");
    assert!(
        !lambda.contains("reserved_concurrent_executions"),
        "{lambda}"
    );
    assert!(lambda.contains("CKV_AWS_115"), "{lambda}");
    let connect = rendered(DEFAULT, "connect.tf");
    assert!(
        connect.contains("contact_lens_enabled      = false"),
        "{connect}"
    );

    let text = with_line_after("  log_retention_days: 365", "  reserved_concurrency: 20");
    let text = text
        .replacen("  recovery_days: 7", "  recovery_days: 0", 1)
        .replacen(
            "  deletion_protection: true",
            "  deletion_protection: false",
            1,
        );
    let lambda = rendered(&text, "lambda.tf");
    assert!(
        lambda.contains("reserved_concurrent_executions = 20"),
        "{lambda}"
    );
    assert!(!lambda.contains("CKV_AWS_115"), "{lambda}");
    let table = rendered(&text, "dynamodb.tf");
    assert!(
        table.contains("deletion_protection_enabled = false"),
        "{table}"
    );
    assert!(!table.contains("recovery_period_in_days"), "{table}");
    assert!(table.contains("CKV_AWS_28"), "{table}");
}

#[test]
fn every_alarm_notifies_the_owners_topic_when_one_is_named() {
    let topic = "arn:aws:sns:us-east-1:123456789012:on-call";
    let monitoring = rendered(
        &with_sections(&format!("alerts:\n  sns_topic_arn: {topic}\n")),
        "monitoring.tf",
    );
    let alarms = monitoring
        .matches("resource \"aws_cloudwatch_metric_alarm\"")
        .count();
    let expected = format!("[aws_sns_topic.alarms.arn, \"{topic}\"]");
    assert!(alarms >= 10, "{alarms} alarms:\n{monitoring}");
    assert_eq!(
        monitoring
            .matches(&format!("alarm_actions       = {expected}"))
            .count(),
        alarms
    );
    assert_eq!(
        monitoring
            .matches(&format!("ok_actions          = {expected}"))
            .count(),
        alarms
    );
    assert!(
        !monitoring.contains("aws_sns_topic_subscription"),
        "{monitoring}"
    );
}

/// Runs the CLI in `dir` with `args`; returns (exit code, stderr).
fn run_cli(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_connect-vanity"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn render_warns_loudly_but_renders_when_no_alarm_reaches_anybody() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(dir.path().join("vanity.yaml"), DEFAULT).unwrap_or_else(|e| panic!("{e}"));
    let warning = "warning: the alarms of vanity-line reach nobody";
    for args in [&["render"][..], &["render", "--check"][..], &["check"][..]] {
        let (code, stderr) = run_cli(dir.path(), args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(stderr.contains(warning), "{args:?} did not warn:\n{stderr}");
    }
    assert!(dir.path().join("terraform/monitoring.tf").is_file());

    for section in [
        "alerts:\n  email: ops@example.com\n",
        "alerts:\n  sns_topic_arn: arn:aws:sns:us-east-1:123456789012:on-call\n",
    ] {
        std::fs::write(dir.path().join("vanity.yaml"), with_sections(section))
            .unwrap_or_else(|e| panic!("{e}"));
        let (code, stderr) = run_cli(dir.path(), &["render"]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(!stderr.contains("warning:"), "{section}: {stderr}");
    }
}
