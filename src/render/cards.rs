//! View builders: cards, results, deadlines and documents, from the published model.

use super::views::*;
use super::{date_view, format_number, theme, Renderer, Section};
use crate::content::frontmatter::{
    CampaignFm, ExemplarFm, ExemplarKind, PlanFm, ReportFm, ResultFm,
};
use crate::content::{Entry, Version};
use crate::date::PartialDate;
use crate::i18n::collate;
use std::collections::BTreeMap;

impl<'a> Renderer<'a> {
    pub(super) fn is_active(&self, c: &CampaignFm) -> bool {
        c.launched.start() <= self.site.now
            && c.ends
                .is_none_or(|e| e.sort_key() >= PartialDate::day(self.site.now).sort_key())
    }

    /// `exemplar_count`: the exemplars that name this campaign, as seen from `lang`.
    pub(super) fn campaign_card(
        &self,
        e: &Entry<CampaignFm>,
        lang: &str,
        exemplar_count: usize,
    ) -> CampaignCard {
        let v = e.get_or_fallback(lang, &self.order);
        CampaignCard {
            id: e.id.clone(),
            link: self.link(e, lang, Section::Campaigns, |f| &f.title),
            summary: v.fm.summary.clone(),
            launched: date_view(v.fm.launched, lang),
            ends: v.fm.ends.map(|d| date_view(d, lang)),
            lead_unit: self.unit_link(&v.fm.lead_unit, lang),
            fields: v
                .fm
                .fields
                .iter()
                .map(|f| self.field_link(f, &v.lang))
                .collect(),
            exemplar_count,
            active: self.is_active(&v.fm),
        }
    }

    pub(super) fn exemplar_card(&self, e: &Entry<ExemplarFm>, lang: &str) -> ExemplarCard {
        let v = e.get_or_fallback(lang, &self.order);
        let kind = match v.fm.kind {
            ExemplarKind::Individual => "exemplar_individual",
            ExemplarKind::Collective => "exemplar_collective",
        };
        ExemplarCard {
            link: self.link(e, lang, Section::Exemplars, |f| &f.title),
            kind: self.t(lang, kind),
            unit: self.unit_link(&v.fm.unit, lang),
            campaign: self.campaign_link(&v.fm.campaign, lang),
            recognized: date_view(PartialDate::day(v.fm.recognized.0), lang),
            year: v
                .fm
                .recognized
                .0
                .format("%Y")
                .to_string()
                .parse()
                .unwrap_or(0),
            award: v.fm.award.clone(),
            summary: v.fm.summary.clone(),
            illustrative: v.fm.illustrative,
            photo: v.fm.photo.as_deref().map(|p| {
                if p.starts_with('/') {
                    self.href(p)
                } else {
                    p.to_string()
                }
            }),
            photo_alt: v.fm.photo_alt.clone().unwrap_or_else(|| v.fm.title.clone()),
        }
    }

    /// Every exemplar's card with the entry it shows: newest first, ties by Vietnamese
    /// collation of the title, then in the site's order (the sort is stable, so any part
    /// of this list is in the order that part would get sorted on its own).
    pub(super) fn exemplar_cards(&self, lang: &str) -> Vec<(&'a Entry<ExemplarFm>, ExemplarCard)> {
        let mut list: Vec<_> = self
            .site
            .exemplars
            .iter()
            .map(|e| {
                (
                    e.get_or_fallback(lang, &self.order).fm.recognized.0,
                    e,
                    self.exemplar_card(e, lang),
                )
            })
            .collect();
        list.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| collate(&a.2.link.title, &b.2.link.title))
        });
        list.into_iter().map(|(_, e, c)| (e, c)).collect()
    }

    /// The due reports of every plan, with their status on the build date.
    pub(super) fn deadlines(&self, lang: &str) -> Vec<Deadline> {
        let plans_recipient = |plan: &str| {
            self.site
                .plans
                .iter()
                .find(|p| p.id == plan)
                .and_then(|p| p.get_or_fallback(lang, &self.order).fm.reporting.as_ref())
                .map(|r| r.recipient.clone())
                .unwrap_or_default()
        };
        crate::content::reporting::due_reports(self.site)
            .into_iter()
            .map(|d| {
                let code = d.standing.code();
                Deadline {
                    period: d.period.label(lang),
                    period_code: d.period.code(),
                    due: date_view(PartialDate::day(d.due), lang),
                    recipient: plans_recipient(&d.plan),
                    illustrative: d.illustrative,
                    status: Status {
                        code: code.into(),
                        label: self.t(lang, &format!("status_{}", code.replace('-', "_"))),
                    },
                    report: d
                        .report
                        .and_then(|id| self.site.report(&id))
                        .map(|r| self.link(r, lang, Section::Reports, |f: &ReportFm| &f.title)),
                }
            })
            .collect()
    }

    pub(super) fn report_card(
        &self,
        e: &Entry<ReportFm>,
        lang: &str,
        deadlines: &[Deadline],
    ) -> ReportCard {
        let v = e.get_or_fallback(lang, &self.order);
        let d = deadlines
            .iter()
            .find(|d| d.period_code == v.fm.period.code());
        ReportCard {
            link: self.link(e, lang, Section::Reports, |f| &f.title),
            period: v.fm.period.label(lang),
            period_code: v.fm.period.code(),
            submitted: v
                .fm
                .submitted
                .map(|s| date_view(PartialDate::day(s.0), lang)),
            recipient: v.fm.recipient.clone(),
            summary: v.fm.summary.clone(),
            illustrative: v.fm.illustrative,
            due: d.map(|d| d.due.clone()),
            status: d.map(|d| d.status.clone()),
        }
    }

    /// Result rows of every report, oldest period first, each with the report and the
    /// result it comes from.
    pub(super) fn result_rows(
        &self,
        lang: &str,
    ) -> Vec<(&'a Entry<ReportFm>, &'a ResultFm, ResultRow)> {
        let mut rows = Vec::new();
        let mut reports: Vec<&Entry<ReportFm>> = self.site.reports.iter().collect();
        reports.sort_by_key(|r| r.get_or_fallback(lang, &self.order).fm.period);
        for r in reports {
            let v = r.get_or_fallback(lang, &self.order);
            for res in &v.fm.results {
                let percent_value =
                    (res.target != 0.0).then(|| (res.actual / res.target * 1000.0).round() / 10.0);
                let percent = percent_value
                    .map_or_else(|| "—".into(), |p| format!("{}%", format_number(p, lang)));
                let row = ResultRow {
                    campaign: self.campaign_link(&res.campaign, lang),
                    indicator: res.indicator.clone(),
                    target: format_number(res.target, lang),
                    actual: format_number(res.actual, lang),
                    unit: res.unit.clone(),
                    percent,
                    percent_value,
                    met: res.actual >= res.target,
                    note: res.note.clone().unwrap_or_default(),
                    period: v.fm.period.label(lang),
                    report: Some(self.link(r, lang, Section::Reports, |f| &f.title)),
                };
                rows.push((r, res, row));
            }
        }
        rows
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
            let based_on = &p.get_or_fallback(lang, &self.order).fm.based_on;
            cite(based_on, self.link(p, lang, Section::Plan, |f| &f.title));
        }
        for c in &self.site.campaigns {
            let based_on = &c.get_or_fallback(lang, &self.order).fm.based_on;
            cite(
                based_on,
                self.link(c, lang, Section::Campaigns, |f| &f.title),
            );
        }
        docs.into_iter()
            .map(|d| {
                let cited_by = citing.get(d.fm.id.as_str()).cloned().unwrap_or_default();
                DocumentView {
                    id: d.fm.id.clone(),
                    kind: self.t(lang, &format!("doc_kind_{}", d.fm.kind.replace('-', "_"))),
                    number: d.fm.number.clone(),
                    issuer: d.fm.issuer.get(lang).cloned().unwrap_or_default(),
                    issued: date_view(d.fm.issued, lang),
                    effective: d.fm.effective.map(|e| date_view(e, lang)),
                    summary: d.fm.summary.get(lang).cloned().unwrap_or_default(),
                    file: d.fm.file.as_deref().map(|f| {
                        if f.starts_with('/') {
                            self.href(f)
                        } else {
                            f.to_string()
                        }
                    }),
                    cited_by,
                }
            })
            .collect()
    }

    pub(super) fn plan_view(&self, v: &Version<PlanFm>, lang: &str) -> serde_json::Value {
        let fm = &v.fm;
        let blank = "<span class=\"blank\" aria-hidden=\"true\"></span>";
        let esc = theme::escape_html;
        // The place-and-date line keeps blanks where the document leaves them.
        let date_line = if lang == "vi" {
            let day = fm
                .issued
                .day
                .map_or(blank.to_string(), |d| format!("{d:02}"));
            let month = fm.issued.month.map_or(blank.to_string(), |m| {
                if m <= 2 {
                    format!("{m:02}")
                } else {
                    m.to_string()
                }
            });
            format!(
                "{}, ngày {day} tháng {month} năm {}",
                esc(&fm.place),
                fm.issued.year
            )
        } else {
            let day = fm.issued.day.map_or(blank.to_string(), |d| d.to_string());
            let month = fm
                .issued
                .month
                .map_or(blank.to_string(), |m| PartialDate::month_label(m, "en"));
            format!("{}, {day} {month} {}", esc(&fm.place), fm.issued.year)
        };
        let number = if fm.number.trim().is_empty() {
            blank.to_string()
        } else {
            esc(fm.number.trim())
        };
        serde_json::json!({
            "kind": self.t(lang, &format!("doc_kind_{}", fm.doc_kind.replace('-', "_"))).to_uppercase(),
            "title": fm.title,
            "number_html": format!("{number}/{}", esc(&fm.symbol)),
            "number_blank": fm.number.trim().is_empty(),
            "date_line_html": date_line,
            "issued": date_view(fm.issued, lang),
            "issuer_parent": fm.issuer.parent.to_uppercase(),
            "issuer_name": fm.issuer.name.to_uppercase(),
            "signer": fm.signer,
            "on_behalf": fm.signer.as_ref().and_then(|s| s.on_behalf).map(|o| match o {
                crate::content::frontmatter::OnBehalf::Tm => "TM.",
                crate::content::frontmatter::OnBehalf::Kt => "KT.",
            }),
            "recipients": fm.recipients,
            "reporting_recipient": fm.reporting.as_ref().map(|r| r.recipient.clone()),
        })
    }

    /// Headline figures of the whole site: every exemplar, and the indicators of the latest
    /// period that reported any.
    pub(super) fn headline(&self, lang: &str) -> Headline {
        let latest = self
            .site
            .reports
            .iter()
            .filter(|r| !r.get_or_fallback(lang, &self.order).fm.results.is_empty())
            .max_by_key(|r| r.get_or_fallback(lang, &self.order).fm.period);
        self.headline_of(lang, self.site.exemplars.len(), latest, None)
    }

    /// Headline figures of each campaign: its exemplars (`exemplar_counts`), and its
    /// indicators in the latest period that reported any of them.
    pub(super) fn campaign_headlines(
        &self,
        lang: &str,
        exemplar_counts: &BTreeMap<&str, usize>,
    ) -> BTreeMap<String, Headline> {
        // On equal periods the later report in the site's order wins, as with `max_by_key`.
        let mut latest: BTreeMap<&str, &Entry<ReportFm>> = BTreeMap::new();
        for r in &self.site.reports {
            let period = r.get_or_fallback(lang, &self.order).fm.period;
            for res in &r.get_or_fallback(lang, &self.order).fm.results {
                let slot = latest.entry(&res.campaign).or_insert(r);
                if period >= slot.get_or_fallback(lang, &self.order).fm.period {
                    *slot = r;
                }
            }
        }
        self.site
            .campaigns
            .iter()
            .map(|c| {
                let id = c.id.as_str();
                let exemplars = exemplar_counts.get(id).copied().unwrap_or(0);
                let headline = self.headline_of(lang, exemplars, latest.get(id).copied(), Some(id));
                (c.id.clone(), headline)
            })
            .collect()
    }

    /// Figures from the results of `latest` (about `campaign`, or all of them).
    fn headline_of(
        &self,
        lang: &str,
        exemplars: usize,
        latest: Option<&Entry<ReportFm>>,
        campaign: Option<&str>,
    ) -> Headline {
        let results: Vec<(bool, bool)> = latest
            .map(|r| {
                let v = r.get_or_fallback(lang, &self.order);
                v.fm.results
                    .iter()
                    .filter(|res| campaign.is_none_or(|c| res.campaign == c))
                    .map(|res| (res.actual >= res.target, v.fm.illustrative))
                    .collect()
            })
            .unwrap_or_default();
        Headline {
            exemplars,
            indicators_met: results.iter().filter(|(met, _)| *met).count(),
            indicators_total: results.len(),
            period: latest.map(|r| r.get_or_fallback(lang, &self.order).fm.period.label(lang)),
            illustrative: results.iter().any(|(_, i)| *i),
        }
    }
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
