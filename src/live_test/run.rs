//! The live run against Amazon Connect: find each test case by name, create or update it with
//! status PUBLISHED (saving as PUBLISHED is what publishes and validates it; there is no
//! separate publish call: "The PUBLISHED status will initiate validation on the content",
//! <https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateTestCase.html>), start
//! one execution each, poll them to their end within a bounded time, and report one line per
//! scenario. The poll interval and limit are [`Poll`], so tests run in milliseconds.
//!
//! Where the pages leave a reading open, the run copes with each: the Testing-language
//! `Version` ([`Versions`]), execution states the API's enum does not list (waited on), and
//! execution records over several pages (all read).

mod error;

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use aws_sdk_connect::types::{
    ExecutionRecord, ExecutionRecordStatus, TestCaseEntryPoint, TestCaseEntryPointType,
    TestCaseExecutionStatus, TestCaseStatus, VoiceCallEntryPointParameters,
};
use aws_sdk_connect::Client;
use tokio::time::Instant;

pub use self::error::ConnectError;
use super::language::VERSIONS;
pub use super::load::Case;
use super::outputs::StackIds;

/// How often and for how long the run polls executions.
#[derive(Debug, Clone, Copy)]
pub struct Poll {
    pub interval: Duration,
    /// For all executions together, from the first start. A test runs at most 5 minutes and 5
    /// run at once while the rest wait in the queue (admin guide, "Execute test cases":
    /// <https://docs.aws.amazon.com/connect/latest/adminguide/testing-simulation-execute-test-cases.html>),
    /// so the ten scenarios a line has at most (nine, and `profile-greeting`) fit in two rounds of
    /// 5 minutes.
    pub limit: Duration,
}

impl Default for Poll {
    fn default() -> Self {
        Poll {
            interval: Duration::from_secs(5),
            limit: Duration::from_secs(11 * 60),
        }
    }
}

/// How one scenario ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub scenario: &'static str,
    pub verdict: Verdict,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.verdict {
            Verdict::Passed => write!(f, "PASS {}", self.scenario),
            Verdict::Failed(why) => write!(f, "FAIL {}: {why}", self.scenario),
        }
    }
}

/// Every scenario's outcome, and the Testing-language version the service took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub outcomes: Vec<Outcome>,
    pub versions: Versions,
}

/// The Testing-language versions tried so far: the one the service took, and those it refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Versions {
    /// Index into [`VERSIONS`] of the version the next request carries.
    next: usize,
    pub accepted: Option<&'static str>,
    pub rejected: Vec<&'static str>,
}

impl Versions {
    /// The version the next request carries.
    pub fn current(&self) -> &'static str {
        VERSIONS[self.next.min(VERSIONS.len() - 1)]
    }

    /// Moves on after the service refused the current version; false when none is left.
    fn reject(&mut self) -> bool {
        self.rejected.push(self.current());
        self.next += 1;
        self.accepted.is_none() && self.next < VERSIONS.len()
    }

    /// One line for the report.
    pub fn describe(&self) -> Option<String> {
        let accepted = self.accepted?;
        Some(match self.rejected.as_slice() {
            [] => format!("Testing-language Version {accepted} accepted"),
            rejected => format!(
                "Testing-language Version {accepted} accepted ({} rejected)",
                rejected.join(", ")
            ),
        })
    }
}

/// An execution started and not yet ended: its test case, id and the last status seen.
struct Running {
    test_case: String,
    execution: String,
    last: String,
}

/// Runs every case. `Err` when nothing more can run (listing failed, access denied,
/// throttled): every execution already started is stopped first.
pub async fn run(
    client: &Client,
    ids: &StackIds,
    cases: &[Case],
    poll: Poll,
) -> Result<Report, ConnectError> {
    let instance = ids.instance_id.as_str();
    let existing = list(client, instance).await?;
    let mut versions = Versions::default();
    let mut verdicts: Vec<Option<Verdict>> = vec![None; cases.len()];
    let mut running: BTreeMap<usize, Running> = BTreeMap::new();
    for (index, case) in cases.iter().enumerate() {
        let started = async {
            let id = upsert(client, ids, case, existing.get(&case.name), &mut versions).await?;
            start(client, instance, &id).await
        };
        match started.await {
            Ok(execution) => {
                running.insert(index, execution);
            }
            Err(error) if error.stops_the_run() || error.caused_by_input() => {
                stop_all(client, instance, running.values()).await;
                return Err(error);
            }
            Err(error) => verdicts[index] = Some(Verdict::Failed(error.to_string())),
        }
    }
    poll_all(client, instance, cases, &mut running, &mut verdicts, poll).await;
    let outcomes = cases
        .iter()
        .zip(verdicts)
        .map(|(case, verdict)| Outcome {
            scenario: case.scenario,
            verdict: verdict.unwrap_or_else(|| Verdict::Failed("never ran".to_string())),
        })
        .collect();
    Ok(Report { outcomes, versions })
}

/// Polls every running execution until it ends or the limit passes; an execution the run
/// leaves (a poll that failed, the limit) is stopped, since it still counts against the 5
/// concurrent tests.
async fn poll_all(
    client: &Client,
    instance: &str,
    cases: &[Case],
    running: &mut BTreeMap<usize, Running>,
    verdicts: &mut [Option<Verdict>],
    poll: Poll,
) {
    let deadline = Instant::now() + poll.limit;
    while !running.is_empty() && Instant::now() < deadline {
        tokio::time::sleep(poll.interval).await;
        let pending: Vec<usize> = running.keys().copied().collect();
        for index in pending {
            let Some(execution) = running.get_mut(&index) else {
                continue;
            };
            let verdict = match status(client, instance, execution, &cases[index]).await {
                Ok(None) => continue,
                Ok(Some(verdict)) => verdict,
                Err(error) => {
                    stop(client, instance, execution).await;
                    Verdict::Failed(format!(
                        "{error} (execution {}, stopped)",
                        execution.execution
                    ))
                }
            };
            verdicts[index] = Some(verdict);
            running.remove(&index);
        }
    }
    for (index, execution) in std::mem::take(running) {
        stop(client, instance, &execution).await;
        verdicts[index] = Some(Verdict::Failed(format!(
            "did not finish within {:?} (execution {}, last status {}, stopped); run again, or raise --timeout",
            poll.limit, execution.execution, execution.last
        )));
    }
}

/// Every test case in the instance by name, with their ids (more than one means a duplicate).
async fn list(
    client: &Client,
    instance: &str,
) -> Result<BTreeMap<String, Vec<String>>, ConnectError> {
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut token: Option<String> = None;
    loop {
        let page = client
            .list_test_cases()
            .instance_id(instance)
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| ConnectError::from_sdk("ListTestCases", &e))?;
        for summary in page.test_case_summary_list() {
            if let (Some(name), Some(id)) = (summary.name(), summary.id()) {
                by_name
                    .entry(name.to_string())
                    .or_default()
                    .push(id.to_string());
            }
        }
        match page.next_token() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => return Ok(by_name),
        }
    }
}

/// Updates the case with this name, or creates it (never a second case of one name), with
/// the Testing-language versions in order until the service takes one.
async fn upsert(
    client: &Client,
    ids: &StackIds,
    case: &Case,
    existing: Option<&Vec<String>>,
    versions: &mut Versions,
) -> Result<String, ConnectError> {
    loop {
        let saved = match existing.map(Vec::as_slice) {
            Some([id]) => update(client, ids, case, id, versions.current()).await,
            Some(many) if many.len() > 1 => {
                return Err(ConnectError::Service {
                    operation: "ListTestCases",
                    code: "duplicate names".to_string(),
                    message: format!(
                        "the instance has {} test cases named {:?} ({}); delete all but one (aws connect delete-test-case) and run again",
                        many.len(),
                        case.name,
                        many.join(", ")
                    ),
                })
            }
            _ => create(client, ids, case, versions.current()).await,
        };
        match saved {
            Ok(id) => {
                versions.accepted = Some(versions.current());
                return Ok(id);
            }
            // Until the service has taken a version in this run, any refusal of the document
            // may be a refusal of its version (`ConnectError::may_refuse_version`).
            Err(error) if versions.accepted.is_none() && error.may_refuse_version() => {
                if !versions.reject() {
                    return Err(error.after_every_version(&versions.rejected));
                }
            }
            Err(error) => return Err(error),
        }
    }
}

/// FlowId and SourcePhoneNumber only: a third-party field report says FlowId together with
/// DestinationPhoneNumber was rejected (UNCONFIRMED; API_VoiceCallEntryPointParameters.html
/// lists all three as optional).
fn entry_point(ids: &StackIds, case: &Case) -> TestCaseEntryPoint {
    TestCaseEntryPoint::builder()
        .r#type(TestCaseEntryPointType::VoiceCall)
        .voice_call_entry_point_parameters(
            VoiceCallEntryPointParameters::builder()
                .flow_id(&ids.contact_flow_id)
                .source_phone_number(&case.source_phone_number)
                .build(),
        )
        .build()
}

async fn update(
    client: &Client,
    ids: &StackIds,
    case: &Case,
    id: &str,
    version: &str,
) -> Result<String, ConnectError> {
    client
        .update_test_case()
        .instance_id(&ids.instance_id)
        .test_case_id(id)
        .name(&case.name)
        .description(&case.description)
        .content(case.content(version))
        .entry_point(entry_point(ids, case))
        .status(TestCaseStatus::Published)
        .send()
        .await
        .map_err(|e| ConnectError::from_update(&e))?;
    Ok(id.to_string())
}

async fn create(
    client: &Client,
    ids: &StackIds,
    case: &Case,
    version: &str,
) -> Result<String, ConnectError> {
    let created = client
        .create_test_case()
        .instance_id(&ids.instance_id)
        .name(&case.name)
        .description(&case.description)
        .content(case.content(version))
        .entry_point(entry_point(ids, case))
        .status(TestCaseStatus::Published)
        .send()
        .await
        .map_err(|e| ConnectError::from_create(&e))?;
    created
        .test_case_id()
        .map(str::to_string)
        .ok_or(ConnectError::Incomplete {
            operation: "CreateTestCase",
            what: "a test case id",
        })
}

async fn start(client: &Client, instance: &str, id: &str) -> Result<Running, ConnectError> {
    let started = client
        .start_test_case_execution()
        .instance_id(instance)
        .test_case_id(id)
        .send()
        .await
        .map_err(|e| ConnectError::from_sdk("StartTestCaseExecution", &e))?;
    let execution = started
        .test_case_execution_id()
        .ok_or(ConnectError::Incomplete {
            operation: "StartTestCaseExecution",
            what: "an execution id",
        })?;
    Ok(Running {
        test_case: id.to_string(),
        execution: execution.to_string(),
        last: started
            .status()
            .map_or("unknown".to_string(), |s| s.as_str().to_string()),
    })
}

/// The verdict once the execution has ended; `None` while it waits or runs. The API's enum
/// lists INITIATED, IN_PROGRESS, PASSED, FAILED and STOPPED (API_StartTestCaseExecution.html),
/// while the admin guide says tests beyond the fifth "will remain in Queue state": any status
/// other than the three that end an execution is read as waiting, within the run's limit.
async fn status(
    client: &Client,
    instance: &str,
    execution: &mut Running,
    case: &Case,
) -> Result<Option<Verdict>, ConnectError> {
    let summary = client
        .get_test_case_execution_summary()
        .instance_id(instance)
        .test_case_id(&execution.test_case)
        .test_case_execution_id(&execution.execution)
        .send()
        .await
        .map_err(|e| ConnectError::from_sdk("GetTestCaseExecutionSummary", &e))?;
    match summary.status() {
        Some(TestCaseExecutionStatus::Passed) => Ok(Some(Verdict::Passed)),
        Some(ended @ (TestCaseExecutionStatus::Failed | TestCaseExecutionStatus::Stopped)) => {
            let why = what_differed(client, instance, execution, case, ended.as_str()).await;
            Ok(Some(Verdict::Failed(why)))
        }
        waiting => {
            execution.last = waiting.map_or("none", |s| s.as_str()).to_string();
            Ok(None)
        }
    }
}

/// The first expected observation with no PASSED record, as what the caller was expected to
/// hear. Not the first FAILED record's observation: a record's shape is undocumented, and the
/// FAILED record of an execution that timed out may be the one that closes it, which names
/// no observation (UNCONFIRMED).
async fn what_differed(
    client: &Client,
    instance: &str,
    execution: &Running,
    case: &Case,
    ended: &str,
) -> String {
    let records = match records(client, instance, execution).await {
        Ok(records) => records,
        Err(error) => return format!("ended {ended}; {error}"),
    };
    let passed = |id: &str| {
        records.iter().any(|r| {
            r.status() == Some(&ExecutionRecordStatus::Passed) && r.observation_id() == Some(id)
        })
    };
    if let Some(want) = case.expected.iter().find(|e| !passed(&e.id)) {
        return format!("expected to hear {:?} (observation {})", want.text, want.id);
    }
    match records
        .iter()
        .find(|r| r.status() == Some(&ExecutionRecordStatus::Failed))
    {
        // The record's JSON shape is not documented (UNCONFIRMED), so it is shown as it came.
        Some(record) => format!(
            "ended {ended} after every observation passed; the failed record: {}",
            record.record().unwrap_or("(no record)")
        ),
        None => format!(
            "ended {ended} with no failed observation recorded (execution {})",
            execution.execution
        ),
    }
}

/// Every execution record, page after page (the output's NextToken, as every List operation
/// of the API pages).
async fn records(
    client: &Client,
    instance: &str,
    execution: &Running,
) -> Result<Vec<ExecutionRecord>, ConnectError> {
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = client
            .list_test_case_execution_records()
            .instance_id(instance)
            .test_case_id(&execution.test_case)
            .test_case_execution_id(&execution.execution)
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| ConnectError::from_sdk("ListTestCaseExecutionRecords", &e))?;
        all.extend(page.execution_records().iter().cloned());
        match page.next_token() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => return Ok(all),
        }
    }
}

/// Stops an execution the run leaves behind; best effort, since the run is reporting a
/// failure already and an execution stops by itself after 5 minutes.
async fn stop(client: &Client, instance: &str, execution: &Running) {
    let _ = client
        .stop_test_case_execution()
        .instance_id(instance)
        .test_case_id(&execution.test_case)
        .test_case_execution_id(&execution.execution)
        .send()
        .await;
}

async fn stop_all<'a>(
    client: &Client,
    instance: &str,
    executions: impl Iterator<Item = &'a Running>,
) {
    for execution in executions {
        stop(client, instance, execution).await;
    }
}

#[cfg(test)]
pub(crate) mod tests;
