#!/usr/bin/env bash
# Terraform checks with the real hashicorp/aws provider (never a mock of Terraform):
#  1. terraform/ (the committed render): fmt -check, init -backend=false, validate.
#  2. Config variants rendered to target/tf-variants/: existing instance + existing number, no
#     number, hostile text, shared state in S3 (the backend block), Customer Profiles with a
#     new domain and with an existing one (profiles-new, profiles-existing): fmt -check,
#     init -backend=false, validate. The native-association variant needs
#     hashicorp/aws >= 6.6, which the offline mirror may not have: it must render and parse
#     (fmt -check) and require >= 6.6.
#  3. terraform plan against moto on loopback (fake credentials, endpoints in a git-ignored
#     *_override.tf) for terraform/, the hostile and the two profiles variants; scripts/check_plan.py then checks
#     that every resource is planned, no IAM policy names a "*" action, and hostile tags arrive
#     unchanged; scripts/check_monitoring.py checks the dashboard body, the alarms, the alarm
#     topic and its subscription against the planned resources.
#     A second line from the same checkout (the committed config with its own name, rendered
#     to its own folder) is planned too, and scripts/check_two_lines.py checks that the two
#     plans share no AWS name.
#  4. scripts/check-s3-backend.sh: the S3 backend rendered from terraform.backend initialises
#     against moto's S3, `init -migrate-state` moves a local state to it, and its lock file is
#     taken, released and respected.
#  5. Change scenarios: each tests/configs/change-*.yaml planned against a state that holds the
#     previous deployment (scripts/change_scenarios.py writes it: moto cannot create Connect
#     flows or numbers), with -refresh=false: claim -> existing, existing -> other existing and
#     flow only must plan exactly the needed changes with a policy that allows the detach and
#     the attach; an alias change with a claimed number must stop at plan; lambda -> native
#     must forget phone-link's invocation, never destroy it (with a provider before 6.6, the
#     lambda side of the switch only: see scripts/change_scenarios.py strip-native); caller
#     profiles off after mode new must forget the domain, never delete it.
#  6. `connect-vanity deploy --plan` end to end against the same moto server.
# Expects TF_CLI_CONFIG_FILE (scripts/terraform-cli-config.sh), moto_server and cargo-lambda on
# PATH, and the Lambda zips built (scripts/build-lambdas.sh); the test command sets all that up.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export TF_IN_AUTOMATION=1
: "${TF_CLI_CONFIG_FILE:=$(scripts/terraform-cli-config.sh)}"
export TF_CLI_CONFIG_FILE
cli="${CARGO_TARGET_DIR:-$root/target}/debug/connect-vanity"
cargo build --quiet
zips="$root/target/lambda"

validate_dir() { # DIR
  terraform fmt -check -diff "$1"
  terraform -chdir="$1" init -backend=false -input=false -no-color > "$1/.init.log" || { cat "$1/.init.log"; exit 1; }
  terraform -chdir="$1" validate -no-color
}

echo "--- terraform/ (committed render)"
validate_dir terraform

variants="$root/target/tf-variants"
rm -rf "$variants"; mkdir -p "$variants"
for name in existing-instance-existing-number no-number hostile s3-backend profiles-new profiles-existing; do
  echo "--- variant $name"
  "$cli" render --config "tests/configs/$name.yaml" --out "$variants/$name"
  validate_dir "$variants/$name"
done
echo "--- variant native-link (renders and parses; needs hashicorp/aws >= 6.6 to validate)"
"$cli" render --config tests/configs/native-link.yaml --out "$variants/native-link"
terraform fmt -check -diff "$variants/native-link"
grep -q 'version = ">= 6.6, < 7.0"' "$variants/native-link/versions.tf"
grep -q 'resource "aws_connect_phone_number_contact_flow_association"' "$variants/native-link/phone.tf"

echo "--- plan against moto"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" > "$root/target/terraform/moto.log" 2>&1 &
moto_pid=$!
cleanup() { kill "$moto_pid" 2>/dev/null || true; rm -f terraform/moto_override.tf "$variants"/*/moto_override.tf; }
trap cleanup EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/moto-api/" > /dev/null 2>&1 && break; sleep 0.2; done

write_override() { # DIR REGION [pin]
  local endpoint="http://127.0.0.1:$port"
  cat > "$1/moto_override.tf" <<HCL
# Test-only (git-ignored): points the provider at moto on loopback with fake credentials.
$( [ "${3:-}" = pin ] && cat <<'PIN'
# Amazon Connect cannot run here, so the id AWS would give the new instance is pinned: the
# dashboard body and the alarms embed it and are then fully known in the plan.
locals {
  instance_id = "0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab"
}

PIN
)
provider "aws" {
  region                      = "$2"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    cloudwatch = "$endpoint"
    connect    = "$endpoint"
    customerprofiles = "$endpoint"
    dynamodb   = "$endpoint"
    iam        = "$endpoint"
    kms        = "$endpoint"
    lambda     = "$endpoint"
    logs       = "$endpoint"
    sns        = "$endpoint"
    sts        = "$endpoint"
  }
}
HCL
}

plan_dir() { # DIR REGION CONFIG
  write_override "$1" "$2" pin
  terraform -chdir="$1" plan -input=false -no-color -lock=false -var "lambda_build_dir=$zips" -out=moto.tfplan > "$1/.plan.log" \
    || { cat "$1/.plan.log"; exit 1; }
  terraform -chdir="$1" show -json moto.tfplan > "$1/.plan.json"
  python3 scripts/check_plan.py "$1" "$3"
  python3 scripts/check_monitoring.py "$1" "$3"
}
plan_dir terraform us-east-1 vanity.yaml
plan_dir "$variants/hostile" us-west-2 tests/configs/hostile.yaml
# Customer Profiles in both modes: a domain the stack creates (with a KMS key and CreateProfile)
# and an existing one by name (docs/flow.md, "Customer Profiles").
plan_dir "$variants/profiles-new" us-east-1 tests/configs/profiles-new.yaml
plan_dir "$variants/profiles-existing" us-east-1 tests/configs/profiles-existing.yaml
echo "--- a test line beside the production line (README, \"A test line beside the production line\")"
# What the README tells an owner to do: the default config with its own name, its own folder.
sed 's/^name: vanity-line$/name: vanity-test-line/' vanity.yaml > "$variants/test-line.yaml"
grep -q '^name: vanity-test-line$' "$variants/test-line.yaml"
"$cli" render --config "$variants/test-line.yaml" --out "$variants/test-line"
validate_dir "$variants/test-line"
plan_dir "$variants/test-line" us-east-1 "$variants/test-line.yaml"
python3 scripts/check_two_lines.py terraform/.plan.json "$variants/test-line/.plan.json"
# The check itself must fail on a collision: one line planned twice shares every name.
if python3 scripts/check_two_lines.py terraform/.plan.json terraform/.plan.json 2>/dev/null; then
  echo "check_two_lines.py passed two copies of one line" >&2; exit 1
fi
echo "--- shared state in S3 (terraform.backend) against moto"
scripts/check-s3-backend.sh "$port" "$cli" "$root/target/terraform/s3-backend"
rm -f terraform/moto.tfplan terraform/.plan.json terraform/.plan.log terraform/.init.log

echo "--- change scenarios"
# Schema versions of the resources the scenario states hold, from the provider in use.
terraform -chdir=terraform providers schema -json | python3 -c '
import json, sys
schemas = next(iter(json.load(sys.stdin)["provider_schemas"].values()))["resource_schemas"]
kinds = ["aws_connect_instance", "aws_connect_contact_flow", "aws_connect_phone_number",
         "aws_lambda_invocation", "aws_cloudwatch_log_group", "aws_customerprofiles_domain",
         "aws_iam_role_policy"]
print(json.dumps({kind: schemas[kind].get("version", 0) for kind in kinds}))' > "$variants/schema-versions.json"
scenario_plan() { # NAME BEFORE_CONFIG AFTER_CONFIG [BEFORE_PLAN_JSON]: renders AFTER, plans it against BEFORE's state
  local dir="$variants/change-$1"
  "$cli" render --config "tests/configs/$3.yaml" --out "$dir"
  validate_dir "$dir"
  python3 scripts/change_scenarios.py state "tests/configs/$2.yaml" "$dir/terraform.tfstate" "$variants/schema-versions.json" ${4:+"$4"}
  write_override "$dir" us-east-1
  terraform -chdir="$dir" plan -input=false -no-color -lock=false -refresh=false -var "lambda_build_dir=$zips" -out=moto.tfplan > "$dir/.plan.log" 2>&1
}
for spec in claim-to-existing:change-claim:change-existing-a \
            existing-to-other-existing:change-existing-a:change-existing-b \
            flow-only:change-claim:change-flow; do
  IFS=: read -r name before after <<< "$spec"
  # The deployment before the change, planned against its own state: the policy and scope in
  # force when the old link's delete runs, and the dependencies a real apply records in state.
  scenario_plan "$name-before" "$before" "$before" || { cat "$variants/change-$name-before/.plan.log"; exit 1; }
  terraform -chdir="$variants/change-$name-before" show -json moto.tfplan > "$variants/change-$name-before/.plan.json"
  scenario_plan "$name" "$before" "$after" "$variants/change-$name-before/.plan.json" \
    || { cat "$variants/change-$name/.plan.log"; exit 1; }
  terraform -chdir="$variants/change-$name" show -json moto.tfplan > "$variants/change-$name/.plan.json"
  # The order the apply runs things in: the old link's delete must come before the policy and
  # the function's environment move to the new number.
  terraform -chdir="$variants/change-$name" graph -plan=moto.tfplan > "$variants/change-$name/.graph.dot"
  python3 scripts/change_scenarios.py check "$name" "$variants/change-$name"
done
# lambda -> native keeps the number linked: phone-link's invocation is forgotten (a removed
# block), never destroyed. Native needs hashicorp/aws >= 6.6; with an older provider (the 5.100
# mirror) strip-native plans the lambda side only (see scripts/change_scenarios.py).
native="$variants/change-lambda-to-native"
"$cli" render --config tests/configs/change-native.yaml --out "$native"
aws_version=$(terraform -chdir=terraform version -json | python3 -c 'import json,sys; print(json.load(sys.stdin)["provider_selections"]["registry.terraform.io/hashicorp/aws"])')
case "$aws_version" in
  5.*|6.[0-5].*) python3 scripts/change_scenarios.py strip-native "$native" ;;
esac
validate_dir "$native"
python3 scripts/change_scenarios.py state tests/configs/change-claim.yaml "$native/terraform.tfstate" "$variants/schema-versions.json"
write_override "$native" us-east-1
terraform -chdir="$native" plan -input=false -no-color -lock=false -refresh=false -var "lambda_build_dir=$zips" -out=moto.tfplan > "$native/.plan.log" 2>&1 \
  || { cat "$native/.plan.log"; exit 1; }
terraform -chdir="$native" show -json moto.tfplan > "$native/.plan.json"
python3 scripts/change_scenarios.py check-native lambda-to-native "$native"
# Caller profiles off after mode new: the domain (callers' profiles) is forgotten, never deleted.
scenario_plan profiles-off change-profiles-new change-claim \
  || { cat "$variants/change-profiles-off/.plan.log"; exit 1; }
terraform -chdir="$variants/change-profiles-off" show -json moto.tfplan > "$variants/change-profiles-off/.plan.json"
python3 scripts/change_scenarios.py check-profiles-off profiles-off "$variants/change-profiles-off"
# The risky change: a new alias would replace the instance and release the claimed number.
if scenario_plan alias-change change-claim change-alias; then
  cat "$variants/change-alias-change/.plan.log"; echo "alias change with a claimed number planned instead of stopping" >&2; exit 1
fi
grep -q 'Error: Instance cannot be destroyed' "$variants/change-alias-change/.plan.log" \
  || { cat "$variants/change-alias-change/.plan.log"; echo "alias change failed for another reason" >&2; exit 1; }
grep -q 'docs/deploying.md "Changing things later"' "$variants/change-alias-change/.plan.log" \
  || { cat "$variants/change-alias-change/.plan.log"; echo "the stop does not say where to read on" >&2; exit 1; }
echo "change_scenarios: alias-change: stops at plan with the instance's prevent_destroy and the pointer to docs/deploying.md"

echo "--- connect-vanity deploy --plan"
write_override terraform us-east-1
"$cli" deploy --plan | tee "$root/target/terraform/deploy-plan.log"
grep -q 'aws_lambda_invocation.phone_link' "$root/target/terraform/deploy-plan.log"
