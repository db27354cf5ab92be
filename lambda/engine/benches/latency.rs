//! Per-number latency percentiles: times each of 10,000 seeded random NANP numbers one by one
//! and prints p50, p90, p99 and max, plus the cost of the very first lookup in the process
//! (the dictionary is static data, so this is page faults only, no set-up).
//!
//! Run: `cargo bench -p vanity-engine --bench latency`

use std::hint::black_box;
use std::time::{Duration, Instant};

use vanity_quality::seeded::{self, NUMBERS};

fn main() {
    // The numbers the quality measures judge (`vanity_quality::seeded`).
    let numbers = seeded::numbers(NUMBERS);

    let first = Instant::now();
    let results = vanity_engine::vanity_numbers(&numbers[0], 5);
    let first = first.elapsed();
    black_box(results.ok());

    let mut times: Vec<Duration> = Vec::with_capacity(NUMBERS);
    let mut found = 0usize;
    for number in &numbers {
        let start = Instant::now();
        let results = vanity_engine::vanity_numbers(black_box(number), 5);
        times.push(start.elapsed());
        found += results.map(|r| r.len()).unwrap_or(0);
    }
    times.sort_unstable();
    let pct = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    let total: Duration = times.iter().sum();
    println!("numbers:       {NUMBERS} seeded random NANP (+1 NXX XXXXXXX), 5 results each");
    println!("first lookup:  {first:?} (includes faulting in the dictionary pages)");
    println!("p50:           {:?}", pct(50));
    println!("p90:           {:?}", pct(90));
    println!("p99:           {:?}", pct(99));
    println!("max:           {:?}", times[times.len() - 1]);
    println!("mean:          {:?}", total / NUMBERS as u32);
    println!(
        "throughput:    {:.0} numbers/s on one core",
        NUMBERS as f64 / total.as_secs_f64()
    );
    println!("results/number {:.2}", found as f64 / NUMBERS as f64);
}
