//! `site.yaml`: the raw serde struct, and the validated `Settings` the rest of the code uses.

use crate::error::{Code, Diagnostic, Diagnostics};
use crate::yaml::Source;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// site.yaml: the address, the languages and the organization of the site.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    /// The address the site is published at: https://…, http://… or a path starting with /.
    #[schemars(pattern(r"^\s*(https?://|/)"))]
    base_url: String,
    /// The language at the root of the site: one of the codes under languages. Default: the
    /// first language listed.
    default_language: Option<String>,
    /// The theme to use. Default: default.
    theme: Option<String>,
    /// The languages of the site, at least one.
    #[schemars(length(min = 1))]
    languages: Vec<RawLanguage>,
    /// How markdown is turned into pages.
    #[serde(default)]
    markdown: MarkdownSettings,
    /// Where `minhbach deploy` publishes the built site. No password or access key is
    /// ever written here (see docs/admin/deploy.md).
    deploy: Option<crate::deploy::spec::RawDeploy>,
    /// Nomination lists put out for public comment.
    #[serde(default)]
    nominations: NominationSettings,
    /// What is published of the photos and images the content shows.
    #[serde(default)]
    images: ImageSettings,
}

/// Nomination lists put out for public comment.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct NominationSettings {
    /// The shortest comment window, in working days; `check` refuses a shorter one.
    /// Default 10: Nghị định 98/2023/NĐ-CP, Điều 46 khoản 2 asks lists of those proposed
    /// for state awards to be public at least 10 working days before the council meets.
    #[serde(default = "default_min_comment_days")]
    #[schemars(range(min = 1, max = 60))]
    min_comment_days: u32,
}

fn default_min_comment_days() -> u32 {
    10
}

impl Default for NominationSettings {
    fn default() -> Self {
        NominationSettings {
            min_comment_days: default_min_comment_days(),
        }
    }
}

/// What is published of the photos and images the content shows (JPEG, PNG, WebP). Each
/// is always published as a few smaller copies without metadata (see docs/authoring.md, "Photos and images").
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImageSettings {
    /// true: also publish each original at its own address (/anh/a.jpg), full size, with
    /// its metadata (GPS position, camera, date) removed. Default false: originals are not
    /// published; a link to one is an error.
    #[serde(default)]
    pub publish_originals: bool,
}

/// How markdown is turned into pages.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct MarkdownSettings {
    /// DANGEROUS. true: raw HTML in markdown reaches the pages untouched, scripts and all, so
    /// anyone who can edit content can run code in every reader's browser. Default false:
    /// raw HTML is sanitized (tables, figures, abbreviations… are kept; scripts, event
    /// handlers, styles, frames and javascript:/data: addresses are removed).
    #[serde(default)]
    unsafe_html: bool,
}

/// One language of the site.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    /// Language code, used in file names (.vi.md) and addresses (/en/): vi, en. Each once.
    code: String,
    /// Site title in this language (header, browser tab, home page).
    title: String,
    /// One sentence about the site: on the home page and for search engines.
    #[serde(default)]
    description: String,
    /// The organization that publishes the site, in this language.
    organization: Organization,
    /// The word used in addresses for each section, in this language.
    #[serde(default)]
    segments: Segments,
}

/// The organization that publishes the site.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// The organization's name (header and footer), e.g. "Sở Xây dựng tỉnh …".
    pub name: String,
    /// The body above it, e.g. "Ủy ban nhân dân tỉnh …" (the provincial people's committee).
    pub parent: String,
    /// Shown in the footer.
    #[serde(default)]
    pub address: String,
}

/// The word used in addresses for each section, per language (phong-trao / campaigns):
/// lowercase letters, digits and dashes, all different. A section left out uses its English
/// name.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Segments {
    /// Address word of the plan.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub plan: String,
    /// Address word of the campaigns.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub campaigns: String,
    /// Address word of the exemplars.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub exemplars: String,
    /// Address word of the reports.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub reports: String,
    /// Address word of the legal documents.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub documents: String,
    /// Address word of the fields (lĩnh vực).
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub fields: String,
    /// Address word of the timeline.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub timeline: String,
    /// Address word of the units, under the exemplars.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub units: String,
    /// Address word of the search page.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub search: String,
    /// Address word of the open data page.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub data: String,
    /// Address word of the nomination lists put out for comment.
    #[schemars(pattern(crate::i18n::SLUG_PATTERN))]
    pub nominations: String,
}

impl Default for Segments {
    fn default() -> Self {
        Segments {
            plan: "plan".into(),
            campaigns: "campaigns".into(),
            exemplars: "exemplars".into(),
            reports: "reports".into(),
            documents: "documents".into(),
            fields: "fields".into(),
            timeline: "timeline".into(),
            units: "units".into(),
            search: "search".into(),
            data: "data".into(),
            nominations: "nominations".into(),
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Language {
    pub code: String,
    pub title: String,
    pub description: String,
    pub organization: Organization,
    pub segments: Segments,
    /// URL prefix: "/" for the default language, "/en/" for the others.
    pub prefix: String,
}

/// Validated site settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Always ends with `/`.
    pub base_url: String,
    pub theme: String,
    /// The default language first.
    pub languages: Vec<Language>,
    /// Raw HTML in markdown: sanitized unless site.yaml opts out explicitly.
    pub raw_html: crate::render::markdown::RawHtml,
    /// The shortest comment window of a nomination list, in working days.
    pub min_comment_days: u32,
    /// The `deploy:` section, checked; `None` when site.yaml has none.
    pub deploy: Option<crate::deploy::spec::Deploy>,
    pub images: ImageSettings,
}

impl Settings {
    pub fn default_lang(&self) -> &str {
        &self.languages[0].code
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
    }

    /// Site path (from the site root, starting with `/`) to an absolute URL.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }
}

pub const FILE: &str = "site.yaml";

/// Parses and validates `site.yaml`; `base_url_override` comes from `--base-url`.
pub fn parse(
    text: &str,
    base_url_override: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<Settings> {
    let src = Source {
        path: FILE,
        file_text: text,
        yaml: text,
        first_line: 1,
    };
    let raw: RawSite = match src.parse() {
        Ok(r) => r,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut base_url = base_url_override
        .unwrap_or(&raw.base_url)
        .trim()
        .to_string();
    if !(base_url.starts_with("http://")
        || base_url.starts_with("https://")
        || base_url.starts_with('/'))
    {
        let d = Diagnostic::error(
            Code::BadBaseUrl,
            if base_url_override.is_some() {
                "--base-url"
            } else {
                FILE
            },
            format!("base_url \"{base_url}\" must start with https://, http:// or /"),
        )
        .hint("write the address the site will be published at, e.g. https://example.gov.vn/");
        diags.push(match base_url_override {
            Some(_) => d,
            None => d.at_in(src.span_of("base_url", &base_url), text),
        });
        return None;
    }
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    if raw.languages.is_empty() {
        diags.push(
            Diagnostic::error(Code::NoLanguages, FILE, "no languages configured")
                .at_in(src.span_of("languages", "languages"), text)
                .hint("list at least one language, e.g. `- code: vi`"),
        );
        return None;
    }
    let default = raw
        .default_language
        .unwrap_or_else(|| raw.languages[0].code.clone());
    let mut seen = BTreeMap::new();
    let mut languages = Vec::new();
    for l in raw.languages {
        if seen.insert(l.code.clone(), ()).is_some() {
            diags.push(
                Diagnostic::error(
                    Code::LanguageTwice,
                    FILE,
                    format!("language \"{}\" is listed twice", l.code),
                )
                .at_in(src.span_of("code", &l.code), text)
                .hint("keep one entry per language"),
            );
            continue;
        }
        check_segments(&l.code, &l.segments, &src, text, diags);
        let prefix = if l.code == default {
            "/".to_string()
        } else {
            format!("/{}/", l.code)
        };
        languages.push(Language {
            code: l.code,
            title: l.title,
            description: l.description,
            organization: l.organization,
            segments: l.segments,
            prefix,
        });
    }
    match languages.iter().position(|l| l.code == default) {
        Some(i) => {
            let d = languages.remove(i);
            languages.insert(0, d);
        }
        None => {
            diags.push(
                Diagnostic::error(
                    Code::UnknownDefaultLanguage,
                    FILE,
                    format!("default_language \"{default}\" is not among the languages"),
                )
                .at_in(src.span_of("default_language", &default), text)
                .hint("set default_language to one of the language codes listed under languages"),
            );
            return None;
        }
    }
    let theme = raw.theme.unwrap_or_else(|| "default".into());
    // The theme is read from themes/<name>/: a name with `/` or `..` would reach elsewhere.
    if theme.is_empty()
        || !theme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        diags.push(
            Diagnostic::error(Code::BadThemeName, FILE, format!("theme \"{theme}\" is not a theme name"))
                .at_in(src.span_of("theme", &theme), text)
                .hint("write the name of a folder in themes/, e.g. default; letters, digits, - and _ only"),
        );
        return None;
    }
    let deploy = match raw.deploy {
        Some(d) => Some(crate::deploy::spec::check(d, &src, diags)?),
        None => None,
    };
    Some(Settings {
        deploy,
        base_url,
        theme,
        languages,
        min_comment_days: raw.nominations.min_comment_days,
        raw_html: if raw.markdown.unsafe_html {
            crate::render::markdown::RawHtml::Trust
        } else {
            crate::render::markdown::RawHtml::Sanitize
        },
        images: raw.images,
    })
}

/// URL segments must be non-empty ASCII slugs, distinct within a language, or two sections
/// would write to the same folder.
fn check_segments(lang: &str, s: &Segments, src: &Source, text: &str, diags: &mut Diagnostics) {
    let all = [
        ("plan", &s.plan),
        ("campaigns", &s.campaigns),
        ("exemplars", &s.exemplars),
        ("reports", &s.reports),
        ("documents", &s.documents),
        ("fields", &s.fields),
        ("timeline", &s.timeline),
        ("units", &s.units),
        ("search", &s.search),
        ("data", &s.data),
        ("nominations", &s.nominations),
    ];
    let mut seen = BTreeMap::new();
    for (key, value) in all {
        let slug = crate::i18n::slugify(value);
        if slug.is_empty() || slug != *value {
            diags.push(
                Diagnostic::error(
                    Code::BadSegment,
                    FILE,
                    format!("{lang}: segment {key} \"{value}\" is not a valid address part"),
                )
                .at_in(src.span_of(key, value), text)
                .hint(if slug.is_empty() {
                    "use lowercase letters, digits and dashes, e.g. phong-trao".to_string()
                } else {
                    format!("write it as \"{slug}\"")
                }),
            );
        } else if let Some(other) = seen.insert(value.clone(), key) {
            // Units live under exemplars, so only top-level clashes matter, but keep all distinct.
            diags.push(
                Diagnostic::error(
                    Code::SegmentClash,
                    FILE,
                    format!("{lang}: segments {other} and {key} are both \"{value}\""),
                )
                .at_in(src.span_of(key, value), text)
                .hint("give each section its own address"),
            );
        }
    }
}
