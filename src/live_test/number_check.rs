//! Before `deploy` applies into an instance that already exists, ask Amazon Connect whether a
//! number matching `phone_number.claim` is available (SearchAvailablePhoneNumbers), and stop
//! with what to change if none is. The provider makes the same search with MaxResults 1 during
//! the apply and fails with "searching Connect Phone Numbers (...): empty result"
//! (hashicorp/terraform-provider-aws, internal/service/connect/phone_number.go); this check
//! moves that failure before anything is changed. The search itself needs the `aws` build.

use crate::config::{Config, Instance, NumberType, PhoneNumber};

/// What to search for: the existing instance and the claim settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim<'a> {
    pub instance_id: &'a str,
    pub country: &'a str,
    pub kind: NumberType,
    pub prefix: Option<&'a str>,
}

/// The search `config` needs before a deploy: only an existing instance and a number to claim
/// (a created instance does not exist yet to search from).
pub fn claim_to_check(config: &Config) -> Option<Claim<'_>> {
    match (&config.instance, &config.phone_number) {
        (
            Instance::Existing { id },
            PhoneNumber::Claim {
                country,
                kind,
                prefix,
                ..
            },
        ) => Some(Claim {
            instance_id: id,
            country,
            kind: *kind,
            prefix: prefix.as_deref(),
        }),
        _ => None,
    }
}

/// The one line deploy stops with when nothing matches `claim`.
pub fn none_available(claim: &Claim<'_>) -> String {
    let prefix = claim
        .prefix
        .map(|p| format!(" with prefix {p}"))
        .unwrap_or_default();
    let change = match (claim.prefix, claim.kind) {
        (Some(_), _) => "remove `phone_number.claim.prefix`",
        (None, NumberType::TollFree) => "set `phone_number.claim.type: DID`",
        (None, NumberType::Did) => "claim another `phone_number.claim.country`",
    };
    format!(
        "no {} {} number{prefix} is available to instance {}; {change} in vanity.yaml, or ask AWS Support for one (docs/deploying.md \"Choosing the number\")",
        claim.country,
        claim.kind.as_aws(),
        claim.instance_id
    )
}

/// Searches for one number matching `claim`; `Err` is the line to stop with.
#[cfg(feature = "aws")]
pub async fn check(client: &aws_sdk_connect::Client, claim: &Claim<'_>) -> Result<(), String> {
    use aws_sdk_connect::types::{PhoneNumberCountryCode, PhoneNumberType};
    // "You must enter InstanceId or TargetArn"; the prefix must include the "+" and country
    // code (https://docs.aws.amazon.com/connect/latest/APIReference/API_SearchAvailablePhoneNumbers.html).
    let found = client
        .search_available_phone_numbers()
        .instance_id(claim.instance_id)
        .phone_number_country_code(PhoneNumberCountryCode::from(claim.country))
        .phone_number_type(PhoneNumberType::from(claim.kind.as_aws()))
        .set_phone_number_prefix(claim.prefix.map(str::to_string))
        .max_results(1)
        .send()
        .await
        .map_err(|e| {
            super::run::ConnectError::from_sdk("SearchAvailablePhoneNumbers", &e).to_string()
        })?;
    if found.available_numbers_list().is_empty() {
        return Err(none_available(claim));
    }
    Ok(())
}

#[cfg(all(test, feature = "aws"))]
mod tests {
    use aws_sdk_connect::operation::search_available_phone_numbers::SearchAvailablePhoneNumbersOutput;
    use aws_sdk_connect::types::AvailableNumberSummary;
    use aws_sdk_connect::Client;
    use aws_smithy_mocks::{mock, mock_client, RuleMode};

    use super::*;

    const INSTANCE: &str = "a1b2c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d";

    fn claim(kind: NumberType, prefix: Option<&'static str>) -> Claim<'static> {
        Claim {
            instance_id: INSTANCE,
            country: "US",
            kind,
            prefix,
        }
    }

    #[tokio::test]
    async fn an_empty_search_says_what_to_change() {
        let cases = [
            (
                claim(NumberType::TollFree, Some("+1800")),
                0,
                Some("remove `phone_number.claim.prefix`"),
            ),
            (
                claim(NumberType::TollFree, None),
                0,
                Some("set `phone_number.claim.type: DID`"),
            ),
            (claim(NumberType::Did, None), 1, None),
        ];
        for (wanted, found, fragment) in cases {
            let expected = wanted.clone();
            let rule = mock!(Client::search_available_phone_numbers)
                .match_requests(move |r| {
                    r.instance_id() == Some(INSTANCE)
                        && r.phone_number_type().map(|t| t.as_str()) == Some(expected.kind.as_aws())
                        && r.phone_number_prefix() == expected.prefix
                        && r.max_results() == Some(1)
                })
                .then_output(move || {
                    let mut output = SearchAvailablePhoneNumbersOutput::builder();
                    for _ in 0..found {
                        output = output.available_numbers_list(
                            AvailableNumberSummary::builder()
                                .phone_number("+12065550100")
                                .build(),
                        );
                    }
                    output.build()
                });
            let client = mock_client!(aws_sdk_connect, RuleMode::Sequential, [&rule]);
            let result = check(&client, &wanted).await;
            match fragment {
                Some(fragment) => {
                    let message = result.expect_err("nothing available");
                    assert!(message.contains(fragment), "{message}");
                    assert!(message.contains(INSTANCE), "{message}");
                }
                None => assert_eq!(result, Ok(())),
            }
        }
    }
}
