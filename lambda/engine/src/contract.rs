//! The contract between the contact flow and the call-handler Lambda: what the flow passes in
//! (the `action` invocation parameter and its arguments) and which keys each action returns in
//! its flat string map. The renderer builds the flow from these names, the handler answers with
//! them, and the flow lint checks both directions against [`Invocation::returned_keys`]: every
//! `$.External.KEY` the flow reads after an invocation is a key that invocation returns, and
//! every key it returns is read somewhere after it.

/// Upper bound on how many results the Lambda may return (and the config may ask to store).
pub const MAX_RESULTS: usize = 10;

/// Invocation parameter (`Details.Parameters.action`) naming what the flow asks for; absent
/// means [`Invocation::Lookup`], so flows rendered before choosing existed keep working.
pub const ACTION: &str = "action";
/// Invocation parameter of [`Invocation::Choose`]: the rank the caller pressed, "1" to "9".
pub const CHOICE: &str = "choice";
/// Invocation parameter of [`Invocation::AnotherNumber`]: the digits the caller keyed in, as
/// the flow's Store customer input block left them in `$.StoredCustomerInput` (or "Timeout",
/// or nothing, when the caller keyed nothing).
pub const NUMBER: &str = "number";

/// Outcome of the lookup, one of [`Status::as_str`].
pub const STATUS: &str = "status";
/// How many vanity results follow, as a decimal string ("0" to "10").
pub const COUNT: &str = "count";
/// "true" when this caller's number has called before, "false" otherwise.
pub const RETURNING: &str = "returning";
/// What the caller's earlier calls left to remind them of, one of [`Remembered::as_str`].
pub const REMEMBERED: &str = "remembered";
/// The speakable form of the remembered number; present unless `remembered` is "NONE".
pub const LAST_SPOKEN: &str = "last_spoken";
/// "true" when at least two results follow and all start with the same country and area
/// code: the flow says that start once ([`PREFIX_SPOKEN`]) and each result as its
/// [`rest_key`]; "false" otherwise, and then each [`rest_key`] is the whole spoken form.
pub const PREFIX_SHARED: &str = "prefix_shared";
/// The shared start as spoken ("1, 2 0 6"); present only when [`PREFIX_SHARED`] is "true".
pub const PREFIX_SPOKEN: &str = "prefix_spoken";
/// Answer to [`Invocation::Choose`]: "true" when the choice is on the call's record (written
/// now, or by an earlier try of the same invocation), "false" when it could not be kept.
pub const CHOSEN: &str = "chosen";
/// Answer to [`Invocation::Choose`]: the speakable form of the kept number, present when
/// [`CHOSEN`] is "true", so the flow can confirm it without keeping the results anywhere.
pub const CHOSEN_SPOKEN: &str = "chosen_spoken";

/// Answer to [`Invocation::Lookup`] when the owner turned greeting on
/// (`caller_profiles.greet_by_first_name`): "true" when [`GREETING_NAME`] follows.
pub const GREET: &str = "greet";
/// The first name on the caller's profile, present when [`GREET`] is "true".
pub const GREETING_NAME: &str = "greeting_name";
/// Answer to [`Invocation::Lookup`] when the owner turned it on (`caller_profiles.say_why`):
/// "true" when [`WHY`] follows.
pub const SAY_WHY: &str = "say_why";
/// The profile word the first result holds (why it comes first), present when [`SAY_WHY`] is
/// "true".
pub const WHY: &str = "why";

/// Answer to [`Invocation::Lookup`] whenever Customer Profiles are on, and an invocation
/// parameter of [`Invocation::Choose`] the flow passes back from it (`$.External.favoured`):
/// "true" when the order the caller heard used their profile's words, "false" when it was the
/// plain order. The choice reads the pressed rank in that order, whatever its own profile
/// search answers (a search that fails at the lookup and answers at the choice would otherwise
/// read the rank in an order the caller never heard).
pub const FAVOURED: &str = "favoured";

/// The keys a lookup adds for the caller's profile: [`FAVOURED`] whenever profiles are `on`,
/// [`GREET`] and [`GREETING_NAME`] with `greet`, [`SAY_WHY`] and [`WHY`] with `say_why`; none
/// with profiles off. Not in [`Invocation::returned_keys_with`]: the flow lint adds them for a
/// config that turns them on.
pub fn profile_keys(on: bool, greet: bool, say_why: bool) -> Vec<String> {
    let mut keys = Vec::new();
    if on {
        keys.push(FAVOURED.to_string());
    }
    if greet {
        keys.extend([GREET.to_string(), GREETING_NAME.to_string()]);
    }
    if say_why {
        keys.extend([SAY_WHY.to_string(), WHY.to_string()]);
    }
    keys
}

/// The most results a caller can choose from: each is picked with its own keypad digit 1-9.
pub const MAX_CHOOSABLE: usize = 9;

/// What the flow asks the Lambda to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invocation {
    /// Find the caller's vanity numbers, record the call, say whether they called before.
    Lookup,
    /// Keep the result the caller chose (parameter [`CHOICE`]) on this call's record.
    Choose,
    /// Find the vanity numbers of a number the caller keyed in (parameter [`NUMBER`]). Stateless:
    /// it reads and writes no record, and its answer says nothing of earlier calls.
    AnotherNumber,
}

impl Invocation {
    pub const ALL: [Invocation; 3] = [
        Invocation::Lookup,
        Invocation::Choose,
        Invocation::AnotherNumber,
    ];

    /// The value of the [`ACTION`] parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Invocation::Lookup => "lookup",
            Invocation::Choose => "choose",
            Invocation::AnotherNumber => "another_number",
        }
    }

    /// The invocation an [`ACTION`] parameter names; `None` (no parameter) is a lookup.
    pub fn parse(action: Option<&str>) -> Option<Invocation> {
        match action {
            None => Some(Invocation::Lookup),
            Some(name) => Invocation::ALL.into_iter().find(|i| i.as_str() == name),
        }
    }

    /// Invocation parameters this action needs besides [`ACTION`].
    pub fn required_parameters(self) -> &'static [&'static str] {
        match self {
            Invocation::Lookup => &[],
            Invocation::Choose => &[CHOICE],
            Invocation::AnotherNumber => &[NUMBER],
        }
    }

    /// Every key this invocation can return when the Lambda returns up to `max_results` and
    /// tells returning callers the most there is ([`Recall::LastCall`]).
    pub fn returned_keys(self, max_results: usize) -> Vec<String> {
        self.returned_keys_with(max_results, Recall::LastCall)
    }

    /// Every key this invocation can return with up to `max_results` results and `recall`.
    /// The answer holds only what the flow says: each result as the flow speaks it
    /// ([`rest_key`]), never its display form, and the chosen number only in the choice's
    /// answer, so the flow needs no contact attribute to carry caller data between the calls.
    pub fn returned_keys_with(self, max_results: usize, recall: Recall) -> Vec<String> {
        match self {
            Invocation::Lookup => {
                let mut keys = vec![STATUS.to_string(), COUNT.to_string()];
                if recall.tells_returning() {
                    keys.push(RETURNING.to_string());
                }
                if recall.tells_last_call() {
                    keys.push(REMEMBERED.to_string());
                    keys.push(LAST_SPOKEN.to_string());
                }
                keys.push(PREFIX_SHARED.to_string());
                keys.push(PREFIX_SPOKEN.to_string());
                for rank in 1..=max_results.min(MAX_RESULTS) {
                    keys.push(rest_key(rank));
                }
                keys
            }
            Invocation::Choose => vec![CHOSEN.to_string(), CHOSEN_SPOKEN.to_string()],
            // The lookup's result keys, and nothing of earlier calls whatever `recall` says.
            Invocation::AnotherNumber => {
                Invocation::Lookup.returned_keys_with(max_results, Recall::Nothing)
            }
        }
    }
}

/// What the lookup found, as the flow compares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Results follow in `rest1..=count` (count may be 0 only for `NoMatches`).
    Ok,
    /// No words fit the number; `count` is "0".
    NoMatches,
    /// The caller's number was missing, anonymous or withheld.
    NoCallerId,
    /// The number was present but not a dialable phone number (too short, letters, ...).
    InvalidNumber,
    /// [`Invocation::AnotherNumber`] only: the caller keyed no digits (silence, or `#` alone).
    NoInput,
    /// [`Invocation::AnotherNumber`] only: fewer digits than any whole number (ten for the
    /// NANP; a country code and number elsewhere).
    TooShort,
    /// [`Invocation::AnotherNumber`] only: more digits than E.164's fifteen, once an
    /// international access prefix (`011`, `00`) is taken off.
    TooLong,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Ok,
        Status::NoMatches,
        Status::NoCallerId,
        Status::InvalidNumber,
        Status::NoInput,
        Status::TooShort,
        Status::TooLong,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::NoMatches => "NO_MATCHES",
            Status::NoCallerId => "NO_CALLER_ID",
            Status::InvalidNumber => "INVALID_NUMBER",
            Status::NoInput => "NO_INPUT",
            Status::TooShort => "TOO_SHORT",
            Status::TooLong => "TOO_LONG",
        }
    }
}

/// What a returning caller is reminded of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remembered {
    /// The number they chose on their latest call that has a choice.
    Choice,
    /// They never chose: the best result of their latest earlier call.
    Best,
    /// A new caller, or earlier calls without results.
    Nothing,
}

impl Remembered {
    pub const ALL: [Remembered; 3] = [Remembered::Choice, Remembered::Best, Remembered::Nothing];

    pub fn as_str(self) -> &'static str {
        match self {
            Remembered::Choice => "CHOICE",
            Remembered::Best => "BEST",
            Remembered::Nothing => "NONE",
        }
    }
}

/// What a returning caller is told about their earlier calls (vanity.yaml
/// `returning_callers.recall`). The caller id that decides "returning" can be spoofed and is
/// shared behind a PBX, so each step up tells whoever calls as a number more about that
/// number's earlier calls; the handler leaves out of its answer what the flow will not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Recall {
    /// Nothing: every caller is treated as new, and the answer says nothing of earlier calls.
    #[default]
    Nothing,
    /// "Welcome back" only: the answer has [`RETURNING`], never a number from an earlier call.
    Welcome,
    /// "Welcome back", then the number chosen (or heard first) on the latest earlier call:
    /// the answer has [`RETURNING`], [`REMEMBERED`] and [`LAST_SPOKEN`].
    LastCall,
}

impl Recall {
    pub const ALL: [Recall; 3] = [Recall::Nothing, Recall::Welcome, Recall::LastCall];

    /// The name in vanity.yaml and in the handler's environment.
    pub fn as_str(self) -> &'static str {
        match self {
            Recall::Nothing => "none",
            Recall::Welcome => "welcome",
            Recall::LastCall => "last_call",
        }
    }

    pub fn parse(name: &str) -> Option<Recall> {
        Recall::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// Whether the lookup's answer says the caller called before.
    pub fn tells_returning(self) -> bool {
        self != Recall::Nothing
    }

    /// Whether the lookup's answer names a number from an earlier call.
    pub fn tells_last_call(self) -> bool {
        self == Recall::LastCall
    }
}

/// Key of what the flow says for result `rank` (1-based) after the shared start: "car wash"
/// when [`PREFIX_SHARED`] is "true", the whole spoken form ("1, 2 0 6, car wash") otherwise.
/// Plain text meant to go inside the flow's SSML, with words in lower case and leftover
/// digits spaced so they are read one by one.
pub fn rest_key(rank: usize) -> String {
    format!("rest{rank}")
}

/// Every key the Lambda can return for any invocation, with up to `max_results` results.
pub fn returned_keys(max_results: usize) -> Vec<String> {
    Invocation::ALL
        .iter()
        .flat_map(|invocation| invocation.returned_keys(max_results))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_cover_every_rank_and_nothing_more() {
        let keys = Invocation::Lookup.returned_keys(5);
        assert!(keys.contains(&"rest1".to_string()));
        assert!(keys.contains(&"rest5".to_string()));
        assert!(!keys.contains(&"rest6".to_string()));
        assert!(!keys.contains(&CHOSEN.to_string()));
        assert_eq!(keys.len(), 7 + 5);
        assert_eq!(
            Invocation::Choose.returned_keys(5),
            vec![CHOSEN.to_string(), CHOSEN_SPOKEN.to_string()]
        );
        let another = Invocation::AnotherNumber.returned_keys(5);
        assert!(!another.contains(&RETURNING.to_string()));
        assert!(!another.contains(&LAST_SPOKEN.to_string()));
        assert!(another.contains(&"rest5".to_string()));
        assert_eq!(returned_keys(5).len(), keys.len() + 2 + another.len());
    }

    #[test]
    fn recall_decides_what_the_lookup_tells_about_earlier_calls() {
        let lookup = |recall| Invocation::Lookup.returned_keys_with(3, recall);
        let has = |keys: &Vec<String>, key: &str| keys.iter().any(|k| k == key);
        let nothing = lookup(Recall::Nothing);
        assert!(!has(&nothing, RETURNING) && !has(&nothing, REMEMBERED));
        assert!(!has(&nothing, LAST_SPOKEN));
        let welcome = lookup(Recall::Welcome);
        assert!(has(&welcome, RETURNING) && !has(&welcome, REMEMBERED));
        assert!(!has(&welcome, LAST_SPOKEN));
        let last = lookup(Recall::LastCall);
        assert!(has(&last, RETURNING) && has(&last, REMEMBERED) && has(&last, LAST_SPOKEN));
        for recall in Recall::ALL {
            assert_eq!(Recall::parse(recall.as_str()), Some(recall));
        }
        assert_eq!(Recall::parse("all"), None);
    }

    #[test]
    fn names_are_distinct_and_parse_back() {
        let mut names: Vec<_> = Status::ALL.iter().map(|s| s.as_str()).collect();
        names.extend(Remembered::ALL.iter().map(|r| r.as_str()));
        let total = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), total);
        for invocation in Invocation::ALL {
            assert_eq!(
                Invocation::parse(Some(invocation.as_str())),
                Some(invocation)
            );
        }
        assert_eq!(Invocation::parse(None), Some(Invocation::Lookup));
        assert_eq!(Invocation::parse(Some("delete")), None);
    }
}
