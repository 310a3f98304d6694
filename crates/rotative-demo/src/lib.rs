//! The demo site that `rotative serve --demo` shows on a fresh machine: a French regional
//! newsroom in Marrakech with the seed article and thirty others across six sections.
//!
//! - [`content`] reads the embedded files (`content/site.toml`, `content/articles/*.md`, each
//!   article Markdown with YAML front matter, as the fixtures are written).
//! - [`load_if_empty`] writes them into a store that has no content yet, and leaves any
//!   other store untouched.
//! - [`generate`] adds any number of generated articles, for load tests.

mod content;
pub mod generate;

pub use content::{
    AuthorEntry, CategoryEntry, DemoArticle, DemoContent, DemoError, FrontMatter, SiteFile,
    content, parse_article,
};

use rotative_core::{
    ArticleStatus, NewArticle, NewAuthor, NewCategory, NewTag, Slug, Timestamp, whole_seconds,
};
use rotative_store::{Store, StoreError};
use std::collections::HashMap;

/// What [`load_if_empty`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The store was empty and now holds the demo site.
    Loaded {
        /// How many articles were written.
        articles: usize,
    },
    /// The store already had content; nothing was written.
    AlreadyHasContent,
}

/// Loads the demo site into a store without articles or categories.
pub async fn load_if_empty(store: &dyn Store, now: Timestamp) -> Result<Outcome, DemoError> {
    if store.count_articles().await? > 0 || !store.categories().await?.is_empty() {
        return Ok(Outcome::AlreadyHasContent);
    }
    let demo = content()?;
    for (key, value) in &demo.site.settings {
        store.put_setting(key, value).await?;
    }
    let mut categories = HashMap::new();
    for (position, category) in demo.site.categories.iter().enumerate() {
        let new = NewCategory {
            slug: slug_of(&category.name)?,
            name: category.name.clone(),
            description: category.description.clone(),
            parent_id: None,
            position: i64::try_from(position).unwrap_or(i64::MAX),
        };
        categories.insert(category.name.clone(), store.create_category(&new).await?);
    }
    let mut authors = HashMap::new();
    for author in &demo.site.authors {
        let new = NewAuthor {
            slug: slug_of(&author.name)?,
            display_name: author.name.clone(),
            email: None,
            bio: author.bio.clone(),
            role: author.role,
        };
        authors.insert(author.name.clone(), store.create_author(&new, now).await?);
    }
    for article in &demo.articles {
        let front = &article.front;
        let unknown = |what: &str, name: &str| DemoError::Invalid {
            file: article.file.clone(),
            reason: format!("unknown {what} {name:?} (not in site.toml)"),
        };
        let category_id = *categories
            .get(&front.category)
            .ok_or_else(|| unknown("category", &front.category))?;
        let author_id = *authors
            .get(&front.author)
            .ok_or_else(|| unknown("author", &front.author))?;
        let rendered = rotative_markup::render(&article.body);
        let tags = front
            .tags
            .iter()
            .map(|name| NewTag::from_name(name))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| DemoError::Invalid {
                file: article.file.clone(),
                reason: format!("bad tag: {e}"),
            })?;
        let new = NewArticle {
            slug: Slug::parse(&front.slug).map_err(|e| DemoError::Invalid {
                file: article.file.clone(),
                reason: format!("bad slug: {e}"),
            })?,
            title: front.title.clone(),
            excerpt: front.excerpt.clone().unwrap_or(rendered.excerpt),
            body_markdown: article.body.clone(),
            body_html: rendered.html,
            status: ArticleStatus::Published,
            published_at: Some(whole_seconds(front.published_at.to_utc())),
            author_id,
            category_id,
            featured_image: None,
            tags,
            view_count: front.views,
            comments_open: true,
            lang: front.lang,
            sticky: false,
        };
        store.create_article(&new, now).await?;
    }
    for ad in &demo.site.ads {
        let creative = rotative_store::NewCreative {
            name: ad.name.clone(),
            content: rotative_store::AdContent::Snippet {
                html: ad.html.clone(),
            },
            width: ad.width,
            height: ad.height,
            zones: ad.zones.clone(),
            categories: Vec::new(),
            starts_at: None,
            ends_at: None,
            weight: 1,
            active: true,
        };
        store.insert_ad(&creative, now).await?;
    }
    Ok(Outcome::Loaded {
        articles: demo.articles.len(),
    })
}

fn slug_of(name: &str) -> Result<Slug, DemoError> {
    Slug::from_title(name).map_err(|e| DemoError::Invalid {
        file: "site.toml".to_owned(),
        reason: format!("{name:?} gives no slug: {e}"),
    })
}

impl From<StoreError> for DemoError {
    fn from(error: StoreError) -> Self {
        DemoError::Store(error)
    }
}
