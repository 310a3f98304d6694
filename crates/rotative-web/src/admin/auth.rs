//! Logging in and out.
//!
//! One answer for an unknown address and a wrong password (same message, same status, and
//! the same argon2 work: no one learns which addresses have accounts). Failed logins are
//! counted in the database, per account and per address, so every node applies the limit.

use super::{SESSION_COOKIE, SESSION_SECONDS, Staff, token_hash};
use crate::AppState;
use crate::error::AppError;
use crate::form::{ClientIp, FormData};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use base64::Engine as _;
use serde::Serialize;
use std::sync::OnceLock;

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Failed logins allowed per account in [`FAILURE_WINDOW_MINUTES`].
const FAILURES_PER_ACCOUNT: u64 = 5;
/// Failed logins allowed per address in [`FAILURE_WINDOW_MINUTES`].
const FAILURES_PER_ADDRESS: u64 = 20;
/// The window of the login limits.
const FAILURE_WINDOW_MINUTES: i64 = 15;

/// Password checks running at once. Each holds argon2's 19 MiB and tens of milliseconds of
/// CPU; attempts beyond these wait their turn, and are counted against the limits above
/// only once their turn comes, so a burst of parallel attempts cannot all pass the count
/// before the first failure is recorded.
static PASSWORD_CHECKS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

/// The argon2id hash of a password (random salt, the crate's recommended parameters).
pub fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| e.to_string())
}

/// Whether a password matches a stored hash.
fn verify(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// A hash nobody's password matches, verified for unknown addresses so they take as long
/// as known ones.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password("no account has this password").unwrap_or_default())
}

#[derive(Serialize)]
struct LoginView {
    email: String,
    error: Option<&'static str>,
}

fn login_page(
    state: &AppState,
    status: StatusCode,
    email: String,
    error: Option<&'static str>,
) -> Result<Response, AppError> {
    let view = LoginView { email, error };
    let mut response = super::render(state, "admin/login.html", "admin-login-title", None, &view)?;
    *response.status_mut() = status;
    Ok(response)
}

/// `GET /admin/login`.
pub async fn form(State(state): State<AppState>) -> Result<Response, AppError> {
    login_page(&state, StatusCode::OK, String::new(), None)
}

/// `POST /admin/login`: a session for the right address and password; the form again
/// otherwise (401), or when too many attempts failed (429).
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    form: FormData,
) -> Result<Response, AppError> {
    let email = form.text("email").trim().to_lowercase();
    let password = form.text("password");
    let store = state.store();
    let now = state.clock().now();
    let since = now - chrono::Duration::minutes(FAILURE_WINDOW_MINUTES);
    let (account_scope, address_scope) = (format!("account:{email}"), format!("ip:{ip}"));
    // Never closed, so always granted in the end.
    let _turn = PASSWORD_CHECKS
        .acquire()
        .await
        .map_err(|_| AppError::User(crate::error::UserError::Internal))?;
    if store.login_failures_since(&account_scope, since).await? >= FAILURES_PER_ACCOUNT
        || store.login_failures_since(&address_scope, since).await? >= FAILURES_PER_ADDRESS
    {
        tracing::warn!(%ip, "login refused: too many failures");
        return login_page(
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            email,
            Some("admin-login-too-many"),
        );
    }
    let account = store.account_by_email(&email).await?;
    let hash = account
        .as_ref()
        .and_then(|a| a.password_hash.clone())
        .unwrap_or_else(|| decoy_hash().to_owned());
    // argon2 takes tens of milliseconds of CPU on purpose: off the request threads.
    let matches = tokio::task::spawn_blocking(move || verify(&password, &hash))
        .await
        .unwrap_or(false);
    let user = match account {
        Some(account) if matches && account.password_hash.is_some() => account.user,
        _ => {
            tracing::warn!(%ip, "login failed");
            store
                .record_login_failure(&[account_scope, address_scope], now)
                .await?;
            return login_page(
                &state,
                StatusCode::UNAUTHORIZED,
                email,
                Some("admin-login-failed"),
            );
        }
    };
    store.clear_login_failures(&account_scope).await?;
    // Housekeeping, at a moment that is rare and not hot.
    store.purge_expired(now, since).await?;
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(
        crate::signing::random_bytes::<32>()
            .map_err(|_| AppError::User(crate::error::UserError::Internal))?,
    );
    let expires = now + chrono::Duration::seconds(SESSION_SECONDS);
    store
        .create_session(&token_hash(&token), user.id, now, expires)
        .await?;
    tracing::info!(user = %user.id, %ip, "logged in");
    let mut response = super::see_other("/admin/");
    set_cookie(&state, &mut response, &token, SESSION_SECONDS);
    Ok(response)
}

/// `POST /admin/logout`: ends the session.
pub async fn logout(
    State(state): State<AppState>,
    staff: Staff,
    headers: axum::http::HeaderMap,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check(&form)?;
    if let Some(token) = super::session_token(&headers) {
        state.store().delete_session(&token_hash(&token)).await?;
    }
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
