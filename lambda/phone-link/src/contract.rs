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
/// `AssociatePhoneNumberContactFlow` authorises on the `phone-number` and `contact-flow`
/// resource types (both required) and `DisassociatePhoneNumberContactFlow` on `phone-number`
/// only; both accept the `connect:InstanceId` condition key. The rendered policy therefore
/// names `arn:PARTITION:connect:REGION:ACCOUNT:phone-number/*` and
/// `INSTANCE_ARN/contact-flow/*` and requires `connect:InstanceId` to be this instance: a
/// previous number of the same instance can be detached when the number changes (its ARN is
/// not known to the new configuration), and nothing outside the instance can be touched.
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
