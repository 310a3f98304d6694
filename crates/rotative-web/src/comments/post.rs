//! `POST /{category}/{slug}/`: a reader's comment.
//!
//! The order of checks: the article (404), closed comments (403), the rate limit (429),
//! the fields (the page again, 422, with what was typed and each problem next to its
//! field), the form's token (expired: the page again), the reply's target (400). Then the
//! spam checks, silent to the sender: honeypot, too fast, block list: stored as spam,
//! answered like a comment waiting for moderation, and logged.

use super::text::count_links;
use super::{CommentOptions, Moderation, REMEMBER_COOKIE, TokenCheck};
use crate::AppState;
use crate::error::{AppError, UserError};
use crate::extract::Segments;
use crate::form::{ClientIp, FormData, ReaderForm};
use crate::public::article::{self, FormState, Found};
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rotative_core::{Article, CommentId, CommentInput, CommentStatus, NewComment, ValidComment};
use rotative_store::BlockKind;

/// The hidden field robots fill in.
pub const HONEYPOT: &str = "website_confirmation";

/// Receives the comment form.
pub async fn post(
    State(state): State<AppState>,
    Segments((category_slug, slug)): Segments<(String, String)>,
    ClientIp(ip): ClientIp,
    ReaderForm(form): ReaderForm,
) -> Result<Response, AppError> {
    let article = match article::find(&state, state.store(), &category_slug, &slug).await? {
        Found::Article(article) => article,
        Found::Moved(_) => return Err(AppError::not_found()),
    };
    let now = state.clock().now();
    let options = &state.comment_options();
    if !super::open(&state, &article, now) {
        return Err(AppError::User(UserError::CommentsClosed));
    }
    let since = now - chrono::Duration::from_std(options.rate_window).unwrap_or_default();
    let recent = state.store().comments_from_ip_since(&ip, since).await?;
    if recent >= u64::from(options.rate_limit) {
        tracing::info!(%ip, recent, "comment refused: rate limit");
        return Err(AppError::User(UserError::TooManyRequests));
    }
    let input = CommentInput {
        body: form.text("comment"),
        name: form.text("author"),
        email: form.text("email"),
        url: form.text("url"),
    };
    let reply_to = match form
        .get("comment_parent")
        .filter(|v| !v.is_empty() && *v != "0")
    {
        Some(value) => Some(CommentId(
            value
                .parse()
                .map_err(|_| AppError::User(UserError::BadRequest))?,
        )),
        None => None,
    };
    let remember = options.remember_cookie && form.get("remember").is_some();
    let mut again = FormState {
        values: input.clone(),
        reply_to,
        remember_checked: remember,
        ..FormState::default()
    };
    let fields = match input.validate(options.limits) {
        Ok(fields) => fields,
        Err(problems) => {
            for (field, problem) in problems {
                again.errors.insert(
                    super::field_name(field).to_owned(),
                    super::field_message(field, problem, options.limits),
                );
            }
            again.general_error = Some("comments-error-summary");
            return show_again(&state, article, again).await;
        }
    };
    let token = super::check_token(
        &state,
        article.summary.id,
        &form.text("token"),
        ip.parse().ok(),
        now,
    );
    if token == TokenCheck::Invalid {
        again.general_error = Some("comments-error-expired");
        return show_again(&state, article, again).await;
    }
    let parent = match reply_to {
        Some(id) => Some(parent(&state, &article, id, options).await?),
        None => None,
    };
    let spam = spam_reason(&state, &form, token, &fields, &ip).await?;
    let status = match spam {
        Some(reason) => {
            tracing::info!(%ip, reason, article_id = %article.summary.id, "comment held as spam");
            CommentStatus::Spam
        }
        None => first_status(&state, &fields, options).await?,
    };
    let comment = NewComment {
        article_id: article.summary.id,
        parent,
        fields,
        status,
        ip,
    };
    let id = crate::content::add_comment(&state, &comment).await?;
    let url = article.summary.path();
    let location = if status == CommentStatus::Approved {
        format!("{url}#comment-{id}")
    } else {
        format!("{url}?held={}#comment-{id}", super::held_token(&state, id))
    };
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    if options.remember_cookie {
        let cookie = remember_cookie(&state, remember.then_some(&comment.fields));
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}

/// The article's page again, with the form as sent and its problems (422).
async fn show_again(
    state: &AppState,
    article: Box<Article>,
    form: FormState,
) -> Result<Response, AppError> {
    let mut response = article::render(state, state.store(), article, form, None).await?;
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response)
}

/// The comment answered, and its depth: it must be an approved comment of this article,
/// shallow enough to be answered.
async fn parent(
    state: &AppState,
    article: &Article,
    id: CommentId,
    options: &CommentOptions,
) -> Result<(CommentId, i64), AppError> {
    let parent = state
        .store()
        .comment(id)
        .await?
        .filter(|c| c.article_id == article.summary.id && c.status == CommentStatus::Approved)
        .filter(|c| c.depth + 1 < i64::from(options.thread_depth))
        .ok_or(AppError::User(UserError::BadRequest))?;
    Ok((parent.id, parent.depth))
}

/// Why a comment is spam, if it is.
async fn spam_reason(
    state: &AppState,
    form: &FormData,
    token: TokenCheck,
    fields: &ValidComment,
    ip: &str,
) -> Result<Option<&'static str>, AppError> {
    if form.get(HONEYPOT).is_some_and(|v| !v.is_empty()) {
        return Ok(Some("honeypot"));
    }
    if token == TokenCheck::TooFast {
        return Ok(Some("sent too fast"));
    }
    let blocks = state.store().blocks().await?;
    let text = format!(
        "{}\n{}\n{}\n{}",
        fields.body,
        fields.name,
        fields.email,
        fields.url.as_deref().unwrap_or_default()
    )
    .to_lowercase();
    for block in &blocks {
        let hit = match block.kind {
            BlockKind::Ip => block.value == ip,
            BlockKind::Email => block.value == fields.email,
            BlockKind::Word => !block.value.is_empty() && text.contains(&block.value),
        };
        if hit {
            return Ok(Some(match block.kind {
                BlockKind::Ip => "blocked address",
                BlockKind::Email => "blocked e-mail",
                BlockKind::Word => "blocked word",
            }));
        }
    }
    Ok(None)
}

/// Approved, or waiting for a moderator, as the site's policy says.
async fn first_status(
    state: &AppState,
    fields: &ValidComment,
    options: &CommentOptions,
) -> Result<CommentStatus, AppError> {
    if count_links(&fields.body) > options.max_links {
        return Ok(CommentStatus::Pending);
    }
    let approved = match options.moderation {
        Moderation::None => true,
        Moderation::Known => {
            !fields.email.is_empty() && state.store().has_approved_comment(&fields.email).await?
        }
        Moderation::All => false,
    };
    Ok(if approved {
        CommentStatus::Approved
    } else {
        CommentStatus::Pending
    })
}

/// The cookie remembering a commenter's name, e-mail and website for a year (read back by
/// the page's script), or clearing it when they did not ask.
fn remember_cookie(state: &AppState, fields: Option<&ValidComment>) -> String {
    let secure = state.settings().base_url.starts_with("https://");
    let value = fields.map(|f| {
        url_encoded_pairs(&[
            ("name", f.name.as_str()),
            ("email", f.email.as_str()),
            ("url", f.url.as_deref().unwrap_or_default()),
        ])
    });
    let mut cookie = cookie::Cookie::build((REMEMBER_COOKIE, value.clone().unwrap_or_default()))
        .path("/")
        .same_site(cookie::SameSite::Lax)
        .secure(secure);
    cookie = match value {
        Some(_) => cookie.max_age(cookie::time::Duration::days(365)),
        None => cookie.max_age(cookie::time::Duration::ZERO),
    };
    cookie.build().to_string()
}

/// `name=value&…`, url-encoded: what the page's script splits back.
fn url_encoded_pairs(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| {
            format!(
                "{name}={}",
                percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}
