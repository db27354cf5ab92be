//! Loading vanity.yaml: YAML text to a validated [`Config`], with located errors.

use std::path::Path;

use super::Config;

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

pub fn load_file(path: &Path) -> Result<Config, ConfigError> {
    let _ = path;
    todo!()
}

pub fn load_str(text: &str, file_name: &str) -> Result<Config, ConfigError> {
    let _ = (text, file_name);
    todo!()
}
