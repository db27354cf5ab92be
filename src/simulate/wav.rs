//! `--wav`: speaks what the caller heard into a WAV file with espeak-ng.
//!
//! A local stand-in for Amazon Polly, good enough to hear the pacing of the prompts. The text
//! goes in on stdin so long transcripts never hit argument-length limits.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Why the WAV could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WavError {
    #[error("espeak-ng is not installed: install it (Debian/Ubuntu: apt-get install espeak-ng) or leave out --wav")]
    Missing,
    #[error("could not run espeak-ng: {0}")]
    Io(#[from] std::io::Error),
    #[error("espeak-ng failed ({status}): {stderr}")]
    Failed { status: String, stderr: String },
}

/// Writes `prompts`, one sentence group each with a pause between, to `path`.
pub fn speak_to_file(prompts: &[&str], path: &Path) -> Result<(), WavError> {
    let text = prompts.join("\n\n");
    let mut child = Command::new("espeak-ng")
        .arg("--stdin")
        .arg("-w")
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => WavError::Missing,
            _ => WavError::Io(error),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes())?;
    }
    let output = child.wait_with_output()?;
    if !output.status.success() {
        return Err(WavError::Failed {
            status: output.status.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    Ok(())
}
