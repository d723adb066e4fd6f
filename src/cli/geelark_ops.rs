//! `cloudphone geelark` verbs beyond the phone lifecycle: restart, shell,
//! tasks (list, detail with logs, cancel, retry, wait), proxies (list, add
//! after a check, check, delete), apps (installed, installable, shop,
//! install, uninstall) and callbacks (set, get, and `listen`: a local
//! receiver that verifies and prints each event).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use clap::Subcommand;
use serde_json::{Value, json};

use cloudphone::client::{GeeLarkClient, WaitOptions};
use cloudphone::geelark::app_catalog::{AppCatalog, ListInstallableApps, ListShopApps};
use cloudphone::geelark::callbacks::{Event, GetCallback, SetCallback, verify};
use cloudphone::geelark::proxies::{CheckProxy, DeleteProxies, ListProxies, NewProxy};
use cloudphone::geelark::shell::ExecuteShell;
use cloudphone::geelark::tasks::{
    CancelTasks, QueryTasks, RestartTasks, ShowTask, Task, TaskHistory,
};
use cloudphone::geelark::{self, Auth, ProxyScheme};
use cloudphone::{WaitOutcome, error::invalid};

use super::Out;
use super::geelark::GeeLarkOpts;
use super::output::{Context, EXIT_OK, EXIT_PARTIAL, EXIT_PENDING, Failure, Table};

/// The verbs of this module (flattened into `cloudphone geelark`).
#[derive(Subcommand, Debug)]
pub enum GeeLarkMore {
    /// Restart running phones (one call a phone), and wait until they run.
    Restart {
        /// Phone ids.
        #[arg(required = true)]
        ids: Vec<String>,
        /// Seconds to wait for them to run again (0: do not wait).
        #[arg(long, default_value_t = 120)]
        wait: u64,
    },
    /// Run a shell command on a running phone and print its output.
    Shell {
        /// Phone id.
        id: String,
        /// The command (words are joined with spaces).
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
        cmd: Vec<String>,
    },
    /// Automation tasks: the given ones, or every task of the last 7 days.
    Tasks {
        /// Task ids (none: the whole 7-day history).
        ids: Vec<String>,
    },
    /// One task with all its logs and result images (check a "completed" here).
    Task {
        /// Task id.
        id: String,
    },
    /// Cancel waiting or running tasks.
    CancelTasks {
        /// Task ids.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Run failed or cancelled tasks again.
    RetryTasks {
        /// Task ids.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Wait until tasks end; exit 10 when some are still running at the deadline.
    WaitTasks {
        /// Task ids.
        #[arg(required = true)]
        ids: Vec<String>,
        /// Seconds to wait.
        #[arg(long, default_value_t = 600)]
        timeout: u64,
    },
    /// Saved proxies (every page).
    Proxies,
    /// Save proxies given as scheme://[user:pass@]host:port, each checked first.
    ProxyAdd {
        /// Proxy URLs (socks5, http or https).
        #[arg(required = true)]
        urls: Vec<String>,
    },
    /// Check a proxy (scheme://[user:pass@]host:port) without saving it.
    ProxyCheck {
        /// Proxy URL.
        url: String,
    },
    /// Delete saved proxies.
    ProxyDelete {
        /// Proxy ids.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Apps installed on a phone.
    Apps {
        /// Phone id.
        id: String,
    },
    /// Apps a phone can install (with the version ids `install` takes).
    Installable {
        /// Phone id.
        id: String,
        /// Only names matching.
        #[arg(long)]
        name: Option<String>,
    },
    /// The team's app shop (with the version ids `install` takes).
    Shop {
        /// Only apps matching.
        key: Option<String>,
    },
    /// Install an app version on a running phone.
    Install {
        /// Phone id.
        id: String,
        /// App version id (from `installable` or `shop`).
        version_id: String,
    },
    /// Uninstall an app from a running phone.
    Uninstall {
        /// Phone id.
        id: String,
        /// Package name.
        package: String,
    },
    /// Callbacks (webhooks): set or read the URL, or receive them locally.
    Callbacks {
        #[command(subcommand)]
        command: CallbackCommand,
    },
}

/// `cloudphone geelark callbacks ...`.
#[derive(Subcommand, Debug)]
pub enum CallbackCommand {
    /// Set the URL GeeLark POSTs events to.
    Set {
        /// http:// or https:// URL.
        url: String,
    },
    /// Print the URL set.
    Get,
    /// Receive callbacks on a local port: verify each against the account,
    /// print it (a JSON line with --json), answer 200.
    Listen {
        /// Address to listen on (port 0: any free port, printed first).
        #[arg(long, default_value = "127.0.0.1:8787")]
        bind: String,
        /// Exit after this many events (0: never).
        #[arg(long, default_value_t = 0)]
        count: u64,
        /// Accept callbacks without checking their signature (testing only).
        #[arg(long)]
        no_verify: bool,
    },
}

fn tasks_table(tasks: &[Task], out: Out) {
    if out.json {
        out.json(&json!({"tasks": tasks}));
        return;
    }
    let mut t = Table::new(&["TASK ID", "PLAN", "TYPE", "PHONE", "STATUS", "FAIL"]);
    for k in tasks {
        t.row(vec![
            k.id.clone(),
            k.plan_name.clone().unwrap_or_default(),
            k.task_type.map_or(String::new(), |n| n.to_string()),
            k.serial_name.clone().unwrap_or_default(),
            k.status.to_string(),
            match (&k.fail_code, &k.fail_desc) {
                (Some(c), d) => format!("{c} {}", d.clone().unwrap_or_default()),
                _ => String::new(),
            },
        ]);
    }
    t.print();
}

fn outcome_exit(o: &WaitOutcome) -> u8 {
    if !o.timed_out.is_empty() {
        EXIT_PENDING
    } else if o.failed.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    }
}

fn print_wait(o: &WaitOutcome, done_word: &str, out: Out) -> u8 {
    if out.json {
        out.json(&serde_json::to_value(o).unwrap_or(Value::Null));
    } else {
        let mut t = Table::new(&["ID", "RESULT"]);
        for id in &o.done {
            t.row(vec![id.clone(), done_word.to_owned()]);
        }
        for f in &o.failed {
            t.row(vec![
                f.id.clone(),
                format!("failed: {} {}", f.code, f.message),
            ]);
        }
        for u in &o.timed_out {
            t.row(vec![
                u.id.clone(),
                format!("unfinished ({})", u.last_state.unwrap_or("unknown")),
            ]);
        }
        t.print();
    }
    outcome_exit(o)
}

/// `scheme://[user:pass@]host:port`.
fn proxy_url(url: &str) -> Result<NewProxy, Failure> {
    let bad = || {
        Failure::new(
            format!("reading the proxy {url:?}"),
            invalid("proxy", "expected scheme://[user:pass@]host:port"),
        )
    };
    let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
    let scheme = match scheme {
        "socks5" => ProxyScheme::Socks5,
        "http" => ProxyScheme::Http,
        "https" => ProxyScheme::Https,
        _ => return Err(bad()),
    };
    let (creds, host_port) = match rest.rsplit_once('@') {
        Some((c, h)) => (Some(c), h),
        None => (None, rest),
    };
    let (host, port) = host_port.rsplit_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().map_err(|_| bad())?;
    let mut p = NewProxy::new(scheme, host, port).context(|| "reading the proxy".to_owned())?;
    if let Some(c) = creds {
        let (u, pw) = c.split_once(':').unwrap_or((c, ""));
        p = p
            .credentials(u, pw)
            .context(|| "reading the proxy".to_owned())?;
    }
    Ok(p)
}

/// A proxy URL to print: its password replaced by `***`.
fn shown(url: &str) -> String {
    match (url.split_once("://"), url.rfind('@')) {
        (Some((scheme, rest)), Some(_)) => {
            let (creds, host) = rest.rsplit_once('@').unwrap_or(("", rest));
            let user = creds.split_once(':').map_or(creds, |(u, _)| u);
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

fn catalog(c: &AppCatalog, out: Out) {
    if out.json {
        out.json(&json!({"total": c.total, "apps": c.apps}));
        return;
    }
    let mut t = Table::new(&["APP", "PACKAGE", "VERSION", "VERSION ID", "INSTALLED"]);
    for a in &c.apps {
        for v in &a.versions {
            t.row(vec![
                a.app_name.clone().unwrap_or_default(),
                a.package_name.clone().unwrap_or_default(),
                v.version_name.clone().unwrap_or_default(),
                v.id.clone(),
                match v.install_status {
                    Some(1) => "yes".into(),
                    Some(_) => "no".into(),
                    None => String::new(),
                },
            ]);
        }
    }
    t.print();
}

/// Runs one of this module's verbs.
pub fn run(
    cmd: GeeLarkMore,
    c: &GeeLarkClient,
    opts: &GeeLarkOpts,
    out: Out,
) -> Result<u8, Failure> {
    match cmd {
        GeeLarkMore::Restart { ids, wait } => {
            if wait == 0 {
                let rows: Vec<(&String, Option<cloudphone::Error>)> = ids
                    .iter()
                    .map(|id| {
                        let r = geelark::lifecycle::RestartPhone::new(id.clone())
                            .and_then(|op| c.execute(&op));
                        (id, r.err())
                    })
                    .collect();
                if out.json {
                    let v: Vec<Value> = rows
                        .iter()
                        .map(|(id, e)| match e {
                            None => json!({"id": id, "restarting": true}),
                            Some(e) => {
                                json!({"id": id, "code": e.code(), "message": e.to_string()})
                            }
                        })
                        .collect();
                    out.json(&json!({"phones": v}));
                } else {
                    for (id, e) in &rows {
                        match e {
                            None => println!("{id}: restarting"),
                            Some(e) => println!("{id}: {e}"),
                        }
                    }
                }
                let failed = rows.iter().any(|(_, e)| e.is_some());
                return Ok(if failed { EXIT_PARTIAL } else { EXIT_OK });
            }
            let opts = WaitOptions::new(Duration::from_secs(wait))
                .context(|| "reading --wait".to_owned())?;
            let o = c
                .restart_and_wait(ids, &opts)
                .context(|| "restarting GeeLark phones".to_owned())?;
            Ok(print_wait(&o, "running", out))
        }
        GeeLarkMore::Shell { id, cmd } => {
            let op = ExecuteShell::new(id, cmd.join(" "))
                .context(|| "reading the command".to_owned())?;
            let r = c
                .execute(&op)
                .context(|| "running the shell command".to_owned())?;
            if out.json {
                out.json(&json!({"ok": r.ok, "output": r.output}));
            } else {
                println!("{}", r.output);
            }
            Ok(if r.ok { EXIT_OK } else { EXIT_PARTIAL })
        }
        GeeLarkMore::Tasks { ids } => {
            let tasks: Vec<Task> = if ids.is_empty() {
                c.pages(TaskHistory::new())
                    .map(|p| p.map(|p| p.tasks))
                    .collect::<cloudphone::Result<Vec<_>>>()
                    .context(|| "reading the task history".to_owned())?
                    .into_iter()
                    .flatten()
                    .collect()
            } else {
                let mut all = Vec::new();
                for chunk in ids.chunks(geelark::tasks::MAX_IDS) {
                    let op = QueryTasks::new(chunk.iter().cloned())
                        .context(|| "reading task ids".to_owned())?;
                    all.extend(c.execute(&op).context(|| "reading tasks".to_owned())?.tasks);
                }
                all
            };
            tasks_table(&tasks, out);
            Ok(EXIT_OK)
        }
        GeeLarkMore::Task { id } => {
            let pages = c
                .pages(ShowTask::new(id).context(|| "reading the task id".to_owned())?)
                .collect::<cloudphone::Result<Vec<_>>>()
                .context(|| "reading the task".to_owned())?;
            let Some(first) = pages.first() else {
                return Ok(EXIT_OK);
            };
            let logs: Vec<&String> = pages.iter().flat_map(|p| &p.logs).collect();
            if out.json {
                out.json(&json!({"task": first.task, "result_images": first.result_images, "logs": logs}));
            } else {
                let t = &first.task;
                println!(
                    "task {} ({}), {}",
                    t.id,
                    t.plan_name.clone().unwrap_or_default(),
                    t.status
                );
                if let (Some(code), desc) = (t.fail_code, &t.fail_desc) {
                    println!("failed: {code} {}", desc.clone().unwrap_or_default());
                }
                for img in &first.result_images {
                    println!("result image: {img}");
                }
                for l in logs {
                    println!("  {l}");
                }
            }
            Ok(EXIT_OK)
        }
        GeeLarkMore::CancelTasks { ids } | GeeLarkMore::RetryTasks { ids } if ids.is_empty() => {
            Ok(EXIT_OK)
        }
        GeeLarkMore::CancelTasks { ids } => {
            let r = c
                .execute(&CancelTasks::new(ids).context(|| "reading task ids".to_owned())?)
                .context(|| "cancelling tasks".to_owned())?;
            Ok(print_report(&r, "cancelled", out))
        }
        GeeLarkMore::RetryTasks { ids } => {
            let r = c
                .execute(&RestartTasks::new(ids).context(|| "reading task ids".to_owned())?)
                .context(|| "restarting tasks".to_owned())?;
            Ok(print_report(&r, "restarted", out))
        }
        GeeLarkMore::WaitTasks { ids, timeout } => {
            let opts = WaitOptions::new(Duration::from_secs(timeout))
                .context(|| "reading --timeout".to_owned())?;
            let o = c
                .wait_tasks(ids, &opts)
                .context(|| "waiting for tasks".to_owned())?;
            Ok(print_wait(&o, "completed", out))
        }
        GeeLarkMore::Proxies => {
            let proxies: Vec<_> = c
                .pages(ListProxies::new())
                .collect::<cloudphone::Result<Vec<_>>>()
                .context(|| "listing proxies".to_owned())?
                .into_iter()
                .flat_map(|p| p.proxies)
                .collect();
            if out.json {
                // Passwords are credentials: shown only as set or not.
                let rows: Vec<Value> = proxies
                    .iter()
                    .map(|p| json!({"id": p.id, "serial_no": p.serial_no, "scheme": p.scheme, "server": p.server, "port": p.port, "username": p.username, "has_password": p.password.is_some()}))
                    .collect();
                out.json(&json!({"proxies": rows}));
            } else {
                let mut t = Table::new(&["PROXY ID", "NUMBER", "PROXY"]);
                for p in &proxies {
                    t.row(vec![
                        p.id.clone(),
                        p.serial_no.map_or(String::new(), |n| n.to_string()),
                        format!(
                            "{}://{}:{}",
                            p.scheme.clone().unwrap_or_default(),
                            p.server.clone().unwrap_or_default(),
                            p.port.unwrap_or_default()
                        ),
                    ]);
                }
                t.print();
            }
            Ok(EXIT_OK)
        }
        GeeLarkMore::ProxyAdd { urls } => {
            let proxies = urls
                .iter()
                .map(|u| proxy_url(u))
                .collect::<Result<Vec<_>, _>>()?;
            let r = c
                .add_checked_proxies(proxies)
                .context(|| "adding proxies".to_owned())?;
            if out.json {
                out.json(&serde_json::to_value(&r).unwrap_or(Value::Null));
            } else {
                let mut t = Table::new(&["PROXY", "RESULT"]);
                for (i, id) in &r.added {
                    t.row(vec![shown(&urls[*i]), format!("saved as {id}")]);
                }
                for x in &r.rejected {
                    t.row(vec![
                        urls[x.index].clone(),
                        format!("check failed: {} {}", x.code, x.message),
                    ]);
                }
                for f in &r.refused {
                    let url =
                        f.id.parse::<usize>()
                            .ok()
                            .and_then(|i| urls.get(i))
                            .cloned()
                            .unwrap_or_default();
                    t.row(vec![url, format!("refused: {} {}", f.code, f.message)]);
                }
                t.print();
            }
            Ok(if r.rejected.is_empty() && r.refused.is_empty() {
                EXIT_OK
            } else {
                EXIT_PARTIAL
            })
        }
        GeeLarkMore::ProxyCheck { url } => {
            let r = c
                .execute(&CheckProxy::new(proxy_url(&url)?))
                .context(|| "checking the proxy".to_owned())?;
            if out.json {
                out.json(&serde_json::to_value(&r.check).unwrap_or(Value::Null));
            } else if r.check.detect_status {
                println!(
                    "works: leaves from {} ({} {})",
                    r.check.outbound_ip.clone().unwrap_or_default(),
                    r.check.country_code.clone().unwrap_or_default(),
                    r.check.city.clone().unwrap_or_default()
                );
            } else {
                println!(
                    "does not work: {}",
                    r.check.message.clone().unwrap_or_default()
                );
            }
            Ok(if r.check.detect_status {
                EXIT_OK
            } else {
                EXIT_PARTIAL
            })
        }
        GeeLarkMore::ProxyDelete { ids } => {
            let r = c
                .execute(&DeleteProxies::new(ids).context(|| "reading proxy ids".to_owned())?)
                .context(|| "deleting proxies".to_owned())?;
            Ok(print_report(&r, "deleted", out))
        }
        GeeLarkMore::Apps { id } => {
            let apps: Vec<_> = c
                .pages(
                    geelark::ListApps::new(id, 1, 100)
                        .context(|| "reading the phone id".to_owned())?,
                )
                .collect::<cloudphone::Result<Vec<_>>>()
                .context(|| "listing installed apps".to_owned())?
                .into_iter()
                .flat_map(|p| p.apps)
                .collect();
            if out.json {
                out.json(&json!({"apps": apps}));
            } else {
                let mut t = Table::new(&["APP", "PACKAGE", "VERSION", "STATUS"]);
                for a in &apps {
                    t.row(vec![
                        a.app_name.clone().unwrap_or_default(),
                        a.package_name.clone().unwrap_or_default(),
                        a.version_name.clone().unwrap_or_default(),
                        a.install_status
                            .map_or(String::new(), |s| format!("{s:?}").to_lowercase()),
                    ]);
                }
                t.print();
            }
            Ok(EXIT_OK)
        }
        GeeLarkMore::Installable { id, name } => {
            let mut op = ListInstallableApps::new(id, 1, 100)
                .context(|| "reading the phone id".to_owned())?;
            if let Some(n) = name {
                op = op.name(n).context(|| "reading --name".to_owned())?;
            }
            let r = c
                .execute(&op)
                .context(|| "listing installable apps".to_owned())?;
            catalog(&r, out);
            Ok(EXIT_OK)
        }
        GeeLarkMore::Shop { key } => {
            let mut op = ListShopApps::new(1, 200).context(|| "reading the page".to_owned())?;
            if let Some(k) = key {
                op = op.search(k).context(|| "reading the keyword".to_owned())?;
            }
            let r = c
                .execute(&op)
                .context(|| "listing the app shop".to_owned())?;
            catalog(&r, out);
            Ok(EXIT_OK)
        }
        GeeLarkMore::Install { id, version_id } => {
            let op = geelark::InstallApp::new(id, version_id)
                .context(|| "reading the ids".to_owned())?;
            let r = c.execute(&op).context(|| "installing the app".to_owned())?;
            if out.json {
                out.json(&json!({"installing": true, "trace_id": r.envelope.trace_id}));
            } else {
                println!("installing (asynchronous: see `apps`)");
            }
            Ok(EXIT_OK)
        }
        GeeLarkMore::Uninstall { id, package } => {
            let op = geelark::UninstallApp::new(id, package)
                .context(|| "reading the arguments".to_owned())?;
            let r = c
                .execute(&op)
                .context(|| "uninstalling the app".to_owned())?;
            if out.json {
                out.json(&json!({"uninstalled": true, "trace_id": r.envelope.trace_id}));
            } else {
                println!("uninstalled");
            }
            Ok(EXIT_OK)
        }
        GeeLarkMore::Callbacks { command } => match command {
            CallbackCommand::Set { url } => {
                let op = SetCallback::new(url.clone()).context(|| "reading the URL".to_owned())?;
                c.execute(&op)
                    .context(|| "setting the callback URL".to_owned())?;
                if out.json {
                    out.json(&json!({"url": url}));
                } else {
                    println!("callbacks go to {url}");
                }
                Ok(EXIT_OK)
            }
            CallbackCommand::Get => {
                let r = c
                    .execute(&GetCallback)
                    .context(|| "reading the callback URL".to_owned())?;
                if out.json {
                    out.json(&json!({"url": r.url}));
                } else {
                    println!("{}", r.url);
                }
                Ok(EXIT_OK)
            }
            CallbackCommand::Listen {
                bind,
                count,
                no_verify,
            } => {
                let auth = match (&opts.app_id, &opts.api_key, &opts.token) {
                    (Some(id), Some(key), _) => Some(Auth::key(id, key)),
                    (_, _, Some(t)) => Some(Auth::token(t)),
                    _ if no_verify => None,
                    _ => {
                        return Err(Failure::new(
                            "verifying callbacks",
                            invalid(
                                "credentials",
                                "give the account's key or token (or --no-verify)",
                            ),
                        ));
                    }
                };
                listen(&bind, count, auth.as_ref(), out)
            }
        },
    }
}

fn print_report(r: &geelark::LifecycleReport, word: &str, out: Out) -> u8 {
    if out.json {
        out.json(&serde_json::to_value(r).unwrap_or(Value::Null));
    } else {
        let mut t = Table::new(&["ID", "RESULT"]);
        for s in &r.succeeded {
            t.row(vec![s.id.clone(), word.to_owned()]);
        }
        for f in &r.failures {
            t.row(vec![f.id.clone(), format!("{} {}", f.code, f.message)]);
        }
        t.print();
    }
    if r.failures.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    }
}

/// Most bytes of one callback's head.
const MAX_HEAD: usize = 16 * 1024;

/// Serves callbacks on `bind` until `count` events were read (0: forever).
fn listen(bind: &str, count: u64, auth: Option<&Auth>, out: Out) -> Result<u8, Failure> {
    let io = |e: std::io::Error| {
        Failure::other(
            "listening for callbacks",
            super::output::EXIT_NETWORK,
            e.to_string(),
        )
    };
    let listener = TcpListener::bind(bind).map_err(io)?;
    let addr = listener.local_addr().map_err(io)?;
    if out.json {
        println!("{}", json!({"listening": addr.to_string()}));
    } else {
        println!("listening on http://{addr}/ (set it with `cloudphone geelark callbacks set`)");
    }
    let _ = std::io::stdout().flush();
    let mut seen = 0u64;
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        match receive(stream, auth) {
            Ok(event) => {
                if out.json {
                    println!("{}", serde_json::to_string(&event).unwrap_or_default());
                } else {
                    println!(
                        "event {}: {}",
                        event.code(),
                        serde_json::to_string(&event).unwrap_or_default()
                    );
                }
                let _ = std::io::stdout().flush();
                seen += 1;
                if count > 0 && seen >= count {
                    break;
                }
            }
            Err(e) => eprintln!("refused a callback: {e}"),
        }
    }
    Ok(EXIT_OK)
}

/// Reads one request (head ≤ 16 KiB, body ≤ 1 MiB, 5 s to arrive), answers
/// 200 or 400/401, and returns its event.
fn receive(stream: TcpStream, auth: Option<&Auth>) -> Result<Event, String> {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(stream.try_clone().map_err(|e| e.to_string())?);
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut head = 0usize;
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|e| e.to_string())?;
    loop {
        line.clear();
        let n = reader.read_line(&mut line).map_err(|e| e.to_string())?;
        head += n;
        if n == 0 || head > MAX_HEAD {
            return Err("the request head is cut or too large".into());
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    if len > cloudphone::geelark::callbacks::MAX_EVENT_LEN {
        answer(&stream, 413);
        return Err(format!("a body of {len} bytes"));
    }
    let mut body = vec![0u8; len];
    reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    if let Some(a) = auth {
        if let Err(e) = verify(
            headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            a,
            now,
        ) {
            answer(&stream, 401);
            return Err(e.to_string());
        }
    }
    match Event::parse(&body) {
        Ok(e) => {
            answer(&stream, 200);
            Ok(e)
        }
        Err(e) => {
            answer(&stream, 400);
            Err(e.to_string())
        }
    }
}

fn answer(mut stream: &TcpStream, status: u16) {
    let body = if status == 200 {
        r#"{"code":0}"#
    } else {
        r#"{"code":1}"#
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}
