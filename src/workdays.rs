//! Working days in Viet Nam: Monday to Friday, less public holidays and the days the
//! government gives off in their place, plus the Saturdays worked to make up for a bridge
//! day. Comment windows on nominations are counted in working days (Nghị định
//! 98/2023/NĐ-CP, Điều 46 khoản 2: at least 10 working days).
//!
//! The lunar holidays (Tết, Giỗ Tổ Hùng Vương) and the days given off in lieu change every
//! year, so they are data: the years known when this program was built are compiled in
//! (`vn-holidays.yaml`), and a site adds or corrects years in content/data/holidays.yaml.
//! A year with no data is counted without its holidays, and `check` says so.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::de::{self, Deserializer};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The holidays compiled into the program.
pub const BUILT_IN: &str = include_str!("workdays/vn-holidays.yaml");

/// One year's days off and make-up working days, as written in the holidays file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HolidayYear {
    /// The year these days belong to.
    pub year: i32,
    /// Days off for public holidays and the days given in their place: "2024-01-01", or a
    /// range "2024-02-08..2024-02-14".
    #[serde(default)]
    pub off: Vec<Days>,
    /// Saturdays (or Sundays) worked to make up for a bridge day: "2024-05-04".
    #[serde(default)]
    pub work: Vec<Days>,
    /// Where the days come from: the notice that set them.
    #[serde(default)]
    pub source: String,
}

/// A day or a range of days, both included.
#[derive(Debug, Clone, Copy, schemars::JsonSchema)]
#[schemars(with = "String")]
pub struct Days(pub NaiveDate, pub NaiveDate);

impl Days {
    fn parse(s: &str) -> Result<Days, String> {
        let day = |t: &str| {
            let t = t.trim();
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .ok()
                .filter(|_| t.len() == 10)
                .ok_or_else(|| format!("\"{t}\" is not a day; write YYYY-MM-DD"))
        };
        let (a, b) = match s.split_once("..") {
            Some((a, b)) => (day(a)?, day(b)?),
            None => (day(s)?, day(s)?),
        };
        if b < a {
            return Err(format!("\"{s}\": the range ends before it starts"));
        }
        if (b - a).num_days() > 31 {
            return Err(format!(
                "\"{s}\": a range of days off is at most a month long"
            ));
        }
        Ok(Days(a, b))
    }

    fn iter(self) -> impl Iterator<Item = NaiveDate> {
        self.0.iter_days().take_while(move |d| *d <= self.1)
    }
}

impl<'de> Deserialize<'de> for Days {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Days::parse(&s).map_err(de::Error::custom)
    }
}

/// The working-day calendar: which days are off, which weekend days are worked, and which
/// years it knows.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    off: BTreeSet<NaiveDate>,
    work: BTreeSet<NaiveDate>,
    years: BTreeSet<i32>,
}

impl Calendar {
    /// The calendar of `years`; a year given twice is the last one given (the site's file
    /// comes after the built-in data, so it can correct a year).
    pub fn new(years: impl IntoIterator<Item = HolidayYear>) -> Calendar {
        let mut by_year: BTreeMap<i32, HolidayYear> = BTreeMap::new();
        for y in years {
            by_year.insert(y.year, y);
        }
        let mut c = Calendar::default();
        for (year, y) in by_year {
            c.years.insert(year);
            c.off.extend(y.off.iter().flat_map(|d| d.iter()));
            c.work.extend(y.work.iter().flat_map(|d| d.iter()));
        }
        c
    }

    /// The built-in years.
    pub fn built_in() -> Vec<HolidayYear> {
        crate::yaml::from_builtin(BUILT_IN).expect("the built-in holidays parse (tested)")
    }

    pub fn is_working(&self, day: NaiveDate) -> bool {
        if self.work.contains(&day) {
            return true;
        }
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.off.contains(&day)
    }

    /// Working days from `from` to `to`, both included; 0 if `to` is before `from`.
    pub fn count(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working(*d))
            .count() as u32
    }

    /// The years between `from` and `to` the calendar has no holidays for.
    pub fn unknown_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        (from.year()..=to.year())
            .filter(|y| !self.years.contains(y))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn cal() -> Calendar {
        Calendar::new(Calendar::built_in())
    }

    #[test]
    fn the_built_in_years_parse_and_cover_2022_to_2026() {
        let years: Vec<i32> = Calendar::built_in().iter().map(|y| y.year).collect();
        assert_eq!(years, [2022, 2023, 2024, 2025, 2026]);
    }

    #[test]
    fn tet_is_not_working_time() {
        let c = cal();
        // Tết Giáp Thìn 2024: off from Thursday 8 to Wednesday 14 February.
        assert!(c.is_working(d("2024-02-07")));
        assert!(!c.is_working(d("2024-02-08")));
        assert!(!c.is_working(d("2024-02-14")));
        assert!(c.is_working(d("2024-02-15")));
        // Two weeks around Tết: 10 weekdays, 5 of them Tết.
        assert_eq!(c.count(d("2024-02-05"), d("2024-02-16")), 5);
        // Tết Bính Ngọ 2026: 14 to 22 February.
        assert_eq!(c.count(d("2026-02-13"), d("2026-02-23")), 2);
    }

    #[test]
    fn the_april_and_may_holidays_and_their_make_up_saturday() {
        let c = cal();
        // 2024: off Saturday 27 April to Wednesday 1 May; Saturday 4 May is worked.
        assert!(!c.is_working(d("2024-04-29")));
        assert!(!c.is_working(d("2024-04-30")));
        assert!(!c.is_working(d("2024-05-01")));
        assert!(c.is_working(d("2024-05-04")));
        // From Friday 26 April to Monday 6 May: 26 Apr, 2, 3, 4 (Saturday) and 6 May.
        assert_eq!(c.count(d("2024-04-26"), d("2024-05-06")), 5);
    }

    #[test]
    fn counting_across_a_year_boundary() {
        let c = cal();
        // 26 December 2024 to 8 January 2025: 1 January 2025 is off.
        assert_eq!(c.count(d("2024-12-26"), d("2025-01-08")), 9);
        assert!(c.unknown_years(d("2024-12-26"), d("2025-01-08")).is_empty());
        assert_eq!(c.unknown_years(d("2026-12-20"), d("2027-01-10")), [2027]);
        assert_eq!(c.count(d("2025-01-08"), d("2025-01-01")), 0);
    }

    #[test]
    fn a_site_corrects_a_year() {
        let mut years = Calendar::built_in();
        years.push(HolidayYear {
            year: 2024,
            off: vec![Days::parse("2024-03-08").expect("day")],
            work: vec![],
            source: "test".into(),
        });
        let c = Calendar::new(years);
        assert!(!c.is_working(d("2024-03-08")));
        assert!(
            c.is_working(d("2024-02-08")),
            "the built-in 2024 is replaced"
        );
    }

    #[test]
    fn ranges_are_checked() {
        assert!(Days::parse("2024-02-14..2024-02-08").is_err());
        assert!(Days::parse("2024-02-30").is_err());
        assert!(Days::parse("2024-01-01..2024-06-01").is_err());
    }
}
