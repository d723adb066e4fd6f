//! What GeeLark's batch answers have in common, and how each shape lands in
//! the one [`CallOutcome`](crate::CallOutcome).
//!
//! GeeLark answers a batch in four shapes (reference §4.4):
//!
//! - **A** — `totalAmount`, `successAmount`, `failAmount`, an optional
//!   `successDetails[]` and `failDetails[{code, id, msg}]` (status, start,
//!   stop, delete, GPS). The envelope code is `0` even when `failAmount > 0`,
//!   and some families answer 40006 (partial) / 40009 (all failed) *with*
//!   `data`; both are read the same way.
//! - **B** — the amounts plus `details[{index, code, msg, …}]`, one entry per
//!   created item with its own code (`/phone/addNew`).
//! - **C** — `items[{id, code, …}]`, one entry per phone with its own code
//!   (`/adb/getData`).
//! - **D** — only `failDetails`, present when something failed
//!   (`/phone/detail/update`).
//!
//! Shape A answers that list only failures (stop, delete, GPS set) say nothing
//! per id about the rest. [`infer_succeeded`] counts a requested id that no
//! failure names as succeeded **only when the reported amounts add up**;
//! otherwise such ids are left out, so a [`BatchMerge`](crate::BatchMerge)
//! reports them as missing rather than guessing.

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use super::wire::Answer;
use crate::batch::{BatchItem, ItemFailure};
use crate::error::{Error, Result, invalid};
use crate::json::{decode, int_or_string, opt_string_or_int, string_or_int};
use crate::op::check_id;
use crate::phone::PhoneStatus;

/// The envelope of an answer: kept in every output because GeeLark support
/// asks for the `traceId`, and because `code` tells a complete success (0)
/// from a partial one (40006) or a complete failure that still carries data
/// (40009).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Envelope {
    /// The envelope's `traceId`.
    pub trace_id: Option<String>,
    /// The envelope code: 0, or 40006/40009 for partial/complete failure.
    pub code: i64,
    /// The envelope's `msg` (English or Chinese).
    pub msg: String,
}

impl Envelope {
    pub(crate) fn of<T>(a: &Answer<T>) -> Self {
        Envelope {
            trace_id: a.trace_id.clone(),
            code: a.code,
            msg: a.msg.clone(),
        }
    }
}

/// The amounts a shape A or B answer reports, exactly as sent (`None` when
/// absent). They are what [`infer_succeeded`] checks before it trusts the
/// absence of a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct Amounts {
    /// `totalAmount`.
    pub total: Option<u64>,
    /// `successAmount`.
    pub success: Option<u64>,
    /// `failAmount`.
    pub fail: Option<u64>,
}

impl Amounts {
    pub(crate) fn new(total: Option<u64>, success: Option<u64>, fail: Option<u64>) -> Self {
        Amounts {
            total,
            success,
            fail,
        }
    }
}

/// A phone a batch call acted on (stop, delete): its id, plus the name and
/// state when the answer lists them in `successDetails`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PhoneAck {
    /// The phone id.
    pub id: String,
    /// `serialName`, when the answer gave one.
    pub serial_name: Option<String>,
    /// The state after the call, when the answer gave one.
    pub status: Option<PhoneStatus>,
    /// The status code as GeeLark sent it.
    pub raw_status: Option<i64>,
}

impl PhoneAck {
    /// An acknowledgement that only knows the id (inferred from the amounts).
    pub(crate) fn id_only(id: String) -> Self {
        PhoneAck {
            id,
            serial_name: None,
            status: None,
            raw_status: None,
        }
    }
}

impl BatchItem for PhoneAck {
    fn item_id(&self) -> &str {
        &self.id
    }
}

/// An item that succeeded and is known only by its id (a tag id applied by a
/// detail update, a phone whose ADB switch was accepted).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct ItemId {
    /// The id.
    pub id: String,
}

impl ItemId {
    pub(crate) fn new(id: String) -> Self {
        ItemId { id }
    }
}

impl BatchItem for ItemId {
    fn item_id(&self) -> &str {
        &self.id
    }
}

/// `failDetails[{code, id, msg}]`: ids may be numbers (§4.6), codes strings.
#[derive(Deserialize)]
pub(crate) struct WireFail {
    #[serde(default, deserialize_with = "opt_string_or_int")]
    code: Option<String>,
    #[serde(deserialize_with = "string_or_int")]
    id: String,
    #[serde(default)]
    msg: Option<String>,
}

/// `successDetails[{id, serialName?, status?}]` of stop (and the tolerant
/// reading of any other shape A success entry).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireAck {
    #[serde(deserialize_with = "string_or_int")]
    id: String,
    #[serde(default)]
    serial_name: Option<String>,
    #[serde(default, deserialize_with = "opt_int")]
    status: Option<i64>,
}

impl From<WireAck> for PhoneAck {
    fn from(w: WireAck) -> Self {
        PhoneAck {
            id: w.id,
            serial_name: w.serial_name,
            status: w.status.map(PhoneStatus::from_geelark),
            raw_status: w.status,
        }
    }
}

/// Per-item failures in the crate's model.
pub(crate) fn failures(details: Vec<WireFail>) -> Vec<ItemFailure> {
    details
        .into_iter()
        .map(|f| ItemFailure::api(f.id, f.code.unwrap_or_default(), f.msg.unwrap_or_default()))
        .collect()
}

/// The requested ids an answer that lists only failures implicitly reports
/// as succeeded — or `None` when the answer's numbers do not support that
/// reading.
///
/// The rule: every failure names a distinct requested id, `failAmount`
/// equals the number of failures listed, `successAmount` equals the
/// requested ids minus the failed ones, and `totalAmount`, when present,
/// equals the requested ids. Only then is every requested id no failure
/// names counted as succeeded (in request order). Anything else — a missing
/// or contradicting amount, a failure about an id never asked for, a
/// duplicate failure — means the answer is not the complete account it
/// claims to be, and the ids are left out so that a merge reports them as
/// missing instead of as done.
pub fn infer_succeeded(
    requested: &[String],
    failures: &[ItemFailure],
    amounts: &Amounts,
) -> Option<Vec<String>> {
    let asked: HashSet<&str> = requested.iter().map(String::as_str).collect();
    let mut failed = HashSet::new();
    for f in failures {
        if !asked.contains(f.id.as_str()) || !failed.insert(f.id.as_str()) {
            return None;
        }
    }
    let n_failed = failed.len() as u64;
    let n_asked = asked.len() as u64;
    let consistent = amounts.fail == Some(n_failed)
        && amounts.success == Some(n_asked - n_failed)
        && amounts.total.is_none_or(|t| t == n_asked);
    consistent.then(|| {
        requested
            .iter()
            .filter(|id| !failed.contains(id.as_str()))
            .cloned()
            .collect()
    })
}

/// Successes of a shape A answer whose `successDetails` may be missing:
/// listed ones as given; with none listed, those [`infer_succeeded`] allows.
/// Returns them and whether they were inferred.
pub(crate) fn acks_or_inferred(
    requested: &[String],
    listed: Vec<WireAck>,
    failures: &[ItemFailure],
    amounts: &Amounts,
) -> (Vec<PhoneAck>, bool) {
    if !listed.is_empty() {
        return (listed.into_iter().map(PhoneAck::from).collect(), false);
    }
    match infer_succeeded(requested, failures, amounts) {
        Some(ids) => (ids.into_iter().map(PhoneAck::id_only).collect(), true),
        None => (Vec::new(), false),
    }
}

/// Decodes the raw entries of a list one by one, so that each keeps its raw
/// JSON and a bad entry is named by its position (`data.items[3].status`).
pub(crate) fn decode_each<T: DeserializeOwned>(
    operation: &'static str,
    http_status: u16,
    field: &str,
    raws: &[Box<RawValue>],
) -> Result<Vec<T>> {
    raws.iter()
        .enumerate()
        .map(|(i, raw)| {
            decode(operation, http_status, raw.get().as_bytes()).map_err(|e| match e {
                Error::Decode {
                    operation,
                    http_status,
                    path,
                    message,
                } => Error::Decode {
                    operation,
                    http_status,
                    path: if path == "." {
                        format!("data.{field}[{i}]")
                    } else {
                        format!("data.{field}[{i}].{path}")
                    },
                    message,
                },
                other => other,
            })
        })
        .collect()
}

/// The JSON body of a request.
pub(crate) fn to_body<T: Serialize>(body: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(body).map_err(|e| invalid("body", e.to_string()))
}

/// Checks an optional list filter: empty means "no filter" (GeeLark ignores
/// empty filters), duplicates collapse in first-seen order, each entry must
/// pass the id checks, and at most `max` distinct entries.
pub(crate) fn filter_list<I, S>(field: &'static str, values: I, max: usize) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for v in values {
        let v: String = v.into();
        check_id(field, &v)?;
        if seen.insert(v.clone()) {
            out.push(v);
        }
    }
    if out.len() > max {
        return Err(invalid(
            field,
            format!(
                "{} distinct values given, more than the {max} GeeLark accepts",
                out.len()
            ),
        ));
    }
    Ok(out)
}

/// Checks a free-text field's length in characters (GeeLark counts
/// characters, e.g. a remark of at most 1500).
pub(crate) fn check_len(field: &'static str, value: &str, max_chars: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max_chars {
        return Err(invalid(
            field,
            format!("is {n} characters long, more than the {max_chars} allowed"),
        ));
    }
    Ok(())
}

/// Checks a name: not empty, no control character, at most `max_chars`
/// characters (group, tag and material names).
pub(crate) fn check_name(field: &'static str, v: &str, max_chars: usize) -> Result<()> {
    if v.is_empty() || v.chars().any(char::is_control) {
        return Err(invalid(field, "empty or with a control character"));
    }
    if v.chars().count() > max_chars {
        return Err(invalid(field, format!("at most {max_chars} characters")));
    }
    Ok(())
}

/// An optional integer that may arrive as a string holding one.
pub(crate) fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    struct I(#[serde(deserialize_with = "int_or_string")] i64);
    Ok(Option::<I>::deserialize(d)?.map(|I(n)| n))
}

/// An optional count (a total or an amount) sent as a number or a numeric
/// string; a negative one is dropped.
pub(crate) fn opt_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    opt_int(d).map(|v| v.and_then(|n| u64::try_from(n).ok()))
}

/// A JSON number read exactly: `serde_json` without its `float_roundtrip`
/// feature may land one unit in the last place off (GPS coordinates would
/// not survive a round trip), so the number's text is parsed by
/// `str::parse::<f64>`, which rounds correctly.
pub(crate) fn exact_f64<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    let text = raw.get().trim();
    if text.starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) {
        if let Ok(v) = text.parse::<f64>() {
            if v.is_finite() {
                return Ok(v);
            }
        }
    }
    Err(serde::de::Error::custom(format!(
        "expected a finite number, found {}",
        text.chars().take(40).collect::<String>()
    )))
}

/// `None` for an absent, `null` or empty string.
pub(crate) fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    fn fail(id: &str) -> ItemFailure {
        ItemFailure::api(id, "43009", "env is started")
    }

    #[test]
    fn inference_needs_consistent_amounts() {
        let req = ids(&["a", "b", "c"]);
        let f = [fail("a")];
        let ok = Amounts::new(Some(3), Some(2), Some(1));
        assert_eq!(infer_succeeded(&req, &f, &ok), Some(ids(&["b", "c"])));
        // No total is fine.
        let no_total = Amounts::new(None, Some(2), Some(1));
        assert_eq!(infer_succeeded(&req, &f, &no_total), Some(ids(&["b", "c"])));
        // Missing amounts, contradicting amounts: nothing inferred.
        assert_eq!(infer_succeeded(&req, &f, &Amounts::default()), None);
        let short = Amounts::new(Some(3), Some(1), Some(1));
        assert_eq!(infer_succeeded(&req, &f, &short), None);
        let more_fails = Amounts::new(Some(3), Some(1), Some(2));
        assert_eq!(infer_succeeded(&req, &f, &more_fails), None);
        let total_off = Amounts::new(Some(4), Some(2), Some(1));
        assert_eq!(infer_succeeded(&req, &f, &total_off), None);
        // A failure about an id never asked for, or twice about one id.
        let stray = [fail("z")];
        let amounts = Amounts::new(Some(3), Some(3), Some(1));
        assert_eq!(infer_succeeded(&req, &stray, &amounts), None);
        let twice = [fail("a"), fail("a")];
        let amounts = Amounts::new(Some(3), Some(2), Some(2));
        assert_eq!(infer_succeeded(&req, &twice, &amounts), None);
        // All failed: consistent, nothing succeeded.
        let all = [fail("a"), fail("b"), fail("c")];
        let amounts = Amounts::new(Some(3), Some(0), Some(3));
        assert_eq!(infer_succeeded(&req, &all, &amounts), Some(vec![]));
    }
}
