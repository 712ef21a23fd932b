//! What the integration tests share: fixture sites copied into temporary folders, and
//! running the real binary on them. Included with `#[path]` by each test file, so a file
//! may use only some of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// "Today" of the fixture builds.
pub const NOW: &str = "2024-01-01";

/// Copies fixture `name` (a folder of `tests/fixtures/`) into a fresh temporary folder.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        dir.path(),
    );
    dir
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let dest = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// Runs `minhbach ARGS --root ROOT`, with no SOURCE_DATE_EPOCH from the environment.
pub fn minhbach(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run minhbach")
}

/// `minhbach build --now NOW EXTRA…`.
pub fn build(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--now", NOW];
    args.extend_from_slice(extra);
    minhbach(root, &args)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The repository folder: the bundled site, the default theme, the fixtures.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Asserts that a run succeeded; returns its stderr (warnings).
pub fn assert_ok(o: &Output) -> String {
    assert!(o.status.success(), "build failed:\n{}", stderr(o));
    stderr(o)
}

/// Asserts exit code 1 and that stderr holds every needle; returns stderr.
pub fn assert_error(o: &Output, needles: &[&str]) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "expected exit 1:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    for n in needles {
        assert!(err.contains(n), "expected {n:?} in:\n{err}");
    }
    err
}

/// Writes a file of a site, making its folders.
pub fn write(root: &Path, path: &str, text: impl AsRef<[u8]>) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// Rewrites a text file of a site through `f`.
pub fn edit(root: &Path, path: &str, f: impl Fn(String) -> String) {
    let text = std::fs::read_to_string(root.join(path)).expect("read");
    write(root, path, f(text));
}

/// A file of the built site (`public/PATH`) as text.
pub fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join("public").join(path))
        .unwrap_or_else(|e| panic!("read public/{path}: {e}"))
}

/// Every file under a folder, path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).expect("inside").to_path_buf(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

/// The text a reader sees: tags dropped, spaces collapsed.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' => {
                tag = false;
                out.push(' ');
            }
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A JSON file of the site, parsed.
pub fn json(root: &Path, path: &str) -> serde_json::Value {
    serde_json::from_str(&read(root, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Asserts a build fails with exit 1, prints `needle` and leaves `public/` untouched.
pub fn assert_fails_untouched(site: &Path, needle: &str) -> String {
    let public = site.join("public");
    std::fs::create_dir_all(&public).expect("mkdir");
    std::fs::write(public.join("sentinel.html"), "previous site").expect("write");
    // A previous build: the marker lets the next successful build replace it.
    std::fs::write(public.join(".minhbach-output"), "").expect("write");
    let before = tree(&public);
    let o = build(site, &[]);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "expected exit 1, got {:?}:\n{err}",
        o.status.code()
    );
    assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
    assert_eq!(before, tree(&public), "a failed build changed public/");
    err
}

/// The bundled Tây Ninh site (`content/` and `site.yaml` of the repository), copied into a
/// fresh temporary folder.
pub fn bundled() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&repo.join("content"), &dir.path().join("content"));
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("copy site.yaml");
    dir
}
