//! Batch plan + merge with arbitrary ids, limits and answers (successes,
//! per-item failures, unrequested and repeated ids, whole-call errors, calls
//! that never answered). Checks the plan (distinct ids in first-seen order,
//! chunks within the limit) and that the merge accounts for every id exactly
//! once, in input order, agreeing with a per-call model: an id is credited
//! only by the answer of the call that carried it (first answer wins), a
//! failed call fails only its own still-pending ids, and every id an answer
//! names that its call did not carry is reported as unexpected, once.
#![no_main]

use std::collections::{HashMap, HashSet};

use arbitrary::Arbitrary;
use cloudphone::{BatchItem, BatchPlan, CallOutcome, Error, ErrorKind, ItemFailure};
use cloudphone_fuzz::check_outcome;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Ref {
    Requested(u16),
    Other(String),
}

#[derive(Arbitrary, Debug)]
enum Answer {
    Ok {
        succeeded: Vec<Ref>,
        failed: Vec<Ref>,
        request_id: Option<String>,
    },
    Err {
        status: u16,
        message: String,
    },
    NoAnswer,
}

#[derive(Arbitrary, Debug)]
struct Input {
    ids: Vec<String>,
    limit: u8,
    answers: Vec<Answer>,
}

#[derive(Debug)]
struct Item(String);

impl BatchItem for Item {
    fn item_id(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Model {
    Pending,
    Ok,
    Failed,
}

fuzz_target!(|input: Input| {
    let limit = usize::from(input.limit);
    let plan = match BatchPlan::new(input.ids.clone(), limit) {
        Ok(p) => p,
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::InvalidInput);
            assert!(
                limit == 0
                    || input.ids.is_empty()
                    || input
                        .ids
                        .iter()
                        .any(|i| i.is_empty() || i.len() > 256 || i.chars().any(char::is_control)),
                "plan refused good ids: {e}"
            );
            return;
        }
    };
    // Distinct ids in first-seen order.
    let mut want = Vec::new();
    for id in &input.ids {
        if !want.contains(id) {
            want.push(id.clone());
        }
    }
    assert_eq!(plan.ids(), &want[..]);
    let calls: Vec<&[String]> = plan.calls().collect();
    assert_eq!(calls.len(), plan.call_count());
    assert!(calls.iter().all(|c| !c.is_empty() && c.len() <= limit));
    assert_eq!(calls.concat(), want);

    let n = want.len();
    let pos: HashMap<&str, usize> = want
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut model = vec![Model::Pending; n];
    let mut unexpected: HashSet<String> = HashSet::new();
    let mut merge = plan.merge::<Item>();
    let resolve = |r: &Ref| match r {
        Ref::Requested(k) => want[usize::from(*k) % n].clone(),
        Ref::Other(s) => s.clone(),
    };
    for (call, answer) in calls.iter().zip(
        input
            .answers
            .iter()
            .chain(std::iter::repeat(&Answer::NoAnswer)),
    ) {
        match answer {
            Answer::NoAnswer => {}
            Answer::Ok {
                succeeded,
                failed,
                request_id,
            } => {
                let s: Vec<Item> = succeeded.iter().map(|r| Item(resolve(r))).collect();
                let f: Vec<ItemFailure> = failed
                    .iter()
                    .map(|r| ItemFailure::api(resolve(r), "CODE", "message"))
                    .collect();
                let carried = |id: &str| call.iter().any(|c| c == id);
                for (id, fate) in s
                    .iter()
                    .map(|it| (it.0.as_str(), Model::Ok))
                    .chain(f.iter().map(|it| (it.id.as_str(), Model::Failed)))
                {
                    match pos.get(id) {
                        Some(&i) if carried(id) => {
                            if model[i] == Model::Pending {
                                model[i] = fate;
                            }
                        }
                        _ => {
                            unexpected.insert(id.to_owned());
                        }
                    }
                }
                merge.record_result(call, Ok(CallOutcome::new(s, f, request_id.clone())));
            }
            Answer::Err { status, message } => {
                for id in call.iter() {
                    let i = pos[id.as_str()];
                    if model[i] == Model::Pending {
                        model[i] = Model::Failed;
                    }
                }
                let e = Error::Decode {
                    operation: "fuzz",
                    http_status: *status,
                    path: ".".to_owned(),
                    message: message.clone(),
                };
                merge.record_result(call, Err(e));
            }
        }
    }
    let out = merge.finish();
    check_outcome(&want, &out);
    for it in &out.succeeded {
        assert_eq!(model[pos[it.0.as_str()]], Model::Ok, "{:?}", it.0);
    }
    for f in &out.failed {
        assert_eq!(model[pos[f.id.as_str()]], Model::Failed, "{:?}", f.id);
    }
    for m in &out.missing {
        assert_eq!(model[pos[m.as_str()]], Model::Pending, "{m:?}");
    }
    let reported: HashSet<String> = out.unexpected.iter().cloned().collect();
    assert_eq!(reported.len(), out.unexpected.len(), "an unexpected id twice");
    if unexpected.len() <= cloudphone::MAX_UNEXPECTED {
        assert_eq!(reported, unexpected);
        assert_eq!(out.unexpected_omitted, 0);
    } else {
        assert_eq!(out.unexpected.len(), cloudphone::MAX_UNEXPECTED);
        assert!(reported.is_subset(&unexpected));
    }
});
