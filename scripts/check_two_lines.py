"""Checks that two lines planned side by side share no AWS name (used by terraform-checks.sh).

Two configs from one checkout (production and a test line) render to two output folders and
are planned against the same account. AWS names must be unique per account and region for
these resource types, so a shared one would make the second apply fail or, worse, take over
the first line's resource: the table, a function, a role, a log group, an alarm, the
dashboard, the alarm topic, the KMS alias or the Connect instance alias. Fails on any name
both plans give one resource type, and when either plan names fewer resources than a stack
has (so the check cannot pass by finding nothing).

Usage: check_two_lines.py PLAN_JSON_A PLAN_JSON_B   (`terraform show -json` of each plan)
"""
import json
import sys

# The attribute that holds each resource type's account-wide name.
NAME_ATTRIBUTES = {
    "aws_dynamodb_table": "name",
    "aws_lambda_function": "function_name",
    "aws_iam_role": "name",
    "aws_iam_policy": "name",
    "aws_cloudwatch_log_group": "name",
    "aws_cloudwatch_metric_alarm": "alarm_name",
    "aws_cloudwatch_dashboard": "dashboard_name",
    "aws_sns_topic": "name",
    "aws_kms_alias": "name",
    "aws_connect_instance": "instance_alias",
}

# A stack has at least the table, two functions, their roles and log groups, five alarms, the
# dashboard and the topic.
MIN_NAMES = 12


def names(plan_path):
    with open(plan_path, encoding="utf-8") as f:
        plan = json.load(f)
    found = {}
    for change in plan.get("resource_changes", []):
        attribute = NAME_ATTRIBUTES.get(change["type"])
        after = (change.get("change") or {}).get("after") or {}
        if attribute and isinstance(after.get(attribute), str):
            found[(change["type"], after[attribute])] = change["address"]
    return found


def main():
    a, b = names(sys.argv[1]), names(sys.argv[2])
    for path, found in ((sys.argv[1], a), (sys.argv[2], b)):
        if len(found) < MIN_NAMES:
            sys.exit(f"check_two_lines: {path} names only {len(found)} resources: {sorted(found)}")
    shared = sorted(set(a) & set(b))
    if shared:
        for kind, name in shared:
            print(f"check_two_lines: both lines name a {kind} {name!r} ({a[(kind, name)]})", file=sys.stderr)
        sys.exit(1)
    print(f"two lines side by side: {len(a)} and {len(b)} named resources, none shared")


if __name__ == "__main__":
    main()
