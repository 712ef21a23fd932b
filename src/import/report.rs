//! The files of one report an import writes into, and the check of the site as it would
//! be after the import, with the same model code as `check`, before anything is written.

use crate::content::frontmatter::{IndicatorFm, ReportFm};
use crate::content::load::{self, Kind};
use crate::content::write::Document;
use crate::error::{Code, Diagnostic, Diagnostics, Error, Span};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A report's language versions, the one that carries the facts, and the one whose notes
/// are imported.
#[derive(Debug, Clone)]
pub struct ReportFiles {
    pub root: PathBuf,
    /// Existing versions, site language order: (language, path relative to the root).
    pub versions: Vec<(String, String)>,
    /// The version the figures are written to: the first language's that exists.
    pub facts: String,
    /// The version the notes are written to.
    pub notes: String,
    pub notes_lang: String,
}

fn refuse(path: &str, message: impl Into<String>, hint: &str) -> Error {
    Error::Content(vec![
        Diagnostic::error(Code::NotAReport, path, message).hint(hint)
    ])
}

/// The site's languages, default first, from site.yaml.
pub fn languages(root: &Path) -> Result<Vec<String>, Error> {
    let text = load::settings_text(root).map_err(|d| Error::Content(vec![d]))?;
    let mut diags = Diagnostics::default();
    match crate::config::parse(&text, None, &mut diags) {
        Some(s) if !diags.has_errors() => Ok(s.codes().map(String::from).collect()),
        _ => Err(Error::Content(diags.into_sorted())),
    }
}

impl ReportFiles {
    /// The report `report` names (a content file under content/reports/, absolute, relative
    /// to the site folder or to the current folder); its language is the notes' language.
    pub fn find(root: &Path, report: &Path) -> Result<ReportFiles, Error> {
        let langs = languages(root)?;
        let inside = crate::paths::resolved(root);
        // Relative: to the site folder, else to the current folder (where a shell
        // completed it), else to the site folder again for the message.
        let candidate = if report.is_relative() && (root.join(report).exists() || !report.exists())
        {
            root.join(report)
        } else {
            report.to_path_buf()
        };
        let shown = report.to_string_lossy().into_owned();
        let full = crate::paths::resolved(&candidate);
        let rel = full.strip_prefix(&inside).map_err(|_| {
            refuse(
                &shown,
                "the report is not inside the site folder",
                "give the report's file under content/reports/, and the site folder with --root",
            )
        })?;
        let rel = load::shown(Path::new(""), rel);
        let folder = format!("content/{}/", Kind::Report.folder());
        let name = rel.strip_prefix(&folder).filter(|n| !n.contains('/'));
        let Some(base) = name.and_then(|n| n.strip_suffix(".md")) else {
            return Err(refuse(
                &rel,
                "results are imported into a report: a .md file in content/reports/",
                "give the report's file, e.g. content/reports/bao-cao-nam-2024.vi.md",
            ));
        };
        if !full.is_file() {
            return Err(refuse(
                &rel,
                "the report does not exist",
                "create it first with `minhbach new report`, or check the file name",
            ));
        }
        let (stem, lang) = match base.rsplit_once('.') {
            Some((stem, lang)) if langs.iter().any(|l| l == lang) => (stem, lang.to_string()),
            _ => (base, langs[0].clone()),
        };
        let mut versions = Vec::new();
        for l in &langs {
            let mut names = vec![format!("{stem}.{l}.md")];
            if *l == langs[0] {
                names.push(format!("{stem}.md"));
            }
            if let Some(n) = names
                .into_iter()
                .find(|n| root.join(&folder).join(n).is_file())
            {
                versions.push((l.clone(), format!("{folder}{n}")));
            }
        }
        let facts = versions
            .first()
            .map(|(_, p)| p.clone())
            .expect("the report's own file exists");
        Ok(ReportFiles {
            root: root.to_path_buf(),
            versions,
            facts,
            notes: rel,
            notes_lang: lang,
        })
    }

    /// The raw text of a version, as it is on disk.
    pub fn text(&self, rel: &str) -> Result<String, Error> {
        let path = self.root.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        load::utf8(rel, bytes).map_err(|d| Error::Content(vec![d]))
    }

    /// A version's front matter, parsed.
    pub fn front(&self, rel: &str) -> Result<ReportFm, Error> {
        let text = load::clean_text(&self.text(rel)?);
        let (yaml, first_line, _, _) = load::split(&text).map_err(|(span, code, m)| {
            Error::Content(vec![Diagnostic::error(code, rel, m).at_in(span, &text)])
        })?;
        crate::yaml::Source {
            path: rel,
            file_text: &text,
            yaml: &text[yaml],
            first_line,
        }
        .parse()
        .map_err(|d| Error::Content(vec![d]))
    }
}

/// The indicators of content/data/indicators.yaml.
pub fn indicators(root: &Path) -> Result<Vec<IndicatorFm>, Error> {
    let rel = "content/data/indicators.yaml";
    let path = root.join(rel);
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let text = load::clean_text(&load::utf8(rel, bytes).map_err(|d| Error::Content(vec![d]))?);
    crate::yaml::Source {
        path: rel,
        file_text: &text,
        yaml: &text,
        first_line: 1,
    }
    .parse_strict::<Option<Vec<IndicatorFm>>>()
    .map(Option::unwrap_or_default)
    .map_err(|d| Error::Content(vec![d]))
}

/// Where a new `results:` goes: after the field before it in the report's schema.
const BEFORE_RESULTS: [&str; 8] = [
    "recipient",
    "signer",
    "symbol",
    "number",
    "submitted",
    "plan",
    "period",
    "title",
];

/// Keys of a result in the order people read them.
pub const RESULT_KEYS: [&str; 6] = [
    "indicator",
    "target",
    "target_min",
    "target_max",
    "actual",
    "note",
];

/// Sets (or, for `None`, removes) `results:` in a file's text; every other byte stays.
pub fn with_results(
    rel: &str,
    text: &str,
    results: Option<&serde_json::Value>,
) -> Result<String, Error> {
    let mut doc = Document::parse(text).map_err(|(span, code, m): (Span, Code, String)| {
        Error::Content(vec![Diagnostic::error(code, rel, m).at_in(span, text)])
    })?;
    match results {
        Some(v) => {
            let after = BEFORE_RESULTS
                .iter()
                .find(|k| doc.keys().any(|key| key == **k))
                .copied();
            doc.set_ordered("results", v, after, &RESULT_KEYS);
        }
        None => {
            doc.remove("results");
        }
    }
    Ok(doc.text())
}

/// The errors the site would have in the files of `changed` (path → new text) if they were
/// written: the same load and model as `check`, with these texts in place of the files.
pub fn check_with(
    root: &Path,
    changed: &BTreeMap<String, String>,
) -> Result<Vec<Diagnostic>, Error> {
    let text = load::settings_text(root).map_err(|d| Error::Content(vec![d]))?;
    let mut diags = Diagnostics::default();
    let Some(settings) = crate::config::parse(&text, None, &mut diags) else {
        return Err(Error::Content(diags.into_sorted()));
    };
    let langs: Vec<String> = settings.codes().map(String::from).collect();
    let mut loaded = load::load(root, &langs, &mut diags);
    for f in &mut loaded.files {
        let Some(new) = changed.get(&f.path) else {
            continue;
        };
        let text = load::clean_text(new);
        match load::split(&text) {
            Ok((yaml, yaml_line, body, body_line)) => {
                f.text = text;
                f.yaml = yaml;
                f.yaml_line = yaml_line;
                f.body = body;
                f.body_line = body_line;
            }
            Err((span, code, m)) => {
                diags.push(Diagnostic::error(code, &f.path, m).at_in(span, &text))
            }
        }
    }
    let publish = crate::content::Publish {
        now: chrono::Local::now().date_naive(),
        drafts: true,
    };
    crate::content::model::build(settings, loaded, publish, &mut diags);
    Ok(diags
        .into_sorted()
        .into_iter()
        .filter(|d| d.is_error() && changed.contains_key(&d.path))
        .collect())
}
