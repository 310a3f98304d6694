//! The moderation screens under `/admin/`.
//!
//! Until accounts exist, one moderators' password from the configuration
//! (`admin.password_hash`, argon2) opens a session: a signed cookie (so any node can check
//! it) holding its expiry and a fingerprint of the password hash (changing the password
//! ends every session). Every form carries a CSRF token derived from the session; every
//! handler takes a [`Moderator`], checked on the server for each request.

mod auth;
mod blocks;
mod moderation;

use crate::AppState;
use crate::error::{AppError, UserError};
use crate::form::FormData;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use rotative_core::Locale;
use serde::Serialize;

pub use auth::hash_password;

/// The session cookie.
const SESSION_COOKIE: &str = "rotative_admin";
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
        .layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        ))
}

/// What ties a session to the current password.
fn fingerprint(state: &AppState) -> Option<String> {
    let hash = state.options().admin_password_hash.as_deref()?;
    Some(state.signer().sign("admin-password", hash)[..16].to_owned())
}

/// A new session's cookie value.
fn new_session(state: &AppState) -> Option<String> {
    let expires = state.clock().now().timestamp() + SESSION_SECONDS;
    let payload = format!("{expires}:{}", fingerprint(state)?);
    Some(state.signer().seal("admin-session", &payload))
}

/// The session a request carries, if it is valid now.
fn session_of(state: &AppState, parts: &Parts) -> Option<String> {
    let value = parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == SESSION_COOKIE)?
        .value()
        .to_owned();
    let payload = state.signer().open("admin-session", &value)?;
    let (expires, print) = payload.split_once(':')?;
    let alive = expires.parse::<i64>().ok()? > state.clock().now().timestamp();
    (alive && Some(print.to_owned()) == fingerprint(state)).then_some(value)
}

/// A request from a logged-in moderator, with the CSRF token its forms carry.
#[derive(Debug, Clone)]
pub struct Moderator {
    csrf: String,
}

impl Moderator {
    /// Refuses a form without this session's CSRF token (403).
    pub fn check(&self, form: &FormData) -> Result<(), AppError> {
        match form.get("csrf") {
            Some(token) if token == self.csrf => Ok(()),
            _ => {
                tracing::info!("moderation form without a valid CSRF token refused");
                Err(AppError::User(UserError::Forbidden))
            }
        }
    }
}

impl FromRequestParts<AppState> for Moderator {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match session_of(state, parts) {
            Some(session) => Ok(Moderator {
                csrf: state.signer().sign("admin-csrf", &session),
            }),
            None if parts.method == Method::GET || parts.method == Method::HEAD => Err((
                axum::http::StatusCode::SEE_OTHER,
                [(header::LOCATION, "/admin/login")],
            )
                .into_response()),
            None => Err(AppError::User(UserError::Forbidden).into_response()),
        }
    }
}

/// What every admin page receives.
#[derive(Debug, Serialize)]
struct AdminPage<'a, T: Serialize> {
    locale: Locale,
    timezone: String,
    site_name: String,
    title_key: &'static str,
    csrf: Option<&'a str>,
    page: &'a T,
}

/// Renders an admin page.
fn render<T: Serialize>(
    state: &AppState,
    template: &str,
    title_key: &'static str,
    moderator: Option<&Moderator>,
    page: &T,
) -> Result<Response, AppError> {
    let settings = state.settings();
    let html = state.theme().render(
        template,
        &AdminPage {
            locale: settings.locale,
            timezone: settings.timezone.name().to_owned(),
            site_name: settings.name.clone(),
            title_key,
            csrf: moderator.map(|m| m.csrf.as_str()),
            page,
        },
    )?;
    Ok(axum::response::Html(html).into_response())
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
