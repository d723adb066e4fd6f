//! # cloudphone
//!
//! Manage and connect to cloud phones on **Huawei Cloud CPH** and
//! **GeeLark**, from Rust, C, C++ or Python.
//!
//! ## The sans-IO contract
//!
//! The core of this crate does no I/O, reads no clock and draws no random
//! numbers. Every API call is an [`Operation`]: a value that
//! [builds](Operation::build) an HTTP [`Request`] (method, URL, headers,
//! body — signed where the provider wants a signature) from a [`Context`]
//! that carries the endpoint, the credentials, the current time and a trace
//! id, and that [parses](Operation::parse) any HTTP [`Response`] — success or
//! error, JSON or not — into a typed output or a typed [`Error`]. Send the
//! request with any HTTP stack you like. Parsing is bounded: a body over
//! [`DEFAULT_MAX_BODY_LEN`] (16 MiB) is refused with [`Error::BodyTooLarge`]
//! ([`Operation::parse_with_limit`] takes your own cap), and server text
//! quoted in an error is [redacted](redact) of credentials and capped.
//!
//! One precision: nothing the core builds or returns depends on a clock or
//! on chance, but its hash tables are seeded once per process — the sets
//! that check an answer's ids (std's `RandomState`, from the OS's random
//! source on a thread's first use) and the batch plan's id index
//! (foldhash's per-process seed, which mixes in addresses and the time).
//! Answers are hostile input that is looked up in those tables, and a seed
//! an answer cannot predict is what keeps crafted colliding ids from making
//! a lookup slow. The seeds decide only where an entry sits in a table,
//! never an order or a value that comes out: outputs follow the caller's
//! ids and the answer's order, and every snapshot test is stable across
//! runs and across processes.
//!
//! ```
//! use cloudphone::{Context, Operation, Response};
//! use cloudphone::huawei::{Auth, ShowConnectInfos, ClientType, Config};
//!
//! let config = Config::for_region(
//!     "cn-north-4",
//!     "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
//!     Auth::aksk("HPUAEXAMPLEAK0000001", "ExampleSecretKey0123456789abcdefghijklmn"),
//! )?;
//! let op = ShowConnectInfos::new(["1564567b8bab40f34711234cb80d8574"], ClientType::Android)?;
//! // The time and trace id come from the caller: the request is reproducible.
//! let request = op.build(&Context::new(&config, 1_700_000_000_000, "unused-by-huawei"))?;
//! assert_eq!(
//!     request.url,
//!     "https://cph.cn-north-4.myhuaweicloud.com/v1/0a1b2c3d4e5f60718293a4b5c6d7e8f9/cloud-phone/phones/batch-connection"
//! );
//! assert!(request.header("authorization").unwrap().starts_with("SDK-HMAC-SHA256 Access="));
//!
//! // ... send it, then parse whatever came back:
//! let response = Response::new(200, r#"{"request_id":"r1","connect_infos":[],"errors":[
//!     {"phone_id":"1564567b8bab40f34711234cb80d8574","error_code":"CPS.0005","error_msg":"Phone not found."}]}"#);
//! let output = op.parse(&response)?;
//! assert_eq!(output.errors[0].code, "CPS.0005");
//! # Ok::<(), cloudphone::Error>(())
//! ```
//!
//! ## Contracts
//!
//! - **Ids are strings** (GeeLark ids exceed 2^53); numeric ids in answers are
//!   read exactly and kept as strings. Unknown JSON fields are ignored,
//!   unknown status codes kept ([`PhoneStatus::Unknown`]).
//! - **Nothing lost in a batch**: [`BatchPlan`] splits any number of ids into
//!   calls within each operation's limit and [`BatchMerge`] accounts for every
//!   id exactly once — succeeded, failed or missing — in input order. An id
//!   is credited only by the answer of the call that carried it; ids an
//!   answer names without its call carrying them are reported as unexpected.
//! - **Typed errors**: invalid input is refused before anything is built;
//!   provider errors carry provider, HTTP status, code, message and request
//!   id; throttling and lockouts have their own [`ErrorKind`]s; bodies that are
//!   not the documented JSON give [`Error::Decode`] naming the operation and
//!   the failing field. Parsers never panic.
//! - **Secrets never leak**: keys, passwords, tokens, tickets and signatures
//!   are [`Secret`]s, redacted in every `Debug` and absent from every error.
//! - **Byte-exact signatures**: Huawei `SDK-HMAC-SHA256` as the official SDK
//!   core computes it ([`huawei::signer`]); GeeLark key-mode `sign`
//!   ([`geelark::sign`]).
//!
//! ## In scope / out of scope
//!
//! In scope here: the seed operations (Huawei batch-connection, GeeLark phone
//! status), both providers' authentication (Huawei AK/SK and IAM token,
//! GeeLark key and token mode), batch plan and merge, the neutral model.
//! Sending requests (the blocking client), the C ABI and the simulator are
//! separate layers built on this core.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![warn(unreachable_pub)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod batch;
#[cfg(feature = "client")]
pub mod client;
pub mod error;

pub mod geelark;
mod hex;
pub mod http;
pub mod huawei;
mod json;
mod json_path;
pub mod limits;
pub mod op;
pub mod page;
pub mod phone;
pub mod redact;
mod secret;
#[cfg(feature = "sim")]
pub mod sim;
pub mod time;
pub mod wait;

pub use batch::{
    BatchItem, BatchMerge, BatchOutcome, BatchPlan, CallOutcome, ItemFailure, MAX_UNEXPECTED,
};
pub use error::{ApiError, Error, ErrorKind, Result};
pub use http::{Method, Request, Response};
pub use op::{
    Context, DEFAULT_MAX_BODY_LEN, Endpoint, Operation, check_path_segment, format_trace_id,
};
pub use page::Pager;
pub use phone::{JobStatus, Phone, PhoneStatus, Provider};
pub use secret::Secret;
pub use wait::{Progress, Unfinished, WaitOutcome};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
