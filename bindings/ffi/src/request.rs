//! `cloudphone_request`: a built HTTP request for the host to send, and the
//! generic build/parse plumbing every operation's exports use.

use std::any::Any;

use super::guard::{FfiResult, free_box, guard_or};
use super::types::{Bytes, StrArena, Text, cloudphone_bytes, cloudphone_header, cloudphone_str};
use cloudphone::error::invalid;
use cloudphone::http::Response;
use cloudphone::op::{Context, Operation};

/// A built request: method, URL, headers and body, ready to send with any
/// HTTP stack. Send every header unchanged (the signature covers them). Keep
/// the handle until the response is parsed: parse functions take it, because
/// a response is parsed by the operation that built the request.
///
/// Thread safety: immutable; may be read from several threads at once.
pub struct cloudphone_request {
    op: Box<dyn Any + Send + Sync>,
    op_name: &'static str,
    op_name_c: Text,
    method: &'static [u8],
    url: Text,
    headers: Vec<(Text, Text)>,
    body: Bytes,
    idempotent: bool,
    // Owns the bytes the views above point to.
    _arena: StrArena,
    /// Sends the operation through a blocking client (set by the generic
    /// build plumbing; `None` for operations with a dedicated client call).
    #[cfg(feature = "client")]
    pub(crate) call: Option<ClientCall>,
    /// The page walk this request belongs to (issue 12): `None` for a first
    /// page or a request that does not page.
    pub(crate) walk: Option<Walk>,
    /// What `_next` decided for this page, so that asking twice neither
    /// counts the page twice nor loses a bound's error.
    pub(crate) walked: std::sync::Mutex<Option<Result<(), cloudphone::Error>>>,
}

/// A page walk shared by the requests of one listing: the core's
/// [`PageGuard`](cloudphone::page::PageGuard) (default limits).
pub(crate) type Walk = std::sync::Arc<std::sync::Mutex<cloudphone::page::PageGuard>>;

/// Runs a request's operation through a client given as `&dyn Any` (the
/// provider's client type, checked by downcasting).
#[cfg(feature = "client")]
pub(crate) type ClientCall =
    fn(&(dyn Any + Send + Sync), &dyn Any) -> FfiResult<super::result::cloudphone_result>;

/// Builds `op`'s request into a handle that keeps `op` for parsing.
pub(crate) fn build_request<O>(
    op: O,
    config: &O::Config,
    now_unix_ms: u64,
    trace_id: &str,
) -> FfiResult<cloudphone_request>
where
    O: Operation + Send + Sync + 'static,
{
    let req = op.build(&Context::new(config, now_unix_ms, trace_id))?;
    let method: &'static [u8] = match req.method.as_str() {
        "GET" => b"GET\0",
        "POST" => b"POST\0",
        "PUT" => b"PUT\0",
        "DELETE" => b"DELETE\0",
        _ => b"PATCH\0",
    };
    debug_assert_eq!(&method[..method.len() - 1], req.method.as_str().as_bytes());
    // Everything C reads, in one allocation: the strings plus their NULs.
    let size = O::NAME.len()
        + req.url.len()
        + req
            .headers
            .iter()
            .map(|(n, v)| n.len() + v.len())
            .sum::<usize>()
        + req.body.len()
        + 3
        + 2 * req.headers.len();
    let mut arena = StrArena::with_capacity(size);
    Ok(cloudphone_request {
        idempotent: op.is_idempotent(),
        op: Box::new(op),
        op_name: O::NAME,
        op_name_c: arena.put(O::NAME),
        method,
        url: arena.put(&req.url),
        headers: req
            .headers
            .iter()
            .map(|(n, v)| (arena.put(n), arena.put(v)))
            .collect(),
        body: arena.put_bytes(&req.body),
        _arena: arena,
        #[cfg(feature = "client")]
        call: None,
        walk: None,
        walked: std::sync::Mutex::new(None),
    })
}

/// Parses `response` with the operation that built `request`; refuses a
/// request built by another operation.
pub(crate) fn parse_response<O>(
    request: &cloudphone_request,
    response: &Response,
) -> FfiResult<O::Output>
where
    O: Operation + 'static,
{
    Ok(request.op::<O>()?.parse(response)?)
}

impl cloudphone_request {
    /// Sends this request's operation through `client` (re-signed with the
    /// client's credentials and clock) and parses the answer.
    #[cfg(feature = "client")]
    pub(crate) fn call_with(
        &self,
        client: &dyn Any,
    ) -> FfiResult<super::result::cloudphone_result> {
        let call = self.call.ok_or_else(|| {
            super::guard::FfiError::from(invalid(
                "request",
                format!(
                    "is a {} request, which has its own client function (see the header)",
                    self.op_name
                ),
            ))
        })?;
        call(self.op.as_ref(), client)
    }

    /// The operation that built this request, refusing one built by another
    /// operation.
    pub(crate) fn op<O: Operation + 'static>(&self) -> FfiResult<&O> {
        Ok(self.op.downcast_ref::<O>().ok_or_else(|| {
            invalid(
                "request",
                format!(
                    "was built by {}, not by {}; use the functions of the operation that built the request",
                    self.op_name,
                    O::NAME
                ),
            )
        })?)
    }
}

/// Frees a request. NULL is a no-op; must not be called twice.
///
/// # Safety
/// `request` is NULL or a live request no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_request_free(request: *mut cloudphone_request) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(request) })
}

/// The operation that built the request, e.g. `"huawei.batch_connection"`.
/// `{NULL, 0}` when `request` is NULL.
///
/// # Safety
/// `request` is NULL or a live request; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_request_operation(
    request: *const cloudphone_request,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { request.as_ref() }.map_or(cloudphone_str::NONE, |r| r.op_name_c.view())
    })
}

/// The method, e.g. `"POST"`. `{NULL, 0}` when `request` is NULL.
///
/// # Safety
/// `request` is NULL or a live request; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_request_method(
    request: *const cloudphone_request,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { request.as_ref() }.map_or(cloudphone_str::NONE, |r| {
            cloudphone_str::from_static(r.method)
        })
    })
}

/// The absolute URL, query included. `{NULL, 0}` when `request` is NULL.
///
/// # Safety
/// `request` is NULL or a live request; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_request_url(
    request: *const cloudphone_request,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { request.as_ref() }.map_or(cloudphone_str::NONE, |r| r.url.view())
    })
}

/// The number of headers (0 when `request` is NULL).
///
/// # Safety
/// `request` is NULL or a live request.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_request_header_count(
    request: *const cloudphone_request,
) -> usize {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { request.as_ref() }.map_or(0, |r| r.headers.len())
    })
}

/// Header `index` (in the order to send them). Both views are `{NULL, 0}`
/// when `request` is NULL or `index` is out of range.
///
/// # Safety
/// `request` is NULL or a live request; the views live as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_request_header_at(
    request: *const cloudphone_request,
    index: usize,
) -> cloudphone_header {
    let none = cloudphone_header {
        name: cloudphone_str::NONE,
        value: cloudphone_str::NONE,
    };
    guard_or(none, || {
        // SAFETY: per the function contract.
        match unsafe { request.as_ref() }.and_then(|r| r.headers.get(index)) {
            Some((n, v)) => cloudphone_header {
                name: n.view(),
                value: v.view(),
            },
            None => none,
        }
    })
}

/// The body bytes (JSON for every current operation); `len` 0 for none.
/// `{NULL, 0}` when `request` is NULL.
///
/// # Safety
/// `request` is NULL or a live request; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_request_body(
    request: *const cloudphone_request,
) -> cloudphone_bytes {
    let none = cloudphone_bytes {
        ptr: std::ptr::null(),
        len: 0,
    };
    guard_or(none, || {
        // SAFETY: per the function contract.
        unsafe { request.as_ref() }.map_or(none, |r| r.body.view())
    })
}

/// Whether sending the request twice has the effect of sending it once, i.e.
/// whether a host may retry it after a failure that may have reached the
/// server. False when `request` is NULL.
///
/// # Safety
/// `request` is NULL or a live request.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_request_is_idempotent(
    request: *const cloudphone_request,
) -> bool {
    guard_or(false, || {
        // SAFETY: per the function contract.
        unsafe { request.as_ref() }.is_some_and(|r| r.idempotent)
    })
}
