//! Redaction of response text before it is quoted in an error message.
//!
//! An error message may quote what a server sent: a non-2xx body that is
//! not the provider's JSON, a provider's own message, a value `serde_json`
//! refused. A server (or a proxy, a WAF, a debugging echo endpoint) may put
//! the request's credentials in that text — the connection `ticket` of a
//! batch-connection answer, the echoed `Authorization: SDK-HMAC-SHA256 …
//! Signature=…` header, GeeLark's `sign`, a bearer token, an
//! `X-Security-Token`. Error messages end up in logs, CLI output and C hosts'
//! crash reports, so every server text that reaches a message goes through
//! this module, which replaces every value of a secret-bearing field with
//! `***` and caps the quote at [`MAX_QUOTE_LEN`] bytes. Provider codes and
//! messages stay readable: only the values of secret-bearing names change.
//!
//! What counts as secret-bearing is a name ([`is_secret_name`]), matched
//! case-insensitively: `ticket`, `token`, `password`, `sign`, `signature`,
//! `authorization`, `cookie`, `appId`, and any name containing `key`,
//! `secret`, `token`, `ticket`, `passw` or `signature` (`apiKey`, `api_key`,
//! `X-Auth-Token`, `X-Security-Token`, `secret_key`, `access_token`, …).
//! Redaction errs on the side of hiding: a `monkey` field loses its value too.

use serde_json::Value;

/// Most bytes of server text quoted in an error message (after redaction);
/// the rest is replaced by `…` and the whole length.
pub const MAX_QUOTE_LEN: usize = 512;

/// What replaces a secret value.
const MASK: &str = "***";

/// Text longer than this is not searched whole: only its first
/// `SCAN_WINDOW` bytes can reach a quote of [`MAX_QUOTE_LEN`] bytes, so
/// redacting more would only cost time on a 16 MiB body.
pub(crate) const SCAN_WINDOW: usize = 16 * 1024;

/// Whether a field, header or parameter of this name carries a credential
/// (case-insensitive; `-` and `_` are the same).
pub fn is_secret_name(name: &str) -> bool {
    let n: String = name
        .chars()
        .map(|c| match c {
            '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    const EXACT: &[&str] = &[
        "sign",
        "authorization",
        "proxy_authorization",
        "cookie",
        "set_cookie",
        "appid",
        "app_id",
        "ak",
        "sk",
        "credential",
        "credentials",
    ];
    const PARTS: &[&str] = &["key", "secret", "token", "ticket", "passw", "signature"];
    EXACT.contains(&n.as_str()) || PARTS.iter().any(|p| n.contains(p))
}

/// A response body quoted for an error message: lossy UTF-8, trimmed,
/// secrets redacted (as JSON when it is JSON, else as text), at most
/// [`MAX_QUOTE_LEN`] bytes; `(empty body)` when there is nothing to quote.
pub fn quote_body(body: &[u8]) -> String {
    let lossy = String::from_utf8_lossy(body);
    let text = lossy.trim();
    if text.is_empty() {
        return "(empty body)".to_owned();
    }
    // Redacted as text first, which keeps the server's layout and member
    // order; a JSON body is then checked by reading the result back, and
    // redacted as a JSON value instead when the text pass left anything
    // (a secret-named member holding an object, an escaped member name).
    let as_text = redact_text(text);
    let redacted = match serde_json::from_str::<Value>(text) {
        Err(_) => as_text,
        Ok(_) if serde_json::from_str::<Value>(&as_text).is_ok_and(|v| is_clean(&v)) => as_text,
        Ok(mut v) => {
            redact_json(&mut v);
            serde_json::to_string(&v).unwrap_or(as_text)
        }
    };
    cap(&redacted, text.len())
}

/// A provider's own message (or any other server text) for an error
/// message: secrets redacted as text, at most [`MAX_QUOTE_LEN`] bytes.
pub fn message(text: &str) -> String {
    cap(&redact_text(text), text.len())
}

/// `text` cut on a character boundary after at most [`MAX_QUOTE_LEN`]
/// bytes, with `…` and the original length when cut.
fn cap(text: &str, original_len: usize) -> String {
    if text.len() <= MAX_QUOTE_LEN {
        return text.to_owned();
    }
    let kept = crate::limits::prefix(text, MAX_QUOTE_LEN);
    format!("{kept}… ({original_len} bytes)")
}

/// Replaces, in place, the value of every secret-named member with `"***"`
/// and redacts every other string as text (a `message` may quote a header).
pub fn redact_json(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_secret_name(k) && !v.is_null() {
                    *v = Value::String(MASK.to_owned());
                } else {
                    redact_json(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        Value::String(s) => {
            let r = redact_text(s);
            if r != *s {
                *s = r;
            }
        }
        _ => {}
    }
}

/// Whether `v` holds no secret: every secret-named member is `"***"` or
/// `null`, every string is unchanged by [`redact_text`].
fn is_clean(v: &Value) -> bool {
    match v {
        Value::Object(map) => map.iter().all(|(k, v)| {
            if is_secret_name(k) {
                v.is_null() || v.as_str() == Some(MASK)
            } else {
                is_clean(v)
            }
        }),
        Value::Array(items) => items.iter().all(is_clean),
        Value::String(s) => redact_text(s) == *s,
        _ => true,
    }
}

/// Redacts secrets in free text: the value after a secret name followed by
/// `:` or `=` (a header line `X-Auth-Token: …`, a parameter `Signature=…`,
/// JSON-like `"ticket": "…"`), and the credential after `Bearer`/`Basic`.
/// Only the first 16 KiB are searched and kept (enough for any quote).
pub fn redact_text(text: &str) -> String {
    let text = crate::limits::prefix(text, SCAN_WINDOW);
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // bytes of `text` already in `out`
    let mut i = 0;
    while i < b.len() {
        if !is_word(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_word(b[i]) {
            i += 1;
        }
        let word = &text[start..i];
        if word.eq_ignore_ascii_case("bearer") || word.eq_ignore_ascii_case("basic") {
            // `Bearer <token>`: the next run of non-space characters.
            let mut j = i;
            while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
                j += 1;
            }
            if j > i && j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'*' {
                let end = value_end(b, j, Quoting::Word);
                out.push_str(&text[copied..j]);
                out.push_str(MASK);
                copied = end;
                i = end;
            }
            continue;
        }
        if !is_secret_name(word) {
            continue;
        }
        // A quoted name (`"ticket"`) may close its quote before the separator.
        let quoted_name = start > 0 && matches!(b[start - 1], b'"' | b'\'');
        let mut j = i;
        if quoted_name && j < b.len() && b[j] == b[start - 1] {
            j += 1;
        }
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        let Some(&sep) = b.get(j) else { break };
        if sep != b':' && sep != b'=' {
            continue;
        }
        j += 1;
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        if j >= b.len() {
            break;
        }
        let (vstart, vend) = if matches!(b[j], b'"' | b'\'') {
            let q = b[j];
            let mut k = j + 1;
            while k < b.len() && b[k] != q {
                k += if b[k] == b'\\' { 2 } else { 1 };
            }
            (j + 1, k.min(b.len()))
        } else {
            let how = if quoted_name {
                Quoting::Json
            } else if sep == b':' {
                Quoting::Line
            } else {
                Quoting::Param
            };
            (j, value_end(b, j, how))
        };
        if vend > vstart && &text[vstart..vend] != MASK {
            out.push_str(&text[copied..vstart]);
            if quoted_name && vstart == j {
                // `"token": 123` becomes `"token": "***"`: still JSON.
                out.push('"');
                out.push_str(MASK);
                out.push('"');
            } else {
                out.push_str(MASK);
            }
            copied = vend;
        }
        i = vend.max(i);
    }
    out.push_str(&text[copied..]);
    out
}

/// How far an unquoted value runs.
#[derive(Clone, Copy)]
enum Quoting {
    /// After `Bearer`: to the next whitespace or quote.
    Word,
    /// A JSON-like member: to `,`, `}`, `]` or whitespace.
    Json,
    /// A header line (`Name: value`): to the end of the line.
    Line,
    /// A parameter (`name=value`): to `&`, `,`, `;`, whitespace, a quote or `<`.
    Param,
}

fn value_end(b: &[u8], from: usize, how: Quoting) -> usize {
    let stop = |c: u8| match how {
        Quoting::Word => c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'<' | b','),
        Quoting::Json => c.is_ascii_whitespace() || matches!(c, b',' | b'}' | b']'),
        Quoting::Line => matches!(c, b'\r' | b'\n' | b'<'),
        Quoting::Param => {
            c.is_ascii_whitespace() || matches!(c, b'&' | b',' | b';' | b'"' | b'\'' | b'<')
        }
    };
    let mut k = from;
    while k < b.len() && !stop(b[k]) {
        k += 1;
    }
    k
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRETS: &[&str] = &[
        "PLANTEDticket123",
        "PLANTEDsig456",
        "PLANTEDbearer789",
        "PLANTEDsign000",
        "PLANTEDapikey111",
        "PLANTEDsectok222",
    ];

    fn clean(s: &str) {
        for p in SECRETS {
            assert!(!s.contains(p), "{p} leaked in {s}");
        }
        assert!(!s.contains("PLANTED"), "a planted value leaked in {s}");
    }

    #[test]
    fn names() {
        for n in [
            "ticket",
            "Token",
            "password",
            "sign",
            "signature",
            "Authorization",
            "X-Auth-Token",
            "x-security-token",
            "apiKey",
            "api_key",
            "secret_key",
            "SecretAccessKey",
            "access_token",
            "X-Subject-Token",
            "appId",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "error_code",
            "error_msg",
            "message",
            "request_id",
            "traceId",
            "code",
            "msg",
            "phone_id",
            "design",
            "Content-Type",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn json_values_of_secret_names_are_masked() {
        let body = br#"{"error_code":"CPS.0005","error_msg":"bad","ticket":"PLANTEDticket123",
            "nested":{"Authorization":"SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=PLANTEDsig456",
            "apiKey":"PLANTEDapikey111","list":[{"sign":"PLANTEDsign000"}],
            "X-Security-Token":"PLANTEDsectok222"},
            "note":"Authorization: Bearer PLANTEDbearer789"}"#;
        let q = quote_body(body);
        clean(&q);
        assert!(
            q.contains("CPS.0005") && q.contains("\"error_msg\":\"bad\""),
            "{q}"
        );
        assert!(q.contains(r#""ticket":"***""#), "{q}");
    }

    #[test]
    fn json_layout_is_kept_and_odd_shapes_fall_back_to_values() {
        let q = quote_body(br#"{"z": 1, "ticket": "PLANTEDticket123", "a": {"token": 5}}"#);
        assert_eq!(q, r#"{"z": 1, "ticket": "***", "a": {"token": "***"}}"#);
        for body in [
            r#"{"credentials": {"x": "PLANTEDapikey111"}, "code": "E1"}"#,
            r#"{"\u0074icket": "PLANTEDticket123"}"#,
            r#"{"list": ["Bearer PLANTEDbearer789"], "auth": {"sign": ["PLANTEDsign000"]}}"#,
        ] {
            let q = quote_body(body.as_bytes());
            clean(&q);
            assert!(serde_json::from_str::<Value>(&q).is_ok(), "{q}");
        }
    }

    #[test]
    fn header_echoes_in_text_are_masked() {
        let body = "<html><body><pre>\r\nHost: cph.example\r\n\
            Authorization: SDK-HMAC-SHA256 Access=HPUA, SignedHeaders=host;x-sdk-date, Signature=PLANTEDsig456\r\n\
            X-Security-Token: PLANTEDsectok222\r\nX-Auth-Token:PLANTEDbearer789\r\n\
            sign: PLANTEDsign000\r\napiKey = PLANTEDapikey111\r\n\
            </pre>?ticket=PLANTEDticket123&x=1 Bearer PLANTEDbearer789</body></html>";
        let q = quote_body(body.as_bytes());
        clean(&q);
        assert!(q.contains("Host: cph.example"), "{q}");
        assert!(q.contains("x=1"), "{q}");
    }

    #[test]
    fn broken_json_is_redacted_as_text() {
        let q = quote_body(
            br#"{"code": 1, "ticket" : "PLANTEDticket123", "token": PLANTEDbearer789, "msg": "x"#,
        );
        clean(&q);
        assert!(q.contains("\"code\": 1") && q.contains("\"msg\""), "{q}");
        // A value cut by the end of the text is masked too.
        clean(&message("Signature=PLANTEDsig456"));
        clean(&message("\"ticket\":\"PLANTEDticket123"));
        clean(&message("sign:"));
        clean(&message("Authorization: Bearer PLANTEDbearer789"));
    }

    #[test]
    fn quotes_are_capped_on_a_char_boundary() {
        assert_eq!(quote_body(b"  "), "(empty body)");
        let q = quote_body("é".repeat(10_000).as_bytes());
        assert!(q.len() <= MAX_QUOTE_LEN + 32, "{}", q.len());
        assert!(q.ends_with("… (20000 bytes)"), "{q}");
        // A secret far in a huge text body never shows, wherever the cut falls.
        for pad in [0, 1, 300, 500, 510, 16_380, 20_000] {
            let body = format!("{}Signature=PLANTEDsig456 tail", "a ".repeat(pad));
            clean(&quote_body(body.as_bytes()));
        }
    }

    #[test]
    fn readable_messages_stay() {
        assert_eq!(message("phone not found"), "phone not found");
        assert_eq!(
            message("the key was refused: apiKey=PLANTEDapikey111"),
            "the key was refused: apiKey=***"
        );
    }
}
