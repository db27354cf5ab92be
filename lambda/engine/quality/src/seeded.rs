//! The seeded random NANP numbers the quality measures and the latency benchmark run on: one
//! generator and one seed, so both report on the same numbers and every run is repeatable.

/// How many numbers the quality measures and the latency benchmark use.
pub const NUMBERS: usize = 10_000;

/// The seed of every run.
pub const SEED: u64 = 0x5EED_CA11;

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

/// The first `count` seeded NANP numbers: "+1", an area code (200..=999) and seven digits.
pub fn numbers(count: usize) -> Vec<String> {
    let mut rng = SplitMix(SEED);
    (0..count)
        .map(|_| {
            let area = 200 + rng.next() % 800;
            let subscriber = rng.next() % 10_000_000;
            format!("+1{area}{subscriber:07}")
        })
        .collect()
}
