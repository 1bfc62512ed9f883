//! [`Date`]: a calendar day (`YYYY-MM-DD`), the date of a document and the bounds of a
//! dictionary code's validity.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// A calendar day in the proleptic Gregorian calendar. Ordered chronologically.
///
/// Written and parsed as `YYYY-MM-DD` (also in JSON):
///
/// ```
/// use detente::Date;
/// let d: Date = "2015-07-14".parse()?;
/// assert_eq!((d.year(), d.month(), d.day()), (2015, 7, 14));
/// assert_eq!(d.to_string(), "2015-07-14");
/// assert!("2015-02-30".parse::<Date>().is_err());
/// # Ok::<(), detente::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date from its parts; `Error::Input` when the day does not exist.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(Error::Input(format!(
                "no such date: {year:04}-{month:02}-{day:02}"
            )));
        }
        Ok(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = Error;

    /// Parse `YYYY-MM-DD` (exactly: four, two and two digits).
    fn from_str(s: &str) -> Result<Date> {
        let bad = || Error::Input(format!("date `{s}` is not YYYY-MM-DD"));
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) {
            return Err(bad());
        }
        if !digits(8..10) {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<u16>().map_err(|_| bad());
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Date::new(y, m as u8, d as u8)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_days_and_rejects_impossible_ones() {
        let d: Date = "2024-02-29".parse().unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2024, 2, 29));
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2015-13-01",
            "2015-00-10",
            "2015-04-31",
            "2015-4-01",
            "15-04-01",
            "2015/04/01",
            "2015-04-01T00:00",
            "",
            "２０１５-04-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad} should not parse");
        }
        assert!("2000-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn orders_chronologically_and_round_trips_through_json() {
        let a: Date = "2013-08-03".parse().unwrap();
        let b: Date = "2013-12-01".parse().unwrap();
        let c: Date = "2014-01-01".parse().unwrap();
        assert!(a < b && b < c);
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(json, "\"2013-12-01\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), b);
        assert!(serde_json::from_str::<Date>("\"December 1, 2013\"").is_err());
    }
}
