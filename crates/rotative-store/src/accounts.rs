//! Accounts: passwords, server-side sessions and failed logins.

use crate::Result;
use rotative_core::{Author, Timestamp, UserId};

/// An account as login sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The user.
    pub user: Author,
    /// Their password's argon2 hash, when they have one.
    pub password_hash: Option<String>,
}

/// Accounts, sessions and failed logins.
#[async_trait::async_trait]
pub trait AccountStore: Send + Sync + 'static {
    /// The account with this e-mail address (any case).
    async fn account_by_email(&self, email: &str) -> Result<Option<Account>>;
    /// Sets a user's password hash; [`crate::StoreError::NotFound`] when there is no such
    /// user.
    async fn set_password(&self, user: UserId, password_hash: &str) -> Result<()>;
    /// How many users can log in (have a password).
    async fn count_accounts(&self) -> Result<u64>;
    /// The e-mail address of every member who has one, by user.
    async fn account_emails(&self) -> Result<Vec<(UserId, String)>>;
    /// Opens a session under the hash of its token.
    async fn create_session(
        &self,
        token_hash: &str,
        user: UserId,
        now: Timestamp,
        expires: Timestamp,
    ) -> Result<()>;
    /// The user of a session still open at `now`.
    async fn session_user(&self, token_hash: &str, now: Timestamp) -> Result<Option<Author>>;
    /// Ends a session.
    async fn delete_session(&self, token_hash: &str) -> Result<()>;
    /// Ends every session of a user (their password changed), and the expired ones of all.
    async fn delete_sessions_of(&self, user: UserId, now: Timestamp) -> Result<()>;
    /// Records a failed login under each scope (`account:…`, `ip:…`).
    async fn record_login_failure(&self, scopes: &[String], now: Timestamp) -> Result<()>;
    /// How many failed logins a scope has had since a time.
    async fn login_failures_since(&self, scope: &str, since: Timestamp) -> Result<u64>;
    /// Forgets a scope's failed logins (after a success).
    async fn clear_login_failures(&self, scope: &str) -> Result<()>;
    /// Deletes the sessions expired at `now` and the failed logins older than `before`.
    async fn purge_expired(&self, now: Timestamp, before: Timestamp) -> Result<()>;
}

/// Implements [`AccountStore`] for an engine's store.
macro_rules! impl_account_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::AccountStore for $store {
            async fn account_by_email(
                &self,
                email: &str,
            ) -> $crate::Result<Option<$crate::accounts::Account>> {
                let row = sqlx::query(
                    "SELECT id, slug, display_name, bio, role, avatar, password_hash FROM users \
                     WHERE lower(email) = lower($1)",
                )
                .bind(email.trim())
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else {
                    return Ok(None);
                };
                use $crate::rows::StoredRow;
                Ok(Some($crate::accounts::Account {
                    user: $crate::rows::author(&row)?,
                    password_hash: row.opt_text("password_hash")?,
                }))
            }

            async fn set_password(
                &self,
                user: rotative_core::UserId,
                password_hash: &str,
            ) -> $crate::Result<()> {
                let updated = sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
                    .bind(user.0)
                    .bind(password_hash)
                    .execute(&self.pool)
                    .await?;
                if updated.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound);
                }
                Ok(())
            }

            async fn count_accounts(&self) -> $crate::Result<u64> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM users WHERE password_hash IS NOT NULL",
                )
                .fetch_one(&self.pool)
                .await?;
                Ok(u64::try_from(n).unwrap_or(0))
            }

            async fn account_emails(
                &self,
            ) -> $crate::Result<Vec<(rotative_core::UserId, String)>> {
                let rows: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT id, email FROM users WHERE email IS NOT NULL ORDER BY id",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, email)| (rotative_core::UserId(id), email))
                    .collect())
            }

            async fn create_session(
                &self,
                token_hash: &str,
                user: rotative_core::UserId,
                now: rotative_core::Timestamp,
                expires: rotative_core::Timestamp,
            ) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO sessions (id, user_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(token_hash)
                .bind(user.0)
                .bind(rotative_core::whole_seconds(now))
                .bind(rotative_core::whole_seconds(expires))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn session_user(
                &self,
                token_hash: &str,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Option<rotative_core::Author>> {
                sqlx::query(
                    "SELECT u.id AS id, u.slug AS slug, u.display_name AS display_name, \
                     u.bio AS bio, u.role AS role, u.avatar AS avatar FROM sessions s \
                     JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.expires_at > $2",
                )
                .bind(token_hash)
                .bind(rotative_core::whole_seconds(now))
                .fetch_optional(&self.pool)
                .await?
                .as_ref()
                .map($crate::rows::author)
                .transpose()
            }

            async fn delete_session(&self, token_hash: &str) -> $crate::Result<()> {
                sqlx::query("DELETE FROM sessions WHERE id = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn delete_sessions_of(
                &self,
                user: rotative_core::UserId,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<()> {
                sqlx::query("DELETE FROM sessions WHERE user_id = $1 OR expires_at <= $2")
                    .bind(user.0)
                    .bind(rotative_core::whole_seconds(now))
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn record_login_failure(
                &self,
                scopes: &[String],
                now: rotative_core::Timestamp,
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                for scope in scopes {
                    sqlx::query("INSERT INTO login_failures (scope, at) VALUES ($1, $2)")
                        .bind(scope)
                        .bind(rotative_core::whole_seconds(now))
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn login_failures_since(
                &self,
                scope: &str,
                since: rotative_core::Timestamp,
            ) -> $crate::Result<u64> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM login_failures WHERE scope = $1 AND at > $2",
                )
                .bind(scope)
                .bind(rotative_core::whole_seconds(since))
                .fetch_one(&self.pool)
                .await?;
                Ok(u64::try_from(n).unwrap_or(0))
            }

            async fn purge_expired(
                &self,
                now: rotative_core::Timestamp,
                before: rotative_core::Timestamp,
            ) -> $crate::Result<()> {
                sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                    .bind(rotative_core::whole_seconds(now))
                    .execute(&self.pool)
                    .await?;
                sqlx::query("DELETE FROM login_failures WHERE at <= $1")
                    .bind(rotative_core::whole_seconds(before))
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn clear_login_failures(&self, scope: &str) -> $crate::Result<()> {
                sqlx::query("DELETE FROM login_failures WHERE scope = $1")
                    .bind(scope)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_account_store;
