//! Model: typed front matter validated into a `Site` — facts shared by every language,
//! text per language, ids resolved, and the published set decided once. Everything
//! rendered later reads only this.
//!
//! The steps, each in its own module: `facts` turns the files of an item into its facts
//! (from the first-language file) and each language's text; `datafiles` reads
//! content/data/; `refs` checks that every reference, date and figure holds together.

use super::datafiles::{self, Data};
use super::facts;
use super::frontmatter::{
    Direction, DocumentFm, EventFm, ExemplarKind, Issuer, Localized, OnBehalf, PlanKind, Signer,
    UnitText,
};
use super::load::{Kind, Loaded, SourceFile};
use crate::amount::Amount;
use crate::config::Settings;
use crate::date::PartialDate;
use crate::error::{Code, Diagnostics};
use crate::period::Period;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Kinds of legal document the site knows how to name; labels come from the theme strings.
pub const DOC_KINDS: [&str; 12] = [
    "chi-thi",
    "nghi-quyet",
    "ke-hoach",
    "quyet-dinh",
    "nghi-dinh",
    "thong-tu",
    "luat",
    "cong-van",
    "de-an",
    "bao-cao",
    "thong-bao",
    "huong-dan",
];

/// One language version of a content item: its text.
#[derive(Debug, Clone)]
pub struct Version<T> {
    pub lang: String,
    pub path: String,
    pub slug: String,
    pub fm: T,
    pub body: String,
    pub body_line: usize,
    /// `draft: true`: this language version stays unpublished.
    pub draft: bool,
}

/// A content item: the facts every language shares, and each language's text, keyed by
/// the shared file stem.
#[derive(Debug, Clone)]
pub struct Entry<F, T> {
    /// The id other content uses to refer to this item (the file stem).
    pub id: String,
    pub facts: F,
    /// The file the facts come from (the first language's), for pointing errors at it.
    pub facts_path: String,
    pub versions: BTreeMap<String, Version<T>>,
}

impl<F, T> Entry<F, T> {
    /// The version in `lang`, or the one in the first language that has it (fallback).
    pub fn get_or_fallback<'a>(&'a self, lang: &str, order: &[String]) -> &'a Version<T> {
        self.versions
            .get(lang)
            .or_else(|| order.iter().find_map(|l| self.versions.get(l)))
            .or_else(|| self.versions.values().next())
            .expect("an entry has at least one version")
    }
}

/// What every kind's text has: a title and a summary.
pub trait Text {
    fn title(&self) -> &str;
    fn summary(&self) -> &str;
}

macro_rules! text {
    ($($t:ty),*) => {$(
        impl Text for $t {
            fn title(&self) -> &str {
                &self.title
            }
            fn summary(&self) -> &str {
                &self.summary
            }
        }
    )*};
}
text!(
    PlanText,
    CampaignText,
    ExemplarText,
    ReportText,
    PageText,
    NominationText
);

/// A file attached to an item: its titles are text, in each language's version.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// A site path (`/van-ban/x.pdf`) or an https:// address.
    pub file: String,
}

/// A report a plan asks for.
#[derive(Debug, Clone)]
pub struct Due {
    pub period: Period,
    pub due: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct PlanFacts {
    pub doc_kind: String,
    pub kind: PlanKind,
    pub number: String,
    pub symbol: String,
    pub issued: PartialDate,
    /// The time the plan is for; by default the year it was issued.
    pub period: Period,
    pub based_on: Vec<String>,
    pub campaigns: Vec<String>,
    /// The reports the plan asks for, in order of due date.
    pub schedule: Vec<Due>,
    pub schedule_illustrative: bool,
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone)]
pub struct PlanText {
    pub title: String,
    pub summary: String,
    pub place: String,
    pub issuer: Issuer,
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
    pub reporting_recipient: Option<String>,
    /// Attachment file → its title in this language.
    pub attachment_titles: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct CampaignFacts {
    pub launched: PartialDate,
    pub ends: Option<PartialDate>,
    pub lead_unit: String,
    /// The plans that name it (in their `campaigns:`) or that it names, oldest first.
    pub plans: Vec<String>,
    pub based_on: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct CampaignText {
    pub title: String,
    pub summary: String,
    pub fields: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ExemplarFacts {
    pub kind: ExemplarKind,
    pub unit: String,
    pub campaign: String,
    pub recognized: NaiveDate,
    pub photo: Option<String>,
    /// Where `photo:` is written in the facts file, and that line, for the image stage's
    /// messages about the file it names.
    pub photo_at: Option<(crate::error::Span, String)>,
    pub illustrative: bool,
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone)]
pub struct ExemplarText {
    pub title: String,
    pub summary: String,
    pub award: String,
    pub photo_alt: Option<String>,
    pub attachment_titles: BTreeMap<String, String>,
}

/// What a result is measured against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    Value(Amount),
    /// Both ends included.
    Range(Amount, Amount),
}

/// One figure of a report.
#[derive(Debug, Clone)]
pub struct Figure {
    pub indicator: String,
    pub target: Target,
    pub actual: Amount,
}

#[derive(Debug, Clone)]
pub struct ReportFacts {
    pub period: Period,
    /// The plan whose schedule the report answers, as written (see `reporting`).
    pub plan: Option<String>,
    pub submitted: Option<NaiveDate>,
    pub number: String,
    pub symbol: String,
    pub results: Vec<Figure>,
    pub illustrative: bool,
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone)]
pub struct ReportText {
    pub title: String,
    pub summary: String,
    pub recipient: String,
    pub signer: Option<Signer>,
    /// Indicator id → the note of its row, in this language.
    pub notes: BTreeMap<String, String>,
    pub attachment_titles: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct PageText {
    pub title: String,
    pub summary: String,
    pub menu: Option<u32>,
}

/// A person or collective proposed for an award: the facts.
#[derive(Debug, Clone)]
pub struct Nominee {
    pub id: String,
    pub kind: ExemplarKind,
    pub unit: String,
    pub campaigns: Vec<String>,
    pub photo: Option<String>,
    /// Where `photo:` is written in the list's file, and that line, for the image stage's
    /// messages.
    pub photo_at: Option<(crate::error::Span, String)>,
    /// Their exemplar page, once awarded.
    pub exemplar: Option<String>,
}

/// A nominee's text in one language.
#[derive(Debug, Clone, Default)]
pub struct NomineeText {
    pub name: String,
    pub position: String,
    pub achievements: String,
}

/// The outcome of a nomination list.
#[derive(Debug, Clone)]
pub struct Decision {
    pub number: String,
    pub date: NaiveDate,
    pub awarded: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct NominationFacts {
    pub posted: NaiveDate,
    /// The first day comments count.
    pub opens: NaiveDate,
    /// The last day to comment.
    pub deadline: NaiveDate,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub based_on: Vec<String>,
    pub campaigns: Vec<String>,
    pub nominees: Vec<Nominee>,
    pub attachments: Vec<Attachment>,
    pub decision: Option<Decision>,
    pub illustrative: bool,
}

#[derive(Debug, Clone)]
pub struct NominationText {
    pub title: String,
    pub summary: String,
    pub council: String,
    pub award: String,
    /// Where to send written comments.
    pub address: String,
    /// Nominee id → text in this language (the first language's where not translated).
    pub nominees: BTreeMap<String, NomineeText>,
    pub attachment_titles: BTreeMap<String, String>,
}

/// Where a nomination list stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NominationStatus {
    /// Posted; comments are not yet counted.
    Upcoming,
    /// Comments are open, with this many working days left (today included).
    Open(u32),
    /// The window has closed; the council has not decided.
    Closed,
    Decided,
}

impl NominationStatus {
    /// Also the CSS class and the open data value.
    pub fn code(self) -> &'static str {
        match self {
            NominationStatus::Upcoming => "upcoming",
            NominationStatus::Open(_) => "open",
            NominationStatus::Closed => "closed",
            NominationStatus::Decided => "decided",
        }
    }
    pub const CODES: [&'static str; 4] = ["upcoming", "open", "closed", "decided"];
}

impl NominationFacts {
    /// The status on `now`: the deadline day itself is still open; a decision counts from
    /// its own day.
    pub fn status(&self, now: NaiveDate, calendar: &crate::workdays::Calendar) -> NominationStatus {
        if self.decision.as_ref().is_some_and(|d| d.date <= now) {
            return NominationStatus::Decided;
        }
        if now < self.opens {
            NominationStatus::Upcoming
        } else if now <= self.deadline {
            NominationStatus::Open(calendar.count(now, self.deadline))
        } else {
            NominationStatus::Closed
        }
    }

    /// The working days of the comment window.
    pub fn window(&self, calendar: &crate::workdays::Calendar) -> u32 {
        calendar.count(self.opens, self.deadline)
    }
}

pub type Plan = Entry<PlanFacts, PlanText>;
pub type Nomination = Entry<NominationFacts, NominationText>;
pub type Campaign = Entry<CampaignFacts, CampaignText>;
pub type Exemplar = Entry<ExemplarFacts, ExemplarText>;
pub type Report = Entry<ReportFacts, ReportText>;
pub type Page = Entry<(), PageText>;

#[derive(Debug)]
pub struct Document {
    pub fm: DocumentFm,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub name: Localized,
}

#[derive(Debug)]
pub struct Event {
    pub fm: EventFm,
}

/// What is measured, once for every report and language.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub campaign: Option<String>,
    pub name: Localized,
    pub unit: UnitText,
    pub direction: Direction,
    pub decimals: Option<u32>,
    pub baseline: Option<Amount>,
    pub baseline_period: Option<Period>,
    /// The target reports use unless they give their own.
    pub target: Option<Target>,
}

impl Indicator {
    /// Whether `actual` meets `target`, the way this indicator is better.
    pub fn met(&self, target: Target, actual: Amount) -> bool {
        match (self.direction, target) {
            (_, Target::Range(lo, hi)) => lo <= actual && actual <= hi,
            (Direction::AtLeast, Target::Value(t)) => actual >= t,
            (Direction::AtMost, Target::Value(t)) => actual <= t,
            (Direction::Exactly | Direction::Range, Target::Value(t)) => actual == t,
        }
    }

    /// Actual as a share of a single target, in percent; `None` for ranges and zero
    /// targets, where a share means nothing.
    pub fn percent(&self, target: Target, actual: Amount) -> Option<f64> {
        match target {
            Target::Value(t) => actual.percent_of(t),
            Target::Range(..) => None,
        }
    }
}

/// The validated, published site.
#[derive(Debug)]
pub struct Site {
    pub settings: Settings,
    pub now: NaiveDate,
    /// Newest first (by the period they are for, then the issue date).
    pub plans: Vec<Plan>,
    pub campaigns: Vec<Campaign>,
    pub exemplars: Vec<Exemplar>,
    pub reports: Vec<Report>,
    pub pages: Vec<Page>,
    /// Nomination lists, newest posted first.
    pub nominations: Vec<Nomination>,
    pub documents: Vec<Document>,
    pub units: Vec<Unit>,
    pub events: Vec<Event>,
    pub indicators: Vec<Indicator>,
    /// Working days: weekends, public holidays and make-up days.
    pub calendar: crate::workdays::Calendar,
    /// The shortest comment window a nomination list may have, in working days.
    pub min_comment_days: u32,
    /// Files under static/ that only unpublished items use: not published.
    pub withheld: BTreeSet<String>,
    /// The pages that items dated in the future (not drafts) will have, as
    /// [`crate::links::resolve`] names them (`en/exemplars/x/index.html`), and the day each
    /// is published. A link to one of them is shown as plain text until then, with a
    /// warning, so that the daily rebuild does not fail on a link written ahead of time;
    /// a link to a draft is still an error, since nothing says it will ever be published.
    pub later: BTreeMap<String, NaiveDate>,
    /// The size of each file under static/ that is published, by its path in the site
    /// (`van-ban/a.pdf`); filled in once the files are read.
    pub files: BTreeMap<String, usize>,
    /// The images the content shows, as the image stage made them, by their file in the
    /// site (`anh/a.jpg`); filled in once they are made.
    pub images: crate::images::Pictures,
    /// Positions by id in the lists above, built once with them.
    ids: Ids,
}

/// Where each item sits in its list, by id. The renderer resolves an id for every card,
/// row and link it writes; scanning the lists each time made rendering quadratic.
/// Invariant: built from the final (published) lists, which nothing changes afterwards.
#[derive(Debug, Default)]
struct Ids {
    plans: BTreeMap<String, usize>,
    campaigns: BTreeMap<String, usize>,
    reports: BTreeMap<String, usize>,
    units: BTreeMap<String, usize>,
    documents: BTreeMap<String, usize>,
    indicators: BTreeMap<String, usize>,
}

/// Id → position; the first of equal ids wins, as a front-to-back search would find it.
fn positions<'a>(ids: impl Iterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (i, id) in ids.enumerate() {
        out.entry(id.to_string()).or_insert(i);
    }
    out
}

/// A published version's markdown body: see [`Site::bodies`].
#[derive(Debug, Clone, Copy)]
pub struct Body<'a> {
    pub path: &'a str,
    pub text: &'a str,
    /// The line of the file the body starts on.
    pub line: usize,
}

impl Site {
    /// The body of the published version made from source file `path`, to replace it.
    pub fn body_mut(&mut self, path: &str) -> Option<&mut String> {
        fn find<'a, F, T>(entries: &'a mut [Entry<F, T>], path: &str) -> Option<&'a mut String> {
            entries
                .iter_mut()
                .flat_map(|e| e.versions.values_mut())
                .find(|v| v.path == path)
                .map(|v| &mut v.body)
        }
        if let Some(b) = find(&mut self.plans, path) {
            return Some(b);
        }
        if let Some(b) = find(&mut self.campaigns, path) {
            return Some(b);
        }
        if let Some(b) = find(&mut self.exemplars, path) {
            return Some(b);
        }
        if let Some(b) = find(&mut self.reports, path) {
            return Some(b);
        }
        if let Some(b) = find(&mut self.nominations, path) {
            return Some(b);
        }
        find(&mut self.pages, path)
    }

    /// The body of the published version made from source file `path`.
    pub fn body(&self, path: &str) -> Option<&str> {
        self.bodies().find(|b| b.path == path).map(|b| b.text)
    }

    /// Every published body of every kind, with its file and the line it starts on. The
    /// one list of kinds that carry markdown, so that a check or a stage that reads bodies
    /// cannot forget a kind added later.
    pub fn bodies(&self) -> impl Iterator<Item = Body<'_>> {
        fn of<F, T>(entries: &[Entry<F, T>]) -> impl Iterator<Item = Body<'_>> {
            entries
                .iter()
                .flat_map(|e| e.versions.values())
                .map(|v| Body {
                    path: &v.path,
                    text: &v.body,
                    line: v.body_line,
                })
        }
        of(&self.plans)
            .chain(of(&self.campaigns))
            .chain(of(&self.exemplars))
            .chain(of(&self.reports))
            .chain(of(&self.pages))
            .chain(of(&self.nominations))
    }

    /// Makes the positions by id again: once the lists are final, and after the preview's
    /// quick look added or removed an item (`content::patch`).
    pub(crate) fn reindex(&mut self) {
        self.ids = Ids {
            plans: positions(self.plans.iter().map(|p| p.id.as_str())),
            campaigns: positions(self.campaigns.iter().map(|c| c.id.as_str())),
            reports: positions(self.reports.iter().map(|r| r.id.as_str())),
            units: positions(self.units.iter().map(|u| u.id.as_str())),
            documents: positions(self.documents.iter().map(|d| d.fm.id.as_str())),
            indicators: positions(self.indicators.iter().map(|i| i.id.as_str())),
        };
    }

    pub fn lang_order(&self) -> Vec<String> {
        self.settings.codes().map(String::from).collect()
    }
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.ids.plans.get(id).map(|&i| &self.plans[i])
    }
    pub fn campaign(&self, id: &str) -> Option<&Campaign> {
        self.ids.campaigns.get(id).map(|&i| &self.campaigns[i])
    }
    pub fn report(&self, id: &str) -> Option<&Report> {
        self.ids.reports.get(id).map(|&i| &self.reports[i])
    }
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.ids.units.get(id).map(|&i| &self.units[i])
    }
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.ids.documents.get(id).map(|&i| &self.documents[i])
    }
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.ids.indicators.get(id).map(|&i| &self.indicators[i])
    }

    /// The campaign an indicator measures, if it has one and it is published.
    pub fn campaign_of(&self, indicator: &str) -> Option<&Campaign> {
        self.indicator(indicator)
            .and_then(|i| i.campaign.as_deref())
            .and_then(|c| self.campaign(c))
    }

    /// The campaigns a report gives figures about, in the order of its results.
    pub fn report_campaigns<'s>(&'s self, r: &'s Report) -> Vec<&'s str> {
        let mut out: Vec<&str> = Vec::new();
        for fig in &r.facts.results {
            if let Some(c) = self
                .indicator(&fig.indicator)
                .and_then(|i| i.campaign.as_deref())
            {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// The plan that is current on the build date: of the annual plans, the newest whose
    /// period has begun; else the newest plan of any kind.
    pub fn current_plan(&self) -> Option<&Plan> {
        self.plans
            .iter()
            .find(|p| p.facts.kind == PlanKind::Annual && p.facts.period.start <= self.now)
            .or_else(|| self.plans.iter().find(|p| p.facts.kind == PlanKind::Annual))
            .or_else(|| self.plans.first())
    }
}

/// What to include: drafts and future-dated items only with `--drafts`.
#[derive(Debug, Clone, Copy)]
pub struct Publish {
    pub now: NaiveDate,
    pub drafts: bool,
}

impl Publish {
    pub(super) fn allows(&self, draft: bool, date: Option<&PartialDate>) -> bool {
        self.drafts || (!draft && date.is_none_or(|d| d.start() <= self.now))
    }
}

/// The date an item is published from, a fact of every kind that has one.
pub(super) trait Dated {
    fn date(&self) -> Option<PartialDate>;
}
impl Dated for PlanFacts {
    fn date(&self) -> Option<PartialDate> {
        Some(self.issued)
    }
}
impl Dated for CampaignFacts {
    fn date(&self) -> Option<PartialDate> {
        Some(self.launched)
    }
}
impl Dated for ExemplarFacts {
    fn date(&self) -> Option<PartialDate> {
        Some(PartialDate::day(self.recognized))
    }
}
impl Dated for ReportFacts {
    fn date(&self) -> Option<PartialDate> {
        self.submitted.map(PartialDate::day)
    }
}
impl Dated for NominationFacts {
    fn date(&self) -> Option<PartialDate> {
        Some(PartialDate::day(self.posted))
    }
}
impl Dated for () {
    fn date(&self) -> Option<PartialDate> {
        None
    }
}

/// Builds the site model from loaded files. Reports every problem; returns `None` if any
/// is an error.
pub fn build(
    settings: Settings,
    loaded: Loaded,
    publish: Publish,
    diags: &mut Diagnostics,
) -> Option<Site> {
    let langs: Vec<String> = settings.codes().map(String::from).collect();
    let first = settings.default_lang().to_string();
    let mut by_kind: BTreeMap<Kind, Vec<&SourceFile>> = BTreeMap::new();
    for f in &loaded.files {
        by_kind.entry(f.kind).or_default().push(f);
    }
    let files = |k: Kind| by_kind.get(&k).cloned().unwrap_or_default();
    let sources = facts::Sources::new(&loaded, &first, &langs);

    let data = datafiles::read(&loaded, &langs, diags);
    use super::frontmatter::{CampaignFm, ExemplarFm, NominationFm, PageFm, PlanFm, ReportFm};
    let plans = facts::merge::<PlanFm>(&sources, &files(Kind::Plan), &data, diags);
    let campaigns = facts::merge::<CampaignFm>(&sources, &files(Kind::Campaign), &data, diags);
    let exemplars = facts::merge::<ExemplarFm>(&sources, &files(Kind::Exemplar), &data, diags);
    let reports = facts::merge::<ReportFm>(&sources, &files(Kind::Report), &data, diags);
    let pages = facts::merge::<PageFm>(&sources, &files(Kind::Page), &data, diags);
    let nominations =
        facts::merge::<NominationFm>(&sources, &files(Kind::Nomination), &data, diags);

    let mut all = All {
        plans,
        campaigns,
        exemplars,
        reports,
        pages,
        nominations,
    };
    super::refs::check(&settings, &sources, &all, &data, diags);
    if diags.has_errors() {
        return None;
    }
    link_campaigns_to_plans(&mut all);
    Some(publish_site(settings, all, data, publish, &langs, diags))
}

/// Every item of the site, drafts and future items included.
pub(super) struct All {
    pub plans: Vec<Plan>,
    pub campaigns: Vec<Campaign>,
    pub exemplars: Vec<Exemplar>,
    pub reports: Vec<Report>,
    pub pages: Vec<Page>,
    pub nominations: Vec<Nomination>,
}

/// A campaign's plans: those it names and those that name it, oldest first.
fn link_campaigns_to_plans(all: &mut All) {
    let mut plans = all.plans.clone();
    plans.sort_by(|a, b| plan_order(b, a));
    for c in &mut all.campaigns {
        let mut ids: Vec<String> = plans
            .iter()
            .filter(|p| p.facts.campaigns.contains(&c.id) || c.facts.plans.contains(&p.id))
            .map(|p| p.id.clone())
            .collect();
        ids.dedup();
        c.facts.plans = ids;
    }
}

/// Newest first: by the period a plan is for, then by issue date, then annual before
/// thematic, then id.
pub(super) fn plan_order(a: &Plan, b: &Plan) -> std::cmp::Ordering {
    b.facts
        .period
        .cmp(&a.facts.period)
        .then_with(|| b.facts.issued.sort_key().cmp(&a.facts.issued.sort_key()))
        .then_with(|| a.facts.kind.cmp(&b.facts.kind))
        .then_with(|| a.id.cmp(&b.id))
}

fn publish_site(
    settings: Settings,
    all: All,
    data: Data,
    publish: Publish,
    langs: &[String],
    diags: &mut Diagnostics,
) -> Site {
    // The published set, decided here once. Nothing below this line sees a draft.
    let Data {
        documents,
        units,
        events,
        indicators,
        calendar,
        ..
    } = data;
    let mut refs = super::refs::StaticUse::default();
    let documents: Vec<Document> = documents
        .into_iter()
        .filter_map(|fm| {
            let keep = publish.allows(fm.draft, Some(&fm.issued));
            let files = fm.file.iter().chain(fm.attachments.iter().map(|a| &a.file));
            refs.note(keep, files.map(String::as_str));
            keep.then_some(Document { fm })
        })
        .collect();
    let events: Vec<Event> = events
        .into_iter()
        .filter_map(|fm| {
            let keep = publish.allows(fm.draft, Some(&fm.date));
            refs.note(keep, fm.link.as_deref());
            keep.then_some(Event { fm })
        })
        .collect();
    let units: Vec<Unit> = units
        .into_iter()
        .map(|u| Unit {
            id: u.id,
            name: u.name,
        })
        .collect();
    let mut held_back = BTreeSet::new();
    let mut later = Later {
        settings: &settings,
        pages: BTreeMap::new(),
    };
    let mut plans = published(
        all.plans,
        publish,
        &mut held_back,
        &mut refs,
        (&mut later, |s| Some(&s.plan)),
        |f| f.attachments.iter().map(|a| a.file.clone()).collect(),
    );
    plans.sort_by(plan_order);
    let campaigns = published(
        all.campaigns,
        publish,
        &mut held_back,
        &mut refs,
        (&mut later, |s| Some(&s.campaigns)),
        |_| Vec::new(),
    );
    let exemplars = published(
        all.exemplars,
        publish,
        &mut held_back,
        &mut refs,
        (&mut later, |s| Some(&s.exemplars)),
        |f| {
            f.photo
                .iter()
                .cloned()
                .chain(f.attachments.iter().map(|a| a.file.clone()))
                .collect()
        },
    );
    let reports = published(
        all.reports,
        publish,
        &mut held_back,
        &mut refs,
        (&mut later, |s| Some(&s.reports)),
        |f| f.attachments.iter().map(|a| a.file.clone()).collect(),
    );
    let pages = published(
        all.pages,
        publish,
        &mut held_back,
        &mut refs,
        (&mut later, |_| None),
        |_| Vec::new(),
    );
    let mut nominations = published(
        all.nominations,
        publish,
        &mut held_back,
        &mut refs,
        (&mut later, |s| Some(&s.nominations)),
        |f| {
            f.nominees
                .iter()
                .filter_map(|n| n.photo.clone())
                .chain(f.attachments.iter().map(|a| a.file.clone()))
                .collect()
        },
    );
    nominations.sort_by(|a, b| b.facts.posted.cmp(&a.facts.posted).then(a.id.cmp(&b.id)));
    let later = later.pages;
    // An indicator is published with its campaign; one of the whole organization, once a
    // published report gives a figure for it. So no indicator names a draft campaign.
    let indicators: Vec<Indicator> = indicators
        .into_iter()
        .filter(|i| match &i.campaign {
            Some(c) => campaigns.iter().any(|x| &x.id == c),
            None => reports
                .iter()
                .any(|r| r.facts.results.iter().any(|f| f.indicator == i.id)),
        })
        .collect();
    // Missing translations of published items: listed in the other language, marked.
    warn_missing_translations(&plans, langs, &held_back, diags);
    warn_missing_translations(&campaigns, langs, &held_back, diags);
    warn_missing_translations(&exemplars, langs, &held_back, diags);
    warn_missing_translations(&reports, langs, &held_back, diags);
    warn_missing_translations(&pages, langs, &held_back, diags);
    warn_missing_translations(&nominations, langs, &held_back, diags);
    let mut site = Site {
        now: publish.now,
        withheld: refs.withheld(),
        later,
        files: BTreeMap::new(),
        images: BTreeMap::new(),
        ids: Ids::default(),
        plans,
        campaigns,
        exemplars,
        reports,
        pages,
        nominations,
        documents,
        units,
        events,
        indicators,
        calendar,
        min_comment_days: settings.min_comment_days,
        settings,
    };
    site.reindex();
    site
}

/// The address word of a kind's section (`None` for pages, which sit at the language's root).
type SectionOf = fn(&crate::config::Segments) -> Option<&String>;

/// Collects [`Site::later`]: the page each future-dated version will have.
struct Later<'s> {
    settings: &'s Settings,
    pages: BTreeMap<String, NaiveDate>,
}

impl Later<'_> {
    /// Notes the page of version `lang`/`slug` in `section`, published on `day`. The
    /// address is made as the renderer makes it: prefix, section word, slug.
    fn note(&mut self, lang: &str, section: SectionOf, slug: &str, day: NaiveDate) {
        let Some(l) = self.settings.language(lang) else {
            return;
        };
        let mut file = l.prefix.trim_start_matches('/').to_string();
        if let Some(word) = section(&l.segments) {
            file.push_str(word);
            file.push('/');
        }
        file.push_str(slug);
        file.push_str("/index.html");
        self.pages.insert(file, day);
    }
}

/// Keeps the published versions of each entry, and the entries with any. `files` lists
/// the site files an entry's facts use; with the bodies' links they are noted in `refs`
/// as used by a published or an unpublished item. A version held back only by its date
/// (not a draft) is noted in `later` with its kind's section.
fn published<F: Dated, T>(
    entries: Vec<Entry<F, T>>,
    publish: Publish,
    held_back: &mut BTreeSet<String>,
    refs: &mut super::refs::StaticUse,
    (later, section): (&mut Later, SectionOf),
    files: impl Fn(&F) -> Vec<String>,
) -> Vec<Entry<F, T>> {
    entries
        .into_iter()
        .filter_map(|mut e| {
            let date = e.facts.date();
            let mut kept = false;
            e.versions.retain(|_, v| {
                let keep = publish.allows(v.draft, date.as_ref());
                refs.note_body(keep, &v.body);
                if !keep {
                    held_back.insert(v.path.clone());
                    // Not a draft, so held back by a day still to come.
                    if let (false, Some(day)) = (v.draft, &date) {
                        later.note(&v.lang, section, &v.slug, day.start());
                    }
                }
                kept |= keep;
                keep
            });
            let fact_files = files(&e.facts);
            refs.note(kept, fact_files.iter().map(String::as_str));
            kept.then_some(e)
        })
        .collect()
}

/// `held_back`: source paths of versions left out as drafts or future-dated.
fn warn_missing_translations<F, T>(
    entries: &[Entry<F, T>],
    langs: &[String],
    held_back: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    use crate::error::Diagnostic;
    for e in entries {
        let first = e
            .versions
            .values()
            .next()
            .expect("an entry has at least one version");
        for l in langs {
            if !e.versions.contains_key(l) {
                let expected = first
                    .path
                    .replace(&format!(".{}.md", first.lang), &format!(".{l}.md"));
                let listed = format!(
                    "the {l} site lists it marked as available in {} only",
                    first.lang
                );
                diags.push(if held_back.contains(&expected) {
                    Diagnostic::warning(
                        Code::TranslationNotPublished,
                        &expected,
                        format!("the \"{l}\" version is a draft or dated in the future; {listed}"),
                    )
                    .hint(format!(
                        "when it is ready, remove `draft: true` (or fix the date) in {expected}"
                    ))
                } else {
                    Diagnostic::warning(
                        Code::NoTranslation,
                        &first.path,
                        format!("no \"{l}\" translation; {listed}"),
                    )
                    .hint(format!("add {expected} with the translated text"))
                });
            }
        }
    }
}

/// How a signer signs, as printed.
pub fn on_behalf_text(o: OnBehalf) -> &'static str {
    match o {
        OnBehalf::Tm => "TM.",
        OnBehalf::Kt => "KT.",
    }
}
