//! The dimensions of every CloudWatch metric the line watches, written once for the dashboard
//! and the alarms. A dimension's value has two spellings: the dashboard body (plain JSON, read
//! by `file()`) holds the name the stack gives the resource, and an alarm (HCL) holds the
//! Terraform reference to that same resource. Both come from one [`Dimension`], so a metric
//! cannot be watched with one dimension set on the dashboard and another in its alarm; which
//! sets the services publish is in [`crate::render::monitoring`]'s module docs.

use crate::render::hcl;

/// Replaced by the Connect instance id at apply time (unknown before a new instance exists).
pub const INSTANCE_ID_PLACEHOLDER: &str = "@@CONNECT_INSTANCE_ID@@";

/// One dimension of a metric, as the dashboard and as an alarm write its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dimension {
    pub key: &'static str,
    /// The value in the dashboard body: the resource's name (or a placeholder Terraform
    /// replaces, for the instance id).
    pub dashboard: String,
    /// The value in an alarm: an HCL expression naming the same resource.
    pub alarm: String,
}

impl Dimension {
    /// A dimension whose value is a fixed string, the same in both.
    fn fixed(key: &'static str, value: &str) -> Dimension {
        Dimension {
            key,
            dashboard: value.to_string(),
            alarm: format!("\"{}\"", hcl::escape(value)),
        }
    }
}

fn instance() -> Dimension {
    Dimension {
        key: "InstanceId",
        dashboard: INSTANCE_ID_PLACEHOLDER.to_string(),
        alarm: "local.instance_id".to_string(),
    }
}

fn table(table_name: &str) -> Dimension {
    Dimension {
        key: "TableName",
        dashboard: table_name.to_string(),
        alarm: "aws_dynamodb_table.callers.name".to_string(),
    }
}

/// AWS/Lambda metrics of the call-handler.
pub fn call_handler(function_name: &str) -> Vec<Dimension> {
    vec![Dimension {
        key: "FunctionName",
        dashboard: function_name.to_string(),
        alarm: "aws_lambda_function.call_handler.function_name".to_string(),
    }]
}

/// AWS/Connect metrics of the flow.
pub fn flow(flow_name: &str) -> Vec<Dimension> {
    vec![
        instance(),
        Dimension::fixed("MetricGroup", "ContactFlow"),
        Dimension {
            key: "ContactFlowName",
            dashboard: flow_name.to_string(),
            alarm: "aws_connect_contact_flow.vanity.name".to_string(),
        },
    ]
}

/// AWS/Connect metrics of the instance's voice calls.
pub fn voice_calls() -> Vec<Dimension> {
    vec![instance(), Dimension::fixed("MetricGroup", "VoiceCalls")]
}

/// AWS/Connect metrics whose documentation names the instance alone (see the dashboard's
/// CallsBreachingConcurrencyQuota lines).
pub fn instance_only() -> Vec<Dimension> {
    vec![instance()]
}

/// AWS/DynamoDB metrics of the callers table.
pub fn callers_table(table_name: &str) -> Vec<Dimension> {
    vec![table(table_name)]
}

/// AWS/DynamoDB metrics of one of the table's indexes.
pub fn callers_index(table_name: &str, index: &str) -> Vec<Dimension> {
    vec![
        table(table_name),
        Dimension::fixed("GlobalSecondaryIndexName", index),
    ]
}

/// AWS/DynamoDB metrics of one operation on the callers table.
pub fn table_operation(table_name: &str, operation: &str) -> Vec<Dimension> {
    vec![table(table_name), Dimension::fixed("Operation", operation)]
}

/// The alarm's `dimensions` map: `{ Key = expression, ... }`, `{}` for none.
pub fn alarm_map(dimensions: &[Dimension]) -> String {
    if dimensions.is_empty() {
        return "{}".to_string();
    }
    let pairs: Vec<String> = dimensions
        .iter()
        .map(|d| format!("{} = {}", d.key, d.alarm))
        .collect();
    format!("{{ {} }}", pairs.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alarm_map_names_the_resources_the_dashboard_names_by_value() {
        assert_eq!(
            alarm_map(&flow("line vanity numbers")),
            "{ InstanceId = local.instance_id, MetricGroup = \"ContactFlow\", ContactFlowName = aws_connect_contact_flow.vanity.name }"
        );
        assert_eq!(
            alarm_map(&table_operation("calls", "PutItem")),
            "{ TableName = aws_dynamodb_table.callers.name, Operation = \"PutItem\" }"
        );
        assert_eq!(alarm_map(&[]), "{}");
        let keys: Vec<&str> = flow("f").iter().map(|d| d.key).collect();
        assert_eq!(keys, ["InstanceId", "MetricGroup", "ContactFlowName"]);
    }
}
