//! How the Amazon Connect client is built: credentials and region from the Lambda
//! environment, and a retry policy sized for a custom resource. Only this module decides how
//! patient the function is; the Connect calls themselves live in [`crate::link`].

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_sdk_connect::Client;

/// Attempts per Connect call, the first one included.
///
/// The association APIs are throttled at a few requests per second per account, shared with
/// the console and every other tool; a `terraform apply` that touches several stacks can hit
/// that. Six attempts with backoff capped at [`MAX_BACKOFF`] wait at most about 25 seconds, so
/// the function fits in a 60-second Lambda timeout with room for the calls themselves.
pub const MAX_ATTEMPTS: u32 = 6;

/// The first retry waits up to this long (full jitter), doubling each time.
pub const INITIAL_BACKOFF: Duration = Duration::from_secs(1);

/// No single wait between attempts is longer than this.
pub const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// The SDK's standard retry mode, which retries throttling (`ThrottlingException`,
/// `TooManyRequestsException`), transient errors and 5xx responses, and nothing else: an
/// access-denied or not-found answer fails at once.
pub fn retry_config() -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(MAX_ATTEMPTS)
        .with_initial_backoff(INITIAL_BACKOFF)
        .with_max_backoff(MAX_BACKOFF)
}

/// Builds the client once per cold start from the function's environment.
pub async fn client_from_env() -> Client {
    let shared = aws_setup::loader()
        .retry_config(retry_config())
        .load()
        .await;
    Client::new(&shared)
}
