//! Load test: the release call-handler behind a local Lambda runtime API, against moto on
//! loopback, with many calls in flight. Run by `scripts/load-test.sh`, which builds the zip:
//!
//!     cargo run -p call-handler --example load_test -- --bootstrap PATH/bootstrap \
//!         --time-limit-seconds SECONDS [--invocations 1000] [--concurrency 50] \
//!         [--p99-ms 2000] [--max-late-percent 5] [--max-seconds 300]
//!
//! `--time-limit-seconds` is the flow's Lambda limit (`InvocationTimeLimitSeconds`, which the
//! script reads from the rendered flow): each call is waited for that long and no longer, as
//! Connect waits, and a call not answered by then fails the run. The run also fails when the
//! 99th percentile latency exceeds `--p99-ms` (default: the handler's store deadline plus
//! 500 ms, since the handler answers at its deadline whatever the table does) or when more
//! than `--max-late-percent` of the store calls missed that deadline.
//!
//! The calls are a fixed mix: distinct callers, returning callers (a first call, then a second
//! one from the same number once the first has been answered), withheld numbers, and Connect's
//! retry case, the same contact id sent three times at once. Every answer is checked against the
//! engine, then the table: every stored call present and whole (lost = 0), no call stored twice
//! or stored when it should not be (duplicated = 0), every returning caller recognised. A store
//! request that misses the handler's deadline (moto is one Python process; on two cores it
//! falls behind at a few dozen calls in flight) is counted as `late`, apart from lost calls:
//! the handler answered without the table, as designed ([`verdict`]). One summary line; exit 1
//! when anything is off. Bounded: a fixed number of calls, each within the flow's time limit,
//! the whole run within `--max-seconds`; every address is 127.0.0.1.

mod drive;
mod plan;
mod verdict;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use call_handler::settings;
use drive::{drive, drive_counted};
use plan::{plan, withheld, Call};
use test_support::local_lambda::functions::Functions;
use test_support::local_lambda::report::{ms, percentile, Args};
use test_support::local_lambda::runtime_api::RuntimeApi;
use test_support::moto::{client, create_table, MotoServer};

const TABLE: &str = "vanity-calls-load";
const RESULT_COUNT: usize = 5;
/// What the handler may take past its store deadline at the 99th percentile: the engine, the
/// answer, and the runtime API's round trip on a busy machine.
const P99_MARGIN_MS: u64 = 500;

/// What the run must stay within besides losing nothing.
struct Bounds {
    p99: Duration,
    late_percent: usize,
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

/// What the command line asks for.
struct Options {
    bootstrap: PathBuf,
    invocations: usize,
    concurrency: usize,
    time_limit: Duration,
    bounds: Bounds,
    max_run: Duration,
}

fn options() -> Result<Options, String> {
    let args = Args::parse(&[
        "bootstrap",
        "invocations",
        "concurrency",
        "time-limit-seconds",
        "p99-ms",
        "max-late-percent",
        "max-seconds",
    ])?;
    let bootstrap = PathBuf::from(args.required("bootstrap")?);
    let invocations: usize = args.get("invocations", 1_000)?;
    let concurrency: usize = args.get("concurrency", 50)?;
    let time_limit: u64 = args
        .required("time-limit-seconds")?
        .parse()
        .map_err(|_| "--time-limit-seconds must be a whole number of seconds".to_string())?;
    let bounds = Bounds {
        p99: Duration::from_millis(
            args.get("p99-ms", settings::DEFAULT_STORE_TIMEOUT_MS + P99_MARGIN_MS)?,
        ),
        late_percent: args.get("max-late-percent", 5)?,
    };
    if !(20..=100_000).contains(&invocations) || !(1..=200).contains(&concurrency) {
        return Err("--invocations must be 20..=100000 and --concurrency 1..=200".to_string());
    }
    // Amazon Connect lets a flow wait 1 to 8 s for a Lambda (src/connect.rs, MAX_LAMBDA_SECONDS).
    if !(1..=8).contains(&time_limit) || bounds.late_percent > 100 {
        return Err(
            "--time-limit-seconds must be 1..=8 (the flow's limit) and --max-late-percent 0..=100"
                .to_string(),
        );
    }
    if !bootstrap.is_file() {
        return Err(format!(
            "{} is not a file: build the Lambda zip first (scripts/load-test.sh does)",
            bootstrap.display()
        ));
    }
    Ok(Options {
        bootstrap,
        invocations,
        concurrency,
        time_limit: Duration::from_secs(time_limit),
        bounds,
        max_run: Duration::from_secs(args.get("max-seconds", 300)?),
    })
}

async fn run() -> Result<bool, String> {
    let options = options()?;
    let (concurrency, time_limit) = (options.concurrency, options.time_limit);
    let moto = MotoServer::start();
    let client = client(&moto.endpoint);
    create_table(&client, TABLE).await;
    let api = RuntimeApi::start(time_limit)
        .await
        .map_err(|error| format!("cannot start the runtime API: {error}"))?;
    let mut env = moto.function_env();
    env.push((settings::ENV_TABLE_NAME, TABLE.to_string()));
    env.push((settings::ENV_RESULT_COUNT, RESULT_COUNT.to_string()));
    // The most a returning caller is ever told, so the verdict checks every key of the answer.
    env.push((settings::ENV_RECALL, "last_call".to_string()));
    let logs =
        LogDir::new().map_err(|error| format!("cannot make a folder for the logs: {error}"))?;
    let bootstrap = &options.bootstrap;
    let mut functions = Functions::spawn(bootstrap, concurrency, &api, &env, Some(&logs.0))
        .map_err(|error| format!("cannot start {}: {error}", bootstrap.display()))?;
    let api = Arc::new(api);
    let started = Instant::now();

    // One withheld call per process first, so the figures below are for warm environments
    // (cold starts are measured on their own by examples/cold_warm.rs). Nothing is stored.
    let warm_up: Vec<Call> = (0..concurrency)
        .map(|i| withheld(&format!("warm-up-{i:04}"), i))
        .collect();
    let warmed = drive(
        &api,
        vec![warm_up],
        concurrency,
        time_limit,
        options.max_run,
    )
    .await;
    if let Some(failed) = warmed.iter().find(|done| done.outcome.is_err()) {
        return Err(format!(
            "warm-up failed: {:?}; init errors: {:?}",
            failed.outcome,
            api.init_errors()
        ));
    }

    let (first, second) = plan(options.invocations);
    let wall = Instant::now();
    let peak = Arc::new(AtomicUsize::new(0));
    let remaining = options.max_run.saturating_sub(started.elapsed());
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

    let late = verdict::late_stores(&logs.0);
    let verdict = verdict::judge(&finished, &client, options.invocations, &late).await;
    let crashed = functions.exited();
    // Stop the processes while the runtime API still serves them: a process whose poll is
    // refused would report a crash that did not happen.
    drop(functions);
    let peak = peak.load(Ordering::Relaxed);
    Ok(report(&options, &finished, &verdict, &crashed, peak, wall))
}

/// Prints the summary line and what went wrong; whether the run passed.
fn report(
    options: &Options,
    finished: &[drive::Finished],
    verdict: &verdict::Verdict,
    crashed: &[std::process::ExitStatus],
    peak: usize,
    wall: Duration,
) -> bool {
    let bounds = &options.bounds;
    let mut latencies: Vec<Duration> = finished.iter().map(|done| done.latency).collect();
    latencies.sort();
    let p99 = percentile(&latencies, 99.0);
    println!(
        "load-test: invocations={} concurrency={} answered={} lost={} duplicated={} partial={} \
         wrong={} returning={}/{} chosen={}/{} late={}/{} (bound {}%) crashed={} p50={} \
         p99={} (bound {}) max={} limit={}s wall={:.1}s",
        finished.len(),
        peak,
        verdict.answered,
        verdict.lost,
        verdict.duplicated,
        verdict.partial,
        verdict.wrong.len(),
        verdict.returning_recognised,
        verdict.returning_expected,
        verdict.choices_kept,
        verdict.choices_expected,
        verdict.late,
        verdict.stores,
        bounds.late_percent,
        crashed.len(),
        ms(percentile(&latencies, 50.0)),
        ms(p99),
        ms(bounds.p99),
        ms(latencies.last().copied().unwrap_or_default()),
        options.time_limit.as_secs(),
        wall.as_secs_f64(),
    );
    for problem in verdict.wrong.iter().take(10) {
        eprintln!("  {problem}");
    }
    let late_ok = verdict.late_within(bounds.late_percent);
    if !late_ok {
        eprintln!(
            "  more than {}% of the store calls missed the handler's deadline: the store cannot keep \
             up with {} in flight on this machine (moto is one process); try a lower \
             --concurrency",
            bounds.late_percent, options.concurrency
        );
    }
    if p99 > bounds.p99 {
        eprintln!(
            "  p99 {} is over the bound {}: callers waited past the handler's store deadline",
            ms(p99),
            ms(bounds.p99)
        );
    }
    for status in crashed {
        eprintln!("  a function process exited: {status}");
    }
    finished.len() == options.invocations
        && verdict.lost == 0
        && verdict.duplicated == 0
        && verdict.partial == 0
        && verdict.wrong.is_empty()
        && verdict.returning_recognised == verdict.returning_expected
        && verdict.choices_kept == verdict.choices_expected
        && late_ok
        && p99 <= bounds.p99
        && crashed.is_empty()
        && peak >= options.concurrency.min(options.invocations)
}

/// A fresh folder for the function processes' logs, removed when dropped.
struct LogDir(PathBuf);

impl LogDir {
    fn new() -> std::io::Result<LogDir> {
        let path = std::env::temp_dir().join(format!("load-test-logs-{}", std::process::id()));
        std::fs::create_dir_all(&path)?;
        Ok(LogDir(path))
    }
}

impl Drop for LogDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
