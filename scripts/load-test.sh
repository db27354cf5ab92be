#!/usr/bin/env bash
# Load test: the release call-handler (the Lambda zip's bootstrap) behind a local Lambda runtime
# API, against moto on loopback: a fixed mix of distinct callers, returning callers, withheld
# numbers and one contact id sent three times at once, every answer and then the table checked.
# Prints one summary line (invocations, concurrency, lost, duplicated, late stores, p50/p99
# latency) and fails unless nothing was lost, duplicated, partial or wrong, every call was
# answered within the flow's Lambda limit (read from the rendered flow), the p99 latency is
# within the store deadline plus 500 ms (--p99-ms) and at most 5% of the store calls missed
# the handler's deadline (--max-late-percent). The driver is lambda/call-handler/examples/load_test/.
#
#   scripts/load-test.sh [--invocations N] [--concurrency C] [--p99-ms MS] [--max-late-percent P]
#                                                        # defaults: 1000, 50, 2000, 5
#
# Needs cargo-lambda and moto_server (the README's test command installs both in .venv), unzip
# and jq. Bounded: N calls, each within the flow's Lambda time limit, the run within 5 minutes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

invocations=1000
concurrency=50
bounds=()
while [ $# -gt 0 ]; do
  case "$1" in
    --invocations) invocations="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --p99-ms|--max-late-percent) bounds+=("$1" "$2"); shift 2 ;;
    *) echo "usage: scripts/load-test.sh [--invocations N] [--concurrency C] [--p99-ms MS] [--max-late-percent P]" >&2; exit 2 ;;
  esac
done

[ -x .venv/bin/moto_server ] && export PATH="$root/.venv/bin:$PATH"
for tool in moto_server unzip jq; do
  command -v "$tool" >/dev/null || {
    echo "error: $tool is not on PATH; run the README's test command (it installs the tools)" >&2
    exit 2
  }
done
export MOTO_SERVER="${MOTO_SERVER:-$(command -v moto_server)}"

# Each call gets the time the flow gives the Lambda (InvocationTimeLimitSeconds), read from the
# committed flow so the two cannot drift.
time_limit="$(jq -r '[.Actions[] | select(.Type == "InvokeLambdaFunction")
  | .Parameters.InvocationTimeLimitSeconds | tonumber] | min' terraform/contact-flow.json)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scripts/release-bootstrap.sh "$work"

# Built with the test command's own selection (--workspace --all-features), so nothing is
# compiled again for another set of features.
cargo build --quiet --workspace --all-features --example load_test
"${CARGO_TARGET_DIR:-$root/target}/debug/examples/load_test" \
  --bootstrap "$work/bootstrap" --invocations "$invocations" --concurrency "$concurrency" \
  --time-limit-seconds "$time_limit" --max-seconds 300 "${bounds[@]}"
