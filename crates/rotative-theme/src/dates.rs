//! Dates and numbers as each language writes them: "jeudi 20 mars 2025",
//! "Thursday, March 20, 2025", "1 874" / "1,874".
//!
//! The patterns live in the Fluent files (`date-long-format`, …) with the other strings of
//! a locale; month and day names come from chrono's locale data.

use crate::Translations;
use chrono::Locale as ChronoLocale;
use chrono_tz::Tz;
use rotative_core::{Locale, Timestamp};

/// How much of a date to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// With the weekday: "jeudi 20 mars 2025" (the header).
    Long,
    /// Day, month and year: "20 mars 2025" (under titles).
    Medium,
    /// Date and time: "20 mars 2025 à 10 h 00".
    DateTime,
}

impl DateStyle {
    /// Reads a style name as templates write it.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "long" => Some(DateStyle::Long),
            "medium" => Some(DateStyle::Medium),
            "datetime" => Some(DateStyle::DateTime),
            _ => None,
        }
    }

    fn pattern_key(self) -> &'static str {
        match self {
            DateStyle::Long => "date-long-format",
            DateStyle::Medium => "date-medium-format",
            DateStyle::DateTime => "date-time-format",
        }
    }
}

fn chrono_locale(locale: Locale) -> ChronoLocale {
    match locale {
        Locale::Fr => ChronoLocale::fr_FR,
        Locale::En => ChronoLocale::en_US,
    }
}

/// Formats a timestamp in a time zone, as `locale` writes dates.
pub fn format_date(
    translations: &Translations,
    at: Timestamp,
    style: DateStyle,
    locale: Locale,
    tz: Tz,
) -> String {
    let pattern = translations.text(locale, style.pattern_key());
    at.with_timezone(&tz)
        .format_localized(&pattern, chrono_locale(locale))
        .to_string()
}

/// Writes a whole number with the locale's thousands separator.
pub fn format_number(n: i64, locale: Locale) -> String {
    let separator = match locale {
        Locale::Fr => '\u{202f}',
        Locale::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn seed_date() -> Timestamp {
        Utc.with_ymd_and_hms(2025, 3, 20, 9, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn long_dates_read_naturally_in_each_language() {
        let t = Translations::load().expect("locales load");
        let tz = Tz::Africa__Casablanca;
        assert_eq!(
            format_date(&t, seed_date(), DateStyle::Long, Locale::Fr, tz),
            "jeudi 20 mars 2025"
        );
        assert_eq!(
            format_date(&t, seed_date(), DateStyle::Long, Locale::En, tz),
            "Thursday, March 20, 2025"
        );
        assert_eq!(
            format_date(&t, seed_date(), DateStyle::Medium, Locale::Fr, tz),
            "20 mars 2025"
        );
    }

    #[test]
    fn dates_follow_the_site_time_zone() {
        let t = Translations::load().expect("locales load");
        let late = Utc
            .with_ymd_and_hms(2025, 3, 20, 23, 30, 0)
            .single()
            .unwrap_or_default();
        let fr = |tz| format_date(&t, late, DateStyle::Medium, Locale::Fr, tz);
        assert_eq!(fr(Tz::UTC), "20 mars 2025");
        assert_eq!(fr(Tz::Asia__Almaty), "21 mars 2025");
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(format_number(1874, Locale::En), "1,874");
        assert_eq!(
            format_number(1_234_567, Locale::Fr),
            "1\u{202f}234\u{202f}567"
        );
        assert_eq!(format_number(31, Locale::Fr), "31");
        assert_eq!(format_number(-1000, Locale::En), "-1,000");
    }
}
