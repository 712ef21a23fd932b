//! Front matter: one typed serde struct per kind, unknown keys rejected. These are the raw
//! shapes people write; `model.rs` validates them into the types the renderer sees.
//!
//! The doc comments are also the descriptions editors show: `schema.rs` derives the JSON
//! Schemas from these types, so write them for the people who fill in the files.

use crate::date::{Day, PartialDate};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The front matter of a plan: content/plan/<name>.<lang>.md.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanFm {
    /// The subject of the document (trích yếu), printed under the document kind.
    pub title: String,
    /// Kind of document, printed large in the header ("KẾ HOẠCH"). Default: ke-hoach.
    #[serde(default = "default_plan_kind")]
    #[schemars(schema_with = "doc_kind_schema")]
    pub doc_kind: String,
    /// The number in the số ký hiệu (15 in 15/KH-STC). May be "" while no number is assigned.
    #[serde(default)]
    pub number: String,
    /// The symbol in the số ký hiệu, e.g. "KH-STC"; shown as Số: <number>/<symbol>.
    pub symbol: String,
    /// Issue date; the plan is published from this date. 2022-01-15, "2022-01" or 2022.
    pub issued: PartialDate,
    /// Place in the place-and-date line, e.g. "Tây Ninh".
    pub place: String,
    /// The issuing body, printed in capitals in the header.
    pub issuer: Issuer,
    /// Ids of the documents in content/data/documents.yaml the plan is based on (căn cứ).
    #[serde(default)]
    #[schemars(inner(pattern(crate::i18n::SLUG_PATTERN)))]
    pub based_on: Vec<String>,
    /// Ids of the campaigns the plan launches: file names in content/campaigns/.
    #[serde(default)]
    #[schemars(inner(pattern(crate::i18n::SLUG_PATTERN)))]
    pub campaigns: Vec<String>,
    /// The reporting duty the plan sets: who receives the reports and when they are due.
    pub reporting: Option<Reporting>,
    /// The signature block. Leave it out if the published document has none.
    pub signer: Option<Signer>,
    /// The Nơi nhận list at the end of the document.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// One or two sentences; the page description for search engines.
    #[serde(default)]
    pub summary: String,
    /// true keeps this language version unpublished.
    #[serde(default)]
    pub draft: bool,
    /// Address of this language version instead of the file name.
    pub slug: Option<String>,
}

fn default_plan_kind() -> String {
    "ke-hoach".into()
}

/// The kinds of legal document the site can name, offered by editors as a list.
fn doc_kind_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "enum": super::model::DOC_KINDS,
    })
}

/// Who issues the plan.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// The body above the issuer ("UBND tỉnh Tây Ninh").
    pub parent: String,
    /// The issuer itself ("Sở Tài chính").
    pub name: String,
}

/// The reporting duty a plan sets.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reporting {
    /// Who receives the reports.
    pub recipient: String,
    /// Due date of the six-month report (the report with period <year of issued>-H1).
    pub six_month_due: Option<Day>,
    /// Due date of the annual report (the report with period <year of issued>).
    pub annual_due: Option<Day>,
    /// true when the due dates are samples, not taken from the document.
    #[serde(default)]
    pub illustrative: bool,
}

/// The signature block of a plan.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Name of the person who signs.
    pub name: String,
    /// Their title, e.g. "PHÓ GIÁM ĐỐC".
    pub title: String,
    /// "TM." (on behalf of a collective body) or "KT." (deputy signing for the head).
    pub on_behalf: Option<OnBehalf>,
    /// What on_behalf signs for, printed after it, e.g. "GIÁM ĐỐC".
    pub for_title: Option<String>,
}

/// How the signer signs: "TM." (thay mặt) or "KT." (ký thay).
#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, JsonSchema)]
pub enum OnBehalf {
    #[serde(rename = "TM.")]
    Tm,
    #[serde(rename = "KT.")]
    Kt,
}

/// The front matter of a campaign: content/campaigns/<name>.<lang>.md.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignFm {
    /// Name of the campaign.
    pub title: String,
    /// When it was launched (phát động); the campaign is published from this date.
    /// 2022-01-15, "2022-01" or 2022.
    pub launched: PartialDate,
    /// When it ends, not before launched; "2022" means to 31 December 2022. Without it the
    /// campaign never ends.
    pub ends: Option<PartialDate>,
    /// The unit in charge (đơn vị chủ trì): an id from content/data/units.yaml.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub lead_unit: String,
    /// Fields (lĩnh vực), in the language of the file; the same name groups campaigns. At
    /// most 100, each at most 100 characters.
    #[serde(default, deserialize_with = "at_most_max_fields")]
    #[schemars(length(max = 100), inner(length(max = 100)))]
    pub fields: Vec<String>,
    /// One or two sentences, shown in lists and at the top of the page.
    #[serde(default)]
    pub summary: String,
    /// Ids of the documents in content/data/documents.yaml the campaign is based on.
    #[serde(default)]
    #[schemars(inner(pattern(crate::i18n::SLUG_PATTERN)))]
    pub based_on: Vec<String>,
    /// true keeps this language version unpublished.
    #[serde(default)]
    pub draft: bool,
    /// Address of this language version instead of the file name.
    pub slug: Option<String>,
}

/// Fields a campaign may have. Every field gets a page that shows the campaign with all
/// its fields, so the output grows with the square of this number: 10,000 fields would
/// be 20,000 pages of 10,000 fields each.
pub const MAX_FIELDS: usize = 100;
/// Characters in a field name; its address must fit in a folder name.
pub const MAX_FIELD_CHARS: usize = 100;

fn at_most_max_fields<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let fields = Vec::<String>::deserialize(d)?;
    if fields.len() > MAX_FIELDS {
        return Err(serde::de::Error::custom(format!(
            "{} entries in \"fields\" are too many; a campaign has at most {MAX_FIELDS}",
            fields.len()
        )));
    }
    // Each field name becomes a folder name (/linh-vuc/<name>/), which has a length limit.
    if let Some(long) = fields.iter().find(|f| f.chars().count() > MAX_FIELD_CHARS) {
        return Err(serde::de::Error::custom(format!(
            "a name in \"fields\" is {} characters long ({}…); a field name has at most {MAX_FIELD_CHARS}",
            long.chars().count(),
            long.chars().take(30).collect::<String>().trim_end()
        )));
    }
    Ok(fields)
}

/// A person or a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExemplarKind {
    /// A person (cá nhân).
    Individual,
    /// A group (tập thể).
    Collective,
}

/// The front matter of an exemplar: content/exemplars/<name>.<lang>.md.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExemplarFm {
    /// Name of the person or group, e.g. "Ông Nguyễn Văn A".
    pub title: String,
    /// individual (cá nhân) or collective (tập thể).
    pub kind: ExemplarKind,
    /// The unit they belong to: an id from content/data/units.yaml.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub unit: String,
    /// The campaign they were recognized in: a file name in content/campaigns/.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub campaign: String,
    /// Date of recognition, a full date 2022-05-16; published from this date.
    pub recognized: Day,
    /// The form of commendation, e.g. "Giấy khen của Giám đốc Sở Tài chính".
    pub award: String,
    /// A photo: /anh/a.jpg for static/anh/a.jpg, or a full https:// address.
    pub photo: Option<String>,
    /// What the photo shows, for people who cannot see it. Default: the title.
    pub photo_alt: Option<String>,
    /// One or two sentences for lists.
    #[serde(default)]
    pub summary: String,
    /// true marks an invented sample; the site shows a badge.
    #[serde(default)]
    pub illustrative: bool,
    /// true keeps this language version unpublished.
    #[serde(default)]
    pub draft: bool,
    /// Address of this language version instead of the file name.
    pub slug: Option<String>,
}

/// The front matter of a report: content/reports/<name>.<lang>.md.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportFm {
    /// Title of the report.
    pub title: String,
    /// The reporting period: "2022-H1" (first six months) or "2022" (the year).
    pub period: period::Period,
    /// Date the report was sent, a full date; published from this date. Leave it out while
    /// the report has not been sent.
    pub submitted: Option<Day>,
    /// Who the report is sent to.
    pub recipient: String,
    /// The result figures, one entry per indicator.
    #[serde(default)]
    pub results: Vec<ResultFm>,
    /// One or two sentences for lists.
    #[serde(default)]
    pub summary: String,
    /// true marks invented figures; the site shows a badge and a notice.
    #[serde(default)]
    pub illustrative: bool,
    /// true keeps this language version unpublished.
    #[serde(default)]
    pub draft: bool,
    /// Address of this language version instead of the file name.
    pub slug: Option<String>,
}

/// One result figure of a report.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultFm {
    /// The campaign the figure belongs to: a file name in content/campaigns/.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub campaign: String,
    /// What is measured (chỉ tiêu).
    pub indicator: String,
    /// Planned value, a number without quotes: 100, 12.5.
    pub target: f64,
    /// Achieved value, a number without quotes.
    pub actual: f64,
    /// Unit of measure: "%", "triệu đồng", "hồ sơ".
    pub unit: String,
    /// A note for the row.
    pub note: Option<String>,
}

/// The front matter of a page: content/pages/<name>.<lang>.md.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageFm {
    /// Page title.
    pub title: String,
    /// One sentence; the page description for search engines.
    #[serde(default)]
    pub summary: String,
    /// Position in the site menu (1, 2, …); pages without it are not in the menu.
    pub menu: Option<u32>,
    /// true keeps this language version unpublished.
    #[serde(default)]
    pub draft: bool,
    /// Address of this language version instead of the file name; not a section word.
    pub slug: Option<String>,
}

/// Text given once per language: `{ vi: "…", en: "…" }`.
pub type Localized = BTreeMap<String, String>;

/// A legal document in content/data/documents.yaml.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentFm {
    /// Short name used in based_on lists: lowercase letters, digits and dashes; unique.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub id: String,
    /// Kind of document.
    #[schemars(schema_with = "doc_kind_schema")]
    pub kind: String,
    /// The full số ký hiệu: "12/CT-UBND".
    pub number: String,
    /// The issuing body, once per language: { vi: "…", en: "…" }.
    pub issuer: Localized,
    /// Issue date; the document is published from this date.
    pub issued: PartialDate,
    /// Date it takes effect.
    pub effective: Option<PartialDate>,
    /// The subject line (trích yếu), once per language: { vi: "…", en: "…" }.
    pub summary: Localized,
    /// The document file: /van-ban/a.pdf for static/van-ban/a.pdf, or a full https:// address.
    pub file: Option<String>,
    /// true keeps this document unpublished.
    #[serde(default)]
    pub draft: bool,
}

/// A unit of the organization in content/data/units.yaml.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitFm {
    /// Short name used in lead_unit and unit: lowercase letters, digits and dashes; unique.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub id: String,
    /// Name of the unit, once per language: { vi: "…", en: "…" }.
    pub name: Localized,
}

/// A timeline event in content/data/events.yaml.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventFm {
    /// Short name of the entry: lowercase letters, digits and dashes; unique.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub id: String,
    /// When it happened; published from this date.
    pub date: PartialDate,
    /// What happened, once per language: { vi: "…", en: "…" }.
    pub title: Localized,
    /// Where the title links to: a site address starting with / or a full https:// address.
    pub link: Option<String>,
    /// true marks an invented sample.
    #[serde(default)]
    pub illustrative: bool,
    /// true keeps this event unpublished.
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

    /// The written forms [`Period::parse`] accepts.
    pub const PERIOD_PATTERN: &str = "^[0-9]{4}(-H1)?$";

    impl schemars::JsonSchema for Period {
        fn inline_schema() -> bool {
            true
        }
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "Period".into()
        }
        fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
            schemars::json_schema!({
                "description": "A reporting period: \"2022-H1\" (first six months) or \"2022\" (the year).",
                "type": ["string", "integer"],
                "pattern": PERIOD_PATTERN,
                "minimum": 1000,
                "maximum": 9999,
                "examples": ["2022-H1", "2022"],
            })
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
