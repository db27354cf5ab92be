//! What `monitoring.tf` prints: which metrics are watched, the alarm thresholds, the log
//! patterns that turn the call-handler's own log lines into metrics, and where alarms are
//! sent; not the resources they describe. The dashboard's body is [`crate::render::dashboard`],
//! and both take their metric dimensions from [`crate::render::dimensions`].
//!
//! Metric names and dimensions are the services' documented ones:
//! - AWS/Lambda, dimension FunctionName: Invocations, Errors, Throttles, Duration
//!   (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html);
//! - AWS/DynamoDB: ReadThrottleEvents / WriteThrottleEvents by TableName (and
//!   TableName + GlobalSecondaryIndexName for an index), SystemErrors and ThrottledRequests by
//!   TableName + Operation, and UserErrors with no dimension at all: "UserErrors represents the
//!   aggregate of HTTP 400 errors for DynamoDB or Amazon DynamoDB Streams requests for the
//!   current region and the current AWS account"
//!   (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html).
//!   Throttles go elsewhere: "A throttled request will result in an HTTP 400 status code. All
//!   such events are reflected in the ThrottledRequests metric, but not in the UserErrors
//!   metric" (the same page, as mirrored by Pulumi's awsx docs; and
//!   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TroubleshootingThrottling-cloudwatch.html);
//! - AWS/Connect: instance metrics by InstanceId + MetricGroup "VoiceCalls", flow metrics by
//!   InstanceId + MetricGroup "ContactFlow" + ContactFlowName
//!   (https://docs.aws.amazon.com/connect/latest/adminguide/monitoring-cloudwatch.html; the
//!   MetricGroup values are those the published Amazon Connect CloudWatch dashboard application
//!   uses, github.com/aws-samples "amazon-connect-cloudwatch-dashboard");
//! - the line's own namespace (`connect-vanity/<name>`): metric filters on the call-handler's
//!   log group count the store calls it gave up on ([`LogMetric`]). Each line the handler
//!   writes to stdout is one log event (the function keeps Lambda's default text log format,
//!   in which a custom runtime's stdout is split into events at newlines: aws/aws-lambda-dotnet
//!   PR 1165 fixed a multi-line message "being broken for multiple CloudWatch Log records"), and
//!   the JSON logger never writes a newline inside an event.
//!
//! `scripts/check_monitoring.py` checks the planned dashboard and alarms against the planned
//! resources, so a renamed function, table or flow cannot leave a widget watching nothing.

use crate::config::Config;
use crate::render::dimensions::{self, INSTANCE_ID_PLACEHOLDER};
use crate::render::hcl;

/// The dashboard body's file in the output directory.
pub const DASHBOARD_FILE: &str = "dashboard.json";
/// Replaced by `var.region` at apply time, so a region override moves the widgets too.
pub const REGION_PLACEHOLDER: &str = "@@REGION@@";

/// The alarm on the call-handler's duration fires at this share of the flow's time limit:
/// a caller whose invocation reaches the limit hears the error message instead of results.
const DURATION_ALARM_PERCENT: u32 = 80;

/// The `target` of every line the store deadline logs (`call_handler::deadline::within`): the
/// JSON logger writes the module path of the code that logs (lambda/call-handler/src/logging.rs).
pub const DEADLINE_TARGET: &str = "call_handler::deadline";
/// How the deadline's message ends when a store call failed ("storing the call failed; ...").
pub const STORE_FAILED_ENDING: &str = "failed; answering without it";
/// How the deadline's message ends when a store call ran out of time.
pub const STORE_LATE_ENDING: &str = "timed out; answering without it";

/// A CloudWatch Logs JSON filter pattern for the deadline's ERROR lines whose message ends with
/// `ending`. The syntax: `{ $.field = "value" }` selects JSON log events by field, conditions
/// join with `&&`, and `*` in a value is a wildcard
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html,
/// "Matching terms in JSON log events": `{ $.eventType = "UpdateTrail" }` and
/// `{ $.sourceIPAddress != 123.123.* }`; a leading wildcard inside quotes is the form of AWS
/// Security Hub's own control CloudWatch.2, `($.errorCode = "*UnauthorizedOperation")`).
/// lambda/call-handler/tests/alarm_filters.rs runs the rendered patterns against the lines the
/// real call-handler binary logs.
fn deadline_pattern(ending: &str) -> String {
    format!(
        "{{ $.target = \"{DEADLINE_TARGET}\" && $.level = \"ERROR\" && $.message = \"* {ending}\" }}"
    )
}

/// A metric the call-handler's log group publishes through a metric filter, and its alarm.
pub struct LogMetric {
    /// The Terraform resource name of the filter and of the alarm.
    pub resource: &'static str,
    /// Metric name in the line's namespace.
    pub metric: &'static str,
    /// The alarm's name after the prefix, and the filter's name.
    pub name: &'static str,
    /// The filter pattern (plain text; the template escapes it for HCL).
    pub pattern: String,
    pub label: &'static str,
    pub description: &'static str,
}

fn log_metrics() -> Vec<LogMetric> {
    vec![
        LogMetric {
            resource: "store_failed",
            metric: "StoreCallsFailed",
            name: "store-failed",
            pattern: deadline_pattern(STORE_FAILED_ENDING),
            label: "store calls failed",
            description: "A DynamoDB call of the call-handler failed (access denied, a missing table, throttled past its retries): callers got their numbers, but the call or the choice was not kept and a returning caller was not recognised.",
        },
        LogMetric {
            resource: "store_late",
            metric: "StoreCallsLate",
            name: "store-late",
            pattern: deadline_pattern(STORE_LATE_ENDING),
            label: "store calls past the deadline",
            description: "A DynamoDB call of the call-handler ran past its store deadline and was given up: callers got their numbers, but the call or the choice may not be kept.",
        },
    ]
}

/// One DynamoDB operation the call-handler performs, as a metric-math query id and the
/// Operation dimension value.
pub struct Operation {
    pub id: String,
    pub name: String,
    /// The alarm's `dimensions` map for this operation on the table ([`dimensions`]).
    pub dimensions: String,
}

/// An alarm on the sum of one DynamoDB metric over every operation the handler performs (the
/// metric is published per table and operation).
pub struct OperationAlarm {
    pub resource: &'static str,
    pub name: &'static str,
    pub metric: &'static str,
    pub label: &'static str,
    pub description: &'static str,
    pub operations: Vec<Operation>,
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
    /// The handler's DynamoDB operations (the Operation dimension values).
    pub operations: Vec<String>,
    pub operation_alarms: Vec<OperationAlarm>,
    /// The line's own metric namespace, for the log metrics.
    pub namespace: String,
    pub log_metrics: Vec<LogMetric>,
    pub alert_email: Option<String>,
    /// An SNS topic of the owner's that every alarm notifies too.
    pub alert_topic_arn: Option<String>,
    /// The HCL list every alarm's alarm_actions and ok_actions print.
    pub alarm_actions: String,
    /// The alarms' `dimensions` maps, from the same [`dimensions`] as the dashboard's lines.
    pub call_handler_dimensions: String,
    pub flow_dimensions: String,
}

/// DynamoDB's Operation dimension values for the handler's IAM actions ("dynamodb:PutItem" ->
/// "PutItem"): the alarms watch exactly the calls the handler makes.
fn operation_names() -> Vec<String> {
    call_handler::schema::DYNAMODB_ACTIONS
        .iter()
        .filter_map(|action| action.strip_prefix("dynamodb:"))
        .map(str::to_string)
        .collect()
}

/// The per-operation alarms: server errors, and requests DynamoDB throttled (on-demand tables
/// throttle too, past the table's or a partition's throughput).
fn operation_alarms(operations: &[String], table_name: &str) -> Vec<OperationAlarm> {
    let queries = |prefix: &str| -> Vec<Operation> {
        operations
            .iter()
            .map(|name| Operation {
                id: format!("{prefix}_{}", name.to_ascii_lowercase()),
                name: name.clone(),
                dimensions: dimensions::alarm_map(&dimensions::table_operation(table_name, name)),
            })
            .collect()
    };
    vec![
        OperationAlarm {
            resource: "dynamodb_system_errors",
            name: "dynamodb-errors",
            metric: "SystemErrors",
            label: "DynamoDB system errors",
            description: "failed requests of the call-handler (HTTP 500): calls were not stored.",
            operations: queries("system_errors"),
        },
        OperationAlarm {
            resource: "dynamodb_throttles",
            name: "dynamodb-throttled",
            metric: "ThrottledRequests",
            label: "DynamoDB throttled requests",
            description: "throttled requests of the call-handler: past the SDK's retries and the store deadline, calls are not stored.",
            operations: queries("throttled_requests"),
        },
    ]
}

impl Monitoring {
    /// `function_name` and `flow_name` are the names the stack gives the call-handler and the
    /// flow, so the dashboard cannot watch a name the stack does not use.
    pub fn new(config: &Config, function_name: &str, flow_name: &str) -> Monitoring {
        // The flow waits lambda.timeout_seconds for the handler (validated to Connect's 1..=8,
        // the range the flow builder clamps to), and the function's own timeout is the same.
        let flow_limit_ms = config.lambda.timeout_seconds * 1000;
        let operations = operation_names();
        let alert_topic_arn = config.alerts.sns_topic_arn.clone();
        let alarm_actions = match &alert_topic_arn {
            Some(arn) => format!("[aws_sns_topic.alarms.arn, \"{}\"]", hcl::escape(arn)),
            None => "[aws_sns_topic.alarms.arn]".to_string(),
        };
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
            operation_alarms: operation_alarms(&operations, &config.table.name),
            operations,
            namespace: format!("connect-vanity/{}", config.name),
            log_metrics: log_metrics(),
            alert_email: config.alerts.email.clone(),
            alert_topic_arn,
            alarm_actions,
            call_handler_dimensions: dimensions::alarm_map(&dimensions::call_handler(
                function_name,
            )),
            flow_dimensions: dimensions::alarm_map(&dimensions::flow(flow_name)),
        }
    }
}

/// What `render` prints to stderr when no alarm reaches anybody; `None` when one does.
///
/// A warning, not a refusal: the committed vanity.yaml has no address (there is none to put in
/// a file everyone copies), and a newcomer's first `render`, CI's `render --check` and a trial
/// deploy must work with it. The alarms still exist and change state in the console, and an
/// owner may watch them another way (AWS User Notifications, an EventBridge rule). But a line
/// in production with nobody told is how a broken IAM policy turns caller memory off for
/// weeks, so every render says so until a destination is set.
pub fn destination_warning(config: &Config) -> Option<String> {
    if config.alerts.has_destination() {
        return None;
    }
    Some(format!(
        "warning: the alarms of {name} reach nobody: vanity.yaml sets neither alerts.email nor \
         alerts.sns_topic_arn.\n  Until one is set, a failing call-handler, a throttled or \
         refusing DynamoDB table, or store calls that fail or run late only change an alarm's \
         state in the CloudWatch console ({name}-*), and nobody is told.\n  Set \
         alerts.email (confirm the email AWS sends) or alerts.sns_topic_arn (a topic you \
         already page from), then render again. See docs/operating.md, \"Alarms\".",
        name = config.name
    ))
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
    fn a_line_whose_alarms_reach_nobody_is_warned_about() {
        let mut config = config();
        let warning = destination_warning(&config).unwrap_or_default();
        for needle in ["vanity-line", "alerts.email", "alerts.sns_topic_arn"] {
            assert!(warning.contains(needle), "{needle} not in {warning}");
        }
        config.alerts.email = Some("ops@example.com".to_string());
        assert_eq!(destination_warning(&config), None);
        config.alerts.email = None;
        config.alerts.sns_topic_arn = Some("arn:aws:sns:us-east-1:123456789012:ops".to_string());
        assert_eq!(destination_warning(&config), None);
    }

    #[test]
    fn alarms_notify_the_stack_topic_and_the_owners() {
        let mut config = config();
        assert_eq!(
            monitoring(&config).alarm_actions,
            "[aws_sns_topic.alarms.arn]"
        );
        config.alerts.sns_topic_arn = Some("arn:aws:sns:us-east-1:123456789012:ops".to_string());
        assert_eq!(
            monitoring(&config).alarm_actions,
            "[aws_sns_topic.alarms.arn, \"arn:aws:sns:us-east-1:123456789012:ops\"]"
        );
    }

    #[test]
    fn log_patterns_select_the_deadline_lines_by_field() {
        let patterns: Vec<String> = log_metrics().into_iter().map(|m| m.pattern).collect();
        assert_eq!(
            patterns,
            [
                "{ $.target = \"call_handler::deadline\" && $.level = \"ERROR\" && $.message = \"* failed; answering without it\" }",
                "{ $.target = \"call_handler::deadline\" && $.level = \"ERROR\" && $.message = \"* timed out; answering without it\" }",
            ]
        );
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
