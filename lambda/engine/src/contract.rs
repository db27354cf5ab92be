//! The contract between the contact flow and the call-handler Lambda: the keys the Lambda
//! returns in its flat string map, and the values of `status`. The renderer builds the flow
//! from these names and the flow lint checks every `$.External.KEY` against
//! [`returned_keys`], so the two sides cannot drift apart.

/// Upper bound on how many results the Lambda may return (and the config may ask to store).
pub const MAX_RESULTS: usize = 10;

/// Outcome of the lookup, one of [`Status::as_str`].
pub const STATUS: &str = "status";
/// How many vanity results follow, as a decimal string ("0" to "10").
pub const COUNT: &str = "count";
/// "true" when this caller's number has called before, "false" otherwise.
pub const RETURNING: &str = "returning";

/// What the Lambda found, as the flow compares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Results follow in `vanity1..=count` and `spoken1..=count` (count may be 0 only for `NoMatches`).
    Ok,
    /// No words fit the number; `count` is "0".
    NoMatches,
    /// The caller's number was missing, anonymous or withheld.
    NoCallerId,
    /// The number was present but not a dialable phone number (too short, letters, ...).
    InvalidNumber,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Ok,
        Status::NoMatches,
        Status::NoCallerId,
        Status::InvalidNumber,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::NoMatches => "NO_MATCHES",
            Status::NoCallerId => "NO_CALLER_ID",
            Status::InvalidNumber => "INVALID_NUMBER",
        }
    }
}

/// Key of the display form of result `rank` (1-based), for example "1-800-FLOWERS".
pub fn vanity_key(rank: usize) -> String {
    format!("vanity{rank}")
}

/// Key of the speakable form of result `rank` (1-based): plain text meant to go inside the
/// flow's SSML, with words in lower case and leftover digits spaced so they are read one by one.
pub fn spoken_key(rank: usize) -> String {
    format!("spoken{rank}")
}

/// Every key the Lambda can return when configured to return up to `max_results` results.
pub fn returned_keys(max_results: usize) -> Vec<String> {
    let mut keys = vec![STATUS.to_string(), COUNT.to_string(), RETURNING.to_string()];
    for rank in 1..=max_results.min(MAX_RESULTS) {
        keys.push(vanity_key(rank));
        keys.push(spoken_key(rank));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_cover_every_rank_and_nothing_more() {
        let keys = returned_keys(5);
        assert!(keys.contains(&"vanity5".to_string()));
        assert!(keys.contains(&"spoken1".to_string()));
        assert!(!keys.contains(&"vanity6".to_string()));
        assert_eq!(keys.len(), 3 + 2 * 5);
    }

    #[test]
    fn statuses_are_distinct() {
        let mut names: Vec<_> = Status::ALL.iter().map(|s| s.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Status::ALL.len());
    }
}
