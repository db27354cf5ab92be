//! The quality targets on 10,000 seeded random NANP numbers (measures in
//! `vanity_quality::measures`, the blind judge in `vanity_quality::judge`; `examples/quality.rs` prints the same figures): the
//! best result reads well for at least 95% of numbers and the heard results for 90%, at least
//! 97% of the numbers holding a familiar headword get a result with one, and nothing falls in
//! a never-offer category, offends or misdials.

use vanity_quality::measures;

#[test]
fn quality_targets_hold_and_nothing_offends_or_misdials() {
    let report = measures::measure_engine(vanity_quality::seeded::NUMBERS);
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
    let found = |letters: &str, words: &[&str]| measures::Found {
        letters: letters.to_string(),
        words: words.iter().map(|w| w.to_string()).collect(),
    };
    // Across a boundary vs inside one word.
    assert!(measures::offensive(&found("GAYIDEA", &["gay", "idea"])).is_some());
    assert!(measures::offensive(&found("CLASS22", &["class"])).is_none());
    assert!(measures::dials(
        "+18002279274",
        &found("CARWASH", &["car", "wash"])
    ));
    assert!(!measures::dials(
        "+18002279275",
        &found("CARWASH", &["car", "wash"])
    ));
    // Reads well: a familiar word with digits, an attested phrase; not salad, not two words
    // split by digits, not a word few people know.
    assert!(measures::reads_well(&found("227WASH", &["wash"])));
    assert!(measures::reads_well(&found("TAXFORM", &["tax", "form"])));
    assert!(!measures::reads_well(&found("LAPEGG2", &["lap", "egg"])));
    assert!(!measures::reads_well(&found("OWL0WIT", &["owl", "wit"])));
    assert!(!measures::reads_well(&found("AUK1111", &["auk"])));
    // Categories, from the source files: a word, a published phrase, a threat.
    assert_eq!(
        measures::category(&found("GUN1111", &["gun"])),
        Some("violence")
    );
    assert_eq!(
        measures::category(&found("BLOWJOB", &["blow", "job"])),
        Some("sexual")
    );
    assert_eq!(
        measures::category(&found("HITYOU1", &["hit", "you"])),
        Some("threat")
    );
    assert_eq!(measures::category(&found("HIT4YOU", &["hit", "you"])), None);
    assert_eq!(
        measures::category(&found("CARWASH", &["car", "wash"])),
        None
    );
    assert_eq!(
        measures::category(&found("GORED11", &["go", "red"])),
        Some("violence")
    );
}
