//! The one problem collector every section's validation writes to: each [`Problem`] names the
//! field path, says what is wrong and what to do, and quotes the value as written; `load.rs`
//! adds the file position. Also the checks more than one section makes (ranges, CloudWatch
//! retention periods, DynamoDB table names).

/// One thing wrong with the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted field path, for example `lambda.timeout_seconds`.
    pub path: String,
    /// What is wrong and what to do, lower case.
    pub message: String,
    /// The offending value as written, when there is one.
    pub got: Option<String>,
}

/// Retention periods CloudWatch Logs accepts.
pub const LOG_RETENTION_DAYS: &[i64] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// Every problem found so far, in the order the sections were checked.
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn add(&mut self, path: &str, message: impl Into<String>, got: impl Into<Option<String>>) {
        self.0.push(Problem {
            path: path.to_string(),
            message: message.into(),
            got: got.into(),
        });
    }

    /// Checks that `value` is an integer in `range`; returns it, or the range's start when it
    /// is out of range, for further use.
    pub fn int_in(&mut self, path: &str, value: i64, range: std::ops::RangeInclusive<i64>) -> i64 {
        if !range.contains(&value) {
            self.add(
                path,
                format!("must be between {} and {}", range.start(), range.end()),
                value.to_string(),
            );
            return *range.start();
        }
        value
    }

    /// Checks that `days` is a retention period CloudWatch Logs accepts; returns it as `u32`
    /// (one day when it is not, for further use).
    pub fn retention(&mut self, path: &str, days: i64) -> u32 {
        if !LOG_RETENTION_DAYS.contains(&days) {
            let allowed: Vec<String> = LOG_RETENTION_DAYS.iter().map(i64::to_string).collect();
            self.add(
                path,
                format!("CloudWatch Logs accepts only {}", allowed.join(", ")),
                days.to_string(),
            );
            return 1;
        }
        // Cannot truncate: every accepted period is at most 3653.
        days as u32
    }

    /// Checks that `name` is a DynamoDB table name: 3 to 255 letters, digits, `_`, `-`, `.`.
    pub fn table_name(&mut self, path: &str, name: &str, what: &str) {
        let ok = (3..=255).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if !ok {
            self.add(
                path,
                format!("must be {what}3 to 255 letters, digits, \"_\", \"-\" or \".\""),
                quoted(name),
            );
        }
    }

    /// The problems, or `value` when there are none.
    pub fn into_result<T>(self, value: T) -> Result<T, Vec<Problem>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }

    #[cfg(test)]
    pub fn into_vec(self) -> Vec<Problem> {
        self.0
    }
}

/// A value as the problem quotes it.
pub fn quoted(value: &str) -> String {
    format!("{value:?}")
}
