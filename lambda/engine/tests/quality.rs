//! The quality targets on 10,000 seeded random NANP numbers (measures in `support/quality.rs`,
//! the blind judge in `support/judge.rs`; `examples/quality.rs` prints the same figures): the
//! best result reads well for at least 95% of numbers and the heard results for 90%, at least
//! 97% of the numbers holding a familiar headword get a result with one, and nothing falls in
//! a never-offer category, offends or misdials.

#[path = "support/judge.rs"]
mod judge;
#[path = "support/quality.rs"]
mod quality;

#[test]
fn quality_targets_hold_and_nothing_offends_or_misdials() {
    let report = quality::measure_engine(quality::NUMBERS);
    for line in report.lines() {
        println!("{line}");
    }
    let sample: Vec<_> = report.misreads.iter().take(40).collect();
    println!("heard results the judge does not accept (first 40): {sample:?}");
    assert!(
        report.categories.is_empty(),
        "in a category: {:?}",
        report.categories
    );
    assert!(
        report.offensive.is_empty(),
        "offensive: {:?}",
        report.offensive
    );
    assert!(
        report.wrong_dial.is_empty(),
        "wrong dial: {:?}",
        report.wrong_dial
    );
    assert!(
        report.best_reads_well() >= 0.95,
        "best reads well {:.3}",
        report.best_reads_well()
    );
    assert!(
        report.heard_reads_well() >= 0.90,
        "heard reads well {:.3}",
        report.heard_reads_well()
    );
    assert!(
        report.coverage() >= 0.97,
        "coverage {:.3}",
        report.coverage()
    );
}

#[test]
fn the_judge_catches_what_it_must() {
    let found = |letters: &str, words: &[&str]| quality::Found {
        letters: letters.to_string(),
        words: words.iter().map(|w| w.to_string()).collect(),
    };
    // Across a boundary vs inside one word.
    assert!(quality::offensive(&found("GAYIDEA", &["gay", "idea"])).is_some());
    assert!(quality::offensive(&found("CLASS22", &["class"])).is_none());
    assert!(quality::dials(
        "+18002279274",
        &found("CARWASH", &["car", "wash"])
    ));
    assert!(!quality::dials(
        "+18002279275",
        &found("CARWASH", &["car", "wash"])
    ));
    // Reads well: a familiar word with digits, an attested phrase; not salad, not two words
    // split by digits, not a word few people know.
    assert!(quality::reads_well(&found("227WASH", &["wash"])));
    assert!(quality::reads_well(&found("TAXFORM", &["tax", "form"])));
    assert!(!quality::reads_well(&found("LAPEGG2", &["lap", "egg"])));
    assert!(!quality::reads_well(&found("OWL0WIT", &["owl", "wit"])));
    assert!(!quality::reads_well(&found("AUK1111", &["auk"])));
    // Categories, from the source files: a word, a published phrase, a threat.
    assert_eq!(
        quality::category(&found("GUN1111", &["gun"])),
        Some("violence")
    );
    assert_eq!(
        quality::category(&found("BLOWJOB", &["blow", "job"])),
        Some("sexual")
    );
    assert_eq!(
        quality::category(&found("HITYOU1", &["hit", "you"])),
        Some("threat")
    );
    assert_eq!(quality::category(&found("HIT4YOU", &["hit", "you"])), None);
    assert_eq!(quality::category(&found("CARWASH", &["car", "wash"])), None);
    assert_eq!(
        quality::category(&found("GORED11", &["go", "red"])),
        Some("violence")
    );
}
