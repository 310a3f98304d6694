//! `/admin/articles/{id}/revisions`: every saved version, a readable comparison of two,
//! and restoring one (itself a new save, so nothing is lost).

use super::Staff;
use super::articles::editable;
use crate::AppState;
use crate::error::{AppError, UserError};
use crate::extract::Segments;
use crate::form::FormData;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use rotative_store::Revision;
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// One line of a comparison.
#[derive(Serialize)]
struct DiffLine {
    /// `same`, `added` or `removed`.
    kind: &'static str,
    text: String,
}

#[derive(Serialize)]
struct RevisionsView {
    article_id: i64,
    title: String,
    revisions: Vec<Revision>,
    compared: Option<(i64, i64)>,
    diff: Vec<DiffLine>,
}

/// The lines of `old` and `new`, marked as kept, added or removed.
fn diff(old: &Revision, new: &Revision) -> Vec<DiffLine> {
    let before = format!(
        "# {}\n\n{}\n\n{}",
        old.title, old.excerpt, old.body_markdown
    );
    let after = format!(
        "# {}\n\n{}\n\n{}",
        new.title, new.excerpt, new.body_markdown
    );
    TextDiff::from_lines(&before, &after)
        .iter_all_changes()
        .map(|change| DiffLine {
            kind: match change.tag() {
                ChangeTag::Equal => "same",
                ChangeTag::Insert => "added",
                ChangeTag::Delete => "removed",
            },
            text: change.value().trim_end_matches('\n').to_owned(),
        })
        .collect()
}

/// `GET /admin/articles/{id}/revisions?a=&b=`.
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Segments(id): Segments<i64>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let article = editable(&state, &staff, id).await?;
    let revisions = state.store().revisions(article.summary.id).await?;
    let form = FormData::parse(raw.unwrap_or_default().as_bytes())?;
    let pick = |name: &str| -> Result<Option<&Revision>, AppError> {
        match form.get(name).filter(|v| !v.is_empty()) {
            Some(v) => {
                let wanted: i64 = v
                    .parse()
                    .map_err(|_| AppError::User(UserError::BadRequest))?;
                revisions
                    .iter()
                    .find(|r| r.id == wanted)
                    .map(Some)
                    .ok_or_else(AppError::not_found)
            }
            None => Ok(None),
        }
    };
    let (a, b) = (pick("a")?, pick("b")?);
    let (compared, lines) = match (a, b) {
        (Some(a), Some(b)) => {
            let (old, new) = if a.id <= b.id { (a, b) } else { (b, a) };
            (Some((old.id, new.id)), diff(old, new))
        }
        _ => (None, Vec::new()),
    };
    let view = RevisionsView {
        article_id: article.summary.id.0,
        title: article.summary.title.clone(),
        revisions,
        compared,
        diff: lines,
    };
    super::render(
        &state,
        "admin/revisions.html",
        "admin-revisions-title",
        Some(&staff),
        &view,
    )
}

/// `POST /admin/articles/{id}/revisions/{revision}/restore`.
pub async fn restore(
    State(state): State<AppState>,
    staff: Staff,
    Segments((id, revision)): Segments<(i64, i64)>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check(&form)?;
    let article = editable(&state, &staff, id).await?;
    let revision = state
        .store()
        .revision(revision)
        .await?
        .filter(|r| r.article_id == article.summary.id)
        .ok_or_else(AppError::not_found)?;
    let restored = super::articles::rewritten(
        &state,
        &article,
        &revision.title,
        &revision.excerpt,
        &revision.body_markdown,
    )
    .await?;
    crate::content::save_article(&state, Some(article.summary.id), &restored, staff.user.id)
        .await?;
    Ok(super::see_other(&format!(
        "/admin/articles/{}?saved=1",
        article.summary.id
    )))
}
