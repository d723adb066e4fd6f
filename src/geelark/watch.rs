//! Following GeeLark phones until they reach a state (start → running,
//! stop → stopped), sans-IO: the watcher never sleeps or reads a clock; the
//! caller passes `now`, sends the status polls it asks for (any HTTP stack,
//! or `GeeLarkClient::wait_until`) and reports what came back.
//!
//! GeeLark allows 200 calls per minute per path and locks an account out
//! for two hours past it (code 40014), so polls of the same phones are
//! spaced [`DEFAULT_POLL_INTERVAL_MS`] (10 s) apart by default and never less
//! than [`MIN_POLL_INTERVAL_MS`].

use std::collections::{HashMap, HashSet};

use crate::batch::{BatchOutcome, BatchPlan, ItemFailure};
use crate::error::{ErrorKind, Result, invalid};
use crate::phone::PhoneStatus;
use crate::wait::{Unfinished, WaitOutcome};

use super::status::{MAX_IDS, PhoneState};

/// The default spacing of status polls of the same phones.
pub const DEFAULT_POLL_INTERVAL_MS: u64 = 10_000;
/// The shortest spacing a watcher accepts (tests and simulators; real
/// fleets should keep the default).
pub const MIN_POLL_INTERVAL_MS: u64 = 200;

/// What a [`StateWatch`] wants done next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StateStep {
    /// Ask the status of these phones (at most 100 per call: split with
    /// [`BatchPlan`]) at or after `not_before_unix_ms`, then
    /// [`StateWatch::observe`] the merged answer.
    Poll {
        /// Earliest time to send.
        not_before_unix_ms: u64,
        /// The phones still pending, in input order.
        ids: Vec<String>,
    },
    /// Every phone is accounted for (or the deadline passed).
    Done(WaitOutcome),
}

#[derive(Clone, Debug)]
enum Settled {
    Reached,
    Failed(ItemFailure),
}

/// Watches phones until each reaches `goal` ([`PhoneStatus::Running`] or
/// [`PhoneStatus::Stopped`]), fails (an expired phone, an id GeeLark does
/// not know, a refused id) or the deadline passes.
#[derive(Clone, Debug)]
pub struct StateWatch {
    goal: PhoneStatus,
    ids: Vec<String>,
    /// The same ids, for membership in O(1): answers are checked id by id.
    watched: HashSet<String>,
    settled: HashMap<String, Settled>,
    last: HashMap<String, PhoneStatus>,
    interval_ms: u64,
    deadline_unix_ms: u64,
    next_poll_unix_ms: u64,
}

impl StateWatch {
    /// Watches `ids` (any number, duplicates collapsed) until `goal`,
    /// polling every `interval_ms` (at least [`MIN_POLL_INTERVAL_MS`]),
    /// giving up `timeout_ms` after `now_unix_ms`. The first poll is due at
    /// once.
    pub fn new<I, S>(
        ids: I,
        goal: PhoneStatus,
        now_unix_ms: u64,
        interval_ms: u64,
        timeout_ms: u64,
    ) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        if !matches!(goal, PhoneStatus::Running | PhoneStatus::Stopped) {
            return Err(invalid(
                "goal",
                "a GeeLark phone can be waited for until running or stopped",
            ));
        }
        if interval_ms < MIN_POLL_INTERVAL_MS {
            return Err(invalid(
                "interval_ms",
                format!(
                    "must be at least {MIN_POLL_INTERVAL_MS} ms (GeeLark locks out accounts that poll too often)"
                ),
            ));
        }
        let plan = BatchPlan::new(ids, MAX_IDS)?;
        Ok(StateWatch {
            goal,
            ids: plan.ids().to_vec(),
            watched: plan.ids().iter().cloned().collect(),
            settled: HashMap::new(),
            last: HashMap::new(),
            interval_ms,
            deadline_unix_ms: now_unix_ms.saturating_add(timeout_ms),
            next_poll_unix_ms: now_unix_ms,
        })
    }

    /// The ids not yet settled, in input order.
    pub fn pending(&self) -> Vec<String> {
        let pending = self.ids.iter().filter(|id| !self.settled.contains_key(*id));
        pending.cloned().collect()
    }

    /// How many ids are settled (reached or failed).
    pub fn settled(&self) -> usize {
        self.settled.len()
    }

    /// How many ids are watched.
    pub fn total(&self) -> usize {
        self.ids.len()
    }

    /// Records a status poll's merged answer, received at `now`. Phones at
    /// the goal are done; an expired phone, or an id the provider refused
    /// with a per-item error, fails; anything else (a transient call
    /// failure, a missing id, a phone still starting) is polled again. Ids
    /// this watch does not follow are ignored.
    pub fn observe(&mut self, answer: &BatchOutcome<PhoneState>, now_unix_ms: u64) {
        for state in &answer.succeeded {
            if !self.is_pending(&state.id) {
                continue;
            }
            self.last.insert(state.id.clone(), state.status);
            if state.status == self.goal {
                self.settled.insert(state.id.clone(), Settled::Reached);
            } else if state.status == PhoneStatus::Expired {
                let failure = ItemFailure::api(
                    state.id.clone(),
                    "expired",
                    format!("the phone expired; it cannot become {}", self.goal),
                );
                self.settled
                    .insert(state.id.clone(), Settled::Failed(failure));
            }
        }
        for failure in &answer.failed {
            // A per-item answer (not found, no permission) is final; a
            // whole call that failed (rate limit, transport) is retried.
            if failure.kind == ErrorKind::Api && self.is_pending(&failure.id) {
                self.settled
                    .insert(failure.id.clone(), Settled::Failed(failure.clone()));
            }
        }
        self.next_poll_unix_ms = now_unix_ms.saturating_add(self.interval_ms);
    }

    fn is_pending(&self, id: &str) -> bool {
        !self.settled.contains_key(id) && self.watched.contains(id)
    }

    /// What to do at `now`.
    pub fn step(&self, now_unix_ms: u64) -> StateStep {
        let pending = self.pending();
        if pending.is_empty() || now_unix_ms >= self.deadline_unix_ms {
            return StateStep::Done(self.outcome(false));
        }
        StateStep::Poll {
            not_before_unix_ms: self.next_poll_unix_ms.min(self.deadline_unix_ms),
            ids: pending,
        }
    }

    /// The outcome so far: settled ids as done or failed, the rest as
    /// unfinished (`cancelled` says why the caller stopped early).
    pub fn outcome(&self, cancelled: bool) -> WaitOutcome {
        let mut out = WaitOutcome {
            cancelled,
            ..WaitOutcome::default()
        };
        for id in &self.ids {
            match self.settled.get(id) {
                Some(Settled::Reached) => out.done.push(id.clone()),
                Some(Settled::Failed(f)) => out.failed.push(f.clone()),
                None => out.timed_out.push(Unfinished::new(
                    id.clone(),
                    self.last.get(id).map(|s| s.as_str()),
                )),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(states: &[(&str, i64)], failed: &[(&str, ErrorKind)]) -> BatchOutcome<PhoneState> {
        let ids: Vec<String> = states
            .iter()
            .map(|(id, _)| (*id).to_owned())
            .chain(failed.iter().map(|(id, _)| (*id).to_owned()))
            .collect();
        let mut merge = crate::batch::BatchMerge::new(&ids);
        let succeeded = states
            .iter()
            .map(|(id, raw)| PhoneState {
                id: (*id).to_owned(),
                serial_name: None,
                status: PhoneStatus::from_geelark(*raw),
                raw_status: *raw,
            })
            .collect();
        let failures = failed
            .iter()
            .filter(|(_, k)| *k == ErrorKind::Api)
            .map(|(id, _)| ItemFailure::api(*id, "42001", "env not found"))
            .collect();
        let first: Vec<String> = ids
            .iter()
            .filter(|id| !transient_ids(failed).contains(id))
            .cloned()
            .collect();
        merge.record(
            &first,
            crate::batch::CallOutcome::new(succeeded, failures, None),
        );
        let transient: Vec<String> = failed
            .iter()
            .filter(|(_, k)| *k != ErrorKind::Api)
            .map(|(id, _)| (*id).to_owned())
            .collect();
        if !transient.is_empty() {
            let e = crate::Error::Transport {
                operation: "geelark.get_phone_status",
                message: "reset".into(),
                not_sent: false,
                io_kind: None,
            };
            merge.record_error(&transient, &e);
        }
        merge.finish()
    }

    fn transient_ids(failed: &[(&str, ErrorKind)]) -> Vec<String> {
        let transient = failed.iter().filter(|(_, k)| *k != ErrorKind::Api);
        transient.map(|(id, _)| (*id).to_owned()).collect()
    }

    #[test]
    fn phones_settle_one_by_one_and_every_id_is_accounted_for() {
        let mut w = StateWatch::new(
            ["a", "b", "c", "d", "a"],
            PhoneStatus::Running,
            0,
            10_000,
            60_000,
        )
        .unwrap();
        assert_eq!(w.total(), 4);
        let StateStep::Poll {
            not_before_unix_ms,
            ids,
        } = w.step(0)
        else {
            panic!("polls first");
        };
        assert_eq!((not_before_unix_ms, ids.len()), (0, 4));
        // a running, b starting, c expired, d unknown to GeeLark.
        w.observe(
            &answer(&[("a", 0), ("b", 1), ("c", 3)], &[("d", ErrorKind::Api)]),
            1_000,
        );
        match w.step(1_000) {
            StateStep::Poll {
                not_before_unix_ms,
                ids,
            } => {
                assert_eq!(not_before_unix_ms, 11_000, "polls spaced by the interval");
                assert_eq!(ids, ["b"]);
            }
            other => panic!("{other:?}"),
        }
        // A transient failure keeps b pending; then it runs.
        w.observe(&answer(&[], &[("b", ErrorKind::Transport)]), 11_000);
        assert!(matches!(w.step(11_000), StateStep::Poll { .. }));
        w.observe(&answer(&[("b", 0)], &[]), 21_000);
        let StateStep::Done(out) = w.step(21_000) else {
            panic!("all settled");
        };
        assert_eq!(out.done, ["a", "b"]);
        let failed: Vec<(&str, &str)> = out
            .failed
            .iter()
            .map(|f| (f.id.as_str(), f.code.as_str()))
            .collect();
        assert_eq!(failed, [("c", "expired"), ("d", "42001")]);
        assert!(out.timed_out.is_empty() && !out.cancelled);
        assert_eq!(out.total(), 4);
    }

    #[test]
    fn the_deadline_ends_the_wait_with_the_last_states() {
        let mut w = StateWatch::new(["a", "b"], PhoneStatus::Stopped, 0, 1_000, 5_000).unwrap();
        w.observe(&answer(&[("a", 2), ("b", 0)], &[]), 100);
        let StateStep::Poll {
            not_before_unix_ms, ..
        } = w.step(4_900)
        else {
            panic!("still polling");
        };
        assert_eq!(not_before_unix_ms, 1_100);
        let StateStep::Done(out) = w.step(5_000) else {
            panic!("deadline");
        };
        assert_eq!(out.done, ["a"]);
        assert_eq!(out.timed_out, [Unfinished::new("b", Some("running"))]);
        // Foreign ids in an answer change nothing.
        w.observe(&answer(&[("zz", 2)], &[]), 200);
        assert_eq!(w.settled(), 1);
    }

    #[test]
    fn bad_input_is_refused() {
        let e = StateWatch::new(["a"], PhoneStatus::Restarting, 0, 10_000, 1).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        let e = StateWatch::new(["a"], PhoneStatus::Running, 0, 10, 1).unwrap_err();
        assert!(e.to_string().contains("interval_ms"), "{e}");
        assert!(StateWatch::new(Vec::<String>::new(), PhoneStatus::Running, 0, 10_000, 1).is_err());
        // Absurd times saturate.
        let w = StateWatch::new(
            ["a"],
            PhoneStatus::Running,
            u64::MAX - 1,
            u64::MAX,
            u64::MAX,
        )
        .unwrap();
        assert!(matches!(w.step(u64::MAX - 1), StateStep::Poll { .. }));
        assert!(matches!(w.step(u64::MAX), StateStep::Done(_)));
    }
}
