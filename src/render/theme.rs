//! Theme: Tera templates, UI strings per language and static files. The default theme is
//! compiled in (so any site builds with no theme folder); a `themes/<name>/` folder in the
//! site replaces it, and the site's own `templates/` override single templates.

use crate::error::{Code, Diagnostic, Diagnostics};
use crate::yaml::Source;
use std::collections::BTreeMap;
use std::path::Path;

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../themes/default/", $path)) as &[u8])),*]
    };
}

/// The default theme, as built into the binary.
const DEFAULT_THEME: &[(&str, &[u8])] = embedded![
    "templates/base.html",
    "templates/macros.html",
    "templates/home.html",
    "templates/plan.html",
    "templates/plans.html",
    "templates/nominations.html",
    "templates/nomination.html",
    "templates/campaigns.html",
    "templates/campaign.html",
    "templates/exemplars.html",
    "templates/exemplar.html",
    "templates/reports.html",
    "templates/report.html",
    "templates/documents.html",
    "templates/fields.html",
    "templates/timeline.html",
    "templates/page.html",
    "templates/search.html",
    "templates/opendata.html",
    "templates/404.html",
    "i18n/vi.yaml",
    "i18n/en.yaml",
    "static/style.css",
    "static/search.js",
];

pub struct Theme {
    pub tera: tera::Tera,
    /// UI strings per language; every language has the same keys.
    pub strings: BTreeMap<String, BTreeMap<String, String>>,
    /// Files copied to the output root, path → bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// The ids the templates give elements, which bodies must leave to them.
    pub ids: crate::render::markdown::ThemeIds,
}

/// Reads the theme files: from `<root>/themes/<name>/` if present, else the built-in default.
fn theme_files(root: &Path, name: &str, diags: &mut Diagnostics) -> BTreeMap<String, Vec<u8>> {
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        return read_tree(root, &dir, diags);
    }
    if name != "default" {
        diags.push(
            Diagnostic::error(Code::ThemeNotFound, "site.yaml", format!("theme \"{name}\" not found in themes/{name}/"))
                .hint("remove the `theme:` line to use the built-in default theme, or add the theme folder"),
        );
    }
    DEFAULT_THEME
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect()
}

fn read_tree(root: &Path, dir: &Path, diags: &mut Diagnostics) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in crate::content::load::walk(root, dir, diags) {
        let rel = crate::content::load::shown(dir, entry.path());
        match std::fs::read(entry.path()) {
            Ok(b) => {
                out.insert(rel, b);
            }
            Err(e) => diags.push(Diagnostic::error(
                Code::CannotRead,
                crate::content::load::shown(root, entry.path()),
                format!("cannot read: {e}"),
            ).hint("check that the file exists and can be read (permissions), then run the command again")),
        }
    }
    out
}

pub fn load(
    root: &Path,
    name: &str,
    languages: &[String],
    diags: &mut Diagnostics,
) -> Option<Theme> {
    let mut files = theme_files(root, name, diags);
    let theme_dir = format!("themes/{name}");
    // The site's own templates/ override the theme's, file by file.
    let site_templates = root.join("templates");
    if site_templates.is_dir() {
        for (p, b) in read_tree(root, &site_templates, diags) {
            files.insert(format!("templates/{p}"), b);
        }
    }
    let mut tera = tera::Tera::default();
    tera.set_escape_fn(escape_html);
    let mut templates = Vec::new();
    let mut strings = BTreeMap::new();
    let mut assets = BTreeMap::new();
    for (path, bytes) in &files {
        if let Some(name) = path.strip_prefix("templates/") {
            match String::from_utf8(bytes.clone()) {
                Ok(s) => templates.push((name.to_string(), s)),
                Err(_) => diags.push(
                    Diagnostic::error(
                        Code::NotUtf8,
                        format!("{theme_dir}/{path}"),
                        "not UTF-8 text",
                    )
                    .hint("save the template as UTF-8"),
                ),
            }
        } else if let Some(file) = path.strip_prefix("i18n/") {
            let lang = file.trim_end_matches(".yaml").to_string();
            let text = crate::content::load::clean_text(&String::from_utf8_lossy(bytes));
            let shown = format!("{theme_dir}/{path}");
            let src = Source {
                path: &shown,
                file_text: &text,
                yaml: &text,
                first_line: 1,
            };
            match src.parse_strict::<BTreeMap<String, String>>() {
                Ok(map) => {
                    strings.insert(lang, map);
                }
                Err(d) => diags.push(d),
            }
        } else if let Some(asset) = path.strip_prefix("static/") {
            assets.insert(asset.to_string(), bytes.clone());
        }
    }
    let ids = crate::render::markdown::ThemeIds::from_templates(
        templates.iter().map(|(_, text)| text.as_str()),
    );
    if let Err(e) = tera.add_raw_templates(templates) {
        diags.push(
            Diagnostic::error(
                Code::TemplateError,
                format!("{theme_dir}/templates"),
                crate::render::tera_message(&e),
            )
            .hint("fix the template syntax"),
        );
        return None;
    }
    check_strings(&strings, languages, &theme_dir, diags);
    (!diags.has_errors()).then_some(Theme {
        tera,
        strings,
        assets,
        ids,
    })
}

/// HTML escaping without Tera's `/` → `&#x2F;`, which bloats every URL for no safety gain
/// in attribute values that are always quoted.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A UI string missing in one language is an error, never a silent fallback.
fn check_strings(
    strings: &BTreeMap<String, BTreeMap<String, String>>,
    languages: &[String],
    dir: &str,
    diags: &mut Diagnostics,
) {
    let all: std::collections::BTreeSet<&String> = languages
        .iter()
        .filter_map(|l| strings.get(l))
        .flat_map(|m| m.keys())
        .collect();
    for l in languages {
        let Some(map) = strings.get(l) else {
            diags.push(
                Diagnostic::error(
                    Code::UiStringsMissing,
                    format!("{dir}/i18n/{l}.yaml"),
                    format!("no UI strings for language \"{l}\""),
                )
                .hint(format!(
                    "copy another language's file to {dir}/i18n/{l}.yaml and translate it"
                )),
            );
            continue;
        };
        for key in &all {
            if !map.contains_key(*key) {
                diags.push(
                    Diagnostic::error(
                        Code::UiStringsMissing,
                        format!("{dir}/i18n/{l}.yaml"),
                        format!("UI string \"{key}\" is missing in \"{l}\""),
                    )
                    .hint(format!("add a line `{key}: \"…\"` with the {l} text")),
                );
            }
        }
    }
}
