//! Ids from a file or a pipe: before clap reads the command line, an
//! argument `-` is replaced by the words read from standard input, and an
//! argument `@path` by the words of that file (a line starting with `#` is
//! a comment). Every verb that takes ids takes them this way:
//! `cloudphone geelark stop @ids.txt`,
//! `cloudphone huawei list --json | jq -r '.phones[].phone_id' | cloudphone huawei connect -`.
//!
//! Not expanded: anything after `--`, and the words of a `shell` command
//! (they are the command to run). Standard input is read once; a second `-`
//! is refused. Both sources are bounded ([`MAX_BYTES`], [`MAX_WORDS`]).

use std::ffi::OsString;
use std::io::Read;

/// Most bytes read from one file or from standard input.
pub const MAX_BYTES: u64 = 64 << 20;
/// Most words one source may give.
pub const MAX_WORDS: usize = 1_000_000;

/// The words of `text`: split on whitespace, `#` comment lines skipped.
fn words(text: &str, what: &str) -> Result<Vec<OsString>, String> {
    let out: Vec<OsString> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(OsString::from)
        .collect();
    if out.len() > MAX_WORDS {
        return Err(format!("{what}: more than {MAX_WORDS} words"));
    }
    Ok(out)
}

fn read_bounded(mut r: impl Read, what: &str) -> Result<String, String> {
    let mut buf = String::new();
    r.by_ref()
        .take(MAX_BYTES + 1)
        .read_to_string(&mut buf)
        .map_err(|e| format!("reading {what}: {e}"))?;
    if buf.len() as u64 > MAX_BYTES {
        return Err(format!("{what}: more than {MAX_BYTES} bytes"));
    }
    Ok(buf)
}

/// The command line with `-` and `@path` expanded (see the module).
pub fn expand(
    args: impl IntoIterator<Item = OsString>,
    stdin: impl Read,
) -> Result<Vec<OsString>, String> {
    let mut stdin = Some(stdin);
    let mut out = Vec::new();
    let mut literal = false;
    for (i, arg) in args.into_iter().enumerate() {
        if i == 0 || literal {
            out.push(arg);
            continue;
        }
        match arg.to_str() {
            Some("--") | Some("shell") => {
                literal = true;
                out.push(arg);
            }
            Some("-") => {
                let r = stdin
                    .take()
                    .ok_or_else(|| "`-` (standard input) given twice".to_owned())?;
                let text = read_bounded(r, "standard input")?;
                out.extend(words(&text, "standard input")?);
            }
            Some(a) if a.len() > 1 && a.starts_with('@') => {
                let path = &a[1..];
                let f = std::fs::File::open(path).map_err(|e| format!("reading {path}: {e}"))?;
                let text = read_bounded(f, path)?;
                out.extend(words(&text, path)?);
            }
            _ => out.push(arg),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn dash_and_at_files_expand_into_words() {
        let dir = std::env::temp_dir().join(format!("cloudphone-args-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("ids.txt");
        std::fs::write(&f, "# phones\n1 2\n\n3\n").unwrap();
        let at = format!("@{}", f.display());
        let got = expand(os(&["cp", "stop", &at, "-", "4"]), "5\n6".as_bytes()).unwrap();
        assert_eq!(got, os(&["cp", "stop", "1", "2", "3", "5", "6", "4"]));
        let twice = expand(os(&["cp", "-", "-"]), "".as_bytes()).unwrap_err();
        assert!(twice.contains("twice"), "{twice}");
        let missing = expand(os(&["cp", "@/nonexistent/ids"]), "".as_bytes()).unwrap_err();
        assert!(missing.contains("/nonexistent/ids"), "{missing}");
        // A shell command's words and anything after `--` stay as given.
        let kept = expand(
            os(&["cp", "geelark", "shell", "1", "echo", "-", "@x"]),
            "9".as_bytes(),
        );
        assert_eq!(
            kept.unwrap(),
            os(&["cp", "geelark", "shell", "1", "echo", "-", "@x"])
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn sources_are_bounded() {
        let big = "1 ".repeat(MAX_WORDS + 1);
        let e = expand(os(&["cp", "-"]), big.as_bytes()).unwrap_err();
        assert!(e.contains("words"), "{e}");
    }
}
