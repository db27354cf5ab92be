//! The `$.Namespace.key` references Connect interpolates into text parameters.
//!
//! Connect replaces every JSONPath embedded in a dynamic parameter (prompt text, SSML,
//! attribute values) at run time. The lint needs to find them (to check `$.External` keys
//! against the Lambda contract, and to substitute samples before parsing SSML) and the
//! simulator needs to resolve them, and the config refuses wording that holds one; all use this
//! one scanner so they agree on what a path is. It depends on none of them.

use std::ops::Range;

/// One embedded reference, for example `$.External.spoken1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathRef<'a> {
    /// Byte range of the whole reference in the scanned text.
    pub span: Range<usize>,
    /// The dotted segments after `$.`, for example `["External", "spoken1"]`.
    pub segments: Vec<&'a str>,
}

impl PathRef<'_> {
    /// The path as written, `$.External.spoken1`.
    pub fn to_path(&self) -> String {
        format!("$.{}", self.segments.join("."))
    }
}

fn is_segment_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every `$.a.b` reference in `text`, in order. The simulator reads a trailing full stop as
/// ending the sentence, not the path (`... is $.External.rest1.` yields `External.rest1`);
/// the flow never relies on that reading ([`ends_cleanly`], which the lint enforces).
pub fn find(text: &str) -> Vec<PathRef<'_>> {
    let mut found = Vec::new();
    let mut search_from = 0;
    while let Some(offset) = text[search_from..].find("$.") {
        let start = search_from + offset;
        let mut segments = Vec::new();
        let mut end = start + 1; // just past "$"
        loop {
            let rest = &text[end..];
            let Some(after_dot) = rest.strip_prefix('.') else {
                break;
            };
            // `$.Attributes.['key with spaces']`: Connect's bracket form for any other key.
            let (segment, consumed) = match after_dot.strip_prefix("['") {
                Some(quoted) => match quoted.find("']") {
                    Some(close) => (&quoted[..close], close + 4),
                    None => break,
                },
                None => {
                    let length = after_dot
                        .find(|c: char| !is_segment_char(c))
                        .unwrap_or(after_dot.len());
                    (&after_dot[..length], length)
                }
            };
            if segment.is_empty() {
                break;
            }
            segments.push(segment);
            end += 1 + consumed;
        }
        if segments.is_empty() {
            search_from = start + 2;
        } else {
            found.push(PathRef {
                span: start..end,
                segments,
            });
            search_from = end;
        }
    }
    found
}

/// Whether `path` (found in `text`) ends where nothing could continue it: at the end of the
/// text, a space or a tag. Connect's pages show paths ending at a space or the end of a value
/// and never say whether punctuation after a path belongs to it (a contact attribute key may
/// hold `-`; `$.Attributes.['key']` is a path too), so the flow relies on nothing else.
pub fn ends_cleanly(text: &str, path: &PathRef<'_>) -> bool {
    match text[path.span.end..].chars().next() {
        None => true,
        Some(next) => next.is_whitespace() || next == '<',
    }
}

/// `text` with every reference replaced by `resolve(reference)`; stops at the first error.
pub fn substitute<E>(
    text: &str,
    mut resolve: impl FnMut(&PathRef<'_>) -> Result<String, E>,
) -> Result<String, E> {
    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    for reference in find(text) {
        out.push_str(&text[copied_to..reference.span.start]);
        out.push_str(&resolve(&reference)?);
        copied_to = reference.span.end;
    }
    out.push_str(&text[copied_to..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_paths_and_leaves_sentence_stops_alone() {
        let cases: [(&str, Vec<&str>); 7] = [
            ("plain text", vec![]),
            ("$.External.status", vec!["$.External.status"]),
            ("is $.External.rest1. Next", vec!["$.External.rest1"]),
            (
                "<b>$.Attributes.x</b>$.CustomerEndpoint.Address",
                vec!["$.Attributes.x", "$.CustomerEndpoint.Address"],
            ),
            ("costs $. or ${x} or $5", vec![]),
            ("$.External.spoken2<break/>", vec!["$.External.spoken2"]),
            ("$.Attributes.['a key'] said", vec!["$.Attributes.a key"]),
        ];
        for (text, expected) in cases {
            let got: Vec<String> = find(text).iter().map(PathRef::to_path).collect();
            assert_eq!(got, expected, "in {text:?}");
        }
    }

    #[test]
    fn a_path_ends_cleanly_only_at_the_end_a_space_or_a_tag() {
        let cases = [
            ("$.External.status", true),
            ("$.External.rest1 and", true),
            ("$.External.rest1</s>", true),
            ("$.External.rest1\n", true),
            ("$.Attributes.rest1.</s>", false),
            ("$.External.last_spoken.", false),
            ("$.External.rest1, then", false),
            ("$.External.rest1-x", false),
            ("$.External.rest1'", false),
            ("$.Attributes.['a key'] said", true),
            ("$.Attributes.['a key'].", false),
        ];
        for (text, clean) in cases {
            let found = find(text);
            assert_eq!(found.len(), 1, "{text:?}");
            assert_eq!(ends_cleanly(text, &found[0]), clean, "{text:?}");
        }
    }

    #[test]
    fn substitutes_in_place() {
        let out = substitute::<()>("a $.External.k. b", |r| Ok(r.segments.join("/")));
        assert_eq!(out, Ok("a External/k. b".to_string()));
    }
}
