//! The crate's one error type. Every message names the ids involved and says what to do,
//! because Terraform shows it verbatim as the reason `terraform apply` failed.

use std::fmt;

use crate::association::Link;

/// Which Connect call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Associate,
    Disassociate,
    /// The read behind the link-status query.
    ListAssociations,
}

impl Operation {
    /// The API name, as it appears in CloudTrail and the IAM policy.
    pub fn api_name(self) -> &'static str {
        match self {
            Operation::Associate => "AssociatePhoneNumberContactFlow",
            Operation::Disassociate => "DisassociatePhoneNumberContactFlow",
            Operation::ListAssociations => "ListFlowAssociations",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The invocation input is not what the rendered Terraform sends.
    #[error("invalid phone-link input: {0}")]
    BadInput(String),

    /// The input names an instance, number or flow this stack does not own (see
    /// `crate::scope`); nothing was called.
    #[error("phone-link refused the invocation: {0}")]
    OutOfScope(String),

    /// The function's environment does not say what it may touch; nothing was called.
    #[error("phone-link is not configured: {0}")]
    Misconfigured(String),

    /// Amazon Connect refused a call, or could not be reached, after the SDK's retries.
    #[error("{}", connect_message(*.operation, .link, .code.as_deref(), .detail))]
    Connect {
        operation: Operation,
        link: Link,
        /// The service's error code, for example `AccessDeniedException`; `None` when no
        /// response came back (timeout, DNS, connection refused).
        code: Option<String>,
        detail: String,
    },
}

impl Error {
    /// Connect refused the call for lack of permission. Right after the role policy is created
    /// or changed this is usually IAM propagation, not a real denial (see `crate::handler`).
    pub fn is_access_denied(&self) -> bool {
        matches!(self, Error::Connect { code: Some(code), .. } if code == "AccessDeniedException")
    }

    /// A stable, machine-readable type for the Lambda error response.
    pub fn error_type(&self) -> &'static str {
        match self {
            Error::BadInput(_) => "PhoneLink.InvalidInput",
            Error::OutOfScope(_) => "PhoneLink.OutOfScope",
            Error::Misconfigured(_) => "PhoneLink.Misconfigured",
            Error::Connect { .. } => "PhoneLink.ConnectError",
        }
    }
}

fn connect_message(operation: Operation, link: &Link, code: Option<&str>, detail: &str) -> String {
    let target = match operation {
        Operation::Associate => format!(
            "pointing phone number {} at contact flow {} in Amazon Connect instance {}",
            link.phone_number_id, link.contact_flow_id, link.instance_id
        ),
        Operation::Disassociate => format!(
            "detaching phone number {} from its contact flow in Amazon Connect instance {}",
            link.phone_number_id, link.instance_id
        ),
        Operation::ListAssociations => format!(
            "reading which flow phone number {} answers with in Amazon Connect instance {}",
            link.phone_number_id, link.instance_id
        ),
    };
    let mut message = format!("{target} failed: {} returned ", operation.api_name());
    match code {
        Some(code) => message.push_str(&format!("{code}: {detail}")),
        None => message.push_str(&format!("no response: {detail}")),
    }
    if let Some(hint) = hint(operation, code) {
        message.push_str(&format!(" (hint: {hint})"));
    }
    message
}

/// What a person can do about a given failure.
fn hint(operation: Operation, code: Option<&str>) -> Option<&'static str> {
    match (operation, code?) {
        (_, "AccessDeniedException") => Some(
            "the phone-link role may only point this stack's phone number at this stack's flow, \
             detach that number, and list the instance's flow associations; check that the \
             role policy was applied (a policy created seconds ago can take a minute to reach \
             every AWS endpoint: run terraform apply again)",
        ),
        (Operation::Associate, "ResourceNotFoundException") => Some(
            "the phone number or the contact flow does not exist in this instance; a number \
             claimed to a traffic distribution group needs its full ARN as phone_number_id",
        ),
        (_, "InvalidParameterException") => {
            Some("one of the ids is malformed; compare them with the Amazon Connect console")
        }
        (_, "ThrottlingException" | "TooManyRequestsException") => Some(
            "Amazon Connect kept throttling after every retry; run terraform apply again in a \
             minute",
        ),
        (_, "InternalServiceException") => {
            Some("a fault inside Amazon Connect; run terraform apply again")
        }
        _ => None,
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_name())
    }
}

#[cfg(feature = "handler")]
impl From<Error> for lambda_runtime::Diagnostic {
    fn from(error: Error) -> Self {
        lambda_runtime::Diagnostic {
            error_type: error.error_type().to_string(),
            error_message: error.to_string(),
        }
    }
}
