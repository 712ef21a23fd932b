//! Scaffolding: `new` content files and `init` sites, every field explained in the file's
//! own language for the communications staff who fill them in. What the files say is data:
//! the templates in `themes/default/scaffold/` (compiled in), which `file` fills in.
//!
//! A scaffolded file builds as it is: required fields hold placeholders of the right shape,
//! references hold ids that exist (the first one the site has), dates are today, and
//! `draft: true` keeps it off the published site until someone removes the line. Optional
//! fields are there as comments, with their explanation, ready to be switched on.

use crate::cli::{NewKind, NewLang};
use crate::content::load::{self, Kind};
use crate::error::{Code, Diagnostic, Diagnostics, Error};
use crate::{config, i18n, schema};
use chrono::NaiveDate;
use file::{Item, Known};
use std::path::{Path, PathBuf};

mod file;
mod templates;

/// What a scaffolding command created, and what the person should know next.
#[derive(Debug)]
pub struct Created {
    pub paths: Vec<PathBuf>,
    /// Plain sentences printed after the paths (e.g. a reference that has nothing to
    /// point at yet, so the build fails until it is filled in).
    pub notes: Vec<String>,
}

/// The language a scaffolded file is written in; comments follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Vi,
    En,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

fn kind_of(k: NewKind) -> Kind {
    match k {
        NewKind::Campaign => Kind::Campaign,
        NewKind::Exemplar => Kind::Exemplar,
        NewKind::Report => Kind::Report,
        NewKind::Page => Kind::Page,
        NewKind::Nomination => Kind::Nomination,
        NewKind::Plan => Kind::Plan,
    }
}

/// Creates the file(s) for a new item; refuses to overwrite, and writes nothing unless
/// every file can be created.
pub fn new(root: &Path, kind: NewKind, title: &str, lang: NewLang) -> Result<Created, Error> {
    let kind = kind_of(kind);
    let title = i18n::nfc(
        title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    );
    let stem = i18n::slugify(&title);
    if stem.is_empty() {
        return Err(Error::Content(vec![Diagnostic::error(
            Code::TitleHasNoLetters,
            "new",
            format!("the title \"{title}\" has no letters or digits to make a file name from"),
        )
        .hint(
            "give the title in words, e.g. minhbach new campaign \"Đổi mới sáng tạo\"",
        )]));
    }
    let site_langs = site_languages(root)?;
    let langs: Vec<Lang> = match lang {
        NewLang::Vi => vec![Lang::Vi],
        NewLang::En => vec![Lang::En],
        NewLang::Both => vec![Lang::Vi, Lang::En],
    };
    for l in &langs {
        if !site_langs.iter().any(|c| c == l.code()) {
            return Err(Error::Content(vec![Diagnostic::error(
                Code::UnknownLanguage,
                config::FILE,
                format!("the site has no language \"{}\"", l.code()),
            )
            .hint(format!(
                "the languages in site.yaml are: {}; choose one with --lang",
                site_langs.join(", ")
            ))]));
        }
    }
    let today = today()?;
    let mut diags = Diagnostics::default();
    let loaded = load::load(root, &site_langs, &mut diags);
    let known = Known::from(&loaded);

    // Check every target before writing any.
    let folder = format!("content/{}", kind.folder());
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for l in &langs {
        let rel = format!("{folder}/{stem}.{}.md", l.code());
        let path = root.join(&rel);
        if path.exists() {
            problems.push(
                Diagnostic::error(
                    Code::FileExists,
                    &rel,
                    "the file already exists; nothing was changed",
                )
                .hint("open and edit that file, or choose another title"),
            );
            continue;
        }
        if let Some(other) = loaded
            .files
            .iter()
            .find(|f| f.kind == kind && f.lang == l.code() && i18n::slugify(&f.stem) == stem)
        {
            problems.push(
                Diagnostic::error(
                    Code::IdTaken,
                    &rel,
                    format!(
                        "{} already has the id \"{stem}\"; nothing was changed",
                        other.path
                    ),
                )
                .hint("open and edit that file, or choose another title"),
            );
            continue;
        }
        // A translation when the first language's file exists or is made now: it then
        // gives only text, and the facts stay in that file.
        let first = &site_langs[0];
        let facts_file = format!("{folder}/{stem}.{first}.md");
        let has_first = langs.iter().any(|x| x.code() == first)
            || loaded
                .files
                .iter()
                .any(|f| f.kind == kind && f.lang == *first && i18n::slugify(&f.stem) == stem);
        let facts_in = (l.code() != first && has_first && kind != Kind::Page).then_some(facts_file);
        let item = Item {
            kind,
            lang: *l,
            title: &title,
            stem: &stem,
            today,
            known: &known,
            paired: langs.len() > 1,
            schema: schema_modeline(root, kind, facts_in.is_some()),
            facts_in,
        };
        files.push((path, item.render()));
    }
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    crate::output::create_files(&files)?;
    let mut notes = Vec::new();
    let created = |l: &Lang| format!("{folder}/{stem}.{}.md", l.code());
    let missing_units = matches!(kind, Kind::Campaign | Kind::Exemplar) && known.units.is_empty();
    let missing_campaigns = kind == Kind::Exemplar && known.campaigns.is_empty();
    for l in &langs {
        if missing_units {
            notes.push(format!(
                "{}: content/data/units.yaml has no units yet, so the unit is left empty. Add a \
                 unit there and write its id in the file; until then `minhbach build` and \
                 `minhbach check` fail.",
                created(l)
            ));
        }
        if missing_campaigns {
            notes.push(format!(
                "{}: there are no campaigns yet, so `campaign` is left empty. Create one with \
                 `minhbach new campaign \"…\"` and write its id in the file; until then \
                 `minhbach build` and `minhbach check` fail.",
                created(l)
            ));
        }
    }
    notes.push(
        "The file is a draft (draft: true): preview it with `minhbach serve --drafts`; remove \
         the draft line to publish it."
            .to_string(),
    );
    Ok(Created {
        paths: files.into_iter().map(|(p, _)| p).collect(),
        notes,
    })
}

/// Creates a minimal bilingual site in `dir` (which must be empty or not exist): settings,
/// an About page, one unit, one sample campaign, and the editor schemas.
pub fn init(dir: &Path) -> Result<Created, Error> {
    let shown = dir.display().to_string();
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_none();
        if !empty {
            return Err(Error::Content(vec![Diagnostic::error(
                Code::FolderNotEmpty,
                &shown,
                "the folder is not empty; nothing was created",
            )
            .hint("choose a new folder name, e.g. minhbach init trang-moi")]));
        }
    }
    let today = today()?;
    let mut files: Vec<(String, String)> = INIT_FILES
        .iter()
        .map(|(rel, text)| (rel.to_string(), text.to_string()))
        .collect();
    let known = Known {
        units: vec!["van-phong".to_string()],
        ..Known::default()
    };
    for lang in [Lang::Vi, Lang::En] {
        let item = Item {
            kind: Kind::Campaign,
            lang,
            title: templates::get().common.sample_campaign.get(lang),
            stem: "phong-trao-mau",
            today,
            known: &known,
            paired: false,
            schema: Some(format!(
                "../../{SCHEMA_DIR}/{}",
                schema_name(Kind::Campaign, lang == Lang::En)
            )),
            facts_in: (lang == Lang::En).then(|| "content/campaigns/phong-trao-mau.vi.md".into()),
        };
        files.push((
            format!("content/campaigns/phong-trao-mau.{}.md", lang.code()),
            item.render(),
        ));
    }
    for s in schema::all() {
        files.push((format!("{SCHEMA_DIR}/{}", s.name), s.text));
    }
    let files: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|(rel, text)| (dir.join(rel), text))
        .collect();
    crate::output::create_files(&files)?;
    Ok(Created {
        paths: files.into_iter().map(|(p, _)| p).collect(),
        notes: vec![format!(
            "Next: cd {shown}, edit site.yaml, then `minhbach serve --drafts` to preview. \
                 The sample campaign is a draft; `minhbach new campaign \"…\"` creates more."
        )],
    })
}

/// The files of a new site besides the sample campaign and the schemas: path → text.
const INIT_FILES: [(&str, &str); 5] = [
    (
        config::FILE,
        include_str!("../themes/default/scaffold/init/site.yaml"),
    ),
    (
        ".gitignore",
        include_str!("../themes/default/scaffold/init/gitignore"),
    ),
    (
        "content/data/units.yaml",
        include_str!("../themes/default/scaffold/init/units.yaml"),
    ),
    (
        "content/pages/gioi-thieu.vi.md",
        include_str!("../themes/default/scaffold/init/gioi-thieu.vi.md"),
    ),
    (
        "content/pages/gioi-thieu.en.md",
        include_str!("../themes/default/scaffold/init/gioi-thieu.en.md"),
    ),
];

/// Where `init` puts the schemas, and where `new` looks for them, relative to the site.
const SCHEMA_DIR: &str = "docs/schemas";

/// The modeline path from a content file to its kind's schema (or its translation
/// schema), if the site has it.
fn schema_modeline(root: &Path, kind: Kind, translation: bool) -> Option<String> {
    let name = schema_name(kind, translation);
    root.join(SCHEMA_DIR)
        .join(&name)
        .is_file()
        .then(|| format!("../../{SCHEMA_DIR}/{name}"))
}

fn schema_name(kind: Kind, translation: bool) -> String {
    if translation {
        schema::file_name(&schema::translation_name(kind))
    } else {
        schema::file_name(schema::kind_name(kind))
    }
}

fn today() -> Result<NaiveDate, Error> {
    crate::resolve_now(None).map_err(|e| {
        Error::Content(vec![Diagnostic::error(
            Code::BadSourceDateEpoch,
            "SOURCE_DATE_EPOCH",
            e,
        )
        .hint(
            "unset SOURCE_DATE_EPOCH, or set it to a number of seconds since 1970",
        )])
    })
}

/// The site's language codes, from site.yaml; the folder must be a site.
fn site_languages(root: &Path) -> Result<Vec<String>, Error> {
    let path = root.join(config::FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => load::clean_text(&t),
        Err(e) => {
            return Err(Error::Content(vec![Diagnostic::error(
                Code::SettingsUnreadable,
                config::FILE,
                format!("cannot read the site settings in {}: {e}", root.display()),
            )
            .hint(
                "run minhbach in the site folder (the one with site.yaml), pass --root DIR, \
                 or create a site with minhbach init DIR",
            )]))
        }
    };
    let mut diags = Diagnostics::default();
    match config::parse(&text, None, &mut diags) {
        Some(s) => Ok(s.codes().map(String::from).collect()),
        None => Err(Error::Content(diags.into_sorted())),
    }
}
