"""Checks the monitoring in a `terraform show -json` plan (used by terraform-checks.sh).

The dashboard body must be valid JSON, and every metric in it and in every alarm must name a
real CloudWatch namespace and metric, with exactly the dimension set that metric is published
with, and dimension values that are the planned resources' own names: the call-handler
function, the table and its index, the operations the handler's IAM policy allows, the Connect
instance and the flow. DynamoDB's UserErrors is published for the account and region with no
dimension at all, so it must carry none. The line's own metrics (namespace connect-vanity/<name>)
must each come from a metric filter on the call-handler's log group, and each filter must feed
an alarm. The Logs Insights widget must read the call-handler's log group. The alarms must
publish to the stack's topic and, when vanity.yaml sets alerts.sns_topic_arn, to that topic too
(read from the module's source: the plan holds each action set as unknown until apply); the
topic must be encrypted with the stack's rotating key, whose policy lets CloudWatch use it
only for this account's alarms of this stack (aws:SourceAccount and aws:SourceArn); the email
subscription must exist exactly when vanity.yaml sets alerts.email (with the address
unchanged), and the dashboard_url output must name the dashboard.

The plan is made with the Connect instance id pinned (terraform-checks.sh, moto_override.tf),
because a new instance's id is only known after apply and the body embeds it.

Metric catalogue, from the services' documentation:
- AWS/Lambda: https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
- AWS/DynamoDB: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
- AWS/Connect: https://docs.aws.amazon.com/connect/latest/adminguide/monitoring-cloudwatch.html

Usage: check_monitoring.py MODULE_DIR CONFIG_YAML   (reads MODULE_DIR/.plan.json)
"""
import json
import pathlib
import re
import sys

import plan_inputs

LAMBDA = [{"FunctionName"}]
TABLE = [{"TableName"}, {"TableName", "GlobalSecondaryIndexName"}]
VOICE = [{"InstanceId", "MetricGroup"}]
FLOW = [{"InstanceId", "MetricGroup", "ContactFlowName"}]
# "UserErrors represents the aggregate of HTTP 400 errors for DynamoDB or Amazon DynamoDB Streams
# requests for the current region and the current AWS account": no dimension.
ACCOUNT = [set()]
CATALOGUE = {
    "AWS/Lambda": {name: LAMBDA for name in ["Invocations", "Errors", "Throttles", "Duration"]},
    "AWS/DynamoDB": {
        "ReadThrottleEvents": TABLE,
        "WriteThrottleEvents": TABLE,
        "SystemErrors": [{"TableName", "Operation"}],
        "ThrottledRequests": [{"TableName", "Operation"}],
        "UserErrors": ACCOUNT,
    },
    "AWS/Connect": {
        "CallsPerInterval": VOICE,
        "ConcurrentCalls": VOICE,
        "ThrottledCalls": VOICE,
        # Its own entry names only InstanceId; the page also groups it with the VoiceCalls
        # metrics. The dashboard plots both readings (src/render/monitoring.rs).
        "CallsBreachingConcurrencyQuota": VOICE + [{"InstanceId"}],
        "MisconfiguredPhoneNumbers": VOICE,
        "ContactFlowErrors": FLOW,
        "ContactFlowFatalErrors": FLOW,
    },
}
METRIC_GROUP = {name: "VoiceCalls" for name, sets in CATALOGUE["AWS/Connect"].items() if VOICE[0] in sets}
METRIC_GROUP.update({"ContactFlowErrors": "ContactFlow", "ContactFlowFatalErrors": "ContactFlow"})


def fail(message):
    print(f"check_monitoring: {message}", file=sys.stderr)
    sys.exit(1)


def planned(plan, address):
    for change in plan["resource_changes"]:
        if change["address"] == address:
            return change["change"]["after"] or {}
    fail(f"{address} is not in the plan")


def config_resource(plan, address):
    for resource in plan["configuration"]["root_module"].get("resources", []):
        if resource["address"] == address:
            return resource
    fail(f"{address} is not in the configuration")


class Stack:
    """The planned names the monitoring must refer to."""

    def __init__(self, plan):
        function = planned(plan, "aws_lambda_function.call_handler")
        table = planned(plan, "aws_dynamodb_table.callers")
        flow = planned(plan, "aws_connect_contact_flow.vanity")
        self.region = plan["variables"]["region"]["value"]
        self.function = function["function_name"]
        self.flow_limit_ms = function["timeout"] * 1000
        self.table = table["name"]
        self.indexes = {index["name"] for index in table.get("global_secondary_index", [])}
        self.instance = flow.get("instance_id")
        if not self.instance:
            fail("the Connect instance id is unknown in the plan; pin it (terraform-checks.sh)")
        self.flow = flow["name"]
        self.log_group = planned(plan, "aws_cloudwatch_log_group.call_handler")["name"]
        policy = config_resource(plan, "data.aws_iam_policy_document.call_handler")
        actions = [
            action
            for statement in policy["expressions"]["statement"]
            for action in statement["actions"]["constant_value"]
            if action.startswith("dynamodb:")
        ]
        self.operations = {action.split(":", 1)[1] for action in actions}
        # The line's own metrics: what its metric filters publish, with no dimension.
        self.log_metrics = {}
        for change in plan["resource_changes"]:
            if change["type"] != "aws_cloudwatch_log_metric_filter":
                continue
            after = change["change"]["after"]
            if after["log_group_name"] != self.log_group:
                fail(f"{change['address']} reads {after['log_group_name']}, not {self.log_group}")
            for transformation in after["metric_transformation"]:
                if transformation.get("dimensions"):
                    fail(f"{change['address']}: a log metric with dimensions {transformation['dimensions']}")
                key = (transformation["namespace"], transformation["name"])
                self.log_metrics[key] = change["address"]
        if not self.log_metrics:
            fail("no metric filter on the call-handler's log group")

    def check_metric(self, where, namespace, name, dimensions):
        dimensions = dimensions or {}
        if (namespace, name) in self.log_metrics:
            if dimensions:
                fail(f"{where}: {namespace} {name} is published without dimensions, not {sorted(dimensions)}")
            return
        sets = CATALOGUE.get(namespace, {}).get(name)
        if sets is None:
            fail(f"{where}: {namespace} {name} is not a metric this stack publishes")
        if set(dimensions) not in sets:
            fail(f"{where}: {namespace} {name} is published with dimensions {sets}, not {sorted(dimensions)}")
        expected = {
            "FunctionName": {self.function},
            "TableName": {self.table},
            "GlobalSecondaryIndexName": self.indexes,
            "Operation": self.operations,
            "InstanceId": {self.instance},
            "ContactFlowName": {self.flow},
            "MetricGroup": {METRIC_GROUP.get(name)},
        }
        for key, value in dimensions.items():
            if value not in expected[key]:
                fail(f"{where}: {name} dimension {key}={value!r} names nothing in the stack (expected one of {sorted(expected[key])})")


def metric_lines(widget):
    """(namespace, name, dimensions, options) for each metric line of a metric widget."""
    for line in widget["properties"].get("metrics", []):
        options = line[-1] if isinstance(line[-1], dict) else {}
        parts = line[:-1] if isinstance(line[-1], dict) else line
        if len(parts) < 2 or len(parts) % 2:
            fail(f"dashboard: malformed metric line {line}")
        namespace, name = parts[0], parts[1]
        dimensions = dict(zip(parts[2::2], parts[3::2]))
        yield namespace, name, dimensions, options


def check_dashboard(plan, stack):
    dashboard = planned(plan, "aws_cloudwatch_dashboard.this")
    body_text = dashboard.get("dashboard_body")
    if body_text is None:
        fail("the dashboard body is unknown in the plan")
    try:
        body = json.loads(body_text)
    except json.JSONDecodeError as error:
        fail(f"the dashboard body is not JSON: {error}")
    if "@@" in body_text:
        fail("a placeholder was left in the dashboard body")
    seen = set()
    logs = 0
    for index, widget in enumerate(body["widgets"]):
        where = f"dashboard widget {index} ({widget['properties'].get('title')})"
        if widget["properties"].get("region") != stack.region:
            fail(f"{where}: region {widget['properties'].get('region')!r}, the stack is in {stack.region}")
        if widget["x"] + widget["width"] > 24:
            fail(f"{where}: wider than the 24-column grid")
        if widget["type"] == "metric":
            for namespace, name, dimensions, options in metric_lines(widget):
                stack.check_metric(where, namespace, name, dimensions)
                seen.add((name, options.get("stat", widget["properties"].get("stat"))))
            limits = [a["value"] for a in widget["properties"].get("annotations", {}).get("horizontal", [])]
            if limits and stack.flow_limit_ms not in limits:
                fail(f"{where}: annotations {limits} lack the flow's time limit {stack.flow_limit_ms} ms")
        elif widget["type"] == "log":
            query = widget["properties"]["query"]
            source = re.match(r"SOURCE '([^']+)'", query)
            if not source or source.group(1) != stack.log_group:
                fail(f"{where}: the query does not read {stack.log_group}: {query}")
            if "caller" not in query:
                fail(f"{where}: the query does not show the (masked) caller")
            logs += 1
        else:
            fail(f"{where}: unexpected widget type {widget['type']}")
    wanted = {
        ("CallsPerInterval", "Sum"),
        ("Errors", "Sum"),
        ("Throttles", "Sum"),
        ("Duration", "p99"),
        ("SystemErrors", "Sum"),
        ("WriteThrottleEvents", "Sum"),
        ("ReadThrottleEvents", "Sum"),
        ("ContactFlowErrors", "Sum"),
        ("ContactFlowFatalErrors", "Sum"),
        ("ThrottledRequests", "Sum"),
        ("UserErrors", "Sum"),
    } | {(name, "Sum") for _, name in stack.log_metrics}
    missing = wanted - seen
    if missing:
        fail(f"dashboard lacks {sorted(missing)}")
    if logs != 1:
        fail(f"dashboard has {logs} Logs Insights widgets, expected 1")
    return len(body["widgets"])


def alarm_sources(module_dir):
    """`aws_cloudwatch_metric_alarm` blocks of the planned module's .tf files, by address."""
    blocks = {}
    for path in sorted(pathlib.Path(module_dir).glob("*.tf")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r'^resource "aws_cloudwatch_metric_alarm" "([a-z0-9_]+)" \{\n(.*?)^\}', text, re.M | re.S):
            blocks[f"aws_cloudwatch_metric_alarm.{match.group(1)}"] = match.group(2)
    return blocks


def check_owner_topic(sources, where, key, owner_topic):
    """Every alarm notifies the stack's topic, and alerts.sns_topic_arn exactly when it is set.

    The plan cannot show it: alarm_actions is a set, and a set holding the stack topic's ARN
    (known only after apply) is wholly unknown in the plan. So the list is read from the
    module's own source, the configuration Terraform planned."""
    line = re.search(rf"^\s*{key}\s*=\s*(\[.*\])\s*$", sources.get(where, ""), re.M)
    if line is None:
        fail(f"{where}: no {key} list in the module's source")
    want = "[aws_sns_topic.alarms.arn]" if owner_topic is None else f'[aws_sns_topic.alarms.arn, "{owner_topic}"]'
    if line.group(1) != want:
        fail(f"{where}: {key} = {line.group(1)}, expected {want} (alerts.sns_topic_arn: {owner_topic!r})")


def check_alarms(plan, stack, config, module_dir):
    sources = alarm_sources(module_dir)
    alarms = [
        c for c in plan["resource_changes"]
        if c["type"] == "aws_cloudwatch_metric_alarm" and c["mode"] == "managed"
    ]
    owner_topic = (config.get("alerts") or {}).get("sns_topic_arn")
    watched = set()
    for change in alarms:
        after = change["change"]["after"]
        where = change["address"]
        if after.get("metric_name"):
            stack.check_metric(where, after["namespace"], after["metric_name"], after.get("dimensions"))
            watched.add(after["metric_name"])
        for query in after.get("metric_query") or []:
            for metric in query.get("metric") or []:
                stack.check_metric(where, metric["namespace"], metric["metric_name"], metric.get("dimensions"))
                watched.add(metric["metric_name"])
        if after.get("metric_name") == "Duration" and not after["threshold"] < stack.flow_limit_ms:
            fail(f"{where}: threshold {after['threshold']} ms is not below the flow's limit {stack.flow_limit_ms} ms")
        expressions = config_resource(plan, where)["expressions"]
        for key in ("alarm_actions", "ok_actions"):
            references = expressions.get(key, {}).get("references", [])
            if "aws_sns_topic.alarms.arn" not in references:
                fail(f"{where}: {key} does not publish to aws_sns_topic.alarms")
            check_owner_topic(sources, where, key, owner_topic)
    wanted = {
        "Errors", "Throttles", "Duration", "ContactFlowErrors", "ContactFlowFatalErrors",
        "SystemErrors", "ThrottledRequests", "UserErrors",
    } | {name for _, name in stack.log_metrics}
    if not wanted <= watched:
        fail(f"no alarm on {sorted(wanted - watched)}")
    return len(alarms)


def check_key_policy(plan):
    """CloudWatch may use the alarm key only for this account's alarms of this stack."""
    policy = config_resource(plan, "data.aws_iam_policy_document.alarms_key")["expressions"]
    for statement in policy["statement"]:
        principals = [
            ident
            for principal in statement.get("principals", [])
            for ident in principal["identifiers"].get("constant_value", [])
        ]
        if "cloudwatch.amazonaws.com" not in principals:
            continue
        conditions = {
            c["variable"]["constant_value"]: (c["test"]["constant_value"], c["values"].get("references", []))
            for c in statement.get("condition", [])
        }
        account = conditions.get("aws:SourceAccount")
        source = conditions.get("aws:SourceArn")
        if account is None or account[0] != "StringEquals" or \
                "data.aws_caller_identity.current.account_id" not in account[1]:
            fail(f"the key's CloudWatch statement is not limited to this account: {conditions}")
        if source is None or source[0] != "ArnLike" or "local.alarm_arn" not in source[1]:
            fail(f"the key's CloudWatch statement is not limited to this stack's alarms: {conditions}")
        return
    fail("the alarm key's policy has no statement for cloudwatch.amazonaws.com")


def check_topic(plan, config):
    topic = config_resource(plan, "aws_sns_topic.alarms")["expressions"]
    if "aws_kms_key.alarms.arn" not in topic.get("kms_master_key_id", {}).get("references", []):
        fail("aws_sns_topic.alarms is not encrypted with aws_kms_key.alarms")
    if planned(plan, "aws_kms_key.alarms").get("enable_key_rotation") is not True:
        fail("aws_kms_key.alarms does not rotate")
    email = ((config.get("alerts") or {}).get("email"))
    subscriptions = [
        c["change"]["after"] for c in plan["resource_changes"]
        if c["type"] == "aws_sns_topic_subscription"
    ]
    if email is None and subscriptions:
        fail(f"no alerts.email in the config, yet subscriptions are planned: {subscriptions}")
    if email is not None:
        if len(subscriptions) != 1:
            fail(f"alerts.email is set, expected one subscription, got {subscriptions}")
        if subscriptions[0]["protocol"] != "email" or subscriptions[0]["endpoint"] != email:
            fail(f"subscription {subscriptions[0]} is not email to {email!r}")


def check_output(plan, stack):
    dashboard = planned(plan, "aws_cloudwatch_dashboard.this")["dashboard_name"]
    url = plan.get("output_changes", {}).get("dashboard_url", {}).get("after")
    host = "console.amazonaws-us-gov.com" if stack.region.startswith("us-gov-") else "console.aws.amazon.com"
    expected = f"https://{host}/cloudwatch/home?region={stack.region}#dashboards:name={dashboard}"
    if url != expected:
        fail(f"dashboard_url is {url!r}, expected {expected!r}")


def main():
    module_dir, config_path = sys.argv[1], sys.argv[2]
    plan, config = plan_inputs.load(module_dir, config_path)
    stack = Stack(plan)
    widgets = check_dashboard(plan, stack)
    alarms = check_alarms(plan, stack, config, module_dir)
    check_topic(plan, config)
    check_key_policy(plan)
    check_output(plan, stack)
    print(
        f"check_monitoring: {module_dir}: {widgets} dashboard widgets and {alarms} alarms name "
        f"real metrics of the planned resources ({len(stack.log_metrics)} from the handler's log lines); "
        f"topic encrypted, key limited to this stack's alarms; destinations as configured"
    )


if __name__ == "__main__":
    main()
