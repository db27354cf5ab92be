//! The read-only link-status query through the Lambda entry point: the answers the plan-time
//! `data "aws_lambda_invocation"` gets for a linked number, a re-pointed one, an unlinked one and
//! one on a later page, and an error (never a made-up status) when Connect refuses the read.
//! Connect answers from `aws-smithy-mocks` (no local server implements these APIs). Also
//! through the entry point: an invocation naming ids outside the function's scope, or a
//! function deployed without its scope, is refused before any Connect call.

#![cfg(feature = "handler")]

use aws_sdk_connect::Client;
use aws_smithy_mocks::{mock, mock_client, RuleMode};
use lambda_runtime::LambdaEvent;
use phone_link::error::Error;
use phone_link::handler::{function_handler, Answer};
use phone_link::scope::Scope;
use serde_json::{json, Value};

/// The ids in `tests/fixtures/status.json`, and others.
const INSTANCE: &str = "a1b2c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d";
const PHONE: &str = "0c7d9e21-3b4a-4f5e-8d6c-7b8a9f0e1d2c";
const NEW_PHONE: &str = "f4e3d2c1-b0a9-4876-9543-210fedcba987";
const FLOW: &str = "3f9e2c1a-7b4d-4e8f-9a21-5c6d7e8f9012";
const NEW_FLOW: &str = "8e7d6c5b-4a39-4281-b7f6-e5d4c3b2a190";

/// What Terraform puts in the function's environment for the fixtures' stack.
fn scope() -> Scope {
    Scope {
        instance_id: INSTANCE.into(),
        phone_number_id: PHONE.into(),
        contact_flow_id: FLOW.into(),
    }
}

fn fixture(name: &str) -> Value {
    test_support::fixtures::json(env!("CARGO_MANIFEST_DIR"), name)
}

fn error_body(code: &str, message: &str) -> String {
    serde_json::json!({ "__type": code, "Message": message }).to_string()
}

/// One `ListFlowAssociations` page: (phone number ARN, flow ARN) pairs and a next token.
fn associations_page(
    pairs: &[(&str, &str)],
    next_token: Option<&str>,
) -> aws_sdk_connect::operation::list_flow_associations::ListFlowAssociationsOutput {
    use aws_sdk_connect::types::{FlowAssociationSummary, ListFlowAssociationResourceType};
    let summaries = pairs
        .iter()
        .map(|(phone, flow)| {
            FlowAssociationSummary::builder()
                .resource_id(format!(
                    "arn:aws:connect:us-east-1:123456789012:phone-number/{phone}"
                ))
                .flow_id(format!(
                    "arn:aws:connect:us-east-1:123456789012:instance/{INSTANCE}/contact-flow/{flow}"
                ))
                .resource_type(ListFlowAssociationResourceType::VoicePhoneNumber)
                .build()
        })
        .collect();
    aws_sdk_connect::operation::list_flow_associations::ListFlowAssociationsOutput::builder()
        .set_flow_association_summary_list(Some(summaries))
        .set_next_token(next_token.map(str::to_string))
        .build()
}

/// The status query, through the Lambda entry point: the answers the plan-time data source
/// gets for a linked number, a re-pointed one, an unlinked one, and one on a later page.
#[tokio::test]
async fn status_query_reports_drift() {
    use aws_sdk_connect::types::ListFlowAssociationResourceType;
    // (name, pages of (phone, flow) associations, what the query must report)
    type Pages = Vec<Vec<(&'static str, &'static str)>>;
    let cases: Vec<(&str, Pages, &str)> = vec![
        (
            "linked",
            vec![vec![(NEW_PHONE, NEW_FLOW), (PHONE, FLOW)]],
            "linked",
        ),
        (
            "re-pointed in the console",
            vec![vec![(PHONE, NEW_FLOW)]],
            "points at flow 8e7d6c5b-4a39-4281-b7f6-e5d4c3b2a190",
        ),
        ("flow removed", vec![vec![(NEW_PHONE, FLOW)]], "not linked"),
        (
            "found on the second page",
            vec![vec![(NEW_PHONE, FLOW)], vec![(PHONE, FLOW)]],
            "linked",
        ),
    ];
    for (name, pages, expected) in cases {
        let page_count = pages.len();
        let mut sequence = mock!(Client::list_flow_associations)
            .match_requests(|request| {
                request.instance_id() == Some(INSTANCE)
                    && request.resource_type()
                        == Some(&ListFlowAssociationResourceType::VoicePhoneNumber)
            })
            .sequence();
        for (index, page) in pages.into_iter().enumerate() {
            let token = (index + 1 < page_count).then_some("next");
            let output = associations_page(&page, token);
            sequence = sequence.output(move || output.clone());
        }
        let rule = sequence.build();
        let client = mock_client!(
            aws_sdk_connect,
            RuleMode::Sequential,
            std::slice::from_ref(&rule)
        );
        let event = LambdaEvent::new(fixture("status"), lambda_runtime::Context::default());
        let reply = function_handler(&client, &Ok(scope()), event)
            .await
            .expect(name);
        let Answer::Status(status) = reply else {
            panic!("{name}: not a status reply: {reply:?}");
        };
        assert_eq!(status.observed, expected, "{name}");
        assert_eq!(rule.num_calls(), page_count, "{name}: pages read");
        // What Terraform's jsondecode(...).observed reads.
        let json = serde_json::to_value(Answer::Status(status)).expect("serializes");
        assert_eq!(json["observed"], expected, "{name}");
    }
}

#[tokio::test]
async fn a_failed_status_read_is_an_error_not_a_status() {
    let rule = mock!(Client::list_flow_associations)
        .sequence()
        .http_status(
            403,
            Some(error_body("AccessDeniedException", "not authorized")),
        )
        .build();
    let client = mock_client!(
        aws_sdk_connect,
        RuleMode::Sequential,
        std::slice::from_ref(&rule)
    );
    let event = LambdaEvent::new(fixture("status"), lambda_runtime::Context::default());
    let error = function_handler(&client, &Ok(scope()), event)
        .await
        .expect_err("denied read");
    let message = error.to_string();
    assert!(
        message.contains("ListFlowAssociations returned AccessDeniedException"),
        "{message}"
    );
    assert!(
        message.contains("reading which flow phone number"),
        "{message}"
    );
}

/// Another number, another flow, a forged previous number, a status query about another number,
/// and a function whose environment lacks its scope: each refused with its own error type, and
/// not one Connect call made (every operation the function can call is mocked and counted).
#[tokio::test]
async fn ids_outside_the_stack_never_reach_connect() {
    use aws_sdk_connect::operation::associate_phone_number_contact_flow::AssociatePhoneNumberContactFlowOutput;
    use aws_sdk_connect::operation::disassociate_phone_number_contact_flow::DisassociatePhoneNumberContactFlowOutput;
    let rules = [
        mock!(Client::associate_phone_number_contact_flow)
            .then_output(|| AssociatePhoneNumberContactFlowOutput::builder().build()),
        mock!(Client::disassociate_phone_number_contact_flow)
            .then_output(|| DisassociatePhoneNumberContactFlowOutput::builder().build()),
        mock!(Client::list_flow_associations).then_output(|| associations_page(&[], None)),
    ];
    let client = mock_client!(aws_sdk_connect, RuleMode::MatchAny, &rules);
    let with = |pointer: &str, value: &str, base: &str| {
        let mut input = fixture(base);
        if let Some(slot) = input.pointer_mut(pointer) {
            *slot = json!(value);
        }
        input
    };
    let cases = [
        (
            with("/phone_number_id", NEW_PHONE, "create"),
            "PhoneLink.OutOfScope",
        ),
        (
            with("/contact_flow_id", NEW_FLOW, "update-flow"),
            "PhoneLink.OutOfScope",
        ),
        (
            with("/phone_number_id", NEW_PHONE, "delete"),
            "PhoneLink.OutOfScope",
        ),
        (fixture("update-number"), "PhoneLink.OutOfScope"),
        (
            with("/phone_number_id", NEW_PHONE, "status"),
            "PhoneLink.OutOfScope",
        ),
    ];
    for (input, error_type) in cases {
        let shown = input.to_string();
        let event = LambdaEvent::new(input, lambda_runtime::Context::default());
        let error = function_handler(&client, &Ok(scope()), event)
            .await
            .expect_err(&shown);
        assert_eq!(error.error_type(), error_type, "{shown}: {error}");
        assert!(error.to_string().contains(PHONE), "{shown}: {error}");
    }
    let unscoped = Err(Error::Misconfigured(
        "PHONE_LINK_PHONE_NUMBER_ID is missing".into(),
    ));
    let event = LambdaEvent::new(fixture("create"), lambda_runtime::Context::default());
    let error = function_handler(&client, &unscoped, event)
        .await
        .expect_err("no scope");
    assert_eq!(error.error_type(), "PhoneLink.Misconfigured", "{error}");
    for rule in &rules {
        assert_eq!(rule.num_calls(), 0, "a refused invocation called Connect");
    }
}
