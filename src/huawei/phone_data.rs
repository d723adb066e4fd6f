//! A phone's data and traffic: back it up to OBS and restore it from there
//! (jobs), grow its data disk (**billable**), and choose how its traffic
//! leaves (direct or routed).

use serde::Serialize;

use super::config::Config;
use super::jobs::{JobsReport, parse_jobs_started};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::limits::check_len;
use crate::op::{Context, Operation, check_path_segment};

/// Most phones one call of this module takes (our chunk: the reference
/// documents no maximum for the backup, restore and volume calls, and 100
/// for traffic).
pub const MAX_IDS: usize = 100;
/// The largest data disk, in GiB.
pub const MAX_VOLUME_GIB: u32 = 32_768;

/// An OBS object: the bucket (3 to 63 characters: lower-case letters,
/// digits, `-` and `.`) and the object's path (at most 1,024 characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObsObject {
    bucket_name: String,
    object_path: String,
}

impl ObsObject {
    /// Checks the names as the API documents them.
    pub fn new(bucket_name: impl Into<String>, object_path: impl Into<String>) -> Result<Self> {
        let (bucket_name, object_path) = (bucket_name.into(), object_path.into());
        let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.';
        if !(3..=63).contains(&bucket_name.len()) || !bucket_name.chars().all(ok) {
            return Err(invalid(
                "bucket_name",
                "3 to 63 characters from a-z, 0-9, '-' and '.'",
            ));
        }
        check_len("object_path", &object_path, 1024)?;
        if object_path.is_empty() || object_path.chars().any(char::is_control) {
            return Err(invalid("object_path", "empty or with a control character"));
        }
        Ok(ObsObject {
            bucket_name,
            object_path,
        })
    }

    /// The bucket and the object's path.
    pub(crate) fn parts(&self) -> (&str, &str) {
        (&self.bucket_name, &self.object_path)
    }
}

/// Checks a phone file path: absolute, under `/data` or `/cache`, at most
/// 4,096 bytes of letters, digits and `. / - _ + # * ~ =`, `*` only last.
fn check_phone_path(field: &'static str, path: &str) -> Result<()> {
    check_len(field, path, 4096)?;
    let ok = |c: char| c.is_ascii_alphanumeric() || "./-_+#*~=".contains(c);
    let under = ["/data", "/cache"]
        .iter()
        .any(|root| path == *root || path.starts_with(&format!("{root}/")));
    let star = path.find('*').is_none_or(|i| i + 1 == path.len());
    if !under || !path.chars().all(ok) || !star || path.contains("..") {
        return Err(invalid(
            field,
            "an absolute path under /data or /cache, letters, digits and . / - _ + # * ~ = ('*' only last)",
        ));
    }
    Ok(())
}

/// One phone's backup: what to take and where to put it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    phone_id: String,
    include: Vec<String>,
    exclude: Vec<String>,
    to: ObsObject,
}

impl Backup {
    /// Back up `include` (paths under `/data` or `/cache`; `*` only at the
    /// end), less `exclude`, of `phone_id` to `to`.
    pub fn new<I, S>(phone_id: impl Into<String>, include: I, to: ObsObject) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let phone_id = phone_id.into();
        check_path_segment("phone_id", &phone_id)?;
        let include: Vec<String> = include.into_iter().map(Into::into).collect();
        if include.is_empty() {
            return Err(invalid("include_files", "name at least one path"));
        }
        for p in &include {
            check_phone_path("include_files", p)?;
        }
        Ok(Backup {
            phone_id,
            include,
            exclude: Vec::new(),
            to,
        })
    }

    /// Leave these paths out (they win over `include`).
    pub fn exclude<I, S>(mut self, exclude: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.exclude = exclude.into_iter().map(Into::into).collect();
        for p in &self.exclude {
            check_phone_path("exclude_files", p)?;
        }
        Ok(self)
    }
}

/// Checks 1 to [`MAX_IDS`] entries with distinct phones.
fn distinct_phones<'a>(ids: impl Iterator<Item = &'a str>, n: usize) -> Result<()> {
    if n == 0 || n > MAX_IDS {
        return Err(invalid("phones", format!("1 to {MAX_IDS} phones a call")));
    }
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(invalid("phones", "a phone appears twice"));
        }
    }
    Ok(())
}

/// Back phones' data up to OBS (the project needs the CPH→OBS agency;
/// shared apps are not exported): `POST /v1/{project_id}/cloud-phone/phones/batch-storage`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(
    alias = "BatchExportCloudPhoneData",
    alias = "batch_export_cloud_phone_data"
)]
pub struct BackupPhones {
    backups: Vec<Backup>,
}

impl BackupPhones {
    /// 1 to [`MAX_IDS`] backups of distinct phones.
    pub fn new(backups: Vec<Backup>) -> Result<Self> {
        distinct_phones(backups.iter().map(|b| b.phone_id.as_str()), backups.len())?;
        Ok(BackupPhones { backups })
    }
}

#[derive(Serialize)]
struct StorageInfo<'a> {
    phone_id: &'a str,
    include_files: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    exclude_files: &'a [String],
    bucket_name: &'a str,
    object_path: &'a str,
}

#[derive(Serialize)]
struct StorageBody<'a> {
    storage_infos: Vec<StorageInfo<'a>>,
}

fn post(ctx: &Context<'_, Config>, rest: &str, body: &impl Serialize) -> Result<Request> {
    let body = serde_json::to_vec(body).map_err(|e| invalid("body", e.to_string()))?;
    let path = wire::project_path(ctx.config, "v1", rest);
    wire::build(ctx, Method::Post, path, Vec::new(), Some(body))
}

impl Operation for BackupPhones {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.backup_phones";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let storage_infos = self
            .backups
            .iter()
            .map(|b| StorageInfo {
                phone_id: &b.phone_id,
                include_files: &b.include,
                exclude_files: &b.exclude,
                bucket_name: &b.to.bucket_name,
                object_path: &b.to.object_path,
            })
            .collect();
        post(
            ctx,
            "cloud-phone/phones/batch-storage",
            &StorageBody { storage_infos },
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Restore phones' data from OBS (into the same or a newer Android; restart
/// the phone afterwards): `POST /v1/{project_id}/cloud-phone/phones/batch-restore`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(
    alias = "BatchImportCloudPhoneData",
    alias = "batch_import_cloud_phone_data"
)]
pub struct RestorePhones {
    restores: Vec<(String, ObsObject)>,
}

impl RestorePhones {
    /// `(phone_id, backup)` pairs, 1 to [`MAX_IDS`] distinct phones.
    pub fn new<I, S>(restores: I) -> Result<Self>
    where
        I: IntoIterator<Item = (S, ObsObject)>,
        S: Into<String>,
    {
        let restores: Vec<(String, ObsObject)> =
            restores.into_iter().map(|(p, o)| (p.into(), o)).collect();
        for (p, _) in &restores {
            check_path_segment("phone_id", p)?;
        }
        distinct_phones(restores.iter().map(|(p, _)| p.as_str()), restores.len())?;
        Ok(RestorePhones { restores })
    }
}

#[derive(Serialize)]
struct RestoreInfo<'a> {
    phone_id: &'a str,
    bucket_name: &'a str,
    object_path: &'a str,
}

#[derive(Serialize)]
struct RestoreBody<'a> {
    restore_infos: Vec<RestoreInfo<'a>>,
}

impl Operation for RestorePhones {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.restore_phones";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let restore_infos = self
            .restores
            .iter()
            .map(|(p, o)| RestoreInfo {
                phone_id: p,
                bucket_name: &o.bucket_name,
                object_path: &o.object_path,
            })
            .collect();
        post(
            ctx,
            "cloud-phone/phones/batch-restore",
            &RestoreBody { restore_infos },
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Grow phones' data disks (**billable**; a disk only grows):
/// `POST /v1/{project_id}/cloud-phone/phones/expand-volume`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(
    alias = "ExpandPhoneDataVolumeSize",
    alias = "expand_phone_data_volume_size"
)]
pub struct ExpandDataVolumes {
    phones: Vec<(String, u32)>,
}

impl ExpandDataVolumes {
    /// `(phone_id, new_size_gib)` pairs (1 to [`MAX_VOLUME_GIB`]; the API
    /// refuses a size below the current one), 1 to [`MAX_IDS`] phones.
    pub fn new<I, S>(phones: I) -> Result<Self>
    where
        I: IntoIterator<Item = (S, u32)>,
        S: Into<String>,
    {
        let phones: Vec<(String, u32)> = phones.into_iter().map(|(p, n)| (p.into(), n)).collect();
        for (p, size) in &phones {
            check_path_segment("phone_id", p)?;
            if !(1..=MAX_VOLUME_GIB).contains(size) {
                return Err(invalid("new_size", "1 to 32768 GiB"));
            }
        }
        distinct_phones(phones.iter().map(|(p, _)| p.as_str()), phones.len())?;
        Ok(ExpandDataVolumes { phones })
    }
}

#[derive(Serialize)]
struct PhoneSize<'a> {
    phone_id: &'a str,
    new_size: u32,
}

#[derive(Serialize)]
struct ExpandBody<'a> {
    phones: Vec<PhoneSize<'a>>,
}

impl Operation for ExpandDataVolumes {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.expand_data_volumes";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let phones = self
            .phones
            .iter()
            .map(|(p, n)| PhoneSize {
                phone_id: p,
                new_size: *n,
            })
            .collect();
        post(
            ctx,
            "cloud-phone/phones/expand-volume",
            &ExpandBody { phones },
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// How a phone's traffic leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TrafficType {
    /// Straight out of the server.
    Direct,
    /// Through the project's routing.
    Routing,
}

/// Choose how phones' traffic leaves: `POST /v1/{project_id}/cloud-phone/phones-traffic`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ImportTraffic", alias = "import_traffic")]
pub struct SetTraffic {
    traffic: TrafficType,
    phone_ids: Vec<String>,
}

impl SetTraffic {
    /// 1 to [`MAX_IDS`] distinct phones.
    pub fn new<I, S>(traffic: TrafficType, phone_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(SetTraffic {
            traffic,
            phone_ids: crate::op::unique_ids("phone_ids", phone_ids, MAX_IDS)?,
        })
    }
}

#[derive(Serialize)]
struct TrafficBody<'a> {
    traffic_type: &'static str,
    phone_ids: &'a [String],
}

impl Operation for SetTraffic {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.set_traffic";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let traffic_type = match self.traffic {
            TrafficType::Direct => "direct",
            TrafficType::Routing => "routing",
        };
        post(
            ctx,
            "cloud-phone/phones-traffic",
            &TrafficBody {
                traffic_type,
                phone_ids: &self.phone_ids,
            },
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
