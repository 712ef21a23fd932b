//! Lint: what text pasted from Word, PDFs and web pages brings into front matter and data
//! files — decomposed (NFD) letters, invisible characters, stray spaces. Checked on the
//! raw text, before loading normalizes it, and reported as warnings at line and column.

use crate::error::{Code, Diagnostic, Diagnostics, Span};
use crate::i18n::nfc;

/// Characters that are invisible or look like a plain space.
fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{a0}' => "no-break space (U+00A0)",
        '\u{200b}' => "zero-width space (U+200B)",
        '\u{200c}' => "zero-width non-joiner (U+200C)",
        '\u{200d}' => "zero-width joiner (U+200D)",
        '\u{2060}' => "word joiner (U+2060)",
        '\u{feff}' => "zero-width no-break space (U+FEFF)",
        '\u{ad}' => "soft hyphen (U+00AD)",
        _ => return None,
    })
}

/// The value part of a YAML line (`key: value` or `- value`), with its column offset.
fn value_of(line: &str) -> Option<(usize, &str)> {
    if line.trim_start().starts_with('#') {
        return None;
    }
    let start = match line.find(": ") {
        Some(i) => i + 2,
        None => {
            let t = line.trim_start();
            let indent = line.len() - t.len();
            t.strip_prefix("- ").map(|_| indent + 2)?
        }
    };
    Some((start, &line[start..]))
}

/// Lints the YAML of a raw file: the front matter of a markdown file, or a whole data file.
pub fn file(path: &str, raw: &str, markdown: bool, diags: &mut Diagnostics) {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let total = raw.lines().count();
    let lines = if markdown {
        // Between the opening `---` (line 1) and the closing one, if the file has both.
        match raw.lines().skip(1).position(|l| l.trim_end() == "---") {
            Some(p) if raw.lines().next().is_some_and(|l| l.trim_end() == "---") => 2..=p + 1,
            _ => return,
        }
    } else {
        1..=total
    };
    yaml_lines(path, raw, lines, diags);
}

/// Lints YAML lines `first..=last` (1-based) of `raw`; `path` is for messages.
pub fn yaml_lines(
    path: &str,
    raw: &str,
    lines: std::ops::RangeInclusive<usize>,
    diags: &mut Diagnostics,
) {
    for (i, line) in raw.lines().enumerate() {
        let n = i + 1;
        if !lines.contains(&n) {
            continue;
        }
        let warn = |code: Code, col: usize, message: String, hint: &str| {
            Diagnostic::warning(code, path, message)
                .hint(hint)
                .at_line(Span::new(n, col), line)
        };
        if line.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)) && nfc(line) != line {
            let col = line
                .chars()
                .position(|c| ('\u{300}'..='\u{36f}').contains(&c))
                .map_or(1, |p| p);
            diags.push(warn(
                Code::DecomposedLetters,
                col.max(1),
                "decomposed Vietnamese letters (NFD), as pasted from Word, a PDF or a Mac".into(),
                "minhbach composes them (NFC) when it builds, so the site is right; to fix the file itself, retype the word or save it as UTF-8",
            ));
        }
        if let Some((col, c)) = line
            .chars()
            .enumerate()
            .find_map(|(i, c)| invisible(c).map(|name| (i + 1, name)))
        {
            diags.push(warn(
                Code::InvisibleCharacter,
                col,
                format!("invisible character: {c}"),
                "delete it and type a normal space (or nothing); it breaks search and sorting",
            ));
        }
        let Some((start, value)) = value_of(line) else {
            continue;
        };
        let col = line[..start].chars().count() + 1;
        let quoted = value.trim_end();
        if quoted.len() >= 2
            && (quoted.starts_with('"') && quoted.ends_with('"')
                || quoted.starts_with('\'') && quoted.ends_with('\''))
        {
            let inner = &quoted[1..quoted.len() - 1];
            if inner != inner.trim() && !inner.trim().is_empty() {
                diags.push(warn(
                    Code::StraySpaces,
                    col,
                    "the value starts or ends with a space inside the quotes".into(),
                    "remove the spaces between the quotes and the text",
                ));
                continue;
            }
        }
        if let Some(p) = value.trim_end().find("  ") {
            let c = col + value[..p].chars().count();
            diags.push(warn(
                Code::StraySpaces,
                c,
                "two spaces in a row inside the value".into(),
                "use a single space between words",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(text: &str) -> Vec<Diagnostic> {
        let mut d = Diagnostics::default();
        let n = text.lines().count();
        yaml_lines("x.yaml", text, 1..=n, &mut d);
        d.into_sorted()
    }

    #[test]
    fn finds_nfd_and_invisible_characters_with_columns() {
        let d = lint("title: \"Nguye\u{302}\u{303}n\"\nsummary: a\u{a0}b\n");
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].span, Some(Span::new(1, 13)));
        assert!(d[0].message.contains("NFD"));
        assert_eq!(d[1].span, Some(Span::new(2, 11)));
        assert!(d[1].message.contains("U+00A0"));
    }

    #[test]
    fn finds_stray_spaces_in_values_only() {
        let d = lint("title: \" Đổi mới\"\nsummary: a  b\n    nested: ok\n# comment  with  spaces\n- \"list item \"\n");
        let lines: Vec<usize> = d.iter().filter_map(|d| d.span.map(|s| s.line)).collect();
        assert_eq!(lines, vec![1, 2, 5], "{d:?}");
    }

    #[test]
    fn clean_text_has_no_warnings() {
        assert!(lint("title: \"Đổi mới\"\nfields: [\"Nông thôn mới\"]\n").is_empty());
    }
}
