//! What a caller hears and does with it: the vanity numbers a call transcript speaks, and the
//! keys a caller presses for one. A keypad of its own (ITU E.161), so a test checks the
//! engine's spelling against something the engine did not compute.

/// The vanity numbers spoken in a transcript's `[say-result...]` lines (as `connect-vanity call`
/// prints it), in order, as spoken: "Number 2: 1, 8 hundred, flow err." gives
/// "1, 8 hundred, flow err".
pub fn results(transcript: &str) -> Vec<&str> {
    transcript
        .lines()
        .filter(|line| line.starts_with("[say-result"))
        .filter_map(|line| line.split_once("caller hears: ").map(|(_, heard)| heard))
        .flat_map(|heard| heard.split_terminator(". "))
        .filter_map(|result| result.split_once(": ").map(|(_, spoken)| spoken))
        .map(|result| result.trim_end_matches('.'))
        .collect()
}

/// The keys a caller presses for a spoken result such as "1, 8 hundred, flow err": digits as
/// said, "N hundred" and "N thousand" as N00 and N000, each letter as its keypad digit.
pub fn dial(spoken: &str) -> String {
    let mut keys = String::new();
    for part in spoken.split(", ") {
        let words: Vec<&str> = part.split(' ').collect();
        match words.as_slice() {
            [digit, "hundred"] => keys.push_str(&format!("{digit}00")),
            [digit, "thousand"] => keys.push_str(&format!("{digit}000")),
            _ => {
                for word in words {
                    keys.extend(word.chars().filter_map(key));
                }
            }
        }
    }
    keys
}

/// The key for a digit or a letter of either case; `None` for anything else.
pub fn key(c: char) -> Option<char> {
    let key = match c.to_ascii_lowercase() {
        d @ '0'..='9' => d,
        'a'..='c' => '2',
        'd'..='f' => '3',
        'g'..='i' => '4',
        'j'..='l' => '5',
        'm'..='o' => '6',
        'p'..='s' => '7',
        't'..='v' => '8',
        'w'..='z' => '9',
        _ => return None,
    };
    Some(key)
}
