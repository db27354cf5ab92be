//! The one distinction `main` needs from an error: was it the user's input (exit 2) or not.

/// Bad input from the user (config file, arguments). `main` exits 2 for it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// Exit code for an error chain: 2 when any cause is [`BadInput`] or a config error, else 1.
pub fn exit_code_for(error: &anyhow::Error) -> u8 {
    let bad_input = error
        .chain()
        .any(|cause| cause.is::<BadInput>() || cause.is::<crate::config::ConfigError>());
    if bad_input {
        2
    } else {
        1
    }
}

/// The error for a command that talks to AWS when this binary was built without the SDK (the
/// default build, which keeps the first `cargo run -- render` fast).
#[cfg(not(feature = "aws"))]
pub fn needs_aws_build(command: &str) -> anyhow::Error {
    BadInput(format!(
        "`{command}` talks to AWS, and this build leaves the AWS SDK out: run it as `cargo run --features aws -- {command}` (or `cargo install --path . --features aws`)"
    ))
    .into()
}
