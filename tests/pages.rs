//! Pages as readers get them: Vietnamese at the root and English under /en/ with translated
//! address words and hreflang links, missing and draft translations, ASCII slugs, Vietnamese
//! collation, dates at their precision, the official document header (signer, recipients),
//! drafts and future items, byte-identical rebuilds, a base URL with a path, and a site's own
//! templates. Fixture: `basic`.

use std::process::Command;

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

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
        stderr(&check)
            .contains("content/campaigns/am-no.vi.md: warning[MB0311]: no \"en\" translation"),
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
    edit(site.path(), "content/plan/ke-hoach-2022.vi.md", |plan| {
        plan.replace(
            "campaigns: [an-toan, doi-moi]",
            "campaigns: [doi-moi, dan-van-kheo, an-toan, am-no]",
        )
    });
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
    edit(site.path(), "content/plan/ke-hoach-2022.vi.md", |text| {
        text.replace("issued: \"2022-01\"", "issued: 2022")
    });
    // The translation does not repeat the date: it takes it from the Vietnamese file.
    edit(site.path(), "content/plan/ke-hoach-2022.en.md", |en| {
        en.replace("issued: \"2022-01\"\n", "")
    });
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
        en.replacen("---\n", "---\ndraft: true\n", 1),
    );
    let o = minhbach(site.path(), &["check", "--now", NOW]);
    let err = stderr(&o);
    assert!(err.contains("content/campaigns/an-toan.en.md: warning[MB0312]: the \"en\" version is a draft or dated in the future"), "{err}");
    assert!(
        !err.contains("add content/campaigns/an-toan.en.md"),
        "{err}"
    );
}
