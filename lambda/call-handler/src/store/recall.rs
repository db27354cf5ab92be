//! What a returning caller is reminded of, decided from their earlier calls alone, so the
//! DynamoDB store and the in-memory store give the same answer for the same history.
//!
//! The rule: the number they chose on their latest call that has a choice; when they never
//! chose, the best result of their latest call that had results; otherwise nothing.

use std::time::SystemTime;

use vanity_engine::contract::Remembered;

use super::Recorded;

/// What one earlier, unexpired call of the same caller left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierCall {
    pub at: SystemTime,
    /// The speakable form of that call's best result, when it had results.
    pub best_spoken: Option<String>,
    /// The speakable form of what the caller chose on that call, when they chose.
    pub chosen_spoken: Option<String>,
}

/// The number to remind a returning caller of, and why it is that one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastTime {
    /// [`Remembered::Choice`] or [`Remembered::Best`] (never `Nothing`: that is `None`).
    pub kind: Remembered,
    pub spoken: String,
}

/// What `earlier` (the caller's other, unexpired calls, in any order) means for this call.
pub fn recall(earlier: &[EarlierCall]) -> Recorded {
    let latest_with = |pick: fn(&EarlierCall) -> Option<&String>| {
        earlier
            .iter()
            .filter_map(|call| pick(call).map(|spoken| (call.at, spoken)))
            .max_by_key(|(at, _)| *at)
            .map(|(_, spoken)| spoken.clone())
    };
    let last = latest_with(|call| call.chosen_spoken.as_ref())
        .map(|spoken| LastTime {
            kind: Remembered::Choice,
            spoken,
        })
        .or_else(|| {
            latest_with(|call| call.best_spoken.as_ref()).map(|spoken| LastTime {
                kind: Remembered::Best,
                spoken,
            })
        });
    Recorded {
        returning: !earlier.is_empty(),
        last,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn call(day: u64, best: Option<&str>, chosen: Option<&str>) -> EarlierCall {
        EarlierCall {
            at: UNIX_EPOCH + Duration::from_secs(day * 86_400),
            best_spoken: best.map(str::to_string),
            chosen_spoken: chosen.map(str::to_string),
        }
    }

    #[test]
    fn a_choice_beats_a_best_and_later_beats_earlier() {
        // (earlier calls, returning, what is remembered)
        type Case = (Vec<EarlierCall>, bool, Option<(Remembered, &'static str)>);
        let cases: Vec<Case> = vec![
            (vec![], false, None),
            (vec![call(1, None, None)], true, None),
            (
                vec![call(1, Some("a"), None)],
                true,
                Some((Remembered::Best, "a")),
            ),
            (
                vec![call(1, Some("a"), None), call(2, Some("b"), None)],
                true,
                Some((Remembered::Best, "b")),
            ),
            (
                vec![call(2, Some("b"), None), call(1, Some("a"), Some("c"))],
                true,
                Some((Remembered::Choice, "c")),
            ),
            (
                vec![call(3, Some("a"), Some("x")), call(5, Some("b"), Some("y"))],
                true,
                Some((Remembered::Choice, "y")),
            ),
            (
                vec![call(5, None, None), call(1, Some("a"), None)],
                true,
                Some((Remembered::Best, "a")),
            ),
        ];
        for (earlier, returning, last) in cases {
            let recorded = recall(&earlier);
            assert_eq!(recorded.returning, returning, "{earlier:?}");
            let got = recorded.last.map(|l| (l.kind, l.spoken));
            let want = last.map(|(kind, spoken)| (kind, spoken.to_string()));
            assert_eq!(got, want, "{earlier:?}");
        }
    }
}
