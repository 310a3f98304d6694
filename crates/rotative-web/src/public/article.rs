//! `/{category}/{slug}/`: an article, with breadcrumbs, tags, related articles and the
//! comment section. Opening it counts a view.

use crate::AppState;
use crate::audience::Countable;
use crate::cache::CacheTag;
use crate::cache::middleware::CountsViewsOf;
use crate::error::AppError;
use crate::extract::Segments;
use crate::render::{self, PageMeta};
use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use rotative_core::{Category, Slug};
use rotative_theme::views::{ArticleView, Card, Crumb, TagLink, cards};

/// How many related articles to show.
const RELATED: u32 = 4;
/// The `in-article` slot goes after this paragraph.
const IN_ARTICLE_AFTER: usize = 2;

/// Shows a public article; 404 for anything else, 301 when reached through another
/// category than its own.
pub async fn show(
    State(state): State<AppState>,
    countable: Option<Extension<Countable>>,
    Segments((category_slug, slug)): Segments<(String, String)>,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&slug).map_err(|_| AppError::not_found())?;
    let store = state.store();
    let now = state.clock().now();
    let mut article = store
        .article_by_slug(&slug)
        .await?
        .filter(|a| a.is_public(now))
        .ok_or_else(AppError::not_found)?;
    let card = Card::from(&article.summary);
    if article.summary.category.slug != category_slug {
        return Ok(crate::redirect::permanent(&card.url));
    }
    let id = article.summary.id;
    if countable.is_some_and(|Extension(Countable(yes))| yes) {
        state.views().record(id);
    }
    article.summary.view_count += state.views().pending(id);
    let site = state.site_data().await?;
    let tags = store.article_tags(article.summary.id).await?;
    let related = store.related(&article.summary, RELATED, now).await?;
    let (previous, next) = store.neighbours(&article.summary, now).await?;

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
                url: format!("/{}/", c.slug),
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
    let mut frame = render::frame(&state, meta, &site);
    let (body_head, body_tail) = ArticleView::split_body(&article, IN_ARTICLE_AFTER);
    let view = ArticleView {
        card: Card::from(&article.summary),
        body_head,
        body_tail,
        updated_at: article.updated_at,
        tags: tags.iter().map(TagLink::from).collect(),
        breadcrumbs,
        related: cards(&related),
        previous: previous.as_ref().map(Card::from),
        next: next.as_ref().map(Card::from),
    };
    frame.tags.push(CacheTag::Article(id));
    frame.shows(&view.related);
    frame.shows(view.previous.as_slice());
    frame.shows(view.next.as_slice());
    let mut response = render::page(&state, "article.html", frame, &view)?;
    response.extensions_mut().insert(CountsViewsOf(id));
    Ok(response)
}
