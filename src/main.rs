use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = connect_vanity::cli::Cli::parse();
    match connect_vanity::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(connect_vanity::error::exit_code_for(&error))
        }
    }
}
