#!/usr/bin/env bash
# The engine's speed, side by side with an older revision in one run (absolute figures move
# with the machine and its load; the ratio is what counts): per-number latency (p50, p90,
# p99, max) on the quality benchmark's 10,000 seeded numbers, and CLI-equivalent throughput
# (numbers on stdin, five results each written like `connect-vanity vanity --json`) on
# 100,000 numbers. Both come from lambda/engine/examples/throughput.rs, built against each
# revision's engine, so only the engine differs; the CLI itself is not built.
#
# Usage: scripts/bench-engine.sh [--before REV] [ROUNDS]
#   REV defaults to 1b3afe3 (main before issue 15); ROUNDS (default 5) alternate old and new,
#   and the medians are compared. Exits 1 when the new p99 is more than 10% above the old or
#   the new throughput more than 10% below it.
# Honours CARGO_TARGET_DIR; the old build gets its own target directory under it.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
rev=1b3afe3
if [ "${1:-}" = "--before" ]; then
    rev="${2:?usage: scripts/bench-engine.sh [--before REV] [ROUNDS]}"
    shift 2
fi
rounds="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
# shellcheck source=scripts/engine-workspace.sh
. scripts/engine-workspace.sh

# The old engine, with today's measuring example copied in (it uses only the public API).
git archive "$rev" lambda/engine data Cargo.lock | tar -x -C "$work"
fresh_dates "$work"
cp lambda/engine/examples/throughput.rs "$work/lambda/engine/examples/throughput.rs"
engine_workspace "$work"
(cd "$work" && CARGO_TARGET_DIR="$target/bench-before" cargo build --release --quiet -p vanity-engine --example throughput)
cargo build --release --quiet -p vanity-engine --example throughput
old="$target/bench-before/release/examples/throughput"
new="$target/release/examples/throughput"

# Written whole first: `head` closing the pipe early would kill the example (pipefail).
cargo run --release --quiet -p vanity-engine --example quality -- --numbers > "$work/numbers.txt"
head -n 10000 "$work/numbers.txt" > "$work/seeded.txt"
python3 - > "$work/many.txt" <<'PY'
import random, sys
rng = random.Random(42)
out = sys.stdout
for _ in range(100_000):
    out.write(f"+1{rng.randint(200, 999)}{rng.randint(0, 9_999_999):07d}\n")
PY

# One measurement: "p99 throughput" for a binary.
measure() {
    local bin="$1" line p99 rate
    line=$("$bin" --latency < "$work/seeded.txt")
    p99=$(echo "$line" | sed -E 's/.*p99 ([0-9.]+) us.*/\1/')
    rate=$("$bin" < "$work/many.txt" 2>&1 >/dev/null | sed -E 's/.* = ([0-9]+) numbers\/s.*/\1/')
    echo "$p99 $rate"
    echo "    $line; $rate numbers/s" >&2
}
: > "$work/old.txt"; : > "$work/new.txt"
for round in $(seq "$rounds"); do
    echo "round $round: $rev" >&2
    measure "$old" >> "$work/old.txt"
    echo "round $round: working tree" >&2
    measure "$new" >> "$work/new.txt"
done
python3 - "$work/old.txt" "$work/new.txt" "$rev" <<'PY'
import statistics, sys
def load(path):
    rows = [tuple(map(float, l.split())) for l in open(path) if l.strip()]
    return statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows)
(old_p99, old_rate), (new_p99, new_rate) = load(sys.argv[1]), load(sys.argv[2])
rev = sys.argv[3]
print(f"median of rounds      {rev:>12}   working tree   ratio")
print(f"p99 latency (us)      {old_p99:12.1f}   {new_p99:12.1f}   {new_p99 / old_p99:.2f}")
print(f"throughput (numbers/s){old_rate:12.0f}   {new_rate:12.0f}   {new_rate / old_rate:.2f}")
ok = new_p99 <= 1.10 * old_p99 and new_rate >= 0.90 * old_rate
print("within 10% of the older revision" if ok else "OUTSIDE the 10% budget")
sys.exit(0 if ok else 1)
PY
