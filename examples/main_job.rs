//! The main job from Rust: list the Huawei fleet, get access to the running
//! phones, restart three and wait for them, ask GeeLark which phones are up.
//! Accounts from the environment (HUAWEICLOUD_SDK_AK/_SK/_PROJECT_ID/_REGION,
//! CLOUDPHONE_GEELARK_APP_ID/_API_KEY; `cloudphone sim` prints a set).
use cloudphone::client::{GeeLarkClient, HuaweiClient, WaitOptions};
use cloudphone::huawei::ClientType;
use std::time::Duration;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (huawei, geelark) = (HuaweiClient::from_env()?, GeeLarkClient::from_env()?);
    let running: Vec<String> = (huawei.all_phones()?.into_iter())
        .filter(|p| p.status.is_running())
        .map(|p| p.id)
        .collect();
    let access = huawei.batch_connection(&running, ClientType::Android)?; // 10 a call, merged
    println!(
        "{} running, {} with access",
        running.len(),
        access.succeeded.len()
    );

    let wait = WaitOptions::new(Duration::from_secs(300))?;
    let restarted = huawei.restart_and_wait(running.iter().take(3), &wait)?;
    println!(
        "restarted {:?}, failed {:?}",
        restarted.done, restarted.failed
    );

    let ids = geelark.all_phones()?.into_iter().map(|p| p.id);
    let status = geelark.phone_status(ids)?; // 100 a call, every id accounted for
    let up = status
        .succeeded
        .iter()
        .filter(|p| p.status.is_running())
        .count();
    println!("GeeLark: {up} of {} up", status.total());
    Ok(())
}
