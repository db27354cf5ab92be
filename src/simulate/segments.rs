//! Where a prompt pauses: the words of an SSML prompt cut at its `<break>` tags that pause
//! (not those heard as no pause, [`ssml::is_silent_break`], such as the [`ssml::PATH_END`]
//! after a JSONPath), each part read exactly as [`ssml::to_plain_text`] reads the whole.
//!
//! Amazon Connect's test cases observe voice as messages, and whether a prompt with pauses
//! reaches a test as one message or as one per stretch between pauses is documented nowhere
//! (UNCONFIRMED; docs/deploying.md, "Test the live line"). The test cases are written so that
//! either reading passes ([`crate::live_test::cases`]); they need the stretches for that.

use roxmltree::Document;

use crate::flow::ssml;

/// A character no prompt contains (Unicode private use), put where each pause was.
const PAUSE: char = '\u{E000}';

/// The plain words of `ssml` between its pauses, in order: one element when it has none.
pub fn between_pauses(ssml: &str) -> Result<Vec<String>, String> {
    let document = Document::parse(ssml).map_err(|error| error.to_string())?;
    let mut marked = String::with_capacity(ssml.len());
    let mut from = 0;
    for pause in document.descendants().filter(|node| {
        node.is_element() && node.tag_name().name() == "break" && !ssml::is_silent_break(*node)
    }) {
        let range = pause.range();
        marked.push_str(&ssml[from..range.start]);
        marked.push(PAUSE);
        from = range.end;
    }
    marked.push_str(&ssml[from..]);
    let plain = ssml::to_plain_text(&marked)?;
    Ok(plain
        .split(PAUSE)
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::to_string)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_each_pause_and_reads_each_part_as_the_whole_is_read() {
        let cases: [(&str, &[&str]); 6] = [
            ("<speak>Thanks for calling.</speak>", &["Thanks for calling."]),
            (
                "<speak><prosody rate=\"90%\"><s>Number 1: car.</s><break time=\"700ms\"/><s>Number 2: &amp; wash.</s></prosody></speak>",
                &["Number 1: car.", "Number 2: & wash."],
            ),
            (
                "<speak>one<break time=\"300ms\"/>two<break strength=\"weak\"></break>three</speak>",
                &["one", "two", "three"],
            ),
            ("<speak><break time=\"1s\"/>late start</speak>", &["late start"]),
            (
                "<speak>You chose 1 8 0 0<break strength=\"none\"/>. Goodbye.</speak>",
                &["You chose 1 8 0 0. Goodbye."],
            ),
            (
                "<speak>a<break strength=\"x-weak\"/>b<break strength=\"medium\"/>c</speak>",
                &["ab", "c"],
            ),
        ];
        for (ssml, parts) in cases {
            let expected: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            assert_eq!(between_pauses(ssml), Ok(expected), "{ssml}");
            assert_eq!(
                ssml::to_plain_text(ssml).ok(),
                Some(parts.join(" ")),
                "the parts together are the whole: {ssml}"
            );
        }
        assert!(between_pauses("<speak>broken").is_err());
    }
}
