//! Rebuilding after a change, for the preview server, the editor (which saves through
//! it) and the rebuild benchmark: the last good build stays in memory, and a change is
//! shown in the cheapest way that is exact for what it reaches.
//!
//! - **Text** (the body below the front matter) of content files: only what a body
//!   reaches is redone — the pages made from those bodies, the search index, and the link
//!   checks of those bodies. A body is shown on its own page and nowhere else (cards,
//!   lists, feeds, data and the sitemap are made from front matter), so a body edit —
//!   what staff do most while previewing — touches a handful of files, and the result is
//!   the clean build's.
//! - **One item's files** (its front matter, a new item, a translation added or removed,
//!   a draft mark, an item deleted; see `content::patch` for what it takes), a unit's
//!   name, the documents file: first a quick look — the item read again into the model,
//!   the parts of each language's lists its own pages show made again, and those pages
//!   rendered, as a clean build makes them — in milliseconds at any size of site; then
//!   the full build the lists, feeds, data and search are owed ([`Session::finish`],
//!   which the preview runs once the sources are quiet). If that build fails, the
//!   preview goes back to the last good build.
//! - **Everything else** (a file renamed, a new photo, a nomination list, the other data
//!   files, templates, settings, static files): a full build in memory. Which of the
//!   outputs of a large site such a change reaches is not tracked; `docs/performance.md`
//!   measures each kind of edit.
//!
//! Either way the files, once the session owes nothing, equal a clean build's byte for
//! byte (`tests/rebuild.rs` makes every kind of edit at random and compares, and compares
//! each quick look's pages with the clean build's).
//!
//! Memory: the files the preview serves are on disk, in its store (`output::store`),
//! written as they are rendered; in memory are the model and each language's shared
//! lists and search index — not the text of any page (a page's old words are read back
//! from its HTML when its body changes), and never two models: a full build drops the
//! previous one first.
//!
//! Links: a body edit can change the page's headings, so its anchors; if they changed,
//! every body's links are checked again, not just the edited ones.

use crate::check;
use crate::content::load::{self, clean_text, split};
use crate::content::{patch, Site};
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::output::store::Store;
use crate::render::{self, theme::Theme, Memo};
use crate::{Options, Timings};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// The files of a build as the preview serves them.
pub use crate::output::store::Files;

/// A site kept built: its model in memory, its files in the store.
pub struct Session {
    opts: Options,
    /// Opened with the first build.
    store: Option<Arc<Store>>,
    last: Option<Last>,
    /// The files of the build before the last one, still served to requests that began
    /// before the last one was done: its files are removed from the store one rebuild
    /// later.
    retired: Option<Arc<Files>>,
    /// Sources changed since the last good build: a failed rebuild's changes still need
    /// doing when the next one succeeds.
    pending: BTreeSet<String>,
    /// Set by a quick look (see [`Session::rebuild`]): the files of the last full build,
    /// served again if the full build the quick look owes fails.
    owed: Option<Arc<Files>>,
}

/// The last good build.
struct Last {
    files: Arc<Files>,
    warnings: Vec<Diagnostic>,
    pages: usize,
    /// What the build was made from, for rebuilding part of it; `None` after a full
    /// build failed (the next change is a full build again).
    made: Option<Made>,
}

impl Last {
    /// The report of a partial rebuild (`quick`: a quick look) that made this build.
    fn partly(&self, quick: bool, changed: usize, timings: Timings) -> Report {
        Report {
            partial: true,
            quick,
            current: false,
            files: Arc::clone(&self.files),
            changed,
            pages: self.pages,
            warnings: self.warnings.clone(),
            timings,
        }
    }
}

/// What a build was made from: the model, the theme and the memo of the render.
struct Made {
    site: Site,
    theme: Theme,
    memo: Memo,
    sources: BTreeMap<String, String>,
    /// Each content file → a hash of its raw front matter (everything up to the closing
    /// `---`), to tell an edit of the body alone.
    fronts: HashMap<String, u64>,
    /// Each file under `content/` → a hash of all its bytes: a change the build already
    /// has (the editor's checked save, written after it was built) needs no rebuild.
    whole: HashMap<String, u64>,
}

/// What a rebuild did.
pub struct Report {
    /// `true` if only bodies changed and only their pages were rendered again.
    pub partial: bool,
    /// `true` for a quick look: only the changed item's pages were rendered again, and
    /// the rest of the site is owed ([`Session::owes`], [`Session::finish`]).
    pub quick: bool,
    /// `true` if the last build already had every change (the editor's save, built before
    /// it was written): nothing was done.
    pub current: bool,
    pub files: Arc<Files>,
    /// Files that are new, gone or different from the previous build.
    pub changed: usize,
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
}

impl Session {
    pub fn new(opts: Options) -> Session {
        Session {
            opts,
            store: None,
            last: None,
            retired: None,
            pending: BTreeSet::new(),
            owed: None,
        }
    }

    /// The files of the last good build, if any.
    pub fn files(&self) -> Option<Arc<Files>> {
        self.last.as_ref().map(|l| Arc::clone(&l.files))
    }

    /// Brings the build up to date after `changed` (site-relative, `/`-separated paths of
    /// sources; empty on the first build). On errors the last good build is kept.
    ///
    /// A change to one item's files (its title, date, campaign, figures, a translation,
    /// a draft mark), a unit's name or the documents file is first a quick look: read
    /// again into the model (`content::patch`) and the pages that show it rendered, in a
    /// few milliseconds whatever the size of the site, so the page being edited shows the
    /// change at once. The lists, feeds, data and search that the change also reaches are
    /// then owed: [`Session::finish`] builds the whole site, and until it has, the files
    /// are not a clean build's.
    pub fn rebuild(&mut self, changed: &[String]) -> Result<Report, Error> {
        self.pending.extend(changed.iter().cloned());
        let current = self.owed.is_none() && self.built_from_current();
        if let Some(last) = self.last.as_ref().filter(|_| current) {
            self.pending.clear();
            return Ok(Report {
                current: true,
                ..last.partly(false, 0, Timings::default())
            });
        }
        let previous = self.last.as_ref().map(|l| Arc::clone(&l.files));
        let made = self.last.as_ref().and_then(|last| last.made.as_ref());
        let bodies = made
            .filter(|_| self.owed.is_none())
            .and_then(|made| bodies_only(&self.opts.root, made, &self.pending));
        if bodies.is_none() {
            if let Some(report) = self.quick()? {
                self.pending.clear();
                return Ok(report);
            }
        }
        let report = match bodies {
            Some(edited) => self.rebuild_bodies(edited)?,
            None => self.full()?,
        };
        self.pending.clear();
        self.retire(previous, &report);
        Ok(report)
    }

    /// Whether a quick look was shown and the full build it owes is still to do.
    pub fn owes(&self) -> bool {
        self.owed.is_some()
    }

    /// The full build a quick look owes (a full build in any case).
    pub fn finish(&mut self) -> Result<Report, Error> {
        let previous = self.last.as_ref().map(|l| Arc::clone(&l.files));
        let report = self.full()?;
        self.pending.clear();
        self.retire(previous, &report);
        Ok(report)
    }

    /// A full build; after quick looks, their pages go, and on errors the files of the
    /// last full build are served again.
    fn full(&mut self) -> Result<Report, Error> {
        let shown = (self.owed.as_ref().and(self.last.as_ref())).map(|l| Arc::clone(&l.files));
        let report = self.rebuild_all();
        if let (Some(good), Some(shown)) = (self.owed.take(), shown) {
            let store = Arc::clone(good.store());
            match &report {
                // The pages the quick looks replaced are in no snapshot served from now.
                Ok(r) => store.retire(&good, &[&r.files, &shown]),
                Err(_) => {
                    store.retire(&shown, &[&good]);
                    if let Some(last) = self.last.as_mut() {
                        last.files = good;
                    }
                }
            }
        }
        report
    }

    /// The quick look at a change of one item's files, if it can be one (see
    /// [`Session::rebuild`]); `None` if it needs the full build.
    fn quick(&mut self) -> Result<Option<Report>, Error> {
        let mut clock = Instant::now();
        let mut timings = Timings::default();
        let publish = crate::content::Publish {
            now: self.opts.now,
            drafts: self.opts.drafts,
        };
        let Some(last) = self.last.as_mut() else {
            return Ok(None);
        };
        let Some(made) = last.made.as_mut() else {
            return Ok(None);
        };
        let root = &self.opts.root;
        let only = |path: &str| self.pending.len() == 1 && self.pending.contains(path);
        let (units, documents) = (only(patch::UNITS), only(patch::DOCUMENTS));
        let data = units || documents;
        let (present, gone) = match data {
            true => Default::default(),
            false => match item_files(root, made, &self.pending) {
                Some(files) => files,
                None => return Ok(None),
            },
        };
        let (mut ids, mut paths) = (BTreeSet::new(), BTreeSet::new());
        let read = if units {
            patch::units(root, &mut made.site).map(|changed| ids = changed)
        } else if documents {
            patch::documents(root, &mut made.site, publish)
        } else {
            patch::item(root, &mut made.site, publish, &present, &gone).map(|p| paths = p)
        };
        if read.is_none() {
            return Ok(None);
        }
        timings.lap("model", &mut clock);
        // The model now has the change: whatever happens, a full build follows.
        self.owed.get_or_insert_with(|| Arc::clone(&last.files));
        let shown = match (units, documents) {
            (true, _) => render::Shown::Units(&ids),
            (_, true) => render::Shown::Documents,
            _ => render::Shown::Item(&paths),
        };
        let rendered = render::quick_pages(&made.site, &made.theme, &mut made.memo, shown);
        let Ok((pages, sources)) = rendered else {
            return Ok(None);
        };
        timings.lap("render", &mut clock);
        // The item's pages as the last build made them (a data file's: the pages that show
        // it): those it no longer has go (a translation removed, a new address), and no
        // other page may be replaced.
        let page_file = |page: &String| format!("{}index.html", page.trim_start_matches('/'));
        let had: BTreeSet<String> = match data {
            true => pages.keys().cloned().collect(),
            false => (present.iter().chain(&gone))
                .filter_map(|p| made.sources.get(p))
                .map(page_file)
                .collect(),
        };
        if (pages.keys()).any(|f| last.files.contains_key(f) && !had.contains(f)) {
            return Ok(None);
        }
        let mut next: Files = (*last.files).clone();
        let store = Arc::clone(next.store());
        let mut changed = 0;
        for file in had.iter().filter(|f| !pages.contains_key(*f)) {
            changed += usize::from(next.blobs_mut().remove(file).is_some());
        }
        for (path, bytes) in pages {
            let blob = store.put(&bytes).map_err(|e| Error::io(store.dir(), e))?;
            if next.blob(&path) != Some(blob) {
                changed += 1;
                next.blobs_mut().insert(path, blob);
            }
        }
        // What the next quick look needs to know of this item's files.
        for path in present.iter().chain(&gone) {
            made.sources.remove(path);
        }
        made.sources.extend(sources);
        for path in &gone {
            made.fronts.remove(path);
        }
        for path in present {
            made.fronts.entry(path).or_insert(0);
        }
        timings.lap("keep", &mut clock);
        last.files = Arc::new(next);
        Ok(Some(last.partly(true, changed, timings)))
    }

    /// A full build from a copy of the site at `root` (the editor's would-be site: the
    /// site with a change not yet written), kept as the last build when it succeeds, so
    /// that the change, once written, needs no rebuild; on errors the last good build is
    /// kept and the change is not written. One build per save, not a check and then a
    /// build, and never a second model beside the preview's.
    pub fn rebuild_from(&mut self, root: &Path) -> Result<Report, Error> {
        // The store lives in the real site's cache, not in the copy.
        self.store()?;
        let previous = self.last.as_ref().map(|l| Arc::clone(&l.files));
        let real = std::mem::replace(&mut self.opts.root, root.to_path_buf());
        let report = self.full();
        self.opts.root = real;
        let report = report?;
        self.retire(previous, &report);
        Ok(report)
    }

    /// The quick look at the editor's would-be site at `root` (a copy of the site with a
    /// change not yet written to `changed`), if the change can be one; the full build of
    /// the copy ([`Session::rebuild_from`]) follows.
    pub fn quick_from(&mut self, root: &Path, changed: &[String]) -> Result<Option<Report>, Error> {
        if self.owed.is_none() && !self.pending.is_empty() {
            // Changes on disk not yet built: the full build of the copy has them.
            return Ok(None);
        }
        let real = std::mem::replace(&mut self.opts.root, root.to_path_buf());
        let pending = std::mem::replace(&mut self.pending, changed.iter().cloned().collect());
        let report = self.quick();
        self.opts.root = real;
        self.pending = pending;
        report
    }

    /// The files only the snapshot before the previous one had go from the store.
    fn retire(&mut self, previous: Option<Arc<Files>>, report: &Report) {
        if let (Some(old), Some(store)) = (self.retired.take(), &self.store) {
            let mut keep: Vec<&Files> = vec![&report.files];
            keep.extend(previous.as_deref());
            store.retire(&old, &keep);
        }
        self.retired = previous;
    }

    /// Whether every source changed since the last build is under `content/` and is
    /// byte for byte what that build read (or is still absent).
    fn built_from_current(&self) -> bool {
        let Some(made) = self.last.as_ref().and_then(|l| l.made.as_ref()) else {
            return false;
        };
        !self.pending.is_empty()
            && self.pending.iter().all(|p| {
                let path = self.opts.root.join(p);
                p.starts_with("content/")
                    && !path.is_dir()
                    && std::fs::read(&path).ok().map(|b| hash(&b)) == made.whole.get(p).copied()
            })
    }

    fn store(&mut self) -> Result<Arc<Store>, Error> {
        if self.store.is_none() {
            // A site folder the preview may not write to (a read-only copy): the system's
            // temporary folder instead.
            let store = Store::open(&self.opts.root).or_else(|_| {
                let temp = std::env::temp_dir().join("minhbach-preview");
                Store::open_in(&temp).map_err(|e| Error::io(&temp, e))
            })?;
            self.store = Some(Arc::new(store));
        }
        Ok(Arc::clone(self.store.as_ref().expect("opened")))
    }

    fn rebuild_all(&mut self) -> Result<Report, Error> {
        // The previous model, memo and theme are not needed for a full build: dropped
        // first, so the preview never holds two of them (only the files it serves).
        if let Some(last) = &mut self.last {
            last.made = None;
        }
        // Read before the build: a file saved while it runs then differs from its hash,
        // and the next change to it is a full build, never a body swap onto stale front
        // matter.
        let (fronts, whole) = hashes(&self.opts.root);
        let store = self.store()?;
        let staged = crate::stages(&self.opts, true, crate::To::Store(Arc::clone(&store)))?;
        let mut clock = Instant::now();
        let mut timings = staged.planned.timings;
        let files = Files::new(store, staged.planned.output.blobs);
        let changed = match &self.last {
            Some(last) => count_changed(&last.files, &files),
            None => files.len(),
        };
        let files = Arc::new(files);
        let pages = staged.planned.pages.values().sum();
        timings.lap("keep", &mut clock);
        self.last = Some(Last {
            files: Arc::clone(&files),
            warnings: staged.planned.warnings.clone(),
            pages,
            made: Some(Made {
                site: staged.site,
                theme: staged.theme,
                memo: staged.memo.expect("asked to keep"),
                sources: staged.sources,
                fronts,
                whole,
            }),
        });
        Ok(Report {
            partial: false,
            quick: false,
            current: false,
            files,
            changed,
            pages,
            warnings: staged.planned.warnings,
            timings,
        })
    }

    /// Swaps the new bodies into the model, renders their pages and the search index
    /// again, and checks their links.
    fn rebuild_bodies(&mut self, edited: Vec<(String, String)>) -> Result<Report, Error> {
        let mut timings = Timings::default();
        let mut clock = Instant::now();
        let last = self.last.as_mut().expect("a last build to edit");
        let made = last
            .made
            .as_mut()
            .expect("what the last build was made from");
        let mut old_bodies = Vec::new();
        let mut paths = BTreeSet::new();
        for (path, body) in edited {
            if let Some(slot) = made.site.body_mut(&path) {
                old_bodies.push((path.clone(), std::mem::replace(slot, body)));
                paths.insert(path);
            }
        }
        let undo = |made: &mut Made, old: Vec<(String, String)>| {
            for (path, body) in old {
                if let Some(slot) = made.site.body_mut(&path) {
                    *slot = body;
                }
            }
        };
        if paths.is_empty() {
            // Unpublished files (drafts, future-dated): nothing of them is on the site.
            return Ok(last.partly(false, 0, timings));
        }
        timings.lap("read", &mut clock);
        let html_in = |files: &Files, file: &str| {
            files
                .read(file)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        };
        // On errors after the render the model and the search index go back to the last
        // good build: its pages rendered again from the old bodies, the words of `now`
        // (the pages the index has) taken out.
        let restore = |made: &mut Made, old: Vec<(String, String)>, now: &Files| {
            undo(made, old);
            let now = |file: &str| html_in(now, file);
            let _ = render::rerender_bodies(&made.site, &made.theme, &mut made.memo, &paths, &now);
        };
        let before = |file: &str| html_in(&last.files, file);
        let new_files =
            match render::rerender_bodies(&made.site, &made.theme, &mut made.memo, &paths, &before)
            {
                Ok(f) => f,
                Err(diags) => {
                    // The render changed nothing of the memo: only the bodies go back.
                    undo(made, old_bodies);
                    return Err(Error::Content(diags.into_sorted()));
                }
            };
        timings.lap("render", &mut clock);
        let anchors_moved = paths.iter().any(|p| {
            let Some(page) = made.sources.get(p) else {
                return false;
            };
            let file = format!("{}index.html", page.trim_start_matches('/'));
            last.files
                .read(&file)
                .map(|b| check::ids(&String::from_utf8_lossy(&b)))
                != new_files
                    .get(&file)
                    .map(|b| check::ids(&String::from_utf8_lossy(b)))
        });
        let mut next: Files = (*last.files).clone();
        let store = Arc::clone(next.store());
        // A language's index has as many shards as its words need: some may be gone.
        let reindexed: BTreeSet<String> = new_files
            .keys()
            .filter_map(|p| p.strip_prefix(render::SEARCH_INDEX))
            .filter_map(|p| p.split_once('/'))
            .map(|(lang, _)| format!("{}{lang}/", render::SEARCH_INDEX))
            .collect();
        let before = next.len();
        next.blobs_mut().retain(|path, _| {
            new_files.contains_key(path) || !reindexed.iter().any(|dir| path.starts_with(dir))
        });
        let mut changed = before - next.len();
        for (path, bytes) in new_files {
            let blob = match store.put(&bytes) {
                Ok(blob) => blob,
                Err(e) => {
                    restore(made, old_bodies, &next);
                    return Err(Error::io(store.dir(), e));
                }
            };
            if next.blob(&path) != Some(blob) {
                changed += 1;
                next.blobs_mut().insert(path, blob);
            }
        }
        let mut diags = Diagnostics::default();
        let only = (!anchors_moved).then_some(&paths);
        check::links_in(&made.site, &made.sources, &next, only, &mut diags);
        timings.lap("check", &mut clock);
        if diags.has_errors() {
            restore(made, old_bodies, &next);
            return Err(Error::Content(diags.into_sorted()));
        }
        last.files = Arc::new(next);
        Ok(last.partly(false, changed, timings))
    }
}

/// The new bodies of `changed`, if every changed source is a content markdown file of
/// the last build whose front matter is byte for byte as it was; `None` if anything
/// needs a full build (including a file that cannot be read: the full build says why).
fn bodies_only(
    root: &Path,
    last: &Made,
    changed: &BTreeSet<String>,
) -> Option<Vec<(String, String)>> {
    if changed.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for path in changed {
        let old = last.fronts.get(path)?;
        let raw = std::fs::read(root.join(path)).ok()?;
        if front_hash(&raw)? != *old {
            return None;
        }
        let text = clean_text(std::str::from_utf8(&raw).ok()?);
        let (_, _, body, _) = split(&text).ok()?;
        let body = text[body].to_string();
        // Images are made, and their originals withheld, before rendering: a body that
        // shows other images than before needs the whole build.
        let shown = |b: &str| -> Vec<String> {
            crate::images::in_body(b)
                .into_iter()
                .map(|(a, _, _)| a)
                .collect()
        };
        if let Some(old) = last.site.body(path) {
            if shown(old) != shown(&body) {
                return None;
            }
        }
        out.push((path.clone(), body));
    }
    Some(out)
}

/// The files of the one item the changed files belong to (`content/exemplars/x.vi.md`
/// and `x.en.md`): those on disk now and those the last build read that are gone; `None`
/// if the changes are not all to one item's markdown files.
fn item_files(
    root: &Path,
    made: &Made,
    changed: &BTreeSet<String>,
) -> Option<(Vec<String>, Vec<String>)> {
    let langs = made.site.lang_order();
    let item = |path: &str| -> Option<(String, String)> {
        let (folder, name) = path.strip_prefix("content/")?.split_once('/')?;
        let base = name.strip_suffix(".md").filter(|_| !name.contains('/'))?;
        Some((folder.to_string(), load::stem_and_lang(base, &langs).0))
    };
    let key = item(changed.first()?)?;
    let ours = |p: &String| item(p).as_ref() == Some(&key);
    if !changed.iter().all(ours) {
        return None;
    }
    // Its other files (25,000 names at 10,000 items per language: the cheap test first).
    let start = format!("content/{}/{}", key.0, key.1);
    let files: BTreeSet<&String> = (made.fronts.keys())
        .filter(|p| p.starts_with(&start) && ours(p))
        .chain(changed)
        .collect();
    let (present, gone): (Vec<String>, Vec<String>) = files
        .into_iter()
        .cloned()
        .partition(|p| root.join(p).is_file());
    Some((present, gone))
}

/// Hashes of every file under `content/`: of the front matter of each markdown file, and
/// of all the bytes of each file.
type Hashes = (HashMap<String, u64>, HashMap<String, u64>);

fn hashes(root: &Path) -> Hashes {
    use rayon::prelude::*;
    let mut paths: BTreeSet<String> = BTreeSet::new();
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            if let Ok(rel) = entry.path().strip_prefix(root) {
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect();
                paths.insert(rel.join("/"));
            }
        }
    }
    let paths: Vec<String> = paths.into_iter().collect();
    let read: Vec<(String, u64, Option<u64>)> = paths
        .into_par_iter()
        .filter_map(|p| {
            let raw = std::fs::read(root.join(&p)).ok()?;
            let front = p.ends_with(".md").then(|| front_hash(&raw)).flatten();
            Some((p, hash(&raw), front))
        })
        .collect();
    let mut fronts = HashMap::new();
    let mut whole = HashMap::new();
    for (p, all, front) in read {
        if let Some(f) = front {
            fronts.insert(p.clone(), f);
        }
        whole.insert(p, all);
    }
    (fronts, whole)
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// A hash of the raw bytes up to and including the line `---` that closes the front
/// matter; `None` for a file without front matter.
fn front_hash(raw: &[u8]) -> Option<u64> {
    let mut lines = raw.split_inclusive(|b| *b == b'\n');
    let first = lines.next()?;
    let is_fence =
        |l: &[u8]| l.trim_ascii_end() == b"---" || l.trim_ascii_end() == "\u{feff}---".as_bytes();
    if !is_fence(first) {
        return None;
    }
    let mut len = first.len();
    for line in lines {
        len += line.len();
        if line.trim_ascii_end() == b"---" {
            return Some(hash(&raw[..len]));
        }
    }
    None
}

impl check::BuiltFiles for Files {
    fn has(&self, file: &str) -> bool {
        self.contains_key(file)
    }

    fn ids(&self, file: &str) -> BTreeSet<String> {
        self.read(file)
            .map(|b| check::ids(&String::from_utf8_lossy(&b)))
            .unwrap_or_default()
    }
}

/// Files that differ between two builds (by their hashes: nothing is read).
pub fn count_changed(old: &Files, new: &Files) -> usize {
    let gone = old.keys().filter(|k| !new.contains_key(k)).count();
    let differ = new
        .blobs()
        .iter()
        .filter(|(k, v)| old.blob(k) != Some(**v))
        .count();
    gone + differ
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_added_removed_and_modified_files() {
        let store = crate::output::store::scratch();
        let map = |items: &[(&str, &str)]| -> Files {
            let files = items.iter().map(|(k, v)| (k.to_string(), v.as_bytes()));
            Files::from_bytes(Arc::clone(&store), files).expect("stored")
        };
        let old = map(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let new = map(&[("a", "1"), ("b", "x"), ("d", "4")]);
        assert_eq!(count_changed(&old, &new), 3);
        assert_eq!(count_changed(&old, &old), 0);
    }

    #[test]
    fn front_matter_ends_at_the_second_fence() {
        let a = front_hash(b"---\ntitle: A\n---\nbody one\n");
        let b = front_hash(b"---\ntitle: A\n---\nbody two, longer\n");
        let c = front_hash(b"---\ntitle: B\n---\nbody one\n");
        assert!(a.is_some() && a == b && a != c);
        assert_eq!(front_hash(b"no front matter\n"), None);
        assert_eq!(front_hash(b"---\ntitle: unclosed\n"), None);
        // Line endings and a byte-order mark are part of the front matter.
        assert_ne!(front_hash(b"---\r\ntitle: A\r\n---\r\nx"), a);
        assert_ne!(front_hash("\u{feff}---\ntitle: A\n---\nx".as_bytes()), a);
    }
}
