//! SSML for the prompts: escaping user text into it, checking it parses, and reading it back
//! as the plain words a caller would hear.
//!
//! Wording in vanity.yaml is plain text; every prompt the flow plays is SSML, so the text is
//! escaped here (`& < > " '`) and nowhere else. `$` and `{` are left alone: the flow file never
//! passes through a Terraform template, so `${`/`%{` in wording reach Connect literally.

use roxmltree::{Document, Node};

/// `text` with the five XML special characters escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// `inner` (already SSML) wrapped in `<speak>`.
pub fn speak(inner: &str) -> String {
    format!("<speak>{inner}</speak>")
}

/// A pause of `millis` milliseconds.
pub fn pause(millis: u32) -> String {
    format!("<break time=\"{millis}ms\"/>")
}

/// Why `ssml` is not a well-formed `<speak>` document, if it is not.
pub fn check(ssml: &str) -> Result<(), String> {
    let document = Document::parse(ssml).map_err(|error| error.to_string())?;
    let root = document.root_element();
    if root.tag_name().name() != "speak" {
        return Err(format!(
            "root element is <{}>, expected <speak>",
            root.tag_name().name()
        ));
    }
    Ok(())
}

/// The words of `ssml` as a caller hears them: markup dropped, entities decoded, a pause
/// (`<break>`) or sentence boundary read as a space, whitespace collapsed.
pub fn to_plain_text(ssml: &str) -> Result<String, String> {
    let document = Document::parse(ssml).map_err(|error| error.to_string())?;
    let mut words = String::new();
    collect_text(document.root_element(), &mut words);
    Ok(words.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn collect_text(node: Node<'_, '_>, out: &mut String) {
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or_default());
        } else if child.is_element() {
            // <sub alias="..."> is heard as its alias, not its content.
            if let Some(alias) = child.attribute("alias") {
                out.push_str(alias);
            } else if matches!(child.tag_name().name(), "break" | "p" | "s") {
                // Pauses and sentence or paragraph boundaries separate words.
                out.push(' ');
                collect_text(child, out);
                out.push(' ');
            } else {
                collect_text(child, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_round_trips_through_xml() {
        let cases = [
            "Tom & Jerry's <best> \"deal\"",
            "plain",
            "${name} and %{if}",
            "a > b < c",
        ];
        for text in cases {
            let ssml = speak(&escape(text));
            assert_eq!(check(&ssml), Ok(()), "{ssml}");
            assert_eq!(to_plain_text(&ssml).as_deref(), Ok(text), "{ssml}");
        }
    }

    #[test]
    fn check_rejects_broken_ssml() {
        let cases = [
            "<speak>a & b</speak>",
            "<speak><break></speak>",
            "just text",
            "<p>hi</p>",
        ];
        for ssml in cases {
            assert!(check(ssml).is_err(), "{ssml} should not pass");
        }
    }

    #[test]
    fn plain_text_reads_pauses_and_substitutions() {
        let cases = [
            ("<speak>one<break time=\"300ms\"/>two</speak>", "one two"),
            ("<speak><sub alias=\"dot\">.</sub> com</speak>", "dot com"),
            (
                "<speak><prosody rate=\"90%\">1 8 0 0, flowers</prosody>.</speak>",
                "1 8 0 0, flowers.",
            ),
        ];
        for (ssml, heard) in cases {
            assert_eq!(to_plain_text(ssml).as_deref(), Ok(heard));
        }
    }
}
