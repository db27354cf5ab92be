//! `connect-vanity vanity`: the engine for people and scripts. (engine helper owns this)

use std::process::ExitCode;

pub fn run(numbers: &[String], count: usize, json: bool) -> anyhow::Result<ExitCode> {
    let _ = (numbers, count, json);
    todo!("engine helper")
}
