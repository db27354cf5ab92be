//! How soon the dictionary is ready in a fresh process: the time from `main` to the first
//! answer. The dictionary is static data in the binary, so this is the first lookup plus the
//! page faults that bring its pages in. Run it many times as fresh processes:
//!
//! ```text
//! cargo build --release -p vanity-engine --example startup
//! for i in $(seq 20); do $CARGO_TARGET_DIR/release/examples/startup; done
//! ```

use std::time::Instant;

fn main() {
    let start = Instant::now();
    let results = vanity_engine::vanity_numbers("+18003569377", 5);
    let elapsed = start.elapsed();
    let best = results
        .ok()
        .and_then(|r| r.into_iter().next())
        .map(|v| v.display);
    println!(
        "first lookup {:>8.1} us  ({})",
        elapsed.as_secs_f64() * 1e6,
        best.unwrap_or_default()
    );
}
