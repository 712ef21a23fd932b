//! The only module that names `serde_yaml` (frozen upstream), so it can be swapped.
//!
//! Turns YAML errors into diagnostics in the coordinates of the whole file: front matter
//! starts after the opening `---`, and peers that forget the offset point at the wrong line.

use crate::error::{did_you_mean, Code, Diagnostic, Span};
use serde::de::DeserializeOwned;

/// A YAML document that is part of a file, starting at `first_line` (1-based) of it.
pub struct Source<'a> {
    /// Path relative to the site root, for messages.
    pub path: &'a str,
    /// The whole file, for showing the offending line.
    pub file_text: &'a str,
    pub yaml: &'a str,
    pub first_line: usize,
}

impl<'a> Source<'a> {
    /// Parses into a typed struct, or a diagnostic naming the file, line and column.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        // An empty front matter is an empty mapping, so "missing field" is what people see;
        // an empty data file is no entries.
        if self.yaml.trim().is_empty() {
            return serde_yaml::from_str("{}")
                .or_else(|e| serde_yaml::from_str("~").map_err(|_| e))
                .map_err(|e| self.diagnostic(&e));
        }
        self.shallow()?;
        serde_yaml::from_str(self.yaml).map_err(|e| self.diagnostic(&e))
    }

    /// An error if flow collections nest deeper than [`MAX_FLOW_DEPTH`]: the parser's work
    /// per token grows with the depth, so a few hundred KB of `[[[[…` would take minutes.
    fn shallow(&self) -> Result<(), Diagnostic> {
        let Some(at) = too_deep(self.yaml) else {
            return Ok(());
        };
        let span = Span::new(at.line + self.first_line - 1, at.col);
        Err(Diagnostic::error(
            Code::NestedTooDeep,
            self.path,
            format!("lists or mappings written with [ ] or {{ }} are nested more than {MAX_FLOW_DEPTH} levels deep here"),
        )
        .at_in(span, self.file_text)
        .hint("close each [ with ] and each { with }; long lists read better as `- item` lines"))
    }

    /// Like [`Source::parse`], and a key written twice in any mapping is an error too.
    /// Structs catch their own duplicate fields; free maps (`{ vi: …, en: … }`, UI strings)
    /// would silently keep the last value. Costs a second parse: for data files, not for
    /// every front matter.
    pub fn parse_strict<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        self.shallow()?;
        if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(self.yaml) {
            return Err(self.diagnostic(&e));
        }
        self.parse()
    }

    fn diagnostic(&self, e: &serde_yaml::Error) -> Diagnostic {
        let raw = e.to_string();
        // serde_yaml appends " at line L column C"; we print our own position.
        let message = match raw.rfind(" at line ") {
            Some(i) => raw[..i].to_string(),
            None => raw.clone(),
        };
        let message = message.replace('`', "\"");
        let mut span = e
            .location()
            .map(|l| Span::new(l.line() + self.first_line - 1, l.column()));
        // The parser gives up after an unclosed quote, lines later: point at the quote.
        let syntax = [
            "did not find expected",
            "unexpected end",
            "while scanning",
            "while parsing",
            "mapping values are not allowed",
            "could not find expected",
        ]
        .iter()
        .any(|m| message.contains(m));
        if let Some(at) = span
            .filter(|_| syntax)
            .and_then(|s| self.unclosed_quote(s.line))
        {
            return Diagnostic::error(
                Code::UnclosedQuote,
                self.path,
                "a quote opened on this line is not closed, so the lines after it are read as part of the text",
            )
            .at_in(at, self.file_text)
            .hint("end the value with the same quote it starts with, e.g. title: \"Kế hoạch năm 2024\"");
        }
        // "results[0].actual: …": say it the way an editor counts, and point at the item.
        let (message, item_span) = self.humane_path(&message);
        if item_span.is_some() {
            span = item_span;
        }
        let mut code = if syntax {
            Code::YamlSyntax
        } else {
            Code::InvalidValue
        };
        let mut hint = "check the YAML syntax: `key: value`, one per line, lists start with `- `, \
                        quote text that contains `: ` or starts with a special character"
            .to_string();
        if let Some(field) = between(&message, "unknown field \"", "\"") {
            code = Code::UnknownField;
            let expected: Vec<&str> = message
                .split("expected ")
                .nth(1)
                .map(|rest| {
                    rest.split(['"', ',', ' '])
                        .filter(|s| !s.is_empty() && *s != "one" && *s != "of" && *s != "or")
                        .collect()
                })
                .unwrap_or_default();
            hint = match did_you_mean(field, expected.iter().copied()) {
                Some(s) => format!(
                    "did you mean \"{s}\"? Remove or rename the key; allowed keys: {}",
                    expected.join(", ")
                ),
                None => format!(
                    "remove the key or fix its spelling; allowed keys: {}",
                    expected.join(", ")
                ),
            };
            if let Some(s) = self.find_key(field) {
                span = Some(s);
            }
        } else if let Some(field) = between(&message, "missing field \"", "\"") {
            code = Code::MissingField;
            hint = format!("add a line `{field}: …` to the front matter");
            // Point at the opening of the block rather than wherever the parser stopped.
            span = Some(Span::new(self.first_line.saturating_sub(1).max(1), 1));
        } else if let Some(field) = between(&message, "duplicate field \"", "\"") {
            code = Code::DuplicateField;
            hint = format!("\"{field}\" is written twice; keep only one of the lines");
            if let Some(first) = self.find_key(field) {
                span = self.find_key_after(field, first.line).or(Some(first));
            }
        } else if message.contains("did not find expected key")
            || message.contains("mapping values are not allowed")
        {
            hint = "a value probably contains `: `, `#` or a quote: put the whole value in double quotes, \
                    e.g. title: \"Kế hoạch: năm 2022\""
                .to_string();
        } else if message.contains("needs a full date")
            || message.contains("is not a date")
            || message.contains("does not exist")
        {
            code = Code::BadDate;
            hint = "dates are written YYYY-MM-DD, for example 2022-01-15".to_string();
        } else if message.contains("is not a reporting period") {
            code = Code::BadPeriod;
            hint = crate::period::PERIOD_HELP.to_string();
        } else if message.contains("is not a number") || message.contains("can be read two ways") {
            code = Code::BadNumber;
            hint = crate::amount::NUMBER_HELP.to_string();
        } else if message.contains("unknown variant") {
            code = Code::UnknownValue;
            hint = format!(
                "use one of the listed values{}",
                message
                    .split("expected")
                    .nth(1)
                    .map(|s| format!(":{s}"))
                    .unwrap_or_default()
            );
        }
        // Errors raised by our own types (dates, periods) come without a position: find the
        // value they quote.
        // serde_yaml reports them at the start of the mapping (or nowhere).
        let at_start = span.is_none_or(|s| s == Span::new(self.first_line, 1));
        let span = span
            .filter(|_| !at_start)
            .or_else(|| {
                let value = between(&message, "\"", "\"")?;
                self.yaml.lines().enumerate().find_map(|(i, line)| {
                    let byte = line.find(value)?;
                    Some(Span::new(
                        self.first_line + i,
                        line[..byte].chars().count() + 1,
                    ))
                })
            })
            .or(span)
            .unwrap_or(Span::new(self.first_line, 1));
        Diagnostic::error(code, self.path, message)
            .at_in(span, self.file_text)
            .hint(hint)
    }

    /// The first line up to `line` (file coordinates) whose value opens a quote it does
    /// not close.
    fn unclosed_quote(&self, line: usize) -> Option<Span> {
        for (i, text) in self.yaml.lines().enumerate() {
            let line_no = self.first_line + i;
            if line_no > line {
                break;
            }
            let t = text.trim_start();
            if t.starts_with('#') {
                continue;
            }
            let value_at = match text.find(": ") {
                Some(b) => b + 2,
                None if t.starts_with("- ") => text.len() - t.len() + 2,
                None => continue,
            };
            let value = text[value_at..].trim_start();
            let at = text.len() - value.len();
            let Some(q) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let rest = &value[1..];
            let closed = if q == '"' {
                let mut escaped = false;
                rest.chars().any(|c| {
                    let close = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    close
                })
            } else {
                // '' is an escaped quote inside single quotes.
                rest.replace("''", "").contains('\'')
            };
            if !closed {
                return Some(Span::new(line_no, text[..at].chars().count() + 1));
            }
        }
        None
    }

    /// "results[0].actual: msg" → "result 1 (indicator \"x\"), actual: msg", and where that
    /// item's key is written.
    fn humane_path(&self, message: &str) -> (String, Option<Span>) {
        let Some((path, rest)) = message.split_once(": ") else {
            return (message.to_string(), None);
        };
        let is_path = !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'))
            && path.contains('[');
        if !is_path {
            return (message.to_string(), None);
        }
        // The outermost list item and the key inside it.
        let Some((list, after)) = path.split_once('[') else {
            return (message.to_string(), None);
        };
        let Some((index, tail)) = after.split_once(']') else {
            return (message.to_string(), None);
        };
        let Ok(index) = index.parse::<usize>() else {
            return (message.to_string(), None);
        };
        let key = tail
            .trim_start_matches('.')
            .split(['.', '['])
            .next()
            .unwrap_or("");
        let list_name = list.rsplit('.').next().unwrap_or(list);
        let item = match list_name {
            "" => "entry",
            "results" => "result",
            "attachments" => "attachment",
            "schedule" => "schedule entry",
            "recipients" => "recipient",
            l => l.trim_end_matches('s'),
        };
        let mut name = format!("{item} {}", index + 1);
        let (id_key, id_name) = match list_name {
            "results" => ("indicator", "indicator"),
            "" => ("id", "id"),
            _ => ("", ""),
        };
        if let Some(id) = self
            .item_value(list_name, index, id_key)
            .filter(|_| !id_key.is_empty())
        {
            name.push_str(&format!(" ({id_name} \"{id}\")"));
        }
        // The message is about the value of `key` (its type or its text).
        let span = if key.is_empty() {
            self.item_span(list_name, index, "")
        } else {
            self.item_value_span(list_name, index, key)
        };
        let shown = if key.is_empty() {
            format!("{name}: {rest}")
        } else {
            format!("{name}, {key}: {rest}")
        };
        (shown, span)
    }

    /// Where the value of `key` starts in item `index` of the list `list_key`; the key
    /// itself if no value follows it on the line.
    pub fn item_value_span(&self, list_key: &str, index: usize, key: &str) -> Option<Span> {
        let at = self.item_span(list_key, index, key)?;
        let line = self.yaml.lines().nth(at.line - self.first_line)?;
        let key_at = line
            .char_indices()
            .nth(at.col - 1)
            .map_or(line.len(), |(b, _)| b);
        let after = line[key_at..].split_once(':').map(|(_, v)| v)?;
        let value = after.trim_start();
        if value.is_empty() {
            return Some(at);
        }
        let byte = line.len() - value.len();
        Some(Span::new(at.line, line[..byte].chars().count() + 1))
    }

    /// The scalar written for `key` in item `index` of the list `list_key`.
    fn item_value(&self, list_key: &str, index: usize, key: &str) -> Option<String> {
        let at = self.item_span(list_key, index, key)?;
        let line = self.yaml.lines().nth(at.line - self.first_line)?;
        let (_, value) = line.split_once(&format!("{key}:"))?;
        let v = value.trim().trim_matches('"').trim_matches('\'');
        (!v.is_empty()).then(|| v.to_string())
    }

    /// Where `key:` is written, in file coordinates.
    pub fn find_key(&self, key: &str) -> Option<Span> {
        self.find_key_after(key, 0)
    }

    /// Where `key:` is written on a line after file line `after`.
    fn find_key_after(&self, key: &str, after: usize) -> Option<Span> {
        self.yaml.lines().enumerate().find_map(|(i, line)| {
            let line_no = self.first_line + i;
            if line_no <= after {
                return None;
            }
            let trimmed = line.trim_start().trim_start_matches("- ");
            let indent = line.chars().count() - trimmed.chars().count();
            let rest = trimmed.strip_prefix(key)?;
            rest.trim_start()
                .starts_with(':')
                .then(|| Span::new(line_no, indent + 1))
        })
    }

    /// Where `key:` is written in item `index` (from 0) of the block list under
    /// `list_key:`, in file coordinates; the item's first line if the key is not written.
    /// `list_key` "" is the list the whole document is (a data file).
    pub fn item_span(&self, list_key: &str, index: usize, key: &str) -> Option<Span> {
        let indent_of = |l: &str| l.len() - l.trim_start().len();
        let lines: Vec<&str> = self.yaml.lines().collect();
        // The line before the first item, and the indentation items have at least.
        let (start, list_indent) = if list_key.is_empty() {
            (0, 0)
        } else {
            let at = self.find_key(list_key)?.line - self.first_line;
            (at + 1, indent_of(lines[at]))
        };
        let mut item_indent = None;
        let mut item = None;
        let mut found = None;
        for (i, line) in lines.iter().enumerate().skip(start) {
            let t = line.trim_start();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let indent = indent_of(line);
            let is_item = t.starts_with("- ") || t == "-";
            match item_indent {
                None if is_item && indent >= list_indent => item_indent = Some(indent),
                None => return None,
                Some(_) => {}
            }
            let ii = item_indent.expect("set above");
            if indent < ii || (indent == ii && !is_item) {
                break;
            }
            if indent == ii && is_item {
                item = Some(item.map_or(0, |n: usize| n + 1));
                if item == Some(index + 1) {
                    break;
                }
            }
            if item != Some(index) {
                continue;
            }
            let first = found.get_or_insert(Span::new(self.first_line + i, indent + 1));
            let _ = first;
            let body = t.trim_start_matches("- ").trim_start();
            let col = line.len() - body.len();
            if body
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
            {
                return Some(Span::new(
                    self.first_line + i,
                    line[..col].chars().count() + 1,
                ));
            }
        }
        found
    }

    /// Where a scalar value is written (first occurrence after `key:`), in file coordinates.
    pub fn find_value(&self, key: &str, value: &str) -> Option<Span> {
        let lines: Vec<&str> = self.yaml.lines().collect();
        let start = self.find_key(key).map_or(0, |s| s.line - self.first_line);
        lines.iter().enumerate().skip(start).find_map(|(i, line)| {
            let byte = line.find(value)?;
            Some(Span::new(
                self.first_line + i,
                line[..byte].chars().count() + 1,
            ))
        })
    }

    /// Where `key: value` is written on one line, also inside `{ … }` flow mappings.
    fn find_pair(&self, key: &str, value: &str) -> Option<Span> {
        let forms = [
            format!("{key}: {value}"),
            format!("{key}: \"{value}\""),
            format!("{key}: '{value}'"),
        ];
        self.yaml.lines().enumerate().find_map(|(i, line)| {
            forms.iter().find_map(|f| {
                let at = line.match_indices(f.as_str()).map(|(b, _)| b).find(|&b| {
                    // A whole key, not the end of a longer one (`unit` in `lead_unit`).
                    line[..b]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '-')
                })?;
                let value_at = at + f.len() - value.len() - usize::from(!f.ends_with(value));
                Some(Span::new(
                    self.first_line + i,
                    line[..value_at].chars().count() + 1,
                ))
            })
        })
    }

    /// The items of the list under `key:`, flow (`key: [a, "b"]`, also over several lines)
    /// or block (`- a` lines below it), each with where its value is written. One pass over
    /// the list: pointing at every item of a long list costs the list once, not once per item.
    pub fn list_items(&self, key: &str) -> Vec<ListItem<'a>> {
        let Some(at) = self.find_key(key) else {
            return Vec::new();
        };
        let lines: Vec<&'a str> = self.yaml.lines().skip(at.line - self.first_line).collect();
        let Some((&first, rest)) = lines.split_first() else {
            return Vec::new();
        };
        let indent = first.len() - first.trim_start().len();
        let colon = first.find(':').map_or(first.len(), |i| i + 1);
        if first[colon..].trim_start().starts_with('[') {
            return flow_items(&lines, at.line, colon);
        }
        let mut items = Vec::new();
        for (i, line) in rest.iter().enumerate() {
            let t = line.trim_start();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let own = line.len() - t.len();
            match t
                .strip_prefix('-')
                .filter(|v| v.is_empty() || v.starts_with(' '))
            {
                Some(v) if own >= indent => {
                    let byte = own + 1 + (v.len() - v.trim_start().len());
                    items.push(ListItem::new(line, at.line + 1 + i, byte, v.trim(), None));
                }
                _ if own <= indent => break,
                _ => {}
            }
        }
        items
    }

    /// Span for a problem with `key`'s value: the value if found, else the key, else the block.
    pub fn span_of(&self, key: &str, value: &str) -> Span {
        self.find_pair(key, value)
            .or_else(|| self.find_value(key, value))
            .or_else(|| self.find_key(key))
            .unwrap_or(Span::new(self.first_line, 1))
    }
}

/// Parses YAML the program itself ships (compiled-in data); its errors are the program's,
/// not an editor's, so they are plain text.
pub fn from_builtin<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_yaml::from_str(text).map_err(|e| e.to_string())
}

/// Deepest nesting of flow collections (`[…]`, `{…}`) accepted. Content nests two or three.
pub const MAX_FLOW_DEPTH: usize = 32;

/// Where flow collections first nest deeper than [`MAX_FLOW_DEPTH`] (line and column in
/// `yaml`, 1-based), or `None`. One pass, never counting lower than the YAML parser: a
/// bracket counts wherever the parser could take it for a collection (at the start of a
/// node, and anywhere outside quotes inside a collection); quoted scalars, comments and
/// block scalars (`|`, `>`) are skipped only where the parser would skip them.
fn too_deep(yaml: &str) -> Option<Span> {
    let mut depth = 0usize;
    // Inside a quoted scalar (which may go on over several lines): its quote.
    let mut quote: Option<char> = None;
    // Inside a block scalar: lines indented more than this belong to it.
    let mut block: Option<usize> = None;
    for (i, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = block {
            if line.trim().is_empty() || indent > parent {
                continue;
            }
            block = None;
        }
        let mut chars = line.char_indices().peekable();
        // A node may start here: a bracket opens a collection, a quote a quoted scalar.
        let mut node = quote.is_none();
        // The last token was a quoted scalar or a collection: `:` may follow without a space.
        let mut json_key = false;
        // Column of the last key or `-`: block scalar lines are indented more than it.
        let mut structure = indent;
        let mut prev = ' ';
        if quote.is_none() && (line.starts_with("---") || line.starts_with("...")) {
            let marker = line
                .get(3..)
                .is_none_or(|r| r.is_empty() || r.starts_with([' ', '\t']));
            if marker {
                chars.nth(2);
                prev = '-';
            }
        }
        while let Some((b, c)) = chars.next() {
            let next = chars.peek().map_or(' ', |&(_, n)| n);
            if let Some(q) = quote {
                if (q == '"' && c == '\\') || (c == q && q == '\'' && next == '\'') {
                    // An escape, or '' for a quote in single quotes: skip the next character.
                    chars.next();
                } else if c == q {
                    quote = None;
                    node = false;
                    json_key = true;
                }
                prev = c;
                continue;
            }
            let blank_next = next == ' ' || next == '\t' || b + c.len_utf8() == line.len();
            match c {
                ' ' | '\t' => {}
                '#' if prev == ' ' || prev == '\t' => break,
                '%' if b == 0 => break,
                '[' | '{' if node || depth > 0 => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some(Span::new(i + 1, line[..b].chars().count() + 1));
                    }
                    node = true;
                    json_key = false;
                }
                ']' | '}' if depth > 0 => {
                    depth -= 1;
                    node = false;
                    json_key = true;
                }
                ',' if depth > 0 => {
                    node = true;
                    json_key = false;
                }
                '"' | '\'' if node => {
                    quote = Some(c);
                    if depth == 0 {
                        structure = b;
                    }
                }
                '|' | '>' if node && depth == 0 => {
                    block = Some(structure);
                    break;
                }
                '-' | '?' if node && blank_next => structure = b,
                ':' if blank_next || (depth > 0 && json_key) => {
                    node = true;
                    json_key = false;
                }
                '&' | '!' if node => {
                    // An anchor or a tag: a node still follows it.
                    while chars.next_if(|&(_, n)| n != ' ' && n != '\t').is_some() {}
                }
                _ => {
                    if node && depth == 0 {
                        structure = b;
                    }
                    node = false;
                    json_key = false;
                }
            }
            prev = c;
        }
    }
    None
}

/// One item of a YAML list and where its value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListItem<'a> {
    /// The value, without its quotes.
    pub value: &'a str,
    /// Where the value starts, in file coordinates.
    pub span: Span,
    /// The line it is on, and the value's byte offset in it.
    pub line: &'a str,
    pub byte: usize,
}

impl<'a> ListItem<'a> {
    /// The item `raw` written at byte `byte` of `line` (line number `line_no`); `col` is the
    /// column of `byte` when the caller has counted it.
    fn new(line: &'a str, line_no: usize, byte: usize, raw: &'a str, col: Option<usize>) -> Self {
        let col = col.unwrap_or_else(|| line[..byte].chars().count() + 1);
        let quoted = raw.len() >= 2
            && (raw.starts_with('"') && raw.ends_with('"')
                || raw.starts_with('\'') && raw.ends_with('\''));
        let (value, shift) = if quoted {
            (&raw[1..raw.len() - 1], 1)
        } else {
            (raw, 0)
        };
        ListItem {
            value,
            span: Span::new(line_no, col + shift),
            line,
            byte: byte + shift,
        }
    }
}

/// The items of a flow list that opens after byte `from` of `lines[0]` (file line
/// `line_no`), up to its closing `]`. Columns are counted as the scan goes, so a list on one
/// long line is read once.
fn flow_items<'a>(lines: &[&'a str], line_no: usize, from: usize) -> Vec<ListItem<'a>> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut quote = None;
    for (i, &line) in lines.iter().enumerate() {
        let start = if i == 0 { from } else { 0 };
        // The byte and column where the current item started.
        let mut item: Option<(usize, usize)> = None;
        let mut push = |item: Option<(usize, usize)>, end: usize| {
            if let Some((b, c)) = item {
                let raw = line[b..end].trim_end();
                items.push(ListItem::new(line, line_no + i, b, raw, Some(c)));
            }
        };
        let mut prev = ' ';
        let first_col = line[..start].chars().count() + 1;
        for (col, (b, c)) in (first_col..).zip(line[start..].char_indices()) {
            let b = b + start;
            if let Some(q) = quote {
                quote = (c != q).then_some(q);
            } else {
                match c {
                    '[' | '{' => depth += 1,
                    ']' | '}' | ',' if depth == 1 => {
                        push(item.take(), b);
                        if c != ',' {
                            return items;
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    '#' if prev.is_whitespace() => break,
                    c if c.is_whitespace() => {}
                    _ if depth == 1 && item.is_none() => {
                        item = Some((b, col));
                        if c == '"' || c == '\'' {
                            quote = Some(c);
                        }
                    }
                    '"' | '\'' if prev.is_whitespace() || "[{,:".contains(prev) => quote = Some(c),
                    _ => {}
                }
            }
            prev = c;
        }
        push(item.take(), line.len());
    }
    items
}

/// `s` as a YAML double-quoted scalar, for writing values into files people then edit:
/// quotes, backslashes and control characters are escaped, everything else (Vietnamese
/// included) is kept as it is, so `title: "Báo cáo: \"6 tháng\""` reads back unchanged.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The value of a one-field YAML text (`key: value` and the lines under it), as JSON; `None`
/// if it does not parse.
pub fn value_of_field(text: &str) -> Option<serde_json::Value> {
    let map: serde_json::Map<String, serde_json::Value> = serde_yaml::from_str(text).ok()?;
    map.into_iter().next().map(|(_, v)| v)
}

/// A whole YAML document (a data file) as JSON, for the editor's pickers; `None` if it
/// does not parse (the build reports why).
pub fn to_json(text: &str) -> Option<serde_json::Value> {
    serde_yaml::from_str(text).ok()
}

/// `value` as YAML for a file people then read and edit: block style, two spaces per
/// level, every string double-quoted (so "2024", "yes" or "1.500" stay strings and never
/// change meaning), keys in the order given. Written by hand rather than by `serde_yaml`,
/// whose output style is not ours to pin. Ends without a newline.
pub fn emit(value: &serde_json::Value) -> String {
    emit_ordered(value, &[])
}

/// [`emit`], with the keys of every mapping that are named in `order` first, in that
/// order (`indicator` before `actual` in a result), the others after them. serde_json's
/// maps are sorted by key, which is not the order people read a row in.
pub fn emit_ordered(value: &serde_json::Value, order: &[&str]) -> String {
    let mut out = String::new();
    emit_into(&mut out, value, 0, order);
    out
}

fn emit_into(out: &mut String, value: &serde_json::Value, indent: usize, order: &[&str]) {
    use serde_json::Value as V;
    let pad = " ".repeat(indent);
    match value {
        V::Null => out.push('~'),
        V::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        V::Number(n) => out.push_str(&n.to_string()),
        V::String(s) => out.push_str(&quote(s)),
        V::Array(items) if items.is_empty() => out.push_str("[]"),
        V::Object(map) if map.is_empty() => out.push_str("{}"),
        V::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                    out.push_str(&pad);
                }
                out.push_str("- ");
                // A mapping in a list starts on the dash's line, its other keys under it.
                emit_into(out, item, indent + 2, order);
            }
        }
        V::Object(map) => {
            let mut entries: Vec<(&String, &serde_json::Value)> = map.iter().collect();
            entries.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(order.len()));
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                    out.push_str(&pad);
                }
                out.push_str(&plain_key(key));
                out.push(':');
                match item {
                    V::Array(a) if !a.is_empty() => {
                        out.push('\n');
                        out.push_str(&pad);
                        emit_into(out, item, indent, order);
                    }
                    V::Object(o) if !o.is_empty() => {
                        out.push('\n');
                        out.push_str(&pad);
                        out.push_str("  ");
                        emit_into(out, item, indent + 2, order);
                    }
                    _ => {
                        out.push(' ');
                        emit_into(out, item, indent, order);
                    }
                }
            }
        }
    }
}

/// A mapping key as written: bare when it is a plain name, else quoted.
fn plain_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !key.starts_with('-');
    if bare {
        key.to_string()
    } else {
        quote(key)
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        count: Option<u32>,
    }

    fn src(file: &str) -> Source<'_> {
        let yaml = &file[4..file.rfind("---").expect("closing")];
        Source {
            path: "content/x.vi.md",
            file_text: file,
            yaml,
            first_line: 2,
        }
    }

    #[test]
    fn unknown_key_points_at_its_line_in_the_file() {
        let file = "---\ntitle: A\ntitel: B\n---\nbody\n";
        let d = src(file).parse::<Fm>().expect_err("unknown key");
        assert_eq!(d.span, Some(Span::new(3, 1)));
        assert!(
            d.message.contains("unknown field \"titel\""),
            "{}",
            d.message
        );
        assert!(d
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("did you mean \"title\""));
    }

    #[test]
    fn type_error_carries_file_coordinates() {
        let file = "---\ntitle: A\ncount: many\n---\n";
        let d = src(file).parse::<Fm>().expect_err("bad type");
        assert_eq!(d.span.map(|s| s.line), Some(3));
    }

    #[test]
    fn finds_pairs_inside_flow_mappings() {
        let file =
            "---\nsegments: { plan: ke-hoach, fields: ke-hoach, lead_unit: x, unit: x }\n---\n";
        assert_eq!(src(file).span_of("fields", "ke-hoach"), Span::new(2, 37));
        assert_eq!(src(file).span_of("unit", "x"), Span::new(2, 67));
    }

    #[test]
    fn quoted_strings_read_back_unchanged() {
        for s in [
            "Đổi mới",
            "Báo cáo: \"6 tháng\" # đầu năm",
            "a\\b",
            "- list? no: {a: b} [c] & * ! | > ' % @ `",
            "line\nbreak\ttab\r\u{7}\u{2028}",
            "",
            "true",
            "2022",
        ] {
            let yaml = format!("v: {}\n", quote(s));
            let back: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(back["v"], s, "{yaml}");
        }
    }

    #[test]
    fn finds_every_item_of_flow_and_block_lists() {
        let values = |file: &str, key: &str| -> Vec<(String, Span, String)> {
            src(file)
                .list_items(key)
                .iter()
                .map(|i| (i.value.to_string(), i.span, i.line[i.byte..].to_string()))
                .collect()
        };
        let flow = values(
            "---\nbased_on: [ct-12, \"nq, 1\" , 'x'] # c\ntitle: A\n---\n",
            "based_on",
        );
        assert_eq!(
            flow,
            vec![
                (
                    "ct-12".into(),
                    Span::new(2, 12),
                    "ct-12, \"nq, 1\" , 'x'] # c".into()
                ),
                (
                    "nq, 1".into(),
                    Span::new(2, 20),
                    "nq, 1\" , 'x'] # c".into()
                ),
                ("x".into(), Span::new(2, 30), "x'] # c".into()),
            ]
        );
        let multi = values("---\nfields: [Đổi mới,\n  An ninh]\n---\n", "fields");
        assert_eq!(multi[0].1, Span::new(2, 10));
        assert_eq!(multi[1].0, "An ninh");
        assert_eq!(multi[1].1, Span::new(3, 3));
        let block = values(
            "---\nbased_on:\n  - ct-12\n\n  # note\n  - \"nq-1\"\ntitle: A\n- other\n---\n",
            "based_on",
        );
        let found: Vec<(&str, Span)> = block.iter().map(|(v, s, _)| (v.as_str(), *s)).collect();
        assert_eq!(
            found,
            vec![("ct-12", Span::new(3, 5)), ("nq-1", Span::new(6, 6))]
        );
        assert!(values("---\ntitle: A\n---\n", "based_on").is_empty());
    }

    #[test]
    fn flow_nesting_is_counted_wherever_the_parser_would_count_it() {
        let deep = |n: usize, open: &str| open.repeat(n);
        let at = |yaml: &str| too_deep(yaml).map(|s| (s.line, s.col));
        assert_eq!(at(&deep(MAX_FLOW_DEPTH, "[")), None);
        assert_eq!(
            at(&deep(MAX_FLOW_DEPTH + 1, "[")),
            Some((1, MAX_FLOW_DEPTH + 1))
        );
        for yaml in [
            format!("title: A\nextra: {}", deep(40, "[")),
            format!("- {}", deep(40, "{a: ")),
            format!("--- {}", deep(40, "[")),
            format!("a: &x !!seq {}", deep(40, "[")),
            format!("- - - {}", deep(40, "[ ")),
            format!("a: [\n{}", deep(40, " [\n")),
            // A quote inside a plain scalar is text, so the brackets after it count.
            format!("a: [x:\"y, {}", deep(40, "[")),
            format!("a: [it's, {}", deep(40, "[")),
            // A quoted key and value, JSON style: the quotes are quotes, the brackets count.
            format!("a: {{\"k\":\"]]]]\", b: {}", deep(40, "[")),
            format!("a: [\"x\\\"]]]\", 'y'']]]', {}", deep(40, "[")),
            // Brackets after a block scalar's lines are YAML again.
            format!("a: |\n  [[[[\nb: {}", deep(40, "[")),
        ] {
            assert!(at(&yaml).is_some(), "not caught: {yaml}");
        }
        for yaml in [
            format!("title: Quyết định {}", deep(40, "[")),
            format!("title: \"{}\"", deep(40, "[")),
            format!("title: '{}'", deep(40, "[")),
            format!("title: \"a\n{}\n\"", deep(40, "[")),
            format!("# {}\ntitle: a # {}", deep(40, "["), deep(40, "{")),
            format!(
                "body: |\n  {}\n\n  {}\nnext: 1",
                deep(40, "["),
                deep(40, "{")
            ),
            format!("- text: >-\n   {}\n", deep(40, "[")),
            format!("a: {}{}", deep(30, "["), deep(30, "]")).repeat(3),
        ] {
            assert_eq!(at(&yaml), None, "{yaml}");
        }
    }

    #[test]
    fn deep_flow_nesting_is_an_error_at_its_place_in_the_file() {
        let file = format!("---\ntitle: A\nextra: {}\n---\n", "[".repeat(100));
        let d = src(&file).parse::<Fm>().expect_err("too deep");
        assert_eq!(d.span, Some(Span::new(3, 8 + MAX_FLOW_DEPTH)));
        assert!(
            d.message.contains("nested more than 32 levels"),
            "{}",
            d.message
        );
    }

    #[test]
    fn finds_values() {
        let file = "---\ntitle: A\ncampaign: nong-thon-moi\n---\n";
        assert_eq!(
            src(file).span_of("campaign", "nong-thon-moi"),
            Span::new(3, 11)
        );
    }
}
