//! Edit, renames: what follows when an id changes. Every reference to the id in front
//! matter (a field that names it, at any depth: the `campaigns` of each nominee), in data
//! files (an indicator's `campaign`), and every link of a body to the renamed thing's page
//! in each language, in every language's files. Values in, values out; `follow` reads the
//! site's files through the editor and writes nothing.

use super::api::read;
use super::{site, Editor};
use crate::content::write::Document;
use serde_json::{json, Value};

/// Replaces `old` by `new` in a reference value: a string or a list of strings.
fn replace_id(value: &Value, old: &str, new: &str) -> Option<Value> {
    match value {
        Value::String(s) if s == old => Some(json!(new)),
        Value::Array(items) if items.iter().any(|v| v == old) => Some(Value::Array(
            items
                .iter()
                .map(|v| if v == old { json!(new) } else { v.clone() })
                .collect(),
        )),
        _ => None,
    }
}

/// [`replace_id`] in the fields named `keys` inside `value` (lists and maps of it).
fn replace_nested(value: &Value, keys: &[&str], old: &str, new: &str) -> Option<Value> {
    match value {
        Value::Array(items) => {
            let mut changed = false;
            let out = items
                .iter()
                .map(|v| {
                    replace_nested(v, keys, old, new).map_or_else(
                        || v.clone(),
                        |n| {
                            changed = true;
                            n
                        },
                    )
                })
                .collect();
            changed.then_some(Value::Array(out))
        }
        Value::Object(map) => {
            let mut changed = false;
            let mut out = map.clone();
            for (k, v) in map {
                let next = if keys.contains(&k.as_str()) {
                    replace_id(v, old, new)
                } else {
                    replace_nested(v, keys, old, new)
                };
                if let Some(n) = next {
                    out.insert(k.clone(), n);
                    changed = true;
                }
            }
            changed.then_some(Value::Object(out))
        }
        _ => None,
    }
}

/// A data file with each line `key: old` (a key of `keys`, in a list item or not)
/// changed to name `new`; the other lines as they are. `None` if none names it.
pub fn replace_in_data(text: &str, keys: &[&str], old: &str, new: &str) -> Option<String> {
    let mut changed = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches([' ', '-']).len();
        let rest = &content[indent..];
        let hit = keys.iter().find_map(|k| {
            let value = rest.strip_prefix(k)?.strip_prefix(':')?;
            let value = value
                .split(" #")
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            (value == old).then_some(*k)
        });
        match hit {
            Some(key) => {
                out.push_str(&content[..indent]);
                out.push_str(&format!("{key}: {}", crate::yaml::quote(new)));
                out.push_str(&line[content.len()..]);
                changed = true;
            }
            None => out.push_str(line),
        }
    }
    changed.then_some(out)
}

/// `from` replaced by `to` in `text` where it is a whole link target: not in the middle
/// of a longer address (not `/phong-trao/a/` inside `/en/phong-trao/a/` or
/// `https://elsewhere/phong-trao/a/`, not `#a` inside `#ab`).
pub fn replace_links(text: &str, from: &str, to: &str) -> Option<String> {
    if from.is_empty() || !text.contains(from) {
        return None;
    }
    let part = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find(from) {
        let before = rest[..at].chars().last().or_else(|| out.chars().last());
        let after = rest[at + from.len()..].chars().next();
        // An address ending in `/` may go on (`#part`); an anchor must end where it ends.
        let longer = !from.ends_with('/')
            && after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
        let whole = !before.is_some_and(part) && !longer;
        out.push_str(&rest[..at]);
        out.push_str(if whole { to } else { from });
        changed |= whole;
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// A content file made to follow a rename: the fields named `keys` (at any depth of its
/// front matter) that name `old` name `new`, and the body's links to each old address
/// (`links`: old, new) go to the new one. `None` if nothing in it changes.
pub fn follow_in(
    text: &str,
    keys: &[&str],
    old: &str,
    new: &str,
    links: &[(String, String)],
) -> Option<String> {
    let mut doc = Document::parse(text).ok()?;
    let mut changed = false;
    let names: Vec<String> = doc.keys().map(String::from).collect();
    for key in &names {
        if keys.is_empty() {
            break;
        }
        let Some(value) = doc.field_text(key).and_then(crate::yaml::value_of_field) else {
            continue;
        };
        let next = if keys.contains(&key.as_str()) {
            replace_id(&value, old, new)
        } else {
            replace_nested(&value, keys, old, new)
        };
        if let Some(v) = next {
            doc.set(key, &v, None);
            changed = true;
        }
    }
    let mut body = doc.body().to_string();
    for (from, to) in links {
        if let Some(b) = replace_links(&body, from, to) {
            body = b;
            changed = true;
        }
    }
    if changed {
        doc.set_body(&body);
    }
    changed.then(|| doc.text())
}

/// Every content file of every language but `skip`, made to follow a rename (see
/// [`follow_in`]): the changed files' paths and new texts.
pub fn follow(
    ed: &Editor,
    keys: &[&str],
    old: &str,
    new: &str,
    links: &[(String, String)],
    skip: &[String],
) -> Vec<(String, String)> {
    let langs = site::languages(&ed.root);
    let mut diags = crate::error::Diagnostics::default();
    let mut out = Vec::new();
    for f in crate::content::load::load(&ed.root, &langs, &mut diags).files {
        if skip.contains(&f.path) {
            continue;
        }
        let Some(text) = read(ed, &f.path) else {
            continue;
        };
        if let Some(next) = follow_in(&text, keys, old, new, links) {
            out.push((f.path.clone(), next));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_follow_a_rename() {
        assert_eq!(replace_id(&json!("a"), "a", "b"), Some(json!("b")));
        assert_eq!(
            replace_id(&json!(["x", "a"]), "a", "b"),
            Some(json!(["x", "b"]))
        );
        assert_eq!(replace_id(&json!("ab"), "a", "b"), None);
        let nominees = json!([{"id": "x", "campaigns": ["a"]}, {"id": "a"}]);
        assert_eq!(
            replace_nested(&nominees, &["campaigns"], "a", "b"),
            Some(json!([{"id": "x", "campaigns": ["b"]}, {"id": "a"}]))
        );
    }

    #[test]
    fn links_follow_a_rename_only_where_they_are_whole() {
        let body = "[a](/phong-trao/a/) [b](/en/phong-trao/a/) [c](/phong-trao/a-b/) \
[d](https://x.vn/phong-trao/a/) [e](/van-ban/#a) [f](/van-ban/#ab)\n";
        assert_eq!(
            replace_links(body, "/phong-trao/a/", "/phong-trao/b/").as_deref(),
            Some(
                "[a](/phong-trao/b/) [b](/en/phong-trao/a/) [c](/phong-trao/a-b/) \
[d](https://x.vn/phong-trao/a/) [e](/van-ban/#a) [f](/van-ban/#ab)\n"
            )
        );
        assert!(replace_links(body, "/van-ban/#a", "/van-ban/#b")
            .is_some_and(|b| b.contains("(/van-ban/#b)") && b.contains("(/van-ban/#ab)")));
        assert_eq!(replace_links(body, "/khac/", "/x/"), None);
    }

    #[test]
    fn data_files_follow_a_rename_line_by_line() {
        let text = "- id: a\n  campaign: old # note\n  name: old\n- campaign: \"old\"\n";
        assert_eq!(
            replace_in_data(text, &["campaign"], "old", "new").as_deref(),
            Some("- id: a\n  campaign: \"new\"\n  name: old\n- campaign: \"new\"\n")
        );
        assert_eq!(replace_in_data(text, &["campaign"], "x", "new"), None);
    }
}
