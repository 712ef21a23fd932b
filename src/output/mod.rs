//! Output: the planned files (sorted path → bytes) and the only code that writes to disk.
//!
//! A build is written to a sibling folder and swapped in at the end, so a failed or
//! interrupted build leaves the previous site exactly as it was.

use crate::error::{Code, Diagnostic, Error};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub mod store;

/// The files of the site as they are rendered, keyed by their `/`-separated path under
/// the output folder: kept in memory (`check`, tests), or written at once so that a big
/// site is never whole in memory — in a build to its staging folder ([`Stage`]), in the
/// preview to its store ([`store::Store`]). Of a written HTML page only its `id`s are
/// kept, for the link checks.
#[derive(Debug, Default)]
pub struct Output {
    /// The files kept in memory: all of them without a stage.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Written files → the `id`s of the HTML pages among them.
    written: BTreeMap<String, Option<BTreeSet<String>>>,
    stage: Option<Arc<Stage>>,
    /// The preview's store, when files go there instead ([`Output::storing`]).
    store: Option<Arc<store::Store>>,
    /// Files written into the store.
    pub blobs: BTreeMap<String, store::Blob>,
    /// Files are dropped once their ids are known ([`Output::discarding`]).
    discard: bool,
}

impl Output {
    /// An output that writes every file into `stage` as it comes.
    pub fn streaming(stage: Arc<Stage>) -> Output {
        Output {
            stage: Some(stage),
            ..Output::default()
        }
    }

    /// An output that puts every file into the preview's store as it comes.
    pub fn storing(store: Arc<store::Store>) -> Output {
        Output {
            store: Some(store),
            ..Output::default()
        }
    }

    /// An output that keeps nothing of a file but its path and, for a page, its ids: a
    /// check of a large site then holds no page.
    pub fn discarding() -> Output {
        Output {
            discard: true,
            ..Output::default()
        }
    }

    /// An empty output going to the same place, for a part rendered on another thread.
    pub fn empty_like(&self) -> Output {
        Output {
            stage: self.stage.clone(),
            store: self.store.clone(),
            discard: self.discard,
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
        if let Some(store) = &self.store {
            let blob = store.put(&bytes).map_err(|e| {
                format!(
                    "the preview could not keep this file in {}: {e}",
                    store.dir().display()
                )
            })?;
            self.blobs.insert(path.clone(), blob);
        } else if let Some(stage) = &self.stage {
            // A failed write is kept by the stage and ends the build once, after rendering.
            stage.write(&path, &bytes);
        } else if !self.discard {
            self.files.insert(path, bytes);
            return Ok(());
        }
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
        self.blobs.extend(part.blobs);
        for (path, bytes) in part.files {
            if self.contains(&path) {
                clashes.push(path);
            } else {
                self.files.insert(path, bytes);
            }
        }
        clashes
    }

    /// The file of the site that a new file at `path` would replace or collide with: the
    /// same path, a file under a folder of that name (`path/…`), or a file named like one
    /// of its folders; and [`MARKER`], which only a build writes.
    pub fn clash(&self, path: &str) -> Option<String> {
        if path == MARKER || self.contains(path) {
            return Some(path.to_string());
        }
        let folder = format!("{path}/");
        let under = |keys: &mut dyn Iterator<Item = &String>| {
            keys.next().filter(|k| k.starts_with(&folder)).cloned()
        };
        let inside = under(&mut self.files.range(folder.clone()..).map(|(k, _)| k))
            .or_else(|| under(&mut self.written.range(folder.clone()..).map(|(k, _)| k)));
        inside.or_else(|| {
            path.match_indices('/')
                .map(|(i, _)| &path[..i])
                .find(|p| self.contains(p))
                .map(String::from)
        })
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
///
/// All of it happens under an exclusive lock on `.<name>.minhbach-lock` beside the output
/// folder, held from before the stale folders are cleaned until the swap is done: two
/// builds into one folder would otherwise remove each other's staging folder.
#[derive(Debug)]
pub struct Stage {
    tmp: PathBuf,
    /// The output folder resolved ([`crate::paths::resolve`]): every file operation uses it.
    dest: PathBuf,
    /// The output folder as the person named it, for messages.
    shown: PathBuf,
    old: PathBuf,
    trash: PathBuf,
    /// Removing the trash of the build before, if there was one.
    emptying: Mutex<Option<std::thread::JoinHandle<()>>>,
    /// Folders made so far, so each is made once.
    dirs: Mutex<BTreeSet<PathBuf>>,
    committed: AtomicBool,
    /// Room on the disk ([`on_disk`]) of every file handed to [`Stage::write`], written
    /// or not: what the new site needs.
    planned: AtomicU64,
    /// Room taken by the files actually written, and their number.
    written: AtomicU64,
    files: AtomicUsize,
    /// The first write that failed, with the file's path; later writes are not tried.
    failed: Mutex<Option<(String, std::io::Error)>>,
    has_failed: AtomicBool,
    /// Held until the stage is dropped; the system releases it if the process dies.
    _lock: fs::File,
    /// Files 0644 and folders 0755 whatever the umask, for a web server's folder
    /// ([`Stage::for_web_server`]); a build keeps the umask's.
    web_modes: AtomicBool,
    /// Tests: fail every write with "disk full" once this many bytes are written.
    #[cfg(test)]
    fail_after: Option<u64>,
}

/// How long a build waits for another build into the same folder to finish: far longer
/// than any build takes (30,000 items build in 20 s), short enough that a hung one is noticed.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(600);

impl Stage {
    /// Prepares the staging folder of `dest`, after the rules of [`check_dest`] and under
    /// the lock. A `dest` that exists, is not empty and has no [`MARKER`] was not made by
    /// a build: it is refused unless `force`, because the swap would delete it.
    pub fn new(root: &Path, dest: &Path, force: bool) -> Result<Stage, Error> {
        Stage::open(root, dest, force, Writer::Build)
    }

    /// [`Stage::new`] for `deploy` to a folder: the same rules, said for a deploy.
    pub fn for_deploy(root: &Path, dest: &Path, force: bool) -> Result<Stage, Error> {
        Stage::open(root, dest, force, Writer::Deploy)
    }

    fn open(root: &Path, dest: &Path, force: bool, writer: Writer) -> Result<Stage, Error> {
        let real = check_dest_for(root, dest, writer)?;
        let parent = real
            .parent()
            .expect("check_dest refuses the root of the file system")
            .to_path_buf();
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = real
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().to_string());
        let lock = lock(
            &parent.join(format!(".{name}.minhbach-lock")),
            dest,
            LOCK_WAIT,
        )?;
        let tmp = parent.join(format!(".{name}.minhbach-new"));
        let old = parent.join(format!(".{name}.minhbach-old"));
        let trash = parent.join(format!(".{name}.minhbach-trash"));
        // A build killed between the two renames of the portable swap left the site in `old`.
        if !real.exists() && old.join(MARKER).is_file() {
            fs::rename(&old, &real).map_err(|e| Error::io(dest, e))?;
        }
        if !force && is_foreign(&real) {
            return Err(Error::Content(vec![Diagnostic::error(
                Code::OutputNotOurs,
                dest.display().to_string(),
                format!("refusing to {} into this folder: it is not empty and no earlier {} made it (it has no {MARKER} file), so replacing it could delete your files", writer.verb(), writer.makers()),
            )
            .hint(format!("choose another {}, empty this one, or pass --force if its files may be deleted", writer.folder()))]));
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
            dest: real,
            shown: dest.to_path_buf(),
            old,
            trash,
            emptying: Mutex::new(emptying),
            dirs: Mutex::new(BTreeSet::new()),
            committed: AtomicBool::new(false),
            planned: AtomicU64::new(0),
            written: AtomicU64::new(0),
            files: AtomicUsize::new(0),
            failed: Mutex::new(None),
            has_failed: AtomicBool::new(false),
            _lock: lock,
            web_modes: AtomicBool::new(false),
            #[cfg(test)]
            fail_after: None,
        };
        let marker = stage.tmp.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| stage.write_error(MARKER, e))?;
        Ok(stage)
    }

    /// Writes one file of the site into the staging folder. A failure is kept, not
    /// returned: the first one ends the build once rendering is done ([`Stage::check`]),
    /// reported once, and no later write is tried (a full disk would fail every one).
    pub fn write(&self, path: &str, bytes: &[u8]) {
        self.planned
            .fetch_add(on_disk(bytes.len()), Ordering::Relaxed);
        if self.has_failed.load(Ordering::Relaxed) {
            return;
        }
        match self.try_write(path, bytes) {
            Ok(()) => {
                self.written
                    .fetch_add(on_disk(bytes.len()), Ordering::Relaxed);
                self.files.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => {
                let mut failed = self
                    .failed
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if failed.is_none() {
                    *failed = Some((path.to_string(), e));
                }
                self.has_failed.store(true, Ordering::Relaxed);
            }
        }
    }

    fn try_write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        #[cfg(test)]
        if self
            .fail_after
            .is_some_and(|limit| self.written.load(Ordering::Relaxed) + bytes.len() as u64 > limit)
        {
            return Err(std::io::ErrorKind::StorageFull.into());
        }
        let full = self.make_parent(path)?;
        fs::write(&full, bytes)?;
        self.web_mode(&full, 0o644)
    }

    /// The path of `path` in the staging folder, once its folder exists.
    fn make_parent(&self, path: &str) -> std::io::Result<PathBuf> {
        let full = self.tmp.join(path);
        if let Some(dir) = full.parent() {
            let made = self
                .dirs
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .contains(dir);
            if !made {
                fs::create_dir_all(dir)?;
                // Each folder from the stage down, now that they all exist.
                for d in dir.ancestors().take_while(|d| d.starts_with(&self.tmp)) {
                    self.web_mode(d, 0o755)?;
                }
                self.dirs
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .insert(dir.to_path_buf());
            }
        }
        Ok(full)
    }

    /// Sets `mode` on `path` if the stage is [`Stage::for_web_server`].
    fn web_mode(&self, path: &Path, mode: u32) -> std::io::Result<()> {
        #[cfg(unix)]
        if self.web_modes.load(Ordering::Relaxed) {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
        }
        #[cfg(not(unix))]
        let _ = (path, mode);
        Ok(())
    }

    /// Makes what is written from now on readable by a web server whatever the umask:
    /// files 0644, folders 0755 (`deploy` to a folder; a build keeps the umask's modes).
    pub fn for_web_server(&self) -> Result<(), Error> {
        self.web_modes.store(true, Ordering::Relaxed);
        for file in [self.tmp.clone(), self.tmp.join(MARKER)] {
            let mode = if file == self.tmp { 0o755 } else { 0o644 };
            self.web_mode(&file, mode)
                .map_err(|e| Error::io(&file, e))?;
        }
        Ok(())
    }

    /// Puts the file `existing` at `path` of the new site without copying it: a hard link
    /// (a deploy keeps the files that did not change). `false` if the system cannot (another
    /// disk, a file system without links): the caller writes the bytes instead.
    pub fn link(&self, path: &str, existing: &Path) -> bool {
        if self.has_failed.load(Ordering::Relaxed) {
            return false;
        }
        let linked = self
            .make_parent(path)
            .and_then(|full| fs::hard_link(existing, full));
        if linked.is_ok() {
            self.files.fetch_add(1, Ordering::Relaxed);
        }
        linked.is_ok()
    }

    /// The folder the stage replaces, resolved (see [`check_dest`]).
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// The error of the first write that failed, if one did: said once, for the whole build.
    pub fn check(&self) -> Result<(), Error> {
        let failed = self
            .failed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        match failed {
            Some((path, e)) => Err(self.write_error(&path, e)),
            None => Ok(()),
        }
    }

    /// One message for a write that failed: a full disk says how much the site needed.
    fn write_error(&self, path: &str, e: std::io::Error) -> Error {
        use std::io::ErrorKind;
        let parent = self.dest.parent().unwrap_or(&self.dest).display();
        let (written, planned) = (
            self.written.load(Ordering::Relaxed),
            self.planned.load(Ordering::Relaxed),
        );
        let files = self.files.load(Ordering::Relaxed);
        let intact = "the previous site was not changed, and the unfinished new one was removed";
        let d = if matches!(e.kind(), ErrorKind::StorageFull | ErrorKind::QuotaExceeded) {
            let what = if e.kind() == ErrorKind::QuotaExceeded {
                "your disk quota is used up"
            } else {
                "the disk is full"
            };
            let how_far = if planned > written {
                format!(
                    "the new site needs about {} on disk and only {} ({}) could be written before {path} failed",
                    size(planned),
                    size(written),
                    count(files, "file"),
                )
            } else {
                format!("{path} of the new site could not be written")
            };
            Diagnostic::error(
                Code::DiskFull,
                self.shown.display().to_string(),
                format!("{what}: {how_far}; {intact}"),
            )
            .hint(format!(
                "free at least {} on the disk that holds {parent} (the previous site stays until the new one is complete, so both must fit; `df -h {parent}` shows the free space), or build to another disk with --output; then run the command again",
                size(planned.saturating_sub(written).max(1)),
            ))
        } else {
            Diagnostic::error(
                Code::WriteFailed,
                self.shown.display().to_string(),
                format!("cannot write {path} of the new site into {}: {e}; {intact}", self.tmp.display()),
            )
            .hint(format!("check that {parent} can be written (permissions, free space), then run the command again"))
        };
        Error::Content(vec![d])
    }

    /// Puts the staged site in place of the output folder, once it is known to hold the
    /// `expected` files of the build (and nothing else changed it), so a build never
    /// reports files it did not write.
    pub fn commit(&self, expected: usize) -> Result<(), Error> {
        self.check()?;
        let found = walkdir::WalkDir::new(&self.tmp)
            .into_iter()
            .filter(|e| e.as_ref().is_ok_and(|e| e.file_type().is_file()))
            .count();
        let marker = fs::read_to_string(self.tmp.join(MARKER)).unwrap_or_default();
        if found != expected + 1 || marker != MARKER_TEXT {
            return Err(Error::Content(vec![Diagnostic::error(
                Code::OutputChangedDuringBuild,
                self.shown.display().to_string(),
                format!(
                    "the new site in {} has {} where the build wrote {expected}: something else changed it during the build; the previous site was not changed",
                    self.tmp.display(),
                    count(found.saturating_sub(1), "file")
                ),
            )
            .hint("make sure nothing else writes to or cleans that folder while minhbach builds, then run the command again")]));
        }
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

/// The room a file of `len` bytes takes on disk: whole blocks, 4 KiB on most file systems.
/// A site is mostly small files, so the bytes alone would say far too little.
fn on_disk(len: usize) -> u64 {
    const BLOCK: u64 = 4096;
    (len as u64).div_ceil(BLOCK).max(1) * BLOCK
}

/// `1.5 MB`, `12 KB`: sizes in a message.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GB", b as f64 / f64::from(1u32 << 30)),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1u32 << 20)),
        b if b >= 1 << 10 => format!("{} KB", b.div_ceil(1 << 10)),
        b => format!("{b} bytes"),
    }
}

/// `1 file`, `2 files`.
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Takes the exclusive lock on `path` (made if missing, never removed: removing a lock
/// file lets two builds lock two different files), waiting at most `wait` for a build
/// that holds it; `dest` is what the message names.
fn lock(path: &Path, dest: &Path, wait: std::time::Duration) -> Result<fs::File, Error> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    let started = std::time::Instant::now();
    let mut said = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(fs::TryLockError::Error(e)) => return Err(Error::io(path, e)),
            Err(fs::TryLockError::WouldBlock) => {}
        }
        if started.elapsed() >= wait {
            return Err(Error::Content(vec![Diagnostic::error(
                Code::OutputLocked,
                dest.display().to_string(),
                format!(
                    "another build is writing into this folder and has not finished after {} s; nothing was written",
                    wait.as_secs()
                ),
            )
            .hint(format!("wait for the other build (it holds the lock on {}) to finish, or stop it, then run the command again", path.display()))]));
        }
        if !said {
            eprintln!(
                "{}: another build is writing into this folder; waiting for it to finish (at most {} s)…",
                dest.display(),
                wait.as_secs()
            );
            said = true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Waits for and takes the lock that builds into `dest` take (see [`Stage`]), for someone
/// who reads the folder and must not see a build replace it halfway (`deploy`). Released
/// when the file is dropped, or by the system if the process dies.
pub fn hold(dest: &Path) -> Result<fs::File, Error> {
    let real = crate::paths::resolved(dest);
    let (Some(parent), Some(name)) = (real.parent(), real.file_name()) else {
        return Err(Error::io(dest, std::io::ErrorKind::InvalidInput.into()));
    };
    let name = name.to_string_lossy();
    lock(
        &parent.join(format!(".{name}.minhbach-lock")),
        dest,
        LOCK_WAIT,
    )
}

/// The file that marks a folder as made by `minhbach build`, so a later build may replace it.
pub const MARKER: &str = ".minhbach-output";
const MARKER_TEXT: &str = "This folder was written by `minhbach build` and is replaced as a whole \
by the next build. Do not put files here by hand: put them in static/.\n";

/// Refuses output folders whose replacement would destroy something that is not a build:
/// a file, the site itself or its sources, the home folder, `/`, or a folder that contains
/// any of them. `--force` does not lift these; it only lifts the marker rule in
/// [`Stage::new`]. The rules look at the folder [`resolve`](crate::paths::resolve)d, so
/// neither `..` after a folder that does not exist yet nor a symbolic link gets around
/// them; the resolved folder is returned, and it is the one a build replaces (a `public`
/// that is a link to the web server's folder stays a link: the folder it points to is
/// replaced).
pub fn check_dest(root: &Path, dest: &Path) -> Result<PathBuf, Error> {
    check_dest_for(root, dest, Writer::Build)
}

/// Who replaces a folder, for the messages of [`check_dest`] and [`Stage::new`].
#[derive(Debug, Clone, Copy)]
enum Writer {
    Build,
    Deploy,
}

impl Writer {
    fn verb(self) -> &'static str {
        match self {
            Writer::Build => "build",
            Writer::Deploy => "deploy",
        }
    }

    /// Whose marker makes a folder replaceable.
    fn makers(self) -> &'static str {
        match self {
            Writer::Build => "build",
            Writer::Deploy => "build or deploy",
        }
    }

    /// The folder to choose instead.
    fn folder(self) -> &'static str {
        match self {
            Writer::Build => "--output folder",
            Writer::Deploy => "target folder (the web server's, e.g. /var/www/minhbach)",
        }
    }
}

fn check_dest_for(root: &Path, dest: &Path, writer: Writer) -> Result<PathBuf, Error> {
    use crate::paths::resolved;
    let (d, r) = (resolved(dest), resolved(root));
    let refuse = |why: &str, hint: &str| {
        let seen = if d.as_path() == dest {
            String::new()
        } else {
            format!(" (the folder {} names is {})", dest.display(), d.display())
        };
        Err(Error::Content(vec![Diagnostic::error(
            Code::UnsafeOutput,
            dest.display().to_string(),
            format!(
                "refusing to {} into this folder: {why}{seen}",
                writer.verb()
            ),
        )
        .hint(hint.to_string())]))
    };
    let hint = match writer {
        Writer::Build => "choose an output folder such as public/ (the default) or a new folder",
        Writer::Deploy => "choose the web server's folder, e.g. /var/www/minhbach, or a new folder",
    };
    if d.parent().is_none() {
        return refuse("it is the root of the file system", hint);
    }
    let home = std::env::var_os("HOME").map(|h| resolved(Path::new(&h)));
    if home.as_ref() == Some(&d) {
        return refuse(
            &format!(
                "it is your home folder, and the {} replaces the whole folder",
                writer.verb()
            ),
            hint,
        );
    }
    if r.starts_with(&d) {
        return refuse(
            &format!(
                "it is the site folder or contains it; the {} would replace the site's own files",
                writer.verb()
            ),
            hint,
        );
    }
    if home.is_some_and(|h| h.starts_with(&d)) {
        return refuse(
            &format!(
                "it contains your home folder, and the {} replaces the whole folder",
                writer.verb()
            ),
            hint,
        );
    }
    // /home, /usr, /tmp…: other people's home folders and the system's own, whoever runs
    // the build (root's home is /root); only a build's own output may be replaced there.
    if d.parent() == Some(Path::new("/")) && is_foreign(&d) {
        return refuse(
            &format!("it is a folder of the system at the top of the file system, and the {} would replace it whole", writer.verb()),
            hint,
        );
    }
    for source in [
        "content/",
        "static/",
        "themes/",
        "templates/",
        crate::config::FILE,
    ] {
        if d.starts_with(resolved(&r.join(source.trim_end_matches('/')))) {
            return refuse(
                &format!("it is inside {source}, which holds the site's own files"),
                hint,
            );
        }
    }
    if d.exists() && !d.is_dir() {
        return refuse(
            "it is a file, not a folder",
            "choose a folder for the built site, such as public/ (the default)",
        );
    }
    Ok(d)
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

    /// The stage of `dest` for a site beside it.
    fn stage(dest: &Path, force: bool) -> Result<Stage, Error> {
        let site = dest.parent().expect("parent").join("site");
        Stage::new(&site, dest, force)
    }

    /// Builds a site of `files` into `dest` the way `build` does: staged, then swapped.
    fn publish(dest: &Path, files: &[(&str, &str)], force: bool) -> Result<(), Error> {
        let stage = stage(dest, force)?;
        for (path, text) in files {
            stage.write(path, text.as_bytes());
        }
        stage.commit(files.len())
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
            let stage = Arc::new(stage(&dest, false).expect("stage"));
            let mut out = Output::streaming(Arc::clone(&stage));
            out.add(
                "a/index.html".into(),
                format!("<h2 id=\"{text}\">{text}</h2>").into(),
            )
            .expect("add");
            assert!(out.add("a/index.html".into(), Vec::new()).is_err(), "clash");
            assert!(out.files.is_empty() && out.len() == 1);
            assert_eq!(out.ids("a/index.html"), Some([text.to_string()].into()));
            stage.commit(out.len()).expect("commit");
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
        let stage = stage(&dest, false).expect("stage");
        stage.write("a/index.html", b"half");
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

    /// The rules hold on the folder a path names; none of these writes anything.
    #[test]
    fn system_folders_are_refused_however_they_are_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("site");
        for dest in [
            "/tmp/x/../../usr",
            "/usr/nonexistent/../../etc",
            "/",
            "/tmp/..",
        ] {
            let Err(Error::Content(d)) = check_dest(&site, Path::new(dest)) else {
                panic!("{dest} was not refused");
            };
            assert!(
                d[0].message
                    .starts_with("refusing to build into this folder: it is"),
                "{}",
                d[0]
            );
        }
        let fresh = check_dest(&site, &dir.path().join("out/x/../public")).expect("fine");
        assert_eq!(fresh, crate::paths::resolved(dir.path()).join("out/public"));
    }

    #[test]
    fn a_second_build_waits_for_the_lock_and_then_says_who_holds_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (path, dest) = (dir.path().join(".p.minhbach-lock"), dir.path().join("p"));
        let held = lock(&path, &dest, std::time::Duration::ZERO).expect("first lock");
        let started = std::time::Instant::now();
        let wait = std::time::Duration::from_millis(300);
        let Err(Error::Content(d)) = lock(&path, &dest, wait) else {
            panic!("a held lock was taken twice");
        };
        assert!(started.elapsed() >= wait);
        assert_eq!(d[0].code, crate::error::Code::OutputLocked);
        assert!(
            d[0].message
                .starts_with("another build is writing into this folder and has not finished"),
            "{}",
            d[0]
        );
        drop(held);
        lock(&path, &dest, std::time::Duration::ZERO).expect("free again");
    }

    /// The logic of `tests/output.rs`'s real full disk, where no tmpfs can be mounted.
    #[test]
    fn a_full_disk_is_one_error_that_says_how_much_was_needed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let dest = dir.path().join("p");
        publish(&dest, &[("index.html", "previous")], false).expect("first build");
        let mut stage = stage(&dest, false).expect("stage");
        stage.fail_after = Some(5000);
        stage.write("a.html", &[b'a'; 1500]);
        stage.write("b.html", &[b'b'; 1000]);
        stage.write("c.html", &[b'c'; 3000]);
        assert!(
            !stage.tmp.join("c.html").exists(),
            "no write after the first failure"
        );
        let Err(Error::Content(d)) = stage.commit(3) else {
            panic!("a build that could not write committed");
        };
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "the disk is full: the new site needs about 12 KB on disk and only 4 KB (1 file) could be written before b.html failed; the previous site was not changed, and the unfinished new one was removed"
        );
        assert!(d[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.starts_with("free at least 8 KB")));
        drop(stage);
        assert!(!dir.path().join(".p.minhbach-new").exists());
        assert_eq!(
            fs::read_to_string(dest.join("index.html")).expect("read"),
            "previous"
        );
    }

    #[test]
    fn a_stage_that_lost_files_is_not_committed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let dest = dir.path().join("p");
        publish(&dest, &[("index.html", "previous")], false).expect("first build");
        let stage = stage(&dest, false).expect("stage");
        stage.write("a/index.html", b"a");
        stage.write("b/index.html", b"b");
        fs::remove_file(stage.tmp.join("b/index.html")).expect("rm");
        let Err(Error::Content(d)) = stage.commit(2) else {
            panic!("committed a stage with a file missing");
        };
        assert!(
            d[0].message.contains("has 1 file where the build wrote 2"),
            "{}",
            d[0]
        );
        assert_eq!(
            fs::read_to_string(dest.join("index.html")).expect("read"),
            "previous"
        );
    }
}
