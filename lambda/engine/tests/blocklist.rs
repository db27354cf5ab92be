//! Every blocklist entry through the engine: for each blocked word that fits in seven digits,
//! numbers that dial it (alone between digits without letters, and next to lettered digits so
//! it could form across a word boundary) never get a result that spells it as a word or across
//! a boundary.

use vanity_engine::dictionary;
use vanity_quality::{measures, seeded};

#[test]
fn no_blocked_word_is_ever_offered() {
    let mut checked = 0;
    let mut offered = Vec::new();
    for word in dictionary::blocked() {
        if word.len() > 7 {
            continue;
        }
        for number in seeded::dialing(word) {
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
