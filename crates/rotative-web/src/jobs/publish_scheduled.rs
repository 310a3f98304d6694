//! Marks scheduled articles as published once their publication time has come.

use crate::AppState;
use std::time::Duration;
use tokio::sync::watch;

/// Runs until stopped.
pub async fn run(state: AppState, every: Duration, mut stopped: watch::Receiver<bool>) {
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while super::tick(&mut interval, &mut stopped).await {
        if let Err(error) = run_once(&state).await {
            tracing::warn!(job = "publish_scheduled", %error, "could not publish due articles");
        }
    }
}

/// One pass: publishes what is due, returns how many articles were published.
pub async fn run_once(state: &AppState) -> anyhow::Result<usize> {
    let published = state.store().publish_due(state.clock().now()).await?;
    for id in &published {
        tracing::info!(job = "publish_scheduled", article_id = %id, "scheduled article published");
    }
    Ok(published.len())
}
