//! `connect-vanity test-line --dry-run`: the requests a run would send, printed for review and
//! not sent. It reads the same rendered cases and stack outputs as the run ([`super::load`]),
//! so what it prints is what a run sends; it needs no AWS SDK or credentials. Before the
//! first deploy, `terraform output` has no ids, and it shows placeholders in their place.

use std::io::Write;
use std::process::ExitCode;

use super::language::VERSIONS;
use super::load::{self, Case};
use super::outputs::{self, StackIds};

/// `connect-vanity test-line --dry-run`.
pub fn run(args: &crate::cli::TestLineArgs) -> anyhow::Result<ExitCode> {
    let config = crate::config::load_file(&args.stack.config.config)?;
    super::check_region(&config)?;
    let (ids, missing) = match outputs::read(&args.stack.out) {
        Ok(ids) => (ids, None),
        Err(why) => (placeholders(), Some(why.to_string())),
    };
    let cases = load::cases(&config, &args.stack.out, &ids)?;
    let mut out = std::io::stdout().lock();
    print(&mut out, &ids, missing.as_deref(), &cases, args.timeout)?;
    Ok(ExitCode::SUCCESS)
}

/// Stand-ins for a stack not deployed yet.
fn placeholders() -> StackIds {
    StackIds {
        instance_id: "<instance_id>".to_string(),
        contact_flow_id: "<contact_flow_id>".to_string(),
        function_arn: "<function_arn>".to_string(),
    }
}

/// Prints every request in the order a run sends them.
pub fn print(
    out: &mut dyn Write,
    ids: &StackIds,
    missing: Option<&str>,
    cases: &[Case],
    timeout: u64,
) -> std::io::Result<()> {
    writeln!(out, "Dry run: nothing is sent. A run would send, in order:")?;
    if let Some(why) = missing {
        writeln!(
            out,
            "(no stack outputs: {why}; the ids are shown as placeholders)"
        )?;
    }
    writeln!(
        out,
        "connect:ListTestCases InstanceId={} (every page), to find each case by name",
        ids.instance_id
    )?;
    for case in cases {
        print_case(out, ids, case)?;
    }
    writeln!(
        out,
        "then every 5 s, for at most {timeout} s: connect:GetTestCaseExecutionSummary for each execution until it ends; for a failed one, connect:ListTestCaseExecutionRecords (every page); connect:StopTestCaseExecution for one still running at the end"
    )
}

fn print_case(out: &mut dyn Write, ids: &StackIds, case: &Case) -> std::io::Result<()> {
    writeln!(
        out,
        "{}: connect:CreateTestCase, or connect:UpdateTestCase when the instance has a test case named {:?}",
        case.scenario, case.name
    )?;
    writeln!(out, "    InstanceId: {}", ids.instance_id)?;
    writeln!(out, "    Name: {}", case.name)?;
    writeln!(out, "    Description: {}", case.description)?;
    writeln!(
        out,
        "    Status: PUBLISHED (saving as PUBLISHED publishes the case and has the service validate it)"
    )?;
    writeln!(
        out,
        "    EntryPoint: VOICE_CALL, FlowId {}, SourcePhoneNumber {}",
        ids.contact_flow_id, case.source_phone_number
    )?;
    let overrides = match case.overrides() {
        0 => "no Lambda override: the deployed call-handler answers".to_string(),
        count => format!("{count} Lambda override(s) naming {}", ids.function_arn),
    };
    writeln!(
        out,
        "    Content: {} ({} observations, {overrides}), Version {} ({} if the service rejects that)",
        case.file,
        case.document.observations.len(),
        VERSIONS[0],
        VERSIONS[1..].join(", ")
    )?;
    writeln!(
        out,
        "{}: connect:StartTestCaseExecution InstanceId={} TestCaseId=<the id the create or update answers>",
        case.scenario, ids.instance_id
    )
}
