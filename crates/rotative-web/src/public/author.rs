//! `/author/{name}/` and `/author/{name}/page/{n}/`: an author's articles and biography.

use super::list::{self, ListSource, Subject};
use crate::cache::CacheTag;
use crate::error::AppError;
use crate::{AppState, SiteData};
use rotative_store::ArticleFilter;
use rotative_theme::views::ListKind;

/// Lists by author.
pub(crate) struct AuthorList;

impl ListSource for AuthorList {
    fn base(slug: &str) -> String {
        format!("/author/{slug}/")
    }

    async fn resolve(state: &AppState, slug: &str, _: &SiteData) -> Result<Subject, AppError> {
        let slug = list::slug_or_404(slug)?;
        let store = state.store();
        let author = store
            .author_by_slug(&slug)
            .await?
            .ok_or_else(AppError::not_found)?;
        let heading = list::heading(state, "list-author-title", &author.display_name);
        let subject = Subject {
            kind: ListKind::Author,
            filter: ArticleFilter::Author(author.id),
            base: format!("/author/{}/", author.slug),
            heading,
            description: author.bio.clone(),
            image: author.avatar.clone(),
            ancestors: Vec::new(),
            category: None,
            tag: CacheTag::Author(author.id),
        };
        Ok(subject)
    }
}
