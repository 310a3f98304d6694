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
fn the_committed_example_file_is_up_to_date() {
    let committed = include_str!("../../../rotative.example.toml");
    assert!(
        committed == Config::example_toml(),
        "rotative.example.toml is stale: run `cargo run -- config example > rotative.example.toml`"
    );
}
