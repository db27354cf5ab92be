#!/usr/bin/env bash
# What callers hear, for a reader to check by taste: every word and every phrase in the heard
# results (the first three) of the engine at REV on the 10,000 seeded numbers, with how often
# each is heard, most heard first. The blind judge checks familiarity and attested pairs, not
# taste; a reader's pass over these lists is how the last words and phrases a business would
# regret were found (docs/engine.md, "Nothing a business would regret").
#
# Usage: scripts/heard-words.sh [REV] OUT_DIR   REV defaults to HEAD (commit first to read the
#        tree's engine); writes OUT_DIR/heard-words.tsv and OUT_DIR/heard-phrases.tsv
#        (word or phrase<TAB>times heard; a phrase's words joined by "-").
# Builds REV's engine in a temporary copy (scripts/quality.sh --dump); honours CARGO_TARGET_DIR.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -eq 2 ]; then rev="$1"; out="$2"; else rev=HEAD; out="${1:?usage: scripts/heard-words.sh [REV] OUT_DIR}"; fi
cd "$root"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scripts/quality.sh --dump "$rev" "$work/results.tsv"
# results.tsv: number<TAB>letters<TAB>word,word, five lines a number at most, best first.
awk -F'\t' -v words="$work/words" -v phrases="$work/phrases" '
  $1 != number { number = $1; rank = 0 }
  rank++ < 3 {
    n = split($3, w, ",")
    for (i = 1; i <= n; i++) print w[i] > words
    if (n > 1) { gsub(",", "-", $3); print $3 > phrases }
  }' "$work/results.tsv"
touch "$work/words" "$work/phrases"
for kind in words phrases; do
  sort "$work/$kind" | uniq -c | sort -k1,1nr -k2,2 | awk '{ print $2 "\t" $1 }' > "$out/heard-$kind.tsv"
done
echo "$(wc -l < "$out/heard-words.tsv") words, $(wc -l < "$out/heard-phrases.tsv") phrases in $out" >&2
