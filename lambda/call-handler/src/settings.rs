//! The Lambda's settings, read once from the environment at cold start and validated there, so
//! a bad deployment fails at init (visible in the Lambda console) instead of on every call.
//! This module owns the variable names the Terraform renderer writes; it does not read the
//! environment anywhere else.

use std::time::Duration;

pub use vanity_engine::contract::Recall;
use vanity_engine::contract::MAX_RESULTS;
pub use vanity_engine::Allowed;
use vanity_engine::Category;

/// DynamoDB table that keeps the callers' results. Required.
pub const ENV_TABLE_NAME: &str = "VANITY_TABLE_NAME";
/// How many results to store and return, `1..=contract::MAX_RESULTS`. Default [`DEFAULT_RESULT_COUNT`].
pub const ENV_RESULT_COUNT: &str = "VANITY_RESULT_COUNT";
/// Days a stored call is kept before DynamoDB's TTL removes it. Default [`DEFAULT_RECORD_TTL_DAYS`].
pub const ENV_RECORD_TTL_DAYS: &str = "VANITY_RECORD_TTL_DAYS";
/// Milliseconds the handler waits for DynamoDB before answering without it. Default [`DEFAULT_STORE_TIMEOUT_MS`].
pub const ENV_STORE_TIMEOUT_MS: &str = "VANITY_STORE_TIMEOUT_MS";
/// The never-offer categories the owner allows, comma-separated names ("violence,drugs").
/// Default: none, every category blocked.
pub const ENV_ALLOW_CATEGORIES: &str = "VANITY_ALLOW_CATEGORIES";
/// What a returning caller is told: "none", "welcome" or "last_call" ([`Recall`]). Default
/// "none": caller ID is not proof of who calls, so an unset variable reveals nothing.
pub const ENV_RECALL: &str = "VANITY_RECALL";

pub const DEFAULT_RESULT_COUNT: usize = 5;
pub const DEFAULT_RECORD_TTL_DAYS: u32 = 30;
pub const DEFAULT_STORE_TIMEOUT_MS: u64 = 1_500;

/// The store deadline for a flow that waits `flow_wait_seconds` for this Lambda (the flow's
/// `InvocationTimeLimitSeconds`, vanity.yaml's `lambda.timeout_seconds`): a quarter of that
/// wait, at most [`DEFAULT_STORE_TIMEOUT_MS`], so a slow table never makes the caller miss their
/// numbers. The one rule for it: the renderer writes it into [`ENV_STORE_TIMEOUT_MS`] and the
/// simulator runs the handler with it.
pub fn store_timeout_for(flow_wait_seconds: u32) -> Duration {
    let quarter = u64::from(flow_wait_seconds) * 1000 / 4;
    Duration::from_millis(quarter.min(DEFAULT_STORE_TIMEOUT_MS))
}
/// Ten years: longer than that is almost certainly a typo for a smaller number.
pub const MAX_RECORD_TTL_DAYS: u32 = 3_650;
/// Connect waits at most 8 s for a synchronous Lambda; the engine and the network need some of it.
pub const MAX_STORE_TIMEOUT_MS: u64 = 7_000;

/// Validated settings; every field is within its documented range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub table_name: String,
    pub result_count: usize,
    pub record_ttl_days: u32,
    pub store_timeout: Duration,
    /// The never-offer categories the owner allows (`vanity.yaml` `results.allow_categories`).
    pub allowed: Allowed,
    /// What a returning caller is told (`vanity.yaml` `returning_callers.recall`).
    pub recall: Recall,
    /// The caller's Customer Profiles lookup (`vanity.yaml` `caller_profiles`); off by default.
    pub profiles: crate::profile::ProfileSettings,
}

impl Settings {
    /// The defaults every setting has when its variable is unset, with `table` and
    /// `store_timeout`, and the most a returning caller is ever told ([`Recall::LastCall`]), so
    /// an answer holds every key: the one fixture the call-handler's tests, test-support and
    /// the benchmarks start from.
    pub fn example(table: &str, store_timeout: Duration) -> Settings {
        Settings {
            table_name: table.to_string(),
            result_count: DEFAULT_RESULT_COUNT,
            record_ttl_days: DEFAULT_RECORD_TTL_DAYS,
            store_timeout,
            allowed: Allowed::NONE,
            recall: Recall::LastCall,
            profiles: crate::profile::ProfileSettings::default(),
        }
    }
}

/// Why the environment does not describe a usable configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("{var} is not set: set it to the name of the DynamoDB table that stores the calls")]
    Missing { var: &'static str },
    #[error("{var}={value:?} is not valid: expected {expected}")]
    Invalid {
        var: &'static str,
        value: String,
        expected: &'static str,
    },
}

impl Settings {
    /// Reads and validates the `VANITY_*` variables of this process.
    pub fn from_env() -> Result<Settings, SettingsError> {
        // `var_os` + lossy conversion: a value that is not UTF-8 is reported as invalid with
        // its visible part, instead of being silently treated as unset.
        Settings::from_lookup(|name| {
            std::env::var_os(name).map(|value| value.to_string_lossy().into_owned())
        })
    }

    /// Reads and validates settings from any name -> value lookup (the environment in
    /// production, a table in tests). Blank values count as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Settings, SettingsError> {
        let get = |var: &str| {
            lookup(var)
                .map(|value| value.trim().to_string())
                .filter(|value| !value.is_empty())
        };
        let table_name = get(ENV_TABLE_NAME).ok_or(SettingsError::Missing {
            var: ENV_TABLE_NAME,
        })?;
        if !is_table_name(&table_name) {
            return Err(SettingsError::Invalid {
                var: ENV_TABLE_NAME,
                value: table_name,
                expected: "3 to 255 characters from a-z, A-Z, 0-9, '_', '-' and '.'",
            });
        }
        let result_count = parse_in_range(
            ENV_RESULT_COUNT,
            get(ENV_RESULT_COUNT),
            DEFAULT_RESULT_COUNT,
            1..=MAX_RESULTS,
            "a whole number from 1 to 10",
        )?;
        let record_ttl_days = parse_in_range(
            ENV_RECORD_TTL_DAYS,
            get(ENV_RECORD_TTL_DAYS),
            DEFAULT_RECORD_TTL_DAYS,
            1..=MAX_RECORD_TTL_DAYS,
            "a whole number of days from 1 to 3650",
        )?;
        let store_timeout_ms = parse_in_range(
            ENV_STORE_TIMEOUT_MS,
            get(ENV_STORE_TIMEOUT_MS),
            DEFAULT_STORE_TIMEOUT_MS,
            1..=MAX_STORE_TIMEOUT_MS,
            "a whole number of milliseconds from 1 to 7000 (Connect waits at most 8 s)",
        )?;
        let allowed = match get(ENV_ALLOW_CATEGORIES) {
            None => Allowed::NONE,
            Some(names) => Allowed::from_names(names.split(',').map(str::trim)).map_err(|_| {
                SettingsError::Invalid {
                    var: ENV_ALLOW_CATEGORIES,
                    value: names,
                    expected: ALLOW_CATEGORIES_EXPECTED,
                }
            })?,
        };
        let recall = match get(ENV_RECALL) {
            None => Recall::default(),
            Some(name) => Recall::parse(&name).ok_or(SettingsError::Invalid {
                var: ENV_RECALL,
                value: name,
                expected: "none, welcome or last_call",
            })?,
        };
        let profiles = crate::profile::ProfileSettings::from_lookup(get).map_err(|invalid| {
            SettingsError::Invalid {
                var: invalid.var,
                value: invalid.value,
                expected: invalid.expected,
            }
        })?;
        Ok(Settings {
            table_name,
            result_count,
            record_ttl_days,
            store_timeout: Duration::from_millis(store_timeout_ms),
            allowed,
            recall,
            profiles,
        })
    }

    /// The engine's options for these settings.
    pub fn engine_options(&self) -> vanity_engine::Options {
        vanity_engine::Options {
            allowed: self.allowed,
            ..vanity_engine::Options::default()
        }
    }

    /// How long a stored call is kept.
    pub fn record_ttl(&self) -> Duration {
        Duration::from_secs(u64::from(self.record_ttl_days) * 24 * 60 * 60)
    }

    /// How long a call from `number` is kept: [`Self::record_ttl`], or one day for a number
    /// reserved for fiction, which only a test calls from (`connect-vanity test-line`), so a
    /// test leaves nothing that outlives the day.
    pub fn record_ttl_for(&self, number: &str) -> Duration {
        let day = Duration::from_secs(24 * 60 * 60);
        if crate::caller::is_fictional(number) {
            day.min(self.record_ttl())
        } else {
            self.record_ttl()
        }
    }
}

/// What [`ENV_ALLOW_CATEGORIES`] may hold; the list is [`Category::NAMES`] (a test checks it).
const ALLOW_CATEGORIES_EXPECTED: &str =
    "comma-separated category names from violence, death, drugs, sexual, hate, identity, negative";

/// The value of [`ENV_ALLOW_CATEGORIES`] that allows `allowed`, as the renderer writes it.
pub fn allow_categories_value(allowed: Allowed) -> String {
    allowed
        .categories()
        .map(Category::name)
        .collect::<Vec<_>>()
        .join(",")
}

/// DynamoDB's naming rule for tables.
fn is_table_name(name: &str) -> bool {
    (3..=255).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn parse_in_range<T>(
    var: &'static str,
    value: Option<String>,
    default: T,
    range: std::ops::RangeInclusive<T>,
    expected: &'static str,
) -> Result<T, SettingsError>
where
    T: std::str::FromStr + PartialOrd,
{
    let Some(value) = value else {
        return Ok(default);
    };
    match value.parse::<T>() {
        Ok(parsed) if range.contains(&parsed) => Ok(parsed),
        _ => Err(SettingsError::Invalid {
            var,
            value,
            expected,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_call_is_bounded_like_a_store_call() {
        assert_eq!(
            crate::profile::settings::MAX_PROFILE_TIMEOUT_MS,
            MAX_STORE_TIMEOUT_MS
        );
    }

    #[test]
    fn the_store_deadline_is_a_quarter_of_the_flow_wait_capped() {
        // (flow wait in seconds, deadline in ms): a quarter, never above the default.
        for (wait, ms) in [(1, 250), (2, 500), (5, 1_250), (6, 1_500), (8, 1_500)] {
            assert_eq!(
                store_timeout_for(wait),
                Duration::from_millis(ms),
                "{wait} s"
            );
        }
    }

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        Settings::from_lookup(|name| {
            vars.iter()
                .find(|(var, _)| *var == name)
                .map(|(_, value)| value.to_string())
        })
    }

    #[test]
    fn defaults_fill_everything_but_the_table() {
        let parsed = settings(&[(ENV_TABLE_NAME, "vanity-calls")]);
        assert_eq!(
            parsed,
            Ok(Settings {
                table_name: "vanity-calls".to_string(),
                result_count: DEFAULT_RESULT_COUNT,
                record_ttl_days: DEFAULT_RECORD_TTL_DAYS,
                store_timeout: Duration::from_millis(DEFAULT_STORE_TIMEOUT_MS),
                allowed: Allowed::NONE,
                recall: Recall::Nothing,
                profiles: crate::profile::ProfileSettings::default(),
            })
        );
    }

    #[test]
    fn explicit_values_are_used_and_trimmed() {
        let parsed = settings(&[
            (ENV_TABLE_NAME, " calls.v2 "),
            (ENV_RESULT_COUNT, "10"),
            (ENV_RECORD_TTL_DAYS, " 7"),
            (ENV_STORE_TIMEOUT_MS, "250\n"),
            (ENV_ALLOW_CATEGORIES, "violence, drugs"),
            (ENV_RECALL, " last_call"),
        ]);
        assert_eq!(
            parsed,
            Ok(Settings {
                table_name: "calls.v2".to_string(),
                result_count: 10,
                record_ttl_days: 7,
                store_timeout: Duration::from_millis(250),
                allowed: Allowed::of([Category::Violence, Category::Drugs]),
                recall: Recall::LastCall,
                profiles: crate::profile::ProfileSettings::default(),
            })
        );
    }

    #[test]
    fn allowed_categories_round_trip_and_unknown_ones_fail_at_init() {
        for allowed in [
            Allowed::NONE,
            Allowed::of([Category::Violence]),
            Allowed::of(Category::ALL),
        ] {
            let value = allow_categories_value(allowed);
            let parsed = settings(&[(ENV_TABLE_NAME, "calls"), (ENV_ALLOW_CATEGORIES, &value)]);
            assert_eq!(parsed.map(|s| s.allowed), Ok(allowed), "{value:?}");
        }
        for bad in ["guns", "violence,,drugs", "Violence"] {
            let parsed = settings(&[(ENV_TABLE_NAME, "calls"), (ENV_ALLOW_CATEGORIES, bad)]);
            assert!(
                matches!(
                    parsed,
                    Err(SettingsError::Invalid {
                        var: ENV_ALLOW_CATEGORIES,
                        ..
                    })
                ),
                "{bad}: {parsed:?}"
            );
        }
        // The message lists exactly the engine's names.
        assert!(ALLOW_CATEGORIES_EXPECTED.ends_with(&Category::NAMES.join(", ")));
    }

    #[test]
    fn blank_optional_values_fall_back_to_defaults() {
        let parsed = settings(&[(ENV_TABLE_NAME, "calls"), (ENV_RESULT_COUNT, "  ")]);
        assert_eq!(parsed.map(|s| s.result_count), Ok(DEFAULT_RESULT_COUNT));
    }

    #[test]
    fn bad_values_name_the_variable_and_the_value() {
        // (environment, variable the error must name, value it must quote)
        type Case = (
            &'static [(&'static str, &'static str)],
            &'static str,
            &'static str,
        );
        let cases: &[Case] = &[
            (&[], ENV_TABLE_NAME, ""),
            (&[(ENV_TABLE_NAME, "   ")], ENV_TABLE_NAME, ""),
            (&[(ENV_TABLE_NAME, "ab")], ENV_TABLE_NAME, "ab"),
            (&[(ENV_TABLE_NAME, "my table")], ENV_TABLE_NAME, "my table"),
            (
                &[(ENV_TABLE_NAME, "t1"), (ENV_RESULT_COUNT, "5")],
                ENV_TABLE_NAME,
                "t1",
            ),
            (
                &[(ENV_TABLE_NAME, "calls"), (ENV_RESULT_COUNT, "0")],
                ENV_RESULT_COUNT,
                "0",
            ),
            (
                &[(ENV_TABLE_NAME, "calls"), (ENV_RESULT_COUNT, "11")],
                ENV_RESULT_COUNT,
                "11",
            ),
            (
                &[(ENV_TABLE_NAME, "calls"), (ENV_RESULT_COUNT, "-1")],
                ENV_RESULT_COUNT,
                "-1",
            ),
            (
                &[(ENV_TABLE_NAME, "calls"), (ENV_RESULT_COUNT, "five")],
                ENV_RESULT_COUNT,
                "five",
            ),
            (
                &[(ENV_TABLE_NAME, "calls"), (ENV_RECORD_TTL_DAYS, "0")],
                ENV_RECORD_TTL_DAYS,
                "0",
            ),
            (
                &[(ENV_TABLE_NAME, "calls"), (ENV_RECORD_TTL_DAYS, "3651")],
                ENV_RECORD_TTL_DAYS,
                "3651",
            ),
            (
                &[(ENV_TABLE_NAME, "calls"), (ENV_STORE_TIMEOUT_MS, "0")],
                ENV_STORE_TIMEOUT_MS,
                "0",
            ),
            (
                &[(ENV_TABLE_NAME, "calls"), (ENV_STORE_TIMEOUT_MS, "8000")],
                ENV_STORE_TIMEOUT_MS,
                "8000",
            ),
            (
                &[(ENV_TABLE_NAME, "calls"), (ENV_STORE_TIMEOUT_MS, "1.5")],
                ENV_STORE_TIMEOUT_MS,
                "1.5",
            ),
            (
                &[(ENV_TABLE_NAME, "calls"), (ENV_RECALL, "choice")],
                ENV_RECALL,
                "choice",
            ),
        ];
        for (vars, bad_var, bad_value) in cases {
            let err = settings(vars).expect_err(&format!("{vars:?} should be rejected"));
            let message = err.to_string();
            assert!(message.starts_with(bad_var), "{vars:?}: {message}");
            assert!(
                message.contains(&format!("{bad_value:?}")) || bad_value.is_empty(),
                "{vars:?}: {message}"
            );
        }
    }

    #[test]
    fn ttl_is_whole_days() {
        let parsed = settings(&[(ENV_TABLE_NAME, "calls"), (ENV_RECORD_TTL_DAYS, "2")]);
        assert_eq!(
            parsed.map(|s| s.record_ttl()),
            Ok(Duration::from_secs(2 * 86_400))
        );
    }
}
