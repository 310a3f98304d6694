//! `/admin/ads` (editors, admins): the zones and their creatives, `ads.txt`, and the report
//! of impressions and clicks per creative and day, with its CSV export.

use super::{MODERATORS, Staff};
use crate::AppState;
use crate::ads::{ADS_TXT_KEY, MAX_ADS_TXT, ZONES};
use crate::error::{AppError, UserError};
use crate::form::FormData;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rotative_store::{AdContent, AdDay, Creative, NewCreative};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The longest name and text alternative.
const MAX_NAME_CHARS: usize = 100;
/// The longest snippet.
const MAX_SNIPPET_CHARS: usize = 20_000;
/// The largest side of a creative, in pixels.
const MAX_SIDE: i64 = 2000;
/// The longest report, in days.
const MAX_REPORT_DAYS: i64 = 366;

#[derive(Serialize)]
struct ZoneView {
    name: &'static str,
    active: usize,
}

#[derive(Serialize)]
struct AdsView {
    zones: Vec<ZoneView>,
    creatives: Vec<CreativeRow>,
    ads_txt: String,
    saved: bool,
}

#[derive(Serialize)]
struct CreativeRow {
    id: i64,
    name: String,
    kind: &'static str,
    zones: String,
    weight: i64,
    active: bool,
    starts_at: String,
    ends_at: String,
    impressions: i64,
    clicks: i64,
    ctr: String,
}

/// Clicks per impression, as a percentage with two decimals.
fn ctr(impressions: i64, clicks: i64) -> String {
    ctr_percent(impressions, clicks).map_or_else(|| "–".to_owned(), |ratio| format!("{ratio} %"))
}

/// Clicks per impression as a percentage with two decimals (`50.00`); none without
/// impressions.
fn ctr_percent(impressions: i64, clicks: i64) -> Option<String> {
    if impressions <= 0 {
        return None;
    }
    // Counts stay far below 2^52: the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    let ratio = clicks as f64 * 100.0 / impressions as f64;
    Some(format!("{ratio:.2}"))
}

/// `GET /admin/ads`.
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    let creatives = state.store().ad_creatives().await?;
    let now = state.clock().now();
    let zones = ZONES
        .iter()
        .map(|zone| ZoneView {
            name: zone,
            active: creatives
                .iter()
                .filter(|c| {
                    c.active
                        && c.zones.iter().any(|z| z == zone)
                        && c.ends_at.is_none_or(|end| now < end)
                })
                .count(),
        })
        .collect();
    let creatives = creatives
        .iter()
        .map(|c| CreativeRow {
            id: c.id,
            name: c.name.clone(),
            kind: kind_of(&c.content),
            zones: c.zones.join(", "),
            weight: c.weight,
            active: c.active,
            starts_at: super::local_time(&state, c.starts_at),
            ends_at: super::local_time(&state, c.ends_at),
            impressions: c.impressions,
            clicks: c.clicks,
            ctr: ctr(c.impressions, c.clicks),
        })
        .collect();
    let view = AdsView {
        zones,
        creatives,
        ads_txt: state.ads().ads_txt().to_string(),
        saved: raw.is_some_and(|q| q.contains("saved=1")),
    };
    super::render(
        &state,
        "admin/ads.html",
        "admin-ads-title",
        Some(&staff),
        &view,
    )
}

fn kind_of(content: &AdContent) -> &'static str {
    match content {
        AdContent::Image { .. } => "image",
        AdContent::Snippet { .. } => "snippet",
    }
}

/// What the creative form shows.
#[derive(Serialize, Default)]
struct CreativeForm {
    id: Option<i64>,
    name: String,
    kind: String,
    image: String,
    link: String,
    alt: String,
    snippet: String,
    width: String,
    height: String,
    zones: Vec<String>,
    categories: Vec<i64>,
    starts_at: String,
    ends_at: String,
    weight: String,
    active: bool,
}

#[derive(Serialize)]
struct CreativeView {
    values: CreativeForm,
    errors: BTreeMap<&'static str, &'static str>,
    zones: [&'static str; 5],
    categories: Vec<(i64, String)>,
}

async fn creative_page(
    state: &AppState,
    staff: &Staff,
    values: CreativeForm,
    errors: BTreeMap<&'static str, &'static str>,
) -> Result<Response, AppError> {
    let categories = state
        .site_data()
        .await?
        .categories
        .iter()
        .map(|c| (c.id.0, c.name.clone()))
        .collect();
    let failed = !errors.is_empty();
    let view = CreativeView {
        values,
        errors,
        zones: ZONES,
        categories,
    };
    super::render_form(
        state,
        "admin/ad.html",
        "admin-ad-title",
        staff,
        &view,
        failed,
    )
}

/// `GET /admin/ads/new`.
pub async fn new(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    let values = CreativeForm {
        kind: "image".to_owned(),
        weight: "1".to_owned(),
        active: true,
        ..CreativeForm::default()
    };
    creative_page(&state, &staff, values, BTreeMap::new()).await
}

/// `GET /admin/ads/{id}`.
pub async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    crate::extract::Segments(id): crate::extract::Segments<i64>,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    let creative = state
        .store()
        .ad_creative(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let values = form_of(&state, &creative);
    creative_page(&state, &staff, values, BTreeMap::new()).await
}

fn form_of(state: &AppState, c: &Creative) -> CreativeForm {
    let mut form = CreativeForm {
        id: Some(c.id),
        name: c.name.clone(),
        kind: kind_of(&c.content).to_owned(),
        width: c.width.to_string(),
        height: c.height.to_string(),
        zones: c.zones.clone(),
        categories: c.categories.clone(),
        starts_at: super::local_time(state, c.starts_at),
        ends_at: super::local_time(state, c.ends_at),
        weight: c.weight.to_string(),
        active: c.active,
        ..CreativeForm::default()
    };
    match &c.content {
        AdContent::Image { image, link, alt } => {
            form.image.clone_from(image);
            form.link.clone_from(link);
            form.alt.clone_from(alt);
        }
        AdContent::Snippet { html } => form.snippet.clone_from(html),
    }
    form
}

/// Reads and checks the creative form: the creative, or the form with its problems.
async fn read_form(
    state: &AppState,
    form: &FormData,
    id: Option<i64>,
) -> Result<Result<NewCreative, (CreativeForm, BTreeMap<&'static str, &'static str>)>, AppError> {
    let values = CreativeForm {
        id,
        name: form.text("name").trim().to_owned(),
        kind: form.text("kind"),
        image: form.text("image").trim().to_owned(),
        link: form.text("link").trim().to_owned(),
        alt: form.text("alt").trim().to_owned(),
        snippet: form.text("snippet").replace("\r\n", "\n"),
        width: form.text("width").trim().to_owned(),
        height: form.text("height").trim().to_owned(),
        zones: form.all("zones").map(str::to_owned).collect(),
        categories: form
            .all("categories")
            .filter_map(|c| c.parse().ok())
            .collect(),
        starts_at: form.text("starts_at").trim().to_owned(),
        ends_at: form.text("ends_at").trim().to_owned(),
        weight: form.text("weight").trim().to_owned(),
        active: form.get("active").is_some(),
    };
    let mut errors = BTreeMap::new();
    let line_ok = |text: &str, max: usize| {
        !text.is_empty() && text.chars().count() <= max && !text.chars().any(char::is_control)
    };
    if !line_ok(&values.name, MAX_NAME_CHARS) {
        errors.insert("name", "admin-error-name-invalid");
    }
    let content = match values.kind.as_str() {
        "image" => {
            if !crate::media::is_library_image(state, &values.image).await? {
                errors.insert("image", "admin-error-ad-image");
            }
            let link_ok = (values.link.starts_with("https://")
                || values.link.starts_with("http://"))
                && url::Url::parse(&values.link).is_ok()
                && line_ok(&values.link, 2000);
            if !link_ok {
                errors.insert("link", "admin-error-ad-link");
            }
            if !line_ok(&values.alt, MAX_NAME_CHARS) {
                errors.insert("alt", "admin-error-ad-alt");
            }
            AdContent::Image {
                image: values.image.clone(),
                link: values.link.clone(),
                alt: values.alt.clone(),
            }
        }
        "snippet" => {
            let snippet = values.snippet.trim();
            if snippet.is_empty()
                || snippet.chars().count() > MAX_SNIPPET_CHARS
                || snippet
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
            {
                errors.insert("snippet", "admin-error-ad-snippet");
            }
            AdContent::Snippet {
                html: snippet.to_owned(),
            }
        }
        _ => return Err(AppError::User(UserError::BadRequest)),
    };
    let side = |text: &str| {
        text.parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_SIDE).contains(n))
    };
    let (width, height) = (side(&values.width), side(&values.height));
    if width.is_none() || height.is_none() {
        errors.insert("size", "admin-error-ad-size");
    }
    if values.zones.is_empty() || values.zones.iter().any(|z| !ZONES.contains(&z.as_str())) {
        errors.insert("zones", "admin-error-ad-zones");
    }
    let known: Vec<i64> = state
        .site_data()
        .await?
        .categories
        .iter()
        .map(|c| c.id.0)
        .collect();
    if values.categories.iter().any(|c| !known.contains(c)) {
        errors.insert("categories", "admin-error-ad-categories");
    }
    let mut time = |field: &'static str, text: &str| match text {
        "" => None,
        text => {
            let parsed = super::parse_local_time(state, text);
            if parsed.is_none() {
                errors.insert(field, "admin-error-date-invalid");
            }
            parsed
        }
    };
    let starts_at = time("starts_at", &values.starts_at);
    let ends_at = time("ends_at", &values.ends_at);
    if let (Some(start), Some(end)) = (starts_at, ends_at)
        && end <= start
    {
        errors.insert("ends_at", "admin-error-ad-dates");
    }
    let weight = values
        .weight
        .parse::<i64>()
        .ok()
        .filter(|w| (1..=1000).contains(w));
    if weight.is_none() {
        errors.insert("weight", "admin-error-ad-weight");
    }
    match (errors.is_empty(), width, height, weight) {
        (true, Some(width), Some(height), Some(weight)) => Ok(Ok(NewCreative {
            name: values.name,
            content,
            width,
            height,
            zones: values.zones,
            categories: values.categories,
            starts_at,
            ends_at,
            weight,
            active: values.active,
        })),
        _ => Ok(Err((values, errors))),
    }
}

/// `POST /admin/ads/new`.
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    form: FormData,
) -> Result<Response, AppError> {
    save(&state, &staff, None, &form).await
}

/// `POST /admin/ads/{id}`.
pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    crate::extract::Segments(id): crate::extract::Segments<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    save(&state, &staff, Some(id), &form).await
}

/// Stores a new creative (`id` `None`) or replaces one; the form again with its problems.
async fn save(
    state: &AppState,
    staff: &Staff,
    id: Option<i64>,
    form: &FormData,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    staff.check(form)?;
    let creative = match read_form(state, form, id).await? {
        Ok(creative) => creative,
        Err((values, errors)) => return creative_page(state, staff, values, errors).await,
    };
    let now = state.clock().now();
    match id {
        None => {
            let id = state.store().insert_ad(&creative, now).await?;
            tracing::info!(user = %staff.user.id, creative = id, "ad creative added");
        }
        Some(id) => {
            if !state.store().update_ad(id, &creative, now).await? {
                return Err(AppError::not_found());
            }
        }
    }
    crate::ads::reload(state).await?;
    Ok(super::see_other("/admin/ads?saved=1"))
}

/// `POST /admin/ads/{id}/delete`: the creative and its counts.
pub async fn delete(
    State(state): State<AppState>,
    staff: Staff,
    crate::extract::Segments(id): crate::extract::Segments<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    staff.check(&form)?;
    if !state.store().delete_ad(id).await? {
        return Err(AppError::not_found());
    }
    crate::ads::reload(&state).await?;
    tracing::info!(user = %staff.user.id, creative = id, "ad creative deleted");
    Ok(super::see_other("/admin/ads?saved=1"))
}

/// `POST /admin/ads/txt`: the text served at `/ads.txt`.
pub async fn save_ads_txt(
    State(state): State<AppState>,
    staff: Staff,
    form: FormData,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    staff.check(&form)?;
    let text = form.text("ads_txt").replace("\r\n", "\n");
    let text = text.trim();
    if text.len() > MAX_ADS_TXT || text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(AppError::User(UserError::BadRequest));
    }
    state.store().put_setting(ADS_TXT_KEY, text).await?;
    crate::ads::reload(&state).await?;
    Ok(super::see_other("/admin/ads?saved=1"))
}

/// The report's period: `from` and `to` as `YYYY-MM-DD` (default: the last 30 days).
#[derive(Deserialize)]
pub struct Period {
    from: Option<String>,
    to: Option<String>,
}

impl Period {
    fn days(&self, state: &AppState) -> Result<(chrono::NaiveDate, chrono::NaiveDate), AppError> {
        let today = state
            .clock()
            .now()
            .with_timezone(&state.settings().timezone)
            .date_naive();
        let read = |text: &Option<String>, default: chrono::NaiveDate| match text
            .as_deref()
            .map(str::trim)
        {
            None | Some("") => Ok(default),
            // chrono reads signed years of any length: a day far enough back would make
            // the default start (29 days before) overflow.
            Some(text) => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .filter(|day| (1..=9999).contains(&chrono::Datelike::year(day)))
                .ok_or(AppError::User(UserError::BadRequest)),
        };
        let to = read(&self.to, today)?;
        let month_before = to
            .checked_sub_signed(chrono::Duration::days(29))
            .ok_or(AppError::User(UserError::BadRequest))?;
        let from = read(&self.from, month_before)?;
        if from > to || (to - from).num_days() >= MAX_REPORT_DAYS {
            return Err(AppError::User(UserError::BadRequest));
        }
        Ok((from, to))
    }
}

#[derive(Serialize)]
struct ReportRow {
    #[serde(flatten)]
    day: AdDay,
    ctr: String,
}

#[derive(Serialize)]
struct ReportView {
    from: String,
    to: String,
    rows: Vec<ReportRow>,
    impressions: i64,
    clicks: i64,
    ctr: String,
}

async fn report_rows(
    state: &AppState,
    period: &Period,
) -> Result<(String, String, Vec<AdDay>), AppError> {
    let (from, to) = period.days(state)?;
    let (from, to) = (from.to_string(), to.to_string());
    let rows = state.store().ad_report(&from, &to).await?;
    Ok((from, to, rows))
}

/// `GET /admin/ads/report?from=…&to=…`.
pub async fn report(
    State(state): State<AppState>,
    staff: Staff,
    Query(period): Query<Period>,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    let (from, to, rows) = report_rows(&state, &period).await?;
    let impressions = rows.iter().map(|r| r.impressions).sum();
    let clicks = rows.iter().map(|r| r.clicks).sum();
    let view = ReportView {
        from,
        to,
        rows: rows
            .into_iter()
            .map(|day| ReportRow {
                ctr: ctr(day.impressions, day.clicks),
                day,
            })
            .collect(),
        impressions,
        clicks,
        ctr: ctr(impressions, clicks),
    };
    super::render(
        &state,
        "admin/ads-report.html",
        "admin-ads-report-title",
        Some(&staff),
        &view,
    )
}

/// A spreadsheet cell that cannot be read as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// `GET /admin/ads/report.csv?from=…&to=…`: the same rows, for a spreadsheet.
pub async fn report_csv(
    State(state): State<AppState>,
    staff: Staff,
    Query(period): Query<Period>,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    let (from, to, rows) = report_rows(&state, &period).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let write = |out: &mut csv::Writer<Vec<u8>>, record: &[String]| {
        out.write_record(record).map_err(|error| {
            tracing::error!(%error, "the ad report could not be written");
            AppError::User(UserError::Unavailable)
        })
    };
    write(
        &mut out,
        &[
            "day",
            "creative_id",
            "creative",
            "impressions",
            "clicks",
            "ctr_percent",
        ]
        .map(str::to_owned),
    )?;
    for row in &rows {
        let ctr = ctr_percent(row.impressions, row.clicks).unwrap_or_default();
        write(
            &mut out,
            &[
                row.day.clone(),
                row.creative_id.to_string(),
                cell(&row.name),
                row.impressions.to_string(),
                row.clicks.to_string(),
                ctr,
            ],
        )?;
    }
    let body = out.into_inner().map_err(|error| {
        tracing::error!(%error, "the ad report could not be written");
        AppError::User(UserError::Unavailable)
    })?;
    let disposition = format!("attachment; filename=\"ads-{from}-{to}.csv\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        body,
    )
        .into_response())
}
