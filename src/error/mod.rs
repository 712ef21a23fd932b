//! Diagnostics: every problem about user input, with the file and position it is about.
//!
//! Loading collects diagnostics instead of stopping at the first, so `check` can list
//! everything wrong in one run. The formatter prints `path:line:col: error[MB0301]: message`,
//! the source line with a caret and a `help:` hint, which editors make clickable. Every
//! diagnostic has a [`Code`]: the constructors take one, so none can be made without it,
//! and the reference lists each code with an example and its fix (see [`codes`]).
//!
//! Bounded by construction: a diagnostic keeps at most [`MAX_TEXT`] characters of message
//! and hint and a window of [`EXCERPT_CHARS`] characters of its source line, so a thousand
//! errors on one 100 KB line cost a thousand small excerpts, not a thousand copies of the
//! line; a listing shows the first [`SHOWN`] and counts the rest. What came from a file is
//! printed with its control and direction characters escaped, so content cannot move the
//! terminal's cursor, recolour it or print a fake "No errors".

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

pub mod codes;
mod codes_vi;
mod said;
pub use codes::Code;
pub use said::said;

/// Characters of a source line shown around the column (half before, half after).
pub const EXCERPT_CHARS: usize = 160;
/// Characters of a message or hint kept; the rest becomes "…".
pub const MAX_TEXT: usize = 1000;
/// Diagnostics a listing (terminal, preview overlay) shows; the rest are counted.
pub const SHOWN: usize = 200;

/// A position in a file, 1-based, in the file's own coordinates (front matter offset added).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Span {
    pub line: usize,
    pub col: usize,
}

impl Span {
    pub fn new(line: usize, col: usize) -> Self {
        Span { line, col }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word the listing and JSON use: `error`, `warning`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Which problem of the registry this is; stable across releases.
    pub code: Code,
    /// Path relative to the site root, with `/` separators, so output is the same everywhere.
    pub path: String,
    pub span: Option<Span>,
    pub message: String,
    /// What a non-programmer should do about it.
    pub hint: Option<String>,
    /// The offending part of the source line, shown under the message.
    pub source_line: Option<Excerpt>,
}

/// A window of a source line around the column a diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The characters shown.
    text: String,
    /// Characters of `text` before the caret.
    caret: usize,
    /// Whether the line was cut before `text` and after it.
    cut: (bool, bool),
}

impl Excerpt {
    /// The window of `line` around byte `at` (clamped to the line and to a character
    /// boundary). Costs the window, not the line: callers with many diagnostics on one long
    /// line stay linear.
    pub fn around(line: &str, at: usize) -> Excerpt {
        let mut at = at.min(line.len());
        while !line.is_char_boundary(at) {
            at -= 1;
        }
        let half = EXCERPT_CHARS / 2;
        let start = line[..at]
            .char_indices()
            .rev()
            .take(half)
            .last()
            .map_or(at, |(i, _)| i);
        let end = line[at..]
            .char_indices()
            .nth(EXCERPT_CHARS - line[start..at].chars().count())
            .map_or(line.len(), |(i, _)| at + i);
        Excerpt {
            text: line[start..end].to_string(),
            caret: line[start..at].chars().count(),
            cut: (start > 0, end < line.len()),
        }
    }

    /// The window of `line` around character column `col` (1-based).
    pub fn at_col(line: &str, col: usize) -> Excerpt {
        let at = line
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
        Excerpt::around(line, at)
    }
}

/// `s` cut to [`MAX_TEXT`] characters.
fn capped(s: String) -> String {
    match s.char_indices().nth(MAX_TEXT) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Whether a character must not reach a terminal as it is: C0 and C1 controls (ESC starts
/// the sequences that move the cursor and rewrite lines), DEL, and the marks that reorder
/// text (bidi overrides and isolates, which make a line read differently from its bytes).
fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
        )
}

/// Text from a file, made safe to print: every character of [`unprintable`] is shown as
/// its escape (`\u{1b}`), the rest unchanged.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unprintable) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unprintable(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

impl Diagnostic {
    /// An error about `path`; `code` says which problem it is (see [`codes`]).
    pub fn error(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, code, path.into(), message.into())
    }

    /// A warning about `path`; `code` says which problem it is (see [`codes`]).
    pub fn warning(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, code, path.into(), message.into())
    }

    fn new(severity: Severity, code: Code, path: String, message: String) -> Self {
        debug_assert!(
            code.entry().level.allows(severity),
            "{code} is not reported as {severity:?} in the registry"
        );
        Diagnostic {
            severity,
            code,
            path,
            span: None,
            message: capped(message),
            hint: None,
            source_line: None,
        }
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Sets the span and picks the source line out of the file text for the caret display.
    /// Reads the text up to that line: callers that report many problems in one file use
    /// [`Lines`] and [`Diagnostic::at_line`] instead.
    pub fn at_in(self, span: Span, text: &str) -> Self {
        match text.lines().nth(span.line.saturating_sub(1)) {
            Some(line) => self.at_line(span, line),
            None => self.at(span),
        }
    }

    /// Sets the span and shows `line` (the span's line) under the message.
    pub fn at_line(mut self, span: Span, line: &str) -> Self {
        self.span = Some(span);
        self.source_line = Some(Excerpt::at_col(line, span.col));
        self
    }

    /// Shows the part of `line` around byte `at` under the message.
    pub fn excerpt(mut self, line: &str, at: usize) -> Self {
        self.source_line = Some(Excerpt::around(line, at));
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(capped(hint.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = format!("{}[{}]", self.severity.label(), self.code.id());
        let (path, message) = (escape_controls(&self.path), escape_controls(&self.message));
        match self.span {
            Some(s) => write!(f, "{path}:{}:{}: {label}: {message}", s.line, s.col)?,
            None => write!(f, "{path}: {label}: {message}")?,
        }
        if let (Some(line), Some(span)) = (&self.source_line, self.span) {
            let num = span.line.to_string();
            let pad = " ".repeat(num.len());
            let (before, after) = line.text.split_at(
                line.text
                    .char_indices()
                    .nth(line.caret)
                    .map_or(line.text.len(), |(i, _)| i),
            );
            let before = format!(
                "{}{}",
                if line.cut.0 { "…" } else { "" },
                escape_controls(before)
            );
            let after = format!(
                "{}{}",
                escape_controls(after),
                if line.cut.1 { "…" } else { "" }
            );
            // Caret under the column, counted in characters so Vietnamese text lines up.
            let caret_pad = " ".repeat(before.chars().count());
            write!(
                f,
                "\n{pad} |\n{num} | {before}{after}\n{pad} | {caret_pad}^"
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {}", escape_controls(hint))?;
        }
        Ok(())
    }
}

/// Where each line of a text starts, found once: many diagnostics in one file get their
/// line, column and source line without reading the file again for each.
pub struct Lines<'a> {
    text: &'a str,
    /// Byte offset of the start of each line; `starts[0]` is 0.
    starts: Vec<usize>,
    /// The last position asked for, as (byte, column): positions asked for in order along
    /// one long line cost the distance between them, not the line.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Lines {
            text,
            starts,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    /// The byte offset where line `n` (1-based) starts.
    pub fn start(&self, n: usize) -> Option<usize> {
        self.starts.get(n.checked_sub(1)?).copied()
    }

    /// Line `n` (1-based) without its line end, as `str::lines` gives it.
    pub fn line(&self, n: usize) -> Option<&'a str> {
        let start = self.start(n)?;
        let end = self.starts.get(n).map_or(self.text.len(), |e| e - 1);
        let line = &self.text[start..end.max(start)];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    /// Line and column (1-based, the column in characters) of byte `at`, with the byte
    /// offset of that line's start.
    pub fn position(&self, at: usize) -> (Span, usize) {
        let at = at.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= at);
        let start = self.starts[line - 1];
        let (last, last_col) = self.last.get();
        let col = if last >= start && last <= at {
            last_col + self.text[last..at].chars().count()
        } else {
            1 + self.text[start..at].chars().count()
        };
        self.last.set((at, col));
        (Span::new(line, col), start)
    }
}

/// The diagnostics a listing shows: all of them, or when they do not fit in [`SHOWN`], the
/// errors first, each group in its order. [`more`] counts the rest.
pub fn shown(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    if diags.len() <= SHOWN {
        return diags.iter().collect();
    }
    let errors = diags.iter().filter(|d| d.is_error());
    let warnings = diags.iter().filter(|d| !d.is_error());
    errors.chain(warnings).take(SHOWN).collect()
}

/// The line that ends a cut listing: `… and 412 more (400 errors, 12 warnings) not shown`.
pub fn more(diags: &[Diagnostic], shown: &[&Diagnostic]) -> Option<String> {
    let hidden = diags.len().checked_sub(shown.len()).filter(|&n| n > 0)?;
    let errors = diags.iter().filter(|d| d.is_error()).count()
        - shown.iter().filter(|d| d.is_error()).count();
    Some(format!(
        "… and {hidden} more ({errors} error(s), {} warning(s)) not shown: only the first {SHOWN} are listed; fix these and run the command again, or see them all with `minhbach check --format json`",
        hidden - errors
    ))
}

/// The problems found so far, in the order they were found; sorted before printing.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Sorted by file, then position, so the listing reads top to bottom and is stable.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.span, a.severity, &a.message)
                .cmp(&(&b.path, b.span, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

/// Errors that end a command: content problems (exit 1) or I/O on the output (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} error(s) in the content; nothing was written", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Diagnostics as one JSON object, for editors and CI: `{"errors": n, "warnings": n,
/// "diagnostics": [{file, line, column, severity, code, message, hint}]}`.
pub fn to_json(diags: &[Diagnostic]) -> String {
    let items: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": d.path,
                "line": d.span.map(|s| s.line),
                "column": d.span.map(|s| s.col),
                "severity": d.severity.label(),
                "code": d.code.id(),
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect();
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let json = serde_json::to_string_pretty(&serde_json::json!({
        "errors": errors,
        "warnings": diags.len() - errors,
        "diagnostics": items,
    }))
    .expect("JSON values always serialize");
    // serde_json escapes C0 controls in strings (the ones left are its own line breaks); C1
    // controls, DEL and direction marks would still reach a terminal. They can only be
    // inside strings, where `\uXXXX` means the same character.
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if unprintable(c) && c > '\u{1f}' {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Levenshtein distance over characters, for "did you mean" suggestions.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest known id, if it is close enough to be a plausible typo.
///
/// Compares after folding diacritics too, so `nong-thon-mớí` suggests `nong-thon-moi`.
pub fn did_you_mean<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = crate::i18n::fold(wanted);
    known
        .into_iter()
        .map(|k| {
            (
                distance(&folded, &crate::i18n::fold(k)).min(distance(wanted, k)),
                k,
            )
        })
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_folded_match() {
        let known = ["nong-thon-moi", "vi-nguoi-ngheo"];
        assert_eq!(did_you_mean("nong-thon-mớí", known), Some("nong-thon-moi"));
        assert_eq!(did_you_mean("vi-nguoi-ngeo", known), Some("vi-nguoi-ngheo"));
        assert_eq!(did_you_mean("completely-else", known), None);
    }

    #[test]
    fn formats_with_caret_and_help() {
        let d = Diagnostic::error(
            Code::UnknownReference,
            "content/a.vi.md",
            "unknown campaign \"x\"",
        )
        .at_in(Span::new(2, 11), "---\ncampaign: x\n")
        .hint("use an id from content/campaigns/");
        assert_eq!(
            d.to_string(),
            "content/a.vi.md:2:11: error[MB0301]: unknown campaign \"x\"\n  |\n2 | campaign: x\n  |           ^\n  = help: use an id from content/campaigns/"
        );
    }

    #[test]
    fn long_lines_show_a_window_around_the_column() {
        let line = format!("{}[x](/a/){}", "á".repeat(5000), "b".repeat(5000));
        let d = Diagnostic::error(Code::UnknownReference, "content/a.vi.md", "link")
            .at_in(Span::new(1, 5001), &line);
        let shown = d.to_string();
        let rows: Vec<&str> = shown.lines().collect();
        assert!(
            rows[2].starts_with("1 | …áá") && rows[2].ends_with("bb…"),
            "{shown}"
        );
        assert!(rows[2].chars().count() < EXCERPT_CHARS + 10, "{shown}");
        // The caret is still under the `[`.
        let caret = rows[3].chars().count() - 1;
        assert_eq!(rows[2].chars().nth(caret), Some('['), "{shown}");
        // Short lines are shown whole; a column past the end points just after it.
        let short =
            Diagnostic::error(Code::UnknownReference, "a", "m").at_in(Span::new(1, 9), "abc");
        assert_eq!(
            short.to_string(),
            "a:1:9: error[MB0301]: m\n  |\n1 | abc\n  |    ^"
        );
    }

    #[test]
    fn messages_and_hints_are_capped() {
        let d = Diagnostic::error(Code::UnknownReference, "a", "x".repeat(50_000))
            .hint("y".repeat(50_000));
        assert_eq!(d.message.chars().count(), MAX_TEXT + 1);
        assert!(d.message.ends_with('…'));
        assert_eq!(d.hint.map(|h| h.chars().count()), Some(MAX_TEXT + 1));
    }

    #[test]
    fn control_and_direction_characters_are_escaped_when_printed() {
        let fake = "x\u{1b}[2K\r\u{1b}[1ANo errors, 0 warning(s).\n\u{9b}31m\u{202e}abc\u{7}";
        let d = Diagnostic::error(
            Code::UnknownReference,
            format!("content/{fake}.md"),
            format!("unknown \"{fake}\""),
        )
        .at_in(Span::new(1, 3), &format!("id: {fake}"))
        .hint(format!("use {fake}"));
        let shown = d.to_string();
        assert!(
            shown.split('\n').all(|l| !l.chars().any(unprintable)),
            "{shown:?}"
        );
        assert!(shown.contains("x\\u{1b}[2K\\u{d}\\u{1b}[1ANo errors, 0 warning(s).\\u{a}\\u{9b}31m\\u{202e}abc\\u{7}"), "{shown}");
        // Message, gutter, source, caret, help: nothing from the file adds a line.
        assert_eq!(shown.lines().count(), 5, "{shown}");
        assert!(shown
            .lines()
            .nth(2)
            .is_some_and(|l| l.starts_with("1 | id: x\\u{1b}")));
        let json = to_json(&[d]);
        assert!(!json.chars().any(|c| unprintable(c) && c != '\n'), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(back["diagnostics"][0]["hint"], format!("use {fake}"));
    }

    #[test]
    fn lines_give_positions_without_rescanning() {
        let lines = Lines::new("ab\ncdé [x]\r\nlast");
        assert_eq!(lines.position(8), (Span::new(2, 5), 3));
        assert_eq!(lines.position(9), (Span::new(2, 6), 3));
        assert_eq!(lines.position(0), (Span::new(1, 1), 0));
        assert_eq!(lines.line(2), Some("cdé [x]"));
        assert_eq!(lines.line(3), Some("last"));
        assert_eq!(lines.line(4), None);
        assert_eq!(lines.line(0), None);
        assert_eq!(lines.position(99), (Span::new(3, 5), 13));
    }

    #[test]
    fn a_listing_shows_errors_first_and_counts_the_rest() {
        let mut diags: Vec<Diagnostic> = (0..150)
            .map(|i| Diagnostic::warning(Code::NoTranslation, "a", format!("w{i}")))
            .collect();
        diags.extend(
            (0..100).map(|i| Diagnostic::error(Code::UnknownReference, "b", format!("e{i}"))),
        );
        let list = shown(&diags);
        assert_eq!(list.len(), SHOWN);
        assert!(list[..100].iter().all(|d| d.is_error()));
        let line = more(&diags, &list).expect("some are hidden");
        assert!(
            line.starts_with("… and 50 more (0 error(s), 50 warning(s)) not shown"),
            "{line}"
        );
        assert_eq!(more(&diags[..10], &shown(&diags[..10])), None);
    }
}
