//! The DynamoDB table layout: one item per call, keyed by the caller's number and the Connect
//! contact id. The Terraform renderer reads the key, TTL and IAM action names from here so the
//! rendered table and policy always match what [`crate::store::DynamoStore`] does; the item's
//! other attributes are only read by people, so they are listed for documentation and reuse.

/// Partition key, type S: the caller's number as Connect sent it (E.164, for example `+18003569377`).
pub const PARTITION_KEY: &str = "caller";
/// Sort key, type S: the Connect `ContactId`. Connect retries a failed invocation up to three
/// times with the same contact id, so a conditional put on this key makes the write idempotent.
pub const SORT_KEY: &str = "contact_id";
/// Type N, epoch seconds: DynamoDB's TTL deletes the item some time after this moment.
pub const TTL_ATTRIBUTE: &str = "expires_at";
/// Every DynamoDB action the Lambda calls, for its IAM policy; nothing more. A test in
/// `store/mod.rs` (and scripts/check_plan.py on the plan) compares this with the SDK calls in
/// `src/store/`. The policy splits them by resource: [`DYNAMODB_TABLE_ACTIONS`] on the table,
/// [`DYNAMODB_INDEX_ACTIONS`] on [`CALLER_INDEX`] only.
pub const DYNAMODB_ACTIONS: &[&str] =
    &["dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"];
/// The writes, on the table's ARN.
pub const DYNAMODB_TABLE_ACTIONS: &[&str] = &["dynamodb:PutItem", "dynamodb:UpdateItem"];
/// The read, on [`CALLER_INDEX`]'s ARN (`TABLE_ARN/index/NAME`): a Query on an index authorises
/// on the index (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-specific-table-indexes.html
/// names `table/Books/index/*` beside the table for that reason).
pub const DYNAMODB_INDEX_ACTIONS: &[&str] = &["dynamodb:Query"];

/// Type N, epoch seconds: when the call was answered. Also the sort key of [`RECENT_INDEX`].
pub const CALLED_AT_ATTRIBUTE: &str = "called_at";

/// Global secondary index over every call, sorted by [`CALLED_AT_ATTRIBUTE`]: the most recent
/// calls are one Query on it (`connect-vanity calls`), never a Scan. Its partition key
/// [`RECENT_PARTITION_KEY`] holds the same value on every call, so one partition holds them all;
/// a partition takes about 1,000 writes a second, far above the calls an Amazon Connect instance
/// admits (its default quota is 10 concurrent calls), so that one partition never throttles.
/// Items written before the index existed lack the key and stay out of it (a sparse index).
/// Writes per partition: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html;
/// Connect's quota: https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html
pub const RECENT_INDEX: &str = "recent_calls";
/// Global secondary index over each caller's calls, sorted by [`CALLED_AT_ATTRIBUTE`]: partition
/// key [`PARTITION_KEY`], sort key the call time. The call-handler reads a caller's latest calls
/// from it, newest first, with a [`CALLER_INDEX_LIMIT`], so a caller with ten thousand calls
/// costs what a caller with two does (the table's own sort key, the contact id, orders a
/// caller's calls by nothing useful). Every item has both keys, so every call is in it.
pub const CALLER_INDEX: &str = "caller_calls";
/// What [`CALLER_INDEX`] holds besides the keys (`INCLUDE` projection): what the call-handler
/// reads. "The table's partition key and sort key are always projected into the index", so the
/// contact id comes along (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Projections).
pub const CALLER_INDEX_ATTRIBUTES: &[&str] = &[TTL_ATTRIBUTE, RESULTS_ATTRIBUTE, CHOICE_ATTRIBUTE];
/// How many of a caller's calls one read asks for: the newest other call is always among the
/// newest two, since at most one of them is the call being recorded (a retry finds its own
/// item; a first try may or may not, the write runs beside the read).
pub const CALLER_INDEX_LIMIT: i32 = 2;
/// Type S, always [`RECENT_PARTITION_VALUE`]: the partition key of [`RECENT_INDEX`].
pub const RECENT_PARTITION_KEY: &str = "feed";
/// The one value of [`RECENT_PARTITION_KEY`].
pub const RECENT_PARTITION_VALUE: &str = "calls";
/// Type L of M: the best results, best first, each with the fields below.
pub const RESULTS_ATTRIBUTE: &str = "results";
/// In each result, type S: the display form, for example `1-800-FLOWERS`.
pub const RESULT_DISPLAY: &str = "display";
/// In each result, type S: the dialable letters and digits of the subscriber part.
pub const RESULT_LETTERS: &str = "letters";
/// In each result, type S: the text the flow speaks.
pub const RESULT_SPOKEN: &str = "spoken";
/// In each result, type L of S: the dictionary words used, in order.
pub const RESULT_WORDS: &str = "words";
/// In each result, type N: the engine's score (higher is better), rounded to six decimals.
pub const RESULT_SCORE: &str = "score";

/// Type M, only on calls where the caller chose a result: written once by the choose action's
/// conditional `UpdateItem`, which sets this attribute and nothing else.
pub const CHOICE_ATTRIBUTE: &str = "choice";
/// In the choice, type N: the rank the caller pressed (1 is the best result).
pub const CHOICE_RANK: &str = "rank";
/// In the choice, type S: the display form of the chosen result (as [`RESULT_DISPLAY`]).
pub const CHOICE_DISPLAY: &str = RESULT_DISPLAY;
/// In the choice, type S: its speakable form (as [`RESULT_SPOKEN`]), said back on later calls.
pub const CHOICE_SPOKEN: &str = RESULT_SPOKEN;
/// In the choice, type N, epoch seconds: when the caller chose.
pub const CHOSEN_AT: &str = "chosen_at";
