//! Import circles between a crate's modules, found from the source text alone (no compiler, no
//! rust-analyzer: the whole workspace is read in milliseconds).
//!
//! A module's file is parsed for the paths it names that start with `crate`, `super` or `self`
//! (in `use` trees and inline); each path is resolved to the deepest module file it reaches.
//! A reference between a module and its own ancestor is layering, not a circle (a child using
//! its parent's items, a parent re-exporting its child), so it is left out. Any other reference
//! is lifted to the two siblings under the modules' lowest common ancestor: `deploy::commands::
//! tests` naming `deploy::checks` makes `commands` depend on `checks`. A circle is a set of
//! siblings that reach each other; [`circles`] returns each one with a reference per edge, so
//! the failure says which lines to move.
//!
//! Paths that start with another crate's name, and a crate root's own `use child::x`, cannot
//! form a circle between siblings and are not read.

mod paths;
mod tokens;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use paths::crate_paths;

/// A module's place in its crate: `["deploy", "checks"]` for `src/deploy/checks.rs`.
pub type ModulePath = Vec<String>;

/// One source file of a crate.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub module: ModulePath,
    /// Shown in messages, e.g. `src/deploy/checks.rs`.
    pub display: String,
    pub text: String,
}

/// One module naming another: the evidence behind an edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reference {
    pub from: ModulePath,
    pub to: ModulePath,
    /// `file:line` of the path.
    pub place: String,
    /// The path as written, expanded out of its `use` tree.
    pub path: String,
}

/// A set of sibling modules that import each other, and one reference for each edge between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Circle {
    pub modules: Vec<ModulePath>,
    pub references: Vec<Reference>,
}

impl std::fmt::Display for Circle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<String> = self.modules.iter().map(|m| m.join("::")).collect();
        writeln!(f, "modules that import each other: {}", names.join(", "))?;
        for reference in &self.references {
            writeln!(
                f,
                "  {} -> {}: {} names {}",
                reference.from.join("::"),
                reference.to.join("::"),
                reference.place,
                reference.path
            )?;
        }
        Ok(())
    }
}

/// Every `.rs` file under a crate's source folder, with its module path (`a/mod.rs` and `a.rs`
/// are both `a`; `lib.rs` and `main.rs` are the root).
pub fn crate_files(src: &Path, shown_from: &Path) -> std::io::Result<Vec<SourceFile>> {
    let mut files = Vec::new();
    for path in rust_files(src)? {
        let relative = path.strip_prefix(src).unwrap_or(&path);
        let mut module: ModulePath = relative
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(
            module.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            module.pop();
        }
        files.push(SourceFile {
            module,
            display: path
                .strip_prefix(shown_from)
                .unwrap_or(&path)
                .display()
                .to_string(),
            text: std::fs::read_to_string(&path)?,
        });
    }
    Ok(files)
}

fn rust_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            found.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    Ok(found)
}

/// The circles among one crate's modules, each listed once, in a stable order.
pub fn circles(files: &[SourceFile]) -> Vec<Circle> {
    let known: BTreeSet<ModulePath> = files.iter().map(|f| f.module.clone()).collect();
    let mut edges: BTreeMap<(ModulePath, ModulePath), Reference> = BTreeMap::new();
    for file in files {
        for found in crate_paths(&file.text) {
            let at: ModulePath = file.module.iter().chain(&found.inline).cloned().collect();
            let Some(target) = resolve(&at, &found.path.segments, &known) else {
                continue;
            };
            let Some((from, to)) = sibling_edge(&file.module, &target) else {
                continue;
            };
            edges
                .entry((from.clone(), to.clone()))
                .or_insert(Reference {
                    from,
                    to,
                    place: format!("{}:{}", file.display, found.line),
                    path: found.path.written,
                });
        }
    }
    strongly_connected(&edges)
}

/// The two siblings under `from` and `to`'s lowest common ancestor, or None when one module
/// contains the other.
fn sibling_edge(from: &[String], to: &[String]) -> Option<(ModulePath, ModulePath)> {
    let shared = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    if shared == from.len() || shared == to.len() {
        return None;
    }
    Some((from[..=shared].to_vec(), to[..=shared].to_vec()))
}

/// The deepest known module a path reaches, written in module `at`.
fn resolve(at: &[String], segments: &[String], known: &BTreeSet<ModulePath>) -> Option<ModulePath> {
    let mut absolute: ModulePath = Vec::new();
    let mut rest = segments;
    match segments.first().map(String::as_str) {
        Some("crate") => rest = &segments[1..],
        Some("self" | "super") => {
            absolute = at.to_vec();
            while let Some(first) = rest.first() {
                match first.as_str() {
                    "self" => {}
                    "super" => {
                        absolute.pop()?;
                    }
                    _ => break,
                }
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    absolute.extend(rest.iter().cloned());
    (0..=absolute.len())
        .rev()
        .map(|n| absolute[..n].to_vec())
        .find(|prefix| known.contains(prefix))
}

/// Tarjan's algorithm over the sibling edges; every component of two or more modules is a circle.
fn strongly_connected(edges: &BTreeMap<(ModulePath, ModulePath), Reference>) -> Vec<Circle> {
    let nodes: BTreeSet<&ModulePath> = edges.keys().flat_map(|(a, b)| [a, b]).collect();
    let mut search = Tarjan {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        components: Vec::new(),
    };
    for node in nodes {
        if !search.index.contains_key(node) {
            search.visit(node.clone());
        }
    }
    search
        .components
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|mut modules| {
            modules.sort();
            let members: BTreeSet<&ModulePath> = modules.iter().collect();
            let references = edges
                .iter()
                .filter(|((a, b), _)| members.contains(a) && members.contains(b))
                .map(|(_, r)| r.clone())
                .collect();
            Circle {
                modules,
                references,
            }
        })
        .collect()
}

struct Tarjan<'a> {
    edges: &'a BTreeMap<(ModulePath, ModulePath), Reference>,
    index: BTreeMap<ModulePath, usize>,
    low: BTreeMap<ModulePath, usize>,
    stack: Vec<ModulePath>,
    on_stack: BTreeSet<ModulePath>,
    next: usize,
    components: Vec<Vec<ModulePath>>,
}

impl Tarjan<'_> {
    fn visit(&mut self, node: ModulePath) {
        self.index.insert(node.clone(), self.next);
        self.low.insert(node.clone(), self.next);
        self.next += 1;
        self.stack.push(node.clone());
        self.on_stack.insert(node.clone());
        let successors: Vec<ModulePath> = self
            .edges
            .keys()
            .filter(|(from, _)| *from == node)
            .map(|(_, to)| to.clone())
            .collect();
        for next in successors {
            if !self.index.contains_key(&next) {
                self.visit(next.clone());
                let lowest = self.low[&node].min(self.low[&next]);
                self.low.insert(node.clone(), lowest);
            } else if self.on_stack.contains(&next) {
                let lowest = self.low[&node].min(self.index[&next]);
                self.low.insert(node.clone(), lowest);
            }
        }
        if self.low[&node] == self.index[&node] {
            let mut component = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack.remove(&member);
                let done = member == node;
                component.push(member);
                if done {
                    break;
                }
            }
            self.components.push(component);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(module: &str, text: &str) -> SourceFile {
        SourceFile {
            module: module
                .split("::")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            display: format!("{module}.rs"),
            text: text.to_string(),
        }
    }

    fn names(circles: &[Circle]) -> Vec<Vec<String>> {
        circles
            .iter()
            .map(|c| c.modules.iter().map(|m| m.join("::")).collect())
            .collect()
    }

    #[test]
    fn two_siblings_that_use_each_other_are_a_circle() {
        let files = [
            file("", "mod a; mod b;"),
            file("a", "use crate::b::Thing;"),
            file("b", "use super::a::other;"),
        ];
        assert_eq!(names(&circles(&files)), [["a", "b"]]);
    }

    #[test]
    fn a_use_tree_and_an_inline_path_both_count() {
        let files = [
            file("top", ""),
            file("top::a", "use super::{x, b::{self, Y as Z}};"),
            file("top::b", "fn f() { crate::top::a::g(); }"),
            file("top::x", ""),
        ];
        assert_eq!(names(&circles(&files)), [["top::a", "top::b"]]);
    }

    #[test]
    fn a_circle_through_a_child_lifts_to_its_parent() {
        let files = [
            file("d", ""),
            file("d::commands", ""),
            file("d::commands::tests", "use crate::d::checks::run;"),
            file("d::checks", "use super::commands::Step;"),
        ];
        let found = circles(&files);
        assert_eq!(names(&found), [["d::checks", "d::commands"]]);
        assert!(found[0]
            .references
            .iter()
            .any(|r| r.place == "d::commands::tests.rs:1"));
    }

    #[test]
    fn super_in_an_inline_test_module_is_the_file_itself() {
        let files = [
            file("d", ""),
            file("d::commands", "use super::checks::Checks;"),
            file(
                "d::checks",
                "fn f() {}\n#[cfg(test)]\nmod tests {\n    use super::super::{commands::run_with, X};\n    use super::*;\n}",
            ),
        ];
        let found = circles(&files);
        assert_eq!(names(&found), [["d::checks", "d::commands"]]);
        assert!(found[0]
            .references
            .iter()
            .any(|r| r.place == "d::checks.rs:4"));
    }

    #[test]
    fn parent_and_child_are_layering_not_a_circle() {
        let files = [
            file(
                "store",
                "mod dynamo; pub use dynamo::Store; use self::dynamo::x;",
            ),
            file("store::dynamo", "use super::{Record, recall};"),
            file("store::recall", "use super::Record;"),
        ];
        assert!(circles(&files).is_empty());
    }

    #[test]
    fn one_way_use_is_fine_and_comments_and_strings_are_not_read() {
        let files = [
            file(
                "a",
                "use crate::b::f; // crate::c\nconst S: &str = \"crate::c\";",
            ),
            file(
                "b",
                "/// [`crate::a`]\nfn f<'a>(x: &'a str) -> char { 'c' }",
            ),
            file("c", "use crate::a::y; const R: &str = r#\"crate::b \"#;"),
        ];
        assert!(circles(&files).is_empty());
    }

    #[test]
    fn three_modules_in_a_ring_are_one_circle() {
        let files = [
            file("a", "use crate::b::f;"),
            file("b", "use crate::c::f;"),
            file("c", "fn g() { crate::a::h(); }"),
        ];
        let found = circles(&files);
        assert_eq!(names(&found), [["a", "b", "c"]]);
        assert_eq!(found[0].references.len(), 3);
    }
}
