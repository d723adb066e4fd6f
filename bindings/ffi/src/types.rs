//! Plain C types shared by every handle: the status code, borrowed string and
//! byte views, header pairs, and an owned string for JSON output.

use std::ffi::c_char;
use std::ptr;

use cloudphone::error::ErrorKind;

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
/// Functions that take a status back from C (`cloudphone_status_name`) take a
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
    /// A bound of the library was reached (pages or items of a listing, a
    /// clock-skew correction, ...); the error message names it.
    LimitExceeded = 203,
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
            cloudphone_status::LimitExceeded => b"limit_exceeded\0",
            cloudphone_status::Api => b"api\0",
            cloudphone_status::Auth => b"auth\0",
            cloudphone_status::RateLimited => b"rate_limited\0",
            cloudphone_status::Lockout => b"lockout\0",
            cloudphone_status::Decode => b"decode\0",
            cloudphone_status::Unsupported => b"unsupported\0",
            cloudphone_status::Panic => b"panic\0",
        }
    }

    /// Every status, for `cloudphone_status_name` and tests.
    pub(crate) const ALL: [cloudphone_status; 15] = [
        cloudphone_status::Ok,
        cloudphone_status::InvalidInput,
        cloudphone_status::NullArgument,
        cloudphone_status::InvalidUtf8,
        cloudphone_status::Transport,
        cloudphone_status::Timeout,
        cloudphone_status::BodyTooLarge,
        cloudphone_status::LimitExceeded,
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
        // Every kind listed: a new ErrorKind should get its C status here
        // (`ErrorKind` is non-exhaustive, so one the list misses falls back
        // to the status with its number, which the unit test below checks).
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
            ErrorKind::LimitExceeded => cloudphone_status::LimitExceeded,
            ErrorKind::Unsupported => cloudphone_status::Unsupported,
            other => cloudphone_status::ALL
                .into_iter()
                .find(|s| *s as u32 == other as u32)
                .unwrap_or(cloudphone_status::Api),
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

/// One header of a received response, given by the host as two (pointer,
/// length) pairs — the bytes as the HTTP stack holds them, no NUL needed,
/// read only during the call. A pointer may be NULL only with length 0.
/// Bytes that are not UTF-8 (obs-text) are replaced with U+FFFD rather than
/// refusing the whole response.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct cloudphone_response_header {
    /// The header name (any case): `name_len` bytes.
    pub name: *const c_char,
    /// The length of `name` in bytes.
    pub name_len: usize,
    /// The header value: `value_len` bytes.
    pub value: *const c_char,
    /// The length of `value` in bytes.
    pub value_len: usize,
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

/// A list of ids kept as NUL-terminated strings plus an array of pointers to
/// them, so C can pass the list back into a build function unchanged.
pub(crate) struct IdList {
    // Declared before `arena`: the views die first (they do not need to, as
    // they own nothing, but it keeps the order obvious).
    ids: Vec<Text>,
    ptrs: Vec<*const c_char>,
    _arena: StrArena,
}

// SAFETY: `ptrs` point into `_arena`'s chunks (or, for `in_arena`, into the
// arena of the handle holding the list), which are owned by the same
// value and never written again after construction (moving the value moves
// only the chunks' headers, not their bytes). Sharing or sending the value is
// as safe as sharing or sending `Vec<Box<[u8]>>`.
unsafe impl Send for IdList {}
// SAFETY: see `Send`; the value is immutable.
unsafe impl Sync for IdList {}

impl IdList {
    pub(crate) fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> IdList {
        let mut arena = StrArena::new();
        let list = IdList::in_arena(ids, &mut arena);
        IdList {
            _arena: arena,
            ..list
        }
    }

    /// An id list whose strings go into `arena`, which the caller's handle
    /// owns beside the list (saves the list an arena of its own).
    pub(crate) fn in_arena<'a>(
        ids: impl IntoIterator<Item = &'a str>,
        arena: &mut StrArena,
    ) -> IdList {
        IdList::from_texts(ids.into_iter().map(|id| arena.put(id)).collect())
    }

    /// An id list over strings already in the caller's handle's arena.
    pub(crate) fn from_texts(ids: Vec<Text>) -> IdList {
        let ptrs = ids.iter().map(|t| t.view().ptr).collect();
        IdList {
            ids,
            ptrs,
            _arena: StrArena::new(),
        }
    }

    pub(crate) fn view(&self) -> cloudphone_id_list {
        cloudphone_id_list {
            ids: self.ptrs.as_ptr(),
            len: self.ptrs.len(),
        }
    }

    pub(crate) fn strings(&self) -> impl Iterator<Item = &str> {
        // SAFETY: every `Text` was made by `self._arena`, which lives as long
        // as `self`.
        self.ids.iter().map(|t| unsafe { t.as_str() })
    }
}

/// The strings of one result handle, each followed by a NUL, copied into a
/// few large chunks instead of one allocation per string: a batch-connection
/// result has ~70 strings, and allocating each separately made the C parse
/// ~35% slower than the Rust parse.
///
/// A chunk is never grown past its capacity once written, so its bytes never
/// move: a [`Text`] taken from the arena stays valid for as long as the arena
/// lives, wherever the arena (and the handle owning it) is moved. Chunks
/// double in size, so a result of N string bytes costs O(log N) allocations.
pub(crate) struct StrArena {
    /// The chunk being filled (no allocation until the first string).
    current: Vec<u8>,
    /// Earlier, full chunks: kept only so their bytes live on.
    full: Vec<Vec<u8>>,
}

impl StrArena {
    /// The first chunk's size when nothing better is known.
    const FIRST_CHUNK: usize = 512;

    pub(crate) fn new() -> StrArena {
        StrArena {
            current: Vec::new(),
            full: Vec::new(),
        }
    }

    /// An arena whose first chunk holds `bytes` bytes (strings plus NULs)
    /// before another chunk is needed: one allocation in all when the
    /// estimate holds.
    pub(crate) fn with_capacity(bytes: usize) -> StrArena {
        StrArena {
            current: Vec::with_capacity(bytes),
            full: Vec::new(),
        }
    }

    /// Copies `s` and a NUL into the arena; the view excludes the NUL.
    pub(crate) fn put(&mut self, s: &str) -> Text {
        Text(cloudphone_str {
            ptr: self.copy(s.as_bytes()).cast(),
            len: s.len(),
        })
    }

    /// Copies `b` and a NUL into the arena (so a JSON body can be printed
    /// as a C string); the view excludes the NUL.
    pub(crate) fn put_bytes(&mut self, b: &[u8]) -> Bytes {
        Bytes(cloudphone_bytes {
            ptr: self.copy(b),
            len: b.len(),
        })
    }

    /// Copies `s` and a NUL into the last chunk, or a new one, and returns
    /// the copy's address.
    fn copy(&mut self, s: &[u8]) -> *const u8 {
        let need = s.len() + 1;
        if self.current.capacity() - self.current.len() < need {
            let size = need
                .max(self.current.capacity().saturating_mul(2))
                .max(Self::FIRST_CHUNK);
            let full = std::mem::replace(&mut self.current, Vec::with_capacity(size));
            // Moving the Vec moves its header, not its bytes.
            if full.capacity() > 0 {
                self.full.push(full);
            }
        }
        let start = self.current.len();
        let dst = self.current.spare_capacity_mut()[..need]
            .as_mut_ptr()
            .cast::<u8>();
        // SAFETY: `dst` has room for `need` = `s.len() + 1` bytes (checked
        // above; the slice index would panic otherwise) and cannot overlap
        // `s`, which the arena does not own. Writing in place, rather than
        // `extend_from_slice` + `push`, skips two capacity checks per string:
        // a result copies hundreds of strings. Within capacity, nothing is
        // reallocated and earlier views stay valid.
        unsafe {
            std::ptr::copy_nonoverlapping(s.as_ptr(), dst, s.len());
            dst.add(s.len()).write(0);
            self.current.set_len(start + need);
        }
        dst
    }

    /// [`put`](Self::put) for an optional string; `None` is `{NULL, 0}`.
    pub(crate) fn opt(&mut self, s: Option<&str>) -> Text {
        s.map_or(Text::NONE, |s| self.put(s))
    }
}

/// A borrowed NUL-terminated string owned by a [`StrArena`] (or static) held
/// by the same handle as the `Text`, or the absent value `{NULL, 0}`.
#[derive(Clone, Copy)]
pub(crate) struct Text(cloudphone_str);

// SAFETY: a `Text` is a pointer to immutable bytes owned by the handle that
// holds it (see `StrArena`); sending or sharing it is as safe as sending or
// sharing `&str`.
unsafe impl Send for Text {}
// SAFETY: see `Send`.
unsafe impl Sync for Text {}

impl Text {
    /// The absent value.
    pub(crate) const NONE: Text = Text(cloudphone_str::NONE);
    /// The view handed to C.
    pub(crate) fn view(self) -> cloudphone_str {
        self.0
    }

    /// The text as a Rust string (`""` when absent).
    ///
    /// # Safety
    /// The arena this came from is alive.
    pub(crate) unsafe fn as_str(&self) -> &str {
        if self.0.ptr.is_null() {
            return "";
        }
        // SAFETY: made by `StrArena::put` from a `&str` of `len` bytes that
        // the live arena still holds unchanged.
        unsafe {
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(self.0.ptr.cast(), self.0.len))
        }
    }
}

/// Bytes owned by a [`StrArena`] held by the same handle, followed by a NUL
/// the view does not count.
#[derive(Clone, Copy)]
pub(crate) struct Bytes(cloudphone_bytes);

// SAFETY: as for `Text`.
unsafe impl Send for Bytes {}
// SAFETY: as for `Text`.
unsafe impl Sync for Bytes {}

impl Bytes {
    /// The view handed to C.
    pub(crate) fn view(self) -> cloudphone_bytes {
        self.0
    }
}

/// Conversion of a borrowed Rust value into its C view, copying its strings
/// into the arena of the handle that will own the view.
pub(crate) trait FromIn<T: ?Sized> {
    /// The view of `value`, its strings in `arena`.
    fn from_in(value: &T, arena: &mut StrArena) -> Self;
}

/// Views of `items` in the same order, their strings in `arena`.
pub(crate) fn views_in<T, V: FromIn<T>>(items: &[T], arena: &mut StrArena) -> Vec<V> {
    items.iter().map(|i| V::from_in(i, arena)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: Text) -> (Vec<u8>, usize) {
        let v = t.view();
        // SAFETY: the test keeps the arena alive; the view is NUL-terminated.
        let bytes = unsafe { std::slice::from_raw_parts(v.ptr.cast::<u8>(), v.len + 1) };
        (bytes.to_vec(), v.len)
    }

    #[test]
    fn views_survive_new_chunks_and_moves() {
        let mut arena = StrArena::with_capacity(8);
        let words: Vec<String> = (0..2000).map(|i| "x".repeat(i % 37)).collect();
        let texts: Vec<Text> = words.iter().map(|w| arena.put(w)).collect();
        assert!(!arena.full.is_empty(), "the test must span several chunks");
        let moved = Box::new(arena);
        for (w, t) in words.iter().zip(&texts) {
            let (bytes, len) = read(*t);
            assert_eq!(len, w.len());
            assert_eq!(&bytes[..len], w.as_bytes());
            assert_eq!(bytes[len], 0);
        }
        // Geometric growth: few chunks for ~36 KB of strings.
        assert!(moved.full.len() < 8, "{} chunks", moved.full.len() + 1);
    }

    #[test]
    fn absent_empty_and_multibyte() {
        let mut arena = StrArena::new();
        assert!(arena.opt(None).view().ptr.is_null());
        assert_eq!(read(arena.put("")), (vec![0], 0));
        let (bytes, len) = read(arena.put("é中"));
        assert_eq!((&bytes[..len], len), ("é中".as_bytes(), 5));
        let list = IdList::new(["a", "", "bc"]);
        assert_eq!(list.strings().collect::<Vec<_>>(), ["a", "", "bc"]);
        assert_eq!(list.view().len, 3);
    }
}
