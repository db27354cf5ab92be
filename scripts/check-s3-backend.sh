#!/usr/bin/env bash
# The S3 backend rendered from terraform.backend, against moto's S3 and DynamoDB on loopback
# (used by terraform-checks.sh, which starts moto): the README's move from local state
# (render with the backend, `terraform init -migrate-state`) puts the state at the configured
# key; the lock file is released afterwards; and while another lock file is held, Terraform
# refuses to write the state. tests/configs/s3-backend.yaml uses both lock kinds and a key with
# every character S3 calls safe.
# Usage: check-s3-backend.sh MOTO_PORT CONNECT_VANITY_BINARY WORK_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
port=$1 cli=$2 work=$3
config=tests/configs/s3-backend.yaml
bucket=$(python3 -c 'import sys,yaml; print(yaml.safe_load(open(sys.argv[1]))["terraform"]["backend"]["bucket"])' "$config")
key=$(python3 -c 'import sys,yaml; print(yaml.safe_load(open(sys.argv[1]))["terraform"]["backend"]["key"])' "$config")
region=eu-west-1
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=$region
export MOTO_ENDPOINT="http://127.0.0.1:$port" BUCKET=$bucket KEY=$key REGION=$region
s3() { python3 - "$@" <<'PY'
import json, os, sys, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["MOTO_ENDPOINT"], region_name=os.environ["REGION"])
bucket, key, action = os.environ["BUCKET"], os.environ["KEY"], sys.argv[1]
if action == "setup":
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": os.environ["REGION"]})
    boto3.client("dynamodb", endpoint_url=os.environ["MOTO_ENDPOINT"], region_name=os.environ["REGION"]).create_table(
        TableName="terraform-locks", BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "LockID", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "LockID", "AttributeType": "S"}])
elif action == "migrated":
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    state = json.load(s3.get_object(Bucket=bucket, Key=key)["Body"])
    assert state["outputs"]["table_name"]["value"] == "team-line-callers", state
    assert keys == [key], f"expected only the state at {key!r}, found {keys}"
elif action == "hold":
    s3.put_object(Bucket=bucket, Key=key + ".tflock", Body=b'{"ID":"held-elsewhere","Who":"someone@else"}')
elif action == "release":
    s3.delete_object(Bucket=bucket, Key=key + ".tflock")
PY
}
s3 setup

# A team member's existing local state: the stack rendered without a backend, with state.
rm -rf "$work"; mkdir -p "$work/local"
sed '/^terraform:/,$d' "$config" > "$work/local.yaml"
"$cli" render --config "$work/local.yaml" --out "$work/local" > /dev/null
if grep -q 'backend "s3"' "$work/local/versions.tf"; then
  echo "check-s3-backend: the local render already has a backend" >&2; exit 1
fi
cat > "$work/local/terraform.tfstate" <<'JSON'
{"version": 4, "terraform_version": "1.11.0", "serial": 3, "lineage": "4b0f3bd6-3c84-4a4f-9d4e-2f4f0c0a9e11",
 "outputs": {"table_name": {"value": "team-line-callers", "type": "string"}}, "resources": [], "check_results": null}
JSON
terraform -chdir="$work/local" init -input=false -no-color > "$work/local-init.log"

# The README's move: render with terraform.backend into the same directory, then migrate.
"$cli" render --config "$config" --out "$work/local" > /dev/null
cat > "$work/local/moto.s3.tfbackend" <<HCL
# Test-only: the backend's AWS endpoints are moto on loopback, with fake credentials.
endpoints = {
  s3       = "$MOTO_ENDPOINT"
  dynamodb = "$MOTO_ENDPOINT"
}
use_path_style              = true
skip_credentials_validation = true
skip_requesting_account_id  = true
skip_metadata_api_check     = true
access_key                  = "test"
secret_key                  = "test"
HCL
terraform -chdir="$work/local" init -input=false -no-color -migrate-state -force-copy \
  -backend-config=moto.s3.tfbackend > "$work/migrate.log" || { cat "$work/migrate.log"; exit 1; }
s3 migrated
[ "$(terraform -chdir="$work/local" output -raw table_name)" = team-line-callers ]

# Locking: a write succeeds when nobody holds the lock, and waits then fails while one is held.
terraform -chdir="$work/local" state pull > "$work/pulled.tfstate"
terraform -chdir="$work/local" state push -lock-timeout=2s -force "$work/pulled.tfstate"
s3 hold
if terraform -chdir="$work/local" state push -lock-timeout=2s -force -no-color "$work/pulled.tfstate" > "$work/push.log" 2>&1; then
  echo "check-s3-backend: the state was written while another lock file was held" >&2; exit 1
fi
grep -q "Error acquiring the state lock" "$work/push.log" || { cat "$work/push.log"; exit 1; }
s3 release
echo "check-s3-backend: state migrated to s3://$bucket/$key; the lock file is taken, released and respected"
