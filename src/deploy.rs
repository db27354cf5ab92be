//! `connect-vanity deploy` / `destroy`: build zips, render, terraform init, plan or apply.

use std::path::Path;
use std::process::ExitCode;

pub fn deploy(config: &Path, out: &Path, auto_approve: bool, plan: bool) -> anyhow::Result<ExitCode> {
    let _ = (config, out, auto_approve, plan);
    todo!("deploy")
}

pub fn destroy(config: &Path, out: &Path, auto_approve: bool) -> anyhow::Result<ExitCode> {
    let _ = (config, out, auto_approve);
    todo!("deploy")
}
