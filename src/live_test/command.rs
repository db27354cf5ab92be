//! `connect-vanity test-line` (and `deploy --test-line`): reads the rendered test cases and the
//! deployed stack's ids, builds the Connect client, runs [`super::run`] and prints one line
//! per scenario. Exit 1 when any scenario failed or AWS refused the run; exit 2 when the input
//! did (a test case the service rejects, ids of a stack that is not there).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;

use super::load;
use super::outputs::{self, StackIds};
use super::run::{self, Case, ConnectError, Poll, Report, Verdict};
use crate::config::Config;
use crate::error::BadInput;

/// `connect-vanity test-line`.
pub fn run(args: &crate::cli::TestLineArgs) -> anyhow::Result<ExitCode> {
    let config = crate::config::load_file(&args.stack.config.config)?;
    let poll = Poll {
        limit: Duration::from_secs(args.timeout),
        ..Poll::default()
    };
    test_deployed_line(
        &config,
        &args.stack.out,
        poll,
        &mut std::io::stdout().lock(),
    )
}

/// Runs the live scenarios on the line deployed from `config` into `out`.
pub fn test_deployed_line(
    config: &Config,
    out: &Path,
    poll: Poll,
    progress: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    super::check_region(config)?;
    let ids = outputs::read(out)?;
    let cases = load::cases(config, out, &ids)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime for the Connect client")?;
    runtime.block_on(async {
        let client = client(&config.region).await;
        run_cases(&client, &ids, &cases, poll, progress).await
    })
}

/// Runs `cases` with `client` and reports: the exit code, or the one error that stopped the
/// run (a [`BadInput`] when the input caused it, so `main` exits 2; otherwise exit 1).
pub async fn run_cases(
    client: &aws_sdk_connect::Client,
    ids: &StackIds,
    cases: &[Case],
    poll: Poll,
    progress: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    writeln!(
        progress,
        "Running {} scenarios on instance {} (flow {}); this takes a few minutes...",
        cases.len(),
        ids.instance_id,
        ids.contact_flow_id
    )?;
    match run::run(client, ids, cases, poll).await {
        Ok(report) => self::report(&report, progress),
        Err(error) => Err(stopped(error)),
    }
}

/// The error that stopped a run, typed for `main`'s exit code.
fn stopped(error: ConnectError) -> anyhow::Error {
    if error.caused_by_input() {
        BadInput(error.to_string()).into()
    } else {
        error.into()
    }
}

/// Prints the version line, one line per scenario and a summary; exit 1 when any failed.
pub fn report(report: &Report, progress: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if let Some(line) = report.versions.describe() {
        writeln!(progress, "{line}")?;
    }
    let outcomes = &report.outcomes;
    for outcome in outcomes {
        writeln!(progress, "{outcome}")?;
    }
    let failed = outcomes
        .iter()
        .filter(|o| o.verdict != Verdict::Passed)
        .count();
    if failed == 0 {
        writeln!(
            progress,
            "{} of {} scenarios passed on the live line",
            outcomes.len(),
            outcomes.len()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        progress,
        "{failed} of {} scenarios failed on the live line; each run is in the Amazon Connect console (Test cases)",
        outcomes.len()
    )?;
    Ok(ExitCode::from(1))
}

/// The Connect client for the stack's `region` (the region rule, `aws_setup::loader_for_stack`),
/// with the one HTTPS client the workspace uses and the SDK's standard retries, which retry
/// throttling.
async fn client(region: &str) -> aws_sdk_connect::Client {
    aws_sdk_connect::Client::new(&aws_setup::loader_for_stack(region).load().await)
}

#[cfg(test)]
mod tests {
    use aws_sdk_connect::Client;
    use aws_smithy_mocks::{mock, RuleMode};

    use super::run::tests::{case, client, error_body, ids, FAST};
    use super::*;

    /// What `main` prints and exits with when the run is denied: one line, exit 1 (AWS caused it).
    #[tokio::test]
    async fn a_denied_run_exits_1_with_one_line() {
        let denied = mock!(Client::list_test_cases)
            .sequence()
            .http_status(403, error_body("AccessDeniedException", "not authorized"))
            .build();
        let client = client(RuleMode::Sequential, &[denied]);
        let mut progress = Vec::new();
        let error = run_cases(&client, &ids(), &[case()], FAST, &mut progress)
            .await
            .expect_err("denied");
        let printed = format!("error: {error:#}");
        assert_eq!(crate::error::exit_code_for(&error), 1);
        assert_eq!(printed.lines().count(), 1, "{printed}");
        assert!(printed.contains("AccessDeniedException"), "{printed}");
    }
}
