//! What `deploy` asks AWS itself, around Terraform: before the plan, whether a number matching
//! the claim is available to an existing instance ([`crate::live_test::number_check`]); after
//! a successful apply, with `--test-line`, the live scenarios ([`crate::live_test::command`]).
//! Both need the `aws` build; the default build says the number was not checked and refuses
//! `--test-line` before building anything.

use std::io::Write;
use std::process::{Command, ExitCode};

use super::steps::capture;
use super::{Options, Programs};

/// The checks the pipeline runs; the defaults do nothing.
pub trait Checks {
    /// After `terraform init`, before the plan (a deploy, not a destroy).
    fn before_plan(
        &mut self,
        _options: &Options<'_>,
        _programs: &Programs,
        _progress: &mut dyn Write,
    ) -> anyhow::Result<()> {
        Ok(())
    }

    /// After a successful apply (or a plan with nothing to change); its code is deploy's.
    fn after_apply(
        &mut self,
        _options: &Options<'_>,
        _progress: &mut dyn Write,
    ) -> anyhow::Result<ExitCode> {
        Ok(ExitCode::SUCCESS)
    }
}

/// Terraform only.
pub struct NoChecks;

impl Checks for NoChecks {}

/// The number search and, with `--test-line`, the live scenarios.
pub struct LiveChecks;

impl Checks for LiveChecks {
    fn before_plan(
        &mut self,
        options: &Options<'_>,
        programs: &Programs,
        progress: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let config = crate::config::load_file(options.config)?;
        let Some(claim) = crate::live_test::number_check::claim_to_check(&config) else {
            return Ok(());
        };
        if number_in_state(options, programs) {
            return Ok(());
        }
        search(&config.region, &claim, progress)
    }

    fn after_apply(
        &mut self,
        options: &Options<'_>,
        progress: &mut dyn Write,
    ) -> anyhow::Result<ExitCode> {
        if !options.test_line {
            return Ok(ExitCode::SUCCESS);
        }
        test_line(options, progress)
    }
}

/// Whether the stack already holds a claimed number (`phone_number` output set): then nothing
/// is claimed and there is nothing to search for.
pub fn number_in_state(options: &Options<'_>, programs: &Programs) -> bool {
    let mut command = Command::new(&programs.terraform);
    command
        .arg(format!("-chdir={}", options.out.display()))
        .args(["output", "-raw", "phone_number"]);
    matches!(capture(command), Ok(done) if done.status.success() && done.output.trim().starts_with('+'))
}

#[cfg(feature = "aws")]
fn search(
    region: &str,
    claim: &crate::live_test::number_check::Claim<'_>,
    progress: &mut dyn Write,
) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let result = runtime.block_on(async {
        let client =
            aws_sdk_connect::Client::new(&aws_setup::loader_for_stack(region).load().await);
        crate::live_test::number_check::check(&client, claim).await
    });
    match result {
        Ok(()) => {
            writeln!(
                progress,
                "A {} {} number is available to instance {}.",
                claim.country,
                claim.kind.as_aws(),
                claim.instance_id
            )?;
            Ok(())
        }
        Err(why) => Err(crate::error::BadInput(why).into()),
    }
}

#[cfg(not(feature = "aws"))]
fn search(
    _region: &str,
    claim: &crate::live_test::number_check::Claim<'_>,
    progress: &mut dyn Write,
) -> anyhow::Result<()> {
    writeln!(
        progress,
        "Not checked whether a {} {} number is available to instance {} (the search needs `--features aws`); the apply fails with \"empty result\" if none is.",
        claim.country,
        claim.kind.as_aws(),
        claim.instance_id
    )?;
    Ok(())
}

#[cfg(feature = "aws")]
fn test_line(options: &Options<'_>, progress: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let config = crate::config::load_file(options.config)?;
    crate::live_test::command::test_deployed_line(
        &config,
        options.out,
        crate::live_test::run::Poll::default(),
        progress,
    )
}

#[cfg(not(feature = "aws"))]
fn test_line(_options: &Options<'_>, _progress: &mut dyn Write) -> anyhow::Result<ExitCode> {
    Err(crate::error::needs_aws_build("deploy --test-line"))
}
