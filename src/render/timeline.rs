//! The timeline: every dated event of the published site, grouped by year and month.

use super::views::*;
use super::{date_view, Renderer, Section};
use crate::date::PartialDate;
use crate::i18n::collate;

impl<'a> Renderer<'a> {
    /// Every dated event in the published site, as seen from `lang`, each with the
    /// campaigns it is about (a campaign's page shows those). Unsorted: see
    /// [`sort_timeline`].
    pub(super) fn timeline_items(
        &self,
        lang: &str,
        deadlines: &[Deadline],
        about_campaign: Option<&str>,
    ) -> Vec<(TimelineItem, Vec<&'a str>)> {
        // Only the items about one campaign (its page's timeline), when asked: the others
        // are not made.
        let wanted = |about: &[&str]| about_campaign.is_none_or(|id| about.contains(&id));
        let everything = about_campaign.is_none();
        let mut items = Vec::new();
        let mut push = |date: PartialDate,
                        kind: &str,
                        title: String,
                        link: Option<Link>,
                        illustrative: bool,
                        about: Vec<&'a str>| {
            let item = TimelineItem {
                date: date_view(date, lang),
                kind: self.t(lang, &format!("event_{kind}")),
                kind_code: kind.replace('_', "-"),
                title,
                link,
                illustrative,
                status: None,
                sort: date.sort_key(),
            };
            items.push((item, about));
        };
        for d in self.site.documents.iter().filter(|_| everything) {
            let kind = self.t(lang, &format!("doc_kind_{}", d.fm.kind.replace('-', "_")));
            let link = Link {
                title: d.fm.number.clone(),
                href: format!(
                    "{}#{}",
                    self.href(&self.path(lang, Section::Documents, None)),
                    d.fm.id
                ),
                lang: None,
                only_in: None,
            };
            push(
                d.fm.issued,
                "document",
                format!("{kind} {}", d.fm.number),
                Some(link),
                false,
                Vec::new(),
            );
        }
        for p in self.site.plans.iter().filter(|_| everything) {
            let link = self.link(p, lang, Section::Plan);
            push(
                p.facts.issued,
                "plan",
                link.title.clone(),
                Some(link),
                false,
                Vec::new(),
            );
        }
        for e in self.site.events.iter().filter(|_| everything) {
            let link = e.fm.link.as_deref().map(|l| Link {
                title: e.fm.title.get(lang).cloned().unwrap_or_default(),
                href: if l.starts_with('/') {
                    self.href(l)
                } else {
                    l.to_string()
                },
                lang: None,
                only_in: None,
            });
            push(
                e.fm.date,
                "event",
                e.fm.title.get(lang).cloned().unwrap_or_default(),
                link,
                e.fm.illustrative,
                Vec::new(),
            );
        }
        for c in &self.site.campaigns {
            if !wanted(&[c.id.as_str()]) {
                continue;
            }
            let link = self.link(c, lang, Section::Campaigns);
            push(
                c.facts.launched,
                "campaign_launched",
                link.title.clone(),
                Some(link.clone()),
                false,
                vec![c.id.as_str()],
            );
            if let Some(ends) = c.facts.ends {
                push(
                    ends,
                    "campaign_ended",
                    link.title.clone(),
                    Some(link),
                    false,
                    vec![c.id.as_str()],
                );
            }
        }
        for x in &self.site.exemplars {
            if !wanted(&[x.facts.campaign.as_str()]) {
                continue;
            }
            let link = self.link(x, lang, Section::Exemplars);
            push(
                PartialDate::day(x.facts.recognized),
                "exemplar",
                link.title.clone(),
                Some(link),
                x.facts.illustrative,
                vec![x.facts.campaign.as_str()],
            );
        }
        for r in &self.site.reports {
            if let Some(s) = r.facts.submitted {
                let about = self.site.report_campaigns(r);
                if !wanted(&about) {
                    continue;
                }
                let link = self.link(r, lang, Section::Reports);
                push(
                    PartialDate::day(s),
                    "report_submitted",
                    link.title.clone(),
                    Some(link),
                    r.facts.illustrative,
                    about,
                );
            }
        }
        // Nomination lists: posted, last day for comments, decided.
        for n in &self.site.nominations {
            let link = self.link(n, lang, Section::Nominations);
            let about: Vec<&str> = n.facts.campaigns.iter().map(String::as_str).collect();
            if !wanted(&about) {
                continue;
            }
            let f = &n.facts;
            let mut dates = vec![
                (f.posted, "nomination_posted"),
                (f.deadline, "nomination_deadline"),
            ];
            if let Some(d) = f.decision.as_ref().filter(|d| d.date <= self.site.now) {
                dates.push((d.date, "nomination_decided"));
            }
            for (date, kind) in dates {
                push(
                    PartialDate::day(date),
                    kind,
                    link.title.clone(),
                    Some(link.clone()),
                    f.illustrative,
                    about.clone(),
                );
            }
        }
        // Due reports, with where each stands.
        for d in deadlines.iter().filter(|_| everything) {
            let date = PartialDate::parse(&d.due.iso).expect("formatted by us");
            let item = TimelineItem {
                date: d.due.clone(),
                kind: self.t(lang, "event_report_due"),
                kind_code: "report-due".into(),
                title: format!("{} — {}", self.t(lang, "report_due_for"), d.period),
                link: d.report.clone(),
                illustrative: d.illustrative,
                status: Some(d.status.clone()),
                sort: date.sort_key(),
            };
            items.push((item, Vec::new()));
        }
        items
    }

    pub(super) fn group_timeline(&self, lang: &str, items: Vec<TimelineItem>) -> Vec<TimelineYear> {
        let mut years: Vec<TimelineYear> = Vec::new();
        for it in items {
            let (y, m, _) = it.sort;
            if years.last().is_none_or(|ty| ty.year != y) {
                years.push(TimelineYear {
                    year: y,
                    months: Vec::new(),
                });
            }
            let year = years.last_mut().expect("just pushed");
            let label = if m == 13 {
                self.t(lang, "during_year")
            } else {
                PartialDate::month_label(m, lang)
            };
            if year.months.last().is_none_or(|tm| tm.label != label) {
                year.months.push(TimelineMonth {
                    label,
                    items: Vec::new(),
                });
            }
            year.months.last_mut().expect("just pushed").items.push(it);
        }
        years
    }
}

/// Newest first; within a period, precise dates before "sometime in" dates. Stable, so
/// items that compare equal keep the order they were made in.
pub(super) fn sort_timeline(items: &mut [TimelineItem]) {
    items.sort_by(|a, b| {
        let key = |s: (i32, u32, u32)| {
            (
                s.0,
                if s.1 == 13 { 0 } else { s.1 },
                if s.2 == 32 { 0 } else { s.2 },
            )
        };
        key(b.sort)
            .cmp(&key(a.sort))
            .then_with(|| a.kind_code.cmp(&b.kind_code))
            .then_with(|| collate(&a.title, &b.title))
    });
}
