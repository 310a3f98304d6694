//! Storage of users, seen here as the authors who sign articles.

use crate::Result;
use rotative_core::{Author, NewAuthor, Slug, Timestamp, UserId};

/// Authors.
#[async_trait::async_trait]
pub trait AuthorStore: Send + Sync + 'static {
    /// Creates a user; fails with a conflict on `slug` or `email` when taken.
    async fn create_author(&self, author: &NewAuthor, now: Timestamp) -> Result<UserId>;
    /// Finds a user by slug.
    async fn author_by_slug(&self, slug: &Slug) -> Result<Option<Author>>;
    /// Every user, by name.
    async fn authors(&self) -> Result<Vec<Author>>;
    /// Changes what readers see of a user: their name, biography and picture.
    async fn update_profile(
        &self,
        user: UserId,
        display_name: &str,
        bio: &str,
        avatar: Option<&str>,
    ) -> Result<()>;
}

/// Implements [`AuthorStore`] for an engine's store.
macro_rules! impl_author_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::AuthorStore for $store {
            async fn create_author(
                &self,
                author: &rotative_core::NewAuthor,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<rotative_core::UserId> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO users (slug, display_name, email, bio, role, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(author.slug.as_str())
                .bind(author.display_name.trim())
                .bind(author.email.as_deref())
                .bind(&author.bio)
                .bind(author.role.as_str())
                .bind(rotative_core::whole_seconds(now))
                .fetch_one(&self.pool)
                .await?;
                Ok(rotative_core::UserId(id))
            }

            async fn update_profile(
                &self,
                user: rotative_core::UserId,
                display_name: &str,
                bio: &str,
                avatar: Option<&str>,
            ) -> $crate::Result<()> {
                let updated = sqlx::query(
                    "UPDATE users SET display_name = $2, bio = $3, avatar = $4 WHERE id = $1",
                )
                .bind(user.0)
                .bind(display_name.trim())
                .bind(bio.trim())
                .bind(avatar)
                .execute(&self.pool)
                .await?;
                if updated.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound);
                }
                Ok(())
            }

            async fn authors(&self) -> $crate::Result<Vec<rotative_core::Author>> {
                let rows = sqlx::query(
                    "SELECT id, slug, display_name, bio, role, avatar FROM users \
                     ORDER BY display_name, id",
                )
                .fetch_all(&self.pool)
                .await?;
                $crate::rows::all(&rows, $crate::rows::author)
            }

            async fn author_by_slug(
                &self,
                slug: &rotative_core::Slug,
            ) -> $crate::Result<Option<rotative_core::Author>> {
                sqlx::query(
                    "SELECT id, slug, display_name, bio, role, avatar FROM users WHERE slug = $1",
                )
                .bind(slug.as_str())
                .fetch_optional(&self.pool)
                .await?
                .as_ref()
                .map($crate::rows::author)
                .transpose()
            }
        }
    };
}
pub(crate) use impl_author_store;
