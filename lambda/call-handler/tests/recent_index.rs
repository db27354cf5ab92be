//! The table's two indexes against a real DynamoDB-compatible server (moto on loopback): every
//! call the handler stores lands in the recent-calls index, and one Query on it returns the
//! calls newest first, whoever made them, which is what `connect-vanity calls` relies on; and a
//! caller with thousands of calls is read with one Query on the per-caller index that reads
//! two items, the same as a caller with ten, and is reminded of their latest call.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_sdk_dynamodb::config::interceptors::{
    BeforeSerializationInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::error::BoxError;
use aws_sdk_dynamodb::operation::query::{QueryInput, QueryOutput};
use aws_sdk_dynamodb::types::{AttributeValue, PutRequest, WriteRequest};
use aws_sdk_dynamodb::Client;
use call_handler::store::{CallRecord, CallerStore, DynamoStore, Recorded};
use call_handler::{handle, schema};
use test_support::connect::ContactFlowEvent;
use test_support::moto::{client, create_table, MotoServer};
use vanity_engine::contract::Remembered;

const TABLE: &str = "recent-calls";

#[tokio::test]
async fn stored_calls_come_back_newest_first_from_one_query() {
    let moto = MotoServer::start();
    let dynamodb = client(&moto.endpoint);
    create_table(&dynamodb, TABLE).await;
    let store = DynamoStore::new(dynamodb.clone(), TABLE.to_string());
    let settings = test_support::moto::settings(TABLE, Duration::from_secs(5));

    // Three callers, one of them twice, stored out of time order.
    let start = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let calls = [
        ("c-2", "+12062279274", 20),
        ("c-1", "+18003569377", 10),
        ("c-4", "+18003569377", 40),
        ("c-3", "+13125557464", 30),
    ];
    for (contact_id, number, offset) in calls {
        let at = start + Duration::from_secs(offset);
        handle(
            &ContactFlowEvent::new(contact_id, number).build(),
            &store,
            &settings,
            at,
        )
        .await;
    }

    let output = dynamodb
        .query()
        .table_name(TABLE)
        .index_name(schema::RECENT_INDEX)
        .key_condition_expression("#feed = :feed")
        .expression_attribute_names("#feed", schema::RECENT_PARTITION_KEY)
        .expression_attribute_values(
            ":feed",
            AttributeValue::S(schema::RECENT_PARTITION_VALUE.to_string()),
        )
        .scan_index_forward(false)
        .limit(3)
        .send()
        .await
        .expect("query the recent-calls index");
    let newest: Vec<&str> = output
        .items()
        .iter()
        .filter_map(|item| item.get(schema::SORT_KEY)?.as_s().ok())
        .map(String::as_str)
        .collect();
    assert_eq!(newest, ["c-4", "c-3", "c-2"]);

    let seconds = |at: SystemTime| {
        at.duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    };
    let first = &output.items()[0];
    assert_eq!(
        first.get(schema::CALLED_AT_ATTRIBUTE),
        Some(&AttributeValue::N(
            seconds(start + Duration::from_secs(40)).to_string()
        ))
    );
    assert!(
        first.contains_key(schema::RESULTS_ATTRIBUTE),
        "the index projects the whole item: {first:?}"
    );
}

/// Every Query the store sends, with what DynamoDB answered: an SDK interceptor on the store's
/// own client, so the test sees the real requests and responses, not a copy of the code.
#[derive(Debug, Clone, Default)]
struct Queries {
    sent: Arc<Mutex<Vec<QueryInput>>>,
    answered: Arc<Mutex<Vec<QueryOutput>>>,
}

impl Queries {
    fn take(&self) -> Vec<(QueryInput, QueryOutput)> {
        let sent = std::mem::take(&mut *self.sent.lock().unwrap_or_else(PoisonError::into_inner));
        let answered =
            std::mem::take(&mut *self.answered.lock().unwrap_or_else(PoisonError::into_inner));
        assert_eq!(sent.len(), answered.len(), "a Query without an answer");
        sent.into_iter().zip(answered).collect()
    }
}

impl Intercept for Queries {
    fn name(&self) -> &'static str {
        "record queries"
    }

    fn read_before_execution(
        &self,
        context: &BeforeSerializationInterceptorContextRef<'_>,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(input) = context.input().downcast_ref::<QueryInput>() {
            let mut sent = self.sent.lock().unwrap_or_else(PoisonError::into_inner);
            sent.push(input.clone());
        }
        Ok(())
    }

    fn read_after_execution(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(Ok(output)) = context.output_or_error() {
            if let Some(output) = output.downcast_ref::<QueryOutput>() {
                let mut answered = self.answered.lock().unwrap_or_else(PoisonError::into_inner);
                answered.push(output.clone());
            }
        }
        Ok(())
    }
}

/// A client for moto that records its Queries.
fn recording_client(endpoint: &str, queries: &Queries) -> Client {
    let config = client(endpoint)
        .config()
        .to_builder()
        .interceptor(queries.clone())
        .build();
    Client::from_conf(config)
}

const CALLER: &str = "+18003569377";
const DAY: u64 = 86_400;
/// When the bulk history starts: 2027-01-15.
const START: u64 = 1_800_000_000;

fn n(value: u64) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

fn s(value: &str) -> AttributeValue {
    AttributeValue::S(value.to_string())
}

/// Call `i` of a long history, one a minute, as the handler would have stored it: every call
/// had a best result, every seventh caller chose one. Contact ids are scattered, as Connect's
/// UUIDs are, so the table's own order (by contact id) is not the calls' order.
fn history_item(i: u64) -> HashMap<String, AttributeValue> {
    let at = START + i * 60;
    let spoken = |what: &str| {
        AttributeValue::M(HashMap::from([(
            schema::RESULT_SPOKEN.to_string(),
            s(&format!("{what} {i}")),
        )]))
    };
    let mut item = HashMap::from([
        (schema::PARTITION_KEY.to_string(), s(CALLER)),
        (
            schema::SORT_KEY.to_string(),
            s(&format!(
                "{:08x}-{i}",
                i.wrapping_mul(2_654_435_761) % (1 << 32)
            )),
        ),
        (schema::CALLED_AT_ATTRIBUTE.to_string(), n(at)),
        (schema::TTL_ATTRIBUTE.to_string(), n(at + 3650 * DAY)),
        (
            schema::RECENT_PARTITION_KEY.to_string(),
            s(schema::RECENT_PARTITION_VALUE),
        ),
        (
            schema::RESULTS_ATTRIBUTE.to_string(),
            AttributeValue::L(vec![spoken("best")]),
        ),
    ]);
    if i.is_multiple_of(7) {
        item.insert(schema::CHOICE_ATTRIBUTE.to_string(), spoken("choice"));
    }
    item
}

/// Writes calls `0..count` of the history, 25 to a BatchWriteItem (the API's limit).
async fn write_history(dynamodb: &Client, table: &str, count: u64) {
    let items: Vec<WriteRequest> = (0..count)
        .map(|i| {
            let put = PutRequest::builder()
                .set_item(Some(history_item(i)))
                .build()
                .expect("put request");
            WriteRequest::builder().put_request(put).build()
        })
        .collect();
    for batch in items.chunks(25) {
        let output = dynamodb
            .batch_write_item()
            .request_items(table, batch.to_vec())
            .send()
            .await
            .expect("BatchWriteItem");
        assert!(
            output
                .unprocessed_items()
                .is_none_or(|left| left.is_empty()),
            "moto left items unprocessed"
        );
    }
}

/// How many items the caller's partition of the table holds, counted page by page.
async fn partition_size(dynamodb: &Client, table: &str) -> i32 {
    let mut count = 0;
    let mut start = None;
    loop {
        let page = dynamodb
            .query()
            .table_name(table)
            .key_condition_expression("#part = :caller")
            .expression_attribute_names("#part", schema::PARTITION_KEY)
            .expression_attribute_values(":caller", s(CALLER))
            .select(aws_sdk_dynamodb::types::Select::Count)
            .set_exclusive_start_key(start)
            .send()
            .await
            .expect("count the partition");
        count += page.count();
        start = page.last_evaluated_key().cloned();
        if start.is_none() {
            return count;
        }
    }
}

/// Records a new call from [`CALLER`] `minutes` after the history starts and returns what the
/// store answered and the one Query it sent.
async fn record(
    store: &DynamoStore,
    queries: &Queries,
    contact_id: &str,
    minutes: u64,
) -> (Recorded, QueryInput, QueryOutput) {
    let at = UNIX_EPOCH + Duration::from_secs(START + minutes * 60);
    let call = CallRecord {
        caller: CALLER.to_string(),
        contact_id: contact_id.to_string(),
        at,
        expires_at: at + Duration::from_secs(90 * DAY),
        results: Vec::new(),
    };
    let recorded = store.record(&call).await.expect("record the call");
    let mut queries = queries.take();
    assert_eq!(queries.len(), 1, "one Query per call: {queries:?}");
    let (input, output) = queries.remove(0);
    (recorded, input, output)
}

/// What "bounded" means, checked on the request and on DynamoDB's answer: the per-caller index,
/// newest first, a Limit of two, and two items read ("ScannedCount — The number of items that
/// matched the key condition expression before a filter expression (if present) was applied",
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Other.html).
fn assert_bounded(input: &QueryInput, output: &QueryOutput) -> i32 {
    assert_eq!(input.index_name(), Some(schema::CALLER_INDEX), "{input:?}");
    assert_eq!(input.scan_index_forward(), Some(false), "{input:?}");
    assert_eq!(input.limit(), Some(schema::CALLER_INDEX_LIMIT), "{input:?}");
    assert_eq!(input.filter_expression(), None, "{input:?}");
    assert!(
        output.scanned_count() <= schema::CALLER_INDEX_LIMIT,
        "{output:?}"
    );
    assert!(output.count() <= schema::CALLER_INDEX_LIMIT, "{output:?}");
    output.scanned_count()
}

#[tokio::test]
async fn a_caller_with_thousands_of_calls_costs_one_two_item_query() {
    const TABLE: &str = "long-history";
    const CALLS: u64 = 5_000;
    let moto = MotoServer::start();
    let queries = Queries::default();
    let dynamodb = recording_client(&moto.endpoint, &queries);
    create_table(&dynamodb, TABLE).await;
    let store = DynamoStore::new(dynamodb.clone(), TABLE.to_string());

    // Ten calls, then the cost of reading the caller.
    write_history(&dynamodb, TABLE, 10).await;
    queries.take();
    let (_, input, output) = record(&store, &queries, "after-ten", 10).await;
    let after_ten = assert_bounded(&input, &output);

    // Thousands of calls in the same partition, then the same read.
    write_history(&dynamodb, TABLE, CALLS).await;
    assert_eq!(partition_size(&dynamodb, TABLE).await, CALLS as i32 + 1);
    queries.take();
    let (recorded, input, output) = record(&store, &queries, "after-thousands", CALLS + 1).await;
    assert_eq!(assert_bounded(&input, &output), after_ten);

    // "Last time" is the latest call (no choice on it), not a page in contact-id order and not
    // the latest call with a choice (call 4998 = 7 x 714).
    let latest = CALLS - 1;
    assert!(!latest.is_multiple_of(7) && (latest - 1).is_multiple_of(7));
    assert!(recorded.returning);
    let last = recorded.last.expect("the latest call had a result");
    assert_eq!(
        (last.kind, last.spoken.as_str()),
        (Remembered::Best, format!("best {latest}").as_str())
    );

    // Connect retries the invocation with the same contact id: its own item is now the newest,
    // and it does not count as an earlier call. Still one two-item Query.
    let (again, input, output) = record(&store, &queries, "after-thousands", CALLS + 2).await;
    assert_bounded(&input, &output);
    assert_eq!(
        again,
        Recorded {
            returning: true,
            last: Some(last.clone()),
        }
    );
    assert_eq!(partition_size(&dynamodb, TABLE).await, CALLS as i32 + 2);
}
