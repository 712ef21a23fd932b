//! `site.yaml`: the raw serde struct, and the validated `Settings` the rest of the code uses.

use crate::error::{Diagnostic, Diagnostics};
use crate::yaml::Source;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    base_url: String,
    default_language: Option<String>,
    theme: Option<String>,
    languages: Vec<RawLanguage>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: String,
    title: String,
    #[serde(default)]
    description: String,
    organization: Organization,
    #[serde(default)]
    segments: Segments,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub name: String,
    pub parent: String,
    #[serde(default)]
    pub address: String,
}

/// URL segment per section, per language (`phong-trao` / `campaigns`).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Segments {
    pub plan: String,
    pub campaigns: String,
    pub exemplars: String,
    pub reports: String,
    pub documents: String,
    pub fields: String,
    pub timeline: String,
    pub units: String,
    pub search: String,
    pub data: String,
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
            if base_url_override.is_some() {
                "--base-url"
            } else {
                FILE
            },
            format!("base_url \"{base_url}\" must start with https://, http:// or /"),
        )
        .hint("write the address the site will be published at, e.g. https://stc.tayninh.gov.vn/");
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
            Diagnostic::error(FILE, "no languages configured")
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
                Diagnostic::error(FILE, format!("language \"{}\" is listed twice", l.code))
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
                    FILE,
                    format!("default_language \"{default}\" is not among the languages"),
                )
                .at_in(src.span_of("default_language", &default), text)
                .hint("set default_language to one of the language codes listed under languages"),
            );
            return None;
        }
    }
    Some(Settings {
        base_url,
        theme: raw.theme.unwrap_or_else(|| "default".into()),
        languages,
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
    ];
    let mut seen = BTreeMap::new();
    for (key, value) in all {
        let slug = crate::i18n::slugify(value);
        if slug.is_empty() || slug != *value {
            diags.push(
                Diagnostic::error(
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
                    FILE,
                    format!("{lang}: segments {other} and {key} are both \"{value}\""),
                )
                .at_in(src.span_of(key, value), text)
                .hint("give each section its own address"),
            );
        }
    }
}
