//! What the caller's address (`CustomerEndpoint.Address`) tells us before the engine sees it:
//! whether there is a number at all, and how the address may appear in logs. Deciding whether
//! a present number is dialable is the engine's job, not this module's.

/// Words networks and telephony providers put in place of a withheld number (compared without
/// case), and the keypad spelling of "ANONYMOUS", which some providers send as if it were one.
const WITHHELD_MARKERS: &[&str] = &[
    "anonymous",
    "withheld",
    "restricted",
    "private",
    "unavailable",
    "unknown",
    "+266696687",
    "266696687",
];

/// Longest address worth handing to the engine: E.164 allows 15 digits, and generous room for
/// separators; anything longer is not a phone number and would only cost time and key space.
pub const MAX_ADDRESS_LEN: usize = 40;

/// The caller's address, sorted by what the handler can do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller<'a> {
    /// No caller id: missing, null, blank, or a withheld marker.
    Withheld,
    /// Something longer than any phone number.
    TooLong,
    /// A candidate number, trimmed, for the engine to judge.
    Number(&'a str),
}

impl<'a> Caller<'a> {
    pub fn classify(address: Option<&'a str>) -> Caller<'a> {
        let Some(address) = address.map(str::trim).filter(|a| !a.is_empty()) else {
            return Caller::Withheld;
        };
        if WITHHELD_MARKERS
            .iter()
            .any(|marker| marker.eq_ignore_ascii_case(address))
        {
            Caller::Withheld
        } else if address.len() > MAX_ADDRESS_LEN {
            Caller::TooLong
        } else {
            Caller::Number(address)
        }
    }
}

/// The address as logs may show it: every keypad symbol (digit or letter, since letters dial
/// digits: "1-800-FLOWERS") but the last four replaced by `*`; punctuation is kept because it
/// carries no identity and helps to diagnose malformed input. The result is cut to
/// [`MAX_ADDRESS_LEN`] characters so hostile input cannot flood the logs.
pub fn mask(address: &str) -> String {
    let symbols = address.chars().filter(char::is_ascii_alphanumeric).count();
    let mut seen = 0;
    let mut masked: String = address
        .chars()
        .take(MAX_ADDRESS_LEN)
        .map(|c| {
            if !c.is_ascii_alphanumeric() {
                return c;
            }
            seen += 1;
            if seen + 4 > symbols {
                c
            } else {
                '*'
            }
        })
        .collect();
    if address.chars().count() > MAX_ADDRESS_LEN {
        masked.push('…');
    }
    masked
}

/// Whether `number` is in the North American range reserved for fiction, 555-0100 through
/// 555-0199 in any area code ("only 555-0100 through 555-0199 are now reserved for fictional
/// use", NANPA, <https://www.nationalnanpa.com/number_resource_info/555_numbers.html>): no
/// customer can call from it, so `connect-vanity test-line` calls from one, and the handler
/// keeps such a call for a day only ([`crate::settings::Settings::record_ttl_for`]). Only the
/// E.164 form (`+1` and ten digits) counts: the form Connect gives a caller's address.
pub fn is_fictional(number: &str) -> bool {
    let Some(national) = number.strip_prefix("+1") else {
        return false;
    };
    national.len() == 10
        && national.bytes().all(|b| b.is_ascii_digit())
        && &national[3..8] == "55501"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_range_reserved_for_fiction_is_fictional() {
        for number in [
            "+12065550100",
            "+12065550199",
            "+18005550123",
            "+13125550142",
        ] {
            assert!(is_fictional(number), "{number}");
        }
        for number in [
            "+12065550200",
            "+12065550099",
            "+12065551212",
            "+18003569377",
            "2065550100",
            "+1206555010",
            "+120655501000",
            "+1206555O100",
            "+442079460123",
            "",
        ] {
            assert!(!is_fictional(number), "{number}");
        }
    }

    #[test]
    fn classify_sorts_addresses() {
        let cases: &[(Option<&str>, Caller)] = &[
            (None, Caller::Withheld),
            (Some(""), Caller::Withheld),
            (Some("   "), Caller::Withheld),
            (Some("anonymous"), Caller::Withheld),
            (Some("Anonymous"), Caller::Withheld),
            (Some("WITHHELD"), Caller::Withheld),
            (Some("Restricted"), Caller::Withheld),
            (Some("+266696687"), Caller::Withheld),
            (Some("+18003569377"), Caller::Number("+18003569377")),
            (Some(" +18003569377\n"), Caller::Number("+18003569377")),
            (Some("+442079460123"), Caller::Number("+442079460123")),
            (Some("12345"), Caller::Number("12345")),
            (
                Some("sip:alice@example.com"),
                Caller::Number("sip:alice@example.com"),
            ),
            (Some(&"9".repeat(MAX_ADDRESS_LEN + 1)), Caller::TooLong),
        ];
        for (address, expected) in cases {
            assert_eq!(Caller::classify(*address), *expected, "{address:?}");
        }
    }

    #[test]
    fn mask_keeps_only_the_last_four_keypad_symbols() {
        let cases = [
            ("+18003569377", "+*******9377"),
            ("(206) 555-0123", "(***) ***-0123"),
            ("+442079460123", "+********0123"),
            ("1234", "1234"),
            ("12", "12"),
            ("", ""),
            ("anonymous", "*****mous"),
            ("+1 (800) FLOWERS", "+* (***) ***WERS"),
        ];
        for (address, expected) in cases {
            assert_eq!(mask(address), expected, "{address:?}");
        }
    }

    #[test]
    fn mask_never_reveals_more_than_four_symbols_and_stays_short() {
        let long = "1".repeat(500);
        let masked = mask(&long);
        assert!(masked.chars().filter(char::is_ascii_alphanumeric).count() <= 4);
        assert_eq!(masked.chars().count(), MAX_ADDRESS_LEN + 1);
        for address in [
            "+18003569377",
            "+1 800 356 9377",
            "tel:+1-800-356-9377;ext=12",
            "1800FLOWERS",
        ] {
            let masked = mask(address);
            let visible = masked.chars().filter(char::is_ascii_alphanumeric).count();
            assert!(visible <= 4, "{address:?} -> {masked:?}");
        }
    }
}
