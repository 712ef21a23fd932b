//! View structs: what templates see. Built from the published model only.

use serde::Serialize;

/// A link to a content item, marked when it exists only in another language.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub href: String,
    /// Language of the target when it differs from the page's (for `hreflang`/`lang`).
    pub lang: Option<String>,
    /// "Vietnamese only" / "Chỉ có tiếng Anh" when the target is a fallback.
    pub only_in: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub text: String,
    pub iso: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CampaignCard {
    pub id: String,
    pub link: Link,
    pub summary: String,
    pub launched: DateView,
    pub ends: Option<DateView>,
    pub lead_unit: Link,
    pub fields: Vec<Link>,
    pub exemplar_count: usize,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExemplarCard {
    pub link: Link,
    pub kind: String,
    pub unit: Link,
    pub campaign: Option<Link>,
    pub recognized: DateView,
    pub year: i32,
    pub award: String,
    pub summary: String,
    pub illustrative: bool,
    pub photo: Option<String>,
    pub photo_alt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResultRow {
    pub campaign: Option<Link>,
    pub indicator: String,
    pub target: String,
    pub actual: String,
    pub unit: String,
    pub percent: String,
    /// Actual as a share of target, for charts; `None` when the target is zero.
    pub percent_value: Option<f64>,
    pub met: bool,
    pub note: String,
    pub period: String,
    pub report: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportCard {
    pub link: Link,
    pub period: String,
    pub period_code: String,
    pub submitted: Option<DateView>,
    pub recipient: String,
    pub summary: String,
    pub illustrative: bool,
    pub due: Option<DateView>,
    pub status: Option<Status>,
}

/// Where a due report stands on the build date.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// `on-time`, `late`, `due` or `overdue`; also the CSS class.
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Deadline {
    pub period: String,
    pub period_code: String,
    pub due: DateView,
    pub recipient: String,
    pub illustrative: bool,
    pub status: Status,
    pub report: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub id: String,
    pub kind: String,
    pub number: String,
    pub issuer: String,
    pub issued: DateView,
    pub effective: Option<DateView>,
    pub summary: String,
    pub file: Option<String>,
    pub cited_by: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineItem {
    pub date: DateView,
    pub kind: String,
    pub kind_code: String,
    pub title: String,
    pub link: Option<Link>,
    pub illustrative: bool,
    /// For due reports: where the report stands.
    pub status: Option<Status>,
    #[serde(skip)]
    pub sort: (i32, u32, u32),
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineMonth {
    pub label: String,
    pub items: Vec<TimelineItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineYear {
    pub year: i32,
    pub months: Vec<TimelineMonth>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub label: String,
    pub href: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: String,
    pub label: String,
    /// Open Graph locale, e.g. `vi_VN`.
    pub locale: String,
    /// Absolute URL, for `<link rel=alternate hreflang>`.
    pub url: String,
    pub href: String,
    /// False when the page is not translated and the switcher goes to a section instead.
    pub exists: bool,
    pub current: bool,
}

/// Headline figures, computed from the data, never typed by hand.
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub exemplars: usize,
    pub indicators_met: usize,
    pub indicators_total: usize,
    /// The reporting period the indicator counts come from, if any results exist.
    pub period: Option<String>,
    pub illustrative: bool,
}
