//! Which order the caller heard their results in, for a choice: the lookup answers whether it
//! used the profile's words ([`vanity_engine::contract::FAVOURED`]), the flow passes that back with the
//! choice, and this decides from it and from the choice's own profile search how the pressed
//! rank is read and where a kept choice may be written.
//!
//! The two searches (the lookup's and the choice's) can answer differently: one throttled and
//! the other not, or a profile changed in between. Reading the rank in the order the choice's
//! search implies would then keep, say back and write a different number than the one the
//! caller heard. The lookup's own word on the order it used settles it.

use vanity_engine::Favour;

use super::lookup::Target;

/// What the lookup's answer says the caller heard, as the flow passed it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heard {
    /// "false": the plain order (no profile, several, or the lookup's search did not answer).
    Plain,
    /// "true": the order the profile's words made.
    Favoured,
    /// Not said: profiles off, a flow rendered before the parameter existed, or a value that is
    /// neither "true" nor "false".
    NotSaid,
}

impl Heard {
    /// The invocation parameter [`vanity_engine::contract::FAVOURED`] as the flow passed it; ignored (not
    /// said) with profiles off, where the lookup never answers it.
    pub fn from_parameter(value: Option<&str>, profiles_on: bool) -> Heard {
        match value {
            Some("true") if profiles_on => Heard::Favoured,
            Some("false") if profiles_on => Heard::Plain,
            _ => Heard::NotSaid,
        }
    }
}

/// How a choice reads the pressed rank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// The words the engine favours when it gives the caller's results again.
    pub favour: Favour,
    /// Where a kept choice may be written.
    pub target: Target,
    /// The rank must also name the same result in the plain order (see [`order`]).
    pub same_in_plain: bool,
}

/// Why a choice is not kept when the choice's search did not answer and the lookup's order
/// is not known to be the plain one.
pub const SEARCH_DID_NOT_ANSWER: &str =
    "the profile search did not answer, so the order the caller heard is not known";

/// How to read the rank, from what the caller `heard` and what the choice's search found
/// (`searched`, `None` when it did not answer); `Err` says why the choice cannot be kept.
///
/// - Plain: the plain order, whatever the search says; a search that answered still says
///   where the choice may be written (the profile it found), one that did not writes nothing.
/// - Favoured: the search must find the one profile again, whose words make the order; with
///   no answer, no profile or several, the order cannot be rebuilt and nothing is kept.
/// - Not said (a flow rendered before [`vanity_engine::contract::FAVOURED`]): the order the search implies,
///   as before, but only if the rank names the same result in the plain order too. The
///   lookup's search may have failed where this one answered (the caller heard the plain
///   order) or answered as this one did (the profile's order); where both orders agree at the
///   rank, the number is the one heard either way, and where they differ, either reading could
///   be the wrong one, so nothing is kept.
pub fn order(heard: Heard, searched: Option<(Favour, Target)>) -> Result<Order, &'static str> {
    match (heard, searched) {
        (Heard::Plain, searched) => Ok(Order {
            favour: Favour::default(),
            target: searched.map_or(Target::Unknown, |(_, target)| target),
            same_in_plain: false,
        }),
        (Heard::Favoured, Some((favour, target @ Target::Profile(_)))) => Ok(Order {
            favour,
            target,
            same_in_plain: false,
        }),
        (Heard::Favoured, Some(_)) => Err(
            "the caller heard their profile's order, and the search no longer finds one profile",
        ),
        (Heard::Favoured | Heard::NotSaid, None) => Err(SEARCH_DID_NOT_ANSWER),
        (Heard::NotSaid, Some((favour, target))) => Ok(Order {
            favour,
            target,
            same_in_plain: true,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Favour {
        super::super::words::favour(&super::super::Profile {
            first_name: Some("Ana".into()),
            ..super::super::Profile::default()
        })
    }

    fn found() -> Option<(Favour, Target)> {
        Some((words(), Target::Profile("p-1".into())))
    }

    #[test]
    fn the_parameter_counts_only_with_profiles_on() {
        assert_eq!(Heard::from_parameter(Some("true"), true), Heard::Favoured);
        assert_eq!(Heard::from_parameter(Some("false"), true), Heard::Plain);
        for value in [None, Some(""), Some("TRUE"), Some("yes")] {
            assert_eq!(
                Heard::from_parameter(value, true),
                Heard::NotSaid,
                "{value:?}"
            );
        }
        assert_eq!(Heard::from_parameter(Some("true"), false), Heard::NotSaid);
    }

    #[test]
    fn the_plain_order_whatever_the_search_says() {
        let plain = order(Heard::Plain, found()).expect("kept");
        assert!(plain.favour.is_empty());
        assert_eq!(plain.target, Target::Profile("p-1".into()));
        assert!(!plain.same_in_plain);
        let unanswered = order(Heard::Plain, None).expect("kept");
        assert_eq!(unanswered.target, Target::Unknown);
    }

    #[test]
    fn the_profiles_order_needs_the_profile_again() {
        let favoured = order(Heard::Favoured, found()).expect("kept");
        assert_eq!(favoured.favour, words());
        assert!(!favoured.same_in_plain);
        for searched in [
            None,
            Some((Favour::default(), Target::NoProfile)),
            Some((Favour::default(), Target::Unknown)),
        ] {
            assert!(
                order(Heard::Favoured, searched.clone()).is_err(),
                "{searched:?}"
            );
        }
    }

    #[test]
    fn not_said_reads_the_search_and_asks_for_agreement() {
        let old = order(Heard::NotSaid, found()).expect("read");
        assert_eq!(old.favour, words());
        assert!(old.same_in_plain);
        assert_eq!(order(Heard::NotSaid, None), Err(SEARCH_DID_NOT_ANSWER));
    }
}
