//! Calendar dates, as the reports print them and ISO 8601 writes them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day. Orders chronologically; prints and parses as `YYYY-MM-DD`.
///
/// ```
/// use inspection_kb::Date;
/// let date: Date = "2015-06-18".parse().unwrap();
/// assert_eq!(date.to_string(), "2015-06-18");
/// assert!(date < Date::new(2019, 10, 25).unwrap());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Field order is the chronological order the derived `Ord` relies on.
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if `day` exists in `month` of `year` (leap years included).
    pub const fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month) {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// The year, e.g. 2015.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days from `self` to `later`, negative if `later` is earlier.
    ///
    /// ```
    /// use inspection_kb::Date;
    /// let from = Date::new(2024, 2, 26).unwrap();
    /// assert_eq!(from.days_to(Date::new(2024, 3, 1).unwrap()), 4);
    /// ```
    pub fn days_to(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
    }

    /// Days since 1 March of year 0 of the proleptic Gregorian calendar:
    /// counting years from March puts the leap day last in its year.
    fn day_number(self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let month_from_march = (month + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
        year * 365 + year / 4 - year / 100 + year / 400 + day_of_year
    }
}

const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Text that is not an ISO date (`YYYY-MM-DD`) of a real calendar day.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date; dates are written YYYY-MM-DD, e.g. 2015-06-18")]
pub struct ParseDateError(pub String);

impl FromStr for Date {
    type Err = ParseDateError;

    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        let fail = || ParseDateError(s.to_string());
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(fail());
        };
        let widths_ok = y.len() == 4 && m.len() == 2 && d.len() == 2;
        let all_digits = [y, m, d]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !widths_ok || !all_digits {
            return Err(fail());
        }
        // Widths and digits were checked just above, so these parses cannot fail.
        let (y, m, d) = (
            y.parse().map_err(|_| fail())?,
            m.parse().map_err(|_| fail())?,
            d.parse().map_err(|_| fail())?,
        );
        Date::new(y, m, d).ok_or_else(fail)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_day_is_one_after_the_one_before() {
        let mut previous = Date::new(1899, 12, 31).unwrap();
        for year in 1900..=2100 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    let date = Date::new(year, month, day).unwrap();
                    assert_eq!(previous.days_to(date), 1, "{previous} to {date}");
                    previous = date;
                }
            }
        }
        let leap = Date::new(2024, 1, 1).unwrap();
        assert_eq!(leap.days_to(Date::new(2025, 1, 1).unwrap()), 366);
        assert_eq!(Date::new(2025, 1, 1).unwrap().days_to(leap), -366);
    }

    #[test]
    fn rejects_days_that_do_not_exist() {
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2015, 4, 31).is_none());
        assert!(Date::new(2015, 13, 1).is_none());
        assert!(Date::new(2015, 1, 0).is_none());
    }

    #[test]
    fn parses_only_iso_dates() {
        assert_eq!(
            "2014-10-08".parse::<Date>().unwrap(),
            Date::new(2014, 10, 8).unwrap()
        );
        for bad in [
            "2014-10-8",
            "14-10-08",
            "2014/10/08",
            "2014-10-08-01",
            "",
            "2014-02-30",
            "+014-10-08",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    #[test]
    fn orders_chronologically() {
        let a = Date::new(2014, 12, 31).unwrap();
        let b = Date::new(2015, 1, 1).unwrap();
        assert!(a < b);
    }
}
