//! Every blocklist entry through the engine: for each blocked word that fits in seven digits,
//! numbers that dial it (alone between digits without letters, and next to lettered digits so
//! it could form across a word boundary) never get a result that spells it as a word or across
//! a boundary.

use vanity_engine::{dictionary, keypad};
use vanity_quality::measures;

#[test]
fn no_blocked_word_is_ever_offered() {
    let mut checked = 0;
    let mut offered = Vec::new();
    for word in dictionary::blocked() {
        let digits: String = word
            .bytes()
            .map(|b| char::from(keypad::digit_for(b).unwrap_or(b'0')))
            .collect();
        if digits.len() > 7 {
            continue;
        }
        let pad = 7 - digits.len();
        // Digits without letters around it; lettered digits before it; lettered digits after.
        let subscribers = [
            format!("{}{digits}", "1".repeat(pad)),
            format!("{}{digits}", "2".repeat(pad)),
            format!("{digits}{}", "8".repeat(pad)),
            format!(
                "{}{digits}{}",
                "4".repeat(pad / 2),
                "6".repeat(pad - pad / 2)
            ),
        ];
        for subscriber in subscribers {
            let number = format!("+1800{subscriber}");
            for found in measures::engine_results(&number) {
                if let Some(bad) = measures::offensive(&found) {
                    offered.push(format!("{number}: {} ({bad})", found.letters));
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} numbers checked");
    assert!(offered.is_empty(), "offered: {offered:?}");
}
