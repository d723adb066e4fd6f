//! IAM token: `POST {iam}/v3/auth/tokens` with a password identity and a
//! project scope. The token comes back in the `X-Subject-Token` header and
//! is then sent as `X-Auth-Token` ([`super::Auth::Token`]); it lives 24 hours
//! and should be refreshed before `expires_at`.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::config::Auth;
use super::wire;
use crate::error::{Error, Result, invalid};
use crate::http::{Method, Request, Response, check_header_value};
use crate::limits::{MAX_NAME_LEN, MAX_SECRET_LEN, check_len};
use crate::op::{Context, Endpoint, Operation};
use crate::secret::Secret;
use crate::time::parse_rfc3339_ms;

/// Which project the token is scoped to (CPH is a project-level service).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProjectScope {
    /// By project name, which for a region's default project is the region id
    /// (`cn-north-4`).
    Name(String),
    /// By project id.
    Id(String),
}

/// Ask IAM for a token with a user's password.
#[derive(Clone, PartialEq, Eq)]
#[doc(
    alias = "KeystoneCreateUserTokenByPassword",
    alias = "keystone_create_user_token_by_password"
)]
pub struct CreateToken {
    user_name: String,
    password: Secret,
    domain_name: String,
    scope: ProjectScope,
}

impl fmt::Debug for CreateToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateToken")
            .field("user_name", &self.user_name)
            .field("password", &self.password)
            .field("domain_name", &self.domain_name)
            .field("scope", &self.scope)
            .finish()
    }
}

impl CreateToken {
    /// A password-identity token request. `domain_name` is the account name
    /// the IAM user belongs to.
    pub fn password(
        user_name: impl Into<String>,
        password: impl Into<String>,
        domain_name: impl Into<String>,
        scope: ProjectScope,
    ) -> Result<Self> {
        let t = CreateToken {
            user_name: user_name.into(),
            password: Secret::new(password),
            domain_name: domain_name.into(),
            scope,
        };
        for (field, v) in [("user_name", &t.user_name), ("domain_name", &t.domain_name)] {
            if v.is_empty() {
                return Err(invalid(field, "is empty"));
            }
        }
        if t.password.is_empty() {
            return Err(invalid("password", "is empty"));
        }
        check_len("user_name", &t.user_name, MAX_NAME_LEN)?;
        check_len("domain_name", &t.domain_name, MAX_NAME_LEN)?;
        check_len("password", t.password.expose(), MAX_SECRET_LEN)?;
        match &t.scope {
            ProjectScope::Name(s) | ProjectScope::Id(s) => check_len("scope", s, MAX_NAME_LEN)?,
        }
        match &t.scope {
            ProjectScope::Name(s) | ProjectScope::Id(s) if s.is_empty() => {
                return Err(invalid("scope", "the project name or id is empty"));
            }
            _ => {}
        }
        Ok(t)
    }
}

#[derive(Serialize)]
struct Body<'a> {
    auth: AuthBody<'a>,
}
#[derive(Serialize)]
struct AuthBody<'a> {
    identity: Identity<'a>,
    scope: Scope<'a>,
}
#[derive(Serialize)]
struct Identity<'a> {
    methods: [&'static str; 1],
    password: PasswordBody<'a>,
}
#[derive(Serialize)]
struct PasswordBody<'a> {
    user: User<'a>,
}
#[derive(Serialize)]
struct User<'a> {
    name: &'a str,
    password: &'a str,
    domain: NameRef<'a>,
}
#[derive(Serialize)]
struct NameRef<'a> {
    name: &'a str,
}
#[derive(Serialize)]
struct Scope<'a> {
    project: ProjectRef<'a>,
}
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum ProjectRef<'a> {
    Name(&'a str),
    Id(&'a str),
}

/// An IAM token and when it expires.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct IamToken {
    /// The token (from `X-Subject-Token`).
    pub token: Secret,
    /// `expires_at` as IAM wrote it.
    pub expires_at: String,
    /// `expires_at` in Unix milliseconds.
    pub expires_at_unix_ms: u64,
    /// The id of the project the token is scoped to, when the body names it
    /// (the `{project_id}` of CPH paths).
    pub project_id: Option<String>,
}

impl IamToken {
    /// Credentials that send this token as `X-Auth-Token`.
    pub fn auth(&self) -> Auth {
        Auth::Token(self.token.clone())
    }

    /// Whether the token should be replaced at `now_unix_ms`, i.e. it expires
    /// within `margin_ms`.
    pub fn needs_refresh(&self, now_unix_ms: u64, margin_ms: u64) -> bool {
        now_unix_ms.saturating_add(margin_ms) >= self.expires_at_unix_ms
    }
}

impl fmt::Debug for IamToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IamToken")
            .field("token", &self.token)
            .field("expires_at", &self.expires_at)
            .field("project_id", &self.project_id)
            .finish()
    }
}

#[derive(Deserialize)]
struct WireToken {
    token: WireTokenBody,
}
#[derive(Deserialize)]
struct WireTokenBody {
    expires_at: String,
    #[serde(default)]
    project: Option<WireProject>,
}
#[derive(Deserialize)]
struct WireProject {
    #[serde(default)]
    id: Option<String>,
}

impl Operation for CreateToken {
    type Config = Endpoint;
    type Output = IamToken;
    const NAME: &'static str = "huawei.iam.create_token";

    fn build(&self, ctx: &Context<'_, Endpoint>) -> Result<Request> {
        let ep = ctx.config;
        let body = serde_json::to_vec(&Body {
            auth: AuthBody {
                identity: Identity {
                    methods: ["password"],
                    password: PasswordBody {
                        user: User {
                            name: &self.user_name,
                            password: self.password.expose(),
                            domain: NameRef {
                                name: &self.domain_name,
                            },
                        },
                    },
                },
                scope: Scope {
                    project: match &self.scope {
                        ProjectScope::Name(n) => ProjectRef::Name(n),
                        ProjectScope::Id(i) => ProjectRef::Id(i),
                    },
                },
            },
        })
        .map_err(|e| invalid("body", e.to_string()))?;
        let headers = vec![(
            "Content-Type".to_owned(),
            "application/json;charset=utf8".to_owned(),
        )];
        for (_, v) in &headers {
            check_header_value("header", v)?;
        }
        Ok(Request {
            method: Method::Post,
            url: format!("{ep}/v3/auth/tokens?nocatalog=true"),
            headers,
            body,
        })
    }

    fn parse_unchecked(&self, response: &Response) -> Result<IamToken> {
        let w: WireToken = wire::parse_json(Self::NAME, response)?;
        let token = response
            .header("x-subject-token")
            .filter(|t| !t.is_empty())
            .ok_or_else(|| Error::Decode {
                operation: Self::NAME,
                http_status: response.status,
                path: "X-Subject-Token".to_owned(),
                message: "the response has no X-Subject-Token header".to_owned(),
            })?;
        let expires_at_unix_ms =
            parse_rfc3339_ms("expires_at", &w.token.expires_at).map_err(|_| Error::Decode {
                operation: Self::NAME,
                http_status: response.status,
                path: "token.expires_at".to_owned(),
                message: format!(
                    "{} is not an RFC 3339 time",
                    crate::limits::echo(&w.token.expires_at)
                ),
            })?;
        Ok(IamToken {
            token: Secret::new(token),
            expires_at: w.token.expires_at,
            expires_at_unix_ms,
            project_id: w.token.project.and_then(|p| p.id),
        })
    }

    fn is_idempotent(&self) -> bool {
        // Each call issues a new token but changes nothing else.
        true
    }
}
