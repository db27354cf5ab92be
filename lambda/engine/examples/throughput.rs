//! The engine's throughput as the CLI uses it, without building the CLI: numbers on stdin, one
//! per line, five results each written to stdout as one tab-separated line per result
//! (`number rank display letters words score spoken`, the fields `connect-vanity vanity
//! --json` writes), buffered and locked once like the CLI. Prints numbers/s on stderr.
//!
//! Run: `scripts/bench-cli.sh` (it also builds this file against an older engine with
//! `--before REV`), or `cargo run --release -p vanity-engine --example throughput < numbers`.
//! Uses only `vanity_numbers` and the `Vanity` fields every revision has.

use std::io::{self, BufRead, BufWriter, Write};
use std::time::Instant;

fn main() -> io::Result<()> {
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
