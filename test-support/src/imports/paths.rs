//! The paths a Rust file names that start with `crate`, `self` or `super`, in `use` trees
//! (expanded) and inline, each with its line and the inline modules it sits in.

use super::tokens::{tokens, Token};

/// A path as written and as segments (`crate::a::B` -> `["crate", "a", "B"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WrittenPath {
    pub(super) segments: Vec<String>,
    pub(super) written: String,
}

/// A path found in a file: its line, the inline modules it sits in (`mod tests { .. }`, whose
/// `super` is the file's own module), and the path.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) line: usize,
    pub(super) inline: Vec<String>,
    pub(super) path: WrittenPath,
}

/// Every path starting with `crate`, `self` or `super`, with `use` trees expanded.
pub(super) fn crate_paths(text: &str) -> Vec<Found> {
    let tokens = tokens(text);
    let mut found = Vec::new();
    // The inline modules open at this point, with the brace depth each one closes at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < tokens.len() {
        let word = tokens[i].text.as_str();
        let previous = i.checked_sub(1).map(|p| tokens[p].text.as_str());
        if word == "mod" && tokens.get(i + 2).is_some_and(|t| t.text == "{") {
            inline.push((tokens[i + 1].text.clone(), depth));
            depth += 1;
            i += 3;
        } else if word == "{" {
            depth += 1;
            i += 1;
        } else if word == "}" {
            depth = depth.saturating_sub(1);
            if inline.last().is_some_and(|(_, at)| *at == depth) {
                inline.pop();
            }
            i += 1;
        } else if matches!(word, "crate" | "self" | "super")
            && !matches!(previous, Some("::" | "$"))
        {
            let (expanded, end) = path_tree(&tokens, i, Vec::new());
            let names: Vec<String> = inline.iter().map(|(name, _)| name.clone()).collect();
            found.extend(expanded.into_iter().map(|path| Found {
                line: tokens[i].line,
                inline: names.clone(),
                path,
            }));
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}

/// The paths of a (possibly braced) path tree starting at `tokens[start]`, and where it ends.
fn path_tree(tokens: &[Token], start: usize, prefix: Vec<String>) -> (Vec<WrittenPath>, usize) {
    let mut segments = prefix;
    let mut i = start;
    loop {
        match tokens.get(i).map(|t| t.text.as_str()) {
            Some("{") => return group(tokens, i + 1, segments),
            Some(word) if is_identifier(word) => {
                segments.push(word.to_string());
                i += 1;
            }
            _ => break,
        }
        if tokens.get(i).map(|t| t.text.as_str()) == Some("::") {
            i += 1;
        } else {
            break;
        }
    }
    // `crate::a::{self}` names `crate::a`.
    if segments.last().map(String::as_str) == Some("self") && segments.len() > 1 {
        segments.pop();
    }
    let written = segments.join("::");
    (vec![WrittenPath { segments, written }], i)
}

fn group(tokens: &[Token], mut i: usize, prefix: Vec<String>) -> (Vec<WrittenPath>, usize) {
    let mut paths = Vec::new();
    while let Some(token) = tokens.get(i) {
        match token.text.as_str() {
            "}" => return (paths, i + 1),
            "," => i += 1,
            word if is_identifier(word) || word == "{" => {
                let (inner, end) = path_tree(tokens, i, prefix.clone());
                paths.extend(inner);
                // Skip `as name` and anything else up to the next item of the group.
                i = end;
                while let Some(t) = tokens.get(i) {
                    if t.text == "," || t.text == "}" {
                        break;
                    }
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    (paths, i)
}

fn is_identifier(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && word.chars().all(|c| c.is_alphanumeric() || c == '_')
}
