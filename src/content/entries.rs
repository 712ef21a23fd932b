//! Writing data files back, for the editor: one list entry of `content/data/*.yaml` at a
//! time, and in it one field at a time, the way `write::Document` edits front matter.
//!
//! Why not load the list and serialize it again: people edit these files by hand, with
//! comments that explain the entries and blank lines between them. Saving one unit must
//! change that unit's lines and nothing else, so the diff shows what the editor changed.
//!
//! A data file is a YAML list at column 0. An entry is its `- ` line and the lines under it
//! (indented lines; blank and comment lines when more indented lines follow). Comment lines
//! right above a `- ` line (no blank line between) go with that entry; everything else
//! (the heading comments, blank lines between entries, comments at the end) is kept as
//! text between entries. Inside an entry a field is a line at the entry's key column and
//! the lines under it. An entry written in flow style (`- { id: a, … }`) is rewritten whole
//! when it changes.

use serde_json::{Map, Value};
use std::ops::RangeInclusive;

/// Lines of a file, 1-based, first to last.
pub type Lines = RangeInclusive<usize>;

/// A data file opened for editing.
#[derive(Debug, Clone)]
pub struct DataList {
    parts: Vec<Part>,
    newline: &'static str,
}

#[derive(Debug, Clone)]
enum Part {
    /// Lines between entries, byte for byte.
    Text(String),
    Entry(Entry),
}

#[derive(Debug, Clone)]
struct Entry {
    /// Comment lines right above the `- ` line.
    comments: String,
    /// The `- ` line and the lines under it.
    raw: String,
    /// The entry as JSON, when it parses on its own.
    value: Option<Value>,
}

/// One field of an entry written in block style.
#[derive(Debug, Clone)]
struct Field {
    key: String,
    /// Comment and blank lines above the key line.
    prefix: String,
    /// The key line from its key on (without the dash or indentation before it) and the
    /// lines under it as written.
    text: String,
}

/// An entry taken apart into fields: `indent` is the column of its keys.
struct Fields {
    indent: usize,
    fields: Vec<Field>,
    /// Comment and blank lines after the last field.
    trailer: String,
}

impl Entry {
    fn new(comments: String, raw: String) -> Entry {
        let value = value_of(&raw);
        Entry {
            comments,
            raw,
            value,
        }
    }

    fn id(&self) -> Option<&str> {
        self.value.as_ref()?.get("id")?.as_str()
    }

    /// The fields of a block-style entry; `None` for flow style.
    fn fields(&self) -> Option<Fields> {
        let first = self.raw.split_inclusive('\n').next()?;
        let after_dash = first.strip_prefix('-')?;
        let indent = 1 + after_dash.len() - after_dash.trim_start_matches(' ').len();
        let mut out = Fields {
            indent,
            fields: Vec::new(),
            trailer: String::new(),
        };
        let mut pending = String::new();
        for (i, line) in self.raw.split_inclusive('\n').enumerate() {
            let content = line.trim_end_matches(['\n', '\r']);
            let at_column = if i == 0 {
                Some(&line[indent..])
            } else {
                line.get(..indent)
                    .filter(|lead| lead.bytes().all(|b| b == b' '))
                    .map(|_| &line[indent..])
                    .filter(|rest| !rest.starts_with([' ', '\t', '#', '\n', '\r']))
            };
            match at_column {
                Some(rest) if !rest.starts_with("- ") => {
                    let key = super::write::key_of(rest.trim_end_matches(['\n', '\r']))?;
                    out.fields.push(Field {
                        key,
                        prefix: std::mem::take(&mut pending),
                        text: rest.to_string(),
                    });
                }
                _ if content.trim().is_empty() || content.trim_start().starts_with('#') => {
                    pending.push_str(line);
                }
                _ => {
                    let last = out.fields.last_mut()?;
                    last.text.push_str(&pending);
                    pending.clear();
                    last.text.push_str(line);
                }
            }
        }
        out.trailer = pending;
        Some(out)
    }
}

impl Fields {
    fn text(&self) -> String {
        let mut out = String::new();
        for (i, f) in self.fields.iter().enumerate() {
            out.push_str(&f.prefix);
            out.push_str(&lead(i, self.indent));
            out.push_str(&f.text);
        }
        out.push_str(&self.trailer);
        out
    }

    /// The lines of each field, counted from 0 at the `- ` line.
    fn lines(&self) -> Vec<(String, RangeInclusive<usize>)> {
        let mut line = 0;
        let mut out = Vec::new();
        for f in &self.fields {
            line += f.prefix.matches('\n').count();
            let n = f.text.matches('\n').count().max(1);
            out.push((f.key.clone(), line..=line + n - 1));
            line += n;
        }
        out
    }
}

/// What goes before a key line: the dash for the first field, spaces for the others.
fn lead(i: usize, indent: usize) -> String {
    if i == 0 {
        format!("-{}", " ".repeat(indent.saturating_sub(1)))
    } else {
        " ".repeat(indent)
    }
}

/// An entry's text as JSON: `- …` parses as a list of one.
fn value_of(raw: &str) -> Option<Value> {
    crate::yaml::to_json(raw)?.as_array()?.first().cloned()
}

/// A field's text (key line from the key on) with `indent` spaces taken off its other
/// lines, to read its value.
fn dedent(text: &str, indent: usize) -> String {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                return line;
            }
            let spaces = line.len() - line.trim_start_matches(' ').len();
            &line[spaces.min(indent)..]
        })
        .collect()
}

/// The keys written first in a new entry, in this order; then the site's languages (the
/// keys of a `{vi, en}` text), then the others.
pub const ORDER: [&str; 24] = [
    "id",
    "kind",
    "number",
    "date",
    "name",
    "title",
    "issuer",
    "issued",
    "effective",
    "summary",
    "campaign",
    "unit",
    "direction",
    "decimals",
    "baseline",
    "baseline_period",
    "target",
    "target_min",
    "target_max",
    "file",
    "link",
    "attachments",
    "illustrative",
    "draft",
];

/// `key: value` as block YAML at column 0, with a final newline.
fn emit_field(key: &str, value: &Value, order: &[&str]) -> String {
    let mut map = Map::new();
    map.insert(key.to_string(), value.clone());
    let mut text = crate::yaml::emit_ordered(&Value::Object(map), order);
    text.push('\n');
    text
}

/// `key: { vi: "…", en: "…" }` for a map of texts, the way the data files write short
/// ones; `None` when a value is not a text.
fn emit_flow_texts(key: &str, value: &Value, order: &[&str]) -> Option<String> {
    let map = value.as_object()?;
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    let items: Option<Vec<String>> = keys
        .iter()
        .map(|k| Some(format!("{k}: {}", crate::yaml::quote(map[*k].as_str()?))))
        .collect();
    Some(format!("{key}: {{ {} }}\n", items?.join(", ")))
}

/// Indents every line but the first by `indent` spaces (blank lines stay empty).
fn indent_rest(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| {
            if i == 0 || line.trim().is_empty() {
                line.to_string()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect()
}

impl DataList {
    /// Splits a data file into its entries. `Err` says why the file is not a list the
    /// editor can change entry by entry (then it is left to be edited by hand).
    pub fn parse(text: &str) -> Result<DataList, String> {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let mut parts = Vec::new();
        let mut pending = String::new();
        let mut current: Option<(String, String)> = None;
        let finish = |current: &mut Option<(String, String)>, parts: &mut Vec<Part>| {
            if let Some((comments, raw)) = current.take() {
                parts.push(Part::Entry(Entry::new(comments, raw)));
            }
        };
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let content = line.trim_end_matches(['\n', '\r']);
            if i == 0 && content.starts_with('\u{feff}') {
                return Err("the file starts with a byte order mark".into());
            }
            if content == "-" || content.starts_with("- ") {
                finish(&mut current, &mut parts);
                // Comment lines right above go with the entry; the rest stays between.
                let split = pending
                    .split_inclusive('\n')
                    .collect::<Vec<_>>()
                    .iter()
                    .rposition(|l| !l.trim_start().starts_with('#'))
                    .map_or(0, |k| {
                        pending
                            .split_inclusive('\n')
                            .take(k + 1)
                            .map(str::len)
                            .sum()
                    });
                let comments = pending[split..].to_string();
                pending.truncate(split);
                if !pending.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut pending)));
                }
                current = Some((comments, line.to_string()));
            } else if content.starts_with([' ', '\t']) && !content.trim().is_empty() {
                let Some((_, raw)) = current.as_mut() else {
                    return Err(format!(
                        "line {}: an indented line before the first entry",
                        i + 1
                    ));
                };
                if content.trim_start().starts_with('#') {
                    pending.push_str(line);
                    continue;
                }
                raw.push_str(&pending);
                pending.clear();
                raw.push_str(line);
            } else if content.trim().is_empty() || content.starts_with('#') {
                pending.push_str(line);
            } else {
                return Err(format!(
                    "line {}: expected a list entry starting with `- `, found `{content}`",
                    i + 1
                ));
            }
        }
        finish(&mut current, &mut parts);
        if !pending.is_empty() {
            parts.push(Part::Text(pending));
        }
        Ok(DataList { parts, newline })
    }

    fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.parts.iter().filter_map(|p| match p {
            Part::Entry(e) => Some(e),
            Part::Text(_) => None,
        })
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.parts
            .iter()
            .position(|p| matches!(p, Part::Entry(e) if e.id() == Some(id)))
    }

    fn entry_mut(&mut self, id: &str) -> Option<&mut Entry> {
        let at = self.position(id)?;
        match &mut self.parts[at] {
            Part::Entry(e) => Some(e),
            Part::Text(_) => None,
        }
    }

    /// The entries' values, in the file's order (an entry that does not parse on its own
    /// is left out).
    pub fn values(&self) -> Vec<&Value> {
        self.entries().filter_map(|e| e.value.as_ref()).collect()
    }

    /// The value of the entry with this id.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.entries()
            .find(|e| e.id() == Some(id))
            .and_then(|e| e.value.as_ref())
    }

    /// Each entry with its lines (1-based, its `- ` line to its last), in one pass.
    fn located(&self) -> Vec<(&Entry, Lines)> {
        let mut line = 1;
        let mut out = Vec::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => line += t.matches('\n').count(),
                Part::Entry(e) => {
                    line += e.comments.matches('\n').count();
                    let n = e.raw.matches('\n').count().max(1);
                    out.push((e, line..=line + n - 1));
                    line += n;
                }
            }
        }
        out
    }

    /// The lines of the entry with this id, and of each of its fields: for pointing a
    /// diagnostic at the field it is about.
    pub fn lines(&self, id: &str) -> Option<(Lines, Vec<(String, Lines)>)> {
        let (entry, lines) = self
            .located()
            .into_iter()
            .find(|(e, _)| e.id() == Some(id))?;
        let fields = entry
            .fields()
            .map(|f| f.lines())
            .unwrap_or_default()
            .into_iter()
            .map(|(k, r)| (k, r.start() + lines.start()..=r.end() + lines.start()))
            .collect();
        Some((lines, fields))
    }

    /// Each entry's value (if it parses on its own) and lines.
    pub fn spans(&self) -> Vec<(Option<&Value>, Lines)> {
        self.located()
            .into_iter()
            .map(|(e, lines)| (e.value.as_ref(), lines))
            .collect()
    }

    /// Sets the fields of the entry `id`: `null`, `""`, `[]` or `{}` removes a field. An
    /// unchanged field keeps its text; a changed one is written in its place, a new one
    /// last. `false` if there is no such entry.
    pub fn set_fields(&mut self, id: &str, fields: &Map<String, Value>, order: &[&str]) -> bool {
        let newline = self.newline;
        let Some(entry) = self.entry_mut(id) else {
            return false;
        };
        let empty = |v: &Value| {
            v.is_null()
                || v.as_str().is_some_and(|s| s.trim().is_empty())
                || v.as_array().is_some_and(Vec::is_empty)
                || v.as_object().is_some_and(Map::is_empty)
        };
        let Some(mut parsed) = entry.fields() else {
            // Flow style: the entry is written again as a whole.
            let mut value = entry
                .value
                .clone()
                .unwrap_or_else(|| Value::Object(Map::new()));
            if let Some(map) = value.as_object_mut() {
                for (k, v) in fields {
                    if empty(v) {
                        map.remove(k);
                    } else {
                        map.insert(k.clone(), v.clone());
                    }
                }
            }
            if entry.value.as_ref() != Some(&value) {
                entry.raw = entry_text(&value, order, newline);
                entry.value = value_of(&entry.raw);
            }
            return true;
        };
        let indent = parsed.indent;
        for (key, value) in fields {
            let at = parsed.fields.iter().position(|f| f.key == *key);
            // A key written twice by hand: the first one is the field, the others go.
            let mut seen = false;
            parsed.fields.retain(|f| {
                let again = f.key == *key && seen;
                seen |= f.key == *key;
                !again
            });
            if empty(value) {
                if let Some(i) = at {
                    parsed.fields.remove(i);
                }
                continue;
            }
            if let Some(i) = at {
                let f = &parsed.fields[i];
                let written = crate::yaml::value_of_field(&dedent(&f.text, indent));
                if written.as_ref() == Some(value) {
                    continue;
                }
                let flow = f.text.trim_end().contains(": {") && !f.text.trim_end().contains('\n');
                let text = flow
                    .then(|| emit_flow_texts(key, value, order))
                    .flatten()
                    .unwrap_or_else(|| emit_field(key, value, order));
                parsed.fields[i].text = with_newline(&indent_rest(&text, indent), newline);
            } else {
                let text = emit_field(key, value, order);
                parsed.fields.push(Field {
                    key: key.clone(),
                    prefix: String::new(),
                    text: with_newline(&indent_rest(&text, indent), newline),
                });
            }
        }
        entry.raw = parsed.text();
        entry.value = value_of(&entry.raw);
        true
    }

    /// Adds an entry at the end of the file, after a blank line if the entries are
    /// separated by blank lines.
    pub fn push(&mut self, value: &Value, order: &[&str]) {
        let raw = entry_text(value, order, self.newline);
        self.push_text(&raw);
    }

    /// Adds an entry written as `text` (an entry taken out by [`DataList::remove`]).
    pub fn push_text(&mut self, text: &str) {
        let spaced = self.parts.windows(3).any(|w| {
            matches!(
                w,
                [Part::Entry(_), Part::Text(t), Part::Entry(_)] if t.trim().is_empty()
            )
        });
        let newline = self.newline;
        let mut before = String::new();
        let last = match self.parts.last_mut() {
            Some(Part::Entry(e)) => Some(&mut e.raw),
            Some(Part::Text(t)) => Some(t),
            None => None,
        };
        if let Some(last) = last.filter(|l| !l.ends_with('\n')) {
            last.push_str(newline);
        }
        if spaced && matches!(self.parts.last(), Some(Part::Entry(_))) {
            before.push_str(newline);
        }
        if !before.is_empty() {
            self.parts.push(Part::Text(before));
        }
        // Comment lines at the start of `text` go with the entry again.
        let split = text
            .split_inclusive('\n')
            .take_while(|l| l.trim_start().starts_with('#'))
            .map(str::len)
            .sum::<usize>();
        self.parts.push(Part::Entry(Entry::new(
            text[..split].to_string(),
            text[split..].to_string(),
        )));
    }

    /// Takes the entry `id` out, with the comment lines above it and one blank line that
    /// separated it from its neighbours; returns its text (comments and entry).
    pub fn remove(&mut self, id: &str) -> Option<String> {
        let at = self.position(id)?;
        let Part::Entry(e) = self.parts.remove(at) else {
            return None;
        };
        let blank = |p: Option<&Part>| matches!(p, Some(Part::Text(t)) if t.trim().is_empty());
        let entry_at = |p: Option<&Part>| matches!(p, Some(Part::Entry(_)));
        if at > 0 && blank(self.parts.get(at - 1)) && (at < 2 || entry_at(self.parts.get(at - 2))) {
            self.parts.remove(at - 1);
        } else if blank(self.parts.get(at)) && entry_at(self.parts.get(at + 1)) {
            self.parts.remove(at);
        }
        Some(format!("{}{}", e.comments, e.raw))
    }

    /// Gives the entry `id` the id `new`, on its id line only. `false` if there is no
    /// such entry.
    pub fn rename(&mut self, id: &str, new: &str, order: &[&str]) -> bool {
        let mut fields = Map::new();
        fields.insert("id".into(), Value::String(new.to_string()));
        self.set_fields(id, &fields, order)
    }

    /// The file's text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Entry(e) => {
                    out.push_str(&e.comments);
                    out.push_str(&e.raw);
                }
            }
        }
        out
    }
}

fn with_newline(text: &str, newline: &str) -> String {
    if newline == "\n" {
        text.to_string()
    } else {
        text.replace('\n', newline)
    }
}

/// A new entry's text: `- id: …` and its fields in block style, keys in `order` first.
fn entry_text(value: &Value, order: &[&str], newline: &str) -> String {
    let mut text = crate::yaml::emit_ordered(&Value::Array(vec![value.clone()]), order);
    text.push('\n');
    with_newline(&text, newline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FILE: &str = concat!(
        "# Units of the department.\n",
        "# Keep the ids.\n",
        "\n",
        "- id: van-phong\n",
        "  name: { vi: \"Văn phòng Sở\", en: \"Department Office\" }\n",
        "\n",
        "# The inspectorate.\n",
        "- id: thanh-tra\n",
        "  name:\n",
        "    vi: \"Thanh tra Sở\"\n",
        "    # checked\n",
        "    en: \"Inspectorate\"\n",
        "  draft: true\n",
        "\n",
        "- { id: ke-toan, name: { vi: \"Kế toán\", en: \"Accounting\" } }\n",
        "# end\n",
    );

    const ORDER_LANGS: [&str; 3] = ["id", "vi", "en"];

    fn order() -> Vec<&'static str> {
        ORDER.iter().copied().chain(["vi", "en"]).collect()
    }

    #[test]
    fn an_unchanged_file_is_written_back_byte_for_byte() {
        let list = DataList::parse(FILE).expect("parses");
        assert_eq!(list.text(), FILE);
        let ids: Vec<_> = list.values().iter().map(|v| v["id"].clone()).collect();
        assert_eq!(
            ids,
            [json!("van-phong"), json!("thanh-tra"), json!("ke-toan")]
        );
        assert_eq!(
            list.get("thanh-tra").expect("entry")["name"]["en"],
            "Inspectorate"
        );
    }

    #[test]
    fn a_changed_field_changes_only_its_lines() {
        let mut list = DataList::parse(FILE).expect("parses");
        let fields = json!({"name": {"vi": "Văn phòng", "en": "Department Office"}});
        assert!(list.set_fields("van-phong", fields.as_object().expect("map"), &order()));
        assert_eq!(
            list.text(),
            FILE.replace("{ vi: \"Văn phòng Sở\",", "{ vi: \"Văn phòng\",")
        );
        // The same values: nothing changes, the comment inside stays.
        let same = json!({"id": "thanh-tra", "name": {"vi": "Thanh tra Sở", "en": "Inspectorate"}, "draft": true});
        let mut again = DataList::parse(FILE).expect("parses");
        again.set_fields("thanh-tra", same.as_object().expect("map"), &order());
        assert_eq!(again.text(), FILE);
        // A removed field and a new one.
        let fields = json!({"draft": null, "link": "/x/"});
        again.set_fields("thanh-tra", fields.as_object().expect("map"), &order());
        assert_eq!(
            again.text(),
            FILE.replace("  draft: true\n", "  link: \"/x/\"\n")
        );
    }

    #[test]
    fn a_flow_entry_is_written_again_whole() {
        let mut list = DataList::parse(FILE).expect("parses");
        let fields = json!({"name": {"vi": "Kế toán", "en": "Accounts"}});
        list.set_fields("ke-toan", fields.as_object().expect("map"), &ORDER_LANGS);
        assert!(
            list.text().ends_with(
                "\n- id: \"ke-toan\"\n  name:\n    vi: \"Kế toán\"\n    en: \"Accounts\"\n# end\n"
            ),
            "{}",
            list.text()
        );
    }

    #[test]
    fn entries_are_added_removed_and_put_back() {
        let mut list = DataList::parse(FILE).expect("parses");
        let taken = list.remove("thanh-tra").expect("removed");
        assert!(
            taken.starts_with("# The inspectorate.\n- id: thanh-tra\n"),
            "{taken}"
        );
        assert_eq!(
            list.text(),
            concat!(
                "# Units of the department.\n# Keep the ids.\n\n",
                "- id: van-phong\n",
                "  name: { vi: \"Văn phòng Sở\", en: \"Department Office\" }\n",
                "\n",
                "- { id: ke-toan, name: { vi: \"Kế toán\", en: \"Accounting\" } }\n",
                "# end\n",
            )
        );
        list.push_text(&taken);
        assert!(list.text().ends_with("# end\n# The inspectorate.\n- id: thanh-tra\n  name:\n    vi: \"Thanh tra Sở\"\n    # checked\n    en: \"Inspectorate\"\n  draft: true\n"), "{}", list.text());
        assert!(list.get("thanh-tra").is_some());

        let mut first = DataList::parse(FILE).expect("parses");
        first.remove("van-phong").expect("removed");
        assert!(first.text().starts_with("# Units of the department.\n# Keep the ids.\n\n# The inspectorate.\n- id: thanh-tra\n"), "{}", first.text());

        let mut plain =
            DataList::parse("- id: a\n  name: { vi: \"A\", en: \"A\" }\n").expect("parses");
        plain.push(
            &json!({"name": {"en": "B", "vi": "Bê"}, "id": "b"}),
            &order(),
        );
        assert_eq!(
            plain.text(),
            "- id: a\n  name: { vi: \"A\", en: \"A\" }\n- id: \"b\"\n  name:\n    vi: \"Bê\"\n    en: \"B\"\n"
        );
    }

    #[test]
    fn each_entry_and_field_knows_its_lines() {
        let list = DataList::parse(FILE).expect("parses");
        let (entry, fields) = list.lines("thanh-tra").expect("entry");
        let (value, lines) = &list.spans()[1];
        assert_eq!(
            (value.map(|v| &v["id"]), lines),
            (Some(&json!("thanh-tra")), &(8..=13))
        );
        assert_eq!(entry, 8..=13);
        assert_eq!(fields[0], ("id".to_string(), 8..=8));
        assert_eq!(fields[1], ("name".to_string(), 9..=12));
        assert_eq!(fields[2], ("draft".to_string(), 13..=13));
    }

    #[test]
    fn a_rename_changes_the_id_line_only() {
        let mut list = DataList::parse(FILE).expect("parses");
        assert!(list.rename("thanh-tra", "thanh-tra-so", &order()));
        assert_eq!(
            list.text(),
            FILE.replace("- id: thanh-tra\n", "- id: \"thanh-tra-so\"\n")
        );
        assert!(!list.rename("khong-co", "x", &order()));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Whatever a hand-written list looks like: read and written back it is the same
        /// file, and setting one entry's field changes no other entry.
        #[test]
        fn one_entry_changes_and_no_other(lines in proptest::collection::vec(
            proptest::sample::select(vec![
                "- id: a\n", "- id: b\n", "-   id: c\n", "- { id: d, name: { vi: x, en: y } }\n",
                "  name: { vi: \"x\", en: \"y\" }\n", "  name:\n", "    vi: \"Việt\"\n",
                "    en: y\n", "  draft: true\n", "    # inner\n", "# comment\n", "\n",
                "  attachments:\n", "  - file: /a.pdf\n", "    title: { vi: a, en: b }\n",
            ]),
            0..24,
        )) {
            let input: String = lines.concat();
            let Ok(list) = DataList::parse(&input) else {
                return Ok(());
            };
            proptest::prop_assert_eq!(list.text(), input.clone());
            let ids: Vec<String> = list
                .values()
                .iter()
                .filter_map(|v| v.get("id")?.as_str().map(String::from))
                .collect();
            let Some(id) = ids.iter().find(|i| ids.iter().filter(|j| j == i).count() == 1) else {
                return Ok(());
            };
            let mut changed = list.clone();
            let fields = json!({"name": {"vi": "Mới", "en": "New"}});
            changed.set_fields(id, fields.as_object().expect("map"), &order());
            let again = DataList::parse(&changed.text()).expect("still a list");
            proptest::prop_assert_eq!(again.get(id).map(|v| v["name"].clone()), Some(json!({"vi": "Mới", "en": "New"})));
            let before: Vec<(Option<&str>, String)> = list.entries().map(|e| (e.id(), format!("{}{}", e.comments, e.raw))).collect();
            let after: Vec<(Option<&str>, String)> = again.entries().map(|e| (e.id(), format!("{}{}", e.comments, e.raw))).collect();
            proptest::prop_assert_eq!(before.len(), after.len());
            for (b, a) in before.iter().zip(&after) {
                if b.0 != Some(id.as_str()) {
                    proptest::prop_assert_eq!(b, a);
                }
            }
        }
    }

    #[test]
    fn a_key_written_twice_is_written_once() {
        let mut list =
            DataList::parse("- id: a\n  name: { vi: x, en: y }\n  name: { vi: x, en: y }\n")
                .expect("parses");
        let fields = json!({"name": {"vi": "Mới", "en": "New"}});
        list.set_fields("a", fields.as_object().expect("map"), &order());
        assert_eq!(
            list.text(),
            "- id: a\n  name: { vi: \"Mới\", en: \"New\" }\n"
        );
    }

    #[test]
    fn what_is_not_a_list_is_refused() {
        assert!(DataList::parse("id: a\n").is_err());
        assert!(DataList::parse("  - id: a\n").is_err());
        assert!(DataList::parse("").expect("empty").values().is_empty());
        let crlf = "- id: a\r\n  name: { vi: \"A\", en: \"A\" }\r\n";
        let mut list = DataList::parse(crlf).expect("parses");
        list.push(&json!({"id": "b"}), &order());
        assert_eq!(list.text(), format!("{crlf}- id: \"b\"\r\n"));
    }
}
