//! `caller_profiles:`: whether the line looks callers up in Amazon Connect Customer Profiles,
//! in which domain (one the stack creates, or one that exists), and what it may do with a
//! profile. Owns the section from YAML to validated type; `raw.rs` and `validate.rs` only hand
//! it over. The default, `mode: none`, renders today's stack byte for byte.

use serde::Deserialize;

use super::problems::{quoted, Problems};
use call_handler::profile::settings::{
    is_domain_name, profile_budget_for, COLD_START_MARGIN_MS, DEFAULT_PROFILE_TIMEOUT_MS,
};
use call_handler::settings::store_timeout_for;

/// `caller_profiles:` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawCallerProfiles {
    pub mode: RawProfileMode,
    pub domain_name: Option<String>,
    pub expiration_days: i64,
    pub kms_key_arn: Option<String>,
    pub greet_by_first_name: bool,
    pub say_why: bool,
    pub write_choice: bool,
    pub create_missing: bool,
    pub lookup_timeout_ms: Option<i64>,
}

impl Default for RawCallerProfiles {
    fn default() -> Self {
        RawCallerProfiles {
            mode: RawProfileMode::None,
            domain_name: None,
            expiration_days: DEFAULT_EXPIRATION_DAYS,
            kms_key_arn: None,
            greet_by_first_name: false,
            say_why: false,
            write_choice: true,
            create_missing: false,
            lookup_timeout_ms: None,
        }
    }
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RawProfileMode {
    None,
    New,
    Existing,
}

/// Days a new domain keeps its data by default.
pub const DEFAULT_EXPIRATION_DAYS: i64 = 365;
/// CreateDomain's range for DefaultExpirationDays.
// https://docs.aws.amazon.com/customerprofiles/latest/APIReference/API_CreateDomain.html:
// "DefaultExpirationDays: The default number of days until the data within the domain
// expires. Type: Integer. Valid Range: Minimum value of 1. Maximum value of 1098."
pub const MAX_EXPIRATION_DAYS: i64 = 1098;

/// Where the profiles are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileDomain {
    /// The stack creates the domain `name`, keeping data `expiration_days`, encrypted with
    /// `kms_key_arn` (Customer Profiles' own key when `None`).
    New {
        name: String,
        expiration_days: u32,
        kms_key_arn: Option<String>,
    },
    /// A domain that exists in the account and region.
    Existing { name: String },
}

impl ProfileDomain {
    pub fn name(&self) -> &str {
        match self {
            ProfileDomain::New { name, .. } | ProfileDomain::Existing { name } => name,
        }
    }
}

/// The validated section; `domain: None` is `mode: none`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CallerProfiles {
    pub domain: Option<ProfileDomain>,
    pub greet_by_first_name: bool,
    pub say_why: bool,
    pub write_choice: bool,
    pub create_missing: bool,
    /// Milliseconds each profile call may take.
    pub lookup_timeout_ms: u64,
    /// Milliseconds a choose invocation may spend in all: the flow's wait less the cold-start
    /// margin (`profile_budget_for`).
    pub budget_ms: u64,
}

impl CallerProfiles {
    /// Whether the caller may hear something from their profile: profiles on, with
    /// `greet_by_first_name` or `say_why`.
    pub fn speaks(&self) -> bool {
        self.domain.is_some() && (self.greet_by_first_name || self.say_why)
    }

    /// The handler's settings for this section, as the rendered environment sets them.
    pub fn handler_settings(&self) -> call_handler::profile::ProfileSettings {
        call_handler::profile::ProfileSettings {
            domain: self.domain.as_ref().map(|d| d.name().to_string()),
            timeout: std::time::Duration::from_millis(self.lookup_timeout_ms),
            budget: std::time::Duration::from_millis(self.budget_ms),
            greet_by_first_name: self.greet_by_first_name,
            say_why: self.say_why,
            write_choice: self.write_choice,
            create_missing: self.create_missing,
        }
    }
}

/// A minimal line with `caller_profiles` in `mode` (domain `shop`) and the two spoken options,
/// for tests across the crate.
#[cfg(test)]
pub(crate) fn example_with_profiles(mode: &str, greet: bool, why: bool) -> crate::config::Config {
    let yaml = format!(
        "name: line\nregion: us-east-1\nconnect:\n  instance:\n    mode: create\n\
         caller_profiles:\n  mode: {mode}\n  domain_name: shop\n\
         \x20 greet_by_first_name: {greet}\n  say_why: {why}\n"
    );
    crate::config::load_str(&yaml, "vanity.yaml").unwrap_or_else(|e| panic!("{e}"))
}

/// Validates `caller_profiles:`; `name` is the config's (a new domain's default name),
/// `lambda_seconds` the flow's wait for the Lambda (the lookup deadline's bound).
pub fn caller_profiles(
    name: &str,
    lambda_seconds: u32,
    raw: RawCallerProfiles,
    problems: &mut Problems,
) -> CallerProfiles {
    let domain = match raw.mode {
        RawProfileMode::None => None,
        RawProfileMode::New => Some(new_domain(name, &raw, problems)),
        RawProfileMode::Existing => existing_domain(&raw, problems),
    };
    if domain.is_some() && raw.create_missing && !raw.write_choice {
        problems.add(
            "caller_profiles.create_missing",
            "creates a profile only to write the caller's choice on it: set write_choice: true \
             as well, or leave create_missing out",
            Some("true".to_string()),
        );
    }
    let lookup_timeout_ms = lookup_timeout(lambda_seconds, raw.lookup_timeout_ms, problems);
    // A value past the quarter is reported once, by `lookup_timeout`.
    let quarter = i64::from(lambda_seconds) * 1000 / 4;
    let in_quarter = raw
        .lookup_timeout_ms
        .is_none_or(|value| (1..=quarter).contains(&value));
    if domain.is_some() && in_quarter {
        check_choose_budget(
            lambda_seconds,
            raw.lookup_timeout_ms,
            lookup_timeout_ms,
            problems,
        );
    }
    CallerProfiles {
        lookup_timeout_ms,
        budget_ms: profile_budget_for(lambda_seconds).as_millis() as u64,
        domain,
        greet_by_first_name: raw.greet_by_first_name,
        say_why: raw.say_why,
        write_choice: raw.write_choice,
        create_missing: raw.create_missing,
    }
}

fn new_domain(name: &str, raw: &RawCallerProfiles, problems: &mut Problems) -> ProfileDomain {
    let domain = raw.domain_name.clone().unwrap_or_else(|| name.to_string());
    check_domain_name(&domain, problems);
    let expiration_days = problems.int_in(
        "caller_profiles.expiration_days",
        raw.expiration_days,
        1..=MAX_EXPIRATION_DAYS,
    ) as u32;
    if let Some(arn) = &raw.kms_key_arn {
        if !is_kms_key_arn(arn) {
            problems.add(
                "caller_profiles.kms_key_arn",
                "must be a KMS key ARN such as \
                 arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789; \
                 leave it out to use Customer Profiles' own key",
                Some(quoted(arn)),
            );
        }
    }
    ProfileDomain::New {
        name: domain,
        expiration_days,
        kms_key_arn: raw.kms_key_arn.clone(),
    }
}

fn existing_domain(raw: &RawCallerProfiles, problems: &mut Problems) -> Option<ProfileDomain> {
    let Some(domain) = &raw.domain_name else {
        problems.add(
            "caller_profiles.domain_name",
            "is required with mode: existing: the name of the Customer Profiles domain to \
             search (the Amazon Connect console shows it under Customer profiles)",
            None,
        );
        return None;
    };
    check_domain_name(domain, problems);
    Some(ProfileDomain::Existing {
        name: domain.clone(),
    })
}

fn check_domain_name(domain: &str, problems: &mut Problems) {
    if !is_domain_name(domain) {
        problems.add(
            "caller_profiles.domain_name",
            "must be 1 to 64 letters, digits, '_' and '-' (Customer Profiles' domain names)",
            Some(quoted(domain)),
        );
    }
}

/// Refuses a lookup deadline the choose invocation cannot fit: its search, the store write
/// and the profile write run one after another (`choose.rs`), so twice the profile deadline
/// plus the store's must fit in the flow's wait less [`COLD_START_MARGIN_MS`] (the part of the
/// wait a cold start and the network take before the handler runs). Located at
/// `lookup_timeout_ms` when it is set, at `lambda.timeout_seconds` when the default does not
/// fit either.
fn check_choose_budget(lambda_seconds: u32, raw: Option<i64>, ms: u64, problems: &mut Problems) {
    let store_ms = store_timeout_for(lambda_seconds).as_millis() as u64;
    let budget_ms = profile_budget_for(lambda_seconds).as_millis() as u64;
    if 2 * ms + store_ms <= budget_ms {
        return;
    }
    let fits = budget_ms.saturating_sub(store_ms) / 2;
    let why = format!(
        "a choice runs the profile search, the store write ({store_ms} ms) and the profile \
         write one after another, so twice the profile deadline plus the store's must fit in \
         lambda.timeout_seconds ({lambda_seconds} s) less {COLD_START_MARGIN_MS} ms for a \
         cold start and the network ({budget_ms} ms)"
    );
    match raw {
        Some(value) if fits >= 1 => problems.add(
            "caller_profiles.lookup_timeout_ms",
            format!("must be at most {fits}: {why}; lower it or raise lambda.timeout_seconds"),
            value.to_string(),
        ),
        _ => problems.add(
            "lambda.timeout_seconds",
            format!(
                "is too short for caller_profiles: {why}, and no profile deadline fits; \
                 raise it or set caller_profiles.mode: none"
            ),
            lambda_seconds.to_string(),
        ),
    }
}

/// The lookup deadline: at most a quarter of the flow's wait for the Lambda, as the store's
/// is, so the search, the store and the write together leave the engine and the network a
/// quarter. Unset: [`DEFAULT_PROFILE_TIMEOUT_MS`], or the quarter when that is less.
fn lookup_timeout(lambda_seconds: u32, raw: Option<i64>, problems: &mut Problems) -> u64 {
    let quarter = i64::from(lambda_seconds) * 1000 / 4;
    let Some(value) = raw else {
        // The default, lowered to what a choice can fit (`check_choose_budget`).
        let store_ms = store_timeout_for(lambda_seconds).as_millis() as u64;
        let fits =
            (profile_budget_for(lambda_seconds).as_millis() as u64).saturating_sub(store_ms) / 2;
        return DEFAULT_PROFILE_TIMEOUT_MS
            .min(quarter.max(1) as u64)
            .min(fits)
            .max(1);
    };
    if !(1..=quarter).contains(&value) {
        problems.add(
            "caller_profiles.lookup_timeout_ms",
            format!(
                "must be between 1 and {quarter}: a quarter of lambda.timeout_seconds \
                 ({lambda_seconds} s), so a slow lookup, the store and the write still leave \
                 the caller's answer time; lower it or raise lambda.timeout_seconds"
            ),
            value.to_string(),
        );
        return quarter.max(1) as u64;
    }
    value as u64
}

/// `arn:<partition>:kms:<region>:<account>:key/<id>` or `...:alias/<name>`.
fn is_kms_key_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account, resource] = parts[..] else {
        return false;
    };
    prefix == "arn"
        && partition.starts_with("aws")
        && service == "kms"
        && !region.is_empty()
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && (resource
            .strip_prefix("key/")
            .is_some_and(|id| !id.is_empty())
            || resource
                .strip_prefix("alias/")
                .is_some_and(|a| !a.is_empty()))
        && arn.len() <= 2048
}
