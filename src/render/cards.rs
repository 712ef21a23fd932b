//! View builders: cards, results, deadlines, plans and documents, from the published model.

use super::views::*;
use super::{date_view, theme, Renderer, Section};
use crate::amount::Amount;
use crate::content::frontmatter::{Direction, ExemplarKind};
use crate::content::model::{
    on_behalf_text, Attachment, Campaign, CampaignFacts, Exemplar, Figure, Indicator, Plan,
    PlanText, Report, Target,
};
use crate::content::Version;
use crate::date::PartialDate;
use crate::i18n::collate;
use crate::period::Period;
use std::collections::BTreeMap;

impl<'a> Renderer<'a> {
    pub(super) fn is_active(&self, c: &CampaignFacts) -> bool {
        c.launched.start() <= self.site.now
            && c.ends
                .is_none_or(|e| e.sort_key() >= PartialDate::day(self.site.now).sort_key())
    }

    /// Running, ended or not begun, on the build date.
    fn campaign_status(&self, c: &CampaignFacts, lang: &str) -> Status {
        let code = if self.is_active(c) {
            "running"
        } else if c.launched.start() > self.site.now {
            "upcoming"
        } else {
            "ended"
        };
        Status {
            code: code.into(),
            label: self.t(lang, &format!("campaign_{code}")),
        }
    }

    /// `exemplar_count`: the exemplars that name this campaign, as seen from `lang`.
    pub(super) fn campaign_card(
        &self,
        e: &Campaign,
        lang: &str,
        exemplar_count: usize,
    ) -> CampaignCard {
        let v = e.get_or_fallback(lang, &self.order);
        let f = &e.facts;
        // Newest plan first, as the plans index lists them.
        let plans = self
            .site
            .plans
            .iter()
            .filter(|p| f.plans.contains(&p.id))
            .map(|p| self.plan_link(p, lang))
            .collect();
        CampaignCard {
            id: e.id.clone(),
            link: self.link(e, lang, Section::Campaigns),
            summary: v.fm.summary.clone(),
            launched: date_view(f.launched, lang),
            ends: f.ends.map(|d| date_view(d, lang)),
            lead_unit: self.unit_link(&f.lead_unit, lang),
            fields: v
                .fm
                .fields
                .iter()
                .map(|name| self.field_link(name, &v.lang))
                .collect(),
            exemplar_count,
            active: self.is_active(f),
            status: self.campaign_status(f, lang),
            plans,
        }
    }

    pub(super) fn exemplar_card(&self, e: &Exemplar, lang: &str) -> ExemplarCard {
        let v = e.get_or_fallback(lang, &self.order);
        let f = &e.facts;
        let kind = match f.kind {
            ExemplarKind::Individual => "exemplar_individual",
            ExemplarKind::Collective => "exemplar_collective",
        };
        ExemplarCard {
            link: self.link(e, lang, Section::Exemplars),
            kind: self.t(lang, kind),
            unit: self.unit_link(&f.unit, lang),
            campaign: self.campaign_link(&f.campaign, lang),
            recognized: date_view(PartialDate::day(f.recognized), lang),
            year: chrono::Datelike::year(&f.recognized),
            award: v.fm.award.clone(),
            summary: v.fm.summary.clone(),
            illustrative: f.illustrative,
            photo: f.photo.as_deref().map(|p| self.file_href(p)),
            picture: f.photo.as_deref().and_then(|p| self.picture(p)),
            photo_alt: v.fm.photo_alt.clone().unwrap_or_else(|| v.fm.title.clone()),
            attachments: self.attachments(&f.attachments, &v.fm.attachment_titles, lang),
        }
    }

    /// A site path (`/anh/a.jpg`) with the base path in front, spaces and Vietnamese
    /// letters percent-encoded; other addresses as they are.
    pub(super) fn file_href(&self, file: &str) -> String {
        if file.starts_with('/') && !file.starts_with("//") {
            let decoded = crate::links::percent_decode(file);
            self.href(&crate::links::encode_path(&crate::i18n::nfc(&decoded)))
        } else {
            file.to_string()
        }
    }

    /// Attached files with their titles in `lang`, format and size.
    pub(super) fn attachments(
        &self,
        list: &[Attachment],
        titles: &BTreeMap<String, String>,
        lang: &str,
    ) -> Vec<AttachmentView> {
        list.iter()
            .map(|a| {
                let name = a.file.split(['?', '#']).next().unwrap_or(&a.file);
                let format = name
                    .rsplit_once('.')
                    .map(|(_, e)| e.to_ascii_uppercase())
                    .filter(|e| e.len() <= 5 && !e.contains('/'))
                    .unwrap_or_default();
                let bytes = self.static_size(&a.file);
                let url = if a.file.starts_with('/') && !a.file.starts_with("//") {
                    self.site.settings.absolute(&a.file)
                } else {
                    a.file.clone()
                };
                AttachmentView {
                    title: titles
                        .get(&a.file)
                        .cloned()
                        .unwrap_or_else(|| name.rsplit('/').next().unwrap_or(name).to_string()),
                    href: self.file_href(&a.file),
                    format,
                    size: bytes.map(|b| file_size(b, lang)).unwrap_or_default(),
                    bytes,
                    url,
                }
            })
            .collect()
    }

    /// Every exemplar's card with the entry it shows: newest first, ties by Vietnamese
    /// collation of the title, then in the site's order (the sort is stable, so any part
    /// of this list is in the order that part would get sorted on its own).
    pub(super) fn exemplar_cards(&self, lang: &str) -> Vec<(&'a Exemplar, ExemplarCard)> {
        let mut list: Vec<_> = self
            .site
            .exemplars
            .iter()
            .map(|e| (e.facts.recognized, e, self.exemplar_card(e, lang)))
            .collect();
        list.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| collate(&a.2.link.title, &b.2.link.title))
        });
        list.into_iter().map(|(_, e, c)| (e, c)).collect()
    }

    /// The due reports of every plan, with their status on the build date.
    pub(super) fn deadlines(&self, lang: &str) -> Vec<Deadline> {
        crate::content::reporting::due_reports(self.site)
            .into_iter()
            .map(|d| {
                let code = d.standing.code();
                let plan = self.site.plan(&d.plan);
                Deadline {
                    period: d.period.label(lang),
                    period_code: d.period.code(),
                    plan_id: d.plan.clone(),
                    plan: plan.map(|p| self.plan_link(p, lang)),
                    due: date_view(PartialDate::day(d.due), lang),
                    recipient: plan
                        .and_then(|p| {
                            p.get_or_fallback(lang, &self.order)
                                .fm
                                .reporting_recipient
                                .clone()
                        })
                        .unwrap_or_default(),
                    illustrative: d.illustrative,
                    status: Status {
                        code: code.into(),
                        label: self.t(lang, &format!("status_{}", code.replace('-', "_"))),
                    },
                    report: d
                        .report
                        .and_then(|id| self.site.report(&id))
                        .map(|r| self.link(r, lang, Section::Reports)),
                }
            })
            .collect()
    }

    pub(super) fn report_card(&self, e: &Report, lang: &str, deadlines: &[Deadline]) -> ReportCard {
        let v = e.get_or_fallback(lang, &self.order);
        let f = &e.facts;
        // The schedule entry it answers: of its own plan if it names one.
        let d = deadlines.iter().find(|d| {
            d.report.as_ref().map(|l| &l.href) == Some(&self.link(e, lang, Section::Reports).href)
        });
        let plan = f
            .plan
            .as_deref()
            .or(d.map(|d| d.plan_id.as_str()))
            .and_then(|id| self.site.plan(id))
            .map(|p| self.plan_link(p, lang));
        ReportCard {
            link: self.link(e, lang, Section::Reports),
            period: f.period.label(lang),
            period_code: f.period.code(),
            number: doc_number(&f.number, &f.symbol),
            plan,
            signer: v.fm.signer.clone(),
            on_behalf: v
                .fm
                .signer
                .as_ref()
                .and_then(|s| s.on_behalf)
                .map(on_behalf_text),
            attachments: self.attachments(&f.attachments, &v.fm.attachment_titles, lang),
            submitted: f.submitted.map(|s| date_view(PartialDate::day(s), lang)),
            recipient: v.fm.recipient.clone(),
            summary: v.fm.summary.clone(),
            illustrative: f.illustrative,
            due: d.map(|d| d.due.clone()),
            status: d.map(|d| d.status.clone()),
        }
    }

    /// Reports oldest period first (by time), ties by id.
    pub(super) fn reports_by_period(&self) -> Vec<&'a Report> {
        let mut reports: Vec<&Report> = self.site.reports.iter().collect();
        reports.sort_by(|a, b| a.facts.period.cmp(&b.facts.period).then(a.id.cmp(&b.id)));
        reports
    }

    /// Result rows of every report, oldest period first, each with the report and the
    /// figure it comes from. Figures of indicators that are not published are left out.
    pub(super) fn result_rows(&self, lang: &str) -> Vec<(&'a Report, &'a Figure, ResultRow)> {
        let mut rows = Vec::new();
        for r in self.reports_by_period() {
            rows.extend(self.rows_of(r, lang).map(|(fig, row)| (r, fig, row)));
        }
        rows
    }

    /// The result rows of one report.
    pub(super) fn rows_of(
        &self,
        r: &'a Report,
        lang: &str,
    ) -> impl Iterator<Item = (&'a Figure, ResultRow)> + use<'_, 'a> {
        let v = r.get_or_fallback(lang, &self.order);
        let lang = lang.to_string();
        r.facts.results.iter().filter_map(move |fig| {
            let ind = self.site.indicator(&fig.indicator)?;
            let note = r
                .versions
                .get(&lang)
                .and_then(|v| v.fm.notes.get(&fig.indicator))
                .or_else(|| v.fm.notes.get(&fig.indicator))
                .cloned()
                .unwrap_or_default();
            let row = ResultRow {
                report: Some(self.link(r, &lang, Section::Reports)),
                note,
                ..self.result_row(ind, fig, &r.facts.period, &lang)
            };
            Some((fig, row))
        })
    }

    /// One figure as a row of a table.
    fn result_row(&self, ind: &Indicator, fig: &Figure, period: &Period, lang: &str) -> ResultRow {
        let num = |a: Amount| a.format(lang, ind.decimals);
        let target = match (ind.direction, fig.target) {
            (_, Target::Range(lo, hi)) => format!("{}–{}", num(lo), num(hi)),
            (Direction::AtMost, Target::Value(t)) => format!("≤ {}", num(t)),
            (Direction::Exactly, Target::Value(t)) => format!("= {}", num(t)),
            (_, Target::Value(t)) => num(t),
        };
        let percent = ind.percent(fig.target, fig.actual);
        let (lo, hi) = match fig.target {
            Target::Value(t) => (t.to_f64(), None),
            Target::Range(lo, hi) => (lo.to_f64(), Some(hi.to_f64())),
        };
        ResultRow {
            campaign: ind
                .campaign
                .as_deref()
                .and_then(|c| self.campaign_link(c, lang)),
            indicator_id: ind.id.clone(),
            indicator: ind.name.get(lang).cloned().unwrap_or_default(),
            target,
            actual: num(fig.actual),
            unit: ind.unit.get(lang).unwrap_or_default().to_string(),
            direction: ind.direction.code().into(),
            percent: percent.map_or_else(
                || "—".into(),
                |p| format!("{}%", super::format_number(p, lang)),
            ),
            met: ind.met(fig.target, fig.actual),
            note: String::new(),
            period: period.label(lang),
            period_code: period.code(),
            report: None,
            chart: ChartPoint {
                actual: finite(fig.actual.to_f64()),
                target: finite(lo),
                target_high: hi.map(finite),
            },
        }
    }

    pub(super) fn doc_links(&self, lang: &str, ids: &[String]) -> Vec<Link> {
        let docs = self.href(&self.path(lang, Section::Documents, None));
        ids.iter()
            .filter_map(|id| self.site.document(id))
            .map(|d| Link {
                title: format!(
                    "{} {}",
                    self.t(lang, &format!("doc_kind_{}", d.fm.kind.replace('-', "_"))),
                    d.fm.number
                ),
                href: format!("{docs}#{}", d.fm.id),
                lang: None,
                only_in: None,
            })
            .collect()
    }

    pub(super) fn documents(&self, lang: &str) -> Vec<DocumentView> {
        let mut docs: Vec<&crate::content::model::Document> = self.site.documents.iter().collect();
        docs.sort_by(|a, b| {
            b.fm.issued
                .sort_key()
                .cmp(&a.fm.issued.sort_key())
                .then_with(|| a.fm.number.cmp(&b.fm.number))
        });
        // What cites each document: plans, then campaigns, each in the site's order.
        let mut citing: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
        let mut cite = |based_on: &'a [String], link: Link| {
            for (i, id) in based_on.iter().enumerate() {
                // A document named twice by one item is cited by it once.
                if !based_on[..i].contains(id) {
                    citing.entry(id).or_default().push(link.clone());
                }
            }
        };
        for p in &self.site.plans {
            cite(&p.facts.based_on, self.link(p, lang, Section::Plan));
        }
        for c in &self.site.campaigns {
            cite(&c.facts.based_on, self.link(c, lang, Section::Campaigns));
        }
        docs.into_iter()
            .map(|d| {
                let cited_by = citing.get(d.fm.id.as_str()).cloned().unwrap_or_default();
                let files: Vec<Attachment> =
                    d.fm.attachments
                        .iter()
                        .map(|a| Attachment {
                            file: a.file.clone(),
                        })
                        .collect();
                let titles =
                    d.fm.attachments
                        .iter()
                        .filter_map(|a| {
                            let t = a.title.as_ref()?.get(lang)?;
                            Some((a.file.clone(), t.clone()))
                        })
                        .collect();
                DocumentView {
                    id: d.fm.id.clone(),
                    kind: self.t(lang, &format!("doc_kind_{}", d.fm.kind.replace('-', "_"))),
                    number: d.fm.number.clone(),
                    issuer: d.fm.issuer.get(lang).cloned().unwrap_or_default(),
                    issued: date_view(d.fm.issued, lang),
                    effective: d.fm.effective.map(|e| date_view(e, lang)),
                    summary: d.fm.summary.get(lang).cloned().unwrap_or_default(),
                    file: d.fm.file.as_deref().map(|f| self.file_href(f)),
                    attachments: self.attachments(&files, &titles, lang),
                    cited_by,
                }
            })
            .collect()
    }

    /// A link to a plan, named by its title.
    pub(super) fn plan_link(&self, p: &Plan, lang: &str) -> Link {
        self.link(p, lang, Section::Plan)
    }

    /// Every published plan's card, newest first (the site's order of plans).
    pub(super) fn plan_cards(&self, lang: &str) -> Vec<PlanCard> {
        let current = self.site.current_plan().map(|p| p.id.as_str());
        self.site
            .plans
            .iter()
            .map(|p| {
                let f = &p.facts;
                PlanCard {
                    id: p.id.clone(),
                    link: self.plan_link(p, lang),
                    kind: self.t(lang, &format!("plan_kind_{}", f.kind.code())),
                    kind_code: f.kind.code().into(),
                    period: f.period.label(lang),
                    period_code: f.period.code(),
                    number: doc_number(&f.number, &f.symbol),
                    issued: date_view(f.issued, lang),
                    current: Some(p.id.as_str()) == current,
                }
            })
            .collect()
    }

    pub(super) fn plan_view(
        &self,
        p: &Plan,
        v: &Version<PlanText>,
        lang: &str,
    ) -> serde_json::Value {
        let f = &p.facts;
        let t = &v.fm;
        let blank = "<span class=\"blank\" aria-hidden=\"true\"></span>";
        let esc = theme::escape_html;
        // The place-and-date line keeps blanks where the document leaves them.
        let date_line = if lang == "vi" {
            let day = f
                .issued
                .day
                .map_or(blank.to_string(), |d| format!("{d:02}"));
            let month = f.issued.month.map_or(blank.to_string(), |m| {
                if m <= 2 {
                    format!("{m:02}")
                } else {
                    m.to_string()
                }
            });
            format!(
                "{}, ngày {day} tháng {month} năm {}",
                esc(&t.place),
                f.issued.year
            )
        } else {
            let day = f.issued.day.map_or(blank.to_string(), |d| d.to_string());
            let month = f
                .issued
                .month
                .map_or(blank.to_string(), |m| PartialDate::month_label(m, "en"));
            format!("{}, {day} {month} {}", esc(&t.place), f.issued.year)
        };
        let number = if f.number.trim().is_empty() {
            blank.to_string()
        } else {
            esc(f.number.trim())
        };
        serde_json::json!({
            "kind": self.t(lang, &format!("doc_kind_{}", f.doc_kind.replace('-', "_"))).to_uppercase(),
            "plan_kind": self.t(lang, &format!("plan_kind_{}", f.kind.code())),
            "period": f.period.label(lang),
            "title": t.title,
            "number_html": format!("{number}/{}", esc(&f.symbol)),
            "number_blank": f.number.trim().is_empty(),
            "date_line_html": date_line,
            "issued": date_view(f.issued, lang),
            "issuer_parent": t.issuer.parent.to_uppercase(),
            "issuer_name": t.issuer.name.to_uppercase(),
            "signer": t.signer,
            "on_behalf": t.signer.as_ref().and_then(|s| s.on_behalf).map(on_behalf_text),
            "recipients": t.recipients,
            "reporting_recipient": t.reporting_recipient,
            "attachments": self.attachments(&f.attachments, &t.attachment_titles, lang),
        })
    }

    /// The figures of the latest period that has any, as (figure, report) pairs, for the
    /// whole site (key `None`) and for each campaign: one per indicator (of two reports on
    /// one period, the later in the site's order wins). One pass over every figure.
    fn latest_figures(&self) -> BTreeMap<Option<&'a str>, Latest<'a>> {
        let mut out: BTreeMap<Option<&str>, Latest> = BTreeMap::new();
        for r in self.reports_by_period() {
            for fig in &r.facts.results {
                let Some(ind) = self.site.indicator(&fig.indicator) else {
                    continue;
                };
                // The site's entry, then the campaign's if the indicator has one.
                for key in [None, ind.campaign.as_deref()] {
                    let slot = out
                        .entry(key)
                        .or_insert_with(|| (&r.facts.period, BTreeMap::new()));
                    // Reports come oldest period first: a later period starts afresh.
                    if r.facts.period > *slot.0 {
                        *slot = (&r.facts.period, BTreeMap::new());
                    }
                    slot.1.insert(ind.id.as_str(), (fig, r));
                    if ind.campaign.is_none() {
                        break;
                    }
                }
            }
        }
        out
    }

    /// Headline figures of the whole site: every exemplar, and the indicators of the latest
    /// period that reported any.
    pub(super) fn headline(&self, lang: &str) -> Headline {
        let latest = self.latest_figures().remove(&None);
        self.headline_of(lang, self.site.exemplars.len(), latest)
    }

    /// Headline figures of each campaign: its exemplars (`exemplar_counts`), and its
    /// indicators in the latest period that reported any of them.
    pub(super) fn campaign_headlines(
        &self,
        lang: &str,
        exemplar_counts: &BTreeMap<&str, usize>,
    ) -> BTreeMap<String, Headline> {
        let mut latest = self.latest_figures();
        self.site
            .campaigns
            .iter()
            .map(|c| {
                let id = c.id.as_str();
                let exemplars = exemplar_counts.get(id).copied().unwrap_or(0);
                let figures = latest.remove(&Some(id));
                (c.id.clone(), self.headline_of(lang, exemplars, figures))
            })
            .collect()
    }

    fn headline_of(&self, lang: &str, exemplars: usize, latest: Option<Latest>) -> Headline {
        let (period, figures): (_, Vec<(&Figure, &Report)>) = match latest {
            Some((p, f)) => (Some(p.label(lang)), f.into_values().collect()),
            None => (None, Vec::new()),
        };
        let met = figures
            .iter()
            .filter(|(fig, _)| {
                self.site
                    .indicator(&fig.indicator)
                    .is_some_and(|i| i.met(fig.target, fig.actual))
            })
            .count();
        Headline {
            exemplars,
            indicators_met: met,
            indicators_total: figures.len(),
            period,
            illustrative: figures.iter().any(|(_, r)| r.facts.illustrative),
        }
    }
}

/// The latest period with figures, and its figures by indicator id.
type Latest<'a> = (&'a Period, BTreeMap<&'a str, (&'a Figure, &'a Report)>);

/// "15/KH-UBND"; "…/KH-UBND" while unnumbered; empty without a symbol.
pub(super) fn doc_number(number: &str, symbol: &str) -> String {
    match (number.trim(), symbol.trim()) {
        (_, "") => String::new(),
        ("", s) => format!("…/{s}"),
        (n, s) => format!("{n}/{s}"),
    }
}

/// NaN and infinity never reach a drawing.
fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// "1,2 MB" / "1.2 MB", "350 KB", "900 B".
pub(super) fn file_size(bytes: usize, lang: &str) -> String {
    let (value, unit) = if bytes >= 1024 * 1024 {
        (bytes as f64 / (1024.0 * 1024.0), "MB")
    } else if bytes >= 1024 {
        (bytes as f64 / 1024.0, "KB")
    } else {
        return format!("{bytes} B");
    };
    let rounded = (value * 10.0).round() / 10.0;
    format!("{} {unit}", super::format_number(rounded, lang))
}

#[derive(serde::Serialize)]
pub(super) struct YearGroup<'a> {
    year: i32,
    items: Vec<&'a ExemplarCard>,
}

pub(super) fn group_by_year<'c>(
    list: impl IntoIterator<Item = &'c ExemplarCard>,
) -> Vec<YearGroup<'c>> {
    let mut groups: Vec<YearGroup> = Vec::new();
    for x in list {
        match groups.last_mut() {
            Some(g) if g.year == x.year => g.items.push(x),
            _ => groups.push(YearGroup {
                year: x.year,
                items: vec![x],
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::{doc_number, file_size};

    #[test]
    fn sizes_and_numbers() {
        assert_eq!(file_size(1_300_000, "vi"), "1,2 MB");
        assert_eq!(file_size(1_300_000, "en"), "1.2 MB");
        assert_eq!(file_size(2048, "en"), "2 KB");
        assert_eq!(file_size(12, "en"), "12 B");
        assert_eq!(doc_number("15", "KH-STC"), "15/KH-STC");
        assert_eq!(doc_number("", "BC-STC"), "…/BC-STC");
        assert_eq!(doc_number("3", ""), "");
    }
}
