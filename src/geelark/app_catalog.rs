//! Where `appVersionId`s come from (reference §3.5): the apps a phone can
//! install (`app/installable/list`, with each version's install state on
//! that phone) and the team's app shop (`app/shop/list`). An id from either
//! is what [`InstallApp`](super::InstallApp) takes.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::shapes::{Envelope, opt_int, to_body};
use super::wire;
use crate::error::Result;
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int};
use crate::op::{Context, Operation, check_id};

/// Largest installable-list page.
pub const MAX_INSTALLABLE_PAGE_SIZE: u32 = 100;
/// Largest shop-list page.
pub const MAX_SHOP_PAGE_SIZE: u32 = 200;
/// Longest search keyword accepted.
pub const MAX_KEYWORD_LEN: usize = 100;

/// One version of an app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[non_exhaustive]
pub struct AppVersion {
    /// The `appVersionId` [`InstallApp`](super::InstallApp) takes.
    #[serde(deserialize_with = "crate::json::string_or_int")]
    pub id: String,
    /// `versionCode` (a number or a string).
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub version_code: Option<String>,
    /// `versionName`.
    #[serde(default)]
    pub version_name: Option<String>,
    /// Its install state on the phone asked about (installable list only;
    /// the codes of [`InstallStatus`](super::InstallStatus), others meaning
    /// not installed).
    #[serde(default, deserialize_with = "opt_int")]
    pub install_status: Option<i64>,
}

/// An app and its versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CatalogApp {
    /// The app id.
    pub id: String,
    /// `appName`.
    pub app_name: Option<String>,
    /// `packageName` (installable list only).
    pub package_name: Option<String>,
    /// `appIcon` (URL).
    pub app_icon: Option<String>,
    /// Its versions.
    pub versions: Vec<AppVersion>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireApp {
    #[serde(deserialize_with = "crate::json::string_or_int")]
    id: String,
    #[serde(default)]
    app_name: Option<String>,
    #[serde(default)]
    package_name: Option<String>,
    #[serde(default)]
    app_icon: Option<String>,
    /// The installable list's name for the versions.
    #[serde(default, deserialize_with = "null_default")]
    app_version_info_list: Vec<AppVersion>,
    /// The shop's name for them.
    #[serde(default, deserialize_with = "null_default")]
    app_version_list: Vec<AppVersion>,
}

#[derive(Deserialize)]
struct WireCatalog {
    #[serde(default, deserialize_with = "super::shapes::opt_count")]
    total: Option<u64>,
    #[serde(default, deserialize_with = "null_default")]
    items: Vec<WireApp>,
}

/// One page of a catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AppCatalog {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over all pages.
    pub total: Option<u64>,
    /// The apps of this page.
    pub apps: Vec<CatalogApp>,
}

fn parse_catalog(name: &'static str, response: &Response) -> Result<AppCatalog> {
    let a = wire::parse::<WireCatalog>(name, response)?;
    let envelope = Envelope::of(&a);
    Ok(AppCatalog {
        envelope,
        total: a.data.total,
        apps: a
            .data
            .items
            .into_iter()
            .map(|w| {
                let mut versions = w.app_version_info_list;
                versions.extend(w.app_version_list);
                CatalogApp {
                    id: w.id,
                    app_name: w.app_name,
                    package_name: w.package_name,
                    app_icon: w.app_icon,
                    versions,
                }
            })
            .collect(),
    })
}

fn check_keyword(field: &'static str, k: &str) -> Result<()> {
    crate::limits::check_text(field, k, MAX_KEYWORD_LEN)
}

/// The apps the phone `env_id` can install, a page at a time:
/// `POST /open/v1/app/installable/list`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/installable/list")]
pub struct ListInstallableApps {
    env_id: String,
    name: Option<String>,
    uploaded: bool,
    page: u32,
    page_size: u32,
}

impl ListInstallableApps {
    /// Page `page` (from 1) of `page_size` (1 to
    /// [`MAX_INSTALLABLE_PAGE_SIZE`]) for the phone `env_id`.
    pub fn new(env_id: impl Into<String>, page: u32, page_size: u32) -> Result<Self> {
        let env_id = env_id.into();
        check_id("env_id", &env_id)?;
        crate::page::check_page(page, page_size, MAX_INSTALLABLE_PAGE_SIZE)?;
        Ok(ListInstallableApps {
            env_id,
            name: None,
            uploaded: false,
            page,
            page_size,
        })
    }

    /// Only apps whose name matches `keyword`.
    pub fn name(mut self, keyword: impl Into<String>) -> Result<Self> {
        let k = keyword.into();
        check_keyword("name", &k)?;
        self.name = Some(k);
        Ok(self)
    }

    /// The team's uploaded apps instead of the catalogue (`getUploadApp`).
    pub fn uploaded(mut self, uploaded: bool) -> Self {
        self.uploaded = uploaded;
        self
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InstallableBody<'a> {
    env_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    get_upload_app: bool,
    page: u32,
    page_size: u32,
}

impl Operation for ListInstallableApps {
    type Config = Config;
    type Output = AppCatalog;
    const NAME: &'static str = "geelark.list_installable_apps";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&InstallableBody {
            env_id: &self.env_id,
            name: self.name.as_deref(),
            get_upload_app: self.uploaded,
            page: self.page,
            page_size: self.page_size,
        })?;
        wire::build(ctx, "/open/v1/app/installable/list", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<AppCatalog> {
        parse_catalog(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(ListInstallableApps, apps, |a| Some(&a.id));

/// The team's app shop, a page at a time: `POST /open/v1/app/shop/list`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/shop/list")]
pub struct ListShopApps {
    key: Option<String>,
    uploaded: bool,
    page: u32,
    page_size: u32,
}

impl ListShopApps {
    /// Page `page` (from 1) of `page_size` (1 to [`MAX_SHOP_PAGE_SIZE`]).
    pub fn new(page: u32, page_size: u32) -> Result<Self> {
        crate::page::check_page(page, page_size, MAX_SHOP_PAGE_SIZE)?;
        Ok(ListShopApps {
            key: None,
            uploaded: false,
            page,
            page_size,
        })
    }

    /// Only apps matching `keyword` (`key`).
    pub fn search(mut self, keyword: impl Into<String>) -> Result<Self> {
        let k = keyword.into();
        check_keyword("key", &k)?;
        self.key = Some(k);
        Ok(self)
    }

    /// The team's uploaded apps (`getUploadApp`).
    pub fn uploaded(mut self, uploaded: bool) -> Self {
        self.uploaded = uploaded;
        self
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ShopBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    get_upload_app: bool,
    page: u32,
    page_size: u32,
}

impl Operation for ListShopApps {
    type Config = Config;
    type Output = AppCatalog;
    const NAME: &'static str = "geelark.list_shop_apps";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&ShopBody {
            key: self.key.as_deref(),
            get_upload_app: self.uploaded,
            page: self.page,
            page_size: self.page_size,
        })?;
        wire::build(ctx, "/open/v1/app/shop/list", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<AppCatalog> {
        parse_catalog(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(ListShopApps, apps, |a| Some(&a.id));
