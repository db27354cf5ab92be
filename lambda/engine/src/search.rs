//! The search: every way to split the subscriber digits into dictionary words and runs of
//! leftover digits, best first, by dynamic programming over suffixes.
//!
//! For each position `i` (right to left) we keep the `keep` best distinct spellings of the
//! digits from `i` to the end, in two lists: those that start with a word, and all of them.
//! A spelling of `i..` is a word on `i..j` followed by any spelling of `j..`, or a digit run on
//! `i..j` followed by a spelling that starts with a word (so digit runs are always maximal and
//! shown as one group), or, at the end only, a word that runs one or two letters past the last
//! digit. Because the score is a sum over groups (see `score`), the best spellings of `i..` are
//! built from the best spellings of shorter suffixes, and the whole search touches at most
//! `keep` entries per position and word instead of every segmentation.

use crate::dictionary::{self, Entry};
use crate::score;
use crate::tags;

/// Letters a word may run past the last digit (1-800-CONTACTS); more reads as a different word.
pub const MAX_OVERRUN: usize = 2;
/// Longest spelling: a full subscriber part plus overrun.
pub const MAX_TEXT: usize = crate::number::SUBSCRIBER_LEN + MAX_OVERRUN;

/// An overrunning word must dial at least this many letters, and at least three per undialed
/// letter, so the dialed part carries the word (RED-CROSS dials CROS; CENT from "236" would
/// be a different number's word)...
const MIN_DIALED_FOR_OVERRUN: usize = 4;
const DIALED_PER_OVERRUN: usize = 3;
/// ...except the last word of a phrase: a word after another word (or after "2"/"4", read
/// "to"/"for") may dial as few as two letters and run one past the end when it is an everyday
/// word (Zipf 4+, used ten times per million words) and the pair reads as English: DASH-2-DOT.
const PHRASE_OVERRUN_MIN_DIALED: usize = 2;
const PHRASE_OVERRUN_ZIPF: u8 = 40;
/// Most words in one result, connectors included: more is a list, not a phrase.
const MAX_WORDS: u8 = 3;

/// One spelling of a suffix of the subscriber digits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spelling {
    /// Sum of the group scores (see `score`).
    pub total: f64,
    /// Upper-case letters and digits, `len` of them.
    text: [u8; MAX_TEXT],
    len: u8,
    /// Bit `k` set: a group (word or digit run) starts at `text[k]`.
    starts: u16,
    /// Letters past the last digit.
    pub overrun: u8,
    /// The kind of the first group when it is a word (its pair term with a word prepended
    /// depends on it).
    first: Option<score::Kind>,
    /// The first group is the last word of its run (digits or the end follow it).
    first_ends_run: bool,
    /// The first run of words holds a word of 3+ letters.
    run_long: bool,
    /// Any word at all, and any common word (see `Entry::is_common`).
    has_word: bool,
    has_common: bool,
    /// Words so far, connectors included.
    words: u8,
    /// The last word is a short phrase overrun and still needs a word before it.
    needs_lead: bool,
}

impl Spelling {
    const EMPTY: Spelling = Spelling {
        total: 0.0,
        text: [0; MAX_TEXT],
        len: 0,
        starts: 0,
        overrun: 0,
        first: None,
        first_ends_run: false,
        run_long: false,
        has_word: false,
        has_common: false,
        words: 0,
        needs_lead: false,
    };

    /// The letters and digits, e.g. "CARWASH" or "55CARS".
    pub fn text(&self) -> &str {
        // Only ASCII letters and digits are ever written into `text`.
        std::str::from_utf8(&self.text[..usize::from(self.len)]).unwrap_or_default()
    }

    /// The letters and digits as one integer that orders and compares like the text: bytes
    /// big-endian, zero-padded (text never holds a zero byte, so a shorter text that is a
    /// prefix of a longer one sorts first, as with slices). Ranking compares texts thousands of
    /// times per number; integers avoid a `memcmp` call each time.
    fn key(&self) -> u128 {
        let mut bytes = [0u8; 16];
        bytes[..MAX_TEXT].copy_from_slice(&self.text);
        u128::from_be_bytes(bytes)
    }

    /// The groups in order: words (upper case) and digit runs.
    pub fn groups(&self) -> impl Iterator<Item = &str> + '_ {
        let text = self.text();
        let len = text.len();
        let mut at = 0;
        std::iter::from_fn(move || {
            if at >= len {
                return None;
            }
            let start = at;
            at += 1;
            while at < len && self.starts & (1 << at) == 0 {
                at += 1;
            }
            text.get(start..at)
        })
    }

    /// Whether this spelling of the whole subscriber part may be offered: it holds a common
    /// word, does not start with a connector or a run of short words only, and no phrase
    /// overrun is left without its lead word.
    pub fn is_complete(&self) -> bool {
        let first_ok = match self.first {
            Some(first) => !first.is(tags::CONNECTOR) && self.run_long,
            None => true,
        };
        self.has_common && first_ok && !self.needs_lead
    }

    /// This spelling with `group` in front of it.
    fn prepend(&self, group: &[u8], score: f64, overrun: usize) -> Option<Spelling> {
        let len = group.len() + usize::from(self.len);
        if len > MAX_TEXT {
            return None;
        }
        let mut text = [0u8; MAX_TEXT];
        text[..group.len()].copy_from_slice(group);
        text[group.len()..len].copy_from_slice(&self.text[..usize::from(self.len)]);
        Some(Spelling {
            total: self.total + score,
            text,
            len: len as u8,
            starts: 1 | (self.starts << group.len()),
            overrun: self.overrun + overrun as u8,
            ..*self
        })
    }

    /// This spelling with the digit run `run` in front of it; `None` when that would strand a
    /// connector, a run of two-letter words, or a phrase overrun.
    fn prepend_digits(&self, run: &[u8]) -> Option<Spelling> {
        if let Some(first) = self.first {
            if first.is(tags::CONNECTOR) || !self.run_long {
                return None;
            }
        }
        if self.needs_lead && !(self.first.is_some() && matches!(run, b"2" | b"4")) {
            return None;
        }
        let mut out = self.prepend(run, score::digit_group(), 0)?;
        out.first = None;
        out.first_ends_run = false;
        Some(out)
    }

    /// This spelling with the word `entry` (letters `upper`, `dialed` of them dialed) in front.
    /// `own` is the word's own score (`score::word`) and `common` whether it is a common word,
    /// both worked out once per word rather than once per rest.
    fn prepend_word(&self, entry: Entry, upper: &[u8], own: f64, common: bool) -> Option<Spelling> {
        let connector = entry.is(tags::CONNECTOR);
        let kind = score::Kind::of(&entry);
        let mut score = own;
        let long = entry.word.len() >= 3;
        let mut run_long = long;
        match self.first {
            Some(next) => {
                let fit = score::pair_kinds(kind, next)?;
                // A phrase overrun needs a strong phrase: a pattern English builds on.
                if self.needs_lead && (fit <= 0.0 || !entry.is(tags::CONTENT | tags::CONNECTOR)) {
                    return None;
                }
                score += fit;
                if self.first_ends_run && next.is(tags::OBJECT) {
                    // `next` was charged as if nothing came before it.
                    score +=
                        score::dangling_kind(next, None) - score::dangling_kind(next, Some(kind));
                }
                run_long |= self.run_long;
            }
            None if connector => return None,
            None => {
                score -= score::dangling(&entry, None);
                // "2"/"4" before a phrase overrun reads as "to"/"for": one phrase, not two.
                if self.has_word && !self.needs_lead {
                    score -= score::SEPARATED_RUN;
                }
                // A phrase overrun after "2"/"4" takes this word as its lead.
                if self.needs_lead && !entry.is(tags::CONTENT) {
                    return None;
                }
            }
        }
        let words = self.words + 1;
        if words > MAX_WORDS || (connector && self.first.is_none()) {
            return None;
        }
        let mut out = self.prepend(upper, score, 0)?;
        out.first = Some(kind);
        out.first_ends_run = self.first.is_none();
        out.run_long = run_long;
        out.has_word = true;
        out.has_common = self.has_common || common;
        out.words = words;
        out.needs_lead = false;
        Some(out)
    }

    /// A word that ends the number and runs `extra` letters past it.
    fn overrun(
        entry: Entry,
        upper: &[u8],
        dialed: usize,
        extra: usize,
        phrase: bool,
    ) -> Option<Spelling> {
        let score = score::word(&entry, dialed, true, extra) - score::dangling(&entry, None);
        let mut out = Spelling::EMPTY.prepend(upper, score, extra)?;
        out.first = Some(score::Kind::of(&entry));
        out.first_ends_run = true;
        out.run_long = entry.word.len() >= 3;
        out.has_word = true;
        out.has_common = entry.is_common();
        out.words = 1;
        out.needs_lead = phrase;
        Some(out)
    }
}

/// The best `keep` distinct spellings of `digits` (ASCII `0..=9`, at most the subscriber
/// length), best first; ties broken by text so the order is deterministic.
pub fn spellings(digits: &[u8], keep: usize) -> Vec<Spelling> {
    let n = digits.len().min(crate::number::SUBSCRIBER_LEN);
    let digits = &digits[..n];
    let keep = keep.max(1);
    // word_first[i]: best spellings of digits[i..] that start with a word (or are empty, at n);
    // any[i]: best spellings of digits[i..].
    let mut word_first: Vec<Vec<Spelling>> = vec![Vec::new(); n + 1];
    let mut any: Vec<Vec<Spelling>> = vec![Vec::new(); n + 1];
    word_first[n].push(Spelling::EMPTY);
    any[n].push(Spelling::EMPTY);
    let mut candidates = Vec::new();
    let mut upper = [0u8; dictionary::MAX_WORD_LEN];

    for i in (0..n).rev() {
        candidates.clear();
        for j in i + 1..=n.min(i + dictionary::MAX_WORD_LEN) {
            // Entries of one key come most used first, and a word's own score grows with use,
            // so the first `keep` are the ones that can make the list (pair terms can reorder
            // words of one key a little; the advertised and coverage tests show the margin
            // is enough).
            for (rank, entry) in dictionary::exact(&digits[i..j]).take(keep).enumerate() {
                let word = uppercase(entry.word, &mut upper);
                let own = score::word(&entry, j - i, j == n, 0);
                let common = entry.is_common();
                // Word `rank` pairs with rest `r` only if (rank + 1) * (r + 1) <= 2 * keep:
                // every better pair (an earlier word or rest) is a candidate too, so a pair
                // outside that bound has at least `keep` distinct candidates above it even if
                // half of them spell the same letters, and cannot make the list.
                let rests = (2 * keep / (rank + 1)).max(1);
                candidates.extend(
                    any[j]
                        .iter()
                        .take(rests)
                        .filter_map(|rest| rest.prepend_word(entry, word, own, common)),
                );
            }
        }
        let dialed = n - i;
        if dialed >= MIN_DIALED_FOR_OVERRUN {
            let allowed = (dialed / DIALED_PER_OVERRUN).min(MAX_OVERRUN);
            for extra in 1..=allowed {
                for entry in dictionary::starting_with(&digits[i..n], dialed + extra) {
                    let word = uppercase(entry.word, &mut upper);
                    candidates.extend(Spelling::overrun(entry, word, dialed, extra, false));
                }
            }
        } else if dialed >= PHRASE_OVERRUN_MIN_DIALED {
            for entry in dictionary::starting_with(&digits[i..n], dialed + 1) {
                if entry.zipf >= PHRASE_OVERRUN_ZIPF && entry.is(tags::CONTENT) {
                    let word = uppercase(entry.word, &mut upper);
                    candidates.extend(Spelling::overrun(entry, word, dialed, 1, true));
                }
            }
        }
        word_first[i] = best(&mut candidates, keep);

        candidates.clear();
        candidates.extend_from_slice(&word_first[i]);
        for j in i + 1..=n {
            let run = &digits[i..j];
            candidates.extend(
                word_first[j]
                    .iter()
                    .filter_map(|rest| rest.prepend_digits(run)),
            );
        }
        any[i] = best(&mut candidates, keep);
    }
    any.swap_remove(0)
}

/// Best first: higher total, then letters in byte order, then fewer groups (and the split
/// itself), so that equal scores, even equal letters split two ways, always come out in the
/// same order.
fn by_rank(a: &Spelling, b: &Spelling) -> std::cmp::Ordering {
    b.total
        .total_cmp(&a.total)
        .then_with(|| a.key().cmp(&b.key()))
        .then_with(|| a.starts.count_ones().cmp(&b.starts.count_ones()))
        .then_with(|| a.starts.cmp(&b.starts))
}

/// Copies a lower-case dictionary word into `buf` in upper case.
fn uppercase<'a>(word: &str, buf: &'a mut [u8; dictionary::MAX_WORD_LEN]) -> &'a [u8] {
    let len = word.len().min(buf.len());
    for (slot, b) in buf.iter_mut().zip(word.bytes()) {
        *slot = b.to_ascii_uppercase();
    }
    &buf[..len]
}

/// The `keep` best distinct spellings among `candidates`, best first.
fn best(candidates: &mut [Spelling], keep: usize) -> Vec<Spelling> {
    // Only the top few can be kept; partition them out before sorting. Three times `keep`
    // leaves room for duplicates (the same letters from different splits).
    let margin = keep.saturating_mul(3);
    let candidates = if candidates.len() > margin {
        candidates.select_nth_unstable_by(margin, by_rank);
        &mut candidates[..margin]
    } else {
        candidates
    };
    candidates.sort_unstable_by(by_rank);
    let mut kept: Vec<Spelling> = Vec::with_capacity(keep.min(candidates.len()));
    for candidate in candidates.iter() {
        if kept.len() == keep {
            break;
        }
        // The same letters can come from different splits (CAR+WASH vs CARWASH); the first,
        // higher-scoring one wins.
        let key = candidate.key();
        if !kept.iter().any(|k| k.key() == key) {
            kept.push(*candidate);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(digits: &str, keep: usize) -> Vec<String> {
        spellings(digits.as_bytes(), keep)
            .iter()
            .map(|s| s.groups().collect::<Vec<_>>().join("-"))
            .collect()
    }

    #[test]
    fn finds_multi_word_and_digit_mixed_spellings() {
        let cases = [
            ("3569377", "FLOWERS"),
            ("4685865", "GOT-JUNK"),
            ("2279274", "CAR-WASH"),
            ("3733411", "FREE-411"),
            ("2668228", "CONTACTS"),
        ];
        for (digits, expected) in cases {
            let found = texts(digits, 40);
            assert!(
                found.iter().any(|t| t == expected),
                "{expected} not in {found:?}"
            );
        }
    }

    #[test]
    fn spellings_are_sorted_distinct_and_dial_the_digits() {
        for digits in ["3569377", "2222222", "0000000", "7246837", "1010101"] {
            let found = spellings(digits.as_bytes(), 20);
            assert!(
                found.windows(2).all(|w| w[0].total >= w[1].total),
                "{digits}: unsorted"
            );
            let mut seen: Vec<&str> = found.iter().map(|s| s.text()).collect();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), found.len(), "{digits}: duplicates");
            for s in &found {
                let dialed: String = s
                    .text()
                    .bytes()
                    .take(digits.len())
                    .map(|b| char::from(crate::keypad::digit_for(b).unwrap_or(b)))
                    .collect();
                assert_eq!(dialed, digits, "{}", s.text());
                assert_eq!(s.text().len(), digits.len() + usize::from(s.overrun));
            }
        }
    }

    #[test]
    fn connectors_and_phrase_overrun_only_link_words() {
        // RENT-A-CAR: a connector between words, CAR running one letter past the end.
        let found = texts("7368222", 60);
        assert!(found.iter().any(|t| t == "RENT-A-CAR"), "{found:?}");
        // DASH-2-DOT: "2" read as "to", DOT dialing two letters.
        let found = texts("3274236", 200);
        assert!(found.iter().any(|t| t == "DASH-2-DOT"), "{found:?}");
        for digits in ["2227274", "4568379", "7368222", "3274236"] {
            for s in spellings(digits.as_bytes(), 60)
                .iter()
                .filter(|s| s.is_complete())
            {
                let groups: Vec<&str> = s.groups().collect();
                for (k, group) in groups.iter().enumerate() {
                    if group.len() == 1 && group.bytes().all(|b| b.is_ascii_alphabetic()) {
                        let word = |g: Option<&&str>| {
                            g.is_some_and(|g| g.bytes().all(|b| b.is_ascii_alphabetic()))
                        };
                        assert!(
                            k > 0 && word(groups.get(k - 1)) && word(groups.get(k + 1)),
                            "{digits}: connector not between words in {groups:?}"
                        );
                    }
                }
                if s.overrun > 0 && groups.last().is_some_and(|g| g.len() < 5) {
                    assert!(
                        groups.len() >= 2,
                        "{digits}: short overrun alone: {groups:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn digits_without_letters_give_one_all_digit_spelling() {
        let found = texts("1010101", 10);
        assert_eq!(found, vec!["1010101".to_string()]);
    }
}
