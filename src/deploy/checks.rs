//! What `deploy` asks AWS itself, around Terraform: before the plan, whether a number matching
//! the claim is available to an existing instance ([`super::number_check`]: a claim nothing
//! matches exits 2, a refused or failed search 1); after a successful apply, with
//! `--test-line`, the live scenarios ([`crate::live_test::command`]).
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
        let Some(claim) = super::number_check::claim_to_check(&config) else {
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
    claim: &super::number_check::Claim<'_>,
    progress: &mut dyn Write,
) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let client =
            aws_sdk_connect::Client::new(&aws_setup::loader_for_stack(region).load().await);
        search_with(&client, claim, progress).await
    })
}

/// The search with `client`, reported on `progress`; a claim nothing matches is bad input
/// (exit 2), any other failure AWS's (exit 1).
#[cfg(feature = "aws")]
async fn search_with(
    client: &aws_sdk_connect::Client,
    claim: &super::number_check::Claim<'_>,
    progress: &mut dyn Write,
) -> anyhow::Result<()> {
    match super::number_check::check(client, claim).await {
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
        Err(why) if why.is_bad_input() => Err(crate::error::BadInput(why.to_string()).into()),
        Err(why) => Err(why.into()),
    }
}

#[cfg(not(feature = "aws"))]
fn search(
    _region: &str,
    claim: &super::number_check::Claim<'_>,
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

#[cfg(all(test, feature = "aws"))]
mod tests {
    use aws_sdk_connect::operation::search_available_phone_numbers::SearchAvailablePhoneNumbersOutput;
    use aws_sdk_connect::Client;
    use aws_smithy_mocks::{mock, mock_client, RuleMode};

    use super::*;
    use crate::config::NumberType;
    use crate::deploy::number_check::Claim;
    use crate::error::exit_code_for;

    const CLAIM: Claim<'static> = Claim {
        instance_id: "a1b2c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
        country: "US",
        kind: NumberType::TollFree,
        prefix: Some("+1800"),
    };

    #[tokio::test]
    async fn deploy_exits_1_for_a_refused_search_and_2_for_a_claim_nothing_matches() {
        let denied = mock!(Client::search_available_phone_numbers)
            .sequence()
            .http_status(
                403,
                Some(
                    serde_json::json!({
                        "__type": "AccessDeniedException",
                        "Message": "not authorized to perform: connect:SearchAvailablePhoneNumbers"
                    })
                    .to_string(),
                ),
            )
            .build();
        let empty = mock!(Client::search_available_phone_numbers)
            .then_output(|| SearchAvailablePhoneNumbersOutput::builder().build());
        for (rule, code, fragment) in [
            (
                denied,
                1,
                "may not call connect:SearchAvailablePhoneNumbers",
            ),
            (empty, 2, "remove `phone_number.claim.prefix`"),
        ] {
            let client = mock_client!(aws_sdk_connect, RuleMode::Sequential, [&rule]);
            let error = search_with(&client, &CLAIM, &mut Vec::new())
                .await
                .expect_err("the search fails");
            let line = format!("{error:#}");
            assert_eq!(exit_code_for(&error), code, "{line}");
            assert!(line.contains(fragment) && !line.contains('\n'), "{line}");
        }
    }
}
