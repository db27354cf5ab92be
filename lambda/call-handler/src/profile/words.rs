//! The words a profile lends the engine to favour ([`vanity_engine::Favour`]): the first and
//! last name, each word of the business name, and the words of the custom attribute
//! [`WORK_ATTRIBUTE`], which names the business's kind of work (Customer Profiles' standard
//! profile has no such field: its fields are names, business name, phone numbers, email and
//! postal addresses, birth date, gender, party type and account number, plus `Attributes`).
//!
//! A word is a run of ASCII letters, lower-cased; words under three letters and the words a
//! business name carries for its legal form or as glue ("inc", "llc", "and", "the") are left
//! out: they say nothing about the person, and the engine would otherwise favour any result
//! holding THE. The engine only ever matches whole dictionary words, so a word it does not
//! know changes nothing.

use vanity_engine::Favour;

use super::Profile;

/// The custom attribute that names the business's kind of work ("plumbing", "car wash").
pub const WORK_ATTRIBUTE: &str = "industry";

/// Shorter words are left out (see the module doc).
const MIN_LETTERS: usize = 3;

/// Words that name a legal form or join other words, never the person or their work.
const LEFT_OUT: &[&str] = &[
    "and", "the", "for", "inc", "llc", "ltd", "llp", "plc", "corp", "company", "limited", "gmbh",
];

/// The words `profile` lends the engine.
pub fn favour(profile: &Profile) -> Favour {
    let fields = [
        profile.first_name.as_deref(),
        profile.last_name.as_deref(),
        profile.business_name.as_deref(),
        profile.attributes.get(WORK_ATTRIBUTE).map(String::as_str),
    ];
    Favour::new(fields.into_iter().flatten().flat_map(words))
}

/// The words of one field.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|word| word.len() >= MIN_LETTERS)
        .map(str::to_ascii_lowercase)
        .filter(|word| !LEFT_OUT.contains(&word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn names_business_words_and_the_kind_of_work_are_favoured() {
        let profile = Profile {
            profile_id: "p-1".into(),
            first_name: Some("Ana".into()),
            last_name: Some("O'Brien".into()),
            business_name: Some("The Car-Wash Company, Inc.".into()),
            attributes: BTreeMap::from([
                (WORK_ATTRIBUTE.to_string(), "Auto detailing".to_string()),
                ("tier".to_string(), "gold".to_string()),
            ]),
        };
        let favour = favour(&profile);
        assert_eq!(
            favour.words().collect::<Vec<_>>(),
            ["ana", "auto", "brien", "car", "detailing", "wash"]
        );
    }

    #[test]
    fn an_empty_profile_favours_nothing() {
        assert!(favour(&Profile::default()).is_empty());
        let accented = Profile {
            first_name: Some("Zoë".into()),
            ..Profile::default()
        };
        // Not ASCII letters throughout: the parts that are stay ("zo" is too short).
        assert!(favour(&accented).is_empty());
    }
}
