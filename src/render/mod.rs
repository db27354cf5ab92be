//! `render`, `check`, `init`: vanity.yaml to terraform/.

use std::path::Path;
use std::process::ExitCode;

pub fn init(config: &Path) -> anyhow::Result<ExitCode> {
    let _ = config;
    todo!()
}

pub fn render(config: &Path, out: &Path, check: bool) -> anyhow::Result<ExitCode> {
    let _ = (config, out, check);
    todo!()
}

pub fn check(config: &Path) -> anyhow::Result<ExitCode> {
    let _ = config;
    todo!()
}
