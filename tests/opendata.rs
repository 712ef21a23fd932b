//! The open data as others check it: every language's Data Package of the bundled site and
//! of the fixtures passes `frictionless validate`, the reference validator of the Frictionless
//! Data standard (types, required cells, patterns, primary and foreign keys, byte counts).
//!
//! The validator is Python; `bash .ci/run` installs a pinned copy into `target/pyvenv`
//! (tests/python/requirements.txt). Missing, it fails the test with that command; outside CI
//! `MINHBACH_SKIP_FRICTIONLESS=1` skips it.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

fn env_set(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// The validator: `MINHBACH_FRICTIONLESS`, else the one `.ci/run` installs, else `PATH`'s.
fn frictionless() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("MINHBACH_FRICTIONLESS").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pyvenv/bin/frictionless")),
        Some(PathBuf::from("frictionless")),
    ];
    candidates.into_iter().flatten().find(|p| {
        Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// A copy of the bundled Tây Ninh site.
fn bundled() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&repo.join("content"), &dir.path().join("content"));
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("copy");
    dir
}

#[test]
fn every_data_package_passes_frictionless_validate() {
    let ci = env_set("CI");
    if env_set("MINHBACH_SKIP_FRICTIONLESS") && !ci {
        eprintln!("SKIPPED: frictionless validate (MINHBACH_SKIP_FRICTIONLESS is set)");
        return;
    }
    let Some(validator) = frictionless() else {
        panic!(
            "the open data test needs the Frictionless validator: run `bash .ci/run`, which \
             installs a pinned copy into target/pyvenv (python3 -m venv target/pyvenv && \
             target/pyvenv/bin/pip install -r tests/python/requirements.txt){}",
            if ci {
                ""
            } else {
                ", or skip this test with MINHBACH_SKIP_FRICTIONLESS=1"
            }
        );
    };
    let sites: [(&str, tempfile::TempDir, &str); 3] = [
        ("bundled", bundled(), "2024-01-01"),
        ("multiyear", fixture("multiyear"), "2024-07-15"),
        ("basic", fixture("basic"), "2024-01-01"),
    ];
    let mut checked = 0;
    for (name, site, now) in &sites {
        let o = minhbach(site.path(), &["build", "--now", now]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        for dir in ["du-lieu-mo", "data", "en/data"] {
            let package = site
                .path()
                .join("public")
                .join(dir)
                .join("datapackage.json");
            if !package.is_file() {
                continue;
            }
            let out = Command::new(&validator)
                .arg("validate")
                .arg(&package)
                .output()
                .expect("frictionless runs, as checked above");
            let report = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success() && !report.contains("INVALID"),
                "{name}: {dir}/datapackage.json fails frictionless validate:\n{report}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            // Every table was read, not just the package's own description.
            for table in ["plans", "campaigns", "results", "indicators", "attachments"] {
                assert!(report.contains(&format!("{table}.csv")), "{report}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 6, "both languages of three sites");
}
