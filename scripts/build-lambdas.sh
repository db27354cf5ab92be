#!/usr/bin/env bash
# Builds the two Lambda zips exactly where the rendered Terraform looks for them:
#   target/lambda/call-handler/bootstrap.zip and target/lambda/phone-link/bootstrap.zip
# for provided.al2023 on x86_64, and into target/lambda-arm64/ when the aarch64 Rust target is
# installed. Checks each zip holds `bootstrap` and stays under the 6 MB budget.
# Needs cargo-lambda on PATH (`pip install cargo-lambda`; the test command installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
max_bytes=$((6 * 1024 * 1024))

build() { # build ARCH_FLAG LAMBDA_DIR
  # Both packages in one cargo invocation, exactly as `connect-vanity deploy` builds them, so
  # their shared dependencies are compiled once (cargo resolves features per invocation) and
  # deploy finds everything already built.
  cargo lambda build --release "$1" --output-format zip --lambda-dir "$2" \
    --package call-handler --package phone-link
  for bin in call-handler phone-link; do
    zip="$2/$bin/bootstrap.zip"
    unzip -Z1 "$zip" | grep -qx bootstrap || { echo "$zip does not hold bootstrap" >&2; exit 1; }
    bytes=$(stat -c %s "$zip")
    [ "$bytes" -le "$max_bytes" ] || { echo "$zip is $bytes bytes, over the 6 MB budget" >&2; exit 1; }
    echo "$zip: $bytes bytes"
  done
}

build --x86-64 target/lambda
if rustup target list --installed 2>/dev/null | grep -qx aarch64-unknown-linux-gnu; then
  build --arm64 target/lambda-arm64
else
  echo "arm64 zips skipped: the aarch64-unknown-linux-gnu Rust target is not installed here"
fi
