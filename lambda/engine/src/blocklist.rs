//! Keeping offensive words out of results.
//!
//! The dictionary never contains a blocked word (the build script refuses to compile one), so
//! a single word is always clean. What remains is two words run together with no digits
//! between them ("CAR-WASH" is read as "carwash"): [`spells_blocked_word`] rejects a result
//! when a blocked word appears across such a boundary.

use crate::dictionary;
use crate::search::Spelling;

/// True when a blocked word can be read across the boundary of two adjacent words.
pub fn spells_blocked_word(spelling: &Spelling) -> bool {
    let mut run = [0u8; crate::search::MAX_TEXT];
    let mut run_len = 0;
    let mut boundaries = 0u16;
    for group in spelling.groups() {
        if !group.bytes().all(|b| b.is_ascii_alphabetic()) {
            if crosses_blocked(&run[..run_len], boundaries) {
                return true;
            }
            run_len = 0;
            boundaries = 0;
            continue;
        }
        if run_len > 0 {
            boundaries |= 1 << run_len;
        }
        for b in group.bytes() {
            if let Some(slot) = run.get_mut(run_len) {
                *slot = b.to_ascii_lowercase();
                run_len += 1;
            }
        }
    }
    crosses_blocked(&run[..run_len], boundaries)
}

/// Whether a substring of `letters` that spans a boundary bit is a blocked word.
fn crosses_blocked(letters: &[u8], boundaries: u16) -> bool {
    if boundaries == 0 {
        return false;
    }
    let blocked = dictionary::blocked_keys();
    for start in 0..letters.len() {
        // Grow the substring one letter at a time, its packed key along with it (at most 12
        // letters fit in the key, longer than any blocked word).
        let mut key = 0u64;
        for end in start + 1..=letters.len().min(start + 12) {
            key = (key << 5)
                | u64::from(letters[end - 1].to_ascii_lowercase().wrapping_sub(b'a') + 1);
            // A boundary strictly inside start..end means the substring spans two words.
            let inside = (start + 1..end).any(|k| boundaries & (1 << k) != 0);
            if inside && end - start >= 2 && blocked.binary_search(&key).is_ok() {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_words_spanning_a_boundary_count() {
        // (letters, boundary positions, expected)
        let cases: &[(&str, &[usize], bool)] = &[
            ("classact", &[5], false),     // "ass" lies inside "class"
            ("craphone", &[4], false),     // no blocked word spans position 4
            ("heyshitme", &[5], true),     // "heysh" + "itme" reads "shit" across the boundary
            ("heyshitme", &[3, 7], false), // a whole word is the dictionary's business
            ("goodday", &[4], false),
            ("mypiss", &[2, 3], true),
        ];
        for (letters, at, expected) in cases {
            let bits = at.iter().fold(0u16, |b, k| b | (1 << k));
            assert_eq!(
                crosses_blocked(letters.as_bytes(), bits),
                *expected,
                "{letters} {at:?}"
            );
        }
    }
}
