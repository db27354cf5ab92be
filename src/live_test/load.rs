//! What a live run sends, read from disk: the rendered test cases in `OUT/test-cases/`, each
//! read into the typed document, checked, and given the deployed call-handler's ARN. Used by
//! the run and by `--dry-run` alike, so the dry run shows exactly what a run would send.

use std::path::Path;

use super::cases::with_lambda_arn;
use super::document::Document;
use super::expected::{self, Expected};
use super::outputs::StackIds;
use super::{case_name, language, scenarios, CALLER};
use crate::config::Config;
use crate::error::BadInput;

/// One test case to run: the scenario, its name in the instance and its document.
#[derive(Debug, Clone)]
pub struct Case {
    pub scenario: &'static str,
    /// The rendered file it was read from, relative to the output directory.
    pub file: &'static str,
    pub name: String,
    pub description: String,
    /// The Testing-language document with the real call-handler ARN in place.
    pub document: Document,
    pub source_phone_number: String,
    pub expected: Vec<Expected>,
}

impl Case {
    /// The `Content` to send: the document, written with `version`.
    pub fn content(&self, version: &str) -> String {
        let mut document = self.document.clone();
        document.version = version.to_string();
        document.to_json()
    }

    /// How many Lambda overrides the case queues.
    pub fn overrides(&self) -> usize {
        self.document.lambda_overrides().len()
    }
}

/// The rendered test cases of `config`'s scenarios ([`scenarios`]) in `out`, checked and with
/// the call-handler's ARN filled in.
pub fn cases(config: &Config, out: &Path, ids: &StackIds) -> Result<Vec<Case>, BadInput> {
    scenarios(config)
        .into_iter()
        .map(|scenario| {
            let path = out.join(scenario.file);
            let text = std::fs::read_to_string(&path).map_err(|e| {
                BadInput(format!(
                    "{}: {e}; run `connect-vanity render` (or deploy) first",
                    path.display()
                ))
            })?;
            let document = language::read(&text).map_err(|problems| {
                BadInput(format!(
                    "{}: not a valid test case: {}; run `connect-vanity render`",
                    path.display(),
                    problems.join("; ")
                ))
            })?;
            Ok(Case {
                scenario: scenario.name,
                file: scenario.file,
                name: case_name(&config.name, scenario.name),
                description: format!("connect-vanity: the caller {}.", scenario.what),
                expected: expected::in_document(&document),
                document: with_lambda_arn(document, &ids.function_arn),
                source_phone_number: CALLER.to_string(),
            })
        })
        .collect()
}
