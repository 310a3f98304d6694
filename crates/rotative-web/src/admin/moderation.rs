//! `/admin/comments`: every comment of the site, by state, article or text; one action or
//! a bulk action on a selection; bans; replies.

use super::{MODERATORS, Staff};
use crate::AppState;
use crate::comments::text;
use crate::error::{AppError, UserError};
use crate::form::{ClientIp, FormData};
use axum::extract::{RawQuery, State};
use axum::response::Response;
use rotative_core::{
    ArticleId, CommentId, CommentInput, CommentLimits, CommentStatus, NewComment, PageNumber,
    Timestamp,
};
use rotative_store::{Block, BlockKind, CommentQuery, ModeratedComment};
use serde::Serialize;

/// Comments per page.
const PER_PAGE: u32 = 50;

/// What moderators can do to comments.
const ACTIONS: [&str; 7] = [
    "approve",
    "unapprove",
    "spam",
    "trash",
    "delete",
    "ban-email",
    "ban-ip",
];

/// `GET /admin/`.
pub async fn home(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    if staff.require(MODERATORS).is_ok() {
        return Ok(super::see_other("/admin/comments"));
    }
    super::render(&state, "admin/home.html", "admin-title", Some(&staff), &())
}

/// The list's filters, read from a query string.
#[derive(Debug)]
struct Filters {
    query: CommentQuery,
    page: PageNumber,
}

impl Filters {
    fn parse(raw: &str) -> Result<Self, AppError> {
        let form = FormData::parse(raw.as_bytes())?;
        let status = form.optional("status")?;
        let article = form.optional("article")?.map(ArticleId);
        let page = form.page()?;
        let search = form.get("q").map(str::trim).filter(|s| !s.is_empty());
        Ok(Filters {
            query: CommentQuery {
                status,
                article,
                search: search.map(str::to_owned),
            },
            page,
        })
    }

    /// The query string of these filters, with another status and page.
    fn to_query(&self, status: Option<CommentStatus>, page: u32) -> String {
        let mut pairs = Vec::new();
        if let Some(status) = status {
            pairs.push(format!("status={status}"));
        }
        if let Some(article) = self.query.article {
            pairs.push(format!("article={article}"));
        }
        if let Some(q) = &self.query.search {
            let q = percent_encoding::utf8_percent_encode(q, percent_encoding::NON_ALPHANUMERIC);
            pairs.push(format!("q={q}"));
        }
        if page > 1 {
            pairs.push(format!("page={page}"));
        }
        pairs.join("&")
    }
}

#[derive(Serialize)]
struct Tab {
    key: &'static str,
    url: String,
    count: u64,
    current: bool,
}

#[derive(Serialize)]
struct Row {
    id: i64,
    author_name: String,
    author_url: Option<String>,
    email: String,
    ip: String,
    html: String,
    status: CommentStatus,
    created_at: Timestamp,
    article_id: i64,
    article_title: String,
    article_path: String,
}

impl From<ModeratedComment> for Row {
    fn from(m: ModeratedComment) -> Self {
        Row {
            id: m.comment.id.0,
            html: text::to_html(&m.comment.body),
            author_name: m.comment.author_name,
            author_url: m.comment.author_url,
            email: m.email,
            ip: m.ip,
            status: m.comment.status,
            created_at: m.comment.created_at,
            article_id: m.comment.article_id.0,
            article_title: m.article_title,
            article_path: m.article_path,
        }
    }
}

#[derive(Serialize)]
struct ListView {
    tabs: Vec<Tab>,
    status: Option<CommentStatus>,
    article: Option<i64>,
    q: String,
    comments: Vec<Row>,
    actions: [&'static str; 7],
    return_query: String,
    done: Option<u64>,
    #[serde(flatten)]
    pager: super::Pager,
}

/// `GET /admin/comments?status=&article=&q=&page=`.
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    let raw = raw.unwrap_or_default();
    let filters = Filters::parse(&raw)?;
    let done = FormData::parse(raw.as_bytes())?
        .get("done")
        .and_then(|d| d.parse().ok());
    let store = state.store();
    let counts = store.count_comments(&filters.query).await?;
    let count_of = |status: Option<CommentStatus>| -> u64 {
        counts
            .iter()
            .filter(|(s, _)| status.is_none_or(|wanted| *s == wanted))
            .map(|(_, n)| n)
            .sum()
    };
    let current = filters.query.status;
    let mut tabs = vec![Tab {
        key: "admin-status-all",
        url: format!("/admin/comments?{}", filters.to_query(None, 1)),
        count: count_of(None),
        current: current.is_none(),
    }];
    for status in CommentStatus::ALL {
        tabs.push(Tab {
            key: match status {
                CommentStatus::Pending => "admin-status-pending",
                CommentStatus::Approved => "admin-status-approved",
                CommentStatus::Spam => "admin-status-spam",
                CommentStatus::Trash => "admin-status-trash",
            },
            url: format!("/admin/comments?{}", filters.to_query(Some(status), 1)),
            count: count_of(Some(status)),
            current: current == Some(status),
        });
    }
    let total = count_of(current);
    let rows = store
        .comments(&filters.query, PER_PAGE, filters.page.offset(PER_PAGE))
        .await?;
    let page_url = |page: u32| format!("/admin/comments?{}", filters.to_query(current, page));
    let view = ListView {
        tabs,
        status: current,
        article: filters.query.article.map(|a| a.0),
        q: filters.query.search.clone().unwrap_or_default(),
        comments: rows.into_iter().map(Row::from).collect(),
        actions: ACTIONS,
        return_query: filters.to_query(current, filters.page.get()),
        done,
        pager: super::Pager::new(filters.page, PER_PAGE, total, page_url),
    };
    super::render(
        &state,
        "admin/comments.html",
        "admin-comments-title",
        Some(&staff),
        &view,
    )
}

/// `POST /admin/comments`: `one=ACTION:ID` (a row's button), or `action` on every `ids`.
pub async fn act(
    State(state): State<AppState>,
    staff: Staff,
    form: FormData,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    staff.check(&form)?;
    let bad = || AppError::User(UserError::BadRequest);
    let (action, ids) = match form.get("one") {
        Some(one) => {
            let (action, id) = one.split_once(':').ok_or_else(bad)?;
            (
                action.to_owned(),
                vec![CommentId(id.parse().map_err(|_| bad())?)],
            )
        }
        None => {
            let ids = form
                .all("ids")
                .map(|id| id.parse().map(CommentId).map_err(|_| bad()))
                .collect::<Result<Vec<_>, _>>()?;
            (form.text("action"), ids)
        }
    };
    let done = apply(&state, &action, &ids).await?;
    back_to_list(&form, done)
}

/// Applies an action; returns how many comments it concerned.
async fn apply(state: &AppState, action: &str, ids: &[CommentId]) -> Result<usize, AppError> {
    use crate::content::{delete_comments, set_comment_status};
    let status = match action {
        "approve" => Some(CommentStatus::Approved),
        "unapprove" => Some(CommentStatus::Pending),
        "spam" | "ban-email" | "ban-ip" => Some(CommentStatus::Spam),
        "trash" => Some(CommentStatus::Trash),
        "delete" => None,
        _ => return Err(AppError::User(UserError::BadRequest)),
    };
    if action.starts_with("ban-") {
        let now = state.clock().now();
        for id in ids {
            let Some(comment) = state.store().comment(*id).await? else {
                continue;
            };
            let block = if action == "ban-email" {
                Block {
                    kind: BlockKind::Email,
                    value: comment.author_email,
                }
            } else {
                Block {
                    kind: BlockKind::Ip,
                    value: comment.ip,
                }
            };
            if !block.value.is_empty() {
                tracing::info!(kind = block.kind.as_str(), "moderator banned a sender");
                state.store().add_block(&block, now).await?;
            }
        }
    }
    match status {
        Some(status) => set_comment_status(state, ids, status).await?,
        None => delete_comments(state, ids).await?,
    };
    Ok(ids.len())
}

/// `POST /admin/comments/{id}/reply`: an approved reply signed with the site's name; the
/// comment answered is approved with it.
pub async fn reply(
    State(state): State<AppState>,
    staff: Staff,
    ClientIp(ip): ClientIp,
    crate::extract::Segments(id): crate::extract::Segments<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    staff.check(&form)?;
    let options = &state.comment_options();
    let parent = state
        .store()
        .comment(CommentId(id))
        .await?
        .ok_or_else(AppError::not_found)?;
    if parent.depth + 1 >= i64::from(options.thread_depth) {
        return Err(AppError::User(UserError::BadRequest));
    }
    let input = CommentInput {
        body: form.text("comment"),
        name: state.settings().name.clone(),
        email: String::new(),
        url: String::new(),
    };
    let limits = CommentLimits {
        require_email: false,
        ..options.limits
    };
    let fields = input
        .validate(limits)
        .map_err(|_| AppError::User(UserError::BadRequest))?;
    if parent.status != CommentStatus::Approved {
        crate::content::set_comment_status(&state, &[parent.id], CommentStatus::Approved).await?;
    }
    let comment = NewComment {
        article_id: parent.article_id,
        parent: Some((parent.id, parent.depth)),
        fields,
        status: CommentStatus::Approved,
        ip,
    };
    crate::content::add_comment(&state, &comment).await?;
    back_to_list(&form, 1)
}

/// Back to the list the form was sent from (its `return` filters), saying how many
/// comments changed.
fn back_to_list(form: &FormData, done: usize) -> Result<Response, AppError> {
    let back = Filters::parse(&form.text("return"))?;
    let query = back.to_query(back.query.status, back.page.get());
    let separator = if query.is_empty() { "" } else { "&" };
    Ok(super::see_other(&format!(
        "/admin/comments?{query}{separator}done={done}"
    )))
}
