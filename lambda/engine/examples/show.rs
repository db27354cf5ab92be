//! Prints the ranked vanity numbers for each argument: `cargo run -p vanity-engine --example
//! show -- +18003569377`. A quick look at the engine without the CLI.

fn main() {
    for number in std::env::args().skip(1) {
        match vanity_engine::vanity_numbers(&number, 10) {
            Ok(results) => {
                println!("{number}:");
                for v in results {
                    println!(
                        "  {:<22} {:.3}  overrun {}  \"{}\"",
                        v.display, v.score, v.overrun, v.spoken
                    );
                }
            }
            Err(e) => println!("{number}: {e}"),
        }
    }
}
