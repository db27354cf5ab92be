//! `connect-vanity test-line --dry-run` in the test command: it prints every request a run
//! would send for the committed test cases and sends none (no credentials are set, and a
//! request would fail without them).

use std::path::Path;
use std::process::Command;

use connect_vanity::live_test::{case_name, LambdaUse, SCENARIOS};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The line's name in the committed config (every test case's name starts with it).
fn line_name() -> String {
    connect_vanity::config::load_file(&root().join("vanity.yaml"))
        .expect("config")
        .name
}

/// How many scenarios mock the Lambda (and so name its ARN in their overrides).
fn mocked() -> usize {
    SCENARIOS
        .iter()
        .filter(|s| s.lambda != LambdaUse::Real)
        .count()
}

fn dry_run(terraform: &Path) -> (String, String, Option<i32>) {
    let output = Command::new(env!("CARGO_BIN_EXE_connect-vanity"))
        .args(["test-line", "--dry-run", "--config"])
        .arg(root().join("vanity.yaml"))
        .arg("--out")
        .arg(root().join("terraform"))
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
    for scenario in SCENARIOS {
        let name = case_name(&line_name(), scenario.name);
        for line in [
            format!("{}: connect:CreateTestCase, or connect:UpdateTestCase when the instance has a test case named {name:?}", scenario.name),
            format!("    Name: {name}"),
            format!("{}: connect:StartTestCaseExecution InstanceId=a1b2c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d", scenario.name),
        ] {
            assert!(stdout.contains(&line), "missing {line:?} in\n{stdout}");
        }
    }
    assert_eq!(
        stdout.matches("    Status: PUBLISHED").count(),
        SCENARIOS.len()
    );
    assert_eq!(
        stdout
            .matches("naming arn:aws:lambda:us-east-1:111122223333:function:vanity-call-handler")
            .count(),
        mocked()
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
    assert_eq!(stdout.matches("naming <function_arn>").count(), mocked());
}
