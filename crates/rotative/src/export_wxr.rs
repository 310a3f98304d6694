//! `rotative export wordpress`: the site as WXR 1.2. Articles become posts (their HTML as
//! the content, their Markdown kept in the `_rotative_markdown` post meta so that an import
//! back into Rotative restores it exactly), library images attachments (the featured image
//! as `_thumbnail_id`), comments with their threads and states, members authors.

use crate::export::{Counts, all_media, article_ids};
use chrono::Utc;
use rotative_core::{ArticleStatus, CommentStatus, SiteSettings, Timestamp};
use rotative_store::{CommentQuery, Store};
use rotative_wordpress::{ItemTerm, SiteInfo, WpAuthor, WpComment, WpItem, WpTerm, WxrWriter};
use std::collections::HashMap;
use std::io::Write;

/// Attachments' post ids start here, away from the articles'.
const ATTACHMENT_IDS: i64 = 1_000_000_000;

/// WordPress's date columns: `2025-03-20 10:00:00`.
fn wp_date(at: Timestamp, settings: &SiteSettings) -> (String, String) {
    let format = "%Y-%m-%d %H:%M:%S";
    (
        at.with_timezone(&settings.timezone)
            .format(format)
            .to_string(),
        at.with_timezone(&Utc).format(format).to_string(),
    )
}

fn post_status(status: ArticleStatus) -> &'static str {
    match status {
        ArticleStatus::Published => "publish",
        ArticleStatus::Scheduled => "future",
        ArticleStatus::Draft => "draft",
        ArticleStatus::Archived => "trash",
    }
}

fn comment_state(status: CommentStatus) -> &'static str {
    match status {
        CommentStatus::Approved => "1",
        CommentStatus::Pending => "0",
        CommentStatus::Spam => "spam",
        CommentStatus::Trash => "trash",
    }
}

/// Writes the site as WXR 1.2.
pub(crate) async fn write_all(store: &dyn Store, out: &mut impl Write) -> anyhow::Result<Counts> {
    let stored = store.settings().await?;
    let (settings, _) =
        SiteSettings::from_stored(stored.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let base = settings.base_url.clone();
    let site = SiteInfo {
        wxr_version: "1.2".to_owned(),
        title: settings.name.clone(),
        link: base.clone(),
        description: settings.tagline.clone(),
        language: settings.locale.code().to_owned(),
        base_site_url: base.clone(),
        base_blog_url: base.clone(),
    };
    let mut counts = Counts::default();
    let mut wxr = WxrWriter::start(
        &mut *out,
        &site,
        concat!("Rotative ", env!("CARGO_PKG_VERSION")),
    )?;

    let emails: HashMap<i64, String> = store
        .account_emails()
        .await?
        .into_iter()
        .map(|(id, email)| (id.0, email))
        .collect();
    let authors = store.authors().await?;
    counts.authors = authors.len();
    for author in &authors {
        let mut names = author.display_name.splitn(2, ' ');
        wxr.author(&WpAuthor {
            id: author.id.0.to_string(),
            login: author.slug.clone(),
            email: emails.get(&author.id.0).cloned().unwrap_or_default(),
            display_name: author.display_name.clone(),
            first_name: names.next().unwrap_or_default().to_owned(),
            last_name: names.next().unwrap_or_default().to_owned(),
        })?;
    }
    let categories = store.categories().await?;
    counts.categories = categories.len();
    let slugs: HashMap<i64, String> = categories
        .iter()
        .map(|c| (c.id.0, c.slug.to_string()))
        .collect();
    for category in &categories {
        wxr.term(&WpTerm {
            taxonomy: "category".to_owned(),
            id: category.id.0.to_string(),
            slug: category.slug.to_string(),
            name: category.name.clone(),
            parent: category
                .parent_id
                .and_then(|p| slugs.get(&p.0).cloned())
                .unwrap_or_default(),
            description: category.description.clone(),
        })?;
    }
    let tags = store.tags_with_counts().await?;
    counts.tags = tags.len();
    for (tag, _) in &tags {
        wxr.term(&WpTerm {
            taxonomy: "post_tag".to_owned(),
            id: tag.id.0.to_string(),
            slug: tag.slug.to_string(),
            name: tag.name.clone(),
            ..WpTerm::default()
        })?;
    }

    // Library images as attachments, so featured images and images in texts come along.
    let media = all_media(store).await?;
    let mut attachment_of: HashMap<i64, i64> = HashMap::new();
    for item in media.iter().filter(|m| m.status == "ready") {
        let post_id = ATTACHMENT_IDS + item.id;
        attachment_of.insert(item.id, post_id);
        let url = format!("{base}/media/{}/{}.{}", item.id, item.name, item.ext);
        let (date, date_gmt) = wp_date(item.created_at, &settings);
        let attachment = WpItem {
            id: post_id.to_string(),
            post_type: "attachment".to_owned(),
            title: item.name.clone(),
            link: url.clone(),
            guid: url.clone(),
            excerpt: item.alt.clone(),
            date_gmt: date_gmt.clone(),
            modified_gmt: date_gmt,
            slug: item.name.clone(),
            status: "inherit".to_owned(),
            comment_status: "closed".to_owned(),
            attachment_url: url,
            meta: vec![("_wp_attachment_image_alt".to_owned(), item.alt.clone())],
            ..WpItem::default()
        };
        let pub_date = item.created_at.to_rfc2822();
        wxr.item(&attachment, &pub_date, &date, &date)?;
    }

    for id in article_ids(store).await? {
        let Some(article) = store.article_by_id(id).await? else {
            continue;
        };
        let summary = &article.summary;
        let mut terms = vec![ItemTerm {
            domain: "category".to_owned(),
            slug: summary.category.slug.clone(),
            name: summary.category.name.clone(),
        }];
        terms.extend(store.article_tags(id).await?.into_iter().map(|t| ItemTerm {
            domain: "post_tag".to_owned(),
            slug: t.slug.to_string(),
            name: t.name,
        }));
        let mut meta = vec![(
            "_rotative_markdown".to_owned(),
            article.body_markdown.clone(),
        )];
        let featured = summary
            .featured_image
            .as_deref()
            .and_then(|path| path.strip_prefix("/media/"))
            .and_then(|rest| rest.split('/').next())
            .and_then(|media| media.parse::<i64>().ok())
            .and_then(|media| attachment_of.get(&media));
        if let Some(attachment) = featured {
            meta.push(("_thumbnail_id".to_owned(), attachment.to_string()));
        }
        let comments = store
            .comments(
                &CommentQuery {
                    article: Some(id),
                    ..CommentQuery::default()
                },
                u32::MAX,
                0,
            )
            .await?
            .into_iter()
            .map(|c| {
                let (date, date_gmt) = wp_date(c.comment.created_at, &settings);
                WpComment {
                    id: c.comment.id.0.to_string(),
                    author: c.comment.author_name.clone(),
                    author_email: c.email.clone(),
                    author_url: c.comment.author_url.clone().unwrap_or_default(),
                    author_ip: c.ip.clone(),
                    date_gmt,
                    date,
                    content: c.comment.body.clone(),
                    approved: comment_state(c.comment.status).to_owned(),
                    kind: "comment".to_owned(),
                    parent: c
                        .comment
                        .parent_id
                        .map_or_else(|| "0".to_owned(), |p| p.0.to_string()),
                }
            })
            .collect::<Vec<_>>();
        counts.comments += comments.len() as u64;
        let written = summary.published_at.unwrap_or(article.updated_at);
        let (date, date_gmt) = wp_date(written, &settings);
        let (modified, modified_gmt) = wp_date(article.updated_at, &settings);
        let item = WpItem {
            id: id.0.to_string(),
            post_type: "post".to_owned(),
            title: summary.title.clone(),
            link: format!("{base}{}", summary.path()),
            guid: format!("{base}/?p={}", id.0),
            creator: summary.author.slug.clone(),
            content: article.body_html.clone(),
            excerpt: summary.excerpt.clone(),
            date_gmt: if summary.published_at.is_some() {
                date_gmt
            } else {
                "0000-00-00 00:00:00".to_owned()
            },
            modified_gmt,
            slug: summary.slug.clone(),
            status: post_status(article.status).to_owned(),
            parent: "0".to_owned(),
            comment_status: if article.comments_open {
                "open"
            } else {
                "closed"
            }
            .to_owned(),
            sticky: article.sticky,
            terms,
            meta,
            comments,
            ..WpItem::default()
        };
        wxr.item(&item, &written.to_rfc2822(), &date, &modified)?;
        counts.articles += 1;
    }
    wxr.finish()?;
    Ok(counts)
}
