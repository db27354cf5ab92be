//! Keeping offensive words out of results.
//!
//! The dictionary never contains a blocked word (the build script refuses to compile one), so
//! a single word is always clean. What remains is two words run together with no digits
//! between them ("CAR-WASH" is read as "carwash"): [`spells_blocked_word`] rejects a result
//! when a blocked word appears across such a boundary, and [`spells_category_word`] when a
//! word of `CATEGORY_ACROSS` letters or more in a category the owner has not allowed does
//! (shorter ones, such as WAR in SHOW-ARENA, are not heard across a phrase).

use crate::category::Allowed;
use crate::dictionary;
use crate::search::Spelling;

/// The shortest category word that counts when read across two words.
const CATEGORY_ACROSS: usize = 4;

/// True when a word of a category `allowed` does not allow, of 4+ letters, can be read across
/// the boundary of two adjacent words.
pub fn spells_category_word(spelling: &Spelling, allowed: Allowed) -> bool {
    if spelling.ids().len() < 2 {
        return false;
    }
    let letters: Vec<u8> = spelling
        .groups()
        .filter(|g| g.bytes().all(|b| b.is_ascii_alphabetic()))
        .flat_map(|g| g.bytes().map(|b| b.to_ascii_lowercase()))
        .collect();
    let mut boundaries = Vec::with_capacity(3);
    let mut at = 0;
    for group in spelling
        .groups()
        .filter(|g| g.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        if at > 0 {
            boundaries.push(at);
        }
        at += group.len();
    }
    let mut digits = [0u8; dictionary::MAX_WORD_LEN];
    for start in 0..letters.len() {
        for end in start + CATEGORY_ACROSS..=letters.len().min(start + dictionary::MAX_WORD_LEN) {
            if !boundaries.iter().any(|&b| start < b && b < end) {
                continue;
            }
            let piece = &letters[start..end];
            for (slot, &b) in digits.iter_mut().zip(piece) {
                *slot = crate::keypad::digit_for(b).unwrap_or(b'0');
            }
            let Ok(word) = std::str::from_utf8(piece) else {
                continue;
            };
            let hit = dictionary::exact(&digits[..piece.len()])
                .find(|e| e.word == word)
                .is_some_and(|e| !allowed.word(&e));
            if hit {
                return true;
            }
        }
    }
    false
}

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
    fn category_words_across_two_words_count_unless_allowed() {
        use crate::Category;
        // GO-RED reads "gore" across the boundary; GORE-D would be the word itself.
        let go_red = Spelling::of_words(&["go", "red"]);
        assert!(spells_category_word(&go_red, Allowed::NONE));
        assert!(!spells_category_word(
            &go_red,
            Allowed::of([Category::Violence])
        ));
        // CAR-WASH hides no category word; a single word is the dictionary's business.
        assert!(!spells_category_word(
            &Spelling::of_words(&["car", "wash"]),
            Allowed::NONE
        ));
        assert!(!spells_category_word(
            &Spelling::of_words(&["gore"]),
            Allowed::NONE
        ));
        // Three letters across a boundary do not count (SHOW-ARENA would read "war").
        assert!(!spells_category_word(
            &Spelling::of_words(&["tow", "arc"]),
            Allowed::NONE
        ));
    }

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
