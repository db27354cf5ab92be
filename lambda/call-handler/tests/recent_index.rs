//! The recent-calls index against a real DynamoDB-compatible server (moto on loopback): every
//! call the handler stores lands in the index, and one Query on it returns the calls newest
//! first, whoever made them, which is what `connect-vanity calls` relies on.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_sdk_dynamodb::types::AttributeValue;
use call_handler::store::DynamoStore;
use call_handler::{handle, schema};
use test_support::connect::ContactFlowEvent;
use test_support::moto::{client, create_table, MotoServer};

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
