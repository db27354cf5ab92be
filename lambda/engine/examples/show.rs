//! Prints the ranked vanity numbers for each argument: `cargo run -p vanity-engine --example
//! show -- +18003569377`. A quick look at the engine, with scores, without the CLI.

use std::io::{self, Write};

fn main() -> io::Result<()> {
    let mut out = io::stdout().lock();
    for number in std::env::args().skip(1) {
        match vanity_engine::vanity_numbers(&number, 10) {
            Ok(results) => {
                writeln!(out, "{number}:")?;
                for v in results {
                    let (display, score, overrun, spoken) =
                        (&v.display, v.score, v.overrun, &v.spoken);
                    writeln!(
                        out,
                        "  {display:<22} {score:.3}  overrun {overrun}  \"{spoken}\""
                    )?;
                }
            }
            Err(e) => writeln!(out, "{number}: {e}")?,
        }
    }
    Ok(())
}
