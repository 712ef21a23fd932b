//! Reporting periods as real time ranges: half-years, quarters, nine months, months, years,
//! school years and custom ranges. Ordered by time everywhere: the latest period is the one
//! that ends last, so an annual report is newer than the six-month report of its own year
//! and older than the six-month report of the next.

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

/// A reporting period: the days from `start` to `end`, both included.
#[derive(Debug, Clone)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub kind: PeriodKind,
}

/// How a period was written, for its label and its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodKind {
    Month(i32, u32),
    Quarter(i32, u32),
    /// First (1) or second (2) half of a year.
    Half(i32, u32),
    /// January to September.
    NineMonths(i32),
    Year(i32),
    /// September of the first year to May of the next.
    SchoolYear(i32),
    /// Any other range, with its own label in each language (or a label made from the
    /// dates).
    Custom(BTreeMap<String, String>),
}

/// A school year runs from 1 September to 31 May: the Vietnamese school calendar ends
/// classes by the end of May, and reports on a school year are made in the summer.
const SCHOOL_YEAR_START: (u32, u32) = (9, 1);
const SCHOOL_YEAR_END: (u32, u32) = (5, 31);

/// The written forms, for the JSON Schema and the open data.
pub const PERIOD_PATTERN: &str = "^[0-9]{4}(-(H[12]|Q[1-4]|9M|0[1-9]|1[0-2]|[0-9]{4}))?$|^[0-9]{4}-[0-9]{2}-[0-9]{2}\\.\\.[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// What an editor reads when a period does not parse.
pub const PERIOD_HELP: &str = "write 2024-H1 (first six months), 2024-H2, 2024-Q1 … 2024-Q4 \
    (quarters), 2024-9M (nine months), 2024-05 (a month), 2024 (the year), 2023-2024 (a \
    school year) or 2024-04-01..2025-03-31 (any range)";

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .expect("valid month")
}

fn year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| *y >= 1000)
}

impl Period {
    fn of(kind: PeriodKind) -> Period {
        let (start, end) = match &kind {
            PeriodKind::Month(y, m) => (ymd(*y, *m, 1).expect("valid"), month_end(*y, *m)),
            PeriodKind::Quarter(y, q) => (
                ymd(*y, (q - 1) * 3 + 1, 1).expect("valid"),
                month_end(*y, q * 3),
            ),
            PeriodKind::Half(y, h) => (
                ymd(*y, (h - 1) * 6 + 1, 1).expect("valid"),
                month_end(*y, h * 6),
            ),
            PeriodKind::NineMonths(y) => (ymd(*y, 1, 1).expect("valid"), month_end(*y, 9)),
            PeriodKind::Year(y) => (ymd(*y, 1, 1).expect("valid"), month_end(*y, 12)),
            PeriodKind::SchoolYear(y) => (
                ymd(*y, SCHOOL_YEAR_START.0, SCHOOL_YEAR_START.1).expect("valid"),
                ymd(*y + 1, SCHOOL_YEAR_END.0, SCHOOL_YEAR_END.1).expect("valid"),
            ),
            PeriodKind::Custom(_) => unreachable!("custom periods are made with range()"),
        };
        Period { start, end, kind }
    }

    /// The whole year `y`.
    pub fn year(y: i32) -> Period {
        Period::of(PeriodKind::Year(y))
    }

    /// The first half of year `y`.
    pub fn h1(y: i32) -> Period {
        Period::of(PeriodKind::Half(y, 1))
    }

    /// A custom range; `labels` by language, possibly empty.
    pub fn range(
        start: NaiveDate,
        end: NaiveDate,
        labels: BTreeMap<String, String>,
    ) -> Result<Period, String> {
        if end < start {
            return Err(format!(
                "the period ends ({end}) before it starts ({start}); write the earlier date first"
            ));
        }
        // A range that is a standard period is that period, so both forms are one period.
        let p = Period {
            start,
            end,
            kind: PeriodKind::Custom(labels),
        };
        if let PeriodKind::Custom(l) = &p.kind {
            if l.is_empty() {
                if let Some(std) = p.standard() {
                    return Ok(std);
                }
            }
        }
        Ok(p)
    }

    /// The standard period with the same days, if there is one.
    fn standard(&self) -> Option<Period> {
        let y = self.start.year();
        let candidates = [
            PeriodKind::Year(y),
            PeriodKind::Half(y, 1),
            PeriodKind::Half(y, 2),
            PeriodKind::NineMonths(y),
            PeriodKind::Quarter(y, 1),
            PeriodKind::Quarter(y, 2),
            PeriodKind::Quarter(y, 3),
            PeriodKind::Quarter(y, 4),
            PeriodKind::Month(y, self.start.month()),
            PeriodKind::SchoolYear(y),
        ];
        candidates
            .into_iter()
            .map(Period::of)
            .find(|p| p.start == self.start && p.end == self.end)
    }

    /// Parses the written forms listed in [`PERIOD_HELP`].
    pub fn parse(s: &str) -> Result<Period, String> {
        let s = s.trim();
        let bad = || format!("\"{s}\" is not a reporting period");
        if let Some((a, b)) = s.split_once("..") {
            let day = |t: &str| {
                let t = t.trim();
                NaiveDate::parse_from_str(t, "%Y-%m-%d")
                    .ok()
                    .filter(|_| t.len() == 10)
                    .ok_or_else(|| {
                        format!("\"{t}\" in the period \"{s}\" is not a date; write YYYY-MM-DD")
                    })
            };
            return Period::range(day(a)?, day(b)?, BTreeMap::new());
        }
        if let Some(y) = year(s) {
            return Ok(Period::year(y));
        }
        let (y, rest) = s.split_once('-').ok_or_else(bad)?;
        let y = year(y).ok_or_else(bad)?;
        let kind = match rest.to_ascii_uppercase().as_str() {
            "H1" => PeriodKind::Half(y, 1),
            "H2" => PeriodKind::Half(y, 2),
            "Q1" | "Q2" | "Q3" | "Q4" => {
                PeriodKind::Quarter(y, u32::from(rest.as_bytes()[1] - b'0'))
            }
            "9M" => PeriodKind::NineMonths(y),
            r if r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit()) => {
                let m: u32 = r.parse().map_err(|_| bad())?;
                if !(1..=12).contains(&m) {
                    return Err(format!(
                        "\"{s}\" is not a reporting period: month {m} does not exist"
                    ));
                }
                PeriodKind::Month(y, m)
            }
            r => match year(r) {
                Some(next) if next == y + 1 => PeriodKind::SchoolYear(y),
                Some(_) => {
                    return Err(format!(
                        "\"{s}\": a school year runs over two consecutive years, e.g. {y}-{}",
                        y + 1
                    ))
                }
                None => return Err(bad()),
            },
        };
        Ok(Period::of(kind))
    }

    /// The canonical written form: `2024-H1`, `2024`, `2023-2024`, `2024-04-01..2025-03-31`.
    pub fn code(&self) -> String {
        match &self.kind {
            PeriodKind::Month(y, m) => format!("{y}-{m:02}"),
            PeriodKind::Quarter(y, q) => format!("{y}-Q{q}"),
            PeriodKind::Half(y, h) => format!("{y}-H{h}"),
            PeriodKind::NineMonths(y) => format!("{y}-9M"),
            PeriodKind::Year(y) => y.to_string(),
            PeriodKind::SchoolYear(y) => format!("{y}-{}", y + 1),
            PeriodKind::Custom(_) => format!("{}..{}", self.start, self.end),
        }
    }

    /// "6 tháng đầu năm 2024" / "First half of 2024".
    pub fn label(&self, lang: &str) -> String {
        let vi = lang == "vi";
        let roman = ["I", "II", "III", "IV"];
        match &self.kind {
            PeriodKind::Month(y, m) => {
                if vi {
                    format!(
                        "{} năm {y}",
                        crate::date::PartialDate::month_label(*m, "vi")
                    )
                } else {
                    format!("{} {y}", crate::date::PartialDate::month_label(*m, "en"))
                }
            }
            PeriodKind::Quarter(y, q) if vi => format!("Quý {} năm {y}", roman[*q as usize - 1]),
            PeriodKind::Quarter(y, q) => format!("Q{q} {y}"),
            PeriodKind::Half(y, 1) if vi => format!("6 tháng đầu năm {y}"),
            PeriodKind::Half(y, _) if vi => format!("6 tháng cuối năm {y}"),
            PeriodKind::Half(y, 1) => format!("First half of {y}"),
            PeriodKind::Half(y, _) => format!("Second half of {y}"),
            PeriodKind::NineMonths(y) if vi => format!("9 tháng đầu năm {y}"),
            PeriodKind::NineMonths(y) => format!("First nine months of {y}"),
            PeriodKind::Year(y) if vi => format!("Năm {y}"),
            PeriodKind::Year(y) => format!("Year {y}"),
            PeriodKind::SchoolYear(y) if vi => format!("Năm học {y}-{}", y + 1),
            PeriodKind::SchoolYear(y) => format!("School year {y}–{}", y + 1),
            PeriodKind::Custom(labels) => match labels.get(lang) {
                Some(l) => l.clone(),
                None if vi => format!(
                    "Từ {} đến {}",
                    self.start.format("%d/%m/%Y"),
                    self.end.format("%d/%m/%Y")
                ),
                None => {
                    let d = |d: NaiveDate| crate::date::PartialDate::day(d).format("en");
                    format!("{} – {}", d(self.start), d(self.end))
                }
            },
        }
    }

    /// True when every day of `other` is a day of this period.
    pub fn contains(&self, other: &Period) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The sort key: by the day it ends; of two that end on the same day, the longer one
    /// (a year after its last quarter) comes later, since it reports on more.
    fn key(&self) -> (NaiveDate, std::cmp::Reverse<NaiveDate>) {
        (self.end, std::cmp::Reverse(self.start))
    }
}

/// Two periods are the same when they cover the same days, however they were written.
impl PartialEq for Period {
    fn eq(&self, other: &Self) -> bool {
        self.start == other.start && self.end == other.end
    }
}
impl Eq for Period {}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl std::hash::Hash for Period {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.start.hash(h);
        self.end.hash(h);
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a reporting period like 2024-H1, 2024-Q3, 2024 or 2023-2024")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Period, E> {
                Period::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Period, E> {
                Period::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Period, E> {
                Period::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Period, A::Error> {
                let (mut from, mut to, mut label) = (None, None, BTreeMap::new());
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "from" => from = Some(map.next_value::<crate::date::Day>()?.0),
                        "to" => to = Some(map.next_value::<crate::date::Day>()?.0),
                        "label" => label = map.next_value::<BTreeMap<String, String>>()?,
                        other => {
                            return Err(de::Error::unknown_field(other, &["from", "to", "label"]))
                        }
                    }
                }
                let from = from.ok_or_else(|| de::Error::missing_field("from"))?;
                let to = to.ok_or_else(|| de::Error::missing_field("to"))?;
                Period::range(from, to, label).map_err(de::Error::custom)
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Period {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A reporting period: 2024-H1 or 2024-H2 (six months), 2024-Q1 … 2024-Q4 (quarters), 2024-9M (nine months), 2024-05 (a month), 2024 (the year), 2023-2024 (a school year, September to May), 2024-04-01..2025-03-31 (any range), or { from: 2024-04-01, to: 2025-03-31, label: { vi: \"…\", en: \"…\" } }.",
            "anyOf": [
                { "type": "string", "pattern": PERIOD_PATTERN },
                { "type": "integer", "minimum": 1000, "maximum": 9999 },
                {
                    "type": "object",
                    "required": ["from", "to"],
                    "additionalProperties": false,
                    "properties": {
                        "from": { "type": "string", "pattern": crate::date::DAY_PATTERN },
                        "to": { "type": "string", "pattern": crate::date::DAY_PATTERN },
                        "label": { "type": "object", "additionalProperties": { "type": "string" } }
                    }
                }
            ],
            "examples": ["2024-H1", "2024-Q3", "2024", "2023-2024"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn every_written_form_is_a_range_of_days() {
        let cases = [
            ("2024-H1", "2024-01-01", "2024-06-30"),
            ("2024-H2", "2024-07-01", "2024-12-31"),
            ("2024-Q1", "2024-01-01", "2024-03-31"),
            ("2024-q4", "2024-10-01", "2024-12-31"),
            ("2024-9M", "2024-01-01", "2024-09-30"),
            ("2024-02", "2024-02-01", "2024-02-29"),
            ("2024", "2024-01-01", "2024-12-31"),
            ("2023-2024", "2023-09-01", "2024-05-31"),
            ("2024-04-01..2025-03-31", "2024-04-01", "2025-03-31"),
        ];
        for (s, start, end) in cases {
            let period = p(s);
            assert_eq!(
                (period.start.to_string(), period.end.to_string()),
                (start.to_string(), end.to_string()),
                "{s}"
            );
            assert_eq!(
                p(&period.code()),
                period,
                "{s} round-trips through its code"
            );
        }
    }

    #[test]
    fn the_latest_period_is_the_one_that_ends_last() {
        let mut list: Vec<Period> = [
            "2024-H1",
            "2023",
            "2023-H1",
            "2023-2024",
            "2024-Q1",
            "2023-Q4",
        ]
        .iter()
        .map(|s| p(s))
        .collect();
        list.sort();
        let codes: Vec<String> = list.iter().map(Period::code).collect();
        assert_eq!(
            codes,
            [
                "2023-H1",
                "2023-Q4",
                "2023",
                "2024-Q1",
                "2023-2024",
                "2024-H1"
            ]
        );
        // Annual reports are not newer than every six-month report.
        assert!(p("2024-H1") > p("2023"));
        assert!(p("2023") > p("2023-H1"));
    }

    #[test]
    fn a_range_of_a_standard_period_is_that_period() {
        assert_eq!(p("2024-01-01..2024-06-30").code(), "2024-H1");
        assert_eq!(p("2024-01-01..2024-06-30"), p("2024-H1"));
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(p("2024-H1").label("vi"), "6 tháng đầu năm 2024");
        assert_eq!(p("2024-Q3").label("vi"), "Quý III năm 2024");
        assert_eq!(p("2024-9M").label("en"), "First nine months of 2024");
        assert_eq!(p("2023-2024").label("vi"), "Năm học 2023-2024");
        assert_eq!(p("2024-01").label("vi"), "Tháng 01 năm 2024");
        assert_eq!(
            p("2024-04-01..2025-03-31").label("vi"),
            "Từ 01/04/2024 đến 31/03/2025"
        );
        assert_eq!(
            p("2024-04-01..2025-03-31").label("en"),
            "1 April 2024 – 31 March 2025"
        );
    }

    #[test]
    fn impossible_periods_are_refused_with_help() {
        for s in [
            "2024-H3",
            "2024-13",
            "2023-2025",
            "24-H1",
            "2025-01-01..2024-01-01",
            "H1",
        ] {
            assert!(Period::parse(s).is_err(), "{s}");
        }
        assert!(Period::parse("2024-H3")
            .expect_err("bad")
            .contains("is not a reporting period"));
    }

    #[test]
    fn contains_is_by_days() {
        assert!(p("2024").contains(&p("2024-Q2")));
        assert!(!p("2024").contains(&p("2023-2024")));
        assert!(p("2021-01-01..2025-12-31").contains(&p("2023-2024")));
    }
}
