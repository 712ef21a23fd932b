//! Many plans, many years (issue 11): a department of education's site with two annual
//! plans, a thematic school-year plan, a future plan with a signed scan, reports on half
//! years, a year, a quarter and a school year, indicators where less is better, a zero
//! target, a range, amounts beyond a float, and a draft exemplar with a photo. Every
//! figure, status and order the public sees must be right, in both languages.

use std::path::Path;
use std::process::Output;

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

/// "Today" of these builds: the 2024 plan is current, its 9-month report not yet due.
const TODAY: &str = "2024-07-15";

fn build_at(root: &Path) -> Output {
    minhbach(root, &["build", "--now", TODAY])
}

fn built() -> tempfile::TempDir {
    let site = fixture("multiyear");
    let o = build_at(site.path());
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    site
}

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

fn edit(root: &Path, path: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root.join(path)).expect("read");
    assert!(text.contains(from), "{path} has no {from:?}");
    write(root, path, &text.replacen(from, to, 1));
}

/// The build fails with exit 1, leaves no output, and says every needle.
fn fails(root: &Path, needles: &[&str]) -> String {
    let o = build_at(root);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "expected exit 1:\n{err}");
    assert!(
        !root.join("public").exists(),
        "a failed build wrote public/"
    );
    for n in needles {
        assert!(err.contains(n), "expected {n:?} in:\n{err}");
    }
    err
}

/// Rows of a results table in `lang` as (report, indicator, met), in file order.
fn results(root: &Path, dir: &str) -> Vec<(String, String, bool)> {
    json(root, &format!("{dir}/results.json"))
        .as_array()
        .expect("array")
        .iter()
        .map(|r| {
            (
                r["report_id"].as_str().expect("id").to_string(),
                r["indicator_id"].as_str().expect("indicator").to_string(),
                r["met"].as_bool().expect("met"),
            )
        })
        .collect()
}

#[test]
fn the_latest_period_is_the_one_that_ends_last() {
    let site = built();
    let root = site.path();
    // 2024-H1 ends after the 2023-2024 school year and after the 2023 annual report: its
    // four indicators make the headline, two of them met.
    let home = text_of(&read(root, "index.html"));
    assert!(
        home.contains("Chỉ tiêu đạt / tổng số (6 tháng đầu năm 2024) 2 / 4"),
        "{home}"
    );
    let home_en = text_of(&read(root, "en/index.html"));
    assert!(home_en.contains("(First half of 2024) 2 / 4"), "{home_en}");
    // The reports index: newest period first, by time, not by kind.
    let page = read(root, "bao-cao/index.html");
    // The list of reports, after the schedule table (which is in order of due date).
    let index = &page[page.find("id=\"all-reports\"").expect("list")..];
    let at = |slug: &str| {
        index
            .find(&format!("/bao-cao/{slug}/\""))
            .unwrap_or_else(|| panic!("{slug} missing"))
    };
    let order = [
        "bao-cao-6-thang-2024",
        "bao-cao-nam-hoc-2023-2024",
        "bao-cao-quy-i-2024",
        "bao-cao-nam-2023",
        "bao-cao-6-thang-2023",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
    }
    // A campaign's figures across periods, oldest first: the table and the chart.
    let campaign = read(root, "phong-trao/truong-hoc-an-toan/index.html");
    let table = &campaign[campaign.find("<table class=\"results\"").expect("table")..];
    let q1 = table.find("Báo cáo quý I năm 2024").expect("quarter");
    let school = table
        .find("Báo cáo năm học 2023-2024")
        .expect("school year");
    assert!(q1 < school, "the quarter ends first");
    // Its headline: the school year, the latest period of its own indicator.
    assert!(
        text_of(&campaign).contains("(Năm học 2023-2024) 0 / 1"),
        "{}",
        text_of(&campaign)
    );
    // The open data: oldest period first, the same order in both languages.
    let vi = results(root, "du-lieu-mo");
    let reports: Vec<&str> = vi.iter().map(|r| r.0.as_str()).collect();
    let mut dedup = reports.clone();
    dedup.dedup();
    assert_eq!(
        dedup,
        [
            "bao-cao-6-thang-2023",
            "bao-cao-nam-2023",
            "bao-cao-quy-i-2024",
            "bao-cao-nam-hoc-2023-2024",
            "bao-cao-6-thang-2024"
        ]
    );
}

#[test]
fn met_follows_the_direction_of_each_indicator() {
    let site = built();
    let root = site.path();
    let vi = results(root, "du-lieu-mo");
    let met = |report: &str, indicator: &str| {
        vi.iter()
            .find(|r| r.0 == report && r.1 == indicator)
            .unwrap_or_else(|| panic!("{report}/{indicator}"))
            .2
    };
    // At most 1,5 % drop-outs: 1,7 is not met, 1,4 and 1,2 are.
    assert!(!met("bao-cao-6-thang-2023", "ty-le-bo-hoc"));
    assert!(met("bao-cao-nam-2023", "ty-le-bo-hoc"));
    assert!(met("bao-cao-6-thang-2024", "ty-le-bo-hoc"));
    // Zero accidents is the target: 0 meets it, 2 does not.
    assert!(met("bao-cao-quy-i-2024", "so-vu-tai-nan"));
    assert!(!met("bao-cao-nam-hoc-2023-2024", "so-vu-tai-nan"));
    // Between 30 and 35 pupils: 33 meets it, 36 does not.
    assert!(met("bao-cao-nam-2023", "si-so-binh-quan"));
    assert!(!met("bao-cao-6-thang-2024", "si-so-binh-quan"));
    // More is better, written the Vietnamese way: 94,5 of 95 is not met.
    assert!(!met("bao-cao-6-thang-2024", "ty-le-giao-vien-dat-chuan"));
    // Both languages publish the same facts.
    assert_eq!(vi, results(root, "en/data"));
    // No share of a zero target or a range is published, and never NaN or infinity.
    let rows = json(root, "du-lieu-mo/results.json");
    for r in rows.as_array().expect("array") {
        if r["indicator_id"] == "so-vu-tai-nan" || r["indicator_id"] == "si-so-binh-quan" {
            assert!(r["percent_of_target"].is_null(), "{r}");
        }
    }
    for file in [
        "du-lieu-mo/results.csv",
        "du-lieu-mo/results.json",
        "index.html",
    ] {
        let text = read(root, file);
        assert!(!text.contains("NaN") && !text.contains("inf%"), "{file}");
    }
    // The report page says it with the direction: "≤ 0" and a range.
    let report = text_of(&read(root, "bao-cao/bao-cao-nam-hoc-2023-2024/index.html"));
    assert!(report.contains("≤ 0"), "{report}");
    assert!(report.contains("Chưa đạt"), "{report}");
    let report = text_of(&read(root, "bao-cao/bao-cao-nam-2023/index.html"));
    assert!(report.contains("30–35"), "{report}");
    // The indicators table says which way each one is better.
    let indicators = json(root, "du-lieu-mo/indicators.json");
    let drop = indicators
        .as_array()
        .expect("array")
        .iter()
        .find(|i| i["id"] == "ty-le-bo-hoc")
        .expect("indicator");
    assert_eq!(drop["direction"], "at-most");
    assert_eq!(drop["baseline"], serde_json::json!(1.8));
    assert_eq!(drop["baseline_period"], "2022");
}

#[test]
fn amounts_are_kept_exactly_as_written() {
    let site = built();
    let root = site.path();
    // Above 2^53: a float would publish 9007199254740992.
    let csv = read(root, "du-lieu-mo/results.csv");
    assert!(csv.contains(",9007199254740993,"), "{csv}");
    assert!(csv.contains(",9007199254740000,"), "{csv}");
    let json_text = read(root, "du-lieu-mo/results.json");
    assert!(
        json_text.contains("\"actual\": 9007199254740993,"),
        "{json_text}"
    );
    assert!(json_text.contains("\"actual\": 1.2,"), "{json_text}");
    // The page writes it the way each language groups digits.
    let vi = read(root, "bao-cao/bao-cao-6-thang-2024/index.html");
    assert!(vi.contains("9.007.199.254.740.993"), "vi grouping");
    assert!(
        vi.contains(">1,20<"),
        "two decimals as the indicator asks, Vietnamese comma"
    );
    assert!(vi.contains(">94,5<"), "as written");
    let en = read(root, "en/reports/bao-cao-6-thang-2024/index.html");
    assert!(en.contains("9,007,199,254,740,993"), "en grouping");
}

#[test]
fn a_translation_that_contradicts_a_fact_names_both_files_and_lines() {
    let site = fixture("multiyear");
    let root = site.path();
    // The English file repeats the drop-out figure, wrongly.
    edit(
        root,
        "content/reports/bao-cao-6-thang-2024.en.md",
        "    actual: 1.2",
        "    actual: 1.3",
    );
    // And gives the report another date.
    edit(
        root,
        "content/reports/bao-cao-nam-2023.en.md",
        "title: \"Emulation report for 2023\"",
        "title: \"Emulation report for 2023\"\nsubmitted: 2023-11-20",
    );
    let err = fails(
        root,
        &[
            "content/reports/bao-cao-6-thang-2024.en.md:6:13: error[MB0313]: actual of result 1 (indicator \"ty-le-bo-hoc\") is 1.3 here but 1.2 in content/reports/bao-cao-6-thang-2024.vi.md:10:13",
            "content/reports/bao-cao-nam-2023.en.md:3:12: error[MB0313]: submitted is 2023-11-20 here but 2023-11-28 in content/reports/bao-cao-nam-2023.vi.md:4:12",
        ],
    );
    assert!(err.contains("a fact is written once"), "{err}");
    // A fact only the translation gives is an error too, saying where it belongs.
    let site = fixture("multiyear");
    let root = site.path();
    edit(
        root,
        "content/campaigns/truong-hoc-an-toan.en.md",
        "title: \"Safe schools\"",
        "title: \"Safe schools\"\nplans: [ke-hoach-2024]",
    );
    fails(
        root,
        &["content/campaigns/truong-hoc-an-toan.en.md:3:1: error[MB0314]: plans is written only in this translation; facts (dates, figures, periods, ids) are written in content/campaigns/truong-hoc-an-toan.vi.md"],
    );
}

#[test]
fn unpublished_items_keep_their_files_unpublished() {
    let site = built();
    let public = site.path().join("public");
    assert!(public.join("van-ban/ke-hoach-2024-ky-so.pdf").is_file());
    // The published exemplar's photo is shown through the copies made of it.
    let made: Vec<String> = tree(&public.join("img"))
        .keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert!(
        made.iter().any(|p| p.contains("co-nguyen-thi-hoa-")),
        "{made:?}"
    );
    assert!(
        public.join("logo.txt").is_file(),
        "files no item names stay published"
    );
    for (path, bytes) in tree(&public) {
        let name = path.to_string_lossy();
        assert!(
            !name.contains("ke-hoach-2025") && !name.contains("nhap-bi-mat"),
            "{name} is published"
        );
        for marker in [
            "FUTURE-PDF-MARKER",
            "DRAFT-PHOTO-MARKER",
            "FUTURE-PLAN-MARKER",
            "DRAFT-EXEMPLAR-MARKER",
            "ke-hoach-2025-ky-so",
            "nhap-bi-mat",
        ] {
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
                "{marker} in {name}"
            );
        }
    }
    // With --drafts (the preview), they are there.
    let o = minhbach(site.path(), &["build", "--now", TODAY, "--drafts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(public.join("van-ban/ke-hoach-2025-ky-so.pdf").is_file());
    let made: Vec<String> = tree(&public.join("img"))
        .keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert!(made.iter().any(|p| p.contains("nhap-bi-mat-")), "{made:?}");
}

#[test]
fn plans_have_an_index_their_own_schedule_and_their_campaigns() {
    let site = built();
    let root = site.path();
    // Newest first, each with its kind, period and number; the future plan is not there.
    let index = text_of(&read(root, "ke-hoach/index.html"));
    let at = |t: &str| {
        index
            .find(t)
            .unwrap_or_else(|| panic!("{t} missing in {index}"))
    };
    assert!(at("năm 2024") < at("năm học 2023-2024"));
    assert!(at("năm học 2023-2024") < at("Phát động phong trào thi đua năm 2023"));
    assert!(index.contains("Kế hoạch chuyên đề") && index.contains("08/KH-SGDĐT"));
    assert!(!index.contains("2025"), "{index}");
    // The menu and the home page point to the current plan: the 2024 annual one, though
    // the thematic plan's school year ends later.
    let home = read(root, "index.html");
    assert!(
        home.contains(r#"<a class="button" href="/ke-hoach/ke-hoach-2024/">"#),
        "{home}"
    );
    assert!(
        home.contains("href=\"/ke-hoach/ke-hoach-2024/\">Kế hoạch</a>")
            || home.contains("href=\"/ke-hoach/ke-hoach-2024/\" aria-current"),
        "menu"
    );
    let home_text = text_of(&home);
    assert!(home_text.contains("Các kế hoạch khác"), "{home_text}");
    assert!(home_text.contains("Kế hoạch năm, Năm 2023"), "{home_text}");
    // Each plan page lists its own schedule, not the other plans'.
    let p2024 = text_of(&read(root, "ke-hoach/ke-hoach-2024/index.html"));
    assert!(p2024.contains("9 tháng đầu năm 2024"), "{p2024}");
    assert!(!p2024.contains("Quý I năm 2024:"), "{p2024}");
    assert!(!p2024.contains("6 tháng đầu năm 2023:"), "{p2024}");
    assert!(p2024.contains("Kế hoạch trước"), "{p2024}");
    // Its signed scan, with type and size.
    assert!(p2024.contains("Bản ký số (PDF, 38 B)"), "{p2024}");
    let thematic = text_of(&read(
        root,
        "ke-hoach/ke-hoach-nam-hoc-2023-2024/index.html",
    ));
    assert!(thematic.contains("Quý I năm 2024"), "{thematic}");
    assert!(!thematic.contains("9 tháng đầu năm 2024"), "{thematic}");
    // A campaign names its plans; the campaigns index groups by plan with the status.
    let campaign = text_of(&read(root, "phong-trao/day-tot-hoc-tot/index.html"));
    assert!(campaign.contains("Thuộc kế hoạch"), "{campaign}");
    assert!(
        campaign.contains("Thuộc kế hoạch Phát động phong trào thi đua năm 2024 ; Phát động phong trào thi đua năm 2023"),
        "{campaign}"
    );
    let campaigns = text_of(&read(root, "phong-trao/index.html"));
    assert!(
        campaigns.contains("Trường học an toàn Đã kết thúc"),
        "{campaigns}"
    );
    assert!(
        campaigns.contains("Dạy tốt, học tốt Đang diễn ra"),
        "{campaigns}"
    );
    // Plans in the open data, with the current one marked.
    let plans = json(root, "du-lieu-mo/plans.json");
    let ids: Vec<(&str, bool)> = plans
        .as_array()
        .expect("array")
        .iter()
        .map(|p| {
            (
                p["id"].as_str().expect("id"),
                p["current"].as_bool().expect("current"),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("ke-hoach-2023", false),
            ("ke-hoach-2024", true),
            ("ke-hoach-nam-hoc-2023-2024", false)
        ]
    );
    // The 9-month report of 2024 is due, not overdue, on the build date.
    let reports = read(root, "bao-cao/index.html");
    assert!(reports.contains("status-due"), "9-month report due");
    assert!(
        reports.contains("status-late"),
        "the 2024-H1 report came after 15 June"
    );
}

#[test]
fn the_sample_notice_appears_only_where_data_is_a_sample() {
    let site = built();
    let page = read(site.path(), "du-lieu-mo/index.html");
    assert!(!page.contains("data-illustrative"), "no sample data here");
    let bundled = tempfile::tempdir().expect("tmp");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &bundled.path().join("content"),
    );
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("site.yaml"),
        bundled.path().join("site.yaml"),
    )
    .expect("copy");
    let o = build(bundled.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(bundled.path(), "du-lieu-mo/index.html").contains("id=\"data-illustrative\""));
}

/// A copy of the fixture with `edits` (file, text, replacement) made, whose build fails
/// saying every needle.
fn fails_after(edits: &[(&str, &str, &str)], needles: &[&str]) -> String {
    let site = fixture("multiyear");
    for (path, from, to) in edits {
        edit(site.path(), path, from, to);
    }
    fails(site.path(), needles)
}

const HOA: &str = "content/exemplars/co-nguyen-thi-hoa.vi.md";
const H1_2024: &str = "content/reports/bao-cao-6-thang-2024.vi.md";

#[test]
fn check_catches_what_a_ten_year_site_gets_wrong() {
    // Two reports for one period and the same campaigns.
    let site = fixture("multiyear");
    let root = site.path();
    let copy = std::fs::read_to_string(root.join("content/reports/bao-cao-quy-i-2024.vi.md"))
        .expect("read");
    write(
        root,
        "content/reports/bao-cao-quy-i-2024-ban-sua.vi.md",
        &copy,
    );
    fails(
        root,
        &["content/reports/bao-cao-quy-i-2024-ban-sua.vi.md:3:9: error[MB0408]: a second report for 2024-Q1 and the same campaigns (truong-hoc-an-toan): content/reports/bao-cao-quy-i-2024.vi.md reports on it already"],
    );
    // A report for a period no plan covers.
    fails_after(
        &[("content/reports/bao-cao-6-thang-2023.vi.md", "period: 2023-H1", "period: 2022-H2")],
        &["content/reports/bao-cao-6-thang-2023.vi.md:3:9: error[MB0407]: the report is for 2022-H2, a period no plan covers"],
    );
    // Recognized before the campaign began; a photo browsers cannot show.
    fails_after(
        &[
            (HOA, "recognized: 2024-05-20", "recognized: 2022-12-01"),
            (HOA, "photo: /anh/co-nguyen-thi-hoa.jpg", "photo: /anh/IMG_0042.HEIC"),
        ],
        &[
            "content/exemplars/co-nguyen-thi-hoa.vi.md:6:13: error[MB0405]: recognized on 2022-12-01, before its campaign \"day-tot-hoc-tot\" began (2023-01)",
            "content/exemplars/co-nguyen-thi-hoa.vi.md:8:8: error[MB0501]: photo \"/anh/IMG_0042.HEIC\" is HEIC/HEIF",
            "convert the file to JPEG",
        ],
    );
    // An attachment that is not in static/.
    let scan = "/van-ban/ke-hoach-2024-ky-so.pdf";
    fails_after(
        &[
            ("content/plan/ke-hoach-2024.vi.md", scan, "/van-ban/khong-co.pdf"),
            ("content/plan/ke-hoach-2024.en.md", scan, "/van-ban/khong-co.pdf"),
        ],
        &["content/plan/ke-hoach-2024.vi.md: error[MB0507]: attached file \"/van-ban/khong-co.pdf\" is not a file of the site"],
    );
}

#[test]
fn figures_and_yaml_mistakes_are_explained_where_they_are() {
    // A figure that is not a number: the row counted from one, named by its indicator.
    let err = fails_after(
        &[(H1_2024, "actual: \"94,5\"", "actual: \"94,5 điểm\"")],
        &["content/reports/bao-cao-6-thang-2024.vi.md:12:13: error[MB0403]: result 2 (indicator \"ty-le-giao-vien-dat-chuan\"), actual: \"94,5 điểm\" is not a number"],
    );
    assert!(
        err.contains("help: write the figure with digits only"),
        "{err}"
    );
    assert!(!err.contains("results[1]"), "{err}");
    // A figure that reads two ways is refused with both readings.
    fails_after(
        &[(H1_2024, "actual: 36", "actual: 1.500")],
        &["result 4 (indicator \"si-so-binh-quan\"), actual: \"1.500\" can be read two ways: 1500 or 1,5"],
    );
    // Not a finite number.
    fails_after(
        &[(H1_2024, "actual: 36", "actual: .nan")],
        &["\".nan\" is not a number"],
    );
    // An unclosed quote on one line is reported on that line, not where the parser gave up.
    let err = fails_after(
        &[(
            "content/campaigns/giu-chan-hoc-sinh.vi.md",
            "title: \"Giữ chân học sinh đến trường\"",
            "title: \"Giữ chân học sinh đến trường",
        )],
        &["content/campaigns/giu-chan-hoc-sinh.vi.md:2:8: error[MB0218]: a quote opened on this line is not closed"],
    );
    assert!(err.contains("end the value with the same quote"), "{err}");
    // An unknown indicator, with a suggestion.
    fails_after(
        &[(
            "content/reports/bao-cao-quy-i-2024.vi.md",
            "indicator: so-vu-tai-nan",
            "indicator: so-vu-tai-nạn",
        )],
        &["content/reports/bao-cao-quy-i-2024.vi.md:8:5: error[MB0301]: result 1 (indicator \"so-vu-tai-nạn\"): unknown indicator; did you mean \"so-vu-tai-nan\"?"],
    );
}

#[test]
fn the_same_input_builds_the_same_bytes() {
    let site = built();
    let first = tree(&site.path().join("public"));
    let o = build_at(site.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(first, tree(&site.path().join("public")));
}
