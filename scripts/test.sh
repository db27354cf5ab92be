#!/usr/bin/env bash
# Runs every check connect-vanity has, on a fresh machine too: it installs what it needs
# (Debian packages, a Python venv with moto, cargo-lambda and checkov), then runs, failing
# fast: fmt, clippy, the Lambda zip build, the tests, render --check, Terraform checks with the
# real hashicorp/aws provider, a plan against moto, checkov, `deploy --plan`, the Lambda
# runtime API check, the reliability figures and a load test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
step() { printf '\n==> %s\n' "$*"; }

step "system packages"
missing=()
for tool_package in espeak-ng:espeak-ng sox:sox dot:graphviz jq:jq unzip:unzip curl:curl; do
  command -v "${tool_package%%:*}" >/dev/null || missing+=("${tool_package##*:}")
done
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q "${missing[@]}"
fi

step "python tools (.venv)"
if [ ! -x .venv/bin/python ] || ! cmp -s requirements-dev.txt .venv/requirements-dev.txt; then
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -r requirements-dev.txt
  cp requirements-dev.txt .venv/requirements-dev.txt
fi
export PATH="$root/.venv/bin:$PATH"
export MOTO_SERVER="$root/.venv/bin/moto_server"

step "terraform CLI config (provider mirror when this machine has one)"
scripts/terraform-cli-config.sh > /dev/null
export TF_CLI_CONFIG_FILE="$root/target/terraform/cli.tfrc"
export TF_IN_AUTOMATION=1

step "cargo fmt"
cargo fmt --all --check

step "cargo clippy (every feature; then the CLI's default build, which has no AWS SDK)"
cargo clippy --workspace --all-targets --all-features -- -D warnings
cargo clippy -p connect-vanity -- -D warnings

step "Lambda zips (cargo lambda build)"
scripts/build-lambdas.sh

step "cargo test"
# --all-features: the CLI's `aws` build too (calls, call against DynamoDB). Every cargo command
# below uses the same selection, so nothing is compiled twice for other features.
cargo test --workspace --all-features

step "render --check (terraform/ matches vanity.yaml)"
cargo run --quiet -- render --check

step "terraform checks"
scripts/terraform-checks.sh

step "checkov"
checkov --quiet --compact --skip-download --framework terraform -d terraform

step "Lambda runtime API"
scripts/test-lambda-runtime.sh

step "reliability figures: hostile input cases tried, flow coverage"
# Already run by `cargo test` above; run again uncaptured (seconds) so their figures are printed.
cargo test --quiet --workspace --all-features --test hostile_events --test hostile_input \
  --test hostile_config -- --nocapture 2>&1 | grep 'cases,' | sed 's/^\.*//'
cargo test --quiet --workspace --all-features --test simulate_golden golden_calls_walk -- --nocapture 2>&1 \
  | grep 'flow coverage:'

step "load test (300 calls, 10 in flight; scripts/load-test.sh alone runs 1,000 at 50)"
# Sized to what moto, one Python process, carries on two cores while the rest of this machine
# works; the verdict still tells store calls that missed the deadline from lost ones.
scripts/load-test.sh --invocations 300 --concurrency 10

printf '\nall checks passed\n'
