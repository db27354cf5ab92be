//! Small helpers for the examples' command lines and summary lines.

use std::collections::HashMap;
use std::time::Duration;

/// The `p`th percentile (0..=100) of `sorted` by the nearest-rank method; zero when empty.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Milliseconds with one decimal, for summary lines.
pub fn ms(duration: Duration) -> String {
    format!("{:.1}ms", duration.as_secs_f64() * 1000.0)
}

/// `--name value` pairs from the command line, with the names a program accepts.
pub struct Args(HashMap<String, String>);

impl Args {
    /// Parses `std::env::args()`; an unknown flag or one without a value is an error that
    /// lists `known`.
    pub fn parse(known: &[&str]) -> Result<Args, String> {
        let mut values = HashMap::new();
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            let name = flag.strip_prefix("--").unwrap_or_default();
            if !known.contains(&name) {
                return Err(format!(
                    "unknown argument {flag:?}; expected --{}",
                    known.join(" VALUE, --")
                ));
            }
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            values.insert(name.to_string(), value);
        }
        Ok(Args(values))
    }

    /// The value of `--name` parsed as `T`, or `default` when absent.
    pub fn get<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        match self.0.get(name) {
            None => Ok(default),
            Some(text) => text
                .parse()
                .map_err(|_| format!("--{name} {text:?} is not a valid value")),
        }
    }

    /// The value of `--name`, which must be given.
    pub fn required(&self, name: &str) -> Result<String, String> {
        self.0
            .get(name)
            .cloned()
            .ok_or_else(|| format!("--{name} is required"))
    }
}
