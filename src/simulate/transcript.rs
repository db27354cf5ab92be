//! What happened on a simulated call, event by event, and its text form.
//!
//! The interpreter records [`Event`]s; this module only formats them. The text is what
//! `connect-vanity call` prints and what the golden tests compare, so it is stable: sorted
//! maps, no timestamps, no contact ids.

use std::collections::BTreeMap;
use std::fmt;

/// One thing that happened, tagged with the action that did it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub action: String,
    pub what: What,
}

#[derive(Debug, Clone, PartialEq)]
pub enum What {
    Logging {
        behavior: String,
    },
    Voice {
        voice: String,
        engine: Option<String>,
    },
    /// A prompt, as plain words; `segments` are the same words cut at the prompt's pauses
    /// (`<break>`), one when it has none (not printed: the text is what a caller hears).
    Hears {
        text: String,
        segments: Vec<String>,
    },
    LambdaAnswered {
        response: BTreeMap<String, String>,
    },
    LambdaFailed {
        reason: String,
    },
    AttributesSet {
        attributes: BTreeMap<String, String>,
    },
    /// A Compare: the value it looked at and the branch it took.
    Compared {
        path: String,
        value: String,
        outcome: String,
    },
    Pressed {
        key: char,
        outcome: String,
    },
    Silent {
        seconds: u32,
        outcome: String,
    },
    /// Keys pressed into a Store customer input block, terminator included.
    Keyed {
        keys: String,
        outcome: String,
    },
    /// An error branch taken (the prompt could not play, ...).
    ErrorBranch {
        error_type: String,
        reason: String,
        next: String,
    },
    Next {
        next: String,
    },
    Disconnected,
}

/// The whole call: a header naming the setup, then the events in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Transcript {
    pub header: Vec<String>,
    pub events: Vec<Event>,
    /// Every transition the call took, in order (for flow coverage; not printed).
    pub taken: Vec<super::coverage::Transition>,
}

impl Transcript {
    /// Every prompt in order, as the caller heard it.
    pub fn heard(&self) -> Vec<&str> {
        self.events
            .iter()
            .filter_map(|event| match &event.what {
                What::Hears { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

impl fmt::Display for Transcript {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.header {
            writeln!(f, "{line}")?;
        }
        for event in &self.events {
            write!(f, "[{}] ", event.action)?;
            match &event.what {
                What::Logging { behavior } => writeln!(f, "flow logging {behavior}")?,
                What::Voice { voice, engine } => match engine {
                    Some(engine) => writeln!(f, "voice {voice} ({engine})")?,
                    None => writeln!(f, "voice {voice}")?,
                },
                What::Hears { text, .. } => writeln!(f, "caller hears: {text}")?,
                What::LambdaAnswered { response } => {
                    writeln!(f, "Lambda answered:")?;
                    write_map(f, response)?;
                }
                What::LambdaFailed { reason } => writeln!(f, "Lambda failed: {reason}")?,
                What::AttributesSet { attributes } => {
                    writeln!(f, "contact attributes set:")?;
                    write_map(f, attributes)?;
                }
                What::Compared {
                    path,
                    value,
                    outcome,
                } => writeln!(f, "{path} is {value:?}: {outcome}")?,
                What::Pressed { key, outcome } => writeln!(f, "caller presses {key}: {outcome}")?,
                What::Silent { seconds, outcome } => {
                    writeln!(f, "caller presses nothing for {seconds} s: {outcome}")?
                }
                What::Keyed { keys, outcome } => writeln!(f, "caller keys {keys}: {outcome}")?,
                What::ErrorBranch {
                    error_type,
                    reason,
                    next,
                } => writeln!(f, "{reason}: {error_type} -> {next}")?,
                What::Next { next } => writeln!(f, "-> {next}")?,
                What::Disconnected => writeln!(f, "call ends")?,
            }
        }
        Ok(())
    }
}

fn write_map(f: &mut fmt::Formatter<'_>, map: &BTreeMap<String, String>) -> fmt::Result {
    for (key, value) in map {
        writeln!(f, "    {key} = {value}")?;
    }
    Ok(())
}
