#!/usr/bin/env python3
"""Rebuild data/words.tsv, the vanity engine's dictionary, and data/capitalised.tsv.

Sources (all read from local files; nothing is fetched):

- SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson; Debian package `scowl`): which
  strings are English words, and their size level 10, 20, 35, 40, 50, 55, 60, 70, 80 (10 = among
  the most common). The `upper` and `abbreviations` lists give capitalised common words
  (Medicare, April) and acronyms (USA, FBI).
- wordfreq (Robyn Speer et al., PyPI `wordfreq`, data CC BY-SA 4.0): how often each word is
  used, as a Zipf value (log10 of uses per billion words; 7 = "the", 3 = once per million),
  mixed from subtitles, web text, Wikipedia, books and social media, so spoken use counts.
  SCOWL ranks spelling lists, not use: "meds" is SCOWL level 80 yet everyday speech.
- WordNet 3.0 (Princeton University; Debian package `wordnet-base`): the parts of speech of
  each word (index.noun/verb/adj/adv), and which words are inflected forms of another
  (*.exc exception lists, and the regular endings WordNet's own "morphy" strips).
- Function words (articles, pronouns, prepositions, conjunctions, auxiliaries) and a few
  archaic forms, listed below: WordNet does not cover closed word classes.

Kept (each rule is general; none is about a particular phone number):
- lower-case ASCII words of 3..=9 letters from the `english` and `american` lists at levels
  10..=60 used at least ZIPF_FLOOR, and from levels 70..=80 used at least ZIPF_LATE ("meds");
- two-letter words only from level 10, minus a few that read as abbreviations;
- "a" and "i", tagged as connectors (RENT-A-CAR): the engine only places them between words;
- capitalised words of 4..=9 letters from the `upper` lists up to level 40 and acronyms of
  3..=9 letters from the `abbreviations` lists up to level 50, used at least ZIPF_CAPITALISED,
  minus names of peoples and faiths (next to other words they can read as an insult); listed
  with their written form in data/capitalised.tsv;
- interjections (oh, hey) and question adverbs (why, how) get their class from short lists
  here, not from WordNet, whose entries for them are abbreviations and rare senses;
- never a word on data/blocklist.txt.

Columns of words.tsv: word, SCOWL level, Zipf x 10 (0..=80), tags. Tags, one letter each:
n v a r = noun, verb, adjective, adverb (WordNet, also through the base of an inflected form);
d = determiner or possessive (the, my); o = object pronoun (me); s = subject pronoun (she);
t = verb that takes a person as object (call, help; WordNet verb frames); p = noun whose most
frequent WordNet sense names a person (cop, kid, boss; lexicographer file noun.person, also
through the base of a plural), used by the engine's threat rule; e = preposition that opens a
phrase before a noun (in, on, for; not "of", which only completes a noun); f = preposition,
conjunction or auxiliary (of, and, is); i = inflected form (WordNet knows only its base);
x = archaic; c = capitalised word; k = acronym (spoken letter by letter); j = connector.

Usage: scripts/build-dictionary.py [SCOWL_DIR [WORDNET_DIR]]
Needs the Python package `wordfreq` (install it into a throwaway venv:
`python3 -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq`, then run this script with
/tmp/wf/bin/python). Writes data/words.tsv and data/capitalised.tsv; the output is sorted, so
a rebuild from the same inputs gives no diff. The engine's build needs none of these tools.
"""

import re
import sys
from pathlib import Path

from wordfreq import zipf_frequency

# wordnet_classes lives beside this script; no __pycache__ is left in scripts/.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import wordnet_classes  # noqa: E402

LEVELS = (10, 20, 35, 40, 50, 55, 60, 70, 80)
VARIANTS = ("english", "american")
MIN_LEN, MAX_LEN = 3, 9
# A word from SCOWL's lists up to level 60 must be used at all (drops "alb", "abaft"-like
# spelling-list entries nobody says); a word SCOWL only lists at 70/80 must be in everyday use.
ZIPF_FLOOR = 2.0
ZIPF_LATE = 3.5
LATE_LEVEL = 70
# Capitalised words and acronyms: only those in common use.
ZIPF_CAPITALISED = 3.5
# Capitalised words: SCOWL's `upper` lists up to level 40 (months, days, Christmas, Medicare;
# level 50 is mostly people's first and family names); acronyms up to level 50 (USA, DNA, ATM).
CAPITALISED_MAX_LEVEL = {"upper": 40, "abbreviations": 50}
# Level-10 two-letter entries that a caller would read as an abbreviation, not a word.
TWO_LETTER_DROP = {"cs", "pi", "re"}
CONNECTORS = ("a", "i")
WORD = re.compile(r"^[a-z]+$")
CAPITAL = re.compile(r"^[A-Z][a-z]+$")
ACRONYM = re.compile(r"^[A-Z]+$")

# Closed word classes (not in WordNet). d: determiners and possessives, which need a word
# after them; o: object pronouns; s: subject pronouns; f: prepositions, conjunctions,
# auxiliaries.
DETERMINERS = """the an this that these those my our your his her its their some any no every
each all both either neither""".split()
OBJECT_PRONOUNS = "me us you him her it them".split()
SUBJECT_PRONOUNS = "you it he she we they who what which whom whose".split()
# Prepositions (tag e as well as f): they open a phrase before a noun (IN-BED, ON-TIME), which
# conjunctions and auxiliaries do not.
PREPOSITIONS = """to in on at by for with from into onto upon over under about after before off
out up down near via per through across along among around behind below beneath beside
between beyond during except inside outside since till until toward towards within without
against""".split()
FUNCTION = """of to in on at by for with from into onto upon over under about after before off
out up down near via per than as through across along among around behind below beneath beside
between beyond during except inside outside since till until toward towards within without
against and or but nor so yet if is am are was were be been can will may must shall should
would could do does did has have had""".split()
# Archaic forms that are still frequent in text (scripture, poetry) but not how anyone
# advertises: ranked below plain words of the same frequency.
ARCHAIC = """thy thee thou thine hath doth ye ere nay yea shalt wilt art'st oft whence thence
hence whither thither hither betwixt amidst amongst unto wherefore hast dost canst wouldst
shouldst couldst mayst thyself verily forsooth alas anon""".split()
# Names of peoples, nationalities and faiths are left out of the capitalised list: next to
# another word they can read as an insult, and no business needs them in its number.
# The endings catch demonyms and faiths (American, British, Chinese, Catholic, Judaism,
# Israeli); the list catches the rest. A few harmless words go too (Pacific); that is the price
# of a rule that needs no judgement per word.
CAPITALISED_SKIP_ENDINGS = re.compile(r"(an|ans|ish|ese|ic|ics|ism|isms|ist|ists|i|is)$")
CAPITALISED_SKIP = set("""allah christ jesus god gods jew jews muslim muslims hindu hindus arab
arabs sikh sikhs gentile gentiles negro negroes islam hitler nazi nazis satan koran bible
mormon mormons quaker quakers zion greek greeks hebrew gop isis reich muhammad nsfw""".split())

# WordNet's "morphy" detachment rules and its part-of-speech files, as the category builder
# reads them too (one copy, in wordnet_classes.py).
MORPHY = wordnet_classes.MORPHY
WORDNET_POS = wordnet_classes.POS_FILES


def read_scowl(scowl: Path, kind: str, variants, max_level: int):
    """(word, lowest level) for every entry of the `kind` lists (words, upper, abbreviations)."""
    levels: dict[str, int] = {}
    for level in LEVELS:
        if level > max_level:
            continue
        for variant in variants:
            path = scowl / f"{variant}-{kind}.{level}"
            if not path.exists():
                continue
            # SCOWL files are Latin-1 in older releases and UTF-8 in newer ones; accented words
            # are dropped by the ASCII filters either way.
            for raw in path.read_bytes().decode("utf-8", errors="replace").splitlines():
                levels.setdefault(raw.strip(), level)
    return levels


def read_wordnet(wordnet: Path):
    """Lemmas per part of speech, and inflected form -> bases per part of speech."""
    lemmas = {pos: set() for pos in WORDNET_POS.values()}
    for name, pos in WORDNET_POS.items():
        for line in (wordnet / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            lemma = line.split(" ", 1)[0]
            if WORD.match(lemma):
                lemmas[pos].add(lemma)
    exceptions = {pos: {} for pos in WORDNET_POS.values()}
    for name, pos in WORDNET_POS.items():
        path = wordnet / f"{name}.exc"
        for line in path.read_text(encoding="latin-1").splitlines():
            parts = line.split()
            if len(parts) >= 2 and WORD.match(parts[0]):
                exceptions[pos].setdefault(parts[0], parts[1])
    return lemmas, exceptions


# Closed-class words whose WordNet entries are mostly abbreviations or rare senses ("he" the
# element, "if" as a noun): their class is what matters in a phrase, so WordNet's noun, verb
# and adjective readings are dropped for them (the adverb reading of up/in/out is kept).
CLOSED = set(DETERMINERS) | set(OBJECT_PRONOUNS) | set(SUBJECT_PRONOUNS) | set(
    "of to in on at by for with from into onto upon over under about after before off out up "
    "down near via per than as through across along among around behind below beneath beside "
    "between beyond during except inside outside since till until toward towards within without "
    "against and or but nor so yet if".split()
)


# Interjections say nothing in a phrase (WordNet lists "oh" only as an abbreviation); question
# adverbs open a clause (WHY-I-CARE) whatever WordNet says ("why" as a noun).
INTERJECTIONS = set("oh ah uh um hey wow ow ha hi yo ok okay yes yeah eh aha".split())
WH_ADVERBS = set("why how when where".split())


# WordNet verb frames that take a person as object ("Somebody ----s somebody", 9, and the
# frames built on it: 10, 14, 17, 18, 20, 24, 25, 30; see WordNet's wninput(5WN)).
PERSON_OBJECT_FRAMES = {9, 10, 14, 17, 18, 20, 24, 25, 30}


# WordNet's lexicographer file number for nouns denoting people (lexnames(5WN): 18 noun.person).
NOUN_PERSON = 18


def read_person_nouns(wordnet: Path) -> set:
    """Nouns whose first (most frequent) WordNet sense is in noun.person (COP, KID, BOSS)."""
    lexfile = {}
    for line in (wordnet / "data.noun").read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            offset, number = line.split(" ", 2)[:2]
            lexfile[offset] = int(number)
    nouns = set()
    for line in (wordnet / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        pointers = int(fields[3])
        offsets = fields[4 + pointers + 2 :]
        if offsets and lexfile.get(offsets[0]) == NOUN_PERSON and WORD.match(fields[0]):
            nouns.add(fields[0])
    return nouns


def read_person_verbs(wordnet: Path) -> set:
    """Verbs with a sense that takes a person as object (CALL-ME yes, YAWN-HIM no)."""
    verbs = set()
    for line in (wordnet / "data.verb").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split("|", 1)[0].split()
        count = int(fields[3], 16)
        words = [fields[4 + 2 * k].lower() for k in range(count)]
        at = 4 + 2 * count
        pointers = int(fields[at])
        at += 1 + 4 * pointers
        if at >= len(fields):
            continue
        frames = int(fields[at])
        for k in range(frames):
            _, number, target = fields[at + 1 + 3 * k : at + 4 + 3 * k]
            if int(number) in PERSON_OBJECT_FRAMES:
                target = int(target, 16)
                verbs.update(words if target == 0 else words[target - 1 : target])
    return verbs


def tags_for(word: str, lemmas, exceptions, person_verbs, person_nouns=frozenset()) -> str:
    if word in INTERJECTIONS:
        return ""
    if word in WH_ADVERBS:
        return "r"
    if word in CLOSED:
        lemmas = {pos: (set() if pos != "r" else found) for pos, found in lemmas.items()}
        exceptions = {pos: {} for pos in exceptions}
    tags = set()
    inflected = False
    for pos in ("n", "v", "a", "r"):
        if word in lemmas[pos]:
            tags.add(pos)
    for pos in ("n", "v", "a"):
        if pos in tags:
            continue
        base = exceptions[pos].get(word)
        if base is None:
            for ending, replacement in MORPHY[pos]:
                if word.endswith(ending) and len(word) > len(ending) + 1:
                    candidate = word[: len(word) - len(ending)] + replacement
                    if candidate in lemmas[pos]:
                        base = candidate
                        break
        if base is not None and base in lemmas[pos]:
            tags.add(pos)
            inflected = True
    if "v" in tags:
        bases = {word, exceptions["v"].get(word)}
        for ending, replacement in MORPHY["v"]:
            if word.endswith(ending):
                bases.add(word[: len(word) - len(ending)] + replacement)
        if bases & person_verbs:
            tags.add("t")
    if "n" in tags and word not in CLOSED:
        base = exceptions["n"].get(word)
        bases = {word, base} | {
            word[: len(word) - len(ending)] + replacement
            for ending, replacement in MORPHY["n"]
            if word.endswith(ending) and len(word) > len(ending) + 1
        }
        if bases & person_nouns:
            tags.add("p")
    # A word that is itself a lemma for some part of speech is plain, even if another reading
    # is inflected ("left": adjective and past of "leave").
    if inflected and not any(word in lemmas[pos] for pos in lemmas):
        tags.add("i")
    if word in DETERMINERS:
        tags.add("d")
    if word in OBJECT_PRONOUNS:
        tags.add("o")
    if word in SUBJECT_PRONOUNS:
        tags.add("s")
    if word in FUNCTION:
        tags.add("f")
    if word in PREPOSITIONS:
        tags.add("e")
    if word in ARCHAIC:
        tags.add("x")
    order = "nvardosftpeixckj"
    return "".join(t for t in order if t in tags)


def zipf10(word: str) -> int:
    return max(0, min(80, round(zipf_frequency(word, "en") * 10)))


def main() -> int:
    scowl = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dict/scowl")
    wordnet = Path(sys.argv[2] if len(sys.argv) > 2 else "/usr/share/wordnet")
    here = Path(__file__).resolve().parent.parent
    blocked = {
        line.strip()
        for line in (here / "data" / "blocklist.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    lemmas, exceptions = read_wordnet(wordnet)
    person_verbs = read_person_verbs(wordnet)
    person_nouns = read_person_nouns(wordnet)

    rows: dict[str, tuple[int, int, str]] = {}
    for word, level in read_scowl(scowl, "words", VARIANTS, max(LEVELS)).items():
        if not WORD.match(word) or word in blocked:
            continue
        if len(word) == 2:
            if level > 10 or word in TWO_LETTER_DROP:
                continue
        elif not MIN_LEN <= len(word) <= MAX_LEN:
            continue
        zipf = zipf10(word)
        if zipf < (ZIPF_LATE if level >= LATE_LEVEL else ZIPF_FLOOR) * 10:
            continue
        rows[word] = (level, zipf, tags_for(word, lemmas, exceptions, person_verbs, person_nouns))
    for word in CONNECTORS:
        rows[word] = (10, zipf10(word), tags_for(word, lemmas, exceptions, person_verbs, person_nouns) + "j")
    if len(rows) < 1000:
        print(f"too few SCOWL words found in {scowl}", file=sys.stderr)
        return 1

    capitalised: dict[str, tuple[str, int, int, str]] = {}
    for kind, pattern, tag in (("upper", CAPITAL, "c"), ("abbreviations", ACRONYM, "k")):
        found = read_scowl(scowl, kind, VARIANTS, CAPITALISED_MAX_LEVEL[kind])
        for written, level in sorted(found.items()):
            word = written.lower()
            if not pattern.match(written) or not MIN_LEN <= len(word) <= MAX_LEN:
                continue
            # Three-letter capitalised entries are mostly abbreviations (Oct, Feb, Aug).
            if tag == "c" and len(word) < 4:
                continue
            if word in rows or word in blocked or word in capitalised:
                continue
            if word in CAPITALISED_SKIP or (tag == "c" and CAPITALISED_SKIP_ENDINGS.search(word)):
                continue
            zipf = zipf10(word)
            if zipf < ZIPF_CAPITALISED * 10:
                continue
            capitalised[word] = (written, level, zipf, f"{kind}.{level}")
            rows[word] = (level, zipf, tags_for(word, lemmas, exceptions, person_verbs, person_nouns) + tag)

    with (here / "data" / "words.tsv").open("w", encoding="utf-8") as out:
        out.write(
            "# word\tSCOWL level (10 = most common .. 80)\twordfreq Zipf x 10\ttags;"
            " generated by scripts/build-dictionary.py\n"
        )
        for word in sorted(rows):
            level, zipf, tags = rows[word]
            out.write(f"{word}\t{level}\t{zipf}\t{tags}\n")
    with (here / "data" / "capitalised.tsv").open("w", encoding="utf-8") as out:
        out.write(
            "# written form\tSCOWL list it comes from\twordfreq Zipf x 10;"
            " generated by scripts/build-dictionary.py (also in words.tsv, tagged c or k)\n"
        )
        for word in sorted(capitalised):
            written, level, zipf, source = capitalised[word]
            out.write(f"{written}\t{source}\t{zipf}\n")
    print(f"{len(rows)} words, {len(capitalised)} capitalised words and acronyms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
