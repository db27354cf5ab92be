//! `connect-vanity deploy` / `destroy`: build the Lambda zips, render, `terraform init`, plan,
//! then apply the saved plan, printing one numbered line per step and stopping at the first
//! failure with that step's output and a hint. It owns running programs, not what they do:
//! rendering is [`crate::render`], the stack is the rendered Terraform.
//!
//! [`commands`] holds the two commands and the pipeline they share, [`steps`] runs one program
//! as a numbered step, [`hints`] turns a failure's output into advice that points at the README,
//! [`checks`] runs what talks to AWS itself: the number search before the plan
//! ([`number_check`]) and the live scenarios after the apply.
//!
//! The programs are `cargo` and `terraform` from `PATH`, or the paths in the `CARGO` and
//! `TERRAFORM` environment variables (cargo sets `CARGO` itself under `cargo run`). Children
//! inherit the environment, so AWS credentials, `TF_CLI_CONFIG_FILE` and endpoint overrides
//! reach them unchanged.

use std::ffi::OsString;
use std::fmt;
use std::io;
use std::path::Path;
use std::process::{ExitCode, ExitStatus};

pub mod checks;
pub mod commands;
pub mod hints;
pub mod number_check;
pub mod steps;

pub use commands::{deploy, destroy, run};
pub use steps::{Captured, Runner};

/// Steps in a deploy or a destroy.
const STEPS: usize = 5;

/// Which way the stack is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Deploy,
    Destroy,
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    pub config: &'a Path,
    pub out: &'a Path,
    pub direction: Direction,
    /// Apply without asking.
    pub auto_approve: bool,
    /// Stop after the plan.
    pub plan_only: bool,
    /// Build the zips for arm64 (Graviton) instead of x86_64, as `lambda.architecture` says.
    pub arm64: bool,
    /// Run the live scenarios after a successful apply (`--test-line`).
    pub test_line: bool,
}

impl<'a> Options<'a> {
    /// What `deploy` was asked for; `arm64` comes from the config.
    pub fn deploy(args: &'a crate::cli::DeployArgs, arm64: bool) -> Self {
        Options {
            config: &args.stack.config.config,
            out: &args.stack.out,
            direction: Direction::Deploy,
            auto_approve: args.auto_approve,
            plan_only: args.plan,
            arm64,
            test_line: args.test_line,
        }
    }

    /// What `destroy` was asked for.
    pub fn destroy(stack: &'a crate::cli::StackArgs, auto_approve: bool, arm64: bool) -> Self {
        Options {
            config: &stack.config.config,
            out: &stack.out,
            direction: Direction::Destroy,
            auto_approve,
            plan_only: false,
            arm64,
            test_line: false,
        }
    }
}

/// The programs to run; overridable so tests can substitute scripts.
#[derive(Debug, Clone)]
pub struct Programs {
    pub cargo: OsString,
    pub terraform: OsString,
}

impl Programs {
    pub fn from_env() -> Self {
        Programs {
            cargo: std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
            terraform: std::env::var_os("TERRAFORM").unwrap_or_else(|| "terraform".into()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    #[error("[{step}/{STEPS}] {title}: could not run `{program}`: {source}{}", Hints(.hints))]
    Spawn {
        step: usize,
        title: String,
        program: String,
        source: io::Error,
        hints: Vec<String>,
    },
    #[error("[{step}/{STEPS}] {title} failed: `{command}` exited with {status}\n{output}{}", Hints(.hints))]
    Failed {
        step: usize,
        title: String,
        command: String,
        status: ExitStatus,
        output: String,
        hints: Vec<String>,
    },
    #[error("[{step}/{STEPS}] {title} exited with {code:?}; see its output above")]
    Render {
        step: usize,
        title: String,
        code: ExitCode,
    },
    #[error(
        "not applied: the answer was not \"yes\" (pass --auto-approve to apply without asking)"
    )]
    Declined,
    /// Standard output or input failed (a closed pipe, a full disk).
    #[error("could not write progress or read the answer: {0}")]
    Terminal(#[from] io::Error),
}

/// Formats hints as trailing lines of an error message.
struct Hints<'a>(&'a [String]);

impl fmt::Display for Hints<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for hint in self.0 {
            write!(f, "\nhint: {hint}")?;
        }
        Ok(())
    }
}

/// Writes an executable fake program for the tests without ever holding the file open in this
/// process: a file written here and executed while another test thread forks can fail with
/// "Text file busy" (ETXTBSY), because the forked child briefly holds the write descriptor.
/// `sh` writes it instead, and has exited before anything runs it.
/// A fake program for the pipeline tests: a shell script that logs its arguments to
/// `dir/calls.log`, then runs `body`.
#[cfg(test)]
pub(crate) fn fake_program(dir: &std::path::Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    let log = dir.join("calls.log");
    let text = format!(
        "#!/bin/sh\necho \"{name} $*\" >> '{}'\n{body}\n",
        log.display()
    );
    write_fake_program(&path, &text);
    path
}

/// Fake `cargo` and `terraform` programs in `dir` running the shell `cargo` and `terraform`,
/// both logging to `dir/calls.log`.
#[cfg(test)]
pub(crate) fn fake_programs(dir: &std::path::Path, cargo: &str, terraform: &str) -> Programs {
    Programs {
        cargo: fake_program(dir, "cargo", cargo).into(),
        terraform: fake_program(dir, "terraform", terraform).into(),
    }
}

/// The options the pipeline tests start from: deploy `vanity.yaml` into `out` without asking,
/// for x86_64, with no plan-only stop and no test line.
#[cfg(test)]
pub(crate) fn test_options(out: &Path) -> Options<'_> {
    Options {
        config: Path::new("vanity.yaml"),
        out,
        direction: Direction::Deploy,
        auto_approve: true,
        plan_only: false,
        arm64: false,
        test_line: false,
    }
}

#[cfg(test)]
pub(crate) fn write_fake_program(path: &std::path::Path, text: &str) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut writer = Command::new("sh")
        .args(["-c", "cat > \"$1\" && chmod 755 \"$1\"", "sh"])
        .arg(path)
        .stdin(Stdio::piped())
        .spawn()
        .expect("start sh to write a fake program");
    writer
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write fake program");
    assert!(
        writer.wait().expect("sh").success(),
        "sh could not write {}",
        path.display()
    );
}
