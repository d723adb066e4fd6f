//! A loopback port that refuses connections, for as long as the test needs.
#![allow(dead_code)]

use std::net::{SocketAddr, TcpListener, TcpStream};

/// A port on 127.0.0.1 where nothing listens, held so that nothing can
/// start listening there while the test runs.
///
/// "Bind port 0, read the port, close" leaves the port free for the next
/// bind on the machine (another test, another engineer's build); a fixed
/// port such as 9 may be served by anything. Here the port is the local end
/// of a connection this value keeps open: connecting to it is refused (no
/// listener), and binding it fails for everyone else while the connection
/// lives (on Unix; Windows lets a listener bind it). Plain `std`, no unsafe.
pub struct RefusedPort {
    addr: SocketAddr,
    _held: (TcpListener, TcpStream, TcpStream),
}

impl RefusedPort {
    pub fn new() -> RefusedPort {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let client = TcpStream::connect(listener.local_addr().unwrap()).expect("connect");
        let (server, _) = listener.accept().expect("accept");
        let addr = client.local_addr().unwrap();
        RefusedPort {
            addr,
            _held: (listener, client, server),
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

#[test]
fn a_refused_port_refuses() {
    let p = RefusedPort::new();
    let err = TcpStream::connect(p.addr).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionRefused);
    // The hold is a Unix guarantee: on Windows (tried under Wine) a second
    // bind of a connection's local port succeeds, so there the port is
    // only unlikely to be taken.
    #[cfg(unix)]
    assert!(
        TcpListener::bind(p.addr).is_err(),
        "nobody else can listen there"
    );
}
