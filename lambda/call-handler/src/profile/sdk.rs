//! Customer Profiles through the AWS SDK: the Lambda's [`ProfileSource`]. Three operations,
//! each on the one domain the IAM policy names (templates/iam.tf): SearchProfiles by the
//! `_phone` key, UpdateProfile for a kept choice, CreateProfile only with `create_missing`.
//! The SDK's errors are reduced to [`ProfileError`] kinds here, so no service message (which
//! could quote a request) reaches a log line.

use aws_sdk_customerprofiles::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_customerprofiles::types::Profile as SdkProfile;
use aws_sdk_customerprofiles::Client;

use super::{ChoiceWrite, Found, Profile, ProfileError, ProfileSource, CHOICE_ATTRIBUTE};

/// The search key for a profile's phone numbers.
// https://docs.aws.amazon.com/customerprofiles/latest/APIReference/API_SearchProfiles.html:
// "KeyName: A searchable identifier of a customer profile. The predefined keys you can use to
// search include: _account, _profileId, _assetId, _caseId, _orderId, _fullName, _phone, ..."
// and https://docs.aws.amazon.com/connect/latest/adminguide/standard-profile-definition.html:
// "_phone ... PhoneNumber, HomePhoneNumber, MobilePhoneNumber, BusinessPhoneNumber".
pub const PHONE_KEY: &str = "_phone";

/// Two results are enough to tell one profile from several (the default page is 20; the
/// range 1 to 100).
// API_SearchProfiles.html: "MaxResults: The maximum number of objects returned per page.
// The default is 20 if this parameter is not included in the request. Valid Range: Minimum
// value of 1. Maximum value of 100."
pub const MAX_RESULTS: i32 = 2;

/// Customer Profiles in one domain.
#[derive(Debug, Clone)]
pub struct SdkProfiles {
    client: Client,
    domain: String,
}

impl SdkProfiles {
    pub fn new(client: Client, domain: String) -> SdkProfiles {
        SdkProfiles { client, domain }
    }
}

impl ProfileSource for SdkProfiles {
    async fn find(&self, phone: &str) -> Result<Found, ProfileError> {
        let output = self
            .client
            .search_profiles()
            .domain_name(&self.domain)
            .key_name(PHONE_KEY)
            .values(phone)
            .max_results(MAX_RESULTS)
            .send()
            .await
            .map_err(kind)?;
        Ok(match output.items() {
            [] => Found::None,
            [one] => Found::One(profile(one)),
            _ => Found::Several,
        })
    }

    async fn write_choice(&self, write: &ChoiceWrite) -> Result<(), ProfileError> {
        match &write.profile_id {
            // Only `vanity_choice` is sent. Whether the profile's other custom attributes
            // survive is NOT stated for the Attributes map: the API reference
            // (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-customer-profiles_UpdateProfile.html)
            // says "specifying an empty string value means that any existing value will be
            // removed. Not specifying a string value means that any value already there will
            // be kept", which speaks of string fields. Two readings (docs/aws-contracts.md,
            // CP5): (a) the map is merged key by key, so the owner's other attributes stay;
            // (b) a sent map replaces the whole map, so every other attribute the owner keeps
            // on the profile (`industry` among them) would be removed by a kept choice. The
            // code takes (a), the reading the sentence's "will be kept" suggests, and sends no
            // other key. The first live run with `write_choice` settles it: after a kept
            // choice, `aws customer-profiles search-profiles --key-name _profileId --values ID`
            // must still show the profile's other attributes. Should (b) hold, the write must
            // send the attributes the search returned with the new one (a read-modify-write,
            // racing an agent's edit) or use a profile object instead.
            Some(id) => self
                .client
                .update_profile()
                .domain_name(&self.domain)
                .profile_id(id)
                .attributes(CHOICE_ATTRIBUTE, &write.choice)
                .send()
                .await
                .map(|_| ())
                .map_err(kind),
            None => self
                .client
                .create_profile()
                .domain_name(&self.domain)
                .phone_number(&write.phone)
                .attributes(CHOICE_ATTRIBUTE, &write.choice)
                .send()
                .await
                .map(|_| ())
                .map_err(kind),
        }
    }
}

/// The fields the line reads.
fn profile(found: &SdkProfile) -> Profile {
    Profile {
        profile_id: found.profile_id().unwrap_or_default().to_string(),
        first_name: found.first_name().map(str::to_string),
        last_name: found.last_name().map(str::to_string),
        business_name: found.business_name().map(str::to_string),
        attributes: found
            .attributes()
            .map(|attributes| {
                attributes
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The kind of an SDK error, by the service's error code (the same for the three operations).
fn kind<E: ProvideErrorMetadata, R>(error: SdkError<E, R>) -> ProfileError {
    let code = error.code().map(str::to_string);
    match code.as_deref() {
        Some("ThrottlingException") => ProfileError::Throttled,
        Some("AccessDeniedException") => ProfileError::AccessDenied,
        Some("ResourceNotFoundException") => ProfileError::NotFound,
        Some(other) => ProfileError::Failed(other.to_string()),
        // No service answer: a timeout, a connection or a dispatch failure.
        None => ProfileError::NoAnswer(match error {
            SdkError::TimeoutError(_) => "timeout".to_string(),
            SdkError::DispatchFailure(_) => "dispatch failure".to_string(),
            _ => "no service response".to_string(),
        }),
    }
}
