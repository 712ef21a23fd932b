//! Render: turn the published `Site` into the planned output files (HTML through Tera,
//! plus theme and site static files). Reads only the model; writes nothing to disk.

pub mod markdown;
pub mod theme;
pub mod views;

use crate::config::{Language, Segments};
use crate::content::frontmatter::period::Period;
use crate::content::frontmatter::{CampaignFm, ExemplarKind, PlanFm, ReportFm};
use crate::content::{Entry, Site, Version};
use crate::date::PartialDate;
use crate::error::{Diagnostic, Diagnostics};
use crate::i18n::collate;
use crate::output::Output;
use std::collections::BTreeMap;
use theme::Theme;
use views::*;

/// Tera's error with its causes, on one line.
pub fn tera_message(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

/// Sections of the site, each with a translated URL segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Home,
    Plan,
    Campaigns,
    Exemplars,
    Reports,
    Documents,
    Fields,
    Timeline,
    Page,
}

impl Section {
    fn segment(self, s: &Segments) -> Option<&str> {
        Some(match self {
            Section::Plan => &s.plan,
            Section::Campaigns => &s.campaigns,
            Section::Exemplars => &s.exemplars,
            Section::Reports => &s.reports,
            Section::Documents => &s.documents,
            Section::Fields => &s.fields,
            Section::Timeline => &s.timeline,
            Section::Home | Section::Page => return None,
        })
    }
    fn key(self) -> &'static str {
        match self {
            Section::Home => "home",
            Section::Plan => "plan",
            Section::Campaigns => "campaigns",
            Section::Exemplars => "exemplars",
            Section::Reports => "reports",
            Section::Documents => "documents",
            Section::Fields => "fields",
            Section::Timeline => "timeline",
            Section::Page => "page",
        }
    }
}

/// Pages written per language, for the build summary.
pub type PageCounts = BTreeMap<String, usize>;

struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    /// Path part of base_url, e.g. `/` or `/minh-bach/`: put in front of every link.
    base_path: String,
    order: Vec<String>,
    out: Output,
    counts: PageCounts,
    diags: Diagnostics,
}

pub fn render(
    site: &Site,
    theme: &Theme,
    statics: BTreeMap<String, Vec<u8>>,
) -> Result<(Output, PageCounts), Diagnostics> {
    let base_path = match site.settings.base_url.find("://") {
        Some(i) => {
            let after = &site.settings.base_url[i + 3..];
            after
                .find('/')
                .map_or("/".to_string(), |j| after[j..].to_string())
        }
        None => site.settings.base_url.clone(),
    };
    let mut r = Renderer {
        site,
        theme,
        base_path,
        order: site.lang_order(),
        out: Output::default(),
        counts: BTreeMap::new(),
        diags: Diagnostics::default(),
    };
    for lang in site.settings.languages.clone() {
        r.render_language(&lang);
    }
    for (path, bytes) in theme.assets.iter().chain(statics.iter()) {
        // Site static files override theme assets of the same name.
        r.out.files.insert(path.clone(), bytes.clone());
    }
    if r.diags.has_errors() {
        return Err(r.diags);
    }
    Ok((r.out, r.counts))
}

fn date_view(d: PartialDate, lang: &str) -> DateView {
    DateView {
        text: d.format(lang),
        iso: d.iso(),
    }
}

/// Numbers as each language writes them: `1.234,5` in Vietnamese, `1,234.5` in English.
pub fn format_number(x: f64, lang: &str) -> String {
    let (thousands, decimal) = if lang == "vi" { ('.', ',') } else { (',', '.') };
    let s = format!("{:.2}", x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac}")
    }
}

impl<'a> Renderer<'a> {
    fn t(&self, lang: &str, key: &str) -> String {
        self.theme
            .strings
            .get(lang)
            .and_then(|m| m.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    fn lang(&self, code: &str) -> &'a Language {
        self.site
            .settings
            .language(code)
            .expect("versions use configured languages")
    }

    /// Site path (from the site root) of a section or item, e.g. `/en/campaigns/x/`.
    fn path(&self, lang: &str, section: Section, slug: Option<&str>) -> String {
        let l = self.lang(lang);
        let mut p = l.prefix.clone();
        if let Some(seg) = section.segment(&l.segments) {
            p.push_str(seg);
            p.push('/');
        }
        if let Some(s) = slug {
            p.push_str(s);
            p.push('/');
        }
        p
    }

    fn href(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// Link to an entry as seen from a `lang` page, falling back to another language.
    fn link<T>(
        &self,
        entry: &Entry<T>,
        lang: &str,
        section: Section,
        title: impl Fn(&T) -> &str,
    ) -> Link {
        let v = entry.get_or_fallback(lang, &self.order);
        let fallback = v.lang != lang;
        Link {
            title: title(&v.fm).to_string(),
            href: self.href(&self.path(&v.lang, section, Some(&v.slug))),
            lang: fallback.then(|| v.lang.clone()),
            only_in: fallback.then(|| self.t(lang, &format!("only_in_{}", v.lang))),
        }
    }

    fn campaign_link(&self, id: &str, lang: &str) -> Option<Link> {
        self.site
            .campaign(id)
            .map(|c| self.link(c, lang, Section::Campaigns, |f: &CampaignFm| &f.title))
    }

    fn unit_link(&self, id: &str, lang: &str) -> Link {
        let name = self
            .site
            .unit(id)
            .and_then(|u| u.name.get(lang))
            .cloned()
            .unwrap_or_else(|| id.to_string());
        let l = self.lang(lang);
        let path = format!(
            "{}{}/{}/{}/",
            l.prefix, l.segments.exemplars, l.segments.units, id
        );
        Link {
            title: name,
            href: self.href(&path),
            lang: None,
            only_in: None,
        }
    }

    fn field_link(&self, name: &str, lang: &str) -> Link {
        let slug = crate::i18n::slugify(name);
        Link {
            title: name.to_string(),
            href: self.href(&self.path(lang, Section::Fields, Some(&slug))),
            lang: None,
            only_in: None,
        }
    }

    fn is_active(&self, c: &CampaignFm) -> bool {
        c.launched.start() <= self.site.now
            && c.ends
                .is_none_or(|e| e.sort_key() >= PartialDate::day(self.site.now).sort_key())
    }

    fn campaign_card(&self, e: &Entry<CampaignFm>, lang: &str) -> CampaignCard {
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

    fn exemplar_card(
        &self,
        e: &Entry<crate::content::frontmatter::ExemplarFm>,
        lang: &str,
    ) -> ExemplarCard {
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
    fn exemplars_sorted(
        &self,
        lang: &str,
        keep: impl Fn(&crate::content::frontmatter::ExemplarFm) -> bool,
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
    fn deadlines(&self, lang: &str) -> Vec<Deadline> {
        let mut out = Vec::new();
        for p in &self.site.plans {
            let v = p.get_or_fallback(lang, &self.order);
            let Some(rep) = &v.fm.reporting else { continue };
            let year = v.fm.issued.year;
            for (period, due) in [
                (Period::H1(year), rep.six_month_due),
                (Period::Year(year), rep.annual_due),
            ] {
                let Some(due) = due else { continue };
                let report = self
                    .site
                    .reports
                    .iter()
                    .find(|r| r.get_or_fallback(lang, &self.order).fm.period == period);
                let submitted =
                    report.and_then(|r| r.get_or_fallback(lang, &self.order).fm.submitted);
                let code = match submitted {
                    Some(s) if s.0 <= due.0 => "on-time",
                    Some(_) => "late",
                    None if self.site.now <= due.0 => "due",
                    None => "overdue",
                };
                out.push(Deadline {
                    period: period.label(lang),
                    period_code: period.code(),
                    due: date_view(PartialDate::day(due.0), lang),
                    recipient: rep.recipient.clone(),
                    illustrative: rep.illustrative,
                    status: Status {
                        code: code.into(),
                        label: self.t(lang, &format!("status_{}", code.replace('-', "_"))),
                    },
                    report: report
                        .map(|r| self.link(r, lang, Section::Reports, |f: &ReportFm| &f.title)),
                });
            }
        }
        out.sort_by(|a, b| a.due.iso.cmp(&b.due.iso));
        out
    }

    fn report_card(&self, e: &Entry<ReportFm>, lang: &str, deadlines: &[Deadline]) -> ReportCard {
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
    fn result_rows(
        &self,
        lang: &str,
        keep: impl Fn(&Entry<ReportFm>, &crate::content::frontmatter::ResultFm) -> bool,
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
                let percent = if res.target != 0.0 {
                    format!(
                        "{}%",
                        format_number((res.actual / res.target * 1000.0).round() / 10.0, lang)
                    )
                } else {
                    "—".into()
                };
                rows.push(ResultRow {
                    campaign: self.campaign_link(&res.campaign, lang),
                    indicator: res.indicator.clone(),
                    target: format_number(res.target, lang),
                    actual: format_number(res.actual, lang),
                    unit: res.unit.clone(),
                    percent,
                    met: res.actual >= res.target,
                    note: res.note.clone().unwrap_or_default(),
                    period: v.fm.period.label(lang),
                    report: Some(self.link(r, lang, Section::Reports, |f| &f.title)),
                });
            }
        }
        rows
    }

    /// Every dated event in the published site, as seen from `lang`.
    fn timeline_items(&self, lang: &str, campaign: Option<&str>) -> Vec<TimelineItem> {
        let mut items = Vec::new();
        let mut push = |date: PartialDate,
                        kind: &str,
                        title: String,
                        link: Option<Link>,
                        illustrative: bool| {
            items.push(TimelineItem {
                date: date_view(date, lang),
                kind: self.t(lang, &format!("event_{kind}")),
                kind_code: kind.replace('_', "-"),
                title,
                link,
                illustrative,
                sort: date.sort_key(),
            });
        };
        if campaign.is_none() {
            for d in &self.site.documents {
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
                );
            }
            for p in &self.site.plans {
                let v = p.get_or_fallback(lang, &self.order);
                push(
                    v.fm.issued,
                    "plan",
                    v.fm.title.clone(),
                    Some(self.link(p, lang, Section::Plan, |f: &PlanFm| &f.title)),
                    false,
                );
            }
            for e in &self.site.events {
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
                );
            }
            for d in self.deadlines(lang) {
                let date = PartialDate::parse(&d.due.iso).expect("formatted by us");
                push(
                    date,
                    "report_due",
                    format!("{} — {}", self.t(lang, "report_due_for"), d.period),
                    d.report.clone(),
                    d.illustrative,
                );
            }
        }
        for c in &self.site.campaigns {
            if campaign.is_some_and(|id| id != c.id) {
                continue;
            }
            let v = c.get_or_fallback(lang, &self.order);
            let link = self.link(c, lang, Section::Campaigns, |f| &f.title);
            push(
                v.fm.launched,
                "campaign_launched",
                v.fm.title.clone(),
                Some(link.clone()),
                false,
            );
            if let Some(ends) = v.fm.ends {
                push(
                    ends,
                    "campaign_ended",
                    v.fm.title.clone(),
                    Some(link),
                    false,
                );
            }
        }
        for x in &self.site.exemplars {
            let v = x.get_or_fallback(lang, &self.order);
            if campaign.is_some_and(|id| id != v.fm.campaign) {
                continue;
            }
            push(
                PartialDate::day(v.fm.recognized.0),
                "exemplar",
                v.fm.title.clone(),
                Some(self.link(x, lang, Section::Exemplars, |f| &f.title)),
                v.fm.illustrative,
            );
        }
        for r in &self.site.reports {
            let v = r.get_or_fallback(lang, &self.order);
            if campaign.is_some_and(|id| !v.fm.results.iter().any(|res| res.campaign == id)) {
                continue;
            }
            if let Some(s) = v.fm.submitted {
                push(
                    PartialDate::day(s.0),
                    "report_submitted",
                    v.fm.title.clone(),
                    Some(self.link(r, lang, Section::Reports, |f| &f.title)),
                    v.fm.illustrative,
                );
            }
        }
        // Newest first; within a period, precise dates before "sometime in" dates.
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
        items
    }

    fn group_timeline(&self, lang: &str, items: Vec<TimelineItem>) -> Vec<TimelineYear> {
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

    fn nav(&self, lang: &str, current: Section) -> Vec<NavItem> {
        let mut nav: Vec<NavItem> = [
            Section::Home,
            Section::Plan,
            Section::Campaigns,
            Section::Exemplars,
            Section::Reports,
            Section::Documents,
            Section::Fields,
            Section::Timeline,
        ]
        .into_iter()
        .filter_map(|s| {
            let href = match s {
                Section::Plan => {
                    let p = self.site.plans.iter().max_by_key(|p| {
                        p.get_or_fallback(lang, &self.order).fm.issued.sort_key()
                    })?;
                    self.link(p, lang, Section::Plan, |f| &f.title).href
                }
                _ => self.href(&self.path(lang, s, None)),
            };
            Some(NavItem {
                label: self.t(lang, &format!("nav_{}", s.key())),
                href,
                current: s == current,
            })
        })
        .collect();
        let mut pages: Vec<_> = self
            .site
            .pages
            .iter()
            .filter_map(|p| {
                p.versions
                    .get(lang)
                    .and_then(|v| v.fm.menu.map(|m| (m, p, v)))
            })
            .collect();
        pages.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| collate(&a.2.fm.title, &b.2.fm.title))
        });
        for (_, _, v) in pages {
            nav.push(NavItem {
                label: v.fm.title.clone(),
                href: self.href(&self.path(lang, Section::Page, Some(&v.slug))),
                current: false,
            });
        }
        nav
    }

    /// Common context: language, strings, site, navigation, and the language switcher.
    /// `alternates` maps each language to the same page in it, if there is one.
    fn context(
        &self,
        lang: &str,
        section: Section,
        title: &str,
        description: &str,
        path: &str,
        alternates: &BTreeMap<String, String>,
    ) -> tera::Context {
        let l = self.lang(lang);
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert("t", &self.theme.strings[lang]);
        ctx.insert(
            "site",
            &serde_json::json!({
                "title": l.title,
                "description": l.description,
                "organization": l.organization,
                "home": self.href(&l.prefix),
                "base_path": self.base_path,
                "default_lang": self.site.settings.default_lang(),
            }),
        );
        ctx.insert(
            "page",
            &serde_json::json!({
                "title": title,
                "description": if description.is_empty() { &l.description } else { description },
                "path": path,
                "href": self.href(path),
                "url": self.site.settings.absolute(path),
                "section": section.key(),
            }),
        );
        ctx.insert("nav", &self.nav(lang, section));
        let switcher: Vec<Alternate> = self
            .site
            .settings
            .languages
            .iter()
            .map(|other| {
                let (p, exists) = match alternates.get(&other.code) {
                    Some(p) => (p.clone(), true),
                    None => (self.path(&other.code, section, None), false),
                };
                Alternate {
                    lang: other.code.clone(),
                    label: self.t(&other.code, "lang_name"),
                    url: self.site.settings.absolute(&p),
                    href: self.href(&p),
                    exists,
                    current: other.code == lang,
                }
            })
            .collect();
        ctx.insert("alternates", &switcher);
        ctx.insert(
            "x_default",
            &alternates
                .get(self.site.settings.default_lang())
                .map(|p| self.site.settings.absolute(p)),
        );
        ctx
    }

    fn emit(&mut self, lang: &str, path: &str, template: &str, ctx: &tera::Context) {
        match self.theme.tera.render(template, ctx) {
            Ok(html) => {
                let file = format!("{}index.html", path.trim_start_matches('/'));
                if let Err(e) = self.out.add(file.clone(), html.into_bytes()) {
                    self.diags
                        .push(Diagnostic::error(file, e).hint(
                            "two pages have the same address: give one of them another slug",
                        ));
                }
                *self.counts.entry(lang.to_string()).or_default() += 1;
            }
            Err(e) => self.diags.push(
                Diagnostic::error(format!("templates/{template}"), tera_message(&e))
                    .hint("fix the template, or remove your override to use the theme's"),
            ),
        }
    }

    /// Same path in every language: for section indexes.
    fn all_langs(&self, section: Section, slug: Option<&str>) -> BTreeMap<String, String> {
        self.site
            .settings
            .codes()
            .map(|c| (c.to_string(), self.path(c, section, slug)))
            .collect()
    }

    fn item_alternates<T>(&self, e: &Entry<T>, section: Section) -> BTreeMap<String, String> {
        e.versions
            .iter()
            .map(|(l, v)| (l.clone(), self.path(l, section, Some(&v.slug))))
            .collect()
    }

    fn body(&self, v: &Version<impl Sized>) -> String {
        markdown::render(&v.body, &self.base_path)
    }

    fn render_language(&mut self, l: &Language) {
        let lang = l.code.as_str();
        let deadlines = self.deadlines(lang);

        // Campaigns: index sorted by Vietnamese collation, and one page each.
        let mut campaigns: Vec<CampaignCard> = self
            .site
            .campaigns
            .iter()
            .map(|c| self.campaign_card(c, lang))
            .collect();
        campaigns.sort_by(|a, b| collate(&a.link.title, &b.link.title));
        let path = self.path(lang, Section::Campaigns, None);
        let mut ctx = self.context(
            lang,
            Section::Campaigns,
            &self.t(lang, "nav_campaigns"),
            "",
            &path,
            &self.all_langs(Section::Campaigns, None),
        );
        ctx.insert("campaigns", &campaigns);
        self.emit(lang, &path, "campaigns.html", &ctx);

        for c in &self.site.campaigns {
            let Some(v) = c.versions.get(lang) else {
                continue;
            };
            let path = self.path(lang, Section::Campaigns, Some(&v.slug));
            let mut ctx = self.context(
                lang,
                Section::Campaigns,
                &v.fm.title,
                &v.fm.summary,
                &path,
                &self.item_alternates(c, Section::Campaigns),
            );
            ctx.insert("campaign", &self.campaign_card(c, lang));
            ctx.insert("body", &self.body(v));
            ctx.insert(
                "exemplars",
                &self.exemplars_sorted(lang, |x| x.campaign == c.id),
            );
            ctx.insert(
                "results",
                &self.result_rows(lang, |_, res| res.campaign == c.id),
            );
            ctx.insert(
                "timeline",
                &self.group_timeline(lang, self.timeline_items(lang, Some(&c.id))),
            );
            ctx.insert("documents", &self.doc_links(lang, &v.fm.based_on));
            ctx.insert(
                "exemplars_href",
                &self.href(&format!(
                    "{}{}/{}/{}/",
                    l.prefix, l.segments.exemplars, l.segments.campaigns, c.id
                )),
            );
            self.emit(lang, &path, "campaign.html", &ctx);
        }

        // Exemplars: grouped by year, newest first; pages per exemplar, campaign and unit.
        let all = self.exemplars_sorted(lang, |_| true);
        let path = self.path(lang, Section::Exemplars, None);
        let mut ctx = self.context(
            lang,
            Section::Exemplars,
            &self.t(lang, "nav_exemplars"),
            "",
            &path,
            &self.all_langs(Section::Exemplars, None),
        );
        ctx.insert("groups", &group_by_year(&all));
        ctx.insert("heading", &self.t(lang, "nav_exemplars"));
        ctx.insert(
            "by_campaign",
            &campaigns
                .iter()
                .filter(|c| c.exemplar_count > 0)
                .map(|c| Link {
                    title: c.link.title.clone(),
                    href: self.href(&format!(
                        "{}{}/{}/{}/",
                        l.prefix, l.segments.exemplars, l.segments.campaigns, c.id
                    )),
                    lang: c.link.lang.clone(),
                    only_in: None,
                })
                .collect::<Vec<_>>(),
        );
        let mut units: Vec<Link> = self
            .site
            .units
            .iter()
            .map(|u| self.unit_link(&u.id, lang))
            .collect();
        units.sort_by(|a, b| collate(&a.title, &b.title));
        ctx.insert("by_unit", &units);
        self.emit(lang, &path, "exemplars.html", &ctx);

        for c in &self.site.campaigns {
            let v = c.get_or_fallback(lang, &self.order);
            let list = self.exemplars_sorted(lang, |x| x.campaign == c.id);
            let sub = |code: &str| -> String {
                let ol = self.lang(code);
                format!(
                    "{}{}/{}/{}/",
                    ol.prefix, ol.segments.exemplars, ol.segments.campaigns, c.id
                )
            };
            let path = sub(lang);
            let alts = self
                .site
                .settings
                .codes()
                .map(|code| (code.to_string(), sub(code)))
                .collect();
            let title = format!("{}: {}", self.t(lang, "nav_exemplars"), v.fm.title);
            let mut ctx = self.context(lang, Section::Exemplars, &title, "", &path, &alts);
            ctx.insert("groups", &group_by_year(&list));
            ctx.insert("heading", &title);
            ctx.insert("parent", &self.campaign_link(&c.id, lang));
            self.emit(lang, &path, "exemplars.html", &ctx);
        }
        for u in &self.site.units {
            let list = self.exemplars_sorted(lang, |x| x.unit == u.id);
            let sub = |code: &str| -> String {
                let ol = self.lang(code);
                format!(
                    "{}{}/{}/{}/",
                    ol.prefix, ol.segments.exemplars, ol.segments.units, u.id
                )
            };
            let path = sub(lang);
            let alts = self
                .site
                .settings
                .codes()
                .map(|code| (code.to_string(), sub(code)))
                .collect();
            let name = u.name.get(lang).cloned().unwrap_or_default();
            let title = format!("{}: {}", self.t(lang, "nav_exemplars"), name);
            let mut ctx = self.context(lang, Section::Exemplars, &title, "", &path, &alts);
            ctx.insert("groups", &group_by_year(&list));
            ctx.insert("heading", &title);
            let led: Vec<&CampaignCard> = campaigns
                .iter()
                .filter(|c| c.lead_unit.href == self.unit_link(&u.id, lang).href)
                .collect();
            ctx.insert("led_campaigns", &led);
            self.emit(lang, &path, "exemplars.html", &ctx);
        }
        for x in &self.site.exemplars {
            let Some(v) = x.versions.get(lang) else {
                continue;
            };
            let path = self.path(lang, Section::Exemplars, Some(&v.slug));
            let mut ctx = self.context(
                lang,
                Section::Exemplars,
                &v.fm.title,
                &v.fm.summary,
                &path,
                &self.item_alternates(x, Section::Exemplars),
            );
            ctx.insert("exemplar", &self.exemplar_card(x, lang));
            ctx.insert("body", &self.body(v));
            self.emit(lang, &path, "exemplar.html", &ctx);
        }

        // Reports.
        let mut reports: Vec<(Period, ReportCard)> = self
            .site
            .reports
            .iter()
            .map(|r| {
                (
                    r.get_or_fallback(lang, &self.order).fm.period,
                    self.report_card(r, lang, &deadlines),
                )
            })
            .collect();
        reports.sort_by(|a, b| {
            b.0.year()
                .cmp(&a.0.year())
                .then_with(|| matches!(a.0, Period::H1(_)).cmp(&matches!(b.0, Period::H1(_))))
        });
        let report_cards: Vec<ReportCard> = reports.into_iter().map(|(_, c)| c).collect();
        let path = self.path(lang, Section::Reports, None);
        let mut ctx = self.context(
            lang,
            Section::Reports,
            &self.t(lang, "nav_reports"),
            "",
            &path,
            &self.all_langs(Section::Reports, None),
        );
        ctx.insert("reports", &report_cards);
        ctx.insert("deadlines", &deadlines);
        self.emit(lang, &path, "reports.html", &ctx);
        for r in &self.site.reports {
            let Some(v) = r.versions.get(lang) else {
                continue;
            };
            let path = self.path(lang, Section::Reports, Some(&v.slug));
            let mut ctx = self.context(
                lang,
                Section::Reports,
                &v.fm.title,
                &v.fm.summary,
                &path,
                &self.item_alternates(r, Section::Reports),
            );
            ctx.insert("report", &self.report_card(r, lang, &deadlines));
            ctx.insert("body", &self.body(v));
            ctx.insert("results", &self.result_rows(lang, |rep, _| rep.id == r.id));
            self.emit(lang, &path, "report.html", &ctx);
        }

        // Plans, in the official layout.
        for p in &self.site.plans {
            let Some(v) = p.versions.get(lang) else {
                continue;
            };
            let path = self.path(lang, Section::Plan, Some(&v.slug));
            let mut ctx = self.context(
                lang,
                Section::Plan,
                &v.fm.title,
                &v.fm.summary,
                &path,
                &self.item_alternates(p, Section::Plan),
            );
            ctx.insert("plan", &self.plan_view(v, lang));
            ctx.insert("body", &self.body(v));
            ctx.insert(
                "campaigns",
                &v.fm
                    .campaigns
                    .iter()
                    .filter_map(|id| self.campaign_link(id, lang))
                    .collect::<Vec<_>>(),
            );
            ctx.insert("documents", &self.doc_links(lang, &v.fm.based_on));
            ctx.insert("deadlines", &deadlines);
            self.emit(lang, &path, "plan.html", &ctx);
        }

        // Legal documents, newest first, with what cites each.
        let path = self.path(lang, Section::Documents, None);
        let mut ctx = self.context(
            lang,
            Section::Documents,
            &self.t(lang, "nav_documents"),
            "",
            &path,
            &self.all_langs(Section::Documents, None),
        );
        ctx.insert("documents", &self.documents(lang));
        self.emit(lang, &path, "documents.html", &ctx);

        // Fields (lĩnh vực): from the campaigns written in this language.
        let mut fields: BTreeMap<String, (String, Vec<CampaignCard>)> = BTreeMap::new();
        for c in &self.site.campaigns {
            let Some(v) = c.versions.get(lang) else {
                continue;
            };
            for f in &v.fm.fields {
                fields
                    .entry(crate::i18n::slugify(f))
                    .or_insert_with(|| (f.clone(), Vec::new()))
                    .1
                    .push(self.campaign_card(c, lang));
            }
        }
        let mut field_list: Vec<(String, String, Vec<CampaignCard>)> = fields
            .into_iter()
            .map(|(slug, (name, cs))| (slug, name, cs))
            .collect();
        field_list.sort_by(|a, b| collate(&a.1, &b.1));
        let path = self.path(lang, Section::Fields, None);
        let mut ctx = self.context(
            lang,
            Section::Fields,
            &self.t(lang, "nav_fields"),
            "",
            &path,
            &self.all_langs(Section::Fields, None),
        );
        let index: Vec<serde_json::Value> = field_list.iter().map(|(slug, name, cs)| serde_json::json!({"link": self.field_link(name, lang), "count": cs.len(), "slug": slug})).collect();
        ctx.insert("fields", &index);
        ctx.insert("field", &Option::<()>::None);
        self.emit(lang, &path, "fields.html", &ctx);
        for (slug, name, mut cs) in field_list {
            cs.sort_by(|a, b| collate(&a.link.title, &b.link.title));
            let path = self.path(lang, Section::Fields, Some(&slug));
            let mut alts = BTreeMap::new();
            alts.insert(lang.to_string(), path.clone());
            let mut ctx = self.context(
                lang,
                Section::Fields,
                &format!("{}: {name}", self.t(lang, "field")),
                "",
                &path,
                &alts,
            );
            ctx.insert("field", &name);
            ctx.insert("campaigns", &cs);
            self.emit(lang, &path, "fields.html", &ctx);
        }

        // Timeline.
        let path = self.path(lang, Section::Timeline, None);
        let mut ctx = self.context(
            lang,
            Section::Timeline,
            &self.t(lang, "nav_timeline"),
            "",
            &path,
            &self.all_langs(Section::Timeline, None),
        );
        ctx.insert(
            "timeline",
            &self.group_timeline(lang, self.timeline_items(lang, None)),
        );
        self.emit(lang, &path, "timeline.html", &ctx);

        // Pages.
        for p in &self.site.pages {
            let Some(v) = p.versions.get(lang) else {
                continue;
            };
            let path = self.path(lang, Section::Page, Some(&v.slug));
            let mut ctx = self.context(
                lang,
                Section::Page,
                &v.fm.title,
                &v.fm.summary,
                &path,
                &self.item_alternates(p, Section::Page),
            );
            ctx.insert("body", &self.body(v));
            self.emit(lang, &path, "page.html", &ctx);
        }

        // Home: active campaigns, newest exemplars, latest report, next deadline.
        let path = l.prefix.clone();
        let mut ctx = self.context(
            lang,
            Section::Home,
            &l.title,
            &l.description,
            &path,
            &self
                .site
                .settings
                .languages
                .iter()
                .map(|o| (o.code.clone(), o.prefix.clone()))
                .collect(),
        );
        ctx.insert(
            "campaigns_href",
            &self.href(&self.path(lang, Section::Campaigns, None)),
        );
        ctx.insert(
            "active_campaigns",
            &campaigns.iter().filter(|c| c.active).collect::<Vec<_>>(),
        );
        ctx.insert("exemplars", &all.iter().take(5).collect::<Vec<_>>());
        ctx.insert("latest_report", &report_cards.first());
        ctx.insert(
            "next_deadline",
            &deadlines.iter().find(|d| d.status.code == "due"),
        );
        ctx.insert(
            "plans",
            &self
                .site
                .plans
                .iter()
                .map(|p| self.link(p, lang, Section::Plan, |f| &f.title))
                .collect::<Vec<_>>(),
        );
        self.emit(lang, &path, "home.html", &ctx);
    }

    fn doc_links(&self, lang: &str, ids: &[String]) -> Vec<Link> {
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

    fn documents(&self, lang: &str) -> Vec<DocumentView> {
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

    fn plan_view(&self, v: &Version<PlanFm>, lang: &str) -> serde_json::Value {
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
}

#[derive(serde::Serialize)]
struct YearGroup<'a> {
    year: i32,
    items: Vec<&'a ExemplarCard>,
}

fn group_by_year(list: &[ExemplarCard]) -> Vec<YearGroup<'_>> {
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
    use super::format_number;

    #[test]
    fn numbers_per_language() {
        assert_eq!(format_number(1234.5, "vi"), "1.234,5");
        assert_eq!(format_number(1234.5, "en"), "1,234.5");
        assert_eq!(format_number(96.0, "vi"), "96");
        assert_eq!(format_number(1000000.0, "en"), "1,000,000");
    }
}
