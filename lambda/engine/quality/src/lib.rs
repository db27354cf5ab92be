//! How good the vanity engine's results are, measured the same way by the engine's tests
//! (`lambda/engine/tests/`, which assert the targets), its quality benchmark
//! (`examples/quality.rs`, which prints the figures) and its latency benchmark
//! (`benches/latency.rs`, which times the same numbers).
//!
//! [`seeded`] makes the numbers, [`judge`] decides blind whether a result reads well or falls
//! in a never-offer category, [`measures`] adds results up into a [`measures::Report`], and
//! [`advertised`] holds real advertised vanity numbers. A library's public items are never
//! dead code, so no target that uses part of this needs `#[allow(dead_code)]`.
//!
//! It depends only on the engine, and only the engine's tests, examples and benchmarks
//! depend on it.

pub mod advertised;
pub mod judge;
pub mod measures;
pub mod seeded;
