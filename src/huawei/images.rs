//! Images: the phone images a phone can run (`phone-images`: public ones,
//! the project's own and those shared with it — what
//! [`RestartPhones::with_image`](super::lifecycle::RestartPhones::with_image)
//! and [`ResetPhones::with_image`](super::lifecycle::ResetPhones::with_image)
//! take), and the project's custom images (`images`) with their state.
//!
//! The two listings page differently, as the API does: phone images by
//! marker (`page_info.next_marker`, no total), custom images by offset with
//! a `total`.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::listing::{Listing, MarkerListing};
use super::phones::opt_int;
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::json::null_default;
use crate::limits::check_len;
use crate::op::{Context, Operation};
use crate::page::Pager;

/// Largest `limit` of the phone-image list (the API's maximum and default).
pub const MAX_PHONE_IMAGES_LIMIT: u32 = 500;
/// Largest `limit` of the custom-image list.
pub const MAX_IMAGES_LIMIT: u32 = 100;
/// Longest marker or filter text sent back to the API.
const MAX_TEXT: usize = 256;

/// Which images a listing covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ImageType {
    /// Huawei's public images (phone images only).
    Public,
    /// The project's own.
    Private,
    /// Shared with the project by another.
    Share,
    /// All of them (phone images only).
    All,
}

impl ImageType {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageType::Public => "public",
            ImageType::Private => "private",
            ImageType::Share => "share",
            ImageType::All => "all",
        }
    }
}

/// List the images phones can use:
/// `GET /v1/{project_id}/cloud-phone/phone-images`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ListCloudPhoneImages", alias = "list_cloud_phone_images")]
pub struct ListPhoneImages {
    listing: MarkerListing,
}

impl Default for ListPhoneImages {
    fn default() -> Self {
        ListPhoneImages {
            listing: MarkerListing::new(MAX_PHONE_IMAGES_LIMIT, MAX_PHONE_IMAGES_LIMIT),
        }
    }
}

impl ListPhoneImages {
    /// The first page of up to 500 images of every kind the API lists by
    /// default.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only images of this kind.
    pub fn image_type(mut self, t: ImageType) -> Self {
        // A fixed wire value: never refused.
        let _ = self.listing.add_filter("image_type", t.as_str().to_owned());
        self
    }

    /// Images per page (1 to 500).
    pub fn limit(mut self, limit: u32) -> Result<Self> {
        self.listing.set_limit(limit)?;
        Ok(self)
    }

    /// The page after `marker` (a previous page's `next_marker`).
    pub fn after(mut self, marker: impl Into<String>) -> Result<Self> {
        self.listing.set_after(marker.into())?;
        Ok(self)
    }
}

/// One image a phone can run. Field names are the API's (the official
/// SDK's `PhoneImage`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct PhoneImage {
    /// The image id (what `with_image` takes).
    pub image_id: String,
    /// Its name.
    #[serde(default)]
    pub image_name: Option<String>,
    /// The OS family, e.g. `Android`.
    #[serde(default)]
    pub os_type: Option<String>,
    /// The OS name and version.
    #[serde(default)]
    pub os_name: Option<String>,
    /// 1 public, 2 private.
    #[serde(default, deserialize_with = "opt_int")]
    pub is_public: Option<i64>,
    /// Label, e.g. `cloud_phone` or `cloud_game`.
    #[serde(default)]
    pub image_label: Option<String>,
    /// Whether phones on it can encrypt their data.
    #[serde(default)]
    pub is_support_encrypt: Option<bool>,
    /// For a shared image: 0 pending, 1 accepted, 2 rejected.
    #[serde(default, deserialize_with = "opt_int")]
    pub receive_status: Option<i64>,
}

/// Marker paging: where the next page starts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct PageInfo {
    /// The marker of the next page; absent or empty on the last.
    #[serde(default)]
    pub next_marker: Option<String>,
}

/// One page of phone images.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct PhoneImageList {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The images.
    #[serde(default, deserialize_with = "null_default")]
    pub phone_images: Vec<PhoneImage>,
    /// Where the next page starts.
    #[serde(default, deserialize_with = "null_default")]
    pub page_info: PageInfo,
}

impl Operation for ListPhoneImages {
    type Config = Config;
    type Output = PhoneImageList;
    const NAME: &'static str = "huawei.list_phone_images";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.listing.build(ctx, "cloud-phone/phone-images")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PhoneImageList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListPhoneImages {
    /// The page after `next_marker`; none when it is absent, empty, or the
    /// marker just sent (a server that hands back the same marker would
    /// otherwise be asked forever).
    fn next_page(&self, last: &PhoneImageList) -> Option<Self> {
        let listing = self.listing.next(&last.page_info)?;
        Some(ListPhoneImages { listing })
    }

    fn item_ids(page: &PhoneImageList, each: &mut dyn FnMut(Option<&str>)) {
        page.phone_images
            .iter()
            .for_each(|i| each(Some(&i.image_id)));
    }
}

/// List the project's custom images (its own, or shared with it):
/// `GET /v1/{project_id}/cloud-phone/images`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "list_images")]
pub struct ListImages {
    listing: Listing,
}

impl Default for ListImages {
    fn default() -> Self {
        ListImages {
            listing: Listing::new(MAX_IMAGES_LIMIT, MAX_IMAGES_LIMIT),
        }
    }
}

impl ListImages {
    /// The first page of 100 custom images.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page (offset ≥ 0, limit 1 to 100).
    pub fn page(mut self, offset: u32, limit: u32) -> Result<Self> {
        self.listing.set_page(offset, limit)?;
        Ok(self)
    }

    fn filter(mut self, key: &'static str, value: String) -> Result<Self> {
        check_len(key, &value, MAX_TEXT)?;
        self.listing.set_filter(key, value)?;
        Ok(self)
    }

    /// Only the project's own ([`ImageType::Private`]) or shared ones
    /// ([`ImageType::Share`]).
    pub fn image_type(self, t: ImageType) -> Result<Self> {
        if !matches!(t, ImageType::Private | ImageType::Share) {
            return Err(invalid("image_type", "custom images are private or share"));
        }
        self.filter("image_type", t.as_str().to_owned())
    }

    /// Only images in this state: 0 creating, 1 usable, 2 creation failed.
    pub fn status(self, status: i64) -> Result<Self> {
        if !(0..=2).contains(&status) {
            return Err(invalid("status", "must be 0, 1 or 2"));
        }
        self.filter("status", status.to_string())
    }

    /// Only this image.
    pub fn image_id(self, id: impl Into<String>) -> Result<Self> {
        self.filter("image_id", id.into())
    }

    /// Only images whose name contains `name`.
    pub fn image_name(self, name: impl Into<String>) -> Result<Self> {
        self.filter("image_name", name.into())
    }

    /// Only images created at or after this Unix time (milliseconds).
    pub fn create_since(self, unix_ms: u64) -> Result<Self> {
        self.filter("create_since", unix_ms.to_string())
    }

    /// Only images created at or before this Unix time (milliseconds).
    pub fn create_until(self, unix_ms: u64) -> Result<Self> {
        self.filter("create_until", unix_ms.to_string())
    }

    /// Only images shared from this project.
    pub fn src_project_id(self, project_id: impl Into<String>) -> Result<Self> {
        self.filter("src_project_id", project_id.into())
    }
}

/// One custom image. Field names are the API's (the official SDK's
/// `ListImagesView`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Image {
    /// The image id.
    pub image_id: String,
    /// Its name.
    #[serde(default)]
    pub image_name: Option<String>,
    /// 0 creating, 1 usable, 2 creation failed.
    #[serde(default, deserialize_with = "opt_int")]
    pub status: Option<i64>,
    /// `private` or `share`.
    #[serde(default)]
    pub image_type: Option<String>,
    /// Its version.
    #[serde(default)]
    pub image_version: Option<String>,
    /// Size in bytes.
    #[serde(default, deserialize_with = "opt_int")]
    pub image_size: Option<i64>,
    /// The owning account.
    #[serde(default)]
    pub domain_id: Option<String>,
    /// The owning project.
    #[serde(default)]
    pub project_id: Option<String>,
    /// For a shared image, the project it came from.
    #[serde(default)]
    pub src_project_id: Option<String>,
    /// Created (UTC text).
    #[serde(default)]
    pub create_time: Option<String>,
    /// Updated (UTC text).
    #[serde(default)]
    pub update_time: Option<String>,
}

/// One page of custom images.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ImageList {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// How many images match in all.
    #[serde(default)]
    pub total: Option<u64>,
    /// The images.
    #[serde(default, deserialize_with = "null_default")]
    pub image_infos: Vec<Image>,
}

impl Operation for ListImages {
    type Config = Config;
    type Output = ImageList;
    const NAME: &'static str = "huawei.list_images";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.listing.build(ctx, "cloud-phone/images")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ImageList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListImages {
    fn next_page(&self, last: &ImageList) -> Option<Self> {
        let listing = self.listing.next(last.image_infos.len(), last.total)?;
        Some(ListImages { listing })
    }

    fn item_ids(page: &ImageList, each: &mut dyn FnMut(Option<&str>)) {
        page.image_infos
            .iter()
            .for_each(|i| each(Some(&i.image_id)));
    }
}

/// Most projects one image is shared with.
pub const MAX_IMAGE_MEMBERS: usize = 10;
/// Largest `limit` of the image-member list.
pub const MAX_IMAGE_MEMBERS_LIMIT: u32 = 100;

fn image_path(ctx: &Context<'_, Config>, image_id: &str, tail: &str) -> String {
    wire::project_path(
        ctx.config,
        "v1",
        &format!("cloud-phone/images/{image_id}{tail}"),
    )
}

fn json_body(field: &'static str, body: &impl Serialize) -> Result<Vec<u8>> {
    serde_json::to_vec(body).map_err(|e| invalid(field, e.to_string()))
}

/// Delete a custom image: `DELETE /v1/{project_id}/cloud-phone/images/{image_id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "delete_image")]
pub struct DeleteImage {
    image_id: String,
}

impl DeleteImage {
    /// The custom image to delete.
    pub fn new(image_id: impl Into<String>) -> Result<Self> {
        let image_id = image_id.into();
        crate::op::check_path_segment("image_id", &image_id)?;
        Ok(DeleteImage { image_id })
    }
}

impl Operation for DeleteImage {
    type Config = Config;
    type Output = super::phones::Accepted;
    const NAME: &'static str = "huawei.delete_image";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            Method::Delete,
            image_path(ctx, &self.image_id, ""),
            Vec::new(),
            None,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::phones::Accepted> {
        super::phones::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Share a custom image with another project of the same region:
/// `POST /v1/{project_id}/cloud-phone/images/{image_id}/members`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "add_image_member")]
pub struct AddImageMember {
    image_id: String,
    member: String,
}

impl AddImageMember {
    /// Share `image_id` with the project `member_project_id` (at most
    /// [`MAX_IMAGE_MEMBERS`] an image; the API refuses the eleventh).
    pub fn new(image_id: impl Into<String>, member_project_id: impl Into<String>) -> Result<Self> {
        let (image_id, member) = (image_id.into(), member_project_id.into());
        crate::op::check_path_segment("image_id", &image_id)?;
        crate::op::check_path_segment("member", &member)?;
        check_len("member", &member, 64)?;
        Ok(AddImageMember { image_id, member })
    }
}

#[derive(Serialize)]
struct MemberBody<'a> {
    member: &'a str,
}

impl Operation for AddImageMember {
    type Config = Config;
    type Output = super::phones::Accepted;
    const NAME: &'static str = "huawei.add_image_member";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = json_body(
            "member",
            &MemberBody {
                member: &self.member,
            },
        )?;
        wire::build(
            ctx,
            Method::Post,
            image_path(ctx, &self.image_id, "/members"),
            Vec::new(),
            Some(body),
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::phones::Accepted> {
        super::phones::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// The projects an image is shared with:
/// `GET /v1/{project_id}/cloud-phone/images/{image_id}/members` (marker paging).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "list_image_members")]
pub struct ListImageMembers {
    image_id: String,
    listing: MarkerListing,
}

impl ListImageMembers {
    /// The first page (up to 100) of `image_id`'s members.
    pub fn new(image_id: impl Into<String>) -> Result<Self> {
        let image_id = image_id.into();
        crate::op::check_path_segment("image_id", &image_id)?;
        Ok(ListImageMembers {
            image_id,
            listing: MarkerListing::new(MAX_IMAGE_MEMBERS_LIMIT, MAX_IMAGE_MEMBERS_LIMIT),
        })
    }

    /// Members per page (1 to 100).
    pub fn limit(mut self, limit: u32) -> Result<Self> {
        self.listing.set_limit(limit)?;
        Ok(self)
    }
}

/// A project an image is shared with.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ImageMember {
    /// The member project.
    pub member_id: String,
    /// The image.
    #[serde(default)]
    pub image_id: Option<String>,
    /// Shared at (Unix ms, as the API sends it).
    #[serde(default, deserialize_with = "opt_int")]
    pub create_time: Option<i64>,
    /// Updated at (Unix ms).
    #[serde(default, deserialize_with = "opt_int")]
    pub update_time: Option<i64>,
}

/// One page of an image's members.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ImageMemberList {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The members.
    #[serde(default, deserialize_with = "null_default")]
    pub members: Vec<ImageMember>,
    /// Where the next page starts.
    #[serde(default, deserialize_with = "null_default")]
    pub page_info: PageInfo,
}

impl Operation for ListImageMembers {
    type Config = Config;
    type Output = ImageMemberList;
    const NAME: &'static str = "huawei.list_image_members";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let rest = format!("cloud-phone/images/{}/members", self.image_id);
        self.listing.build(ctx, &rest)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ImageMemberList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListImageMembers {
    fn next_page(&self, last: &ImageMemberList) -> Option<Self> {
        Some(ListImageMembers {
            listing: self.listing.next(&last.page_info)?,
            image_id: self.image_id.clone(),
        })
    }

    fn item_ids(page: &ImageMemberList, each: &mut dyn FnMut(Option<&str>)) {
        page.members.iter().for_each(|m| each(Some(&m.member_id)));
    }
}

/// Accept or reject an image shared with this project:
/// `PUT /v1/{project_id}/cloud-phone/images/{image_id}/members` (an image
/// not accepted cannot be used).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "update_image_member")]
pub struct UpdateImageMember {
    image_id: String,
    accept: bool,
}

impl UpdateImageMember {
    /// Accept (`true`) or reject (`false`) the share of `image_id`.
    pub fn new(image_id: impl Into<String>, accept: bool) -> Result<Self> {
        let image_id = image_id.into();
        crate::op::check_path_segment("image_id", &image_id)?;
        Ok(UpdateImageMember { image_id, accept })
    }
}

#[derive(Serialize)]
struct StatusBody {
    status: &'static str,
}

impl Operation for UpdateImageMember {
    type Config = Config;
    type Output = super::phones::Accepted;
    const NAME: &'static str = "huawei.update_image_member";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let status = if self.accept { "accepted" } else { "rejected" };
        let body = json_body("status", &StatusBody { status })?;
        wire::build(
            ctx,
            Method::Put,
            image_path(ctx, &self.image_id, "/members"),
            Vec::new(),
            Some(body),
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::phones::Accepted> {
        super::phones::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Stop sharing an image with a project:
/// `DELETE /v1/{project_id}/cloud-phone/images/{image_id}/members/{member_id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "delete_image_member")]
pub struct DeleteImageMember {
    image_id: String,
    member_id: String,
}

impl DeleteImageMember {
    /// Unshare `image_id` from the project `member_id`.
    pub fn new(image_id: impl Into<String>, member_id: impl Into<String>) -> Result<Self> {
        let (image_id, member_id) = (image_id.into(), member_id.into());
        crate::op::check_path_segment("image_id", &image_id)?;
        crate::op::check_path_segment("member_id", &member_id)?;
        Ok(DeleteImageMember {
            image_id,
            member_id,
        })
    }
}

impl Operation for DeleteImageMember {
    type Config = Config;
    type Output = super::phones::Accepted;
    const NAME: &'static str = "huawei.delete_image_member";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let tail = format!("/members/{}", self.member_id);
        wire::build(
            ctx,
            Method::Delete,
            image_path(ctx, &self.image_id, &tail),
            Vec::new(),
            None,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::phones::Accepted> {
        super::phones::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
