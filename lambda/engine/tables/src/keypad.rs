//! The telephone keypad (ITU E.161 letter assignment): which digit each letter dials.
//!
//! The engine's build script packs the dictionary's keys with [`pack_word`] and the engine
//! looks digits up with [`pack_digits`], so both sides use one keypad.

/// The digit (`b'2'..=b'9'`) a letter dials, for ASCII letters of either case; `None` otherwise.
// `#[inline]` on the three: the engine calls them on its hot path from another crate, where
// they are otherwise not inlined (no LTO) and are compiled at this crate's opt-level.
#[inline]
pub const fn digit_for(letter: u8) -> Option<u8> {
    match letter.to_ascii_lowercase() {
        b'a'..=b'c' => Some(b'2'),
        b'd'..=b'f' => Some(b'3'),
        b'g'..=b'i' => Some(b'4'),
        b'j'..=b'l' => Some(b'5'),
        b'm'..=b'o' => Some(b'6'),
        b'p'..=b's' => Some(b'7'),
        b't'..=b'v' => Some(b'8'),
        b'w'..=b'z' => Some(b'9'),
        _ => None,
    }
}

/// Bits one keypad digit takes in a packed key: the eight lettered digits 2..=9 fit in three.
pub const BITS_PER_DIGIT: u32 = 3;

/// Packs lettered digits (`b'2'..=b'9'`) into an integer key, first digit in the high bits, so
/// that sorting keys of one length sorts them like the digit strings and every prefix is a
/// contiguous range. `None` when a digit has no letters (0 and 1) or the key would not fit.
#[inline]
pub fn pack_digits(digits: &[u8]) -> Option<u32> {
    if digits.len() as u32 * BITS_PER_DIGIT > u32::BITS {
        return None;
    }
    let mut key = 0u32;
    for &d in digits {
        if !(b'2'..=b'9').contains(&d) {
            return None;
        }
        key = (key << BITS_PER_DIGIT) | u32::from(d - b'2');
    }
    Some(key)
}

/// The packed key of a word: the digits its letters dial. `None` for non-letters.
#[inline]
pub fn pack_word(word: &[u8]) -> Option<u32> {
    let mut digits = [0u8; 10];
    if word.len() > digits.len() {
        return None;
    }
    for (slot, &letter) in digits.iter_mut().zip(word) {
        *slot = digit_for(letter)?;
    }
    pack_digits(&digits[..word.len()])
}
