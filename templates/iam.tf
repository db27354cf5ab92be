# {{ s.header }}
{%- import "macros.tf" as macros %}

data "aws_iam_policy_document" "lambda_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}
{% call macros::lambda_role("call_handler", s.lambda.name) %}{%- endcall %}

# Exactly the DynamoDB calls the handler makes: writes on its one table, the Query on that
# table's per-caller index only (a Query on an index authorises on the index's ARN); its own
# log group; X-Ray.
data "aws_iam_policy_document" "call_handler" {
  statement {
    sid       = "CallerTable"
    actions   = [{{ s.lambda.dynamodb_write_actions|safe }}]
    resources = [aws_dynamodb_table.callers.arn]
  }

  statement {
    sid       = "CallerIndex"
    actions   = [{{ s.lambda.dynamodb_read_actions|safe }}]
    resources = ["${aws_dynamodb_table.callers.arn}/index/{{ s.table.caller_index }}"]
  }
{% call macros::own_logs_and_tracing("call_handler") %}{%- endcall %}
}
{% call macros::lambda_role_policy("call_handler", "call-handler") %}{%- endcall %}
