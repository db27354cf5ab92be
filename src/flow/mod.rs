//! The Amazon Connect contact flow: a typed model of the Flow language, the builder that turns
//! a [`Config`] into the vanity-number flow, and the lint that checks any flow JSON.
//!
//! `render`, `check`, `call` and `graph` all start from [`render_json`], so the simulator and
//! the diagram describe exactly the bytes that get deployed.

pub mod actions;
pub mod build;
mod contract_check;
pub mod lint;
mod logging_check;
pub mod model;
pub mod polly;
pub mod ssml;

use crate::config::Config;

/// File name of the flow JSON inside the rendered Terraform directory.
pub const FILE_NAME: &str = "contact-flow.json";

pub use crate::connect::LAMBDA_ARN_PLACEHOLDER;

/// What can go wrong reading a flow.
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error("flow JSON does not parse: {0}")]
    Parse(#[from] serde_json::Error),
    #[error("action {identifier:?} has type {kind:?}, which connect-vanity does not understand")]
    UnknownActionType { identifier: String, kind: String },
    #[error("action {identifier:?} ({kind}): parameters not understood: {reason}")]
    BadParameters {
        identifier: String,
        kind: String,
        reason: String,
    },
}

/// The flow JSON for `config`: deterministic, pretty-printed, one trailing newline.
pub fn render_json(config: &Config) -> String {
    let flow = build::build(config);
    // Serializing plain structs and string maps cannot fail; an empty file would fail the lint.
    let mut json = serde_json::to_string_pretty(&flow).unwrap_or_default();
    json.push('\n');
    json
}

/// Every problem the lint finds in `json` (empty when the flow is sound).
pub fn lint_json(json: &str, config: &Config) -> Vec<String> {
    let profiles = &config.caller_profiles;
    let on = profiles.domain.is_some();
    let profile_keys = vanity_engine::contract::profile_keys(
        on,
        on && profiles.greet_by_first_name,
        on && profiles.say_why,
    );
    lint::lint(
        json,
        config.results.store,
        config.voice.engine,
        config.recall,
        &profile_keys,
    )
}

/// Parses flow JSON into the generic model.
pub fn parse(json: &str) -> Result<model::Flow, FlowError> {
    Ok(serde_json::from_str(json)?)
}
