//! Diagnostics: every problem about user input, with the file and position it is about.
//!
//! Loading collects diagnostics instead of stopping at the first, so `check` can list
//! everything wrong in one run. The formatter prints `path:line:col: message`, the source
//! line with a caret and a `help:` hint, which editors make clickable.

use std::fmt;
use std::path::{Path, PathBuf};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators, so output is the same everywhere.
    pub path: String,
    pub span: Option<Span>,
    pub message: String,
    /// What a non-programmer should do about it.
    pub hint: Option<String>,
    /// The offending source line, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            span: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Sets the span and picks the source line out of the file text for the caret display.
    pub fn at_in(mut self, span: Span, text: &str) -> Self {
        self.span = Some(span);
        self.source_line = text
            .lines()
            .nth(span.line.saturating_sub(1))
            .map(str::to_string);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.span {
            Some(s) => write!(
                f,
                "{}:{}:{}: {label}: {}",
                self.path, s.line, s.col, self.message
            )?,
            None => write!(f, "{}: {label}: {}", self.path, self.message)?,
        }
        if let (Some(line), Some(span)) = (&self.source_line, self.span) {
            let num = span.line.to_string();
            let pad = " ".repeat(num.len());
            // Caret under the column, counted in characters so Vietnamese text lines up.
            let caret_pad = " ".repeat(span.col.saturating_sub(1));
            write!(f, "\n{pad} |\n{num} | {line}\n{pad} | {caret_pad}^")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {hint}")?;
        }
        Ok(())
    }
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
/// "diagnostics": [{file, line, column, severity, message, hint}]}`.
pub fn to_json(diags: &[Diagnostic]) -> String {
    let items: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": d.path,
                "line": d.span.map(|s| s.line),
                "column": d.span.map(|s| s.col),
                "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect();
    let errors = diags.iter().filter(|d| d.is_error()).count();
    serde_json::to_string_pretty(&serde_json::json!({
        "errors": errors,
        "warnings": diags.len() - errors,
        "diagnostics": items,
    }))
    .expect("JSON values always serialize")
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
        let d = Diagnostic::error("content/a.vi.md", "unknown campaign \"x\"")
            .at_in(Span::new(2, 11), "---\ncampaign: x\n")
            .hint("use an id from content/campaigns/");
        assert_eq!(
            d.to_string(),
            "content/a.vi.md:2:11: error: unknown campaign \"x\"\n  |\n2 | campaign: x\n  |           ^\n  = help: use an id from content/campaigns/"
        );
    }
}
