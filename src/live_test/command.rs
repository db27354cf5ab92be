//! `connect-vanity test-line` (and `deploy --test-line`): reads the rendered test cases and the
//! deployed stack's ids, builds the Connect client, runs [`super::run`] and prints one line
//! per scenario. Exit 1 when any scenario failed.

use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Duration;

use anyhow::Context;

use super::cases::{self, with_lambda_arn};
use super::outputs::{self, StackIds};
use super::run::{self, Case, Poll, Verdict};
use super::{case_name, language, SCENARIOS};
use crate::config::Config;
use crate::error::BadInput;

/// Regions where Amazon Connect offers test cases and simulation (What's New, 2026-02-02:
/// <https://aws.amazon.com/about-aws/whats-new/2026/02/amazon-connect-provides-apis-test-simulate-voice-interactions/>).
pub const REGIONS: [&str; 11] = [
    "ap-south-1",
    "af-south-1",
    "eu-central-1",
    "us-east-1",
    "ap-northeast-2",
    "eu-west-2",
    "ap-northeast-1",
    "us-west-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
];

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
    if !REGIONS.contains(&config.region.as_str()) {
        return Err(BadInput(format!(
            "region {}: Amazon Connect test cases run only in {}; test the line with `connect-vanity call` instead",
            config.region,
            REGIONS.join(", ")
        ))
        .into());
    }
    let ids = stack_ids(out)?;
    let cases = read_cases(config, out, &ids)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime for the Connect client")?;
    writeln!(
        progress,
        "Running {} scenarios on instance {} (flow {}); this takes a few minutes...",
        cases.len(),
        ids.instance_id,
        ids.contact_flow_id
    )?;
    let outcomes = runtime.block_on(async {
        let client = client(&config.region).await;
        run::run(&client, &ids, &cases, poll).await
    });
    let outcomes = outcomes.map_err(|why| anyhow::anyhow!("{why}"))?;
    report(&outcomes, progress)
}

/// Prints one line per scenario and a summary; exit 1 when any failed.
pub fn report(outcomes: &[run::Outcome], progress: &mut dyn Write) -> anyhow::Result<ExitCode> {
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

/// The ids from `terraform -chdir=OUT output -json` (`TERRAFORM` names another terraform).
fn stack_ids(out: &Path) -> anyhow::Result<StackIds> {
    let terraform = std::env::var_os("TERRAFORM").unwrap_or_else(|| "terraform".into());
    let shown = out.display().to_string();
    let done = Command::new(&terraform)
        .arg(format!("-chdir={shown}"))
        .args(["output", "-json"])
        .output()
        .with_context(|| format!("running `terraform -chdir={shown} output -json` (install Terraform, or set TERRAFORM)"))?;
    if !done.status.success() {
        return Err(BadInput(format!(
            "`terraform -chdir={shown} output -json` failed: {}; deploy the stack first",
            String::from_utf8_lossy(&done.stderr).trim()
        ))
        .into());
    }
    Ok(outputs::parse(
        &String::from_utf8_lossy(&done.stdout),
        &shown,
    )?)
}

/// The rendered test cases in `out`, checked and with the call-handler's ARN filled in.
fn read_cases(config: &Config, out: &Path, ids: &StackIds) -> anyhow::Result<Vec<Case>> {
    SCENARIOS
        .iter()
        .map(|scenario| {
            let path = out.join(scenario.file);
            let text = std::fs::read_to_string(&path).map_err(|e| {
                BadInput(format!(
                    "{}: {e}; run `connect-vanity render` (or deploy) first",
                    path.display()
                ))
            })?;
            let document: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
                BadInput(format!(
                    "{}: not JSON ({e}); run `connect-vanity render`",
                    path.display()
                ))
            })?;
            let problems = language::check(&document);
            if !problems.is_empty() {
                return Err(BadInput(format!(
                    "{}: not a valid test case: {}; run `connect-vanity render`",
                    path.display(),
                    problems.join("; ")
                ))
                .into());
            }
            Ok(Case {
                scenario: scenario.name,
                name: case_name(&config.name, scenario.name),
                description: format!("connect-vanity: the caller {}.", scenario.what),
                content: with_lambda_arn(&text, &ids.function_arn),
                source_phone_number: super::CALLER.to_string(),
                expected: cases::expectations(&document),
            })
        })
        .collect()
}

/// The Connect client for `region` (unless AWS_REGION says otherwise), with the one HTTPS
/// client the workspace uses and the SDK's standard retries, which retry throttling.
async fn client(region: &str) -> aws_sdk_connect::Client {
    let mut loader = aws_setup::loader();
    if std::env::var_os("AWS_REGION").is_none() && std::env::var_os("AWS_DEFAULT_REGION").is_none()
    {
        loader = loader.region(aws_config::Region::new(region.to_string()));
    }
    aws_sdk_connect::Client::new(&loader.load().await)
}
