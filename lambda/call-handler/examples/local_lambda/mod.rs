//! Running the release call-handler as Lambda runs it, on this machine: a local runtime API
//! ([`runtime_api`]), the function processes that poll it ([`functions`]), and the figures the
//! examples print ([`report`]). Shared by `examples/load_test.rs` and `examples/cold_warm.rs`.

pub mod functions;
pub mod report;
pub mod runtime_api;
