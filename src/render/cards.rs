//! View builders: cards, results, deadlines and documents, from the published model.

use super::views::*;
use super::{date_view, format_number, theme, Renderer, Section};
use crate::content::frontmatter::{
    CampaignFm, ExemplarFm, ExemplarKind, PlanFm, ReportFm, ResultFm,
};
use crate::content::{Entry, Version};
use crate::date::PartialDate;
use crate::i18n::collate;

impl Renderer<'_> {
    pub(super) fn is_active(&self, c: &CampaignFm) -> bool {
        c.launched.start() <= self.site.now
            && c.ends
                .is_none_or(|e| e.sort_key() >= PartialDate::day(self.site.now).sort_key())
    }

    pub(super) fn campaign_card(&self, e: &Entry<CampaignFm>, lang: &str) -> CampaignCard {
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
            exemplar_count: self
                .site
                .exemplars
                .iter()
                .filter(|x| x.get_or_fallback(lang, &self.order).fm.campaign == e.id)
                .count(),
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

    /// Exemplars newest first, ties by Vietnamese collation of the title.
    pub(super) fn exemplars_sorted(
        &self,
        lang: &str,
        keep: impl Fn(&ExemplarFm) -> bool,
    ) -> Vec<ExemplarCard> {
        let mut list: Vec<_> = self
            .site
            .exemplars
            .iter()
            .filter(|e| keep(&e.get_or_fallback(lang, &self.order).fm))
            .map(|e| {
                (
                    e.get_or_fallback(lang, &self.order).fm.recognized.0,
                    self.exemplar_card(e, lang),
                )
            })
            .collect();
        list.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| collate(&a.1.link.title, &b.1.link.title))
        });
        list.into_iter().map(|(_, c)| c).collect()
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

    /// Result rows of every report, oldest period first, that `keep` accepts.
    pub(super) fn result_rows(
        &self,
        lang: &str,
        keep: impl Fn(&Entry<ReportFm>, &ResultFm) -> bool,
    ) -> Vec<ResultRow> {
        let mut rows = Vec::new();
        let mut reports: Vec<&Entry<ReportFm>> = self.site.reports.iter().collect();
        reports.sort_by_key(|r| r.get_or_fallback(lang, &self.order).fm.period);
        for r in reports {
            let v = r.get_or_fallback(lang, &self.order);
            for res in &v.fm.results {
                if !keep(r, res) {
                    continue;
                }
                let percent_value =
                    (res.target != 0.0).then(|| (res.actual / res.target * 1000.0).round() / 10.0);
                let percent = percent_value
                    .map_or_else(|| "—".into(), |p| format!("{}%", format_number(p, lang)));
                rows.push(ResultRow {
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
                });
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
        docs.into_iter()
            .map(|d| {
                let mut cited_by: Vec<Link> = Vec::new();
                for p in &self.site.plans {
                    if p.get_or_fallback(lang, &self.order)
                        .fm
                        .based_on
                        .contains(&d.fm.id)
                    {
                        cited_by.push(self.link(p, lang, Section::Plan, |f| &f.title));
                    }
                }
                for c in &self.site.campaigns {
                    if c.get_or_fallback(lang, &self.order)
                        .fm
                        .based_on
                        .contains(&d.fm.id)
                    {
                        cited_by.push(self.link(c, lang, Section::Campaigns, |f| &f.title));
                    }
                }
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

    /// Exemplars recognized, and indicators met out of the total in the latest period that
    /// reported any — for the whole site, or one campaign.
    pub(super) fn headline(&self, lang: &str, campaign: Option<&str>) -> Headline {
        let exemplars = self
            .site
            .exemplars
            .iter()
            .filter(|x| {
                campaign.is_none_or(|c| x.get_or_fallback(lang, &self.order).fm.campaign == c)
            })
            .count();
        let rows = |r: &Entry<ReportFm>| -> Vec<(bool, bool)> {
            let v = r.get_or_fallback(lang, &self.order);
            v.fm.results
                .iter()
                .filter(|res| campaign.is_none_or(|c| res.campaign == c))
                .map(|res| (res.actual >= res.target, v.fm.illustrative))
                .collect()
        };
        let latest = self
            .site
            .reports
            .iter()
            .filter(|r| !rows(r).is_empty())
            .max_by_key(|r| r.get_or_fallback(lang, &self.order).fm.period);
        let results = latest.map(rows).unwrap_or_default();
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

pub(super) fn group_by_year(list: &[ExemplarCard]) -> Vec<YearGroup<'_>> {
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
