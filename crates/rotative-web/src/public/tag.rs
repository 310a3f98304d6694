//! `/tag/{tag}/` and `/tag/{tag}/page/{n}/`: the articles carrying a tag.

use super::list::{self, ListSource, Subject};
use crate::cache::CacheTag;
use crate::error::AppError;
use crate::{AppState, SiteData};
use rotative_store::ArticleFilter;
use rotative_theme::views::ListKind;

/// Lists by tag.
pub(crate) struct TagList;

impl ListSource for TagList {
    const RENAMED: Option<&'static str> = Some("tag");

    fn base(slug: &str) -> String {
        format!("/tag/{slug}/")
    }

    async fn resolve(state: &AppState, slug: &str, _: &SiteData) -> Result<Subject, AppError> {
        let slug = list::slug_or_404(slug)?;
        let store = state.store();
        let tag = store
            .tag_by_slug(&slug)
            .await?
            .ok_or_else(AppError::not_found)?;
        let heading = list::heading(state, "list-tag-title", &tag.name);
        let subject = Subject {
            kind: ListKind::Tag,
            filter: ArticleFilter::Tag(tag.id),
            base: format!("/tag/{}/", tag.slug),
            heading,
            description: String::new(),
            image: None,
            ancestors: Vec::new(),
            category: None,
            tag: CacheTag::Tag(tag.id),
        };
        Ok(subject)
    }
}
