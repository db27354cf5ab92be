//! The two profile calls on the caller's path, each within [`ProfileSettings::timeout`]: the
//! search before the results are chosen, and the write after a choice is kept. Either one
//! failing, throttled, denied or late is logged (the step and the kind of failure, never the
//! profile or the number) and the call goes on as if profiles were off: the caller hears what
//! they would hear without them, no later than the deadline.
//!
//! **Several profiles for one number** (a shared office line, a number passed on to someone
//! else, duplicates): none is used. The number does not say which person is calling, so
//! favouring one's words, greeting one by name or writing the choice to one of them would be a
//! guess; the caller hears today's order, and nothing is written or created.

use std::time::Duration;

use vanity_engine::Favour;

use super::{ChoiceWrite, Found, Profile, ProfileError, ProfileSettings, ProfileSource};
use crate::event::Contact;

/// The caller's number as Customer Profiles keeps it: E.164, "+" and 8 to 15 digits. Connect
/// sends the caller's address in that form; anything else is not searched.
pub fn e164(address: Option<&str>) -> Option<&str> {
    let address = address?.trim();
    let digits = address.strip_prefix('+')?;
    ((8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some(address)
}

/// The caller's profile for a lookup and the words it lends the engine (none without one).
pub async fn favour_for<P: ProfileSource>(
    source: &P,
    settings: &ProfileSettings,
    contact: &Contact<'_>,
) -> (Option<Profile>, Favour) {
    let Some(phone) = e164(contact.caller_address) else {
        return (None, Favour::default());
    };
    let profile = find(source, settings, contact.contact_id, phone).await;
    let favour = profile
        .as_ref()
        .map(super::words::favour)
        .unwrap_or_default();
    (profile, favour)
}

/// The caller's one profile, or `None` (profiles off, none, several, failure or timeout).
pub async fn find<P: ProfileSource>(
    source: &P,
    settings: &ProfileSettings,
    contact_id: Option<&str>,
    phone: &str,
) -> Option<Profile> {
    let found = within(settings, contact_id, Step::Search, source.find(phone))
        .await
        .ok()?;
    match found {
        Found::One(profile) => Some(profile),
        Found::None => None,
        Found::Several => {
            several(contact_id);
            None
        }
    }
}

/// The one log line an owner looks for when callers with a profile hear no profile words:
/// several profiles hold the number (docs/operating.md, "Several profiles for one number",
/// says how that happens and what to do). The kind only, never a profile or the number.
fn several(contact_id: Option<&str>) {
    tracing::warn!(
        contact_id,
        profile_outcome = SEVERAL_PROFILES,
        "several profiles hold the caller's number; none used"
    );
}

/// The `profile_outcome` of [`several`]'s log line, what an owner searches the logs for.
pub const SEVERAL_PROFILES: &str = "several_profiles";

/// What the profile search told the choice step: whether a write may go ahead, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Update this profile.
    Profile(String),
    /// The search answered that no profile holds the number.
    NoProfile,
    /// Nothing to write to: profiles off, no readable number, or several profiles.
    Unknown,
}

/// For a choice: the words the caller's profile lends the engine, and where the choice would
/// be written, from one search; `None` when profiles are on and the search did not answer
/// (failed, throttled, denied or late: logged by kind).
///
/// Which order the rank is read in is not this search's to say alone: the lookup answered
/// which order the caller heard, and [`super::heard::order`] weighs the two (a `None` here
/// keeps nothing unless the caller heard the plain order).
pub async fn for_choice<P: ProfileSource>(
    source: &P,
    settings: &ProfileSettings,
    contact: &Contact<'_>,
) -> Option<(Favour, Target)> {
    let Some(phone) = e164(contact.caller_address) else {
        // The lookup did not search either: the plain order.
        return Some((Favour::default(), Target::Unknown));
    };
    let found = match within(
        settings,
        contact.contact_id,
        Step::Search,
        source.find(phone),
    )
    .await
    {
        Ok(found) => found,
        Err(Miss::Off) => return Some((Favour::default(), Target::Unknown)),
        Err(Miss::Failed | Miss::TimedOut) => return None,
    };
    Some(match found {
        Found::One(profile) => (
            super::words::favour(&profile),
            Target::Profile(profile.profile_id),
        ),
        Found::None => (Favour::default(), Target::NoProfile),
        Found::Several => {
            several(contact.contact_id);
            (Favour::default(), Target::Unknown)
        }
    })
}

/// Writes the kept `choice` (display form) for `phone` as the settings allow: to the caller's
/// profile when `write_choice` is on, to a new one only when `create_missing` is on too and
/// the search said there is none. `remaining` is what is left of the choose invocation's
/// budget ([`ProfileSettings::budget`]): with less than the write's own deadline left, the
/// write is skipped (logged), so it never runs past the flow's wait. Whether it is known to
/// have been written.
pub async fn write_choice<P: ProfileSource>(
    source: &P,
    settings: &ProfileSettings,
    contact_id: Option<&str>,
    target: Target,
    remaining: Duration,
    phone: &str,
    choice: &str,
) -> bool {
    if !settings.enabled() || !settings.write_choice {
        return false;
    }
    let profile_id = match target {
        Target::Profile(id) => Some(id),
        Target::NoProfile if settings.create_missing => None,
        Target::NoProfile | Target::Unknown => return false,
    };
    if remaining < settings.timeout {
        tracing::warn!(
            contact_id,
            remaining_ms = remaining.as_millis() as u64,
            profile_timeout_ms = settings.timeout.as_millis() as u64,
            "profile write skipped: no time left"
        );
        return false;
    }
    let write = ChoiceWrite {
        profile_id,
        phone: phone.to_string(),
        choice: choice.to_string(),
    };
    within(
        settings,
        contact_id,
        Step::Write,
        source.write_choice(&write),
    )
    .await
    .is_ok()
}

/// Which profile call [`within`] runs, for its log lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Search,
    Write,
}

/// Why [`within`] has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Miss {
    /// Profiles are off: nothing was asked.
    Off,
    /// The service answered with an error (or the SDK gave up without one).
    Failed,
    /// No answer within the profile deadline.
    TimedOut,
}

/// `call` within the profile deadline, logged by kind when it fails or is late.
///
/// A write that runs out of time is logged with outcome "unknown", not as failed: the request
/// may have reached Customer Profiles and be applied after the handler stopped waiting, and
/// nothing here can tell. The same for a write whose SDK call ended without a service answer
/// (its own timeout, a dropped connection).
async fn within<T>(
    settings: &ProfileSettings,
    contact_id: Option<&str>,
    step: Step,
    call: impl std::future::Future<Output = Result<T, ProfileError>>,
) -> Result<T, Miss> {
    if !settings.enabled() {
        return Err(Miss::Off);
    }
    let timeout_ms = settings.timeout.as_millis() as u64;
    // Warn, not error: the line works without profiles, and the store alarms read the error
    // lines (templates/monitoring.tf).
    match (step, tokio::time::timeout(settings.timeout, call).await) {
        (_, Ok(Ok(value))) => Ok(value),
        (Step::Write, Ok(Err(error))) if matches!(error, ProfileError::NoAnswer(_)) => {
            tracing::warn!(
                contact_id,
                error = %error,
                outcome = "unknown",
                "profile write outcome unknown: no answer from Customer Profiles, it may still land"
            );
            Err(Miss::Failed)
        }
        (Step::Search, Ok(Err(error))) => {
            tracing::warn!(
                contact_id,
                error = %error,
                "profile lookup failed; going on without it"
            );
            Err(Miss::Failed)
        }
        (Step::Write, Ok(Err(error))) => {
            tracing::warn!(
                contact_id,
                error = %error,
                outcome = "failed",
                "profile write failed"
            );
            Err(Miss::Failed)
        }
        (Step::Search, Err(_)) => {
            tracing::warn!(
                contact_id,
                profile_timeout_ms = timeout_ms,
                "profile lookup timed out; going on without it"
            );
            Err(Miss::TimedOut)
        }
        (Step::Write, Err(_)) => {
            tracing::warn!(
                contact_id,
                profile_timeout_ms = timeout_ms,
                outcome = "unknown",
                "profile write outcome unknown: timed out, it may still land"
            );
            Err(Miss::TimedOut)
        }
    }
}
