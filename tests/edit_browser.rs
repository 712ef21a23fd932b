//! Browser test of the editor: runs `tests/browser/edit.mjs`, which starts `minhbach edit`
//! on a copy of the multi-year fixture and works through it in headless Chromium
//! (playwright-core) at 1366×768, in Vietnamese: create a campaign and an exemplar with a
//! photo through the forms, mistakes shown at the field, the preview changing, a rename
//! whose references follow, a unit added and a document's summary edited in
//! `content/data/`, axe-core on every screen, keyboard-only flows.
//!
//! Missing tools fail the test, with what to install; `MINHBACH_SKIP_BROWSER=1` skips it
//! on a developer's machine, never in CI (`CI` set). `MINHBACH_SCREENSHOTS=1` writes the screenshots of the guide
//! (`docs/editor/*.png`); normal runs do not touch the tree.

use std::path::Path;
use std::process::Command;

#[path = "support/browser.rs"]
mod browser;
#[path = "support/site.rs"]
mod support_site;

#[test]
fn the_editor_works_in_a_real_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(browser::Tools { dir, chromium }) = browser::tools("editor browser test", false)
    else {
        return;
    };
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
