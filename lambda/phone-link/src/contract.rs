//! The contract between the rendered Terraform and this Lambda: the input keys the
//! `aws_lambda_invocation` resource sends, the key Terraform adds for lifecycle information,
//! and the IAM actions the function's role needs. The renderer imports these constants so the
//! template and the handler cannot drift apart; this module has no dependencies for that reason.

/// Input key: the Amazon Connect instance id (the UUID, not the ARN).
pub const INSTANCE_ID: &str = "instance_id";

/// Input key: the claimed phone number's id (`aws_connect_phone_number.id`).
pub const PHONE_NUMBER_ID: &str = "phone_number_id";

/// Input key: the contact flow's id (`aws_connect_contact_flow.contact_flow_id`).
pub const CONTACT_FLOW_ID: &str = "contact_flow_id";

/// Every input key, in the order the template writes them.
pub const INPUT_KEYS: &[&str] = &[INSTANCE_ID, PHONE_NUMBER_ID, CONTACT_FLOW_ID];

/// The key `aws_lambda_invocation` with `lifecycle_scope = "CRUD"` adds to the input
/// (its `terraform_key` argument, left at the provider's default). It holds
/// `{"action": "create"|"update"|"delete", "prev_input": {...}|null}`.
pub const TERRAFORM_KEY: &str = "tf";

/// The only actions the function's role may call.
///
/// Per the Service Authorization Reference for Amazon Connect,
/// `AssociatePhoneNumberContactFlow` authorises on the `phone-number` and `contact-flow`
/// resource types (both required) and `DisassociatePhoneNumberContactFlow` on `phone-number`
/// only; both accept the `connect:InstanceId` condition key. So the policy's resources are the
/// phone number ARN (`arn:aws:connect:REGION:ACCOUNT:phone-number/ID`) and the flow ARN
/// (`arn:aws:connect:REGION:ACCOUNT:instance/INSTANCE/contact-flow/ID`).
pub const IAM_ACTIONS: &[&str] = &[
    "connect:AssociatePhoneNumberContactFlow",
    "connect:DisassociatePhoneNumberContactFlow",
];
