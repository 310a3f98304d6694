//! `/admin/settings` (admins: the site's name, tagline, logo, language, time zone, list
//! size, address, comment rules, the weather's cities and unit, the digits of Arabic
//! dates, feeds, `robots.txt` and the newsroom's other sites; applied at once) and
//! `/admin/profile` (everyone: their name and biography).

use super::Staff;
use crate::AppState;
use crate::error::{AppError, UserError};
use crate::form::FormData;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use rotative_core::{
    Digits, Locale, Moderation, Role, SettingProblem, SiteSettings, TemperatureUnit,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// The longest display name and biography.
const MAX_NAME_CHARS: usize = 100;
const MAX_BIO_CHARS: usize = 2000;

#[derive(Serialize)]
struct SettingsView {
    fields: Vec<SettingField>,
    /// The rules of `robots.txt`, as stored (the default ones while none are).
    robots_txt: String,
    errors: BTreeMap<String, SettingMessage>,
    saved: bool,
}

#[derive(Serialize)]
struct SettingField {
    key: &'static str,
    /// The key as Fluent ids spell it (`comments.max_links` → `comments-max_links`).
    label: String,
    value: String,
    /// `text`, `number` or `select`.
    kind: &'static str,
    /// A select's choices: stored value and Fluent id of its label.
    choices: Vec<(String, String)>,
    /// Set in the configuration, which wins: shown, not editable.
    pinned: bool,
    /// The first of a group of settings (the comment rules, the weather): the screen starts
    /// their section there.
    section: Option<&'static str>,
}

/// A problem with a value, as the screen says it.
#[derive(Serialize)]
struct SettingMessage {
    key: &'static str,
    min: Option<u32>,
    max: Option<u32>,
    choices: Option<String>,
}

impl From<SettingProblem> for SettingMessage {
    fn from(problem: SettingProblem) -> Self {
        let (key, min, max, choices) = match problem {
            SettingProblem::Text => ("admin-setting-error-text", None, None, None),
            SettingProblem::Locale => ("admin-setting-error-locale", None, None, None),
            SettingProblem::TimeZone => ("admin-setting-error-timezone", None, None, None),
            SettingProblem::Number { min, max } => {
                ("admin-setting-error-number", Some(min), Some(max), None)
            }
            SettingProblem::Url => ("admin-setting-error-url", None, None, None),
            SettingProblem::Choice(choices) => (
                "admin-setting-error-choice",
                None,
                None,
                Some(choices.join(", ")),
            ),
            SettingProblem::Switch => ("admin-setting-error-switch", None, None, None),
            SettingProblem::Alternates => ("admin-setting-error-alternates", None, None, None),
            SettingProblem::Cities => ("admin-setting-error-cities", None, None, None),
            SettingProblem::MediaPath | SettingProblem::Unknown => {
                ("admin-setting-error-logo", None, None, None)
            }
        };
        SettingMessage {
            key,
            min,
            max,
            choices,
        }
    }
}

/// How a setting is edited.
fn field_kind(key: &str) -> (&'static str, Vec<(String, String)>) {
    let choices = |pairs: Vec<(&str, String)>| {
        pairs
            .into_iter()
            .map(|(value, label)| (value.to_owned(), label))
            .collect()
    };
    match key {
        "locale" => (
            "select",
            choices(
                Locale::ALL
                    .iter()
                    .map(|l| (l.code(), format!("admin-locale-{}", l.code())))
                    .collect(),
            ),
        ),
        "comments.moderation" => (
            "select",
            choices(
                Moderation::CHOICES
                    .iter()
                    .map(|c| (*c, format!("admin-setting-moderation-{c}")))
                    .collect(),
            ),
        ),
        "weather.unit" => (
            "select",
            choices(
                TemperatureUnit::CHOICES
                    .iter()
                    .map(|c| (*c, format!("admin-setting-unit-{c}")))
                    .collect(),
            ),
        ),
        "dates.digits" => (
            "select",
            choices(
                Digits::CHOICES
                    .iter()
                    .map(|c| (*c, format!("admin-setting-digits-{c}")))
                    .collect(),
            ),
        ),
        "comments.require_email" | "comments.remember_cookie" | "feeds.full_content" => (
            "select",
            choices(vec![
                ("true", "admin-yes".to_owned()),
                ("false", "admin-no".to_owned()),
            ]),
        ),
        "posts_per_page" => ("number", Vec::new()),
        key if key.starts_with("comments.") || key.starts_with("ads.") => ("number", Vec::new()),
        _ => ("text", Vec::new()),
    }
}

async fn settings_page(
    state: &AppState,
    staff: &Staff,
    values: &BTreeMap<String, String>,
    errors: BTreeMap<String, SettingMessage>,
    saved: bool,
) -> Result<Response, AppError> {
    let robots_txt = match values.get(ROBOTS_FIELD) {
        Some(typed) => typed.clone(),
        None => crate::public::robots::rules(state).await?,
    };
    let current = state.settings();
    let pinned: Vec<&str> = state
        .options()
        .pinned
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    let fields = SiteSettings::KEYS
        .iter()
        .map(|key| {
            let (kind, choices) = field_kind(key);
            SettingField {
                key,
                label: key.replace('.', "-"),
                value: values
                    .get(*key)
                    .cloned()
                    .or_else(|| current.get(key))
                    .unwrap_or_default(),
                kind,
                choices,
                pinned: pinned.contains(key),
                section: match *key {
                    "comments.moderation" => Some("admin-settings-comments"),
                    "ads.in_article_after" => Some("admin-settings-ads"),
                    "weather.cities" => Some("admin-settings-weather"),
                    "seo.alternates" => Some("admin-settings-seo"),
                    "dates.digits" => Some("admin-settings-dates"),
                    "feeds.full_content" => Some("admin-settings-feeds"),
                    _ => None,
                },
            }
        })
        .collect();
    let failed = !errors.is_empty();
    let view = SettingsView {
        fields,
        robots_txt,
        errors,
        saved,
    };
    super::render_form(
        state,
        "admin/settings.html",
        "admin-settings-title",
        staff,
        &view,
        failed,
    )
}

/// `GET /admin/settings`.
pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    staff.require(&[Role::Admin])?;
    let saved = raw.is_some_and(|q| q.contains("saved=1"));
    settings_page(&state, &staff, &BTreeMap::new(), BTreeMap::new(), saved).await
}

/// The form field (and error key) of the rules of `robots.txt`.
const ROBOTS_FIELD: &str = "robots_txt";

/// `POST /admin/settings`: every field checked; all stored, or none.
pub async fn save(
    State(state): State<AppState>,
    staff: Staff,
    form: FormData,
) -> Result<Response, AppError> {
    staff.require(&[Role::Admin])?;
    staff.check(&form)?;
    let pinned: Vec<String> = state
        .options()
        .pinned
        .iter()
        .map(|(k, _)| k.clone())
        .collect();
    let mut check = (*state.settings()).clone();
    let mut values = BTreeMap::new();
    let mut errors = BTreeMap::new();
    for key in SiteSettings::KEYS {
        let Some(value) = form.get(key) else { continue };
        if pinned.iter().any(|p| p == key) {
            continue;
        }
        values.insert(key.to_owned(), value.to_owned());
        if let Err(error) = check.set(key, value) {
            errors.insert(key.to_owned(), error.problem.into());
        }
    }
    // The logo must be an image of the library (the core checks only its shape).
    if !check.logo.is_empty()
        && !errors.contains_key("logo")
        && !crate::media::is_library_image(&state, &check.logo).await?
    {
        errors.insert("logo".to_owned(), SettingProblem::MediaPath.into());
    }
    let robots = form
        .get(ROBOTS_FIELD)
        .map(|text| text.replace("\r\n", "\n").trim().to_owned());
    if let Some(robots) = &robots {
        values.insert(ROBOTS_FIELD.to_owned(), robots.clone());
        if !rotative_feeds::robots::rules_are_valid(robots) {
            errors.insert(
                ROBOTS_FIELD.to_owned(),
                SettingMessage {
                    key: "admin-setting-error-robots",
                    min: None,
                    max: None,
                    choices: None,
                },
            );
        }
    }
    if !errors.is_empty() {
        return settings_page(&state, &staff, &values, errors, false).await;
    }
    if let Some(robots) = &robots {
        state
            .store()
            .put_setting(crate::public::robots::ROBOTS_TXT_KEY, robots)
            .await?;
    }
    let stored: Vec<(String, String)> = values
        .keys()
        .filter(|key| *key != ROBOTS_FIELD)
        .filter_map(|key| Some((key.clone(), check.get(key)?)))
        .collect();
    crate::content::save_settings(&state, &stored)
        .await
        .map_err(|error| match error {
            crate::StartError::Store(error) => AppError::Store(error),
            _ => AppError::User(UserError::BadRequest),
        })?;
    tracing::info!(user = %staff.user.id, "site settings changed");
    if stored.iter().any(|(key, _)| key == "weather.cities") {
        state.weather().wake();
    }
    Ok(super::see_other("/admin/settings?saved=1"))
}

#[derive(Serialize)]
struct ProfileView {
    display_name: String,
    bio: String,
    avatar: String,
    error: Option<&'static str>,
    saved: bool,
    author_url: String,
}

/// `GET /admin/profile`.
pub async fn profile(
    State(state): State<AppState>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let view = ProfileView {
        display_name: staff.user.display_name.clone(),
        bio: staff.user.bio.clone(),
        avatar: staff.user.avatar.clone().unwrap_or_default(),
        error: None,
        saved: raw.is_some_and(|q| q.contains("saved=1")),
        author_url: format!("/author/{}/", staff.user.slug),
    };
    super::render(
        &state,
        "admin/profile.html",
        "admin-profile-title",
        Some(&staff),
        &view,
    )
}

/// `POST /admin/profile`.
pub async fn save_profile(
    State(state): State<AppState>,
    staff: Staff,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check(&form)?;
    let name = form.text("display_name").trim().to_owned();
    let bio = form.text("bio").trim().replace("\r\n", "\n");
    let avatar = form.text("avatar").trim().to_owned();
    let avatar_ok = avatar.is_empty() || crate::media::is_library_image(&state, &avatar).await?;
    let error = if !avatar_ok {
        Some("admin-error-avatar-invalid")
    } else if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        Some("admin-error-name-invalid")
    } else if bio.chars().count() > MAX_BIO_CHARS {
        Some("admin-error-bio-too-long")
    } else if name.chars().any(char::is_control) || bio.chars().any(|c| c.is_control() && c != '\n')
    {
        Some("comments-error-control-characters")
    } else {
        None
    };
    if error.is_some() {
        let view = ProfileView {
            display_name: name,
            bio,
            avatar,
            error,
            saved: false,
            author_url: format!("/author/{}/", staff.user.slug),
        };
        return super::render_form(
            &state,
            "admin/profile.html",
            "admin-profile-title",
            &staff,
            &view,
            true,
        );
    }
    let avatar = Some(avatar.as_str()).filter(|a| !a.is_empty());
    crate::content::update_profile(&state, staff.user.id, &name, &bio, avatar).await?;
    Ok(super::see_other("/admin/profile?saved=1"))
}
