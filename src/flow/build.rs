//! Builds the vanity-number contact flow from a [`Config`].
//!
//! The shape: enable logging, set the voice, greet, call the Lambda, welcome back a returning
//! caller and remind them of their last choice (or best), branch on `status`, say the start
//! the results share (country and area code) once, keep the results as contact attributes,
//! speak the best N (only the ones that exist: every fan-out compares
//! `count`), then a keypad menu: each result's number keeps it (a second Lambda call stores the
//! choice, then the caller hears it confirmed), `0` speaks the rest when there are more, `*`
//! repeats. There is one menu per (results heard, more left) pair, so each menu offers exactly
//! the keys and the count that exist. Every error branch apologises and hangs up. Each action
//! also gets a designer position so the flow opens laid out in the console. Lint and rendering
//! live elsewhere.

use std::collections::BTreeMap;

use vanity_engine::contract::{self, Invocation, Remembered, Status, MAX_CHOOSABLE};

use super::actions::{self, ActionKind, Prompt};
use super::model::{ConditionBranch, ErrorType, Flow, Operator, Transitions};
use super::ssml;
use crate::config::Config;

mod builder;

use builder::{attribute, external, Builder};

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
    pub const SAVE_CHOICE: &str = "save-choice";
    pub const CHECK_CHOICE_KEPT: &str = "check-choice-kept";
    pub const SAY_CHOSEN: &str = "say-chosen";
    pub const SAY_CHOICE_NOT_KEPT: &str = "say-choice-not-kept";
    pub const SAY_GOODBYE: &str = "say-goodbye";
    pub const APOLOGISE: &str = "apologise";
    pub const HANG_UP: &str = "hang-up";

    /// Keeps results 1..=count as contact attributes.
    pub fn keep_results(count: usize) -> String {
        match count {
            1 => "keep-1-result".to_string(),
            _ => format!("keep-{count}-results"),
        }
    }

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

    /// Notes that the caller pressed `rank` (contact attributes), before saving it.
    pub fn note_choice(rank: usize) -> String {
        format!("note-choice-{rank}")
    }
}

/// Keys of the menu besides the results' own numbers (1 to 9).
pub const KEY_MORE: &str = "0";
pub const KEY_REPEAT: &str = "*";

/// Contact attributes the choice path sets: the rank pressed (passed to the Lambda), and the
/// chosen number's display and speakable forms (the contact record and the confirmation).
pub const ATTRIBUTE_CHOICE: &str = "choice";
pub const ATTRIBUTE_CHOSEN_VANITY: &str = "chosen_vanity";
pub const ATTRIBUTE_CHOSEN_SPOKEN: &str = "chosen_spoken";

/// The flow for `config`.
pub fn build(config: &Config) -> Flow {
    let mut builder = Builder::default();
    // Config validation keeps store within 1..=MAX_CHOOSABLE; clamp so any Config still
    // builds a flow whose every result has a key.
    let store = config.results.store.clamp(1, MAX_CHOOSABLE);
    let speak = config.results.speak.clamp(1, store);
    let wording = &config.wording;
    let apologise = [(ErrorType::NoMatchingError, ids::APOLOGISE)];

    builder.add(
        (0, 0),
        ids::ENABLE_LOGGING,
        ActionKind::UpdateFlowLoggingBehavior(actions::Logging {
            flow_logging_behavior: "Enabled".into(),
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
    builder.say((2, 0), ids::GREET, &wording.greeting, ids::LOOK_UP);
    builder.invoke(
        (3, 0),
        ids::LOOK_UP,
        config,
        None,
        Transitions::with_errors(ids::CHECK_RETURNING, &apologise),
    );
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
        ids::CHECK_REMEMBERED,
    );
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
    builder.say(
        (6, 1),
        ids::SAY_NO_MATCHES,
        &wording.no_matches,
        ids::HANG_UP,
    );
    builder.say(
        (6, 2),
        ids::SAY_NO_CALLER_ID,
        &wording.no_caller_id,
        ids::HANG_UP,
    );
    builder.say(
        (6, 3),
        ids::SAY_INVALID_NUMBER,
        &wording.invalid_number,
        ids::HANG_UP,
    );

    // The intro, with the start every result shares when the Lambda says there is one (the
    // results then leave it out), then keep exactly the results that exist: one attribute
    // action per possible count.
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
    builder.compare(
        (8, 0),
        ids::HOW_MANY_RESULTS,
        &external(contract::COUNT),
        (1..=store)
            .map(|count| {
                ConditionBranch::new(
                    Operator::Equals,
                    &count.to_string(),
                    &ids::keep_results(count),
                )
            })
            .collect(),
        ids::APOLOGISE,
    );
    for count in 1..=store {
        let mut kept = BTreeMap::new();
        for key in [contract::STATUS, contract::COUNT, contract::RETURNING] {
            kept.insert(key.to_string(), external(key));
        }
        for rank in 1..=count {
            kept.insert(
                contract::vanity_key(rank),
                external(&contract::vanity_key(rank)),
            );
            kept.insert(
                contract::spoken_key(rank),
                external(&contract::spoken_key(rank)),
            );
            kept.insert(
                contract::rest_key(rank),
                external(&contract::rest_key(rank)),
            );
        }
        builder.set_attributes(
            (9, count as i64 - 1),
            &ids::keep_results(count),
            kept,
            // Straight to the best `speak`, or fewer when fewer exist: the count is known
            // here, so no second Compare on it (whose no-match branch no call could take).
            &ids::say_results(1, count.min(speak)),
        );
    }

    // Every run of results spoken, and the menu that follows it. `menus` collects each
    // (heard, more) pair once, in the order first needed.
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
        let row = index as i64;
        builder.menu((12, row), heard, more, config);
    }

    for rank in 1..=store {
        let noted = BTreeMap::from([
            (ATTRIBUTE_CHOICE.to_string(), rank.to_string()),
            (
                ATTRIBUTE_CHOSEN_VANITY.to_string(),
                attribute(&contract::vanity_key(rank)),
            ),
            (
                ATTRIBUTE_CHOSEN_SPOKEN.to_string(),
                attribute(&contract::spoken_key(rank)),
            ),
        ]);
        builder.set_attributes(
            (15, rank as i64 - 1),
            &ids::note_choice(rank),
            noted,
            ids::SAVE_CHOICE,
        );
    }
    let choice_not_kept = [(ErrorType::NoMatchingError, ids::SAY_CHOICE_NOT_KEPT)];
    builder.invoke(
        (16, 0),
        ids::SAVE_CHOICE,
        config,
        Some((Invocation::Choose, attribute(ATTRIBUTE_CHOICE))),
        Transitions::with_errors(ids::CHECK_CHOICE_KEPT, &choice_not_kept),
    );
    builder.if_true(
        (17, 0),
        ids::CHECK_CHOICE_KEPT,
        &external(contract::CHOSEN),
        ids::SAY_CHOSEN,
        ids::SAY_CHOICE_NOT_KEPT,
    );
    let chosen = wording.chosen.fill(
        ssml::escape,
        &[("vanity", &attribute(ATTRIBUTE_CHOSEN_SPOKEN))],
    );
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

    builder.say((19, 0), ids::SAY_GOODBYE, &wording.goodbye, ids::HANG_UP);
    builder.add(
        (19, 2),
        ids::APOLOGISE,
        ActionKind::MessageParticipant(Prompt::ssml(ssml::speak(&ssml::escape(&wording.error)))),
        // Nothing left to try if even the apology fails: hang up.
        Transitions::with_errors(ids::HANG_UP, &[(ErrorType::NoMatchingError, ids::HANG_UP)]),
    );
    builder.add(
        (20, 0),
        ids::HANG_UP,
        ActionKind::DisconnectParticipant(actions::NoParameters {}),
        Transitions::default(),
    );

    builder.finish(ids::ENABLE_LOGGING)
}
