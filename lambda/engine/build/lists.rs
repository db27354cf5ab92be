//! The build script's second half: the never-offer categories (`data/categories.tsv`), the
//! threat rule's verbs (`data/threats.tsv`) and the attested word pairs (`data/bigrams.tsv`,
//! a web corpus's counts, `data/compounds.tsv`, a thesaurus's two-word entries, and
//! `data/lm-pairs.tsv`, a language model's collocations and held pattern pairs), compiled
//! against the word order `main.rs` settled on (a word's id is its index there).
//!
//! Output, appended to `dictionary.rs`:
//! - `FLAGS[id]`: the word's category number (see `vanity_tables::category_names`) in the low bits,
//!   `THREAT_VERB` for a verb of harm;
//! - `NEXT_AT[id]..NEXT_AT[id + 1]`: where the attested successors of word `id` sit in `NEXT`
//!   (their ids, ascending) and `NEXT_ZIPF` (each pair's bigram Zipf x 10), so "which words
//!   that dial these digits may follow this word" is one binary search over a short slice;
//! - `PAIR_CATEGORY`: word pairs that are blocked as a phrase, `(first << 16 | second, number)`,
//!   sorted.

use crate::{category_names, tags};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use vanity_tables::phrases::{EVERYDAY_ZIPF, HELD_ZIPF10, LISTED_FLOOR_ZIPF10};

/// A word's id by its spelling; ids are the positions `main.rs` sorted the words into.
type Ids<'a> = HashMap<&'a str, u16>;

/// The files of attested pairs, each `FIRST<TAB>SECOND<TAB>ZIPF10`: a pair in several keeps its
/// highest value.
pub const PAIR_FILES: [&str; 3] = ["bigrams.tsv", "compounds.tsv", "lm-pairs.tsv"];
/// How many of [`PAIR_FILES`], from the first, show how words are used and so which
/// adjectives are modifiers: the language model's file is read after the marking, as a list
/// of collocations and held pairs says what may follow a word, not what mostly does.
const USAGE_FILES: usize = 2;

/// Reads the lists, checks them against `words` and appends their tables to `out`.
/// `kinds[id]` is each word's tags and Zipf x 10, for [`mark_modifiers`].
pub fn write(
    out: &mut String,
    words: &[&str],
    kinds: &[(u16, u8)],
    data: &Path,
) -> Result<(), String> {
    if words.len() > usize::from(u16::MAX) {
        return Err(format!("{} words do not fit 16-bit ids", words.len()));
    }
    let ids: Ids = words
        .iter()
        .enumerate()
        .map(|(i, w)| (*w, i as u16))
        .collect();
    let mut flags = vec![0u8; words.len()];
    let pair_category = read_categories(&data.join("categories.tsv"), &ids, &mut flags)?;
    read_threats(&data.join("threats.tsv"), &ids, &mut flags)?;
    read_downbeat(&data.join(DOWNBEAT_FILE), &ids, &mut flags)?;
    let mut next = vec![Vec::new(); words.len()];
    // The usage lists hold Zipf values from their floor, 2.0, up; the language model's file
    // its floor value for a collocation and HELD_ZIPF10 (1) for a held pair, which nothing
    // else may use: the engine tells a held pair by that value alone.
    for name in &PAIR_FILES[..USAGE_FILES] {
        read_bigrams(
            &data.join(name),
            LISTED_FLOOR_ZIPF10..=u8::MAX,
            &ids,
            &mut next,
        )?;
    }
    mark_modifiers(&next, kinds, &mut flags);
    for name in &PAIR_FILES[USAGE_FILES..] {
        read_bigrams(
            &data.join(name),
            HELD_ZIPF10..=LISTED_FLOOR_ZIPF10,
            &ids,
            &mut next,
        )?;
    }

    crate::write_array(out, "pub static FLAGS: [u8; WORD_COUNT]", &flags, 32);
    write_successors(out, next);
    write_pair_categories(out, &pair_category);
    Ok(())
}

/// Sets each listed word's category in `flags`; returns the listed pairs, `first << 16 | second`.
fn read_categories(path: &Path, ids: &Ids, flags: &mut [u8]) -> Result<BTreeMap<u32, u8>, String> {
    let mut pair_category: BTreeMap<u32, u8> = BTreeMap::new();
    for (at, line) in lines(path)? {
        let mut fields = line.split('\t');
        let (Some(entry), Some(name)) = (fields.next(), fields.next()) else {
            return Err(format!("{at}: expected WORD<TAB>CATEGORY<TAB>SOURCE"));
        };
        let number = category_names::number(name).ok_or_else(|| {
            format!(
                "{at}: unknown category {name:?}, expected one of {:?}",
                category_names::NAMES
            )
        })?;
        let id = |word: &str| {
            ids.get(word)
                .copied()
                .ok_or_else(|| format!("{at}: {word:?} is not in data/words.tsv"))
        };
        match entry.split_once(' ') {
            Some((first, second)) => {
                let key = u32::from(id(first)?) << 16 | u32::from(id(second)?);
                pair_category.insert(key, number);
            }
            None => {
                let slot = &mut flags[usize::from(id(entry)?)];
                if *slot & category_names::CATEGORY_MASK != 0 {
                    return Err(format!("{at}: {entry:?} is listed twice"));
                }
                *slot |= number;
            }
        }
    }
    Ok(pair_category)
}

/// An adjective is a modifier when at least this share of the pairs the lists hold it first
/// in, and at least [`MODIFIER_MIN_NOUNS`] of them, put an everyday noun after it: BLUE
/// (30 of 42), BAD (57 of 83); not SURE (8 of 59: "sure that"), FIT (2 of 32), SET (34 of 97).
const MODIFIER_SHARE: f64 = 0.6;
const MODIFIER_MIN_NOUNS: usize = 20;

/// Sets `MODIFIER` in `flags` for each adjective the pair lists show mostly before everyday
/// nouns (see [`MODIFIER_SHARE`]).
fn mark_modifiers(next: &[Vec<(u16, u8)>], kinds: &[(u16, u8)], flags: &mut [u8]) {
    let closed = tags::FUNCTION
        | tags::DETERMINER
        | tags::OBJECT
        | tags::SUBJECT
        | tags::CONNECTOR
        | tags::CAPITALISED
        | tags::ACRONYM;
    let everyday_noun = |id: u16| {
        let (t, zipf) = kinds[usize::from(id)];
        t & tags::NOUN != 0 && t & closed == 0 && zipf >= EVERYDAY_ZIPF
    };
    for (id, successors) in next.iter().enumerate() {
        if kinds[id].0 & tags::ADJECTIVE == 0 || kinds[id].0 & closed != 0 {
            continue;
        }
        let mut ids: Vec<u16> = successors.iter().map(|s| s.0).collect();
        ids.sort_unstable();
        ids.dedup();
        let nouns = ids.iter().filter(|s| everyday_noun(**s)).count();
        if nouns >= MODIFIER_MIN_NOUNS && nouns as f64 >= MODIFIER_SHARE * ids.len() as f64 {
            flags[id] |= category_names::MODIFIER;
        }
    }
}

/// Marks each verb of harm in `flags` with `THREAT_VERB`.
fn read_threats(path: &Path, ids: &Ids, flags: &mut [u8]) -> Result<(), String> {
    for (at, line) in lines(path)? {
        let id = ids
            .get(line.as_str())
            .ok_or_else(|| format!("{at}: {line:?} is not in data/words.tsv"))?;
        flags[usize::from(*id)] |= category_names::THREAT_VERB;
    }
    Ok(())
}

/// The downbeat words, `word<TAB>source` (scripts/build-downbeat.py).
pub const DOWNBEAT_FILE: &str = "downbeat.tsv";

/// Marks each downbeat word in `flags` with `DOWNBEAT`. A word in a never-offer category is
/// refused: it is never offered by default, and the two lists must not disagree on it.
fn read_downbeat(path: &Path, ids: &Ids, flags: &mut [u8]) -> Result<(), String> {
    for (at, line) in lines(path)? {
        let (word, source) = line
            .split_once('\t')
            .ok_or_else(|| format!("{at}: expected word<TAB>source, got {line:?}"))?;
        // "vader -N.N" (a negative mean valence) or "curated".
        let valid = source == "curated"
            || source
                .strip_prefix("vader ")
                .and_then(|v| v.parse::<f64>().ok())
                .is_some_and(|v| (-4.0..0.0).contains(&v));
        if !valid {
            return Err(format!(
                "{at}: source {source:?} of {word:?} is neither \"vader\" and a negative valence nor \"curated\""
            ));
        }
        let id = ids
            .get(word)
            .ok_or_else(|| format!("{at}: {word:?} is not in data/words.tsv"))?;
        let slot = &mut flags[usize::from(*id)];
        if *slot & category_names::CATEGORY_MASK != 0 {
            return Err(format!(
                "{at}: {word:?} is in a never-offer category already (data/categories.tsv)"
            ));
        }
        *slot |= category_names::DOWNBEAT;
    }
    Ok(())
}

/// Adds each word's attested successors `(id, bigram Zipf x 10)` in `path` to `next`, in file
/// order (not yet sorted).
fn read_bigrams(
    path: &Path,
    allowed: std::ops::RangeInclusive<u8>,
    ids: &Ids,
    next: &mut [Vec<(u16, u8)>],
) -> Result<(), String> {
    for (at, line) in lines(path)? {
        let mut fields = line.split('\t');
        let (Some(first), Some(second), Some(zipf), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(format!("{at}: expected FIRST<TAB>SECOND<TAB>ZIPF10"));
        };
        let word = |w: &str| {
            ids.get(w)
                .copied()
                .ok_or_else(|| format!("{at}: {w:?} is not in data/words.tsv"))
        };
        let zipf: u8 = zipf
            .parse()
            .map_err(|_| format!("{at}: bigram zipf {zipf:?} is not 0..=255"))?;
        if !allowed.contains(&zipf) {
            return Err(format!(
                "{at}: value {zipf} is not one this file may hold ({allowed:?})"
            ));
        }
        next[usize::from(word(first)?)].push((word(second)?, zipf));
    }
    Ok(())
}

/// `NEXT_AT`, `NEXT` and `NEXT_ZIPF`: the successors sorted by id, one per id, flattened.
fn write_successors(out: &mut String, mut next: Vec<Vec<(u16, u8)>>) {
    let mut at = Vec::with_capacity(next.len() + 1);
    let mut ids_out = Vec::new();
    let mut zipf_out = Vec::new();
    for successors in &mut next {
        // By id, the highest value first, so the dedup keeps it.
        successors.sort_unstable_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
        successors.dedup_by_key(|s| s.0);
        at.push(ids_out.len() as u32);
        for (id, zipf) in successors.iter() {
            ids_out.push(*id);
            zipf_out.push(*zipf);
        }
    }
    at.push(ids_out.len() as u32);
    crate::write_array(out, "pub static NEXT_AT: [u32; WORD_COUNT + 1]", &at, 16);
    let declaration = format!("pub static NEXT: [u16; {}]", ids_out.len());
    crate::write_array(out, &declaration, &ids_out, 16);
    let declaration = format!("pub static NEXT_ZIPF: [u8; {}]", zipf_out.len());
    crate::write_array(out, &declaration, &zipf_out, 32);
}

/// `PAIR_CATEGORY`: the blocked word pairs with their category number, sorted by key.
fn write_pair_categories(out: &mut String, pair_category: &BTreeMap<u32, u8>) {
    let _ = write!(
        out,
        "pub static PAIR_CATEGORY: [(u32, u8); {}] = [",
        pair_category.len()
    );
    for (key, number) in pair_category {
        let _ = write!(out, "({key}, {number}),");
    }
    out.push_str("];\n");
}

/// The data lines of `path` (no comments, no blank lines), each with its `file:line`.
fn lines(path: &Path) -> Result<Vec<(String, String)>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| {
            (
                format!("{}:{}", path.display(), n + 1),
                l.trim().to_string(),
            )
        })
        .collect())
}
