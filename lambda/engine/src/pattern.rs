//! Phrase patterns: pairs that no pair list holds but that English builds freely from its
//! most familiar words, so they are taken as attested.
//!
//! A corpus list of pairs (`data/bigrams.tsv`, each pair seen 100,000 times) misses the
//! ordinary phrases that are too many to each be frequent: MY-APPLE, QUIT-NOW, GOT-JUNK. Each
//! rule below is general (a word class and a frequency bar, never a list of examples) and
//! limited to everyday words, Zipf [`EVERYDAY_ZIPF`] or more (ten uses per million words), so
//! the words of a pattern phrase are among the few thousand every caller knows:
//!
//! 1. **verb + NOW**: an everyday verb in its base form, then NOW (QUIT-NOW, CALL-NOW);
//! 2. **MY or YOUR + noun**: a possessive, then an everyday noun (MY-APPLE, YOUR-HOME);
//! 3. **GET or GOT + noun or adjective**: an everyday one (GOT-JUNK, GET-THIN);
//! 4. **modifier + noun**: an everyday adjective that the pair lists show mostly before
//!    everyday nouns (the build script's `MODIFIER_SHARE`: BLUE, BAD, HOT; not SURE, MEAN,
//!    FIT, which are mostly used otherwise), then an everyday noun (BLUE-VAN).
//!
//! The second word fits the digits exactly (no overrun), has three letters or more, is a
//! base form (plurals and past tenses come from the lists only: HES, counted from "he's", is
//! no plural) and starts no pattern phrase itself (HIGH-HIGH, KEY-GET, RED-BLUE are not
//! phrases). A pattern pair still needs the shape of a phrase (`score::phrase_shape`) and the
//! owner's leave (`category`); `search` asks [`pair`] only about the words [`candidates`]
//! keeps after a word whose [`head`] allows a pattern. No list attests it, so it costs
//! [`PATTERN_COST`] more than the least used listed pair: a first word of two or three
//! letters (MY, GOT, BAD) never earns that back, so MY-APPLE comes after 69-APPLE, not
//! before, and a pattern phrase leads only when its words carry most of the number.

use crate::category_names::MODIFIER;
use crate::dictionary::Entry;
use crate::tags::{
    ACRONYM, ADJECTIVE, CAPITALISED, CONNECTOR, CONTENT, DETERMINER, FUNCTION, INFLECTED, NOUN,
    OBJECT, SUBJECT, VERB,
};

/// Everyday: Zipf 4.0 or more (x 10), ten uses per million words.
pub use vanity_tables::phrases::EVERYDAY_ZIPF;
/// The bigram value a pattern pair is passed with: a value no list holds (their floor is Zipf
/// 2.0), so the search can tell a pattern pair; it scores as the least used listed pair...
pub const PATTERN_ZIPF10: u8 = 0;
/// ...less this: more than a word of three letters adds (3 x 1.0 - `score::PER_WORD` = 1.5,
/// and 0.25 for the digit group it replaces), so a pattern phrase whose first word is that
/// short never beats its second word alone with digits.
pub const PATTERN_COST: f64 = 2.5;
/// What a pattern pair costs instead when the language model holds it
/// (`dictionary::HELD_ZIPF10`: a bigram of its training text, though no collocation): a
/// second source agrees the words go together, so a first word of three letters (GET, HOT)
/// now earns the cost back (it adds 1.75) and one of two (MY) still does not (0.75).
pub const HELD_PATTERN_COST: f64 = 1.5;

/// A plain content word: a noun, verb, adjective or adverb and no closed-class word.
fn plain(e: &Entry) -> bool {
    e.is(CONTENT)
        && !e.is(FUNCTION | DETERMINER | OBJECT | SUBJECT | CONNECTOR | CAPITALISED | ACRONYM)
}

fn everyday(e: &Entry) -> bool {
    e.zipf >= EVERYDAY_ZIPF && e.is_familiar() && plain(e)
}

fn everyday_noun(e: &Entry) -> bool {
    everyday(e) && e.is(NOUN)
}

/// Which words a pattern may put after a word: none, only NOW (after an everyday verb), or
/// any everyday word (after MY, YOUR, GET, GOT or a modifier).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    None,
    Now,
    Any,
}

/// What patterns may start with `first` (`search` asks once per run, then looks past its
/// listed pairs only where this allows).
pub fn head(first: &Entry) -> Head {
    // Every pattern's first word is everyday: the cheapest test first, as this runs once for
    // every run the search grows.
    if first.zipf < EVERYDAY_ZIPF {
        return Head::None;
    }
    if matches!(first.word, "my" | "your" | "get" | "got") || modifier(first) {
        Head::Any
    } else if everyday(first) && first.is(VERB) && !first.is(INFLECTED) {
        Head::Now
    } else {
        Head::None
    }
}

/// The ids among `ids` (the words of `len` letters whose first letters dial `digits`) worth
/// asking [`pair`] about after a word whose [`head`] is `head`: words of three letters or more,
/// and after a verb only the words that dial NOW's digits, so the rules cost the search one
/// comparison per span for most words, not one look per word.
pub fn candidates(
    head: Head,
    digits: &[u8],
    len: usize,
    ids: std::ops::Range<u16>,
) -> std::ops::Range<u16> {
    let keep = match head {
        Head::None => false,
        Head::Now => len == NOW_DIGITS.len() && digits == NOW_DIGITS,
        Head::Any => len >= 3,
    };
    if keep {
        ids
    } else {
        ids.start..ids.start
    }
}

/// The keypad digits of NOW.
const NOW_DIGITS: &[u8] = b"669";

/// An adjective the pair lists show mostly before everyday nouns (the build script's
/// `MODIFIER_SHARE`): BLUE, BAD, HOT; not SURE, FIT, SET.
fn modifier(e: &Entry) -> bool {
    e.flags & MODIFIER != 0 && everyday(e) && e.is(ADJECTIVE)
}

/// Whether `first second` is a pattern phrase (rules in the module doc).
pub fn pair(first: &Entry, second: &Entry) -> bool {
    // A word that starts pattern phrases is not their noun (HIGH-HIGH, KEY-GET, RED-BLUE), and
    // an inflected form is left to the lists (HES, counted from "he's", is no plural).
    if second.word.len() < 3 || second.is(INFLECTED) || head(second) == Head::Any {
        return false;
    }
    // NOW is rule 1's alone: the dictionary tags it a noun too ("for now"), but MY-NOW,
    // GET-NOW and HOT-NOW are no phrases.
    if second.word == "now" {
        return everyday(first) && first.is(VERB) && !first.is(INFLECTED);
    }
    match first.word {
        "my" | "your" => everyday_noun(second),
        "get" | "got" => everyday(second) && second.is(NOUN | ADJECTIVE),
        _ => modifier(first) && everyday_noun(second),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::exact_word;

    fn pattern(first: &str, second: &str) -> bool {
        let (Some(a), Some(b)) = (exact_word(first), exact_word(second)) else {
            panic!("{first} {second} not in the dictionary");
        };
        head(&a) != Head::None && pair(&a, &b)
    }

    #[test]
    fn verb_then_now() {
        assert!(pattern("call", "now") && pattern("act", "now"));
        assert!(!pattern("called", "now"), "base form only");
        assert!(!pattern("car", "now"), "a verb only");
        // NOW is a noun too, but no other rule puts it second.
        assert!(!pattern("my", "now") && !pattern("got", "now") && !pattern("hot", "now"));
    }

    #[test]
    fn possessive_then_everyday_noun() {
        assert!(pattern("my", "home") && pattern("your", "car"));
        assert!(!pattern("my", "auk"), "an everyday noun only");
        assert!(!pattern("my", "quickly"), "a noun only");
    }

    #[test]
    fn get_or_got_then_noun_or_adjective() {
        assert!(pattern("get", "fit") && pattern("got", "milk"));
        assert!(!pattern("get", "of"), "not a function word");
    }

    #[test]
    fn modifier_then_everyday_noun() {
        assert!(pattern("red", "car") && pattern("hot", "food"));
        // Adjectives the lists show mostly before other words: not modifiers.
        assert!(!pattern("sure", "kind") && !pattern("fit", "car"));
        assert!(!pattern("red", "quickly"), "a noun must follow");
        // A word that starts pattern phrases is not their noun.
        assert!(!pattern("high", "high") && !pattern("key", "get") && !pattern("red", "blue"));
        assert!(!pattern("key", "hes"), "a base form only");
    }
}
