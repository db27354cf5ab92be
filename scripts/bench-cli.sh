#!/usr/bin/env bash
# Throughput of `connect-vanity vanity --json` on 100,000 numbers read from stdin.
#
# Generates the numbers with a fixed seed (Python's random, seed 42: +1, area code 200-999,
# seven random digits), builds the release binary, and times one run with stdout to /dev/null.
# Usage: scripts/bench-cli.sh [COUNT]       (COUNT defaults to 100000)
# Honours CARGO_TARGET_DIR. Prints numbers/s; exits 1 when under the 200,000/s target.
set -euo pipefail

count="${1:-100000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$count" > "$work/numbers.txt" <<'PY'
import random, sys
rng = random.Random(42)
out = sys.stdout
for _ in range(int(sys.argv[1])):
    out.write(f"+1{rng.randint(200, 999)}{rng.randint(0, 9_999_999):07d}\n")
PY

(cd "$root" && cargo build --release --quiet --bin connect-vanity)
bin="$target/release/connect-vanity"

# Times one run; prints a summary on stderr and the rate (numbers/s) on stdout.
run() {
    local label="$1"; shift
    local start end ns
    start=$(date +%s%N)
    "$bin" vanity "$@" < "$work/numbers.txt" > "$work/out.txt"
    end=$(date +%s%N)
    ns=$((end - start))
    printf '%-8s %d numbers in %d.%03d s = %d numbers/s, %d output lines\n' \
        "$label" "$count" $((ns / 1000000000)) $((ns / 1000000 % 1000)) \
        $((count * 1000000000 / ns)) "$(wc -l < "$work/out.txt")" >&2
    echo $((count * 1000000000 / ns))
}

json_rate=$(run "--json" --json)
run "human" > /dev/null
if [ "$json_rate" -lt 200000 ]; then
    echo "below the 200,000 numbers/s target" >&2
    exit 1
fi
