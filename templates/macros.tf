{#- Blocks the templates share; imported, never rendered on its own. The Lambda blocks serve
    lambda.tf and iam.tf for the call-handler and phone.tf for phone-link, the alarm blocks
    monitoring.tf. Arguments are the templates' own literals and view values; the text of an
    argument printed with `safe` (a comment, an HCL expression) is written in the template. -#}

{#- The function's log group, created before the function so Lambda does not create one
    without a retention. `why` says why CloudWatch's own key is enough. -#}
{%- macro lambda_log_group(name, function_name, retention_days, why) %}
resource "aws_cloudwatch_log_group" "{{ name }}" {
  #checkov:skip=CKV_AWS_158:{{ why|safe }}
  name              = "/aws/lambda/{{ function_name }}"
  retention_in_days = {{ retention_days }}
}
{%- endmacro %}

{#- The lines of an aws_lambda_function that say which code runs and as whom: the role of the
    same name and the zip cargo-lambda builds for `package`. -#}
{%- macro lambda_code(name, package, architecture) %}
  role             = aws_iam_role.{{ name }}.arn
  runtime          = "provided.al2023"
  handler          = "bootstrap"
  architectures    = ["{{ architecture }}"]
  filename         = "${local.lambda_build_dir}/{{ package }}/bootstrap.zip"
  source_code_hash = filebase64sha256("${local.lambda_build_dir}/{{ package }}/bootstrap.zip")
{%- endmacro %}

{#- The end of an aws_lambda_function: X-Ray tracing, and created after its log group and
    its role's policy. -#}
{%- macro lambda_tracing(name) %}

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.{{ name }}, aws_iam_role_policy.{{ name }}]
{%- endmacro %}

{#- A Lambda's role, which only Lambda may assume. -#}
{%- macro lambda_role(name, function_name) %}
resource "aws_iam_role" "{{ name }}" {
  name               = "{{ function_name }}"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}
{%- endmacro %}

{#- The role's one inline policy, the document of the same name. -#}
{%- macro lambda_role_policy(name, policy_name) %}
resource "aws_iam_role_policy" "{{ name }}" {
  name   = "{{ policy_name }}"
  role   = aws_iam_role.{{ name }}.id
  policy = data.aws_iam_policy_document.{{ name }}.json
}
{%- endmacro %}

{#- A Lambda's own log streams, and X-Ray. -#}
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

{#- An alarm on one metric over one minute, alarm_name `<prefix>-<name>`; the call block's body
    is the description. `dimensions` is an HCL object and `actions` the HCL list of SNS topics to
    notify, both built in Rust (render/monitoring.rs). -#}
{%- macro metric_alarm(resource, prefix, name, namespace, metric, dimensions, statistic, threshold, comparison, actions) %}
resource "aws_cloudwatch_metric_alarm" "{{ resource }}" {
  alarm_name          = "{{ prefix }}-{{ name }}"
  alarm_description   = "{{ caller() }}"
  namespace           = "{{ namespace }}"
  metric_name         = "{{ metric }}"
  dimensions          = {{ dimensions|safe }}
  statistic           = "{{ statistic }}"
  period              = 60
{%- call alarm_condition(threshold, comparison, actions) %}{%- endcall %}
}
{%- endmacro %}

{#- When an alarm fires (one period at `threshold`) and whom it tells: `actions` (the stack's
    topic, and the owner's when vanity.yaml names one), on alarm and on recovery; no data is no
    alarm. -#}
{%- macro alarm_condition(threshold, comparison, actions) %}
  evaluation_periods  = 1
  threshold           = {{ threshold }}
  comparison_operator = "{{ comparison }}"
  treat_missing_data  = "notBreaching"
  alarm_actions       = {{ actions|safe }}
  ok_actions          = {{ actions|safe }}
{%- endmacro %}
