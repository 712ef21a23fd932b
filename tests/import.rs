//! `minhbach import results` on the multi-year fixture: a report's figures from a CSV and
//! an XLSX file reach the report's page and the open data; everything in the report file
//! outside `results:` stays byte for byte; a table with one bad row writes nothing and
//! names the row.

use std::path::Path;
use std::process::Output;

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

const VI: &str = "content/reports/bao-cao-6-thang-2024.vi.md";
const EN: &str = "content/reports/bao-cao-6-thang-2024.en.md";
/// After the report was sent (2024-06-20), so that it is published.
const AFTER: &str = "2024-12-01";

/// A results table as Excel on Vietnamese Windows saves "CSV UTF-8": a byte order mark,
/// semicolons, decimal commas, thousands dots, a "%" sign, a note over two lines.
const CSV: &str = "\u{feff}STT;Chỉ tiêu;Kế hoạch;Thực hiện;Ghi chú\r\n\
    1;Tỷ lệ học sinh bỏ học;1,5;1,05%;Giảm mạnh\r\n\
    2;Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo;;93,25;\r\n\
    3;kinh-phi-ho-tro;1.500.000.000;1.234.567.890;\"Hai đợt;\r\nđợt 2 tháng 6\"\r\n\
    4;Si so binh quan;;33;\r\n";

fn import(root: &Path, table: &Path, extra: &[&str]) -> Output {
    let table = table.to_str().expect("UTF-8 path");
    let mut args = vec!["import", "results", VI, table];
    args.extend_from_slice(extra);
    minhbach(root, &args)
}

/// The fixture's report with comments people leave in front matter.
fn site_with_comments() -> tempfile::TempDir {
    let site = fixture("multiyear");
    edit(site.path(), VI, |t| {
        t.replacen("---\ntitle:", "---\n# Nguồn: Văn phòng Sở\ntitle:", 1)
            .replacen("symbol:", "# Ký hiệu theo Nghị định 30/2020\nsymbol:", 1)
    });
    site
}

#[test]
fn figures_from_a_csv_reach_the_page_and_the_open_data_and_the_rest_of_the_file_stays() {
    let site = site_with_comments();
    let root = site.path();
    let before = std::fs::read_to_string(root.join(VI)).expect("read");
    let tables = tempfile::tempdir().expect("temp dir");
    let csv = tables.path().join("ket-qua.csv");
    std::fs::write(&csv, CSV).expect("write");

    let out = import(root, &csv, &[]);
    assert_ok(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("mapping: indicator = column 2 \"Chỉ tiêu\", target = column 3 \"Kế hoạch\", actual = column 4 \"Thực hiện\", note = column 5 \"Ghi chú\""),
        "{stdout}"
    );
    assert!(stdout.contains("Wrote content/reports/bao-cao-6-thang-2024.en.md, content/reports/bao-cao-6-thang-2024.vi.md (4 results)"), "{stdout}");

    // Everything above `results:` and below the closing `---` is as it was, comments too.
    let after = std::fs::read_to_string(root.join(VI)).expect("read");
    let head = &before[..before.find("results:").expect("has results")];
    assert!(head.contains("# Ký hiệu theo Nghị định 30/2020\nsymbol:"));
    assert!(after.starts_with(head), "{after}");
    let body = &before[before.rfind("\n---\n").expect("closes")..];
    assert!(after.ends_with(body), "{after}");
    assert!(after.contains("- indicator: \"kinh-phi-ho-tro\"\n  target: 1500000000\n  actual: 1234567890\n  note: \"Hai đợt;\\nđợt 2 tháng 6\"\n"), "{after}");
    // The translation keeps its note; the figure it repeated (1.2, now 1.05) is gone.
    let en = std::fs::read_to_string(root.join(EN)).expect("read");
    assert!(en.contains("results:\n- indicator: \"si-so-binh-quan\"\n  note: \"Above the largest class size\"\n---\n"), "{en}");
    assert!(!en.contains("actual"), "{en}");
    assert!(
        en.ends_with("---\nReport for the first half of 2024.\n"),
        "{en}"
    );

    assert_ok(&minhbach(root, &["build", "--now", AFTER]));
    let page = text_of(&read(root, "bao-cao/bao-cao-6-thang-2024/index.html"));
    for figure in ["1,05", "93,25", "1.234.567.890", "Giảm mạnh"] {
        assert!(page.contains(figure), "{figure} not on the page:\n{page}");
    }
    let csv_out = read(root, "du-lieu-mo/results.csv");
    let rows: Vec<&str> = csv_out
        .lines()
        .filter(|l| l.starts_with("bao-cao-6-thang-2024,vi,"))
        .collect();
    assert_eq!(rows.len(), 4, "{csv_out}");
    assert!(
        rows.iter()
            .any(|r| r.contains(",ty-le-bo-hoc,") && r.contains(",1.5,,,1.05,")),
        "{rows:#?}"
    );
    assert!(
        rows.iter().any(|r| r.contains(",1500000000,,,1234567890,")),
        "{rows:#?}"
    );
    let json = json(root, "du-lieu-mo/results.json");
    assert!(json.to_string().contains("93.25"), "{json}");
}

#[test]
fn a_table_with_one_bad_row_writes_nothing_and_names_the_row() {
    let site = fixture("multiyear");
    let root = site.path();
    let content = tree(&root.join("content"));
    let tables = tempfile::tempdir().expect("temp dir");
    let csv = tables.path().join("ket-qua.csv");
    std::fs::write(&csv, CSV.replace("93,25", "9x,25")).expect("write");

    let out = import(root, &csv, &[]);
    let err = assert_error(
        &out,
        &[
            "ket-qua.csv:3: error[MB0806]: column 4 \"Thực hiện\": actual: \"9x,25\" is not a number",
            "1 row(s) with problems; nothing was written.",
        ],
    );
    assert!(!err.contains("ket-qua.csv:2:"), "{err}");
    assert_eq!(tree(&root.join("content")), content);

    // A dry run of a good table says what it would write, and writes nothing either.
    std::fs::write(&csv, CSV).expect("write");
    let out = import(root, &csv, &["--dry-run"]);
    assert_ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Dry run: would write"));
    assert_eq!(tree(&root.join("content")), content);
}

#[test]
fn an_xlsx_workbook_with_english_notes() {
    let site = fixture("multiyear");
    let root = site.path();
    let tables = tempfile::tempdir().expect("temp dir");
    let xlsx = tables.path().join("results.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [(&str, f64, &str); 2] = [
        (
            "Share of pupils dropping out",
            1.1 + 0.0000000000000002,
            "Down by a third",
        ),
        (
            "Share of teachers meeting the qualification standard",
            96.0,
            "",
        ),
    ];
    for (c, h) in ["Indicator", "Actual", "Note"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("write");
    }
    for (r, (name, actual, note)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *name).expect("write");
        sheet.write_number(r, 1, *actual).expect("write");
        sheet.write_string(r, 2, *note).expect("write");
    }
    book.save(&xlsx).expect("save");

    let out = import(root, &xlsx, &["--lang", "en"]);
    assert_ok(&out);
    let vi = std::fs::read_to_string(root.join(VI)).expect("read");
    assert!(
        vi.contains("- indicator: \"ty-le-bo-hoc\"\n  actual: 1.1\n- indicator"),
        "{vi}"
    );
    let en = std::fs::read_to_string(root.join(EN)).expect("read");
    assert!(
        en.contains("results:\n- indicator: \"ty-le-bo-hoc\"\n  note: \"Down by a third\"\n---\n"),
        "{en}"
    );

    assert_ok(&minhbach(root, &["build", "--now", AFTER]));
    let page = text_of(&read(root, "en/reports/bao-cao-6-thang-2024/index.html"));
    assert!(page.contains("Down by a third"), "{page}");
}

#[test]
fn usage_errors_exit_2() {
    let site = fixture("multiyear");
    let root = site.path();
    let tables = tempfile::tempdir().expect("temp dir");
    let csv = tables.path().join("ket-qua.csv");
    std::fs::write(&csv, CSV).expect("write");
    let missing = tables.path().join("nowhere.csv");
    for out in [
        import(root, &missing, &[]),
        import(root, &csv, &["--map", "value=3"]),
        import(root, &csv, &["--lang", "fr"]),
    ] {
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    }
}
