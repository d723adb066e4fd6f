//! Bad input is refused before anything is built, with a typed error that
//! names the field; secrets never show in `Debug` or in error messages.

use cloudphone::geelark::{self, GetPhoneStatus};
use cloudphone::huawei::iam::{CreateToken, ProjectScope};
use cloudphone::huawei::{self, ClientType, ShowConnectInfos};
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
        field(ShowConnectInfos::new(Vec::<String>::new(), ClientType::Android).unwrap_err()),
        "phone_ids"
    );
    let eleven: Vec<String> = (0..11).map(|i| format!("p{i}")).collect();
    let e = ShowConnectInfos::new(eleven.clone(), ClientType::Android).unwrap_err();
    assert!(e.to_string().contains("11 distinct ids"), "{e}");
    // Eleven ids of which two are duplicates fit.
    let mut dup = eleven[..10].to_vec();
    dup.push("p0".into());
    assert_eq!(
        ShowConnectInfos::new(dup, ClientType::Android)
            .unwrap()
            .phone_ids()
            .len(),
        10
    );
    assert_eq!(
        field(ShowConnectInfos::new([""], ClientType::Android).unwrap_err()),
        "phone_ids"
    );
    assert_eq!(
        field(ShowConnectInfos::new(["a\nb"], ClientType::Android).unwrap_err()),
        "phone_ids"
    );
    assert_eq!(
        field(ShowConnectInfos::new(["a\0b"], ClientType::Android).unwrap_err()),
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
    let op = ShowConnectInfos::new(["p"], ClientType::Android).unwrap();
    for cfg in [&hw, &hw_tmp, &hw_tok] {
        let req = op
            .build(&Context::new(cfg, 1_700_000_000_000, "T"))
            .unwrap();
        let dbg = format!("{req:?}");
        assert_no_secret("huawei request", &dbg);
        assert!(!dbg.contains("Signature="), "signature leaks: {dbg}");
        let shown = req.to_redacted_text();
        assert_no_secret("huawei request, redacted text", &shown);
        assert!(!shown.contains("Signature="), "signature leaks: {shown}");
        assert!(shown.starts_with(&format!("POST {}", req.url)), "{shown}");
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
        let shown = req.to_redacted_text();
        assert_no_secret("geelark request, redacted text", &shown);
        assert!(!shown.contains(sign), "sign leaks: {shown}");
        assert!(
            shown.ends_with("\n{\"ids\":[\"p\"]}\n"),
            "body as sent: {shown}"
        );
    }
    let iam =
        CreateToken::password("u", PASSWORD, "d", ProjectScope::Name("cn-north-4".into())).unwrap();
    assert_no_secret("iam op", &format!("{iam:?}"));
    let ep = huawei::iam_endpoint("cn-north-4").unwrap();
    assert_no_secret(
        "iam request",
        &format!("{:?}", iam.build(&Context::new(&ep, 1, "T")).unwrap()),
    );
    // The password in the IAM body is masked in place; a body that is not
    // text (an upload) is only counted.
    let shown = iam
        .build(&Context::new(&ep, 1, "T"))
        .unwrap()
        .to_redacted_text();
    assert_no_secret("iam request, redacted text", &shown);
    assert!(shown.contains(r#""password":"***""#), "{shown}");
    let put =
        geelark::files::UploadFile::new("https://store.example/u?Signature=SIG", vec![0xff; 4])
            .unwrap()
            .build(&Context::new(&gl_key, 1, "T"))
            .unwrap();
    assert!(
        put.to_redacted_text().ends_with("\n<4 bytes>\n"),
        "{}",
        put.to_redacted_text()
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
    let op = ShowConnectInfos::new(["p"], ClientType::Android).unwrap();
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
    let hw = ShowConnectInfos::new(["p"], ClientType::Android).unwrap();
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

/// Issue 12, item 6: malformed endpoints were accepted by `Endpoint::parse`
/// and failed only when sent, as a per-id failure of every call. Each is now
/// refused at parse with an `endpoint` error saying what is wrong.
#[test]
fn malformed_endpoints_are_refused_at_parse() {
    let cases: &[(&str, &str)] = &[
        ("http://:1", "no host"),
        ("http://[::1", "without closing"),
        ("http://[]:1", "[] is empty"),
        ("h:80:81", "more than one ':'"),
        ("h%00", "percent-escapes"),
        ("http://h%41", "percent-escapes"),
        ("http://h:", "not a number from 1 to 65535"),
        ("http://h:0", "not a number from 1 to 65535"),
        ("http://h:65536", "not a number from 1 to 65535"),
        (
            "http://h:99999999999999999999",
            "not a number from 1 to 65535",
        ),
        ("http://h:+80", "not a number from 1 to 65535"),
        ("http://h:080808", "not a number from 1 to 65535"),
        ("http://[::1]x", "follows the IPv6 literal"),
        ("http://[::1]:", "not a number from 1 to 65535"),
        ("http://[zz::1]", "not an IPv6 address"),
        ("http://[::1::2]", "not an IPv6 address"),
        ("http://[fe80::1%25eth0]", "not an IPv6 address"),
        ("http://[v1.x]", "not an IPv6 address"),
        ("http://::1", "more than one ':'"),
        ("http://h]", "outside an IPv6 literal"),
        ("http://a[b]", "outside an IPv6 literal"),
        ("http://user@host", "user info"),
        ("http://u:p@h:1", "user info"),
        ("http://h?x=1", "query, fragment"),
        ("http://h#frag", "query, fragment"),
        ("http://h/p#frag", "query, fragment"),
        ("http://h\\x", "which a host name cannot have"),
        ("http://h!", "which a host name cannot have"),
        ("http://bücher.example", "punycode"),
        ("http://a..b", "empty label"),
        ("http://.a", "empty label"),
        ("http://a.b..", "empty label"),
        ("http://999.1.1.1", "not an IPv4 address"),
        ("http://1.2.3", "not an IPv4 address"),
        ("https://h/a/../b", "'..' segment"),
        ("https://h/%2E%2e/b", "'..' segment"),
        ("https://h/a/./b", "'.' or '..' segment"),
        ("https://h/a%zz", "two hex digits"),
        ("https://h/a%4", "two hex digits"),
        ("https://h/a\"b", "cannot have unescaped"),
        ("https://h/ä", "cannot have unescaped"),
        ("ftp://h", "must be http or https"),
    ];
    for (url, why) in cases {
        match Endpoint::parse(url) {
            Err(Error::InvalidInput {
                field: "endpoint",
                reason,
            }) => assert!(reason.contains(why), "{url:?}: {reason:?} lacks {why:?}"),
            other => panic!("{url:?}: {other:?}"),
        }
    }
    let long_label = format!("http://{}.example", "a".repeat(64));
    assert!(Endpoint::parse(&long_label).is_err());
    let long_name = format!("http://{}", vec!["a".repeat(60); 5].join("."));
    assert!(Endpoint::parse(&long_name).is_err());
    // Well-formed ones parse, and parse back to themselves.
    for good in [
        "h",
        "h:1",
        "h:65535",
        "HTTP://Example.COM:8443/Gate_way/v1",
        "http://127.0.0.1:18080/gateway/",
        "http://[::1]",
        "http://[::1]:8080/x/",
        "http://[2001:db8::ffff:1.2.3.4]:443",
        "https://my_host.internal.",
        "https://a-b.c-d.example/p%2Fq/~x/!$&'()*+,;=:@",
        "  https://cph.cn-north-4.myhuaweicloud.com  ",
        &format!("http://{}.example", "a".repeat(63)),
    ] {
        let e = Endpoint::parse(good).unwrap_or_else(|e| panic!("{good:?}: {e}"));
        assert_eq!(Endpoint::parse(e.as_str()).unwrap(), e, "{good:?}");
    }
}

/// Issue 12, item 7: errors quote at most a capped prefix of an input: a
/// 10 MB region was echoed whole in the error.
#[test]
fn echoed_inputs_are_capped() {
    let huge = "x".repeat(10 << 20);
    let e = huawei::cph_endpoint(&huge).unwrap_err();
    let text = e.to_string();
    assert_eq!(field(e), "region");
    assert!(text.len() < 200, "{} bytes", text.len());
    assert!(
        text.contains("10485760 bytes") && text.contains("64"),
        "{text}"
    );
    // Just over the cap: the length alone; under it: a quote, cut.
    let e = huawei::cph_endpoint(&"y".repeat(65))
        .unwrap_err()
        .to_string();
    assert!(e.contains("65 bytes") && !e.contains("yyy"), "{e}");
    let e = huawei::cph_endpoint("mars-1").unwrap_err().to_string();
    assert!(e.contains("\"mars-1\""), "{e}");
    for url in [
        format!("http://{}:{}", "h", "9".repeat(1000)),
        format!("http://[{}", ":".repeat(1000)),
        format!("http://[{}]", "z".repeat(1000)),
        format!("{}://h", "s".repeat(1000)),
        format!("http://a..{}", "b".repeat(200)),
    ] {
        let text = Endpoint::parse(&url).unwrap_err().to_string();
        assert!(text.len() < 300, "{} bytes: {text}", text.len());
        assert!(text.contains("… (") && text.contains(" bytes)"), "{text}");
    }
    let text = Endpoint::parse(&format!("http://h/{}", "p".repeat(3000)))
        .unwrap_err()
        .to_string();
    assert!(text.contains("more than the 2048 allowed"), "{text}");
    // A 1 MiB string where a response wants a number is not echoed whole,
    // neither by this crate's messages nor by serde_json's.
    let huge = "7".repeat(1 << 20) + "x";
    let bodies = [
        format!(r#"{{"code":"{huge}","msg":""}}"#),
        format!(r#"{{"code":0,"msg":"","data":{{"total":"{huge}","items":[]}}}}"#),
    ];
    let op = geelark::ListPhones::new().page(1, 10).unwrap();
    for body in bodies {
        match op.parse(&Response::new(200, body.into_bytes())) {
            Err(e) => {
                let text = e.to_string();
                assert!(text.len() < 600, "{} bytes: {text:.600}", text.len());
                assert_eq!(e.kind(), ErrorKind::Decode, "{text}");
            }
            Ok(_) => panic!("a 1 MiB string was read as a number"),
        }
    }
}

/// Issue 12, item 7: 10 MB credentials, tokens, names and filter values were
/// accepted. Each is refused naming its field and cap; a secret's value is
/// never quoted, whatever its size.
#[test]
fn oversized_inputs_are_refused_naming_the_field_and_cap() {
    let marker = "SECRETMARKER";
    let huge = marker.repeat((10 << 20) / marker.len());
    let ep = || Endpoint::parse("https://h.example").unwrap();
    let hw = |auth| huawei::Config::new(ep(), PROJECT, auth).map(drop);
    let gl = |auth| geelark::Config::new(ep(), auth).map(drop);
    let scope = || ProjectScope::Name("cn-north-4".into());
    let cases: Vec<(&str, cloudphone::Result<()>)> = vec![
        ("access_key", hw(huawei::Auth::aksk(&*huge, SK))),
        ("secret_key", hw(huawei::Auth::aksk(AK, &*huge))),
        (
            "security_token",
            hw(huawei::Auth::temporary(AK, SK, &*huge)),
        ),
        ("token", hw(huawei::Auth::token(&*huge))),
        ("app_id", gl(geelark::Auth::key(&*huge, "k"))),
        ("api_key", gl(geelark::Auth::key("a", &*huge))),
        ("token", gl(geelark::Auth::token(&*huge))),
        (
            "user_name",
            CreateToken::password(&*huge, "pw", "d", scope()).map(drop),
        ),
        (
            "password",
            CreateToken::password("u", &*huge, "d", scope()).map(drop),
        ),
        (
            "domain_name",
            CreateToken::password("u", "pw", &*huge, scope()).map(drop),
        ),
        (
            "scope",
            CreateToken::password("u", "pw", "d", ProjectScope::Id(huge.clone())).map(drop),
        ),
        (
            "filter",
            huawei::phones::ListPhones::new().name(&*huge).map(drop),
        ),
        (
            "filter",
            huawei::servers::ListServers::new()
                .filter("server_name", &*huge)
                .map(drop),
        ),
        ("endpoint", Endpoint::parse(&huge).map(drop)),
        ("region", huawei::cph_endpoint(&huge).map(drop)),
        (
            "proxy_information",
            geelark::NewPhone::with_proxy_url("a", &*huge).map(drop),
        ),
    ];
    for (want, result) in cases {
        let e = result.expect_err(want);
        let text = e.to_string();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{want}");
        assert!(
            !text.contains(marker),
            "{want}: the value is echoed: {text:.200}"
        );
        assert!(text.contains("more than the"), "{want}: {text}");
        assert_eq!(field(e), want);
    }
    // Setters that cannot fail are checked when the request is built.
    let cfg = geelark::Config::global(geelark::Auth::key("APP", "KEY")).unwrap();
    let ctx = Context::new(&cfg, 1_700_000_000_000, "0123456789ABCDEF0123456789ABCDEF");
    let list = geelark::ListPhones::new()
        .page(1, 10)
        .unwrap()
        .remark(&*huge);
    assert_eq!(field(list.build(&ctx).unwrap_err()), "remark");
    let phone = geelark::NewPhone::with_saved_proxy("a", 1)
        .unwrap()
        .note(&*huge);
    let create = geelark::CreatePhones::new("Android 13", vec![phone]).unwrap();
    assert_eq!(field(create.build(&ctx).unwrap_err()), "profile_note");
    // The longest values allowed are accepted.
    let t = "t".repeat(cloudphone::limits::MAX_TOKEN_LEN);
    assert!(huawei::Config::new(ep(), PROJECT, huawei::Auth::token(t)).is_ok());
}
