//! Loading vanity.yaml: YAML text to a validated [`Config`], with located errors.
//!
//! serde_yaml stays behind this one module (it is archived; a maintained fork can replace it
//! here alone). Every error names `FILE:LINE:COL: field.path: what is wrong (got VALUE)`.

use std::fmt;
use std::path::Path;

use super::locate::{value_positions, Position};
use super::raw::RawConfig;
use super::validate::{validate, Problem};
use super::Config;

/// Everything wrong with a config file, one located line per problem.
#[derive(Debug)]
pub struct ConfigError {
    lines: Vec<String>,
}

impl ConfigError {
    fn single(line: String) -> Self {
        ConfigError { lines: vec![line] }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines.join("\n"))
    }
}

impl std::error::Error for ConfigError {}

/// Reads and validates the config at `path`.
pub fn load_file(path: &Path) -> Result<Config, ConfigError> {
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(ConfigError::single(format!(
                "{shown}: no such file; create a commented default with `connect-vanity init --config {shown}`"
            )))
        }
        Err(error) => return Err(ConfigError::single(format!("{shown}: cannot read: {error}"))),
    };
    load_str(&text, &shown)
}

/// Parses and validates config `text`; `file_name` is only used in messages.
pub fn load_str(text: &str, file_name: &str) -> Result<Config, ConfigError> {
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let raw: RawConfig = match serde_path_to_error::deserialize(deserializer) {
        Ok(raw) => raw,
        Err(error) => return Err(ConfigError::single(describe_parse_error(error, file_name))),
    };
    validate(raw).map_err(|problems| locate(problems, text, file_name))
}

/// Formats a syntax or type error: serde_yaml knows the position, serde_path_to_error the field.
fn describe_parse_error(
    error: serde_path_to_error::Error<serde_yaml::Error>,
    file_name: &str,
) -> String {
    let path = error.path().to_string();
    let inner = error.into_inner();
    let position = inner
        .location()
        .map(|l| format!("{}:{}", l.line(), l.column()))
        .unwrap_or_else(|| "1:1".to_string());
    let mut message = inner.to_string();
    // serde_yaml appends " at line L column C", which the prefix already says.
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    // serde_path_to_error reports the root as "."; a path adds nothing there.
    let message = if path == "." {
        message
    } else {
        format!("{path}: {message}")
    };
    format!("{file_name}:{position}: {message}; see the comments in `connect-vanity init`'s default file")
}

/// Adds `FILE:LINE:COL` to each problem and sorts them in file order.
fn locate(problems: Vec<Problem>, text: &str, file_name: &str) -> ConfigError {
    let positions = value_positions(text);
    let position_of = |path: &str| -> Position {
        // A defaulted field has no position of its own: point at its closest written parent.
        let mut candidate = path;
        loop {
            if let Some(position) = positions.get(candidate) {
                return *position;
            }
            match candidate.rfind('.') {
                Some(cut) => candidate = &candidate[..cut],
                None => return Position { line: 1, column: 1 },
            }
        }
    };
    let mut located: Vec<(Position, String)> = problems
        .into_iter()
        .map(|problem| {
            let position = position_of(&problem.path);
            let got = problem
                .got
                .map(|got| format!(" (got {got})"))
                .unwrap_or_default();
            let line = format!(
                "{file_name}:{}:{}: {}: {}{got}",
                position.line, position.column, problem.path, problem.message
            );
            (position, line)
        })
        .collect();
    located.sort_by_key(|(position, _)| (position.line, position.column));
    ConfigError {
        lines: located.into_iter().map(|(_, line)| line).collect(),
    }
}
