//! The 49 per-platform automation creators, `POST /open/v1/rpa/task/<name>`
//! (reference §3.7), as one typed operation: [`CreateRpaTask`] takes the
//! creator's name, the phone, the time and the creator's own parameters,
//! each checked against the documented table ([`RPA_TASKS`]): a parameter
//! the creator does not take is refused (a misspelling is not silently
//! dropped), types and bounds are checked, a missing required one is
//! refused before anything is built. Every creator answers `{taskId}`:
//! follow it with [`ShowTask`](super::tasks::ShowTask) or
//! `GeeLarkClient::wait_tasks`.
//!
//! Passwords and 2FA keys are [`Secret`](crate::secret::Secret)-like: never
//! in `Debug` output.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::config::Config;
use super::shapes::{Envelope, to_body};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::op::{Context, Operation, check_id};

/// How a parameter is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParamKind {
    /// A string of at most this many characters.
    Text(usize),
    /// A credential string of at most this many characters (redacted in
    /// `Debug`).
    Secret(usize),
    /// One `http(s)://` URL.
    Url,
    /// 1 to this many `http(s)://` URLs.
    Urls(usize),
    /// 1 to `.0` strings of at most `.1` characters each.
    Texts(usize, usize),
    /// An integer in this range.
    Int(i64, i64),
    /// A boolean.
    Bool,
    /// 1 to this many JSON objects (checked by the creator).
    Objects(usize),
}

/// One parameter of a creator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// Its name on the wire.
    pub name: &'static str,
    /// How it is checked.
    pub kind: ParamKind,
    /// Whether the creator needs it.
    pub required: bool,
}

pub(crate) const fn req(name: &'static str, kind: ParamKind) -> Param {
    Param {
        name,
        kind,
        required: true,
    }
}

pub(crate) const fn opt(name: &'static str, kind: ParamKind) -> Param {
    Param {
        name,
        kind,
        required: false,
    }
}

use ParamKind::{Bool, Int, Objects, Secret as Pw, Text, Texts, Url, Urls};

/// No limit documented: a bound that keeps a request small.
const ANY: usize = 4096;
const PERCENT: ParamKind = Int(0, 100);
const LOGIN64: [Param; 2] = [req("email", Text(64)), req("password", Pw(64))];
const ACCOUNT64: [Param; 2] = [req("account", Text(64)), req("password", Pw(64))];
const STAR: [Param; 1] = [opt("likeProbability", PERCENT)];
const COMMENT: [Param; 6] = [
    req("useAi", Int(1, 2)),
    opt("comment", Text(500)),
    opt("links", Urls(ANY)),
    opt("commentProbability", PERCENT),
    opt("searchKeywords", Texts(ANY, ANY)),
    opt("likeVideo", Bool),
];
const FOLLOW: [Param; 1] = [req("followProbability", PERCENT)];
const TIKTOK_MESSAGE: [Param; 2] = [
    req("usernames", Texts(ANY, ANY)),
    req("content", Text(6000)),
];
const TITLED_IMAGES: [Param; 3] = [
    req("title", Text(500)),
    req("images", Urls(ANY)),
    opt("topic", Text(ANY)),
];

/// Every creator GeeLark documents (OA and its CLI) and its parameters,
/// besides the common `name`, `remark`, `scheduleAt` and `id`.
pub const RPA_TASKS: &[(&str, &[Param])] = &[
    (
        "tiktokLogin",
        &[
            req("account", Text(64)),
            req("password", Pw(64)),
            opt("twoFAKey", Pw(ANY)),
        ],
    ),
    (
        "tiktokEdit",
        &[
            opt("avatar", Url),
            opt("nickName", Text(30)),
            opt("bio", Text(160)),
            opt("site", Url),
            opt("username", Text(ANY)),
        ],
    ),
    ("tiktokRandomStar", &STAR),
    ("tiktokRandomStarAsia", &STAR),
    ("tiktokRandomComment", &COMMENT),
    ("tiktokRandomCommentAsia", &COMMENT),
    ("tiktokRandomFollow", &FOLLOW),
    ("tiktokRandomFollowAsia", &FOLLOW),
    ("tiktokMessage", &TIKTOK_MESSAGE),
    ("tiktokMessageAsia", &TIKTOK_MESSAGE),
    ("tiktokHide", &[]),
    ("tiktokHideAsia", &[]),
    ("tiktokDel", &[]),
    ("tiktokDelAsia", &[]),
    ("faceBookLogin", &LOGIN64),
    (
        "faceBookPublish",
        &[req("title", Text(200)), req("video", Urls(10))],
    ),
    (
        "faceBookAutoComment",
        &[
            req("postAddress", Text(128)),
            req("comment", Texts(10, 8000)),
            req("keyword", Texts(10, 100)),
        ],
    ),
    (
        "faceBookActiveAccount",
        &[
            req("browsePostsNum", Int(1, 100)),
            req("keyword", Texts(10, 150)),
        ],
    ),
    (
        "faceBookPubReels",
        &[
            req("description", Text(500)),
            req("video", Url),
            opt("page", Text(ANY)),
        ],
    ),
    (
        "faceBookMessage",
        &[
            req("usernames", Texts(ANY, ANY)),
            req("content", Text(20000)),
        ],
    ),
    (
        "facebookReelsActive",
        &[
            req("videoNumber", Int(1, 1000)),
            opt("searchKeywords", Texts(ANY, ANY)),
        ],
    ),
    ("instagramLogin", &ACCOUNT64),
    (
        "instagramWarmup",
        &[opt("browseVideo", Int(1, 100)), opt("keyword", Text(ANY))],
    ),
    (
        "instagramPubReels",
        &[
            req("description", Text(2200)),
            req("video", Urls(10)),
            opt("sameStyleUrl", Url),
            opt("sameStyleVoice", PERCENT),
            opt("originalVoice", PERCENT),
            opt("aiTag", Bool),
            opt("needShareLink", Bool),
        ],
    ),
    (
        "instagramPubReelsImages",
        &[
            req("description", Text(2200)),
            req("image", Urls(10)),
            opt("sameStyleUrl", Url),
            opt("aiTag", Bool),
            opt("publishPost", Bool),
            opt("needShareLink", Bool),
        ],
    ),
    (
        "instagramMessage",
        &[
            req("usernames", Texts(ANY, ANY)),
            req("content", Text(1000)),
        ],
    ),
    (
        "instagramEdit",
        &[
            opt("profilePicture", Urls(ANY)),
            opt("nickname", Text(ANY)),
            opt("username", Text(ANY)),
            opt("biography", Text(ANY)),
            opt("linkURL", Text(ANY)),
            opt("linkTitle", Text(ANY)),
        ],
    ),
    ("instagramFollowAccount", &[req("username", Texts(100, 30))]),
    (
        "instagramAiComment",
        &[req("randomRate", PERCENT), opt("useAi", Bool)],
    ),
    (
        "youtubePubVideo",
        &[
            req("title", Text(100)),
            req("description", Text(5000)),
            req("video", Url),
        ],
    ),
    (
        "youtubePubShort",
        &[
            req("title", Text(100)),
            req("video", Url),
            req("sameStyleVoice", PERCENT),
            req("originalVoice", PERCENT),
            opt("sameStyleUrl", Text(500)),
            opt("isDisclosureMandatory", Bool),
        ],
    ),
    (
        "youTubeActiveAccount",
        &[
            req("browseVideoNum", Int(1, 100)),
            req("keyword", Texts(10, 150)),
        ],
    ),
    (
        "youtubeEdit",
        &[
            opt("profileName", Text(50)),
            opt("handle", Text(100)),
            opt("description", Text(1000)),
        ],
    ),
    (
        "xPublish",
        &[req("description", Text(280)), req("video", Urls(1))],
    ),
    (
        "redditWarmup",
        &[
            opt("keyword", Text(ANY)),
            opt("duration", Int(1, 1440)),
            opt("keywords", Texts(ANY, ANY)),
        ],
    ),
    (
        "redditVideo",
        &[
            req("title", Text(ANY)),
            req("community", Text(ANY)),
            req("video", Urls(ANY)),
            opt("description", Text(ANY)),
        ],
    ),
    (
        "redditImage",
        &[
            req("title", Text(ANY)),
            req("community", Text(ANY)),
            req("images", Urls(ANY)),
            opt("description", Text(ANY)),
        ],
    ),
    (
        "threadsVideo",
        &[
            req("title", Text(500)),
            req("video", Urls(ANY)),
            opt("topic", Text(ANY)),
        ],
    ),
    ("threadsImage", &TITLED_IMAGES),
    (
        "pinterestVideo",
        &[
            req("title", Text(100)),
            req("description", Text(800)),
            req("video", Urls(ANY)),
            opt("link", Text(ANY)),
        ],
    ),
    (
        "pinterestImage",
        &[
            req("title", Text(100)),
            req("description", Text(800)),
            req("images", Urls(ANY)),
            opt("link", Text(ANY)),
        ],
    ),
    (
        "googleLogin",
        &[
            req("email", Text(64)),
            req("password", Pw(64)),
            opt("code2fa", Pw(ANY)),
        ],
    ),
    ("googleAppDownload", &[req("appName", Text(ANY))]),
    (
        "googleAppBrowser",
        &[req("appName", Text(ANY)), opt("description", Text(ANY))],
    ),
    ("sheinLogin", &LOGIN64),
    ("importContacts", &[req("contacts", Objects(ANY))]),
    ("keyboxUpload", &[req("files", Urls(100))]),
    ("fileUpload", &[req("files", Urls(100))]),
    (
        "multiPlatformVideoDistribution",
        &[
            req("title", Text(100)),
            req("video", Urls(10)),
            opt("tiktokTitle", Text(ANY)),
            opt("youtubeTitle", Text(ANY)),
            opt("instagramTitle", Text(ANY)),
            opt("tiktokRecreateLink", Text(ANY)),
            opt("youtubeRecreateLink", Text(ANY)),
            opt("instagramRecreateLink", Text(ANY)),
            opt("sameStyleVoice", PERCENT),
            opt("originalVoice", PERCENT),
        ],
    ),
];

/// The parameters of the creator `name`, if GeeLark documents it.
pub fn creator(name: &str) -> Option<(&'static str, &'static [Param])> {
    RPA_TASKS.iter().find(|(n, _)| *n == name).copied()
}

fn is_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && !s.contains(char::is_whitespace)
}

pub(crate) fn check_value(p: &Param, v: &Value) -> Result<()> {
    let field = p.name;
    let text = |v: &Value, max: usize| -> Result<()> {
        let s = v
            .as_str()
            .ok_or_else(|| invalid("params", format!("{field} must be a string")))?;
        if s.chars().count() > max {
            return Err(invalid(
                "params",
                format!("{field} is longer than {max} characters"),
            ));
        }
        Ok(())
    };
    let list = |v: &Value, max: usize| -> Result<Vec<Value>> {
        let a = v
            .as_array()
            .ok_or_else(|| invalid("params", format!("{field} must be a list")))?;
        if a.is_empty() || a.len() > max {
            return Err(invalid(
                "params",
                format!("{field} takes 1 to {max} values"),
            ));
        }
        Ok(a.clone())
    };
    let url = |v: &Value| -> Result<()> {
        match v.as_str() {
            Some(s) if is_url(s) && s.len() <= 2048 => Ok(()),
            _ => Err(invalid("params", format!("{field} must be an http(s) URL"))),
        }
    };
    match p.kind {
        ParamKind::Text(max) | ParamKind::Secret(max) => text(v, max),
        ParamKind::Url => url(v),
        ParamKind::Urls(max) => list(v, max)?.iter().try_for_each(url),
        ParamKind::Texts(max, len) => list(v, max)?.iter().try_for_each(|x| text(x, len)),
        ParamKind::Int(lo, hi) => match v.as_i64() {
            Some(n) if (lo..=hi).contains(&n) => Ok(()),
            _ => Err(invalid(
                "params",
                format!("{field} must be an integer from {lo} to {hi}"),
            )),
        },
        ParamKind::Bool => match v {
            Value::Bool(_) => Ok(()),
            _ => Err(invalid("params", format!("{field} must be true or false"))),
        },
        ParamKind::Objects(max) => {
            if list(v, max)?.iter().all(Value::is_object) {
                Ok(())
            } else {
                Err(invalid(
                    "params",
                    format!("{field} must be a list of objects"),
                ))
            }
        }
    }
}

/// Create one automation task with a per-platform creator:
/// `POST /open/v1/rpa/task/<creator>`.
#[derive(Clone, PartialEq, Eq)]
#[doc(alias = "rpa/task")]
pub struct CreateRpaTask {
    creator: &'static str,
    spec: &'static [Param],
    id: String,
    schedule_at: u64,
    name: Option<String>,
    remark: Option<String>,
    /// In the order they were set (sent in that order).
    params: Vec<(&'static str, Value)>,
}

impl std::fmt::Debug for CreateRpaTask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown: Map<String, Value> = self
            .params
            .iter()
            .map(|&(k, ref v)| {
                let secret = self
                    .spec
                    .iter()
                    .any(|p| p.name == k && matches!(p.kind, ParamKind::Secret(_)));
                let v = if secret {
                    Value::String("** redacted **".into())
                } else {
                    v.clone()
                };
                (k.to_owned(), v)
            })
            .collect();
        f.debug_struct("CreateRpaTask")
            .field("creator", &self.creator)
            .field("id", &self.id)
            .field("schedule_at", &self.schedule_at)
            .field("name", &self.name)
            .field("remark", &self.remark)
            .field("params", &shown)
            .finish()
    }
}

impl CreateRpaTask {
    /// The creator `creator` (one of [`RPA_TASKS`], e.g. `tiktokLogin`)
    /// on the phone `id`, due at `schedule_at` (Unix seconds; a past time
    /// means now).
    pub fn new(creator: &str, id: impl Into<String>, schedule_at: u64) -> Result<Self> {
        let (creator, spec) = self::creator(creator).ok_or_else(|| {
            invalid(
                "creator",
                format!(
                    "{} is not a documented rpa/task creator",
                    crate::limits::echo(creator)
                ),
            )
        })?;
        let id = id.into();
        check_id("id", &id)?;
        Ok(CreateRpaTask {
            creator,
            spec,
            id,
            schedule_at,
            name: None,
            remark: None,
            params: Vec::new(),
        })
    }

    /// The task's name (≤ 128 characters).
    pub fn name(mut self, name: impl Into<String>) -> Result<Self> {
        let n = name.into();
        crate::limits::check_text("name", &n, 4 * 128)?;
        if n.chars().count() > 128 {
            return Err(invalid("name", "at most 128 characters"));
        }
        self.name = Some(n);
        Ok(self)
    }

    /// A remark (≤ 200 characters).
    pub fn remark(mut self, remark: impl Into<String>) -> Result<Self> {
        let r = remark.into();
        if r.chars().count() > 200 {
            return Err(invalid("remark", "at most 200 characters"));
        }
        self.remark = Some(r);
        Ok(self)
    }

    /// Sets the creator's parameter `key` (its name on the wire, e.g.
    /// `likeProbability`), checked against the creator's table.
    pub fn param(mut self, key: &str, value: impl Into<Value>) -> Result<Self> {
        let value = value.into();
        let p = self.spec.iter().find(|p| p.name == key).ok_or_else(|| {
            invalid(
                "params",
                format!(
                    "{} does not take {}",
                    self.creator,
                    crate::limits::echo(key)
                ),
            )
        })?;
        check_value(p, &value)?;
        match self.params.iter_mut().find(|(k, _)| *k == p.name) {
            Some(slot) => slot.1 = value,
            None => self.params.push((p.name, value)),
        }
        Ok(self)
    }

    /// Sets every parameter of a JSON object (as [`param`](Self::param)).
    pub fn params_json(mut self, text: &str) -> Result<Self> {
        let Pairs(pairs) = read_json(text, "params", "a JSON object")?;
        for (k, v) in pairs {
            self = self.param(&k, v)?;
        }
        Ok(self)
    }

    /// The creator's name.
    pub fn creator(&self) -> &'static str {
        self.creator
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.params.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Every required parameter is set, and the creators' cross-field rules
    /// hold (a comment when `useAi` is 2).
    fn complete(&self) -> Result<()> {
        if let Some(p) = self
            .spec
            .iter()
            .find(|p| p.required && self.get(p.name).is_none())
        {
            return Err(invalid(
                "params",
                format!("{} needs {}", self.creator, p.name),
            ));
        }
        if self.get("useAi").and_then(Value::as_i64) == Some(2) && self.get("comment").is_none() {
            return Err(invalid(
                "params",
                format!("{} needs a comment when useAi is 2", self.creator),
            ));
        }
        Ok(())
    }
}

/// `text` read as `T`, or the invalid-input error naming `field` and saying
/// what was expected (`what`) and where the JSON went wrong.
pub(super) fn read_json<T: serde::de::DeserializeOwned>(
    text: &str,
    field: &'static str,
    what: &str,
) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        invalid(
            field,
            format!("not {what}: {}", crate::limits::shorten(e.to_string())),
        )
    })
}

/// A JSON object's members in the order written (a `Map` would sort them,
/// and the body is sent in the caller's order). Also how a plan's items are
/// read ([`PlanItem::list_from_json`](super::task_create::PlanItem::list_from_json)).
pub(super) struct Pairs(pub(super) Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Pairs;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Pairs, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    out.push((k, v));
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// The body: the common fields, then the parameters in the order set.
struct Body<'a>(&'a CreateRpaTask);

impl Serialize for Body<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let t = self.0;
        let mut m = s.serialize_map(None)?;
        if let Some(n) = &t.name {
            m.serialize_entry("name", n)?;
        }
        if let Some(r) = &t.remark {
            m.serialize_entry("remark", r)?;
        }
        m.serialize_entry("scheduleAt", &t.schedule_at)?;
        m.serialize_entry("id", &t.id)?;
        for (k, v) in &t.params {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The task a creator made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RpaTaskCreated {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The new task.
    pub task_id: String,
}

/// `{taskId}`: the answer of every task creator.
pub(crate) fn parse_created(name: &'static str, response: &Response) -> Result<RpaTaskCreated> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Wire {
        #[serde(deserialize_with = "crate::json::string_or_int")]
        task_id: String,
    }
    let a = wire::parse::<Wire>(name, response)?;
    Ok(RpaTaskCreated {
        envelope: Envelope::of(&a),
        task_id: a.data.task_id,
    })
}

impl Operation for CreateRpaTask {
    type Config = Config;
    type Output = RpaTaskCreated;
    const NAME: &'static str = "geelark.create_rpa_task";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.complete()?;
        let body = to_body(&Body(self))?;
        wire::build(ctx, &format!("/open/v1/rpa/task/{}", self.creator), body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<RpaTaskCreated> {
        parse_created(Self::NAME, response)
    }

    /// No: each call creates one more task.
    fn is_idempotent(&self) -> bool {
        false
    }
}
