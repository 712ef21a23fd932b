//! Writing content files back, for the editor and `minhbach import`: one front matter
//! field at a time, so that everything else in the file stays as the editor left it.
//!
//! Why field by field and not by serializing the whole front matter: people also edit
//! these files by hand. A field the form did not change keeps its text, its comments and
//! its place byte for byte (a figure written `1.500,5` is not rewritten as a float), the
//! body below the closing `---` is never touched, and a change shows in a diff as the
//! lines of the field that changed. A top-level field is its key line at column 0 and the
//! lines under it (indented, blank or comments); comment lines at column 0 above a key go
//! with that key.

use crate::content::load::split;
use crate::error::{Code, Span};
use std::io::Write;
use std::path::Path;

/// A content file opened for editing.
#[derive(Debug, Clone)]
pub struct Document {
    /// Everything up to and including the opening `---` line (and a byte order mark).
    head: String,
    fields: Vec<Field>,
    /// Comments and blank lines after the last field.
    trailer: String,
    /// The closing `---` line and the body, byte for byte.
    tail: String,
    /// The file's line ending, kept for the lines written here.
    newline: &'static str,
}

#[derive(Debug, Clone)]
struct Field {
    key: String,
    /// Comment and blank lines above the key.
    prefix: String,
    /// The key line and the lines of its value, each with its line ending.
    text: String,
}

impl Document {
    /// Splits a content file into its fields. Errors are the file's own problems (no front
    /// matter, a value before any key), at the line they are on.
    pub fn parse(file: &str) -> Result<Document, (Span, Code, String)> {
        let (yaml, first_line, _, _) = split(file)?;
        // The opening line's ending is the file's: a body may mix them, the front matter
        // is written by one tool.
        let newline = if file[..yaml.start].ends_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let mut doc = Document {
            head: file[..yaml.start].to_string(),
            fields: Vec::new(),
            trailer: String::new(),
            tail: file[yaml.end..].to_string(),
            newline,
        };
        let mut pending = String::new();
        for (i, line) in file[yaml.clone()].split_inclusive('\n').enumerate() {
            let content = line.trim_end_matches(['\n', '\r']);
            let starts_field = !content.is_empty()
                && !content.starts_with([' ', '\t', '#'])
                && !content.starts_with("- ");
            if starts_field {
                let Some(key) = key_of(content) else {
                    return Err((
                        Span::new(first_line + i, 1),
                        Code::NotAField,
                        format!("expected a field such as `title: ...`, found `{content}`"),
                    ));
                };
                doc.fields.push(Field {
                    key,
                    prefix: std::mem::take(&mut pending),
                    text: line.to_string(),
                });
            } else if let Some(last) = doc.fields.last_mut().filter(|_| {
                // Indented lines belong to the field above; a comment or blank line at
                // column 0 waits to see whether more of the value follows it.
                content.starts_with([' ', '\t']) || content.starts_with("- ")
            }) {
                last.text.push_str(&pending);
                pending.clear();
                last.text.push_str(line);
            } else if doc.fields.is_empty() && !(content.is_empty() || content.starts_with('#')) {
                return Err((
                    Span::new(first_line + i, 1),
                    Code::NotAField,
                    format!("expected a field such as `title: ...`, found `{content}`"),
                ));
            } else {
                pending.push_str(line);
            }
        }
        doc.trailer = pending;
        Ok(doc)
    }

    /// The names of the fields, in the file's order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|f| f.key.as_str())
    }

    /// Each field with the lines it takes in the file (1-based, first to last, the
    /// comments above it included), to point a diagnostic at the field it is about.
    pub fn field_lines(&self) -> Vec<(&str, std::ops::RangeInclusive<usize>)> {
        let mut line = 1 + self.head.matches('\n').count();
        let mut out = Vec::with_capacity(self.fields.len());
        for f in &self.fields {
            let n = (f.prefix.matches('\n').count() + f.text.matches('\n').count()).max(1);
            out.push((f.key.as_str(), line..=line + n - 1));
            line += n;
        }
        out
    }

    /// The text of field `key` as written, key line included.
    pub fn field_text(&self, key: &str) -> Option<&str> {
        self.field(key).map(|f| f.text.as_str())
    }

    fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Sets field `key` to `value`. An existing field keeps its place and the comments
    /// above it; a new one goes after the field named by `after` (the one before it in
    /// the schema's order, say), or last. A field whose value is unchanged is left as
    /// written, so `1.500,5` stays `1.500,5` and the comments inside it stay.
    pub fn set(&mut self, key: &str, value: &serde_json::Value, after: Option<&str>) {
        self.set_ordered(key, value, after, &[]);
    }

    /// [`Document::set`], writing the keys of each mapping named in `order` first, in
    /// that order (see [`crate::yaml::emit_ordered`]).
    pub fn set_ordered(
        &mut self,
        key: &str,
        value: &serde_json::Value,
        after: Option<&str>,
        order: &[&str],
    ) {
        let text = self.field_text_for(key, value, order);
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            if same_value(&f.text, value) {
                return;
            }
            f.text = text;
            return;
        }
        // A field `new` scaffolded as a comment (`# photo: /anh/….jpg`) takes that line's
        // place, under the comments that explain it.
        let commented = format!("# {key}:");
        let placeholder = |block: &str| {
            let mut at = 0;
            for line in block.split_inclusive('\n') {
                if line.starts_with(&commented) {
                    return Some((at, at + line.len()));
                }
                at += line.len();
            }
            None
        };
        for i in 0..=self.fields.len() {
            let block = match self.fields.get(i) {
                Some(f) => f.prefix.as_str(),
                None => self.trailer.as_str(),
            };
            if let Some((start, end)) = placeholder(block) {
                let above = block[..start].to_string();
                let below = block[end..].to_string();
                match self.fields.get_mut(i) {
                    Some(f) => f.prefix = below,
                    None => self.trailer = below,
                }
                let field = Field {
                    key: key.to_string(),
                    prefix: above,
                    text,
                };
                self.fields.insert(i, field);
                return;
            }
        }
        let field = Field {
            key: key.to_string(),
            prefix: String::new(),
            text,
        };
        let at = after
            .and_then(|a| self.fields.iter().position(|f| f.key == a))
            .map_or(self.fields.len(), |i| i + 1);
        self.fields.insert(at, field);
    }

    /// Removes field `key` and the comments above it; `false` if there was none.
    pub fn remove(&mut self, key: &str) -> bool {
        let before = self.fields.len();
        self.fields.retain(|f| f.key != key);
        before != self.fields.len()
    }

    /// Replaces the body (everything below the closing `---`).
    pub fn set_body(&mut self, body: &str) {
        let close_len = self.tail.find('\n').map_or(self.tail.len(), |i| i + 1);
        let mut tail = self.tail[..close_len].to_string();
        if !tail.ends_with('\n') {
            tail.push_str(self.newline);
        }
        tail.push_str(body);
        self.tail = tail;
    }

    /// The body as it is in the file.
    pub fn body(&self) -> &str {
        let close_len = self.tail.find('\n').map_or(self.tail.len(), |i| i + 1);
        &self.tail[close_len..]
    }

    /// The file's text.
    pub fn text(&self) -> String {
        let mut out = self.head.clone();
        for f in &self.fields {
            out.push_str(&f.prefix);
            out.push_str(&f.text);
        }
        out.push_str(&self.trailer);
        out.push_str(&self.tail);
        out
    }

    fn field_text_for(&self, key: &str, value: &serde_json::Value, order: &[&str]) -> String {
        let mut map = serde_json::Map::new();
        map.insert(key.to_string(), value.clone());
        let mut text = crate::yaml::emit_ordered(&serde_json::Value::Object(map), order);
        text.push('\n');
        if self.newline == "\r\n" {
            text = text.replace('\n', "\r\n");
        }
        text
    }
}

/// The key of a line that starts a field: `title: x` → `title`, `"a b": x` → `a b`.
pub(crate) fn key_of(line: &str) -> Option<String> {
    if let Some(rest) = line.strip_prefix('"') {
        let end = rest.find("\":")?;
        return Some(rest[..end].to_string());
    }
    let end = line.find(':')?;
    let key = &line[..end];
    let after = &line[end + 1..];
    let ok = !key.is_empty()
        && !key.contains([' ', '{', '[', '\'', '#'])
        && (after.is_empty() || after.starts_with([' ', '\t', '\r']));
    ok.then(|| key.to_string())
}

/// Whether the field as written already holds `value`: parsed back, it equals it.
fn same_value(text: &str, value: &serde_json::Value) -> bool {
    crate::yaml::value_of_field(text).is_some_and(|v| &v == value)
}

/// Writes `bytes` to `path` so that a reader (the preview, a build) sees the old file or
/// the new one, never half of it: a temporary file beside it, flushed, then renamed over.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.minhbach-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FILE: &str = concat!(
        "---\n",
        "# The title as printed.\n",
        "title: \"Báo cáo 6 tháng\"\n",
        "period: 2024-H1\n",
        "results:\n",
        "  - indicator: ty-le\n",
        "    # checked with the unit\n",
        "    value: 1.500,5\n",
        "\n",
        "# end\n",
        "---\n",
        "Body **kept**\r\n",
        "---\n",
        "not front matter\n",
    );

    #[test]
    fn an_unchanged_document_is_written_back_byte_for_byte() {
        let doc = Document::parse(FILE).expect("parses");
        assert_eq!(doc.text(), FILE);
        assert_eq!(
            doc.keys().collect::<Vec<_>>(),
            ["title", "period", "results"]
        );
        assert_eq!(doc.body(), "Body **kept**\r\n---\nnot front matter\n");
    }

    #[test]
    fn setting_a_field_changes_only_its_lines() {
        let mut doc = Document::parse(FILE).expect("parses");
        doc.set("title", &json!("Báo cáo: \"năm\""), None);
        let text = doc.text();
        assert!(
            text.contains("# The title as printed.\ntitle: \"Báo cáo: \\\"năm\\\"\"\nperiod"),
            "{text}"
        );
        assert!(text.contains("    # checked with the unit\n    value: 1.500,5\n"));
        assert!(text.ends_with("---\nBody **kept**\r\n---\nnot front matter\n"));
    }

    #[test]
    fn a_field_set_to_what_it_holds_keeps_its_text() {
        let mut doc = Document::parse(FILE).expect("parses");
        doc.set("period", &json!("2024-H1"), None);
        assert_eq!(doc.text(), FILE);
    }

    #[test]
    fn new_fields_go_after_the_named_one_and_lists_are_block_style() {
        let mut doc = Document::parse(FILE).expect("parses");
        doc.set("campaigns", &json!(["a", "b"]), Some("title"));
        doc.set(
            "signer",
            &json!({"name": "Nguyễn Văn A", "title": "Giám đốc"}),
            None,
        );
        let text = doc.text();
        assert!(
            text.contains("title: \"Báo cáo 6 tháng\"\ncampaigns:\n- \"a\"\n- \"b\"\nperiod:"),
            "{text}"
        );
        assert!(
            text.contains("signer:\n  name: \"Nguyễn Văn A\"\n  title: \"Giám đốc\"\n\n# end\n---"),
            "{text}"
        );
        assert!(doc.remove("campaigns"));
        assert!(!doc.remove("campaigns"));
    }

    #[test]
    fn keys_named_in_the_order_come_first() {
        let mut doc = Document::parse("---\ntitle: a\n---\n").expect("parses");
        let rows = json!([{"actual": 1, "note": "n", "indicator": "x", "target": 2}]);
        doc.set_ordered("results", &rows, None, &["indicator", "target", "actual"]);
        assert_eq!(
            doc.text(),
            "---\ntitle: a\nresults:\n- indicator: \"x\"\n  target: 2\n  actual: 1\n  note: \"n\"\n---\n"
        );
    }

    #[test]
    fn a_new_field_takes_the_place_of_its_commented_line() {
        let file = "---\ntitle: a\n\n# The photo:\n# photo: /anh/x.jpg\n\n# Draft.\ndraft: true\n# summary: \"…\"\n---\nB\n";
        let mut doc = Document::parse(file).expect("parses");
        doc.set("photo", &json!("/anh/y.jpg"), Some("title"));
        doc.set("summary", &json!("S"), None);
        assert_eq!(
            doc.text(),
            "---\ntitle: a\n\n# The photo:\nphoto: \"/anh/y.jpg\"\n\n# Draft.\ndraft: true\nsummary: \"S\"\n---\nB\n"
        );
        assert_eq!(
            doc.keys().collect::<Vec<_>>(),
            ["title", "photo", "draft", "summary"]
        );
    }

    #[test]
    fn each_field_knows_its_lines() {
        let doc = Document::parse(FILE).expect("parses");
        let lines = doc.field_lines();
        assert_eq!(lines[0], ("title", 2..=3));
        assert_eq!(lines[1], ("period", 4..=4));
        assert_eq!(lines[2], ("results", 5..=8));
    }

    #[test]
    fn the_body_is_replaced_below_the_closing_line() {
        let mut doc = Document::parse(FILE).expect("parses");
        doc.set_body("Mới\n");
        assert!(doc.text().ends_with("# end\n---\nMới\n"));
    }

    #[test]
    fn a_value_before_any_key_is_an_error_at_its_line() {
        let err = Document::parse("---\n  x\ntitle: a\n---\n").expect_err("refused");
        assert_eq!(err.0, Span::new(2, 1));
        assert_eq!(err.1, crate::error::Code::NotAField);
    }

    #[test]
    fn crlf_files_get_crlf_lines() {
        let mut doc = Document::parse("---\r\ntitle: a\r\n---\r\nB\r\n").expect("parses");
        doc.set("title", &json!("b"), None);
        assert_eq!(doc.text(), "---\r\ntitle: \"b\"\r\n---\r\nB\r\n");
    }

    #[test]
    fn what_is_written_reads_back_as_the_same_value() {
        let value = json!({
            "title": "Báo cáo: \"6 tháng\"\nđầu năm # không phải chú thích",
            "issued": "2024",
            "yes": "yes",
            "n": 1.5,
            "empty": [],
            "none": {},
            "null": null,
            "results": [
                {"indicator": "ty-le", "value": "1.500,5", "notes": ["a", "- b"]},
                [["x"], []],
            ],
            "a key": {"nested": {"deep": true}},
        });
        let mut doc = Document::parse("---\n---\n").expect("parses");
        doc.set("value", &value, None);
        let text = doc.text();
        let field = doc.field_text("value").expect("written");
        assert_eq!(crate::yaml::value_of_field(field), Some(value), "{text}");
    }
}
