//! Edit, the site as the editor lists it: every item of every kind with its files per
//! language, what the list shows of it (titles, year, plan, draft, missing translations,
//! problems), and the ids the reference pickers offer. Read from the files as they are on
//! disk, with the loader `check` uses.

use crate::content::load::{self, Kind};
use crate::content::write::Document;
use crate::error::Diagnostics;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// The site's settings, if site.yaml reads (the build reports why not).
pub fn settings(root: &Path) -> Option<crate::config::Settings> {
    let mut diags = Diagnostics::default();
    load::settings_text(root)
        .ok()
        .and_then(|text| crate::config::parse(&text, None, &mut diags))
}

/// The languages of the site, the first one first (the facts' language).
pub fn languages(root: &Path) -> Vec<String> {
    settings(root)
        .map(|s| s.codes().map(String::from).collect())
        .unwrap_or_else(|| vec!["vi".into(), "en".into()])
}

/// The address of an item's page in a language, as the site links it: `/phong-trao/x/`,
/// `/en/campaigns/x/`; a page is `/x/`. `slug` is the item's id or the file's own `slug:`.
pub fn address(lang: &crate::config::Language, kind: Kind, slug: &str) -> String {
    let s = &lang.segments;
    let segment = match kind {
        Kind::Plan => &s.plan,
        Kind::Campaign => &s.campaigns,
        Kind::Exemplar => &s.exemplars,
        Kind::Report => &s.reports,
        Kind::Nomination => &s.nominations,
        Kind::Page => return format!("{}{slug}/", lang.prefix),
    };
    format!("{}{segment}/{slug}/", lang.prefix)
}

/// The address a data entry is linked at in a language: a unit's page, a document's
/// place in the list of documents; `None` for the others (no page of their own).
pub fn entry_address(lang: &crate::config::Language, file: &str, id: &str) -> Option<String> {
    let s = &lang.segments;
    match file {
        "units" => Some(format!("{}{}/{}/{id}/", lang.prefix, s.exemplars, s.units)),
        "documents" => Some(format!("{}{}/#{id}", lang.prefix, s.documents)),
        _ => None,
    }
}

/// The kind whose folder is `name`.
pub fn kind_of_folder(name: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.folder() == name)
}

/// A content file's path taken apart: `content/campaigns/x.vi.md` → (campaign, `x`, `vi`).
pub fn parse_path(rel: &str) -> Option<(Kind, String, String)> {
    let rest = rel.strip_prefix("content/")?;
    let (folder, name) = rest.split_once('/')?;
    let kind = kind_of_folder(folder)?;
    let stem_lang = name.strip_suffix(".md")?;
    let (stem, lang) = stem_lang.rsplit_once('.')?;
    (!stem.is_empty() && !name.contains('/')).then(|| (kind, stem.to_string(), lang.to_string()))
}

/// The path of an item's file in a language.
pub fn file_path(kind: Kind, stem: &str, lang: &str) -> String {
    format!("content/{}/{stem}.{lang}.md", kind.folder())
}

/// The front matter of a file as JSON, field by field; `None` if it has none.
pub fn front(text: &str) -> Option<Map<String, Value>> {
    let doc = Document::parse(text).ok()?;
    let mut map = Map::new();
    for key in doc.keys() {
        let value = doc
            .field_text(key)
            .and_then(crate::yaml::value_of_field)
            .unwrap_or(Value::Null);
        map.insert(key.to_string(), value);
    }
    Some(map)
}

/// The fields that give an item's year, in order of preference.
const YEAR_FIELDS: [&str; 7] = [
    "period",
    "issued",
    "launched",
    "recognized",
    "posted",
    "submitted",
    "deadline",
];

fn year_of(front: &Map<String, Value>) -> Option<String> {
    YEAR_FIELDS.iter().find_map(|k| {
        let v = match front.get(*k)? {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return None,
        };
        let digits: String = v.chars().take(4).collect();
        (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
    })
}

/// Every item of the site, for the list: one entry per kind and id, with its files.
pub fn items(root: &Path, problems: &[crate::error::Diagnostic]) -> Vec<Value> {
    let langs = languages(root);
    let mut diags = Diagnostics::default();
    let loaded = load::load(root, &langs, &mut diags);
    let mut by_item: BTreeMap<(Kind, String), BTreeMap<String, String>> = BTreeMap::new();
    for f in &loaded.files {
        by_item
            .entry((f.kind, f.stem.clone()))
            .or_default()
            .insert(f.lang.clone(), f.path.clone());
    }
    let mut out = Vec::new();
    for ((kind, stem), files) in by_item {
        let mut titles = Map::new();
        let mut draft = false;
        let mut facts = Map::new();
        for (i, lang) in langs.iter().enumerate() {
            let Some(path) = files.get(lang) else {
                continue;
            };
            let text = std::fs::read_to_string(root.join(path)).unwrap_or_default();
            let fm = front(&text).unwrap_or_default();
            if let Some(Value::String(t)) = fm.get("title") {
                titles.insert(lang.clone(), json!(t));
            }
            draft |= fm.get("draft") == Some(&Value::Bool(true));
            if i == 0 || facts.is_empty() {
                facts = fm;
            }
        }
        let plan = match kind {
            Kind::Plan => Some(crate::i18n::slugify(&stem)),
            _ => facts
                .get("plan")
                .and_then(Value::as_str)
                .map(String::from)
                .or_else(|| {
                    facts
                        .get("plans")
                        .and_then(Value::as_array)
                        .and_then(|p| p.first())
                        .and_then(Value::as_str)
                        .map(String::from)
                }),
        };
        let missing: Vec<&String> = langs.iter().filter(|l| !files.contains_key(*l)).collect();
        let item_problems: Vec<String> = problems
            .iter()
            .filter(|d| d.is_error() && files.values().any(|p| *p == d.path))
            .map(|d| d.message.clone())
            .collect();
        out.push(json!({
            "kind": crate::schema::kind_name(kind),
            "id": crate::i18n::slugify(&stem),
            "stem": stem,
            "files": files,
            "title": titles,
            "year": year_of(&facts),
            "plan": plan,
            "draft": draft,
            "missing": missing,
            "problems": item_problems,
        }));
    }
    out
}

/// The ids the reference pickers offer: items of each kind, and the entries of the data
/// files (units, documents, indicators).
pub fn ids(root: &Path) -> Value {
    let mut out = Map::new();
    let langs = languages(root);
    let mut diags = Diagnostics::default();
    let loaded = load::load(root, &langs, &mut diags);
    for kind in Kind::ALL {
        let mut ids: Vec<String> = loaded
            .files
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| crate::i18n::slugify(&f.stem))
            .collect();
        ids.dedup();
        out.insert(crate::schema::kind_name(kind).to_string(), json!(ids));
    }
    for data in ["units", "documents", "indicators", "events"] {
        let text = std::fs::read_to_string(root.join(format!("content/data/{data}.yaml")))
            .unwrap_or_default();
        let ids: Vec<Value> = crate::yaml::to_json(&text)
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|e| e.get("id").cloned())
            .collect();
        out.insert(data.to_string(), Value::Array(ids));
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_paths_name_kind_id_and_language() {
        assert_eq!(
            parse_path("content/campaigns/day-tot.vi.md"),
            Some((Kind::Campaign, "day-tot".into(), "vi".into()))
        );
        assert_eq!(parse_path("content/data/units.yaml"), None);
        assert_eq!(parse_path("content/campaigns/x/y.vi.md"), None);
        assert_eq!(parse_path("static/a.vi.md"), None);
    }

    #[test]
    fn the_year_comes_from_the_dates() {
        let fm = front("---\ntitle: a\nlaunched: 2023-01\n---\n").expect("front");
        assert_eq!(year_of(&fm).as_deref(), Some("2023"));
        let fm = front("---\nperiod: 2024-H1\n---\n").expect("front");
        assert_eq!(year_of(&fm).as_deref(), Some("2024"));
    }
}
