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
/// Every DynamoDB action the Lambda calls, for its IAM policy; nothing more.
pub const DYNAMODB_ACTIONS: &[&str] = &["dynamodb:PutItem", "dynamodb:Query"];

/// Type N, epoch seconds: when the call was answered.
pub const CALLED_AT_ATTRIBUTE: &str = "called_at";
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
