//! The flow lint: the static checks Connect's `CreateContactFlow` would make (and a few it only
//! makes at call time), run on flow JSON before anything is written or deployed.
//!
//! It works on the JSON text, parsed into the generic model, so it can check any flow file,
//! not only ours. Each problem is one line naming the action; an empty list means sound.
//! Limits and error-branch rules come from the Flow language reference (actions and
//! transitions: https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html;
//! each action's page for its errors; the 256,000-character content limit:
//! https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateContactFlow.html); the
//! Lambda contract checks from [`vanity_engine::contract`]; the per-engine SSML rules from
//! [`super::polly`]; that flow logging is off before keyed-in digits are captured from
//! `super::logging_check`.

use std::collections::{BTreeSet, HashMap, VecDeque};

use super::actions::{ActionKind, BranchRules, Input};
use super::model::{Action, Flow, Operator, VERSION};
use super::{polly, ssml};
use crate::connect::{VoiceEngine, MAX_INPUT_SECONDS, MAX_LAMBDA_SECONDS};
use crate::jsonpath;
use vanity_engine::contract::Recall;

/// Connect's limits on a flow.
pub const MAX_ACTIONS: usize = 250;
pub const MAX_CONTENT_CHARS: usize = 256_000;
pub const MAX_IDENTIFIER_CHARS: usize = 50;
pub const MAX_PROMPT_CHARS: usize = 6_000;
const BANNED_IDENTIFIER_CHARS: &[char] = &[
    '%', ':', '(', '\\', '/', ')', '=', '$', ',', ';', '[', ']', '{', '}',
];
const BANNED_IDENTIFIERS: &[&str] = &[
    "__proto__",
    "constructor",
    "__defineGetter__",
    "__defineSetter__",
    "toString",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "valueOf",
];
/// Top-level names of Connect's flow data. Connect interpolates any `$.name` in prompt text,
/// so wording such as "only $.50" becomes a reference to data that does not exist.
const KNOWN_NAMESPACES: &[&str] = &[
    "External",
    "Attributes",
    "FlowAttributes",
    "CustomerEndpoint",
    "SystemEndpoint",
    "ContactId",
    "InitialContactId",
    "PreviousContactId",
    "Channel",
    "InitiationMethod",
    "InstanceARN",
    "LanguageCode",
    "AwsRegion",
    "Name",
    "Description",
    "References",
    "SegmentAttributes",
    "Tags",
    "Queue",
    "Metrics",
    "Lex",
    "Media",
    "Customer",
    "StoredCustomerInput",
    "LambdaInvocation",
];
/// Stands in for every `$.…` reference when checking that SSML parses.
const SAMPLE_VALUE: &str = "1 8 0 0, flowers";

/// Every problem in `json`, checked against a Lambda that returns up to `max_results` results
/// and tells returning callers what `recall` allows, spoken by an `engine` voice (and by
/// every engine the flow's own voice actions set); a lookup also returns `profile_keys`
/// (`contract::profile_keys`, for the config's `caller_profiles`).
pub fn lint(
    json: &str,
    max_results: usize,
    engine: VoiceEngine,
    recall: Recall,
    profile_keys: &[String],
) -> Vec<String> {
    let flow: Flow = match serde_json::from_str(json) {
        Ok(flow) => flow,
        Err(error) => return vec![format!("not a flow: {error}")],
    };
    let mut problems = Vec::new();
    let chars = json.chars().count();
    if chars >= MAX_CONTENT_CHARS {
        problems.push(format!(
            "flow is {chars} characters; Connect accepts fewer than {MAX_CONTENT_CHARS}"
        ));
    }
    if flow.version != VERSION {
        problems.push(format!(
            "Version is {:?}, expected {VERSION:?}",
            flow.version
        ));
    }
    if flow.actions.len() > MAX_ACTIONS {
        problems.push(format!(
            "flow has {} actions; Connect allows at most {MAX_ACTIONS}",
            flow.actions.len()
        ));
    }
    check_identifiers(&flow, &mut problems);
    check_targets_and_reachability(&flow, &mut problems);
    let engines = engines(&flow, engine);
    for action in &flow.actions {
        check_paths(action, &mut problems);
        match ActionKind::of(action) {
            Ok(kind) => {
                check_branches(action, &kind.branch_rules(), &mut problems);
                check_parameters(action, &kind, &engines, &mut problems);
            }
            // Types we do not model are legal Flow language; only their structure is checked.
            Err(super::FlowError::UnknownActionType { .. }) => {}
            Err(error) => problems.push(error.to_string()),
        }
    }
    let answers = super::contract_check::Answers {
        max_results,
        recall,
        profile_keys,
    };
    super::contract_check::check(&flow, &answers, &mut problems);
    super::logging_check::check(&flow, &mut problems);
    problems
}

/// `engine`, plus every engine a voice action of the flow sets (Connect's names).
fn engines(flow: &Flow, engine: VoiceEngine) -> Vec<VoiceEngine> {
    let mut engines = vec![engine];
    for action in &flow.actions {
        if let Ok(ActionKind::UpdateContactTextToSpeechVoice(voice)) = ActionKind::of(action) {
            let named = voice
                .text_to_speech_engine
                .as_deref()
                .and_then(VoiceEngine::from_flow);
            if let Some(named) = named.filter(|e| !engines.contains(e)) {
                engines.push(named);
            }
        }
    }
    engines
}

fn check_identifiers(flow: &Flow, problems: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    for action in &flow.actions {
        let id = &action.identifier;
        if !seen.insert(id.as_str()) {
            problems.push(format!("identifier {id:?} is used by more than one action"));
        }
        let length = id.chars().count();
        if length == 0 || length > MAX_IDENTIFIER_CHARS {
            problems.push(format!(
                "identifier {id:?} has {length} characters; allowed 1 to {MAX_IDENTIFIER_CHARS}"
            ));
        }
        if let Some(banned) = id.chars().find(|c| BANNED_IDENTIFIER_CHARS.contains(c)) {
            problems.push(format!(
                "identifier {id:?} contains {banned:?}, which Connect rejects"
            ));
        }
        if BANNED_IDENTIFIERS.contains(&id.as_str()) {
            problems.push(format!(
                "identifier {id:?} is a reserved name Connect rejects"
            ));
        }
    }
}

fn check_targets_and_reachability(flow: &Flow, problems: &mut Vec<String>) {
    let by_id: HashMap<&str, &Action> = flow
        .actions
        .iter()
        .map(|a| (a.identifier.as_str(), a))
        .collect();
    if !by_id.contains_key(flow.start_action.as_str()) {
        problems.push(format!(
            "StartAction {:?} is not an action in the flow",
            flow.start_action
        ));
    }
    for action in &flow.actions {
        for target in action.transitions.targets() {
            if !by_id.contains_key(target) {
                problems.push(format!(
                    "action {:?} goes to {target:?}, which does not exist",
                    action.identifier
                ));
            }
        }
    }
    let mut reached = BTreeSet::new();
    let mut queue = VecDeque::from([flow.start_action.as_str()]);
    while let Some(id) = queue.pop_front() {
        if let Some(action) = by_id.get(id) {
            if reached.insert(id) {
                queue.extend(action.transitions.targets());
            }
        }
    }
    for action in &flow.actions {
        if !reached.contains(action.identifier.as_str()) {
            problems.push(format!(
                "action {:?} can never be reached from the start",
                action.identifier
            ));
        }
    }
}

fn check_branches(action: &Action, rules: &BranchRules, problems: &mut Vec<String>) {
    let id = &action.identifier;
    let transitions = &action.transitions;
    if rules.terminal {
        if !transitions.is_empty() {
            problems.push(format!(
                "action {id:?} ({}) ends the call and must have empty Transitions {{}}",
                action.kind
            ));
        }
        return;
    }
    if transitions.next_action.is_none() {
        problems.push(format!("action {id:?} ({}) has no NextAction", action.kind));
    }
    for required in &rules.required_errors {
        if transitions.on_error(*required).is_none() {
            problems.push(format!(
                "action {id:?} ({}) can fail with {} but has no branch for it",
                action.kind,
                required.as_str()
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for branch in &transitions.errors {
        let allowed = rules
            .allowed_errors
            .iter()
            .any(|e| e.as_str() == branch.error_type);
        if !allowed {
            problems.push(format!(
                "action {id:?} ({}) does not allow error type {}",
                action.kind, branch.error_type
            ));
        }
        if !seen.insert(branch.error_type.as_str()) {
            problems.push(format!(
                "action {id:?} has two branches for error type {}",
                branch.error_type
            ));
        }
    }
    if !rules.conditions && !transitions.conditions.is_empty() {
        problems.push(format!(
            "action {id:?} ({}) does not take Conditions",
            action.kind
        ));
    }
    for branch in &transitions.conditions {
        let condition = &branch.condition;
        if Operator::parse(&condition.operator).is_none() {
            problems.push(format!(
                "action {id:?} uses unknown operator {:?}",
                condition.operator
            ));
        }
        if condition.operands.len() != 1 {
            problems.push(format!(
                "action {id:?}: operator {} takes exactly one operand, found {}",
                condition.operator,
                condition.operands.len()
            ));
        }
    }
}

/// A customer-input block: one prompt kind, a valid prompt, an input time limit, and a menu's
/// conditions or a stored input.
fn check_input(
    action: &Action,
    input: &Input,
    engines: &[VoiceEngine],
    problems: &mut Vec<String>,
) {
    let id = &action.identifier;
    let set = input.set_fields();
    if set.len() > 1 {
        problems.push(format!(
            "action {id:?} (GetParticipantInput) sets both {}",
            describe(&set)
        ));
    }
    check_prompt(
        id,
        input.text.as_deref(),
        input.ssml.as_deref(),
        engines,
        problems,
    );
    check_seconds(
        id,
        "InputTimeLimitSeconds",
        &input.input_time_limit_seconds,
        MAX_INPUT_SECONDS,
        problems,
    );
    if input.is_menu() {
        check_menu_conditions(action, problems);
        if input.input_validation.is_some() || input.dtmf_configuration.is_some() {
            problems.push(format!(
                "action {id:?} (GetParticipantInput): a menu (StoreInput \"False\") takes neither InputValidation nor DTMFConfiguration"
            ));
        }
    } else if input.store_input != "True" {
        problems.push(format!(
            "action {id:?}: StoreInput is {:?}, expected \"True\" or \"False\"",
            input.store_input
        ));
    } else {
        check_stored_input(id, input, problems);
    }
}

/// A Store customer input block (StoreInput "True"), by the Flow language reference's
/// GetParticipantInput page: InputValidation "required if and only if StoreInput is True", with
/// exactly one of PhoneNumberValidation and CustomValidation, whose MaximumLength is a number;
/// DTMFConfiguration's InputTerminationSequence "Up to five digits" (keypad keys),
/// DisableCancelKey "True" or "False", and InterdigitTimeLimitSeconds, when set, 1 to 20.
fn check_stored_input(id: &str, input: &Input, problems: &mut Vec<String>) {
    let mut problem = |message: String| {
        problems.push(format!(
            "action {id:?} (GetParticipantInput, StoreInput \"True\"): {message}"
        ))
    };
    match &input.input_validation {
        None => problem("needs InputValidation".into()),
        Some(validation) => match (
            &validation.phone_number_validation,
            &validation.custom_validation,
        ) {
            (Some(_), Some(_)) | (None, None) => problem(
                "InputValidation must set exactly one of PhoneNumberValidation and CustomValidation"
                    .into(),
            ),
            (None, Some(custom)) => {
                if !matches!(custom.maximum_length.parse::<u32>(), Ok(1..)) {
                    problem(format!(
                        "CustomValidation.MaximumLength is {:?}, expected a whole number above 0",
                        custom.maximum_length
                    ));
                }
            }
            (Some(_), None) => {}
        },
    }
    let Some(dtmf) = &input.dtmf_configuration else {
        return;
    };
    if let Some(sequence) = &dtmf.input_termination_sequence {
        let keys = sequence.chars().count();
        if !(1..=5).contains(&keys) || !sequence.chars().all(|c| is_dtmf_key(&c.to_string())) {
            problem(format!(
                "DTMFConfiguration.InputTerminationSequence is {sequence:?}, expected one to five keys 0-9, * or #"
            ));
        }
    }
    if let Some(flag) = &dtmf.disable_cancel_key {
        if flag != "True" && flag != "False" {
            problem(format!(
                "DTMFConfiguration.DisableCancelKey is {flag:?}, expected \"True\" or \"False\""
            ));
        }
    }
    if let Some(seconds) = &dtmf.interdigit_time_limit_seconds {
        if !matches!(seconds.parse::<u32>(), Ok(1..=MAX_INTERDIGIT_SECONDS)) {
            problem(format!(
                "DTMFConfiguration.InterdigitTimeLimitSeconds is {seconds:?}, expected a whole number of seconds from 1 to {MAX_INTERDIGIT_SECONDS}"
            ));
        }
    }
}

/// The most seconds between digits: "must be a valid integer between 1 and 20 seconds" (the
/// Flow language's GetParticipantInput page, as later copies of it give the field; see
/// `actions::DtmfConfiguration`).
const MAX_INTERDIGIT_SECONDS: u32 = 20;

/// A menu's conditions: each is Equals one DTMF key (0-9, * or #).
fn check_menu_conditions(action: &Action, problems: &mut Vec<String>) {
    let id = &action.identifier;
    for branch in &action.transitions.conditions {
        let condition = &branch.condition;
        let single_key = matches!(condition.operands.as_slice(), [key] if is_dtmf_key(key));
        if condition.operator != "Equals" || !single_key {
            problems.push(format!(
                "action {id:?} (GetParticipantInput): menu conditions must be Equals one key 0-9, * or #; found {} {:?}",
                condition.operator, condition.operands
            ));
        }
    }
}

fn check_parameters(
    action: &Action,
    kind: &ActionKind,
    engines: &[VoiceEngine],
    problems: &mut Vec<String>,
) {
    let id = &action.identifier;
    match kind {
        ActionKind::MessageParticipant(prompt) => {
            let set = prompt.set_fields();
            if set.len() != 1 {
                problems.push(format!(
                    "action {id:?} (MessageParticipant) must set exactly one of Text, SSML, PromptId, Media; found {}",
                    describe(&set)
                ));
            }
            check_prompt(
                id,
                prompt.text.as_deref(),
                prompt.ssml.as_deref(),
                engines,
                problems,
            );
        }
        ActionKind::GetParticipantInput(input) => check_input(action, input, engines, problems),
        ActionKind::InvokeLambdaFunction(lambda) => {
            check_seconds(
                id,
                "InvocationTimeLimitSeconds",
                &lambda.invocation_time_limit_seconds,
                MAX_LAMBDA_SECONDS,
                problems,
            );
        }
        ActionKind::Compare(compare) => {
            let single_path = jsonpath::find(&compare.comparison_value)
                .first()
                .is_some_and(|path| path.span == (0..compare.comparison_value.len()));
            if !single_path {
                problems.push(format!(
                    "action {id:?} (Compare): ComparisonValue {:?} must be a single JSONPath",
                    compare.comparison_value
                ));
            }
        }
        ActionKind::UpdateFlowLoggingBehavior(logging) => {
            if !matches!(
                logging.flow_logging_behavior.as_str(),
                "Enabled" | "Disabled"
            ) {
                problems.push(format!(
                    "action {id:?}: FlowLoggingBehavior is {:?}, expected Enabled or Disabled",
                    logging.flow_logging_behavior
                ));
            }
        }
        ActionKind::UpdateContactTextToSpeechVoice(_)
        | ActionKind::UpdateContactAttributes(_)
        | ActionKind::DisconnectParticipant(_) => {}
    }
}

fn describe(set: &[&str]) -> String {
    if set.is_empty() {
        "none".to_string()
    } else {
        set.join(" and ")
    }
}

fn is_dtmf_key(key: &str) -> bool {
    let mut chars = key.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_ascii_digit() || c == '*' || c == '#')
}

fn check_seconds(id: &str, name: &str, value: &str, max: u32, problems: &mut Vec<String>) {
    match value.parse::<u32>() {
        Ok(seconds) if (1..=max).contains(&seconds) => {}
        _ => problems.push(format!(
            "action {id:?}: {name} is {value:?}, expected whole seconds from 1 to {max}"
        )),
    }
}

fn check_prompt(
    id: &str,
    text: Option<&str>,
    ssml_text: Option<&str>,
    engines: &[VoiceEngine],
    problems: &mut Vec<String>,
) {
    for (name, value) in [("Text", text), ("SSML", ssml_text)] {
        if let Some(value) = value {
            let chars = value.chars().count();
            if chars > MAX_PROMPT_CHARS {
                problems.push(format!("action {id:?}: {name} is {chars} characters; Connect speaks at most {MAX_PROMPT_CHARS}"));
            }
        }
    }
    if let Some(markup) = ssml_text {
        let sampled = jsonpath::substitute::<()>(markup, |_| Ok(SAMPLE_VALUE.to_string()))
            .unwrap_or_default();
        if let Err(error) = ssml::check(&sampled) {
            problems.push(format!("action {id:?}: SSML does not parse: {error}"));
        }
        for engine in engines {
            for problem in polly::problems(&sampled, *engine) {
                problems.push(format!("action {id:?}: SSML: {problem}"));
            }
        }
    }
}

/// Every string in the parameters is scanned: Connect interpolates paths in any dynamic value,
/// so each must name flow data and end at a space, a tag or the end of the value
/// ([`jsonpath::ends_cleanly`]). (`$.External` keys are checked against the Lambda contract
/// by [`super::contract_check`].)
fn check_paths(action: &Action, problems: &mut Vec<String>) {
    let mut reported = BTreeSet::new();
    for text in action.parameter_strings() {
        for path in jsonpath::find(&text) {
            if !jsonpath::ends_cleanly(&text, &path) {
                let next: String = text[path.span.end..].chars().take(1).collect();
                problems.push(format!(
                    "action {:?}: {} is followed by {next:?}; no AWS page says whether Connect \
                     reads that as part of the path, so end it with a space or a tag",
                    action.identifier,
                    path.to_path()
                ));
            }
            let namespace = path.segments.first().copied().unwrap_or_default();
            if !KNOWN_NAMESPACES.contains(&namespace) && reported.insert(path.to_path()) {
                problems.push(format!(
                    "action {:?} reads {}, which is not Connect flow data (Connect replaces `$.` \
                     followed by a name in prompt text: reword it)",
                    action.identifier,
                    path.to_path()
                ));
            }
        }
    }
}
