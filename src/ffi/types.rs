//! Plain C types shared by every handle: the status code, borrowed string and
//! byte views, header pairs, and an owned string for JSON output.

use std::ffi::c_char;
use std::ptr;

use crate::error::ErrorKind;

/// The result of every fallible function. `CLOUDPHONE_STATUS_OK` (0) is
/// success; every other value is an error whose number is stable and never
/// reused. Codes are grouped by origin:
///
/// - 1xx: the caller's input (refused before anything was built)
/// - 2xx: the transport (client path)
/// - 3xx: the provider answered with an error
/// - 4xx: the provider's answer could not be read
/// - 5xx: not compiled in
/// - 6xx: a bug inside the library
///
/// Functions that take a status back from C (`cloudphone_status_str`) take a
/// `uint32_t`, so an unknown number is never undefined behaviour.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum cloudphone_status {
    /// Success.
    Ok = 0,
    /// Bad input, refused before anything was built or sent (an empty id
    /// list, an unknown region, a control character in a header value, a
    /// request handle given to another operation's parse function, ...).
    InvalidInput = 100,
    /// A required pointer argument was NULL.
    NullArgument = 101,
    /// A string argument was not valid UTF-8.
    InvalidUtf8 = 102,
    /// The connection failed (DNS, connect, TLS, reset).
    Transport = 200,
    /// A timeout fired.
    Timeout = 201,
    /// The response body exceeded the configured size cap.
    BodyTooLarge = 202,
    /// The provider answered with an error.
    Api = 300,
    /// The provider refused the credentials or the signature.
    Auth = 301,
    /// The provider throttled the call; retrying later may succeed.
    RateLimited = 302,
    /// GeeLark's two-hour quota lock (40014); never retry.
    Lockout = 303,
    /// The response body was not the documented JSON.
    Decode = 400,
    /// The feature is not compiled into this build of the library.
    Unsupported = 500,
    /// A panic was caught at the C boundary: a bug in the library. The
    /// process is unharmed and the handles passed in remain valid.
    Panic = 600,
}

impl cloudphone_status {
    /// The same name as a NUL-terminated static string.
    pub(crate) fn name_c(self) -> &'static [u8] {
        match self {
            cloudphone_status::Ok => b"ok\0",
            cloudphone_status::InvalidInput => b"invalid_input\0",
            cloudphone_status::NullArgument => b"null_argument\0",
            cloudphone_status::InvalidUtf8 => b"invalid_utf8\0",
            cloudphone_status::Transport => b"transport\0",
            cloudphone_status::Timeout => b"timeout\0",
            cloudphone_status::BodyTooLarge => b"body_too_large\0",
            cloudphone_status::Api => b"api\0",
            cloudphone_status::Auth => b"auth\0",
            cloudphone_status::RateLimited => b"rate_limited\0",
            cloudphone_status::Lockout => b"lockout\0",
            cloudphone_status::Decode => b"decode\0",
            cloudphone_status::Unsupported => b"unsupported\0",
            cloudphone_status::Panic => b"panic\0",
        }
    }

    /// Every status, for `cloudphone_status_str` and tests.
    pub(crate) const ALL: [cloudphone_status; 14] = [
        cloudphone_status::Ok,
        cloudphone_status::InvalidInput,
        cloudphone_status::NullArgument,
        cloudphone_status::InvalidUtf8,
        cloudphone_status::Transport,
        cloudphone_status::Timeout,
        cloudphone_status::BodyTooLarge,
        cloudphone_status::Api,
        cloudphone_status::Auth,
        cloudphone_status::RateLimited,
        cloudphone_status::Lockout,
        cloudphone_status::Decode,
        cloudphone_status::Unsupported,
        cloudphone_status::Panic,
    ];
}

impl From<ErrorKind> for cloudphone_status {
    fn from(kind: ErrorKind) -> Self {
        // Exhaustive on purpose: a new ErrorKind must get its C status here.
        match kind {
            ErrorKind::InvalidInput => cloudphone_status::InvalidInput,
            ErrorKind::Api => cloudphone_status::Api,
            ErrorKind::Auth => cloudphone_status::Auth,
            ErrorKind::RateLimited => cloudphone_status::RateLimited,
            ErrorKind::Lockout => cloudphone_status::Lockout,
            ErrorKind::Decode => cloudphone_status::Decode,
            ErrorKind::Transport => cloudphone_status::Transport,
            ErrorKind::Timeout => cloudphone_status::Timeout,
            ErrorKind::BodyTooLarge => cloudphone_status::BodyTooLarge,
            ErrorKind::Unsupported => cloudphone_status::Unsupported,
        }
    }
}

/// A borrowed UTF-8 string: `len` bytes at `ptr`, followed by a NUL byte that
/// `len` does not count, so `ptr` can also be used as a C string. It lives as
/// long as the handle it was read from.
///
/// `len` is authoritative: a provider could send a string with an embedded
/// NUL, which a C-string reading would cut short.
///
/// An absent optional field is `{NULL, 0}`; a present empty string is a
/// non-NULL `ptr` to `""` with `len` 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct cloudphone_str {
    /// The first byte, or NULL when the value is absent.
    pub ptr: *const c_char,
    /// The length in bytes, without the terminating NUL.
    pub len: usize,
}

impl cloudphone_str {
    /// The absent value `{NULL, 0}`.
    pub(crate) const NONE: cloudphone_str = cloudphone_str {
        ptr: ptr::null(),
        len: 0,
    };

    /// A view of a static NUL-terminated byte string.
    pub(crate) fn from_static(s: &'static [u8]) -> cloudphone_str {
        debug_assert_eq!(s.last(), Some(&0));
        cloudphone_str {
            ptr: s.as_ptr().cast(),
            len: s.len() - 1,
        }
    }
}

/// Borrowed bytes: `len` bytes at `ptr`, followed by a NUL byte that `len`
/// does not count (so a JSON body can be printed as a C string). Lives as
/// long as the handle it was read from. Empty is a non-NULL `ptr`, `len` 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct cloudphone_bytes {
    /// The first byte.
    pub ptr: *const u8,
    /// The length in bytes.
    pub len: usize,
}

/// One header of a built request, as borrowed views.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct cloudphone_header {
    /// The header name, as the signature covers it (send it unchanged).
    pub name: cloudphone_str,
    /// The header value.
    pub value: cloudphone_str,
}

/// One header of a received response, given by the host: two NUL-terminated
/// strings, read only during the call. Bytes that are not UTF-8 (obs-text)
/// are replaced with U+FFFD rather than refusing the whole response.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct cloudphone_response_header {
    /// The header name (any case).
    pub name: *const c_char,
    /// The header value.
    pub value: *const c_char,
}

/// A borrowed array of NUL-terminated id strings, shaped to be passed
/// straight to a build function's `ids` and `ids_len` arguments. Lives as
/// long as the handle it was read from; `{NULL, 0}` when out of range.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct cloudphone_id_list {
    /// The first id.
    pub ids: *const *const c_char,
    /// The number of ids.
    pub len: usize,
}

/// An owned string (used for JSON output). Read it with
/// `cloudphone_string_view`; free it with `cloudphone_string_free`.
///
/// Thread safety: immutable; may be read from several threads at once.
pub struct cloudphone_string {
    pub(crate) text: NulStr,
}

/// A string with a trailing NUL, so a borrowed view of it is also a C string.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct NulStr(Box<str>);

impl NulStr {
    pub(crate) fn new(s: &str) -> NulStr {
        let mut b = String::with_capacity(s.len() + 1);
        b.push_str(s);
        b.push('\0');
        NulStr(b.into_boxed_str())
    }

    pub(crate) fn from_string(mut s: String) -> NulStr {
        s.push('\0');
        NulStr(s.into_boxed_str())
    }

    pub(crate) fn opt(s: Option<&str>) -> Option<NulStr> {
        s.map(NulStr::new)
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0[..self.0.len() - 1]
    }

    pub(crate) fn as_ptr(&self) -> *const c_char {
        self.0.as_ptr().cast()
    }

    pub(crate) fn view(&self) -> cloudphone_str {
        cloudphone_str {
            ptr: self.as_ptr(),
            len: self.0.len() - 1,
        }
    }
}

/// The view of an optional string: `{NULL, 0}` when absent.
pub(crate) fn opt_view(s: &Option<NulStr>) -> cloudphone_str {
    s.as_ref().map_or(cloudphone_str::NONE, NulStr::view)
}

/// Bytes with a trailing NUL that views do not count.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct NulBytes(Box<[u8]>);

impl NulBytes {
    pub(crate) fn new(b: &[u8]) -> NulBytes {
        let mut v = Vec::with_capacity(b.len() + 1);
        v.extend_from_slice(b);
        v.push(0);
        NulBytes(v.into_boxed_slice())
    }

    pub(crate) fn view(&self) -> cloudphone_bytes {
        cloudphone_bytes {
            ptr: self.0.as_ptr(),
            len: self.0.len() - 1,
        }
    }
}

/// A list of ids kept as NUL-terminated strings plus an array of pointers to
/// them, so C can pass the list back into a build function unchanged.
pub(crate) struct IdList {
    ids: Vec<NulStr>,
    ptrs: Vec<*const c_char>,
}

// SAFETY: `ptrs` point into the heap buffers of `ids`, which are owned by the
// same value, never mutated after construction and moved only as boxes (the
// pointed-to bytes do not move). Sharing or sending the value is as safe as
// sharing or sending `Vec<NulStr>`.
unsafe impl Send for IdList {}
// SAFETY: see `Send`; the value is immutable.
unsafe impl Sync for IdList {}

impl IdList {
    pub(crate) fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> IdList {
        let ids: Vec<NulStr> = ids.into_iter().map(NulStr::new).collect();
        let ptrs = ids.iter().map(NulStr::as_ptr).collect();
        IdList { ids, ptrs }
    }

    pub(crate) fn view(&self) -> cloudphone_id_list {
        cloudphone_id_list {
            ids: self.ptrs.as_ptr(),
            len: self.ptrs.len(),
        }
    }

    pub(crate) fn strings(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(NulStr::as_str)
    }
}
