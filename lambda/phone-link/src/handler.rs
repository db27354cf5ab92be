//! The custom-resource lifecycle: what create, update and delete mean for a phone number's
//! flow, in which order the Connect calls happen, how long a fresh role's access denials are
//! waited out, and what the function returns to Terraform (stored as the
//! `aws_lambda_invocation` resource's `result`). The read-only status query is [`crate::status`].

use std::time::Duration;

use aws_sdk_connect::Client;
use lambda_runtime::LambdaEvent;
use serde::Serialize;
use serde_json::Value;

use crate::association::Link;
use crate::error::Error;
use crate::event::{Action, Invocation};
use crate::link::{self, Detached};
use crate::scope::Scope;
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

/// The Lambda entry point: parse, check the ids against the function's [`Scope`] (the
/// environment Terraform set, read at cold start: `Err` when it was missing), log, act.
/// Nothing reaches Connect for an invocation outside the scope.
pub async fn function_handler(
    client: &Client,
    scope: &Result<Scope, Error>,
    event: LambdaEvent<Value>,
) -> Result<Answer, Error> {
    let scope = match scope {
        Ok(scope) => scope,
        Err(Error::Misconfigured(message)) => return Err(Error::Misconfigured(message.clone())),
        Err(other) => return Err(Error::Misconfigured(other.to_string())),
    };
    if let Some(link) = status::parse_query(&event.payload)? {
        scope.check_query(&link)?;
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
    if let Err(error) = scope.check(&invocation) {
        tracing::error!(error = %error, "phone-link refused an invocation outside its scope");
        return Err(error);
    }
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
/// - update: when only the flow changed, associate again, which overwrites. When the phone
///   number changed, first detach the old number, so it stops answering with this flow, then
///   associate the new one; a previous number in another instance is left alone. The deployed
///   function never takes these two branches: [`Scope::check`] refuses an update whose
///   previous number or instance differs, because the rendered module replaces the invocation
///   on such a change (its delete detaches the old number under the old policy).
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
