//! The open data tables, one builder per table, read from the published model only.
//!
//! Every language gets every published item (in its own language when translated, else
//! in the first language that has it, as the HTML lists do); the `lang` column says which.
//! References to unpublished items (a draft campaign, a future document) are left out, so
//! no file names an item the site does not show. Facts (dates, figures, periods, ids) are
//! the same in every language's files: they come from one place in the model.

use super::{Cell, Column, Table, Type};
use crate::content::frontmatter::{Direction, ExemplarKind};
use crate::content::model::{NominationStatus, Target, DOC_KINDS};
use crate::date::PartialDate;
use crate::render::index::LangIndex;
use crate::render::views::AttachmentView;
use crate::render::{Renderer, Section};

const EXEMPLAR_KINDS: &[&str] = &["individual", "collective"];
const STATUS_CODES: &[&str] = &["on-time", "late", "due", "overdue"];
const CAMPAIGN_STATUS: &[&str] = &["upcoming", "running", "ended"];
const PLAN_KINDS: &[&str] = &["annual", "thematic"];
const ITEM_KINDS: &[&str] = &["plan", "report", "exemplar", "document", "nomination"];

const NOMINATIONS: &[Column] = &[
    Column::new("id", Type::Text),
    Column::new("lang", Type::Text),
    Column::new("title", Type::Text),
    Column::new("award", Type::Text),
    Column::new("council", Type::Text),
    Column::new("posted", Type::Day),
    Column::new("opens", Type::Day),
    Column::new("deadline", Type::Day),
    Column::new("window_working_days", Type::Integer),
    Column::new("status", Type::Code(&NominationStatus::CODES)),
    Column::new("status_label", Type::Text),
    Column::new("working_days_left", Type::Integer).nullable(),
    Column::new("decision_number", Type::Text).nullable(),
    Column::new("decision_date", Type::Day).nullable(),
    Column::new("nominee_count", Type::Integer),
    Column::new("awarded_count", Type::Integer).nullable(),
    Column::new("campaigns", Type::List),
    Column::new("based_on", Type::List),
    Column::new("illustrative", Type::Boolean),
    Column::new("url", Type::Url),
];

const NOMINEES: &[Column] = &[
    Column::new("nomination_id", Type::Text),
    Column::new("id", Type::Text),
    Column::new("lang", Type::Text),
    Column::new("name", Type::Text),
    Column::new("kind", Type::Code(EXEMPLAR_KINDS)),
    Column::new("unit_id", Type::Text).nullable(),
    Column::new("unit_name", Type::Text).nullable(),
    Column::new("position", Type::Text).nullable(),
    Column::new("achievements", Type::Text).nullable(),
    Column::new("campaigns", Type::List),
    Column::new("awarded", Type::Boolean).nullable(),
    Column::new("exemplar_url", Type::Url).nullable(),
    Column::new("url", Type::Url),
];

const PLANS: &[Column] = &[
    Column::new("id", Type::Text),
    Column::new("lang", Type::Text),
    Column::new("title", Type::Text),
    Column::new("kind", Type::Code(PLAN_KINDS)),
    Column::new("kind_label", Type::Text),
    Column::new("doc_kind", Type::Code(&DOC_KINDS)),
    Column::new("number", Type::Text).nullable(),
    Column::new("symbol", Type::Text),
    Column::new("issued", Type::PartialDate),
    Column::new("issued_text", Type::Text),
    Column::new("period", Type::Period),
    Column::new("period_label", Type::Text),
    Column::new("period_start", Type::Day),
    Column::new("period_end", Type::Day),
    Column::new("current", Type::Boolean),
    Column::new("campaigns", Type::List),
    Column::new("based_on", Type::List),
    Column::new("summary", Type::Text).nullable(),
    Column::new("url", Type::Url),
];

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
    Column::new("status", Type::Code(CAMPAIGN_STATUS)),
    Column::new("lead_unit_id", Type::Text),
    Column::new("lead_unit_name", Type::Text),
    Column::new("fields", Type::List),
    Column::new("based_on", Type::List),
    Column::new("plans", Type::List),
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
    Column::new("number", Type::Text).nullable(),
    Column::new("plan_id", Type::Text).nullable(),
    Column::new("period", Type::Period),
    Column::new("period_label", Type::Text),
    Column::new("period_start", Type::Day),
    Column::new("period_end", Type::Day),
    Column::new("submitted", Type::Day).nullable(),
    Column::new("submitted_text", Type::Text).nullable(),
    Column::new("due", Type::Day).nullable(),
    Column::new("due_text", Type::Text).nullable(),
    Column::new("status", Type::Code(STATUS_CODES)).nullable(),
    Column::new("status_label", Type::Text).nullable(),
    Column::new("recipient", Type::Text),
    Column::new("signer", Type::Text).nullable(),
    Column::new("summary", Type::Text).nullable(),
    Column::new("result_count", Type::Integer),
    Column::new("illustrative", Type::Boolean),
    Column::new("url", Type::Url),
];

const RESULTS: &[Column] = &[
    Column::new("report_id", Type::Text),
    Column::new("lang", Type::Text),
    Column::new("plan_id", Type::Text).nullable(),
    Column::new("period", Type::Period),
    Column::new("period_label", Type::Text),
    Column::new("period_start", Type::Day),
    Column::new("period_end", Type::Day),
    Column::new("campaign_id", Type::Text).nullable(),
    Column::new("campaign_title", Type::Text).nullable(),
    Column::new("indicator_id", Type::Text),
    Column::new("indicator", Type::Text),
    Column::new("direction", Type::Code(&Direction::CODES)),
    Column::new("target", Type::Number).nullable(),
    Column::new("target_min", Type::Number).nullable(),
    Column::new("target_max", Type::Number).nullable(),
    Column::new("actual", Type::Number),
    Column::new("unit", Type::Text).nullable(),
    Column::new("percent_of_target", Type::Number).nullable(),
    Column::new("met", Type::Boolean),
    Column::new("note", Type::Text).nullable(),
    Column::new("illustrative", Type::Boolean),
    Column::new("report_url", Type::Url),
    Column::new("campaign_url", Type::Url).nullable(),
];

const INDICATORS: &[Column] = &[
    Column::new("id", Type::Text),
    Column::new("lang", Type::Text),
    Column::new("name", Type::Text),
    Column::new("unit", Type::Text).nullable(),
    Column::new("campaign_id", Type::Text).nullable(),
    Column::new("campaign_title", Type::Text).nullable(),
    Column::new("direction", Type::Code(&Direction::CODES)),
    Column::new("direction_label", Type::Text),
    Column::new("decimals", Type::Integer).nullable(),
    Column::new("baseline", Type::Number).nullable(),
    Column::new("baseline_period", Type::Period).nullable(),
    Column::new("target", Type::Number).nullable(),
    Column::new("target_min", Type::Number).nullable(),
    Column::new("target_max", Type::Number).nullable(),
    Column::new("result_count", Type::Integer),
];

const ATTACHMENTS: &[Column] = &[
    Column::new("item_kind", Type::Code(ITEM_KINDS)),
    Column::new("item_id", Type::Text),
    Column::new("lang", Type::Text),
    Column::new("title", Type::Text),
    Column::new("url", Type::Url),
    Column::new("format", Type::Text).nullable(),
    Column::new("media_type", Type::Text).nullable(),
    Column::new("bytes", Type::Integer).nullable(),
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

/// Target, low and high end of a range, as the results and indicators tables write them.
fn target_cells(t: Option<Target>) -> (Cell, Cell, Cell) {
    match t {
        Some(Target::Value(v)) => (Cell::Amount(v), Cell::Null, Cell::Null),
        Some(Target::Range(lo, hi)) => (Cell::Null, Cell::Amount(lo), Cell::Amount(hi)),
        None => (Cell::Null, Cell::Null, Cell::Null),
    }
}

impl Renderer<'_> {
    /// Every open data table of one language, in the order the open data page lists them.
    pub(in crate::render) fn data_tables(&self, lang: &str, index: &LangIndex) -> Vec<Table> {
        vec![
            self.plans_table(lang),
            self.campaigns_table(lang, index),
            self.exemplars_table(lang),
            self.reports_table(lang, index),
            self.results_table(lang),
            self.indicators_table(lang),
            self.attachments_table(lang, index),
            self.documents_table(lang),
            self.events_table(index),
            self.nominations_table(lang),
            self.nominees_table(lang),
        ]
    }

    /// Absolute URL of an item's page in the language of the version shown.
    fn page_url(&self, lang: &str, section: Section, slug: &str) -> String {
        self.site
            .settings
            .absolute(&self.path(lang, section, Some(slug)))
    }

    /// A link as templates get it (base path in front) back to an absolute URL.
    pub(in crate::render) fn absolute_href(&self, href: &str) -> String {
        match href.strip_prefix(self.base_path.as_str()) {
            Some(rest) if href.starts_with('/') && !href.starts_with("//") => {
                self.site.settings.absolute(rest)
            }
            _ => href.to_string(),
        }
    }

    /// Ids of published items only.
    fn published(&self, ids: &[String], exists: impl Fn(&str) -> bool) -> Vec<String> {
        ids.iter().filter(|id| exists(id)).cloned().collect()
    }

    fn plans_table(&self, lang: &str) -> Table {
        let mut t = Table::new("plans", PLANS).primary_key("id");
        let current = self.site.current_plan().map(|p| p.id.as_str());
        let mut list: Vec<_> = self.site.plans.iter().collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        for p in list {
            let v = p.get_or_fallback(lang, &self.order);
            let f = &p.facts;
            t.push(vec![
                ("id", Cell::text(&p.id)),
                ("lang", Cell::text(&v.lang)),
                ("title", Cell::text(&v.fm.title)),
                ("kind", Cell::text(f.kind.code())),
                (
                    "kind_label",
                    Cell::text(self.t(lang, &format!("plan_kind_{}", f.kind.code()))),
                ),
                ("doc_kind", Cell::text(&f.doc_kind)),
                ("number", Cell::text_or_null(f.number.trim())),
                ("symbol", Cell::text(&f.symbol)),
                ("issued", Cell::text(f.issued.iso())),
                ("issued_text", Cell::text(f.issued.format(lang))),
                ("period", Cell::text(f.period.code())),
                ("period_label", Cell::text(f.period.label(lang))),
                ("period_start", Cell::text(f.period.start.to_string())),
                ("period_end", Cell::text(f.period.end.to_string())),
                ("current", Cell::Bool(current == Some(p.id.as_str()))),
                (
                    "campaigns",
                    Cell::List(self.published(&f.campaigns, |id| self.site.campaign(id).is_some())),
                ),
                (
                    "based_on",
                    Cell::List(self.published(&f.based_on, |id| self.site.document(id).is_some())),
                ),
                ("summary", Cell::text_or_null(&v.fm.summary)),
                (
                    "url",
                    Cell::text(self.page_url(&v.lang, Section::Plan, &v.slug)),
                ),
            ]);
        }
        t
    }

    fn campaigns_table(&self, lang: &str, index: &LangIndex) -> Table {
        let mut t = Table::new("campaigns", CAMPAIGNS).primary_key("id");
        let mut list: Vec<_> = self.site.campaigns.iter().collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        for c in list {
            let v = c.get_or_fallback(lang, &self.order);
            let f = &c.facts;
            let card = index.campaign(&c.id);
            t.push(vec![
                ("id", Cell::text(&c.id)),
                ("lang", Cell::text(&v.lang)),
                ("title", Cell::text(&v.fm.title)),
                ("summary", Cell::text_or_null(&v.fm.summary)),
                ("launched", Cell::text(f.launched.iso())),
                ("launched_text", Cell::text(f.launched.format(lang))),
                ("ends", Cell::opt(f.ends.map(|d| d.iso()))),
                ("ends_text", Cell::opt(f.ends.map(|d| d.format(lang)))),
                ("active", Cell::Bool(card.active)),
                ("status", Cell::text(&card.status.code)),
                ("lead_unit_id", Cell::text(&f.lead_unit)),
                ("lead_unit_name", Cell::text(&card.lead_unit.title)),
                ("fields", Cell::List(v.fm.fields.clone())),
                (
                    "based_on",
                    Cell::List(self.published(&f.based_on, |id| self.site.document(id).is_some())),
                ),
                (
                    "plans",
                    Cell::List(self.published(&f.plans, |id| self.site.plan(id).is_some())),
                ),
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
            let f = &x.facts;
            let (kind, kind_key) = match f.kind {
                ExemplarKind::Individual => ("individual", "exemplar_individual"),
                ExemplarKind::Collective => ("collective", "exemplar_collective"),
            };
            let campaign = self.campaign_link(&f.campaign, lang);
            let recognized = PartialDate::day(f.recognized);
            t.push(vec![
                ("id", Cell::text(&x.id)),
                ("lang", Cell::text(&v.lang)),
                ("title", Cell::text(&v.fm.title)),
                ("kind", Cell::text(kind)),
                ("kind_label", Cell::text(self.t(lang, kind_key))),
                ("unit_id", Cell::text(&f.unit)),
                ("unit_name", Cell::text(self.unit_link(&f.unit, lang).title)),
                (
                    "campaign_id",
                    Cell::opt(campaign.as_ref().map(|_| f.campaign.clone())),
                ),
                ("campaign_title", Cell::opt(campaign.map(|c| c.title))),
                ("recognized", Cell::text(recognized.iso())),
                ("recognized_text", Cell::text(recognized.format(lang))),
                ("award", Cell::text_or_null(&v.fm.award)),
                ("summary", Cell::text_or_null(&v.fm.summary)),
                ("illustrative", Cell::Bool(f.illustrative)),
                (
                    "url",
                    Cell::text(self.page_url(&v.lang, Section::Exemplars, &v.slug)),
                ),
            ]);
        }
        t
    }

    fn reports_table(&self, lang: &str, index: &LangIndex) -> Table {
        let mut t = Table::new("reports", REPORTS)
            .primary_key("id")
            .foreign_key("plan_id", "plans");
        let deadlines = &index.deadlines;
        let mut list: Vec<_> = self.site.reports.iter().collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        for r in list {
            let v = r.get_or_fallback(lang, &self.order);
            let f = &r.facts;
            let card = self.report_card(r, lang, deadlines);
            let plan_id = self.report_plan(r, lang, deadlines);
            t.push(vec![
                ("id", Cell::text(&r.id)),
                ("lang", Cell::text(&v.lang)),
                ("title", Cell::text(&v.fm.title)),
                ("number", Cell::text_or_null(&card.number)),
                ("plan_id", Cell::opt(plan_id)),
                ("period", Cell::text(f.period.code())),
                ("period_label", Cell::text(f.period.label(lang))),
                ("period_start", Cell::text(f.period.start.to_string())),
                ("period_end", Cell::text(f.period.end.to_string())),
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
                ("signer", Cell::opt(v.fm.signer.as_ref().map(|s| &s.name))),
                ("summary", Cell::text_or_null(&v.fm.summary)),
                ("result_count", Cell::count(f.results.len())),
                ("illustrative", Cell::Bool(f.illustrative)),
                (
                    "url",
                    Cell::text(self.page_url(&v.lang, Section::Reports, &v.slug)),
                ),
            ]);
        }
        t
    }

    /// The published plan a report answers: the one it names, else the one whose
    /// schedule it fills.
    fn report_plan(
        &self,
        r: &crate::content::model::Report,
        lang: &str,
        deadlines: &[crate::render::views::Deadline],
    ) -> Option<String> {
        let href = self.link(r, lang, Section::Reports).href;
        r.facts
            .plan
            .clone()
            .or_else(|| {
                deadlines
                    .iter()
                    .find(|d| d.report.as_ref().is_some_and(|l| l.href == href))
                    .map(|d| d.plan_id.clone())
            })
            .filter(|id| self.site.plan(id).is_some())
    }

    /// One row per figure per report: oldest period first (by time), then by report id,
    /// then in the report's order.
    fn results_table(&self, lang: &str) -> Table {
        let mut t = Table::new("results", RESULTS)
            .foreign_key("report_id", "reports")
            .foreign_key("plan_id", "plans")
            .foreign_key("campaign_id", "campaigns")
            .foreign_key("indicator_id", "indicators");
        let deadlines = self.deadlines(lang);
        for (r, fig, row) in self.result_rows(lang) {
            let v = r.get_or_fallback(lang, &self.order);
            let f = &r.facts;
            let ind = self
                .site
                .indicator(&fig.indicator)
                .expect("result rows are of published indicators");
            let campaign = self.site.campaign_of(&fig.indicator);
            let cv = campaign.map(|c| c.get_or_fallback(lang, &self.order));
            let (target, min, max) = target_cells(Some(fig.target));
            t.push(vec![
                ("report_id", Cell::text(&r.id)),
                ("lang", Cell::text(&v.lang)),
                ("plan_id", Cell::opt(self.report_plan(r, lang, &deadlines))),
                ("period", Cell::text(f.period.code())),
                ("period_label", Cell::text(f.period.label(lang))),
                ("period_start", Cell::text(f.period.start.to_string())),
                ("period_end", Cell::text(f.period.end.to_string())),
                ("campaign_id", Cell::opt(campaign.map(|c| &c.id))),
                ("campaign_title", Cell::opt(cv.map(|c| &c.fm.title))),
                ("indicator_id", Cell::text(&ind.id)),
                ("indicator", Cell::text(&row.indicator)),
                ("direction", Cell::text(ind.direction.code())),
                ("target", target),
                ("target_min", min),
                ("target_max", max),
                ("actual", Cell::Amount(fig.actual)),
                ("unit", Cell::text_or_null(&row.unit)),
                (
                    "percent_of_target",
                    Cell::number(ind.percent(fig.target, fig.actual)),
                ),
                ("met", Cell::Bool(row.met)),
                ("note", Cell::text_or_null(&row.note)),
                ("illustrative", Cell::Bool(f.illustrative)),
                (
                    "report_url",
                    Cell::text(self.page_url(&v.lang, Section::Reports, &v.slug)),
                ),
                (
                    "campaign_url",
                    Cell::opt(cv.map(|c| self.page_url(&c.lang, Section::Campaigns, &c.slug))),
                ),
            ]);
        }
        t
    }

    fn indicators_table(&self, lang: &str) -> Table {
        let mut t = Table::new("indicators", INDICATORS)
            .primary_key("id")
            .foreign_key("campaign_id", "campaigns");
        let mut list: Vec<_> = self.site.indicators.iter().collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        // Results per indicator, counted in one pass over every report.
        let mut uses: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for f in self.site.reports.iter().flat_map(|r| &r.facts.results) {
            *uses.entry(f.indicator.as_str()).or_default() += 1;
        }
        for i in list {
            let campaign = self.site.campaign_of(&i.id);
            let cv = campaign.map(|c| c.get_or_fallback(lang, &self.order));
            let (target, min, max) = target_cells(i.target);
            t.push(vec![
                ("id", Cell::text(&i.id)),
                ("lang", Cell::text(lang)),
                (
                    "name",
                    Cell::text(i.name.get(lang).cloned().unwrap_or_default()),
                ),
                (
                    "unit",
                    Cell::text_or_null(i.unit.get(lang).unwrap_or_default()),
                ),
                ("campaign_id", Cell::opt(campaign.map(|c| &c.id))),
                ("campaign_title", Cell::opt(cv.map(|c| &c.fm.title))),
                ("direction", Cell::text(i.direction.code())),
                (
                    "direction_label",
                    Cell::text(self.t(
                        lang,
                        &format!("direction_{}", i.direction.code().replace('-', "_")),
                    )),
                ),
                (
                    "decimals",
                    i.decimals.map_or(Cell::Null, |d| Cell::Int(i64::from(d))),
                ),
                ("baseline", Cell::amount(i.baseline)),
                (
                    "baseline_period",
                    Cell::opt(i.baseline_period.as_ref().map(|p| p.code())),
                ),
                ("target", target),
                ("target_min", min),
                ("target_max", max),
                (
                    "result_count",
                    Cell::count(uses.get(i.id.as_str()).copied().unwrap_or(0)),
                ),
            ]);
        }
        t
    }

    /// Every file attached to a published plan, report, exemplar or document.
    fn attachments_table(&self, lang: &str, index: &LangIndex) -> Table {
        let mut t = Table::new("attachments", ATTACHMENTS);
        let mut rows: Vec<(&str, &str, String, Vec<AttachmentView>)> = Vec::new();
        for p in &self.site.plans {
            let v = p.get_or_fallback(lang, &self.order);
            let files = self.attachments(&p.facts.attachments, &v.fm.attachment_titles, lang);
            rows.push(("plan", &p.id, v.lang.clone(), files));
        }
        for r in &self.site.reports {
            let v = r.get_or_fallback(lang, &self.order);
            let files = self.attachments(&r.facts.attachments, &v.fm.attachment_titles, lang);
            rows.push(("report", &r.id, v.lang.clone(), files));
        }
        for x in &self.site.exemplars {
            let v = x.get_or_fallback(lang, &self.order);
            rows.push((
                "exemplar",
                &x.id,
                v.lang.clone(),
                index.exemplar(&x.id).attachments.clone(),
            ));
        }
        for d in self.documents(lang) {
            if let Some(doc) = self.site.document(&d.id) {
                rows.push(("document", &doc.fm.id, lang.to_string(), d.attachments));
            }
        }
        for n in &self.site.nominations {
            let v = n.get_or_fallback(lang, &self.order);
            let files = self.attachments(&n.facts.attachments, &v.fm.attachment_titles, lang);
            rows.push(("nomination", &n.id, v.lang.clone(), files));
        }
        rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        for (kind, id, item_lang, files) in rows {
            for a in files {
                t.push(vec![
                    ("item_kind", Cell::text(kind)),
                    ("item_id", Cell::text(id)),
                    ("lang", Cell::text(&item_lang)),
                    ("title", Cell::text(&a.title)),
                    ("url", Cell::text(&a.url)),
                    ("format", Cell::text_or_null(&a.format)),
                    (
                        "media_type",
                        Cell::opt(crate::render::pages::media_type(&a.format)),
                    ),
                    ("bytes", a.bytes.map_or(Cell::Null, Cell::count)),
                ]);
            }
        }
        t
    }

    fn nominations_table(&self, lang: &str) -> Table {
        let mut t = Table::new("nominations", NOMINATIONS).primary_key("id");
        let mut list: Vec<_> = self.site.nominations.iter().collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        for n in list {
            let v = n.get_or_fallback(lang, &self.order);
            let f = &n.facts;
            let card = self.nomination_card(n, lang);
            let decision = f.decision.as_ref().filter(|d| d.date <= self.site.now);
            t.push(vec![
                ("id", Cell::text(&n.id)),
                ("lang", Cell::text(&v.lang)),
                ("title", Cell::text(&v.fm.title)),
                ("award", Cell::text(&v.fm.award)),
                ("council", Cell::text(&v.fm.council)),
                ("posted", Cell::text(f.posted.to_string())),
                ("opens", Cell::text(f.opens.to_string())),
                ("deadline", Cell::text(f.deadline.to_string())),
                ("window_working_days", Cell::count(card.window as usize)),
                ("status", Cell::text(&card.status.code)),
                ("status_label", Cell::text(&card.status.label)),
                (
                    "working_days_left",
                    card.days_left
                        .map_or(Cell::Null, |d| Cell::count(d as usize)),
                ),
                ("decision_number", Cell::opt(decision.map(|d| &d.number))),
                (
                    "decision_date",
                    Cell::opt(decision.map(|d| d.date.to_string())),
                ),
                ("nominee_count", Cell::count(f.nominees.len())),
                (
                    "awarded_count",
                    decision.map_or(Cell::Null, |d| Cell::count(d.awarded.len())),
                ),
                (
                    "campaigns",
                    Cell::List(self.published(&f.campaigns, |id| self.site.campaign(id).is_some())),
                ),
                (
                    "based_on",
                    Cell::List(self.published(&f.based_on, |id| self.site.document(id).is_some())),
                ),
                ("illustrative", Cell::Bool(f.illustrative)),
                (
                    "url",
                    Cell::text(self.page_url(&v.lang, Section::Nominations, &v.slug)),
                ),
            ]);
        }
        t
    }

    /// One row per nominee of every published list; only what the list publishes.
    fn nominees_table(&self, lang: &str) -> Table {
        let mut t = Table::new("nominees", NOMINEES).foreign_key("nomination_id", "nominations");
        let mut list: Vec<_> = self.site.nominations.iter().collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        for n in list {
            let v = n.get_or_fallback(lang, &self.order);
            let f = &n.facts;
            let url = self.page_url(&v.lang, Section::Nominations, &v.slug);
            let decision = f.decision.as_ref().filter(|d| d.date <= self.site.now);
            for x in &f.nominees {
                let text = v.fm.nominees.get(&x.id).cloned().unwrap_or_default();
                let awarded = decision.map(|d| d.awarded.contains(&x.id));
                let exemplar = x
                    .exemplar
                    .as_deref()
                    .filter(|_| awarded == Some(true))
                    .and_then(|id| self.site.exemplars.iter().find(|e| e.id == id))
                    .map(|e| {
                        let ev = e.get_or_fallback(lang, &self.order);
                        self.page_url(&ev.lang, Section::Exemplars, &ev.slug)
                    });
                let unit = (!x.unit.is_empty()).then(|| self.unit_link(&x.unit, lang).title);
                t.push(vec![
                    ("nomination_id", Cell::text(&n.id)),
                    ("id", Cell::text(&x.id)),
                    ("lang", Cell::text(&v.lang)),
                    ("name", Cell::text(&text.name)),
                    (
                        "kind",
                        Cell::text(match x.kind {
                            ExemplarKind::Individual => "individual",
                            ExemplarKind::Collective => "collective",
                        }),
                    ),
                    ("unit_id", Cell::opt(unit.as_ref().map(|_| &x.unit))),
                    ("unit_name", Cell::opt(unit)),
                    ("position", Cell::text_or_null(&text.position)),
                    ("achievements", Cell::text_or_null(&text.achievements)),
                    (
                        "campaigns",
                        Cell::List(
                            self.published(&x.campaigns, |id| self.site.campaign(id).is_some()),
                        ),
                    ),
                    ("awarded", awarded.map_or(Cell::Null, Cell::Bool)),
                    ("exemplar_url", Cell::opt(exemplar)),
                    ("url", Cell::text(format!("{url}#{}", x.id))),
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
                if f.starts_with('/') && !f.starts_with("//") {
                    self.site.settings.absolute(f)
                } else {
                    f.to_string()
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
