//! The minijinja environment: template loading, and the functions and filters templates use.

use crate::{Assets, DateStyle, Translations, format_date, format_number_with};
use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use fluent_bundle::FluentValue;
use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State};
use rotative_core::{Digits, Locale};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

pub(crate) fn build(
    override_dir: Option<PathBuf>,
    translations: Arc<Translations>,
    assets: Arc<Assets>,
) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_loader(move |name| load(override_dir.as_deref(), name));
    env.set_formatter(format_value);

    let strings = translations.clone();
    env.add_function("t", move |state: &State, key: &str, kwargs: Kwargs| {
        if kwargs.args().next().is_none()
            && let Some(text) = strings.plain(locale(state), key)
        {
            return Ok(Value::from(text.clone()));
        }
        translate(&strings, state, key, &kwargs).map(Value::from)
    });
    env.add_function("asset", move |name: &str| {
        assets
            .url(name)
            .map(str::to_owned)
            .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("no asset {name}")))
    });
    env.add_function("slot", slot);
    let strings = translations;
    env.add_filter("date", move |state: &State, value: Value, style: &str| {
        date(&strings, state, &value, style)
    });
    env.add_filter("number", |state: &State, value: i64| {
        let formats = formats(state);
        format_number_with(value, formats.locale, formats.digits.on(formats.locale))
    });
    env.add_filter("year", |value: Value| {
        timestamp(&value).map(|t| t.year()).unwrap_or_default()
    });
    env
}

/// Writes a value into a template. HTML templates escape `& < > " '` (not `/`, which
/// minijinja's default escapes and which makes every URL unreadable); `none` writes nothing.
fn format_value(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    if value.is_safe() || !matches!(state.auto_escape(), AutoEscape::Html) {
        return minijinja::escape_formatter(out, state, value);
    }
    match value.as_str() {
        Some(text) => rotative_markup::escape_to(text, out)?,
        None => rotative_markup::escape_to(&value.to_string(), out)?,
    }
    Ok(())
}

/// Finds a template: in the override folder first, then among the embedded ones.
fn load(override_dir: Option<&Path>, name: &str) -> Result<Option<String>, Error> {
    let safe = Path::new(name)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if let Some(dir) = override_dir.filter(|_| safe) {
        let path = dir.join(name);
        if path.is_file() {
            return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("cannot read {}: {e}", path.display()),
                )
            });
        }
    }
    Ok(crate::TEMPLATES
        .iter()
        .find(|(embedded, _)| *embedded == name)
        .map(|(_, source)| (*source).to_owned()))
}

/// How a render writes dates, numbers and strings: its context's `locale`, `digits` and
/// `timezone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// The language.
    pub locale: Locale,
    /// The digits setting (Arabic pages follow it; others write Western digits).
    pub digits: Digits,
    /// The time zone dates are shown in.
    pub timezone: Tz,
}

thread_local! {
    /// The formats of the render running on this thread, when its caller told them.
    static TOLD: std::cell::Cell<Option<Formats>> = const { std::cell::Cell::new(None) };
}

/// The formats of a render, told for as long as it lives (a render runs on one thread,
/// without awaiting); the ones told before are back when it is dropped.
pub(crate) struct Told(Option<Formats>);

impl Told {
    pub(crate) fn new(formats: Formats) -> Self {
        Told(TOLD.with(|told| told.replace(Some(formats))))
    }
}

impl Drop for Told {
    fn drop(&mut self) {
        TOLD.with(|told| told.set(self.0));
    }
}

/// The render's formats: as told, or read from its context.
fn formats(state: &State) -> Formats {
    if let Some(told) = TOLD.with(std::cell::Cell::get) {
        return told;
    }
    let text = |name: &str| state.lookup(name);
    Formats {
        locale: text("locale")
            .and_then(|v| v.as_str().and_then(|s| s.parse().ok()))
            .unwrap_or_default(),
        digits: text("digits")
            .and_then(|v| v.as_str().and_then(Digits::parse))
            .unwrap_or_default(),
        timezone: text("timezone")
            .and_then(|v| v.as_str().and_then(|s| s.parse().ok()))
            .unwrap_or(Tz::UTC),
    }
}

fn locale(state: &State) -> Locale {
    formats(state).locale
}

fn translate(
    strings: &Translations,
    state: &State,
    key: &str,
    kwargs: &Kwargs,
) -> Result<String, Error> {
    let mut args: Vec<(&str, FluentValue<'_>)> = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let fluent = match value.kind() {
            ValueKind::Number => i64::try_from(value.clone())
                .map(FluentValue::from)
                .unwrap_or_else(|_| FluentValue::from(value.to_string())),
            _ => FluentValue::from(value.to_string()),
        };
        args.push((name, fluent));
    }
    Ok(strings.get(locale(state), key, &args).into_owned())
}

fn timestamp(value: &Value) -> Option<DateTime<Utc>> {
    let text = value.as_str()?;
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn date(
    strings: &Translations,
    state: &State,
    value: &Value,
    style: &str,
) -> Result<String, Error> {
    let style = DateStyle::parse(style).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("unknown date style {style}"),
        )
    })?;
    let formats = formats(state);
    Ok(timestamp(value)
        .map(|at| {
            formats.digits.on(formats.locale).write(&format_date(
                strings,
                at,
                style,
                formats.locale,
                formats.timezone,
            ))
        })
        .unwrap_or_default())
}

/// A named placeholder for the weather widget or an ad zone, holding the layout's content
/// for it (trusted HTML made by Rotative itself); nothing at all when it has none.
fn slot(state: &State, name: &str) -> Result<Value, Error> {
    if !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("bad slot name {name:?}"),
        ));
    }
    let content = state
        .lookup("slots")
        .and_then(|slots| slots.get_attr(name).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    // An empty zone leaves no box behind.
    if content.is_empty() {
        return Ok(Value::from_safe_string(String::new()));
    }
    Ok(Value::from_safe_string(format!(
        r#"<div class="slot slot-{name}" data-slot="{name}">{content}</div>"#
    )))
}
