//! profiles.tf: the Customer Profiles domain (vanity.yaml `caller_profiles`, mode new), the
//! call-handler's permissions on the one domain, and the handler's profile environment. With
//! mode none it creates and grants nothing, so the stack's resources are what they were
//! without the section; with mode none or existing it forgets a domain an earlier mode new
//! created instead of deleting it (a `removed` block).

use askama::Template;

use crate::config::{CallerProfiles, Config, ProfileDomain};
use crate::render::hcl;

/// What profiles.tf prints.
pub struct ProfilesView {
    /// "new" or "existing".
    pub mode: &'static str,
    /// The domain name as an HCL expression: the created domain's attribute, or a quoted name.
    pub domain_ref: String,
    /// The new domain's quoted name and retention; `None` for an existing domain.
    pub domain_name: String,
    pub expiration_days: Option<u32>,
    pub kms_key_arn: Option<String>,
    pub create_missing: bool,
    /// The IAM actions, quoted and comma-separated.
    pub actions: String,
}

/// The Customer Profiles operations the call-handler calls (profile/sdk.rs): the search, the
/// write, and the create only with `create_missing`.
pub fn actions(profiles: &CallerProfiles) -> Vec<&'static str> {
    let mut actions = vec!["profile:SearchProfiles"];
    if profiles.write_choice {
        actions.push("profile:UpdateProfile");
        if profiles.create_missing {
            actions.push("profile:CreateProfile");
        }
    }
    actions
}

impl ProfilesView {
    /// `None` with mode none.
    pub fn new(config: &Config) -> Option<ProfilesView> {
        let profiles = &config.caller_profiles;
        let domain = profiles.domain.as_ref()?;
        let quoted = |value: &str| format!("\"{}\"", hcl::escape(value));
        let actions = actions(profiles)
            .iter()
            .map(|action| quoted(action))
            .collect::<Vec<_>>()
            .join(", ");
        Some(match domain {
            ProfileDomain::New {
                name,
                expiration_days,
                kms_key_arn,
            } => ProfilesView {
                mode: "new",
                domain_ref: "aws_customerprofiles_domain.callers.domain_name".to_string(),
                domain_name: quoted(name),
                expiration_days: Some(*expiration_days),
                kms_key_arn: kms_key_arn.as_deref().map(quoted),
                create_missing: profiles.create_missing && profiles.write_choice,
                actions,
            },
            ProfileDomain::Existing { name } => ProfilesView {
                mode: "existing",
                domain_ref: quoted(name),
                domain_name: quoted(name),
                expiration_days: None,
                kms_key_arn: None,
                create_missing: profiles.create_missing && profiles.write_choice,
                actions,
            },
        })
    }
}

#[derive(Template)]
#[template(path = "profiles.tf")]
pub struct ProfilesTf<'a> {
    /// The first line every generated file has.
    pub header: &'a str,
    /// `None` with mode none.
    pub p: Option<&'a ProfilesView>,
    /// Mode none or existing: the stack creates no domain, so one it created before is
    /// forgotten, not deleted.
    pub forget_domain: bool,
}

impl<'a> ProfilesTf<'a> {
    pub fn new(header: &'a str, p: Option<&'a ProfilesView>) -> ProfilesTf<'a> {
        let creates_domain = p.is_some_and(|p| p.expiration_days.is_some());
        ProfilesTf {
            header,
            p,
            forget_domain: !creates_domain,
        }
    }
}

/// The handler's profile variables (`call_handler::profile::settings` reads them), each an
/// HCL expression; none with mode none. Options at their handler default are left out.
pub fn environment(config: &Config) -> Vec<(&'static str, String)> {
    use call_handler::profile::settings::{
        ENV_PROFILE_BUDGET_MS, ENV_PROFILE_CREATE_MISSING, ENV_PROFILE_DOMAIN, ENV_PROFILE_GREET,
        ENV_PROFILE_SAY_WHY, ENV_PROFILE_TIMEOUT_MS, ENV_PROFILE_WRITE_CHOICE,
    };
    let profiles = &config.caller_profiles;
    if profiles.domain.is_none() {
        return Vec::new();
    }
    let flag = |on: bool| format!("\"{on}\"");
    vec![
        (ENV_PROFILE_DOMAIN, "local.profile_domain_name".to_string()),
        (
            ENV_PROFILE_TIMEOUT_MS,
            format!("\"{}\"", profiles.lookup_timeout_ms),
        ),
        (ENV_PROFILE_BUDGET_MS, format!("\"{}\"", profiles.budget_ms)),
        (ENV_PROFILE_GREET, flag(profiles.greet_by_first_name)),
        (ENV_PROFILE_SAY_WHY, flag(profiles.say_why)),
        (ENV_PROFILE_WRITE_CHOICE, flag(profiles.write_choice)),
        (ENV_PROFILE_CREATE_MISSING, flag(profiles.create_missing)),
    ]
}

/// What `render` prints to stderr when the profile's first name or favoured word can reach
/// Connect's flow logs; `None` otherwise.
///
/// Connect's flow logs hold what the flow sends to and receives from a Lambda
/// (https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-log-data.html), so with
/// `greet_by_first_name` or `say_why` on, the lookup's answer puts the caller's first name
/// (`greeting_name`) or a word of their profile (`why`) into `/aws/connect/<alias>`, kept
/// `connect.flow_logs.retention_days`. A warning, not a refusal: an owner may want both (the
/// logs are theirs, in their account) and the retention is theirs to set; but it is a copy of
/// profile data outside the domain, which the owner should choose knowingly
/// (docs/operating.md, "Where callers' data is kept").
pub fn flow_log_warning(config: &Config) -> Option<String> {
    let profiles = &config.caller_profiles;
    let said: Vec<&str> = [
        (
            profiles.greet_by_first_name,
            "greet_by_first_name (the first name)",
        ),
        (profiles.say_why, "say_why (a word of the profile)"),
    ]
    .into_iter()
    .filter_map(|(on, what)| on.then_some(what))
    .collect();
    if profiles.domain.is_none() || said.is_empty() || !config.flow_logs.enabled {
        return None;
    }
    Some(format!(
        "warning: with connect.flow_logs.enabled, what caller_profiles.{} {} to the \
         call-handler's answer is copied into Connect's flow logs (/aws/connect/..., kept \
         connect.flow_logs.retention_days = {} days): flow logs include what a Lambda returns.\n  \
         Turn connect.flow_logs.enabled off, or the option off, or keep it knowingly. See \
         docs/operating.md, \"Where callers' data is kept\".",
        said.join(" and caller_profiles."),
        if said.len() > 1 { "add" } else { "adds" },
        config.flow_logs.retention_days
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(section: &str) -> Config {
        let yaml = format!(
            "name: line\nregion: us-east-1\nconnect:\n  instance:\n    mode: create\ncaller_profiles:\n{section}\n"
        );
        crate::config::load_str(&yaml, "vanity.yaml").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn create_is_allowed_only_when_asked() {
        let plain = config("  mode: existing\n  domain_name: shop");
        assert_eq!(
            actions(&plain.caller_profiles),
            ["profile:SearchProfiles", "profile:UpdateProfile"]
        );
        let create = config("  mode: new\n  create_missing: true");
        assert_eq!(
            actions(&create.caller_profiles),
            [
                "profile:SearchProfiles",
                "profile:UpdateProfile",
                "profile:CreateProfile"
            ]
        );
        let read_only = config("  mode: existing\n  domain_name: shop\n  write_choice: false");
        assert_eq!(
            actions(&read_only.caller_profiles),
            ["profile:SearchProfiles"]
        );
    }

    #[test]
    fn spoken_profile_data_with_flow_logs_on_is_warned_about() {
        let mut greeted = config(
            "  mode: existing\n  domain_name: shop\n  greet_by_first_name: true\n  say_why: true",
        );
        greeted.flow_logs.enabled = true;
        let warning = flow_log_warning(&greeted).unwrap_or_default();
        for needle in [
            "greet_by_first_name",
            "say_why",
            "connect.flow_logs.enabled",
        ] {
            assert!(warning.contains(needle), "{needle} not in {warning}");
        }
        greeted.flow_logs.enabled = false;
        assert_eq!(flow_log_warning(&greeted), None, "logs off");
        let mut quiet = config("  mode: existing\n  domain_name: shop");
        quiet.flow_logs.enabled = true;
        assert_eq!(
            flow_log_warning(&quiet),
            None,
            "nothing of the profile said"
        );
        let mut off = config("  mode: none\n  greet_by_first_name: true");
        off.flow_logs.enabled = true;
        assert_eq!(flow_log_warning(&off), None, "profiles off");
    }

    #[test]
    fn mode_none_renders_nothing() {
        let none = config("  mode: none");
        assert!(ProfilesView::new(&none).is_none());
        assert!(environment(&none).is_empty());
    }
}
