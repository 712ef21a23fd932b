//! `minhbach check`, and the checks a build shares with it: every problem reported at once
//! and nothing written, the JSON report, broken links, links to unpublished pages, missing
//! photos and attachments. Fixtures: `problems` (with its expected JSON report) and `basic`.

use std::path::Path;

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

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
        err.contains("content/pages/x.vi.md:3:1: error[MB0220]: unknown field \"colour\""),
        "{err}"
    );
    assert!(
        err.contains(
            "content/exemplars/y.vi.md:3:7: error[MB0223]: kind: unknown variant \"person\""
        ),
        "{err}"
    );
    assert!(err.contains("2 error(s)"), "{err}");
    assert!(!site.path().join("public").exists());
}

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
    edit(site.path(), "content/pages/gioi-thieu.vi.md", |page| {
        page.replace(
            "[Phong trào](/phong-trao/)",
            "[Phong trào](/phong-trao/khong-co/)",
        )
    });
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
        page.replace("[Phong trào](/phong-trao/)", "[Nháp](/phong-trao/nhap/)"),
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
        x.replace(
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
