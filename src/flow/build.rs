//! Builds the vanity-number contact flow from a [`Config`].
//!
//! The shape: enable logging, set the voice, greet, call the Lambda, welcome back a returning
//! caller, branch on `status`, keep the results as contact attributes, speak the best N (only
//! the ones that exist: every fan-out compares `count`), then offer the rest through a keypad
//! menu. Every error branch apologises and hangs up. Each action also gets a designer position
//! so the flow opens laid out in the console. Lint and rendering live elsewhere.

use std::collections::{BTreeMap, HashMap};

use vanity_engine::contract::{self, Status};

use super::actions::{self, ActionKind, Prompt};
use super::model::{
    Action, ActionMetadata, ConditionBranch, ErrorType, Flow, Metadata, Operator, Position,
    Transitions, VERSION,
};
use super::ssml;
use super::LAMBDA_ARN_PLACEHOLDER;
use crate::config::Config;

/// Identifiers of the fixed actions (the per-count ones are made by the functions below).
pub mod ids {
    pub const ENABLE_LOGGING: &str = "enable-logging";
    pub const SET_VOICE: &str = "set-voice";
    pub const GREET: &str = "greet";
    pub const LOOK_UP: &str = "look-up-vanity-numbers";
    pub const CHECK_RETURNING: &str = "check-returning-caller";
    pub const WELCOME_BACK: &str = "welcome-back";
    pub const CHECK_STATUS: &str = "check-status";
    pub const SAY_NO_MATCHES: &str = "say-no-matches";
    pub const SAY_NO_CALLER_ID: &str = "say-no-caller-id";
    pub const SAY_INVALID_NUMBER: &str = "say-invalid-number";
    pub const HOW_MANY_RESULTS: &str = "how-many-results";
    pub const SAY_INTRO: &str = "say-intro";
    pub const WHICH_BEST: &str = "how-many-to-speak";
    pub const ANY_MORE: &str = "any-more-results";
    pub const MENU: &str = "menu";
    pub const SAY_INVALID_KEY: &str = "say-invalid-key";
    pub const MENU_AGAIN: &str = "menu-again";
    pub const WHICH_MORE: &str = "how-many-more";
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

    /// Speaks results 1..=count.
    pub fn say_best(count: usize) -> String {
        format!("say-best-{count}")
    }

    /// Speaks results speak+1..=speak+extra.
    pub fn say_more(extra: usize) -> String {
        format!("say-{extra}-more")
    }
}

/// Key the caller presses for more results, and to hear the best ones again.
pub const KEY_MORE: &str = "1";
pub const KEY_REPEAT: &str = "2";

/// Pause between two spoken results, and before the first.
const PAUSE_BETWEEN_RESULTS_MS: u32 = 700;
/// Vanity numbers are read a little slower than prose so callers can write them down.
const RESULT_RATE: &str = "90%";

/// Grid spacing of the designer layout, in console pixels.
const COLUMN_WIDTH: i64 = 260;
const ROW_HEIGHT: i64 = 180;
/// Where the designer draws the entry point; the first action sits one column right of it.
const ENTRY_X: i64 = 40;
const ENTRY_Y: i64 = 40;

/// The flow for `config`.
pub fn build(config: &Config) -> Flow {
    let mut builder = Builder::default();
    let speak = config.results.speak.max(1);
    let store = config.results.store.max(speak);
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
    builder.add(
        (3, 0),
        ids::LOOK_UP,
        ActionKind::InvokeLambdaFunction(actions::Lambda {
            lambda_function_arn: LAMBDA_ARN_PLACEHOLDER.into(),
            invocation_time_limit_seconds: config.lambda.timeout_seconds.clamp(1, 8).to_string(),
            invocation_type: Some("SYNCHRONOUS".into()),
            lambda_invocation_attributes: None,
            response_validation: Some(actions::ResponseValidation {
                response_type: "STRING_MAP".into(),
            }),
        }),
        Transitions::with_errors(ids::CHECK_RETURNING, &apologise),
    );
    builder.compare(
        (4, 0),
        ids::CHECK_RETURNING,
        contract::RETURNING,
        vec![ConditionBranch::new(
            Operator::Equals,
            "true",
            ids::WELCOME_BACK,
        )],
        ids::CHECK_STATUS,
    );
    builder.say(
        (4, 1),
        ids::WELCOME_BACK,
        &wording.welcome_back,
        ids::CHECK_STATUS,
    );

    let status_branches = [
        (Status::Ok, ids::HOW_MANY_RESULTS),
        (Status::NoMatches, ids::SAY_NO_MATCHES),
        (Status::NoCallerId, ids::SAY_NO_CALLER_ID),
        (Status::InvalidNumber, ids::SAY_INVALID_NUMBER),
    ];
    builder.compare(
        (5, 0),
        ids::CHECK_STATUS,
        contract::STATUS,
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

    // Keep exactly the results that exist: one attribute action per possible count.
    builder.compare(
        (6, 0),
        ids::HOW_MANY_RESULTS,
        contract::COUNT,
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
        }
        builder.add(
            (7, count as i64 - 1),
            &ids::keep_results(count),
            ActionKind::UpdateContactAttributes(actions::Attributes {
                attributes: kept,
                target_contact: Some("Current".into()),
            }),
            Transitions::with_errors(ids::SAY_INTRO, &apologise),
        );
    }
    builder.say((8, 0), ids::SAY_INTRO, &wording.intro, ids::WHICH_BEST);

    // Speak the best `speak`, or fewer when fewer exist.
    let mut best_branches: Vec<ConditionBranch> = (1..speak)
        .map(|count| {
            ConditionBranch::new(Operator::Equals, &count.to_string(), &ids::say_best(count))
        })
        .collect();
    best_branches.push(ConditionBranch::new(
        Operator::NumberGreaterOrEqualTo,
        &speak.to_string(),
        &ids::say_best(speak),
    ));
    builder.compare(
        (9, 0),
        ids::WHICH_BEST,
        contract::COUNT,
        best_branches,
        ids::APOLOGISE,
    );
    for count in 1..=speak {
        // Only the full set can have more after it.
        let next = if count == speak && store > speak {
            ids::ANY_MORE
        } else {
            ids::SAY_GOODBYE
        };
        builder.say_ssml(
            (10, count as i64 - 1),
            &ids::say_best(count),
            results_ssml(1..=count),
            next,
        );
    }

    if store > speak {
        builder.compare(
            (11, 0),
            ids::ANY_MORE,
            contract::COUNT,
            vec![ConditionBranch::new(
                Operator::NumberGreaterThan,
                &speak.to_string(),
                ids::MENU,
            )],
            ids::SAY_GOODBYE,
        );
        builder.menu((12, 0), ids::MENU, config, ids::SAY_INVALID_KEY);
        builder.say(
            (12, 1),
            ids::SAY_INVALID_KEY,
            &wording.invalid_key,
            ids::MENU_AGAIN,
        );
        // A second wrong key ends the call instead of looping.
        builder.menu((13, 1), ids::MENU_AGAIN, config, ids::SAY_GOODBYE);

        let extra_max = store - speak;
        let mut more_branches: Vec<ConditionBranch> = (1..extra_max)
            .map(|extra| {
                ConditionBranch::new(
                    Operator::Equals,
                    &(speak + extra).to_string(),
                    &ids::say_more(extra),
                )
            })
            .collect();
        more_branches.push(ConditionBranch::new(
            Operator::NumberGreaterOrEqualTo,
            &store.to_string(),
            &ids::say_more(extra_max),
        ));
        builder.compare(
            (13, 0),
            ids::WHICH_MORE,
            contract::COUNT,
            more_branches,
            ids::APOLOGISE,
        );
        for extra in 1..=extra_max {
            let ssml = results_ssml(speak + 1..=speak + extra);
            builder.say_ssml(
                (14, extra as i64 - 1),
                &ids::say_more(extra),
                ssml,
                ids::SAY_GOODBYE,
            );
        }
    }

    builder.say((15, 0), ids::SAY_GOODBYE, &wording.goodbye, ids::HANG_UP);
    builder.add(
        (15, 2),
        ids::APOLOGISE,
        ActionKind::MessageParticipant(Prompt::ssml(ssml::speak(&ssml::escape(&wording.error)))),
        // Nothing left to try if even the apology fails: hang up.
        Transitions::with_errors(ids::HANG_UP, &[(ErrorType::NoMatchingError, ids::HANG_UP)]),
    );
    builder.add(
        (16, 0),
        ids::HANG_UP,
        ActionKind::DisconnectParticipant(actions::NoParameters {}),
        Transitions::default(),
    );

    builder.finish(ids::ENABLE_LOGGING)
}

/// `$.External.key`.
fn external(key: &str) -> String {
    format!("$.External.{key}")
}

/// SSML speaking the results with these ranks, paused apart and slightly slowed.
fn results_ssml(ranks: std::ops::RangeInclusive<usize>) -> String {
    let mut inner = String::new();
    for rank in ranks {
        inner.push_str(&ssml::pause(PAUSE_BETWEEN_RESULTS_MS));
        inner.push_str(&format!(
            "<prosody rate=\"{RESULT_RATE}\">{}</prosody>.",
            external(&contract::spoken_key(rank))
        ));
    }
    ssml::speak(&inner)
}

/// Collects actions and their layout, in the order added.
#[derive(Default)]
struct Builder {
    actions: Vec<Action>,
    positions: HashMap<String, Position>,
}

impl Builder {
    fn add(
        &mut self,
        (column, row): (i64, i64),
        identifier: &str,
        kind: ActionKind,
        transitions: Transitions,
    ) {
        let position = Position {
            x: ENTRY_X + COLUMN_WIDTH + column * COLUMN_WIDTH,
            y: ENTRY_Y + row * ROW_HEIGHT,
        };
        self.positions.insert(identifier.to_string(), position);
        self.actions.push(kind.into_action(identifier, transitions));
    }

    /// A prompt of plain `text` (escaped into SSML); errors apologise.
    fn say(&mut self, cell: (i64, i64), identifier: &str, text: &str, next: &str) {
        self.say_ssml(cell, identifier, ssml::speak(&ssml::escape(text)), next);
    }

    fn say_ssml(&mut self, cell: (i64, i64), identifier: &str, ssml: String, next: &str) {
        let transitions =
            Transitions::with_errors(next, &[(ErrorType::NoMatchingError, ids::APOLOGISE)]);
        self.add(
            cell,
            identifier,
            ActionKind::MessageParticipant(Prompt::ssml(ssml)),
            transitions,
        );
    }

    /// A Compare on `$.External.key`; no match goes to `otherwise`.
    fn compare(
        &mut self,
        cell: (i64, i64),
        identifier: &str,
        key: &str,
        conditions: Vec<ConditionBranch>,
        otherwise: &str,
    ) {
        let mut transitions =
            Transitions::with_errors(otherwise, &[(ErrorType::NoMatchingCondition, otherwise)]);
        transitions.conditions = conditions;
        let kind = ActionKind::Compare(actions::Compare {
            comparison_value: external(key),
        });
        self.add(cell, identifier, kind, transitions);
    }

    /// The "more / again" keypad menu; a key it does not offer goes to `on_invalid`.
    fn menu(&mut self, cell: (i64, i64), identifier: &str, config: &Config, on_invalid: &str) {
        let mut transitions = Transitions::with_errors(
            ids::SAY_GOODBYE,
            &[
                (ErrorType::InputTimeLimitExceeded, ids::SAY_GOODBYE),
                (ErrorType::NoMatchingCondition, on_invalid),
                (ErrorType::NoMatchingError, ids::APOLOGISE),
            ],
        );
        transitions.conditions = vec![
            ConditionBranch::new(Operator::Equals, KEY_MORE, ids::WHICH_MORE),
            ConditionBranch::new(Operator::Equals, KEY_REPEAT, ids::WHICH_BEST),
        ];
        let kind = ActionKind::GetParticipantInput(actions::Input {
            text: None,
            ssml: Some(ssml::speak(&ssml::escape(&config.wording.menu))),
            store_input: "False".into(),
            input_time_limit_seconds: config.menu.timeout_seconds.clamp(1, 179).to_string(),
        });
        self.add(cell, identifier, kind, transitions);
    }

    fn finish(self, start: &str) -> Flow {
        let metadata = Metadata {
            entry_point_position: Position {
                x: ENTRY_X,
                y: ENTRY_Y,
            },
            action_metadata: self
                .positions
                .into_iter()
                .map(|(identifier, position)| (identifier, ActionMetadata { position }))
                .collect(),
        };
        Flow {
            version: VERSION.to_string(),
            start_action: start.to_string(),
            metadata: serde_json::to_value(metadata).ok(),
            actions: self.actions,
        }
    }
}
