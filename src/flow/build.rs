//! Builds the vanity-number contact flow from a [`Config`].
//!
//! The shape: set flow logging as `connect.flow_logs.enabled` says, set the voice, greet, call
//! the Lambda, tell a returning caller what `returning_callers.recall` allows (nothing, "welcome
//! back", or that and their last choice or best), branch on `status`, say the start the
//! results share (country and area code) once, speak the best N (only the ones that exist:
//! every fan-out compares `count`), then a keypad menu: each result's number keeps it (a second
//! Lambda call stores the choice and answers with the number to confirm), `#` speaks the rest
//! when there are more and otherwise asks for another number, `*` repeats. A caller without
//! results (no match, no caller id, an unreadable number) is asked for another number straight
//! away; that part (two tries, its results, nothing to keep) is `another.rs`. Every number the caller hears is read from `$.External`,
//! the answer of the latest Lambda call, which Connect keeps with no record; the flow sets no
//! contact attributes, so the contact record (kept 24 months) holds none of the results. There
//! is one menu per (results heard, more left) pair, so each menu offers exactly the keys and
//! the count that exist. Every error branch apologises and hangs up. Each action also gets a
//! designer position so the flow opens laid out in the console. Lint and rendering live
//! elsewhere.

use vanity_engine::contract::{self, Invocation, Recall, Remembered, Status, MAX_CHOOSABLE};

use super::actions::{self, ActionKind, Prompt};
use super::model::{ConditionBranch, ErrorType, Flow, Operator, Transitions};
use super::ssml;
use crate::config::Config;

mod another;
mod builder;
pub mod profile;

use builder::{external, Builder};

/// Identifiers of the fixed actions (the per-count ones are made by the functions below).
pub mod ids {
    pub const ENABLE_LOGGING: &str = "enable-logging";
    pub const SET_VOICE: &str = "set-voice";
    pub const GREET: &str = "greet";
    pub const LOOK_UP: &str = "look-up-vanity-numbers";
    pub const CHECK_RETURNING: &str = "check-returning-caller";
    pub const WELCOME_BACK: &str = "welcome-back";
    pub const CHECK_REMEMBERED: &str = "check-last-time";
    pub const SAY_LAST_CHOICE: &str = "say-last-choice";
    pub const SAY_LAST_BEST: &str = "say-last-best";
    pub const CHECK_STATUS: &str = "check-status";
    pub const SAY_NO_MATCHES: &str = "say-no-matches";
    pub const SAY_NO_CALLER_ID: &str = "say-no-caller-id";
    pub const SAY_INVALID_NUMBER: &str = "say-invalid-number";
    pub const HOW_MANY_RESULTS: &str = "how-many-results";
    pub const CHECK_SHARED_START: &str = "check-shared-start";
    pub const SAY_INTRO: &str = "say-intro";
    pub const SAY_INTRO_AND_SHARED_START: &str = "say-intro-and-shared-start";
    pub const ANY_MORE: &str = "how-many-more";
    pub const CHECK_CHOICE_KEPT: &str = "check-choice-kept";
    pub const SAY_CHOSEN: &str = "say-chosen";
    pub const SAY_CHOICE_NOT_KEPT: &str = "say-choice-not-kept";
    pub const SAY_GOODBYE: &str = "say-goodbye";
    pub const APOLOGISE: &str = "apologise";
    pub const HANG_UP: &str = "hang-up";

    /// Speaks results first..=last.
    pub fn say_results(first: usize, last: usize) -> String {
        if first == last {
            format!("say-result-{first}")
        } else {
            format!("say-results-{first}-to-{last}")
        }
    }

    /// The menu after hearing results 1..=heard, with `more` results still to offer.
    pub fn menu(heard: usize, more: usize) -> String {
        match more {
            0 => format!("menu-keys-1-to-{heard}"),
            _ => format!("menu-keys-1-to-{heard}-or-{more}-more"),
        }
    }

    /// The same menu once more, after a key it does not offer.
    pub fn menu_again(heard: usize, more: usize) -> String {
        format!("{}-again", menu(heard, more))
    }

    /// "Not one of the choices", then back to the menu.
    pub fn say_invalid_key(heard: usize, more: usize) -> String {
        format!("say-invalid-key-{}", menu(heard, more))
    }

    /// Asks the call-handler to keep result `rank`, the key the caller pressed.
    pub fn save_choice(rank: usize) -> String {
        format!("save-choice-{rank}")
    }

    /// Where every way into the another-number part leads: flow logging off (the keyed
    /// number is captured and handed to the Lambda there), then the first ask.
    pub const ANOTHER_NUMBER: &str = "stop-logging-another-number";

    /// Asks the caller to key in another number, try `attempt` (1 or 2); the rest of that
    /// part's identifiers are in `another.rs`.
    pub fn ask_number(attempt: usize) -> String {
        format!("ask-another-number-{attempt}")
    }
}

/// Keys of the menu besides the results' own numbers (1 to 9). AWS's pages disagree on which
/// keys a menu may listen for. The admin guide's page for the block
/// (https://docs.aws.amazon.com/connect/latest/adminguide/get-customer-input.html): "This
/// block accepts only individual digits (1-9) and the special characters # and *." The Flow
/// language reference for GetParticipantInput, which CreateContactFlow validates against
/// (https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-getparticipantinput.html),
/// allows conditions on 0-9 as well (as the project's notes on the Flow language quote it; its
/// conditions section could not be re-read here). `0` is in the second list only, and 1 to 9
/// each keep a result, so "more" is `#`: a key both pages allow.
pub const KEY_MORE: &str = "#";
pub const KEY_REPEAT: &str = "*";
/// The key that asks for another number. Both pages allow only 1-9, `#` and `*` everywhere,
/// and with `results.store` at 9 every digit keeps a result, so no key is free in a menu that
/// still has more to offer: `#` is "more" there. Once nothing more is left, `#` is free, so
/// the menus with nothing more left (every caller reaches one: "more" leads to it) offer it
/// for another number, and so does the menu after another number's results. A caller with
/// no results at all is asked for a number straight away.
pub const KEY_ANOTHER: &str = "#";

/// The flow for `config`.
pub fn build(config: &Config) -> Flow {
    let mut builder = Builder::default();
    // Config validation keeps store within 1..=MAX_CHOOSABLE; clamp so any Config still
    // builds a flow whose every result has a key.
    let store = config.results.store.clamp(1, MAX_CHOOSABLE);
    let speak = config.results.speak.clamp(1, store);
    start(&mut builder, config);
    returning_caller(&mut builder, config);
    status(&mut builder, config);
    intro(&mut builder, config, store, speak);
    results_and_menus(&mut builder, config, store, speak);
    choice(&mut builder, config, store);
    another::another_number(&mut builder, config, store);
    endings(&mut builder, config);
    builder.finish(ids::ENABLE_LOGGING)
}

/// Flow logging as `connect.flow_logs.enabled` says, the voice, the greeting, the lookup.
fn start(builder: &mut Builder, config: &Config) {
    let apologise = [(ErrorType::NoMatchingError, ids::APOLOGISE)];
    // Connect writes flow logs only while a flow has logging enabled: "Disabled" keeps the
    // caller's number out of the logs even on an existing instance that has flow logs on
    // (https://docs.aws.amazon.com/connect/latest/adminguide/set-logging-behavior.html).
    let behaviour = if config.flow_logs.enabled {
        "Enabled"
    } else {
        "Disabled"
    };
    builder.add(
        (0, 0),
        ids::ENABLE_LOGGING,
        ActionKind::UpdateFlowLoggingBehavior(actions::Logging {
            flow_logging_behavior: behaviour.into(),
        }),
        Transitions::to(ids::SET_VOICE),
    );
    builder.add(
        (1, 0),
        ids::SET_VOICE,
        ActionKind::UpdateContactTextToSpeechVoice(actions::Voice {
            text_to_speech_voice: config.voice.name.clone(),
            text_to_speech_engine: Some(config.voice.engine.as_flow().to_string()),
            text_to_speech_style: Some("None".into()),
        }),
        Transitions::with_errors(ids::GREET, &apologise),
    );
    builder.say((2, 0), ids::GREET, &config.wording.greeting, ids::LOOK_UP);
    let after_lookup = match config.recall {
        Recall::Nothing => ids::CHECK_STATUS,
        Recall::Welcome | Recall::LastCall => ids::CHECK_RETURNING,
    };
    // What the caller's profile lets the flow say, when the owner turned it on.
    let after_lookup = profile::after_lookup(builder, config, after_lookup);
    builder.invoke(
        (3, 0),
        ids::LOOK_UP,
        config,
        None,
        &[],
        Transitions::with_errors(after_lookup, &apologise),
    );
}

/// What a returning caller hears, as far as `returning_callers.recall` allows: nothing,
/// "welcome back", or that and the number their last call left.
fn returning_caller(builder: &mut Builder, config: &Config) {
    let wording = &config.wording;
    let after_welcome = match config.recall {
        Recall::Nothing => return,
        Recall::Welcome => ids::CHECK_STATUS,
        Recall::LastCall => ids::CHECK_REMEMBERED,
    };
    builder.if_true(
        (4, 0),
        ids::CHECK_RETURNING,
        &external(contract::RETURNING),
        ids::WELCOME_BACK,
        ids::CHECK_STATUS,
    );
    builder.say(
        (4, 1),
        ids::WELCOME_BACK,
        &wording.welcome_back,
        after_welcome,
    );
    if config.recall != Recall::LastCall {
        return;
    }
    builder.compare(
        (4, 2),
        ids::CHECK_REMEMBERED,
        &external(contract::REMEMBERED),
        vec![
            ConditionBranch::new(
                Operator::Equals,
                Remembered::Choice.as_str(),
                ids::SAY_LAST_CHOICE,
            ),
            ConditionBranch::new(
                Operator::Equals,
                Remembered::Best.as_str(),
                ids::SAY_LAST_BEST,
            ),
        ],
        ids::CHECK_STATUS,
    );
    let last_spoken = external(contract::LAST_SPOKEN);
    for (row, id, template) in [
        (3, ids::SAY_LAST_CHOICE, &wording.last_choice),
        (4, ids::SAY_LAST_BEST, &wording.last_best),
    ] {
        let said = template.fill(ssml::escape, &[("vanity", &last_spoken)]);
        builder.say_ssml((5, row), id, ssml::speak(&said), ids::CHECK_STATUS);
    }
}

/// The branch on the lookup's `status`, and what each outcome without results says.
fn status(builder: &mut Builder, config: &Config) {
    let wording = &config.wording;
    let status_branches = [
        (Status::Ok, ids::CHECK_SHARED_START),
        (Status::NoMatches, ids::SAY_NO_MATCHES),
        (Status::NoCallerId, ids::SAY_NO_CALLER_ID),
        (Status::InvalidNumber, ids::SAY_INVALID_NUMBER),
    ];
    builder.compare(
        (5, 0),
        ids::CHECK_STATUS,
        &external(contract::STATUS),
        status_branches
            .iter()
            .map(|(status, next)| ConditionBranch::new(Operator::Equals, status.as_str(), next))
            .collect(),
        ids::APOLOGISE,
    );
    for (row, id, text) in [
        (1, ids::SAY_NO_MATCHES, &wording.no_matches),
        (2, ids::SAY_NO_CALLER_ID, &wording.no_caller_id),
        (3, ids::SAY_INVALID_NUMBER, &wording.invalid_number),
    ] {
        // No results: the caller may key in another number instead.
        builder.say((6, row), id, text, ids::ANOTHER_NUMBER);
    }
}

/// The intro, with the start every result shares when the Lambda says there is one (the
/// results then leave it out), then straight to the best `speak` results, or fewer when fewer
/// exist: one branch per possible count.
fn intro(builder: &mut Builder, config: &Config, store: usize, speak: usize) {
    let wording = &config.wording;
    builder.if_true(
        (6, 0),
        ids::CHECK_SHARED_START,
        &external(contract::PREFIX_SHARED),
        ids::SAY_INTRO_AND_SHARED_START,
        ids::SAY_INTRO,
    );
    builder.say(
        (7, 0),
        ids::SAY_INTRO,
        &wording.intro,
        ids::HOW_MANY_RESULTS,
    );
    let shared_start = wording.shared_start.fill(
        ssml::escape,
        &[("start", &external(contract::PREFIX_SPOKEN))],
    );
    builder.say_ssml(
        (7, 1),
        ids::SAY_INTRO_AND_SHARED_START,
        ssml::speak(&format!(
            "{} {}",
            ssml::escape(&wording.intro),
            shared_start
        )),
        ids::HOW_MANY_RESULTS,
    );
    builder.on_count(
        (8, 0),
        ids::HOW_MANY_RESULTS,
        store,
        |count| ids::say_results(1, count.min(speak)),
        ids::APOLOGISE,
    );
}

/// Every run of results spoken, and the menu that follows it. `menus` collects each
/// (heard, more) pair once, in the order first needed.
fn results_and_menus(builder: &mut Builder, config: &Config, store: usize, speak: usize) {
    let extra_max = store - speak;
    let mut menus: Vec<(usize, usize)> = Vec::new();
    let mut row = 0;
    for heard in 1..=speak {
        let after = if heard == speak && extra_max > 0 {
            ids::ANY_MORE.to_string()
        } else {
            ids::menu(heard, 0)
        };
        builder.say_results((10, row), 1, heard, config, &after);
        menus.push((heard, 0));
        row += 1;
    }
    if extra_max > 0 {
        // Only the full set can have more after it; the menu says how many.
        let mut more_branches: Vec<ConditionBranch> = (1..extra_max)
            .map(|extra| {
                ConditionBranch::new(
                    Operator::Equals,
                    &(speak + extra).to_string(),
                    &ids::menu(speak, extra),
                )
            })
            .collect();
        more_branches.push(ConditionBranch::new(
            Operator::NumberGreaterOrEqualTo,
            &store.to_string(),
            &ids::menu(speak, extra_max),
        ));
        builder.compare(
            (11, 0),
            ids::ANY_MORE,
            &external(contract::COUNT),
            more_branches,
            &ids::menu(speak, 0),
        );
        for extra in 1..=extra_max {
            menus.push((speak, extra));
            let heard = speak + extra;
            // The rest, after "more"; then everything, when repeated after that.
            builder.say_results((10, row), speak + 1, heard, config, &ids::menu(heard, 0));
            builder.say_results((10, row + 1), 1, heard, config, &ids::menu(heard, 0));
            menus.push((heard, 0));
            row += 2;
        }
    }
    for (index, (heard, more)) in menus.into_iter().enumerate() {
        builder.menu((12, index as i64), heard, more, config);
    }
}

/// One Lambda call per key that keeps a result (the rank is written into the call, so no
/// contact attribute carries it), then the confirmation with the number the handler kept.
fn choice(builder: &mut Builder, config: &Config, store: usize) {
    let choice_not_kept = [(ErrorType::NoMatchingError, ids::SAY_CHOICE_NOT_KEPT)];
    let passed_back = profile::choice_attributes(config);
    for rank in 1..=store {
        builder.invoke(
            (15, rank as i64 - 1),
            &ids::save_choice(rank),
            config,
            Some((Invocation::Choose, rank.to_string())),
            &passed_back,
            Transitions::with_errors(ids::CHECK_CHOICE_KEPT, &choice_not_kept),
        );
    }
    builder.if_true(
        (17, 0),
        ids::CHECK_CHOICE_KEPT,
        &external(contract::CHOSEN),
        ids::SAY_CHOSEN,
        ids::SAY_CHOICE_NOT_KEPT,
    );
    let wording = &config.wording;
    let mut chosen = wording.chosen.fill(
        ssml::escape,
        &[("vanity", &external(contract::CHOSEN_SPOKEN))],
    );
    // The promise to remind is kept only where a later call hears the choice again.
    if config.recall == Recall::LastCall {
        chosen = format!("{chosen} {}", ssml::escape(&wording.chosen_reminder));
    }
    builder.say_ssml(
        (18, 0),
        ids::SAY_CHOSEN,
        ssml::speak(&chosen),
        ids::SAY_GOODBYE,
    );
    builder.say(
        (18, 1),
        ids::SAY_CHOICE_NOT_KEPT,
        &wording.choice_not_kept,
        ids::SAY_GOODBYE,
    );
}

/// Goodbye, the apology every error branch leads to, and the hang-up.
fn endings(builder: &mut Builder, config: &Config) {
    builder.say(
        (19, 0),
        ids::SAY_GOODBYE,
        &config.wording.goodbye,
        ids::HANG_UP,
    );
    builder.add(
        (19, 2),
        ids::APOLOGISE,
        ActionKind::MessageParticipant(Prompt::ssml(ssml::speak(&ssml::escape(
            &config.wording.error,
        )))),
        // Nothing left to try if even the apology fails: hang up.
        Transitions::with_errors(ids::HANG_UP, &[(ErrorType::NoMatchingError, ids::HANG_UP)]),
    );
    builder.add(
        (20, 0),
        ids::HANG_UP,
        ActionKind::DisconnectParticipant(actions::NoParameters {}),
        Transitions::default(),
    );
}
