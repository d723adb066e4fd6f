//! Length caps on every caller-supplied string that goes into a request, and
//! on every value quoted back in an error message.
//!
//! The caps are generous — far above any real credential, id or name — and
//! exist so that a mistaken or hostile 10 MB value is refused with a clear
//! [`Error::InvalidInput`](crate::Error::InvalidInput) naming the field and
//! the cap, before it is copied into headers, signed, sent, and answered with
//! an error far from its cause. A refusal never quotes the value: it gives
//! its length, so secrets are never echoed. Values that are quoted (an unknown
//! region, a duplicated name, a string from a response) go through a helper
//! which keeps at most [`MAX_ECHO_LEN`] bytes.
//!
//! Other caps live next to the values they bound:
//! [`MAX_USER_AGENT_LEN`](crate::http::MAX_USER_AGENT_LEN) (1024 bytes),
//! [`MAX_ID_LEN`] for ids in bodies, [`MAX_PATH_SEGMENT_LEN`] for ids in
//! paths, GeeLark's documented name/remark lengths.

use crate::error::{Result, invalid};

/// Longest access key id (Huawei AK) or GeeLark app id, in bytes. Real ones
/// are 20 to 32 characters.
pub const MAX_KEY_ID_LEN: usize = 256;

/// Longest secret key, GeeLark api key or IAM password, in bytes. Real ones
/// are 30 to 40 characters (IAM passwords at most 32).
pub const MAX_SECRET_LEN: usize = 1024;

/// Longest token (IAM `X-Auth-Token`, temporary-credential security token,
/// GeeLark bearer token), in bytes. Huawei documents `X-Auth-Token` values of
/// up to 100 000 characters, so this stays above that.
pub const MAX_TOKEN_LEN: usize = 128 * 1024;

/// Longest name or free-text value without a documented limit of its own
/// (IAM user, account and project names, GeeLark profile fields), in bytes.
pub const MAX_NAME_LEN: usize = 256;

/// Longest free text without a documented limit of its own (a GeeLark
/// profile note), in bytes: GeeLark's documented remark limit, 1500
/// characters, is up to 6000 bytes of UTF-8.
pub const MAX_TEXT_LEN: usize = 8 * 1024;

/// Longest filter value of a listing (query parameter or JSON body), in
/// bytes.
pub const MAX_FILTER_LEN: usize = 1024;

/// Longest URL given as an input (an endpoint, a proxy URL), in bytes.
pub const MAX_URL_LEN: usize = 2048;

/// Longest region name, in bytes (`ap-southeast-1` is 14).
pub const MAX_REGION_LEN: usize = 64;

/// Longest id that travels in a JSON body, in bytes.
pub const MAX_ID_LEN: usize = 256;

/// Longest id that becomes a URL path segment (project, phone, server or job
/// id), in bytes.
pub const MAX_PATH_SEGMENT_LEN: usize = 128;

/// Most bytes of an input (or of a response value) quoted in an error
/// message; the rest is replaced by `…` and the value's length.
pub const MAX_ECHO_LEN: usize = 64;

/// Refuses `value` when it is longer than `max` bytes, naming the field and
/// the cap; the value itself is never quoted (it may be a secret).
pub(crate) fn check_len(field: &'static str, value: &str, max: usize) -> Result<()> {
    if value.len() > max {
        return Err(invalid(
            field,
            format!("is {} bytes long, more than the {max} allowed", value.len()),
        ));
    }
    Ok(())
}

/// Refuses an empty `value`, one with a control character, or one longer
/// than `max` bytes: the rule for names and ids the API only bounds in length.
pub(crate) fn check_text(field: &'static str, value: &str, max: usize) -> Result<()> {
    if value.is_empty() || value.chars().any(char::is_control) {
        return Err(invalid(field, "empty or with a control character"));
    }
    check_len(field, value, max)
}

/// `value` quoted for an error message (Rust string escapes, so control
/// characters show), cut on a character boundary after at most
/// [`MAX_ECHO_LEN`] bytes with `…` and the whole length:
/// `"aaaa…" (10485760 bytes)`. Never call it with a secret.
pub fn echo(value: &str) -> String {
    if value.len() <= MAX_ECHO_LEN {
        return format!("{value:?}");
    }
    format!("{:?}… ({} bytes)", prefix(value, MAX_ECHO_LEN), value.len())
}

/// The longest start of `text` of at most `max` bytes that ends on a
/// character boundary (every cut of a quoted value goes through here).
pub(crate) fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Most bytes of a third-party message (a `serde_json` error, which quotes
/// the string or key it choked on) kept in an error message.
pub const MAX_MESSAGE_LEN: usize = 256;

/// `text` cut to about [`MAX_MESSAGE_LEN`] bytes on character boundaries,
/// keeping its start and its last 64 bytes (where `serde_json` puts the line
/// and column) around `…(N bytes cut)…`. For messages that may quote a
/// value of any length: a 16 MiB string in a response, a 10 MB input.
pub fn shorten(text: String) -> String {
    if text.len() <= MAX_MESSAGE_LEN {
        return text;
    }
    let head = prefix(&text, MAX_MESSAGE_LEN - 64).len();
    let mut tail = text.len() - 64;
    while !text.is_char_boundary(tail) {
        tail += 1;
    }
    format!(
        "{}…({} bytes cut)…{}",
        &text[..head],
        tail - head,
        &text[tail..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_keeps_short_values_whole() {
        assert_eq!(echo("cn-north-4"), "\"cn-north-4\"");
        assert_eq!(echo("a\r\nb"), "\"a\\r\\nb\"");
        let exact = "a".repeat(MAX_ECHO_LEN);
        assert_eq!(echo(&exact), format!("{exact:?}"));
    }

    #[test]
    fn echo_cuts_long_values_on_a_char_boundary() {
        let huge = "a".repeat(10 << 20);
        let e = echo(&huge);
        assert!(e.len() < 2 * MAX_ECHO_LEN, "{e}");
        assert!(e.ends_with("… (10485760 bytes)"), "{e}");
        // A multi-byte character across the cut is dropped whole.
        let s = format!("{}é{}", "a".repeat(MAX_ECHO_LEN - 1), "b".repeat(100));
        let e = echo(&s);
        assert!(
            e.starts_with(&format!("\"{}\"…", "a".repeat(MAX_ECHO_LEN - 1))),
            "{e}"
        );
        for n in 0..200 {
            let s = "é".repeat(n);
            let _ = echo(&s);
        }
    }

    #[test]
    fn shorten_keeps_head_and_tail() {
        assert_eq!(shorten("short".into()), "short");
        let long = format!(
            "invalid type: string \"{}\" at line 1 column 9",
            "é".repeat(5000)
        );
        let s = shorten(long);
        assert!(s.len() <= MAX_MESSAGE_LEN + 32, "{s}");
        assert!(s.starts_with("invalid type: string"), "{s}");
        assert!(s.ends_with("at line 1 column 9"), "{s}");
    }

    #[test]
    fn check_len_names_the_cap_not_the_value() {
        let e = check_len("token", &"s".repeat(11), 10).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("token") && text.contains("11 bytes") && text.contains("10"));
        assert!(!text.contains("sss"), "{text}");
        assert!(check_len("token", &"s".repeat(10), 10).is_ok());
    }
}
