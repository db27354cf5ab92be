//! Files on disk, as tests compare them.

use std::path::Path;

/// Every file directly in `dir` as (name, bytes), sorted by name: equal snapshots mean the
/// folder was left byte-identical.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|error| panic!("reading {}: {error}", dir.display()));
    let mut files: Vec<(String, Vec<u8>)> = entries
        .map(|entry| entry.unwrap_or_else(|error| panic!("reading {}: {error}", dir.display())))
        .filter(|entry| entry.path().is_file())
        .map(|entry| {
            let bytes = std::fs::read(entry.path())
                .unwrap_or_else(|error| panic!("reading {}: {error}", entry.path().display()));
            (entry.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}
