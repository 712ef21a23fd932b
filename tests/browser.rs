//! Browser tests: the bundled site as people see it. Runs `tests/browser/run.mjs`, which
//! builds the site with this crate's binary (at the root and under a sub-path), serves it on
//! 127.0.0.1 and checks it in headless Chromium (playwright-core), with axe-core and with the
//! W3C Nu Html Checker (vnu-jar). Its figures go straight to the terminal, also without
//! `--nocapture`. See docs/developers/browser-tests.md.
//!
//! Missing tools fail the test with what is missing and the one command that installs it
//! all, `bash .ci/run`; `MINHBACH_SKIP_BROWSER=1` skips it on a developer's machine, never
//! in CI (`CI` set).

use std::path::Path;
use std::process::Command;

#[path = "support/browser.rs"]
mod browser;
#[path = "support/photos.rs"]
mod photos;
#[path = "support/site.rs"]
mod support_site;

/// The bundled site with a phone photo (4000 × 3000, about 4 MB, stored sideways with GPS:
/// `support/photos.rs`) as the photo of one exemplar, for the checks of a photo page.
fn photo_site(repo: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["content", "themes"] {
        support_site::copy_tree(&repo.join(part), &dir.path().join(part));
    }
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("copy");
    support_site::write(
        dir.path(),
        "static/anh/ong-nguyen-van-a.jpg",
        photos::phone_photo(0),
    );
    let x = "content/exemplars/ong-nguyen-van-a";
    support_site::edit(dir.path(), &format!("{x}.vi.md"), |t| {
        t.replacen(
            "award:",
            "photo: /anh/ong-nguyen-van-a.jpg\nphoto_alt: \"Ông Nguyễn Văn A hướng dẫn đồng nghiệp ký số tại phòng làm việc\"\naward:",
            1,
        )
    });
    support_site::edit(dir.path(), &format!("{x}.en.md"), |t| {
        t.replacen(
            "award:",
            "photo_alt: \"Mr. Nguyễn Văn A showing a colleague how to sign digitally at his desk\"\naward:",
            1,
        )
    });
    dir
}

#[test]
fn the_bundled_site_passes_the_browser_accessibility_and_html_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(browser::Tools { dir, chromium }) = browser::tools("browser tests", true) else {
        return;
    };
    let photos = photo_site(root);
    let status = Command::new("node")
        .arg(dir.join("run.mjs"))
        .current_dir(root)
        .env("MINHBACH_BIN", env!("CARGO_BIN_EXE_minhbach"))
        .env("MINHBACH_CHROMIUM", &chromium)
        .env("MINHBACH_PHOTO_SITE", photos.path())
        .status()
        .expect("node runs, as checked above");
    assert!(
        status.success(),
        "browser checks failed (see the FAIL lines above; screenshots in target/browser-artifacts/)"
    );
}
