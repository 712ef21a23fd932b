//! Locate: where the items of a data file, and the keys inside them, are written. The file
//! is indexed once, so a data file with thousands of problems costs one read of the file
//! plus one read of each item with a problem, not one read of the whole file per problem.

use super::load::DataFile;
use crate::error::{Diagnostic, Lines, Span};
use crate::yaml::Source;
use std::collections::HashMap;

/// The lines of a data file, where its items start and where each `id:` is written.
pub struct DataIndex<'a> {
    file: &'a DataFile,
    lines: Lines<'a>,
    /// The lines (1-based) of `id: value`, by value, in file order.
    ids: HashMap<&'a str, Vec<usize>>,
    /// The lines where an item of the top-level list starts (`- ` at the indentation of the
    /// first one), in file order.
    items: Vec<usize>,
}

/// The value of an `id: value` line (also `- id: value`), without quotes.
fn id_value(line: &str) -> Option<&str> {
    let t = line.trim_start().trim_start_matches("- ").trim_start();
    let rest = t.strip_prefix("id")?.trim_start().strip_prefix(':')?;
    Some(rest.trim().trim_matches('"').trim_matches('\''))
}

impl<'a> DataIndex<'a> {
    pub fn new(file: &'a DataFile) -> Self {
        let mut ids: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut items = Vec::new();
        let mut item_indent = None;
        for (i, line) in file.text.lines().enumerate() {
            if let Some(id) = id_value(line) {
                ids.entry(id).or_default().push(i + 1);
            }
            let t = line.trim_start();
            if t == "-" || t.starts_with("- ") {
                let indent = line.len() - t.len();
                if *item_indent.get_or_insert(indent) == indent {
                    items.push(i + 1);
                }
            }
        }
        DataIndex {
            file,
            lines: Lines::new(&file.text),
            ids,
            items,
        }
    }

    pub fn path(&self) -> &'a str {
        &self.file.path
    }

    /// Where the `n`-th (1-based) `id: value` line writes the value; the file's start if
    /// there is none.
    pub fn id_span(&self, id: &str, n: usize) -> Span {
        let Some(&line) = self
            .ids
            .get(id)
            .and_then(|lines| lines.get(n.saturating_sub(1)))
        else {
            return Span::new(1, 1);
        };
        let text = self.lines.line(line).unwrap_or_default();
        let col = text.find(id).map_or(1, |b| text[..b].chars().count() + 1);
        Span::new(line, col)
    }

    /// Where `key: value` is written in the item whose id is `id` (the key alone if the
    /// value is not found; the item's first line if the key is not either).
    pub fn in_item(&self, id: &str, key: &str, value: &str) -> Span {
        let id_line = self.id_span(id, 1).line;
        let at = self.items.partition_point(|&l| l <= id_line);
        let first = at.checked_sub(1).map_or(id_line, |i| self.items[i]);
        let end = self.items.get(at).copied();
        let byte = |line: usize| self.lines.start(line).unwrap_or(self.file.text.len());
        let to = end.map_or(self.file.text.len(), byte);
        Source {
            path: &self.file.path,
            file_text: &self.file.text,
            yaml: &self.file.text[byte(first)..to],
            first_line: first,
        }
        .span_of(key, value)
    }

    /// `d` pointing at `span`, with the part of its line around it.
    pub fn at(&self, d: Diagnostic, span: Span) -> Diagnostic {
        match self.lines.line(span.line) {
            Some(line) => d.at_line(span, line),
            None => d.at(span),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> DataFile {
        DataFile {
            path: "content/data/documents.yaml".into(),
            name: "documents".into(),
            text: text.into(),
        }
    }

    #[test]
    fn finds_ids_and_keys_inside_their_own_item() {
        let f = file(
            "- kind: x\n  id: a\n  summary: { vi: \"A\" }\n- id: \"b\"\n  kind: y\n- id: b\n  number: 1\n",
        );
        let ix = DataIndex::new(&f);
        assert_eq!(ix.id_span("a", 1), Span::new(2, 7));
        assert_eq!(ix.id_span("b", 1), Span::new(4, 8));
        assert_eq!(ix.id_span("b", 2), Span::new(6, 7));
        assert_eq!(ix.id_span("c", 1), Span::new(1, 1));
        // The key written before the id belongs to the item too.
        assert_eq!(ix.in_item("a", "kind", "x"), Span::new(1, 9));
        assert_eq!(ix.in_item("b", "kind", "y"), Span::new(5, 9));
        // A key the item lacks is not looked for in the next item.
        assert_eq!(ix.in_item("a", "number", "number"), Span::new(1, 1));
        let d = ix.at(
            Diagnostic::error(crate::error::Code::UnknownReference, ix.path(), "x"),
            Span::new(5, 9),
        );
        assert!(d.to_string().contains("5 |   kind: y"), "{d}");
    }
}
