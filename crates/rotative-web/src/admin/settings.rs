//! `/admin/settings` (admins: the site's name, tagline, language, time zone, list size,
//! address; applied at once) and `/admin/profile` (everyone: their name and biography).

use super::Staff;
use crate::AppState;
use crate::error::{AppError, UserError};
use crate::form::FormData;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use rotative_core::{Role, SiteSettings};
use serde::Serialize;
use std::collections::BTreeMap;

/// The longest display name and biography.
const MAX_NAME_CHARS: usize = 100;
const MAX_BIO_CHARS: usize = 2000;

#[derive(Serialize)]
struct SettingsView {
    fields: Vec<SettingField>,
    errors: BTreeMap<String, String>,
    saved: bool,
}

#[derive(Serialize)]
struct SettingField {
    key: &'static str,
    value: String,
    /// Set in the configuration, which wins: shown, not editable.
    pinned: bool,
}

fn settings_page(
    state: &AppState,
    staff: &Staff,
    values: &BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    saved: bool,
) -> Result<Response, AppError> {
    let current = state.settings();
    let pinned: Vec<&str> = state
        .options()
        .pinned
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    let fields = SiteSettings::KEYS
        .iter()
        .map(|key| SettingField {
            key,
            value: values
                .get(*key)
                .cloned()
                .or_else(|| current.get(key))
                .unwrap_or_default(),
            pinned: pinned.contains(key),
        })
        .collect();
    let failed = !errors.is_empty();
    let view = SettingsView {
        fields,
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
    settings_page(&state, &staff, &BTreeMap::new(), BTreeMap::new(), saved)
}

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
        if value.chars().any(char::is_control) || value.chars().count() > 200 {
            errors.insert(
                key.to_owned(),
                "too long or holds control characters".to_owned(),
            );
        } else if let Err(error) = check.set(key, value) {
            errors.insert(key.to_owned(), error.reason);
        }
    }
    if !errors.is_empty() {
        return settings_page(&state, &staff, &values, errors, false);
    }
    let stored: Vec<(String, String)> = values
        .keys()
        .filter_map(|key| Some((key.clone(), check.get(key)?)))
        .collect();
    crate::content::save_settings(&state, &stored)
        .await
        .map_err(|error| match error {
            crate::StartError::Store(error) => AppError::Store(error),
            _ => AppError::User(UserError::BadRequest),
        })?;
    tracing::info!(user = %staff.user.id, "site settings changed");
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
    let avatar_ok = avatar.is_empty()
        || crate::media::image_view(&state, &avatar)
            .await?
            .is_some_and(|image| {
                image.src == avatar || image.srcset.contains(&format!("{avatar} "))
            });
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
