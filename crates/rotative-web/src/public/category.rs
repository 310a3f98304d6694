//! `/{category}/` and `/{category}/page/{n}/`: a section's articles, including those of its
//! sub-categories, newest first.

use super::list::{ListSource, Subject};
use crate::cache::CacheTag;
use crate::error::AppError;
use crate::{AppState, SiteData};
use rotative_core::Category;
use rotative_store::ArticleFilter;
use rotative_theme::views::{Crumb, ListKind};

/// Lists by category.
pub(crate) struct CategoryList;

impl ListSource for CategoryList {
    const RENAMED: Option<&'static str> = Some("category");

    fn base(slug: &str) -> String {
        format!("/{slug}/")
    }

    async fn resolve(_: &AppState, slug: &str, site: &SiteData) -> Result<Subject, AppError> {
        let categories = &site.categories;
        let category = categories
            .iter()
            .find(|c| c.slug == slug)
            .ok_or_else(AppError::not_found)?;
        let lineage = Category::lineage(categories, category.id);
        let ancestors = lineage[..lineage.len().saturating_sub(1)]
            .iter()
            .map(|c| Crumb {
                name: c.name.clone(),
                url: format!("/{}/", c.slug),
            })
            .collect();
        let subject = Subject {
            kind: ListKind::Category,
            filter: filter(categories, category.id),
            base: format!("/{}/", category.slug),
            heading: category.name.clone(),
            description: category.description.clone(),
            image: None,
            ancestors,
            category: Some(category.id),
            tag: CacheTag::Category(category.id),
        };
        Ok(subject)
    }
}

/// The filter of a category's list: with its sub-categories' articles when it has any
/// (a slower query, so only then).
pub(crate) fn filter(categories: &[Category], id: rotative_core::CategoryId) -> ArticleFilter {
    if categories.iter().any(|c| c.parent_id == Some(id)) {
        ArticleFilter::CategoryTree(id)
    } else {
        ArticleFilter::Category(id)
    }
}
