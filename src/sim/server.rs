//! The simulator's HTTP/1.1 server: blocking, one thread per connection,
//! keep-alive, on `std::net`.
//!
//! Why not a server crate: the fault knobs need what those crates keep to
//! themselves — ending a keep-alive connection half-way through a body, or
//! with a TCP reset instead of an answer. Owning the socket makes both exact
//! (a truncated body is followed by a FIN, a reset is a real RST via
//! `SO_LINGER 0`), and HTTP/1.1 as clients send it (`Content-Length` or
//! chunked bodies, `Expect: 100-continue`, keep-alive) is little code.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Longest request head (request line and headers) accepted: IAM tokens can
/// be very long.
const MAX_HEAD: u64 = 1024 * 1024;
/// Largest request body accepted.
const MAX_BODY: usize = 16 * 1024 * 1024;
/// How long an idle keep-alive connection is kept.
const IDLE_TIMEOUT: Duration = Duration::from_secs(75);

/// One request as read from the socket.
#[derive(Clone, Debug)]
pub(crate) struct HttpRequest {
    pub(crate) method: String,
    /// The path, still percent-encoded, without the query.
    pub(crate) path: String,
    /// The raw query string (no `?`), possibly empty.
    pub(crate) query: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl HttpRequest {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An answer.
#[derive(Clone, Debug)]
pub(crate) struct HttpResponse {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl HttpResponse {
    pub(crate) fn json(status: u16, value: &serde_json::Value) -> Self {
        HttpResponse {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: serde_json::to_vec(value).unwrap_or_default(),
        }
    }

    /// A status with no body (e.g. 204).
    pub(crate) fn empty(status: u16) -> Self {
        HttpResponse {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub(crate) fn text(status: u16, text: &str) -> Self {
        HttpResponse {
            status,
            headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
            body: text.as_bytes().to_vec(),
        }
    }

    pub(crate) fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }
}

/// What the connection does with a request.
#[derive(Clone, Debug)]
pub(crate) enum Action {
    /// Answer it.
    Respond(HttpResponse),
    /// Send the head and half the body (with the full `Content-Length`),
    /// then close the connection.
    Truncate(HttpResponse),
    /// Like `Truncate`, but end with a reset (RST) instead of a close.
    TruncateReset(HttpResponse),
    /// Never answer: wait, reading and discarding, until the client closes
    /// the connection (or the server stops).
    Hang,
    /// Close the connection without answering (FIN).
    Close,
    /// Reset the connection without answering (RST).
    Reset,
    /// Write bytes as they are (a hostile or malformed answer the other
    /// actions cannot express), then close the connection.
    Raw(RawAnswer),
}

/// An answer written byte for byte, for the transport-level faults: a head
/// and body that break HTTP framing (bad chunk sizes, conflicting
/// `Content-Length`s, a close-delimited HTTP/1.0 body) or arrive too slowly
/// (trickling). The connection is always closed afterwards: after such an
/// answer it is in no state to carry another request.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawAnswer {
    /// Written at once.
    pub(crate) prefix: Vec<u8>,
    /// Then written one byte at a time, `interval` apart, until the client
    /// goes away (a write fails) or the simulator stops.
    pub(crate) trickle: Vec<u8>,
    /// The pause between trickled bytes.
    pub(crate) interval: Duration,
}

/// Turns requests into actions.
pub(crate) trait Handler: Send + Sync + 'static {
    fn handle(&self, request: &HttpRequest) -> Action;
}

type Registry = Arc<Mutex<HashMap<u64, TcpStream>>>;

/// A running server; dropping it stops it.
pub(crate) struct Server {
    addr: SocketAddr,
    /// A second handle on the listening socket, to wake the accept thread.
    listener: TcpListener,
    stop: Arc<AtomicBool>,
    connections: Registry,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    pub(crate) fn start(bind: SocketAddr, handler: Arc<dyn Handler>) -> io::Result<Server> {
        let listener = TcpListener::bind(bind)?;
        let addr = listener.local_addr()?;
        let wake = listener.try_clone()?;
        let stop = Arc::new(AtomicBool::new(false));
        let connections: Registry = Arc::default();
        let accept = {
            let stop = stop.clone();
            let connections = connections.clone();
            std::thread::Builder::new()
                .name("cloudphone-sim-accept".into())
                .spawn(move || accept_loop(listener, handler, stop, connections))?
        };
        Ok(Server {
            addr,
            listener: wake,
            stop,
            connections,
            accept: Some(accept),
        })
    }

    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, closes every open connection and waits for the
    /// accept thread.
    pub(crate) fn shutdown(&mut self) {
        if self.stop.swap(true, Ordering::SeqCst) {
            return;
        }
        // Wake the blocking accept. On Linux, shutting the listening socket
        // down does it without a connection: a connection to ourselves
        // needs a free ephemeral port and room in the backlog, and under
        // load (ports in TIME_WAIT, a full backlog) it can fail — then the
        // join below would wait forever. Elsewhere the connection is the
        // only way; if it fails, the accept thread is left behind (it ends
        // at its next connection) rather than hanging the caller.
        let woken = (cfg!(target_os = "linux")
            && socket2::SockRef::from(&self.listener)
                .shutdown(Shutdown::Both)
                .is_ok())
            || TcpStream::connect_timeout(&self.addr, Duration::from_secs(1)).is_ok();
        if let Some(h) = self.accept.take() {
            if woken {
                let _ = h.join();
            }
        }
        let conns = std::mem::take(&mut *lock(&self.connections));
        for (_, s) in conns {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn accept_loop(
    listener: TcpListener,
    handler: Arc<dyn Handler>,
    stop: Arc<AtomicBool>,
    connections: Registry,
) {
    let next_id = AtomicU64::new(0);
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let id = next_id.fetch_add(1, Ordering::Relaxed);
        if let Ok(clone) = stream.try_clone() {
            lock(&connections).insert(id, clone);
        }
        let handler = handler.clone();
        let registry = connections.clone();
        let spawned = std::thread::Builder::new()
            .name("cloudphone-sim-conn".into())
            .spawn(move || {
                let end = serve(&stream, &*handler);
                // Drop the registry's handle first: a reset needs the last
                // descriptor closed with SO_LINGER 0.
                drop(lock(&registry).remove(&id));
                if matches!(end, End::Reset) {
                    let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
                } else {
                    let _ = stream.shutdown(Shutdown::Both);
                }
            });
        if spawned.is_err() {
            drop(lock(&connections).remove(&id));
        }
    }
}

enum End {
    Close,
    Reset,
}

fn serve(stream: &TcpStream, handler: &dyn Handler) -> End {
    let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else {
        return End::Close;
    };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    loop {
        let request = match read_request(&mut reader, &mut writer) {
            Ok(Some(r)) => r,
            Ok(None) => return End::Close,
            Err(e) => {
                let status = if e.kind() == io::ErrorKind::InvalidData {
                    400
                } else {
                    return End::Close;
                };
                let resp = HttpResponse::text(status, &format!("bad request: {e}"));
                let _ = write_response(&mut writer, &resp, false, None);
                return End::Close;
            }
        };
        let keep_alive = !request
            .header("connection")
            .is_some_and(|v| v.to_ascii_lowercase().contains("close"));
        match handler.handle(&request) {
            Action::Respond(resp) => {
                let head_only = request.method == "HEAD";
                if write_response(&mut writer, &resp, keep_alive, head_only.then_some(0)).is_err()
                    || !keep_alive
                {
                    return End::Close;
                }
            }
            Action::Truncate(resp) => {
                let half = resp.body.len() / 2;
                let _ = write_response(&mut writer, &resp, true, Some(half));
                return End::Close;
            }
            Action::TruncateReset(resp) => {
                let half = resp.body.len() / 2;
                let _ = write_response(&mut writer, &resp, true, Some(half));
                return End::Reset;
            }
            Action::Hang => {
                let mut sink = [0u8; 4096];
                while matches!(reader.read(&mut sink), Ok(n) if n > 0) {}
                return End::Close;
            }
            Action::Close => return End::Close,
            Action::Reset => return End::Reset,
            Action::Raw(raw) => {
                write_raw(&mut writer, &raw);
                return End::Close;
            }
        }
    }
}

fn invalid_data(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_owned())
}

/// Reads one line (CRLF or LF) of the head, counting against `budget`.
fn read_line(reader: &mut impl BufRead, budget: &mut u64) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = reader.by_ref().take(*budget).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    *budget = budget.saturating_sub(n as u64);
    if !buf.ends_with(b"\n") {
        return Err(invalid_data("request head too large or cut short"));
    }
    buf.pop();
    if buf.ends_with(b"\r") {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

fn read_request(
    reader: &mut BufReader<TcpStream>,
    writer: &mut &TcpStream,
) -> io::Result<Option<HttpRequest>> {
    let mut budget = MAX_HEAD;
    // Tolerate empty lines before a request line (RFC 9112 §2.2).
    let line = loop {
        match read_line(reader, &mut budget)? {
            None => return Ok(None),
            Some(l) if l.is_empty() => continue,
            Some(l) => break l,
        }
    };
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid_data("malformed request line"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(invalid_data("only HTTP/1.x is spoken here"));
    }
    let mut headers = Vec::new();
    loop {
        let Some(l) = read_line(reader, &mut budget)? else {
            return Err(invalid_data("connection closed inside the head"));
        };
        if l.is_empty() {
            break;
        }
        let (n, v) = l
            .split_once(':')
            .ok_or_else(|| invalid_data("malformed header line"))?;
        headers.push((n.trim().to_owned(), v.trim().to_owned()));
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _): &&(String, String)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    if header("expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue")) {
        writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
    }
    let body = if header("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"))
    {
        read_chunked(reader)?
    } else if let Some(len) = header("content-length") {
        let len: usize = len
            .parse()
            .map_err(|_| invalid_data("bad Content-Length"))?;
        if len > MAX_BODY {
            return Err(invalid_data("body too large"));
        }
        let mut body = vec![0; len];
        reader.read_exact(&mut body)?;
        body
    } else {
        Vec::new()
    };
    // Absolute-form targets (through a proxy) keep only the path.
    let target = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => target,
    };
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_owned(), q.to_owned()),
        None => (target.to_owned(), String::new()),
    };
    Ok(Some(HttpRequest {
        method: method.to_owned(),
        path,
        query,
        headers,
        body,
    }))
}

fn read_chunked(reader: &mut BufReader<TcpStream>) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut budget = MAX_HEAD;
    loop {
        let line =
            read_line(reader, &mut budget)?.ok_or_else(|| invalid_data("chunk size missing"))?;
        let size_text = line.split(';').next().unwrap_or("").trim();
        let size =
            usize::from_str_radix(size_text, 16).map_err(|_| invalid_data("bad chunk size"))?;
        if size == 0 {
            // Trailers until the empty line.
            while let Some(l) = read_line(reader, &mut budget)? {
                if l.is_empty() {
                    break;
                }
            }
            return Ok(body);
        }
        if body.len() + size > MAX_BODY {
            return Err(invalid_data("body too large"));
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..])?;
        let mut crlf = [0u8; 2];
        reader.read_exact(&mut crlf)?;
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// Writes a response. `body_len` limits how much of the body is written
/// (the head still announces all of it).
fn write_response(
    w: &mut &TcpStream,
    resp: &HttpResponse,
    keep_alive: bool,
    body_len: Option<usize>,
) -> io::Result<()> {
    let mut out = Vec::with_capacity(256 + resp.body.len());
    let _ = write!(out, "HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    // A handler may set its own `Date` (the clock-skew fault does).
    if !resp
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("date"))
    {
        let _ = write!(out, "Date: {}\r\n", http_date(SystemTime::now()));
    }
    let _ = write!(
        out,
        "Server: cloudphone-sim\r\nContent-Length: {}\r\nConnection: {}\r\n",
        resp.body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    );
    for (n, v) in &resp.headers {
        let _ = write!(out, "{n}: {v}\r\n");
    }
    out.extend_from_slice(b"\r\n");
    let n = body_len.unwrap_or(resp.body.len()).min(resp.body.len());
    out.extend_from_slice(&resp.body[..n]);
    w.write_all(&out)?;
    w.flush()
}

/// Writes a [`RawAnswer`]; a failed write (the client gave up) ends it.
fn write_raw(w: &mut &TcpStream, raw: &RawAnswer) {
    if w.write_all(&raw.prefix).and_then(|()| w.flush()).is_err() {
        return;
    }
    for byte in &raw.trickle {
        std::thread::sleep(raw.interval);
        if w.write_all(std::slice::from_ref(byte)).is_err() {
            return;
        }
    }
}

/// The bytes of `resp` as [`write_response`] sends them on a connection
/// that closes afterwards (for trickling a well-formed answer).
pub(crate) fn response_bytes(resp: &HttpResponse) -> Vec<u8> {
    let mut out = head_bytes(
        "HTTP/1.1",
        resp,
        &[
            ("Content-Length", &resp.body.len().to_string()),
            ("Connection", "close"),
        ],
    );
    out.extend_from_slice(&resp.body);
    out
}

/// A response head: the status line with `version`, `Date` (unless the
/// handler set one), `Server`, then `framing` (the framing headers, which
/// the raw faults choose themselves: none, twice, conflicting…) and the
/// handler's headers, then the empty line.
pub(crate) fn head_bytes(version: &str, resp: &HttpResponse, framing: &[(&str, &str)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    let _ = write!(out, "{version} {} {}\r\n", resp.status, reason(resp.status));
    if !resp
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("date"))
    {
        let _ = write!(out, "Date: {}\r\n", http_date(SystemTime::now()));
    }
    let _ = write!(out, "Server: cloudphone-sim\r\n");
    for (n, v) in framing {
        let _ = write!(out, "{n}: {v}\r\n");
    }
    for (n, v) in &resp.headers {
        let _ = write!(out, "{n}: {v}\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the `Date` header the
/// Huawei client reads to correct its clock.
pub(crate) fn http_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let d = crate::time::sdk_date(secs * 1000); // YYYYMMDDTHHMMSSZ
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month: usize = d[4..6].parse().unwrap_or(1);
    format!(
        "{}, {} {} {} {}:{}:{} GMT",
        DAYS[((secs / 86_400) % 7) as usize],
        &d[6..8],
        MONTHS[month.clamp(1, 12) - 1],
        &d[0..4],
        &d[9..11],
        &d[11..13],
        &d[13..15]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_format() {
        let t = UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
    }
}
