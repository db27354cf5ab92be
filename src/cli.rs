//! Command-line interface: the clap definitions and nothing else.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Render one vanity.yaml into a Terraform stack and Amazon Connect flow that tells every
/// caller the words their own phone number spells.
#[derive(Debug, Parser)]
#[command(name = "connect-vanity", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a commented default vanity.yaml (never overwrites an existing file).
    Init {
        #[arg(long, default_value = "vanity.yaml")]
        config: PathBuf,
    },
    /// Render vanity.yaml into a Terraform root module and the contact flow.
    Render {
        #[arg(long, default_value = "vanity.yaml")]
        config: PathBuf,
        #[arg(long, default_value = "terraform")]
        out: PathBuf,
        /// Write nothing; print a unified diff and exit 1 when the output directory differs.
        #[arg(long)]
        check: bool,
    },
    /// Validate vanity.yaml and lint the flow it renders; writes nothing.
    Check {
        #[arg(long, default_value = "vanity.yaml")]
        config: PathBuf,
    },
    /// Print the vanity numbers for phone numbers (read from stdin, one per line, when none given).
    Vanity {
        numbers: Vec<String>,
        /// How many results per number.
        #[arg(long, default_value_t = 5)]
        count: usize,
        /// One JSON object per result and line, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Simulate a phone call through the rendered flow and print what the caller hears.
    Call(CallArgs),
    /// Print the contact flow as a diagram.
    Graph {
        #[arg(long, default_value = "vanity.yaml")]
        config: PathBuf,
        #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
        format: GraphFormat,
    },
    /// Build the Lambda zips, render, terraform init, then plan or apply.
    Deploy {
        #[arg(long, default_value = "vanity.yaml")]
        config: PathBuf,
        #[arg(long, default_value = "terraform")]
        out: PathBuf,
        /// Pass -auto-approve to terraform apply.
        #[arg(long)]
        auto_approve: bool,
        /// Stop after terraform plan.
        #[arg(long)]
        plan: bool,
    },
    /// Tear the stack down with terraform destroy.
    Destroy {
        #[arg(long, default_value = "vanity.yaml")]
        config: PathBuf,
        #[arg(long, default_value = "terraform")]
        out: PathBuf,
        #[arg(long)]
        auto_approve: bool,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct CallArgs {
    /// The caller's phone number, for example +18003569377.
    pub number: String,
    #[arg(long, default_value = "vanity.yaml")]
    pub config: PathBuf,
    /// Keys the caller presses at each menu, in order: a result's number keeps it, 0 hears
    /// more, * repeats; anything else is a wrong key (for example "0*4").
    #[arg(long, default_value = "")]
    pub press: String,
    /// Also speak the caller's side into this WAV file with espeak-ng.
    #[arg(long)]
    pub wav: Option<PathBuf>,
    /// Simulate a withheld caller id (the number is ignored).
    #[arg(long)]
    pub no_caller_id: bool,
    /// Simulate the Lambda failing (the flow's error branch).
    #[arg(long)]
    pub lambda_fails: bool,
    /// Simulate DynamoDB being unreachable (the handler must still answer).
    #[arg(long)]
    pub dynamodb_down: bool,
    /// Simulate a caller who has called before (and never chose a number).
    #[arg(long)]
    pub returning: bool,
    /// Simulate a caller who has called before and chose result RANK then.
    #[arg(long, value_name = "RANK", value_parser = clap::value_parser!(u8).range(1..=9))]
    pub returning_chose: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}
