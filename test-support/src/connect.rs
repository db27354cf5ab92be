//! Amazon Connect `ContactFlowEvent`s, as the call-handler receives them: a builder for tests
//! that need a particular contact or caller, and the call-handler's fixtures by name
//! (`lambda/call-handler/tests/fixtures/`, also sent by `cargo lambda invoke --data-file`).
//!
//! The builder is `call_handler::connect_event`, which the CLI's simulator uses as well; every
//! fixture equals its event (`lambda/call-handler/tests/fixtures_fresh.rs`).

use serde_json::Value;

/// The one builder of Connect's event, the call-handler's own (the simulator uses it too).
pub use call_handler::connect_event::ContactFlowEvent;

/// A distinct, valid-looking North American number for index `i`: 7919 is prime, so
/// `i * 7919 mod 8,000,000` does not repeat for indexes below 8,000,000.
pub fn distinct_number(i: usize) -> String {
    format!("+1206{:07}", 2_000_000 + (i * 7_919) % 8_000_000)
}

/// `lambda/call-handler/tests/fixtures/<name>.json`.
pub fn fixture(name: &str) -> Value {
    crate::fixtures::json(crate::repo_root().join("lambda/call-handler"), name)
}
