//! The output directory: writing the rendered files, comparing them with what is on disk, and
//! the files an earlier render wrote that this config no longer renders.
//!
//! A file an earlier render wrote stays in the output directory until it is removed: Terraform
//! plans every `*.tf` file in its root module directory, and a test case left behind shows a
//! scenario the line no longer has (`test-line` reads only this config's scenarios, but a
//! reader of the directory cannot tell). So every `.tf` file is rendered for every config
//! (`profiles.tf` with caller profiles off holds only a `removed` block), and the files only
//! some configs render ([`OPTIONAL_FILES`]) are removed by `render` when this config does not
//! render them, and reported by `--check`. Only those names are ever removed; every other
//! file in the directory is the owner's and is left alone.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::live_test;

/// Files `render` writes for some configs and not others: the profile greeting's test case,
/// only when the line speaks from a caller's profile.
pub const OPTIONAL_FILES: [&str; 1] = [live_test::PROFILE_GREETING.file];

/// Writes each file through a temporary sibling and a rename, so a failed write leaves the
/// previous file whole; a file whose contents are unchanged is not touched.
pub fn write_files(files: &[(&str, String)], out: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for (name, contents) in files {
        let target = out.join(name);
        let dir = target.parent().unwrap_or(out);
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        if std::fs::read(&target).ok().as_deref() == Some(contents.as_bytes()) {
            continue;
        }
        let mut temp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
        std::io::Write::write_all(&mut temp, contents.as_bytes())
            .with_context(|| format!("writing {}", target.display()))?;
        temp.persist(&target)
            .with_context(|| format!("replacing {}", target.display()))?;
    }
    Ok(())
}

/// The files in `out` that an earlier render wrote and `files` (this render) does not hold.
pub fn stale_files(files: &[(&str, String)], out: &Path) -> Vec<PathBuf> {
    OPTIONAL_FILES
        .iter()
        .filter(|optional| !files.iter().any(|(name, _)| name == *optional))
        .map(|optional| out.join(optional))
        .filter(|path| path.exists())
        .collect()
}

/// Removes `stale` ([`stale_files`]).
pub fn remove_files(stale: &[PathBuf]) -> anyhow::Result<()> {
    for path in stale {
        std::fs::remove_file(path).with_context(|| format!("removing {}", path.display()))?;
    }
    Ok(())
}

/// A unified diff of what is on disk against what would be written; empty when equal.
pub fn diff_against_disk(files: &[(&str, String)], out: &Path) -> anyhow::Result<String> {
    let mut diff = String::new();
    for (name, contents) in files {
        let path = out.join(name);
        let on_disk = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(error) => return Err(error).with_context(|| format!("reading {}", path.display())),
        };
        if &on_disk != contents {
            let shown = path.display().to_string();
            let text_diff = similar::TextDiff::from_lines(on_disk.as_str(), contents.as_str());
            diff.push_str(
                &text_diff
                    .unified_diff()
                    .context_radius(3)
                    .header(&shown, &format!("{shown} (rendered)"))
                    .to_string(),
            );
        }
    }
    Ok(diff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_optional_files_this_render_lacks_are_stale() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("test-cases")).unwrap();
        for name in OPTIONAL_FILES.iter().chain(&["main.tf", "connect.tf"]) {
            std::fs::write(out.path().join(name), "x").unwrap();
        }
        // The owner's main.tf and a file this render writes are never stale.
        let rendered = vec![("connect.tf", String::new())];
        let expected: Vec<_> = OPTIONAL_FILES.iter().map(|f| out.path().join(f)).collect();
        assert_eq!(stale_files(&rendered, out.path()), expected);
        // Rendered this time: not stale.
        let rendered = vec![(live_test::PROFILE_GREETING.file, String::new())];
        assert!(stale_files(&rendered, out.path()).is_empty());
    }
}
