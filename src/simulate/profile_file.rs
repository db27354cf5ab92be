//! `connect-vanity call --profile FILE`: the caller's Customer Profiles profile for a
//! simulated call, read from a small YAML or JSON file with the fields the line reads, named as
//! Customer Profiles names them:
//!
//! ```yaml
//! FirstName: Ana
//! LastName: Reyes
//! BusinessName: Emerald City Swing
//! Attributes:
//!   industry: dance school
//! ```
//!
//! The simulator hands it to the handler as a [`KnownProfile`], the same [`ProfileSource`]
//! path the Lambda takes with the SDK: only where the profile comes from differs.
//!
//! [`KnownProfile`]: call_handler::profile::KnownProfile
//! [`ProfileSource`]: call_handler::profile::ProfileSource

use std::collections::BTreeMap;
use std::path::Path;

use call_handler::profile::Profile;
use serde::Deserialize;

use crate::error::BadInput;

/// The file as written; unknown fields are errors, as in vanity.yaml.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct ProfileFile {
    first_name: Option<String>,
    last_name: Option<String>,
    business_name: Option<String>,
    #[serde(default)]
    attributes: BTreeMap<String, String>,
}

/// Reads the profile in `path`; a located [`BadInput`] (exit 2) when it cannot.
pub fn load(path: &Path) -> anyhow::Result<Profile> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        BadInput(format!(
            "{}: cannot read the profile file: {error}",
            path.display()
        ))
    })?;
    parse(&text, &path.display().to_string()).map_err(|message| BadInput(message).into())
}

/// The profile in `text` (YAML, of which JSON is a subset); errors name `file:line:column`.
pub fn parse(text: &str, file: &str) -> Result<Profile, String> {
    let parsed: ProfileFile = serde_yaml::from_str(text).map_err(|error| {
        let at = error
            .location()
            .map(|l| format!("{file}:{}:{}", l.line(), l.column()))
            .unwrap_or_else(|| file.to_string());
        format!(
            "{at}: not a caller profile: {error}. Write FirstName, LastName, BusinessName \
             (text) and Attributes (a map of text to text), each optional"
        )
    })?;
    Ok(Profile {
        profile_id: "simulated".to_string(),
        first_name: parsed.first_name,
        last_name: parsed.last_name,
        business_name: parsed.business_name,
        attributes: parsed.attributes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_json_read_alike() {
        let yaml = parse(
            "FirstName: Ana\nBusinessName: Emerald City Swing\nAttributes:\n  industry: dance\n",
            "p.yaml",
        );
        let json = parse(
            r#"{"FirstName": "Ana", "BusinessName": "Emerald City Swing", "Attributes": {"industry": "dance"}}"#,
            "p.json",
        );
        assert_eq!(yaml, json);
        let profile = yaml.expect("valid");
        assert_eq!(profile.business_name.as_deref(), Some("Emerald City Swing"));
        assert_eq!(profile.attributes["industry"], "dance");
    }

    #[test]
    fn a_bad_file_is_located() {
        let error = parse("FirstName: Ana\nNickname: A\n", "p.yaml").expect_err("unknown field");
        assert!(error.starts_with("p.yaml:2:"), "{error}");
        assert!(error.contains("Nickname"), "{error}");
        let error = parse("Attributes: [1, 2]\n", "p.yaml").expect_err("not a map");
        assert!(error.starts_with("p.yaml:1:"), "{error}");
    }
}
