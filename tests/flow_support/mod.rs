//! Shared by the flow and simulate tests: the config they run against (helpers that need no
//! CLI types live in the test-support crate).
//!
//! Everything runs against the committed vanity.yaml, so the goldens show what users get.

use connect_vanity::config::{load_str, Config};

/// The committed vanity.yaml, loaded the way the CLI loads it.
pub fn config() -> Config {
    match load_str(include_str!("../../vanity.yaml"), "vanity.yaml") {
        Ok(config) => config,
        Err(error) => panic!("the committed vanity.yaml does not load: {error}"),
    }
}
