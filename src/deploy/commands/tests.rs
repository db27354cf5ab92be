//! The pipeline driven with fake `cargo` and `terraform` programs: which programs run, in
//! which order, and what the progress and the errors say.

use super::*;
use crate::deploy::{fake_programs, test_options};

fn calls(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("calls.log"))
        .unwrap_or_default()
        .lines()
        .map(|line| {
            line.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

struct Case {
    name: &'static str,
    cargo: &'static str,
    terraform: &'static str,
    /// (direction, --auto-approve, --plan)
    mode: (Direction, bool, bool),
    answer: &'static str,
    /// Programs called, first three words each.
    calls: &'static [&'static str],
    /// Ok(progress fragments) or Err(error fragments).
    expected: Result<&'static [&'static str], &'static [&'static str]>,
}

/// Programs called, first three words each, for a run that stops at init, after the plan, after
/// the apply; and for a deploy that reads the two outputs after an apply or an empty plan.
const INITIALISED: &[&str] = &["cargo lambda build", "terraform -chdir=OUT init"];
const PLANNED: &[&str] = &[
    "cargo lambda build",
    "terraform -chdir=OUT init",
    "terraform -chdir=OUT plan",
];
const APPLIED: &[&str] = &[
    "cargo lambda build",
    "terraform -chdir=OUT init",
    "terraform -chdir=OUT plan",
    "terraform -chdir=OUT apply",
];
const APPLIED_AND_OUTPUTS: &[&str] = &[
    "cargo lambda build",
    "terraform -chdir=OUT init",
    "terraform -chdir=OUT plan",
    "terraform -chdir=OUT apply",
    "terraform -chdir=OUT output",
    "terraform -chdir=OUT output",
];
const UNCHANGED_AND_OUTPUTS: &[&str] = &[
    "cargo lambda build",
    "terraform -chdir=OUT init",
    "terraform -chdir=OUT plan",
    "terraform -chdir=OUT output",
    "terraform -chdir=OUT output",
];

const OK_TERRAFORM: &str = r#"case "$2" in
  plan) echo "Plan: 9 to add, 0 to change, 0 to destroy."; exit 2 ;;
  apply) echo "Apply complete! Resources: 9 added, 0 changed, 0 destroyed." ;;
  output) case "$4" in
  phone_number) printf '+15550100' ;;
  dashboard_url) printf 'https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=line' ;;
  *) exit 1 ;;
esac ;;
  *) echo "Terraform has been successfully initialized!" ;;
esac"#;

#[allow(
    clippy::too_many_lines,
    reason = "a table of pipeline cases, one entry per case"
)]
fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "deploy runs every step and prints the number",
            cargo: "echo Finished",
            terraform: OK_TERRAFORM,
            mode: (Direction::Deploy, true, false),
            answer: "",
            calls: APPLIED_AND_OUTPUTS,
            expected: Ok(&[
                "[1/5] Building the Lambda zips... ok",
                "[2/5] Rendering",
                "[3/5] terraform init... ok",
                "[4/5] terraform plan... ok",
                "Plan: 9 to add",
                "[5/5] terraform apply... ok",
                "Call +15550100 to hear your vanity numbers.",
                "Dashboard (calls, errors, latency, the last calls): https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=line",
            ]),
        },
        Case {
            name: "a stack without a number deploys and says so",
            cargo: "echo Finished",
            terraform: r#"case "$2" in
  plan) echo "Plan: 7 to add, 0 to change, 0 to destroy."; exit 2 ;;
  output) echo "Error: Unsupported value for raw output" >&2; exit 1 ;;
  *) echo ok ;;
esac"#,
            mode: (Direction::Deploy, true, false),
            answer: "",
            calls: APPLIED_AND_OUTPUTS,
            expected: Ok(&[
                "[5/5] terraform apply... ok",
                "Deployed, with no phone number to show",
            ]),
        },
        Case {
            name: "no changes skips the apply",
            cargo: "echo Finished",
            terraform: r#"case "$2" in
  plan) echo "No changes. Your infrastructure matches the configuration." ;;
  output) printf '+15550100' ;;
  *) echo ok ;;
esac"#,
            mode: (Direction::Deploy, false, false),
            answer: "",
            calls: UNCHANGED_AND_OUTPUTS,
            expected: Ok(&["[5/5] terraform apply: nothing to change", "Call +15550100"]),
        },
        Case {
            name: "a failing init stops before plan with output and hint",
            cargo: "echo Finished",
            terraform: r#"echo "Error: Failed to query available provider packages" >&2; exit 1"#,
            mode: (Direction::Deploy, true, false),
            answer: "",
            calls: INITIALISED,
            expected: Err(&[
                "[3/5] terraform init failed",
                "init -input=false",
                "exit status: 1",
                "Error: Failed to query available provider packages",
                "hint: terraform could not fetch hashicorp/aws",
            ]),
        },
        Case {
            name: "missing cargo-lambda stops the build with the pip hint",
            cargo: r#"echo "error: no such command: \`lambda\`" >&2; exit 101"#,
            terraform: OK_TERRAFORM,
            mode: (Direction::Deploy, true, false),
            answer: "",
            calls: &["cargo lambda build"],
            expected: Err(&[
                "[1/5] Building the Lambda zips failed",
                "pip install cargo-lambda",
            ]),
        },
        Case {
            name: "missing credentials at plan say how to log in",
            cargo: "echo Finished",
            terraform: r#"case "$2" in
  plan) echo "Error: No valid credential sources found" >&2; exit 1 ;;
  *) echo ok ;;
esac"#,
            mode: (Direction::Deploy, true, false),
            answer: "",
            calls: PLANNED,
            expected: Err(&["[4/5] terraform plan failed", "hint: no AWS credentials"]),
        },
        Case {
            name: "--plan stops after the plan",
            cargo: "echo Finished",
            terraform: OK_TERRAFORM,
            mode: (Direction::Deploy, false, true),
            answer: "",
            calls: PLANNED,
            expected: Ok(&["Plan: 9 to add", "apply vanity.tfplan"]),
        },
        Case {
            name: "an answer other than yes applies nothing",
            cargo: "echo Finished",
            terraform: OK_TERRAFORM,
            mode: (Direction::Deploy, false, false),
            answer: "y\n",
            calls: PLANNED,
            expected: Err(&["not applied"]),
        },
        Case {
            name: "destroy asks, then applies a destroy plan",
            cargo: "echo Finished",
            terraform: OK_TERRAFORM,
            mode: (Direction::Destroy, false, false),
            answer: "yes\n",
            calls: APPLIED,
            expected: Ok(&[
                "Destroy the resources in this plan?",
                "[5/5] terraform apply (destroy)... ok",
            ]),
        },
        Case {
            name: "a protected number stops destroy with the release hint",
            cargo: "echo Finished",
            terraform: r#"case "$2" in
  plan) echo "Error: Instance cannot be destroyed ... lifecycle.prevent_destroy set" >&2; exit 1 ;;
  *) echo ok ;;
esac"#,
            mode: (Direction::Destroy, true, false),
            answer: "",
            calls: PLANNED,
            expected: Err(&[
                "[4/5] terraform plan failed",
                "the claimed phone number, or the instance it is claimed to, is protected",
            ]),
        },
    ]
}

/// Runs each case with CARGO / TERRAFORM pointed at scripts in a fresh temporary directory.
#[test]
fn step_runner_cases() {
    for case in cases() {
        let dir = tempfile::tempdir().expect("tempdir");
        let programs = fake_programs(dir.path(), case.cargo, case.terraform);
        let out = dir.path().join("stack");
        let (direction, auto_approve, plan_only) = case.mode;
        let options = Options {
            direction,
            auto_approve,
            plan_only,
            ..test_options(&out)
        };
        let mut rendered = 0;
        let mut render = |_: &Path, _: &Path| {
            rendered += 1;
            Ok(ExitCode::SUCCESS)
        };
        let mut progress = Vec::new();
        let result = run(
            &options,
            &programs,
            &mut render,
            &mut case.answer.as_bytes(),
            &mut progress,
        );
        let progress = String::from_utf8_lossy(&progress).into_owned();

        let expected_calls: Vec<String> = case
            .calls
            .iter()
            .map(|call| call.replace("OUT", &out.display().to_string()))
            .collect();
        assert_eq!(calls(dir.path()), expected_calls, "{}", case.name);
        let reached_render = case.calls.iter().any(|call| call.starts_with("terraform"));
        assert_eq!(
            rendered,
            usize::from(reached_render),
            "{}: render calls",
            case.name
        );
        match (case.expected, result) {
            (Ok(fragments), Ok(code)) => {
                assert_eq!(code, ExitCode::SUCCESS, "{}", case.name);
                for fragment in fragments {
                    assert!(
                        progress.contains(fragment),
                        "{}: {progress:?} lacks {fragment:?}",
                        case.name
                    );
                }
            }
            (Err(fragments), Err(error)) => {
                let message = format!("{error:#}");
                for fragment in fragments {
                    assert!(
                        message.contains(fragment),
                        "{}: {message:?} lacks {fragment:?}",
                        case.name
                    );
                }
            }
            (expected, got) => panic!(
                "{}: expected {expected:?}, got {got:?}\n{progress}",
                case.name
            ),
        }
    }
}

#[test]
fn both_zips_are_built_in_one_invocation_for_the_configured_architecture() {
    for (arm64, flag) in [(false, "--x86-64"), (true, "--arm64")] {
        let dir = tempfile::tempdir().expect("tempdir");
        // Stop at init: only the build commands matter here.
        let programs = fake_programs(dir.path(), "echo Finished", "exit 1");
        let out = dir.path().join("stack");
        let options = Options {
            arm64,
            ..test_options(&out)
        };
        let mut render = |_: &Path, _: &Path| Ok(ExitCode::SUCCESS);
        let mut progress = Vec::new();
        let result = run(
            &options,
            &programs,
            &mut render,
            &mut "".as_bytes(),
            &mut progress,
        );
        assert!(result.is_err(), "init fails");
        let log = std::fs::read_to_string(dir.path().join("calls.log")).expect("log");
        let builds: Vec<&str> = log
            .lines()
            .filter(|line| line.starts_with("cargo"))
            .collect();
        let lambda_dir = out.join("../target/lambda");
        let expected = vec![format!(
            "cargo lambda build --release {flag} --output-format zip --lambda-dir {} --package call-handler --package phone-link",
            lambda_dir.display()
        )];
        assert_eq!(builds, expected, "arm64: {arm64}");
    }
}

#[test]
fn a_destroy_is_refused_while_vanity_yaml_protects_the_table() {
    let file = Path::new("vanity.yaml");
    let committed = include_str!("../../../vanity.yaml");
    let config = crate::config::load_str(committed, "vanity.yaml").expect("the committed config");
    let why = protected_table(&config, file).expect("protection is on by default");
    assert!(why.contains("dynamodb.deletion_protection: false"), "{why}");
    assert!(why.contains(&config.table.name), "{why}");
    let mut unprotected = config.clone();
    unprotected.table.deletion_protection = false;
    assert_eq!(protected_table(&unprotected, file), None);
}
