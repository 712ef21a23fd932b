//! Search: the search page in both languages with its fallback without JavaScript, the
//! index (folded Vietnamese words → pages, each language apart, byte-identical on a rebuild,
//! nothing unpublished), and the search in the browser, run under Node. Fixture: `basic`;
//! `support/search_index.rs` reads the built index back.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

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
