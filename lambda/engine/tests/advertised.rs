//! Quality on real advertised vanity numbers: the advertised letters must be among the top 5.
//!
//! The table lists toll-free numbers advertised in the US whose letters are ordinary English
//! words, written down from memory of public advertising (not tuned against the engine: the
//! engine's rules are general, see docs/engine.md). Each number is built from its letters, so
//! the table cannot hold a wrong digit: the letters beyond the seventh are overrun.

use vanity_engine::{keypad, vanity_numbers};

/// (area code, advertised subscriber letters with dashes as advertised)
const ADVERTISED: &[(&str, &str)] = &[
    ("800", "FLOWERS"),
    ("800", "CONTACTS"),
    ("800", "GOT-JUNK"),
    ("800", "MATTRESS"),
    ("800", "PAINTER"),
    ("800", "DENTIST"),
    ("800", "PETMEDS"),
    ("800", "HOLIDAY"),
    ("800", "BLUE-VAN"),
    ("800", "RED-CROSS"),
    ("800", "PICK-UPS"),
    ("800", "MY-APPLE"),
    ("800", "DOCTORS"),
    ("800", "PLUMBER"),
    ("800", "DRYCLEAN"),
    ("800", "RADIATOR"),
    ("800", "FREE-411"),
    ("888", "BEST-BUY"),
    ("800", "QUIT-NOW"),
    ("800", "SUICIDE"),
    ("800", "COLLECT"),
    ("800", "ALLSTATE"),
    ("800", "PACK-RAT"),
    ("800", "STAPLES"),
    ("800", "BASKETS"),
    ("800", "BAKERIES"),
    ("800", "MEDICARE"),
    ("800", "DISCOVER"),
    ("800", "THRIFTY"),
    ("800", "GET-THIN"),
    ("800", "BAD-DRUG"),
    ("800", "INJURED"),
    ("800", "ACCIDENT"),
    ("800", "TAX-1040"),
    ("800", "TAX-FORM"),
    ("800", "4-CANCER"),
    ("888", "DASH-2-DOT"),
    ("800", "SKY-MALL"),
    ("800", "HOT-TUBS"),
    ("800", "CAR-WASH"),
];

/// The E.164 number that `letters` dials after +1 and the area code (first seven symbols).
fn dialed(area: &str, letters: &str) -> String {
    let digits: String = letters
        .bytes()
        .filter(|b| *b != b'-')
        .take(7)
        .map(|b| char::from(keypad::digit_for(b).unwrap_or(b)))
        .collect();
    format!("+1{area}{digits}")
}

#[test]
fn advertised_words_are_in_the_top_five() {
    let mut misses = Vec::new();
    for (area, advertised) in ADVERTISED {
        let number = dialed(area, advertised);
        let wanted: String = advertised.chars().filter(|c| *c != '-').collect();
        let results = vanity_numbers(&number, 5).unwrap_or_default();
        let rank = results.iter().position(|v| v.letters == wanted);
        match rank {
            Some(rank) => println!("hit  #{} {advertised:<12} {number}", rank + 1),
            None => {
                let got: Vec<&str> = results.iter().map(|v| v.display.as_str()).collect();
                println!("MISS    {advertised:<12} {number} got {got:?}");
                misses.push(*advertised);
            }
        }
    }
    let hits = ADVERTISED.len() - misses.len();
    println!(
        "hit rate: {hits}/{} ({:.0}%)",
        ADVERTISED.len(),
        100.0 * hits as f64 / ADVERTISED.len() as f64
    );
    // "Nearly all": allow at most one miss in ten.
    assert!(misses.len() * 10 <= ADVERTISED.len(), "missed {misses:?}");
}
