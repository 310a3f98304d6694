//! The configuration of Rotative: one typed [`Config`], read from (in rising precedence)
//! its defaults, a `rotative.toml` file, `ROTATIVE_*` environment variables, and the command
//! line's flags (applied by the binary).
//!
//! - [`Config::parse`] reads a file's text; [`Config::resolve`] layers the environment over
//!   it; [`Config::from_environment`] does both with the process's environment (the only
//!   place Rotative reads environment variables).
//! - Every key has an environment variable: `ROTATIVE_` then its path in capitals, `_` for
//!   the dot (`site.locale` → `ROTATIVE_SITE_LOCALE`); see [`Config::keys`].
//! - [`Config::example_toml`] writes the documented example file; `rotative.example.toml` at
//!   the repository's root is that output, and a test fails when it is stale.

mod example;
mod keys;

pub use keys::Key;

use documented::DocumentedFields;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The name of the configuration file looked for in the working directory.
pub const DEFAULT_FILE: &str = "rotative.toml";

/// Rotative's configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, DocumentedFields)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address and port the server listens on.
    pub listen: SocketAddr,
    /// Folder of Rotative's data: the SQLite database (`rotative.db`), and later media and
    /// the search index. Created when missing.
    pub data_dir: PathBuf,
    /// The database: `sqlite://PATH` or `postgres://USER:PASSWORD@HOST:PORT/DATABASE`.
    /// Empty: a SQLite file `rotative.db` in `data_dir`.
    pub database_url: String,
    /// What to log, in `tracing` filter syntax: `info`, `warn,rotative=debug`…
    pub log: String,
    /// Folder of templates overriding the default theme's, file by file (`article.html`,
    /// `partials/card.html`…). Empty: the default theme only.
    pub theme_dir: PathBuf,
    /// Site settings pinned by the operator. Unset keys are managed from the site's own
    /// settings (the admin); a key set here wins over them.
    pub site: SiteConfig,
    /// Background jobs.
    pub jobs: JobsConfig,
    /// The in-memory page cache.
    pub cache: CacheConfig,
    /// HTTP caching by browsers and CDNs.
    pub http: HttpConfig,
    /// View counting.
    pub views: ViewsConfig,
    /// Readers' comment rules pinned by the operator (moderation and spam defence).
    pub comments: CommentsConfig,
    /// Uploaded images.
    pub media: MediaConfig,
    /// The weather widget of the header.
    pub weather: WeatherConfig,
}

/// Site settings the operator may pin.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, DocumentedFields)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, in the header and page titles.
    pub name: Option<String>,
    /// The line under the site's name.
    pub tagline: Option<String>,
    /// The site's logo: the address of an uploaded image (`/media/12/logo.png`).
    pub logo: Option<String>,
    /// The language of the reader's site: `fr` or `en`.
    pub locale: Option<String>,
    /// The time zone dates are shown in, an IANA name such as `Africa/Casablanca`.
    pub timezone: Option<String>,
    /// Articles per page on category, tag and author pages (1 to 100).
    pub posts_per_page: Option<u32>,
    /// The public address of the site, as readers reach it (`https://www.example.ma`).
    pub base_url: Option<String>,
}

/// How often background jobs run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, DocumentedFields)]
#[serde(default, deny_unknown_fields)]
pub struct JobsConfig {
    /// Seconds between two passes publishing scheduled articles whose time has come.
    /// Readers see them on time regardless; this records the change.
    pub publish_interval_seconds: u64,
}

/// The in-memory page cache: public pages rendered once, served from memory, compressed
/// in advance, invalidated by what changes them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, DocumentedFields)]
#[serde(default, deny_unknown_fields)]
pub struct CacheConfig {
    /// Whether public pages are cached. Turn off to measure or debug rendering.
    pub enabled: bool,
    /// The most memory the cached pages may take, in MiB; the least recently used go first.
    pub size_mib: u64,
    /// Seconds after which a cached page is rendered again even if nothing invalidated it,
    /// so view counts and the most-read list move. Pages are re-rendered in the background
    /// while the old copy is served.
    pub refresh_seconds: u64,
}

impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig {
            enabled: true,
            size_mib: 64,
            refresh_seconds: 30,
        }
    }
}

/// What pages tell browsers and CDNs about caching them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, DocumentedFields)]
#[serde(default, deny_unknown_fields)]
pub struct HttpConfig {
    /// `max-age` of public pages, in seconds.
    pub max_age_seconds: u64,
    /// `stale-while-revalidate` of public pages, in seconds.
    pub stale_while_revalidate_seconds: u64,
    /// The request header a reverse proxy puts the reader's address in
    /// (`X-Forwarded-For`, `X-Real-IP`), for the comment rate limit and bans. Empty: the
    /// connection's address. Set it only behind a proxy that overwrites that header.
    pub client_ip_header: String,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            max_age_seconds: 60,
            stale_while_revalidate_seconds: 300,
            client_ip_header: String::new(),
        }
    }
}

/// How article views are counted: in memory, written to the database in batches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, DocumentedFields)]
#[serde(default, deny_unknown_fields)]
pub struct ViewsConfig {
    /// Seconds between two writes of the counted views to the database (and at shutdown).
    pub flush_interval_seconds: u64,
}

/// Readers' comment rules pinned by the operator. Unset keys are managed from the admin's
/// settings screen; a key set here wins over it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, DocumentedFields)]
#[serde(default, deny_unknown_fields)]
pub struct CommentsConfig {
    /// Which new comments wait for a moderator: `all` (every one), `known` (all but those
    /// whose e-mail address already has an approved comment) or `none` (published at once;
    /// spam checks still apply).
    pub moderation: Option<String>,
    /// The longest comment, in characters (1 to 20,000).
    pub max_length: Option<u32>,
    /// A comment with more links than this waits for a moderator whatever `moderation`
    /// says.
    pub max_links: Option<u32>,
    /// How deep replies nest: 1 allows no replies, 3 allows replies to replies.
    pub thread_depth: Option<u32>,
    /// Comments close this many days after an article's publication (0: never).
    pub close_after_days: Option<u32>,
    /// Whether commenters must give an e-mail address.
    pub require_email: Option<bool>,
    /// Whether the form offers to remember the commenter's name, e-mail and website in a
    /// cookie (filled back by a few lines of JavaScript, so cached pages stay shared).
    pub remember_cookie: Option<bool>,
    /// The most comments one address may send per `rate_window_minutes`.
    pub rate_limit: Option<u32>,
    /// The window of the rate limit, in minutes.
    pub rate_window_minutes: Option<u32>,
    /// Forms sent back sooner than this after being shown are taken for robots' (seconds).
    pub min_seconds: Option<u32>,
}

impl MediaConfig {
    fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |key: &str, reason: &str| ConfigError::Invalid {
            key: format!("media.{key}"),
            reason: reason.to_owned(),
        };
        match self.storage.as_str() {
            "local" => Ok(()),
            "s3" => {
                if !(self.s3_endpoint.starts_with("http://")
                    || self.s3_endpoint.starts_with("https://"))
                {
                    return Err(invalid(
                        "s3_endpoint",
                        "must be the service's http:// or https:// address",
                    ));
                }
                for (key, value) in [
                    ("s3_bucket", &self.s3_bucket),
                    ("s3_region", &self.s3_region),
                    ("s3_access_key_id", &self.s3_access_key_id),
                    ("s3_secret_access_key", &self.s3_secret_access_key),
                ] {
                    if value.trim().is_empty() {
                        return Err(invalid(key, "is required with storage = \"s3\""));
                    }
                }
                Ok(())
            }
            other => Err(invalid("storage", &format!("{other:?} is not local or s3"))),
        }
    }
}

impl CommentsConfig {
    /// The pinned rules, as setting key (`comments.…`) and text value.
    pub fn pinned(&self) -> Vec<(String, String)> {
        let number = |n: Option<u32>| n.map(|n| n.to_string());
        let switch = |b: Option<bool>| b.map(|b| b.to_string());
        let text = [
            ("moderation", self.moderation.clone()),
            ("max_length", number(self.max_length)),
            ("max_links", number(self.max_links)),
            ("thread_depth", number(self.thread_depth)),
            ("close_after_days", number(self.close_after_days)),
            ("require_email", switch(self.require_email)),
            ("remember_cookie", switch(self.remember_cookie)),
            ("rate_limit", number(self.rate_limit)),
            ("rate_window_minutes", number(self.rate_window_minutes)),
            ("min_seconds", number(self.min_seconds)),
        ];
        text.into_iter()
            .filter_map(|(key, value)| Some((format!("comments.{key}"), value?)))
            .collect()
    }
}

/// Uploaded images: kept under `{data_dir}/media/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, DocumentedFields)]
#[serde(default, deny_unknown_fields)]
pub struct MediaConfig {
    /// The largest upload accepted, in MiB.
    pub max_upload_mib: u64,
    /// Where image files are kept: `local` (under `{data_dir}/media/`) or `s3` (an
    /// S3-compatible bucket: AWS, MinIO, Garage, Scaleway, OVH…; needed when several nodes
    /// share the site).
    pub storage: String,
    /// With `storage = "s3"`: the service's address (`https://s3.eu-west-3.amazonaws.com`,
    /// `http://127.0.0.1:9000`).
    pub s3_endpoint: String,
    /// With `storage = "s3"`: the bucket's name.
    pub s3_bucket: String,
    /// With `storage = "s3"`: the bucket's region.
    pub s3_region: String,
    /// With `storage = "s3"`: the access key's id.
    pub s3_access_key_id: String,
    /// With `storage = "s3"`: the access key's secret (better given by its environment
    /// variable than written in the file).
    pub s3_secret_access_key: String,
    /// With `storage = "s3"`: whether the bucket is addressed as `{endpoint}/{bucket}/…`
    /// (MinIO, Garage and most self-hosted services) rather than `{bucket}.{endpoint host}`.
    pub s3_path_style: bool,
}

impl Default for MediaConfig {
    fn default() -> Self {
        MediaConfig {
            max_upload_mib: 10,
            storage: "local".to_owned(),
            s3_endpoint: String::new(),
            s3_bucket: String::new(),
            s3_region: "us-east-1".to_owned(),
            s3_access_key_id: String::new(),
            s3_secret_access_key: String::new(),
            s3_path_style: true,
        }
    }
}

/// The weather widget of the header: the current temperature and sky of one or more
/// cities, from Open-Meteo (no API key), fetched in the background; pages never wait for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, DocumentedFields)]
#[serde(default, deny_unknown_fields)]
pub struct WeatherConfig {
    /// The address of the Open-Meteo service (or a compatible one): Rotative asks
    /// `{base_url}/v1/forecast?latitude=…&longitude=…&current=temperature_2m,weather_code`.
    pub base_url: String,
    /// Minutes between two fetches of each city's weather.
    pub interval_minutes: u64,
    /// The unit temperatures are shown in: `celsius` or `fahrenheit`. Unset: managed from
    /// the admin's settings screen (default `celsius`).
    pub unit: Option<String>,
    /// The cities whose weather the header shows (none: no widget), each a
    /// `[[weather.cities]]` table with `name`, `latitude` and `longitude`; with several,
    /// readers choose. Its environment variable takes
    /// `Name:latitude:longitude;Name2:latitude:longitude`.
    pub cities: Vec<WeatherCity>,
}

impl Default for WeatherConfig {
    fn default() -> Self {
        WeatherConfig {
            base_url: "https://api.open-meteo.com".to_owned(),
            interval_minutes: 30,
            unit: None,
            cities: Vec::new(),
        }
    }
}

/// A city of the weather widget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeatherCity {
    /// Its name, as shown.
    pub name: String,
    /// Its latitude, in degrees (-90 to 90).
    pub latitude: f64,
    /// Its longitude, in degrees (-180 to 180).
    pub longitude: f64,
}

impl WeatherCity {
    /// The city as the rest of Rotative speaks of it.
    pub fn to_city(&self) -> rotative_core::City {
        rotative_core::City {
            name: self.name.trim().to_owned(),
            latitude: self.latitude,
            longitude: self.longitude,
        }
    }
}

impl WeatherConfig {
    fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |key: String, reason: String| ConfigError::Invalid { key, reason };
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err(invalid(
                "weather.base_url".to_owned(),
                format!("{:?} is not an http:// or https:// address", self.base_url),
            ));
        }
        if self.interval_minutes == 0 {
            return Err(invalid(
                "weather.interval_minutes".to_owned(),
                "must be at least 1 minute".to_owned(),
            ));
        }
        for (n, city) in self.cities.iter().enumerate() {
            city.to_city().check().map_err(|problem| {
                invalid(
                    format!("weather.cities (city {}, {:?})", n + 1, city.name),
                    problem.to_string(),
                )
            })?;
        }
        Ok(())
    }

    /// The pinned settings (`weather.unit`, and `weather.cities` when the file lists
    /// some), as setting key and text value.
    pub fn pinned(&self) -> Vec<(String, String)> {
        let mut pinned: Vec<(String, String)> = self
            .unit
            .iter()
            .map(|unit| ("weather.unit".to_owned(), unit.clone()))
            .collect();
        if !self.cities.is_empty() {
            let cities: Vec<rotative_core::City> =
                self.cities.iter().map(WeatherCity::to_city).collect();
            pinned.push((
                "weather.cities".to_owned(),
                rotative_core::City::list_text(&cities),
            ));
        }
        pinned
    }
}

impl Default for ViewsConfig {
    fn default() -> Self {
        ViewsConfig {
            flush_interval_seconds: 5,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("./data"),
            database_url: String::new(),
            log: "info".to_owned(),
            theme_dir: PathBuf::new(),
            site: SiteConfig::default(),
            jobs: JobsConfig::default(),
            cache: CacheConfig::default(),
            http: HttpConfig::default(),
            views: ViewsConfig::default(),
            comments: CommentsConfig::default(),
            media: MediaConfig::default(),
            weather: WeatherConfig::default(),
        }
    }
}

impl Default for JobsConfig {
    fn default() -> Self {
        JobsConfig {
            publish_interval_seconds: 15,
        }
    }
}

/// A configuration that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("cannot read the configuration file {file}: {reason}")]
    Read {
        /// The file.
        file: PathBuf,
        /// Why.
        reason: String,
    },
    /// A value is malformed or invalid; `key` names the setting (and where it came from).
    #[error("invalid setting {key}: {reason}")]
    Invalid {
        /// The setting, as `site.locale`, `ROTATIVE_SITE_LOCALE` or a file position.
        key: String,
        /// What is wrong.
        reason: String,
    },
}

impl Config {
    /// Reads a configuration file's text over the defaults.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        Self::resolve(text, std::iter::empty())
    }

    /// Reads a file's text, then applies environment variables over it.
    pub fn resolve(
        file_text: &str,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let mut table: toml::Table =
            file_text
                .parse()
                .map_err(|e: toml::de::Error| ConfigError::Invalid {
                    key: "the configuration file".to_owned(),
                    reason: e.to_string().trim().replace('\n', " "),
                })?;
        keys::apply_env(&mut table, env)?;
        let config: Config =
            toml::Value::Table(table)
                .try_into()
                .map_err(|e: toml::de::Error| ConfigError::Invalid {
                    key: "the configuration".to_owned(),
                    reason: e.to_string().trim().replace('\n', " "),
                })?;
        config.validate()?;
        Ok(config)
    }

    /// Reads the file (`explicit`, else `ROTATIVE_CONFIG`, else `./rotative.toml` when it
    /// exists) and the process's environment.
    pub fn from_environment(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let env: Vec<(String, String)> = std::env::vars()
            .filter(|(k, _)| k.starts_with("ROTATIVE_"))
            .collect();
        let from_env = env
            .iter()
            .find(|(k, _)| k == "ROTATIVE_CONFIG")
            .map(|(_, v)| PathBuf::from(v));
        let file = explicit.map(Path::to_path_buf).or(from_env);
        let text = match &file {
            Some(path) => read(path)?,
            None if Path::new(DEFAULT_FILE).is_file() => read(Path::new(DEFAULT_FILE))?,
            None => String::new(),
        };
        Self::resolve(&text, env)
    }

    /// Checks what types alone do not: the site settings' values, intervals, addresses,
    /// the weather's cities.
    pub fn validate(&self) -> Result<(), ConfigError> {
        for (key, seconds) in [
            (
                "jobs.publish_interval_seconds",
                self.jobs.publish_interval_seconds,
            ),
            (
                "views.flush_interval_seconds",
                self.views.flush_interval_seconds,
            ),
            ("cache.refresh_seconds", self.cache.refresh_seconds),
        ] {
            if seconds == 0 {
                return Err(ConfigError::Invalid {
                    key: key.to_owned(),
                    reason: "must be at least 1 second".to_owned(),
                });
            }
        }
        self.media.validate()?;
        self.weather.validate()?;
        let mut settings = rotative_core::SiteSettings::default();
        for (key, value) in self.pinned_settings() {
            settings
                .set(&key, &value)
                .map_err(|e| ConfigError::Invalid {
                    key: if key.contains('.') {
                        key.clone()
                    } else {
                        format!("site.{key}")
                    },
                    reason: e.reason,
                })?;
        }
        Ok(())
    }

    /// Every key, with its environment variable and documentation.
    pub fn keys() -> Vec<Key> {
        keys::all()
    }

    /// The documented example configuration file.
    pub fn example_toml() -> String {
        example::render()
    }

    /// Every site setting the operator pinned (`[site]`, `[comments]` and `weather.unit`),
    /// as setting key and text value: these win over what the admin stores.
    pub fn pinned_settings(&self) -> Vec<(String, String)> {
        let mut pinned = self.site.pinned();
        pinned.extend(self.comments.pinned());
        pinned.extend(self.weather.pinned());
        pinned
    }

    /// The theme folder, if one is set.
    pub fn theme_dir(&self) -> Option<PathBuf> {
        (!self.theme_dir.as_os_str().is_empty()).then(|| self.theme_dir.clone())
    }
}

impl SiteConfig {
    /// The pinned settings, as key and text value.
    pub fn pinned(&self) -> Vec<(String, String)> {
        let text = [
            ("name", self.name.clone()),
            ("tagline", self.tagline.clone()),
            ("logo", self.logo.clone()),
            ("locale", self.locale.clone()),
            ("timezone", self.timezone.clone()),
            ("posts_per_page", self.posts_per_page.map(|n| n.to_string())),
            ("base_url", self.base_url.clone()),
        ];
        text.into_iter()
            .filter_map(|(key, value)| Some((key.to_owned(), value?)))
            .collect()
    }
}

fn read(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
        file: path.to_path_buf(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests;
