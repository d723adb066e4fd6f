//! The `cloudphone` command's modules (compiled into the binary only).

pub mod args;
pub mod catalogue;
pub mod config;
pub mod demo;
pub mod geelark;
pub mod geelark_admin;
pub mod geelark_ops;
pub mod huawei;
pub mod output;
pub mod sim;
pub mod sweep;

use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};

use cloudphone::client::{MAX_ATTEMPTS, MAX_IN_FLIGHT, RetryPolicy};
use cloudphone::page::{DEFAULT_MAX_ITEMS, DEFAULT_MAX_PAGES, PageLimits};

pub const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  partial success: some phones failed or were not answered (see the output);
     when every phone failed, the code of their failure below instead
  2  usage error (bad arguments)
  3  invalid input or configuration (missing credentials, bad id), nothing sent
  4  the provider answered with an error
  5  authentication refused (bad key, signature, token or clock skew)
  6  rate limited, or GeeLark's two-hour lockout (40014)
  7  network failure or timeout (endpoint unreachable)
  8  the answer was not the documented JSON, or a bound was reached
     (--max-pages, --max-items, a clock skew beyond a day)
  9  internal error (e.g. the simulator could not start)
 10  --wait timed out with work still running (the pending phones are named)

Credentials come from flags, the environment, or a profile of the config
file (`cloudphone config set huawei.ak -`; `--profile NAME` or
CLOUDPHONE_PROFILE picks it), in that order:
  Huawei:  HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID,
           HUAWEICLOUD_SDK_REGION, CLOUDPHONE_HUAWEI_ENDPOINT
  GeeLark: CLOUDPHONE_GEELARK_APP_ID + CLOUDPHONE_GEELARK_API_KEY, or
           CLOUDPHONE_GEELARK_TOKEN; CLOUDPHONE_GEELARK_ENDPOINT
Secrets are never printed.

Ids from a file or a pipe: an argument `@path` is replaced by the words of
that file (`#` lines skipped), and `-` by the words read from standard input,
e.g. `cloudphone geelark stop @ids.txt`.

Try it with no account: `cloudphone demo`, or `cloudphone sim` and point the
other commands at the URL it prints.";

/// Manage and connect to cloud phones on Huawei Cloud CPH and GeeLark.
#[derive(Parser, Debug)]
#[command(name = "cloudphone", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// Print machine-readable JSON on stdout instead of tables (the same as
    /// `--output json`).
    #[arg(long, global = true)]
    pub json: bool,
    /// How results are printed: `table` (aligned columns, the default),
    /// `json` (one document), `tsv` (tables as tab-separated lines with a
    /// header line, for cut/awk/sort).
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,
    /// Do not draw progress bars.
    #[arg(long, global = true)]
    pub no_progress: bool,
    /// The profile of the config file to take credentials and endpoints
    /// from (`cloudphone config path`; default: `default`).
    #[arg(long, global = true, env = "CLOUDPHONE_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per process: the size of the largest verb's arguments costs
// nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the main job end to end against an embedded simulator: list the
    /// fleet, sweep the status of every phone on both providers, get access
    /// info for a page of Huawei phones, restart two, start and stop a few
    /// GeeLark phones.
    Demo(demo::DemoArgs),
    /// Run the simulator alone and print its URL and credentials.
    Sim(sim::SimArgs),
    /// Huawei Cloud CPH.
    Huawei(huawei::HuaweiArgs),
    /// GeeLark Open API.
    #[command(name = "geelark")]
    GeeLark(geelark::GeeLarkArgs),
    /// Profiles in the config file: credentials and endpoints by name
    /// (written 0600; secrets never printed).
    Config {
        #[command(subcommand)]
        command: config::ConfigCommand,
    },
    /// Print a shell completion script: `cloudphone completions bash >
    /// ~/.local/share/bash-completion/completions/cloudphone` (zsh: into a
    /// directory of $fpath as `_cloudphone`; fish:
    /// ~/.config/fish/completions/cloudphone.fish).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// `--output`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    // (Plain comments: doc comments here would switch clap to its long
    // help format for every verb.)
    // Aligned columns.
    Table,
    // One JSON document.
    Json,
    // Tab-separated values with a header line.
    Tsv,
}

/// Options every provider command shares.
#[derive(Args, Debug, Clone)]
pub struct NetOpts {
    /// Seconds before a request gives up.
    #[arg(long, global = true, default_value_t = 30, value_name = "SECS")]
    pub timeout: u64,
    /// Retries after a failure that is safe to retry (0 = none, at most 99).
    #[arg(long, global = true, default_value_t = 3, value_name = "N",
          value_parser = clap::value_parser!(u32).range(0..i64::from(MAX_ATTEMPTS)))]
    pub retries: u32,
    /// Calls sent in parallel for batches (1 to 64).
    #[arg(long, global = true, default_value_t = 4, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=MAX_IN_FLIGHT as u64))]
    pub parallel: u64,
    /// Most pages a whole listing (`list --all`, status of the whole fleet)
    /// requests before it stops with a "max_pages reached" error.
    #[arg(long, global = true, default_value_t = DEFAULT_MAX_PAGES, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub max_pages: u32,
    /// Most items a whole listing collects before it stops with a
    /// "max_items reached" error.
    #[arg(long, global = true, default_value_t = DEFAULT_MAX_ITEMS, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_items: u64,
    /// Print each request that would be sent — built and signed, credentials
    /// shown as `***` — and send nothing (exit 0 once at least one was printed).
    #[arg(long, global = true)]
    pub dry_run: bool,
}

impl NetOpts {
    pub fn retry(&self) -> RetryPolicy {
        RetryPolicy::default().max_attempts(self.retries.saturating_add(1))
    }

    /// The in-flight count (validated by clap to 1..=64).
    pub fn parallel(&self) -> usize {
        usize::try_from(self.parallel).unwrap_or(MAX_IN_FLIGHT)
    }

    pub fn page_limits(&self) -> PageLimits {
        PageLimits::default()
            .max_pages(self.max_pages)
            .max_items(self.max_items)
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout.max(1))
    }

    /// The `--dry-run` hook for a client builder: prints each request
    /// redacted, and counts it (see [`output::dry_run_printed`]).
    pub fn dry_run_hook(&self) -> Option<impl Fn(&cloudphone::Request) + Send + Sync + 'static> {
        if self.dry_run {
            output::set_dry_run();
        }
        self.dry_run.then_some(|r: &cloudphone::Request| {
            println!("{}", r.to_redacted_text());
            output::count_dry_run();
        })
    }
}

/// `now + d`, saturated: a deadline a user asked to be absurdly far away
/// (`--wait-timeout 18446744073709551615`) is "never", not a panic.
pub fn deadline_after(d: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(d)
        .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 24 * 3600)))
        .unwrap_or(now)
}

/// Global output settings handed to every command.
#[derive(Clone, Copy, Debug)]
pub struct Out {
    pub json: bool,
    pub progress: bool,
}

impl Out {
    /// Prints a JSON document on stdout.
    pub fn json(&self, v: &serde_json::Value) {
        println!(
            "{}",
            serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into())
        );
    }
}
