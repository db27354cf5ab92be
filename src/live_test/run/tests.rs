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
use crate::live_test::document::{Document, Matching};
use crate::live_test::expected::Expected;

const INSTANCE: &str = "a1b2c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d";
const FLOW: &str = "3f9e2c1a-7b4d-4e8f-9a21-5c6d7e8f9012";
const ARN: &str = "arn:aws:lambda:us-east-1:111122223333:function:vanity-call-handler";
const NAME: &str = "vanity-choose-1";
const CALLER: &str = crate::live_test::CALLER;
pub(crate) const FAST: Poll = Poll {
    interval: Duration::from_millis(1),
    limit: Duration::from_millis(30),
};

pub(crate) fn ids() -> StackIds {
    StackIds {
        instance_id: INSTANCE.into(),
        contact_flow_id: FLOW.into(),
        function_arn: ARN.into(),
    }
}

/// A small document with one override naming the real ARN and one prompt that ends the test.
fn document() -> Document {
    let json = serde_json::json!({
        "Version": VERSIONS[0],
        "Metadata": {"Generator": "test", "Scenario": "choose-1", "Description": "d",
                     "SourcePhoneNumber": CALLER, "Lambda": "mocked"},
        "Observations": [
            {"Identifier": "start",
             "Event": {"Identifier": "start-event", "Type": "TestInitiated", "Actor": "System", "Properties": {}},
             "Actions": [{"Identifier": "mock-call-handler-1", "Type": "OverrideSystemBehavior",
                "Parameters": {"ActionType": "OverrideSystemBehavior", "Behavior": {"Type": "FlowAction", "Properties": {
                    "ActionType": "InvokeLambdaFunction",
                    "ActionParameters": {"LambdaFunctionARN": ARN},
                    "Strategy": {"Type": "MockResponse", "Response": {"Type": "Error",
                        "Error": {"DelaySeconds": 0, "Value": "NoMatchingError"}}}}}},
                "Transitions": {"NextAction": ""}}],
             "Transitions": {"NextObservations": ["05-say-chosen"]}},
            {"Identifier": "05-say-chosen",
             "Event": {"Identifier": "05-say-chosen-event", "Type": "MessageReceived", "Actor": "System",
                "Properties": {"Text": "You chose 1, 8 hundred, flowers.", "MatchingCriteria": {"Type": "Similarity"}}},
             "Actions": [{"Identifier": "end", "Type": "TestControl",
                "Parameters": {"ActionType": "TestControl", "Command": {"Type": "EndTest"}},
                "Transitions": {"NextAction": ""}}],
             "Transitions": {"NextObservations": []}}
        ]
    });
    Document::parse(&json.to_string()).expect("a valid document")
}

pub(crate) fn case() -> Case {
    Case {
        scenario: "choose-1",
        file: "test-cases/choose-1.json",
        name: NAME.into(),
        description: "connect-vanity: the caller hears the results and keeps the first.".into(),
        document: document(),
        source_phone_number: CALLER.into(),
        expected: vec![Expected {
            id: "05-say-chosen".into(),
            text: "You chose 1, 8 hundred, flowers.".into(),
            matching: Matching::Similarity,
            press: None,
            end: true,
        }],
    }
}

pub(crate) fn error_body(code: &str, message: &str) -> Option<String> {
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

/// Whether a request's content is the document, written with `version`.
fn carries(content: Option<&str>, version: &str) -> bool {
    content
        .and_then(|c| Document::parse(c).ok())
        .is_some_and(|d| {
            let mut expected = document();
            expected.version = version.to_string();
            d == expected
        })
}

/// A create that checks everything the run must send: the name, PUBLISHED, the document with
/// the real ARN and the first version, the entry point's flow and caller.
fn created() -> Rule {
    created_with(VERSIONS[0])
}

fn created_with(version: &'static str) -> Rule {
    mock!(Client::create_test_case)
        .match_requests(move |r| {
            let voice = r
                .entry_point()
                .and_then(|e| e.voice_call_entry_point_parameters());
            r.name() == Some(NAME)
                && r.status() == Some(&TestCaseStatus::Published)
                && carries(r.content(), version)
                && voice.and_then(|v| v.flow_id()) == Some(FLOW)
                && voice.and_then(|v| v.source_phone_number()) == Some(CALLER)
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

fn stopped() -> Rule {
    mock!(Client::stop_test_case_execution)
        .match_requests(|r| r.test_case_execution_id() == Some("ex-1"))
        .then_output(|| StopTestCaseExecutionOutput::builder().build())
}

pub(crate) fn client(mode: RuleMode, rules: &[Rule]) -> Client {
    mock_client!(aws_sdk_connect, mode, rules, |config| {
        config.retry_config(
            RetryConfig::standard()
                .with_max_attempts(2)
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(2)),
        )
    })
}

/// The report's lines, or the error that stopped the run.
async fn lines(mode: RuleMode, rules: &[Rule]) -> String {
    match run(&client(mode, rules), &ids(), &[case()], FAST).await {
        Ok(report) => report
            .versions
            .describe()
            .into_iter()
            .chain(report.outcomes.iter().map(ToString::to_string))
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
        lines(RuleMode::Sequential, &rules).await,
        "Testing-language Version 2025-06-21 accepted\nPASS choose-1"
    );
}

/// A refusal of the first version, in words that do not name the version and with the details
/// where the SDK does not read them (`problemDetails`, as a third-party report saw).
fn refused(version: &'static str, detail: &'static str) -> Rule {
    mock!(Client::create_test_case)
        .match_requests(move |r| carries(r.content(), version))
        .sequence()
        .http_status(
            400,
            // Pretty-printed, so the body spans lines the error line must join.
            serde_json::to_string_pretty(&serde_json::json!({
                "__type": "InvalidTestCaseException", "Message": "The test is not valid",
                "problemDetails": [{"message": detail}]}))
            .ok(),
        )
        .build()
}

/// The service's answer to a version it does not take is undocumented: until a version has
/// been accepted, any refusal of the document is read as possibly one, and the next
/// documented version is tried.
#[tokio::test]
async fn a_rejected_version_is_retried_with_the_next_and_the_accepted_one_is_printed() {
    let rules = [
        listed(&[]),
        refused(VERSIONS[0], "Could not read the document"),
        created_with(VERSIONS[1]),
        started(),
        summary(TestCaseExecutionStatus::Passed),
    ];
    assert_eq!(
        lines(RuleMode::Sequential, &rules).await,
        "Testing-language Version 2019-10-30 accepted (2025-06-21 rejected)\nPASS choose-1"
    );
}

/// Refused with every version: the run stops as bad input with the last refusal, the body as
/// the service sent it included, on one line.
#[tokio::test]
async fn a_test_case_refused_with_every_version_stops_the_run_with_the_last_answer() {
    let rules = [
        listed(&[]),
        refused(VERSIONS[0], "first answer"),
        refused(VERSIONS[1], "Observation 05-say-chosen: unknown"),
    ];
    let error = run(
        &client(RuleMode::Sequential, &rules),
        &ids(),
        &[case()],
        FAST,
    )
    .await
    .expect_err("the service refused the case");
    assert!(error.caused_by_input(), "{error}");
    let line = error.to_string();
    assert!(!line.contains('\n'), "{line}");
    assert!(
        line.contains("Observation 05-say-chosen: unknown"),
        "{line}"
    );
    assert!(line.contains("\"problemDetails\""), "{line}");
    assert!(!line.contains("first answer"), "{line}");
    assert!(line.contains("(2025-06-21, 2019-10-30)"), "{line}");
}

/// A validation error that says nothing of the content is not read as a version refusal.
#[tokio::test]
async fn a_validation_error_about_something_else_is_not_retried() {
    let rejected = mock!(Client::create_test_case)
        .sequence()
        .http_status(
            400,
            error_body("ValidationException", "EntryPoint: flow id is malformed"),
        )
        .build();
    let error = run(
        &client(RuleMode::Sequential, &[listed(&[]), rejected]),
        &ids(),
        &[case()],
        FAST,
    )
    .await
    .expect_err("the service refused the request");
    assert!(error.caused_by_input(), "{error}");
    assert!(!error.may_refuse_version(), "{error}");
    assert!(
        error.to_string().contains("flow id is malformed"),
        "{error}"
    );
}

#[tokio::test]
async fn second_run_updates_the_case_of_that_name_instead_of_creating_another() {
    let updated = mock!(Client::update_test_case)
        .match_requests(|r| {
            r.test_case_id() == Some("tc-1")
                && r.name() == Some(NAME)
                && r.status() == Some(&TestCaseStatus::Published)
                && carries(r.content(), VERSIONS[0])
        })
        .then_output(|| UpdateTestCaseOutput::builder().build());
    // Sequential: a create instead of the update would meet the start rule and fail the run.
    let rules = [
        listed(&[(NAME, "tc-1")]),
        updated,
        started(),
        summary(TestCaseExecutionStatus::Passed),
    ];
    assert!(lines(RuleMode::Sequential, &rules)
        .await
        .ends_with("\nPASS choose-1"));
}

/// The admin guide says tests beyond the fifth "will remain in Queue state", a state the API's
/// enum does not list: it is waited on like IN_PROGRESS.
#[tokio::test]
async fn a_queued_execution_is_waited_on_until_it_ends() {
    let rules = [
        listed(&[]),
        created(),
        started(),
        summary(TestCaseExecutionStatus::from("QUEUED")),
        summary(TestCaseExecutionStatus::Initiated),
        summary(TestCaseExecutionStatus::Passed),
    ];
    assert!(lines(RuleMode::Sequential, &rules)
        .await
        .ends_with("\nPASS choose-1"));
}

fn records_page(
    observation: &'static str,
    status: ExecutionRecordStatus,
    next: Option<&'static str>,
) -> ListTestCaseExecutionRecordsOutput {
    ListTestCaseExecutionRecordsOutput::builder()
        .execution_records(
            ExecutionRecord::builder()
                .observation_id(observation)
                .status(status)
                .build(),
        )
        .set_next_token(next.map(str::to_string))
        .build()
}

/// The failed observation is on the second page of records: the run reads every page.
#[tokio::test]
async fn a_failed_execution_names_what_the_caller_did_not_hear_from_any_page() {
    let first = mock!(Client::list_test_case_execution_records)
        .match_requests(|r| r.next_token().is_none())
        .then_output(|| records_page("01-greet", ExecutionRecordStatus::Passed, Some("page-2")));
    let second = mock!(Client::list_test_case_execution_records)
        .match_requests(|r| r.next_token() == Some("page-2"))
        .then_output(|| records_page("05-say-chosen", ExecutionRecordStatus::Failed, None));
    let rules = [
        listed(&[]),
        created(),
        started(),
        summary(TestCaseExecutionStatus::Failed),
        first,
        second,
    ];
    assert!(lines(RuleMode::Sequential, &rules).await.ends_with(
        "\nFAIL choose-1: expected to hear \"You chose 1, 8 hundred, flowers.\" (observation 05-say-chosen)"
    ));
}

/// A timed-out execution's FAILED record may close it and name no observation: the line names
/// the first expected observation that has no PASSED record.
#[tokio::test]
async fn a_failed_record_without_an_observation_still_names_what_was_not_heard() {
    let page = mock!(Client::list_test_case_execution_records).then_output(|| {
        ListTestCaseExecutionRecordsOutput::builder()
            .execution_records(
                ExecutionRecord::builder()
                    .observation_id("01-greet")
                    .status(ExecutionRecordStatus::Passed)
                    .build(),
            )
            .execution_records(
                ExecutionRecord::builder()
                    .status(ExecutionRecordStatus::Failed)
                    .record("{\"reason\":\"timed out\"}")
                    .build(),
            )
            .build()
    });
    let rules = [
        listed(&[]),
        created(),
        started(),
        summary(TestCaseExecutionStatus::Failed),
        page,
    ];
    let lines = lines(RuleMode::Sequential, &rules).await;
    assert!(
        lines.ends_with(
            "\nFAIL choose-1: expected to hear \"You chose 1, 8 hundred, flowers.\" (observation 05-say-chosen)"
        ),
        "{lines}"
    );
}

#[tokio::test]
async fn an_execution_that_never_ends_is_stopped_after_the_limit() {
    let stop = stopped();
    // MatchAny: the summary answers InProgress however often it is asked.
    let rules = [
        listed(&[]),
        created(),
        started(),
        summary(TestCaseExecutionStatus::InProgress),
        stop.clone(),
    ];
    let began = std::time::Instant::now();
    let line = lines(RuleMode::MatchAny, &rules).await;
    assert!(
        began.elapsed() < Duration::from_secs(5),
        "took {:?}",
        began.elapsed()
    );
    assert!(
        line.contains("FAIL choose-1: did not finish within 30ms (execution ex-1, last status IN_PROGRESS, stopped)"),
        "{line}"
    );
    assert_eq!(stop.num_calls(), 1);
}

/// A poll that fails leaves the execution running in the instance; the run stops it.
#[tokio::test]
async fn a_poll_error_stops_the_execution_it_leaves_behind() {
    let failing = mock!(Client::get_test_case_execution_summary)
        .sequence()
        .http_status(500, error_body("InternalServiceException", "try later"))
        .times(2)
        .build();
    let stop = stopped();
    let rules = [listed(&[]), created(), started(), failing, stop.clone()];
    let line = lines(RuleMode::Sequential, &rules).await;
    assert!(
        line.ends_with("FAIL choose-1: connect:GetTestCaseExecutionSummary failed (InternalServiceException: try later) (execution ex-1, stopped)"),
        "{line}"
    );
    assert_eq!(stop.num_calls(), 1);
}

#[tokio::test]
async fn throttling_after_the_retries_stops_the_run_with_one_line() {
    let throttled = mock!(Client::list_test_cases)
        .sequence()
        .http_status(429, error_body("ThrottlingException", "Rate exceeded"))
        .times(2)
        .build();
    assert_eq!(
        lines(RuleMode::Sequential, std::slice::from_ref(&throttled)).await,
        "ERROR Amazon Connect is throttling connect:ListTestCases (ThrottlingException) even after retries; run again in a minute"
    );
    assert_eq!(throttled.num_calls(), 2, "the SDK retried once");
}

#[tokio::test]
async fn access_denied_stops_the_run_and_duplicates_fail_the_scenario() {
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
    assert_eq!(
        lines(RuleMode::Sequential, &[listed(&[]), denied]).await,
        "ERROR these credentials may not call connect:CreateTestCase (AccessDeniedException: not authorized to perform: connect:CreateTestCase); grant the policy in docs/deploying.md \"Test the live line\""
    );
    let line = lines(
        RuleMode::Sequential,
        &[listed(&[(NAME, "tc-1"), (NAME, "tc-2")])],
    )
    .await;
    assert!(
        line.contains("has 2 test cases named \"vanity-choose-1\" (tc-1, tc-2)"),
        "{line}"
    );
}
