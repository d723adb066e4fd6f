//! Request builds with arbitrary caller strings in every field that reaches
//! a URL, a header or a body (credentials, project id, ids, names, filters,
//! shell content, property keys, trace id, user agent, endpoint). Whatever
//! is accepted must give a request that cannot be split or retargeted: an
//! ASCII URL under the configured base with no dot segments, query or
//! fragment smuggled in, header values free of CR/LF/NUL, a JSON body.
#![no_main]

use arbitrary::Arbitrary;
use cloudphone::geelark;
use cloudphone::huawei::{self, adb, iam, jobs, lifecycle, phones, servers};
use cloudphone::{Context, Endpoint, Operation, Request};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    endpoint: String,
    project_id: String,
    ak: String,
    sk: String,
    token: Option<String>,
    security_token: Option<String>,
    user_agent: Option<String>,
    app_id: String,
    api_key: String,
    geelark_token: bool,
    trace_id: String,
    now_ms: u64,
    ids: Vec<String>,
    id: String,
    name: String,
    text: String,
}

fn check(req: &Request, base: &str, name: &str) {
    assert!(
        req.url.starts_with(base),
        "{name}: URL left the base: {}",
        req.url
    );
    assert!(
        req.url.bytes().all(|b| b.is_ascii_graphic()),
        "{name}: raw byte in URL {:?}",
        req.url
    );
    assert!(!req.url.contains('#'), "{name}: fragment in URL");
    let rest = &req.url[base.len()..];
    let path = rest.split('?').next().unwrap();
    for seg in path.split('/') {
        assert!(
            seg != "." && seg != "..",
            "{name}: dot segment in {}",
            req.url
        );
        let lower = seg.to_ascii_lowercase();
        assert!(
            !lower.contains("%2f") && !lower.contains("%2e"),
            "{name}: encoded / or . in path"
        );
    }
    assert!(rest.matches('?').count() <= 1, "{name}: two queries");
    for (n, v) in &req.headers {
        assert!(
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_graphic() && b != b':'),
            "{name}: bad header name {n:?}"
        );
        assert!(
            !v.chars().any(|c| c != '\t' && c.is_control()),
            "{name}: control character in header {n}"
        );
    }
    if !req.body.is_empty() {
        serde_json::from_slice::<serde_json::Value>(&req.body)
            .unwrap_or_else(|e| panic!("{name}: body is not JSON: {e}"));
    }
}

fn build<O: Operation>(op: cloudphone::Result<O>, cfg: &O::Config, base: &str, i: &Input) {
    if let Ok(op) = op {
        if let Ok(req) = op.build(&Context::new(cfg, i.now_ms, &i.trace_id)) {
            check(&req, base, O::NAME);
        }
    }
}

fuzz_target!(|i: Input| {
    // The endpoint is the caller's own configuration; a raw non-ASCII path
    // prefix is theirs to get right, so only ASCII ones are used here.
    let endpoint = Endpoint::parse(&i.endpoint)
        .ok()
        .filter(|e| e.as_str().bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or_else(|| Endpoint::parse("https://cph.example.com").unwrap());
    let hw_auth = match (&i.token, &i.security_token) {
        (Some(t), _) => huawei::Auth::token(t.clone()),
        (None, Some(st)) => huawei::Auth::temporary(i.ak.clone(), i.sk.clone(), st.clone()),
        (None, None) => huawei::Auth::aksk(i.ak.clone(), i.sk.clone()),
    };
    if let Ok(mut hw) = huawei::Config::new(endpoint.clone(), i.project_id.clone(), hw_auth) {
        if let Some(ua) = &i.user_agent {
            if let Ok(c) = hw.clone().with_user_agent(ua.clone()) {
                hw = c;
            }
        }
        let base = format!("{}/v1/{}/", endpoint.as_str(), i.project_id);
        let ids = i.ids.clone();
        build(
            huawei::ShowConnectInfos::new(ids.clone(), huawei::ClientType::Android),
            &hw,
            &base,
            &i,
        );
        build(phones::ShowPhone::new(i.id.clone()), &hw, &base, &i);
        build(
            phones::RenamePhone::new(i.id.clone(), i.name.clone()),
            &hw,
            &base,
            &i,
        );
        build(
            phones::ListPhones::new()
                .name(i.name.clone())
                .and_then(|o| o.server(i.id.clone())),
            &hw,
            &base,
            &i,
        );
        build(
            servers::ListServers::new().filter("server_name", i.name.clone()),
            &hw,
            &base,
            &i,
        );
        build(servers::ShowServer::new(i.id.clone()), &hw, &base, &i);
        build(
            servers::ListEncodeServers::new().server(i.id.clone()),
            &hw,
            &base,
            &i,
        );
        build(lifecycle::RestartPhones::new(ids.clone()), &hw, &base, &i);
        build(
            lifecycle::ResetPhones::new(ids.clone()).and_then(|o| o.with_image(i.id.clone())),
            &hw,
            &base,
            &i,
        );
        build(lifecycle::StopPhones::new(ids.clone()), &hw, &base, &i);
        build(
            lifecycle::Properties::new()
                .set(i.name.clone(), i.text.clone())
                .and_then(|p| {
                    lifecycle::UpdateProperties::new().phone(i.id.clone(), p, Default::default())
                }),
            &hw,
            &base,
            &i,
        );
        build(jobs::ShowJob::new(i.id.clone()), &hw, &base, &i);
        build(jobs::ListJobs::for_requests(ids.clone()), &hw, &base, &i);
        build(
            adb::RunSyncShell::new(i.text.clone(), adb::Target::Phones(ids.clone())),
            &hw,
            &base,
            &i,
        );
        build(
            adb::RunCommand::new(
                adb::Command::Shell(i.text.clone()),
                adb::Target::Servers(ids.clone()),
            ),
            &hw,
            &base,
            &i,
        );
        build(
            adb::RunCommand::new(
                adb::Command::Push(i.text.clone()),
                adb::Target::Phones(ids.clone()),
            ),
            &hw,
            &base,
            &i,
        );
    }
    let iam_base = format!("{}/v3/", endpoint.as_str());
    build(
        iam::CreateToken::password(
            i.name.clone(),
            i.sk.clone(),
            i.id.clone(),
            iam::ProjectScope::Name(i.project_id.clone()),
        ),
        &endpoint,
        &iam_base,
        &i,
    );

    let gl_auth = if i.geelark_token {
        geelark::Auth::token(i.token.clone().unwrap_or_default())
    } else {
        geelark::Auth::key(i.app_id.clone(), i.api_key.clone())
    };
    if let Ok(gl) = geelark::Config::new(endpoint.clone(), gl_auth) {
        let base = format!("{}/open/v1/", endpoint.as_str());
        let ids = i.ids.clone();
        build(geelark::GetPhoneStatus::new(ids.clone()), &gl, &base, &i);
        build(
            geelark::ListPhones::new().page(1, 100).map(|o| {
                o.serial_name(i.name.clone())
                    .remark(i.text.clone())
                    .group_name(i.id.clone())
            }),
            &gl,
            &base,
            &i,
        );
        build(geelark::StartPhones::new(ids.clone()), &gl, &base, &i);
        build(geelark::StopPhones::new(ids.clone()), &gl, &base, &i);
        build(geelark::DeletePhones::new(ids.clone()), &gl, &base, &i);
        build(
            geelark::UpdatePhone::new(i.id.clone())
                .and_then(|o| o.name(i.name.clone()))
                .and_then(|o| o.remark(i.text.clone())),
            &gl,
            &base,
            &i,
        );
        build(
            geelark::NewPhone::with_proxy_url(i.id.clone(), i.text.clone())
                .and_then(|p| geelark::CreatePhones::new(i.name.clone(), vec![p])),
            &gl,
            &base,
            &i,
        );
        build(
            geelark::screenshot::TakeScreenshot::new(i.id.clone()),
            &gl,
            &base,
            &i,
        );
        build(
            geelark::GetScreenshotResult::new(i.id.clone()),
            &gl,
            &base,
            &i,
        );
        build(geelark::GetGps::new(ids.clone()), &gl, &base, &i);
        build(geelark::SetAdb::new(ids.clone(), true), &gl, &base, &i);
        build(geelark::GetAdbData::new(ids.clone()), &gl, &base, &i);
        build(geelark::ListApps::new(i.id.clone(), 1, 100), &gl, &base, &i);
        build(
            geelark::InstallApp::new(i.id.clone(), i.name.clone()),
            &gl,
            &base,
            &i,
        );
        build(
            geelark::UninstallApp::new(i.id.clone(), i.name.clone()),
            &gl,
            &base,
            &i,
        );
    }
});
