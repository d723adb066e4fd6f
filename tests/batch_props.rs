//! Plan + merge never lose an id: random id lists (with duplicates) are
//! planned, each call is answered at random — success, per-item failure,
//! silence, duplicated answers, answers about ids never asked for, or a
//! failed call — and the merge must account for every distinct input id
//! exactly once, in input order, mentioning nothing foreign.

use std::collections::HashSet;

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

fn run(
    ids: &[String],
    limit: usize,
    fates: &[Fate],
    failed_calls: &[bool],
    foreign: &[String],
) -> (BatchPlan, BatchOutcome<Item>) {
    let plan = BatchPlan::new(ids.iter().cloned(), limit).unwrap();
    let mut merge = plan.merge::<Item>();
    let mut n = 0;
    for (c, call) in plan.calls().enumerate() {
        if failed_calls[c % failed_calls.len()] {
            let err = Error::Transport {
                operation: "test",
                message: "connection reset".into(),
                not_sent: false,
            };
            merge.record_result(call, Err(err));
            continue;
        }
        let mut ok = Vec::new();
        let mut failed = Vec::new();
        // Answer in reverse order: the merge must restore input order.
        for id in call.iter().rev() {
            match &fates[n % fates.len()] {
                Fate::Ok => ok.push(Item(id.clone())),
                Fate::Fail => failed.push(ItemFailure::api(id.clone(), "E1", "nope")),
                Fate::Silent => {}
                Fate::OkTwice => {
                    ok.push(Item(id.clone()));
                    ok.push(Item(id.clone()));
                }
                Fate::OkAndFail => {
                    ok.push(Item(id.clone()));
                    failed.push(ItemFailure::api(id.clone(), "E2", "also"));
                }
            }
            n += 1;
        }
        for f in foreign {
            ok.push(Item(f.clone()));
        }
        merge.record_result(
            call,
            Ok(CallOutcome::new(ok, failed, Some(format!("req-{c}")))),
        );
    }
    (plan.clone(), merge.finish())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_id_exactly_once_in_input_order(
        ids in prop::collection::vec("[a-f0-9]{1,3}", 1..250),
        limit in 1usize..=100,
        fates in prop::collection::vec(fate(), 1..20),
        failed_calls in prop::collection::vec(prop::bool::weighted(0.15), 1..8),
        foreign in prop::collection::vec("[g-z]{1,3}", 0..3),
    ) {
        let (plan, out) = run(&ids, limit, &fates, &failed_calls, &foreign);

        // Distinct input ids in first-seen order.
        let mut seen = HashSet::new();
        let distinct: Vec<String> = ids.iter().filter(|i| seen.insert(i.to_string())).cloned().collect();
        prop_assert_eq!(plan.ids(), &distinct[..]);
        prop_assert!(plan.calls().all(|c| c.len() <= limit && !c.is_empty()));
        prop_assert_eq!(plan.call_count(), distinct.len().div_ceil(limit));

        // Every distinct id exactly once across the three lists.
        let mut all: Vec<&str> = out.succeeded.iter().map(|i| i.0.as_str())
            .chain(out.failed.iter().map(|f| f.id.as_str()))
            .chain(out.missing.iter().map(String::as_str))
            .collect();
        prop_assert_eq!(all.len(), distinct.len());
        prop_assert_eq!(out.total(), distinct.len());
        all.sort_unstable();
        let mut want: Vec<&str> = distinct.iter().map(String::as_str).collect();
        want.sort_unstable();
        prop_assert_eq!(all, want);

        // Each list follows input order.
        let pos = |id: &str| distinct.iter().position(|d| d == id).unwrap();
        for list in [
            out.succeeded.iter().map(|i| pos(&i.0)).collect::<Vec<_>>(),
            out.failed.iter().map(|f| pos(&f.id)).collect(),
            out.missing.iter().map(|m| pos(m)).collect(),
        ] {
            prop_assert!(list.windows(2).all(|w| w[0] < w[1]));
        }

        // Nothing foreign in the results; foreign answers are reported.
        for f in &foreign {
            prop_assert!(!distinct.contains(f));
            if plan.call_count() > 0 && failed_calls.iter().any(|b| !b) {
                // At least one call answered, so its foreign ids were seen.
            }
        }
        for u in &out.unexpected {
            prop_assert!(!distinct.contains(u));
        }
    }
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
    merge.record(CallOutcome::new(
        calls[2][..2].iter().cloned().map(Item).collect(),
        vec![],
        None,
    ));
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
