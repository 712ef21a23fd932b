//! What the browser tests need on the machine (Node.js, Debian's Chromium, the pinned npm
//! packages, and Java for the HTML checker), found once for `tests/browser.rs` and
//! `tests/edit_browser.rs`: `None` when the test is skipped on a developer's machine, a
//! failure naming what is missing (and the one command that installs it) otherwise.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn env_set(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The tools a browser test runs with.
pub struct Tools {
    /// `tests/browser`, where the scripts and their npm packages are.
    pub dir: PathBuf,
    pub chromium: PathBuf,
}

/// The tools, or `None` when `MINHBACH_SKIP_BROWSER` is set outside CI. `what` names the
/// test in messages; `java` asks for Java too (the W3C checker).
pub fn tools(what: &str, java: bool) -> Option<Tools> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/browser");
    let chromium = std::env::var_os("MINHBACH_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let ci = env_set("CI");
    if env_set("MINHBACH_SKIP_BROWSER") && !ci {
        eprintln!("SKIPPED: {what} (MINHBACH_SKIP_BROWSER is set)");
        return None;
    }
    let mut missing = Vec::new();
    if !runs("node", "--version") {
        missing.push("Node.js: sudo apt-get install nodejs npm");
    }
    if !chromium.is_file() {
        missing.push("Chromium: sudo apt-get install chromium (or set MINHBACH_CHROMIUM)");
    }
    if java {
        let java = std::env::var("MINHBACH_JAVA").unwrap_or_else(|_| "java".into());
        if !runs(&java, "-version") {
            missing.push("Java for the HTML checker: sudo apt-get install default-jre-headless");
        }
    }
    if !dir.join("node_modules/playwright-core").is_dir() {
        missing.push("the npm packages: npm ci --ignore-scripts --prefix tests/browser");
    }
    assert!(
        missing.is_empty(),
        "the {what} cannot run: missing\n  - {}\n{}",
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
    Some(Tools { dir, chromium })
}
