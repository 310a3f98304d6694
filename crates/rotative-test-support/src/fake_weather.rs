//! A small Open-Meteo stand-in on 127.0.0.1 for tests: `GET /v1/forecast` answers what the
//! test set (per latitude, or for every city), and every request is recorded.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the fake service answers.
#[derive(Debug, Clone)]
pub enum WeatherAnswer {
    /// Open-Meteo's answer with this temperature (°C) and WMO weather code, by day.
    Current {
        /// The temperature, in °C.
        celsius: f64,
        /// The WMO weather code.
        code: i64,
    },
    /// This status, with a short text body.
    Status(u16),
    /// This body, as JSON, with status 200.
    Body(String),
    /// The normal answer (23.4 °C, clear sky), after this delay.
    Slow(Duration),
}

impl WeatherAnswer {
    /// Open-Meteo's answer with this temperature and weather code.
    pub fn current(celsius: f64, code: i64) -> Self {
        WeatherAnswer::Current { celsius, code }
    }
}

#[derive(Clone)]
struct Shared {
    default: Arc<Mutex<WeatherAnswer>>,
    by_latitude: Arc<Mutex<HashMap<String, WeatherAnswer>>>,
    requests: Arc<Mutex<Vec<String>>>,
}

/// The fake service, serving until the test's runtime ends.
#[derive(Clone)]
pub struct FakeWeather {
    /// Its address: `http://127.0.0.1:{port}`.
    pub base_url: String,
    shared: Shared,
}

impl FakeWeather {
    /// Starts a service answering 23.4 °C under a clear sky, wherever asked.
    pub async fn start() -> FakeWeather {
        let shared = Shared {
            default: Arc::new(Mutex::new(WeatherAnswer::current(23.4, 0))),
            by_latitude: Arc::default(),
            requests: Arc::default(),
        };
        let app = Router::new()
            .route("/v1/forecast", axum::routing::get(forecast))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        FakeWeather { base_url, shared }
    }

    /// Answers this from now on, wherever asked (unless a latitude has its own answer).
    pub fn answer(&self, answer: WeatherAnswer) {
        *lock(&self.shared.default) = answer;
    }

    /// Answers this for requests with this `latitude` parameter (as the client writes it).
    pub fn answer_at(&self, latitude: &str, answer: WeatherAnswer) {
        lock(&self.shared.by_latitude).insert(latitude.to_owned(), answer);
    }

    /// The query strings of the requests received, in order.
    pub fn requests(&self) -> Vec<String> {
        lock(&self.shared.requests).clone()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// Open-Meteo's answer to `current=temperature_2m,weather_code`.
fn open_meteo(celsius: f64, code: i64) -> String {
    format!(
        r#"{{"latitude":31.625,"longitude":-8.0,"generationtime_ms":0.03,"utc_offset_seconds":0,"timezone":"GMT","timezone_abbreviation":"GMT","elevation":466.0,"current_units":{{"time":"iso8601","interval":"seconds","temperature_2m":"°C","weather_code":"wmo code"}},"current":{{"time":"2025-04-01T09:00","interval":900,"temperature_2m":{celsius},"weather_code":{code}}}}}"#
    )
}

async fn forecast(State(shared): State<Shared>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    lock(&shared.requests).push(query.clone());
    let latitude = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("latitude="))
        .unwrap_or_default()
        .to_owned();
    let answer = lock(&shared.by_latitude)
        .get(&latitude)
        .cloned()
        .unwrap_or_else(|| lock(&shared.default).clone());
    let json = |body: String| ([("content-type", "application/json")], body).into_response();
    match answer {
        WeatherAnswer::Current { celsius, code } => json(open_meteo(celsius, code)),
        WeatherAnswer::Status(status) => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            "the weather is unavailable",
        )
            .into_response(),
        WeatherAnswer::Body(body) => json(body),
        WeatherAnswer::Slow(delay) => {
            tokio::time::sleep(delay).await;
            json(open_meteo(23.4, 0))
        }
    }
}
