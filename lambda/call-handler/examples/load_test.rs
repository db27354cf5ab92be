//! Load test: the release call-handler behind a local Lambda runtime API, against moto on
//! loopback, with many calls in flight. Run by `scripts/load-test.sh`, which builds the zip:
//!
//!     cargo run -p call-handler --example load_test -- --bootstrap PATH/bootstrap \
//!         [--invocations 1000] [--concurrency 50] [--time-limit-seconds 8] [--max-seconds 300]
//!
//! The calls are a fixed mix: distinct callers, returning callers (a first call, then a second
//! one from the same number once the first has been answered), withheld numbers, and Connect's
//! retry case, the same contact id sent three times at once. Every answer is checked against the
//! engine, then the table: every stored call present and whole (lost = 0), no call stored twice
//! or stored when it should not be (duplicated = 0), every returning caller recognised. One
//! summary line; exit 1 when anything is off. Bounded: a fixed number of calls, each within the
//! flow's time limit, the whole run within `--max-seconds`; every address is 127.0.0.1.

#[allow(dead_code)] // the tests' helpers: this uses moto, the client and the table only
#[path = "../tests/support/mod.rs"]
mod support;

mod local_lambda;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;
use call_handler::{schema, settings};
use hyper::body::Bytes;
use local_lambda::functions::Functions;
use local_lambda::report::{ms, percentile, Args};
use local_lambda::runtime_api::{Outcome, RuntimeApi};
use serde_json::{json, Value};
use tokio::sync::Semaphore;
use vanity_engine::contract::{self, Remembered, Status};

const TABLE: &str = "vanity-calls-load";
const RESULT_COUNT: usize = 5;

/// What kind of caller an invocation stands for; it decides the expected answer and record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
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
struct Call {
    kind: Kind,
    contact_id: String,
    /// The caller's number, `None` for every withheld form.
    number: Option<String>,
    event: Value,
}

/// What an invocation ended as, from the driver's side.
struct Finished {
    call: Call,
    latency: Duration,
    outcome: Result<HashMap<String, String>, String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("load_test: {error}");
            ExitCode::from(2)
        }
    }
}

async fn run() -> Result<bool, String> {
    let args = Args::parse(&[
        "bootstrap",
        "invocations",
        "concurrency",
        "time-limit-seconds",
        "max-seconds",
    ])?;
    let bootstrap = PathBuf::from(args.required("bootstrap")?);
    let invocations: usize = args.get("invocations", 1_000)?;
    let concurrency: usize = args.get("concurrency", 50)?;
    let time_limit = Duration::from_secs(args.get("time-limit-seconds", 8)?);
    let max_run = Duration::from_secs(args.get("max-seconds", 300)?);
    if !(20..=100_000).contains(&invocations) || !(1..=200).contains(&concurrency) {
        return Err("--invocations must be 20..=100000 and --concurrency 1..=200".to_string());
    }
    if !bootstrap.is_file() {
        return Err(format!(
            "{} is not a file: build the Lambda zip first (scripts/load-test.sh does)",
            bootstrap.display()
        ));
    }

    let moto = support::MotoServer::start();
    let client = support::client(&moto.endpoint);
    support::create_table(&client, TABLE).await;
    let api = RuntimeApi::start(time_limit)
        .await
        .map_err(|error| format!("cannot start the runtime API: {error}"))?;
    let env = [
        ("AWS_ACCESS_KEY_ID", "testing".to_string()),
        ("AWS_SECRET_ACCESS_KEY", "testing".to_string()),
        ("AWS_REGION", "us-east-1".to_string()),
        ("AWS_ENDPOINT_URL", moto.endpoint.clone()),
        (settings::ENV_TABLE_NAME, TABLE.to_string()),
        (settings::ENV_RESULT_COUNT, RESULT_COUNT.to_string()),
    ];
    let mut functions = Functions::spawn(&bootstrap, concurrency, &api, &env)
        .map_err(|error| format!("cannot start {}: {error}", bootstrap.display()))?;
    let api = Arc::new(api);
    let started = Instant::now();

    // One withheld call per process first, so the figures below are for warm environments
    // (cold starts are measured on their own by examples/cold_warm.rs). Nothing is stored.
    let warm_up: Vec<Call> = (0..concurrency)
        .map(|i| withheld(&format!("warm-up-{i:04}"), i))
        .collect();
    let warmed = drive(&api, vec![warm_up], concurrency, time_limit, max_run).await;
    if let Some(failed) = warmed.iter().find(|done| done.outcome.is_err()) {
        return Err(format!(
            "warm-up failed: {:?}; init errors: {:?}",
            failed.outcome,
            api.init_errors()
        ));
    }

    let (first, second) = plan(invocations);
    let wall = Instant::now();
    let peak = Arc::new(AtomicUsize::new(0));
    let remaining = max_run.saturating_sub(started.elapsed());
    let finished = drive_counted(
        &api,
        [first, second],
        concurrency,
        time_limit,
        remaining,
        &peak,
    )
    .await;
    let wall = wall.elapsed();

    let verdict = judge(&finished, &client, invocations).await;
    let crashed = functions.exited();
    // Stop the processes while the runtime API still serves them: a process whose poll is
    // refused would report a crash that did not happen.
    drop(functions);
    let mut latencies: Vec<Duration> = finished.iter().map(|done| done.latency).collect();
    latencies.sort();
    println!(
        "load-test: invocations={} concurrency={} answered={} lost={} duplicated={} partial={} \
         wrong={} returning={}/{} chosen={}/{} crashed={} p50={} p99={} max={} wall={:.1}s",
        finished.len(),
        peak.load(Ordering::Relaxed),
        verdict.answered,
        verdict.lost,
        verdict.duplicated,
        verdict.partial,
        verdict.wrong.len(),
        verdict.returning_recognised,
        verdict.returning_expected,
        verdict.choices_kept,
        verdict.choices_expected,
        crashed.len(),
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 99.0)),
        ms(latencies.last().copied().unwrap_or_default()),
        wall.as_secs_f64(),
    );
    for problem in verdict.wrong.iter().take(10) {
        eprintln!("  {problem}");
    }
    for status in &crashed {
        eprintln!("  a function process exited: {status}");
    }
    let ok = finished.len() == invocations
        && verdict.lost == 0
        && verdict.duplicated == 0
        && verdict.partial == 0
        && verdict.wrong.is_empty()
        && verdict.returning_recognised == verdict.returning_expected
        && verdict.choices_kept == verdict.choices_expected
        && crashed.is_empty()
        && peak.load(Ordering::Relaxed) >= concurrency.min(invocations);
    Ok(ok)
}

/// The calls in two phases: the second starts when the first is answered, so a returning
/// caller's earlier call is on record before they call again, and a caller's choice follows
/// the lookup of the same call. Proportions: 10% withheld, 15% in triples of one contact id,
/// 30% returning callers (two calls each), 5% choices on distinct callers' calls, the rest
/// distinct.
fn plan(invocations: usize) -> (Vec<Vec<Call>>, Vec<Vec<Call>>) {
    let withheld_count = invocations / 10;
    let triples = invocations * 5 / 100;
    let returning = invocations * 15 / 100;
    let choices = invocations * 5 / 100;
    let distinct = invocations - withheld_count - 3 * triples - 2 * returning - choices;
    let mut first: Vec<Vec<Call>> = Vec::new();
    let mut second: Vec<Vec<Call>> = Vec::new();
    // Each group is sent back to back, so a triple is in flight together.
    for i in 0..distinct {
        let lookup = caller(Kind::Distinct, &format!("d-{i:05}"), number(i));
        // Every other first-phase caller (while choices remain) keeps result 1 afterwards.
        if i % 4 == 0 && i / 4 < choices {
            second.push(vec![choose(&lookup)]);
        }
        let phase = if i % 2 == 0 { &mut first } else { &mut second };
        phase.push(vec![lookup]);
    }
    for i in 0..returning {
        let number = number(1_000_000 + i);
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
        let call = caller(Kind::Retried, &format!("t-{i:05}"), number(2_000_000 + i));
        first.push(vec![call.clone(), call.clone(), call]);
    }
    shuffle(&mut first, 0x5eed_0001);
    shuffle(&mut second, 0x5eed_0002);
    (first, second)
}

/// A distinct, valid-looking North American number for index `i`: 7919 is prime, so
/// `i * 7919 mod 8,000,000` never repeats for the indexes used here.
fn number(i: usize) -> String {
    format!("+1206{:07}", 2_000_000 + (i * 7_919) % 8_000_000)
}

fn caller(kind: Kind, contact_id: &str, number: String) -> Call {
    Call {
        kind,
        contact_id: contact_id.to_string(),
        event: event(
            contact_id,
            json!({"Address": number, "Type": "TELEPHONE_NUMBER"}),
        ),
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
fn withheld(contact_id: &str, i: usize) -> Call {
    let endpoint = match i % 5 {
        0 => json!({"Address": null, "Type": "TELEPHONE_NUMBER"}),
        1 => json!({"Address": "anonymous", "Type": "TELEPHONE_NUMBER"}),
        2 => json!({"Address": "", "Type": "TELEPHONE_NUMBER"}),
        3 => json!({"Address": "Restricted", "Type": "TELEPHONE_NUMBER"}),
        _ => Value::Null,
    };
    Call {
        kind: Kind::Withheld,
        contact_id: contact_id.to_string(),
        number: None,
        event: event(contact_id, endpoint),
    }
}

/// A Connect `ContactFlowEvent` shaped like `tests/fixtures/normal.json`.
fn event(contact_id: &str, endpoint: Value) -> Value {
    json!({
        "Name": "ContactFlowEvent",
        "Details": {
            "ContactData": {
                "Attributes": {},
                "Channel": "VOICE",
                "ContactId": contact_id,
                "InitialContactId": contact_id,
                "InitiationMethod": "INBOUND",
                "CustomerEndpoint": endpoint,
                "SystemEndpoint": {"Address": "+12065550123", "Type": "TELEPHONE_NUMBER"},
                "LanguageCode": "en-US"
            },
            "Parameters": {}
        }
    })
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

async fn drive(
    api: &Arc<RuntimeApi>,
    groups: Vec<Vec<Call>>,
    concurrency: usize,
    time_limit: Duration,
    max_run: Duration,
) -> Vec<Finished> {
    let peak = Arc::new(AtomicUsize::new(0));
    drive_counted(
        api,
        [groups, Vec::new()],
        concurrency,
        time_limit,
        max_run,
        &peak,
    )
    .await
}

/// Sends each phase's calls with at most `concurrency` in flight, each bounded by `time_limit`,
/// all bounded by `max_run`; records the most calls ever in flight in `peak`.
async fn drive_counted(
    api: &Arc<RuntimeApi>,
    phases: [Vec<Vec<Call>>; 2],
    concurrency: usize,
    time_limit: Duration,
    max_run: Duration,
    peak: &Arc<AtomicUsize>,
) -> Vec<Finished> {
    let deadline = tokio::time::Instant::now() + max_run;
    let slots = Arc::new(Semaphore::new(concurrency));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let mut finished = Vec::new();
    for phase in phases {
        let mut tasks = tokio::task::JoinSet::new();
        for call in phase.into_iter().flatten() {
            let Ok(Ok(permit)) =
                tokio::time::timeout_at(deadline, Arc::clone(&slots).acquire_owned()).await
            else {
                break;
            };
            let api = Arc::clone(api);
            let in_flight = Arc::clone(&in_flight);
            let peak = Arc::clone(peak);
            tasks.spawn(async move {
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                let payload = Bytes::from(call.event.to_string());
                let sent = Instant::now();
                let outcome = tokio::time::timeout(time_limit, api.invoke(payload)).await;
                let latency = sent.elapsed();
                in_flight.fetch_sub(1, Ordering::SeqCst);
                drop(permit);
                let outcome = match outcome {
                    Err(_) => Err(format!("no answer within {time_limit:?}")),
                    Ok(None) => Err("the runtime API shut down".to_string()),
                    Ok(Some(Outcome::Failed(body))) => Err(format!(
                        "invocation error: {}",
                        String::from_utf8_lossy(&body)
                    )),
                    Ok(Some(Outcome::Answered(body))) => flat_map(&body),
                };
                Finished {
                    call,
                    latency,
                    outcome,
                }
            });
        }
        while let Ok(Some(joined)) = tokio::time::timeout_at(deadline, tasks.join_next()).await {
            if let Ok(done) = joined {
                finished.push(done);
            }
        }
    }
    finished
}

/// The answer as the flow reads it: a JSON object whose values are all strings.
fn flat_map(body: &[u8]) -> Result<HashMap<String, String>, String> {
    serde_json::from_slice(body).map_err(|error| {
        format!(
            "the answer is not a flat string map ({error}): {}",
            String::from_utf8_lossy(body)
        )
    })
}

#[derive(Default)]
struct Verdict {
    answered: usize,
    lost: usize,
    duplicated: usize,
    partial: usize,
    wrong: Vec<String>,
    returning_expected: usize,
    returning_recognised: usize,
    choices_expected: usize,
    choices_kept: usize,
}

/// Checks every answer against the engine, then the table against the answered calls.
async fn judge(finished: &[Finished], client: &Client, invocations: usize) -> Verdict {
    let mut verdict = Verdict {
        // A call that never came back counts as lost: the caller heard nothing.
        lost: invocations.saturating_sub(finished.len()),
        ..Verdict::default()
    };
    // (caller, contact id) -> the results the item must hold.
    let mut expected_items: BTreeMap<(String, String), Vec<vanity_engine::Vanity>> =
        BTreeMap::new();
    let mut triple_answers: HashMap<&str, Vec<&HashMap<String, String>>> = HashMap::new();
    // (caller, contact id) -> the display of the result the caller kept.
    let mut chosen: BTreeMap<(String, String), String> = BTreeMap::new();
    for done in finished {
        let call = &done.call;
        let answer = match &done.outcome {
            Ok(answer) => answer,
            Err(problem) => {
                verdict.lost += 1;
                verdict
                    .wrong
                    .push(format!("{}: {problem}", call.contact_id));
                continue;
            }
        };
        verdict.answered += 1;
        let (status, results) = expected_answer(call.number.as_deref());
        if call.kind == Kind::Chose {
            let kept = results.first().map(|best| best.display.clone());
            let expected =
                HashMap::from([(contract::CHOSEN.to_string(), kept.is_some().to_string())]);
            if answer != &expected {
                verdict.wrong.push(format!(
                    "{}: chose {answer:?}, expected {expected:?}",
                    call.contact_id
                ));
            }
            if let (Some(number), Some(display)) = (&call.number, kept) {
                chosen.insert((number.clone(), call.contact_id.clone()), display);
            }
            continue;
        }
        let returning = call.kind == Kind::ReturningAgain;
        if returning {
            verdict.returning_expected += 1;
            if answer.get(contract::RETURNING).map(String::as_str) == Some("true") {
                verdict.returning_recognised += 1;
            }
        }
        if let Some(problem) = mismatch(answer, status, &results, returning) {
            verdict
                .wrong
                .push(format!("{}: {problem}", call.contact_id));
        }
        if let (Some(number), Status::Ok | Status::NoMatches) = (&call.number, status) {
            expected_items.insert((number.clone(), call.contact_id.clone()), results);
        }
        if call.kind == Kind::Retried {
            triple_answers
                .entry(call.contact_id.as_str())
                .or_default()
                .push(answer);
        }
    }
    for (contact_id, answers) in &triple_answers {
        if answers.windows(2).any(|pair| pair[0] != pair[1]) {
            verdict.wrong.push(format!(
                "{contact_id}: the three identical calls were answered differently"
            ));
        }
    }

    verdict.choices_expected = chosen.len();
    let items = match scan(client).await {
        Ok(items) => items,
        Err(error) => {
            verdict
                .wrong
                .push(format!("cannot read the table: {error}"));
            return verdict;
        }
    };
    let mut seen_contacts = HashSet::new();
    let mut found = HashSet::new();
    for item in &items {
        let text = |name: &str| item.get(name).and_then(|v| v.as_s().ok()).cloned();
        let key = (
            text(schema::PARTITION_KEY).unwrap_or_default(),
            text(schema::SORT_KEY).unwrap_or_default(),
        );
        if !seen_contacts.insert(key.1.clone()) {
            verdict.duplicated += 1;
            verdict
                .wrong
                .push(format!("{}: stored more than once", key.1));
            continue;
        }
        match expected_items.get(&key) {
            None => {
                verdict.duplicated += 1;
                verdict
                    .wrong
                    .push(format!("{}: stored but should not be", key.1));
            }
            Some(results) => {
                let kept = item
                    .get(schema::CHOICE_ATTRIBUTE)
                    .and_then(|choice| choice.as_m().ok())
                    .and_then(|choice| choice.get(schema::CHOICE_DISPLAY))
                    .and_then(|display| display.as_s().ok());
                if kept.is_some() && kept == chosen.get(&key) {
                    verdict.choices_kept += 1;
                }
                if kept != chosen.get(&key) {
                    verdict.lost += usize::from(kept.is_none());
                    verdict.wrong.push(format!(
                        "{}: choice on record {kept:?}, expected {:?}",
                        key.1,
                        chosen.get(&key)
                    ));
                }
                if let Some(problem) = incomplete(item, results) {
                    verdict.partial += 1;
                    verdict.wrong.push(format!("{}: {problem}", key.1));
                }
                found.insert(key);
            }
        }
    }
    for key in expected_items.keys().filter(|key| !found.contains(*key)) {
        verdict.lost += 1;
        verdict
            .wrong
            .push(format!("{}: answered but not stored", key.1));
    }
    verdict
}

/// The status and results the handler must give `number`, by the engine's own answer.
fn expected_answer(number: Option<&str>) -> (Status, Vec<vanity_engine::Vanity>) {
    let Some(number) = number else {
        return (Status::NoCallerId, Vec::new());
    };
    match vanity_engine::vanity_numbers(number, RESULT_COUNT) {
        Ok(results) if results.is_empty() => (Status::NoMatches, results),
        Ok(results) => (Status::Ok, results),
        Err(vanity_engine::NumberError::Missing) => (Status::NoCallerId, Vec::new()),
        Err(_) => (Status::InvalidNumber, Vec::new()),
    }
}

fn mismatch(
    answer: &HashMap<String, String>,
    status: Status,
    results: &[vanity_engine::Vanity],
    returning: bool,
) -> Option<String> {
    // A returning caller who chose nothing last time is offered last time's best result (the
    // same number had the same results then; none means nothing to remember).
    let remembered = if returning && !results.is_empty() {
        Remembered::Best
    } else {
        Remembered::Nothing
    };
    let mut expected = HashMap::from([
        (contract::STATUS.to_string(), status.as_str().to_string()),
        (contract::COUNT.to_string(), results.len().to_string()),
        (contract::RETURNING.to_string(), returning.to_string()),
        (
            contract::REMEMBERED.to_string(),
            remembered.as_str().to_string(),
        ),
    ]);
    for (index, vanity) in results.iter().enumerate() {
        expected.insert(contract::vanity_key(index + 1), vanity.display.clone());
        expected.insert(contract::spoken_key(index + 1), vanity.spoken.clone());
    }
    let wrong = expected
        .iter()
        .any(|(key, value)| answer.get(key) != Some(value));
    // Nothing beyond what was expected, except what last time's call left to say.
    let allowed =
        |key: &String| expected.contains_key(key) || (returning && key == contract::LAST_SPOKEN);
    let extra = answer.keys().any(|key| !allowed(key));
    (wrong || extra).then(|| format!("answered {answer:?}, expected {expected:?}"))
}

/// Why a stored item is not the whole record of its call, if it is not.
fn incomplete(
    item: &HashMap<String, AttributeValue>,
    results: &[vanity_engine::Vanity],
) -> Option<String> {
    for name in [schema::CALLED_AT_ATTRIBUTE, schema::TTL_ATTRIBUTE] {
        if item.get(name).and_then(|v| v.as_n().ok()).is_none() {
            return Some(format!("item has no number {name}"));
        }
    }
    let stored: Vec<Option<&String>> = item
        .get(schema::RESULTS_ATTRIBUTE)
        .and_then(|v| v.as_l().ok())
        .map(|list| {
            list.iter()
                .map(|r| {
                    r.as_m()
                        .ok()
                        .and_then(|m| m.get(schema::RESULT_DISPLAY))
                        .and_then(|d| d.as_s().ok())
                })
                .collect()
        })
        .unwrap_or_default();
    let wanted: Vec<Option<&String>> = results.iter().map(|v| Some(&v.display)).collect();
    (stored != wanted).then(|| format!("item results {stored:?}, expected {wanted:?}"))
}

/// Every item in the table, strongly consistent, page by page.
async fn scan(client: &Client) -> Result<Vec<HashMap<String, AttributeValue>>, String> {
    let mut items = Vec::new();
    let mut start = None;
    loop {
        let page = client
            .scan()
            .table_name(TABLE)
            .consistent_read(true)
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|error| aws_sdk_dynamodb::error::DisplayErrorContext(error).to_string())?;
        items.extend(page.items().iter().cloned());
        match page.last_evaluated_key() {
            Some(key) if !key.is_empty() => start = Some(key.clone()),
            _ => return Ok(items),
        }
    }
}
