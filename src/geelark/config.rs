//! Endpoint and credentials for GeeLark calls.

use super::auth::Auth;
use crate::error::Result;
use crate::op::Endpoint;

/// The global Open API host.
pub const GLOBAL_ENDPOINT: &str = "https://openapi.geelark.com";
/// The China host (same paths).
pub const CHINA_ENDPOINT: &str = "https://openapi.geelark.cn";

/// What every GeeLark call needs: endpoint and credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    endpoint: Endpoint,
    auth: Auth,
}

impl Config {
    /// A configuration for an endpoint.
    pub fn new(endpoint: Endpoint, auth: Auth) -> Result<Self> {
        auth.check()?;
        Ok(Config { endpoint, auth })
    }

    /// A configuration for the global host, [`GLOBAL_ENDPOINT`].
    pub fn global(auth: Auth) -> Result<Self> {
        Config::new(Endpoint::parse(GLOBAL_ENDPOINT)?, auth)
    }

    /// The endpoint.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The credentials.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }
}
