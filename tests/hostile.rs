//! Hostile and broken input (issue 6): every case ends in a clear error or a safe page, never
//! a crash, and nothing outside the site root is read or published. Large and broken files
//! are made at test time in temporary folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

// ---------------------------------------------------------------------------------------
// A minimal HTML tokenizer: enough to tell real tags and attributes from escaped text.

#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    /// The raw text of `<script>`, `<style>`, `<title>` and `<textarea>`.
    body: Option<String>,
}

fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        match b.get(i) {
            Some(b'!') => {
                let end = if html[i..].starts_with("!--") {
                    "-->"
                } else {
                    ">"
                };
                i += html[i..]
                    .find(end)
                    .map_or(html.len() - i, |e| e + end.len());
                continue;
            }
            Some(c) if c.is_ascii_alphabetic() => {}
            _ => continue,
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let s = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>') {
                i += 1;
            }
            let attr = html[s..i].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(i) == Some(&b'=') {
                i += 1;
                if let Some(&q) = b.get(i).filter(|q| matches!(q, b'"' | b'\'')) {
                    let e = html[i + 1..].find(q as char).map_or(b.len(), |e| i + 1 + e);
                    value = html[i + 1..e].to_string();
                    i = e + 1;
                } else {
                    let s = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[s..i].to_string();
                }
            }
            attrs.push((attr, value));
        }
        let mut body = None;
        if ["script", "style", "title", "textarea"].contains(&name.as_str()) {
            let close = format!("</{name}");
            let rest = html[i.min(html.len())..].to_ascii_lowercase();
            let e = rest.find(&close).unwrap_or(rest.len());
            body = Some(html[i..i + e].to_string());
            i += e;
        }
        out.push(Tag { name, attrs, body });
    }
    out
}

/// What a browser would see as the scheme of a URL attribute.
fn scheme_of(value: &str) -> String {
    let decoded = value
        .replace("&colon;", ":")
        .replace("&#58;", ":")
        .replace("&#x3a;", ":")
        .replace("&#x3A;", ":");
    let clean: String = decoded
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    clean.split(':').next().unwrap_or("").to_string()
}

/// Nothing in `html` runs script or needs `unsafe-inline` under the site's CSP: no event
/// handlers, no style attributes or elements, no inline executable script, no frames or
/// plugins, no javascript:/data:/vbscript: URLs.
fn assert_safe_html(what: &str, html: &str) {
    for t in tags(html) {
        let attr = |n: &str| {
            t.attrs
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.as_str())
        };
        assert!(
            !matches!(
                t.name.as_str(),
                "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base" | "style"
            ),
            "{what}: <{}> element: {t:?}",
            t.name
        );
        if t.name == "meta" {
            assert!(attr("http-equiv").is_none(), "{what}: {t:?}");
        }
        if t.name == "script" {
            let body = t.body.as_deref().unwrap_or("");
            match attr("type") {
                Some("application/ld+json") => {
                    assert!(!body.contains('<'), "{what}: JSON-LD with <: {body}");
                    serde_json::from_str::<serde_json::Value>(body)
                        .unwrap_or_else(|e| panic!("{what}: JSON-LD is not JSON ({e}): {body}"));
                }
                Some("module") => assert!(
                    attr("src").is_some_and(|s| s.ends_with("search.js")) && body.is_empty(),
                    "{what}: inline or foreign module script: {t:?}"
                ),
                _ => panic!("{what}: executable script: {t:?}"),
            }
        }
        if t.name == "title" || t.name == "textarea" {
            assert!(
                !t.body.as_deref().unwrap_or("").contains('<'),
                "{what}: {t:?}"
            );
        }
        for (k, v) in &t.attrs {
            assert!(!k.starts_with("on"), "{what}: event handler {k}: {t:?}");
            assert!(k != "style", "{what}: style attribute: {t:?}");
            if [
                "href",
                "src",
                "action",
                "formaction",
                "xlink:href",
                "srcset",
                "poster",
                "data",
                "background",
                "cite",
            ]
            .contains(&k.as_str())
            {
                let scheme = scheme_of(v);
                assert!(
                    !["javascript", "vbscript", "data"].contains(&scheme.as_str()),
                    "{what}: {k}={v:?} in {t:?}"
                );
            }
        }
    }
}

fn files_with_ext(dir: &Path, ext: &str) -> Vec<(PathBuf, String)> {
    tree(dir)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == ext))
        .map(|(p, b)| (p, String::from_utf8(b).expect("UTF-8 output")))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Raw HTML and XSS payloads in markdown, front matter and data YAML.

#[test]
fn xss_payloads_never_reach_a_page_as_markup() {
    let site = fixture("hostile");
    assert_ok(&build(site.path(), &[]));
    let public = site.path().join("public");
    let pages = files_with_ext(&public, "html");
    assert!(pages.len() > 20, "{}", pages.len());
    for (path, html) in &pages {
        assert_safe_html(&path.display().to_string(), html);
    }
    // The payloads are there, as text.
    let all: String = pages.iter().map(|(_, h)| h.as_str()).collect();
    assert!(
        all.contains("&lt;script&gt;alert(") && all.contains("onerror=alert("),
        "payloads should be shown as text"
    );
    // Harmless markup from the body survives sanitizing.
    let page = read(site.path(), "phong-trao/xss/index.html");
    assert!(
        page.contains("<abbr title=\"Ủy ban nhân dân\">UBND</abbr>"),
        "{page}"
    );
    assert!(page.contains("<th colspan=\"2\">Bảng</th>"), "{page}");
    assert!(page.contains("<b>đậm</b>"), "{page}");
    // JSON-LD keeps the title, escaped so HTML never sees a `<`.
    let ld = tags(&page)
        .into_iter()
        .find(|t| t.name == "script" && t.body.is_some())
        .and_then(|t| t.body)
        .expect("JSON-LD");
    assert!(ld.contains("\\u003cscript\\u003ealert('title')"), "{ld}");

    // Feeds and the sitemap are well-formed XML; HTML inside feed entries is safe too.
    for (path, xml) in files_with_ext(&public, "xml") {
        let doc = roxmltree::Document::parse(&xml)
            .unwrap_or_else(|e| panic!("{}: not XML: {e}", path.display()));
        for n in doc.descendants().filter(|n| n.is_element()) {
            assert_ne!(n.tag_name().name(), "script", "{}", path.display());
            if n.attribute("type") == Some("html") {
                assert_safe_html(&path.display().to_string(), n.text().unwrap_or(""));
            }
        }
    }
    // The search index and the open data JSON parse; they carry text, not markup.
    for (path, json) in files_with_ext(&public, "json") {
        serde_json::from_str::<serde_json::Value>(&json)
            .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
    }
    // CSV: text that a spreadsheet would evaluate is defused; numbers stay numbers.
    let csvs: String = files_with_ext(&public, "csv")
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert!(csvs.contains(",'=cmd|' /C calc'!A0"), "{csvs}");
    assert!(csvs.contains("'=HYPERLINK("), "{csvs}");
    assert!(csvs.contains("'+note"), "{csvs}");
    assert!(csvs.contains(",-5,"), "{csvs}");
    // Also where a spreadsheet set to another list separator (`;` in Vietnamese Windows,
    // tab) or a careless import splits the cell: no piece but a number starts a formula.
    assert!(csvs.contains(";'=HYPERLINK("), "{csvs}");
    for piece in csvs.split([',', ';', '\t', '\n', '\r']) {
        let cell = piece.trim_start_matches(['"', ' ', '\u{feff}']);
        assert!(
            !cell.starts_with(['=', '+', '-', '@']) || cell.parse::<f64>().is_ok(),
            "formula cell {cell:?} in {piece:?}"
        );
    }
}

#[test]
fn raw_html_passes_only_when_site_yaml_opts_in() {
    let site = fixture("hostile");
    assert_ok(&build(site.path(), &[]));
    let page = read(site.path(), "phong-trao/xss/index.html");
    assert!(!page.contains("<iframe") && !page.contains("alert('body')"));
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    write(
        site.path(),
        "site.yaml",
        format!("{yaml}markdown: {{ unsafe_html: true }}\n"),
    );
    assert_ok(&build(site.path(), &[]));
    let page = read(site.path(), "phong-trao/xss/index.html");
    assert!(
        page.contains("<iframe src=\"https://evil.example/\"></iframe>")
            && page.contains("<script>alert('body')</script>"),
        "{page}"
    );
    // Markdown links with script addresses are errors, not pages.
    write(
        site.path(),
        "content/pages/lien-ket.vi.md",
        "---\ntitle: \"L\"\n---\n[a](javascript:alert('md')) ![b](data:image/png;base64,AAAA)\n",
    );
    assert_error(
        &build(site.path(), &[]),
        &[
            "content/pages/lien-ket.vi.md:4:1: error[MB0509]: link \"javascript:alert('md')\" is not an address a reader can safely open",
            "content/pages/lien-ket.vi.md:4:29: error[MB0509]: image \"data:image/png;base64,AAAA\" is not an address a reader can safely open",
        ],
    );
    std::fs::remove_file(site.path().join("content/pages/lien-ket.vi.md")).expect("rm");
    // Front matter stays escaped whatever the setting.
    assert!(!page.contains("<script>alert('title')"), "{page}");
    write(
        site.path(),
        "site.yaml",
        format!("{yaml}markdown: {{ unsafe_htm: true }}\n"),
    );
    assert_error(
        &build(site.path(), &[]),
        &["unknown field \"unsafe_htm\"", "unsafe_html"],
    );
}

/// The CSP in docs/deploy/ allows no inline script or style: the bundled site must need none.
#[test]
fn bundled_site_works_under_a_strict_csp() {
    let out = tempfile::tempdir().expect("temp dir");
    let dest = out.path().join("site");
    let o = minhbach(
        &repo(),
        &[
            "build",
            "--now",
            "2022-12-31",
            "--output",
            &dest.to_string_lossy(),
        ],
    );
    assert_ok(&o);
    let pages = files_with_ext(&dest, "html");
    assert!(pages.len() > 100, "{}", pages.len());
    for (path, html) in &pages {
        assert_safe_html(&path.display().to_string(), html);
    }
    for f in ["docs/deploy/_headers", "docs/deploy/nginx.conf"] {
        let text = std::fs::read_to_string(repo().join(f)).expect("deploy file");
        assert!(
            text.contains("default-src 'none'; script-src 'self'; style-src 'self'")
                && !text.contains("unsafe-inline")
                && text.contains("X-Content-Type-Options"),
            "{f}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Paths: nothing outside the site root is read or published.

#[test]
fn paths_above_the_site_root_are_errors() {
    let site = fixture("basic");
    let root = site.path();
    let c = std::fs::read_to_string(root.join("content/campaigns/an-toan.vi.md")).expect("r");
    write(
        root,
        "content/campaigns/an-toan.vi.md",
        format!("{c}\n[mật khẩu](/../../etc/passwd) ![x](../../../../../etc/hostname)\n\n[f](file:///etc/passwd)\n"),
    );
    let x = std::fs::read_to_string(root.join("content/exemplars/nguyen-van-a.vi.md")).expect("r");
    write(
        root,
        "content/exemplars/nguyen-van-a.vi.md",
        x.replacen("award:", "photo: /../secret.jpg\naward:", 1),
    );
    let d = std::fs::read_to_string(root.join("content/data/documents.yaml")).expect("r");
    write(
        root,
        "content/data/documents.yaml",
        d.replacen(
            "  summary: { vi: \"Phát động",
            "  file: \"/..\\\\..\\\\x.pdf\"\n  summary: { vi: \"Phát động",
            1,
        ),
    );
    let err = assert_error(
        &build(root, &[]),
        &[
            "content/campaigns/an-toan.vi.md:10:1: error[MB0510]: link \"/../../etc/passwd\" points outside the site",
            "content/campaigns/an-toan.vi.md:10:31: error[MB0510]: image \"../../../../../etc/hostname\" points outside the site",
            "content/exemplars/nguyen-van-a.vi.md: error[MB0510]: photo \"/../secret.jpg\" points outside the site",
            "content/data/documents.yaml: error[MB0510]: \"ct-12\": file \"/..\\..\\x.pdf\" points outside the site",
        ],
    );
    assert!(!root.join("public").exists(), "{err}");
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_errors_and_nothing_outside_is_copied() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("temp dir");
    write(outside.path(), "secret.txt", "TOP-SECRET-OUTSIDE");
    write(
        outside.path(),
        "trang.vi.md",
        "---\ntitle: \"TOP-SECRET-PAGE\"\n---\nx\n",
    );
    let site = fixture("basic");
    let root = site.path();
    std::fs::create_dir_all(root.join("static/ok")).expect("mkdir");
    symlink(
        outside.path().join("secret.txt"),
        root.join("static/leak.txt"),
    )
    .expect("ln");
    symlink(outside.path(), root.join("static/ok/dir")).expect("ln");
    symlink(
        outside.path().join("trang.vi.md"),
        root.join("content/pages/trang.vi.md"),
    )
    .expect("ln");
    symlink(root.join("nowhere"), root.join("static/dangling.txt")).expect("ln");
    let err = assert_error(
        &build(root, &[]),
        &[
            "static/leak.txt: error[MB0212]: this is a symbolic link to a place outside the site folder",
            "static/ok/dir: error[MB0212]: this is a symbolic link to a place outside the site folder",
            "content/pages/trang.vi.md: error[MB0212]: this is a symbolic link to a place outside the site folder",
            "static/dangling.txt: error[MB0211]: this is a symbolic link that leads nowhere",
        ],
    );
    assert!(!err.contains("TOP-SECRET"), "{err}");
    assert!(!root.join("public").exists());

    // A whole static/ folder that is a link out of the site is refused too.
    let site = fixture("basic");
    symlink(outside.path(), site.path().join("static")).expect("ln");
    assert_error(
        &build(site.path(), &[]),
        &["static: error[MB0212]: this is a symbolic link to a place outside the site folder"],
    );

    // Links that stay inside the site are followed.
    let site = fixture("basic");
    write(site.path(), "files/a.txt", "INSIDE");
    std::fs::create_dir_all(site.path().join("static")).expect("mkdir");
    symlink(
        site.path().join("files/a.txt"),
        site.path().join("static/a.txt"),
    )
    .expect("ln");
    assert_ok(&build(site.path(), &[]));
    assert_eq!(read(site.path(), "a.txt"), "INSIDE");
}

#[test]
fn a_theme_name_cannot_leave_the_themes_folder() {
    let site = fixture("basic");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    write(
        site.path(),
        "site.yaml",
        format!("theme: \"../../etc\"\n{yaml}"),
    );
    assert_error(
        &build(site.path(), &[]),
        &["site.yaml:1:9: error[MB0106]: theme \"../../etc\" is not a theme name"],
    );
}

// ---------------------------------------------------------------------------------------
// The output folder.

#[test]
fn refuses_output_folders_that_are_not_builds() {
    let site = fixture("basic");
    let root = site.path();
    let root_s = root.to_string_lossy().to_string();
    let home = tempfile::tempdir().expect("temp dir");
    for (out, why) in [
        (root_s.clone(), "it is the site folder or contains it"),
        (
            format!("{root_s}/.."),
            "it is the site folder or contains it",
        ),
        ("/".to_string(), "it is the root of the file system"),
        (format!("{root_s}/content"), "it is inside content/"),
        (format!("{root_s}/static/x"), "it is inside static/"),
        (
            home.path().to_string_lossy().to_string(),
            "it is your home folder",
        ),
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args([
                "build", "--now", NOW, "--force", "--root", &root_s, "--output", &out,
            ])
            .env("HOME", home.path())
            .output()
            .expect("run");
        assert_error(
            &o,
            &[&format!(
                "{out}: error[MB0607]: refusing to build into this folder: {why}"
            )],
        );
    }
    assert!(root.join("content/campaigns/an-toan.vi.md").is_file());

    // A folder with someone's files in it: refused, unless --force.
    write(root, "public/keep.txt", "mine");
    assert_error(
        &build(root, &[]),
        &[
            "it is not empty and no earlier build made it (it has no .minhbach-output file)",
            "pass --force",
        ],
    );
    assert!(root.join("public/keep.txt").is_file());
    assert_ok(&build(root, &["--force"]));
    assert!(!root.join("public/keep.txt").exists());
    assert!(root.join("public/.minhbach-output").is_file());
    // Once a build made it, the next build replaces it without --force.
    assert_ok(&build(root, &[]));
    // An empty folder is fine too.
    let empty = tempfile::tempdir().expect("temp dir");
    let out = empty.path().to_string_lossy().to_string();
    assert_ok(&build(root, &["--output", &out]));
}

#[test]
fn stale_folders_of_a_killed_build_do_not_break_the_next_one() {
    let site = fixture("basic");
    let root = site.path();
    write(root, ".public.minhbach-new/half.html", "half a build");
    write(root, ".public.minhbach-old/.minhbach-output", "");
    assert_ok(&build(root, &[]));
    assert!(!root.join(".public.minhbach-new").exists());
    assert!(!root.join(".public.minhbach-old").exists());
    assert!(root.join("public/index.html").is_file());
    assert!(!root.join("public/half.html").exists());
}

/// Hash of every file, so a comparison failure prints something readable.
fn digest(dir: &Path) -> BTreeMap<PathBuf, (usize, u64)> {
    use std::hash::{Hash, Hasher};
    tree(dir)
        .into_iter()
        .map(|(p, b)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            b.hash(&mut h);
            (p, (b.len(), h.finish()))
        })
        .collect()
}

/// kill -9 at many moments of a build of a changed site: `public/` is always either the
/// previous build or the new one, whole, never a mix or missing.
#[cfg(unix)]
#[test]
fn kill_9_during_a_build_leaves_the_previous_public_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    let o = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args(["--items", "200", "--seed", "7", "--out"])
        .arg(&root)
        .output()
        .expect("gen-corpus");
    assert!(o.status.success(), "{}", stderr(&o));
    let build_args = ["build", "--now", "2026-01-01"];
    assert_ok(&minhbach(&root, &build_args));
    let public = root.join("public");
    let first = digest(&public);
    // Change the site; build the changed site elsewhere to know the complete new output.
    let page = walkdir::WalkDir::new(root.join("content/pages"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_type().is_file())
        .expect("a page");
    let text = std::fs::read_to_string(page.path()).expect("read");
    std::fs::write(page.path(), format!("{text}\nĐã sửa.\n")).expect("write");
    let other = dir.path().join("second");
    let mut args = build_args.to_vec();
    let other_s = other.to_string_lossy().to_string();
    args.extend(["--output", &other_s]);
    assert_ok(&minhbach(&root, &args));
    let second = digest(&other);
    assert_ne!(first, second);

    let tmp = root.join(".public.minhbach-new");
    let (mut mid_write, mut before_write, mut finished) = (0, 0, 0);
    // Kill while rendering (a fixed delay) and while writing (delays after the temporary
    // folder appears), including the last moments around the swap.
    let plans: Vec<(bool, u64)> = [(false, 150), (false, 600)]
        .into_iter()
        .chain([0, 0, 1, 2, 5, 10, 20, 40, 80, 160].map(|d| (true, d)))
        .collect();
    for (wait_for_tmp, delay_ms) in plans {
        let mut child = Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args(build_args)
            .arg("--root")
            .arg(&root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        let started = Instant::now();
        if wait_for_tmp {
            while !tmp.exists()
                && started.elapsed() < Duration::from_secs(60)
                && child.try_wait().expect("wait").is_none()
            {
                std::thread::sleep(Duration::from_micros(200));
            }
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        let writing = tmp.exists();
        child.kill().expect("kill -9"); // SIGKILL on Unix
        let status = child.wait().expect("wait");
        let now = digest(&public);
        if status.success() {
            finished += 1;
            assert_eq!(now, second, "a finished build must leave the new site");
        } else {
            if writing {
                mid_write += 1;
            } else {
                before_write += 1;
            }
            assert!(
                now == first || now == second,
                "public/ is neither the previous site nor the new one after a kill \
                 ({wait_for_tmp}, {delay_ms} ms): {} files vs {}",
                now.len(),
                first.len()
            );
        }
    }
    eprintln!(
        "kill -9: {before_write} before writing, {mid_write} while writing, {finished} finished"
    );
    assert!(
        mid_write >= 3,
        "too few kills landed while writing: {mid_write}"
    );
    // The next build cleans up and completes.
    assert_ok(&minhbach(&root, &build_args));
    assert_eq!(digest(&public), second);
    assert!(!tmp.exists());
}

// ---------------------------------------------------------------------------------------
// Broken and extreme input files.

#[test]
fn an_empty_file_and_a_file_with_only_front_matter() {
    let site = fixture("basic");
    let root = site.path();
    write(root, "content/pages/rong.vi.md", "");
    assert_error(
        &build(root, &[]),
        &["content/pages/rong.vi.md:1:1: error[MB0214]: the file must start with front matter"],
    );
    // Only front matter, not even a line end after it: a page with no text.
    write(
        root,
        "content/pages/rong.vi.md",
        "---\ntitle: \"Chỉ có tiêu đề\"\n---",
    );
    // An empty data file means no entries.
    write(root, "content/data/events.yaml", "");
    assert_ok(&build(root, &[]));
    assert!(read(root, "rong/index.html").contains("Chỉ có tiêu đề"));
}

#[test]
fn bom_crlf_and_nfd_are_normalized_and_lines_still_point_right() {
    let site = fixture("basic");
    let root = site.path();
    // NFD: "Tiếng Việt" with combining marks, in the text and in the file name.
    let nfd_title = "Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t";
    let nfd_name = "Ta\u{0300}i lie\u{0323}\u{0302}u";
    write(
        root,
        &format!("content/pages/{nfd_name}.vi.md"),
        format!(
            "\u{feff}---\r\ntitle: \"{nfd_title}\"\r\n---\r\nDòng một\r\n\r\n## {nfd_title}\r\n"
        ),
    );
    assert_ok(&build(root, &[]));
    let page = read(root, "tai-lieu/index.html");
    assert!(
        page.contains("<h1>Tiếng Việt</h1>") || page.contains(">Tiếng Việt<"),
        "{page}"
    );
    assert!(
        page.contains("<h2 id=\"tieng-viet\">Tiếng Việt</h2>"),
        "{page}"
    );
    assert!(!page.contains('\r') && !page.contains('\u{feff}') && !page.contains('\u{0302}'));
    // A mistake on line 3 of a BOM + CRLF file is reported on line 3.
    write(
        root,
        &format!("content/pages/{nfd_name}.vi.md"),
        "\u{feff}---\r\ntitle: \"A\"\r\ntitel: \"B\"\r\n---\r\n",
    );
    assert_error(
        &build(root, &[]),
        &[&format!(
            "content/pages/{nfd_name}.vi.md:3:1: error[MB0220]: unknown field \"titel\""
        )],
    );
}

#[test]
fn invalid_utf8_names_the_file_and_the_byte_offset() {
    let site = fixture("basic");
    let root = site.path();
    write(
        root,
        "content/pages/hong.vi.md",
        b"---\ntitle: \"A\xff\"\n---\n".as_slice(),
    );
    write(root, "content/data/units.yaml", b"\xc3(".as_slice());
    assert_error(
        &build(root, &[]),
        &[
            "content/pages/hong.vi.md:2:10: error[MB0208]: the file is not UTF-8 text: the byte at offset 13 is not valid UTF-8",
            "content/data/units.yaml:1:1: error[MB0208]: the file is not UTF-8 text: the byte at offset 0 is not valid UTF-8",
        ],
    );
}

#[test]
fn a_20_mb_markdown_file_builds() {
    let site = fixture("basic");
    let root = site.path();
    let mut body = String::with_capacity(21 << 20);
    let mut i = 0;
    while body.len() < 20 << 20 {
        // Equal headings on purpose: their ids must stay unique without quadratic work.
        body.push_str(&format!(
            "## Mục {}\n\nĐoạn {i} về **thi đua** và [phong trào](/phong-trao/an-toan/), \
             `mã`, _nghiêng_.\n\n- một\n- hai\n  - ba\n\n> trích dẫn\n\n| a | b |\n|---|---|\n| {i} | x |\n\n",
            i % 7
        ));
        i += 1;
    }
    body.push_str("CUỐI-TỆP\n");
    write(
        root,
        "content/pages/lon.vi.md",
        format!("---\ntitle: \"Tệp lớn\"\n---\n{body}"),
    );
    let started = Instant::now();
    assert_ok(&build(root, &[]));
    eprintln!("20 MB markdown page built in {:?}", started.elapsed());
    let page = read(root, "lon/index.html");
    assert!(page.contains("CUỐI-TỆP"));
    assert!(
        page.contains(&format!("id=\"muc-0-{}\"", i / 7)),
        "ids stay unique"
    );
}

#[test]
fn deeply_nested_lists_quotes_and_tags_do_not_crash() {
    let site = fixture("basic");
    let root = site.path();
    let depth = 5000;
    let quotes = format!("{} sâu\n", ">".repeat(depth));
    let lists: String = (0..depth)
        .map(|d| format!("{}- mức {d}\n", "  ".repeat(d)))
        .collect();
    let tags = format!("{}lõi{}\n", "<div>".repeat(depth), "</div>".repeat(depth));
    let emphasis = format!("{}x{}\n", "*".repeat(depth), "*".repeat(depth));
    write(
        root,
        "content/pages/sau.vi.md",
        format!(
            "---\ntitle: \"Sâu\"\n---\n{quotes}\n{lists}\n{tags}\n{emphasis}\n[{}]\n",
            "[".repeat(depth)
        ),
    );
    let o = build(root, &[]);
    assert_ok(&o);
    let page = read(root, "sau/index.html");
    assert!(page.contains("sâu") && page.contains("mức 4999") && page.contains("lõi"));
}

/// "Billion laughs": nine levels of nine aliases would expand to 9^9 strings.
fn alias_bomb(indent: &str) -> String {
    let mut s = format!(
        "{indent}a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let (prev, name) = (w[0], w[1]);
        s.push_str(&format!(
            "{indent}{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    s
}

#[test]
fn a_yaml_alias_bomb_is_an_error_not_a_hang() {
    let site = fixture("basic");
    let root = site.path();
    write(
        root,
        "content/pages/bom.vi.md",
        format!("---\ntitle: \"B\"\n{}---\n", alias_bomb("")),
    );
    write(
        root,
        "content/data/units.yaml",
        format!("- id: van-phong\n  name:\n{}", alias_bomb("    ")),
    );
    write(root, "site.yaml", {
        let yaml = std::fs::read_to_string(root.join("site.yaml")).expect("read");
        format!("{yaml}{}", alias_bomb(""))
    });
    let started = Instant::now();
    let o = build(root, &[]);
    assert_error(&o, &["site.yaml:"]);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    // Without the site.yaml bomb, both content bombs are reported.
    write(
        root,
        "site.yaml",
        std::fs::read_to_string(repo().join("tests/fixtures/basic/site.yaml")).expect("read"),
    );
    let o = build(root, &[]);
    assert_error(
        &o,
        &[
            "content/pages/bom.vi.md:3:1: error[MB0220]: unknown field \"a\"",
            "content/data/units.yaml:",
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn duplicate_yaml_keys_are_errors_with_their_line() {
    let site = fixture("basic");
    let root = site.path();
    write(
        root,
        "content/pages/trung.vi.md",
        "---\ntitle: \"A\"\nmenu: 2\ntitle: \"B\"\n---\n",
    );
    write(
        root,
        "content/data/units.yaml",
        "- id: van-phong\n  name: { vi: \"Văn phòng\", vi: \"Lặp\", en: \"Office\" }\n- id: thanh-tra\n  name: { vi: \"Thanh tra\", en: \"Inspectorate\" }\n",
    );
    assert_error(
        &build(root, &[]),
        &[
            "content/pages/trung.vi.md:4:1: error[MB0222]: duplicate field \"title\"",
            "content/data/units.yaml:2:",
            "duplicate",
        ],
    );
}

#[test]
fn a_day_that_does_not_exist_is_an_error_with_its_line() {
    let site = fixture("basic");
    let root = site.path();
    let x = std::fs::read_to_string(root.join("content/exemplars/nguyen-van-a.vi.md")).expect("r");
    write(
        root,
        "content/exemplars/nguyen-van-a.vi.md",
        x.replace("recognized: 2022-07-20", "recognized: 2022-02-30"),
    );
    let e = std::fs::read_to_string(root.join("content/data/events.yaml")).expect("r");
    write(
        root,
        "content/data/events.yaml",
        e.replace("date: 2022-03-12", "date: 2023-02-29"),
    );
    assert_error(
        &build(root, &[]),
        &[
            "content/exemplars/nguyen-van-a.vi.md:6:13: error[MB0401]: recognized: \"2022-02-30\": day 30 does not exist in month 2 of 2022",
            "content/data/events.yaml:5:9: error[MB0401]: entry 2 (id \"hop-thang-3\"), date: \"2023-02-29\": day 29 does not exist in month 2 of 2023",
            "help: dates are written YYYY-MM-DD",
        ],
    );
}

/// Every field has a page showing its campaigns with all their fields, so fields per
/// campaign are capped (output would grow with the square); 10,000 is a clear error.
#[test]
fn ten_thousand_fields_on_one_campaign_are_a_clear_error() {
    let site = fixture("basic");
    let root = site.path();
    let c = std::fs::read_to_string(root.join("content/campaigns/an-toan.vi.md")).expect("r");
    let with = |n: usize| {
        let fields: Vec<String> = (0..n).map(|i| format!("\"Lĩnh vực {i}\"")).collect();
        c.replace(
            "fields: [\"An ninh\"]",
            &format!("fields: [{}]", fields.join(", ")),
        )
    };
    write(root, "content/campaigns/an-toan.vi.md", with(10_000));
    let started = Instant::now();
    assert_error(
        &build(root, &[]),
        &["content/campaigns/an-toan.vi.md:5:1: error[MB0224]: 10000 entries in \"fields\" are too many; a campaign has at most 100"],
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    let long = "Lĩnh vực rất dài ".repeat(10);
    write(
        root,
        "content/campaigns/an-toan.vi.md",
        c.replace("fields: [\"An ninh\"]", &format!("fields: [\"{long}\"]")),
    );
    assert_error(
        &build(root, &[]),
        &["content/campaigns/an-toan.vi.md:5:1: error[MB0224]: a name in \"fields\" is 170 characters long (Lĩnh vực rất dài Lĩnh vực rất…); a field name has at most 100"],
    );
    write(root, "content/campaigns/an-toan.vi.md", with(100));
    assert_ok(&build(root, &[]));
    assert!(read(root, "phong-trao/an-toan/index.html").contains("Lĩnh vực 99"));
    assert!(read(root, "linh-vuc/linh-vuc-99/index.html").contains("An toàn"));
}

#[test]
fn very_long_titles_build_and_too_long_addresses_are_errors() {
    let site = fixture("basic");
    let root = site.path();
    let title = "Phong trào thi đua ".repeat(300);
    write(
        root,
        "content/pages/dai.vi.md",
        format!("---\ntitle: \"{title}\"\n---\nx\n"),
    );
    assert_ok(&build(root, &[]));
    assert!(read(root, "dai/index.html").contains(title.trim()));
    let id = "don-vi-".repeat(40);
    let units = std::fs::read_to_string(root.join("content/data/units.yaml")).expect("r");
    write(
        root,
        "content/data/units.yaml",
        format!("{units}- id: {id}x\n  name: {{ vi: \"Dài\", en: \"Long\" }}\n"),
    );
    assert_error(
        &build(root, &[]),
        &["content/data/units.yaml:5:7: error[MB0307]: id \"don-vi-don-vi-don-vi-don-vi-don-vi-don-v…\" is 281 characters long; at most 200"],
    );
    write(root, "content/data/units.yaml", units);
    let slug = "dia-chi-".repeat(40);
    write(
        root,
        "content/pages/dai.vi.md",
        format!("---\ntitle: \"{title}\"\nslug: \"{slug}\"\n---\nx\n"),
    );
    assert_error(
        &build(root, &[]),
        &[
            "content/pages/dai.vi.md:3:1: error[MB0307]: the address \"dia-chi-dia-chi-dia-chi-dia-chi-dia-chi-…\" is 319 characters long; at most 200",
            "set a shorter `slug:`",
        ],
    );
}

#[test]
fn file_names_with_spaces_capitals_and_vietnamese_letters() {
    let site = fixture("basic");
    let root = site.path();
    write(
        root,
        "content/pages/Giới Thiệu Về SỞ Tài Chính.vi.md",
        "---\ntitle: \"Giới thiệu\"\n---\nx\n",
    );
    write(
        root,
        "content/pages/Giới Thiệu Về SỞ Tài Chính.en.md",
        "---\ntitle: \"About\"\n---\nx\n",
    );
    assert_ok(&build(root, &[]));
    assert!(read(root, "gioi-thieu-ve-so-tai-chinh/index.html").contains("Giới thiệu"));
    assert!(read(root, "en/gioi-thieu-ve-so-tai-chinh/index.html").contains("About"));
}

/// Escape sequences in content cannot drive the terminal: a diagnostic that quotes them
/// (message, source line, hint) shows them as `\u{1b}`, so no line can be rewritten and no
/// fake "No errors" printed.
#[test]
fn terminal_escapes_in_content_are_printed_escaped() {
    let fake =
        "\u{1b}[2K\u{1b}[1ANo errors, 0 warning(s). Checked in 3 ms.\u{1b}[8m\u{9b}1m\u{202e}";
    // A link with the sequence in the body (the message and the source line quote it), and
    // a front matter value with YAML's own escape for ESC (the message quotes it).
    let link = |root: &Path| {
        let page = "content/campaigns/an-toan.vi.md";
        let text = std::fs::read_to_string(root.join(page)).expect("read");
        write(root, page, format!("{text}[a](</khong-co{fake}/>)\n"));
    };
    let value = |root: &Path| {
        let exemplar = "content/exemplars/nguyen-van-a.vi.md";
        let text = std::fs::read_to_string(root.join(exemplar)).expect("read");
        let bad = text.replace("campaign: an-toan\n", "campaign: \"x\\e[2Kbad\"\n");
        write(root, exemplar, bad);
    };
    type Make<'a> = &'a dyn Fn(&Path);
    let cases: [(Make, &str); 2] = [
        (&link, "\\u{1b}[2K\\u{1b}[1ANo errors"),
        (&value, "unknown campaign \"x\\u{1b}[2Kbad\""),
    ];
    for (make, shown) in cases {
        let site = fixture("basic");
        make(site.path());
        for command in ["check", "build"] {
            let out = minhbach(site.path(), &[command, "--now", NOW]);
            let err = assert_error(&out, &[shown]);
            let raw: Vec<char> = err
                .chars()
                .filter(|&c| {
                    (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)
                })
                .collect();
            assert!(raw.is_empty(), "{command} printed {raw:?}:\n{err}");
            assert!(!err.lines().any(|l| l.starts_with("No errors")), "{err}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Property tests: open-ended input to the pure functions, and arbitrary bytes to a build.

mod properties {
    use minhbach::content::load::split;
    use minhbach::date::PartialDate;
    use minhbach::i18n::{fold, nfc, slugify};
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    /// Vietnamese letters (both forms), ASCII, punctuation, line breaks and anything else.
    fn text() -> impl Strategy<Value = String> {
        let viet = prop::sample::select(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ \t-_.,:/'\"#\n\r\u{feff}\u{300}\u{301}\u{323}İß"
                .chars()
                .collect::<Vec<_>>(),
        );
        prop::collection::vec(prop_oneof![3 => viet, 1 => any::<char>()], 0..60)
            .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn slugs_are_ascii_words_joined_by_single_dashes_and_stable(s in text()) {
            let slug = slugify(&s);
            prop_assert!(slug.is_empty() || slug.split('-').all(|w| !w.is_empty()
                && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())), "{slug:?}");
            prop_assert_eq!(slugify(&slug), slug.clone());
            // The same text in NFD gives the same address.
            prop_assert_eq!(slugify(&s.nfd().collect::<String>()), slug);
        }

        #[test]
        fn folding_drops_marks_ignores_normalization_and_is_stable(s in text()) {
            let f = fold(&s);
            prop_assert!(!f.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)), "{f:?}");
            prop_assert!(!f.contains('đ') && !f.contains('Đ'));
            prop_assert_eq!(fold(&f), f.clone());
            prop_assert_eq!(fold(&nfc(&s)), f.clone());
            prop_assert_eq!(fold(&s.nfd().collect::<String>()), f);
        }

        #[test]
        fn any_date_text_parses_or_says_why(s in "\\PC{0,12}|[0-9]{4}(-[0-9]{1,3}){0,3}") {
            match PartialDate::parse(&s) {
                Ok(d) => {
                    let again = PartialDate::parse(&d.iso()).expect("iso parses");
                    prop_assert_eq!(again.iso(), d.iso());
                    prop_assert!(d.start() <= d.end());
                }
                Err(e) => prop_assert!(e.contains(s.trim()) && !e.is_empty()),
            }
        }

        #[test]
        fn real_days_parse_and_impossible_days_are_named(y in 1000i32..3000, m in 1u32..=12, d in 1u32..=31) {
            let s = format!("{y:04}-{m:02}-{d:02}");
            match chrono::NaiveDate::from_ymd_opt(y, m, d) {
                Some(_) => prop_assert_eq!(PartialDate::parse(&s).expect("valid").iso(), s),
                None => {
                    let e = PartialDate::parse(&s).expect_err("impossible day");
                    prop_assert!(e.contains(&format!("day {d} does not exist")), "{e}");
                }
            }
        }

        #[test]
        fn front_matter_splits_back_into_its_parts(
            yaml_lines in prop::collection::vec("[^\n]{0,20}", 0..8),
            body in "\\PC{0,80}",
        ) {
            let yaml_lines: Vec<String> =
                yaml_lines.into_iter().filter(|l| l.trim_end() != "---").collect();
            let yaml: String = yaml_lines.iter().map(|l| format!("{l}\n")).collect();
            let text = format!("---\n{yaml}---\n{body}");
            let (y, yl, b, bl) = split(&text).expect("well-formed");
            prop_assert_eq!(&text[y], yaml.as_str());
            prop_assert_eq!(&text[b], body.as_str());
            prop_assert_eq!(yl, 2);
            prop_assert_eq!(bl, yaml_lines.len() + 3);
        }

        #[test]
        fn splitting_any_text_never_panics(s in "\\PC{0,200}") {
            if let Ok((y, _, b, _)) = split(&s) {
                prop_assert!(y.end <= b.start && b.end == s.len());
                prop_assert!(s.is_char_boundary(y.start) && s.is_char_boundary(b.start));
            }
        }
    }

    /// The "billion laughs" in an untyped parse (UI strings, duplicate-key checks) stops at
    /// serde_yaml's repetition limit instead of expanding.
    #[test]
    fn an_alias_bomb_in_an_untyped_parse_is_an_error() {
        let text = super::alias_bomb("");
        let src = minhbach::yaml::Source {
            path: "x.yaml",
            file_text: &text,
            yaml: &text,
            first_line: 1,
        };
        let started = std::time::Instant::now();
        let r = src.parse_strict::<std::collections::BTreeMap<String, Vec<String>>>();
        assert!(r.is_err());
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }

    fn bytes_then_text() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..600),
            (prop::collection::vec(any::<u8>(), 0..300)).prop_map(|b| {
                let mut v = b"---\ntitle: \"x\"\n---\n".to_vec();
                v.extend(b);
                v
            }),
            (prop::collection::vec(any::<u8>(), 0..300)).prop_map(|b| {
                let mut v = b"---\n".to_vec();
                v.extend(b);
                v.extend(b"\n---\n# x\n");
                v
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Arbitrary bytes as a page, a campaign and a data file: the build reports errors
        /// or succeeds, and never panics.
        #[test]
        fn arbitrary_bytes_as_content_never_panic(
            page in bytes_then_text(),
            campaign in bytes_then_text(),
            units in prop::collection::vec(any::<u8>(), 0..300),
        ) {
            let site = super::fixture("basic");
            let root = site.path();
            super::write(root, "content/pages/rac.vi.md", &page);
            super::write(root, "content/campaigns/rac.vi.md", &campaign);
            super::write(root, "content/data/events.yaml", &units);
            let opts = minhbach::Options {
                root: root.to_path_buf(),
                output: None,
                drafts: false,
                base_url: None,
                now: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date"),
                force: false,
            };
            match minhbach::check(&opts) {
                Ok(_) => {}
                Err(minhbach::error::Error::Content(d)) => prop_assert!(!d.is_empty()),
                Err(e) => prop_assert!(false, "not a content error: {e}"),
            }
        }
    }
}
