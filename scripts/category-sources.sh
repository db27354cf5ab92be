#!/usr/bin/env bash
# What each source of the never-offer categories adds and costs (figures in docs/engine.md):
# the engine at REV (a revision before the sources changed) answers the 10,000 seeded numbers,
# then scripts/category_sources.py counts, per source of data/categories.tsv, its entries and
# the results, heard results and words of that older engine that the entries added since REV
# take away, and how many of those read as familiar words.
#
# Usage: scripts/category-sources.sh REV
# Builds REV's engine in a temporary copy (scripts/quality.sh --dump); honours CARGO_TARGET_DIR.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
rev="${1:?usage: scripts/category-sources.sh REV}"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git show "$rev:data/categories.tsv" > "$work/categories.tsv"
scripts/quality.sh --dump "$rev" "$work/results.tsv"
python3 scripts/category_sources.py "$work/results.tsv" "$work/categories.tsv"
