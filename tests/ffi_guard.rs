//! Every C export runs its whole body inside the panic guard: a scan of
//! `bindings/ffi/src/` checks that each `pub unsafe extern "C" fn` calls `guard(` or
//! `guard_or(` (directly, or by delegating its whole body to a private helper
//! that does) and that nothing unsafe happens before it. (The guard itself is
//! tested with a real panic in `bindings/ffi/src/guard.rs`.)

/// (name, body) of every function in `text` whose signature line starts
/// with `prefix` and whose body ends at a `}` in column 0.
fn functions(text: &str, prefix: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(rest) = lines[i].strip_prefix(prefix) {
            let name = rest.split(['(', '<']).next().unwrap().to_owned();
            let mut j = i;
            while !lines[j].trim_end().ends_with('{') {
                j += 1;
            }
            let mut end = j + 1;
            while end < lines.len() && lines[end] != "}" {
                end += 1;
            }
            out.push((name, lines[j + 1..end.min(lines.len())].join("\n")));
            i = end;
        }
        i += 1;
    }
    out
}

fn guard_position(body: &str) -> Option<usize> {
    ["guard(", "guard_or("]
        .iter()
        .filter_map(|g| body.find(g))
        .min()
}

#[test]
fn every_export_body_runs_inside_the_guard() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/bindings/ffi/src"));
    let texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    // Private helpers whose bodies run inside the guard.
    let helpers: Vec<String> = texts
        .iter()
        .flat_map(|t| {
            functions(t, "fn ")
                .into_iter()
                .chain(functions(t, "unsafe fn "))
        })
        .filter(|(_, body)| guard_position(body).is_some_and(|at| !body[..at].contains("unsafe")))
        .map(|(name, _)| name)
        .collect();
    let mut checked = 0;
    let mut bad = Vec::new();
    for text in &texts {
        for (name, body) in functions(text, "pub unsafe extern \"C\" fn ") {
            checked += 1;
            // The whole body is one call of such a helper, either bare or as
            // the only statement of an `unsafe {}` block (the helper is an
            // `unsafe fn`; evaluating its arguments — pointers and a
            // closure — does nothing unsafe).
            let call = body
                .lines()
                .map(str::trim)
                .filter(|l| !l.starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let call = call.strip_prefix("unsafe {").unwrap_or(&call).trim_start();
            let delegated = helpers.iter().any(|h| call.starts_with(&format!("{h}(")));
            match guard_position(&body) {
                _ if delegated => {}
                None => bad.push(format!("{name}: no guard")),
                Some(at) if body[..at].contains("unsafe") => {
                    bad.push(format!("{name}: unsafe code before the guard"))
                }
                Some(_) => {}
            }
        }
    }
    assert!(checked > 100, "found only {checked} exports");
    assert!(bad.is_empty(), "exports outside the guard: {bad:#?}");
}
