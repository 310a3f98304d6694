//! Writing content, and telling the rest of the site what changed.
//!
//! Every write that changes what readers see goes through here, so that the page cache
//! drops exactly the pages showing it, list counts are recounted and the next scheduled
//! publication is known, and the search index is updated before the write returns (see
//! [`crate::search`]). (Feeds and other nodes will listen here too.)

use crate::AppState;
use crate::cache::CacheTag;
use crate::render::SIDEBAR_ITEMS;
use rotative_core::{ArticleId, Category, NewArticle};
use rotative_store::{ArticleFilter, StoreError};

/// Creates an article.
pub async fn create_article(
    state: &AppState,
    article: &NewArticle,
) -> Result<ArticleId, StoreError> {
    let id = state
        .store()
        .create_article(article, state.clock().now())
        .await?;
    article_changed(state, id, Vec::new()).await?;
    crate::search::articles_changed(state, &[id]).await;
    Ok(id)
}

/// Replaces an article's content, status and tags: an edit, a publication, an
/// unpublication, a new date.
pub async fn update_article(
    state: &AppState,
    id: ArticleId,
    article: &NewArticle,
) -> Result<(), StoreError> {
    let before = footprint(state, id).await?;
    state
        .store()
        .update_article(id, article, state.clock().now())
        .await?;
    article_changed(state, id, before).await?;
    crate::search::articles_changed(state, &[id]).await;
    Ok(())
}

/// Creates a category: every page shows the menu, so every cached page goes.
pub async fn create_category(
    state: &AppState,
    category: &rotative_core::NewCategory,
) -> Result<rotative_core::CategoryId, StoreError> {
    let id = state.store().create_category(category).await?;
    state.cache().clear();
    state.forget_lists();
    Ok(id)
}

/// Publishes the scheduled articles whose time has come; returns how many.
pub async fn publish_due(state: &AppState) -> Result<usize, StoreError> {
    let published = state.store().publish_due(state.clock().now()).await?;
    for id in &published {
        tracing::info!(article_id = %id, "scheduled article published");
        article_changed(state, *id, Vec::new()).await?;
    }
    crate::search::articles_changed(state, &published).await;
    state.refresh_next_due().await?;
    Ok(published.len())
}

/// Everything an article's pages and lists are tagged with.
async fn footprint(state: &AppState, id: ArticleId) -> Result<Vec<CacheTag>, StoreError> {
    let store = state.store();
    let Some(article) = store.article_by_id(id).await? else {
        return Ok(Vec::new());
    };
    let categories = store.categories().await?;
    let mut tags = vec![
        CacheTag::Article(id),
        CacheTag::Author(article.summary.author.id),
    ];
    tags.extend(
        Category::lineage(&categories, article.summary.category.id)
            .into_iter()
            .map(|c| CacheTag::Category(c.id)),
    );
    tags.extend(
        store
            .article_tags(id)
            .await?
            .iter()
            .map(|t| CacheTag::Tag(t.id)),
    );
    Ok(tags)
}

/// Drops what showed the article before and what shows it now.
async fn article_changed(
    state: &AppState,
    id: ArticleId,
    before: Vec<CacheTag>,
) -> Result<(), StoreError> {
    let mut tags = before;
    tags.extend(footprint(state, id).await?);
    tags.push(CacheTag::Home);
    let latest = state
        .store()
        .public_articles(ArticleFilter::All, SIDEBAR_ITEMS, 0, state.clock().now())
        .await?;
    if latest.iter().any(|a| a.id == id) {
        tags.push(CacheTag::Latest);
    }
    state.cache().invalidate(&tags);
    state.forget_lists();
    state.refresh_next_due().await
}

/// Stores a comment; an approved one changes its article's thread and counts.
pub async fn add_comment(
    state: &AppState,
    comment: &rotative_core::NewComment,
) -> Result<rotative_core::CommentId, StoreError> {
    let id = state
        .store()
        .add_comment(comment, state.clock().now())
        .await?;
    if comment.status == rotative_core::CommentStatus::Approved {
        comments_changed(state, &[comment.article_id]);
    }
    Ok(id)
}

/// Moves comments to a moderation state; returns how many articles it touched.
pub async fn set_comment_status(
    state: &AppState,
    ids: &[rotative_core::CommentId],
    status: rotative_core::CommentStatus,
) -> Result<usize, StoreError> {
    let articles = state.store().set_comment_status(ids, status).await?;
    comments_changed(state, &articles);
    Ok(articles.len())
}

/// Deletes comments for good; returns how many articles it touched.
pub async fn delete_comments(
    state: &AppState,
    ids: &[rotative_core::CommentId],
) -> Result<usize, StoreError> {
    let articles = state.store().delete_comments(ids).await?;
    comments_changed(state, &articles);
    Ok(articles.len())
}

/// Drops the pages showing these articles (their threads, or their comment counts on
/// cards).
fn comments_changed(state: &AppState, articles: &[ArticleId]) {
    let tags: Vec<CacheTag> = articles.iter().map(|id| CacheTag::Article(*id)).collect();
    state.cache().invalidate(&tags);
    state.forget_lists();
}

/// Saves an editor's version of an article (new when `id` is `None`): the article, a
/// revision, and, when a public article changes address, a 301 from the old one.
pub async fn save_article(
    state: &AppState,
    id: Option<ArticleId>,
    article: &NewArticle,
    saved_by: rotative_core::UserId,
) -> Result<ArticleId, StoreError> {
    let id = match id {
        None => create_article(state, article).await?,
        Some(id) => {
            let before = state.store().article_by_id(id).await?;
            update_article(state, id, article).await?;
            if let Some(before) = before {
                let was_public = matches!(
                    before.status,
                    rotative_core::ArticleStatus::Published
                        | rotative_core::ArticleStatus::Scheduled
                );
                let category = state
                    .store()
                    .categories()
                    .await?
                    .into_iter()
                    .find(|c| c.id == article.category_id)
                    .map(|c| c.slug);
                let now_path = category
                    .map(|c| rotative_core::article_path(&c, article.slug.as_str()))
                    .unwrap_or_default();
                let old_path = before.summary.path();
                if was_public && old_path != now_path {
                    state.store().add_redirect(&old_path, id).await?;
                }
            }
            id
        }
    };
    state
        .store()
        .add_revision(
            id,
            article.title.trim(),
            &article.excerpt,
            &article.body_markdown,
            Some(saved_by),
            state.clock().now(),
        )
        .await?;
    Ok(id)
}

/// Moves articles to a status (bulk publish, back to draft, archive); returns how many
/// changed.
pub async fn set_articles_status(
    state: &AppState,
    ids: &[ArticleId],
    status: rotative_core::ArticleStatus,
) -> Result<usize, StoreError> {
    let mut before = Vec::new();
    for id in ids {
        before.extend(footprint(state, *id).await?);
    }
    let changed = state
        .store()
        .set_article_status(ids, status, state.clock().now())
        .await?;
    for id in &changed {
        article_changed(state, *id, std::mem::take(&mut before)).await?;
    }
    crate::search::articles_changed(state, &changed).await;
    Ok(changed.len())
}

/// Changes a category: every page shows the menu, so every cached page goes.
pub async fn update_category(
    state: &AppState,
    id: rotative_core::CategoryId,
    category: &rotative_core::NewCategory,
) -> Result<(), StoreError> {
    state.store().update_category(id, category).await?;
    taxonomy_changed(state);
    Ok(())
}

/// Deletes a category, moving its articles to another.
pub async fn delete_category(
    state: &AppState,
    id: rotative_core::CategoryId,
    move_to: rotative_core::CategoryId,
) -> Result<(), StoreError> {
    state.store().delete_category(id, move_to).await?;
    taxonomy_changed(state);
    crate::search::scope_changed(state, rotative_store::SourceScope::Category(move_to)).await;
    Ok(())
}

/// Renames a tag.
pub async fn update_tag(
    state: &AppState,
    id: rotative_core::TagId,
    name: &str,
    slug: &rotative_core::Slug,
) -> Result<(), StoreError> {
    state.store().update_tag(id, name, slug).await?;
    taxonomy_changed(state);
    crate::search::scope_changed(state, rotative_store::SourceScope::Tag(id)).await;
    Ok(())
}

/// Deletes a tag.
pub async fn delete_tag(state: &AppState, id: rotative_core::TagId) -> Result<(), StoreError> {
    let tagged = crate::search::ids_of(state, &rotative_store::SourceScope::Tag(id)).await?;
    state.store().delete_tag(id).await?;
    taxonomy_changed(state);
    crate::search::scope_changed(state, rotative_store::SourceScope::Ids(tagged)).await;
    Ok(())
}

/// Categories and tags show on article pages, lists and the menu: drop every cached page.
fn taxonomy_changed(state: &AppState) {
    state.cache().clear();
    state.forget_lists();
}

/// Changes a user's name, biography and picture, shown under their articles, on every
/// card and on their page.
pub async fn update_profile(
    state: &AppState,
    user: rotative_core::UserId,
    display_name: &str,
    bio: &str,
    avatar: Option<&str>,
) -> Result<(), StoreError> {
    state
        .store()
        .update_profile(user, display_name, bio, avatar)
        .await?;
    state.cache().clear();
    state.forget_lists();
    crate::search::scope_changed(state, rotative_store::SourceScope::Author(user)).await;
    Ok(())
}

/// Stores site settings (already checked) and applies them at once.
pub async fn save_settings(
    state: &AppState,
    settings: &[(String, String)],
) -> Result<(), crate::StartError> {
    for (key, value) in settings {
        state.store().put_setting(key, value).await?;
    }
    state.reload_settings().await
}
