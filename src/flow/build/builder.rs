//! The flow builder's tools: a [`Builder`] that collects actions with their designer layout
//! and knows how each kind of step is written (prompts, decisions, Lambda calls, attributes,
//! the keypad menus), and the SSML of the result and menu prompts. What the flow does, step by
//! step, is in the parent module.

use std::collections::{BTreeMap, HashMap};

use vanity_engine::contract::{self, Invocation, MAX_CHOOSABLE};

use super::{ids, KEY_ANOTHER, KEY_MORE, KEY_REPEAT};
use crate::config::Config;
use crate::connect::{LAMBDA_ARN_PLACEHOLDER, MAX_INPUT_SECONDS, MAX_LAMBDA_SECONDS};
use crate::flow::actions::{self, ActionKind, Prompt};
use crate::flow::model::{
    Action, ActionMetadata, ConditionBranch, ErrorType, Flow, Metadata, Operator, Position,
    Transitions, VERSION,
};
use crate::flow::ssml;

/// Pause between two spoken results.
const PAUSE_BETWEEN_RESULTS_MS: u32 = 700;
/// Vanity numbers are read a little slower than prose so callers can write them down. The
/// `<prosody>` wraps whole `<s>` sentences: generative voices accept it nowhere else
/// (https://docs.aws.amazon.com/polly/latest/dg/prosody-tag.html).
const RESULT_RATE: &str = "90%";

/// Grid spacing of the designer layout, in console pixels.
const COLUMN_WIDTH: i64 = 260;
const ROW_HEIGHT: i64 = 180;
/// Where the designer draws the entry point; the first action sits one column right of it.
const ENTRY_X: i64 = 40;
const ENTRY_Y: i64 = 40;

/// `$.External.key`.
pub(super) fn external(key: &str) -> String {
    format!("$.External.{key}")
}

/// Seconds a keypad block waits for the first key (`menu.timeout_seconds`, within Connect's
/// limit).
pub(super) fn input_seconds(config: &Config) -> String {
    config
        .menu
        .timeout_seconds
        .clamp(1, MAX_INPUT_SECONDS)
        .to_string()
}

/// SSML speaking results `first..=last` with the `result` wording, each a sentence, paused
/// apart, all slightly slowed.
pub(super) fn results_ssml(first: usize, last: usize, config: &Config) -> String {
    let mut inner = String::new();
    for rank in first..=last {
        if rank > first {
            inner.push_str(&ssml::pause(PAUSE_BETWEEN_RESULTS_MS));
        }
        let rank_text = rank.to_string();
        // Without the shared start when the intro said it (see `contract::rest_key`). Read
        // from the lookup's answer, which stays in `$.External` until the next Lambda call.
        let spoken = external(&contract::rest_key(rank));
        let sentence = config
            .wording
            .result
            .fill(ssml::escape, &[("rank", &rank_text), ("vanity", &spoken)]);
        inner.push_str(&format!("<s>{sentence}</s>"));
    }
    ssml::speak(&format!(
        "<prosody rate=\"{RESULT_RATE}\">{inner}</prosody>"
    ))
}

/// The menu's words for (heard, more): how to choose, how to hear more (only when there is
/// more), how to repeat, and how to key in another number (only when nothing more is left:
/// both use `#`). Keys and counts are the flow's own, never the config's.
///
/// The menu after "more" (more than `results.speak` heard) opens with `all_heard`: the caller
/// was just told `#` is "more", and there it asks for another number instead, so the menu
/// says first that nothing more is left. A menu that never offered more has no `#` to
/// unlearn, and a single result is not "all of them", so only that menu says it.
fn menu_ssml(heard: usize, more: usize, config: &Config) -> String {
    let wording = &config.wording;
    let mut sentences = Vec::new();
    if more == 0 && heard > config.results.speak {
        sentences.push(ssml::escape(&wording.all_heard));
    }
    sentences.push(ssml::escape(&wording.choose));
    if more > 0 {
        let count = more.to_string();
        let pound = ssml::escape(&wording.pound_key);
        sentences.push(
            wording
                .more
                .fill(ssml::escape, &[("count", &count), ("key", &pound)]),
        );
    }
    let star = ssml::escape(&wording.star_key);
    sentences.push(wording.repeat.fill(ssml::escape, &[("key", &star)]));
    if more == 0 {
        sentences.push(another_offer(config));
    }
    ssml::speak(&sentences.join(" "))
}

/// "To find words in another number, press pound.", escaped for SSML.
pub(super) fn another_offer(config: &Config) -> String {
    let pound = ssml::escape(&config.wording.pound_key);
    config
        .wording
        .another_number
        .fill(ssml::escape, &[("key", &pound)])
}

/// Collects actions and their layout, in the order added.
#[derive(Default)]
pub(super) struct Builder {
    actions: Vec<Action>,
    positions: HashMap<String, Position>,
}

impl Builder {
    pub(super) fn add(
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
    pub(super) fn say(&mut self, cell: (i64, i64), identifier: &str, text: &str, next: &str) {
        self.say_ssml(cell, identifier, ssml::speak(&ssml::escape(text)), next);
    }

    /// A prompt whose failure apologises with the flow's `error` wording.
    pub(super) fn say_ssml(
        &mut self,
        cell: (i64, i64),
        identifier: &str,
        ssml: String,
        next: &str,
    ) {
        self.say_ssml_or(cell, identifier, ssml, next, ids::APOLOGISE);
    }

    /// A prompt whose failure goes to `on_error` (a part's own apology).
    pub(super) fn say_ssml_or(
        &mut self,
        cell: (i64, i64),
        identifier: &str,
        ssml: String,
        next: &str,
        on_error: &str,
    ) {
        let transitions = Transitions::with_errors(next, &[(ErrorType::NoMatchingError, on_error)]);
        self.add(
            cell,
            identifier,
            ActionKind::MessageParticipant(Prompt::ssml(ssml::end_paths(&ssml))),
            transitions,
        );
    }

    /// A Compare on the JSONPath `path`; no match goes to `otherwise`.
    pub(super) fn compare(
        &mut self,
        cell: (i64, i64),
        identifier: &str,
        path: &str,
        conditions: Vec<ConditionBranch>,
        otherwise: &str,
    ) {
        let mut transitions =
            Transitions::with_errors(otherwise, &[(ErrorType::NoMatchingCondition, otherwise)]);
        transitions.conditions = conditions;
        let kind = ActionKind::Compare(actions::Compare {
            comparison_value: path.to_string(),
        });
        self.add(cell, identifier, kind, transitions);
    }

    /// A Compare on the answer's `count`: each count 1..=`store` goes to `target(count)`,
    /// anything else to `otherwise`.
    pub(super) fn on_count(
        &mut self,
        cell: (i64, i64),
        identifier: &str,
        store: usize,
        target: impl Fn(usize) -> String,
        otherwise: &str,
    ) {
        let conditions = (1..=store)
            .map(|count| ConditionBranch::new(Operator::Equals, &count.to_string(), &target(count)))
            .collect();
        self.compare(
            cell,
            identifier,
            &external(contract::COUNT),
            conditions,
            otherwise,
        );
    }

    /// A Compare on a "true"/"false" value at `path`: "true" goes to `then`, anything else
    /// to `otherwise`.
    pub(super) fn if_true(
        &mut self,
        cell: (i64, i64),
        identifier: &str,
        path: &str,
        then: &str,
        otherwise: &str,
    ) {
        let condition = ConditionBranch::new(Operator::Equals, "true", then);
        self.compare(cell, identifier, path, vec![condition], otherwise);
    }

    /// The call-handler Lambda: a lookup, or `action` with its one argument (written into the
    /// call as it is: a literal or a JSONPath) and any `extra` attributes (name, value).
    pub(super) fn invoke(
        &mut self,
        cell: (i64, i64),
        identifier: &str,
        config: &Config,
        action: Option<(Invocation, String)>,
        extra: &[(&str, String)],
        transitions: Transitions,
    ) {
        let attributes = action.map(|(invocation, argument)| {
            let mut attributes = BTreeMap::from([(
                contract::ACTION.to_string(),
                invocation.as_str().to_string(),
            )]);
            for parameter in invocation.required_parameters() {
                attributes.insert(parameter.to_string(), argument.clone());
            }
            for (name, value) in extra {
                attributes.insert(name.to_string(), value.clone());
            }
            attributes
        });
        let kind = ActionKind::InvokeLambdaFunction(actions::Lambda {
            lambda_function_arn: LAMBDA_ARN_PLACEHOLDER.into(),
            invocation_time_limit_seconds: config
                .lambda
                .timeout_seconds
                .clamp(1, MAX_LAMBDA_SECONDS)
                .to_string(),
            invocation_type: Some("SYNCHRONOUS".into()),
            lambda_invocation_attributes: attributes,
            response_validation: Some(actions::ResponseValidation {
                response_type: "STRING_MAP".into(),
            }),
        });
        self.add(cell, identifier, kind, transitions);
    }

    /// Speaks results `first..=last`, then goes to `next`.
    pub(super) fn say_results(
        &mut self,
        cell: (i64, i64),
        first: usize,
        last: usize,
        config: &Config,
        next: &str,
    ) {
        let ssml = results_ssml(first, last, config);
        self.say_ssml(cell, &ids::say_results(first, last), ssml, next);
    }

    /// The menu after hearing results 1..=heard with `more` left, its "not one of the
    /// choices" prompt and its second chance. A result's number keeps it, `#` speaks the
    /// rest when there is more and otherwise asks for another number, `*` repeats; a second
    /// wrong key or silence ends the call with the goodbye.
    pub(super) fn menu(
        &mut self,
        (column, row): (i64, i64),
        heard: usize,
        more: usize,
        config: &Config,
    ) {
        let first = ids::menu(heard, more);
        let again = ids::menu_again(heard, more);
        let invalid = ids::say_invalid_key(heard, more);
        let kind = ActionKind::GetParticipantInput(actions::Input {
            text: None,
            ssml: Some(menu_ssml(heard, more, config)),
            store_input: "False".into(),
            input_time_limit_seconds: input_seconds(config),
            input_validation: None,
            dtmf_configuration: None,
        });
        let mut conditions: Vec<ConditionBranch> = (1..=heard.min(MAX_CHOOSABLE))
            .map(|rank| {
                ConditionBranch::new(Operator::Equals, &rank.to_string(), &ids::save_choice(rank))
            })
            .collect();
        if more > 0 {
            conditions.push(ConditionBranch::new(
                Operator::Equals,
                KEY_MORE,
                &ids::say_results(heard + 1, heard + more),
            ));
        } else {
            conditions.push(ConditionBranch::new(
                Operator::Equals,
                KEY_ANOTHER,
                ids::ANOTHER_NUMBER,
            ));
        }
        // What "again" repeats: the best ones go back through the count check that chose
        // this menu; after "more", everything heard is read again.
        let repeat = ids::say_results(1, heard.max(1));
        conditions.push(ConditionBranch::new(Operator::Equals, KEY_REPEAT, &repeat));
        for (id, cell, on_invalid) in [
            (&first, (column, row), invalid.as_str()),
            (&again, (column + 2, row), ids::SAY_GOODBYE),
        ] {
            let mut transitions = Transitions::with_errors(
                ids::SAY_GOODBYE,
                &[
                    (ErrorType::InputTimeLimitExceeded, ids::SAY_GOODBYE),
                    (ErrorType::NoMatchingCondition, on_invalid),
                    (ErrorType::NoMatchingError, ids::APOLOGISE),
                ],
            );
            transitions.conditions = conditions.clone();
            self.add(cell, id, kind.clone(), transitions);
        }
        self.say(
            (column + 1, row),
            &invalid,
            &config.wording.invalid_key,
            &again,
        );
    }

    pub(super) fn finish(self, start: &str) -> Flow {
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
