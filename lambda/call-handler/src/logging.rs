//! Structured logs: one JSON object per line with the event's fields at the top level, which is
//! what CloudWatch Logs Insights queries best. The level comes from `RUST_LOG`, else Lambda's own
//! `AWS_LAMBDA_LOG_LEVEL`, else `info`. The code that logs a caller number masks it first
//! ([`crate::caller::mask`]); this module makes sure no library logs one either.

use tracing::Subscriber;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::EnvFilter;

/// Targets whose TRACE output holds whole payloads: the runtime logs the raw event (with the
/// caller's number) and the SDK logs its requests (the DynamoDB item, with the number and the
/// vanity results, which dial it). They stay at DEBUG whatever the filter asks for.
const PAYLOAD_LOGGING_TARGETS: &[&str] = &["lambda_runtime", "aws_smithy_runtime"];

/// Installs the JSON subscriber on stdout; does nothing if one is already installed.
pub fn init() {
    let spec = std::env::var("RUST_LOG")
        .or_else(|_| std::env::var("AWS_LAMBDA_LOG_LEVEL"))
        .ok();
    // Fails only when a subscriber exists already (for example in tests); keep that one.
    let _ = tracing::subscriber::set_global_default(subscriber(spec.as_deref(), std::io::stdout));
}

/// The subscriber for a filter `spec` (`RUST_LOG` syntax; invalid or absent means `info`).
fn subscriber<W>(spec: Option<&str>, writer: W) -> impl Subscriber + Send + Sync
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = spec
        .and_then(|spec| EnvFilter::try_new(spec).ok())
        .unwrap_or_else(|| EnvFilter::new("info"));
    // A second, global filter: an event must pass both, so this lowers the ceiling for the
    // payload targets without raising their floor.
    let payload_cap = Targets::new()
        .with_default(LevelFilter::TRACE)
        .with_targets(
            PAYLOAD_LOGGING_TARGETS
                .iter()
                .map(|target| (*target, LevelFilter::DEBUG)),
        );
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_ansi(false)
        .with_writer(writer)
        .with_env_filter(filter)
        .finish()
        .with(payload_cap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex, PoisonError};

    /// Collects everything the subscriber writes.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            let mut buffer = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            buffer.extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn messages(spec: Option<&str>) -> Vec<serde_json::Value> {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = subscriber(spec, move || writer.clone());
        tracing::subscriber::with_default(subscriber, || {
            tracing::trace!(target: "lambda_runtime::layers", body = "{}", "runtime trace");
            tracing::debug!(target: "lambda_runtime", "runtime debug");
            tracing::trace!(target: "aws_smithy_runtime::client", "sdk trace");
            tracing::trace!(target: "call_handler::handler", "handler trace");
            tracing::info!(target: "call_handler::handler", count = 3, "handler info");
        });
        let bytes = captured
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        String::from_utf8_lossy(&bytes)
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or(serde_json::Value::Null))
            .collect()
    }

    #[test]
    fn payload_traces_stay_off_whatever_the_level() {
        let cases: [(Option<&str>, &[&str]); 4] = [
            (None, &["handler info"]),
            (Some("not a filter ==="), &["handler info"]),
            (Some("debug"), &["runtime debug", "handler info"]),
            (
                Some("trace"),
                &["runtime debug", "handler trace", "handler info"],
            ),
        ];
        for (spec, expected) in cases {
            let logged = messages(spec);
            let texts: Vec<&str> = logged
                .iter()
                .map(|line| line["message"].as_str().unwrap_or("<not flat JSON>"))
                .collect();
            assert_eq!(texts, expected, "{spec:?}");
        }
    }

    #[test]
    fn fields_are_top_level_json() {
        let logged = messages(None);
        assert_eq!(logged.len(), 1);
        assert_eq!(logged[0]["count"], 3);
        assert_eq!(logged[0]["level"], "INFO");
    }

    /// Nothing of a keyed-in number reaches the logs, at any level: it may be anyone's.
    #[test]
    fn a_keyed_number_is_never_logged() {
        use vanity_engine::contract::{self, Invocation};
        let keyed = "2069467432";
        let event = serde_json::json!({"Details": {
            "ContactData": {"ContactId": "c-keyed"},
            "Parameters": {contract::ACTION: Invocation::AnotherNumber.as_str(),
                contract::NUMBER: keyed}}});
        let settings =
            crate::settings::Settings::example("calls", std::time::Duration::from_millis(100));
        let captured = Captured::default();
        let writer = captured.clone();
        let answer = tracing::subscriber::with_default(
            subscriber(Some("trace"), move || writer.clone()),
            || {
                let contact = crate::event::Contact::from_event(&event);
                crate::another_number::answer(&contact, &settings)
            },
        );
        let bytes = captured
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let logged = String::from_utf8_lossy(&bytes);
        assert!(logged.contains("answered another number"), "{logged}");
        assert!(logged.contains(r#""input":"digits""#), "{logged}");
        assert!(!answer.is_empty());
        // Not the number, nor its last four digits (what a masked number would show).
        assert!(
            !logged.contains(keyed) && !logged.contains("7432"),
            "{logged}"
        );
    }
}
