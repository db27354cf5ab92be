//! The sections of vanity.yaml for operating the line, `alerts` and `terraform.backend`: the commented
//! defaults render no subscription and no backend; bad values give located errors, exit 2 and
//! write nothing; hostile text that is a valid address reaches Terraform escaped; a backend
//! renders the S3 block and the Terraform version its lock needs. (Real Terraform validates
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
    let cases: [(&str, &str, &[&str]); 7] = [
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
