//! The part of the call where the caller keys in another number and hears its vanity numbers.
//!
//! Reached from the end of the status branch (no results, or no caller id: the caller is asked
//! straight away) and from every menu with nothing more to offer (`#`, [`super::KEY_ANOTHER`]).
//! Every way in leads to [`main_ids::ANOTHER_NUMBER`], which turns flow logging off (below),
//! then the first ask. Two tries: each asks with Amazon Connect's Store customer input block,
//! hands the digits to the call-handler ([`Invocation::AnotherNumber`], stateless) and
//! branches on its status. A try that yields no results (nothing keyed, too few or too many
//! digits, a number the engine refuses, a number that spells nothing) says why and, the first
//! time, asks once more; the second time, it says why and goodbye. Never the generic error
//! branch: a failing Lambda or prompt of this part apologises with its own wording
//! (`another_error`, about "that number", not the caller's own). The results are heard, then a
//! menu offers them again (`*`) or another number (`#`); there is nothing to keep, so no
//! choice follows.
//!
//! Privacy: of Lambda functions in a flow, Connect's flow logs "show the entry and exit of the
//! flow going to them, and include any information about the interaction that is sent or
//! received during entry or exit"
//! (https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-log-data.html), so with
//! `connect.flow_logs.enabled` the keyed number (anyone's number) and its results would be in
//! CloudWatch. The same page: "You can set the properties of the block to disable logging
//! during the parts of your flow that interact with or capture sensitive data or customers'
//! personal information" (the Set logging behavior block,
//! https://docs.aws.amazon.com/connect/latest/adminguide/set-logging-behavior.html), and the
//! Flow language's UpdateFlowLoggingBehavior: "this same behavior remains unless it is
//! overridden for the rest of the contact segment"
//! (https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-updateflowloggingbehavior.html).
//! So `stop-logging-another-number` ("Disabled") comes before the first ask, whatever
//! `flow_logs.enabled` says. Nothing in this part turns it on again and every path out of it
//! ends the call (goodbye, apology or hang-up), so logging stays off for the rest of the call;
//! the lint checks that no path reaches a Store customer input block or a read of
//! `$.StoredCustomerInput` with logging on (`flow::logging_check`).
//!
//! The block, as the Flow language reference describes GetParticipantInput
//! (https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-getparticipantinput.html):
//! - "If the "StoreInput" option is "True", there is no run result and conditions are not
//!   supported": the digits are read back as `$.StoredCustomerInput` (the system attribute
//!   the admin guide's Store customer input page names, and the JSONPath AWS's own sample
//!   passes to a Lambda, amazon-connect-snippets BankIDAuth contact-flow.json), here as the
//!   `number` parameter of the InvokeLambdaFunction, whose attributes "may be defined
//!   statically or dynamically". The admin guide's attribute list says of Stored customer
//!   input that it "is not accessible in Lambda input" (the event's own contact data does not
//!   carry it) and, in the same row, "You can also pass this attribute as a Lambda input
//!   parameter in an Invoke AWS Lambda function block"
//!   (https://docs.aws.amazon.com/connect/latest/adminguide/connect-attrib-list.html), which
//!   is what this does (docs/aws-contracts.md F31).
//! - `InputValidation` is "required if and only if StoreInput is True". `PhoneNumberValidation`
//!   wants one country for local numbers or "a fully defined e.164 phone number" (a `+`, which
//!   no keypad sends), so `CustomValidation` is used and the call-handler judges the digits.
//!   Its "MaximumLength" is [`MAX_ENTRY_DIGITS`] (20), above E.164's 15 and the 18 of `011`
//!   and fifteen digits: the admin guide's Store customer input page says only "Maximum
//!   Digits: Define the maximum number of digits that a customer can enter", and no page says
//!   what becomes of a `#` pressed after the maximum (absorbed, or heard by the next block),
//!   nor whether more digits end the entry or fail its validation (`MaximumLength` is under
//!   `InputValidation`), which takes `NoMatchingError`. With room to spare, a caller's `#`
//!   after fifteen digits still ends the entry inside this block; the call-handler refuses
//!   more than fifteen with `TOO_LONG` (its own reason, and a try); and the error branch's
//!   words (`number_not_heard`, "We didn't get a number.") are true of an entry too long as of
//!   silence.
//! - `DTMFConfiguration`: "InputTerminationSequence": "Up to five digits to serve as the
//!   terminating sequence", here `#`. "DisableCancelKey": "If "True", the "*" key doesn't
//!   cancel gathering DTMF digits": set. The cancel key is documented, but not consistently:
//!   the admin guide's Store customer input page says "By default, when a customer enters *
//!   as input, it deletes all of the DTMF input that came before it", while the same page
//!   also says "When Disable cancel key is not selected, only the * is sent" (to the Lambda),
//!   and the Flow language page says `*` cancels gathering. With `DisableCancelKey` "True"
//!   neither reading applies: a `*` is stored like any key, and the call-handler refuses it
//!   like any other non-digit, with a reason and a try.
//! - Errors: "NoMatchingError - if no other Error matches. Must always be defined."
//!   `InvalidPhoneNumber` applies only with `PhoneNumberValidation`, so it is not written.
//!
//! Time to start keying: the admin guide's page gives the block a "Timeout before first
//! entry", "For example, you might enter 20 seconds, to give the customer time to get their
//! credit card", and "After the contact starts entering digits, Amazon Connect waits 5
//! seconds for each digit, by default. You cannot change this default setting." So the ask
//! waits `menu.number_timeout_seconds` (15 by default, time to find a number), not the menu's
//! few seconds for one key; and an entry without `#` ends 5 seconds after its last digit.
//! Later copies of the Flow language page list `DTMFConfiguration.InterdigitTimeLimitSeconds`
//! (1 to 20 s), which the admin guide's sentence rules out; the field is left out, so the
//! service's default holds under either page (docs/aws-contracts.md F33).
//!
//! The pages disagree on silence. The reference: InputTimeLimitSeconds is "The number of seconds
//! to wait for input to be collected before proceeding with a timeout error", and a stored
//! input has no timeout error of its own, so it would take NoMatchingError. The admin guide
//! (https://docs.aws.amazon.com/connect/latest/adminguide/store-customer-input.html): "When a
//! call includes no customer input, the contact takes the Success branch. The Stored customer
//! input system attribute holds a value of `Timeout`." Both are handled: the error branch says
//! "we didn't get a number" and tries again, and the call-handler answers `Timeout` (or
//! nothing) with NO_INPUT, which says the same. The simulator follows the admin guide.

use vanity_engine::contract::{self, Invocation, Status};

use super::builder::{another_offer, external, input_seconds, results_ssml, Builder};
use super::{ids as main_ids, KEY_ANOTHER, KEY_REPEAT};
use crate::config::Config;
use crate::connect::MAX_INPUT_SECONDS;
use crate::flow::actions::{self, ActionKind, Prompt};
use crate::flow::model::{ConditionBranch, ErrorType, Operator, Transitions};
use crate::flow::ssml;

/// Tries the caller gets: the first failure says why and asks again, the second says goodbye.
pub const ATTEMPTS: usize = 2;
/// The most digits the block keeps (`MaximumLength`): more than E.164's 15 (and than `011`
/// and 15), so a `#` after the fifteenth digit ends the entry inside the block. The
/// call-handler judges the length: ten is a NANP number without its country code, more than
/// fifteen (after an access prefix) is too long.
pub const MAX_ENTRY_DIGITS: usize = 20;
/// The key that ends the number. Also [`KEY_ANOTHER`]: the key that asked for it.
pub const TERMINATOR: &str = "#";
/// Where Connect leaves the digits of a Store customer input block.
pub const STORED_INPUT: &str = "$.StoredCustomerInput";

/// Identifiers of this part (the first ask is [`main_ids::ask_number`]).
pub mod ids {
    pub const CHECK_SHARED_START: &str = "check-another-shared-start";
    pub const SAY_INTRO: &str = "say-another-intro";
    pub const SAY_INTRO_AND_SHARED_START: &str = "say-another-intro-and-shared-start";
    pub const HOW_MANY: &str = "how-many-another-results";
    pub const MENU: &str = "another-menu";
    pub const MENU_AGAIN: &str = "another-menu-again";
    pub const SAY_INVALID_KEY: &str = "say-invalid-key-another-menu";
    /// This part's apology (`another_error`), for a failing Lambda or prompt.
    pub const APOLOGISE: &str = "say-another-error";

    pub fn look_up(attempt: usize) -> String {
        format!("look-up-another-number-{attempt}")
    }

    pub fn check(attempt: usize) -> String {
        format!("check-another-number-{attempt}")
    }

    /// Why try `attempt` found nothing: `why` is one of [`super::REASONS`]' names.
    pub fn say_reason(why: &str, attempt: usize) -> String {
        format!("say-another-{why}-{attempt}")
    }

    /// Speaks another number's results 1..=count.
    pub fn say_results(count: usize) -> String {
        match count {
            1 => "say-another-result-1".to_string(),
            _ => format!("say-another-results-1-to-{count}"),
        }
    }
}

/// Each status of a try without results, its name in identifiers, and its wording.
const REASONS: [(Status, &str); 5] = [
    (Status::NoInput, "not-heard"),
    (Status::TooShort, "too-short"),
    (Status::TooLong, "too-long"),
    (Status::InvalidNumber, "not-readable"),
    (Status::NoMatches, "no-matches"),
];

/// The whole part: both tries, the reasons, the results and their menu.
pub(super) fn another_number(builder: &mut Builder, config: &Config, store: usize) {
    stop_logging_and_apology(builder, config);
    for attempt in 1..=ATTEMPTS {
        ask_and_look_up(builder, config, attempt);
        reasons(builder, config, attempt);
    }
    results(builder, config, store);
    menu(builder, config);
}

/// The way in (logging off, then the first ask) and this part's own apology.
fn stop_logging_and_apology(builder: &mut Builder, config: &Config) {
    builder.add(
        (20, 4),
        main_ids::ANOTHER_NUMBER,
        ActionKind::UpdateFlowLoggingBehavior(actions::Logging {
            flow_logging_behavior: "Disabled".into(),
        }),
        Transitions::to(&main_ids::ask_number(1)),
    );
    builder.add(
        (30, 2),
        ids::APOLOGISE,
        ActionKind::MessageParticipant(Prompt::ssml(ssml::speak(&ssml::escape(
            &config.wording.another_error,
        )))),
        // Nothing left to try if even the apology fails: hang up.
        Transitions::with_errors(
            main_ids::HANG_UP,
            &[(ErrorType::NoMatchingError, main_ids::HANG_UP)],
        ),
    );
}

/// A prompt of this part: its failure apologises with `another_error`.
fn say_ssml(builder: &mut Builder, cell: (i64, i64), id: &str, ssml: String, next: &str) {
    builder.say_ssml_or(cell, id, ssml, next, ids::APOLOGISE);
}

/// [`say_ssml`] of plain text.
fn say(builder: &mut Builder, cell: (i64, i64), id: &str, text: &str, next: &str) {
    say_ssml(builder, cell, id, ssml::speak(&ssml::escape(text)), next);
}

/// Seconds the ask waits for the first digit (`menu.number_timeout_seconds`, within
/// Connect's limit).
fn first_digit_seconds(config: &Config) -> String {
    config
        .menu
        .number_timeout_seconds
        .clamp(1, MAX_INPUT_SECONDS)
        .to_string()
}

/// Try `attempt`: the Store customer input block, the call-handler, the branch on its status.
fn ask_and_look_up(builder: &mut Builder, config: &Config, attempt: usize) {
    let row = (attempt as i64 - 1) * 5;
    let not_heard = ids::say_reason(REASONS[0].1, attempt);
    let pound = ssml::escape(&config.wording.pound_key);
    let prompt = config
        .wording
        .ask_number
        .fill(ssml::escape, &[("key", &pound)]);
    let input = ActionKind::GetParticipantInput(actions::Input {
        text: None,
        ssml: Some(ssml::speak(&prompt)),
        store_input: "True".into(),
        input_time_limit_seconds: first_digit_seconds(config),
        input_validation: Some(actions::InputValidation {
            phone_number_validation: None,
            custom_validation: Some(actions::CustomValidation {
                maximum_length: MAX_ENTRY_DIGITS.to_string(),
            }),
        }),
        dtmf_configuration: Some(actions::DtmfConfiguration {
            input_termination_sequence: Some(TERMINATOR.into()),
            disable_cancel_key: Some("True".into()),
            interdigit_time_limit_seconds: None,
        }),
    });
    // The reference's reading of silence: the error branch, which says so and tries again.
    builder.add(
        (21, row),
        &main_ids::ask_number(attempt),
        input,
        Transitions::with_errors(
            &ids::look_up(attempt),
            &[(ErrorType::NoMatchingError, not_heard.as_str())],
        ),
    );
    builder.invoke(
        (22, row),
        &ids::look_up(attempt),
        config,
        Some((Invocation::AnotherNumber, STORED_INPUT.to_string())),
        &[],
        Transitions::with_errors(
            &ids::check(attempt),
            &[(ErrorType::NoMatchingError, ids::APOLOGISE)],
        ),
    );
    let mut branches = vec![ConditionBranch::new(
        Operator::Equals,
        Status::Ok.as_str(),
        ids::CHECK_SHARED_START,
    )];
    branches.extend(REASONS.iter().map(|(status, why)| {
        ConditionBranch::new(
            Operator::Equals,
            status.as_str(),
            &ids::say_reason(why, attempt),
        )
    }));
    builder.compare(
        (23, row),
        &ids::check(attempt),
        &external(contract::STATUS),
        branches,
        ids::APOLOGISE,
    );
}

/// What each failed try says: the reason, then once more (first try) or goodbye (last).
fn reasons(builder: &mut Builder, config: &Config, attempt: usize) {
    let wording = &config.wording;
    let last = attempt == ATTEMPTS;
    let next = if last {
        main_ids::SAY_GOODBYE.to_string()
    } else {
        main_ids::ask_number(attempt + 1)
    };
    for (index, (status, why)) in REASONS.iter().enumerate() {
        let reason = match status {
            Status::NoInput => &wording.number_not_heard,
            Status::TooShort => &wording.number_too_short,
            Status::TooLong => &wording.number_too_long,
            Status::InvalidNumber => &wording.number_not_readable,
            _ => &wording.number_no_matches,
        };
        let mut said = ssml::escape(reason);
        if !last {
            said = format!("{said} {}", ssml::escape(&wording.try_again));
        }
        let cell = (24, (attempt as i64 - 1) * 5 + index as i64);
        say_ssml(
            builder,
            cell,
            &ids::say_reason(why, attempt),
            ssml::speak(&said),
            &next,
        );
    }
}

/// The intro (with the shared start when there is one) and one run of results per count.
/// Every result the call-handler returns is spoken: none can be kept, so there is no menu of
/// keys to keep short.
fn results(builder: &mut Builder, config: &Config, store: usize) {
    let wording = &config.wording;
    builder.if_true(
        (25, 0),
        ids::CHECK_SHARED_START,
        &external(contract::PREFIX_SHARED),
        ids::SAY_INTRO_AND_SHARED_START,
        ids::SAY_INTRO,
    );
    say(
        builder,
        (26, 0),
        ids::SAY_INTRO,
        &wording.another_intro,
        ids::HOW_MANY,
    );
    let shared_start = wording.shared_start.fill(
        ssml::escape,
        &[("start", &external(contract::PREFIX_SPOKEN))],
    );
    let intro = format!("{} {shared_start}", ssml::escape(&wording.another_intro));
    say_ssml(
        builder,
        (26, 1),
        ids::SAY_INTRO_AND_SHARED_START,
        ssml::speak(&intro),
        ids::HOW_MANY,
    );
    builder.on_count(
        (27, 0),
        ids::HOW_MANY,
        store,
        ids::say_results,
        ids::APOLOGISE,
    );
    for count in 1..=store {
        let ssml = results_ssml(1, count, config);
        say_ssml(
            builder,
            (28, count as i64 - 1),
            &ids::say_results(count),
            ssml,
            ids::MENU,
        );
    }
}

/// After another number's results: `*` hears them again (`$.External` still holds that
/// answer), `#` another number; a wrong key once says so and asks again, silence or a second
/// wrong key says goodbye.
fn menu(builder: &mut Builder, config: &Config) {
    let wording = &config.wording;
    let star = ssml::escape(&wording.star_key);
    let words = format!(
        "{} {}",
        wording.repeat.fill(ssml::escape, &[("key", &star)]),
        another_offer(config)
    );
    let kind = ActionKind::GetParticipantInput(actions::Input {
        text: None,
        ssml: Some(ssml::speak(&words)),
        store_input: "False".into(),
        input_time_limit_seconds: input_seconds(config),
        input_validation: None,
        dtmf_configuration: None,
    });
    let conditions = vec![
        ConditionBranch::new(Operator::Equals, KEY_REPEAT, ids::HOW_MANY),
        ConditionBranch::new(Operator::Equals, KEY_ANOTHER, main_ids::ANOTHER_NUMBER),
    ];
    for (id, cell, on_invalid) in [
        (ids::MENU, (29, 0), ids::SAY_INVALID_KEY),
        (ids::MENU_AGAIN, (31, 0), main_ids::SAY_GOODBYE),
    ] {
        let mut transitions = Transitions::with_errors(
            main_ids::SAY_GOODBYE,
            &[
                (ErrorType::InputTimeLimitExceeded, main_ids::SAY_GOODBYE),
                (ErrorType::NoMatchingCondition, on_invalid),
                (ErrorType::NoMatchingError, ids::APOLOGISE),
            ],
        );
        transitions.conditions = conditions.clone();
        builder.add(cell, id, kind.clone(), transitions);
    }
    say(
        builder,
        (30, 0),
        ids::SAY_INVALID_KEY,
        &wording.invalid_key,
        ids::MENU_AGAIN,
    );
}
