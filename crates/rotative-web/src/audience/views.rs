//! Counting article views without a database write per request.

use axum::http::{HeaderMap, Method, header};
use rotative_core::ArticleId;
use std::collections::HashMap;
use std::sync::Mutex;

/// Whether the current request counts as a reader's view; set by the cache middleware on
/// the request for the handler to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countable(pub bool);

/// Parts of user agents that announce crawlers, previews and tools rather than readers.
const ROBOTS: &[&str] = &[
    "bot",
    "crawl",
    "spider",
    "slurp",
    "facebookexternalhit",
    "facebookcatalog",
    "embedly",
    "preview",
    "mediapartners",
    "lighthouse",
    "headless",
    "python-requests",
    "curl/",
    "wget/",
    "go-http-client",
    "okhttp",
    "httpclient",
    "feedfetcher",
    "monitor",
    "pingdom",
    "uptime",
    "scrapy",
    "ahrefs",
    "semrush",
    "bingpreview",
    "whatsapp",
    "telegram",
    "discord",
    "skype",
];

/// Whether a request is a reader's view: a `GET` from something that is not an obvious
/// robot (its user agent), and not a prefetch or prerender.
pub fn is_countable(method: &Method, headers: &HeaderMap) -> bool {
    if method != Method::GET {
        return false;
    }
    let prefetch = ["purpose", "sec-purpose", "x-purpose", "x-moz"]
        .iter()
        .any(|name| {
            headers
                .get(*name)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| {
                    let v = v.to_ascii_lowercase();
                    v.contains("prefetch") || v.contains("preview") || v.contains("prerender")
                })
        });
    if prefetch {
        return false;
    }
    let Some(agent) = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let agent = agent.to_ascii_lowercase();
    !agent.is_empty() && !ROBOTS.iter().any(|robot| agent.contains(robot))
}

/// Shards of the view counter: readers of different articles rarely wait on one lock.
const SHARDS: usize = 16;

/// Views counted since the last flush.
#[derive(Debug, Default)]
pub struct ViewCounter {
    pending: [Mutex<HashMap<ArticleId, i64>>; SHARDS],
}

impl ViewCounter {
    fn shard(&self, article: ArticleId) -> std::sync::MutexGuard<'_, HashMap<ArticleId, i64>> {
        let index = usize::try_from(article.0.rem_euclid(SHARDS as i64)).unwrap_or(0);
        self.pending[index]
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    /// Counts one view.
    pub fn record(&self, article: ArticleId) {
        *self.shard(article).entry(article).or_default() += 1;
    }

    /// Views of an article not written to the database yet.
    pub fn pending(&self, article: ArticleId) -> i64 {
        self.shard(article)
            .get(&article)
            .copied()
            .unwrap_or_default()
    }

    /// Takes every pending count, leaving none.
    pub fn take(&self) -> Vec<(ArticleId, i64)> {
        let mut counts: Vec<(ArticleId, i64)> = self
            .pending
            .iter()
            .flat_map(|shard| {
                shard
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .drain()
                    .collect::<Vec<_>>()
            })
            .collect();
        counts.sort_unstable();
        counts
    }

    /// Puts counts back after a failed write, so no view is lost.
    pub fn restore(&self, counts: &[(ArticleId, i64)]) {
        for (article, views) in counts {
            *self.shard(*article).entry(*article).or_default() += views;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    const BROWSER: &str =
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36";

    #[test]
    fn readers_count_robots_and_prefetches_do_not() {
        assert!(is_countable(
            &Method::GET,
            &headers(&[("user-agent", BROWSER)])
        ));
        assert!(!is_countable(
            &Method::HEAD,
            &headers(&[("user-agent", BROWSER)])
        ));
        assert!(!is_countable(&Method::GET, &headers(&[])));
        for robot in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "facebookexternalhit/1.1",
            "curl/8.5.0",
            "Mozilla/5.0 (compatible; bingbot/2.0)",
        ] {
            let mut map = HeaderMap::new();
            map.insert("user-agent", HeaderValue::from_static(robot));
            assert!(!is_countable(&Method::GET, &map), "{robot}");
        }
        let prefetch = headers(&[
            ("user-agent", BROWSER),
            ("sec-purpose", "prefetch;prerender"),
        ]);
        assert!(!is_countable(&Method::GET, &prefetch));
    }

    #[test]
    fn counts_accumulate_until_taken_and_survive_a_failed_write() {
        let counter = ViewCounter::default();
        counter.record(ArticleId(1));
        counter.record(ArticleId(1));
        counter.record(ArticleId(2));
        assert_eq!(counter.pending(ArticleId(1)), 2);
        let taken = counter.take();
        assert_eq!(taken, vec![(ArticleId(1), 2), (ArticleId(2), 1)]);
        assert_eq!(counter.pending(ArticleId(1)), 0);
        counter.record(ArticleId(1));
        counter.restore(&taken);
        assert_eq!(counter.pending(ArticleId(1)), 3);
    }
}
