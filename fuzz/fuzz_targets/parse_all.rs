//! Every operation's `parse` (both providers, the whole catalogue) on one
//! arbitrary response; batch answers are merged over the requested ids and
//! checked to account for each id exactly once.
#![no_main]

use std::sync::LazyLock;

use cloudphone_fuzz::{Catalog, response_from_bytes};
use libfuzzer_sys::fuzz_target;

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::new);

fuzz_target!(|data: &[u8]| {
    let response = response_from_bytes(data);
    CATALOG.parse_all(&response);
});
