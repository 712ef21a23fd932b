//! A minimal RFC 4180 CSV writer, shaped for spreadsheets: UTF-8 with a byte order mark
//! (without it Excel reads UTF-8 as the local code page and breaks Vietnamese), CRLF line
//! ends, and quotes only where a field needs them.

/// Builds one CSV file in memory. Rows are written as given; the caller writes the header.
pub struct Writer {
    out: String,
}

impl Writer {
    pub fn new() -> Self {
        Writer {
            out: String::from('\u{feff}'),
        }
    }

    /// Appends a record. Every record must have the header's number of fields.
    pub fn record<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        for (i, f) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            push_field(&mut self.out, f.as_ref());
        }
        self.out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// The characters that make a spreadsheet read a cell as a formula (`=`, `+`, `-`, `@`,
/// and the full-width forms some read as those), or that it drops before one (tab, CR).
fn starts_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}'
    )
}

/// Where a spreadsheet may start a new cell inside a field: after a list separator of some
/// locale (`,` in English, `;` in Vietnamese and most of Europe, tab) or a line break.
fn splits_cells(c: char) -> bool {
    matches!(c, ',' | ';' | '\t' | '\n' | '\r')
}

/// Text that a spreadsheet would run as a formula gets a `'` before it, which spreadsheets
/// show as text and do not evaluate: at the start of the field, and at every place a
/// spreadsheet may start a cell inside it ([`splits_cells`]), leading spaces skipped.
/// Fields with a separator are also quoted (see [`push_field`]), but a program set to
/// another separator may split them anyway: `a;=HYPERLINK(…)` is one cell in English
/// Excel and two in Vietnamese Excel. The text stays readable: only `'`s are added.
///
/// Only text cells pass through here: numbers, negative ones included, are written as they
/// are, and the JSON files keep the text unchanged.
pub fn defuse(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 1);
    let mut cell_start = true;
    for c in s.chars() {
        if cell_start && starts_formula(c) {
            out.push('\'');
        }
        out.push(c);
        cell_start = splits_cells(c) || (cell_start && c == ' ');
    }
    out
}

/// Quotes a field that holds a list separator of any locale (`,` `;` tab), a quote or a
/// line break, doubling its quotes, so that programs that honour quotes keep it one cell.
fn push_field(out: &mut String, f: &str) {
    if f.contains([',', ';', '\t', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(f);
    }
}

#[cfg(test)]
mod tests {
    use super::Writer;

    fn csv(rows: &[&[&str]]) -> String {
        let mut w = Writer::new();
        for r in rows {
            w.record(r.iter());
        }
        w.finish()
    }

    #[test]
    fn starts_with_a_bom_and_ends_lines_with_crlf() {
        assert_eq!(
            csv(&[&["id", "title"], &["an-toan", "An toàn"]]),
            "\u{feff}id,title\r\nan-toan,An toàn\r\n"
        );
    }

    #[test]
    fn quotes_commas_quotes_and_line_breaks_only() {
        assert_eq!(
            csv(&[&["Đạt 96%, gần \"hoàn thành\"", "a\nb", "c\r\nd", "plain", ""]]),
            "\u{feff}\"Đạt 96%, gần \"\"hoàn thành\"\"\",\"a\nb\",\"c\r\nd\",plain,\r\n"
        );
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(super::defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for s in [
            "+1",
            "-1+2",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "  =1",
            "\u{ff1d}1",
        ] {
            assert!(super::defuse(s).trim_start().starts_with('\''), "{s}");
        }
        assert_eq!(super::defuse("Đạt 96%"), "Đạt 96%");
        assert_eq!(super::defuse("a;=HYPERLINK(1)"), "a;'=HYPERLINK(1)");
        assert_eq!(super::defuse("An ninh; -5 đơn vị"), "An ninh; '-5 đơn vị");
        // Inside a cell a dash or sign is text: no spreadsheet starts a cell there.
        assert_eq!(
            super::defuse("2022-01-15 a - b x=1 a+b"),
            "2022-01-15 a - b x=1 a+b"
        );
    }

    /// The cells a spreadsheet sees in `text` when it splits on `sep`: honouring quotes
    /// (`quotes`), as spreadsheets do, or not, as a careless import might.
    fn cells(text: &str, sep: char, quotes: bool) -> Vec<String> {
        let mut cells = vec![String::new()];
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quotes && quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    cells.last_mut().expect("one cell").push('"');
                }
                '"' if quotes => quoted = !quoted,
                c if !quoted && (c == sep || c == '\n' || c == '\r') => cells.push(String::new()),
                c => cells.last_mut().expect("one cell").push(c),
            }
        }
        cells
    }

    #[test]
    fn no_locale_sees_a_formula_in_any_cell() {
        let hostile = [
            "a;=HYPERLINK(\"http://x\";\"y\")",
            "x\t=1+1",
            "a,=cmd|' /C calc'!A0",
            "a; =1+1",
            "a ;  @SUM(A1)",
            "a\n=1",
            "a\r\n+1",
            " -2+3",
            "=1",
            "\t\t=1",
            "a;\t=1",
            "a;\u{ff1d}1",
        ];
        for text in hostile {
            let mut w = Writer::new();
            w.record([super::defuse(text), "b".into()]);
            let csv = w.finish();
            for sep in [',', ';', '\t'] {
                for quotes in [true, false] {
                    for cell in cells(&csv[3..], sep, quotes) {
                        let seen = cell.trim_start_matches([' ', '"']);
                        assert!(
                            !seen.starts_with(super::starts_formula),
                            "{text:?}: a spreadsheet splitting on {sep:?} (quotes {quotes}) sees the formula {cell:?} in {csv:?}"
                        );
                    }
                }
            }
            // Readable: the text is all there, with only `'`s added.
            assert_eq!(
                super::defuse(text).replace('\'', ""),
                text.replace('\'', "")
            );
        }
    }

    #[test]
    fn separators_of_every_locale_are_quoted() {
        assert_eq!(
            csv(&[&["a;b", "c\td", "e"]]),
            "\u{feff}\"a;b\",\"c\td\",e\r\n"
        );
    }

    #[test]
    fn empty_file_is_just_the_bom() {
        assert_eq!(csv(&[]), "\u{feff}");
    }
}
