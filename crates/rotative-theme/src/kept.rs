//! Texts written once and kept: the theme writes the same dates and count messages on
//! page after page.

use std::hash::Hash;
use std::sync::{Mutex, PoisonError};

/// The most texts a [`Kept`] holds; when full it starts again from empty.
const KEPT: usize = 4096;

/// Texts written so far, by what they were written from.
pub(crate) struct Kept<K>(Mutex<foldhash::HashMap<K, String>>);

impl<K> Default for Kept<K> {
    fn default() -> Self {
        Kept(Mutex::new(foldhash::HashMap::default()))
    }
}

impl<K: Hash + Eq> Kept<K> {
    /// The text kept for `key`, or the one `write` makes, then kept.
    pub(crate) fn get_or_write(&self, key: K, write: impl FnOnce() -> String) -> String {
        let texts = || self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(text) = texts().get(&key) {
            return text.clone();
        }
        let text = write();
        let mut texts = texts();
        if texts.len() >= KEPT {
            texts.clear();
        }
        texts.insert(key, text.clone());
        text
    }
}
