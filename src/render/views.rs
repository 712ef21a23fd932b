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
    /// `upcoming`, `running` or `ended` on the build date.
    pub status: Status,
    /// The plans that launch or carry it, newest first.
    pub plans: Vec<Link>,
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
    /// The photo's address, as written (an https:// one, or a GIF or SVG, is shown as
    /// it is); `picture` when the image stage made it.
    pub photo: Option<String>,
    pub picture: Option<PictureView>,
    pub photo_alt: String,
    pub attachments: Vec<AttachmentView>,
}

/// An image the image stage made, for a `<picture>`: WebP widths in `srcset`, the
/// fallback in `src`, and the size that keeps its place while it loads.
#[derive(Debug, Clone, Serialize)]
pub struct PictureView {
    pub src: String,
    pub srcset: String,
    pub width: u32,
    pub height: u32,
    /// `image/jpeg` or `image/png`: the fallback's.
    pub fallback_type: &'static str,
}

/// The picture shown with a link to a page (Open Graph, Twitter cards): absolute URL.
#[derive(Debug, Clone, Serialize)]
pub struct ShareImage {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// A file attached to an item, as a link with its format and size.
#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    pub title: String,
    pub href: String,
    /// "PDF", "DOCX", …
    pub format: String,
    /// "1,2 MB" in the page's language; empty when unknown (a file on another site).
    pub size: String,
    #[serde(skip)]
    pub bytes: Option<usize>,
    /// The absolute URL, for JSON-LD and the open data.
    #[serde(skip)]
    pub url: String,
}

/// A plan in lists: the plans index, the home page, the menu.
#[derive(Debug, Clone, Serialize)]
pub struct PlanCard {
    pub id: String,
    pub link: Link,
    /// "Kế hoạch năm" / "Kế hoạch chuyên đề".
    pub kind: String,
    pub kind_code: String,
    /// The period it is for: "Năm 2024".
    pub period: String,
    pub period_code: String,
    /// "15/KH-UBND", or "…/KH-UBND" while unnumbered.
    pub number: String,
    pub issued: DateView,
    /// The plan the menu points to.
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResultRow {
    pub campaign: Option<Link>,
    pub indicator_id: String,
    pub indicator: String,
    /// As the page's language writes it; "≤ 5", "= 0" or "90–110" unless more is better.
    pub target: String,
    pub actual: String,
    pub unit: String,
    /// "at-least", "at-most", "exactly" or "range".
    pub direction: String,
    /// "—" where a share of the target means nothing (ranges, zero targets).
    pub percent: String,
    pub met: bool,
    pub note: String,
    pub period: String,
    pub period_code: String,
    pub report: Option<Link>,
    /// What the charts draw; never printed as a figure.
    #[serde(skip)]
    pub chart: ChartPoint,
}

/// A result as the charts draw it: approximate values, finite.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChartPoint {
    pub actual: f64,
    /// The target, or the low end of a range.
    pub target: f64,
    /// The high end of a range.
    pub target_high: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportCard {
    pub link: Link,
    pub period: String,
    pub period_code: String,
    /// "25/BC-UBND"; empty without a number and symbol.
    pub number: String,
    pub plan: Option<Link>,
    pub signer: Option<crate::content::frontmatter::Signer>,
    pub on_behalf: Option<&'static str>,
    pub attachments: Vec<AttachmentView>,
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
    /// The plan that asks for the report.
    pub plan_id: String,
    pub plan: Option<Link>,
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
    pub attachments: Vec<AttachmentView>,
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
