//! minhbach: a static site generator for transparency publishing.
//!
//! The pipeline is `load → model → render → write`; each stage is a module that takes
//! values and returns values, and only `output` touches the disk.

pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod date;
pub mod error;
pub mod i18n;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod yaml;

use chrono::NaiveDate;
use error::{Diagnostic, Diagnostics, Error};
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
    pub warnings: Vec<Diagnostic>,
    pub output: PathBuf,
}

/// A rendered site, not yet written.
pub struct Planned {
    pub output: output::Output,
    pub pages: BTreeMap<String, usize>,
    pub warnings: Vec<Diagnostic>,
}

/// Everything before writing: load, validate, render. Shared by `build` and `check`.
pub fn plan(opts: &Options) -> Result<Planned, Error> {
    let mut diags = Diagnostics::default();
    let config_path = opts.root.join(config::FILE);
    let text = match std::fs::read_to_string(&config_path) {
        Ok(t) => content::load::clean_text(&t),
        Err(e) => {
            diags.push(
                Diagnostic::error(config::FILE, format!("cannot read the site settings: {e}"))
                    .hint(
                    "run minhbach in the site folder (the one with site.yaml), or pass --root DIR",
                ),
            );
            return Err(Error::Content(diags.into_sorted()));
        }
    };
    let Some(settings) = config::parse(&text, opts.base_url.as_deref(), &mut diags) else {
        return Err(Error::Content(diags.into_sorted()));
    };
    let langs: Vec<String> = settings.codes().map(String::from).collect();
    let theme = render::theme::load(&opts.root, &settings.theme, &langs, &mut diags);
    let loaded = content::load::load(&opts.root, &langs, &mut diags);
    let statics = read_static(&opts.root, &mut diags);
    let publish = content::Publish {
        now: opts.now,
        drafts: opts.drafts,
    };
    let site = content::model::build(settings, loaded, publish, &mut diags);
    let (Some(site), Some(theme)) = (site, theme) else {
        return Err(Error::Content(diags.into_sorted()));
    };
    if diags.has_errors() {
        return Err(Error::Content(diags.into_sorted()));
    }
    match render::render(&site, &theme, statics) {
        Ok(rendered) => {
            check::links(&site, &rendered, &mut diags);
            if diags.has_errors() {
                return Err(Error::Content(diags.into_sorted()));
            }
            Ok(Planned {
                output: rendered.output,
                pages: rendered.pages,
                warnings: diags.into_sorted(),
            })
        }
        Err(render_diags) => {
            diags.extend(render_diags);
            Err(Error::Content(diags.into_sorted()))
        }
    }
}

/// Validates and renders everything, writes nothing.
pub fn check(opts: &Options) -> Result<Vec<Diagnostic>, Error> {
    plan(opts).map(|p| p.warnings)
}

/// Builds the site into the output folder, replacing it only when everything succeeded.
pub fn build(opts: &Options) -> Result<Summary, Error> {
    let dest = output_dir(opts)?;
    let planned = plan(opts)?;
    output::write(&planned.output, &dest, opts.force)?;
    Ok(Summary {
        pages: planned.pages,
        files: planned.output.files.len(),
        warnings: planned.warnings,
        output: dest,
    })
}

/// The output folder, refusing places whose replacement would destroy the site itself.
pub fn output_dir(opts: &Options) -> Result<PathBuf, Error> {
    let dest = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"));
    output::check_dest(&opts.root, &dest)?;
    Ok(dest)
}

/// Files under the site's `static/`, copied to the output root as they are.
fn read_static(root: &Path, diags: &mut Diagnostics) -> BTreeMap<String, Vec<u8>> {
    let dir = root.join("static");
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in content::load::walk(root, &dir, diags) {
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match std::fs::read(entry.path()) {
            Ok(b) => {
                out.insert(rel, b);
            }
            Err(e) => diags.push(Diagnostic::error(
                format!("static/{rel}"),
                format!("cannot read: {e}"),
            ).hint("check that the file exists and can be read (permissions), then run the command again")),
        }
    }
    out
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
