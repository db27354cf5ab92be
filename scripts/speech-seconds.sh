#!/usr/bin/env bash
# Seconds of speech a caller hears from the intro to the menu: the intro, the shared start when
# it is said, and the best `results.speak` numbers, spoken by espeak-ng (the `--wav` voice, a
# local stand-in for Amazon Polly) and measured with soxi. Runs `connect-vanity call` on the
# committed vanity.yaml for N seeded random US numbers (default 100) and prints the mean and
# the median over the calls that reach results.
#
# Usage: scripts/speech-seconds.sh [N]                the current tree
#        scripts/speech-seconds.sh --before REV [N]   the CLI at git revision REV (built in a
#                                                     temporary copy with its own target dir
#                                                     under the target dir), same numbers
# Needs espeak-ng and sox (scripts/test.sh installs both). Honours CARGO_TARGET_DIR.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
cd "$root"

rev=""
if [ "${1:-}" = "--before" ]; then
    rev="${2:?usage: scripts/speech-seconds.sh --before REV [N]}"
    shift 2
fi
count="${1:-100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "$rev" ]; then
    cargo build --quiet --bin connect-vanity
    cli="$target/debug/connect-vanity"
    config="$root/vanity.yaml"
else
    git archive "$rev" | tar -x -C "$work"
    # Dated now: cargo would otherwise take the last build in the shared target directory for
    # this revision's (git archive dates files at their commit; scripts/engine-workspace.sh).
    find "$work" -type f -exec touch {} +
    (cd "$work" && CARGO_TARGET_DIR="$target/speech-before" cargo build --quiet --bin connect-vanity)
    cli="$target/speech-before/debug/connect-vanity"
    config="$work/vanity.yaml"
fi

# Seeded, so every run and every revision hears the same callers: +1, an area code 200-999,
# then seven digits.
python3 -c "
import random
r = random.Random(15)
for _ in range($count):
    print('+1%03d%07d' % (r.randrange(200, 1000), r.randrange(10**7)))
" > "$work/numbers.txt"

: > "$work/seconds.txt"
while read -r number; do
    # The in-memory store: every caller is new, as on a first call.
    env -u AWS_ENDPOINT_URL -u AWS_ENDPOINT_URL_DYNAMODB \
        "$cli" call --config "$config" "$number" > "$work/transcript.txt"
    # What the caller hears from the first prompt whose action starts with say-intro up to the
    # first menu.
    awk '
        /^\[say-intro/ { on = 1 }
        /^\[menu-keys/ { exit }
        on && /caller hears: / { sub(/^.*caller hears: /, ""); print }
    ' "$work/transcript.txt" > "$work/heard.txt"
    [ -s "$work/heard.txt" ] || continue
    espeak-ng -f "$work/heard.txt" -w "$work/heard.wav"
    soxi -D "$work/heard.wav" >> "$work/seconds.txt"
done < "$work/numbers.txt"

sort -n "$work/seconds.txt" | awk -v rev="${rev:-working tree}" '
    { s[NR] = $1; total += $1 }
    END {
        if (NR == 0) { print "no call reached results"; exit 1 }
        median = (NR % 2) ? s[(NR + 1) / 2] : (s[NR / 2] + s[NR / 2 + 1]) / 2
        printf "%s: %d calls with results, intro to menu: mean %.2f s, median %.2f s\n", rev, NR, total / NR, median
    }'
