//! Profiles: named sets of credentials and endpoints in a config file, as
//! KooCLI and the AWS CLI keep them, so an operator with several accounts
//! types `--profile staging` instead of exporting six variables.
//!
//! The file is JSON, `{"profiles": {"<name>": {"<key>": "<value>", …}}}`,
//! at `$CLOUDPHONE_CONFIG`, else `$XDG_CONFIG_HOME/cloudphone/config.json`,
//! else `~/.config/cloudphone/config.json`. It is written with mode 0600
//! (its directory 0700), through a temporary file renamed over the old one;
//! a file others can read is still read, with a warning. Secret values are
//! never printed (`config get` and `config list` show `***`), and
//! `config set KEY -` reads the value from standard input, so it need not
//! pass through the shell's history.
//!
//! Precedence: a flag, then the environment variable, then the profile.
//! The profile is `--profile NAME`, else `$CLOUDPHONE_PROFILE`, else
//! `default` (a missing `default` is an empty profile; a named profile
//! that does not exist is an error).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

use clap::Subcommand;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::Out;
use super::output::{EXIT_CONFIG, EXIT_OK, EXIT_USAGE, Failure, Table};

/// The keys a profile holds: (key, what it is, secret).
pub const KEYS: [(&str, &str, bool); 14] = [
    (
        "huawei.ak",
        "Huawei access key id (HUAWEICLOUD_SDK_AK)",
        true,
    ),
    (
        "huawei.sk",
        "Huawei secret access key (HUAWEICLOUD_SDK_SK)",
        true,
    ),
    (
        "huawei.security_token",
        "Huawei security token of temporary credentials",
        true,
    ),
    ("huawei.project_id", "Huawei project id", false),
    ("huawei.region", "Huawei region, e.g. cn-north-4", false),
    ("huawei.endpoint", "Huawei CPH endpoint URL", false),
    ("huawei.iam_endpoint", "Huawei IAM endpoint URL", false),
    (
        "huawei.iam_user",
        "Huawei IAM user: an IAM token instead of AK/SK (with iam_password and iam_domain)",
        false,
    ),
    ("huawei.iam_password", "Huawei IAM user's password", true),
    (
        "huawei.iam_domain",
        "Huawei IAM user's account (domain) name",
        false,
    ),
    ("geelark.app_id", "GeeLark team AppId (key mode)", true),
    ("geelark.api_key", "GeeLark team ApiKey (key mode)", true),
    ("geelark.token", "GeeLark bearer token (token mode)", true),
    ("geelark.endpoint", "GeeLark endpoint URL", false),
];

/// Largest config file read (a few profiles are a few KiB).
const MAX_FILE: u64 = 1 << 20;

/// `cloudphone config …`.
#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Set a key of the profile (`-` as the value reads it from stdin).
    Set {
        /// The key (see `cloudphone config keys`).
        key: String,
        /// The value, or `-` to read it from standard input.
        value: String,
    },
    /// Print a key of the profile (secrets as ***).
    Get {
        /// The key.
        key: String,
    },
    /// Remove a key from the profile.
    Unset {
        /// The key.
        key: String,
    },
    /// Every profile and its keys (secrets as ***).
    List,
    /// The keys a profile can hold.
    Keys,
    /// Where the config file is.
    Path,
}

#[derive(Default, Serialize, Deserialize)]
struct File {
    #[serde(default)]
    profiles: BTreeMap<String, BTreeMap<String, String>>,
}

/// The profile the command runs with, set once by `main`.
static ACTIVE: OnceLock<BTreeMap<String, String>> = OnceLock::new();

/// `key` of the active profile, if it has it.
pub fn value(key: &str) -> Option<String> {
    ACTIVE.get().and_then(|p| p.get(key)).cloned()
}

/// The config file's path.
pub fn path() -> Result<PathBuf, Failure> {
    if let Some(p) = std::env::var_os("CLOUDPHONE_CONFIG").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|p| !p.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })
        .ok_or_else(|| {
            Failure::other(
                "finding the config file",
                EXIT_CONFIG,
                "neither CLOUDPHONE_CONFIG, XDG_CONFIG_HOME nor HOME is set",
            )
        })?;
    Ok(base.join("cloudphone").join("config.json"))
}

fn io_failure(what: String) -> impl Fn(std::io::Error) -> Failure {
    move |e| Failure::other(what.clone(), EXIT_CONFIG, e.to_string())
}

fn load() -> Result<File, Failure> {
    let p = path()?;
    let f = match std::fs::File::open(&p) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(File::default()),
        Err(e) => return Err(io_failure(format!("reading {}", p.display()))(e)),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = f.metadata() {
            if m.permissions().mode() & 0o077 != 0 {
                eprintln!(
                    "cloudphone: warning: {} can be read by others; `chmod 600` it",
                    p.display()
                );
            }
        }
    }
    let mut text = String::new();
    f.take(MAX_FILE + 1)
        .read_to_string(&mut text)
        .map_err(io_failure(format!("reading {}", p.display())))?;
    if text.len() as u64 > MAX_FILE {
        return Err(Failure::other(
            format!("reading {}", p.display()),
            EXIT_CONFIG,
            format!("larger than {MAX_FILE} bytes"),
        ));
    }
    serde_json::from_str(&text).map_err(|e| {
        Failure::other(
            format!("reading {}", p.display()),
            EXIT_CONFIG,
            format!("not a cloudphone config file: {e}"),
        )
    })
}

fn save(file: &File) -> Result<(), Failure> {
    let p = path()?;
    let dir = p.parent().map(PathBuf::from).unwrap_or_default();
    let fail = |what: &str| io_failure(format!("{what} {}", p.display()));
    std::fs::create_dir_all(&dir).map_err(fail("creating the directory of"))?;
    let tmp = p.with_extension(format!("json.{}.tmp", std::process::id()));
    let mut open = std::fs::OpenOptions::new();
    open.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        open.mode(0o600);
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    }
    let text = serde_json::to_string_pretty(file).unwrap_or_default();
    let mut f = open.open(&tmp).map_err(fail("writing"))?;
    let written = f
        .write_all(text.as_bytes())
        .and_then(|()| f.write_all(b"\n"))
        .and_then(|()| f.sync_all());
    drop(f);
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, &p)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail("writing")(e));
    }
    Ok(())
}

/// Selects the profile for this run: `name` (from `--profile` or
/// `CLOUDPHONE_PROFILE`), else `default`.
pub fn activate(name: Option<&str>) -> Result<(), Failure> {
    let file = load()?;
    let profile = match name {
        Some(n) => file.profiles.get(n).cloned().ok_or_else(|| {
            Failure::other(
                "choosing the profile",
                EXIT_CONFIG,
                format!(
                    "no profile {n:?} in {} (create it with `cloudphone --profile {n} config set …`)",
                    path().map(|p| p.display().to_string()).unwrap_or_default()
                ),
            )
        })?,
        None => file.profiles.get("default").cloned().unwrap_or_default(),
    };
    let _ = ACTIVE.set(profile);
    Ok(())
}

fn key_info(key: &str) -> Result<(&'static str, bool), Failure> {
    KEYS.iter()
        .find(|(k, _, _)| *k == key)
        .map(|(k, _, secret)| (*k, *secret))
        .ok_or_else(|| {
            Failure::other(
                "reading the key",
                EXIT_USAGE,
                format!(
                    "unknown key {key:?}; the keys are {}",
                    KEYS.map(|(k, _, _)| k).join(", ")
                ),
            )
        })
}

fn shown(key: &str, value: &str) -> String {
    match key_info(key) {
        Ok((_, false)) => value.to_owned(),
        _ => "***".to_owned(),
    }
}

/// Runs `cloudphone [--profile NAME] config …`.
pub fn run(cmd: ConfigCommand, profile: Option<&str>, out: Out) -> Result<u8, Failure> {
    let name = profile.unwrap_or("default").to_owned();
    match cmd {
        ConfigCommand::Set { key, value } => {
            let (key, _) = key_info(&key)?;
            let value = if value == "-" {
                let mut v = String::new();
                std::io::stdin()
                    .take(64 * 1024)
                    .read_to_string(&mut v)
                    .map_err(io_failure("reading the value from stdin".into()))?;
                v.trim().to_owned()
            } else {
                value
            };
            if value.is_empty() || value.chars().any(char::is_control) {
                return Err(Failure::other(
                    "reading the value",
                    EXIT_USAGE,
                    "empty, or with a control character",
                ));
            }
            let mut file = load()?;
            file.profiles
                .entry(name.clone())
                .or_default()
                .insert(key.to_owned(), value);
            save(&file)?;
            if !out.json {
                println!("{name}: {key} set");
            }
            Ok(EXIT_OK)
        }
        ConfigCommand::Get { key } => {
            let (key, _) = key_info(&key)?;
            let file = load()?;
            match file.profiles.get(&name).and_then(|p| p.get(key)) {
                Some(v) => {
                    if out.json {
                        out.json(&json!({"profile": name, "key": key, "value": shown(key, v)}));
                    } else {
                        println!("{}", shown(key, v));
                    }
                    Ok(EXIT_OK)
                }
                None => Err(Failure::other(
                    "reading the profile",
                    EXIT_CONFIG,
                    format!("{key} is not set in profile {name:?}"),
                )),
            }
        }
        ConfigCommand::Unset { key } => {
            let (key, _) = key_info(&key)?;
            let mut file = load()?;
            if let Some(p) = file.profiles.get_mut(&name) {
                p.remove(key);
                if p.is_empty() {
                    file.profiles.remove(&name);
                }
            }
            save(&file)?;
            Ok(EXIT_OK)
        }
        ConfigCommand::List => {
            let file = load()?;
            if out.json {
                let v: BTreeMap<&String, BTreeMap<&String, String>> = file
                    .profiles
                    .iter()
                    .map(|(n, p)| (n, p.iter().map(|(k, v)| (k, shown(k, v))).collect()))
                    .collect();
                out.json(&json!({"profiles": v}));
            } else {
                let mut t = Table::new(&["PROFILE", "KEY", "VALUE"]);
                for (n, p) in &file.profiles {
                    for (k, v) in p {
                        t.row(vec![n.clone(), k.clone(), shown(k, v)]);
                    }
                }
                t.print();
            }
            Ok(EXIT_OK)
        }
        ConfigCommand::Keys => {
            let mut t = Table::new(&["KEY", "SECRET", "WHAT"]);
            for (k, what, secret) in KEYS {
                t.row(vec![
                    k.to_owned(),
                    if secret { "yes" } else { "no" }.to_owned(),
                    what.to_owned(),
                ]);
            }
            t.print();
            Ok(EXIT_OK)
        }
        ConfigCommand::Path => {
            println!("{}", path()?.display());
            Ok(EXIT_OK)
        }
    }
}
