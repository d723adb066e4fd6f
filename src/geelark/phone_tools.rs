//! What an operator does to a phone besides power and apps (reference
//! §3.1): inject an SMS, switch its network, hide accessibility services
//! from apps, move phones to a group, root them, import contacts (a task,
//! with its result call), give phones to another account, and the
//! one-click new machine (`v2/phone/newOne`: a new identity).

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::shapes::{Envelope, opt_int, to_body};
use super::wire;
use crate::batch::ItemFailure;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int};
use crate::limits::check_text;
use crate::op::{Context, Operation, check_id, unique_ids};

/// Most phones one root, hide-accessibility or move call takes.
pub const MAX_IDS: usize = 100;
/// Most phones one transfer takes (GeeLark ignores the rest).
pub const MAX_TRANSFER_IDS: usize = 200;

/// Per-item refusals in `data.failDetails` or `data.items` (code 0 is a
/// success there): phones for the phone tools, materials for
/// `material/tag/set`, tags for `analytics/tags/del` (the name stays from
/// the phone tools, which came first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PhoneResults {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// Items it worked for (those not refused, when GeeLark lists only
    /// refusals).
    pub succeeded: Vec<String>,
    /// Items refused, with GeeLark's code.
    pub failures: Vec<ItemFailure>,
}

impl From<PhoneResults> for crate::CallOutcome<super::shapes::ItemId> {
    fn from(r: PhoneResults) -> Self {
        crate::CallOutcome::new(
            r.succeeded
                .into_iter()
                .map(super::shapes::ItemId::new)
                .collect(),
            r.failures,
            r.envelope.trace_id,
        )
    }
}

#[derive(Deserialize)]
struct WireItem {
    #[serde(default, deserialize_with = "opt_string_or_int")]
    id: Option<String>,
    #[serde(default, deserialize_with = "opt_int")]
    code: Option<i64>,
    #[serde(default)]
    msg: Option<String>,
}

pub(crate) fn parse_results(
    name: &'static str,
    ids: &[String],
    response: &Response,
) -> Result<PhoneResults> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Wire {
        #[serde(default, deserialize_with = "null_default")]
        fail_details: Vec<WireItem>,
        #[serde(default, deserialize_with = "null_default")]
        items: Vec<WireItem>,
    }
    let a = wire::parse_opt::<Wire>(name, response)?;
    let envelope = Envelope::of(&a);
    let data = a.data.unwrap_or(Wire {
        fail_details: Vec::new(),
        items: Vec::new(),
    });
    let mut failures = Vec::new();
    for item in data.fail_details.into_iter().chain(data.items) {
        if let (Some(id), Some(code)) = (item.id, item.code.filter(|c| *c != 0)) {
            failures.push(ItemFailure::api(
                id,
                code.to_string(),
                item.msg.unwrap_or_default(),
            ));
        }
    }
    let succeeded = ids
        .iter()
        .filter(|id| !failures.iter().any(|f| &f.id == *id))
        .cloned()
        .collect();
    Ok(PhoneResults {
        envelope,
        succeeded,
        failures,
    })
}

/// Inject an SMS into a running phone (Android 12–15; 52001: the model has
/// no SMS): `POST /open/v1/phone/sendSms`.
#[derive(Clone, PartialEq, Eq)]
#[doc(alias = "phone/sendSms")]
pub struct SendSms {
    id: String,
    phone_number: String,
    text: String,
}

impl std::fmt::Debug for SendSms {
    /// The text is left out: it is often a one-time code.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SendSms")
            .field("id", &self.id)
            .field("phone_number", &self.phone_number)
            .field(
                "text",
                &format_args!("<{} characters>", self.text.chars().count()),
            )
            .finish()
    }
}

impl SendSms {
    /// `text` (≤ 1000 characters) from `phone_number` to the phone `id`.
    pub fn new(
        id: impl Into<String>,
        phone_number: impl Into<String>,
        text: impl Into<String>,
    ) -> Result<Self> {
        let (id, phone_number, text) = (id.into(), phone_number.into(), text.into());
        check_id("id", &id)?;
        check_text("phoneNumber", &phone_number, 32)?;
        if text.is_empty() || text.chars().count() > 1000 {
            return Err(invalid("text", "1 to 1000 characters"));
        }
        Ok(SendSms {
            id,
            phone_number,
            text,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SmsBody<'a> {
    id: &'a str,
    phone_number: &'a str,
    text: &'a str,
}

impl Operation for SendSms {
    type Config = Config;
    type Output = super::apps::Accepted;
    const NAME: &'static str = "geelark.send_sms";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&SmsBody {
            id: &self.id,
            phone_number: &self.phone_number,
            text: &self.text,
        })?;
        wire::build(ctx, "/open/v1/phone/sendSms", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::apps::Accepted> {
        super::apps::parse_accepted(Self::NAME, response)
    }

    /// No: a second call delivers a second message.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Switch a phone between Wi-Fi and mobile data (Android 12, 13, 15):
/// `POST /open/v1/phone/net/set`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/net/set")]
pub struct SetNetType {
    id: String,
    net_type: super::model::NetType,
}

impl SetNetType {
    /// Put the phone `id` on `net_type`.
    pub fn new(id: impl Into<String>, net_type: super::model::NetType) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        if matches!(net_type, super::model::NetType::Unknown(_)) {
            return Err(invalid("netType", "Wi-Fi or mobile"));
        }
        Ok(SetNetType { id, net_type })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NetBody<'a> {
    id: &'a str,
    net_type: u8,
}

impl Operation for SetNetType {
    type Config = Config;
    type Output = super::apps::Accepted;
    const NAME: &'static str = "geelark.set_net_type";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let net_type = match self.net_type {
            super::model::NetType::Wifi => 0,
            _ => 1,
        };
        let body = to_body(&NetBody {
            id: &self.id,
            net_type,
        })?;
        wire::build(ctx, "/open/v1/phone/net/set", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::apps::Accepted> {
        super::apps::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

fn package_names<I, S>(packages: I) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let out: Vec<String> = packages.into_iter().map(Into::into).collect();
    if out.is_empty() || out.len() > MAX_IDS {
        return Err(invalid("pkgName", format!("1 to {MAX_IDS} packages")));
    }
    for p in &out {
        check_text("pkgName", p, 255)?;
    }
    Ok(out)
}

/// Hide the accessibility services from these apps on these phones
/// (Android 12, 13, 15; overwrites the previous setting):
/// `POST /open/v1/phone/hideAccessibility`. Per-phone refusals.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/hideAccessibility")]
pub struct HideAccessibility {
    ids: Vec<String>,
    packages: Vec<String>,
}

impl HideAccessibility {
    /// From the apps `packages` on the phones `ids` (1 to [`MAX_IDS`] each).
    pub fn new<I, S, P, T>(ids: I, packages: P) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
        P: IntoIterator<Item = T>,
        T: Into<String>,
    {
        Ok(HideAccessibility {
            ids: unique_ids("ids", ids, MAX_IDS)?,
            packages: package_names(packages)?,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HideBody<'a> {
    ids: &'a [String],
    pkg_name: &'a [String],
}

impl Operation for HideAccessibility {
    type Config = Config;
    type Output = PhoneResults;
    const NAME: &'static str = "geelark.hide_accessibility";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&HideBody {
            ids: &self.ids,
            pkg_name: &self.packages,
        })?;
        wire::build(ctx, "/open/v1/phone/hideAccessibility", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PhoneResults> {
        parse_results(Self::NAME, &self.ids, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Move phones to a group (`"0"`: ungrouped): `POST /open/v1/phone/moveGroup`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/moveGroup")]
pub struct MoveToGroup {
    ids: Vec<String>,
    group_id: String,
}

impl MoveToGroup {
    /// The phones `ids` (1 to [`MAX_IDS`]) into the group `group_id`.
    pub fn new<I, S>(ids: I, group_id: impl Into<String>) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let group_id = group_id.into();
        check_id("groupId", &group_id)?;
        Ok(MoveToGroup {
            ids: unique_ids("envIds", ids, MAX_IDS)?,
            group_id,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MoveBody<'a> {
    env_ids: &'a [String],
    group_id: &'a str,
}

impl Operation for MoveToGroup {
    type Config = Config;
    type Output = super::apps::Accepted;
    const NAME: &'static str = "geelark.move_to_group";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&MoveBody {
            env_ids: &self.ids,
            group_id: &self.group_id,
        })?;
        wire::build(ctx, "/open/v1/phone/moveGroup", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::apps::Accepted> {
        super::apps::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Root on or off for running phones (Android 12–15):
/// `POST /open/v1/root/setStatus`. Per-phone results.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "root/setStatus")]
pub struct SetRoot {
    ids: Vec<String>,
    open: bool,
}

impl SetRoot {
    /// Root on (`open`) or off for the phones `ids` (1 to [`MAX_IDS`]).
    pub fn new<I, S>(ids: I, open: bool) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(SetRoot {
            ids: unique_ids("ids", ids, MAX_IDS)?,
            open,
        })
    }
}

#[derive(Serialize)]
struct RootBody<'a> {
    ids: &'a [String],
    open: bool,
}

impl Operation for SetRoot {
    type Config = Config;
    type Output = PhoneResults;
    const NAME: &'static str = "geelark.set_root";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&RootBody {
            ids: &self.ids,
            open: self.open,
        })?;
        wire::build(ctx, "/open/v1/root/setStatus", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PhoneResults> {
        parse_results(Self::NAME, &self.ids, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// One contact: at least one name and at least one number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Contact {
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Mobile number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    /// Work number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<String>,
    /// Fax number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<String>,
    /// First e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email1: Option<String>,
    /// Second e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email2: Option<String>,
}

fn has(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// Most contacts one import takes (GeeLark documents none).
pub const MAX_CONTACTS: usize = 10_000;

/// Import contacts into a phone (a task, queryable for an hour; webhook
/// type 14): `POST /open/v1/phone/importContacts`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/importContacts")]
pub struct ImportContacts {
    id: String,
    contacts: Vec<Contact>,
}

impl ImportContacts {
    /// `contacts` (1 to [`MAX_CONTACTS`], each with a first or last name
    /// and a mobile, work or fax number) into the phone `id`.
    pub fn new(id: impl Into<String>, contacts: Vec<Contact>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        if contacts.is_empty() || contacts.len() > MAX_CONTACTS {
            return Err(invalid("contacts", format!("1 to {MAX_CONTACTS} contacts")));
        }
        for (i, c) in contacts.iter().enumerate() {
            if !(has(&c.first_name) || has(&c.last_name))
                || !(has(&c.mobile) || has(&c.work) || has(&c.fax))
            {
                return Err(invalid(
                    "contacts",
                    format!(
                        "contact {i} needs a first or last name and a mobile, work or fax number"
                    ),
                ));
            }
        }
        Ok(ImportContacts { id, contacts })
    }
}

#[derive(Serialize)]
struct ContactsBody<'a> {
    id: &'a str,
    contacts: &'a [Contact],
}

impl Operation for ImportContacts {
    type Config = Config;
    type Output = super::files::FileTask;
    const NAME: &'static str = "geelark.import_contacts";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&ContactsBody {
            id: &self.id,
            contacts: &self.contacts,
        })?;
        wire::build(ctx, "/open/v1/phone/importContacts", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::files::FileTask> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(deserialize_with = "crate::json::string_or_int")]
            task_id: String,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(super::files::FileTask {
            envelope: Envelope::of(&a),
            task_id: a.data.task_id,
        })
    }

    /// No: each call imports the contacts again.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// How a contacts import stands: `POST /open/v1/phone/importContactsResult`
/// (1 in progress, 2 done, 3 failed).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/importContactsResult")]
pub struct GetContactsResult {
    task_id: String,
}

impl GetContactsResult {
    /// The task [`ImportContacts`] gave.
    pub fn new(task_id: impl Into<String>) -> Result<Self> {
        let task_id = task_id.into();
        check_id("taskId", &task_id)?;
        Ok(GetContactsResult { task_id })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TaskBody<'a> {
    task_id: &'a str,
}

impl Operation for GetContactsResult {
    type Config = Config;
    type Output = super::files::UploadResult;
    const NAME: &'static str = "geelark.get_contacts_result";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&TaskBody {
            task_id: &self.task_id,
        })?;
        wire::build(ctx, "/open/v1/phone/importContactsResult", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::files::UploadResult> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "opt_int")]
            status: Option<i64>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        use super::files::UploadState as S;
        let raw = a.data.status;
        Ok(super::files::UploadResult {
            envelope: Envelope::of(&a),
            state: match raw {
                Some(1) => S::InProgress,
                Some(2) => S::Succeeded,
                Some(3) => S::Failed,
                Some(n) => S::Unknown(n),
                None => S::Unknown(-1),
            },
            raw_status: raw,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// What travels with transferred phones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransferOption {
    /// `name`.
    Name,
    /// `proxy`.
    Proxy,
    /// `tag`.
    Tag,
    /// `remark`.
    Remark,
    /// `files`.
    Files,
}

impl TransferOption {
    fn as_str(self) -> &'static str {
        match self {
            TransferOption::Name => "name",
            TransferOption::Proxy => "proxy",
            TransferOption::Tag => "tag",
            TransferOption::Remark => "remark",
            TransferOption::Files => "files",
        }
    }
}

/// Give phones to another GeeLark account (40013: no such account; 43022:
/// yourself): `POST /open/v1/phone/transfer`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/transfer")]
pub struct TransferPhones {
    ids: Vec<String>,
    account: String,
    options: Vec<&'static str>,
}

impl TransferPhones {
    /// The phones `ids` (1 to [`MAX_TRANSFER_IDS`]) to the account
    /// `account` (its e-mail), with `options`.
    pub fn new<I, S>(ids: I, account: impl Into<String>, options: &[TransferOption]) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let account = account.into();
        check_text("account", &account, 255)?;
        if !account.contains('@') {
            return Err(invalid("account", "the receiving account's e-mail"));
        }
        let mut opts: Vec<&'static str> = options.iter().map(|o| o.as_str()).collect();
        opts.dedup();
        Ok(TransferPhones {
            ids: unique_ids("ids", ids, MAX_TRANSFER_IDS)?,
            account,
            options: opts,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TransferBody<'a> {
    ids: &'a [String],
    account: &'a str,
    #[serde(skip_serializing_if = "<[&str]>::is_empty")]
    transfer_option: &'a [&'static str],
}

impl Operation for TransferPhones {
    type Config = Config;
    type Output = PhoneResults;
    const NAME: &'static str = "geelark.transfer_phones";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&TransferBody {
            ids: &self.ids,
            account: &self.account,
            transfer_option: &self.options,
        })?;
        wire::build(ctx, "/open/v1/phone/transfer", body)
    }

    /// The answer is an array of `{successCount, failCount, failEnvIds}`:
    /// each listed phone failed (no code given: `transfer_failed`).
    fn parse_unchecked(&self, response: &Response) -> Result<PhoneResults> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default, deserialize_with = "null_default")]
            fail_env_ids: Vec<serde_json::Value>,
        }
        #[derive(Deserialize)]
        #[serde(transparent)]
        struct List(#[serde(deserialize_with = "null_default")] Vec<Wire>);
        let a = wire::parse::<List>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let failed: Vec<String> = a
            .data
            .0
            .into_iter()
            .flat_map(|w| w.fail_env_ids)
            .filter_map(|v| match v {
                serde_json::Value::String(s) => Some(s),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect();
        Ok(PhoneResults {
            envelope,
            succeeded: self
                .ids
                .iter()
                .filter(|id| !failed.contains(id))
                .cloned()
                .collect(),
            failures: failed
                .into_iter()
                .map(|id| ItemFailure::api(id, "transfer_failed", "GeeLark did not transfer it"))
                .collect(),
        })
    }

    /// No: transferred phones are another account's; a retry fails them.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// A new identity for a phone (its brand and model randomised unless kept;
/// device id changes): `POST /open/v2/phone/newOne`, synchronous.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/newOne")]
pub struct NewIdentity {
    id: String,
    change_brand_model: bool,
    keep_net_type: bool,
    keep_phone_number: bool,
    keep_region: bool,
    keep_language: bool,
}

impl NewIdentity {
    /// Everything new for the phone `id` (GeeLark's defaults).
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        Ok(NewIdentity {
            id,
            change_brand_model: true,
            keep_net_type: false,
            keep_phone_number: false,
            keep_region: false,
            keep_language: false,
        })
    }

    /// Keep the brand and model.
    pub fn keep_brand_model(mut self) -> Self {
        self.change_brand_model = false;
        self
    }

    /// Keep the network type, the phone number, the region and the
    /// language (each `true` kept).
    pub fn keep(
        mut self,
        net_type: bool,
        phone_number: bool,
        region: bool,
        language: bool,
    ) -> Self {
        self.keep_net_type = net_type;
        self.keep_phone_number = phone_number;
        self.keep_region = region;
        self.keep_language = language;
        self
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewOneBody<'a> {
    id: &'a str,
    change_brand_model: bool,
    keep_net_type: bool,
    keep_phone_number: bool,
    keep_region: bool,
    keep_language: bool,
}

impl Operation for NewIdentity {
    type Config = Config;
    type Output = super::apps::Accepted;
    const NAME: &'static str = "geelark.new_identity";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&NewOneBody {
            id: &self.id,
            change_brand_model: self.change_brand_model,
            keep_net_type: self.keep_net_type,
            keep_phone_number: self.keep_phone_number,
            keep_region: self.keep_region,
            keep_language: self.keep_language,
        })?;
        wire::build(ctx, "/open/v2/phone/newOne", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::apps::Accepted> {
        super::apps::parse_accepted(Self::NAME, response)
    }

    /// No: each call randomises the identity again.
    fn is_idempotent(&self) -> bool {
        false
    }
}
