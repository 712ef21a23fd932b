use super::*;
use crate::content::frontmatter::IndicatorFm;
use crate::import::table;

/// The multi-year fixture in a temporary folder: range and at-most indicators, figures
/// beyond a float's digits, a translation that repeats a figure.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/multiyear");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.expect("walk");
        let to = dir
            .path()
            .join(entry.path().strip_prefix(&from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
    dir
}

const VI: &str = "content/reports/bao-cao-6-thang-2024.vi.md";
const EN: &str = "content/reports/bao-cao-6-thang-2024.en.md";

fn tsv(text: &str) -> Table {
    table::read("pasted.tsv", text.as_bytes()).expect("reads")
}

fn indicators() -> Vec<IndicatorFm> {
    report::indicators(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/multiyear"))
        .expect("indicators")
}

fn mapping(
    indicator: usize,
    target: Option<usize>,
    actual: Option<usize>,
    note: Option<usize>,
) -> Mapping {
    Mapping {
        indicator,
        target,
        actual,
        note,
        header: true,
    }
}

#[test]
fn headers_in_vietnamese_english_and_without_diacritics() {
    let ind = indicators();
    for headers in [
        "STT\tChỉ tiêu\tKế hoạch\tThực hiện\tGhi chú",
        "No.\tIndicator\tTarget\tActual\tNote",
        "stt\tCHI TIEU\tke hoach\tKet qua\tghi chu",
        "#\tTên chỉ tiêu\tChỉ tiêu kế hoạch\tKết quả thực hiện\tGhi chú",
    ] {
        let t = tsv(&format!("{headers}\n1\tty-le-bo-hoc\t1,5\t1,2\t\n"));
        assert_eq!(
            guess(&t, &ind),
            mapping(1, Some(2), Some(3), Some(4)),
            "{headers}"
        );
    }
    // Actual before target, and no note column.
    let t = tsv("Thực hiện\tChỉ tiêu\tKế hoạch\n1,2\tty-le-bo-hoc\t1,5\n");
    assert_eq!(guess(&t, &ind), mapping(1, Some(2), Some(0), None));
}

#[test]
fn cells_pasted_without_their_header_row() {
    let t = tsv("Tỷ lệ học sinh bỏ học\t1,5\t1,2\tGiảm\nsi-so-binh-quan\t\t36\t\n");
    let m = guess(&t, &indicators());
    assert_eq!(
        m,
        Mapping {
            header: false,
            ..mapping(0, Some(1), Some(2), Some(3))
        }
    );
}

#[test]
fn an_indicator_by_id_or_name_in_any_language_case_or_spelling() {
    let ind = indicators();
    for cell in [
        "ty-le-bo-hoc",
        "Tỷ lệ học sinh bỏ học",
        "TY LE HOC SINH BO HOC",
        "share of pupils dropping out",
        "1. Tỷ lệ học sinh bỏ học",
        "  Tỷ lệ học sinh  bỏ học. ",
    ] {
        assert_eq!(
            resolve(cell, &ind).ok().map(|i| i.id.as_str()),
            Some("ty-le-bo-hoc"),
            "{cell}"
        );
    }
    let err = resolve("Ty le hoc sinh bo hc", &ind).expect_err("unknown");
    assert_eq!(err.map(|i| i.id.as_str()), Some("ty-le-bo-hoc"));
    assert!(resolve("Điện năng tiêu thụ", &ind)
        .expect_err("unknown")
        .is_none());
}

#[test]
fn column_overrides_count_from_one_or_by_letter() {
    let m = mapping(0, None, Some(1), None)
        .with_overrides("indicator=2, target=C,actual=4,note=")
        .expect("parses");
    assert_eq!(m, mapping(1, Some(2), Some(3), None));
    assert!(mapping(0, None, None, None)
        .with_overrides("actual=0")
        .is_err());
    assert!(mapping(0, None, None, None)
        .with_overrides("value=2")
        .is_err());
}

#[test]
fn each_row_gets_its_figures_and_its_problems() {
    let dir = site();
    let t = tsv(concat!(
        "Chỉ tiêu\tKế hoạch\tThực hiện\tGhi chú\n",
        "Tỷ lệ học sinh bỏ học\t1,5%\t1,1%\tGiảm\n",
        "ty-le-giao-vien-dat-chuan\t\tabc\t\n",
        "\t\t\tchỉ một ghi chú\n",
        "ty-le-bo-hoc\t\t1\t\n",
        "so vu tai nan\t0\t1%\t\n",
        "Tỷ lệ học sinh bỏ hoc\t\t\t\n",
        "Điện năng\t\t5\t\n",
        "kinh-phi-ho-tro\t\t1.500\t\n",
    ));
    let p = plan(dir.path(), Path::new(VI), &t, &guess(&t, &indicators())).expect("plans");
    assert!(!p.ok);
    assert_eq!(p.changes, Vec::<String>::new());
    let row = |line: usize| p.rows.iter().find(|r| r.line == line).expect("row");
    let first = row(2);
    assert_eq!(first.indicator.as_deref(), Some("ty-le-bo-hoc"));
    assert_eq!(
        (first.target.as_deref(), first.actual.as_deref()),
        (Some("1.5"), Some("1.1"))
    );
    assert_eq!(first.note.as_deref(), Some("Giảm"));
    assert!(first.problems.is_empty());
    let en = |line: usize| {
        row(line)
            .problems
            .iter()
            .map(|p| (p.column, p.en.as_str()))
            .collect::<Vec<_>>()
    };
    assert_eq!(en(3)[0].0, Some(2));
    assert!(
        en(3)[0].1.starts_with("actual: \"abc\" is not a number"),
        "{:?}",
        en(3)
    );
    assert!(row(3).problems[0]
        .vi
        .starts_with("thực hiện: “abc” không phải là số"));
    assert!(en(4)[0].1.starts_with("this row has no indicator"));
    assert_eq!(
        en(5),
        [(
            Some(0),
            "indicator \"ty-le-bo-hoc\" is already on row 2: one row per indicator"
        )]
    );
    assert!(
        en(6)[0].1.contains("measured in \"vụ\", not %"),
        "{:?}",
        en(6)
    );
    // A row with nothing but its indicator is missing its actual, like a result without one.
    assert!(en(7).iter().any(|(_, m)| m.contains("already on row 2")));
    assert!(en(7)
        .iter()
        .any(|(_, m)| *m == "the actual value is missing"));
    assert!(en(8)[0].1.starts_with("unknown indicator \"Điện năng\""));
    assert!(en(9)[0].1.contains("can be read two ways"), "{:?}", en(9));
}

#[test]
fn figures_go_to_the_facts_notes_to_the_language_and_the_rest_stays() {
    let dir = site();
    let vi_before = std::fs::read_to_string(dir.path().join(VI)).expect("read");
    let en_before = std::fs::read_to_string(dir.path().join(EN)).expect("read");
    // English notes; no target column, so the report's targets stay.
    let t = tsv(concat!(
        "Indicator\tActual\tNote\n",
        "Share of pupils dropping out\t1,15\tFewer\n",
        "Average class size\t34\t\n",
        "kinh-phi-ho-tro\t9.007.199.254.740.993,5\tTo the cent\n",
    ));
    let m = guess(&t, &indicators());
    assert_eq!(m, mapping(0, None, Some(1), Some(2)));
    let p = plan(dir.path(), Path::new(EN), &t, &m).expect("plans");
    assert!(p.ok, "{:#?}", p);
    assert_eq!(
        (
            p.facts_file.as_str(),
            p.notes_file.as_str(),
            p.lang.as_str()
        ),
        (VI, EN, "en")
    );
    assert_eq!(p.changes, [EN, VI]);
    apply(dir.path(), Path::new(EN), &p).expect("applies");
    let vi = std::fs::read_to_string(dir.path().join(VI)).expect("read");
    let en = std::fs::read_to_string(dir.path().join(EN)).expect("read");
    let results = concat!(
        "results:\n",
        "- indicator: \"ty-le-bo-hoc\"\n  actual: 1.15\n",
        "- indicator: \"si-so-binh-quan\"\n  actual: 34\n  note: \"Vượt sĩ số tối đa\"\n",
        "- indicator: \"kinh-phi-ho-tro\"\n  target: 9007199254740000\n  actual: \"9007199254740993.5\"\n",
        "---\n",
    );
    assert!(vi.contains(results), "{vi}");
    // The Vietnamese note of a row stays in the Vietnamese file; the rows left out are gone
    // (the English note of "si-so-binh-quan" with them: the table's cell is empty).
    let (head, body) = vi_before.split_once("results:").expect("has results");
    assert!(vi.starts_with(head));
    assert!(vi.ends_with(&body[body.find("---").expect("closes")..]));
    assert!(
        en.contains(concat!(
            "results:\n",
            "- indicator: \"ty-le-bo-hoc\"\n  note: \"Fewer\"\n",
            "- indicator: \"kinh-phi-ho-tro\"\n  note: \"To the cent\"\n",
            "---\nReport for the first half of 2024.\n",
        )),
        "{en}"
    );
    assert!(en.starts_with(en_before.split_once("results:").expect("has results").0));
    // The same table again changes nothing.
    let again = plan(dir.path(), Path::new(EN), &t, &m).expect("plans");
    assert!(again.ok && again.changes.is_empty(), "{again:#?}");
}

#[test]
fn what_check_refuses_is_not_written() {
    let dir = site();
    let before = std::fs::read_to_string(dir.path().join(VI)).expect("read");
    // A single target for a range indicator: every cell reads, the model refuses it.
    let t = tsv("Chỉ tiêu\tKế hoạch\tThực hiện\nsi-so-binh-quan\t35\t34\n");
    let m = guess(&t, &indicators());
    let p = plan(dir.path(), Path::new(VI), &t, &m).expect("plans");
    assert!(!p.ok);
    assert!(p.rows[0].problems.is_empty());
    assert!(p.problems[0].en.contains("target_min"), "{:?}", p.problems);
    // In Vietnamese too, with the file and line and the error's code: the editor's
    // preview shows it to a Vietnamese editor.
    let vi = &p.problems[0].vi;
    assert!(
        vi.starts_with("sau khi nhập, báo cáo sẽ có lỗi [MB"),
        "{vi}"
    );
    assert!(
        vi.contains(&format!("{VI}:")) && vi.contains("target_min"),
        "{vi}"
    );
    assert!(!vi.contains("after the import"), "{vi}");
    let err = apply(dir.path(), Path::new(VI), &p).expect_err("refused");
    assert!(err.to_string().contains("nothing was written"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(VI)).expect("read"),
        before
    );
}

#[test]
fn a_figure_is_a_number_when_it_reads_back_the_same() {
    assert_eq!(number("97.5"), json!(97.5));
    assert_eq!(number("-3"), json!(-3));
    assert_eq!(number("97.50"), json!("97.50"));
    assert_eq!(number("0.0000001"), json!("0.0000001"));
    assert_eq!(number("12345678901234567.5"), json!("12345678901234567.5"));
}

#[test]
fn a_percent_formatted_workbook_cell_is_caught() {
    let dir = site();
    let mut t = tsv("Chỉ tiêu\tThực hiện\nty-le-giao-vien-dat-chuan\t0.945\nty-le-bo-hoc\t0.9\n");
    t.workbook = true;
    let p = plan(dir.path(), Path::new(VI), &t, &guess(&t, &indicators())).expect("plans");
    assert_eq!(p.rows[0].problems.len(), 1, "{:?}", p.rows[0]);
    assert!(p.rows[0].problems[0]
        .en
        .starts_with("0.945 looks like a cell formatted as a percentage (0.945 = 94.5%)"));
    // 0.9 % drop-outs against a target of 1.5 % is a figure, not a format.
    assert!(p.rows[1].problems.is_empty(), "{:?}", p.rows[1]);
}
