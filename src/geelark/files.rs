//! Files (reference §3.6): a presigned upload URL (`upload/getUrl`), the
//! upload itself as a sans-IO request ([`UploadTarget::put`]: a PUT of the
//! raw bytes with no header but `Content-Length`, as GeeLark's own CLI
//! sends it), then the file onto a phone (`phone/uploadFile`, lands in
//! Downloads) or a Play-Integrity keybox (`phone/keyboxUpload`), each with
//! its result call.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::shapes::{Envelope, opt_int, to_body};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::op::{Context, Operation, check_id};
use crate::secret::Secret;

/// The file types `upload/getUrl` takes.
pub const FILE_TYPES: [&str; 13] = [
    "jpg", "jpeg", "png", "gif", "bmp", "webp", "heif", "heic", "mp4", "webm", "xml", "apk", "xapk",
];

/// Largest file one PUT carries here (the presigned URL lives 30 minutes).
pub const MAX_UPLOAD_LEN: usize = 2 << 30;

/// A file type `upload/getUrl` and `material/getUploadUrl` take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FileType(&'static str);

impl FileType {
    /// One of [`FILE_TYPES`], in any case.
    pub(crate) fn parse(file_type: &str) -> Result<Self> {
        FILE_TYPES
            .iter()
            .find(|t| t.eq_ignore_ascii_case(file_type))
            .map(|t| FileType(t))
            .ok_or_else(|| invalid("fileType", format!("one of {}", FILE_TYPES.join(", "))))
    }

    /// The body `{"fileType": …}`.
    pub(crate) fn body(self) -> Result<Vec<u8>> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct TypeBody {
            file_type: &'static str,
        }
        to_body(&TypeBody { file_type: self.0 })
    }
}

/// Ask for a presigned upload URL: `POST /open/v1/upload/getUrl`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "upload/getUrl")]
pub struct GetUploadUrl {
    file_type: FileType,
}

impl GetUploadUrl {
    /// For a file of `file_type` (one of [`FILE_TYPES`], e.g. `mp4`).
    pub fn new(file_type: &str) -> Result<Self> {
        Ok(GetUploadUrl {
            file_type: FileType::parse(file_type)?,
        })
    }
}

/// Where to PUT a file and the URL it will have (kept three days).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UploadTarget {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The presigned URL (a capability: anyone holding it may write the
    /// file for 30 minutes; redacted in `Debug`).
    pub upload_url: Secret,
    /// The file's URL once uploaded: what `phone/uploadFile` and the
    /// creators' `video`/`images` take.
    pub resource_url: String,
}

/// The reading of `{uploadUrl, resourceUrl}`.
pub(crate) fn parse_target(name: &'static str, response: &Response) -> Result<UploadTarget> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Wire {
        upload_url: String,
        resource_url: String,
    }
    let a = wire::parse::<Wire>(name, response)?;
    Ok(UploadTarget {
        envelope: Envelope::of(&a),
        upload_url: Secret::new(a.data.upload_url),
        resource_url: a.data.resource_url,
    })
}

impl UploadTarget {
    /// The upload of `body` to this target: an [`UploadFile`] operation.
    pub fn put(&self, body: Vec<u8>) -> Result<UploadFile> {
        UploadFile::new(self.upload_url.expose(), body)
    }
}

impl Operation for GetUploadUrl {
    type Config = Config;
    type Output = UploadTarget;
    const NAME: &'static str = "geelark.get_upload_url";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/upload/getUrl", self.file_type.body()?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<UploadTarget> {
        parse_target(Self::NAME, response)
    }

    /// Yes: each call hands out a fresh URL; nothing is stored yet.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// The upload itself, a sans-IO request: `PUT {upload_url}` with the raw
/// bytes and only a `Content-Length` header (no GeeLark authentication: a
/// `Content-Type` the presigned URL was not signed with can be refused by
/// the store). The answer is HTTP 200 with no envelope; any other status is
/// an error carrying the store's text.
#[derive(Clone, PartialEq, Eq)]
pub struct UploadFile {
    url: Secret,
    body: Vec<u8>,
}

impl std::fmt::Debug for UploadFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadFile")
            .field("url", &self.url)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

impl UploadFile {
    /// `body` (at most [`MAX_UPLOAD_LEN`] bytes) to the presigned
    /// `upload_url` (an [`UploadTarget::upload_url`]).
    pub fn new(upload_url: impl Into<String>, body: Vec<u8>) -> Result<Self> {
        let url = upload_url.into();
        if body.len() > MAX_UPLOAD_LEN {
            return Err(invalid("body", "larger than 2 GiB"));
        }
        if !(url.starts_with("https://") || url.starts_with("http://"))
            || url.len() > 8192
            || url.chars().any(|c| c.is_control() || c == ' ')
        {
            return Err(invalid("upload_url", "not an http(s) URL"));
        }
        Ok(UploadFile {
            url: Secret::new(url),
            body,
        })
    }
}

/// What the store said to an upload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Uploaded {
    /// The HTTP status (2xx).
    pub http_status: u16,
    /// Bytes sent.
    pub bytes: usize,
}

impl Operation for UploadFile {
    type Config = Config;
    type Output = Uploaded;
    const NAME: &'static str = "geelark.upload_file";

    /// The configuration is not used: the URL carries its own signature.
    fn build(&self, _ctx: &Context<'_, Config>) -> Result<Request> {
        Ok(Request {
            method: Method::Put,
            url: self.url.expose().to_owned(),
            headers: vec![("Content-Length".into(), self.body.len().to_string())],
            body: self.body.clone(),
        })
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Uploaded> {
        if response.is_success() {
            return Ok(Uploaded {
                http_status: response.status,
                bytes: self.body.len(),
            });
        }
        Err(crate::Error::Api(Box::new(crate::error::ApiError {
            provider: crate::phone::Provider::GeeLark,
            http_status: response.status,
            code: response.status.to_string(),
            message: crate::http::body_text(&response.body),
            request_id: None,
            retry_after_secs: None,
        })))
    }

    /// Yes: the same bytes to the same object.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// The task an upload started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FileTask {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The task (ask its result with the matching result call).
    pub task_id: String,
}

fn parse_task(name: &'static str, response: &Response) -> Result<FileTask> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Wire {
        #[serde(deserialize_with = "crate::json::string_or_int")]
        task_id: String,
    }
    let a = wire::parse::<Wire>(name, response)?;
    Ok(FileTask {
        envelope: Envelope::of(&a),
        task_id: a.data.task_id,
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileBody<'a> {
    id: &'a str,
    file_url: &'a str,
}

fn check_file_url(url: &str) -> Result<()> {
    crate::limits::check_text("fileUrl", url, 2048)?;
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
        return Err(invalid("fileUrl", "must be an http(s) URL"));
    }
    Ok(())
}

/// Put a file (a URL, e.g. an [`UploadTarget::resource_url`]) into a
/// running phone's Downloads: `POST /open/v1/phone/uploadFile`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/uploadFile")]
pub struct UploadToPhone {
    id: String,
    file_url: String,
}

impl UploadToPhone {
    /// The file at `file_url` onto the phone `id`.
    pub fn new(id: impl Into<String>, file_url: impl Into<String>) -> Result<Self> {
        let (id, file_url) = (id.into(), file_url.into());
        check_id("id", &id)?;
        check_file_url(&file_url)?;
        Ok(UploadToPhone { id, file_url })
    }
}

impl Operation for UploadToPhone {
    type Config = Config;
    type Output = FileTask;
    const NAME: &'static str = "geelark.upload_to_phone";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&FileBody {
            id: &self.id,
            file_url: &self.file_url,
        })?;
        wire::build(ctx, "/open/v1/phone/uploadFile", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<FileTask> {
        parse_task(Self::NAME, response)
    }

    /// No: each call puts another copy.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Install a Play-Integrity keybox (an XML file's URL) on a phone (Android
/// 12, 13, 15): `POST /open/v1/phone/keyboxUpload`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/keyboxUpload")]
pub struct UploadKeybox {
    id: String,
    file_url: String,
}

impl UploadKeybox {
    /// The keybox at `file_url` onto the phone `id`.
    pub fn new(id: impl Into<String>, file_url: impl Into<String>) -> Result<Self> {
        let (id, file_url) = (id.into(), file_url.into());
        check_id("id", &id)?;
        check_file_url(&file_url)?;
        Ok(UploadKeybox { id, file_url })
    }
}

impl Operation for UploadKeybox {
    type Config = Config;
    type Output = FileTask;
    const NAME: &'static str = "geelark.upload_keybox";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&FileBody {
            id: &self.id,
            file_url: &self.file_url,
        })?;
        wire::build(ctx, "/open/v1/phone/keyboxUpload", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<FileTask> {
        parse_task(Self::NAME, response)
    }

    /// Yes: the same keybox again leaves the phone as it was.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Where an upload stands, as the result calls say it (their numbering
/// differs: see each call).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UploadState {
    /// Still running.
    InProgress,
    /// Done.
    Succeeded,
    /// Failed.
    Failed,
    /// The phone could not fetch the file (`phone/uploadFile/result` 0).
    FetchFailed,
    /// Any other code, kept.
    Unknown(i64),
}

/// The answer of a result call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UploadResult {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The state.
    pub state: UploadState,
    /// The raw `status` code.
    pub raw_status: Option<i64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TaskBody<'a> {
    task_id: &'a str,
}

fn parse_result(
    name: &'static str,
    response: &Response,
    map: fn(i64) -> UploadState,
) -> Result<UploadResult> {
    #[derive(Deserialize)]
    struct Wire {
        #[serde(default, deserialize_with = "opt_int")]
        status: Option<i64>,
    }
    let a = wire::parse::<Wire>(name, response)?;
    let raw = a.data.status;
    Ok(UploadResult {
        envelope: Envelope::of(&a),
        state: raw.map_or(UploadState::Unknown(-1), map),
        raw_status: raw,
    })
}

fn check_task(task_id: String) -> Result<String> {
    check_id("taskId", &task_id)?;
    Ok(task_id)
}

/// How a file upload to a phone stands (asked within an hour):
/// `POST /open/v1/phone/uploadFile/result` (0 fetch failed, 1 uploading, 2
/// done, 3 failed).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/uploadFile/result")]
pub struct GetUploadResult {
    task_id: String,
}

impl GetUploadResult {
    /// The task [`UploadToPhone`] gave.
    pub fn new(task_id: impl Into<String>) -> Result<Self> {
        Ok(GetUploadResult {
            task_id: check_task(task_id.into())?,
        })
    }
}

impl Operation for GetUploadResult {
    type Config = Config;
    type Output = UploadResult;
    const NAME: &'static str = "geelark.get_upload_result";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&TaskBody {
            task_id: &self.task_id,
        })?;
        wire::build(ctx, "/open/v1/phone/uploadFile/result", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<UploadResult> {
        parse_result(Self::NAME, response, |s| match s {
            0 => UploadState::FetchFailed,
            1 => UploadState::InProgress,
            2 => UploadState::Succeeded,
            3 => UploadState::Failed,
            n => UploadState::Unknown(n),
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// How a keybox upload stands: `POST /open/v1/phone/keyboxUpload/result`
/// (0 uploading, 1 done, 2 failed: another numbering than the file
/// upload's). Sent with `taskId` as the OA documents (GeeLark's CLI sends
/// `id`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/keyboxUpload/result")]
pub struct GetKeyboxResult {
    task_id: String,
}

impl GetKeyboxResult {
    /// The task [`UploadKeybox`] gave.
    pub fn new(task_id: impl Into<String>) -> Result<Self> {
        Ok(GetKeyboxResult {
            task_id: check_task(task_id.into())?,
        })
    }
}

impl Operation for GetKeyboxResult {
    type Config = Config;
    type Output = UploadResult;
    const NAME: &'static str = "geelark.get_keybox_result";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&TaskBody {
            task_id: &self.task_id,
        })?;
        wire::build(ctx, "/open/v1/phone/keyboxUpload/result", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<UploadResult> {
        parse_result(Self::NAME, response, |s| match s {
            0 => UploadState::InProgress,
            1 => UploadState::Succeeded,
            2 => UploadState::Failed,
            n => UploadState::Unknown(n),
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
