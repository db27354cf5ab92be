//! Which SSML a prompt may use, per Amazon Connect and per Amazon Polly voice engine.
//!
//! Connect passes a prompt's SSML to Polly and supports only some tags; it ignores the others
//! (https://docs.aws.amazon.com/connect/latest/adminguide/supported-ssml-tags.html). Polly then supports fewer tags and attributes on neural and
//! generative voices than on standard ones, and a tag an engine does not support is an error
//! (https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html). For `<prosody>`: neural
//! and generative voices take only `volume` and `rate` (no `pitch`, no `amazon:max-duration`),
//! and on generative voices it may only surround whole sentences
//! (https://docs.aws.amazon.com/polly/latest/dg/prosody-tag.html). A prompt that breaks these
//! rules takes the action's error branch at call time, so the lint reports it before deploy.

use roxmltree::{Document, Node};

use crate::config::VoiceEngine;

/// Tags Amazon Connect passes on to Polly; anything else is silently dropped by Connect.
const CONNECT_TAGS: &[&str] = &[
    "speak", "break", "lang", "mark", "p", "phoneme", "prosody", "s", "say-as", "sub", "w",
    "effect",
];

/// Every reason `ssml` (already a well-formed document) would not be spoken as written by
/// `engine` through Connect; empty when it would.
pub fn problems(ssml: &str, engine: VoiceEngine) -> Vec<String> {
    let Ok(document) = Document::parse(ssml) else {
        // Reported by the well-formedness check; nothing more to say here.
        return Vec::new();
    };
    let mut found = Vec::new();
    for node in document.descendants().filter(Node::is_element) {
        check_element(node, engine, &mut found);
    }
    found
}

fn check_element(node: Node<'_, '_>, engine: VoiceEngine, found: &mut Vec<String>) {
    let tag = node.tag_name().name();
    let name = engine.as_polly();
    if !CONNECT_TAGS.contains(&tag) {
        found.push(format!(
            "<{tag}> is not an SSML tag Amazon Connect supports (it would be dropped)"
        ));
        return;
    }
    match tag {
        "effect" => {
            // Connect supports only the whispered effect, which only standard voices have.
            if node.attribute("name") != Some("whispered") {
                found.push("<amazon:effect> other than name=\"whispered\" is not supported by Amazon Connect".to_string());
            } else if engine != VoiceEngine::Standard {
                found.push(format!(
                    "<amazon:effect name=\"whispered\"> is not available for {name} voices"
                ));
            }
        }
        "prosody" => {
            if engine != VoiceEngine::Standard {
                for attribute in node.attributes() {
                    if !matches!(attribute.name(), "rate" | "volume") {
                        found.push(format!(
                            "<prosody {}=...> is not available for {name} voices (only rate and volume)",
                            attribute.name()
                        ));
                    }
                }
            }
            if engine == VoiceEngine::Generative && !around_whole_sentences(node) {
                found.push(
                    "<prosody> must surround whole sentences for generative voices: wrap <s> elements in it, or make it the whole content of an <s>, <p> or <speak>"
                        .to_string(),
                );
            }
        }
        _ => {}
    }
}

/// True when `prosody` covers whole sentences: its content is only `<s>`/`<p>` elements and
/// pauses, or it is the only content of its `<s>`, `<p>` or `<speak>`.
fn around_whole_sentences(prosody: Node<'_, '_>) -> bool {
    let blank = |node: &Node<'_, '_>| node.is_text() && node.text().unwrap_or("").trim().is_empty();
    let only_sentences = prosody.children().all(|child| {
        blank(&child)
            || child.is_comment()
            || (child.is_element() && matches!(child.tag_name().name(), "s" | "p" | "break"))
    });
    let whole_parent = prosody.parent_element().is_some_and(|parent| {
        matches!(parent.tag_name().name(), "s" | "p" | "speak")
            && parent
                .children()
                .filter(|sibling| !blank(sibling) && !sibling.is_comment())
                .all(|sibling| sibling == prosody)
    });
    only_sentences || whole_parent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_engine_gets_its_own_rules() {
        use VoiceEngine::*;
        // (ssml, engines that accept it)
        let cases: [(&str, &[VoiceEngine]); 10] = [
            ("<speak>Hello <break time=\"300ms\"/> there.</speak>", &[Standard, Neural, Generative]),
            ("<speak><prosody rate=\"90%\"><s>One.</s><break time=\"1s\"/><s>Two.</s></prosody></speak>", &[Standard, Neural, Generative]),
            ("<speak>Say <s><prosody rate=\"90%\">one.</prosody></s> Then go.</speak>", &[Standard, Neural, Generative]),
            ("<speak><prosody volume=\"loud\">All of it.</prosody></speak>", &[Standard, Neural, Generative]),
            ("<speak>Your number is <prosody rate=\"90%\">1 8 0 0</prosody>.</speak>", &[Standard, Neural]),
            ("<speak><p>A <prosody rate=\"slow\">b</prosody> c.</p></speak>", &[Standard, Neural]),
            ("<speak><prosody pitch=\"high\">Hi.</prosody></speak>", &[Standard]),
            ("<speak><emphasis>Hi</emphasis></speak>", &[]),
            ("<speak><say-as interpret-as=\"digits\">123</say-as></speak>", &[Standard, Neural, Generative]),
            ("<speak><audio src=\"x\"/></speak>", &[]),
        ];
        for (ssml, accepted) in cases {
            for engine in [Standard, Neural, Generative] {
                let problems = problems(ssml, engine);
                assert_eq!(
                    problems.is_empty(),
                    accepted.contains(&engine),
                    "{ssml} with {engine:?}: {problems:?}"
                );
            }
        }
    }
}
