//! The production [`CallerStore`]: one DynamoDB item per call (layout in [`crate::schema`]).
//! Recording runs two requests at once so a slow table costs one round trip, not two:
//! a conditional `PutItem` that only succeeds for a new contact id (Connect's retries of the
//! same invocation find the item and leave it alone), and a `Query` on the caller's calls,
//! newest first, that reads at most two items whatever the caller's history holds (see
//! [`DynamoStore::latest_calls`]). Keeping a caller's choice (one conditional `UpdateItem`)
//! lives in [`choice`].

mod choice;

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use aws_sdk_dynamodb::error::DisplayErrorContext;
use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;

use super::{
    recall, CallRecord, CallerStore, Choice, ChoiceOutcome, EarlierCall, Recorded, StoreError,
};
use crate::schema;

#[derive(Debug, Clone)]
pub struct DynamoStore {
    client: Client,
    table: String,
}

impl DynamoStore {
    pub fn new(client: Client, table: String) -> Self {
        DynamoStore { client, table }
    }

    fn error(&self, operation: &'static str, error: impl std::error::Error) -> StoreError {
        StoreError::Dynamo {
            operation,
            table: self.table.clone(),
            // DisplayErrorContext walks the source chain; the bare SDK error only says
            // "service error" or "dispatch failure".
            message: DisplayErrorContext(error).to_string(),
        }
    }

    async fn put(&self, call: &CallRecord) -> Result<(), StoreError> {
        let outcome = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item(call)))
            .condition_expression("attribute_not_exists(#sort)")
            .expression_attribute_names("#sort", schema::SORT_KEY)
            .send()
            .await;
        match outcome {
            Ok(_) => Ok(()),
            // The item for this contact id exists: this is a retry, and the first write won.
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                tracing::debug!("call already recorded for this contact id");
                Ok(())
            }
            Err(error) => Err(self.error("PutItem", error)),
        }
    }

    /// The caller's newest calls other than this one: at most [`schema::CALLER_INDEX_LIMIT`]
    /// items read from [`schema::CALLER_INDEX`], newest first, in one request, so the read
    /// costs the same after ten calls or ten thousand. At most one of them is this call (a
    /// retry finds its own item), so the caller's latest other call is always among them.
    ///
    /// No filter expression: "A filter expression is applied after a Query finishes" and, with
    /// a `Limit` of six, "DynamoDB reads up to six items, and then returns only those that
    /// match the filter expression"
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Other.html), so a
    /// filter would not make the read look further back. Expired items still come back until
    /// TTL deletes them ("Items that have expired and not been deleted will still show up in
    /// reads, queries, and scans", typically within two days:
    /// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html);
    /// [`recall`] compares the latest call's expiry with the call's time instead. The index is
    /// read eventually consistently, as the table's Query was ("All reads from GSIs and streams
    /// are eventually consistent",
    /// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html).
    async fn latest_calls(&self, call: &CallRecord) -> Result<Vec<EarlierCall>, StoreError> {
        let output = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(schema::CALLER_INDEX)
            .key_condition_expression("#part = :caller")
            .scan_index_forward(false)
            .limit(schema::CALLER_INDEX_LIMIT)
            .projection_expression("#sort, #at, #ttl, #results, #choice")
            .expression_attribute_names("#part", schema::PARTITION_KEY)
            .expression_attribute_names("#sort", schema::SORT_KEY)
            .expression_attribute_names("#ttl", schema::TTL_ATTRIBUTE)
            .expression_attribute_names("#at", schema::CALLED_AT_ATTRIBUTE)
            .expression_attribute_names("#results", schema::RESULTS_ATTRIBUTE)
            .expression_attribute_names("#choice", schema::CHOICE_ATTRIBUTE)
            .expression_attribute_values(":caller", AttributeValue::S(call.caller.clone()))
            .send()
            .await
            .map_err(|error| self.error("Query", error))?;
        Ok(output
            .items()
            .iter()
            .filter(|item| {
                item.get(schema::SORT_KEY)
                    .and_then(|id| id.as_s().ok())
                    .is_some_and(|id| *id != call.contact_id)
            })
            .map(earlier_call)
            .collect())
    }
}

/// What an earlier call's item says; attributes that are missing or mistyped (an item written
/// by an older version, or by hand) count as absent.
fn earlier_call(item: &HashMap<String, AttributeValue>) -> EarlierCall {
    let spoken = |value: Option<&AttributeValue>| {
        value
            .and_then(|v| v.as_m().ok())
            .and_then(|m| m.get(schema::RESULT_SPOKEN))
            .and_then(|s| s.as_s().ok())
            .cloned()
    };
    let seconds = |name: &str| {
        item.get(name)
            .and_then(|n| n.as_n().ok())
            .and_then(|n| n.parse::<u64>().ok())
            .map(|seconds| UNIX_EPOCH + std::time::Duration::from_secs(seconds))
    };
    let best = item
        .get(schema::RESULTS_ATTRIBUTE)
        .and_then(|l| l.as_l().ok())
        .and_then(|results| results.first());
    EarlierCall {
        at: seconds(schema::CALLED_AT_ATTRIBUTE).unwrap_or(UNIX_EPOCH),
        // An item without a readable TTL is kept until someone deletes it: it does not expire.
        expires_at: seconds(schema::TTL_ATTRIBUTE),
        best_spoken: spoken(best),
        chosen_spoken: spoken(item.get(schema::CHOICE_ATTRIBUTE)),
    }
}

impl CallerStore for DynamoStore {
    async fn record(&self, call: &CallRecord) -> Result<Recorded, StoreError> {
        let (put, latest) = tokio::join!(self.put(call), self.latest_calls(call));
        put?;
        Ok(recall(&latest?, call.at))
    }

    async fn keep_choice(&self, choice: &Choice) -> Result<ChoiceOutcome, StoreError> {
        self.keep_choice(choice).await
    }
}

fn item(call: &CallRecord) -> HashMap<String, AttributeValue> {
    let results = call
        .results
        .iter()
        .map(|vanity| {
            AttributeValue::M(HashMap::from([
                (
                    schema::RESULT_DISPLAY.to_string(),
                    AttributeValue::S(vanity.display.clone()),
                ),
                (
                    schema::RESULT_LETTERS.to_string(),
                    AttributeValue::S(vanity.letters.clone()),
                ),
                (
                    schema::RESULT_SPOKEN.to_string(),
                    AttributeValue::S(vanity.spoken.clone()),
                ),
                (
                    schema::RESULT_WORDS.to_string(),
                    AttributeValue::L(
                        vanity
                            .words
                            .iter()
                            .cloned()
                            .map(AttributeValue::S)
                            .collect(),
                    ),
                ),
                (schema::RESULT_SCORE.to_string(), score(vanity.score)),
            ]))
        })
        .collect();
    HashMap::from([
        (
            schema::PARTITION_KEY.to_string(),
            AttributeValue::S(call.caller.clone()),
        ),
        (
            schema::SORT_KEY.to_string(),
            AttributeValue::S(call.contact_id.clone()),
        ),
        (
            schema::CALLED_AT_ATTRIBUTE.to_string(),
            epoch_seconds(call.at),
        ),
        // Puts the call in the recent-calls index (its sort key is called_at, above).
        (
            schema::RECENT_PARTITION_KEY.to_string(),
            AttributeValue::S(schema::RECENT_PARTITION_VALUE.to_string()),
        ),
        (
            schema::TTL_ATTRIBUTE.to_string(),
            epoch_seconds(call.expires_at),
        ),
        (
            schema::RESULTS_ATTRIBUTE.to_string(),
            AttributeValue::L(results),
        ),
    ])
}

/// DynamoDB's TTL wants whole epoch seconds in a number attribute.
fn epoch_seconds(at: SystemTime) -> AttributeValue {
    let seconds = at
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_secs())
        .unwrap_or(0);
    AttributeValue::N(seconds.to_string())
}

/// A DynamoDB number: fixed six decimals keep it within the 38 significant digits DynamoDB
/// accepts, and a non-finite score (which DynamoDB cannot hold) is stored as 0.
fn score(score: f64) -> AttributeValue {
    let score = if score.is_finite() { score } else { 0.0 };
    AttributeValue::N(format!("{score:.6}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn numbers_are_what_dynamodb_accepts() {
        let cases = [
            (score(12.5), "12.500000"),
            (score(f64::NAN), "0.000000"),
            (score(f64::INFINITY), "0.000000"),
            (score(-0.25), "-0.250000"),
            (
                epoch_seconds(UNIX_EPOCH + Duration::from_millis(1_700_000_000_999)),
                "1700000000",
            ),
            (epoch_seconds(UNIX_EPOCH - Duration::from_secs(5)), "0"),
        ];
        for (value, expected) in cases {
            assert_eq!(value, AttributeValue::N(expected.to_string()));
        }
    }
}
