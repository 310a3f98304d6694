//! Marks scheduled articles as published once their publication time has come, and tells
//! the page cache. Requests also do it when they find one due (see
//! `AppState::publish_if_due`); this pass covers quiet times.

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
    Ok(crate::content::publish_due(state).await?)
}
