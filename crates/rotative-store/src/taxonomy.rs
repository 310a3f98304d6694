//! Storage of categories and tags.

use crate::Result;
use rotative_core::{Category, CategoryId, NewCategory, Slug, Tag, TagId};

/// Categories and tags.
#[async_trait::async_trait]
pub trait TaxonomyStore: Send + Sync + 'static {
    /// Creates a category; fails with a conflict on `slug` when taken.
    async fn create_category(&self, category: &NewCategory) -> Result<CategoryId>;
    /// Every category, in menu order (position, then name).
    async fn categories(&self) -> Result<Vec<Category>>;
    /// Finds a tag by slug.
    async fn tag_by_slug(&self, slug: &Slug) -> Result<Option<Tag>>;
    /// The tags with these exact names (as an editor's tag field writes them), oldest
    /// first where two share a name.
    async fn tags_named(&self, names: &[&str]) -> Result<Vec<Tag>>;
    /// Changes a category; its old slug, when it changes, leads to it from now on.
    async fn update_category(&self, id: CategoryId, category: &NewCategory) -> Result<()>;
    /// Deletes a category: its articles move to `move_to`, its sub-categories to its
    /// parent, and its address leads to `move_to`.
    async fn delete_category(&self, id: CategoryId, move_to: CategoryId) -> Result<()>;
    /// Every tag, by name, with how many articles carry it.
    async fn tags_with_counts(&self) -> Result<Vec<(Tag, u64)>>;
    /// Renames a tag; its old slug, when it changes, leads to it from now on.
    async fn update_tag(&self, id: TagId, name: &str, slug: &Slug) -> Result<()>;
    /// Deletes a tag (articles lose it).
    async fn delete_tag(&self, id: TagId) -> Result<()>;
    /// The current slug of what a category or tag slug (`kind`: `category`, `tag`) has
    /// become, when it was renamed.
    async fn renamed(&self, kind: &str, old_slug: &str) -> Result<Option<String>>;
}

/// Every category, in menu order.
pub(crate) const CATEGORIES: &str = "SELECT id, slug, name, description, parent_id, position \
     FROM categories ORDER BY position, name";

/// The tags of an article, by name.
pub(crate) const ARTICLE_TAGS: &str = "SELECT t.id, t.slug, t.name FROM tags t \
     JOIN article_tags l ON l.tag_id = t.id WHERE l.article_id = $1 ORDER BY t.name";

/// Names bound per query of [`TaxonomyStore::tags_named`]: well under both engines' limits.
pub(crate) const NAMES_PER_QUERY: usize = 500;

/// Implements [`TaxonomyStore`] for an engine's store.
macro_rules! impl_taxonomy_store {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Makes an old slug lead to a category or tag.
            async fn redirect(
                tx: &mut sqlx::Transaction<'_, $db>,
                kind: &str,
                old_slug: &str,
                target: i64,
            ) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO taxonomy_redirects (kind, old_slug, target_id) VALUES ($1, $2, $3) \
                     ON CONFLICT (kind, old_slug) DO UPDATE SET target_id = excluded.target_id",
                )
                .bind(kind)
                .bind(old_slug)
                .bind(target)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }
        }

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
                use $crate::read::Reader;
                let query = $crate::read::Query::new($crate::taxonomy::CATEGORIES);
                self.fetch::<$crate::read::Categories>(query).await
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

            async fn update_category(
                &self,
                id: rotative_core::CategoryId,
                category: &rotative_core::NewCategory,
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                let old: Option<String> =
                    sqlx::query_scalar("SELECT slug FROM categories WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&mut *tx)
                        .await?;
                let Some(old) = old else {
                    // Ended now, not when the connection is next used: an open
                    // transaction would hold its locks until then.
                    tx.rollback().await?;
                    return Err($crate::StoreError::NotFound);
                };
                sqlx::query(
                    "UPDATE categories SET slug = $2, name = $3, description = $4, \
                     parent_id = $5, position = $6 WHERE id = $1",
                )
                .bind(id.0)
                .bind(category.slug.as_str())
                .bind(category.name.trim())
                .bind(&category.description)
                .bind(category.parent_id.map(|p| p.0))
                .bind(category.position)
                .execute(&mut *tx)
                .await?;
                if old != category.slug.as_str() {
                    Self::redirect(&mut tx, "category", &old, id.0).await?;
                }
                // A slug taken back by its category no longer redirects.
                sqlx::query("DELETE FROM taxonomy_redirects WHERE kind = 'category' AND old_slug = $1")
                    .bind(category.slug.as_str())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn delete_category(
                &self,
                id: rotative_core::CategoryId,
                move_to: rotative_core::CategoryId,
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                let found: Option<(String, Option<i64>)> =
                    sqlx::query_as("SELECT slug, parent_id FROM categories WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&mut *tx)
                        .await?;
                let Some((slug, parent)) = found else {
                    tx.rollback().await?;
                    return Err($crate::StoreError::NotFound);
                };
                sqlx::query("UPDATE articles SET category_id = $2 WHERE category_id = $1")
                    .bind(id.0)
                    .bind(move_to.0)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE categories SET parent_id = $2 WHERE parent_id = $1")
                    .bind(id.0)
                    .bind(parent)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "UPDATE taxonomy_redirects SET target_id = $2 \
                     WHERE kind = 'category' AND target_id = $1",
                )
                .bind(id.0)
                .bind(move_to.0)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM categories WHERE id = $1")
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await?;
                Self::redirect(&mut tx, "category", &slug, move_to.0).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn tags_named(&self, names: &[&str]) -> $crate::Result<Vec<rotative_core::Tag>> {
                let mut tags = Vec::new();
                for chunk in names.chunks($crate::taxonomy::NAMES_PER_QUERY) {
                    let mut query =
                        sqlx::QueryBuilder::<$db>::new("SELECT id, slug, name FROM tags WHERE name IN (");
                    let mut list = query.separated(", ");
                    for name in chunk {
                        list.push_bind(*name);
                    }
                    query.push(") ORDER BY id");
                    for row in query.build().fetch_all(&self.pool).await? {
                        tags.push($crate::rows::tag(&row)?);
                    }
                }
                Ok(tags)
            }

            async fn tags_with_counts(&self) -> $crate::Result<Vec<(rotative_core::Tag, u64)>> {
                let rows = sqlx::query(
                    "SELECT t.id, t.slug, t.name, \
                     (SELECT COUNT(*) FROM article_tags l WHERE l.tag_id = t.id) AS uses \
                     FROM tags t ORDER BY t.name, t.id",
                )
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        use $crate::rows::StoredRow;
                        Ok(($crate::rows::tag(row)?, u64::try_from(row.int("uses")?).unwrap_or(0)))
                    })
                    .collect()
            }

            async fn update_tag(
                &self,
                id: rotative_core::TagId,
                name: &str,
                slug: &rotative_core::Slug,
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                let old: Option<String> = sqlx::query_scalar("SELECT slug FROM tags WHERE id = $1")
                    .bind(id.0)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(old) = old else {
                    // Ended now, not when the connection is next used: an open
                    // transaction would hold its locks until then.
                    tx.rollback().await?;
                    return Err($crate::StoreError::NotFound);
                };
                sqlx::query("UPDATE tags SET name = $2, slug = $3 WHERE id = $1")
                    .bind(id.0)
                    .bind(name.trim())
                    .bind(slug.as_str())
                    .execute(&mut *tx)
                    .await?;
                if old != slug.as_str() {
                    Self::redirect(&mut tx, "tag", &old, id.0).await?;
                }
                sqlx::query("DELETE FROM taxonomy_redirects WHERE kind = 'tag' AND old_slug = $1")
                    .bind(slug.as_str())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn delete_tag(&self, id: rotative_core::TagId) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM taxonomy_redirects WHERE kind = 'tag' AND target_id = $1")
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await?;
                let deleted = sqlx::query("DELETE FROM tags WHERE id = $1")
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await?;
                if deleted.rows_affected() == 0 {
                    tx.rollback().await?;
                    return Err($crate::StoreError::NotFound);
                }
                tx.commit().await?;
                Ok(())
            }

            async fn renamed(&self, kind: &str, old_slug: &str) -> $crate::Result<Option<String>> {
                let sql = match kind {
                    "category" => {
                        "SELECT c.slug FROM taxonomy_redirects r JOIN categories c \
                         ON c.id = r.target_id WHERE r.kind = 'category' AND r.old_slug = $1"
                    }
                    _ => {
                        "SELECT t.slug FROM taxonomy_redirects r JOIN tags t \
                         ON t.id = r.target_id WHERE r.kind = 'tag' AND r.old_slug = $1"
                    }
                };
                Ok(sqlx::query_scalar(sql)
                    .bind(old_slug)
                    .fetch_optional(&self.pool)
                    .await?)
            }
        }
    };
}
pub(crate) use impl_taxonomy_store;
