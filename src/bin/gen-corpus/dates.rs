//! Calendar days as day numbers, and dates written to a precision (day, month or year),
//! as the content formats allow.

use crate::rng::Rng;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Date {
    pub fn new(y: i32, m: u32, d: u32) -> Date {
        Date { y, m, d }
    }

    /// Days since 1970-01-01 (Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::days`].
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date::new((yoe + era * 400 + i64::from(m <= 2)) as i32, m, d)
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// A uniformly random day in `lo..=hi`.
    pub fn between(rng: &mut Rng, lo: Date, hi: Date) -> Date {
        Date::from_days(rng.range(lo.days(), hi.days().max(lo.days())))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// How much of a date is written: official documents often give only a month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// A date as written, to a precision.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub date: Date,
    pub precision: Precision,
}

impl Written {
    pub fn day(date: Date) -> Written {
        Written {
            date,
            precision: Precision::Day,
        }
    }

    /// The first day the written date covers.
    pub fn start(self) -> Date {
        match self.precision {
            Precision::Day => self.date,
            Precision::Month => Date::new(self.date.y, self.date.m, 1),
            Precision::Year => Date::new(self.date.y, 1, 1),
        }
    }

    /// The last day the written date covers.
    pub fn end(self) -> Date {
        match self.precision {
            Precision::Day => self.date,
            Precision::Month => {
                let (y, m) = if self.date.m == 12 {
                    (self.date.y + 1, 1)
                } else {
                    (self.date.y, self.date.m + 1)
                };
                Date::new(y, m, 1).add_days(-1)
            }
            Precision::Year => Date::new(self.date.y, 12, 31),
        }
    }
}

impl fmt::Display for Written {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Date { y, m, .. } = self.date;
        match self.precision {
            Precision::Day => self.date.fmt(f),
            Precision::Month => write!(f, "{y:04}-{m:02}"),
            Precision::Year => write!(f, "{y:04}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_across_leap_years() {
        assert_eq!(Date::new(1970, 1, 1).days(), 0);
        assert_eq!(Date::new(2024, 3, 1).add_days(-1), Date::new(2024, 2, 29));
        for z in Date::new(2014, 1, 1).days()..Date::new(2026, 1, 1).days() {
            assert_eq!(Date::from_days(z).days(), z);
        }
        let feb = Written {
            date: Date::new(2023, 2, 9),
            precision: Precision::Month,
        };
        assert_eq!(feb.end(), Date::new(2023, 2, 28));
        assert_eq!(feb.to_string(), "2023-02");
    }
}
