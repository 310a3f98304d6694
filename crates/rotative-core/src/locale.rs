//! The languages the site can speak to its readers.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language of the reader-facing site. French is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Locale {
    /// French.
    #[default]
    Fr,
    /// English.
    En,
}

/// A locale code Rotative does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown locale {0:?} (available: fr, en)")]
pub struct UnknownLocale(pub String);

impl Locale {
    /// Every locale, in the order they are offered.
    pub const ALL: [Locale; 2] = [Locale::Fr, Locale::En];

    /// The BCP 47 code (`fr`, `en`), as used in `lang` attributes and file names.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }
}

impl FromStr for Locale {
    type Err = UnknownLocale;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownLocale(s.to_owned()))
    }
}

impl TryFrom<String> for Locale {
    type Error = UnknownLocale;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Locale> for String {
    fn from(locale: Locale) -> Self {
        locale.code().to_owned()
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
