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
    /// Arabic (Modern Standard Arabic), written right to left.
    Ar,
}

/// The digits an Arabic site writes its dates and counts in: Western (`0123456789`, as
/// Moroccan newspapers do) or Eastern Arabic (`٠١٢٣٤٥٦٧٨٩`, as in the Middle East).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Digits {
    /// `0123456789`.
    #[default]
    Western,
    /// `٠١٢٣٤٥٦٧٨٩`.
    Arabic,
}

impl Digits {
    /// The names, as stored.
    pub const CHOICES: &'static [&'static str] = &["western", "arabic"];

    /// The digits a stored value names.
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "western" => Some(Digits::Western),
            "arabic" => Some(Digits::Arabic),
            _ => None,
        }
    }

    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            Digits::Western => "western",
            Digits::Arabic => "arabic",
        }
    }

    /// The digits a page in `locale` uses: the setting on Arabic pages, Western on others.
    pub fn on(self, locale: Locale) -> Digits {
        if locale == Locale::Ar {
            self
        } else {
            Digits::Western
        }
    }

    /// A text with its Western digits written in these digits (other characters kept).
    pub fn write(self, text: &str) -> String {
        match self {
            Digits::Western => text.to_owned(),
            Digits::Arabic => text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) if c.is_ascii_digit() => char::from_u32(0x0660 + d).unwrap_or(c),
                    _ => c,
                })
                .collect(),
        }
    }
}

/// A locale code Rotative does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown locale {0:?} (available: fr, en, ar)")]
pub struct UnknownLocale(pub String);

impl Locale {
    /// Every locale, in the order they are offered.
    pub const ALL: [Locale; 3] = [Locale::Fr, Locale::En, Locale::Ar];

    /// The BCP 47 code (`fr`, `en`, `ar`), as used in `lang` attributes and file names.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
            Locale::Ar => "ar",
        }
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Locale::Ar)
    }

    /// The text direction, as the HTML `dir` attribute writes it: `ltr` or `rtl`.
    pub fn direction(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_round_trips_through_its_code() {
        for locale in Locale::ALL {
            assert_eq!(locale.code().parse(), Ok(locale));
        }
        assert_eq!(" AR ".parse(), Ok(Locale::Ar));
        assert!("de".parse::<Locale>().is_err());
    }

    #[test]
    fn eastern_arabic_digits_replace_western_ones_on_arabic_pages_only() {
        assert_eq!(Digits::Arabic.write("20 مارس 2025"), "٢٠ مارس ٢٠٢٥");
        assert_eq!(Digits::Arabic.write("0123456789"), "٠١٢٣٤٥٦٧٨٩");
        assert_eq!(Digits::Western.write("20 mars 2025"), "20 mars 2025");
        assert_eq!(Digits::Arabic.on(Locale::Ar), Digits::Arabic);
        assert_eq!(Digits::Arabic.on(Locale::Fr), Digits::Western);
        for name in Digits::CHOICES {
            assert_eq!(Digits::parse(name).map(Digits::name), Some(*name));
        }
        assert_eq!(Digits::parse("roman"), None);
    }

    #[test]
    fn arabic_alone_is_written_right_to_left() {
        assert_eq!(Locale::Ar.direction(), "rtl");
        assert_eq!(Locale::Fr.direction(), "ltr");
        assert_eq!(Locale::En.direction(), "ltr");
    }
}
