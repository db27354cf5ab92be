# {{ s.header }}
{%- import "macros.tf" as macros %}
{% match s.phone %}{% when PhoneView::None %}
# No phone number in vanity.yaml (phone_number.mode: none). To take calls, claim a number in the
# Amazon Connect console and point it at the contact flow "{{ s.flow.name }}".
{% when PhoneView::Claim with { country, number_type, prefix } %}
resource "aws_connect_phone_number" "this" { # protected: replacing it releases the number, see docs/deploying.md "Changing things later"
  target_arn   = local.instance_arn
  country_code = "{{ country }}"
  type         = "{{ number_type }}"
{%- if let Some(prefix) = prefix %}
  prefix       = "{{ prefix }}"
{%- endif %}

  # AWS refuses new claims once an account has claimed and released more than 200% of its number
  # quota within 180 days, so a number is never released by accident: a change that would
  # replace it (new claim settings) stops at plan, and Terraform's error quotes the line above.
  lifecycle {
    prevent_destroy = true
  }
}

locals {
  phone_number_id = aws_connect_phone_number.this.id
}
{% when PhoneView::Existing with { id } %}
locals {
  phone_number_id = "{{ id }}"
}
{% endmatch %}
{%- if !s.number.claimed %}
# Switching phone_number.mode away from claim keeps the number this module claimed: Terraform
# forgets it instead of releasing it (phone-link detaches it from the flow first). Release it
# yourself if you no longer want it; see docs/deploying.md "Changing things later".
removed {
  from = aws_connect_phone_number.this

  lifecycle {
    destroy = false
  }
}
{% endif %}
{%- if s.link.native %}
# Points the number at the flow (needs hashicorp/aws 6.6 or later).
resource "aws_connect_phone_number_contact_flow_association" "this" {
  instance_id     = local.instance_id
  phone_number_id = local.phone_number_id
  contact_flow_id = aws_connect_contact_flow.vanity.contact_flow_id
}

# Switching from phone_number.link: lambda: forget phone-link's invocation instead of
# destroying it. Its destroy runs phone-link's delete, which detaches the number, in no order
# against the association above, so the number could end up detached. Forgetting it runs
# nothing; the association points the number at the same flow (an overwrite). Nothing to
# forget on a line that was always native. removed with destroy = false: Terraform 1.7+
# (https://developer.hashicorp.com/terraform/language/block/removed).
removed {
  from = aws_lambda_invocation.phone_link

  lifecycle {
    destroy = false
  }
}
{% endif %}
{%- if s.link.lambda %}
# Points the number at the flow through the phone-link Lambda: hashicorp/aws before 6.6 has no
# resource for it. With lifecycle_scope CRUD the Lambda also runs on update (a new flow: it
# points the number at it) and on destroy (it detaches the number). A failed run fails the apply.
#
# A new number (or instance) replaces this resource instead of updating it, and Terraform
# destroys a replaced resource before it updates what the resource depends on (the function's
# environment and its role policy): so the old invocation's delete detaches the old number
# while the function's scope and its policy still name it, and neither ever names two numbers.
# scripts/change_scenarios.py checks that order in the apply graph of each number change.
resource "aws_lambda_invocation" "phone_link" {
  function_name   = aws_lambda_function.phone_link.function_name
  lifecycle_scope = "CRUD"

  input = jsonencode({
    {{ s.link.keys.0 }} = local.instance_id
    {{ s.link.keys.1 }} = local.phone_number_id
    {{ s.link.keys.2 }} = aws_connect_contact_flow.vanity.contact_flow_id
  })

  depends_on = [aws_iam_role_policy.phone_link]

  lifecycle {
    replace_triggered_by = [terraform_data.phone_link_number]
  }
}

# The number and instance phone-link links: a change to either replaces the invocation above.
# replace_triggered_by takes resources, not locals, hence this record
# (https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#replace_triggered_by).
resource "terraform_data" "phone_link_number" {
  input = {
    {{ s.link.keys.0 }} = local.instance_id
    {{ s.link.keys.1 }} = local.phone_number_id
  }
}

# Drift. aws_lambda_invocation has no read (hashicorp/terraform-provider-aws,
# internal/service/lambda/invocation.go: ReadWithoutTimeout is schema.NoopContext), and a
# failed CRUD update is still saved to state (hashicorp/terraform-provider-aws#43447), so
# neither a number re-pointed in the console nor a half-finished apply shows up by itself.
# Every plan therefore asks phone-link, read-only, what the number answers with now. A data
# source whose dependencies have changes pending is read during apply instead, after the link
# above (hashicorp/terraform#27171; HashiCorp support article 15789686740499, "The combination
# of meta argument depends_on with Data Resources"), so a fresh deploy reads "linked".
data "aws_lambda_invocation" "phone_link_status" {
  function_name = aws_lambda_function.phone_link.function_name

  input = jsonencode({
    {{ s.link.keys.0 }} = local.instance_id
    {{ s.link.keys.1 }} = local.phone_number_id
    {{ s.link.keys.2 }} = aws_connect_contact_flow.vanity.contact_flow_id
    {{ s.link.query_key }} = "{{ s.link.query_link_status }}"
  })

  depends_on = [aws_lambda_invocation.phone_link]
}

# Repairs drift: the answer above is part of this input, so when it is anything but "linked" the
# plan replaces this resource and the apply points the number back at the flow. It keeps the
# default CREATE_ONLY scope: a changed input forces a new resource (the provider's
# customizeDiffInputChangeWithCreateOnlyScope), whose create invokes phone-link, which
# associates; its delete invokes nothing (resourceInvocationDelete skips CREATE_ONLY), so a
# repair never detaches. The plan after a repair replaces it once more, to record "linked";
# that run changes nothing in Connect.
resource "aws_lambda_invocation" "phone_link_repair" {
  function_name = aws_lambda_function.phone_link.function_name

  input = jsonencode({
    {{ s.link.keys.0 }} = local.instance_id
    {{ s.link.keys.1 }} = local.phone_number_id
    {{ s.link.keys.2 }} = aws_connect_contact_flow.vanity.contact_flow_id
    {{ s.link.observed_key_padded }} = jsondecode(data.aws_lambda_invocation.phone_link_status.result).{{ s.link.observed_key }}
  })
}

# Says in the plan, in words, what the repair above is for.
check "phone_number_answers_with_the_flow" {
  assert {
    condition     = jsondecode(data.aws_lambda_invocation.phone_link_status.result).{{ s.link.observed_key }} == "{{ s.link.observed_linked }}"
    error_message = "The phone number no longer answers with the vanity flow (phone-link reports: ${jsondecode(data.aws_lambda_invocation.phone_link_status.result).{{ s.link.observed_key }}}). Applying this plan points it back at the flow."
  }
}
{% call macros::lambda_log_group("phone_link", s.link.name, s.lambda.log_retention_days, "logs hold only resource ids; CloudWatch encrypts them at rest with its own key") %}{%- endcall %}

resource "aws_lambda_function" "phone_link" {
  #checkov:skip=CKV_AWS_116:Terraform invokes the function synchronously and shows its error; a dead-letter queue only serves asynchronous invocations
  #checkov:skip=CKV_AWS_117:the function reaches only the Amazon Connect API; a VPC would add NAT or endpoint cost without isolating anything
  #checkov:skip=CKV_AWS_173:the environment holds three resource ids (what the function may touch), no secrets
  #checkov:skip=CKV_AWS_272:code signing needs an AWS Signer profile; the deployed zip is pinned by source_code_hash instead
  #checkov:skip=CKV_AWS_115:runs once per terraform apply; reserving concurrency would take from the account's unreserved pool
  function_name    = "{{ s.link.name }}"
  description      = "Points the phone number at the vanity flow (Terraform custom resource). Generated by connect-vanity."
{%- call macros::lambda_code("phone_link", "phone-link", s.lambda.architecture) %}{%- endcall %}
  memory_size      = 128
  timeout          = 120 # the SDK's throttling retries plus up to a minute waiting out IAM propagation
{%- call macros::lambda_tracing("phone_link") %}{%- endcall %}

  # The only instance, number and flow it may act on: it refuses invocations naming others.
  environment {
    variables = {
{%- for var in s.link.environment %}
      {{ var.name }}{{ var.pad }} = {{ var.value|safe }}
{%- endfor %}
    }
  }
}
{% call macros::lambda_role("phone_link", s.link.name) %}{%- endcall %}

# The flow's ARN, for the policy below. A data source that refers to a resource with changes
# pending is read during apply ("depends on a resource or a module with changes pending"), so
# naming the flow directly would leave the policy unknown at plan after every wording change;
# this record changes only when the ARN does.
resource "terraform_data" "phone_link_flow" {
  input = aws_connect_contact_flow.vanity.arn
}

# What phone-link may do: point this stack's number at this stack's flow and detach it, in this
# instance only, and list this instance's number-to-flow links. The number's ARN follows the
# Service Authorization Reference's phone-number format; see phone_link::contract for the
# entries. A number change never needs the old number here: its detach runs before this policy
# changes (see aws_lambda_invocation.phone_link above).
data "aws_iam_policy_document" "phone_link" {
  statement {
    sid     = "LinkThisStacksNumber"
    actions = [{{ s.link.actions|safe }}]
    resources = [
      "arn:${data.aws_partition.current.partition}:connect:${var.region}:${data.aws_caller_identity.current.account_id}:phone-number/${local.phone_number_id}",
      terraform_data.phone_link_flow.output,
    ]

    condition {
      test     = "StringEquals"
      variable = "connect:InstanceId"
      values   = [local.instance_id]
    }
  }

  statement {
    sid       = "ReadThisInstancesNumberLinks"
    actions   = [{{ s.link.read_actions|safe }}]
    resources = [local.instance_arn]

    condition {
      test     = "StringEquals"
      variable = "connect:InstanceId"
      values   = [local.instance_id]
    }
  }
{% call macros::own_logs_and_tracing("phone_link") %}{%- endcall %}
}
{% call macros::lambda_role_policy("phone_link", "phone-link") %}{%- endcall %}
{% endif %}
