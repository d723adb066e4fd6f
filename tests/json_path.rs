//! The path in [`Error::Decode`] (found from serde_json's error position by
//! `src/json_path.rs`) compared with `serde_path_to_error`, the tracking
//! deserializer it replaced, on the response fixtures and systematic
//! mutations of them: every value in turn replaced by values of other JSON
//! types, every key in turn deleted, both in compact and pretty-printed
//! text (so line and column are exercised).
//!
//! `serde_path_to_error` needs the type that was decoded. Operations whose
//! body decodes straight into a public output type (`PhoneDetail`, `Job`,
//! `ServerList`, ...) are compared with it on that type; the list operations
//! whose elements are public types (`ConnectInfo`, `PhoneRecord`) on the
//! element type, with the element's place prefixed. Every other operation
//! decodes private wire types: for those the path is checked against where
//! the mutation was made (the same place, or an ancestor of it).

mod support;

use std::path::{Path, PathBuf};

use cloudphone::geelark::{
    CreatePhones, DeletePhones, GetAdbData, GetGps, GetPhoneStatus, GetScreenshotResult,
    GpsPosition, InstallApp, ListApps, ListPhones as GeeLarkListPhones, NewPhone, SetAdb, SetGps,
    StartPhones, StopPhones as GeeLarkStopPhones, TakeScreenshot, UninstallApp, UpdatePhone,
};
use cloudphone::huawei::adb::{Command, RunCommand, RunSyncShell, Target};
use cloudphone::huawei::connection::ConnectInfo;
use cloudphone::huawei::iam::{CreateToken, ProjectScope};
use cloudphone::huawei::jobs::{Job, JobList, ListJobs, ShowJob};
use cloudphone::huawei::lifecycle::{RestartPhones, StopPhones};
use cloudphone::huawei::phones::{
    Accepted, ListPhones, PhoneDetail, PhoneRecord, RenamePhone, ShowPhone,
};
use cloudphone::huawei::servers::{
    EncodeServerList, ListEncodeServers, ListServers, ServerDetail, ServerList, ShowServer,
};
use cloudphone::huawei::{ClientType, ShowConnectInfos};
use cloudphone::{Error, Operation, Response};
use serde::de::DeserializeOwned;
use serde_json::Value;

// ------------------------------------------------------------ mutations

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// A path rendered as `serde_path_to_error` renders one.
fn render(steps: &[Step]) -> String {
    let mut s = String::new();
    for step in steps {
        match step {
            Step::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    if s.is_empty() { ".".to_owned() } else { s }
}

/// One edit of a document: the value at `at` replaced, or the key at `at`
/// removed from its object.
struct Mutation {
    at: Vec<Step>,
    edit: Option<Value>,
}

impl Mutation {
    /// Where a decoder that notices the edit should point: the replaced
    /// value, or the object that lost a key.
    fn place(&self) -> String {
        match self.edit {
            Some(_) => render(&self.at),
            None => render(&self.at[..self.at.len() - 1]),
        }
    }

    fn describe(&self) -> String {
        match &self.edit {
            Some(v) => format!("{} := {v}", render(&self.at)),
            None => format!("delete {}", render(&self.at)),
        }
    }
}

/// Values of other JSON types than `v` (and a few numbers that are the
/// right type but out of range for some fields).
fn replacements(v: &Value) -> Vec<Value> {
    let s = Value::String("mutated".into());
    let n = serde_json::json!(7357);
    let b = Value::Bool(true);
    let o = serde_json::json!({});
    let a = serde_json::json!([]);
    match v {
        Value::String(_) => vec![n, b, Value::Null, o, a],
        Value::Number(_) => vec![
            s,
            b,
            Value::Null,
            o,
            a,
            serde_json::json!(1.5),
            serde_json::json!(-1),
            serde_json::json!(70000),
            serde_json::json!(18446744073709551615_u64),
        ],
        Value::Bool(_) => vec![s, n, Value::Null, o, a],
        Value::Null => vec![s, n, b, o, a],
        Value::Object(_) => vec![s, n, b, Value::Null, a],
        Value::Array(_) => vec![s, n, b, Value::Null, o],
    }
}

fn mutations(v: &Value, at: &mut Vec<Step>, out: &mut Vec<Mutation>) {
    if !at.is_empty() {
        for r in replacements(v) {
            out.push(Mutation {
                at: at.clone(),
                edit: Some(r),
            });
        }
    }
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                at.push(Step::Key(k.clone()));
                out.push(Mutation {
                    at: at.clone(),
                    edit: None,
                });
                mutations(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(Step::Index(i));
                mutations(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn apply(root: &Value, m: &Mutation) -> Value {
    let mut doc = root.clone();
    let (last, parents) = m.at.split_last().expect("never the root");
    let mut cur = &mut doc;
    for step in parents {
        cur = match step {
            Step::Key(k) => cur.get_mut(k.as_str()),
            Step::Index(i) => cur.get_mut(*i),
        }
        .expect("the path exists");
    }
    match (last, &m.edit) {
        (Step::Key(k), None) => {
            cur.as_object_mut().expect("an object").remove(k.as_str());
        }
        (Step::Key(k), Some(v)) => cur[k.as_str()] = v.clone(),
        (Step::Index(i), Some(v)) => cur[*i] = v.clone(),
        (Step::Index(_), None) => unreachable!("only keys are deleted"),
    }
    doc
}

/// The bodies to try for a fixture: the fixture's own text, then every
/// mutation of its JSON compact and pretty-printed. `place` is `None` for
/// the fixture's own text.
fn bodies(original: &[u8]) -> Vec<(Option<Mutation>, String)> {
    let mut out = Vec::new();
    if let Ok(text) = std::str::from_utf8(original) {
        out.push((None, text.to_owned()));
    }
    let Ok(doc) = serde_json::from_slice::<Value>(original) else {
        return out;
    };
    let mut list = Vec::new();
    mutations(&doc, &mut Vec::new(), &mut list);
    for m in list {
        let edited = apply(&doc, &m);
        let compact = serde_json::to_string(&edited).unwrap();
        let pretty = serde_json::to_string_pretty(&edited).unwrap();
        out.push((
            Some(Mutation {
                at: m.at.clone(),
                edit: m.edit.clone(),
            }),
            compact,
        ));
        out.push((Some(m), pretty));
    }
    out
}

// ------------------------------------------------------------ fixtures

fn fixtures(dir: &str) -> Vec<(PathBuf, Response)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/responses")
        .join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&root)
        .expect("fixture directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "http"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", root.display());
    paths
        .into_iter()
        .map(|p| {
            let r = support::read_http(&p);
            (p, r)
        })
        // Only a success body is decoded as the operation's output.
        .filter(|(_, r)| (200..300).contains(&r.status))
        .collect()
}

/// The path and message of a decode error, `None` for any other outcome.
fn decode_path<T>(result: cloudphone::Result<T>) -> Option<(String, String)> {
    match result {
        Err(Error::Decode { path, message, .. }) => Some((path, message)),
        _ => None,
    }
}

/// `serde_path_to_error`'s path for `text` decoded as `T`, `None` when it
/// decodes.
fn oracle<T: DeserializeOwned>(text: &str) -> Option<String> {
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(_) => None,
        Err(e) => {
            let p = e.path().to_string();
            Some(if p.is_empty() { ".".to_owned() } else { p })
        }
    }
}

/// The oracle for list operations that decode each element of `field` as
/// the public `T`: the first element that does not decode, prefixed.
fn oracle_each<T: DeserializeOwned>(field: &str, text: &str) -> Option<String> {
    let doc: Value = serde_json::from_str(text).ok()?;
    let items = doc.get(field)?.as_array()?;
    items.iter().enumerate().find_map(|(i, item)| {
        oracle::<T>(&item.to_string()).map(|p| {
            if p == "." {
                format!("{field}[{i}]")
            } else {
                format!("{field}[{i}].{p}")
            }
        })
    })
}

// ------------------------------------------------------------ oracle comparison

/// Whether a message is one of serde's own (as opposed to a custom check's).
fn serde_message(message: &str) -> bool {
    let inner = message
        .split_once('(')
        .map_or(message, |(_, rest)| rest.trim_end_matches(')'));
    [
        "invalid type: ",
        "invalid value: ",
        "invalid length ",
        "unknown variant ",
        "unknown field ",
        "missing field ",
        "duplicate field ",
    ]
    .iter()
    .any(|p| inner.starts_with(p))
}

#[derive(Default)]
struct Tally {
    compared: usize,
    identical: usize,
    both_decoded: usize,
    /// Known difference: a custom error raised after a flattened field was
    /// read (e.g. `int_or_string` on a buffered value).
    flatten_field_named: usize,
    /// Known difference: a first element refused at `[[`.
    first_element_container: usize,
    /// The cases behind the known differences, for the log.
    known: Vec<String>,
    failures: Vec<String>,
}

impl Tally {
    /// Compares the outcomes of one body; `edited` is the place of the
    /// mutation (`None` for a fixture as it is).
    fn compare(
        &mut self,
        case: &str,
        edited: Option<&str>,
        ours: Option<(String, String)>,
        theirs: Option<String>,
    ) {
        let (ours, message, theirs) = match (ours, theirs) {
            (None, None) => {
                self.both_decoded += 1;
                return;
            }
            (Some((ours, message)), Some(theirs)) => (ours, message, theirs),
            (ours, theirs) => {
                self.failures.push(format!(
                    "{case}: one side decoded: ours {ours:?}, serde_path_to_error {theirs:?}"
                ));
                return;
            }
        };
        self.compared += 1;
        if ours == theirs {
            self.identical += 1;
            return;
        }
        let known = format!("{case}: ours `{ours}`, serde_path_to_error `{theirs}` ({message})");
        // serde buffers the fields of a `#[serde(flatten)]` struct and
        // decodes them after the object's `}`, out of the tracking
        // deserializer's sight: it names the object. serde_json places such
        // an error right after the `}` too, and when the error is a custom
        // one that quotes the object's last value, src/json_path.rs names
        // that value: here the very value that was edited, one level deeper.
        let one_deeper = ours
            .strip_prefix(theirs.as_str())
            .is_some_and(|rest| rest.starts_with('.') && !rest[1..].contains(['.', '[']))
            || (theirs == "." && !ours.contains(['.', '[']));
        if one_deeper && !serde_message(&message) && edited == Some(ours.as_str()) {
            self.flatten_field_named += 1;
            self.known.push(known);
            return;
        }
        // Right after `[`, a first element refused as an array and an array
        // rejected as a whole (by a visitor taking a string or an integer)
        // stop serde_json at the same byte; src/json_path.rs names the array,
        // an ancestor of the failing value either way.
        let container = if ours == "." {
            String::new()
        } else {
            ours.clone()
        };
        if theirs == format!("{container}[0]")
            && message.contains("invalid type: sequence")
            && edited == Some(theirs.as_str())
        {
            self.first_element_container += 1;
            self.known.push(known);
            return;
        }
        self.failures.push(known);
    }
}

fn differential<O: Operation>(
    tally: &mut Tally,
    dir: &str,
    op: &O,
    theirs: impl Fn(&str) -> Option<String>,
) {
    for (path, response) in fixtures(dir) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for (mutation, text) in bodies(&response.body) {
            if serde_json::from_str::<Value>(&text).is_err() {
                // Not JSON: a syntax error, whose path only has to be
                // sensible (tests/bad_input.rs covers those bodies).
                continue;
            }
            let mut r = response.clone();
            r.body = text.clone().into_bytes();
            let case = format!(
                "{dir}/{name} [{}]",
                mutation
                    .as_ref()
                    .map_or("as is".to_owned(), Mutation::describe)
            );
            let edited = mutation.as_ref().map(|m| render(&m.at));
            tally.compare(
                &case,
                edited.as_deref(),
                decode_path(op.parse(&r)),
                theirs(&text),
            );
        }
    }
}

#[test]
fn paths_match_serde_path_to_error() {
    let mut t = Tally::default();
    differential(
        &mut t,
        "huawei/show_phone",
        &ShowPhone::new("p1").unwrap(),
        oracle::<PhoneDetail>,
    );
    differential(
        &mut t,
        "huawei/rename_phone",
        &RenamePhone::new("p1", "n").unwrap(),
        oracle::<Accepted>,
    );
    differential(
        &mut t,
        "huawei/list_servers",
        &ListServers::new(),
        oracle::<ServerList>,
    );
    differential(
        &mut t,
        "huawei/show_server",
        &ShowServer::new("s1").unwrap(),
        oracle::<ServerDetail>,
    );
    differential(
        &mut t,
        "huawei/list_encode_servers",
        &ListEncodeServers::new(),
        oracle::<EncodeServerList>,
    );
    differential(
        &mut t,
        "huawei/show_job",
        &ShowJob::new("j1").unwrap(),
        oracle::<Job>,
    );
    differential(
        &mut t,
        "huawei/list_jobs",
        &ListJobs::for_request("r1").unwrap(),
        oracle::<JobList>,
    );
    // The element types are public; the envelopes around them are not, so
    // only mutations inside the elements are compared (the envelope's own
    // fields are covered by `paths_name_the_mutated_place` below).
    differential_in(
        &mut t,
        "huawei/batch_connection",
        &ShowConnectInfos::new(["x"], ClientType::Android).unwrap(),
        "connect_infos",
        oracle_each::<ConnectInfo>,
    );
    differential_in(
        &mut t,
        "huawei/list_phones",
        &ListPhones::new(),
        "phones",
        oracle_each::<PhoneRecord>,
    );
    println!(
        "json_path differential: {} cases compared with serde_path_to_error: {} identical, \
         {} flattened field named (known), {} first-element array named as its container \
         (known); {} mutations decoded on both sides",
        t.compared, t.identical, t.flatten_field_named, t.first_element_container, t.both_decoded
    );
    for case in &t.known {
        println!("  known difference: {case}");
    }
    assert!(
        t.failures.is_empty(),
        "{} of {} cases differ:\n{}",
        t.failures.len(),
        t.compared,
        t.failures.join("\n")
    );
    assert!(t.compared >= 1000, "only {} cases compared", t.compared);
}

/// [`differential`] restricted to the mutations inside the array `field`.
fn differential_in<O: Operation>(
    tally: &mut Tally,
    dir: &str,
    op: &O,
    field: &str,
    theirs: impl Fn(&str, &str) -> Option<String>,
) {
    for (path, response) in fixtures(dir) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for (mutation, text) in bodies(&response.body) {
            let theirs = theirs(field, &text);
            let inside = match &mutation {
                Some(m) => {
                    matches!(m.at.as_slice(), [Step::Key(k), Step::Index(_), _, ..] if k == field)
                }
                // The fixture as it is: when one of its elements fails.
                None => theirs.is_some(),
            };
            if !inside {
                continue;
            }
            let mut r = response.clone();
            r.body = text.clone().into_bytes();
            let case = format!(
                "{dir}/{name} [{}]",
                mutation
                    .as_ref()
                    .map_or("as is".to_owned(), Mutation::describe)
            );
            let edited = mutation.as_ref().map(|m| render(&m.at));
            tally.compare(&case, edited.as_deref(), decode_path(op.parse(&r)), theirs);
        }
    }
}

// ------------------------------------------------------------ other operations

/// Whether `ancestor` is `path` or one of its ancestors.
fn is_ancestor_or_same(ancestor: &str, path: &str) -> bool {
    ancestor == "."
        || ancestor == path
        || path
            .strip_prefix(ancestor)
            .is_some_and(|rest| rest.starts_with(['.', '[']))
}

type Parse = Box<dyn Fn(&Response) -> Option<(String, String)>>;

fn parser<O: Operation + 'static>(op: O) -> Parse {
    Box::new(move |r| decode_path(op.parse(r)))
}

#[test]
fn paths_name_the_mutated_place() {
    const P1: &str = "612345678901234567";
    const P2: &str = "612345678901234568";
    let ids = || [P1.to_owned(), P2.to_owned()];
    let ops: Vec<(&str, Parse)> = vec![
        (
            "huawei/batch_connection",
            parser(ShowConnectInfos::new(["x"], ClientType::Android).unwrap()),
        ),
        ("huawei/list_phones", parser(ListPhones::new())),
        (
            "huawei/iam_token",
            parser(
                CreateToken::password("ops", "pw", "acme", ProjectScope::Name("cn-north-4".into()))
                    .unwrap(),
            ),
        ),
        (
            "huawei/restart_phones",
            parser(RestartPhones::new(["p1"]).unwrap()),
        ),
        (
            "huawei/stop_phones",
            parser(StopPhones::new(["p1"]).unwrap()),
        ),
        (
            "huawei/run_command",
            parser(
                RunCommand::new(
                    Command::Shell("ls".into()),
                    Target::Servers(vec!["s1".into()]),
                )
                .unwrap(),
            ),
        ),
        (
            "huawei/run_sync_shell",
            parser(RunSyncShell::new("ls", Target::Phones(vec!["p1".into()])).unwrap()),
        ),
        (
            "geelark/phone_status",
            parser(GetPhoneStatus::new(ids()).unwrap()),
        ),
        (
            "geelark/phone_list",
            parser(GeeLarkListPhones::new().page(1, 20).unwrap()),
        ),
        (
            "geelark/phone_start",
            parser(StartPhones::new(ids()).unwrap()),
        ),
        (
            "geelark/phone_stop",
            parser(GeeLarkStopPhones::new(ids()).unwrap()),
        ),
        (
            "geelark/phone_delete",
            parser(DeletePhones::new(ids()).unwrap()),
        ),
        (
            "geelark/phone_update",
            parser(UpdatePhone::new(P1).unwrap().tag_ids(ids()).unwrap()),
        ),
        (
            "geelark/phone_create",
            parser(
                CreatePhones::new(
                    "Android 13",
                    vec![NewPhone::with_saved_proxy("sg-tt-011", 7).unwrap()],
                )
                .unwrap(),
            ),
        ),
        (
            "geelark/screenshot",
            parser(TakeScreenshot::new(P1).unwrap()),
        ),
        (
            "geelark/screenshot_result",
            parser(GetScreenshotResult::new("1901234567890123456").unwrap()),
        ),
        (
            "geelark/gps_set",
            parser(SetGps::new([GpsPosition::new(P1, 1.2903, 103.8519).unwrap()]).unwrap()),
        ),
        ("geelark/gps_get", parser(GetGps::new(ids()).unwrap())),
        (
            "geelark/adb_set_status",
            parser(SetAdb::new(ids(), true).unwrap()),
        ),
        (
            "geelark/adb_get_data",
            parser(GetAdbData::new(ids()).unwrap()),
        ),
        (
            "geelark/app_list",
            parser(ListApps::new(P1, 1, 20).unwrap()),
        ),
        (
            "geelark/app_install",
            parser(InstallApp::new(P1, "1793552962140770002").unwrap()),
        ),
        (
            "geelark/app_uninstall",
            parser(UninstallApp::new(P1, "com.zhiliaoapp.musically").unwrap()),
        ),
    ];
    let (mut checked, mut exact) = (0, 0);
    let mut failures = Vec::new();
    for (dir, parse) in &ops {
        for (path, response) in fixtures(dir) {
            if parse(&response).is_some() {
                // Already undecodable: its own error would mask the edits.
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            for (mutation, text) in bodies(&response.body) {
                let Some(mutation) = mutation else { continue };
                let mut r = response.clone();
                r.body = text.into_bytes();
                let Some((ours, message)) = parse(&r) else {
                    continue;
                };
                checked += 1;
                // A deleted key may be named itself (`data`: "missing or
                // null") as well as its object.
                let edited = render(&mutation.at);
                if ours == mutation.place() || ours == edited {
                    exact += 1;
                } else if !is_ancestor_or_same(&ours, &edited) {
                    failures.push(format!(
                        "{dir}/{name} [{}]: `{ours}` is neither `{edited}` nor an ancestor ({message})",
                        mutation.describe()
                    ));
                }
            }
        }
    }
    println!(
        "json_path placement: {checked} decode errors of operations with private wire types: \
         {exact} at the mutated value, {} at an ancestor of it",
        checked - exact - failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} paths point elsewhere:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked >= 1000, "only {checked} decode errors checked");
}
