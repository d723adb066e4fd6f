//! Through the C ABI: echoed credentials never reach an error text, and
//! oversized bodies are refused with the cap named (issue 11, items 6 and 7).
//! The Rust-side halves of these checks are in the core's tests/safety.rs.

use cloudphone::geelark::GetPhoneStatus;
use cloudphone::huawei::{ClientType, ShowConnectInfos};
use cloudphone::{Error, ErrorKind, Operation, Response};

const PROJECT: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const AK: &str = "AKSECRETVALUE0000001";
const SK: &str = "SKSECRETVALUEabcdefghijklmnopqrstuvwxyz";
const TOKEN: &str = "TOKENSECRETVALUE-xyz";
const API_KEY: &str = "APIKEYSECRETVALUE";
const APP_ID: &str = "APPIDSECRETVALUE";

// ------------------------------------------------- issue 11 items 6 and 7

/// The text of a borrowed C string view.
fn view(s: crate::cloudphone_str) -> String {
    if s.ptr.is_null() {
        return String::new();
    }
    // SAFETY: a view returned by the library, alive while its handle is.
    let bytes = unsafe { std::slice::from_raw_parts(s.ptr.cast::<u8>(), s.len) };
    String::from_utf8_lossy(bytes).into_owned()
}

/// Everything a C host can read from an error, joined.
///
/// # Safety
/// `err` is a live error.
unsafe fn c_error_text(err: *const crate::cloudphone_error) -> String {
    use crate::*;
    // SAFETY: per the function contract.
    unsafe {
        [
            view(cloudphone_error_message(err)),
            view(cloudphone_error_provider(err)),
            view(cloudphone_error_provider_code(err)),
            view(cloudphone_error_request_id(err)),
        ]
        .join(" | ")
    }
}

/// The headers of a C request, as (name, value).
///
/// # Safety
/// `req` is a live request.
unsafe fn c_request_headers(req: *const crate::cloudphone_request) -> Vec<(String, String)> {
    use crate::*;
    // SAFETY: per the function contract.
    unsafe {
        (0..cloudphone_request_header_count(req))
            .map(|i| {
                let h = cloudphone_request_header_at(req, i);
                (view(h.name), view(h.value))
            })
            .collect()
    }
}

/// Bodies a server could send back with the request's real credentials in
/// them: the signed headers echoed as text, as HTML and as JSON, plus a
/// connection ticket, each under statuses that take every error path.
fn echo_bodies(headers: &[(String, String)], ticket: &str) -> Vec<(u16, Vec<u8>)> {
    let lines: String = headers
        .iter()
        .map(|(n, v)| format!("{n}: {v}\r\n"))
        .collect();
    let json: serde_json::Map<String, serde_json::Value> = headers
        .iter()
        .map(|(n, v)| (n.clone(), serde_json::Value::String(v.clone())))
        .collect();
    let json = serde_json::Value::Object(json).to_string();
    let mut out = Vec::new();
    for status in [400, 401, 403, 429, 500, 502] {
        out.push((status, format!("echo:\r\n{lines}").into_bytes()));
        out.push((
            status,
            format!("<html><body><pre>{lines}</pre></body></html>").into_bytes(),
        ));
        out.push((status, format!(r#"{{"headers":{json}}}"#).into_bytes()));
        out.push((
            status,
            format!(
                r#"{{"error_code":"APIGW.0301","error_msg":"bad request: {}","headers":{json}}}"#,
                lines.replace("\r\n", "; ")
            )
            .into_bytes(),
        ));
        out.push((
            status,
            format!(
                r#"{{"code":40003,"msg":"echo {}","traceId":"T","ticket":"{ticket}"}}"#,
                lines.replace("\r\n", "; ")
            )
            .into_bytes(),
        ));
        out.push((
            status,
            format!(
                r#"{{"connect_infos":[{{"phone_id":"p1","access_info":{{"ticket":"{ticket}"}}}}]}}"#
            )
            .into_bytes(),
        ));
    }
    out
}

/// The secret values of a built request: every credential header's value
/// and the pieces of an `Authorization` value (the signature, a bearer
/// token), at least 8 bytes each.
fn secrets_of(headers: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (n, v) in headers {
        if !cloudphone::http::is_sensitive_header(n) || n.eq_ignore_ascii_case("appid") {
            continue;
        }
        out.push(v.clone());
        if let Some(sig) = v.split("Signature=").nth(1) {
            out.push(sig.to_owned());
        }
        if let Some(tok) = v.strip_prefix("Bearer ") {
            out.push(tok.to_owned());
        }
    }
    out.retain(|s| s.len() >= 8);
    out
}

fn assert_clean(what: &str, text: &str, secrets: &[String]) {
    for s in secrets {
        assert!(!text.contains(s.as_str()), "{what}: a secret leaks: {text}");
    }
}

const TICKET: &str = "PLANTEDticket-0a1b2c3d4e5f";

/// Item 6: a server echoing the real signed request back, under every error
/// status, never gets a credential into an error — through the Rust API
/// (`Display`, `Debug`) and through the C ABI (`cloudphone_error_message`
/// and the other error accessors).
#[test]
fn echoed_credentials_never_reach_an_error_rust_or_c() {
    use crate::*;
    use std::ffi::CString;
    use std::ptr::null_mut;

    let ak = CString::new(AK).unwrap();
    let sk = CString::new(SK).unwrap();
    let token = CString::new(TOKEN).unwrap();
    let region = CString::new("cn-north-4").unwrap();
    let project = CString::new(PROJECT).unwrap();
    let app = CString::new(APP_ID).unwrap();
    let key = CString::new(API_KEY).unwrap();
    let android = CString::new("ANDROID").unwrap();
    let trace = CString::new("0123456789ABCDEF0123456789ABCDEF").unwrap();
    let id = CString::new("1234567890").unwrap();
    let ids = [id.as_ptr()];
    let mut checked = 0;
    // SAFETY: every pointer below is live for the call; handles are freed.
    unsafe {
        let mut hw: *mut cloudphone_huawei_config = null_mut();
        let st = cloudphone_huawei_config_new_aksk(
            region.as_ptr(),
            project.as_ptr(),
            ak.as_ptr(),
            sk.as_ptr(),
            token.as_ptr(),
            &mut hw,
            null_mut(),
        );
        assert_eq!(st, cloudphone_status::Ok);
        let mut gl: *mut cloudphone_geelark_config = null_mut();
        let st = cloudphone_geelark_config_new_key(
            std::ptr::null(),
            app.as_ptr(),
            key.as_ptr(),
            &mut gl,
            null_mut(),
        );
        assert_eq!(st, cloudphone_status::Ok);

        let mut hw_req: *mut cloudphone_request = null_mut();
        let st = cloudphone_huawei_show_connect_infos_build(
            hw,
            ids.as_ptr(),
            1,
            android.as_ptr(),
            1_700_000_000_000,
            trace.as_ptr(),
            &mut hw_req,
            null_mut(),
        );
        assert_eq!(st, cloudphone_status::Ok);
        let mut gl_req: *mut cloudphone_request = null_mut();
        let st = cloudphone_geelark_get_phone_status_build(
            gl,
            ids.as_ptr(),
            1,
            1_700_000_000_000,
            trace.as_ptr(),
            &mut gl_req,
            null_mut(),
        );
        assert_eq!(st, cloudphone_status::Ok);

        for (provider, req) in [("huawei", hw_req), ("geelark", gl_req)] {
            let headers = c_request_headers(req);
            let mut secrets = secrets_of(&headers);
            secrets.extend([SK, API_KEY, TOKEN, TICKET].map(str::to_owned));
            let sent = if provider == "huawei" {
                "Signature="
            } else {
                "sign"
            };
            assert!(
                headers.iter().any(|(n, v)| n == sent || v.contains(sent)),
                "{provider}: the request carries no signature to echo: {headers:?}"
            );
            // The response headers echo the credentials too.
            let echoed: Vec<(CString, CString)> = headers
                .iter()
                .map(|(n, v)| {
                    (
                        CString::new(n.as_str()).unwrap(),
                        CString::new(v.as_str()).unwrap(),
                    )
                })
                .collect();
            let c_headers: Vec<cloudphone_response_header> = echoed
                .iter()
                .map(|(n, v)| cloudphone_response_header {
                    name: n.as_ptr(),
                    name_len: n.as_bytes().len(),
                    value: v.as_ptr(),
                    value_len: v.as_bytes().len(),
                })
                .collect();
            for (status, body) in echo_bodies(&headers, TICKET) {
                // Rust API.
                let mut response = Response::new(status, body.clone());
                response.headers = headers.clone();
                let e = if provider == "huawei" {
                    ShowConnectInfos::new(["1234567890"], ClientType::Android)
                        .unwrap()
                        .parse(&response)
                        .map(drop)
                        .unwrap_err()
                } else {
                    GetPhoneStatus::new(["1234567890"])
                        .unwrap()
                        .parse(&response)
                        .map(drop)
                        .unwrap_err()
                };
                assert_clean(
                    &format!("{provider} {status} Display"),
                    &e.to_string(),
                    &secrets,
                );
                assert_clean(
                    &format!("{provider} {status} Debug"),
                    &format!("{e:?}"),
                    &secrets,
                );
                // C ABI.
                let mut err: *mut cloudphone_error = null_mut();
                // One parse for both providers: the request knows its operation.
                let mut out: *mut cloudphone_result = null_mut();
                let st = cloudphone_request_parse(
                    req,
                    status,
                    c_headers.as_ptr(),
                    c_headers.len(),
                    body.as_ptr(),
                    body.len(),
                    &mut out,
                    &mut err,
                );
                cloudphone_result_free(out);
                assert_ne!(st, cloudphone_status::Ok, "{provider} {status}");
                assert!(!err.is_null());
                let text = c_error_text(err);
                assert!(
                    text.contains(&status.to_string())
                        || text.contains("APIGW")
                        || text.contains("40003"),
                    "{text}"
                );
                assert_clean(&format!("{provider} {status} C error"), &text, &secrets);
                cloudphone_error_free(err);
                checked += 1;
            }
        }
        cloudphone_request_free(hw_req);
        cloudphone_request_free(gl_req);
        cloudphone_huawei_config_free(hw);
        cloudphone_geelark_config_free(gl);
    }
    assert_eq!(checked, 2 * 6 * 6);
}

/// Item 7: a body one byte over the sans-IO cap is refused with
/// `BodyTooLarge` naming the cap — by `parse` (default 16 MiB), by
/// `parse_with_limit` (the host's cap), and by the C parse path (default).
#[test]
fn oversized_bodies_are_refused_with_the_cap_named_rust_and_c() {
    use crate::*;
    use std::ffi::CString;
    use std::ptr::null_mut;

    let cap = cloudphone::DEFAULT_MAX_BODY_LEN;
    assert_eq!(cap, 16 * 1024 * 1024);
    #[cfg(feature = "client")]
    assert_eq!(cap, cloudphone::client::DEFAULT_BODY_LIMIT);
    let op = ShowConnectInfos::new(["p1"], ClientType::Android).unwrap();
    let over = Response::new(200, vec![b' '; cap as usize + 1]);
    let e = op.parse(&over).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BodyTooLarge);
    assert!(
        matches!(e, Error::BodyTooLarge { limit, .. } if limit == cap),
        "{e:?}"
    );
    assert!(e.to_string().contains("16777216"), "{e}");
    // Exactly the cap is read (and here found empty: a decode error).
    let at = Response::new(200, vec![b' '; cap as usize]);
    assert_eq!(op.parse(&at).unwrap_err().kind(), ErrorKind::Decode);
    // A host's own cap, lower or higher.
    let small = Response::new(200, r#"{"request_id":"r","connect_infos":[],"errors":[]}"#);
    let n = small.body.len() as u64;
    assert!(op.parse_with_limit(&small, n).is_ok());
    let e = op.parse_with_limit(&small, n - 1).unwrap_err();
    assert!(
        matches!(e, Error::BodyTooLarge { limit, .. } if limit == n - 1),
        "{e:?}"
    );
    assert!(e.to_string().contains(&format!("{}-byte", n - 1)), "{e}");
    assert_eq!(
        op.parse_with_limit(&over, u64::MAX).unwrap_err().kind(),
        ErrorKind::Decode
    );
    // GeeLark too: the check is the trait's, shared by every operation.
    let e = GetPhoneStatus::new(["1"])
        .unwrap()
        .parse(&over)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BodyTooLarge);

    // The C parse path, with the default cap.
    let region = CString::new("cn-north-4").unwrap();
    let project = CString::new(PROJECT).unwrap();
    let ak = CString::new(AK).unwrap();
    let sk = CString::new(SK).unwrap();
    let android = CString::new("ANDROID").unwrap();
    let trace = CString::new("T").unwrap();
    let id = CString::new("p1").unwrap();
    let ids = [id.as_ptr()];
    // SAFETY: every pointer is live for the call; handles are freed.
    unsafe {
        let mut hw: *mut cloudphone_huawei_config = null_mut();
        assert_eq!(
            cloudphone_huawei_config_new_aksk(
                region.as_ptr(),
                project.as_ptr(),
                ak.as_ptr(),
                sk.as_ptr(),
                std::ptr::null(),
                &mut hw,
                null_mut()
            ),
            cloudphone_status::Ok
        );
        let mut req: *mut cloudphone_request = null_mut();
        assert_eq!(
            cloudphone_huawei_show_connect_infos_build(
                hw,
                ids.as_ptr(),
                1,
                android.as_ptr(),
                1,
                trace.as_ptr(),
                &mut req,
                null_mut()
            ),
            cloudphone_status::Ok
        );
        for (body, want) in [
            (&over.body, cloudphone_status::BodyTooLarge),
            (&small.body, cloudphone_status::Ok),
        ] {
            let mut out: *mut cloudphone_result = null_mut();
            let mut err: *mut cloudphone_error = null_mut();
            let st = cloudphone_request_parse(
                req,
                200,
                std::ptr::null(),
                0,
                body.as_ptr(),
                body.len(),
                &mut out,
                &mut err,
            );
            assert_eq!(st, want);
            if want == cloudphone_status::BodyTooLarge {
                assert!(out.is_null());
                assert_eq!(
                    cloudphone_error_status(err),
                    cloudphone_status::BodyTooLarge
                );
                let msg = view(cloudphone_error_message(err));
                assert!(
                    msg.contains("16777216-byte cap") && msg.contains("huawei.show_connect_infos"),
                    "{msg}"
                );
            }
            cloudphone_result_free(out);
            cloudphone_error_free(err);
        }
        cloudphone_request_free(req);
        cloudphone_huawei_config_free(hw);
    }
}
