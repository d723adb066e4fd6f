//! The clients' generic helpers against the simulator: any batch operation
//! fanned out over any number of ids (nothing lost, even with a foreign id),
//! and whole listings walked page by page.
#![cfg(all(feature = "sim", feature = "client"))]

use std::collections::HashSet;

use cloudphone::client::{GeeLarkClient, HuaweiClient};
use cloudphone::geelark;
use cloudphone::huawei::lifecycle::{MAX_IDS, StopPhones};
use cloudphone::huawei::phones::ListPhones;
use cloudphone::sim::{Sim, SimConfig};

fn sim() -> Sim {
    Sim::start(SimConfig::default().phones(250)).unwrap()
}

fn huawei(sim: &Sim) -> HuaweiClient {
    let c = sim.huawei();
    HuaweiClient::builder()
        .endpoint(sim.url())
        .project_id(&c.project_id)
        .aksk(&c.access_key, c.secret_key.expose())
        .build()
        .unwrap()
}

fn geelark(sim: &Sim) -> GeeLarkClient {
    let c = sim.geelark();
    GeeLarkClient::builder()
        .endpoint(sim.url())
        .key(&c.app_id, c.api_key.expose())
        .build()
        .unwrap()
}

#[test]
fn huawei_pages_walk_the_whole_fleet_once() {
    let sim = sim();
    let client = huawei(&sim);
    let first = ListPhones::new().page(0, 40).unwrap();
    let pages: Vec<_> = client.pages(first).collect::<Result<_, _>>().unwrap();
    assert_eq!(pages.len(), 7, "250 phones in pages of 40");
    let ids: Vec<String> = pages
        .iter()
        .flat_map(|p| p.phones.iter().map(|ph| ph.id.clone()))
        .collect();
    let distinct: HashSet<&String> = ids.iter().collect();
    assert_eq!((ids.len(), distinct.len()), (250, 250));
    let expected: HashSet<String> = sim.huawei_phone_ids().into_iter().collect();
    assert!(ids.iter().all(|id| expected.contains(id)));
}

#[test]
fn huawei_generic_batch_stops_any_number_of_phones() {
    let sim = sim();
    let client = huawei(&sim);
    let mut ids = sim.huawei_phone_ids();
    ids.push("0123456789abcdef0123456789abcdef".into()); // not in the fleet
    ids.push(ids[0].clone()); // a duplicate
    let out = client
        .batch(ids, MAX_IDS, |call| StopPhones::new(call.iter().cloned()))
        .unwrap();
    // 250 fleet phones + 1 foreign id, each exactly once.
    assert_eq!(out.total(), 251);
    assert_eq!(out.missing.len(), 0);
    assert!(
        out.failed
            .iter()
            .any(|f| f.id == "0123456789abcdef0123456789abcdef")
    );
    assert_eq!(out.request_ids.len(), 3, "251 ids in calls of 100");
}

#[test]
fn geelark_pages_and_batch() {
    let sim = sim();
    let client = geelark(&sim);
    let first = geelark::ListPhones::new().page(1, 100).unwrap();
    let pages: Vec<_> = client.pages(first).collect::<Result<_, _>>().unwrap();
    assert_eq!(pages.len(), 3);
    let total: usize = pages.iter().map(|p| p.phones.len()).sum();
    assert_eq!(total, 250);
    let ids = sim.geelark_phone_ids();
    let out = client
        .batch(ids.clone(), 100, |call| {
            geelark::StopPhones::new(call.iter().cloned())
        })
        .unwrap();
    assert_eq!(out.total(), 250);
}

#[test]
fn a_listing_stops_after_an_error() {
    let sim = sim();
    let c = sim.huawei();
    let bad = HuaweiClient::builder()
        .endpoint(sim.url())
        .project_id(&c.project_id)
        .aksk(&c.access_key, "not-the-secret")
        .build()
        .unwrap();
    let pages: Vec<_> = bad.pages(ListPhones::new()).collect();
    assert_eq!(pages.len(), 1);
    assert_eq!(
        pages[0].as_ref().unwrap_err().kind(),
        cloudphone::ErrorKind::Auth
    );
}
