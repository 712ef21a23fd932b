//! Edit, the hook for "paste a table of results" into a report (issue 14): the report
//! form posts the pasted text to `/_edit/api/import/preview` (the column mapping and the
//! rows as they would be written, with errors per row) and `/_edit/api/import/apply`.
//!
//! HOOK: `crate::import` (another branch) provides `import::table::read(file_name, bytes)`,
//! `import::results::{guess, plan, apply}`. Until it is merged the editor answers with
//! [`NotYet`]; wiring it is one `impl Importer` that calls those functions, set in
//! `Editor::new`.

use serde_json::Value;
use std::path::Path;

/// What the editor needs of the import: both take the request
/// `{report: "content/reports/x.vi.md", file_name, text}` and answer JSON for the page
/// (`{mapping, rows, errors}` for a preview, `{ok, written}` for apply), or a message.
pub trait Importer: Send + Sync {
    fn preview(&self, root: &Path, req: &Value) -> Result<Value, String>;
    fn apply(&self, root: &Path, req: &Value) -> Result<Value, String>;
}

/// The import before `crate::import` exists: says so (answered 501).
pub struct NotYet;

impl Importer for NotYet {
    fn preview(&self, _: &Path, _: &Value) -> Result<Value, String> {
        Err("Nhập bảng chưa có trong bản này / importing a table is not available yet".into())
    }

    fn apply(&self, root: &Path, req: &Value) -> Result<Value, String> {
        self.preview(root, req)
    }
}
