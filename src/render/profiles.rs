//! profiles.tf: the Customer Profiles domain (vanity.yaml `caller_profiles`, mode new), the
//! call-handler's permissions on the one domain, and the handler's profile environment. With
//! mode none nothing here is rendered, so the stack is what it was without the section.

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
    pub p: &'a ProfilesView,
}

/// The handler's profile variables (`call_handler::profile::settings` reads them), each an
/// HCL expression; none with mode none. Options at their handler default are left out.
pub fn environment(config: &Config) -> Vec<(&'static str, String)> {
    use call_handler::profile::settings::{
        ENV_PROFILE_CREATE_MISSING, ENV_PROFILE_DOMAIN, ENV_PROFILE_GREET, ENV_PROFILE_SAY_WHY,
        ENV_PROFILE_TIMEOUT_MS, ENV_PROFILE_WRITE_CHOICE,
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
        (ENV_PROFILE_GREET, flag(profiles.greet_by_first_name)),
        (ENV_PROFILE_SAY_WHY, flag(profiles.say_why)),
        (ENV_PROFILE_WRITE_CHOICE, flag(profiles.write_choice)),
        (ENV_PROFILE_CREATE_MISSING, flag(profiles.create_missing)),
    ]
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
    fn mode_none_renders_nothing() {
        let none = config("  mode: none");
        assert!(ProfilesView::new(&none).is_none());
        assert!(environment(&none).is_empty());
    }
}
