//! The output folder (issue 12): its rules hold on the folder a path really names, builds
//! into one folder take turns, a `public/` that is a link is published through, and a full
//! disk stops the build once with the previous site whole.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

/// `minhbach build --force --output OUT` with `HOME` set to `home`.
fn build_into(root: &Path, out: &str, home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["build", "--now", NOW, "--force", "--output", out, "--root"])
        .arg(root)
        .env("HOME", home)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run minhbach")
}

/// The number of files the build summary says it wrote.
fn files_reported(o: &Output) -> usize {
    let out = String::from_utf8_lossy(&o.stdout);
    let (before, _) = out.split_once(" files,").expect("summary");
    before
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no file count in {out}"))
}

#[cfg(unix)]
#[test]
fn output_paths_through_missing_folders_dot_dot_and_links_cannot_reach_the_site_or_home() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    let top = std::fs::canonicalize(dir.path()).expect("canonical");
    let root = top.join("site");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic"),
        &root,
    );
    let home = top.join("home/me");
    std::fs::create_dir_all(&home).expect("mkdir");
    std::fs::write(home.join("notes.txt"), "mine").expect("write");
    symlink(&root, top.join("to-site")).expect("ln");
    symlink(top.join("home"), root.join("homes")).expect("ln");
    let r = root.display();
    let t = top.display();
    for (out, why) in [
        (
            format!("{r}/public/nonexistent/../.."),
            "it is the site folder or contains it",
        ),
        (
            format!("{r}/public/a/b/../../.."),
            "it is the site folder or contains it",
        ),
        (
            format!("{t}/to-site"),
            "it is the site folder or contains it",
        ),
        (
            format!("{t}/to-site/public/x/../.."),
            "it is the site folder or contains it",
        ),
        (format!("{t}/nowhere/../home/me"), "it is your home folder"),
        (
            format!("{t}/home/me/new/../.."),
            "it contains your home folder",
        ),
        (format!("{r}/homes/me"), "it is your home folder"),
        (
            format!("{r}/public/x/../../static/y"),
            "it is inside static/",
        ),
        (format!("{r}/site.yaml"), "it is inside site.yaml"),
        (
            format!("{t}/x/../../../../.."),
            "it is the root of the file system",
        ),
    ] {
        let o = build_into(&root, &out, &home);
        assert_error(
            &o,
            &[&format!(
                "{out}: error[MB0607]: refusing to build into this folder: {why}"
            )],
        );
    }
    // Nothing was made, moved or removed.
    assert!(!root.join("public").exists() && !root.join("public/nonexistent").exists());
    assert!(root.join("content/campaigns/an-toan.vi.md").is_file());
    assert_eq!(
        std::fs::read_to_string(home.join("notes.txt")).expect("home"),
        "mine"
    );
    // A path with `..` that stays clear of them is fine, and lands where it says.
    let o = build_into(&root, &format!("{t}/out/new/../site"), &home);
    assert_ok(&o);
    assert!(top.join("out/site/index.html").is_file());
}

/// Builds running at once into one folder take turns on its lock: each one that reports
/// success leaves exactly the files it counted, and the last leaves the whole site.
#[cfg(unix)]
#[test]
fn builds_into_the_same_folder_at_once_take_turns_and_each_counts_what_it_wrote() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    let o = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args(["--items", "150", "--seed", "3", "--out"])
        .arg(&root)
        .output()
        .expect("gen-corpus");
    assert!(o.status.success(), "{}", stderr(&o));
    let build_args = ["build", "--now", "2026-01-01"];
    let other = dir.path().join("alone");
    let mut args = build_args.to_vec();
    let other_s = other.to_string_lossy().to_string();
    args.extend(["--output", &other_s]);
    let alone = minhbach(&root, &args);
    assert_ok(&alone);
    let expected = tree(&other);
    assert_eq!(
        files_reported(&alone) + 1,
        expected.len(),
        "the marker file"
    );
    let public = root.join("public");
    let mut waited = 0;
    for round in 0..3 {
        let children: Vec<_> = (0..3)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_minhbach"))
                    .args(build_args)
                    .arg("--root")
                    .arg(&root)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for child in children {
            let o = child.wait_with_output().expect("wait");
            assert_ok(&o);
            assert_eq!(files_reported(&o), expected.len() - 1, "round {round}");
            waited += usize::from(stderr(&o).contains("another build is writing"));
        }
        assert!(tree(&public) == expected, "round {round}: public/ differs");
        assert!(!root.join(".public.minhbach-new").exists());
    }
    eprintln!("{waited} of 9 builds waited for another one");
}

#[cfg(unix)]
#[test]
fn a_public_folder_that_is_a_link_is_published_through_the_link() {
    use std::os::unix::fs::symlink;
    let site = fixture("basic");
    let root = site.path();
    let www = tempfile::tempdir().expect("temp dir");
    let target = www.path().join("html");
    symlink(&target, root.join("public")).expect("ln");
    // The link leads nowhere yet: the first build makes the folder it names.
    assert_ok(&build(root, &[]));
    assert!(root.join("public").is_symlink(), "the link was replaced");
    assert!(target.join("index.html").is_file());
    assert!(target.join(".minhbach-output").is_file());
    let first = tree(&target);
    // A second build replaces the folder the link names, and keeps the link.
    let page = root.join("content/pages/gioi-thieu.vi.md");
    let text = std::fs::read_to_string(&page).expect("read");
    std::fs::write(&page, format!("{text}\nMới sửa.\n")).expect("write");
    assert_ok(&build(root, &[]));
    assert!(root.join("public").is_symlink());
    assert_eq!(
        std::fs::read_link(root.join("public")).expect("link"),
        target
    );
    assert_ne!(tree(&target), first);
    assert!(read(root, "gioi-thieu/index.html").contains("Mới sửa."));
    // The staging and trash folders are beside the real folder, not in the site.
    assert!(!root.join(".public.minhbach-trash").exists());
    assert!(www.path().join(".html.minhbach-trash").is_dir());
    // --output naming a link works the same way.
    let link = www.path().join("staging-link");
    let staging = www.path().join("staging");
    std::fs::create_dir(&staging).expect("mkdir");
    symlink(&staging, &link).expect("ln");
    assert_ok(&build(root, &["--output", &link.to_string_lossy()]));
    assert_ok(&build(root, &["--output", &link.to_string_lossy()]));
    assert!(link.is_symlink() && staging.join("index.html").is_file());
    // A link to a folder someone else filled is refused like the folder itself.
    std::fs::write(www.path().join("mine.txt"), "x").expect("write");
    let foreign = www.path().join("foreign");
    std::fs::create_dir(&foreign).expect("mkdir");
    std::fs::write(foreign.join("keep.txt"), "keep").expect("write");
    std::fs::remove_file(root.join("public")).expect("rm");
    symlink(&foreign, root.join("public")).expect("ln");
    assert_error(
        &build(root, &[]),
        &["it is not empty and no earlier build made it"],
    );
    assert!(foreign.join("keep.txt").is_file());
}

/// A small tmpfs, mounted for the test and unmounted when it ends.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// `None` where mounting is not allowed (not root).
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).expect("mkdir");
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A build that fills the disk says so once, with how much the site needed, keeps the
/// previous site byte for byte and removes its unfinished one. This needs a real full
/// disk, an 8 MB tmpfs; where the test may not mount one (not root) it says so, and the
/// unit test `output::tests::a_full_disk_is_one_error_that_says_how_much_was_needed`
/// checks the same through a simulated one.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_stops_the_build_once_and_keeps_the_previous_site() {
    let site = fixture("basic");
    let root = site.path();
    let disk = tempfile::tempdir().expect("temp dir");
    let Some(_mounted) = Tmpfs::mount(&disk.path().join("disk"), "8m") else {
        eprintln!("SKIPPED: cannot mount a tmpfs here (needs root)");
        return;
    };
    let out = disk.path().join("disk/public");
    let out_s = out.to_string_lossy().to_string();
    assert_ok(&build(root, &["--output", &out_s]));
    let before = tree(&out);
    // 5 MB more: the new site no longer fits beside the previous one.
    let big: Vec<u8> = (0..5_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::create_dir_all(root.join("static/van-ban")).expect("mkdir");
    std::fs::write(root.join("static/van-ban/lon.pdf"), big).expect("write");
    let o = build(root, &["--output", &out_s]);
    let err = assert_error(
        &o,
        &[
            &format!("{out_s}: error[MB0609]: the disk is full: the new site needs "),
            "the previous site was not changed, and the unfinished new one was removed",
            "help: free at least ",
        ],
    );
    assert_eq!(err.matches("error[").count(), 1, "{err}");
    assert!(!err.contains("same address"), "{err}");
    assert!(tree(&out) == before, "the previous site changed");
    assert!(!disk.path().join("disk/.public.minhbach-new").exists());
    // With room again, the next build goes through.
    std::fs::remove_file(root.join("static/van-ban/lon.pdf")).expect("rm");
    assert_ok(&build(root, &["--output", &out_s]));
}
