//! `connect-vanity graph`: the flow as a Mermaid or DOT diagram. (flow helper owns this)

use std::path::Path;
use std::process::ExitCode;

use crate::cli::GraphFormat;

pub fn run(config: &Path, format: GraphFormat) -> anyhow::Result<ExitCode> {
    let _ = (config, format);
    todo!("flow helper")
}
