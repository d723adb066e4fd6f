//! The simulator sends GeeLark's callbacks: once a callback URL is set
//! (`callback/set`), a phone start (type 1), stop (8), restart (1), app
//! install (15) and task cancel (13) are POSTed to it as GeeLark does, in
//! key mode signed with the team's own AppId and ApiKey. Sending happens on
//! a thread of its own, after the answer, so a slow or dead receiver never
//! delays the API; `http://` URLs only (the simulator has no TLS client),
//! each POST bounded by 2 s timeouts.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use serde_json::{Value, json};

use crate::sim::Shared;

/// The events a successful call of `path` produces (empty for the rest).
pub(super) fn of(path: &str, body: &Value, data: Option<&Value>, now_ms: u64) -> Vec<Value> {
    let secs = now_ms / 1000;
    let ids = |v: Option<&Value>, key: &str| -> Vec<String> {
        v.and_then(|d| d[key].as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x["id"].as_str().or(x.as_str()).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let failed = ids(data, "failDetails");
    let asked = |key: &str| -> Vec<String> {
        ids(Some(body), key)
            .into_iter()
            .filter(|id| !failed.contains(id))
            .collect()
    };
    let started = |id: String| {
        json!({"type": 1, "id": id, "result": true, "username": "sim@example.com",
               "ip": "127.0.0.1", "eventTime": secs})
    };
    match path {
        "/open/v1/phone/start" => ids(data, "successDetails")
            .into_iter()
            .map(started)
            .collect(),
        "/open/v1/phone/restart" => body["id"]
            .as_str()
            .map(|id| started(id.to_owned()))
            .into_iter()
            .collect(),
        "/open/v1/phone/stop" => asked("ids")
            .into_iter()
            .map(|id| {
                json!({"type": 8, "id": id, "username": "sim@example.com", "ip": "127.0.0.1",
                       "eventTime": secs, "useMin": 1})
            })
            .collect(),
        "/open/v1/app/install" => vec![json!({
            "type": 15, "id": body["envId"], "packageName": "",
            "appVersionId": body["appVersionId"], "result": 1,
        })],
        "/open/v1/task/cancel" => {
            let cancelled = asked("ids");
            if cancelled.is_empty() {
                Vec::new()
            } else {
                vec![json!({"type": 13, "taskIds": cancelled, "channel": "api"})]
            }
        }
        _ => Vec::new(),
    }
}

/// POSTs `events` to `url` on a thread, signed as GeeLark signs callbacks.
pub(super) fn send(sh: &Shared, url: String, events: Vec<Value>, now_ms: u64) {
    if events.is_empty() {
        return;
    }
    let Some(rest) = url.strip_prefix("http://") else {
        return;
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (rest[..i].to_owned(), rest[i..].to_owned()),
        None => (rest.to_owned(), "/".to_owned()),
    };
    let creds = &sh.geelark_creds;
    let signed: Vec<(String, Vec<u8>)> = events
        .into_iter()
        .map(|e| {
            let trace = sh.random_hex(32).to_uppercase();
            let nonce = trace[..6].to_owned();
            let ts = now_ms.to_string();
            let sign = crate::geelark::sign(&creds.app_id, &trace, &ts, &nonce, creds.api_key.expose());
            let body = e.to_string().into_bytes();
            let head = format!(
                "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\n\
                 Content-Length: {}\r\nappId: {}\r\ntraceId: {trace}\r\nts: {ts}\r\nnonce: {nonce}\r\n\
                 sign: {sign}\r\nConnection: close\r\n\r\n",
                body.len(),
                creds.app_id,
            );
            (head, body)
        })
        .collect();
    std::thread::spawn(move || {
        for (head, body) in signed {
            let _ = post(&authority, &head, &body);
        }
    });
}

fn post(authority: &str, head: &str, body: &[u8]) -> std::io::Result<()> {
    let addr = authority
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| std::io::Error::other("no address"))?;
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    s.set_write_timeout(Some(Duration::from_secs(2)))?;
    s.set_read_timeout(Some(Duration::from_secs(2)))?;
    s.write_all(head.as_bytes())?;
    s.write_all(body)?;
    let mut answer = [0u8; 512];
    let _ = s.read(&mut answer)?;
    Ok(())
}
