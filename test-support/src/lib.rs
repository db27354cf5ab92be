//! What the workspace's tests share, in one crate that every package takes as a
//! dev-dependency: a library's public items are never dead code, so no test needs
//! `#[allow(dead_code)]` or a `#[path]` include to reuse a helper.
//!
//! Each module holds one kind of helper; it depends on nothing in the workspace, so any crate's
//! tests can use it.

pub mod files;
