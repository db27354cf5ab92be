# generated from vanity.yaml by connect-vanity render; do not edit

data "aws_iam_policy_document" "lambda_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "call_handler" {
  name               = "vanity-line-call-handler"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

# Exactly the DynamoDB calls the handler makes: writes on its one table, the Query on that
# table's per-caller index only (a Query on an index authorises on the index's ARN); its own
# log group; X-Ray.
data "aws_iam_policy_document" "call_handler" {
  statement {
    sid       = "CallerTable"
    actions   = ["dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.callers.arn]
  }

  statement {
    sid       = "CallerIndex"
    actions   = ["dynamodb:Query"]
    resources = ["${aws_dynamodb_table.callers.arn}/index/caller_calls"]
  }

  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.call_handler.arn}:*"]
  }

  # X-Ray has no resource-level permissions: these two actions only accept "*".
  statement {
    sid       = "Tracing"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "call_handler" {
  name   = "call-handler"
  role   = aws_iam_role.call_handler.id
  policy = data.aws_iam_policy_document.call_handler.json
}