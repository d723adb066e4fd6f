//! The `cloudphone` command (feature `cli`): the README's main job
//! (`cloudphone demo`), the simulator (`cloudphone sim`), and the same verbs
//! for real accounts (`cloudphone huawei …`, `cloudphone geelark …`).
//!
//! Exit codes are listed in `cloudphone --help` (and `src/cli/mod.rs`):
//! 0 ok, 1 partial, 2 usage, 3 invalid input or configuration, 4 API error,
//! 5 authentication, 6 rate limited, 7 network, 8 undecodable answer,
//! 9 internal.

#[path = "../cli/mod.rs"]
mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::output::{EXIT_OK, EXIT_USAGE};
use cli::{Cli, Command, Out};

fn main() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let out = Out {
        json: args.json,
        progress: !args.no_progress,
    };
    let result = match args.command {
        Command::Demo(a) => cli::demo::run(a, out),
        Command::Sim(a) => cli::sim::run(a, out),
        Command::Huawei(a) => cli::huawei::run(a, out),
        Command::GeeLark(a) => cli::geelark::run(a, out),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            if out.json {
                out.json(&failure.json());
            }
            eprintln!("cloudphone: error: {}", failure.line());
            ExitCode::from(failure.exit_code())
        }
    }
}
