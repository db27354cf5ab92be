//! A crate's JSON fixtures: `tests/fixtures/<name>.json` in the crate that reads them, the same
//! files `cargo lambda invoke --data-file` sends.

use std::path::Path;

use serde_json::Value;

/// `<crate_dir>/tests/fixtures/<name>.json` as JSON; pass `env!("CARGO_MANIFEST_DIR")`.
/// Panics with the path when the file is missing or not JSON.
pub fn json(crate_dir: impl AsRef<Path>, name: &str) -> Value {
    let path = crate_dir
        .as_ref()
        .join("tests/fixtures")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not JSON: {error}", path.display()))
}
