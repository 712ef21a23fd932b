//! Browser tests: the bundled site as people see it. Runs `tests/browser/run.mjs`, which
//! builds the site with this crate's binary (at the root and under a sub-path), serves it on
//! 127.0.0.1 and checks it in headless Chromium (playwright-core), with axe-core and with the
//! W3C Nu Html Checker (vnu-jar). Its figures go straight to the terminal, also without
//! `--nocapture`. See docs/developers/browser-tests.md.
//!
//! Missing tools fail the test with what is missing and the one command that installs it
//! all, `bash .ci/run`; `MINHBACH_SKIP_BROWSER=1` skips it on a developer's machine, never
//! in CI (`CI` set).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn env_set(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

#[test]
fn the_bundled_site_passes_the_browser_accessibility_and_html_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/browser");
    let chromium = std::env::var_os("MINHBACH_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let ci = env_set("CI");
    if env_set("MINHBACH_SKIP_BROWSER") && !ci {
        eprintln!("SKIPPED: browser tests (MINHBACH_SKIP_BROWSER is set)");
        return;
    }
    let mut missing = Vec::new();
    if !runs("node", "--version") {
        missing.push("Node.js: sudo apt-get install nodejs npm");
    }
    if !chromium.is_file() {
        missing.push("Chromium: sudo apt-get install chromium (or set MINHBACH_CHROMIUM)");
    }
    let java = std::env::var("MINHBACH_JAVA").unwrap_or_else(|_| "java".into());
    if !runs(&java, "-version") {
        missing.push("Java for the HTML checker: sudo apt-get install default-jre-headless");
    }
    if !dir.join("node_modules/playwright-core").is_dir() {
        missing.push("the npm packages: npm ci --ignore-scripts --prefix tests/browser");
    }
    assert!(
        missing.is_empty(),
        "the browser tests cannot run: missing\n  - {}\n{}",
        missing.join("\n  - "),
        if ci {
            "In CI, `bash .ci/run` installs these before it runs the tests."
        } else {
            "Run `bash .ci/run` from the repository folder instead of `cargo test`: it installs \
             all of these (Debian or Ubuntu: apt packages and the pinned npm packages) and then \
             runs every test. Or skip the browser tests on this machine with \
             MINHBACH_SKIP_BROWSER=1 (CI never skips them)."
        }
    );
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
