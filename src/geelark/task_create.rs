//! Creating automation tasks besides the per-platform creators
//! ([`rpa`](super::rpa)): GeeLark's TikTok plans (`task/add`: videos,
//! warm-ups, image sets, up to 100 phones a plan), and tasks from the
//! team's own flows (`task/flow/list` to find a flow and its parameters,
//! `task/rpa/add` to run it). Every task they make is followed like any
//! other ([`QueryTasks`](super::tasks::QueryTasks),
//! `GeeLarkClient::wait_tasks`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::config::Config;
use super::rpa::{Pairs, Param, ParamKind, RpaTaskCreated, check_value, opt, read_json, req};
use super::shapes::{Envelope, to_body};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::null_default;
use crate::op::{Context, Operation, check_id};

/// Most phones one plan schedules.
pub const MAX_ITEMS: usize = 100;

/// What a TikTok plan does (`taskType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TikTokTask {
    /// 1: publish a video.
    Video,
    /// 2: warm the account up (search profiles or videos, browse).
    WarmUp,
    /// 3: publish an image set.
    ImageSet,
}

const ANY: usize = 4096;
const VIDEO: &[Param] = &[
    req("video", ParamKind::Url),
    opt("videoDesc", ParamKind::Text(4000)),
    opt("productId", ParamKind::Text(ANY)),
    opt("productTitle", ParamKind::Text(ANY)),
    opt("refVideoId", ParamKind::Text(ANY)),
    opt("maxTryTimes", ParamKind::Int(0, 3)),
    opt("timeoutMin", ParamKind::Int(30, 80)),
    opt("sameVideoVolume", ParamKind::Int(0, 100)),
    opt("sourceVideoVolume", ParamKind::Int(0, 100)),
    opt("markAI", ParamKind::Bool),
    opt("cover", ParamKind::Url),
    opt("needShareLink", ParamKind::Bool),
];
const WARM_UP: &[Param] = &[
    req("action", ParamKind::Text(32)),
    opt("keywords", ParamKind::Texts(ANY, ANY)),
    req("duration", ParamKind::Int(1, 1440)),
];
const IMAGE_SET: &[Param] = &[
    req("images", ParamKind::Urls(ANY)),
    opt("videoDesc", ParamKind::Text(4000)),
    opt("videoId", ParamKind::Text(ANY)),
    opt("videoTitle", ParamKind::Text(90)),
    opt("maxTryTimes", ParamKind::Int(0, 3)),
    opt("timeoutMin", ParamKind::Int(30, 80)),
    opt("sameVideoVolume", ParamKind::Int(0, 100)),
    opt("markAI", ParamKind::Bool),
    opt("needShareLink", ParamKind::Bool),
];

impl TikTokTask {
    fn code(self) -> u8 {
        match self {
            TikTokTask::Video => 1,
            TikTokTask::WarmUp => 2,
            TikTokTask::ImageSet => 3,
        }
    }

    /// The fields one phone's item takes besides `scheduleAt` and `envId`.
    pub fn params(self) -> &'static [Param] {
        match self {
            TikTokTask::Video => VIDEO,
            TikTokTask::WarmUp => WARM_UP,
            TikTokTask::ImageSet => IMAGE_SET,
        }
    }
}

/// One phone's part of a plan: the phone, when, and the task's fields in
/// the order set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanItem {
    env_id: String,
    schedule_at: u64,
    fields: Vec<(String, Value)>,
}

impl PlanItem {
    /// The phone `env_id` at `schedule_at` (Unix seconds; a past time:
    /// now).
    pub fn new(env_id: impl Into<String>, schedule_at: u64) -> Result<Self> {
        let env_id = env_id.into();
        check_id("envId", &env_id)?;
        Ok(PlanItem {
            env_id,
            schedule_at,
            fields: Vec::new(),
        })
    }

    /// A plan's items written as JSON, as the C ABI and Python take them:
    /// `[{"envId": "...", "scheduleAt": unix_s, ...the task type's
    /// fields...}, ...]` (`scheduleAt` may be left out: now). Each item's
    /// fields keep the order written; they are checked against the task
    /// type when the plan is made ([`AddTasks::new`]).
    ///
    /// ```
    /// use cloudphone::geelark::task_create::{AddTasks, PlanItem, TikTokTask};
    /// let items = PlanItem::list_from_json(
    ///     r#"[{"envId": "557536075321468390", "scheduleAt": 1735689600,
    ///          "action": "browse video", "duration": 10}]"#,
    /// )?;
    /// let plan = AddTasks::new(TikTokTask::WarmUp, items)?;
    /// # let _ = plan;
    /// # Ok::<(), cloudphone::Error>(())
    /// ```
    pub fn list_from_json(text: &str) -> Result<Vec<PlanItem>> {
        let list: Vec<Pairs> = read_json(text, "list", "a JSON array of objects")?;
        list.into_iter().map(PlanItem::from_pairs).collect()
    }

    fn from_pairs(Pairs(members): Pairs) -> Result<Self> {
        let mut env_id = None;
        let mut schedule_at = 0;
        let mut fields = Vec::with_capacity(members.len());
        for (k, v) in members {
            match k.as_str() {
                "envId" => {
                    let id = v.as_str().ok_or_else(|| {
                        invalid("envId", "each item needs its phone id, a string")
                    })?;
                    env_id = Some(id.to_owned());
                }
                "scheduleAt" => {
                    schedule_at = v
                        .as_u64()
                        .ok_or_else(|| invalid("scheduleAt", "Unix seconds, 0 or more"))?;
                }
                _ => fields.push((k, v)),
            }
        }
        let env_id = env_id.ok_or_else(|| invalid("envId", "each item needs its phone"))?;
        let item = PlanItem::new(env_id, schedule_at)?;
        Ok(fields
            .into_iter()
            .fold(item, |item, (k, v)| item.field(k, v)))
    }

    /// Sets a field (its wire name, e.g. `video`); checked against the
    /// plan's task type when the plan is made.
    pub fn field(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        let key = key.into();
        let value = value.into();
        match self.fields.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.fields.push((key, value)),
        }
        self
    }

    fn check(&self, kind: TikTokTask, at: usize) -> Result<()> {
        let spec = kind.params();
        for (k, v) in &self.fields {
            let p = spec.iter().find(|p| p.name == k).ok_or_else(|| {
                invalid(
                    "list",
                    format!(
                        "item {at}: this task type does not take {}",
                        crate::limits::echo(k)
                    ),
                )
            })?;
            check_value(p, v)?;
        }
        if let Some(p) = spec
            .iter()
            .find(|p| p.required && !self.fields.iter().any(|(k, _)| k == p.name))
        {
            return Err(invalid("list", format!("item {at} needs {}", p.name)));
        }
        if kind == TikTokTask::WarmUp {
            let action = self
                .fields
                .iter()
                .find(|(k, _)| k == "action")
                .and_then(|(_, v)| v.as_str());
            match action {
                Some("browse video") => {}
                Some("search profile" | "search video") => {
                    if !self.fields.iter().any(|(k, _)| k == "keywords") {
                        return Err(invalid(
                            "list",
                            format!("item {at}: a search needs keywords"),
                        ));
                    }
                }
                _ => {
                    return Err(invalid(
                        "list",
                        format!(
                            "item {at}: action is search profile, search video or browse video"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl Serialize for PlanItem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("scheduleAt", &self.schedule_at)?;
        m.serialize_entry("envId", &self.env_id)?;
        for (k, v) in &self.fields {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Schedule a TikTok plan: `POST /open/v1/task/add` (41000: not enough
/// task points; 41001: balance).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "task/add")]
pub struct AddTasks {
    kind: TikTokTask,
    items: Vec<PlanItem>,
    plan_name: Option<String>,
    remark: Option<String>,
}

impl AddTasks {
    /// A plan of `kind` over `items` (1 to [`MAX_ITEMS`], each checked
    /// against the task type's fields).
    pub fn new(kind: TikTokTask, items: Vec<PlanItem>) -> Result<Self> {
        if items.is_empty() || items.len() > MAX_ITEMS {
            return Err(invalid("list", format!("1 to {MAX_ITEMS} items")));
        }
        for (i, item) in items.iter().enumerate() {
            item.check(kind, i)?;
        }
        Ok(AddTasks {
            kind,
            items,
            plan_name: None,
            remark: None,
        })
    }

    /// The plan's name (GeeLark names it otherwise).
    pub fn plan_name(mut self, name: impl Into<String>) -> Result<Self> {
        let n = name.into();
        crate::limits::check_text("planName", &n, 512)?;
        self.plan_name = Some(n);
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
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AddBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    plan_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark: Option<&'a str>,
    task_type: u8,
    list: &'a [PlanItem],
}

/// The tasks a plan made, in item order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TasksAdded {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The new tasks.
    pub task_ids: Vec<String>,
}

impl Operation for AddTasks {
    type Config = Config;
    type Output = TasksAdded;
    const NAME: &'static str = "geelark.add_tasks";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&AddBody {
            plan_name: self.plan_name.as_deref(),
            remark: self.remark.as_deref(),
            task_type: self.kind.code(),
            list: &self.items,
        })?;
        wire::build(ctx, "/open/v1/task/add", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<TasksAdded> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default, deserialize_with = "null_default")]
            task_ids: Vec<Value>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        Ok(TasksAdded {
            envelope,
            task_ids: a
                .data
                .task_ids
                .into_iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect(),
        })
    }

    /// No: each call schedules the plan again.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// A flow of the team, and the parameters its tasks take.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Flow {
    /// The flow id (`flowId` of [`CreateFlowTask`]).
    #[serde(deserialize_with = "crate::json::string_or_int")]
    pub id: String,
    /// Its title.
    #[serde(default)]
    pub title: Option<String>,
    /// Its description.
    #[serde(default)]
    pub desc: Option<String>,
    /// The names of its parameters (`paramMap` keys).
    #[serde(default, deserialize_with = "null_default")]
    pub params: Vec<String>,
}

/// One page of flows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FlowList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over all pages.
    pub total: Option<u64>,
    /// The flows of this page.
    pub flows: Vec<Flow>,
}

/// The team's flows, a page at a time: `POST /open/v1/task/flow/list`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "task/flow/list")]
pub struct ListFlows {
    page: u32,
    page_size: u32,
}

impl Default for ListFlows {
    fn default() -> Self {
        ListFlows {
            page: 1,
            page_size: 100,
        }
    }
}

impl ListFlows {
    /// Page 1 of 100.
    pub fn new() -> Self {
        ListFlows::default()
    }

    /// Page `page` (from 1) of `page_size` (1 to 100).
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        crate::page::check_page(page, page_size, 100)?;
        (self.page, self.page_size) = (page, page_size);
        Ok(self)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PageBody {
    page: u32,
    page_size: u32,
}

impl Operation for ListFlows {
    type Config = Config;
    type Output = FlowList;
    const NAME: &'static str = "geelark.list_flows";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&PageBody {
            page: self.page,
            page_size: self.page_size,
        })?;
        wire::build(ctx, "/open/v1/task/flow/list", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<FlowList> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "super::shapes::opt_count")]
            total: Option<u64>,
            #[serde(default, deserialize_with = "null_default")]
            items: Vec<Flow>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(FlowList {
            envelope: Envelope::of(&a),
            total: a.data.total,
            flows: a.data.items,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(ListFlows, flows, |f| Some(&f.id));

/// Run one of the team's flows on a phone: `POST /open/v1/task/rpa/add`.
/// The parameters are the flow's (`ListFlows` lists their names); a file
/// parameter takes a list of URLs.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "task/rpa/add")]
pub struct CreateFlowTask {
    id: String,
    flow_id: String,
    schedule_at: u64,
    name: Option<String>,
    remark: Option<String>,
    params: Vec<(String, Value)>,
}

impl CreateFlowTask {
    /// The flow `flow_id` on the phone `id` at `schedule_at` (Unix seconds).
    pub fn new(
        id: impl Into<String>,
        flow_id: impl Into<String>,
        schedule_at: u64,
    ) -> Result<Self> {
        let (id, flow_id) = (id.into(), flow_id.into());
        check_id("id", &id)?;
        check_id("flowId", &flow_id)?;
        Ok(CreateFlowTask {
            id,
            flow_id,
            schedule_at,
            name: None,
            remark: None,
            params: Vec::new(),
        })
    }

    /// The task's name (≤ 128 characters).
    pub fn name(mut self, name: impl Into<String>) -> Result<Self> {
        let n = name.into();
        if n.is_empty() || n.chars().count() > 128 {
            return Err(invalid("name", "1 to 128 characters"));
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

    /// Sets the flow's parameter `key` (a string, or a list of URLs for a
    /// file parameter).
    pub fn param(mut self, key: impl Into<String>, value: impl Into<Value>) -> Result<Self> {
        let key = key.into();
        crate::limits::check_text("paramMap", &key, 128)?;
        let value = value.into();
        if !(value.is_string() || value.is_array() || value.is_number() || value.is_boolean()) {
            return Err(invalid(
                "paramMap",
                "a value is a string, a number, a boolean or a list",
            ));
        }
        match self.params.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.params.push((key, value)),
        }
        Ok(self)
    }

    /// Sets every parameter of a JSON object, in the order written (as
    /// [`param`](Self::param)): how the C ABI and Python take them.
    pub fn params_json(mut self, text: &str) -> Result<Self> {
        let Pairs(pairs) = read_json(text, "paramMap", "a JSON object")?;
        for (k, v) in pairs {
            self = self.param(k, v)?;
        }
        Ok(self)
    }
}

struct ParamMap<'a>(&'a [(String, Value)]);

impl Serialize for ParamMap<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FlowBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark: Option<&'a str>,
    schedule_at: u64,
    id: &'a str,
    flow_id: &'a str,
    param_map: ParamMap<'a>,
}

impl Operation for CreateFlowTask {
    type Config = Config;
    type Output = RpaTaskCreated;
    const NAME: &'static str = "geelark.create_flow_task";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&FlowBody {
            name: self.name.as_deref(),
            remark: self.remark.as_deref(),
            schedule_at: self.schedule_at,
            id: &self.id,
            flow_id: &self.flow_id,
            param_map: ParamMap(&self.params),
        })?;
        wire::build(ctx, "/open/v1/task/rpa/add", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<RpaTaskCreated> {
        super::rpa::parse_created(Self::NAME, response)
    }

    /// No: each call creates one more task.
    fn is_idempotent(&self) -> bool {
        false
    }
}
