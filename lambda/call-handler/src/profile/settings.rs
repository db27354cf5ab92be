//! The profile settings the renderer writes into the Lambda's environment (from `vanity.yaml`'s
//! `caller_profiles`) and the handler reads once at cold start. Without
//! [`ENV_PROFILE_DOMAIN`] profiles are off and nothing else here is read.

use std::time::Duration;

/// The Customer Profiles domain to search; unset: profiles are off.
pub const ENV_PROFILE_DOMAIN: &str = "VANITY_PROFILE_DOMAIN";
/// Milliseconds each profile call (the search, the write) may take. Default
/// [`DEFAULT_PROFILE_TIMEOUT_MS`].
pub const ENV_PROFILE_TIMEOUT_MS: &str = "VANITY_PROFILE_TIMEOUT_MS";
/// "true": the answer holds the caller's first name ([`vanity_engine::contract::GREETING_NAME`]).
pub const ENV_PROFILE_GREET: &str = "VANITY_PROFILE_GREET";
/// "true": the answer says which profile word put the first result first
/// ([`vanity_engine::contract::WHY`]).
pub const ENV_PROFILE_SAY_WHY: &str = "VANITY_PROFILE_SAY_WHY";
/// "false": a kept choice is not written to the profile. Default true.
pub const ENV_PROFILE_WRITE_CHOICE: &str = "VANITY_PROFILE_WRITE_CHOICE";
/// "true": a caller without a profile gets one when they keep a choice. Default false.
pub const ENV_PROFILE_CREATE_MISSING: &str = "VANITY_PROFILE_CREATE_MISSING";
/// Milliseconds a choose invocation may spend in all (search, store write, profile write):
/// the flow's wait less [`COLD_START_MARGIN_MS`] ([`profile_budget_for`]). Default
/// [`DEFAULT_PROFILE_BUDGET_MS`].
pub const ENV_PROFILE_BUDGET_MS: &str = "VANITY_PROFILE_BUDGET_MS";

pub const DEFAULT_PROFILE_TIMEOUT_MS: u64 = 800;

/// Time of the flow's wait for the Lambda that the handler's own steps cannot use: a cold
/// start's share before the handler runs (Lambda fetching the zip and starting the microVM,
/// which no local run measures; docs/reliability.md, "Cold and warm", measures only the
/// process's ~15 ms) and the network between Connect and Lambda both ways. One second is a
/// named guess, not a measured figure: AWS publishes no bound for either, and a larger margin
/// only makes config validation stricter and the write skip sooner, never the caller wait
/// longer. The first live runs' `Init Duration` in the Lambda's REPORT lines is the check.
pub const COLD_START_MARGIN_MS: u64 = 1_000;
/// The budget for the default 6 s flow wait (vanity.yaml `lambda.timeout_seconds`).
pub const DEFAULT_PROFILE_BUDGET_MS: u64 = 6_000 - COLD_START_MARGIN_MS;
/// The most a profile call may take: the same bound as the store's
/// (`settings::MAX_STORE_TIMEOUT_MS`; a test there keeps the two equal).
pub const MAX_PROFILE_TIMEOUT_MS: u64 = 7_000;
/// Connect's longest wait for a synchronous Lambda, 8 s.
pub const MAX_PROFILE_BUDGET_MS: u64 = 8_000;

/// A `VANITY_PROFILE_*` variable that holds no valid value (`settings` reports it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidVar {
    pub var: &'static str,
    pub value: String,
    pub expected: &'static str,
}

/// The profile deadline for a flow that waits `flow_wait_seconds` for this Lambda: the same
/// quarter as the store's ([`crate::settings::store_timeout_for`]), so a lookup, the store and
/// the write together stay within three quarters of the wait, at most `wanted`.
pub fn profile_timeout_for(flow_wait_seconds: u32, wanted: u64) -> Duration {
    let quarter = u64::from(flow_wait_seconds) * 1000 / 4;
    Duration::from_millis(wanted.min(quarter))
}

/// The choose invocation's budget for a flow that waits `flow_wait_seconds` for this Lambda:
/// the wait less [`COLD_START_MARGIN_MS`] (zero when the wait is shorter than the margin).
pub fn profile_budget_for(flow_wait_seconds: u32) -> Duration {
    Duration::from_millis(
        (u64::from(flow_wait_seconds) * 1000).saturating_sub(COLD_START_MARGIN_MS),
    )
}

/// What the handler does with profiles.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProfileSettings {
    /// The domain; `None`: profiles are off.
    pub domain: Option<String>,
    pub timeout: Duration,
    /// What a choose invocation may spend in all: the profile write is skipped when less than
    /// [`Self::timeout`] of it is left (`lookup::write_choice`).
    pub budget: Duration,
    pub greet_by_first_name: bool,
    pub say_why: bool,
    pub write_choice: bool,
    pub create_missing: bool,
}

impl ProfileSettings {
    /// Profiles on, with `domain` and every option at its default.
    pub fn on(domain: &str) -> ProfileSettings {
        ProfileSettings {
            domain: Some(domain.to_string()),
            timeout: Duration::from_millis(DEFAULT_PROFILE_TIMEOUT_MS),
            budget: Duration::from_millis(DEFAULT_PROFILE_BUDGET_MS),
            write_choice: true,
            ..ProfileSettings::default()
        }
    }

    /// Reads the `VANITY_PROFILE_*` values from `get` (trimmed, blank as unset).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, InvalidVar> {
        let Some(domain) = get(ENV_PROFILE_DOMAIN) else {
            return Ok(ProfileSettings::default());
        };
        if !is_domain_name(&domain) {
            return Err(InvalidVar {
                var: ENV_PROFILE_DOMAIN,
                value: domain,
                expected: "1 to 64 characters from a-z, A-Z, 0-9, '_' and '-'",
            });
        }
        let timeout_ms = match get(ENV_PROFILE_TIMEOUT_MS) {
            None => DEFAULT_PROFILE_TIMEOUT_MS,
            Some(value) => value
                .parse::<u64>()
                .ok()
                .filter(|ms| (1..=MAX_PROFILE_TIMEOUT_MS).contains(ms))
                .ok_or(InvalidVar {
                    var: ENV_PROFILE_TIMEOUT_MS,
                    value,
                    expected: "a whole number of milliseconds from 1 to 7000",
                })?,
        };
        let budget_ms = match get(ENV_PROFILE_BUDGET_MS) {
            None => DEFAULT_PROFILE_BUDGET_MS,
            Some(value) => value
                .parse::<u64>()
                .ok()
                .filter(|ms| (1..=MAX_PROFILE_BUDGET_MS).contains(ms))
                .ok_or(InvalidVar {
                    var: ENV_PROFILE_BUDGET_MS,
                    value,
                    expected: "a whole number of milliseconds from 1 to 8000",
                })?,
        };
        let flag = |var: &'static str, default: bool| match get(var).as_deref() {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(other) => Err(InvalidVar {
                var,
                value: other.to_string(),
                expected: "true or false",
            }),
        };
        Ok(ProfileSettings {
            domain: Some(domain),
            timeout: Duration::from_millis(timeout_ms),
            budget: Duration::from_millis(budget_ms),
            greet_by_first_name: flag(ENV_PROFILE_GREET, false)?,
            say_why: flag(ENV_PROFILE_SAY_WHY, false)?,
            write_choice: flag(ENV_PROFILE_WRITE_CHOICE, true)?,
            create_missing: flag(ENV_PROFILE_CREATE_MISSING, false)?,
        })
    }

    /// Whether profiles are looked up at all.
    pub fn enabled(&self) -> bool {
        self.domain.is_some()
    }
}

/// A Customer Profiles domain name as CreateDomain accepts it: 1 to 64 of letters, digits,
/// '_' and '-' (pattern `^[a-zA-Z0-9_-]+$`).
// https://docs.aws.amazon.com/customerprofiles/latest/APIReference/API_CreateDomain.html:
// "DomainName ... Length Constraints: Minimum length of 1. Maximum length of 64. Pattern:
// ^[a-zA-Z0-9_-]+$".
pub fn is_domain_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(vars: &[(&str, &str)]) -> Result<ProfileSettings, InvalidVar> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ProfileSettings::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn no_domain_is_off_whatever_else_is_set() {
        let off = read(&[(ENV_PROFILE_GREET, "true")]).expect("off");
        assert!(!off.enabled());
        assert!(!off.greet_by_first_name);
    }

    #[test]
    fn a_domain_turns_them_on_with_the_defaults() {
        assert_eq!(
            read(&[(ENV_PROFILE_DOMAIN, "vanity-line")]),
            Ok(ProfileSettings::on("vanity-line"))
        );
        let all = read(&[
            (ENV_PROFILE_DOMAIN, "d"),
            (ENV_PROFILE_TIMEOUT_MS, "300"),
            (ENV_PROFILE_GREET, "true"),
            (ENV_PROFILE_SAY_WHY, "true"),
            (ENV_PROFILE_WRITE_CHOICE, "false"),
            (ENV_PROFILE_CREATE_MISSING, "true"),
            (ENV_PROFILE_BUDGET_MS, "2000"),
        ])
        .expect("valid");
        assert_eq!(all.timeout, Duration::from_millis(300));
        assert_eq!(all.budget, Duration::from_millis(2000));
        assert!(all.greet_by_first_name && all.say_why && all.create_missing);
        assert!(!all.write_choice);
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (var, value) in [
            (ENV_PROFILE_DOMAIN, "has space"),
            (ENV_PROFILE_TIMEOUT_MS, "0"),
            (ENV_PROFILE_TIMEOUT_MS, "7001"),
            (ENV_PROFILE_GREET, "yes"),
            (ENV_PROFILE_BUDGET_MS, "0"),
            (ENV_PROFILE_BUDGET_MS, "8001"),
        ] {
            let mut vars = vec![(ENV_PROFILE_DOMAIN, "d")];
            vars.retain(|(k, _)| *k != var);
            vars.push((var, value));
            match read(&vars) {
                Err(InvalidVar { var: named, .. }) => assert_eq!(named, var),
                other => panic!("{var}={value}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_deadline_is_at_most_a_quarter_of_the_flow_wait() {
        assert_eq!(profile_timeout_for(6, 800), Duration::from_millis(800));
        assert_eq!(profile_timeout_for(2, 800), Duration::from_millis(500));
        assert_eq!(profile_timeout_for(8, 3000), Duration::from_millis(2000));
    }

    #[test]
    fn the_budget_is_the_wait_less_the_margin() {
        assert_eq!(profile_budget_for(6), Duration::from_millis(5000));
        assert_eq!(
            profile_budget_for(6),
            Duration::from_millis(DEFAULT_PROFILE_BUDGET_MS)
        );
        assert_eq!(profile_budget_for(1), Duration::ZERO);
    }
}
