//! Edit, data entries: the entries of `content/data/` (units, documents, events,
//! indicators) in the list, the form of one entry, and saving, creating, renaming and
//! deleting one entry. Each change goes through `content::entries` (the entry's own lines
//! change, the rest of the file stays byte for byte) and is checked like every other
//! change of the editor (`api::new_errors`, the same code as `check`) before it is written.

use super::api::{self, bad, Answer};
use super::paths::{inside, CONTENT};
use super::validate::{self, Change};
use super::{site, Editor, Response};
use crate::content::entries::{DataList, ORDER};
use crate::error::Diagnostic;
use serde_json::{json, Map, Value};
use std::path::Path;

/// A data file the editor edits entry by entry.
struct Data {
    /// Its name: `content/data/<file>.yaml`, and the kind the list shows.
    file: &'static str,
    /// The `{vi, en}` field the list shows as the entry's title.
    title: &'static str,
    /// The field a new entry's name goes into, and its id is made from: the title, or a
    /// document's number (`12/CT-UBND` → `12-ct-ubnd`).
    named_by: &'static str,
    /// The field that gives its year, if any.
    year: Option<&'static str>,
    /// The front matter fields (at any depth) that name its entries.
    refs: &'static [&'static str],
}

const FILES: [Data; 4] = [
    Data {
        file: "units",
        title: "name",
        named_by: "name",
        year: None,
        refs: &["unit", "lead_unit"],
    },
    Data {
        file: "documents",
        title: "summary",
        named_by: "number",
        year: Some("issued"),
        refs: &["based_on"],
    },
    Data {
        file: "events",
        title: "title",
        named_by: "title",
        year: Some("date"),
        refs: &[],
    },
    Data {
        file: "indicators",
        title: "name",
        named_by: "name",
        year: None,
        refs: &["indicator"],
    },
];

fn data(file: &str) -> Result<&'static Data, Response> {
    FILES
        .iter()
        .find(|d| d.file == file)
        .ok_or_else(|| bad(400, format!("\"{file}\" is not a data file of the editor")))
}

fn data_path(file: &str) -> String {
    format!("content/data/{file}.yaml")
}

/// The keys of a new or changed entry, in the order people read them.
fn order(langs: &[String]) -> Vec<&str> {
    ORDER
        .iter()
        .copied()
        .chain(langs.iter().map(String::as_str))
        .collect()
}

/// The data file of a request, read and split into entries (an empty list if the file
/// does not exist yet).
fn open(ed: &Editor, file: &str) -> Result<(&'static Data, String, DataList), Response> {
    let d = data(file)?;
    let path = data_path(d.file);
    inside(&ed.root, &path, &[CONTENT]).map_err(|e| bad(403, e))?;
    let text = api::read(ed, &path).unwrap_or_default();
    let list = DataList::parse(&text).map_err(|e| {
        bad(
            422,
            format!("{path}: {e}; the editor changes it entry by entry only when it is a list"),
        )
    })?;
    Ok((d, path, list))
}

/// An entry's text in a language: its title field's text there (a document shows its
/// number first).
fn title_in(d: &Data, entry: &Value, lang: &str) -> Option<String> {
    let text = entry.get(d.title)?.get(lang)?.as_str()?.trim();
    if text.is_empty() {
        return None;
    }
    Some(match entry.get("number").and_then(Value::as_str) {
        Some(n) => format!("{n}: {text}"),
        None => text.to_string(),
    })
}

/// Every entry of every data file, as the list shows items.
pub fn list(root: &Path, problems: &[Diagnostic]) -> Vec<Value> {
    let langs = site::languages(root);
    let mut out = Vec::new();
    for d in &FILES {
        let path = data_path(d.file);
        let Ok(text) = std::fs::read_to_string(root.join(&path)) else {
            continue;
        };
        let Ok(list) = DataList::parse(&text) else {
            continue;
        };
        let mine: Vec<&Diagnostic> = problems
            .iter()
            .filter(|p| p.is_error() && p.path == path)
            .collect();
        for (entry, lines) in list.spans() {
            let Some((entry, id)) = entry.and_then(|e| Some((e, e.get("id")?.as_str()?))) else {
                continue;
            };
            let mut titles = Map::new();
            for l in &langs {
                if let Some(t) = title_in(d, entry, l) {
                    titles.insert(l.clone(), json!(t));
                }
            }
            let year = d.year.and_then(|k| match entry.get(k)? {
                Value::String(s) => s.get(..4).map(String::from),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            });
            let missing: Vec<&String> = langs.iter().filter(|l| !titles.contains_key(*l)).collect();
            let item_problems: Vec<&str> = mine
                .iter()
                .filter(|p| p.span.is_some_and(|s| lines.contains(&s.line)))
                .map(|p| p.message.as_str())
                .collect();
            out.push(json!({
                "kind": d.file,
                "data": d.file,
                "id": id,
                "stem": id,
                "files": { },
                "path": path,
                "title": titles,
                "year": year,
                "plan": null,
                "draft": entry.get("draft") == Some(&Value::Bool(true)),
                "missing": missing,
                "problems": item_problems,
            }));
        }
    }
    out
}

/// The schema of one entry of `file`: its list schema's item, with the definitions.
fn entry_schema(file: &str) -> Value {
    let list = api::schema_of(file);
    let defs = list.get("definitions").cloned().unwrap_or(Value::Null);
    let name = list["items"]["$ref"]
        .as_str()
        .and_then(|r| r.rsplit('/').next())
        .unwrap_or_default();
    let mut item = defs.get(name).cloned().unwrap_or(Value::Null);
    if let Some(map) = item.as_object_mut() {
        map.insert("definitions".into(), defs);
    }
    item
}

/// `GET entry?file=units&id=…`: an entry, its schema, the site's languages and the ids
/// for the pickers. With `new=1&name=…` instead of an id: a new entry to fill in, its id
/// suggested from the name (the site's slug rules) and the name in the first language.
pub fn load(ed: &Editor, query: &str) -> Answer {
    let param = |k: &str| super::query_param(query, k).unwrap_or_default();
    let (d, path, list) = open(ed, &param("file"))?;
    let langs = site::languages(&ed.root);
    let new = param("new") == "1";
    let entry = if new {
        let name = param("name");
        let mut entry = Map::new();
        entry.insert("id".into(), json!(crate::i18n::slugify(&name)));
        if let (false, Some(first)) = (name.trim().is_empty(), langs.first()) {
            let value = if d.named_by == d.title {
                json!({ first: name.trim() })
            } else {
                json!(name.trim())
            };
            entry.insert(d.named_by.into(), value);
        }
        Value::Object(entry)
    } else {
        let id = param("id");
        list.get(&id)
            .cloned()
            .ok_or_else(|| bad(404, format!("{path}: no entry \"{id}\"")))?
    };
    Ok(json!({
        "file": d.file,
        "path": path,
        "new": new,
        "id": entry["id"],
        "title_field": d.title,
        "languages": langs,
        "entry": entry,
        "schema": entry_schema(d.file),
        "ids": site::ids(&ed.root),
    }))
}

/// The language a diagnostic is about, when it says (`name has no "en" text`).
fn lang_of(message: &str, langs: &[String]) -> Option<String> {
    langs
        .iter()
        .find(|l| {
            message.contains(&format!("no \"{l}\" text"))
                || message.contains(&format!("text for \"{l}\""))
        })
        .cloned()
}

/// The errors as the form shows them: each at the field of entry `id` whose lines it falls
/// in, and the language column when it is about one language's text.
fn at_fields(
    errors: &[Diagnostic],
    path: &str,
    list: &DataList,
    id: &str,
    lang: &str,
    langs: &[String],
) -> Vec<Value> {
    let fields = list.lines(id).map(|(_, f)| f).unwrap_or_default();
    let mut out = validate::by_field(errors, path, "", lang);
    for (shown, d) in out.iter_mut().zip(errors) {
        let field = (d.path == path)
            .then_some(d.span)
            .flatten()
            .and_then(|s| fields.iter().find(|(_, r)| r.contains(&s.line)))
            .map(|(k, _)| k.clone());
        shown["field"] = json!(field);
        shown["lang"] = json!(lang_of(&d.message, langs));
    }
    out
}

/// Checks the would-be site with `changes` and writes them if it has no new errors (nor
/// any in the lines of entry `id`); else the errors at the entry's fields.
fn commit(
    ed: &Editor,
    path: &str,
    list: &DataList,
    id: &str,
    changes: Vec<Change>,
    lang: &str,
) -> Answer {
    let lines = list.lines(id).map(|(l, _)| l);
    let errors = api::new_errors(ed, &changes, |d| {
        d.path == path
            && d.span
                .zip(lines.clone())
                .is_some_and(|(s, l)| l.contains(&s.line))
    })?;
    if !errors.is_empty() {
        return Err(Response::json(
            422,
            &json!({ "errors": at_fields(&errors, path, list, id, lang, &site::languages(&ed.root)) }),
        ));
    }
    if let Some(dir) = ed.root.join(path).parent() {
        std::fs::create_dir_all(dir).map_err(|e| bad(500, e.to_string()))?;
    }
    api::write_changes(ed, &changes)?;
    Ok(json!({ "ok": true, "id": id, "path": path }))
}

/// A field error before any check (a missing or taken id).
fn field_error(status: u16, field: &str, message: String) -> Response {
    Response::json(
        status,
        &json!({ "errors": [{ "field": field, "path": null, "message": message }] }),
    )
}

/// `{file, id, fields}`: the form of an entry; `null` or `""` removes a field. The id is
/// changed by `entry/rename`, which updates the references.
pub fn save(ed: &Editor, req: &Value, lang: &str) -> Answer {
    let (_, path, mut list) = open(ed, req["file"].as_str().unwrap_or_default())?;
    let id = req["id"].as_str().unwrap_or_default();
    if list.get(id).is_none() {
        return Err(bad(404, format!("{path}: no entry \"{id}\"")));
    }
    let mut fields = req["fields"].as_object().cloned().unwrap_or_default();
    if fields.remove("id").is_some_and(|v| v != id) {
        return Err(field_error(
            400,
            "id",
            "change the id with “Đổi mã / Change id”, which updates the references".into(),
        ));
    }
    let before = list.text();
    list.set_fields(id, &fields, &order(&site::languages(&ed.root)));
    let text = list.text();
    if text == before {
        return Ok(json!({ "ok": true, "unchanged": true, "id": id }));
    }
    let changes = vec![Change::Write(path.clone(), text.into_bytes())];
    commit(ed, &path, &list, id, changes, lang)
}

/// `{file, fields}`: a new entry at the end of its file. Its id is the one given, or made
/// from its name (in the first language); an id the file has already is refused.
pub fn create(ed: &Editor, req: &Value, lang: &str) -> Answer {
    let (d, path, mut list) = open(ed, req["file"].as_str().unwrap_or_default())?;
    let langs = site::languages(&ed.root);
    let mut fields = req["fields"].as_object().cloned().unwrap_or_default();
    let given = fields.get("id").and_then(Value::as_str).unwrap_or_default();
    let from_title = fields
        .get(d.named_by)
        .and_then(|v| match v.as_str() {
            Some(s) => Some(s),
            None => v.get(langs.first()?)?.as_str(),
        })
        .unwrap_or_default();
    let id = crate::i18n::slugify(if given.trim().is_empty() {
        from_title
    } else {
        given
    });
    let vi = lang == "vi";
    if id.is_empty() {
        return Err(field_error(
            400,
            "id",
            if vi {
                "hãy ghi mã (chữ thường không dấu, số và dấu gạch ngang)".into()
            } else {
                "give an id (lowercase letters, digits and dashes)".into()
            },
        ));
    }
    if list.get(&id).is_some() {
        return Err(field_error(
            409,
            "id",
            if vi {
                format!("mã \"{id}\" đã có trong {path}; hãy chọn mã khác")
            } else {
                format!("{path} has an entry \"{id}\" already; choose another id")
            },
        ));
    }
    fields.insert("id".into(), json!(id));
    fields.retain(|_, v| {
        !(v.is_null()
            || v.as_str().is_some_and(|s| s.trim().is_empty())
            || v.as_array().is_some_and(Vec::is_empty)
            || v.as_object().is_some_and(Map::is_empty))
    });
    list.push(&Value::Object(fields), &order(&langs));
    let changes = vec![Change::Write(path.clone(), list.text().into_bytes())];
    commit(ed, &path, &list, &id, changes, lang)
}

/// `{file, id, id_new}`: gives an entry a new id and changes every reference to it in
/// every language's front matter (and the links to its page in the bodies).
pub fn rename(ed: &Editor, req: &Value, lang: &str) -> Answer {
    let (d, path, mut list) = open(ed, req["file"].as_str().unwrap_or_default())?;
    let old = req["id"].as_str().unwrap_or_default().to_string();
    let new = crate::i18n::slugify(req["new"].as_str().unwrap_or_default());
    if list.get(&old).is_none() {
        return Err(bad(404, format!("{path}: no entry \"{old}\"")));
    }
    if new.is_empty() {
        return Err(bad(400, "the new id has no letters or digits"));
    }
    if new == old {
        return Ok(json!({ "ok": true, "id": old }));
    }
    if list.get(&new).is_some() {
        return Err(bad(
            409,
            format!("{path} has an entry \"{new}\" already; choose another id"),
        ));
    }
    list.rename(&old, &new, &order(&site::languages(&ed.root)));
    let mut changes = vec![Change::Write(path.clone(), list.text().into_bytes())];
    let links: Vec<(String, String)> = site::settings(&ed.root)
        .map(|s| {
            s.languages
                .iter()
                .filter_map(|l| {
                    Some((
                        site::entry_address(l, d.file, &old)?,
                        site::entry_address(l, d.file, &new)?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut references = Vec::new();
    for (p, text) in super::follow::follow(ed, d.refs, &old, &new, &links, &[]) {
        changes.push(Change::Write(p.clone(), text.into_bytes()));
        references.push(p);
    }
    let mut answer = commit(ed, &path, &list, &new, changes, lang)?;
    answer["references"] = json!(references);
    Ok(answer)
}

/// `{file, id}`: takes an entry out of its file into the trash, if nothing else still
/// names it (the check reports every file that does).
pub fn delete(ed: &Editor, req: &Value, lang: &str) -> Answer {
    let (d, path, mut list) = open(ed, req["file"].as_str().unwrap_or_default())?;
    let id = req["id"].as_str().unwrap_or_default().to_string();
    let Some(taken) = list.remove(&id) else {
        return Err(bad(404, format!("{path}: no entry \"{id}\"")));
    };
    let changes = vec![Change::Write(path.clone(), list.text().into_bytes())];
    let errors = api::new_errors(ed, &changes, |_| false)?;
    if !errors.is_empty() {
        let vi = lang == "vi";
        let lead = json!({
            "field": null,
            "path": null,
            "message": if vi {
                format!("Chưa xóa: \"{id}\" vẫn được nhắc đến ở các chỗ sau; hãy sửa các chỗ đó trước.")
            } else {
                format!("Not deleted: \"{id}\" is still named in these places; change them first.")
            },
        });
        let mut listed = vec![lead];
        listed.extend(validate::by_field(&errors, "", "", lang));
        return Err(Response::json(422, &json!({ "errors": listed })));
    }
    let folder = api::trash_folder(ed, &format!("data-{}-{id}", d.file))?;
    // The trash keeps the entry as a data file of one entry, at the file's own path:
    // restoring puts it back at the end of the file.
    let kept = folder.join(&path);
    if let Some(dir) = kept.parent() {
        std::fs::create_dir_all(dir).map_err(|e| bad(500, e.to_string()))?;
    }
    std::fs::write(&kept, taken).map_err(|e| bad(500, e.to_string()))?;
    api::write_changes(ed, &changes)?;
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(json!({ "ok": true, "trash": name }))
}

/// Puts trashed entries (`text`, a data file of them) back at the end of the data file
/// `rel`; refused if an id is there again.
pub fn restore(ed: &Editor, rel: &str, text: &str) -> Result<String, Response> {
    let target = inside(&ed.root, rel, &[CONTENT]).map_err(|e| bad(403, e))?;
    let current = std::fs::read_to_string(&target).unwrap_or_default();
    let mut list = DataList::parse(&current).map_err(|e| bad(422, format!("{rel}: {e}")))?;
    let trashed = DataList::parse(text).map_err(|e| bad(422, format!("{rel}: {e}")))?;
    for v in trashed.values() {
        let id = v["id"].as_str().unwrap_or_default();
        if list.get(id).is_some() {
            return Err(bad(
                409,
                format!("{rel} has an entry \"{id}\" again; rename or delete it first"),
            ));
        }
    }
    list.push_text(text);
    Ok(list.text())
}
