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
//! - Results per number; results in each never-offer category and threats (judged from the
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
        for (rank, found) in results.iter().enumerate() {
            let well = reads_well(found);
            if rank == 0 {
                self.tops += 1;
                self.tops_reading_well += usize::from(well);
            }
            if rank < HEARD {
                self.heard += 1;
                self.heard_reading_well += usize::from(well);
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

    /// The report as text, one figure a line.
    pub fn lines(&self) -> Vec<String> {
        let pct = |a: usize, b: usize| 100.0 * ratio(a, b);
        let mut lines = vec![
            format!(
                "numbers                      {} seeded random NANP, {COUNT} results asked, {HEARD} heard",
                self.numbers
            ),
            format!(
                "best result reads well       {:.1}% (blind judge; target 95%)",
                100.0 * self.best_reads_well()
            ),
            format!(
                "heard results read well      {:.1}% of {} (blind judge; target 90%)",
                100.0 * self.heard_reads_well(),
                self.heard
            ),
            format!(
                "limit, familiar headword     {:.1}% of numbers hold one the engine may offer",
                pct(self.with_headword, self.numbers)
            ),
            format!(
                "coverage vs that limit       {:.1}% get a result with one (target 97%)",
                100.0 * self.coverage()
            ),
            format!(
                "limit, 3+ placements         {:.1}% of numbers hold three common-word placements",
                pct(self.with_three_placements, self.numbers)
            ),
            format!(
                "coverage vs that limit       {:.1}% get three results",
                100.0 * self.coverage_three()
            ),
            format!(
                "results per number           {:.2} (no result: {:.1}%)",
                ratio(self.results, self.numbers),
                pct(self.no_result, self.numbers)
            ),
        ];
        for name in judge::CATEGORY_NAMES {
            lines.push(format!(
                "category {name:<20}{} (target 0)",
                self.in_category(name)
            ));
        }
        lines.push(format!(
            "offensive results            {}",
            self.offensive.len()
        ));
        lines.push(format!(
            "wrong-dial results           {}",
            self.wrong_dial.len()
        ));
        lines
    }
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
    for number in seeded::numbers(count) {
        report.add(&number, &engine_results(&number));
    }
    report
}
