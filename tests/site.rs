//! Integration tests: build small fixture sites from `tests/fixtures/` with the real binary
//! and assert on exit codes, diagnostics and output files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
#[path = "support/site.rs"]
mod support_site;
use support_site::*;

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

fn assert_ok(o: &Output) {
    assert!(o.status.success(), "build failed:\n{}", stderr(o));
}

#[test]
fn builds_vietnamese_at_root_and_english_under_en_with_translated_segments() {
    let site = fixture("basic");
    let o = build(site.path(), &[]);
    assert_ok(&o);
    let vi = read(site.path(), "phong-trao/an-toan/index.html");
    let en = read(site.path(), "en/campaigns/an-toan/index.html");
    assert!(vi.contains("<html lang=\"vi\">"));
    assert!(en.contains("<html lang=\"en\">"));
    // hreflang alternates in both directions, absolute.
    for page in [&vi, &en] {
        assert!(page.contains(r#"<link rel="alternate" hreflang="vi" href="https://example.gov.vn/phong-trao/an-toan/">"#), "{page}");
        assert!(page.contains(r#"<link rel="alternate" hreflang="en" href="https://example.gov.vn/en/campaigns/an-toan/">"#));
    }
    // The language switcher goes to the same item in the other language.
    assert!(
        vi.contains(r#"<a href="/en/campaigns/an-toan/" hreflang="en" lang="en">English</a>"#),
        "{vi}"
    );
    assert!(en.contains(r#"<a href="/phong-trao/an-toan/" hreflang="vi" lang="vi">Tiếng Việt</a>"#));
    // Pages with their own English slug.
    assert!(read(site.path(), "en/about/index.html").contains("About this site."));
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(
        summary.contains("pages (en ") && summary.contains("vi "),
        "{summary}"
    );
}

#[test]
fn missing_translation_is_listed_marked_and_linked_to_the_existing_page() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let en_index = read(site.path(), "en/campaigns/index.html");
    assert!(en_index.contains(r#"<a href="/phong-trao/am-no/" hreflang="vi" lang="vi">Ấm no</a> <span class="badge badge-lang">Vietnamese only</span>"#), "{en_index}");
    assert!(!site.path().join("public/en/campaigns/am-no").exists());
    // The untranslated page's switcher goes to the English section, saying so.
    let vi = read(site.path(), "phong-trao/am-no/index.html");
    assert!(vi.contains(r#"<a href="/en/campaigns/" hreflang="en" lang="en">English</a> <small>(chưa có bản dịch"#), "{vi}");
    assert!(!vi.contains(r#"hreflang="en" href="#));
    let check = minhbach(site.path(), &["check", "--now", NOW]);
    assert!(check.status.success());
    assert!(
        stderr(&check).contains("content/campaigns/am-no.vi.md: warning: no \"en\" translation"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn vietnamese_file_names_fold_to_ascii_slugs() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    assert!(read(site.path(), "phong-trao/doi-moi/index.html").contains("Đổi mới sáng tạo"));
    assert!(read(site.path(), "en/campaigns/doi-moi/index.html").contains("Innovation"));
    assert!(read(site.path(), "linh-vuc/doi-moi/index.html").contains("Đổi mới sáng tạo"));
}

#[test]
fn lists_sort_by_vietnamese_collation() {
    let site = fixture("basic");
    // All four campaigns in the plan, so the campaigns index lists them in one group.
    let plan = std::fs::read_to_string(site.path().join("content/plan/ke-hoach-2022.vi.md"))
        .expect("read");
    write(
        site.path(),
        "content/plan/ke-hoach-2022.vi.md",
        &plan.replace(
            "campaigns: [an-toan, doi-moi]",
            "campaigns: [doi-moi, dan-van-kheo, an-toan, am-no]",
        ),
    );
    assert_ok(&build(site.path(), &[]));
    let index = read(site.path(), "phong-trao/index.html");
    let pos = |t: &str| {
        index
            .find(&format!(">{t}</a>"))
            .unwrap_or_else(|| panic!("{t} missing"))
    };
    // Code-point order would put Đ and Ấ after D.
    assert!(pos("An toàn") < pos("Ấm no"));
    assert!(pos("Ấm no") < pos("Dân vận khéo"));
    assert!(pos("Dân vận khéo") < pos("Đổi mới sáng tạo"));
}

#[test]
fn partial_and_official_dates_render_at_their_precision() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let plan = read(site.path(), "ke-hoach/ke-hoach-2022/index.html");
    // The blank day of the original document stays blank.
    assert!(
        plan.contains(
            r#"Tây Ninh, ngày <span class="blank" aria-hidden="true"></span> tháng 01 năm 2022"#
        ),
        "{plan}"
    );
    assert!(plan.contains(r#"Số: <span class="blank" aria-hidden="true"></span>/KH-STC"#));
    assert!(!plan.contains("bookmark"), "word processor artifact leaked");
    let en_plan = read(site.path(), "en/plan/ke-hoach-2022/index.html");
    assert!(en_plan.contains("SOCIALIST REPUBLIC OF VIET NAM"));
    assert!(
        en_plan
            .contains(r#"Tây Ninh, <span class="blank" aria-hidden="true"></span> January 2022"#),
        "{en_plan}"
    );
    let campaign = read(site.path(), "phong-trao/an-toan/index.html");
    assert!(campaign.contains(r#"<time datetime="2022-01">tháng 01 năm 2022</time>"#));
    let timeline = read(site.path(), "dong-thoi-gian/index.html");
    assert!(timeline.contains(r#"<time datetime="2022-03-12">ngày 12 tháng 3 năm 2022</time>"#));
    assert!(timeline.contains(r#"<time datetime="2022">năm 2022</time>"#));
    // Year-only events come after the months of their year; 2022 before 2021.
    let year_only = timeline.find("Hội nghị trong năm").expect("year event");
    assert!(timeline.find("Hội nghị sơ kết").expect("march event") < year_only);
    assert!(
        year_only
            < timeline
                .find("<h2 id=\"y20212\">2021</h2>")
                .expect("2021 group")
    );
    let en_timeline = read(site.path(), "en/timeline/index.html");
    assert!(en_timeline.contains(r#"<time datetime="2022-03-12">12 March 2022</time>"#));
}

#[test]
fn drafts_and_future_items_appear_nowhere_unless_asked() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    for (path, bytes) in tree(&site.path().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("MARKER"),
            "unpublished content leaked into {}",
            path.display()
        );
        assert!(
            !text.contains("nhap") && !text.contains("tuong-lai"),
            "link to unpublished item in {}",
            path.display()
        );
    }
    let drafts = fixture("basic");
    assert_ok(&build(drafts.path(), &["--drafts"]));
    let all: String = tree(&drafts.path().join("public"))
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    for marker in [
        "DRAFT-MARKER-CAMPAIGN",
        "DRAFT-MARKER-DOC",
        "DRAFT-MARKER-REPORT",
        "FUTURE-MARKER-EXEMPLAR",
        "FUTURE-MARKER-EVENT",
    ] {
        assert!(all.contains(marker), "--drafts should include {marker}");
    }
}

#[test]
fn same_input_builds_byte_identical_output() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let first = tree(&site.path().join("public"));
    assert_ok(&build(site.path(), &[]));
    assert_eq!(first, tree(&site.path().join("public")));
    // And from another folder, with the date from SOURCE_DATE_EPOCH (2024-01-01).
    let other = fixture("basic");
    let o = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["build", "--root"])
        .arg(other.path())
        .env("SOURCE_DATE_EPOCH", "1704067200")
        .output()
        .expect("run");
    assert_ok(&o);
    assert_eq!(first, tree(&other.path().join("public")));
}

#[test]
fn base_url_with_a_path_prefixes_every_link() {
    let site = fixture("basic");
    assert_ok(&build(
        site.path(),
        &["--base-url", "https://example.gov.vn/minh-bach"],
    ));
    let page = read(site.path(), "gioi-thieu/index.html");
    assert!(page.contains(r#"href="/minh-bach/style.css""#));
    assert!(
        page.contains(r#"<a href="/minh-bach/phong-trao/">Phong trào</a>"#),
        "markdown links are rebased: {page}"
    );
    assert!(page.contains(r#"hreflang="en" href="https://example.gov.vn/minh-bach/en/about/""#));
    assert!(!page.contains(r#"href="/phong-trao/""#));
}

#[test]
fn site_templates_override_the_theme() {
    let site = fixture("basic");
    write(site.path(), "templates/page.html", "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ page.title }}</p>{% endblock content %}");
    assert_ok(&build(site.path(), &[]));
    assert!(
        read(site.path(), "gioi-thieu/index.html").contains("<p class=\"custom\">Giới thiệu</p>")
    );
}

/// Asserts a build fails with exit 1, prints `needle` and leaves `public/` untouched.
fn assert_fails_untouched(site: &Path, needle: &str) -> String {
    let public = site.join("public");
    std::fs::create_dir_all(&public).expect("mkdir");
    std::fs::write(public.join("sentinel.html"), "previous site").expect("write");
    // A previous build: the marker lets the next successful build replace it.
    std::fs::write(public.join(".minhbach-output"), "").expect("write");
    let before = tree(&public);
    let o = build(site, &[]);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "expected exit 1, got {:?}:\n{err}",
        o.status.code()
    );
    assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
    assert_eq!(before, tree(&public), "a failed build changed public/");
    err
}

#[test]
fn unknown_campaign_names_file_line_and_suggests() {
    let site = fixture("basic");
    write(site.path(), "content/exemplars/x.vi.md", "---\ntitle: \"X\"\nkind: individual\nunit: van-phong\ncampaign: an-toàn\nrecognized: 2022-01-05\naward: \"Giấy khen\"\n---\n");
    let err = assert_fails_untouched(site.path(), "content/exemplars/x.vi.md:5:11: error: unknown campaign \"an-toàn\"; did you mean \"an-toan\"?");
    assert!(err.contains("5 | campaign: an-toàn"), "{err}");
}

#[test]
fn unknown_unit_and_document_ids_are_errors() {
    let site = fixture("basic");
    let plan = std::fs::read_to_string(site.path().join("content/plan/ke-hoach-2022.vi.md"))
        .expect("read");
    write(
        site.path(),
        "content/plan/ke-hoach-2022.vi.md",
        &plan.replace("based_on: [ct-12]", "based_on: [ct-13]"),
    );
    let camp =
        std::fs::read_to_string(site.path().join("content/campaigns/am-no.vi.md")).expect("read");
    write(
        site.path(),
        "content/campaigns/am-no.vi.md",
        &camp.replace("lead_unit: van-phong", "lead_unit: van-phog"),
    );
    let err = assert_fails_untouched(site.path(), "content/plan/ke-hoach-2022.vi.md:8:12: error: unknown document \"ct-13\"; did you mean \"ct-12\"?");
    assert!(err.contains("content/campaigns/am-no.vi.md:4:12: error: unknown unit \"van-phog\"; did you mean \"van-phong\"?"), "both errors are reported: {err}");
}

#[test]
fn duplicate_slugs_are_errors() {
    let site = fixture("basic");
    // "Ấm no" folds to the same address as am-no.
    write(
        site.path(),
        "content/campaigns/Ấm no.vi.md",
        "---\ntitle: \"Ấm no 2\"\nlaunched: 2022\nlead_unit: van-phong\n---\n",
    );
    assert_fails_untouched(site.path(), "duplicate address \"am-no\"");
}

#[test]
fn bad_dates_are_errors_with_position() {
    let site = fixture("basic");
    write(site.path(), "content/exemplars/x.vi.md", "---\ntitle: \"X\"\nkind: individual\nunit: van-phong\ncampaign: an-toan\nrecognized: 2022-02-30\naward: \"Giấy khen\"\n---\n");
    let err = assert_fails_untouched(site.path(), "content/exemplars/x.vi.md:6:");
    assert!(
        err.contains("day 30 does not exist in month 2 of 2022"),
        "{err}"
    );
}

#[test]
fn malformed_yaml_points_at_the_line_in_the_file() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/pages/x.vi.md",
        "---\ntitle: \"X\"\nsummary: [unclosed\nmenu: 2\n---\nBody\n",
    );
    assert_fails_untouched(site.path(), "content/pages/x.vi.md:");
}

#[test]
fn missing_required_field_and_unknown_key_are_errors() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/pages/x.vi.md",
        "---\nsummary: \"no title\"\n---\nBody\n",
    );
    write(
        site.path(),
        "content/pages/y.vi.md",
        "---\ntitle: \"Y\"\nmenux: 2\n---\nBody\n",
    );
    let err = assert_fails_untouched(
        site.path(),
        "content/pages/x.vi.md:1:1: error: missing field \"title\"",
    );
    assert!(
        err.contains("content/pages/y.vi.md:3:1: error: unknown field \"menux\""),
        "{err}"
    );
    assert!(err.contains("did you mean \"menu\"?"), "{err}");
}

#[test]
fn data_file_errors_name_the_line() {
    let site = fixture("basic");
    let units = std::fs::read_to_string(site.path().join("content/data/units.yaml")).expect("read");
    write(
        site.path(),
        "content/data/units.yaml",
        &format!("{units}- id: van-phong\n  name: {{ vi: \"Trùng\" }}\n"),
    );
    let err = assert_fails_untouched(
        site.path(),
        "content/data/units.yaml:5:7: error: duplicate id \"van-phong\"",
    );
    assert!(err.contains("name has no \"en\" text"), "{err}");
}

#[test]
fn missing_ui_string_is_a_build_error() {
    let site = fixture("basic");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    copy_tree(&theme, &site.path().join("themes/default"));
    let en =
        std::fs::read_to_string(site.path().join("themes/default/i18n/en.yaml")).expect("read");
    write(
        site.path(),
        "themes/default/i18n/en.yaml",
        &en.replace("nav_timeline: \"Timeline\"\n", ""),
    );
    assert_fails_untouched(
        site.path(),
        "UI string \"nav_timeline\" is missing in \"en\"",
    );
}

#[test]
fn check_reports_every_problem_and_writes_nothing() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/pages/x.vi.md",
        "---\ntitle: X\ncolour: red\n---\n",
    );
    write(site.path(), "content/exemplars/y.vi.md", "---\ntitle: \"Y\"\nkind: person\nunit: van-phong\ncampaign: an-toan\nrecognized: 2022-01-05\naward: \"x\"\n---\n");
    let o = minhbach(site.path(), &["check", "--now", NOW]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/pages/x.vi.md:3:1: error: unknown field \"colour\""),
        "{err}"
    );
    assert!(
        err.contains("content/exemplars/y.vi.md:3:7: error: kind: unknown variant \"person\""),
        "{err}"
    );
    assert!(err.contains("2 error(s)"), "{err}");
    assert!(!site.path().join("public").exists());
}

#[test]
fn usage_errors_exit_2_and_every_command_has_help() {
    let site = fixture("basic");
    assert_eq!(
        minhbach(site.path(), &["build", "--now", "yesterday"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        minhbach(site.path(), &["frobnicate"]).status.code(),
        Some(2)
    );
    for cmd in ["build", "check"] {
        let o = Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args([cmd, "--help"])
            .output()
            .expect("run");
        assert!(o.status.success());
        assert!(String::from_utf8_lossy(&o.stdout).contains("--root"));
    }
}

#[test]
fn refuses_to_build_over_the_site_itself() {
    let site = fixture("basic");
    let o = minhbach(
        site.path(),
        &[
            "build",
            "--now",
            NOW,
            "--output",
            site.path().to_str().expect("utf8"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(site.path().join("content/campaigns/am-no.vi.md").exists());
}

/// The text of an HTML page without tags and with entities decoded, for comparing prose.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The bundled Tây Ninh site, copied out of the repository.
fn bundled() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&repo.join("content"), &dir.path().join("content"));
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("copy site.yaml");
    dir
}

#[test]
fn bundled_site_builds_cleanly() {
    let site = bundled();
    let o = minhbach(site.path(), &["build", "--now", "2026-11-25"]);
    assert_ok(&o);
    assert!(
        !stderr(&o).contains("warning"),
        "the bundled site should build without warnings:\n{}",
        stderr(&o)
    );
}

#[test]
fn bundled_plan_is_the_real_document_word_for_word() {
    let site = bundled();
    assert_ok(&minhbach(site.path(), &["build", "--now", "2026-11-25"]));
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed/plan-2022.txt"),
    )
    .expect("seed");
    let seed = minhbach::i18n::nfc(&seed);
    let page = text_of(&read(site.path(), "ke-hoach/ke-hoach-2022/index.html"));
    let page: String = page.split_whitespace().collect::<Vec<_>>().join(" ");
    let start = seed
        .find("Thực hiện Chỉ thị số 12/CT-UBND")
        .expect("body start");
    let mut checked = 0;
    for line in seed[start..].lines() {
        let line = line.replace("[bookmark: _GoBack]", "");
        let line: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        assert!(
            page.contains(&line),
            "plan page is missing the line:\n{line}"
        );
        checked += 1;
    }
    assert!(checked >= 24, "only {checked} lines compared");
    for header in [
        "UBND TỈNH TÂY NINH",
        "SỞ TÀI CHÍNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH",
        "/KH-STC",
        "tháng 01 năm 2022",
    ] {
        assert!(page.contains(header), "header text {header:?} missing");
    }
    assert!(page.contains("Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, đảm bảo quốc phòng - an ninh năm 2022"));
    assert!(!page.contains("bookmark"));
}

#[test]
fn bundled_site_has_both_languages_of_every_campaign_and_marks_samples() {
    let site = bundled();
    assert_ok(&minhbach(site.path(), &["build", "--now", "2026-11-25"]));
    let plan = std::fs::read_to_string(site.path().join("content/plan/ke-hoach-2022.vi.md"))
        .expect("plan");
    let ids: Vec<&str> = plan
        .lines()
        .skip_while(|l| !l.starts_with("campaigns:"))
        .skip(1)
        .take_while(|l| l.starts_with("  - "))
        .map(|l| l.trim_start_matches("  - ").trim())
        .collect();
    assert!(ids.len() >= 10, "plan names {} campaigns", ids.len());
    for id in ids {
        read(site.path(), &format!("phong-trao/{id}/index.html"));
        read(site.path(), &format!("en/campaigns/{id}/index.html"));
    }
    for (dir, mark) in [
        ("guong-dien-hinh", "Mẫu minh họa"),
        ("bao-cao", "Mẫu minh họa"),
        ("en/exemplars", "Illustrative sample"),
        ("en/reports", "Illustrative sample"),
    ] {
        let mut pages = 0;
        for (path, bytes) in tree(&site.path().join("public").join(dir)) {
            // Item pages only: one folder deep.
            if path.components().count() == 2
                && !path.starts_with("don-vi")
                && !path.starts_with("phong-trao")
                && !path.starts_with("units")
                && !path.starts_with("campaigns")
            {
                assert!(
                    String::from_utf8_lossy(&bytes).contains(mark),
                    "{dir}/{} is not marked as a sample",
                    path.display()
                );
                pages += 1;
            }
        }
        assert!(pages >= 2, "{dir} has {pages} item pages");
    }
}

#[test]
fn signer_and_recipients_render_only_when_present() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let plan = read(site.path(), "ke-hoach/ke-hoach-2022/index.html");
    assert!(
        !plan.contains("doc-signer") && !plan.contains("Nơi nhận"),
        "the real plan has neither"
    );
    let text = std::fs::read_to_string(site.path().join("content/plan/ke-hoach-2022.vi.md"))
        .expect("read");
    let text = text.replace(
        "reporting:",
        "signer: { name: \"Nguyễn Văn X\", title: \"PHÓ GIÁM ĐỐC\", on_behalf: \"KT.\", for_title: \"GIÁM ĐỐC\" }\nrecipients: [\"UBND tỉnh\", \"Lưu: VT\"]\nreporting:",
    );
    write(site.path(), "content/plan/ke-hoach-2022.vi.md", &text);
    assert_ok(&build(site.path(), &[]));
    let plan = read(site.path(), "ke-hoach/ke-hoach-2022/index.html");
    assert!(plan.contains("<strong>KT. GIÁM ĐỐC</strong>"), "{plan}");
    assert!(plan.contains("<strong>PHÓ GIÁM ĐỐC</strong>"));
    assert!(plan.contains("<li>Lưu: VT</li>"));
    assert!(plan.contains("Nơi nhận:"));
}

#[test]
fn year_only_issue_date_leaves_day_and_month_blank() {
    let site = fixture("basic");
    let text = std::fs::read_to_string(site.path().join("content/plan/ke-hoach-2022.vi.md"))
        .expect("read");
    write(
        site.path(),
        "content/plan/ke-hoach-2022.vi.md",
        &text.replace("issued: \"2022-01\"", "issued: 2022"),
    );
    // The translation does not repeat the date: it takes it from the Vietnamese file.
    let en = std::fs::read_to_string(site.path().join("content/plan/ke-hoach-2022.en.md"))
        .expect("read");
    write(
        site.path(),
        "content/plan/ke-hoach-2022.en.md",
        &en.replace("issued: \"2022-01\"\n", ""),
    );
    assert_ok(&build(site.path(), &[]));
    let plan = read(site.path(), "ke-hoach/ke-hoach-2022/index.html");
    assert!(plan.contains(r#"ngày <span class="blank" aria-hidden="true"></span> tháng <span class="blank" aria-hidden="true"></span> năm 2022"#), "{plan}");
}

#[test]
fn a_draft_translation_is_named_as_a_draft_not_as_missing() {
    let site = fixture("basic");
    let en =
        std::fs::read_to_string(site.path().join("content/campaigns/an-toan.en.md")).expect("read");
    write(
        site.path(),
        "content/campaigns/an-toan.en.md",
        &en.replacen("---\n", "---\ndraft: true\n", 1),
    );
    let o = minhbach(site.path(), &["check", "--now", NOW]);
    let err = stderr(&o);
    assert!(err.contains("content/campaigns/an-toan.en.md: warning: the \"en\" version is a draft or dated in the future"), "{err}");
    assert!(
        !err.contains("add content/campaigns/an-toan.en.md"),
        "{err}"
    );
}

#[test]
fn errors_from_dates_and_periods_point_at_the_value() {
    let site = fixture("basic");
    let x = std::fs::read_to_string(site.path().join("content/exemplars/nguyen-van-a.vi.md"))
        .expect("read");
    write(
        site.path(),
        "content/exemplars/nguyen-van-a.vi.md",
        &x.replace("recognized: 2022-07-20", "recognized: \"2022-07\""),
    );
    let r = std::fs::read_to_string(
        site.path()
            .join("content/reports/bao-cao-6-thang-2022.vi.md"),
    )
    .expect("read");
    write(
        site.path(),
        "content/reports/bao-cao-6-thang-2022.vi.md",
        &r.replace("period: \"2022-H1\"", "period: \"2022-Q5\""),
    );
    let err = assert_fails_untouched(
        site.path(),
        "content/exemplars/nguyen-van-a.vi.md:6:14: error: \"2022-07\" needs a full date here",
    );
    assert!(err.contains("content/reports/bao-cao-6-thang-2022.vi.md:3:9: error: period: \"2022-Q5\" is not a reporting period"), "{err}");
    assert!(
        err.contains("help: write 2024-H1 (first six months), 2024-H2, 2024-Q1 … 2024-Q4"),
        "{err}"
    );
}

#[test]
fn a_broken_data_file_is_reported_once_without_cascading_unknown_ids() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/data/documents.yaml",
        "- id: ct-12\n  kind: chi-thi\n  number: [broken\n",
    );
    let err = assert_fails_untouched(site.path(), "content/data/documents.yaml:");
    assert!(!err.contains("unknown document"), "{err}");
}

// ---- Open data ----------------------------------------------------------------------

const DATA_TABLES: [&str; 9] = [
    "plans",
    "campaigns",
    "exemplars",
    "reports",
    "results",
    "indicators",
    "attachments",
    "documents",
    "events",
];

fn read_json(root: &Path, path: &str) -> serde_json::Value {
    serde_json::from_str(&read(root, path))
        .unwrap_or_else(|e| panic!("public/{path} is not JSON: {e}"))
}

/// An RFC 4180 reader, written apart from the generator's writer so the test checks it.
/// Records end with CRLF; a bare LF outside quotes is an error.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "quote inside an unquoted field: {field}");
                quoted = true;
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("bare LF line end"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "last record without CRLF"
    );
    records
}

/// A CSV file: checks the BOM and returns (header, rows).
fn read_csv(root: &Path, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(root.join("public").join(path)).expect("read csv");
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "{path} must start with a UTF-8 BOM for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let mut records = parse_csv(&text).into_iter();
    let header = records.next().expect("header row");
    let rows: Vec<Vec<String>> = records.collect();
    for r in &rows {
        assert_eq!(r.len(), header.len(), "{path}: ragged row {r:?}");
    }
    (header, rows)
}

/// A JSON value as the CSV writes it.
fn as_csv_field(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items
            .iter()
            .map(as_csv_field)
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

#[test]
fn open_data_files_exist_in_both_languages_and_match_the_content() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    for dir in ["data", "en/data"] {
        for t in DATA_TABLES {
            for ext in ["csv", "json", "schema.json"] {
                read(site.path(), &format!("{dir}/{t}.{ext}"));
            }
        }
        read(site.path(), &format!("{dir}/datapackage.json"));
        read(site.path(), &format!("{dir}/index.html"));
    }
    let root = site.path();
    // The four published campaigns, drafts and future ones left out, in both languages.
    for dir in ["data", "en/data"] {
        let campaigns = read_json(root, &format!("{dir}/campaigns.json"));
        let ids: Vec<&str> = campaigns
            .as_array()
            .expect("array")
            .iter()
            .map(|c| c["id"].as_str().expect("id"))
            .collect();
        assert_eq!(ids, ["am-no", "an-toan", "dan-van-kheo", "doi-moi"]);
    }
    // Values in the file's language, marked with the language of the text.
    let vi = read_json(root, "data/exemplars.json");
    let en = read_json(root, "en/data/exemplars.json");
    let find = |v: &serde_json::Value, id: &str| {
        v.as_array()
            .expect("array")
            .iter()
            .find(|x| x["id"] == id)
            .unwrap_or_else(|| panic!("{id} missing"))
            .clone()
    };
    let team = find(&vi, "tap-the-thanh-tra");
    assert_eq!(team["title"], "Tập thể Thanh tra");
    assert_eq!(team["kind"], "collective");
    assert_eq!(team["kind_label"], "Tập thể");
    assert_eq!(team["recognized"], "2021-12-01");
    assert_eq!(team["recognized_text"], "ngày 01 tháng 12 năm 2021");
    assert_eq!(
        team["url"],
        "https://example.gov.vn/guong-dien-hinh/tap-the-thanh-tra/"
    );
    assert_eq!(find(&en, "tap-the-thanh-tra")["title"], "Inspectorate team");
    let sample = find(&en, "nguyen-van-a");
    assert_eq!(sample["illustrative"], true);
    assert_eq!(
        sample["lang"], "vi",
        "untranslated: the Vietnamese text, marked"
    );
    assert_eq!(sample["campaign_id"], "an-toan");
    // Partial dates keep their precision; numbers are numbers.
    let campaigns = read_json(root, "en/data/campaigns.json");
    assert_eq!(campaigns[1]["launched"], "2022-01");
    assert_eq!(campaigns[1]["launched_text"], "January 2022");
    assert_eq!(campaigns[1]["exemplar_count"], 1);
    let results = read_json(root, "data/results.json");
    assert_eq!(
        results,
        serde_json::json!([{
            "report_id": "bao-cao-6-thang-2022",
            "lang": "vi",
            "plan_id": "ke-hoach-2022",
            "period": "2022-H1",
            "period_label": "6 tháng đầu năm 2022",
            "period_start": "2022-01-01",
            "period_end": "2022-06-30",
            "campaign_id": "an-toan",
            "campaign_title": "An toàn",
            "indicator_id": "ty-le-dang-ky",
            "indicator": "Tỷ lệ đăng ký",
            "direction": "at-least",
            "target": 100,
            "target_min": null,
            "target_max": null,
            "actual": 96,
            "unit": "%",
            "percent_of_target": 96,
            "met": false,
            "note": null,
            "illustrative": false,
            "report_url": "https://example.gov.vn/bao-cao/bao-cao-6-thang-2022/",
            "campaign_url": "https://example.gov.vn/phong-trao/an-toan/"
        }])
    );
    let reports = read_json(root, "en/data/reports.json");
    assert_eq!(reports[0]["status"], "on-time");
    assert_eq!(reports[0]["period_label"], "First half of 2022");
    let events = read_json(root, "data/events.json");
    assert!(events
        .as_array()
        .expect("array")
        .iter()
        .any(|e| e["date"] == "2022" && e["title"] == "Hội nghị trong năm"));
    // Every text that comes from the theme was found: no raw key names.
    for dir in ["data", "en/data"] {
        let package = read(root, &format!("{dir}/datapackage.json"));
        assert!(
            !package.contains("\"col_") && !package.contains("\"data_"),
            "missing UI string in {dir}/datapackage.json"
        );
    }
}

#[test]
fn every_open_data_json_file_validates_against_its_schema() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let bundled = bundled();
    assert_ok(&minhbach(bundled.path(), &["build", "--now", "2026-11-25"]));
    for (root, dirs) in [
        (site.path(), ["data", "en/data"]),
        (bundled.path(), ["du-lieu-mo", "en/data"]),
    ] {
        for dir in dirs {
            for t in DATA_TABLES {
                let schema = read_json(root, &format!("{dir}/{t}.schema.json"));
                if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
                    panic!("{dir}/{t}.schema.json is not a valid 2020-12 schema: {e}");
                }
                let validator = jsonschema::draft202012::options()
                    .should_validate_formats(true)
                    .build(&schema)
                    .expect("schema compiles");
                let data = read_json(root, &format!("{dir}/{t}.json"));
                let errors: Vec<String> = validator
                    .iter_errors(&data)
                    .map(|e| e.to_string())
                    .collect();
                assert!(errors.is_empty(), "{dir}/{t}.json: {errors:#?}");
                // The schema constrains: a row without its first column fails.
                if let Some(row) = data.as_array().and_then(|a| a.first()) {
                    let mut broken = row.clone();
                    let first = schema["items"]["required"][0].as_str().expect("column");
                    broken.as_object_mut().expect("object").remove(first);
                    assert!(!validator.is_valid(&serde_json::json!([broken])));
                }
            }
        }
    }
}

#[test]
fn open_data_csv_opens_in_excel_with_vietnamese_intact() {
    let site = fixture("basic");
    let report = "content/reports/bao-cao-6-thang-2022.vi.md";
    let text = std::fs::read_to_string(site.path().join(report)).expect("read");
    write(
        site.path(),
        report,
        &text.replace(
            "    actual: 96",
            "    actual: 96\n    note: 'Đạt 96%, gần \"hoàn thành\"'",
        ),
    );
    assert_ok(&build(site.path(), &[]));
    let root = site.path();
    let raw = std::fs::read(root.join("public/data/results.csv")).expect("read");
    assert!(
        raw.windows(2).filter(|w| w == b"\r\n").count() == 2,
        "CRLF line ends"
    );
    assert!(String::from_utf8_lossy(&raw).contains(r#","Đạt 96%, gần ""hoàn thành""","#));
    let (header, rows) = read_csv(root, "data/results.csv");
    assert_eq!(header[..4], ["report_id", "lang", "plan_id", "period"]);
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    assert_eq!(rows[0][col("note")], "Đạt 96%, gần \"hoàn thành\"");
    assert_eq!(rows[0][col("indicator")], "Tỷ lệ đăng ký");
    assert_eq!(rows[0][col("target")], "100");
    assert_eq!(rows[0][col("met")], "false");
    // Every CSV holds exactly what its JSON twin holds, column for column.
    for dir in ["data", "en/data"] {
        for t in DATA_TABLES {
            let (header, rows) = read_csv(root, &format!("{dir}/{t}.csv"));
            let json = read_json(root, &format!("{dir}/{t}.json"));
            let json = json.as_array().expect("array");
            assert_eq!(rows.len(), json.len(), "{dir}/{t}: row count");
            for (row, obj) in rows.iter().zip(json) {
                let obj = obj.as_object().expect("object");
                let keys: Vec<&String> = obj.keys().collect();
                let mut sorted_header: Vec<&String> = header.iter().collect();
                sorted_header.sort();
                assert_eq!(
                    keys, sorted_header,
                    "{dir}/{t}: JSON keys are the CSV header"
                );
                for (name, value) in header.iter().zip(row) {
                    assert_eq!(value, &as_csv_field(&obj[name]), "{dir}/{t}.{name}");
                }
            }
        }
    }
}

#[test]
fn data_package_describes_every_csv_with_its_header() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let root = site.path();
    for dir in ["data", "en/data"] {
        let package = read_json(root, &format!("{dir}/datapackage.json"));
        assert_eq!(package["profile"], "tabular-data-package");
        assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
        assert!(package["title"].as_str().is_some_and(|t| !t.is_empty()));
        let resources = package["resources"].as_array().expect("resources");
        let mut paths: Vec<&str> = resources
            .iter()
            .map(|r| r["path"].as_str().expect("path"))
            .collect();
        paths.sort();
        let mut csvs: Vec<String> = tree(&root.join("public").join(dir))
            .into_keys()
            .map(|p| p.display().to_string())
            .filter(|p| p.ends_with(".csv"))
            .collect();
        csvs.sort();
        assert_eq!(paths, csvs, "{dir}: every CSV is a resource");
        for r in resources {
            let path = r["path"].as_str().expect("path");
            assert_eq!(r["format"], "csv");
            assert_eq!(r["mediatype"], "text/csv");
            assert_eq!(r["encoding"], "utf-8");
            let bytes = std::fs::read(root.join("public").join(dir).join(path)).expect("csv");
            assert_eq!(r["bytes"], bytes.len(), "{path}: bytes");
            let (header, _) = read_csv(root, &format!("{dir}/{path}"));
            let fields = r["schema"]["fields"].as_array().expect("fields");
            let names: Vec<&str> = fields
                .iter()
                .map(|f| f["name"].as_str().expect("name"))
                .collect();
            assert_eq!(names, header, "{dir}/{path}: fields are the header");
            for f in fields {
                for key in ["type", "title", "description"] {
                    assert!(
                        f[key].as_str().is_some_and(|s| !s.is_empty()),
                        "{dir}/{path}: field {} has no {key}",
                        f["name"]
                    );
                }
                assert!(
                    f["name"]
                        .as_str()
                        .expect("name")
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "snake_case ASCII names"
                );
            }
            if let Some(key) = r["schema"]["primaryKey"].as_array() {
                for k in key {
                    assert!(names.contains(&k.as_str().expect("key")));
                }
            }
        }
    }
    // Field names are the same in every language; titles are translated.
    let vi = read_json(root, "data/datapackage.json");
    let en = read_json(root, "en/data/datapackage.json");
    let field = |p: &serde_json::Value, k: &str| -> Vec<String> {
        p["resources"][0]["schema"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| f[k].as_str().expect("str").to_string())
            .collect()
    };
    assert_eq!(field(&vi, "name"), field(&en, "name"));
    assert_ne!(field(&vi, "title"), field(&en, "title"));
}

#[test]
fn open_data_page_lists_every_file_and_data_pages_link_their_downloads() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let root = site.path();
    for (dir, license, sample) in [
        ("data", "Giấy phép", "Mẫu minh họa"),
        ("en/data", "Licence", "Illustrative sample"),
    ] {
        let page = read(root, &format!("{dir}/index.html"));
        for (path, bytes) in tree(&root.join("public").join(dir)) {
            let name = path.display().to_string();
            if name == "index.html" {
                continue;
            }
            assert!(
                page.contains(&format!("href=\"/{dir}/{name}\"")),
                "{dir}/index.html does not link {name}"
            );
            assert!(
                page.contains(&format!("<data value=\"{}\">", bytes.len())),
                "{dir}/index.html does not give the size of {name}"
            );
        }
        assert!(page.contains("CC-BY-4.0") && page.contains(license));
        assert!(page.contains(sample));
        assert!(page.contains(&format!("<a href=\"/{dir}/\" aria-current=\"page\">")));
    }
    assert!(read(root, "en/data/index.html").contains("Rows: <strong>4</strong>"));
    for (page, file) in [
        ("phong-trao/index.html", "/data/campaigns.csv"),
        ("phong-trao/an-toan/index.html", "/data/results.csv"),
        ("guong-dien-hinh/index.html", "/data/exemplars.json"),
        ("bao-cao/index.html", "/data/reports.csv"),
        ("bao-cao/index.html", "/data/results.csv"),
        (
            "bao-cao/bao-cao-6-thang-2022/index.html",
            "/data/results.json",
        ),
        ("van-ban/index.html", "/data/documents.csv"),
        ("dong-thoi-gian/index.html", "/data/events.csv"),
        ("en/campaigns/index.html", "/en/data/campaigns.csv"),
        ("en/timeline/index.html", "/en/data/events.json"),
    ] {
        assert!(
            read(root, page).contains(&format!("href=\"{file}\"")),
            "{page} does not link {file}"
        );
    }
}

// ---- Charts, reporting status, feeds, sitemap, metadata -----------------------------

#[test]
fn report_and_campaign_pages_have_accessible_charts_next_to_tables() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let report = read(site.path(), "bao-cao/bao-cao-6-thang-2022/index.html");
    let svg_start = report
        .find("<svg class=\"chart\" role=\"img\"")
        .expect("report chart");
    let svg = &report[svg_start..report[svg_start..].find("</svg>").expect("closed") + svg_start];
    assert!(svg.contains(r#"aria-labelledby="chart-report-title chart-report-desc""#));
    assert!(
        svg.contains("<title id=\"chart-report-title\">Kết quả — 6 tháng đầu năm 2022</title>"),
        "{svg}"
    );
    assert!(svg.contains("<desc id=\"chart-report-desc\">"));
    assert!(svg.contains("Tỷ lệ đăng ký"), "indicator label drawn");
    assert!(
        svg.contains("96%") && svg.contains("chart-not-met"),
        "96 of 100 is drawn as not met: {svg}"
    );
    assert!(!svg.contains("<script"), "no script in charts");
    // The table equivalent is on the page too.
    assert!(report.contains("<th scope=\"row\">Tỷ lệ đăng ký</th>"));
    let campaign = read(site.path(), "phong-trao/an-toan/index.html");
    assert!(campaign.contains(r#"aria-labelledby="chart-trend-title chart-trend-desc""#));
    assert!(
        campaign.contains("6 tháng đầu năm 2022: Thực hiện 96"),
        "trend bars are labelled by period"
    );
}

#[test]
fn reporting_status_follows_the_build_date() {
    // The fixture plan: six-month report due 2022-06-15 (submitted 2022-06-10), annual
    // report due 2022-11-15 (its only report is a draft, so not submitted).
    let cases = [
        ("2022-11-15", "status-on-time", "status-due"),
        ("2022-11-16", "status-on-time", "status-overdue"),
    ];
    for (now, h1, year) in cases {
        let site = fixture("basic");
        assert_ok(&minhbach(site.path(), &["build", "--now", now]));
        let index = read(site.path(), "bao-cao/index.html");
        let row = |period: &str| {
            let start = index
                .find(&format!("<th scope=\"row\">{period}</th>"))
                .unwrap_or_else(|| panic!("{period} row"));
            index[start..start + index[start..].find("</tr>").expect("row end")].to_string()
        };
        assert!(
            row("6 tháng đầu năm 2022").contains(h1),
            "{now}: {}",
            row("6 tháng đầu năm 2022")
        );
        assert!(row("Năm 2022").contains(year), "{now}: {}", row("Năm 2022"));
        let timeline = read(site.path(), "dong-thoi-gian/index.html");
        assert!(
            timeline.contains(&format!("class=\"status {year}\"")),
            "timeline shows the status on {now}"
        );
    }
    // Before the six-month due date with no report yet: due; the home page names it.
    let site = fixture("basic");
    std::fs::remove_file(
        site.path()
            .join("content/reports/bao-cao-6-thang-2022.vi.md"),
    )
    .expect("rm");
    assert_ok(&minhbach(site.path(), &["build", "--now", "2022-06-01"]));
    let home = read(site.path(), "index.html");
    assert!(
        home.contains(
            "<strong>6 tháng đầu năm 2022</strong>: Hạn nộp <time datetime=\"2022-06-15\">"
        ),
        "{home}"
    );
    assert!(home.contains("status-due"));
}

#[test]
fn headline_figures_are_computed_from_the_data() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let home = read(site.path(), "index.html");
    // Two published exemplars; the one report has 1 indicator, not met.
    assert!(
        home.contains("<dt>Gương điển hình được ghi nhận</dt><dd><strong>2</strong></dd>"),
        "{home}"
    );
    assert!(home.contains("<strong>0</strong> / 1"), "{home}");
    let campaign = read(site.path(), "phong-trao/doi-moi/index.html");
    assert!(
        campaign.contains("<dd><strong>1</strong></dd>"),
        "one exemplar for doi-moi"
    );
}

#[test]
fn atom_feeds_parse_and_list_published_items_with_absolute_urls() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    for (file, lang) in [("atom.xml", "vi"), ("en/atom.xml", "en")] {
        let xml = read(site.path(), file);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{file}: {e}"));
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        assert_eq!(
            feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
        let child = |n: roxmltree::Node, name: &str| {
            n.children()
                .find(|c| c.has_tag_name(name))
                .map(|c| c.text().unwrap_or_default().to_string())
        };
        assert!(child(feed, "id")
            .expect("feed id")
            .starts_with("https://example.gov.vn/"));
        assert!(child(feed, "updated").expect("updated").ends_with('Z'));
        let entries: Vec<_> = feed
            .children()
            .filter(|c| c.has_tag_name("entry"))
            .collect();
        assert!(!entries.is_empty(), "{file} has entries");
        for e in &entries {
            let link = e
                .children()
                .find(|c| c.has_tag_name("link"))
                .and_then(|l| l.attribute("href"))
                .expect("link");
            assert!(
                link.starts_with("https://example.gov.vn/"),
                "absolute link {link}"
            );
            assert_eq!(child(*e, "id").as_deref(), Some(link));
            assert!(child(*e, "updated").is_some_and(|u| u.len() == 20));
        }
        let titles: Vec<String> = entries.iter().filter_map(|e| child(*e, "title")).collect();
        if lang == "vi" {
            assert!(
                titles.contains(&"Ông Nguyễn Văn A".to_string()),
                "{titles:?}"
            );
            assert!(titles.iter().all(|t| !t.contains("MARKER")));
        }
    }
    let campaign_feed = read(site.path(), "phong-trao/an-toan/atom.xml");
    assert!(roxmltree::Document::parse(&campaign_feed).is_ok());
    assert!(
        campaign_feed.contains("Ông Nguyễn Văn A"),
        "the campaign's exemplar is in its feed"
    );
    assert!(
        !campaign_feed.contains("Tập thể Thanh tra"),
        "another campaign's exemplar is not"
    );
    let page = read(site.path(), "phong-trao/an-toan/index.html");
    assert!(page.contains(
        r#"<link rel="alternate" type="application/atom+xml" title="Trang thử" href="/atom.xml">"#
    ));
    assert!(page.contains(r#"href="/phong-trao/an-toan/atom.xml">"#));
}

#[test]
fn sitemap_lists_every_page_with_hreflang_alternates_and_robots_points_at_it() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let xml = read(site.path(), "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap parses");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert_eq!(doc.root_element().tag_name().namespace(), Some(ns));
    let urls: Vec<roxmltree::Node> = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((ns, "url")))
        .collect();
    let locs: Vec<&str> = urls
        .iter()
        .filter_map(|u| u.children().find(|c| c.has_tag_name((ns, "loc")))?.text())
        .collect();
    // Every HTML page of the site is listed, and nothing else.
    let pages: Vec<String> = tree(&site.path().join("public"))
        .keys()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p.ends_with("index.html"))
        .map(|p| {
            format!(
                "https://example.gov.vn/{}",
                p.trim_end_matches("index.html")
            )
        })
        .collect();
    assert_eq!(locs.len(), pages.len());
    for p in &pages {
        assert!(locs.contains(&p.as_str()), "{p} missing from sitemap");
    }
    assert!(!locs.iter().any(|l| l.contains("404")));
    let campaign = urls
        .iter()
        .find(|u| {
            u.children()
                .any(|c| c.text() == Some("https://example.gov.vn/phong-trao/an-toan/"))
        })
        .expect("campaign url");
    let alts: Vec<(&str, &str)> = campaign
        .children()
        .filter(|c| c.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
        .map(|l| {
            (
                l.attribute("hreflang").expect("hreflang"),
                l.attribute("href").expect("href"),
            )
        })
        .collect();
    assert_eq!(
        alts,
        vec![
            ("en", "https://example.gov.vn/en/campaigns/an-toan/"),
            ("vi", "https://example.gov.vn/phong-trao/an-toan/")
        ]
    );
    assert_eq!(
        read(site.path(), "robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.gov.vn/sitemap.xml\n"
    );
}

#[test]
fn not_found_pages_exist_per_language() {
    let site = fixture("basic");
    assert_ok(&build(
        site.path(),
        &["--base-url", "https://example.gov.vn/sub/"],
    ));
    let vi = read(site.path(), "404.html");
    let en = read(site.path(), "en/404.html");
    assert!(vi.contains("<html lang=\"vi\">") && vi.contains("Không tìm thấy trang"));
    assert!(en.contains("<html lang=\"en\">") && en.contains("Page not found"));
    // Links work from any URL the server shows it at.
    assert!(
        vi.contains(r#"href="/sub/style.css""#) && vi.contains(r#"<a href="/sub/phong-trao/">"#)
    );
}

#[test]
fn pages_carry_json_ld_and_open_graph() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let page = read(site.path(), "phong-trao/an-toan/index.html");
    let start = page
        .find("<script type=\"application/ld+json\">")
        .expect("json-ld")
        + "<script type=\"application/ld+json\">".len();
    let json: serde_json::Value =
        serde_json::from_str(&page[start..start + page[start..].find("</script>").expect("end")])
            .expect("valid JSON-LD");
    let graph = json["@graph"].as_array().expect("graph");
    assert_eq!(graph[0]["@type"], "GovernmentOrganization");
    assert_eq!(graph[0]["name"], "Sở Thử nghiệm");
    assert_eq!(graph[1]["@type"], "Event");
    assert_eq!(graph[1]["startDate"], "2022-01");
    assert_eq!(
        graph[1]["url"],
        "https://example.gov.vn/phong-trao/an-toan/"
    );
    assert!(page.contains(
        r#"<meta property="og:url" content="https://example.gov.vn/phong-trao/an-toan/">"#
    ));
    assert!(page.contains(r#"<meta property="og:locale" content="vi_VN">"#));
    assert!(page.contains(r#"<meta property="og:locale:alternate" content="en_US">"#));
    let report = read(site.path(), "bao-cao/bao-cao-6-thang-2022/index.html");
    assert!(
        report.contains(r#""@type":"Report""#) && report.contains(r#""reportNumber":"2022-H1""#)
    );
}

#[test]
fn documents_are_sortable_by_date_without_javascript() {
    let site = fixture("basic");
    // A second, older document to order.
    let docs =
        std::fs::read_to_string(site.path().join("content/data/documents.yaml")).expect("read");
    write(site.path(), "content/data/documents.yaml", &format!("{docs}- id: ct-old\n  kind: chi-thi\n  number: \"01/CT-UBND\"\n  issuer: {{ vi: \"UBND tỉnh\", en: \"PPC\" }}\n  issued: 2020-01-02\n  summary: {{ vi: \"Cũ\", en: \"Old\" }}\n"));
    assert_ok(&build(site.path(), &[]));
    let newest = read(site.path(), "van-ban/index.html");
    let oldest = read(site.path(), "van-ban/cu-nhat-truoc/index.html");
    assert!(newest.find("12/CT-UBND").expect("a") < newest.find("01/CT-UBND").expect("b"));
    assert!(oldest.find("01/CT-UBND").expect("a") < oldest.find("12/CT-UBND").expect("b"));
    assert!(newest.contains(r#"<a href="/van-ban/cu-nhat-truoc/">Cũ nhất trước</a>"#));
    assert!(read(site.path(), "en/documents/oldest-first/index.html").contains("01/CT-UBND"));
    // Decree 42/2022 fields are shown for each document.
    for field in [
        "Số ký hiệu",
        "Cơ quan ban hành",
        "Ngày ban hành",
        "Trích yếu",
        "Tệp đính kèm",
    ] {
        assert!(newest.contains(field), "{field}");
    }
}

#[path = "support/search_index.rs"]
mod index_reader;

/// The files of the built search index, path inside `search-index/` → bytes.
fn search_bundle(root: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(&root.join("public/search-index"))
        .into_iter()
        .map(|(p, b)| {
            let name = p
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (name, b)
        })
        .collect()
}

#[test]
fn search_page_in_both_languages_says_how_to_browse_without_javascript() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let vi = read(site.path(), "tim-kiem/index.html");
    assert!(
        vi.contains(r#"<form class="search-form" action="/tim-kiem/" role="search">"#),
        "{vi}"
    );
    assert!(vi.contains(r#"name="q""#));
    assert!(vi.contains("Tìm kiếm chạy trong trình duyệt và cần JavaScript"));
    for link in [
        r#"<a href="/phong-trao/">"#,
        r#"<a href="/guong-dien-hinh/">"#,
        r#"<a href="/bao-cao/">"#,
        r#"<a href="/van-ban/">"#,
        r#"<a href="/dong-thoi-gian/">"#,
    ] {
        assert!(vi.contains(link), "no-JS fallback lacks {link}");
    }
    assert!(vi.contains(r#"data-index="/search-index/vi/""#));
    assert!(vi.contains(r#"<script type="module" src="/search.js"></script>"#));
    let en = read(site.path(), "en/search/index.html");
    assert!(en.contains(r#"action="/en/search/""#));
    assert!(en.contains(r#"data-index="/search-index/en/""#));
    assert!(en.contains("Search runs in your browser and needs JavaScript"));
    assert!(en.contains(r#"<a href="/en/campaigns/">"#));
    // Every other page has a plain GET search form in its header.
    let page = read(site.path(), "en/about/index.html");
    assert!(page.contains(r#"<form class="site-search" action="/en/search/" role="search">"#));
    assert!(read(site.path(), "search.js").contains("export async function search"));
}

#[test]
fn search_index_folds_d_and_points_to_the_right_pages() {
    let site = fixture("basic");
    assert_ok(&build(site.path(), &[]));
    let bundle = search_bundle(site.path());
    for file in ["vi/meta.json", "en/meta.json", "vi/w/0.json", "vi/p/0.json"] {
        assert!(
            bundle.contains_key(file),
            "{file} missing from search-index/"
        );
    }
    let vi = index_reader::words(&bundle, "vi");
    // "đường" in the body of one campaign, folded.
    let pages = |w: &str| {
        vi.get(w)
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .collect::<Vec<_>>()
    };
    assert_eq!(pages("duong"), ["/phong-trao/dan-van-kheo/"]);
    assert!(pages("doi").contains(&"/phong-trao/doi-moi/".to_string()));
    assert!(!vi
        .keys()
        .any(|w| w.contains('đ') || w != &minhbach::i18n::fold(w)));
    // Each legal document is a result of its own, at its place on the documents page.
    assert!(
        pages("ubnd").contains(&"/van-ban/#ct-12".to_string()),
        "{:?}",
        pages("ubnd")
    );
    // Languages are indexed apart.
    let en = index_reader::words(&bundle, "en");
    assert!(en.values().flatten().all(|u| u.starts_with("/en/")));
    assert!(vi.values().flatten().all(|u| !u.starts_with("/en/")));
    // The same input gives byte-identical index files.
    assert_ok(&build(site.path(), &[]));
    assert_eq!(bundle, search_bundle(site.path()));
}

#[test]
fn unpublished_content_never_reaches_the_search_index() {
    // The plain-text leak check above sees the titles and extracts in the index; its words
    // are folded (`marker`), so they are checked here.
    let words_of = |drafts: bool| {
        let site = fixture("basic");
        assert_ok(&build(
            site.path(),
            if drafts { &["--drafts"] } else { &[] },
        ));
        let bundle = search_bundle(site.path());
        let mut all = index_reader::words(&bundle, "vi");
        all.extend(index_reader::words(&bundle, "en"));
        all
    };
    let published = words_of(false);
    assert!(
        !published.keys().any(|w| w.contains("marker")),
        "a draft or future word is indexed"
    );
    for url in published.values().flatten() {
        assert!(
            !url.contains("nhap") && !url.contains("tuong-lai"),
            "{url} is indexed"
        );
    }
    // The check can see drafts when they are published.
    assert!(words_of(true).keys().any(|w| w.contains("marker")));
}

#[test]
fn search_in_javascript_folds_vietnamese_under_a_sub_path() {
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED: node is not installed; tests/search.test.mjs did not run");
        return;
    }
    let site = fixture("basic");
    assert_ok(&build(
        site.path(),
        &["--base-url", "https://example.gov.vn/minh-bach"],
    ));
    let o = Command::new("node")
        .args(["--test", "tests/search.test.mjs"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("MINHBACH_PUBLIC", site.path().join("public"))
        .env("MINHBACH_BASE", "/minh-bach/")
        .output()
        .expect("run node");
    assert!(
        o.status.success(),
        "node --test tests/search.test.mjs failed:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
}

// ---- check: links, files, pasted text, JSON output ----------------------------------

#[test]
fn check_json_lists_the_known_problems_of_the_problems_fixture() {
    let site = fixture("problems");
    let o = minhbach(site.path(), &["check", "--now", NOW, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let got: serde_json::Value =
        serde_json::from_slice(&o.stdout).expect("check --format json prints JSON");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/problems/expected-check.json"),
        )
        .expect("expected"),
    )
    .expect("expected JSON");
    assert_eq!(
        got,
        expected,
        "got:\n{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // Every diagnostic tells a person what to do.
    for d in got["diagnostics"].as_array().expect("list") {
        assert!(
            d["hint"].as_str().is_some_and(|h| !h.is_empty()),
            "no hint: {d}"
        );
    }
}

#[test]
fn broken_links_stop_the_build_and_leave_public_untouched() {
    let site = fixture("basic");
    let page =
        std::fs::read_to_string(site.path().join("content/pages/gioi-thieu.vi.md")).expect("read");
    write(
        site.path(),
        "content/pages/gioi-thieu.vi.md",
        &page.replace(
            "[Phong trào](/phong-trao/)",
            "[Phong trào](/phong-trao/khong-co/)",
        ),
    );
    assert_fails_untouched(site.path(), "content/pages/gioi-thieu.vi.md:5:");
}

#[test]
fn links_to_unpublished_pages_are_broken_links() {
    let site = fixture("basic");
    let page =
        std::fs::read_to_string(site.path().join("content/pages/gioi-thieu.vi.md")).expect("read");
    // `nhap` is a draft campaign.
    write(
        site.path(),
        "content/pages/gioi-thieu.vi.md",
        &page.replace("[Phong trào](/phong-trao/)", "[Nháp](/phong-trao/nhap/)"),
    );
    assert_fails_untouched(site.path(), "link to \"/phong-trao/nhap/\" points nowhere");
    assert_ok(&build(site.path(), &["--drafts"]));
}

#[test]
fn a_missing_photo_or_attachment_is_an_error() {
    let site = fixture("basic");
    let x = std::fs::read_to_string(site.path().join("content/exemplars/nguyen-van-a.vi.md"))
        .expect("read");
    write(
        site.path(),
        "content/exemplars/nguyen-van-a.vi.md",
        &x.replace(
            "illustrative: true",
            "illustrative: true\nphoto: /images/a.jpg",
        ),
    );
    assert_fails_untouched(
        site.path(),
        "photo \"/images/a.jpg\" is not a file of the site",
    );
    write(site.path(), "static/images/a.gif", "GIF89a");
    edit(site.path(), "content/exemplars/nguyen-van-a.vi.md", |x| {
        x.replace("/images/a.jpg", "/images/a.gif")
    });
    assert_ok(&build(site.path(), &[]));
    // A GIF is not made smaller: it is shown as it is.
    assert!(read(site.path(), "guong-dien-hinh/nguyen-van-a/index.html")
        .contains(r#"<img src="/images/a.gif""#));
}

// Authoring commands: `new`, `init` and `schemas`.

/// 2024-01-01 as SOURCE_DATE_EPOCH, so scaffolded dates are known.
const EPOCH_2024: &str = "1704067200";

/// Runs minhbach without `--root`, with "today" fixed by SOURCE_DATE_EPOCH.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH_2024)
        .output()
        .expect("run minhbach")
}

fn new_item(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", root.to_str().expect("UTF-8 temp path")]);
    run(&all)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The committed schema `name`, compiled as the draft-07 schema it declares itself to be.
fn schema_validator(name: &str) -> jsonschema::Validator {
    let path = repo().join(format!("docs/schemas/{name}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema JSON");
    jsonschema::draft7::meta::validate(&schema).expect("a valid draft-07 schema");
    jsonschema::draft7::new(&schema).expect("schema compiles")
}

/// The YAML of a site file as JSON, the way an editor's YAML support sees it: a content file's
/// front matter, or a whole data or settings file.
fn yaml_as_json(path: &Path) -> serde_json::Value {
    let text = minhbach::content::load::clean_text(
        &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}")),
    );
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        let (yaml, _, _, _) =
            minhbach::content::load::split(&text).unwrap_or_else(|(_, m)| panic!("{path:?}: {m}"));
        text[yaml].to_string()
    } else {
        text
    };
    serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// Validates every content file, data file and site.yaml of a site against its schema.
fn assert_site_matches_schemas(root: &Path) -> usize {
    let mut checked = 0;
    let mut check = |schema: &str, path: &Path| {
        let errors: Vec<String> = schema_validator(schema)
            .iter_errors(&yaml_as_json(path))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path:?} against {schema}: {errors:#?}");
        checked += 1;
    };
    check("site", &root.join("site.yaml"));
    for (folder, schema) in [
        ("plan", "plan"),
        ("campaigns", "campaign"),
        ("exemplars", "exemplar"),
        ("reports", "report"),
        ("pages", "page"),
    ] {
        let dir = root.join("content").join(folder);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.map(|e| e.expect("entry").path()).collect();
        files.sort();
        for f in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "md"))
        {
            // A translation of a Vietnamese file gives text only: its own schema.
            let name = f.to_string_lossy();
            let vi = name.replace(".en.md", ".vi.md");
            if name.ends_with(".en.md") && Path::new(&vi).exists() && schema != "page" {
                check(&format!("{schema}.translation"), f);
            } else {
                check(schema, f);
            }
        }
    }
    for data in ["documents", "units", "events", "indicators"] {
        let f = root.join(format!("content/data/{data}.yaml"));
        if f.exists() {
            check(data, &f);
        }
    }
    checked
}

#[test]
fn new_files_of_every_kind_build_as_drafts_and_stay_out_of_a_normal_build() {
    let site = fixture("basic");
    for (kind, title, stem, page) in [
        (
            "campaign",
            "Phong trào \"Xanh\": sạch # đẹp",
            "phong-trao-xanh-sach-dep",
            "phong-trao/phong-trao-xanh-sach-dep/index.html",
        ),
        (
            "exemplar",
            "Ông Trần Văn Mới",
            "ong-tran-van-moi",
            "guong-dien-hinh/ong-tran-van-moi/index.html",
        ),
        (
            "report",
            "Báo cáo: quý I",
            "bao-cao-quy-i",
            "bao-cao/bao-cao-quy-i/index.html",
        ),
        ("page", "Liên hệ", "lien-he", "lien-he/index.html"),
        (
            "nomination",
            "Lấy ý kiến khen thưởng",
            "lay-y-kien-khen-thuong",
            "nominations/lay-y-kien-khen-thuong/index.html",
        ),
    ] {
        let o = new_item(site.path(), &[kind, title]);
        assert!(o.status.success(), "new {kind}: {}", stderr(&o));
        let folder = match kind {
            "campaign" => "campaigns",
            "exemplar" => "exemplars",
            "report" => "reports",
            "nomination" => "nominations",
            _ => "pages",
        };
        let rel = format!("content/{folder}/{stem}.vi.md");
        assert!(stdout(&o).contains(&rel), "{}", stdout(&o));
        let text = std::fs::read_to_string(site.path().join(&rel)).expect("created");
        assert!(text.contains("\ndraft: true\n"), "{text}");
        assert!(text.contains("# Bản nháp: true nghĩa là"), "{text}");
        assert!(!site
            .path()
            .join(format!("content/{folder}/{stem}.en.md"))
            .exists());

        assert_ok(&build(site.path(), &["--drafts"]));
        let html = read(site.path(), page);
        assert!(html.contains("<html lang=\"vi\">"), "{page}");
        assert_ok(&build(site.path(), &[]));
        assert!(
            !site.path().join("public").join(page).exists(),
            "{page} is a draft and must not be published"
        );
    }
    // The title keeps its quotes and colon, and dates are "today".
    assert_ok(&build(site.path(), &["--drafts"]));
    let campaign = read(
        site.path(),
        "phong-trao/phong-trao-xanh-sach-dep/index.html",
    );
    assert!(
        campaign.contains("Phong trào &quot;Xanh&quot;: sạch # đẹp"),
        "{campaign}"
    );
    let text =
        std::fs::read_to_string(site.path().join("content/exemplars/ong-tran-van-moi.vi.md"))
            .expect("exemplar");
    assert!(text.contains("\nrecognized: 2024-01-01\n"), "{text}");
    // References hold the first id the site has, and the comment lists them all.
    assert!(text.contains("\ncampaign: \"am-no\"\n"), "{text}");
    assert!(
        text.replace("\n# ", " ")
            .contains("an-toan, dan-van-kheo, doi-moi"),
        "{text}"
    );
    assert_site_matches_schemas(site.path());
}

#[test]
fn new_refuses_to_overwrite_and_writes_nothing() {
    let site = fixture("basic");
    assert!(new_item(site.path(), &["page", "Hỏi đáp"]).status.success());
    let path = site.path().join("content/pages/hoi-dap.vi.md");
    write(
        site.path(),
        "content/pages/hoi-dap.vi.md",
        "edited by hand\n",
    );
    let o = new_item(site.path(), &["page", "Hỏi đáp"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/pages/hoi-dap.vi.md: error: the file already exists"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "edited by hand\n"
    );
    // Every target is checked before any is written: the English file is not created either.
    let o = new_item(site.path(), &["page", "Hỏi đáp", "--lang", "both"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!site.path().join("content/pages/hoi-dap.en.md").exists());
    // A file whose name folds to the same id counts as taken.
    let o = new_item(site.path(), &["campaign", "Đổi mới"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/campaigns/Đổi mới.vi.md already has the id \"doi-moi\""),
        "{}",
        stderr(&o)
    );
    assert!(!site.path().join("content/campaigns/doi-moi.vi.md").exists());
}

#[test]
fn new_with_both_languages_creates_a_pair_with_one_stem() {
    let site = fixture("basic");
    let o = new_item(site.path(), &["campaign", "Đổi mới xanh", "--lang", "both"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for lang in ["vi", "en"] {
        let rel = format!("content/campaigns/doi-moi-xanh.{lang}.md");
        assert!(stdout(&o).contains(&rel), "{}", stdout(&o));
    }
    let en = std::fs::read_to_string(site.path().join("content/campaigns/doi-moi-xanh.en.md"))
        .expect("en");
    assert!(
        en.contains("# Draft: true means this file is NOT published yet."),
        "{en}"
    );
    assert!(
        en.replace("\n# ", " ")
            .contains("Translate the title into English."),
        "{en}"
    );
    let o = build(site.path(), &["--drafts"]);
    assert_ok(&o);
    assert!(!stderr(&o).contains("doi-moi-xanh"), "{}", stderr(&o));
    assert!(read(site.path(), "phong-trao/doi-moi-xanh/index.html").contains("Đổi mới xanh"));
    assert!(read(site.path(), "en/campaigns/doi-moi-xanh/index.html").contains("Đổi mới xanh"));
}

#[test]
fn new_in_a_site_without_units_says_the_build_fails_until_one_is_added() {
    let site = tempfile::tempdir().expect("temp dir");
    write(
        site.path(),
        "site.yaml",
        "base_url: \"/\"\nlanguages:\n  - code: vi\n    title: \"T\"\n    organization: { name: \"A\", parent: \"B\" }\n",
    );
    let o = new_item(site.path(), &["campaign", "Tiết kiệm"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("has no units yet") && stdout(&o).contains("fail"),
        "{}",
        stdout(&o)
    );
    let text = std::fs::read_to_string(site.path().join("content/campaigns/tiet-kiem.vi.md"))
        .expect("created");
    assert!(text.contains("\nlead_unit: \"\"\n"), "{text}");
    let o = build(site.path(), &["--drafts"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown unit \"\""), "{}", stderr(&o));
    // Once a unit exists, the same file builds.
    write(
        site.path(),
        "content/data/units.yaml",
        "- id: van-phong\n  name: { vi: \"Văn phòng\" }\n",
    );
    write(
        site.path(),
        "content/campaigns/tiet-kiem.vi.md",
        &text.replace("lead_unit: \"\"", "lead_unit: \"van-phong\""),
    );
    assert_ok(&build(site.path(), &["--drafts"]));
    // A language the site does not have is refused.
    let o = new_item(site.path(), &["page", "About", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the site has no language \"en\""));
}

#[test]
fn init_creates_a_bilingual_site_that_builds_without_errors_or_warnings() {
    let parent = tempfile::tempdir().expect("temp dir");
    let dir = parent.path().join("trang-moi");
    let o = run(&["init", dir.to_str().expect("UTF-8 temp path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("created"), "{}", stdout(&o));
    let o = build(&dir, &[]);
    assert_ok(&o);
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    assert!(read(&dir, "gioi-thieu/index.html").contains("Giới thiệu"));
    assert!(read(&dir, "en/about/index.html").contains("About"));
    // The sample campaign is a draft until someone publishes it.
    assert!(!dir.join("public/phong-trao/phong-trao-mau").exists());
    assert_ok(&build(&dir, &["--drafts"]));
    assert!(read(&dir, "phong-trao/phong-trao-mau/index.html").contains("Phong trào thi đua mẫu"));
    assert!(read(&dir, "en/campaigns/phong-trao-mau/index.html").contains("Sample campaign"));
    // Settings explain the workflow; data files point editors at their schema, and it exists.
    let settings = std::fs::read_to_string(dir.join("site.yaml")).expect("site.yaml");
    assert!(settings.contains("minhbach new campaign"), "{settings}");
    let units = std::fs::read_to_string(dir.join("content/data/units.yaml")).expect("units");
    assert!(
        units.starts_with("# yaml-language-server: $schema=../../docs/schemas/units.schema.json\n")
    );
    assert!(dir
        .join("content/data/../../docs/schemas/units.schema.json")
        .is_file());
    assert_site_matches_schemas(&dir);
    // `new` in the new site builds too, and its file carries the modeline.
    let o = new_item(&dir, &["exemplar", "Bà Lê Thị Hoa", "--lang", "both"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let x = std::fs::read_to_string(dir.join("content/exemplars/ba-le-thi-hoa.vi.md"))
        .expect("exemplar");
    assert!(x.starts_with(
        "---\n# yaml-language-server: $schema=../../docs/schemas/exemplar.schema.json\n"
    ));
    assert!(
        x.contains("\nunit: \"van-phong\"\n") && x.contains("\ncampaign: \"phong-trao-mau\"\n")
    );
    assert_ok(&build(&dir, &["--drafts"]));
    assert!(dir
        .join("public/guong-dien-hinh/ba-le-thi-hoa/index.html")
        .is_file());
    // A folder that is not empty is refused.
    let o = run(&["init", dir.to_str().expect("UTF-8 temp path")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the folder is not empty"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn committed_schemas_are_what_the_code_generates() {
    let out = tempfile::tempdir().expect("temp dir");
    let o = run(&[
        "schemas",
        "--out",
        out.path().to_str().expect("UTF-8 temp path"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let committed = tree(&repo().join("docs/schemas"));
    let generated = tree(out.path());
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        generated.keys().collect::<Vec<_>>(),
        "run `cargo run -- schemas` and commit docs/schemas/"
    );
    for (name, bytes) in &generated {
        assert!(
            committed[name] == *bytes,
            "docs/schemas/{} is out of date: run `cargo run -- schemas` and commit it",
            name.display()
        );
    }
}

#[test]
fn bundled_content_is_valid_against_the_committed_schemas() {
    let checked = assert_site_matches_schemas(repo());
    assert!(checked > 40, "only {checked} files checked");
    // The schemas do reject what the model rejects: an unknown key, a missing field.
    let v = schema_validator("campaign");
    let mut fm = yaml_as_json(&repo().join("content/campaigns/nong-thon-moi.vi.md"));
    assert!(v.is_valid(&fm));
    fm["titel"] = "x".into();
    assert!(!v.is_valid(&fm));
    fm.as_object_mut().expect("mapping").remove("titel");
    fm.as_object_mut().expect("mapping").remove("lead_unit");
    assert!(!v.is_valid(&fm));
}

/// Runs the corpus generator (`src/bin/gen-corpus/`) into a fresh folder.
fn gen_corpus(items: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args(["--items", items, "--seed", "42", "--out"])
        .arg(dir.path())
        .output()
        .expect("run gen-corpus");
    assert!(o.status.success(), "gen-corpus failed:\n{}", stderr(&o));
    dir
}

#[test]
fn generated_corpus_is_reproducible_and_builds_without_warnings() {
    let site = gen_corpus("30");
    assert_eq!(tree(site.path()), tree(gen_corpus("30").path()));
    let o = minhbach(site.path(), &["build", "--now", "2026-01-01"]);
    assert_ok(&o);
    assert_eq!(stderr(&o), "", "the generated corpus has warnings");
    assert!(String::from_utf8_lossy(&o.stdout).contains(" 0 warning(s)"));
    // Both languages of every item, and its links at their real addresses.
    assert!(read(site.path(), "gioi-thieu/index.html").contains("<html lang=\"vi\">"));
    assert!(read(site.path(), "en/about/index.html").contains("<html lang=\"en\">"));
    let exemplars = tree(&site.path().join("content/exemplars"));
    assert_eq!(exemplars.len(), 2 * 21);
    let en = exemplars
        .iter()
        .find(|(p, _)| p.to_string_lossy().ends_with(".en.md"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .expect("an English exemplar");
    assert!(en.contains("](/en/campaigns/"), "{en}");
}

#[test]
fn editor_examples_point_at_real_schemas_and_match_check_output() {
    let json = |rel: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(repo().join(rel)).expect(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    let settings = json("docs/vscode/settings.json");
    let schemas = settings["yaml.schemas"].as_object().expect("yaml.schemas");
    assert_eq!(schemas.len(), 4);
    for (schema, file) in schemas {
        assert!(repo().join(schema).is_file(), "{schema}");
        let file = file.as_str().expect("one pattern");
        assert!(repo().join(file).is_file(), "{file}");
        schema_validator(
            schema
                .trim_start_matches("./docs/schemas/")
                .trim_end_matches(".schema.json"),
        );
    }
    // The task's problem matchers read what `check` prints, and nothing else.
    let tasks = json("docs/vscode/tasks.json");
    let matchers = tasks["tasks"][0]["problemMatcher"]
        .as_array()
        .expect("matchers");
    let matches = |i: usize, line: &str| {
        let pattern = &matchers[i]["pattern"]["regexp"];
        jsonschema::draft7::new(&serde_json::json!({ "pattern": pattern }))
            .expect("regexp compiles")
            .is_valid(&serde_json::json!(line))
    };
    let site = fixture("basic");
    let mut out = stderr(&minhbach(site.path(), &["check", "--now", NOW]));
    write(
        site.path(),
        "content/exemplars/nguyen-van-a.vi.md",
        "---\ntitle: \"A\"\nkind: individual\nunit: van-phong\ncampaign: an-toàn\nrecognized: 2022-03-12\naward: \"x\"\n---\n",
    );
    out.push_str(&stderr(&minhbach(site.path(), &["check", "--now", NOW])));
    let positioned = out
        .lines()
        .find(|l| l.contains("unknown campaign"))
        .expect("an error with a position");
    assert!(
        matches(0, positioned) && !matches(1, positioned),
        "{positioned}"
    );
    let unpositioned = out
        .lines()
        .find(|l| l.contains("warning: no \"en\" translation"))
        .expect("a warning without a position");
    assert!(
        matches(1, unpositioned) && !matches(0, unpositioned),
        "{unpositioned}"
    );
    for other in out
        .lines()
        .filter(|l| !l.contains(": error: ") && !l.contains(": warning: "))
    {
        assert!(!matches(0, other) && !matches(1, other), "{other}");
    }
}

#[test]
fn generated_corpus_can_also_be_laid_out_for_hugo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args(["--items", "30", "--hugo"])
        .arg(dir.path())
        .output()
        .expect("run gen-corpus");
    assert!(o.status.success(), "gen-corpus failed:\n{}", stderr(&o));
    let hugo = tree(dir.path());
    let minhbach = tree(gen_corpus("30").path());
    // The same exemplars, one file per language, plus a section page per language.
    let count = |t: &BTreeMap<PathBuf, Vec<u8>>, dir: &str| {
        t.keys()
            .filter(|p| p.starts_with(dir) && !p.ends_with("_index.vi.md"))
            .filter(|p| !p.ends_with("_index.en.md"))
            .count()
    };
    assert_eq!(
        count(&hugo, "content/exemplars"),
        count(&minhbach, "content/exemplars")
    );
    let config = String::from_utf8_lossy(&hugo[Path::new("hugo.toml")]).into_owned();
    assert!(
        config.contains("defaultContentLanguage = \"vi\""),
        "{config}"
    );
    assert!(hugo.contains_key(Path::new("layouts/_default/list.html")));
}
