//! `/preview/{token}`: an article as it will look, whatever its status, for whoever holds
//! the secret link (signed with the site's secret; not cached, not indexed).

use crate::AppState;
use crate::error::AppError;
use crate::extract::Segments;
use crate::public::article::{FormState, render};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use rotative_core::ArticleId;

/// Shows the article the link names.
pub async fn show(
    State(state): State<AppState>,
    Segments(token): Segments<String>,
) -> Result<Response, AppError> {
    let id: i64 = state
        .signer()
        .open("preview", &token)
        .and_then(|id| id.parse().ok())
        .ok_or_else(AppError::not_found)?;
    let mut article = state
        .store()
        .article_by_id(ArticleId(id))
        .await?
        .ok_or_else(AppError::not_found)?;
    if article.summary.published_at.is_none() {
        article.summary.published_at = Some(state.clock().now());
    }
    let mut response = render(
        &state,
        state.store(),
        Box::new(article),
        FormState::default(),
        None,
    )
    .await?;
    response.extensions_mut().remove::<crate::cache::PageTags>();
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    Ok(response)
}
