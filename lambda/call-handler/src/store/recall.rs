//! What a returning caller is reminded of, decided from their latest other call alone, so the
//! DynamoDB store (which reads only a caller's newest calls) and the in-memory store (which
//! sees them all) give the same answer for the same history.
//!
//! The rule: only the caller's latest other call counts. When it has expired (DynamoDB's TTL
//! deletes late), the caller is not returning. Otherwise they are, and they are reminded of the
//! number they chose on that call, or, when they chose none, of its best result; a call without
//! results leaves nothing to remind them of. "Last time" is always their last call.

use std::time::SystemTime;

use vanity_engine::contract::Remembered;

use super::Recorded;

/// What one other call of the same caller left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierCall {
    pub at: SystemTime,
    /// When its record expires; `None` when it never does.
    pub expires_at: Option<SystemTime>,
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

/// What `others` (the caller's calls other than this one, in any order, expired or not, at
/// least the newest of them) means for a call made `now`.
pub fn recall(others: &[EarlierCall], now: SystemTime) -> Recorded {
    let latest = others
        .iter()
        .max_by_key(|call| call.at)
        .filter(|call| call.expires_at.is_none_or(|expires| expires > now));
    let Some(latest) = latest else {
        return Recorded {
            returning: false,
            last: None,
        };
    };
    let last = match (&latest.chosen_spoken, &latest.best_spoken) {
        (Some(chosen), _) => Some(LastTime {
            kind: Remembered::Choice,
            spoken: chosen.clone(),
        }),
        (None, Some(best)) => Some(LastTime {
            kind: Remembered::Best,
            spoken: best.clone(),
        }),
        (None, None) => None,
    };
    Recorded {
        returning: true,
        last,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    const DAY: u64 = 86_400;

    fn call(day: u64, best: Option<&str>, chosen: Option<&str>) -> EarlierCall {
        EarlierCall {
            at: UNIX_EPOCH + Duration::from_secs(day * DAY),
            expires_at: Some(UNIX_EPOCH + Duration::from_secs((day + 30) * DAY)),
            best_spoken: best.map(str::to_string),
            chosen_spoken: chosen.map(str::to_string),
        }
    }

    #[test]
    fn only_the_latest_unexpired_call_counts() {
        // (other calls, returning, what is remembered), for a call on day 10.
        type Case = (Vec<EarlierCall>, bool, Option<(Remembered, &'static str)>);
        let forever = |mut call: EarlierCall| {
            call.expires_at = None;
            call
        };
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
            // The latest call decides, even when an earlier one had a choice.
            (
                vec![call(2, Some("b"), None), call(1, Some("a"), Some("c"))],
                true,
                Some((Remembered::Best, "b")),
            ),
            (
                vec![call(5, Some("b"), Some("y")), call(3, Some("a"), Some("x"))],
                true,
                Some((Remembered::Choice, "y")),
            ),
            (
                vec![call(5, None, None), call(1, Some("a"), None)],
                true,
                None,
            ),
            // Expired (day -25 + 30 = day 5 < day 10): not returning, whatever came before.
            (
                vec![call(0, Some("a"), None), {
                    let mut c = call(2, Some("b"), Some("c"));
                    c.expires_at = Some(UNIX_EPOCH + Duration::from_secs(5 * DAY));
                    c
                }],
                false,
                None,
            ),
            (
                vec![forever(call(0, Some("a"), None))],
                true,
                Some((Remembered::Best, "a")),
            ),
        ];
        let now = UNIX_EPOCH + Duration::from_secs(10 * DAY);
        for (others, returning, last) in cases {
            let recorded = recall(&others, now);
            assert_eq!(recorded.returning, returning, "{others:?}");
            let got = recorded.last.map(|l| (l.kind, l.spoken));
            let want = last.map(|(kind, spoken)| (kind, spoken.to_string()));
            assert_eq!(got, want, "{others:?}");
            // The order the store hands them over in does not matter.
            let mut reversed = others.clone();
            reversed.reverse();
            assert_eq!(recall(&reversed, now).returning, returning, "{others:?}");
        }
    }
}
