//! One-line data builders: `app.article("Titre").category("Sport").create().await`.

use crate::TestApp;
use rotative_core::{
    ArticleId, ArticleStatus, CategoryId, Clock, Locale, NewArticle, NewAuthor, NewCategory,
    NewTag, Role, Slug, Timestamp, UserId,
};

/// An article to create, with sensible defaults: published an hour before the app's now,
/// in "Politique", by "Rédaction".
pub struct ArticleBuilder<'a> {
    app: &'a TestApp,
    title: String,
    slug: Option<String>,
    body: String,
    category: String,
    author: String,
    status: ArticleStatus,
    published_at: Option<Timestamp>,
    tags: Vec<String>,
    views: i64,
    comments_open: bool,
    lang: Option<Locale>,
    sticky: bool,
}

impl<'a> ArticleBuilder<'a> {
    pub(crate) fn new(app: &'a TestApp, title: &str) -> Self {
        ArticleBuilder {
            app,
            title: title.to_owned(),
            slug: None,
            body: format!("Premier paragraphe de « {title} ».\n\n## Un sous-titre\n\nSuite."),
            category: "Politique".to_owned(),
            author: "Rédaction".to_owned(),
            status: ArticleStatus::Published,
            published_at: Some(app.clock.now() - chrono::Duration::hours(1)),
            tags: Vec::new(),
            views: 0,
            comments_open: true,
            lang: None,
            sticky: false,
        }
    }

    /// Sets the slug (made from the title otherwise).
    pub fn slug(mut self, slug: &str) -> Self {
        self.slug = Some(slug.to_owned());
        self
    }

    /// Sets the Markdown body.
    pub fn body(mut self, markdown: &str) -> Self {
        self.body = markdown.to_owned();
        self
    }

    /// Puts it in a category, created when missing.
    pub fn category(mut self, name: &str) -> Self {
        self.category = name.to_owned();
        self
    }

    /// Signs it by an author, created when missing.
    pub fn author(mut self, name: &str) -> Self {
        self.author = name.to_owned();
        self
    }

    /// Sets its status and publication time.
    pub fn status(mut self, status: ArticleStatus, published_at: Option<Timestamp>) -> Self {
        self.status = status;
        self.published_at = published_at;
        self
    }

    /// Sets its publication time.
    pub fn published_at(mut self, at: Timestamp) -> Self {
        self.published_at = Some(at);
        self
    }

    /// Tags it.
    pub fn tags(mut self, names: &[&str]) -> Self {
        self.tags = names.iter().map(|n| (*n).to_owned()).collect();
        self
    }

    /// Sets its view count.
    pub fn views(mut self, views: i64) -> Self {
        self.views = views;
        self
    }

    /// Closes its comments.
    pub fn comments_closed(mut self) -> Self {
        self.comments_open = false;
        self
    }

    /// Marks it as written in a language (the site's otherwise).
    pub fn lang(mut self, locale: Locale) -> Self {
        self.lang = Some(locale);
        self
    }

    /// Pins it at the top of the home page.
    pub fn sticky(mut self) -> Self {
        self.sticky = true;
        self
    }

    /// Creates it.
    pub async fn create(self) -> ArticleId {
        let app = self.app;
        let rendered = rotative_markup::render(&self.body);
        let slug = match &self.slug {
            Some(slug) => Slug::parse(slug).expect("valid slug"),
            None => Slug::from_title(&self.title).expect("title gives a slug"),
        };
        let article = NewArticle {
            slug,
            title: self.title,
            excerpt: rendered.excerpt,
            body_markdown: self.body,
            body_html: rendered.html,
            status: self.status,
            published_at: self.published_at,
            author_id: app.author_named(&self.author).await,
            category_id: app.category_named(&self.category).await,
            featured_image: None,
            tags: self
                .tags
                .iter()
                .map(|t| NewTag::from_name(t).expect("tag gives a slug"))
                .collect(),
            view_count: self.views,
            comments_open: self.comments_open,
            lang: self.lang,
            sticky: self.sticky,
        };
        article.validate().expect("a valid article");
        rotative_web::content::create_article(&app.state, &article)
            .await
            .expect("article created")
    }
}

impl TestApp {
    /// The category with this name, created when missing.
    pub async fn category_named(&self, name: &str) -> CategoryId {
        self.subcategory_named(name, None).await
    }

    /// The category with this name under `parent`, created when missing.
    pub async fn subcategory_named(&self, name: &str, parent: Option<CategoryId>) -> CategoryId {
        let slug = Slug::from_title(name).expect("name gives a slug");
        let existing = self.store().categories().await.expect("categories");
        if let Some(found) = existing.iter().find(|c| c.slug == slug.as_str()) {
            return found.id;
        }
        let category = NewCategory {
            slug,
            name: name.to_owned(),
            description: format!("Tout sur {name}."),
            parent_id: parent,
            position: i64::try_from(existing.len()).unwrap_or_default(),
        };
        rotative_web::content::create_category(&self.state, &category)
            .await
            .expect("category created")
    }

    /// The author with this name, created when missing.
    pub async fn author_named(&self, name: &str) -> UserId {
        let slug = Slug::from_title(name).expect("name gives a slug");
        if let Some(found) = self
            .store()
            .author_by_slug(&slug)
            .await
            .expect("author lookup")
        {
            return found.id;
        }
        let author = NewAuthor {
            slug,
            display_name: name.to_owned(),
            email: None,
            bio: format!("{name} écrit pour le journal."),
            role: Role::Author,
        };
        self.store()
            .create_author(&author, self.clock.now())
            .await
            .expect("author created")
    }
}

impl TestApp {
    /// The article with this slug, whatever its status (it must exist).
    pub async fn stored_article(&self, slug: &str) -> rotative_core::Article {
        let slug = Slug::parse(slug).expect("valid slug");
        self.store()
            .article_by_slug(&slug)
            .await
            .expect("lookup")
            .expect("the article exists")
    }

    /// Unpublishes an article in the store only, as another node (or a hand-made change)
    /// would: this node's caches are not told.
    pub async fn unpublish_unheard(&self, slug: &str) {
        let article = self.stored_article(slug).await;
        let gone = NewArticle {
            body_markdown: article.body_markdown.clone(),
            body_html: article.body_html.clone(),
            ..draft(slug, article.summary.author.id, article.summary.category.id)
        };
        self.store()
            .update_article(article.summary.id, &gone, self.now())
            .await
            .expect("update");
    }

    /// Edits an article as an editor would: loads it, applies `change`, saves it through
    /// `rotative_web::content` (so caches hear of it).
    pub async fn edit_article(&self, slug: &str, change: impl FnOnce(&mut NewArticle)) {
        let article = self.stored_article(slug).await;
        let slug = Slug::parse(slug).expect("valid slug");
        let tags = self
            .store()
            .article_tags(article.summary.id)
            .await
            .expect("tags")
            .into_iter()
            .map(|t| NewTag::of(&t).expect("stored slug"))
            .collect();
        let mut edited = NewArticle {
            slug,
            title: article.summary.title,
            excerpt: article.summary.excerpt,
            body_markdown: article.body_markdown,
            body_html: article.body_html,
            status: article.status,
            published_at: article.summary.published_at,
            author_id: article.summary.author.id,
            category_id: article.summary.category.id,
            featured_image: article.summary.featured_image,
            tags,
            view_count: article.summary.view_count,
            comments_open: article.comments_open,
            lang: article.lang,
            sticky: article.sticky,
        };
        change(&mut edited);
        let rendered = rotative_markup::render(&edited.body_markdown);
        edited.body_html = rendered.html;
        rotative_web::content::update_article(&self.state, article.summary.id, &edited)
            .await
            .expect("article updated");
    }
}

/// An empty draft with this slug, to hand to the store directly (set other fields with
/// struct update syntax); the builder above is for articles going through the site.
pub fn draft(slug: &str, author_id: UserId, category_id: CategoryId) -> NewArticle {
    NewArticle {
        slug: Slug::parse(slug).expect("valid slug"),
        title: slug.to_owned(),
        excerpt: String::new(),
        body_markdown: String::new(),
        body_html: String::new(),
        status: ArticleStatus::Draft,
        published_at: None,
        author_id,
        category_id,
        featured_image: None,
        tags: Vec::new(),
        view_count: 0,
        comments_open: true,
        lang: None,
        sticky: false,
    }
}
