//! The flow lint's Lambda contract check, in both directions.
//!
//! `$.External` holds the answer of the most recent Lambda call only, and the flow calls the
//! call-handler more than once with different actions (a lookup, then maybe a choice, or the
//! lookup of another number the caller keyed in, once or more). So this walks the
//! flow from the start and works out, for every action, which invocations may have answered
//! last. Then:
//! - every `$.External.KEY` an action reads must be a key each of those invocations returns
//!   ([`Invocation::returned_keys_with`], for the config's `returning_callers.recall`), and
//!   some Lambda must have answered by then;
//! - every key an invocation returns must be read by some action it may answer for, so the
//!   Lambda never computes (or the contract never lists) something the caller cannot hear;
//! - each invocation names an action the handler knows, with the parameters it needs.
//!
//! After a failed invocation the flow takes the error branch and `$.External` is treated as
//! holding no answer (the simulator does the same), so nothing on that branch may read it.

use std::collections::{BTreeSet, HashMap, VecDeque};

use vanity_engine::contract::{self, Invocation, Recall};

use super::actions::ActionKind;
use super::model::{Action, Flow};
use crate::jsonpath;

/// Which Lambda answer `$.External` may hold: `None` for none yet (or a failed call).
type Source<'a> = Option<&'a str>;

/// What the call-handler answers for the config being linted.
pub(super) struct Answers<'a> {
    pub max_results: usize,
    pub recall: Recall,
    /// The lookup's Customer Profiles keys (`contract::profile_keys`), none by default.
    pub profile_keys: &'a [String],
}

impl Answers<'_> {
    /// The keys `invocation` returns for this config.
    fn returned(&self, invocation: Invocation) -> Vec<String> {
        let mut keys = invocation.returned_keys_with(self.max_results, self.recall);
        if invocation == Invocation::Lookup {
            keys.extend(self.profile_keys.iter().cloned());
        }
        keys
    }
}

pub(super) fn check(flow: &Flow, answers: &Answers<'_>, problems: &mut Vec<String>) {
    let (max_results, recall) = (answers.max_results, answers.recall);
    let by_id: HashMap<&str, &Action> = flow
        .actions
        .iter()
        .map(|a| (a.identifier.as_str(), a))
        .collect();
    let invocations = invocations(flow, problems);
    let sources = sources(flow, &by_id, &invocations);
    let every_key: Vec<String> = Invocation::ALL
        .iter()
        .flat_map(|invocation| answers.returned(*invocation))
        .collect();
    let any_recall = contract::returned_keys(max_results);

    // Direction 1: what is read is returned. Direction 2 collects what is read per source.
    let mut read_after: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for action in &flow.actions {
        let Some(possible) = sources.get(action.identifier.as_str()) else {
            continue; // unreachable: reported by the reachability check
        };
        let mut reported = BTreeSet::new();
        for key in external_keys(action) {
            if !reported.insert(key.clone()) {
                continue;
            }
            if !every_key.contains(&key) {
                let why = if any_recall.contains(&key) {
                    format!(
                        "which the call-handler returns only when returning_callers.recall allows it (here {})",
                        recall.as_str()
                    )
                } else {
                    "which the call-handler Lambda never returns".to_string()
                };
                problems.push(format!(
                    "action {:?} reads $.External.{key}, {why}",
                    action.identifier
                ));
                continue;
            }
            for source in possible {
                let Some(invoker) = source else {
                    problems.push(format!(
                        "action {:?} reads $.External.{key}, but on some path no Lambda has answered before it (or the last one failed)",
                        action.identifier
                    ));
                    continue;
                };
                read_after.entry(invoker).or_default().insert(key.clone());
                if let Some(invocation) = invocations.get(invoker) {
                    if !answers.returned(*invocation).contains(&key) {
                        problems.push(format!(
                            "action {:?} reads $.External.{key}, which the call-handler's {} answer (action {invoker:?}) does not return",
                            action.identifier,
                            invocation.as_str()
                        ));
                    }
                }
            }
        }
    }
    for action in &flow.actions {
        let id = action.identifier.as_str();
        let (Some(invocation), true) = (invocations.get(id), sources.contains_key(id)) else {
            continue;
        };
        let read = read_after.get(id).cloned().unwrap_or_default();
        for key in answers.returned(*invocation) {
            if !read.contains(&key) {
                problems.push(format!(
                    "the call-handler's {} answer to action {id:?} has {key}, which the flow never reads after it",
                    invocation.as_str()
                ));
            }
        }
    }
}

/// The invocation of every well-formed Lambda action, reporting the ones that are not.
fn invocations<'a>(flow: &'a Flow, problems: &mut Vec<String>) -> HashMap<&'a str, Invocation> {
    let mut found = HashMap::new();
    for action in &flow.actions {
        let Ok(ActionKind::InvokeLambdaFunction(lambda)) = ActionKind::of(action) else {
            continue;
        };
        let id = &action.identifier;
        let parameters = lambda.lambda_invocation_attributes.unwrap_or_default();
        let named = parameters.get(contract::ACTION).map(String::as_str);
        let Some(invocation) = Invocation::parse(named) else {
            let known: Vec<&str> = Invocation::ALL.iter().map(|i| i.as_str()).collect();
            problems.push(format!(
                "action {id:?} passes {}={:?}, which the call-handler does not know (expected one of {}, written literally)",
                contract::ACTION,
                named.unwrap_or_default(),
                known.join(", ")
            ));
            continue;
        };
        for parameter in invocation.required_parameters() {
            if !parameters.contains_key(*parameter) {
                problems.push(format!(
                    "action {id:?} asks the call-handler to {} without the {parameter} parameter",
                    invocation.as_str()
                ));
            }
        }
        found.insert(action.identifier.as_str(), invocation);
    }
    found
}

/// For every reachable action, which answers `$.External` may hold when it runs.
fn sources<'a>(
    flow: &'a Flow,
    by_id: &HashMap<&'a str, &'a Action>,
    invocations: &HashMap<&'a str, Invocation>,
) -> HashMap<&'a str, BTreeSet<Source<'a>>> {
    let mut sources: HashMap<&str, BTreeSet<Source<'_>>> = HashMap::new();
    let mut queue = VecDeque::new();
    if by_id.contains_key(flow.start_action.as_str()) {
        sources.insert(flow.start_action.as_str(), BTreeSet::from([None]));
        queue.push_back(flow.start_action.as_str());
    }
    while let Some(id) = queue.pop_front() {
        let Some(action) = by_id.get(id) else {
            continue;
        };
        let here = sources.get(id).cloned().unwrap_or_default();
        let transitions = &action.transitions;
        // A Lambda action's normal exits carry its answer; its error exits carry none.
        let lambda = action.kind == "InvokeLambdaFunction";
        let mut exits: Vec<(&str, BTreeSet<Source<'_>>)> = Vec::new();
        let normal = if lambda {
            // An action that is not a well-formed invocation answers nothing we know of.
            BTreeSet::from([invocations.contains_key(id).then_some(id)])
        } else {
            here.clone()
        };
        let failed = if lambda {
            BTreeSet::from([None])
        } else {
            here.clone()
        };
        for target in transitions.next_action.iter() {
            exits.push((target.as_str(), normal.clone()));
        }
        for branch in &transitions.conditions {
            exits.push((branch.next_action.as_str(), normal.clone()));
        }
        for branch in &transitions.errors {
            exits.push((branch.next_action.as_str(), failed.clone()));
        }
        for (target, carried) in exits {
            let Some((target, _)) = by_id.get_key_value(target) else {
                continue;
            };
            let entry = sources.entry(target).or_default();
            let before = entry.len();
            entry.extend(carried);
            if entry.len() != before || before == 0 {
                queue.push_back(target);
            }
        }
    }
    sources
}

/// The `$.External` keys an action reads, in order, with repeats.
fn external_keys(action: &Action) -> Vec<String> {
    action
        .parameter_strings()
        .iter()
        .flat_map(|text| {
            jsonpath::find(text)
                .into_iter()
                .filter_map(|path| match path.segments.as_slice() {
                    ["External", key, ..] => Some(key.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}
