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
//!
//! `--profiles`: Customer Profiles on (`VANITY_PROFILE_DOMAIN`), the SDK pointed at a stub on
//! loopback (`AWS_ENDPOINT_URL_CUSTOMER_PROFILES`) that answers every SearchProfiles with one
//! profile at once. Against a run without it, the difference is what the lookup adds on the
//! function's side (the client at cold start, building, signing and parsing the request, a
//! loopback round trip, the favoured ranking), not Customer Profiles' own service time.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use call_handler::profile::settings::ENV_PROFILE_DOMAIN;
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
    let args = Args::parse(&["bootstrap", "cold-starts", "warm-calls", "profiles"])?;
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
    let profiles = args.get("profiles", false)?;
    let searches = Arc::new(AtomicUsize::new(0));
    if profiles {
        with_profile_stub(&mut env, Arc::clone(&searches)).await?;
    }
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

    if profiles {
        every_call_searched(&searches, cold_starts + 1 + warm_calls)?;
    }
    cold.sort();
    warm.sort();
    println!(
        "cold-warm: profiles={profiles} cold_starts={} cold_p50={} cold_max={} warm_calls={} warm_p50={} warm_p99={} warm_max={}",
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

/// Turns profiles on for the function and points its Customer Profiles client at the stub.
async fn with_profile_stub(
    env: &mut Vec<(&'static str, String)>,
    searches: Arc<AtomicUsize>,
) -> Result<(), String> {
    let stub = profile_stub(searches).await?;
    env.push((ENV_PROFILE_DOMAIN, "latency".to_string()));
    env.push(("AWS_ENDPOINT_URL_CUSTOMER_PROFILES", stub));
    Ok(())
}

/// Every call searched the stub: a lookup that went elsewhere (and failed fast) would make the
/// figures those of no lookup at all.
fn every_call_searched(searches: &AtomicUsize, answered: usize) -> Result<(), String> {
    let searched = searches.load(Ordering::Relaxed);
    if searched < answered {
        return Err(format!(
            "the profile stub answered {searched} searches for {answered} calls"
        ));
    }
    Ok(())
}

/// A loopback HTTP server that answers every request with one SearchProfiles profile (the
/// only call a lookup makes), keeping connections open as the SDK's client expects. Returns
/// its endpoint URL.
async fn profile_stub(searches: Arc<AtomicUsize>) -> Result<String, String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|error| format!("cannot bind the profile stub: {error}"))?;
    let address = listener
        .local_addr()
        .map_err(|error| format!("profile stub address: {error}"))?;
    let body =
        r#"{"Items":[{"ProfileId":"p-1","FirstName":"Ana","BusinessName":"Emerald City Swing"}]}"#;
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let response = response.clone();
            let searches = Arc::clone(&searches);
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 4096];
                loop {
                    // One request: headers, then Content-Length bytes of body.
                    let Some(end) = find(&buffer, b"\r\n\r\n") else {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                        continue;
                    };
                    let length = content_length(&buffer[..end]);
                    if buffer.len() < end + 4 + length {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                        continue;
                    }
                    buffer.drain(..end + 4 + length);
                    searches.fetch_add(1, Ordering::Relaxed);
                    if socket.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    Ok(format!("http://{address}"))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn content_length(headers: &[u8]) -> usize {
    String::from_utf8_lossy(headers)
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())
                .flatten()
        })
        .unwrap_or(0)
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
