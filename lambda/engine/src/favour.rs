//! Favoured words: a set of lower-case words the engine's caller gives (the call-handler takes
//! them from the caller's Customer Profiles profile), and the one rule that uses them.
//!
//! **The rule.** Among results that are *equally readable*, one that holds a favoured word
//! comes first. Two results are equally readable when their score totals differ by at most
//! [`FAVOUR_MARGIN`], the engine's end bonus: the most the score gives for *where* a word sits
//! (ending the number, as 1-800-FLOWERS does), less than one letter of an everyday word, one
//! word more or less (`PER_WORD`) or a letter past the last digit (`OVERRUN_LETTER`). So a
//! favoured result may pass a result only as far as a placement preference would have moved
//! it, never past one that reads better by a word, a letter or a digit group.
//!
//! Only the order of results already chosen changes: the favoured words add no result, drop
//! none and make no word offerable (the never-offer categories, the blocklist and the
//! readability standard were applied before), and every result still dials the number.
//! Results that are a better one with one word swapped (`select`) stay after every other
//! result: the rule reorders each of the two groups on its own.

use std::collections::BTreeSet;

use crate::score::END_BONUS;
use crate::search::Spelling;
use crate::select::is_swap;

/// Score totals at most this far apart are equally readable (see the module doc).
pub const FAVOUR_MARGIN: f64 = END_BONUS;

/// A set of words to favour, lower case; empty (the default) changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Favour {
    words: BTreeSet<String>,
}

impl Favour {
    /// The set of `words`, each lower-cased; blank entries are left out.
    pub fn new<I, W>(words: I) -> Favour
    where
        I: IntoIterator<Item = W>,
        W: AsRef<str>,
    {
        Favour {
            words: words
                .into_iter()
                .map(|word| word.as_ref().trim().to_lowercase())
                .filter(|word| !word.is_empty())
                .collect(),
        }
    }

    /// Whether no word is favoured.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether `word` (any case) is favoured.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }

    /// The favoured words, in byte order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// Whether any word of `spelling` is favoured.
    fn holds(&self, spelling: &Spelling) -> bool {
        crate::format::words(spelling)
            .iter()
            .any(|word| self.words.contains(word))
    }
}

/// Reorders `ranked` (the chosen spellings as `select` orders them: every result that is not a
/// swap, then the swaps) so that within each of the two groups a favoured spelling comes
/// before an unfavoured one whose total is at most [`FAVOUR_MARGIN`] higher. Everything else
/// keeps its order.
pub fn apply(ranked: &mut [Spelling], favour: &Favour) {
    if favour.is_empty() {
        return;
    }
    // The swaps start at the first spelling that is a swap of one before it (no result that
    // is not a swap is one of another, `select`'s rule).
    let others = (0..ranked.len())
        .find(|&k| ranked[..k].iter().any(|better| is_swap(&ranked[k], better)))
        .unwrap_or(ranked.len());
    let (firsts, swaps) = ranked.split_at_mut(others);
    reorder(firsts, favour);
    reorder(swaps, favour);
}

/// One group: a stable sort by the total, a favoured spelling counted `FAVOUR_MARGIN` higher.
/// The group arrives sorted by total, so spellings of the same kind keep their order.
fn reorder(group: &mut [Spelling], favour: &Favour) {
    let mut keyed: Vec<(f64, Spelling)> = group
        .iter()
        .map(|s| {
            let lift = if favour.holds(s) { FAVOUR_MARGIN } else { 0.0 };
            (s.total + lift, *s)
        })
        .collect();
    // Stable: equal keys keep the engine's order (its ties by letters, then layout).
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (slot, (_, spelling)) in group.iter_mut().zip(keyed) {
        *slot = spelling;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{vanity_numbers_with, Options, Vanity};

    const NUMBER: &str = "+12062279274";

    fn results(favour: &[&str], count: usize) -> Vec<Vanity> {
        let options = Options {
            favour: Favour::new(favour),
            ..Options::default()
        };
        vanity_numbers_with(NUMBER, count, &options).unwrap_or_default()
    }

    fn letters(results: &[Vanity]) -> Vec<String> {
        results.iter().map(|v| v.letters.clone()).collect()
    }

    #[test]
    fn no_favoured_word_changes_nothing() {
        let plain = crate::vanity_numbers(NUMBER, 9).unwrap_or_default();
        assert_eq!(results(&[], 9), plain);
        assert_eq!(results(&["zzzz", "notaword"], 9), plain);
    }

    #[test]
    fn a_favoured_result_passes_equally_readable_ones_only() {
        let plain = crate::vanity_numbers(NUMBER, 9).unwrap_or_default();
        assert!(plain.len() >= 3, "{plain:?}");
        let best = plain[0].score;
        // Every word of every result, favoured alone: the favoured result rises above exactly
        // the results it is equally readable with, and the same set comes back.
        for (at, result) in plain.iter().enumerate() {
            for word in &result.words {
                let favoured = results(&[word.as_str()], 9);
                let mut sorted = letters(&favoured);
                sorted.sort();
                let mut expected = letters(&plain);
                expected.sort();
                assert_eq!(sorted, expected, "{word}: the same results");
                let new_at = favoured
                    .iter()
                    .position(|v| v.letters == result.letters)
                    .unwrap_or(usize::MAX);
                assert!(new_at <= at, "{word}: {} fell", result.letters);
                for passed in &plain[new_at..at] {
                    let margin = (passed.score - result.score) * 10.0 + 1e-9;
                    assert!(
                        passed.words.contains(word) || margin <= FAVOUR_MARGIN,
                        "{word}: {} passed {} ({} vs {best})",
                        result.letters,
                        passed.letters,
                        result.score
                    );
                }
            }
        }
    }

    /// +1 206 794 6428: 7-WHO-GAVE first, SWING-28 second and within the margin of it (found
    /// with `connect-vanity vanity`, as the golden call `profile-favoured` uses it).
    #[test]
    fn an_equally_readable_favoured_result_comes_first() {
        let number = "+12067946428";
        let plain = crate::vanity_numbers(number, 5).unwrap_or_default();
        assert_eq!(plain.get(1).map(|v| v.letters.as_str()), Some("SWING28"));
        assert!((plain[0].score - plain[1].score) * 10.0 <= FAVOUR_MARGIN);
        let options = Options {
            favour: Favour::new(["swing", "dance"]),
            ..Options::default()
        };
        let favoured = vanity_numbers_with(number, 5, &options).unwrap_or_default();
        assert_eq!(favoured[0].letters, "SWING28");
        assert_eq!(favoured[1], plain[0], "the rest keep their order");
        assert_eq!(favoured[2..], plain[2..]);
    }

    #[test]
    fn fewer_results_are_still_a_prefix_of_more() {
        for word in ["wash", "car", "bar"] {
            let nine = letters(&results(&[word], 9));
            for count in 1..9 {
                let few = letters(&results(&[word], count));
                assert_eq!(few[..], nine[..few.len()], "{word} {count}");
            }
        }
    }

    #[test]
    fn words_are_compared_in_lower_case_and_blanks_dropped() {
        let favour = Favour::new(["Car", " WASH ", "", "  "]);
        assert_eq!(favour.words().collect::<Vec<_>>(), ["car", "wash"]);
        assert!(favour.contains("CAR"));
        assert!(!Favour::new([""; 3]).contains(""));
        assert!(Favour::new([" "]).is_empty());
    }

    #[test]
    fn every_favoured_result_still_dials_the_number() {
        let digits: String = NUMBER.chars().filter(char::is_ascii_digit).collect();
        for result in results(&["car", "wash", "bar", "cap"], 9) {
            let dialed: String = result
                .display
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(crate::keypad::digit_for(b).unwrap_or(b)))
                .collect();
            let dialed = &dialed[..dialed.len() - result.overrun];
            assert_eq!(dialed, digits, "{}", result.display);
        }
    }
}
