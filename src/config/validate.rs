//! Semantic checks: a [`RawConfig`] becomes a [`Config`] or a list of every problem found.
//!
//! Each check names the field path and the offending value; `load.rs` adds the file position.

use super::raw::*;
use super::template::{self, Template};
use super::*;

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

/// Regions where Amazon Connect runs (voice), per the AWS regional services list.
pub const CONNECT_REGIONS: &[&str] = &[
    "us-east-1",
    "us-west-2",
    "af-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "eu-central-1",
    "eu-west-2",
    "us-gov-west-1",
];

/// Retention periods CloudWatch Logs accepts.
pub const LOG_RETENTION_DAYS: &[i64] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

const MAX_WORDING_CHARS: usize = 1000;

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, path: &str, message: impl Into<String>, got: impl Into<Option<String>>) {
        self.0.push(Problem {
            path: path.to_string(),
            message: message.into(),
            got: got.into(),
        });
    }

    /// Checks that `value` is an integer in `range`; returns it clamped into range for further use.
    fn int_in(&mut self, path: &str, value: i64, range: std::ops::RangeInclusive<i64>) -> i64 {
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
}

fn quoted(value: &str) -> String {
    format!("{value:?}")
}

fn is_slug(value: &str, max: usize) -> bool {
    let mut chars = value.chars();
    matches!(chars.next(), Some('a'..='z'))
        && value.len() <= max
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !value.ends_with('-')
}

fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Validates `raw`, returning the config or every problem found.
pub fn validate(raw: RawConfig) -> Result<Config, Vec<Problem>> {
    let mut problems = Problems::default();

    if !is_slug(&raw.name, 32) {
        problems.add(
            "name",
            "must be 1 to 32 lower-case letters, digits and hyphens, starting with a letter",
            quoted(&raw.name),
        );
    }
    if !CONNECT_REGIONS.contains(&raw.region.as_str()) {
        problems.add(
            "region",
            format!(
                "Amazon Connect does not run there; use one of {}",
                CONNECT_REGIONS.join(", ")
            ),
            quoted(&raw.region),
        );
    }
    for (key, value) in &raw.tags {
        let path = format!("tags.{key}");
        if key.is_empty() || key.chars().count() > 128 || key.starts_with("aws:") {
            problems.add(
                &path,
                "tag keys must be 1 to 128 characters and not start with \"aws:\"",
                quoted(key),
            );
        }
        if value.chars().count() > 256 {
            problems.add(
                &path,
                "tag values must be at most 256 characters",
                quoted(value),
            );
        }
    }

    let instance = match raw.connect.instance.mode {
        InstanceMode::Create => {
            let alias = raw.connect.instance.alias.clone();
            if let Some(alias) = &alias {
                if !is_slug(alias, 45) {
                    problems.add(
                        "connect.instance.alias",
                        "must be 1 to 45 lower-case letters, digits and hyphens, starting with a letter (or leave it out for <name>-<account id>)",
                        quoted(alias),
                    );
                }
            }
            Instance::Create { alias }
        }
        InstanceMode::Existing => {
            let id = raw.connect.instance.existing_id.clone().unwrap_or_default();
            if !is_uuid(&id) {
                problems.add(
                    "connect.instance.existing_id",
                    "mode is existing, so the instance id (a UUID, see the Connect console's instance ARN) is required",
                    raw.connect.instance.existing_id.as_deref().map(quoted),
                );
            }
            Instance::Existing { id }
        }
    };

    let flow_log_retention = raw.connect.flow_logs.retention_days;
    if !LOG_RETENTION_DAYS.contains(&flow_log_retention) {
        let allowed: Vec<String> = LOG_RETENTION_DAYS.iter().map(i64::to_string).collect();
        problems.add(
            "connect.flow_logs.retention_days",
            format!("CloudWatch Logs accepts only {}", allowed.join(", ")),
            flow_log_retention.to_string(),
        );
    }
    let flow_logs = FlowLogs {
        enabled: raw.connect.flow_logs.enabled,
        // Cannot truncate: checked against LOG_RETENTION_DAYS above (or unused on error).
        retention_days: flow_log_retention.clamp(1, 3653) as u32,
    };

    let phone = &raw.phone_number;
    let link = match phone.link {
        RawLink::Lambda => Link::Lambda,
        RawLink::Native => Link::Native,
    };
    let phone_number = match phone.mode {
        PhoneMode::Claim => {
            let claim = phone.claim.as_ref();
            if claim.is_none() {
                problems.add(
                    "phone_number.claim",
                    "mode is claim, so a claim block (country, type, optional prefix) is required",
                    None,
                );
            }
            let country = claim
                .map(|c| c.country.clone())
                .unwrap_or_else(|| "US".to_string());
            if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
                problems.add(
                    "phone_number.claim.country",
                    "must be a two-letter ISO 3166-1 country code in capitals, like US",
                    quoted(&country),
                );
            }
            let prefix = claim.and_then(|c| c.prefix.clone());
            if let Some(prefix) = &prefix {
                let digits = prefix.strip_prefix('+').unwrap_or("");
                if digits.is_empty()
                    || digits.len() > 15
                    || !digits.chars().all(|c| c.is_ascii_digit())
                {
                    problems.add(
                        "phone_number.claim.prefix",
                        "must be \"+\" followed by 1 to 15 digits (E.164), like \"+1800\"",
                        quoted(prefix),
                    );
                }
            }
            let kind = match claim.map(|c| c.number_type) {
                Some(RawNumberType::Did) => NumberType::Did,
                _ => NumberType::TollFree,
            };
            PhoneNumber::Claim {
                country,
                kind,
                prefix,
                link,
            }
        }
        PhoneMode::Existing => {
            let id = phone.existing_id.clone().unwrap_or_default();
            if !is_uuid(&id) {
                problems.add(
                    "phone_number.existing_id",
                    "mode is existing, so the phone number id (a UUID, from the Connect console's phone number ARN) is required",
                    phone.existing_id.as_deref().map(quoted),
                );
            }
            PhoneNumber::Existing { id, link }
        }
        PhoneMode::None => PhoneNumber::None,
    };

    let voice_name = raw.voice.name.clone();
    let voice_ok = (2..=20).contains(&voice_name.len())
        && voice_name.starts_with(|c: char| c.is_ascii_uppercase())
        && voice_name.chars().all(|c| c.is_ascii_alphabetic());
    if !voice_ok {
        problems.add(
            "voice.name",
            "must be an Amazon Polly voice name such as Joanna, Matthew or Amy",
            quoted(&voice_name),
        );
    }
    let engine = match raw.voice.engine {
        RawEngine::Standard => VoiceEngine::Standard,
        RawEngine::Neural => VoiceEngine::Neural,
        RawEngine::Generative => VoiceEngine::Generative,
    };

    let w = raw.wording;
    let texts = [
        ("greeting", &w.greeting),
        ("welcome_back", &w.welcome_back),
        ("last_choice", &w.last_choice),
        ("last_best", &w.last_best),
        ("intro", &w.intro),
        ("result", &w.result),
        ("choose", &w.choose),
        ("more", &w.more),
        ("repeat", &w.repeat),
        ("star_key", &w.star_key),
        ("invalid_key", &w.invalid_key),
        ("chosen", &w.chosen),
        ("choice_not_kept", &w.choice_not_kept),
        ("goodbye", &w.goodbye),
        ("no_caller_id", &w.no_caller_id),
        ("invalid_number", &w.invalid_number),
        ("no_matches", &w.no_matches),
        ("error", &w.error),
    ];
    for (field, text) in texts {
        let path = format!("wording.{field}");
        if text.trim().is_empty() {
            problems.add(
                &path,
                "must not be empty: the caller would hear silence",
                quoted(text),
            );
        } else if text.chars().count() > MAX_WORDING_CHARS {
            problems.add(
                &path,
                format!(
                    "must be at most {MAX_WORDING_CHARS} characters (got {})",
                    text.chars().count()
                ),
                None,
            );
        } else if text.contains(crate::flow::LAMBDA_ARN_PLACEHOLDER) {
            problems.add(
                &path,
                "must not contain the renderer's placeholder for the Lambda ARN",
                quoted(text),
            );
        } else if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            problems.add(&path, "must not contain control characters", quoted(text));
        } else if let Some(spec) = template::spec(field) {
            if let Err(message) = Template::parse(text, spec) {
                problems.add(&path, message, quoted(text));
            }
        }
    }
    let template = |field: &str, text: &str| {
        template::spec(field)
            .and_then(|spec| Template::parse(text, spec).ok())
            // Only reached with a problem already recorded above, so never rendered.
            .unwrap_or_else(|| Template::unchecked(text))
    };
    let wording = Wording {
        last_choice: template("last_choice", &w.last_choice),
        last_best: template("last_best", &w.last_best),
        result: template("result", &w.result),
        more: template("more", &w.more),
        repeat: template("repeat", &w.repeat),
        chosen: template("chosen", &w.chosen),
        greeting: w.greeting,
        welcome_back: w.welcome_back,
        intro: w.intro,
        choose: w.choose,
        star_key: w.star_key,
        invalid_key: w.invalid_key,
        choice_not_kept: w.choice_not_kept,
        goodbye: w.goodbye,
        no_caller_id: w.no_caller_id,
        invalid_number: w.invalid_number,
        no_matches: w.no_matches,
        error: w.error,
    };

    // Every stored result is offered with its own key, 1 to 9 (the Lambda could return 10).
    let choosable = vanity_engine::contract::MAX_CHOOSABLE as i64;
    let speak = problems.int_in("results.speak", raw.results.speak, 1..=5);
    let store = if raw.results.store > choosable {
        problems.add(
            "results.store",
            format!("must be between 1 and {choosable}: after the results the caller keeps one by pressing its number, and the keypad has the digits 1 to {choosable} for that"),
            raw.results.store.to_string(),
        );
        choosable
    } else {
        problems.int_in("results.store", raw.results.store, 1..=choosable)
    };
    if store < speak {
        problems.add(
            "results.store",
            format!("must be at least results.speak ({speak}): the spoken numbers are the best of the stored ones"),
            store.to_string(),
        );
    }
    let menu_timeout = problems.int_in("menu.timeout_seconds", raw.menu.timeout_seconds, 1..=179);

    let memory = problems.int_in("lambda.memory_mb", raw.lambda.memory_mb, 128..=10240);
    let timeout = problems.int_in("lambda.timeout_seconds", raw.lambda.timeout_seconds, 1..=8);
    let retention = raw.lambda.log_retention_days;
    if !LOG_RETENTION_DAYS.contains(&retention) {
        let allowed: Vec<String> = LOG_RETENTION_DAYS.iter().map(i64::to_string).collect();
        problems.add(
            "lambda.log_retention_days",
            format!("CloudWatch Logs accepts only {}", allowed.join(", ")),
            retention.to_string(),
        );
    }
    let architecture = match raw.lambda.architecture {
        RawArchitecture::X86_64 => Architecture::X86_64,
        RawArchitecture::Arm64 => Architecture::Arm64,
    };

    let table_name = raw
        .dynamodb
        .table_name
        .unwrap_or_else(|| format!("{}-callers", raw.name));
    let table_ok = (3..=255).contains(&table_name.len())
        && table_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !table_ok {
        problems.add(
            "dynamodb.table_name",
            "must be 3 to 255 letters, digits, \"_\", \"-\" or \".\"",
            quoted(&table_name),
        );
    }
    let ttl_days = problems.int_in(
        "dynamodb.ttl_days",
        raw.dynamodb.ttl_days.unwrap_or(90),
        1..=3650,
    );

    let (alerts, backend, operating_problems) =
        super::operating::validate(&raw.name, &raw.region, raw.alerts, raw.terraform);
    problems.0.extend(operating_problems);

    if !problems.0.is_empty() {
        return Err(problems.0);
    }
    // The casts below cannot truncate: every value was range-checked above.
    Ok(Config {
        name: raw.name,
        region: raw.region,
        tags: raw.tags,
        instance,
        flow_logs,
        phone_number,
        voice: Voice {
            name: voice_name,
            engine,
        },
        wording,
        results: Results {
            speak: speak as usize,
            store: store as usize,
        },
        menu: Menu {
            timeout_seconds: menu_timeout as u32,
        },
        lambda: LambdaSettings {
            memory_mb: memory as u32,
            timeout_seconds: timeout as u32,
            architecture,
            log_retention_days: retention as u32,
        },
        table: TableSettings {
            name: table_name,
            ttl_days: ttl_days as u32,
        },
        alerts,
        backend,
    })
}
