//! What a profile adds to the lookup's answer. Whenever profiles are on: whether the order the
//! caller hears used their profile's words ([`contract::FAVOURED`]), which the flow passes back
//! to the choice so it reads the pressed rank in that same order. Only when the owner turned
//! it on: whether to greet and the caller's first name ([`contract::GREET`], [`contract::GREETING_NAME`],
//! `greet_by_first_name`), whether to say why and the profile word the first result holds
//! ([`contract::SAY_WHY`], [`contract::WHY`], `say_why`). The flags are there whenever their
//! option is on (a status the flow compares), the values only when there is one to say. With
//! profiles off (the default) the answer is exactly what it is without the section.

use std::collections::HashMap;

use vanity_engine::contract;
use vanity_engine::{Favour, Vanity};

use super::{Profile, ProfileSettings};

/// The longest first name spoken; a longer one is left out rather than cut.
pub const MAX_NAME_LEN: usize = 40;

/// Adds the keys `settings` allows to `answer`.
pub fn add(
    answer: &mut HashMap<String, String>,
    profile: Option<&Profile>,
    favour: &Favour,
    results: &[Vanity],
    settings: &ProfileSettings,
) {
    if !settings.enabled() {
        return;
    }
    // The words are the profile's (none without one), so a non-empty favour is exactly an
    // order that used the profile.
    answer.insert(
        contract::FAVOURED.to_string(),
        (!favour.is_empty()).to_string(),
    );
    if settings.greet_by_first_name {
        let name = profile
            .and_then(|profile| profile.first_name.as_deref())
            .and_then(speakable_name);
        flag(answer, contract::GREET, contract::GREETING_NAME, name);
    }
    if settings.say_why {
        let word = profile.and_then(|_| {
            results
                .first()
                .and_then(|best| best.words.iter().find(|word| favour.contains(word)))
                .cloned()
        });
        flag(answer, contract::SAY_WHY, contract::WHY, word);
    }
}

/// `flag` = "true" with `key` = `value` when there is one, `flag` = "false" otherwise.
fn flag(answer: &mut HashMap<String, String>, flag: &str, key: &str, value: Option<String>) {
    answer.insert(flag.to_string(), value.is_some().to_string());
    if let Some(value) = value {
        answer.insert(key.to_string(), value);
    }
}

/// `name` if it is plain enough to be spoken as it is: letters (any script), spaces, hyphens,
/// apostrophes and dots, at most [`MAX_NAME_LEN`] characters. Anything else (markup, digits,
/// "$." which Connect would read as flow data) leaves the greeting out.
pub fn speakable_name(name: &str) -> Option<String> {
    let name = name.trim();
    let plain = !name.is_empty()
        && name.chars().count() <= MAX_NAME_LEN
        && name.chars().any(char::is_alphabetic)
        && name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
        && !name.contains("$.");
    plain.then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile {
            first_name: Some("Ana".into()),
            business_name: Some("Car Wash".into()),
            ..Profile::default()
        }
    }

    fn results() -> Vec<Vanity> {
        vanity_engine::vanity_numbers("+12062279274", 3).unwrap_or_default()
    }

    #[test]
    fn only_whether_the_order_was_favoured_unless_turned_on() {
        let favour = super::super::words::favour(&profile());
        let mut answer = HashMap::new();
        add(
            &mut answer,
            Some(&profile()),
            &favour,
            &results(),
            &ProfileSettings::on("d"),
        );
        let favoured = HashMap::from([(contract::FAVOURED.to_string(), "true".to_string())]);
        assert_eq!(answer, favoured);
        let mut plain = HashMap::new();
        let none = Favour::default();
        add(
            &mut plain,
            None,
            &none,
            &results(),
            &ProfileSettings::on("d"),
        );
        assert_eq!(plain[contract::FAVOURED], "false");
        let mut off = HashMap::new();
        add(
            &mut off,
            Some(&profile()),
            &favour,
            &results(),
            &ProfileSettings::default(),
        );
        assert!(off.is_empty(), "profiles off: nothing added");
    }

    #[test]
    fn the_name_and_the_reason_when_turned_on() {
        let favour = super::super::words::favour(&profile());
        let settings = ProfileSettings {
            greet_by_first_name: true,
            say_why: true,
            ..ProfileSettings::on("d")
        };
        let results = results();
        let mut answer = HashMap::new();
        add(&mut answer, Some(&profile()), &favour, &results, &settings);
        assert_eq!(answer[contract::GREETING_NAME], "Ana");
        let why = &answer[contract::WHY];
        assert!(results[0].words.contains(why), "{why}");
        assert_eq!(answer[contract::GREET], "true");
        assert_eq!(answer[contract::SAY_WHY], "true");
        // No profile: the flags say there is nothing to say.
        let mut none = HashMap::new();
        add(&mut none, None, &favour, &results, &settings);
        assert_eq!(none.len(), 3);
        assert_eq!(none[contract::GREET], "false");
        assert_eq!(none[contract::SAY_WHY], "false");
    }

    #[test]
    fn only_plain_names_are_spoken() {
        assert_eq!(speakable_name(" Zoë "), Some("Zoë".into()));
        assert_eq!(
            speakable_name("Mary-Jo O'Neil"),
            Some("Mary-Jo O'Neil".into())
        );
        for bad in [
            "",
            " ",
            "<speak>",
            "R2D2",
            "$.External.x",
            "--",
            &"a".repeat(41),
        ] {
            assert_eq!(speakable_name(bad), None, "{bad}");
        }
    }
}
