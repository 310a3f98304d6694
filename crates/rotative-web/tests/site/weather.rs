//! The header's weather widget, fed by a fake Open-Meteo on 127.0.0.1: what readers see
//! after the job's pass (normal answers, every kind of failure, old readings, a restart),
//! and that pages never wait for the service.

use crate::newsroom::member;
use axum::http::StatusCode;
use rotative_core::{City, Role};
use rotative_test_support::{FakeWeather, TestApp, WeatherAnswer, engine_test};
use rotative_web::jobs::weather::{Pass, run_once};
use rotative_web::weather::WeatherOptions;
use std::time::{Duration, Instant};

/// The narrow no-break space between a temperature and its unit.
const NNBSP: char = '\u{202f}';

fn marrakech() -> City {
    City {
        name: "Marrakech".to_owned(),
        latitude: 31.6295,
        longitude: -7.9811,
    }
}

fn degrees(value: i32, unit: &str) -> String {
    format!("{value}{NNBSP}{unit}")
}

/// The app, restarted with the weather of these cities from the fake service.
async fn with_weather(app: TestApp, weather: &FakeWeather, cities: Vec<City>) -> TestApp {
    let options = rotative_web::Options {
        weather: WeatherOptions {
            base_url: weather.base_url.clone(),
            cities,
            timeout: Duration::from_millis(200),
        },
        ..rotative_web::Options::default()
    };
    app.with_options(options).await
}

async fn pass(app: &TestApp) -> Pass {
    run_once(&app.state).await.expect("the readings are stored")
}

/// The weather slot's content, as the home page shows it (empty when there is no slot: an
/// empty zone renders nothing).
async fn widget(app: &TestApp) -> String {
    let body = app.get("/").await.body;
    let Some(start) = body.find(r#"data-slot="weather">"#) else {
        return String::new();
    };
    let rest = &body[start..];
    let end = rest
        .find(r#"<header class="masthead">"#)
        .unwrap_or(rest.len());
    rest[..end].to_owned()
}

fn is_empty(widget: &str) -> bool {
    widget.is_empty()
}

engine_test! {
    async fn the_header_shows_the_current_weather_in_the_site_language_and_unit(app: TestApp) {
        let service = FakeWeather::start().await;
        let app = with_weather(app.with_demo().await, &service, vec![marrakech()]).await;
        assert!(is_empty(&widget(&app).await), "nothing before the first fetch");

        let done = pass(&app).await;
        assert_eq!(done.fetched, ["Marrakech"]);
        assert!(done.changed);
        let requests = service.requests();
        assert_eq!(requests.len(), 1);
        assert!(requests[0].contains("latitude=31.6295"), "{requests:?}");
        assert!(requests[0].contains("longitude=-7.9811"), "{requests:?}");
        assert!(requests[0].contains("current=temperature_2m,weather_code"), "{requests:?}");

        // The job dropped the page cached before it: every page shows it.
        for path in ["/", "/politique/", crate::SEED] {
            let body = app.get(path).await.body;
            assert!(body.contains(&degrees(23, "°C")), "{path}: temperature");
            assert!(body.contains(r#"<span class="weather-name">Marrakech</span>"#), "{path}: city");
            assert!(body.contains(r#"<span class="visually-hidden">Ciel dégagé,</span>"#), "{path}: condition");
            assert!(body.contains(r#"<span class="weather-icon" aria-hidden="true" title="Ciel dégagé">☀</span>"#), "{path}: icon");
        }
        let shown = widget(&app).await;
        assert!(!shown.contains("weather-age"), "a fresh reading has no age");
        assert!(!shown.contains("weather-next"), "one city: nothing to choose");

        app.set_setting("locale", "en").await;
        assert!(widget(&app).await.contains(r#"<span class="visually-hidden">Clear sky,</span>"#));
        app.set_setting("weather.unit", "fahrenheit").await;
        assert!(widget(&app).await.contains(&degrees(74, "°F")));

        service.answer(WeatherAnswer::current(-3.6, 95));
        assert!(pass(&app).await.changed);
        let shown = widget(&app).await;
        assert!(shown.contains(&degrees(26, "°F")), "{shown}");
        assert!(shown.contains("Thunderstorm"), "{shown}");
        app.set_setting("weather.unit", "celsius").await;
        assert!(widget(&app).await.contains(&degrees(-4, "°C")));
        assert!(!pass(&app).await.changed, "the same weather again changes nothing");
    }
}

engine_test! {
    async fn a_slow_weather_service_leaves_the_page_without_the_widget(app: TestApp) {
        let service = FakeWeather::start().await;
        service.answer(WeatherAnswer::Slow(Duration::from_secs(3)));
        let app = with_weather(app, &service, vec![marrakech()]).await;
        let started = Instant::now();
        let done = pass(&app).await;
        assert!(started.elapsed() < Duration::from_secs(2), "the 200 ms timeout applies");
        assert_eq!(done.failed, ["Marrakech"]);
        assert_eq!(done.logged_failures, ["Marrakech"]);
        let page = app.get("/").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(is_empty(&widget(&app).await));
    }
}

engine_test! {
    async fn pages_never_wait_for_the_weather_service(app: TestApp) {
        let service = FakeWeather::start().await;
        service.answer(WeatherAnswer::Slow(Duration::from_millis(1500)));
        let options = rotative_web::Options {
            weather: WeatherOptions {
                base_url: service.base_url.clone(),
                cities: vec![marrakech()],
                timeout: Duration::from_secs(10),
            },
            ..rotative_web::Options::default()
        };
        let app = app.with_options(options).await;
        let state = app.state.clone();
        let job = tokio::spawn(async move { run_once(&state).await.map_err(|e| e.to_string()) });
        tokio::time::sleep(Duration::from_millis(100)).await;
        let started = Instant::now();
        assert!(is_empty(&widget(&app).await));
        assert!(started.elapsed() < Duration::from_millis(1000), "the page did not wait");
        assert!(!job.is_finished(), "the fetch was still waiting");
        let done = job.await.expect("the job ends").expect("stored");
        assert_eq!(done.fetched, ["Marrakech"]);
        assert!(widget(&app).await.contains(&degrees(23, "°C")));
    }
}

engine_test! {
    async fn errors_garbage_and_absurd_values_are_refused(app: TestApp) {
        let service = FakeWeather::start().await;
        let app = with_weather(app, &service, vec![marrakech()]).await;
        let refused = [
            WeatherAnswer::Status(500),
            WeatherAnswer::Status(429),
            WeatherAnswer::Body("{\"current\": {\"temperature_2m\": 23.4".to_owned()),
            WeatherAnswer::Body("<html>Service indisponible</html>".to_owned()),
            WeatherAnswer::Body("{\"current\": {\"temperature_2m\": \"chaud\", \"weather_code\": 0}}".to_owned()),
            WeatherAnswer::Body("{\"error\": true, \"reason\": \"Latitude must be in range\"}".to_owned()),
            WeatherAnswer::current(900.0, 0),
            WeatherAnswer::current(-120.0, 0),
            WeatherAnswer::current(23.4, 42),
            WeatherAnswer::current(23.4, -1),
            WeatherAnswer::Body("{\"current_units\": {\"temperature_2m\": \"°F\"}, \"current\": {\"temperature_2m\": 74.0, \"weather_code\": 0}}".to_owned()),
        ];
        for (n, answer) in refused.into_iter().enumerate() {
            service.answer(answer.clone());
            let done = pass(&app).await;
            assert_eq!(done.failed, ["Marrakech"], "{answer:?}");
            assert!(!done.changed, "{answer:?}");
            // Logged once: the first failure of the streak only.
            let logged: &[&str] = if n == 0 { &["Marrakech"] } else { &[] };
            assert_eq!(done.logged_failures, logged, "{answer:?}");
            assert!(is_empty(&widget(&app).await), "{answer:?}");
        }
        let stored = app.store().settings().await.expect("settings");
        assert!(!stored.iter().any(|(key, _)| key == "weather.readings"), "nothing stored");

        service.answer(WeatherAnswer::current(-89.0, 71));
        let done = pass(&app).await;
        assert_eq!(done.recovered, ["Marrakech"], "the recovery is said");
        assert!(widget(&app).await.contains(&degrees(-89, "°C")), "cold, but believable");
    }
}

engine_test! {
    async fn the_last_reading_stays_through_failures_and_says_its_age_after_three_hours(app: TestApp) {
        let service = FakeWeather::start().await;
        let app = with_weather(app, &service, vec![marrakech()]).await;
        pass(&app).await;
        assert!(widget(&app).await.contains(&degrees(23, "°C")));

        service.answer(WeatherAnswer::Status(500));
        app.clock.advance(chrono::Duration::minutes(30));
        let done = pass(&app).await;
        assert_eq!(done.logged_failures, ["Marrakech"]);
        app.clock.advance(chrono::Duration::hours(2));
        pass(&app).await;
        let shown = widget(&app).await;
        assert!(shown.contains(&degrees(23, "°C")), "the last value stays: {shown}");
        assert!(!shown.contains("weather-age"), "2 h 30: no age yet");

        app.clock.advance(chrono::Duration::hours(1) + chrono::Duration::minutes(40));
        assert!(pass(&app).await.logged_failures.is_empty(), "said once per streak");
        // Cached pages are rendered again after cache.refresh_seconds; here, at once.
        app.state.cache().clear();
        let shown = widget(&app).await;
        assert!(shown.contains(&degrees(23, "°C")), "{shown}");
        assert!(shown.contains(r#"<span class="weather-age">(il y a 4 h)</span>"#), "{shown}");
        app.set_setting("locale", "en").await;
        assert!(widget(&app).await.contains("(4 h ago)"));

        // A day later, yesterday's weather is no longer shown.
        app.clock.advance(chrono::Duration::hours(21));
        app.state.cache().clear();
        assert!(is_empty(&widget(&app).await));

        service.answer(WeatherAnswer::current(18.0, 3));
        let done = pass(&app).await;
        assert_eq!(done.recovered, ["Marrakech"]);
        assert!(done.changed);
        let shown = widget(&app).await;
        assert!(shown.contains(&degrees(18, "°C")) && shown.contains("Overcast"), "{shown}");
        assert!(!shown.contains("weather-age"));
    }
}

engine_test! {
    async fn a_restart_shows_the_stored_reading_at_once(app: TestApp) {
        let service = FakeWeather::start().await;
        service.answer(WeatherAnswer::current(31.2, 2));
        let app = with_weather(app, &service, vec![marrakech()]).await;
        pass(&app).await;
        // The service is gone when the site starts again.
        service.answer(WeatherAnswer::Status(503));
        let restarted = with_weather(app, &service, vec![marrakech()]).await;
        let shown = widget(&restarted).await;
        assert!(shown.contains(&degrees(31, "°C")), "{shown}");
        assert!(shown.contains("Partiellement nuageux"), "{shown}");
        assert_eq!(service.requests().len(), 1, "nothing fetched by the restart itself");

        // A city no longer configured is not shown, whatever is stored.
        let rabat = City { name: "Rabat".to_owned(), latitude: 34.0209, longitude: -6.8416 };
        let moved = with_weather(restarted, &service, vec![rabat]).await;
        assert!(is_empty(&widget(&moved).await));

        // A stored value that does not read is ignored: the site starts without the widget.
        moved.store().put_setting("weather.readings", "{pas du JSON").await.expect("stored");
        let damaged = with_weather(moved, &service, vec![marrakech()]).await;
        assert_eq!(damaged.get("/").await.status, StatusCode::OK);
        assert!(is_empty(&widget(&damaged).await));
    }
}

engine_test! {
    async fn several_cities_are_shown_with_a_selector(app: TestApp) {
        let service = FakeWeather::start().await;
        service.answer_at("34.0209", WeatherAnswer::current(17.0, 61));
        service.answer_at("30.4278", WeatherAnswer::Status(500));
        let cities = vec![
            marrakech(),
            City { name: "Rabat & <Salé>".to_owned(), latitude: 34.0209, longitude: -6.8416 },
            City { name: "Agadir".to_owned(), latitude: 30.4278, longitude: -9.5981 },
        ];
        let app = with_weather(app, &service, cities).await;
        let done = pass(&app).await;
        assert_eq!(done.fetched, ["Marrakech", "Rabat & <Salé>"]);
        assert_eq!(done.failed, ["Agadir"]);
        let shown = widget(&app).await;
        assert!(shown.contains(&degrees(23, "°C")) && shown.contains(&degrees(17, "°C")), "{shown}");
        assert!(shown.contains(r#"<span class="weather-name">Rabat &amp; &lt;Salé&gt;</span>"#), "escaped: {shown}");
        assert!(shown.contains(r#"data-city="Rabat &amp; &lt;Salé&gt;""#), "{shown}");
        assert!(shown.contains("Pluie"), "{shown}");
        assert!(!shown.contains("Agadir"), "a city without a reading is left out");
        assert!(shown.contains(r#"<button type="button" class="weather-next" hidden aria-label="Ville suivante""#), "{shown}");
        assert!(shown.contains("localStorage"), "the choice is made in the browser");
        assert!(shown.find("Marrakech") < shown.find("Rabat"), "in the configured order");
    }
}

engine_test! {
    async fn the_unit_is_a_setting_of_the_admin_unless_pinned(app: TestApp) {
        let service = FakeWeather::start().await;
        let app = with_weather(app, &service, vec![marrakech()]).await;
        pass(&app).await;
        let admin = member(&app, Role::Admin, "Directrice").await;
        let page = admin.get(&app, "/admin/settings").await;
        assert!(page.body.contains(r#"<select id="weather.unit" name="weather.unit">"#), "{}", page.body);
        assert!(page.body.contains("Degrés Fahrenheit (°F)"));
        let refused = admin.post(&app, "/admin/settings", &[("weather.unit", "kelvin")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("celsius, fahrenheit"), "{}", refused.body);
        let saved = admin.post(&app, "/admin/settings", &[("weather.unit", "fahrenheit")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert!(widget(&app).await.contains(&degrees(74, "°F")), "applied at once");

        let options = rotative_web::Options {
            pinned: vec![("weather.unit".to_owned(), "celsius".to_owned())],
            weather: app.state.options().weather.clone(),
            ..rotative_web::Options::default()
        };
        let app = app.with_options(options).await;
        assert!(widget(&app).await.contains(&degrees(23, "°C")), "the configuration wins");
        let admin = member(&app, Role::Admin, "Redactrice").await;
        let page = admin.get(&app, "/admin/settings").await;
        assert!(page.body.contains(r#"<select id="weather.unit" name="weather.unit" disabled>"#), "{}", page.body);
    }
}

engine_test! {
    async fn a_clear_night_shows_a_moon_not_a_sun(app: TestApp) {
        let service = FakeWeather::start().await;
        let app = with_weather(app, &service, vec![marrakech()]).await;
        // 21:00 UTC: night in Marrakech.
        app.clock.advance(chrono::Duration::hours(12));
        pass(&app).await;
        let shown = widget(&app).await;
        assert!(shown.contains(r#"title="Ciel dégagé">☾</span>"#), "{shown}");
    }
}

engine_test! {
    async fn admins_choose_the_cities_in_the_settings(app: TestApp) {
        let service = FakeWeather::start().await;
        // No city in the configuration: the admin's setting decides.
        let app = with_weather(app, &service, Vec::new()).await;
        assert!(is_empty(&widget(&app).await));
        let admin = member(&app, Role::Admin, "Directrice").await;
        let refused = admin.post(&app, "/admin/settings", &[("weather.cities", "Pôle Nord:95:0")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Écrivez les villes ainsi"), "{}", refused.body);
        let saved = admin.post(&app, "/admin/settings", &[("weather.cities", "Marrakech:31.6295:-7.9811")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert_eq!(app.state.settings().weather_cities, vec![marrakech()]);
        pass(&app).await;
        let shown = widget(&app).await;
        assert!(shown.contains("Marrakech") && shown.contains(&degrees(23, "°C")), "{shown}");
        // A configuration listing cities pins them: shown, not editable.
        let options = rotative_web::Options {
            pinned: vec![("weather.cities".to_owned(), "Agadir:30.4278:-9.5981".to_owned())],
            weather: app.state.options().weather.clone(),
            ..rotative_web::Options::default()
        };
        let app = app.with_options(options).await;
        let admin = member(&app, Role::Admin, "Redactrice").await;
        let page = admin.get(&app, "/admin/settings").await;
        assert!(page.body.contains(r#"name="weather.cities" value="Agadir:30.4278:-9.5981" size="50" disabled"#), "{}", page.body);
    }
}
