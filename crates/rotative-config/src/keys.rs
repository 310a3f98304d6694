//! The list of keys, and how environment variables map onto them.

use crate::{
    CacheConfig, CommentsConfig, Config, ConfigError, HttpConfig, JobsConfig, MediaConfig,
    SiteConfig, ViewsConfig, WeatherConfig,
};
use documented::DocumentedFields;

/// A configuration key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// Its path in the file: `listen`, `site.locale`.
    pub path: String,
    /// Its environment variable: `ROTATIVE_LISTEN`, `ROTATIVE_SITE_LOCALE`.
    pub env: String,
    /// What it is for.
    pub doc: &'static str,
}

/// A section of the file: its name, its doc, and its fields with their docs.
pub(crate) type Section = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

/// The sections of the file.
pub(crate) fn sections() -> [Section; 8] {
    macro_rules! section {
        ($name:literal, $fields:ty) => {
            (
                $name,
                field_doc::<Config>($name),
                <$fields>::FIELD_NAMES,
                <$fields>::FIELD_DOCS,
            )
        };
    }
    [
        section!("site", SiteConfig),
        section!("jobs", JobsConfig),
        section!("cache", CacheConfig),
        section!("http", HttpConfig),
        section!("views", ViewsConfig),
        section!("comments", CommentsConfig),
        section!("media", MediaConfig),
        section!("weather", WeatherConfig),
    ]
}

fn field_doc<T: DocumentedFields>(name: &str) -> &'static str {
    T::get_field_docs(name).unwrap_or_default()
}

fn key(path: String, doc: &'static str) -> Key {
    let env = format!("ROTATIVE_{}", path.replace('.', "_").to_uppercase());
    Key { path, env, doc }
}

pub(crate) fn all() -> Vec<Key> {
    let sections = sections();
    let mut keys: Vec<Key> = Config::FIELD_NAMES
        .iter()
        .zip(Config::FIELD_DOCS)
        .filter(|(name, _)| !sections.iter().any(|s| s.0 == **name))
        .map(|(name, doc)| key((*name).to_owned(), doc))
        .collect();
    for (section, _, names, docs) in sections {
        keys.extend(
            names
                .iter()
                .zip(docs.iter())
                .map(|(name, doc)| key(format!("{section}.{name}"), doc)),
        );
    }
    keys
}

/// Sets the keys whose environment variable is present, typed like the key's value.
pub(crate) fn apply_env(
    table: &mut toml::Table,
    env: impl IntoIterator<Item = (String, String)>,
) -> Result<(), ConfigError> {
    let env: Vec<(String, String)> = env.into_iter().collect();
    let schema = toml::Table::try_from(crate::example::documented_config()).unwrap_or_default();
    for key in all() {
        let Some((_, raw)) = env.iter().find(|(name, _)| *name == key.env) else {
            continue;
        };
        let path: Vec<&str> = key.path.split('.').collect();
        let value = match lookup(&schema, &path) {
            _ if key.path == "weather.cities" => cities(&key.env, raw)?,
            Some(toml::Value::Integer(_)) => raw
                .trim()
                .parse::<i64>()
                .map(toml::Value::Integer)
                .map_err(|_| ConfigError::Invalid {
                    key: key.env.clone(),
                    reason: format!("{raw:?} is not a whole number"),
                })?,
            Some(toml::Value::Boolean(_)) => raw
                .trim()
                .parse::<bool>()
                .map(toml::Value::Boolean)
                .map_err(|_| ConfigError::Invalid {
                key: key.env.clone(),
                reason: format!("{raw:?} is not true or false"),
            })?,
            _ => toml::Value::String(raw.clone()),
        };
        insert(table, &path, value);
    }
    Ok(())
}

/// Reads `ROTATIVE_WEATHER_CITIES`: `Name:latitude:longitude` entries separated by `;`
/// (a name may hold `:`, the coordinates are the last two fields).
fn cities(env: &str, raw: &str) -> Result<toml::Value, ConfigError> {
    let invalid = |entry: &str, reason: &str| ConfigError::Invalid {
        key: env.to_owned(),
        reason: format!("{entry:?} {reason} (expected Name:latitude:longitude;Name2:…)"),
    };
    let mut list = Vec::new();
    for entry in raw.split(';').map(str::trim).filter(|e| !e.is_empty()) {
        let mut fields = entry.rsplitn(3, ':');
        let (Some(longitude), Some(latitude), Some(name)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(invalid(entry, "is not a city"));
        };
        let degrees = |text: &str| text.trim().parse::<f64>().ok().filter(|d| d.is_finite());
        let (Some(latitude), Some(longitude)) = (degrees(latitude), degrees(longitude)) else {
            return Err(invalid(
                entry,
                "does not end with a latitude and a longitude",
            ));
        };
        let mut city = toml::Table::new();
        city.insert(
            "name".to_owned(),
            toml::Value::String(name.trim().to_owned()),
        );
        city.insert("latitude".to_owned(), toml::Value::Float(latitude));
        city.insert("longitude".to_owned(), toml::Value::Float(longitude));
        list.push(toml::Value::Table(city));
    }
    Ok(toml::Value::Array(list))
}

fn lookup<'a>(table: &'a toml::Table, path: &[&str]) -> Option<&'a toml::Value> {
    let (first, rest) = path.split_first()?;
    let value = table.get(*first)?;
    match (rest.is_empty(), value) {
        (true, value) => Some(value),
        (false, toml::Value::Table(inner)) => lookup(inner, rest),
        _ => None,
    }
}

fn insert(table: &mut toml::Table, path: &[&str], value: toml::Value) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if rest.is_empty() {
        table.insert((*first).to_owned(), value);
        return;
    }
    let entry = table
        .entry((*first).to_owned())
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    if !entry.is_table() {
        *entry = toml::Value::Table(toml::Table::new());
    }
    if let toml::Value::Table(inner) = entry {
        insert(inner, rest, value);
    }
}
