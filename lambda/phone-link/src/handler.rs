//! The custom-resource lifecycle: what create, update and delete mean for a phone number's
//! flow, in which order the Connect calls happen, how long a fresh role's access denials are
//! waited out, and what the function returns to Terraform (stored as the
//! `aws_lambda_invocation` resource's `result`). The read-only status query is [`crate::status`].

use std::time::Duration;

use aws_sdk_connect::Client;
use lambda_runtime::LambdaEvent;
use serde::Serialize;
use serde_json::Value;

use crate::error::Error;
use crate::event::{Action, Invocation, Link};
use crate::link::{self, Detached};
use crate::status::{self, LinkStatus};

/// How long create and update keep retrying `AccessDeniedException`.
///
/// Terraform invokes the function seconds after it creates (or changes) the role policy, and
/// IAM changes are eventually consistent: "changes might not be immediately visible"
/// (IAM User Guide, "Troubleshoot IAM": changes that I make are not always immediately
/// visible). The provider retries propagation errors only around creating the function
/// (internal/service/lambda/function.go), not around `Invoke`
/// (internal/service/lambda/invocation.go calls `conn.Invoke` once). So the function itself
/// waits a bounded time; a denial that outlasts it is real and fails with the hint.
#[derive(Debug, Clone, Copy)]
pub struct Patience {
    /// Total time spent waiting between denied attempts.
    pub access_denied_for: Duration,
    /// The first wait; each next one doubles, up to `max_wait`.
    pub first_wait: Duration,
    pub max_wait: Duration,
}

impl Patience {
    /// 60 s of waiting in 2, 4, 8, 15, 15, 15 s steps; with the SDK's own retries the function
    /// still ends well inside its 120-second timeout.
    pub const DEFAULT: Patience = Patience {
        access_denied_for: Duration::from_secs(60),
        first_wait: Duration::from_secs(2),
        max_wait: Duration::from_secs(15),
    };
}

/// What the function answers: a lifecycle outcome, or the status query's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    Lifecycle(Outcome),
    Status(LinkStatus),
}

/// What the function did, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub action: Action,
    pub steps: Vec<Step>,
}

/// One Connect change (or the finding that none was needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    Associated(Link),
    Disassociated(Link),
    /// The number had no flow or no longer exists; treated as done.
    AlreadyDisassociated(Link),
    /// The previous number belongs to another instance (the configuration moved to a new
    /// one): the role may act only in the current instance, so it is left for a person.
    LeftInPreviousInstance(Link),
}

/// The Lambda entry point: parse, log, act.
pub async fn function_handler(client: &Client, event: LambdaEvent<Value>) -> Result<Answer, Error> {
    if let Some(link) = status::parse_query(&event.payload)? {
        let status = status::inspect(client, &link).await;
        match &status {
            Ok(status) => tracing::info!(
                instance_id = %link.instance_id,
                phone_number_id = %link.phone_number_id,
                observed = %status.observed,
                "phone-link status query"
            ),
            Err(error) => tracing::error!(error = %error, "phone-link status query failed"),
        }
        return status.map(Answer::Status);
    }
    let invocation = Invocation::from_json(event.payload)?;
    tracing::info!(
        action = ?invocation.action,
        instance_id = %invocation.current.instance_id,
        phone_number_id = %invocation.current.phone_number_id,
        contact_flow_id = %invocation.current.contact_flow_id,
        previous_phone_number_id = invocation.previous.as_ref().map(|p| p.phone_number_id.as_str()),
        "phone-link invoked"
    );
    let outcome = handle(client, &invocation).await;
    match &outcome {
        Ok(outcome) => tracing::info!(steps = ?outcome.steps, "phone-link done"),
        Err(error) => tracing::error!(error = %error, "phone-link failed"),
    }
    outcome.map(Answer::Lifecycle)
}

/// Carries out one lifecycle transition.
///
/// - create: associate the number with the flow.
/// - update: when the phone number changed, first detach the old number, so it stops
///   answering with this flow, then associate the new one; when only the flow changed,
///   associate again, which overwrites. A previous number in another instance is left alone:
///   the role's policy allows only the current instance (`connect:InstanceId`), so trying
///   would only be denied; the step says so and the README tells the person to detach it.
/// - delete: detach the number; a number with no flow, or one already released, is done.
///
/// Create and update follow a role-policy change, so their access denials are retried for
/// [`Patience::DEFAULT`]; delete is not (its policy has been in place since the create).
/// Any error fails the invocation, so Terraform never records a link that was not made.
pub async fn handle(client: &Client, invocation: &Invocation) -> Result<Outcome, Error> {
    handle_with(client, invocation, Patience::DEFAULT).await
}

/// [`handle`] with the access-denied patience given (tests shorten it).
pub async fn handle_with(
    client: &Client,
    invocation: &Invocation,
    patience: Patience,
) -> Result<Outcome, Error> {
    let current = &invocation.current;
    let mut steps = Vec::new();
    match invocation.action {
        Action::Create => {
            patiently(patience, || link::associate(client, current)).await?;
            steps.push(Step::Associated(current.clone()));
        }
        Action::Update => {
            match invocation.previous.as_ref() {
                Some(previous) if previous.instance_id != current.instance_id => {
                    tracing::warn!(
                        previous_instance_id = %previous.instance_id,
                        previous_phone_number_id = %previous.phone_number_id,
                        "the previous number is in another instance; detach it there by hand"
                    );
                    steps.push(Step::LeftInPreviousInstance(previous.clone()));
                }
                Some(previous) if !previous.same_number(current) => {
                    steps.push(patiently(patience, || detach(client, previous)).await?);
                }
                _ => {}
            }
            patiently(patience, || link::associate(client, current)).await?;
            steps.push(Step::Associated(current.clone()));
        }
        Action::Delete => steps.push(detach(client, current).await?),
    }
    Ok(Outcome {
        action: invocation.action,
        steps,
    })
}

/// Runs `call` again while it fails with an access denial and the patience lasts.
async fn patiently<T, F, Fut>(patience: Patience, mut call: F) -> Result<T, Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, Error>>,
{
    let mut waited = Duration::ZERO;
    let mut wait = patience.first_wait;
    loop {
        match call().await {
            Err(error) if error.is_access_denied() && waited < patience.access_denied_for => {
                let pause = wait.min(patience.access_denied_for - waited);
                tracing::warn!(
                    error = %error,
                    retry_in_ms = pause.as_millis() as u64,
                    "access denied; waiting for the role policy to propagate"
                );
                tokio::time::sleep(pause).await;
                waited += pause;
                wait = (wait * 2).min(patience.max_wait);
            }
            result => return result,
        }
    }
}

async fn detach(client: &Client, link: &Link) -> Result<Step, Error> {
    Ok(match link::disassociate(client, link).await? {
        Detached::Detached => Step::Disassociated(link.clone()),
        Detached::NothingToDetach => Step::AlreadyDisassociated(link.clone()),
    })
}

/// These tests drive the real SDK client (serialization, error parsing, the retry policy from
/// [`crate::sdk`]) with responses from `aws-smithy-mocks`. Mocks rather than a server on
/// loopback because no local server implements the Connect phone-number APIs: moto's Connect
/// support covers instances only.
#[cfg(test)]
mod tests {
    use std::time::Duration;

    use aws_sdk_connect::operation::associate_phone_number_contact_flow::AssociatePhoneNumberContactFlowOutput;
    use aws_sdk_connect::operation::disassociate_phone_number_contact_flow::DisassociatePhoneNumberContactFlowOutput;
    use aws_smithy_mocks::{mock, mock_client, Rule, RuleMode};

    use super::*;

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
        message: "User: arn:aws:sts::123456789012:assumed-role/vanity-phone-link/vanity-phone-link is not \
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
        let text = match name {
            "create" => include_str!("../tests/fixtures/create.json"),
            "update-flow" => include_str!("../tests/fixtures/update-flow.json"),
            "update-number" => include_str!("../tests/fixtures/update-number.json"),
            "delete" => include_str!("../tests/fixtures/delete.json"),
            "repair" => include_str!("../tests/fixtures/repair.json"),
            "update-instance" => include_str!("../tests/fixtures/update-instance.json"),
            "status" => include_str!("../tests/fixtures/status.json"),
            other => panic!("no fixture {other}"),
        };
        serde_json::from_str(text).expect("fixture is JSON")
    }

    fn error_body(code: &str, message: &str) -> String {
        serde_json::json!({ "__type": code, "Message": message }).to_string()
    }

    fn rule_for(call: &Call) -> Rule {
        match call {
            Call::Associate {
                phone,
                flow,
                replies,
            } => {
                let (phone, flow) = (*phone, *flow);
                let mut sequence = mock!(Client::associate_phone_number_contact_flow)
                    .match_requests(move |request| {
                        request.instance_id() == Some(INSTANCE)
                            && request.phone_number_id() == Some(phone)
                            && request.contact_flow_id() == Some(flow)
                    })
                    .sequence();
                for reply in replies {
                    sequence = match *reply {
                        Reply::Ok => sequence
                            .output(|| AssociatePhoneNumberContactFlowOutput::builder().build()),
                        Reply::Error {
                            status,
                            code,
                            message,
                        } => sequence.http_status(status, Some(error_body(code, message))),
                    };
                }
                sequence.build()
            }
            Call::Disassociate { phone, replies } => {
                let phone = *phone;
                let mut sequence = mock!(Client::disassociate_phone_number_contact_flow)
                    .match_requests(move |request| {
                        request.instance_id() == Some(INSTANCE)
                            && request.phone_number_id() == Some(phone)
                    })
                    .sequence();
                for reply in replies {
                    sequence = match *reply {
                        Reply::Ok => sequence
                            .output(|| DisassociatePhoneNumberContactFlowOutput::builder().build()),
                        Reply::Error {
                            status,
                            code,
                            message,
                        } => sequence.http_status(status, Some(error_body(code, message))),
                    };
                }
                sequence.build()
            }
        }
    }

    fn replies(call: &Call) -> usize {
        match call {
            Call::Associate { replies, .. } | Call::Disassociate { replies, .. } => replies.len(),
        }
    }

    struct Case {
        name: &'static str,
        fixture: &'static str,
        calls: Vec<Call>,
        expected: Result<Vec<Step>, Vec<&'static str>>,
    }

    fn cases() -> Vec<Case> {
        vec![
            Case {
                name: "create associates the number with the flow",
                fixture: "create",
                calls: vec![Call::Associate {
                    phone: PHONE,
                    flow: FLOW,
                    replies: vec![Reply::Ok],
                }],
                expected: Ok(vec![Step::Associated(link(PHONE, FLOW))]),
            },
            Case {
                // Connect answers a repeated association like the first one: the PUT overwrites.
                name: "create on an already associated number overwrites without detaching",
                fixture: "create",
                calls: vec![Call::Associate {
                    phone: PHONE,
                    flow: FLOW,
                    replies: vec![Reply::Ok],
                }],
                expected: Ok(vec![Step::Associated(link(PHONE, FLOW))]),
            },
            Case {
                name: "update with a new flow re-associates the same number only",
                fixture: "update-flow",
                calls: vec![Call::Associate {
                    phone: PHONE,
                    flow: NEW_FLOW,
                    replies: vec![Reply::Ok],
                }],
                expected: Ok(vec![Step::Associated(link(PHONE, NEW_FLOW))]),
            },
            Case {
                name: "update with a new number detaches the old number first",
                fixture: "update-number",
                calls: vec![
                    Call::Disassociate {
                        phone: PHONE,
                        replies: vec![Reply::Ok],
                    },
                    Call::Associate {
                        phone: NEW_PHONE,
                        flow: FLOW,
                        replies: vec![Reply::Ok],
                    },
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
                    Call::Disassociate {
                        phone: PHONE,
                        replies: vec![NOT_FOUND],
                    },
                    Call::Associate {
                        phone: NEW_PHONE,
                        flow: FLOW,
                        replies: vec![Reply::Ok],
                    },
                ],
                expected: Ok(vec![
                    Step::AlreadyDisassociated(link(PHONE, FLOW)),
                    Step::Associated(link(NEW_PHONE, FLOW)),
                ]),
            },
            Case {
                name: "delete detaches the number",
                fixture: "delete",
                calls: vec![Call::Disassociate {
                    phone: PHONE,
                    replies: vec![Reply::Ok],
                }],
                expected: Ok(vec![Step::Disassociated(link(PHONE, FLOW))]),
            },
            Case {
                name: "delete when not associated is done",
                fixture: "delete",
                calls: vec![Call::Disassociate {
                    phone: PHONE,
                    replies: vec![NOT_FOUND],
                }],
                expected: Ok(vec![Step::AlreadyDisassociated(link(PHONE, FLOW))]),
            },
            Case {
                name: "throttled twice then ok",
                fixture: "create",
                calls: vec![Call::Associate {
                    phone: PHONE,
                    flow: FLOW,
                    replies: vec![THROTTLED, THROTTLED, Reply::Ok],
                }],
                expected: Ok(vec![Step::Associated(link(PHONE, FLOW))]),
            },
            Case {
                name: "delete throttled then ok",
                fixture: "delete",
                calls: vec![Call::Disassociate {
                    phone: PHONE,
                    replies: vec![THROTTLED, Reply::Ok],
                }],
                expected: Ok(vec![Step::Disassociated(link(PHONE, FLOW))]),
            },
            Case {
                name: "throttled on every attempt gives up with a hint",
                fixture: "create",
                calls: vec![Call::Associate {
                    phone: PHONE,
                    flow: FLOW,
                    replies: vec![THROTTLED; crate::sdk::MAX_ATTEMPTS as usize],
                }],
                expected: Err(vec![
                    "ThrottlingException: Rate exceeded",
                    "run terraform apply again",
                ]),
            },
            Case {
                // IAM propagation: the role policy was created seconds before the invocation.
                name: "create denied twice then allowed associates",
                fixture: "create",
                calls: vec![Call::Associate {
                    phone: PHONE,
                    flow: FLOW,
                    replies: vec![DENIED, DENIED, Reply::Ok],
                }],
                expected: Ok(vec![Step::Associated(link(PHONE, FLOW))]),
            },
            Case {
                name: "a denial that outlasts the patience fails and says what to check",
                fixture: "create",
                calls: vec![Call::Associate {
                    phone: PHONE,
                    flow: FLOW,
                    // TEST_PATIENCE waits 1 + 2 + 2 ms, so four attempts in all.
                    replies: vec![DENIED; 4],
                }],
                expected: Err(vec![
                    "pointing phone number 0c7d9e21-3b4a-4f5e-8d6c-7b8a9f0e1d2c at contact flow \
                     3f9e2c1a-7b4d-4e8f-9a21-5c6d7e8f9012",
                    "AssociatePhoneNumberContactFlow returned AccessDeniedException: User: \
                     arn:aws:sts::123456789012:assumed-role/vanity-phone-link",
                    "hint: the phone-link role may only associate and detach",
                ]),
            },
            Case {
                name: "update detaching the previous number waits out a denial too",
                fixture: "update-number",
                calls: vec![
                    Call::Disassociate {
                        phone: PHONE,
                        replies: vec![DENIED, Reply::Ok],
                    },
                    Call::Associate {
                        phone: NEW_PHONE,
                        flow: FLOW,
                        replies: vec![Reply::Ok],
                    },
                ],
                expected: Ok(vec![
                    Step::Disassociated(link(PHONE, FLOW)),
                    Step::Associated(link(NEW_PHONE, FLOW)),
                ]),
            },
            Case {
                name: "update into another instance leaves the old number to a person",
                fixture: "update-instance",
                calls: vec![Call::Associate {
                    phone: NEW_PHONE,
                    flow: FLOW,
                    replies: vec![Reply::Ok],
                }],
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
                calls: vec![Call::Disassociate {
                    phone: PHONE,
                    replies: vec![DENIED],
                }],
                expected: Err(vec![
                    "DisassociatePhoneNumberContactFlow returned AccessDenied",
                ]),
            },
            Case {
                // The repair invocation (CREATE_ONLY scope, so no `tf` key) carries what the
                // status query saw; whatever that was, it points the number back at the flow.
                name: "drift repair re-associates the number with the flow",
                fixture: "repair",
                calls: vec![Call::Associate {
                    phone: PHONE,
                    flow: FLOW,
                    replies: vec![Reply::Ok],
                }],
                expected: Ok(vec![Step::Associated(link(PHONE, FLOW))]),
            },
            Case {
                name: "associate to a missing flow is an error, not done",
                fixture: "update-flow",
                calls: vec![Call::Associate {
                    phone: PHONE,
                    flow: NEW_FLOW,
                    replies: vec![NOT_FOUND],
                }],
                expected: Err(vec![
                    "ResourceNotFoundException",
                    "does not exist in this instance",
                ]),
            },
            Case {
                name: "a failed detach stops the update before associating",
                fixture: "update-number",
                calls: vec![Call::Disassociate {
                    phone: PHONE,
                    replies: vec![DENIED; 4],
                }],
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
                    crate::sdk::retry_config()
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
            let reply = function_handler(&client, event).await.expect(name);
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
        let error = function_handler(&client, event)
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
}
