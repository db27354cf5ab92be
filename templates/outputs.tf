# {{ s.header }}

output "phone_number" {
  description = "The number to call, in E.164 form (null when vanity.yaml names no number to claim)."
  value       = {{ s.number.output|safe }}
}

output "phone_number_id" {
  description = "Id of the phone number pointed at the flow (null with phone_number.mode: none)."
  value       = {{ s.number.id_output|safe }}
}

output "instance_id" {
  description = "Id of the Amazon Connect instance."
  value       = local.instance_id
}

output "contact_flow_id" {
  description = "Id of the vanity contact flow."
  value       = aws_connect_contact_flow.vanity.contact_flow_id
}

output "table_name" {
  description = "DynamoDB table holding each call's best vanity numbers."
  value       = aws_dynamodb_table.callers.name
}

output "function_name" {
  description = "Name of the call-handler Lambda function."
  value       = aws_lambda_function.call_handler.function_name
}

output "function_arn" {
  description = "ARN of the call-handler Lambda function (the live test cases override it by this ARN)."
  value       = aws_lambda_function.call_handler.arn
}

output "dashboard_url" {
  description = "The CloudWatch dashboard of the line: calls, errors, latency, the last calls."
  value       = "https://${local.console_host}/cloudwatch/home?region=${var.region}#dashboards:name=${aws_cloudwatch_dashboard.this.dashboard_name}"
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms publish to; subscribe more endpoints to it."
  value       = aws_sns_topic.alarms.arn
}
