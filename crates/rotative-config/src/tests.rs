use super::*;

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn an_empty_file_gives_the_defaults() {
    assert_eq!(Config::parse(""), Ok(Config::default()));
    let config = Config::default();
    assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(config.data_dir, PathBuf::from("./data"));
}

#[test]
fn the_environment_wins_over_the_file() {
    let file = "listen = \"0.0.0.0:9000\"\n[site]\nlocale = \"en\"\nposts_per_page = 5\n";
    let config = Config::resolve(
        file,
        env(&[
            ("ROTATIVE_SITE_LOCALE", "fr"),
            ("ROTATIVE_SITE_POSTS_PER_PAGE", "7"),
        ]),
    );
    let config = config.expect("valid");
    assert_eq!(config.listen.to_string(), "0.0.0.0:9000");
    assert_eq!(config.site.locale.as_deref(), Some("fr"));
    assert_eq!(config.site.posts_per_page, Some(7));
}

#[test]
fn bad_values_name_their_setting() {
    let error = |text: &str, vars: &[(&str, &str)]| {
        Config::resolve(text, env(vars))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    assert!(error("listen = \"nowhere\"", &[]).contains("listen"));
    assert!(error("[site]\nlocale = \"de\"", &[]).contains("site.locale"));
    assert!(error("", &[("ROTATIVE_LISTEN", "abc")]).contains("listen"));
    assert!(
        error("", &[("ROTATIVE_JOBS_PUBLISH_INTERVAL_SECONDS", "often")])
            .contains("ROTATIVE_JOBS_PUBLISH_INTERVAL_SECONDS")
    );
    assert!(error("colour = \"red\"", &[]).contains("colour"));
    assert!(error("[site]\ntimezone = \"Mars/Base\"", &[]).contains("site.timezone"));
    assert!(error("[comments]\nthread_depth = 0", &[]).contains("comments.thread_depth"));
    assert!(error("[media]\nstorage = \"ftp\"", &[]).contains("media.storage"));
    assert!(error("[media]\nstorage = \"s3\"", &[]).contains("media.s3_endpoint"));
    let s3 = "[media]\nstorage = \"s3\"\ns3_endpoint = \"http://127.0.0.1:9000\"\ns3_bucket = \"media\"\ns3_access_key_id = \"rotative\"";
    assert!(error(s3, &[]).contains("media.s3_secret_access_key"));
    assert_eq!(
        error(s3, &[("ROTATIVE_MEDIA_S3_SECRET_ACCESS_KEY", "secret")]),
        ""
    );
}

#[test]
fn every_key_has_an_environment_variable_and_a_doc() {
    let keys = Config::keys();
    assert!(
        keys.iter()
            .any(|k| k.path == "site.locale" && k.env == "ROTATIVE_SITE_LOCALE")
    );
    assert!(
        keys.iter()
            .any(|k| k.path == "data_dir" && k.env == "ROTATIVE_DATA_DIR")
    );
    for key in &keys {
        assert!(!key.doc.is_empty(), "{} has no documentation", key.path);
    }
}

#[test]
fn the_example_file_parses_to_the_defaults() {
    assert_eq!(
        Config::parse(&Config::example_toml()),
        Ok(Config::default())
    );
}

#[test]
fn the_example_city_parses_once_uncommented() {
    let example = Config::example_toml();
    let start = example
        .find("# [[weather.cities]]")
        .expect("an example city");
    let city: String = example[start..]
        .lines()
        .map(|line| line.trim_start_matches("# "))
        .collect::<Vec<_>>()
        .join("\n");
    let config = Config::parse(&format!("{}{city}", &example[..start])).expect("valid");
    assert_eq!(config.weather.cities.len(), 1);
    assert_eq!(config.weather.cities[0].name, "Marrakech");
}

#[test]
fn the_committed_example_file_is_up_to_date() {
    let committed = include_str!("../../../rotative.example.toml");
    assert!(
        committed == Config::example_toml(),
        "rotative.example.toml is stale: run `cargo run -- config example > rotative.example.toml`"
    );
}

#[test]
fn weather_cities_come_from_the_file_or_the_environment() {
    let file = "[weather]\ninterval_minutes = 10\nunit = \"fahrenheit\"\n\n[[weather.cities]]\nname = \"Marrakech\"\nlatitude = 31.6295\nlongitude = -7.9811\n\n[[weather.cities]]\nname = \"Agadir\"\nlatitude = 30.42\nlongitude = -9.6\n";
    let config = Config::parse(file).expect("valid");
    assert_eq!(config.weather.base_url, "https://api.open-meteo.com");
    assert_eq!(config.weather.interval_minutes, 10);
    let names: Vec<&str> = config
        .weather
        .cities
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["Marrakech", "Agadir"]);
    assert!(
        config
            .pinned_settings()
            .contains(&("weather.unit".to_owned(), "fahrenheit".to_owned()))
    );

    let config = Config::resolve(
        file,
        env(&[
            (
                "ROTATIVE_WEATHER_CITIES",
                "Rabat:34.0209:-6.8416; Ville: la nuit:-33.9:18.4;",
            ),
            ("ROTATIVE_WEATHER_BASE_URL", "http://127.0.0.1:9999"),
            ("ROTATIVE_WEATHER_INTERVAL_MINUTES", "5"),
        ]),
    )
    .expect("valid");
    assert_eq!(config.weather.base_url, "http://127.0.0.1:9999");
    assert_eq!(config.weather.interval_minutes, 5);
    let cities = &config.weather.cities;
    assert_eq!(
        cities.len(),
        2,
        "the environment replaces the file's cities"
    );
    assert_eq!(
        (
            cities[0].name.as_str(),
            cities[0].latitude,
            cities[0].longitude
        ),
        ("Rabat", 34.0209, -6.8416)
    );
    assert_eq!(cities[1].name, "Ville: la nuit");
    let none = Config::resolve(file, env(&[("ROTATIVE_WEATHER_CITIES", "")])).expect("valid");
    assert!(none.weather.cities.is_empty());
    assert!(
        Config::default().weather.cities.is_empty(),
        "no cities by default"
    );
}

#[test]
fn bad_weather_settings_name_their_setting() {
    let error = |text: &str, vars: &[(&str, &str)]| {
        Config::resolve(text, env(vars))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let city = |name: &str, latitude: &str, longitude: &str| {
        format!(
            "[[weather.cities]]\nname = \"{name}\"\nlatitude = {latitude}\nlongitude = {longitude}\n"
        )
    };
    assert!(error(&city("Nord", "91.0", "0.0"), &[]).contains("weather.cities"));
    assert!(error(&city("Nord", "91.0", "0.0"), &[]).contains("latitude"));
    assert!(error(&city("Est", "0.0", "180.5"), &[]).contains("longitude"));
    assert!(error(&city(" ", "0.0", "0.0"), &[]).contains("name"));
    assert!(error("[[weather.cities]]\nname = \"Sans coordonnées\"\n", &[]).contains("latitude"));
    assert!(error("[weather]\nunit = \"kelvin\"", &[]).contains("weather.unit"));
    assert!(error("[weather]\ninterval_minutes = 0", &[]).contains("weather.interval_minutes"));
    assert!(error("[weather]\nbase_url = \"ftp://x\"", &[]).contains("weather.base_url"));
    for bad in [
        "Rabat",
        "Rabat:34.0",
        "Rabat:nord:-6.8",
        "Rabat:34:-6.8:",
        ":1:2",
    ] {
        let message = error("", &[("ROTATIVE_WEATHER_CITIES", bad)]);
        assert!(
            message.contains("ROTATIVE_WEATHER_CITIES") || message.contains("weather.cities"),
            "{bad}: {message}"
        );
    }
    assert!(error("", &[("ROTATIVE_WEATHER_CITIES", "Pôle:95:0")]).contains("latitude"));
}
