//! Page numbers from URLs: `?page=2` on a list's address, or `/page/2/` after it.

use crate::error::{AppError, UserError};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use rotative_core::{PageNumber, Paginated};
use rotative_theme::views::PaginationView;
use serde::Deserialize;

/// The page asked for with `?page=N`: absent means the first; anything but a whole number
/// from 1 is a 400 page.
#[derive(Debug, Clone, Copy)]
pub struct QueryPage(pub PageNumber);

#[derive(Deserialize)]
struct PageQuery {
    page: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for QueryPage {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = axum::extract::Query::<PageQuery>::try_from_uri(&parts.uri)
            .map_err(|_| AppError::User(UserError::BadRequest))?;
        match query.0.page.as_deref() {
            None => Ok(QueryPage(PageNumber::FIRST)),
            Some(text) => PageNumber::parse(text)
                .map(QueryPage)
                .ok_or(AppError::User(UserError::InvalidPage)),
        }
    }
}

/// Where a request for a page of a list leads.
pub(crate) enum PageRoute {
    /// Show this page.
    Show(PageNumber),
    /// `/page/1/` is the list itself: redirect there.
    RedirectToFirst,
}

/// Reads the `N` of `/page/N/`: anything but a whole number from 1 is not a page (404).
pub(crate) fn path_page(segment: &str) -> Result<PageRoute, AppError> {
    match PageNumber::parse(segment) {
        Some(PageNumber::FIRST) => Ok(PageRoute::RedirectToFirst),
        Some(page) => Ok(PageRoute::Show(page)),
        None => Err(AppError::not_found()),
    }
}

/// Links between the pages of a list whose first page is at `base` (ending in `/`).
/// A page past the end is a 404, except the first page of an empty list.
pub(crate) fn links<T>(base: &str, list: &Paginated<T>) -> Result<PaginationView, AppError> {
    if list.is_past_end() {
        return Err(AppError::not_found());
    }
    let page = list.page.get();
    let last = list.last_page();
    let url = |n: u32| {
        if n == 1 {
            base.to_owned()
        } else {
            format!("{base}page/{n}/")
        }
    };
    Ok(PaginationView {
        page,
        last,
        previous_url: (page > 1).then(|| url(page - 1)),
        next_url: (page < last).then(|| url(page + 1)),
    })
}

/// The canonical path of page `page` of a list at `base`.
pub(crate) fn canonical(base: &str, page: PageNumber) -> String {
    if page == PageNumber::FIRST {
        base.to_owned()
    } else {
        format!("{base}page/{}/", page.get())
    }
}
