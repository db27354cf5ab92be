//! Wording that carries values only the flow knows: `{name}` placeholders.
//!
//! Some sentences must name a number or a key the flow decides (the rank to press, how many
//! more results there are, the chosen number). Writing those in vanity.yaml would let the
//! config contradict the flow ("two more" when one is left), so such wording names a
//! placeholder instead and the flow builder fills in the real value. Each field accepts a fixed
//! set of placeholders ([`spec`]); a placeholder the caller needs in order to act (the key to
//! press, the number chosen) is required. `{` not followed by a lower-case name and `}` is
//! ordinary text.

use std::ops::Range;

/// A validated wording template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    text: String,
}

/// Which placeholders a template field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
}

/// The placeholder rules of each template field of `wording`, `None` for plain fields.
pub fn spec(field: &str) -> Option<Spec> {
    let spec = |required, optional| Some(Spec { required, optional });
    match field {
        "shared_start" => spec(&["start"], &[]),
        "result" => spec(&["rank", "vanity"], &[]),
        "more" => spec(&["key"], &["count"]),
        "repeat" | "another_number" | "ask_number" => spec(&["key"], &[]),
        "chosen" | "last_choice" | "last_best" => spec(&["vanity"], &[]),
        "greeting_name" => spec(&["name"], &[]),
        "why" => spec(&["word"], &[]),
        _ => None,
    }
}

/// One `{name}` in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Placeholder<'a> {
    span: Range<usize>,
    name: &'a str,
}

fn placeholders(text: &str) -> Vec<Placeholder<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find('{') {
        let start = from + offset;
        let rest = &text[start + 1..];
        let length = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(rest.len());
        if length > 0 && rest[length..].starts_with('}') {
            found.push(Placeholder {
                span: start..start + length + 2,
                name: &rest[..length],
            });
            from = start + length + 2;
        } else {
            from = start + 1;
        }
    }
    found
}

impl Template {
    /// Checks `text` against `spec`: every placeholder known, every required one present.
    /// Errors say what to change.
    pub fn parse(text: &str, spec: Spec) -> Result<Template, String> {
        let used = placeholders(text);
        let known = |name: &str| spec.required.contains(&name) || spec.optional.contains(&name);
        let braces = |names: &[&str]| {
            names
                .iter()
                .map(|name| format!("{{{name}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let all: Vec<&str> = spec.required.iter().chain(spec.optional).copied().collect();
        if let Some(unknown) = used.iter().find(|p| !known(p.name)) {
            return Err(format!(
                "unknown placeholder {{{}}}: this wording takes {}",
                unknown.name,
                braces(&all)
            ));
        }
        let missing: Vec<&str> = spec
            .required
            .iter()
            .copied()
            .filter(|name| !used.iter().any(|p| p.name == *name))
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "must contain {}: the flow puts the real value there, so the caller hears it",
                braces(&missing)
            ));
        }
        Ok(Template {
            text: text.to_string(),
        })
    }

    /// `text` without checks: only for configs already rejected, which are never rendered.
    pub(crate) fn unchecked(text: &str) -> Template {
        Template {
            text: text.to_string(),
        }
    }

    /// The wording as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The wording as SSML: the text escaped with `escape`, each placeholder replaced by its
    /// value from `values` (already SSML, inserted as is). A placeholder without a value stays
    /// escaped text; the builder passes every placeholder its spec allows.
    pub fn fill(&self, escape: impl Fn(&str) -> String, values: &[(&str, &str)]) -> String {
        let mut out = String::new();
        let mut copied = 0;
        for placeholder in placeholders(&self.text) {
            let Some((_, value)) = values.iter().find(|(name, _)| *name == placeholder.name) else {
                continue;
            };
            out.push_str(&escape(&self.text[copied..placeholder.span.start]));
            out.push_str(value);
            copied = placeholder.span.end;
        }
        out.push_str(&escape(&self.text[copied..]));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MORE: Spec = Spec {
        required: &["key"],
        optional: &["count"],
    };

    #[test]
    fn placeholders_are_checked() {
        let cases = [
            ("To hear {count} more, press {key}.", Ok(())),
            ("More: press {key}.", Ok(())),
            ("Press {key}, costs ${x.y} or { key } or {}.", Ok(())),
            ("To hear {count} more, press 0.", Err("must contain {key}")),
            (
                "Press {key} for {cuont} more.",
                Err("unknown placeholder {cuont}"),
            ),
            ("Press {Key}.", Err("must contain {key}")),
        ];
        for (text, expected) in cases {
            let got = Template::parse(text, MORE).map(|_| ());
            match (got, expected) {
                (Ok(()), Ok(())) => {}
                (Err(error), Err(needle)) => {
                    assert!(error.contains(needle), "{text:?}: {error:?}")
                }
                (got, expected) => panic!("{text:?}: got {got:?}, expected {expected:?}"),
            }
        }
    }

    #[test]
    fn fill_escapes_text_and_inserts_values() {
        let template = Template::parse("<{count}> & {key}", MORE).expect("valid");
        let escape = |text: &str| {
            text.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let filled = template.fill(escape, &[("count", "2"), ("key", "<b/>")]);
        assert_eq!(filled, "&lt;2&gt; &amp; <b/>");
        // A placeholder given no value is left as text.
        assert_eq!(
            template.fill(escape, &[("key", "0")]),
            "&lt;{count}&gt; &amp; 0"
        );
    }
}
