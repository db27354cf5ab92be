//! Reading the most recent calls from the deployed table: one DynamoDB Query on the
//! recent-calls index, newest first (never a Scan), paged only when a page runs out before
//! `last` calls. Every failure becomes a [`FetchError`] that says what is wrong in the user's
//! terms and what to do; the AWS error code and message are kept in it for the details.
//!
//! Credentials, profile and endpoint come from the environment exactly as for Terraform and the
//! AWS CLI (`AWS_PROFILE`, `AWS_ACCESS_KEY_ID`, `AWS_ENDPOINT_URL`, ...); the region is the
//! config's, where the stack was deployed.

use std::collections::HashMap;
use std::time::Duration;

use aws_sdk_dynamodb::config::http::HttpResponse;
use aws_sdk_dynamodb::config::ProvideCredentials;
use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;
use call_handler::schema;

/// Gives up on DynamoDB after this long, retries included, rather than hang a terminal.
const OPERATION_TIMEOUT: Duration = Duration::from_secs(30);

/// Where the calls are.
#[derive(Debug, Clone)]
pub struct Source {
    pub table: String,
    pub region: String,
    /// The config file the table name and region came from, for messages.
    pub config: String,
}

/// Why the calls could not be read. Codes are DynamoDB's documented error codes
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html).
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error(
        "no AWS credentials found: set AWS_PROFILE (after `aws sso login` or `aws configure`), \
         or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, as for terraform"
    )]
    NoCredentials { detail: String },
    #[error(
        "AWS rejected the credentials ({code}): check AWS_PROFILE or AWS_ACCESS_KEY_ID, or log \
         in again (`aws sso login`)"
    )]
    BadCredentials { code: String, message: String },
    #[error(
        "table {table:?} does not exist in {region}: deploy the stack first \
         (`connect-vanity deploy`), or check dynamodb.table_name and region in {config}"
    )]
    NoTable {
        table: String,
        region: String,
        config: String,
    },
    #[error(
        "table {table:?} in {region} has no {index:?} index: it was deployed by an older \
         connect-vanity; run `connect-vanity deploy` to add it (calls answered before then are \
         not listed)"
    )]
    NoIndex {
        table: String,
        region: String,
        index: &'static str,
        message: String,
    },
    #[error(
        "not allowed to read table {table:?}: the AWS identity needs dynamodb:Query on the \
         table and its index {index:?}"
    )]
    AccessDenied {
        table: String,
        index: &'static str,
        message: String,
    },
    #[error(
        "could not reach DynamoDB at {endpoint}: check the network, the region in {config}, or \
         AWS_ENDPOINT_URL"
    )]
    Unreachable {
        endpoint: String,
        config: String,
        detail: String,
    },
    #[error(
        "reading table {table:?} in {region} failed ({code}); --verbose shows the SDK's account"
    )]
    Other {
        table: String,
        region: String,
        code: String,
        detail: String,
    },
}

impl FetchError {
    /// What AWS or the SDK said, in full (the source chain, the service's message): printed
    /// only with `--verbose` or `RUST_LOG`, since it runs to several lines of SDK internals.
    pub fn detail(&self) -> &str {
        match self {
            FetchError::NoCredentials { detail }
            | FetchError::Unreachable { detail, .. }
            | FetchError::Other { detail, .. } => detail,
            FetchError::BadCredentials { message, .. }
            | FetchError::NoIndex { message, .. }
            | FetchError::AccessDenied { message, .. } => message,
            FetchError::NoTable { .. } => "ResourceNotFoundException",
        }
    }
}

/// The endpoint the SDK will call, for messages: the override from the environment when one is
/// set (the SDK reads the same variables), else the regional endpoint.
fn endpoint(region: &str) -> String {
    ["AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| format!("https://dynamodb.{region}.amazonaws.com"))
}

/// Up to `last` stored calls, newest first.
pub async fn recent_calls(
    source: &Source,
    last: usize,
) -> Result<Vec<HashMap<String, AttributeValue>>, FetchError> {
    let timeouts = aws_config::timeout::TimeoutConfig::builder()
        .operation_timeout(OPERATION_TIMEOUT)
        .build();
    let sdk_config = aws_setup::loader_for_stack(&source.region)
        .timeout_config(timeouts)
        .load()
        .await;

    // Resolve credentials up front: "none at all" then reads as such, not as a failed request.
    let provider = sdk_config
        .credentials_provider()
        .ok_or_else(|| FetchError::NoCredentials {
            detail: "no credentials provider is configured".to_string(),
        })?;
    provider
        .provide_credentials()
        .await
        .map_err(|error| FetchError::NoCredentials {
            detail: DisplayErrorContext(error).to_string(),
        })?;

    let client = Client::new(&sdk_config);
    let mut items = Vec::with_capacity(last);
    let mut start_key = None;
    loop {
        let wanted = last - items.len();
        let page = client
            .query()
            .table_name(&source.table)
            .index_name(schema::RECENT_INDEX)
            .key_condition_expression("#feed = :feed")
            .expression_attribute_names("#feed", schema::RECENT_PARTITION_KEY)
            .expression_attribute_values(
                ":feed",
                AttributeValue::S(schema::RECENT_PARTITION_VALUE.to_string()),
            )
            .scan_index_forward(false)
            .limit(i32::try_from(wanted).unwrap_or(i32::MAX))
            .set_exclusive_start_key(start_key)
            .send()
            .await
            .map_err(|error| classify(error, source))?;
        items.extend(page.items().iter().take(wanted).cloned());
        start_key = page.last_evaluated_key().cloned();
        if items.len() >= last || start_key.is_none() {
            return Ok(items);
        }
    }
}

/// Sorts a failed Query into what the user can act on.
fn classify<E>(error: SdkError<E, HttpResponse>, source: &Source) -> FetchError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let failure = Failure {
        reached: !matches!(
            error,
            SdkError::DispatchFailure(_) | SdkError::TimeoutError(_)
        ),
        code: error.code().unwrap_or_default(),
        message: error.message().unwrap_or_default(),
        status: error.raw_response().map(|raw| raw.status().as_u16()),
        detail: DisplayErrorContext(&error).to_string(),
    };
    failure.into_error(source)
}

/// What a failed request told us, apart from the SDK's types.
struct Failure<'a> {
    /// Whether DynamoDB (or something at its address) answered at all.
    reached: bool,
    /// DynamoDB's error code, empty when the answer could not be parsed.
    code: &'a str,
    message: &'a str,
    /// The HTTP status, when there was an answer.
    status: Option<u16>,
    /// The whole error chain, for the cases no better message fits.
    detail: String,
}

impl Failure<'_> {
    fn into_error(self, source: &Source) -> FetchError {
        if !self.reached {
            return FetchError::Unreachable {
                endpoint: endpoint(&source.region),
                config: source.config.clone(),
                detail: self.detail,
            };
        }
        match self.code {
            // DynamoDB answers a Query on an index the table lacks with a ValidationException
            // naming the index ("The table does not have the specified index: NAME"); moto
            // with a ResourceNotFoundException that names it ("Invalid index: NAME for ...").
            "ValidationException" | "ResourceNotFoundException"
                if self.message.contains(schema::RECENT_INDEX) =>
            {
                FetchError::NoIndex {
                    table: source.table.clone(),
                    region: source.region.clone(),
                    index: schema::RECENT_INDEX,
                    message: self.message.to_string(),
                }
            }
            "ResourceNotFoundException" => FetchError::NoTable {
                table: source.table.clone(),
                region: source.region.clone(),
                config: source.config.clone(),
            },
            "UnrecognizedClientException"
            | "InvalidClientTokenId"
            | "InvalidSignatureException"
            | "IncompleteSignatureException"
            | "MissingAuthenticationTokenException"
            | "ExpiredTokenException" => FetchError::BadCredentials {
                code: self.code.to_string(),
                message: self.message.to_string(),
            },
            "AccessDeniedException" => FetchError::AccessDenied {
                table: source.table.clone(),
                index: schema::RECENT_INDEX,
                message: self.message.to_string(),
            },
            // An answer without a DynamoDB error body, with HTTP 403 Forbidden: something on
            // the way (moto with authentication on, a proxy) refused the request's identity.
            "" if self.status == Some(403) => FetchError::BadCredentials {
                code: "HTTP 403".to_string(),
                message: "the request was refused as unauthenticated".to_string(),
            },
            code => FetchError::Other {
                table: source.table.clone(),
                region: source.region.clone(),
                code: match (code, self.status) {
                    ("", Some(status)) => format!("HTTP {status}"),
                    ("", None) => "no answer".to_string(),
                    (code, _) => code.to_string(),
                },
                detail: self.detail,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(
        clippy::too_many_lines,
        reason = "a table of failures and the messages they map to"
    )]
    #[test]
    fn failures_map_to_what_the_user_can_fix() {
        let source = Source {
            table: "calls".to_string(),
            region: "us-east-1".to_string(),
            config: "vanity.yaml".to_string(),
        };
        let index_gone = "The table does not have the specified index: recent_calls";
        let cases: [(bool, &str, &str, Option<u16>, &str); 10] = [
            (false, "", "", None, "could not reach DynamoDB"),
            (
                true,
                "ResourceNotFoundException",
                "Requested resource not found",
                Some(400),
                "does not exist in us-east-1",
            ),
            (
                true,
                "ValidationException",
                index_gone,
                Some(400),
                "has no \"recent_calls\" index",
            ),
            (
                true,
                "ResourceNotFoundException",
                "Invalid index: recent_calls for table: calls",
                Some(400),
                "has no \"recent_calls\" index",
            ),
            (
                true,
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
                Some(400),
                "AWS rejected the credentials (UnrecognizedClientException",
            ),
            (
                true,
                "ExpiredTokenException",
                "The security token included in the request is expired",
                Some(400),
                "log in again",
            ),
            (
                true,
                "AccessDeniedException",
                "not authorized to perform: dynamodb:Query",
                Some(400),
                "needs dynamodb:Query",
            ),
            (
                true,
                "",
                "",
                Some(403),
                "AWS rejected the credentials (HTTP 403",
            ),
            (
                true,
                "ValidationException",
                "Invalid KeyConditionExpression",
                Some(400),
                "reading table \"calls\" in us-east-1 failed (ValidationException); --verbose",
            ),
            (true, "", "", Some(500), "failed (HTTP 500); --verbose"),
        ];
        for (reached, code, message, status, expected) in cases {
            let failure = Failure {
                reached,
                code,
                message,
                status,
                detail: "the chain".to_string(),
            };
            let error = failure.into_error(&source);
            let shown = error.to_string();
            assert!(shown.contains(expected), "{code} {status:?}: {shown}");
            // One short line; the SDK's account waits for --verbose.
            assert!(!shown.contains('\n'), "{code} {status:?}: {shown}");
            if matches!(
                error,
                FetchError::Other { .. } | FetchError::Unreachable { .. }
            ) {
                assert!(!shown.contains("the chain"), "{code} {status:?}: {shown}");
                assert_eq!(error.detail(), "the chain", "{code} {status:?}");
            }
        }
    }
}
