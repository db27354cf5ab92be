# generated from vanity.yaml by connect-vanity render; do not edit
#
# Customer Profiles (vanity.yaml caller_profiles, mode none): no lookup, and nothing here is
# created or granted.

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