//! The site's own settings: its name, language, time zone… Stored as key/value pairs so
//! editors can change them at run time; the operator may pin any of them in the
//! configuration.

use crate::Locale;
use chrono_tz::Tz;
use serde::Serialize;

/// A setting that cannot take the value given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {reason}")]
pub struct SettingError {
    /// The setting's key, as in [`SiteSettings::KEYS`].
    pub key: String,
    /// What is wrong with the value.
    pub reason: String,
}

/// The settings every page needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteSettings {
    /// The site's name, in the header and the `<title>`.
    pub name: String,
    /// The line under the name.
    pub tagline: String,
    /// The language of everything shown to readers.
    pub locale: Locale,
    /// The time zone dates are shown in (an IANA name such as `Africa/Casablanca`).
    #[serde(serialize_with = "serialize_tz")]
    pub timezone: Tz,
    /// Articles per page on lists.
    pub posts_per_page: u32,
    /// The public address of the site, without a trailing slash.
    pub base_url: String,
}

fn serialize_tz<S: serde::Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(tz.name())
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            name: "Rotative".to_owned(),
            tagline: String::new(),
            locale: Locale::Fr,
            timezone: Tz::Europe__Paris,
            posts_per_page: 10,
            base_url: "http://127.0.0.1:8080".to_owned(),
        }
    }
}

/// The largest page size accepted.
pub const MAX_POSTS_PER_PAGE: u32 = 100;

impl SiteSettings {
    /// Every key, as stored and as named in the configuration's `[site]` section.
    pub const KEYS: [&'static str; 6] = [
        "name",
        "tagline",
        "locale",
        "timezone",
        "posts_per_page",
        "base_url",
    ];

    /// Sets one setting from its text form, checking it.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), SettingError> {
        let fail = |reason: String| SettingError {
            key: key.to_owned(),
            reason,
        };
        match key {
            "name" => self.name = value.trim().to_owned(),
            "tagline" => self.tagline = value.trim().to_owned(),
            "locale" => self.locale = value.parse().map_err(|e| fail(format!("{e}")))?,
            "timezone" => {
                self.timezone = value.trim().parse().map_err(|_| {
                    fail(format!(
                        "unknown time zone {value:?} (use an IANA name such as Africa/Casablanca)"
                    ))
                })?
            }
            "posts_per_page" => {
                self.posts_per_page = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| (1..=MAX_POSTS_PER_PAGE).contains(n))
                    .ok_or_else(|| {
                        fail(format!(
                            "{value:?} is not a number from 1 to {MAX_POSTS_PER_PAGE}"
                        ))
                    })?
            }
            "base_url" => {
                let url = value.trim().trim_end_matches('/');
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(fail(format!(
                        "{value:?} is not an http:// or https:// address"
                    )));
                }
                self.base_url = url.to_owned();
            }
            _ => return Err(fail("no such setting".to_owned())),
        }
        Ok(())
    }

    /// The text form of one setting, as stored.
    pub fn get(&self, key: &str) -> Option<String> {
        Some(match key {
            "name" => self.name.clone(),
            "tagline" => self.tagline.clone(),
            "locale" => self.locale.code().to_owned(),
            "timezone" => self.timezone.name().to_owned(),
            "posts_per_page" => self.posts_per_page.to_string(),
            "base_url" => self.base_url.clone(),
            _ => return None,
        })
    }

    /// Builds settings from stored pairs over the defaults. Unknown keys (other parts'
    /// settings) are ignored; a stored value that no longer passes its check keeps the
    /// default and is reported, so a bad row never takes the site down.
    pub fn from_stored<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<SettingError>) {
        let mut settings = SiteSettings::default();
        let mut errors = Vec::new();
        for (key, value) in pairs {
            if Self::KEYS.contains(&key)
                && let Err(error) = settings.set(key, value)
            {
                errors.push(error);
            }
        }
        (settings, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_round_trips() {
        let settings = SiteSettings::default();
        for key in SiteSettings::KEYS {
            let value = settings.get(key).unwrap_or_default();
            let mut copy = SiteSettings::default();
            assert_eq!(copy.set(key, &value), Ok(()), "{key}");
        }
    }

    #[test]
    fn bad_values_name_their_key() {
        let mut settings = SiteSettings::default();
        let error = settings.set("locale", "de").err();
        assert_eq!(error.map(|e| e.key), Some("locale".to_owned()));
        assert!(settings.set("timezone", "Mars/Olympus").is_err());
        assert!(settings.set("posts_per_page", "0").is_err());
        assert!(settings.set("base_url", "javascript:alert(1)").is_err());
    }

    #[test]
    fn bad_stored_values_keep_the_default() {
        let (settings, errors) = SiteSettings::from_stored([
            ("locale", "xx"),
            ("name", "Le Journal"),
            ("other.key", "1"),
        ]);
        assert_eq!(settings.locale, Locale::Fr);
        assert_eq!(settings.name, "Le Journal");
        assert_eq!(errors.len(), 1);
    }
}
