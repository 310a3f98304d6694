//! The site's own settings: its name, language, time zone… Stored as key/value pairs so
//! editors can change them at run time; the operator may pin any of them in the
//! configuration.

use crate::weather::TemperatureUnit;
use crate::{Digits, Locale};
use chrono_tz::Tz;
use serde::Serialize;

/// What is wrong with a setting's value, so each screen can say it in its own language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingProblem {
    /// Text too long or holding control characters.
    Text,
    /// Not a language Rotative speaks.
    Locale,
    /// Not an IANA time zone.
    TimeZone,
    /// Not a whole number within the range.
    Number {
        /// The smallest accepted.
        min: u32,
        /// The largest accepted.
        max: u32,
    },
    /// Not an `http://` or `https://` address.
    Url,
    /// Not one of the choices.
    Choice(&'static [&'static str]),
    /// Not `true` or `false`.
    Switch,
    /// Not the address of an uploaded image (`/media/…`).
    MediaPath,
    /// Not `code=address` pairs.
    Alternates,
    /// Not `Name:latitude:longitude` entries.
    Cities,
    /// No such setting.
    Unknown,
}

/// A setting that cannot take the value given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {reason}")]
pub struct SettingError {
    /// The setting's key, as in [`SiteSettings::KEYS`].
    pub key: String,
    /// What is wrong, for screens to translate.
    pub problem: SettingProblem,
    /// What is wrong with the value, in English (logs and the command line).
    pub reason: String,
}

/// Which new comments wait for a moderator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Moderation {
    /// Every one.
    All,
    /// All but those whose e-mail address already has an approved comment.
    Known,
    /// None (spam checks still apply).
    None,
}

impl Moderation {
    /// The names, as stored.
    pub const CHOICES: &'static [&'static str] = &["all", "known", "none"];

    /// The policy a stored value names (`all`, `known`, `none`).
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "all" => Some(Moderation::All),
            "known" => Some(Moderation::Known),
            "none" => Some(Moderation::None),
            _ => None,
        }
    }

    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            Moderation::All => "all",
            Moderation::Known => "known",
            Moderation::None => "none",
        }
    }
}

/// How readers' comments are received: editable by admins like the rest of the settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommentRules {
    /// Which new comments wait for a moderator.
    pub moderation: Moderation,
    /// The longest comment, in characters.
    pub max_length: u32,
    /// A comment with more links than this waits for a moderator.
    pub max_links: u32,
    /// How deep replies nest (1: no replies).
    pub thread_depth: u32,
    /// Comments close this many days after publication (0: never).
    pub close_after_days: u32,
    /// Whether commenters must give an e-mail address.
    pub require_email: bool,
    /// Whether the form offers to remember the commenter in a cookie.
    pub remember_cookie: bool,
    /// The most comments one address may send per window.
    pub rate_limit: u32,
    /// The rate limit's window, in minutes.
    pub rate_window_minutes: u32,
    /// Forms sent back sooner than this after being shown are robots' (seconds).
    pub min_seconds: u32,
}

impl Default for CommentRules {
    fn default() -> Self {
        CommentRules {
            moderation: Moderation::All,
            max_length: 5000,
            max_links: 2,
            thread_depth: 3,
            close_after_days: 0,
            require_email: true,
            remember_cookie: true,
            rate_limit: 5,
            rate_window_minutes: 10,
            min_seconds: 3,
        }
    }
}

/// The settings every page needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteSettings {
    /// The site's name, in the header and the `<title>`.
    pub name: String,
    /// The line under the name.
    pub tagline: String,
    /// The site's logo: the address of an uploaded image (`/media/…`), or empty.
    pub logo: String,
    /// The language of everything shown to readers.
    pub locale: Locale,
    /// The time zone dates are shown in (an IANA name such as `Africa/Casablanca`).
    #[serde(serialize_with = "serialize_tz")]
    pub timezone: Tz,
    /// Articles per page on lists.
    pub posts_per_page: u32,
    /// The public address of the site, without a trailing slash.
    pub base_url: String,
    /// How readers' comments are received.
    pub comments: CommentRules,
    /// The `in-article` ad zone comes after this paragraph.
    pub ad_in_article_after: u32,
    /// The `between-list-items` ad zone comes after every this many articles of a list
    /// (and category blocks of the home page).
    pub ad_list_every: u32,
    /// The unit of the header's weather widget.
    pub temperature_unit: TemperatureUnit,
    /// The cities of the header's weather widget, in order.
    pub weather_cities: Vec<crate::City>,
    /// The same newsroom's sites in other languages: (language code, address), announced
    /// with `hreflang` on the home page.
    pub alternates: Vec<(String, String)>,
    /// The digits of dates and counts on Arabic pages (others always use Western digits).
    pub digits: Digits,
    /// Whether feeds carry each article's whole text (`content:encoded`, Atom `content`)
    /// besides its excerpt.
    pub feeds_full_content: bool,
}

fn serialize_tz<S: serde::Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(tz.name())
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            name: "Rotative".to_owned(),
            tagline: String::new(),
            logo: String::new(),
            locale: Locale::Fr,
            timezone: Tz::Europe__Paris,
            posts_per_page: 10,
            base_url: "http://127.0.0.1:8080".to_owned(),
            comments: CommentRules::default(),
            ad_in_article_after: 2,
            ad_list_every: 4,
            temperature_unit: TemperatureUnit::default(),
            weather_cities: Vec::new(),
            alternates: Vec::new(),
            digits: Digits::default(),
            feeds_full_content: true,
        }
    }
}

/// The largest page size accepted.
pub const MAX_POSTS_PER_PAGE: u32 = 100;

/// The longest text setting, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// Reads a whole number within a range.
fn number(value: &str, min: u32, max: u32) -> Result<u32, SettingProblem> {
    value
        .trim()
        .parse()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or(SettingProblem::Number { min, max })
}

/// Reads `true` or `false` (also `1`/`0`, `on`/`off`, as forms and files write them).
fn switch(value: &str) -> Result<bool, SettingProblem> {
    match value.trim() {
        "true" | "1" | "on" | "yes" => Ok(true),
        "false" | "0" | "off" | "no" | "" => Ok(false),
        _ => Err(SettingProblem::Switch),
    }
}

/// Reads `code=address` pairs separated by spaces or commas (`ar=https://ar.example.ma`).
fn alternates(value: &str) -> Result<Vec<(String, String)>, SettingProblem> {
    value
        .split([' ', ','])
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (code, url) = pair.split_once('=').ok_or(SettingProblem::Alternates)?;
            let code_ok =
                (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
            let url = url.trim_end_matches('/');
            let url_ok = (url.starts_with("http://") || url.starts_with("https://"))
                && url.len() > "https://".len();
            if !code_ok || !url_ok {
                return Err(SettingProblem::Alternates);
            }
            Ok((code.to_owned(), url.to_owned()))
        })
        .collect()
}

/// Reads a line of text.
fn text(value: &str) -> Result<String, SettingProblem> {
    let value = value.trim();
    if value.chars().any(char::is_control) || value.chars().count() > MAX_TEXT_CHARS {
        return Err(SettingProblem::Text);
    }
    Ok(value.to_owned())
}

impl SiteSettings {
    /// Every key, as stored and as named in the configuration (`[site]` for the first ones,
    /// `[comments]` for `comments.*`, `[weather]` for `weather.*`; `ads.*`, `dates.*`,
    /// `feeds.*` and `seo.*` are edited in the admin only).
    pub const KEYS: [&'static str; 24] = [
        "name",
        "tagline",
        "logo",
        "locale",
        "timezone",
        "posts_per_page",
        "base_url",
        "comments.moderation",
        "comments.max_length",
        "comments.max_links",
        "comments.thread_depth",
        "comments.close_after_days",
        "comments.require_email",
        "comments.remember_cookie",
        "comments.rate_limit",
        "comments.rate_window_minutes",
        "comments.min_seconds",
        "ads.in_article_after",
        "ads.list_every",
        "weather.cities",
        "weather.unit",
        "seo.alternates",
        "dates.digits",
        "feeds.full_content",
    ];

    /// Sets one setting from its text form, checking it.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), SettingError> {
        self.apply(key, value).map_err(|problem| SettingError {
            key: key.to_owned(),
            reason: explain(problem, value),
            problem,
        })
    }

    fn apply(&mut self, key: &str, value: &str) -> Result<(), SettingProblem> {
        let rules = &mut self.comments;
        match key {
            "name" => self.name = text(value)?,
            "tagline" => self.tagline = text(value)?,
            "logo" => {
                let logo = text(value)?;
                if !(logo.is_empty() || logo.starts_with("/media/")) || logo.contains("..") {
                    return Err(SettingProblem::MediaPath);
                }
                self.logo = logo;
            }
            "locale" => self.locale = value.parse().map_err(|_| SettingProblem::Locale)?,
            "timezone" => {
                self.timezone = value.trim().parse().map_err(|_| SettingProblem::TimeZone)?
            }
            "posts_per_page" => self.posts_per_page = number(value, 1, MAX_POSTS_PER_PAGE)?,
            "base_url" => {
                let url = text(value)?;
                let url = url.trim_end_matches('/');
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(SettingProblem::Url);
                }
                self.base_url = url.to_owned();
            }
            "comments.moderation" => {
                rules.moderation =
                    Moderation::parse(value).ok_or(SettingProblem::Choice(Moderation::CHOICES))?
            }
            "comments.max_length" => rules.max_length = number(value, 1, 20_000)?,
            "comments.max_links" => rules.max_links = number(value, 0, 100)?,
            "comments.thread_depth" => rules.thread_depth = number(value, 1, 10)?,
            "comments.close_after_days" => rules.close_after_days = number(value, 0, 36_500)?,
            "comments.require_email" => rules.require_email = switch(value)?,
            "comments.remember_cookie" => rules.remember_cookie = switch(value)?,
            "comments.rate_limit" => rules.rate_limit = number(value, 1, 10_000)?,
            "comments.rate_window_minutes" => rules.rate_window_minutes = number(value, 1, 10_080)?,
            "comments.min_seconds" => rules.min_seconds = number(value, 0, 3_600)?,
            "ads.in_article_after" => self.ad_in_article_after = number(value, 1, 50)?,
            "ads.list_every" => self.ad_list_every = number(value, 1, 50)?,
            "seo.alternates" => self.alternates = alternates(&text(value)?)?,
            "weather.cities" => {
                let value = value.trim();
                if value.chars().count() > 1000 || value.chars().any(char::is_control) {
                    return Err(SettingProblem::Cities);
                }
                self.weather_cities =
                    crate::City::parse_list(value).ok_or(SettingProblem::Cities)?
            }
            "weather.unit" => {
                self.temperature_unit = TemperatureUnit::parse(value)
                    .ok_or(SettingProblem::Choice(TemperatureUnit::CHOICES))?
            }
            "dates.digits" => {
                self.digits = Digits::parse(value).ok_or(SettingProblem::Choice(Digits::CHOICES))?
            }
            "feeds.full_content" => self.feeds_full_content = switch(value)?,
            _ => return Err(SettingProblem::Unknown),
        }
        Ok(())
    }

    /// The text form of one setting, as stored.
    pub fn get(&self, key: &str) -> Option<String> {
        let rules = &self.comments;
        Some(match key {
            "name" => self.name.clone(),
            "tagline" => self.tagline.clone(),
            "logo" => self.logo.clone(),
            "locale" => self.locale.code().to_owned(),
            "timezone" => self.timezone.name().to_owned(),
            "posts_per_page" => self.posts_per_page.to_string(),
            "base_url" => self.base_url.clone(),
            "comments.moderation" => rules.moderation.name().to_owned(),
            "comments.max_length" => rules.max_length.to_string(),
            "comments.max_links" => rules.max_links.to_string(),
            "comments.thread_depth" => rules.thread_depth.to_string(),
            "comments.close_after_days" => rules.close_after_days.to_string(),
            "comments.require_email" => rules.require_email.to_string(),
            "comments.remember_cookie" => rules.remember_cookie.to_string(),
            "comments.rate_limit" => rules.rate_limit.to_string(),
            "comments.rate_window_minutes" => rules.rate_window_minutes.to_string(),
            "comments.min_seconds" => rules.min_seconds.to_string(),
            "ads.in_article_after" => self.ad_in_article_after.to_string(),
            "ads.list_every" => self.ad_list_every.to_string(),
            "weather.unit" => self.temperature_unit.name().to_owned(),
            "weather.cities" => crate::City::list_text(&self.weather_cities),
            "seo.alternates" => self
                .alternates
                .iter()
                .map(|(code, url)| format!("{code}={url}"))
                .collect::<Vec<_>>()
                .join(" "),
            "dates.digits" => self.digits.name().to_owned(),
            "feeds.full_content" => self.feeds_full_content.to_string(),
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

/// The English explanation of a problem with a value.
fn explain(problem: SettingProblem, value: &str) -> String {
    match problem {
        SettingProblem::Text => {
            format!("longer than {MAX_TEXT_CHARS} characters or holds control characters")
        }
        SettingProblem::Locale => format!(
            "{value:?} is not a language Rotative speaks ({})",
            Locale::ALL
                .iter()
                .map(|l| l.code())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        SettingProblem::TimeZone => {
            format!("unknown time zone {value:?} (use an IANA name such as Africa/Casablanca)")
        }
        SettingProblem::Number { min, max } => {
            format!("{value:?} is not a whole number from {min} to {max}")
        }
        SettingProblem::Url => format!("{value:?} is not an http:// or https:// address"),
        SettingProblem::Choice(choices) => {
            format!("{value:?} is not one of {}", choices.join(", "))
        }
        SettingProblem::Switch => format!("{value:?} is not true or false"),
        SettingProblem::MediaPath => {
            format!("{value:?} is not the address of an uploaded image (/media/…)")
        }
        SettingProblem::Alternates => {
            format!("{value:?} is not language=address pairs such as ar=https://ar.example.ma")
        }
        SettingProblem::Cities => format!(
            "{value:?} is not cities written Name:latitude:longitude; Name2:… (latitude -90 to 90, longitude -180 to 180)"
        ),
        SettingProblem::Unknown => "no such setting".to_owned(),
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
        assert!(settings.set("logo", "https://evil.example/x.png").is_err());
        assert!(settings.set("logo", "/media/../../etc/passwd").is_err());
        assert_eq!(
            settings
                .set("comments.thread_depth", "11")
                .map_err(|e| e.problem),
            Err(SettingProblem::Number { min: 1, max: 10 })
        );
        assert!(settings.set("comments.moderation", "some").is_err());
        assert!(
            settings
                .set("seo.alternates", "ar:https://ar.example.ma")
                .is_err()
        );
        assert!(
            settings
                .set("seo.alternates", "AR=https://ar.example.ma")
                .is_err()
        );
        assert!(
            settings
                .set("seo.alternates", "ar=javascript:alert(1)")
                .is_err()
        );
        assert_eq!(
            settings.set(
                "seo.alternates",
                "ar=https://ar.example.ma/, en=https://en.example.ma"
            ),
            Ok(())
        );
        assert_eq!(
            settings.get("seo.alternates").as_deref(),
            Some("ar=https://ar.example.ma en=https://en.example.ma")
        );
        assert!(settings.set("comments.require_email", "peut-être").is_err());
        assert!(settings.set("name", "a\u{7}b").is_err());
        assert_eq!(
            settings
                .set("weather.unit", "kelvin")
                .map_err(|e| e.problem),
            Err(SettingProblem::Choice(TemperatureUnit::CHOICES))
        );
        assert_eq!(settings.set("weather.unit", "fahrenheit"), Ok(()));
        assert_eq!(settings.temperature_unit, TemperatureUnit::Fahrenheit);
        assert_eq!(
            settings.set("dates.digits", "roman").map_err(|e| e.problem),
            Err(SettingProblem::Choice(Digits::CHOICES))
        );
        assert_eq!(settings.digits, Digits::Western);
        assert_eq!(settings.set("dates.digits", "arabic"), Ok(()));
        assert_eq!(settings.digits, Digits::Arabic);
        assert_eq!(settings.set("locale", "ar"), Ok(()));
        assert_eq!(settings.locale, Locale::Ar);
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
