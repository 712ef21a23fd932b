//! Front matter: one typed serde struct per kind, unknown keys rejected. These are the raw
//! shapes people write; `model.rs` validates them into the types the renderer sees.
//!
//! One source of facts: ids, dates, figures, periods and references are written once, in
//! the file of the site's first language (`x.vi.md`); a translation (`x.en.md`) supplies
//! only text. That is why the facts below are optional here: the model requires them in
//! the first-language file, and if a translation repeats one, it must say the same.
//!
//! The doc comments are also the descriptions editors show: `schema.rs` derives the JSON
//! Schemas from these types, so write them for the people who fill in the files.

use crate::amount::Amount;
use crate::date::{Day, PartialDate};
use crate::period::Period;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The front matter of a plan: content/plan/<name>.<lang>.md.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanFm {
    /// The subject of the document (trích yếu), printed under the document kind.
    pub title: String,
    /// Fact. Kind of document, printed large in the header ("KẾ HOẠCH"). Default: ke-hoach.
    #[serde(default)]
    #[schemars(schema_with = "doc_kind_schema")]
    pub doc_kind: Option<String>,
    /// Fact. annual (the year's main plan, the default) or thematic (a plan on one subject
    /// or campaign, beside the annual one).
    pub kind: Option<PlanKind>,
    /// Fact. The number in the số ký hiệu (15 in 15/KH-UBND). May be "" while no number is
    /// assigned.
    pub number: Option<String>,
    /// Fact, required. The symbol in the số ký hiệu, e.g. "KH-UBND"; shown as Số: <number>/<symbol>.
    pub symbol: Option<String>,
    /// Fact, required. Issue date; the plan is published from this date. 2024-01-15,
    /// "2024-01" or 2024.
    pub issued: Option<PartialDate>,
    /// Fact. The time the plan is for: 2024 (the default is the year it is issued),
    /// 2023-2024 (a school year), 2021-01-01..2025-12-31 (a five-year plan).
    pub period: Option<Period>,
    /// Place in the place-and-date line, e.g. "Hà Nội". A translation may leave it out.
    pub place: Option<String>,
    /// The issuing body, printed in capitals in the header. A translation may leave it out.
    pub issuer: Option<Issuer>,
    /// Fact. Ids of the documents in content/data/documents.yaml the plan is based on (căn cứ).
    #[schemars(inner(inner(pattern(crate::i18n::SLUG_PATTERN))))]
    pub based_on: Option<Vec<String>>,
    /// Fact. Ids of the campaigns the plan launches: file names in content/campaigns/.
    #[schemars(inner(inner(pattern(crate::i18n::SLUG_PATTERN))))]
    pub campaigns: Option<Vec<String>>,
    /// The reporting duty the plan sets: who receives the reports and when they are due.
    pub reporting: Option<Reporting>,
    /// The signature block. Leave it out if the published document has none.
    pub signer: Option<Signer>,
    /// The Nơi nhận list at the end of the document.
    pub recipients: Option<Vec<String>>,
    /// Files of the plan: the signed scan (the legally binding copy), annexes.
    pub attachments: Option<Vec<AttachmentFm>>,
    /// One or two sentences; the page description for search engines.
    #[serde(default)]
    pub summary: String,
    /// true keeps this language version unpublished.
    #[serde(default)]
    pub draft: bool,
    /// Address of this language version instead of the file name.
    pub slug: Option<String>,
}

/// What a plan is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PlanKind {
    /// The year's main plan.
    Annual,
    /// A plan on one subject, campaign or period, beside the annual plan.
    Thematic,
}

impl PlanKind {
    pub fn code(self) -> &'static str {
        match self {
            PlanKind::Annual => "annual",
            PlanKind::Thematic => "thematic",
        }
    }
}

/// The kinds of legal document the site can name, offered by editors as a list.
fn doc_kind_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "enum": super::model::DOC_KINDS,
    })
}

/// Who issues the plan.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// The body above the issuer ("UBND tỉnh …").
    pub parent: String,
    /// The issuer itself ("Sở …").
    pub name: String,
}

/// The reporting duty a plan sets.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reporting {
    /// Who receives the reports.
    pub recipient: Option<String>,
    /// Fact. The reports the plan asks for: each period and its due date.
    pub schedule: Option<Vec<DueFm>>,
    /// Fact. Shorthand for a schedule entry: the due date of the report on the first six
    /// months of the plan's year.
    pub six_month_due: Option<Day>,
    /// Fact. Shorthand for a schedule entry: the due date of the report on the plan's year.
    pub annual_due: Option<Day>,
    /// Fact. true when the due dates are samples, not taken from the document.
    pub illustrative: Option<bool>,
}

/// One report a plan asks for.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DueFm {
    /// The period the report covers: 2024-H1, 2024-Q3, 2024-9M, 2024, 2023-2024, …
    pub period: Period,
    /// The day it is due, e.g. 2024-06-15.
    pub due: Day,
}

/// A file attached to a plan, report or exemplar: a scan, an annex.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachmentFm {
    /// Fact. The file: /van-ban/kh-2024.pdf for static/van-ban/kh-2024.pdf, or a full
    /// https:// address. A translation names the same file to give its title.
    pub file: String,
    /// What the file is, in the language of this file: "Bản ký số (PDF)". Default: the
    /// file name.
    pub title: Option<String>,
}

/// The signature block of a plan or report.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, serde::Serialize, JsonSchema)]
pub enum OnBehalf {
    #[serde(rename = "TM.")]
    Tm,
    #[serde(rename = "KT.")]
    Kt,
}

/// The front matter of a campaign: content/campaigns/<name>.<lang>.md.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignFm {
    /// Name of the campaign.
    pub title: String,
    /// Fact, required. When it was launched (phát động); the campaign is published from
    /// this date. 2024-01-15, "2024-01" or 2024.
    pub launched: Option<PartialDate>,
    /// Fact. When it ends, not before launched; "2024" means to 31 December 2024. Without
    /// it the campaign never ends.
    pub ends: Option<PartialDate>,
    /// Fact, required. The unit in charge (đơn vị chủ trì): an id from content/data/units.yaml.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub lead_unit: Option<String>,
    /// Fact. The plans that launch or carry on the campaign: file names in content/plan/.
    /// Plans that list the campaign under `campaigns:` count too.
    #[schemars(inner(inner(pattern(crate::i18n::SLUG_PATTERN))))]
    pub plans: Option<Vec<String>>,
    /// Fields (lĩnh vực), in the language of the file; the same name groups campaigns. At
    /// most 100, each at most 100 characters.
    #[serde(default, deserialize_with = "at_most_max_fields")]
    #[schemars(length(max = 100), inner(length(max = 100)))]
    pub fields: Vec<String>,
    /// One or two sentences, shown in lists and at the top of the page.
    #[serde(default)]
    pub summary: String,
    /// Fact. Ids of the documents in content/data/documents.yaml the campaign is based on.
    #[schemars(inner(inner(pattern(crate::i18n::SLUG_PATTERN))))]
    pub based_on: Option<Vec<String>>,
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
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExemplarFm {
    /// Name of the person or group, e.g. "Ông Nguyễn Văn A".
    pub title: String,
    /// Fact, required. individual (cá nhân) or collective (tập thể).
    pub kind: Option<ExemplarKind>,
    /// Fact, required. The unit they belong to: an id from content/data/units.yaml.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub unit: Option<String>,
    /// Fact, required. The campaign they were recognized in: a file name in content/campaigns/.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub campaign: Option<String>,
    /// Fact, required. Date of recognition, a full date 2024-05-16; published from this date.
    pub recognized: Option<Day>,
    /// The form of commendation, e.g. "Giấy khen của Giám đốc Sở". A translation may leave
    /// it out.
    pub award: Option<String>,
    /// Fact. A photo: /anh/a.jpg for static/anh/a.jpg, or a full https:// address. JPEG,
    /// PNG, WebP, GIF, AVIF or SVG.
    pub photo: Option<String>,
    /// What the photo shows, for people who cannot see it. Default: the title.
    pub photo_alt: Option<String>,
    /// Files: the decision on the commendation, a certificate.
    pub attachments: Option<Vec<AttachmentFm>>,
    /// One or two sentences for lists.
    #[serde(default)]
    pub summary: String,
    /// Fact. true marks an invented sample; the site shows a badge.
    pub illustrative: Option<bool>,
    /// true keeps this language version unpublished.
    #[serde(default)]
    pub draft: bool,
    /// Address of this language version instead of the file name.
    pub slug: Option<String>,
}

/// The front matter of a report: content/reports/<name>.<lang>.md.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportFm {
    /// Title of the report.
    pub title: String,
    /// Fact, required. The reporting period: 2024-H1, 2024-Q3, 2024-9M, 2024, 2023-2024, …
    pub period: Option<Period>,
    /// Fact. The plan whose reporting duty the report answers: a file name in
    /// content/plan/. Without it, the plan that asks for a report on this period.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub plan: Option<String>,
    /// Fact. Date the report was sent, a full date; published from this date. Leave it out
    /// while the report has not been sent.
    pub submitted: Option<Day>,
    /// Fact. The number in the số ký hiệu (25 in 25/BC-UBND).
    pub number: Option<String>,
    /// Fact. The symbol in the số ký hiệu, e.g. "BC-UBND".
    pub symbol: Option<String>,
    /// The signature block, if the report has one.
    pub signer: Option<Signer>,
    /// Who the report is sent to. A translation may leave it out.
    pub recipient: Option<String>,
    /// The result figures, one entry per indicator. The figures are facts; a translation
    /// lists only `indicator` and its `note`.
    pub results: Option<Vec<ResultFm>>,
    /// Files of the report: the signed scan, annexes.
    pub attachments: Option<Vec<AttachmentFm>>,
    /// One or two sentences for lists.
    #[serde(default)]
    pub summary: String,
    /// Fact. true marks invented figures; the site shows a badge and a notice.
    pub illustrative: Option<bool>,
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
    /// The indicator (chỉ tiêu): an id from content/data/indicators.yaml.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub indicator: String,
    /// Fact. The planned value for this period: 100, 97,5, 1.500.000. Default: the
    /// indicator's target.
    pub target: Option<Amount>,
    /// Fact. For indicators with direction: range, the lowest value that meets it.
    pub target_min: Option<Amount>,
    /// Fact. For indicators with direction: range, the highest value that meets it.
    pub target_max: Option<Amount>,
    /// Fact, required. The achieved value.
    pub actual: Option<Amount>,
    /// A note for the row, in the language of this file.
    pub note: Option<String>,
}

/// The front matter of a page: content/pages/<name>.<lang>.md.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
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
    /// More files: annexes, the signed scan.
    #[serde(default)]
    pub attachments: Vec<DataAttachmentFm>,
    /// true keeps this document unpublished.
    #[serde(default)]
    pub draft: bool,
}

/// A file attached to a document in content/data/documents.yaml.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataAttachmentFm {
    /// The file: /van-ban/a-phu-luc.pdf for static/van-ban/a-phu-luc.pdf, or a full https:// address.
    pub file: String,
    /// What the file is, once per language: { vi: "Phụ lục", en: "Annex" }. Default: the
    /// file name.
    pub title: Option<Localized>,
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

/// Which way an indicator is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Met when the actual value is at least the target (more is better): coverage,
    /// amounts raised, files handled on time.
    #[default]
    AtLeast,
    /// Met when the actual value is at most the target (less is better): drop-outs,
    /// violations, complaints, overdue files, accidents.
    AtMost,
    /// Met only when the actual value equals the target.
    Exactly,
    /// Met when the actual value lies between target_min and target_max.
    Range,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::AtLeast => "at-least",
            Direction::AtMost => "at-most",
            Direction::Exactly => "exactly",
            Direction::Range => "range",
        }
    }
    pub const CODES: [&'static str; 4] = ["at-least", "at-most", "exactly", "range"];
}

/// An indicator (chỉ tiêu) in content/data/indicators.yaml: what is measured, once, so
/// that every report's figure for it is one line through time.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFm {
    /// Short name used in the results of reports: lowercase letters, digits and dashes;
    /// unique; kept when the wording changes.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub id: String,
    /// The campaign it measures: a file name in content/campaigns/. Leave it out for an
    /// indicator of the whole organization.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub campaign: Option<String>,
    /// What is measured, once per language: { vi: "…", en: "…" }.
    pub name: Localized,
    /// Unit of measure, once per language: { vi: "triệu đồng", en: "million VND" }, or
    /// one text for every language: "%".
    pub unit: UnitText,
    /// at-least (more is better, the default), at-most (less is better: complaints,
    /// violations), exactly, or range (between target_min and target_max).
    #[serde(default)]
    pub direction: Direction,
    /// Decimals shown on the site (the open data keeps every digit). Default: as written.
    #[schemars(range(max = 6))]
    pub decimals: Option<u32>,
    /// The value before the plan started, for comparison.
    pub baseline: Option<Amount>,
    /// The period the baseline was measured in, e.g. 2023.
    pub baseline_period: Option<Period>,
    /// The target every report uses unless its result gives one.
    pub target: Option<Amount>,
    /// For direction: range, the lowest value that meets it, unless a result gives one.
    pub target_min: Option<Amount>,
    /// For direction: range, the highest value that meets it, unless a result gives one.
    pub target_max: Option<Amount>,
}

/// A unit of measure: one text for every language ("%"), or one per language.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[serde(untagged)]
pub enum UnitText {
    Same(String),
    PerLanguage(Localized),
}

impl UnitText {
    pub fn get(&self, lang: &str) -> Option<&str> {
        match self {
            UnitText::Same(s) => Some(s),
            UnitText::PerLanguage(m) => m.get(lang).map(String::as_str),
        }
    }
}

impl<'de> Deserialize<'de> for UnitText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = UnitText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a unit such as \"%\", or { vi: \"…\", en: \"…\" }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<UnitText, E> {
                Ok(UnitText::Same(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<UnitText, E> {
                Ok(UnitText::Same(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<UnitText, A::Error> {
                let mut out = Localized::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    out.insert(k, v);
                }
                Ok(UnitText::PerLanguage(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// The front matter of a nomination list put out for public comment:
/// content/nominations/<name>.<lang>.md. The list of people and collectives proposed for an
/// award, posted so that anyone can comment before the council decides.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NominationFm {
    /// Title of the notice, e.g. "Lấy ý kiến đối với danh sách đề nghị tặng Bằng khen …".
    pub title: String,
    /// The council or body that decides, e.g. "Hội đồng Thi đua - Khen thưởng Sở". A
    /// translation may leave it out.
    pub council: Option<String>,
    /// The award or title proposed, e.g. "Bằng khen của Chủ tịch UBND tỉnh". A translation
    /// may leave it out.
    pub award: Option<String>,
    /// Fact, required. The day the list is posted; it is published from this day.
    pub posted: Option<Day>,
    /// Fact. The first day comments count. Default: the day after `posted`.
    pub opens: Option<Day>,
    /// Fact, required. The last day to comment.
    pub deadline: Option<Day>,
    /// How to comment: where to write, the email address and the telephone number.
    pub comments: Option<CommentsFm>,
    /// Fact. Ids of the documents in content/data/documents.yaml the list is made under.
    #[schemars(inner(inner(pattern(crate::i18n::SLUG_PATTERN))))]
    pub based_on: Option<Vec<String>>,
    /// Fact. The campaigns the nominations come from: file names in content/campaigns/.
    #[schemars(inner(inner(pattern(crate::i18n::SLUG_PATTERN))))]
    pub campaigns: Option<Vec<String>>,
    /// The people and collectives proposed. The `id`, `kind`, `unit`, `campaigns`, `photo`
    /// and `exemplar` are facts; a translation lists the same ids with its `name`,
    /// `position` and `achievements`.
    pub nominees: Option<Vec<NomineeFm>>,
    /// Files: the signed notice, the council's minutes.
    pub attachments: Option<Vec<AttachmentFm>>,
    /// Fact. The outcome once the award is decided.
    pub decision: Option<DecisionFm>,
    /// One or two sentences for lists.
    #[serde(default)]
    pub summary: String,
    /// Fact. true marks an invented sample; the site shows a badge.
    pub illustrative: Option<bool>,
    /// true keeps this language version unpublished.
    #[serde(default)]
    pub draft: bool,
    /// Address of this language version instead of the file name.
    pub slug: Option<String>,
}

/// How the public comments on a nomination list.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentsFm {
    /// Where to send written comments, in the language of this file.
    pub address: Option<String>,
    /// Fact. The email address for comments; the site offers a link with the subject filled in.
    pub email: Option<String>,
    /// Fact. The telephone number for comments.
    pub phone: Option<String>,
}

/// A person or collective proposed for the award.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NomineeFm {
    /// Short name of the nominee within the list: lowercase letters, digits and dashes.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub id: String,
    /// Fact. individual (cá nhân) or collective (tập thể). Required in the first language.
    pub kind: Option<ExemplarKind>,
    /// Name of the person ("Bà Nguyễn Thị Hoa") or collective, in the language of this file.
    pub name: Option<String>,
    /// Fact. The unit they belong to: an id from content/data/units.yaml.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub unit: Option<String>,
    /// Position (chức vụ) of a person, in the language of this file.
    pub position: Option<String>,
    /// A short account of their achievements, in the language of this file. Only what the
    /// award needs: no citizen ID number, date of birth or private telephone number.
    pub achievements: Option<String>,
    /// Fact. The campaigns they are proposed from: file names in content/campaigns/.
    #[schemars(inner(inner(pattern(crate::i18n::SLUG_PATTERN))))]
    pub campaigns: Option<Vec<String>>,
    /// Fact. A photo: /anh/a.jpg for static/anh/a.jpg.
    pub photo: Option<String>,
    /// Fact. Their exemplar page, once awarded: a file name in content/exemplars/.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub exemplar: Option<String>,
}

/// The decision on a nomination list.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionFm {
    /// The number of the decision: "123/QĐ-UBND".
    pub number: String,
    /// The day of the decision; the list shows as decided from this day.
    pub date: Day,
    /// The ids of the nominees awarded.
    #[serde(default)]
    #[schemars(inner(pattern(crate::i18n::SLUG_PATTERN)))]
    pub awarded: Vec<String>,
}
