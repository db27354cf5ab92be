//! The API sequence against the real SDK client (serialization, error parsing, retries) with
//! answers from aws-smithy-mocks: no local server speaks the Connect test-case APIs (moto's
//! Connect support covers instances only).

use std::time::Duration;

use aws_sdk_connect::config::retry::RetryConfig;
use aws_sdk_connect::operation::create_test_case::CreateTestCaseOutput;
use aws_sdk_connect::operation::get_test_case_execution_summary::GetTestCaseExecutionSummaryOutput;
use aws_sdk_connect::operation::list_test_case_execution_records::ListTestCaseExecutionRecordsOutput;
use aws_sdk_connect::operation::list_test_cases::ListTestCasesOutput;
use aws_sdk_connect::operation::start_test_case_execution::StartTestCaseExecutionOutput;
use aws_sdk_connect::operation::stop_test_case_execution::StopTestCaseExecutionOutput;
use aws_sdk_connect::operation::update_test_case::UpdateTestCaseOutput;
use aws_sdk_connect::types::{ExecutionRecord, TestCaseSummary};
use aws_smithy_mocks::{mock, mock_client, Rule, RuleMode};

use super::*;

const INSTANCE: &str = "a1b2c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d";
const FLOW: &str = "3f9e2c1a-7b4d-4e8f-9a21-5c6d7e8f9012";
const ARN: &str = "arn:aws:lambda:us-east-1:111122223333:function:vanity-call-handler";
const NAME: &str = "vanity-choose-1";
const FAST: Poll = Poll {
    interval: Duration::from_millis(1),
    limit: Duration::from_millis(30),
};

fn ids() -> StackIds {
    StackIds {
        instance_id: INSTANCE.into(),
        contact_flow_id: FLOW.into(),
        function_arn: ARN.into(),
    }
}

fn case() -> Case {
    Case {
        scenario: "choose-1",
        name: NAME.into(),
        description: "connect-vanity: the caller hears the results and keeps the first.".into(),
        content: format!("{{\"Version\":\"2025-06-21\",\"Arn\":\"{ARN}\"}}"),
        source_phone_number: "+18003569377".into(),
        expected: vec![Expected {
            id: "05-say-chosen".into(),
            text: "You chose 1, 8 hundred, flowers.".into(),
            press: None,
            end: true,
        }],
    }
}

fn error_body(code: &str, message: &str) -> Option<String> {
    Some(serde_json::json!({ "__type": code, "Message": message }).to_string())
}

fn listed(names: &'static [(&'static str, &'static str)]) -> Rule {
    mock!(Client::list_test_cases)
        .match_requests(|r| r.instance_id() == Some(INSTANCE))
        .then_output(move || {
            let mut out = ListTestCasesOutput::builder();
            for (name, id) in names {
                out = out
                    .test_case_summary_list(TestCaseSummary::builder().name(*name).id(*id).build());
            }
            out.build()
        })
}

/// A create that checks everything the run must send: the name, PUBLISHED, the content with
/// the real ARN, the entry point's flow and caller.
fn created() -> Rule {
    mock!(Client::create_test_case)
        .match_requests(|r| {
            let voice = r
                .entry_point()
                .and_then(|e| e.voice_call_entry_point_parameters());
            r.name() == Some(NAME)
                && r.status() == Some(&TestCaseStatus::Published)
                && r.content().is_some_and(|c| c.contains(ARN))
                && voice.and_then(|v| v.flow_id()) == Some(FLOW)
                && voice.and_then(|v| v.source_phone_number()) == Some("+18003569377")
        })
        .then_output(|| CreateTestCaseOutput::builder().test_case_id("tc-1").build())
}

fn started() -> Rule {
    mock!(Client::start_test_case_execution)
        .match_requests(|r| r.test_case_id() == Some("tc-1"))
        .then_output(|| {
            StartTestCaseExecutionOutput::builder()
                .test_case_execution_id("ex-1")
                .build()
        })
}

fn summary(status: TestCaseExecutionStatus) -> Rule {
    mock!(Client::get_test_case_execution_summary)
        .match_requests(|r| r.test_case_execution_id() == Some("ex-1"))
        .then_output(move || {
            GetTestCaseExecutionSummaryOutput::builder()
                .status(status.clone())
                .build()
        })
}

fn client(mode: RuleMode, rules: &[Rule]) -> Client {
    mock_client!(aws_sdk_connect, mode, rules, |config| {
        config.retry_config(
            RetryConfig::standard()
                .with_max_attempts(2)
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(2)),
        )
    })
}

async fn one_line(mode: RuleMode, rules: &[Rule]) -> String {
    match run(&client(mode, rules), &ids(), &[case()], FAST).await {
        Ok(outcomes) => outcomes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        Err(error) => format!("ERROR {error}"),
    }
}

#[tokio::test]
async fn first_run_creates_publishes_and_passes() {
    let rules = [
        listed(&[("vanity-silence", "tc-other")]),
        created(),
        started(),
        summary(TestCaseExecutionStatus::InProgress),
        summary(TestCaseExecutionStatus::Passed),
    ];
    assert_eq!(
        one_line(RuleMode::Sequential, &rules).await,
        "PASS choose-1"
    );
}

#[tokio::test]
async fn second_run_updates_the_case_of_that_name_instead_of_creating_another() {
    let updated = mock!(Client::update_test_case)
        .match_requests(|r| {
            r.test_case_id() == Some("tc-1")
                && r.name() == Some(NAME)
                && r.status() == Some(&TestCaseStatus::Published)
                && r.content().is_some_and(|c| c.contains(ARN))
        })
        .then_output(|| UpdateTestCaseOutput::builder().build());
    // Sequential: a create instead of the update would meet the start rule and fail the run.
    let rules = [
        listed(&[(NAME, "tc-1")]),
        updated,
        started(),
        summary(TestCaseExecutionStatus::Passed),
    ];
    assert_eq!(
        one_line(RuleMode::Sequential, &rules).await,
        "PASS choose-1"
    );
}

#[tokio::test]
async fn a_failed_execution_names_what_the_caller_did_not_hear() {
    let records = mock!(Client::list_test_case_execution_records).then_output(|| {
        ListTestCaseExecutionRecordsOutput::builder()
            .execution_records(
                ExecutionRecord::builder()
                    .observation_id("01-greet")
                    .status(ExecutionRecordStatus::Passed)
                    .build(),
            )
            .execution_records(
                ExecutionRecord::builder()
                    .observation_id("05-say-chosen")
                    .status(ExecutionRecordStatus::Failed)
                    .build(),
            )
            .build()
    });
    let rules = [
        listed(&[]),
        created(),
        started(),
        summary(TestCaseExecutionStatus::Failed),
        records,
    ];
    assert_eq!(
        one_line(RuleMode::Sequential, &rules).await,
        "FAIL choose-1: expected to hear \"You chose 1, 8 hundred, flowers.\" (observation 05-say-chosen)"
    );
}

#[tokio::test]
async fn an_execution_that_never_ends_is_stopped_after_the_limit() {
    let stopped = mock!(Client::stop_test_case_execution)
        .match_requests(|r| r.test_case_execution_id() == Some("ex-1"))
        .then_output(|| StopTestCaseExecutionOutput::builder().build());
    // MatchAny: the summary answers InProgress however often it is asked.
    let rules = [
        listed(&[]),
        created(),
        started(),
        summary(TestCaseExecutionStatus::InProgress),
        stopped.clone(),
    ];
    let began = std::time::Instant::now();
    let line = one_line(RuleMode::MatchAny, &rules).await;
    assert!(
        began.elapsed() < Duration::from_secs(5),
        "took {:?}",
        began.elapsed()
    );
    assert!(
        line.starts_with("FAIL choose-1: did not finish within 30ms (execution ex-1, stopped)"),
        "{line}"
    );
    assert_eq!(stopped.num_calls(), 1);
}

#[tokio::test]
async fn throttling_after_the_retries_stops_the_run_with_one_line() {
    let throttled = mock!(Client::list_test_cases)
        .sequence()
        .http_status(429, error_body("ThrottlingException", "Rate exceeded"))
        .times(2)
        .build();
    assert_eq!(
        one_line(RuleMode::Sequential, std::slice::from_ref(&throttled)).await,
        "ERROR Amazon Connect is throttling connect:ListTestCases (ThrottlingException) even after retries; run again in a minute"
    );
    assert_eq!(throttled.num_calls(), 2, "the SDK retried once");
}

#[tokio::test]
async fn access_denied_and_duplicates_fail_the_scenario_with_what_to_do() {
    let denied = mock!(Client::create_test_case)
        .sequence()
        .http_status(
            403,
            error_body(
                "AccessDeniedException",
                "not authorized to perform: connect:CreateTestCase",
            ),
        )
        .build();
    let line = one_line(RuleMode::Sequential, &[listed(&[]), denied]).await;
    assert_eq!(
        line,
        "FAIL choose-1: these credentials may not call connect:CreateTestCase (AccessDeniedException: not authorized to perform: connect:CreateTestCase); grant the policy in docs/deploying.md \"Test the live line\""
    );
    let line = one_line(
        RuleMode::Sequential,
        &[listed(&[(NAME, "tc-1"), (NAME, "tc-2")])],
    )
    .await;
    assert!(
        line.contains("has 2 test cases named \"vanity-choose-1\" (tc-1, tc-2)"),
        "{line}"
    );
}
