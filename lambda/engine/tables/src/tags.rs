//! What kind of word a dictionary entry is: its parts of speech and a few kinds the score and
//! the speech care about, as bits of a `u16`, one letter each in `data/words.tsv`.
//!
//! The letters are written by `scripts/build-dictionary.py` (parts of speech from WordNet,
//! closed word classes and archaic forms from lists in that script, capitalised words and
//! acronyms from SCOWL). The engine's build script parses them with [`parse`].

/// `n`: a noun (WordNet).
pub const NOUN: u16 = 1 << 0;
/// `v`: a verb.
pub const VERB: u16 = 1 << 1;
/// `a`: an adjective.
pub const ADJECTIVE: u16 = 1 << 2;
/// `r`: an adverb.
pub const ADVERB: u16 = 1 << 3;
/// `d`: an article, determiner or possessive (the, my, our): needs a word after it.
pub const DETERMINER: u16 = 1 << 4;
/// `o`: an object pronoun (me, us, him).
pub const OBJECT: u16 = 1 << 5;
/// `t`: a verb with a sense that takes a person as object (CALL-ME, HELP-US; YAWN does not),
/// from WordNet's verb frames.
pub const TAKES_PERSON: u16 = 1 << 13;
/// `p`: a noun whose most frequent WordNet sense names a person (cop, kid, boss): the threat
/// rule's object (KILL-COP).
pub const PERSON: u16 = 1 << 14;
/// `e`: a preposition that opens a phrase before a noun (IN-BED, ON-TIME, FOR-SALE); also `f`.
pub const PREPOSITION: u16 = 1 << 15;
/// `s`: a subject pronoun (she, we, they); "you" and "it" are both.
pub const SUBJECT: u16 = 1 << 12;
/// `f`: a preposition, conjunction or auxiliary (of, and, is).
pub const FUNCTION: u16 = 1 << 6;
/// `i`: an inflected form whose base WordNet knows (plurals, past tenses) and which is not a
/// base form itself.
pub const INFLECTED: u16 = 1 << 7;
/// `x`: an archaic form (thy, hath).
pub const ARCHAIC: u16 = 1 << 8;
/// `c`: a capitalised common word (April, Christmas).
pub const CAPITALISED: u16 = 1 << 9;
/// `k`: an acronym (USA), spoken letter by letter.
pub const ACRONYM: u16 = 1 << 10;
/// `j`: a one-letter connector (A, I), only ever placed between two words.
pub const CONNECTOR: u16 = 1 << 11;

/// Every tag and its letter in `data/words.tsv`.
pub const LETTERS: [(u8, u16); 16] = [
    (b'n', NOUN),
    (b'v', VERB),
    (b'a', ADJECTIVE),
    (b'r', ADVERB),
    (b'd', DETERMINER),
    (b'o', OBJECT),
    (b's', SUBJECT),
    (b't', TAKES_PERSON),
    (b'p', PERSON),
    (b'e', PREPOSITION),
    (b'f', FUNCTION),
    (b'i', INFLECTED),
    (b'x', ARCHAIC),
    (b'c', CAPITALISED),
    (b'k', ACRONYM),
    (b'j', CONNECTOR),
];

/// The bits for a string of tag letters; the first unknown letter as the error.
pub fn parse(letters: &str) -> Result<u16, char> {
    let mut bits = 0;
    for letter in letters.bytes() {
        let Some((_, bit)) = LETTERS.iter().find(|(l, _)| *l == letter) else {
            return Err(char::from(letter));
        };
        bits |= bit;
    }
    Ok(bits)
}

/// Content words: the ones a phrase can end on and a listener remembers.
pub const CONTENT: u16 = NOUN | VERB | ADJECTIVE | ADVERB;
