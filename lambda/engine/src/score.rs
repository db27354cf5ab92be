//! The score that ranks vanity numbers, and the bar below which a result is noise.
//!
//! The score is a sum over the groups of the subscriber part, so the search can add it up
//! piece by piece (see `search`). Per word:
//!
//! ```text
//! dialed letters x commonness(level)    coverage, weighted by how well-known the word is
//! - PER_WORD                            fewer, longer words read better than many short ones
//! + END_BONUS       if a word of 3+ letters ends the number ("...-FLOWERS", as advertised;
//!                   a trailing two-letter word is not what people remember)
//! - OVERRUN_LETTER  per letter past the last digit (CONTACTS on 266-8228)
//! ```
//!
//! and each group of leftover digits costs `PER_DIGIT_GROUP` (one group "55" reads better than
//! "5-CAR-5"). Leftover digits earn nothing, so covering more digits always helps. The result's
//! [`crate::Vanity::score`] is that sum divided by the seven subscriber digits, so a seven-letter
//! very common word scores 6/7 ~ 0.86 and scores compare across numbers.

/// Words cost this much each: two common words covering seven digits (3 + 4 letters, level 10)
/// score 7 - 3 + 0.5 = 4.5, below one seven-letter level-35 word (7 x 0.85 - 1.5 + 0.5 = 4.95),
/// and a two-letter common word adds only 0.5, so it appears only when it links real words.
pub const PER_WORD: f64 = 1.5;
/// A word that ends the number is how vanity numbers are advertised and remembered.
pub const END_BONUS: f64 = 0.5;
/// A letter that is not dialed: acceptable (1-800-CONTACTS), but an exact fit of similar
/// quality must rank first.
pub const OVERRUN_LETTER: f64 = 0.6;
/// Each run of leftover digits is one more thing to say and write.
pub const PER_DIGIT_GROUP: f64 = 0.25;
/// Results below this sum are noise: a lone three-letter common word next to one digit group
/// passes (1-800-TAX-1040: 3 - 1.5 - 0.25 = 1.25); the same word lost between two digit
/// groups, or a lone rarer three-letter word, does not.
pub const MIN_TOTAL: f64 = 1.25;
/// Results scoring under this share of the best result for the same number are dropped: they
/// would only pad the list with weaker spellings of the same digits.
pub const MIN_SHARE_OF_BEST: f64 = 0.35;

/// Weight per dialed letter by SCOWL size level: 10 = the most common English words.
pub fn commonness(level: u8) -> f64 {
    match level {
        0..=10 => 1.0,
        11..=20 => 0.95,
        21..=35 => 0.85,
        36..=40 => 0.8,
        41..=50 => 0.7,
        51..=55 => 0.6,
        _ => 0.5,
    }
}

/// The contribution of one word of `dialed` dialed letters plus `overrun` undialed ones.
pub fn word(dialed: usize, level: u8, ends_number: bool, overrun: usize) -> f64 {
    let end = if ends_number && dialed >= 3 {
        END_BONUS
    } else {
        0.0
    };
    dialed as f64 * commonness(level) - PER_WORD + end - overrun as f64 * OVERRUN_LETTER
}

/// The contribution of one group of leftover digits.
pub fn digit_group() -> f64 {
    -PER_DIGIT_GROUP
}

/// The sum as reported to callers: per subscriber digit.
pub fn normalize(total: f64, subscriber_len: usize) -> f64 {
    total / subscriber_len.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordering_rules_hold() {
        // (better, worse, why)
        let cases = [
            (
                word(7, 10, true, 0),
                word(7, 10, true, 1),
                "exact fit beats overrun of equal words",
            ),
            (
                word(7, 35, true, 0),
                word(3, 10, false, 0) + word(4, 10, true, 0),
                "one long word beats two",
            ),
            (
                word(3, 10, false, 0) + word(4, 10, true, 0),
                word(7, 60, true, 0),
                "common pair beats rare word",
            ),
            (
                word(4, 10, true, 0),
                word(4, 10, false, 0),
                "ending the number helps",
            ),
            (
                word(3, 10, true, 0) - word(3, 10, false, 0),
                word(2, 10, true, 0) - word(2, 10, false, 0),
                "the end bonus is for real words, not two-letter fillers",
            ),
            (
                word(5, 10, true, 0) + digit_group(),
                word(3, 10, true, 0) + digit_group(),
                "coverage helps",
            ),
            (
                word(4, 10, true, 0),
                word(4, 50, true, 0),
                "common beats rare",
            ),
        ];
        for (better, worse, why) in cases {
            assert!(better > worse, "{why}: {better} <= {worse}");
        }
    }

    #[test]
    fn bar_keeps_short_common_words_and_drops_rare_ones() {
        assert!(word(3, 10, true, 0) + digit_group() >= MIN_TOTAL);
        assert!(word(3, 10, false, 0) + digit_group() >= MIN_TOTAL);
        assert!(word(3, 10, false, 0) + 2.0 * digit_group() < MIN_TOTAL);
        assert!(word(3, 35, false, 0) + digit_group() < MIN_TOTAL);
        assert!(word(2, 10, true, 0) + digit_group() < MIN_TOTAL);
    }
}
