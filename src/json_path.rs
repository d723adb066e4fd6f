//! Names the place in a JSON document where a failed decode stopped, from
//! the position `serde_json` reports — without decoding the body again.
//!
//! Why this exists: decode errors name the failing field
//! (`connect_infos[0].access_info.access_port`). `serde_path_to_error` did
//! that by decoding the body a second time through a tracking deserializer,
//! which instantiates every `Deserialize` impl of the crate a second time
//! (about 500 KiB of `.text` in the release C library). `serde_json` tells
//! where it stopped (line and column of the byte just after the last one it
//! consumed); this module turns that position back into a path by scanning
//! the text up to it with a small tokenizer that keeps a stack of object keys
//! and array indices. It is not generic, runs only after a decode failed, and
//! renders paths the way `serde_path_to_error` did: keys (unescaped) joined
//! by `.`, indices as `[i]`, the root as `.`.
//!
//! Where the path comes from, given where `serde_json` stopped:
//!
//! - right after a value (a scalar it rejected, a custom check in a visitor,
//!   an object whose `missing field` it noticed at the closing `}`): that
//!   value;
//! - at a `{` or `[` it refused without entering (an object where a string
//!   was expected): the member or element that starts there;
//! - after a key, or after a `:`: that member;
//! - inside a container where nothing has ended yet (a visitor that rejected
//!   a whole non-empty array or object): the container;
//! - right after a closing bracket, for a *custom* error that quotes the
//!   text of the container's last value: that last value. `serde_json` can
//!   only place an error raised after its value was read (a range check in a
//!   `deserialize_with` function) at the end of the enclosing container's
//!   decode, and only when the value was the container's last does that
//!   position stop naming it;
//! - in an array right after a comma, for such an error: the element before
//!   the comma (the array's decode reads past the comma before giving up).
//!
//! Syntax errors get the innermost sensible place. Any bytes (not UTF-8,
//! truncated, nonsense) give some path; nothing here can panic.

use std::fmt::Write as _;

/// `serde_json`'s recursion limit: no value it decodes into a type is nested
/// deeper, so text nested deeper is inside a value it was skipping (an
/// unknown field, a raw value), which is named by its first segment alone.
const MAX_DEPTH: usize = 128;

/// The path of the value the decode error `err` of `body` is about, `.` for
/// the document itself or when `err` has no position.
pub(crate) fn error_path(body: &[u8], err: &serde_json::Error) -> String {
    if err.line() == 0 {
        return ".".to_owned();
    }
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let text = text.strip_suffix(suffix.as_str()).unwrap_or(&text);
    let mut offset = byte_offset(body, err.line(), err.column());
    if text == "recursion limit exceeded" {
        // Reported one byte past the bracket it refused to enter.
        offset = offset.saturating_sub(1);
    }
    let message = match err.classify() {
        serde_json::error::Category::Data => Some(text),
        _ => None,
    };
    path_at(body, offset, message)
}

/// The byte offset of 1-based `line` and `column` (bytes since the line's
/// start, so 0 is the line's first byte), clamped to the body.
fn byte_offset(body: &[u8], line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        let newline = body
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .nth(line - 2);
        match newline {
            Some((i, _)) => i + 1,
            None => return body.len(),
        }
    };
    start.saturating_add(column).min(body.len())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Root,
    Object,
    Array,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Expecting a value: the root before it, an array after `,`, an object
    /// after `:`.
    Value,
    /// An array right after `[`: a value or `]`.
    FirstValue,
    /// An object right after `{`: a key or `}`.
    FirstKey,
    /// An object after `,`: a key.
    Key,
    /// An object after a key: `:`.
    Colon,
    /// The current child value has ended: `,` or the closing bracket.
    After,
}

/// One open container (or the document root) and its current child.
#[derive(Clone, Copy, Debug)]
struct Frame {
    kind: Kind,
    state: State,
    /// The current member's key, as raw text between the quotes.
    key: (usize, usize),
    /// The current element's index.
    index: usize,
    /// Where the current child value starts and (once `After`) ends.
    start: usize,
    end: usize,
}

impl Frame {
    fn new(kind: Kind, state: State) -> Self {
        Frame {
            kind,
            state,
            key: (0, 0),
            index: 0,
            start: 0,
            end: 0,
        }
    }

    fn expects_value(&self) -> bool {
        matches!(self.state, State::Value | State::FirstValue)
    }
}

/// What the path ends with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Name {
    /// The innermost open container.
    Container,
    /// Its current child (value, member being read, element being read).
    Child,
    /// The array element before the last comma read.
    Previous,
}

/// Why the scan stopped short of (or at) the offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    /// Everything before the offset was read as whole tokens.
    AtOffset,
    /// A value token crosses the offset or is not valid JSON (a string
    /// `serde_json` was reading when it failed, a bad literal, a stray byte).
    InValue,
    /// Punctuation that does not fit where it stands (`[1,]`, `{"a" 1}`).
    Misplaced,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// The path of the value a decoder that stopped at byte `offset` of `body`
/// was working on; `message` is the error's text (without position) when it
/// is a data error, used only to recognise a custom error about the last
/// value of a container.
pub(crate) fn path_at(body: &[u8], offset: usize, message: Option<&str>) -> String {
    let offset = offset.min(body.len());
    let mut frames = vec![Frame::new(Kind::Root, State::Value)];
    // The container whose closing bracket was the last token read.
    let mut just_closed: Option<Frame> = None;
    let mut pos = 0;
    let stop = loop {
        while pos < offset && matches!(body.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            pos += 1;
        }
        let (Some(&c), true) = (body.get(pos), pos < offset) else {
            break Stop::AtOffset;
        };
        let depth = frames.len();
        let Some(top) = frames.last_mut() else {
            break Stop::Misplaced;
        };
        let end = match c {
            b'"' => string_end(body, pos),
            b'{' | b'}' | b'[' | b']' | b':' | b',' => Some(pos + 1),
            b'-' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => Some(scalar_end(body, pos)),
            _ => None,
        };
        let end = match end {
            Some(end) if end <= offset => end,
            _ => break Stop::InValue,
        };
        just_closed = None;
        match c {
            b'{' | b'[' => {
                if !top.expects_value() {
                    break Stop::Misplaced;
                }
                if depth > MAX_DEPTH {
                    break Stop::TooDeep;
                }
                top.start = pos;
                frames.push(if c == b'{' {
                    Frame::new(Kind::Object, State::FirstKey)
                } else {
                    Frame::new(Kind::Array, State::FirstValue)
                });
            }
            b'}' | b']' => {
                let closes = matches!(
                    (c, top.kind, top.state),
                    (b'}', Kind::Object, State::FirstKey | State::After)
                        | (b']', Kind::Array, State::FirstValue | State::After)
                );
                if !closes {
                    break Stop::Misplaced;
                }
                just_closed = frames.pop();
                let Some(parent) = frames.last_mut() else {
                    break Stop::Misplaced;
                };
                parent.state = State::After;
                parent.end = end;
            }
            b':' => {
                if top.state != State::Colon {
                    break Stop::Misplaced;
                }
                top.state = State::Value;
            }
            b',' => match (top.kind, top.state) {
                (Kind::Object, State::After) => top.state = State::Key,
                (Kind::Array, State::After) => {
                    top.index += 1;
                    top.state = State::Value;
                }
                _ => break Stop::Misplaced,
            },
            b'"' if top.kind == Kind::Object
                && matches!(top.state, State::FirstKey | State::Key) =>
            {
                top.key = (pos + 1, end - 1);
                top.state = State::Colon;
            }
            _ => {
                let literal = body.get(pos..end).unwrap_or_default();
                let valid = c == b'"'
                    || c == b'-'
                    || c.is_ascii_digit()
                    || matches!(literal, b"true" | b"false" | b"null");
                if !top.expects_value() {
                    break Stop::Misplaced;
                }
                if !valid {
                    break Stop::InValue;
                }
                top.start = pos;
                top.end = end;
                top.state = State::After;
            }
        }
        pos = end;
    };

    let mut path = String::new();
    if stop == Stop::TooDeep {
        if let Some(first) = frames.get(1) {
            push_segment(&mut path, body, first);
        }
        return if path.is_empty() {
            ".".to_owned()
        } else {
            path
        };
    }
    let Some((top, outer)) = frames.split_last() else {
        return ".".to_owned();
    };
    for frame in outer {
        push_segment(&mut path, body, frame);
    }
    // Whether the path names the top container, its current child, or (in
    // an array after a comma) the element before the comma.
    let name = match top.state {
        State::After if stop == Stop::AtOffset => Name::Child,
        State::After => Name::Container,
        State::Colon => Name::Child,
        State::Value if top.kind != Kind::Array => Name::Child,
        // After a comma in an array: a container serde_json refused without
        // entering it, or an error raised after the element before the comma
        // was read (serde_json only places it after it has read past the
        // comma, at the end of the array's decode).
        State::Value => match stop {
            Stop::InValue => Name::Child,
            Stop::AtOffset => match (body.get(offset), message) {
                (Some(b'{'), Some(m)) if m.starts_with("invalid type: map") => Name::Child,
                (Some(b'['), Some(m)) if m.starts_with("invalid type: sequence") => Name::Child,
                (_, Some(_)) => Name::Previous,
                (Some(b'{' | b'['), None) => Name::Child,
                (_, None) => Name::Container,
            },
            Stop::Misplaced | Stop::TooDeep => Name::Container,
        },
        // Right after `[`, a refused first element and an array refused as a
        // whole by a visitor (an id that must be a string or a number) stop
        // at the same byte. serde_json's message settles it for an object
        // (`invalid type: map` is about the element); for an array it cannot,
        // and the array is named: an ancestor of the failing value either way.
        State::FirstValue => match stop {
            Stop::InValue => Name::Child,
            Stop::AtOffset => match (body.get(offset), message) {
                // Syntax errors (nesting too deep to enter) are about the element.
                (Some(b'{' | b'['), None) => Name::Child,
                (Some(b'{'), Some(m)) if m.starts_with("invalid type: map") => Name::Child,
                _ => Name::Container,
            },
            Stop::Misplaced | Stop::TooDeep => Name::Container,
        },
        State::FirstKey | State::Key => Name::Container,
    };
    match name {
        Name::Container => {}
        Name::Previous => {
            let previous = Frame {
                index: top.index.saturating_sub(1),
                ..*top
            };
            push_segment(&mut path, body, &previous);
        }
        Name::Child => {
            push_segment(&mut path, body, top);
            if let (Some(closed), Some(message)) = (just_closed, message) {
                let last = body.get(closed.start..closed.end).unwrap_or_default();
                if closed.state == State::After
                    && stop == Stop::AtOffset
                    && about_last_value(message, last)
                {
                    push_segment(&mut path, body, &closed);
                }
            }
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// Appends the segment of `frame`'s current child (nothing for the root).
fn push_segment(path: &mut String, body: &[u8], frame: &Frame) {
    match frame.kind {
        Kind::Root => {}
        Kind::Array => {
            let _ = write!(path, "[{}]", frame.index);
        }
        Kind::Object => {
            if !path.is_empty() {
                path.push('.');
            }
            let (start, end) = frame.key;
            let at = path.len();
            unescape_into(path, body.get(start..end).unwrap_or_default());
            // A key of any length may come back (an unknown field's, for an
            // error inside the value it was skipping): cut like every other
            // echoed value, so a 16 MiB key is not quoted whole.
            let max = crate::limits::MAX_ECHO_LEN;
            if path.len() - at > max {
                let kept = crate::limits::prefix(&path[at..], max).len();
                path.truncate(at + kept);
                path.push('…');
            }
        }
    }
}

/// The index just past the string starting with the quote at `start`, or
/// `None` when it is not closed.
fn string_end(body: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while let Some(&b) = body.get(i) {
        match b {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    None
}

/// The index just past a number or literal starting at `start` (all the
/// bytes that could continue one, so `12x` or `nul` read as one bad token).
fn scalar_end(body: &[u8], start: usize) -> usize {
    let len = body
        .iter()
        .skip(start)
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        .count();
    start + len.max(1)
}

/// Appends the JSON string text `raw` (without its quotes) unescaped.
/// Invalid escapes, lone surrogates and bytes that are not UTF-8 become
/// U+FFFD; `serde_json` rejects such keys anyway.
fn unescape_into(out: &mut String, raw: &[u8]) {
    let mut bytes = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        i += 1;
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        let Some(&e) = raw.get(i) else {
            bytes.extend_from_slice("\u{fffd}".as_bytes());
            break;
        };
        i += 1;
        let c = match e {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = hex4(raw, i);
                i += 4;
                match hi {
                    Some(hi @ 0xD800..=0xDBFF) => {
                        let lo = match (raw.get(i), raw.get(i + 1)) {
                            (Some(b'\\'), Some(b'u')) => hex4(raw, i + 2),
                            _ => None,
                        };
                        match lo {
                            Some(lo @ 0xDC00..=0xDFFF) => {
                                i += 6;
                                let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                char::from_u32(cp).unwrap_or('\u{fffd}')
                            }
                            _ => '\u{fffd}',
                        }
                    }
                    Some(cp) => char::from_u32(cp).unwrap_or('\u{fffd}'),
                    None => '\u{fffd}',
                }
            }
            _ => '\u{fffd}',
        };
        let mut buf = [0; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    out.push_str(&String::from_utf8_lossy(&bytes));
}

/// The four hex digits at `at` as a number.
fn hex4(raw: &[u8], at: usize) -> Option<u32> {
    let digits = raw.get(at..at.checked_add(4)?)?;
    let text = std::str::from_utf8(digits).ok()?;
    if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(text, 16).ok()
}

/// Whether an error `serde_json` placed right after a container's closing
/// bracket is about the container's last value (whose text is `last`)
/// rather than the container: a custom error that quotes the value. serde's
/// own messages there are about the container (`missing field`, `invalid
/// length`) or come from `#[serde(flatten)]` content buffered until the `}`,
/// where the container is what a tracking deserializer names too. (An
/// untagged enum's failure may be either the container's or its last
/// value's; the container, an ancestor either way, is named.)
fn about_last_value(message: &str, last: &[u8]) -> bool {
    const SERDE: [&str; 7] = [
        "invalid type: ",
        "invalid value: ",
        "invalid length ",
        "unknown variant ",
        "unknown field ",
        "missing field ",
        "duplicate field ",
    ];
    !SERDE.iter().any(|p| message.starts_with(p)) && quotes(message, last)
}

/// Whether `message` quotes the text of `raw` (its first 32 characters:
/// messages shorten long values).
fn quotes(message: &str, raw: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(raw) else {
        return false;
    };
    let text = text.trim();
    let cut = text.char_indices().nth(32).map_or(text.len(), |(i, _)| i);
    let quoted = text.get(..cut).unwrap_or_default();
    if quoted.is_empty() {
        return false;
    }
    // As a whole word: `0` is not quoted by "integer 70000 out of range".
    message.match_indices(quoted).any(|(i, _)| {
        let before = message[..i].chars().next_back();
        let after = message[i + quoted.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, offset: usize) -> String {
        path_at(text.as_bytes(), offset, None)
    }

    /// The offset just past the first occurrence of `marker`.
    fn after(text: &str, marker: &str) -> usize {
        text.find(marker).expect("marker") + marker.len()
    }

    /// The offset of the first occurrence of `marker`.
    fn before(text: &str, marker: &str) -> usize {
        text.find(marker).expect("marker")
    }

    #[test]
    fn value_that_just_ended() {
        let t = r#"{"a":1,"b":{"c":[true,"x"]}}"#;
        assert_eq!(at(t, after(t, "1")), "a");
        assert_eq!(at(t, after(t, "true")), "b.c[0]");
        assert_eq!(at(t, after(t, r#""x""#)), "b.c[1]");
        assert_eq!(at(t, after(t, "]")), "b.c");
        assert_eq!(at(t, after(t, "]}")), "b");
        assert_eq!(at(t, t.len()), ".");
    }

    #[test]
    fn whitespace_after_a_value_still_names_it() {
        let t = "{\"a\" : 1 \n , \"b\":2}";
        assert_eq!(at(t, before(t, ",")), "a");
    }

    #[test]
    fn refused_container_names_the_member_or_element() {
        let t = r#"{"a":1,"b": {"x":1},"c":[{}, [2]]}"#;
        assert_eq!(at(t, before(t, r#"{"x""#)), "b");
        assert_eq!(at(t, before(t, "{}")), "c[0]");
        assert_eq!(at(t, before(t, "[2]")), "c[1]");
    }

    #[test]
    fn refused_first_element_or_array_refused_as_a_whole() {
        let t = r#"{"a":[{"k":1}],"b":[[1]]}"#;
        let first = after(t, "[");
        let map = Some("invalid type: map, expected a string");
        let seq = Some("invalid type: sequence, expected a string or an integer");
        assert_eq!(path_at(t.as_bytes(), first, map), "a[0]");
        assert_eq!(path_at(t.as_bytes(), first, seq), "a");
        // Ambiguous for an array in an array: the outer one is named.
        let first = after(t, "[[");
        assert_eq!(path_at(t.as_bytes(), first - 1, seq), "b");
        // After a comma there is no ambiguity.
        let t = r#"["x",[1]]"#;
        assert_eq!(path_at(t.as_bytes(), 5, seq), "[1]");
        // Any other data error there was raised after the element before the
        // comma was read (the array's decode read past the comma).
        let t = r#"["x", 5]"#;
        let custom = Some("no variant matched");
        assert_eq!(path_at(t.as_bytes(), 6, custom), "[0]");
        assert_eq!(path_at(t.as_bytes(), 6, None), ".");
    }

    #[test]
    fn container_rejected_as_a_whole_names_the_container() {
        let t = r#"{"a":[1,2],"b":{"k":1}}"#;
        // A visitor that refuses a whole non-empty array or object: serde_json
        // stops after the opening bracket.
        assert_eq!(at(t, after(t, "[")), "a");
        assert_eq!(at(t, after(t, r#""b":{"#)), "b");
    }

    #[test]
    fn after_a_key_or_colon_names_the_member() {
        let t = r#"{"a":1,"bad":"#;
        assert_eq!(at(t, after(t, r#""bad""#)), "bad");
        assert_eq!(at(t, t.len()), "bad");
    }

    #[test]
    fn escaped_quotes_and_backslashes() {
        let t = r#"{"k\"ey\\":{"v":"a\"b\\","w":1}}"#;
        assert_eq!(at(t, after(t, r#""a\"b\\""#)), r#"k"ey\.v"#);
        assert_eq!(at(t, after(t, "1")), r#"k"ey\.w"#);
        // A string ending in an escaped backslash is closed by the next quote.
        let t = r#"["\\",5]"#;
        assert_eq!(at(t, after(t, "5")), "[1]");
    }

    #[test]
    fn long_keys_are_cut() {
        let key = "k".repeat(1 << 20);
        let body = format!(r#"{{"{key}":[1,}}"#);
        let err = serde_json::from_str::<serde_json::Value>(&body).unwrap_err();
        let path = error_path(body.as_bytes(), &err);
        assert_eq!(
            path,
            format!("{}…", "k".repeat(crate::limits::MAX_ECHO_LEN))
        );
        let key = "é".repeat(100);
        let body = format!(r#"{{"{key}":[1,}}"#);
        let err = serde_json::from_str::<serde_json::Value>(&body).unwrap_err();
        let path = error_path(body.as_bytes(), &err);
        assert!(path.len() <= crate::limits::MAX_ECHO_LEN + 3, "{path}");
        assert!(path.ends_with('…'), "{path}");
    }

    #[test]
    fn unicode_escapes_in_keys() {
        let t = r#"{"caf\u00e9":{"\ud83d\ude00":1,"\/n\n":2}}"#;
        assert_eq!(at(t, after(t, "1")), "café.😀");
        assert_eq!(at(t, after(t, "2")), "café./n\n");
        // A lone surrogate or short escape does not panic.
        let t = r#"{"\ud83d":1,"\u12":2}"#;
        assert_eq!(at(t, after(t, "1")), "\u{fffd}");
        assert_eq!(at(t, after(t, ":2")), "\u{fffd}");
        // Raw UTF-8 keys are kept as they are.
        let t = r#"{"名前":true}"#;
        assert_eq!(at(t, after(t, "true")), "名前");
    }

    #[test]
    fn nested_arrays() {
        let t = "[[1,[2,3]],[[4]]]";
        assert_eq!(at(t, after(t, "3")), "[0][1][1]");
        assert_eq!(at(t, after(t, "4")), "[1][0][0]");
        assert_eq!(at(t, after(t, "4]")), "[1][0]");
        assert_eq!(at(t, before(t, "[4")), "[1][0]");
        assert_eq!(at(t, after(t, "3]]")), "[0]");
    }

    #[test]
    fn empty_containers() {
        let t = r#"{"a":{},"b":[],"c":[{}],"":{}}"#;
        assert_eq!(at(t, after(t, "{}")), "a");
        assert_eq!(at(t, after(t, "[]")), "b");
        assert_eq!(at(t, after(t, "[{}")), "c[0]");
        assert_eq!(at(t, after(t, "[{}]")), "c");
        // The empty key renders as nothing, and an empty path as the root.
        assert_eq!(at(t, t.len() - 1), ".");
        assert_eq!(at("{}", 2), ".");
        assert_eq!(at("[]", 1), ".");
    }

    #[test]
    fn offset_zero_and_past_the_end() {
        assert_eq!(at(r#"{"a":1}"#, 0), ".");
        assert_eq!(at(r#"{"a":1}"#, 1000), ".");
        assert_eq!(at(r#"{"a":[1"#, 1000), "a[0]");
        assert_eq!(at("", 0), ".");
        assert_eq!(at("", 5), ".");
    }

    #[test]
    fn invalid_utf8_never_panics() {
        let bodies: [&[u8]; 5] = [
            b"\xff\xfe\x00\x80",
            b"{\"a\":\"\xff\xfe\"}",
            b"{\"\xc3\":1}",
            b"{\"k\xe2\x82\":[\xf0\x9f\x98]}",
            b"[\"\\u\xff\xff\xff\xff\"]",
        ];
        for body in bodies {
            for offset in 0..=body.len() + 2 {
                let _ = path_at(body, offset, Some("x"));
            }
        }
        assert_eq!(path_at(b"{\"a\":\"\xff\xfe\"}", 7, None), "a");
        assert_eq!(path_at(b"{\"\xc3\":1}", 6, None), "\u{fffd}");
    }

    #[test]
    fn truncated_and_broken_input_never_panics() {
        let bodies = [
            r#"{"a":"#,
            r#"{"a":"unterminated"#,
            r#"{"a":[1,2"#,
            r#"{"a""#,
            r#"{"a"#,
            r#"{"#,
            "[",
            r#"{"a":tru"#,
            r#"{"a":1,}"#,
            "[1,]",
            "[1 2]",
            r#"{"a" 1}"#,
            "}}]]",
            r#"{"a":1}}"#,
            r#""\"#,
            r#"{"\"#,
            "nul",
            "-",
            "{\"a\":1e}",
            "@",
        ];
        for body in bodies {
            for offset in 0..=body.len() + 1 {
                let _ = at(body, offset);
            }
        }
        assert_eq!(at(r#"{"a":"#, 5), "a");
        assert_eq!(at(r#"{"a":"unterminated"#, 18), "a");
        assert_eq!(at(r#"{"a":[1,2"#, 9), "a[1]");
        assert_eq!(at(r#"{"a":tru"#, 8), "a");
        assert_eq!(at("[1 2]", 4), ".");
        assert_eq!(at("[", 1), ".");
        assert_eq!(at(r#"{"a":[ x"#, 8), "a[0]");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        // Deeper than serde_json decodes into types: inside a skipped value.
        let t = format!(r#"{{"skipped":{}"#, "[".repeat(100_000));
        assert_eq!(at(&t, t.len()), "skipped");
        let t = "[".repeat(100_000);
        assert_eq!(at(&t, t.len()), "[0]");
        let t = format!("{}1{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(at(&t, MAX_DEPTH + 1), "[0]".repeat(MAX_DEPTH));
    }

    #[test]
    fn recursion_limit_names_the_value_it_refused_to_enter() {
        let t = format!(r#"{{"data":{}"#, "[".repeat(1000));
        let err = serde_json::from_str::<serde_json::Value>(&t).expect_err("too deep");
        // serde_json gives up entering the 128th container (the object counts).
        assert_eq!(
            error_path(t.as_bytes(), &err),
            format!("data{}", "[0]".repeat(126))
        );
    }

    #[test]
    fn custom_error_about_a_containers_last_value() {
        let t = r#"{"a":{"port":70000}}"#;
        let end = after(t, "}");
        assert_eq!(
            path_at(t.as_bytes(), end, Some("port 70000 is not in 0..=65535")),
            "a.port"
        );
        // serde's own messages there are about the container.
        assert_eq!(
            path_at(t.as_bytes(), end, Some("missing field `host`")),
            "a"
        );
        // A custom message that does not quote the last value, or only as
        // part of a longer word.
        assert_eq!(path_at(t.as_bytes(), end, Some("something else")), "a");
        let t = r#"{"a":{"other":"x","mode":0}}"#;
        let end = after(t, "}");
        let message = Some("integer 18446744073709551615 out of range");
        assert_eq!(path_at(t.as_bytes(), end, message), "a");
        let message = Some("mode 0 is not allowed");
        assert_eq!(path_at(t.as_bytes(), end, message), "a.mode");
        // Not for an empty container, nor mid-container.
        assert_eq!(path_at(br#"{"a":{}}"#, 7, Some("x")), "a");
        let t = r#"[1.5e999]"#;
        assert_eq!(
            path_at(
                t.as_bytes(),
                t.len(),
                Some("expected a finite number, found 1.5e999")
            ),
            "[0]"
        );
    }

    #[test]
    fn line_and_column_to_offset() {
        let body = b"{\n  \"a\": 1,\n  \"b\": x\n}";
        assert_eq!(byte_offset(body, 1, 0), 0);
        assert_eq!(byte_offset(body, 1, 1), 1);
        assert_eq!(byte_offset(body, 2, 0), 2);
        assert_eq!(byte_offset(body, 3, 8), 20);
        assert_eq!(byte_offset(body, 9, 3), body.len());
        assert_eq!(byte_offset(body, 1, 999), body.len());
    }

    #[test]
    fn serde_json_positions_round_trip() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            n: u8,
            s: String,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            items: Vec<Inner>,
        }
        let cases = [
            (
                "{\n \"items\": [ {\"n\": 1, \"s\": \"x\"},\n {\"n\": 300, \"s\": \"y\"} ]\n}",
                "items[1].n",
            ),
            ("{\"items\": [{\"n\": 1, \"s\": {}}]}", "items[0].s"),
            ("{\"items\": [{\"n\": 1}]}", "items[0]"),
            ("{\"items\": {}}", "items"),
            ("{\"items\": [{\"n\": 1, \"s\": \"x\"}, 7]}", "items[1]"),
            // Syntax errors: the value read last.
            ("{\"items\": [{\"n\": 1, \"s\": \"x\"}]", "items"),
            ("", "."),
        ];
        for (text, want) in cases {
            let err = serde_json::from_str::<Outer>(text).expect_err(text);
            assert_eq!(error_path(text.as_bytes(), &err), want, "{text}: {err}");
        }
    }

    /// serde features the response types do not use, against the tracking
    /// deserializer this module replaced.
    #[test]
    fn serde_shapes_against_serde_path_to_error() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        #[serde(untagged)]
        enum Either {
            N(u8),
            S { s: String },
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        #[serde(tag = "kind")]
        enum Tagged {
            A { n: u8 },
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        #[serde(deny_unknown_fields)]
        struct Strict {
            a: u8,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        enum External {
            V { n: u8 },
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Doc {
            #[serde(default)]
            either: Option<Either>,
            #[serde(default)]
            tagged: Vec<Tagged>,
            #[serde(default)]
            strict: Option<Strict>,
            #[serde(default)]
            external: Option<External>,
            #[serde(default)]
            map: std::collections::BTreeMap<String, Vec<u8>>,
            #[serde(default)]
            pair: Option<(u8, String)>,
        }
        // (body, the path here when it differs from serde_path_to_error's)
        let cases: [(&str, Option<&str>); 14] = [
            (r#"{"either":[1],"pair":null}"#, None),
            (
                r#"{"tagged":[{"kind":"A","n":"x"}, {"kind":"A","n":1}]}"#,
                None,
            ),
            (r#"{"either":{"s":1},"pair":null}"#, None),
            (r#"{"tagged":[{"kind":"B"}]}"#, None),
            (r#"{"tagged":[{"n":1}]}"#, None),
            (r#"{"strict":{"a":1,"b":2}}"#, None),
            (r#"{"external":{"V":{"n":-1}}}"#, None),
            (r#"{"map":{"k\"ey":[1,300]}}"#, None),
            (r#"{"pair":[1,2]}"#, None),
            // An untagged enum fails after its value was read, placed at the
            // end of what encloses it: when it is the last member, the
            // enclosing object is named.
            (r#"{"either":{"s":1}}"#, Some(".")),
            (r#"{"pair":null,"either":[1]}"#, Some(".")),
            // A duplicate field or an unknown variant is refused right after
            // its key, before the value: the key is named, serde_path_to_error
            // names the object.
            (r#"{"external":{"W":{}}}"#, Some("external.W")),
            (r#"{"strict":{"a":1,"a":2}}"#, Some("strict.a")),
            // An internally tagged variant is decoded from buffered content
            // after its `}`; serde_json can only place its errors at the end
            // of what encloses it: the array is named, not the element.
            (r#"{"tagged":[{"kind":"A","n":"x"}]}"#, Some("tagged")),
        ];
        for (text, differs) in cases {
            let ours = serde_json::from_str::<Doc>(text).expect_err(text);
            let ours = error_path(text.as_bytes(), &ours);
            let mut de = serde_json::Deserializer::from_str(text);
            let theirs = serde_path_to_error::deserialize::<_, Doc>(&mut de).expect_err(text);
            let theirs = theirs.path().to_string();
            match differs {
                None => assert_eq!(ours, theirs, "{text}"),
                Some(here) => {
                    assert_eq!(ours, here, "{text}");
                    assert_ne!(ours, theirs, "{text}");
                }
            }
        }
    }
}
