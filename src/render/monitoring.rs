//! What `monitoring.tf` prints and the CloudWatch dashboard body it deploys (`dashboard.json`,
//! built here with serde_json and rendered next to the flow). Owns which metrics are watched,
//! with which dimensions, and the alarm thresholds; not the resources they describe.
//!
//! Metric names and dimensions are the services' documented ones:
//! - AWS/Lambda, dimension FunctionName: Invocations, Errors, Throttles, Duration
//!   (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html);
//! - AWS/DynamoDB: ReadThrottleEvents / WriteThrottleEvents by TableName (and
//!   TableName + GlobalSecondaryIndexName for an index), SystemErrors by TableName + Operation
//!   (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html);
//! - AWS/Connect: instance metrics by InstanceId + MetricGroup "VoiceCalls", flow metrics by
//!   InstanceId + MetricGroup "ContactFlow" + ContactFlowName
//!   (https://docs.aws.amazon.com/connect/latest/adminguide/monitoring-cloudwatch.html; the
//!   MetricGroup values are those the published Amazon Connect CloudWatch dashboard application
//!   uses, github.com/aws-samples "amazon-connect-cloudwatch-dashboard").
//!
//! `scripts/check_monitoring.py` checks the planned dashboard and alarms against the planned
//! resources, so a renamed function, table or flow cannot leave a widget watching nothing.

use serde_json::{json, Value};

use crate::config::Config;

/// The dashboard body's file in the output directory.
pub const DASHBOARD_FILE: &str = "dashboard.json";
/// Replaced by the Connect instance id at apply time (unknown before a new instance exists).
pub const INSTANCE_ID_PLACEHOLDER: &str = "@@CONNECT_INSTANCE_ID@@";
/// Replaced by `var.region` at apply time, so a region override moves the widgets too.
pub const REGION_PLACEHOLDER: &str = "@@REGION@@";

/// The alarm on the call-handler's duration fires at this share of the flow's time limit:
/// a caller whose invocation reaches the limit hears the error message instead of results.
const DURATION_ALARM_PERCENT: u32 = 80;

/// How many recent calls the Logs Insights widget lists.
const LOG_WIDGET_CALLS: u32 = 50;

/// One DynamoDB operation the call-handler performs, as a metric-math query id and the
/// Operation dimension value.
pub struct Operation {
    pub id: String,
    pub name: String,
}

/// Everything `monitoring.tf` prints, and the names the dashboard watches.
pub struct Monitoring {
    pub function_name: String,
    pub table_name: String,
    pub flow_name: String,
    pub dashboard_name: String,
    pub dashboard_file: &'static str,
    pub instance_placeholder: &'static str,
    pub region_placeholder: &'static str,
    pub topic_name: String,
    pub key_alias: String,
    pub alarm_prefix: String,
    pub flow_limit_ms: u32,
    pub duration_threshold_ms: u32,
    pub duration_alarm_percent: u32,
    pub operations: Vec<Operation>,
    pub alert_email: Option<String>,
}

/// DynamoDB's Operation dimension values for the handler's IAM actions ("dynamodb:PutItem" ->
/// "PutItem"): the alarm watches exactly the calls the handler makes.
fn operations() -> Vec<Operation> {
    call_handler::schema::DYNAMODB_ACTIONS
        .iter()
        .filter_map(|action| action.strip_prefix("dynamodb:"))
        .map(|name| Operation {
            id: format!("system_errors_{}", name.to_ascii_lowercase()),
            name: name.to_string(),
        })
        .collect()
}

impl Monitoring {
    /// `function_name` and `flow_name` are the names the stack gives the call-handler and the
    /// flow, so the dashboard cannot watch a name the stack does not use.
    pub fn new(config: &Config, function_name: &str, flow_name: &str) -> Monitoring {
        // The flow waits lambda.timeout_seconds for the handler (validated to Connect's 1..=8,
        // the range the flow builder clamps to), and the function's own timeout is the same.
        let flow_limit_ms = config.lambda.timeout_seconds * 1000;
        Monitoring {
            function_name: function_name.to_string(),
            table_name: config.table.name.clone(),
            flow_name: flow_name.to_string(),
            dashboard_name: config.name.clone(),
            dashboard_file: DASHBOARD_FILE,
            instance_placeholder: INSTANCE_ID_PLACEHOLDER,
            region_placeholder: REGION_PLACEHOLDER,
            topic_name: format!("{}-alarms", config.name),
            key_alias: format!("alias/{}-alarms", config.name),
            alarm_prefix: config.name.clone(),
            flow_limit_ms,
            duration_threshold_ms: flow_limit_ms * DURATION_ALARM_PERCENT / 100,
            duration_alarm_percent: DURATION_ALARM_PERCENT,
            operations: operations(),
            alert_email: config.alerts.email.clone(),
        }
    }
}

/// A metric line of a widget: namespace, name, dimension pairs, then rendering options.
fn metric(namespace: &str, name: &str, dimensions: &[(&str, &str)], options: Value) -> Value {
    let mut line = vec![json!(namespace), json!(name)];
    for (key, value) in dimensions {
        line.push(json!(key));
        line.push(json!(value));
    }
    line.push(options);
    Value::Array(line)
}

/// A time-series metric widget at grid position (x, y), 12 wide and 6 high.
fn graph(x: u32, y: u32, title: &str, metrics: Vec<Value>, extra: Value) -> Value {
    let mut properties = json!({
        "title": title,
        "view": "timeSeries",
        "stacked": false,
        "region": REGION_PLACEHOLDER,
        "metrics": metrics,
    });
    if let (Some(properties), Value::Object(extra)) = (properties.as_object_mut(), extra) {
        properties.extend(extra);
    }
    json!({"type": "metric", "x": x, "y": y, "width": 12, "height": 6, "properties": properties})
}

/// The dashboard body (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html),
/// pretty-printed with a trailing newline.
pub fn dashboard_json(monitoring: &Monitoring) -> String {
    let function = monitoring.function_name.as_str();
    let table = monitoring.table_name.as_str();
    let flow = monitoring.flow_name.as_str();
    let instance = INSTANCE_ID_PLACEHOLDER;
    let voice = [("InstanceId", instance), ("MetricGroup", "VoiceCalls")];
    let flow_dims = [
        ("InstanceId", instance),
        ("MetricGroup", "ContactFlow"),
        ("ContactFlowName", flow),
    ];
    let lambda = [("FunctionName", function)];
    let sum = |label: &str| json!({"stat": "Sum", "label": label});

    let calls_per_hour = graph(
        0,
        0,
        "Calls per hour",
        vec![
            metric(
                "AWS/Connect",
                "CallsPerInterval",
                &voice,
                sum("calls to the instance"),
            ),
            metric(
                "AWS/Lambda",
                "Invocations",
                &lambda,
                sum("call-handler invocations"),
            ),
        ],
        json!({"period": 3600, "stat": "Sum"}),
    );
    let handler_errors = graph(
        12,
        0,
        "Call-handler errors and throttles",
        vec![
            metric(
                "AWS/Lambda",
                "Errors",
                &lambda,
                sum("errors (the caller hears the error message)"),
            ),
            metric("AWS/Lambda", "Throttles", &lambda, sum("throttles")),
        ],
        json!({"period": 300, "stat": "Sum"}),
    );
    let duration = graph(
        0,
        6,
        "Call-handler duration p99 against the flow's time limit (ms)",
        vec![
            metric(
                "AWS/Lambda",
                "Duration",
                &lambda,
                json!({"stat": "p99", "label": "p99"}),
            ),
            metric(
                "AWS/Lambda",
                "Duration",
                &lambda,
                json!({"stat": "Maximum", "label": "maximum"}),
            ),
        ],
        json!({
            "period": 300,
            "yAxis": {"left": {"min": 0, "max": monitoring.flow_limit_ms}},
            "annotations": {"horizontal": [
                {"label": "the flow's time limit", "value": monitoring.flow_limit_ms},
                {"label": format!("alarm at {DURATION_ALARM_PERCENT}%"), "value": monitoring.duration_threshold_ms},
            ]},
        }),
    );
    let mut dynamodb = vec![
        metric(
            "AWS/DynamoDB",
            "ReadThrottleEvents",
            &[("TableName", table)],
            sum("read throttles"),
        ),
        metric(
            "AWS/DynamoDB",
            "WriteThrottleEvents",
            &[("TableName", table)],
            sum("write throttles"),
        ),
        metric(
            "AWS/DynamoDB",
            "WriteThrottleEvents",
            &[
                ("TableName", table),
                (
                    "GlobalSecondaryIndexName",
                    call_handler::schema::RECENT_INDEX,
                ),
            ],
            sum("recent-calls index write throttles"),
        ),
    ];
    for operation in &monitoring.operations {
        dynamodb.push(metric(
            "AWS/DynamoDB",
            "SystemErrors",
            &[("TableName", table), ("Operation", operation.name.as_str())],
            sum(&format!("{} system errors", operation.name)),
        ));
    }
    let dynamodb = graph(
        12,
        6,
        "DynamoDB throttles and system errors",
        dynamodb,
        json!({"period": 300, "stat": "Sum"}),
    );
    let flow_errors = graph(
        0,
        12,
        "The contact flow: error branches and failures",
        vec![
            metric(
                "AWS/Connect",
                "ContactFlowErrors",
                &flow_dims,
                sum("error branch taken"),
            ),
            metric(
                "AWS/Connect",
                "ContactFlowFatalErrors",
                &flow_dims,
                sum("flow failed"),
            ),
        ],
        json!({"period": 300, "stat": "Sum"}),
    );
    let instance_calls = graph(
        12,
        12,
        "The Connect instance: concurrent calls and calls turned away",
        vec![
            metric(
                "AWS/Connect",
                "ConcurrentCalls",
                &voice,
                json!({"stat": "Maximum", "label": "concurrent calls"}),
            ),
            metric(
                "AWS/Connect",
                "ThrottledCalls",
                &voice,
                sum("throttled calls"),
            ),
            metric(
                "AWS/Connect",
                "CallsBreachingConcurrencyQuota",
                &voice,
                sum("calls over the concurrency quota"),
            ),
            metric(
                "AWS/Connect",
                "MisconfiguredPhoneNumbers",
                &voice,
                sum("calls to a number with no flow"),
            ),
        ],
        json!({"period": 300}),
    );
    // The handler logs one "answered" line per call with the caller already masked to the
    // last four digits (call_handler::caller::mask); the query only selects fields.
    let query = format!(
        "SOURCE '/aws/lambda/{function}' | fields @timestamp, caller, status, count, returning, contact_id \
         | filter message = \"answered\" | sort @timestamp desc | limit {LOG_WIDGET_CALLS}"
    );
    let last_calls = json!({
        "type": "log",
        "x": 0,
        "y": 18,
        "width": 24,
        "height": 8,
        "properties": {
            "title": "Last calls (numbers masked to the last four digits)",
            "query": query,
            "region": REGION_PLACEHOLDER,
            "view": "table",
        },
    });
    let body = json!({
        "widgets": [calls_per_hour, handler_errors, duration, dynamodb, flow_errors, instance_calls, last_calls],
    });
    // Serializing a json! value cannot fail.
    let mut text = serde_json::to_string_pretty(&body).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        crate::config::load_str(crate::config::DEFAULT_YAML, "vanity.yaml")
            .unwrap_or_else(|error| panic!("default config: {error}"))
    }

    fn monitoring(config: &Config) -> Monitoring {
        Monitoring::new(
            config,
            "vanity-line-call-handler",
            "vanity-line vanity numbers",
        )
    }

    #[test]
    fn widgets_name_the_rendered_resources() {
        let config = config();
        let body: Value =
            serde_json::from_str(&dashboard_json(&monitoring(&config))).unwrap_or(Value::Null);
        let widgets = body["widgets"].as_array().cloned().unwrap_or_default();
        assert_eq!(widgets.len(), 7);
        let text = body.to_string();
        for needle in [
            "\"FunctionName\",\"vanity-line-call-handler\"",
            "\"TableName\",\"vanity-line-callers\"",
            "\"ContactFlowName\",\"vanity-line vanity numbers\"",
            "\"Operation\",\"PutItem\"",
            "\"Operation\",\"Query\"",
            "SOURCE '/aws/lambda/vanity-line-call-handler'",
        ] {
            assert!(text.contains(needle), "dashboard lacks {needle}");
        }
        // Every widget fits the 24-column grid and none overlaps another.
        let mut cells = std::collections::HashSet::new();
        for widget in &widgets {
            let get = |key: &str| widget[key].as_u64().unwrap_or(u64::MAX);
            assert!(get("x") + get("width") <= 24, "{widget}");
            for x in get("x")..get("x") + get("width") {
                for y in get("y")..get("y") + get("height") {
                    assert!(cells.insert((x, y)), "widgets overlap at {x},{y}");
                }
            }
        }
    }

    #[test]
    fn duration_alarm_sits_below_the_flow_limit() {
        let mut config = config();
        for seconds in 1..=crate::connect::MAX_LAMBDA_SECONDS {
            config.lambda.timeout_seconds = seconds;
            let monitoring = monitoring(&config);
            assert_eq!(monitoring.flow_limit_ms, seconds * 1000);
            assert!(monitoring.duration_threshold_ms < monitoring.flow_limit_ms);
            assert!(monitoring.duration_threshold_ms >= monitoring.flow_limit_ms / 2);
        }
    }
}
