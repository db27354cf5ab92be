//! What the load test sends: a fixed mix of callers in two phases, each call a Connect
//! `ContactFlowEvent`, in a seeded order so every run sends the same calls.

use serde_json::{json, Value};
use test_support::connect::{distinct_number, ContactFlowEvent};
use vanity_engine::contract;

/// What kind of caller an invocation stands for; it decides the expected answer and record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Distinct,
    ReturningFirst,
    ReturningAgain,
    Withheld,
    /// One of three identical invocations (same contact id) sent at once.
    Retried,
    /// The flow's second invocation on a call: the caller pressed 1 to keep the best result.
    Chose,
}

#[derive(Debug, Clone)]
pub struct Call {
    pub kind: Kind,
    pub contact_id: String,
    /// The caller's number, `None` for every withheld form.
    pub number: Option<String>,
    pub event: Value,
}

/// The calls in two phases: the second starts when the first is answered, so a returning
/// caller's earlier call is on record before they call again, and a caller's choice follows
/// the lookup of the same call. Proportions: 10% withheld, 15% in triples of one contact id,
/// 30% returning callers (two calls each), 5% choices on distinct callers' calls, the rest
/// distinct.
pub fn plan(invocations: usize) -> (Vec<Vec<Call>>, Vec<Vec<Call>>) {
    let withheld_count = invocations / 10;
    let triples = invocations * 5 / 100;
    let returning = invocations * 15 / 100;
    let choices = invocations * 5 / 100;
    let distinct = invocations - withheld_count - 3 * triples - 2 * returning - choices;
    let mut first: Vec<Vec<Call>> = Vec::new();
    let mut second: Vec<Vec<Call>> = Vec::new();
    // Each group is sent back to back, so a triple is in flight together.
    for i in 0..distinct {
        let lookup = caller(Kind::Distinct, &format!("d-{i:05}"), distinct_number(i));
        // Every other first-phase caller (while choices remain) keeps result 1 afterwards.
        if i % 4 == 0 && i / 4 < choices {
            second.push(vec![choose(&lookup)]);
        }
        let phase = if i % 2 == 0 { &mut first } else { &mut second };
        phase.push(vec![lookup]);
    }
    for i in 0..returning {
        let number = distinct_number(1_000_000 + i);
        first.push(vec![caller(
            Kind::ReturningFirst,
            &format!("r1-{i:05}"),
            number.clone(),
        )]);
        second.push(vec![caller(
            Kind::ReturningAgain,
            &format!("r2-{i:05}"),
            number,
        )]);
    }
    for i in 0..withheld_count {
        let phase = if i % 2 == 0 { &mut first } else { &mut second };
        phase.push(vec![withheld(&format!("w-{i:05}"), i)]);
    }
    for i in 0..triples {
        let call = caller(
            Kind::Retried,
            &format!("t-{i:05}"),
            distinct_number(2_000_000 + i),
        );
        first.push(vec![call.clone(), call.clone(), call]);
    }
    shuffle(&mut first, 0x5eed_0001);
    shuffle(&mut second, 0x5eed_0002);
    (first, second)
}

fn caller(kind: Kind, contact_id: &str, number: String) -> Call {
    Call {
        kind,
        contact_id: contact_id.to_string(),
        event: ContactFlowEvent::new(contact_id, number.as_str()).build(),
        number: Some(number),
    }
}

/// The choose invocation the flow sends on `lookup`'s call when the caller presses 1.
fn choose(lookup: &Call) -> Call {
    let mut event = lookup.event.clone();
    event["Details"]["Parameters"] = json!({
        contract::ACTION: contract::Invocation::Choose.as_str(),
        contract::CHOICE: "1",
    });
    Call {
        kind: Kind::Chose,
        event,
        ..lookup.clone()
    }
}

/// The forms a withheld number takes in Connect events, in turn.
pub fn withheld(contact_id: &str, i: usize) -> Call {
    let event = match i % 5 {
        0 => ContactFlowEvent::new(contact_id, Value::Null),
        1 => ContactFlowEvent::new(contact_id, "anonymous"),
        2 => ContactFlowEvent::new(contact_id, ""),
        3 => ContactFlowEvent::new(contact_id, "Restricted"),
        _ => ContactFlowEvent::new(contact_id, Value::Null).customer_endpoint(Value::Null),
    };
    Call {
        kind: Kind::Withheld,
        contact_id: contact_id.to_string(),
        number: None,
        event: event.build(),
    }
}

/// A fixed-seed Fisher-Yates shuffle (xorshift64), so every run sends the same order.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(i, (state % (i as u64 + 1)) as usize);
    }
}
