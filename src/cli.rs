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

/// `--config`: the one file that describes the line. Every command that reads it takes this.
#[derive(Debug, Clone, clap::Args)]
pub struct ConfigArg {
    /// The config file (`connect-vanity init` writes a commented one).
    #[arg(long, default_value = "vanity.yaml")]
    pub config: PathBuf,
}

/// `--config` and `--out`: a config and the folder its Terraform module is rendered into. A
/// second line from the same checkout (a test line beside production) is a second pair.
#[derive(Debug, Clone, clap::Args)]
pub struct StackArgs {
    #[command(flatten)]
    pub config: ConfigArg,
    /// The folder the Terraform root module is rendered into.
    #[arg(long, default_value = "terraform")]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a commented default vanity.yaml (never overwrites an existing file).
    Init(ConfigArg),
    /// Render vanity.yaml into a Terraform root module and the contact flow.
    Render {
        #[command(flatten)]
        stack: StackArgs,
        /// Write nothing; print a unified diff and exit 1 when the output directory differs.
        #[arg(long)]
        check: bool,
    },
    /// Validate vanity.yaml and lint the flow it renders; writes nothing.
    Check(ConfigArg),
    /// Print the vanity numbers for phone numbers (read from stdin, one per line, when none given).
    Vanity {
        numbers: Vec<String>,
        /// How many results per number.
        #[arg(long, default_value_t = 5)]
        count: usize,
        /// One JSON object per result and line, for scripts.
        #[arg(long)]
        json: bool,
        /// Offer words of this never-offer category too, as `results.allow_categories` does
        /// (repeatable): violence, death, drugs, sexual, hate, identity, negative.
        #[arg(long, value_name = "CATEGORY")]
        allow: Vec<vanity_engine::Category>,
    },
    /// Simulate a phone call through the rendered flow and print what the caller hears.
    Call(CallArgs),
    /// Print the contact flow as a diagram.
    Graph {
        #[command(flatten)]
        config: ConfigArg,
        #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
        format: GraphFormat,
    },
    /// List the most recent calls to the deployed line, newest first (numbers masked; needs
    /// the `aws` build: `cargo run --features aws -- calls`).
    Calls(CallsArgs),
    /// Run the call scenarios as Amazon Connect test cases on the deployed line, one line per
    /// scenario, exit 1 on any failure (needs the `aws` build:
    /// `cargo run --features aws -- test-line`; `--dry-run` prints the requests in any build).
    TestLine(TestLineArgs),
    /// Build the Lambda zips, render, terraform init and plan; show the plan, ask, then apply
    /// exactly that saved plan. Prints the number to call.
    Deploy(DeployArgs),
    /// Tear the stack down: build and render (Terraform needs the zips to plan), terraform
    /// init, plan -destroy, ask, then apply that saved plan.
    Destroy {
        #[command(flatten)]
        stack: StackArgs,
        /// Apply the destroy plan without asking (it is still printed first).
        #[arg(long)]
        auto_approve: bool,
    },
}

/// `connect-vanity deploy`.
#[derive(Debug, Clone, clap::Args)]
pub struct DeployArgs {
    #[command(flatten)]
    pub stack: StackArgs,
    /// Apply the saved plan without asking (it is still printed first).
    #[arg(long)]
    pub auto_approve: bool,
    /// Stop after terraform plan; the plan is saved for `terraform apply`.
    #[arg(long)]
    pub plan: bool,
    /// After a successful apply, run the live scenarios as `test-line` does (aws build).
    #[arg(long, conflicts_with = "plan")]
    pub test_line: bool,
}

/// `connect-vanity test-line`: the ids come from `terraform -chdir=OUT output -json`, the test
/// cases from `OUT/test-cases/`.
#[derive(Debug, Clone, clap::Args)]
pub struct TestLineArgs {
    #[command(flatten)]
    pub stack: StackArgs,
    /// Give up on executions still running after this many seconds (they are stopped).
    #[arg(long, default_value_t = 660, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// Print the requests a run would send (create or update, publish, start) and send
    /// nothing; needs no AWS credentials, and runs in the default build too.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct CallArgs {
    /// The caller's phone number, for example +18003569377.
    pub number: String,
    #[command(flatten)]
    pub config: ConfigArg,
    /// Keys the caller presses at each menu, in order: a result's number keeps it, # hears
    /// more (or, with nothing more left, asks for another number), * repeats; anything else is
    /// a wrong key (for example "#*4"). When asked for another number, digits up to # are that
    /// number (for example "##2065558779#", or "2065558779#" with --no-caller-id).
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
    /// What a returning caller is told, instead of the config's returning_callers.recall:
    /// none, welcome or last_call.
    #[arg(long, value_name = "RECALL", value_parser = parse_recall)]
    pub recall: Option<vanity_engine::contract::Recall>,
    /// The caller's Customer Profiles profile, a YAML or JSON file with FirstName, LastName,
    /// BusinessName and Attributes (the config's caller_profiles must be on).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Simulate the Customer Profiles search failing (throttled) at STEP: lookup (the caller
    /// hears today's order), choice (the result they press is not kept) or both. Needs
    /// --profile.
    #[arg(long, value_name = "STEP", value_enum)]
    pub profile_search_fails: Option<ProfileSearchStep>,
}

/// Which of the call's Customer Profiles searches `call --profile-search-fails` fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileSearchStep {
    /// The search before the results are chosen (every lookup of the caller's number).
    Lookup,
    /// The search again when the caller presses a result's key.
    Choice,
    /// Both.
    Both,
}

fn parse_recall(name: &str) -> Result<vanity_engine::contract::Recall, String> {
    vanity_engine::contract::Recall::parse(name)
        .ok_or_else(|| format!("{name:?} is not a recall: use none, welcome or last_call"))
}

/// `connect-vanity calls`: reads the table the config names, in the config's region, with the
/// AWS credentials Terraform would use.
#[derive(Debug, Clone, clap::Args)]
pub struct CallsArgs {
    #[command(flatten)]
    pub config: ConfigArg,
    /// How many calls to show, newest first (1 to 1000).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub last: u16,
    /// One JSON object per call and line, for scripts.
    #[arg(long)]
    pub json: bool,
    /// Show callers' whole numbers (by default only their last four digits).
    #[arg(long)]
    pub full: bool,
    /// On failure, also print what AWS and the SDK said in full (RUST_LOG does the same).
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}
