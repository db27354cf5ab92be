//! What a test case expects the caller to hear, prompt by prompt: taken from the simulator's
//! transcript when a case is rendered, and read back from a document when one is checked or a
//! live failure is explained.
//!
//! Every prompt is expected with `Similarity` ("Uses semantic matching to find similar
//! messages",
//! <https://docs.aws.amazon.com/connect/latest/APIReference/testing-language-events-message-received.html>),
//! never `Inclusion` ("Checks if the observed message contains the specified text"): a
//! third-party report from live testing says voice prompts come back as speech-recognition
//! transcripts ("press one" for "press 1"), which no literal containment of "Number 1: ..."
//! survives, while semantic matching is meant for such differences (UNCONFIRMED either way).
//! A prompt with pauses is expected by the words before its first pause: no AWS page says
//! whether the service hears such a prompt as one message or as one per stretch between
//! pauses (UNCONFIRMED); the first stretch is the whole of the first message under the second
//! reading, and begins the one message under the first (docs/deploying.md, "Test the live
//! line", says what a first live run settles).

use crate::simulate::transcript::{Transcript, What};

use super::document::{Action, Document, EventType, InstructionType, Matching};

/// One observation's expectation: the words, how they are matched, the keys pressed after
/// them (one menu key, or a whole number and its `#`), and whether the test ends there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub id: String,
    pub text: String,
    pub matching: Matching,
    pub press: Option<String>,
    pub end: bool,
}

impl Expected {
    /// Whether a prompt the simulator says as `heard` meets this expectation. Offline,
    /// Similarity is read as the same words as the whole prompt or its first stretch before a
    /// pause: the simulator cannot judge "similar", and a rendered case always has the
    /// simulator's own words.
    pub fn matches(&self, heard: &Heard) -> bool {
        match self.matching {
            Matching::Similarity => {
                heard.text == self.text || heard.segments.first() == Some(&self.text)
            }
            Matching::Inclusion => heard.text.contains(&self.text),
        }
    }
}

/// A prompt the simulated caller heard: its words, the same words cut at its pauses, the key
/// pressed after it, and whether the call ended after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heard {
    pub id: String,
    pub text: String,
    pub segments: Vec<String>,
    pub press: Option<String>,
    pub end: bool,
}

impl Heard {
    /// The observation that expects this prompt: its first stretch before a pause (the whole
    /// prompt when it has none), matched by Similarity.
    pub fn expectation(&self) -> Expected {
        let text = match self.segments.as_slice() {
            [first, _, ..] => first.clone(),
            _ => self.text.clone(),
        };
        Expected {
            id: self.id.clone(),
            text,
            matching: Matching::Similarity,
            press: self.press.clone(),
            end: self.end,
        }
    }
}

/// The prompts of `transcript` in order, with the key pressed after each and the end.
pub fn heard(transcript: &Transcript) -> Vec<Heard> {
    let mut prompts: Vec<Heard> = Vec::new();
    for event in &transcript.events {
        match &event.what {
            What::Hears { text, segments } => prompts.push(Heard {
                id: format!("{:02}-{}", prompts.len() + 1, event.action),
                text: text.clone(),
                segments: segments.clone(),
                press: None,
                end: false,
            }),
            What::Pressed { key, .. } => {
                if let Some(last) = prompts.last_mut() {
                    last.press = Some(key.to_string());
                }
            }
            // A number keyed into a Store customer input block: one instruction, every key.
            What::Keyed { keys, .. } => {
                if let Some(last) = prompts.last_mut() {
                    last.press = Some(keys.clone());
                }
            }
            What::Disconnected => {
                if let Some(last) = prompts.last_mut() {
                    last.end = true;
                }
            }
            _ => {}
        }
    }
    prompts
}

/// What `document` expects, observation by observation (the opening TestInitiated left out).
pub fn in_document(document: &Document) -> Vec<Expected> {
    document
        .observations
        .iter()
        .filter(|o| o.event.kind == EventType::MessageReceived)
        .map(|o| Expected {
            id: o.identifier.clone(),
            text: o.event.properties.text.clone().unwrap_or_default(),
            matching: o
                .event
                .properties
                .matching_criteria
                .map_or(Matching::Similarity, |m| m.kind),
            press: o.actions.iter().find_map(pressed),
            end: o.actions.iter().any(ends),
        })
        .collect()
}

/// The keys a SendInstruction action presses.
fn pressed(action: &Action) -> Option<String> {
    match action {
        Action::SendInstruction { parameters, .. }
            if parameters.instruction.kind == InstructionType::DtmfInput =>
        {
            Some(parameters.instruction.properties.as_ref()?.value.clone())
        }
        _ => None,
    }
}

/// Whether `action` ends the test.
pub fn ends(action: &Action) -> bool {
    matches!(action, Action::TestControl { parameters, .. }
        if parameters.command.kind == super::document::CommandType::EndTest)
}
