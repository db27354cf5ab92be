//! `connect-vanity vanity`: the engine for people and scripts.
//!
//! Numbers come from the arguments, or from stdin one per line when there are none (blank lines
//! are skipped). People get a ranked list per number; `--json` prints one JSON object per
//! result and line (`number`, `rank`, `display`, `letters`, `words`, `score`, `overrun`,
//! `spoken`), and nothing for a number no word fits. A number the engine cannot read is
//! reported on stderr (with its line number when read from stdin) and the rest still run; the
//! exit code is then 2, as for any other bad input. Output is buffered and stdout locked once,
//! so piping 100,000 numbers through stays fast; a closed pipe (`| head`) ends the run quietly.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use serde::Serialize;
use vanity_engine::{vanity_numbers_with, Options, Vanity};

/// What to print for each number: how many results, in which form, with which categories
/// allowed.
#[derive(Debug, Clone)]
pub struct Listing {
    pub count: usize,
    pub json: bool,
    pub options: Options,
}

/// Runs the subcommand on the process's stdin, stdout and stderr.
pub fn run(numbers: &[String], listing: &Listing) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout().lock();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout);
    let mut err = io::stderr().lock();
    let report = if numbers.is_empty() {
        run_lines(io::stdin().lock(), listing, &mut out, &mut err)
    } else {
        let args = numbers.iter().map(|n| Ok((None, n.clone())));
        run_numbers(args, listing, &mut out, &mut err)
    };
    let bad = match report.and_then(|bad| out.flush().map(|()| bad)) {
        Ok(bad) => bad,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e).context("writing vanity numbers"),
    };
    Ok(if bad > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads numbers from `input`, one per line; returns how many were bad.
pub fn run_lines(
    mut input: impl BufRead,
    listing: &Listing,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<usize> {
    let mut line = Vec::with_capacity(64);
    let mut line_no = 0usize;
    let lines = std::iter::from_fn(move || {
        line.clear();
        line_no += 1;
        match input.read_until(b'\n', &mut line) {
            Ok(0) => None,
            // Invalid UTF-8 becomes U+FFFD, which the engine reports as malformed.
            Ok(_) => Some(Ok((
                Some(line_no),
                String::from_utf8_lossy(&line).into_owned(),
            ))),
            Err(e) => Some(Err(e)),
        }
    });
    run_numbers(lines, listing, out, err)
}

/// One number and, when it came from stdin, its line number.
type Numbered = io::Result<(Option<usize>, String)>;

fn run_numbers(
    numbers: impl Iterator<Item = Numbered>,
    listing: &Listing,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<usize> {
    let mut bad = 0;
    for item in numbers {
        let (line_no, raw) = item?;
        let number = raw.trim();
        if line_no.is_some() && number.is_empty() {
            continue;
        }
        match vanity_numbers_with(number, listing.count, &listing.options) {
            Ok(results) if listing.json => write_json(out, number, &results)?,
            Ok(results) => write_human(out, number, &results)?,
            Err(e) => {
                bad += 1;
                match line_no {
                    Some(n) => writeln!(err, "stdin:{n}: {number:?}: {e}")?,
                    None => writeln!(err, "{number:?}: {e}")?,
                }
            }
        }
    }
    Ok(bad)
}

/// One line of `--json` output.
#[derive(Serialize)]
struct JsonResult<'a> {
    number: &'a str,
    rank: usize,
    display: &'a str,
    letters: &'a str,
    words: &'a [String],
    score: f64,
    overrun: usize,
    spoken: &'a str,
}

fn write_json(out: &mut impl Write, number: &str, results: &[Vanity]) -> io::Result<()> {
    for (i, v) in results.iter().enumerate() {
        let line = JsonResult {
            number,
            rank: i + 1,
            display: &v.display,
            letters: &v.letters,
            words: &v.words,
            score: v.score,
            overrun: v.overrun,
            spoken: &v.spoken,
        };
        serde_json::to_writer(&mut *out, &line).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn write_human(out: &mut impl Write, number: &str, results: &[Vanity]) -> io::Result<()> {
    writeln!(out, "{number}")?;
    if results.is_empty() {
        writeln!(out, "   no vanity words fit this number")?;
    }
    for (i, v) in results.iter().enumerate() {
        let note = if v.overrun > 0 {
            format!("  (last {} letter(s) not dialed)", v.overrun)
        } else {
            String::new()
        };
        writeln!(out, "{:>4}. {:<22} {:.3}{note}", i + 1, v.display, v.score)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(input: &str, json: bool) -> (String, String, usize) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let listing = Listing {
            count: 3,
            json,
            options: Options::default(),
        };
        let bad = run_lines(input.as_bytes(), &listing, &mut out, &mut err).unwrap_or(usize::MAX);
        (
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
            bad,
        )
    }

    #[test]
    fn allowed_categories_are_offered_and_only_then() {
        // 1-206-932-7667 spells WEAPONS: a violence word, offered only when allowed.
        let listing = |options| Listing {
            count: 10,
            json: true,
            options,
        };
        let weapons = |options| {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let input = "+12069327667\n".as_bytes();
            let bad = run_lines(input, &listing(options), &mut out, &mut err);
            assert_eq!(bad.ok(), Some(0));
            String::from_utf8_lossy(&out).contains("\"WEAPONS\"")
        };
        assert!(!weapons(Options::default()));
        let violence = vanity_engine::Allowed::of([vanity_engine::Category::Violence]);
        assert!(weapons(Options {
            allowed: violence,
            ..Options::default()
        }));
    }

    #[test]
    fn stdin_reports_bad_lines_with_their_number_and_continues() {
        // What the engine itself says first for the number, so the case follows the engine.
        let best = vanity_engine::vanity_numbers("+18004685865", 1)
            .ok()
            .and_then(|results| results.into_iter().next())
            .map(|best| best.display)
            .unwrap_or_default();
        assert!(!best.is_empty(), "+18004685865 has no result");
        // (input, bad count, stderr must contain, stdout must contain)
        let cases = [
            ("+18003569377\n", 0, "", "1-800-FLOWERS"),
            ("\n+18003569377\n\n", 0, "", "1-800-FLOWERS"),
            (
                "CALL-ME\n+18004685865\n",
                1,
                "stdin:1: \"CALL-ME\"",
                best.as_str(),
            ),
            (
                "+18004685865\n12\nanonymous\n",
                2,
                "stdin:3: \"anonymous\"",
                best.as_str(),
            ),
            ("+18001010101", 0, "", "no vanity words fit"),
        ];
        for (input, bad, in_err, in_out) in cases {
            let (out, err, found_bad) = run_on(input, false);
            assert_eq!(found_bad, bad, "{input:?}: {err}");
            assert!(err.contains(in_err), "{input:?}: stderr {err:?}");
            assert!(out.contains(in_out), "{input:?}: stdout {out:?}");
        }
    }

    #[test]
    fn json_prints_one_object_per_result() {
        let (out, _, bad) = run_on("+18003569377\n+18001010101\n", true);
        assert_eq!(bad, 0);
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_default())
            .collect();
        assert!(!lines.is_empty() && lines.len() <= 3, "{out}");
        for (i, line) in lines.iter().enumerate() {
            assert_eq!(line["number"], "+18003569377");
            assert_eq!(line["rank"], i + 1);
            for key in ["display", "letters", "words", "score", "overrun", "spoken"] {
                assert!(!line[key].is_null(), "{key} missing in {line}");
            }
        }
        assert_eq!(lines[0]["display"], "1-800-FLOWERS");
    }
}
