//! The custom-resource lifecycle through the public API: create, update and delete each make
//! the Connect calls they should, in order, with the retries they should, and answer Terraform
//! with the outcome or a Connect error that says what to do.
//!
//! These tests drive the real SDK client (serialization, error parsing, the retry policy from
//! [`phone_link::sdk`]) with responses from `aws-smithy-mocks`. Mocks rather than a server on
//! loopback because no local server implements the Connect phone-number APIs: moto's Connect
//! support covers instances only.

#![cfg(feature = "handler")]
use std::time::Duration;

use aws_sdk_connect::operation::associate_phone_number_contact_flow::AssociatePhoneNumberContactFlowOutput;
use aws_sdk_connect::operation::disassociate_phone_number_contact_flow::DisassociatePhoneNumberContactFlowOutput;
use aws_sdk_connect::Client;
use aws_smithy_mocks::{mock, mock_client, Rule, RuleMode};
use phone_link::association::Link;
use phone_link::event::{Action, Invocation};
use phone_link::handler::{handle_with, Outcome, Patience, Step};
use serde_json::Value;

/// One canned HTTP answer from Connect, shaped as the restJson1 protocol sends it.
#[derive(Clone, Copy)]
enum Reply {
    Ok,
    Error {
        status: u16,
        code: &'static str,
        message: &'static str,
    },
}

const THROTTLED: Reply = Reply::Error {
    status: 429,
    code: "ThrottlingException",
    message: "Rate exceeded",
};
const NOT_FOUND: Reply = Reply::Error {
    status: 404,
    code: "ResourceNotFoundException",
    message: "PhoneNumber not found for the given Id",
};
const DENIED: Reply = Reply::Error {
    status: 403,
    code: "AccessDeniedException",
    message:
        "User: arn:aws:sts::123456789012:assumed-role/vanity-phone-link/vanity-phone-link is not \
              authorized to perform: connect:AssociatePhoneNumberContactFlow",
};

/// A Connect call the case expects, in order, with the answers to give it (several when
/// the SDK is expected to retry).
enum Call {
    Associate {
        phone: &'static str,
        flow: &'static str,
        replies: Vec<Reply>,
    },
    Disassociate {
        phone: &'static str,
        replies: Vec<Reply>,
    },
}

const INSTANCE: &str = "a1b2c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d";
const OLD_INSTANCE: &str = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f";
const PHONE: &str = "0c7d9e21-3b4a-4f5e-8d6c-7b8a9f0e1d2c";
const NEW_PHONE: &str = "f4e3d2c1-b0a9-4876-9543-210fedcba987";
const FLOW: &str = "3f9e2c1a-7b4d-4e8f-9a21-5c6d7e8f9012";
const NEW_FLOW: &str = "8e7d6c5b-4a39-4281-b7f6-e5d4c3b2a190";

fn link(phone: &str, flow: &str) -> Link {
    Link {
        instance_id: INSTANCE.into(),
        phone_number_id: phone.into(),
        contact_flow_id: flow.into(),
    }
}

fn fixture(name: &str) -> Value {
    test_support::fixtures::json(env!("CARGO_MANIFEST_DIR"), name)
}

fn error_body(code: &str, message: &str) -> String {
    serde_json::json!({ "__type": code, "Message": message }).to_string()
}

/// `sequence` answering with `replies` in order; `$ok` makes the successful output. (A macro:
/// aws-smithy-mocks does not export the sequence builder's type.)
macro_rules! replying {
    ($sequence:expr, $replies:expr, $ok:expr) => {{
        let mut sequence = $sequence;
        for reply in $replies {
            sequence = match *reply {
                Reply::Ok => sequence.output($ok),
                Reply::Error {
                    status,
                    code,
                    message,
                } => sequence.http_status(status, Some(error_body(code, message))),
            };
        }
        sequence.build()
    }};
}

fn rule_for(call: &Call) -> Rule {
    match call {
        Call::Associate {
            phone,
            flow,
            replies,
        } => {
            let (phone, flow) = (*phone, *flow);
            let sequence = mock!(Client::associate_phone_number_contact_flow)
                .match_requests(move |request| {
                    request.instance_id() == Some(INSTANCE)
                        && request.phone_number_id() == Some(phone)
                        && request.contact_flow_id() == Some(flow)
                })
                .sequence();
            replying!(sequence, replies, || {
                AssociatePhoneNumberContactFlowOutput::builder().build()
            })
        }
        Call::Disassociate { phone, replies } => {
            let phone = *phone;
            let sequence = mock!(Client::disassociate_phone_number_contact_flow)
                .match_requests(move |request| {
                    request.instance_id() == Some(INSTANCE)
                        && request.phone_number_id() == Some(phone)
                })
                .sequence();
            replying!(sequence, replies, || {
                DisassociatePhoneNumberContactFlowOutput::builder().build()
            })
        }
    }
}

fn replies(call: &Call) -> usize {
    match call {
        Call::Associate { replies, .. } | Call::Disassociate { replies, .. } => replies.len(),
    }
}

/// `AssociatePhoneNumberContactFlow` for `phone` and `flow`, answered with `replies` in turn.
fn associate(phone: &'static str, flow: &'static str, replies: &[Reply]) -> Call {
    Call::Associate {
        phone,
        flow,
        replies: replies.to_vec(),
    }
}

/// `DisassociatePhoneNumberContactFlow` for `phone`, answered with `replies` in turn.
fn disassociate(phone: &'static str, replies: &[Reply]) -> Call {
    Call::Disassociate {
        phone,
        replies: replies.to_vec(),
    }
}

struct Case {
    name: &'static str,
    fixture: &'static str,
    calls: Vec<Call>,
    expected: Result<Vec<Step>, Vec<&'static str>>,
}

#[allow(
    clippy::too_many_lines,
    reason = "a table of lifecycle cases, one entry per case"
)]
fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "create associates the number with the flow",
            fixture: "create",
            calls: vec![associate(PHONE, FLOW, &[Reply::Ok])],
            expected: Ok(vec![Step::Associated(link(PHONE, FLOW))]),
        },
        Case {
            // Connect answers a repeated association like the first one: the PUT overwrites.
            name: "create on an already associated number overwrites without detaching",
            fixture: "create",
            calls: vec![associate(PHONE, FLOW, &[Reply::Ok])],
            expected: Ok(vec![Step::Associated(link(PHONE, FLOW))]),
        },
        Case {
            name: "update with a new flow re-associates the same number only",
            fixture: "update-flow",
            calls: vec![associate(PHONE, NEW_FLOW, &[Reply::Ok])],
            expected: Ok(vec![Step::Associated(link(PHONE, NEW_FLOW))]),
        },
        Case {
            name: "update with a new number detaches the old number first",
            fixture: "update-number",
            calls: vec![
                disassociate(PHONE, &[Reply::Ok]),
                associate(NEW_PHONE, FLOW, &[Reply::Ok]),
            ],
            expected: Ok(vec![
                Step::Disassociated(link(PHONE, FLOW)),
                Step::Associated(link(NEW_PHONE, FLOW)),
            ]),
        },
        Case {
            name: "update with a new number whose old number was released still associates",
            fixture: "update-number",
            calls: vec![
                disassociate(PHONE, &[NOT_FOUND]),
                associate(NEW_PHONE, FLOW, &[Reply::Ok]),
            ],
            expected: Ok(vec![
                Step::AlreadyDisassociated(link(PHONE, FLOW)),
                Step::Associated(link(NEW_PHONE, FLOW)),
            ]),
        },
        Case {
            name: "delete detaches the number",
            fixture: "delete",
            calls: vec![disassociate(PHONE, &[Reply::Ok])],
            expected: Ok(vec![Step::Disassociated(link(PHONE, FLOW))]),
        },
        Case {
            name: "delete when not associated is done",
            fixture: "delete",
            calls: vec![disassociate(PHONE, &[NOT_FOUND])],
            expected: Ok(vec![Step::AlreadyDisassociated(link(PHONE, FLOW))]),
        },
        Case {
            name: "throttled twice then ok",
            fixture: "create",
            calls: vec![associate(PHONE, FLOW, &[THROTTLED, THROTTLED, Reply::Ok])],
            expected: Ok(vec![Step::Associated(link(PHONE, FLOW))]),
        },
        Case {
            name: "delete throttled then ok",
            fixture: "delete",
            calls: vec![disassociate(PHONE, &[THROTTLED, Reply::Ok])],
            expected: Ok(vec![Step::Disassociated(link(PHONE, FLOW))]),
        },
        Case {
            name: "throttled on every attempt gives up with a hint",
            fixture: "create",
            calls: vec![associate(
                PHONE,
                FLOW,
                &[THROTTLED; phone_link::sdk::MAX_ATTEMPTS as usize],
            )],
            expected: Err(vec![
                "ThrottlingException: Rate exceeded",
                "run terraform apply again",
            ]),
        },
        Case {
            // IAM propagation: the role policy was created seconds before the invocation.
            name: "create denied twice then allowed associates",
            fixture: "create",
            calls: vec![associate(PHONE, FLOW, &[DENIED, DENIED, Reply::Ok])],
            expected: Ok(vec![Step::Associated(link(PHONE, FLOW))]),
        },
        Case {
            name: "a denial that outlasts the patience fails and says what to check",
            fixture: "create",
            calls: vec![
                // TEST_PATIENCE waits 1 + 2 + 2 ms, so four attempts in all.
                associate(PHONE, FLOW, &[DENIED; 4]),
            ],
            expected: Err(vec![
                "pointing phone number 0c7d9e21-3b4a-4f5e-8d6c-7b8a9f0e1d2c at contact flow \
                 3f9e2c1a-7b4d-4e8f-9a21-5c6d7e8f9012",
                "AssociatePhoneNumberContactFlow returned AccessDeniedException: User: \
                 arn:aws:sts::123456789012:assumed-role/vanity-phone-link",
                "hint: the phone-link role may only point this stack's phone number at this stack's flow",
            ]),
        },
        Case {
            name: "update detaching the previous number waits out a denial too",
            fixture: "update-number",
            calls: vec![
                disassociate(PHONE, &[DENIED, Reply::Ok]),
                associate(NEW_PHONE, FLOW, &[Reply::Ok]),
            ],
            expected: Ok(vec![
                Step::Disassociated(link(PHONE, FLOW)),
                Step::Associated(link(NEW_PHONE, FLOW)),
            ]),
        },
        Case {
            name: "update into another instance leaves the old number to a person",
            fixture: "update-instance",
            calls: vec![associate(NEW_PHONE, FLOW, &[Reply::Ok])],
            expected: Ok(vec![
                Step::LeftInPreviousInstance(Link {
                    instance_id: OLD_INSTANCE.into(),
                    phone_number_id: PHONE.into(),
                    contact_flow_id: FLOW.into(),
                }),
                Step::Associated(link(NEW_PHONE, FLOW)),
            ]),
        },
        Case {
            // Delete follows no policy change, so a denial there is real at once.
            name: "delete is not retried on a denial",
            fixture: "delete",
            calls: vec![disassociate(PHONE, &[DENIED])],
            expected: Err(vec![
                "DisassociatePhoneNumberContactFlow returned AccessDenied",
            ]),
        },
        Case {
            // The repair invocation (CREATE_ONLY scope, so no `tf` key) carries what the
            // status query saw; whatever that was, it points the number back at the flow.
            name: "drift repair re-associates the number with the flow",
            fixture: "repair",
            calls: vec![associate(PHONE, FLOW, &[Reply::Ok])],
            expected: Ok(vec![Step::Associated(link(PHONE, FLOW))]),
        },
        Case {
            name: "associate to a missing flow is an error, not done",
            fixture: "update-flow",
            calls: vec![associate(PHONE, NEW_FLOW, &[NOT_FOUND])],
            expected: Err(vec![
                "ResourceNotFoundException",
                "does not exist in this instance",
            ]),
        },
        Case {
            name: "a failed detach stops the update before associating",
            fixture: "update-number",
            calls: vec![disassociate(PHONE, &[DENIED; 4])],
            expected: Err(vec![
                "detaching phone number 0c7d9e21",
                "DisassociatePhoneNumberContactFlow returned",
            ]),
        },
    ]
}

/// The production retry logic with millisecond waits.
const TEST_PATIENCE: Patience = Patience {
    access_denied_for: Duration::from_millis(5),
    first_wait: Duration::from_millis(1),
    max_wait: Duration::from_millis(2),
};

#[tokio::test]
async fn lifecycle_cases() {
    for case in cases() {
        let rules: Vec<Rule> = case.calls.iter().map(rule_for).collect();
        // Sequential: each call must match the next expected one, so order is checked too;
        // a call nobody expected gets the mock's "418 I'm a teapot" and fails the case.
        let client = mock_client!(aws_sdk_connect, RuleMode::Sequential, &rules, |config| {
            // The production policy, with waits shortened so the test runs in milliseconds.
            config.retry_config(
                phone_link::sdk::retry_config()
                    .with_initial_backoff(Duration::from_millis(1))
                    .with_max_backoff(Duration::from_millis(2)),
            )
        });
        let invocation = Invocation::from_json(fixture(case.fixture)).expect(case.name);
        let result = handle_with(&client, &invocation, TEST_PATIENCE).await;
        match (&case.expected, result) {
            (Ok(steps), Ok(outcome)) => {
                assert_eq!(&outcome.steps, steps, "{}", case.name);
                assert_eq!(outcome.action, invocation.action, "{}", case.name);
            }
            (Err(fragments), Err(error)) => {
                let message = error.to_string();
                for fragment in fragments {
                    assert!(
                        message.contains(fragment),
                        "{}: {message:?} lacks {fragment:?}",
                        case.name
                    );
                }
                assert_eq!(
                    error.error_type(),
                    "PhoneLink.ConnectError",
                    "{}",
                    case.name
                );
            }
            (expected, got) => panic!("{}: expected {expected:?}, got {got:?}", case.name),
        }
        for (call, rule) in case.calls.iter().zip(&rules) {
            assert_eq!(rule.num_calls(), replies(call), "{}: attempts", case.name);
        }
    }
}

#[test]
fn outcome_serializes_for_terraform_state() {
    let outcome = Outcome {
        action: Action::Update,
        steps: vec![
            Step::Disassociated(link(PHONE, FLOW)),
            Step::Associated(link(NEW_PHONE, FLOW)),
        ],
    };
    let value = serde_json::to_value(&outcome).expect("serializes");
    assert_eq!(value["action"], "update");
    assert_eq!(value["steps"][0]["step"], "disassociated");
    assert_eq!(value["steps"][0]["phone_number_id"], PHONE);
    assert_eq!(value["steps"][1]["step"], "associated");
    assert_eq!(value["steps"][1]["phone_number_id"], NEW_PHONE);
}
