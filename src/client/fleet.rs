//! Provider-neutral fleet operations: every page of a provider's phone list
//! as [`Phone`]s (id, name, neutral status), and [`Fleet`] — list, status,
//! access, start / stop / restart / reset with a wait over one or both
//! providers — so that a program handles both fleets with the same code.

use serde::Serialize;

use super::{GeeLarkClient, HuaweiClient, WaitOptions};
use crate::batch::{BatchItem, BatchOutcome};
use crate::error::{Error, Result, invalid};
use crate::huawei::phones::ShowPhone;
use crate::huawei::{ClientType, ConnectInfo};
use crate::phone::{Phone, PhoneStatus, Provider};
use crate::wait::WaitOutcome;

/// The largest page each provider's phone list serves (fewest calls).
const HUAWEI_PAGE: u32 = 200;
const GEELARK_PAGE: u32 = 100;

impl HuaweiClient {
    /// Every phone of the project, every page read (bounded by the
    /// builder's page limits), newest first.
    pub fn all_phones(&self) -> Result<Vec<Phone>> {
        let first = crate::huawei::phones::ListPhones::new().page(0, HUAWEI_PAGE)?;
        let mut phones = Vec::new();
        for page in self.pages(first) {
            phones.extend(page?.phones);
        }
        Ok(phones)
    }
}

impl GeeLarkClient {
    /// Every phone of the team, every page read (bounded by the builder's
    /// page limits), in GeeLark's list order.
    pub fn all_phones(&self) -> Result<Vec<Phone>> {
        let first = crate::geelark::ListPhones::new().page(1, GEELARK_PAGE)?;
        let mut phones = Vec::new();
        for page in self.pages(first) {
            phones.extend(page?.phones);
        }
        Ok(phones)
    }
}

/// What a [`Fleet`] asks of a provider. [`Fleet::supports`] says, before
/// anything is sent, which provider can do what.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Capability {
    /// Every phone, neutral ([`Fleet::list`]).
    List,
    /// The state of given phones ([`Fleet::status`]).
    Status,
    /// How to connect a client to a phone: Huawei's access info
    /// ([`Fleet::access`]).
    Access,
    /// Power on and wait ([`Fleet::start`]).
    Start,
    /// Power off and wait ([`Fleet::stop`]).
    Stop,
    /// Restart and wait ([`Fleet::restart`]).
    Restart,
    /// Factory reset and wait ([`Fleet::reset`]).
    Reset,
}

/// A phone of one provider: what the fleet operations take.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PhoneRef {
    /// Whose phone.
    pub provider: Provider,
    /// Its id.
    pub id: String,
}

impl PhoneRef {
    /// A Huawei CPH phone.
    pub fn huawei(id: impl Into<String>) -> Self {
        PhoneRef {
            provider: Provider::Huawei,
            id: id.into(),
        }
    }

    /// A GeeLark phone.
    pub fn geelark(id: impl Into<String>) -> Self {
        PhoneRef {
            provider: Provider::GeeLark,
            id: id.into(),
        }
    }
}

impl From<&Phone> for PhoneRef {
    fn from(p: &Phone) -> Self {
        PhoneRef {
            provider: p.provider,
            id: p.id.clone(),
        }
    }
}

/// One phone's state, for either provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FleetPhoneStatus {
    /// Whose phone.
    pub provider: Provider,
    /// Its id.
    pub id: String,
    /// Its name, when the provider gave one.
    pub name: Option<String>,
    /// The neutral state.
    #[serde(serialize_with = "crate::phone::serialize_status_name")]
    pub status: PhoneStatus,
}

impl BatchItem for FleetPhoneStatus {
    fn item_id(&self) -> &str {
        &self.id
    }
}

/// Provider-neutral fleet operations over one or both providers: list,
/// status, access, start / stop / restart / reset with a wait. Each call
/// splits its phones by provider, runs the providers side by side (one
/// thread each), and joins the answers: every phone once, each list in
/// input order per provider, Huawei's first.
///
/// What a provider cannot do is declared ([`Fleet::supports`]) and refused
/// before anything is sent ([`Error::Unsupported`]) — never half done: GeeLark
/// has no access-info call (its remote-view URL comes with a start) and no
/// factory reset; Huawei has no start (a restart powers a stopped phone on).
///
/// ```no_run
/// use cloudphone::client::{Fleet, WaitOptions};
/// use std::time::Duration;
///
/// let fleet = Fleet::from_env()?;
/// let phones = fleet.list()?;
/// let up = fleet.status(&phones)?;
/// let stopped: Vec<_> = up.succeeded.iter().filter(|p| !p.status.is_running()).collect();
/// println!("{} of {} phones are not running", stopped.len(), phones.len());
/// let done = fleet.stop(&phones[..2], &WaitOptions::new(Duration::from_secs(300))?)?;
/// assert!(done.is_complete_success());
/// # Ok::<(), cloudphone::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Fleet {
    huawei: Option<HuaweiClient>,
    geelark: Option<GeeLarkClient>,
}

impl Fleet {
    /// A fleet over no provider yet: add them with
    /// [`huawei`](Self::huawei) and [`geelark`](Self::geelark).
    pub fn new() -> Self {
        Self::default()
    }

    /// Every provider the environment configures (the variables of
    /// [`HuaweiClientBuilder`](super::HuaweiClientBuilder) and
    /// [`GeeLarkClientBuilder`](super::GeeLarkClientBuilder)); an error when
    /// neither is, or when one is configured wrongly.
    pub fn from_env() -> Result<Self> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let huawei_set = ["HUAWEICLOUD_SDK_AK", "CLOUDPHONE_HUAWEI_IAM_USER"]
            .iter()
            .any(|k| var(k).is_some());
        let geelark_set = [super::geelark::ENV_APP_ID, super::geelark::ENV_TOKEN]
            .iter()
            .any(|k| var(k).is_some());
        let mut fleet = Fleet::new();
        if huawei_set {
            fleet = fleet.huawei(HuaweiClient::from_env()?);
        }
        if geelark_set {
            fleet = fleet.geelark(GeeLarkClient::from_env()?);
        }
        if fleet.providers().is_empty() {
            return Err(invalid(
                "environment",
                "configures no provider (HUAWEICLOUD_SDK_AK/SK or CLOUDPHONE_GEELARK_APP_ID/API_KEY/TOKEN)",
            ));
        }
        Ok(fleet)
    }

    /// Adds (or replaces) the Huawei client.
    pub fn huawei(mut self, client: HuaweiClient) -> Self {
        self.huawei = Some(client);
        self
    }

    /// Adds (or replaces) the GeeLark client.
    pub fn geelark(mut self, client: GeeLarkClient) -> Self {
        self.geelark = Some(client);
        self
    }

    /// The providers this fleet holds, Huawei first.
    pub fn providers(&self) -> Vec<Provider> {
        let mut p = Vec::new();
        if self.huawei.is_some() {
            p.push(Provider::Huawei);
        }
        if self.geelark.is_some() {
            p.push(Provider::GeeLark);
        }
        p
    }

    /// Whether `provider` can do `capability` through a fleet.
    pub const fn supports(provider: Provider, capability: Capability) -> bool {
        use Capability as C;
        match provider {
            Provider::Huawei => !matches!(capability, C::Start),
            Provider::GeeLark => !matches!(capability, C::Access | C::Reset),
        }
    }

    /// Every phone of every provider, neutral (Huawei's first).
    pub fn list(&self) -> Result<Vec<Phone>> {
        let (h, g) = self.both(|c| c.all_phones(), |c| c.all_phones(), (true, true));
        let mut phones = h.transpose()?.unwrap_or_default();
        phones.extend(g.transpose()?.unwrap_or_default());
        Ok(phones)
    }

    /// The state of each phone. Huawei: one detail call a phone, or — for
    /// more phones than one list page holds (200) — the whole list, read
    /// page by page (fewer calls; a phone the list does not hold comes back
    /// missing); GeeLark: 100 a call. Each provider's calls go
    /// `max_in_flight` at a time.
    pub fn status<I, R>(&self, phones: I) -> Result<BatchOutcome<FleetPhoneStatus>>
    where
        I: IntoIterator<Item = R>,
        R: Into<PhoneRef>,
    {
        let (hw, gl) = self.split(phones, Capability::Status)?;
        let (h, g) = self.both(
            |c| huawei_status(c, &hw),
            |c| {
                let o = c.phone_status(gl.clone())?;
                Ok(map_outcome(o, |p| FleetPhoneStatus {
                    provider: Provider::GeeLark,
                    status: p.status,
                    id: p.id,
                    name: p.serial_name,
                }))
            },
            (!hw.is_empty(), !gl.is_empty()),
        );
        join_outcomes(h, g)
    }

    /// Access information (address, port, session id, ticket) of Huawei
    /// phones; GeeLark phones are refused ([`Capability::Access`]).
    pub fn access<I, R>(
        &self,
        phones: I,
        client_type: ClientType,
    ) -> Result<BatchOutcome<ConnectInfo>>
    where
        I: IntoIterator<Item = R>,
        R: Into<PhoneRef>,
    {
        let (hw, _) = self.split(phones, Capability::Access)?;
        self.client_huawei()?.batch_connection(hw, client_type)
    }

    /// Powers GeeLark phones on and waits until they run; Huawei phones are
    /// refused ([`Capability::Start`]: restart them).
    pub fn start<I, R>(&self, phones: I, options: &WaitOptions) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = R>,
        R: Into<PhoneRef>,
    {
        let (_, gl) = self.split(phones, Capability::Start)?;
        self.client_geelark()?.start_and_wait(gl, options)
    }

    /// Powers phones off and waits until they are stopped, both providers
    /// side by side under the same options (deadline, cancel flag).
    pub fn stop<I, R>(&self, phones: I, options: &WaitOptions) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = R>,
        R: Into<PhoneRef>,
    {
        let (hw, gl) = self.split(phones, Capability::Stop)?;
        let (h, g) = self.both(
            |c| c.stop_and_wait(hw.clone(), options),
            |c| c.stop_and_wait(gl.clone(), options),
            (!hw.is_empty(), !gl.is_empty()),
        );
        join_waits(h, g)
    }

    /// Restarts phones and waits until they run again, both providers side
    /// by side (Huawei: the restart jobs; GeeLark: one `phone/restart` a
    /// phone, then the running state).
    pub fn restart<I, R>(&self, phones: I, options: &WaitOptions) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = R>,
        R: Into<PhoneRef>,
    {
        let (hw, gl) = self.split(phones, Capability::Restart)?;
        let (h, g) = self.both(
            |c| c.restart_and_wait(hw.clone(), options),
            |c| c.restart_and_wait(gl.clone(), options),
            (!hw.is_empty(), !gl.is_empty()),
        );
        join_waits(h, g)
    }

    /// Factory-resets Huawei phones and waits for their jobs; GeeLark phones
    /// are refused ([`Capability::Reset`]).
    pub fn reset<I, R>(&self, phones: I, options: &WaitOptions) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = R>,
        R: Into<PhoneRef>,
    {
        let (hw, _) = self.split(phones, Capability::Reset)?;
        self.client_huawei()?.reset_and_wait(hw, options)
    }

    fn client_huawei(&self) -> Result<&HuaweiClient> {
        self.huawei
            .as_ref()
            .ok_or(Error::Unsupported("this fleet has no Huawei client"))
    }

    fn client_geelark(&self) -> Result<&GeeLarkClient> {
        self.geelark
            .as_ref()
            .ok_or(Error::Unsupported("this fleet has no GeeLark client"))
    }

    /// Splits `phones` by provider (input order kept), refusing before
    /// anything is sent: no phone at all, a provider this fleet lacks, or
    /// one that cannot do `capability`.
    fn split<I, R>(&self, phones: I, capability: Capability) -> Result<(Vec<String>, Vec<String>)>
    where
        I: IntoIterator<Item = R>,
        R: Into<PhoneRef>,
    {
        let (mut hw, mut gl) = (Vec::new(), Vec::new());
        for p in phones {
            let p: PhoneRef = p.into();
            if !Fleet::supports(p.provider, capability) {
                return Err(Error::Unsupported(unsupported(p.provider, capability)));
            }
            match p.provider {
                Provider::Huawei => hw.push(p.id),
                Provider::GeeLark => gl.push(p.id),
            }
        }
        if hw.is_empty() && gl.is_empty() {
            return Err(invalid("phones", "no phone given"));
        }
        if !hw.is_empty() {
            self.client_huawei()?;
        }
        if !gl.is_empty() {
            self.client_geelark()?;
        }
        Ok((hw, gl))
    }

    /// Runs `h` on the Huawei client and `g` on the GeeLark client, each
    /// only when asked (`run`: Huawei, GeeLark) and present, side by side.
    fn both<A: Send, B: Send>(
        &self,
        h: impl FnOnce(&HuaweiClient) -> Result<A> + Send,
        g: impl FnOnce(&GeeLarkClient) -> Result<B> + Send,
        (run_huawei, run_geelark): (bool, bool),
    ) -> (Option<Result<A>>, Option<Result<B>>) {
        let hc = self.huawei.as_ref().filter(|_| run_huawei);
        let gc = self.geelark.as_ref().filter(|_| run_geelark);
        match (hc, gc) {
            (Some(hc), Some(gc)) => std::thread::scope(|s| {
                let hh = s.spawn(|| h(hc));
                let gr = g(gc);
                let hr = hh.join().unwrap_or_else(|_| {
                    Err(Error::Unsupported(
                        "the Huawei half of a fleet call panicked",
                    ))
                });
                (Some(hr), Some(gr))
            }),
            (hc, gc) => (hc.map(h), gc.map(g)),
        }
    }
}

/// The state of Huawei phones `ids` (see [`Fleet::status`]).
fn huawei_status(c: &HuaweiClient, ids: &[String]) -> Result<BatchOutcome<FleetPhoneStatus>> {
    let item = |p: Phone| FleetPhoneStatus {
        provider: Provider::Huawei,
        status: p.status,
        id: p.id,
        name: p.name,
    };
    if ids.len() <= HUAWEI_PAGE as usize {
        let o = c.batch(ids.to_vec(), 1, |one| ShowPhone::new(one[0].clone()))?;
        return Ok(map_outcome(o, |d| FleetPhoneStatus {
            provider: Provider::Huawei,
            status: d.status(),
            id: d.phone.phone_id,
            name: d.phone.phone_name,
        }));
    }
    // Every asked id once, in input order, from the whole list.
    let ids = crate::op::distinct_ids("ids", ids.iter().cloned())?;
    let mut listed: std::collections::HashMap<String, Phone> = c
        .all_phones()?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let mut out = BatchOutcome::new(Vec::new(), Vec::new(), Vec::new());
    for id in ids {
        match listed.remove(&id) {
            Some(p) => out.succeeded.push(item(p)),
            None => out.missing.push(id),
        }
    }
    Ok(out)
}

/// Why `provider` cannot do `capability`, for [`Error::Unsupported`].
const fn unsupported(provider: Provider, capability: Capability) -> &'static str {
    match (provider, capability) {
        (Provider::Huawei, Capability::Start) => {
            "Huawei CPH has no start operation: restart a stopped phone to power it on"
        }
        (Provider::GeeLark, Capability::Access) => {
            "GeeLark has no access-info operation: its remote-view URL comes with a start"
        }
        (Provider::GeeLark, Capability::Reset) => "GeeLark has no factory reset",
        _ => "this provider cannot do that",
    }
}

/// A batch outcome with its items mapped.
fn map_outcome<T, U>(o: BatchOutcome<T>, f: impl FnMut(T) -> U) -> BatchOutcome<U> {
    BatchOutcome {
        succeeded: o.succeeded.into_iter().map(f).collect(),
        failed: o.failed,
        missing: o.missing,
        request_ids: o.request_ids,
        unexpected: o.unexpected,
        unexpected_omitted: o.unexpected_omitted,
    }
}

/// Huawei's outcome then GeeLark's, as one; the first error wins.
fn join_outcomes<T>(
    h: Option<Result<BatchOutcome<T>>>,
    g: Option<Result<BatchOutcome<T>>>,
) -> Result<BatchOutcome<T>> {
    let mut out = h.transpose()?;
    if let Some(g) = g.transpose()? {
        match &mut out {
            None => out = Some(g),
            Some(o) => {
                o.succeeded.extend(g.succeeded);
                o.failed.extend(g.failed);
                o.missing.extend(g.missing);
                o.request_ids.extend(g.request_ids);
                o.unexpected.extend(g.unexpected);
                o.unexpected_omitted += g.unexpected_omitted;
            }
        }
    }
    out.ok_or(Error::Unsupported("no provider ran"))
}

/// Huawei's wait then GeeLark's, as one; the first error wins.
fn join_waits(
    h: Option<Result<WaitOutcome>>,
    g: Option<Result<WaitOutcome>>,
) -> Result<WaitOutcome> {
    let mut out = h.transpose()?;
    if let Some(g) = g.transpose()? {
        match &mut out {
            None => out = Some(g),
            Some(o) => {
                o.done.extend(g.done);
                o.failed.extend(g.failed);
                o.timed_out.extend(g.timed_out);
                o.cancelled |= g.cancelled;
            }
        }
    }
    out.ok_or(Error::Unsupported("no provider ran"))
}
