//! Front matter: one typed serde struct per kind, unknown keys rejected. These are the raw
//! shapes people write; `model.rs` validates them into the types the renderer sees.

use crate::date::{Day, PartialDate};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFm {
    pub title: String,
    /// Kind of document, an id like `ke-hoach`; printed large in the header ("KẾ HOẠCH").
    #[serde(default = "default_plan_kind")]
    pub doc_kind: String,
    /// May be blank: plans are often published before the number is assigned.
    #[serde(default)]
    pub number: String,
    pub symbol: String,
    pub issued: PartialDate,
    pub place: String,
    pub issuer: Issuer,
    #[serde(default)]
    pub based_on: Vec<String>,
    #[serde(default)]
    pub campaigns: Vec<String>,
    pub reporting: Option<Reporting>,
    pub signer: Option<Signer>,
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
}

fn default_plan_kind() -> String {
    "ke-hoach".into()
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// The body above the issuer ("UBND tỉnh Tây Ninh").
    pub parent: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reporting {
    pub recipient: String,
    pub six_month_due: Option<Day>,
    pub annual_due: Option<Day>,
    /// Set when the due dates are samples, not taken from the document.
    #[serde(default)]
    pub illustrative: bool,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    pub name: String,
    pub title: String,
    /// "TM." (on behalf of a collective body) or "KT." (deputy signing for the head).
    pub on_behalf: Option<OnBehalf>,
    /// What `on_behalf` signs for, e.g. "GIÁM ĐỐC".
    pub for_title: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize)]
pub enum OnBehalf {
    #[serde(rename = "TM.")]
    Tm,
    #[serde(rename = "KT.")]
    Kt,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignFm {
    pub title: String,
    pub launched: PartialDate,
    pub ends: Option<PartialDate>,
    pub lead_unit: String,
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub based_on: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExemplarKind {
    Individual,
    Collective,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExemplarFm {
    pub title: String,
    pub kind: ExemplarKind,
    pub unit: String,
    pub campaign: String,
    pub recognized: Day,
    pub award: String,
    pub photo: Option<String>,
    pub photo_alt: Option<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub illustrative: bool,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFm {
    pub title: String,
    /// `2022-H1` (six months) or `2022` (annual); validated in the model.
    pub period: period::Period,
    pub submitted: Option<Day>,
    pub recipient: String,
    #[serde(default)]
    pub results: Vec<ResultFm>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub illustrative: bool,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultFm {
    pub campaign: String,
    pub indicator: String,
    pub target: f64,
    pub actual: f64,
    pub unit: String,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFm {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// Position in the site menu; pages without it are not in the menu.
    pub menu: Option<u32>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
}

/// Text given once per language: `{ vi: "…", en: "…" }`.
pub type Localized = BTreeMap<String, String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFm {
    pub id: String,
    pub kind: String,
    /// Số ký hiệu: "12/CT-UBND".
    pub number: String,
    pub issuer: Localized,
    pub issued: PartialDate,
    pub effective: Option<PartialDate>,
    pub summary: Localized,
    /// Attached file: a URL, or a path under `static/`.
    pub file: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitFm {
    pub id: String,
    pub name: Localized,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFm {
    pub id: String,
    pub date: PartialDate,
    pub title: Localized,
    pub link: Option<String>,
    #[serde(default)]
    pub illustrative: bool,
    #[serde(default)]
    pub draft: bool,
}

/// Reporting periods, parsed from their written form.
pub mod period {
    use serde::de::{self, Deserializer, Visitor};
    use serde::Deserialize;
    use std::fmt;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Period {
        /// First six months of the year.
        H1(i32),
        Year(i32),
    }

    impl Period {
        pub fn parse(s: &str) -> Result<Period, String> {
            let s = s.trim();
            let year = |y: &str| -> Option<i32> {
                (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| y.parse().ok())
                    .flatten()
            };
            if let Some(y) = s.strip_suffix("-H1").and_then(year) {
                return Ok(Period::H1(y));
            }
            if let Some(y) = year(s) {
                return Ok(Period::Year(y));
            }
            Err(format!("\"{s}\" is not a reporting period; write 2022-H1 for six months or 2022 for the year"))
        }

        pub fn year(self) -> i32 {
            match self {
                Period::H1(y) | Period::Year(y) => y,
            }
        }

        pub fn code(self) -> String {
            match self {
                Period::H1(y) => format!("{y}-H1"),
                Period::Year(y) => y.to_string(),
            }
        }

        /// "6 tháng đầu năm 2022" / "First half of 2022".
        pub fn label(self, lang: &str) -> String {
            match (self, lang) {
                (Period::H1(y), "vi") => format!("6 tháng đầu năm {y}"),
                (Period::Year(y), "vi") => format!("Năm {y}"),
                (Period::H1(y), _) => format!("First half of {y}"),
                (Period::Year(y), _) => format!("Year {y}"),
            }
        }
    }

    impl<'de> Deserialize<'de> for Period {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Period;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a reporting period like 2022-H1 or 2022")
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
            }
            d.deserialize_any(V)
        }
    }
}
