//! Edit, the JSON API under `/_edit/api/`: list, load, save, create, rename, draft,
//! delete to the trash and restore, upload, markdown preview and the import hook. Every
//! change is checked on the would-be site (`validate`) and written only when it has no
//! errors: content files through `content::write` (field by field, atomically), uploads
//! under a new name that never replaces a file.

use super::follow::{follow, follow_in, replace_in_data};
use super::paths::{inside, CONTENT, STATIC};
use super::validate::{self, Change};
use super::{entries, site, Editor, Response};
use crate::content::load::Kind;
use crate::content::write::{write_atomic, Document};
use crate::error::Diagnostic;
use serde_json::{json, Map, Value};
use std::path::Path;

/// The trash: deleted items, one folder each, restorable from the editor.
pub const TRASH: &str = ".minhbach-trash";

pub(super) type Answer = Result<Value, Response>;

pub(super) fn bad(status: u16, message: impl Into<String>) -> Response {
    Response::json(status, &json!({ "error": message.into() }))
}

/// Answers `/_edit/api/<route>`.
pub fn route(
    ed: &Editor,
    method: &str,
    route: &str,
    query: &str,
    body: &[u8],
    lang: &str,
) -> Response {
    let answer = match (method, route) {
        ("GET", "items") => Ok(json!({
            "items": all_items(ed),
            "languages": site::languages(&ed.root),
            "ids": site::ids(&ed.root),
        })),
        ("GET", "item") => load_item(ed, &super::query_param(query, "path").unwrap_or_default()),
        ("GET", "entry") => entries::load(ed, query),
        ("GET", "trash") => Ok(trash_list(ed)),
        ("POST", "upload") => upload(ed, query, body, lang),
        ("POST", route) => match serde_json::from_slice::<Value>(body) {
            Err(e) => Err(bad(400, format!("the request is not JSON: {e}"))),
            Ok(req) => {
                let _one = ed.hold();
                match route {
                    "save" => save(ed, &req, lang),
                    "create" => create(ed, &req, lang),
                    "rename" => rename(ed, &req, lang),
                    "draft" => draft(ed, &req, lang),
                    "delete" => delete(ed, &req, lang),
                    "restore" => restore(ed, &req),
                    "entry/save" => entries::save(ed, &req, lang),
                    "entry/create" => entries::create(ed, &req, lang),
                    "entry/rename" => entries::rename(ed, &req, lang),
                    "entry/delete" => entries::delete(ed, &req, lang),
                    "preview" => Ok(preview(&req)),
                    "import/preview" => {
                        ed.importer.preview(&ed.root, &req).map_err(|e| bad(501, e))
                    }
                    "import/apply" => ed.importer.apply(&ed.root, &req).map_err(|e| bad(501, e)),
                    _ => Err(bad(404, "no such action")),
                }
            }
        },
        _ => Err(bad(404, "no such action")),
    };
    match answer {
        Ok(v) => Response::json(200, &v),
        Err(r) => r,
    }
}

/// The list: the markdown items, then the entries of the data files.
fn all_items(ed: &Editor) -> Vec<Value> {
    let problems = (ed.problems)();
    let mut items = site::items(&ed.root, &problems);
    items.extend(entries::list(&ed.root, &problems));
    items
}

/// A content file named by a request: inside `content/`, of a kind the editor knows.
fn content_file(ed: &Editor, rel: &str) -> Result<(Kind, String, String), Response> {
    inside(&ed.root, rel, &[CONTENT]).map_err(|e| bad(403, e))?;
    site::parse_path(rel).ok_or_else(|| {
        bad(
            400,
            format!("\"{rel}\" is not a content file of the editor"),
        )
    })
}

pub(super) fn read(ed: &Editor, rel: &str) -> Option<String> {
    std::fs::read_to_string(ed.root.join(rel)).ok()
}

pub(super) fn schema_of(name: &str) -> Value {
    crate::schema::all()
        .into_iter()
        .find(|s| s.name == crate::schema::file_name(name))
        .and_then(|s| serde_json::from_str(&s.text).ok())
        .unwrap_or(Value::Null)
}

/// An item: each language's file (front matter as JSON and body), its schema, the
/// translation schema, the ids for the pickers, and where the preview shows it.
fn load_item(ed: &Editor, rel: &str) -> Answer {
    let (kind, stem, _) = content_file(ed, rel)?;
    let langs = site::languages(&ed.root);
    let mut files = Map::new();
    for lang in &langs {
        let path = site::file_path(kind, &stem, lang);
        let value = match read(ed, &path) {
            Some(text) => json!({
                "path": path,
                "front": site::front(&text),
                "body": Document::parse(&text).map(|d| d.body().to_string()).unwrap_or_default(),
            }),
            None => json!({ "path": path, "missing": true }),
        };
        files.insert(lang.clone(), value);
    }
    if files.values().all(|f| f.get("missing").is_some()) {
        return Err(bad(404, format!("{rel}: no such item")));
    }
    let name = crate::schema::kind_name(kind);
    let id = crate::i18n::slugify(&stem);
    Ok(json!({
        "kind": name,
        "stem": stem,
        "id": id,
        "languages": langs,
        "files": files,
        "schema": schema_of(name),
        "translation_schema": schema_of(&crate::schema::translation_name(kind)),
        "ids": site::ids(&ed.root),
        "preview": preview_address(ed, kind, &id),
    }))
}

/// The item's page in the preview, in the first language: `/<segment>/<id>/`.
fn preview_address(ed: &Editor, kind: Kind, id: &str) -> String {
    let text = crate::content::load::settings_text(&ed.root).unwrap_or_default();
    let segment = crate::yaml::to_json(&text)
        .and_then(|v| {
            v.get("languages")?
                .get(0)?
                .get("segments")?
                .get(kind.folder())?
                .as_str()
                .map(String::from)
        })
        .unwrap_or_else(|| kind.folder().to_string());
    if kind == Kind::Page {
        format!("/{id}/")
    } else {
        format!("/{segment}/{id}/")
    }
}

/// Applies a form's values to a file's text: `null` or `""` removes a field.
fn apply(
    text: &str,
    fields: Option<&Map<String, Value>>,
    body: Option<&str>,
) -> Result<String, String> {
    let mut doc =
        Document::parse(text).map_err(|(span, _, m)| format!("line {}: {m}", span.line))?;
    if let Some(fields) = fields {
        let mut previous: Option<String> = None;
        for (key, value) in fields {
            let empty = value.is_null()
                || value.as_str().is_some_and(|s| s.trim().is_empty())
                || value.as_array().is_some_and(Vec::is_empty);
            if empty {
                doc.remove(key);
            } else {
                doc.set(key, value, previous.as_deref());
            }
            previous = Some(key.clone());
        }
    }
    if let Some(body) = body {
        doc.set_body(body);
    }
    Ok(doc.text())
}

/// The errors `check` finds in the site after `changes` that stop them: those the site
/// did not have before, and those `keep` names (the files or lines the change is about).
pub(super) fn new_errors(
    ed: &Editor,
    changes: &[Change],
    keep: impl Fn(&Diagnostic) -> bool,
) -> Result<Vec<Diagnostic>, Response> {
    let errors = validate::errors_after(&ed.opts, changes, &*ed.check).map_err(|e| bad(500, e))?;
    let baseline: Vec<(String, String)> = (ed.problems)()
        .into_iter()
        .map(|d| (d.path, d.message))
        .collect();
    Ok(errors
        .into_iter()
        .filter(|d| {
            keep(d)
                || !baseline
                    .iter()
                    .any(|(p, m)| *p == d.path && *m == d.message)
        })
        .collect())
}

/// Writes the changes' new files, each atomically, inside `content/` only.
pub(super) fn write_changes(ed: &Editor, changes: &[Change]) -> Result<(), Response> {
    for change in changes {
        if let Change::Write(rel, bytes) = change {
            let path = inside(&ed.root, rel, &[CONTENT]).map_err(|e| bad(403, e))?;
            write_atomic(&path, bytes).map_err(|e| bad(500, format!("{rel}: {e}")))?;
        }
    }
    Ok(())
}

/// Writes changed files once the would-be site has no errors; else says them per field.
fn commit(ed: &Editor, changes: Vec<Change>, shown: &str, lang: &str) -> Answer {
    let touched: Vec<&str> = changes
        .iter()
        .map(|c| match c {
            Change::Write(p, _) | Change::Remove(p) => p.as_str(),
        })
        .collect();
    // Errors the site had before, in files this change does not touch, do not stop it.
    let errors = new_errors(ed, &changes, |d| touched.contains(&d.path.as_str()))?;
    if !errors.is_empty() {
        let text = changes
            .iter()
            .find_map(|c| match c {
                Change::Write(p, b) if p == shown => Some(String::from_utf8_lossy(b).into_owned()),
                _ => None,
            })
            .unwrap_or_default();
        let mut listed = Vec::new();
        for change in &changes {
            if let Change::Write(p, b) = change {
                listed.extend(validate::by_field(
                    &errors
                        .iter()
                        .filter(|d| d.path == *p)
                        .cloned()
                        .collect::<Vec<_>>(),
                    p,
                    &String::from_utf8_lossy(b),
                    lang,
                ));
            }
        }
        let others: Vec<_> = errors
            .iter()
            .filter(|d| {
                !touched.contains(&d.path.as_str())
                    || changes
                        .iter()
                        .any(|c| matches!(c, Change::Remove(p) if *p == d.path))
            })
            .cloned()
            .collect();
        listed.extend(validate::by_field(&others, shown, &text, lang));
        return Err(Response::json(422, &json!({ "errors": listed })));
    }
    write_changes(ed, &changes)?;
    Ok(json!({ "ok": true }))
}

/// `{path, files: {lang: {fields: {...}, body}}}`: the form of an item, each language's
/// column; a language without a file gets one (a new translation).
fn save(ed: &Editor, req: &Value, lang: &str) -> Answer {
    let rel = req["path"].as_str().unwrap_or_default();
    let (kind, stem, _) = content_file(ed, rel)?;
    let langs = site::languages(&ed.root);
    let mut changes = Vec::new();
    let Some(files) = req["files"].as_object() else {
        return Err(bad(400, "nothing to save"));
    };
    for (code, form) in files {
        if !langs.contains(code) {
            return Err(bad(400, format!("the site has no language \"{code}\"")));
        }
        let path = site::file_path(kind, &stem, code);
        inside(&ed.root, &path, &[CONTENT]).map_err(|e| bad(403, e))?;
        let text = read(ed, &path).unwrap_or_else(|| "---\n---\n".to_string());
        let new = apply(&text, form["fields"].as_object(), form["body"].as_str())
            .map_err(|e| bad(400, format!("{path}: {e}")))?;
        if new != text {
            changes.push(Change::Write(path, new.into_bytes()));
        }
    }
    if changes.is_empty() {
        return Ok(json!({ "ok": true, "unchanged": true }));
    }
    commit(ed, changes, rel, lang)
}

/// `{kind, title}`: a new item as `minhbach new` makes it (a draft).
fn create(ed: &Editor, req: &Value, lang: &str) -> Answer {
    use crate::cli::{NewKind, NewLang};
    let kind = match req["kind"].as_str().unwrap_or_default() {
        "campaign" => NewKind::Campaign,
        "exemplar" => NewKind::Exemplar,
        "report" => NewKind::Report,
        "page" => NewKind::Page,
        "nomination" => NewKind::Nomination,
        "plan" => NewKind::Plan,
        other => {
            return Err(bad(
                400,
                format!("the editor cannot create a \"{other}\" yet"),
            ))
        }
    };
    let title = req["title"].as_str().unwrap_or_default();
    match crate::scaffold::new(&ed.root, kind, title, NewLang::Vi) {
        Ok(created) => {
            let paths: Vec<String> = created
                .paths
                .iter()
                .filter_map(|p| p.strip_prefix(&ed.root).ok())
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect();
            Ok(json!({ "paths": paths, "notes": created.notes }))
        }
        Err(crate::error::Error::Content(diags)) => Err(Response::json(
            422,
            &json!({ "errors": diags.iter().map(|d| {
                let (message, hint) = validate::said(d, lang);
                json!({"field": "title", "code": d.code.id(), "message": message, "hint": hint, "detail": d.message})
            }).collect::<Vec<_>>() }),
        )),
        Err(e) => Err(bad(500, e.to_string())),
    }
}

/// The fields that name an item of `kind`, at any depth of any file's front matter
/// (`campaigns` of a nomination and of each of its nominees).
fn reference_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Campaign => &["campaign", "campaigns"],
        Kind::Plan => &["plan", "plans"],
        Kind::Exemplar => &["exemplar"],
        _ => &[],
    }
}

/// The old and new address of an item in each language whose file takes its address from
/// the id (a file with its own `slug:` keeps its address).
fn renamed_addresses(
    ed: &Editor,
    kind: Kind,
    stem: &str,
    old: &str,
    new: &str,
) -> Vec<(String, String)> {
    let Some(settings) = site::settings(&ed.root) else {
        return Vec::new();
    };
    settings
        .languages
        .iter()
        .filter(|l| {
            read(ed, &site::file_path(kind, stem, &l.code))
                .and_then(|t| site::front(&t))
                .is_none_or(|fm| fm.get("slug").is_none_or(Value::is_null))
        })
        .map(|l| (site::address(l, kind, old), site::address(l, kind, new)))
        .collect()
}

/// `{path, id}`: gives an item a new id (its files' name) and changes every reference to
/// it, and every link to its pages, in every language's files.
fn rename(ed: &Editor, req: &Value, lang: &str) -> Answer {
    let rel = req["path"].as_str().unwrap_or_default();
    let (kind, stem, _) = content_file(ed, rel)?;
    let new = crate::i18n::slugify(req["id"].as_str().unwrap_or_default());
    let old = crate::i18n::slugify(&stem);
    if new.is_empty() {
        return Err(bad(400, "the new id has no letters or digits"));
    }
    if new == old {
        return Ok(json!({ "ok": true, "path": rel }));
    }
    let langs = site::languages(&ed.root);
    let fields = reference_fields(kind);
    let links = renamed_addresses(ed, kind, &stem, &old, &new);
    let mut changes = Vec::new();
    let mut moves = Vec::new();
    for code in &langs {
        let from = site::file_path(kind, &stem, code);
        let Some(text) = read(ed, &from) else {
            continue;
        };
        let to = site::file_path(kind, &new, code);
        inside(&ed.root, &to, &[CONTENT]).map_err(|e| bad(403, e))?;
        if ed.root.join(&to).exists() {
            return Err(bad(409, format!("{to} exists already; choose another id")));
        }
        // Its own links to itself follow too.
        let next = follow_in(&text, fields, &old, &new, &links);
        changes.push(Change::Remove(from.clone()));
        changes.push(Change::Write(
            to.clone(),
            next.clone().unwrap_or(text).into_bytes(),
        ));
        moves.push((from, to, next));
    }
    let skip: Vec<String> = moves.iter().map(|m| m.0.clone()).collect();
    let mut edited = Vec::new();
    for (path, text) in follow(ed, fields, &old, &new, &links, &skip) {
        changes.push(Change::Write(path.clone(), text.into_bytes()));
        edited.push(path);
    }
    // Data files (an indicator's campaign): the value of each `key: old` line.
    for data in ["indicators", "events", "documents", "units"] {
        let rel = format!("content/data/{data}.yaml");
        let Some(text) = read(ed, &rel) else { continue };
        if let Some(next) = replace_in_data(&text, fields, &old, &new) {
            changes.push(Change::Write(rel.clone(), next.into_bytes()));
            edited.push(rel);
        }
    }
    let new_path = site::file_path(
        kind,
        &new,
        &site::parse_path(rel).map(|p| p.2).unwrap_or_default(),
    );
    // Validate with the moves, then write the references and move the files.
    let errors = new_errors(ed, &changes, |_| false)?;
    if !errors.is_empty() {
        return Err(Response::json(
            422,
            &json!({ "errors": validate::by_field(&errors, &new_path, "", lang) }),
        ));
    }
    let references: Vec<Change> = changes
        .into_iter()
        .filter(|c| matches!(c, Change::Write(p, _) if edited.contains(p)))
        .collect();
    write_changes(ed, &references)?;
    for (from, to, next) in &moves {
        std::fs::rename(ed.root.join(from), ed.root.join(to))
            .map_err(|e| bad(500, format!("{from}: {e}")))?;
        if let Some(text) = next {
            let at = inside(&ed.root, to, &[CONTENT]).map_err(|e| bad(403, e))?;
            write_atomic(&at, text.as_bytes()).map_err(|e| bad(500, format!("{to}: {e}")))?;
        }
    }
    Ok(json!({ "ok": true, "path": new_path, "references": edited }))
}

/// `{path, draft}`: marks every language version as a draft, or publishes them.
fn draft(ed: &Editor, req: &Value, lang: &str) -> Answer {
    let rel = req["path"].as_str().unwrap_or_default();
    let (kind, stem, _) = content_file(ed, rel)?;
    let on = req["draft"].as_bool().unwrap_or(true);
    let mut changes = Vec::new();
    for code in site::languages(&ed.root) {
        let path = site::file_path(kind, &stem, &code);
        let Some(text) = read(ed, &path) else {
            continue;
        };
        let mut fields = Map::new();
        fields.insert("draft".into(), if on { json!(true) } else { Value::Null });
        let new = apply(&text, Some(&fields), None).map_err(|e| bad(400, e))?;
        if new != text {
            changes.push(Change::Write(path, new.into_bytes()));
        }
    }
    if changes.is_empty() {
        return Ok(json!({ "ok": true, "unchanged": true }));
    }
    commit(ed, changes, rel, lang)
}

/// `{path}`: moves every language file of an item to the trash, if the site still builds
/// without it (nothing else names it).
fn delete(ed: &Editor, req: &Value, lang: &str) -> Answer {
    let rel = req["path"].as_str().unwrap_or_default();
    let (kind, stem, _) = content_file(ed, rel)?;
    let files: Vec<String> = site::languages(&ed.root)
        .iter()
        .map(|c| site::file_path(kind, &stem, c))
        .filter(|p| ed.root.join(p).is_file())
        .collect();
    if files.is_empty() {
        return Err(bad(404, format!("{rel}: no such item")));
    }
    let changes: Vec<Change> = files.iter().map(|p| Change::Remove(p.clone())).collect();
    commit(ed, changes, rel, lang)?;
    let folder = trash_folder(ed, &format!("{}-{stem}", kind.folder()))?;
    for p in &files {
        let to = folder.join(p);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| bad(500, e.to_string()))?;
        }
        std::fs::rename(ed.root.join(p), &to).map_err(|e| bad(500, format!("{p}: {e}")))?;
    }
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(json!({ "ok": true, "trash": name }))
}

/// A new folder of the trash for `what` (`campaigns-x`), named by the time first so the
/// newest comes first; the trash ignored by git.
pub(super) fn trash_folder(ed: &Editor, what: &str) -> Result<std::path::PathBuf, Response> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let folder = ed.root.join(TRASH).join(format!("{stamp}-{what}"));
    std::fs::create_dir_all(&folder).map_err(|e| bad(500, e.to_string()))?;
    let ignore = ed.root.join(TRASH).join(".gitignore");
    if !ignore.exists() {
        let _ = std::fs::write(ignore, "*\n");
    }
    Ok(folder)
}

/// The trash: each deleted item's folder and the files in it.
fn trash_list(ed: &Editor) -> Value {
    let dir = ed.root.join(TRASH);
    let mut entries: Vec<Value> = Vec::new();
    let Ok(read) = std::fs::read_dir(&dir) else {
        return json!({ "entries": entries });
    };
    let mut names: Vec<String> = read
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.reverse();
    for name in names.into_iter().take(500) {
        let files: Vec<String> = walkdir::WalkDir::new(dir.join(&name))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                e.path()
                    .strip_prefix(dir.join(&name))
                    .ok()
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        entries.push(json!({ "name": name, "files": files }));
    }
    json!({ "entries": entries })
}

/// `{name}`: puts a trashed item's files back, if none of them exists again meanwhile.
fn restore(ed: &Editor, req: &Value) -> Answer {
    let name = req["name"].as_str().unwrap_or_default();
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(bad(400, "not an entry of the trash"));
    }
    let dir = ed.root.join(TRASH).join(name);
    if !dir.is_dir() {
        return Err(bad(404, "not an entry of the trash"));
    }
    let mut moves = Vec::new();
    let mut merges = Vec::new();
    for e in walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(&dir)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let to = inside(&ed.root, &rel, &[CONTENT]).map_err(|e| bad(403, e))?;
        // Entries of a data file go back at the end of the file.
        if rel.starts_with("content/data/") && rel.ends_with(".yaml") && to.exists() {
            let text = std::fs::read_to_string(e.path()).map_err(|e| bad(500, e.to_string()))?;
            merges.push((to.clone(), entries::restore(ed, &rel, &text)?, rel));
            continue;
        }
        if to.exists() {
            return Err(bad(
                409,
                format!("{rel} exists again; rename or delete it first"),
            ));
        }
        moves.push((e.path().to_path_buf(), to, rel));
    }
    for (from, to, rel) in &moves {
        if let Some(d) = to.parent() {
            std::fs::create_dir_all(d).map_err(|e| bad(500, e.to_string()))?;
        }
        std::fs::rename(from, to).map_err(|e| bad(500, format!("{rel}: {e}")))?;
    }
    for (to, text, rel) in &merges {
        write_atomic(to, text.as_bytes()).map_err(|e| bad(500, format!("{rel}: {e}")))?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let paths: Vec<&String> = moves
        .iter()
        .map(|m| &m.2)
        .chain(merges.iter().map(|m| &m.2))
        .collect();
    Ok(json!({ "ok": true, "paths": paths }))
}

/// A file name for an upload: the ASCII slug of its name (in NFC), its extension as the
/// content says, and a number added until no file has it.
fn upload_name(dir: &Path, original: &str, ext: &str) -> String {
    let original = crate::i18n::nfc(original.rsplit(['/', '\\']).next().unwrap_or(original));
    let stem = original
        .rsplit_once('.')
        .map_or(original.as_str(), |(s, _)| s);
    let mut slug = crate::i18n::slugify(stem);
    slug.truncate(80);
    let slug = if slug.is_empty() {
        "tep".to_string()
    } else {
        slug.trim_end_matches('-').to_string()
    };
    let mut name = format!("{slug}.{ext}");
    let mut n = 2;
    while dir.join(&name).exists() {
        name = format!("{slug}-{n}.{ext}");
        n += 1;
    }
    name
}

/// `POST upload?name=<file name>`, the file as the body: a photo (JPEG, PNG, WebP, read
/// whole by the image stage) into `static/anh/`, a PDF into `static/van-ban/`.
fn upload(ed: &Editor, query: &str, body: &[u8], lang: &str) -> Answer {
    let vi = lang == "vi";
    let original = super::query_param(query, "name").unwrap_or_default();
    let (folder, ext) = match crate::images::codec_kind(body) {
        Some(ext) => {
            crate::images::readable(body).map_err(|why| {
                bad(
                    415,
                    if vi {
                        format!("Không đọc được ảnh này: {why}. Hãy lưu ảnh dạng JPEG (trên iPhone: Cài đặt › Camera › Định dạng › Tương thích nhất).")
                    } else {
                        format!("This photo cannot be read: {why}. Save it as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible).")
                    },
                )
            })?;
            ("anh", ext)
        }
        None if body.starts_with(b"%PDF-") => ("van-ban", "pdf"),
        None => {
            let why = crate::images::readable(body).err().unwrap_or_default();
            return Err(bad(
                415,
                if vi {
                    format!("Chỉ tải lên được ảnh JPEG, PNG, WebP hoặc tệp PDF ({why}).")
                } else {
                    format!("Only JPEG, PNG and WebP photos and PDF files can be uploaded ({why}).")
                },
            ));
        }
    };
    let _one = ed.hold();
    let dir_rel = format!("{STATIC}/{folder}");
    let dir = inside(&ed.root, &format!("{dir_rel}/x"), &[STATIC])
        .map_err(|e| bad(403, e))?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    std::fs::create_dir_all(&dir).map_err(|e| bad(500, e.to_string()))?;
    let name = upload_name(&dir, &original, ext);
    let target =
        inside(&ed.root, &format!("{dir_rel}/{name}"), &[STATIC]).map_err(|e| bad(403, e))?;
    write_atomic(&target, body).map_err(|e| bad(500, e.to_string()))?;
    Ok(
        json!({ "ok": true, "address": format!("/{folder}/{name}"), "path": format!("{dir_rel}/{name}") }),
    )
}

/// `{body}`: the body rendered as the site renders it.
fn preview(req: &Value) -> Value {
    let md = req["body"].as_str().unwrap_or_default();
    let html = crate::render::markdown::render(
        md,
        "/",
        crate::render::markdown::RawHtml::Sanitize,
        &crate::render::markdown::ThemeIds::default(),
    );
    json!({ "html": html })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_names_are_ascii_slugs_that_never_replace_a_file() {
        let dir = tempfile::tempdir().expect("temp");
        assert_eq!(
            upload_name(dir.path(), "Ảnh Cô Hoa.JPG", "jpg"),
            "anh-co-hoa.jpg"
        );
        std::fs::write(dir.path().join("anh-co-hoa.jpg"), b"x").expect("write");
        assert_eq!(
            upload_name(dir.path(), "Ảnh Cô Hoa.jpg", "jpg"),
            "anh-co-hoa-2.jpg"
        );
        assert_eq!(
            upload_name(dir.path(), "../../etc/passwd", "pdf"),
            "passwd.pdf"
        );
        assert_eq!(upload_name(dir.path(), "…", "pdf"), "tep.pdf");
    }

    #[test]
    fn a_form_changes_only_its_fields() {
        let text = "---\n# kept\ntitle: \"A\"\nlaunched: 2023-01\n---\nBody\n";
        let mut fields = Map::new();
        fields.insert("title".into(), json!("B"));
        fields.insert("launched".into(), json!("2023-01"));
        fields.insert("ends".into(), json!(""));
        let out = apply(text, Some(&fields), None).expect("applies");
        assert_eq!(
            out,
            "---\n# kept\ntitle: \"B\"\nlaunched: 2023-01\n---\nBody\n"
        );
    }
}
