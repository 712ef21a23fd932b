//! Incremental rebuilds (`minhbach::rebuild`, what `serve` uses) against clean builds:
//! after every step of a random sequence of edits, additions, renames and deletions, the
//! session's files must equal a clean build's byte for byte, and a build that fails must
//! fail in both with the same errors.

use minhbach::error::{Diagnostic, Error};
use minhbach::rebuild::Session;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[path = "support/site.rs"]
mod support_site;
use support_site::copy_tree;

/// A small seeded generator (xorshift64*), so a failing sequence can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn options(root: &Path) -> minhbach::Options {
    minhbach::Options {
        root: root.to_path_buf(),
        output: None,
        drafts: false,
        base_url: None,
        force: false,
        now: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date"),
    }
}

/// Every file of a preview snapshot with its bytes, read from the preview's store.
fn contents(files: &minhbach::rebuild::Files) -> BTreeMap<String, Vec<u8>> {
    files
        .keys()
        .map(|k| (k.clone(), files.read(k).expect("a stored file")))
        .collect()
}

/// The markdown files under `content/`, site-relative, sorted.
fn markdown_files(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| rel(root, e.path()))
        .collect();
    out.sort();
    out
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .expect("inside")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect::<Vec<_>>()
        .join("/")
}

fn errors(e: Error) -> Vec<String> {
    match e {
        Error::Content(diags) => diags
            .iter()
            .filter(|d| d.is_error())
            .map(Diagnostic::to_string)
            .collect(),
        other => vec![other.to_string()],
    }
}

/// The kinds of change [`mutate`] makes: every kind of edit the preview (and the editor,
/// which saves through it) must bring up to date.
const KINDS: usize = 20;

/// Replaces the value of the first line `key: …` of the front matter, or adds the field
/// after the opening `---` if the file has none.
fn set_field(text: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key}:");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let end = lines
        .iter()
        .skip(1)
        .position(|l| l == "---")
        .map_or(1, |i| i + 1);
    match lines[..end].iter().position(|l| l.starts_with(&prefix)) {
        Some(i) => lines[i] = format!("{key}: {value}"),
        None => lines.insert(1, format!("{key}: {value}")),
    }
    lines.join("\n") + "\n"
}

/// One random change to the site of kind `kind` (below [`KINDS`]); returns the
/// site-relative paths it touched.
fn mutate(root: &Path, rng: &mut Rng, kind: usize, step: usize) -> Vec<String> {
    let files = markdown_files(root);
    let pick = files[rng.below(files.len())].clone();
    let full: PathBuf = root.join(&pick);
    let text = std::fs::read_to_string(&full).expect("read");
    let write = |path: &Path, text: String| std::fs::write(path, text).expect("write");
    match kind {
        // Body edits, the common case: a paragraph, a heading (new anchor), a link to
        // another page's heading, a broken link, or the body cut back.
        0..=1 => write(
            &full,
            text + &format!("\n\nĐoạn văn thêm số {step}: Đổi mới, sáng tạo.\n"),
        ),
        2 => write(
            &full,
            text + &format!("\n\n## Mục mới {step}\n\nNội dung mục {step}.\n"),
        ),
        3 => write(
            &full,
            text + "\n\nXem [kế hoạch](/ke-hoach/ke-hoach-2022/#muc-dich).\n",
        ),
        4 => write(
            &full,
            text + "\n\nXem [trang không có](/khong-co-trang-nay/).\n",
        ),
        5 => {
            let cut = text.rfind("\n\n").filter(|&i| i > text.len() / 2);
            write(
                &full,
                cut.map_or(text.as_str(), |i| &text[..i]).to_string() + "\n",
            );
        }
        // Front matter: a title (shown on cards, lists, feeds, data and search).
        6 => write(
            &full,
            text.replacen("title: ", &format!("title: Sửa {step} "), 1),
        ),
        // A date: the order of lists, the year groups, or (in the future) unpublished.
        7 => {
            let dates = ["2021-05-04", "2023-12-31", "2022-02", "2030-01-01"];
            let date = dates[rng.below(dates.len())];
            let key = ["recognized", "launched", "issued", "submitted"]
                .into_iter()
                .find(|k| text.contains(&format!("\n{k}: ")))
                .unwrap_or("launched");
            write(&full, set_field(&text, key, date));
        }
        // Draft on, or off.
        8 => {
            let draft = if text.contains("\ndraft: true") {
                "false"
            } else {
                "true"
            };
            write(&full, set_field(&text, "draft", draft));
        }
        // A reference to a campaign: another one, a draft one, or one that is not there.
        9 => {
            let to = ["an-toan", "dan-van-kheo", "nhap", "khong-co"][rng.below(4)];
            let key = if text.contains("\ncampaign: ") {
                "campaign"
            } else {
                "campaigns"
            };
            let value = if key == "campaign" {
                to.to_string()
            } else {
                format!("[{to}]")
            };
            write(&full, set_field(&text, key, &value));
        }
        // A summary or a field: what cards and search show.
        10 => write(
            &full,
            set_field(&text, "summary", &format!("\"Tóm tắt {step}\"")),
        ),
        // A data file: a unit's name, an indicator's target, a document, an event.
        11 => {
            let (file, from, to) = [
                ("units.yaml", "Văn phòng Sở", format!("Văn phòng Sở {step}")),
                (
                    "indicators.yaml",
                    "target: 100",
                    format!("target: {}", 90 + step),
                ),
                ("documents.yaml", "12/CT-UBND", format!("{step}/CT-UBND")),
                ("documents.yaml", "draft: true", "draft: false".to_string()),
                (
                    "units.yaml",
                    "id: thanh-tra",
                    "id: thanh-tra-moi".to_string(),
                ),
            ][rng.below(5)]
            .clone();
            let path = format!("content/data/{file}");
            let data = std::fs::read_to_string(root.join(&path)).expect("read data");
            write(&root.join(&path), data.replacen(from, &to, 1));
            return vec![path];
        }
        // A translation added (a Vietnamese file's English twin), or removed.
        12 => {
            let Some(vi) = pick.strip_suffix(".vi.md") else {
                std::fs::remove_file(&full).expect("delete translation");
                return vec![pick];
            };
            let en = format!("{vi}.en.md");
            let translated = text.replacen("title: ", "title: EN ", 1);
            write(&root.join(&en), translated);
            return vec![en];
        }
        13 => match files.iter().find(|f| f.ends_with(".en.md")) {
            Some(en) => {
                std::fs::remove_file(root.join(en)).expect("delete translation");
                return vec![en.clone()];
            }
            None => write(&full, text + "\n"),
        },
        // A new file: a copy under another name.
        14 => {
            let new = full.with_file_name(format!("moi-{step}.vi.md"));
            write(&new, text);
            return vec![rel(root, &new)];
        }
        // Renamed.
        15 => {
            let new = full.with_file_name(format!("doi-ten-{step}.vi.md"));
            std::fs::rename(&full, &new).expect("rename");
            return vec![pick, rel(root, &new)];
        }
        // A static file: added, or changed.
        16 => {
            let path = format!("static/tai-lieu/tep-{}.txt", rng.below(2));
            std::fs::create_dir_all(root.join("static/tai-lieu")).expect("mkdir");
            write(&root.join(&path), format!("Tệp tĩnh, lần {step}.\n"));
            return vec![path];
        }
        // The site's settings: the title of a language.
        17 => {
            let path = "site.yaml".to_string();
            let settings = std::fs::read_to_string(root.join(&path)).expect("read settings");
            let edited = settings.replacen(
                "title: \"Trang thử",
                &format!("title: \"Trang thử {step}"),
                1,
            );
            write(&root.join(&path), edited);
            return vec![path];
        }
        // A front matter that does not parse.
        18 => write(&full, text.replacen("title: ", "title: [", 1)),
        // Deleted.
        _ => std::fs::remove_file(&full).expect("delete"),
    }
    vec![pick]
}

#[test]
fn incremental_rebuilds_equal_clean_builds_after_random_changes() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
    let mut partial = 0;
    let (mut quick, mut quick_pages) = (0, 0);
    let mut failed = 0;
    let mut steps = 0;
    let mut kinds = [0usize; KINDS];
    for (run, seed) in [1u64, 7, 42, 2024, 9, 77].into_iter().enumerate() {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&fixture, dir.path());
        let opts = options(dir.path());
        let mut session = Session::new(opts.clone());
        session.rebuild(&[]).expect("the fixture builds");
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        for step in 0..20 {
            // Now and then go back to the fixture as it was, so that later steps start
            // from a site that builds.
            let changed = if rng.below(6) == 0 {
                std::fs::remove_dir_all(dir.path().join("content")).expect("clear");
                copy_tree(&fixture.join("content"), &dir.path().join("content"));
                std::fs::copy(fixture.join("site.yaml"), dir.path().join("site.yaml"))
                    .expect("copy settings");
                vec!["content".to_string(), "site.yaml".to_string()]
            } else {
                // Every kind in each sequence, in an order of its own.
                let kind = (step * 7 + run * 3) % KINDS;
                kinds[kind] += 1;
                mutate(dir.path(), &mut rng, kind, step)
            };
            let before = session.files();
            let mut incremental = session.rebuild(&changed);
            let clean = minhbach::plan(&opts);
            // A quick look shows the changed item's pages as a clean build makes them;
            // the rest of the site follows.
            if let Some(report) = incremental.as_ref().ok().filter(|r| r.quick) {
                quick += 1;
                assert!(session.owes());
                let clean = clean.as_ref().ok();
                quick_pages += check_quick_look(before.as_deref(), report, clean, "random");
                incremental = session.finish();
                assert!(!session.owes());
                if incremental.is_err() {
                    // The preview goes back to the site before the quick look.
                    let now = session.files().expect("the last good build");
                    assert_eq!(now.blobs(), before.expect("a build before").blobs());
                }
            }
            let context = format!("seed {seed}, step {step}, changed {changed:?}");
            steps += 1;
            match (incremental, clean) {
                (Ok(report), Ok(planned)) => {
                    partial += usize::from(report.partial);
                    let got = contents(&report.files);
                    let got: BTreeMap<&String, &[u8]> =
                        got.iter().map(|(k, v)| (k, v.as_slice())).collect();
                    let want: BTreeMap<&String, &[u8]> = planned
                        .output
                        .files
                        .iter()
                        .map(|(k, v)| (k, v.as_slice()))
                        .collect();
                    let differ: std::collections::BTreeSet<&&String> = want
                        .keys()
                        .chain(got.keys())
                        .filter(|k| got.get(**k) != want.get(**k))
                        .collect();
                    assert!(
                        differ.is_empty(),
                        "{context} (partial: {}): {} files differ, first {:?}",
                        report.partial,
                        differ.len(),
                        differ.iter().take(5).collect::<Vec<_>>()
                    );
                }
                (Err(a), Err(b)) => {
                    failed += 1;
                    assert_eq!(errors(a), errors(b), "{context}: different errors");
                }
                (Ok(_), Err(e)) => {
                    panic!("{context}: only the clean build failed: {:?}", errors(e))
                }
                (Err(e), Ok(_)) => panic!("{context}: only the rebuild failed: {:?}", errors(e)),
            }
        }
    }
    eprintln!("{steps} steps: {partial} partial rebuilds ({quick} quick looks, {quick_pages} pages shown), {failed} failed builds; kinds {kinds:?}");
    // Every kind of change was made at least once.
    assert!(
        kinds.iter().all(|&n| n > 0),
        "some kinds of change were never made: {kinds:?}"
    );
    // The sequences must have gone through both paths, and through failures.
    assert!(
        partial >= 5,
        "only {partial} of {steps} rebuilds took the body-only path"
    );
    assert!(
        quick >= 5 && quick_pages >= quick,
        "only {quick} quick looks ({quick_pages} pages)"
    );
    assert!(
        failed >= 2,
        "only {failed} of {steps} steps failed to build"
    );
}

#[test]
fn a_body_edit_renders_only_its_pages_and_search() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture, dir.path());
    let mut session = Session::new(options(dir.path()));
    let first = session.rebuild(&[]).expect("builds");
    let path = "content/campaigns/an-toan.vi.md";
    let text = std::fs::read_to_string(dir.path().join(path)).expect("read");
    std::fs::write(
        dir.path().join(path),
        text + "\n\nMột câu mới về an toàn.\n",
    )
    .expect("write");
    let report = session.rebuild(&[path.to_string()]).expect("rebuilds");
    assert!(report.partial, "a body edit takes the body-only path");
    // The campaign's page and some search index files; nothing else.
    let changed: Vec<&String> = report
        .files
        .blobs()
        .iter()
        .filter(|(k, v)| first.files.blob(k) != Some(**v))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(report.changed, changed.len());
    assert!(changed
        .iter()
        .any(|k| k.ends_with("index.html") && !k.starts_with("search-index/")));
    assert!(
        changed
            .iter()
            .all(|k| k.starts_with("search-index/") || k.contains("an-toan")),
        "{changed:?}"
    );
    let page = changed
        .iter()
        .find(|k| k.ends_with("index.html"))
        .expect("a page");
    let html = report.files.read(page).expect("the page");
    assert!(String::from_utf8_lossy(&html).contains("Một câu mới về an toàn."));
}

/// The preview (`serve`): an edit of a body's text renders its page again and makes no
/// image; an edit that shows another image is a full build, whose pictures equal a clean
/// build's, with the photos already made taken from the cache.
#[test]
fn a_body_edit_remakes_no_image_and_a_new_image_is_made_once() {
    #[path = "support/photos.rs"]
    mod photos;
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    copy_tree(&support_site::repo().join("tests/fixtures/basic"), root);
    let jpeg = |w| photos::plain_jpeg(&photos::pixels(w, w * 3 / 4, 8), 85);
    support_site::write(root, "static/anh/a.jpg", jpeg(800));
    support_site::write(root, "static/anh/b.jpg", jpeg(640));
    let page = "content/pages/gioi-thieu.vi.md";
    support_site::edit(root, page, |t| format!("{t}\n![Ảnh A](/anh/a.jpg)\n"));
    let mut session = Session::new(options(root));
    session.rebuild(&[]).expect("first build");
    let cache = root.join(minhbach::images::cache::DIR);
    let entries = || std::fs::read_dir(&cache).expect("cache").count();
    assert_eq!(entries(), 1);

    support_site::edit(root, page, |t| {
        t.replace("Về trang này.", "Về trang web này.")
    });
    let report = session.rebuild(&[page.to_string()]).expect("body edit");
    assert!(
        report.partial,
        "a body edit with the same images is partial"
    );
    assert!(report.files.keys().any(|f| f.starts_with("img/")));

    support_site::edit(root, page, |t| format!("{t}\n![Ảnh B](/anh/b.jpg)\n"));
    let report = session.rebuild(&[page.to_string()]).expect("new image");
    assert!(!report.partial, "a new image needs the whole build");
    assert_eq!(entries(), 2, "b.jpg made once, a.jpg from the cache");
    let clean = minhbach::plan(&options(root)).expect("clean build");
    let pictures = |files: Vec<(&String, &[u8])>| -> Vec<(String, Vec<u8>)> {
        files
            .into_iter()
            .filter(|(f, _)| f.starts_with("img/") || f.ends_with("gioi-thieu/index.html"))
            .map(|(f, b)| (f.clone(), b.to_vec()))
            .collect()
    };
    assert!(
        pictures(
            contents(&report.files)
                .iter()
                .map(|(f, b)| (f, b.as_slice()))
                .collect()
        ) == pictures(
            clean
                .output
                .files
                .iter()
                .map(|(f, b)| (f, b.as_slice()))
                .collect()
        )
    );
}

/// The preview keeps its files in the site's `.minhbach-cache/preview/`, removes those no
/// snapshot needs after the next rebuild and all of them when it stops; where it cannot
/// write there, it uses the system's temporary folder.
#[test]
fn the_preview_keeps_its_files_on_disk_and_removes_them() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture, dir.path());
    let stored = |root: &Path| -> usize {
        walkdir::WalkDir::new(root.join(".minhbach-cache/preview"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .count()
    };
    let mut session = Session::new(options(dir.path()));
    let first = session.rebuild(&[]).expect("builds");
    let unique: std::collections::BTreeSet<_> = first.files.blobs().values().collect();
    assert_eq!(
        stored(dir.path()),
        unique.len(),
        "one file per distinct content"
    );
    // Three body edits of one page: the versions of it no snapshot needs go.
    let path = "content/campaigns/an-toan.vi.md";
    for n in 0..3 {
        support_site::edit(dir.path(), path, |t| format!("{t}\nCâu thứ {n}.\n"));
        session.rebuild(&[path.to_string()]).expect("rebuilds");
    }
    let last = session.files().expect("built");
    let kept: std::collections::BTreeSet<_> = last.blobs().values().collect();
    assert!(
        stored(dir.path()) <= kept.len() + 2 * 8,
        "{} stored for {} files in use",
        stored(dir.path()),
        kept.len()
    );
    drop((first, last, session));
    assert_eq!(stored(dir.path()), 0, "nothing left once the preview stops");

    // `.minhbach-cache` is a file here: the preview works from the temporary folder.
    let other = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture, other.path());
    std::fs::write(other.path().join(".minhbach-cache"), "not a folder").expect("write");
    let mut session = Session::new(options(other.path()));
    let report = session
        .rebuild(&[])
        .expect("builds without the site's cache folder");
    let home = report.files.read("index.html").expect("the home page");
    assert!(String::from_utf8_lossy(&home).contains("<html"));
}

/// The files of a preview snapshot that differ from a clean build's (or are only in one).
fn differ_from_clean(files: &minhbach::rebuild::Files, opts: &minhbach::Options) -> Vec<String> {
    let clean = minhbach::plan(opts).expect("the clean build");
    let got = contents(files);
    (clean.output.files.keys().chain(got.keys()))
        .filter(|k| got.get(*k) != clean.output.files.get(*k))
        .cloned()
        .collect()
}

/// Checks what a quick look changed against the files `before` it: only pages, as many
/// as it says, each as the `clean` build has it (or has not: a page taken away). Returns
/// how many.
fn check_quick_look(
    before: Option<&minhbach::rebuild::Files>,
    report: &minhbach::rebuild::Report,
    clean: Option<&minhbach::Planned>,
    context: &str,
) -> usize {
    let files = report.files.blobs();
    let empty = BTreeMap::new();
    let old = before.map_or(&empty, |b| b.blobs());
    let pages: std::collections::BTreeSet<&String> = (files.keys().chain(old.keys()))
        .filter(|k| files.get(*k) != old.get(*k))
        .collect();
    assert_eq!(pages.len(), report.changed, "{context}");
    assert!(
        pages.iter().all(|p| p.ends_with("index.html")),
        "{context}: {pages:?}"
    );
    for page in pages.iter().filter(|_| clean.is_some()) {
        let want = clean.and_then(|c| c.output.files.get(*page));
        let got = report.files.read(page);
        assert!(
            got.as_ref() == want,
            "{context}: {page} is not a clean build's"
        );
    }
    pages.len()
}

/// Puts a changed file back as it was.
type Undo = Box<dyn Fn(&Path)>;

/// One change to the fixture for the quick-look tests.
enum Op {
    /// Replace the first `from` in the file by `to`.
    Replace(&'static str, &'static str, &'static str),
    /// A new file with the text of another one.
    Create(&'static str, &'static str),
    Delete(&'static str),
}

impl Op {
    /// Makes the change; returns the changed path and how to undo it.
    fn apply(&self, root: &Path) -> (String, Undo) {
        let read = |f: &str| std::fs::read_to_string(root.join(f)).expect("read");
        match *self {
            Op::Replace(file, from, to) => {
                let original = read(file);
                assert!(original.contains(from), "{file} has {from}");
                std::fs::write(root.join(file), original.replacen(from, to, 1)).expect("write");
                let undo =
                    move |root: &Path| std::fs::write(root.join(file), &original).expect("undo");
                (file.to_string(), Box::new(undo))
            }
            Op::Create(file, like) => {
                std::fs::write(root.join(file), read(like)).expect("create");
                let undo = move |root: &Path| std::fs::remove_file(root.join(file)).expect("undo");
                (file.to_string(), Box::new(undo))
            }
            Op::Delete(file) => {
                let original = read(file);
                std::fs::remove_file(root.join(file)).expect("delete");
                let undo =
                    move |root: &Path| std::fs::write(root.join(file), &original).expect("undo");
                (file.to_string(), Box::new(undo))
            }
        }
    }
}

/// The preview's quick look: an edit of one item's files shows that item's pages at once,
/// equal to a clean build's (and its pages no longer made gone), and the rest of the site
/// follows; an edit that changes more than the item's pages can show (an unknown
/// campaign or document, a unit's id) is not a quick look but the full build, which says
/// what is wrong.
#[test]
fn an_item_edit_is_shown_by_a_quick_look_then_the_whole_site_follows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    copy_tree(&support_site::repo().join("tests/fixtures/basic"), root);
    let opts = options(root);
    let mut session = Session::new(opts.clone());
    session.rebuild(&[]).expect("first build");
    let x = "content/exemplars/tap-the-thanh-tra.vi.md";
    let x_en = "content/exemplars/tap-the-thanh-tra.en.md";
    let a = "content/exemplars/nguyen-van-a.vi.md";
    let c = "content/campaigns/an-toan.vi.md";
    let c_en = "content/campaigns/an-toan.en.md";
    let r = "content/reports/bao-cao-6-thang-2022.vi.md";
    let p_en = "content/pages/gioi-thieu.en.md";
    let plan = "content/plan/ke-hoach-2022.vi.md";
    let units = "content/data/units.yaml";
    let docs = "content/data/documents.yaml";
    use Op::*;
    let cases: [(Op, bool); 32] = [
        (
            Replace(
                x,
                "title: \"Tập thể Thanh tra\"",
                "title: \"Tập thể Thanh tra tỉnh\"",
            ),
            true,
        ),
        (
            Replace(x, "recognized: 2021-12-01", "recognized: 2022-03-01"),
            true,
        ),
        (Replace(a, "campaign: an-toan", "campaign: doi-moi"), true),
        (Replace(c, "launched: 2022-01", "launched: 2022-02"), true),
        (
            Replace(c_en, "title: \"Safety\"", "title: \"Safety first\""),
            true,
        ),
        (Replace(r, "actual: 96", "actual: 80"), true),
        (
            Replace(r, "submitted: 2022-06-10", "submitted: 2022-08-10"),
            true,
        ),
        (
            Replace(p_en, "title: \"About\"", "title: \"About us\""),
            true,
        ),
        (Replace(p_en, "slug: about", "slug: about-us"), true),
        (Create("content/exemplars/nguyen-van-b.vi.md", a), true),
        (Create("content/exemplars/nguyen-van-a.en.md", a), true),
        (Delete(x_en), true),
        (Delete(a), true),
        (
            Replace(
                x,
                "award: \"Bằng khen\"",
                "award: \"Bằng khen\"\ndraft: true",
            ),
            true,
        ),
        (Replace(x_en, "---\n", "---\ndraft: true\n"), true),
        (
            Replace(x, "recognized: 2021-12-01", "recognized: 2031-12-01"),
            true,
        ),
        (
            Replace(
                "content/campaigns/nhap.vi.md",
                "draft: true",
                "draft: false",
            ),
            true,
        ),
        (
            Replace(
                units,
                "vi: \"Văn phòng Sở\"",
                "vi: \"Văn phòng Sở Tài chính\"",
            ),
            true,
        ),
        (
            Replace(units, "en: \"Inspectorate\"", "en: \"Inspectorate Office\""),
            true,
        ),
        (Replace(units, "id: thanh-tra", "id: thanh-tra-so"), false),
        (
            Replace(docs, "number: \"12/CT-UBND\"", "number: \"12a/CT-UBND\""),
            true,
        ),
        (
            Replace(
                docs,
                "en: \"Launching the 2022 emulation\"",
                "en: \"The 2022 emulation\"",
            ),
            true,
        ),
        (Replace(docs, "  draft: true", "  draft: false"), true),
        (
            Replace(docs, "issued: 2021-12-29", "issued: 2031-12-29"),
            true,
        ),
        (Replace(docs, "id: ct-12", "id: ct-12-moi"), false),
        (
            Replace(
                docs,
                "  issued: 2021-12-29",
                "  issued: 2021-12-29\n  file: /van-ban/moi.pdf",
            ),
            false,
        ),
        (Replace(a, "campaign: an-toan", "campaign: khong-co"), false),
        (
            Replace(plan, "symbol: \"KH-STC\"", "symbol: \"KH-STC2\""),
            true,
        ),
        (
            Replace(plan, "issued: \"2022-01\"", "issued: \"2022-02\""),
            true,
        ),
        (
            Replace(
                plan,
                "six_month_due: 2022-06-15",
                "six_month_due: 2022-06-05",
            ),
            true,
        ),
        (
            Replace(
                plan,
                "campaigns: [an-toan, doi-moi]",
                "campaigns: [an-toan]",
            ),
            true,
        ),
        (
            Replace(plan, "based_on: [ct-12]", "based_on: [ct-99]"),
            false,
        ),
    ];
    for (op, quick) in cases {
        let before = session.files().expect("a good build");
        let (file, undo) = op.apply(root);
        let report = session.rebuild(std::slice::from_ref(&file));
        let clean = minhbach::plan(&opts);
        let context = format!("{file}: {:?}", report.as_ref().map(|r| r.changed).ok());
        let shown = report.as_ref().is_ok_and(|r| r.quick);
        assert_eq!(shown, quick, "{context}: a quick look?");
        if let Some(report) = report.as_ref().ok().filter(|_| quick) {
            assert!(session.owes() && report.changed > 0, "{context}");
            check_quick_look(Some(&before), report, clean.as_ref().ok(), &context);
            match session.finish() {
                Ok(done) => {
                    assert!(!done.quick && !session.owes());
                    assert_eq!(
                        differ_from_clean(&done.files, &opts),
                        Vec::<String>::new(),
                        "{context}"
                    );
                }
                Err(_) => {
                    assert!(clean.is_err(), "{context}: only the rebuild failed");
                    assert_eq!(session.files().expect("served").blobs(), before.blobs());
                }
            }
        } else if let Ok(report) = report {
            assert!(!session.owes());
            assert_eq!(
                differ_from_clean(&report.files, &opts),
                Vec::<String>::new(),
                "{context}"
            );
        } else {
            assert!(clean.is_err(), "{context}: only the rebuild failed");
        }
        undo(root);
        session
            .rebuild(std::slice::from_ref(&file))
            .expect("undone");
        if session.owes() {
            session.finish().expect("undone");
        }
        assert_eq!(
            session.files().expect("built").blobs(),
            before.blobs(),
            "{context}: undone"
        );
    }

    // Quick looks in a row, before the rest of the site is built: an exemplar moves to
    // another campaign, then that campaign is edited; its page lists the exemplar.
    support_site::edit(root, a, |t| {
        t.replace("campaign: an-toan", "campaign: doi-moi")
    });
    assert!(session.rebuild(&[a.to_string()]).expect("moved").quick);
    let doi_moi = "content/campaigns/Đổi mới.vi.md";
    support_site::edit(root, doi_moi, |t| t.replacen("title: ", "title: Mới ", 1));
    let report = session.rebuild(&[doi_moi.to_string()]).expect("edited");
    assert!(report.quick);
    let clean = minhbach::plan(&opts).expect("builds");
    let page = "phong-trao/doi-moi/index.html";
    let shown = report.files.read(page).expect("the campaign's page");
    assert!(String::from_utf8_lossy(&shown).contains("Ông Nguyễn Văn A"));
    assert!(Some(&shown) == clean.output.files.get(page));
}

/// A quick look whose full build then fails (a date before the campaign began, which only
/// the full build checks): the preview goes back to the last good build.
#[test]
fn a_quick_look_the_full_build_refuses_goes_back_to_the_last_good_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    copy_tree(&support_site::repo().join("tests/fixtures/basic"), root);
    let mut session = Session::new(options(root));
    let good = session.rebuild(&[]).expect("first build").files;
    let file = "content/exemplars/nguyen-van-a.vi.md";
    support_site::edit(root, file, |t| {
        t.replace("recognized: 2022-07-20", "recognized: 2021-07-20")
    });
    let quick = session.rebuild(&[file.to_string()]).expect("a quick look");
    assert!(quick.quick && quick.changed > 0);
    let Err(Error::Content(diags)) = session.finish() else {
        panic!("the full build accepts an exemplar recognized before its campaign began");
    };
    assert!(
        diags
            .iter()
            .any(|d| d.is_error() && d.to_string().contains(file)),
        "{diags:?}"
    );
    assert!(!session.owes());
    assert_eq!(session.files().expect("served").blobs(), good.blobs());
}
