#!/usr/bin/env bash
# Cold build times, side by side: what `cargo run -- render` compiles (the CLI's default
# build) and the two Lambda zips (each revision's own scripts/build-lambdas.sh, which builds
# them as its `deploy` does),
# for two git revisions, each in a fresh copy with a fresh target directory, one after another
# on this machine.
#
#   scripts/build-times.sh [--before REV] [--after REV] [--only render|zips]
#                                        defaults: --before 1b3afe3 --after HEAD, both builds
#
# Prints, per revision and build: wall seconds, CPU seconds (user + system of every process the
# build ran) and, for the zips, their sizes; then after/before ratios. Wall time is what a
# newcomer waits; CPU time barely moves when something else runs on the machine, so compare
# that one when the machine was not idle. Downloads are not timed: the crates come from the
# local cargo registry (a first `cargo fetch` warms it), and cargo-lambda's zig is warmed up
# on a throwaway crate first so neither revision pays for it. Needs cargo-lambda on PATH (the
# test command puts it in .venv).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ -x .venv/bin/cargo-lambda ] && export PATH="$root/.venv/bin:$PATH"

before=1b3afe3
after=HEAD
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before="$2"; shift 2 ;;
    --after) after="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    *) echo "usage: scripts/build-times.sh [--before REV] [--after REV] [--only render|zips]" >&2; exit 2 ;;
  esac
done
command -v cargo-lambda >/dev/null || { echo "error: cargo-lambda is not on PATH; run scripts/test.sh once (it installs it in .venv)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv"

# zig's own cache (glibc stubs for the target) is per machine: fill it before timing anything.
mkdir -p "$work/warm/src"
printf '[package]\nname = "warm"\nversion = "0.1.0"\nedition = "2021"\n[workspace]\n' > "$work/warm/Cargo.toml"
echo 'fn main() {}' > "$work/warm/src/main.rs"
(cd "$work/warm" && cargo lambda build --release --x86-64 --quiet >/dev/null 2>&1) || true

# timed LABEL REV BUILD COMMAND...: runs COMMAND, appends "REV BUILD wall cpu" to the results.
timed() {
  local rev="$1" build="$2"; shift 2
  local stats="$work/time.txt"
  if ! /usr/bin/time -f '%e %U %S' -o "$stats" "$@" >"$work/build.log" 2>&1; then
    tail -20 "$work/build.log" >&2
    echo "error: the $build build of $rev failed" >&2
    exit 1
  fi
  read -r wall user sys < "$stats"
  printf '%s\t%s\t%s\t%s\n' "$rev" "$build" "$wall" "$(echo "$user + $sys" | bc)" >> "$results"
}

measure() { # REV
  local rev="$1" src="$work/src-$1"
  mkdir -p "$src"
  git archive "$rev" | tar -x -C "$src"
  (cd "$src" && cargo fetch --quiet)
  if [ "$only" != "zips" ]; then
    (cd "$src" && timed "$rev" render env CARGO_TARGET_DIR="$work/target-render-$rev" \
      cargo build --bin connect-vanity)
  fi
  if [ "$only" != "render" ]; then
    # The revision's own zip build (scripts/build-lambdas.sh), which is what its test command
    # and its deploy run: per package at 1b3afe3, both packages in one invocation since.
    local target="$work/target-zips-$rev"
    (cd "$src" && timed "$rev" zips env CARGO_TARGET_DIR="$target" scripts/build-lambdas.sh)
    for package in call-handler phone-link; do
      printf '%s\tzip %s bytes\t%s\t-\n' "$rev" "$package" "$(stat -c %s "$src/target/lambda/$package/bootstrap.zip")" >> "$results"
    done
  fi
  rm -rf "$work"/target-*-"$rev"
}

measure "$before"
measure "$after"

printf '%-10s %-24s %10s %10s\n' revision build wall_s cpu_s
while IFS=$'\t' read -r rev build wall cpu; do
  printf '%-10s %-24s %10s %10s\n' "$rev" "$build" "$wall" "$cpu"
done < "$results"
for build in render zips; do
  b=$(awk -F'\t' -v r="$before" -v b="$build" '$1 == r && $2 == b {print $3, $4}' "$results")
  a=$(awk -F'\t' -v r="$after" -v b="$build" '$1 == r && $2 == b {print $3, $4}' "$results")
  [ -n "$a" ] && [ -n "$b" ] || continue
  read -r bw bc_ <<< "$b"; read -r aw ac <<< "$a"
  printf '%s: after/before wall %.0f%%, cpu %.0f%%\n' "$build" \
    "$(echo "100 * $aw / $bw" | bc -l)" "$(echo "100 * $ac / $bc_" | bc -l)"
done
