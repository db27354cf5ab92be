//! `connect-vanity test-line`: the simulator's call scenarios, run as Amazon Connect test
//! cases on the deployed line.
//!
//! Amazon Connect runs "test cases" written in its Testing language against a published flow:
//! observations of what the system says ("MessageReceived"), the caller's key presses
//! ("SendInstruction" with "DtmfInput") and overrides of a Lambda's answer
//! ("OverrideSystemBehavior"), see
//! <https://docs.aws.amazon.com/connect/latest/APIReference/testing-language.html>.
//!
//! This module owns which scenarios can run on a live line ([`SCENARIOS`]) and how each
//! becomes a test case. [`cases`] builds them from the simulator's transcript of the same
//! scenario (the expected prompts are the text `connect-vanity call` prints, never re-derived);
//! `render` writes them to `terraform/test-cases/`; [`language`] checks a document against the
//! Testing language as documented; [`agree`] replays a document's mocked answers through the
//! simulator so a test case the simulator contradicts fails offline; [`outputs`] reads the ids
//! the run needs from `terraform output -json`. Talking to Connect is [`run`] (creates or
//! updates, publishes, starts, polls), only in the `aws` build.

pub mod agree;
pub mod cases;
#[cfg(feature = "aws")]
pub mod command;
pub mod language;
pub mod outputs;
#[cfg(feature = "aws")]
pub mod run;

/// The caller every scenario calls from: the number the golden call transcripts use.
pub const CALLER: &str = "+18003569377";

/// Where `render` writes the test cases, inside the output directory.
pub const DIR: &str = "test-cases";

/// Who answers the flow's InvokeLambdaFunction blocks during the live test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LambdaUse {
    /// The deployed call-handler: proves the permission, the ARN, the engine and DynamoDB.
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
}

/// Every live scenario, in the order the command runs and prints them. The connect-fails-at-*,
/// dynamodb-down and lambda-off-contract scenarios have no live form: the Testing language can
/// override Lambda, hours, queue and Lex blocks only
/// (<https://docs.aws.amazon.com/connect/latest/APIReference/testing-language-actions-override-system-behavior.html>),
/// not a prompt or an attribute update, and DynamoDB is inside the Lambda.
pub const SCENARIOS: [LiveScenario; 8] = [
    LiveScenario {
        name: "real-lambda",
        file: "test-cases/real-lambda.json",
        what: "keeps the first result, answered by the deployed call-handler",
        presses: "1",
        lambda: LambdaUse::Real,
        withheld: false,
    },
    LiveScenario {
        name: "choose-1",
        file: "test-cases/choose-1.json",
        what: "hears the results and keeps the first",
        presses: "1",
        lambda: LambdaUse::Mocked,
        withheld: false,
    },
    LiveScenario {
        name: "more-then-choose-4",
        file: "test-cases/more-then-choose-4.json",
        what: "asks for more, then keeps the fourth",
        presses: "#4",
        lambda: LambdaUse::Mocked,
        withheld: false,
    },
    LiveScenario {
        name: "again-then-choose-2",
        file: "test-cases/again-then-choose-2.json",
        what: "hears the results again, then keeps the second",
        presses: "*2",
        lambda: LambdaUse::Mocked,
        withheld: false,
    },
    LiveScenario {
        name: "invalid-key",
        file: "test-cases/invalid-key.json",
        what: "presses a key that is not a choice, then stays silent",
        presses: "9",
        lambda: LambdaUse::Mocked,
        withheld: false,
    },
    LiveScenario {
        name: "silence",
        file: "test-cases/silence.json",
        what: "presses nothing at the menu",
        presses: "",
        lambda: LambdaUse::Mocked,
        withheld: false,
    },
    LiveScenario {
        name: "no-caller-id",
        file: "test-cases/no-caller-id.json",
        what: "calls with the number withheld (the Lambda's answer is mocked)",
        presses: "",
        lambda: LambdaUse::Mocked,
        withheld: true,
    },
    LiveScenario {
        name: "lambda-failure",
        file: "test-cases/lambda-failure.json",
        what: "the call-handler fails (mocked error)",
        presses: "",
        lambda: LambdaUse::Fails,
        withheld: false,
    },
];

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
        for scenario in SCENARIOS {
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
}
