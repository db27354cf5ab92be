//! Per-number latency percentiles: times each of 10,000 seeded random NANP numbers one by one
//! and prints p50, p90, p99 and max, plus the cost of the very first lookup in the process
//! (the dictionary is static data, so this is page faults only, no set-up).
//!
//! Run: `cargo bench -p vanity-engine --bench latency`

use std::hint::black_box;
use std::time::{Duration, Instant};

const NUMBERS: usize = 10_000;
const SEED: u64 = 0x5EED_CA11;

/// SplitMix64: a tiny, well-known seeded generator, so the run is repeatable without a crate.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn main() {
    let mut rng = SplitMix(SEED);
    let numbers: Vec<String> = (0..NUMBERS)
        .map(|_| {
            let area = 200 + rng.next() % 800;
            let subscriber = rng.next() % 10_000_000;
            format!("+1{area}{subscriber:07}")
        })
        .collect();

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
