//! Structured logs: one JSON object per line with the event's fields at the top level, which is
//! what CloudWatch Logs Insights queries best. The level comes from `RUST_LOG`, else Lambda's own
//! `AWS_LAMBDA_LOG_LEVEL`, else `info`. Nothing here knows about caller numbers: the code that
//! logs them masks them first ([`crate::caller::mask`]).

use tracing_subscriber::EnvFilter;

/// Installs the JSON subscriber; does nothing if one is already installed.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_from_env("AWS_LAMBDA_LOG_LEVEL"))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    // try_init fails only when a subscriber exists already (for example in tests); keep it.
    let _ = tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init();
}
