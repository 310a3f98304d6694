//! `rotative serve`: the site, with its background jobs, until SIGINT or SIGTERM.

use crate::cli::{self, ServeArgs};
use anyhow::Context;
use rotative_config::Config;
use rotative_core::SystemClock;
use rotative_theme::Theme;
use rotative_web::jobs::{JobSettings, Jobs};
use rotative_web::{AppState, HttpOptions, Options};
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// Runs the subcommand.
pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let mut config = args.database.config()?;
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    init_logging(&config)?;
    let theme = Theme::load(config.theme_dir()).context("invalid setting theme_dir")?;
    let (url, store) = cli::open_store(&config).await?;
    let clock = Arc::new(SystemClock);
    if args.demo {
        let now = rotative_core::Clock::now(clock.as_ref());
        match rotative_demo::load_if_empty(store.as_ref(), now).await? {
            rotative_demo::Outcome::Loaded { articles } => {
                tracing::info!(articles, "demo site loaded");
            }
            rotative_demo::Outcome::AlreadyHasContent => {
                tracing::info!("the database has content: demo not loaded");
            }
        }
    }
    let options = Options {
        pinned: config.pinned_settings(),
        cache_enabled: config.cache.enabled,
        cache_bytes: usize::try_from(config.cache.size_mib.saturating_mul(1 << 20))
            .unwrap_or(usize::MAX),
        cache_refresh: Duration::from_secs(config.cache.refresh_seconds),
        http: HttpOptions {
            max_age: config.http.max_age_seconds,
            stale_while_revalidate: config.http.stale_while_revalidate_seconds,
        },
        media: media_storage(&config)?,
        max_upload_bytes: usize::try_from(config.media.max_upload_mib.saturating_mul(1 << 20))
            .unwrap_or(usize::MAX),
        client_ip_header: match config.http.client_ip_header.trim() {
            "" => None,
            name => Some(name.parse().with_context(|| {
                format!("invalid setting http.client_ip_header: {name:?} is not a header name")
            })?),
        },
        ad_seed: None,
        weather: weather_options(&config),
        sitemap_page_size: rotative_feeds::MAX_SITEMAP_URLS,
        search: rotative_web::search::SearchLocation::Folder(config.data_dir.join("search")),
    };
    let state = AppState::new(store.clone(), theme, clock, options).await?;
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("invalid setting listen: cannot listen on {}", config.listen))?;
    let address = listener.local_addr()?;
    let shutdown = shutdown_signal()?;
    tracing::info!(%address, database = %url, "Rotative is serving http://{address}/");
    if store.count_accounts().await? == 0 {
        tracing::info!(
            "no account can log in yet: create the first with \
             `rotative user add --email you@example.com --name \"Your Name\" --role admin`"
        );
    }
    let jobs = Jobs::start(
        &state,
        JobSettings {
            publish_interval: Duration::from_secs(config.jobs.publish_interval_seconds),
            flush_views_interval: Duration::from_secs(config.views.flush_interval_seconds),
            settings_interval: Duration::from_secs(config.cache.refresh_seconds),
            weather_interval: Duration::from_secs(
                config.weather.interval_minutes.saturating_mul(60),
            ),
            search_interval: JobSettings::default().search_interval,
        },
    );
    let served = rotative_web::serve(listener, state, shutdown).await;
    jobs.stop().await;
    store.close().await;
    tracing::info!("stopped");
    served.context("the server failed")
}

/// The weather widget's service and cities, as configured; the demo shows Marrakech's
/// weather when no city is configured.
fn weather_options(config: &Config) -> rotative_web::weather::WeatherOptions {
    rotative_web::weather::WeatherOptions {
        base_url: config.weather.base_url.trim_end_matches('/').to_owned(),
        cities: config
            .weather
            .cities
            .iter()
            .map(rotative_config::WeatherCity::to_city)
            .collect(),
        ..rotative_web::weather::WeatherOptions::default()
    }
}

/// Where uploaded images are kept, as configured.
pub(crate) fn media_storage(
    config: &Config,
) -> anyhow::Result<Arc<dyn rotative_web::media::storage::MediaStorage>> {
    use rotative_web::media::storage::{LocalDisk, S3, S3Settings};
    let media = &config.media;
    Ok(if media.storage == "s3" {
        let s3 = S3::new(&S3Settings {
            endpoint: media.s3_endpoint.clone(),
            bucket: media.s3_bucket.clone(),
            region: media.s3_region.clone(),
            access_key_id: media.s3_access_key_id.clone(),
            secret_access_key: media.s3_secret_access_key.clone(),
            path_style: media.s3_path_style,
        })
        .context("media.storage = \"s3\"")?;
        tracing::info!(storage = ?s3, "media in an S3 bucket");
        Arc::new(s3)
    } else {
        Arc::new(LocalDisk::new(config.data_dir.join("media")))
    })
}

fn init_logging(config: &Config) -> anyhow::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_new(&config.log)
        .with_context(|| format!("invalid setting log: {:?}", config.log))?;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    Ok(())
}

/// Listens for SIGINT (Ctrl-C) and SIGTERM from now on (a signal arriving while start-up
/// finishes is not lost, nor does it kill the process); the future completes on the first.
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?;
        let mut terminate = signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {},
                _ = terminate.recv() => {},
            }
            tracing::info!("shutting down");
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("shutting down");
        })
    }
}
