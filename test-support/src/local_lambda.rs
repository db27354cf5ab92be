//! Running the release call-handler as Lambda runs it, on this machine: a local runtime API
//! ([`runtime_api`]), the function processes that poll it ([`functions`]), and the figures the
//! examples print ([`report`]). Used by the call-handler's `load_test` and `cold_warm` examples.

pub mod functions;
pub mod report;
pub mod runtime_api;
