//! The vanity engine: given a phone number, the ranked vanity numbers it spells.
//!
//! Pure code: no I/O, no async, no AWS types, so the Lambda, the CLI, the simulator and the
//! benchmarks all run exactly the same logic. The Lambda contract (response keys) lives in
//! [`contract`] because it is plain data shared by the Lambda and the flow renderer.
//!
//! Pipeline: [`PhoneNumber::parse`] finds the seven subscriber digits; `search` spells them as
//! one run of words (a familiar word, or a phrase of attested pairs) with leftover digits,
//! skipping words in a [`Category`] the owner has not allowed and threats; `select` ranks them
//! by the sum in `score`, drops blocked words read across two words (`blocklist`) and puts a
//! better result with one word swapped last; `format` writes the display and spoken forms.
//! docs/engine.md explains the rules and the score.
//!
//! Every result dials the caller's number: mapping each letter of `display` to its keypad digit
//! gives the caller's digits, followed by at most two undialed letters when `overrun > 0`
//! (1-800-CONTACTS dials 1-800-CONTACT; the final S is never dialed).

mod blocklist;
pub mod category;
pub mod contract;
pub mod dictionary;
pub mod favour;
mod format;
mod number;
mod pattern;
pub mod score;
mod search;
mod select;

pub use category::{Allowed, Category, UnknownCategory};
pub use favour::Favour;
pub use number::{NumberPlan, PhoneNumber, SUBSCRIBER_LEN};
pub use search::MAX_OVERRUN;
// The keypad, tags and category names the build script compiles the dictionary with.
use vanity_tables::category_names;
pub use vanity_tables::{keypad, tags};

/// The most results a single lookup returns, whatever `count` asks for.
pub const MAX_SPELLINGS: usize = 256;

/// What an owner, or the engine's caller, may change about the results; `Options::default()`
/// blocks every category and favours no word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    /// The never-offer categories this owner allows (a gun shop: `violence`).
    pub allowed: Allowed,
    /// Words whose results come first among equally readable ones ([`favour`]).
    pub favour: Favour,
}

/// One ranked vanity number.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Vanity {
    /// Easy to read and write down, e.g. "1-800-FLOWERS" or "1-206-55-CAR-WASH".
    pub display: String,
    /// The subscriber part as letters and digits, e.g. "CARWASH"; with overrun it includes the
    /// undialed letters ("CONTACTS").
    pub letters: String,
    /// The dictionary words used, in order, lower case.
    pub words: Vec<String>,
    /// Higher is better; results are sorted by it, descending, except that a result which is a
    /// better one with one word swapped comes after every other result (see docs/engine.md).
    pub score: f64,
    /// How many letters the last word runs past the last digit (0 for an exact fit).
    pub overrun: usize,
    /// Plain text for speech: words lower case, digits separated by spaces, pauses as commas.
    pub spoken: String,
    /// Where in `spoken` the subscriber part starts, after the country and area code every
    /// result for one number shares (0 when the number has none).
    #[serde(skip)]
    pub subscriber_start: usize,
}

impl Vanity {
    /// The end of `spoken` that differs between results for one number: the subscriber part
    /// ("car wash").
    pub fn spoken_subscriber(&self) -> &str {
        self.spoken.get(self.subscriber_start..).unwrap_or_default()
    }

    /// The start of `spoken` that every result for this number shares: the country and area
    /// code as spoken ("1, 2 0 6"), or "" when the number has none.
    pub fn spoken_prefix(&self) -> &str {
        self.spoken
            .get(..self.subscriber_start)
            .map_or("", |prefix| prefix.trim_end_matches(", "))
    }
}

/// Why a string is not a number the engine can work with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// Nothing usable: empty, "anonymous", "withheld", "+" alone...
    #[error("no caller number (empty, \"+\" or withheld)")]
    Missing,
    /// Characters other than digits and common separators.
    #[error("not a phone number: use digits, an optional leading +, and - . ( ) / or spaces")]
    Malformed,
    /// Fewer digits than a subscriber number needs.
    #[error("too short: a phone number needs at least 7 digits")]
    TooShort,
}

/// Ranked vanity numbers for `number`, best first, at most `count`, distinct, with every
/// category blocked.
pub fn vanity_numbers(number: &str, count: usize) -> Result<Vec<Vanity>, NumberError> {
    vanity_numbers_with(number, count, &Options::default())
}

/// [`vanity_numbers`] with the owner's options (categories allowed).
pub fn vanity_numbers_with(
    number: &str,
    count: usize,
    options: &Options,
) -> Result<Vec<Vanity>, NumberError> {
    let number = PhoneNumber::parse(number)?;
    Ok(vanity_for_with(&number, count, options))
}

/// Ranked vanity numbers for an already parsed number, every category blocked. Empty when no
/// word fits well enough.
pub fn vanity_for(number: &PhoneNumber, count: usize) -> Vec<Vanity> {
    vanity_for_with(number, count, &Options::default())
}

/// [`vanity_for`] with the owner's options.
pub fn vanity_for_with(number: &PhoneNumber, count: usize, options: &Options) -> Vec<Vanity> {
    // Capped so an absurd count cannot ask for absurd work.
    let count = count.min(MAX_SPELLINGS);
    if count == 0 {
        return Vec::new();
    }
    let spellings = search::spellings(number.subscriber(), options.allowed);
    // Ranked for at least as many as `select` always chooses alike, so favouring words
    // reorders the same results whatever `count` is, and fewer stay a prefix of more.
    let mut ranked = select::rank(
        spellings,
        count.max(select::SAME_CHOICE_UP_TO),
        options.allowed,
    );
    favour::apply(&mut ranked, &options.favour);
    ranked.truncate(count);
    ranked
        .iter()
        .map(|s| {
            let (spoken, subscriber_start) = format::spoken(number, s);
            Vanity {
                display: format::display(number, s),
                letters: s.text().to_string(),
                words: format::words(s),
                score: score::normalize(s.total, SUBSCRIBER_LEN),
                overrun: usize::from(s.overrun),
                spoken,
                subscriber_start,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    // Here, not in pattern.rs: ranking is search + select, which pattern must not name.
    fn a_pattern_phrase_is_offered_but_never_beats_its_noun_alone() {
        let ranked = crate::select::rank(
            crate::search::spellings(b"6927753", Allowed::NONE),
            9,
            Allowed::NONE,
        );
        let at = |text: &str| ranked.iter().position(|s| s.text() == text);
        let (Some(phrase), Some(alone)) = (at("MYAPPLE"), at("69APPLE")) else {
            panic!("MY-APPLE and 69-APPLE expected");
        };
        assert!(alone < phrase);
    }

    #[test]
    fn display_and_spoken_forms_read_well() {
        // (number, letters of one expected result, its display, its spoken form)
        let cases = [
            (
                "+18003569377",
                "FLOWERS",
                "1-800-FLOWERS",
                "1, 8 hundred, flowers",
            ),
            (
                "+12062279274",
                "CARWASH",
                "1-206-CAR-WASH",
                "1, 2 0 6, car wash",
            ),
            (
                "1 800 373 3411",
                "FREE411",
                "1-800-FREE-411",
                "1, 8 hundred, free, 4 1 1",
            ),
            (
                "(888) 829-3676",
                "TAXFORM",
                "888-TAX-FORM",
                "8 8 8, tax form",
            ),
            (
                "+442079460958",
                "WIN0958",
                "+44-207-WIN-0958",
                "plus 4 4, 2 0 7, win, 0 9 5 8",
            ),
            ("227-9274", "CARWASH", "CAR-WASH", "car wash"),
            (
                "+18002668228",
                "CONTACTS",
                "1-800-CONTACTS",
                "1, 8 hundred, contacts",
            ),
        ];
        for (number, letters, display, spoken) in cases {
            let results = vanity_numbers(number, 10).unwrap_or_default();
            let found = results.iter().find(|v| v.letters == letters);
            let Some(found) = found else {
                panic!("{number}: {letters} not among {results:?}");
            };
            assert_eq!(found.display, display, "{number}");
            assert_eq!(found.spoken, spoken, "{number}");
            assert!(spoken.ends_with(found.spoken_subscriber()), "{number}");
            let prefix = found.spoken_prefix();
            let rejoined = if prefix.is_empty() {
                found.spoken_subscriber().to_string()
            } else {
                format!("{prefix}, {}", found.spoken_subscriber())
            };
            assert_eq!(rejoined, spoken, "{number}");
            assert_eq!(found.overrun, letters.len() - 7, "{number}");
        }
    }

    #[test]
    fn numbers_without_good_words_get_few_or_no_results() {
        // 0 and 1 have no letters; a single letter-bearing digit can hold no word.
        for number in ["+18001010101", "+18000000000", "+18001111911", "5550100"] {
            assert_eq!(vanity_numbers(number, 5), Ok(Vec::new()), "{number}");
        }
        assert_eq!(vanity_numbers("+18003569377", 0), Ok(Vec::new()));
        let all = vanity_numbers("+18003569377", usize::MAX).unwrap_or_default();
        assert!(!all.is_empty() && all.len() <= MAX_SPELLINGS);
    }

    #[test]
    fn errors_pass_through() {
        let cases = [
            ("", NumberError::Missing),
            ("anonymous", NumberError::Missing),
            ("CALL-ME", NumberError::Malformed),
            ("12345", NumberError::TooShort),
        ];
        for (number, expected) in cases {
            assert_eq!(vanity_numbers(number, 5), Err(expected), "{number:?}");
        }
    }
}
