//! The two commands, `deploy` and `destroy`, and the pipeline they share: build the zips,
//! render, init, plan, ask, apply. Each program run is one numbered step ([`super::steps`]).

use std::ffi::OsStr;
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

/// `connect-vanity destroy`, refused up front while vanity.yaml protects the table.
pub fn destroy(stack: &StackArgs, auto_approve: bool) -> anyhow::Result<ExitCode> {
    let config = crate::config::load_file(&stack.config.config)?;
    if let Some(why) = protected_table(&config, &stack.config.config) {
        return Err(crate::error::BadInput(why).into());
    }
    run_interactive(&Options::destroy(stack, auto_approve, arm64(stack)?))
}

/// Why a destroy must not start: with the table's deletion protection on, Terraform would
/// delete what depends on the table (the call-handler, so the line stops answering) and only
/// then fail on the table ("Resource cannot be deleted as it is currently protected against
/// deletion"), leaving half a stack. `None` when vanity.yaml turns the protection off.
pub fn protected_table(config: &crate::config::Config, file: &Path) -> Option<String> {
    config.table.deletion_protection.then(|| {
        format!(
            "{}: dynamodb.deletion_protection is on, so a destroy would remove the call-handler and then fail on the table {:?}; set `dynamodb.deletion_protection: false`, run `connect-vanity deploy` (it only turns the protection off), then destroy (docs/deploying.md, \"Tearing down\")",
            file.display(),
            config.table.name
        )
    })
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
    let terraform = Terraform {
        program: &programs.terraform,
        out: options.out,
    };
    let destroying = options.direction == Direction::Destroy;

    // A destroy builds and renders too: Terraform evaluates the whole configuration, zip
    // hashes included, before it can plan the deletion.
    build_zips(&mut runner, options, &programs.cargo)?;
    render_stack(&mut runner, options, render)?;
    runner.run(
        3,
        "terraform init",
        terraform.command(&["init", "-input=false"]),
        &[0],
    )?;
    if !destroying {
        checks.before_plan(options, programs, runner.progress)?;
    }
    let changes = plan(&mut runner, &terraform, destroying)?;
    if options.plan_only {
        writeln!(
            runner.progress,
            "Plan saved; apply it with: terraform -chdir={} apply {PLAN_FILE}",
            options.out.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if changes {
        apply(&mut runner, &terraform, options, input)?;
    } else {
        runner.announce(5, "terraform apply: nothing to change", false)?;
    }
    if destroying {
        return Ok(ExitCode::SUCCESS);
    }
    print_outputs(&mut runner, &terraform, options.out)?;
    checks.after_apply(options, runner.progress)
}

/// Step 1: both Lambda zips, in one cargo invocation: their shared dependencies (the SDK, the
/// runtime) are then resolved and compiled once, not once per package.
fn build_zips(runner: &mut Runner<'_>, options: &Options<'_>, cargo: &OsStr) -> anyhow::Result<()> {
    // Always name the architecture: without a flag cargo-lambda builds for the host, which on
    // an arm64 laptop would not match an x86_64 function.
    let architecture = if options.arm64 { "--arm64" } else { "--x86-64" };
    let mut command = Command::new(cargo);
    command.args([
        "lambda",
        "build",
        "--release",
        architecture,
        "--output-format",
        "zip",
    ]);
    command
        .arg("--lambda-dir")
        .arg(options.out.join(LAMBDA_DIR_FROM_OUT));
    for package in LAMBDA_PACKAGES {
        command.args(["--package", package]);
    }
    runner.run(1, "Building the Lambda zips", command, &[0])?;
    Ok(())
}

/// Step 2: the stack from the config, into the output directory.
fn render_stack(
    runner: &mut Runner<'_>,
    options: &Options<'_>,
    render: &mut dyn FnMut(&Path, &Path) -> anyhow::Result<ExitCode>,
) -> anyhow::Result<()> {
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
    Ok(())
}

/// Step 4: the saved plan, shown; whether it changes anything.
fn plan(
    runner: &mut Runner<'_>,
    terraform: &Terraform<'_>,
    destroying: bool,
) -> anyhow::Result<bool> {
    let plan_out = format!("-out={PLAN_FILE}");
    let mut args = vec![
        "plan",
        "-input=false",
        "-detailed-exitcode",
        plan_out.as_str(),
    ];
    if destroying {
        args.push("-destroy");
    }
    // -detailed-exitcode: 0 means nothing to change, 2 means a plan with changes.
    let plan = runner.run(4, "terraform plan", terraform.command(&args), &[0, 2])?;
    runner.show(&plan.output)?;
    Ok(plan.status.code() == Some(2))
}

/// Step 5: applies the saved plan, after asking unless `--auto-approve`.
fn apply(
    runner: &mut Runner<'_>,
    terraform: &Terraform<'_>,
    options: &Options<'_>,
    input: &mut dyn BufRead,
) -> anyhow::Result<()> {
    let destroying = options.direction == Direction::Destroy;
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
        terraform.command(&["apply", "-input=false", PLAN_FILE]),
        &[0],
    )?;
    Ok(())
}

/// After a deploy, not a step: the number to call and the dashboard. A stack without these
/// outputs (an older render) is still deployed.
fn print_outputs(runner: &mut Runner<'_>, terraform: &Terraform<'_>, out: &Path) -> io::Result<()> {
    match terraform.output("phone_number") {
        Some(number) => writeln!(
            runner.progress,
            "Call {number} to hear your vanity numbers."
        ),
        // phone_number is null with phone_number.mode: none.
        None => writeln!(
            runner.progress,
            "Deployed, with no phone number to show; `terraform -chdir={} output` lists the stack.",
            out.display()
        ),
    }?;
    // The line's CloudWatch dashboard (monitoring.tf); a stack rendered before it existed
    // has no such output, and then nothing is printed.
    if let Some(url) = terraform.output("dashboard_url") {
        writeln!(
            runner.progress,
            "Dashboard (calls, errors, latency, the last calls): {url}"
        )?;
    }
    Ok(())
}

/// Terraform run in the output directory.
struct Terraform<'a> {
    program: &'a OsStr,
    out: &'a Path,
}

impl Terraform<'_> {
    /// `terraform -chdir=<out> <args>`, without colours when stdout is not a terminal.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(self.program);
        command
            .arg(format!("-chdir={}", self.out.display()))
            .args(args);
        if !io::stdout().is_terminal() {
            command.arg("-no-color");
        }
        // Terraform then leaves out advice about which command to run next; this module does that.
        command.env("TF_IN_AUTOMATION", "1");
        command
    }

    /// The stack's output `name` as raw text; `None` when it is missing, null or empty.
    fn output(&self, name: &str) -> Option<String> {
        let done = capture(self.command(&["output", "-raw", name])).ok()?;
        let value = done.output.trim();
        (done.status.success() && !value.is_empty()).then(|| value.to_string())
    }
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
mod tests;

#[cfg(all(test, unix))]
mod checks_order;
