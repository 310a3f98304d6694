//! Authors, categories and tags: few, written one by one before the posts.

use super::Context;
use anyhow::Context as _;
use rotative_core::{CategoryId, NewAuthor, NewCategory, NewTag, Role, Slug, Timestamp, UserId};
use rotative_wordpress::{WpAuthor, WpTerm};
use std::collections::{HashMap, HashSet};

/// Ids handed out in a dry run, where nothing is created: negative, never a real row's.
fn planned(n: usize) -> i64 {
    -1 - i64::try_from(n).unwrap_or(i64::MAX - 1)
}

/// A WordPress slug as Rotative takes it: WordPress keeps non-Latin slugs percent-encoded
/// (`%d8%a7…`); they are decoded, then written in Latin letters.
pub fn slug_from(wp_slug: &str, fallback: &str) -> Option<Slug> {
    let decoded = percent_encoding::percent_decode_str(wp_slug).decode_utf8_lossy();
    Slug::parse(&decoded)
        .or_else(|_| Slug::from_title(&decoded))
        .or_else(|_| Slug::from_title(fallback))
        .ok()
}

/// `slug-{suffix}`, the slug shortened when needed so that the whole stays a slug.
pub fn with_suffix(slug: &Slug, suffix: &str) -> Slug {
    let room = rotative_core::slug::MAX_LEN.saturating_sub(suffix.len() + 1);
    let base = slug.as_str()[..slug.as_str().len().min(room)].trim_end_matches('-');
    Slug::parse(&format!("{base}-{suffix}")).unwrap_or_else(|_| slug.clone())
}

/// A slug not in `taken` (nor reserved): `slug`, else `slug-2`, `slug-3`… (shortened to
/// stay within a slug's length).
pub fn unique(slug: Slug, taken: &HashSet<String>, reserved: impl Fn(&Slug) -> bool) -> Slug {
    if !taken.contains(slug.as_str()) && !reserved(&slug) {
        return slug;
    }
    (2..100_000)
        .map(|n| with_suffix(&slug, &n.to_string()))
        .find(|s| !taken.contains(s.as_str()) && !reserved(s))
        .unwrap_or(slug)
}

/// The path of an address of the old site (whatever its host: only the path reaches the
/// new site), decoded, with its trailing slash unless it names a file (`post.html`): the
/// key of `legacy_urls`. A query address (`/?p=12`, also under a sub-folder) is keyed by
/// its query.
pub fn legacy_key(link: &str) -> Option<String> {
    let rest = match link.find("://") {
        Some(i) => link[i + 3..].find('/').map_or("/", |p| &link[i + 3 + p..]),
        // `//host/path`, as texts write addresses to be read over either scheme.
        None => match link.strip_prefix("//") {
            Some(after) => after.find('/').map_or("/", |p| &after[p..]),
            None => link,
        },
    };
    let path = rest.split(['#']).next().unwrap_or_default();
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    if !query.is_empty() {
        return Some(format!("?{query}"));
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut key = if decoded.starts_with('/') {
        decoded.into_owned()
    } else {
        format!("/{decoded}")
    };
    if key == "/" {
        return None;
    }
    let last = key.rsplit('/').next().unwrap_or_default();
    if !key.ends_with('/') && !last.contains('.') {
        key.push('/');
    }
    Some(key)
}

/// Who wrote what: WordPress logins to accounts.
pub struct People {
    by_login: HashMap<String, UserId>,
    fallback: Option<UserId>,
}

impl People {
    /// The account of a login, or the one posts without a known author go to.
    pub async fn get(
        &mut self,
        cx: &mut Context,
        login: &str,
        now: Timestamp,
    ) -> anyhow::Result<UserId> {
        if let Some(id) = self.by_login.get(login) {
            return Ok(*id);
        }
        if let Some(id) = self.fallback {
            return Ok(id);
        }
        let existing = cx.store.authors().await?;
        let id = match existing.first() {
            Some(author) => author.id,
            None if cx.dry_run => UserId(planned(0)),
            None => {
                let author = NewAuthor {
                    slug: Slug::parse("redaction").context("the newsroom's slug")?,
                    display_name: cx.settings.name.clone(),
                    email: None,
                    bio: String::new(),
                    role: Role::Author,
                };
                cx.store.create_author(&author, now).await?
            }
        };
        self.fallback = Some(id);
        Ok(id)
    }
}

/// Creates the accounts of the file's authors (without a usable password: `rotative user
/// reset-password` gives one), or links them to the account with the same e-mail address.
pub async fn authors(
    cx: &mut Context,
    authors: &[WpAuthor],
    now: Timestamp,
) -> anyhow::Result<People> {
    let known = super::known_ids(cx, "author").await?;
    let existing = cx.store.authors().await?;
    let live: HashSet<i64> = existing.iter().map(|a| a.id.0).collect();
    let mut slugs: HashSet<String> = existing.iter().map(|a| a.slug.clone()).collect();
    let mut people = People {
        by_login: HashMap::new(),
        fallback: None,
    };
    let mut remembered = Vec::new();
    let mut redirects = Vec::new();
    for author in authors {
        if author.login.is_empty() {
            cx.report.skip("authors without a login");
            continue;
        }
        if let Some(id) = known.get(&author.login).filter(|id| live.contains(id)) {
            people.by_login.insert(author.login.clone(), UserId(*id));
            cx.report.authors.skipped += 1;
            cx.report.skip("authors already imported");
            continue;
        }
        let email = author.email.trim();
        let same_email = if email.is_empty() {
            None
        } else {
            cx.store.account_by_email(email).await?
        };
        let id = if let Some(account) = same_email {
            cx.report.authors.skipped += 1;
            cx.report
                .skip("authors with the e-mail address of an account here (their posts are credited to it)");
            account.user.id
        } else {
            let name = [&author.display_name, &author.login]
                .into_iter()
                .map(|n| n.trim())
                .find(|n| !n.is_empty())
                .unwrap_or("auteur");
            let Some(slug) = slug_from(&author.login, name) else {
                cx.report.skip("authors whose name makes no slug");
                continue;
            };
            let slug = unique(slug, &slugs, |_| false);
            slugs.insert(slug.as_str().to_owned());
            // WordPress's author archives use the "nicename": the login, lowercased, with
            // dots, underscores and the like as hyphens.
            let login = author.login.to_lowercase();
            let nicename: String = login
                .chars()
                .map(|c| {
                    if matches!(c, '.' | '_' | '@' | ' ') {
                        '-'
                    } else {
                        c
                    }
                })
                .collect();
            let path = format!("/author/{}/", slug.as_str());
            for name in [login, nicename] {
                let wp_path = format!("{}/author/{name}/", cx.prefix);
                if wp_path != path {
                    redirects.push((wp_path, path.clone()));
                }
            }
            cx.report.authors.imported += 1;
            if cx.dry_run {
                UserId(planned(people.by_login.len()))
            } else {
                let new = NewAuthor {
                    slug,
                    display_name: name.to_owned(),
                    email: (!email.is_empty()).then(|| email.to_owned()),
                    bio: String::new(),
                    role: Role::Author,
                };
                cx.store
                    .create_author(&new, now)
                    .await
                    .with_context(|| format!("cannot create the account of {:?}", author.login))?
            }
        };
        people.by_login.insert(author.login.clone(), id);
        remembered.push((author.login.clone(), id.0, String::new()));
    }
    if people.fallback.is_none() {
        people.fallback = people.by_login.values().next().copied();
    }
    redirects.sort();
    redirects.dedup();
    cx.report.redirects += redirects.len() as u64;
    if !cx.dry_run {
        cx.store.remember_source_ids("author", &remembered).await?;
        cx.store.add_legacy_paths(&redirects).await?;
    }
    Ok(people)
}

/// Categories and tags, by their WordPress slugs.
pub struct Taxonomy {
    categories: HashMap<String, CategoryId>,
    tags: HashMap<String, NewTag>,
    fallback: Option<CategoryId>,
    pages: Option<CategoryId>,
}

impl Taxonomy {
    /// The category of a WordPress category slug.
    pub fn category(&self, wp_slug: &str) -> Option<CategoryId> {
        self.categories.get(wp_slug).copied()
    }

    /// The tag of a WordPress tag, created with the post when new.
    pub fn tag(&self, wp_slug: &str, name: &str) -> Option<NewTag> {
        self.tags.get(wp_slug).cloned().or_else(|| {
            Some(NewTag {
                slug: slug_from(wp_slug, name)?,
                name: name.trim().to_owned(),
            })
        })
    }

    /// The category of posts filed under none.
    pub async fn fallback(&mut self, cx: &mut Context) -> anyhow::Result<CategoryId> {
        if let Some(id) = self.fallback {
            return Ok(id);
        }
        let id = match self.categories.values().next() {
            Some(id) => *id,
            None => ensure_category(cx, "actualites", "Actualités").await?,
        };
        self.fallback = Some(id);
        Ok(id)
    }

    /// The category WordPress pages are filed under: Rotative has articles only.
    pub async fn pages(&mut self, cx: &mut Context) -> anyhow::Result<CategoryId> {
        if let Some(id) = self.pages {
            return Ok(id);
        }
        let id = ensure_category(cx, "pages", "Pages").await?;
        self.pages = Some(id);
        Ok(id)
    }
}

/// The category with this slug, created when missing.
async fn ensure_category(cx: &mut Context, slug: &str, name: &str) -> anyhow::Result<CategoryId> {
    if let Some(found) = cx
        .store
        .categories()
        .await?
        .into_iter()
        .find(|c| c.slug == slug)
    {
        return Ok(found.id);
    }
    if cx.dry_run {
        return Ok(CategoryId(planned(1000)));
    }
    cx.report.categories.imported += 1;
    Ok(cx
        .store
        .create_category(&NewCategory {
            slug: Slug::parse(slug)?,
            name: name.to_owned(),
            description: String::new(),
            parent_id: None,
            position: 0,
        })
        .await?)
}

/// Creates the file's categories (parents first) and plans its tags.
pub async fn terms(cx: &mut Context, terms: &[WpTerm]) -> anyhow::Result<Taxonomy> {
    let known = super::known_ids(cx, "category").await?;
    let existing = cx.store.categories().await?;
    let by_slug: HashMap<String, CategoryId> =
        existing.iter().map(|c| (c.slug.clone(), c.id)).collect();
    let live: HashSet<i64> = existing.iter().map(|c| c.id.0).collect();
    let mut slugs: HashSet<String> = by_slug.keys().cloned().collect();
    let mut taxonomy = Taxonomy {
        categories: HashMap::new(),
        tags: HashMap::new(),
        fallback: None,
        pages: None,
    };
    let mut redirects = Vec::new();
    let mut remembered = Vec::new();
    let categories: Vec<&WpTerm> = terms.iter().filter(|t| t.taxonomy == "category").collect();
    let wp_parent: HashMap<&str, &str> = categories
        .iter()
        .map(|t| (t.slug.as_str(), t.parent.as_str()))
        .collect();
    // Parents first: each round takes the categories whose parent is done; a parent that
    // never comes (a cycle) leaves the rest at the top level.
    let mut waiting: Vec<WpTerm> = categories.iter().map(|t| (*t).clone()).collect();
    while !waiting.is_empty() {
        let before = waiting.len();
        let mut later = Vec::new();
        for term in waiting {
            let parent_ready = term.parent.is_empty()
                || taxonomy.categories.contains_key(&term.parent)
                || !wp_parent.contains_key(term.parent.as_str());
            if !parent_ready {
                later.push(term);
                continue;
            }
            let known_id = known.get(&term.slug).filter(|id| live.contains(id));
            let (id, slug) = if let Some(id) = known_id {
                cx.report.categories.skipped += 1;
                cx.report.skip("categories already imported");
                let slug = existing
                    .iter()
                    .find(|c| c.id.0 == *id)
                    .map(|c| c.slug.clone())
                    .unwrap_or_default();
                (CategoryId(*id), slug)
            } else {
                let Some(slug) = slug_from(&term.slug, &term.name) else {
                    cx.report.skip("categories whose name makes no slug");
                    continue;
                };
                if let Some(id) = by_slug.get(slug.as_str()) {
                    cx.report.categories.skipped += 1;
                    cx.report
                        .skip("categories with the slug of a category here (merged into it)");
                    (*id, slug.as_str().to_owned())
                } else {
                    let slug = unique(slug, &slugs, Slug::is_reserved);
                    slugs.insert(slug.as_str().to_owned());
                    cx.report.categories.imported += 1;
                    let id = if cx.dry_run {
                        CategoryId(planned(taxonomy.categories.len()))
                    } else {
                        cx.store
                            .create_category(&NewCategory {
                                slug: slug.clone(),
                                name: term.name.trim().to_owned(),
                                description: term.description.trim().to_owned(),
                                parent_id: taxonomy.category(&term.parent),
                                position: 0,
                            })
                            .await
                            .with_context(|| {
                                format!("cannot create the category {:?}", term.name)
                            })?
                    };
                    (id, slug.as_str().to_owned())
                }
            };
            taxonomy.categories.insert(term.slug.clone(), id);
            remembered.push((term.slug.clone(), id.0, String::new()));
            let target = format!("/{slug}/");
            // WordPress's category archives: flat and with their parents in the path.
            let mut chain = vec![term.slug.to_lowercase()];
            let mut up = term.parent.as_str();
            while !up.is_empty() && chain.len() < 10 {
                chain.insert(0, up.to_lowercase());
                up = wp_parent.get(up).copied().unwrap_or_default();
            }
            for wp_path in [
                format!("{}/category/{}/", cx.prefix, term.slug.to_lowercase()),
                format!("{}/category/{}/", cx.prefix, chain.join("/")),
            ] {
                let key = percent_encoding::percent_decode_str(&wp_path)
                    .decode_utf8_lossy()
                    .into_owned();
                redirects.push((key, target.clone()));
            }
            if !term.id.is_empty() {
                redirects.push((format!("?cat={}", term.id), target));
            }
        }
        if later.len() == before {
            for term in &mut later {
                cx.report.warnings.push(format!(
                    "category {:?}: its parent {:?} could not be placed; it is at the top level",
                    term.slug, term.parent
                ));
                term.parent.clear();
            }
        }
        waiting = later;
    }
    redirects.sort();
    redirects.dedup();
    redirects.retain(|(from, to)| from != to);

    for term in terms.iter().filter(|t| t.taxonomy == "post_tag") {
        let Some(slug) = slug_from(&term.slug, &term.name) else {
            cx.report.skip("tags whose name makes no slug");
            continue;
        };
        if cx.store.tag_by_slug(&slug).await?.is_some() {
            cx.report.tags.skipped += 1;
            cx.report.skip("tags already here");
        } else {
            cx.report.tags.imported += 1;
        }
        let wp_path = percent_encoding::percent_decode_str(&format!(
            "{}/tag/{}/",
            cx.prefix,
            term.slug.to_lowercase()
        ))
        .decode_utf8_lossy()
        .into_owned();
        let path = format!("/tag/{}/", slug.as_str());
        if wp_path != path {
            redirects.push((wp_path, path));
        }
        taxonomy.tags.insert(
            term.slug.clone(),
            NewTag {
                slug,
                name: term.name.trim().to_owned(),
            },
        );
    }
    for term in terms
        .iter()
        .filter(|t| t.taxonomy != "post_tag" && t.taxonomy != "category")
    {
        cx.report.unknown("taxonomies", &term.taxonomy, 1);
    }
    cx.report.redirects += redirects.len() as u64;
    if !cx.dry_run {
        cx.store
            .remember_source_ids("category", &remembered)
            .await?;
        cx.store.add_legacy_paths(&redirects).await?;
    }
    Ok(taxonomy)
}
