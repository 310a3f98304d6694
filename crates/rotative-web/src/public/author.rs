//! `/author/{name}/` and `/author/{name}/page/{n}/`: an author's articles and biography.

use super::list::{ListSource, Subject};
use crate::AppState;
use crate::error::AppError;
use rotative_core::{Category, Slug};
use rotative_store::ArticleFilter;
use rotative_theme::views::ListKind;

/// Lists by author.
pub(crate) struct AuthorList;

impl ListSource for AuthorList {
    async fn resolve(state: &AppState, slug: &str) -> Result<(Subject, Vec<Category>), AppError> {
        let slug = Slug::parse(slug).map_err(|_| AppError::not_found())?;
        let store = state.store();
        let author = store
            .author_by_slug(&slug)
            .await?
            .ok_or_else(AppError::not_found)?;
        let settings = state.settings();
        let heading = state
            .theme()
            .translations()
            .get(
                settings.locale,
                "list-author-title",
                &[("name", author.display_name.as_str().into())],
            )
            .into_owned();
        let subject = Subject {
            kind: ListKind::Author,
            filter: ArticleFilter::Author(author.id),
            base: format!("/author/{}/", author.slug),
            heading,
            description: author.bio.clone(),
            ancestors: Vec::new(),
            category: None,
        };
        Ok((subject, store.categories().await?))
    }
}
