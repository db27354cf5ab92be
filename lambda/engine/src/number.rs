//! Turning caller-id text into a [`PhoneNumber`]: which digits stay digits (country code, area
//! code) and which seven form the subscriber part that the engine spells.
//!
//! Rules, in order (see docs/engine.md):
//! - Blank, `+` alone, or a withheld-number marker ("anonymous", "withheld", "private",
//!   "unknown", "restricted", "unavailable", any case) is [`NumberError::Missing`].
//! - A leading `+` marks E.164; separators ` - . ( ) /` are ignored anywhere; any other
//!   character (letters, a second `+`, an extension) is [`NumberError::Malformed`], and so is a
//!   string of more than 15 digits (the E.164 maximum) or one with no digits at all.
//! - Fewer than 7 digits, or an E.164 number whose national part is under 7, is
//!   [`NumberError::TooShort`].
//! - NANP (`+1` plus 10 digits, bare 11 digits starting with 1, or bare 10 digits): country
//!   code, 3-digit area code, 7-digit subscriber part. Bare 7 digits: a local subscriber number.
//! - Any other E.164 number: the country code (1 to 3 digits, from the ITU assignment) and the
//!   rest of the national number stay digits; the last 7 digits are the subscriber part.
//!   Other bare lengths: everything before the last 7 digits is one group of digits.

use crate::NumberError;

/// Digits the engine spells: NANP subscriber numbers have 7, and we use 7 everywhere so a
/// result is always the same shape (documented rule for non-NANP numbers).
pub const SUBSCRIBER_LEN: usize = 7;

/// E.164 caps a number at 15 digits including the country code.
const MAX_DIGITS: usize = 15;

const WITHHELD: [&str; 6] = [
    "anonymous",
    "withheld",
    "private",
    "unknown",
    "restricted",
    "unavailable",
];

/// How the digits before the subscriber part are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberPlan {
    /// North American Numbering Plan; `country` is true when the leading 1 was given.
    Nanp { country: bool },
    /// E.164 outside country code 1, with the length of its country code.
    International { country_len: usize },
    /// Bare 7 digits: no area code.
    Local,
    /// Bare digits of another length: no known structure.
    Unknown,
}

/// A caller's number, validated: only digits, 7 to 15 of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    digits: String,
    plan: NumberPlan,
}

impl PhoneNumber {
    /// Parses caller-id text by the rules in the module documentation. Never panics.
    pub fn parse(text: &str) -> Result<Self, NumberError> {
        let text = text.trim();
        if text.is_empty() || text == "+" || WITHHELD.iter().any(|w| text.eq_ignore_ascii_case(w)) {
            return Err(NumberError::Missing);
        }
        let (plus, rest) = match text.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut digits = String::with_capacity(MAX_DIGITS);
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '\t' | '-' | '.' | '(' | ')' | '/' => {}
                _ => return Err(NumberError::Malformed),
            }
        }
        if digits.is_empty() || digits.len() > MAX_DIGITS {
            return Err(NumberError::Malformed);
        }
        if digits.len() < SUBSCRIBER_LEN {
            return Err(NumberError::TooShort);
        }
        let plan = if plus {
            if digits.starts_with('1') && digits.len() == 11 {
                NumberPlan::Nanp { country: true }
            } else {
                let country_len = country_code_len(&digits);
                if digits.len() - country_len < SUBSCRIBER_LEN {
                    return Err(NumberError::TooShort);
                }
                NumberPlan::International { country_len }
            }
        } else {
            match digits.len() {
                7 => NumberPlan::Local,
                10 => NumberPlan::Nanp { country: false },
                11 if digits.starts_with('1') => NumberPlan::Nanp { country: true },
                _ => NumberPlan::Unknown,
            }
        };
        Ok(PhoneNumber { digits, plan })
    }

    /// Every digit, without separators or `+`, e.g. "18003569377".
    pub fn digits(&self) -> &str {
        &self.digits
    }

    pub fn plan(&self) -> NumberPlan {
        self.plan
    }

    /// The last seven digits, the part the engine spells.
    pub fn subscriber(&self) -> &[u8] {
        &self.digits.as_bytes()[self.digits.len() - SUBSCRIBER_LEN..]
    }

    /// The digit groups before the subscriber part, e.g. ["1", "800"], ["44", "207"] or [].
    pub fn prefix_groups(&self) -> Vec<&str> {
        let prefix = &self.digits[..self.digits.len() - SUBSCRIBER_LEN];
        let split = match self.plan {
            NumberPlan::Nanp { country: true } => 1,
            NumberPlan::International { country_len } => country_len,
            NumberPlan::Nanp { country: false } | NumberPlan::Local | NumberPlan::Unknown => 0,
        };
        let (first, second) = prefix.split_at(split.min(prefix.len()));
        [first, second]
            .into_iter()
            .filter(|g| !g.is_empty())
            .collect()
    }

    /// True for E.164 numbers outside the NANP, which are displayed with a leading `+`.
    pub fn is_international(&self) -> bool {
        matches!(self.plan, NumberPlan::International { .. })
    }
}

/// Length of the E.164 country code that starts `digits` (ITU-T E.164 assignments: 1 and 7
/// are one digit, the zones listed below two, every other code three).
fn country_code_len(digits: &str) -> usize {
    const TWO_DIGIT: [&str; 44] = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
        "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
        "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ];
    if digits.starts_with('1') || digits.starts_with('7') {
        1
    } else if TWO_DIGIT.iter().any(|cc| digits.starts_with(cc)) {
        2
    } else {
        3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_shapes_callers_and_people_write() {
        use NumberPlan::*;
        let cases: &[(&str, &str, NumberPlan, &[&str])] = &[
            (
                "+18003569377",
                "18003569377",
                Nanp { country: true },
                &["1", "800"],
            ),
            (
                "1-800-356-9377",
                "18003569377",
                Nanp { country: true },
                &["1", "800"],
            ),
            (
                "(206) 555-0100",
                "2065550100",
                Nanp { country: false },
                &["206"],
            ),
            (" 555.0100 ", "5550100", Local, &[]),
            (
                "+442079460958",
                "442079460958",
                International { country_len: 2 },
                &["44", "207"],
            ),
            (
                "+35312345678",
                "35312345678",
                International { country_len: 3 },
                &["353", "1"],
            ),
            (
                "+74951234567",
                "74951234567",
                International { country_len: 1 },
                &["7", "495"],
            ),
            (
                "+1 2345678",
                "12345678",
                International { country_len: 1 },
                &["1"],
            ),
            ("123456789", "123456789", Unknown, &["12"]),
        ];
        for (text, digits, plan, groups) in cases {
            let number = PhoneNumber::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(number.digits(), *digits, "{text}");
            assert_eq!(number.plan(), *plan, "{text}");
            assert_eq!(number.prefix_groups(), *groups, "{text}");
            assert_eq!(
                number.subscriber(),
                &digits.as_bytes()[digits.len() - 7..],
                "{text}"
            );
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        let cases: &[(&str, NumberError)] = &[
            ("", NumberError::Missing),
            ("   ", NumberError::Missing),
            ("+", NumberError::Missing),
            ("anonymous", NumberError::Missing),
            ("Withheld", NumberError::Missing),
            ("UNKNOWN", NumberError::Missing),
            ("1-800-FLOWERS", NumberError::Malformed),
            ("+1800356937x12", NumberError::Malformed),
            ("++18003569377", NumberError::Malformed),
            ("18003569377+", NumberError::Malformed),
            ("()-", NumberError::Malformed),
            ("1234567890123456", NumberError::Malformed),
            ("555-010", NumberError::TooShort),
            ("+44123456", NumberError::TooShort),
            ("+1", NumberError::TooShort),
        ];
        for (text, expected) in cases {
            assert_eq!(PhoneNumber::parse(text), Err(*expected), "{text:?}");
        }
    }
}
