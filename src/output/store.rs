//! The preview's files on disk: a private, content-addressed folder
//! (`.minhbach-cache/preview/<process>-<n>/`) that the preview server answers from.
//!
//! Why on disk: the pages of a large site are most of what a preview would hold (about
//! 500 MB of files at 10,000 items per language, where the model and the search index
//! are ~350 MB), and a file is read only when a browser asks for it. A file is stored
//! under the hash of its bytes, so a rebuild writes only what changed (an unchanged page
//! is the same file), a snapshot of the site is a map from path to [`Blob`] that costs
//! bytes, not kilobytes, per file, and the snapshot being served stays readable while the
//! next one is written. Files no snapshot needs any more are removed one rebuild later
//! ([`Store::retire`]), and the whole folder when the preview stops.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A stored file: its hash and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Blob {
    hash: [u8; 16],
    len: u64,
}

impl Blob {
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn name(&self) -> String {
        self.hash.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The folder of one preview session.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
}

/// Sessions opened by this process, for a folder name no other session has.
static OPENED: AtomicUsize = AtomicUsize::new(0);

impl Store {
    /// Opens an empty store under the site's cache folder, first removing the folders of
    /// previews that are no longer running (a preview that was killed leaves its own).
    pub fn open(root: &Path) -> io::Result<Store> {
        Store::open_in(&root.join(".minhbach-cache").join("preview"))
    }

    /// Opens an empty store in a folder of `base`.
    pub fn open_in(base: &Path) -> io::Result<Store> {
        remove_stale(base);
        let n = OPENED.fetch_add(1, Ordering::Relaxed);
        let dir = base.join(format!("{}-{n}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        Ok(Store { dir })
    }

    /// The folder, for messages.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, blob: &Blob) -> PathBuf {
        let name = blob.name();
        self.dir.join(&name[..2]).join(&name[2..])
    }

    /// Stores `bytes` (once: the same bytes are the same file) and returns their blob.
    pub fn put(&self, bytes: &[u8]) -> io::Result<Blob> {
        let hash = blake3::hash(bytes);
        let mut short = [0u8; 16];
        short.copy_from_slice(&hash.as_bytes()[..16]);
        let blob = Blob {
            hash: short,
            len: bytes.len() as u64,
        };
        let path = self.path(&blob);
        if fs::metadata(&path).is_ok_and(|m| m.len() == blob.len) {
            return Ok(blob);
        }
        let parent = path.parent().expect("a blob is in a folder");
        fs::create_dir_all(parent)?;
        // Written whole under another name and renamed: a reader never sees half a file,
        // and two threads storing the same bytes do not write into one file.
        static TMP: AtomicUsize = AtomicUsize::new(0);
        let tmp = parent.join(format!(".tmp-{}", TMP.fetch_add(1, Ordering::Relaxed)));
        fs::write(&tmp, bytes)?;
        fs::rename(&tmp, &path)?;
        Ok(blob)
    }

    /// The bytes of a stored file.
    pub fn read(&self, blob: &Blob) -> io::Result<Vec<u8>> {
        fs::read(self.path(blob))
    }

    /// Removes the files of `old` that neither `keep` snapshot uses.
    pub fn retire(&self, old: &Files, keep: &[&Files]) {
        let kept: HashSet<&Blob> = keep.iter().flat_map(|f| f.map.values()).collect();
        for blob in old.map.values() {
            if !kept.contains(blob) {
                let _ = fs::remove_file(self.path(blob));
            }
        }
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Removes the folders of previews whose process has ended. Only where the system lists
/// its processes (`/proc`); elsewhere a killed preview's folder stays until the cache
/// folder is deleted.
fn remove_stale(base: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some((pid, _)) = name.split_once('-') else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !proc.join(pid).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// A snapshot of the preview's site: every file's path and blob, and the store that has
/// their bytes.
#[derive(Debug, Clone)]
pub struct Files {
    store: Arc<Store>,
    map: BTreeMap<String, Blob>,
}

impl Files {
    pub fn new(store: Arc<Store>, map: BTreeMap<String, Blob>) -> Files {
        Files { store, map }
    }

    /// Stores each file: for tests and small sites made in memory.
    pub fn from_bytes<'a>(
        store: Arc<Store>,
        files: impl IntoIterator<Item = (String, &'a [u8])>,
    ) -> io::Result<Files> {
        let mut map = BTreeMap::new();
        for (path, bytes) in files {
            map.insert(path, store.put(bytes)?);
        }
        Ok(Files { store, map })
    }

    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.map.contains_key(path)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }

    pub fn blobs(&self) -> &BTreeMap<String, Blob> {
        &self.map
    }

    pub fn blobs_mut(&mut self) -> &mut BTreeMap<String, Blob> {
        &mut self.map
    }

    pub fn blob(&self, path: &str) -> Option<Blob> {
        self.map.get(path).copied()
    }

    /// The bytes of the file at `path`; `None` if there is none (or it could not be read,
    /// which a preview shows as a missing file).
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        self.store.read(self.map.get(path)?).ok()
    }
}

/// A store in the system's temporary folder, for unit tests.
#[cfg(test)]
pub fn scratch() -> Arc<Store> {
    let root = std::env::temp_dir().join(format!("minhbach-unit-{}", std::process::id()));
    Arc::new(Store::open(&root).expect("a store in the temporary folder"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_are_one_file_and_retired_files_go() {
        let store = scratch();
        let one = |items: &[(&str, &str)]| {
            Files::from_bytes(
                Arc::clone(&store),
                items.iter().map(|(p, b)| (p.to_string(), b.as_bytes())),
            )
            .expect("stored")
        };
        let first = one(&[("a.html", "same"), ("b.html", "same"), ("c.css", "old")]);
        assert_eq!(first.blob("a.html"), first.blob("b.html"));
        assert_eq!(first.read("c.css").as_deref(), Some(&b"old"[..]));
        let second = one(&[("a.html", "same"), ("c.css", "new")]);
        store.retire(&first, &[&second]);
        assert_eq!(second.read("a.html").as_deref(), Some(&b"same"[..]));
        assert_eq!(first.read("c.css"), None, "no snapshot needs it any more");
        assert_eq!(second.read("c.css").as_deref(), Some(&b"new"[..]));
        let dir = store.dir.clone();
        drop((first, second, store));
        assert!(!dir.exists(), "the folder goes with the store");
    }
}
