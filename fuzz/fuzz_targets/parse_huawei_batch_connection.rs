//! Focused: Huawei batch-connection's parser (the seed operation) with the
//! merge over its ids, on arbitrary responses.
#![no_main]

use cloudphone::huawei::{ShowConnectInfos, ClientType};
use cloudphone_fuzz::{HUAWEI_IDS, merge_checked, parse_checked, response_from_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let response = response_from_bytes(data);
    let ids: Vec<String> = HUAWEI_IDS.iter().map(|s| (*s).to_owned()).collect();
    let op = ShowConnectInfos::new(ids.clone(), ClientType::Android).unwrap();
    let result = parse_checked(&op, &response);
    if let Ok(out) = &result {
        // Output strings go to C as NUL-terminated views and to JSON.
        let _ = serde_json::to_string(out).unwrap();
        for c in &out.connect_infos {
            let _ = c.phone_id.len();
        }
    }
    merge_checked(&ids, result.map(Into::into));
});
