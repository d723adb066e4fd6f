//! Batches of any size, nothing lost.
//!
//! Providers cap how many ids one call may carry (Huawei batch-connection 10,
//! GeeLark status 100). A [`BatchPlan`] collapses duplicate ids (first seen
//! wins, order kept) and splits them into calls within the cap; a
//! [`BatchMerge`] takes each call's answer — or its error — and accounts for
//! every requested id exactly once: succeeded, failed (with the provider's
//! code and message, or the error that sank its whole call), or missing (no
//! answer mentioned it). Results follow the input order.
//!
//! **Per call.** An id is credited only by the answer of the call that
//! carried it. An answer that names ids its call did not carry — another
//! call's ids, or ids nobody asked for — cannot vouch for them: those ids are
//! listed in [`BatchOutcome::unexpected`] and change nothing. So when call 1
//! answers for calls 2 and 3 and those two calls fail, their ids come back
//! failed with their own calls' errors, never succeeded on call 1's word.
//!
//! **Linear.** Planning hashes each input id once into an index of 4-byte
//! positions; each answered id costs one lookup; finishing puts the results
//! into input order with an in-place permutation. Nothing is quadratic,
//! whatever an answer holds, and the unexpected ids kept are capped at
//! [`MAX_UNEXPECTED`].

use std::borrow::Cow;
use std::hash::BuildHasher;

use hashbrown::HashTable;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result, invalid};
use crate::op::check_id;

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
    /// A provider's per-item failure. The message is server text, so it is
    /// redacted and capped ([`crate::redact::message`]) like every other
    /// server text that reaches an error.
    pub fn api(id: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        let message: String = message.into();
        ItemFailure {
            id: id.into(),
            kind: ErrorKind::Api,
            code: code.into(),
            message: crate::redact::message(&message),
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
    /// Ids answers mentioned that their own call did not carry — never
    /// requested at all, or carried by another call of the batch — first
    /// mention first, each once, at most [`MAX_UNEXPECTED`]. They credit
    /// nothing; they are kept for diagnosis.
    pub unexpected: Vec<String>,
    /// Mentions of unexpected ids past the [`MAX_UNEXPECTED`] kept in
    /// [`unexpected`](Self::unexpected) (counted, not de-duplicated).
    /// Left out of the JSON form while 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub unexpected_omitted: u64,
}

impl<T> BatchOutcome<T> {
    /// An outcome assembled by hand (e.g. from a wait's results): these
    /// items, failures and missing ids; no request ids, nothing unexpected.
    pub fn new(succeeded: Vec<T>, failed: Vec<ItemFailure>, missing: Vec<String>) -> Self {
        BatchOutcome {
            succeeded,
            failed,
            missing,
            request_ids: Vec::new(),
            unexpected: Vec::new(),
            unexpected_omitted: 0,
        }
    }

    /// Number of distinct ids accounted for.
    pub fn total(&self) -> usize {
        self.succeeded.len() + self.failed.len() + self.missing.len()
    }

    /// Whether every id succeeded.
    pub fn is_complete_success(&self) -> bool {
        self.failed.is_empty() && self.missing.is_empty()
    }
}

/// How many distinct unexpected ids a [`BatchMerge`] keeps; mentions past
/// it are only counted ([`BatchOutcome::unexpected_omitted`]). A hostile
/// answer can name ~550,000 ids within the client's 16 MiB body cap, and a
/// batch has many answers: the list must not grow with them.
pub const MAX_UNEXPECTED: usize = 10_000;

/// A hash index from an id to its position in a list of ids: the table holds
/// only `u32` positions and hashes the list's own strings, so no key is
/// copied. Seeded per process (foldhash's quality hasher).
#[derive(Clone, Default)]
pub(crate) struct IdIndex {
    table: HashTable<u32>,
    hasher: foldhash::quality::RandomState,
}

impl IdIndex {
    fn with_capacity(n: usize) -> Self {
        IdIndex {
            table: HashTable::with_capacity(n),
            hasher: foldhash::quality::RandomState::default(),
        }
    }

    /// The position of `id` in `ids`, if indexed.
    fn find(&self, ids: &[String], id: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(id);
        self.table
            .find(hash, |&i| ids[i as usize] == id)
            .map(|&i| i as usize)
    }

    /// Indexes `ids[pos]` unless an equal id is indexed already; returns
    /// whether it was new.
    fn insert(&mut self, ids: &[String], pos: usize) -> bool {
        let id = ids[pos].as_str();
        let hash = self.hasher.hash_one(id);
        let hasher = &self.hasher;
        match self.table.entry(
            hash,
            |&i| ids[i as usize] == id,
            |&i| hasher.hash_one(ids[i as usize].as_str()),
        ) {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(v) => {
                // Positions fit: lists are capped at MAX_BATCH_IDS.
                v.insert(pos as u32);
                true
            }
        }
    }

    /// An index over `ids`; a repeated id keeps its first position.
    fn over(ids: &[String]) -> Self {
        let mut index = IdIndex::with_capacity(ids.len());
        for pos in 0..ids.len() {
            index.insert(ids, pos);
        }
        index
    }
}

/// Refuses id lists whose positions do not fit a merge's `u32` states.
fn check_count(n: usize) -> Result<()> {
    if n > MAX_BATCH_IDS {
        return Err(Error::LimitExceeded {
            operation: "batch",
            limit: "max_batch_ids",
            message: format!("{n} distinct ids; a batch holds at most {MAX_BATCH_IDS}"),
        });
    }
    Ok(())
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Checks each id ([`check_id`]), drops repeats (first seen kept, order
/// kept) and indexes the rest, in one pass: each id is hashed once and
/// moved, never copied. At least one id is required, at most
/// `MAX_BATCH_IDS` distinct ones.
pub(crate) fn distinct_indexed<I, S>(field: &'static str, ids: I) -> Result<(Vec<String>, IdIndex)>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let ids = ids.into_iter();
    let mut out: Vec<String> = Vec::with_capacity(ids.size_hint().0);
    let mut index = IdIndex::with_capacity(ids.size_hint().0);
    for id in ids {
        let id: String = id.into();
        check_id(field, &id)?;
        out.push(id);
        if !index.insert(&out, out.len() - 1) {
            out.pop();
        }
    }
    if out.is_empty() {
        return Err(invalid(field, "no ids given; at least one is required"));
    }
    check_count(out.len())?;
    Ok((out, index))
}

/// Distinct ids split into calls of at most `limit` ids.
#[derive(Clone)]
pub struct BatchPlan {
    ids: Vec<String>,
    limit: usize,
    index: IdIndex,
}

impl std::fmt::Debug for BatchPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchPlan")
            .field("ids", &self.ids)
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

impl PartialEq for BatchPlan {
    fn eq(&self, other: &Self) -> bool {
        self.limit == other.limit && self.ids == other.ids
    }
}

impl Eq for BatchPlan {}

impl BatchPlan {
    /// Checks the ids (non-empty, no control characters), collapses
    /// duplicates in first-seen order, and plans calls of at most `limit`.
    /// One pass: each id is checked, hashed once and moved, never copied.
    pub fn new<I, S>(ids: I, limit: usize) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        if limit == 0 {
            return Err(invalid("limit", "must be at least 1"));
        }
        let (out, index) = distinct_indexed("ids", ids)?;
        Ok(BatchPlan {
            ids: out,
            limit,
            index,
        })
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

    /// Starts merging the answers to this plan's calls (the plan's index is
    /// borrowed, not rebuilt).
    pub fn merge<T: BatchItem>(&self) -> BatchMerge<'_, T> {
        BatchMerge::with_index(&self.ids, Cow::Borrowed(&self.index))
    }
}

/// Where one requested id stands: 8 bytes per id, whatever `T` is (the
/// items themselves wait in arrival order until [`BatchMerge::finish`]).
#[derive(Clone, Copy)]
struct State {
    /// The last call that carried the id (0 = none yet).
    call: u32,
    /// [`PENDING`], `k + 1` for the `k`-th succeeded item, or
    /// `FAILED | k` for the `k`-th failure.
    answer: u32,
}

const PENDING: u32 = 0;
const FAILED: u32 = 1 << 31;
/// Positions and arrival indices must leave room for the tags above.
const MAX_BATCH_IDS: usize = (FAILED - 1) as usize;

/// Collects the answers to a plan's calls; [`BatchMerge::finish`] gives the
/// [`BatchOutcome`].
///
/// Each answer is recorded together with the ids its call carried, and only
/// those ids can be credited by it (see the [module docs](self)). The first
/// answer about an id wins.
pub struct BatchMerge<'p, T> {
    ids: &'p [String],
    index: Cow<'p, IdIndex>,
    state: Vec<State>,
    /// The number of the call being recorded (stamps its ids' states).
    call: u32,
    succeeded: Vec<T>,
    failed: Vec<ItemFailure>,
    request_ids: Vec<String>,
    unexpected: Vec<String>,
    unexpected_index: IdIndex,
    unexpected_omitted: u64,
}

impl<'p, T: BatchItem> BatchMerge<'p, T> {
    /// A merge over these ids, which should be distinct (as
    /// [`BatchPlan::ids`] are): a repeated id is accounted for at its first
    /// position and its repeats stay missing.
    ///
    /// Only the first 2^31 - 1 ids of a longer list (more than a
    /// [`BatchPlan`] accepts) can be credited; the rest stay missing.
    pub fn new(ids: &'p [String]) -> Self {
        let n = ids.len().min(MAX_BATCH_IDS);
        BatchMerge::with_index(ids, Cow::Owned(IdIndex::over(&ids[..n])))
    }

    fn with_index(ids: &'p [String], index: Cow<'p, IdIndex>) -> Self {
        BatchMerge {
            ids,
            index,
            state: vec![
                State {
                    call: 0,
                    answer: PENDING
                };
                ids.len()
            ],
            call: 0,
            succeeded: Vec::new(),
            failed: Vec::new(),
            request_ids: Vec::new(),
            unexpected: Vec::new(),
            unexpected_index: IdIndex::default(),
            unexpected_omitted: 0,
        }
    }

    /// Starts recording one call: stamps the ids it carried.
    fn begin_call(&mut self, call_ids: &[String]) {
        self.call = match self.call.checked_add(1) {
            Some(c) => c,
            None => {
                // After 2^32 calls: forget every stamp (once; linear).
                for s in &mut self.state {
                    s.call = 0;
                }
                1
            }
        };
        for id in call_ids {
            if let Some(pos) = self.index.find(self.ids, id) {
                self.state[pos].call = self.call;
            }
        }
    }

    /// The position of `id` if the call being recorded carried it and it is
    /// still pending. An id the call did not carry is noted as unexpected;
    /// one it carried that is answered already (a repeat) is ignored.
    fn claim(&mut self, id: &str) -> Option<usize> {
        match self.index.find(self.ids, id) {
            Some(pos) if self.state[pos].call == self.call => {
                (self.state[pos].answer == PENDING).then_some(pos)
            }
            _ => {
                self.note_unexpected(id);
                None
            }
        }
    }

    fn note_unexpected(&mut self, id: &str) {
        if self.unexpected_index.find(&self.unexpected, id).is_some() {
            return;
        }
        if self.unexpected.len() >= MAX_UNEXPECTED {
            self.unexpected_omitted = self.unexpected_omitted.saturating_add(1);
            return;
        }
        self.unexpected.push(id.to_owned());
        let last = self.unexpected.len() - 1;
        self.unexpected_index.insert(&self.unexpected, last);
    }

    /// Records a call's answer. `call_ids` are the ids that call carried:
    /// only they can be credited; any other id the answer names is noted as
    /// unexpected. Ids the call carried that the answer does not mention
    /// stay missing.
    pub fn record(&mut self, call_ids: &[String], outcome: CallOutcome<T>) {
        self.begin_call(call_ids);
        if let Some(id) = outcome.request_id {
            self.request_ids.push(id);
        }
        for item in outcome.succeeded {
            if let Some(pos) = self.claim(item.item_id()) {
                self.state[pos].answer = self.succeeded.len() as u32 + 1;
                self.succeeded.push(item);
            }
        }
        for failure in outcome.failed {
            if let Some(pos) = self.claim(&failure.id) {
                self.state[pos].answer = FAILED | self.failed.len() as u32;
                self.failed.push(failure);
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
            if let Some(pos) = self.index.find(self.ids, id) {
                if self.state[pos].answer == PENDING {
                    self.state[pos].answer = FAILED | self.failed.len() as u32;
                    self.failed
                        .push(ItemFailure::from_call_error(self.ids[pos].clone(), error));
                }
            }
        }
    }

    /// Records a call's result, whichever it was.
    pub fn record_result(&mut self, call_ids: &[String], result: Result<CallOutcome<T>>) {
        match result {
            Ok(outcome) => self.record(call_ids, outcome),
            Err(e) => self.record_error(call_ids, &e),
        }
    }

    /// The merged outcome, each list in input order.
    pub fn finish(self) -> BatchOutcome<T> {
        let mut missing = Vec::new();
        // Final rank of each arrived item, by input position.
        let mut s_rank = vec![0u32; self.succeeded.len()];
        let mut f_rank = vec![0u32; self.failed.len()];
        let (mut s_next, mut f_next) = (0u32, 0u32);
        for (state, id) in self.state.iter().zip(self.ids) {
            match state.answer {
                PENDING => missing.push(id.clone()),
                a if a & FAILED != 0 => {
                    f_rank[(a & !FAILED) as usize] = f_next;
                    f_next += 1;
                }
                a => {
                    s_rank[(a - 1) as usize] = s_next;
                    s_next += 1;
                }
            }
        }
        let mut succeeded = self.succeeded;
        let mut failed = self.failed;
        permute(&mut succeeded, s_rank);
        permute(&mut failed, f_rank);
        BatchOutcome {
            succeeded,
            failed,
            missing,
            request_ids: self.request_ids,
            unexpected: self.unexpected,
            unexpected_omitted: self.unexpected_omitted,
        }
    }
}

/// Moves `items[k]` to position `rank[k]`, in place and in linear time
/// (each swap puts one item where it belongs). `rank` is a permutation.
fn permute<T>(items: &mut [T], mut rank: Vec<u32>) {
    for i in 0..items.len() {
        while rank[i] as usize != i {
            let j = rank[i] as usize;
            items.swap(i, j);
            rank.swap(i, j);
        }
    }
}
