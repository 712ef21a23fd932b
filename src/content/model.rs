//! Model: typed front matter validated into a `Site` — ids resolved, translations paired,
//! and the published set decided once. Everything rendered later reads only this.

use super::frontmatter::{
    CampaignFm, DocumentFm, EventFm, ExemplarFm, Localized, PageFm, PlanFm, ReportFm, UnitFm,
};
use super::load::{DataFile, Kind, Loaded, SourceFile};
use super::locate::DataIndex;
use crate::config::Settings;
use crate::date::PartialDate;
use crate::error::{did_you_mean, Diagnostic, Diagnostics, Span};
use crate::i18n;
use crate::yaml::{ListItem, Source};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

/// One language version of a content item.
#[derive(Debug, Clone)]
pub struct Version<T> {
    pub lang: String,
    pub path: String,
    pub slug: String,
    pub fm: T,
    pub body: String,
    pub body_line: usize,
}

/// A content item with its translations, keyed by the shared file stem.
#[derive(Debug, Clone)]
pub struct Entry<T> {
    /// The id other content uses to refer to this item (the file stem).
    pub id: String,
    pub versions: BTreeMap<String, Version<T>>,
}

impl<T> Entry<T> {
    /// The version in `lang`, or the one in the first language that has it (fallback).
    pub fn get_or_fallback<'a>(&'a self, lang: &str, order: &[String]) -> &'a Version<T> {
        self.versions
            .get(lang)
            .or_else(|| order.iter().find_map(|l| self.versions.get(l)))
            .or_else(|| self.versions.values().next())
            .expect("an entry has at least one version")
    }
}

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

/// The validated, published site.
#[derive(Debug)]
pub struct Site {
    pub settings: Settings,
    pub now: NaiveDate,
    pub plans: Vec<Entry<PlanFm>>,
    pub campaigns: Vec<Entry<CampaignFm>>,
    pub exemplars: Vec<Entry<ExemplarFm>>,
    pub reports: Vec<Entry<ReportFm>>,
    pub pages: Vec<Entry<PageFm>>,
    pub documents: Vec<Document>,
    pub units: Vec<Unit>,
    pub events: Vec<Event>,
    /// Positions by id in the lists above, built once with them.
    ids: Ids,
}

/// Where each item sits in its list, by id. The renderer resolves an id for every card,
/// row and link it writes; scanning the lists each time made rendering quadratic.
/// Invariant: built from the final (published) lists, which nothing changes afterwards.
#[derive(Debug, Default)]
struct Ids {
    campaigns: BTreeMap<String, usize>,
    reports: BTreeMap<String, usize>,
    units: BTreeMap<String, usize>,
    documents: BTreeMap<String, usize>,
}

impl Ids {
    fn new(
        campaigns: &[Entry<CampaignFm>],
        reports: &[Entry<ReportFm>],
        units: &[Unit],
        documents: &[Document],
    ) -> Self {
        Ids {
            campaigns: positions(campaigns.iter().map(|c| c.id.as_str())),
            reports: positions(reports.iter().map(|r| r.id.as_str())),
            units: positions(units.iter().map(|u| u.id.as_str())),
            documents: positions(documents.iter().map(|d| d.fm.id.as_str())),
        }
    }
}

/// Id → position; the first of equal ids wins, as a front-to-back search would find it.
fn positions<'a>(ids: impl Iterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (i, id) in ids.enumerate() {
        out.entry(id.to_string()).or_insert(i);
    }
    out
}

impl Site {
    /// The body of the published version made from source file `path`, to replace it.
    pub fn body_mut(&mut self, path: &str) -> Option<&mut String> {
        fn find<'a, T>(entries: &'a mut [Entry<T>], path: &str) -> Option<&'a mut String> {
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
        find(&mut self.pages, path)
    }

    pub fn lang_order(&self) -> Vec<String> {
        self.settings.codes().map(String::from).collect()
    }
    pub fn campaign(&self, id: &str) -> Option<&Entry<CampaignFm>> {
        self.ids.campaigns.get(id).map(|&i| &self.campaigns[i])
    }
    pub fn report(&self, id: &str) -> Option<&Entry<ReportFm>> {
        self.ids.reports.get(id).map(|&i| &self.reports[i])
    }
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.ids.units.get(id).map(|&i| &self.units[i])
    }
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.ids.documents.get(id).map(|&i| &self.documents[i])
    }
}

/// What to include: drafts and future-dated items only with `--drafts`.
#[derive(Debug, Clone, Copy)]
pub struct Publish {
    pub now: NaiveDate,
    pub drafts: bool,
}

impl Publish {
    fn allows(&self, draft: bool, date: Option<&PartialDate>) -> bool {
        self.drafts || (!draft && date.is_none_or(|d| d.start() <= self.now))
    }
}

/// Front matter kinds share this to be parsed, paired and filtered the same way.
trait FrontMatter: DeserializeOwned {
    fn slug_override(&self) -> Option<&str>;
    fn is_draft(&self) -> bool;
    fn date(&self) -> Option<PartialDate>;
}

macro_rules! front_matter {
    ($t:ty, |$s:ident| $date:expr) => {
        impl FrontMatter for $t {
            fn slug_override(&self) -> Option<&str> {
                self.slug.as_deref()
            }
            fn is_draft(&self) -> bool {
                self.draft
            }
            fn date(&self) -> Option<PartialDate> {
                let $s = self;
                $date
            }
        }
    };
}

front_matter!(PlanFm, |s| Some(s.issued));
front_matter!(CampaignFm, |s| Some(s.launched));
front_matter!(ExemplarFm, |s| Some(PartialDate::day(s.recognized.0)));
front_matter!(ReportFm, |s| s.submitted.map(|d| PartialDate::day(d.0)));
front_matter!(PageFm, |_s| None);

/// Builds the site model from loaded files. Reports every problem; returns `None` if any
/// is an error.
pub fn build(
    settings: Settings,
    loaded: Loaded,
    publish: Publish,
    diags: &mut Diagnostics,
) -> Option<Site> {
    let langs: Vec<String> = settings.codes().map(String::from).collect();
    let mut by_kind: BTreeMap<Kind, Vec<&SourceFile>> = BTreeMap::new();
    for f in &loaded.files {
        by_kind.entry(f.kind).or_default().push(f);
    }
    let files = |k: Kind| by_kind.get(&k).cloned().unwrap_or_default();

    let plans: Vec<Entry<PlanFm>> = pair(&files(Kind::Plan), &langs, diags);
    let campaigns: Vec<Entry<CampaignFm>> = pair(&files(Kind::Campaign), &langs, diags);
    let exemplars: Vec<Entry<ExemplarFm>> = pair(&files(Kind::Exemplar), &langs, diags);
    let reports: Vec<Entry<ReportFm>> = pair(&files(Kind::Report), &langs, diags);
    let pages: Vec<Entry<PageFm>> = pair(&files(Kind::Page), &langs, diags);

    let data = |name: &str| loaded.data.iter().find(|d| d.name == name);
    // A data file that does not parse is reported once; references into it are then not
    // checked, so one typo does not turn into an "unknown id" error in every file.
    let documents: Option<Vec<DocumentFm>> =
        data("documents").map_or(Some(Vec::new()), |d| parse_list(d, diags));
    let units: Option<Vec<UnitFm>> =
        data("units").map_or(Some(Vec::new()), |d| parse_list(d, diags));
    let events: Option<Vec<EventFm>> =
        data("events").map_or(Some(Vec::new()), |d| parse_list(d, diags));
    let (documents_ok, units_ok) = (documents.is_some(), units.is_some());
    let (documents, units, events) = (
        documents.unwrap_or_default(),
        units.unwrap_or_default(),
        events.unwrap_or_default(),
    );
    for d in &loaded.data {
        if !["documents", "units", "events"].contains(&d.name.as_str()) {
            diags.push(
                Diagnostic::warning(&d.path, "ignored: unknown data file")
                    .hint("data files are documents.yaml, units.yaml and events.yaml"),
            );
        }
    }

    // Data files: unique ids, every language given, known document kinds.
    // Each file is indexed once: a file with many problems is not read once per problem.
    let (doc_file, unit_file, event_file) = (
        data("documents").map(DataIndex::new),
        data("units").map(DataIndex::new),
        data("events").map(DataIndex::new),
    );
    let doc_ids = unique_ids(
        documents.iter().map(|d| d.id.as_str()),
        doc_file.as_ref(),
        diags,
    );
    let unit_ids = unique_ids(
        units.iter().map(|u| u.id.as_str()),
        unit_file.as_ref(),
        diags,
    );
    unique_ids(
        events.iter().map(|e| e.id.as_str()),
        event_file.as_ref(),
        diags,
    );
    let items_imply = "items imply the file exists";
    for d in &documents {
        let f = doc_file.as_ref().expect(items_imply);
        if !DOC_KINDS.contains(&d.kind.as_str()) {
            let hint = match did_you_mean(&d.kind, DOC_KINDS) {
                Some(s) => format!("did you mean \"{s}\"? Kinds: {}", DOC_KINDS.join(", ")),
                None => format!("use one of: {}", DOC_KINDS.join(", ")),
            };
            let problem =
                Diagnostic::error(f.path(), format!("unknown document kind \"{}\"", d.kind))
                    .hint(hint);
            diags.push(f.at(problem, f.in_item(&d.id, "kind", &d.kind)));
        }
        check_localized(&d.issuer, "issuer", &d.id, f, &langs, diags);
        check_localized(&d.summary, "summary", &d.id, f, &langs, diags);
    }
    for u in &units {
        let f = unit_file.as_ref().expect(items_imply);
        check_localized(&u.name, "name", &u.id, f, &langs, diags);
    }
    for e in &events {
        let f = event_file.as_ref().expect(items_imply);
        check_localized(&e.title, "title", &e.id, f, &langs, diags);
    }

    // Cross-references, checked against everything (drafts included) so that a draft
    // being referred to is not an error; the renderer only links what is published.
    let campaign_ids: BTreeSet<&str> = campaigns.iter().map(|c| c.id.as_str()).collect();
    let mut campaign_by_id: BTreeMap<&str, &Entry<CampaignFm>> = BTreeMap::new();
    for c in &campaigns {
        campaign_by_id.entry(c.id.as_str()).or_insert(c);
    }
    let check = |diags: &mut Diagnostics,
                 v: &SourceRef,
                 key: &'static str,
                 what: &str,
                 id: &str,
                 known: Option<&BTreeSet<&str>>,
                 folder: &str| {
        // `None`: the data file is broken and already reported.
        let Some(known) = known.filter(|k| !k.contains(id)) else {
            return;
        };
        let mut message = format!("unknown {what} \"{id}\"");
        let hint = match did_you_mean(id, known.iter().copied()) {
            Some(s) => {
                message.push_str(&format!("; did you mean \"{s}\"?"));
                format!("replace it with \"{s}\", or add the {what} to {folder}")
            }
            None if known.is_empty() => format!("there are no {what}s yet: add one to {folder}"),
            None => format!(
                "use one of the ids in {folder}: {}{}",
                known
                    .iter()
                    .take(20)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", "),
                if known.len() > 20 { ", …" } else { "" }
            ),
        };
        let d = Diagnostic::error(v.path, message).hint(hint);
        diags.push(match v.list_item(key, id) {
            Some(item) => d.at(item.span).excerpt(item.line, item.byte),
            None => d.at_in(v.src.span_of(key, id), v.text),
        });
    };
    for (entry, v, src) in versions_with_sources(&plans, &loaded) {
        let _ = entry;
        for id in &v.fm.based_on {
            check(
                diags,
                &src,
                "based_on",
                "document",
                id,
                documents_ok.then_some(&doc_ids),
                "content/data/documents.yaml",
            );
        }
        for id in &v.fm.campaigns {
            check(
                diags,
                &src,
                "campaigns",
                "campaign",
                id,
                Some(&campaign_ids),
                "content/campaigns/",
            );
        }
        if !DOC_KINDS.contains(&v.fm.doc_kind.as_str()) {
            diags.push(
                Diagnostic::error(
                    &v.path,
                    format!("unknown document kind \"{}\"", v.fm.doc_kind),
                )
                .at_in(src.src.span_of("doc_kind", &v.fm.doc_kind), src.text)
                .hint(format!("use one of: {}", DOC_KINDS.join(", "))),
            );
        }
    }
    for (_, v, src) in versions_with_sources(&campaigns, &loaded) {
        check(
            diags,
            &src,
            "lead_unit",
            "unit",
            &v.fm.lead_unit,
            units_ok.then_some(&unit_ids),
            "content/data/units.yaml",
        );
        for id in &v.fm.based_on {
            check(
                diags,
                &src,
                "based_on",
                "document",
                id,
                documents_ok.then_some(&doc_ids),
                "content/data/documents.yaml",
            );
        }
        if let Some(ends) = v.fm.ends {
            if ends.sort_key() < v.fm.launched.sort_key() {
                diags.push(
                    Diagnostic::error(
                        &v.path,
                        format!(
                            "the campaign ends ({ends}) before it is launched ({})",
                            v.fm.launched
                        ),
                    )
                    .at_in(src.src.span_of("ends", &ends.iso()), src.text)
                    .hint("check the dates: `ends` must be on or after `launched`"),
                );
            }
        }
    }
    for (_, v, src) in versions_with_sources(&exemplars, &loaded) {
        check(
            diags,
            &src,
            "unit",
            "unit",
            &v.fm.unit,
            units_ok.then_some(&unit_ids),
            "content/data/units.yaml",
        );
        check(
            diags,
            &src,
            "campaign",
            "campaign",
            &v.fm.campaign,
            Some(&campaign_ids),
            "content/campaigns/",
        );
        // Recognized after the campaign ended: usually a wrong date.
        let ended = campaign_by_id
            .get(v.fm.campaign.as_str())
            .and_then(|c| c.get_or_fallback(&v.lang, &langs).fm.ends);
        if let Some(ends) = ended.filter(|e| v.fm.recognized.0 > e.end()) {
            diags.push(
                Diagnostic::warning(&v.path, format!(
                    "recognized on {}, after its campaign \"{}\" ended ({ends})",
                    v.fm.recognized.0, v.fm.campaign
                ))
                .at_in(src.src.span_of("recognized", &v.fm.recognized.0.to_string()), src.text)
                .hint("check the date here or the campaign's `ends:`; if the recognition really came after the campaign closed, ignore this"),
            );
        }
    }
    for (_, v, src) in versions_with_sources(&reports, &loaded) {
        for r in &v.fm.results {
            check(
                diags,
                &src,
                "results",
                "campaign",
                &r.campaign,
                Some(&campaign_ids),
                "content/campaigns/",
            );
        }
    }

    // Pages live at the top level of each language, so they must not take a section's name.
    for (_, v, src) in versions_with_sources(&pages, &loaded) {
        if let Some(l) = settings.language(&v.lang) {
            let s = &l.segments;
            let reserved = [
                &s.plan,
                &s.campaigns,
                &s.exemplars,
                &s.reports,
                &s.documents,
                &s.fields,
                &s.timeline,
                &s.search,
                &s.data,
            ];
            let other_prefixes: Vec<String> = settings
                .codes()
                .filter(|c| *c != settings.default_lang())
                .map(String::from)
                .collect();
            if reserved.iter().any(|r| **r == v.slug)
                || (v.lang == settings.default_lang() && other_prefixes.contains(&v.slug))
            {
                diags.push(
                    Diagnostic::error(
                        &v.path,
                        format!(
                            "the page address \"{}\" is already used by a section of the site",
                            v.slug
                        ),
                    )
                    .at_in(
                        src.src.find_key("slug").unwrap_or(Span::new(1, 1)),
                        src.text,
                    )
                    .hint("give the page another `slug:`, or rename the file"),
                );
            }
        }
    }

    if diags.has_errors() {
        return None;
    }

    // The published set, decided here once. Nothing below this line sees a draft.
    let documents: Vec<Document> = documents
        .into_iter()
        .filter(|d| publish.allows(d.draft, Some(&d.issued)))
        .map(|fm| Document { fm })
        .collect();
    let events: Vec<Event> = events
        .into_iter()
        .filter(|e| publish.allows(e.draft, Some(&e.date)))
        .map(|fm| Event { fm })
        .collect();
    let units: Vec<Unit> = units
        .into_iter()
        .map(|u| Unit {
            id: u.id,
            name: u.name,
        })
        .collect();
    let mut held_back = BTreeSet::new();
    let (plans, campaigns, exemplars, reports, pages) = (
        published(plans, publish, &mut held_back),
        published(campaigns, publish, &mut held_back),
        published(exemplars, publish, &mut held_back),
        published(reports, publish, &mut held_back),
        published(pages, publish, &mut held_back),
    );
    // Missing translations of published items: listed in the other language, marked.
    warn_missing_translations(&plans, &langs, &held_back, diags);
    warn_missing_translations(&campaigns, &langs, &held_back, diags);
    warn_missing_translations(&exemplars, &langs, &held_back, diags);
    warn_missing_translations(&reports, &langs, &held_back, diags);
    warn_missing_translations(&pages, &langs, &held_back, diags);
    let ids = Ids::new(&campaigns, &reports, &units, &documents);
    Some(Site {
        now: publish.now,
        ids,
        plans,
        campaigns,
        exemplars,
        reports,
        pages,
        documents,
        units,
        events,
        settings,
    })
}

fn published<T: FrontMatter>(
    entries: Vec<Entry<T>>,
    publish: Publish,
    held_back: &mut BTreeSet<String>,
) -> Vec<Entry<T>> {
    entries
        .into_iter()
        .filter_map(|mut e| {
            e.versions.retain(|_, v| {
                let keep = publish.allows(v.fm.is_draft(), v.fm.date().as_ref());
                if !keep {
                    held_back.insert(v.path.clone());
                }
                keep
            });
            (!e.versions.is_empty()).then_some(e)
        })
        .collect()
}

/// The file a version came from, for pointing errors at it.
struct SourceRef<'a> {
    path: &'a str,
    text: &'a str,
    src: Source<'a>,
    /// The items of its lists, by key, read once when the first of them has a problem.
    lists: RefCell<HashMap<&'static str, HashMap<&'a str, ListItem<'a>>>>,
}

impl<'a> SourceRef<'a> {
    /// Where `value` is written as an item of the list under `key`. A list of thousands of
    /// unknown ids is read once, not once per id.
    fn list_item(&self, key: &'static str, value: &str) -> Option<ListItem<'a>> {
        let mut lists = self.lists.borrow_mut();
        let items = lists.entry(key).or_insert_with(|| {
            let mut items = HashMap::new();
            for item in self.src.list_items(key) {
                items.entry(item.value).or_insert(item);
            }
            items
        });
        items.get(value).copied()
    }
}

fn versions_with_sources<'a, T>(
    entries: &'a [Entry<T>],
    loaded: &'a Loaded,
) -> Vec<(&'a Entry<T>, &'a Version<T>, SourceRef<'a>)> {
    // By path, so that pairing a version with its file does not scan every file.
    let mut files: BTreeMap<&str, &SourceFile> = BTreeMap::new();
    for f in &loaded.files {
        files.entry(f.path.as_str()).or_insert(f);
    }
    let mut out = Vec::new();
    for e in entries {
        for v in e.versions.values() {
            let f = *files
                .get(v.path.as_str())
                .expect("versions come from loaded files");
            out.push((
                e,
                v,
                SourceRef {
                    path: &f.path,
                    text: &f.text,
                    src: f.source(),
                    lists: RefCell::default(),
                },
            ));
        }
    }
    out
}

/// Parses each file of a kind and groups translations by stem.
fn pair<T: FrontMatter>(
    files: &[&SourceFile],
    langs: &[String],
    diags: &mut Diagnostics,
) -> Vec<Entry<T>> {
    let mut entries: BTreeMap<String, Entry<T>> = BTreeMap::new();
    let mut slugs: BTreeMap<(String, String), String> = BTreeMap::new();
    for f in files {
        let fm: T = match f.source().parse() {
            Ok(fm) => fm,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let id = i18n::slugify(&f.stem);
        if id.is_empty() {
            diags.push(
                Diagnostic::error(
                    &f.path,
                    "the file name has no letters or digits to make an address from",
                )
                .hint("rename the file after its title, e.g. nong-thon-moi.vi.md"),
            );
            continue;
        }
        let slug = match fm.slug_override() {
            Some(s) => {
                let folded = i18n::slugify(s);
                if folded.is_empty() {
                    diags.push(
                        Diagnostic::error(
                            &f.path,
                            format!("slug \"{s}\" has no letters or digits"),
                        )
                        .at_in(f.source().span_of("slug", s), &f.text)
                        .hint("write the address with letters, digits and dashes, e.g. about"),
                    );
                    continue;
                }
                folded
            }
            None => id.clone(),
        };
        // The address is a folder name, and file systems stop at 255 bytes.
        if slug.len() > MAX_SLUG {
            let span = f.source().find_key("slug").unwrap_or(Span::new(1, 1));
            diags.push(
                Diagnostic::error(&f.path, format!("the address \"{}…\" is {} characters long; at most {MAX_SLUG} fit in a folder name", &slug[..40], slug.len()))
                    .at_in(span, &f.text)
                    .hint("set a shorter `slug:` (or rename the file), e.g. the first words of the title"),
            );
            continue;
        }
        if let Some(other) = slugs.insert((f.lang.clone(), slug.clone()), f.path.clone()) {
            let span = f.source().find_key("slug").unwrap_or(Span::new(1, 1));
            diags.push(
                Diagnostic::error(&f.path, format!("duplicate address \"{slug}\": {other} already uses it"))
                    .at_in(span, &f.text)
                    .hint("rename one of the files (or set a different `slug:`) so each has its own address"),
            );
            continue;
        }
        let entry = entries.entry(id.clone()).or_insert_with(|| Entry {
            id,
            versions: BTreeMap::new(),
        });
        entry.versions.insert(
            f.lang.clone(),
            Version {
                lang: f.lang.clone(),
                path: f.path.clone(),
                slug,
                fm,
                body: f.body().to_string(),
                body_line: f.body_line,
            },
        );
    }
    let _ = langs;
    entries.into_values().collect()
}

/// `held_back`: source paths of versions left out as drafts or future-dated.
fn warn_missing_translations<T>(
    entries: &[Entry<T>],
    langs: &[String],
    held_back: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
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
                        &expected,
                        format!("the \"{l}\" version is a draft or dated in the future; {listed}"),
                    )
                    .hint(format!(
                        "when it is ready, remove `draft: true` (or fix the date) in {expected}"
                    ))
                } else {
                    Diagnostic::warning(&first.path, format!("no \"{l}\" translation; {listed}"))
                        .hint(format!("add {expected} with the translated text"))
                });
            }
        }
    }
}

fn parse_list<T: DeserializeOwned>(f: &DataFile, diags: &mut Diagnostics) -> Option<Vec<T>> {
    let src = Source {
        path: &f.path,
        file_text: &f.text,
        yaml: &f.text,
        first_line: 1,
    };
    match src.parse_strict::<Option<Vec<T>>>() {
        Ok(v) => Some(v.unwrap_or_default()),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// Longest address part (slug or id): it is a folder name, and file systems stop at 255
/// bytes.
const MAX_SLUG: usize = 200;

fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    file: Option<&DataIndex>,
    diags: &mut Diagnostics,
) -> BTreeSet<&'a str> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for id in ids {
        let times = seen.entry(id).or_default();
        *times += 1;
        let f = || file.expect("ids come from the file");
        if *times > 1 {
            // The n-th time an id is written is the (n-1)-th duplicate.
            let span = f().id_span(id, *times);
            let d = Diagnostic::error(f().path(), format!("duplicate id \"{id}\""))
                .hint("each entry needs its own id; rename one of them");
            diags.push(f().at(d, span));
        } else if i18n::slugify(id) != id {
            let d = Diagnostic::error(
                f().path(),
                format!("id \"{id}\" must be lowercase letters, digits and dashes"),
            )
            .hint(format!("write it as \"{}\"", i18n::slugify(id)));
            diags.push(f().at(d, f().id_span(id, 1)));
        } else if id.len() > MAX_SLUG {
            let d = Diagnostic::error(
                f().path(),
                format!(
                    "id \"{}…\" is {} characters long; at most {MAX_SLUG} fit in an address",
                    &id[..40],
                    id.len()
                ),
            )
            .hint("use a shorter id");
            diags.push(f().at(d, f().id_span(id, 1)));
        }
    }
    seen.into_keys().collect()
}

fn check_localized(
    map: &Localized,
    key: &str,
    id: &str,
    f: &DataIndex,
    langs: &[String],
    diags: &mut Diagnostics,
) {
    for l in langs {
        if map.get(l).is_none_or(|s| s.trim().is_empty()) {
            let d = Diagnostic::error(f.path(), format!("\"{id}\": {key} has no \"{l}\" text"))
                .hint(format!(
                    "write it as `{key}: {{ {} }}`",
                    langs
                        .iter()
                        .map(|l| format!("{l}: \"…\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            diags.push(f.at(d, f.in_item(id, key, key)));
        }
    }
    for l in map.keys() {
        if !langs.contains(l) {
            let d = Diagnostic::error(
                f.path(),
                format!(
                    "\"{id}\": {key} has text for \"{l}\", which is not a language of the site"
                ),
            )
            .hint(format!("languages are: {}", langs.join(", ")));
            diags.push(f.at(d, f.in_item(id, key, key)));
        }
    }
}
