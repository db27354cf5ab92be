"""Checks a `terraform show -json` plan of a rendered module (used by terraform-checks.sh).

- every resource declared in the module's configuration is planned for creation;
- no IAM policy document names a "*" action (or a service-wide "svc:*");
- the provider's default tags reach a resource exactly as vanity.yaml wrote them;
- the call-handler's table statement allows exactly the DynamoDB operations its code calls
  (every `client.<operation>()` under lambda/call-handler/src/store/), no more, no fewer;
- the hardening vanity.yaml asks for: the table's deletion protection and point-in-time
  recovery window (dynamodb.deletion_protection, dynamodb.recovery_days), the call-handler's
  reserved concurrency (lambda.reserved_concurrency, none by default), and Contact Lens off on
  a created instance.
- every index the store code reads (`.index_name(schema::NAME)`) is planned on the table.
- with `caller_profiles` on, the call-handler's profile statement allows exactly the Customer
  Profiles operations its code calls (`.client.<operation>()` in
  lambda/call-handler/src/profile/sdk.rs), less UpdateProfile without write_choice and less
  CreateProfile without create_missing, on the one domain ARN; with it off there is none.

Usage: check_plan.py MODULE_DIR CONFIG_YAML   (reads MODULE_DIR/.plan.json)
"""
import pathlib
import re
import sys

import plan_inputs


def fail(message):
    print(f"check_plan: {message}", file=sys.stderr)
    sys.exit(1)


def dynamodb_calls(repo_root):
    """`dynamodb:<Operation>` for every SDK call `client.<operation>()` in the handler's store."""
    calls = set()
    for source in sorted((repo_root / "lambda/call-handler/src/store").rglob("*.rs")):
        text = source.read_text(encoding="utf-8")
        for name in re.findall(r"\.client\s*\.\s*([a-z_]+)\s*\(", text):
            calls.add("dynamodb:" + "".join(word.capitalize() for word in name.split("_")))
    return calls


def planned_after(plan, address):
    for change in plan["resource_changes"]:
        if change["address"] == address:
            return change["change"]["after"] or {}
    return None


def check_hardening(plan, config):
    """What vanity.yaml says about the table, the call-handler and the instance, as planned."""
    dynamodb = config.get("dynamodb") or {}
    table = planned_after(plan, "aws_dynamodb_table.callers")
    want_protection = dynamodb.get("deletion_protection", True)
    if table.get("deletion_protection_enabled") is not want_protection:
        fail(f"table deletion protection is {table.get('deletion_protection_enabled')!r}, "
             f"vanity.yaml wants {want_protection!r}")
    days = dynamodb.get("recovery_days", 7)
    pitr = (table.get("point_in_time_recovery") or [{}])[0]
    if pitr.get("enabled") is not (days > 0):
        fail(f"point-in-time recovery enabled={pitr.get('enabled')!r} for recovery_days {days}")
    if days > 0 and pitr.get("recovery_period_in_days") != days:
        fail(f"point-in-time recovery keeps {pitr.get('recovery_period_in_days')!r} days, "
             f"vanity.yaml says {days} (DynamoDB's default would be 35)")
    reserved = (config.get("lambda") or {}).get("reserved_concurrency")
    function = planned_after(plan, "aws_lambda_function.call_handler")
    got = function.get("reserved_concurrent_executions")
    # Unset, the provider plans its default -1 ("no reservation").
    if (reserved is None and got not in (None, -1)) or (reserved is not None and got != reserved):
        fail(f"call-handler reserved concurrency {got!r}, vanity.yaml says {reserved!r}")
    instance = planned_after(plan, "aws_connect_instance.this")
    if instance is not None and instance.get("contact_lens_enabled") is not False:
        fail(f"the created instance has contact_lens_enabled={instance.get('contact_lens_enabled')!r}")
    return f"table protected={want_protection} with {days} days of recovery, reserved concurrency {reserved}"
def indexes_read(repo_root):
    """Index names the store code queries, resolved through the schema's constants."""
    schema = (repo_root / "lambda/call-handler/src/schema.rs").read_text(encoding="utf-8")
    constants = dict(re.findall(r'pub const ([A-Z_]+): &str = "([^"]*)";', schema))
    names = set()
    for source in sorted((repo_root / "lambda/call-handler/src/store").rglob("*.rs")):
        for constant in re.findall(r"\.index_name\(\s*schema::([A-Z_]+)\s*\)", source.read_text(encoding="utf-8")):
            if constant not in constants:
                fail(f"{source.name} queries schema::{constant}, which schema.rs does not define as a string")
            names.add(constants[constant])
    return names


def profile_calls(repo_root):
    """`profile:<Operation>` for every SDK call in the handler's Customer Profiles source."""
    text = (repo_root / "lambda/call-handler/src/profile/sdk.rs").read_text(encoding="utf-8")
    return {
        "profile:" + "".join(word.capitalize() for word in name.split("_"))
        for name in re.findall(r"\.client\s*\.\s*([a-z_]+)\s*\(", text)
    }


def check_profiles(plan, config, repo_root):
    """The profile statement: exactly the calls the owner's options allow, on one domain."""
    section = config.get("caller_profiles") or {}
    resources = plan["configuration"]["root_module"].get("resources", [])
    policy = next((r for r in resources
                   if r["address"] == "data.aws_iam_policy_document.call_handler_profiles"), None)
    if section.get("mode", "none") == "none":
        if policy is not None:
            fail("caller_profiles is off, yet the plan holds a Customer Profiles policy")
        return "no Customer Profiles policy (caller_profiles off)"
    if policy is None:
        fail("caller_profiles is on, but no data.aws_iam_policy_document.call_handler_profiles")
    called = profile_calls(repo_root)
    if called != {"profile:SearchProfiles", "profile:UpdateProfile", "profile:CreateProfile"}:
        fail(f"profile/sdk.rs calls {sorted(called)}: update this check with the code")
    want = {"profile:SearchProfiles"}
    if section.get("write_choice", True):
        want.add("profile:UpdateProfile")
        if section.get("create_missing", False):
            want.add("profile:CreateProfile")
    statements = policy["expressions"].get("statement", [])
    allowed = {a for st in statements for a in st.get("actions", {}).get("constant_value", [])}
    if allowed != want:
        fail(f"profile policy allows {sorted(allowed)}, the options call for {sorted(want)}")
    refs = [ref for st in statements for ref in st.get("resources", {}).get("references", [])]
    if len(statements) != 1 or "local.profile_domain_arn" not in refs:
        fail(f"profile policy must name only local.profile_domain_arn, names {refs}")
    return f"profile actions {sorted(allowed)} on the one domain"


def main():
    module_dir, config_path = sys.argv[1], sys.argv[2]
    plan, config = plan_inputs.load(module_dir, config_path)

    declared = {
        r["address"]
        for r in plan["configuration"]["root_module"].get("resources", [])
        if r["mode"] == "managed"
    }
    planned = {
        c["address"]: c["change"]["actions"]
        for c in plan["resource_changes"]
        if c["mode"] == "managed"
    }
    missing = sorted(declared - planned.keys())
    if missing:
        fail(f"declared but not planned: {missing}")
    not_created = sorted(a for a, actions in planned.items() if actions != ["create"])
    if not_created:
        fail(f"planned with actions other than create: {not_created}")

    # Policies are data sources whose JSON is only known at apply time, so check the
    # configuration's statements, where actions are constants.
    for resource in plan["configuration"]["root_module"].get("resources", []):
        if resource["type"] != "aws_iam_policy_document":
            continue
        for statement in resource["expressions"].get("statement", []):
            actions = statement.get("actions", {}).get("constant_value")
            if actions is None:
                fail(f"{resource['address']}: actions are not constants, so they cannot be checked")
            bad = [a for a in actions if a == "*" or a.endswith(":*")]
            if bad:
                fail(f"{resource['address']} allows wildcard actions {bad}")

    repo_root = pathlib.Path(__file__).resolve().parent.parent
    called = dynamodb_calls(repo_root)
    if not called:
        fail("found no DynamoDB calls in lambda/call-handler/src/store: has the code moved?")
    policy = next(
        (r for r in plan["configuration"]["root_module"].get("resources", [])
         if r["address"] == "data.aws_iam_policy_document.call_handler"),
        None,
    )
    if policy is None:
        fail("no data.aws_iam_policy_document.call_handler in the plan")
    table_statements = [
        st for st in policy["expressions"].get("statement", [])
        if any(a.startswith("dynamodb:") for a in st.get("actions", {}).get("constant_value", []))
    ]
    allowed = {a for st in table_statements for a in st["actions"]["constant_value"]}
    if allowed != called:
        fail(f"call-handler policy allows {sorted(allowed)}, its code calls {sorted(called)}")

    table = next(c for c in plan["resource_changes"] if c["address"] == "aws_dynamodb_table.callers")
    planned_indexes = {i["name"] for i in table["change"]["after"].get("global_secondary_index") or []}
    read = indexes_read(repo_root)
    if not read:
        fail("the call-handler's store queries no index: has the code moved?")
    if not read <= planned_indexes:
        fail(f"the store queries indexes {sorted(read - planned_indexes)} the table does not plan")

    want_tags = {str(k): str(v) for k, v in (config.get("tags") or {}).items()}
    got_tags = table["change"]["after"].get("tags_all") or {}
    if got_tags != want_tags:
        fail(f"default tags changed on the way: want {want_tags!r}, got {got_tags!r}")

    hardening = check_hardening(plan, config)
    profiles = check_profiles(plan, config, repo_root)
    print(f"check_plan: {module_dir}: {len(planned)} resources planned, IAM actions explicit, "
          f"call-handler table actions = code's calls {sorted(called)}, indexes it reads "
          f"{sorted(read)} planned, tags intact, {hardening}, {profiles}")


if __name__ == "__main__":
    main()
