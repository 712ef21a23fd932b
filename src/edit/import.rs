//! Edit, the hook for "paste a table of results" into a report (issue 14): the report
//! form posts the pasted text to `/_edit/api/import/preview` (the column mapping and the
//! rows as they would be written, with errors per row) and `/_edit/api/import/apply`.
//!
//! [`Spreadsheet`] is the editor's importer: the same `crate::import` code as `minhbach
//! import results`, so the page shows the same mapping, rows and problems.

use crate::import::results::{self, Mapping};
use crate::import::table::{self, Table};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// What the editor needs of the import: both take the request
/// `{report: "content/reports/x.vi.md", file_name, text}` and answer JSON for the page
/// (`{mapping, rows, errors}` for a preview, `{ok, written}` for apply), or a message.
pub trait Importer: Send + Sync {
    fn preview(&self, root: &Path, req: &Value) -> Result<Value, String>;
    fn apply(&self, root: &Path, req: &Value) -> Result<Value, String>;
}

/// The import of `crate::import`: the pasted text is read as a table, its columns guessed
/// (or taken from the request's `mapping`), and every row checked with the same model as
/// `check`; apply writes only when every row is right.
pub struct Spreadsheet;

/// The request's report (confined to `content/`), in the language whose notes the table
/// has (`lang`, else the file named), and the table.
fn request(root: &Path, req: &Value) -> Result<(PathBuf, Table, Mapping), String> {
    let rel = req["report"]
        .as_str()
        .ok_or("the request names no report")?;
    let report = super::paths::inside(root, rel, &["content"])?;
    let report = match req["lang"].as_str() {
        Some(lang) if !lang.is_empty() => {
            results::language_version(root, &report, lang).map_err(|e| e.to_string())?
        }
        _ => report,
    };
    let name = req["file_name"].as_str().unwrap_or("pasted.tsv");
    let text = req["text"].as_str().unwrap_or("");
    let table = table::read(name, text.as_bytes()).map_err(|e| e.to_string())?;
    let mapping = match req.get("mapping").filter(|m| !m.is_null()) {
        Some(m) => serde_json::from_value::<Mapping>(m.clone())
            .map_err(|e| format!("the column mapping is not valid: {e}"))?,
        None => {
            let indicators = crate::import::indicators(root).map_err(|e| e.to_string())?;
            results::guess(&table, &indicators)
        }
    };
    Ok((report, table, mapping))
}

impl Importer for Spreadsheet {
    fn preview(&self, root: &Path, req: &Value) -> Result<Value, String> {
        let (report, table, mapping) = request(root, req)?;
        let plan = results::plan(root, &report, &table, &mapping).map_err(|e| e.to_string())?;
        Ok(json!({ "headers": table.headers, "plan": plan }))
    }

    fn apply(&self, root: &Path, req: &Value) -> Result<Value, String> {
        let (report, table, mapping) = request(root, req)?;
        let plan = results::plan(root, &report, &table, &mapping).map_err(|e| e.to_string())?;
        if !plan.ok {
            return Ok(json!({ "written": false, "headers": table.headers, "plan": plan }));
        }
        results::apply(root, &report, &plan).map_err(|e| e.to_string())?;
        Ok(json!({ "written": true, "headers": table.headers, "plan": plan }))
    }
}
