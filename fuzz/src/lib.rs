//! Shared pieces of the fuzz targets: turning fuzzer bytes into a
//! [`Response`], the catalogue of every operation's `parse`, and the
//! "every id exactly once" check of a batch merge.
//!
//! Each target asserts more than "no panic": parsing is deterministic, error
//! values are well formed, and every merged batch accounts for each requested
//! id exactly once, in input order.

use std::collections::HashMap;

use cloudphone::geelark::{self, GpsPosition, NewPhone};
use cloudphone::huawei::{
    self, ShowConnectInfos, ClientType, adb, iam, jobs, lifecycle, phones, servers,
};
use cloudphone::{
    BatchItem, BatchMerge, BatchOutcome, CallOutcome, Context, Endpoint, Error, Operation, Pager,
    Response,
};

/// Most headers taken from one input (keeps a run's cost bounded).
const MAX_HEADERS: usize = 64;

/// Turns fuzzer bytes into a response. Two encodings, so that both the seed
/// fixtures and raw mutations are useful:
///
/// - text: `HTTP/1.1 <status> ...` then `Name: value` lines, a blank line
///   (LF LF or CRLF CRLF) and the body — the format of
///   `tests/fixtures/responses/**/*.http`;
/// - binary: anything else — the first two bytes are the status
///   (big-endian), the rest is the body.
pub fn response_from_bytes(data: &[u8]) -> Response {
    if data.starts_with(b"HTTP/") {
        return response_from_text(data);
    }
    match data {
        [hi, lo, body @ ..] => Response::new(u16::from_be_bytes([*hi, *lo]), body.to_vec()),
        _ => Response::new(200, data.to_vec()),
    }
}

fn response_from_text(data: &[u8]) -> Response {
    let lf = find(data, b"\n\n").map(|i| (i, 2));
    let crlf = find(data, b"\r\n\r\n").map(|i| (i, 4));
    let (head, body) = match (lf, crlf) {
        (Some(a), Some(b)) => {
            let (i, n) = if a.0 <= b.0 { a } else { b };
            (&data[..i], &data[i + n..])
        }
        (Some((i, n)), None) | (None, Some((i, n))) => (&data[..i], &data[i + n..]),
        (None, None) => (data, &data[data.len()..]),
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse::<u16>().ok())
        .unwrap_or(200);
    let mut response = Response::new(status, body.to_vec());
    for line in lines.take(MAX_HEADERS) {
        if let Some((n, v)) = line.split_once(':') {
            response = response.with_header(n.trim(), v.trim());
        }
    }
    response
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Checks what every error must satisfy: a non-empty message, a kind that
/// agrees with the variant, an HTTP status equal to the response's.
pub fn check_error(e: &Error, response: &Response) {
    let text = e.to_string();
    assert!(!text.is_empty(), "empty error text");
    let _ = e.code();
    match e {
        Error::Api(api) => {
            assert_eq!(api.http_status, response.status, "api error status");
            assert!(!api.code.is_empty(), "api error without a code");
        }
        Error::Decode {
            http_status, path, ..
        } => {
            assert_eq!(*http_status, response.status, "decode error status");
            assert!(!path.is_empty(), "decode error without a path");
        }
        // A parse never yields these; an input check may (InvalidInput).
        Error::InvalidInput { .. } => {}
        other => panic!("parse returned a client-layer error: {other:?}"),
    }
}

/// Parses `response` with `op` twice: no panic, same answer both times, a
/// well-formed error on failure. Returns the output.
pub fn parse_checked<O>(op: &O, response: &Response) -> Result<O::Output, Error>
where
    O: Operation,
    O::Output: serde::Serialize,
{
    let first = op.parse(response);
    let second = op.parse(response);
    match (&first, &second) {
        (Ok(a), Ok(b)) => {
            let a = serde_json::to_string(a).expect("output serializes");
            let b = serde_json::to_string(b).expect("output serializes");
            assert_eq!(a, b, "{}: parse is not deterministic", O::NAME);
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "{}: parse is not deterministic", O::NAME);
            check_error(a, response);
        }
        _ => panic!("{}: parse is not deterministic", O::NAME),
    }
    first
}

/// The every-id-exactly-once invariant of a finished merge over `ids`
/// (distinct): each id is in exactly one of succeeded / failed / missing,
/// each list follows the input order. (Which ids are `unexpected` depends on
/// which call carried them: `merge_checked` and the `batch_plan_merge`
/// target check it.)
pub fn check_outcome<T: BatchItem>(ids: &[String], out: &BatchOutcome<T>) {
    let pos: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    assert_eq!(pos.len(), ids.len(), "merge ids must be distinct");
    let mut seen = vec![false; ids.len()];
    let mut mark = |list: &mut dyn Iterator<Item = &str>, what: &str| {
        let mut last: Option<usize> = None;
        for id in list {
            let &i = pos
                .get(id)
                .unwrap_or_else(|| panic!("{what}: id {id:?} was never requested"));
            assert!(!seen[i], "{what}: id {id:?} accounted for twice");
            seen[i] = true;
            if let Some(l) = last {
                assert!(l < i, "{what}: not in input order");
            }
            last = Some(i);
        }
    };
    mark(&mut out.succeeded.iter().map(|s| s.item_id()), "succeeded");
    mark(&mut out.failed.iter().map(|f| f.id.as_str()), "failed");
    mark(&mut out.missing.iter().map(|s| s.as_str()), "missing");
    assert!(seen.iter().all(|&s| s), "an id was lost");
    assert_eq!(out.total(), ids.len(), "total");
}

/// Merges one call's result over `ids` as a batch client would, and checks
/// the invariant.
pub fn merge_checked<T: BatchItem>(ids: &[String], result: Result<CallOutcome<T>, Error>) {
    let mut merge = BatchMerge::new(ids);
    merge.record_result(ids, result);
    let out = merge.finish();
    check_outcome(ids, &out);
    // One call carried every id: only ids never requested are unexpected.
    for u in &out.unexpected {
        assert!(!ids.contains(u), "requested id {u:?} listed as unexpected");
    }
}

fn run<O>(op: &O, r: &Response)
where
    O: Operation,
    O::Output: serde::Serialize,
{
    let _ = parse_checked(op, r);
}

fn run_merged<O, T>(op: &O, ids: &[String], r: &Response)
where
    O: Operation,
    O::Output: serde::Serialize + Into<CallOutcome<T>>,
    T: BatchItem,
{
    let result = parse_checked(op, r);
    merge_checked(ids, result.map(Into::into));
}

fn run_paged<O>(op: &O, cfg: &O::Config, r: &Response)
where
    O: Pager,
    O::Output: serde::Serialize,
{
    if let Ok(page) = parse_checked(op, r) {
        if let Some(next) = op.next_page(&page) {
            // The next page's request must build (offsets near u32::MAX too).
            let ctx = Context::new(cfg, 1_700_000_000_000, "0123456789ABCDEF0123456789ABCDEF");
            if let Err(e) = next.build(&ctx) {
                panic!("{}: next page does not build: {e}", O::NAME);
            }
        }
    }
}

/// Ids the batch operations of [`parse_all`] ask about: those used by the
/// response fixtures, so that seeds exercise the matching.
pub const HUAWEI_IDS: [&str; 6] = [
    "p1",
    "p2",
    "p3",
    "x",
    "00000000000000000000000000000001",
    "00000000000000000000000000000003",
];
/// GeeLark ids used by the fixtures.
pub const GEELARK_IDS: [&str; 5] = [
    "612345678901234567",
    "612345678901234568",
    "612345678901234569",
    "699999999999999999",
    "1",
];

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// Every operation in the catalogue (README's operations table) and their
/// configurations, built once.
pub struct Catalog {
    hw: huawei::Config,
    gl: geelark::Config,
    iam_ep: Endpoint,
}

impl Default for Catalog {
    fn default() -> Self {
        Self::new()
    }
}

impl Catalog {
    /// The configurations.
    pub fn new() -> Self {
        Catalog {
            hw: huawei::Config::for_region(
                "cn-north-4",
                "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
                huawei::Auth::aksk("HPUAEXAMPLEAK0000001", "ExampleSecretKey"),
            )
            .unwrap(),
            gl: geelark::Config::global(geelark::Auth::key("APPID", "APIKEY")).unwrap(),
            iam_ep: Endpoint::parse("https://iam.cn-north-4.myhuaweicloud.com").unwrap(),
        }
    }

    /// Runs the Huawei operations' parsers on `r`.
    pub fn parse_huawei(&self, r: &Response) {
        let hw = &self.hw;
        let ids = strings(&HUAWEI_IDS);
        let p = || adb::Target::Phones(ids.clone());

        run_merged(
            &ShowConnectInfos::new(ids.clone(), ClientType::Android).unwrap(),
            &ids,
            r,
        );
        run_paged(&phones::ListPhones::new(), hw, r);
        run_paged(
            &phones::ListPhones::new().page(u32::MAX - 3, 200).unwrap(),
            hw,
            r,
        );
        run(&phones::ShowPhone::new("p1").unwrap(), r);
        run(&phones::RenamePhone::new("p1", "n").unwrap(), r);
        run_paged(&servers::ListServers::new(), hw, r);
        run_paged(
            &servers::ListServers::new().page(u32::MAX, 100).unwrap(),
            hw,
            r,
        );
        run(&servers::ShowServer::new("s1").unwrap(), r);
        run_paged(&servers::ListEncodeServers::new(), hw, r);
        run_merged(
            &lifecycle::RestartPhones::new(ids.clone()).unwrap(),
            &ids,
            r,
        );
        run_merged(&lifecycle::ResetPhones::new(ids.clone()).unwrap(), &ids, r);
        run_merged(&lifecycle::StopPhones::new(ids.clone()).unwrap(), &ids, r);
        let mut update = lifecycle::UpdateProperties::new();
        for id in &ids {
            update = update
                .phone(
                    id.clone(),
                    lifecycle::Properties::new().set("k", "v").unwrap(),
                    Default::default(),
                )
                .unwrap();
        }
        run_merged(&update, &ids, r);
        run(&jobs::ShowJob::new("j1").unwrap(), r);
        let list_jobs = jobs::ListJobs::for_request("r1").unwrap();
        run_paged(&list_jobs, hw, r);
        if let Ok(list) = list_jobs.parse(r) {
            // The sans-IO job watcher over whatever jobs came back.
            let mut watch = jobs::JobWatch::new("r1", 0, 1000, 5000).unwrap();
            let _ = watch.step(0);
            watch.observe(list.jobs, u64::MAX - 1);
            let _ = watch.step(u64::MAX);
        }
        run_merged(
            &adb::RunSyncShell::new("ls -l /system", adb::Target::Phones(ids[..5].to_vec()))
                .unwrap(),
            &ids[..5],
            r,
        );
        run_merged(
            &adb::RunCommand::new(adb::Command::Shell("ls".into()), p()).unwrap(),
            &ids,
            r,
        );
        let servers_target = strings(&["s1", "s2"]);
        run_merged(
            &adb::RunCommand::new(
                adb::Command::Install("obs://bucket/app.apk".into()),
                adb::Target::Servers(servers_target.clone()),
            )
            .unwrap(),
            &servers_target,
            r,
        );
        let token = iam::CreateToken::password(
            "ops",
            "pw",
            "acme",
            iam::ProjectScope::Name("cn-north-4".into()),
        )
        .unwrap();
        if let Ok(t) = parse_checked(&token, r) {
            let _ = t.needs_refresh(u64::MAX, u64::MAX);
            let _ = t.needs_refresh(0, 0);
            let _ = t.auth();
        }
        let _ = &self.iam_ep;
    }

    /// Runs the GeeLark operations' parsers on `r`.
    pub fn parse_geelark(&self, r: &Response) {
        let gl = &self.gl;
        let ids = strings(&GEELARK_IDS);
        run_merged(&geelark::GetPhoneStatus::new(ids.clone()).unwrap(), &ids, r);
        run_paged(&geelark::ListPhones::new().page(1, 100).unwrap(), gl, r);
        run_paged(&geelark::ListPhones::new().page(u32::MAX, 100).unwrap(), gl, r);
        run_merged(&geelark::StartPhones::new(ids.clone()).unwrap(), &ids, r);
        run_merged(&geelark::StopPhones::new(ids.clone()).unwrap(), &ids, r);
        run_merged(&geelark::DeletePhones::new(ids.clone()).unwrap(), &ids, r);
        let tags = strings(&["607771234567890001", "607779999999999999"]);
        run_merged(
            &geelark::UpdatePhone::new(GEELARK_IDS[0])
                .unwrap()
                .tag_ids(tags.clone())
                .unwrap(),
            &tags,
            r,
        );
        run(
            &geelark::UpdatePhone::new(GEELARK_IDS[0])
                .unwrap()
                .name("n")
                .unwrap(),
            r,
        );
        let create = geelark::CreatePhones::new(
            "Android 13",
            vec![
                NewPhone::with_proxy_url("sg-tt-010", "socks5://u:p@203.0.113.20:1080").unwrap(),
                NewPhone::with_saved_proxy("sg-tt-011", 7).unwrap(),
            ],
        )
        .unwrap();
        let names = create.profile_names();
        run_merged(&create, &names, r);
        run(
            &geelark::screenshot::TakeScreenshot::new(GEELARK_IDS[0]).unwrap(),
            r,
        );
        run(
            &geelark::GetScreenshotResult::new("1901234567890123456").unwrap(),
            r,
        );
        let gps = geelark::SetGps::new([
            GpsPosition::new(GEELARK_IDS[0], 1.29, 103.85).unwrap(),
            GpsPosition::new(GEELARK_IDS[1], 30.26, -97.74).unwrap(),
        ])
        .unwrap();
        let gps_ids = gps.ids();
        run_merged(&gps, &gps_ids, r);
        run_merged(&geelark::GetGps::new(ids.clone()).unwrap(), &ids, r);
        run_merged(&geelark::SetAdb::new(ids.clone(), true).unwrap(), &ids, r);
        run_merged(&geelark::GetAdbData::new(ids.clone()).unwrap(), &ids, r);
        run_paged(
            &geelark::ListApps::new(GEELARK_IDS[0], 1, 100).unwrap(),
            gl,
            r,
        );
        run(
            &geelark::InstallApp::new(GEELARK_IDS[0], "1793552962140770002").unwrap(),
            r,
        );
        run(
            &geelark::UninstallApp::new(GEELARK_IDS[0], "com.example").unwrap(),
            r,
        );
    }

    /// Every operation's parser on `r`.
    pub fn parse_all(&self, r: &Response) {
        self.parse_huawei(r);
        self.parse_geelark(r);
    }
}
