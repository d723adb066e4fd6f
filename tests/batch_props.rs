//! Plan + merge never lose an id, and credit an id only on its own call's
//! word: random id lists (with duplicates) are planned, each call is
//! answered at random — success, per-item failure, silence, duplicated
//! answers, answers about ids of *other* calls, answers about ids never asked
//! for, or a failed call — and recorded in a random order. A model computed
//! per call says what each id must come back as; the merge must agree with
//! it exactly, account for every distinct input id once, in input order, and
//! report every id an answer named without its call carrying it as
//! unexpected, once.

use std::collections::{HashMap, HashSet};

use cloudphone::{BatchItem, BatchOutcome, BatchPlan, CallOutcome, Error, ItemFailure};
use proptest::prelude::*;

#[derive(Clone, Debug, PartialEq)]
struct Item(String);

impl BatchItem for Item {
    fn item_id(&self) -> &str {
        &self.0
    }
}

/// How the fake server treats one requested id.
#[derive(Clone, Debug)]
enum Fate {
    Ok,
    Fail,
    Silent,
    OkTwice,
    OkAndFail,
}

fn fate() -> impl Strategy<Value = Fate> {
    prop_oneof![
        4 => Just(Fate::Ok),
        2 => Just(Fate::Fail),
        2 => Just(Fate::Silent),
        1 => Just(Fate::OkTwice),
        1 => Just(Fate::OkAndFail),
    ]
}

/// What the model says one id must come back as.
#[derive(Clone, Debug, PartialEq)]
enum Want {
    Succeeded,
    FailedApi,
    FailedCall,
    Missing,
}

struct Case<'a> {
    ids: &'a [String],
    limit: usize,
    fates: &'a [Fate],
    failed_calls: &'a [bool],
    foreign: &'a [String],
    /// For each call, indices (mod distinct ids) of ids of the whole batch
    /// that its answer also names as succeeded or failed.
    cross: &'a [Vec<(usize, bool)>],
    /// Rotation of the recording order.
    rotate: usize,
}

fn run(
    case: &Case<'_>,
) -> (
    BatchPlan,
    BatchOutcome<Item>,
    HashMap<String, Want>,
    HashSet<String>,
) {
    let plan = BatchPlan::new(case.ids.iter().cloned(), case.limit).unwrap();
    let distinct = plan.ids();
    let calls: Vec<&[String]> = plan.calls().collect();
    let mut want: HashMap<String, Want> = HashMap::new();
    let mut unexpected: HashSet<String> = HashSet::new();
    let mut answers: Vec<(usize, cloudphone::Result<CallOutcome<Item>>)> = Vec::new();
    let mut n = 0;
    for (c, call) in calls.iter().enumerate() {
        if case.failed_calls[c % case.failed_calls.len()] {
            for id in *call {
                want.insert(id.clone(), Want::FailedCall);
            }
            let err = Error::Transport {
                operation: "test",
                message: "connection reset".into(),
                not_sent: false,
                io_kind: None,
            };
            answers.push((c, Err(err)));
            continue;
        }
        let mut ok = Vec::new();
        let mut failed = Vec::new();
        // Answer in reverse order: the merge must restore input order.
        for id in call.iter().rev() {
            let w = match &case.fates[n % case.fates.len()] {
                Fate::Ok => {
                    ok.push(Item(id.clone()));
                    Want::Succeeded
                }
                Fate::Fail => {
                    failed.push(ItemFailure::api(id.clone(), "E1", "nope"));
                    Want::FailedApi
                }
                Fate::Silent => Want::Missing,
                Fate::OkTwice => {
                    ok.push(Item(id.clone()));
                    ok.push(Item(id.clone()));
                    Want::Succeeded
                }
                // Successes are recorded before failures: the first wins.
                Fate::OkAndFail => {
                    ok.push(Item(id.clone()));
                    failed.push(ItemFailure::api(id.clone(), "E2", "also"));
                    Want::Succeeded
                }
            };
            want.insert(id.clone(), w);
            n += 1;
        }
        // Ids of the batch that this call did not carry: never credited.
        for &(k, as_success) in &case.cross[c % case.cross.len()] {
            let id = &distinct[k % distinct.len()];
            if call.contains(id) {
                continue;
            }
            unexpected.insert(id.clone());
            if as_success {
                ok.push(Item(id.clone()));
            } else {
                failed.push(ItemFailure::api(id.clone(), "X", "cross-call"));
            }
        }
        for f in case.foreign {
            unexpected.insert(f.clone());
            ok.push(Item(f.clone()));
        }
        answers.push((
            c,
            Ok(CallOutcome::new(ok, failed, Some(format!("req-{c}")))),
        ));
    }
    let len = answers.len();
    answers.rotate_left(case.rotate % len);
    let mut merge = plan.merge::<Item>();
    for (c, answer) in answers {
        merge.record_result(calls[c], answer);
    }
    let out = merge.finish();
    (plan.clone(), out, want, unexpected)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_id_exactly_once_on_its_own_calls_word(
        ids in prop::collection::vec("[a-f0-9]{1,3}", 1..250),
        limit in 1usize..=100,
        fates in prop::collection::vec(fate(), 1..20),
        failed_calls in prop::collection::vec(prop::bool::weighted(0.25), 1..8),
        foreign in prop::collection::vec("[g-z]{1,3}", 0..3),
        cross in prop::collection::vec(
            prop::collection::vec((0usize..1000, any::<bool>()), 0..6), 1..6),
        rotate in 0usize..50,
    ) {
        let case = Case {
            ids: &ids, limit, fates: &fates, failed_calls: &failed_calls,
            foreign: &foreign, cross: &cross, rotate,
        };
        let (plan, out, want, unexpected) = run(&case);

        // Distinct input ids in first-seen order.
        let mut seen = HashSet::new();
        let distinct: Vec<String> = ids.iter().filter(|i| seen.insert(i.to_string())).cloned().collect();
        prop_assert_eq!(plan.ids(), &distinct[..]);
        prop_assert!(plan.calls().all(|c| c.len() <= limit && !c.is_empty()));
        prop_assert_eq!(plan.call_count(), distinct.len().div_ceil(limit));

        // Every distinct id exactly once, as the per-call model says.
        prop_assert_eq!(out.total(), distinct.len());
        let mut got: HashMap<String, Want> = HashMap::new();
        for i in &out.succeeded {
            prop_assert!(got.insert(i.0.clone(), Want::Succeeded).is_none());
        }
        for f in &out.failed {
            let w = if f.kind == cloudphone::ErrorKind::Api { Want::FailedApi } else { Want::FailedCall };
            prop_assert!(got.insert(f.id.clone(), w).is_none());
            prop_assert!(f.code != "X", "a cross-call failure was credited: {:?}", f);
        }
        for m in &out.missing {
            prop_assert!(got.insert(m.clone(), Want::Missing).is_none());
        }
        prop_assert_eq!(&got, &want);

        // Each list follows input order.
        let pos = |id: &str| distinct.iter().position(|d| d == id).unwrap();
        for list in [
            out.succeeded.iter().map(|i| pos(&i.0)).collect::<Vec<_>>(),
            out.failed.iter().map(|f| pos(&f.id)).collect(),
            out.missing.iter().map(|m| pos(m)).collect(),
        ] {
            prop_assert!(list.windows(2).all(|w| w[0] < w[1]));
        }

        // Every id named without its call carrying it, once each.
        let reported: HashSet<String> = out.unexpected.iter().cloned().collect();
        prop_assert_eq!(reported.len(), out.unexpected.len(), "unexpected repeats an id");
        prop_assert_eq!(reported, unexpected);
        prop_assert_eq!(out.unexpected_omitted, 0);
    }
}

/// The reproduction: restart of 6 ids, 2 per call; call 1 answers
/// with jobs for all 6, calls 2 and 3 are reset. Before the per-call merge
/// the outcome was 6 succeeded; now 2 succeeded, 4 failed with their own
/// calls' error, and the 4 foreign-to-call-1 ids reported as unexpected.
#[test]
fn an_answer_cannot_vouch_for_another_calls_ids() {
    let ids: Vec<String> = (1..=6).map(|i| format!("p{i}")).collect();
    let plan = BatchPlan::new(ids.clone(), 2).unwrap();
    let calls: Vec<&[String]> = plan.calls().collect();
    let mut merge = plan.merge::<Item>();
    merge.record_result(
        calls[0],
        Ok(CallOutcome::new(
            ids.iter().cloned().map(Item).collect(),
            vec![],
            None,
        )),
    );
    for call in &calls[1..] {
        let reset = Error::Transport {
            operation: "restart",
            message: "connection reset".into(),
            not_sent: false,
            io_kind: None,
        };
        merge.record_result(call, Err(reset));
    }
    let out = merge.finish();
    assert_eq!(out.succeeded, [Item("p1".into()), Item("p2".into())]);
    assert_eq!(
        out.failed.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        ["p3", "p4", "p5", "p6"]
    );
    assert!(
        out.failed
            .iter()
            .all(|f| f.kind == cloudphone::ErrorKind::Transport)
    );
    assert_eq!(out.unexpected, ["p3", "p4", "p5", "p6"]);
    assert!(out.missing.is_empty());
}

/// An answer naming 200,000 foreign ids keeps MAX_UNEXPECTED of them and
/// counts the rest; the call's own ids are still credited.
#[test]
fn unexpected_ids_are_capped_and_counted() {
    let plan = BatchPlan::new(["a", "b"], 2).unwrap();
    let calls: Vec<&[String]> = plan.calls().collect();
    let mut merge = plan.merge::<Item>();
    let mut items: Vec<Item> = (0..200_000).map(|i| Item(format!("f{i}"))).collect();
    items.push(Item("f0".into())); // a repeat: neither kept twice nor counted
    items.push(Item("a".into()));
    merge.record_result(calls[0], Ok(CallOutcome::new(items, vec![], None)));
    let out = merge.finish();
    assert_eq!(out.succeeded, [Item("a".into())]);
    assert_eq!(out.missing, ["b"]);
    assert_eq!(out.unexpected.len(), cloudphone::MAX_UNEXPECTED);
    assert_eq!(out.unexpected[0], "f0");
    assert_eq!(
        out.unexpected_omitted,
        200_000 - cloudphone::MAX_UNEXPECTED as u64
    );
}

#[test]
fn failed_call_marks_its_ids_failed_with_the_error() {
    let ids: Vec<String> = (0..25).map(|i| format!("p{i}")).collect();
    let plan = BatchPlan::new(ids.clone(), 10).unwrap();
    let mut merge = plan.merge::<Item>();
    let calls: Vec<&[String]> = plan.calls().collect();
    merge.record_result(
        calls[0],
        Ok(CallOutcome::new(
            calls[0].iter().cloned().map(Item).collect(),
            vec![],
            None,
        )),
    );
    let err = Error::Timeout {
        operation: "op",
        message: "global timeout".into(),
    };
    merge.record_result(calls[1], Err(err));
    // The third call answers about only half of its ids.
    merge.record(
        calls[2],
        CallOutcome::new(
            calls[2][..2].iter().cloned().map(Item).collect(),
            vec![],
            None,
        ),
    );
    let out = merge.finish();
    assert_eq!(out.succeeded.len(), 12);
    assert_eq!(out.failed.len(), 10);
    assert!(
        out.failed
            .iter()
            .all(|f| f.kind == cloudphone::ErrorKind::Timeout && f.code == "timeout")
    );
    assert_eq!(out.missing, ["p22", "p23", "p24"]);
}

#[test]
fn plan_refuses_bad_input() {
    assert!(BatchPlan::new(Vec::<String>::new(), 10).is_err());
    assert!(BatchPlan::new(["a"], 0).is_err());
    assert!(BatchPlan::new(["a", ""], 10).is_err());
    assert!(BatchPlan::new(["a\r\nX-Evil: 1"], 10).is_err());
    let p = BatchPlan::new(["b", "a", "b", "c", "a"], 2).unwrap();
    assert_eq!(p.ids(), ["b", "a", "c"]);
    assert_eq!(
        p.calls().collect::<Vec<_>>(),
        vec![
            &["b".to_string(), "a".to_string()][..],
            &["c".to_string()][..]
        ]
    );
}
