//! Regression tests for inputs the fuzzers found (see `fuzz/`).

use cloudphone::geelark::{self, GpsPosition, NewPhone};
use cloudphone::huawei::{self, adb, iam, jobs, lifecycle, phones, servers};
use cloudphone::{Error, Operation, Response, Result};

enum Got {
    Parsed,
    Failed(Error),
}

fn parsed<T>(r: Result<T>) -> Got {
    match r {
        Ok(_) => Got::Parsed,
        Err(e) => Got::Failed(e),
    }
}

// ------------------------------------------------------------------ parsers

type Parse = Box<dyn Fn(&Response) -> Got>;

fn p<O: Operation + 'static>(op: O) -> (&'static str, Parse) {
    (O::NAME, Box::new(move |r: &Response| parsed(op.parse(r))))
}

/// Every operation in the catalogue, as a parser.
fn parsers() -> Vec<(&'static str, Parse)> {
    let one = || vec!["p1".to_owned()];
    vec![
        p(huawei::BatchConnection::new(["p1"], huawei::ClientType::Android).unwrap()),
        p(phones::ListPhones::new()),
        p(phones::ShowPhone::new("p1").unwrap()),
        p(phones::RenamePhone::new("p1", "n").unwrap()),
        p(servers::ListServers::new()),
        p(servers::ShowServer::new("s1").unwrap()),
        p(servers::ListEncodeServers::new()),
        p(lifecycle::RestartPhones::new(["p1"]).unwrap()),
        p(lifecycle::ResetPhones::new(["p1"]).unwrap()),
        p(lifecycle::StopPhones::new(["p1"]).unwrap()),
        p(lifecycle::UpdateProperties::new()
            .phone("p1", lifecycle::Properties::new().set("k", "v").unwrap(), Default::default())
            .unwrap()),
        p(jobs::ShowJob::new("j1").unwrap()),
        p(jobs::ListJobs::for_request("r1").unwrap()),
        p(adb::RunSyncShell::new("ls", adb::Target::Phones(one())).unwrap()),
        p(adb::RunCommand::new(adb::Command::Shell("ls".into()), adb::Target::Phones(one())).unwrap()),
        p(iam::CreateToken::password("u", "p", "d", iam::ProjectScope::Name("cn-north-4".into())).unwrap()),
        p(geelark::GetPhoneStatus::new(["1"]).unwrap()),
        p(geelark::ListPhones::new(1, 100).unwrap()),
        p(geelark::StartPhones::new(["1"]).unwrap()),
        p(geelark::StopPhones::new(["1"]).unwrap()),
        p(geelark::DeletePhones::new(["1"]).unwrap()),
        p(geelark::UpdatePhone::new("1").unwrap().name("n").unwrap()),
        p(geelark::CreatePhones::new("Android 13", vec![NewPhone::with_saved_proxy("a", 1).unwrap()]).unwrap()),
        p(geelark::screenshot::TakeScreenshot::new("1").unwrap()),
        p(geelark::GetScreenshotResult::new("t").unwrap()),
        p(geelark::SetGps::new([GpsPosition::new("1", 1.0, 2.0).unwrap()]).unwrap()),
        p(geelark::GetGps::new(["1"]).unwrap()),
        p(geelark::SetAdb::new(["1"], true).unwrap()),
        p(geelark::GetAdbData::new(["1"]).unwrap()),
        p(geelark::ListApps::new("1", 1, 100).unwrap()),
        p(geelark::InstallApp::new("1", "v").unwrap()),
        p(geelark::UninstallApp::new("1", "com.example").unwrap()),
    ]
}

/// Fuzz finding (parse_geelark_phone_status): a body failing right after an
/// empty object key gave a decode error whose path was the empty string.
#[test]
fn decode_error_after_an_empty_key_names_a_path() {
    let fixture = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fuzz-regressions/parse_geelark_phone_status/empty-key-decode-path.http"
    ))
    .unwrap();
    let i = fixture.windows(2).position(|w| w == b"\n\n").unwrap();
    let bodies: [&[u8]; 4] = [&fixture[i + 2..], b"{\"\":x}", b"{\"code\":0,\"\":di", b"{\"\":[1,}"];
    for body in bodies {
        let r = Response::new(200, body.to_vec());
        for (name, parse) in parsers() {
            if let Got::Failed(Error::Decode { path, .. }) = parse(&r) {
                assert!(!path.is_empty(), "{name}: empty decode path for {body:?}");
            }
        }
    }
}
