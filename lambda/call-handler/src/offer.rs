//! What the engine offers a caller's address: the status the flow branches on, the results
//! in rank order, and the number they are stored under (only when the engine accepted it).
//! The lookup answers with it, and a choice asks it again for the same address, so a record
//! only ever holds a result the engine really gave this caller.

use vanity_engine::contract::Status;
use vanity_engine::{Favour, NumberError, Vanity};

use crate::caller::Caller;
use crate::settings::Settings;

/// The status and results for `address`, and the number to store them under.
pub fn for_address<'a>(
    address: Option<&'a str>,
    settings: &Settings,
) -> (Status, Vec<Vanity>, Option<&'a str>) {
    for_address_favouring(address, settings, &Favour::default())
}

/// [`for_address`] with words to favour (the caller's profile's, [`crate::profile::words`]).
pub fn for_address_favouring<'a>(
    address: Option<&'a str>,
    settings: &Settings,
    favour: &Favour,
) -> (Status, Vec<Vanity>, Option<&'a str>) {
    let number = match Caller::classify(address) {
        Caller::Withheld => return (Status::NoCallerId, Vec::new(), None),
        Caller::TooLong => return (Status::InvalidNumber, Vec::new(), None),
        Caller::Number(number) => number,
    };
    let options = vanity_engine::Options {
        favour: favour.clone(),
        ..settings.engine_options()
    };
    match vanity_engine::vanity_numbers_with(number, settings.result_count, &options) {
        Ok(results) if results.is_empty() => (Status::NoMatches, results, Some(number)),
        Ok(results) => (Status::Ok, results, Some(number)),
        Err(NumberError::Missing) => (Status::NoCallerId, Vec::new(), None),
        Err(NumberError::Malformed | NumberError::TooShort) => {
            (Status::InvalidNumber, Vec::new(), None)
        }
    }
}
