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

/// Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return before one) gets a leading `'`, which spreadsheets show as text and do not
/// evaluate. Only text cells pass through here: numbers, negative ones included, are
/// written as they are, and the JSON files keep the text unchanged.
pub fn defuse(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Quotes a field that holds a comma, a quote or a line break, doubling its quotes.
fn push_field(out: &mut String, f: &str) {
    if f.contains([',', '"', '\r', '\n']) {
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
        for s in ["+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(super::defuse(s).starts_with('\''), "{s}");
        }
        assert_eq!(super::defuse("Đạt 96%"), "Đạt 96%");
    }

    #[test]
    fn empty_file_is_just_the_bom() {
        assert_eq!(csv(&[]), "\u{feff}");
    }
}
