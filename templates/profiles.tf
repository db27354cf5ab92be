# {{ header }}
#
{%- match p %}
{%- when Some(p) %}
# Customer Profiles (vanity.yaml caller_profiles, mode {{ p.mode }}): the call-handler looks each
# caller up by their number in one domain and writes a kept choice to their profile. Only this
# file changes with the section.
{%- if let Some(days) = p.expiration_days %}

# The domain this stack creates. Its data expires after default_expiration_days.
resource "aws_customerprofiles_domain" "callers" {
  domain_name             = {{ p.domain_name|safe }}
  default_expiration_days = {{ days }}
{%- if let Some(key) = p.kms_key_arn %}
  default_encryption_key  = {{ key|safe }}
{%- endif %}
}
{%- endif %}

locals {
  profile_domain_name = {{ p.domain_ref|safe }}
  # https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonconnectcustomerprofiles.html:
  # the "domains" resource type is arn:${Partition}:profile:${Region}:${Account}:domains/${DomainName}.
  profile_domain_arn = "arn:${data.aws_partition.current.partition}:profile:${var.region}:${data.aws_caller_identity.current.account_id}:domains/${local.profile_domain_name}"
}

# Exactly the Customer Profiles calls the handler makes, on the one domain: the search by
# phone number, the write of a kept choice{% if p.create_missing %}, and creating a profile for a caller without one
# (caller_profiles.create_missing){% endif %}.
data "aws_iam_policy_document" "call_handler_profiles" {
  statement {
    sid       = "CallerProfiles"
    actions   = [{{ p.actions|safe }}]
    resources = [local.profile_domain_arn]
  }
}

resource "aws_iam_role_policy" "call_handler_profiles" {
  name   = "call-handler-profiles"
  role   = aws_iam_role.call_handler.id
  policy = data.aws_iam_policy_document.call_handler_profiles.json
}

output "profile_domain_name" {
  description = "The Customer Profiles domain the call-handler searches (enable it for the Connect instance: docs/deploying.md)."
  value       = local.profile_domain_name
}
{%- when None %}
# Customer Profiles (vanity.yaml caller_profiles, mode none): no lookup, and nothing here is
# created or granted.
{%- endmatch %}
{%- if forget_domain %}

# A domain this stack created (mode new) holds callers' profiles, and agents may use it. Turning
# caller_profiles to none or existing forgets it instead of deleting it, as with an instance
# (connect.tf); delete it in the console when nobody needs it. With no such domain in the state
# this block plans nothing.
removed {
  from = aws_customerprofiles_domain.callers

  lifecycle {
    destroy = false
  }
}
{%- endif %}
