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
{% call macros::lambda_role("call_handler", s.call_handler_name) %}{%- endcall %}

# Exactly the DynamoDB calls the handler makes, on its one table; its own log group; X-Ray.
data "aws_iam_policy_document" "call_handler" {
  statement {
    sid       = "CallerTable"
    actions   = [{{ s.dynamodb_actions|safe }}]
    resources = [aws_dynamodb_table.callers.arn]
  }
{% call macros::own_logs_and_tracing("call_handler") %}{%- endcall %}
}
{% call macros::lambda_role_policy("call_handler", "call-handler") %}{%- endcall %}
