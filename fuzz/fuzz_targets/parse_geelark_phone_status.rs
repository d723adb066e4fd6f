//! Focused: GeeLark phone status's parser (the seed operation) with the
//! merge over its ids, on arbitrary responses.
#![no_main]

use cloudphone::geelark::GetPhoneStatus;
use cloudphone_fuzz::{GEELARK_IDS, merge_checked, parse_checked, response_from_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let response = response_from_bytes(data);
    let ids: Vec<String> = GEELARK_IDS.iter().map(|s| (*s).to_owned()).collect();
    let op = GetPhoneStatus::new(ids.clone()).unwrap();
    let result = parse_checked(&op, &response);
    merge_checked(&ids, result.map(Into::into));
});
