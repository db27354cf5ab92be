//! The engine's throughput as the CLI uses it, without building the CLI: numbers on stdin, one
//! per line, five results each written to stdout as one tab-separated line per result
//! (`number rank display letters words score spoken`, the fields `connect-vanity vanity
//! --json` writes), buffered and locked once like the CLI. Prints numbers/s on stderr.
//!
//! With `--latency`, times each number on its own instead (results discarded) and prints the
//! p50, p90, p99 and max per-number latency.
//!
//! Run: `scripts/bench-engine.sh` (it also builds this file against an older engine with
//! `--before REV`, for figures side by side), or
//! `cargo run --release -p vanity-engine --example throughput [--latency] < numbers`.
//! Uses only `vanity_numbers` and the `Vanity` fields every revision has.

use std::hint::black_box;
use std::io::{self, BufRead, BufWriter, Write};
use std::time::{Duration, Instant};

fn main() -> io::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("--latency") {
        return latency();
    }
    let start = Instant::now();
    let stdin = io::stdin().lock();
    let mut out = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let mut numbers = 0usize;
    let mut lines = 0usize;
    for line in stdin.lines() {
        let line = line?;
        let number = line.trim();
        if number.is_empty() {
            continue;
        }
        numbers += 1;
        let results = vanity_engine::vanity_numbers(number, 5).unwrap_or_default();
        for (rank, v) in results.iter().enumerate() {
            lines += 1;
            writeln!(
                out,
                "{number}\t{}\t{}\t{}\t{}\t{:.4}\t{}",
                rank + 1,
                v.display,
                v.letters,
                v.words.join(","),
                v.score,
                v.spoken
            )?;
        }
    }
    out.flush()?;
    let seconds = start.elapsed().as_secs_f64();
    eprintln!(
        "{numbers} numbers in {seconds:.3} s = {:.0} numbers/s, {lines} result lines",
        numbers as f64 / seconds
    );
    Ok(())
}

/// Per-number latency over the numbers on stdin: each lookup timed on its own.
fn latency() -> io::Result<()> {
    let numbers: Vec<String> = io::stdin()
        .lock()
        .lines()
        .collect::<io::Result<Vec<_>>>()?
        .into_iter()
        .filter(|n| !n.trim().is_empty())
        .collect();
    let mut times: Vec<Duration> = Vec::with_capacity(numbers.len());
    for number in &numbers {
        let start = Instant::now();
        let results = vanity_engine::vanity_numbers(black_box(number.trim()), 5);
        times.push(start.elapsed());
        black_box(results.ok());
    }
    times.sort_unstable();
    let pct = |p: usize| {
        let at = (times.len() * p / 100).min(times.len().saturating_sub(1));
        times.get(at).map_or(0.0, |t| t.as_secs_f64() * 1e6)
    };
    println!(
        "p50 {:.1} us  p90 {:.1} us  p99 {:.1} us  max {:.1} us  ({} numbers)",
        pct(50),
        pct(90),
        pct(99),
        pct(100),
        times.len()
    );
    Ok(())
}
