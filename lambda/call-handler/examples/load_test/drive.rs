//! Sends calls to the runtime API with a bounded number in flight, each within the flow's time
//! limit, and records how each ended.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hyper::body::Bytes;
use tokio::sync::Semaphore;

use super::plan::Call;
use test_support::local_lambda::runtime_api::{Outcome, RuntimeApi};

/// What an invocation ended as, from the driver's side.
pub struct Finished {
    pub call: Call,
    pub latency: Duration,
    pub outcome: Result<HashMap<String, String>, String>,
}

pub async fn drive(
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
pub async fn drive_counted(
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
