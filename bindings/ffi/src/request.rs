//! `cloudphone_request`: a built HTTP request for the host to send, and the
//! generic plumbing that lets every operation reach C through one parse and
//! one next-page function.
//!
//! A request keeps the operation that built it, boxed, with the three
//! functions that know its type ([`OpFns`]): parse an answer into a
//! `cloudphone_result`, build the next page's request (listings), send it
//! through a blocking client. So `cloudphone_request_parse`,
//! `cloudphone_request_next` and the clients' `_call` serve every operation,
//! and an operation's only export is its typed `_build`.

use std::any::Any;
use std::ffi::c_char;
use std::sync::{Arc, Mutex};

use super::config::ConfigHandle;
use super::error::cloudphone_error;
use super::guard::{
    FfiError, FfiResult, arg_opt_str, arg_out, arg_ref, arg_response, arg_str, free_box, guard,
    guard_or, write_out,
};
use super::result::{Summary, cloudphone_result};
use super::types::{
    Bytes, StrArena, Text, cloudphone_bytes, cloudphone_header, cloudphone_response_header,
    cloudphone_status, cloudphone_str,
};
use cloudphone::error::invalid;
use cloudphone::http::Response;
use cloudphone::op::{Context, Operation};
use cloudphone::page::{PageGuard, PageLimits, Pager};

/// A built request: method, URL, headers and body, ready to send with any
/// HTTP stack. Send every header unchanged (the signature covers them). Keep
/// the handle until the response is parsed: `cloudphone_request_parse`
/// parses with the operation that built it.
///
/// Thread safety: immutable; may be read from several threads at once.
pub struct cloudphone_request {
    op: Box<dyn Any + Send + Sync>,
    fns: OpFns,
    op_name: &'static str,
    op_name_c: Text,
    method: &'static [u8],
    url: Text,
    headers: Vec<(Text, Text)>,
    body: Bytes,
    idempotent: bool,
    // Owns the bytes the views above point to.
    _arena: StrArena,
    /// A listing's page walk; `None` for an operation that does not page.
    walk: Option<Walk>,
}

/// What a page of a listing carries to build the next one: the
/// configuration that signs it (shared with the configuration handle), the
/// core's [`PageGuard`] shared by every page of the walk (issue 12: default
/// limits, 1,000 pages, 100,000 items, no page without a new id), and what
/// `_next` decided for this page, so that asking twice neither counts the
/// page twice nor loses a bound's error.
struct Walk {
    config: Arc<dyn Any + Send + Sync>,
    guard: Arc<Mutex<PageGuard>>,
    decided: Mutex<Option<Result<(), cloudphone::Error>>>,
}

/// The functions that know a request's operation type.
#[derive(Clone, Copy)]
pub(crate) struct OpFns {
    parse: fn(&(dyn Any + Send + Sync), &Response) -> FfiResult<cloudphone_result>,
    next: Option<NextFn>,
    /// Whether a next page needs a trace id (GeeLark signs it).
    trace_id_required: bool,
    #[cfg(feature = "client")]
    call: Option<ClientCall>,
}

/// Builds the request for the page after a result, or `None` at the end.
type NextFn =
    fn(&cloudphone_request, &cloudphone_result, u64, &str) -> FfiResult<Option<cloudphone_request>>;

/// Runs a request's operation through a client given as `&dyn Any` (the
/// provider's client type, checked by downcasting).
#[cfg(feature = "client")]
pub(crate) type ClientCall = fn(&(dyn Any + Send + Sync), &dyn Any) -> FfiResult<cloudphone_result>;

impl OpFns {
    /// An operation parsed into a result (no paging, no client).
    pub(crate) fn of<O>() -> Self
    where
        O: Operation + 'static,
        O::Output: Summary,
    {
        OpFns {
            parse: parse_as::<O>,
            next: None,
            trace_id_required: false,
            #[cfg(feature = "client")]
            call: None,
        }
    }

    /// An operation of `H`'s provider, which its blocking client can send.
    pub(crate) fn provider<H, O>() -> Self
    where
        H: ConfigHandle,
        O: Operation<Config = H::Inner> + 'static,
        O::Output: Summary,
    {
        OpFns {
            #[cfg(feature = "client")]
            call: Some(call_through::<H, O>),
            ..Self::of::<O>()
        }
    }

    /// A listing of `H`'s provider: also builds its next page.
    pub(crate) fn pager<H, O>() -> Self
    where
        H: ConfigHandle,
        H::Inner: Send + Sync + 'static,
        O: Pager<Config = H::Inner> + Send + Sync + 'static,
        O::Output: Summary,
    {
        OpFns {
            next: Some(next_page::<O>),
            trace_id_required: H::TRACE_ID_REQUIRED,
            ..Self::provider::<H, O>()
        }
    }
}

/// Parses with operation `O` (the request's own, checked by downcasting).
fn parse_as<O>(op: &(dyn Any + Send + Sync), response: &Response) -> FfiResult<cloudphone_result>
where
    O: Operation + 'static,
    O::Output: Summary,
{
    let op = op
        .downcast_ref::<O>()
        .ok_or_else(|| FfiError::from(invalid("request", "holds another operation")))?;
    Ok(cloudphone_result::new(O::NAME, op.parse(response)?))
}

/// The [`ClientCall`] of operation `O`: sends it through `H`'s client and
/// wraps the answer in a result.
#[cfg(feature = "client")]
fn call_through<H, O>(
    op: &(dyn Any + Send + Sync),
    client: &dyn Any,
) -> FfiResult<cloudphone_result>
where
    H: ConfigHandle,
    O: Operation<Config = H::Inner> + 'static,
    O::Output: Summary,
{
    let op = op
        .downcast_ref::<O>()
        .ok_or_else(|| FfiError::from(invalid("request", "holds another operation")))?;
    let client = client.downcast_ref::<H::Client>().ok_or_else(|| {
        FfiError::from(invalid(
            "client",
            format!(
                "is the other provider's client; {} is a request for this one's",
                O::NAME
            ),
        ))
    })?;
    Ok(cloudphone_result::new(O::NAME, H::execute(client, op)?))
}

/// The [`NextFn`] of listing `O`: asks the walk's guard whether there is a
/// next page and builds it with the walk's configuration.
fn next_page<O>(
    request: &cloudphone_request,
    result: &cloudphone_result,
    now_unix_ms: u64,
    trace_id: &str,
) -> FfiResult<Option<cloudphone_request>>
where
    O: Pager + Send + Sync + 'static,
    O::Config: Send + Sync + 'static,
    O::Output: Summary,
{
    let walk = request
        .walk
        .as_ref()
        .ok_or_else(|| FfiError::from(invalid("request", "is not a page of a listing")))?;
    let last = result.output::<O::Output>(O::NAME)?;
    let op = request.op::<O>()?;
    let next_op = {
        let mut decided = walk.decided.lock().unwrap_or_else(|p| p.into_inner());
        match &*decided {
            Some(Err(e)) => return Err(e.clone().into()),
            // Asked again for the same page: the bounds were checked.
            Some(Ok(())) => op.next_page(last),
            None => {
                let next = walk
                    .guard
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .next(op, last);
                *decided = Some(next.as_ref().map(|_| ()).map_err(Clone::clone));
                next?
            }
        }
    };
    let Some(next_op) = next_op else {
        return Ok(None);
    };
    let config = walk.config.clone().downcast::<O::Config>().map_err(|_| {
        FfiError::from(invalid("request", "holds another provider's configuration"))
    })?;
    let mut req = build_request(next_op, &config, now_unix_ms, trace_id, request.fns)?;
    req.walk = Some(Walk {
        config,
        guard: walk.guard.clone(),
        decided: Mutex::new(None),
    });
    Ok(Some(req))
}

/// Builds `op`'s request into a handle that keeps `op` and its functions.
pub(crate) fn build_request<O>(
    op: O,
    config: &O::Config,
    now_unix_ms: u64,
    trace_id: &str,
    fns: OpFns,
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
        fns,
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
        walk: None,
    })
}

/// The body of an operation's `_build` export: checks `request_out`, reads
/// the configuration and trace id, makes the operation with `make` (which
/// reads the operation's own arguments) and writes the built request, with
/// `fns` (from [`OpFns::provider`] or [`OpFns::pager`]).
///
/// # Safety
/// As documented on the build exports.
pub(crate) unsafe fn build_into<H, O>(
    config: *const H,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    fns: OpFns,
    make: impl FnOnce() -> FfiResult<O>,
) -> FfiResult<()>
where
    H: ConfigHandle,
    H::Inner: Send + Sync + 'static,
    O: Operation<Config = H::Inner> + Send + Sync + 'static,
{
    arg_out(request_out, "request_out")?;
    // SAFETY: per the function contract.
    let (config, trace_id) = unsafe { (arg_ref(config, "config")?, read_trace_id::<H>(trace_id)?) };
    let op = make()?;
    let mut req = build_request(op, config.inner(), now_unix_ms, trace_id, fns)?;
    if fns.next.is_some() {
        req.walk = Some(Walk {
            config: config.shared(),
            guard: Arc::new(Mutex::new(PageGuard::new(PageLimits::default())?)),
            decided: Mutex::new(None),
        });
    }
    // SAFETY: checked above.
    unsafe { write_out(request_out, req) };
    Ok(())
}

/// GeeLark needs a trace id; Huawei ignores it (NULL is fine).
///
/// # Safety
/// `trace_id` is NULL or NUL-terminated.
unsafe fn read_trace_id<'a, H: ConfigHandle>(trace_id: *const c_char) -> FfiResult<&'a str> {
    // SAFETY: per the function contract.
    unsafe {
        if H::TRACE_ID_REQUIRED {
            arg_str(trace_id, "trace_id")
        } else {
            Ok(arg_opt_str(trace_id, "trace_id")?.unwrap_or(""))
        }
    }
}

impl cloudphone_request {
    /// Sends this request's operation through `client` (re-signed with the
    /// client's credentials and clock) and parses the answer.
    #[cfg(feature = "client")]
    pub(crate) fn call_with(&self, client: &dyn Any) -> FfiResult<cloudphone_result> {
        let call = self.fns.call.ok_or_else(|| {
            FfiError::from(invalid(
                "request",
                format!("is a {} request, which no client sends", self.op_name),
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

/// Parses the response to `request` — any response — with the operation
/// that built it, into a new `cloudphone_result` at `*result_out`. An
/// answer the operation documents as success (a 200, with per-item
/// failures in `cloudphone_result_failure_at`; a GeeLark envelope with code
/// 0, 40006 or 40009) succeeds; anything else fails with a typed error in
/// `*err_out` (provider code, HTTP status, request id; the body quoted only
/// after redacting credentials). A body over 16 MiB is refused with
/// `CLOUDPHONE_STATUS_BODY_TOO_LARGE` before it is read (another cap:
/// `cloudphone_request_parse_capped`).
///
/// - `request`: required; the request this is the answer to.
/// - `http_status`: the HTTP status code.
/// - `headers`, `headers_len`: the response headers as (pointer, length)
///   pairs; `(NULL, 0)` for none.
/// - `body`, `body_len`: the whole body; `(NULL, 0)` for none.
/// - `result_out`: required; written only on success.
/// - `err_out`: optional (NULL = no error details).
///
/// Pointers: `headers` required unless its length is 0 ((NULL, 0) = empty);
/// `body` required unless its length is 0 ((NULL, 0) = empty).
///
/// # Safety
/// `request` is NULL or live; arrays as described; `result_out` and
/// `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_request_parse(
    request: *const cloudphone_request,
    http_status: u16,
    headers: *const cloudphone_response_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    result_out: *mut *mut cloudphone_result,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            parse_capped(
                request,
                cloudphone::op::DEFAULT_MAX_BODY_LEN,
                http_status,
                headers,
                headers_len,
                body,
                body_len,
                result_out,
            )
        }
    })
}

/// `cloudphone_request_parse` with the host's own cap on the body size:
/// a body over `max_body_len` bytes is refused with
/// `CLOUDPHONE_STATUS_BODY_TOO_LARGE` (its error names the cap) before it
/// is read; `max_body_len` 0 means the default, 16 MiB.
///
/// Pointers: `request` required; `headers` required unless its length is 0
/// ((NULL, 0) = none); `body` required unless its length is 0 ((NULL, 0) =
/// none); `result_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_request_parse`.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cloudphone_request_parse_capped(
    request: *const cloudphone_request,
    max_body_len: u64,
    http_status: u16,
    headers: *const cloudphone_response_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    result_out: *mut *mut cloudphone_result,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        let cap = match max_body_len {
            0 => cloudphone::op::DEFAULT_MAX_BODY_LEN,
            n => n,
        };
        // SAFETY: per the function contract.
        unsafe {
            parse_capped(
                request,
                cap,
                http_status,
                headers,
                headers_len,
                body,
                body_len,
                result_out,
            )
        }
    })
}

/// The body of both parse exports.
///
/// # Safety
/// As `cloudphone_request_parse`.
#[allow(clippy::too_many_arguments)]
unsafe fn parse_capped(
    request: *const cloudphone_request,
    max_body_len: u64,
    http_status: u16,
    headers: *const cloudphone_response_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    result_out: *mut *mut cloudphone_result,
) -> FfiResult<()> {
    arg_out(result_out, "result_out")?;
    // SAFETY: per the function contract.
    let request = unsafe { arg_ref(request, "request") }?;
    // Checked before the body is copied or read.
    cloudphone::op::check_body_len(request.op_name, body_len, max_body_len)?;
    // SAFETY: per the function contract.
    let response = unsafe { arg_response(http_status, headers, headers_len, body, body_len) }?;
    let result = (request.fns.parse)(request.op.as_ref(), &response)?;
    // SAFETY: checked above.
    unsafe { write_out(result_out, result) };
    Ok(())
}

/// For a listing (`cloudphone_request_pages`): builds the request for the
/// page after `result` (the parsed answer to `request`) into `*next_out`,
/// signed with the configuration the first page was built with, at
/// `now_unix_ms` — or writes NULL when `result` was the last page (an empty
/// or short page, or one reaching the total). A walk is bounded (1,000
/// pages, 100,000 items, no page without a new id): past a bound this fails
/// with `CLOUDPHONE_STATUS_LIMIT_EXCEEDED`. Asking twice for the same page
/// gives the same answer.
///
/// - `request`, `result`: required; a page's request and its result.
/// - `trace_id`: for GeeLark, required, a fresh trace id; for Huawei,
///   optional (NULL = none).
/// - `next_out`: required. `err_out`: optional (NULL = no error details).
///
/// Fails with `CLOUDPHONE_STATUS_INVALID_INPUT` for an operation that does
/// not page, or a result of another operation.
///
/// Pointers: `request` required.
///
/// # Safety
/// `request` and `result` NULL or live; `trace_id` NULL or NUL-terminated;
/// `next_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_request_next(
    request: *const cloudphone_request,
    result: *const cloudphone_result,
    now_unix_ms: u64,
    trace_id: *const c_char,
    next_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(next_out, "next_out")?;
        // SAFETY: per the function contract.
        let (request, result, trace_id) = unsafe {
            (
                arg_ref(request, "request")?,
                arg_ref(result, "result")?,
                arg_opt_str(trace_id, "trace_id")?,
            )
        };
        if request.fns.trace_id_required && trace_id.is_none() {
            return Err(FfiError::Null("trace_id"));
        }
        let next = request.fns.next.ok_or_else(|| {
            FfiError::from(invalid(
                "request",
                format!("is a {} request, which does not page", request.op_name),
            ))
        })?;
        let next = match next(request, result, now_unix_ms, trace_id.unwrap_or(""))? {
            Some(req) => Box::into_raw(Box::new(req)),
            None => std::ptr::null_mut(),
        };
        // SAFETY: checked above.
        unsafe { *next_out = next };
        Ok(())
    })
}

/// Whether `request` is a page of a listing, i.e. whether
/// `cloudphone_request_next` can follow it. False when `request` is NULL.
///
/// Pointers: `request` optional (NULL = the neutral value above).
///
/// # Safety
/// `request` is NULL or a live request.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_request_pages(request: *const cloudphone_request) -> bool {
    guard_or(false, || {
        // SAFETY: per the function contract.
        unsafe { request.as_ref() }.is_some_and(|r| r.fns.next.is_some())
    })
}

/// Frees a request. NULL is a no-op; must not be called twice.
///
/// Pointers: `request` optional (NULL = no-op).
///
/// # Safety
/// `request` is NULL or a live request no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_request_free(request: *mut cloudphone_request) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(request) })
}

/// The operation that built the request, e.g. `"huawei.show_connect_infos"`.
/// `{NULL, 0}` when `request` is NULL.
///
/// Pointers: `request` optional (NULL = the neutral value above).
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
/// Pointers: `request` optional (NULL = the neutral value above).
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
/// Pointers: `request` optional (NULL = the neutral value above).
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
/// Pointers: `request` optional (NULL = the neutral value above).
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
/// Pointers: `request` optional (NULL = the neutral value above).
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
/// Pointers: `request` optional (NULL = the neutral value above).
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
/// Pointers: `request` optional (NULL = the neutral value above).
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
