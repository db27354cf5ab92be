#!/usr/bin/env bash
# Cold and warm latency of the release call-handler (the Lambda zip's bootstrap) behind a local
# Lambda runtime API, with the table in moto on loopback: process start to first answer, then
# the p50/p99 of one warm process. The driver is lambda/call-handler/examples/cold_warm.rs.
#
#   scripts/cold-warm.sh [--cold-starts N] [--warm-calls N]     # defaults: 10 and 300
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -x .venv/bin/moto_server ] && export PATH="$root/.venv/bin:$PATH"
command -v moto_server >/dev/null || {
  echo "error: moto_server is not on PATH; run the README's test command (it installs it)" >&2
  exit 2
}
export MOTO_SERVER="${MOTO_SERVER:-$(command -v moto_server)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scripts/release-bootstrap.sh "$work"
# Built with the test command's own selection (--workspace --all-features), so nothing is
# compiled again for another set of features.
cargo build --quiet --workspace --all-features --example cold_warm
"${CARGO_TARGET_DIR:-$root/target}/debug/examples/cold_warm" --bootstrap "$work/bootstrap" "$@"
