//! Shared helpers for the integration tests: fixture files and renderings.
#![allow(dead_code)]

use cloudphone::{Error, Response};

/// Reads a `.http` fixture: a status line, headers, a blank line, the body.
pub fn read_http(path: &std::path::Path) -> Response {
    let text = std::fs::read(path).expect("fixture readable");
    parse_http(&text)
}

/// Parses raw HTTP/1.1 response text (LF or CRLF line ends in the head).
pub fn parse_http(raw: &[u8]) -> Response {
    let split = raw
        .windows(2)
        .position(|w| w == b"\n\n")
        .map(|i| (i, 2))
        .or_else(|| {
            raw.windows(4)
                .position(|w| w == b"\r\n\r\n")
                .map(|i| (i, 4))
        })
        .expect("a blank line ends the head");
    let head = std::str::from_utf8(&raw[..split.0]).expect("head is UTF-8");
    let body = raw[split.0 + split.1..].to_vec();
    let mut lines = head.lines();
    let status_line = lines.next().expect("status line");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    let mut response = Response::new(status, body);
    for line in lines {
        let (n, v) = line.split_once(':').expect("header line");
        response = response.with_header(n.trim(), v.trim());
    }
    response
}

/// A JSON rendering of an error for snapshots: kind, code, status, ids and
/// the Display text.
pub fn error_json(e: &Error) -> serde_json::Value {
    let api = e.api();
    serde_json::json!({
        "kind": e.kind().as_str(),
        "status_code": e.kind() as u32,
        "display": e.to_string(),
        "http_status": e.http_status(),
        "code": api.map(|a| a.code.clone()),
        "request_id": api.and_then(|a| a.request_id.clone()),
        "retry_after_secs": api.and_then(|a| a.retry_after_secs),
    })
}

/// `{"ok": value}` or `{"error": …}`.
pub fn result_json<T: serde::Serialize>(r: &Result<T, Error>) -> serde_json::Value {
    match r {
        Ok(v) => serde_json::json!({ "ok": v }),
        Err(e) => serde_json::json!({ "error": error_json(e) }),
    }
}
