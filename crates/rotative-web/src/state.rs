//! What every handler shares: the store, the theme, the clock and the site's settings.

use rotative_core::{Clock, SiteSettings};
use rotative_store::Store;
use rotative_theme::Theme;
use std::sync::{Arc, RwLock};

/// Shared state of the web layer; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    store: Arc<dyn Store>,
    theme: Theme,
    clock: Arc<dyn Clock>,
    settings: RwLock<Arc<SiteSettings>>,
    pinned: Vec<(String, String)>,
}

/// Settings pinned by the operator that do not pass their check.
#[derive(Debug, thiserror::Error)]
#[error("site.{0}")]
pub struct PinnedSettingError(#[from] pub rotative_core::settings::SettingError);

impl AppState {
    /// Builds the state and loads the settings: stored values, then those the operator
    /// pinned in the configuration (`[site]`), which win.
    pub async fn new(
        store: Arc<dyn Store>,
        theme: Theme,
        clock: Arc<dyn Clock>,
        pinned: Vec<(String, String)>,
    ) -> Result<Self, crate::StartError> {
        let state = AppState(Arc::new(Inner {
            store,
            theme,
            clock,
            settings: RwLock::new(Arc::new(SiteSettings::default())),
            pinned,
        }));
        state.reload_settings().await?;
        Ok(state)
    }

    /// Reads the settings again from the store (after an editor changed them).
    pub async fn reload_settings(&self) -> Result<(), crate::StartError> {
        let stored = self.0.store.settings().await?;
        let (mut settings, errors) =
            SiteSettings::from_stored(stored.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        for error in errors {
            tracing::warn!(%error, "a stored setting is invalid; using its default");
        }
        for (key, value) in &self.0.pinned {
            settings.set(key, value).map_err(PinnedSettingError)?;
        }
        let mut slot = self.0.settings.write().unwrap_or_else(|p| p.into_inner());
        *slot = Arc::new(settings);
        Ok(())
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.0.store.as_ref()
    }

    /// The store, shared (for background jobs).
    pub fn store_arc(&self) -> Arc<dyn Store> {
        self.0.store.clone()
    }

    /// The theme.
    pub fn theme(&self) -> &Theme {
        &self.0.theme
    }

    /// The clock.
    pub fn clock(&self) -> &dyn Clock {
        self.0.clock.as_ref()
    }

    /// The clock, shared (for background jobs).
    pub fn clock_arc(&self) -> Arc<dyn Clock> {
        self.0.clock.clone()
    }

    /// The current settings.
    pub fn settings(&self) -> Arc<SiteSettings> {
        self.0
            .settings
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}
