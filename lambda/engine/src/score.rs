//! The score that ranks vanity numbers.
//!
//! The score is a sum over the groups of the subscriber part, plus a term for each pair of
//! adjacent words, so the search can add it up piece by piece (see `search`). Per word:
//!
//! ```text
//! dialed letters x weight(word)         coverage, weighted by how used and plain the word is
//! - PER_WORD                            fewer, longer words read better than many short ones
//! + END_BONUS       if a word of 3+ letters ends the number ("...-FLOWERS", as advertised)
//! - OVERRUN_LETTER  per letter past the last digit (CONTACTS on 266-8228)
//! ```
//!
//! A connector (A, I) adds `CONNECTOR` instead. Each group of leftover digits costs
//! `PER_DIGIT_GROUP`; a second run of words cut off from the first by digits costs
//! `SEPARATED_RUN` (OWL-0-WIT is two fragments, not a phrase). Two adjacent words add
//! [`pair`] (a part-of-speech pattern English uses, or nothing; a pattern it does not use is
//! not offered at all), and a run of words that ends on a word needing a continuation (THE,
//! OUR, OF) loses [`dangling`]. See the README's engine section for the figures.

use crate::dictionary::Entry;
use crate::tags::{
    ACRONYM, ADJECTIVE, ADVERB, ARCHAIC, CAPITALISED, CONNECTOR, CONTENT, DETERMINER, FUNCTION,
    INFLECTED, NOUN, OBJECT, SUBJECT, TAKES_PERSON, VERB,
};

/// Words cost this much each: a single word must earn its place, so a common three-letter
/// word next to digits is worth a little, and a salad of short words is worth less than one
/// real word and a digit group.
pub const PER_WORD: f64 = 1.5;
/// A word that ends the number is how vanity numbers are advertised and remembered.
pub const END_BONUS: f64 = 0.5;
/// A letter that is not dialed: acceptable (1-800-CONTACTS), but an exact fit of similar
/// quality must rank first.
pub const OVERRUN_LETTER: f64 = 0.6;
/// Each run of leftover digits is one more thing to say and write.
pub const PER_DIGIT_GROUP: f64 = 0.25;
/// A one-letter connector links two words (RENT-A-CAR): it costs nothing by itself, so with
/// the pair bonus it needs (see [`pair`]) it beats leaving that digit as a group, but it does
/// not make a phrase out of words that are weak alone.
pub const CONNECTOR_SCORE: f64 = 0.0;
/// Words in two runs split by digits do not read as one phrase.
pub const SEPARATED_RUN: f64 = 1.0;
/// A phrase that ends on an article, possessive, preposition or conjunction is unfinished: it
/// costs more than the letters it covers earn, so GONE-OUR ranks below GONE and digits.
pub const DANGLING: f64 = 3.0;
/// An object pronoun after a verb ends a phrase well enough (CALL-ME), but a noun reads better.
pub const DANGLING_OBJECT: f64 = 0.5;
/// Pair patterns English builds phrases from.
pub const PAIR_STRONG: f64 = 0.5;
pub const PAIR_GOOD: f64 = 0.3;
/// Archaic forms (THY) keep this share of their weight; inflected forms (TUBS, GOT) and
/// acronyms (spoken letter by letter) a little less than a plain word used as often.
pub const ARCHAIC_SHARE: f64 = 0.5;
pub const INFLECTED_SHARE: f64 = 0.9;
pub const ACRONYM_SHARE: f64 = 0.85;
/// Reported scores add this before dividing, so every offered result scores above zero.
const REPORT_BASE: f64 = 3.0;

/// Zipf (x 10) credited per letter beyond three: longer words are rarer in any text (Zipf's law
/// of abbreviation), so a seven-letter word used as often as a three-letter one is the more
/// familiar of the two. Compared within its length, FLOWERS is as everyday as CAR.
pub const LENGTH_CREDIT: f64 = 2.5;

/// How used a word of `len` letters is, from its wordfreq Zipf value x 10: 1.0 from Zipf 5.5
/// (car, home) for three letters, 0.44 at Zipf 3 (once per million words), at least 0.2.
pub fn frequency(zipf10: u8, len: usize) -> f64 {
    let credit = LENGTH_CREDIT * len.saturating_sub(3) as f64;
    ((f64::from(zipf10) + credit - 10.0) / 45.0).clamp(0.2, 1.0)
}

/// SCOWL size level as a weight: 10 = the most common English words.
pub fn level_weight(level: u8) -> f64 {
    match level {
        0..=10 => 1.0,
        11..=20 => 0.95,
        21..=35 => 0.85,
        36..=40 => 0.8,
        41..=50 => 0.7,
        51..=55 => 0.6,
        56..=60 => 0.5,
        _ => 0.4,
    }
}

/// Weight per dialed letter: mostly how much the word is used (spoken and written), partly
/// how basic spell-checker lists consider it, less for archaic and inflected forms.
pub fn weight(entry: &Entry) -> f64 {
    let frequency = frequency(entry.zipf, entry.word.len());
    let mut weight = 0.7 * frequency + 0.3 * level_weight(entry.level);
    if entry.is(ARCHAIC) {
        weight *= ARCHAIC_SHARE;
    }
    if entry.is(INFLECTED) {
        weight *= INFLECTED_SHARE;
    }
    if entry.is(ACRONYM) {
        weight *= ACRONYM_SHARE;
    }
    weight
}

/// The contribution of one word with `dialed` dialed letters plus `overrun` undialed ones.
pub fn word(entry: &Entry, dialed: usize, ends_number: bool, overrun: usize) -> f64 {
    if entry.is(CONNECTOR) {
        return CONNECTOR_SCORE;
    }
    let end = if ends_number && dialed >= 3 {
        END_BONUS
    } else {
        0.0
    };
    dialed as f64 * weight(entry) - PER_WORD + end - overrun as f64 * OVERRUN_LETTER
}

/// The contribution of one group of leftover digits.
pub fn digit_group() -> f64 {
    -PER_DIGIT_GROUP
}

/// What `first` followed directly by `second` adds: a bonus for the patterns English phrases
/// are made of, `None` for a pair no one would say (HIM-CAR, OUR-GO, OF-TO), which is never
/// offered. Words WordNet does not tag (acronyms, some capitalised words) are neutral.
pub fn pair(first: &Entry, second: &Entry) -> Option<f64> {
    pair_kinds(Kind::of(first), Kind::of(second))
}

/// [`pair`] on the compact kinds the search keeps.
pub fn pair_kinds(first: Kind, second: Kind) -> Option<f64> {
    if first.is(CONNECTOR) {
        // A works like an article (RENT-A-CAR), I like a subject (WHY-I-CARE... I-LOVE).
        let wanted = if first.is_a() { NOUN | ADJECTIVE } else { VERB };
        let plain = !second.is(DETERMINER | FUNCTION | OBJECT | SUBJECT | CONNECTOR);
        return (second.is(wanted) && plain).then_some(PAIR_GOOD);
    }
    if second.is(CONNECTOR) {
        // A follows what takes an object or a measure (RENT-A-CAR, ONCE-A-DAY, FOR-A-CAUSE),
        // not a noun (ART-A-SIR); I follows a clause opener (WHY-I-CARE, IF-I-CAN).
        let before = if second.is_a() {
            VERB | FUNCTION | ADVERB
        } else {
            FUNCTION | ADVERB | SUBJECT
        };
        return first.is(before).then_some(0.0);
    }
    let known = CONTENT | DETERMINER | OBJECT | SUBJECT | FUNCTION;
    if !first.is(known) || !second.is(known) {
        // A word without a known class: capitalised words and acronyms combine freely (they
        // are names: USA-TODAY); others (OH, UH) do not make phrases.
        let named = |e: Kind| e.is(known) || e.is(CAPITALISED | ACRONYM);
        return (named(first) && named(second)).then_some(0.0);
    }
    // An object pronoun after a verb needs a verb that takes a person (CALL-ME, not YAWN-HIM).
    let object_only = second.is(OBJECT) && !second.is(CONTENT | SUBJECT);
    if object_only && first.is(VERB) && !first.is(TAKES_PERSON) && !first.is(FUNCTION) {
        return None;
    }
    let mut best: Option<f64> = None;
    for a in bits(first.tags() & known) {
        for b in bits(second.tags() & known) {
            if let Some(bonus) = pattern(a, b) {
                best = Some(best.map_or(bonus, |x: f64| x.max(bonus)));
            }
        }
    }
    best
}

/// The part-of-speech patterns, one reading of each word: `None` is "not English".
fn pattern(first: u16, second: u16) -> Option<f64> {
    let strong = Some(PAIR_STRONG);
    let good = Some(PAIR_GOOD);
    let neutral = Some(0.0);
    match (first, second) {
        // MY-APPLE, THE-WASH; BLUE-VAN, HOT-TUBS.
        (DETERMINER, NOUN | ADJECTIVE) => strong,
        (ADJECTIVE, NOUN) => strong,
        // CAR-WASH, TAX-FORM; GOT-JUNK, CALL-ME, GET-THIN, QUIT-NOW, FIX-MY, GO-TO.
        (NOUN, NOUN) => good,
        (VERB, NOUN | OBJECT | ADJECTIVE | ADVERB | DETERMINER | FUNCTION) => good,
        // ON-TIME, FOR-ME, IN-THE; SHE-SELLS, WE-FIX.
        (FUNCTION, NOUN | ADJECTIVE | OBJECT | DETERMINER) => good,
        (SUBJECT, VERB) => good,
        // TO-GO reads, IS-GET does not: the tags cannot tell them apart, so no bonus.
        (FUNCTION, VERB) => neutral,
        // JUST-ASK, VERY-GOOD.
        (ADVERB, VERB | ADJECTIVE | ADVERB) => good,
        // DOG-RUNS, HOME-NOW, CAR-FOR, ADJECTIVE-ADJECTIVE (BIG-RED), VERB-VERB (LET-GO).
        (NOUN, VERB | ADVERB | FUNCTION | DETERMINER) => neutral,
        (ADJECTIVE, ADJECTIVE) | (VERB, VERB) => neutral,
        (ADVERB, NOUN | FUNCTION | DETERMINER) => neutral,
        (OBJECT | SUBJECT, FUNCTION | ADVERB) => neutral,
        (ADJECTIVE, FUNCTION) => neutral,
        _ => None,
    }
}

/// What the score needs to know of a word next to another: its tags, and whether it is the
/// connector A (which works like an article) rather than I. Two bytes, so the search's
/// spellings stay small (they are copied a lot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind(u16);

impl Kind {
    const THE_CONNECTOR_A: u16 = 1 << 15;

    /// The kind of a dictionary word.
    pub fn of(entry: &Entry) -> Kind {
        let a = if entry.is(CONNECTOR) && entry.word == "a" {
            Self::THE_CONNECTOR_A
        } else {
            0
        };
        Kind((entry.tags & !Self::THE_CONNECTOR_A) | a)
    }

    /// Whether the word has any of the `tags` bits.
    pub fn is(self, tags: u16) -> bool {
        self.0 & tags & !Self::THE_CONNECTOR_A != 0
    }

    fn tags(self) -> u16 {
        self.0 & !Self::THE_CONNECTOR_A
    }

    fn is_a(self) -> bool {
        self.0 & Self::THE_CONNECTOR_A != 0
    }
}

/// The single bits of `tags`, lowest first (only the set bits are visited: this runs for every
/// pair the search considers).
fn bits(mut tags: u16) -> impl Iterator<Item = u16> {
    std::iter::from_fn(move || {
        let bit = tags & tags.wrapping_neg();
        tags &= !bit;
        (bit != 0).then_some(bit)
    })
}

/// What a run of words loses when it ends on `last` (after `previous`, if any): a phrase that
/// stops on THE, OUR or OF is unfinished (GONE-OUR, HOME-OUR); one that stops on an object
/// pronoun loses less after a verb (CALL-ME) and as much otherwise (CAR-HIM); one that stops on
/// a subject pronoun is unfinished (CAKE-SHE).
pub fn dangling(last: &Entry, previous: Option<&Entry>) -> f64 {
    dangling_kind(Kind::of(last), previous.map(Kind::of))
}

/// [`dangling`] on the compact kinds the search keeps.
pub fn dangling_kind(last: Kind, previous: Option<Kind>) -> f64 {
    let content = last.is(CONTENT) && !last.is(DETERMINER | FUNCTION);
    if last.is(DETERMINER | FUNCTION) && !content {
        return DANGLING;
    }
    if last.is(SUBJECT) && !last.is(OBJECT) {
        return DANGLING;
    }
    if last.is(OBJECT) {
        return match previous {
            Some(p) if p.is(VERB) => DANGLING_OBJECT,
            _ => DANGLING,
        };
    }
    0.0
}

/// The sum as reported to callers: shifted so every offered result is above zero and divided
/// so a seven-letter everyday word scores about 0.7 and scores compare across numbers.
pub fn normalize(total: f64, subscriber_len: usize) -> f64 {
    ((total + REPORT_BASE) / (subscriber_len as f64 + REPORT_BASE)).max(0.001)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::exact_word;

    fn entry(word: &str) -> Entry {
        exact_word(word).unwrap_or_else(|| panic!("{word} is not in the dictionary"))
    }

    /// Score of a run of adjacent words ending the number (no digits), with pair terms.
    fn phrase(words: &[&str]) -> f64 {
        let entries: Vec<Entry> = words.iter().map(|w| entry(w)).collect();
        let mut total = 0.0;
        for (k, e) in entries.iter().enumerate() {
            total += word(e, e.word.len(), k + 1 == entries.len(), 0);
            if let Some(next) = entries.get(k + 1) {
                total += pair(e, next).unwrap_or(f64::NEG_INFINITY);
            }
        }
        let last = entries.len() - 1;
        total - dangling(&entries[last], last.checked_sub(1).map(|k| &entries[k]))
    }

    #[test]
    fn exact_fit_beats_overrun_and_long_beats_short() {
        let flowers = entry("flowers");
        assert!(word(&flowers, 7, true, 0) > word(&flowers, 7, true, 1));
        assert!(word(&flowers, 7, true, 0) > word(&flowers, 7, false, 0));
        let car = entry("car");
        assert!(
            word(&car, 3, true, 0) - word(&car, 3, false, 0)
                > word(&entry("go"), 2, true, 0) - word(&entry("go"), 2, false, 0),
            "the end bonus is for real words, not two-letter fillers"
        );
    }

    #[test]
    fn used_words_beat_rare_ones_of_the_same_length() {
        // Frequency signal: the spoken-language commonness ranks CAR above ARC and TIE.
        assert!(weight(&entry("car")) > weight(&entry("arc")));
        assert!(weight(&entry("car")) > weight(&entry("tie")));
        // "meds" is SCOWL level 80 but in everyday use: it outweighs a rare level-50 word.
        assert!(weight(&entry("meds")) > weight(&entry("apse")));
    }

    #[test]
    fn archaic_and_inflected_forms_rank_below_plain_words() {
        // THY is used about as often as THE's rarer cousins, but it is archaic.
        let thy = entry("thy");
        assert!(thy.is(ARCHAIC));
        assert!(weight(&thy) < weight(&entry("the")) * ARCHAIC_SHARE + 0.01);
        assert!(weight(&thy) < weight(&entry("toy")));
        // An inflected form loses a tenth against a plain word used as often.
        let tubs = entry("tubs");
        let plain = Entry {
            tags: tubs.tags & !INFLECTED,
            ..tubs
        };
        assert!(weight(&tubs) < weight(&plain));
        // ERR is rare in use: below a plain, everyday word of the same digits' length.
        assert!(weight(&entry("err")) < weight(&entry("fun")));
    }

    #[test]
    fn pairs_that_read_as_phrases_beat_pairs_that_do_not() {
        // (better, worse)
        let cases: &[(&[&str], &[&str])] = &[
            (&["car", "wash"], &["tie", "wash"]),
            (&["the", "wash"], &["tie", "wash"]),
            (&["got", "junk"], &["hot", "junk"][..1]),
            (&["my", "apple"], &["apple"]),
            (&["blue", "van"], &["blue"]),
        ];
        for (better, worse) in cases {
            assert!(phrase(better) > phrase(worse), "{better:?} <= {worse:?}");
        }
        // Patterns English does not use are never offered.
        assert_eq!(pair(&entry("him"), &entry("car")), None);
        assert_eq!(pair(&entry("the"), &entry("of")), None);
        assert_eq!(pair(&entry("of"), &entry("to")), None);
        assert_eq!(pair(&entry("he"), &entry("car")), None);
        assert_eq!(pair(&entry("oh"), &entry("go")), None);
        // A verb takes an object pronoun only if it can take a person: CALL-ME, not YAWN-HIM.
        assert!(pair(&entry("call"), &entry("me")).is_some());
        assert_eq!(pair(&entry("yawn"), &entry("him")), None);
    }

    #[test]
    fn phrases_ending_in_a_pronoun_article_or_preposition_are_demoted() {
        // GONE-OUR and HOME-OUR rank below the word alone with the digits left over.
        for word_alone in ["gone", "home"] {
            let alone = word(&entry(word_alone), 4, false, 0) + digit_group();
            assert!(alone > phrase(&[word_alone, "our"]), "{word_alone}");
        }
        assert!(dangling(&entry("the"), None) == DANGLING);
        assert!(dangling(&entry("of"), Some(&entry("car"))) == DANGLING);
        // After a verb an object pronoun is a smaller loss than after a noun.
        assert!(
            dangling(&entry("me"), Some(&entry("call")))
                < dangling(&entry("me"), Some(&entry("car")))
        );
        assert_eq!(dangling(&entry("wash"), Some(&entry("car"))), 0.0);
    }

    #[test]
    fn connectors_link_words_of_the_right_kind() {
        let a = entry("a");
        let i = entry("i");
        assert!(pair(&a, &entry("car")).is_some());
        assert!(pair(&a, &entry("the")).is_none());
        assert!(pair(&i, &entry("love")).is_some());
        assert!(pair(&i, &entry("car")).is_none() || entry("car").is(VERB));
        assert!(pair(&entry("rent"), &a).is_some());
        assert!(pair(&entry("the"), &a).is_none());
        assert!(
            pair(&entry("art"), &a).is_none(),
            "a noun does not take A after it"
        );
        assert!(pair(&entry("why"), &i).is_some());
        // RENT-A-CAR beats RENT-2-CAR: the connector is worth more than a digit group.
        assert!(word(&a, 1, false, 0) > digit_group());
    }

    #[test]
    fn one_word_and_digits_beat_a_salad_of_short_words() {
        // 5-CAR-123 style: one common word between digit groups...
        let one = word(&entry("car"), 3, false, 0) + 2.0 * digit_group();
        // ...beats three short words with digits between two of them.
        let salad =
            word(&entry("owl"), 3, false, 0) + digit_group() + word(&entry("wit"), 3, true, 0)
                - SEPARATED_RUN;
        assert!(one > salad, "{one} <= {salad}");
    }

    #[test]
    fn reported_scores_are_positive_and_ordered() {
        let totals = [-2.9, -1.0, 0.0, 1.25, 4.5];
        let reported: Vec<f64> = totals.iter().map(|t| normalize(*t, 7)).collect();
        assert!(reported.iter().all(|s| *s > 0.0));
        assert!(reported.windows(2).all(|w| w[0] < w[1]));
    }
}
