//! Storage of categories and tags.

use crate::Result;
use rotative_core::{ArticleId, Category, CategoryId, NewCategory, Slug, Tag};

/// Categories and tags.
#[async_trait::async_trait]
pub trait TaxonomyStore: Send + Sync + 'static {
    /// Creates a category; fails with a conflict on `slug` when taken.
    async fn create_category(&self, category: &NewCategory) -> Result<CategoryId>;
    /// Every category, in menu order (position, then name).
    async fn categories(&self) -> Result<Vec<Category>>;
    /// Finds a tag by slug.
    async fn tag_by_slug(&self, slug: &Slug) -> Result<Option<Tag>>;
    /// The tags of an article, by name.
    async fn article_tags(&self, article: ArticleId) -> Result<Vec<Tag>>;
}

/// Implements [`TaxonomyStore`] for an engine's store.
macro_rules! impl_taxonomy_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::TaxonomyStore for $store {
            async fn create_category(
                &self,
                category: &rotative_core::NewCategory,
            ) -> $crate::Result<rotative_core::CategoryId> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO categories (slug, name, description, parent_id, position) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(category.slug.as_str())
                .bind(category.name.trim())
                .bind(&category.description)
                .bind(category.parent_id.map(|id| id.0))
                .bind(category.position)
                .fetch_one(&self.pool)
                .await?;
                Ok(rotative_core::CategoryId(id))
            }

            async fn categories(&self) -> $crate::Result<Vec<rotative_core::Category>> {
                let rows = sqlx::query(
                    "SELECT id, slug, name, description, parent_id, position FROM categories \
                     ORDER BY position, name",
                )
                .fetch_all(&self.pool)
                .await?;
                $crate::rows::all(&rows, $crate::rows::category)
            }

            async fn tag_by_slug(
                &self,
                slug: &rotative_core::Slug,
            ) -> $crate::Result<Option<rotative_core::Tag>> {
                sqlx::query("SELECT id, slug, name FROM tags WHERE slug = $1")
                    .bind(slug.as_str())
                    .fetch_optional(&self.pool)
                    .await?
                    .as_ref()
                    .map($crate::rows::tag)
                    .transpose()
            }

            async fn article_tags(
                &self,
                article: rotative_core::ArticleId,
            ) -> $crate::Result<Vec<rotative_core::Tag>> {
                let rows = sqlx::query(
                    "SELECT t.id, t.slug, t.name FROM tags t \
                     JOIN article_tags l ON l.tag_id = t.id \
                     WHERE l.article_id = $1 ORDER BY t.name",
                )
                .bind(article.0)
                .fetch_all(&self.pool)
                .await?;
                $crate::rows::all(&rows, $crate::rows::tag)
            }
        }
    };
}
pub(crate) use impl_taxonomy_store;
