//! Waiting for work to finish, provider-neutral: what a wait ends with.
//!
//! The watchers are sans-IO state machines with caller-supplied time —
//! [`huawei::jobs::JobWatch`](crate::huawei::jobs::JobWatch) follows
//! Huawei jobs, [`geelark::watch::StateWatch`](crate::geelark::watch::StateWatch)
//! follows GeeLark phones to a state — and the blocking clients drive them
//! (`HuaweiClient::restart_and_wait`, `GeeLarkClient::start_and_wait`, ...).
//! Every wait accounts for every id exactly once in a [`WaitOutcome`].

use serde::Serialize;

use crate::batch::ItemFailure;

/// How a wait ended, for every id exactly once, each list in input order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct WaitOutcome {
    /// Ids whose work finished as asked (job succeeded, state reached).
    pub done: Vec<String>,
    /// Ids whose work failed or can never finish as asked (a failed job, an
    /// expired phone, an id the provider does not know, a call refused).
    pub failed: Vec<ItemFailure>,
    /// Ids still unfinished when the deadline passed (or the wait was
    /// cancelled), with the last state seen, if any.
    pub timed_out: Vec<Unfinished>,
    /// Whether the wait stopped because it was cancelled.
    pub cancelled: bool,
}

/// An id whose work had not finished when the wait ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Unfinished {
    /// The id.
    pub id: String,
    /// The last state seen (a neutral phone or job status name such as
    /// `"starting"` or `"running"`), `None` when nothing was seen yet.
    pub last_state: Option<&'static str>,
}

impl Unfinished {
    /// An unfinished id and its last state.
    pub fn new(id: impl Into<String>, last_state: Option<&'static str>) -> Self {
        Unfinished {
            id: id.into(),
            last_state,
        }
    }
}

impl WaitOutcome {
    /// Whether every id finished as asked.
    pub fn is_complete_success(&self) -> bool {
        self.failed.is_empty() && self.timed_out.is_empty()
    }

    /// Number of ids accounted for (as [`BatchOutcome::total`](crate::BatchOutcome::total)).
    pub fn total(&self) -> usize {
        self.done.len() + self.failed.len() + self.timed_out.len()
    }
}

/// How far a long operation has got: `done` of `total` ids settled (or
/// pages read, or calls answered). Given to progress hooks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// Settled so far.
    pub done: usize,
    /// In all (0 when unknown, e.g. a listing without a total).
    pub total: usize,
}

impl Progress {
    /// `done` of `total`.
    pub fn new(done: usize, total: usize) -> Self {
        Progress { done, total }
    }
}
