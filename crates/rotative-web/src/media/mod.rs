//! Uploaded images: where their files live ([`storage`]), how an upload is checked and
//! turned into clean, resized files ([`images`]), and the addresses readers fetch them at.

pub mod images;
pub mod storage;

use crate::AppState;
use crate::error::AppError;
use crate::extract::Segments;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The widths of the resized variants (never wider than the original).
pub const WIDTHS: [u32; 4] = [320, 640, 1024, 1600];

/// The storage key of an item's original: `{id}/{name}.{ext}`.
pub fn original_key(id: i64, name: &str, ext: &str) -> String {
    format!("{id}/{name}.{ext}")
}

/// The storage key of a variant: `{id}/{name}-{width}.{ext}`.
pub fn variant_key(id: i64, name: &str, width: u32, ext: &str) -> String {
    format!("{id}/{name}-{width}.{ext}")
}

/// `GET /media/{id}/{file}`: a stored file, cached for a year (its address never changes
/// content: a new upload is a new id).
pub async fn serve(
    State(state): State<AppState>,
    Segments((id, file)): Segments<(i64, String)>,
) -> Result<Response, AppError> {
    let safe = !file.is_empty()
        && file
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'))
        && !file.starts_with('.');
    if !safe {
        return Err(AppError::not_found());
    }
    let key = format!("{id}/{file}");
    let bytes = state
        .options()
        .media
        .get(&key)
        .await
        .map_err(|error| {
            tracing::error!(%error, key, "media storage failed");
            AppError::User(crate::error::UserError::Unavailable)
        })?
        .ok_or_else(AppError::not_found)?;
    let Some(mime) = file.rsplit('.').next().and_then(mime_type) else {
        return Err(AppError::not_found());
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The media type of an image file's extension (`jpg`, `png`, `webp`, `gif`).
pub fn mime_type(ext: &str) -> Option<&'static str> {
    match ext {
        "jpg" | "jpeg" => Some("image/jpeg"),
        "png" => Some("image/png"),
        "webp" => Some("image/webp"),
        "gif" => Some("image/gif"),
        _ => None,
    }
}

/// Whether `path` is the address of a ready library image or one of its variants (what a
/// profile picture or the site's logo may be).
pub async fn is_library_image(state: &AppState, path: &str) -> Result<bool, AppError> {
    Ok(image_view(state, path)
        .await?
        .is_some_and(|image| image.src == path || image.srcset.contains(&format!("{path} "))))
}

/// The library item whose file (original or variant) is at `path` (`/media/{id}/…`),
/// when it is one and ready.
pub async fn library_item(
    state: &AppState,
    path: &str,
) -> Result<Option<rotative_store::Media>, AppError> {
    let Some(id) = path
        .strip_prefix("/media/")
        .and_then(|rest| rest.split('/').next())
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return Ok(None);
    };
    Ok(state
        .store()
        .media(id)
        .await?
        .filter(|m| m.status == "ready"))
}

/// The view of a library image at `path` (`/media/{id}/…`), when it is one and ready.
pub async fn image_view(
    state: &AppState,
    path: &str,
) -> Result<Option<rotative_theme::views::ImageView>, AppError> {
    let Some(media) = library_item(state, path).await? else {
        return Ok(None);
    };
    let widths: Vec<u32> = WIDTHS
        .iter()
        .copied()
        .filter(|w| i64::from(*w) < media.width)
        .collect();
    let set = |ext: &str| {
        widths
            .iter()
            .map(|w| {
                format!(
                    "/media/{} {w}w",
                    variant_key(media.id, &media.name, *w, ext)
                )
            })
            .chain(std::iter::once(format!(
                "/media/{} {}w",
                original_key(media.id, &media.name, &media.ext),
                media.width
            )))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Ok(Some(rotative_theme::views::ImageView {
        src: format!("/media/{}", original_key(media.id, &media.name, &media.ext)),
        srcset: set(&media.ext),
        webp_srcset: if media.ext == "webp" || widths.is_empty() {
            String::new()
        } else {
            widths
                .iter()
                .map(|w| {
                    format!(
                        "/media/{} {w}w",
                        variant_key(media.id, &media.name, *w, "webp")
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        },
        sizes: "(max-width: 800px) 100vw, 760px".to_owned(),
        width: media.width,
        height: media.height,
        alt: media.alt,
    }))
}
