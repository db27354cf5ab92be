//! The caller's Amazon Connect Customer Profiles profile: found by their number before the
//! results are chosen, it lends its words to the engine ([`words`]), and a kept choice is
//! written back to it so an agent sees it. This module owns the [`ProfileSource`] trait and
//! its two offline sources ([`NoProfiles`], [`KnownProfile`] for the simulator and tests), the
//! settings the renderer writes ([`settings`]), the lookup and the write within their deadline
//! ([`lookup`]), which order a choice reads its rank in ([`heard`]), and the SDK source
//! ([`sdk`], the Lambda's, behind the `profiles` feature).
//!
//! Privacy: nothing from a profile is logged or stored in the line's table. Log lines name the
//! step and the kind of failure only, and the caller hears a name or a reason only when the
//! owner turned that on (`caller_profiles.greet_by_first_name`, `say_why`).

pub mod answer;
pub mod heard;
pub mod lookup;
#[cfg(feature = "profiles")]
pub mod sdk;
pub mod settings;
pub mod words;

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Mutex;

pub use settings::ProfileSettings;

/// The profile attribute a kept choice is written to (the display form, "1-206-CAR-WASH").
pub const CHOICE_ATTRIBUTE: &str = "vanity_choice";

/// The fields of a profile the line reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// Customer Profiles' id, needed to update it; empty in a simulator file.
    pub profile_id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub business_name: Option<String>,
    /// Custom attributes (`Attributes`): [`words::WORK_ATTRIBUTE`] names the kind of work.
    pub attributes: BTreeMap<String, String>,
}

/// What a search for one number found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// No profile holds the number.
    None,
    /// Exactly one does.
    One(Profile),
    /// Several do (a shared or reused number): none of them is used, see [`lookup`].
    Several,
}

/// Why a profile call failed. Its text names the kind of failure, never a profile's content
/// or the caller's number, so it can be logged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("throttled")]
    Throttled,
    #[error("access denied")]
    AccessDenied,
    #[error("domain or profile not found")]
    NotFound,
    #[error("failed: {0}")]
    Failed(String),
    /// No answer from the service at all (the SDK's own timeout, a dispatch failure): for a
    /// write, whether it was applied is unknown.
    #[error("no answer: {0}")]
    NoAnswer(String),
}

/// What to write for a kept choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceWrite {
    /// The profile to update; `None`: the caller has none, create one (only with
    /// `create_missing`).
    pub profile_id: Option<String>,
    /// The caller's number, E.164, for a created profile's `PhoneNumber`.
    pub phone: String,
    /// The chosen number's display form, the value of [`CHOICE_ATTRIBUTE`].
    pub choice: String,
}

/// Where profiles come from: Customer Profiles in the Lambda, a file in the simulator.
pub trait ProfileSource {
    /// The profiles holding `phone` (E.164) as a phone number.
    fn find(&self, phone: &str) -> impl Future<Output = Result<Found, ProfileError>> + Send;

    /// Writes `write.choice` to the profile's [`CHOICE_ATTRIBUTE`] (creating the profile when
    /// `write.profile_id` is `None`).
    fn write_choice(
        &self,
        write: &ChoiceWrite,
    ) -> impl Future<Output = Result<(), ProfileError>> + Send;
}

/// No Customer Profiles domain: no caller has a profile, nothing is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProfiles;

impl ProfileSource for NoProfiles {
    async fn find(&self, _phone: &str) -> Result<Found, ProfileError> {
        Ok(Found::None)
    }

    async fn write_choice(&self, _write: &ChoiceWrite) -> Result<(), ProfileError> {
        Ok(())
    }
}

/// A source that may be absent (the Lambda without a domain): `None` finds nothing.
impl<P: ProfileSource + Sync> ProfileSource for Option<P> {
    async fn find(&self, phone: &str) -> Result<Found, ProfileError> {
        match self {
            Some(source) => source.find(phone).await,
            None => Ok(Found::None),
        }
    }

    async fn write_choice(&self, write: &ChoiceWrite) -> Result<(), ProfileError> {
        match self {
            Some(source) => source.write_choice(write).await,
            None => Ok(()),
        }
    }
}

/// One caller's profile, known in advance (the simulator's `--profile FILE`, tests): every
/// search finds it, unless searches are set to fail ([`KnownProfile::fail_searches`]), and
/// writes are kept in memory to be read back.
#[derive(Debug, Default)]
pub struct KnownProfile {
    profile: Option<Profile>,
    /// Searches answer [`ProfileError::Throttled`] instead of the profile.
    searches_fail: bool,
    written: Mutex<Vec<ChoiceWrite>>,
}

impl KnownProfile {
    /// A source whose every search finds `profile` (`None`: finds nothing).
    pub fn new(profile: Option<Profile>) -> KnownProfile {
        KnownProfile {
            profile,
            searches_fail: false,
            written: Mutex::new(Vec::new()),
        }
    }

    /// From now on, searches fail (`true`) or find the profile again (`false`). A failed
    /// search answers [`ProfileError::Throttled`], the kind the SDK source reduces Customer
    /// Profiles' `ThrottlingException` to, so the handler takes the path it takes in the
    /// Lambda when the service throttles it (the simulator's `--profile-search-fails`).
    pub fn fail_searches(&mut self, fail: bool) {
        self.searches_fail = fail;
    }

    /// The writes made so far, oldest first.
    pub fn written(&self) -> Vec<ChoiceWrite> {
        self.written
            .lock()
            .map(|written| written.clone())
            .unwrap_or_default()
    }
}

impl ProfileSource for KnownProfile {
    async fn find(&self, _phone: &str) -> Result<Found, ProfileError> {
        if self.searches_fail {
            return Err(ProfileError::Throttled);
        }
        Ok(self.profile.clone().map_or(Found::None, Found::One))
    }

    async fn write_choice(&self, write: &ChoiceWrite) -> Result<(), ProfileError> {
        if let Ok(mut written) = self.written.lock() {
            written.push(write.clone());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_known_profile_fails_its_searches_as_a_throttle_only_while_told_to() {
        let profile = Profile {
            business_name: Some("Emerald City Swing".to_string()),
            ..Profile::default()
        };
        let mut source = KnownProfile::new(Some(profile.clone()));
        assert_eq!(
            source.find("+12067946428").await,
            Ok(Found::One(profile.clone()))
        );
        source.fail_searches(true);
        assert_eq!(
            source.find("+12067946428").await,
            Err(ProfileError::Throttled)
        );
        source.fail_searches(false);
        assert_eq!(source.find("+12067946428").await, Ok(Found::One(profile)));
    }
}
