//! The live run against Amazon Connect: find each test case by name, create or update it with
//! status PUBLISHED (saving as PUBLISHED is what publishes and validates it; there is no
//! separate publish call, CreateTestCase:
//! <https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateTestCase.html>), start
//! one execution each, poll them to their end within a bounded time, and report one line per
//! scenario. The poll interval and limit are [`Poll`], so tests run in milliseconds.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use aws_sdk_connect::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_connect::types::{
    ExecutionRecordStatus, TestCaseEntryPoint, TestCaseEntryPointType, TestCaseExecutionStatus,
    TestCaseStatus, VoiceCallEntryPointParameters,
};
use aws_sdk_connect::Client;
use tokio::time::Instant;

use super::cases::Expected;
use super::outputs::StackIds;

/// How often and for how long the run polls executions.
#[derive(Debug, Clone, Copy)]
pub struct Poll {
    pub interval: Duration,
    /// For all executions together, from the first start. A test runs at most 5 minutes and 5
    /// run at once while the rest wait in the queue (admin guide, "Execute test cases":
    /// <https://docs.aws.amazon.com/connect/latest/adminguide/testing-simulation-execute-test-cases.html>),
    /// so eight scenarios fit in two rounds of 5 minutes.
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

/// One test case to run: the scenario, its name in the instance and its document.
#[derive(Debug, Clone)]
pub struct Case {
    pub scenario: &'static str,
    pub name: String,
    pub description: String,
    /// The Testing-language document with the real call-handler ARN in place.
    pub content: String,
    pub source_phone_number: String,
    pub expected: Vec<Expected>,
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

/// Runs every case; `Err` only when nothing could run (the test cases could not be listed).
pub async fn run(
    client: &Client,
    ids: &StackIds,
    cases: &[Case],
    poll: Poll,
) -> Result<Vec<Outcome>, String> {
    let existing = list(client, &ids.instance_id).await?;
    let mut outcomes: Vec<Option<Verdict>> = vec![None; cases.len()];
    let mut running: BTreeMap<usize, (String, String)> = BTreeMap::new();
    for (index, case) in cases.iter().enumerate() {
        let started = async {
            let id = upsert(client, ids, case, existing.get(&case.name)).await?;
            let execution = start(client, &ids.instance_id, &id).await?;
            Ok::<_, String>((id, execution))
        };
        match started.await {
            Ok(pair) => {
                running.insert(index, pair);
            }
            Err(why) => outcomes[index] = Some(Verdict::Failed(why)),
        }
    }
    let deadline = Instant::now() + poll.limit;
    while !running.is_empty() && Instant::now() < deadline {
        tokio::time::sleep(poll.interval).await;
        let pending: Vec<usize> = running.keys().copied().collect();
        for index in pending {
            let (id, execution) = &running[&index];
            if let Some(verdict) =
                status(client, &ids.instance_id, id, execution, &cases[index]).await
            {
                outcomes[index] = Some(verdict);
                running.remove(&index);
            }
        }
    }
    for (index, (id, execution)) in running {
        // Best effort: an execution left running still counts against the 5 concurrent tests.
        let _ = client
            .stop_test_case_execution()
            .instance_id(&ids.instance_id)
            .test_case_id(&id)
            .test_case_execution_id(&execution)
            .send()
            .await;
        outcomes[index] = Some(Verdict::Failed(format!(
            "did not finish within {:?} (execution {execution}, stopped); run again, or raise --timeout",
            poll.limit
        )));
    }
    Ok(cases
        .iter()
        .zip(outcomes)
        .map(|(case, verdict)| Outcome {
            scenario: case.scenario,
            verdict: verdict.unwrap_or_else(|| Verdict::Failed("never ran".to_string())),
        })
        .collect())
}

/// Every test case in the instance by name, with their ids (more than one means a duplicate).
async fn list(client: &Client, instance: &str) -> Result<BTreeMap<String, Vec<String>>, String> {
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut token: Option<String> = None;
    loop {
        let page = client
            .list_test_cases()
            .instance_id(instance)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| sdk_error("ListTestCases", &e))?;
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

/// Updates the case with this name, or creates it: never a second case of one name.
async fn upsert(
    client: &Client,
    ids: &StackIds,
    case: &Case,
    existing: Option<&Vec<String>>,
) -> Result<String, String> {
    // FlowId and SourcePhoneNumber only: a third-party field report says FlowId together with
    // DestinationPhoneNumber was rejected (UNCONFIRMED; API_VoiceCallEntryPointParameters.html
    // lists all three as optional).
    let entry_point = TestCaseEntryPoint::builder()
        .r#type(TestCaseEntryPointType::VoiceCall)
        .voice_call_entry_point_parameters(
            VoiceCallEntryPointParameters::builder()
                .flow_id(&ids.contact_flow_id)
                .source_phone_number(&case.source_phone_number)
                .build(),
        )
        .build();
    match existing.map(Vec::as_slice) {
        Some([id]) => {
            client
                .update_test_case()
                .instance_id(&ids.instance_id)
                .test_case_id(id)
                .name(&case.name)
                .description(&case.description)
                .content(&case.content)
                .entry_point(entry_point)
                .status(TestCaseStatus::Published)
                .send()
                .await
                .map_err(|e| invalid_case(&e).unwrap_or_else(|| sdk_error("UpdateTestCase", &e)))?;
            Ok(id.clone())
        }
        Some(many) if many.len() > 1 => Err(format!(
            "the instance has {} test cases named {:?} ({}); delete all but one (aws connect delete-test-case) and run again",
            many.len(),
            case.name,
            many.join(", ")
        )),
        _ => {
            let created = client
                .create_test_case()
                .instance_id(&ids.instance_id)
                .name(&case.name)
                .description(&case.description)
                .content(&case.content)
                .entry_point(entry_point)
                .status(TestCaseStatus::Published)
                .send()
                .await
                .map_err(|e| invalid_case(&e).unwrap_or_else(|| sdk_error("CreateTestCase", &e)))?;
            created
                .test_case_id()
                .map(str::to_string)
                .ok_or_else(|| "CreateTestCase answered without a test case id".to_string())
        }
    }
}

async fn start(client: &Client, instance: &str, id: &str) -> Result<String, String> {
    let started = client
        .start_test_case_execution()
        .instance_id(instance)
        .test_case_id(id)
        .send()
        .await
        .map_err(|e| sdk_error("StartTestCaseExecution", &e))?;
    started
        .test_case_execution_id()
        .map(str::to_string)
        .ok_or_else(|| "StartTestCaseExecution answered without an execution id".to_string())
}

/// The verdict once the execution has ended; `None` while it runs.
async fn status(
    client: &Client,
    instance: &str,
    id: &str,
    execution: &str,
    case: &Case,
) -> Option<Verdict> {
    let summary = client
        .get_test_case_execution_summary()
        .instance_id(instance)
        .test_case_id(id)
        .test_case_execution_id(execution)
        .send()
        .await;
    let summary = match summary {
        Ok(summary) => summary,
        Err(e) => {
            return Some(Verdict::Failed(sdk_error(
                "GetTestCaseExecutionSummary",
                &e,
            )))
        }
    };
    match summary.status() {
        Some(TestCaseExecutionStatus::Passed) => Some(Verdict::Passed),
        Some(TestCaseExecutionStatus::Initiated | TestCaseExecutionStatus::InProgress) => None,
        Some(ended @ (TestCaseExecutionStatus::Failed | TestCaseExecutionStatus::Stopped)) => {
            Some(Verdict::Failed(what_differed(client, instance, id, execution, case, ended.as_str()).await))
        }
        other => Some(Verdict::Failed(format!(
            "the execution's status is {other:?}, which this version does not know; see it in the Amazon Connect console (Test cases)"
        ))),
    }
}

/// The first failed observation, as what the caller was expected to hear.
async fn what_differed(
    client: &Client,
    instance: &str,
    id: &str,
    execution: &str,
    case: &Case,
    ended: &str,
) -> String {
    let records = client
        .list_test_case_execution_records()
        .instance_id(instance)
        .test_case_id(id)
        .test_case_execution_id(execution)
        .send()
        .await;
    let records = match records {
        Ok(records) => records,
        Err(e) => {
            return format!(
                "ended {ended}; {}",
                sdk_error("ListTestCaseExecutionRecords", &e)
            )
        }
    };
    let failed = records
        .execution_records()
        .iter()
        .find(|r| r.status() == Some(&ExecutionRecordStatus::Failed));
    let Some(record) = failed else {
        return format!(
            "ended {ended} with no failed observation recorded (execution {execution})"
        );
    };
    let observation = record.observation_id().unwrap_or_default();
    match case.expected.iter().find(|e| e.id == observation) {
        Some(want) => format!(
            "expected to hear {:?} (observation {observation})",
            want.text
        ),
        // The record's JSON shape is not documented (UNCONFIRMED), so it is shown as it came.
        None => format!(
            "observation {observation:?} failed: {}",
            record.record().unwrap_or("(no record)")
        ),
    }
}

/// The service's own validation problems for a case it refused, one line.
fn invalid_case<E: ProvideErrorMetadata + std::error::Error + 'static, R: fmt::Debug>(
    error: &SdkError<E, R>,
) -> Option<String> {
    let service = error.as_service_error()?;
    if service.code() != Some("InvalidTestCaseException") {
        return None;
    }
    // The problems list (InvalidTestCaseException.problems) is typed per operation; the
    // message carries the summary, and the SDK's error context the rest.
    Some(format!(
        "Amazon Connect rejected the test case (InvalidTestCaseException): {}; check it with `connect-vanity render --check` and see docs/deploying.md \"Test the live line\"",
        DisplayErrorContext(error)
    ))
}

/// One line for a failed Connect call: what was denied or throttled, and what to do.
pub fn sdk_error<E: ProvideErrorMetadata + std::error::Error + 'static, R: fmt::Debug>(
    operation: &str,
    error: &SdkError<E, R>,
) -> String {
    let message = error.message().unwrap_or("no message");
    match error.code() {
        Some("AccessDeniedException") => format!(
            "these credentials may not call connect:{operation} (AccessDeniedException: {message}); grant the policy in docs/deploying.md \"Test the live line\""
        ),
        Some("ThrottlingException") => format!(
            "Amazon Connect is throttling connect:{operation} (ThrottlingException) even after retries; run again in a minute"
        ),
        Some("ServiceQuotaExceededException") => format!(
            "connect:{operation}: the test queue is full (ServiceQuotaExceededException: {message}); wait for running tests to finish and run again"
        ),
        Some(code) => format!("connect:{operation} failed ({code}: {message})"),
        None => format!("connect:{operation} failed: {}", DisplayErrorContext(error)),
    }
}

#[cfg(test)]
mod tests;
