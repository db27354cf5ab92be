#!/usr/bin/env bash
# Builds the call-handler Lambda zip exactly as scripts/build-lambdas.sh and deploy do (a no-op
# when it is fresh) and unzips its `bootstrap` into DIR, for the scripts that run the release
# binary behind a local runtime API (load-test.sh, cold-warm.sh).
#
#   scripts/release-bootstrap.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: scripts/release-bootstrap.sh DIR" >&2; exit 2; }
command -v cargo-lambda >/dev/null || {
  echo "error: cargo-lambda is not on PATH; run the README's test command (it installs it in .venv)" >&2
  exit 2
}
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
cargo lambda build --release --x86-64 --output-format zip --lambda-dir target/lambda \
  --package call-handler --package phone-link >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
unzip -q -o target/lambda/call-handler/bootstrap.zip -d "$1"
