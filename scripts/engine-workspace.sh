# Sourced by scripts/bench-engine.sh and scripts/quality.sh: `engine_workspace DIR [MEMBER...]`
# writes DIR/Cargo.toml, a workspace around the engine that `git archive REV lambda/engine`
# unpacked into DIR, so an older revision's engine builds on its own, with this tree's release
# profile (needs $root, this tree). The engine's table and quality crates are members when that revision
# has them; extra members (a measuring crate) come after DIR.
engine_workspace() {
    local dir="$1"
    shift
    local members='"lambda/engine"'
    for crate in lambda/engine/tables lambda/engine/quality "$@"; do
        if [ -d "$dir/$crate" ]; then
            members="$members, \"$crate\""
        fi
    done
    cat > "$dir/Cargo.toml" <<TOML
[workspace]
members = [$members]
resolver = "2"
[workspace.dependencies]
vanity-engine = { path = "lambda/engine" }
vanity-tables = { path = "lambda/engine/tables" }
vanity-quality = { path = "lambda/engine/quality" }
serde = { version = "1", features = ["derive"] }
thiserror = "2"
proptest = "1"
criterion = { version = "0.8", default-features = false, features = ["cargo_bench_support"] }
[workspace.lints.rust]
unsafe_code = "forbid"
TOML
    # The release profile of this tree's workspace (its [profile.*] sections, which end
    # Cargo.toml), so the older engine is built as this tree's is and a benchmark compares the
    # engines, not two profiles.
    grep -q '^\[profile\.release\]' "$root/Cargo.toml" ||
        { echo "engine_workspace: $root/Cargo.toml has no [profile.release]" >&2; return 1; }
    sed -n '/^\[profile\.release\]/,$p' "$root/Cargo.toml" >> "$dir/Cargo.toml"
}

# `fresh_dates DIR`: dates every file in DIR now. git archive dates each file at its commit,
# and cargo finds a path crate's earlier build in a shared target directory by its place in
# the workspace, not by the revision, so an older revision's engine (and the tables its build
# script compiles from data/, rerun only on a newer file) would otherwise be the last one built.
fresh_dates() {
    find "$1" -type f -exec touch {} +
}
