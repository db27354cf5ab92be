"""Change scenarios for the rendered module (used by terraform-checks.sh).

A change can only be planned against a state that holds the previous deployment. moto cannot
create Connect flows or numbers, so `state` writes a Terraform state holding what deploying
tests/configs/change-claim.yaml (or change-existing-a.yaml) leaves behind: the instance, the
claimed number, the flow, phone-link's log group and invocation, with the ids AWS would have
given them.
The plan then runs with -refresh=false (Terraform does not ask AWS about those resources) and
`check` reads its JSON:

- the resources touched are exactly the ones the change needs (number forgotten, not deleted;
  instance untouched; the link updated from the old number to the new one);
- the phone-link policy, as Terraform rendered it, allows detaching the previous number and
  attaching the new one to the flow, and denies the same calls for another instance, another
  account, and every other Connect action.

Usage:
  change_scenarios.py state BEFORE_CONFIG STATE_FILE SCHEMA_VERSIONS_JSON
  change_scenarios.py check SCENARIO MODULE_DIR        (reads MODULE_DIR/.plan.json)
"""
import fnmatch
import json
import sys

import yaml

ACCOUNT = "123456789012"  # moto's account id
REGION = "us-east-1"
INSTANCE_ID = "11111111-2222-4333-8444-555555555555"
INSTANCE_ARN = f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/{INSTANCE_ID}"
FLOW_ID = "99999999-8888-4777-8666-555555555555"
CLAIMED_NUMBER_ID = "cccccccc-0000-4000-8000-000000000001"
OTHER_INSTANCE_ID = "00000000-0000-4000-8000-0000000000ff"
ASSOCIATE = "connect:AssociatePhoneNumberContactFlow"
DISASSOCIATE = "connect:DisassociatePhoneNumberContactFlow"


def fail(message):
    print(f"change_scenarios: {message}", file=sys.stderr)
    sys.exit(1)


def number_arn(number_id, account=ACCOUNT):
    return f"arn:aws:connect:{REGION}:{account}:phone-number/{number_id}"


def flow_arn(flow_id, instance_arn=INSTANCE_ARN):
    return f"{instance_arn}/contact-flow/{flow_id}"


def resource(kind, name, schema_versions, attributes):
    return {
        "mode": "managed",
        "type": kind,
        "name": name,
        "provider": 'provider["registry.terraform.io/hashicorp/aws"]',
        "instances": [
            {"schema_version": schema_versions[kind], "attributes": attributes}
        ],
    }


def write_state(config_path, state_path, versions_path):
    with open(config_path, encoding="utf-8") as f:
        config = yaml.safe_load(f)
    with open(versions_path, encoding="utf-8") as f:
        versions = json.load(f)
    name = config["name"]
    phone = config.get("phone_number") or {}
    number_id = CLAIMED_NUMBER_ID if phone.get("mode") == "claim" else phone["existing_id"]
    resources = [
        resource("aws_connect_instance", "this", versions, {
            "id": INSTANCE_ID,
            "arn": INSTANCE_ARN,
            "instance_alias": config["connect"]["instance"]["alias"],
            "identity_management_type": "CONNECT_MANAGED",
            "inbound_calls_enabled": True,
            "outbound_calls_enabled": False,
            "contact_flow_logs_enabled": True,
        }),
        resource("aws_connect_contact_flow", "vanity", versions, {
            "id": f"{INSTANCE_ID}:{FLOW_ID}",
            "arn": flow_arn(FLOW_ID),
            "contact_flow_id": FLOW_ID,
            "instance_id": INSTANCE_ID,
            "name": f"{name} vanity numbers",
            "type": "CONTACT_FLOW",
            "content": "{}",
        }),
        resource("aws_lambda_invocation", "phone_link", versions, {
            "id": f"{name}-phone-link_$LATEST_0",
            "function_name": f"{name}-phone-link",
            "qualifier": "$LATEST",
            "lifecycle_scope": "CRUD",
            "terraform_key": "tf",
            "input": json.dumps({
                "contact_flow_id": FLOW_ID,
                "instance_id": INSTANCE_ID,
                "phone_number_id": number_id,
            }, separators=(",", ":"), sort_keys=True),
            "result": "{}",
        }),
    ]
    # The policy names the function's own log group; with it in the state the policy is known
    # at plan time and can be checked as rendered.
    log_group = f"/aws/lambda/{name}-phone-link"
    resources.append(resource("aws_cloudwatch_log_group", "phone_link", versions, {
        "id": log_group,
        "name": log_group,
        "arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{log_group}",
        "retention_in_days": 365,
        "skip_destroy": False,
        "log_group_class": "STANDARD",
    }))
    if phone.get("mode") == "claim":
        claim = phone["claim"]
        resources.append(resource("aws_connect_phone_number", "this", versions, {
            "id": CLAIMED_NUMBER_ID,
            "arn": number_arn(CLAIMED_NUMBER_ID),
            "country_code": claim["country"],
            "type": claim["type"],
            "prefix": claim.get("prefix"),
            "target_arn": INSTANCE_ARN,
            "phone_number": "+18005550100",
        }))
    state = {
        "version": 4,
        "terraform_version": "1.11.4",
        "serial": 1,
        "lineage": "0b7c1a6e-connect-vanity-change-scenario",
        "outputs": {},
        "resources": resources,
        "check_results": None,
    }
    with open(state_path, "w", encoding="utf-8") as f:
        json.dump(state, f, indent=2)


# --- a small IAM evaluator: Allow statements only (the policy has no Deny), StringEquals
# --- conditions, wildcard actions and resources as IAM matches them (case-insensitive actions).

def as_list(value):
    return value if isinstance(value, list) else [value]


def statement_allows(statement, action, arn, context):
    if statement.get("Effect") != "Allow":
        return False
    if not any(fnmatch.fnmatchcase(action.lower(), a.lower()) for a in as_list(statement["Action"])):
        return False
    if not any(fnmatch.fnmatchcase(arn, r) for r in as_list(statement["Resource"])):
        return False
    for test, keys in statement.get("Condition", {}).items():
        if test != "StringEquals":
            fail(f"the evaluator does not know condition {test}")
        for key, values in keys.items():
            if context.get(key) not in as_list(values):
                return False
    return True


def allowed(policy, action, arns, context):
    """Every resource the request authorises on must be allowed by some statement."""
    return all(any(statement_allows(s, action, arn, context) for s in policy["Statement"]) for arn in arns)


def plan_values(plan):
    """Data sources read during plan, by address (from prior_state)."""
    found = {}
    for r in plan.get("prior_state", {}).get("values", {}).get("root_module", {}).get("resources", []):
        found[r["address"]] = r.get("values", {})
    return found


def changes(plan):
    return {c["address"]: c for c in plan["resource_changes"]}


def actions(plan, address):
    change = changes(plan).get(address)
    return change["change"]["actions"] if change else None


def check(scenario, module_dir):
    with open(f"{module_dir}/.plan.json", encoding="utf-8") as f:
        plan = json.load(f)
    link = changes(plan).get("aws_lambda_invocation.phone_link")
    if link is None:
        fail(f"{scenario}: no aws_lambda_invocation.phone_link in the plan")
    before = json.loads(link["change"]["before"]["input"])
    after_input = link["change"]["after"].get("input")
    after = json.loads(after_input) if after_input else None

    expect = {
        # scenario: {address: actions}
        "claim-to-existing": {
            "aws_connect_phone_number.this": ["forget"],
            "aws_connect_instance.this": ["no-op"],
            "aws_lambda_invocation.phone_link": ["update"],
        },
        "existing-to-other-existing": {
            "aws_connect_instance.this": ["no-op"],
            "aws_lambda_invocation.phone_link": ["update"],
        },
        "flow-only": {
            "aws_connect_instance.this": ["no-op"],
            "aws_connect_phone_number.this": ["no-op"],
            "aws_connect_contact_flow.vanity": ["update"],
            "aws_lambda_invocation.phone_link": ["no-op"],
        },
    }[scenario]
    for address, want in expect.items():
        got = actions(plan, address)
        if got != want:
            fail(f"{scenario}: {address} planned {got}, want {want}")
    deleted = sorted(c["address"] for c in plan["resource_changes"]
                     if "delete" in c["change"]["actions"]
                     and c["type"] in ("aws_connect_instance", "aws_connect_phone_number"))
    if deleted:
        fail(f"{scenario}: plan deletes {deleted}, which would release a number")

    # The policy as Terraform rendered it: every input is known here (the instance comes from
    # the state), so the data source was read during plan.
    document = plan_values(plan).get("data.aws_iam_policy_document.phone_link", {}).get("json")
    if not document:
        fail(f"{scenario}: the phone-link policy was not rendered during plan")
    policy = json.loads(document)
    here = {"connect:InstanceId": INSTANCE_ID}
    elsewhere = {"connect:InstanceId": OTHER_INSTANCE_ID}
    old_number = before["phone_number_id"]
    new_number = (after or before)["phone_number_id"]
    new_flow = (after or before)["contact_flow_id"]
    if not isinstance(new_flow, str):
        new_flow = FLOW_ID  # unknown until the flow is created; any flow of the instance
    must_allow = [
        (DISASSOCIATE, [number_arn(old_number)], here, "detach the previous number"),
        (ASSOCIATE, [number_arn(new_number), flow_arn(new_flow)], here, "attach the new number to the flow"),
        ("connect:ListFlowAssociations", [INSTANCE_ARN], here, "read the instance's number links"),
    ]
    other_instance_arn = f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/{OTHER_INSTANCE_ID}"
    must_deny = [
        (DISASSOCIATE, [number_arn(old_number)], elsewhere, "detach a number of another instance"),
        (ASSOCIATE, [number_arn(new_number), flow_arn(new_flow)], elsewhere, "attach in another instance"),
        (ASSOCIATE, [number_arn(new_number), flow_arn(new_flow, other_instance_arn)], here,
         "attach to another instance's flow"),
        (DISASSOCIATE, [number_arn(old_number, "210987654321")], here, "detach another account's number"),
        ("connect:ListFlowAssociations", [other_instance_arn], elsewhere, "read another instance"),
        ("connect:ReleasePhoneNumber", [number_arn(old_number)], here, "release a number"),
        ("connect:ClaimPhoneNumber", [number_arn(new_number)], here, "claim a number"),
        ("connect:DeleteContactFlow", [flow_arn(new_flow)], here, "delete the flow"),
        ("connect:UpdatePhoneNumber", [number_arn(new_number)], here, "move a number"),
    ]
    for action, arns, context, what in must_allow:
        if not allowed(policy, action, arns, context):
            fail(f"{scenario}: the policy does not let phone-link {what} ({action} on {arns})")
    for action, arns, context, what in must_deny:
        if allowed(policy, action, arns, context):
            fail(f"{scenario}: the policy lets phone-link {what} ({action} on {arns})")
    for statement in policy["Statement"]:
        if any(a.startswith("connect:") for a in as_list(statement["Action"])) and "*" in as_list(statement["Resource"]):
            fail(f"{scenario}: statement {statement.get('Sid')} allows Connect actions on \"*\"")
    print(f"change_scenarios: {scenario}: planned actions as expected; policy allows detach "
          f"{old_number} and attach {new_number}, denies {len(must_deny)} other requests")


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "state":
        write_state(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    else:
        fail(__doc__)


if __name__ == "__main__":
    main()
