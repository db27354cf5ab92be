#!/usr/bin/env bash
# Runs the call-handler binary behind cargo-lambda's local Lambda runtime API (`cargo lambda
# watch`), invokes it with the Connect event fixtures (`cargo lambda invoke --data-file`) against a
# moto DynamoDB this script starts, and checks the responses and the stored items.
#
# Needs on PATH: cargo-lambda, moto_server, curl, jq, python3 (the README's test command puts the
# first two in .venv/bin). Every process it starts is stopped on exit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in cargo-lambda moto_server curl jq python3; do
  command -v "$tool" >/dev/null || {
    echo "error: $tool is not on PATH; run the README's test command (it installs the tools in .venv)" >&2
    exit 2
  }
done

work="$(mktemp -d)"
pids=()
cleanup() {
  # Each background job runs in its own process group (setsid), so this stops cargo-lambda's
  # children (cargo, the function) too.
  for pid in "${pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for_port() { # port what
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "error: $2 did not listen on port $1; its log:" >&2
  cat "$work/$2.log" >&2 || true
  exit 1
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Key names come from the code, so this script cannot drift from the table layout.
schema_const() {
  sed -n "s/^pub const $1: &str = \"\\(.*\\)\";/\\1/p" lambda/call-handler/src/schema.rs
}
partition_key="$(schema_const PARTITION_KEY)"
sort_key="$(schema_const SORT_KEY)"
called_at="$(schema_const CALLED_AT_ATTRIBUTE)"
caller_index="$(schema_const CALLER_INDEX)"
# CALLER_INDEX_ATTRIBUTES lists constants; each is resolved like the names above.
projected_consts="$(sed -n 's/^pub const CALLER_INDEX_ATTRIBUTES: &\[&str\] = &\[\(.*\)\];/\1/p' lambda/call-handler/src/schema.rs | tr -d ' ' | tr ',' ' ')"
projected="$(for name in $projected_consts; do schema_const "$name"; done | jq -R . | jq -sc .)"
[[ -n "$partition_key" && -n "$sort_key" && -n "$called_at" && -n "$caller_index" ]] \
  || fail "cannot read the key and index names from schema.rs"
[[ -n "$projected_consts" && "$(jq 'length' <<< "$projected")" -gt 0 ]] || fail "cannot read CALLER_INDEX_ATTRIBUTES from schema.rs"

table="vanity-calls-runtime-test"
moto_port="$(free_port)"
endpoint="http://127.0.0.1:$moto_port"
setsid moto_server -H 127.0.0.1 -p "$moto_port" >"$work/moto_server.log" 2>&1 &
pids+=("$!")
wait_for_port "$moto_port" moto_server

dynamodb() { # target json
  curl -sS --fail-with-body -X POST "$endpoint" \
    -H 'Content-Type: application/x-amz-json-1.0' \
    -H "X-Amz-Target: DynamoDB_20120810.$1" \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
    -d "$2"
}
# The table with the per-caller index the handler reads a caller's latest calls from.
dynamodb CreateTable "$(jq -n --arg t "$table" --arg p "$partition_key" --arg s "$sort_key" \
  --arg a "$called_at" --arg i "$caller_index" --argjson n "$projected" '{
  TableName: $t, BillingMode: "PAY_PER_REQUEST",
  KeySchema: [{AttributeName: $p, KeyType: "HASH"}, {AttributeName: $s, KeyType: "RANGE"}],
  AttributeDefinitions: [{AttributeName: $p, AttributeType: "S"}, {AttributeName: $s, AttributeType: "S"},
                         {AttributeName: $a, AttributeType: "N"}],
  GlobalSecondaryIndexes: [{IndexName: $i,
    KeySchema: [{AttributeName: $p, KeyType: "HASH"}, {AttributeName: $a, KeyType: "RANGE"}],
    Projection: {ProjectionType: "INCLUDE", NonKeyAttributes: $n}}]
}')" >/dev/null

invoke_port="$(free_port)"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
export AWS_ENDPOINT_URL="$endpoint"
# last_call: the most the handler ever tells a returning caller, so every answer key is checked.
export VANITY_TABLE_NAME="$table" VANITY_RESULT_COUNT=5 VANITY_STORE_TIMEOUT_MS=2000 VANITY_RECALL=last_call
# The function inherits this environment from cargo-lambda.
setsid cargo lambda watch --package call-handler --invoke-port "$invoke_port" >"$work/cargo-lambda.log" 2>&1 &
pids+=("$!")
wait_for_port "$invoke_port" cargo-lambda

invoke() { # fixture-name
  cargo lambda invoke call-handler --invoke-port "$invoke_port" \
    --data-file "lambda/call-handler/tests/fixtures/$1.json" 2>"$work/invoke.log" || {
    cat "$work/invoke.log" "$work/cargo-lambda.log" >&2
    fail "invoking with $1.json"
  }
}

expect() { # response key expected-value
  local actual
  actual="$(jq -r --arg k "$2" '.[$k] // "<missing>"' <<<"$1")"
  [[ "$actual" == "$3" ]] || fail "$2 is \"$actual\", expected \"$3\" in $1"
}

normal="$(invoke normal)"
expect "$normal" status OK
expect "$normal" returning false
rest1="$(jq -r '.rest1 // ""' <<<"$normal")"
[[ -n "$rest1" ]] || fail "no rest1 in $normal"
jq -e 'to_entries | all(.value | type == "string")' <<<"$normal" >/dev/null ||
  fail "the response is not a flat string map: $normal"
echo "ok  normal.json -> OK, rest1=$rest1"

retry="$(invoke normal)"
[[ "$(jq -S . <<<"$retry")" == "$(jq -S . <<<"$normal")" ]] || fail "a retry answered differently: $retry"
echo "ok  normal.json again (Connect retry) -> same answer"

# choose.json: the same contact pressed 2; the retry writes nothing but still says kept.
for try in first retry; do
  chosen="$(invoke choose)"
  expect "$chosen" chosen true
  chosen_spoken="$(jq -r '.chosen_spoken // ""' <<<"$chosen")"
  [[ -n "$chosen_spoken" ]] || fail "no chosen_spoken in $chosen"
  echo "ok  choose.json ($try) -> chosen=true"
done

returning="$(invoke returning)"
expect "$returning" status OK
expect "$returning" returning true
expect "$returning" remembered CHOICE
expect "$returning" last_spoken "$chosen_spoken"
echo "ok  returning.json -> returning=true, reminded of the choice"

for fixture in anonymous null-endpoint missing-endpoint; do
  response="$(invoke "$fixture")"
  expect "$response" status NO_CALLER_ID
  expect "$response" count 0
  echo "ok  $fixture.json -> NO_CALLER_ID"
done

# another-number.json: a withheld caller keyed in 800 356 9377; stateless, nothing recalled.
keyed="$(invoke another-number)"
expect "$keyed" status OK
expect "$keyed" returning "<missing>"
[[ -n "$(jq -r '.rest1 // ""' <<<"$keyed")" ]] || fail "no rest1 in $keyed"
echo "ok  another-number.json -> OK, nothing stored or recalled"

stored="$(dynamodb Scan "$(jq -n --arg t "$table" '{TableName: $t, Select: "COUNT"}')" | jq -r .Count)"
[[ "$stored" == 2 ]] || fail "expected 2 stored calls (normal once, returning), found $stored"
echo "ok  DynamoDB holds $stored calls"
echo "PASS: call-handler behind the Lambda runtime API"
