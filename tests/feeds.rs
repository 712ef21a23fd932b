//! What the site derives from its content beyond the item pages: accessible charts beside
//! their tables, reporting status by the build date, headline figures, Atom feeds, the
//! sitemap and robots.txt, 404 pages, JSON-LD and Open Graph metadata, and the documents
//! table sorted without JavaScript. Fixture: `basic`.

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

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
    write(site.path(), "content/data/documents.yaml", format!("{docs}- id: ct-old\n  kind: chi-thi\n  number: \"01/CT-UBND\"\n  issuer: {{ vi: \"UBND tỉnh\", en: \"PPC\" }}\n  issued: 2020-01-02\n  summary: {{ vi: \"Cũ\", en: \"Old\" }}\n"));
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
