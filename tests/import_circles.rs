//! No two modules of a crate import each other (issue 26): a circle means neither can be read,
//! tested or moved without the other, and it is where a shared piece is missing its own home.
//! The check reads the source text (test_support::imports), so it costs milliseconds, not a
//! rust-analyzer build. On a failure, give the piece both sides use a module of its own.

use std::path::{Path, PathBuf};

use test_support::imports::{circles, crate_files};

/// Every crate's source folder: each workspace member's `src/`, and the engine's build script.
fn crate_sources(root: &Path) -> Vec<PathBuf> {
    let manifest =
        std::fs::read_to_string(root.join("Cargo.toml")).expect("the workspace manifest");
    let members = manifest
        .split_once("members = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .expect("the workspace manifest lists its members");
    let mut sources: Vec<PathBuf> = members
        .split(',')
        .map(|m| m.trim().trim_matches('"'))
        .filter(|m| !m.is_empty())
        .map(|member| root.join(member).join("src"))
        .collect();
    sources.push(root.join("lambda/engine/build"));
    sources
}

#[test]
fn no_crate_has_modules_that_import_each_other() {
    let root = test_support::repo_root().canonicalize().unwrap();
    let sources = crate_sources(&root);
    assert!(sources.len() >= 8, "found only {sources:?}");
    let mut report = String::new();
    for src in sources {
        let files = crate_files(&src, &root).unwrap();
        assert!(!files.is_empty(), "no Rust files in {}", src.display());
        for circle in circles(&files) {
            let shown = src.strip_prefix(&root).unwrap_or(&src).display();
            report.push_str(&format!("in {shown}: {circle}"));
        }
    }
    assert!(
        report.is_empty(),
        "import circles (give what both sides use a module of its own):\n{report}"
    );
}
