//! `/admin/media`: the library (search, pages), uploads (checked by their content, within
//! the configured size; the files are made off the request path), and deletion (refused
//! while an article uses the image, naming them).

use super::{MODERATORS, Pager, Staff};
use crate::AppState;
use crate::error::{AppError, UserError};
use crate::extract::Segments;
use crate::form::FormData;
use crate::media::images::{self, Refusal};
use axum::body::Bytes;
use axum::extract::{Multipart, RawQuery, State};
use axum::response::Response;
use rotative_core::Slug;
use rotative_store::{Media, NewMedia};
use serde::Serialize;

/// Items per page of the library.
const PER_PAGE: u32 = 40;
/// The longest text alternative.
const MAX_ALT_CHARS: usize = 300;

#[derive(Serialize)]
struct LibraryView {
    items: Vec<Item>,
    q: String,
    error: Option<&'static str>,
    in_use: Vec<(String, String)>,
    max_mib: usize,
    #[serde(flatten)]
    pager: Pager,
}

#[derive(Serialize)]
struct Item {
    #[serde(flatten)]
    media: Media,
    /// The address of the clean original.
    url: String,
    /// A small variant for the library, when there is one.
    thumbnail: String,
}

fn item(media: Media) -> Item {
    let url = format!(
        "/media/{}",
        crate::media::original_key(media.id, &media.name, &media.ext)
    );
    let thumbnail = if media.width > 320 {
        format!(
            "/media/{}",
            crate::media::variant_key(media.id, &media.name, 320, &media.ext)
        )
    } else {
        url.clone()
    };
    Item {
        media,
        url,
        thumbnail,
    }
}

async fn library(
    state: &AppState,
    staff: &Staff,
    raw: Option<String>,
    error: Option<&'static str>,
    in_use: Vec<(String, String)>,
) -> Result<Response, AppError> {
    let form = FormData::parse(raw.unwrap_or_default().as_bytes())?;
    let q = form.get("q").map(str::trim).unwrap_or_default().to_owned();
    let page = form.page()?;
    let search = Some(q.as_str()).filter(|q| !q.is_empty());
    let total = state.store().count_media(search).await?;
    let items = state
        .store()
        .media_list(search, PER_PAGE, page.offset(PER_PAGE))
        .await?;
    let page_url = |n: u32| {
        let q = percent_encoding::utf8_percent_encode(&q, percent_encoding::NON_ALPHANUMERIC);
        format!("/admin/media?q={q}&page={n}")
    };
    let failed = error.is_some();
    let view = LibraryView {
        items: items.into_iter().map(item).collect(),
        error,
        in_use,
        max_mib: state.options().max_upload_bytes >> 20,
        pager: super::Pager::new(page, PER_PAGE, total, page_url),
        q,
    };
    super::render_form(
        state,
        "admin/media.html",
        "admin-media-title",
        staff,
        &view,
        failed,
    )
}

/// `GET /admin/media?q=&page=`.
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    library(&state, &staff, raw, None, Vec::new()).await
}

/// What an upload form held.
#[derive(Default)]
struct Upload {
    csrf: String,
    alt: String,
    file_name: String,
    bytes: Vec<u8>,
}

/// Reads the upload form, refusing (413) a file over the limit as soon as it is, and (400)
/// a text field over 4 KiB as soon as it is: nothing unbounded is held in memory.
async fn read_upload(mut multipart: Multipart, max: usize) -> Result<Upload, AppError> {
    let bad = || AppError::User(UserError::BadRequest);
    let mut upload = Upload::default();
    while let Some(mut field) = multipart.next_field().await.map_err(|_| bad())? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" => {
                upload.file_name = field.file_name().unwrap_or_default().to_owned();
                if !read_at_most(&mut field, &mut upload.bytes, max).await? {
                    return Err(AppError::User(UserError::PayloadTooLarge));
                }
            }
            "csrf" | "alt" => {
                let mut bytes = Vec::new();
                if !read_at_most(&mut field, &mut bytes, 4096).await? {
                    return Err(bad());
                }
                let text = String::from_utf8(bytes).map_err(|_| bad())?;
                if name == "csrf" {
                    upload.csrf = text;
                } else {
                    upload.alt = text;
                }
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// Adds a field's bytes to `into`; false as soon as it would hold more than `max`.
async fn read_at_most(
    field: &mut axum::extract::multipart::Field<'_>,
    into: &mut Vec<u8>,
    max: usize,
) -> Result<bool, AppError> {
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|_| AppError::User(UserError::BadRequest))?
    {
        if into.len() + chunk.len() > max {
            return Ok(false);
        }
        into.extend_from_slice(&chunk);
    }
    Ok(true)
}

/// `POST /admin/media` (multipart: `file`, `alt`, `csrf`).
pub async fn upload(
    State(state): State<AppState>,
    staff: Staff,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let upload = read_upload(multipart, state.options().max_upload_bytes).await?;
    let mut check = FormData::default();
    check.push("csrf", &upload.csrf);
    staff.check(&check)?;
    let alt = upload.alt.trim().to_owned();
    if alt.is_empty() || alt.chars().count() > MAX_ALT_CHARS || alt.chars().any(char::is_control) {
        return library(
            &state,
            &staff,
            None,
            Some("admin-error-alt-required"),
            Vec::new(),
        )
        .await;
    }
    let inspected = match images::inspect(&upload.bytes) {
        Ok(inspected) => inspected,
        Err(refusal) => {
            let key = match refusal {
                Refusal::NotAnImage => "admin-error-not-an-image",
                Refusal::TooLarge => "admin-error-image-too-large",
            };
            tracing::info!(user = %staff.user.id, ?refusal, "upload refused");
            return library(&state, &staff, None, Some(key), Vec::new()).await;
        }
    };
    let stem = upload
        .file_name
        .rsplit_once('.')
        .map_or(upload.file_name.as_str(), |(stem, _)| stem);
    let name = Slug::from_title(stem)
        .map(|s| s.as_str().chars().take(60).collect::<String>())
        .ok()
        .filter(|s| !s.is_empty() && !s.ends_with('-'))
        .unwrap_or_else(|| "image".to_owned());
    let media = NewMedia {
        name,
        ext: images::extension(inspected.format).to_owned(),
        width: i64::from(inspected.width),
        height: i64::from(inspected.height),
        bytes: i64::try_from(upload.bytes.len()).unwrap_or(i64::MAX),
        alt,
    };
    let id = state
        .store()
        .add_media(&media, staff.user.id, state.clock().now())
        .await?;
    state
        .options()
        .media
        .put(
            &crate::jobs::process_media::upload_key(id),
            Bytes::from(upload.bytes),
        )
        .await
        .map_err(|error| {
            tracing::error!(%error, "media storage failed");
            AppError::User(UserError::Unavailable)
        })?;
    state.media_arrived().notify_one();
    Ok(super::see_other("/admin/media"))
}

/// `POST /admin/media/{id}/delete`: editors and admins; refused while articles use it.
pub async fn delete(
    State(state): State<AppState>,
    staff: Staff,
    Segments(id): Segments<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    staff.check(&form)?;
    let media = state
        .store()
        .media(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let prefix = format!("/media/{}/", media.id);
    let mut uses: Vec<(String, String)> = state
        .store()
        .media_uses(&prefix)
        .await?
        .into_iter()
        .map(|(id, title)| (format!("/admin/articles/{id}"), title))
        .collect();
    uses.extend(
        state
            .store()
            .media_avatars(&prefix)
            .await?
            .into_iter()
            .map(|name| ("/admin/profile".to_owned(), name)),
    );
    uses.extend(
        state
            .store()
            .media_ads(&prefix)
            .await?
            .into_iter()
            .map(|(id, name)| (format!("/admin/ads/{id}"), name)),
    );
    let site = state.settings();
    if site.logo.starts_with(&prefix) {
        uses.push(("/admin/settings".to_owned(), site.name.clone()));
    }
    if !uses.is_empty() {
        return library(&state, &staff, None, Some("admin-error-media-in-use"), uses).await;
    }
    state.store().delete_media(id).await?;
    if let Err(error) = state.options().media.delete_prefix(&id.to_string()).await {
        tracing::warn!(%error, media = id, "files of a deleted image were left behind");
    }
    Ok(super::see_other("/admin/media"))
}
