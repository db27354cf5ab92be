//! The step runner: runs one program as a numbered step with its output captured, and turns
//! a failure into a [`DeployError`] carrying the output's tail and the matching hints.

use std::io::{self, Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::time::Instant;

use super::hints::{output_hints, spawn_hints};
use super::{DeployError, STEPS};

/// How many trailing lines of a failed step's output the error shows.
const OUTPUT_TAIL_LINES: usize = 80;

/// A finished program: how it ended and everything it printed, stdout and stderr interleaved.
#[derive(Debug)]
pub struct Captured {
    pub status: ExitStatus,
    pub output: String,
}

/// Prints numbered progress lines and runs programs with their output captured.
pub struct Runner<'a> {
    pub progress: &'a mut dyn Write,
}

impl Runner<'_> {
    /// Runs one program as step `step`. Exit codes in `ok` count as success; anything else
    /// stops the run with the output's tail and any hints that match it.
    pub fn run(
        &mut self,
        step: usize,
        title: &str,
        command: Command,
        ok: &[i32],
    ) -> Result<Captured, DeployError> {
        self.announce(step, title, false)?;
        let shown = describe(&command);
        let program = command.get_program().to_string_lossy().into_owned();
        let started = Instant::now();
        let done = capture(command).map_err(|source| {
            let _ = writeln!(self.progress, "failed");
            let hints = spawn_hints(&program, &source);
            DeployError::Spawn {
                step,
                title: title.to_string(),
                program,
                source,
                hints,
            }
        })?;
        if done.status.code().is_some_and(|code| ok.contains(&code)) {
            let _ = writeln!(
                self.progress,
                "ok ({:.1} s)",
                started.elapsed().as_secs_f64()
            );
            return Ok(done);
        }
        let _ = writeln!(self.progress, "failed");
        Err(DeployError::Failed {
            step,
            title: title.to_string(),
            command: shown,
            status: done.status,
            hints: output_hints(&done.output),
            output: tail(&done.output, OUTPUT_TAIL_LINES),
        })
    }

    /// Prints "[n/5] title..." (with a newline when the step prints its own output).
    pub(super) fn announce(&mut self, step: usize, title: &str, newline: bool) -> io::Result<()> {
        write!(self.progress, "[{step}/{STEPS}] {title}...")?;
        if newline {
            writeln!(self.progress)?;
        } else {
            write!(self.progress, " ")?;
        }
        self.progress.flush()
    }

    pub(super) fn show(&mut self, output: &str) -> io::Result<()> {
        self.progress.write_all(output.as_bytes())?;
        if !output.ends_with('\n') {
            writeln!(self.progress)?;
        }
        Ok(())
    }
}

/// Runs a program to the end with stdout and stderr sent to one pipe, so the captured text is
/// in the order it was printed. Standard input is closed: nothing may wait for a prompt.
pub(super) fn capture(mut command: Command) -> io::Result<Captured> {
    let (mut reader, writer) = io::pipe()?;
    command
        .stdin(Stdio::null())
        .stdout(writer.try_clone()?)
        .stderr(writer);
    let mut child = command.spawn()?;
    // The Command holds the pipe's write ends; drop it so the read below sees end of file.
    drop(command);
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    let status = child.wait()?;
    Ok(Captured {
        status,
        output: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

pub(super) fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(
        command
            .get_args()
            .map(|arg| arg.to_string_lossy().into_owned()),
    );
    words.join(" ")
}

/// The last `lines` lines, with a note saying how many came before.
pub(super) fn tail(output: &str, lines: usize) -> String {
    let all: Vec<&str> = output.lines().collect();
    let skipped = all.len().saturating_sub(lines);
    let mut shown = String::new();
    if skipped > 0 {
        shown.push_str(&format!("... ({skipped} earlier lines not shown)\n"));
    }
    shown.push_str(&all[skipped..].join("\n"));
    shown
}

#[cfg(all(test, unix))]
mod tests {
    use std::path::{Path, PathBuf};

    use super::super::Programs;
    use super::*;

    /// A fake program: a shell script that runs `body`.
    fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
        let path = dir.join(name);
        crate::deploy::write_fake_program(&path, &format!("#!/bin/sh\n{body}\n"));
        path
    }

    #[test]
    fn programs_come_from_the_environment() {
        let dir = tempfile::tempdir().expect("tempdir");
        let terraform = script(dir.path(), "terraform", "echo Terraform v1.11.4");
        // Only this test touches TERRAFORM, and it sets the same value on every run.
        std::env::set_var("TERRAFORM", &terraform);
        let programs = Programs::from_env();
        assert_eq!(programs.terraform, terraform.as_os_str());
        let mut progress = Vec::new();
        let mut runner = Runner {
            progress: &mut progress,
        };
        let done = runner
            .run(
                3,
                "terraform version",
                Command::new(&programs.terraform),
                &[0],
            )
            .expect("runs the script");
        assert!(done.output.contains("Terraform v1.11.4"), "{}", done.output);
        assert!(String::from_utf8_lossy(&progress).starts_with("[3/5] terraform version... ok"));
    }

    #[test]
    fn a_missing_program_says_how_to_install_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut progress = Vec::new();
        let mut runner = Runner {
            progress: &mut progress,
        };
        let cases = [
            ("terraform", "install Terraform"),
            ("cargo", "install Rust with rustup"),
        ];
        for (name, hint) in cases {
            let missing = dir.path().join(name);
            let error = runner
                .run(1, "probe", Command::new(&missing), &[0])
                .expect_err("missing program");
            let message = error.to_string();
            assert!(message.contains("could not run"), "{message}");
            assert!(message.contains(hint), "{message}");
        }
    }

    #[test]
    fn long_output_keeps_its_tail() {
        let output: String = (1..=100).map(|n| format!("line {n}\n")).collect();
        let cases = [
            (
                output.as_str(),
                80,
                "... (20 earlier lines not shown)\nline 21\n",
            ),
            ("a\nb\n", 80, "a\nb"),
        ];
        for (input, lines, start) in cases {
            let shown = tail(input, lines);
            assert!(shown.starts_with(start), "{shown:?}");
            assert_eq!(shown.lines().last(), input.lines().last());
        }
    }
}
