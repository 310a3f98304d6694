//! Background work, each job a named module started from [`Jobs::start`] and stopped by
//! [`Jobs::stop`] on shutdown. No other code spawns long-lived tasks.
//!
//! - [`publish_scheduled`]: marks scheduled articles as published when their time comes.
//!   Readers see them at that time whatever the job does (public queries compare the
//!   publication time with now, and a request that finds one due publishes it first); the
//!   job records the change in quiet times so that what reacts to publication hears of it.
//! - [`flush_views`]: writes the views counted in memory to the database, and a last time
//!   when stopped, so a graceful shutdown loses none.
//! - [`process_media`]: makes the clean original and the resized variants of uploads.
//! - [`refresh_settings`]: applies settings changed on another node.
//! - [`search_index`]: indexes what other nodes changed, and builds the search index when
//!   it needs building (at start, in the background: searches meanwhile say so).
//! - [`weather`]: fetches the current weather of the header's cities, at start and then
//!   every interval (each node fetches its own).

pub mod flush_views;
pub mod process_media;
pub mod publish_scheduled;
pub mod refresh_settings;
pub mod search_index;
pub mod weather;

use crate::AppState;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often the jobs run.
#[derive(Debug, Clone, Copy)]
pub struct JobSettings {
    /// Interval of [`publish_scheduled`].
    pub publish_interval: Duration,
    /// Interval of [`flush_views`].
    pub flush_views_interval: Duration,
    /// Interval of [`refresh_settings`].
    pub settings_interval: Duration,
    /// Interval of [`weather`].
    pub weather_interval: Duration,
    /// Interval of [`search_index`].
    pub search_interval: Duration,
}

impl Default for JobSettings {
    fn default() -> Self {
        JobSettings {
            publish_interval: Duration::from_secs(15),
            flush_views_interval: Duration::from_secs(5),
            settings_interval: Duration::from_secs(30),
            weather_interval: Duration::from_secs(30 * 60),
            search_interval: Duration::from_secs(2),
        }
    }
}

/// The running jobs.
pub struct Jobs {
    stop: watch::Sender<bool>,
    handles: Vec<(&'static str, JoinHandle<()>)>,
}

impl Jobs {
    /// Starts every job.
    pub fn start(state: &AppState, settings: JobSettings) -> Jobs {
        let (stop, stopped) = watch::channel(false);
        let handles = vec![
            (
                "publish_scheduled",
                tokio::spawn(publish_scheduled::run(
                    state.clone(),
                    settings.publish_interval,
                    stopped.clone(),
                )),
            ),
            (
                "flush_views",
                tokio::spawn(flush_views::run(
                    state.clone(),
                    settings.flush_views_interval,
                    stopped.clone(),
                )),
            ),
            (
                "refresh_settings",
                tokio::spawn(refresh_settings::run(
                    state.clone(),
                    settings.settings_interval,
                    stopped.clone(),
                )),
            ),
            (
                "weather",
                tokio::spawn(weather::run(
                    state.clone(),
                    settings.weather_interval,
                    stopped.clone(),
                )),
            ),
            (
                "search_index",
                tokio::spawn(search_index::run(
                    state.clone(),
                    settings.search_interval,
                    stopped.clone(),
                )),
            ),
            (
                "process_media",
                tokio::spawn(process_media::run(state.clone(), stopped)),
            ),
        ];
        Jobs { stop, handles }
    }

    /// Asks every job to stop and waits for them (the view counts are flushed a last time).
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for (name, handle) in self.handles {
            if let Err(error) = handle.await {
                tracing::error!(job = name, %error, "job ended abnormally");
            }
        }
    }
}

/// Waits for the interval or the stop signal; returns false when the job should stop.
pub(crate) async fn tick(
    interval: &mut tokio::time::Interval,
    stopped: &mut watch::Receiver<bool>,
) -> bool {
    tokio::select! {
        _ = interval.tick() => !*stopped.borrow(),
        _ = stopped.changed() => false,
    }
}
