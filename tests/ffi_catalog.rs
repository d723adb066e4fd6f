//! Every operation of the core has its C functions in `include/cloudphone.h`,
//! so a new operation without C coverage fails the build.
//!
//! The naming rule: an operation named `provider.op` (its
//! `Operation::NAME`, dots replaced by `_`) is reached from C through
//!
//! - `cloudphone_<provider>_<op>_build` — builds its request;
//! - `cloudphone_<provider>_<op>_parse` — parses the response;
//! - `cloudphone_<provider>_<op>_next` — when the operation is a `Pager`,
//!   builds the next page's request (or says the listing is done).
//!
//! e.g. `geelark.phone_start` → `cloudphone_geelark_start_phones_build`,
//! `huawei.iam.create_token` → `cloudphone_huawei_iam_create_token_build`.
//! Each of these is declared in the header with its documentation, and the
//! header declares no `_build` for an operation the core does not have.

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

/// Every operation in `src/` (outside the C ABI itself): its name and
/// whether it pages.
fn operations() -> BTreeMap<String, bool> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut ops = BTreeMap::new();
    for file in files {
        if file.starts_with(root().join("src/ffi")) {
            continue;
        }
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
            let pages = text.contains(&format!("impl Pager for {ty} "));
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

#[test]
fn the_scan_finds_the_operations() {
    let ops = operations();
    assert!(
        ops.len() >= 30,
        "only {} operations found: {ops:?}",
        ops.len()
    );
    assert_eq!(ops.get("huawei.list_phones"), Some(&true));
    assert_eq!(ops.get("geelark.phone_start"), Some(&false));
    assert_eq!(ops.get("huawei.iam.create_token"), Some(&false));
}

#[test]
fn every_operation_has_documented_c_functions() {
    let decls = declarations();
    let mut missing = Vec::new();
    for (op, pages) in operations() {
        let mut wanted = vec![c_name(&op, "build"), c_name(&op, "parse")];
        if pages {
            wanted.push(c_name(&op, "next"));
        }
        for f in wanted {
            match decls.get(&f) {
                None => missing.push(format!("{f} (for {op})")),
                Some(false) => missing.push(format!("{f} (for {op}) has no documentation")),
                Some(true) => {}
            }
        }
    }
    assert!(
        missing.is_empty(),
        "operations without their C functions in include/cloudphone.h \
         (add them in src/ffi, see src/ffi/mod.rs, then regenerate the header):\n  {}",
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
