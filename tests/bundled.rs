//! The bundled Tây Ninh site (the repository's own `content/` and `site.yaml`): it builds
//! without warnings, its plan is the real document word for word
//! (`tests/fixtures/seed/plan-2022.txt`), and every campaign of the plan exists in both
//! languages, with the samples marked.

use std::path::Path;

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

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
