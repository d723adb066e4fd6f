//! The sans-IO path end to end, with no network and no account: build and
//! sign the two seed requests, "receive" the providers' documented example
//! answers, parse them, and merge a 25-phone batch answered over three calls
//! (one of which fails) without losing a phone.
//!
//! Run: `cargo run --example sans_io`

use cloudphone::geelark::{self, GetPhoneStatus};
use cloudphone::huawei::{self, ClientType, ShowConnectInfos};
use cloudphone::{BatchPlan, CallOutcome, Context, Error, Operation, Response};

fn main() -> Result<(), Error> {
    let now_ms = 1_704_164_645_000; // a real program passes the current time
    let trace_id = cloudphone::format_trace_id(*b"0123456789abcdef"); // and 16 random bytes

    // Huawei CPH: access info for the seed's three phones, AK/SK-signed.
    let hw = huawei::Config::for_region(
        "cn-north-4",
        "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        huawei::Auth::aksk(
            "HPUAEXAMPLEAK0000001",
            "ExampleSecretKey0123456789abcdefghijklmn",
        ),
    )?;
    let op = ShowConnectInfos::new(
        [
            "1564567b8bab40f34711234cb80d8574",
            "1234567b8bab40ffb711234cb80d0234",
            "1234567b8bab40ffb711234cb8654321",
        ],
        ClientType::Android,
    )?;
    let request = op.build(&Context::new(&hw, now_ms, &trace_id))?;
    println!("{request:?}\n");
    let answer = Response::new(200, SEED_HUAWEI_ANSWER);
    let out = op.parse(&answer)?;
    for info in &out.connect_infos {
        let a = &info.access_info;
        println!(
            "huawei  {}  {}:{}  session {}",
            info.phone_id,
            a.access_ip.as_deref().unwrap_or("-"),
            a.access_port.map_or("-".to_string(), |p| p.to_string()),
            a.session_id.as_deref().unwrap_or("-"),
        );
    }
    for e in &out.errors {
        println!("huawei  {}  failed: {} {}", e.id, e.code, e.message);
    }

    // GeeLark: phone status, key-mode signed.
    let gl = geelark::Config::global(geelark::Auth::key(
        "eH6gQR4oHr3FsZpI36La01IW",
        "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf",
    ))?;
    let op = GetPhoneStatus::new(["612345678901234567", "699999999999999999"])?;
    let request = op.build(&Context::new(&gl, now_ms, &trace_id))?;
    println!("\n{request:?}\n");
    let report = op.parse(&Response::new(200, SEED_GEELARK_ANSWER))?;
    for p in &report.phones {
        println!("geelark {}  {}", p.id, p.status);
    }
    for f in &report.failures {
        println!("geelark {}  failed: {} {}", f.id, f.code, f.message);
    }

    // A batch of 25 phones: planned into calls of at most 10, answered out
    // of order and in part, one call failing outright.
    let ids: Vec<String> = (0..25).map(|i| format!("phone-{i:02}")).collect();
    let plan = BatchPlan::new(ids, huawei::MAX_IDS)?;
    let mut merge = plan.merge();
    for (n, call) in plan.calls().enumerate() {
        let result = match n {
            1 => Err(Error::Timeout {
                operation: ShowConnectInfos::NAME,
                message: "no answer within 30 s".into(),
            }),
            _ => {
                let op = ShowConnectInfos::new(call.iter().cloned(), ClientType::Android)?;
                let body = fake_answer(call);
                op.parse(&Response::new(200, body)).map(CallOutcome::from)
            }
        };
        merge.record_result(call, result);
    }
    let outcome = merge.finish();
    println!(
        "\nbatch of {}: {} succeeded, {} failed, {} missing",
        outcome.total(),
        outcome.succeeded.len(),
        outcome.failed.len(),
        outcome.missing.len()
    );
    for f in outcome.failed.iter().take(3) {
        println!("  {} failed ({}): {}", f.id, f.kind, f.message);
    }
    Ok(())
}

/// Answers every other phone of a call, reports one as not found, and says
/// nothing about the rest.
fn fake_answer(call: &[String]) -> String {
    let infos: Vec<String> = call
        .iter()
        .step_by(2)
        .map(|id| format!(r#"{{"phone_id":"{id}","access_info":{{"access_ip":"203.0.113.7","access_port":30000,"session_id":"s-{id}","ticket":"t"}}}}"#))
        .collect();
    format!(
        r#"{{"request_id":"r","connect_infos":[{}],"errors":[{{"phone_id":"{}","error_code":"CPS.0005","error_msg":"Phone not found."}}]}}"#,
        infos.join(","),
        call[1.min(call.len() - 1)]
    )
}

const SEED_HUAWEI_ANSWER: &str = r#"{
  "request_id" : "70bb40bef50e4a14b116a5a527fd7432",
  "connect_infos" : [ {
    "phone_id" : "1564567b8bab40f34711234cb80d8574",
    "access_info" : {
      "access_ip" : "213.32.43.22",
      "intranet_ip" : "192.168.0.25",
      "access_ipv6" : "2001:db8:a583:b62:e5ea:4a6b:de7b:f97d",
      "access_port" : 14308,
      "session_id" : "9864567a7bab40f34711234cb8087474",
      "timestamp" : "122478329742",
      "ticket" : "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    }
  } ],
  "errors" : [ {
    "phone_id" : "1234567b8bab40ffb711234cb80d0234",
    "error_code" : "CPS.0018",
    "error_msg" : "Access info not found."
  }, {
    "phone_id" : "1234567b8bab40ffb711234cb8654321",
    "error_code" : "CPS.0005",
    "error_msg" : "Phone not found."
  } ]
}"#;

const SEED_GEELARK_ANSWER: &str = r#"{"traceId":"5E2A8C1D7B3F49A0B6C4D8E2F1A07C35","code":0,"msg":"success",
"data":{"totalAmount":2,"successAmount":1,"failAmount":1,
"successDetails":[{"id":"612345678901234567","serialName":"sg-tt-001","status":0}],
"failDetails":[{"code":42001,"id":"699999999999999999","msg":"env not found"}]}}"#;
