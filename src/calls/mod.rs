//! `connect-vanity calls`: who called the deployed line and what they heard, newest first.
//!
//! Reads the table the config names, in the config's region, with the caller's own AWS
//! credentials ([`fetch`]), turns each item into a [`record::Call`] and prints a table or JSON
//! lines ([`print`]). Unless `--full` is given, nothing printed shows more than the last four
//! digits of a caller's number: not the number, and not the results that spell it.
//! Exit codes: 0 listed (possibly nothing yet), 1 AWS could not be read (the message says why:
//! credentials, table, index, network), 2 bad config or arguments.

mod fetch;
mod print;
pub mod record;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::CallsArgs;
use crate::config;
use print::Numbers;
use record::Call;

pub use fetch::FetchError;

/// Runs the subcommand, printing to stdout.
pub fn run(args: &CallsArgs) -> anyhow::Result<ExitCode> {
    let config = config::load_file(&args.config.config)?;
    let source = fetch::Source {
        table: config.table.name.clone(),
        region: config.region.clone(),
        config: args.config.config.display().to_string(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let items = runtime
        .block_on(fetch::recent_calls(&source, usize::from(args.last)))
        .inspect_err(|error| {
            if args.verbose || std::env::var_os("RUST_LOG").is_some() {
                eprintln!("detail: {}", error.detail());
            }
        })?;
    let calls: Vec<Call> = items.iter().map(Call::from_item).collect();

    let numbers = if args.full {
        Numbers::Full
    } else {
        Numbers::Masked
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let written = if args.json {
        print::json_lines(&calls, numbers, &mut out)
    } else if calls.is_empty() {
        writeln!(
            out,
            "no calls in table {:?} yet (calls answered before the table had its recent-calls index are not listed)",
            source.table
        )
    } else {
        print::table(&calls, numbers, &mut out)
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // `calls | head`: the reader has what it wanted.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(error) => Err(error).context("writing the calls"),
    }
}
