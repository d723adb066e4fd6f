//! Batches of any size, nothing lost.
//!
//! Providers cap how many ids one call may carry (Huawei batch-connection 10,
//! GeeLark status 100). A [`BatchPlan`] collapses duplicate ids (first seen
//! wins, order kept) and splits them into calls within the cap; a
//! [`BatchMerge`] takes each call's answer — or its error — and accounts for
//! every requested id exactly once: succeeded, failed (with the provider's
//! code and message, or the error that sank its whole call), or missing (no
//! answer mentioned it). Results follow the input order.

use std::collections::HashMap;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result, invalid};
use crate::op::distinct_ids;

/// A per-item result that knows which id it answers.
pub trait BatchItem {
    /// The id this item is about.
    fn item_id(&self) -> &str;
}

/// One id that failed, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ItemFailure {
    /// The id.
    pub id: String,
    /// [`ErrorKind::Api`] for a provider's per-item error; the error's kind
    /// when the whole call carrying this id failed.
    #[serde(serialize_with = "ser_kind")]
    pub kind: ErrorKind,
    /// The provider's code (`CPS.0005`, `42001`), or for a failed call its
    /// error's code.
    pub code: String,
    /// The provider's message, or the failed call's error text.
    pub message: String,
}

fn ser_kind<S: serde::Serializer>(k: &ErrorKind, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(k.as_str())
}

impl ItemFailure {
    /// A provider's per-item failure.
    pub fn api(id: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        ItemFailure {
            id: id.into(),
            kind: ErrorKind::Api,
            code: code.into(),
            message: message.into(),
        }
    }

    /// An id whose whole call failed.
    pub fn from_call_error(id: impl Into<String>, error: &Error) -> Self {
        ItemFailure {
            id: id.into(),
            kind: error.kind(),
            code: error.code(),
            message: error.to_string(),
        }
    }
}

impl BatchItem for ItemFailure {
    fn item_id(&self) -> &str {
        &self.id
    }
}

/// What one call answered, split into per-item successes and failures.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CallOutcome<T> {
    /// Items the provider reported as done.
    pub succeeded: Vec<T>,
    /// Items the provider reported as failed.
    pub failed: Vec<ItemFailure>,
    /// The call's request id (Huawei) or trace id (GeeLark).
    pub request_id: Option<String>,
}

impl<T> CallOutcome<T> {
    /// A call outcome.
    pub fn new(succeeded: Vec<T>, failed: Vec<ItemFailure>, request_id: Option<String>) -> Self {
        CallOutcome {
            succeeded,
            failed,
            request_id,
        }
    }
}

/// The merged answer of a whole batch: every requested id exactly once.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct BatchOutcome<T> {
    /// Succeeded items, in input order.
    pub succeeded: Vec<T>,
    /// Failed ids, in input order.
    pub failed: Vec<ItemFailure>,
    /// Ids no answer mentioned, in input order.
    pub missing: Vec<String>,
    /// Request/trace ids of the calls that answered, in call order.
    pub request_ids: Vec<String>,
    /// Ids answers mentioned that were never requested (ignored; kept for
    /// diagnosis).
    pub unexpected: Vec<String>,
}

impl<T> BatchOutcome<T> {
    /// Number of distinct ids accounted for.
    pub fn total(&self) -> usize {
        self.succeeded.len() + self.failed.len() + self.missing.len()
    }

    /// Whether every id succeeded.
    pub fn is_complete_success(&self) -> bool {
        self.failed.is_empty() && self.missing.is_empty()
    }
}

/// Distinct ids split into calls of at most `limit` ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchPlan {
    ids: Vec<String>,
    limit: usize,
}

impl BatchPlan {
    /// Checks the ids (non-empty, no control characters), collapses
    /// duplicates in first-seen order, and plans calls of at most `limit`.
    pub fn new<I, S>(ids: I, limit: usize) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        if limit == 0 {
            return Err(invalid("limit", "must be at least 1"));
        }
        let out = distinct_ids("ids", ids)?;
        Ok(BatchPlan { ids: out, limit })
    }

    /// The distinct ids, in first-seen order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The ids of each call, in order.
    pub fn calls(&self) -> std::slice::Chunks<'_, String> {
        self.ids.chunks(self.limit)
    }

    /// How many calls the plan makes.
    pub fn call_count(&self) -> usize {
        self.ids.len().div_ceil(self.limit)
    }

    /// Starts merging the answers to this plan's calls.
    pub fn merge<T: BatchItem>(&self) -> BatchMerge<'_, T> {
        BatchMerge::new(&self.ids)
    }
}

enum Slot<T> {
    Pending,
    Ok(T),
    Failed(ItemFailure),
}

/// Collects the answers to a plan's calls; [`BatchMerge::finish`] gives the
/// [`BatchOutcome`].
pub struct BatchMerge<'p, T> {
    ids: &'p [String],
    index: HashMap<&'p str, usize>,
    slots: Vec<Slot<T>>,
    request_ids: Vec<String>,
    unexpected: Vec<String>,
}

impl<'p, T: BatchItem> BatchMerge<'p, T> {
    /// A merge over these distinct ids.
    pub fn new(ids: &'p [String]) -> Self {
        let index = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        BatchMerge {
            ids,
            index,
            slots: ids.iter().map(|_| Slot::Pending).collect(),
            request_ids: Vec::new(),
            unexpected: Vec::new(),
        }
    }

    fn slot_for(&mut self, id: &str) -> Option<&mut Slot<T>> {
        match self.index.get(id) {
            Some(&i) => match &self.slots[i] {
                // The first answer about an id wins; later ones are ignored.
                Slot::Pending => Some(&mut self.slots[i]),
                _ => None,
            },
            None => {
                if !self.unexpected.iter().any(|u| u == id) {
                    self.unexpected.push(id.to_owned());
                }
                None
            }
        }
    }

    /// Records a call's answer.
    pub fn record(&mut self, outcome: CallOutcome<T>) {
        if let Some(id) = outcome.request_id {
            self.request_ids.push(id);
        }
        for item in outcome.succeeded {
            if let Some(slot) = self.slot_for(item.item_id()) {
                *slot = Slot::Ok(item);
            }
        }
        for failure in outcome.failed {
            if let Some(slot) = self.slot_for(&failure.id) {
                *slot = Slot::Failed(failure);
            }
        }
    }

    /// Records that the call carrying `call_ids` failed as a whole: each of
    /// its ids not yet answered fails with that error.
    pub fn record_error(&mut self, call_ids: &[String], error: &Error) {
        if let Some(id) = error.api().and_then(|a| a.request_id.clone()) {
            self.request_ids.push(id);
        }
        for id in call_ids {
            if let Some(&i) = self.index.get(id.as_str()) {
                if matches!(self.slots[i], Slot::Pending) {
                    self.slots[i] = Slot::Failed(ItemFailure::from_call_error(id.clone(), error));
                }
            }
        }
    }

    /// Records a call's result, whichever it was.
    pub fn record_result(&mut self, call_ids: &[String], result: Result<CallOutcome<T>>) {
        match result {
            Ok(outcome) => self.record(outcome),
            Err(e) => self.record_error(call_ids, &e),
        }
    }

    /// The merged outcome, each list in input order.
    pub fn finish(self) -> BatchOutcome<T> {
        let mut out = BatchOutcome {
            succeeded: Vec::new(),
            failed: Vec::new(),
            missing: Vec::new(),
            request_ids: self.request_ids,
            unexpected: self.unexpected,
        };
        for (slot, id) in self.slots.into_iter().zip(self.ids) {
            match slot {
                Slot::Pending => out.missing.push(id.clone()),
                Slot::Ok(item) => out.succeeded.push(item),
                Slot::Failed(f) => out.failed.push(f),
            }
        }
        out
    }
}
