//! The YAML as written: serde types that mirror `vanity.yaml` field for field, with defaults.
//!
//! Nothing here is validated beyond types; `validate.rs` turns a [`RawConfig`] into a
//! [`super::Config`] whose fields cannot be wrong.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub name: String,
    pub region: String,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    pub connect: RawConnect,
    #[serde(default)]
    pub phone_number: RawPhoneNumber,
    #[serde(default)]
    pub voice: RawVoice,
    #[serde(default)]
    pub wording: RawWording,
    #[serde(default)]
    pub results: RawResults,
    #[serde(default)]
    pub menu: RawMenu,
    #[serde(default)]
    pub returning_callers: RawReturningCallers,
    #[serde(default)]
    pub lambda: RawLambda,
    #[serde(default)]
    pub dynamodb: RawDynamoDb,
    #[serde(default)]
    pub caller_profiles: super::profiles::RawCallerProfiles,
    #[serde(default)]
    pub alerts: super::operating::RawAlerts,
    #[serde(default)]
    pub terraform: super::operating::RawTerraform,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConnect {
    pub instance: RawInstance,
    #[serde(default)]
    pub flow_logs: RawFlowLogs,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawFlowLogs {
    pub enabled: bool,
    pub retention_days: i64,
}

impl Default for RawFlowLogs {
    fn default() -> Self {
        RawFlowLogs {
            enabled: true,
            retention_days: 30,
        }
    }
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum InstanceMode {
    Create,
    Existing,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInstance {
    pub mode: InstanceMode,
    pub alias: Option<String>,
    pub existing_id: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PhoneMode {
    Claim,
    Existing,
    None,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RawLink {
    Lambda,
    Native,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
pub enum RawNumberType {
    #[serde(rename = "TOLL_FREE")]
    TollFree,
    #[serde(rename = "DID")]
    Did,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPhoneNumber {
    pub mode: PhoneMode,
    pub claim: Option<RawClaim>,
    pub existing_id: Option<String>,
    #[serde(default = "default_link")]
    pub link: RawLink,
}

fn default_link() -> RawLink {
    RawLink::Lambda
}

impl Default for RawPhoneNumber {
    fn default() -> Self {
        RawPhoneNumber {
            mode: PhoneMode::None,
            claim: None,
            existing_id: None,
            link: default_link(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    #[serde(default = "default_country")]
    pub country: String,
    #[serde(rename = "type", default = "default_number_type")]
    pub number_type: RawNumberType,
    pub prefix: Option<String>,
}

fn default_country() -> String {
    "US".to_string()
}

fn default_number_type() -> RawNumberType {
    RawNumberType::TollFree
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RawEngine {
    Standard,
    Neural,
    Generative,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawVoice {
    pub name: String,
    pub engine: RawEngine,
}

impl Default for RawVoice {
    fn default() -> Self {
        RawVoice {
            name: "Joanna".to_string(),
            engine: RawEngine::Neural,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawWording {
    pub greeting: String,
    pub welcome_back: String,
    pub last_choice: String,
    pub last_best: String,
    pub intro: String,
    pub shared_start: String,
    pub result: String,
    pub choose: String,
    pub more: String,
    pub pound_key: String,
    pub repeat: String,
    pub star_key: String,
    pub invalid_key: String,
    pub chosen: String,
    pub chosen_reminder: String,
    pub choice_not_kept: String,
    pub goodbye: String,
    pub no_caller_id: String,
    pub invalid_number: String,
    pub no_matches: String,
    pub another_number: String,
    pub ask_number: String,
    pub number_not_heard: String,
    pub number_too_short: String,
    pub number_too_long: String,
    pub number_not_readable: String,
    pub number_no_matches: String,
    pub try_again: String,
    pub another_intro: String,
    pub all_heard: String,
    pub another_error: String,
    pub error: String,
    pub greeting_name: String,
    pub why: String,
}

impl Default for RawWording {
    fn default() -> Self {
        let text = |s: &str| s.to_string();
        RawWording {
            greeting: text("Thanks for calling the vanity number line."),
            welcome_back: text("Welcome back, it's good to hear from you again."),
            last_choice: text("Last time, you chose {vanity}."),
            last_best: text("Last time, your best one was {vanity}."),
            intro: text("Here are the best vanity numbers for your phone number."),
            shared_start: text("Each starts with {start}."),
            result: text("Number {rank}: {vanity}."),
            choose: text("To keep one, press its number."),
            more: text("To hear {count} more, press {key}."),
            pound_key: text("pound"),
            repeat: text("To hear them again, press {key}."),
            star_key: text("star"),
            invalid_key: text("Sorry, that is not one of the choices."),
            chosen: text("You chose {vanity}."),
            chosen_reminder: text("We'll remind you of it when you call again."),
            choice_not_kept: text("Sorry, we could not keep your choice this time."),
            goodbye: text("Thanks for calling. Goodbye."),
            no_caller_id: text(
                "We can't see the number you are calling from, so we can't find words for it.",
            ),
            invalid_number: text(
                "Sorry, we can't find vanity numbers for the number you are calling from.",
            ),
            no_matches: text("We looked hard, but no words fit the number you are calling from."),
            another_number: text("To find words in another number, press {key}."),
            ask_number: text(
                "Key in the number you'd like words for: ten digits for a North American number, or the country code and number for any other. Then press {key}.",
            ),
            number_not_heard: text("We didn't get a number."),
            number_too_short: text(
                "That number is too short: key in the area code too, or the country code and number.",
            ),
            number_too_long: text(
                "That number is too long: a phone number has at most fifteen digits, country code included.",
            ),
            number_not_readable: text("Sorry, we can't read that as a phone number."),
            number_no_matches: text("We looked hard, but no words fit that number."),
            try_again: text("Please try once more."),
            another_intro: text("Here are the best vanity numbers for that number."),
            all_heard: text("That's all of them."),
            another_error: text(
                "Sorry, something went wrong while we were looking up that number. Please try again later.",
            ),
            error: text(
                "Sorry, something went wrong while we were looking up your number. Please try again later.",
            ),
            greeting_name: text("Hello, {name}."),
            why: text("The first one holds {word}, a word from your details with us."),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawResults {
    pub speak: i64,
    pub store: i64,
    pub allow_categories: Vec<String>,
}

impl Default for RawResults {
    fn default() -> Self {
        RawResults {
            speak: 3,
            store: 5,
            allow_categories: Vec::new(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawMenu {
    pub timeout_seconds: i64,
    pub number_timeout_seconds: i64,
}

impl Default for RawMenu {
    fn default() -> Self {
        RawMenu {
            timeout_seconds: 5,
            number_timeout_seconds: 15,
        }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawReturningCallers {
    pub recall: RawRecall,
}

/// `returning_callers.recall`; the names are [`vanity_engine::contract::Recall::as_str`]'s.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum RawRecall {
    #[default]
    None,
    Welcome,
    LastCall,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RawArchitecture {
    #[serde(rename = "x86_64")]
    X86_64,
    Arm64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawLambda {
    pub memory_mb: i64,
    pub timeout_seconds: i64,
    pub architecture: RawArchitecture,
    pub log_retention_days: i64,
    pub reserved_concurrency: Option<i64>,
}

impl Default for RawLambda {
    fn default() -> Self {
        RawLambda {
            memory_mb: 256,
            timeout_seconds: 6,
            architecture: RawArchitecture::X86_64,
            log_retention_days: 365,
            reserved_concurrency: None,
        }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawDynamoDb {
    /// Defaults to "<name>-callers".
    pub table_name: Option<String>,
    pub ttl_days: Option<i64>,
    pub recovery_days: Option<i64>,
    pub deletion_protection: Option<bool>,
}
