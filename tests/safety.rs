//! Bad input is refused before anything is built, with a typed error that
//! names the field; secrets never show in `Debug` or in error messages.

use cloudphone::geelark::{self, GetPhoneStatus};
use cloudphone::huawei::iam::{CreateToken, ProjectScope};
use cloudphone::huawei::{self, BatchConnection, ClientType};
use cloudphone::{Context, Endpoint, Error, ErrorKind, Operation, Response};

const PROJECT: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const AK: &str = "AKSECRETVALUE0000001";
const SK: &str = "SKSECRETVALUEabcdefghijklmnopqrstuvwxyz";
const TOKEN: &str = "TOKENSECRETVALUE-xyz";
const API_KEY: &str = "APIKEYSECRETVALUE";
const APP_ID: &str = "APPIDSECRETVALUE";
const PASSWORD: &str = "PASSWORDSECRETVALUE";
const SECRETS: [&str; 6] = [AK, SK, TOKEN, API_KEY, APP_ID, PASSWORD];

fn field(e: Error) -> &'static str {
    match e {
        Error::InvalidInput { field, .. } => field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn aksk() -> huawei::Config {
    huawei::Config::for_region("cn-north-4", PROJECT, huawei::Auth::aksk(AK, SK)).unwrap()
}

#[test]
fn huawei_ids_are_checked() {
    assert_eq!(
        field(BatchConnection::new(Vec::<String>::new(), ClientType::Android).unwrap_err()),
        "phone_ids"
    );
    let eleven: Vec<String> = (0..11).map(|i| format!("p{i}")).collect();
    let e = BatchConnection::new(eleven.clone(), ClientType::Android).unwrap_err();
    assert!(e.to_string().contains("11 distinct ids"), "{e}");
    // Eleven ids of which two are duplicates fit.
    let mut dup = eleven[..10].to_vec();
    dup.push("p0".into());
    assert_eq!(
        BatchConnection::new(dup, ClientType::Android)
            .unwrap()
            .phone_ids()
            .len(),
        10
    );
    assert_eq!(
        field(BatchConnection::new([""], ClientType::Android).unwrap_err()),
        "phone_ids"
    );
    assert_eq!(
        field(BatchConnection::new(["a\nb"], ClientType::Android).unwrap_err()),
        "phone_ids"
    );
    assert_eq!(
        field(BatchConnection::new(["a\0b"], ClientType::Android).unwrap_err()),
        "phone_ids"
    );
}

#[test]
fn client_type_spellings() {
    assert_eq!("iOS".parse::<ClientType>().unwrap(), ClientType::Ios);
    assert_eq!("h5_pc".parse::<ClientType>().unwrap(), ClientType::H5Pc);
    assert_eq!(
        field("MAC".parse::<ClientType>().unwrap_err()),
        "client_type"
    );
    assert_eq!(ClientType::Ios.as_str(), "IOS");
}

#[test]
fn project_id_cannot_change_the_path() {
    for bad in [
        "",
        ".",
        "..",
        "../x",
        "a/b",
        "a?b",
        "a#b",
        "a%2Fb",
        "a b",
        "a\r\nb",
        "проект",
    ] {
        let e =
            huawei::Config::for_region("cn-north-4", bad, huawei::Auth::aksk(AK, SK)).unwrap_err();
        assert_eq!(field(e), "project_id", "{bad:?}");
    }
}

#[test]
fn regions_and_endpoints() {
    assert_eq!(huawei::REGIONS.len(), 13);
    for r in huawei::REGIONS {
        let ep = huawei::cph_endpoint(r).unwrap();
        assert_eq!(ep.as_str(), format!("https://cph.{r}.myhuaweicloud.com"));
        assert!(
            huawei::iam_endpoint(r)
                .unwrap()
                .as_str()
                .starts_with("https://iam.")
        );
    }
    assert_eq!(
        huawei::iam_endpoint("af-north-1").unwrap().as_str(),
        "https://iam.myhuaweicloud.com"
    );
    assert_eq!(field(huawei::cph_endpoint("mars-1").unwrap_err()), "region");
    for bad in [
        "ftp://x",
        "http://",
        "http://u:p@h",
        "http://h:99999",
        "http://h/p?q",
        "http://h h",
        "http://h/a b",
    ] {
        assert_eq!(
            field(Endpoint::parse(bad).unwrap_err()),
            "endpoint",
            "{bad}"
        );
    }
    let ep = Endpoint::parse("Example.COM:8443").unwrap();
    assert_eq!(
        (ep.scheme(), ep.authority(), ep.path_prefix()),
        ("https", "Example.COM:8443", "")
    );
    let ep = Endpoint::parse("http://[::1]:8080/x/").unwrap();
    assert_eq!((ep.authority(), ep.path_prefix()), ("[::1]:8080", "/x"));
}

#[test]
fn header_values_refuse_cr_lf_nul() {
    for bad in ["a\r\nX-Evil: 1", "a\nb", "a\0b", "a\rb"] {
        assert_eq!(
            field(
                huawei::Config::for_region("cn-north-4", PROJECT, huawei::Auth::aksk(bad, SK))
                    .unwrap_err()
            ),
            "access_key"
        );
        assert_eq!(
            field(
                huawei::Config::for_region("cn-north-4", PROJECT, huawei::Auth::token(bad))
                    .unwrap_err()
            ),
            "token"
        );
        assert_eq!(
            field(aksk().with_user_agent(bad).unwrap_err()),
            "user_agent"
        );
        assert_eq!(
            field(geelark::Config::global(geelark::Auth::key(bad, API_KEY)).unwrap_err()),
            "app_id"
        );
        assert_eq!(
            field(geelark::Config::global(geelark::Auth::token(bad)).unwrap_err()),
            "token"
        );
        let op = GetPhoneStatus::new(["1"]).unwrap();
        let cfg = geelark::Config::global(geelark::Auth::token(TOKEN)).unwrap();
        assert_eq!(
            field(op.build(&Context::new(&cfg, 1, bad)).unwrap_err()),
            "trace_id"
        );
    }
    assert_eq!(
        field(
            huawei::Config::for_region("cn-north-4", PROJECT, huawei::Auth::aksk("", SK))
                .unwrap_err()
        ),
        "access_key"
    );
    assert_eq!(
        field(
            huawei::Config::for_region("cn-north-4", PROJECT, huawei::Auth::aksk(AK, ""))
                .unwrap_err()
        ),
        "secret_key"
    );
}

#[test]
fn geelark_ids_and_trace_ids_are_checked() {
    let cfg = geelark::Config::global(geelark::Auth::key(APP_ID, API_KEY)).unwrap();
    let hundred_and_one: Vec<String> = (0..101).map(|i| i.to_string()).collect();
    assert_eq!(
        field(GetPhoneStatus::new(hundred_and_one).unwrap_err()),
        "ids"
    );
    assert_eq!(
        field(GetPhoneStatus::new(Vec::<String>::new()).unwrap_err()),
        "ids"
    );
    let op = GetPhoneStatus::new(["1"]).unwrap();
    // Key mode needs six characters for the nonce.
    assert_eq!(
        field(op.build(&Context::new(&cfg, 1, "ABCDE")).unwrap_err()),
        "trace_id"
    );
    assert_eq!(
        field(op.build(&Context::new(&cfg, 1, "")).unwrap_err()),
        "trace_id"
    );
    assert_eq!(
        field(op.build(&Context::new(&cfg, 1, "has space")).unwrap_err()),
        "trace_id"
    );
    assert!(op.build(&Context::new(&cfg, 1, "ABCDEF")).is_ok());
}

#[test]
fn iam_input_is_checked() {
    let scope = || ProjectScope::Name("cn-north-4".into());
    assert_eq!(
        field(CreateToken::password("", "p", "d", scope()).unwrap_err()),
        "user_name"
    );
    assert_eq!(
        field(CreateToken::password("u", "", "d", scope()).unwrap_err()),
        "password"
    );
    assert_eq!(
        field(CreateToken::password("u", "p", "", scope()).unwrap_err()),
        "domain_name"
    );
    assert_eq!(
        field(CreateToken::password("u", "p", "d", ProjectScope::Id(String::new())).unwrap_err()),
        "scope"
    );
}

fn assert_no_secret(what: &str, text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{what} leaks a secret: {text}");
    }
}

#[test]
fn debug_never_shows_secrets() {
    let hw = aksk();
    let hw_tmp = huawei::Config::for_region(
        "cn-north-4",
        PROJECT,
        huawei::Auth::temporary(AK, SK, TOKEN),
    )
    .unwrap();
    let hw_tok =
        huawei::Config::for_region("cn-north-4", PROJECT, huawei::Auth::token(TOKEN)).unwrap();
    let gl_key = geelark::Config::global(geelark::Auth::key(APP_ID, API_KEY)).unwrap();
    let gl_tok = geelark::Config::global(geelark::Auth::token(TOKEN)).unwrap();
    for (what, text) in [
        ("huawei aksk config", format!("{hw:?}")),
        ("huawei temporary config", format!("{hw_tmp:?}")),
        ("huawei token config", format!("{hw_tok:?}")),
        ("geelark key config", format!("{gl_key:?}")),
        ("geelark token config", format!("{gl_tok:?}")),
    ] {
        assert_no_secret(what, &text);
    }
    let op = BatchConnection::new(["p"], ClientType::Android).unwrap();
    for cfg in [&hw, &hw_tmp, &hw_tok] {
        let req = op
            .build(&Context::new(cfg, 1_700_000_000_000, "T"))
            .unwrap();
        let dbg = format!("{req:?}");
        assert_no_secret("huawei request", &dbg);
        assert!(!dbg.contains("Signature="), "signature leaks: {dbg}");
    }
    let op = GetPhoneStatus::new(["p"]).unwrap();
    for cfg in [&gl_key, &gl_tok] {
        let req = op
            .build(&Context::new(cfg, 1_700_000_000_000, "TRACE-1"))
            .unwrap();
        let dbg = format!("{req:?}");
        assert_no_secret("geelark request", &dbg);
        let sign = req.header("sign").unwrap_or("no-sign-header");
        assert!(!dbg.contains(sign), "sign leaks: {dbg}");
    }
    let iam =
        CreateToken::password("u", PASSWORD, "d", ProjectScope::Name("cn-north-4".into())).unwrap();
    assert_no_secret("iam op", &format!("{iam:?}"));
    let ep = huawei::iam_endpoint("cn-north-4").unwrap();
    assert_no_secret(
        "iam request",
        &format!("{:?}", iam.build(&Context::new(&ep, 1, "T")).unwrap()),
    );
    let resp = Response::new(201, r#"{"token":{"expires_at":"2030-01-01T00:00:00Z"}}"#)
        .with_header("X-Subject-Token", TOKEN);
    let token = iam.parse(&resp).unwrap();
    assert_no_secret("iam token", &format!("{token:?}"));
    assert_no_secret("iam token auth", &format!("{:?}", token.auth()));
    // A response Debug hides credential headers too.
    assert_no_secret("response", &format!("{resp:?}"));
}

#[test]
fn connection_ticket_is_redacted_in_debug_but_reaches_the_caller() {
    let op = BatchConnection::new(["p"], ClientType::Android).unwrap();
    let resp = Response::new(
        200,
        r#"{"request_id":"r","connect_infos":[{"phone_id":"p","access_info":{"ticket":"TICKETSECRET","session_id":"s"}}]}"#,
    );
    let out = op.parse(&resp).unwrap();
    assert!(!format!("{out:?}").contains("TICKETSECRET"));
    let ticket = out.connect_infos[0].access_info.ticket.as_ref().unwrap();
    assert_eq!(ticket.expose(), "TICKETSECRET");
    assert!(
        serde_json::to_string(&out)
            .unwrap()
            .contains("TICKETSECRET")
    );
}

#[test]
fn errors_never_carry_secrets() {
    // Invalid-input errors about secret fields name the field, never the value.
    let bad_token = format!("{TOKEN}\r\n");
    let e = huawei::Config::for_region("cn-north-4", PROJECT, huawei::Auth::token(bad_token))
        .unwrap_err();
    assert_no_secret("error display", &e.to_string());
    assert_no_secret("error debug", &format!("{e:?}"));
    let e =
        geelark::Config::global(geelark::Auth::key(format!("{APP_ID}\n"), API_KEY)).unwrap_err();
    assert_no_secret("error display", &e.to_string());
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
}

#[test]
fn parsers_never_panic_on_arbitrary_bytes() {
    let hw = BatchConnection::new(["p"], ClientType::Android).unwrap();
    let gl = GetPhoneStatus::new(["p"]).unwrap();
    let iam = CreateToken::password("u", "p", "d", ProjectScope::Name("r".into())).unwrap();
    let bodies: Vec<Vec<u8>> = vec![
        vec![],
        vec![0xff, 0xfe, 0x00],
        b"[".repeat(100_000),
        b"{\"code\":0,\"data\":".to_vec(),
        "{\"connect_infos\":[{\"phone_id\":\"\u{0}\"}]}"
            .as_bytes()
            .to_vec(),
        b"{\"code\":99999999999999999999999}".to_vec(),
        b"null".to_vec(),
        b"\"str\"".to_vec(),
        b"{\"errors\":[{\"phone_id\":1e400}]}".to_vec(),
    ];
    for status in [200u16, 201, 204, 400, 429, 500, 599, 0, 999] {
        for body in &bodies {
            let r = Response::new(status, body.clone());
            let _ = hw.parse(&r);
            let _ = gl.parse(&r);
            let _ = iam.parse(&r);
        }
    }
}
