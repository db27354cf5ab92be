//! Runs a parsed flow action by action, the way Connect would for one voice contact.
//!
//! Pure apart from the [`Lambda`] it is given: no printing, no store, no clock. Every action
//! type and parameter it meets must be one it understands ([`ActionKind`]), and every JSONPath
//! it resolves must exist; anything else stops the call with an error that names it, so the
//! simulator can never silently skip part of the flow that would run in production.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};

use crate::config::VoiceEngine;
use crate::flow::actions::{self, ActionKind, Input, Prompt};
use crate::flow::model::{Action, ErrorType, Flow, Operator};
use crate::flow::{polly, ssml, FlowError};
use crate::jsonpath::{self, PathRef};

use super::coverage::{Branch, Transition};
use super::transcript::{Event, Transcript, What};

/// A prompt's words, and the same words cut at its pauses.
type Heard = (String, Vec<String>);

/// Upper bound on actions per call: the default flow needs about 20, and a caller pressing
/// "again" a few times a few dozen; more means the flow loops.
pub const MAX_STEPS: usize = 500;

/// Why a simulated call could not run to the end.
#[derive(Debug, thiserror::Error)]
pub enum SimulateError {
    #[error(transparent)]
    Flow(#[from] FlowError),
    #[error("StartAction {0:?} is not an action in the flow")]
    NoStart(String),
    #[error("action {from:?} goes to {to:?}, which does not exist")]
    NoTarget { from: String, to: String },
    #[error("action {action:?}: {detail}")]
    Unsupported { action: String, detail: String },
    #[error("action {action:?} reads {path}, which {why}")]
    Unresolved {
        action: String,
        path: String,
        why: String,
    },
    #[error("action {action:?} needed a {error_type} branch and has none")]
    NoErrorBranch {
        action: String,
        error_type: &'static str,
    },
    #[error("the call did not end after {MAX_STEPS} actions: the flow loops")]
    TooManySteps,
}

/// The Lambda step, as the interpreter sees it.
pub trait Lambda {
    /// Invokes the function for `contact`; `Err` is any failure Connect would see (an error,
    /// a timeout), which sends the flow down the action's error branch.
    fn invoke(
        &mut self,
        contact: &Contact,
        parameters: &BTreeMap<String, String>,
        time_limit_seconds: u32,
    ) -> Result<HashMap<String, String>, String>;
}

/// The contact as the flow sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contact {
    /// The caller's number, `None` when withheld.
    pub caller: Option<String>,
    /// User-defined contact attributes set so far.
    pub attributes: BTreeMap<String, String>,
    /// What the latest Store customer input block kept (`$.StoredCustomerInput`).
    pub stored_input: Option<String>,
}

/// Runs `flow` for `contact`; `presses` are the keys the caller presses at successive menus
/// (when they run out, the caller stays silent); Connect fails the action `fails_at` the first
/// time the call reaches it, which takes that action's NoMatchingError branch.
pub fn run(
    flow: &Flow,
    mut contact: Contact,
    presses: &str,
    mut fails_at: Option<&str>,
    lambda: &mut dyn Lambda,
) -> Result<Transcript, SimulateError> {
    let by_id: HashMap<&str, &Action> = flow
        .actions
        .iter()
        .map(|a| (a.identifier.as_str(), a))
        .collect();
    let mut keys: VecDeque<char> = presses.chars().collect();
    let mut external: Option<HashMap<String, String>> = None;
    // The engine the flow's voice action set: Polly rejects SSML that engine does not support,
    // which sends the prompt down its error branch.
    let mut engine: Option<VoiceEngine> = None;
    let mut events = Vec::new();
    let taken = RefCell::new(Vec::new());
    let mut current = match by_id.get(flow.start_action.as_str()) {
        Some(action) => *action,
        None => return Err(SimulateError::NoStart(flow.start_action.clone())),
    };
    for _ in 0..MAX_STEPS {
        let mut call = Step {
            action: current,
            contact: &contact,
            external: external.as_ref(),
            engine,
            events: &mut events,
            taken: &taken,
        };
        if fails_at == Some(current.identifier.as_str()) {
            fails_at = None;
            let reason = "Connect failed the action (simulated fault)".to_string();
            let next = call.error_branch(ErrorType::NoMatchingError, reason)?;
            current = target(&by_id, current, next)?;
            continue;
        }
        let next = match ActionKind::of(current)? {
            ActionKind::UpdateFlowLoggingBehavior(logging) => {
                call.record(What::Logging {
                    behavior: logging.flow_logging_behavior,
                });
                call.next()?
            }
            ActionKind::UpdateContactTextToSpeechVoice(voice) => {
                engine = voice
                    .text_to_speech_engine
                    .as_deref()
                    .and_then(VoiceEngine::from_flow);
                call.record(What::Voice {
                    voice: voice.text_to_speech_voice,
                    engine: voice.text_to_speech_engine,
                });
                call.next()?
            }
            ActionKind::MessageParticipant(prompt) => call.message(&prompt)?,
            ActionKind::InvokeLambdaFunction(parameters) => {
                let (next, answer) = call.invoke(&parameters, lambda)?;
                external = answer;
                next
            }
            ActionKind::UpdateContactAttributes(parameters) => {
                let (next, set) = call.set_attributes(&parameters)?;
                contact.attributes.extend(set);
                next
            }
            ActionKind::Compare(compare) => call.compare(compare)?,
            ActionKind::GetParticipantInput(input) if input.is_menu() => {
                call.menu(&input, &mut keys)?
            }
            ActionKind::GetParticipantInput(input) => {
                let (next, stored) = call.store_input(&input, &mut keys)?;
                contact.stored_input = stored.or(contact.stored_input);
                next
            }
            ActionKind::DisconnectParticipant(_) => {
                call.record(What::Disconnected);
                return Ok(Transcript {
                    header: Vec::new(),
                    events,
                    taken: taken.into_inner(),
                });
            }
        };
        current = target(&by_id, current, next)?;
    }
    Err(SimulateError::TooManySteps)
}
/// The action `from` goes to next.
fn target<'f>(
    by_id: &HashMap<&str, &'f Action>,
    from: &Action,
    next: String,
) -> Result<&'f Action, SimulateError> {
    match by_id.get(next.as_str()) {
        Some(action) => Ok(*action),
        None => Err(SimulateError::NoTarget {
            from: from.identifier.clone(),
            to: next,
        }),
    }
}

/// One action being run, with read access to the call's state.
struct Step<'a> {
    action: &'a Action,
    contact: &'a Contact,
    external: Option<&'a HashMap<String, String>>,
    engine: Option<VoiceEngine>,
    events: &'a mut Vec<Event>,
    /// Coverage hook: every transition taken, recorded where it is chosen.
    taken: &'a RefCell<Vec<Transition>>,
}

impl Step<'_> {
    /// A prompt: the caller hears it, or Polly's refusal takes the error branch.
    fn message(&mut self, prompt: &Prompt) -> Result<String, SimulateError> {
        match self.prompt_text(prompt)? {
            Ok((text, segments)) => {
                self.record(What::Hears { text, segments });
                self.next()
            }
            Err(reason) => self.error_branch(ErrorType::NoMatchingError, reason),
        }
    }

    /// A synchronous Lambda call with a string-map answer: the next action, and what
    /// `$.External` holds after it (nothing after a failed call).
    fn invoke(
        &mut self,
        parameters: &actions::Lambda,
        lambda: &mut dyn Lambda,
    ) -> Result<(String, Option<HashMap<String, String>>), SimulateError> {
        if let Some(kind) = parameters
            .invocation_type
            .as_deref()
            .filter(|k| *k != "SYNCHRONOUS")
        {
            return Err(self.unsupported(format!("InvocationType {kind:?} is not simulated")));
        }
        if let Some(validation) = parameters.response_validation.as_ref() {
            if validation.response_type != "STRING_MAP" {
                return Err(self.unsupported(format!(
                    "ResponseType {:?} is not simulated",
                    validation.response_type
                )));
            }
        }
        let mut resolved = BTreeMap::new();
        for (key, value) in parameters.lambda_invocation_attributes.iter().flatten() {
            resolved.insert(key.clone(), self.resolve_text(value)?);
        }
        let seconds = parameters
            .invocation_time_limit_seconds
            .parse::<u32>()
            .map_err(|_| {
                self.unsupported(format!(
                    "InvocationTimeLimitSeconds {:?} is not whole seconds",
                    parameters.invocation_time_limit_seconds
                ))
            })?;
        match lambda.invoke(self.contact, &resolved, seconds) {
            Ok(response) => {
                self.record(What::LambdaAnswered {
                    response: response.clone().into_iter().collect(),
                });
                Ok((self.next()?, Some(response)))
            }
            Err(reason) => {
                self.record(What::LambdaFailed {
                    reason: reason.clone(),
                });
                // $.External now describes no Lambda: the failed call returned nothing.
                let next =
                    self.error_branch(ErrorType::NoMatchingError, "the Lambda failed".into())?;
                Ok((next, None))
            }
        }
    }

    /// User-defined attributes: the next action, and the attributes to set on the contact.
    fn set_attributes(
        &mut self,
        parameters: &actions::Attributes,
    ) -> Result<(String, BTreeMap<String, String>), SimulateError> {
        let mut set = BTreeMap::new();
        for (key, value) in &parameters.attributes {
            set.insert(key.clone(), self.resolve_text(value)?);
        }
        self.record(What::AttributesSet {
            attributes: set.clone(),
        });
        Ok((self.next()?, set))
    }

    /// A Compare: the branch whose condition the resolved value meets.
    fn compare(&mut self, compare: actions::Compare) -> Result<String, SimulateError> {
        let value = self.resolve_text(&compare.comparison_value)?;
        let (outcome, next) = self.condition(&value)?;
        self.record(What::Compared {
            path: compare.comparison_value,
            value,
            outcome,
        });
        Ok(next)
    }

    fn record(&mut self, what: What) {
        self.events.push(Event {
            action: self.action.identifier.clone(),
            what,
        });
    }

    fn unsupported(&self, detail: String) -> SimulateError {
        SimulateError::Unsupported {
            action: self.action.identifier.clone(),
            detail,
        }
    }

    fn take(&self, branch: Branch, to: &str) {
        self.taken.borrow_mut().push(Transition {
            from: self.action.identifier.clone(),
            branch,
            to: to.to_string(),
        });
    }

    fn next(&self) -> Result<String, SimulateError> {
        let next = self
            .action
            .transitions
            .next_action
            .clone()
            .ok_or_else(|| self.unsupported("has no NextAction".into()))?;
        self.take(Branch::Next, &next);
        Ok(next)
    }

    /// Takes the branch for `error_type`, recording why.
    fn error_branch(
        &mut self,
        error_type: ErrorType,
        reason: String,
    ) -> Result<String, SimulateError> {
        let next = self
            .action
            .transitions
            .on_error(error_type)
            .map(str::to_string)
            .ok_or_else(|| SimulateError::NoErrorBranch {
                action: self.action.identifier.clone(),
                error_type: error_type.as_str(),
            })?;
        self.take(Branch::Error(error_type.as_str().into()), &next);
        self.record(What::ErrorBranch {
            error_type: error_type.as_str().into(),
            reason,
            next: next.clone(),
        });
        Ok(next)
    }

    /// The first condition `value` satisfies, else the NoMatchingCondition branch (or
    /// NextAction when there is none, as the console's "No match" does).
    fn condition(&self, value: &str) -> Result<(String, String), SimulateError> {
        for branch in &self.action.transitions.conditions {
            let condition = &branch.condition;
            let operator = Operator::parse(&condition.operator).ok_or_else(|| {
                self.unsupported(format!(
                    "operator {:?} is not simulated",
                    condition.operator
                ))
            })?;
            let [operand] = condition.operands.as_slice() else {
                return Err(self.unsupported(format!(
                    "condition {} needs exactly one operand",
                    condition.operator
                )));
            };
            if operator.holds(value, operand) {
                self.take(Branch::condition(branch), &branch.next_action);
                let outcome = format!("{} {operand} -> {}", condition.operator, branch.next_action);
                return Ok((outcome, branch.next_action.clone()));
            }
        }
        let next = match self
            .action
            .transitions
            .on_error(ErrorType::NoMatchingCondition)
        {
            Some(next) => {
                let error_type = ErrorType::NoMatchingCondition.as_str();
                self.take(Branch::Error(error_type.into()), next);
                next.to_string()
            }
            None => self.next()?,
        };
        Ok((format!("no condition matched -> {next}"), next))
    }

    /// The input block's time limit and its prompt played: `Ok(Err(next))` when the prompt
    /// could not play and the error branch was taken.
    fn input_prompt(&mut self, input: &Input) -> Result<Result<u32, String>, SimulateError> {
        let seconds = input.input_time_limit_seconds.parse::<u32>().map_err(|_| {
            self.unsupported(format!(
                "InputTimeLimitSeconds {:?} is not whole seconds",
                input.input_time_limit_seconds
            ))
        })?;
        let prompt = Prompt {
            text: input.text.clone(),
            ssml: input.ssml.clone(),
            ..Prompt::default()
        };
        match self.prompt_text(&prompt)? {
            Ok((text, segments)) => {
                self.record(What::Hears { text, segments });
                Ok(Ok(seconds))
            }
            Err(reason) => Ok(Err(self.error_branch(ErrorType::NoMatchingError, reason)?)),
        }
    }

    /// Plays the menu prompt, then takes the caller's next key (or silence).
    fn menu(&mut self, input: &Input, keys: &mut VecDeque<char>) -> Result<String, SimulateError> {
        let seconds = match self.input_prompt(input)? {
            Ok(seconds) => seconds,
            Err(next) => return Ok(next),
        };
        let Some(key) = keys.pop_front() else {
            let next = self
                .action
                .transitions
                .on_error(ErrorType::InputTimeLimitExceeded)
                .map(str::to_string)
                .ok_or(SimulateError::NoErrorBranch {
                    action: self.action.identifier.clone(),
                    error_type: ErrorType::InputTimeLimitExceeded.as_str(),
                })?;
            self.take(
                Branch::Error(ErrorType::InputTimeLimitExceeded.as_str().into()),
                &next,
            );
            self.record(What::Silent {
                seconds,
                outcome: format!("InputTimeLimitExceeded -> {next}"),
            });
            return Ok(next);
        };
        let (outcome, next) = self.condition(&key.to_string())?;
        self.record(What::Pressed { key, outcome });
        Ok(next)
    }

    /// A Store customer input block (StoreInput "True"): plays the prompt, then takes keys
    /// until the terminator, `CustomValidation.MaximumLength` digits, or the end of the
    /// caller's keys; the next action, and what `$.StoredCustomerInput` holds after it.
    ///
    /// Silence follows the admin guide ("When a call includes no customer input, the contact
    /// takes the Success branch. The Stored customer input system attribute holds a value of
    /// `Timeout`.", https://docs.aws.amazon.com/connect/latest/adminguide/store-customer-input.html);
    /// the flow handles the Flow language reference's other reading (an error) too, which
    /// `--fail-at` walks. Keys that stop without the terminator are kept as keyed: the same
    /// page says "After the contact starts entering digits, Amazon Connect waits 5 seconds
    /// for each digit, by default. You cannot change this default setting.", so the entry ends
    /// 5 seconds after the last digit. The block stops at `MaximumLength` digits ("Maximum
    /// Digits: Define the maximum number of digits that a customer can enter"); no page says a
    /// key pressed after the maximum belongs to the entry, so it is left for the next block
    /// (the flow sets the maximum above any number, so its callers' `#` ends the entry).
    ///
    /// The cancel key is documented, but not consistently: the admin guide's page says "By
    /// default, when a customer enters * as input, it deletes all of the DTMF input that came
    /// before it", the same page also "When Disable cancel key is not selected, only the * is
    /// sent", and the Flow language page that `*` cancels gathering. Which of those Connect
    /// does is not settled, so a `*` with the cancel key on is not simulated; the flow sets
    /// `DisableCancelKey` "True", under which `*` is kept like any key.
    fn store_input(
        &mut self,
        input: &Input,
        keys: &mut VecDeque<char>,
    ) -> Result<(String, Option<String>), SimulateError> {
        let (Some(maximum), terminator) = (input.maximum_length(), input.terminator()) else {
            return Err(self.unsupported(
                "StoreInput \"True\" without CustomValidation.MaximumLength is not simulated"
                    .into(),
            ));
        };
        let terminator = match terminator.map(|t| t.chars().collect::<Vec<_>>()) {
            None => None,
            Some(chars) if chars.len() == 1 => Some(chars[0]),
            Some(_) => {
                return Err(
                    self.unsupported("a terminator of more than one key is not simulated".into())
                )
            }
        };
        let cancel_disabled = input
            .dtmf_configuration
            .as_ref()
            .and_then(|dtmf| dtmf.disable_cancel_key.as_deref())
            == Some("True");
        let seconds = match self.input_prompt(input)? {
            Ok(seconds) => seconds,
            Err(next) => return Ok((next, None)),
        };
        if keys.is_empty() {
            let next = self.next()?;
            self.record(What::Silent {
                seconds,
                outcome: format!("$.StoredCustomerInput is \"Timeout\" -> {next}"),
            });
            return Ok((next, Some("Timeout".to_string())));
        }
        let (pressed, stored) = take_entry(keys, maximum, terminator);
        if stored.contains('*') && !cancel_disabled {
            return Err(self.unsupported("the cancel key * is not simulated".into()));
        }
        let next = self.next()?;
        self.record(What::Keyed {
            keys: pressed,
            outcome: format!("$.StoredCustomerInput is {stored:?} -> {next}"),
        });
        Ok((next, Some(stored)))
    }

    /// The words of a prompt and the same words cut at its pauses, or `Err(reason)` when
    /// Connect would take the error branch.
    fn prompt_text(&self, prompt: &Prompt) -> Result<Result<Heard, String>, SimulateError> {
        match (&prompt.text, &prompt.ssml, &prompt.prompt_id, &prompt.media) {
            (Some(text), None, None, None) => {
                let text = self.resolve_text(text)?;
                Ok(Ok((text.clone(), vec![text])))
            }
            (None, Some(markup), None, None) => {
                // Connect inserts values into SSML as they are, so a value with markup
                // characters breaks the prompt; simulate that instead of escaping.
                let filled = self.resolve_text(markup)?;
                let rejected = self
                    .engine
                    .map(|engine| polly::problems(&filled, engine))
                    .unwrap_or_default();
                if let Some(problem) = rejected.first() {
                    return Ok(Err(format!("Polly would not speak this SSML ({problem})")));
                }
                let heard = ssml::to_plain_text(&filled).and_then(|text| {
                    super::segments::between_pauses(&filled).map(|parts| (text, parts))
                });
                Ok(heard.map_err(|error| format!("the SSML does not parse ({error})")))
            }
            (None, None, Some(_), None) => {
                Err(self
                    .unsupported("parameter PromptId (recorded prompts) is not simulated".into()))
            }
            (None, None, None, Some(_)) => {
                Err(self.unsupported("parameter Media is not simulated".into()))
            }
            _ => Err(self.unsupported(
                "a prompt must set exactly one of Text, SSML, PromptId, Media".into(),
            )),
        }
    }

    /// `text` with every JSONPath replaced by its value; a path with no value stops the call.
    fn resolve_text(&self, text: &str) -> Result<String, SimulateError> {
        jsonpath::substitute(text, |path| self.resolve(path))
    }

    fn resolve(&self, path: &PathRef<'_>) -> Result<String, SimulateError> {
        let unresolved = |why: &str| SimulateError::Unresolved {
            action: self.action.identifier.clone(),
            path: path.to_path(),
            why: why.to_string(),
        };
        match path.segments.as_slice() {
            ["External", key] => match self.external {
                Some(response) => response
                    .get(*key)
                    .cloned()
                    .ok_or_else(|| unresolved("the Lambda did not return")),
                None => Err(unresolved("has no value: no Lambda has answered yet")),
            },
            ["Attributes", key] => self
                .contact
                .attributes
                .get(*key)
                .cloned()
                .ok_or_else(|| unresolved("is not a contact attribute yet")),
            ["CustomerEndpoint", "Address"] => Ok(self.contact.caller.clone().unwrap_or_default()),
            ["StoredCustomerInput"] => {
                self.contact.stored_input.clone().ok_or_else(|| {
                    unresolved("has no value: no Store customer input block has run")
                })
            }
            _ => Err(unresolved("the simulator does not know")),
        }
    }
}

/// One entry at a Store customer input block: the keys pressed (terminator included) and the
/// digits kept, up to `maximum` of them, ended by `terminator` or the caller's last key.
fn take_entry(
    keys: &mut VecDeque<char>,
    maximum: usize,
    terminator: Option<char>,
) -> (String, String) {
    let mut pressed = String::new();
    let mut stored = String::new();
    while let Some(key) = keys.pop_front() {
        pressed.push(key);
        if Some(key) == terminator {
            return (pressed, stored);
        }
        stored.push(key);
        if stored.chars().count() == maximum {
            break;
        }
    }
    (pressed, stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_ends_at_the_terminator_the_maximum_or_the_last_key() {
        let cases = [
            ("2065550123#1", 15, ("2065550123#", "2065550123"), "1"),
            ("#*", 15, ("#", ""), "*"),
            ("123", 15, ("123", "123"), ""),
            // At the maximum the entry ends; a `#` after it is left for the next block.
            ("12345#9", 5, ("12345", "12345"), "#9"),
            ("2065550123#", 10, ("2065550123", "2065550123"), "#"),
            ("123456", 5, ("12345", "12345"), "6"),
        ];
        for (keys, maximum, (pressed, stored), left) in cases {
            let mut queue: VecDeque<char> = keys.chars().collect();
            let taken = take_entry(&mut queue, maximum, Some('#'));
            assert_eq!(taken, (pressed.to_string(), stored.to_string()), "{keys}");
            assert_eq!(queue.iter().collect::<String>(), left, "{keys}");
        }
    }
}
