//! The store deadline: every DynamoDB call the handler makes is given `store_timeout`, and a
//! call that fails or runs out of time is logged and answered without, so the caller never
//! waits on the table. The timeout's log line carries `timeout_ms`, which the load test reads
//! to tell a late store from a lost one.

use std::fmt::Display;
use std::future::Future;

use crate::settings::Settings;

/// The call's value when it succeeds within the deadline; `None`, logged as `what` failing or
/// timing out for `contact_id`, otherwise.
pub async fn within<T, E: Display>(
    settings: &Settings,
    contact_id: Option<&str>,
    what: &str,
    call: impl Future<Output = Result<T, E>>,
) -> Option<T> {
    match tokio::time::timeout(settings.store_timeout, call).await {
        Ok(Ok(value)) => Some(value),
        Ok(Err(error)) => {
            tracing::error!(contact_id, error = %error, "{what} failed; answering without it");
            None
        }
        Err(_) => {
            tracing::error!(
                contact_id,
                timeout_ms = settings.store_timeout.as_millis() as u64,
                "{what} timed out; answering without it"
            );
            None
        }
    }
}
