//! A scripted HTTP/1.1 server on 127.0.0.1 for the client tests: real
//! sockets, keep-alive, and answers chosen per request — including broken
//! ones (resets, truncated bodies, wrong lengths, silence). It counts every
//! request it read and how many were being answered at once.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One request as the server read it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The string ids under `key` in a JSON body (`phone_ids`, `ids`).
    pub fn ids(&self, key: &str) -> Vec<String> {
        self.json()[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// How a connection ends after raw bytes were written.
#[derive(Clone, Copy, Debug)]
pub enum After {
    /// FIN.
    Close,
    /// RST (SO_LINGER 0).
    Reset,
}

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A well-formed response with `Content-Length`; the connection stays open.
    Http {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// These exact bytes, then the connection ends.
    Raw { bytes: Vec<u8>, after: After },
    /// A response head announcing `announced` body bytes, then `body_len`
    /// bytes of filler streamed, then close (for the body cap).
    Huge { announced: u64, body_len: u64 },
    /// No answer at all; the connection is held until the server is dropped.
    Hang,
    /// Sleeps, then gives the inner reply (makes overlap observable).
    Delay(Duration, Box<Reply>),
}

impl Reply {
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply::Http {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into().into_bytes(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Http { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }

    /// A head with `Content-Length: announced` and only `sent` of the body.
    pub fn truncated(status: u16, body: &str, announced: usize, after: After) -> Reply {
        let mut bytes = format!(
            "HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\nContent-Length: {announced}\r\n\r\n"
        )
        .into_bytes();
        bytes.extend_from_slice(body.as_bytes());
        Reply::Raw { bytes, after }
    }

    pub fn delayed(self, d: Duration) -> Reply {
        Reply::Delay(d, Box::new(self))
    }
}

type Handler = dyn Fn(usize, &Recorded) -> Reply + Send + Sync;

struct State {
    handler: Box<Handler>,
    seen: AtomicUsize,
    active: AtomicUsize,
    max_active: AtomicUsize,
    connections: AtomicUsize,
    requests: Mutex<Vec<Recorded>>,
    stop: AtomicBool,
    held: Mutex<Vec<TcpStream>>,
}

/// The server; dropping it stops it.
pub struct Server {
    addr: SocketAddr,
    state: Arc<State>,
}

impl Server {
    /// Answers request number `n` (0-based, over all connections) with
    /// `handler(n, &request)`.
    pub fn start(handler: impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State {
            handler: Box::new(handler),
            seen: AtomicUsize::new(0),
            active: AtomicUsize::new(0),
            max_active: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
            requests: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
            held: Mutex::new(Vec::new()),
        });
        let st = state.clone();
        thread::spawn(move || {
            for conn in listener.incoming() {
                if st.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                st.connections.fetch_add(1, Ordering::SeqCst);
                let st = st.clone();
                thread::spawn(move || serve(conn, &st));
            }
        });
        Server { addr, state }
    }

    /// Answers the n-th request with `replies[n]`, and any later one with
    /// the last reply.
    pub fn script(replies: Vec<Reply>) -> Server {
        assert!(!replies.is_empty());
        Server::start(move |n, _| replies[n.min(replies.len() - 1)].clone())
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Requests read so far.
    pub fn seen(&self) -> usize {
        self.state.seen.load(Ordering::SeqCst)
    }

    /// Most requests being answered at the same time.
    pub fn max_concurrent(&self) -> usize {
        self.state.max_active.load(Ordering::SeqCst)
    }

    /// TCP connections accepted.
    pub fn connections(&self) -> usize {
        self.state.connections.load(Ordering::SeqCst)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.requests.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        for s in self.state.held.lock().unwrap().drain(..) {
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
    }
}

fn read_request(r: &mut BufReader<TcpStream>) -> Option<Recorded> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).ok()? == 0 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (n, v) = h.split_once(':')?;
        headers.push((n.trim().to_owned(), v.trim().to_owned()));
    }
    let len = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    Some(Recorded {
        method,
        path,
        headers,
        body,
    })
}

fn reset(stream: &TcpStream) {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let linger = libc::linger {
            l_onoff: 1,
            l_linger: 0,
        };
        // SAFETY: a valid socket fd and a correctly sized, initialised linger.
        unsafe {
            libc::setsockopt(
                stream.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_LINGER,
                (&linger as *const libc::linger).cast(),
                std::mem::size_of::<libc::linger>() as libc::socklen_t,
            );
        }
    }
}

fn serve(stream: TcpStream, st: &State) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    while let Some(req) = read_request(&mut reader) {
        if st.stop.load(Ordering::SeqCst) {
            return;
        }
        let n = st.seen.fetch_add(1, Ordering::SeqCst);
        let active = st.active.fetch_add(1, Ordering::SeqCst) + 1;
        st.max_active.fetch_max(active, Ordering::SeqCst);
        st.requests.lock().unwrap().push(req.clone());
        let mut reply = (st.handler)(n, &req);
        while let Reply::Delay(d, inner) = reply {
            thread::sleep(d);
            reply = *inner;
        }
        st.active.fetch_sub(1, Ordering::SeqCst);
        match reply {
            Reply::Http {
                status,
                headers,
                body,
            } => {
                let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\n", body.len());
                for (n, v) in &headers {
                    head.push_str(&format!("{n}: {v}\r\n"));
                }
                head.push_str("\r\n");
                let mut bytes = head.into_bytes();
                bytes.extend_from_slice(&body);
                if out.write_all(&bytes).is_err() {
                    return;
                }
            }
            Reply::Raw { bytes, after } => {
                let _ = out.write_all(&bytes);
                let _ = out.flush();
                if let After::Reset = after {
                    reset(&out);
                }
                return;
            }
            Reply::Huge {
                announced,
                body_len,
            } => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {announced}\r\n\r\n"
                );
                if out.write_all(head.as_bytes()).is_err() {
                    return;
                }
                let chunk = vec![b' '; 64 * 1024];
                let mut left = body_len;
                while left > 0 {
                    let n = left.min(chunk.len() as u64) as usize;
                    if out.write_all(&chunk[..n]).is_err() {
                        return;
                    }
                    left -= n as u64;
                }
                return;
            }
            Reply::Hang => {
                st.held.lock().unwrap().push(out);
                return;
            }
            Reply::Delay(..) => unreachable!(),
        }
    }
}

/// Formats Unix seconds as an IMF-fixdate (`Date` header).
pub fn http_date(unix_secs: u64) -> String {
    let days = (unix_secs / 86_400) as i64;
    let s = unix_secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    const WD: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MO: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{}, {d:02} {} {y:04} {:02}:{:02}:{:02} GMT",
        WD[(days.rem_euclid(7)) as usize],
        MO[m as usize - 1],
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}

/// Parses `X-Sdk-Date` (`YYYYMMDDTHHMMSSZ`) into Unix seconds.
pub fn parse_sdk_date(v: &str) -> Option<u64> {
    let n = |r: std::ops::Range<usize>| v.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (n(0..4)?, n(4..6)?, n(6..8)?);
    let (hh, mm, ss) = (n(9..11)?, n(11..13)?, n(13..15)?);
    let days = days_from_civil(y, m, d);
    Some((days * 86_400 + hh * 3600 + mm * 60 + ss) as u64)
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Formats Unix seconds as IAM's `expires_at` (`2024-01-02T03:04:05.000000Z`).
pub fn rfc3339(unix_secs: u64) -> String {
    let (y, m, d) = civil_from_days((unix_secs / 86_400) as i64);
    let s = unix_secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.000000Z",
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}
