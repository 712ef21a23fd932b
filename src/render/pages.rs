//! The page plan: which pages each language gets, with which template and context.

use super::cards::group_by_year;
use super::index::LangIndex;
use super::views::*;
use super::{Renderer, Section};
use crate::config::{Language, Segments};
use crate::content::frontmatter::ExemplarKind;
use crate::content::model::{
    Campaign, CampaignText, Exemplar, ExemplarText, Page, PageText, Plan, PlanText, Report,
    ReportText, Unit,
};
use crate::content::Version;
use crate::i18n::collate;
use std::collections::{BTreeMap, BTreeSet};

impl Renderer<'_> {
    pub(super) fn render_language(&mut self, l: &Language, index: &LangIndex) {
        let lang = l.code.as_str();
        let deadlines = &index.deadlines;

        // Campaigns: index sorted by Vietnamese collation, and one page each.
        let campaigns = &index.campaigns;
        let (path, mut ctx) = self.index_context(lang, Section::Campaigns);
        ctx.insert("campaigns", campaigns);
        ctx.insert("groups", &self.campaign_groups(lang, index));
        self.emit_page(lang, &path, "campaigns.html", ctx);

        // Exemplars: grouped by year, newest first; pages per exemplar, campaign and unit.
        let all = &index.exemplars;
        let (path, mut ctx) = self.index_context(lang, Section::Exemplars);
        ctx.insert("groups", &group_by_year(all));
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
        self.emit_page(lang, &path, "exemplars.html", ctx);

        for c in &self.site.campaigns {
            let v = c.get_or_fallback(lang, &self.order);
            let list = index.exemplars_of_campaign(&c.id);
            // Nothing links to an empty list (the campaign page says it has none).
            if list.is_empty() {
                continue;
            }
            let of = |s: &Segments| s.campaigns.clone();
            let (path, mut ctx) = self.exemplars_of(lang, list, of, &c.id, &v.fm.title);
            ctx.insert("parent", &self.campaign_link(&c.id, lang));
            self.emit_page(lang, &path, "exemplars.html", ctx);
        }
        for u in &self.site.units {
            self.unit_page(lang, index, u);
        }

        // Reports: the newest period first (by time, not by kind), ties by id.
        let mut reports: Vec<&Report> = self.reports_by_period();
        reports.reverse();
        let report_cards: Vec<ReportCard> = reports
            .into_iter()
            .map(|r| self.report_card(r, lang, deadlines))
            .collect();
        let (path, mut ctx) = self.index_context(lang, Section::Reports);
        ctx.insert("reports", &report_cards);
        ctx.insert("deadlines", &index.deadlines);
        self.emit_page(lang, &path, "reports.html", ctx);

        // Plans: newest first, each with its kind, period and number.
        let plans = self.plan_cards(lang);
        let (path, mut ctx) = self.index_context(lang, Section::Plan);
        ctx.insert("plans", &plans);
        self.emit_page(lang, &path, "plans.html", ctx);

        // Plans, in the official layout.

        self.documents_pages(lang);

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
                    .push(index.campaign(&c.id).clone());
            }
        }
        let mut field_list: Vec<(String, String, Vec<CampaignCard>)> = fields
            .into_iter()
            .map(|(slug, (name, cs))| (slug, name, cs))
            .collect();
        field_list.sort_by(|a, b| collate(&a.1, &b.1));
        let (path, mut ctx) = self.index_context(lang, Section::Fields);
        let field_index: Vec<serde_json::Value> = field_list.iter().map(|(slug, name, cs)| serde_json::json!({"link": self.field_link(name, lang), "count": cs.len(), "slug": slug})).collect();
        ctx.insert("fields", &field_index);
        ctx.insert("field", &Option::<()>::None);
        self.emit_page(lang, &path, "fields.html", ctx);
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
            self.emit_page(lang, &path, "fields.html", ctx);
        }

        // Nomination lists put out for comment, and the calendar of every deadline.
        self.render_nominations_index(l);

        // Timeline.
        let (path, mut ctx) = self.index_context(lang, Section::Timeline);
        ctx.insert(
            "timeline",
            &self.group_timeline(lang, index.timeline.clone()),
        );
        self.emit_page(lang, &path, "timeline.html", ctx);

        // Pages.

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
        ctx.insert("headline", &index.headline);
        ctx.insert("deadlines", &index.deadlines);
        ctx.insert(
            "reports_href",
            &self.href(&self.path(lang, Section::Reports, None)),
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
        ctx.insert("current_plan", &plans.iter().find(|p| p.current));
        // Lists open for comment first; the home page shows a few.
        let nominations = self.nomination_cards(lang);
        ctx.insert(
            "nominations",
            &nominations
                .iter()
                .filter(|c| c.status.code != "decided")
                .take(3)
                .collect::<Vec<_>>(),
        );
        ctx.insert(
            "nominations_href",
            &self.href(&self.path(lang, Section::Nominations, None)),
        );
        ctx.insert(
            "other_plans",
            &plans.iter().filter(|p| !p.current).collect::<Vec<_>>(),
        );
        ctx.insert(
            "plans_href",
            &self.href(&self.path(lang, Section::Plan, None)),
        );
        self.emit_page(lang, &path, "home.html", ctx);

        // Not found: a page per language, outside the sitemap and search.
        let ctx = self.context(
            lang,
            Section::Home,
            &self.t(lang, "not_found_title"),
            "",
            &format!("{}404.html", l.prefix),
            &BTreeMap::new(),
        );
        self.emit_standalone(
            &format!("{}404.html", l.prefix.trim_start_matches('/')),
            "404.html",
            &ctx,
        );
        self.item_pages(l, index, None);
    }

    /// Legal documents with what cites each: newest first, and a second page oldest
    /// first, so the list is sortable by date without JavaScript.
    pub(super) fn documents_pages(&mut self, lang: &str) {
        let newest = self.path(lang, Section::Documents, None);
        let oldest = format!("{newest}{}/", self.t(lang, "docs_oldest_slug"));
        let orders = [
            (newest.clone(), "docs_newest_first"),
            (oldest.clone(), "docs_oldest_first"),
        ];
        for (path, label) in &orders {
            let alternates = self
                .site
                .settings
                .codes()
                .map(|c| {
                    let base = self.path(c, Section::Documents, None);
                    let p = if *path == oldest {
                        format!("{base}{}/", self.t(c, "docs_oldest_slug"))
                    } else {
                        base
                    };
                    (c.to_string(), p)
                })
                .collect();
            let title = format!(
                "{} ({})",
                self.t(lang, "nav_documents"),
                self.t(lang, label).to_lowercase()
            );
            let mut ctx = self.context(lang, Section::Documents, &title, "", path, &alternates);
            let mut docs = self.documents(lang);
            if *path == oldest {
                docs.reverse();
            }
            ctx.insert("documents", &docs);
            let sort: Vec<NavItem> = orders
                .iter()
                .map(|(p, l)| NavItem {
                    label: self.t(lang, l),
                    href: self.href(p),
                    current: p == path,
                })
                .collect();
            ctx.insert("sort_links", &sort);
            self.emit_page(lang, path, "documents.html", ctx);
        }
    }

    /// The page of a unit: its exemplars, and the campaigns it leads.
    pub(super) fn unit_page(&mut self, lang: &str, index: &LangIndex, u: &Unit) {
        let list = index.exemplars_of_unit(&u.id);
        let name = u.name.get(lang).cloned().unwrap_or_default();
        let of = |s: &Segments| s.units.clone();
        let (path, mut ctx) = self.exemplars_of(lang, list, of, &u.id, &name);
        ctx.insert("led_campaigns", &index.led_by(&self.unit_link(&u.id, lang)));
        self.emit_page(lang, &path, "exemplars.html", ctx);
    }

    /// The address and context of the list of exemplars of `id` (a campaign, a unit: the
    /// address word `of` gives), `name` in its heading.
    fn exemplars_of(
        &self,
        lang: &str,
        list: Vec<&ExemplarCard>,
        of: impl Fn(&Segments) -> String,
        id: &str,
        name: &str,
    ) -> (String, tera::Context) {
        let sub = |code: &str| -> String {
            let ol = self.lang(code);
            let exemplars = &ol.segments.exemplars;
            format!("{}{exemplars}/{}/{id}/", ol.prefix, of(&ol.segments))
        };
        let path = sub(lang);
        let alts = (self.site.settings.codes())
            .map(|code| (code.to_string(), sub(code)))
            .collect();
        let title = format!("{}: {name}", self.t(lang, "nav_exemplars"));
        let mut ctx = self.context(lang, Section::Exemplars, &title, "", &path, &alts);
        ctx.insert("groups", &group_by_year(list));
        ctx.insert("heading", &title);
        (path, ctx)
    }

    /// The page of every item written in `l` (campaigns, exemplars, reports, plans,
    /// pages), or with `only`, of the items from those source files: what a change to
    /// the body of an item needs redone (see `crate::rebuild`).
    pub(super) fn item_pages(
        &mut self,
        l: &Language,
        index: &LangIndex,
        only: Option<&BTreeSet<String>>,
    ) {
        let lang = l.code.as_str();
        let wanted = |path: &String| only.is_none_or(|o| o.contains(path));
        for c in &self.site.campaigns {
            if let Some(v) = c.versions.get(lang).filter(|v| wanted(&v.path)) {
                self.campaign_page(l, index, c, v);
            }
        }
        for x in &self.site.exemplars {
            if let Some(v) = x.versions.get(lang).filter(|v| wanted(&v.path)) {
                self.exemplar_page(l, index, x, v);
            }
        }
        for r in &self.site.reports {
            if let Some(v) = r.versions.get(lang).filter(|v| wanted(&v.path)) {
                self.report_page(l, index, r, v);
            }
        }
        for p in &self.site.plans {
            if let Some(v) = p.versions.get(lang).filter(|v| wanted(&v.path)) {
                self.plan_page(l, index, p, v);
            }
        }
        for p in &self.site.pages {
            if let Some(v) = p.versions.get(lang).filter(|v| wanted(&v.path)) {
                self.page_page(l, p, v);
            }
        }
        for n in &self.site.nominations {
            if let Some(v) = n.versions.get(lang).filter(|v| wanted(&v.path)) {
                self.nomination_page(l, n, v);
            }
        }
    }

    fn campaign_page(
        &mut self,
        l: &Language,
        index: &LangIndex,
        c: &Campaign,
        v: &Version<CampaignText>,
    ) {
        let lang = l.code.as_str();
        let (path, mut ctx) =
            self.item_context(lang, Section::Campaigns, c, &v.fm.title, &v.fm.summary);
        ctx.insert("campaign", index.campaign(&c.id));
        ctx.insert("headline", index.headline_of_campaign(&c.id));
        ctx.insert("body", &self.body(v, &path));
        // Its own first image, else the photo of its newest exemplar.
        let share = self.body_share_image(&v.body).or_else(|| {
            (self.site.exemplars.iter())
                .filter(|x| x.facts.campaign == c.id)
                .max_by_key(|x| x.facts.recognized)
                .and_then(|x| {
                    let xv = x.get_or_fallback(lang, &self.order);
                    let alt = xv.fm.photo_alt.as_deref().unwrap_or(&xv.fm.title);
                    self.share_image(x.facts.photo.as_deref()?, alt)
                })
        });
        ctx.insert("share_image", &share);
        ctx.insert("exemplars", &index.exemplars_of_campaign(&c.id));
        let results = index.results_of_campaign(&c.id);
        let chart = self.trend_chart(
            lang,
            "chart-trend",
            &self.t(lang, "results_across_periods"),
            results,
        );
        ctx.insert("chart", &chart);
        ctx.insert("results", results);
        let timeline = index.timeline_of_campaign(&c.id).to_vec();
        ctx.insert("timeline", &self.group_timeline(lang, timeline));
        ctx.insert("documents", &self.doc_links(lang, &c.facts.based_on));
        ctx.insert(
            "exemplars_href",
            &self.href(&format!(
                "{}{}/{}/{}/",
                l.prefix, l.segments.exemplars, l.segments.campaigns, c.id
            )),
        );
        let mut event = serde_json::json!({
            "@type": "Event",
            "name": v.fm.title,
            "description": v.fm.summary,
            "startDate": c.facts.launched.iso(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": { "@type": "Place", "name": l.organization.address },
            "organizer": { "@id": format!("{}#organization", self.site.settings.base_url) },
        });
        if let Some(ends) = c.facts.ends {
            event["endDate"] = serde_json::json!(ends.iso());
        }
        ctx.insert(
            "feeds",
            &vec![
                serde_json::json!({ "title": l.title, "href": self.href(&self.feed_path(lang)) }),
                serde_json::json!({ "title": v.fm.title, "href": self.href(&self.campaign_feed_path(lang, &v.slug)) }),
            ],
        );
        self.emit_article(lang, &path, &v.fm.title, event, "campaign.html", ctx);
    }

    fn exemplar_page(
        &mut self,
        l: &Language,
        index: &LangIndex,
        x: &Exemplar,
        v: &Version<ExemplarText>,
    ) {
        let lang = l.code.as_str();
        let (path, mut ctx) =
            self.item_context(lang, Section::Exemplars, x, &v.fm.title, &v.fm.summary);
        ctx.insert("exemplar", index.exemplar(&x.id));
        ctx.insert("body", &self.body(v, &path));
        let alt = v.fm.photo_alt.as_deref().unwrap_or(&v.fm.title);
        let share = (x.facts.photo.as_deref())
            .and_then(|p| self.share_image(p, alt))
            .or_else(|| self.body_share_image(&v.body));
        ctx.insert("share_image", &share);
        let about = match x.facts.kind {
            ExemplarKind::Individual => "Person",
            ExemplarKind::Collective => "Organization",
        };
        let mut article = serde_json::json!({
            "@type": "Article",
            "headline": v.fm.title,
            "description": v.fm.summary,
            "datePublished": x.facts.recognized.format("%Y-%m-%d").to_string(),
            "about": { "@type": about, "name": v.fm.title },
        });
        media(&mut article, &index.exemplar(&x.id).attachments);
        self.emit_article(lang, &path, &v.fm.title, article, "exemplar.html", ctx);
    }

    fn report_page(
        &mut self,
        l: &Language,
        index: &LangIndex,
        r: &Report,
        v: &Version<ReportText>,
    ) {
        let lang = l.code.as_str();
        let (path, mut ctx) =
            self.item_context(lang, Section::Reports, r, &v.fm.title, &v.fm.summary);
        let card = self.report_card(r, lang, &index.deadlines);
        ctx.insert("body", &self.body(v, &path));
        let results = index.results_of_report(&r.id);
        let title = format!(
            "{} — {}",
            self.t(lang, "results"),
            r.facts.period.label(lang)
        );
        ctx.insert(
            "chart",
            &self.report_chart(lang, "chart-report", &title, results),
        );
        ctx.insert("results", results);
        let mut report = serde_json::json!({
            "@type": "Report",
            "name": v.fm.title,
            "description": v.fm.summary,
            "reportNumber": if card.number.is_empty() { r.facts.period.code() } else { card.number.clone() },
            "temporalCoverage": format!("{}/{}", r.facts.period.start, r.facts.period.end),
            "author": serde_json::json!({ "@id": format!("{}#organization", self.site.settings.base_url) }),
        });
        if let Some(s) = r.facts.submitted {
            report["datePublished"] = serde_json::json!(s.format("%Y-%m-%d").to_string());
        }
        media(&mut report, &card.attachments);
        ctx.insert("report", &card);
        self.emit_article(lang, &path, &v.fm.title, report, "report.html", ctx);
    }

    fn plan_page(&mut self, l: &Language, index: &LangIndex, p: &Plan, v: &Version<PlanText>) {
        let lang = l.code.as_str();
        let (path, mut ctx) = self.item_context(lang, Section::Plan, p, &v.fm.title, &v.fm.summary);
        let view = self.plan_view(p, v, lang);
        ctx.insert("body", &self.body(v, &path));
        ctx.insert(
            "campaigns",
            &p.facts
                .campaigns
                .iter()
                .filter_map(|id| self.campaign_link(id, lang))
                .collect::<Vec<_>>(),
        );
        ctx.insert("documents", &self.doc_links(lang, &p.facts.based_on));
        // Its own schedule only: with many plans, each asks for its own reports.
        ctx.insert(
            "deadlines",
            &index
                .deadlines
                .iter()
                .filter(|d| d.plan_id == p.id)
                .collect::<Vec<_>>(),
        );
        // The plans before and after it of the same kind (annual after annual).
        let same_kind: Vec<&Plan> = self
            .site
            .plans
            .iter()
            .filter(|o| o.facts.kind == p.facts.kind)
            .collect();
        let at = same_kind.iter().position(|o| o.id == p.id);
        let newer = at.and_then(|i| i.checked_sub(1)).map(|i| same_kind[i]);
        let older = at.and_then(|i| same_kind.get(i + 1).copied());
        ctx.insert("newer_plan", &newer.map(|o| self.plan_link(o, lang)));
        ctx.insert("older_plan", &older.map(|o| self.plan_link(o, lang)));
        ctx.insert(
            "other_plans",
            &self
                .plan_cards(lang)
                .into_iter()
                .filter(|c| c.id != p.id)
                .collect::<Vec<_>>(),
        );
        ctx.insert(
            "plans_href",
            &self.href(&self.path(lang, Section::Plan, None)),
        );
        let mut plan = serde_json::json!({
            "@type": "CreativeWork",
            "genre": self.t(lang, &format!("doc_kind_{}", p.facts.doc_kind.replace('-', "_"))),
            "name": v.fm.title,
            "description": v.fm.summary,
            "dateCreated": p.facts.issued.iso(),
            "temporalCoverage": format!("{}/{}", p.facts.period.start, p.facts.period.end),
            "author": serde_json::json!({ "@id": format!("{}#organization", self.site.settings.base_url) }),
        });
        media(
            &mut plan,
            &self.attachments(&p.facts.attachments, &v.fm.attachment_titles, lang),
        );
        ctx.insert("plan", &view);
        self.emit_article(lang, &path, &v.fm.title, plan, "plan.html", ctx);
    }

    fn page_page(&mut self, l: &Language, p: &Page, v: &Version<PageText>) {
        let lang = l.code.as_str();
        let (path, mut ctx) = self.item_context(lang, Section::Page, p, &v.fm.title, &v.fm.summary);
        ctx.insert("body", &self.body(v, &path));
        self.emit_page(lang, &path, "page.html", ctx);
    }

    /// Emits an item's page with its schema.org description (`item`) as JSON-LD.
    pub(super) fn emit_article(
        &mut self,
        lang: &str,
        path: &str,
        title: &str,
        item: serde_json::Value,
        template: &str,
        mut ctx: tera::Context,
    ) {
        let url = self.site.settings.absolute(path);
        ctx.insert("jsonld", &self.jsonld(lang, &url, title, Some(item)));
        ctx.insert("og_type", "article");
        self.emit_page(lang, path, template, ctx);
    }
}

/// Attached files in JSON-LD, as schema.org media objects.
pub(super) fn media(item: &mut serde_json::Value, files: &[AttachmentView]) {
    if files.is_empty() {
        return;
    }
    let list: Vec<serde_json::Value> = files
        .iter()
        .map(|a| {
            let mut m = serde_json::json!({
                "@type": "MediaObject",
                "name": a.title,
                "contentUrl": a.url,
            });
            if let Some(t) = media_type(&a.format) {
                m["encodingFormat"] = serde_json::json!(t);
            }
            if let Some(b) = a.bytes {
                m["contentSize"] = serde_json::json!(format!("{b} B"));
            }
            m
        })
        .collect();
    item["associatedMedia"] = serde_json::json!(list);
}

/// The media type of a file format (its extension, upper case).
pub(super) fn media_type(format: &str) -> Option<&'static str> {
    Some(match format {
        "PDF" => "application/pdf",
        "DOC" => "application/msword",
        "DOCX" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "XLS" => "application/vnd.ms-excel",
        "XLSX" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ODT" => "application/vnd.oasis.opendocument.text",
        "ODS" => "application/vnd.oasis.opendocument.spreadsheet",
        "ZIP" => "application/zip",
        "JPG" | "JPEG" => "image/jpeg",
        "PNG" => "image/png",
        "WEBP" => "image/webp",
        "CSV" => "text/csv",
        "TXT" => "text/plain",
        _ => return None,
    })
}

/// Campaigns as the campaigns index groups them.
#[derive(serde::Serialize)]
pub(super) struct CampaignGroup<'c> {
    /// The plan, or `None` for campaigns no plan names.
    plan: Option<Link>,
    period: Option<String>,
    kind: Option<String>,
    campaigns: Vec<&'c CampaignCard>,
}

impl Renderer<'_> {
    /// The campaigns of each plan, newest plan first, then those no plan names; a
    /// campaign of two plans is under both. Within a group, in collation order.
    fn campaign_groups<'c>(&self, lang: &str, index: &'c LangIndex) -> Vec<CampaignGroup<'c>> {
        let mut groups: Vec<CampaignGroup> = self
            .site
            .plans
            .iter()
            .map(|p| CampaignGroup {
                plan: Some(self.plan_link(p, lang)),
                period: Some(p.facts.period.label(lang)),
                kind: Some(self.t(lang, &format!("plan_kind_{}", p.facts.kind.code()))),
                campaigns: index
                    .campaigns
                    .iter()
                    .filter(|c| {
                        self.site
                            .campaign(&c.id)
                            .is_some_and(|e| e.facts.plans.contains(&p.id))
                    })
                    .collect(),
            })
            .filter(|g| !g.campaigns.is_empty())
            .collect();
        let orphans: Vec<&CampaignCard> = index
            .campaigns
            .iter()
            .filter(|c| {
                self.site
                    .campaign(&c.id)
                    .is_none_or(|e| !e.facts.plans.iter().any(|p| self.site.plan(p).is_some()))
            })
            .collect();
        if !orphans.is_empty() {
            groups.push(CampaignGroup {
                plan: None,
                period: None,
                kind: None,
                campaigns: orphans,
            });
        }
        groups
    }
}
