//! Scaffolding: `new` content files and `init` sites, every field explained in the file's
//! own language for the communications staff who fill them in.
//!
//! A scaffolded file builds as it is: required fields hold placeholders of the right shape,
//! references hold ids that exist (the first one the site has), dates are today, and
//! `draft: true` keeps it off the published site until someone removes the line. Optional
//! fields are there as comments, with their explanation, ready to be switched on.

use crate::cli::{NewKind, NewLang};
use crate::content::frontmatter::{DocumentFm, IndicatorFm, UnitFm};
use crate::content::load::{self, Kind};
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::{config, i18n, schema, yaml};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

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

    /// Picks the text in this language.
    fn t<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
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
                Diagnostic::error(&rel, "the file already exists; nothing was changed")
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
                &shown,
                "the folder is not empty; nothing was created",
            )
            .hint("choose a new folder name, e.g. minhbach init trang-moi")]));
        }
    }
    let today = today()?;
    let mut files: Vec<(String, String)> = vec![
        (config::FILE.to_string(), SITE_YAML.to_string()),
        (
            ".gitignore".to_string(),
            "/public\n/.public.minhbach-*\n/.minhbach-cache\n".to_string(),
        ),
        (
            "content/data/units.yaml".to_string(),
            UNITS_YAML.to_string(),
        ),
        (
            "content/pages/gioi-thieu.vi.md".to_string(),
            ABOUT_VI.to_string(),
        ),
        (
            "content/pages/gioi-thieu.en.md".to_string(),
            ABOUT_EN.to_string(),
        ),
    ];
    let known = Known {
        units: vec!["van-phong".to_string()],
        campaigns: Vec::new(),
        documents: Vec::new(),
        indicators: Vec::new(),
    };
    for (lang, title) in [
        (Lang::Vi, "Phong trào thi đua mẫu"),
        (Lang::En, "Sample campaign"),
    ] {
        let item = Item {
            kind: Kind::Campaign,
            lang,
            title,
            stem: "phong-trao-mau",
            today,
            known: &known,
            paired: false,
            schema: Some(format!(
                "../../{SCHEMA_DIR}/{}",
                if lang == Lang::Vi {
                    schema::file_name(schema::kind_name(Kind::Campaign))
                } else {
                    schema::file_name(&schema::translation_name(Kind::Campaign))
                }
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

/// Where `init` puts the schemas, and where `new` looks for them, relative to the site.
const SCHEMA_DIR: &str = "docs/schemas";

/// The modeline path from a content file to its kind's schema (or its translation
/// schema), if the site has it.
fn schema_modeline(root: &Path, kind: Kind, translation: bool) -> Option<String> {
    let name = if translation {
        schema::file_name(&schema::translation_name(kind))
    } else {
        schema::file_name(schema::kind_name(kind))
    };
    root.join(SCHEMA_DIR)
        .join(&name)
        .is_file()
        .then(|| format!("../../{SCHEMA_DIR}/{name}"))
}

fn today() -> Result<NaiveDate, Error> {
    crate::resolve_now(None).map_err(|e| {
        Error::Content(vec![Diagnostic::error("SOURCE_DATE_EPOCH", e).hint(
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

/// Ids the site already has, for filling in and explaining reference fields.
struct Known {
    /// In the order of units.yaml.
    units: Vec<String>,
    /// Sorted.
    campaigns: Vec<String>,
    /// In the order of documents.yaml.
    documents: Vec<String>,
    /// In the order of indicators.yaml.
    indicators: Vec<String>,
}

impl Known {
    /// Reads what parses; a broken data file just offers no ids (`check` reports it).
    fn from(loaded: &load::Loaded) -> Known {
        fn ids<T: serde::de::DeserializeOwned>(
            loaded: &load::Loaded,
            name: &str,
            id: fn(&T) -> &str,
        ) -> Vec<String> {
            let Some(f) = loaded.data.iter().find(|d| d.name == name) else {
                return Vec::new();
            };
            let src = yaml::Source {
                path: &f.path,
                file_text: &f.text,
                yaml: &f.text,
                first_line: 1,
            };
            let items: Vec<T> = src
                .parse::<Option<Vec<T>>>()
                .ok()
                .flatten()
                .unwrap_or_default();
            let mut seen = BTreeSet::new();
            items
                .iter()
                .map(|i| id(i).to_string())
                .filter(|i| seen.insert(i.clone()))
                .collect()
        }
        let campaigns: BTreeSet<String> = loaded
            .files
            .iter()
            .filter(|f| f.kind == Kind::Campaign)
            .map(|f| i18n::slugify(&f.stem))
            .filter(|id| !id.is_empty())
            .collect();
        Known {
            units: ids::<UnitFm>(loaded, "units", |u| &u.id),
            campaigns: campaigns.into_iter().collect(),
            documents: ids::<DocumentFm>(loaded, "documents", |d| &d.id),
            indicators: ids::<IndicatorFm>(loaded, "indicators", |i| &i.id),
        }
    }
}

/// One front matter field as written into a new file.
struct Field {
    key: &'static str,
    /// The YAML after `key:`; may span lines (indented), for lists of mappings.
    value: String,
    /// Written as a comment, ready to be switched on.
    optional: bool,
    help: String,
}

impl Field {
    fn required(key: &'static str, value: impl Into<String>, help: impl Into<String>) -> Self {
        Field {
            key,
            value: value.into(),
            optional: false,
            help: help.into(),
        }
    }

    fn optional(key: &'static str, value: impl Into<String>, help: impl Into<String>) -> Self {
        Field {
            optional: true,
            ..Field::required(key, value, help)
        }
    }

    fn render(&self, out: &mut String) {
        comment(&self.help, out);
        let line = if self.value.starts_with('\n') {
            format!("{}:{}", self.key, self.value)
        } else {
            format!("{}: {}", self.key, self.value)
        };
        for l in line.lines() {
            if self.optional {
                out.push_str("# ");
            }
            out.push_str(l);
            out.push('\n');
        }
    }
}

/// Writes `text` as `# ` comment lines of at most about 90 characters. A command
/// (`minhbach serve --drafts`) and a quoted `"# name"` are kept on one line.
fn comment(text: &str, out: &mut String) {
    let mut words: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        match words.last_mut() {
            Some(last) if last.ends_with("minhbach") || last == "\"#" || w.starts_with("--") => {
                last.push(' ');
                last.push_str(w);
            }
            _ => words.push(w.to_string()),
        }
    }
    let mut line = String::from("#");
    for word in words {
        if line.chars().count() + 1 + word.chars().count() > 90 && line != "#" {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(&word);
    }
    if line != "#" {
        out.push_str(&line);
        out.push('\n');
    }
}

/// The keys a translation gives: its text, and whether and where it is published.
const TEXT_KEYS: [&str; 9] = [
    "title",
    "summary",
    "fields",
    "award",
    "photo_alt",
    "recipient",
    "menu",
    "draft",
    "slug",
];

/// A new content file to write.
struct Item<'a> {
    kind: Kind,
    lang: Lang,
    title: &'a str,
    stem: &'a str,
    today: NaiveDate,
    known: &'a Known,
    /// Created together with its translation from one title.
    paired: bool,
    /// Relative path of the kind's schema for the editor modeline, if the site has it.
    schema: Option<String>,
    /// For a translation: the first language's file, which holds the facts.
    facts_in: Option<String>,
}

impl Item<'_> {
    fn render(&self) -> String {
        let l = self.lang;
        let mut out = String::from("---\n");
        if let Some(s) = &self.schema {
            out.push_str(&format!("# yaml-language-server: $schema={s}\n"));
        }
        let what = match self.kind {
            Kind::Campaign => l.t("Phong trào thi đua", "Campaign"),
            Kind::Exemplar => l.t("Gương điển hình", "Exemplar"),
            Kind::Report => l.t("Báo cáo", "Report"),
            Kind::Page => l.t("Trang", "Page"),
            Kind::Nomination => l.t(
                "Danh sách đề nghị khen thưởng lấy ý kiến",
                "Nomination list for public comment",
            ),
            Kind::Plan => l.t("Kế hoạch", "Plan"),
        };
        comment(
            &format!(
                "{what}. {}",
                l.t(
                    "Giữa hai dòng --- là các thông tin, mỗi dòng một thông tin dạng tên: \
                     giá trị. Giữ nguyên tên (title, draft…), chỉ sửa \
                     phần sau dấu hai chấm; viết chữ trong dấu ngoặc kép \"…\". Dòng bắt đầu \
                     bằng # là ghi chú, không hiện trên trang web. Dòng \"# tên: …\" là thông \
                     tin không bắt buộc: xóa \"# \" ở đầu dòng để dùng. Kiểm tra bằng lệnh \
                     minhbach check.",
                    "Between the two --- lines are the facts about the item, one per line \
                     as name: value. Keep the names (title, draft…) and \
                     change only what follows the colon; write text in double quotes \"…\". \
                     Lines starting with # are notes and do not appear on the site. A line \
                     \"# name: …\" is optional: delete the \"# \" at its start to use it. \
                     Check your work with minhbach check.",
                )
            ),
            &mut out,
        );
        if let Some(facts) = &self.facts_in {
            out.push('\n');
            comment(
                &match l {
                    Lang::Vi => format!(
                        "Đây là bản dịch: chỉ ghi phần chữ. Các thông tin (ngày, mã, số liệu, kỳ \
                         báo cáo) lấy từ {facts}; nếu ghi lại ở đây thì phải giống hệt."
                    ),
                    Lang::En => format!(
                        "This is a translation: it gives only the text. The facts (dates, ids, \
                         figures, periods) come from {facts}; if you repeat one here it must be \
                         the same."
                    ),
                },
                &mut out,
            );
        }
        for f in self.fields() {
            // A translation gives text only.
            if self.facts_in.is_some() && !TEXT_KEYS.contains(&f.key) {
                continue;
            }
            out.push('\n');
            f.render(&mut out);
        }
        out.push_str("---\n\n");
        out.push_str(l.t(
            "Viết nội dung ở đây. Để một dòng trống giữa hai đoạn văn; dòng bắt đầu bằng \
             \"## \" là tiêu đề mục.",
            "Write the text here. Leave an empty line between paragraphs; a line starting \
             with \"## \" is a section heading.",
        ));
        out.push('\n');
        out
    }

    fn fields(&self) -> Vec<Field> {
        let l = self.lang;
        let mut title_help = match self.kind {
            Kind::Campaign => l.t(
                "Tên phong trào, hiện ở đầu trang và trong các danh sách.",
                "Name of the campaign, shown at the top of its page and in lists.",
            ),
            Kind::Exemplar => l.t(
                "Tên người hoặc tập thể được biểu dương, ví dụ \"Ông Nguyễn Văn A\", \
                 \"Tập thể Phòng Tin học\".",
                "Name of the person or group, e.g. \"Mr Nguyễn Văn A\", \"Informatics \
                 Division\".",
            ),
            Kind::Report => l.t("Tên báo cáo.", "Title of the report."),
            _ => l.t("Tiêu đề trang.", "Title of the page."),
        }
        .to_string();
        if self.paired && l == Lang::En {
            title_help.push_str(" Translate the title into English.");
        }
        let mut fields = vec![Field::required(
            "title",
            yaml::quote(self.title),
            title_help,
        )];
        let today = self.today.format("%Y-%m-%d").to_string();
        let year = self.today.year();
        match self.kind {
            Kind::Campaign => {
                fields.push(Field::required(
                    "launched",
                    today,
                    l.t(
                        "Ngày phát động, viết năm-tháng-ngày: 2022-01-15 (hoặc chỉ tháng \
                         \"2022-01\", chỉ năm \"2022\"). Phong trào được đăng từ ngày này.",
                        "When it was launched, written year-month-day: 2022-01-15 (or just \
                         the month \"2022-01\", or the year \"2022\"). The campaign is \
                         published from this date.",
                    ),
                ));
                fields.push(Field::optional(
                    "ends",
                    format!("\"{year}\""),
                    match l {
                        Lang::Vi => format!(
                            "Ngày kết thúc (không bắt buộc), không trước ngày phát động. \
                             \"{year}\" nghĩa là đến hết ngày 31/12/{year}. Không ghi: phong \
                             trào không có ngày kết thúc."
                        ),
                        Lang::En => format!(
                            "When it ends (optional), not before it was launched. \"{year}\" \
                             means to 31 December {year}. Without it the campaign never ends."
                        ),
                    },
                ));
                fields.push(self.unit_field(
                    "lead_unit",
                    l.t(
                        "Đơn vị chủ trì: mã (id) của một đơn vị trong content/data/units.yaml, \
                         không phải tên đơn vị.",
                        "The unit in charge: the id of a unit in content/data/units.yaml, not \
                         its name.",
                    ),
                ));
                fields.push(Field::optional(
                    "fields",
                    l.t("[\"Tên lĩnh vực\"]", "[\"Field name\"]"),
                    l.t(
                        "Lĩnh vực (không bắt buộc): danh sách tên lĩnh vực bằng tiếng Việt. Các \
                         phong trào cùng tên lĩnh vực được gom chung một trang.",
                        "Fields (optional): a list of field names in English. Campaigns with \
                         the same field name share a page.",
                    ),
                ));
                fields.push(self.summary());
                fields.push(self.documents_field());
            }
            Kind::Exemplar => {
                fields.push(Field::required(
                    "kind",
                    "individual",
                    l.t(
                        "Cá nhân hay tập thể: individual (cá nhân) hoặc collective (tập thể).",
                        "A person or a group: individual or collective.",
                    ),
                ));
                fields.push(self.unit_field(
                    "unit",
                    l.t(
                        "Đơn vị của người hoặc tập thể này: mã (id) của một đơn vị trong \
                         content/data/units.yaml.",
                        "The unit they belong to: the id of a unit in content/data/units.yaml.",
                    ),
                ));
                fields.push(self.campaign_field());
                fields.push(Field::required(
                    "recognized",
                    today,
                    l.t(
                        "Ngày được biểu dương, đủ năm-tháng-ngày: 2022-05-16. Được đăng từ \
                         ngày này.",
                        "Date of recognition, a full year-month-day date: 2022-05-16. \
                         Published from this date.",
                    ),
                ));
                fields.push(Field::required(
                    "award",
                    yaml::quote(l.t(
                        "Ghi hình thức khen thưởng",
                        "Write the form of commendation",
                    )),
                    l.t(
                        "Hình thức khen thưởng, ví dụ \"Giấy khen của Giám đốc Sở\".",
                        "The form of commendation, e.g. \"Certificate of merit of the \
                         Director\".",
                    ),
                ));
                fields.push(Field::optional(
                    "photo",
                    format!("/anh/{}.jpg", self.stem),
                    l.t(
                        "Ảnh (không bắt buộc): đặt tệp ảnh vào thư mục static/, ví dụ \
                         static/anh/ten-anh.jpg, rồi ghi /anh/ten-anh.jpg.",
                        "A photo (optional): put the picture in the static/ folder, e.g. \
                         static/anh/name.jpg, and write /anh/name.jpg.",
                    ),
                ));
                fields.push(Field::optional(
                    "photo_alt",
                    "\"…\"",
                    l.t(
                        "Mô tả ảnh cho người không xem được ảnh (không bắt buộc).",
                        "What the photo shows, for people who cannot see it (optional).",
                    ),
                ));
                fields.push(self.summary());
                fields.push(self.illustrative());
            }
            Kind::Report => {
                let period = if self.today.month() <= 6 {
                    format!("{year}-H1")
                } else {
                    year.to_string()
                };
                fields.push(Field::required(
                    "period",
                    format!("\"{period}\""),
                    match l {
                        Lang::Vi => format!(
                            "Kỳ báo cáo: \"{year}-H1\" là 6 tháng đầu năm {year}, \"{year}-H2\" \
                             6 tháng cuối năm, \"{year}-Q1\" … \"{year}-Q4\" là các quý, \
                             \"{year}-9M\" là 9 tháng, \"{year}\" là cả năm {year}, \"{}-{year}\" \
                             là năm học.",
                            year - 1
                        ),
                        Lang::En => format!(
                            "The reporting period: \"{year}-H1\" is the first six months of \
                             {year}, \"{year}-H2\" the second, \"{year}-Q1\" … \"{year}-Q4\" the \
                             quarters, \"{year}-9M\" nine months, \"{year}\" the whole year, \
                             \"{}-{year}\" a school year.",
                            year - 1
                        ),
                    },
                ));
                fields.push(Field::optional(
                    "submitted",
                    today,
                    l.t(
                        "Ngày gửi báo cáo, đủ năm-tháng-ngày (không bắt buộc). Khi chưa gửi, \
                         để nguyên dấu # ở đầu dòng: trang web ghi \"Chưa gửi\". Báo cáo được \
                         đăng từ ngày này.",
                        "Date the report was sent, a full date (optional). While it has not \
                         been sent, keep the # at the start of the line: the site says \"Not \
                         submitted\". The report is published from this date.",
                    ),
                ));
                fields.push(Field::required(
                    "recipient",
                    yaml::quote(l.t("Ghi nơi nhận báo cáo", "Write who receives the report")),
                    l.t(
                        "Nơi nhận báo cáo, ví dụ \"UBND tỉnh\".",
                        "Who the report is sent to, e.g. \"Provincial People's Committee\".",
                    ),
                ));
                fields.push(self.results_field());
                fields.push(self.summary());
                fields.push(self.illustrative());
            }
            Kind::Nomination => {
                fields.push(Field::required(
                    "council",
                    yaml::quote(l.t(
                        "Hội đồng Thi đua - Khen thưởng",
                        "Emulation and Commendation Council",
                    )),
                    l.t(
                        "Hội đồng hoặc cơ quan xét, quyết định khen thưởng.",
                        "The council or body that decides on the award.",
                    ),
                ));
                fields.push(Field::required(
                    "award",
                    yaml::quote(l.t(
                        "Ghi hình thức khen thưởng đề nghị",
                        "Write the award proposed",
                    )),
                    l.t(
                        "Hình thức khen thưởng, danh hiệu được đề nghị, ví dụ \"Bằng khen của Chủ \
                         tịch UBND tỉnh\".",
                        "The award or title proposed, e.g. \"Certificate of Merit of the Chair of \
                         the Provincial People's Committee\".",
                    ),
                ));
                fields.push(Field::required(
                    "posted",
                    today.clone(),
                    l.t(
                        "Ngày đăng danh sách, đủ năm-tháng-ngày; danh sách được đăng từ ngày này. \
                         Thời hạn góp ý tính từ ngày hôm sau (hoặc từ ngày ghi ở opens).",
                        "The day the list is posted, a full date; it is published from this \
                         day. Comments count from the next day (or from the day in opens).",
                    ),
                ));
                let deadline = (self.today + chrono::Days::new(21)).format("%Y-%m-%d");
                fields.push(Field::required(
                    "deadline",
                    deadline.to_string(),
                    l.t(
                        "Ngày cuối cùng nhận góp ý. Thời hạn tính bằng ngày làm việc (trừ thứ \
                         Bảy, Chủ nhật và ngày lễ, Tết) và không ngắn hơn mức tối thiểu của \
                         trang (mặc định 10 ngày làm việc); lệnh check báo nếu ngắn hơn.",
                        "The last day for comments. The window is counted in working days \
                         (without weekends and public holidays) and must not be shorter than \
                         the site's minimum (10 working days by default); check says so if it is.",
                    ),
                ));
                fields.push(Field::optional(
                    "comments",
                    "\n  address: \"…\"\n  email: \"…\"\n  phone: \"…\"",
                    l.t(
                        "Cách góp ý: địa chỉ nhận văn bản, thư điện tử, điện thoại của cơ quan.",
                        "How to comment: the address for letters, the email address and the \
                         telephone number of the office.",
                    ),
                ));
                fields.push(Field::optional(
                    "nominees",
                    format!(
                        "\n  - id: nguoi-de-nghi\n    kind: individual\n    name: {}\n    unit: {}\n    position: \"…\"\n    achievements: \"…\"",
                        yaml::quote(l.t("Bà Nguyễn Thị A", "Ms Nguyễn Thị A")),
                        yaml::quote(self.known.units.first().map_or("", String::as_str)),
                    ),
                    l.t(
                        "Những người, tập thể được đề nghị: mỗi người một mục bắt đầu bằng \
                         \"- id:\". Chỉ ghi những gì cần cho việc khen thưởng: không ghi số \
                         CCCD, ngày sinh hay số điện thoại riêng.",
                        "The people and collectives proposed, one entry each starting with \
                         \"- id:\". Only what the award needs: no citizen ID number, date of \
                         birth or private telephone number.",
                    ),
                ));
                fields.push(self.summary());
                fields.push(self.illustrative());
            }
            Kind::Page | Kind::Plan => {
                fields.push(self.summary());
                fields.push(Field::optional(
                    "menu",
                    "1",
                    l.t(
                        "Vị trí trong menu chính: 1, 2, … (số nhỏ đứng trước). Không ghi: \
                         trang không có trong menu.",
                        "Position in the main menu: 1, 2, … (lower numbers first). Without \
                         it the page is not in the menu.",
                    ),
                ));
            }
        }
        fields.push(Field::required(
            "draft",
            "true",
            l.t(
                "Bản nháp: true nghĩa là tệp này CHƯA được đăng lên trang web. Khi đã viết \
                 xong và kiểm tra, xóa dòng này (hoặc ghi false) để đăng. Xem trước bản nháp: \
                 minhbach serve --drafts.",
                "Draft: true means this file is NOT published yet. When it is finished and \
                 checked, delete this line (or write false) to publish it. Preview drafts \
                 with: minhbach serve --drafts.",
            ),
        ));
        fields.push(Field::optional(
            "slug",
            self.stem,
            l.t(
                "Địa chỉ riêng của bản ngôn ngữ này thay cho tên tệp (không bắt buộc): chữ \
                 thường không dấu, số và dấu gạch ngang. Mã (id) của mục vẫn là tên tệp.",
                "An address for this language version instead of the file name (optional): \
                 lowercase letters without marks, digits and dashes. The item's id stays the \
                 file name.",
            ),
        ));
        fields
    }

    fn summary(&self) -> Field {
        Field::optional(
            "summary",
            "\"…\"",
            self.lang.t(
                "Tóm tắt một hai câu, hiện trong các danh sách (không bắt buộc).",
                "One or two sentences, shown in lists (optional).",
            ),
        )
    }

    fn illustrative(&self) -> Field {
        Field::optional(
            "illustrative",
            "true",
            self.lang.t(
                "Ghi true nếu đây là mẫu minh họa, không phải thông tin thật: trang web hiện \
                 nhãn \"Mẫu minh họa\" (không bắt buộc).",
                "true if this is an invented sample, not real information: the site shows an \
                 \"Illustrative sample\" badge (optional).",
            ),
        )
    }

    /// A required unit reference: the first unit, and the list of all of them.
    fn unit_field(&self, key: &'static str, what: &str) -> Field {
        let l = self.lang;
        match self.known.units.first() {
            Some(first) => Field::required(
                key,
                yaml::quote(first),
                format!(
                    "{what} {} {}.",
                    l.t("Các mã hiện có:", "The ids there are:"),
                    self.known.units.join(", ")
                ),
            ),
            None => Field::required(
                key,
                "\"\"",
                format!(
                    "{what} {}",
                    l.t(
                        "CHƯA CÓ ĐƠN VỊ NÀO: thêm một đơn vị vào content/data/units.yaml (mỗi \
                         đơn vị bắt đầu bằng \"- id: …\", xem README), rồi ghi mã của nó vào \
                         giữa hai dấu ngoặc kép. Trước khi điền, lệnh build và check báo lỗi.",
                        "THERE ARE NO UNITS YET: add one to content/data/units.yaml (each \
                         unit starts with \"- id: …\", see the README), then write its id \
                         between the quotes. Until then build and check report an error.",
                    )
                ),
            ),
        }
    }

    fn campaign_field(&self) -> Field {
        let l = self.lang;
        let what = l.t(
            "Phong trào mà gương này được biểu dương: mã phong trào, tức tên tệp trong \
             content/campaigns/ bỏ phần .vi.md.",
            "The campaign they were recognized in: the campaign's id, its file name in \
             content/campaigns/ without .en.md.",
        );
        match self.known.campaigns.first() {
            Some(first) => Field::required(
                "campaign",
                yaml::quote(first),
                format!(
                    "{what} {} {}.",
                    l.t("Các mã hiện có:", "The ids there are:"),
                    self.known.campaigns.join(", ")
                ),
            ),
            None => Field::required(
                "campaign",
                "\"\"",
                format!(
                    "{what} {}",
                    l.t(
                        "CHƯA CÓ PHONG TRÀO NÀO: tạo một phong trào bằng lệnh minhbach new \
                         campaign \"Tên phong trào\", rồi ghi mã của nó vào giữa hai dấu ngoặc \
                         kép. Trước khi điền, lệnh build và check báo lỗi.",
                        "THERE ARE NO CAMPAIGNS YET: create one with minhbach new campaign \
                         \"Name\", then write its id between the quotes. Until then build and \
                         check report an error.",
                    )
                ),
            ),
        }
    }

    fn documents_field(&self) -> Field {
        let l = self.lang;
        let (value, ids) = match self.known.documents.first() {
            Some(first) => (
                format!("[{}]", yaml::quote(first)),
                format!(
                    " {} {}.",
                    l.t("Các mã hiện có:", "The ids there are:"),
                    self.known.documents.join(", ")
                ),
            ),
            None => (
                l.t("[\"ma-van-ban\"]", "[\"document-id\"]").to_string(),
                l.t(
                    " Chưa có văn bản nào: thêm vào content/data/documents.yaml trước.",
                    " There are no documents yet: add them to content/data/documents.yaml \
                     first.",
                )
                .to_string(),
            ),
        };
        Field::optional(
            "based_on",
            value,
            format!(
                "{}{ids}",
                l.t(
                    "Văn bản căn cứ (không bắt buộc): danh sách mã (id) văn bản trong \
                     content/data/documents.yaml.",
                    "Documents it is based on (optional): a list of document ids from \
                     content/data/documents.yaml.",
                )
            ),
        )
    }

    fn results_field(&self) -> Field {
        let l = self.lang;
        let (indicator, ids) = match self.known.indicators.first() {
            Some(first) => (
                first.clone(),
                format!(
                    " {} {}.",
                    l.t("Các mã hiện có:", "The ids there are:"),
                    self.known.indicators.join(", ")
                ),
            ),
            None => (
                l.t("ma-chi-tieu", "indicator-id").to_string(),
                l.t(
                    " Chưa có chỉ tiêu nào: thêm vào content/data/indicators.yaml trước (id, \
                     campaign, name, unit, direction, target).",
                    " There are no indicators yet: add them to content/data/indicators.yaml \
                     first (id, campaign, name, unit, direction, target).",
                )
                .to_string(),
            ),
        };
        Field::optional(
            "results",
            format!(
                "\n  - indicator: {}\n    actual: 90\n    note: {}",
                yaml::quote(&indicator),
                yaml::quote(l.t("Ghi chú", "A note")),
            ),
            format!(
                "{}{ids}",
                l.t(
                    "Số liệu kết quả (không bắt buộc): mỗi chỉ tiêu một mục bắt đầu bằng \
                     \"- indicator:\". indicator là mã chỉ tiêu trong \
                     content/data/indicators.yaml (tên, đơn vị tính và chiều đánh giá ghi ở \
                     đó); actual là kết quả thực hiện, viết số như 97,5 hoặc 1.500.000; target \
                     (không bắt buộc) là kế hoạch của kỳ này nếu khác kế hoạch ghi ở chỉ tiêu; \
                     note là ghi chú. Để dùng, xóa \"# \" ở đầu mọi dòng của phần này.",
                    "Result figures (optional): one entry per indicator, starting with \
                     \"- indicator:\". indicator is the id of an indicator in \
                     content/data/indicators.yaml (its name, unit and direction are written \
                     there); actual is the achieved value, written 97.5 or 1,500,000; target \
                     (optional) is this period's target if it differs from the indicator's; \
                     note is a note. To use it, delete the \"# \" at the start of every line \
                     of this part.",
                )
            ),
        )
    }
}

/// site.yaml of a new site: Vietnamese at the root, English under /en/.
const SITE_YAML: &str = r#"# yaml-language-server: $schema=docs/schemas/site.schema.json
#
# Cài đặt của trang web. — Site settings.
# Dòng bắt đầu bằng # là ghi chú. — Lines starting with # are notes.
#
# Các bước — The steps:
#   minhbach new campaign "Tên phong trào"
#       tạo tệp nội dung mới, mọi thông tin đều có ghi chú (campaign, exemplar, report, page;
#       thêm --lang both để tạo cả bản tiếng Anh)
#       create a content file with every field explained (add --lang both for the pair)
#   minhbach serve --drafts
#       xem trước trên máy này, tự cập nhật khi lưu tệp — preview here, updated on every save
#   minhbach check
#       báo mọi lỗi kèm tên tệp và số dòng — list every mistake with its file and line
#   minhbach build
#       tạo trang web trong thư mục public/ để xuất bản — build the site into public/
#
# docs/schemas/ giúp trình soạn thảo (VS Code) gợi ý và gạch đỏ lỗi; cập nhật bằng
# minhbach schemas --out docs/schemas. Xem docs/editor-setup.md của minhbach.
# docs/schemas/ lets editors (VS Code) complete fields and underline mistakes; refresh it
# with minhbach schemas --out docs/schemas. See minhbach's docs/editor-setup.md.

# Địa chỉ trang web khi xuất bản, bắt đầu bằng https://
# The address the site will be published at, starting with https://
base_url: "https://example.gov.vn/"

# Ngôn ngữ chính, ở gốc trang web; ngôn ngữ khác ở /<mã>/, ví dụ /en/.
# The main language, at the root of the site; the others live under /<code>/, e.g. /en/.
default_language: vi

languages:
  - code: vi
    # Tên trang web (đầu trang, tab trình duyệt).
    title: "Minh bạch thi đua"
    # Một câu giới thiệu trang web.
    description: "Công khai kế hoạch, các phong trào thi đua và báo cáo của cơ quan."
    # Cơ quan xuất bản trang web và cơ quan cấp trên.
    organization:
      name: "Tên cơ quan"
      parent: "Tên cơ quan cấp trên"
    # Từ dùng trong địa chỉ của từng mục: chữ thường không dấu, số, dấu gạch ngang.
    segments:
      plan: ke-hoach
      campaigns: phong-trao
      exemplars: guong-dien-hinh
      reports: bao-cao
      documents: van-ban
      fields: linh-vuc
      timeline: dong-thoi-gian
      units: don-vi
      search: tim-kiem
      data: du-lieu-mo
  - code: en
    # Site title (header, browser tab).
    title: "Emulation transparency"
    # One sentence about the site.
    description: "The plan, emulation campaigns and reports of the organization, published openly."
    # The organization that publishes the site, and the body above it.
    organization:
      name: "Your organization"
      parent: "The body above it"
    # Address words default to the English section names (campaigns, reports, …).
"#;

const UNITS_YAML: &str = r#"# yaml-language-server: $schema=../../docs/schemas/units.schema.json
#
# Các đơn vị của cơ quan. Phong trào (lead_unit) và gương điển hình (unit) ghi mã (id) đơn vị.
# The units of the organization. Campaigns (lead_unit) and exemplars (unit) use their id.
# id: chữ thường không dấu, số, dấu gạch ngang; không trùng nhau.
#     lowercase letters without marks, digits and dashes; each id once.
# name: tên đơn vị bằng mọi ngôn ngữ của trang. — the unit's name in every site language.

- id: van-phong
  name: { vi: "Văn phòng", en: "Office" }
"#;

const ABOUT_VI: &str = r#"---
# yaml-language-server: $schema=../../docs/schemas/page.schema.json
# Trang Giới thiệu. Sửa tiêu đề và nội dung cho phù hợp với cơ quan.
title: "Giới thiệu"
# Vị trí trong menu chính (số nhỏ đứng trước).
menu: 1
---

Trang web này công khai kế hoạch, các phong trào thi đua và báo cáo của cơ quan.
"#;

const ABOUT_EN: &str = r#"---
# yaml-language-server: $schema=../../docs/schemas/page.schema.json
# The About page. Adapt the title and the text to the organization.
title: "About"
# The address of the English page: /en/about/.
slug: about
# Position in the main menu (lower numbers first).
menu: 1
---

This site publishes the plan, emulation campaigns and reports of the organization.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: Kind, lang: Lang, known: &Known) -> String {
        Item {
            kind,
            lang,
            title: "Báo cáo: \"6 tháng\" # đầu năm",
            stem: "bao-cao-6-thang-dau-nam",
            today: NaiveDate::from_ymd_opt(2024, 3, 5).expect("date"),
            known,
            paired: false,
            schema: None,
            facts_in: None,
        }
        .render()
    }

    fn known() -> Known {
        Known {
            units: vec!["van-phong".into(), "thanh-tra".into()],
            campaigns: vec!["an-toan".into()],
            documents: vec![],
            indicators: vec!["ty-le-dang-ky".into()],
        }
    }

    #[test]
    fn comments_wrap_at_word_boundaries_and_keep_commands_whole() {
        let mut out = String::new();
        comment(&"từ ".repeat(60), &mut out);
        assert!(out.lines().count() > 1);
        assert!(out
            .lines()
            .all(|l| l.starts_with("# ") && l.chars().count() <= 90));
        let mut out = String::new();
        comment(
            &format!(
                "{} preview with minhbach serve --drafts.",
                "word ".repeat(15)
            ),
            &mut out,
        );
        assert!(out.contains("# minhbach serve --drafts."), "{out}");
    }

    #[test]
    fn every_kind_parses_as_its_front_matter() {
        use crate::content::frontmatter::{CampaignFm, ExemplarFm, PageFm, ReportFm};
        let k = known();
        for lang in [Lang::Vi, Lang::En] {
            for kind in [Kind::Campaign, Kind::Exemplar, Kind::Report, Kind::Page] {
                let text = item(kind, lang, &k);
                let (yaml, first_line, _, _) = load::split(&text).expect("front matter");
                let src = yaml::Source {
                    path: "x.md",
                    file_text: &text,
                    yaml: &text[yaml],
                    first_line,
                };
                let ok = match kind {
                    Kind::Campaign => src.parse::<CampaignFm>().map(|f| f.draft),
                    Kind::Exemplar => src.parse::<ExemplarFm>().map(|f| f.draft),
                    Kind::Report => src.parse::<ReportFm>().map(|f| f.draft),
                    _ => src.parse::<PageFm>().map(|f| f.draft),
                };
                assert_eq!(ok, Ok(true), "{kind:?} {lang:?}:\n{text}");
            }
        }
    }

    #[test]
    fn first_ids_fill_references_and_all_are_listed() {
        let text = item(Kind::Exemplar, Lang::Vi, &known());
        assert!(text.contains("\nunit: \"van-phong\"\n"), "{text}");
        assert!(
            text.replace("\n# ", " ")
                .contains("Các mã hiện có: van-phong, thanh-tra."),
            "{text}"
        );
        assert!(text.contains("\ncampaign: \"an-toan\"\n"), "{text}");
        assert!(text.contains("\nrecognized: 2024-03-05\n"), "{text}");
        assert!(
            text.contains("\n# photo: /anh/bao-cao-6-thang-dau-nam.jpg\n"),
            "{text}"
        );
        let text = item(Kind::Report, Lang::En, &known());
        assert!(text.contains("\nperiod: \"2024-H1\"\n"), "{text}");
        assert!(
            text.contains("\n# results:\n#   - indicator: \"ty-le-dang-ky\"\n#     actual: 90\n"),
            "{text}"
        );
    }

    #[test]
    fn missing_references_are_empty_and_explained() {
        let none = Known {
            units: vec![],
            campaigns: vec![],
            documents: vec![],
            indicators: vec![],
        };
        let text = item(Kind::Exemplar, Lang::En, &none);
        assert!(text.contains("\nunit: \"\"\n"), "{text}");
        assert!(text.contains("\ncampaign: \"\"\n"), "{text}");
        let prose = text.replace("\n# ", " ");
        assert!(prose.contains("THERE ARE NO UNITS YET"), "{text}");
        assert!(prose.contains("THERE ARE NO CAMPAIGNS YET"), "{text}");
    }
}
