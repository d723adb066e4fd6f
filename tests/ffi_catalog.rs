//! Every operation of the core reaches C, and costs C exactly one function.
//!
//! The naming rule: an operation named `provider.op` (its `Operation::NAME`,
//! dots replaced by `_`) has `cloudphone_<provider>_<op>_build`, which builds
//! its request from typed C arguments. Everything after the build is
//! generic: `cloudphone_request_parse` parses the answer of any request into
//! the one `cloudphone_result`, `cloudphone_request_next` pages any listing,
//! the clients' `_call` sends any request. So the header declares no
//! per-operation `_parse` or `_next`, every `_build` is documented and
//! belongs to an operation, and the C tests (`tests/c/*.c`) build every
//! operation and parse through the generic function, paging every listing
//! through the generic next.
//!
//! e.g. `geelark.start_phones` → `cloudphone_geelark_start_phones_build`,
//! `huawei.iam.create_token` → `cloudphone_huawei_iam_create_token_build`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text after `prefix` up to the first character that cannot be in a
/// Rust identifier.
fn ident_after<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(prefix)?;
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|s| !s.is_empty())
}

/// Every operation in the core (`src/`): its name and whether it pages.
fn operations() -> BTreeMap<String, bool> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut ops = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // The type whose `impl Operation` block we are in, by line.
        let mut current: Option<&str> = None;
        for line in text.lines() {
            let t = line.trim();
            if let Some(ty) = ident_after(t, "impl Operation for ") {
                current = Some(ty);
            }
            let Some(rest) = t.strip_prefix("const NAME: &'static str = \"") else {
                continue;
            };
            let name = rest.split('"').next().unwrap().to_owned();
            let ty = current.unwrap_or_else(|| {
                panic!(
                    "{}: `const NAME` {name:?} outside an `impl Operation`",
                    file.display()
                )
            });
            let pages = text.contains(&format!("impl Pager for {ty} "))
                || text.contains(&format!("page_number_pager!({ty},"));
            assert!(
                ops.insert(name.clone(), pages).is_none(),
                "operation {name:?} is declared twice"
            );
        }
    }
    ops
}

fn c_name(op: &str, suffix: &str) -> String {
    format!("cloudphone_{}_{suffix}", op.replace('.', "_"))
}

/// The header's function declarations: name → whether a doc comment comes
/// right before.
fn declarations() -> BTreeMap<String, bool> {
    let header = std::fs::read_to_string(root().join("include/cloudphone.h")).unwrap();
    let lines: Vec<&str> = header.lines().collect();
    let mut out = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("cloudphone_status ") else {
            continue;
        };
        let Some(name) = ident_after(rest, "") else {
            continue;
        };
        if !rest[name.len()..].starts_with('(') {
            continue;
        }
        let documented = i > 0 && lines[i - 1].trim_start().starts_with("//");
        out.insert(name.to_owned(), documented);
    }
    out
}

/// The C test programs, joined, and the one among them per file.
fn c_tests() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/c")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "c") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path, text));
        }
    }
    out
}

#[test]
fn the_scan_finds_the_operations() {
    let ops = operations();
    assert!(
        ops.len() >= 30,
        "only {} operations found: {ops:?}",
        ops.len()
    );
    assert_eq!(ops.get("huawei.list_phones"), Some(&true));
    assert_eq!(ops.get("geelark.start_phones"), Some(&false));
    assert_eq!(ops.get("huawei.iam.create_token"), Some(&false));
}

#[test]
fn every_operation_has_a_documented_c_build() {
    let decls = declarations();
    let mut missing = Vec::new();
    for op in operations().into_keys() {
        let f = c_name(&op, "build");
        match decls.get(&f) {
            None => missing.push(format!("{f} (for {op})")),
            Some(false) => missing.push(format!("{f} (for {op}) has no documentation")),
            Some(true) => {}
        }
    }
    assert!(
        missing.is_empty(),
        "operations without their C build in include/cloudphone.h \
         (add it in bindings/ffi/src, see docs/c-abi.md, then regenerate the header):\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn no_operation_has_its_own_parse_or_next() {
    let per_op: Vec<String> = declarations()
        .into_keys()
        .filter(|f| {
            (f.ends_with("_parse") || f.ends_with("_next")) && !f.starts_with("cloudphone_request_")
        })
        .collect();
    assert!(
        per_op.is_empty(),
        "per-operation parse/next functions (use the generic cloudphone_request_parse / _next): {per_op:?}"
    );
    let decls = declarations();
    assert!(decls.contains_key("cloudphone_request_parse"));
    assert!(decls.contains_key("cloudphone_request_next"));
}

#[test]
fn the_c_tests_run_every_operation_through_the_generic_path() {
    let tests = c_tests();
    let mut missing = Vec::new();
    for (op, pages) in operations() {
        let build = c_name(&op, "build");
        let users: Vec<&(PathBuf, String)> = tests
            .iter()
            .filter(|(_, t)| t.contains(&format!("{build}(")))
            .collect();
        if users.is_empty() {
            missing.push(format!("{op}: no C test calls {build}"));
            continue;
        }
        if !users
            .iter()
            .any(|(_, t)| t.contains("cloudphone_request_parse("))
        {
            missing.push(format!(
                "{op}: the C tests calling {build} never call cloudphone_request_parse"
            ));
        }
        if pages
            && !users
                .iter()
                .any(|(_, t)| t.contains("cloudphone_request_next("))
        {
            missing.push(format!(
                "{op} pages, but the C tests calling {build} never call cloudphone_request_next"
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "C test coverage of the generic path:\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn every_c_build_function_is_an_operation() {
    let ops = operations();
    let known: Vec<String> = ops.keys().map(|op| c_name(op, "build")).collect();
    let stray: Vec<String> = declarations()
        .into_keys()
        .filter(|f| f.ends_with("_build") && !known.contains(f))
        .collect();
    assert!(
        stray.is_empty(),
        "C build functions that match no operation's name: {stray:?}"
    );
}
