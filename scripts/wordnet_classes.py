"""WordNet 3.0 as a source of never-offer categories, independent of any sentiment lexicon:
what a word *is* (a weapon, a crime, a disease, a slur), not how negative it feels.

Imported by scripts/build-categories.py (the hyphen in that name keeps it from being imported,
so the WordNet half lives here). Reads the Debian package `wordnet-base` (/usr/share/wordnet):
data.* (synsets, pointers, glosses), index.* (each lemma's senses, most frequent first),
*.exc (irregular inflections) and cntlist.rev (how often each sense was seen in the
sense-tagged SemCor corpus).

Rules (each names a class or a label, never a word to catch):

- Labels, any sense: a sense WordNet marks as a slur or an obscenity (usage domain
  `disparagement`, `ethnic slur` or `obscenity`, or a gloss that opens with "(offensive",
  "(ethnic slur)", "(vulgar" or "offensive term") puts the word in `hate`, or in `sexual` when
  that sense is also in a sexual class. A slur is heard whatever the speaker meant (JAP, NIP).
- Classes, the word's main senses: a sense under one of the CLASSES roots (its hypernym
  closure reaches the root; instance links are not followed, so WordNet's named people and
  places do not count) puts the word in that root's category. The main senses are the most
  frequent sense in SemCor when the word was seen there, else the first sense of each part of
  speech (WordNet lists senses most frequent first). So CANNON (first sense the gun) is caught
  and ARM (first sense the limb; the weapon is sense 3) is not.
- Narrow classes, any sense, for words seldom seen in SemCor (fewer than RARE_COUNT tagged
  uses): verbs of taking drugs and of having sex, whose every member is a reading a business
  would regret (INJECT: "take by injection"). A frequent word (DROP, "take a drug by mouth")
  has an everyday main sense that outweighs it.
- Names: each dictionary word in the name of a person WordNet lists as an instance of
  `terrorist` (BIN LADEN) goes to `violence`.

A word is looked up as itself and, like WordNet's own "morphy", through the base of an
inflected form (DEMONS through DEMON, INJECTED through INJECT).
"""

import re
from functools import lru_cache
from pathlib import Path

POS_FILES = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
# cntlist.rev's synset type digit -> part of speech (5 is an adjective satellite).
SS_TYPE = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
MORPHY = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}

# Root synsets, as (lemma, part of speech, sense number), and the category of every synset
# under them. EXCLUDED subtrees are taken out of a root's closure.
CLASSES = {
    "violence": [("weapon", "n", 1), ("explosive_device", "n", 1), ("war", "n", 1),
                 ("terrorism", "n", 1), ("terrorist", "n", 1), ("violence", "n", 1),
                 ("killing", "n", 2), ("crime", "n", 1), ("criminal", "n", 1),
                 ("murderer", "n", 1), ("torture", "n", 1)],
    "death": [("death", "n", 1), ("death", "n", 2), ("death", "n", 3), ("corpse", "n", 1),
              ("suicide", "n", 1), ("disease", "n", 1)],
    "drugs": [("drug_of_abuse", "n", 1), ("narcotic", "n", 1), ("drug", "v", 2),
              ("drug_addict", "n", 1)],
    "sexual": [("sexual_activity", "n", 1), ("genitalia", "n", 1), ("sex_organ", "n", 1),
               ("prostitute", "n", 1), ("sleep_together", "v", 1), ("pornography", "n", 1)],
    "hate": [("evil_spirit", "n", 1), ("profanity", "n", 1)],
    # Disgust: bodily waste, foul matter, contamination.
    "negative": [("body_waste", "n", 1), ("filth", "n", 1), ("contamination", "n", 1),
                 ("pollute", "v", 1), ("vomit", "v", 1), ("defecate", "v", 1),
                 ("urinate", "v", 1)],
}
# Alcohol and tobacco are under WordNet's drug of abuse; a wine bar or a tobacconist sells
# them, so they stay offerable (the curated list keeps DRUNK and BOOZE).
EXCLUDED = [("alcohol", "n", 1), ("tobacco", "n", 1)]
# Classes whose every sense counts for a rarely seen word (see the module doc).
NARROW = {"drugs": [("drug", "v", 2)]}
# Any-sense rules (slurs, narrow classes) apply to a word seen fewer than RARE_COUNT times in
# SemCor and used less than EVERYDAY_ZIPF10 (Zipf x 10, data/words.tsv's third column): a
# word in everyday use (BLACK, POP, DROP) is heard in its everyday sense.
RARE_COUNT = 10
EVERYDAY_ZIPF10 = 40
# A word in everyday use takes a class from its first sense only when SemCor saw that sense
# at least SURE_COUNT times: WordNet orders senses by those counts, and none, one or two
# tagged uses (RUNNER the smuggler, HOOD the hoodlum, LES the disease) are too few to say what
# a caller hears.
SURE_COUNT = 5
SLUR_DOMAINS = {"ethnic_slur", "obscenity"}
SLUR_GLOSS = re.compile(r"^\((offensive|ethnic slur|vulgar)|^offensive term")
TERRORIST = ("terrorist", "n", 1)


class WordNet:
    """The parsed database: synsets by (pos, offset), each lemma's senses, sense counts."""

    def __init__(self, root: Path):
        self.synsets = {}
        self.senses = {}
        self.exceptions = {}
        for name, pos in POS_FILES.items():
            self._read_data(root / f"data.{name}", pos)
            self._read_index(root / f"index.{name}", pos)
            for line in (root / f"{name}.exc").read_text(encoding="latin-1").splitlines():
                parts = line.split()
                self.exceptions.setdefault(pos, {}).setdefault(parts[0], parts[1])
        self.counts = {}
        for line in (root / "cntlist.rev").read_text(encoding="latin-1").splitlines():
            key, number, count = line.split()
            lemma, rest = key.split("%", 1)
            self.counts[(lemma, SS_TYPE[rest[0]], int(number))] = int(count)

    def _read_data(self, path: Path, pos: str):
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            head, _, gloss = line.partition(" | ")
            fields = head.split()
            count = int(fields[3], 16)
            words = [fields[4 + 2 * k].lower() for k in range(count)]
            at = 4 + 2 * count
            pointers = []
            for k in range(int(fields[at])):
                symbol, offset, target_pos = fields[at + 1 + 4 * k : at + 4 + 4 * k]
                pointers.append((symbol, (POS_FILES_BY_LETTER[target_pos], offset)))
            self.synsets[(pos, fields[0])] = (words, pointers, gloss.strip())

    def _read_index(self, path: Path, pos: str):
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            senses = int(fields[2])
            self.senses[(fields[0], pos)] = [(pos, o) for o in fields[len(fields) - senses :]]

    def sense(self, lemma: str, pos: str, number: int):
        return self.senses[(lemma, pos)][number - 1]

    def children(self, key):
        """Hyponyms (not instances: named people and places are not members of a class)."""
        return [target for symbol, target in self.synsets[key][1] if symbol == "~"]

    def closure(self, roots, excluded=()):
        seen, todo = set(excluded), list(roots)
        found = set()
        while todo:
            key = todo.pop()
            if key in seen:
                continue
            seen.add(key)
            found.add(key)
            todo.extend(self.children(key))
        return found

    def lemmas(self, word: str):
        """(lemma, pos) pairs for the word and, per part of speech, the base it inflects."""
        found = []
        for pos in "nvar":
            if (word, pos) in self.senses:
                found.append((word, pos))
            base = self.exceptions.get(pos, {}).get(word)
            candidates = [base] if base else [
                word[: len(word) - len(end)] + rep
                for end, rep in MORPHY[pos]
                if word.endswith(end) and len(word) > len(end) + 1
            ]
            for candidate in candidates:
                if candidate and (candidate, pos) in self.senses and candidate != word:
                    found.append((candidate, pos))
                    break
        return found


POS_FILES_BY_LETTER = {"n": "n", "v": "v", "a": "a", "s": "a", "r": "r"}


def main_senses(wn: WordNet, word: str, zipf10: int):
    """The senses a hearer takes the word in. With SemCor counts, the first sense of the part
    of speech seen most (COLD: the adjective, not the common cold), and for a word in everyday
    use only when that sense was seen SURE_COUNT times; without counts, the first sense of
    each part of speech."""
    lemmas = wn.lemmas(word)
    per_pos = {}
    for lemma, pos in lemmas:
        total = sum(
            wn.counts.get((lemma, pos, n + 1), 0) for n in range(len(wn.senses[(lemma, pos)]))
        )
        per_pos[(lemma, pos)] = total
    if not any(per_pos.values()):
        # Never seen in SemCor: WordNet's order is then the lexicographers' guess, which
        # says nothing about what a caller hears in an everyday word (LES, SAM).
        if zipf10 >= EVERYDAY_ZIPF10:
            return []
        return [wn.senses[lp][0] for lp in lemmas]
    lemma, pos = max(per_pos, key=per_pos.get)
    first = wn.senses[(lemma, pos)][0]
    if zipf10 >= EVERYDAY_ZIPF10 and wn.counts.get((lemma, pos, 1), 0) < SURE_COUNT:
        return []
    return [first]


def all_senses(wn: WordNet, word: str):
    return [key for lp in wn.lemmas(word) for key in wn.senses[lp]]


def tagged_uses(wn: WordNet, word: str) -> int:
    return sum(
        wn.counts.get((lemma, pos, n + 1), 0)
        for lemma, pos in wn.lemmas(word)
        for n in range(len(wn.senses[(lemma, pos)]))
    )


def is_slur(wn: WordNet, key) -> bool:
    _, pointers, gloss = wn.synsets[key]
    domains = {wn.synsets[t][0][0] for symbol, t in pointers if symbol == ";u"}
    return bool(domains & SLUR_DOMAINS) or bool(SLUR_GLOSS.match(gloss))


@lru_cache(maxsize=None)
def _members(root: Path):
    """The database, and per category the synsets of its classes (root name -> closure) and
    of its narrow classes."""
    wn = WordNet(root)
    excluded = wn.closure([wn.sense(*s) for s in EXCLUDED])
    name = lambda s: f"{s[0]}.{s[1]}.{s[2]}"  # noqa: E731
    classes = {
        category: {name(s): wn.closure([wn.sense(*s)], excluded) for s in roots}
        for category, roots in CLASSES.items()
    }
    narrow = {
        category: {name(s): wn.closure([wn.sense(*s)]) for s in roots}
        for category, roots in NARROW.items()
    }
    return wn, classes, narrow


def classify(root: Path, zipf: dict):
    """word -> (category, rule) for every word of `zipf` (word -> Zipf x 10) a rule catches;
    rule is what the source column of data/categories.tsv says ("wordnet slur",
    "wordnet weapon.n.1", ...)."""
    wn, classes, narrow = _members(root)
    named = names_of_terrorists(wn)
    out = {}
    for word in sorted(zipf):
        # A form is as everyday as its base (POPS is POP).
        use = max([zipf[word]] + [zipf.get(lemma, 0) for lemma, _ in wn.lemmas(word)])
        found = classify_word(wn, classes, narrow, word, use)
        if found is None and word in named:
            found = ("violence", "wordnet terrorist.n.1 (name)")
        if found is not None:
            out[word] = found
    return out


def classify_word(wn: WordNet, classes, narrow, word: str, zipf10: int):
    rare = zipf10 < EVERYDAY_ZIPF10 and tagged_uses(wn, word) < RARE_COUNT
    senses = all_senses(wn, word) if rare else []
    sexual = set().union(*classes["sexual"].values())
    for key in senses:
        if is_slur(wn, key):
            return ("sexual" if key in sexual else "hate", "wordnet slur")
    for key in main_senses(wn, word, zipf10):
        for category, roots in classes.items():
            for root, members in roots.items():
                if key in members:
                    return (category, f"wordnet {root}")
    for key in senses:
        for category, roots in narrow.items():
            for root, members in roots.items():
                if key in members:
                    return (category, f"wordnet {root} (any sense)")
    return None


def classify_compounds(root: Path, words, fits, splits) -> dict:
    """"first second" -> (category, rule) for WordNet's compounds a rule catches: each lemma
    of two words that `fits` (NOSE_CANDY), and each one-word lemma written as two words by
    `splits` (FIREBOMB: fire bomb), classified as a word not in everyday use is."""
    wn, classes, narrow = _members(root)
    found = {}
    for lemma, _ in sorted(wn.senses):
        parts = lemma.split("_")
        pairs = [parts] if fits(parts, words) else splits(lemma, words) if len(parts) == 1 else []
        if not pairs:
            continue
        caught = classify_word(wn, classes, narrow, lemma, 0)
        if caught is not None:
            for pair in pairs:
                found.setdefault(" ".join(pair), caught)
    return found


def class_of_any_sense(root: Path, word: str):
    """The category of the first class any sense of the word is in, or None: the
    corroboration rule for a word another source only suspects (DEMON, rated "maybe" by
    cuss, is an evil spirit in its first sense)."""
    wn, classes, narrow = _members(root)
    for key in all_senses(wn, word):
        for category, roots in list(classes.items()) + list(narrow.items()):
            if any(key in members for members in roots.values()):
                return category
    return None


def bases(root: Path, word: str) -> set:
    """The word and the bases it inflects (DEMONS: demons, demon)."""
    wn, _, _ = _members(root)
    return {word} | {lemma for lemma, _ in wn.lemmas(word)}


def names_of_terrorists(wn: WordNet) -> set:
    """The last word of each name of a person WordNet lists as an instance of terrorist
    (BIN LADEN gives LADEN)."""
    names = set()
    for key in wn.closure([wn.sense(*TERRORIST)]):
        for symbol, target in wn.synsets[key][1]:
            if symbol == "~i":
                names.update(n.split("_")[-1] for n in wn.synsets[target][0] if "_" in n)
    return names
