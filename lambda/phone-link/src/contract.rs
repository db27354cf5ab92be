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

/// Environment variables Terraform sets on the function: the one instance, number and flow it
/// may act on (see `crate::scope`). Invocations naming anything else are refused.
pub const ENV_INSTANCE_ID: &str = "PHONE_LINK_INSTANCE_ID";
pub const ENV_PHONE_NUMBER_ID: &str = "PHONE_LINK_PHONE_NUMBER_ID";
pub const ENV_CONTACT_FLOW_ID: &str = "PHONE_LINK_CONTACT_FLOW_ID";

/// Every input key, in the order the template writes them.
pub const INPUT_KEYS: &[&str] = &[INSTANCE_ID, PHONE_NUMBER_ID, CONTACT_FLOW_ID];

/// The key `aws_lambda_invocation` with `lifecycle_scope = "CRUD"` adds to the input
/// (its `terraform_key` argument, left at the provider's default). It holds
/// `{"action": "create"|"update"|"delete", "prev_input": {...}|null}`.
pub const TERRAFORM_KEY: &str = "tf";

/// Input key of the read-only query the plan-time `data "aws_lambda_invocation"` sends: with
/// [`QUERY_LINK_STATUS`] as its value the function changes nothing and reports which flow the
/// number answers with now (see `crate::status`). Any other input is a lifecycle invocation.
pub const QUERY: &str = "query";

/// The one query there is: "what does this number point at?".
pub const QUERY_LINK_STATUS: &str = "link_status";

/// Key of the status answer (and of the repair invocation's input that carries it): one of
/// [`OBSERVED_LINKED`], [`OBSERVED_NOT_LINKED`], or `points at flow <id>`.
pub const OBSERVED: &str = "observed";

/// The number answers with the flow in the query.
pub const OBSERVED_LINKED: &str = "linked";

/// The number answers with no flow at all.
pub const OBSERVED_NOT_LINKED: &str = "not linked";

/// The actions that change a number's flow: the only write actions the function's role has.
///
/// Per the Service Authorization Reference for Amazon Connect
/// (<https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonconnect.html>),
/// `AssociatePhoneNumberContactFlow` ("Grants permission to associate contact flow resources to
/// phone number resources in an Amazon Connect instance") authorises on the `phone-number`
/// (`arn:${Partition}:connect:${Region}:${Account}:phone-number/${PhoneNumberId}`) and
/// `contact-flow` (`INSTANCE_ARN/contact-flow/${ContactFlowId}`) resource types, both required,
/// and `DisassociatePhoneNumberContactFlow` on `phone-number` only; both accept the
/// `aws:ResourceTag/${TagKey}` and `connect:InstanceId` condition keys. The rendered policy
/// therefore names exactly this stack's number and this stack's flow, and requires
/// `connect:InstanceId` to be this instance. The previous number of a number change is not
/// named: its detach runs before the policy changes (see `crate::scope`).
pub const IAM_ACTIONS: &[&str] = &[
    "connect:AssociatePhoneNumberContactFlow",
    "connect:DisassociatePhoneNumberContactFlow",
];

/// The read the link-status query makes. The same reference lists `ListFlowAssociations`
/// ("list summary information about the flow associations for the specified Amazon Connect
/// instance", access level List, condition key `connect:InstanceId`) on the `instance`
/// resource type, so the policy names the instance ARN. The hashicorp/aws provider reads its
/// own `aws_connect_phone_number_contact_flow_association` the same way
/// (internal/service/connect/phone_number_contact_flow_association.go,
/// `findPhoneNumberContactFlowAssociationByThreePartKey`).
pub const READ_ACTIONS: &[&str] = &["connect:ListFlowAssociations"];
