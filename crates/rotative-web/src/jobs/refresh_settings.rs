//! Applies settings (and ad creatives) another node's editor changed: each node keeps the settings in memory,
//! so it reads them again every few seconds and, when they differ, applies them (and drops
//! its cached pages, which show them).

use crate::AppState;
use std::time::Duration;
use tokio::sync::watch;

/// Runs until stopped.
pub async fn run(state: AppState, every: Duration, mut stopped: watch::Receiver<bool>) {
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while super::tick(&mut interval, &mut stopped).await {
        if let Err(error) = run_once(&state).await {
            tracing::warn!(job = "refresh_settings", %error, "could not read the settings");
        }
    }
}

/// One pass; returns whether the settings changed.
pub async fn run_once(state: &AppState) -> Result<bool, crate::StartError> {
    let mut changed = state.refresh_settings().await?;
    // Ad creatives and ads.txt too: another node's editor may have changed them.
    changed |= crate::ads::reload(state).await?;
    if changed {
        tracing::info!("settings changed elsewhere: applied");
    }
    Ok(changed)
}
