//! What a language's pages share, built once before they are rendered: campaign and
//! exemplar cards, result rows, the timeline and headline figures, whole and by campaign,
//! unit or report.
//!
//! Why: a campaign card is on the campaigns index, on field and unit pages and on the
//! campaign's own page, and each campaign page shows its exemplars, results and timeline.
//! Building those per page scanned the whole site for every page, so rendering grew with
//! the square of the site. Here each is made in one pass; pages only look them up.
//!
//! Order: every list is made in the order a page shows it, and the groups are cut from it
//! (or sorted with the same stable sort), so a page shows what it did when it built its
//! own list.

use super::timeline::sort_timeline;
use super::views::*;
use super::Renderer;
use crate::content::model::{Campaign, Exemplar, Figure, Report};
use crate::i18n::collate;
use std::collections::{BTreeMap, BTreeSet};

pub(super) struct LangIndex {
    pub deadlines: Vec<Deadline>,
    /// Every campaign's card, in collation order of the title.
    pub campaigns: Vec<CampaignCard>,
    /// Campaign id → position in `campaigns`.
    campaign_at: BTreeMap<String, usize>,
    /// Lead unit (its link) → positions in `campaigns`.
    led_by: BTreeMap<String, Vec<usize>>,
    /// Every exemplar's card, newest first.
    pub exemplars: Vec<ExemplarCard>,
    /// Exemplar id → position in `exemplars`.
    exemplar_at: BTreeMap<String, usize>,
    /// Campaign id (unit id) → positions in `exemplars` of the exemplars naming it.
    exemplars_by_campaign: BTreeMap<String, Vec<usize>>,
    exemplars_by_unit: BTreeMap<String, Vec<usize>>,
    /// Result rows, oldest period first, by campaign id and by report id.
    results_by_campaign: BTreeMap<String, Vec<ResultRow>>,
    results_by_report: BTreeMap<String, Vec<ResultRow>>,
    /// The whole site's timeline, newest first.
    pub timeline: Vec<TimelineItem>,
    /// Campaign id → the part of the timeline about it, newest first.
    timeline_by_campaign: BTreeMap<String, Vec<TimelineItem>>,
    pub headline: Headline,
    headline_by_campaign: BTreeMap<String, Headline>,
}

impl LangIndex {
    /// The card of a published campaign.
    pub fn campaign(&self, id: &str) -> &CampaignCard {
        &self.campaigns[self.campaign_at[id]]
    }

    /// The cards of the campaigns led by the unit `unit` links to, in collation order.
    pub fn led_by(&self, unit: &Link) -> Vec<&CampaignCard> {
        self.led_by
            .get(&unit.href)
            .map(|at| at.iter().map(|&i| &self.campaigns[i]).collect())
            .unwrap_or_default()
    }

    /// The card of a published exemplar.
    pub fn exemplar(&self, id: &str) -> &ExemplarCard {
        &self.exemplars[self.exemplar_at[id]]
    }

    /// The exemplars naming a campaign, newest first.
    pub fn exemplars_of_campaign(&self, id: &str) -> Vec<&ExemplarCard> {
        self.pick(self.exemplars_by_campaign.get(id))
    }

    /// The exemplars of a unit, newest first.
    pub fn exemplars_of_unit(&self, id: &str) -> Vec<&ExemplarCard> {
        self.pick(self.exemplars_by_unit.get(id))
    }

    fn pick(&self, at: Option<&Vec<usize>>) -> Vec<&ExemplarCard> {
        at.map(|at| at.iter().map(|&i| &self.exemplars[i]).collect())
            .unwrap_or_default()
    }

    pub fn results_of_campaign(&self, id: &str) -> &[ResultRow] {
        self.results_by_campaign.get(id).map_or(&[], Vec::as_slice)
    }

    pub fn results_of_report(&self, id: &str) -> &[ResultRow] {
        self.results_by_report.get(id).map_or(&[], Vec::as_slice)
    }

    pub fn timeline_of_campaign(&self, id: &str) -> &[TimelineItem] {
        self.timeline_by_campaign.get(id).map_or(&[], Vec::as_slice)
    }

    /// The headline figures of a published campaign.
    pub fn headline_of_campaign(&self, id: &str) -> &Headline {
        &self.headline_by_campaign[id]
    }
}

/// An item the preview's quick look shows again (see [`Renderer::patch_index`]).
#[derive(Clone, Copy)]
pub(super) enum Changed<'a> {
    Campaign(&'a Campaign),
    Exemplar(&'a Exemplar),
    Report(&'a Report),
    /// A plan: its page shows its reports due and where they stand.
    Plan,
    /// A kind whose pages show no list (a page).
    Other,
    /// Units whose names changed (by id): their pages show their exemplars' cards and the
    /// cards of the campaigns they lead, which name them.
    Units(&'a BTreeSet<String>),
}

impl Renderer<'_> {
    /// Makes again the cards of the exemplars `which` picks; returns their positions.
    fn cards_again(
        &self,
        index: &mut LangIndex,
        lang: &str,
        which: impl Fn(&Exemplar) -> bool,
    ) -> Vec<usize> {
        let mut at = Vec::new();
        for x in self.site.exemplars.iter().filter(|x| which(x)) {
            if let Some(&i) = index.exemplar_at.get(&x.id) {
                index.exemplars[i] = self.exemplar_card(x, lang);
                at.push(i);
            }
        }
        at
    }
}

/// Puts a card in the place of the card of `id` in `list`, or last (a new item).
fn put<C>(list: &mut Vec<C>, at: &mut BTreeMap<String, usize>, id: &str, card: C) {
    match at.get(id) {
        Some(&i) => list[i] = card,
        None => {
            at.insert(id.to_string(), list.len());
            list.push(card);
        }
    }
}

impl<'a> Renderer<'a> {
    /// Makes again the parts of `index` that the changed item's own pages show, after
    /// the preview's quick look read it again into the model (`content::patch`), so those
    /// pages are what a full render makes. Other pages' lists stay as they were: the full
    /// build that follows makes them. A new item's cards go last: no list is shown in the
    /// order of `index` until that build.
    pub(super) fn patch_index(&self, index: &mut LangIndex, lang: &str, item: Changed<'a>) {
        match item {
            Changed::Exemplar(x) => {
                let card = self.exemplar_card(x, lang);
                put(&mut index.exemplars, &mut index.exemplar_at, &x.id, card);
            }
            Changed::Campaign(c) => {
                // Its exemplars (whose cards name it) and results as the model has them now
                // (earlier quick looks may have moved an exemplar or changed a figure).
                let mut at = self.cards_again(index, lang, |x| x.facts.campaign == c.id);
                at.sort_unstable();
                let count = at.len();
                index.exemplars_by_campaign.insert(c.id.clone(), at);
                let ours = |fig: &Figure| {
                    (self.site.campaign_of(&fig.indicator)).is_some_and(|of| of.id == c.id)
                };
                let rows: Vec<ResultRow> = (self.reports_by_period().into_iter())
                    .filter(|r| r.facts.results.iter().any(ours))
                    .flat_map(|r| self.rows_of(r, lang))
                    .filter(|(fig, _)| ours(fig))
                    .map(|(_, row)| row)
                    .collect();
                if rows.is_empty() {
                    index.results_by_campaign.remove(&c.id);
                } else {
                    index.results_by_campaign.insert(c.id.clone(), rows);
                }
                let card = self.campaign_card(c, lang, count);
                put(&mut index.campaigns, &mut index.campaign_at, &c.id, card);
                let counts = (index.exemplars_by_campaign.iter())
                    .map(|(id, at)| (id.as_str(), at.len()))
                    .collect();
                index.headline_by_campaign = self.campaign_headlines(lang, &counts);
                let mut timeline: Vec<TimelineItem> = (self.timeline_items(lang, &[], Some(&c.id)))
                    .into_iter()
                    .map(|(item, _)| item)
                    .collect();
                sort_timeline(&mut timeline);
                index.timeline_by_campaign.insert(c.id.clone(), timeline);
            }
            Changed::Report(r) => {
                index.deadlines = self.deadlines(lang);
                let rows = self.rows_of(r, lang).map(|(_, row)| row).collect();
                index.results_by_report.insert(r.id.clone(), rows);
            }
            Changed::Units(ids) => {
                self.cards_again(index, lang, |x| ids.contains(&x.facts.unit));
                for c in (self.site.campaigns.iter()).filter(|c| ids.contains(&c.facts.lead_unit)) {
                    let count = index.exemplars_by_campaign.get(&c.id).map_or(0, Vec::len);
                    index.campaigns[index.campaign_at[&c.id]] = self.campaign_card(c, lang, count);
                }
            }
            Changed::Plan => index.deadlines = self.deadlines(lang),
            Changed::Other => {}
        }
    }
}

impl Renderer<'_> {
    /// Everything the pages of `lang` share, each made once.
    pub(super) fn lang_index(&self, lang: &str) -> LangIndex {
        let deadlines = self.deadlines(lang);

        // Exemplars first: campaign cards count them.
        let cards = self.exemplar_cards(lang);
        let mut exemplar_at = BTreeMap::new();
        let mut exemplars_by_campaign: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut exemplars_by_unit: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut exemplar_counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, (e, _)) in cards.iter().enumerate() {
            let fm = &e.facts;
            exemplar_at.insert(e.id.clone(), i);
            exemplars_by_campaign
                .entry(fm.campaign.clone())
                .or_default()
                .push(i);
            exemplars_by_unit
                .entry(fm.unit.clone())
                .or_default()
                .push(i);
            *exemplar_counts.entry(&fm.campaign).or_default() += 1;
        }
        let exemplars: Vec<ExemplarCard> = cards.into_iter().map(|(_, c)| c).collect();

        let mut campaigns: Vec<CampaignCard> = self
            .site
            .campaigns
            .iter()
            .map(|c| {
                let count = exemplar_counts.get(c.id.as_str()).copied().unwrap_or(0);
                self.campaign_card(c, lang, count)
            })
            .collect();
        campaigns.sort_by(|a, b| collate(&a.link.title, &b.link.title));
        let mut campaign_at = BTreeMap::new();
        let mut led_by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, c) in campaigns.iter().enumerate() {
            campaign_at.entry(c.id.clone()).or_insert(i);
            led_by.entry(c.lead_unit.href.clone()).or_default().push(i);
        }

        let mut results_by_campaign: BTreeMap<String, Vec<ResultRow>> = BTreeMap::new();
        let mut results_by_report: BTreeMap<String, Vec<ResultRow>> = BTreeMap::new();
        for (report, figure, row) in self.result_rows(lang) {
            if let Some(c) = self.site.campaign_of(&figure.indicator) {
                results_by_campaign
                    .entry(c.id.clone())
                    .or_default()
                    .push(row.clone());
            }
            results_by_report
                .entry(report.id.clone())
                .or_default()
                .push(row);
        }

        let mut timeline = Vec::new();
        let mut timeline_by_campaign: BTreeMap<String, Vec<TimelineItem>> = BTreeMap::new();
        for (item, about) in self.timeline_items(lang, &deadlines, None) {
            for id in about {
                timeline_by_campaign
                    .entry(id.to_string())
                    .or_default()
                    .push(item.clone());
            }
            timeline.push(item);
        }
        sort_timeline(&mut timeline);
        for items in timeline_by_campaign.values_mut() {
            sort_timeline(items);
        }

        LangIndex {
            headline: self.headline(lang),
            headline_by_campaign: self.campaign_headlines(lang, &exemplar_counts),
            deadlines,
            campaigns,
            campaign_at,
            led_by,
            exemplars,
            exemplar_at,
            exemplars_by_campaign,
            exemplars_by_unit,
            results_by_campaign,
            results_by_report,
            timeline,
            timeline_by_campaign,
        }
    }
}
