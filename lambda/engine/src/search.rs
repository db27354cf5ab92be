//! The search: every way to spell the subscriber digits as one run of words with leftover
//! digits before and after it, keeping only runs worth offering.
//!
//! A run is a single familiar word, or a phrase of up to `MAX_WORDS` words in which every
//! adjacent pair is attested and shaped like a phrase (`score::pair`); a third word only
//! follows a connector (RENT-A-CAR). The search walks each start position, each first
//! word, and then only the attested successors of the word before (one binary search in its
//! successor list per span, see `dictionary::successors`), so unattested salad is never even
//! built. A word offered must be familiar (`Entry::is_familiar`) and allowed (`category`); a
//! run must hold a headword (a familiar content word of 3+ letters), may not start with a
//! connector nor end unfinished (`score::can_start`, `score::can_end`), and its last word may
//! run one or two letters past the last digit (overrun, rules below). Ranking and the final
//! choice of results are `select`'s.

use crate::category::Allowed;
use crate::dictionary::{self, Entry};
use crate::pattern;
use crate::score;
use crate::tags;
use std::cell::Cell;

/// Letters a word may run past the last digit (1-800-CONTACTS); more reads as a different word.
pub const MAX_OVERRUN: usize = 2;
/// Longest spelling: a full subscriber part plus overrun.
pub const MAX_TEXT: usize = crate::number::SUBSCRIBER_LEN + MAX_OVERRUN;
/// An overrunning word must dial at least this many letters, and at least three per undialed
/// letter, so the dialed part carries the word (RED-CROSS dials CROS)...
const MIN_DIALED_FOR_OVERRUN: usize = 4;
const DIALED_PER_OVERRUN: usize = 3;
/// ...except the last word of a phrase: after another word it may dial as few as two letters
/// and run one past the end when it is an everyday word (Zipf 4+, ten uses per million words):
/// RENT-A-CAR on 736-8222.
const PHRASE_OVERRUN_MIN_DIALED: usize = 2;
const PHRASE_OVERRUN_ZIPF: u8 = 40;
/// Most words in one run, connectors included: more is a list, not a phrase.
pub const MAX_WORDS: usize = 3;

/// One spelling of the subscriber digits: leftover digits, one run of words, leftover digits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spelling {
    /// Sum of the group and pair scores (see `score`).
    pub total: f64,
    /// Upper-case letters and digits, `len` of them.
    text: [u8; MAX_TEXT],
    len: u8,
    /// Bit `k` set: a group (word or digit run) starts at `text[k]`.
    starts: u16,
    /// Bit `k` set: a word starts at `text[k]`.
    word_starts: u16,
    /// Letters past the last digit.
    pub overrun: u8,
    /// The words' dictionary ids, in order, `words` of them.
    ids: [u16; MAX_WORDS],
    words: u8,
}

impl Spelling {
    /// The letters and digits, e.g. "CARWASH" or "55CARS".
    pub fn text(&self) -> &str {
        // Only ASCII letters and digits are ever written into `text`.
        std::str::from_utf8(&self.text[..usize::from(self.len)]).unwrap_or_default()
    }

    /// The letters and digits as one integer that orders and compares like the text: bytes
    /// big-endian, zero-padded (text never holds a zero byte, so a shorter text that is a
    /// prefix of a longer one sorts first, as with slices). Cheaper than comparing slices.
    pub fn key(&self) -> u128 {
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

    /// The words' dictionary ids, in order.
    pub fn ids(&self) -> &[u16] {
        &self.ids[..usize::from(self.words)]
    }

    /// Where the groups and the words start (bit `k`: at letter `k`) and how long the text
    /// is: two spellings with the same layout put their words at the same places.
    pub fn layout(&self) -> (u16, u16, u8) {
        (self.starts, self.word_starts, self.len)
    }
}

#[cfg(test)]
impl Spelling {
    /// A spelling of adjacent dictionary words and nothing else, for tests.
    pub(crate) fn of_words(words: &[&str]) -> Spelling {
        let mut spelling = Spelling {
            total: 0.0,
            text: [0; MAX_TEXT],
            len: 0,
            starts: 0,
            word_starts: 0,
            overrun: 0,
            ids: [0; MAX_WORDS],
            words: words.len().min(MAX_WORDS) as u8,
        };
        let mut at = 0;
        for (k, word) in words.iter().take(MAX_WORDS).enumerate() {
            let entry = dictionary::exact_word(word).unwrap_or_else(|| panic!("{word}"));
            spelling.ids[k] = entry.id;
            spelling.word_starts |= 1 << at;
            push_group(
                &mut spelling,
                &mut at,
                word.bytes().map(|b| b.to_ascii_uppercase()),
            );
        }
        spelling.len = at as u8;
        spelling
    }
}

/// A run of words being grown: where it starts, its words, its score so far.
#[derive(Clone, Copy)]
struct Run {
    start: usize,
    entries: [Option<Entry>; MAX_WORDS],
    count: usize,
    total: f64,
    headword: bool,
}

impl Run {
    fn last(&self) -> Option<Entry> {
        self.count.checked_sub(1).and_then(|k| self.entries[k])
    }

    fn previous(&self) -> Option<Entry> {
        self.count.checked_sub(2).and_then(|k| self.entries[k])
    }

    fn push(&self, entry: Entry, own: f64, pair: f64) -> Run {
        let mut next = *self;
        next.entries[self.count] = Some(entry);
        next.count += 1;
        next.total += own + pair;
        next.headword |= entry.is_headword();
        next
    }
}

/// Every offered spelling of `digits` (ASCII `0..=9`, at most the subscriber length) whose
/// words the owner allows, in no particular order; `select` ranks them.
pub fn spellings(digits: &[u8], allowed: Allowed) -> Vec<Spelling> {
    let n = digits.len().min(crate::number::SUBSCRIBER_LEN);
    let search = Search::new(&digits[..n], allowed);
    let mut out = Vec::new();
    for start in 0..n {
        let empty = Run {
            start,
            entries: [None; MAX_WORDS],
            count: 0,
            total: 0.0,
            headword: false,
        };
        search.grow(&empty, start, &mut out);
    }
    out
}

/// Positions in the digits, and one past the last.
const SPAN: usize = crate::number::SUBSCRIBER_LEN + 1;

struct Search<'a> {
    digits: &'a [u8],
    allowed: Allowed,
    /// `exact[pos][end]`: the ids of the words that dial `digits[pos..end]`, and
    /// `overrun[pos][extra]`: of those that start with `digits[pos..]` and run `extra` letters
    /// past the end, each looked up the first time a run asks: every run that reaches `pos`
    /// asks again, and the lookups (binary searches over the dictionary's keys) were a fifth
    /// of the search.
    exact: [[Remembered; SPAN]; SPAN],
    overrun: [[Remembered; MAX_OVERRUN + 1]; SPAN],
}

impl<'a> Search<'a> {
    fn new(digits: &'a [u8], allowed: Allowed) -> Self {
        Search {
            digits,
            allowed,
            exact: Default::default(),
            overrun: Default::default(),
        }
    }

    /// The ids of the words that dial `digits[pos..end]` exactly.
    fn exact_ids(&self, pos: usize, end: usize) -> std::ops::Range<u16> {
        remembered(&self.exact[pos][end], || {
            dictionary::exact_ids(&self.digits[pos..end])
        })
    }

    /// The ids of the words that start with `digits[pos..]` and have `extra` letters more.
    fn overrun_ids(&self, pos: usize, extra: usize) -> std::ops::Range<u16> {
        remembered(&self.overrun[pos][extra], || {
            dictionary::starting_ids(&self.digits[pos..], self.digits.len() - pos + extra)
        })
    }
}

/// An id range once looked up (start, end), or `None` before.
type Remembered = Cell<Option<(u16, u16)>>;

/// The range in `cell`, looked up with `look` and kept there the first time.
fn remembered(
    cell: &Remembered,
    look: impl FnOnce() -> std::ops::Range<u16>,
) -> std::ops::Range<u16> {
    let (start, end) = cell.get().unwrap_or_else(|| {
        let ids = look();
        cell.set(Some((ids.start, ids.end)));
        (ids.start, ids.end)
    });
    start..end
}

impl Search<'_> {
    /// Every run that extends `run` (whose words end at `pos`), and `run` itself.
    fn grow(&self, run: &Run, pos: usize, out: &mut Vec<Spelling>) {
        let n = self.digits.len();
        if run.count > 0 {
            self.emit(run, pos, 0, out);
        }
        // A third word only after a connector (RENT-A-CAR, NOT-A-CUT): two attested pairs in a
        // row without one (GO-TO + TO-ERR) need not make an attested phrase.
        let third_ok = run.count < 2 || run.last().is_some_and(|l| l.is(tags::CONNECTOR));
        if run.count == MAX_WORDS || pos == n || !third_ok {
            return;
        }
        // Which words a phrase pattern may put after the last word, asked once.
        let head = run
            .last()
            .map_or(pattern::Head::None, |l| pattern::head(&l));
        for end in pos + 1..=n.min(pos + dictionary::MAX_WORD_LEN) {
            let span = &self.digits[pos..end];
            let ids = self.exact_ids(pos, end);
            let patterned = pattern::candidates(head, span, end - pos, ids.clone());
            self.next_words(run, ids, patterned, |search, entry, bigram| {
                let own = score::word(&entry, end - pos, end == n, 0);
                let next = search.try_push(run, entry, own, bigram)?;
                search.grow(&next, end, out);
                Some(())
            });
        }
        // The run's last word may run past the end of the number.
        let dialed = n - pos;
        let most = if dialed >= MIN_DIALED_FOR_OVERRUN {
            (dialed / DIALED_PER_OVERRUN).min(MAX_OVERRUN)
        } else {
            usize::from(dialed >= PHRASE_OVERRUN_MIN_DIALED && run.count > 0)
        };
        for extra in 1..=most {
            let ids = self.overrun_ids(pos, extra);
            // A pattern's second word fits the digits exactly: none here, so no pair that
            // only the language model holds either (`next_words`).
            let patterned = ids.start..ids.start;
            self.next_words(run, ids, patterned, |search, entry, bigram| {
                let short = dialed < MIN_DIALED_FOR_OVERRUN;
                if short && (entry.zipf < PHRASE_OVERRUN_ZIPF || !entry.is(tags::CONTENT)) {
                    return None;
                }
                let own = score::word(&entry, dialed, true, extra);
                let next = search.try_push(run, entry, own, bigram)?;
                search.emit(&next, n, extra, out);
                Some(())
            });
        }
    }

    /// Calls `each` for the words with ids in `ids` that may follow the run's last word (all
    /// of them for an empty run, else its attested successors and the words among `patterned`
    /// that a phrase pattern lets follow it), with the pair's bigram value. Pairs only the
    /// language model holds are read only where `patterned` is not empty.
    fn next_words(
        &self,
        run: &Run,
        ids: std::ops::Range<u16>,
        patterned: std::ops::Range<u16>,
        mut each: impl FnMut(&Self, Entry, Option<u8>) -> Option<()>,
    ) {
        if ids.is_empty() {
            return;
        }
        match run.last() {
            None => {
                for id in ids {
                    if let Some(entry) = dictionary::entry(id) {
                        each(self, entry, None);
                    }
                }
            }
            Some(last) => {
                // A pair only the language model holds is offered only as a pattern phrase:
                // where no pattern may put a word (`patterned` empty), it is not even read.
                let held_too = !patterned.is_empty();
                for (id, zipf) in dictionary::successors(last.id, ids) {
                    if zipf == dictionary::HELD_ZIPF10 && !held_too {
                        continue;
                    }
                    if let Some(entry) = dictionary::entry(id) {
                        each(self, entry, Some(zipf));
                    }
                }
                // Pairs no list holds that a phrase pattern of everyday words makes.
                if !patterned.is_empty() {
                    pattern_words(&last, patterned, &mut |entry, zipf| each(self, entry, zipf));
                }
            }
        }
    }

    /// The run with `entry` added (`bigram`: the pair's value, after a word), when the word
    /// may be offered there.
    fn try_push(&self, run: &Run, entry: Entry, own: f64, bigram: Option<u8>) -> Option<Run> {
        if !entry.is_familiar() || !self.allowed.word(&entry) {
            return None;
        }
        let pair = match run.last() {
            None if !score::can_start(&entry) => return None,
            None => 0.0,
            Some(last) => {
                if !self.allowed.pair(&last, &entry) {
                    return None;
                }
                pair_value(&last, &entry, bigram)?
            }
        };
        Some(run.push(entry, own, pair))
    }

    /// Adds the spelling: digits before the run, the run (ending at `end`, its last word
    /// running `overrun` letters past the number), digits after it.
    fn emit(&self, run: &Run, end: usize, overrun: usize, out: &mut Vec<Spelling>) {
        let last = run.last();
        if !run.headword || !last.is_some_and(|l| score::can_end(&l, run.previous().as_ref())) {
            return;
        }
        let n = self.digits.len();
        let mut spelling = Spelling {
            total: run.total,
            text: [0; MAX_TEXT],
            len: 0,
            starts: 0,
            word_starts: 0,
            overrun: overrun as u8,
            ids: [0; MAX_WORDS],
            words: run.count as u8,
        };
        let mut at = 0usize;
        if run.start > 0 {
            push_group(
                &mut spelling,
                &mut at,
                self.digits[..run.start].iter().copied(),
            );
            spelling.total += score::digit_group();
        }
        for (k, entry) in run.entries[..run.count].iter().flatten().enumerate() {
            spelling.ids[k] = entry.id;
            spelling.word_starts |= 1 << at;
            let upper = entry.word.bytes().map(|b| b.to_ascii_uppercase());
            push_group(&mut spelling, &mut at, upper);
        }
        if end < n {
            push_group(&mut spelling, &mut at, self.digits[end..].iter().copied());
            spelling.total += score::digit_group();
        }
        spelling.len = at as u8;
        out.push(spelling);
    }
}

/// What `last` followed by `entry` adds, or `None` when the pair is not offered: a listed pair
/// its value; a pair a pattern makes costs more than one a list attests, and less when the
/// language model holds it, which it offers only as a pattern phrase.
fn pair_value(last: &Entry, entry: &Entry, bigram: Option<u8>) -> Option<f64> {
    let as_pattern = Some(pattern::PATTERN_ZIPF10);
    match bigram {
        Some(dictionary::HELD_ZIPF10) => {
            if !pattern::pair(last, entry) {
                return None;
            }
            Some(score::pair_with(last, entry, as_pattern)? - pattern::HELD_PATTERN_COST)
        }
        Some(pattern::PATTERN_ZIPF10) => {
            Some(score::pair_with(last, entry, bigram)? - pattern::PATTERN_COST)
        }
        _ => score::pair_with(last, entry, bigram),
    }
}

/// Calls `each` for the words with ids in `ids` that a phrase pattern lets follow `last` and no
/// list attests, with the pattern's bigram value. Kept out of line: few spans reach it, and the
/// listed pairs' loop in `next_words` stays small.
#[inline(never)]
fn pattern_words(
    last: &Entry,
    ids: std::ops::Range<u16>,
    each: &mut dyn FnMut(Entry, Option<u8>) -> Option<()>,
) {
    for id in ids {
        let Some(entry) = dictionary::entry(id) else {
            continue;
        };
        // The words of one key come most used first (`ids` is one key: a pattern's second
        // word fits its digits exactly): past the everyday ones, none can follow.
        if entry.zipf < pattern::EVERYDAY_ZIPF {
            break;
        }
        if pattern::pair(last, &entry) && dictionary::bigram(last.id, id).is_none() {
            each(entry, Some(pattern::PATTERN_ZIPF10));
        }
    }
}

/// Appends one group (a word or a digit run) at `at`.
fn push_group(spelling: &mut Spelling, at: &mut usize, bytes: impl Iterator<Item = u8>) {
    spelling.starts |= 1 << *at;
    for b in bytes {
        if let Some(slot) = spelling.text.get_mut(*at) {
            *slot = b;
            *at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(digits: &str) -> Vec<String> {
        spellings(digits.as_bytes(), Allowed::NONE)
            .iter()
            .map(|s| s.groups().collect::<Vec<_>>().join("-"))
            .collect()
    }

    #[test]
    fn finds_single_words_attested_phrases_and_overrun() {
        let cases = [
            ("3569377", "FLOWERS"),
            ("2279274", "CAR-WASH"),
            ("3733411", "FREE-411"),
            ("2668228", "CONTACTS"),
            ("7368222", "RENT-A-CAR"),
            ("6956253", "MY-JOB-53"),
        ];
        for (digits, expected) in cases {
            let found = texts(digits);
            assert!(
                found.iter().any(|t| t == expected),
                "{expected} not in {found:?}"
            );
        }
    }

    #[test]
    fn every_spelling_dials_the_digits_and_holds_one_run_of_words() {
        for digits in [
            "3569377", "2222222", "0000000", "7246837", "1010101", "2279274",
        ] {
            for s in spellings(digits.as_bytes(), Allowed::NONE) {
                let dialed: String = s
                    .text()
                    .bytes()
                    .take(digits.len())
                    .map(|b| char::from(crate::keypad::digit_for(b).unwrap_or(b)))
                    .collect();
                assert_eq!(dialed, digits, "{}", s.text());
                assert_eq!(s.text().len(), digits.len() + usize::from(s.overrun));
                // Words form one run: no digit group between two words.
                let kinds: Vec<bool> = s
                    .groups()
                    .map(|g| g.bytes().all(|b| b.is_ascii_alphabetic()))
                    .collect();
                let runs = kinds.windows(2).filter(|w| w[0] != w[1] && w[1]).count()
                    + usize::from(kinds.first() == Some(&true));
                assert_eq!(runs, 1, "{:?}", s.groups().collect::<Vec<_>>());
            }
        }
    }

    fn word(text: &str) -> Entry {
        dictionary::exact_word(text).unwrap_or_else(|| panic!("{text} is in the dictionary"))
    }

    #[test]
    fn a_pattern_pair_the_language_model_holds_costs_less_than_one_it_does_not() {
        // QUIT NOW is a bigram of the language model (data/lm-pairs.tsv, held); SUIT NOW is
        // not, though rule 1 (verb + NOW) makes both.
        let (quit, suit, now) = (word("quit"), word("suit"), word("now"));
        assert_eq!(
            dictionary::bigram(quit.id, now.id),
            Some(dictionary::HELD_ZIPF10)
        );
        assert_eq!(dictionary::bigram(suit.id, now.id), None);
        let held = pair_value(&quit, &now, Some(dictionary::HELD_ZIPF10)).unwrap();
        let unheld = pair_value(&quit, &now, Some(pattern::PATTERN_ZIPF10)).unwrap();
        let relief = pattern::PATTERN_COST - pattern::HELD_PATTERN_COST;
        assert!((held - unheld - relief).abs() < 1e-9, "{held} {unheld}");
        let found = texts("7848669");
        let at = |t: &str| found.iter().position(|f| f == t);
        assert!(
            at("QUIT-NOW").is_some() && at("SUIT-NOW").is_some(),
            "{found:?}"
        );
        let all = spellings(b"7848669", Allowed::NONE);
        let total = |t: &str| all.iter().find(|s| s.text() == t).map(|s| s.total).unwrap();
        assert!(total("QUITNOW") > total("SUITNOW"), "{found:?}");
    }

    #[test]
    fn a_held_pair_no_pattern_makes_is_not_offered() {
        // FIT GUY is held by the language model, but FIT is no modifier (the lists show it
        // mostly used otherwise) and no other rule starts with it: held alone attests nothing.
        let (fit, guy) = (word("fit"), word("guy"));
        assert_eq!(
            dictionary::bigram(fit.id, guy.id),
            Some(dictionary::HELD_ZIPF10)
        );
        assert_eq!(pair_value(&fit, &guy, Some(dictionary::HELD_ZIPF10)), None);
        assert_eq!(
            score::pair_with(&fit, &guy, Some(dictionary::HELD_ZIPF10)),
            None
        );
        // The same on a number: GUY is offered there, FIT-GUY is not.
        let found = texts("3484891");
        assert!(found.iter().any(|t| t.contains("GUY")), "{found:?}");
        assert!(!found.iter().any(|t| t.contains("FIT-GUY")), "{found:?}");
    }

    #[test]
    fn every_held_pair_a_pattern_makes_is_read_where_its_second_word_fits() {
        // `next_words` reads held pairs only where `pattern::candidates` keeps a span: a rule
        // added to `pattern::pair` but not to `candidates` would lose them without a word.
        let mut checked = 0;
        for first in dictionary::all() {
            for (id, value) in dictionary::successors(first.id, 0..u16::MAX) {
                let Some(second) = dictionary::entry(id) else {
                    continue;
                };
                if value != dictionary::HELD_ZIPF10 || !pattern::pair(&first, &second) {
                    continue;
                }
                let digits: Vec<u8> = second
                    .word
                    .bytes()
                    .filter_map(crate::keypad::digit_for)
                    .collect();
                let ids = dictionary::exact_ids(&digits);
                let head = pattern::head(&first);
                assert!(
                    !pattern::candidates(head, &digits, digits.len(), ids).is_empty(),
                    "{} {}",
                    first.word,
                    second.word
                );
                checked += 1;
            }
        }
        assert!(checked > 1000, "only {checked} held pattern pairs");
    }

    #[test]
    fn a_held_pair_is_not_offered_with_its_second_word_past_the_number() {
        // QUIT-NO(W) on 178-4866: a pattern's second word fits its digits exactly, and a pair
        // the language model holds is offered only as a pattern phrase.
        let found = texts("1784866");
        assert!(found.iter().any(|t| t.starts_with("1-QUIT")), "{found:?}");
        assert!(!found.iter().any(|t| t.contains("QUIT-NOW")), "{found:?}");
    }

    #[test]
    fn unfamiliar_words_and_unattested_pairs_are_never_built() {
        // AUK (285) and KIP (547) are not familiar; LAP-EGG (527-344) is not attested.
        for (digits, absent) in [
            ("2851111", "AUK"),
            ("5471111", "KIP"),
            ("5273441", "LAPEGG"),
        ] {
            let found = texts(digits);
            let joined: Vec<String> = found.iter().map(|t| t.replace('-', "")).collect();
            assert!(
                !joined.iter().any(|t| t.contains(absent)),
                "{absent} in {found:?}"
            );
        }
    }

    #[test]
    fn digits_without_letters_give_nothing() {
        assert!(texts("1010101").is_empty());
        assert!(texts("0000000").is_empty());
    }
}
