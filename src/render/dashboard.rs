//! The CloudWatch dashboard's body (`dashboard.json`, rendered next to the flow and read by
//! `file()`): widgets placed on the 24-column grid, each watching what [`Monitoring`] names,
//! with the metric dimensions the alarms use too ([`dimensions`]).

use serde_json::{json, Value};

use crate::render::dimensions::{self, Dimension};
use crate::render::monitoring::{Monitoring, REGION_PLACEHOLDER};

/// How many recent calls the Logs Insights widget lists.
const LOG_WIDGET_CALLS: u32 = 50;

/// A metric line of a widget: namespace, name, dimension pairs, then rendering options.
fn metric(namespace: &str, name: &str, dimensions: &[Dimension], options: Value) -> Value {
    let mut line = vec![json!(namespace), json!(name)];
    for dimension in dimensions {
        line.push(json!(dimension.key));
        line.push(json!(dimension.dashboard));
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
    let widgets = [
        calls_per_hour(monitoring),
        handler_errors(monitoring),
        duration(monitoring),
        dynamodb_capacity(monitoring),
        flow_errors(monitoring),
        instance_calls(),
        store_calls(monitoring),
        dynamodb_refusals(monitoring),
        last_calls(monitoring),
    ];
    let body = json!({ "widgets": widgets });
    // Serializing a json! value cannot fail.
    let mut text = serde_json::to_string_pretty(&body).unwrap_or_default();
    text.push('\n');
    text
}

fn sum(label: &str) -> Value {
    json!({"stat": "Sum", "label": label})
}

fn calls_per_hour(monitoring: &Monitoring) -> Value {
    graph(
        0,
        0,
        "Calls per hour",
        vec![
            metric(
                "AWS/Connect",
                "CallsPerInterval",
                &dimensions::voice_calls(),
                sum("calls to the instance"),
            ),
            metric(
                "AWS/Lambda",
                "Invocations",
                &dimensions::call_handler(&monitoring.function_name),
                sum("call-handler invocations"),
            ),
        ],
        json!({"period": 3600, "stat": "Sum"}),
    )
}

fn handler_errors(monitoring: &Monitoring) -> Value {
    let lambda = dimensions::call_handler(&monitoring.function_name);
    graph(
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
            metric(
                "AWS/Lambda",
                "Throttles",
                &lambda,
                sum("throttles (the caller hears the error message)"),
            ),
        ],
        json!({"period": 300, "stat": "Sum"}),
    )
}

fn duration(monitoring: &Monitoring) -> Value {
    let lambda = dimensions::call_handler(&monitoring.function_name);
    graph(
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
                {"label": format!("alarm at {}%", monitoring.duration_alarm_percent), "value": monitoring.duration_threshold_ms},
            ]},
        }),
    )
}

/// Throttle events on the table and its index, and server errors per operation.
fn dynamodb_capacity(monitoring: &Monitoring) -> Value {
    let table = monitoring.table_name.as_str();
    let mut lines = vec![
        metric(
            "AWS/DynamoDB",
            "ReadThrottleEvents",
            &dimensions::callers_table(table),
            sum("read throttles"),
        ),
        metric(
            "AWS/DynamoDB",
            "WriteThrottleEvents",
            &dimensions::callers_table(table),
            sum("write throttles"),
        ),
        metric(
            "AWS/DynamoDB",
            "WriteThrottleEvents",
            &dimensions::callers_index(table, call_handler::schema::RECENT_INDEX),
            sum("recent-calls index write throttles"),
        ),
    ];
    // "The TableName dimension returns the ReadThrottleEvents for the table, but not for any
    // global secondary indexes. To view ReadThrottleEvents for a global secondary index, you
    // must specify both TableName and GlobalSecondaryIndex" (DynamoDB developer guide,
    // metrics-dimensions): the call-handler's one read is a Query on the caller index.
    for (name, label) in [
        ("ReadThrottleEvents", "caller index read throttles"),
        ("WriteThrottleEvents", "caller index write throttles"),
    ] {
        lines.push(metric(
            "AWS/DynamoDB",
            name,
            &dimensions::callers_index(table, call_handler::schema::CALLER_INDEX),
            sum(label),
        ));
    }
    for operation in &monitoring.operations {
        lines.push(metric(
            "AWS/DynamoDB",
            "SystemErrors",
            &dimensions::table_operation(table, operation),
            sum(&format!("{operation} system errors")),
        ));
    }
    graph(
        12,
        6,
        "DynamoDB throttles and system errors",
        lines,
        json!({"period": 300, "stat": "Sum"}),
    )
}

fn flow_errors(monitoring: &Monitoring) -> Value {
    let flow_dims = dimensions::flow(&monitoring.flow_name);
    graph(
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
    )
}

fn instance_calls() -> Value {
    let voice = dimensions::voice_calls();
    graph(
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
            // The metric's own entry names only InstanceId, while the same page lists it with
            // the VoiceCalls metrics, which carry MetricGroup too (archived
            // awsdocs/amazon-connect-admin-guide, monitoring-cloudwatch.md: "Dimension:
            // InstanceId"). CloudWatch matches a dimension set exactly, so both readings are
            // plotted: whichever set the service publishes shows, the other stays empty.
            metric(
                "AWS/Connect",
                "CallsBreachingConcurrencyQuota",
                &voice,
                sum("calls over the concurrency quota"),
            ),
            metric(
                "AWS/Connect",
                "CallsBreachingConcurrencyQuota",
                &dimensions::instance_only(),
                sum("calls over the concurrency quota (instance only)"),
            ),
            metric(
                "AWS/Connect",
                "MisconfiguredPhoneNumbers",
                &voice,
                sum("calls to a number with no flow"),
            ),
        ],
        json!({"period": 300}),
    )
}

/// The store calls the handler gave up on, from its own log lines: the caller never notices,
/// the line's memory does.
fn store_calls(monitoring: &Monitoring) -> Value {
    let lines = monitoring
        .log_metrics
        .iter()
        .map(|log| metric(&monitoring.namespace, log.metric, &[], sum(log.label)))
        .collect();
    graph(
        0,
        18,
        "Store calls the call-handler gave up on (callers not remembered)",
        lines,
        json!({"period": 300, "stat": "Sum"}),
    )
}

/// Requests DynamoDB refused: throttled per operation, and the account's client errors
/// (UserErrors has no table dimension, so other applications in the account count too).
fn dynamodb_refusals(monitoring: &Monitoring) -> Value {
    let table = monitoring.table_name.as_str();
    let mut lines: Vec<Value> = monitoring
        .operations
        .iter()
        .map(|operation| {
            metric(
                "AWS/DynamoDB",
                "ThrottledRequests",
                &dimensions::table_operation(table, operation),
                sum(&format!("{operation} throttled")),
            )
        })
        .collect();
    lines.push(metric(
        "AWS/DynamoDB",
        "UserErrors",
        &[],
        sum("HTTP 400s in the whole account and region (access denied, missing table)"),
    ));
    graph(
        12,
        18,
        "DynamoDB throttled requests and the account's user errors",
        lines,
        json!({"period": 300, "stat": "Sum"}),
    )
}

fn last_calls(monitoring: &Monitoring) -> Value {
    // The handler logs one "answered" line per call with the caller already masked to the
    // last four digits (call_handler::caller::mask); the query only selects fields.
    let query = format!(
        "SOURCE '/aws/lambda/{}' | fields @timestamp, caller, status, count, returning, contact_id \
         | filter message = \"answered\" | sort @timestamp desc | limit {LOG_WIDGET_CALLS}",
        monitoring.function_name
    );
    json!({
        "type": "log",
        "x": 0,
        "y": 24,
        "width": 24,
        "height": 8,
        "properties": {
            "title": "Last calls (numbers masked to the last four digits)",
            "query": query,
            "region": REGION_PLACEHOLDER,
            "view": "table",
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widgets_name_the_rendered_resources() {
        let config = crate::config::load_str(crate::config::DEFAULT_YAML, "vanity.yaml")
            .unwrap_or_else(|error| panic!("default config: {error}"));
        let monitoring = Monitoring::new(
            &config,
            "vanity-line-call-handler",
            "vanity-line vanity numbers",
        );
        let body: Value = serde_json::from_str(&dashboard_json(&monitoring)).unwrap_or(Value::Null);
        let widgets = body["widgets"].as_array().cloned().unwrap_or_default();
        assert_eq!(widgets.len(), 9);
        let text = body.to_string();
        for needle in [
            "\"FunctionName\",\"vanity-line-call-handler\"",
            "\"TableName\",\"vanity-line-callers\"",
            "\"ContactFlowName\",\"vanity-line vanity numbers\"",
            "\"Operation\",\"PutItem\"",
            "\"Operation\",\"Query\"",
            "\"ThrottledRequests\",\"TableName\",\"vanity-line-callers\"",
            "\"UserErrors\",{",
            "\"connect-vanity/vanity-line\",\"StoreCallsFailed\",{",
            "\"connect-vanity/vanity-line\",\"StoreCallsLate\",{",
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
}
