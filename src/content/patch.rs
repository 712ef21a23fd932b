//! The preview's quick look: the files of one item, read again into a model already
//! built, so that the item's own pages can be shown at once while the rest of the site
//! is built again behind them (`rebuild::Session`).
//!
//! Only a change that leaves the shape of the site as it was is taken: the same item
//! (id, kind), the same language files with the same addresses, every one still
//! published, the same photos and attached files, and every id it names known to the
//! model. Anything else (a new or deleted file, a draft mark, a date moving into the
//! future, a new photo, a data file, a plan or a nomination list) returns `None` and
//! waits for the full build, as do a file's errors: the full build reports them with
//! their lines. What the quick look does not check (a date before its campaign began, a
//! link in the text) the full build that follows does; if it fails, the preview goes
//! back to the last good build and shows the errors.

use super::datafiles::Data;
use super::facts::{self, Merge, Sources};
use super::frontmatter::{CampaignFm, ExemplarFm, PageFm, ReportFm};
use super::load::{self, Kind, Loaded};
use super::model::{Dated, Entry, Publish, Site};
use crate::error::Diagnostics;
use std::collections::BTreeSet;
use std::path::Path;

/// Reads `paths` (every file of one item, `content/…/x.vi.md`) again into `site`; returns
/// the source paths whose pages are to be rendered again, or `None` if the change needs
/// the full build (nothing is changed then).
pub fn item(
    root: &Path,
    site: &mut Site,
    publish: Publish,
    paths: &[String],
) -> Option<BTreeSet<String>> {
    let langs = site.lang_order();
    let loaded = Loaded {
        files: (paths.iter())
            .map(|p| load::one(root, p, &langs))
            .collect::<Option<Vec<_>>>()?,
        data: Vec::new(),
    };
    let kind = loaded.files.first()?.kind;
    let same_item = |f: &load::SourceFile| f.kind == kind && f.stem == loaded.files[0].stem;
    if !loaded.files.iter().all(same_item) {
        return None;
    }
    let sources = Sources::new(&loaded, site.settings.default_lang(), &langs);
    let files: Vec<&load::SourceFile> = loaded.files.iter().collect();
    let new = Fresh {
        sources: &sources,
        files: &files,
        publish,
    };
    // Only a report's facts read the data (its indicators).
    let none = Data::of_indicators(Vec::new(), Default::default());
    match kind {
        Kind::Exemplar => {
            let (at, x) = new.entry::<ExemplarFm>(&site.exemplars, &none)?;
            let old = &site.exemplars[at].facts;
            let fits = site.campaign(&x.facts.campaign).is_some()
                && site.unit(&x.facts.unit).is_some()
                && x.facts.photo == old.photo
                && x.facts.attachments == old.attachments;
            fits.then(|| site.exemplars[at] = x)?;
        }
        Kind::Campaign => {
            let (at, mut c) = new.entry::<CampaignFm>(&site.campaigns, &none)?;
            let old = &site.campaigns[at].facts;
            // The plans a campaign belongs to are also those that name it: kept as the
            // full build linked them, if the file names no plan they do not have.
            let fits = site.unit(&c.facts.lead_unit).is_some()
                && c.facts.based_on.iter().all(|d| site.document(d).is_some())
                && c.facts.plans.iter().all(|p| old.plans.contains(p));
            c.facts.plans = old.plans.clone();
            fits.then(|| site.campaigns[at] = c)?;
        }
        Kind::Report => {
            let data = Data::of_indicators(site.indicators.clone(), site.calendar.clone());
            let (at, r) = new.entry::<ReportFm>(&site.reports, &data)?;
            let old = &site.reports[at].facts;
            let fits = r.facts.plan.as_ref().is_none_or(|p| site.plan(p).is_some())
                && r.facts.attachments == old.attachments;
            fits.then(|| site.reports[at] = r)?;
        }
        Kind::Page => {
            let (at, p) = new.entry::<PageFm>(&site.pages, &none)?;
            site.pages[at] = p;
        }
        // A plan's schedule and campaigns, and a nomination list's nominees and photos,
        // reach other items: the full build.
        Kind::Plan | Kind::Nomination => return None,
    }
    Some(paths.iter().cloned().collect())
}

/// An entry of kind `K` in the model.
type EntryOf<K> = Entry<<K as Merge>::Facts, <K as Merge>::Text>;

/// One item's files, to be read into an entry of the model.
struct Fresh<'a> {
    sources: &'a Sources<'a>,
    files: &'a [&'a load::SourceFile],
    publish: Publish,
}

impl Fresh<'_> {
    /// The item read again and the position of the entry it replaces in `list`, if it is
    /// one entry without errors, with the versions, addresses and images it had, and
    /// published.
    fn entry<K: Merge>(&self, list: &[EntryOf<K>], data: &Data) -> Option<(usize, EntryOf<K>)>
    where
        K::Facts: Dated,
    {
        let mut diags = Diagnostics::default();
        let mut merged = facts::merge::<K>(self.sources, self.files, data, &mut diags);
        if diags.has_errors() || merged.len() != 1 {
            return None;
        }
        let new = merged.pop()?;
        let at = list.iter().position(|e| e.id == new.id)?;
        let old = &list[at];
        let date = new.facts.date();
        let shown = |body: &str| -> Vec<String> {
            crate::images::in_body(body)
                .into_iter()
                .map(|(address, _, _)| address)
                .collect()
        };
        let same_shape = old.versions.len() == new.versions.len()
            && old
                .versions
                .values()
                .zip(new.versions.values())
                .all(|(a, b)| {
                    a.lang == b.lang
                        && a.path == b.path
                        && a.slug == b.slug
                        && shown(&a.body) == shown(&b.body)
                        && self.publish.allows(b.draft, date.as_ref())
                });
        same_shape.then_some((at, new))
    }
}
