//! The `cloudphone` command (feature `cli`): the README's main job
//! (`cloudphone demo`), the simulator (`cloudphone sim`), and the same verbs
//! for real accounts (`cloudphone huawei …`, `cloudphone geelark …`).
//!
//! Exit codes are listed in `cloudphone --help` (and `src/cli/mod.rs`):
//! 0 ok, 1 partial, 2 usage, 3 invalid input or configuration, 4 API error,
//! 5 authentication, 6 rate limited, 7 network, 8 undecodable answer,
//! 9 internal, 10 `--wait` timed out with work pending. Output to a closed
//! pipe (`… | head -1`) ends the command quietly with status 141, as a
//! process killed by SIGPIPE.

#[path = "../cli/mod.rs"]
mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::output::{EXIT_OK, EXIT_USAGE};
use cli::{Cli, Command, Out, OutputFormat};

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    let argv = match cli::args::expand(std::env::args_os(), std::io::stdin().lock()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("cloudphone: error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let args = match Cli::try_parse_from(argv) {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let format = match (args.json, args.output) {
        (true, Some(f)) if f != OutputFormat::Json => {
            eprintln!("cloudphone: error: --json and --output {f:?} disagree; give one");
            return ExitCode::from(EXIT_USAGE);
        }
        (true, _) => OutputFormat::Json,
        (false, f) => f.unwrap_or(OutputFormat::Table),
    };
    cli::output::set_tsv(format == OutputFormat::Tsv);
    let out = Out {
        json: format == OutputFormat::Json,
        progress: !args.no_progress,
    };
    let profile = args.profile.clone();
    let activated = match &args.command {
        Command::Config { .. } | Command::Completions { .. } => Ok(()),
        _ => cli::config::activate(profile.as_deref()),
    };
    let result = activated.and_then(|()| match args.command {
        Command::Demo(a) => cli::demo::run(a, out),
        Command::Sim(a) => cli::sim::run(a, out),
        Command::Huawei(a) => cli::huawei::run(a, out),
        Command::GeeLark(a) => cli::geelark::run(a, out),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "cloudphone", &mut std::io::stdout());
            Ok(EXIT_OK)
        }
        Command::Config { command } => cli::config::run(command, profile.as_deref(), out),
    });
    let printed = cli::output::dry_run_printed();
    if printed > 0 {
        eprintln!(
            "cloudphone: dry run: {printed} request(s) built, signed and printed; nothing was sent"
        );
        return ExitCode::from(EXIT_OK);
    }
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            if out.json {
                out.json(&failure.json());
            }
            let prefix = cli::output::red("cloudphone: error:", cli::output::stderr_color());
            eprintln!("{prefix} {}", failure.line());
            ExitCode::from(failure.exit_code())
        }
    }
}

/// `println!` panics when stdout is a closed pipe; Rust ignores SIGPIPE, so
/// without this `cloudphone huawei list --all | head -1` ended with a panic
/// message and status 101. A write to a closed pipe now ends the process
/// quietly with 141 (128 + SIGPIPE), what a shell shows for a C tool.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if text.contains("Broken pipe") || text.contains("os error 32") {
            std::process::exit(141);
        }
        default(info);
    }));
}
