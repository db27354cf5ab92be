//! Cold and warm latency of the release call-handler behind a local Lambda runtime API, with
//! the table in moto on loopback. Run by `scripts/cold-warm.sh`, which builds the zip:
//!
//!     cargo run -p call-handler --example cold_warm -- --bootstrap PATH/bootstrap \
//!         [--cold-starts 10] [--warm-calls 300]
//!
//! Cold: an invocation is queued, then a new process is started; the figure is the time from
//! starting the process to its answer (process start, settings, SDK client, first event, engine,
//! first DynamoDB connection and write). Warm: one process answers calls one after another,
//! each a new caller whose call is stored; the figures are the p50 and p99 of those.
//! Both exclude what real Lambda adds (download of the zip, the microVM), so they are the
//! function's own share.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use call_handler::settings;
use hyper::body::Bytes;
use test_support::connect::{distinct_number, ContactFlowEvent};
use test_support::local_lambda::functions::Functions;
use test_support::local_lambda::report::{ms, percentile, Args};
use test_support::local_lambda::runtime_api::{Outcome, RuntimeApi};
use test_support::moto::{client, create_table, MotoServer};
use vanity_engine::contract;

const TABLE: &str = "vanity-calls-latency";
/// Connect's longest wait for a Lambda; nothing here may take longer.
const TIME_LIMIT: Duration = Duration::from_secs(8);

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cold_warm: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let args = Args::parse(&["bootstrap", "cold-starts", "warm-calls"])?;
    let bootstrap = PathBuf::from(args.required("bootstrap")?);
    let cold_starts: usize = args.get("cold-starts", 10)?;
    let warm_calls: usize = args.get("warm-calls", 300)?;
    if !(1..=100).contains(&cold_starts) || !(10..=10_000).contains(&warm_calls) {
        return Err("--cold-starts must be 1..=100 and --warm-calls 10..=10000".to_string());
    }
    let moto = MotoServer::start();
    create_table(&client(&moto.endpoint), TABLE).await;
    // A new runtime API for every process: a killed process's pending poll for the next
    // event would otherwise take the next process's first invocation (see RuntimeApi).
    let new_api = || async {
        RuntimeApi::start(TIME_LIMIT)
            .await
            .map(Arc::new)
            .map_err(|error| format!("cannot start the runtime API: {error}"))
    };
    let mut env = moto.function_env();
    env.push((settings::ENV_TABLE_NAME, TABLE.to_string()));
    let mut call_index = 0;
    let mut next_event = || {
        call_index += 1;
        event(call_index)
    };

    let mut cold = Vec::with_capacity(cold_starts);
    for _ in 0..cold_starts {
        let api = new_api().await?;
        let invoking = {
            let api = Arc::clone(&api);
            let payload = next_event();
            tokio::spawn(async move { api.invoke(payload).await })
        };
        let started = Instant::now();
        let functions = Functions::spawn(&bootstrap, 1, &api, &env, None)
            .map_err(|error| format!("cannot start {}: {error}", bootstrap.display()))?;
        let answered = tokio::time::timeout(TIME_LIMIT, invoking).await;
        let elapsed = started.elapsed();
        check(answered.ok().and_then(Result::ok).flatten(), &api)?;
        cold.push(elapsed);
        drop(functions);
    }

    let api = new_api().await?;
    let mut functions = Functions::spawn(&bootstrap, 1, &api, &env, None)
        .map_err(|error| format!("cannot start {}: {error}", bootstrap.display()))?;
    // The first call of this process is a cold one; leave it out of the warm figures.
    let first = tokio::time::timeout(TIME_LIMIT, api.invoke(next_event())).await;
    check(first.ok().flatten(), &api)?;
    let mut warm = Vec::with_capacity(warm_calls);
    for _ in 0..warm_calls {
        let started = Instant::now();
        let answered = tokio::time::timeout(TIME_LIMIT, api.invoke(next_event())).await;
        warm.push(started.elapsed());
        check(answered.ok().flatten(), &api)?;
    }
    if let Some(status) = functions.exited().first() {
        return Err(format!("the function process exited: {status}"));
    }
    drop(functions);

    cold.sort();
    warm.sort();
    println!(
        "cold-warm: cold_starts={} cold_p50={} cold_max={} warm_calls={} warm_p50={} warm_p99={} warm_max={}",
        cold.len(),
        ms(percentile(&cold, 50.0)),
        ms(cold.last().copied().unwrap_or_default()),
        warm.len(),
        ms(percentile(&warm, 50.0)),
        ms(percentile(&warm, 99.0)),
        ms(warm.last().copied().unwrap_or_default()),
    );
    Ok(())
}

/// A new caller each time (so every call is stored).
fn event(index: usize) -> Bytes {
    let contact_id = format!("latency-{index:05}");
    let event = ContactFlowEvent::new(&contact_id, distinct_number(index)).build();
    Bytes::from(event.to_string())
}

/// A timing only counts when the call was really answered with a status.
fn check(outcome: Option<Outcome>, api: &RuntimeApi) -> Result<(), String> {
    match outcome {
        Some(Outcome::Answered(body)) => {
            let answer: serde_json::Value = serde_json::from_slice(&body)
                .map_err(|error| format!("the answer is not JSON ({error})"))?;
            match answer.get(contract::STATUS) {
                Some(_) => Ok(()),
                None => Err(format!("the answer has no {}: {answer}", contract::STATUS)),
            }
        }
        Some(Outcome::Failed(body)) => Err(format!(
            "invocation error: {}",
            String::from_utf8_lossy(&body)
        )),
        None => Err(format!(
            "no answer within {TIME_LIMIT:?}; init errors: {:?}",
            api.init_errors()
        )),
    }
}
