//! `/robots.txt`: the rules an admin wrote in `/admin/settings` (the default ones while
//! none are stored), then the sitemaps at the site's current public address.

use crate::AppState;
use crate::error::AppError;
use axum::extract::State;
use axum::response::Response;
use rotative_store::StoreError;

/// The settings key holding the rules of `robots.txt`.
pub const ROBOTS_TXT_KEY: &str = "robots.txt";

/// The rules as stored, or the default ones while none are.
pub(crate) async fn rules(state: &AppState) -> Result<String, StoreError> {
    let stored = state
        .store()
        .settings()
        .await?
        .into_iter()
        .find(|(key, _)| key == ROBOTS_TXT_KEY)
        .map(|(_, value)| value)
        .filter(|value| !value.trim().is_empty());
    Ok(stored.unwrap_or_else(|| rotative_feeds::robots::DEFAULT_RULES.to_owned()))
}

/// `GET /robots.txt`. Cached like pages; saving the settings drops it with them.
pub async fn show(State(state): State<AppState>) -> Result<Response, AppError> {
    let text =
        rotative_feeds::robots::robots_txt(&rules(&state).await?, &state.settings().base_url);
    Ok(crate::render::document(
        "text/plain; charset=utf-8",
        text,
        Vec::new(),
    ))
}
