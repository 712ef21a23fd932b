//! The registry of diagnostic codes: each problem minhbach reports about user input has a
//! stable code (`MB0301`), a title, the fix, and an example that makes it.
//!
//! A code names a problem, not a call site: every "unknown campaign/unit/document" is
//! `MB0301`, and one place that finds two different problems gives them two codes. Codes
//! are stable across releases: a code is never reused for another problem, and a retired
//! one keeps its number out of use. The numbers group by area: `MB01` settings, `MB02`
//! files and YAML, `MB03` ids, addresses and translations, `MB04` facts, `MB05` images and
//! links, `MB06` build and output, `MB07` deploy, `MB08` import, `MB09` new files.
//!
//! The examples are real: `tests/codes.rs` makes each one in a copy of a test site and
//! asserts that its code is reported where the example says, and the reference page
//! `docs/reference/error-codes.md` shows the message that run printed
//! ([`crate::reference::error_codes`]).

use super::Severity;

/// How a code is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    /// An error, or a warning in the case the text names (e.g. "while the report is a draft").
    ErrorOrWarning(&'static str),
}

impl Level {
    /// Whether a diagnostic of this severity fits the level.
    pub fn allows(self, severity: Severity) -> bool {
        match self {
            Level::Error => severity == Severity::Error,
            Level::Warning => severity == Severity::Warning,
            Level::ErrorOrWarning(_) => true,
        }
    }
}

/// A change to a file of a test site.
#[derive(Debug, Clone, Copy)]
pub enum Change {
    /// Write the file with this text (a new file, or all of an existing one).
    Write(&'static str, &'static str),
    /// Write the file with these bytes (text that is not UTF-8).
    WriteBytes(&'static str, &'static [u8]),
    /// In the file, replace the first occurrence of the first text with the second.
    Replace(&'static str, &'static str, &'static str),
    /// Copy a folder of minhbach's repository (such as `themes/default`) to the path.
    CopyFromRepository(&'static str, &'static str),
    /// Make the path a symbolic link to the target.
    Link(&'static str, &'static str),
    /// Remove the file or folder.
    Remove(&'static str),
}

/// How to make the problem.
#[derive(Debug, Clone, Copy)]
pub enum Example {
    /// In a copy of the test site `tests/fixtures/<fixture>`, make the changes and run
    /// `minhbach <run> --root <site>`: the code is reported at `at` (`path:line`, or the
    /// path alone for a diagnostic without a line).
    Site {
        fixture: &'static str,
        changes: &'static [Change],
        run: &'static [&'static str],
        at: &'static str,
    },
    /// Not made from a site's files (a full disk, a server that refuses the login); says
    /// why, and where it is tested instead.
    Elsewhere(&'static str),
}

/// What the reference says of a code.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// `MB0301`.
    pub id: &'static str,
    pub level: Level,
    /// A few words naming the problem.
    pub title: &'static str,
    /// What to do about it, for a non-programmer.
    pub fix: &'static str,
    pub example: Example,
}

/// The example of `run` on the test site `fixture` after `changes`.
const fn site(
    fixture: &'static str,
    run: &'static [&'static str],
    changes: &'static [Change],
    at: &'static str,
) -> Example {
    Example::Site {
        fixture,
        changes,
        run,
        at,
    }
}

/// `minhbach check --now 2024-01-01` on the `basic` test site after `changes`.
const fn check(changes: &'static [Change], at: &'static str) -> Example {
    site("basic", &["check", "--now", "2024-01-01"], changes, at)
}

/// `minhbach check --now 2024-07-02` on the `multiyear` test site (it has nomination lists).
const fn check_multiyear(changes: &'static [Change], at: &'static str) -> Example {
    site("multiyear", &["check", "--now", "2024-07-02"], changes, at)
}

/// `minhbach build --now 2024-01-01` on the `basic` test site after `changes`.
const fn build(changes: &'static [Change], at: &'static str) -> Example {
    site("basic", &["build", "--now", "2024-01-01"], changes, at)
}

/// Another command on the `basic` test site.
const fn run(
    changes: &'static [Change],
    run: &'static [&'static str],
    at: &'static str,
) -> Example {
    site("basic", run, changes, at)
}

use Change::{CopyFromRepository, Link, Remove, Replace, Write, WriteBytes};

/// A new exemplar of the `basic` site.
const EXEMPLAR: &str = "content/exemplars/x.vi.md";

/// A PNG of one pixel: a real image, smaller than any place a photo is shown.
const PIXEL: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

macro_rules! registry {
    ($( $name:ident = $id:literal, $level:expr, $title:literal, $fix:literal, $example:expr; )*) => {
        /// A problem minhbach reports; see the module documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( #[doc = $title] $name, )*
        }

        impl Code {
            /// Every code, in the order of the registry (by number).
            pub const ALL: &'static [Code] = &[$(Code::$name),*];

            /// What the reference says of this code.
            pub fn entry(self) -> Entry {
                match self {
                    $( Code::$name => Entry { id: $id, level: $level, title: $title, fix: $fix, example: $example }, )*
                }
            }
        }
    };
}

impl Code {
    /// The stable code: `MB0301`.
    pub fn id(self) -> &'static str {
        self.entry().id
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

use Level::{Error as E, Warning as W};

registry! {
    // MB01: site.yaml and the command line.
    SettingsUnreadable = "MB0101", E, "site.yaml cannot be read",
        "Run minhbach in the site folder (the one with site.yaml), or pass `--root DIR`. If the file is there, check that it can be read.",
        check(&[Remove("site.yaml")], "site.yaml");
    BadBaseUrl = "MB0102", E, "base_url is not an address",
        "Write the address the site is published at, starting with https://, http:// or /: `base_url: \"https://example.gov.vn/\"`.",
        check(&[Replace("site.yaml", "base_url: \"https://example.gov.vn/\"", "base_url: \"example.gov.vn\"")], "site.yaml:1");
    NoLanguages = "MB0103", E, "no languages",
        "List at least one language under `languages:`, e.g. `- code: vi`.",
        check(&[Write("site.yaml", "base_url: \"https://example.gov.vn/\"\ndefault_language: vi\nlanguages: []\n")], "site.yaml:3");
    LanguageTwice = "MB0104", E, "a language is listed twice",
        "Keep one entry per language in `languages:`.",
        check(&[Replace("site.yaml", "  - code: en\n", "  - code: en\n    title: \"Test site\"\n    organization: { name: \"Test Department\", parent: \"Test Province\" }\n  - code: en\n")], "site.yaml:8");
    UnknownDefaultLanguage = "MB0105", E, "default_language is not among the languages",
        "Set `default_language:` to the code of one of the `languages:` (usually `vi`).",
        check(&[Replace("site.yaml", "default_language: vi", "default_language: fr")], "site.yaml:2");
    BadThemeName = "MB0106", E, "theme is not a theme name",
        "Write the name of a folder in themes/ (letters, digits, - and _), or remove the `theme:` line to use the built-in theme.",
        check(&[Replace("site.yaml", "default_language: vi", "default_language: vi\ntheme: \"../x\"")], "site.yaml:3");
    ThemeNotFound = "MB0107", E, "the theme folder does not exist",
        "Remove the `theme:` line to use the built-in default theme, or add the theme's folder under themes/.",
        check(&[Replace("site.yaml", "default_language: vi", "default_language: vi\ntheme: moi")], "site.yaml");
    BadSegment = "MB0108", E, "a section's address word is not a valid address part",
        "A word in `segments:` may have only lowercase letters without marks, digits and dashes: write it as the hint says (`tim-kiem`, not `Tìm kiếm`).",
        check(&[Replace("site.yaml", "search: tim-kiem", "search: \"Tìm kiếm\"")], "site.yaml:7");
    SegmentClash = "MB0109", E, "two sections have the same address word",
        "Give each section of a language its own word in `segments:`.",
        check(&[Replace("site.yaml", "search: tim-kiem", "search: van-ban")], "site.yaml:7");
    UnknownLanguage = "MB0110", E, "the command names a language the site does not have",
        "Use one of the language codes of site.yaml with `--lang`, or add the language to site.yaml first.",
        run(&[Replace("site.yaml", "  - code: en", "  - code: en-x")], &["new", "page", "Tin tức", "--lang", "en"], "site.yaml");
    BadSourceDateEpoch = "MB0111", E, "SOURCE_DATE_EPOCH is not a number",
        "Unset SOURCE_DATE_EPOCH, or set it to a whole number of seconds since 1970.",
        Example::Elsewhere("set in the environment, not in a site's files; made by `a_source_date_epoch_that_is_not_a_number_is_mb0111` in tests/codes.rs");

    // MB02: files, front matter and YAML.
    NoContentFolder = "MB0201", E, "the content folder is missing",
        "Create content/ with campaigns/, exemplars/, reports/, pages/, plan/ and data/ inside, or run minhbach in the site folder.",
        check(&[Remove("content")], "content");
    NotInContentFolder = "MB0202", E, "a markdown file outside the content folders",
        "Move the `.md` file into content/plan/, content/campaigns/, content/exemplars/, content/reports/, content/pages/ or content/nominations/ (not a subfolder).",
        check(&[Write("content/tin-tuc/a.vi.md", "---\ntitle: \"A\"\n---\n")], "content/tin-tuc/a.vi.md");
    NotMarkdown = "MB0203", W, "a file that is not markdown in a content folder",
        "Images and attachments go in static/, and are linked from there; content folders hold `.md` files only.",
        check(&[Write("content/pages/anh.jpg", "not a photo")], "content/pages/anh.jpg");
    UnknownFileLanguage = "MB0204", E, "the file name ends in a language the site does not have",
        "Content file names end in `.vi.md` or `.en.md`: the language codes of site.yaml.",
        check(&[Write("content/pages/gioi-thieu.fr.md", "---\ntitle: \"À propos\"\n---\n")], "content/pages/gioi-thieu.fr.md");
    YmlDataFile = "MB0205", E, "a data file ends in .yml",
        "Data files end in `.yaml`: rename the file (and if both exist, keep the entries in the `.yaml` one).",
        check(&[Write("content/data/places.yml", "[]\n")], "content/data/places.yml");
    NotYamlInData = "MB0206", W, "a file that is not YAML in content/data/",
        "Keep only `.yaml` files in content/data/; put other files in static/.",
        check(&[Write("content/data/notes.txt", "x\n")], "content/data/notes.txt");
    UnknownDataFile = "MB0207", W, "an unknown data file",
        "The data files are documents.yaml, units.yaml, events.yaml and indicators.yaml; rename the file or remove it.",
        check(&[Write("content/data/places.yaml", "[]\n")], "content/data/places.yaml");
    NotUtf8 = "MB0208", E, "the file is not UTF-8 text",
        "Save the file as UTF-8 (in Word: Save As, Plain Text, Unicode (UTF-8)). The line and column point at the first wrong character.",
        check(&[WriteBytes("content/pages/a.vi.md", b"---\ntitle: \"Gi\xf5i thi\xeau\"\n---\n")], "content/pages/a.vi.md:2");
    CannotRead = "MB0209", E, "a file cannot be read",
        "Check that the file exists and can be read (its permissions), then run the command again.",
        Example::Elsewhere("not reproducible in a test: it needs a file the user may not read, and a test run as root reads every file; the message is the system's");
    Io = "MB0210", E, "a folder cannot be read or written",
        "Check that the folder exists and that it can be read and written (permissions), then run the command again.",
        Example::Elsewhere("not reproducible in a test: it needs the system to refuse access to a folder, which it does not do for root; the message is the system's");
    SymlinkNowhere = "MB0211", E, "a symbolic link leads nowhere",
        "Remove the link, or copy the file it meant into the site folder.",
        check(&[Link("content/pages/mat.vi.md", "khong-co.vi.md")], "content/pages/mat.vi.md");
    SymlinkOutside = "MB0212", E, "a symbolic link to a place outside the site",
        "Copy the file into the site folder instead of linking to it: nothing outside the site is read or published.",
        check(&[Link("content/pages/ngoai.vi.md", "/etc/hostname")], "content/pages/ngoai.vi.md");
    SymlinkLoop = "MB0213", W, "a symbolic link to a folder that contains it",
        "Remove the link, or point it at the folder you meant.",
        check(&[Link("content/pages/vong", "..")], "content/pages/vong");
    NoFrontMatter = "MB0214", E, "the file does not start with front matter",
        "The first line of the file must be `---` exactly (no spaces or text before it), then the fields, then another `---` line.",
        check(&[Write("content/pages/a.vi.md", "title: \"A\"\n")], "content/pages/a.vi.md:1");
    FrontMatterNotClosed = "MB0215", E, "the front matter is not closed",
        "Add a `---` line after the last field, before the text.",
        check(&[Write("content/pages/a.vi.md", "---\ntitle: \"A\"\nNội dung.\n")], "content/pages/a.vi.md:1");
    NotAField = "MB0216", E, "a line of the front matter is not a field",
        "Each line of the front matter starts with a field name and `:` (`title: …`), or continues the field above it, indented.",
        Example::Elsewhere("only the importer and the editor, which rewrite fields, read front matter line by line, and `check` reports such a file first as MB0217; made by `a_value_before_any_key_is_an_error_at_its_line` in src/content/write.rs");
    YamlSyntax = "MB0217", E, "the YAML cannot be read",
        "Usually a text value contains `: ` or `#`, or a list item lacks its `- `. Put the whole value in double quotes: `title: \"Báo cáo: 6 tháng\"`.",
        check(&[Write(EXEMPLAR, "---\ntitle: Báo cáo: 6 tháng\n---\n")], "content/exemplars/x.vi.md:2");
    UnclosedQuote = "MB0218", E, "a quote is not closed",
        "End the value with the same quote it starts with: `title: \"Kế hoạch năm 2024\"`.",
        check(&[Write("content/pages/a.vi.md", "---\ntitle: \"Giới thiệu\nmenu: 2\n---\n")], "content/pages/a.vi.md:2");
    NestedTooDeep = "MB0219", E, "lists or mappings nested too deep",
        "Close each `[` with `]` and each `{` with `}`; long lists read better as `- item` lines.",
        check(&[Write("content/data/units.yaml", "- id: a\n  name: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n")], "content/data/units.yaml:2");
    UnknownField = "MB0220", E, "an unknown field",
        "A field name is misspelled or does not exist for this kind of file: correct it (the message suggests the closest name) or remove the line. The allowed names are listed in the message and in the [fields reference](fields.md).",
        check(&[Replace("content/campaigns/am-no.vi.md", "summary:", "sumary:")], "content/campaigns/am-no.vi.md:6");
    MissingField = "MB0221", E, "a required field is missing",
        "Add the field (`title: \"…\"`); the [fields reference](fields.md) says which fields each kind of file requires.",
        check(&[Write("content/pages/a.vi.md", "---\nmenu: 2\n---\n")], "content/pages/a.vi.md:1");
    DuplicateField = "MB0222", E, "a field is written twice",
        "Keep one of the two lines.",
        check(&[Write("content/pages/a.vi.md", "---\ntitle: \"A\"\ntitle: \"B\"\n---\n")], "content/pages/a.vi.md:3");
    UnknownValue = "MB0223", E, "a value that is not one of the allowed values",
        "The field accepts only the values the message lists: use one of them.",
        check(&[Replace("content/exemplars/nguyen-van-a.vi.md", "kind: individual", "kind: person")], "content/exemplars/nguyen-van-a.vi.md:3");
    InvalidValue = "MB0224", E, "a value of the wrong kind",
        "The field takes another kind of value than the one written (a list, a number, a text, yes/no): write it as the [fields reference](fields.md) shows.",
        check(&[Replace("content/campaigns/am-no.vi.md", "fields: [\"Xã hội\"]", "fields: { a: b }")], "content/campaigns/am-no.vi.md:5");
    DecomposedLetters = "MB0225", W, "decomposed Vietnamese letters",
        "Nothing breaks: minhbach composes the letters when it builds. To fix the file itself, retype the word, or save the file as UTF-8 from an editor that composes letters.",
        check(&[Write("content/pages/a.vi.md", "---\ntitle: \"Gio\u{31b}\u{301}i thie\u{323}\u{302}u\"\n---\n")], "content/pages/a.vi.md:2");
    InvisibleCharacter = "MB0226", W, "an invisible character",
        "Delete the character and type a normal space (or nothing): invisible characters, pasted from the web or Word, break search and sorting.",
        check(&[Write("content/pages/a.vi.md", "---\ntitle: \"Giới\u{a0}thiệu\"\n---\n")], "content/pages/a.vi.md:2");
    StraySpaces = "MB0227", W, "stray spaces in a value",
        "Remove the spaces between the quotes and the text, and write a single space between words.",
        check(&[Write("content/pages/a.vi.md", "---\ntitle: \" Giới thiệu\"\n---\n")], "content/pages/a.vi.md:2");

    // MB03: ids, addresses and translations.
    UnknownReference = "MB0301", E, "an unknown id",
        "The campaign, unit, document, plan, indicator or exemplar named does not exist. Use the suggested id, or add the missing campaign file or the entry in the data file. Ids are file names (for campaigns) or the `id:` of data entries, not titles.",
        check(&[Replace("content/exemplars/nguyen-van-a.vi.md", "campaign: an-toan", "campaign: an-toàn")], "content/exemplars/nguyen-van-a.vi.md:5");
    UnknownDocumentKind = "MB0302", E, "an unknown document kind",
        "Use one of the kinds in the [documents table](../authoring.md#legal-documents-contentdatadocumentsyaml).",
        check(&[Replace("content/data/documents.yaml", "kind: chi-thi", "kind: cong-van-x")], "content/data/documents.yaml:2");
    DuplicateId = "MB0303", E, "two entries have the same id",
        "Each entry of a data file (and each nominee of a list) needs its own id: rename one of them.",
        check(&[Replace("content/data/units.yaml", "id: thanh-tra", "id: van-phong")], "content/data/units.yaml:3");
    BadId = "MB0304", E, "an id that is not lowercase letters, digits and dashes",
        "Write the id in the form `ten-viet-lien`, as the hint says: lowercase letters without marks, digits and dashes.",
        check(&[Replace("content/data/units.yaml", "id: thanh-tra", "id: Thanh Tra")], "content/data/units.yaml:3");
    DuplicateAddress = "MB0305", E, "two files have the same address",
        "Two files of the same kind and language give the same address (for example `Ấm no.vi.md` and `am-no.vi.md`). Rename one, or give it a different `slug:`.",
        check(&[Write("content/campaigns/Ấm no.vi.md", "---\ntitle: \"Ấm no 2\"\nlaunched: 2022\nlead_unit: van-phong\n---\n")], "content/campaigns/Ấm no.vi.md");
    AddressHasNoLetters = "MB0306", E, "a file name or slug with no letters or digits",
        "Rename the file after its title (`nong-thon-moi.vi.md`), or write a `slug:` with letters or digits.",
        check(&[Write("content/pages/a.vi.md", "---\ntitle: \"A\"\nslug: \"---\"\n---\n")], "content/pages/a.vi.md:3");
    AddressTooLong = "MB0307", E, "an address too long for a folder name",
        "Addresses are folder names, which have a length limit: set a shorter `slug:` (or id), e.g. the first words of the title.",
        check(&[Write("content/pages/a.vi.md", "---\ntitle: \"A\"\nslug: \"trang-gioi-thieu-ve-so-thu-nghiem-va-cac-phong-trao-thi-dua-cua-so-trong-nhung-nam-qua-tu-khi-thanh-lap-den-nay-voi-nhieu-thanh-tich-va-dong-gop-cho-tinh-nha-trong-moi-linh-vuc-cua-doi-song-kinh-te-xa-hoi-va-an-ninh-quoc-phong-tren-dia-ban-tinh\"\n---\n")], "content/pages/a.vi.md:3");
    ReservedAddress = "MB0308", E, "a page address used by a section of the site",
        "A page cannot be called `phong-trao`, `bao-cao`, `tim-kiem`, `du-lieu-mo`, `en`, …: rename it or set `slug:`.",
        check(&[Write("content/pages/phong-trao.vi.md", "---\ntitle: \"Phong trào\"\n---\n")], "content/pages/phong-trao.vi.md");
    MissingLanguageText = "MB0309", E, "a data entry lacks a language",
        "Write the text in every language of the site: `name: { vi: \"…\", en: \"…\" }`.",
        check(&[Replace("content/data/units.yaml", "name: { vi: \"Thanh tra Sở\", en: \"Inspectorate\" }", "name: { vi: \"Thanh tra Sở\" }")], "content/data/units.yaml:4");
    UnknownLanguageText = "MB0310", E, "a data entry has text for a language the site does not have",
        "Remove the text of that language, or add the language to site.yaml.",
        check(&[Replace("content/data/units.yaml", "en: \"Inspectorate\" }", "en: \"Inspectorate\", fr: \"Inspection\" }")], "content/data/units.yaml:4");
    NoTranslation = "MB0311", W, "no translation",
        "Not an error: the item is published and marked \"Vietnamese only\" on the English site. Add the `.en.md` file when the translation is ready.",
        check(&[], "content/campaigns/am-no.vi.md");
    TranslationNotPublished = "MB0312", W, "the translation is a draft or dated later",
        "Not an error: the item is shown in the first language until its translation is published. Remove `draft: true` from the translation when it is ready.",
        check(&[Replace("content/campaigns/an-toan.en.md", "---\n", "---\ndraft: true\n")], "content/campaigns/an-toan.en.md");
    FactDiffers = "MB0313", E, "a translation repeats a fact and says something else",
        "Facts (dates, figures, periods, ids) are written once, in the first language's file. Remove the line from the translation, or correct whichever is wrong.",
        check(&[Replace("content/campaigns/an-toan.en.md", "---\n", "---\nlaunched: 2022-02\n")], "content/campaigns/an-toan.en.md:2");
    FactOnlyInTranslation = "MB0314", E, "a fact written only in the translation",
        "Move the line to the first language's file: facts are written there, and every language shares them.",
        check(&[Replace("content/campaigns/an-toan.en.md", "---\n", "---\nends: 2022-12-31\n")], "content/campaigns/an-toan.en.md:2");
    TranslationExtraItem = "MB0315", E, "a translation lists an item the original does not",
        "A translation gives the text of the attachments, nominees or results listed in the first language's file: add the item there first, or correct its id.",
        check_multiyear(&[Replace("content/nominations/de-nghi-bang-khen-2024.en.md", "id: thay-tran-van-binh", "id: thay-tran-van-binh-x")], "content/nominations/de-nghi-bang-khen-2024.en.md");

    // MB04: dates, periods, figures and the facts they make.
    BadDate = "MB0401", E, "not a date",
        "Write a real date, year first: `2022-01-15`. `recognized`, `submitted` and the `due` dates of a plan's schedule need a day.",
        check(&[Replace("content/exemplars/nguyen-van-a.vi.md", "recognized: 2022-07-20", "recognized: 20/07/2022")], "content/exemplars/nguyen-van-a.vi.md:6");
    BadPeriod = "MB0402", E, "not a reporting period",
        "Write `2022-H1`, `2022-H2`, `2022-Q1` … `2022-Q4`, `2022-9M`, `2022-05`, `2022`, `2021-2022` (a school year) or `2022-04-01..2023-03-31`.",
        check(&[Replace("content/reports/bao-cao-nam-2022.vi.md", "period: \"2022\"", "period: \"2022-Q5\"")], "content/reports/bao-cao-nam-2022.vi.md:3");
    BadNumber = "MB0403", E, "not a number, or a number read two ways",
        "Write the figure with digits only: `94,5`, `\"1.500.000\"`; the unit belongs to the indicator. Write `1500` (one thousand five hundred) or `1,5` (one and a half), not `1.500`.",
        check(&[Replace("content/data/indicators.yaml", "target: 100", "target: \"100 phần trăm\"")], "content/data/indicators.yaml:5");
    EndsBeforeLaunch = "MB0404", E, "a campaign ends before it is launched",
        "Check the two dates, `launched:` and `ends:`.",
        check(&[Replace("content/campaigns/am-no.vi.md", "launched: 2022-01-05", "launched: 2022-01-05\nends: 2021-12-31")], "content/campaigns/am-no.vi.md:4");
    RecognizedBeforeCampaign = "MB0405", E, "recognized before the campaign began",
        "Check the date, the campaign, or the campaign's `launched:`.",
        check(&[Replace("content/exemplars/nguyen-van-a.vi.md", "recognized: 2022-07-20", "recognized: 2021-07-20")], "content/exemplars/nguyen-van-a.vi.md:6");
    RecognizedAfterCampaign = "MB0406", W, "recognized after the campaign ended",
        "Check the date, the campaign, or the campaign's `ends:`; an award given after a campaign ended for it is possible, hence only a warning.",
        check(&[Replace("content/campaigns/an-toan.vi.md", "launched: 2022-01", "launched: 2022-01\nends: 2022-06")], "content/exemplars/nguyen-van-a.vi.md:6");
    PeriodNotPlanned = "MB0407", Level::ErrorOrWarning("a warning while every version of the report is a draft"), "a report for a period no plan covers",
        "Give the plan that asks for the report a `period:` or a `reporting.schedule` entry for it, or correct the report's period.",
        check(&[Replace("content/reports/bao-cao-nam-2022.vi.md", "period: \"2022\"", "period: \"2019\"")], "content/reports/bao-cao-nam-2022.vi.md:3");
    SecondReport = "MB0408", E, "a second report for the same period and campaigns",
        "Two reports give figures on one period for the same campaigns: merge them, correct the period, or name the plan each one answers with `plan:`.",
        check(&[Write("content/reports/bao-cao-lai.vi.md", "---\ntitle: \"Báo cáo lại\"\nperiod: \"2022\"\nrecipient: \"UBND tỉnh\"\n---\n")], "content/reports/bao-cao-nam-2022.vi.md:3");
    ActualMissing = "MB0409", E, "a result without its actual value",
        "Add a line `actual: …` with the figure achieved in the period, e.g. `actual: 97,5`.",
        check(&[Replace("content/reports/bao-cao-nam-2022.vi.md", "draft: true", "results:\n  - indicator: ty-le-dang-ky")], "content/reports/bao-cao-nam-2022.vi.md:6");
    NoTarget = "MB0410", E, "a result with no target",
        "Add `target:` (or `target_min:` and `target_max:`) to the result, or to the indicator in content/data/indicators.yaml.",
        check(&[Replace("content/data/indicators.yaml", "  target: 100\n", "\n"), Replace("content/reports/bao-cao-nam-2022.vi.md", "draft: true", "results:\n  - indicator: ty-le-dang-ky\n    actual: 90")], "content/reports/bao-cao-nam-2022.vi.md:6");
    BadTarget = "MB0411", E, "a target that does not fit the indicator's direction",
        "An indicator with `direction: range` takes `target_min:` and `target_max:` (lower first); any other takes one `target:`.",
        check(&[Replace("content/data/indicators.yaml", "target: 100", "target_min: 90\n  target_max: 100")], "content/data/indicators.yaml:5");
    IndicatorTwice = "MB0412", E, "an indicator with two rows in one report",
        "Keep one row per indicator in a report's `results:`.",
        check(&[Replace("content/reports/bao-cao-nam-2022.vi.md", "draft: true", "results:\n  - indicator: ty-le-dang-ky\n    actual: 90\n  - indicator: ty-le-dang-ky\n    actual: 91")], "content/reports/bao-cao-nam-2022.vi.md:8");
    OpensBeforePosted = "MB0413", E, "comments open before the list is posted",
        "`opens` is the first day comments count: on or after `posted`. Leave it out to start the day after posting.",
        check_multiyear(&[Replace("content/nominations/de-nghi-bang-khen-2024.vi.md", "posted: 2024-07-01", "posted: 2024-07-01\nopens: 2024-06-30")], "content/nominations/de-nghi-bang-khen-2024.vi.md:6");
    DeadlineBeforeOpens = "MB0414", E, "the deadline is before comments open",
        "Check `deadline:`: it is the last day for comments, after `posted` (and `opens`).",
        check_multiyear(&[Replace("content/nominations/de-nghi-bang-khen-2024.vi.md", "deadline: 2024-07-15", "deadline: 2024-07-01")], "content/nominations/de-nghi-bang-khen-2024.vi.md:6");
    CommentWindowTooShort = "MB0415", E, "the comment window is shorter than the site asks",
        "Move the deadline later: the window counts working days (weekends and public holidays do not count), at least as many as `nominations.min_comment_days` in site.yaml.",
        check_multiyear(&[Replace("content/nominations/de-nghi-bang-khen-2024.vi.md", "deadline: 2024-07-15", "deadline: 2024-07-05")], "content/nominations/de-nghi-bang-khen-2024.vi.md:6");
    NoHolidaysForYear = "MB0416", W, "no public holidays known for a year of the comment window",
        "The window is counted without holidays for that year: check it by hand, and update minhbach when it knows the year's holidays.",
        check_multiyear(&[Replace("content/nominations/de-nghi-bang-khen-2024.vi.md", "posted: 2024-07-01\ndeadline: 2024-07-15", "posted: 2039-07-01\ndeadline: 2039-07-15")], "content/nominations/de-nghi-bang-khen-2024.vi.md:6");
    DecidedBeforeDeadline = "MB0417", E, "decided before the comment window closed",
        "The council decides after the last day for comments: check the decision date and the deadline.",
        check_multiyear(&[Replace("content/nominations/de-nghi-bang-khen-2024.vi.md", "summary:", "decision:\n  number: \"15/QĐ-SGDĐT\"\n  date: 2024-07-10\n  awarded: [thay-tran-van-binh]\nsummary:")], "content/nominations/de-nghi-bang-khen-2024.vi.md:28");
    AwardedNotNominee = "MB0418", E, "awarded but not a nominee",
        "`awarded:` lists ids of the list's `nominees:`: correct the id, or add the nominee.",
        check_multiyear(&[Replace("content/nominations/de-nghi-bang-khen-2024.vi.md", "summary:", "decision:\n  number: \"15/QĐ-SGDĐT\"\n  date: 2024-07-20\n  awarded: [thay-tran-van-binh-x]\nsummary:")], "content/nominations/de-nghi-bang-khen-2024.vi.md:29");
    PersonalData = "MB0419", W, "what looks like personal data",
        "Publish only what the award needs: remove citizen ID numbers, private telephone numbers and dates of birth. The office's number for comments goes under `comments:`.",
        check_multiyear(&[Replace("content/nominations/de-nghi-bang-khen-2024.vi.md", "position: \"Giáo viên\"", "position: \"Giáo viên, CCCD 079123456789\"")], "content/nominations/de-nghi-bang-khen-2024.vi.md:18");

    // MB05: images and links.
    NotAWebImage = "MB0501", E, "a photo in a format browsers cannot show",
        "Convert the photo to JPEG (on the iPhone: Settings → Camera → Formats → Most Compatible), and link the `.jpg`, `.png` or `.webp` file.",
        check(&[Replace("content/exemplars/nguyen-van-a.vi.md", "award: \"Giấy khen\"", "award: \"Giấy khen\"\nphoto: /anh/a.HEIC\nphoto_alt: \"Ông A\"")], "content/exemplars/nguyen-van-a.vi.md:8");
    NoPhotoAlt = "MB0502", W, "a photo without photo_alt",
        "Add a line such as `photo_alt: \"Cô Hoa giảng bài cho học sinh lớp 10\"`: who is shown, doing what, where.",
        check(&[Replace("content/exemplars/nguyen-van-a.vi.md", "award: \"Giấy khen\"", "award: \"Giấy khen\"\nphoto: /anh/a.jpg"), Write("static/anh/a.jpg", "")], "content/exemplars/nguyen-van-a.vi.md:8");
    NoAltText = "MB0503", W, "an image without alt text",
        "Describe what the image shows between the brackets: `![Lễ trao bằng khen tại hội trường](/anh/x.jpg)`. An image that is only decoration needs none.",
        build(&[Replace("content/pages/gioi-thieu.vi.md", "Về trang này.", "Về trang này. ![](/anh/hoi-truong.png)"), WriteBytes("static/anh/hoi-truong.png", PIXEL)], "content/pages/gioi-thieu.vi.md");
    PhotoTooSmall = "MB0504", W, "a photo too small for its place",
        "Use the photo as the camera or phone saved it (at least 1280 pixels wide), not one sent through a chat app or cut from a document.",
        build(&[Replace("content/exemplars/nguyen-van-a.vi.md", "award: \"Giấy khen\"", "award: \"Giấy khen\"\nphoto: /anh/a.png\nphoto_alt: \"Ông A\""), WriteBytes("static/anh/a.png", PIXEL)], "content/exemplars/nguyen-van-a.vi.md");
    ImageNotPublishable = "MB0505", E, "an image that cannot be read",
        "Open the file in a photo viewer: if it does not open there either, copy it from the camera or phone again; else save it again as JPEG.",
        build(&[Replace("content/pages/gioi-thieu.vi.md", "Về trang này.", "Về trang này. ![Hội trường](/anh/hong.jpg)"), Write("static/anh/hong.jpg", "not a JPEG")], "content/pages/gioi-thieu.vi.md");
    StaticImageUnreadable = "MB0506", W, "an image in static/ that cannot be read",
        "No page shows it, so it is not published. Open it in a photo viewer and save it again as JPEG or PNG, or remove it.",
        build(&[Write("static/anh/hong.jpg", "not a JPEG")], "static/anh/hong.jpg");
    BrokenLink = "MB0507", E, "a link or file that points nowhere",
        "Check the address: a draft or future-dated page is not published, so links to it break. A file named in a field goes in static/ (static/van-ban/x.pdf is written /van-ban/x.pdf).",
        check(&[Replace("content/pages/gioi-thieu.vi.md", "[Phong trào](/phong-trao/)", "[Phong trào](/phong-trao/khong-co/)")], "content/pages/gioi-thieu.vi.md:5");
    NoSuchAnchor = "MB0508", E, "a link to an anchor the page does not have",
        "Anchors are made from headings: `## Mục đích` gets `#muc-dich`. Check the spelling or the heading; an image's address has no `#…`.",
        check(&[Replace("content/pages/gioi-thieu.vi.md", "[Phong trào](/phong-trao/)", "[Mục đích](#muc-dich)")], "content/pages/gioi-thieu.vi.md:5");
    UnsafeAddress = "MB0509", E, "an address a reader cannot safely open",
        "Links may go to `https://`, `http://`, `mailto:`, `tel:` or a page or file of the site; not `javascript:` or `data:`.",
        check(&[Replace("content/data/events.yaml", "date: 2022-03-12", "date: 2022-03-12\n  link: \"javascript:alert(1)\"")], "content/data/events.yaml");
    AddressOutsideSite = "MB0510", E, "an address that climbs above the site",
        "The address goes above the site's root with `..`: write it from the site root, e.g. `/van-ban/x.pdf`, and keep the file in static/.",
        check(&[Replace("content/pages/gioi-thieu.vi.md", "[Phong trào](/phong-trao/)", "[Mật khẩu](../../../etc/passwd)")], "content/pages/gioi-thieu.vi.md:5");
    NotFromSiteRoot = "MB0511", E, "an address in a field not written from the site root",
        "Fields are shown on pages at different depths: start the path with `/`, as the hint says (`/anh/a.jpg` for static/anh/a.jpg).",
        check(&[Replace("content/data/events.yaml", "date: 2022-03-12", "date: 2022-03-12\n  link: van-ban/x.pdf")], "content/data/events.yaml");
    LinksToOriginal = "MB0512", E, "a link to the original of a photo",
        "The site publishes its own sizes of a photo, not the original: show it as an image, or link to the page that shows it; or publish originals with `images: { publish_originals: true }` in site.yaml.",
        build(&[Replace("content/pages/gioi-thieu.vi.md", "[Phong trào](/phong-trao/)", "![Hội trường](/anh/hoi-truong.png) [Ảnh gốc](/anh/hoi-truong.png)"), WriteBytes("static/anh/hoi-truong.png", PIXEL)], "content/pages/gioi-thieu.vi.md:5");
    LinkNotYetPublished = "MB0513", W, "a link to an item published later",
        "Nothing to do if the date is right: the link is shown as plain text until the item is published, and the first build on or after that day turns it into a link.",
        check(&[Replace("content/pages/gioi-thieu.vi.md", "[Phong trào](/phong-trao/)", "[Sau này](/guong-dien-hinh/tuong-lai/)")], "content/pages/gioi-thieu.vi.md:5");
    NotYetPublishedInHtml = "MB0514", E, "raw HTML links to an item published later",
        "Write the link as markdown, `[text](address)`, which is shown as plain text until the item is published.",
        check(&[Replace("content/pages/gioi-thieu.vi.md", "[Phong trào](/phong-trao/)", "<a href=\"/guong-dien-hinh/tuong-lai/\">Sau này</a>")], "content/pages/gioi-thieu.vi.md:5");

    // MB06: the theme, the build and the output folder.
    TemplateError = "MB0601", E, "a template cannot be used",
        "Fix the template the message names, or remove your override in templates/ to use the theme's.",
        check(&[Write("templates/page.html", "{% if %}")], "themes/default/templates");
    UiStringsMissing = "MB0602", E, "the theme lacks a language's UI strings",
        "Add the file or the line the message names to the theme's i18n/ folder, with the text in that language.",
        check(&[CopyFromRepository("themes/default", "themes/moi"), Remove("themes/moi/i18n/en.yaml"), Replace("site.yaml", "default_language: vi", "default_language: vi\ntheme: moi")], "themes/moi/i18n/en.yaml");
    ReplacesGenerated = "MB0603", E, "a file of static/ would replace one the site makes",
        "Rename or move the file: static/ may replace theme files such as style.css, but not the pages, feeds, sitemap, search index, data files or images the site makes.",
        build(&[Write("static/sitemap.xml", "<urlset/>")], "static/sitemap.xml");
    DecomposedTwin = "MB0604", E, "two files of static/ differ only in how their letters are composed",
        "Keep one of them: the site publishes both at the same address.",
        build(&[Write("static/tài-liệu.pdf", "a"), Write("static/ta\u{300}i-liê\u{323}u.pdf", "b")], "static/tài-liệu.pdf");
    SameAddress = "MB0605", E, "two outputs have the same address",
        "Give one of them another `slug:`.",
        Example::Elsewhere("not reproducible from a site: MB0305, MB0308 and MB0603 report first each way content is known to make it; this is the last guard of the output");
    OutputNotOurs = "MB0606", E, "the output folder has files no build made",
        "Choose another `--output`, empty the folder, or pass `--force` if its files may be deleted.",
        run(&[Write("public/cua-toi.txt", "x")], &["build", "--now", "2024-01-01"], "public");
    UnsafeOutput = "MB0607", E, "refusing to build into this folder",
        "The message says why (the site folder itself, a folder that holds it, the home folder…). Choose another `--output`, or the default `public/`; see [safe builds](../security.md#builds-never-lose-the-published-site).",
        run(&[], &["build", "--now", "2024-01-01", "--output", "content/public"], "content/public");
    OutputLocked = "MB0608", E, "another build is writing into the folder",
        "Another `minhbach build` into the same folder is running: wait for it, then run the command again.",
        Example::Elsewhere("needs another build holding the folder; made by `a_second_build_waits_for_the_lock_and_then_says_who_holds_it` in src/output/mod.rs");
    DiskFull = "MB0609", E, "the disk is full",
        "Free the space the message names on that disk, or build to another disk with `--output`. The previous site is untouched.",
        Example::Elsewhere("needs a full disk; made by `a_full_disk_stops_the_build_once_and_keeps_the_previous_site` in tests/output.rs, on a small disk of its own where the machine allows one");
    WriteFailed = "MB0610", E, "a file of the new site cannot be written",
        "Check that the folder can be written (permissions, free space), then run the command again. The previous site is untouched.",
        Example::Elsewhere("not reproducible in a test: it needs the system to refuse a write that root may make; the message is the system's");
    OutputChangedDuringBuild = "MB0611", E, "something changed the new site during the build",
        "Another program wrote into the output folder while minhbach built: run the command again, and keep other programs out of the folder.",
        Example::Elsewhere("not reproducible in a test: it needs another program to write into the folder in the moment between the build's writing and its check");

    // MB07: deploy.
    BadDeployTarget = "MB0701", E, "a deploy target is not valid",
        "Correct the target under `deploy.targets` in site.yaml as the hint says: one of `folder:`, `sftp:` or `s3:`, with a server name, a folder from the server's root or a bucket name.",
        check(&[Replace("site.yaml", "default_language: vi", "default_language: vi\ndeploy:\n  targets:\n    web: { sftp: { host: \"user@web.example.gov.vn\", path: /var/www } }")], "site.yaml:5");
    UnknownDefaultTarget = "MB0702", E, "default_target is not a deploy target",
        "Write the name of one of the targets under `deploy.targets`.",
        check(&[Replace("site.yaml", "default_language: vi", "default_language: vi\ndeploy:\n  default_target: web\n  targets:\n    may-chu: { folder: { path: /var/www/minhbach } }")], "site.yaml:4");
    BadDeletionLimit = "MB0703", E, "a deletion limit out of range",
        "`max_deletion_percent` is a percentage: a number from 0 to 100.",
        check(&[Replace("site.yaml", "default_language: vi", "default_language: vi\ndeploy:\n  max_deletion_percent: 150\n  targets:\n    may-chu: { folder: { path: /var/www/minhbach } }")], "site.yaml:4");
    NotABuiltSite = "MB0704", E, "deploying a folder that is not a built site",
        "Run `minhbach build` first, or `minhbach deploy --build`.",
        run(&[], &["deploy", "--to", "web"], "public");
    DeployIntoBuiltSite = "MB0705", E, "deploying into the built site itself",
        "Deploy to the web server's folder, e.g. /var/www/minhbach, not to public/ or a folder around it.",
        run(&[], &["deploy", "--build", "--now", "2024-01-01", "--to", "public"], "public");
    DeletionGuard = "MB0706", E, "refused: the deploy would delete too much",
        "If the site really lost those files, run `minhbach deploy --dry-run` to see them, then again with `--allow-deletions N`. Exit code 3.",
        run(&[Replace("site.yaml", "default_language: vi", "default_language: vi\ndeploy:\n  max_deletions: 1\n  targets:\n    web: { folder: { path: /var/www/minhbach } }"), Write("web/.minhbach-output", ""), Write("web/.minhbach-deploy.json", "{\"version\":1,\"files\":{\n\"cu/a.html\":{\"size\":1,\"sha256\":\"00\"},\n\"cu/b.html\":{\"size\":1,\"sha256\":\"00\"}\n}}\n")], &["deploy", "--build", "--now", "2024-01-01", "--to", "web"], "web");
    BadManifest = "MB0707", E, "the record of what is online cannot be read",
        "If it was damaged, delete the file the message names on the target: the next deploy then uploads every file again (and deletes nothing).",
        run(&[Write("web/.minhbach-output", ""), Write("web/.minhbach-deploy.json", "{broken\n")], &["deploy", "--build", "--now", "2024-01-01", "--to", "web"], "web/.minhbach-deploy.json");
    DeployConnect = "MB0708", E, "cannot reach or log in to the target",
        "Check the target's settings in site.yaml; for SFTP, log in once by hand with `ssh` to see what is wrong with the key or the host key; for S3, check the AWS_* variables and the endpoint.",
        Example::Elsewhere("not reproducible from a site: it needs an SFTP or S3 server that refuses the connection or the login");
    DeployTransfer = "MB0709", E, "a transfer to the target failed",
        "Run the command again: it completes the deploy, uploading only what is missing. If it fails again, the message says what the server answered.",
        Example::Elsewhere("not reproducible from a site: it needs a server that fails during the transfer");

    // MB08: import.
    NotAReport = "MB0801", E, "the import target is not a report of the site",
        "Give the report's file, under content/reports/ of the site given with `--root`, e.g. content/reports/bao-cao-nam-2024.vi.md; create it first with `minhbach new report`.",
        run(&[Write("ket-qua.csv", "indicator,actual\nty-le-dang-ky,90\n")], &["import", "results", "content/pages/gioi-thieu.vi.md", "ket-qua.csv"], "content/pages/gioi-thieu.vi.md");
    TableUnreadable = "MB0802", E, "the table cannot be read",
        "Save the sheet as .xlsx, .ods or .csv, or copy the cells and paste them.",
        run(&[Write("ket-qua.pdf", "%PDF-1.4")], &["import", "results", "content/reports/bao-cao-nam-2022.vi.md", "ket-qua.pdf"], "ket-qua.pdf");
    TableQuote = "MB0803", E, "a quote in the table is not closed",
        "A cell that starts with `\"` must end with `\"`: correct the row the message names, or save the table again from the spreadsheet.",
        run(&[Write("ket-qua.csv", "indicator,actual\n\"ty-le-dang-ky,90\n")], &["import", "results", "content/reports/bao-cao-nam-2022.vi.md", "ket-qua.csv"], "ket-qua.csv:2");
    TableTooLarge = "MB0804", E, "the table is too large",
        "A table of results has at most the rows, columns and size the message names: import the results of one report at a time.",
        run(&[Write("ket-qua.csv", "indicator,actual,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x\n")], &["import", "results", "content/reports/bao-cao-nam-2022.vi.md", "ket-qua.csv"], "ket-qua.csv:1");
    NoVersionForNotes = "MB0805", E, "the report has no version in the language of the notes",
        "Create the report's translation first (`minhbach new report … --lang en`), or import the notes in another language.",
        run(&[Write("ket-qua.csv", "indicator,actual,note\nty-le-dang-ky,90,Đạt\n")], &["import", "results", "content/reports/bao-cao-nam-2022.vi.md", "ket-qua.csv", "--lang", "en"], "content/reports/bao-cao-nam-2022.vi.md");
    ImportRowProblems = "MB0806", E, "rows of the import have problems",
        "Correct the rows the listing shows, then import again; nothing was written.",
        run(&[Write("ket-qua.csv", "indicator,actual\nty-le-dang-ky,9x\n")], &["import", "results", "content/reports/bao-cao-nam-2022.vi.md", "ket-qua.csv"], "ket-qua.csv:2");

    // MB09: new files and sites.
    TitleHasNoLetters = "MB0901", E, "a title with no letters or digits",
        "Give a title with letters or digits: the file name is made from it.",
        run(&[], &["new", "page", "!!!"], "new");
    FileExists = "MB0902", E, "the file already exists",
        "Open and edit that file, or choose another title.",
        run(&[], &["new", "page", "Giới thiệu"], "content/pages/gioi-thieu.vi.md");
    IdTaken = "MB0903", E, "another file already has the id",
        "Choose another title: the id (the file name) is already taken by a file of the same kind.",
        run(&[Write("content/pages/Tin tức.vi.md", "---\ntitle: \"Tin tức\"\n---\n")], &["new", "page", "Tin tức"], "content/pages/tin-tuc.vi.md");
    FolderNotEmpty = "MB0904", E, "the folder for a new site is not empty",
        "Choose a new folder name, e.g. `minhbach init trang-moi`.",
        Example::Elsewhere("`init` takes the folder itself, not `--root`; made by `init_creates_a_bilingual_site_that_builds_without_errors_or_warnings` in tests/authoring.rs");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_well_formed_and_in_order() {
        let mut seen = BTreeSet::new();
        let mut last = "";
        for code in Code::ALL {
            let id = code.id();
            assert!(
                id.len() == 6
                    && id.starts_with("MB")
                    && id[2..].bytes().all(|b| b.is_ascii_digit()),
                "{id}"
            );
            assert!(seen.insert(id), "{id} is used twice");
            assert!(id > last, "{id} is out of order after {last}");
            last = id;
            let e = code.entry();
            assert!(!e.title.is_empty() && !e.fix.is_empty(), "{id}");
            if let Example::Elsewhere(why) = e.example {
                assert!(!why.is_empty(), "{id} says why it has no example");
            }
        }
    }
}
