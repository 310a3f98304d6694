//! What category, tag and author pages share: a paginated list of articles.

use crate::cache::CacheTag;
use crate::error::AppError;
use crate::extract::Segments;
use crate::pagination::{self, PageRoute, QueryPage};
use crate::render::{self, PageMeta};
use crate::{AppState, SiteData};
use axum::extract::State;
use axum::response::Response;
use rotative_core::{CategoryId, Paginated};
use rotative_store::ArticleFilter;
use rotative_theme::views::{Crumb, ListKind, ListView, cards};

/// A kind of list page: finds what a slug names, or answers 404.
pub(crate) trait ListSource {
    /// What the slugs of renamed subjects of this kind are recorded as (`category`, `tag`).
    const RENAMED: Option<&'static str> = None;

    /// The path of the first page of the list of a slug.
    fn base(slug: &str) -> String;

    /// The subject named by `slug`.
    fn resolve(
        state: &AppState,
        slug: &str,
        site: &SiteData,
    ) -> impl Future<Output = Result<Subject, AppError>> + Send;
}

/// The subject named by `slug`, or, for a slug that was renamed, where it went (`Err`
/// holds the new first page's path).
pub(crate) async fn resolve_or_moved<L: ListSource>(
    state: &AppState,
    slug: &str,
    site: &SiteData,
) -> Result<Result<Subject, String>, AppError> {
    match L::resolve(state, slug, site).await {
        Ok(subject) => Ok(Ok(subject)),
        Err(error) if error.is_not_found() => {
            let Some(kind) = L::RENAMED else {
                return Err(error);
            };
            match state.store().renamed(kind, slug).await? {
                Some(now) if now != slug => Ok(Err(L::base(&now))),
                _ => Err(error),
            }
        }
        Err(error) => Err(error),
    }
}

/// The first page of a list (or `?page=N`).
pub(crate) async fn first<L: ListSource>(
    State(state): State<AppState>,
    Segments(slug): Segments<String>,
    QueryPage(page): QueryPage,
) -> Result<Response, AppError> {
    let site = state.site_data().await?;
    match resolve_or_moved::<L>(&state, &slug, &site).await? {
        Ok(subject) => render(&state, subject, PageRoute::Show(page), &site).await,
        Err(moved) => Ok(crate::redirect::permanent(&moved)),
    }
}

/// Page `n` of a list, at `…/page/{n}/`.
pub(crate) async fn paged<L: ListSource>(
    State(state): State<AppState>,
    Segments((slug, n)): Segments<(String, String)>,
) -> Result<Response, AppError> {
    let route = pagination::path_page(&n)?;
    let site = state.site_data().await?;
    match resolve_or_moved::<L>(&state, &slug, &site).await? {
        Ok(subject) => render(&state, subject, route, &site).await,
        Err(moved) => Ok(crate::redirect::permanent(&format!("{moved}page/{n}/"))),
    }
}

/// A slug from a URL, or a 404.
pub(crate) fn slug_or_404(slug: &str) -> Result<rotative_core::Slug, AppError> {
    rotative_core::Slug::parse(slug).map_err(|_| AppError::not_found())
}

/// A heading such as "Mot-clé : Football", from its Fluent key and the name it shows.
pub(crate) fn heading(state: &AppState, key: &str, name: &str) -> String {
    let locale = state.settings().locale;
    state
        .theme()
        .translations()
        .get(locale, key, &[("name", name.into())])
        .into_owned()
}

/// The subject of a list page, resolved from its URL.
pub(crate) struct Subject {
    pub kind: ListKind,
    pub filter: ArticleFilter,
    /// The path of its first page, ending in `/`.
    pub base: String,
    pub heading: String,
    pub description: String,
    /// A picture (an author's).
    pub image: Option<String>,
    /// Steps between Home and the list itself.
    pub ancestors: Vec<Crumb>,
    pub category: Option<CategoryId>,
    /// What the page cache tags the list with.
    pub tag: CacheTag,
}

async fn render(
    state: &AppState,
    subject: Subject,
    route: PageRoute,
    site: &SiteData,
) -> Result<Response, AppError> {
    let page = match route {
        PageRoute::RedirectToFirst => return Ok(crate::redirect::permanent(&subject.base)),
        PageRoute::Show(page) => page,
    };
    let settings = state.settings();
    let per_page = settings.posts_per_page;
    let mut list = Paginated {
        items: Vec::new(),
        page,
        per_page,
        total: state.count_public(subject.filter).await?,
    };
    let links = pagination::links(&subject.base, &list)?;
    list.items = state.list_page(subject.filter, page, per_page).await?;
    let translations = state.theme().translations();
    let title = if page.get() > 1 {
        translations
            .get(
                settings.locale,
                "list-page-title",
                &[
                    ("title", subject.heading.as_str().into()),
                    ("page", i64::from(page.get()).into()),
                ],
            )
            .into_owned()
    } else {
        subject.heading.clone()
    };
    let meta = PageMeta {
        title: Some(title),
        canonical: pagination::canonical(&subject.base, page),
        category: subject.category,
    };
    let mut frame = render::frame(state, meta, site);
    frame.tags.push(subject.tag);
    let mut breadcrumbs = vec![Crumb {
        name: translations.text(settings.locale, "nav-home").into_owned(),
        url: "/".to_owned(),
    }];
    breadcrumbs.extend(subject.ancestors);
    breadcrumbs.push(Crumb {
        name: subject.heading.clone(),
        url: subject.base.clone(),
    });
    let seo = &mut frame.layout.seo;
    if !subject.description.is_empty() {
        seo.description = crate::seo::description(&subject.description);
    }
    seo.json_ld = vec![crate::seo::script(&crate::seo::breadcrumbs(
        &settings,
        &breadcrumbs,
    ))];
    let articles = cards(list.items);
    let every = usize::try_from(settings.ad_list_every)
        .unwrap_or(usize::MAX)
        .max(1);
    // Between items, never after the last one.
    let ads_after = (1..=articles.len())
        .map(|n| {
            (n % every == 0 && n < articles.len())
                .then(|| frame.ad(state, "between-list-items"))
                .flatten()
                .unwrap_or_default()
        })
        .collect();
    let view = ListView {
        kind: subject.kind,
        heading: subject.heading,
        description: subject.description,
        image: subject.image,
        articles,
        ads_after,
        pagination: links,
        breadcrumbs,
        feed: format!("{}feed/", subject.base),
    };
    frame.shows(&view.articles);
    render::page(state, "list.html", frame, &view)
}
