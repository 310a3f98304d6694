//! The header's weather widget ("23 °C Marrakech"): the last readings kept in memory and
//! in the database, and the widget made from them.
//!
//! - The [`jobs::weather`](crate::jobs::weather) job fetches each configured city's current
//!   weather from Open-Meteo every interval, and hands what it believes to
//!   [`Weather::record`], which keeps it here and returns whether the widget changed (the
//!   job then drops the cached pages and stores the readings under [`STORE_KEY`]).
//! - [`AppState::new`](crate::AppState::new) loads the stored readings, so a restart shows
//!   the last known weather at once.
//! - Pages read memory only: a page never waits for the weather service. A city without a
//!   reading is left out; a reading older than
//!   [`STALE_AFTER_HOURS`](rotative_core::weather::STALE_AFTER_HOURS) is shown with its age,
//!   one older than [`EXPIRES_AFTER_HOURS`](rotative_core::weather::EXPIRES_AFTER_HOURS) is
//!   not shown.
//! - The widget is the `partials/weather.html` template (themes may override it), placed in
//!   the layout's `weather` slot. Cached pages show it as it was when they were rendered, so
//!   it lags by at most `cache.refresh_seconds`.

use crate::AppState;
use rotative_core::{City, Locale, Reading, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// The settings-table key the readings are stored under, as JSON.
pub const STORE_KEY: &str = "weather.readings";

/// Where the weather comes from and for which cities.
#[derive(Debug, Clone)]
pub struct WeatherOptions {
    /// The Open-Meteo service's address, without trailing slash
    /// (`https://api.open-meteo.com`; tests serve their own).
    pub base_url: String,
    /// The cities shown, in order; none: no widget, and nothing fetched.
    pub cities: Vec<City>,
    /// How long one request may take, all included, before it counts as failed.
    pub timeout: Duration,
}

impl Default for WeatherOptions {
    fn default() -> Self {
        WeatherOptions {
            base_url: "https://api.open-meteo.com".to_owned(),
            cities: Vec::new(),
            timeout: Duration::from_secs(10),
        }
    }
}

/// A city's last reading, as kept and stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CityReading {
    /// The city (a reading is shown only for a configured city of the same name and place).
    pub city: City,
    /// What the service said.
    pub reading: Reading,
}

/// The cities shown: those of the options (the configuration's, or a test's) when there
/// are some, else the `weather.cities` site setting's.
pub fn cities(state: &AppState) -> Vec<City> {
    let configured = &state.options().weather.cities;
    if configured.is_empty() {
        state.settings().weather_cities.clone()
    } else {
        configured.clone()
    }
}

/// The last readings, and which cities' services are failing now.
#[derive(Debug, Default)]
pub struct Weather {
    readings: RwLock<Arc<Vec<CityReading>>>,
    failing: Mutex<HashSet<String>>,
    /// Wakes the job when the cities change.
    wake: tokio::sync::Notify,
}

/// What changed when a city's fetch ended, for the job to log once per streak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Streak {
    /// A success after a success: nothing to say.
    Steady,
    /// The first failure after a success (or since start): say it.
    Broken,
    /// Another failure: already said.
    StillFailing,
    /// A success after failures: say the service is back.
    Recovered,
}

impl Weather {
    /// Asks the job for a pass now (the cities changed).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Waits for [`Weather::wake`].
    pub async fn woken(&self) {
        self.wake.notified().await;
    }

    /// The last readings, one per city.
    pub fn readings(&self) -> Arc<Vec<CityReading>> {
        self.readings
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Replaces the readings (at start, with the stored ones).
    pub(crate) fn install(&self, readings: Vec<CityReading>) {
        *self.readings.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(readings);
    }

    /// Keeps a city's new reading; returns whether readers would see a change (another
    /// rounded temperature or sky, or a reading where there was none or an old one).
    pub fn record(&self, city: &City, reading: Reading, now: Timestamp) -> bool {
        let mut slot = self.readings.write().unwrap_or_else(|p| p.into_inner());
        let mut readings = (**slot).clone();
        let changed = match readings.iter_mut().find(|r| r.city.name == city.name) {
            Some(kept) => {
                let changed = kept.city != *city
                    || kept.reading.is_stale(now)
                    || (kept.reading.celsius * 10.0).round() != (reading.celsius * 10.0).round()
                    || kept.reading.condition() != reading.condition();
                kept.city = city.clone();
                kept.reading = reading;
                changed
            }
            None => {
                readings.push(CityReading {
                    city: city.clone(),
                    reading,
                });
                true
            }
        };
        *slot = Arc::new(readings);
        changed
    }

    /// Notes how a city's fetch ended, for logging a failure once per streak.
    pub fn note(&self, city: &str, succeeded: bool) -> Streak {
        let mut failing = self.failing.lock().unwrap_or_else(|p| p.into_inner());
        match (succeeded, failing.contains(city)) {
            (true, false) => Streak::Steady,
            (true, true) => {
                failing.remove(city);
                Streak::Recovered
            }
            (false, false) => {
                failing.insert(city.to_owned());
                Streak::Broken
            }
            (false, true) => Streak::StillFailing,
        }
    }

    /// The readings as stored.
    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string(&*self.readings()).unwrap_or_else(|_| "[]".to_owned())
    }
}

/// Reads the stored readings of the configured cities into memory (at start); a missing or
/// unreadable value leaves none, and never stops the site.
pub(crate) async fn load(state: &AppState) -> Result<(), rotative_store::StoreError> {
    let stored = state.store().settings().await?;
    let Some((_, json)) = stored.iter().find(|(key, _)| key == STORE_KEY) else {
        return Ok(());
    };
    match serde_json::from_str::<Vec<CityReading>>(json) {
        Ok(mut readings) => {
            // Cities no longer configured are forgotten (and left out of the next store).
            let cities = cities(state);
            readings.retain(|r| cities.iter().any(|c| c.name == r.city.name));
            state.weather().install(readings);
        }
        Err(error) => {
            tracing::warn!(%error, key = STORE_KEY, "the stored weather is unreadable; ignored");
        }
    }
    Ok(())
}

/// A city as the widget shows it.
#[derive(Serialize)]
struct CityView<'a> {
    name: &'a str,
    degrees: i32,
    condition: &'static str,
    is_day: bool,
    /// Hours since the reading, when old enough to say so.
    age_hours: Option<i64>,
}

#[derive(Serialize)]
struct WidgetView<'a> {
    locale: Locale,
    unit: &'static str,
    cities: Vec<CityView<'a>>,
}

/// Puts the widget in the layout's `weather` slot, when there is weather to show.
pub(crate) fn place(state: &AppState, slots: &mut BTreeMap<String, String>) {
    if let Some(html) = widget(state) {
        slots.insert("weather".to_owned(), html);
    }
}

/// The widget's HTML: each configured city with a reading young enough, in the site's
/// language and unit; `None` when there is none.
fn widget(state: &AppState) -> Option<String> {
    let configured = cities(state);
    if configured.is_empty() {
        return None;
    }
    let readings = state.weather().readings();
    let now = state.clock().now();
    let settings = state.settings();
    let cities: Vec<CityView<'_>> = configured
        .iter()
        .filter_map(|city| {
            let kept = readings.iter().find(|r| r.city == *city)?;
            let reading = &kept.reading;
            if reading.is_expired(now) {
                return None;
            }
            Some(CityView {
                name: &city.name,
                degrees: settings.temperature_unit.degrees(reading.celsius),
                condition: reading.condition().name(),
                is_day: city.is_daytime(now),
                age_hours: reading.is_stale(now).then(|| reading.age_hours(now)),
            })
        })
        .collect();
    if cities.is_empty() {
        return None;
    }
    let view = WidgetView {
        locale: settings.locale,
        unit: settings.temperature_unit.name(),
        cities,
    };
    match state.theme().render("partials/weather.html", &view) {
        Ok(html) => Some(html.trim().to_owned()),
        Err(error) => {
            tracing::error!(%error, "the weather widget does not render; left out");
            None
        }
    }
}
