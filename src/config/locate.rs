//! Where each value sits in the YAML text, so semantic errors can say `FILE:LINE:COL`.
//!
//! serde_yaml reports positions only for its own parse and type errors. Range and format checks
//! happen after deserialisation, so this module walks the YAML event stream once and records the
//! position of every value under its dotted field path (`lambda.timeout_seconds`, `tags.owner`).

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A 1-based line and column in the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Positions of every value in `text`, keyed by dotted path. Empty when the text does not parse
/// (serde_yaml reports that error with its own position).
pub fn value_positions(text: &str) -> HashMap<String, Position> {
    let mut walker = Walker::default();
    if Parser::new_from_str(text).load(&mut walker, false).is_err() {
        return HashMap::new();
    }
    walker.positions
}

/// One open collection on the path from the root to the current event.
enum Frame {
    /// A mapping; `key` is the key whose value comes next, `None` when a key comes next.
    Mapping {
        key: Option<String>,
    },
    Sequence {
        index: usize,
    },
}

#[derive(Default)]
struct Walker {
    stack: Vec<Frame>,
    path: Vec<String>,
    positions: HashMap<String, Position>,
}

impl Walker {
    /// Called when a value (scalar or collection) starts: records it and returns whether it was
    /// a mapping key rather than a value.
    fn value_starts(&mut self, key_text: Option<&str>, mark: Marker) -> bool {
        match self.stack.last_mut() {
            Some(Frame::Mapping {
                key: pending @ None,
            }) => {
                *pending = Some(key_text.unwrap_or_default().to_string());
                return true;
            }
            Some(Frame::Mapping { key: Some(key) }) => self.path.push(key.clone()),
            Some(Frame::Sequence { index }) => self.path.push(format!("[{index}]")),
            None => {}
        }
        let position = Position {
            line: mark.line(),
            column: mark.col() + 1,
        };
        self.positions
            .insert(self.path.join(".").replace(".[", "["), position);
        false
    }

    /// Called when a value has ended: pops its path segment and advances the parent.
    fn value_ends(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Mapping { key }) => {
                *key = None;
                self.path.pop();
            }
            Some(Frame::Sequence { index }) => {
                *index += 1;
                self.path.pop();
            }
            None => {}
        }
    }
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            // A scalar or alias that is a mapping key opens no value; one that is a value
            // ends as soon as it starts.
            Event::Scalar(text, ..) => {
                let is_key = self.value_starts(Some(&text), mark);
                if !is_key {
                    self.value_ends();
                }
            }
            Event::Alias(_) => {
                let is_key = self.value_starts(None, mark);
                if !is_key {
                    self.value_ends();
                }
            }
            Event::MappingStart(..) => {
                self.value_starts(None, mark);
                self.stack.push(Frame::Mapping { key: None });
            }
            Event::SequenceStart(..) => {
                self.value_starts(None, mark);
                self.stack.push(Frame::Sequence { index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.value_ends();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_with_one_based_positions() {
        let text =
            "name: x\nlambda:\n  timeout_seconds: 9\ntags:\n  owner: me\nlist:\n  - a\n  - b\n";
        let positions = value_positions(text);
        assert_eq!(positions["name"], Position { line: 1, column: 7 });
        assert_eq!(
            positions["lambda.timeout_seconds"],
            Position {
                line: 3,
                column: 20
            }
        );
        assert_eq!(
            positions["tags.owner"],
            Position {
                line: 5,
                column: 10
            }
        );
        assert_eq!(positions["list[1]"], Position { line: 8, column: 5 });
    }

    #[test]
    fn broken_yaml_gives_no_positions() {
        assert!(value_positions("a: [1, 2\n").is_empty());
    }
}
