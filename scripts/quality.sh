#!/usr/bin/env bash
# The vanity engine's quality benchmark (lambda/engine/examples/quality.rs) on 10,000 seeded
# random NANP numbers: how often the best result and the heard results (the first three) read
# as one familiar word with digits or an attested phrase, judged blind (data the ranking does
# not use: data/judge/), the share of heard results that are phrases, the share of numbers
# whose best result dials 4+ and 5+ letters, the share with no result against its limit (no
# familiar headword fits), coverage against the limits the dictionary sets, results per
# number, results in each never-offer category, offensive and wrong-dial results, and the
# advertised-list hit rate.
#
# Usage: scripts/quality.sh                 the current tree
#        scripts/quality.sh --before REV    results of the engine at git revision REV beside this
#                                           tree's, judged by the current measures (same
#                                           numbers, same judge), one figure a line
#        scripts/quality.sh --dump REV FILE the top five results of the engine at REV on the
#                                           seeded numbers, written to FILE and not judged
#                                           (scripts/category-sources.sh reads them)
# Honours CARGO_TARGET_DIR. Builds an older engine in a temporary copy (git archive) with its
# own target directory under the target dir, so the current build is left alone.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
cd "$root"
# shellcheck source=scripts/engine-workspace.sh
. scripts/engine-workspace.sh

if [ "${1:-}" != "--before" ] && [ "${1:-}" != "--dump" ]; then
    exec cargo run --release --quiet -p vanity-engine --example quality
fi
rev="${2:?usage: scripts/quality.sh --before REV | --dump REV FILE}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git archive "$rev" lambda/engine data Cargo.lock | tar -x -C "$work"
fresh_dates "$work"
mkdir -p "$work/dump/src"
engine_workspace "$work" dump
cat > "$work/dump/Cargo.toml" <<'TOML'
[package]
name = "dump"
version = "0.1.0"
edition = "2021"
[dependencies]
vanity-engine = { path = "../lambda/engine" }
TOML
# Top five results per number: number<TAB>letters<TAB>word,word (the engine's public API,
# which every revision has).
cat > "$work/dump/src/main.rs" <<'RS'
use std::io::{BufRead, Write};
fn main() {
    let mut out = std::io::stdout().lock();
    for line in std::io::stdin().lock().lines() {
        let number = line.expect("reading stdin");
        let number = number.trim();
        for v in vanity_engine::vanity_numbers(number, 5).unwrap_or_default() {
            writeln!(out, "{number}\t{}\t{}", v.letters, v.words.join(",")).expect("stdout");
        }
    }
}
RS
cargo run --release --quiet -p vanity-engine --example quality -- --numbers > "$work/numbers.txt"
(cd "$work" && CARGO_TARGET_DIR="$target/quality-before" cargo build --release --quiet -p dump)
"$target/quality-before/release/dump" < "$work/numbers.txt" > "$work/results.tsv"
if [ "$1" = "--dump" ]; then
    cp "$work/results.tsv" "${3:?usage: scripts/quality.sh --dump REV FILE}"
    exit 0
fi
cargo run --release --quiet -p vanity-engine --example quality -- --results "$work/results.tsv"
