//! Nothing a business would regret: the never-offer categories, the owner's choice of which to
//! allow, and the check of one result against them.
//!
//! Every word of `data/categories.tsv` belongs to one [`Category`] (sources and rules in
//! `scripts/build-categories.py` and `data/README.md`); a word pair can be blocked as a phrase
//! too. By default every category is blocked ([`Allowed::NONE`]); an owner can allow some
//! (a gun shop allows `violence` and gets GUN). Two things are never offered whatever the
//! owner allows: the blocklist (profanity, slurs: `blocklist`) and a threat (a verb of harm
//! directly followed by a person, the threat rule below). A category word of four or more
//! letters read across the boundary of two words (GO-RED reads GORE) counts as that word.
//! This module does not know the dictionary's layout; it reads each word's compiled flags.

use crate::category_names::{self, CATEGORY_MASK, THREAT_VERB};
use crate::dictionary::Entry;
use crate::tags;

/// A kind of word a business would not want read to its callers unless it chose to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Violence, weapons, war and crime: GUN, BOMB, MURDER, MACE, JIHAD, THEFT.
    Violence,
    /// Death, disease and self-harm: DEAD, SUICIDE, COFFIN, LEPROSY.
    Death,
    /// Drugs and intoxication: DRUG, HEROIN, DRUNK, INJECT.
    Drugs,
    /// Sexual terms: NAKED, LUST; two-word phrases such as BLOW-JOB.
    Sexual,
    /// Hate, insults, slurs and profanity: HATE, SCUMBAG, IDIOT, SLAVE, NIP, COCKY, DEMONS.
    Hate,
    /// Identity terms used as labels: religion, ethnicity, nationality, sexuality (JEW, GAY).
    Identity,
    /// Any other strongly negative word (VADER valence -2.5 or lower: WORST, DISASTER) and
    /// disgust (bodily waste, filth, contamination: VOMIT, FILTH, TAINT).
    Negative,
}

impl Category {
    /// Every category, in order.
    pub const ALL: [Category; 7] = [
        Category::Violence,
        Category::Death,
        Category::Drugs,
        Category::Sexual,
        Category::Hate,
        Category::Identity,
        Category::Negative,
    ];

    /// Every valid name, in the order of [`Category::ALL`]: what a config may list.
    pub const NAMES: [&'static str; 7] = category_names::NAMES;

    /// The name an owner writes to allow it: "violence", "death", ...
    pub fn name(self) -> &'static str {
        category_names::NAMES[self as usize]
    }

    /// The category compiled in as `number` (index plus one); `None` for 0 and unknown ones.
    fn from_number(number: u8) -> Option<Category> {
        Category::ALL
            .get(usize::from(number).checked_sub(1)?)
            .copied()
    }

    /// The category of a dictionary word, if it is in one.
    pub fn of(entry: &Entry) -> Option<Category> {
        Category::from_number(entry.flags & CATEGORY_MASK)
    }

    /// The category of the word pair `first second` when it is blocked as a phrase.
    pub fn of_pair(first: &Entry, second: &Entry) -> Option<Category> {
        Category::from_number(crate::dictionary::pair_category(first.id, second.id))
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a category.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown category {name:?}, expected one of: violence, death, drugs, sexual, hate, identity, negative")]
pub struct UnknownCategory {
    /// The name as given.
    pub name: String,
}

impl std::str::FromStr for Category {
    type Err = UnknownCategory;

    /// Exact lower-case names only ("violence"), as listed in [`Category::NAMES`].
    fn from_str(name: &str) -> Result<Category, UnknownCategory> {
        category_names::number(name)
            .and_then(Category::from_number)
            .ok_or_else(|| UnknownCategory {
                name: name.to_string(),
            })
    }
}

/// The categories an owner allows; every other one is blocked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Allowed(u8);

impl Allowed {
    /// Nothing allowed: every category blocked (the default).
    pub const NONE: Allowed = Allowed(0);

    /// These categories allowed.
    pub fn of(categories: impl IntoIterator<Item = Category>) -> Allowed {
        categories
            .into_iter()
            .fold(Allowed::NONE, |set, c| set.with(c))
    }

    /// This set and `category`.
    pub fn with(self, category: Category) -> Allowed {
        Allowed(self.0 | 1 << (category as u8))
    }

    /// Whether `category` is allowed.
    pub fn allows(self, category: Category) -> bool {
        self.0 & 1 << (category as u8) != 0
    }

    /// The allowed categories, in the order of [`Category::ALL`].
    pub fn categories(self) -> impl Iterator<Item = Category> {
        Category::ALL.into_iter().filter(move |c| self.allows(*c))
    }

    /// The set named by `names` (as a config or an environment variable lists them); the
    /// first unknown name is the error.
    pub fn from_names<'a>(
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<Allowed, UnknownCategory> {
        names
            .into_iter()
            .map(str::parse::<Category>)
            .collect::<Result<Vec<_>, _>>()
            .map(Allowed::of)
    }

    /// Whether this word may be offered: its category, if any, is allowed.
    pub(crate) fn word(self, entry: &Entry) -> bool {
        Category::of(entry).is_none_or(|c| self.allows(c))
    }

    /// Whether the adjacent pair may be offered: not a blocked phrase of a category the owner
    /// has not allowed, and not a threat.
    pub(crate) fn pair(self, first: &Entry, second: &Entry) -> bool {
        !is_threat(first, second) && Category::of_pair(first, second).is_none_or(|c| self.allows(c))
    }
}

/// The threat rule: a verb of harm (`data/threats.tsv`) directly followed by a person, an
/// object pronoun (ME, YOU, HIM) or a noun whose most frequent sense is a person (COP, KID).
/// KILL-YOU, SHOOT-ME, HIT-KID; never offered, whatever the owner allows.
pub fn is_threat(first: &Entry, second: &Entry) -> bool {
    first.flags & THREAT_VERB != 0 && second.is(tags::OBJECT | tags::PERSON)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::exact_word;

    fn entry(word: &str) -> Entry {
        exact_word(word).unwrap_or_else(|| panic!("{word} is not in the dictionary"))
    }

    #[test]
    fn names_parse_back_and_unknown_names_are_errors() {
        for category in Category::ALL {
            assert_eq!(category.name().parse::<Category>(), Ok(category));
            assert_eq!(category.to_string(), category.name());
        }
        assert_eq!(Category::NAMES.len(), Category::ALL.len());
        let error = "weapons".parse::<Category>().unwrap_err();
        assert_eq!(error.name, "weapons");
        assert!(error.to_string().contains("violence, death"), "{error}");
        assert!("Violence".parse::<Category>().is_err(), "names are exact");
        let set = Allowed::from_names(["violence", "drugs"]);
        assert_eq!(set, Ok(Allowed::of([Category::Violence, Category::Drugs])));
        let names: Vec<_> = set.map(|s| s.categories().collect()).unwrap_or_default();
        assert_eq!(names, [Category::Violence, Category::Drugs]);
        assert_eq!(
            Allowed::from_names(["violence", "guns"]).map_err(|e| e.name),
            Err("guns".to_string())
        );
    }

    #[test]
    fn words_are_blocked_unless_their_category_is_allowed() {
        // (word, its category)
        let cases = [
            ("gun", Category::Violence),
            ("suicide", Category::Death),
            ("heroin", Category::Drugs),
            ("naked", Category::Sexual),
            ("scumbag", Category::Hate),
            ("gay", Category::Identity),
            ("worst", Category::Negative),
        ];
        for (word, category) in cases {
            let e = entry(word);
            assert_eq!(Category::of(&e), Some(category), "{word}");
            assert!(!Allowed::NONE.word(&e), "{word} blocked by default");
            assert!(Allowed::of([category]).word(&e), "{word} allowed");
            let others = Allowed::of(Category::ALL.into_iter().filter(|c| *c != category));
            assert!(!others.word(&e), "{word} needs its own category");
        }
        assert!(Allowed::NONE.word(&entry("car")));
    }

    #[test]
    fn a_verb_of_harm_before_a_person_is_a_threat_whatever_is_allowed() {
        let everything = Allowed::of(Category::ALL);
        for (verb, person) in [
            ("kill", "you"),
            ("shoot", "me"),
            ("hit", "kid"),
            ("kill", "cop"),
        ] {
            let (v, p) = (entry(verb), entry(person));
            assert!(is_threat(&v, &p), "{verb} {person}");
            assert!(!everything.pair(&v, &p), "{verb} {person}");
        }
        // Not a person, or not a verb of harm: no threat.
        for (first, second) in [("kill", "time"), ("call", "me"), ("hit", "list")] {
            assert!(
                !is_threat(&entry(first), &entry(second)),
                "{first} {second}"
            );
        }
    }

    #[test]
    fn phrases_from_the_published_list_are_blocked_as_pairs() {
        let pairs: Vec<_> = crate::dictionary::blocked_pairs().collect();
        assert!(!pairs.is_empty());
        for (first, second, _) in &pairs {
            assert!(!Allowed::NONE.pair(first, second));
            let category = Category::of_pair(first, second);
            assert!(category.is_some());
            // A threat stays out whatever is allowed (HIT MAN: a verb of harm, a person).
            if !is_threat(first, second) {
                assert!(Allowed::of(category).pair(first, second));
            }
        }
    }

    #[test]
    fn slurs_of_two_words_are_blocked_as_hate_whatever_the_words_are() {
        // cuss's two-word slurs; pair lists attest some (a thesaurus names HALF BREED, the
        // language model holds TAR BABY and UNCLE TOM) and ROBBER alone is `violence`.
        for (first, second) in [
            ("tar", "baby"),
            ("uncle", "tom"),
            ("half", "breed"),
            ("bum", "robber"),
        ] {
            let (first, second) = (entry(first), entry(second));
            assert_eq!(
                Category::of_pair(&first, &second).map(Category::name),
                Some("hate"),
                "{} {}",
                first.word,
                second.word
            );
            assert!(!Allowed::of([Category::Violence]).pair(&first, &second));
        }
    }
}
