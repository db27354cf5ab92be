//! What the workspace's tests (and the call-handler's benchmark examples) share, in one crate
//! every package takes as a dev-dependency: a library's public items are never dead code, so no
//! test needs `#[allow(dead_code)]` or a `#[path]` include to reuse a helper.
//!
//! Each module holds one kind of helper: [`moto`] the DynamoDB-compatible server and the calls
//! table, [`fault_proxy`] a misbehaving network in front of it, [`connect`] Connect events (a
//! builder and the call-handler's fixtures), [`fixtures`] reading a crate's JSON fixtures,
//! [`hostile`] the hostile-JSON strategies, [`flow`] editing a rendered flow, [`heard`] the
//! numbers a transcript's caller heard and what they dial, [`files`] folder
//! snapshots, [`imports`] the import circles between modules, [`local_lambda`] the release handler behind a local Lambda runtime API.
//!
//! It depends on no workspace crate but the call-handler's table layout and the one SDK HTTP
//! client, so it never sees the CLI and production code never depends on it.

pub mod connect;
pub mod fault_proxy;
pub mod files;
pub mod fixtures;
pub mod flow;
pub mod heard;
pub mod hostile;
pub mod imports;
pub mod local_lambda;
pub mod moto;

use std::path::{Path, PathBuf};

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}
