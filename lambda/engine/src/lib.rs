//! The vanity engine: given a phone number, the ranked vanity numbers it spells.
//!
//! Pure code: no I/O, no async, no AWS types, so the Lambda, the CLI, the simulator and the
//! benchmarks all run exactly the same logic. The Lambda contract (response keys) lives in
//! [`contract`] because it is plain data shared by the Lambda and the flow renderer.

pub mod contract;

/// One ranked vanity number.
#[derive(Debug, Clone, PartialEq)]
pub struct Vanity {
    /// Easy to read and write down, e.g. "1-800-FLOWERS" or "1-206-55-CAR-WASH".
    pub display: String,
    /// The dialable part as letters and digits (subscriber part only), e.g. "CARWASH".
    pub letters: String,
    /// The dictionary words used, in order, lower case.
    pub words: Vec<String>,
    /// Higher is better; results are sorted by it, descending.
    pub score: f64,
    /// How many letters the last word runs past the last digit (0 for an exact fit).
    pub overrun: usize,
    /// Plain text for speech: words lower case, digits separated by spaces, pauses as commas.
    pub spoken: String,
}

/// Why a string is not a number the engine can work with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing usable: empty, "anonymous", "withheld", "+" alone...
    Missing,
    /// Characters other than digits and common separators.
    Malformed,
    /// Fewer digits than a subscriber number needs.
    TooShort,
}

/// Ranked vanity numbers for `number`, best first, at most `count`, distinct.
pub fn vanity_numbers(number: &str, count: usize) -> Result<Vec<Vanity>, NumberError> {
    let _ = (number, count);
    todo!("engine helper implements this")
}
