#!/usr/bin/env python3
"""Rebuild data/lm-pairs.tsv: word pairs a language model attests as a collocation, the third
source of pairs the vanity engine may offer as a phrase (after data/bigrams.tsv and
data/compounds.tsv, which scripts/build-phrases.py writes; run that first).

Source: the generic US English trigram model of CMU Sphinx, `en-us.lm.bin`, shipped in the
PyPI wheel pocketsphinx 5.1.1 (`pocketsphinx/model/en-us/`; BSD-style licence, Carnegie
Mellon University and Alpha Cephei Inc., kept in data/POCKETSPHINX-LICENSE.txt). Its bigrams
(2,051,547 by its header) are the word pairs its training text held often enough to keep,
each with the probability of the second word after the first. The model was trained on other text than the
web corpus of data/bigrams.tsv, and is not WordNet or OpenSubtitles, the judge's sources.

A bigram of a sentence model is often no phrase: "kids even", "work seems" are pieces of
longer sentences. So a pair is kept only when:

- both words are in data/words.tsv, have two letters or more, fit nine letters together (seven
  digits and two of overrun), and are plain content words (a noun, verb, adjective or adverb
  tag and no determiner, pronoun, function-word or connector tag): the engine's phrase shapes
  for closed-class words are covered by the other lists;
- both words are used at least Zipf MIN_WORD_ZIPF10 / 10 (the engine's familiarity bar);
- the second word is at least 10 ** MIN_PMI times as likely after the first as it is anywhere
  (pointwise mutual information, log10 P(second | first) - log10 P(second)): the classic test
  of a collocation, which keeps HAND-TOWEL, SKY-MALL, SEVEN-SEAS and drops KIDS-EVEN (the
  figures of each threshold are in docs/engine.md);
- the second word is not only a verb (MEN-TEND, KIDS-STOLE are a clause's subject and verb),
  and the two words differ;
- neither data/bigrams.tsv nor data/compounds.tsv has the pair.

Such a pair is written with LM_ZIPF10: a model probability is no count of uses, so, as for
the thesaurus's entries, the engine takes it as the least used pair of the bigram list
(bigram Zipf 2.0). A held pair of everyday words that is no collocation but at least as
likely as chance (PMI 0 or more: QUIT-NOW, MY-APPLE, GET-THIN, and not MY-SAY, GET-THINK) is
written with HELD_ZIPF10, when a phrase pattern could make it (pattern_shape): the engine
offers it only as a pattern phrase, at less cost than a pattern phrase the model does not
hold.

Usage: scripts/build-lm-pairs.py     (needs pocketsphinx in a venv, see data/README.md)
Output sorted: a rebuild gives no diff.
"""

import sys
from collections import Counter
from pathlib import Path

import pocketsphinx

MAX_LETTERS = 9
MIN_WORD_ZIPF10 = 30
MIN_PMI = 1.5
LM_ZIPF10 = 20
# The value of a held pair that is no collocation: below every list's floor, so the engine can
# tell it. This, LM_ZIPF10 (the lists' floor) and EVERYDAY_ZIPF10 are the engine's
# (lambda/engine/tables/src/phrases.rs); the build script refuses other values.
HELD_ZIPF10 = 1
# The bar of the phrase patterns' words. Only to keep the file small: the engine checks every
# held pair again.
EVERYDAY_ZIPF10 = 40
# Tags of data/words.tsv: content classes, and the closed-class tags a kept word must lack.
CONTENT = set("nvar")
CLOSED = set("dofj")
# The probabilities the model returns are logarithms in this base (sphinxbase's default).
LOG_BASE = 1.0001
# The model adds logarithms in whole units of that base: a backoff answer varies by one unit.
ROUNDING = 2
# No English word: the model answers it with its unknown-word probability.
UNKNOWN = "qqqzzzx"


def dictionary(here: Path) -> dict:
    words = {}
    for line in (here / "data" / "words.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            fields = line.split("\t")
            words[fields[0]] = (int(fields[2]), set(fields[3]) if len(fields) > 3 else set())
    return words


def listed_pairs(here: Path) -> set:
    pairs = set()
    for name in ("bigrams.tsv", "compounds.tsv"):
        for line in (here / "data" / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                first, second, _ = line.split("\t")
                pairs.add((first, second))
    return pairs


def plain(word: str, words: dict) -> bool:
    """A content word of two letters or more, used at least MIN_WORD_ZIPF10."""
    entry = words.get(word)
    if entry is None or len(word) < 2:
        return False
    zipf10, tags = entry
    return zipf10 >= MIN_WORD_ZIPF10 and bool(tags & CONTENT) and not tags & CLOSED


def everyday(word: str, words: dict) -> bool:
    """A word a phrase pattern may hold (lambda/engine/src/pattern.rs: EVERYDAY_ZIPF); the
    possessives MY and YOUR start patterns too."""
    entry = words.get(word)
    return entry is not None and entry[0] >= EVERYDAY_ZIPF10


def held_pairs(model, logmath, words: dict) -> dict:
    """`(first, second) -> PMI` for the pairs the model holds as a bigram, of a first word used
    at least MIN_WORD_ZIPF10 and a plain second word, fitting MAX_LETTERS.

    The binary model cannot be listed reliably (pocketsphinx 5.1.1's and sphinxbase's ARPA
    writers stop part-way on this model: its trie holds fewer bigrams than its header
    counts), so every pair that fits is asked instead. For a pair the model does not hold, a
    backoff model answers P(second | first) = backoff(first) x P(second), so its PMI is
    log10 backoff(first), the same for every unheld second word: the most common PMI after a
    first word is its backoff, and a pair whose PMI is that value (to the model's rounding)
    is not held. Words the model does not know are left out (their probability is the
    unknown word's).
    """
    # prob([word, history...]) is log P(word | history) in the LogMath's base.
    seconds = {}
    for word in words:
        if plain(word, words):
            seconds.setdefault(len(word), []).append(word)
    unknown = model.prob([UNKNOWN])
    alone = {w: model.prob([w]) for group in seconds.values() for w in group}
    alone = {w: score for w, score in alone.items() if score != unknown}
    firsts = sorted(w for w, (zipf10, _) in words.items() if zipf10 >= MIN_WORD_ZIPF10)
    held = {}
    for first in firsts:
        scores = {}
        for length, group in seconds.items():
            if len(first) + length <= MAX_LETTERS:
                for second in group:
                    if second in alone:
                        scores[second] = model.prob([second, first]) - alone[second]
        if not scores:
            continue
        backoff = Counter(scores.values()).most_common(1)[0][0]
        for second, score in scores.items():
            if abs(score - backoff) > ROUNDING:
                held[(first, second)] = logmath.log_to_log10(score)
    return held


def pattern_shape(first: str, second: str, words: dict) -> bool:
    """Whether a phrase pattern could make the pair by the word classes of the engine's rules
    (lambda/engine/src/pattern.rs), which the engine checks again with what only it knows
    (which adjectives are modifiers): the second word a plain base form of three letters or
    more; after MY or YOUR a noun, after GET or GOT a noun or adjective, after a plain
    adjective a noun, and NOW after a plain verb in its base form. Rows no rule can use would
    only slow the search, which reads every listed successor."""
    first_tags, second_tags = words[first][1], words[second][1]
    if len(second) < 3 or not pattern_word(second_tags):
        return False
    if first in ("my", "your"):
        return "n" in second_tags
    if first in ("get", "got"):
        return bool(second_tags & set("na"))
    if not pattern_word(first_tags):
        return False
    if second == "now":
        return "v" in first_tags
    return "a" in first_tags and "n" in second_tags  # NOW is rule 1's alone (pattern.rs)


def pattern_word(tags: set) -> bool:
    """A plain content word in its base form, as the patterns' words are: a noun, verb,
    adjective or adverb, no closed-class, capitalised or acronym tag, not inflected."""
    return bool(tags & CONTENT) and not tags & (CLOSED | set("ckix"))


def select(held: dict, words: dict, listed: set) -> dict:
    """`(first, second) -> value`: LM_ZIPF10 for a collocation of two plain words (PMI at
    least MIN_PMI), HELD_ZIPF10 for any other held pair of everyday words at least as likely
    as chance (PMI 0 or more), which the engine offers only where a phrase pattern makes it;
    none the other lists have, and no word twice (LOW-LOW, SICK-SICK: a model of running
    text holds stammers and lists)."""
    chosen = {}
    for (first, second), pmi in held.items():
        if (first, second) in listed or first == second:
            continue
        if pmi >= MIN_PMI and plain(first, words) and not clause(second, words):
            chosen[(first, second)] = LM_ZIPF10
        elif pmi >= 0 and pattern_shape(first, second, words):
            if everyday(first, words) and everyday(second, words):
                chosen[(first, second)] = HELD_ZIPF10
    return chosen


def clause(second: str, words: dict) -> bool:
    """Whether a pair ending on `second` reads as a clause cut from a sentence: `second` is
    only a verb (no noun or adjective tag), so the first word is its subject (MEN-TEND,
    KIDS-STOLE), not a phrase a number could be named by."""
    tags = words[second][1]
    return "v" in tags and not tags & set("na")


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    words = dictionary(here)
    listed = listed_pairs(here)
    model_dir = Path(pocketsphinx.get_model_path()) / "en-us"
    model = pocketsphinx.NGramModel.readfile(str(model_dir / "en-us.lm.bin"))
    logmath = pocketsphinx.LogMath(LOG_BASE)
    # The model's logarithms are in sphinxbase's default base: then the dictionary's words
    # hold most of its unigram probability (0.85), and no more than all of it.
    total = sum(10 ** logmath.log_to_log10(model.prob([w])) for w in words)
    if not 0.5 <= total <= 1.0:
        sys.exit(f"the dictionary's words hold {total:.3f} of the model's probability: is its base {LOG_BASE}?")
    chosen = select(held_pairs(model, logmath, words), words, listed)
    with (here / "data" / "lm-pairs.tsv").open("w", encoding="utf-8") as out:
        out.write(
            f"# first\tsecond\tvalue: {LM_ZIPF10}, a collocation (PMI >= {MIN_PMI}, log10), taken as"
            f" the least used attested pair; {HELD_ZIPF10}, a pair of everyday words offered only"
            " as a phrase pattern; bigrams of CMU Sphinx's en-us language model that bigrams.tsv"
            " and compounds.tsv lack; generated by scripts/build-lm-pairs.py\n"
        )
        for (first, second), value in sorted(chosen.items()):
            out.write(f"{first}\t{second}\t{value}\n")
    kinds = Counter(chosen.values())
    print(f"{kinds[LM_ZIPF10]} collocations, {kinds[HELD_ZIPF10]} held pattern pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
