//! The read-only link-status query: which flow does the phone number answer with right now?
//!
//! `aws_lambda_invocation` has no read (hashicorp/terraform-provider-aws,
//! internal/service/lambda/invocation.go: `ReadWithoutTimeout: schema.NoopContext`), so a number
//! re-pointed in the console, or a link whose failed update was still saved to state
//! (hashicorp/terraform-provider-aws#43447), is invisible to Terraform. The rendered module asks
//! this query from a `data "aws_lambda_invocation"` at every plan and feeds the answer into a
//! repair invocation's input, so a difference plans a relink. This module only reads.

use aws_sdk_connect::types::ListFlowAssociationResourceType;
use aws_sdk_connect::Client;
use serde::Serialize;
use serde_json::Value;

use crate::association::Link;
use crate::contract::{OBSERVED_LINKED, OBSERVED_NOT_LINKED, QUERY, QUERY_LINK_STATUS};
use crate::error::{Error, Operation};
use crate::link::connect_error;

/// Pages of `ListFlowAssociations` read at most (1000 associations each): far more numbers than
/// an instance's quota allows, and a bound on a misbehaving paginator.
const MAX_PAGES: usize = 100;

/// Page size: the API's maximum.
const PAGE_SIZE: i32 = 1000;

/// What the number answers with now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observed {
    /// The flow in the query.
    Linked,
    /// No flow.
    NotLinked,
    /// Another flow (its id, or ARN as Connect reports it).
    OtherFlow(String),
}

impl Observed {
    /// The one-line form Terraform stores and shows in a plan diff.
    pub fn describe(&self) -> String {
        match self {
            Observed::Linked => OBSERVED_LINKED.to_string(),
            Observed::NotLinked => OBSERVED_NOT_LINKED.to_string(),
            Observed::OtherFlow(flow) => format!("points at flow {}", last_segment(flow)),
        }
    }
}

/// The answer, as the data source's `result`: `{"observed": "...", "phone_number_id": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkStatus {
    pub observed: String,
    pub phone_number_id: String,
}

/// The link-status query in an invocation input, when that is what the input is.
///
/// `Ok(None)`: no `query` key, so a lifecycle invocation. An unknown query is an error rather
/// than a lifecycle invocation, so a typo can never associate or detach anything.
pub fn parse_query(input: &Value) -> Result<Option<Link>, Error> {
    let Some(query) = input.get(QUERY) else {
        return Ok(None);
    };
    if query.as_str() != Some(QUERY_LINK_STATUS) {
        return Err(Error::BadInput(format!(
            "{QUERY} is {query}, the only query is \"{QUERY_LINK_STATUS}\""
        )));
    }
    let link: Link = serde_json::from_value(input.clone())
        .map_err(|error| Error::BadInput(format!("{QUERY_LINK_STATUS} query: {error}")))?;
    link.validate("query")?;
    Ok(Some(link))
}

/// Reads which flow `link.phone_number_id` answers with, in `link.instance_id`.
///
/// `ListFlowAssociations` with `ResourceType=VOICE_PHONE_NUMBER` reports each number by its ARN
/// and each flow by its ARN (the provider compares them with `PhoneNumberArn` and the flow's
/// `Arn`, phone_number_contact_flow_association.go); ids in the query may be bare ids or ARNs,
/// so both sides are compared by their last path segment.
pub async fn inspect(client: &Client, link: &Link) -> Result<LinkStatus, Error> {
    let number = last_segment(&link.phone_number_id);
    let mut next_token: Option<String> = None;
    let mut found: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = client
            .list_flow_associations()
            .instance_id(&link.instance_id)
            .resource_type(ListFlowAssociationResourceType::VoicePhoneNumber)
            .max_results(PAGE_SIZE)
            .set_next_token(next_token.take())
            .send()
            .await
            .map_err(|error| connect_error(Operation::ListAssociations, link, error))?;
        found = page
            .flow_association_summary_list()
            .iter()
            .find(|summary| summary.resource_id().map(last_segment) == Some(number))
            .and_then(|summary| summary.flow_id().map(str::to_string));
        next_token = page.next_token().map(str::to_string);
        if found.is_some() || next_token.is_none() {
            break;
        }
    }
    let observed = match found {
        None => Observed::NotLinked,
        Some(flow) if last_segment(&flow) == last_segment(&link.contact_flow_id) => {
            Observed::Linked
        }
        Some(flow) => Observed::OtherFlow(flow),
    };
    Ok(LinkStatus {
        observed: observed.describe(),
        phone_number_id: link.phone_number_id.clone(),
    })
}

/// `arn:aws:connect:us-east-1:1:phone-number/ID` -> `ID`; a bare id is returned unchanged.
fn last_segment(id: &str) -> &str {
    id.rsplit('/').next().unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn queries_are_told_apart_from_lifecycle_inputs() {
        let link = json!({"instance_id": "i", "phone_number_id": "p", "contact_flow_id": "f"});
        assert_eq!(parse_query(&link).expect("lifecycle"), None);

        let mut query = link.clone();
        query[QUERY] = json!(QUERY_LINK_STATUS);
        let parsed = parse_query(&query).expect("query").expect("is a query");
        assert_eq!(parsed.phone_number_id, "p");

        let cases = [
            (
                json!({"query": "relink", "instance_id": "i"}),
                "the only query is",
            ),
            (json!({"query": 7}), "the only query is"),
            (
                json!({"query": "link_status", "instance_id": "i", "contact_flow_id": "f"}),
                "missing field `phone_number_id`",
            ),
            (
                json!({"query": "link_status", "instance_id": "", "phone_number_id": "p",
                       "contact_flow_id": "f"}),
                "query.instance_id is empty",
            ),
        ];
        for (input, fragment) in cases {
            let error = parse_query(&input).expect_err("bad query");
            assert!(
                error.to_string().contains(fragment),
                "{error} lacks {fragment}"
            );
        }
    }

    #[test]
    fn arns_and_ids_compare_by_their_last_segment() {
        assert_eq!(
            last_segment("arn:aws:connect:us-east-1:123456789012:phone-number/abc"),
            "abc"
        );
        assert_eq!(last_segment("abc"), "abc");
        assert_eq!(
            Observed::OtherFlow("arn:aws:connect:r:1:instance/i/contact-flow/xyz".into())
                .describe(),
            "points at flow xyz"
        );
    }
}
