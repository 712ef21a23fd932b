//! The documentation as its readers use it: the README and every page under `docs/`.
//!
//! - The reference pages are what the code generates (`minhbach::reference`).
//! - Every relative link and image points at a file that exists, and every `#anchor` at a
//!   heading of that page, as a code host names headings. External addresses are not
//!   fetched (no network in CI); they are listed by `cargo test --test docs -- --nocapture`.
//! - Every fenced `sh` block runs, in order, in a scratch copy of the bundled site, with
//!   `minhbach` being this build's binary and `cargo run [--release] --` standing for it.
//!   A block whose info string says `sh no-run` is shown only; each says why next to it
//!   (`no_run_blocks_say_why`). A block that starts `serve` or `edit` must still be running
//!   and have printed its address after a few seconds; it is then stopped.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/site.rs"]
mod support_site;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every markdown file under docs/, repository-relative, sorted.
fn pages() -> Vec<PathBuf> {
    let mut out = vec![PathBuf::from("README.md")];
    for e in walkdir::WalkDir::new(repo().join("docs")).sort_by_file_name() {
        let e = e.expect("walk docs");
        if e.path().extension().is_some_and(|x| x == "md") {
            out.push(e.path().strip_prefix(repo()).expect("inside").to_path_buf());
        }
    }
    out
}

fn read(page: &Path) -> String {
    std::fs::read_to_string(repo().join(page)).unwrap_or_else(|e| panic!("{page:?}: {e}"))
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

#[test]
fn reference_pages_are_what_the_code_generates() {
    for (name, text) in minhbach::reference::pages() {
        let path = repo().join("docs/reference").join(&name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "docs/reference/{name} is not what the code generates; run\n  \
             cargo run -- schemas --out docs/schemas --reference docs/reference"
        );
    }
}

/// The anchor a code host (GitHub, GitLab, Gitea) gives a heading: the text lowercased,
/// everything but letters, digits, spaces, `-` and `_` dropped, spaces as `-`; a repeated
/// anchor gets `-1`, `-2`, ….
fn anchors(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(text, Options::all()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let h = heading.take().unwrap_or_default();
                let base: String = h
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect();
                let n = seen.entry(base.clone()).or_insert(0);
                out.insert(if *n == 0 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                });
                *n += 1;
            }
            _ => {}
        }
    }
    // Explicit anchors: <a id="…"> / <a name="…">.
    for part in text.split("<a ").skip(1) {
        for attr in ["id=\"", "name=\""] {
            if let Some(rest) = part.split('>').next().and_then(|t| t.split(attr).nth(1)) {
                out.insert(rest.split('"').next().unwrap_or("").to_string());
            }
        }
    }
    out
}

/// Every link and image address of a page, with its line.
fn links(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                out.push((dest_url.to_string(), line_of(text, range.start)));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for attr in ["href=\"", "src=\""] {
                    for part in html.split(attr).skip(1) {
                        let url = part.split('"').next().unwrap_or("");
                        out.push((url.to_string(), line_of(text, range.start)));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[test]
fn every_link_and_anchor_in_the_docs_resolves() {
    let mut problems = Vec::new();
    let mut external = BTreeSet::new();
    let mut checked = 0;
    for page in pages() {
        let text = read(&page);
        let dir = page.parent().unwrap_or(Path::new("")).to_path_buf();
        for (url, line) in links(&text) {
            if url.contains("://") || url.starts_with("mailto:") {
                external.insert(url);
                continue;
            }
            checked += 1;
            let (path, fragment) = match url.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (url.clone(), None),
            };
            let target = if path.is_empty() {
                page.clone()
            } else {
                normalize(&dir.join(percent_decode(&path)))
            };
            let full = repo().join(&target);
            if target.starts_with("..") || !full.exists() {
                problems.push(format!("{}:{line}: {url}: no such file", page.display()));
                continue;
            }
            if let Some(fragment) = fragment {
                if full.extension().is_some_and(|x| x == "md") {
                    let have = anchors(&read(&target));
                    if !have.contains(&percent_decode(&fragment)) {
                        problems.push(format!(
                            "{}:{line}: {url}: no heading with the anchor #{fragment} in {}",
                            page.display(),
                            target.display()
                        ));
                    }
                }
            }
        }
    }
    println!("{checked} relative links checked; external, not fetched:");
    for url in &external {
        println!("  {url}");
    }
    assert!(checked > 0, "no links found: the test reads nothing");
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

/// `a/b/../c` → `a/c`, keeping a leading `..` (which then fails the check).
fn normalize(p: &Path) -> PathBuf {
    let mut out: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                if out.pop().is_none() {
                    out.push("..".into());
                }
            }
            std::path::Component::CurDir => {}
            other => out.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    out.iter().collect()
}

/// A fenced code block: its page, line, info string and text.
struct Block {
    page: PathBuf,
    line: usize,
    info: String,
    text: String,
}

fn blocks() -> Vec<Block> {
    let mut out = Vec::new();
    for page in pages() {
        let text = read(&page);
        let mut current: Option<Block> = None;
        for (event, range) in Parser::new_ext(&text, Options::all()).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    current = Some(Block {
                        page: page.clone(),
                        line: line_of(&text, range.start),
                        info: info.to_string(),
                        text: String::new(),
                    })
                }
                Event::Text(t) => {
                    if let Some(b) = current.as_mut() {
                        b.text.push_str(&t);
                    }
                }
                Event::End(TagEnd::CodeBlock) => out.extend(current.take()),
                _ => {}
            }
        }
    }
    out
}

fn is_shell(info: &str) -> bool {
    matches!(
        info.split_whitespace().next(),
        Some("sh" | "bash" | "shell" | "console")
    )
}

#[test]
fn no_run_blocks_say_why() {
    for b in blocks().iter().filter(|b| is_shell(&b.info)) {
        assert!(
            matches!(b.info.split_whitespace().next(), Some("sh")),
            "{}:{}: write shell blocks as ```sh (run by this test) or ```sh no-run",
            b.page.display(),
            b.line
        );
        if b.info.contains("no-run") {
            assert!(
                b.text.lines().next().is_some_and(|l| l.starts_with("# ")),
                "{}:{}: a `sh no-run` block starts with a comment saying why it is not run in CI",
                b.page.display(),
                b.line
            );
        }
    }
}

/// A folder with `minhbach` (this build) and a `cargo` that runs it for `cargo run [--release]
/// -- …`, first on PATH.
fn tool_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = env!("CARGO_BIN_EXE_minhbach");
    let minhbach = dir.path().join("minhbach");
    std::os::unix::fs::symlink(bin, &minhbach).expect("link");
    let cargo = dir.path().join("cargo");
    std::fs::write(
        &cargo,
        format!(
            "#!/bin/sh\n# cargo run [--release] -- ARGS stands for this build's minhbach ARGS.\n\
             [ \"$1\" = run ] || {{ echo \"docs test: only 'cargo run' is stood in for: $*\" >&2; exit 97; }}\n\
             shift\n[ \"$1\" = --release ] && shift\n[ \"$1\" = -- ] && shift\n\
             exec {bin:?} \"$@\"\n"
        ),
    )
    .expect("write");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    dir
}

/// A scratch copy of the repository's site: settings, content, theme and static files.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["content", "themes", "static"] {
        if repo().join(part).exists() {
            support_site::copy_tree(&repo().join(part), &dir.path().join(part));
        }
    }
    std::fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).expect("copy");
    dir
}

#[test]
fn every_shell_command_in_the_docs_runs() {
    let tools = tool_dir();
    let path = format!(
        "{}:{}",
        tools.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    let mut failures = Vec::new();
    // One scratch site per page: a page's blocks build on each other, in order.
    let mut by_page: BTreeMap<PathBuf, Vec<Block>> = BTreeMap::new();
    for b in blocks() {
        if is_shell(&b.info) && !b.info.contains("no-run") {
            by_page.entry(b.page.clone()).or_default().push(b);
        }
    }
    for (page, blocks) in by_page {
        let site = scratch();
        for b in blocks {
            ran += 1;
            let long = b.text.lines().any(|l| {
                l.trim_start().starts_with("minhbach serve") || l.contains("minhbach edit")
            });
            let mut child = Command::new("bash")
                .args(["-euo", "pipefail", "-c", &b.text])
                .current_dir(site.path())
                .env("PATH", &path)
                .env("HOME", site.path())
                .env("MINHBACH_NO_OPEN", "1")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("run bash");
            let started = Instant::now();
            let limit = if long {
                Duration::from_secs(8)
            } else {
                Duration::from_secs(120)
            };
            let status = loop {
                if let Some(s) = child.try_wait().expect("wait") {
                    break Some(s);
                }
                if started.elapsed() > limit {
                    break None;
                }
                std::thread::sleep(Duration::from_millis(50));
            };
            let where_ = format!("{}:{} ({})", page.display(), b.line, b.info);
            match status {
                Some(s) if s.success() => {}
                Some(_) => {
                    let out = child.wait_with_output().expect("output");
                    failures.push(format!(
                        "{where_}: failed\n{}\n--- stdout\n{}\n--- stderr\n{}",
                        b.text,
                        String::from_utf8_lossy(&out.stdout),
                        String::from_utf8_lossy(&out.stderr)
                    ));
                }
                None => {
                    // Still running: right for a server, wrong for anything else.
                    let _ = Command::new("pkill")
                        .args(["-TERM", "-P", &child.id().to_string()])
                        .status();
                    let _ = child.kill();
                    let out = child.wait_with_output().expect("output");
                    let said = String::from_utf8_lossy(&out.stdout).to_string()
                        + &String::from_utf8_lossy(&out.stderr);
                    if !long || !said.contains("http://127.0.0.1:") {
                        failures.push(format!(
                            "{where_}: still running after {limit:?}\n{}\n{said}",
                            b.text
                        ));
                    }
                }
            }
        }
    }
    println!("{ran} shell blocks ran");
    assert!(ran > 0, "no shell blocks found: the test runs nothing");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
