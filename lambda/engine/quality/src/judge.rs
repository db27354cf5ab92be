//! The blind judge: whether a result reads as one familiar word with digits or as a phrase
//! people say, decided with data the ranking does not use (built by
//! `scripts/build-phrases.py`, described in `data/README.md`):
//!
//! - familiar: the word is among the 30,000 most used words of OpenSubtitles 2018 (film and TV
//!   dialogue; `data/judge/familiar.txt`), where the ranking uses wordfreq and SCOWL;
//! - a phrase: each adjacent pair occurs in WordNet 3.0's glosses, examples or multi-word
//!   lemmas, or is one OpenSubtitles word written apart (`data/judge/phrases.txt`), where the
//!   ranking uses a web corpus's bigram counts.
//!
//! And the category judge: words, pairs and threats read straight from the source files
//! (`data/categories.tsv`, `data/threats.tsv`), not through the flags the engine compiles.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use vanity_engine::{dictionary, tags};

const FAMILIAR: &str = include_str!("../../../../data/judge/familiar.txt");
const PHRASES: &str = include_str!("../../../../data/judge/phrases.txt");
const CATEGORIES: &str = include_str!("../../../../data/categories.tsv");
const THREATS: &str = include_str!("../../../../data/threats.tsv");

struct Data {
    familiar: HashSet<&'static str>,
    phrases: HashSet<(&'static str, &'static str)>,
    /// Word or "first second" -> category name.
    categories: HashMap<&'static str, &'static str>,
    threats: HashSet<&'static str>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let lines = |text: &'static str| {
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
        };
        Data {
            familiar: lines(FAMILIAR).collect(),
            phrases: lines(PHRASES).filter_map(|l| l.split_once(' ')).collect(),
            categories: lines(CATEGORIES)
                .filter_map(|l| {
                    let mut f = l.split('\t');
                    Some((f.next()?, f.next()?))
                })
                .collect(),
            threats: lines(THREATS).collect(),
        }
    })
}

/// The groups of a result's letters: words (lower case) and digit runs, in order, from its
/// letters and its word list (words appear in order; what lies between them is digits).
pub fn groups(letters: &str, words: &[String]) -> Option<Vec<(bool, String)>> {
    let lower = letters.to_ascii_lowercase();
    let mut at = 0;
    let mut out = Vec::new();
    for word in words {
        let start = at + lower.get(at..)?.find(word.as_str())?;
        if start > at {
            out.push((false, lower[at..start].to_string()));
        }
        out.push((true, word.clone()));
        at = start + word.len();
    }
    if at < lower.len() {
        out.push((false, lower[at..].to_string()));
    }
    Some(out)
}

/// One familiar word of 3+ letters with digits, or one run of familiar words whose every
/// adjacent pair is attested, with digits.
pub fn reads_well(letters: &str, words: &[String]) -> bool {
    let data = data();
    let Some(groups) = groups(letters, words) else {
        return false;
    };
    // Words form one run: no digits between two words.
    let first = groups.iter().position(|g| g.0);
    let last = groups.iter().rposition(|g| g.0);
    let (Some(first), Some(last)) = (first, last) else {
        return false;
    };
    if groups[first..=last].iter().any(|g| !g.0) {
        return false;
    }
    if !words.iter().all(|w| data.familiar.contains(w.as_str())) {
        return false;
    }
    if words.len() == 1 {
        return words[0].len() >= 3;
    }
    words
        .windows(2)
        .all(|w| data.phrases.contains(&(w[0].as_str(), w[1].as_str())))
}

/// The category of the first word, pair or threat in the result, judged from the source files.
pub fn category(words: &[String], adjacent: &[bool]) -> Option<&'static str> {
    let data = data();
    for word in words {
        if let Some(c) = data.categories.get(word.as_str()) {
            return Some(c);
        }
    }
    // A word of 4+ letters read across two adjacent words (GO-RED reads GORE).
    for (k, pair) in words.windows(2).enumerate() {
        if !adjacent.get(k).copied().unwrap_or(false) {
            continue;
        }
        let joined = format!("{}{}", pair[0], pair[1]);
        let cut = pair[0].len();
        for start in 0..cut {
            for end in (cut + 1).max(start + 4)..=joined.len() {
                if let Some(c) = data.categories.get(&joined[start..end]) {
                    return Some(c);
                }
            }
        }
    }
    for (k, pair) in words.windows(2).enumerate() {
        if !adjacent.get(k).copied().unwrap_or(false) {
            continue;
        }
        let joined = format!("{} {}", pair[0], pair[1]);
        if let Some(c) = data.categories.get(joined.as_str()) {
            return Some(c);
        }
        let person =
            dictionary::exact_word(&pair[1]).is_some_and(|e| e.is(tags::OBJECT | tags::PERSON));
        if data.threats.contains(pair[0].as_str()) && person {
            return Some("threat");
        }
    }
    None
}

/// Whether each pair of consecutive words stands next to each other (no digits between).
pub fn adjacency(letters: &str, words: &[String]) -> Vec<bool> {
    let Some(groups) = groups(letters, words) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut previous_word = false;
    let mut seen_word = false;
    for (is_word, _) in &groups {
        if *is_word && seen_word {
            out.push(previous_word);
        }
        seen_word |= *is_word;
        previous_word = *is_word;
    }
    out
}

/// Every category name the judge reports, with "threat" for the threat rule.
pub const CATEGORY_NAMES: [&str; 8] = [
    "violence", "death", "drugs", "sexual", "hate", "identity", "negative", "threat",
];
