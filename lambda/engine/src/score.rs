//! The score that ranks vanity numbers.
//!
//! A result is one run of words (a single familiar word, or a phrase of attested pairs) with
//! leftover digits before or after it. Its score is a sum, per word:
//!
//! ```text
//! dialed letters x weight(word)         coverage, weighted by how used and plain the word is
//! - PER_WORD                            fewer, longer words read better than many short ones
//! + END_BONUS       if a word of 3+ letters ends the number ("...-FLOWERS", as advertised)
//! - OVERRUN_LETTER  per letter past the last digit (CONTACTS on 266-8228)
//! ```
//!
//! A connector (A, I) adds `CONNECTOR_SCORE` instead. Each group of leftover digits costs
//! `PER_DIGIT_GROUP`; two adjacent words add [`pair`], which also decides whether they may
//! stand next to each other at all. Which words and runs are offered is `search`'s business
//! (with [`can_start`] and [`can_end`] from here); docs/engine.md has the figures.

use crate::dictionary::{Entry, LENGTH_CREDIT};
use crate::tags::{
    ACRONYM, ADJECTIVE, ADVERB, CAPITALISED, CONNECTOR, CONTENT, DETERMINER, FUNCTION, INFLECTED,
    NOUN, OBJECT, PREPOSITION, SUBJECT, VERB,
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
/// An attested pair is worth this much, plus `PAIR_PER_ZIPF` per Zipf point of use: a phrase
/// people say beats the same letters as unrelated words (see [`pair`]).
pub const PAIR_BASE: f64 = 0.3;
pub const PAIR_PER_ZIPF: f64 = 0.1;
/// Inflected forms (TUBS, GOT) keep a little less weight than a plain word used as often.
/// (Archaic forms and acronyms need no share: they are never familiar, so never offered, see
/// `Entry::is_familiar`.)
pub const INFLECTED_SHARE: f64 = 0.9;
/// Reported scores add this before dividing, so every offered result scores above zero.
const REPORT_BASE: f64 = 3.0;

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
/// how basic spell-checker lists consider it, less for inflected forms.
pub fn weight(entry: &Entry) -> f64 {
    let frequency = frequency(entry.zipf, entry.word.len());
    let weight = 0.7 * frequency + 0.3 * level_weight(entry.level);
    if entry.is(INFLECTED) {
        weight * INFLECTED_SHARE
    } else {
        weight
    }
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

/// What the attested pair adds: `PAIR_BASE`, and `PAIR_PER_ZIPF` for each Zipf point the pair
/// is used above the least used pairs of the list (bigram Zipf 2.0, 100,000 uses in the
/// corpus): CAR-WASH (2.5) a little, A-CAR (3.9) more.
pub fn attested_pair(bigram_zipf10: u8) -> f64 {
    let floor = f64::from(vanity_tables::phrases::LISTED_FLOOR_ZIPF10);
    PAIR_BASE + PAIR_PER_ZIPF * (f64::from(bigram_zipf10) - floor).max(0.0) / 10.0
}

/// What `first` followed directly by `second` adds, or `None` when the pair is not offered.
///
/// A pair is offered when it is attested, in the bigram list compiled from `data/bigrams.tsv`
/// (counts of a trillion-word corpus, see `scripts/build-phrases.py`), and has the shape of a
/// phrase on its own ([`phrase_shape`]): "or net" and "of dog" are counted in the corpus, as
/// pieces of longer sentences, but no one says them alone. Every other pair (LAP-EGG, SEA-STOP)
/// is never offered, so it can never beat one familiar word and digits.
pub fn pair(first: &Entry, second: &Entry) -> Option<f64> {
    pair_with(
        first,
        second,
        crate::dictionary::bigram(first.id, second.id),
    )
}

/// [`pair`] when the pair's bigram value is already known (`None`: not attested; a pair only
/// the language model holds, `HELD_ZIPF10`, is not attested on its own either).
pub fn pair_with(first: &Entry, second: &Entry, bigram_zipf10: Option<u8>) -> Option<f64> {
    let zipf = bigram_zipf10.filter(|&z| z != crate::dictionary::HELD_ZIPF10)?;
    phrase_shape(first, second).then(|| attested_pair(zipf))
}

/// Whether two words make a phrase by their grammar, whatever the corpus says. By the first
/// word's class:
///
/// - a content word (noun, verb, adjective, adverb): a content word follows (CAR-WASH,
///   BEST-BUY, JUST-ASK); after a verb also an object pronoun (CALL-ME), a preposition that
///   is also an adverb, as a particle (ADD-UP, GIVE-IN), or the connector A (RENT-A-CAR);
/// - a determiner or possessive (MY, THE, NO): a noun or adjective (MY-SON, NO-WIN), and AN
///   only before a vowel, A (the connector) only before a consonant;
/// - a subject pronoun (WE, SHE): a verb (WE-FIX);
/// - a preposition that opens a phrase (IN, ON, FOR, TO): a noun or adjective (IN-BED,
///   ON-TIME), or a verb after TO (TO-GO);
/// - the connector I: a verb (I-WON);
/// - anything else (conjunctions, auxiliaries, OF, object pronouns, interjections) starts no
///   phrase: OR-NET, IS-KEY, OF-DOG, US-TWO.
pub fn phrase_shape(first: &Entry, second: &Entry) -> bool {
    let plain =
        |e: &Entry| e.is(CONTENT) && !e.is(FUNCTION | DETERMINER | OBJECT | SUBJECT | CONNECTOR);
    let noun_or_adjective = |e: &Entry| plain(e) && e.is(NOUN | ADJECTIVE);
    let vowel = second.word.starts_with(['a', 'e', 'i', 'o', 'u']);
    if first.is(CONNECTOR) {
        return if first.word == "a" {
            noun_or_adjective(second) && !vowel
        } else {
            plain(second) && second.is(VERB)
        };
    }
    if second.is(CONNECTOR) {
        return second.word == "a" && plain(first) && first.is(VERB);
    }
    if first.is(DETERMINER) {
        return noun_or_adjective(second) && (first.word != "an" || vowel);
    }
    if first.is(SUBJECT) && !first.is(OBJECT | DETERMINER) {
        return plain(second) && second.is(VERB);
    }
    if first.is(PREPOSITION) {
        return noun_or_adjective(second)
            || (first.word == "to" && plain(second) && second.is(VERB));
    }
    if !plain(first) {
        return false;
    }
    if plain(second) {
        return true;
    }
    // After a verb: an object pronoun (CALL-ME) or an adverb particle (ADD-UP, GIVE-IN).
    first.is(VERB) && (second.is(OBJECT) || (second.is(PREPOSITION) && second.is(ADVERB)))
}

/// Whether a run of words may start with `first`: a connector (A, I) stands only between words.
pub fn can_start(first: &Entry) -> bool {
    !first.is(CONNECTOR)
}

/// Whether a run of words may end on `last` (after `previous`, if any): a phrase that stops on
/// THE, OUR, OF, WAS or SHE is unfinished (GONE-OUR, CAR-WAS, CAKE-SHE), unless the word is
/// also an adverb particle (GIVE-UP, COME-IN); an object pronoun ends one only after a verb
/// (CALL-ME, not CAR-HIM); a connector never ends one.
pub fn can_end(last: &Entry, previous: Option<&Entry>) -> bool {
    if last.is(CONNECTOR) {
        return false;
    }
    if last.is(OBJECT) {
        return previous.is_some_and(|p| p.is(VERB));
    }
    if last.is(DETERMINER | FUNCTION) {
        return last.is(ADVERB);
    }
    !last.is(SUBJECT) && last.is(CONTENT | CAPITALISED | ACRONYM)
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

    /// Score of a run of adjacent words ending the number (no digits), with pair terms;
    /// `None` when a pair is not offered.
    fn phrase(words: &[&str]) -> Option<f64> {
        let entries: Vec<Entry> = words.iter().map(|w| entry(w)).collect();
        let mut total = 0.0;
        for (k, e) in entries.iter().enumerate() {
            total += word(e, e.word.len(), k + 1 == entries.len(), 0);
            if let Some(next) = entries.get(k + 1) {
                total += pair(e, next)?;
            }
        }
        Some(total)
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
        assert!(weight(&entry("car")) > weight(&entry("arc")));
        assert!(weight(&entry("car")) > weight(&entry("tie")));
        // "meds" is SCOWL level 80 but in everyday use: it outweighs a rare level-50 word.
        assert!(weight(&entry("meds")) > weight(&entry("apse")));
        // An inflected form loses a tenth against a plain word used as often.
        let tubs = entry("tubs");
        let plain = Entry {
            tags: tubs.tags & !INFLECTED,
            ..tubs
        };
        assert!(weight(&tubs) < weight(&plain));
    }

    #[test]
    fn only_attested_pairs_and_noun_phrases_are_offered() {
        // Attested in the bigram list: offered, and a more used pair adds more.
        for (first, second) in [
            ("car", "wash"),
            ("tax", "form"),
            ("rent", "a"),
            ("a", "car"),
        ] {
            assert!(
                pair(&entry(first), &entry(second)).is_some(),
                "{first} {second}"
            );
        }
        let common = pair(&entry("a"), &entry("car")).unwrap_or(0.0);
        let rarer = pair(&entry("car"), &entry("wash")).unwrap_or(f64::INFINITY);
        assert!(common > rarer && rarer >= PAIR_BASE);
        // The issue's salad: unattested, so never offered.
        for (first, second) in [
            ("lap", "egg"),
            ("sea", "stop"),
            ("bar", "wash"),
            ("day", "bay"),
        ] {
            assert_eq!(
                pair(&entry(first), &entry(second)),
                None,
                "{first} {second}"
            );
        }
        // Attested, but not a phrase on its own (pieces of longer sentences).
        for (first, second) in [("or", "net"), ("is", "key"), ("of", "dog"), ("us", "two")] {
            let (a, b) = (entry(first), entry(second));
            assert!(!phrase_shape(&a, &b), "{first} {second}");
            assert_eq!(pair_with(&a, &b, Some(30)), None, "{first} {second}");
        }
        // Phrases by their shape.
        for (first, second) in [
            ("car", "wash"),
            ("call", "me"),
            ("add", "up"),
            ("my", "son"),
            ("we", "fix"),
            ("in", "bed"),
            ("to", "go"),
            ("rent", "a"),
            ("a", "car"),
        ] {
            assert!(
                phrase_shape(&entry(first), &entry(second)),
                "{first} {second}"
            );
        }
        assert!(
            !phrase_shape(&entry("a"), &entry("egg")),
            "A before a vowel"
        );
        assert!(
            !phrase_shape(&entry("an"), &entry("kid")),
            "AN before a consonant"
        );
        assert!(
            !phrase_shape(&entry("car"), &entry("me")),
            "an object pronoun needs a verb"
        );
        // A phrase outscores either of its words alone on the same digits.
        let both = phrase(&["car", "wash"]).unwrap_or(0.0);
        let alone = word(&entry("wash"), 4, true, 0) + digit_group();
        assert!(both > alone);
    }

    #[test]
    fn runs_start_and_end_on_words_that_can_start_and_end_them() {
        assert!(!can_start(&entry("a")) && can_start(&entry("rent")));
        let (our, gone, she, cake) = (entry("our"), entry("gone"), entry("she"), entry("cake"));
        assert!(!can_end(&our, Some(&gone)), "GONE-OUR is unfinished");
        assert!(!can_end(&she, Some(&cake)), "CAKE-SHE is unfinished");
        assert!(!can_end(&entry("of"), Some(&entry("car"))));
        assert!(can_end(&entry("me"), Some(&entry("call"))), "CALL-ME");
        assert!(!can_end(&entry("him"), Some(&entry("car"))), "CAR-HIM");
        assert!(can_end(&entry("wash"), Some(&entry("car"))));
        assert!(!can_end(&entry("a"), Some(&entry("rent"))));
        assert!(!can_end(&entry("was"), Some(&entry("car"))), "CAR-WAS");
        assert!(can_end(&entry("up"), Some(&entry("give"))), "GIVE-UP");
    }

    #[test]
    fn reported_scores_are_positive_and_ordered() {
        let totals = [-2.9, -1.0, 0.0, 1.25, 4.5];
        let reported: Vec<f64> = totals.iter().map(|t| normalize(*t, 7)).collect();
        assert!(reported.iter().all(|s| *s > 0.0));
        assert!(reported.windows(2).all(|w| w[0] < w[1]));
    }
}
