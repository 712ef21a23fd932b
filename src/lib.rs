//! minhbach: a static site generator for transparency publishing.
//!
//! The pipeline is `load → model → render → write`; each stage is a module that takes
//! values and returns values, and only `output` touches the disk.

pub mod amount;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod date;
pub mod deploy;
pub mod edit;
pub mod error;
pub mod i18n;
pub mod images;
pub mod import;
pub mod links;
pub mod output;
pub mod paths;
pub mod period;
pub mod rebuild;
pub mod reference;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod workdays;
pub mod yaml;

use chrono::NaiveDate;
use error::{Code, Diagnostic, Diagnostics, Error};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a build needs to know beyond the site folder.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// "Today", injected so builds are reproducible.
    pub now: NaiveDate,
    /// Replace a non-empty output folder that no earlier build made (`--force`).
    pub force: bool,
}

/// What a finished build reports.
#[derive(Debug)]
pub struct Summary {
    pub pages: BTreeMap<String, usize>,
    pub files: usize,
    /// Images the content shows: made in this build, and read from the cache.
    pub images: ImageCounts,
    pub warnings: Vec<Diagnostic>,
    pub output: PathBuf,
    pub timings: Timings,
}

/// A rendered site, not yet written.
pub struct Planned {
    pub output: output::Output,
    pub pages: BTreeMap<String, usize>,
    pub images: ImageCounts,
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took, for `build --timings` and the benchmark.
    pub timings: Timings,
}

/// How many of the images the content shows a build made, and how many it found made in
/// the cache (`.minhbach-cache/images/`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImageCounts {
    pub made: usize,
    pub cached: usize,
}

/// Wall time of each stage of a build, in the order they ran, and the peak memory of the
/// process when it ended (Linux; see `peak_rss`).
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, std::time::Duration, Option<u64>)>);

impl Timings {
    /// Records the time since `since` under `stage` and restarts the clock.
    pub fn lap(&mut self, stage: &'static str, since: &mut std::time::Instant) {
        let now = std::time::Instant::now();
        self.0.push((stage, now - *since, peak_rss()));
        *since = now;
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(stage, d, peak)| match peak {
                Some(kb) => format!("{stage} {} ms (peak {} MB)", d.as_millis(), kb / 1024),
                None => format!("{stage} {} ms", d.as_millis()),
            })
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// The most memory the process has held so far, in KiB (`VmHWM`), where the system says.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Everything before writing: load, validate, render. Shared by `build` and `check`.
pub fn plan(opts: &Options) -> Result<Planned, Error> {
    stages(opts, false, To::Memory).map(|s| s.planned)
}

/// A plan and what it was made from, for rebuilding part of it later (`rebuild`).
pub(crate) struct Staged {
    pub planned: Planned,
    pub site: content::Site,
    pub theme: render::theme::Theme,
    pub sources: BTreeMap<String, String>,
    pub memo: Option<render::Memo>,
    /// Where the files were written, when asked to write them.
    pub stage: Option<std::sync::Arc<output::Stage>>,
}

/// Where [`stages`] puts the files it renders.
pub(crate) enum To<'a> {
    /// Kept in the result (`plan`).
    Memory,
    /// Checked and dropped (`check`, the editor's check of a change): of the pages
    /// only their ids are kept, for the link checks.
    Nowhere,
    /// Into that folder's staging folder as they are rendered (see `output::Stage`), for
    /// the caller to commit.
    Folder(&'a Path),
    /// Into the preview's store (see `output::store`).
    Store(std::sync::Arc<output::store::Store>),
}

/// Load → model → render → check; with `keep`, what a body-only rerender needs is kept.
pub(crate) fn stages(opts: &Options, keep: bool, to: To) -> Result<Staged, Error> {
    let mut diags = Diagnostics::default();
    let mut timings = Timings::default();
    let mut clock = std::time::Instant::now();
    let text = match content::load::settings_text(&opts.root) {
        Ok(text) => text,
        Err(d) => {
            diags.push(d);
            return Err(Error::Content(diags.into_sorted()));
        }
    };
    let Some(settings) = config::parse(&text, opts.base_url.as_deref(), &mut diags) else {
        return Err(Error::Content(diags.into_sorted()));
    };
    let langs: Vec<String> = settings.codes().map(String::from).collect();
    let theme = render::theme::load(&opts.root, &settings.theme, &langs, &mut diags);
    let loaded = content::load::load(&opts.root, &langs, &mut diags);
    let (statics, rasters) = read_static(&opts.root, &mut diags);
    timings.lap("load", &mut clock);
    let publish = content::Publish {
        now: opts.now,
        drafts: opts.drafts,
    };
    let site = content::model::build(settings, loaded, publish, &mut diags);
    let (Some(mut site), Some(theme)) = (site, theme) else {
        return Err(Error::Content(diags.into_sorted()));
    };
    // A file only unpublished items use (a draft's photo, a future plan's signed scan) is
    // not published until one of them is.
    let mut statics: BTreeMap<String, Vec<u8>> = statics
        .into_iter()
        .filter(|(path, _)| !site.withheld.contains(path))
        .collect();
    let rasters: BTreeMap<String, (PathBuf, usize)> = rasters
        .into_iter()
        .filter(|(path, _)| !site.withheld.contains(path))
        .collect();
    site.files = (statics.iter().map(|(p, b)| (p.clone(), b.len())))
        .chain(rasters.iter().map(|(p, (_, size))| (p.clone(), *size)))
        .collect();
    if diags.has_errors() {
        return Err(Error::Content(diags.into_sorted()));
    }
    timings.lap("model", &mut clock);
    // Images: made (or found in the cache) before rendering, which needs their sizes.
    let rasters = rasters
        .into_iter()
        .map(|(p, (disk, _))| (p, disk))
        .collect();
    let made = images::run(&opts.root, &site, &rasters, &mut diags);
    let image_counts = ImageCounts {
        made: made.made,
        cached: made.cached,
    };
    site.images = made.pictures;
    for (path, bytes) in made.files {
        // A file of static/ at the address of a variant (`img/…`): not both.
        if statics.insert(path.clone(), bytes).is_some() {
            diags.push(
                Diagnostic::error(
                    Code::ReplacesGenerated,
                    format!("static/{path}"),
                    "this file would take the place of an image the site makes from a photo",
                )
                .hint("move the file out of static/img/"),
            );
        }
    }
    if diags.has_errors() {
        return Err(Error::Content(diags.into_sorted()));
    }
    timings.lap("images", &mut clock);
    // The output folder is looked at once the content is known to be good, so content
    // errors come first.
    let (stage, out) = match to {
        To::Folder(dest) => {
            let stage = std::sync::Arc::new(output::Stage::new(&opts.root, dest, opts.force)?);
            (Some(stage.clone()), output::Output::streaming(stage))
        }
        To::Store(store) => (None, output::Output::storing(store)),
        To::Memory => (None, output::Output::default()),
        To::Nowhere => (None, output::Output::discarding()),
    };
    let rendered = render::render(&site, &theme, statics, keep, out);
    // A file that could not be written (a full disk) is the one thing to say: what
    // rendering reported after it follows from it.
    if let Some(stage) = &stage {
        stage.check()?;
    }
    let mut rendered = match rendered {
        Ok(rendered) => rendered,
        Err(render_diags) => {
            diags.extend(render_diags);
            return Err(Error::Content(diags.into_sorted()));
        }
    };
    timings.lap("render", &mut clock);
    timings.0.append(&mut rendered.timings.0);
    check::links(&site, &rendered, &mut diags);
    timings.lap("check", &mut clock);
    if diags.has_errors() {
        return Err(Error::Content(diags.into_sorted()));
    }
    Ok(Staged {
        planned: Planned {
            output: rendered.output,
            pages: rendered.pages,
            images: image_counts,
            warnings: diags.into_sorted(),
            timings,
        },
        site,
        theme,
        sources: rendered.sources,
        memo: rendered.memo,
        stage,
    })
}

/// Validates and renders everything, writes nothing.
pub fn check(opts: &Options) -> Result<Vec<Diagnostic>, Error> {
    stages(opts, false, To::Nowhere).map(|s| s.planned.warnings)
}

/// Builds the site into the output folder, replacing it only when everything succeeded.
pub fn build(opts: &Options) -> Result<Summary, Error> {
    let dest = output_dir(opts)?;
    let staged = stages(opts, false, To::Folder(&dest))?;
    let mut planned = staged.planned;
    let mut clock = std::time::Instant::now();
    if let Some(stage) = &staged.stage {
        stage.commit(planned.output.len())?;
    }
    planned.timings.lap("swap", &mut clock);
    Ok(Summary {
        timings: planned.timings,
        pages: planned.pages,
        files: planned.output.len(),
        images: planned.images,
        warnings: planned.warnings,
        output: dest,
    })
}

/// The output folder as named, refusing places whose replacement would destroy the site
/// itself (checked again, on the folder as it is then, when the build starts writing).
pub fn output_dir(opts: &Options) -> Result<PathBuf, Error> {
    let dest = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"));
    output::check_dest(&opts.root, &dest)?;
    Ok(dest)
}

/// Files under the site's `static/`, by their path in the site in composed Unicode
/// (NFC: a file a Mac saved decomposed is found under the name people type): the bytes of
/// those published as they are, and where the JPEG, PNG and WebP files are (with their
/// size), which the image stage reads one at a time rather than all at once.
type StaticFiles = (
    BTreeMap<String, Vec<u8>>,
    BTreeMap<String, (PathBuf, usize)>,
);

fn read_static(root: &Path, diags: &mut Diagnostics) -> StaticFiles {
    let dir = root.join("static");
    let mut out = BTreeMap::new();
    let mut rasters = BTreeMap::new();
    if !dir.is_dir() {
        return (out, rasters);
    }
    for entry in content::load::walk(root, &dir, diags) {
        let shown = content::load::shown(&dir, entry.path());
        let rel = i18n::nfc(&shown);
        if out.contains_key(&rel) || rasters.contains_key(&rel) {
            diags.push(Diagnostic::error(Code::DecomposedTwin, format!("static/{shown}"), format!("two files of static/ are named static/{rel}, one of them in decomposed Unicode"))
                .hint("keep one of them: the site publishes both at the same address"));
            continue;
        }
        let read = if images::is_raster(&rel) {
            entry
                .metadata()
                .map(|m| {
                    rasters.insert(rel.clone(), (entry.path().to_path_buf(), m.len() as usize));
                })
                .map_err(std::io::Error::from)
        } else {
            std::fs::read(entry.path()).map(|b| {
                out.insert(rel.clone(), b);
            })
        };
        if let Err(e) = read {
            diags.push(Diagnostic::error(
                Code::CannotRead,
                format!("static/{shown}"),
                format!("cannot read: {e}"),
            ).hint("check that the file exists and can be read (permissions), then run the command again"));
        }
    }
    (out, rasters)
}

/// "Today": `--now`, else `SOURCE_DATE_EPOCH`, else the clock.
pub fn resolve_now(flag: Option<NaiveDate>) -> Result<NaiveDate, String> {
    if let Some(d) = flag {
        return Ok(d);
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=\"{epoch}\" is not a number of seconds"))?;
        return chrono::DateTime::from_timestamp(secs, 0)
            .map(|t| t.date_naive())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH={secs} is out of range"));
    }
    Ok(chrono::Local::now().date_naive())
}
