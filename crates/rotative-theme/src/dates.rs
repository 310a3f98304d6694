//! Dates and numbers as each language writes them: "jeudi 20 mars 2025",
//! "Thursday, March 20, 2025", "الخميس 20 مارس 2025", "1 874" / "1,874".
//!
//! The patterns live in the Fluent files (`date-long-format`, …) with the other strings of
//! a locale; month and day names come from chrono's locale data.

use crate::Translations;
use chrono::Locale as ChronoLocale;
use chrono::format::{Item, StrftimeItems};
use chrono_tz::Tz;
use rotative_core::{Digits, Locale, Timestamp};

/// How much of a date to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
        // Moroccan month names (ماي, يوليوز, غشت…), as the reference newsroom writes them.
        Locale::Ar => ChronoLocale::ar_MA,
    }
}

/// A locale's date pattern for a style, parsed (a page writes dozens of dates; parsing
/// the pattern took more than writing the date).
pub(crate) struct Pattern {
    locale: Locale,
    style: DateStyle,
    items: Vec<Item<'static>>,
}

/// Every locale's patterns, parsed; a pattern that does not parse is left out (and read
/// again, and refused by chrono, at each use, as before).
pub(crate) fn patterns(translations: &Translations) -> Vec<Pattern> {
    let mut patterns = Vec::new();
    for locale in Locale::ALL {
        for style in [DateStyle::Long, DateStyle::Medium, DateStyle::DateTime] {
            let text = translations.text(locale, style.pattern_key());
            if let Ok(items) =
                StrftimeItems::new_with_locale(&text, chrono_locale(locale)).parse_to_owned()
            {
                patterns.push(Pattern {
                    locale,
                    style,
                    items,
                });
            }
        }
    }
    patterns
}

/// A day as a style without the time of day writes it, in a language and a time zone.
pub(crate) type Day = (Locale, DateStyle, Tz, chrono::NaiveDate);

/// Days written so far, and the most kept (pages show the same few dates again and again:
/// today, the sidebars', the latest articles').
pub(crate) type Days = crate::kept::Kept<Day>;

/// Formats a timestamp in a time zone, as `locale` writes dates.
pub fn format_date(
    translations: &Translations,
    at: Timestamp,
    style: DateStyle,
    locale: Locale,
    tz: Tz,
) -> String {
    if style == DateStyle::DateTime {
        return write_date(translations, at, style, locale, tz);
    }
    let day = (locale, style, tz, at.with_timezone(&tz).date_naive());
    translations
        .days
        .get_or_write(day, || write_date(translations, at, style, locale, tz))
}

/// [`format_date`], written out.
fn write_date(
    translations: &Translations,
    at: Timestamp,
    style: DateStyle,
    locale: Locale,
    tz: Tz,
) -> String {
    let local = at.with_timezone(&tz);
    let parsed = translations
        .dates
        .iter()
        .find(|p| p.locale == locale && p.style == style);
    if let Some(pattern) = parsed {
        return local
            .format_localized_with_items(pattern.items.iter(), chrono_locale(locale))
            .to_string();
    }
    let pattern = translations.text(locale, style.pattern_key());
    local
        .format_localized(&pattern, chrono_locale(locale))
        .to_string()
}

/// Writes a whole number with the locale's thousands separator, in these digits
/// (Eastern Arabic ones take the Arabic thousands separator `٬`).
pub fn format_number_with(n: i64, locale: Locale, digits: Digits) -> String {
    let western = format_number(n, locale);
    match digits {
        Digits::Western => western,
        Digits::Arabic => digits.write(&western.replace(',', "\u{066c}")),
    }
}

/// Writes a whole number with the locale's thousands separator.
pub fn format_number(n: i64, locale: Locale) -> String {
    let separator = match locale {
        Locale::Fr => '\u{202f}',
        Locale::En | Locale::Ar => ',',
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
    fn arabic_dates_use_moroccan_month_names_in_either_digits() {
        let t = Translations::load().expect("locales load");
        let tz = Tz::Africa__Casablanca;
        // Morocco keeps GMT during Ramadan (20 March 2025 is in it): 09:00 UTC is 09:00.
        let ar = |at, style| format_date(&t, at, style, Locale::Ar, tz);
        assert_eq!(ar(seed_date(), DateStyle::Long), "الخميس 20 مارس 2025");
        assert_eq!(
            Digits::Arabic.write(&ar(seed_date(), DateStyle::Long)),
            "الخميس ٢٠ مارس ٢٠٢٥"
        );
        assert_eq!(ar(seed_date(), DateStyle::Medium), "20 مارس 2025");
        assert_eq!(
            ar(seed_date(), DateStyle::DateTime),
            "20 مارس 2025 على الساعة 09:00"
        );
        let month = |m| {
            let at = Utc
                .with_ymd_and_hms(2025, m, 10, 12, 0, 0)
                .single()
                .unwrap_or_default();
            ar(at, DateStyle::Medium)
        };
        assert_eq!(month(5), "10 ماي 2025");
        assert_eq!(month(7), "10 يوليوز 2025");
        assert_eq!(month(8), "10 غشت 2025");
        assert_eq!(month(9), "10 شتنبر 2025");
        assert_eq!(month(11), "10 نونبر 2025");
        assert_eq!(month(12), "10 دجنبر 2025");
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
    fn every_pattern_is_parsed_once_and_writes_as_the_text_does() {
        let t = Translations::load().expect("locales load");
        assert_eq!(
            t.dates.len(),
            Locale::ALL.len() * 3,
            "no pattern is read per date"
        );
        let at = Utc
            .with_ymd_and_hms(2025, 3, 20, 22, 30, 0)
            .single()
            .expect("a date");
        for locale in Locale::ALL {
            for style in [DateStyle::Long, DateStyle::Medium, DateStyle::DateTime] {
                let text = t.text(locale, style.pattern_key());
                let expected = at
                    .with_timezone(&Tz::Asia__Almaty)
                    .format_localized(&text, chrono_locale(locale))
                    .to_string();
                // Twice: the second is written from what the first kept.
                for _ in 0..2 {
                    assert_eq!(
                        format_date(&t, at, style, locale, Tz::Asia__Almaty),
                        expected
                    );
                }
            }
        }
        // Days are kept by the day of the time zone: two times of one day there, and a
        // day that is another one in UTC.
        let (morning, evening) = (
            at - chrono::Duration::hours(3),
            at + chrono::Duration::hours(1),
        );
        let medium = |when, tz| format_date(&t, when, DateStyle::Medium, Locale::Fr, tz);
        assert_eq!(medium(morning, Tz::Asia__Almaty), "21 mars 2025");
        assert_eq!(medium(evening, Tz::Asia__Almaty), "21 mars 2025");
        assert_eq!(medium(morning, Tz::UTC), "20 mars 2025");
        let datetime =
            |when| format_date(&t, when, DateStyle::DateTime, Locale::Fr, Tz::Asia__Almaty);
        assert_ne!(
            datetime(morning),
            datetime(evening),
            "times of day are not kept by the day"
        );
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
        assert_eq!(format_number(1874, Locale::Ar), "1,874");
        assert_eq!(
            format_number_with(1874, Locale::Ar, Digits::Arabic),
            "١٬٨٧٤"
        );
        assert_eq!(
            format_number_with(1874, Locale::Ar, Digits::Western),
            "1,874"
        );
    }
}
