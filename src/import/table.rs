//! Reading a table as people hand it over: a CSV or TSV file, cells pasted from a
//! spreadsheet, or an XLSX/ODS workbook. Everything becomes text cells with the row number
//! the person sees in their spreadsheet, so that every later message can name the row.
//!
//! Why text and not numbers: a figure is read once, by [`crate::amount`], the way every
//! figure of the site is read. A workbook's number cells are floats; they are written as
//! the shortest decimal with Excel's 15 significant digits (`97.5`, never `97.49999999999999`).

use crate::error::{Code, Diagnostic, Error, Span};
use serde::{Deserialize, Serialize};

/// Bytes a table may have: a report has tens of rows, a workbook with pictures a few MB.
pub const MAX_BYTES: usize = 20 << 20;
/// Rows read; a report's results are tens of rows.
pub const MAX_ROWS: usize = 5_000;
/// Columns read.
pub const MAX_COLUMNS: usize = 100;
/// Characters kept of a cell.
pub const MAX_CELL: usize = 10_000;

/// A table: the header row's cells and the rows under it, as text.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    /// The header row's number in the source (1-based; 0 when the table is empty).
    #[serde(default)]
    pub header_line: usize,
    /// The rows under the header; rows with every cell blank are left out.
    pub rows: Vec<Row>,
    /// The file name, or "pasted".
    pub source: String,
    /// How the text was encoded: "UTF-8", "UTF-16", or "windows-1258" for a file that is
    /// not UTF-8 (a CSV saved by Excel on Vietnamese Windows), whose notes should be checked.
    #[serde(default)]
    pub encoding: String,
    /// Read from a workbook: its numbers were cells, not text (a cell formatted as a
    /// percentage holds 0.975 for 97.5 %).
    #[serde(default)]
    pub workbook: bool,
}

/// One row of a table.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Row {
    /// 1-based row number in the source: the line of a CSV where the row starts, the row
    /// number a spreadsheet shows.
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// Cell `col`, trimmed; "" past the end of the row.
    pub fn cell(&self, col: usize) -> &str {
        self.cells.get(col).map_or("", |c| c.trim())
    }
}

/// Reads a table by the file's extension: `.csv`, `.tsv`, `.txt` (text with commas,
/// semicolons or tabs) or `.xlsx`, `.xlsm`, `.ods` (the first sheet that has cells).
/// Pasted text is read as `pasted.tsv`.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Table, Error> {
    let source = if file_name.starts_with("pasted") {
        "pasted".to_string()
    } else {
        file_name.to_string()
    };
    if bytes.len() > MAX_BYTES {
        return Err(problem(
            Code::TableTooLarge,
            &source,
            None,
            format!(
                "the file has {} MB; a table of results has at most {} MB",
                bytes.len() >> 20,
                MAX_BYTES >> 20
            ),
            "keep only the sheet with the results and save it again",
        ));
    }
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let (grid, encoding) = match ext.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => (workbook(&source, bytes)?, "".to_string()),
        "csv" | "tsv" | "txt" | "tab" | "" => {
            let (text, encoding) = decode(bytes);
            let text = crate::content::load::clean_text(&text);
            (delimited(&source, &text)?, encoding.to_string())
        }
        other => {
            return Err(problem(
                Code::TableUnreadable,
                &source,
                None,
                format!("cannot read a .{other} file as a table"),
                "save the sheet as .xlsx, .ods or .csv, or copy the cells and paste them",
            ))
        }
    };
    let mut table = from_grid(source, grid, encoding);
    table.workbook = matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods");
    Ok(table)
}

fn problem(code: Code, source: &str, line: Option<usize>, message: String, hint: &str) -> Error {
    let mut d = Diagnostic::error(code, source, message).hint(hint);
    if let Some(line) = line {
        d = d.at(Span::new(line, 1));
    }
    Error::Content(vec![d])
}

/// The text of a file, and what it was encoded in. UTF-8 (with or without a byte order
/// mark) and UTF-16 with one ("Unicode text" from Excel) are read as they are; anything
/// else as Windows-1258, the Vietnamese code page Excel writes "CSV (comma delimited)" in.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        let name = if enc == encoding_rs::UTF_8 {
            "UTF-8"
        } else {
            "UTF-16"
        };
        return (text.into_owned(), name);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
            (text.into_owned(), "windows-1258")
        }
    }
}

/// Cells by row, each row with its number in the source.
type Grid = Vec<(usize, Vec<String>)>;

/// The delimiter of a text table: the one of tab, semicolon and comma found the same
/// number of times on each of the first lines, most often; tab first on a tie (pasted
/// cells), then semicolon (CSV where the comma is the decimal mark).
fn sniff(text: &str) -> char {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(5)
        .collect();
    let mut best = ('\t', 0);
    for d in ['\t', ';', ','] {
        // Counted outside quotes, line by line: a quoted cell over lines blurs it a little.
        let min = lines
            .iter()
            .map(|l| {
                let mut quoted = false;
                l.chars()
                    .filter(|c| {
                        if *c == '"' {
                            quoted = !quoted;
                        }
                        !quoted && *c == d
                    })
                    .count()
            })
            .min()
            .unwrap_or(0);
        if min > best.1 {
            best = (d, min);
        }
    }
    if best.1 == 0 {
        // Not on every line: the one the first line has most of.
        let first = lines.first().copied().unwrap_or("");
        for d in ['\t', ';', ','] {
            let n = first.matches(d).count();
            if n > best.1 {
                best = (d, n);
            }
        }
    }
    best.0
}

/// Splits delimited text into rows: quoted cells (`"a ""b"" c"`) may hold the delimiter and
/// line breaks, as spreadsheets write them.
fn delimited(source: &str, text: &str) -> Result<Grid, Error> {
    let delim = sniff(text);
    let mut rows: Grid = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut line = 1;
    let mut row_line = 1;
    let mut quote_line = 0;
    let mut quoted = false;
    // At the start of a cell, where a quote opens a quoted cell.
    let mut at_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                quote_line = line;
                at_start = false;
            }
            '\n' => {
                push_cell(&mut row, &mut cell, source, row_line)?;
                rows.push((row_line, std::mem::take(&mut row)));
                line += 1;
                row_line = line;
                at_start = true;
                if rows.len() > MAX_ROWS {
                    return Err(too_many_rows(source));
                }
            }
            c if c == delim => {
                push_cell(&mut row, &mut cell, source, row_line)?;
                at_start = true;
            }
            ' ' if at_start && cell.is_empty() => {}
            _ => {
                cell.push(c);
                at_start = false;
            }
        }
    }
    if quoted {
        return Err(problem(
            Code::TableQuote,
            source,
            Some(quote_line),
            format!("a quote opened on row {quote_line} is not closed, so the rest of the table would be one cell"),
            "close the cell with a quote (\"), or remove the quote that opens it",
        ));
    }
    if !cell.is_empty() || !row.is_empty() {
        push_cell(&mut row, &mut cell, source, row_line)?;
        rows.push((row_line, row));
    }
    Ok(rows)
}

fn push_cell(
    row: &mut Vec<String>,
    cell: &mut String,
    source: &str,
    line: usize,
) -> Result<(), Error> {
    if row.len() >= MAX_COLUMNS {
        return Err(problem(
            Code::TableTooLarge,
            source,
            Some(line),
            format!("row {line} has more than {MAX_COLUMNS} columns"),
            "keep only the columns of the results (indicator, target, actual, note)",
        ));
    }
    let mut text = std::mem::take(cell).trim().to_string();
    if text.chars().count() > MAX_CELL {
        text = text.chars().take(MAX_CELL).collect();
    }
    row.push(text);
    Ok(())
}

fn too_many_rows(source: &str) -> Error {
    problem(
        Code::TableTooLarge,
        source,
        None,
        format!("the table has more than {MAX_ROWS} rows"),
        "a report has one row per indicator: keep only the rows of the results",
    )
}

/// The first sheet of a workbook that has cells, as text.
fn workbook(source: &str, bytes: &[u8]) -> Result<Grid, Error> {
    use calamine::Reader;
    let unreadable = |e: &dyn std::fmt::Display| {
        problem(
            Code::TableUnreadable,
            source,
            None,
            format!("cannot read the workbook: {e}"),
            "open it in Excel or LibreOffice and save it again as .xlsx, or save the sheet as CSV UTF-8",
        )
    };
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| unreadable(&e))?;
    let sheets = book.sheet_names().len();
    for n in 0..sheets {
        let Some(range) = book.worksheet_range_at(n) else {
            continue;
        };
        let range = range.map_err(|e| unreadable(&e))?;
        let Some((first_row, first_col)) = range.start() else {
            continue;
        };
        if range.height() > MAX_ROWS {
            return Err(too_many_rows(source));
        }
        let mut grid = Grid::new();
        for (i, cells) in range.rows().enumerate() {
            // Columns to the left of the first used one are empty: keep them, so that a
            // column's index is its place in the sheet (A = 0).
            let mut row = vec![String::new(); first_col as usize];
            for c in cells.iter().take(MAX_COLUMNS) {
                row.push(cell_text(c).chars().take(MAX_CELL).collect());
            }
            row.truncate(MAX_COLUMNS);
            grid.push((first_row as usize + i + 1, row));
        }
        return Ok(grid);
    }
    Ok(Grid::new())
}

fn cell_text(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::String(s) => s.trim().to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e}"),
        Data::Empty => String::new(),
    }
}

/// A date cell as YYYY-MM-DD (from the serial number, counted from 1899-12-30).
fn excel_date(serial: f64) -> String {
    let days = serial.floor();
    chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|d| {
            (days.abs() < 1e7)
                .then(|| d.checked_add_signed(chrono::Duration::days(days as i64)))
                .flatten()
        })
        .map_or_else(|| float_text(serial), |d| d.to_string())
}

/// A workbook's number as the decimal it stands for: 15 significant digits, as Excel shows
/// them, so that `97.49999999999999` (a formula's float noise) reads `97.5`.
pub fn float_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f == f.trunc() && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let sci = format!("{f:.14e}");
    let Some((mantissa, exp)) = sci.split_once('e') else {
        return f.to_string();
    };
    let exp: i64 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    // The decimal point goes after `point` digits.
    let point = exp + 1;
    let len = digits.len() as i64;
    let body = if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point >= len {
        format!("{digits}{}", "0".repeat((point - len) as usize))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{a}.{b}")
    };
    if negative {
        format!("-{body}")
    } else {
        body
    }
}

/// The header is the first row with two cells or more among the first ten (a title row
/// above it is left out); the rows under it with any cell filled are the table.
fn from_grid(source: String, grid: Grid, encoding: String) -> Table {
    let filled = |cells: &[String]| cells.iter().filter(|c| !c.trim().is_empty()).count();
    let nonblank: Vec<(usize, Vec<String>)> = grid
        .into_iter()
        .filter(|(_, cells)| filled(cells) > 0)
        .collect();
    let header_at = nonblank
        .iter()
        .take(10)
        .position(|(_, cells)| filled(cells) >= 2)
        .unwrap_or(0);
    let mut rows = nonblank.into_iter().skip(header_at);
    let Some((header_line, headers)) = rows.next() else {
        return Table {
            headers: Vec::new(),
            header_line: 0,
            rows: Vec::new(),
            source,
            encoding,
            workbook: false,
        };
    };
    Table {
        headers: headers.into_iter().map(|h| h.trim().to_string()).collect(),
        header_line,
        rows: rows.map(|(line, cells)| Row { line, cells }).collect(),
        source,
        encoding,
        workbook: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &Table) -> Vec<(usize, Vec<&str>)> {
        t.rows
            .iter()
            .map(|r| (r.line, r.cells.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn csv_with_a_bom_semicolons_and_a_quoted_line_break() {
        let text = "\u{feff}Chỉ tiêu;Kế hoạch;Thực hiện;Ghi chú\r\n\
                    ty-le-ho-so-dung-han;100;97,5;\"Hai dòng;\r\nghi chú\"\r\n\
                    \r\n\
                    ty-le-van-ban-ky-so;80;\"1.500\"\"\";\r\n";
        let t = read("ket-qua.csv", text.as_bytes()).expect("reads");
        assert_eq!(t.headers, ["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Ghi chú"]);
        assert_eq!(t.header_line, 1);
        assert_eq!(t.encoding, "UTF-8");
        assert_eq!(
            cells(&t),
            [
                (
                    2,
                    vec!["ty-le-ho-so-dung-han", "100", "97,5", "Hai dòng;\nghi chú"]
                ),
                (5, vec!["ty-le-van-ban-ky-so", "80", "1.500\"", ""]),
            ]
        );
    }

    #[test]
    fn commas_when_the_file_uses_them() {
        let t = read("a.csv", b"Indicator,Target,Actual\nx,\"97,5\",98\n").expect("reads");
        assert_eq!(cells(&t), [(2, vec!["x", "97,5", "98"])]);
    }

    #[test]
    fn pasted_cells_from_a_spreadsheet() {
        // As Excel, LibreOffice and Google Sheets put them on the clipboard: a title row,
        // tabs, decimal commas, thousands dots, "%" signs, a blank row, a quoted note.
        let text = "BÁO CÁO 6 THÁNG\n\nSTT\tChỉ tiêu\tKế hoạch\tThực hiện\tGhi chú\n\
                    1\tTỷ lệ hồ sơ giải quyết đúng hạn\t100%\t97,5%\t\n\n\
                    2\tSố tiền ủng hộ\t20\t1.500.000\t\"Đợt 1\nĐợt 2\"\n";
        let t = read("pasted.tsv", text.as_bytes()).expect("reads");
        assert_eq!(t.source, "pasted");
        assert_eq!(t.header_line, 3);
        assert_eq!(t.headers[1], "Chỉ tiêu");
        assert_eq!(
            cells(&t),
            [
                (
                    4,
                    vec!["1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "100%", "97,5%", ""]
                ),
                (
                    6,
                    vec!["2", "Số tiền ủng hộ", "20", "1.500.000", "Đợt 1\nĐợt 2"]
                ),
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_names_its_row() {
        let err = read("a.csv", b"a;b\nx;\"97\ny;1\n").expect_err("refused");
        let Error::Content(d) = err else {
            panic!("a content error")
        };
        assert_eq!(d[0].span, Some(Span::new(2, 1)));
        assert!(d[0].message.contains("row 2"), "{}", d[0].message);
    }

    #[test]
    fn a_file_that_is_not_utf8_is_read_as_windows_1258_and_says_so() {
        // "Ghi chú" in Windows-1258: ú is 0xFA.
        let t = read("a.csv", b"Chi tieu;Ghi ch\xfa\nx;y\n").expect("reads");
        assert_eq!(t.encoding, "windows-1258");
        assert_eq!(t.headers[1], "Ghi chú");
    }

    #[test]
    fn utf16_text_from_excel() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Chỉ tiêu\tThực hiện\r\nx\t1\r\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let t = read("a.txt", &bytes).expect("reads");
        assert_eq!(t.encoding, "UTF-16");
        assert_eq!(cells(&t), [(2, vec!["x", "1"])]);
    }

    #[test]
    fn workbook_numbers_without_float_noise() {
        assert_eq!(float_text(97.5), "97.5");
        assert_eq!(float_text(97.49999999999999), "97.5");
        assert_eq!(float_text(0.1 + 0.2), "0.3");
        assert_eq!(float_text(1_500_000_000.0), "1500000000");
        assert_eq!(float_text(-0.000125), "-0.000125");
        assert_eq!(float_text(1e20), "100000000000000000000");
        assert_eq!(float_text(123456.789), "123456.789");
    }

    #[test]
    fn an_xlsx_workbook() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Kết quả 2024").expect("write");
        for (c, h) in ["Indicator", "Target", "Actual", "Note"].iter().enumerate() {
            sheet.write_string(2, c as u16, *h).expect("write");
        }
        sheet
            .write_string(3, 0, "ty-le-ho-so-dung-han")
            .expect("write");
        sheet.write_number(3, 1, 100.0).expect("write");
        sheet.write_number(3, 2, 97.49999999999999).expect("write");
        sheet.write_string(3, 3, "Ghi chú").expect("write");
        sheet.write_string(5, 0, "tien-ung-ho").expect("write");
        sheet.write_number(5, 2, 1_500_000.25).expect("write");
        let bytes = book.save_to_buffer().expect("saves");
        let t = read("Ket qua.xlsx", &bytes).expect("reads");
        assert_eq!(t.headers, ["Indicator", "Target", "Actual", "Note"]);
        assert_eq!(t.header_line, 3);
        assert_eq!(
            cells(&t),
            [
                (4, vec!["ty-le-ho-so-dung-han", "100", "97.5", "Ghi chú"]),
                (6, vec!["tien-ung-ho", "", "1500000.25", ""]),
            ]
        );
    }

    #[test]
    fn other_files_are_refused_with_a_way_out() {
        let err = read("a.pdf", b"%PDF").expect_err("refused");
        assert!(err.to_string().contains("error"));
        let err = read("a.xlsx", b"not a zip").expect_err("refused");
        let Error::Content(d) = err else {
            panic!("a content error")
        };
        assert!(d[0].message.starts_with("cannot read the workbook"));
    }
}
