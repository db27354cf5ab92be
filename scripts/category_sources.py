#!/usr/bin/env python3
"""What each source of the never-offer categories adds, and what it costs: read by
scripts/category-sources.sh, which gives it the engine's results at a revision before the
sources changed.

Usage: scripts/category_sources.py RESULTS OLD_CATEGORIES
  RESULTS         lines `number<TAB>letters<TAB>word,word`, the top five results per seeded
                  number (scripts/quality.sh --dump REV FILE), best first
  OLD_CATEGORIES  data/categories.tsv as it was at that revision

For each source named in the third column of data/categories.tsv (curated, vader, ldnoobw,
wordnet, cuss): the entries it holds, those no other source holds, those new since the old
file; then, over the old engine's results, what the entries new since the old file take away,
per source that holds them: results (of the five asked per number), heard results (the first
three), best results, and the distinct words. A result is taken away when one of its words is
a new entry, or a new entry of four or more letters reads across two adjacent words (the
engine's rule, `lambda/engine/src/category.rs`). "Good" results are those whose words are all
familiar (data/judge/familiar.txt, the blind judge's list): what a caller would have liked.
"""

import sys
from collections import defaultdict
from pathlib import Path

HEARD = 3
SOURCES = ("curated", "vader", "ldnoobw", "wordnet", "cuss")


def read_categories(path: Path) -> dict:
    """entry -> set of source names (the first word of each `;`-separated source)."""
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        names = {s.strip().split(" ")[0] for s in fields[2].split(";")} if len(fields) > 2 else set()
        entries[fields[0]] = names
    return entries


def groups(letters: str, words: list):
    """(is_word, text) runs of a result, as the judge splits them."""
    lower, at, out = letters.lower(), 0, []
    for word in words:
        start = lower.find(word, at)
        if start < 0:
            return None
        if start > at:
            out.append((False, lower[at:start]))
        out.append((True, word))
        at = start + len(word)
    if at < len(lower):
        out.append((False, lower[at:]))
    return out


def hit(words: list, letters: str, entries: dict):
    """The first entry the result falls on: a word, or 4+ letters across two adjacent words."""
    for word in words:
        if word in entries:
            return word
    runs = groups(letters, words) or []
    for k in range(len(runs) - 1):
        (a_word, a), (b_word, b) = runs[k], runs[k + 1]
        if not (a_word and b_word):
            continue
        joined, cut = a + b, len(a)
        for start in range(cut):
            for end in range(max(cut + 1, start + 4), len(joined) + 1):
                if joined[start:end] in entries:
                    return joined[start:end]
        if f"{a} {b}" in entries:
            return f"{a} {b}"
    return None


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    results_path, old_path = Path(sys.argv[1]), Path(sys.argv[2])
    new = read_categories(here / "data" / "categories.tsv")
    old = read_categories(old_path)
    familiar = {
        line for line in (here / "data" / "judge" / "familiar.txt").read_text().splitlines()
        if line and not line.startswith("#")
    }
    added = {e: s for e, s in new.items() if e not in old}
    print(f"entries: {len(old)} before, {len(new)} now, {len(added)} added")
    print("source    entries  only-this-source  added  added-only-by-it")
    for source in SOURCES:
        held = [e for e, s in new.items() if source in s]
        only = [e for e in held if new[e] == {source}]
        add = [e for e in held if e in added]
        add_only = [e for e in add if added[e] == {source}]
        print(f"{source:<9} {len(held):>7}  {len(only):>16}  {len(add):>5}  {len(add_only):>16}")

    taken = defaultdict(lambda: defaultdict(int))
    words = defaultdict(set)
    rank = defaultdict(int)
    for line in results_path.read_text().splitlines():
        number, letters, joined = line.split("\t")
        found = [w for w in joined.split(",") if w]
        position = rank[number]
        rank[number] += 1
        entry = hit(found, letters, added)
        if entry is None:
            continue
        good = all(w in familiar for w in found)
        for source in sorted(added[entry]) + ["any"]:
            counts = taken[source]
            counts["results"] += 1
            counts["good"] += good
            counts["heard"] += position < HEARD
            counts["best"] += position == 0
            words[source].add(entry)
    total = sum(rank.values())
    print(f"\nold results: {total} on {len(rank)} numbers; taken away by the added entries:")
    print("source    results  good  heard  best  words")
    for source in list(SOURCES) + ["any"]:
        c = taken[source]
        print(f"{source:<9} {c['results']:>7}  {c['good']:>4}  {c['heard']:>5}  {c['best']:>4}"
              f"  {len(words[source]):>5}")
    print("\nwords taken away (any source), with the results each took:")
    per_word = defaultdict(int)
    for line in results_path.read_text().splitlines():
        number, letters, joined = line.split("\t")
        entry = hit([w for w in joined.split(",") if w], letters, added)
        if entry is not None:
            per_word[entry] += 1
    print(" ".join(f"{w}:{n}({'+'.join(sorted(added[w]))})"
                   for w, n in sorted(per_word.items(), key=lambda x: (-x[1], x[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
