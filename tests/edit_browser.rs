//! Browser test of the editor: runs `tests/browser/edit.mjs`, which starts `minhbach edit`
//! on a copy of the multi-year fixture and works through it in headless Chromium
//! (playwright-core) at 1366×768, in Vietnamese: create a campaign and an exemplar with a
//! photo through the forms, mistakes shown at the field, the preview changing, a rename
//! whose references follow, axe-core on every screen, one keyboard-only flow.
//!
//! Missing tools fail the test, with what to install; `MINHBACH_SKIP_BROWSER=1` skips it
//! on a developer's machine, never in CI (`CI` set). `MINHBACH_SCREENSHOTS=1` writes the screenshots of the guide
//! (`docs/editor/*.png`); normal runs do not touch the tree.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[path = "support/site.rs"]
mod support_site;

fn env_set(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

#[test]
fn the_editor_works_in_a_real_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/browser");
    let chromium = std::env::var_os("MINHBACH_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let ci = env_set("CI");
    if env_set("MINHBACH_SKIP_BROWSER") && !ci {
        eprintln!("SKIPPED: editor browser test (MINHBACH_SKIP_BROWSER is set)");
        return;
    }
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let mut missing = Vec::new();
    if !node {
        missing.push("Node.js: sudo apt-get install nodejs npm");
    }
    if !chromium.is_file() {
        missing.push("Chromium: sudo apt-get install chromium (or set MINHBACH_CHROMIUM)");
    }
    if !dir.join("node_modules/playwright-core").is_dir() {
        missing.push("the npm packages: npm ci --ignore-scripts --prefix tests/browser");
    }
    assert!(
        missing.is_empty(),
        "the editor browser test cannot run: missing\n  - {}\n{}",
        missing.join("\n  - "),
        if ci {
            "In CI, `bash .ci/run` installs these before it runs the tests."
        } else {
            "Run `bash .ci/run`, which installs them, or skip this test on this machine with \
             MINHBACH_SKIP_BROWSER=1 (CI never skips it)."
        }
    );
    let site = support_site::fixture("multiyear");
    let status = Command::new("node")
        .arg(dir.join("edit.mjs"))
        .current_dir(root)
        .env("MINHBACH_BIN", env!("CARGO_BIN_EXE_minhbach"))
        .env("MINHBACH_CHROMIUM", &chromium)
        .env("MINHBACH_SITE", site.path())
        .status()
        .expect("node runs, as checked above");
    assert!(
        status.success(),
        "editor browser checks failed (see the FAIL lines above; target/edit-failure.png)"
    );
}
