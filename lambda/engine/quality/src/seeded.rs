//! The numbers the measures try: the seeded random NANP numbers the quality measures and the
//! latency benchmark run on (one generator and one seed, so both report on the same numbers and
//! every run is repeatable), and the numbers that dial a given word ([`dialing`]).

use vanity_engine::keypad;

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

/// Toll-free numbers whose seven subscriber digits dial `letters` (at most seven): padded with
/// digits without letters (1s), and with lettered digits before, after and around it, so the
/// word could also form across a word boundary.
pub fn dialing(letters: &str) -> Vec<String> {
    let digits: String = letters
        .bytes()
        .map(|b| char::from(keypad::digit_for(b).unwrap_or(b'0')))
        .collect();
    let pad = 7usize.saturating_sub(digits.len());
    [
        format!("{}{digits}", "1".repeat(pad)),
        format!("{}{digits}", "2".repeat(pad)),
        format!("{digits}{}", "8".repeat(pad)),
        format!(
            "{}{digits}{}",
            "4".repeat(pad / 2),
            "6".repeat(pad - pad / 2)
        ),
    ]
    .into_iter()
    .map(|subscriber| format!("+1800{subscriber}"))
    .collect()
}
