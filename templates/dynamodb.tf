# {{ s.header }}

# One item per call: the caller's number, the contact id (so Connect's retries of the same
# call overwrite nothing) and the best results, removed by TTL after {{ s.table.ttl_days }} days.
resource "aws_dynamodb_table" "callers" {
  #checkov:skip=CKV_AWS_119:the AWS managed key (aws/dynamodb) encrypts the table; a customer managed key adds cost and key administration for data that expires anyway
{%- if s.table.recovery_days == 0 %}
  #checkov:skip=CKV_AWS_28:dynamodb.recovery_days is 0 in vanity.yaml: the owner keeps no backup of callers' numbers past their TTL
{%- endif %}
  name         = "{{ s.table.name }}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "{{ s.table.partition_key }}"
  range_key    = "{{ s.table.sort_key }}"

  attribute {
    name = "{{ s.table.partition_key }}"
    type = "S"
  }

  attribute {
    name = "{{ s.table.sort_key }}"
    type = "S"
  }

  attribute {
    name = "{{ s.table.recent_partition_key }}"
    type = "S"
  }

  attribute {
    name = "{{ s.table.called_at_attribute }}"
    type = "N"
  }

  # Every call under one partition value, sorted by time: `connect-vanity calls` reads the most
  # recent ones with one Query. Recent 6.x providers deprecate hash_key/range_key here in favour
  # of key_schema, which 5.100 does not know (hashicorp/terraform-provider-aws#46197).
  global_secondary_index {
    name            = "{{ s.table.recent_index }}"
    hash_key        = "{{ s.table.recent_partition_key }}"
    range_key       = "{{ s.table.called_at_attribute }}"
    projection_type = "ALL"
  }

  # Each caller's calls, newest first: the call-handler reads a caller's latest two with one
  # Query and a Limit, so a caller costs the same after ten calls or ten thousand. Added to a
  # deployed table, the provider creates it and waits until it is active
  # (hashicorp/terraform-provider-aws, internal/service/dynamodb/table.go, resourceTableUpdate:
  # "Phase 3 of Global Secondary Index Operations: Create Only", then waitGSIActive); the
  # call-handler names this table in its environment, so its new code is deployed after that.
  global_secondary_index {
    name               = "{{ s.table.caller_index }}"
    hash_key           = "{{ s.table.partition_key }}"
    range_key          = "{{ s.table.called_at_attribute }}"
    projection_type    = "INCLUDE"
    non_key_attributes = [{{ s.table.caller_index_attributes|safe }}]
  }

  ttl {
    attribute_name = "{{ s.table.ttl_attribute }}"
    enabled        = true
  }

  # dynamodb.deletion_protection: while true, no destroy or replacement can delete the table and
  # every caller's record; to tear the line down, set it false and deploy first (docs/deploying.md).
  deletion_protection_enabled = {{ s.table.deletion_protection }}
{% if s.table.recovery_days > 0 %}
  # Restorable for {{ s.table.recovery_days }} days (dynamodb.recovery_days), not DynamoDB's default 35: a
  # record is gone from the backups {{ s.table.recovery_days }} days after its TTL removed it from the table.
  # Accepted by hashicorp/aws 5.100 and 6.x; DynamoDB takes 1 to 35.
  # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-pointintimerecoveryspecification.html
  point_in_time_recovery {
    enabled                 = true
    recovery_period_in_days = {{ s.table.recovery_days }}
  }
{%- else %}
  point_in_time_recovery {
    enabled = false
  }
{%- endif %}

  server_side_encryption {
    enabled = true
  }
}
