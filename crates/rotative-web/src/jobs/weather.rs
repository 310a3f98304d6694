//! Fetches the current weather of each configured city from Open-Meteo
//! (`GET {base_url}/v1/forecast?latitude=…&longitude=…&current=temperature_2m,weather_code`),
//! at start and then every interval, and keeps what it believes (see
//! [`crate::weather`]).
//!
//! A slow, failing or nonsensical answer keeps the last reading; the failure is logged
//! once when a city's streak of failures begins, and again when the service answers.

use crate::AppState;
use crate::weather::Streak;
use rotative_core::{City, Reading, Timestamp};
use serde::Deserialize;
use std::time::Duration;
use tokio::sync::watch;

/// The largest answer read: Open-Meteo's is under 1 KiB.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// Why a city's weather could not be had.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// No answer in time, or no connection.
    #[error("no answer: {0}")]
    Request(#[from] reqwest::Error),
    /// An answer other than 200.
    #[error("the service answered {0}")]
    Status(u16),
    /// An answer larger than any weather.
    #[error("the answer is larger than {MAX_ANSWER_BYTES} bytes")]
    TooLarge,
    /// Not the JSON expected.
    #[error("the answer is not the expected JSON: {0}")]
    Malformed(String),
    /// JSON whose values cannot be the weather.
    #[error(transparent)]
    Implausible(#[from] rotative_core::weather::Implausible),
}

/// What one pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pass {
    /// The cities whose reading was fetched and kept.
    pub fetched: Vec<String>,
    /// The cities whose fetch failed (their last reading, if any, stays).
    pub failed: Vec<String>,
    /// The failures logged in this pass: the first of each city's streak.
    pub logged_failures: Vec<String>,
    /// The cities whose service answers again after failing (logged too).
    pub recovered: Vec<String>,
    /// Whether readers would see a change (cached pages were then dropped).
    pub changed: bool,
}

/// Runs at start, then every `every`, until stopped; a fetch in progress is abandoned
/// when the server stops.
pub async fn run(state: AppState, every: Duration, mut stopped: watch::Receiver<bool>) {
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // An interval's first tick is at once: this pass is it.
    interval.tick().await;
    loop {
        tokio::select! {
            pass = run_once(&state) => {
                if let Err(error) = pass {
                    tracing::warn!(job = "weather", %error, "could not store the weather");
                }
            }
            _ = stopped.changed() => return,
        }
        // The next pass: at the interval, or at once when an admin changes the cities.
        tokio::select! {
            _ = interval.tick() => {}
            () = state.weather().woken() => {}
            _ = stopped.changed() => return,
        }
    }
}

/// Fetches every configured city's weather once, keeps what is believable, drops the
/// cached pages if readers would see a change, and stores the readings. Fails only when
/// the readings cannot be stored (they are kept in memory regardless).
pub async fn run_once(state: &AppState) -> anyhow::Result<Pass> {
    let options = &state.options().weather;
    let cities = crate::weather::cities(state);
    let mut pass = Pass::default();
    if cities.is_empty() {
        return Ok(pass);
    }
    let connect = options.timeout.min(Duration::from_secs(5));
    let client = crate::net::client(connect, options.timeout)?;
    let weather = state.weather();
    for city in &cities {
        let name = city.name.clone();
        let now = state.clock().now();
        let fetched = fetch(&client, &options.base_url, city, now).await;
        match weather.note(&name, fetched.is_ok()) {
            Streak::Broken => {
                if let Err(error) = &fetched {
                    tracing::warn!(
                        city = %name, %error,
                        "the weather service fails; the last reading is shown while it is recent \
                         (said once until it answers again)"
                    );
                }
                pass.logged_failures.push(name.clone());
            }
            Streak::Recovered => {
                tracing::info!(city = %name, "the weather service answers again");
                pass.recovered.push(name.clone());
            }
            Streak::Steady | Streak::StillFailing => {}
        }
        match fetched {
            Ok(reading) => {
                pass.changed |= weather.record(city, reading, now);
                pass.fetched.push(name);
            }
            Err(error) => {
                tracing::debug!(city = %name, %error, "weather fetch failed");
                pass.failed.push(name);
            }
        }
    }
    if pass.changed {
        state.cache().clear();
    }
    if !pass.fetched.is_empty() {
        state
            .store()
            .put_setting(crate::weather::STORE_KEY, &weather.to_json())
            .await?;
    }
    Ok(pass)
}

/// Open-Meteo's answer, as far as it is read.
#[derive(Deserialize)]
struct Answer {
    current: Current,
    current_units: Option<Units>,
}

#[derive(Deserialize)]
struct Current {
    temperature_2m: f64,
    weather_code: f64,
}

#[derive(Deserialize)]
struct Units {
    temperature_2m: Option<String>,
}

/// One city's current weather.
async fn fetch(
    client: &reqwest::Client,
    base_url: &str,
    city: &City,
    now: Timestamp,
) -> Result<Reading, FetchError> {
    let url = format!(
        "{}/v1/forecast?latitude={}&longitude={}&current=temperature_2m,weather_code&timezone=UTC",
        base_url.trim_end_matches('/'),
        city.latitude,
        city.longitude,
    );
    let mut response = client.get(&url).send().await?;
    if response.status() != reqwest::StatusCode::OK {
        return Err(FetchError::Status(response.status().as_u16()));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > MAX_ANSWER_BYTES {
            return Err(FetchError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    let answer: Answer =
        serde_json::from_slice(&body).map_err(|e| FetchError::Malformed(e.to_string()))?;
    if let Some(unit) = answer.current_units.and_then(|u| u.temperature_2m)
        && unit != "°C"
    {
        return Err(FetchError::Malformed(format!(
            "temperatures in {unit:?}, not °C"
        )));
    }
    let current = answer.current;
    Ok(Reading::new(
        current.temperature_2m,
        current.weather_code,
        now,
    )?)
}
