//! Keeps this node's search index current with what other nodes (and `rotative search
//! reindex`) changed, and builds it when it needs building: one
//! [`crate::search::catch_up`] pass at start, then one per interval.

use crate::AppState;
use std::time::Duration;
use tokio::sync::watch;

/// Runs until stopped.
pub async fn run(state: AppState, every: Duration, mut stopped: watch::Receiver<bool>) {
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut failing = false;
    while super::tick(&mut interval, &mut stopped).await {
        match run_once(&state).await {
            Ok(()) if failing => {
                failing = false;
                tracing::info!(job = "search_index", "the search index is current again");
            }
            Ok(()) => {}
            Err(error) if !failing => {
                failing = true;
                tracing::warn!(job = "search_index", %error, "could not update the search index; retrying");
            }
            Err(_) => {}
        }
    }
}

/// One pass.
pub async fn run_once(state: &AppState) -> anyhow::Result<()> {
    Ok(crate::search::catch_up(state).await?)
}
