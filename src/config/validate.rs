//! Semantic checks: a [`RawConfig`] becomes a [`Config`] or a list of every problem found.
//!
//! One function per section of vanity.yaml, each writing to the one [`Problems`] collector and
//! returning its validated part (with a stand-in value where a problem was recorded, so every
//! section is checked even after an earlier one failed). `alerts` and `terraform` are checked
//! in `operating.rs`. Each check names the field path and the offending value; `load.rs` adds
//! the file position.

use super::operating;
use super::problems::{quoted, Problems};
use super::raw::*;
use super::template::{self, Template};
use super::*;
use crate::connect::{LAMBDA_ARN_PLACEHOLDER, MAX_INPUT_SECONDS, MAX_LAMBDA_SECONDS};
use crate::jsonpath;

pub use super::problems::{Problem, LOG_RETENTION_DAYS};

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

const MAX_WORDING_CHARS: usize = 1000;

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
    identity(&raw, &mut problems);
    let instance = instance(&raw.connect.instance, &mut problems);
    let flow_logs = flow_logs(&raw.connect.flow_logs, &mut problems);
    let phone_number = phone_number(&raw.phone_number, &mut problems);
    let voice = voice(&raw.voice, &mut problems);
    let wording = wording(raw.wording, &mut problems);
    let results = results(&raw.results, &mut problems);
    let menu = Menu {
        timeout_seconds: seconds(
            &mut problems,
            "menu.timeout_seconds",
            raw.menu.timeout_seconds,
            MAX_INPUT_SECONDS,
        ),
        number_timeout_seconds: seconds(
            &mut problems,
            "menu.number_timeout_seconds",
            raw.menu.number_timeout_seconds,
            MAX_INPUT_SECONDS,
        ),
    };
    let recall = match raw.returning_callers.recall {
        RawRecall::None => Recall::Nothing,
        RawRecall::Welcome => Recall::Welcome,
        RawRecall::LastCall => Recall::LastCall,
    };
    let lambda = lambda(&raw.lambda, &mut problems);
    let table = table(&raw.name, raw.dynamodb, &mut problems);
    let caller_profiles = super::profiles::caller_profiles(
        &raw.name,
        lambda.timeout_seconds,
        raw.caller_profiles,
        &mut problems,
    );
    let alerts = operating::alerts(&raw.region, raw.alerts, &mut problems);
    let backend = operating::backend(&raw.name, &raw.region, raw.terraform, &mut problems);
    problems.into_result(Config {
        name: raw.name,
        region: raw.region,
        tags: raw.tags,
        instance,
        flow_logs,
        phone_number,
        voice,
        wording,
        results,
        menu,
        recall,
        lambda,
        table,
        caller_profiles,
        alerts,
        backend,
    })
}

/// `name`, `region` and `tags`: what every resource is called, where it runs, how it is tagged.
fn identity(raw: &RawConfig, problems: &mut Problems) {
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
}

/// A whole number of seconds from 1 to `max` (one of Connect's limits).
fn seconds(problems: &mut Problems, path: &str, value: i64, max: u32) -> u32 {
    // Cannot truncate: range-checked (or the range's start on error).
    problems.int_in(path, value, 1..=i64::from(max)) as u32
}

/// `connect.instance`: create one, or use an existing one by id.
fn instance(raw: &RawInstance, problems: &mut Problems) -> Instance {
    match raw.mode {
        InstanceMode::Create => {
            let alias = raw.alias.clone();
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
            let id = raw.existing_id.clone().unwrap_or_default();
            if !is_uuid(&id) {
                problems.add(
                    "connect.instance.existing_id",
                    "mode is existing, so the instance id (a UUID, see the Connect console's instance ARN) is required",
                    raw.existing_id.as_deref().map(quoted),
                );
            }
            Instance::Existing { id }
        }
    }
}

/// `connect.flow_logs`.
fn flow_logs(raw: &RawFlowLogs, problems: &mut Problems) -> FlowLogs {
    FlowLogs {
        enabled: raw.enabled,
        retention_days: problems.retention("connect.flow_logs.retention_days", raw.retention_days),
    }
}

/// `phone_number`: claim one, use an existing one, or none.
fn phone_number(phone: &RawPhoneNumber, problems: &mut Problems) -> PhoneNumber {
    let link = match phone.link {
        RawLink::Lambda => Link::Lambda,
        RawLink::Native => Link::Native,
    };
    match phone.mode {
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
    }
}

/// `voice`: the Polly voice and engine.
fn voice(raw: &RawVoice, problems: &mut Problems) -> Voice {
    let voice_name = raw.name.clone();
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
    let engine = match raw.engine {
        RawEngine::Standard => VoiceEngine::Standard,
        RawEngine::Neural => VoiceEngine::Neural,
        RawEngine::Generative => VoiceEngine::Generative,
    };
    Voice {
        name: voice_name,
        engine,
    }
}

/// One wording text: present, short enough, plain text with no Connect path in it, and with
/// the placeholders its field allows.
fn check_wording_text(field: &str, text: &str, problems: &mut Problems) {
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
    } else if text.contains(LAMBDA_ARN_PLACEHOLDER) {
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
    } else if let Some(reference) = jsonpath::find(text).first() {
        // Connect replaces `$.` and a name in any prompt with flow data, and where such a
        // path ends when punctuation follows it is written on no AWS page: the caller
        // could hear nothing, or the wrong value.
        problems.add(
            &path,
            format!(
                "contains {}, which Amazon Connect would replace with flow data: reword it (for example \"$ 5\" or \"5 dollars\")",
                &text[reference.span.clone()]
            ),
            quoted(text),
        );
    } else if let Some(spec) = template::spec(field) {
        if let Err(message) = Template::parse(text, spec) {
            problems.add(&path, message, quoted(text));
        }
    }
}

/// `wording`: every text the caller hears, with its placeholders parsed.
fn wording(w: RawWording, problems: &mut Problems) -> Wording {
    let texts = [
        ("greeting", &w.greeting),
        ("welcome_back", &w.welcome_back),
        ("last_choice", &w.last_choice),
        ("last_best", &w.last_best),
        ("intro", &w.intro),
        ("shared_start", &w.shared_start),
        ("result", &w.result),
        ("choose", &w.choose),
        ("more", &w.more),
        ("pound_key", &w.pound_key),
        ("repeat", &w.repeat),
        ("star_key", &w.star_key),
        ("invalid_key", &w.invalid_key),
        ("chosen", &w.chosen),
        ("chosen_reminder", &w.chosen_reminder),
        ("choice_not_kept", &w.choice_not_kept),
        ("goodbye", &w.goodbye),
        ("no_caller_id", &w.no_caller_id),
        ("invalid_number", &w.invalid_number),
        ("no_matches", &w.no_matches),
        ("another_number", &w.another_number),
        ("ask_number", &w.ask_number),
        ("number_not_heard", &w.number_not_heard),
        ("number_too_short", &w.number_too_short),
        ("number_too_long", &w.number_too_long),
        ("number_not_readable", &w.number_not_readable),
        ("number_no_matches", &w.number_no_matches),
        ("try_again", &w.try_again),
        ("another_intro", &w.another_intro),
        ("all_heard", &w.all_heard),
        ("another_error", &w.another_error),
        ("error", &w.error),
        ("greeting_name", &w.greeting_name),
        ("why", &w.why),
    ];
    for (field, text) in texts {
        check_wording_text(field, text, problems);
    }
    let template = |field: &str, text: &str| {
        template::spec(field)
            .and_then(|spec| Template::parse(text, spec).ok())
            // Only reached with a problem already recorded above, so never rendered.
            .unwrap_or_else(|| Template::unchecked(text))
    };
    Wording {
        last_choice: template("last_choice", &w.last_choice),
        last_best: template("last_best", &w.last_best),
        shared_start: template("shared_start", &w.shared_start),
        result: template("result", &w.result),
        more: template("more", &w.more),
        pound_key: w.pound_key,
        chosen_reminder: w.chosen_reminder,
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
        another_number: template("another_number", &w.another_number),
        ask_number: template("ask_number", &w.ask_number),
        number_not_heard: w.number_not_heard,
        number_too_short: w.number_too_short,
        number_too_long: w.number_too_long,
        number_not_readable: w.number_not_readable,
        number_no_matches: w.number_no_matches,
        try_again: w.try_again,
        another_intro: w.another_intro,
        all_heard: w.all_heard,
        another_error: w.another_error,
        error: w.error,
        greeting_name: template("greeting_name", &w.greeting_name),
        why: template("why", &w.why),
    }
}

/// `results`: how many numbers are spoken and how many stored.
fn results(raw: &RawResults, problems: &mut Problems) -> Results {
    // Every stored result is offered with its own key, 1 to 9 (the Lambda could return 10).
    let choosable = vanity_engine::contract::MAX_CHOOSABLE as i64;
    let speak = problems.int_in("results.speak", raw.speak, 1..=5);
    let store = if raw.store > choosable {
        problems.add(
            "results.store",
            format!("must be between 1 and {choosable}: after the results the caller keeps one by pressing its number, and the keypad has the digits 1 to {choosable} for that"),
            raw.store.to_string(),
        );
        choosable
    } else {
        problems.int_in("results.store", raw.store, 1..=choosable)
    };
    if store < speak {
        problems.add(
            "results.store",
            format!("must be at least results.speak ({speak}): the spoken numbers are the best of the stored ones"),
            store.to_string(),
        );
    }
    let mut allowed = vanity_engine::Allowed::NONE;
    for (index, name) in raw.allow_categories.iter().enumerate() {
        match name.parse::<vanity_engine::Category>() {
            Ok(category) => allowed = allowed.with(category),
            Err(_) => problems.add(
                &format!("results.allow_categories[{index}]"),
                format!(
                    "is not a category: use one of {} (docs/engine.md, \"Nothing a business would regret\")",
                    vanity_engine::Category::NAMES.join(", ")
                ),
                quoted(name),
            ),
        }
    }
    // Cannot truncate: both were range-checked above.
    Results {
        speak: speak as usize,
        store: store as usize,
        allowed,
    }
}

/// `lambda`: the call-handler's size, time limit, architecture and log retention.
fn lambda(raw: &RawLambda, problems: &mut Problems) -> LambdaSettings {
    // Cannot truncate: range-checked.
    let memory_mb = problems.int_in("lambda.memory_mb", raw.memory_mb, 128..=10240) as u32;
    LambdaSettings {
        memory_mb,
        timeout_seconds: seconds(
            problems,
            "lambda.timeout_seconds",
            raw.timeout_seconds,
            MAX_LAMBDA_SECONDS,
        ),
        architecture: match raw.architecture {
            RawArchitecture::X86_64 => Architecture::X86_64,
            RawArchitecture::Arm64 => Architecture::Arm64,
        },
        log_retention_days: problems.retention("lambda.log_retention_days", raw.log_retention_days),
        reserved_concurrency: raw
            .reserved_concurrency
            .map(|value| reserved_concurrency(value, problems)),
    }
}

/// The most a function may reserve under Lambda's default quota of 1,000 concurrent executions:
/// Lambda keeps 100 unreserved for the functions without a reservation.
/// https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html ("You can
/// reserve up to the Unreserved account concurrency value that is shown, minus 100 for
/// functions that don't have reserved concurrency.")
pub const MAX_RESERVED_CONCURRENCY: i64 = 900;

/// `lambda.reserved_concurrency`: 1 to [`MAX_RESERVED_CONCURRENCY`] (as `u32`; 1 when wrong,
/// for further use).
fn reserved_concurrency(value: i64, problems: &mut Problems) -> u32 {
    if !(1..=MAX_RESERVED_CONCURRENCY).contains(&value) {
        problems.add(
            "lambda.reserved_concurrency",
            format!(
                "must be between 1 and {MAX_RESERVED_CONCURRENCY}: 0 would turn every call away \
                 (the function could never run), and Lambda keeps 100 of the account's \
                 concurrency unreserved, so under the default quota of 1,000 at most \
                 {MAX_RESERVED_CONCURRENCY} can be reserved; leave the field out to use the \
                 account's unreserved pool"
            ),
            value.to_string(),
        );
        return 1;
    }
    // Cannot truncate: range-checked.
    value as u32
}

/// Days of point-in-time recovery unless vanity.yaml says otherwise: a week to notice a bad
/// deploy or a bulk delete, instead of DynamoDB's 35, which would keep every caller's record
/// restorable five weeks past its TTL (docs/operating.md, "Protection").
const DEFAULT_RECOVERY_DAYS: i64 = 7;

/// `dynamodb`: the calls table's name (default `<name>-callers`), how long calls are kept, and
/// how long point-in-time recovery can bring them back.
fn table(name: &str, raw: RawDynamoDb, problems: &mut Problems) -> TableSettings {
    let table_name = raw.table_name.unwrap_or_else(|| format!("{name}-callers"));
    problems.table_name("dynamodb.table_name", &table_name, "");
    // Cannot truncate: range-checked.
    let ttl_days =
        problems.int_in("dynamodb.ttl_days", raw.ttl_days.unwrap_or(90), 1..=3650) as u32;
    // Cannot truncate: range-checked.
    let recovery_days = problems.int_in(
        "dynamodb.recovery_days",
        raw.recovery_days.unwrap_or(DEFAULT_RECOVERY_DAYS),
        0..=35,
    ) as u32;
    TableSettings {
        name: table_name,
        ttl_days,
        recovery_days,
        deletion_protection: raw.deletion_protection.unwrap_or(true),
    }
}
