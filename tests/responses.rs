//! Every response fixture in `tests/fixtures/responses/<provider>/<operation>/`
//! parsed by its operation and snapshotted: the typed output or the typed
//! error. The fixture text is the snapshot's description, so each `.snap`
//! explains itself.

mod support;

use cloudphone::Operation;
use cloudphone::geelark::GetPhoneStatus;
use cloudphone::huawei::iam::{CreateToken, ProjectScope};
use cloudphone::huawei::{BatchConnection, ClientType};

fn snapshot_dir<O>(op: &O, dir: &str)
where
    O: Operation,
    O::Output: serde::Serialize,
{
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/responses")
        .join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&root)
        .expect("fixture directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "http"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", root.display());
    for path in paths {
        let response = support::read_http(&path);
        let rendered = support::result_json(&op.parse(&response));
        let case = path.file_stem().unwrap().to_string_lossy().into_owned();
        let fixture = std::fs::read_to_string(&path).unwrap_or_default();
        insta::with_settings!({
            description => fixture,
            omit_expression => true,
            sort_maps => true,
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_json_snapshot!(format!("{}__{case}", dir.replace('/', "_")), rendered);
        });
    }
}

#[test]
fn huawei_batch_connection() {
    let op = BatchConnection::new(["x"], ClientType::Android).unwrap();
    snapshot_dir(&op, "huawei/batch_connection");
}

#[test]
fn huawei_iam_token() {
    let op = CreateToken::password("ops", "pw", "acme", ProjectScope::Name("cn-north-4".into()))
        .unwrap();
    snapshot_dir(&op, "huawei/iam_token");
}

#[test]
fn geelark_phone_status() {
    let op = GetPhoneStatus::new(["x"]).unwrap();
    snapshot_dir(&op, "geelark/phone_status");
}
