//! Where a service is (WGS84, as Open Referral UK locations give it) and how far away.
//!
//! Kept as whole millionths of a degree (about 10 cm), so a place read from a
//! form, the store or an import file compares and writes back exactly.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// A point in the UK, in millionths of a degree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Coordinates {
    pub lat_e6: i32,
    pub lon_e6: i32,
}

/// The UK with its islands (Scilly to Shetland, Northern Ireland to Kent), as a box.
const LAT: (f64, f64) = (49.8, 60.9);
const LON: (f64, f64) = (-8.7, 1.8);

/// Which coordinate a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Latitude,
    Longitude,
}

impl Axis {
    fn word(self) -> &'static str {
        match self {
            Axis::Latitude => "latitude",
            Axis::Longitude => "longitude",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Axis::Latitude => "51.4545",
            Axis::Longitude => "-2.5879",
        }
    }

    fn range(self) -> (f64, f64) {
        match self {
            Axis::Latitude => LAT,
            Axis::Longitude => LON,
        }
    }

    /// Why a value will not do, in plain words (`None` when it will).
    pub fn problem(self, value: f64) -> Option<String> {
        let (low, high) = self.range();
        if !value.is_finite() {
            return Some(format!("Write the {} as a number, like {}.", self.word(), self.example()));
        }
        (!(low..=high).contains(&value))
            .then(|| format!("That {} is not in the UK. UK values are between {low} and {high}.", self.word()))
    }

    /// A typed value: a number inside the UK, or what is wrong with it.
    pub fn read(self, typed: &str) -> Result<f64, String> {
        let value: f64 = typed
            .trim()
            .parse()
            .map_err(|_| format!("Write the {} as a number, like {}.", self.word(), self.example()))?;
        match self.problem(value) {
            Some(problem) => Err(problem),
            None => Ok(value),
        }
    }
}

impl Coordinates {
    /// From degrees already checked to be in the UK.
    pub fn from_degrees(lat: f64, lon: f64) -> Coordinates {
        Coordinates { lat_e6: (lat * 1e6).round() as i32, lon_e6: (lon * 1e6).round() as i32 }
    }

    pub fn lat(self) -> f64 {
        f64::from(self.lat_e6) / 1e6
    }

    pub fn lon(self) -> f64 {
        f64::from(self.lon_e6) / 1e6
    }

    /// Rounded to two decimals (about 1 km): all a list sorted by distance needs
    /// of where someone is, and no more.
    pub fn rough(self) -> Coordinates {
        let round = |e6: i32| ((f64::from(e6) / 1e4).round() * 1e4) as i32;
        Coordinates { lat_e6: round(self.lat_e6), lon_e6: round(self.lon_e6) }
    }

    /// Great-circle distance (haversine) in miles.
    pub fn miles_to(self, other: Coordinates) -> f64 {
        const EARTH_RADIUS_MILES: f64 = 3958.8;
        let (p1, p2) = (self.lat().to_radians(), other.lat().to_radians());
        let dp = p2 - p1;
        let dl = (other.lon() - self.lon()).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_MILES * a.sqrt().asin()
    }

    /// Both typed values, or neither; each a number inside the UK. `fields` name
    /// the form fields for the message.
    pub fn from_typed(lat: &str, lon: &str, fields: (&str, &str)) -> Result<Option<Coordinates>, AppError> {
        match (lat.trim().is_empty(), lon.trim().is_empty()) {
            (true, true) => Ok(None),
            (false, true) => Err(AppError::invalid(fields.1, "Give the longitude too, or leave both empty.")),
            (true, false) => Err(AppError::invalid(fields.0, "Give the latitude too, or leave both empty.")),
            (false, false) => {
                let lat = Axis::Latitude.read(lat).map_err(|m| AppError::invalid(fields.0, m))?;
                let lon = Axis::Longitude.read(lon).map_err(|m| AppError::invalid(fields.1, m))?;
                Ok(Some(Coordinates::from_degrees(lat, lon)))
            }
        }
    }
}

/// "About 1.2 miles away." (one decimal, as a person reads it off a sign).
pub fn distance_words(miles: f64) -> String {
    if miles < 0.05 {
        "Less than 0.1 miles away.".to_owned()
    } else {
        format!("About {miles:.1} miles away.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_are_great_circle_miles() {
        // Bristol Temple Meads to Cardiff Central: about 26 miles as the crow flies.
        let bristol = Coordinates::from_degrees(51.4491, -2.5813);
        let cardiff = Coordinates::from_degrees(51.4760, -3.1791);
        let miles = bristol.miles_to(cardiff);
        assert!((25.5..26.5).contains(&miles), "{miles}");
        assert_eq!(bristol.miles_to(bristol), 0.0);
        assert_eq!(distance_words(1.234), "About 1.2 miles away.");
        assert_eq!(distance_words(0.01), "Less than 0.1 miles away.");
    }

    #[test]
    fn typed_places_must_be_both_numbers_in_the_uk() {
        let f = ("lat", "lon");
        assert_eq!(Coordinates::from_typed("", " ", f), Ok(None));
        let here = Coordinates::from_typed("51.4545", "-2.5879", f).unwrap().unwrap();
        assert_eq!((here.lat_e6, here.lon_e6), (51_454_500, -2_587_900));
        let err = |lat: &str, lon: &str| {
            let e = Coordinates::from_typed(lat, lon, f).unwrap_err();
            (e.field().map(str::to_owned), e.to_string())
        };
        assert_eq!(err("51.4", ""), (Some("lon".into()), "Give the longitude too, or leave both empty.".into()));
        assert_eq!(err("north", "1"), (Some("lat".into()), "Write the latitude as a number, like 51.4545.".into()));
        assert_eq!(
            err("48.85", "2.35"),
            (Some("lat".into()), "That latitude is not in the UK. UK values are between 49.8 and 60.9.".into())
        );
        assert_eq!(err("51.5", "NaN").1, "Write the longitude as a number, like -2.5879.");
    }

    #[test]
    fn rough_keeps_two_decimals_and_round_trips_exactly() {
        let p = Coordinates::from_degrees(51.4545, -2.5879).rough();
        assert_eq!((p.lat_e6, p.lon_e6), (51_450_000, -2_590_000));
        let again = Coordinates::from_degrees(p.lat(), p.lon());
        assert_eq!(again, p);
    }
}
