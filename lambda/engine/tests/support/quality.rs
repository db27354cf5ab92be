//! The quality measures of the engine on seeded random NANP numbers, shared by the test
//! (`tests/quality.rs`, which asserts the targets) and the benchmark (`examples/quality.rs`,
//! which prints the figures, also for results of an older build read from a file).
//!
//! - The limits the dictionary sets: the share of numbers whose seven subscriber digits hold
//!   any placement of a common word (3+ letters, see `Entry::is_common`), and three or more
//!   distinct placements (a placement is a word at a position).
//! - Coverage against them: of the numbers with a placement, the share that get a result
//!   holding a common word; of those with three, the share that get three results.
//! - Results per number; the share of top results that are one word (with digits) or one
//!   phrase whose adjacent pairs `score::pair` accepts and that does not end unfinished.
//! - Offensive results (a blocked word as a word or across word boundaries) and wrong-dial
//!   results (letters that do not dial the number): both must be zero.

#![allow(dead_code)]

use vanity_engine::{dictionary, keypad, score, tags};

/// Seeded numbers, the same generator and seed as the latency benchmark.
pub const SEED: u64 = 0x5EED_CA11;
pub const NUMBERS: usize = 10_000;
/// Results asked for per number (what the call handler keeps).
pub const COUNT: usize = 5;

/// SplitMix64: a tiny, well-known seeded generator, so the run is repeatable without a crate.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// `count` random NANP numbers, "+1" area code (200..=999) and seven digits.
pub fn numbers(count: usize) -> Vec<String> {
    let mut rng = SplitMix(SEED);
    (0..count)
        .map(|_| {
            let area = 200 + rng.next() % 800;
            let subscriber = rng.next() % 10_000_000;
            format!("+1{area}{subscriber:07}")
        })
        .collect()
}

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

/// One word (with digits), or one run of adjacent words in which every pair is a pattern
/// English uses and the last word does not leave the phrase unfinished.
pub fn reads_well(found: &Found) -> bool {
    let Some(starts) = word_starts(found) else {
        return false;
    };
    let Some(entries) = found
        .words
        .iter()
        .map(|w| dictionary::exact_word(w))
        .collect::<Option<Vec<_>>>()
    else {
        return false; // a word the current dictionary does not hold at all
    };
    if entries.len() <= 1 {
        return entries.iter().all(|e| e.word.len() >= 3);
    }
    for k in 1..entries.len() {
        let adjacent = starts[k - 1] + found.words[k - 1].len() == starts[k];
        if !adjacent || score::pair(&entries[k - 1], &entries[k]).is_none() {
            return false;
        }
    }
    let last = entries.len() - 1;
    let unfinished =
        entries[last].is(tags::DETERMINER | tags::FUNCTION) && !entries[last].is(tags::CONTENT);
    !unfinished
}

/// Whether a result holds a common word.
fn has_common(found: &Found) -> bool {
    found
        .words
        .iter()
        .any(|w| dictionary::exact_word(w).is_some_and(|e| e.is_common()))
}

/// Every figure, counted over the numbers.
#[derive(Debug, Default)]
pub struct Report {
    pub numbers: usize,
    pub with_placement: usize,
    pub with_three_placements: usize,
    pub covered: usize,
    pub covered_three: usize,
    pub results: usize,
    pub no_result: usize,
    pub tops: usize,
    pub tops_reading_well: usize,
    pub offensive: Vec<(String, String)>,
    pub wrong_dial: Vec<(String, String)>,
}

impl Report {
    /// Adds one number and its results (best first).
    pub fn add(&mut self, number: &str, results: &[Found]) {
        self.numbers += 1;
        let placements = placements(number);
        if placements >= 1 {
            self.with_placement += 1;
            if results.iter().any(has_common) {
                self.covered += 1;
            }
        }
        if placements >= 3 {
            self.with_three_placements += 1;
            if results.len() >= 3 {
                self.covered_three += 1;
            }
        }
        self.results += results.len();
        if results.is_empty() {
            self.no_result += 1;
        }
        if let Some(top) = results.first() {
            self.tops += 1;
            if reads_well(top) {
                self.tops_reading_well += 1;
            }
        }
        for found in results {
            if let Some(word) = offensive(found) {
                self.offensive.push((number.to_string(), word));
            }
            if !dials(number, found) {
                self.wrong_dial
                    .push((number.to_string(), found.letters.clone()));
            }
        }
    }

    /// Coverage of numbers with a placement (0..=1).
    pub fn coverage(&self) -> f64 {
        ratio(self.covered, self.with_placement)
    }

    /// Coverage of numbers with three placements (0..=1).
    pub fn coverage_three(&self) -> f64 {
        ratio(self.covered_three, self.with_three_placements)
    }

    /// The report as text, one figure a line.
    pub fn lines(&self) -> Vec<String> {
        let pct = |a: usize, b: usize| 100.0 * ratio(a, b);
        vec![
            format!(
                "numbers                      {} seeded random NANP, {COUNT} results asked",
                self.numbers
            ),
            format!(
                "limit, any placement         {:.1}% of numbers hold a common 3+ letter word",
                pct(self.with_placement, self.numbers)
            ),
            format!(
                "limit, 3+ placements         {:.1}% of numbers hold three or more",
                pct(self.with_three_placements, self.numbers)
            ),
            format!(
                "coverage vs first limit      {:.1}% get a result with a common word (target 97%)",
                100.0 * self.coverage()
            ),
            format!(
                "coverage vs second limit     {:.1}% get three results (target 95%)",
                100.0 * self.coverage_three()
            ),
            format!(
                "results per number           {:.2} (no result: {:.1}%)",
                ratio(self.results, self.numbers),
                pct(self.no_result, self.numbers)
            ),
            format!(
                "top result reads well        {:.1}% (one word, or one phrase of accepted pairs)",
                pct(self.tops_reading_well, self.tops)
            ),
            format!("offensive results            {}", self.offensive.len()),
            format!("wrong-dial results           {}", self.wrong_dial.len()),
        ]
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
    for number in numbers(count) {
        report.add(&number, &engine_results(&number));
    }
    report
}
