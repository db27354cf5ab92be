//! The vanity numbers a transcript's caller heard, put together as a caller would: the shared
//! start said once after the intro, then each result's rest ("Number 2: car wash"), and the
//! keys each one dials. Tests use it to check that what is heard dials the caller's number.

/// The numbers spoken by `[say-result...]` prompts, in order, each with the shared start in
/// front when the transcript's `[say-intro-and-shared-start]` prompt said one. `shared_start`
/// is that wording as configured ("Each starts with {start}.").
pub fn spoken_numbers(transcript: &str, shared_start: &str) -> Vec<String> {
    let shared_lead = shared_start.split("{start}").next().unwrap_or_default();
    let heard = |line: &str| {
        line.split_once("caller hears: ")
            .map(|(_, heard)| heard.to_string())
    };
    let start = transcript
        .lines()
        .filter(|line| line.starts_with("[say-intro-and-shared-start]"))
        .find_map(heard)
        .and_then(|intro| {
            let (_, after) = intro.rsplit_once(shared_lead)?;
            Some(after.trim_end_matches('.').to_string())
        });
    transcript
        .lines()
        .filter(|line| line.starts_with("[say-result"))
        .filter_map(heard)
        .flat_map(|heard| {
            heard
                .split_terminator(". ")
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        // "Number 2: flow err" -> the number as spoken.
        .filter_map(|result| {
            let (_, rest) = result.split_once(": ")?;
            let rest = rest.trim_end_matches('.');
            Some(match &start {
                Some(start) => format!("{start}, {rest}"),
                None => rest.to_string(),
            })
        })
        .collect()
}

/// The keys a caller presses for a spoken number such as "1, 8 hundred, flow err".
pub fn dial(spoken: &str) -> String {
    let mut keys = String::new();
    for part in spoken.split(", ") {
        match part.split(' ').collect::<Vec<_>>().as_slice() {
            [digit, "hundred"] => keys.push_str(&format!("{digit}00")),
            [digit, "thousand"] => keys.push_str(&format!("{digit}000")),
            words => {
                for word in words {
                    keys.extend(word.chars().filter_map(keypad));
                }
            }
        }
    }
    keys
}

/// The keypad digit of a letter or digit (ITU E.161 letters).
fn keypad(c: char) -> Option<char> {
    let pads = [
        "0", "1", "abc", "def", "ghi", "jkl", "mno", "pqrs", "tuv", "wxyz",
    ];
    if c.is_ascii_digit() {
        return Some(c);
    }
    let lower = c.to_ascii_lowercase();
    pads.iter()
        .position(|letters| letters.contains(lower))
        .and_then(|key| char::from_digit(key as u32, 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_start_goes_in_front_of_every_result() {
        let transcript = "\
[say-intro-and-shared-start] caller hears: Here they are. Each starts with 1, 8 hundred.
[say-results-1-to-2] caller hears: Number 1: flowers. Number 2: 3, lower, 7.";
        let numbers = spoken_numbers(transcript, "Each starts with {start}.");
        assert_eq!(
            numbers,
            ["1, 8 hundred, flowers", "1, 8 hundred, 3, lower, 7"]
        );
        assert_eq!(dial(&numbers[0]), "18003569377");
        let alone = "[say-result-1] caller hears: Number 1: 1, 2 0 6, car wash.";
        assert_eq!(
            spoken_numbers(alone, "Each starts with {start}."),
            ["1, 2 0 6, car wash"]
        );
        assert_eq!(dial("1, 2 0 6, car wash"), "12062279274");
    }
}
