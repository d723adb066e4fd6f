//! Output helpers: aligned tables, a progress bar on stderr, the exit-code
//! mapping and the one-line error report.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use cloudphone::{BatchOutcome, Error, ErrorKind};

/// Exit codes (also listed in `cloudphone --help`).
pub const EXIT_OK: u8 = 0;
pub const EXIT_PARTIAL: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
pub const EXIT_CONFIG: u8 = 3;
pub const EXIT_API: u8 = 4;
pub const EXIT_AUTH: u8 = 5;
pub const EXIT_RATE_LIMITED: u8 = 6;
pub const EXIT_NETWORK: u8 = 7;
pub const EXIT_DECODE: u8 = 8;
pub const EXIT_INTERNAL: u8 = 9;
/// `--wait` ended at its timeout with work still running.
pub const EXIT_PENDING: u8 = 10;

/// A failed command: what was being done, and why.
pub struct Failure {
    pub context: String,
    pub error: FailureKind,
}

pub enum FailureKind {
    Api(Error),
    Other {
        code: u8,
        kind: &'static str,
        message: String,
    },
}

impl Failure {
    pub fn new(context: impl Into<String>, error: Error) -> Self {
        Failure {
            context: context.into(),
            error: FailureKind::Api(error),
        }
    }

    pub fn other(context: impl Into<String>, code: u8, message: impl Into<String>) -> Self {
        Failure {
            context: context.into(),
            error: FailureKind::Other {
                code,
                kind: "cli",
                message: message.into(),
            },
        }
    }

    /// When every call of a batch failed as a whole with the same kind of
    /// error (an unreachable endpoint, refused credentials), that error is
    /// the command's failure rather than a per-phone detail.
    pub fn whole_batch<T>(context: impl Into<String>, o: &BatchOutcome<T>) -> Option<Failure> {
        let first = o.failed.first()?;
        let whole = o.succeeded.is_empty()
            && o.missing.is_empty()
            && o.failed.iter().all(|f| f.kind == first.kind)
            && first.kind != ErrorKind::Api;
        whole.then(|| Failure {
            context: context.into(),
            error: FailureKind::Other {
                code: exit_code(first.kind),
                kind: first.kind.as_str(),
                message: first.message.clone(),
            },
        })
    }

    pub fn exit_code(&self) -> u8 {
        match &self.error {
            FailureKind::Api(e) => exit_code(e.kind()),
            FailureKind::Other { code, .. } => *code,
        }
    }

    /// The one line: what failed, then the error (provider, code, HTTP
    /// status, message, request id). Errors never carry credentials.
    pub fn line(&self) -> String {
        match &self.error {
            FailureKind::Api(e) => format!("{}: {e}", self.context),
            FailureKind::Other { message, .. } => format!("{}: {message}", self.context),
        }
    }

    pub fn json(&self) -> serde_json::Value {
        match &self.error {
            FailureKind::Api(e) => {
                let api = e.api();
                serde_json::json!({"error": {
                    "context": self.context,
                    "kind": e.kind().as_str(),
                    "message": e.to_string(),
                    "provider": api.map(|a| a.provider.as_str()),
                    "code": api.map(|a| a.code.clone()),
                    "http_status": e.http_status(),
                    "request_id": api.and_then(|a| a.request_id.clone()),
                    "exit_code": self.exit_code(),
                }})
            }
            FailureKind::Other { message, kind, .. } => serde_json::json!({"error": {
                "context": self.context,
                "kind": kind,
                "message": message,
                "exit_code": self.exit_code(),
            }}),
        }
    }
}

pub fn exit_code(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::InvalidInput | ErrorKind::Unsupported => EXIT_CONFIG,
        ErrorKind::Api => EXIT_API,
        ErrorKind::Auth => EXIT_AUTH,
        ErrorKind::RateLimited | ErrorKind::Lockout => EXIT_RATE_LIMITED,
        ErrorKind::Transport | ErrorKind::Timeout => EXIT_NETWORK,
        ErrorKind::Decode | ErrorKind::BodyTooLarge | ErrorKind::LimitExceeded => EXIT_DECODE,
        _ => EXIT_INTERNAL,
    }
}

/// The exit code of a batch: 0 when every id succeeded; when every id
/// failed (none succeeded, none went unanswered) the code of the failures'
/// kind — the most common one when they differ, the first seen on a tie —
/// since nothing happened, which is not a "partial success"; else 1.
pub fn batch_exit<T>(o: &BatchOutcome<T>) -> u8 {
    if o.is_complete_success() {
        return EXIT_OK;
    }
    if !o.succeeded.is_empty() || !o.missing.is_empty() {
        return EXIT_PARTIAL;
    }
    // Few kinds exist: a small list keeps this linear in the failures.
    let mut counts: Vec<(ErrorKind, usize)> = Vec::new();
    for f in &o.failed {
        match counts.iter_mut().find(|(k, _)| *k == f.kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.kind, 1)),
        }
    }
    let mut best: Option<(ErrorKind, usize)> = None;
    for (k, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((k, n));
        }
    }
    best.map_or(EXIT_PARTIAL, |(k, _)| exit_code(k))
}

/// Extension to attach a context to a library result.
pub trait Context<T> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T, Failure>;
}

impl<T> Context<T> for Result<T, Error> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T, Failure> {
        self.map_err(|e| Failure::new(what(), e))
    }
}

/// Whether tables print as TSV (`--output tsv`), set once by `main`.
static TSV: AtomicBool = AtomicBool::new(false);

/// Tables print as TSV from now on (`--output tsv`).
pub fn set_tsv(on: bool) {
    TSV.store(on, Ordering::Relaxed);
}

/// Whether stderr may be coloured: a terminal, and `NO_COLOR` unset or
/// empty (<https://no-color.org>). Pipes, files and CI logs get plain text.
pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `text` in red (SGR 31) when `on`.
pub fn red(text: &str, on: bool) -> String {
    if on {
        format!("\x1b[31m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// Whether `--dry-run` is on (nothing will be sent: no confirmation needed).
static DRY_RUN_MODE: AtomicBool = AtomicBool::new(false);

/// `--dry-run` is on.
pub fn set_dry_run() {
    DRY_RUN_MODE.store(true, Ordering::Relaxed);
}

/// Asks before a destructive verb: proceeds with `--yes` (`yes`) or under
/// `--dry-run`; else asks `question` on the terminal (`[y/N]`, only `y` or
/// `yes` proceeds). Without a terminal to ask on (a pipe, a script, ids
/// read from stdin) it refuses, naming `--yes`. A refusal sends nothing and
/// exits 2.
pub fn confirm(question: &str, yes: bool) -> Result<(), Failure> {
    if yes || DRY_RUN_MODE.load(Ordering::Relaxed) {
        return Ok(());
    }
    let refuse = |why: &str| {
        Err(Failure::other(
            "confirming",
            EXIT_USAGE,
            format!("{question} {why}; nothing was sent"),
        ))
    };
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return refuse("needs --yes when there is no terminal to ask on");
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let read = std::io::Read::take(std::io::stdin().lock(), 1024).read_line(&mut answer);
    match (read, answer.trim().to_ascii_lowercase().as_str()) {
        (Ok(_), "y" | "yes") => Ok(()),
        _ => refuse("was not confirmed"),
    }
}

/// Requests printed by `--dry-run` so far.
static DRY_RUN_PRINTED: AtomicUsize = AtomicUsize::new(0);

/// One more request printed by `--dry-run`.
pub fn count_dry_run() {
    DRY_RUN_PRINTED.fetch_add(1, Ordering::Relaxed);
}

/// How many requests `--dry-run` printed.
pub fn dry_run_printed() -> usize {
    DRY_RUN_PRINTED.load(Ordering::Relaxed)
}

/// A plain aligned table.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Self {
        Table {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let cols = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate().take(cols) {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let mut s = String::from("  ");
            for (i, w) in widths.iter().enumerate() {
                let c = cells.get(i).map_or("", String::as_str);
                s.push_str(c);
                if i + 1 < cols {
                    s.push_str(&" ".repeat(w - c.chars().count() + 2));
                }
            }
            s.trim_end().to_owned()
        };
        let mut out = line(&self.headers);
        out.push('\n');
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        out.push_str(&line(&rule));
        out.push('\n');
        for r in &self.rows {
            out.push_str(&line(r));
            out.push('\n');
        }
        out
    }

    /// The table as tab-separated lines: the header line, then a line a row
    /// (tabs and line breaks inside a cell become spaces).
    pub fn render_tsv(&self) -> String {
        let cell = |c: &str| c.replace(['\t', '\n', '\r'], " ");
        let line = |cells: &[String]| {
            let v: Vec<String> = (0..self.headers.len())
                .map(|i| cell(cells.get(i).map_or("", String::as_str)))
                .collect();
            v.join("\t")
        };
        let mut out = line(&self.headers);
        out.push('\n');
        for r in &self.rows {
            out.push_str(&line(r));
            out.push('\n');
        }
        out
    }

    /// Prints the table aligned, or as TSV under `--output tsv`.
    pub fn print(&self) {
        if TSV.load(Ordering::Relaxed) {
            print!("{}", self.render_tsv());
        } else {
            print!("{}", self.render());
        }
    }
}

/// A progress bar drawn on stderr by a background thread, only when stderr
/// is a terminal (never in `--json` mode or in pipes and CI logs).
pub struct Progress {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    pub fn new(label: &str, total: usize, enabled: bool) -> Self {
        let done = Arc::new(AtomicUsize::new(0));
        let total_a = Arc::new(AtomicUsize::new(total));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = (enabled && std::io::stderr().is_terminal()).then(|| {
            let (done, total, stop) = (done.clone(), total_a.clone(), stop.clone());
            let label = label.to_owned();
            std::thread::spawn(move || {
                let draw = |final_: bool| {
                    let d = done.load(Ordering::Relaxed);
                    let t = total.load(Ordering::Relaxed).max(1);
                    let filled = (d.min(t) * 30) / t;
                    let mut err = std::io::stderr().lock();
                    let _ = write!(
                        err,
                        "\r  {label:<22} [{}{}] {d:>6}/{t}",
                        "#".repeat(filled),
                        "-".repeat(30 - filled)
                    );
                    if final_ {
                        let _ = writeln!(err);
                    }
                    let _ = err.flush();
                };
                while !stop.load(Ordering::Relaxed) {
                    draw(false);
                    std::thread::sleep(Duration::from_millis(80));
                }
                draw(true);
            })
        });
        Progress {
            done,
            total: total_a,
            stop,
            thread,
        }
    }

    pub fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    pub fn add(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    /// A client progress hook that moves this bar (`with_progress`). Each
    /// hook adds what its own reports grew by, so the hooks of several
    /// clients (a fleet's providers side by side) fill one bar; a report's
    /// total is used while the bar has none.
    pub fn hook(&self) -> impl Fn(cloudphone::Progress) + Send + Sync + 'static {
        let (done, total) = (self.done.clone(), self.total.clone());
        let last = AtomicUsize::new(0);
        move |p| {
            let before = last.swap(p.done, Ordering::Relaxed);
            done.fetch_add(p.done.saturating_sub(before), Ordering::Relaxed);
            if p.total > 0 && total.load(Ordering::Relaxed) == 0 {
                total.store(p.total, Ordering::Relaxed);
            }
        }
    }

    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The first `n` characters of an id, for narrow tables.
pub fn short(id: &str, n: usize) -> String {
    if id.chars().count() <= n {
        id.to_owned()
    } else {
        format!("{}…", id.chars().take(n).collect::<String>())
    }
}
