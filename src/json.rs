//! JSON decoding shared by every parser: tolerant field types (ids and codes
//! that arrive as strings or numbers) and decode errors that name the
//! operation and the place in the document that was wrong.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

use crate::error::Error;

/// Decodes `body` as `T`. Success is plain `serde_json` and nothing more;
/// only when that fails is the failing field located, from the error's
/// position in the text ([`crate::json_path`]), so good error messages cost
/// neither time on success nor a second copy of every `Deserialize` impl.
///
/// The body must be UTF-8, as RFC 8259 requires of JSON exchanged between
/// systems: one check of the whole body, then `serde_json::from_str`, which
/// need not re-validate each string (measurably faster than `from_slice`)
/// — and only one `Deserialize` instantiation per type (`from_str` and
/// `from_slice` read through different types, so offering both compiled
/// every response type's decoder twice). A body that is not UTF-8 fails
/// with the path of the value holding the first invalid byte.
pub(crate) fn decode<'de, T: Deserialize<'de>>(
    operation: &'static str,
    http_status: u16,
    body: &'de [u8],
) -> Result<T, Error> {
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str::<T>(text)
            .map_err(|e| decode_error(operation, http_status, body, &e)),
        Err(e) => Err(not_utf8(operation, http_status, body, &e)),
    }
}

/// [`decode`] through a [`DeserializeSeed`](de::DeserializeSeed): a reader
/// that carries state (the GeeLark envelope decodes `data` in place only
/// for a success). The whole body must be one value, as with [`decode`].
pub(crate) fn decode_seed<'de, S: de::DeserializeSeed<'de>>(
    operation: &'static str,
    http_status: u16,
    body: &'de [u8],
    seed: S,
) -> Result<S::Value, Error> {
    let text = std::str::from_utf8(body).map_err(|e| not_utf8(operation, http_status, body, &e))?;
    let mut de = serde_json::Deserializer::from_str(text);
    seed.deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| decode_error(operation, http_status, body, &e))
}

/// The [`Error::Decode`] for a failed [`decode`]; not generic, so it exists
/// once however many types are decoded.
#[cold]
fn decode_error(
    operation: &'static str,
    http_status: u16,
    body: &[u8],
    e: &serde_json::Error,
) -> Error {
    let path = crate::json_path::error_path(body, e);
    let mut message = describe(e, body);
    // `serde_json` quotes the value it refused; under a secret-named member
    // (a `ticket` sent as a number, a `token` as an unknown variant) that
    // value is the secret itself.
    if path
        .split(['.', '[', ']'])
        .any(crate::redact::is_secret_name)
    {
        message = mask_quoted(&message);
    }
    Error::Decode {
        operation,
        http_status,
        path,
        message,
    }
}

/// `message` with everything between `"…"` or `` `…` `` replaced by `***`.
fn mask_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut open: Option<char> = None;
    for c in message.chars() {
        match open {
            Some(q) if c == q => {
                out.push_str("***");
                out.push(c);
                open = None;
            }
            Some(_) => {}
            None => {
                out.push(c);
                if c == '"' || c == '`' {
                    open = Some(c);
                }
            }
        }
    }
    if open.is_some() {
        out.push_str("***");
    }
    out
}

/// The [`Error::Decode`] for a body that is not UTF-8.
#[cold]
fn not_utf8(
    operation: &'static str,
    http_status: u16,
    body: &[u8],
    e: &std::str::Utf8Error,
) -> Error {
    let at = e.valid_up_to();
    Error::Decode {
        operation,
        http_status,
        path: crate::json_path::path_at(body, at, None),
        message: format!(
            "not UTF-8 (invalid byte 0x{:02X} at offset {at})",
            body.get(at).copied().unwrap_or_default()
        ),
    }
}

fn describe(e: &serde_json::Error, body: &[u8]) -> String {
    use serde_json::error::Category;
    if body.iter().all(u8::is_ascii_whitespace) {
        return "empty body".to_owned();
    }
    let cat = e.classify();
    // A data error quotes the string or key it refused, which may be as
    // long as the body: shortened.
    let e = crate::limits::shorten(crate::redact::redact_text(&e.to_string()));
    match cat {
        Category::Eof => format!("truncated JSON ({e})"),
        Category::Syntax => format!("not JSON ({e})"),
        Category::Data => format!("unexpected value ({e})"),
        Category::Io => e,
    }
}

/// Accepts a JSON string or integer and keeps it as a string. Ids are strings
/// in this crate (GeeLark ids exceed 2^53); some endpoints send them as
/// numbers, which `serde_json` reads exactly as `u64`/`i64`.
pub(crate) fn string_or_int<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(StringOrInt)
}

/// [`string_or_int`] for optional fields (`null` and absence are `None`).
pub(crate) fn opt_string_or_int<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    d.deserialize_option(OptVisitor(StringOrInt))
}

/// Accepts an integer or a string holding one (Huawei documents
/// `access_port` both ways; GeeLark item codes arrive both ways).
pub(crate) fn int_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(IntOrString)
}

struct StringOrInt;

impl Visitor<'_> for StringOrInt {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or an integer")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

struct IntOrString;

impl Visitor<'_> for IntOrString {
    type Value = i64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer or a string holding one")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom(format!("integer {v} out of range")))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.trim().parse().map_err(|_| {
            E::custom(format!(
                "expected an integer, found the string {}",
                crate::limits::echo(v)
            ))
        })
    }
}

struct OptVisitor<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for OptVisitor<V> {
    type Value = Option<V::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)?;
        f.write_str(" or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self.0).map(Some)
    }
}

/// Accepts `null` as the default value (providers send `null` for empty
/// arrays and strings now and then).
pub(crate) fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + serde::Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

use serde::Deserialize;
