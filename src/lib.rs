//! connect-vanity: one `vanity.yaml` in, a Terraform root module and an Amazon Connect flow out.
//!
//! Each subcommand lives in its own module; [`run`] only dispatches.

#[cfg(feature = "aws")]
pub mod calls;
pub mod cli;
pub mod config;
pub mod connect;
pub mod deploy;
pub mod error;
pub mod flow;
pub mod graph;
pub mod jsonpath;
pub mod live_test;
pub mod render;
pub mod simulate;
pub mod vanity;

use std::process::ExitCode;

use cli::{Cli, Command, ConfigArg};

/// Runs one subcommand and returns the exit code for a result that is not an error.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Init(ConfigArg { config }) => render::init(&config),
        Command::Render { stack, check } => render::render(&stack.config.config, &stack.out, check),
        Command::Check(ConfigArg { config }) => render::check(&config),
        Command::Vanity {
            numbers,
            count,
            json,
            allow,
        } => {
            let options = vanity_engine::Options {
                allowed: vanity_engine::Allowed::of(allow),
                ..vanity_engine::Options::default()
            };
            vanity::run(
                &numbers,
                &vanity::Listing {
                    count,
                    json,
                    options,
                },
            )
        }
        Command::Call(args) => simulate::run(&args),
        Command::Graph { config, format } => graph::run(&config.config, format),
        #[cfg(feature = "aws")]
        Command::Calls(args) => calls::run(&args),
        #[cfg(not(feature = "aws"))]
        Command::Calls(_) => Err(error::needs_aws_build("calls")),
        // The dry run sends nothing, so it needs no AWS SDK and runs in either build.
        Command::TestLine(args) if args.dry_run => live_test::dry_run::run(&args),
        #[cfg(feature = "aws")]
        Command::TestLine(args) => live_test::command::run(&args),
        #[cfg(not(feature = "aws"))]
        Command::TestLine(_) => Err(error::needs_aws_build("test-line")),
        Command::Deploy(args) => deploy::deploy(&args),
        Command::Destroy {
            stack,
            auto_approve,
        } => deploy::destroy(&stack, auto_approve),
    }
}
