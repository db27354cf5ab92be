{#- Blocks the Lambda templates share (lambda.tf and iam.tf for the call-handler, phone.tf for
    phone-link); imported, never rendered on its own. -#}
{%- macro own_logs_and_tracing(log_group) %}
  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.{{ log_group }}.arn}:*"]
  }

  # X-Ray has no resource-level permissions: these two actions only accept "*".
  statement {
    sid       = "Tracing"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }
{%- endmacro %}
