//! `connect-vanity call`: simulate a phone call through the rendered flow. (flow helper owns this)

use std::process::ExitCode;

pub fn run(args: &crate::cli::CallArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    todo!("flow helper")
}
