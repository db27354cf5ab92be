//! The part of the call where the caller keys in another number and hears its vanity numbers.
//!
//! Reached from the end of the status branch (no results, or no caller id: the caller is asked
//! straight away) and from every menu with nothing more to offer (`#`, [`super::KEY_ANOTHER`]).
//! Two tries: each asks with Amazon Connect's Store customer input block, hands the digits to
//! the call-handler ([`Invocation::AnotherNumber`], stateless) and branches on its status. A
//! try that yields no results (nothing keyed, too few digits, a number the engine refuses, a
//! number that spells nothing) says why and, the first time, asks once more; the second time,
//! it says why and goodbye. Never the generic error branch: only a failing Lambda or prompt
//! apologises. The results are heard, then a menu offers them again (`*`) or another number
//! (`#`); there is nothing to keep, so no choice follows.
//!
//! The block, as the Flow language reference describes GetParticipantInput
//! (https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-getparticipantinput.html):
//! - "If the "StoreInput" option is "True", there is no run result and conditions are not
//!   supported": the digits are read back as `$.StoredCustomerInput` (the system attribute
//!   the admin guide's Store customer input page names, and the JSONPath AWS's own sample
//!   passes to a Lambda, amazon-connect-snippets BankIDAuth contact-flow.json), here as the
//!   `number` parameter of the InvokeLambdaFunction, whose attributes "may be defined
//!   statically or dynamically".
//! - `InputValidation` is "required if and only if StoreInput is True". `PhoneNumberValidation`
//!   wants one country for local numbers or "a fully defined e.164 phone number" (a `+`, which
//!   no keypad sends), so `CustomValidation` with "MaximumLength" 15 (E.164's most digits) is
//!   used, and the call-handler judges the digits.
//! - `DTMFConfiguration`: "InputTerminationSequence": "Up to five digits to serve as the
//!   terminating sequence", here `#`. "DisableCancelKey": "If "True", the "*" key doesn't
//!   cancel gathering DTMF digits": set, because what a cancelled gathering does next is on
//!   no page; a `*` is then refused by the call-handler like any other non-digit, with a
//!   reason and a try.
//! - Errors: "NoMatchingError - if no other Error matches. Must always be defined."
//!   `InvalidPhoneNumber` applies only with `PhoneNumberValidation`, so it is not written.
//!
//! The pages disagree on silence. The reference: InputTimeLimitSeconds is "The number of seconds
//! to wait for input to be collected before proceeding with a timeout error", and a stored
//! input has no timeout error of its own, so it would take NoMatchingError. The admin guide
//! (https://docs.aws.amazon.com/connect/latest/adminguide/store-customer-input.html): "When a
//! call includes no customer input, the contact takes the Success branch. The Stored customer
//! input system attribute holds a value of `Timeout`." Both are handled: the error branch says
//! "we didn't hear a number" and tries again, and the call-handler answers `Timeout` (or
//! nothing) with NO_INPUT, which says the same. The simulator follows the admin guide.

use vanity_engine::contract::{self, Invocation, Status};

use super::builder::{another_offer, external, input_seconds, results_ssml, Builder};
use super::{ids as main_ids, KEY_ANOTHER, KEY_REPEAT};
use crate::config::Config;
use crate::flow::actions::{self, ActionKind};
use crate::flow::model::{ConditionBranch, ErrorType, Operator, Transitions};
use crate::flow::ssml;

/// Tries the caller gets: the first failure says why and asks again, the second says goodbye.
pub const ATTEMPTS: usize = 2;
/// E.164: "the maximum length of an international number is 15 digits" (ITU-T E.164), the
/// most the block keeps; the call-handler reads ten as a NANP number without its country code.
pub const MAX_KEYED_DIGITS: usize = 15;
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
const REASONS: [(Status, &str); 4] = [
    (Status::NoInput, "not-heard"),
    (Status::TooShort, "too-short"),
    (Status::InvalidNumber, "not-readable"),
    (Status::NoMatches, "no-matches"),
];

/// The whole part: both tries, the reasons, the results and their menu.
pub(super) fn another_number(builder: &mut Builder, config: &Config, store: usize) {
    for attempt in 1..=ATTEMPTS {
        ask_and_look_up(builder, config, attempt);
        reasons(builder, config, attempt);
    }
    results(builder, config, store);
    menu(builder, config);
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
        input_time_limit_seconds: input_seconds(config),
        input_validation: Some(actions::InputValidation {
            phone_number_validation: None,
            custom_validation: Some(actions::CustomValidation {
                maximum_length: MAX_KEYED_DIGITS.to_string(),
            }),
        }),
        dtmf_configuration: Some(actions::DtmfConfiguration {
            input_termination_sequence: Some(TERMINATOR.into()),
            disable_cancel_key: Some("True".into()),
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
        Transitions::with_errors(
            &ids::check(attempt),
            &[(ErrorType::NoMatchingError, main_ids::APOLOGISE)],
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
        main_ids::APOLOGISE,
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
            Status::InvalidNumber => &wording.number_not_readable,
            _ => &wording.number_no_matches,
        };
        let mut said = ssml::escape(reason);
        if !last {
            said = format!("{said} {}", ssml::escape(&wording.try_again));
        }
        let cell = (24, (attempt as i64 - 1) * 5 + index as i64);
        builder.say_ssml(
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
    builder.say(
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
    builder.say_ssml(
        (26, 1),
        ids::SAY_INTRO_AND_SHARED_START,
        ssml::speak(&intro),
        ids::HOW_MANY,
    );
    builder.compare(
        (27, 0),
        ids::HOW_MANY,
        &external(contract::COUNT),
        (1..=store)
            .map(|count| {
                ConditionBranch::new(
                    Operator::Equals,
                    &count.to_string(),
                    &ids::say_results(count),
                )
            })
            .collect(),
        main_ids::APOLOGISE,
    );
    for count in 1..=store {
        let ssml = results_ssml(1, count, config);
        builder.say_ssml(
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
        ConditionBranch::new(Operator::Equals, KEY_ANOTHER, &main_ids::ask_number(1)),
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
                (ErrorType::NoMatchingError, main_ids::APOLOGISE),
            ],
        );
        transitions.conditions = conditions.clone();
        builder.add(cell, id, kind.clone(), transitions);
    }
    builder.say(
        (30, 0),
        ids::SAY_INVALID_KEY,
        &wording.invalid_key,
        ids::MENU_AGAIN,
    );
}
