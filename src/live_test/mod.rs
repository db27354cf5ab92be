//! `connect-vanity test-line`: the simulator's call scenarios, run as Amazon Connect test
//! cases on the deployed line.
//!
//! Amazon Connect runs "test cases" written in its Testing language against a published flow:
//! observations of what the system says ("MessageReceived"), the caller's key presses
//! ("SendInstruction" with "DtmfInput") and overrides of a Lambda's answer
//! ("OverrideSystemBehavior"), see
//! <https://docs.aws.amazon.com/connect/latest/APIReference/testing-language.html>.
//!
//! This module owns which scenarios can run on a live line ([`SCENARIOS`], and
//! [`PROFILE_GREETING`] for a line that speaks from a caller's profile: [`scenarios`]), the
//! caller they call from ([`CALLER`]) and the regions that run them. The test case is one typed document
//! ([`document`]): [`cases`] builds it from the simulator's calls of the same scenario (the
//! expected prompts are what `connect-vanity call` says, [`expected`] how they are observed),
//! `render` writes it to `terraform/test-cases/`, [`language`] checks it against the Testing
//! language as documented, and [`agree`] replays it through the simulator's model of a test
//! case ([`crate::simulate::replay`]) so a case the simulator contradicts fails offline.
//! [`load`] reads the rendered cases and [`outputs`] the stack's ids for a run; [`dry_run`]
//! prints the requests a run would send. Talking to Connect is [`run`] (creates or updates,
//! publishes, starts, polls; its errors typed), only in the `aws` build, as is [`command`].
//! The number search before a deploy is `crate::deploy::number_check`.
//!
//! Imports go one way: `expected` reads `document`; `language` both; `cases` and `agree`
//! those and the simulator; `load` reads through `cases` and `language`; `dry_run`, `run` and
//! `command` use `load`. No module imports one that imports it.

pub mod agree;
pub mod cases;
#[cfg(feature = "aws")]
pub mod command;
pub mod document;
pub mod dry_run;
pub mod expected;
pub mod language;
pub mod load;
pub mod outputs;
#[cfg(feature = "aws")]
pub mod run;

/// The caller every scenario calls from: a number in the range the North American Numbering
/// Plan reserves for fiction (555-0100 to 555-0199), so a test call is from no one. The
/// call-handler keeps a call from that range one day only (`call_handler::caller::is_fictional`).
/// No number of that range spells a word (0 and 1 carry no letters, and the engine finds
/// nothing for any of the 80,000), so the real-Lambda scenario hears that no words fit.
pub const CALLER: &str = "+12065550123";

/// The number the mocked scenarios' answers are computed for: the golden calls' number, which
/// has five results to hear and choose from. A mocked answer, not the caller id, decides what
/// the flow says, so the test contact still calls from [`CALLER`].
pub const MOCKED_FOR: &str = "+18003569377";

/// Where `render` writes the test cases, inside the output directory.
pub const DIR: &str = "test-cases";

/// Who answers the flow's InvokeLambdaFunction blocks during the live test (the document's
/// `Metadata.Lambda`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LambdaUse {
    /// The deployed call-handler: proves the instance's permission on it, the ARN in the flow
    /// and the engine's no-match answer for the fictional [`CALLER`] (one invocation, at most
    /// one write: a one-day record); then the caller keys in a real number and hears its
    /// results, which proves that `$.StoredCustomerInput` reaches the function as the
    /// `number` parameter (docs/aws-contracts.md F31) and that Connect takes a result answer's
    /// spaces and commas. That second part relies on one `DtmfInput` carrying the whole entry
    /// (T26), and is the only case that shows it: the mocked `another-number` answers the same
    /// whatever keys reach the block. It does not show that the function's DynamoDB permissions work
    /// (docs/deploying.md, "Who calls", says how to check those).
    Real,
    /// A mocked answer (OverrideSystemBehavior MockResponse) computed by the simulator with
    /// the same handler and engine, so the result does not depend on earlier calls.
    Mocked,
    /// A mocked Lambda error (MockResponse with Error NoMatchingError): the flow's error branch.
    Fails,
}

/// One call scenario that can run on a live line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveScenario {
    /// The scenario's name; also the test case's name suffix and the golden transcript name.
    pub name: &'static str,
    /// The file `render` writes, relative to the output directory.
    pub file: &'static str,
    /// What the caller does, in one phrase (the test case's description).
    pub what: &'static str,
    /// Keys pressed at successive menus, as `connect-vanity call --press` takes them.
    pub presses: &'static str,
    pub lambda: LambdaUse,
    /// The Lambda answers as for a withheld caller id. The Testing language's entry point
    /// always has a SourcePhoneNumber (pattern `\+[1-9]\d{1,14}`,
    /// <https://docs.aws.amazon.com/connect/latest/APIReference/API_VoiceCallEntryPointParameters.html>),
    /// so a withheld number can only be the mocked answer: this checks the flow's branch, and
    /// the handler's own detection is checked by the simulator and its unit tests.
    pub withheld: bool,
    /// The mocked answers are the handler's for a caller whose number finds one Customer
    /// Profiles profile, [`mocked_profile`]: the override stands in for the lookup's answer,
    /// profile and all (see [`PROFILE_GREETING`]).
    pub profile: bool,
}

/// Every live scenario, in the order the command runs and prints them. The connect-fails-at-*,
/// dynamodb-down and lambda-off-contract scenarios have no live form: the Testing language can
/// override Lambda, hours, queue and Lex blocks only
/// (<https://docs.aws.amazon.com/connect/latest/APIReference/testing-language-actions-override-system-behavior.html>),
/// not a prompt or an attribute update, and DynamoDB is inside the Lambda.
pub const SCENARIOS: [LiveScenario; 9] = [
    LiveScenario {
        name: "real-lambda",
        file: "test-cases/real-lambda.json",
        what: "hears that no words fit a number reserved for fiction, then keys in 800-356-9377 (a business's published number) and hears its vanity numbers, answered by the deployed call-handler",
        presses: "8003569377#",
        lambda: LambdaUse::Real,
        withheld: false,
        profile: false,
    },
    LiveScenario {
        name: "choose-1",
        file: "test-cases/choose-1.json",
        what: "hears the results and keeps the first",
        presses: "1",
        lambda: LambdaUse::Mocked,
        withheld: false,
        profile: false,
    },
    LiveScenario {
        name: "more-then-choose-4",
        file: "test-cases/more-then-choose-4.json",
        what: "asks for more, then keeps the fourth",
        presses: "#4",
        lambda: LambdaUse::Mocked,
        withheld: false,
        profile: false,
    },
    LiveScenario {
        name: "again-then-choose-2",
        file: "test-cases/again-then-choose-2.json",
        what: "hears the results again, then keeps the second",
        presses: "*2",
        lambda: LambdaUse::Mocked,
        withheld: false,
        profile: false,
    },
    LiveScenario {
        name: "invalid-key",
        file: "test-cases/invalid-key.json",
        what: "presses a key that is not a choice, then stays silent",
        presses: "9",
        lambda: LambdaUse::Mocked,
        withheld: false,
        profile: false,
    },
    LiveScenario {
        name: "silence",
        file: "test-cases/silence.json",
        what: "presses nothing at the menu",
        presses: "",
        lambda: LambdaUse::Mocked,
        withheld: false,
        profile: false,
    },
    LiveScenario {
        name: "no-caller-id",
        file: "test-cases/no-caller-id.json",
        what: "calls with the number withheld (the Lambda's answer is mocked)",
        presses: "",
        lambda: LambdaUse::Mocked,
        withheld: true,
        profile: false,
    },
    LiveScenario {
        name: "another-number",
        file: "test-cases/another-number.json",
        what: "calls with the number withheld, keys in another number, hears its vanity numbers (the Lambda's answers are mocked)",
        presses: "8003569377#",
        lambda: LambdaUse::Mocked,
        withheld: true,
        profile: false,
    },
    LiveScenario {
        name: "lambda-failure",
        file: "test-cases/lambda-failure.json",
        what: "the call-handler fails (mocked error)",
        presses: "",
        lambda: LambdaUse::Fails,
        withheld: false,
        profile: false,
    },
];

/// The scenario a line has only when it speaks from a caller's profile
/// (`caller_profiles.greet_by_first_name` or `say_why` on, [`scenarios`]). The Testing language
/// cannot reach Customer Profiles, but it replaces the call-handler's whole answer, and the
/// profile reaches the flow only through that answer (`greet`, `greeting_name`, `say_why`,
/// `why`): so a mocked answer computed for [`mocked_profile`] proves that the deployed flow
/// speaks the greeting and the reason before the intro, and the rest of the call as usual. It
/// does not exercise the real SearchProfiles call, nor the write of the kept number to the
/// profile (the choice's answer is mocked too); `real-lambda`'s fictional caller has no profile.
pub const PROFILE_GREETING: LiveScenario = LiveScenario {
    name: "profile-greeting",
    file: "test-cases/profile-greeting.json",
    what: "has a Customer Profiles profile (the Lambda's answers are mocked), hears what the line says from it before the results, then keeps the first",
    presses: "1",
    lambda: LambdaUse::Mocked,
    withheld: false,
    profile: true,
};

/// The profile [`PROFILE_GREETING`]'s mocked answers are computed for: a first name to greet
/// and a business name holding FLOWERS, a word of the first result of [`MOCKED_FOR`], so the
/// answer has a reason to say too. Made up: the case's caller is [`CALLER`], a number reserved
/// for fiction, and no profile is searched during the test.
pub fn mocked_profile() -> call_handler::profile::Profile {
    call_handler::profile::Profile {
        profile_id: "mocked".to_string(),
        first_name: Some("Robin".to_string()),
        last_name: None,
        business_name: Some("Example Flowers".to_string()),
        attributes: Default::default(),
    }
}

/// The live scenarios of the line `config` describes, in the order the command runs them:
/// [`SCENARIOS`], then [`PROFILE_GREETING`] when the flow speaks from a profile. With
/// profiles off, or on without either option, the set is [`SCENARIOS`] alone, so `render`
/// writes the same files as without the section.
pub fn scenarios(config: &crate::config::Config) -> Vec<LiveScenario> {
    let mut all = SCENARIOS.to_vec();
    if config.caller_profiles.speaks() {
        all.push(PROFILE_GREETING);
    }
    all
}

/// Regions where Amazon Connect offers test cases and simulation (What's New, 2026-02-02:
/// <https://aws.amazon.com/about-aws/whats-new/2026/02/amazon-connect-provides-apis-test-simulate-voice-interactions/>).
pub const REGIONS: [&str; 11] = [
    "ap-south-1",
    "af-south-1",
    "eu-central-1",
    "us-east-1",
    "ap-northeast-2",
    "eu-west-2",
    "ap-northeast-1",
    "us-west-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
];

/// Test cases run only where the service offers them.
pub fn check_region(config: &crate::config::Config) -> Result<(), crate::error::BadInput> {
    if REGIONS.contains(&config.region.as_str()) {
        return Ok(());
    }
    Err(crate::error::BadInput(format!(
        "region {}: Amazon Connect test cases run only in {}; test the line with `connect-vanity call` instead",
        config.region,
        REGIONS.join(", ")
    )))
}

/// The test case's name in the instance: unique per line, so two lines in one instance (a test
/// line beside production) never update each other's cases.
pub fn case_name(line: &str, scenario: &str) -> String {
    format!("{line}-{scenario}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scenario_has_its_own_file_named_after_it() {
        let mut names = std::collections::BTreeSet::new();
        for scenario in SCENARIOS.iter().chain([&PROFILE_GREETING]) {
            assert_eq!(
                scenario.file,
                format!("{DIR}/{}.json", scenario.name),
                "{}",
                scenario.name
            );
            assert!(names.insert(scenario.name), "duplicate {}", scenario.name);
        }
        assert_eq!(case_name("vanity", "silence"), "vanity-silence");
    }

    use crate::config::profiles::example_with_profiles as config;

    /// The profile case is there exactly when the flow speaks from a profile; the other
    /// scenarios are always the same, in the same order.
    #[test]
    fn the_profile_case_follows_the_options() {
        for mode in ["none", "new", "existing"] {
            for (greet, why) in [(false, false), (true, false), (false, true), (true, true)] {
                let all = scenarios(&config(mode, greet, why));
                let speaks = mode != "none" && (greet || why);
                assert_eq!(&all[..SCENARIOS.len()], &SCENARIOS, "{mode} {greet} {why}");
                assert_eq!(
                    all.get(SCENARIOS.len()),
                    speaks.then_some(&PROFILE_GREETING),
                    "{mode} {greet} {why}"
                );
                assert_eq!(all.len(), SCENARIOS.len() + usize::from(speaks));
            }
        }
    }
}
