//! `connect-vanity test-line --dry-run` in the test command: it prints every request a run
//! would send for the committed test cases and sends none (no credentials are set, and a
//! request would fail without them).

use std::path::Path;
use std::process::Command;

use connect_vanity::live_test::{case_name, scenarios, LambdaUse, PROFILE_GREETING};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn config(file: &str) -> connect_vanity::config::Config {
    connect_vanity::config::load_file(&root().join(file)).expect("config")
}

/// The line's name in the committed config (every test case's name starts with it).
fn line_name() -> String {
    config("vanity.yaml").name
}

/// How many of `file`'s scenarios mock the Lambda (and so name its ARN in their overrides).
fn mocked(file: &str) -> usize {
    scenarios(&config(file))
        .iter()
        .filter(|s| s.lambda != LambdaUse::Real)
        .count()
}

fn dry_run(terraform: &Path) -> (String, String, Option<i32>) {
    dry_run_of(
        Path::new("vanity.yaml"),
        &root().join("terraform"),
        terraform,
    )
}

/// `test-line --dry-run` for the config `file` (relative to the checkout) rendered into `out`.
fn dry_run_of(file: &Path, out: &Path, terraform: &Path) -> (String, String, Option<i32>) {
    let output = Command::new(env!("CARGO_BIN_EXE_connect-vanity"))
        .args(["test-line", "--dry-run", "--config"])
        .arg(root().join(file))
        .arg("--out")
        .arg(out)
        .env("TERRAFORM", terraform)
        .env("AWS_ACCESS_KEY_ID", "")
        .env("AWS_SECRET_ACCESS_KEY", "")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .expect("the CLI runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

#[test]
fn prints_each_request_with_the_deployed_ids() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fake = dir.path().join("terraform");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho '{\"instance_id\":{\"value\":\"a1b2c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d\"},\"contact_flow_id\":{\"value\":\"flow-1\"},\"function_arn\":{\"value\":\"arn:aws:lambda:us-east-1:111122223333:function:vanity-call-handler\"}}'\n",
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let (stdout, stderr, code) = dry_run(&fake);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("Dry run: nothing is sent."), "{stdout}");
    assert!(
        stdout.contains("connect:ListTestCases InstanceId=a1b2c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d")
    );
    let all = scenarios(&config("vanity.yaml"));
    for scenario in &all {
        let name = case_name(&line_name(), scenario.name);
        for line in [
            format!("{}: connect:CreateTestCase, or connect:UpdateTestCase when the instance has a test case named {name:?}", scenario.name),
            format!("    Name: {name}"),
            format!("{}: connect:StartTestCaseExecution InstanceId=a1b2c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d", scenario.name),
        ] {
            assert!(stdout.contains(&line), "missing {line:?} in\n{stdout}");
        }
    }
    assert_eq!(stdout.matches("    Status: PUBLISHED").count(), all.len());
    assert_eq!(
        stdout
            .matches("naming arn:aws:lambda:us-east-1:111122223333:function:vanity-call-handler")
            .count(),
        mocked("vanity.yaml")
    );
    assert!(
        !stdout.contains(PROFILE_GREETING.name),
        "profiles are off: {stdout}"
    );
    assert!(stdout.contains("no Lambda override: the deployed call-handler answers"));
    assert!(stdout.contains("EntryPoint: VOICE_CALL, FlowId flow-1, SourcePhoneNumber +1"));
}

#[test]
fn before_the_first_deploy_it_shows_placeholders_and_says_why() {
    let (stdout, stderr, code) = dry_run(Path::new("/nonexistent/terraform"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("(no stack outputs: running `terraform"),
        "{stdout}"
    );
    assert!(
        stdout.contains("connect:ListTestCases InstanceId=<instance_id>"),
        "{stdout}"
    );
    assert_eq!(
        stdout.matches("naming <function_arn>").count(),
        mocked("vanity.yaml")
    );
}

/// A line that greets callers by first name: `render` writes the profile case beside the
/// others and the dry run sends it too, with its two Lambda overrides (the lookup, the choice).
#[test]
fn a_line_that_speaks_from_a_profile_sends_the_profile_case() {
    let file = Path::new("tests/configs/profiles-new.yaml");
    let dir = tempfile::tempdir().expect("temp dir");
    let rendered = Command::new(env!("CARGO_BIN_EXE_connect-vanity"))
        .args(["render", "--config"])
        .arg(root().join(file))
        .arg("--out")
        .arg(dir.path())
        .output()
        .expect("the CLI runs");
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    assert!(dir.path().join(PROFILE_GREETING.file).is_file());
    let (stdout, stderr, code) = dry_run_of(file, dir.path(), Path::new("/nonexistent/terraform"));
    assert_eq!(code, Some(0), "{stderr}");
    let name = case_name(
        &config("tests/configs/profiles-new.yaml").name,
        PROFILE_GREETING.name,
    );
    for line in [
        format!("profile-greeting: connect:CreateTestCase, or connect:UpdateTestCase when the instance has a test case named {name:?}"),
        "    Content: test-cases/profile-greeting.json (".to_string(),
        "2 Lambda override(s) naming <function_arn>".to_string(),
    ] {
        assert!(stdout.contains(&line), "missing {line:?} in\n{stdout}");
    }
    assert_eq!(
        stdout.matches("naming <function_arn>").count(),
        mocked("tests/configs/profiles-new.yaml")
    );
}
