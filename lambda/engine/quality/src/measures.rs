//! The quality measures of the engine on the seeded random NANP numbers ([`crate::seeded`]),
//! shared by the engine's test (`tests/quality.rs`, which asserts the targets) and benchmark
//! (`examples/quality.rs`, which prints the figures, also for results of an older build read
//! from a file).
//!
//! - Reads well, judged blind ([`crate::judge`], with data the ranking does not use): the share of
//!   best results, and of heard results (the first `HEARD`), that are one familiar word with
//!   digits or a phrase whose pairs are attested.
//! - The limits the dictionary sets and coverage against them: of the numbers whose digits
//!   hold a familiar headword the engine may offer (`Entry::is_headword`, not in a category),
//!   the share that get a result holding one; of those holding three placements of a common
//!   word, the share that get three results.
//! - Results per number and the share of numbers with none, against its limit: the numbers
//!   whose digits hold no place for a familiar headword the engine may offer, under the
//!   engine's dialing rules (exact, or overrun), with any pair of words taken as attested
//!   ([`can_hold_result`]): no phrase source can give those a result without lowering the
//!   familiarity bar.
//! - How far results reach: the share of heard results that are phrases (two or more words),
//!   and the share of numbers whose best result dials 4+ and 5+ letters.
//! - Results in each never-offer category and threats (judged from the
//!   source files, not the engine's compiled flags); offensive results (the blocklist, as a
//!   word or across words) and wrong-dial results.

use crate::{judge, seeded};
use vanity_engine::{dictionary, keypad};

/// Results a caller hears (`results.speak` in vanity.yaml, 3 by default).
pub const HEARD: usize = 3;

/// Results asked for per number (what the call handler keeps).
pub const COUNT: usize = 5;

/// One result as the measures need it.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Subscriber letters and digits, overrun included ("CARWASH", "55CARS").
    pub letters: String,
    /// The words, lower case, in order.
    pub words: Vec<String>,
}

/// Distinct placements of common words in the subscriber digits (last seven).
pub fn placements(number: &str) -> usize {
    let digits = subscriber(number);
    let mut count = 0;
    for start in 0..digits.len() {
        for end in start + 3..=digits.len() {
            count += dictionary::exact(&digits[start..end])
                .filter(|e| e.is_common())
                .count();
        }
    }
    count
}

/// Whether the subscriber digits hold a familiar headword the engine may offer by default.
pub fn holds_headword(number: &str) -> bool {
    let digits = subscriber(number);
    (0..digits.len()).any(|start| {
        (start + 3..=digits.len()).any(|end| {
            dictionary::exact(&digits[start..end])
                .any(|e| e.is_headword() && vanity_engine::Category::of(&e).is_none())
        })
    })
}

/// Whether any result is possible for `number` with familiar words and any phrase: a
/// familiar headword the engine may offer by default fits the subscriber digits exactly
/// somewhere, or runs past their end as `search` lets a word overrun (it dials 4+ letters
/// and at least three per undialed letter, at most two undialed; or, as the last word of a
/// phrase after a familiar word ending where it starts (not the connector A or I, which no
/// run starts with), an everyday content word dials two
/// or three letters and one more is undialed). Pairs are taken as all attested, so this is
/// the limit of what any phrase source can reach without lowering the familiarity bar.
pub fn can_hold_result(number: &str) -> bool {
    let digits = subscriber(number);
    let n = digits.len();
    let offered = |e: &vanity_engine::dictionary::Entry| {
        e.is_headword() && vanity_engine::Category::of(e).is_none()
    };
    (0..n).any(|start| {
        let exact =
            (start + 3..=n).any(|end| dictionary::exact(&digits[start..end]).any(|e| offered(&e)));
        let dialed = n - start;
        let overrun = if dialed >= 4 {
            (1..=(dialed / 3).min(vanity_engine::MAX_OVERRUN)).any(|extra| {
                dictionary::starting_with(&digits[start..], dialed + extra).any(|e| offered(&e))
            })
        } else {
            dialed >= 2
                && (0..start).any(|from| {
                    dictionary::exact(&digits[from..start])
                        .any(|e| e.is_familiar() && !e.is(vanity_engine::tags::CONNECTOR))
                })
                && dictionary::starting_with(&digits[start..], dialed + 1).any(|e| {
                    offered(&e)
                        && e.zipf >= PHRASE_OVERRUN_ZIPF
                        && e.is(vanity_engine::tags::CONTENT)
                })
        };
        exact || overrun
    })
}

/// The Zipf (x 10) an everyday word needs to dial only two or three letters at the end of a
/// phrase (the engine's `search::PHRASE_OVERRUN_ZIPF`).
const PHRASE_OVERRUN_ZIPF: u8 = 40;

/// What the current engine offers for `number` that dials five letters or more, of all it
/// offers (up to `MAX_SPELLINGS`, not only the five it keeps).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FiveOffered {
    /// Some such result.
    pub any: bool,
    /// Some such result that the blind judge accepts ([`reads_well`]).
    pub reading_well: bool,
}

/// Which results of five dialed letters or more the current engine offers for `number`.
pub fn offers_five(number: &str) -> FiveOffered {
    let mut offered = FiveOffered::default();
    for v in vanity_engine::vanity_numbers(number, vanity_engine::MAX_SPELLINGS)
        .unwrap_or_default()
        .into_iter()
        .filter(|v| letters_dialed(&v.letters) >= 5)
    {
        offered.any = true;
        let found = Found {
            letters: v.letters,
            words: v.words,
        };
        if reads_well(&found) {
            offered.reading_well = true;
            break;
        }
    }
    offered
}

/// Letters among the dialed symbols (the first seven) of a result.
pub fn dialed_letters(found: &Found) -> usize {
    letters_dialed(&found.letters)
}

/// Letters among the first seven symbols of a result's letters ("71FLAKES": 5).
fn letters_dialed(letters: &str) -> usize {
    letters
        .bytes()
        .take(vanity_engine::SUBSCRIBER_LEN)
        .filter(u8::is_ascii_alphabetic)
        .count()
}

fn has_headword(found: &Found) -> bool {
    found
        .words
        .iter()
        .any(|w| dictionary::exact_word(w).is_some_and(|e| e.is_headword()))
}

fn subscriber(number: &str) -> Vec<u8> {
    let digits: Vec<u8> = number.bytes().filter(u8::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(7)..].to_vec()
}

/// Whether the letters dial the number: the first seven symbols map to its last seven digits,
/// and anything after them (overrun) is letters.
pub fn dials(number: &str, found: &Found) -> bool {
    let digits = subscriber(number);
    let symbols = found.letters.as_bytes();
    symbols.len() >= digits.len()
        && symbols.len() <= digits.len() + vanity_engine::MAX_OVERRUN
        && symbols
            .iter()
            .zip(&digits)
            .all(|(s, d)| keypad::digit_for(*s).unwrap_or(*s) == *d)
        && symbols[digits.len()..].iter().all(u8::is_ascii_alphabetic)
}

/// Where each word starts in the letters (words appear in order).
fn word_starts(found: &Found) -> Option<Vec<usize>> {
    let letters = found.letters.to_ascii_lowercase();
    let mut at = 0;
    let mut starts = Vec::new();
    for word in &found.words {
        let start = at + letters.get(at..)?.find(word.as_str())?;
        starts.push(start);
        at = start + word.len();
    }
    Some(starts)
}

/// A blocked word as a whole word, or spanning the boundary of two adjacent words.
pub fn offensive(found: &Found) -> Option<String> {
    let blocked = dictionary::blocked();
    for word in &found.words {
        if blocked.binary_search(&word.as_str()).is_ok() {
            return Some(word.clone());
        }
    }
    let letters = found.letters.to_ascii_lowercase();
    let starts = word_starts(found)?;
    let bytes = letters.as_bytes();
    for start in 0..bytes.len() {
        for end in start + 2..=bytes.len() {
            let piece = &letters[start..end];
            if !piece.bytes().all(|b| b.is_ascii_alphabetic()) {
                break;
            }
            if blocked.binary_search(&piece).is_err() {
                continue;
            }
            // Inside one word is that word's business (CLASS holds ASS); across two is not.
            let inside_one = starts
                .iter()
                .zip(&found.words)
                .any(|(s, w)| *s <= start && end <= s + w.len());
            if !inside_one {
                return Some(piece.to_string());
            }
        }
    }
    None
}

/// Whether a result holds a downbeat word (`data/downbeat.tsv`: SAD, ILL, FLU), which the
/// engine offers only after every result without one. Read from the dictionary the engine
/// compiles, so results from a file of an older engine are counted the same way.
pub fn downbeat(found: &Found) -> bool {
    found
        .words
        .iter()
        .any(|w| dictionary::exact_word(w).is_some_and(|e| e.is_downbeat()))
}

/// Whether a result reads well, judged blind (see `judge.rs`).
pub fn reads_well(found: &Found) -> bool {
    judge::reads_well(&found.letters, &found.words)
}

/// The never-offer category (or "threat") a result falls in, judged from the source files.
pub fn category(found: &Found) -> Option<&'static str> {
    let adjacent = judge::adjacency(&found.letters, &found.words);
    judge::category(&found.words, &adjacent)
}

/// Every figure, counted over the numbers.
#[derive(Debug, Default)]
pub struct Report {
    pub numbers: usize,
    pub with_headword: usize,
    pub covered: usize,
    pub with_three_placements: usize,
    pub covered_three: usize,
    pub results: usize,
    pub no_result: usize,
    /// Numbers no result is possible for (see [`can_hold_result`]).
    pub cannot_hold: usize,
    /// Numbers whose best result dials at least 4 and at least 5 letters.
    pub best_four: usize,
    pub best_five: usize,
    /// Numbers for which some result the engine offers (of all, not only the first
    /// [`COUNT`]) dials at least 5 letters: the most any ranking of its words and pairs could
    /// bring `best_five` to ([`offers_five`]). Counted for the current engine only (`None`
    /// for results read from a file).
    pub offering_five: Option<usize>,
    /// Of those, the numbers for which such a result reads well by the blind judge: the most
    /// a ranking could bring `best_five` to without giving a caller a best result the judge
    /// rejects. `None` as above.
    pub offering_five_well: Option<usize>,
    /// Heard results of two or more words.
    pub heard_phrases: usize,
    /// Heard results holding a downbeat word ([`downbeat`]), and numbers whose best one does.
    pub heard_downbeat: usize,
    pub best_downbeat: usize,
    pub tops: usize,
    pub tops_reading_well: usize,
    pub heard: usize,
    pub heard_reading_well: usize,
    /// (number, letters) of heard results that do not read well, for a look.
    pub misreads: Vec<(String, String)>,
    /// Per category name (see `judge::CATEGORY_NAMES`): (number, letters).
    pub categories: Vec<(&'static str, String, String)>,
    pub offensive: Vec<(String, String)>,
    pub wrong_dial: Vec<(String, String)>,
}

impl Report {
    /// Adds one number and its results (best first).
    pub fn add(&mut self, number: &str, results: &[Found]) {
        self.numbers += 1;
        if holds_headword(number) {
            self.with_headword += 1;
            if results.iter().any(has_headword) {
                self.covered += 1;
            }
        }
        if placements(number) >= 3 {
            self.with_three_placements += 1;
            if results.len() >= 3 {
                self.covered_three += 1;
            }
        }
        self.results += results.len();
        if results.is_empty() {
            self.no_result += 1;
        }
        if !can_hold_result(number) {
            self.cannot_hold += 1;
        }
        let best = results.first().map_or(0, dialed_letters);
        self.best_four += usize::from(best >= 4);
        self.best_five += usize::from(best >= 5);
        for (rank, found) in results.iter().enumerate() {
            let well = reads_well(found);
            let downbeat = downbeat(found);
            if rank == 0 {
                self.tops += 1;
                self.tops_reading_well += usize::from(well);
                self.best_downbeat += usize::from(downbeat);
            }
            if rank < HEARD {
                self.heard += 1;
                self.heard_reading_well += usize::from(well);
                self.heard_phrases += usize::from(found.words.len() >= 2);
                self.heard_downbeat += usize::from(downbeat);
                if !well {
                    self.misreads
                        .push((number.to_string(), found.letters.clone()));
                }
            }
            if let Some(name) = category(found) {
                self.categories
                    .push((name, number.to_string(), found.letters.clone()));
            }
            if let Some(word) = offensive(found) {
                self.offensive.push((number.to_string(), word));
            }
            if !dials(number, found) {
                self.wrong_dial
                    .push((number.to_string(), found.letters.clone()));
            }
        }
    }

    /// Share of best results that read well (0..=1).
    pub fn best_reads_well(&self) -> f64 {
        ratio(self.tops_reading_well, self.tops)
    }

    /// Share of heard results that read well (0..=1).
    pub fn heard_reads_well(&self) -> f64 {
        ratio(self.heard_reading_well, self.heard)
    }

    /// Coverage of numbers holding a familiar headword (0..=1).
    pub fn coverage(&self) -> f64 {
        ratio(self.covered, self.with_headword)
    }

    /// Coverage of numbers with three placements (0..=1).
    pub fn coverage_three(&self) -> f64 {
        ratio(self.covered_three, self.with_three_placements)
    }

    /// Results in category `name`.
    pub fn in_category(&self, name: &str) -> usize {
        self.categories.iter().filter(|c| c.0 == name).count()
    }

    /// Share of numbers with no result (0..=1).
    pub fn no_result_share(&self) -> f64 {
        ratio(self.no_result, self.numbers)
    }

    /// Share of numbers no result is possible for (0..=1): the floor of
    /// [`Report::no_result_share`] with familiar words and any phrase.
    pub fn no_result_limit(&self) -> f64 {
        ratio(self.cannot_hold, self.numbers)
    }

    /// Share of numbers whose best result dials at least 4 letters (0..=1).
    pub fn best_four_share(&self) -> f64 {
        ratio(self.best_four, self.numbers)
    }

    /// Share of numbers whose best result dials at least 5 letters (0..=1).
    pub fn best_five_share(&self) -> f64 {
        ratio(self.best_five, self.numbers)
    }

    /// Share of heard results holding a downbeat word (0..=1).
    pub fn heard_downbeat_share(&self) -> f64 {
        ratio(self.heard_downbeat, self.heard)
    }

    /// Share of heard results that are phrases of two or more words (0..=1).
    pub fn heard_phrase_share(&self) -> f64 {
        ratio(self.heard_phrases, self.heard)
    }

    /// Every figure as (what, value, note), in the order the report prints them.
    pub fn figures(&self) -> Vec<(String, String, String)> {
        let mut rows = self.reach_figures();
        rows.extend(self.limit_figures());
        rows.extend(self.safety_figures());
        rows
    }

    /// How well and how far the results read: the judge's verdicts, phrases, letters dialed.
    fn reach_figures(&self) -> Vec<(String, String, String)> {
        vec![
            row(
                "numbers",
                self.numbers.to_string(),
                &format!("seeded random NANP, {COUNT} results asked, {HEARD} heard"),
            ),
            row(
                "best result reads well",
                pct(self.best_reads_well()),
                "blind judge",
            ),
            row(
                "heard results read well",
                pct(self.heard_reads_well()),
                &format!("of {} heard; blind judge", self.heard),
            ),
            row(
                "heard results: phrases",
                pct(self.heard_phrase_share()),
                "two or more words",
            ),
            row(
                "heard results: downbeat",
                pct(self.heard_downbeat_share()),
                &format!(
                    "hold SAD, ILL, FLU... (data/downbeat.tsv); {} best results",
                    self.best_downbeat
                ),
            ),
            row(
                "best dials 4+ letters",
                pct(self.best_four_share()),
                "share of all numbers",
            ),
            row(
                "best dials 5+ letters",
                pct(self.best_five_share()),
                "share of all numbers",
            ),
        ]
    }

    /// Results against the limits the dictionary sets.
    fn limit_figures(&self) -> Vec<(String, String, String)> {
        vec![
            row(
                "no result",
                pct(self.no_result_share()),
                "share of all numbers",
            ),
            row(
                "limit, no result possible",
                pct(self.no_result_limit()),
                "no familiar headword fits, any pair taken as attested",
            ),
            row(
                "limit, 5+ letters offered",
                self.offering_five
                    .map_or_else(|| "-".to_string(), |n| pct(ratio(n, self.numbers))),
                "some result of all the engine offers dials 5+ letters",
            ),
            row(
                "limit, 5+ letters read well",
                self.offering_five_well
                    .map_or_else(|| "-".to_string(), |n| pct(ratio(n, self.numbers))),
                "...and the blind judge accepts it",
            ),
            row(
                "limit, familiar headword",
                pct(ratio(self.with_headword, self.numbers)),
                "numbers hold one the engine may offer",
            ),
            row(
                "coverage vs that limit",
                pct(self.coverage()),
                "get a result with one (target 97%)",
            ),
            row(
                "limit, 3+ placements",
                pct(ratio(self.with_three_placements, self.numbers)),
                "numbers hold three common-word placements",
            ),
            row(
                "coverage vs that limit",
                pct(self.coverage_three()),
                "get three results",
            ),
            row(
                "results per number",
                format!("{:.2}", ratio(self.results, self.numbers)),
                "",
            ),
        ]
    }

    /// Results in a category, offensive or misdialing: all targets of 0.
    fn safety_figures(&self) -> Vec<(String, String, String)> {
        let mut rows: Vec<_> = judge::CATEGORY_NAMES
            .iter()
            .map(|name| {
                let count = self.in_category(name).to_string();
                row(&format!("category {name}"), count, "target 0")
            })
            .collect();
        let offensive = self.offensive.len().to_string();
        rows.push(row("offensive results", offensive, "target 0"));
        let wrong = self.wrong_dial.len().to_string();
        rows.push(row("wrong-dial results", wrong, "target 0"));
        rows
    }

    /// The report as text, one figure a line.
    pub fn lines(&self) -> Vec<String> {
        self.figures()
            .into_iter()
            .map(|(what, value, note)| format!("{what:<28} {value:>8}  {note}"))
            .collect()
    }

    /// Two reports side by side, one figure a line: what, before, now, note.
    pub fn side_by_side(before: &Report, now: &Report) -> Vec<String> {
        let mut lines = vec![format!("{:<28} {:>8} {:>8}", "", "before", "now")];
        for (old, new) in before.figures().into_iter().zip(now.figures()) {
            lines.push(format!(
                "{:<28} {:>8} {:>8}  {}",
                new.0, old.1, new.1, new.2
            ));
        }
        lines
    }
}

/// One figure: what, its value, a note.
fn row(what: &str, value: String, note: &str) -> (String, String, String) {
    (what.to_string(), value, note.to_string())
}

/// A share as a percentage with one decimal.
fn pct(share: f64) -> String {
    format!("{:.1}%", 100.0 * share)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The engine's results for `number`, as the measures need them.
pub fn engine_results(number: &str) -> Vec<Found> {
    vanity_engine::vanity_numbers(number, COUNT)
        .unwrap_or_default()
        .into_iter()
        .map(|v| Found {
            letters: v.letters,
            words: v.words,
        })
        .collect()
}

/// The report for the current engine on `count` seeded numbers.
pub fn measure_engine(count: usize) -> Report {
    let mut report = Report::default();
    let (mut offering_five, mut offering_five_well) = (0, 0);
    for number in seeded::numbers(count) {
        report.add(&number, &engine_results(&number));
        let offered = offers_five(&number);
        offering_five += usize::from(offered.any);
        offering_five_well += usize::from(offered.reading_well);
    }
    report.offering_five = Some(offering_five);
    report.offering_five_well = Some(offering_five_well);
    report
}
