//! The two commands, `deploy` and `destroy`, and the pipeline they share: build the zips,
//! render, init, plan, ask, apply. Each program run is one numbered step ([`super::steps`]).

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::Context;

use super::checks::{Checks, LiveChecks, NoChecks};
use super::steps::{capture, Runner};
use super::{DeployError, Direction, Options, Programs, STEPS};
use crate::cli::{DeployArgs, StackArgs};

/// The saved plan, inside the output directory (terraform resolves it after `-chdir`).
const PLAN_FILE: &str = "vanity.tfplan";

/// The Lambda packages; each zip lands in `<lambda dir>/<package>/bootstrap.zip`.
const LAMBDA_PACKAGES: &[&str] = &["call-handler", "phone-link"];

/// Where the zips go, relative to the output directory: the default of the rendered
/// `lambda_build_dir` variable, so Terraform finds them whatever `CARGO_TARGET_DIR` says.
const LAMBDA_DIR_FROM_OUT: &str = "../target/lambda";

/// `connect-vanity deploy`.
pub fn deploy(args: &DeployArgs) -> anyhow::Result<ExitCode> {
    #[cfg(not(feature = "aws"))]
    if args.test_line {
        return Err(crate::error::needs_aws_build("deploy --test-line"));
    }
    run_interactive(&Options::deploy(args, arm64(&args.stack)?))
}

/// `connect-vanity destroy`.
pub fn destroy(stack: &StackArgs, auto_approve: bool) -> anyhow::Result<ExitCode> {
    run_interactive(&Options::destroy(stack, auto_approve, arm64(stack)?))
}

/// Whether the config asks for arm64 zips. Read before building anything: a config error
/// should not cost a compile.
fn arm64(stack: &StackArgs) -> anyhow::Result<bool> {
    let architecture = crate::config::load_file(&stack.config.config)?
        .lambda
        .architecture;
    Ok(architecture == crate::config::Architecture::Arm64)
}

fn run_interactive(options: &Options<'_>) -> anyhow::Result<ExitCode> {
    let mut render = |config: &Path, out: &Path| crate::render::render(config, out, false);
    let mut input = io::stdin().lock();
    let mut progress = io::stdout().lock();
    run_with(
        options,
        &Programs::from_env(),
        &mut LiveChecks,
        &mut render,
        &mut input,
        &mut progress,
    )
}

/// The whole pipeline with its collaborators passed in, so tests can drive it; no checks
/// against AWS beyond what Terraform does.
pub fn run(
    options: &Options<'_>,
    programs: &Programs,
    render: &mut dyn FnMut(&Path, &Path) -> anyhow::Result<ExitCode>,
    input: &mut dyn BufRead,
    progress: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    run_with(options, programs, &mut NoChecks, render, input, progress)
}

/// [`run`] with `checks` before the plan (a deploy only) and after a successful apply.
pub fn run_with(
    options: &Options<'_>,
    programs: &Programs,
    checks: &mut dyn Checks,
    render: &mut dyn FnMut(&Path, &Path) -> anyhow::Result<ExitCode>,
    input: &mut dyn BufRead,
    progress: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let mut runner = Runner { progress };
    let destroying = options.direction == Direction::Destroy;

    // A destroy builds and renders too: Terraform evaluates the whole configuration, zip
    // hashes included, before it can plan the deletion.
    let lambda_dir = options.out.join(LAMBDA_DIR_FROM_OUT);
    // Always name the architecture: without a flag cargo-lambda builds for the host, which on
    // an arm64 laptop would not match an x86_64 function.
    let architecture = if options.arm64 { "--arm64" } else { "--x86-64" };
    // Both packages in one cargo invocation: their shared dependencies (the SDK, the runtime)
    // are then resolved and compiled once, not once per package.
    let mut command = Command::new(&programs.cargo);
    command.args([
        "lambda",
        "build",
        "--release",
        architecture,
        "--output-format",
        "zip",
    ]);
    command.arg("--lambda-dir").arg(&lambda_dir);
    for package in LAMBDA_PACKAGES {
        command.args(["--package", package]);
    }
    runner.run(1, "Building the Lambda zips", command, &[0])?;

    let title = format!(
        "Rendering {} into {}",
        options.config.display(),
        options.out.display()
    );
    runner.announce(2, &title, true)?;
    let code = render(options.config, options.out)
        .with_context(|| format!("[2/{STEPS}] {title} failed"))?;
    if code != ExitCode::SUCCESS {
        return Err(DeployError::Render {
            step: 2,
            title,
            code,
        }
        .into());
    }

    let terraform = |args: &[&str]| {
        let mut command = Command::new(&programs.terraform);
        command
            .arg(format!("-chdir={}", options.out.display()))
            .args(args);
        if !io::stdout().is_terminal() {
            command.arg("-no-color");
        }
        // Terraform then leaves out advice about which command to run next; this module does that.
        command.env("TF_IN_AUTOMATION", "1");
        command
    };

    runner.run(
        3,
        "terraform init",
        terraform(&["init", "-input=false"]),
        &[0],
    )?;
    if !destroying {
        checks.before_plan(options, programs, runner.progress)?;
    }

    let plan_out = format!("-out={PLAN_FILE}");
    let mut plan_args = vec![
        "plan",
        "-input=false",
        "-detailed-exitcode",
        plan_out.as_str(),
    ];
    if destroying {
        plan_args.push("-destroy");
    }
    // -detailed-exitcode: 0 means nothing to change, 2 means a plan with changes.
    let plan = runner.run(4, "terraform plan", terraform(&plan_args), &[0, 2])?;
    runner.show(&plan.output)?;
    let changes = plan.status.code() == Some(2);

    if options.plan_only {
        let out = options.out.display();
        writeln!(
            runner.progress,
            "Plan saved; apply it with: terraform -chdir={out} apply {PLAN_FILE}"
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if changes {
        if !options.auto_approve && !confirm(input, runner.progress, destroying)? {
            return Err(DeployError::Declined.into());
        }
        let title = if destroying {
            "terraform apply (destroy)"
        } else {
            "terraform apply"
        };
        runner.run(
            5,
            title,
            terraform(&["apply", "-input=false", PLAN_FILE]),
            &[0],
        )?;
    } else {
        runner.announce(5, "terraform apply: nothing to change", false)?;
    }

    if !destroying {
        // Not a step: a stack without the output (an older render) is still deployed.
        match capture(terraform(&["output", "-raw", "phone_number"])) {
            Ok(done) if done.status.success() && !done.output.trim().is_empty() => writeln!(
                runner.progress,
                "Call {} to hear your vanity numbers.",
                done.output.trim()
            )?,
            // phone_number is null with phone_number.mode: none.
            _ => writeln!(
                runner.progress,
                "Deployed, with no phone number to show; `terraform -chdir={} output` lists the stack.",
                options.out.display()
            )?,
        }
        // The line's CloudWatch dashboard (monitoring.tf); a stack rendered before it existed
        // has no such output, and then nothing is printed.
        if let Ok(done) = capture(terraform(&["output", "-raw", "dashboard_url"])) {
            if done.status.success() && !done.output.trim().is_empty() {
                writeln!(
                    runner.progress,
                    "Dashboard (calls, errors, latency, the last calls): {}",
                    done.output.trim()
                )?;
            }
        }
        return checks.after_apply(options, runner.progress);
    }
    Ok(ExitCode::SUCCESS)
}

/// Asks before applying. Anything but "yes" (including end of input) declines.
fn confirm(
    input: &mut dyn BufRead,
    progress: &mut dyn Write,
    destroying: bool,
) -> io::Result<bool> {
    let question = if destroying {
        "Destroy the resources in this plan?"
    } else {
        "Apply this plan?"
    };
    write!(progress, "{question} Type \"yes\" to continue: ")?;
    progress.flush()?;
    let mut answer = String::new();
    input.read_line(&mut answer)?;
    Ok(answer.trim() == "yes")
}

#[cfg(all(test, unix))]
mod tests {

    use super::*;

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

    fn cases() -> Vec<Case> {
        vec![
            Case {
                name: "deploy runs every step and prints the number",
                cargo: "echo Finished",
                terraform: OK_TERRAFORM,
                mode: (Direction::Deploy, true, false),
                answer: "",
                calls: &[
                    "cargo lambda build",
                    "terraform -chdir=OUT init",
                    "terraform -chdir=OUT plan",
                    "terraform -chdir=OUT apply",
                    "terraform -chdir=OUT output",
                    "terraform -chdir=OUT output",
                ],
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
                calls: &[
                    "cargo lambda build",
                    "terraform -chdir=OUT init",
                    "terraform -chdir=OUT plan",
                    "terraform -chdir=OUT apply",
                    "terraform -chdir=OUT output",
                    "terraform -chdir=OUT output",
                ],
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
                calls: &[
                    "cargo lambda build",
                    "terraform -chdir=OUT init",
                    "terraform -chdir=OUT plan",
                    "terraform -chdir=OUT output",
                    "terraform -chdir=OUT output",
                ],
                expected: Ok(&["[5/5] terraform apply: nothing to change", "Call +15550100"]),
            },
            Case {
                name: "a failing init stops before plan with output and hint",
                cargo: "echo Finished",
                terraform: r#"echo "Error: Failed to query available provider packages" >&2; exit 1"#,
                mode: (Direction::Deploy, true, false),
                answer: "",
                calls: &[
                    "cargo lambda build",
                    "terraform -chdir=OUT init",
                ],
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
                calls: &[
                    "cargo lambda build",
                    "terraform -chdir=OUT init",
                    "terraform -chdir=OUT plan",
                ],
                expected: Err(&["[4/5] terraform plan failed", "hint: no AWS credentials"]),
            },
            Case {
                name: "--plan stops after the plan",
                cargo: "echo Finished",
                terraform: OK_TERRAFORM,
                mode: (Direction::Deploy, false, true),
                answer: "",
                calls: &[
                    "cargo lambda build",
                    "terraform -chdir=OUT init",
                    "terraform -chdir=OUT plan",
                ],
                expected: Ok(&["Plan: 9 to add", "apply vanity.tfplan"]),
            },
            Case {
                name: "an answer other than yes applies nothing",
                cargo: "echo Finished",
                terraform: OK_TERRAFORM,
                mode: (Direction::Deploy, false, false),
                answer: "y\n",
                calls: &[
                    "cargo lambda build",
                    "terraform -chdir=OUT init",
                    "terraform -chdir=OUT plan",
                ],
                expected: Err(&["not applied"]),
            },
            Case {
                name: "destroy asks, then applies a destroy plan",
                cargo: "echo Finished",
                terraform: OK_TERRAFORM,
                mode: (Direction::Destroy, false, false),
                answer: "yes\n",
                calls: &[
                    "cargo lambda build",
                    "terraform -chdir=OUT init",
                    "terraform -chdir=OUT plan",
                    "terraform -chdir=OUT apply",
                ],
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
                calls: &[
                    "cargo lambda build",
                    "terraform -chdir=OUT init",
                    "terraform -chdir=OUT plan",
                ],
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
            let cargo = crate::deploy::fake_program(dir.path(), "cargo", case.cargo);
            let terraform = crate::deploy::fake_program(dir.path(), "terraform", case.terraform);
            let out = dir.path().join("stack");
            let (direction, auto_approve, plan_only) = case.mode;
            let options = Options {
                config: Path::new("vanity.yaml"),
                out: &out,
                direction,
                auto_approve,
                plan_only,
                arm64: false,
                test_line: false,
            };
            let programs = Programs {
                cargo: cargo.into(),
                terraform: terraform.into(),
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
            let cargo = crate::deploy::fake_program(dir.path(), "cargo", "echo Finished");
            // Stop at init: only the build commands matter here.
            let terraform = crate::deploy::fake_program(dir.path(), "terraform", "exit 1");
            let out = dir.path().join("stack");
            let options = Options {
                config: Path::new("vanity.yaml"),
                out: &out,
                direction: Direction::Deploy,
                auto_approve: true,
                plan_only: false,
                arm64,
                test_line: false,
            };
            let programs = Programs {
                cargo: cargo.into(),
                terraform: terraform.into(),
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
}
