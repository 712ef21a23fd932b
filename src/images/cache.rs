//! The processed-image cache, `.minhbach-cache/images/` in the site folder: the files made
//! from one original, under a key that is a hash of the original's bytes and of every
//! setting that shapes them ([`super::SETTINGS`]). A rebuild with unchanged photos reads
//! them back instead of decoding and encoding again; a photo replaced by another file, or
//! a change of settings or codec, gets a new key, so an entry is never stale.
//!
//! An entry is a folder of files named for what they are (`w-480x360.webp`,
//! `f-960x720.jpg`, `s-1200x630.jpg`); it is written under a temporary name and renamed
//! into place, so a build killed while writing leaves no half entry, and two builds
//! writing the same entry both end with a whole one. The cache is bounded: entries no
//! build used lately are removed once there are more than twice as many as the last build
//! used (see [`Cache::prune`]). Deleting the folder is always safe.

use super::{Role, Variant, Variants};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Where the cache lives in a site folder (and what `init`'s .gitignore leaves out).
pub const DIR: &str = ".minhbach-cache/images";

/// Entries beyond those a build used that the cache keeps (photos of drafts, of the
/// other `--drafts` setting, of a version just replaced).
const SPARE: usize = 64;

pub struct Cache {
    /// Made when the first entry is written, so a site without images gets no folder. A
    /// cache that cannot be written (a read-only site) only costs time: every image is
    /// made anew.
    dir: Option<PathBuf>,
}

impl Cache {
    pub fn open(root: &Path) -> Cache {
        Cache {
            dir: Some(root.join(DIR)),
        }
    }

    /// The entry under `key`, if there is a whole one.
    pub fn get(&self, key: &str) -> Option<Variants> {
        let entry = self.dir.as_ref()?.join(key);
        let mut files: Vec<(String, PathBuf)> = fs::read_dir(&entry)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .collect();
        files.sort();
        let mut out = Variants::default();
        for (name, path) in files {
            let v = parse_name(&name)?;
            let bytes = fs::read(path).ok()?;
            out.push(Variant { bytes, ..v });
        }
        out.complete().then_some(out)
    }

    /// Stores an entry; a cache that cannot be written only costs the next build time.
    pub fn put(&self, key: &str, v: &Variants) {
        let Some(dir) = &self.dir else { return };
        let tmp = dir.join(format!(
            ".{key}.{}.{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let write = || -> std::io::Result<()> {
            fs::create_dir_all(&tmp)?;
            if dir.join(key).is_dir() {
                // Made meanwhile by another build: theirs is as good.
                fs::remove_dir_all(&tmp)?;
                return Ok(());
            }
            for variant in v.all() {
                fs::write(tmp.join(name(variant)), &variant.bytes)?;
            }
            fs::rename(&tmp, dir.join(key))
        };
        if write().is_err() {
            let _ = fs::remove_dir_all(&tmp);
        }
    }

    /// Removes entries this build did not use once there are more than twice as many as
    /// it used (plus [`SPARE`]), oldest first, and what killed builds left half written.
    /// Returns how many were removed.
    pub fn prune(&self, used: &BTreeSet<String>) -> usize {
        let Some(dir) = &self.dir else { return 0 };
        let Ok(entries) = fs::read_dir(dir) else {
            return 0;
        };
        let mut unused = Vec::new();
        let mut total = 0;
        let mut removed = 0;
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                // Half written by a build that was killed; not this process's own.
                if !name.contains(&format!(".{}.", std::process::id()))
                    && fs::remove_dir_all(e.path()).is_ok()
                {
                    removed += 1;
                }
                continue;
            }
            total += 1;
            if !used.contains(&name) {
                let age = e.metadata().and_then(|m| m.modified()).ok();
                unused.push((age, e.path()));
            }
        }
        let keep = used.len() * 2 + SPARE;
        if total <= keep {
            return removed;
        }
        unused.sort();
        for (_, path) in unused.into_iter().take(total - keep) {
            if fs::remove_dir_all(path).is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

fn name(v: &Variant) -> String {
    let role = match v.role {
        Role::Width => "w",
        Role::Fallback => "f",
        Role::Share => "s",
    };
    format!("{role}-{}x{}.{}", v.width, v.height, v.ext)
}

/// What a file of an entry is, from its name.
fn parse_name(name: &str) -> Option<Variant> {
    let (role, rest) = name.split_once('-')?;
    let (size, ext) = rest.split_once('.')?;
    let (w, h) = size.split_once('x')?;
    let role = match role {
        "w" => Role::Width,
        "f" => Role::Fallback,
        "s" => Role::Share,
        _ => return None,
    };
    let ext = match ext {
        "webp" => "webp",
        "jpg" => "jpg",
        "png" => "png",
        _ => return None,
    };
    Some(Variant {
        role,
        width: w.parse().ok()?,
        height: h.parse().ok()?,
        ext,
        bytes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variants() -> Variants {
        let mut v = Variants::default();
        for (role, w, ext) in [
            (Role::Width, 160, "webp"),
            (Role::Width, 320, "webp"),
            (Role::Fallback, 320, "jpg"),
        ] {
            v.push(Variant {
                role,
                width: w,
                height: w / 2,
                ext,
                bytes: vec![w as u8; 3],
            });
        }
        v
    }

    #[test]
    fn an_entry_reads_back_as_written_and_a_half_one_not_at_all() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::open(dir.path());
        assert!(cache.get("k1").is_none());
        cache.put("k1", &variants());
        let back = cache.get("k1").expect("written");
        assert_eq!(
            back.all().map(name).collect::<Vec<_>>(),
            variants().all().map(name).collect::<Vec<_>>()
        );
        assert_eq!(
            back.all().next().map(|v| v.bytes.clone()),
            Some(vec![160; 3])
        );
        // An entry without its fallback is not whole.
        fs::remove_file(dir.path().join(DIR).join("k1/f-320x160.jpg")).expect("rm");
        assert!(cache.get("k1").is_none());
    }

    #[test]
    fn pruning_keeps_what_builds_use() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::open(dir.path());
        let keys: Vec<String> = (0..SPARE + 10).map(|i| format!("k{i:03}")).collect();
        for k in &keys {
            cache.put(k, &variants());
        }
        let used: BTreeSet<String> = keys[..3].iter().cloned().collect();
        assert_eq!(cache.prune(&used), SPARE + 10 - (3 * 2 + SPARE));
        for k in &used {
            assert!(cache.get(k).is_some(), "{k} was used");
        }
        assert_eq!(cache.prune(&used), 0, "nothing more to remove");
    }
}
