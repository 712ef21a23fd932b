//! Editor support: JSON Schemas of each content kind's front matter, of the data files and
//! of site.yaml, derived from the serde types that validate them (`content/frontmatter.rs`,
//! `config.rs`), so what an editor underlines and what `check` rejects cannot drift apart.
//! Their doc comments are the descriptions editors show on hover.
//!
//! The schemas are JSON Schema draft-07: that is the dialect the VS Code YAML extension
//! implements (it understands newer drafts only in part), and AJV-based front matter linters
//! default to it. Keys are sorted, so the files are the same whatever serde_json features
//! other crates switch on. `docs/schemas/` holds the generated files; a test regenerates
//! them and fails if they differ.
//!
//! What a schema cannot say is still checked by the model only: that an id exists, that a
//! date exists in its month, that every language of the site is given.

use crate::config::RawSite;
use crate::content::frontmatter::{
    CampaignFm, DocumentFm, EventFm, ExemplarFm, IndicatorFm, NominationFm, PageFm, PlanFm,
    ReportFm, UnitFm,
};
use crate::content::load::Kind;
use crate::error::Error;
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// One generated schema: its file name and its text (pretty JSON with a final newline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaFile {
    pub name: String,
    pub text: String,
}

/// The schema file name for a name such as `campaign` or `units`.
pub fn file_name(name: &str) -> String {
    format!("{name}.schema.json")
}

/// The schema name of a content kind's front matter.
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Plan => "plan",
        Kind::Campaign => "campaign",
        Kind::Exemplar => "exemplar",
        Kind::Report => "report",
        Kind::Page => "page",
        Kind::Nomination => "nomination",
    }
}

/// The schema name of a translation of a content kind: `campaign.translation`.
pub fn translation_name(kind: Kind) -> String {
    format!("{}.translation", kind_name(kind))
}

/// The facts a kind's first-language file must give: the model requires the same (see
/// `content/facts.rs`). A translation gives only text, so its schema requires only a title.
fn required_facts(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Plan => &["symbol", "issued", "place", "issuer"],
        Kind::Campaign => &["launched", "lead_unit"],
        Kind::Exemplar => &["kind", "unit", "campaign", "recognized", "award"],
        Kind::Report => &["period", "recipient"],
        Kind::Page => &[],
        Kind::Nomination => &["posted", "deadline", "council", "award"],
    }
}

/// Every schema, in a fixed order.
pub fn all() -> Vec<SchemaFile> {
    let mut out = Vec::new();
    for (kind, title) in [
        (Kind::Plan, "Plan front matter"),
        (Kind::Campaign, "Campaign front matter"),
        (Kind::Exemplar, "Exemplar front matter"),
        (Kind::Report, "Report front matter"),
        (Kind::Page, "Page front matter"),
        (Kind::Nomination, "Nomination list front matter"),
    ] {
        let make: fn(&str, &str, &[&str]) -> SchemaFile = match kind {
            Kind::Plan => object::<PlanFm>,
            Kind::Campaign => object::<CampaignFm>,
            Kind::Exemplar => object::<ExemplarFm>,
            Kind::Report => object::<ReportFm>,
            Kind::Page => object::<PageFm>,
            Kind::Nomination => object::<NominationFm>,
        };
        out.push(make(kind_name(kind), title, required_facts(kind)));
        if kind != Kind::Page {
            out.push(make(
                &translation_name(kind),
                &format!("{title}, translation (text only: the facts come from the first language's file)"),
                &[],
            ));
        }
    }
    out.extend([
        list::<DocumentFm>(
            "documents",
            "content/data/documents.yaml",
            "The legal documents (văn bản) cited by the plan and the campaigns: a list, one \
             entry per document, each starting with - id:",
        ),
        list::<UnitFm>(
            "units",
            "content/data/units.yaml",
            "The units (đơn vị) of the organization: a list, one entry per unit, each \
             starting with - id:",
        ),
        list::<EventFm>(
            "events",
            "content/data/events.yaml",
            "Extra dated events for the timeline: a list, one entry per event, each starting \
             with - id:",
        ),
        list::<IndicatorFm>(
            "indicators",
            "content/data/indicators.yaml",
            "The indicators (chỉ tiêu) the reports measure: a list, one entry per indicator, \
             each starting with - id:. Reports name them in their results.",
        ),
        list::<crate::workdays::HolidayYear>(
            "holidays",
            "content/data/holidays.yaml",
            "Public holidays and make-up working days, year by year, for counting comment \
             windows in working days; a year here replaces the built-in one.",
        ),
        object::<RawSite>("site", "site.yaml", &[]),
    ]);
    out
}

/// Writes every schema into `out` (created if missing), replacing older versions.
pub fn write_all(out: &Path) -> Result<Vec<PathBuf>, Error> {
    let files: Vec<(PathBuf, String)> = all()
        .into_iter()
        .map(|f| (out.join(f.name), f.text))
        .collect();
    crate::output::write_files(&files)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

fn settings() -> SchemaSettings {
    SchemaSettings::draft07()
}

/// The schema of a struct, titled for people, with `required` keys added to those the
/// type itself requires.
fn object<T: JsonSchema>(name: &str, title: &str, required: &[&str]) -> SchemaFile {
    let mut schema = settings().into_generator().into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    let mut value = schema.to_value();
    if !required.is_empty() {
        let list = value
            .as_object_mut()
            .expect("a struct's schema is an object")
            .entry("required")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = list {
            for key in required {
                if !items.iter().any(|i| i == key) {
                    items.push(Value::String((*key).to_string()));
                }
            }
            items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
        }
    }
    finish(name, value)
}

/// The schema of a data file: a list of `T`.
fn list<T: JsonSchema>(name: &str, title: &str, description: &str) -> SchemaFile {
    let mut schema = settings().into_generator().into_root_schema_for::<Vec<T>>();
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    finish(name, schema.to_value())
}

fn finish(name: &str, schema: Value) -> SchemaFile {
    let mut text =
        serde_json::to_string_pretty(&tidy(schema)).expect("a JSON value always serializes");
    text.push('\n');
    SchemaFile {
        name: file_name(name),
        text,
    }
}

/// Object keys in byte order at every level; doc comment lines joined into one paragraph;
/// no `format` (schemars adds `double`, `uint32`…, which editors do not know and strict
/// AJV-based linters reject; the patterns already say what is allowed).
fn tidy(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map
                .into_iter()
                .filter(|(k, v)| !(k == "format" && v.is_string()))
                .map(|(k, v)| match (k.as_str(), v) {
                    ("description", Value::String(d)) => {
                        let joined = d.split_whitespace().collect::<Vec<_>>().join(" ");
                        (k, Value::String(joined))
                    }
                    (_, v) => (k, tidy(v)),
                })
                .collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().collect::<Map<String, Value>>())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(tidy).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PartialDate;

    fn schema(name: &str) -> Value {
        let file = all()
            .into_iter()
            .find(|f| f.name == file_name(name))
            .expect("known schema");
        serde_json::from_str(&file.text).expect("valid JSON")
    }

    fn validator(schema: &Value) -> jsonschema::Validator {
        jsonschema::draft7::meta::validate(schema).expect("a valid draft-07 schema");
        jsonschema::draft7::new(schema).expect("schema compiles")
    }

    #[test]
    fn every_schema_is_valid_draft_07_and_ends_with_a_newline() {
        for f in all() {
            assert!(f.text.ends_with("}\n"), "{}", f.name);
            let v: Value = serde_json::from_str(&f.text).expect("JSON");
            assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
            validator(&v);
        }
    }

    #[test]
    fn unknown_keys_are_rejected_like_deny_unknown_fields() {
        let v = validator(&schema("campaign"));
        let ok = serde_json::json!({"title": "A", "launched": "2022-01", "lead_unit": "van-phong"});
        assert!(v.is_valid(&ok));
        let mut typo = ok.clone();
        typo["titel"] = "B".into();
        assert!(!v.is_valid(&typo));
        let mut missing = ok.clone();
        missing.as_object_mut().expect("object").remove("lead_unit");
        assert!(!v.is_valid(&missing));
        // A translation gives text only: the facts are not required there.
        let v = validator(&schema("campaign.translation"));
        assert!(v.is_valid(&missing));
        assert!(v.is_valid(&serde_json::json!({"title": "A"})));
        assert!(!v.is_valid(&typo));
    }

    #[test]
    fn every_field_has_a_description() {
        fn walk(path: &str, v: &Value, out: &mut Vec<String>) {
            if let Some(props) = v.get("properties").and_then(Value::as_object) {
                for (k, p) in props {
                    if p.get("description")
                        .and_then(Value::as_str)
                        .is_none_or(str::is_empty)
                    {
                        out.push(format!("{path}.{k}"));
                    }
                }
            }
            if let Some(defs) = v.get("definitions").and_then(Value::as_object) {
                for (k, d) in defs {
                    walk(&format!("{path}#{k}"), d, out);
                }
            }
        }
        let mut missing = Vec::new();
        for f in all() {
            let v: Value = serde_json::from_str(&f.text).expect("JSON");
            walk(&f.name, &v, &mut missing);
        }
        assert!(
            missing.is_empty(),
            "fields without a doc comment: {missing:?}"
        );
    }

    /// The date pattern and `PartialDate::parse` agree, except that only the parser knows
    /// how many days a month has.
    #[test]
    fn date_schema_accepts_what_the_parser_accepts() {
        let v = validator(&schema("campaign"));
        let with = |launched: Value| serde_json::json!({"title": "A", "launched": launched, "lead_unit": "a"});
        for s in [
            "2022",
            "2022-01",
            "2022-01-15",
            "2022-12-31",
            "2022-1",
            "22-01-01",
            "2022/01/01",
            "2022-13",
            "2022-01-32",
            "15/01/2022",
            "2022-00",
            " 2022",
        ] {
            let parsed = PartialDate::parse(s).is_ok() && s.trim() == s;
            assert_eq!(v.is_valid(&with(s.into())), parsed, "{s:?}");
        }
        assert!(v.is_valid(&with(2022.into())));
        assert!(!v.is_valid(&with(22.into())));
        // Only the model knows February has no 30th.
        assert!(v.is_valid(&with("2022-02-30".into())));
        assert!(PartialDate::parse("2022-02-30").is_err());
    }

    #[test]
    fn full_dates_periods_and_document_kinds_are_constrained() {
        let v = validator(&schema("exemplar"));
        let base = serde_json::json!({"title": "A", "kind": "individual", "unit": "a",
            "campaign": "b", "recognized": "2022-05-16", "award": "x"});
        assert!(v.is_valid(&base));
        let mut month = base.clone();
        month["recognized"] = "2022-05".into();
        assert!(!v.is_valid(&month));
        let mut kind = base.clone();
        kind["kind"] = "person".into();
        assert!(!v.is_valid(&kind));
        let mut accented = base.clone();
        accented["campaign"] = "an-toàn".into();
        assert!(!v.is_valid(&accented));

        let v = validator(&schema("report"));
        let report =
            |period: Value| serde_json::json!({"title": "A", "period": period, "recipient": "x"});
        assert!(v.is_valid(&report("2022-H1".into())));
        assert!(v.is_valid(&report(2022.into())));
        assert!(v.is_valid(&report("2022-Q1".into())));
        assert!(v.is_valid(&report("2023-2024".into())));
        assert!(!v.is_valid(&report("2022-Q5".into())));
        assert!(!v.is_valid(&report("2022-H3".into())));

        let v = validator(&schema("documents"));
        let doc = |kind: &str| {
            serde_json::json!([{"id": "ct-12", "kind": kind, "number": "12/CT-UBND",
                "issuer": {"vi": "a", "en": "b"}, "issued": "2021-12-29",
                "summary": {"vi": "a", "en": "b"}}])
        };
        assert!(v.is_valid(&doc("chi-thi")));
        assert!(!v.is_valid(&doc("chi thi")));
    }
}
