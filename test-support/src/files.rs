//! Files on disk, as tests compare them.

use std::path::{Path, PathBuf};

/// Every file under `dir`, subfolders included, as (path relative to `dir`, bytes), sorted by
/// path: equal snapshots mean the folder was left byte-identical.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current)
            .unwrap_or_else(|error| panic!("reading {}: {error}", current.display()));
        for entry in entries {
            let path = entry
                .unwrap_or_else(|error| panic!("reading {}: {error}", current.display()))
                .path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
            let name = path.strip_prefix(dir).unwrap_or(&path);
            files.push((name.to_string_lossy().into_owned(), bytes));
        }
    }
    files.sort();
    files
}
