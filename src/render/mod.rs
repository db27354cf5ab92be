//! `render`, `check` and `init`: from vanity.yaml to the files in terraform/.
//!
//! Everything is rendered in memory first, the flow is linted, and only then is anything
//! written, file by file through a temporary file and a rename, so a failed render leaves the
//! previous output as it was; then the files an earlier render wrote that this config no
//! longer needs are removed (`output`). `--check` compares instead of writing.

mod backend;
pub mod dashboard;
pub mod dimensions;
pub mod hcl;
pub mod monitoring;
mod output;
mod profiles;
mod stack;

pub use output::diff_against_disk;

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context};

use crate::config::{self, Config};
use crate::error::BadInput;
use crate::flow;

/// Every generated file, in a fixed order: (file name, contents). Errors when the flow lint
/// finds a problem, so a broken flow is never written.
pub fn render_files(config: &Config) -> anyhow::Result<Vec<(&'static str, String)>> {
    let stack = stack::Stack::new(config);
    let mut files = stack::terraform_files(&stack).context("rendering the Terraform templates")?;
    let flow_json = flow::render_json(config);
    let problems = flow::lint_json(&flow_json, config);
    if !problems.is_empty() {
        bail!(
            "the generated flow failed its lint, nothing was written:\n  {}",
            problems.join("\n  ")
        );
    }
    let test_cases = crate::live_test::cases::render_all(config, &flow_json)
        .context("rendering the live test cases")?;
    files.push((flow::FILE_NAME, flow_json));
    files.extend(test_cases);
    files.push((
        monitoring::DASHBOARD_FILE,
        dashboard::dashboard_json(&stack.monitoring),
    ));
    Ok(files)
}

/// `connect-vanity render`.
pub fn render(config_path: &Path, out: &Path, check: bool) -> anyhow::Result<ExitCode> {
    let config = config::load_file(config_path)?;
    let files = render_files(&config)?;
    warn_without_alarm_destination(&config);
    let stale = output::stale_files(&files, out);
    if check {
        let diff = diff_against_disk(&files, out)?;
        for path in &stale {
            println!(
                "{} is no longer rendered for this config and would be removed",
                path.display()
            );
        }
        if diff.is_empty() && stale.is_empty() {
            println!(
                "{} is up to date with {}",
                out.display(),
                config_path.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        print!("{diff}");
        eprintln!(
            "{} differs from what {} renders; run `connect-vanity render` to update it",
            out.display(),
            config_path.display()
        );
        return Ok(ExitCode::from(1));
    }
    output::write_files(&files, out)?;
    output::remove_files(&stale)?;
    println!("rendered {} files into {}", files.len(), out.display());
    for path in &stale {
        println!(
            "removed {}: no longer rendered for this config",
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `connect-vanity check`: config validation and the flow lint, without writing.
pub fn check(config_path: &Path) -> anyhow::Result<ExitCode> {
    let config = config::load_file(config_path)?;
    warn_without_alarm_destination(&config);
    let flow_json = flow::render_json(&config);
    let problems = flow::lint_json(&flow_json, &config);
    if problems.is_empty() {
        println!("{}: config and flow are valid", config_path.display());
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &problems {
        println!("{}: flow: {problem}", config_path.display());
    }
    Ok(ExitCode::from(1))
}

/// Tells stderr, on every `render` (with or without `--check`) and `check`, when no alarm
/// reaches anybody ([`monitoring::destination_warning`]) and when profile data the caller
/// hears reaches the flow logs ([`profiles::flow_log_warning`]); the exit code is unchanged.
fn warn_without_alarm_destination(config: &Config) {
    if let Some(warning) = monitoring::destination_warning(config) {
        eprintln!("{warning}");
    }
    if let Some(warning) = profiles::flow_log_warning(config) {
        eprintln!("{warning}");
    }
}

/// `connect-vanity init`: writes the commented default config, never over an existing file.
pub fn init(config_path: &Path) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(config_path);
    let mut file = match file {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(BadInput(format!(
                "{} already exists; init never overwrites a config (delete or rename it first)",
                config_path.display()
            ))
            .into())
        }
        Err(error) => {
            return Err(error).with_context(|| format!("creating {}", config_path.display()))
        }
    };
    file.write_all(config::DEFAULT_YAML.as_bytes())
        .with_context(|| format!("writing {}", config_path.display()))?;
    println!(
        "wrote {}; edit it, then run `connect-vanity render`",
        config_path.display()
    );
    Ok(ExitCode::SUCCESS)
}
