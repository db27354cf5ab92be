//! The quality benchmark: how often the best and the heard results read well (blind judge),
//! coverage against the limits the dictionary sets, results per number, results in each
//! never-offer category, offensive and wrong-dial results (on 10,000 seeded random NANP
//! numbers), and the hit rate on the advertised list. The measures are in
//! the `vanity-quality` crate (`quality/`); `tests/quality.rs` asserts the targets.
//!
//! Run: `cargo run --release -p vanity-engine --example quality` (or `scripts/quality.sh`).
//! `--results FILE` judges results made by another build instead (lines
//! `number<TAB>letters<TAB>word,word`, as `scripts/quality.sh --before REV` writes them), so a
//! before/after comparison uses one judge.

use std::collections::HashMap;
use std::process::ExitCode;
use vanity_quality::measures::{self, Found, Report};
use vanity_quality::{advertised, seeded};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => {
            let report = measures::measure_engine(seeded::NUMBERS);
            for line in report.lines() {
                println!("{line}");
            }
            print_samples(&report);
            print_advertised();
        }
        [flag, path] if flag == "--results" => {
            // An older build's results, side by side with this tree's engine, one judge.
            let (before, hits) =
                match from_file(path).and_then(|r| Ok((r, advertised_from_file(path)?))) {
                    Ok(read) => read,
                    Err(message) => {
                        eprintln!("quality: {message}");
                        return ExitCode::from(2);
                    }
                };
            let now = measures::measure_engine(seeded::NUMBERS);
            for line in Report::side_by_side(&before, &now) {
                println!("{line}");
            }
            // Both columns with default options (every category blocked), as the dump of an
            // older build is made, so SUICIDE and BAD-DRUG miss in both.
            let now_hits = advertised::ADVERTISED
                .iter()
                .filter(|(area, letters)| {
                    let wanted: String = letters.chars().filter(|c| *c != '-').collect();
                    measures::engine_results(&advertised::dialed(area, letters))
                        .iter()
                        .any(|f| f.letters == wanted)
                })
                .count();
            let total = advertised::ADVERTISED.len();
            println!(
                "{:<28} {:>8} {:>8}  in the top 5, default options (owners' categories: see the plain run)",
                "advertised list",
                format!("{hits}/{total}"),
                format!("{now_hits}/{total}")
            );
        }
        [flag] if flag == "--numbers" => {
            // The seeded numbers, then the advertised ones (for an older build's hit rate).
            for number in seeded::numbers(seeded::NUMBERS) {
                println!("{number}");
            }
            for (area, letters) in advertised::ADVERTISED {
                println!("{}", advertised::dialed(area, letters));
            }
        }
        _ => {
            eprintln!("usage: quality [--numbers | --results FILE]");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

/// A few of what each figure counts: results in a category, heard results the judge does not
/// accept, offensive and wrong-dial results.
fn print_samples(report: &Report) {
    for (name, number, letters) in report.categories.iter().take(20) {
        println!("  {name}: {number} {letters}");
    }
    for (number, letters) in report.misreads.iter().take(30) {
        println!("  judge rejects: {number} {letters}");
    }
    for (number, word) in report.offensive.iter().take(10) {
        println!("  offensive: {number} {word}");
    }
    for (number, letters) in report.wrong_dial.iter().take(10) {
        println!("  wrong dial: {number} {letters}");
    }
}

/// The advertised list's hit rate for this tree's engine, and each miss with what it got.
fn print_advertised() {
    let ranks = advertised::ranks();
    let hits = ranks.iter().filter(|r| r.2.is_some()).count();
    println!(
        "{:<28} {:>8}  in the top 5, owner's categories allowed; target 38",
        "advertised list",
        format!("{hits}/{}", ranks.len())
    );
    for (advertised, number, rank, got) in &ranks {
        if rank.is_none() {
            println!("  advertised miss: {advertised} {number} got {got:?}");
        }
    }
}

/// How many advertised letters are among the results for their numbers in `path`.
fn advertised_from_file(path: &str) -> Result<usize, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let hits = advertised::ADVERTISED
        .iter()
        .filter(|(area, letters)| {
            let number = advertised::dialed(area, letters);
            let wanted: String = letters.chars().filter(|c| *c != '-').collect();
            text.lines()
                .filter(|l| l.starts_with(&format!("{number}\t")))
                .take(5)
                .any(|l| l.split('\t').nth(1) == Some(wanted.as_str()))
        })
        .count();
    Ok(hits)
}

/// The report for results read from `path`, judged on the same seeded numbers.
fn from_file(path: &str) -> Result<Report, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut by_number: HashMap<&str, Vec<Found>> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let mut fields = line.split('\t');
        let (Some(number), Some(letters), Some(words)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(format!(
                "{path}:{}: expected number<TAB>letters<TAB>words",
                n + 1
            ));
        };
        by_number.entry(number).or_default().push(Found {
            letters: letters.to_string(),
            words: words
                .split(',')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    let mut report = Report::default();
    for number in seeded::numbers(seeded::NUMBERS) {
        report.add(
            &number,
            by_number
                .get(number.as_str())
                .map_or(&[][..], Vec::as_slice),
        );
    }
    Ok(report)
}
