//! The newsroom's screens under `/admin/`.
//!
//! Accounts log in with their e-mail address and password (argon2id). A session is a
//! random token in an `HttpOnly` cookie; the database keeps its SHA-256, so any node can
//! check it and a stolen database opens no session. Every form carries a CSRF token derived
//! from the session; every handler takes a [`Staff`], checked on the server for each
//! request, and says which roles it allows.

mod ads;
mod articles;
mod auth;
mod blocks;
mod media;
mod moderation;
mod preview;
mod revisions;
mod settings;
mod taxonomy;

use crate::AppState;
use crate::error::{AppError, UserError};
use crate::form::FormData;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use rotative_core::{Author, Locale, Role};
use serde::Serialize;

pub use auth::{MIN_PASSWORD_CHARS, hash_password};

/// Who moderates comments.
pub(crate) const MODERATORS: &[Role] = &[Role::Admin, Role::Editor];

/// The session cookie.
const SESSION_COOKIE: &str = "rotative_session";
/// How long a session lasts, in seconds.
const SESSION_SECONDS: i64 = 12 * 3600;

/// The routes under `/admin/`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/", get(moderation::home))
        .route("/admin/login", get(auth::form).post(auth::login))
        .route("/admin/logout", post(auth::logout))
        .route(
            "/admin/comments",
            get(moderation::list).post(moderation::act),
        )
        .route("/admin/comments/{id}/reply", post(moderation::reply))
        .route("/admin/blocks", get(blocks::list).post(blocks::change))
        .route("/admin/articles", get(articles::list).post(articles::bulk))
        .route(
            "/admin/articles/new",
            get(articles::new_form).post(articles::create),
        )
        .route(
            "/admin/articles/{id}",
            get(articles::edit_form).post(articles::update),
        )
        .route("/admin/articles/{id}/autosave", post(articles::autosave))
        .route("/admin/articles/{id}/revisions", get(revisions::list))
        .route(
            "/admin/articles/{id}/revisions/{revision}/restore",
            post(revisions::restore),
        )
        .route("/admin/preview", post(articles::preview_markdown))
        .route(
            "/admin/categories",
            get(taxonomy::categories).post(taxonomy::create_category),
        )
        .route("/admin/categories/{id}", post(taxonomy::update_category))
        .route(
            "/admin/categories/{id}/delete",
            post(taxonomy::delete_category),
        )
        .route("/admin/settings", get(settings::show).post(settings::save))
        .route(
            "/admin/profile",
            get(settings::profile).post(settings::save_profile),
        )
        .route(
            "/admin/media",
            get(media::list)
                .post(media::upload)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/admin/media/{id}/delete", post(media::delete))
        .route("/admin/tags", get(taxonomy::tags))
        .route("/admin/tags/{id}", post(taxonomy::update_tag))
        .route("/admin/tags/{id}/delete", post(taxonomy::delete_tag))
        .route("/admin/ads", get(ads::list))
        .route("/admin/ads/new", get(ads::new).post(ads::create))
        .route("/admin/ads/txt", post(ads::save_ads_txt))
        .route("/admin/ads/report", get(ads::report))
        .route("/admin/ads/report.csv", get(ads::report_csv))
        .route("/admin/ads/{id}", get(ads::edit).post(ads::update))
        .route("/admin/ads/{id}/delete", post(ads::delete))
        .route("/preview/{token}", get(preview::show))
        .layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        ))
}

/// A time as the site's `datetime-local` fields show it (`2025-03-20T08:00`, site time).
fn local_time(state: &AppState, at: Option<rotative_core::Timestamp>) -> String {
    at.map(|t| {
        t.with_timezone(&state.settings().timezone)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    })
    .unwrap_or_default()
}

/// A `datetime-local` field's time, read in the site's time zone.
fn parse_local_time(state: &AppState, text: &str) -> Option<rotative_core::Timestamp> {
    use chrono::TimeZone;
    chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
        .ok()
        .and_then(|t| state.settings().timezone.from_local_datetime(&t).earliest())
        .map(|t| t.with_timezone(&chrono::Utc))
}

/// The secret part of an article's preview link.
pub(crate) fn preview_token(state: &AppState, article: rotative_core::ArticleId) -> String {
    state.signer().seal("preview", &article.0.to_string())
}

/// What the database keeps of a session token.
fn token_hash(token: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The session token a request carries.
fn session_token(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == SESSION_COOKIE)
        .map(|c| c.value().to_owned())
}

/// A request from a logged-in member of the newsroom, with the CSRF token its forms carry.
#[derive(Debug, Clone)]
pub struct Staff {
    /// Who they are.
    pub user: Author,
    csrf: String,
}

impl Staff {
    /// Refuses a form without this session's CSRF token (403).
    pub fn check(&self, form: &FormData) -> Result<(), AppError> {
        use subtle::ConstantTimeEq;
        // Compared in constant time: how long a refusal takes tells nothing of the token.
        match form.get("csrf") {
            Some(token) if bool::from(token.as_bytes().ct_eq(self.csrf.as_bytes())) => Ok(()),
            _ => {
                tracing::info!(user = %self.user.id, "form without a valid CSRF token refused");
                Err(AppError::User(UserError::Forbidden))
            }
        }
    }

    /// Refuses (403) a member whose role is not among `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.user.role) {
            Ok(())
        } else {
            tracing::info!(user = %self.user.id, role = self.user.role.as_str(), "refused by role");
            Err(AppError::User(UserError::Forbidden))
        }
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let token = session_token(&parts.headers);
        let user = match &token {
            Some(token) => state
                .store()
                .session_user(&token_hash(token), state.clock().now())
                .await
                .map_err(|e| AppError::from(e).into_response())?,
            None => None,
        };
        match (user, token) {
            (Some(user), Some(token)) => Ok(Staff {
                user,
                csrf: state.signer().sign("admin-csrf", &token),
            }),
            _ if parts.method == Method::GET || parts.method == Method::HEAD => Err((
                axum::http::StatusCode::SEE_OTHER,
                [(header::LOCATION, "/admin/login")],
            )
                .into_response()),
            _ => Err(AppError::User(UserError::Forbidden).into_response()),
        }
    }
}

/// What every admin page receives.
#[derive(Debug, Serialize)]
struct AdminPage<'a, T: Serialize> {
    locale: Locale,
    /// The text direction of the site's language: the admin flips with it.
    dir: &'static str,
    /// The digits of dates (the site's setting, for Arabic pages).
    digits: rotative_core::Digits,
    timezone: String,
    site_name: String,
    title_key: &'static str,
    csrf: Option<&'a str>,
    user: Option<&'a str>,
    role: Option<&'static str>,
    page: &'a T,
}

/// Renders an admin page.
fn render<T: Serialize>(
    state: &AppState,
    template: &str,
    title_key: &'static str,
    staff: Option<&Staff>,
    page: &T,
) -> Result<Response, AppError> {
    let settings = state.settings();
    let formats = rotative_theme::Formats {
        locale: settings.locale,
        digits: settings.digits,
        timezone: settings.timezone,
    };
    let html = state.theme().render_as(
        template,
        &AdminPage {
            locale: settings.locale,
            dir: settings.locale.direction(),
            digits: settings.digits,
            timezone: settings.timezone.name().to_owned(),
            site_name: settings.name.clone(),
            title_key,
            csrf: staff.map(|m| m.csrf.as_str()),
            user: staff.map(|m| m.user.display_name.as_str()),
            role: staff.map(|m| m.user.role.as_str()),
            page,
        },
        formats,
    )?;
    Ok(axum::response::Html(html).into_response())
}

/// Renders an admin page holding a form: `422` when the form came back with problems.
fn render_form<T: Serialize>(
    state: &AppState,
    template: &str,
    title_key: &'static str,
    staff: &Staff,
    page: &T,
    failed: bool,
) -> Result<Response, AppError> {
    let mut response = render(state, template, title_key, Some(staff), page)?;
    if failed {
        *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

/// Where the pages of an admin list lead (the templates read `page`, `last_page`,
/// `previous_url`, `next_url`).
#[derive(Debug, Serialize)]
struct Pager {
    page: u32,
    last_page: u32,
    previous_url: Option<String>,
    next_url: Option<String>,
}

impl Pager {
    /// The links around `page` of a list of `total` items, `per_page` a page; `url` gives a
    /// page's address.
    fn new(
        page: rotative_core::PageNumber,
        per_page: u32,
        total: u64,
        url: impl Fn(u32) -> String,
    ) -> Self {
        let list = rotative_core::Paginated::<()> {
            items: Vec::new(),
            page,
            per_page,
            total,
        };
        let (page, last_page) = (page.get(), list.last_page());
        Pager {
            page,
            last_page,
            previous_url: (page > 1).then(|| url(page - 1)),
            next_url: (page < last_page).then(|| url(page + 1)),
        }
    }
}

/// A `303 See Other` to a path of the admin.
fn see_other(path: &str) -> Response {
    match HeaderValue::from_str(path) {
        Ok(location) => (
            axum::http::StatusCode::SEE_OTHER,
            [(header::LOCATION, location)],
        )
            .into_response(),
        Err(_) => AppError::User(UserError::BadRequest).into_response(),
    }
}
