//! The default theme's public pages compiled into the binary (askama), from `compiled/`.
//!
//! A page rendered through minijinja spends about half its time inside the template
//! engine: looking attributes up by name, converting the view to minijinja's values, entering
//! each include. These compiled templates write the same bytes as `templates/` for the
//! article, home and list pages, with none of that work. The minijinja templates stay the
//! theme's public face: a site that overrides any template these pages are made of (see
//! [`SOURCES`]) is rendered by minijinja throughout, so its overrides apply as before. The
//! test `compiled_pages_write_what_the_templates_write` renders pages both ways and compares
//! them byte for byte.

use crate::views::{ArticleView, CommentView, FieldMessage, HomeView, Layout, ListView};
use crate::{Assets, DateStyle, Formats, Translations, format_date, format_number_with};
use askama::Template;
use chrono::Datelike;
use fluent_bundle::FluentValue;
use rotative_core::{Locale, Timestamp};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// The minijinja templates the compiled pages stand for: overriding any of them turns the
/// compiled pages off.
pub const SOURCES: &[&str] = &[
    "base.html",
    "article.html",
    "home.html",
    "list.html",
    "partials/seo.html",
    "partials/card.html",
    "partials/breadcrumbs.html",
    "partials/pagination.html",
    "partials/comment.html",
    "partials/comment-form.html",
];

/// What the compiled templates call: strings, dates, numbers, assets and slots, as the
/// minijinja environment's `t`, `date`, `number`, `year`, `asset` and `slot` write them.
pub struct Cx<'a> {
    formats: Formats,
    strings: &'a Translations,
    assets: &'a Assets,
    layout: &'a Layout,
}

/// An argument of a translated string.
pub struct Arg<'a>(FluentValue<'a>);

/// A count as minijinja hands it to Fluent: a whole number.
fn whole<N: TryInto<i64>>(n: N) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

// Templates pass fields by reference, and what a call returns by value.
macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg(FluentValue::from(whole(n)))
            }
        }

        impl From<&$t> for Arg<'_> {
            fn from(n: &$t) -> Self {
                Arg(FluentValue::from(whole(*n)))
            }
        }
    )*};
}
number_args!(i32, u32, i64, usize);

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg(FluentValue::from(text))
    }
}

impl<'a> From<&&'a str> for Arg<'a> {
    fn from(text: &&'a str) -> Self {
        Arg(FluentValue::from(*text))
    }
}

/// A moment, or none (which writes nothing, as an undefined value does in minijinja).
pub trait When {
    /// The moment.
    fn when(&self) -> Option<Timestamp>;
}

impl When for Timestamp {
    fn when(&self) -> Option<Timestamp> {
        Some(*self)
    }
}

impl When for Option<Timestamp> {
    fn when(&self) -> Option<Timestamp> {
        *self
    }
}

impl<T: When> When for &T {
    fn when(&self) -> Option<Timestamp> {
        (*self).when()
    }
}

/// A named placeholder with its content (trusted HTML), or nothing.
pub struct Slot<'a>(&'static str, &'a str);

impl fmt::Display for Slot<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Slot(name, content) = self;
        if content.is_empty() {
            return Ok(());
        }
        write!(
            f,
            r#"<div class="slot slot-{name}" data-slot="{name}">{content}</div>"#
        )
    }
}

impl<'a> Cx<'a> {
    fn locale(&self) -> Locale {
        self.formats.locale
    }

    /// A string without arguments.
    pub fn t<'k>(&self, key: &'k str) -> Cow<'k, str>
    where
        'a: 'k,
    {
        match self.strings.plain(self.locale(), key) {
            Some(text) => Cow::Borrowed(&**text),
            None => self.strings.text(self.locale(), key),
        }
    }

    /// A string with one argument.
    pub fn t1<'v>(&self, key: &str, name: &str, value: impl Into<Arg<'v>>) -> String {
        self.strings
            .get(self.locale(), key, &[(name, value.into().0)])
            .into_owned()
    }

    /// A message about a count (its argument `$count`), as [`Translations::count`]
    /// keeps them.
    pub fn count<N: Copy + TryInto<i64>>(&self, key: &'static str, count: &N) -> String {
        self.strings.count(self.locale(), key, whole(*count))
    }

    /// A string with two arguments.
    pub fn t2<'v, 'w>(
        &self,
        key: &str,
        first: &str,
        first_value: impl Into<Arg<'v>>,
        second: &str,
        second_value: impl Into<Arg<'w>>,
    ) -> String {
        let args = [
            (first, first_value.into().0),
            (second, second_value.into().0),
        ];
        self.strings.get(self.locale(), key, &args).into_owned()
    }

    /// A form's message, with the longest length it allows when it has one.
    pub fn t_max(&self, key: &str, max: &Option<usize>) -> String {
        match max {
            Some(max) => self.t1(key, "max", max),
            None => self.strings.text(self.locale(), key).into_owned(),
        }
    }

    /// A moment as a machine reads it (`datetime` attributes), as views serialise it.
    /// Digits and `-:.T+Z` only, which the templates write without escaping (`|safe`).
    pub fn iso(&self, at: impl When) -> String {
        at.when()
            .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
            .unwrap_or_default()
    }

    /// A moment as a reader reads it.
    pub fn date(&self, at: impl When, style: DateStyle) -> String {
        let f = self.formats;
        at.when()
            .map(|at| {
                f.digits.on(f.locale).write(&format_date(
                    self.strings,
                    at,
                    style,
                    f.locale,
                    f.timezone,
                ))
            })
            .unwrap_or_default()
    }

    /// The year of a moment (in UTC, as minijinja's `year` filter reads it).
    pub fn year(&self, at: &Timestamp) -> i32 {
        at.year()
    }

    /// A count, written as the page's language writes numbers: digits and the
    /// language's separators only, which the templates write without escaping (`|safe`).
    pub fn number<N: Copy + TryInto<i64>>(&self, n: &N) -> String {
        let f = self.formats;
        format_number_with(whole(*n), f.locale, f.digits.on(f.locale))
    }

    /// A form field's problem, if it has one.
    pub fn error<'e>(
        &self,
        errors: &'e BTreeMap<String, FieldMessage>,
        field: &str,
    ) -> Option<&'e FieldMessage> {
        errors.get(field)
    }

    /// The item of a list at a position, or nothing.
    pub fn nth<'v>(&self, list: &'v [String], at: &usize) -> &'v str {
        list.get(*at).map_or("", String::as_str)
    }

    /// The fingerprinted address of a static file.
    pub fn asset<'n>(&self, name: &'n str) -> &'a str {
        self.assets.url(name).unwrap_or_default()
    }

    /// A slot's content in its placeholder.
    pub fn slot(&self, name: &'static str) -> Slot<'a> {
        Slot(name, self.layout.slots.get(name).map_or("", String::as_str))
    }

    /// A non-empty text, or another.
    pub fn or<'s>(&self, text: &'s str, otherwise: &'s str) -> &'s str {
        if text.is_empty() { otherwise } else { text }
    }
}

/// The article page.
#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage<'a> {
    cx: Cx<'a>,
    l: &'a Layout,
    page: &'a ArticleView,
}

impl ArticlePage<'_> {
    fn thread<'s>(&'s self, comments: &'s [CommentView]) -> Thread<'s> {
        Thread {
            cx: &self.cx,
            comments,
        }
    }
}

/// One level of a comment thread.
#[derive(Template)]
#[template(path = "thread.html")]
struct Thread<'a> {
    cx: &'a Cx<'a>,
    comments: &'a [CommentView],
}

impl Thread<'_> {
    fn nested<'s>(&'s self, comments: &'s [CommentView]) -> Thread<'s> {
        Thread {
            cx: self.cx,
            comments,
        }
    }
}

/// The home page.
#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    cx: Cx<'a>,
    l: &'a Layout,
    page: &'a HomeView,
}

/// A category, tag or author page.
#[derive(Template)]
#[template(path = "list.html")]
struct ListPage<'a> {
    cx: Cx<'a>,
    l: &'a Layout,
    page: &'a ListView,
}

/// A view the default theme has a compiled page for.
pub trait Compiled: serde::Serialize {
    /// Writes the page around this view.
    fn render_compiled(
        &self,
        layout: &Layout,
        strings: &Translations,
        assets: &Assets,
    ) -> askama::Result<String>;
}

fn cx<'a>(layout: &'a Layout, strings: &'a Translations, assets: &'a Assets) -> Cx<'a> {
    Cx {
        formats: layout.formats(),
        strings,
        assets,
        layout,
    }
}

/// What a page writes besides its own content: the layout, the sidebars, the cards.
const FRAME_BYTES: usize = 32 * 1024;

macro_rules! compiled {
    ($view:ty, $page:ident, $content_bytes:expr) => {
        impl Compiled for $view {
            fn render_compiled(
                &self,
                layout: &Layout,
                strings: &Translations,
                assets: &Assets,
            ) -> askama::Result<String> {
                // Sized once for the whole page, rather than grown (and copied) as it is
                // written.
                let content: fn(&$view) -> usize = $content_bytes;
                let mut out = String::with_capacity(FRAME_BYTES + content(self));
                $page {
                    cx: cx(layout, strings, assets),
                    l: layout,
                    page: self,
                }
                .render_into(&mut out)?;
                Ok(out)
            }
        }
    };
}

compiled!(ArticleView, ArticlePage, |view| view.body_head.len()
    + view.body_tail.len()
    + view.comments.thread.len() * 1024);
compiled!(HomeView, HomePage, |view| view.blocks.len() * 4096);
compiled!(ListView, ListPage, |view| view.articles.len() * 1024);

/// HTML escaping as the minijinja templates do it (`& < > " '`, named entities).
#[derive(Debug, Clone, Copy)]
pub struct Html;

impl askama::filters::Escaper for Html {
    fn write_escaped_str<W: fmt::Write>(&self, mut dest: W, text: &str) -> fmt::Result {
        rotative_markup::escape_to(text, &mut dest)
    }
}
