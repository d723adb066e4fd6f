//! The provider-neutral model: which provider, and what state a phone is in.

use std::fmt;

use serde::Serialize;

/// A cloud-phone provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Provider {
    /// Huawei Cloud CPH (Cloud Phone Host).
    Huawei,
    /// GeeLark Open API.
    GeeLark,
}

impl Provider {
    /// The provider's name as shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Huawei => "huawei",
            Provider::GeeLark => "geelark",
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A phone's state, the same for both providers.
///
/// Each provider's integer codes map into this; a code that neither the
/// documentation nor this crate knows is kept as [`PhoneStatus::Unknown`] with
/// the provider and the raw value, never dropped or guessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[non_exhaustive]
pub enum PhoneStatus {
    /// Being created (Huawei 0 and 1).
    Creating,
    /// Powering on (GeeLark 1).
    Starting,
    /// Up and usable (Huawei 2, GeeLark 0).
    Running,
    /// Factory reset in progress (Huawei 3).
    Resetting,
    /// Restart in progress (Huawei 4).
    Restarting,
    /// Frozen, e.g. for arrears (Huawei 6).
    Frozen,
    /// Powering off (Huawei 7).
    Stopping,
    /// Off (Huawei 8, GeeLark 2).
    Stopped,
    /// The rental expired (GeeLark 3).
    Expired,
    /// Reset failed (Huawei -5).
    ResetFailed,
    /// Restart failed (Huawei -6).
    RestartFailed,
    /// Abnormal (Huawei -7).
    Abnormal,
    /// Creation failed (Huawei -8).
    CreateFailed,
    /// Stop failed (Huawei -9).
    StopFailed,
    /// A code this crate does not know, kept as received.
    Unknown {
        /// Whose code it is.
        provider: Provider,
        /// The raw value.
        raw: i64,
    },
}

impl PhoneStatus {
    /// Maps a Huawei CPH phone `status` (API reference §3.1).
    pub fn from_huawei(code: i64) -> Self {
        match code {
            0 | 1 => PhoneStatus::Creating,
            2 => PhoneStatus::Running,
            3 => PhoneStatus::Resetting,
            4 => PhoneStatus::Restarting,
            6 => PhoneStatus::Frozen,
            7 => PhoneStatus::Stopping,
            8 => PhoneStatus::Stopped,
            -5 => PhoneStatus::ResetFailed,
            -6 => PhoneStatus::RestartFailed,
            -7 => PhoneStatus::Abnormal,
            -8 => PhoneStatus::CreateFailed,
            -9 => PhoneStatus::StopFailed,
            raw => PhoneStatus::Unknown {
                provider: Provider::Huawei,
                raw,
            },
        }
    }

    /// Maps a GeeLark phone `status` (`/open/v1/phone/status`: 0 started,
    /// 1 starting, 2 shut down, 3 expired).
    pub fn from_geelark(code: i64) -> Self {
        match code {
            0 => PhoneStatus::Running,
            1 => PhoneStatus::Starting,
            2 => PhoneStatus::Stopped,
            3 => PhoneStatus::Expired,
            raw => PhoneStatus::Unknown {
                provider: Provider::GeeLark,
                raw,
            },
        }
    }

    /// Whether the phone is up and can be connected to.
    pub fn is_running(self) -> bool {
        self == PhoneStatus::Running
    }

    /// Whether the state is on its way to another one (worth polling again).
    pub fn is_transitional(self) -> bool {
        matches!(
            self,
            PhoneStatus::Creating
                | PhoneStatus::Starting
                | PhoneStatus::Resetting
                | PhoneStatus::Restarting
                | PhoneStatus::Stopping
        )
    }

    /// A short stable name, e.g. `"running"`; `"unknown"` for unknown codes.
    pub fn as_str(self) -> &'static str {
        match self {
            PhoneStatus::Creating => "creating",
            PhoneStatus::Starting => "starting",
            PhoneStatus::Running => "running",
            PhoneStatus::Resetting => "resetting",
            PhoneStatus::Restarting => "restarting",
            PhoneStatus::Frozen => "frozen",
            PhoneStatus::Stopping => "stopping",
            PhoneStatus::Stopped => "stopped",
            PhoneStatus::Expired => "expired",
            PhoneStatus::ResetFailed => "reset_failed",
            PhoneStatus::RestartFailed => "restart_failed",
            PhoneStatus::Abnormal => "abnormal",
            PhoneStatus::CreateFailed => "create_failed",
            PhoneStatus::StopFailed => "stop_failed",
            PhoneStatus::Unknown { .. } => "unknown",
        }
    }
}

/// Serializes a record's status as its stable name (`"running"`), the
/// vocabulary both providers' records share in JSON; the record's
/// `raw_status` beside it keeps the provider's code.
pub(crate) fn serialize_status_name<S: serde::Serializer>(
    status: &PhoneStatus,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(status.as_str())
}

impl fmt::Display for PhoneStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhoneStatus::Unknown { provider, raw } => write!(f, "unknown ({provider} {raw})"),
            other => f.write_str(other.as_str()),
        }
    }
}

/// One phone in the provider-neutral view: enough to hold a fleet that spans
/// both providers. `raw` keeps the provider's record exactly as received
/// (unknown fields included) for whatever the neutral view drops; the typed
/// provider records are in each provider's list outputs.
///
/// `raw` may hold secrets (a GeeLark record carries its proxy's password):
/// `Debug` shows it with every secret-named member masked; the field and
/// `Serialize` keep it as received (a host that asks for its data gets it,
/// as with [`Secret`](crate::Secret)).
#[derive(Clone, Serialize)]
#[non_exhaustive]
pub struct Phone {
    /// Whose phone it is.
    pub provider: Provider,
    /// The phone id (a string for both providers).
    pub id: String,
    /// The phone's name, when the provider reports one.
    pub name: Option<String>,
    /// The neutral state.
    pub status: PhoneStatus,
    /// The provider's JSON record, byte for byte.
    pub raw: Box<serde_json::value::RawValue>,
}

/// `raw` with its secrets masked, as a JSON value (`null` if it does not
/// parse, which a record that came through a parser always does).
fn redacted(raw: &serde_json::value::RawValue) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(raw.get()).unwrap_or_default();
    crate::redact::redact_json(&mut v);
    v
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Phone")
            .field("provider", &self.provider)
            .field("id", &self.id)
            .field("name", &self.name)
            .field("status", &self.status)
            .field("raw", &format_args!("{}", redacted(&self.raw)))
            .finish()
    }
}

impl Phone {
    /// A neutral view of a provider record.
    pub fn new(
        provider: Provider,
        id: String,
        name: Option<String>,
        status: PhoneStatus,
        raw: Box<serde_json::value::RawValue>,
    ) -> Self {
        Phone {
            provider,
            id,
            name,
            status,
            raw,
        }
    }
}

/// The state of an asynchronous job (Huawei CPH jobs: 1 running,
/// 2 succeeded, -1 failed). Unknown codes are kept and count as unfinished.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[non_exhaustive]
pub enum JobStatus {
    /// Still running.
    Running,
    /// Finished successfully.
    Succeeded,
    /// Finished with an error (see the job's error code and message).
    Failed,
    /// A code this crate does not know, kept as received.
    Unknown {
        /// Whose code it is.
        provider: Provider,
        /// The raw value.
        raw: i64,
    },
}

impl JobStatus {
    /// Maps a Huawei CPH job `status`.
    pub fn from_huawei(code: i64) -> Self {
        match code {
            1 => JobStatus::Running,
            2 => JobStatus::Succeeded,
            -1 => JobStatus::Failed,
            raw => JobStatus::Unknown {
                provider: Provider::Huawei,
                raw,
            },
        }
    }

    /// Whether the job has finished, one way or the other.
    pub fn is_terminal(self) -> bool {
        matches!(self, JobStatus::Succeeded | JobStatus::Failed)
    }

    /// A short stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Running => "running",
            JobStatus::Succeeded => "succeeded",
            JobStatus::Failed => "failed",
            JobStatus::Unknown { .. } => "unknown",
        }
    }
}

impl fmt::Display for JobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JobStatus::Unknown { provider, raw } => write!(f, "unknown ({provider} {raw})"),
            other => f.write_str(other.as_str()),
        }
    }
}
