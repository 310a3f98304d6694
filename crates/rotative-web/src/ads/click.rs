//! `/go/ad/{id}` (a click on an image creative: counted, then sent to the creative's own
//! stored address and nowhere else) and `/ads.txt`.

use crate::AppState;
use crate::audience::Countable;
use crate::error::AppError;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rotative_store::AdContent;

/// `GET /go/ad/{id}`: 302 to the creative's link; 404 for anything else.
pub async fn click(
    State(state): State<AppState>,
    crate::extract::Segments(id): crate::extract::Segments<i64>,
    countable: Option<axum::Extension<Countable>>,
) -> Result<Response, AppError> {
    let all = state.ads().all();
    let link = all
        .iter()
        .find(|c| c.id == id)
        .and_then(|c| match &c.content {
            AdContent::Image { link, .. } => Some(link.as_str()),
            AdContent::Snippet { .. } => None,
        })
        .and_then(|link| HeaderValue::from_str(link).ok())
        .ok_or_else(AppError::not_found)?;
    if countable.is_some_and(|c| c.0.0) {
        state.ads().click(id);
    }
    Ok((
        StatusCode::FOUND,
        [
            (header::LOCATION, link),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::HeaderName::from_static("x-robots-tag"),
                HeaderValue::from_static("noindex, nofollow"),
            ),
        ],
    )
        .into_response())
}

/// `GET /ads.txt`: the authorised sellers the newsroom listed; 404 when none.
pub async fn ads_txt(State(state): State<AppState>) -> Result<Response, AppError> {
    let text = state.ads().ads_txt();
    if text.is_empty() {
        return Err(AppError::not_found());
    }
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            ),
        ],
        format!("{text}\n"),
    )
        .into_response())
}
