//! Logging moderators in and out.

use super::{Moderator, SESSION_COOKIE, SESSION_SECONDS};
use crate::AppState;
use crate::error::{AppError, UserError};
use crate::form::{ClientIp, FormData};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Serialize;

/// The argon2id hash of a password, for `admin.password_hash`.
pub fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| e.to_string())
}

#[derive(Serialize)]
struct LoginView {
    enabled: bool,
    error: Option<&'static str>,
}

/// `GET /admin/login`.
pub async fn form(State(state): State<AppState>) -> Result<Response, AppError> {
    let view = LoginView {
        enabled: state.options().admin_password_hash.is_some(),
        error: None,
    };
    super::render(&state, "admin/login.html", "admin-login-title", None, &view)
}

/// `POST /admin/login`: a session for the right password; the form again, 401, for a
/// wrong one.
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    form: FormData,
) -> Result<Response, AppError> {
    let Some(hash) = state.options().admin_password_hash.clone() else {
        return Err(AppError::User(UserError::Forbidden));
    };
    let password = form.text("password");
    // argon2 takes tens of milliseconds of CPU on purpose: off the request threads.
    let matches = tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await
    .unwrap_or(false);
    if !matches {
        tracing::warn!(%ip, "moderation login failed");
        let view = LoginView {
            enabled: true,
            error: Some("admin-login-failed"),
        };
        let mut response =
            super::render(&state, "admin/login.html", "admin-login-title", None, &view)?;
        *response.status_mut() = StatusCode::UNAUTHORIZED;
        return Ok(response);
    }
    tracing::info!(%ip, "moderator logged in");
    let session = super::new_session(&state).ok_or(AppError::User(UserError::Forbidden))?;
    let mut response = super::see_other("/admin/comments");
    set_cookie(&state, &mut response, &session, SESSION_SECONDS);
    Ok(response)
}

/// `POST /admin/logout`.
pub async fn logout(
    State(state): State<AppState>,
    moderator: Moderator,
    form: FormData,
) -> Result<Response, AppError> {
    moderator.check(&form)?;
    let mut response = super::see_other("/admin/login");
    set_cookie(&state, &mut response, "", 0);
    Ok(response)
}

fn set_cookie(state: &AppState, response: &mut Response, value: &str, seconds: i64) {
    let cookie = cookie::Cookie::build((SESSION_COOKIE, value.to_owned()))
        .path("/admin")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(state.settings().base_url.starts_with("https://"))
        .max_age(cookie::time::Duration::seconds(seconds))
        .build();
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}
