//! How a result is written and spoken: the `display`, `letters`, `words` and `spoken` fields
//! of [`crate::Vanity`], from a parsed number and one spelling of its subscriber part.
//!
//! Display: groups joined by dashes, country and area code as digits, each word in capitals,
//! leftover digits kept together ("1-800-FLOWERS", "1-206-55-CAR-WASH"); numbers outside the
//! NANP keep their `+` ("+44-207-GOT-JUNK").
//!
//! Spoken (plain text for text-to-speech inside the flow's SSML, no markup): words in lower
//! case, digits one by one separated by spaces so each is read as a digit, a comma (a short
//! pause) between groups except between two words, which are read as a phrase; an acronym
//! (USA) is spelled out letter by letter. An area code
//! of the form X00 is read "X hundred" ("1, 8 hundred, flowers"), as people say it; every
//! other digit group is read digit by digit, the way it is dialed.

use crate::number::{NumberPlan, PhoneNumber};
use crate::search::Spelling;

/// The display form: "1-800-FLOWERS".
pub fn display(number: &PhoneNumber, spelling: &Spelling) -> String {
    let mut out = String::with_capacity(24);
    if number.is_international() {
        out.push('+');
    }
    for group in number.prefix_groups().into_iter().chain(spelling.groups()) {
        if !out.is_empty() && !out.ends_with('+') {
            out.push('-');
        }
        out.push_str(group);
    }
    out
}

/// The words used, lower case, in order.
pub fn words(spelling: &Spelling) -> Vec<String> {
    spelling
        .groups()
        .filter(|g| is_word(g))
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The spoken form, "1, 8 hundred, flowers", and where its subscriber part ("flowers") starts:
/// the country and area code ("1, 8 hundred", "plus 4 4, 2 0 7", nothing for a number without
/// them), which every result for one number shares since only the subscriber part is spelled,
/// then the spelling. Written in one pass into one string.
pub fn spoken(number: &PhoneNumber, spelling: &Spelling) -> (String, usize) {
    let mut out = String::with_capacity(48);
    let area_code = matches!(number.plan(), NumberPlan::Nanp { .. });
    let prefix = number.prefix_groups();
    let last_prefix = prefix.len().saturating_sub(1);
    for (index, group) in prefix.into_iter().enumerate() {
        separate(&mut out, false, false);
        if number.is_international() && index == 0 {
            out.push_str("plus ");
        }
        match group.strip_suffix("00") {
            Some(lead) if area_code && index == last_prefix && lead.len() == 1 => {
                out.push_str(lead);
                out.push_str(" hundred");
            }
            _ => push_digits(&mut out, group),
        }
    }
    separate(&mut out, false, false);
    let subscriber_start = out.len();
    let mut previous_was_word = false;
    for (index, group) in spelling.groups().enumerate() {
        let word = is_word(group);
        if index > 0 {
            separate(&mut out, previous_was_word, word);
        }
        if word && is_acronym(group) {
            // USA is said "u s a": spell it out, as with digits.
            push_digits(&mut out, &group.to_ascii_lowercase());
        } else if word {
            out.extend(group.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            push_digits(&mut out, group);
        }
        previous_was_word = word;
    }
    (out, subscriber_start)
}

/// Whether the dictionary marks the word as an acronym (spoken letter by letter).
fn is_acronym(group: &str) -> bool {
    let mut lower = [0u8; crate::dictionary::MAX_WORD_LEN];
    let Some(slot) = lower.get_mut(..group.len()) else {
        return false;
    };
    for (to, from) in slot.iter_mut().zip(group.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    std::str::from_utf8(slot)
        .ok()
        .and_then(crate::dictionary::exact_word)
        .is_some_and(|e| e.is(crate::tags::ACRONYM))
}

fn is_word(group: &str) -> bool {
    group.bytes().all(|b| b.is_ascii_alphabetic())
}

fn separate(out: &mut String, previous_was_word: bool, word: bool) {
    if out.is_empty() {
        return;
    }
    out.push_str(if previous_was_word && word { " " } else { ", " });
}

fn push_digits(out: &mut String, digits: &str) {
    for (i, d) in digits.chars().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push(d);
    }
}
