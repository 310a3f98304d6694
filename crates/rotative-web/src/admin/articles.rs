//! `/admin/articles`: the list, the editor, bulk status changes.
//!
//! Who may do what, checked here on every request: admins and editors act on every
//! article and may sign it for anyone; authors on their own, which they may publish;
//! contributors on their own drafts, which they may not publish.

use super::{MODERATORS, Staff};
use crate::AppState;
use crate::error::{AppError, UserError};
use crate::form::FormData;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use rotative_core::{
    Article, ArticleId, ArticleStatus, Author, Category, CategoryId, Locale, NewArticle, NewTag,
    Role, Slug, UserId,
};
use rotative_store::{ArticleQuery, ArticleRow, StoreError};
use serde::Serialize;
use std::collections::BTreeMap;

/// Articles per page of the list.
const PER_PAGE: u32 = 30;
/// The bulk actions and the status each sets ("trash" is the archived status: off the
/// site, kept, restorable by publishing or drafting it again).
const BULK: [(&str, ArticleStatus); 3] = [
    ("publish", ArticleStatus::Published),
    ("draft", ArticleStatus::Draft),
    ("trash", ArticleStatus::Archived),
];

/// Whether a member may touch an article at all.
pub(crate) fn may_edit(user: &Author, article: &Article) -> bool {
    match user.role {
        Role::Admin | Role::Editor => true,
        Role::Author => article.summary.author.id == user.id,
        Role::Contributor => {
            article.summary.author.id == user.id && article.status == ArticleStatus::Draft
        }
    }
}

/// Whether a member may give an article this status.
fn may_set(user: &Author, status: ArticleStatus) -> bool {
    user.role != Role::Contributor || status == ArticleStatus::Draft
}

/// The article an id names, if this member may edit it (404, 403 otherwise).
pub(crate) async fn editable(
    state: &AppState,
    staff: &Staff,
    id: i64,
) -> Result<Article, AppError> {
    let article = state
        .store()
        .article_by_id(ArticleId(id))
        .await?
        .ok_or_else(AppError::not_found)?;
    if !may_edit(&staff.user, &article) {
        return Err(AppError::User(UserError::Forbidden));
    }
    Ok(article)
}

#[derive(Serialize)]
struct ListView {
    rows: Vec<ArticleRow>,
    status: Option<ArticleStatus>,
    q: String,
    category: Option<i64>,
    categories: Vec<Category>,
    statuses: [ArticleStatus; 4],
    bulk: Vec<&'static str>,
    done: Option<u64>,
    #[serde(flatten)]
    pager: super::Pager,
}

/// `GET /admin/articles?status=&category=&author=&q=&page=`.
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let form = FormData::parse(raw.unwrap_or_default().as_bytes())?;
    let mut query = ArticleQuery {
        status: form.optional("status")?,
        category: form.optional("category")?.map(CategoryId),
        author: form.optional("author")?.map(UserId),
        search: form
            .get("q")
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_owned),
    };
    // Authors and contributors see their own articles only.
    if !MODERATORS.contains(&staff.user.role) {
        query.author = Some(staff.user.id);
    }
    let page = form.page()?;
    let total = state.store().count_admin_articles(&query).await?;
    let rows = state
        .store()
        .admin_articles(&query, PER_PAGE, page.offset(PER_PAGE))
        .await?;
    let page_url = |n: u32| {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(status) = query.status {
            pairs.push(("status", status.as_str().to_owned()));
        }
        if let Some(category) = query.category {
            pairs.push(("category", category.to_string()));
        }
        if let Some(q) = &query.search {
            pairs.push(("q", q.clone()));
        }
        pairs.push(("page", n.to_string()));
        let encoded: Vec<String> = pairs
            .iter()
            .map(|(k, v)| {
                let v =
                    percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC);
                format!("{k}={v}")
            })
            .collect();
        format!("/admin/articles?{}", encoded.join("&"))
    };
    let view = ListView {
        status: query.status,
        q: query.search.clone().unwrap_or_default(),
        category: query.category.map(|c| c.0),
        categories: state.store().categories().await?,
        statuses: ArticleStatus::ALL,
        bulk: BULK
            .iter()
            .filter(|(_, status)| may_set(&staff.user, *status))
            .map(|(name, _)| *name)
            .collect(),
        done: form.get("done").and_then(|d| d.parse().ok()),
        pager: super::Pager::new(page, PER_PAGE, total, page_url),
        rows,
    };
    super::render(
        &state,
        "admin/articles.html",
        "admin-articles-title",
        Some(&staff),
        &view,
    )
}

/// `POST /admin/articles`: a bulk action on the selected `ids`.
pub async fn bulk(
    State(state): State<AppState>,
    staff: Staff,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check(&form)?;
    let bad = || AppError::User(UserError::BadRequest);
    let action = form.text("action");
    let status = BULK
        .iter()
        .find(|(name, _)| *name == action)
        .map(|(_, status)| *status)
        .ok_or_else(bad)?;
    if !may_set(&staff.user, status) {
        return Err(AppError::User(UserError::Forbidden));
    }
    let mut ids = Vec::new();
    for id in form.all("ids") {
        let id: i64 = id.parse().map_err(|_| bad())?;
        ids.push(editable(&state, &staff, id).await?.summary.id);
    }
    let done = crate::content::set_articles_status(&state, &ids, status).await?;
    Ok(super::see_other(&format!("/admin/articles?done={done}")))
}

/// The editor's fields, as typed.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct EditorValues {
    pub title: String,
    pub slug: String,
    pub excerpt: String,
    pub body: String,
    pub category: i64,
    pub tags: String,
    pub featured_image: String,
    pub author: i64,
    pub status: String,
    pub published_at: String,
    pub comments_open: bool,
    /// The article's language code; empty: the site's.
    pub lang: String,
    /// Pinned at the top of the home page.
    pub sticky: bool,
}

#[derive(Serialize)]
struct EditorView {
    id: Option<i64>,
    values: EditorValues,
    errors: BTreeMap<&'static str, &'static str>,
    categories: Vec<Category>,
    authors: Vec<Author>,
    statuses: Vec<&'static str>,
    /// The codes of the languages an article may be marked as written in.
    locales: Vec<&'static str>,
    may_choose_author: bool,
    preview_url: Option<String>,
    public_url: Option<String>,
    saved: bool,
}

impl EditorValues {
    fn of(state: &AppState, article: &Article, tags: &[rotative_core::Tag]) -> Self {
        EditorValues {
            title: article.summary.title.clone(),
            slug: article.summary.slug.clone(),
            excerpt: article.summary.excerpt.clone(),
            body: article.body_markdown.clone(),
            category: article.summary.category.id.0,
            tags: tags
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            featured_image: article.summary.featured_image.clone().unwrap_or_default(),
            author: article.summary.author.id.0,
            status: article.status.as_str().to_owned(),
            published_at: super::local_time(state, article.summary.published_at),
            comments_open: article.comments_open,
            lang: article
                .lang
                .map(|l| l.code().to_owned())
                .unwrap_or_default(),
            sticky: article.sticky,
        }
    }

    fn read(form: &FormData) -> Self {
        let number = |name| form.get(name).and_then(|v| v.parse().ok()).unwrap_or(0);
        EditorValues {
            title: form.text("title"),
            slug: form.text("slug"),
            excerpt: form.text("excerpt"),
            body: form.text("body"),
            category: number("category"),
            tags: form.text("tags"),
            featured_image: form.text("featured_image"),
            author: number("author"),
            status: form.text("status"),
            published_at: form.text("published_at"),
            comments_open: form.get("comments_open").is_some(),
            lang: form.text("lang"),
            sticky: form.get("sticky").is_some(),
        }
    }
}

async fn editor_page(
    state: &AppState,
    staff: &Staff,
    id: Option<ArticleId>,
    values: EditorValues,
    errors: BTreeMap<&'static str, &'static str>,
    saved: bool,
) -> Result<Response, AppError> {
    let store = state.store();
    let may_choose_author = MODERATORS.contains(&staff.user.role);
    let authors = if may_choose_author {
        store.authors().await?
    } else {
        vec![staff.user.clone()]
    };
    let article = match id {
        Some(id) => store.article_by_id(id).await?,
        None => None,
    };
    let view = EditorView {
        id: id.map(|i| i.0),
        preview_url: id.map(|i| format!("/preview/{}", super::preview_token(state, i))),
        public_url: article
            .as_ref()
            .filter(|a| a.is_public(state.clock().now()))
            .map(|a| a.summary.path()),
        categories: store.categories().await?,
        authors,
        statuses: ArticleStatus::ALL
            .iter()
            .filter(|s| may_set(&staff.user, **s))
            .map(|s| s.as_str())
            .collect(),
        locales: Locale::ALL.iter().map(|l| l.code()).collect(),
        may_choose_author,
        values,
        saved,
        errors: errors.clone(),
    };
    super::render_form(
        state,
        "admin/editor.html",
        "admin-editor-title",
        staff,
        &view,
        !errors.is_empty(),
    )
}

/// `GET /admin/articles/new`.
pub async fn new_form(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let values = EditorValues {
        author: staff.user.id.0,
        status: ArticleStatus::Draft.as_str().to_owned(),
        comments_open: true,
        ..EditorValues::default()
    };
    editor_page(&state, &staff, None, values, BTreeMap::new(), false).await
}

/// `GET /admin/articles/{id}`.
pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    crate::extract::Segments(id): crate::extract::Segments<i64>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let article = editable(&state, &staff, id).await?;
    let tags = state.store().article_tags(article.summary.id).await?;
    let values = EditorValues::of(&state, &article, &tags);
    let saved = raw.is_some_and(|q| q.contains("saved=1"));
    editor_page(
        &state,
        &staff,
        Some(article.summary.id),
        values,
        BTreeMap::new(),
        saved,
    )
    .await
}

/// `POST /admin/articles/new`.
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check(&form)?;
    save(&state, &staff, None, form).await
}

/// `POST /admin/articles/{id}`.
pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    crate::extract::Segments(id): crate::extract::Segments<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check(&form)?;
    let article = editable(&state, &staff, id).await?;
    save(&state, &staff, Some(article), form).await
}

async fn save(
    state: &AppState,
    staff: &Staff,
    before: Option<Article>,
    form: FormData,
) -> Result<Response, AppError> {
    let values = EditorValues::read(&form);
    let id = before.as_ref().map(|a| a.summary.id);
    let (article, mut errors) = check(state, staff, &values, before.as_ref()).await?;
    if let Some(article) = article.filter(|_| errors.is_empty()) {
        match crate::content::save_article(state, id, &article, staff.user.id).await {
            Ok(saved) => {
                return Ok(super::see_other(&format!(
                    "/admin/articles/{saved}?saved=1"
                )));
            }
            Err(StoreError::Conflict { field }) if field.contains("slug") => {
                errors.insert("slug", "admin-error-slug-taken");
            }
            Err(error) => return Err(error.into()),
        }
    }
    editor_page(state, staff, id, values, errors, false).await
}

/// Turns the editor's fields into an article, or says what is wrong with each; refuses
/// (403) what the member's role does not allow.
async fn check(
    state: &AppState,
    staff: &Staff,
    values: &EditorValues,
    before: Option<&Article>,
) -> Result<(Option<NewArticle>, BTreeMap<&'static str, &'static str>), AppError> {
    let mut errors = BTreeMap::new();
    let status: ArticleStatus = values
        .status
        .parse()
        .map_err(|_| AppError::User(UserError::BadRequest))?;
    if !may_set(&staff.user, status) {
        return Err(AppError::User(UserError::Forbidden));
    }
    let author = if MODERATORS.contains(&staff.user.role) {
        UserId(values.author)
    } else if values.author == staff.user.id.0 || values.author == 0 {
        staff.user.id
    } else {
        return Err(AppError::User(UserError::Forbidden));
    };
    let title = values.title.trim();
    if title.is_empty() {
        errors.insert("title", "admin-error-title-required");
    } else if title.chars().count() > rotative_core::article::MAX_TITLE_CHARS {
        errors.insert("title", "admin-error-title-too-long");
    }
    let slug = if values.slug.trim().is_empty() {
        Slug::from_title(title).ok()
    } else {
        Slug::parse(values.slug.trim()).ok()
    };
    if slug.is_none() && !title.is_empty() {
        errors.insert("slug", "admin-error-slug-invalid");
    }
    // `/{category}/feed/` is the category's feed.
    let slug = slug.filter(|slug| {
        let reserved = slug.is_reserved_for_articles();
        if reserved {
            errors.insert("slug", "admin-error-slug-reserved");
        }
        !reserved
    });
    let categories = state.store().categories().await?;
    if !categories.iter().any(|c| c.id.0 == values.category) {
        errors.insert("category", "admin-error-category-required");
    }
    if !state
        .store()
        .authors()
        .await?
        .iter()
        .any(|a| a.id == author)
    {
        return Err(AppError::User(UserError::BadRequest));
    }
    let now = state.clock().now();
    let published_at = match values.published_at.trim() {
        "" if status == ArticleStatus::Draft => None,
        "" => Some(before.and_then(|a| a.summary.published_at).unwrap_or(now)),
        text => match super::parse_local_time(state, text) {
            Some(t) => Some(t),
            None => {
                errors.insert("published_at", "admin-error-date-invalid");
                None
            }
        },
    };
    // The time decides between published and scheduled, as newsrooms expect.
    let status = match (status, published_at) {
        (ArticleStatus::Published, Some(at)) if at > now => ArticleStatus::Scheduled,
        (ArticleStatus::Scheduled, Some(at)) if at <= now => ArticleStatus::Published,
        (status, _) => status,
    };
    let names: Vec<&str> = values
        .tags
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let known = state.store().tags_named(&names).await?;
    let mut tags = Vec::new();
    for name in names {
        match known_or_new_tag(&known, name) {
            Some(tag) => tags.push(tag),
            None => {
                errors.insert("tags", "admin-error-tag-invalid");
            }
        }
    }
    let image = values.featured_image.trim();
    let image_ok = image.is_empty()
        || ((image.starts_with('/') && !image.starts_with("//"))
            || image.starts_with("https://")
            || image.starts_with("http://"))
            && !image
                .chars()
                .any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>'));
    if !image_ok {
        errors.insert("featured_image", "admin-error-image-invalid");
    }
    let lang = match values.lang.trim() {
        "" => None,
        code => match code.parse::<Locale>() {
            Ok(locale) => Some(locale),
            Err(_) => {
                errors.insert("lang", "admin-error-lang-invalid");
                None
            }
        },
    };
    let (Some(slug), true) = (slug, errors.is_empty()) else {
        return Ok((None, errors));
    };
    let rendered = rotative_markup::render(&values.body);
    let excerpt = match values.excerpt.trim() {
        "" => rendered.excerpt,
        text => text.to_owned(),
    };
    Ok((
        Some(NewArticle {
            slug,
            title: title.to_owned(),
            excerpt,
            body_markdown: values.body.clone(),
            body_html: rendered.html,
            status,
            published_at: published_at.map(rotative_core::whole_seconds),
            author_id: author,
            category_id: CategoryId(values.category),
            featured_image: (!image.is_empty()).then(|| image.to_owned()),
            tags,
            view_count: before.map_or(0, |a| a.summary.view_count),
            comments_open: values.comments_open,
            lang,
            // Pinning is the editors' call; others keep what the article had.
            sticky: if MODERATORS.contains(&staff.user.role) {
                values.sticky
            } else {
                before.is_some_and(|a| a.sticky)
            },
        }),
        errors,
    ))
}

/// A tag the editor's field names: the existing tag of that name (whatever its slug: one an
/// editor changed, or WordPress's), or a new one with a slug made from the name; `None`
/// when no slug can be made from it.
fn known_or_new_tag(known: &[rotative_core::Tag], name: &str) -> Option<NewTag> {
    match known.iter().find(|t| t.name == name) {
        Some(tag) => NewTag::of(tag).ok(),
        None => NewTag::from_name(name).ok(),
    }
}

/// An article as it is, but for a new title, excerpt and body (autosave, a restored
/// revision).
pub(crate) async fn rewritten(
    state: &AppState,
    article: &Article,
    title: &str,
    excerpt: &str,
    body: &str,
) -> Result<NewArticle, AppError> {
    let tags = state.store().article_tags(article.summary.id).await?;
    let rendered = rotative_markup::render(body);
    Ok(NewArticle {
        slug: Slug::parse(&article.summary.slug)
            .map_err(|_| AppError::User(UserError::BadRequest))?,
        title: title.to_owned(),
        excerpt: if excerpt.trim().is_empty() {
            rendered.excerpt
        } else {
            excerpt.trim().to_owned()
        },
        body_markdown: body.to_owned(),
        body_html: rendered.html,
        status: article.status,
        published_at: article.summary.published_at,
        author_id: article.summary.author.id,
        category_id: article.summary.category.id,
        featured_image: article.summary.featured_image.clone(),
        // The tags it has, as they are: a tag's slug need not be its name's (renamed by an
        // editor, or as WordPress made it).
        tags: tags.iter().filter_map(|t| NewTag::of(t).ok()).collect(),
        view_count: article.summary.view_count,
        comments_open: article.comments_open,
        lang: article.lang,
        sticky: article.sticky,
    })
}

/// `POST /admin/preview`: the Markdown of the editor as HTML, for its live preview.
pub async fn preview_markdown(staff: Staff, form: FormData) -> Result<Response, AppError> {
    staff.check(&form)?;
    let html = rotative_markup::render(&form.text("body")).html;
    Ok(axum::response::IntoResponse::into_response(
        axum::response::Html(html),
    ))
}

/// `POST /admin/articles/{id}/autosave`: keeps what is being typed. A draft is saved in
/// place; a published article only gets a revision, so readers never see half an edit.
pub async fn autosave(
    State(state): State<AppState>,
    staff: Staff,
    crate::extract::Segments(id): crate::extract::Segments<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.check(&form)?;
    let article = editable(&state, &staff, id).await?;
    let (title, body, excerpt) = (form.text("title"), form.text("body"), form.text("excerpt"));
    // What the editor's save refuses is not kept by an autosave either.
    let title_chars = title.trim().chars().count();
    if title_chars == 0 || title_chars > rotative_core::article::MAX_TITLE_CHARS {
        return Err(AppError::User(UserError::BadRequest));
    }
    if article.status == ArticleStatus::Draft {
        let draft = rewritten(&state, &article, title.trim(), &excerpt, &body).await?;
        crate::content::save_article(&state, Some(article.summary.id), &draft, staff.user.id)
            .await?;
    } else {
        state
            .store()
            .add_revision(
                article.summary.id,
                title.trim(),
                &excerpt,
                &body,
                Some(staff.user.id),
                state.clock().now(),
            )
            .await?;
    }
    Ok(axum::response::IntoResponse::into_response(
        StatusCode::NO_CONTENT,
    ))
}
