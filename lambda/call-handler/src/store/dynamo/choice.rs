//! Keeping a caller's choice: one `UpdateItem` that sets only the choice attribute of the
//! call's existing item, and only when the item has no choice yet.
//!
//! Connect retries a failed Lambda invocation up to three times with the same contact id
//! (https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html),
//! so the condition `attribute_not_exists(choice)` makes every later try write nothing. To
//! tell such a retry from a missing item without a second request (and a second IAM action),
//! the update asks for the item as it was when the condition failed:
//! `ReturnValuesOnConditionCheckFailure = ALL_OLD`, which puts the old item in the
//! `ConditionalCheckFailedException` (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html#DDB-UpdateItem-request-ReturnValuesOnConditionCheckFailure).

use std::collections::HashMap;

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValuesOnConditionCheckFailure};

use super::{epoch_seconds, DynamoStore};
use crate::schema;
use crate::store::{Choice, ChoiceOutcome, StoreError};

impl DynamoStore {
    pub(super) async fn keep_choice(&self, choice: &Choice) -> Result<ChoiceOutcome, StoreError> {
        let outcome = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(
                schema::PARTITION_KEY,
                AttributeValue::S(choice.caller.clone()),
            )
            .key(
                schema::SORT_KEY,
                AttributeValue::S(choice.contact_id.clone()),
            )
            .update_expression("SET #choice = :choice")
            // attribute_exists: never create an item (it would have no results and no TTL).
            .condition_expression("attribute_exists(#sort) AND attribute_not_exists(#choice)")
            .expression_attribute_names("#sort", schema::SORT_KEY)
            .expression_attribute_names("#choice", schema::CHOICE_ATTRIBUTE)
            .expression_attribute_values(":choice", value(choice))
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .send()
            .await;
        match outcome {
            Ok(_) => Ok(ChoiceOutcome::Kept),
            Err(error) => match error.as_service_error() {
                Some(service) if service.is_conditional_check_failed_exception() => {
                    let old = match service {
                        aws_sdk_dynamodb::operation::update_item::UpdateItemError::ConditionalCheckFailedException(failed) => failed.item(),
                        _ => None,
                    };
                    Ok(outcome_of(old, choice.rank))
                }
                _ => Err(self.error("UpdateItem", error)),
            },
        }
    }
}

/// Why the condition failed, from the item as it was (`None`: there was no item).
fn outcome_of(old: Option<&HashMap<String, AttributeValue>>, rank: usize) -> ChoiceOutcome {
    let Some(old) = old else {
        return ChoiceOutcome::NoCall;
    };
    let kept_rank = old
        .get(schema::CHOICE_ATTRIBUTE)
        .and_then(|choice| choice.as_m().ok())
        .and_then(|choice| choice.get(schema::CHOICE_RANK))
        .and_then(|rank| rank.as_n().ok())
        .and_then(|rank| rank.parse::<usize>().ok());
    match kept_rank {
        Some(kept) if kept == rank => ChoiceOutcome::AlreadyKept,
        _ => ChoiceOutcome::OtherKept,
    }
}

/// The choice attribute: rank, display and speakable forms, and when.
fn value(choice: &Choice) -> AttributeValue {
    AttributeValue::M(HashMap::from([
        (
            schema::CHOICE_RANK.to_string(),
            AttributeValue::N(choice.rank.to_string()),
        ),
        (
            schema::CHOICE_DISPLAY.to_string(),
            AttributeValue::S(choice.display.clone()),
        ),
        (
            schema::CHOICE_SPOKEN.to_string(),
            AttributeValue::S(choice.spoken.clone()),
        ),
        (schema::CHOSEN_AT.to_string(), epoch_seconds(choice.at)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_condition_is_read_from_the_old_item() {
        let with_choice = |rank: &str| {
            HashMap::from([(
                schema::CHOICE_ATTRIBUTE.to_string(),
                AttributeValue::M(HashMap::from([(
                    schema::CHOICE_RANK.to_string(),
                    AttributeValue::N(rank.to_string()),
                )])),
            )])
        };
        let cases = [
            (None, ChoiceOutcome::NoCall),
            (Some(with_choice("2")), ChoiceOutcome::AlreadyKept),
            (Some(with_choice("3")), ChoiceOutcome::OtherKept),
            (Some(HashMap::new()), ChoiceOutcome::OtherKept),
        ];
        for (old, expected) in cases {
            assert_eq!(outcome_of(old.as_ref(), 2), expected, "{old:?}");
        }
    }
}
