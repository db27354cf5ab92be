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
    let found = within(settings, contact_id, "profile lookup", source.find(phone)).await?;
    match found {
        Found::One(profile) => Some(profile),
        Found::None => None,
        Found::Several => {
            tracing::info!(
                contact_id,
                "several profiles hold the caller's number; none used"
            );
            None
        }
    }
}

/// What the profile search told the choice step: whether a write may go ahead, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Update this profile.
    Profile(String),
    /// The search answered that no profile holds the number.
    NoProfile,
    /// Nothing to write to: several profiles, or the search failed or was late (a profile
    /// may exist, so none is created).
    Unknown,
}

/// For a choice: the words the caller's profile lends the engine, and where the choice would
/// be written, from one search.
pub async fn for_choice<P: ProfileSource>(
    source: &P,
    settings: &ProfileSettings,
    contact: &Contact<'_>,
) -> (Favour, Target) {
    let Some(phone) = e164(contact.caller_address) else {
        return (Favour::default(), Target::Unknown);
    };
    let found = within(
        settings,
        contact.contact_id,
        "profile lookup",
        source.find(phone),
    )
    .await;
    match found {
        Some(Found::One(profile)) => (
            super::words::favour(&profile),
            Target::Profile(profile.profile_id),
        ),
        Some(Found::None) => (Favour::default(), Target::NoProfile),
        Some(Found::Several) | None => (Favour::default(), Target::Unknown),
    }
}

/// Writes the kept `choice` (display form) for `phone` as the settings allow: to the caller's
/// profile when `write_choice` is on, to a new one only when `create_missing` is on too and
/// the search said there is none. Whether anything was written.
pub async fn write_choice<P: ProfileSource>(
    source: &P,
    settings: &ProfileSettings,
    contact_id: Option<&str>,
    target: Target,
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
    let write = ChoiceWrite {
        profile_id,
        phone: phone.to_string(),
        choice: choice.to_string(),
    };
    within(
        settings,
        contact_id,
        "profile write",
        source.write_choice(&write),
    )
    .await
    .is_some()
}

/// `call` within the profile deadline; `None` (logged) when profiles are off, it fails or it
/// is late.
async fn within<T>(
    settings: &ProfileSettings,
    contact_id: Option<&str>,
    what: &str,
    call: impl std::future::Future<Output = Result<T, ProfileError>>,
) -> Option<T> {
    if !settings.enabled() {
        return None;
    }
    match tokio::time::timeout(settings.timeout, call).await {
        Ok(Ok(value)) => Some(value),
        Ok(Err(error)) => {
            // Warn, not error: the line works without profiles, and the store alarms read the
            // error lines (templates/monitoring.tf).
            tracing::warn!(contact_id, error = %error, "{what} failed; going on without it");
            None
        }
        Err(_) => {
            tracing::warn!(
                contact_id,
                profile_timeout_ms = settings.timeout.as_millis() as u64,
                "{what} timed out; going on without it"
            );
            None
        }
    }
}
