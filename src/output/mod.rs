//! Output: the planned files (sorted path → bytes) and the only code that writes to disk.
//!
//! A build is written to a sibling folder and swapped in at the end, so a failed or
//! interrupted build leaves the previous site exactly as it was.

use crate::error::{Diagnostic, Error};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// The files of the site as they are rendered, keyed by their `/`-separated path under
/// the output folder: kept in memory (`check`, the preview, tests), or, in a build,
/// written to the build's staging folder at once ([`Stage`]) so that a big site is never
/// whole in memory. Of a written HTML page only its `id`s are kept, for the link checks.
#[derive(Debug, Default)]
pub struct Output {
    /// The files kept in memory: all of them without a stage.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Written files → the `id`s of the HTML pages among them.
    written: BTreeMap<String, Option<BTreeSet<String>>>,
    stage: Option<Arc<Stage>>,
}

impl Output {
    /// An output that writes every file into `stage` as it comes.
    pub fn streaming(stage: Arc<Stage>) -> Output {
        Output {
            stage: Some(stage),
            ..Output::default()
        }
    }

    /// An empty output going to the same place, for a part rendered on another thread.
    pub fn empty_like(&self) -> Output {
        Output {
            stage: self.stage.clone(),
            ..Output::default()
        }
    }

    /// Adds a file; a second file at the same path is a bug in the page plan, not user input.
    pub fn add(&mut self, path: String, bytes: Vec<u8>) -> Result<(), String> {
        if self.contains(&path) {
            return Err(format!("two outputs want the same file {path}"));
        }
        self.put(path, bytes)
    }

    /// Adds or replaces a file (static files replace theme assets of the same name).
    pub fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<(), String> {
        let Some(stage) = &self.stage else {
            self.files.insert(path, bytes);
            return Ok(());
        };
        stage
            .write(&path, &bytes)
            .map_err(|e| format!("cannot write the file: {e}"))?;
        let ids = path
            .ends_with(".html")
            .then(|| crate::check::ids(&String::from_utf8_lossy(&bytes)));
        self.written.insert(path, ids);
        Ok(())
    }

    /// Takes in what a part made (see [`Output::empty_like`]); clashes are returned.
    pub fn join(&mut self, part: Output) -> Vec<String> {
        let mut clashes = Vec::new();
        for (path, ids) in part.written {
            if self.contains(&path) {
                clashes.push(path);
            } else {
                self.written.insert(path, ids);
            }
        }
        for (path, bytes) in part.files {
            if self.contains(&path) {
                clashes.push(path);
            } else {
                self.files.insert(path, bytes);
            }
        }
        clashes
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.written.contains_key(path)
    }

    /// Files in all, kept and written.
    pub fn len(&self) -> usize {
        self.files.len() + self.written.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `id` attributes of an HTML file of the site, if it is one.
    pub fn ids(&self, path: &str) -> Option<BTreeSet<String>> {
        match self.written.get(path) {
            Some(ids) => ids.clone(),
            None => (self.files.get(path))
                .map(|bytes| crate::check::ids(&String::from_utf8_lossy(bytes))),
        }
    }
}

/// The staging folder of a build, `.<name>.minhbach-new` beside the output folder: files
/// are written into it as they are rendered, from any thread, and it replaces the output
/// folder only when the whole build succeeded ([`Stage::commit`]); dropped uncommitted, it
/// is removed, and the output folder was never touched.
///
/// The site a build replaces is kept beside it, in `.<name>.minhbach-trash`, and removed
/// by the next build on a thread of its own while that build renders: removing 25,000
/// files takes seconds that no build should wait for.
#[derive(Debug)]
pub struct Stage {
    tmp: PathBuf,
    dest: PathBuf,
    old: PathBuf,
    trash: PathBuf,
    /// Removing the trash of the build before, if there was one.
    emptying: Mutex<Option<std::thread::JoinHandle<()>>>,
    /// Folders made so far, so each is made once.
    dirs: Mutex<BTreeSet<PathBuf>>,
    committed: AtomicBool,
}

impl Stage {
    /// Prepares the staging folder of `dest`. A `dest` that exists, is not empty and has
    /// no [`MARKER`] was not made by a build: it is refused unless `force`, because the
    /// swap would delete it.
    pub fn new(dest: &Path, force: bool) -> Result<Stage, Error> {
        let parent = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = dest
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().to_string());
        let tmp = parent.join(format!(".{name}.minhbach-new"));
        let old = parent.join(format!(".{name}.minhbach-old"));
        let trash = parent.join(format!(".{name}.minhbach-trash"));
        // A build killed between the two renames of the portable swap left the site in `old`.
        if !dest.exists() && old.join(MARKER).is_file() {
            fs::rename(&old, dest).map_err(|e| Error::io(dest, e))?;
        }
        if !force && is_foreign(dest) {
            return Err(Error::Content(vec![Diagnostic::error(
                dest.display().to_string(),
                format!("refusing to build into this folder: it is not empty and no earlier build made it (it has no {MARKER} file), so replacing it could delete your files"),
            )
            .hint("choose another --output folder, empty this one, or pass --force if its files may be deleted")]));
        }
        // What a killed build left behind is ours to remove.
        for stale in [&tmp, &old] {
            if stale.exists() {
                fs::remove_dir_all(stale).map_err(|e| Error::io(stale, e))?;
            }
        }
        fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let emptying = trash.exists().then(|| {
            let trash = trash.clone();
            std::thread::spawn(move || {
                let _ = fs::remove_dir_all(trash);
            })
        });
        let stage = Stage {
            tmp,
            dest: dest.to_path_buf(),
            old,
            trash,
            emptying: Mutex::new(emptying),
            dirs: Mutex::new(BTreeSet::new()),
            committed: AtomicBool::new(false),
        };
        let marker = stage.tmp.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, e))?;
        Ok(stage)
    }

    /// Writes one file of the site into the staging folder.
    pub fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let full = self.tmp.join(path);
        if let Some(dir) = full.parent() {
            let made = self
                .dirs
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .contains(dir);
            if !made {
                fs::create_dir_all(dir)?;
                self.dirs
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .insert(dir.to_path_buf());
            }
        }
        fs::write(&full, bytes)
    }

    /// Puts the staged site in place of the output folder.
    pub fn commit(&self) -> Result<(), Error> {
        self.committed.store(true, Ordering::SeqCst);
        let emptying = self
            .emptying
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(thread) = emptying {
            let _ = thread.join();
        }
        if self.trash.exists() {
            fs::remove_dir_all(&self.trash).map_err(|e| Error::io(&self.trash, e))?;
        }
        swap(&self.tmp, &self.dest, &self.old, &self.trash)
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if !self.committed.load(Ordering::SeqCst) {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// The file that marks a folder as made by `minhbach build`, so a later build may replace it.
pub const MARKER: &str = ".minhbach-output";
const MARKER_TEXT: &str = "This folder was written by `minhbach build` and is replaced as a whole \
by the next build. Do not put files here by hand: put them in static/.\n";

/// Refuses output folders whose replacement would destroy something that is not a build:
/// the site itself or its sources, a folder that contains the site, the home folder or `/`.
/// `--force` does not lift these; it only lifts the marker rule in [`Stage::new`].
pub fn check_dest(root: &Path, dest: &Path) -> Result<(), Error> {
    let abs = |p: &Path| {
        let a = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        // Resolve symlinks where the folder exists, so `ln -s . out` is caught too.
        fs::canonicalize(&a).unwrap_or(a)
    };
    let (d, r) = (abs(dest), abs(root));
    let refuse = |why: &str, hint: &str| {
        Err(Error::Content(vec![Diagnostic::error(
            dest.display().to_string(),
            format!("refusing to build into this folder: {why}"),
        )
        .hint(hint.to_string())]))
    };
    let hint = "choose an output folder such as public/ (the default) or a new folder";
    if d.parent().is_none() {
        return refuse("it is the root of the file system", hint);
    }
    if std::env::var_os("HOME").is_some_and(|h| abs(Path::new(&h)) == d) {
        return refuse(
            "it is your home folder, and the build replaces the whole folder",
            hint,
        );
    }
    if r.starts_with(&d) {
        return refuse(
            "it is the site folder or contains it; the build would replace the site's own files",
            hint,
        );
    }
    for source in ["content", "static", "themes", "templates"] {
        if d.starts_with(r.join(source)) {
            return refuse(
                &format!("it is inside {source}/, which holds the site's own files"),
                hint,
            );
        }
    }
    Ok(())
}

/// Not a build: a non-empty folder without the marker, or a file.
fn is_foreign(dest: &Path) -> bool {
    match fs::read_dir(dest) {
        Ok(mut entries) => entries.next().is_some() && !dest.join(MARKER).is_file(),
        Err(_) => dest.exists(),
    }
}

/// Puts `tmp` in place of `dest`. On Linux the two folders trade places in one atomic
/// rename, so there is no moment without a whole `dest`, even if the process is killed.
/// File systems without RENAME_EXCHANGE fall back to the portable swap.
/// The previous site ends in `trash`, for the next build to remove.
#[cfg(target_os = "linux")]
fn swap(tmp: &Path, dest: &Path, old: &Path, trash: &Path) -> Result<(), Error> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    if !dest.exists() {
        return fs::rename(tmp, dest).map_err(|e| Error::io(dest, e));
    }
    match renameat_with(CWD, tmp, CWD, dest, RenameFlags::EXCHANGE) {
        // `tmp` now holds the previous site.
        Ok(()) => fs::rename(tmp, trash).map_err(|e| Error::io(tmp, e)),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => swap_portable(tmp, dest, old),
        Err(e) => Err(Error::io(dest, e.into())),
    }
}

#[cfg(not(target_os = "linux"))]
fn swap(tmp: &Path, dest: &Path, old: &Path, _trash: &Path) -> Result<(), Error> {
    swap_portable(tmp, dest, old)
}

/// Two renames. A kill between them leaves the previous site in `old`, which the next
/// build puts back before anything else (see [`Stage::new`]).
fn swap_portable(tmp: &Path, dest: &Path, old: &Path) -> Result<(), Error> {
    if dest.exists() {
        fs::rename(dest, old).map_err(|e| Error::io(dest, e))?;
    }
    if let Err(e) = fs::rename(tmp, dest) {
        // Put the previous site back before reporting.
        let _ = fs::rename(old, dest);
        return Err(Error::io(dest, e));
    }
    if old.exists() {
        fs::remove_dir_all(old).map_err(|e| Error::io(old, e))?;
    }
    Ok(())
}

/// Writes small generated files (schemas) in place, creating their folders; files that are
/// already there are replaced.
pub fn write_files(files: &[(PathBuf, String)]) -> Result<(), Error> {
    for (path, text) in files {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        fs::write(path, text).map_err(|e| Error::io(path, e))?;
    }
    Ok(())
}

/// Creates new files that people will edit, never replacing one: the caller has checked
/// that none exists, and `create_new` makes the check and the write one step. If any file
/// cannot be created, the ones created before it are removed again.
pub fn create_files(files: &[(PathBuf, String)]) -> Result<(), Error> {
    use std::io::Write;
    let mut created: Vec<&Path> = Vec::new();
    let result = (|| {
        for (path, text) in files {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
            created.push(path);
            f.write_all(text.as_bytes())
                .map_err(|e| Error::io(path, e))?;
        }
        Ok(())
    })();
    if result.is_err() {
        for p in created {
            let _ = fs::remove_file(p);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a site of `files` into `dest` the way `build` does: staged, then swapped.
    fn publish(dest: &Path, files: &[(&str, &str)], force: bool) -> Result<(), Error> {
        let stage = Stage::new(dest, force)?;
        for (path, text) in files {
            stage.write(path, text.as_bytes()).expect("write");
        }
        stage.commit()
    }

    #[test]
    fn portable_swap_replaces_the_site_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (tmp, dest, old) = (
            dir.path().join(".p.minhbach-new"),
            dir.path().join("p"),
            dir.path().join(".p.minhbach-old"),
        );
        for (d, text) in [(&tmp, "new"), (&dest, "old")] {
            fs::create_dir_all(d).expect("mkdir");
            fs::write(d.join("index.html"), text).expect("write");
        }
        swap_portable(&tmp, &dest, &old).expect("swap");
        assert_eq!(
            fs::read_to_string(dest.join("index.html")).expect("read"),
            "new"
        );
        assert!(!tmp.exists() && !old.exists());
    }

    /// The replaced site waits in the trash until the next build, which empties it while
    /// it renders; a streamed build writes the same files as one planned in memory.
    #[test]
    fn each_build_empties_the_trash_of_the_one_before() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (dest, trash) = (dir.path().join("p"), dir.path().join(".p.minhbach-trash"));
        let read = |p: &Path| fs::read_to_string(p.join("a/index.html")).expect("read");
        for (n, text) in ["first", "second", "third"].iter().enumerate() {
            let stage = Arc::new(Stage::new(&dest, false).expect("stage"));
            let mut out = Output::streaming(Arc::clone(&stage));
            out.add(
                "a/index.html".into(),
                format!("<h2 id=\"{text}\">{text}</h2>").into(),
            )
            .expect("add");
            assert!(out.add("a/index.html".into(), Vec::new()).is_err(), "clash");
            assert!(out.files.is_empty() && out.len() == 1);
            assert_eq!(out.ids("a/index.html"), Some([text.to_string()].into()));
            stage.commit().expect("commit");
            assert_eq!(read(&dest), format!("<h2 id=\"{text}\">{text}</h2>"));
            if n == 0 {
                assert!(!trash.exists());
            } else {
                assert_eq!(
                    read(&trash),
                    format!("<h2 id=\"{0}\">{0}</h2>", ["first", "second"][n - 1])
                );
            }
        }
        // A build that fails leaves the site and removes its stage.
        let stage = Stage::new(&dest, false).expect("stage");
        stage.write("a/index.html", b"half").expect("write");
        drop(stage);
        assert!(read(&dest).contains("third"));
        assert!(!dir.path().join(".p.minhbach-new").exists());
    }

    /// A kill between the two renames of the portable swap leaves no `dest` and the
    /// previous site in `-old`: the next build puts it back and then replaces it as usual.
    #[test]
    fn a_site_left_in_old_by_a_kill_is_recovered() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (dest, old) = (dir.path().join("p"), dir.path().join(".p.minhbach-old"));
        fs::create_dir_all(&old).expect("mkdir");
        fs::write(old.join(MARKER), "").expect("write");
        fs::write(old.join("index.html"), "previous").expect("write");
        publish(&dest, &[("index.html", "next")], false).expect("build");
        assert_eq!(
            fs::read_to_string(dest.join("index.html")).expect("read"),
            "next"
        );
        assert!(dest.join(MARKER).is_file() && !old.exists());
    }

    #[test]
    fn a_foreign_folder_is_refused_and_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let dest = dir.path().join("p");
        fs::create_dir_all(&dest).expect("mkdir");
        fs::write(dest.join("mine.txt"), "keep").expect("write");
        assert!(publish(&dest, &[("index.html", "x")], false).is_err());
        assert!(dest.join("mine.txt").is_file());
        publish(&dest, &[("index.html", "x")], true).expect("forced");
        assert!(!dest.join("mine.txt").exists());
    }
}
