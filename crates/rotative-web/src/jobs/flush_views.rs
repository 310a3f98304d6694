//! Writes the views (and ad impressions and clicks) counted in memory to the database, in
//! one transaction each, every few seconds and once more when stopped.

use crate::AppState;
use std::time::Duration;
use tokio::sync::watch;

/// Runs until stopped, then flushes a last time.
pub async fn run(state: AppState, every: Duration, mut stopped: watch::Receiver<bool>) {
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while super::tick(&mut interval, &mut stopped).await {
        flush_logging_errors(&state).await;
    }
    flush_logging_errors(&state).await;
}

async fn flush_logging_errors(state: &AppState) {
    if let Err(error) = run_once(state).await {
        tracing::warn!(job = "flush_views", %error, "could not write view counts; keeping them for the next pass");
    }
    if let Err(error) = crate::ads::flush(state).await {
        tracing::warn!(job = "flush_views", %error, "could not write ad counts; keeping them for the next pass");
    }
}

/// One pass: writes the pending counts; returns how many views were written. On failure the
/// counts are kept for the next pass.
pub async fn run_once(state: &AppState) -> anyhow::Result<i64> {
    let counts = state.views().take();
    if counts.is_empty() {
        return Ok(0);
    }
    if let Err(error) = state.store().add_views(&counts).await {
        state.views().restore(&counts);
        return Err(error.into());
    }
    Ok(counts.iter().map(|(_, n)| n).sum())
}
