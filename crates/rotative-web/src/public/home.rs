//! `/`: the newest articles, a block per category, the most read in the sidebar.

use crate::AppState;
use crate::cache::CacheTag;
use crate::error::AppError;
use crate::render::{self, PageMeta};
use axum::extract::State;
use axum::response::Response;
use rotative_store::ArticleFilter;
use rotative_theme::views::{CategoryBlock, HomeView, cards};

/// One large and four small articles at the top: the pinned ones, then the newest.
const TOP: u32 = 5;
/// Articles per category block.
const PER_BLOCK: u32 = 4;

/// Shows the home page.
pub async fn show(State(state): State<AppState>) -> Result<Response, AppError> {
    // One state of the database for every list (and, on SQLite, one transaction).
    let store = state.store().snapshot();
    let now = state.clock().now();
    let site = state.site_data().await?;
    let categories = &site.categories;
    // Pinned articles first ("à la une"), then the newest.
    let mut top = store
        .public_articles(ArticleFilter::Sticky, TOP, 0, now)
        .await?;
    if top.len() < TOP as usize {
        let newest = store
            .public_articles(ArticleFilter::All, TOP, 0, now)
            .await?;
        let pinned: Vec<_> = top.iter().map(|a| a.id).collect();
        top.extend(newest.into_iter().filter(|a| !pinned.contains(&a.id)));
        top.truncate(TOP as usize);
    }
    let mut blocks = Vec::new();
    for category in categories.iter().filter(|c| c.parent_id.is_none()) {
        let articles = store
            .public_articles(
                super::category::filter(categories, category.id),
                PER_BLOCK,
                0,
                now,
            )
            .await?;
        if !articles.is_empty() {
            blocks.push(CategoryBlock {
                name: category.name.clone(),
                url: rotative_core::article::path(&[&category.slug]),
                articles: cards(articles),
                ad_after: String::new(),
            });
        }
    }
    let meta = PageMeta {
        title: None,
        canonical: "/".to_owned(),
        category: None,
    };
    let mut frame = render::frame(&state, meta, &site);
    frame.tags.push(CacheTag::Home);
    let settings = state.settings();
    frame.layout.seo.json_ld = vec![crate::seo::script(&crate::seo::website(&settings))];
    // The same newsroom's sites in other languages (their home pages: articles are not
    // translations of each other).
    if !settings.alternates.is_empty() {
        let mut alternates = vec![(
            settings.locale.code().to_owned(),
            crate::seo::absolute(&settings, "/"),
        )];
        alternates.extend(
            settings
                .alternates
                .iter()
                .map(|(code, url)| (code.clone(), format!("{url}/"))),
        );
        alternates.push(("x-default".to_owned(), crate::seo::absolute(&settings, "/")));
        frame.layout.seo.alternates = alternates;
    }
    let top = cards(top);
    frame.shows(&top);
    for block in &blocks {
        frame.shows(&block.articles);
    }
    // Between blocks: one after every `ads.list_every` articles' worth of blocks.
    let every = usize::try_from(state.settings().ad_list_every / PER_BLOCK)
        .unwrap_or(1)
        .max(1);
    let count = blocks.len();
    for (n, block) in blocks.iter_mut().enumerate() {
        if (n + 1) % every == 0 && n + 1 < count {
            block.ad_after = frame.ad(&state, "between-list-items").unwrap_or_default();
        }
    }
    let mut top = top.into_iter();
    let view = HomeView {
        featured: top.next(),
        top: top.collect(),
        blocks,
    };
    render::page(&state, "home.html", frame, &view)
}
