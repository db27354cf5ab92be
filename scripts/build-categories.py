#!/usr/bin/env python3
"""Rebuild data/categories.tsv and data/threats.tsv: what the vanity engine never offers unless
the owner allows its category, and the threat rule's verbs.

A word in a category stays in the dictionary (a gun shop may allow `violence` and get GUN),
but the engine offers it only when the owner allows that category; by default every category
is blocked. The hand-kept `data/blocklist.txt` (profanity, slurs) is separate: never offered,
whatever the owner allows.

Sources (read from local files; nothing is fetched):

- VADER's lexicon, `vader_lexicon.txt` (C.J. Hutto, PyPI `vaderSentiment` 3.3.2, MIT): every
  dictionary word whose mean valence is at most VADER_STRONG (-2.5 on VADER's -4..+4 scale,
  rated by ten people each) is in a category. A word the curated lists below place goes there;
  any other goes to `negative` (WORST, DISASTER, MISERY): a strongly negative word is nothing a
  business wants read to a caller, whatever its topic.
- LDNOOBW ("List of Dirty, Naughty, Obscene, and Otherwise Bad Words", file `en`, CC BY 4.0,
  Shutterstock and contributors; npm package `naughty-words` 1.2.0): its single words are all
  on data/blocklist.txt already (the dictionary holds none of them); its two-word entries whose
  words are both dictionary words and fit in nine letters become blocked phrases in `sexual`
  (BLOW-JOB, GANG-BANG), written to data/categories.tsv as "first second".
- The curated stems below, written for this project, one list per category. Each stem brings
  its regular inflections that the dictionary holds (see `forms`), so a list never needs a form
  per line.
- WordNet 3.0 (Princeton University, Debian package `wordnet-base`; see
  scripts/wordnet_classes.py for the rules): what a word is rather than how it feels, so a
  word a sentiment lexicon rates mild or does not hold is still caught: the hyponyms of
  weapon, war, crime, criminal, killing, disease, death, drug of abuse, narcotic, sexual
  activity, sex organ, prostitute, evil spirit, profanity, body waste, filth, contamination
  and a few verbs (the word's main sense must be one; alcohol and tobacco are left out), any
  sense WordNet labels an ethnic slur, an obscenity or an offensive term (for a word not in
  everyday use), any sense that is taking drugs (likewise), and the surnames of people
  WordNet lists as terrorists.
- cuss 2.2.0 (Titus Wormer, npm `cuss`, MIT): English profanities, slurs and obscenities,
  each rated 0-2 for how likely it is used as one. Rated 2 ("likely"): in a category (the
  WordNet class's, else `hate`); rated 1 ("maybe"): only when some WordNet sense of it is in
  a class above too, two weak signals agreeing; 0 is ignored. A dictionary word counts when
  it or the base it inflects is rated (DEMONS through DEMON). Its two-word entries rated 2
  that fit a number are blocked phrases (`cuss_phrases`: TAR BABY, UNCLE TOM).
- Hurtlex (CC BY-SA 4.0) was looked for on the package registries this project can use (PyPI,
  npm, Debian) and is on none of them, so it is not a source.

The threat rule (data/threats.tsv): a verb of harm directly followed by a person (an object
pronoun, or a noun whose most frequent WordNet sense is a person: KILL-YOU, SHOOT-ME, HIT-KID)
is never offered, whatever the owner allows. The verbs are the THREAT_VERBS stems, inflected
the same way.

The source column of data/categories.tsv lists every source that catches the entry ("vader
-3.1; wordnet weapon.n.1; cuss 2"); the category is the first source's, in the order above.
scripts/category-sources.sh counts what each source adds and what it costs.

Usage: scripts/build-categories.py [VADER_LEXICON [NAUGHTY_WORDS_EN_JSON [CUSS_INDEX_JS
       [WORDNET_DIR]]]]
Defaults: the lexicon inside the installed vaderSentiment package; en.json from
`npm pack naughty-words@1.2.0` unpacked in /tmp/npmw/package; index.js from
`npm pack cuss@2.2.0` unpacked in /tmp/npmw/cuss/package; /usr/share/wordnet. Reads
data/words.tsv; the output is sorted, so a rebuild gives no diff.
"""

import json
import re
import sys
from pathlib import Path

# The WordNet half lives beside this script; no __pycache__ is left in scripts/.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import wordnet_classes  # noqa: E402

VADER_STRONG = -2.5

# One list per category; each name is what an owner writes to allow it.
CURATED = {
    "violence": """gun gunman gunmen gunfire gunshot shotgun rifle pistol revolver firearm bomb
        bomber grenade bullet ammo weapon sniper stab assault massacre slaughter strangle terror
        terrorist torture war warfare hostage kidnap lynch arson riot militia nuke missile ambush
        assassin bloodshed mayhem rob robber robbery thug murder kill killer gore bayonet napalm
        gunner shooter stabber kidnapper
        maim behead brutal violence violent
        maul siege wound bleed injure wreckage loot coup bribe libel penal""",
    "death": """dead death die died dies dying suicide suicidal corpse coffin casket funeral
        grave morgue cadaver fatal fatality overdose noose hanged drown poison tomb autopsy
        mortuary deadly lethal doom
        aids pus lice clot wart coma virus fever rabid mucus plague leper eulogy morbid""",
    "drugs": """drug cocaine heroin meth dope stoned stoner opium opioid narcotic marijuana
        cannabis junkie addict bong fentanyl morphine narc cartel smuggle booze drunk drunken
        weed""",
    "sexual": """naked lust lusty stripper thong seduce sensual aroused brothel condom genital
        hump lingerie
        jugs lewd slit arouse""",
    "hate": """hate hatred scumbag hellhole idiot moron stupid dumb loser jerk creep freak liar
        coward slave slavery racist bigot scum ugly lame psycho lunatic maniac imbecile pathetic
        vile evil devil bully villain lowlife
        hag bum hick ghetto goon shrew leech tramp fatty obese""",
    # Religion, ethnicity, nationality, sexuality: labels for people, which next to another
    # word can read as an insult.
    "identity": """gay lesbian queer bisexual jew christian catholic pagan atheist heathen
        infidel papist baptist latino gypsy french dutch german turk
        blacks""",
    # Disgust and harm no sentiment rating reaches.
    "negative": """spew sewage toxic gory""",
}
# The last line of each list above and the last line of "sexual" below come from a reviewer's
# reading of every word and phrase heard on 10,000 seeded numbers (docs/engine.md, "Nothing a
# business would regret"): disease, injury and crime, slang for bodies and sex, insults about
# people, and the phrases whose harmless words read badly together.
# Phrases of everyday words that mean something a business would regret only together, one
# list per category: found by reading the language model's collocations (data/lm-pairs.tsv)
# for sexual, drug and slur terms (docs/engine.md, "Nothing a business would regret"); the
# rules below (cuss's entries, WordNet's compounds) catch the ones those sources name.
CURATED_PHRASES = {
    "sexual": """skin flute; spank bank; sixty nine; wet dream; wet dreams; wet spot; rear entry;
        nut sack; ball gag; ball gags; nice rack; huge bulge; bum hole; lap dance; lap dancer;
        lap dances; pole dance; strip bar; strip bars; strip club; hot load;
        boy toy; boy toys; pubic lice; glory hole; big booty;
        his hard; my hard; this hard; hot junk; in hairy; rub up""",
    "drugs": """pot head; pot heads; smoke pot; smoke weed; pot dealer; coke habit; coke fiend;
        dime bag; nickel bag; black tar; pop pills; meth head; get high; acid trip""",
    "hate": """hood rat; hood rats; hook nosed; god dam; slime ball; man hater; nut job""",
    "violence": """throw acid; threw acid""",
}

# A word pair used this often (Zipf x 10: ten uses per million words) reads as its words.
EVERYDAY_PAIR_ZIPF10 = 40
# WordNet compounds that a hearer takes as their words or as a name, not in the class WordNet's
# first sense puts them in, read by hand from what the compound rule caught (a reviewer's list):
# IBM and a Navy team, a helicopter, plant diseases a repair or garden business names, a
# western's robber, a swindle's name used of any trick.
COMPOUNDS_READ_AS_WORDS = """big blue; blue angel; red devil; sea king; love life; dry rot;
    root rot; black spot; road agent; shell game""".split(";")

# Where a VADER word goes when no curated list holds it.
FALLBACK = "negative"
CATEGORIES = ("violence", "death", "drugs", "sexual", "hate", "identity", "negative")

THREAT_VERBS = """kill shoot stab hurt hit beat punch slap kick choke strangle rob rape hate
    attack drown poison torture whip bash harm abuse bully hunt smack shove burn bite fight
    destroy murder slay strike kidnap""".split()


def forms(stem: str, words) -> set:
    """The stem and its regular inflections that the dictionary holds: -s (-es after s, x, z,
    ch, sh), and -ed, -ing: a final e dropped before them, and after a short vowel a final
    consonant doubled where the dictionary has that form (ROBBED, so not ROBED). Agent nouns (KILLER) are listed as stems."""
    found = {stem, stem + "s"}
    if stem.endswith(("s", "x", "z", "ch", "sh")):
        found.add(stem + "es")
    if stem.endswith("e"):
        found |= {stem + "d", stem[:-1] + "ing"}
    else:
        doubled = {stem + stem[-1] + "ed", stem + stem[-1] + "ing"} & words
        found |= doubled or {stem + "ed", stem + "ing"}
    return found & words


def read_cuss(path: Path) -> dict:
    """cuss's English map, `key: rating` lines of its index.js (quoted keys hold spaces)."""
    ratings = {}
    for match in re.finditer(r"^\s+'?([a-z][a-z ]*)'?: ([012]),?$", path.read_text(), re.M):
        ratings[match.group(1)] = int(match.group(2))
    if len(ratings) < 1000:
        raise SystemExit(f"{path}: only {len(ratings)} entries read; is it cuss's index.js?")
    return ratings


def add(rows: dict, word: str, category: str, source: str):
    """The entry keeps the first source's category; every source is listed."""
    if word in rows:
        rows[word][1].append(source)
    else:
        rows[word] = (category, [source])


def from_curated_and_vader(rows: dict, vader: Path, words: dict):
    for category, stems in CURATED.items():
        for stem in stems.split():
            for word in sorted(forms(stem, words.keys())):
                add(rows, word, category, "curated")
    for line in vader.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        word, valence = fields[0], float(fields[1])
        if word in words and valence <= VADER_STRONG:
            add(rows, word, FALLBACK, f"vader {valence:+.1f}")


def from_wordnet_and_cuss(rows: dict, wordnet: Path, cuss: Path, words: dict):
    classified = wordnet_classes.classify(wordnet, words)
    for word, (category, rule) in classified.items():
        add(rows, word, category, rule)
    ratings = read_cuss(cuss)
    for word in sorted(words):
        rating = max(ratings.get(b, 0) for b in wordnet_classes.bases(wordnet, word))
        if rating == 2:
            category = classified.get(word, ("hate", ""))[0]
        elif rating == 1:
            category = wordnet_classes.class_of_any_sense(wordnet, word)
            if category is None:
                continue
        else:
            continue
        add(rows, word, category, f"cuss {rating}")
    cuss_phrases(rows, ratings, words)


def fits(parts: list, words) -> bool:
    """Two dictionary words that fit nine letters: a phrase a number can spell."""
    return len(parts) == 2 and all(p in words for p in parts) and len("".join(parts)) <= 9


def splits(compound: str, words) -> list:
    """The ways to write a word that is not in the dictionary as two dictionary words of three
    letters or more that fit (WETBACK: wet back). A dictionary word needs none: the engine
    already refuses a category word read across two words. Parts of two letters cut words
    where they do not read as them (STICKUP: STICK UP, the verb; PESTIS: PEST IS)."""
    if compound in words or len(compound) > 9:
        return []
    return [
        [compound[:cut], compound[cut:]]
        for cut in range(3, len(compound) - 2)
        if fits([compound[:cut], compound[cut:]], words)
    ]


def from_curated_phrases(rows: dict, words):
    for category, phrases in CURATED_PHRASES.items():
        for phrase in phrases.split(";"):
            parts = phrase.split()
            if not fits(parts, words):
                raise SystemExit(f"curated phrase {phrase.strip()!r} is not two dictionary words that fit")
            add(rows, " ".join(parts), category, "curated")


def wordnet_phrases(rows: dict, wordnet: Path, words, here: Path):
    """WordNet's compounds in a never-offer class, as blocked phrases: a two-word lemma
    (NOSE CANDY, CALL GIRL, CAR BOMB) or a one-word lemma the dictionary lacks written as two
    words (BLOWJOB, WETBACK), classified by the same rules as a word that is not in everyday
    use (every sense for slurs, each part of speech's first sense for the classes). A pair
    used EVERYDAY_PAIR_ZIPF10 or more in the web corpus (data/bigrams.tsv) is read as its
    words, whatever WordNet lists the lemma for: DO IT (Zipf 4.4) is not blocked as sexual,
    MAKE LOVE (2.6) is; so are COMPOUNDS_READ_AS_WORDS (BIG BLUE, DRY ROT)."""
    everyday = set()
    for line in (here / "data" / "bigrams.tsv").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if not line.startswith("#") and int(fields[2]) >= EVERYDAY_PAIR_ZIPF10:
            everyday.add(f"{fields[0]} {fields[1]}")
    everyday |= {" ".join(p.split()) for p in COMPOUNDS_READ_AS_WORDS}
    compounds = wordnet_classes.classify_compounds(wordnet, words, fits, splits)
    for phrase, found in sorted(compounds.items()):
        if phrase not in everyday:
            add(rows, phrase, found[0], f"{found[1]} (compound)")


def cuss_phrases(rows: dict, ratings: dict, words: dict):
    """cuss's two-word entries rated 2 whose words are dictionary words and fit nine letters
    (TAR BABY, UNCLE TOM, HALF BREED): blocked phrases in `hate`, whatever category a word
    of it is in (BUM ROBBER is a slur, not violence: allowing `violence` must not bring it).
    Its one-word entries are not split into phrases: cuss rates TURNON, REAREND and LUBEJOB
    as they read run together, not TURN ON, REAR END or LUBE JOB; the curated phrases hold
    the splits that read the same apart (SKIN FLUTE, SLIME BALL).
    The phrase pair lists attest some of them (a thesaurus
    names HALF BREED, a language model holds TAR BABY), so the words alone are not enough.
    Rated 1 ("maybe": BOUNTY BAR, a chocolate bar) is left out: no WordNet class can speak
    for a phrase."""
    for entry, rating in sorted(ratings.items()):
        if rating != 2:
            continue
        if fits(entry.split(), words):
            add(rows, entry, "hate", "cuss 2")


def write_outputs(here: Path, rows: dict, words: dict) -> set:
    with (here / "data" / "categories.tsv").open("w", encoding="utf-8") as out:
        out.write(
            "# word or \"first second\"\tcategory\tsources; generated by"
            " scripts/build-categories.py\n"
        )
        for word in sorted(rows):
            category, sources = rows[word]
            assert category in CATEGORIES, category
            out.write(f"{word}\t{category}\t{'; '.join(sources)}\n")
    threats = set()
    for stem in THREAT_VERBS:
        threats |= forms(stem, words.keys())
    with (here / "data" / "threats.tsv").open("w", encoding="utf-8") as out:
        out.write(
            "# verbs of harm: directly followed by a person, never offered;"
            " generated by scripts/build-categories.py\n"
        )
        for word in sorted(threats):
            out.write(f"{word}\n")
    return threats


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    if len(sys.argv) > 1:
        vader = Path(sys.argv[1])
    else:
        import vaderSentiment

        vader = Path(vaderSentiment.__file__).parent / "vader_lexicon.txt"
    ldnoobw = Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/npmw/package/en.json")
    cuss = Path(sys.argv[3] if len(sys.argv) > 3 else "/tmp/npmw/cuss/package/index.js")
    wordnet = Path(sys.argv[4] if len(sys.argv) > 4 else "/usr/share/wordnet")
    # word -> Zipf x 10 (the everyday-use test of the WordNet rules).
    words = {}
    for line in (here / "data" / "words.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            fields = line.split("\t")
            words[fields[0]] = int(fields[2])

    rows: dict[str, tuple[str, list]] = {}
    from_curated_and_vader(rows, vader, words)
    for entry in json.loads(ldnoobw.read_text(encoding="utf-8")):
        parts = entry.split()
        if len(parts) == 2 and all(p in words for p in parts) and len("".join(parts)) <= 9:
            add(rows, entry, "sexual", "ldnoobw")
    from_wordnet_and_cuss(rows, wordnet, cuss, words)
    wordnet_phrases(rows, wordnet, words, here)
    from_curated_phrases(rows, words)
    threats = write_outputs(here, rows, words)
    counts = {c: sum(1 for v in rows.values() if v[0] == c) for c in CATEGORIES}
    print(f"{len(rows)} entries {counts}, {len(threats)} threat verbs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
