//! The optional `backend "s3"` block of versions.tf, from vanity.yaml's `terraform.backend`,
//! and the Terraform version it needs. Without a backend the state stays local (Terraform's
//! default) and nothing is rendered.
//!
//! Arguments as the S3 backend documents them
//! (https://developer.hashicorp.com/terraform/language/backend/s3): `use_lockfile` arrived in
//! Terraform 1.10 as an experiment and became generally available in 1.11
//! (hashicorp/terraform#35661, #36338), when DynamoDB locking (`dynamodb_table`) was deprecated.

use crate::config::Backend;
use crate::render::hcl;

/// Terraform the module needs without a lock file.
const TERRAFORM_VERSION: &str = ">= 1.7.0";
/// Terraform that locks S3 state with a lock file as a stable feature.
const TERRAFORM_VERSION_LOCKFILE: &str = ">= 1.11.0";

/// One `name = value` line; `value` is an HCL expression (a quoted, escaped string or `true`).
pub struct Attr {
    pub name: &'static str,
    pub pad: String,
    pub value: String,
}

/// The `required_version` constraint for `backend`.
pub fn required_version(backend: Option<&Backend>) -> &'static str {
    match backend {
        Some(backend) if backend.use_lockfile => TERRAFORM_VERSION_LOCKFILE,
        _ => TERRAFORM_VERSION,
    }
}

/// The backend block's lines, aligned as `terraform fmt` aligns them; empty without a backend.
pub fn attributes(backend: Option<&Backend>) -> Vec<Attr> {
    let Some(backend) = backend else {
        return Vec::new();
    };
    let quoted = |value: &str| format!("\"{}\"", hcl::escape(value));
    let mut lines: Vec<(&'static str, String)> = vec![
        ("bucket", quoted(&backend.bucket)),
        ("key", quoted(&backend.key)),
        ("region", quoted(&backend.region)),
        // Server-side encryption of the state object: it holds every resource's attributes.
        ("encrypt", "true".to_string()),
    ];
    if backend.use_lockfile {
        lines.push(("use_lockfile", "true".to_string()));
    }
    if let Some(table) = &backend.dynamodb_table {
        lines.push(("dynamodb_table", quoted(table)));
    }
    let width = lines.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    lines
        .into_iter()
        .map(|(name, value)| Attr {
            name,
            pad: " ".repeat(width - name.len()),
            value,
        })
        .collect()
}
