//! A report's results from a table: which column is which ([`guess`], or a [`Mapping`]
//! given), what each row becomes and what is wrong with it ([`plan`]), and writing the
//! rows into the report ([`apply`]) only when every row is right and the site still checks.
//!
//! Decisions, each tested below:
//! - A column the mapping leaves out keeps what the report says (a table of actuals does
//!   not erase the targets); a column it maps is the truth, and an empty cell there means
//!   none (the indicator's own target, no note). The actual is required.
//! - Rows with nothing in the mapped columns are skipped; a row with a note or a figure but
//!   no indicator is an error (merged cells and notes over two rows are common in
//!   spreadsheets, and guessing whose note it is would be wrong silently).
//! - An indicator on two rows is an error on the second, naming the first.
//! - `97,5%` is read as 97,5 for an indicator measured in %; for any other it is an error.
//! - Figures are facts: written once, in the file that carries the facts (the first
//!   language's); notes are text: written in the file of the report given (its language).
//!   The table replaces the report's rows: rows it leaves out are removed, and translations
//!   lose their notes for them.

pub use super::columns::guess;
use super::columns::{figure, resolve};
use super::report::{self, ReportFiles};
use super::table::{Row, Table};
use crate::amount::Amount;
use crate::content::frontmatter::ResultFm;
use crate::error::{Code, Error};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// Which column (from 0) holds what.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub indicator: usize,
    pub target: Option<usize>,
    pub actual: Option<usize>,
    pub note: Option<usize>,
    /// Whether the table's `headers` name the columns. False for cells pasted without
    /// their header row: the first row is then a result too.
    #[serde(default = "yes")]
    pub header: bool,
}

fn yes() -> bool {
    true
}

/// Something wrong with a row (or with the whole import, `column` then `None`), in both
/// languages: the editor shows the one of its language.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub column: Option<usize>,
    pub vi: String,
    pub en: String,
}

/// What a row of the table becomes.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct RowOutcome {
    pub line: usize,
    /// The indicator's id, when the cell names one.
    pub indicator: Option<String>,
    /// Figures as plain decimals (`97.5`, `1500000`); the target `None` means the
    /// indicator's own.
    pub target: Option<String>,
    pub actual: Option<String>,
    /// Kept from the report (no column for them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_min: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_max: Option<String>,
    pub note: Option<String>,
    pub problems: Vec<Problem>,
}

/// What an import would do.
#[derive(Serialize, Clone, Debug)]
pub struct Plan {
    pub mapping: Mapping,
    pub rows: Vec<RowOutcome>,
    /// True when every row is right and the site checks with them: [`apply`] may write.
    pub ok: bool,
    /// Problems of the whole import: no rows, or what `check` would say about the report
    /// after it (in Vietnamese by the error's code, as the editor says field errors).
    pub problems: Vec<Problem>,
    /// The file the figures go to, relative to the site folder.
    pub facts_file: String,
    /// The file the notes go to, and its language.
    pub notes_file: String,
    pub lang: String,
    /// The files the import changes (none when the report already says all this).
    pub changes: Vec<String>,
}

/// The rows of the table the mapping reads, the header row too when it is a result.
fn data_rows<'t>(table: &'t Table, mapping: &Mapping) -> Vec<std::borrow::Cow<'t, Row>> {
    let mut rows: Vec<std::borrow::Cow<Row>> = Vec::new();
    if !mapping.header && !table.headers.is_empty() {
        rows.push(std::borrow::Cow::Owned(Row {
            line: table.header_line,
            cells: table.headers.clone(),
        }));
    }
    rows.extend(table.rows.iter().map(std::borrow::Cow::Borrowed));
    rows
}

/// What each row of `table` becomes in `report` (the report's file in the language whose
/// notes the table has), and whether the site checks with them.
pub fn plan(root: &Path, report: &Path, table: &Table, mapping: &Mapping) -> Result<Plan, Error> {
    let files = ReportFiles::find(root, report)?;
    let indicators = report::indicators(root)?;
    let facts_fm = files.front(&files.facts)?;
    let notes_fm = files.front(&files.notes)?;
    let existing: BTreeMap<&str, &ResultFm> = facts_fm
        .results
        .iter()
        .flatten()
        .map(|r| (r.indicator.as_str(), r))
        .collect();
    let existing_notes = notes_of(notes_fm.results.as_deref());
    let mut rows = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for row in data_rows(table, mapping) {
        let cell = |c: Option<usize>| c.map_or("", |c| row.cell(c));
        let mapped = [
            Some(mapping.indicator),
            mapping.target,
            mapping.actual,
            mapping.note,
        ];
        if mapped.iter().all(|c| cell(*c).is_empty()) {
            continue;
        }
        let mut out = RowOutcome {
            line: row.line,
            indicator: None,
            target: None,
            actual: None,
            target_min: None,
            target_max: None,
            note: None,
            problems: Vec::new(),
        };
        let mut problem = |column: Option<usize>, vi: String, en: String| {
            out.problems.push(Problem { column, vi, en });
        };
        let name = cell(Some(mapping.indicator));
        let ind = if name.is_empty() {
            problem(
                Some(mapping.indicator),
                "dòng này không có chỉ tiêu: ghi chú hoặc số liệu phải nằm trên dòng của chỉ tiêu; chuyển chúng lên dòng đó hoặc xóa dòng này".into(),
                "this row has no indicator: a note or figure belongs on its indicator's row; move it there or delete this row".into(),
            );
            None
        } else {
            match resolve(name, &indicators) {
                Ok(i) => Some(i),
                Err(suggestion) => {
                    let (vi_more, en_more) = match suggestion {
                        Some(s) => {
                            let vi_name = s.name.get("vi").map_or(s.id.as_str(), String::as_str);
                            let en_name = s.name.get("en").map_or(s.id.as_str(), String::as_str);
                            (
                                format!("; có phải là “{}” ({vi_name})?", s.id),
                                format!("; did you mean \"{}\" ({en_name})?", s.id),
                            )
                        }
                        None if indicators.is_empty() => (
                            "; trang web chưa có chỉ tiêu nào trong content/data/indicators.yaml".into(),
                            "; the site has no indicators in content/data/indicators.yaml yet".into(),
                        ),
                        None => (
                            "; ghi mã hoặc tên của một chỉ tiêu trong content/data/indicators.yaml".into(),
                            "; write the id or the name of an indicator of content/data/indicators.yaml".into(),
                        ),
                    };
                    problem(
                        Some(mapping.indicator),
                        format!("không có chỉ tiêu “{name}”{vi_more}"),
                        format!("unknown indicator \"{name}\"{en_more}"),
                    );
                    None
                }
            }
        };
        if let Some(ind) = ind {
            out.indicator = Some(ind.id.clone());
            if let Some(first) = seen.get(&ind.id) {
                problem(
                    Some(mapping.indicator),
                    format!(
                        "chỉ tiêu “{}” đã có ở dòng {first}: mỗi chỉ tiêu chỉ một dòng",
                        ind.id
                    ),
                    format!(
                        "indicator \"{}\" is already on row {first}: one row per indicator",
                        ind.id
                    ),
                );
            } else {
                seen.insert(ind.id.clone(), row.line);
            }
        }
        let before = ind.and_then(|i| existing.get(i.id.as_str()).copied());
        let unit_percent = ind.is_some_and(|i| i.unit.get("vi").or(i.unit.get("en")) == Some("%"));
        let mut read = |col: Option<usize>,
                        kept: Option<Amount>,
                        what: (&str, &str)|
         -> Option<String> {
            let Some(col) = col else {
                return kept.map(Amount::plain);
            };
            match figure(row.cell(col)) {
                Ok(None) => None,
                Ok(Some((a, percent))) => {
                    if percent && !unit_percent && ind.is_some() {
                        let unit = ind.and_then(|i| i.unit.get("vi")).unwrap_or("");
                        problem(
                            Some(col),
                            format!("{}: chỉ tiêu này tính bằng “{unit}”, không phải %", what.0),
                            format!(
                                "{}: this indicator is measured in \"{unit}\", not %",
                                what.1
                            ),
                        );
                    }
                    Some(a.plain())
                }
                Err((vi, en)) => {
                    problem(
                        Some(col),
                        format!("{}: {vi}", what.0),
                        format!("{}: {en}", what.1),
                    );
                    None
                }
            }
        };
        out.target = read(
            mapping.target,
            before.and_then(|r| r.target),
            ("kế hoạch", "target"),
        );
        out.actual = read(
            mapping.actual,
            before.and_then(|r| r.actual),
            ("thực hiện", "actual"),
        );
        let bad_actual = mapping
            .actual
            .is_some_and(|c| !row.cell(c).is_empty() && out.actual.is_none());
        if out.actual.is_none() && !bad_actual && ind.is_some() {
            out.problems.push(Problem {
                column: mapping.actual,
                vi: "thiếu số thực hiện".into(),
                en: "the actual value is missing".into(),
            });
        }
        // A workbook cell formatted as a percentage shows 97,5 % and holds 0.975: for an
        // indicator in % whose target is above 1.5, a figure of 1 or less is that.
        let reference = ind
            .and_then(|i| i.target.or(i.target_max))
            .map(Amount::to_f64);
        if table.workbook && unit_percent && reference.is_some_and(|r| r > 1.5) {
            for (col, value) in [(mapping.target, &out.target), (mapping.actual, &out.actual)] {
                let (Some(col), Some(v)) = (col, value) else {
                    continue;
                };
                if v.parse::<f64>().is_ok_and(|x| x > 0.0 && x <= 1.0) {
                    out.problems.push(Problem {
                        column: Some(col),
                        vi: format!("{v} có vẻ là ô định dạng phần trăm ({v} = {}%): định dạng cột là số (Number) rồi lưu lại, hoặc gõ số phần trăm", percent_of(v)),
                        en: format!("{v} looks like a cell formatted as a percentage ({v} = {}%): format the column as Number and save again, or type the percentage", percent_of(v)),
                    });
                }
            }
        }
        out.target_min = before.and_then(|r| r.target_min).map(Amount::plain);
        out.target_max = before.and_then(|r| r.target_max).map(Amount::plain);
        out.note = match mapping.note {
            Some(c) => Some(row.cell(c).to_string()).filter(|n| !n.is_empty()),
            None => ind.and_then(|i| existing_notes.get(&i.id).cloned()),
        };
        rows.push(out);
    }
    let mut problems = Vec::new();
    if rows.is_empty() {
        problems.push(Problem {
            column: None,
            vi: "bảng không có dòng kết quả nào".into(),
            en: "the table has no rows of results".into(),
        });
    }
    let rows_ok = problems.is_empty() && rows.iter().all(|r| r.problems.is_empty());
    let mut changes = Vec::new();
    if rows_ok {
        let texts = new_texts(&files, &rows)?;
        for d in report::check_with(root, &texts)? {
            // Where, then what, in each language (the Vietnamese from the error's code).
            let at = match &d.span {
                Some(span) => format!("{}:{}:{}", d.path, span.line, span.col),
                None => d.path.clone(),
            };
            let (message, hint) = crate::error::said(&d, "vi");
            let hint = hint.map(|h| format!(" — {h}")).unwrap_or_default();
            problems.push(Problem {
                column: None,
                vi: format!(
                    "sau khi nhập, báo cáo sẽ có lỗi [{}]: {at}: {message}{hint}",
                    d.code
                ),
                en: format!("after the import the report would have an error: {d}"),
            });
        }
        for (path, text) in &texts {
            if files.text(path)? != *text {
                changes.push(path.clone());
            }
        }
    }
    Ok(Plan {
        mapping: mapping.clone(),
        ok: rows_ok && problems.is_empty(),
        rows,
        problems,
        facts_file: files.facts.clone(),
        notes_file: files.notes.clone(),
        lang: files.notes_lang.clone(),
        changes,
    })
}

/// `0.975` → `97.5`: a fraction as the percentage a spreadsheet shows.
fn percent_of(plain: &str) -> String {
    Amount::parse(plain)
        .map(|a| super::table::float_text(a.to_f64() * 100.0))
        .unwrap_or_else(|_| plain.to_string())
}

fn notes_of(results: Option<&[ResultFm]>) -> BTreeMap<String, String> {
    results
        .into_iter()
        .flatten()
        .filter_map(|r| Some((r.indicator.clone(), r.note.clone()?)))
        .collect()
}

/// A figure as it is written: a number when YAML reads it back as the same decimal, else
/// the decimal in quotes (exact beyond a float's 15 digits).
fn number(plain: &str) -> Value {
    if let Ok(i) = plain.parse::<i64>() {
        return Value::from(i);
    }
    let digits = plain.chars().filter(char::is_ascii_digit).count();
    if digits <= 15 {
        if let Some(n) = plain
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
        {
            if n.to_string() == plain {
                return Value::Number(n);
            }
        }
    }
    Value::String(plain.to_string())
}

/// The new text of every version of the report: the figures (and the notes of its own
/// language) in the file of facts, each translation's notes in its file.
fn new_texts(files: &ReportFiles, rows: &[RowOutcome]) -> Result<BTreeMap<String, String>, Error> {
    let mut out = BTreeMap::new();
    for (_, path) in &files.versions {
        let text = files.text(path)?;
        let fm = files.front(path)?;
        let kept = notes_of(fm.results.as_deref());
        let note_of = |r: &RowOutcome, id: &str| -> Option<String> {
            if *path == files.notes {
                r.note.clone()
            } else {
                kept.get(id).cloned()
            }
        };
        let mut list = Vec::new();
        for r in rows {
            let Some(id) = r.indicator.as_deref() else {
                continue;
            };
            let mut item = serde_json::Map::new();
            item.insert("indicator".into(), json!(id));
            if *path == files.facts {
                for (k, v) in [
                    ("target", &r.target),
                    ("target_min", &r.target_min),
                    ("target_max", &r.target_max),
                    ("actual", &r.actual),
                ] {
                    if let Some(v) = v {
                        item.insert(k.into(), number(v));
                    }
                }
            }
            if let Some(n) = note_of(r, id) {
                item.insert("note".into(), json!(n));
            }
            // A translation lists only the rows it gives a note to.
            if *path == files.facts || item.contains_key("note") {
                list.push(Value::Object(item));
            }
        }
        let value = (*path == files.facts || !list.is_empty()).then_some(Value::Array(list));
        if value.is_none() && fm.results.is_none() {
            out.insert(path.clone(), text);
            continue;
        }
        out.insert(
            path.clone(),
            report::with_results(path, &text, value.as_ref())?,
        );
    }
    Ok(out)
}

/// The report's file in language `lang` (`report` names any of its files): the file the
/// notes of that language go to.
pub fn language_version(
    root: &Path,
    report: &Path,
    lang: &str,
) -> Result<std::path::PathBuf, Error> {
    use crate::error::Diagnostic;
    let files = ReportFiles::find(root, report)?;
    let langs = report::languages(root)?;
    if !langs.iter().any(|l| l == lang) {
        return Err(Error::Content(vec![Diagnostic::error(
            Code::UnknownLanguage,
            &files.notes,
            format!("the site has no language \"{lang}\""),
        )
        .hint(format!(
            "use one of the languages of site.yaml: {}",
            langs.join(", ")
        ))]));
    }
    match files.versions.iter().find(|(l, _)| l == lang) {
        Some((_, path)) => Ok(root.join(path)),
        None => Err(Error::Content(vec![Diagnostic::error(
            Code::NoVersionForNotes,
            &files.notes,
            format!("the report has no version in \"{lang}\" for the notes to go to"),
        )
        .hint(format!("create its translation first (minhbach new report … --lang {lang}), or import the notes in another language"))])),
    }
}

/// Writes the plan's rows into the report: refused unless the plan is ok, and checked
/// again against the files as they are now (the same model as `check`) — nothing is
/// written when anything is wrong.
pub fn apply(root: &Path, report: &Path, plan: &Plan) -> Result<(), Error> {
    use crate::error::Diagnostic;
    let files = ReportFiles::find(root, report)?;
    if !plan.ok {
        let first = plan
            .rows
            .iter()
            .find(|r| !r.problems.is_empty())
            .map(|r| format!(" (row {}: {})", r.line, r.problems[0].en))
            .unwrap_or_default();
        return Err(Error::Content(vec![Diagnostic::error(
            Code::ImportRowProblems,
            &files.notes,
            format!("the import has problems{first}; nothing was written"),
        )
        .hint("correct the rows of the table, then import again")]));
    }
    let texts = new_texts(&files, &plan.rows)?;
    let errors = report::check_with(root, &texts)?;
    if !errors.is_empty() {
        return Err(Error::Content(errors));
    }
    for (path, text) in &texts {
        if files.text(path)? == *text {
            continue;
        }
        let full = root.join(path);
        crate::content::write::write_atomic(&full, text.as_bytes())
            .map_err(|e| Error::io(&full, e))?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "results_tests.rs"]
mod tests;
