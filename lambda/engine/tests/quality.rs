//! The quality targets on 10,000 seeded random NANP numbers (measures in
//! `support/quality.rs`; `examples/quality.rs` prints the same figures): coverage of at least
//! 97% of the numbers holding a common word and 95% of those holding three placements, no
//! offensive and no wrong-dial result.

#[path = "support/quality.rs"]
mod quality;

#[test]
fn coverage_targets_hold_and_nothing_offends_or_misdials() {
    let report = quality::measure_engine(quality::NUMBERS);
    for line in report.lines() {
        println!("{line}");
    }
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
        report.coverage() >= 0.97,
        "coverage {:.3}",
        report.coverage()
    );
    assert!(
        report.coverage_three() >= 0.95,
        "coverage of three {:.3}",
        report.coverage_three()
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
    assert!(quality::reads_well(&found("CARWASH", &["car", "wash"])));
    assert!(!quality::reads_well(&found("HOMEOUR", &["home", "our"])));
    assert!(!quality::reads_well(&found("OWL0WIT", &["owl", "wit"])));
}
