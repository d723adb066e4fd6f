//! The transport-level faults: answers that redirect, trickle, arrive
//! compressed, break HTTP framing, or repeat and invent ids. Each is built
//! from the answer the simulator would have given (so the bytes are
//! otherwise right) and turned into an [`Action`].

use serde_json::Value;

use super::server::{Action, HttpRequest, HttpResponse, RawAnswer, head_bytes, response_bytes};
use super::{ChunkFault, Fault, Provider, gzip};

/// The action for one of the transport-level faults; `answer` builds the
/// normal answer (it acts on the request, so a redirect never calls it).
/// `None` for a fault that is not one of them, or does not apply here.
pub(super) fn action(
    fault: &Fault,
    provider: Provider,
    req: &HttpRequest,
    answer: &dyn Fn() -> HttpResponse,
) -> Option<Action> {
    let raw = |prefix: Vec<u8>| {
        Action::Raw(RawAnswer {
            prefix,
            ..RawAnswer::default()
        })
    };
    Some(match fault {
        Fault::Redirect { status, location } => {
            let mut target = format!("{location}{}", req.path);
            if !req.query.is_empty() {
                target.push('?');
                target.push_str(&req.query);
            }
            let resp =
                HttpResponse::text(*status, "moved: see Location").with_header("Location", target);
            Action::Respond(resp)
        }
        Fault::TrickleHead(interval) => Action::Raw(RawAnswer {
            prefix: Vec::new(),
            trickle: response_bytes(&answer()),
            interval: *interval,
        }),
        Fault::TrickleBody(interval) => {
            let resp = answer();
            let len = resp.body.len().to_string();
            let head = [("Content-Length", len.as_str()), ("Connection", "close")];
            Action::Raw(RawAnswer {
                prefix: head_bytes("HTTP/1.1", &resp, &head),
                trickle: resp.body,
                interval: *interval,
            })
        }
        Fault::Gzip => {
            let mut resp = answer();
            resp.body = gzip::stored(&resp.body);
            Action::Respond(resp.with_header("Content-Encoding", "gzip"))
        }
        Fault::GzipBomb(inflated) => {
            let mut resp = HttpResponse::json(200, &Value::Null);
            resp.body = gzip::bomb(*inflated);
            Action::Respond(resp.with_header("Content-Encoding", "gzip"))
        }
        Fault::ContentEncoding(name) => {
            Action::Respond(answer().with_header("Content-Encoding", name.clone()))
        }
        Fault::BadChunk(kind) => {
            let resp = answer();
            let mut out = head_bytes(
                "HTTP/1.1",
                &resp,
                &[("Transfer-Encoding", "chunked"), ("Connection", "close")],
            );
            let size = match kind {
                ChunkFault::NonHex => "zz".to_owned(),
                ChunkFault::Overflow => format!("1{}", "0".repeat(24)),
                ChunkFault::Negative => format!("-{:x}", resp.body.len()),
                ChunkFault::Truncated => format!("{:x}", resp.body.len()),
            };
            out.extend_from_slice(size.as_bytes());
            out.extend_from_slice(b"\r\n");
            if *kind == ChunkFault::Truncated {
                out.extend_from_slice(&resp.body[..resp.body.len() / 2]);
            } else {
                out.extend_from_slice(&resp.body);
                out.extend_from_slice(b"\r\n0\r\n\r\n");
            }
            raw(out)
        }
        Fault::DuplicateContentLength | Fault::ConflictingContentLength => {
            let resp = answer();
            let len = resp.body.len().to_string();
            let second = if *fault == Fault::DuplicateContentLength {
                len.clone()
            } else {
                (resp.body.len() / 2).to_string()
            };
            let mut out = head_bytes(
                "HTTP/1.1",
                &resp,
                &[
                    ("Content-Length", &len),
                    ("Content-Length", &second),
                    ("Connection", "close"),
                ],
            );
            out.extend_from_slice(&resp.body);
            raw(out)
        }
        Fault::Http10 | Fault::Http10Cut => {
            let resp = answer();
            let mut out = head_bytes("HTTP/1.0", &resp, &[]);
            let n = if *fault == Fault::Http10Cut {
                resp.body.len() / 2
            } else {
                resp.body.len()
            };
            out.extend_from_slice(&resp.body[..n]);
            raw(out)
        }
        Fault::GeeLarkDataNull => match provider {
            Provider::GeeLark => Action::Respond(HttpResponse::json(
                200,
                &serde_json::json!({
                    "traceId": req.header("traceId").unwrap_or_default(),
                    "code": 0,
                    "msg": "success",
                    "data": null,
                }),
            )),
            Provider::Huawei => return None,
        },
        Fault::RepeatIds | Fault::ForeignIds => {
            let mut resp = answer();
            if let Ok(mut v) = serde_json::from_slice::<Value>(&resp.body) {
                rewrite_ids(&mut v, *fault == Fault::ForeignIds, "items");
                resp.body = serde_json::to_vec(&v).unwrap_or_default();
            }
            Action::Respond(resp)
        }
        _ => return None,
    })
}

/// The key naming the id of a per-id item: `phone_id` (Huawei) or `id`
/// (GeeLark), when it is a string.
fn id_key(item: &Value) -> Option<&'static str> {
    ["phone_id", "id"]
        .into_iter()
        .find(|k| item.get(k).is_some_and(Value::is_string))
}

/// Repeats every per-id item of every list (`foreign` false), or adds one
/// item about `foreign-<list name>` to every non-empty one (`foreign` true).
fn rewrite_ids(v: &mut Value, foreign: bool, name: &str) {
    match v {
        Value::Array(items) if !items.is_empty() && items.iter().all(|i| id_key(i).is_some()) => {
            if foreign {
                let mut extra = items[0].clone();
                if let Some(k) = id_key(&extra) {
                    extra[k] = Value::String(format!("foreign-{name}"));
                }
                items.push(extra);
            } else {
                *items = items.drain(..).flat_map(|i| [i.clone(), i]).collect();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| rewrite_ids(i, foreign, name)),
        Value::Object(map) => map.iter_mut().for_each(|(k, x)| rewrite_ids(x, foreign, k)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_repeated_and_invented() {
        let base = serde_json::json!({
            "request_id": "r",
            "jobs": [{"phone_id": "a", "job_id": "1"}, {"phone_id": "b", "job_id": "2"}],
            "errors": [],
            "data": {"successDetails": [{"id": "x"}], "failDetails": [{"code": 1, "id": "y"}]},
        });
        let mut twice = base.clone();
        rewrite_ids(&mut twice, false, "items");
        assert_eq!(twice["jobs"].as_array().unwrap().len(), 4);
        assert_eq!(twice["jobs"][1]["phone_id"], "a");
        assert_eq!(twice["data"]["failDetails"][1]["id"], "y");
        assert_eq!(twice["errors"], serde_json::json!([]));
        let mut foreign = base;
        rewrite_ids(&mut foreign, true, "items");
        assert_eq!(foreign["jobs"][2]["phone_id"], "foreign-jobs");
        assert_eq!(
            foreign["data"]["successDetails"][1]["id"],
            "foreign-successDetails"
        );
        assert_eq!(foreign["data"]["failDetails"][1]["code"], 1);
        assert_eq!(foreign["request_id"], "r");
    }
}
