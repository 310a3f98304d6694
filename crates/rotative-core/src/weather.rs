//! The weather of the header's widget: the cities it shows ([`City`]), what a weather
//! service said about one ([`Reading`]), the rule deciding which answers are believable
//! ([`Reading::new`]), the few conditions readers are shown ([`Condition`], from WMO
//! weather codes), and the unit temperatures are shown in ([`TemperatureUnit`]).
//!
//! Fetching and showing happen in the web layer; this module only holds the rules.

use crate::Timestamp;
use serde::{Deserialize, Serialize};

/// The lowest temperature believed, in °C (the coldest ever measured is about -89 °C).
pub const MIN_CELSIUS: f64 = -90.0;

/// The highest temperature believed, in °C (the hottest ever measured is about 57 °C).
pub const MAX_CELSIUS: f64 = 60.0;

/// Hours after which a reading is shown with its age ("il y a 4 h").
pub const STALE_AFTER_HOURS: i64 = 3;

/// Hours after which a reading is no longer shown at all: yesterday's temperature is not
/// the weather.
pub const EXPIRES_AFTER_HOURS: i64 = 24;

/// A city whose weather the header shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct City {
    /// Its name, as shown.
    pub name: String,
    /// Its latitude, in degrees (-90 to 90).
    pub latitude: f64,
    /// Its longitude, in degrees (-180 to 180).
    pub longitude: f64,
}

/// What is wrong with a city.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CityProblem {
    /// The name is empty, too long or holds control characters.
    #[error("the name must be 1 to 100 characters, without control characters")]
    Name,
    /// The latitude is not within -90..=90.
    #[error("the latitude must be from -90 to 90")]
    Latitude,
    /// The longitude is not within -180..=180.
    #[error("the longitude must be from -180 to 180")]
    Longitude,
}

impl City {
    /// Reads a list written `Name:latitude:longitude; Name2:…` (a name may hold `:`, the
    /// coordinates are the last two fields), each city checked.
    pub fn parse_list(text: &str) -> Option<Vec<City>> {
        text.split(';')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                let mut fields = entry.rsplitn(3, ':');
                let longitude = fields.next()?.trim().parse::<f64>().ok()?;
                let latitude = fields.next()?.trim().parse::<f64>().ok()?;
                let city = City {
                    name: fields.next()?.trim().to_owned(),
                    latitude,
                    longitude,
                };
                city.check().ok()?;
                Some(city)
            })
            .collect()
    }

    /// Writes a list as [`City::parse_list`] reads it.
    pub fn list_text(cities: &[City]) -> String {
        cities
            .iter()
            .map(|c| format!("{}:{}:{}", c.name, c.latitude, c.longitude))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Checks the city's name and coordinates.
    pub fn check(&self) -> Result<(), CityProblem> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
            return Err(CityProblem::Name);
        }
        if !(-90.0..=90.0).contains(&self.latitude) {
            return Err(CityProblem::Latitude);
        }
        if !(-180.0..=180.0).contains(&self.longitude) {
            return Err(CityProblem::Longitude);
        }
        Ok(())
    }

    /// Whether the sun is up there at `at` (its centre above -0.833°, as sunrise and sunset
    /// are reckoned), so a clear night sky is not shown as a sun. NOAA's approximation,
    /// within a few minutes of the almanac.
    pub fn is_daytime(&self, at: Timestamp) -> bool {
        use chrono::{Datelike, Timelike};
        use std::f64::consts::PI;
        let minutes = f64::from(at.hour() * 60 + at.minute()) + f64::from(at.second()) / 60.0;
        let days = f64::from(at.ordinal0()) + (minutes / 60.0 - 12.0) / 24.0;
        let year = 2.0 * PI / 365.0 * days;
        let equation_of_time = 229.18
            * (0.000_075 + 0.001_868 * year.cos()
                - 0.032_077 * year.sin()
                - 0.014_615 * (2.0 * year).cos()
                - 0.040_849 * (2.0 * year).sin());
        let declination = 0.006_918 - 0.399_912 * year.cos() + 0.070_257 * year.sin()
            - 0.006_758 * (2.0 * year).cos()
            + 0.000_907 * (2.0 * year).sin()
            - 0.002_697 * (3.0 * year).cos()
            + 0.001_48 * (3.0 * year).sin();
        let solar_minutes = minutes + equation_of_time + 4.0 * self.longitude;
        let hour_angle = (solar_minutes / 4.0 - 180.0).to_radians();
        let latitude = self.latitude.to_radians();
        let elevation = (latitude.sin() * declination.sin()
            + latitude.cos() * declination.cos() * hour_angle.cos())
        .clamp(-1.0, 1.0)
        .asin()
        .to_degrees();
        elevation > -0.833
    }
}

/// The weather as readers are told it: a few conditions, each with a label and an icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// Clear or mainly clear sky.
    Clear,
    /// Some clouds.
    PartlyCloudy,
    /// Overcast.
    Cloudy,
    /// Fog or rime fog.
    Fog,
    /// Drizzle, freezing drizzle included.
    Drizzle,
    /// Rain, freezing rain included.
    Rain,
    /// Snow fall, snow grains, snow showers.
    Snow,
    /// Rain showers.
    Showers,
    /// Thunderstorm, with or without hail.
    Thunderstorm,
}

impl Condition {
    /// The condition of a WMO weather interpretation code (the codes Open-Meteo uses);
    /// `None` for a code it does not use.
    pub fn from_wmo(code: u8) -> Option<Condition> {
        Some(match code {
            0 | 1 => Condition::Clear,
            2 => Condition::PartlyCloudy,
            3 => Condition::Cloudy,
            45 | 48 => Condition::Fog,
            51 | 53 | 55 | 56 | 57 => Condition::Drizzle,
            61 | 63 | 65 | 66 | 67 => Condition::Rain,
            71 | 73 | 75 | 77 | 85 | 86 => Condition::Snow,
            80..=82 => Condition::Showers,
            95 | 96 | 99 => Condition::Thunderstorm,
            _ => return None,
        })
    }

    /// Its name in templates and message ids (`partly-cloudy`).
    pub fn name(self) -> &'static str {
        match self {
            Condition::Clear => "clear",
            Condition::PartlyCloudy => "partly-cloudy",
            Condition::Cloudy => "cloudy",
            Condition::Fog => "fog",
            Condition::Drizzle => "drizzle",
            Condition::Rain => "rain",
            Condition::Snow => "snow",
            Condition::Showers => "showers",
            Condition::Thunderstorm => "thunderstorm",
        }
    }
}

/// The current weather at a city, as a weather service gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    /// The air temperature at 2 m, in °C.
    pub celsius: f64,
    /// The WMO weather code.
    pub code: u8,
    /// When it was fetched.
    pub at: Timestamp,
}

/// A service's answer that cannot be the weather.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum Implausible {
    /// A temperature outside [`MIN_CELSIUS`]..=[`MAX_CELSIUS`] (or not a number).
    #[error("{0} °C is not a plausible air temperature")]
    Temperature(f64),
    /// A weather code that is not a WMO code weather services use.
    #[error("{0} is not a known WMO weather code")]
    Code(f64),
}

impl Reading {
    /// A reading, if the answer is believable: a temperature within
    /// [`MIN_CELSIUS`]..=[`MAX_CELSIUS`] and a known WMO weather code (services send it as
    /// a JSON number, hence `f64`).
    pub fn new(celsius: f64, code: f64, at: Timestamp) -> Result<Self, Implausible> {
        if !(MIN_CELSIUS..=MAX_CELSIUS).contains(&celsius) {
            return Err(Implausible::Temperature(celsius));
        }
        // Within 0..=99 and whole, the cast is exact.
        let known = (code.fract() == 0.0 && (0.0..=99.0).contains(&code))
            .then_some(code as u8)
            .filter(|c| Condition::from_wmo(*c).is_some());
        let Some(code) = known else {
            return Err(Implausible::Code(code));
        };
        Ok(Reading { celsius, code, at })
    }

    /// What readers are told of the sky.
    pub fn condition(&self) -> Condition {
        Condition::from_wmo(self.code).unwrap_or(Condition::Cloudy)
    }

    /// Whole hours since it was fetched (0 for a reading from the future).
    pub fn age_hours(&self, now: Timestamp) -> i64 {
        (now - self.at).num_hours().max(0)
    }

    /// Whether it is old enough to be shown with its age.
    pub fn is_stale(&self, now: Timestamp) -> bool {
        now - self.at > chrono::Duration::hours(STALE_AFTER_HOURS)
    }

    /// Whether it is too old to be shown.
    pub fn is_expired(&self, now: Timestamp) -> bool {
        now - self.at > chrono::Duration::hours(EXPIRES_AFTER_HOURS)
    }
}

/// The unit temperatures are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TemperatureUnit {
    /// Degrees Celsius.
    #[default]
    Celsius,
    /// Degrees Fahrenheit.
    Fahrenheit,
}

impl TemperatureUnit {
    /// The names, as stored.
    pub const CHOICES: &'static [&'static str] = &["celsius", "fahrenheit"];

    /// The unit a stored value names.
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "celsius" => Some(TemperatureUnit::Celsius),
            "fahrenheit" => Some(TemperatureUnit::Fahrenheit),
            _ => None,
        }
    }

    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            TemperatureUnit::Celsius => "celsius",
            TemperatureUnit::Fahrenheit => "fahrenheit",
        }
    }

    /// A temperature in °C, in this unit, rounded to the degree as readers are shown it
    /// (never "-0").
    pub fn degrees(self, celsius: f64) -> i32 {
        let value = match self {
            TemperatureUnit::Celsius => celsius,
            TemperatureUnit::Fahrenheit => celsius * 9.0 / 5.0 + 32.0,
        };
        // Plausible readings are within -130..=140 in either unit; the cast saturates
        // anyway, and turns -0.0 into 0.
        value.round() as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn at() -> Timestamp {
        Utc.with_ymd_and_hms(2025, 3, 20, 10, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn every_wmo_code_in_use_has_a_condition() {
        let used = [
            0, 1, 2, 3, 45, 48, 51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 71, 73, 75, 77, 80, 81, 82,
            85, 86, 95, 96, 99,
        ];
        for code in 0..=u8::MAX {
            assert_eq!(
                Condition::from_wmo(code).is_some(),
                used.contains(&code),
                "{code}"
            );
        }
        assert_eq!(Condition::from_wmo(2), Some(Condition::PartlyCloudy));
        assert_eq!(Condition::from_wmo(81), Some(Condition::Showers));
        assert_eq!(Condition::from_wmo(99), Some(Condition::Thunderstorm));
    }

    #[test]
    fn absurd_answers_are_refused() {
        assert!(Reading::new(23.4, 0.0, at()).is_ok());
        assert!(Reading::new(-89.0, 71.0, at()).is_ok());
        assert_eq!(
            Reading::new(900.0, 0.0, at()),
            Err(Implausible::Temperature(900.0))
        );
        assert!(Reading::new(-91.0, 0.0, at()).is_err());
        assert!(Reading::new(f64::NAN, 0.0, at()).is_err());
        assert!(Reading::new(20.0, 42.0, at()).is_err());
        assert!(Reading::new(20.0, 1.5, at()).is_err());
        assert!(Reading::new(20.0, -1.0, at()).is_err());
        assert!(Reading::new(20.0, 1e9, at()).is_err());
    }

    #[test]
    fn temperatures_round_to_the_degree_in_either_unit() {
        assert_eq!(TemperatureUnit::Celsius.degrees(23.4), 23);
        assert_eq!(TemperatureUnit::Celsius.degrees(23.5), 24);
        assert_eq!(TemperatureUnit::Celsius.degrees(-0.4), 0);
        assert_eq!(TemperatureUnit::Celsius.degrees(-3.6), -4);
        assert_eq!(TemperatureUnit::Fahrenheit.degrees(23.4), 74);
        assert_eq!(TemperatureUnit::Fahrenheit.degrees(-40.0), -40);
    }

    #[test]
    fn readings_age() {
        let reading = Reading::new(23.4, 0.0, at()).expect("plausible");
        let later = |hours| at() + chrono::Duration::hours(hours);
        assert!(!reading.is_stale(later(3)));
        assert!(reading.is_stale(later(4)));
        assert_eq!(reading.age_hours(later(4)), 4);
        assert!(!reading.is_expired(later(24)));
        assert!(reading.is_expired(later(25)));
    }

    #[test]
    fn day_and_night_follow_the_sun() {
        let marrakech = City {
            name: "Marrakech".to_owned(),
            latitude: 31.6295,
            longitude: -7.9811,
        };
        let utc = |month, day, hour, minute| {
            Utc.with_ymd_and_hms(2025, month, day, hour, minute, 0)
                .single()
                .unwrap_or_default()
        };
        assert!(marrakech.is_daytime(utc(3, 20, 12, 0)));
        assert!(!marrakech.is_daytime(utc(3, 20, 0, 0)));
        // Sunrise in Marrakech on 20 March 2025 is at 06:37 UTC, sunset at 18:43.
        assert!(!marrakech.is_daytime(utc(3, 20, 6, 30)));
        assert!(marrakech.is_daytime(utc(3, 20, 6, 45)));
        assert!(marrakech.is_daytime(utc(3, 20, 18, 35)));
        assert!(!marrakech.is_daytime(utc(3, 20, 18, 50)));
        let tromso = City {
            name: "Tromsø".to_owned(),
            latitude: 69.65,
            longitude: 18.96,
        };
        assert!(tromso.is_daytime(utc(6, 21, 23, 0)), "midnight sun");
        assert!(!tromso.is_daytime(utc(12, 21, 11, 0)), "polar night");
    }

    #[test]
    fn cities_are_checked() {
        let city = |name: &str, latitude, longitude| City {
            name: name.to_owned(),
            latitude,
            longitude,
        };
        assert_eq!(city("Marrakech", 31.6295, -7.9811).check(), Ok(()));
        assert_eq!(city(" ", 0.0, 0.0).check(), Err(CityProblem::Name));
        assert_eq!(city("Nord", 90.5, 0.0).check(), Err(CityProblem::Latitude));
        assert_eq!(
            city("Est", 0.0, -180.5).check(),
            Err(CityProblem::Longitude)
        );
        assert_eq!(
            city("Nulle part", f64::NAN, 0.0).check(),
            Err(CityProblem::Latitude)
        );
    }
}
