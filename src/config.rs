//! The validated configuration: what `vanity.yaml` means once every field has been checked.
//!
//! Owns the types the rest of the CLI reads (renderer, flow builder, simulator). Parsing and
//! validation of the YAML text live in `config/load.rs`; nothing here touches the file system.

use std::collections::BTreeMap;

pub mod load;
mod locate;
pub mod operating;
mod problems;
pub mod profiles;
mod raw;
pub mod template;
pub mod validate;

pub use load::{load_file, load_str, ConfigError};
pub use operating::{Alerts, Backend};
pub use profiles::{CallerProfiles, ProfileDomain};
pub use template::Template;

pub use crate::connect::VoiceEngine;
pub use vanity_engine::contract::Recall;

/// The committed, fully commented default config (`connect-vanity init` writes exactly this).
pub const DEFAULT_YAML: &str = include_str!("../vanity.yaml");

/// The whole system, as described by `vanity.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Prefix of every AWS resource name: lower case letters, digits, hyphens; 1 to 32 chars.
    pub name: String,
    /// AWS region, for example "us-east-1".
    pub region: String,
    /// Tags applied to every resource through the provider's default_tags.
    pub tags: BTreeMap<String, String>,
    pub instance: Instance,
    /// Amazon Connect's flow logs, for an instance this stack creates.
    pub flow_logs: FlowLogs,
    pub phone_number: PhoneNumber,
    pub voice: Voice,
    pub wording: Wording,
    pub results: Results,
    pub menu: Menu,
    /// What a caller whose number called before hears (`returning_callers.recall`).
    pub recall: Recall,
    pub lambda: LambdaSettings,
    pub table: TableSettings,
    /// Customer Profiles lookups (`caller_profiles:`); off by default.
    pub caller_profiles: CallerProfiles,
    /// Who hears about alarms (`alerts:`).
    pub alerts: Alerts,
    /// Where the Terraform state lives (`terraform.backend:`); `None` keeps it local.
    pub backend: Option<Backend>,
}

/// The Amazon Connect instance.
#[derive(Debug, Clone, PartialEq)]
pub enum Instance {
    /// Create a new instance. `None`: the alias is `<name>-<AWS account id>`, filled in by
    /// Terraform at plan time, so it cannot collide with another account's (aliases are unique
    /// per region across all accounts).
    Create { alias: Option<String> },
    /// Use an instance that already exists.
    Existing { id: String },
}

/// Flow logs: Connect writes each flow step, caller's number included, to
/// `/aws/connect/<alias>`. The stack manages that group so its retention is bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowLogs {
    pub enabled: bool,
    /// One of the retention periods CloudWatch Logs accepts.
    pub retention_days: u32,
}

/// The phone number callers dial.
#[derive(Debug, Clone, PartialEq)]
pub enum PhoneNumber {
    /// Claim a new number.
    Claim {
        country: String,
        kind: NumberType,
        prefix: Option<String>,
        link: Link,
    },
    /// Use a number already claimed to the instance, by its phone number id.
    Existing { id: String, link: Link },
    /// No number: the flow is deployed and can be attached by hand.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberType {
    TollFree,
    Did,
}

impl NumberType {
    pub fn as_aws(self) -> &'static str {
        match self {
            NumberType::TollFree => "TOLL_FREE",
            NumberType::Did => "DID",
        }
    }
}

/// How the phone number is pointed at the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The phone-link custom-resource Lambda, driven by aws_lambda_invocation (works on 5.x and 6.x).
    Lambda,
    /// aws_connect_phone_number_contact_flow_association (needs hashicorp/aws >= 6.6).
    Native,
}

/// Text-to-speech voice.
#[derive(Debug, Clone, PartialEq)]
pub struct Voice {
    /// Amazon Polly voice name, for example "Joanna".
    pub name: String,
    pub engine: VoiceEngine,
}

/// Everything the caller hears, as plain text (the flow escapes it for SSML). [`Template`]
/// fields carry `{placeholders}` the flow fills with values only it knows.
#[derive(Debug, Clone, PartialEq)]
pub struct Wording {
    /// First thing the caller hears.
    pub greeting: String,
    /// Said to a caller whose number has called before, before the results.
    pub welcome_back: String,
    /// A returning caller who chose a number before: `{vanity}` is that number.
    pub last_choice: Template,
    /// A returning caller who never chose: `{vanity}` is the best number of their last call.
    pub last_best: Template,
    /// Said just before the results.
    pub intro: String,
    /// Said after the intro when two or more results start with the same country and area
    /// code: `{start}` is that start, which the results then leave out.
    pub shared_start: Template,
    /// How each result is read: `{rank}` is its key, `{vanity}` the number (after the shared
    /// start, when `shared_start` was said).
    pub result: Template,
    /// The menu's first sentence: how to keep one of the results heard.
    pub choose: String,
    /// Offered only while there are more results: `{count}` of them, with key `{key}` (the
    /// `#` key, read as [`Wording::pound_key`]).
    pub more: Template,
    /// What the `#` key is called, said where `more` has `{key}`.
    pub pound_key: String,
    /// How to hear the results again: `{key}` is the star key, read as [`Wording::star_key`].
    pub repeat: Template,
    /// What the `*` key is called, said where `repeat` has `{key}`.
    pub star_key: String,
    /// Said when the caller presses a key the menu does not offer.
    pub invalid_key: String,
    /// Confirms a kept choice: `{vanity}` is the chosen number.
    pub chosen: Template,
    /// Said after `chosen` only when `returning_callers.recall` is `last_call`, the one setting
    /// under which a later call hears the choice again.
    pub chosen_reminder: String,
    /// Said when a choice could not be kept (the table or the Lambda failed).
    pub choice_not_kept: String,
    /// Said before hanging up on the normal path.
    pub goodbye: String,
    /// Said when the caller's number is withheld or missing.
    pub no_caller_id: String,
    /// Said when the caller's number is not a phone number the engine can read.
    pub invalid_number: String,
    /// Said when no words fit the caller's number.
    pub no_matches: String,
    /// Offers another number where `#` is free: `{key}` is the `#` key, read as
    /// [`Wording::pound_key`].
    pub another_number: Template,
    /// Asks for another number: `{key}` is the `#` key that ends it.
    pub ask_number: Template,
    /// Said when no digits were keyed for another number.
    pub number_not_heard: String,
    /// Said when another number has too few digits.
    pub number_too_short: String,
    /// Said when another number has more digits than any phone number (E.164's fifteen).
    pub number_too_long: String,
    /// Said when another number is not one the engine can read.
    pub number_not_readable: String,
    /// Said when no words fit another number.
    pub number_no_matches: String,
    /// Said after the reason when the caller gets one more try.
    pub try_again: String,
    /// Said just before another number's results.
    pub another_intro: String,
    /// Opens the menu after "more" has read the rest, where `#` no longer means more.
    pub all_heard: String,
    /// Said when looking up another number fails (the Lambda or a prompt of that part).
    pub another_error: String,
    /// Said when the Lambda fails or times out, or any other step fails.
    pub error: String,
    /// With `caller_profiles.greet_by_first_name`: `{name}` is the first name on the
    /// caller's profile, said after `greeting`.
    pub greeting_name: Template,
    /// With `caller_profiles.say_why`: `{word}` is the profile word the first result holds.
    pub why: Template,
}

/// How many vanity numbers to speak and to store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Results {
    /// Spoken first (default 3).
    pub speak: usize,
    /// Kept per caller in DynamoDB and offered through "hear more" (default 5); >= speak and
    /// at most [`vanity_engine::contract::MAX_CHOOSABLE`], so every result has a key.
    pub store: usize,
    /// The never-offer categories the owner allows (default none: every one blocked).
    pub allowed: vanity_engine::Allowed,
}

/// The keypad menu after the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Menu {
    /// Seconds to wait for a key press (1 to 179).
    pub timeout_seconds: u32,
    /// Seconds to wait for the first digit of another number (1 to 179): longer than a menu
    /// key, since the caller may have to look the number up.
    pub number_timeout_seconds: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LambdaSettings {
    /// 128 to 10240.
    pub memory_mb: u32,
    /// 1 to 8: Connect waits at most 8 s for a synchronous Lambda.
    pub timeout_seconds: u32,
    pub architecture: Architecture,
    /// One of the retention periods CloudWatch Logs accepts.
    pub log_retention_days: u32,
    /// Concurrent executions reserved for the call-handler (1 to 900); `None` leaves it in
    /// the account's unreserved pool (the default: a new account may have none to spare).
    pub reserved_concurrency: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Architecture {
    X86_64,
    Arm64,
}

impl Architecture {
    /// The value aws_lambda_function.architectures expects.
    pub fn as_aws(self) -> &'static str {
        match self {
            Architecture::X86_64 => "x86_64",
            Architecture::Arm64 => "arm64",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableSettings {
    /// DynamoDB table name: 3 to 255 of [A-Za-z0-9_.-].
    pub name: String,
    /// Days a caller's record is kept before DynamoDB's TTL removes it (1 to 3650).
    pub ttl_days: u32,
    /// Days point-in-time recovery can restore (1 to 35), so a deleted record stays
    /// restorable this long after TTL removes it; 0 turns point-in-time recovery off.
    pub recovery_days: u32,
    /// DynamoDB refuses to delete the table while this is on (the default).
    pub deletion_protection: bool,
}
