//! The view of a [`Config`] that the Terraform templates print: every value already derived,
//! named and, where it is an HCL expression rather than a string, built here in Rust.

use askama::Template;

use crate::config::{Config, Instance, Link, PhoneNumber};
use crate::flow;
use crate::render::backend::{self, Attr};
use crate::render::hcl;
use crate::render::monitoring::Monitoring;
use crate::render::profiles::{self, ProfilesTf, ProfilesView};

/// First line of every generated file (after the comment sigil).
pub const HEADER: &str = "generated from vanity.yaml by connect-vanity render; do not edit";

/// Provider versions the module is checked against: 5.100 and every 6.x.
const PROVIDER_CONSTRAINT: &str = ">= 5.100, < 7.0";
/// The native phone-number association resource arrived in 6.6.0.
const PROVIDER_CONSTRAINT_NATIVE_LINK: &str = ">= 6.6, < 7.0";

pub struct Tag {
    pub key: String,
    pub pad: String,
    pub value: String,
}

pub struct EnvVar {
    pub name: &'static str,
    pub pad: String,
    /// An HCL expression: a reference or an escaped, quoted string.
    pub value: String,
}

pub enum PhoneView {
    None,
    Claim {
        country: String,
        number_type: &'static str,
        prefix: Option<String>,
    },
    Existing {
        id: String,
    },
}

/// Everything the templates print, in one section per concern (`s.table.name`,
/// `s.link.keys`, ...), each built by its own function from the config.
pub struct Stack {
    pub header: &'static str,
    pub provider_constraint: &'static str,
    pub region: String,
    pub tags: Vec<Tag>,
    pub instance: InstanceView,
    pub flow: FlowView,
    pub lambda: LambdaView,
    pub table: TableView,
    pub phone: PhoneView,
    pub number: NumberView,
    pub link: LinkView,
    /// Operating the line: dashboard, alarms, alarm topic (monitoring.tf).
    pub monitoring: Monitoring,
    /// versions.tf: the Terraform version and the optional S3 backend block.
    pub required_version: &'static str,
    pub backend: Vec<Attr>,
    /// profiles.tf's resources, with `caller_profiles` on.
    pub profiles: Option<ProfilesView>,
}

/// The Connect instance: created (with its alias) or existing, and its flow logs.
pub struct InstanceView {
    /// The new instance's alias as an HCL expression (a quoted string, possibly with the
    /// account id interpolated); `None` for an existing instance.
    pub alias: Option<String>,
    /// The alias is `<name>-<account id>` (vanity.yaml names none).
    pub alias_from_account: bool,
    pub existing_id: String,
    /// `prevent_destroy` on the created instance: a number is claimed to it.
    pub protect: bool,
    pub flow_logs_enabled: bool,
    pub flow_log_retention_days: u32,
}

/// The contact flow resource.
pub struct FlowView {
    pub name: String,
    pub file: &'static str,
    pub arn_placeholder: &'static str,
}

/// The call-handler function, its environment and its table permissions.
pub struct LambdaView {
    pub name: String,
    pub architecture: &'static str,
    pub memory_mb: u32,
    pub timeout_seconds: u32,
    pub log_retention_days: u32,
    pub environment: Vec<EnvVar>,
    /// `reserved_concurrent_executions`, when vanity.yaml reserves any.
    pub reserved_concurrency: Option<u32>,
    pub dynamodb_write_actions: String,
    pub dynamodb_read_actions: String,
}

/// The callers table: keys, expiry, protection and its two indexes.
pub struct TableView {
    pub name: String,
    pub partition_key: &'static str,
    pub sort_key: &'static str,
    pub ttl_attribute: &'static str,
    pub ttl_days: u32,
    /// Point-in-time recovery's window in days; 0 turns it off.
    pub recovery_days: u32,
    pub deletion_protection: bool,
    pub recent_index: &'static str,
    /// The per-caller index and what it projects besides the keys.
    pub caller_index: &'static str,
    pub caller_index_attributes: String,
    pub recent_partition_key: &'static str,
    pub called_at_attribute: &'static str,
}

/// What outputs.tf says of the number.
pub struct NumberView {
    /// This module claims the number (otherwise a `removed` block forgets one it claimed before).
    pub claimed: bool,
    pub output: &'static str,
    pub id_output: &'static str,
}

/// Pointing the number at the flow: natively, or through the phone-link function.
pub struct LinkView {
    pub native: bool,
    pub lambda: bool,
    pub name: String,
    /// phone-link's environment: the one instance, number and flow it may touch.
    pub environment: Vec<EnvVar>,
    pub keys: (String, String, String),
    pub actions: String,
    pub read_actions: String,
    /// `query` / `observed` padded like `keys`, for the input objects that add them.
    pub query_key: String,
    pub observed_key_padded: String,
    pub query_link_status: &'static str,
    pub observed_key: &'static str,
    pub observed_linked: &'static str,
}

/// Spaces that line up `=` the way `terraform fmt` does for consecutive attributes.
fn pads<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Vec<String> {
    let width = names.clone().map(|n| n.chars().count()).max().unwrap_or(0);
    names
        .map(|n| " ".repeat(width - n.chars().count()))
        .collect()
}

/// `key` followed by spaces up to the width of `padded` (a key already padded by [`pads`]),
/// so `=` lines up with the link keys in the same object. The link keys are the longest.
fn pad_to(key: &str, padded: &str) -> String {
    format!("{key:<width$}", width = padded.chars().count())
}

/// `["a", "b"]` contents as an HCL list body: `"a", "b"`.
fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|item| format!("\"{}\"", hcl::escape(item)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A quoted, escaped HCL string.
fn quoted(value: &str) -> String {
    format!("\"{}\"", hcl::escape(value))
}

/// Environment variables with their `=` lined up.
fn env_vars(vars: &[(&'static str, String)]) -> Vec<EnvVar> {
    vars.iter()
        .zip(pads(vars.iter().map(|(name, _)| *name)))
        .map(|((name, value), pad)| EnvVar {
            name,
            pad,
            value: value.clone(),
        })
        .collect()
}

impl Stack {
    pub fn new(config: &Config) -> Stack {
        let (phone, link) = phone_and_link(config);
        let flow = FlowView {
            name: format!("{} vanity numbers", config.name),
            file: flow::FILE_NAME,
            arn_placeholder: flow::LAMBDA_ARN_PLACEHOLDER,
        };
        let lambda = lambda_view(config);
        Stack {
            profiles: ProfilesView::new(config),
            monitoring: Monitoring::new(config, &lambda.name, &flow.name),
            required_version: backend::required_version(config.backend.as_ref()),
            backend: backend::attributes(config.backend.as_ref()),
            header: HEADER,
            provider_constraint: if link == Some(Link::Native) {
                PROVIDER_CONSTRAINT_NATIVE_LINK
            } else {
                PROVIDER_CONSTRAINT
            },
            region: config.region.clone(),
            tags: tags(config),
            instance: instance_view(config),
            flow,
            lambda,
            table: table_view(config),
            number: number_view(&phone),
            phone,
            link: link_view(config, link),
        }
    }
}

/// The default tags, `=` lined up.
fn tags(config: &Config) -> Vec<Tag> {
    let quoted_keys: Vec<String> = config.tags.keys().map(|k| quoted(k)).collect();
    config
        .tags
        .iter()
        .zip(pads(quoted_keys.iter().map(String::as_str)))
        .map(|((key, value), pad)| Tag {
            key: key.clone(),
            pad,
            value: value.clone(),
        })
        .collect()
}

fn instance_view(config: &Config) -> InstanceView {
    let (alias, existing_id) = match &config.instance {
        Instance::Create { alias: Some(alias) } => (Some(quoted(alias)), String::new()),
        // `name` is at most 32 characters and an account id 12, so this fits the 45 an
        // alias may have. `name` is a validated slug: nothing in it needs escaping.
        Instance::Create { alias: None } => (
            Some(format!(
                "\"{}-${{data.aws_caller_identity.current.account_id}}\"",
                config.name
            )),
            String::new(),
        ),
        Instance::Existing { id } => (None, id.clone()),
    };
    InstanceView {
        alias,
        alias_from_account: matches!(config.instance, Instance::Create { alias: None }),
        existing_id,
        protect: matches!(config.instance, Instance::Create { .. })
            && !matches!(config.phone_number, PhoneNumber::None),
        flow_logs_enabled: config.flow_logs.enabled,
        flow_log_retention_days: config.flow_logs.retention_days,
    }
}

fn lambda_view(config: &Config) -> LambdaView {
    LambdaView {
        name: format!("{}-call-handler", config.name),
        architecture: config.lambda.architecture.as_aws(),
        memory_mb: config.lambda.memory_mb,
        timeout_seconds: config.lambda.timeout_seconds,
        log_retention_days: config.lambda.log_retention_days,
        environment: env_vars(&call_handler_environment(config)),
        reserved_concurrency: config.lambda.reserved_concurrency,
        dynamodb_write_actions: quoted_list(call_handler::schema::DYNAMODB_TABLE_ACTIONS),
        dynamodb_read_actions: quoted_list(call_handler::schema::DYNAMODB_INDEX_ACTIONS),
    }
}

/// The call-handler's settings as environment variables (`call_handler::settings` reads them).
fn call_handler_environment(config: &Config) -> Vec<(&'static str, String)> {
    use call_handler::settings::{
        allow_categories_value, store_timeout_for, Allowed, Recall, ENV_ALLOW_CATEGORIES,
        ENV_RECALL, ENV_RECORD_TTL_DAYS, ENV_RESULT_COUNT, ENV_STORE_TIMEOUT_MS, ENV_TABLE_NAME,
    };
    let store_timeout = store_timeout_for(config.lambda.timeout_seconds).as_millis();
    let mut env: Vec<(&'static str, String)> = vec![
        (
            ENV_TABLE_NAME,
            "aws_dynamodb_table.callers.name".to_string(),
        ),
        (ENV_RESULT_COUNT, quoted(&config.results.store.to_string())),
        (
            ENV_RECORD_TTL_DAYS,
            quoted(&config.table.ttl_days.to_string()),
        ),
        (ENV_STORE_TIMEOUT_MS, quoted(&store_timeout.to_string())),
    ];
    // Only when the owner allows a category, so the default stack stays as it was.
    if config.results.allowed != Allowed::NONE {
        env.push((
            ENV_ALLOW_CATEGORIES,
            quoted(&allow_categories_value(config.results.allowed)),
        ));
    }
    // Unset means none in the handler, the setting that tells a caller nothing.
    if config.recall != Recall::Nothing {
        env.push((ENV_RECALL, quoted(config.recall.as_str())));
    }
    env.extend(profiles::environment(config));
    env
}

fn table_view(config: &Config) -> TableView {
    use call_handler::schema;
    TableView {
        name: config.table.name.clone(),
        partition_key: schema::PARTITION_KEY,
        sort_key: schema::SORT_KEY,
        ttl_attribute: schema::TTL_ATTRIBUTE,
        ttl_days: config.table.ttl_days,
        recovery_days: config.table.recovery_days,
        deletion_protection: config.table.deletion_protection,
        recent_index: schema::RECENT_INDEX,
        caller_index: schema::CALLER_INDEX,
        caller_index_attributes: quoted_list(schema::CALLER_INDEX_ATTRIBUTES),
        recent_partition_key: schema::RECENT_PARTITION_KEY,
        called_at_attribute: schema::CALLED_AT_ATTRIBUTE,
    }
}

/// The number vanity.yaml asks for, and how it is pointed at the flow (none without a number).
fn phone_and_link(config: &Config) -> (PhoneView, Option<Link>) {
    match &config.phone_number {
        PhoneNumber::None => (PhoneView::None, None),
        PhoneNumber::Claim {
            country,
            kind,
            prefix,
            link,
        } => (
            PhoneView::Claim {
                country: country.clone(),
                number_type: kind.as_aws(),
                prefix: prefix.clone(),
            },
            Some(*link),
        ),
        PhoneNumber::Existing { id, link } => (PhoneView::Existing { id: id.clone() }, Some(*link)),
    }
}

fn number_view(phone: &PhoneView) -> NumberView {
    let (output, id_output) = match phone {
        PhoneView::None => ("null", "null"),
        PhoneView::Claim { .. } => (
            "aws_connect_phone_number.this.phone_number",
            "local.phone_number_id",
        ),
        PhoneView::Existing { .. } => ("null", "local.phone_number_id"),
    };
    NumberView {
        claimed: matches!(phone, PhoneView::Claim { .. }),
        output,
        id_output,
    }
}

fn link_view(config: &Config, link: Option<Link>) -> LinkView {
    use phone_link::contract;
    let keys: Vec<String> = pads(contract::INPUT_KEYS.iter().copied())
        .into_iter()
        .zip(contract::INPUT_KEYS)
        .map(|(pad, key)| format!("{key}{pad}"))
        .collect();
    let environment = [
        (contract::ENV_INSTANCE_ID, "local.instance_id".to_string()),
        (
            contract::ENV_PHONE_NUMBER_ID,
            "local.phone_number_id".to_string(),
        ),
        (
            contract::ENV_CONTACT_FLOW_ID,
            "aws_connect_contact_flow.vanity.contact_flow_id".to_string(),
        ),
    ];
    LinkView {
        native: link == Some(Link::Native),
        lambda: link == Some(Link::Lambda),
        name: format!("{}-phone-link", config.name),
        environment: env_vars(&environment),
        query_key: pad_to(contract::QUERY, &keys[0]),
        observed_key_padded: pad_to(contract::OBSERVED, &keys[0]),
        keys: (keys[0].clone(), keys[1].clone(), keys[2].clone()),
        actions: quoted_list(contract::IAM_ACTIONS),
        read_actions: quoted_list(contract::READ_ACTIONS),
        query_link_status: contract::QUERY_LINK_STATUS,
        observed_key: contract::OBSERVED,
        observed_linked: contract::OBSERVED_LINKED,
    }
}

macro_rules! tf_template {
    ($name:ident, $path:literal) => {
        #[derive(Template)]
        #[template(path = $path)]
        pub struct $name<'a> {
            pub s: &'a Stack,
        }
    };
}

tf_template!(VersionsTf, "versions.tf");
tf_template!(ProvidersTf, "providers.tf");
tf_template!(VariablesTf, "variables.tf");
tf_template!(ConnectTf, "connect.tf");
tf_template!(PhoneTf, "phone.tf");
tf_template!(LambdaTf, "lambda.tf");
tf_template!(IamTf, "iam.tf");
tf_template!(DynamodbTf, "dynamodb.tf");
tf_template!(OutputsTf, "outputs.tf");
tf_template!(MonitoringTf, "monitoring.tf");

/// The file of the Customer Profiles resources (with mode none, only a `removed` block).
pub const PROFILES_FILE: &str = "profiles.tf";

/// Renders every .tf file: (file name, contents).
pub fn terraform_files(stack: &Stack) -> Result<Vec<(&'static str, String)>, askama::Error> {
    let mut files = vec![
        ("versions.tf", VersionsTf { s: stack }.render()?),
        ("providers.tf", ProvidersTf { s: stack }.render()?),
        ("variables.tf", VariablesTf { s: stack }.render()?),
        ("connect.tf", ConnectTf { s: stack }.render()?),
        ("phone.tf", PhoneTf { s: stack }.render()?),
        ("lambda.tf", LambdaTf { s: stack }.render()?),
        ("iam.tf", IamTf { s: stack }.render()?),
        ("dynamodb.tf", DynamodbTf { s: stack }.render()?),
        ("monitoring.tf", MonitoringTf { s: stack }.render()?),
        ("outputs.tf", OutputsTf { s: stack }.render()?),
    ];
    let profiles = ProfilesTf::new(stack.header, stack.profiles.as_ref());
    files.push((PROFILES_FILE, profiles.render()?));
    Ok(files)
}
