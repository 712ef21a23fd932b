//! Dates as official documents write them: possibly partial (`2022`, `2022-01`,
//! `2022-01-15`), compared by their first day, rendered at their own precision.

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// A calendar date known to year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn day(date: NaiveDate) -> Self {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let bad = || {
            format!("\"{s}\" is not a date; write YYYY-MM-DD (2022-01-15), YYYY-MM (2022-01) or YYYY (2022)")
        };
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = num(parts.first().copied().unwrap_or(""), 4)? as i32;
        let month = match parts.get(1) {
            Some(m) => {
                let m = num(m, 2)?;
                if !(1..=12).contains(&m) {
                    return Err(format!("\"{s}\": month {m} does not exist"));
                }
                Some(m)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => {
                let d = num(d, 2)?;
                let m = month.expect("a day part implies a month part");
                if NaiveDate::from_ymd_opt(year, m, d).is_none() {
                    return Err(format!(
                        "\"{s}\": day {d} does not exist in month {m} of {year}"
                    ));
                }
                Some(d)
            }
            None => None,
        };
        if parts.len() > 3 {
            return Err(bad());
        }
        Ok(PartialDate { year, month, day })
    }

    /// The first day the date can mean; used for "is it in the future" and ordering.
    pub fn start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("validated at parse time")
    }

    /// The last day the date can mean: 31 December for a year, the month's last day.
    pub fn end(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(_), Some(_)) => self.start(),
            (Some(m), None) => {
                let (y, next) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                NaiveDate::from_ymd_opt(y, next, 1)
                    .expect("valid month")
                    .pred_opt()
                    .expect("not the first day ever")
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31).expect("valid year"),
        }
    }

    /// Sort key that puts less precise dates after precise ones in the same period.
    pub fn sort_key(&self) -> (i32, u32, u32) {
        (self.year, self.month.unwrap_or(13), self.day.unwrap_or(32))
    }

    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// Localized long form: "ngày 05 tháng 01 năm 2022" / "5 January 2022".
    pub fn format(&self, lang: &str) -> String {
        if lang == "vi" {
            // Official style: days below 10 and the months 1 and 2 are zero-padded.
            let month = |m: u32| {
                if m <= 2 {
                    format!("{m:02}")
                } else {
                    m.to_string()
                }
            };
            match (self.month, self.day) {
                (Some(m), Some(d)) => format!("ngày {d:02} tháng {} năm {}", month(m), self.year),
                (Some(m), None) => format!("tháng {} năm {}", month(m), self.year),
                _ => format!("năm {}", self.year),
            }
        } else {
            match (self.month, self.day) {
                (Some(m), Some(d)) => format!("{d} {} {}", MONTHS_EN[m as usize - 1], self.year),
                (Some(m), None) => format!("{} {}", MONTHS_EN[m as usize - 1], self.year),
                _ => self.year.to_string(),
            }
        }
    }

    /// Month name for group headings on the timeline: "Tháng 01" / "January".
    pub fn month_label(month: u32, lang: &str) -> String {
        if lang == "vi" {
            if month <= 2 {
                format!("Tháng {month:02}")
            } else {
                format!("Tháng {month}")
            }
        } else {
            MONTHS_EN[month as usize - 1].to_string()
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date like 2022-01-15, 2022-01 or 2022")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).map_err(E::custom)
            }
            // YAML reads an unquoted `2022` as a number.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// A full date, for fields where a day is required (exemplar recognition, report submission).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let p = PartialDate::deserialize(d)?;
        match (p.month, p.day) {
            (Some(_), Some(_)) => Ok(Day(p.start())),
            _ => Err(de::Error::custom(format!(
                "\"{}\" needs a full date here: write YYYY-MM-DD",
                p.iso()
            ))),
        }
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a month 01–12 and a day 01–31; whether the day
/// exists in its month is checked by [`PartialDate::parse`], not by the pattern.
pub const PARTIAL_DATE_PATTERN: &str = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$";

/// `YYYY-MM-DD` only.
pub const DAY_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

// Hand-written schemas: these types deserialize through a visitor, so there is no derive to
// lean on. Inlined so each field keeps its own description next to the format. YAML reads an
// unquoted `2022` as a number, hence `integer` beside `string`.
impl schemars::JsonSchema for PartialDate {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date: 2022-01-15 (day), \"2022-01\" (month) or 2022 (year).",
            "type": ["string", "integer"],
            "pattern": PARTIAL_DATE_PATTERN,
            "minimum": 1000,
            "maximum": 9999,
            "examples": ["2022-01-15", "2022-01", 2022],
        })
    }
}

impl schemars::JsonSchema for Day {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Day".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A full date, year-month-day: 2022-01-15.",
            "type": "string",
            "pattern": DAY_PATTERN,
            "examples": ["2022-01-15"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_official_dates() {
        let d = |s| PartialDate::parse(s).expect("valid");
        assert_eq!(d("2022-01-05").format("vi"), "ngày 05 tháng 01 năm 2022");
        assert_eq!(d("2022-03-12").format("vi"), "ngày 12 tháng 3 năm 2022");
        assert_eq!(d("2022-02-28").format("vi"), "ngày 28 tháng 02 năm 2022");
        assert_eq!(d("2022-12-09").format("vi"), "ngày 09 tháng 12 năm 2022");
        assert_eq!(d("2022-01").format("vi"), "tháng 01 năm 2022");
        assert_eq!(d("2022").format("vi"), "năm 2022");
        assert_eq!(d("2022-01-05").format("en"), "5 January 2022");
        assert_eq!(d("2022-01").format("en"), "January 2022");
    }

    #[test]
    fn partial_dates_end_at_the_end_of_their_period() {
        let d = |s| PartialDate::parse(s).expect("valid");
        assert_eq!(d("2022").end().to_string(), "2022-12-31");
        assert_eq!(d("2024-02").end().to_string(), "2024-02-29");
        assert_eq!(d("2022-12").end().to_string(), "2022-12-31");
        assert_eq!(d("2022-03-05").end().to_string(), "2022-03-05");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(PartialDate::parse("2022-02-30").is_err());
        assert!(PartialDate::parse("2022-13").is_err());
        assert!(PartialDate::parse("22-01-01").is_err());
        assert!(PartialDate::parse("2022/01/01").is_err());
        assert!(PartialDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn partial_dates_sort_after_precise_ones_in_their_period() {
        let d = |s| PartialDate::parse(s).expect("valid");
        assert!(d("2022-01-31").sort_key() < d("2022-01").sort_key());
        assert!(d("2022-12-31").sort_key() < d("2022").sort_key());
        assert!(d("2022").sort_key() < d("2023-01-01").sort_key());
    }
}
