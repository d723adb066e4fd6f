//! The TCP link under ureq: ureq's own TCP transport, minus the system calls
//! a kept-alive call does not need.
//!
//! Measured with `strace -f -c` over 2,000 batch-connection calls on one
//! kept-alive connection, ureq's `TcpTransport` made 12 system calls a call
//! where `wrk` makes 2: the head and the body in two `sendto`s (two wake-ups
//! of the server, two loopback deliveries), a read timeout and a write
//! timeout set again on every call because the time left differs by a few
//! microseconds, and a liveness probe (on leaving the pool and on coming
//! back) of three calls each: non-blocking on, peek, non-blocking off.
//! This transport:
//! - holds what ureq transmits and writes it in one `write` when ureq turns
//!   to reading the answer (or when 64 KiB are held): the request leaves in
//!   one segment;
//! - sets a socket timeout only when the time left moved by more than
//!   1/64 of it (at most 20 ms): a blocked read or write still ends within
//!   that margin of the call's deadline, never later;
//! - probes with one `recv(MSG_PEEK | MSG_DONTWAIT)` on Unix (the three-call
//!   probe elsewhere).
//!
//! Connection set-up keeps ureq's rules: every resolved address tried in
//! turn, the connect budget shared among them, `TCP_NODELAY` when the
//! configuration asks for it, and a shutdown handle registered so that
//! ureq can interrupt a call in flight.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use ureq::Error;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, ShutdownHandle,
    Transport,
};

/// Output held before it is written anyway (ureq writes a body in chunks
/// of its output buffer; a large body leaves in 64 KiB writes).
const FLUSH_AT: usize = 64 * 1024;
/// The least time an address is given to connect when several share the
/// connect budget.
const MIN_PER_ADDRESS: Duration = Duration::from_millis(10);
/// A socket timeout is left as it is while it is within this much of the
/// time left (and within 1/64 of it).
const TIMEOUT_SLACK: Duration = Duration::from_millis(20);

/// Opens [`LeanTcp`] links; the TCP step of the client's connector chain.
#[derive(Debug, Default)]
pub(crate) struct LeanTcpConnector;

impl<In: Transport> Connector<In> for LeanTcpConnector {
    type Out = Either<In, LeanTcp>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, Error> {
        // A proxy step before this one has made the connection already.
        if let Some(chained) = chained {
            return Ok(Some(Either::A(chained)));
        }
        let budget = details.timeout.not_zero().map(|t| *t);
        let stream = connect_any(&details.addrs, budget)?;
        if details.config.no_delay() {
            stream.set_nodelay(true)?;
        }
        let config = details.config;
        let link = LeanTcp {
            stream: Arc::new(stream),
            buffers: LazyBuffers::new(config.input_buffer_size(), config.output_buffer_size()),
            held: Vec::new(),
            read_timeout: None,
            write_timeout: None,
        };
        let handle: Arc<dyn ShutdownHandle> = link.stream.clone();
        (details.register_shutdown)(Arc::downgrade(&handle))?;
        Ok(Some(Either::B(link)))
    }
}

/// Tries each address in turn; the first gets half the budget, the next a
/// quarter, ... and the last what is left, each at least
/// [`MIN_PER_ADDRESS`]. Refusals and unreachable networks move on to the
/// next address; the last failure is the one reported.
fn connect_any(addrs: &[SocketAddr], budget: Option<Duration>) -> Result<TcpStream, Error> {
    let started = std::time::Instant::now();
    let mut last: Option<Error> = None;
    for (i, addr) in addrs.iter().enumerate() {
        let per_address = budget.map(|b| {
            let left = b.saturating_sub(started.elapsed());
            let share = if i + 1 == addrs.len() { left } else { left / 2 };
            share.max(MIN_PER_ADDRESS)
        });
        let attempt = match per_address {
            Some(t) => TcpStream::connect_timeout(addr, t),
            None => TcpStream::connect(addr),
        };
        match attempt {
            Ok(stream) => return Ok(stream),
            Err(e)
                if e.kind() == io::ErrorKind::TimedOut || e.kind() == io::ErrorKind::WouldBlock =>
            {
                last = Some(Error::Timeout(ureq::Timeout::Connect));
                if budget.is_some_and(|b| started.elapsed() >= b) {
                    break;
                }
            }
            Err(e) if moves_on(&e) => last = Some(Error::Io(e)),
            Err(e) => return Err(Error::Io(e)),
        }
    }
    Err(last.unwrap_or_else(|| {
        Error::Io(io::Error::new(
            io::ErrorKind::ConnectionRefused,
            "no address to connect to",
        ))
    }))
}

/// Failures that concern the one address tried, not the host.
fn moves_on(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::HostUnreachable
            | io::ErrorKind::NetworkUnreachable
            | io::ErrorKind::NetworkDown
            | io::ErrorKind::AddrNotAvailable
    )
}

/// One TCP connection as ureq's transport, with held output and cached
/// socket timeouts (see the module documentation).
pub(crate) struct LeanTcp {
    stream: Arc<TcpStream>,
    buffers: LazyBuffers,
    held: Vec<u8>,
    read_timeout: Option<Duration>,
    write_timeout: Option<Duration>,
}

impl std::fmt::Debug for LeanTcp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LeanTcp")
            .field("peer", &self.stream.peer_addr().ok())
            .field("held", &self.held.len())
            .finish()
    }
}

/// Whether a socket timeout of `set` may stand for `wanted`: both off, or
/// within the slack of each other.
fn close_enough(set: Option<Duration>, wanted: Option<Duration>) -> bool {
    match (set, wanted) {
        (None, None) => true,
        (Some(set), Some(wanted)) => {
            let slack = (set.max(wanted) / 64).min(TIMEOUT_SLACK);
            set.abs_diff(wanted) <= slack
        }
        _ => false,
    }
}

/// Sets a socket timeout unless the one in place is close enough.
fn keep_timeout(
    cached: &mut Option<Duration>,
    wanted: Option<Duration>,
    set: impl FnOnce(Option<Duration>) -> io::Result<()>,
) -> io::Result<()> {
    if !close_enough(*cached, wanted) {
        set(wanted)?;
        *cached = wanted;
    }
    Ok(())
}

/// ureq's mapping of a socket error: a timed-out read or write is a
/// timeout of the step the deadline belongs to.
fn io_error(e: io::Error, timeout: &NextTimeout) -> Error {
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Error::Timeout(timeout.reason),
        _ => Error::Io(e),
    }
}

/// The timeout to put on the socket, refusing one already spent.
fn socket_timeout(timeout: NextTimeout) -> Result<Option<Duration>, Error> {
    if timeout.after.is_zero() {
        return Err(Error::Timeout(timeout.reason));
    }
    Ok(timeout.not_zero().map(|t| *t))
}

impl LeanTcp {
    /// Writes what is held, in one `write_all`.
    fn flush_held(&mut self, timeout: NextTimeout) -> Result<(), Error> {
        if self.held.is_empty() {
            return Ok(());
        }
        let timeout = timeout.for_write();
        let wanted = socket_timeout(timeout)?;
        let stream = &*self.stream;
        keep_timeout(&mut self.write_timeout, wanted, |t| {
            stream.set_write_timeout(t)
        })?;
        let result = (&*self.stream).write_all(&self.held);
        self.held.clear();
        result.map_err(|e| io_error(e, &timeout))
    }
}

impl Transport for LeanTcp {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), Error> {
        self.held
            .extend_from_slice(&self.buffers.output()[..amount]);
        if self.held.len() >= FLUSH_AT {
            self.flush_held(timeout)?;
        }
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, Error> {
        // ureq reads only once it has sent all it meant to: the request
        // leaves now, whole.
        self.flush_held(timeout)?;
        let timeout = timeout.for_read();
        let wanted = socket_timeout(timeout)?;
        let stream = &*self.stream;
        keep_timeout(&mut self.read_timeout, wanted, |t| {
            stream.set_read_timeout(t)
        })?;
        let input = self.buffers.input_append_buf();
        let amount = loop {
            match (&*self.stream).read(input) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other.map_err(|e| io_error(e, &timeout))?,
            }
        };
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        // Output still held means a request was never finished: not
        // reusable.
        self.held.is_empty() && probe(&self.stream)
    }
}

/// Whether a kept-alive connection is still usable: nothing to read (the
/// server sent nothing unasked) and not closed.
#[cfg(unix)]
fn probe(stream: &TcpStream) -> bool {
    let mut byte = [std::mem::MaybeUninit::<u8>::uninit()];
    match socket2::SockRef::from(stream)
        .recv_with_flags(&mut byte, libc::MSG_PEEK | libc::MSG_DONTWAIT)
    {
        Err(e) => e.kind() == io::ErrorKind::WouldBlock,
        // 0: closed by the peer; more: bytes nobody asked for.
        Ok(_) => false,
    }
}

/// Whether a kept-alive connection is still usable (portable form).
#[cfg(not(unix))]
fn probe(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return false;
    }
    let mut byte = [0u8];
    let open = matches!(stream.peek(&mut byte), Err(e) if e.kind() == io::ErrorKind::WouldBlock);
    stream.set_nonblocking(false).is_ok() && open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeout_is_kept_within_its_slack_and_reset_beyond_it() {
        let s = Duration::from_secs;
        let ms = Duration::from_millis;
        assert!(close_enough(None, None));
        assert!(!close_enough(Some(s(60)), None));
        assert!(!close_enough(None, Some(s(60))));
        // 60 s less a few microseconds: the same timeout.
        assert!(close_enough(
            Some(s(60)),
            Some(s(60) - Duration::from_micros(7))
        ));
        // 20 ms at most, even for long timeouts.
        assert!(close_enough(Some(s(60)), Some(s(60) - ms(20))));
        assert!(!close_enough(Some(s(60)), Some(s(60) - ms(21))));
        // 1/64 of a short one: 640 ms -> 10 ms.
        assert!(close_enough(Some(ms(640)), Some(ms(630))));
        assert!(!close_enough(Some(ms(640)), Some(ms(629))));
    }

    #[test]
    fn held_output_leaves_in_one_write_when_the_answer_is_awaited() {
        use std::net::TcpListener;
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stream = connect_any(&[addr], Some(Duration::from_secs(5))).unwrap();
        let (mut server, _) = listener.accept().unwrap();
        let mut link = LeanTcp {
            stream: Arc::new(stream),
            buffers: LazyBuffers::new(1024, 1024),
            held: Vec::new(),
            read_timeout: None,
            write_timeout: None,
        };
        let timeout = NextTimeout {
            after: ureq::unversioned::transport::time::Duration::from_secs(5),
            reason: ureq::Timeout::Global,
            per_read: None,
            per_write: None,
        };
        for part in [&b"HEAD|"[..], &b"BODY"[..]] {
            link.buffers.output()[..part.len()].copy_from_slice(part);
            link.transmit_output(part.len(), timeout).unwrap();
        }
        assert!(!link.is_open(), "held output: not reusable");
        // Nothing has left yet.
        server.set_nonblocking(true).unwrap();
        let mut got = [0u8; 64];
        let early = server.peek(&mut got);
        assert!(
            matches!(&early, Err(e) if e.kind() == io::ErrorKind::WouldBlock),
            "{early:?}"
        );
        link.flush_held(timeout).unwrap();
        server.set_nonblocking(false).unwrap();
        let mut all = Vec::new();
        while all.len() < 9 {
            let n = server.read(&mut got).unwrap();
            all.extend_from_slice(&got[..n]);
        }
        assert_eq!(all, b"HEAD|BODY");
        assert!(link.is_open());
        server.write_all(b"ok").unwrap();
        assert!(link.await_input(timeout).unwrap());
        assert_eq!(link.buffers.input(), b"ok");
        // Bytes nobody asked for, then a close: not reusable.
        server.write_all(b"?").unwrap();
        std::thread::sleep(Duration::from_millis(50));
        assert!(!link.is_open());
    }
}
