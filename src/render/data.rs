//! Open data: per language, the published campaigns, exemplars, reports, results, legal
//! documents and timeline as CSV (for spreadsheets) and JSON (for programs), a JSON Schema
//! for each JSON file, a Frictionless Data Package describing the CSVs, and the page that
//! lists them all.
//!
//! One `Table` drives every format: its columns give the CSV header, the JSON keys in
//! order, the JSON Schema and the Data Package fields, so they cannot disagree. Column
//! names are ASCII snake_case and the same in every language; titles, descriptions and
//! values are in the file's language. Output is deterministic: rows are sorted by the
//! builders, keys keep column order and every file ends with a newline.

mod csv;
mod tables;

use super::index::LangIndex;
use super::views::Link;
use super::{format_number, Renderer, Section};
use crate::config::Language;
use crate::error::{Code, Diagnostic};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::json;

/// The licence the data is published under. Government open data in Viet Nam has no
/// statutory licence; CC BY 4.0 is what open data portals use so reuse needs only credit.
const LICENSE: License = License {
    name: "CC-BY-4.0",
    path: "https://creativecommons.org/licenses/by/4.0/",
    title: "Creative Commons Attribution 4.0 International",
};

const JSON_SCHEMA_DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";
const PARTIAL_DATE_PATTERN: &str = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";
const PERIOD_PATTERN: &str = crate::period::PERIOD_PATTERN;
const PACKAGE_FILE: &str = "datapackage.json";

/// What a column holds; decides its JSON type, its schema and its Data Package type.
#[derive(Debug, Clone, Copy)]
pub(super) enum Type {
    Text,
    /// One of a fixed set of machine codes.
    Code(&'static [&'static str]),
    Integer,
    /// Written with a dot for decimals and no grouping, in CSV as in JSON.
    Number,
    Boolean,
    /// A full date, `2022-06-10`.
    Day,
    /// A date at the precision the source gives: `2022`, `2022-01` or `2022-01-15`.
    PartialDate,
    /// A reporting period: `2024-H1`, `2024-Q3`, `2024`, `2023-2024`, …
    Period,
    /// An absolute URL.
    Url,
    /// Several texts: an array in JSON, joined with `; ` in CSV.
    List,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Column {
    name: &'static str,
    ty: Type,
    nullable: bool,
}

impl Column {
    const fn new(name: &'static str, ty: Type) -> Self {
        Column {
            name,
            ty,
            nullable: false,
        }
    }
    const fn nullable(self) -> Self {
        Column {
            nullable: true,
            ..self
        }
    }
}

/// One value. `Null` is an empty CSV field and JSON `null`.
#[derive(Debug, Clone)]
pub(super) enum Cell {
    Null,
    Text(String),
    Int(i64),
    Num(f64),
    /// A figure as written: exact, however large.
    Amount(crate::amount::Amount),
    Bool(bool),
    List(Vec<String>),
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    /// Empty text is no value: CSV readers cannot tell the two apart.
    fn text_or_null(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Null
        } else {
            Cell::text(s)
        }
    }
    fn opt(s: Option<impl Into<String>>) -> Cell {
        s.map_or(Cell::Null, Cell::text)
    }
    fn count(n: usize) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
    /// Infinite or NaN figures have no JSON form: no value.
    fn number(x: Option<f64>) -> Cell {
        x.filter(|x| x.is_finite()).map_or(Cell::Null, Cell::Num)
    }
    fn amount(x: Option<crate::amount::Amount>) -> Cell {
        x.map_or(Cell::Null, Cell::Amount)
    }

    fn csv(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Text(s) => csv::defuse(s),
            Cell::Int(n) => n.to_string(),
            // Display of f64 never uses an exponent and drops a zero fraction: 96, 96.5.
            Cell::Num(x) => x.to_string(),
            Cell::Amount(a) => a.plain(),
            Cell::Bool(b) => b.to_string(),
            Cell::List(l) => csv::defuse(&l.join("; ")),
        }
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Null => s.serialize_unit(),
            Cell::Text(t) => s.serialize_str(t),
            Cell::Int(n) => s.serialize_i64(*n),
            // Whole numbers as integers (100, not 100.0), as in the CSV.
            Cell::Num(x) if x.fract() == 0.0 && x.abs() < 1e15 => s.serialize_i64(*x as i64),
            Cell::Num(x) => s.serialize_f64(*x),
            // Written as the digits themselves: a float would round amounts above 2^53.
            Cell::Amount(a) => serde_json::value::RawValue::from_string(a.plain())
                .map_err(serde::ser::Error::custom)?
                .serialize(s),
            Cell::Bool(b) => s.serialize_bool(*b),
            Cell::List(l) => {
                let mut seq = s.serialize_seq(Some(l.len()))?;
                for x in l {
                    seq.serialize_element(x)?;
                }
                seq.end()
            }
        }
    }
}

/// A table of one language: its columns, keys and rows.
pub(super) struct Table {
    /// File stem and Data Package resource name: `campaigns`.
    name: &'static str,
    columns: &'static [Column],
    primary_key: Option<&'static str>,
    /// (column, resource): the column refers to the `id` of another table.
    foreign_keys: Vec<(&'static str, &'static str)>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(name: &'static str, columns: &'static [Column]) -> Self {
        Table {
            name,
            columns,
            primary_key: None,
            foreign_keys: Vec::new(),
            rows: Vec::new(),
        }
    }
    fn primary_key(mut self, column: &'static str) -> Self {
        self.primary_key = Some(column);
        self
    }
    fn foreign_key(mut self, column: &'static str, resource: &'static str) -> Self {
        self.foreign_keys.push((column, resource));
        self
    }

    /// Adds a row given as (column, value) pairs, which must name the columns in order:
    /// writing the names next to the values keeps a builder from shifting a column.
    fn push(&mut self, row: Vec<(&'static str, Cell)>) {
        let names: Vec<&str> = row.iter().map(|(n, _)| *n).collect();
        let expected: Vec<&str> = self.columns.iter().map(|c| c.name).collect();
        assert_eq!(names, expected, "row of {} out of column order", self.name);
        self.rows.push(row.into_iter().map(|(_, c)| c).collect());
    }

    fn csv(&self) -> String {
        let mut w = csv::Writer::new();
        w.record(self.columns.iter().map(|c| c.name));
        for row in &self.rows {
            w.record(row.iter().map(Cell::csv));
        }
        w.finish()
    }

    fn json(&self) -> String {
        let rows: Vec<Record> = self
            .rows
            .iter()
            .map(|cells| Record {
                columns: self.columns,
                cells,
            })
            .collect();
        pretty(&rows)
    }
}

/// A row as a JSON object whose keys keep column order.
struct Record<'a> {
    columns: &'a [Column],
    cells: &'a [Cell],
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.columns.len()))?;
        for (c, v) in self.columns.iter().zip(self.cells) {
            map.serialize_entry(c.name, v)?;
        }
        map.end()
    }
}

/// A JSON object whose keys keep the order they were given in.
struct Ordered<T>(Vec<(&'static str, T)>);

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

fn pretty(value: &impl Serialize) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("open data values serialize");
    s.push('\n');
    s
}

#[derive(Serialize)]
struct JsonSchema {
    #[serde(rename = "$schema")]
    schema: &'static str,
    #[serde(rename = "$id")]
    id: String,
    title: String,
    description: String,
    #[serde(rename = "type")]
    ty: &'static str,
    items: RowSchema,
}

#[derive(Serialize)]
struct RowSchema {
    #[serde(rename = "type")]
    ty: &'static str,
    required: Vec<&'static str>,
    #[serde(rename = "additionalProperties")]
    additional_properties: bool,
    properties: Ordered<serde_json::Value>,
}

#[derive(Serialize)]
struct DataPackage {
    profile: &'static str,
    name: String,
    title: String,
    description: String,
    homepage: String,
    licenses: Vec<License>,
    resources: Vec<Resource>,
}

#[derive(Serialize, Clone, Copy)]
struct License {
    name: &'static str,
    path: &'static str,
    title: &'static str,
}

#[derive(Serialize)]
struct Resource {
    profile: &'static str,
    name: &'static str,
    path: String,
    title: String,
    description: String,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    bytes: usize,
    dialect: Dialect,
    schema: TableSchema,
}

#[derive(Serialize)]
struct Dialect {
    delimiter: &'static str,
    #[serde(rename = "lineTerminator")]
    line_terminator: &'static str,
    #[serde(rename = "quoteChar")]
    quote_char: &'static str,
    #[serde(rename = "doubleQuote")]
    double_quote: bool,
    header: bool,
}

#[derive(Serialize)]
struct TableSchema {
    fields: Vec<Field>,
    #[serde(rename = "missingValues")]
    missing_values: Vec<&'static str>,
    #[serde(rename = "primaryKey", skip_serializing_if = "Option::is_none")]
    primary_key: Option<Vec<&'static str>>,
    #[serde(rename = "foreignKeys", skip_serializing_if = "Vec::is_empty")]
    foreign_keys: Vec<serde_json::Value>,
}

#[derive(Serialize)]
struct Field {
    name: &'static str,
    #[serde(rename = "type")]
    ty: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    title: String,
    description: String,
    constraints: serde_json::Value,
}

/// A file on the open data page.
#[derive(Serialize)]
struct FileView {
    name: String,
    href: String,
    format: &'static str,
    bytes: usize,
    /// The size as the page's language writes numbers.
    size: String,
    /// The file that describes this one, if any.
    schema: Option<Link>,
}

#[derive(Serialize)]
struct FieldView {
    name: &'static str,
    title: String,
    description: String,
}

#[derive(Serialize)]
struct DatasetView {
    name: &'static str,
    title: String,
    description: String,
    rows: usize,
    files: Vec<FileView>,
    fields: Vec<FieldView>,
}

/// Download links for a page that shows data: the `downloads` template variable.
#[derive(Serialize)]
pub(super) struct Download {
    title: String,
    files: Vec<Link>,
    /// The open data page, which describes the files.
    about: String,
}

impl Renderer<'_> {
    /// Data files and the open data page of one language, under its data section.
    pub(super) fn render_data(&mut self, l: &Language, index: &LangIndex) {
        let lang = l.code.as_str();
        let dir = self.path(lang, Section::Data, None);
        let tables = self.data_tables(lang, index);
        let mut datasets = Vec::new();
        let mut resources = Vec::new();
        for table in &tables {
            let csv = table.csv();
            let json = table.json();
            let schema = pretty(&self.json_schema(lang, table, &dir));
            let (csv_name, json_name, schema_name) = file_names(table.name);
            let schema_link = |name: &str| Link {
                title: name.to_string(),
                href: self.href(&format!("{dir}{name}")),
                lang: None,
                only_in: None,
            };
            let files = vec![
                self.file_view(
                    lang,
                    &dir,
                    &csv_name,
                    "CSV",
                    csv.len(),
                    Some(schema_link(PACKAGE_FILE)),
                ),
                self.file_view(
                    lang,
                    &dir,
                    &json_name,
                    "JSON",
                    json.len(),
                    Some(schema_link(&schema_name)),
                ),
                self.file_view(
                    lang,
                    &dir,
                    &schema_name,
                    "JSON Schema 2020-12",
                    schema.len(),
                    None,
                ),
            ];
            resources.push(self.resource(lang, table, csv_name.clone(), csv.len()));
            datasets.push(DatasetView {
                name: table.name,
                title: self.t(lang, &format!("data_{}", table.name)),
                description: self.t(lang, &format!("data_{}_desc", table.name)),
                rows: table.rows.len(),
                files,
                fields: table
                    .columns
                    .iter()
                    .map(|c| FieldView {
                        name: c.name,
                        title: self.column_title(lang, c),
                        description: self.column_description(lang, table, c),
                    })
                    .collect(),
            });
            for (name, text) in [(csv_name, csv), (json_name, json), (schema_name, schema)] {
                self.add_data_file(&dir, &name, text);
            }
        }
        let page_path = dir.clone();
        let package = pretty(&DataPackage {
            profile: "tabular-data-package",
            name: format!("{}-{lang}", crate::i18n::slugify(&l.title)),
            title: format!("{} — {}", l.title, self.t(lang, "nav_data")),
            description: self.t(lang, "data_package_desc"),
            homepage: self.site.settings.absolute(&page_path),
            licenses: vec![LICENSE],
            resources,
        });
        let package_view = self.file_view(
            lang,
            &dir,
            PACKAGE_FILE,
            "Data Package (JSON)",
            package.len(),
            None,
        );
        self.add_data_file(&dir, PACKAGE_FILE, package);

        let mut ctx = self.context(
            lang,
            Section::Data,
            &self.t(lang, "nav_data"),
            &self.t(lang, "data_intro"),
            &page_path,
            &self.all_langs(Section::Data, None),
        );
        ctx.insert("datasets", &datasets);
        // Every deadline as a calendar to subscribe to, beside the data.
        let ics = self.calendar(lang, &index.deadlines);
        let calendar_name = self.calendar_path(lang)[dir.len()..].to_string();
        ctx.insert(
            "calendar",
            &self.file_view(
                lang,
                &dir,
                &calendar_name,
                "iCalendar (.ics)",
                ics.len(),
                None,
            ),
        );
        self.add_data_file(&dir, &calendar_name, ics);
        // The notice about samples is shown only where some data is a sample.
        let site = self.site;
        let any_illustrative = site.exemplars.iter().any(|x| x.facts.illustrative)
            || site.reports.iter().any(|r| r.facts.illustrative)
            || site.events.iter().any(|e| e.fm.illustrative)
            || site.nominations.iter().any(|n| n.facts.illustrative)
            || site.plans.iter().any(|p| p.facts.schedule_illustrative);
        ctx.insert("any_illustrative", &any_illustrative);
        ctx.insert("package", &package_view);
        ctx.insert("license", &LICENSE);
        self.emit_page(lang, &page_path, "opendata.html", ctx);
    }

    /// The download links a page gets, by the template that shows the data.
    pub(super) fn downloads(&self, lang: &str, template: &str) -> Vec<Download> {
        let names: &[&str] = match template {
            "campaigns.html" => &["campaigns"],
            "campaign.html" | "report.html" => &["results"],
            "exemplars.html" => &["exemplars"],
            "reports.html" => &["reports", "results"],
            "plans.html" | "plan.html" => &["plans"],
            "nominations.html" => &["nominations"],
            "nomination.html" => &["nominees"],
            "documents.html" => &["documents"],
            "timeline.html" => &["events"],
            _ => &[],
        };
        let dir = self.path(lang, Section::Data, None);
        names
            .iter()
            .map(|name| {
                let (csv, json, _) = file_names(name);
                Download {
                    title: self.t(lang, &format!("data_{name}")),
                    files: [csv, json]
                        .into_iter()
                        .map(|f| Link {
                            href: self.href(&format!("{dir}{f}")),
                            title: f,
                            lang: None,
                            only_in: None,
                        })
                        .collect(),
                    about: self.href(&dir),
                }
            })
            .collect()
    }

    fn add_data_file(&mut self, dir: &str, name: &str, text: String) {
        let file = format!("{}{name}", dir.trim_start_matches('/'));
        if let Err(e) = self.out.add(file.clone(), text.into_bytes()) {
            self.diags.push(
                Diagnostic::error(Code::SameAddress, file, e)
                    .hint("a page or static file has the address of an open data file: rename it"),
            );
        }
    }

    fn file_view(
        &self,
        lang: &str,
        dir: &str,
        name: &str,
        format: &'static str,
        bytes: usize,
        schema: Option<Link>,
    ) -> FileView {
        FileView {
            name: name.to_string(),
            href: self.href(&format!("{dir}{name}")),
            format,
            bytes,
            size: format_number(bytes as f64, lang),
            schema,
        }
    }

    fn column_title(&self, lang: &str, c: &Column) -> String {
        self.t(lang, &format!("col_{}", c.name))
    }

    /// A column's description: the table's own wording if the theme has one
    /// (`col_exemplars_kind_desc`), else the shared one (`col_kind_desc`).
    fn column_description(&self, lang: &str, table: &Table, c: &Column) -> String {
        let own = format!("col_{}_{}_desc", table.name, c.name);
        match self.theme.strings.get(lang).and_then(|m| m.get(&own)) {
            Some(s) => s.clone(),
            None => self.t(lang, &format!("col_{}_desc", c.name)),
        }
    }

    fn json_schema(&self, lang: &str, table: &Table, dir: &str) -> JsonSchema {
        let (_, _, schema_name) = file_names(table.name);
        let properties = table
            .columns
            .iter()
            .map(|c| {
                let mut p = match c.ty {
                    Type::Text => json!({"type": "string"}),
                    Type::Code(codes) => json!({"type": "string", "enum": codes}),
                    Type::Integer => json!({"type": "integer"}),
                    Type::Number => json!({"type": "number"}),
                    Type::Boolean => json!({"type": "boolean"}),
                    Type::Day => json!({"type": "string", "format": "date"}),
                    Type::PartialDate => json!({"type": "string", "pattern": PARTIAL_DATE_PATTERN}),
                    Type::Period => json!({"type": "string", "pattern": PERIOD_PATTERN}),
                    Type::Url => json!({"type": "string", "format": "uri"}),
                    Type::List => json!({"type": "array", "items": {"type": "string"}}),
                };
                if c.nullable {
                    let ty = p["type"].clone();
                    p["type"] = json!([ty, "null"]);
                    if let Some(codes) = p.get_mut("enum").and_then(|e| e.as_array_mut()) {
                        codes.push(serde_json::Value::Null);
                    }
                }
                p["title"] = json!(self.column_title(lang, c));
                p["description"] = json!(self.column_description(lang, table, c));
                (c.name, p)
            })
            .collect();
        JsonSchema {
            schema: JSON_SCHEMA_DRAFT,
            id: self.site.settings.absolute(&format!("{dir}{schema_name}")),
            title: self.t(lang, &format!("data_{}", table.name)),
            description: self.t(lang, &format!("data_{}_desc", table.name)),
            ty: "array",
            items: RowSchema {
                ty: "object",
                required: table.columns.iter().map(|c| c.name).collect(),
                additional_properties: false,
                properties: Ordered(properties),
            },
        }
    }

    fn resource(&self, lang: &str, table: &Table, path: String, bytes: usize) -> Resource {
        let fields = table
            .columns
            .iter()
            .map(|c| {
                // An empty list is an empty CSV field, which Frictionless reads as missing.
                let required = !c.nullable && !matches!(c.ty, Type::List);
                let mut constraints = json!({"required": required});
                let (ty, format) = match c.ty {
                    Type::Text | Type::List => ("string", None),
                    Type::Code(codes) => {
                        constraints["enum"] = json!(codes);
                        ("string", None)
                    }
                    Type::Integer => ("integer", None),
                    Type::Number => ("number", None),
                    Type::Boolean => ("boolean", None),
                    Type::Day => ("date", None),
                    Type::PartialDate => {
                        constraints["pattern"] = json!(PARTIAL_DATE_PATTERN);
                        ("string", None)
                    }
                    Type::Period => {
                        constraints["pattern"] = json!(PERIOD_PATTERN);
                        ("string", None)
                    }
                    Type::Url => ("string", Some("uri")),
                };
                Field {
                    name: c.name,
                    ty,
                    format,
                    title: self.column_title(lang, c),
                    description: self.column_description(lang, table, c),
                    constraints,
                }
            })
            .collect();
        Resource {
            profile: "tabular-data-resource",
            name: table.name,
            path,
            title: self.t(lang, &format!("data_{}", table.name)),
            description: self.t(lang, &format!("data_{}_desc", table.name)),
            format: "csv",
            mediatype: "text/csv",
            encoding: "utf-8",
            bytes,
            dialect: Dialect {
                delimiter: ",",
                line_terminator: "\r\n",
                quote_char: "\"",
                double_quote: true,
                header: true,
            },
            schema: TableSchema {
                fields,
                missing_values: vec![""],
                primary_key: table.primary_key.map(|k| vec![k]),
                foreign_keys: table
                    .foreign_keys
                    .iter()
                    .map(|(column, resource)| {
                        json!({
                            "fields": [column],
                            "reference": {"resource": resource, "fields": ["id"]},
                        })
                    })
                    .collect(),
            },
        }
    }
}

/// `campaigns` → `campaigns.csv`, `campaigns.json`, `campaigns.schema.json`.
fn file_names(table: &str) -> (String, String, String) {
    (
        format!("{table}.csv"),
        format!("{table}.json"),
        format!("{table}.schema.json"),
    )
}

#[cfg(test)]
mod tests {
    use super::{Cell, Column, Table, Type};

    const COLUMNS: &[Column] = &[
        Column::new("id", Type::Text),
        Column::new("value", Type::Number).nullable(),
        Column::new("tags", Type::List),
    ];

    fn table() -> Table {
        let mut t = Table::new("t", COLUMNS);
        t.push(vec![
            ("id", Cell::text("a")),
            ("value", Cell::number(Some(96.0))),
            ("tags", Cell::List(vec!["Xã hội".into(), "An ninh".into()])),
        ]);
        t.push(vec![
            ("id", Cell::text("b")),
            ("value", Cell::number(Some(f64::NAN))),
            ("tags", Cell::List(vec![])),
        ]);
        t.push(vec![
            ("id", Cell::text("c")),
            ("value", Cell::number(Some(0.125))),
            ("tags", Cell::List(vec![])),
        ]);
        t
    }

    #[test]
    fn json_keeps_column_order_and_writes_whole_numbers_as_integers() {
        let json = table().json();
        assert!(json.ends_with("]\n"));
        assert!(json.find("\"id\"") < json.find("\"value\""));
        assert!(json.find("\"value\"") < json.find("\"tags\""));
        let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(v[0]["value"], serde_json::json!(96));
        assert!(json.contains("\"value\": 96,"));
        assert_eq!(v[1]["value"], serde_json::Value::Null);
        assert_eq!(v[2]["value"], serde_json::json!(0.125));
        assert_eq!(v[0]["tags"], serde_json::json!(["Xã hội", "An ninh"]));
    }

    #[test]
    fn csv_writes_numbers_plainly_and_lists_joined() {
        assert_eq!(
            table().csv(),
            "\u{feff}id,value,tags\r\na,96,\"Xã hội; An ninh\"\r\nb,,\r\nc,0.125,\r\n"
        );
    }

    #[test]
    #[should_panic(expected = "out of column order")]
    fn rows_must_name_columns_in_order() {
        let mut t = Table::new("t", COLUMNS);
        t.push(vec![
            ("value", Cell::Null),
            ("id", Cell::text("a")),
            ("tags", Cell::List(vec![])),
        ]);
    }
}
