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

/// A tag that is heard as nothing: Polly's break with strength `none`, "No pause", on every
/// engine (https://docs.aws.amazon.com/polly/latest/dg/break-tag.html: "none: No pause. Use
/// none to remove a normally occurring pause, such as after a period."; the tag "is
/// supported by generative, long-form, neural, and standard TTS formats").
pub const PATH_END: &str = "<break strength=\"none\"/>";

/// `ssml` with [`PATH_END`] after every JSONPath that a character other than a space or a tag
/// follows, so each path ends at a tag. Connect's pages never say where a path embedded in a
/// prompt ends when punctuation follows it (`$.External.last_spoken.` could be read as the
/// key `last_spoken.`, which holds nothing); a tag cannot belong to a key.
pub fn end_paths(ssml: &str) -> String {
    let mut out = String::with_capacity(ssml.len());
    let mut copied_to = 0;
    for path in crate::jsonpath::find(ssml) {
        out.push_str(&ssml[copied_to..path.span.end]);
        if !crate::jsonpath::ends_cleanly(ssml, &path) {
            out.push_str(PATH_END);
        }
        copied_to = path.span.end;
    }
    out.push_str(&ssml[copied_to..]);
    out
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

/// Whether `node` is a `<break>` heard as no pause: Polly's strengths `none` ("No pause") and
/// `x-weak` ("Has the same strength as none, meaning no pause",
/// https://docs.aws.amazon.com/polly/latest/dg/break-tag.html).
pub fn is_silent_break(node: Node<'_, '_>) -> bool {
    node.is_element()
        && node.tag_name().name() == "break"
        && matches!(node.attribute("strength"), Some("none" | "x-weak"))
}

fn collect_text(node: Node<'_, '_>, out: &mut String) {
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or_default());
        } else if child.is_element() {
            // <sub alias="..."> is heard as its alias, not its content.
            if let Some(alias) = child.attribute("alias") {
                out.push_str(alias);
            } else if is_silent_break(child) {
                // No pause, so no word boundary either.
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
    fn paths_followed_by_punctuation_end_at_a_silent_tag() {
        let cases = [
            (
                "<speak>You chose $.External.chosen_spoken.</speak>",
                "<speak>You chose $.External.chosen_spoken<break strength=\"none\"/>.</speak>",
            ),
            (
                "<s>Number 1: $.External.rest1.</s>",
                "<s>Number 1: $.External.rest1<break strength=\"none\"/>.</s>",
            ),
            // Already ending at a space, a tag or the end: unchanged.
            ("<s>$.External.rest1</s>", "<s>$.External.rest1</s>"),
            (
                "$.External.a and $.External.b",
                "$.External.a and $.External.b",
            ),
        ];
        for (ssml, ended) in cases {
            assert_eq!(end_paths(ssml), ended);
            let again = end_paths(ended);
            assert_eq!(again, ended, "end_paths is idempotent");
        }
        let heard = to_plain_text("<speak>You chose 1 8 0 0<break strength=\"none\"/>.</speak>");
        assert_eq!(heard.as_deref(), Ok("You chose 1 8 0 0."));
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
