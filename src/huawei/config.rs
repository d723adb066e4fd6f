//! Endpoint, project and credentials for Huawei CPH calls.

use std::fmt;

use crate::error::Result;
use crate::http::check_header_value;
use crate::limits::{MAX_KEY_ID_LEN, MAX_SECRET_LEN, MAX_TOKEN_LEN, check_len};
use crate::op::{Endpoint, check_path_segment};
use crate::secret::Secret;

/// How requests are authenticated.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// AK/SK `SDK-HMAC-SHA256` signing (the official SDKs' default).
    AkSk {
        /// Access key id.
        access_key: Secret,
        /// Secret access key.
        secret_key: Secret,
        /// Security token of temporary credentials (sent as `X-Security-Token`).
        security_token: Option<Secret>,
    },
    /// An IAM token sent as `X-Auth-Token` (see [`super::iam::CreateToken`]).
    Token(Secret),
}

impl Auth {
    /// Permanent AK/SK credentials.
    pub fn aksk(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Auth::AkSk {
            access_key: Secret::new(access_key),
            secret_key: Secret::new(secret_key),
            security_token: None,
        }
    }

    /// Temporary AK/SK credentials with their security token.
    pub fn temporary(
        access_key: impl Into<String>,
        secret_key: impl Into<String>,
        security_token: impl Into<String>,
    ) -> Self {
        Auth::AkSk {
            access_key: Secret::new(access_key),
            secret_key: Secret::new(secret_key),
            security_token: Some(Secret::new(security_token)),
        }
    }

    /// An IAM token.
    pub fn token(token: impl Into<String>) -> Self {
        Auth::Token(Secret::new(token))
    }

    fn check(&self) -> Result<()> {
        match self {
            Auth::AkSk {
                access_key,
                secret_key,
                security_token,
            } => {
                if access_key.is_empty() {
                    return Err(crate::error::invalid("access_key", "is empty"));
                }
                if secret_key.is_empty() {
                    return Err(crate::error::invalid("secret_key", "is empty"));
                }
                check_len("access_key", access_key.expose(), MAX_KEY_ID_LEN)?;
                check_len("secret_key", secret_key.expose(), MAX_SECRET_LEN)?;
                if let Some(t) = security_token {
                    check_len("security_token", t.expose(), MAX_TOKEN_LEN)?;
                }
                check_header_value("access_key", access_key.expose())?;
                if access_key.expose().contains([',', ' ']) {
                    return Err(crate::error::invalid(
                        "access_key",
                        "may not contain ',' or spaces (it is written into the Authorization header)",
                    ));
                }
                if let Some(t) = security_token {
                    check_header_value("security_token", t.expose())?;
                }
                Ok(())
            }
            Auth::Token(t) => {
                if t.is_empty() {
                    return Err(crate::error::invalid("token", "is empty"));
                }
                check_len("token", t.expose(), MAX_TOKEN_LEN)?;
                check_header_value("token", t.expose())
            }
        }
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::AkSk { security_token, .. } => f
                .debug_struct("AkSk")
                .field("access_key", &"** redacted **")
                .field("secret_key", &"** redacted **")
                .field(
                    "security_token",
                    &security_token.as_ref().map(|_| "** redacted **"),
                )
                .finish(),
            Auth::Token(_) => f.write_str("Token(** redacted **)"),
        }
    }
}

/// The default `User-Agent` (signed like every other header).
pub const DEFAULT_USER_AGENT: &str = concat!("cloudphone-rust/", env!("CARGO_PKG_VERSION"));

/// What every CPH call needs: endpoint, project id, credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    endpoint: Endpoint,
    project_id: String,
    auth: Auth,
    user_agent: String,
}

impl Config {
    /// A configuration for a custom endpoint. The project id must be one path
    /// segment of unreserved characters (it goes into every path).
    pub fn new(endpoint: Endpoint, project_id: impl Into<String>, auth: Auth) -> Result<Self> {
        let project_id = project_id.into();
        check_path_segment("project_id", &project_id)?;
        auth.check()?;
        Ok(Config {
            endpoint,
            project_id,
            auth,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
        })
    }

    /// A configuration for a region from [`super::REGIONS`].
    pub fn for_region(region: &str, project_id: impl Into<String>, auth: Auth) -> Result<Self> {
        Config::new(super::cph_endpoint(region)?, project_id, auth)
    }

    /// Replaces the `User-Agent` header value (at most
    /// [`crate::http::MAX_USER_AGENT_LEN`] bytes, no control characters).
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Result<Self> {
        let ua = user_agent.into();
        crate::http::check_user_agent(&ua)?;
        self.user_agent = ua;
        Ok(self)
    }

    /// The endpoint.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The project id.
    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    /// The credentials.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// The `User-Agent` value.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }
}
