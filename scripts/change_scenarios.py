"""Change scenarios for the rendered module (used by terraform-checks.sh).

A change can only be planned against a state that holds the previous deployment. moto cannot
create Connect flows or numbers, so `state` writes a Terraform state holding what deploying
tests/configs/change-claim.yaml (or change-existing-a.yaml) leaves behind: the instance, the
claimed number, the flow, phone-link's log group and invocation, with the ids AWS would have
given them.
The plan then runs with -refresh=false (Terraform does not ask AWS about those resources) and
`check` reads its JSON:

- the resources touched are exactly the ones the change needs (number forgotten, not deleted;
  instance untouched; a new number replaces phone-link's invocation, whose delete detaches the
  old number; a flow change leaves it alone);
- the phone-link policy, as Terraform rendered it, lets phone-link attach the new number to
  the flow and detach it, and denies everything else: the old number, other numbers and flows
  of the instance, another instance, another account, every other Connect action;
- the old number is still detached: the deployment before the change, planned against the same
  state (MODULE_DIR-before/.plan.json), has a policy and a function scope that allow detaching
  it, and the apply graph (MODULE_DIR/.graph.dot, `terraform graph -plan`) runs the old
  invocation's delete before the role policy and the function's environment change.

Turning caller profiles off (`check-profiles-off`, from change-profiles-new.yaml, whose state
holds the domain mode new created and the call-handler's grant on it) must forget the domain,
never delete it, and delete only the grant.

The lambda -> native switch is checked apart (`check-native`): phone-link's invocation must be
forgotten, never destroyed (its destroy detaches the number), and nothing that holds the number
may be deleted. hashicorp/aws before 6.6 has no native association, so with such a provider
`strip-native` takes the association out of the rendered module and gives it the module's
usual provider constraint: the plan then covers the lambda side of the switch (what happens to
the invocation) and not the association's create, which only a 6.6+ provider can plan.

Usage:
  change_scenarios.py state BEFORE_CONFIG STATE_FILE SCHEMA_VERSIONS_JSON [BEFORE_PLAN_JSON]
  change_scenarios.py check SCENARIO MODULE_DIR        (reads MODULE_DIR/.plan.json, .graph.dot,
                                                        MODULE_DIR-before/.plan.json)
  change_scenarios.py strip-native MODULE_DIR
  change_scenarios.py check-native SCENARIO MODULE_DIR
  change_scenarios.py check-profiles-off SCENARIO MODULE_DIR
"""
import re
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
OTHER_NUMBER_ID = "dddddddd-0000-4000-8000-0000000000dd"  # another number of the same instance
OTHER_FLOW_ID = "77777777-0000-4000-8000-000000000077"  # another flow of the same instance
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


def walk_references(expressions, found):
    """Every `references` entry in a plan's configuration expressions, nested blocks included."""
    if isinstance(expressions, dict):
        found.extend(expressions.get("references", []))
        for value in expressions.values():
            walk_references(value, found)
    elif isinstance(expressions, list):
        for value in expressions:
            walk_references(value, found)
    return found


def recorded_dependencies(plan_path, address):
    """The dependencies Terraform records in state for `address` after an apply: every managed
    resource it depends on, directly or through others (references and depends_on), sorted, as
    Terraform writes them. Read from the configuration of a plan of the same module (the plan
    JSON lists no locals' expressions, so what a resource reaches only through a local is left
    out; phone-link's invocation reaches its function and role policy directly)."""
    with open(plan_path, encoding="utf-8") as f:
        resources = json.load(f)["configuration"]["root_module"].get("resources", [])
    managed = {r["address"] for r in resources if r["mode"] == "managed"}
    direct = {}
    for r in resources:
        named = walk_references(r.get("expressions", {}), []) + r.get("depends_on", [])
        direct[r["address"]] = {
            ".".join(ref.split(".")[:2]) for ref in named
            if ".".join(ref.split(".")[:2]) in managed
        }
    closure, stack = set(), list(direct.get(address, ()))
    while stack:
        node = stack.pop()
        if node not in closure:
            closure.add(node)
            stack.extend(direct.get(node, ()))
    return sorted(closure - {address})


def write_state(config_path, state_path, versions_path, before_plan=None):
    with open(config_path, encoding="utf-8") as f:
        config = yaml.safe_load(f)
    with open(versions_path, encoding="utf-8") as f:
        versions = json.load(f)
    name = config["name"]
    tagged = {"tags": {}, "tags_all": {str(k): str(v) for k, v in (config.get("tags") or {}).items()}}
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
            # templates/connect.tf sets it off (the provider's default is on).
            "contact_lens_enabled": False,
            # What the provider computes for a new instance, so the plan sees no difference.
            "auto_resolve_best_voices_enabled": True,
            "early_media_enabled": True,
            "multi_party_conference_enabled": False,
            **tagged,
        }),
        resource("aws_connect_contact_flow", "vanity", versions, {
            "id": f"{INSTANCE_ID}:{FLOW_ID}",
            "arn": flow_arn(FLOW_ID),
            "contact_flow_id": FLOW_ID,
            "instance_id": INSTANCE_ID,
            "name": f"{name} vanity numbers",
            "type": "CONTACT_FLOW",
            "content": "{}",
            "description": "Tells callers the vanity numbers their phone number spells. Generated by connect-vanity.",
            **tagged,
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
    if before_plan:
        resources[-1]["instances"][0]["dependencies"] = recorded_dependencies(
            before_plan, "aws_lambda_invocation.phone_link")
    # The policy names the function's own log group; with it in the state the policy is known
    # at plan time and can be checked as rendered.
    log_group = f"/aws/lambda/{name}-phone-link"
    # What replaces phone-link's invocation when the number or instance changes.
    target_type = ["object", {"instance_id": "string", "phone_number_id": "string"}]
    target = {"instance_id": INSTANCE_ID, "phone_number_id": number_id}
    resources.append({
        "mode": "managed",
        "type": "terraform_data",
        "name": "phone_link_number",
        "provider": 'provider["terraform.io/builtin/terraform"]',
        "instances": [{"schema_version": 0, "attributes": {
            "id": "5d0c7a3e-connect-vanity-phone-link-number",
            "input": {"value": target, "type": target_type},
            "output": {"value": target, "type": target_type},
            "triggers_replace": None,
        }}],
    })
    flow = flow_arn(FLOW_ID)
    resources.append({
        "mode": "managed",
        "type": "terraform_data",
        "name": "phone_link_flow",
        "provider": 'provider["terraform.io/builtin/terraform"]',
        "instances": [{"schema_version": 0, "attributes": {
            "id": "5d0c7a3e-connect-vanity-phone-link-flow",
            "input": {"value": flow, "type": "string"},
            "output": {"value": flow, "type": "string"},
            "triggers_replace": None,
        }}],
    })
    resources.append(resource("aws_cloudwatch_log_group", "phone_link", versions, {
        "id": log_group,
        "name": log_group,
        "arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{log_group}",
        "retention_in_days": 365,
        "skip_destroy": False,
        "log_group_class": "STANDARD",
        **tagged,
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
            "status": [{"message": "", "status": "CLAIMED"}],
            **tagged,
        }))
    profiles = config.get("caller_profiles") or {}
    if profiles.get("mode") == "new":
        resources.extend(profile_resources(name, profiles, versions, tagged))
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


def profile_resources(name, profiles, versions, tagged):
    """What caller_profiles mode new deploys (templates/profiles.tf): the domain and the
    call-handler's grant on it."""
    domain = profiles.get("domain_name") or name
    domain_arn = f"arn:aws:profile:{REGION}:{ACCOUNT}:domains/{domain}"
    return [
        resource("aws_customerprofiles_domain", "callers", versions, {
            "id": domain,
            "arn": domain_arn,
            "domain_name": domain,
            "default_expiration_days": profiles.get("expiration_days", 365),
            **tagged,
        }),
        resource("aws_iam_role_policy", "call_handler_profiles", versions, {
            "id": f"{name}-call-handler:call-handler-profiles",
            "name": "call-handler-profiles",
            "role": f"{name}-call-handler",
            "policy": json.dumps({"Version": "2012-10-17", "Statement": [{
                "Sid": "CallerProfiles", "Effect": "Allow",
                "Action": "profile:SearchProfiles", "Resource": domain_arn}]}),
        }),
    ]


def check_profiles_off(scenario, module_dir):
    """Turning caller profiles off forgets the domain (its profiles stay; agents may use them),
    deletes the grant, and deletes nothing else."""
    plan = load_plan(module_dir)
    forgotten = actions(plan, "aws_customerprofiles_domain.callers")
    if forgotten != ["forget"]:
        fail(f"{scenario}: the domain is planned {forgotten}, expected forget")
    revoked = actions(plan, "aws_iam_role_policy.call_handler_profiles")
    if revoked != ["delete"]:
        fail(f"{scenario}: the profiles grant is planned {revoked}, expected delete")
    deleted = sorted(
        c["address"] for c in changes(plan).values()
        if "delete" in c["change"]["actions"]
        and c["address"] != "aws_iam_role_policy.call_handler_profiles"
    )
    if deleted:
        fail(f"{scenario}: deletes {deleted}")
    print(f"change_scenarios: {scenario}: the domain is forgotten, its grant deleted, nothing else deleted")


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


def load_plan(module_dir):
    with open(f"{module_dir}/.plan.json", encoding="utf-8") as f:
        return json.load(f)


def rendered_policy(plan, scenario, which):
    """The phone-link policy as Terraform rendered it during plan (every input is known: the
    instance and the flow come from the state)."""
    document = plan_values(plan).get("data.aws_iam_policy_document.phone_link", {}).get("json")
    if not document:
        fail(f"{scenario}: the {which} phone-link policy was not rendered during plan")
    return json.loads(document)


def function_scope(plan, scenario, which):
    """The ids in phone-link's environment, as planned."""
    function = changes(plan).get("aws_lambda_function.phone_link")
    env = (function or {}).get("change", {}).get("after", {}).get("environment") or [{}]
    variables = env[0].get("variables") or {}
    if "PHONE_LINK_PHONE_NUMBER_ID" not in variables:
        fail(f"{scenario}: the {which} phone-link function has no scope in its environment: {variables}")
    return variables


def graph_edges(module_dir):
    """`A -> B` edges of `terraform graph -plan`: A runs after B."""
    with open(f"{module_dir}/.graph.dot", encoding="utf-8") as f:
        text = f.read()
    edges = {}
    for after, before in re.findall(r'"\[root\] ([^"]+)" -> "\[root\] ([^"]+)"', text):
        edges.setdefault(after, set()).add(before)
    return edges


def runs_after(edges, later, earlier):
    """Whether `later` waits, directly or through others, for `earlier`."""
    seen, stack = set(), [later]
    while stack:
        node = stack.pop()
        for before in edges.get(node, ()):
            if before == earlier:
                return True
            if before not in seen:
                seen.add(before)
                stack.append(before)
    return False


def check_policy(scenario, policy, old_number, new_number, flow):
    """What the new policy allows and, above all, denies."""
    here = {"connect:InstanceId": INSTANCE_ID}
    elsewhere = {"connect:InstanceId": OTHER_INSTANCE_ID}
    other_instance_arn = f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/{OTHER_INSTANCE_ID}"
    must_allow = [
        (ASSOCIATE, [number_arn(new_number), flow_arn(flow)], here, "attach the new number to the flow"),
        (DISASSOCIATE, [number_arn(new_number)], here, "detach its own number"),
        ("connect:ListFlowAssociations", [INSTANCE_ARN], here, "read the instance's number links"),
    ]
    must_deny = [
        (ASSOCIATE, [number_arn(OTHER_NUMBER_ID), flow_arn(flow)], here, "attach another number of the instance"),
        (DISASSOCIATE, [number_arn(OTHER_NUMBER_ID)], here, "detach another number of the instance"),
        (ASSOCIATE, [number_arn(new_number), flow_arn(OTHER_FLOW_ID)], here, "point its number at another flow"),
        (DISASSOCIATE, [number_arn(new_number)], elsewhere, "detach a number in another instance"),
        (ASSOCIATE, [number_arn(new_number), flow_arn(flow)], elsewhere, "attach in another instance"),
        (ASSOCIATE, [number_arn(new_number), flow_arn(flow, other_instance_arn)], here,
         "attach to another instance's flow"),
        (DISASSOCIATE, [number_arn(new_number, "210987654321")], here, "detach another account's number"),
        ("connect:ListFlowAssociations", [other_instance_arn], elsewhere, "read another instance"),
        ("connect:ReleasePhoneNumber", [number_arn(new_number)], here, "release a number"),
        ("connect:ClaimPhoneNumber", [number_arn(new_number)], here, "claim a number"),
        ("connect:DeleteContactFlow", [flow_arn(flow)], here, "delete the flow"),
        ("connect:UpdatePhoneNumber", [number_arn(new_number)], here, "move a number"),
    ]
    if old_number != new_number:
        must_deny.append((DISASSOCIATE, [number_arn(old_number)], here, "still detach the old number"))
    for action, arns, context, what in must_allow:
        if not allowed(policy, action, arns, context):
            fail(f"{scenario}: the policy does not let phone-link {what} ({action} on {arns})")
    for action, arns, context, what in must_deny:
        if allowed(policy, action, arns, context):
            fail(f"{scenario}: the policy lets phone-link {what} ({action} on {arns})")
    for statement in policy["Statement"]:
        if any(a.startswith("connect:") for a in as_list(statement["Action"])) and "*" in as_list(statement["Resource"]):
            fail(f"{scenario}: statement {statement.get('Sid')} allows Connect actions on \"*\"")
    return len(must_deny)


def check_old_number_detached(scenario, module_dir, plan, old_number):
    """The old invocation's delete runs under the old policy and the old scope."""
    before = load_plan(f"{module_dir}-before")
    here = {"connect:InstanceId": INSTANCE_ID}
    if not allowed(rendered_policy(before, scenario, "previous"), DISASSOCIATE, [number_arn(old_number)], here):
        fail(f"{scenario}: the policy before the change does not let phone-link detach {old_number}")
    if function_scope(before, scenario, "previous")["PHONE_LINK_PHONE_NUMBER_ID"] != old_number:
        fail(f"{scenario}: the function's scope before the change is not the old number {old_number}")
    edges = graph_edges(module_dir)
    delete = "aws_lambda_invocation.phone_link (destroy)"
    for moved in ("aws_iam_role_policy.phone_link", "aws_lambda_function.phone_link"):
        if not runs_after(edges, moved, delete):
            fail(f"{scenario}: {moved} may change before the old link's delete ({delete}) runs: "
                 f"the old number could be left attached")
    link = changes(plan)["aws_lambda_invocation.phone_link"]["change"]
    if json.loads(link["before"]["input"])["phone_number_id"] != old_number:
        fail(f"{scenario}: the replaced invocation does not hold the old number")


def check(scenario, module_dir):
    plan = load_plan(module_dir)
    link = changes(plan).get("aws_lambda_invocation.phone_link")
    if link is None:
        fail(f"{scenario}: no aws_lambda_invocation.phone_link in the plan")
    before = json.loads(link["change"]["before"]["input"])
    after_input = link["change"]["after"].get("input")
    after = json.loads(after_input) if after_input else None

    replaced = ["delete", "create"]
    expect = {
        # scenario: {address: actions}
        "claim-to-existing": {
            "aws_connect_phone_number.this": ["forget"],
            "aws_connect_instance.this": ["no-op"],
            "terraform_data.phone_link_number": ["update"],
            "aws_lambda_invocation.phone_link": replaced,
        },
        "existing-to-other-existing": {
            "aws_connect_instance.this": ["no-op"],
            "terraform_data.phone_link_number": ["update"],
            "aws_lambda_invocation.phone_link": replaced,
        },
        "flow-only": {
            "aws_connect_instance.this": ["no-op"],
            "aws_connect_phone_number.this": ["no-op"],
            "aws_connect_contact_flow.vanity": ["update"],
            "terraform_data.phone_link_number": ["no-op"],
            "terraform_data.phone_link_flow": ["no-op"],
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

    old_number = before["phone_number_id"]
    new_number = (after or before)["phone_number_id"]
    flow = (after or before)["contact_flow_id"]
    if not isinstance(flow, str):
        flow = FLOW_ID  # unknown until the flow is updated; it keeps its id
    scope = function_scope(plan, scenario, "new")
    if (scope["PHONE_LINK_PHONE_NUMBER_ID"], scope["PHONE_LINK_INSTANCE_ID"]) != (new_number, INSTANCE_ID):
        fail(f"{scenario}: the function's scope {scope} is not the new number in this instance")
    denied = check_policy(scenario, rendered_policy(plan, scenario, "new"), old_number, new_number, flow)
    if old_number != new_number:
        check_old_number_detached(scenario, module_dir, plan, old_number)
        detached = f"detaches {old_number} under the previous policy and scope, before they change; "
    else:
        detached = ""
    print(f"change_scenarios: {scenario}: planned actions as expected; {detached}the policy allows "
          f"attaching {new_number} to its flow and denies {denied} other requests")


def strip_native(module_dir):
    with open(f"{module_dir}/phone.tf", encoding="utf-8") as f:
        phone = f.read()
    block = re.compile(r'resource "aws_connect_phone_number_contact_flow_association" "this" \{\n.*?\n\}\n', re.S)
    phone, count = block.subn("", phone)
    if count != 1:
        fail(f"strip-native: {module_dir}/phone.tf has {count} association blocks, want 1")
    with open(f"{module_dir}/phone.tf", "w", encoding="utf-8") as f:
        f.write(phone)
    with open(f"{module_dir}/versions.tf", encoding="utf-8") as f:
        versions = f.read()
    if '">= 6.6, < 7.0"' not in versions:
        fail(f"strip-native: {module_dir}/versions.tf has no native-link provider constraint")
    with open(f"{module_dir}/versions.tf", "w", encoding="utf-8") as f:
        f.write(versions.replace('">= 6.6, < 7.0"', '">= 5.100, < 7.0"'))


def check_native(scenario, module_dir):
    with open(f"{module_dir}/.plan.json", encoding="utf-8") as f:
        plan = json.load(f)
    expect = {
        "aws_lambda_invocation.phone_link": ["forget"],
        "aws_connect_phone_number.this": ["no-op"],
        "aws_connect_instance.this": ["no-op"],
    }
    association = "aws_connect_phone_number_contact_flow_association.this"
    has_association = association in changes(plan)
    if has_association:
        expect[association] = ["create"]
    for address, want in expect.items():
        got = actions(plan, address)
        if got != want:
            fail(f"{scenario}: {address} planned {got}, want {want}")
    # Whatever runs a delete that detaches or releases the number: phone-link's CRUD
    # invocation (its delete calls DisassociatePhoneNumberContactFlow), the association, the
    # number and the instance.
    detaching = ("aws_lambda_invocation", "aws_connect_phone_number_contact_flow_association",
                 "aws_connect_phone_number", "aws_connect_instance")
    deleted = sorted(c["address"] for c in plan["resource_changes"]
                     if "delete" in c["change"]["actions"] and c["type"] in detaching)
    if deleted:
        fail(f"{scenario}: plan deletes {deleted}, which would detach or release the number")
    covered = "the association's create too" if has_association else \
        "not the association's create (this provider has no such resource; 6.6+ plans it)"
    print(f"change_scenarios: {scenario}: phone-link's invocation is forgotten, never destroyed; "
          f"nothing that detaches the number is deleted; checked {covered}")


def main():
    if len(sys.argv) in (5, 6) and sys.argv[1] == "state":
        write_state(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "strip-native":
        strip_native(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "check-native":
        check_native(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "check-profiles-off":
        check_profiles_off(sys.argv[2], sys.argv[3])
    else:
        fail(__doc__)


if __name__ == "__main__":
    main()
