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
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(ConfigError::single(format!(
                "{shown}: no such file; create a commented default with `connect-vanity init --config {shown}`"
            )))
        }
        Err(error) => return Err(ConfigError::single(format!("{shown}: cannot read: {error}"))),
    };
    match String::from_utf8(bytes) {
        Ok(text) => load_str(&text, &shown),
        Err(error) => Err(ConfigError::single(not_utf8(
            &shown,
            error.as_bytes(),
            error.utf8_error(),
        ))),
    }
}

/// Where a file stops being UTF-8, as `FILE:LINE:COL`, and what to do about it.
fn not_utf8(shown: &str, bytes: &[u8], error: std::str::Utf8Error) -> String {
    let valid = &bytes[..error.valid_up_to()];
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    // The prefix is valid UTF-8 by definition; count characters, not bytes, for the column.
    let column = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    let byte = bytes.get(error.valid_up_to()).copied().unwrap_or_default();
    format!(
        "{shown}:{line}:{column}: the file is not UTF-8 text (byte 0x{byte:02X}); save it as UTF-8"
    )
}

/// Parses and validates config `text`; `file_name` is only used in messages.
pub fn load_str(text: &str, file_name: &str) -> Result<Config, ConfigError> {
    if let Some((line, column)) = too_deep(text) {
        return Err(ConfigError::single(format!(
            "{file_name}:{line}:{column}: brackets nested more than {MAX_FLOW_DEPTH} levels deep; \
             a vanity.yaml needs a handful (see the comments in `connect-vanity init`'s default file)"
        )));
    }
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let raw: RawConfig = match serde_path_to_error::deserialize(deserializer) {
        Ok(raw) => raw,
        Err(error) => return Err(ConfigError::single(describe_parse_error(error, file_name))),
    };
    validate(raw).map_err(|problems| locate(problems, text, file_name))
}

/// Deepest `[`/`{` nesting accepted. The YAML parser would reject far less deep nesting anyway
/// (serde_yaml stops at 128 levels), but only after scanning the whole file in time that grows
/// with the square of the depth: 100,000 levels took 50 s. Counting first answers in
/// microseconds.
const MAX_FLOW_DEPTH: usize = 64;

/// The line and column of the first flow bracket nested deeper than [`MAX_FLOW_DEPTH`], skipping
/// quoted strings and comments. Brackets in block scalars (`|`, `>`) are counted too; a text
/// would need more than 64 unclosed ones to be refused.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let mut quote: Option<char> = None;
    let (mut comment, mut escaped, mut after_space) = (false, false, true);
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            (line, column, comment, after_space) = (line + 1, 0, false, true);
            continue;
        }
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if comment => {}
            None => match c {
                '#' if after_space => comment = true,
                '"' | '\'' => quote = Some(c),
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some((line, column));
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        after_space = c.is_whitespace();
    }
    None
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
    one_line(&format!(
        "{file_name}:{position}: {message}; see the comments in `connect-vanity init`'s default file"
    ))
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
                .map(|got| format!(" (got {})", shorten(&got)))
                .unwrap_or_default();
            let line = one_line(&format!(
                "{file_name}:{}:{}: {}: {}{got}",
                position.line, position.column, problem.path, problem.message
            ));
            (position, line)
        })
        .collect();
    located.sort_by_key(|(position, _)| (position.line, position.column));
    ConfigError {
        lines: located.into_iter().map(|(_, line)| line).collect(),
    }
}

/// Longest quoted value kept in an error: enough to recognise it, never a flood (a hostile
/// megabyte in a field would otherwise be printed back whole).
const MAX_GOT: usize = 120;

fn shorten(got: &str) -> String {
    match got.char_indices().nth(MAX_GOT) {
        Some((cut, _)) => format!("{}…", &got[..cut]),
        None => got.to_string(),
    }
}

/// `text` on one line: control characters (a key or value may hold a newline) are written as
/// escapes, so one problem is one line and hostile text cannot forge a located line.
pub(crate) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
