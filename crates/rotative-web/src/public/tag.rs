//! `/tag/{tag}/` and `/tag/{tag}/page/{n}/`: the articles carrying a tag.

use super::list::{ListSource, Subject};
use crate::AppState;
use crate::error::AppError;
use rotative_core::{Category, Slug};
use rotative_store::ArticleFilter;
use rotative_theme::views::ListKind;

/// Lists by tag.
pub(crate) struct TagList;

impl ListSource for TagList {
    async fn resolve(state: &AppState, slug: &str) -> Result<(Subject, Vec<Category>), AppError> {
        let slug = Slug::parse(slug).map_err(|_| AppError::not_found())?;
        let store = state.store();
        let tag = store
            .tag_by_slug(&slug)
            .await?
            .ok_or_else(AppError::not_found)?;
        let settings = state.settings();
        let heading = state
            .theme()
            .translations()
            .get(
                settings.locale,
                "list-tag-title",
                &[("name", tag.name.as_str().into())],
            )
            .into_owned();
        let subject = Subject {
            kind: ListKind::Tag,
            filter: ArticleFilter::Tag(tag.id),
            base: format!("/tag/{}/", tag.slug),
            heading,
            description: String::new(),
            ancestors: Vec::new(),
            category: None,
        };
        Ok((subject, store.categories().await?))
    }
}
