# generated from vanity.yaml by connect-vanity render; do not edit

output "phone_number" {
  description = "The number to call, in E.164 form (null when vanity.yaml names no number to claim)."
  value       = aws_connect_phone_number.this.phone_number
}

output "phone_number_id" {
  description = "Id of the phone number pointed at the flow (null with phone_number.mode: none)."
  value       = local.phone_number_id
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