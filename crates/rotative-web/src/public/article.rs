//! `/{category}/{slug}/`: an article, with breadcrumbs, tags, related articles and the
//! comment section. Opening it counts a view.

use crate::AppState;
use crate::audience::Countable;
use crate::cache::CacheTag;
use crate::cache::middleware::CountsViewsOf;
use crate::comments::{self, thread};
use crate::error::AppError;
use crate::extract::Segments;
use crate::form::FormData;
use crate::render::{self, PageMeta};
use axum::Extension;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use rotative_core::{Article, Category, Comment, CommentId, CommentInput, CommentStatus, Slug};
use rotative_store::ArticleStore;
use rotative_theme::views::{
    ArticleView, Card, CommentFormView, CommentsView, Crumb, FieldMessage, TagLink, cards,
};
use std::collections::BTreeMap;

/// How many related articles to show.
const RELATED: u32 = 4;

/// Shows a public article; 404 for anything else, 301 when reached through another
/// category than its own. `?held=` (a signed link to the reader's comment awaiting
/// moderation) and `?replytocom=` (the form answering a comment) make a personal page,
/// which is not cached.
pub async fn show(
    State(state): State<AppState>,
    countable: Option<Extension<Countable>>,
    Segments((category_slug, slug)): Segments<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    // The page's reads see one state of the database (and, on SQLite, share one
    // transaction).
    let reads = state.store().snapshot();
    let mut article = match find(&state, &*reads, &category_slug, &slug).await? {
        Found::Article(article) => article,
        Found::Moved(url) => return Ok(crate::redirect::permanent(&url)),
    };
    let id = article.summary.id;
    if countable.is_some_and(|Extension(Countable(yes))| yes) {
        state.views().record(id);
    }
    article.summary.view_count += state.views().pending(id);
    let query = FormData::parse(query.unwrap_or_default().as_bytes()).unwrap_or_default();
    let held = match query
        .get("held")
        .and_then(|t| comments::held_comment(&state, t))
    {
        Some(comment) => state
            .store()
            .comment(comment)
            .await?
            .filter(|c| c.article_id == id && c.status != CommentStatus::Approved),
        None => None,
    };
    let form = FormState {
        reply_to: query
            .get("replytocom")
            .and_then(|v| v.parse().ok())
            .map(CommentId),
        ..FormState::default()
    };
    let mut response = render(&state, &*reads, article, form, held).await?;
    response.extensions_mut().insert(CountsViewsOf(id));
    Ok(response)
}

/// What an article address leads to.
pub(crate) enum Found {
    /// The public article.
    Article(Box<Article>),
    /// Its canonical address, when reached through another category.
    Moved(String),
}

/// Finds the public article an address names.
pub(crate) async fn find(
    state: &AppState,
    reads: &dyn ArticleStore,
    category_slug: &str,
    slug: &str,
) -> Result<Found, AppError> {
    let slug = Slug::parse(slug).map_err(|_| AppError::not_found())?;
    let now = state.clock().now();
    let found = reads
        .article_page_by_slug(&slug)
        .await?
        .filter(|a| a.is_public(now));
    let Some(article) = found else {
        // An address the article had before its slug or category changed.
        let old_path = rotative_core::article_path(category_slug, slug.as_str());
        let moved = match state.store().redirect_for(&old_path).await? {
            Some(id) => reads.article_by_id(id).await?,
            None => None,
        };
        return match moved.filter(|a| a.is_public(now)) {
            Some(article) if article.summary.path() != old_path => {
                Ok(Found::Moved(article.summary.path()))
            }
            _ => Err(AppError::not_found()),
        };
    };
    if article.summary.category.slug != category_slug {
        return Ok(Found::Moved(article.summary.path()));
    }
    Ok(Found::Article(Box::new(article)))
}

/// What the article's page tells search engines and social networks.
fn describe(
    settings: &rotative_core::SiteSettings,
    seo: &mut rotative_theme::views::Seo,
    article: &Article,
    card: &Card,
    tags: &[rotative_core::Tag],
    image: Option<&rotative_theme::views::ImageView>,
    breadcrumbs: &[Crumb],
) {
    use crate::seo;
    let summary = &article.summary;
    let image_path = image
        .map(|i| i.src.clone())
        .or_else(|| summary.featured_image.clone());
    let image_url = image_path.map(|path| seo::absolute(settings, &path));
    let keywords: Vec<String> = tags.iter().map(|t| t.name.clone()).collect();
    let description = seo::description(&summary.excerpt);
    let facts = seo::ArticleFacts {
        headline: &summary.title,
        description: &description,
        path: &card.url,
        image: image_url.as_deref(),
        published: summary.published_at,
        modified: article.updated_at,
        author: &summary.author.name,
        author_path: &card.author_url,
        section: &summary.category.name,
        keywords: &keywords,
    };
    seo.json_ld = vec![
        seo::script(&seo::news_article(settings, &facts)),
        seo::script(&seo::breadcrumbs(settings, breadcrumbs)),
    ];
    seo.title.clone_from(&summary.title);
    seo.description = description;
    seo.og_type = "article";
    seo.image_alt = image.map(|i| i.alt.clone()).unwrap_or_default();
    seo.image = image_url;
    seo.published = summary.published_at.map(seo::time);
    seo.modified = Some(seo::time(article.updated_at));
    seo.section = Some(summary.category.name.clone());
    seo.tags = keywords;
    seo.author = Some(seo::absolute(settings, &card.author_url));
}

/// The comment form's state: blank, or as sent back with its problems.
#[derive(Debug, Default)]
pub(crate) struct FormState {
    pub values: CommentInput,
    pub errors: BTreeMap<String, FieldMessage>,
    pub general_error: Option<&'static str>,
    pub reply_to: Option<CommentId>,
    pub remember_checked: bool,
}

impl FormState {
    fn is_blank(&self) -> bool {
        self.errors.is_empty() && self.general_error.is_none() && self.reply_to.is_none()
    }
}

/// Renders an article's page. A page with a blank form and no held comment is the same
/// for every reader and is cached; any other is marked `private, no-store`.
pub(crate) async fn render(
    state: &AppState,
    store: &dyn ArticleStore,
    article: Box<Article>,
    form: FormState,
    held: Option<Comment>,
) -> Result<Response, AppError> {
    let now = state.clock().now();
    let id = article.summary.id;
    let card = Card::from(&article.summary);
    let site = state.site_data().await?;
    let tags = store.article_tags(id).await?;
    let around = store.around(&article.summary, RELATED, now).await?;
    let approved = store.approved_comments(id).await?;
    let image = match &article.summary.featured_image {
        Some(path) => crate::media::image_view(state, path).await?,
        None => None,
    };

    let settings = state.settings();
    let mut breadcrumbs = vec![Crumb {
        name: state
            .theme()
            .translations()
            .text(settings.locale, "nav-home")
            .into_owned(),
        url: "/".to_owned(),
    }];
    breadcrumbs.extend(
        Category::lineage(&site.categories, article.summary.category.id)
            .into_iter()
            .map(|c| Crumb {
                name: c.name.clone(),
                url: rotative_core::article::path(&[&c.slug]),
            }),
    );
    breadcrumbs.push(Crumb {
        name: article.summary.title.clone(),
        url: card.url.clone(),
    });
    let meta = PageMeta {
        title: Some(article.summary.title.clone()),
        canonical: card.url.clone(),
        category: Some(article.summary.category.id),
    };
    let mut frame = render::frame(state, meta, &site);
    let personal = !form.is_blank() || held.is_some();
    let comments = comment_section(state, &article, &card.url, &approved, form, held);
    describe(
        &settings,
        &mut frame.layout.seo,
        &article,
        &card,
        &tags,
        image.as_ref(),
        &breadcrumbs,
    );
    let after = usize::try_from(state.settings().ad_in_article_after).unwrap_or(usize::MAX);
    let (body_head, body_tail) = ArticleView::split_body(&article, after);
    if let Some(html) = frame.ad(state, "in-article") {
        frame.layout.slots.insert("in-article".to_owned(), html);
    }
    let view = ArticleView {
        card,
        body_head,
        body_tail,
        updated_at: article.updated_at,
        tags: tags.iter().map(TagLink::from).collect(),
        breadcrumbs,
        related: cards(around.related),
        previous: around.older.map(Card::from),
        next: around.newer.map(Card::from),
        comments,
        image,
        lang: article.foreign_lang(settings.locale),
        dir: article
            .foreign_lang(settings.locale)
            .map(rotative_core::Locale::direction),
    };
    frame.tags.push(CacheTag::Article(id));
    frame.shows(&view.related);
    frame.shows(view.previous.as_slice());
    frame.shows(view.next.as_slice());
    let mut response = render::page(state, "article.html", frame, &view)?;
    if personal {
        response.extensions_mut().remove::<crate::cache::PageTags>();
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    Ok(response)
}

fn comment_section(
    state: &AppState,
    article: &Article,
    url: &str,
    approved: &[Comment],
    form: FormState,
    held: Option<Comment>,
) -> CommentsView {
    let options = &state.comment_options();
    let now = state.clock().now();
    let open = comments::open(state, article, now);
    let max_depth = i64::from(options.thread_depth);
    let reply_url = |c: &Comment| {
        (open && c.depth + 1 < max_depth).then(|| format!("{url}?replytocom={}#respond", c.id))
    };
    let reply_to = form
        .reply_to
        .and_then(|id| approved.iter().find(|c| c.id == id))
        .filter(|c| reply_url(c).is_some())
        .map(|c| (c.id.0, c.author_name.clone()));
    CommentsView {
        count: approved.len(),
        thread: thread::build(approved, reply_url),
        held: held.as_ref().map(|c| thread::view(c, None)),
        form: CommentFormView {
            open,
            action: format!("{url}#respond"),
            token: comments::form_token(state, article.summary.id, now),
            values: form.values,
            errors: form.errors,
            general_error: form.general_error,
            reply_to,
            cancel_url: format!("{url}#respond"),
            require_email: options.limits.require_email,
            remember: options.remember_cookie,
            remember_checked: form.remember_checked,
        },
    }
}
