//! The compiled-in word list: lookups by keypad digits, nothing else.
//!
//! The arrays come from the build script, `build/main.rs` (see there for the layout), and
//! live in the binary's read-only data, so there is no start-up work: no parsing, no
//! allocation, no lazy init.
//! Each word carries two commonness signals, SCOWL's size level (10 = most common .. 80) and
//! wordfreq's Zipf frequency (how often it is used, spoken sources included), and its tags
//! (parts of speech and kinds, see [`crate::tags`]); scoring lives in `score`.

mod generated {
    include!(concat!(env!("OUT_DIR"), "/dictionary.rs"));
}

use crate::keypad::{self, BITS_PER_DIGIT};
use crate::tags;

pub use generated::MAX_WORD_LEN;

/// A word of 3+ letters used at least this often (Zipf x 10: 30 = once per million words) is
/// "common": every result must hold one, and the coverage targets count their placements.
/// Longer words get the same length credit as in the score ([`LENGTH_CREDIT`] per letter
/// beyond three): THRIFTY, used 0.8 times per million words, is common for seven letters.
pub const COMMON_ZIPF: u8 = 30;

/// Zipf (x 10) credited per letter beyond three: longer words are rarer in any text (Zipf's law
/// of abbreviation), so a seven-letter word used as often as a three-letter one is the more
/// familiar of the two. Compared within its length, FLOWERS is as everyday as CAR.
pub const LENGTH_CREDIT: f64 = 2.5;

/// One dictionary word, how common it is and what kind of word it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Its index in the compiled-in order (ids of the words that dial one key are contiguous).
    pub id: u16,
    /// Its never-offer category number (0: none), the threat-verb, modifier and downbeat
    /// bits, see [`crate::category`] and `vanity_tables::category_names`.
    pub flags: u8,
    /// Lower-case letters.
    pub word: &'static str,
    /// SCOWL size level: 10 for the most common words, up to 80.
    pub level: u8,
    /// wordfreq Zipf frequency x 10: 77 for "the", 30 for a word used once per million.
    pub zipf: u8,
    /// Parts of speech and kinds, bits from [`crate::tags`].
    pub tags: u16,
}

impl Entry {
    /// Whether this entry has any of the `tags` bits.
    pub fn is(&self, tags: u16) -> bool {
        self.tags & tags != 0
    }

    /// A word raters found clearly negative, though above the never-offer bar
    /// (`data/downbeat.tsv`: SAD, ILL, FLU): offered only after every result without one
    /// (`select`).
    pub fn is_downbeat(&self) -> bool {
        self.flags & crate::category_names::DOWNBEAT != 0
    }

    /// A word of 3+ letters in common use (see [`COMMON_ZIPF`]): the quality measures count
    /// the placements of these as the limits the dictionary sets.
    pub fn is_common(&self) -> bool {
        let credit = LENGTH_CREDIT * self.word.len().saturating_sub(3) as f64;
        self.word.len() >= 3
            && f64::from(self.zipf) + credit >= f64::from(COMMON_ZIPF)
            && !self.is(tags::ARCHAIC)
    }

    /// A word most adults know, the only kind the engine offers (see [`FAMILIAR_ZIPF`]).
    pub fn is_familiar(&self) -> bool {
        if self.is(tags::ARCHAIC | tags::ACRONYM) {
            return false;
        }
        let credit = (FAMILIAR_CREDIT * self.word.len().saturating_sub(3) as u32).min(5);
        let zipf = u32::from(self.zipf) + credit;
        let needed = match self.level {
            0..=35 => FAMILIAR_ZIPF,
            36..=50 => FAMILIAR_ZIPF_MEDIUM,
            _ => FAMILIAR_ZIPF_LARGE,
        };
        zipf >= u32::from(needed)
    }

    /// A word that can carry a result on its own: familiar, 3+ letters, and a noun, verb,
    /// adjective or adverb, a capitalised word or an acronym; not an interjection (HUH, OH)
    /// nor a function word (WAS, THE, FOR).
    pub fn is_headword(&self) -> bool {
        self.word.len() >= 3
            && self.is_familiar()
            && self.is(tags::CONTENT | tags::CAPITALISED | tags::ACRONYM)
            && !self.is(tags::FUNCTION | tags::DETERMINER | tags::OBJECT | tags::SUBJECT)
    }
}

/// Familiar words, what the engine offers: wordfreq Zipf at least 3.0 (once per million
/// words: the top of the low-frequency band, Zipf 1 to 3, of van Heuven et al. 2014, who
/// defined the scale) for words SCOWL lists up to level 35 (its "small" size, the words of
/// the smallest common spelling dictionaries); [`FAMILIAR_ZIPF_MEDIUM`] for levels 40 to 50
/// (the "medium" size of the standard American dictionary, Debian's `wamerican`) and
/// [`FAMILIAR_ZIPF_LARGE`] beyond, where SCOWL's lists hold rare, technical and slang words
/// that are frequent in web text without being known (KAT, PAC, BAM). KIP (Zipf 3.0, level
/// 55) and AUK (2.3) are not familiar. Longer words are rarer in any text, so each letter
/// beyond three credits 0.1, up to 0.5: THRIFTY (2.9) is familiar. Acronyms (USA, IRS) are
/// spelled out letter by letter, not heard as words, and archaic forms (THY) are not
/// everyday: neither is offered. Zipf values are stored x 10.
pub const FAMILIAR_ZIPF: u8 = 30;
/// See [`FAMILIAR_ZIPF`]: Zipf 3.7 for SCOWL levels 40 to 50 (ISM 3.1 and ZED 3.0 are not).
pub const FAMILIAR_ZIPF_MEDIUM: u8 = 37;
/// See [`FAMILIAR_ZIPF`]: Zipf 4.0 beyond SCOWL level 50 (MEDS 3.6 and YAY 3.9 are not;
/// MEDICARE, 3.9 with the length credit, is).
pub const FAMILIAR_ZIPF_LARGE: u8 = 40;
/// Credit per letter beyond three (Zipf x 10) and its cap, see [`FAMILIAR_ZIPF`].
const FAMILIAR_CREDIT: u32 = 1;

/// Every word whose letters dial exactly `digits` (`b'2'..=b'9'`), most used first; empty
/// for other digits.
pub fn exact(digits: &[u8]) -> impl Iterator<Item = Entry> {
    band_entries(digits.len(), exact_in_band(digits))
}

/// Every word of `len` letters whose first letters dial `prefix` (shorter than `len`).
pub fn starting_with(prefix: &[u8], len: usize) -> impl Iterator<Item = Entry> {
    band_entries(len, starting_in_band(prefix, len))
}

/// The ids of the words [`exact`] returns (a contiguous range).
pub fn exact_ids(digits: &[u8]) -> std::ops::Range<u16> {
    to_ids(digits.len(), exact_in_band(digits))
}

/// The ids of the words [`starting_with`] returns (a contiguous range).
pub fn starting_ids(prefix: &[u8], len: usize) -> std::ops::Range<u16> {
    to_ids(len, starting_in_band(prefix, len))
}

/// The word with this id; `None` past the last word.
pub fn entry(id: u16) -> Option<Entry> {
    let id = usize::from(id);
    let len = (1..=MAX_WORD_LEN).find(|&len| id < generated::BAND[len + 1] as usize)?;
    let first = generated::BAND[len] as usize;
    band_entries(len, id - first..id - first + 1).next()
}

/// The attested successors of word `first` whose ids lie in `ids`, with each pair's bigram
/// Zipf value x 10 (see `data/bigrams.tsv`), ascending by id.
pub fn successors(first: u16, ids: std::ops::Range<u16>) -> impl Iterator<Item = (u16, u8)> {
    let first = usize::from(first).min(generated::WORD_COUNT);
    let at = generated::NEXT_AT[first] as usize;
    let end = generated::NEXT_AT[(first + 1).min(generated::WORD_COUNT)] as usize;
    let next = &generated::NEXT[at..end.max(at)];
    let start = next.partition_point(|&id| id < ids.start);
    // The words that dial one span are few next to a common word's successors (MY has
    // thousands): after one binary search, counting them beats a second one.
    let stop = start + next[start..].iter().take_while(|&&id| id < ids.end).count();
    (at + start..at + stop).map(|i| (generated::NEXT[i], generated::NEXT_ZIPF[i]))
}

/// A pair only the language model holds: offered only where a phrase pattern makes it, at
/// less cost than an unheld pattern pair (`search`).
pub use vanity_tables::phrases::HELD_ZIPF10;

/// The bigram Zipf value x 10 of `first` followed by `second`, if a pair list holds the pair
/// ([`HELD_ZIPF10`]: held by the language model only).
pub fn bigram(first: u16, second: u16) -> Option<u8> {
    successors(first, second..second.saturating_add(1))
        .next()
        .map(|(_, zipf)| zipf)
}

/// The category number of the pair `first second` when it is blocked as a phrase, else 0.
pub(crate) fn pair_category(first: u16, second: u16) -> u8 {
    let key = u32::from(first) << 16 | u32::from(second);
    generated::PAIR_CATEGORY
        .binary_search_by_key(&key, |p| p.0)
        .map_or(0, |i| generated::PAIR_CATEGORY[i].1)
}

/// Every pair blocked as a phrase, with its category number: for tests.
pub fn blocked_pairs() -> impl Iterator<Item = (Entry, Entry, u8)> {
    generated::PAIR_CATEGORY
        .iter()
        .filter_map(|&(key, number)| Some((entry((key >> 16) as u16)?, entry(key as u16)?, number)))
}

fn exact_in_band(digits: &[u8]) -> std::ops::Range<usize> {
    keypad::pack_digits(digits).map_or(0..0, |key| find(digits.len(), key, key))
}

fn starting_in_band(prefix: &[u8], len: usize) -> std::ops::Range<usize> {
    match keypad::pack_digits(prefix) {
        Some(key) if prefix.len() < len && len <= MAX_WORD_LEN => {
            let shift = BITS_PER_DIGIT * (len - prefix.len()) as u32;
            let low = key << shift;
            let high = low | ((1u32 << shift) - 1);
            find(len, low, high)
        }
        _ => 0..0,
    }
}

fn to_ids(len: usize, range: std::ops::Range<usize>) -> std::ops::Range<u16> {
    if !(1..=MAX_WORD_LEN).contains(&len) || range.is_empty() {
        return 0..0;
    }
    let first = generated::BAND[len] as usize;
    (first + range.start) as u16..(first + range.end) as u16
}

/// The entry for `word` (lower case), if the dictionary holds it.
pub fn exact_word(word: &str) -> Option<Entry> {
    // On the stack: this runs while results are formatted.
    let mut digits = [0u8; MAX_WORD_LEN];
    if word.len() > MAX_WORD_LEN {
        return None;
    }
    for (slot, b) in digits.iter_mut().zip(word.bytes()) {
        *slot = keypad::digit_for(b)?;
    }
    exact(&digits[..word.len()]).find(|e| e.word == word)
}

/// Number of words compiled in.
pub fn len() -> usize {
    generated::WORD_COUNT
}

/// Every word, for tests and statistics.
pub fn all() -> impl Iterator<Item = Entry> {
    (1..=MAX_WORD_LEN).flat_map(|len| band_entries(len, 0..band(len).len()))
}

/// The blocklist packed five bits a letter (a = 1), sorted: see `blocklist`.
pub(crate) fn blocked_keys() -> &'static [u64] {
    &generated::BLOCKED_KEYS
}

/// The blocklist compiled in from `data/blocklist.txt`, sorted.
pub fn blocked() -> &'static [&'static str] {
    &generated::BLOCKED
}

/// Indexes (relative to the band) of the words of length `len` with keys in `low..=high`.
fn find(len: usize, low: u32, high: u32) -> std::ops::Range<usize> {
    let keys = band(len);
    let start = keys.partition_point(|&k| k < low);
    let end = start + keys[start..].partition_point(|&k| k <= high);
    start..end
}

/// The sorted keys of the words of length `len` (empty for lengths not in the dictionary).
fn band(len: usize) -> &'static [u32] {
    if len == 0 || len > MAX_WORD_LEN {
        return &[];
    }
    let start = generated::BAND[len] as usize;
    let end = generated::BAND[len + 1] as usize;
    &generated::KEYS[start..end]
}

fn band_entries(len: usize, range: std::ops::Range<usize>) -> impl Iterator<Item = Entry> {
    let (first, text_at) = if (1..=MAX_WORD_LEN).contains(&len) {
        (
            generated::BAND[len] as usize,
            generated::TEXT_AT[len] as usize,
        )
    } else {
        (0, 0)
    };
    range.map(move |i| {
        let at = text_at + i * len;
        Entry {
            id: (first + i) as u16,
            flags: generated::FLAGS[first + i],
            word: &generated::TEXT[at..at + len],
            level: generated::LEVELS[first + i],
            zipf: generated::ZIPF[first + i],
            tags: generated::TAGS[first + i],
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(found: impl Iterator<Item = Entry>) -> Vec<&'static str> {
        found.map(|e| e.word).collect()
    }

    #[test]
    fn exact_lookup_finds_every_word_spelling_the_digits() {
        let cases: &[(&[u8], &[&str])] = &[
            (b"3569377", &["flowers"]),
            (b"2668228", &["contact"]),
            (b"227", &["bar", "cap", "car"]),
            (b"9274", &["wash"]),
        ];
        for (digits, expected) in cases {
            let found = words(exact(digits));
            for word in *expected {
                assert!(
                    found.contains(word),
                    "{word} missing for {:?}: {found:?}",
                    digits
                );
            }
            for word in &found {
                assert_eq!(
                    keypad::pack_word(word.as_bytes()),
                    keypad::pack_digits(digits)
                );
            }
        }
    }

    #[test]
    fn words_of_one_key_come_most_used_first() {
        for digits in [&b"227"[..], b"4663", b"2273", b"46"] {
            let zipf: Vec<u8> = exact(digits).map(|e| e.zipf).collect();
            assert!(zipf.len() > 1, "{digits:?} should have several words");
            assert!(
                zipf.windows(2).all(|w| w[0] >= w[1]),
                "{digits:?}: {zipf:?}"
            );
        }
    }

    #[test]
    fn one_letter_words_are_the_two_connectors() {
        let single: Vec<Entry> = all().filter(|e| e.word.len() == 1).collect();
        let words: Vec<&str> = single.iter().map(|e| e.word).collect();
        assert_eq!(words, ["a", "i"]);
        assert!(single.iter().all(|e| e.is(tags::CONNECTOR)));
    }

    #[test]
    fn tags_and_frequencies_come_through() {
        // (word, a tag it must have)
        let cases = [
            ("car", tags::NOUN),
            ("wash", tags::VERB),
            ("blue", tags::ADJECTIVE),
            ("now", tags::ADVERB),
            ("our", tags::DETERMINER),
            ("him", tags::OBJECT),
            ("she", tags::SUBJECT),
            ("of", tags::FUNCTION),
            ("thy", tags::ARCHAIC),
            ("tubs", tags::INFLECTED),
            ("usa", tags::ACRONYM),
            ("april", tags::CAPITALISED),
        ];
        for (word, tag) in cases {
            let entry = exact_word(word).unwrap_or_else(|| panic!("{word} missing"));
            assert!(entry.is(tag), "{entry:?}");
        }
        let the = exact_word("the").map(|e| e.zipf).unwrap_or(0);
        let car = exact_word("car").map(|e| e.zipf).unwrap_or(0);
        assert!(the > car && car > COMMON_ZIPF, "the {the}, car {car}");
    }

    #[test]
    fn familiar_words_are_the_ones_most_adults_know() {
        // Familiar: everyday words, long words credited for length, MEDICARE (level 60).
        for word in [
            "car", "wash", "hug", "yawn", "thrifty", "flowers", "medicare",
        ] {
            let e = exact_word(word).unwrap_or_else(|| panic!("{word} missing"));
            assert!(e.is_familiar(), "{word} {e:?}");
        }
        // Not: rare words, level-50 words under Zipf 3.7, web slang, acronyms, archaic forms.
        for word in [
            "auk", "kip", "ism", "zed", "kat", "yay", "usa", "irs", "thy",
        ] {
            let e = exact_word(word).unwrap_or_else(|| panic!("{word} missing"));
            assert!(!e.is_familiar(), "{word} {e:?}");
        }
        // A headword carries a result alone: not an interjection nor a function word.
        assert!(exact_word("hug").is_some_and(|e| e.is_headword()));
        for word in ["huh", "was", "for", "the", "go"] {
            assert!(!exact_word(word).is_some_and(|e| e.is_headword()), "{word}");
        }
    }

    #[test]
    fn digits_without_letters_find_nothing() {
        for digits in [&b"101"[..], b"2207", b"", b"1234567890123"] {
            assert_eq!(exact(digits).count(), 0, "{digits:?}");
        }
    }

    #[test]
    fn prefix_lookup_returns_longer_words_that_start_with_the_digits() {
        let found = words(starting_with(b"2668228", 8));
        assert!(found.contains(&"contacts"), "{found:?}");
        let found = words(starting_with(b"6288737", 8));
        assert!(found.contains(&"mattress"), "{found:?}");
        for word in found {
            assert!(
                word.len() == 8
                    && keypad::pack_word(&word.as_bytes()[..7]) == keypad::pack_digits(b"6288737")
            );
        }
        assert_eq!(
            starting_with(b"228", 3).count(),
            0,
            "a prefix must be shorter than the word"
        );
    }

    #[test]
    fn bands_are_sorted_and_words_lower_case() {
        for len in 1..=MAX_WORD_LEN {
            assert!(
                band(len).windows(2).all(|w| w[0] <= w[1]),
                "band {len} unsorted"
            );
        }
        assert!(len() > 30_000, "dictionary unexpectedly small: {}", len());
        for entry in all() {
            assert!(
                entry.word.bytes().all(|b| b.is_ascii_lowercase()),
                "{}",
                entry.word
            );
            assert!(
                [10, 20, 35, 40, 50, 55, 60, 70, 80].contains(&entry.level) && entry.zipf <= 80,
                "{entry:?}"
            );
        }
    }

    #[test]
    fn no_blocked_word_is_in_the_dictionary() {
        let blocked = blocked();
        assert!(blocked.len() > 50);
        for entry in all() {
            assert!(
                blocked.binary_search(&entry.word).is_err(),
                "{} is blocked",
                entry.word
            );
        }
    }
}
