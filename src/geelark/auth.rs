//! GeeLark authentication: key mode (signed headers) and token mode (Bearer).

use std::fmt;

use sha2::{Digest, Sha256};

use crate::error::{Result, invalid};
use crate::hex;
use crate::http::check_header_value;
use crate::limits::{MAX_KEY_ID_LEN, MAX_SECRET_LEN, MAX_TOKEN_LEN, check_len};
use crate::secret::Secret;

/// How requests are authenticated.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// Key mode: `appId`, `traceId`, `ts`, `nonce` and `sign` headers.
    Key {
        /// The team AppId.
        app_id: Secret,
        /// The team ApiKey.
        api_key: Secret,
    },
    /// Token mode: `Authorization: Bearer <token>` (token from the desktop client).
    Token(Secret),
}

impl Auth {
    /// Key mode.
    pub fn key(app_id: impl Into<String>, api_key: impl Into<String>) -> Self {
        Auth::Key {
            app_id: Secret::new(app_id),
            api_key: Secret::new(api_key),
        }
    }

    /// Token mode.
    pub fn token(token: impl Into<String>) -> Self {
        Auth::Token(Secret::new(token))
    }

    pub(crate) fn check(&self) -> Result<()> {
        match self {
            Auth::Key { app_id, api_key } => {
                if app_id.is_empty() {
                    return Err(invalid("app_id", "is empty"));
                }
                if api_key.is_empty() {
                    return Err(invalid("api_key", "is empty"));
                }
                check_len("app_id", app_id.expose(), MAX_KEY_ID_LEN)?;
                check_len("api_key", api_key.expose(), MAX_SECRET_LEN)?;
                check_header_value("app_id", app_id.expose())
            }
            Auth::Token(t) => {
                if t.is_empty() {
                    return Err(invalid("token", "is empty"));
                }
                check_len("token", t.expose(), MAX_TOKEN_LEN)?;
                check_header_value("token", t.expose())
            }
        }
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Key { .. } => {
                f.write_str("Key { app_id: ** redacted **, api_key: ** redacted ** }")
            }
            Auth::Token(_) => f.write_str("Token(** redacted **)"),
        }
    }
}

/// The key-mode `nonce`: the first 6 characters of the trace id.
pub fn nonce(trace_id: &str) -> Result<&str> {
    match trace_id.char_indices().nth(6) {
        Some((i, _)) => Ok(&trace_id[..i]),
        None if trace_id.chars().count() == 6 => Ok(trace_id),
        None => Err(invalid(
            "trace_id",
            "must be at least 6 characters (the nonce is its first 6)",
        )),
    }
}

/// The key-mode signature:
/// `UPPERCASE_HEX(SHA-256(appId + traceId + ts + nonce + apiKey))`.
pub fn sign(app_id: &str, trace_id: &str, ts: &str, nonce: &str, api_key: &str) -> String {
    let mut h = Sha256::new();
    for part in [app_id, trace_id, ts, nonce, api_key] {
        h.update(part.as_bytes());
    }
    let mut out = String::with_capacity(64);
    hex::push_upper(&mut out, &h.finalize());
    out
}

/// Checks a trace id: printable ASCII without spaces, 1 to 128 characters.
pub(crate) fn check_trace_id(trace_id: &str) -> Result<()> {
    if trace_id.is_empty() {
        return Err(invalid("trace_id", "is empty (GeeLark answers 40002)"));
    }
    if trace_id.len() > 128 || !trace_id.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(invalid(
            "trace_id",
            "must be 1 to 128 printable ASCII characters without spaces",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_example_reproduces() {
        let tid = "db6094ab-3797-4186-84d5-b0b58eebad56";
        let n = nonce(tid).unwrap();
        assert_eq!(n, "db6094");
        assert_eq!(
            sign(
                "eH6gQR4oHr3FsZpI36La01IW",
                tid,
                "1716972892166",
                n,
                "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf"
            ),
            "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD"
        );
    }

    #[test]
    fn nonce_needs_six_chars() {
        assert_eq!(nonce("ABCDEF").unwrap(), "ABCDEF");
        assert!(nonce("ABCDE").is_err());
        assert!(nonce("").is_err());
    }
}
