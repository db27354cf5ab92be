//! What can go wrong talking to Amazon Connect, typed: which failures the input caused (the
//! test case, the stack's ids: exit 2) and which AWS caused (access, throttling, the service:
//! exit 1), each as one line that says what to do.

use std::fmt;

use aws_sdk_connect::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_connect::operation::create_test_case::CreateTestCaseError;
use aws_sdk_connect::operation::update_test_case::UpdateTestCaseError;

/// One failed Connect call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectError {
    #[error("these credentials may not call connect:{operation} (AccessDeniedException: {message}); grant the policy in docs/deploying.md \"Test the live line\"")]
    AccessDenied {
        operation: &'static str,
        message: String,
    },
    #[error("Amazon Connect is throttling connect:{operation} (ThrottlingException) even after retries; run again in a minute")]
    Throttled { operation: &'static str },
    #[error("connect:{operation}: the test queue is full (ServiceQuotaExceededException: {message}); wait for running tests to finish and run again")]
    QueueFull {
        operation: &'static str,
        message: String,
    },
    /// The service refused the document (`InvalidTestCaseException`, "The test is not valid",
    /// API_CreateTestCase.html), or the request built from it. `body` is the response as it
    /// came, on one line: the SDK keeps only `Message` and `Problems` of the exception, and a
    /// third-party report says the service puts the details elsewhere (`problemDetails`).
    #[error("Amazon Connect rejected the test case in connect:{operation} ({code}: {message}){}; check it with `connect-vanity render --check` and see docs/deploying.md \"Test the live line\"", answered(body.as_deref()))]
    InvalidCase {
        operation: &'static str,
        code: String,
        message: String,
        body: Option<String>,
    },
    /// The instance, flow or test case the stack's outputs name does not exist.
    #[error("connect:{operation}: {message} (ResourceNotFoundException); check `terraform output` names the deployed instance and flow, or deploy again")]
    NotFound {
        operation: &'static str,
        message: String,
    },
    #[error("connect:{operation} failed ({code}: {message})")]
    Service {
        operation: &'static str,
        code: String,
        message: String,
    },
    /// No answer with an error code: the network, a timeout, no credentials.
    #[error("connect:{operation} failed: {detail}")]
    Transport {
        operation: &'static str,
        detail: String,
    },
    #[error("connect:{operation} answered without {what}")]
    Incomplete {
        operation: &'static str,
        what: &'static str,
    },
}

impl ConnectError {
    /// The error for a failed call of `operation`.
    pub fn from_sdk<E, R>(operation: &'static str, error: &SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
        R: fmt::Debug,
    {
        let message = error.message().unwrap_or("no message").to_string();
        match error.code() {
            Some("AccessDeniedException") => ConnectError::AccessDenied { operation, message },
            Some("ThrottlingException") => ConnectError::Throttled { operation },
            Some("ServiceQuotaExceededException") => ConnectError::QueueFull { operation, message },
            Some("ResourceNotFoundException") => ConnectError::NotFound { operation, message },
            Some(
                code @ ("InvalidTestCaseException"
                | "InvalidRequestException"
                | "InvalidParameterException"
                | "ValidationException"),
            ) => ConnectError::InvalidCase {
                operation,
                code: code.to_string(),
                message,
                body: None,
            },
            Some(code) => ConnectError::Service {
                operation,
                code: code.to_string(),
                message,
            },
            None => ConnectError::Transport {
                operation,
                detail: DisplayErrorContext(error).to_string(),
            },
        }
    }

    /// A failed CreateTestCase, with the problems an InvalidTestCaseException lists and the
    /// response body.
    pub fn from_create(error: &SdkError<CreateTestCaseError>) -> Self {
        let problems = match error.as_service_error() {
            Some(CreateTestCaseError::InvalidTestCaseException(invalid)) => {
                problem_messages(invalid.problems())
            }
            _ => Vec::new(),
        };
        ConnectError::from_sdk("CreateTestCase", error).with_details(&problems, raw_body(error))
    }

    /// A failed UpdateTestCase, with the problems an InvalidTestCaseException lists and the
    /// response body.
    pub fn from_update(error: &SdkError<UpdateTestCaseError>) -> Self {
        let problems = match error.as_service_error() {
            Some(UpdateTestCaseError::InvalidTestCaseException(invalid)) => {
                problem_messages(invalid.problems())
            }
            _ => Vec::new(),
        };
        ConnectError::from_sdk("UpdateTestCase", error).with_details(&problems, raw_body(error))
    }

    fn with_details(mut self, problems: &[String], raw: Option<String>) -> Self {
        if let ConnectError::InvalidCase { message, body, .. } = &mut self {
            for problem in problems {
                message.push_str("; ");
                message.push_str(problem);
            }
            *body = raw;
        }
        self
    }

    /// This refusal, said to be the last after every version in `refused` was tried.
    pub fn after_every_version(mut self, refused: &[&str]) -> Self {
        if let ConnectError::InvalidCase { message, .. } = &mut self {
            message.push_str(&format!(
                "; refused with every Testing-language Version tried ({}), this is the last refusal",
                refused.join(", ")
            ));
        }
        self
    }

    /// Caused by the input (the rendered case, the stack's ids), not by AWS: exit 2.
    pub fn caused_by_input(&self) -> bool {
        matches!(
            self,
            ConnectError::InvalidCase { .. } | ConnectError::NotFound { .. }
        )
    }

    /// No other case can get further (the same credentials, limits and instance serve them
    /// all), so the run stops here instead of failing every scenario the same way.
    pub fn stops_the_run(&self) -> bool {
        matches!(
            self,
            ConnectError::AccessDenied { .. }
                | ConnectError::Throttled { .. }
                | ConnectError::NotFound { .. }
                | ConnectError::Transport { .. }
        )
    }

    /// Whether this may be the service refusing the document's Testing-language `Version`. No
    /// page says how it answers a version it does not take (UNCONFIRMED), and the SDK keeps
    /// only `Message` and `Problems` of the answer, so any refusal of the document
    /// (InvalidTestCaseException) may be one, and so may a validation error that names the
    /// content, the version, or a content that did not deserialize (a third-party report's
    /// wording for a wrong version).
    pub fn may_refuse_version(&self) -> bool {
        let ConnectError::InvalidCase {
            code,
            message,
            body,
            ..
        } = self
        else {
            return false;
        };
        match code.as_str() {
            "InvalidTestCaseException" => true,
            "ValidationException" | "InvalidRequestException" => {
                let said = format!("{message} {}", body.as_deref().unwrap_or_default())
                    .to_ascii_lowercase();
                ["content", "version", "deserializ"]
                    .iter()
                    .any(|word| said.contains(word))
            }
            _ => false,
        }
    }
}

/// The longest response body an error line shows, in characters.
const BODY_SHOWN: usize = 600;

/// The body of the response `error` came with, on one line and at most [`BODY_SHOWN`]
/// characters; none when there was no response or it was empty.
fn raw_body<E>(error: &SdkError<E>) -> Option<String> {
    let bytes = error.raw_response()?.body().bytes()?;
    let text = String::from_utf8_lossy(bytes);
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(BODY_SHOWN) {
        _ if line.is_empty() => None,
        Some((cut, _)) => Some(format!("{}...", &line[..cut])),
        None => Some(line),
    }
}

/// The part of an error line that shows the service's answer.
fn answered(body: Option<&str>) -> String {
    body.map(|body| format!("; the service answered: {body}"))
        .unwrap_or_default()
}

fn problem_messages(problems: &[aws_sdk_connect::types::ProblemDetail]) -> Vec<String> {
    problems
        .iter()
        .filter_map(|p| p.message().map(str::to_string))
        .collect()
}
