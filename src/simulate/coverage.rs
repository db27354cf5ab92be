//! Flow coverage: which of a flow's transitions simulated calls walk.
//!
//! A transition is one way out of one action: its `NextAction`, each error branch, each
//! condition. [`transitions`] lists every one a flow declares; the interpreter records each one
//! a call takes (in [`super::transcript::Transcript::taken`]); [`Coverage`] compares the two.
//! Both sides are read from the flow JSON itself, so coverage follows the flow as it changes.

use std::collections::BTreeSet;
use std::fmt;

use crate::flow::model::{ConditionBranch, ErrorType, Flow};

/// One way out of one action.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Transition {
    pub from: String,
    pub branch: Branch,
    pub to: String,
}

/// Which of an action's ways out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Branch {
    Next,
    /// An error branch, by error type (`NoMatchingError`, `InputTimeLimitExceeded`, ...).
    Error(String),
    /// A condition, as `OPERATOR OPERAND` (for example `Equals 1`).
    Condition(String),
}

impl Branch {
    pub fn condition(branch: &ConditionBranch) -> Branch {
        let condition = &branch.condition;
        Branch::Condition(format!(
            "{} {}",
            condition.operator,
            condition.operands.join(" ")
        ))
    }
}

impl fmt::Display for Transition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let branch = match &self.branch {
            Branch::Next => "NextAction".to_string(),
            Branch::Error(error_type) => format!("error {error_type}"),
            Branch::Condition(condition) => format!("condition {condition}"),
        };
        write!(f, "{} --{branch}--> {}", self.from, self.to)
    }
}

/// Every transition `flow` declares that a call can take.
pub fn transitions(flow: &Flow) -> BTreeSet<Transition> {
    let mut all = BTreeSet::new();
    for action in &flow.actions {
        let out = &action.transitions;
        let from = || action.identifier.clone();
        // With conditions and a NoMatchingCondition branch, "no condition chosen" goes to that
        // branch, so NextAction can never run (Transitions in
        // https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html; the
        // interpreter follows the same rule). It is not a transition a call could walk.
        let next_unreachable = !out.conditions.is_empty()
            && out
                .errors
                .iter()
                .any(|e| e.error_type == ErrorType::NoMatchingCondition.as_str());
        if let (Some(next), false) = (&out.next_action, next_unreachable) {
            all.insert(Transition {
                from: from(),
                branch: Branch::Next,
                to: next.clone(),
            });
        }
        for error in &out.errors {
            all.insert(Transition {
                from: from(),
                branch: Branch::Error(error.error_type.clone()),
                to: error.next_action.clone(),
            });
        }
        for condition in &out.conditions {
            all.insert(Transition {
                from: from(),
                branch: Branch::condition(condition),
                to: condition.next_action.clone(),
            });
        }
    }
    all
}

/// The transitions of one flow, and which of them calls have walked.
pub struct Coverage {
    all: BTreeSet<Transition>,
    walked: BTreeSet<Transition>,
}

impl Coverage {
    pub fn new(flow: &Flow) -> Coverage {
        Coverage {
            all: transitions(flow),
            walked: BTreeSet::new(),
        }
    }

    /// Adds the transitions one call took.
    pub fn record<'a>(&mut self, taken: impl IntoIterator<Item = &'a Transition>) {
        self.walked.extend(taken.into_iter().cloned());
    }

    /// Declared transitions no call has taken yet.
    pub fn missing(&self) -> Vec<&Transition> {
        self.all.difference(&self.walked).collect()
    }

    /// Transitions taken that the flow does not declare (a simulator bug if ever non-empty).
    pub fn undeclared(&self) -> Vec<&Transition> {
        self.walked.difference(&self.all).collect()
    }

    pub fn walked_count(&self) -> usize {
        self.all.intersection(&self.walked).count()
    }

    pub fn total(&self) -> usize {
        self.all.len()
    }

    /// One line: `flow coverage: W/T transitions (P%)`.
    pub fn summary(&self) -> String {
        let percent = if self.total() == 0 {
            100.0
        } else {
            100.0 * self.walked_count() as f64 / self.total() as f64
        };
        format!(
            "flow coverage: {}/{} transitions ({percent:.1}%), error branches included",
            self.walked_count(),
            self.total()
        )
    }
}
