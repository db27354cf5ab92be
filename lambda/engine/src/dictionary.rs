//! The compiled-in word list: lookups by keypad digits, nothing else.
//!
//! The arrays come from `build.rs` (see there for the layout) and live in the binary's
//! read-only data, so there is no start-up work: no parsing, no allocation, no lazy init.
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
/// Longer words get the same length credit as in the score (`score::LENGTH_CREDIT` per letter
/// beyond three): THRIFTY, used 0.8 times per million words, is common for seven letters.
pub const COMMON_ZIPF: u8 = 30;

/// One dictionary word, how common it is and what kind of word it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
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

    /// A word of 3+ letters in common use: what a result must hold (see [`COMMON_ZIPF`]).
    pub fn is_common(&self) -> bool {
        let credit = crate::score::LENGTH_CREDIT * self.word.len().saturating_sub(3) as f64;
        self.word.len() >= 3
            && f64::from(self.zipf) + credit >= f64::from(COMMON_ZIPF)
            && !self.is(tags::ARCHAIC)
    }
}

/// Every word whose letters dial exactly `digits` (`b'2'..=b'9'`), most used first; empty
/// for other digits.
pub fn exact(digits: &[u8]) -> impl Iterator<Item = Entry> {
    let found = keypad::pack_digits(digits).map_or(0..0, |key| find(digits.len(), key, key));
    band_entries(digits.len(), found)
}

/// Every word of `len` letters whose first letters dial `prefix` (shorter than `len`).
pub fn starting_with(prefix: &[u8], len: usize) -> impl Iterator<Item = Entry> {
    let found = match keypad::pack_digits(prefix) {
        Some(key) if prefix.len() < len && len <= MAX_WORD_LEN => {
            let shift = BITS_PER_DIGIT * (len - prefix.len()) as u32;
            let low = key << shift;
            let high = low | ((1u32 << shift) - 1);
            find(len, low, high)
        }
        _ => 0..0,
    };
    band_entries(len, found)
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
