//! `phone-link`: a Terraform custom resource, as a Lambda, that points an Amazon Connect
//! phone number at a contact flow (hashicorp/aws has no resource for it before 6.6).
//!
//! Terraform invokes it through `aws_lambda_invocation` with `lifecycle_scope = "CRUD"`:
//! create and update associate, delete disassociates. A plan-time `data "aws_lambda_invocation"`
//! asks the read-only link-status query (`status`) so drift shows up in `terraform plan`.
//! [`association`] is the one value every module shares (number, instance, flow);
//! [`contract`] holds the input keys, environment variables and IAM actions the renderer
//! shares. [`scope`] refuses any invocation naming an instance, number or flow other than the
//! ones Terraform put in the function's environment.

pub mod association;
pub mod contract;
pub mod error;
pub mod event;
#[cfg(feature = "handler")]
pub mod handler;
#[cfg(feature = "handler")]
pub mod link;
pub mod scope;
#[cfg(feature = "handler")]
pub mod sdk;
#[cfg(feature = "handler")]
pub mod status;

pub use error::Error;
