//! Ad zones: creatives kept in memory, chosen by weight when a page is rendered, counted
//! without a database write per view, and shown so that third-party code cannot reach the
//! page.
//!
//! - Zones are named by the theme ([`ZONES`]); a page asks for a creative per zone while it
//!   is rendered ([`Ads::choose`]), among the active creatives of that zone whose dates
//!   hold and whose categories (if any) include the page's.
//! - Rotation and the page cache: the choice is made at render time and the page is cached
//!   with it, so readers of one page see the same creatives until the cached copy is
//!   rendered again (every `cache.refresh_seconds`, 30 s by default, or when anything it
//!   shows changes): rotation happens per short time window. Every serving of the page,
//!   from the cache or not, counts an impression for each creative on it.
//! - Image creatives are a link to `/go/ad/{id}`, which counts the click and redirects to
//!   the creative's stored address only. Snippets are rendered in an
//!   `<iframe sandbox srcdoc>` without `allow-same-origin`: their code runs in an opaque
//!   origin, away from the page's DOM, cookies and the admin session.

pub mod click;

use crate::AppState;
use crate::comments::text::escape;
use rotative_core::{CategoryId, Timestamp};
use rotative_store::{AdContent, Creative};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

/// The zones of the theme.
pub const ZONES: [&str; 5] = [
    "header",
    "sidebar-left",
    "sidebar-right",
    "in-article",
    "between-list-items",
];

/// The settings key holding `ads.txt`.
pub const ADS_TXT_KEY: &str = "ads.txt";

/// The longest `ads.txt`, in bytes.
pub const MAX_ADS_TXT: usize = 64 * 1024;

/// The creatives, the rotation's randomness, and the counts not yet written.
pub struct Ads {
    creatives: RwLock<Arc<Installed>>,
    ads_txt: RwLock<Arc<str>>,
    rng: Mutex<fastrand::Rng>,
    /// Impressions and clicks per creative since the last flush.
    pending: Mutex<HashMap<i64, (i64, i64)>>,
}

/// The creatives in use, and the HTML made from them so far.
#[derive(Default)]
pub struct Installed {
    creatives: Vec<Creative>,
    /// Each creative's HTML per zone and label, made the first time a page shows it: the
    /// same few are shown on every page. It goes with the creatives it was made from, so a
    /// change of creatives starts afresh.
    made: RwLock<Vec<Made>>,
}

/// A creative's HTML in a zone, under an ad label.
struct Made {
    id: i64,
    zone: String,
    label: String,
    html: Arc<str>,
}

/// The most HTML kept per set of creatives (a creative in each zone, in a few languages).
const MADE_LIMIT: usize = 256;

impl std::ops::Deref for Installed {
    type Target = [Creative];

    fn deref(&self) -> &[Creative] {
        &self.creatives
    }
}

impl Installed {
    /// A creative's HTML in a zone under a label, made once.
    fn html(&self, creative: &Creative, zone: &str, label: &str) -> Arc<str> {
        let known = |made: &Vec<Made>| {
            made.iter()
                .find(|m| m.id == creative.id && m.zone == zone && m.label == label)
                .map(|m| m.html.clone())
        };
        if let Some(html) = known(&self.made.read().unwrap_or_else(|p| p.into_inner())) {
            return html;
        }
        let html: Arc<str> = Arc::from(zone_html(creative, zone, label));
        let mut made = self.made.write().unwrap_or_else(|p| p.into_inner());
        if made.len() < MADE_LIMIT && known(&made).is_none() {
            made.push(Made {
                id: creative.id,
                zone: zone.to_owned(),
                label: label.to_owned(),
                html: html.clone(),
            });
        }
        html
    }
}

impl std::fmt::Debug for Ads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ads")
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// Whether a creative may show in a zone, on a page of these categories (the page's and
/// its parents'), at `now`.
pub fn eligible(
    creative: &Creative,
    zone: &str,
    categories: &[CategoryId],
    now: Timestamp,
) -> bool {
    creative.active
        && creative.zones.iter().any(|z| z == zone)
        && creative.starts_at.is_none_or(|start| start <= now)
        && creative.ends_at.is_none_or(|end| now < end)
        && (creative.categories.is_empty()
            || categories
                .iter()
                .any(|c| creative.categories.contains(&c.0)))
}

/// Picks one of `candidates` with a probability proportional to its weight.
pub fn pick<'a>(candidates: &[&'a Creative], rng: &mut fastrand::Rng) -> Option<&'a Creative> {
    let total: u64 = candidates
        .iter()
        .map(|c| u64::try_from(c.weight).unwrap_or(0))
        .sum();
    if total == 0 {
        return None;
    }
    let mut draw = rng.u64(0..total);
    for candidate in candidates {
        let weight = u64::try_from(candidate.weight).unwrap_or(0);
        if draw < weight {
            return Some(candidate);
        }
        draw -= weight;
    }
    None
}

impl Ads {
    /// No creatives yet; the rotation seeded from `seed` (tests) or at random.
    pub fn new(seed: Option<u64>) -> Self {
        Ads {
            creatives: RwLock::default(),
            ads_txt: RwLock::new(Arc::from("")),
            rng: Mutex::new(seed.map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed)),
            pending: Mutex::default(),
        }
    }

    /// Replaces the creatives and `ads.txt`; returns whether anything changed.
    pub fn install(&self, creatives: Vec<Creative>, ads_txt: &str) -> bool {
        let mut changed = false;
        {
            let mut slot = self.creatives.write().unwrap_or_else(|p| p.into_inner());
            // Counts move all the time; what pages show is the rest.
            let same = slot.creatives.len() == creatives.len()
                && slot.creatives.iter().zip(&creatives).all(|(a, b)| {
                    Creative {
                        impressions: 0,
                        clicks: 0,
                        ..a.clone()
                    } == Creative {
                        impressions: 0,
                        clicks: 0,
                        ..b.clone()
                    }
                });
            if !same {
                *slot = Arc::new(Installed {
                    creatives,
                    made: RwLock::default(),
                });
                changed = true;
            }
        }
        let mut txt = self.ads_txt.write().unwrap_or_else(|p| p.into_inner());
        if &**txt != ads_txt {
            *txt = Arc::from(ads_txt);
            changed = true;
        }
        changed
    }

    /// Every creative.
    pub fn all(&self) -> Arc<Installed> {
        self.creatives
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// `ads.txt` as set in the admin.
    pub fn ads_txt(&self) -> Arc<str> {
        self.ads_txt
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// A creative for a zone on a page of these categories, chosen by weight.
    /// Its id and its HTML in the zone, under `label` (see [`zone_html`]).
    pub fn choose(
        &self,
        zone: &str,
        categories: &[CategoryId],
        now: Timestamp,
        label: &str,
    ) -> Option<(i64, Arc<str>)> {
        let all = self.all();
        let candidates: Vec<&Creative> = all
            .iter()
            .filter(|c| eligible(c, zone, categories, now))
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let creative = pick(&candidates, &mut lock(&self.rng))?;
        Some((creative.id, all.html(creative, zone, label)))
    }

    /// Counts one impression of each creative.
    pub fn impressions(&self, ids: &[i64]) {
        let mut pending = lock(&self.pending);
        for id in ids {
            pending.entry(*id).or_default().0 += 1;
        }
    }

    /// Counts a click.
    pub fn click(&self, id: i64) {
        lock(&self.pending).entry(id).or_default().1 += 1;
    }

    /// Takes the pending `(creative, impressions, clicks)`, leaving none.
    pub fn take(&self) -> Vec<(i64, i64, i64)> {
        let mut counts: Vec<(i64, i64, i64)> = lock(&self.pending)
            .drain()
            .map(|(id, (impressions, clicks))| (id, impressions, clicks))
            .collect();
        counts.sort_unstable();
        counts
    }

    /// Puts counts back after a failed write.
    pub fn restore(&self, counts: &[(i64, i64, i64)]) {
        let mut pending = lock(&self.pending);
        for (id, impressions, clicks) in counts {
            let entry = pending.entry(*id).or_default();
            entry.0 += impressions;
            entry.1 += clicks;
        }
    }
}

/// Reads the creatives and `ads.txt` from the store; returns whether they changed (pages
/// showing ads are then rendered again).
pub async fn reload(state: &AppState) -> Result<bool, rotative_store::StoreError> {
    let creatives = state.store().ad_creatives().await?;
    let ads_txt = state
        .store()
        .settings()
        .await?
        .into_iter()
        .find(|(key, _)| key == ADS_TXT_KEY)
        .map(|(_, value)| value)
        .unwrap_or_default();
    let changed = state.ads().install(creatives, &ads_txt);
    if changed {
        state.cache().clear();
    }
    Ok(changed)
}

/// Writes the pending counts under today's date (the site's); returns how many
/// impressions were written. On failure they are kept for the next pass.
pub async fn flush(state: &AppState) -> anyhow::Result<i64> {
    let counts = state.ads().take();
    if counts.is_empty() {
        return Ok(0);
    }
    let day = state
        .clock()
        .now()
        .with_timezone(&state.settings().timezone)
        .format("%Y-%m-%d")
        .to_string();
    if let Err(error) = state.store().add_ad_counts(&day, &counts).await {
        state.ads().restore(&counts);
        return Err(error.into());
    }
    Ok(counts.iter().map(|(_, n, _)| n).sum())
}

/// The HTML of a creative in a zone.
pub fn zone_html(creative: &Creative, zone: &str, label: &str) -> String {
    let (width, height) = (creative.width, creative.height);
    let inner = match &creative.content {
        AdContent::Image { image, alt, .. } => format!(
            r#"<a href="/go/ad/{id}" rel="sponsored noopener" target="_blank"><img src="{src}" alt="{alt}" width="{width}" height="{height}" loading="lazy"></a>"#,
            id = creative.id,
            src = escape(image),
            alt = escape(alt),
        ),
        AdContent::Snippet { html } => {
            let document = format!(
                "<!doctype html><html><head><meta charset=\"utf-8\"><style>html,body{{margin:0;padding:0;overflow:hidden}}</style></head><body>{html}</body></html>"
            );
            format!(
                r#"<iframe class="ad-frame" title="{label}" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" referrerpolicy="no-referrer" loading="lazy" width="{width}" height="{height}" srcdoc="{doc}"></iframe>"#,
                label = escape(label),
                doc = escape(&document),
            )
        }
    };
    format!(
        r#"<aside class="ad ad-{zone}" data-ad="{id}"><span class="ad-label">{label}</span>{inner}</aside>"#,
        id = creative.id,
        label = escape(label),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creative(id: i64, weight: i64) -> Creative {
        Creative {
            id,
            name: format!("Annonce {id}"),
            content: AdContent::Snippet {
                html: String::new(),
            },
            width: 300,
            height: 250,
            zones: vec!["sidebar-right".to_owned()],
            categories: Vec::new(),
            starts_at: None,
            ends_at: None,
            weight,
            active: true,
            impressions: 0,
            clicks: 0,
        }
    }

    #[test]
    fn rotation_follows_the_weights() {
        let (a, b, c) = (creative(1, 6), creative(2, 3), creative(3, 1));
        let candidates = [&a, &b, &c];
        let mut rng = fastrand::Rng::with_seed(20250320);
        let mut seen = [0_u32; 3];
        for _ in 0..20_000 {
            let chosen = pick(&candidates, &mut rng).expect("one");
            seen[usize::try_from(chosen.id - 1).expect("small")] += 1;
        }
        // Expected 12,000 / 6,000 / 2,000; three standard deviations are under 2%.
        let share = |n: u32| f64::from(n) / 20_000.0;
        assert!((share(seen[0]) - 0.6).abs() < 0.02, "{seen:?}");
        assert!((share(seen[1]) - 0.3).abs() < 0.02, "{seen:?}");
        assert!((share(seen[2]) - 0.1).abs() < 0.02, "{seen:?}");
        assert!(pick(&[], &mut rng).is_none());
    }

    #[test]
    fn a_creatives_html_is_made_once_and_again_when_the_creatives_change() {
        let ads = Ads::new(Some(1));
        let with = |html: &str| Creative {
            content: AdContent::Snippet {
                html: html.to_owned(),
            },
            ..creative(1, 1)
        };
        let now = chrono::DateTime::UNIX_EPOCH;
        let show = |label: &str| {
            ads.choose("sidebar-right", &[], now, label)
                .expect("a creative")
        };
        assert!(ads.install(vec![with("<b>Avant</b>")], ""));
        let (id, first) = show("Publicité");
        assert_eq!(id, 1);
        assert!(first.contains("Avant") && first.contains("Publicité"));
        assert!(Arc::ptr_eq(&first, &show("Publicité").1), "made once");
        let other_label = show("Advertisement").1;
        assert!(other_label.contains("Advertisement") && !other_label.contains("Publicité"));
        // New counts alone change nothing; new content is shown at once.
        assert!(!ads.install(
            vec![Creative {
                impressions: 9,
                ..with("<b>Avant</b>")
            }],
            ""
        ));
        assert!(Arc::ptr_eq(&first, &show("Publicité").1));
        assert!(ads.install(vec![with("<b>Après</b>")], ""));
        let after = show("Publicité").1;
        assert!(after.contains("Après") && !after.contains("Avant"));
        assert!(ads.choose("header", &[], now, "Publicité").is_none());
    }
}
