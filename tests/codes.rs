//! The diagnostic codes and their reference page (issue 17): every example of the registry
//! (`src/error/codes.rs`) is made in a copy of its test site, and the code is reported at
//! the file and line the example names; `docs/reference/error-codes.md` shows what those
//! runs printed. `MINHBACH_BLESS=1 cargo test --test codes` rewrites the page.

use minhbach::error::codes::{Change, Example};
use minhbach::error::Code;
use std::collections::BTreeMap;
use std::path::Path;

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

/// A printed diagnostic: its location (`path:line:col`, or the path), code, and every line
/// of it (header, source line and caret, help).
struct Printed {
    at: String,
    code: String,
    text: String,
}

/// Whether a line shows a source line: `12 | text`.
fn is_gutter(line: &str) -> bool {
    line.split_once(" |")
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The diagnostics in a command's stderr. Each starts with `LOCATION: error[MB0301]: ` (or
/// `warning[…]`) and runs over its indented and `N |` lines.
fn diagnostics(stderr: &str) -> Vec<Printed> {
    let mut out: Vec<Printed> = Vec::new();
    let mut open = false;
    for line in stderr.lines() {
        let header = [": error[MB", ": warning[MB"]
            .iter()
            .find_map(|m| line.find(m).map(|i| (i, m.len())));
        match header {
            Some((i, len)) => {
                let code = &line[i + len - 2..];
                out.push(Printed {
                    at: line[..i].to_string(),
                    code: code[..code.find(']').unwrap_or(0)].to_string(),
                    text: line.to_string(),
                });
                open = true;
            }
            // The source line, caret and help are indented or start `N |`; a summary is not.
            None if !(line.starts_with(' ') || is_gutter(line)) => open = false,
            None if open => {
                let last = out.last_mut().expect("open after a header");
                last.text.push('\n');
                last.text.push_str(line);
            }
            None => {}
        }
    }
    out
}

fn apply(root: &Path, change: &Change) -> Result<(), String> {
    match *change {
        Change::Write(path, text) => write(root, path, text),
        Change::WriteBytes(path, bytes) => write(root, path, bytes),
        Change::Replace(path, from, to) => {
            let text =
                std::fs::read_to_string(root.join(path)).map_err(|e| format!("{path}: {e}"))?;
            if !text.contains(from) {
                return Err(format!("{path} has no {from:?}"));
            }
            write(root, path, text.replacen(from, to, 1));
        }
        Change::CopyFromRepository(from, to) => copy_tree(&repo().join(from), &root.join(to)),
        Change::Link(path, target) => {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::os::unix::fs::symlink(target, p).expect("symlink");
        }
        Change::Remove(path) => {
            let p = root.join(path);
            if p.is_dir() {
                std::fs::remove_dir_all(p).expect("remove folder");
            } else {
                std::fs::remove_file(p).expect("remove file");
            }
        }
    }
    Ok(())
}

/// Makes the example of `code` and returns the diagnostic of that code it printed, or why
/// it did not.
fn make(code: Code) -> Result<Option<String>, String> {
    let Example::Site {
        fixture: name,
        changes,
        run,
        at,
    } = code.entry().example
    else {
        return Ok(None);
    };
    let site = fixture(name);
    for change in changes {
        apply(site.path(), change).map_err(|e| format!("{}: {e}", code.id()))?;
    }
    // In the site's folder, as people run it: the files a command names are found there.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(run)
        .arg("--root")
        .arg(site.path())
        .current_dir(site.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run minhbach");
    // Paths outside the content (the output folder) are printed whole: show them from the
    // site's folder, as a reader who runs the command in it sees them.
    let root = site.path().display().to_string();
    let err = stderr(&o)
        .replace(&format!("{root}/"), "")
        .replace(&root, ".");
    if err.contains("panicked") {
        return Err(format!("minhbach panicked:\n{err}"));
    }
    let id = code.id();
    let found = diagnostics(&err)
        .into_iter()
        .find(|d| d.code == id && (d.at == at || d.at.starts_with(&format!("{at}:"))));
    match found {
        Some(d) => {
            let severity_ok = if d.text.contains(&format!(": error[{id}]")) {
                code.entry().level.allows(minhbach::error::Severity::Error)
            } else {
                code.entry()
                    .level
                    .allows(minhbach::error::Severity::Warning)
            };
            if !severity_ok {
                return Err(format!(
                    "{id} is reported with another severity:\n{}",
                    d.text
                ));
            }
            Ok(Some(d.text))
        }
        None => Err(format!(
            "{id} ({}) is not reported at {at}; `minhbach {}` printed:\n{err}",
            code.entry().title,
            run.join(" ")
        )),
    }
}

/// Every example reports its code where it says, and the reference page shows those runs.
#[test]
fn every_code_is_made_by_its_example_and_the_page_shows_it() {
    let mut seen = BTreeMap::new();
    let mut failures = Vec::new();
    for &code in Code::ALL {
        match make(code) {
            Ok(Some(text)) => {
                seen.insert(code, text);
            }
            Ok(None) => {}
            Err(why) => failures.push(why),
        }
    }
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    let page = minhbach::reference::error_codes(&seen);
    let path = repo().join("docs/reference/error-codes.md");
    if std::env::var_os("MINHBACH_BLESS").is_some() {
        std::fs::write(&path, &page).expect("write the page");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == page,
        "docs/reference/error-codes.md is not what the examples print; run\n  \
         MINHBACH_BLESS=1 cargo test --test codes"
    );
}

/// A code without an example says why; none is left out silently.
#[test]
fn every_code_has_an_example_or_says_why_not() {
    for &code in Code::ALL {
        match code.entry().example {
            Example::Site { run, .. } => {
                assert!(!run.is_empty(), "{code}: the example runs no command")
            }
            Example::Elsewhere(why) => {
                assert!(why.len() > 20, "{code}: say why it has no example")
            }
        }
    }
}

/// The code is in the terminal listing and in the JSON of `check`.
#[test]
fn check_prints_the_code_in_text_and_json() {
    let site = fixture("basic");
    edit(site.path(), "content/exemplars/nguyen-van-a.vi.md", |t| {
        t.replace("campaign: an-toan", "campaign: an-toàn")
    });
    let o = minhbach(site.path(), &["check", "--now", NOW]);
    assert_error(
        &o,
        &["content/exemplars/nguyen-van-a.vi.md:5:11: error[MB0301]: unknown campaign"],
    );
    let o = minhbach(site.path(), &["check", "--now", NOW, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let d = v["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|d| d["severity"] == "error")
        .expect("the error");
    assert_eq!(d["code"], "MB0301", "{d}");
}

/// MB0111 comes from the environment, not from a site's files.
#[test]
fn a_source_date_epoch_that_is_not_a_number_is_mb0111() {
    let site = fixture("basic");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["new", "page", "Tin tức", "--root"])
        .arg(site.path())
        .env("SOURCE_DATE_EPOCH", "abc")
        .output()
        .expect("run minhbach");
    assert_error(
        &o,
        &["SOURCE_DATE_EPOCH: error[MB0111]: SOURCE_DATE_EPOCH=\"abc\" is not a number"],
    );
}
