//! The open data tables, one builder per table, read from the published model only.
//!
//! Every language gets every published item (in its own language when translated, else
//! in the first language that has it, as the HTML lists do); the `lang` column says which.
//! References to unpublished items (a draft campaign, a future document) are left out, so
//! no file names an item the site does not show.

use super::{Cell, Column, Table, Type};
use crate::content::frontmatter::{ExemplarKind, ReportFm};
use crate::content::model::DOC_KINDS;
use crate::date::PartialDate;
use crate::render::index::LangIndex;
use crate::render::{Renderer, Section};

const EXEMPLAR_KINDS: &[&str] = &["individual", "collective"];
const STATUS_CODES: &[&str] = &["on-time", "late", "due", "overdue"];

const CAMPAIGNS: &[Column] = &[
    Column::new("id", Type::Text),
    Column::new("lang", Type::Text),
    Column::new("title", Type::Text),
    Column::new("summary", Type::Text).nullable(),
    Column::new("launched", Type::PartialDate),
    Column::new("launched_text", Type::Text),
    Column::new("ends", Type::PartialDate).nullable(),
    Column::new("ends_text", Type::Text).nullable(),
    Column::new("active", Type::Boolean),
    Column::new("lead_unit_id", Type::Text),
    Column::new("lead_unit_name", Type::Text),
    Column::new("fields", Type::List),
    Column::new("based_on", Type::List),
    Column::new("exemplar_count", Type::Integer),
    Column::new("url", Type::Url),
];

const EXEMPLARS: &[Column] = &[
    Column::new("id", Type::Text),
    Column::new("lang", Type::Text),
    Column::new("title", Type::Text),
    Column::new("kind", Type::Code(EXEMPLAR_KINDS)),
    Column::new("kind_label", Type::Text),
    Column::new("unit_id", Type::Text),
    Column::new("unit_name", Type::Text),
    Column::new("campaign_id", Type::Text).nullable(),
    Column::new("campaign_title", Type::Text).nullable(),
    Column::new("recognized", Type::Day),
    Column::new("recognized_text", Type::Text),
    Column::new("award", Type::Text).nullable(),
    Column::new("summary", Type::Text).nullable(),
    Column::new("illustrative", Type::Boolean),
    Column::new("url", Type::Url),
];

const REPORTS: &[Column] = &[
    Column::new("id", Type::Text),
    Column::new("lang", Type::Text),
    Column::new("title", Type::Text),
    Column::new("period", Type::Period),
    Column::new("period_label", Type::Text),
    Column::new("submitted", Type::Day).nullable(),
    Column::new("submitted_text", Type::Text).nullable(),
    Column::new("due", Type::Day).nullable(),
    Column::new("due_text", Type::Text).nullable(),
    Column::new("status", Type::Code(STATUS_CODES)).nullable(),
    Column::new("status_label", Type::Text).nullable(),
    Column::new("recipient", Type::Text),
    Column::new("summary", Type::Text).nullable(),
    Column::new("result_count", Type::Integer),
    Column::new("illustrative", Type::Boolean),
    Column::new("url", Type::Url),
];

const RESULTS: &[Column] = &[
    Column::new("report_id", Type::Text),
    Column::new("lang", Type::Text),
    Column::new("period", Type::Period),
    Column::new("period_label", Type::Text),
    Column::new("campaign_id", Type::Text).nullable(),
    Column::new("campaign_title", Type::Text).nullable(),
    Column::new("indicator", Type::Text),
    Column::new("target", Type::Number).nullable(),
    Column::new("actual", Type::Number).nullable(),
    Column::new("unit", Type::Text),
    Column::new("percent_of_target", Type::Number).nullable(),
    Column::new("met", Type::Boolean),
    Column::new("note", Type::Text).nullable(),
    Column::new("illustrative", Type::Boolean),
    Column::new("report_url", Type::Url),
    Column::new("campaign_url", Type::Url).nullable(),
];

const DOCUMENTS: &[Column] = &[
    Column::new("id", Type::Text),
    Column::new("kind", Type::Code(&DOC_KINDS)),
    Column::new("kind_label", Type::Text),
    Column::new("number", Type::Text),
    Column::new("issuer", Type::Text).nullable(),
    Column::new("issued", Type::PartialDate),
    Column::new("issued_text", Type::Text),
    Column::new("effective", Type::PartialDate).nullable(),
    Column::new("effective_text", Type::Text).nullable(),
    Column::new("summary", Type::Text).nullable(),
    Column::new("file", Type::Url).nullable(),
    Column::new("url", Type::Url),
];

const EVENTS: &[Column] = &[
    Column::new("date", Type::PartialDate),
    Column::new("date_text", Type::Text),
    Column::new("kind", Type::Text),
    Column::new("kind_label", Type::Text),
    Column::new("title", Type::Text),
    Column::new("url", Type::Url).nullable(),
    Column::new("illustrative", Type::Boolean),
];

impl Renderer<'_> {
    /// Every open data table of one language, in the order the open data page lists them.
    pub(in crate::render) fn data_tables(&self, lang: &str, index: &LangIndex) -> Vec<Table> {
        vec![
            self.campaigns_table(lang, index),
            self.exemplars_table(lang),
            self.reports_table(lang, index),
            self.results_table(lang),
            self.documents_table(lang),
            self.events_table(index),
        ]
    }

    /// Absolute URL of an item's page in the language of the version shown.
    fn page_url(&self, lang: &str, section: Section, slug: &str) -> String {
        self.site
            .settings
            .absolute(&self.path(lang, section, Some(slug)))
    }

    /// A link as templates get it (base path in front) back to an absolute URL.
    fn absolute_href(&self, href: &str) -> String {
        match href.strip_prefix(self.base_path.as_str()) {
            Some(rest) if href.starts_with('/') && !href.starts_with("//") => {
                self.site.settings.absolute(rest)
            }
            _ => href.to_string(),
        }
    }

    fn campaigns_table(&self, lang: &str, index: &LangIndex) -> Table {
        let mut t = Table::new("campaigns", CAMPAIGNS).primary_key("id");
        let mut list: Vec<_> = self.site.campaigns.iter().collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        for c in list {
            let v = c.get_or_fallback(lang, &self.order);
            let card = index.campaign(&c.id);
            let based_on =
                v.fm.based_on
                    .iter()
                    .filter(|id| self.site.document(id).is_some())
                    .cloned()
                    .collect();
            t.push(vec![
                ("id", Cell::text(&c.id)),
                ("lang", Cell::text(&v.lang)),
                ("title", Cell::text(&v.fm.title)),
                ("summary", Cell::text_or_null(&v.fm.summary)),
                ("launched", Cell::text(v.fm.launched.iso())),
                ("launched_text", Cell::text(v.fm.launched.format(lang))),
                ("ends", Cell::opt(v.fm.ends.map(|d| d.iso()))),
                ("ends_text", Cell::opt(v.fm.ends.map(|d| d.format(lang)))),
                ("active", Cell::Bool(card.active)),
                ("lead_unit_id", Cell::text(&v.fm.lead_unit)),
                ("lead_unit_name", Cell::text(&card.lead_unit.title)),
                ("fields", Cell::List(v.fm.fields.clone())),
                ("based_on", Cell::List(based_on)),
                ("exemplar_count", Cell::count(card.exemplar_count)),
                (
                    "url",
                    Cell::text(self.page_url(&v.lang, Section::Campaigns, &v.slug)),
                ),
            ]);
        }
        t
    }

    fn exemplars_table(&self, lang: &str) -> Table {
        let mut t = Table::new("exemplars", EXEMPLARS)
            .primary_key("id")
            .foreign_key("campaign_id", "campaigns");
        let mut list: Vec<_> = self.site.exemplars.iter().collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        for x in list {
            let v = x.get_or_fallback(lang, &self.order);
            let (kind, kind_key) = match v.fm.kind {
                ExemplarKind::Individual => ("individual", "exemplar_individual"),
                ExemplarKind::Collective => ("collective", "exemplar_collective"),
            };
            let campaign = self.campaign_link(&v.fm.campaign, lang);
            let recognized = PartialDate::day(v.fm.recognized.0);
            t.push(vec![
                ("id", Cell::text(&x.id)),
                ("lang", Cell::text(&v.lang)),
                ("title", Cell::text(&v.fm.title)),
                ("kind", Cell::text(kind)),
                ("kind_label", Cell::text(self.t(lang, kind_key))),
                ("unit_id", Cell::text(&v.fm.unit)),
                (
                    "unit_name",
                    Cell::text(self.unit_link(&v.fm.unit, lang).title),
                ),
                (
                    "campaign_id",
                    Cell::opt(campaign.as_ref().map(|_| v.fm.campaign.clone())),
                ),
                ("campaign_title", Cell::opt(campaign.map(|c| c.title))),
                ("recognized", Cell::text(recognized.iso())),
                ("recognized_text", Cell::text(recognized.format(lang))),
                ("award", Cell::text_or_null(&v.fm.award)),
                ("summary", Cell::text_or_null(&v.fm.summary)),
                ("illustrative", Cell::Bool(v.fm.illustrative)),
                (
                    "url",
                    Cell::text(self.page_url(&v.lang, Section::Exemplars, &v.slug)),
                ),
            ]);
        }
        t
    }

    fn reports_table(&self, lang: &str, index: &LangIndex) -> Table {
        let mut t = Table::new("reports", REPORTS).primary_key("id");
        let deadlines = &index.deadlines;
        let mut list: Vec<_> = self.site.reports.iter().collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        for r in list {
            let v = r.get_or_fallback(lang, &self.order);
            let card = self.report_card(r, lang, deadlines);
            t.push(vec![
                ("id", Cell::text(&r.id)),
                ("lang", Cell::text(&v.lang)),
                ("title", Cell::text(&v.fm.title)),
                ("period", Cell::text(v.fm.period.code())),
                ("period_label", Cell::text(v.fm.period.label(lang))),
                (
                    "submitted",
                    Cell::opt(card.submitted.as_ref().map(|d| &d.iso)),
                ),
                ("submitted_text", Cell::opt(card.submitted.map(|d| d.text))),
                ("due", Cell::opt(card.due.as_ref().map(|d| &d.iso))),
                ("due_text", Cell::opt(card.due.map(|d| d.text))),
                ("status", Cell::opt(card.status.as_ref().map(|s| &s.code))),
                ("status_label", Cell::opt(card.status.map(|s| s.label))),
                ("recipient", Cell::text(&v.fm.recipient)),
                ("summary", Cell::text_or_null(&v.fm.summary)),
                ("result_count", Cell::count(v.fm.results.len())),
                ("illustrative", Cell::Bool(v.fm.illustrative)),
                (
                    "url",
                    Cell::text(self.page_url(&v.lang, Section::Reports, &v.slug)),
                ),
            ]);
        }
        t
    }

    /// One row per indicator per report: oldest period first, then in the report's order.
    fn results_table(&self, lang: &str) -> Table {
        let mut t = Table::new("results", RESULTS)
            .foreign_key("report_id", "reports")
            .foreign_key("campaign_id", "campaigns");
        let mut list: Vec<_> = self
            .site
            .reports
            .iter()
            .map(|r| (r, r.get_or_fallback(lang, &self.order)))
            .collect();
        list.sort_by(|a, b| a.1.fm.period.cmp(&b.1.fm.period).then(a.0.id.cmp(&b.0.id)));
        for (r, v) in list {
            let fm: &ReportFm = &v.fm;
            let report_url = self.page_url(&v.lang, Section::Reports, &v.slug);
            for res in &fm.results {
                let campaign = self.site.campaign(&res.campaign);
                let cv = campaign.map(|c| c.get_or_fallback(lang, &self.order));
                let percent =
                    (res.target != 0.0).then(|| (res.actual / res.target * 1000.0).round() / 10.0);
                t.push(vec![
                    ("report_id", Cell::text(&r.id)),
                    ("lang", Cell::text(&v.lang)),
                    ("period", Cell::text(fm.period.code())),
                    ("period_label", Cell::text(fm.period.label(lang))),
                    ("campaign_id", Cell::opt(campaign.map(|c| &c.id))),
                    ("campaign_title", Cell::opt(cv.map(|c| &c.fm.title))),
                    ("indicator", Cell::text(&res.indicator)),
                    ("target", Cell::number(Some(res.target))),
                    ("actual", Cell::number(Some(res.actual))),
                    ("unit", Cell::text(&res.unit)),
                    ("percent_of_target", Cell::number(percent)),
                    ("met", Cell::Bool(res.actual >= res.target)),
                    (
                        "note",
                        Cell::text_or_null(res.note.as_deref().unwrap_or("")),
                    ),
                    ("illustrative", Cell::Bool(fm.illustrative)),
                    ("report_url", Cell::text(&report_url)),
                    (
                        "campaign_url",
                        Cell::opt(cv.map(|c| self.page_url(&c.lang, Section::Campaigns, &c.slug))),
                    ),
                ]);
            }
        }
        t
    }

    fn documents_table(&self, lang: &str) -> Table {
        let mut t = Table::new("documents", DOCUMENTS).primary_key("id");
        let mut list: Vec<_> = self.site.documents.iter().collect();
        list.sort_by(|a, b| a.fm.id.cmp(&b.fm.id));
        let page = self
            .site
            .settings
            .absolute(&self.path(lang, Section::Documents, None));
        for d in list {
            let fm = &d.fm;
            let file = fm.file.as_deref().map(|f| {
                if f.contains("://") {
                    f.to_string()
                } else {
                    self.site.settings.absolute(f)
                }
            });
            t.push(vec![
                ("id", Cell::text(&fm.id)),
                ("kind", Cell::text(&fm.kind)),
                (
                    "kind_label",
                    Cell::text(self.t(lang, &format!("doc_kind_{}", fm.kind.replace('-', "_")))),
                ),
                ("number", Cell::text(&fm.number)),
                (
                    "issuer",
                    Cell::text_or_null(fm.issuer.get(lang).map_or("", |s| s)),
                ),
                ("issued", Cell::text(fm.issued.iso())),
                ("issued_text", Cell::text(fm.issued.format(lang))),
                ("effective", Cell::opt(fm.effective.map(|d| d.iso()))),
                (
                    "effective_text",
                    Cell::opt(fm.effective.map(|d| d.format(lang))),
                ),
                (
                    "summary",
                    Cell::text_or_null(fm.summary.get(lang).map_or("", |s| s)),
                ),
                ("file", Cell::opt(file)),
                ("url", Cell::text(format!("{page}#{}", fm.id))),
            ]);
        }
        t
    }

    /// The timeline as the timeline page shows it, oldest first; dates known only to the
    /// month or year come after the precise dates of that month or year.
    fn events_table(&self, index: &LangIndex) -> Table {
        let mut t = Table::new("events", EVENTS);
        // Re-sorted from the page's order, which decides ties.
        let mut items = index.timeline.clone();
        items.sort_by(|a, b| {
            a.sort
                .cmp(&b.sort)
                .then_with(|| a.kind_code.cmp(&b.kind_code))
                .then_with(|| a.title.cmp(&b.title))
        });
        for it in items {
            t.push(vec![
                ("date", Cell::text(&it.date.iso)),
                ("date_text", Cell::text(&it.date.text)),
                ("kind", Cell::text(&it.kind_code)),
                ("kind_label", Cell::text(&it.kind)),
                ("title", Cell::text(&it.title)),
                (
                    "url",
                    Cell::opt(it.link.as_ref().map(|l| self.absolute_href(&l.href))),
                ),
                ("illustrative", Cell::Bool(it.illustrative)),
            ]);
        }
        t
    }
}
