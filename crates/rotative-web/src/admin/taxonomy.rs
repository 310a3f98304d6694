//! `/admin/categories` and `/admin/tags`: create, rename, change slugs (the old address
//! answers 301), reorder the menu, delete (a category's articles move to another). For
//! editors and admins.

use super::{MODERATORS, Staff};
use crate::AppState;
use crate::error::AppError;
use crate::extract::Segments;
use crate::form::FormData;
use axum::extract::State;
use axum::response::Response;
use rotative_core::{Category, CategoryId, NewCategory, Slug, Tag, TagId};
use rotative_store::StoreError;
use serde::Serialize;

/// The longest name.
const MAX_NAME_CHARS: usize = 100;

#[derive(Serialize)]
struct CategoriesView {
    categories: Vec<Category>,
    error: Option<&'static str>,
}

#[derive(Serialize)]
struct TagsView {
    tags: Vec<(Tag, u64)>,
    error: Option<&'static str>,
}

async fn categories_page(
    state: &AppState,
    staff: &Staff,
    error: Option<&'static str>,
) -> Result<Response, AppError> {
    let view = CategoriesView {
        categories: state.store().categories().await?,
        error,
    };
    let failed = view.error.is_some();
    super::render_form(
        state,
        "admin/categories.html",
        "admin-categories-title",
        staff,
        &view,
        failed,
    )
}

/// `GET /admin/categories`.
pub async fn categories(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    categories_page(&state, &staff, None).await
}

/// A name and slug from a form (the slug made from the name when empty), or the key of
/// what is wrong.
fn name_and_slug(form: &FormData) -> Result<(String, Slug), &'static str> {
    let name = form.text("name").trim().to_owned();
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err("admin-error-name-invalid");
    }
    let slug = match form.get("slug").map(str::trim).filter(|s| !s.is_empty()) {
        Some(slug) => Slug::parse(slug),
        None => Slug::from_title(&name),
    };
    slug.map(|slug| (name, slug))
        .map_err(|_| "admin-error-slug-invalid")
}

/// The category a form describes, checked against the others (a parent must exist and not
/// sit under the category itself).
fn category_from(
    form: &FormData,
    categories: &[Category],
    id: Option<CategoryId>,
) -> Result<NewCategory, &'static str> {
    let (name, slug) = name_and_slug(form)?;
    // A category lives at `/{slug}/`: the site's own paths are not available.
    if slug.is_reserved() {
        return Err("admin-error-slug-reserved");
    }
    let parent = match form.get("parent").filter(|p| !p.is_empty() && *p != "0") {
        Some(p) => {
            let parent = CategoryId(p.parse().map_err(|_| "admin-error-parent-invalid")?);
            let exists = categories.iter().any(|c| c.id == parent);
            let loops = id.is_some_and(|id| {
                Category::lineage(categories, parent)
                    .iter()
                    .any(|c| c.id == id)
            });
            if !exists || loops {
                return Err("admin-error-parent-invalid");
            }
            Some(parent)
        }
        None => None,
    };
    let position = match form
        .get("position")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(p) => p.parse().map_err(|_| "admin-error-position-invalid")?,
        None => categories.iter().map(|c| c.position + 1).max().unwrap_or(0),
    };
    Ok(NewCategory {
        slug,
        name,
        description: form.text("description").trim().to_owned(),
        parent_id: parent,
        position,
    })
}

/// The page again with the error of a failed write, or the error itself.
async fn categories_outcome(
    state: &AppState,
    staff: &Staff,
    outcome: Result<(), StoreError>,
) -> Result<Response, AppError> {
    match outcome {
        Ok(()) => Ok(super::see_other("/admin/categories")),
        Err(StoreError::Conflict { .. }) => {
            categories_page(state, staff, Some("admin-error-slug-taken")).await
        }
        Err(error) => Err(error.into()),
    }
}

/// `POST /admin/categories`: a new category.
pub async fn create_category(
    State(state): State<AppState>,
    staff: Staff,
    form: FormData,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    staff.check(&form)?;
    let categories = state.store().categories().await?;
    match category_from(&form, &categories, None) {
        Ok(category) => {
            let created = crate::content::create_category(&state, &category).await;
            categories_outcome(&state, &staff, created.map(|_| ())).await
        }
        Err(error) => categories_page(&state, &staff, Some(error)).await,
    }
}

/// Checks a request on an existing category; returns every category and its id.
async fn category_request(
    state: &AppState,
    staff: &Staff,
    form: &FormData,
    id: i64,
) -> Result<(Vec<Category>, CategoryId), AppError> {
    staff.require(MODERATORS)?;
    staff.check(form)?;
    let categories = state.store().categories().await?;
    let id = CategoryId(id);
    if !categories.iter().any(|c| c.id == id) {
        return Err(AppError::not_found());
    }
    Ok((categories, id))
}

/// `POST /admin/categories/{id}`: renames, moves, reorders.
pub async fn update_category(
    State(state): State<AppState>,
    staff: Staff,
    Segments(id): Segments<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let (categories, id) = category_request(&state, &staff, &form, id).await?;
    match category_from(&form, &categories, Some(id)) {
        Ok(category) => {
            let updated = crate::content::update_category(&state, id, &category).await;
            categories_outcome(&state, &staff, updated).await
        }
        Err(error) => categories_page(&state, &staff, Some(error)).await,
    }
}

/// `POST /admin/categories/{id}/delete`: its articles move to `move_to`.
pub async fn delete_category(
    State(state): State<AppState>,
    staff: Staff,
    Segments(id): Segments<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let (categories, id) = category_request(&state, &staff, &form, id).await?;
    let move_to = form
        .get("move_to")
        .and_then(|m| m.parse().ok())
        .map(CategoryId)
        .filter(|m| *m != id && categories.iter().any(|c| c.id == *m));
    let Some(move_to) = move_to else {
        return categories_page(&state, &staff, Some("admin-error-move-to")).await;
    };
    crate::content::delete_category(&state, id, move_to).await?;
    Ok(super::see_other("/admin/categories"))
}

async fn tags_page(
    state: &AppState,
    staff: &Staff,
    error: Option<&'static str>,
) -> Result<Response, AppError> {
    let view = TagsView {
        tags: state.store().tags_with_counts().await?,
        error,
    };
    let failed = view.error.is_some();
    super::render_form(
        state,
        "admin/tags.html",
        "admin-tags-title",
        staff,
        &view,
        failed,
    )
}

/// `GET /admin/tags`.
pub async fn tags(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    tags_page(&state, &staff, None).await
}

/// `POST /admin/tags/{id}`: renames a tag, or changes its slug.
pub async fn update_tag(
    State(state): State<AppState>,
    staff: Staff,
    Segments(id): Segments<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    staff.check(&form)?;
    let (name, slug) = match name_and_slug(&form) {
        // The article editor's tag field separates names with commas.
        Ok((name, _)) if name.contains(',') => {
            return tags_page(&state, &staff, Some("admin-error-tag-comma")).await;
        }
        Ok(pair) => pair,
        Err(error) => return tags_page(&state, &staff, Some(error)).await,
    };
    match crate::content::update_tag(&state, TagId(id), &name, &slug).await {
        Ok(()) => Ok(super::see_other("/admin/tags")),
        Err(StoreError::Conflict { .. }) => {
            tags_page(&state, &staff, Some("admin-error-slug-taken")).await
        }
        Err(StoreError::NotFound) => Err(AppError::not_found()),
        Err(error) => Err(error.into()),
    }
}

/// `POST /admin/tags/{id}/delete`.
pub async fn delete_tag(
    State(state): State<AppState>,
    staff: Staff,
    Segments(id): Segments<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    staff.check(&form)?;
    match crate::content::delete_tag(&state, TagId(id)).await {
        Ok(()) => Ok(super::see_other("/admin/tags")),
        Err(StoreError::NotFound) => Err(AppError::not_found()),
        Err(error) => Err(error.into()),
    }
}
