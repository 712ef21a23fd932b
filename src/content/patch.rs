//! The preview's quick look: the files of one item, read again into a model already
//! built, so that the item's own pages can be shown at once while the rest of the site
//! is built again behind them (`rebuild::Session`).
//!
//! Taken: an edit of an item's front matter or text, a new item, a translation added or
//! removed, a new address (`slug:`), a draft mark put on or taken off, a date moved into
//! the future or back, an item deleted (not a plan) — of a plan, a campaign, an exemplar,
//! a report or a page, when it shows no image it did not show before, names no file of
//! `static/` it did not name, and every id it names is known to the model; a unit's name
//! in `content/data/units.yaml`; and `content/data/documents.yaml` when no document is
//! removed or renamed and none names a new file. Anything else (a new photo, the other
//! data files, a unit added or removed, a nomination list, two items at once) returns
//! `None` and waits for the full build, as do a file's errors: the full build reports
//! them with their lines. What the quick look does not check (a date before its campaign
//! began, a link in the text, an address another item has) the full build that follows
//! does; if it fails, the preview goes back to the last good build and shows the errors.

use super::datafiles::Data;
use super::facts::{self, Merge, Sources};
use super::frontmatter::{CampaignFm, ExemplarFm, PageFm, PlanFm, ReportFm};
use super::load::{self, Kind, Loaded};
use super::model::{Attachment, Dated, Entry, Publish, Site};
use crate::error::Diagnostics;
use std::collections::BTreeSet;
use std::path::Path;

/// Reads one item again into `site`: `present` are its files on disk now, `gone` those
/// the last build read that are no longer there (every one `content/<kind>/<name>.md`).
/// Returns the files whose pages are to be rendered (`present`), or `None` if the change
/// needs the full build (nothing is changed then).
pub fn item(
    root: &Path,
    site: &mut Site,
    publish: Publish,
    present: &[String],
    gone: &[String],
) -> Option<BTreeSet<String>> {
    let langs = site.lang_order();
    let loaded = Loaded {
        files: (present.iter())
            .map(|p| load::one(root, p, &langs))
            .collect::<Option<Vec<_>>>()?,
        data: Vec::new(),
    };
    let Some(first) = loaded.files.first() else {
        return deleted(site, gone).then(BTreeSet::new);
    };
    let kind = first.kind;
    if !(loaded.files.iter()).all(|f| f.kind == kind && f.stem == first.stem) {
        return None;
    }
    let sources = Sources::new(&loaded, site.settings.default_lang(), &langs);
    let files: Vec<&load::SourceFile> = loaded.files.iter().collect();
    let new = Fresh {
        sources: &sources,
        files: &files,
        gone,
        publish,
    };
    // Only a report's facts read the data (its indicators).
    let none = Data::of_indicators(Vec::new(), Default::default());
    let known_units = |unit: &str| site.unit(unit).is_some();
    match kind {
        Kind::Exemplar => {
            let (at, x) = new.entry::<ExemplarFm>(&site.exemplars, &none)?;
            if let Some(x) = &x {
                let old = at.map(|at| &site.exemplars[at].facts);
                let fits = site.campaign(&x.facts.campaign).is_some()
                    && known_units(&x.facts.unit)
                    && x.facts.photo == old.and_then(|o| o.photo.clone())
                    && same_files(&x.facts.attachments, old.map(|o| &o.attachments));
                fits.then_some(())?;
            }
            put(&mut site.exemplars, at, x);
        }
        Kind::Campaign => {
            let (at, mut c) = new.entry::<CampaignFm>(&site.campaigns, &none)?;
            if let Some(c) = &mut c {
                let fits = known_units(&c.facts.lead_unit)
                    && c.facts.based_on.iter().all(|d| site.document(d).is_some());
                fits.then_some(())?;
                // Its plans: those it names and those that name it (of the published ones,
                // which are all a page shows).
                c.facts.plans = (site.plans.iter().rev())
                    .filter(|p| p.facts.campaigns.contains(&c.id) || c.facts.plans.contains(&p.id))
                    .map(|p| p.id.clone())
                    .collect();
            }
            put(&mut site.campaigns, at, c);
        }
        Kind::Report => {
            let data = Data::of_indicators(site.indicators.clone(), site.calendar.clone());
            let (at, r) = new.entry::<ReportFm>(&site.reports, &data)?;
            if let Some(r) = &r {
                let old = at.map(|at| &site.reports[at].facts.attachments);
                let fits = r.facts.plan.as_ref().is_none_or(|p| site.plan(p).is_some())
                    && same_files(&r.facts.attachments, old);
                fits.then_some(())?;
            }
            put(&mut site.reports, at, r);
        }
        Kind::Page => {
            let (at, p) = new.entry::<PageFm>(&site.pages, &none)?;
            put(&mut site.pages, at, p);
        }
        Kind::Plan => {
            let (at, p) = new.entry::<PlanFm>(&site.plans, &none)?;
            if let Some(p) = &p {
                let old = at.map(|at| &site.plans[at].facts.attachments);
                let fits = p.facts.based_on.iter().all(|d| site.document(d).is_some())
                    && p.facts.campaigns.iter().all(|c| site.campaign(c).is_some())
                    && same_files(&p.facts.attachments, old);
                fits.then_some(())?;
            }
            put(&mut site.plans, at, p);
            // Newest first, as the model keeps them: the current plan is the menu's.
            site.plans.sort_by(super::model::plan_order);
        }
        // A nomination list's nominees and photos reach other items: the full build.
        Kind::Nomination => return None,
    }
    site.reindex();
    Some(present.iter().cloned().collect())
}

/// The units file, where the quick look takes it: `content/data/units.yaml`.
pub const UNITS: &str = "content/data/units.yaml";

/// Reads [`UNITS`] again into `site`, if only names changed (the same ids in the same
/// order: an id added, removed or renamed reaches references, so the full build); returns
/// the ids of the units whose names changed.
pub fn units(root: &Path, site: &mut Site) -> Option<BTreeSet<String>> {
    let loaded = Loaded {
        files: Vec::new(),
        data: vec![load::one_data(root, UNITS)?],
    };
    let mut diags = Diagnostics::default();
    let data = super::datafiles::read(&loaded, &site.lang_order(), &mut diags);
    let same_ids = data.units.len() == site.units.len()
        && (data.units.iter())
            .zip(&site.units)
            .all(|(new, old)| new.id == old.id);
    if diags.has_errors() || !same_ids {
        return None;
    }
    let mut changed = BTreeSet::new();
    for (new, old) in data.units.into_iter().zip(&mut site.units) {
        if new.name != old.name {
            old.name = new.name;
            changed.insert(new.id);
        }
    }
    Some(changed)
}

/// The documents file, where the quick look takes it: `content/data/documents.yaml`.
pub const DOCUMENTS: &str = "content/data/documents.yaml";

/// Reads [`DOCUMENTS`] again into `site`, if every published document is still there
/// under its id (a document removed or renamed reaches the items that cite it, so the
/// full build) and none names a file it did not name before (a new file of `static/` may
/// not be published yet). Drafts and dates decide what is published, as in a build.
pub fn documents(root: &Path, site: &mut Site, publish: Publish) -> Option<()> {
    let loaded = Loaded {
        files: Vec::new(),
        data: vec![load::one_data(root, DOCUMENTS)?],
    };
    let mut diags = Diagnostics::default();
    let data = super::datafiles::read(&loaded, &site.lang_order(), &mut diags);
    if diags.has_errors() {
        return None;
    }
    let files = |d: &super::frontmatter::DocumentFm| -> Vec<String> {
        let attached = d.attachments.iter().map(|a| a.file.clone());
        d.file.iter().cloned().chain(attached).collect()
    };
    let kept = |id: &str| data.documents.iter().any(|d| d.id == id);
    if !site.documents.iter().all(|d| kept(&d.fm.id)) {
        return None;
    }
    let mut published = Vec::new();
    for fm in data.documents {
        if !publish.allows(fm.draft, Some(&fm.issued)) {
            continue;
        }
        let before = site.documents.iter().find(|d| d.fm.id == fm.id);
        if before.map_or(Vec::new(), |d| files(&d.fm)) != files(&fm) {
            return None;
        }
        published.push(super::model::Document { fm });
    }
    site.documents = published;
    site.reindex();
    Some(())
}

/// An item's attached files are those it had (a new item: none), so no file of `static/`
/// is needed that the last build did not publish.
fn same_files(new: &[Attachment], old: Option<&Vec<Attachment>>) -> bool {
    old.map_or(new.is_empty(), |old| old.as_slice() == new)
}

/// Puts an entry in its place in `list`, or last if it is new; takes it out if it is no
/// longer published (`None`).
fn put<E>(list: &mut Vec<E>, at: Option<usize>, entry: Option<E>) {
    match (at, entry) {
        (Some(at), Some(entry)) => list[at] = entry,
        (None, Some(entry)) => list.push(entry),
        (Some(at), None) => {
            list.remove(at);
        }
        (None, None) => {}
    }
}

/// Removes the published item whose files were `gone`; `false` if there is none of a
/// kind the quick look takes.
fn deleted(site: &mut Site, gone: &[String]) -> bool {
    fn take<F, T>(list: &mut Vec<Entry<F, T>>, gone: &[String]) -> bool {
        let at = (list.iter()).position(|e| e.versions.values().any(|v| gone.contains(&v.path)));
        at.map(|at| list.remove(at)).is_some()
    }
    let done = take(&mut site.exemplars, gone)
        || take(&mut site.campaigns, gone)
        || take(&mut site.reports, gone)
        || take(&mut site.pages, gone);
    if done {
        site.reindex();
    }
    done
}

/// An entry of kind `K` in the model.
type EntryOf<K> = Entry<<K as Merge>::Facts, <K as Merge>::Text>;

/// One item's files, to be read into an entry of the model.
struct Fresh<'a> {
    sources: &'a Sources<'a>,
    files: &'a [&'a load::SourceFile],
    /// The item's files that are no longer there.
    gone: &'a [String],
    publish: Publish,
}

impl Fresh<'_> {
    /// The item read again with its published languages (`None` if it has none: a draft,
    /// a date to come), and the position in `list` of the entry it replaces (`None` for a
    /// new item), if it is one entry without errors and shows the images it showed (a new
    /// language: none).
    fn entry<K: Merge>(
        &self,
        list: &[EntryOf<K>],
        data: &Data,
    ) -> Option<(Option<usize>, Option<EntryOf<K>>)>
    where
        K::Facts: Dated,
    {
        let mut diags = Diagnostics::default();
        let mut merged = facts::merge::<K>(self.sources, self.files, data, &mut diags);
        if diags.has_errors() || merged.len() != 1 {
            return None;
        }
        let mut new = merged.pop()?;
        let at = list.iter().position(|e| e.id == new.id);
        let old = at.map(|at| &list[at]);
        let date = new.facts.date();
        (new.versions).retain(|_, v| self.publish.allows(v.draft, date.as_ref()));
        let shown = |body: &str| -> Vec<String> {
            crate::images::in_body(body)
                .into_iter()
                .map(|(address, _, _)| address)
                .collect()
        };
        // The entry of the same id is this item's (not another file's of the same id).
        let ours =
            |path: &String| self.gone.contains(path) || self.files.iter().any(|f| &f.path == path);
        let fits = old.is_none_or(|o| o.versions.values().all(|v| ours(&v.path)))
            && new.versions.values().all(|v| {
                let before = old.and_then(|o| o.versions.get(&v.lang));
                shown(&v.body) == before.map(|b| shown(&b.body)).unwrap_or_default()
            });
        fits.then_some((at, (!new.versions.is_empty()).then_some(new)))
    }
}
