//! Load: walk `content/` in sorted order and split each markdown file into front matter
//! and body, remembering where each starts so later errors point at the right line.

use crate::error::{Code, Diagnostic, Diagnostics, Span};
use crate::i18n;
use rayon::prelude::*;
use std::path::Path;

/// The kinds of content, one folder each under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Plan,
    Campaign,
    Exemplar,
    Report,
    Page,
    Nomination,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Plan,
        Kind::Campaign,
        Kind::Exemplar,
        Kind::Report,
        Kind::Page,
        Kind::Nomination,
    ];

    pub fn folder(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::Campaign => "campaigns",
            Kind::Exemplar => "exemplars",
            Kind::Report => "reports",
            Kind::Page => "pages",
            Kind::Nomination => "nominations",
        }
    }

    fn from_folder(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == name)
    }
}

/// A markdown file split into its parts. Text is NFC with `\n` line ends.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub kind: Kind,
    /// Relative to the site root, `/`-separated: `content/campaigns/x.vi.md`.
    pub path: String,
    /// File name without language and extension: the translation-pair key.
    pub stem: String,
    pub lang: String,
    pub text: String,
    /// Byte range of the YAML between the `---` lines, and its first line (1-based).
    pub yaml: std::ops::Range<usize>,
    pub yaml_line: usize,
    pub body: std::ops::Range<usize>,
    pub body_line: usize,
}

impl SourceFile {
    pub fn yaml(&self) -> &str {
        &self.text[self.yaml.clone()]
    }

    pub fn body(&self) -> &str {
        &self.text[self.body.clone()]
    }

    pub fn source(&self) -> crate::yaml::Source<'_> {
        crate::yaml::Source {
            path: &self.path,
            file_text: &self.text,
            yaml: self.yaml(),
            first_line: self.yaml_line,
        }
    }
}

/// A YAML data file under `content/data/`.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub path: String,
    pub name: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<SourceFile>,
    pub data: Vec<DataFile>,
}

/// The files under `dir`, in sorted order, for every input of the site (content, data,
/// static files, themes, templates). One rule for all: nothing outside the site folder
/// is read. A symbolic link, anywhere on the way to `dir` or under it, is followed when
/// what it names is inside the site folder (a link that leads outside, or nowhere, is an
/// error, and nothing behind it is read), so `content/pages` may be a link to a folder
/// kept elsewhere in the site. A link to a folder that holds it (a loop) is not followed,
/// with a warning.
pub fn walk(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<walkdir::DirEntry> {
    let inside = crate::paths::resolved(root);
    let shown = |p: &Path| shown(root, p);
    let outside = |p: &Path| outside(&shown(p));
    let nowhere = |p: &Path| {
        Diagnostic::error(
            Code::SymlinkNowhere,
            shown(p),
            "this is a symbolic link that leads nowhere",
        )
        .hint("remove the link, or copy the file it meant into the site folder")
    };
    let rel = dir.strip_prefix(root).unwrap_or(dir);
    if let Some(link) = crate::paths::link_out_of(root, &inside, rel) {
        diags.push(outside(&link));
        return Vec::new();
    }
    if dir.is_symlink() && !dir.exists() {
        diags.push(nowhere(dir));
        return Vec::new();
    }
    let top = crate::paths::resolved(dir);
    let mut files = Vec::new();
    let mut entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(dir);
                if e.loop_ancestor().is_some() {
                    diags.push(looped(&shown(path)));
                } else if path.is_symlink() && !path.exists() {
                    diags.push(nowhere(path));
                } else {
                    diags.push(Diagnostic::error(Code::CannotRead, shown(path), format!("cannot read: {e}")).hint("check that the file exists and can be read (permissions), then run the command again"));
                }
                continue;
            }
        };
        let folder = entry.file_type().is_dir();
        if entry.path_is_symlink() {
            let target = crate::paths::resolved(entry.path());
            let problem = if !target.starts_with(&inside) {
                Some(outside(entry.path()))
            } else if folder && top.starts_with(&target) {
                Some(looped(&shown(entry.path())))
            } else {
                None
            };
            if let Some(d) = problem {
                diags.push(d);
                if folder {
                    entries.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_file() {
            files.push(entry);
        }
    }
    files
}

/// A link that leads out of the site folder.
fn outside(path: &str) -> Diagnostic {
    Diagnostic::error(Code::SymlinkOutside, path, "this is a symbolic link to a place outside the site folder; nothing outside the site is read or published")
        .hint("copy the files into the site folder instead of linking to them")
}

/// The text of `site.yaml`, under the rule of every input (see [`walk`]): read only when
/// it is inside the site folder, and as UTF-8, or an error that says where it is not.
pub fn settings_text(root: &Path) -> Result<String, Diagnostic> {
    let file = crate::config::FILE;
    let inside = crate::paths::resolved(root);
    if let Some(link) = crate::paths::link_out_of(root, &inside, Path::new(file)) {
        return Err(outside(&shown(root, &link)));
    }
    let bytes = std::fs::read(root.join(file)).map_err(|e| {
        let d = Diagnostic::error(
            Code::SettingsUnreadable,
            file,
            format!("cannot read the site settings: {e}"),
        );
        if e.kind() == std::io::ErrorKind::NotFound {
            d.hint("run minhbach in the site folder (the one with site.yaml), or pass --root DIR")
        } else {
            d.hint("check that site.yaml can be read (permissions), then run the command again")
        }
    })?;
    utf8(file, bytes).map(|text| clean_text(&text))
}

/// A link to a folder that holds it: following it would never end.
fn looped(path: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::SymlinkLoop,
        path,
        "not followed: this symbolic link leads to a folder that contains it, so following it would never end",
    )
    .hint("remove the link, or point it at the folder you meant")
}

/// `path` relative to the site folder, `/`-separated, as diagnostics name files.
pub fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Text from bytes, or an error that says where the first byte that is not UTF-8 is.
pub fn utf8(path: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]);
        let line = valid.matches('\n').count() + 1;
        let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Diagnostic::error(
            Code::NotUtf8,
            path,
            format!("the file is not UTF-8 text: the byte at offset {offset} is not valid UTF-8"),
        )
        .at(Span::new(line, col))
        .hint("save the file as UTF-8 (in Word: Save As → Plain Text → Unicode (UTF-8))")
    })
}

/// Normalizes what editors and word processors leave behind: BOM, CRLF, NFD.
pub fn clean_text(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    i18n::nfc(&raw.replace("\r\n", "\n").replace('\r', "\n"))
}

/// A file's text, cleaned, and what reading it found (lints, or why it has no text).
type Read = (Option<String>, Diagnostics);

fn read_text(root: &Path, path: &Path, markdown: bool) -> Read {
    let rel = shown(root, path);
    let mut diags = Diagnostics::default();
    let text = match std::fs::read(path) {
        Ok(bytes) => match utf8(&rel, bytes) {
            Ok(s) => {
                super::lint::file(&rel, &s, markdown, &mut diags);
                Some(clean_text(&s))
            }
            Err(d) => {
                diags.push(d);
                None
            }
        },
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::CannotRead,
                &rel,
                format!("cannot read the file: {e}"),
            ).hint("check that the file exists and can be read (permissions), then run the command again"));
            None
        }
    };
    (text, diags)
}

/// Reads every file under `<root>/content`, in sorted order for determinism.
pub fn load(root: &Path, languages: &[String], diags: &mut Diagnostics) -> Loaded {
    let mut loaded = Loaded::default();
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(Code::NoContentFolder, "content", "the content folder is missing")
                .hint("create content/ with campaigns/, exemplars/, reports/, pages/, plan/ and data/ inside"),
        );
        return loaded;
    }
    let entries = walk(root, &content, diags);
    // Reading, checking and normalizing the text of each file is independent of the
    // others, and most of the work: done first on all cores, taken below in order.
    let mut texts: Vec<Option<Read>> = entries
        .par_iter()
        .map(|entry| {
            let name = entry.file_name().to_string_lossy();
            let wanted = [".md", ".yaml"].iter().any(|x| name.ends_with(x));
            wanted.then(|| read_text(root, entry.path(), name.ends_with(".md")))
        })
        .collect();
    for (entry, text) in entries.iter().zip(&mut texts) {
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let rel_str = shown(root, entry.path());
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        let parts: Vec<String> = rel
            .components()
            .skip(1)
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .collect();
        let folder = parts.first().map(String::as_str).unwrap_or("");
        let mut read = |diags: &mut Diagnostics| {
            let (text, found) = text.take()?;
            diags.extend(found);
            text
        };
        if folder == "data" && parts.len() == 2 {
            if let Some(stem) = name.strip_suffix(".yml") {
                // Not read: beside a .yaml twin one of the two would be ignored, and
                // alone, messages about it would name the .yaml file it is not.
                let d = if entry.path().with_file_name(format!("{stem}.yaml")).exists() {
                    Diagnostic::error(
                        Code::YmlDataFile,
                        &rel_str,
                        format!("both {name} and {stem}.yaml are here: only one is read"),
                    )
                    .hint(format!("keep the entries in {stem}.yaml and delete {name}"))
                } else {
                    Diagnostic::error(
                        Code::YmlDataFile,
                        &rel_str,
                        "data files end in .yaml, not .yml",
                    )
                    .hint(format!("rename it to {stem}.yaml"))
                };
                diags.push(d);
            } else if let Some(stem) = name.strip_suffix(".yaml") {
                if let Some(text) = read(diags) {
                    loaded.data.push(DataFile {
                        path: rel_str,
                        name: stem.to_string(),
                        text,
                    });
                }
            } else {
                diags.push(
                    Diagnostic::warning(
                        Code::NotYamlInData,
                        &rel_str,
                        "ignored: only .yaml files are read in content/data/",
                    )
                    .hint("keep only .yaml files in content/data/; put other files in static/"),
                );
            }
            continue;
        }
        let Some(kind) = Kind::from_folder(folder).filter(|_| parts.len() == 2) else {
            if name.ends_with(".md") {
                diags.push(
                    Diagnostic::error(Code::NotInContentFolder, &rel_str, "this file is not in a content folder the site knows")
                        .hint("move it into content/plan/, content/campaigns/, content/exemplars/, content/reports/ or content/pages/"),
                );
            }
            continue;
        };
        let Some(base) = name.strip_suffix(".md") else {
            diags.push(
                Diagnostic::warning(
                    Code::NotMarkdown,
                    &rel_str,
                    "ignored: not a markdown (.md) file",
                )
                .hint("put images and attachments in static/ and link them from there"),
            );
            continue;
        };
        let (stem, lang) = stem_and_lang(base, languages);
        if !languages.contains(&lang) {
            diags.push(
                Diagnostic::error(
                    Code::UnknownFileLanguage,
                    &rel_str,
                    format!("unknown language \"{lang}\" in the file name"),
                )
                .hint(format!(
                    "name the file <name>.<language>.md with a language from site.yaml: {}",
                    languages.join(", ")
                )),
            );
            continue;
        }
        let Some(text) = read(diags) else { continue };
        match source_file(kind, rel_str, stem, lang, text) {
            Ok(file) => loaded.files.push(file),
            Err(d) => diags.push(d),
        }
    }
    loaded
}

/// `x.vi` → (`x`, `vi`); a name without a language is the first language's.
pub fn stem_and_lang(base: &str, languages: &[String]) -> (String, String) {
    match base.rsplit_once('.') {
        Some((stem, lang)) => (stem.to_string(), lang.to_string()),
        None => (base.to_string(), languages[0].clone()),
    }
}

/// A markdown file's text split into front matter and body.
fn source_file(
    kind: Kind,
    path: String,
    stem: String,
    lang: String,
    text: String,
) -> Result<SourceFile, Diagnostic> {
    match split(&text) {
        Ok((yaml, yaml_line, body, body_line)) => Ok(SourceFile {
            kind,
            path,
            stem,
            lang,
            text,
            yaml,
            yaml_line,
            body,
            body_line,
        }),
        Err((span, code, msg)) => Err(Diagnostic::error(code, &path, msg)
            .at_in(span, &text)
            .hint("start the file with a line `---`, then the fields (title: …), then another line `---`, then the text")),
    }
}

/// One data file (`content/data/units.yaml`), read and checked as [`load`] reads it;
/// `None` if it has an error (the full build says which).
pub fn one_data(root: &Path, rel: &str) -> Option<DataFile> {
    let name = rel.strip_prefix("content/data/")?.strip_suffix(".yaml")?;
    let (text, diags) = read_text(root, &root.join(rel), false);
    (!diags.has_errors()).then_some(())?;
    Some(DataFile {
        path: rel.to_string(),
        name: name.to_string(),
        text: text?,
    })
}

/// One content markdown file (`content/exemplars/x.vi.md`), read and checked as [`load`]
/// reads it; `None` if it is not one or has an error (the full build says which). For
/// the preview's quick look at a changed item (`content::patch`).
pub fn one(root: &Path, rel: &str, languages: &[String]) -> Option<SourceFile> {
    let (folder, name) = rel.strip_prefix("content/")?.split_once('/')?;
    let kind = Kind::from_folder(folder)?;
    let base = name.strip_suffix(".md").filter(|_| !name.contains('/'))?;
    let (stem, lang) = stem_and_lang(base, languages);
    if !languages.contains(&lang) || name.starts_with('.') {
        return None;
    }
    let (text, diags) = read_text(root, &root.join(rel), true);
    if diags.has_errors() {
        return None;
    }
    source_file(kind, rel.to_string(), stem, lang, text?).ok()
}

type Split = (std::ops::Range<usize>, usize, std::ops::Range<usize>, usize);

/// Splits `---\nyaml\n---\nbody` into byte ranges and first lines.
pub fn split(text: &str) -> Result<Split, (Span, Code, String)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err((
            Span::new(1, 1),
            Code::NoFrontMatter,
            "the file must start with front matter between two `---` lines".into(),
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok((yaml_start..offset, 2, body_start..text.len(), i + 3));
        }
        offset += line.len();
    }
    Err((
        Span::new(1, 1),
        Code::FrontMatterNotClosed,
        "the front matter is not closed: add a line `---` after the last field".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_with_line_numbers() {
        let text = "---\ntitle: A\n---\nBody\n";
        let (yaml, yl, body, bl) = split(text).expect("valid");
        assert_eq!(&text[yaml], "title: A\n");
        assert_eq!(yl, 2);
        assert_eq!(&text[body], "Body\n");
        assert_eq!(bl, 4);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split("---\ntitle: A\nBody\n").is_err());
        assert!(split("title: A\n").is_err());
    }
}
