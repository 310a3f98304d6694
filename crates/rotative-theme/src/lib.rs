//! The default theme of Rotative, and how any theme is put together.
//!
//! - [`Theme`] owns a minijinja environment. Templates resolve from a site folder when one is
//!   configured (a file there overrides the embedded one of the same name), else from the
//!   embedded default theme (`templates/`). Templates are HTML-escaped by default.
//! - The article, home and list pages of the default theme are also compiled into the
//!   binary (askama, `compiled/`), and [`Theme::render_page`] uses them unless the site
//!   overrides a template they are made of: see the `compiled` module.
//! - [`views`] holds the data templates receive: a [`views::Layout`] around each page's view.
//! - [`i18n`] loads the Fluent strings of each locale (`locales/{code}/*.ftl`); templates call
//!   `t('key', name=value)`.
//! - [`dates`] writes dates and numbers the way each language does; templates use the
//!   `date('long'|'medium'|'datetime')`, `number` and `year` filters. On Arabic pages the
//!   first two write the digits the context's `digits` names (`western` or `arabic`).
//! - [`assets`] serves the theme's static files under fingerprinted names; templates call
//!   `asset('style.css')`.
//! - Templates call `slot('name')` where the weather widget and ad zones go; it renders the
//!   layout's content for that slot inside a named placeholder. The weather widget itself is
//!   `partials/weather.html`, rendered on its own by the web layer.

pub mod assets;
mod compiled;
pub mod dates;
pub mod i18n;
mod kept;
mod template_env;
pub mod views;

pub use assets::{Asset, Assets};
pub use compiled::Compiled;
pub use dates::{DateStyle, format_date, format_number, format_number_with};
pub use i18n::Translations;
pub use template_env::Formats;

use minijinja::value::{Serde, Value};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// The templates of the default theme, embedded in the binary.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("list.html", include_str!("../templates/list.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("error.html", include_str!("../templates/error.html")),
    (
        "partials/comment.html",
        include_str!("../templates/partials/comment.html"),
    ),
    (
        "partials/comment-form.html",
        include_str!("../templates/partials/comment-form.html"),
    ),
    (
        "admin/base.html",
        include_str!("../templates/admin/base.html"),
    ),
    (
        "admin/articles.html",
        include_str!("../templates/admin/articles.html"),
    ),
    (
        "admin/editor.html",
        include_str!("../templates/admin/editor.html"),
    ),
    (
        "admin/revisions.html",
        include_str!("../templates/admin/revisions.html"),
    ),
    (
        "admin/categories.html",
        include_str!("../templates/admin/categories.html"),
    ),
    (
        "admin/tags.html",
        include_str!("../templates/admin/tags.html"),
    ),
    (
        "admin/settings.html",
        include_str!("../templates/admin/settings.html"),
    ),
    (
        "admin/profile.html",
        include_str!("../templates/admin/profile.html"),
    ),
    (
        "admin/media.html",
        include_str!("../templates/admin/media.html"),
    ),
    (
        "admin/home.html",
        include_str!("../templates/admin/home.html"),
    ),
    (
        "admin/login.html",
        include_str!("../templates/admin/login.html"),
    ),
    (
        "admin/comments.html",
        include_str!("../templates/admin/comments.html"),
    ),
    (
        "admin/blocks.html",
        include_str!("../templates/admin/blocks.html"),
    ),
    (
        "admin/ads.html",
        include_str!("../templates/admin/ads.html"),
    ),
    ("admin/ad.html", include_str!("../templates/admin/ad.html")),
    (
        "admin/ads-report.html",
        include_str!("../templates/admin/ads-report.html"),
    ),
    (
        "partials/seo.html",
        include_str!("../templates/partials/seo.html"),
    ),
    (
        "partials/card.html",
        include_str!("../templates/partials/card.html"),
    ),
    (
        "partials/breadcrumbs.html",
        include_str!("../templates/partials/breadcrumbs.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../templates/partials/pagination.html"),
    ),
    (
        "partials/weather.html",
        include_str!("../templates/partials/weather.html"),
    ),
];

/// The view of a public page.
pub trait PageView: Serialize {
    /// The default theme's compiled page for this view, if it has one.
    fn compiled(
        &self,
        layout: &views::Layout,
        strings: &Translations,
        assets: &Assets,
    ) -> Option<askama::Result<String>> {
        let _ = (layout, strings, assets);
        None
    }
}

impl<V: Compiled> PageView for V {
    fn compiled(
        &self,
        layout: &views::Layout,
        strings: &Translations,
        assets: &Assets,
    ) -> Option<askama::Result<String>> {
        Some(self.render_compiled(layout, strings, assets))
    }
}

impl PageView for views::SearchView {}
impl PageView for views::ErrorView {}

/// A theme that cannot be loaded or a page that cannot be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// A template does not compile or fails while rendering.
    #[error("template {name}: {source:#}")]
    Template {
        /// The template's name.
        name: String,
        /// What went wrong.
        #[source]
        source: minijinja::Error,
    },
    /// A locale's strings do not load.
    #[error(transparent)]
    Translations(#[from] i18n::TranslationError),
    /// A compiled page fails while rendering.
    #[error("compiled page {name}: {source}")]
    Compiled {
        /// The page's template.
        name: String,
        /// What went wrong.
        #[source]
        source: askama::Error,
    },
    /// The override folder cannot be read.
    #[error("theme folder {0}: not a readable directory")]
    Folder(PathBuf),
}

/// Templates, strings and assets, ready to render pages.
#[derive(Debug)]
pub struct Theme {
    env: minijinja::Environment<'static>,
    /// Whether the public pages use the compiled default theme: when the site overrides
    /// none of the templates they are made of.
    compiled: bool,
    translations: Arc<Translations>,
    assets: Arc<Assets>,
}

impl Theme {
    /// Loads the default theme, with templates in `override_dir` (if given) taking precedence.
    /// Every template is compiled now, so a broken one stops start-up instead of a page.
    pub fn load(override_dir: Option<PathBuf>) -> Result<Self, ThemeError> {
        if let Some(dir) = &override_dir
            && !dir.is_dir()
        {
            return Err(ThemeError::Folder(dir.clone()));
        }
        let translations = Arc::new(Translations::load()?);
        let assets = Arc::new(Assets::embedded());
        let compiled = override_dir.as_deref().is_none_or(|dir| {
            compiled::SOURCES
                .iter()
                .all(|name| !dir.join(name).exists())
        });
        let env = template_env::build(override_dir, translations.clone(), assets.clone());
        for (name, _) in TEMPLATES {
            env.get_template(name)
                .map_err(|source| ThemeError::Template {
                    name: (*name).to_owned(),
                    source,
                })?;
        }
        Ok(Theme {
            env,
            compiled,
            translations,
            assets,
        })
    }

    /// Renders a template with a context. Dates, numbers and strings are written as the
    /// context's `locale`, `digits` and `timezone` say.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String, ThemeError> {
        let fail = |source| ThemeError::Template {
            name: name.to_owned(),
            source,
        };
        self.env
            .get_template(name)
            .map_err(fail)?
            .render(Value::from(Serde(context)))
            .map_err(fail)
    }

    /// Renders a template whose context has these `locale`, `digits` and `timezone`, told
    /// to the filters and functions beforehand: they then do not look the three up in the
    /// context and parse them on each call (a page makes dozens of such calls).
    pub fn render_as(
        &self,
        name: &str,
        context: &impl Serialize,
        formats: Formats,
    ) -> Result<String, ThemeError> {
        let _told = template_env::Told::new(formats);
        self.render(name, context)
    }

    /// Renders a page: the layout around a view, with `name` (or, when the site overrides
    /// none of the templates it is made of, the default theme's compiled page for the
    /// view, which writes the same).
    pub fn render_page<V: PageView>(
        &self,
        name: &str,
        layout: &views::Layout,
        view: &V,
    ) -> Result<String, ThemeError> {
        if self.compiled
            && let Some(page) = view.compiled(layout, &self.translations, &self.assets)
        {
            return page.map_err(|source| ThemeError::Compiled {
                name: name.to_owned(),
                source,
            });
        }
        self.render_as(name, &views::Page { layout, page: view }, layout.formats())
    }

    /// Whether public pages use the compiled default theme (see [`Theme::render_page`]).
    pub fn compiled(&self) -> bool {
        self.compiled
    }

    /// The strings of every locale.
    pub fn translations(&self) -> &Translations {
        &self.translations
    }

    /// The static files.
    pub fn assets(&self) -> &Assets {
        &self.assets
    }
}
