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
/// `src/store/`.
pub const DYNAMODB_ACTIONS: &[&str] =
    &["dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"];

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
