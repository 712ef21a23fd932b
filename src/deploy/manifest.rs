//! The manifest of what is online, kept on the target as [`FILE`]: each file's path, size
//! and SHA-256. A deploy compares it with the built site to upload only new and changed
//! files and to delete only files it put there itself; nothing is listed or downloaded
//! from the target but this one file.

use super::kinds::Phase;
use serde::{Deserialize, Serialize};
use sha2::Digest;
use std::collections::BTreeMap;
use std::path::Path;

/// The manifest's name, at the root of the target. Not a file of the site: never uploaded
/// as one, never deleted.
pub const FILE: &str = ".minhbach-deploy.json";

/// One file online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Online {
    pub size: u64,
    pub sha256: String,
}

/// What is online, by path from the target's root (`en/index.html`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The format; a later version of minhbach that changes it says so.
    pub version: u32,
    pub files: BTreeMap<String, Online>,
}

const VERSION: u32 = 1;

impl Manifest {
    /// Sorted, one file per line: small diffs when looked at, the same bytes for the same
    /// site.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = format!("{{\"version\":{VERSION},\"files\":{{");
        for (i, (path, f)) in self.files.iter().enumerate() {
            let sep = if i == 0 { "\n" } else { ",\n" };
            let key = serde_json::to_string(path).expect("a string serializes");
            out.push_str(&format!(
                "{sep}{key}:{{\"size\":{},\"sha256\":\"{}\"}}",
                f.size, f.sha256
            ));
        }
        out.push_str("\n}}\n");
        out.into_bytes()
    }

    /// Reads a manifest; `None` with what is wrong.
    pub fn from_json(bytes: &[u8]) -> Result<Manifest, String> {
        let m: Manifest = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if m.version != VERSION {
            return Err(format!(
                "it is of version {}, and this minhbach reads version {VERSION}",
                m.version
            ));
        }
        Ok(m)
    }
}

/// The files of a built site: path → what the manifest says of it.
pub type Local = BTreeMap<String, Online>;

/// Reads and hashes every file of the built site in `dir`, except the build's own marker.
pub fn scan(dir: &Path) -> Result<Local, std::io::Error> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("walkdir stays inside its root")
            .to_string_lossy()
            .replace('\\', "/");
        if rel == crate::output::MARKER || rel == FILE {
            continue;
        }
        let bytes = std::fs::read(entry.path())?;
        out.insert(rel, online(&bytes));
    }
    Ok(out)
}

/// What the manifest says of a file with these bytes.
pub fn online(bytes: &[u8]) -> Online {
    let digest = sha2::Sha256::digest(bytes);
    Online {
        size: bytes.len() as u64,
        sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

/// What a deploy does: the files to upload, in [`Phase`] order (then by path), and the
/// files to delete.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub deleted: Vec<String>,
    /// Files online before this deploy.
    pub online: usize,
    /// Bytes to upload.
    pub bytes: u64,
}

impl Plan {
    pub fn new(local: &Local, online: &Manifest) -> Plan {
        let mut plan = Plan {
            online: online.files.len(),
            ..Plan::default()
        };
        for (path, file) in local {
            match online.files.get(path) {
                None => plan.added.push(path.clone()),
                Some(o) if o != file => plan.changed.push(path.clone()),
                Some(_) => continue,
            }
            plan.bytes += file.size;
        }
        plan.deleted = (online.files.keys())
            .filter(|p| !local.contains_key(*p))
            .cloned()
            .collect();
        plan
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.deleted.is_empty()
    }

    /// Every file to upload, new or changed, in the order to upload them.
    pub fn uploads(&self) -> Vec<&str> {
        let mut all: Vec<&str> = (self.added.iter().chain(&self.changed))
            .map(String::as_str)
            .collect();
        all.sort_by(|a, b| Phase::of(a).cmp(&Phase::of(b)).then_with(|| a.cmp(b)));
        all
    }

    /// Why the deletions exceed `guard` (with `allowed` from `--allow-deletions`), if they do.
    pub fn refused(&self, guard: super::spec::Guard, allowed: Option<usize>) -> Option<String> {
        let n = self.deleted.len();
        if let Some(a) = allowed {
            return (n > a)
                .then(|| format!("{n} deletions, more than the {a} allowed by --allow-deletions"));
        }
        if n > guard.max_deletions {
            return Some(format!(
                "{n} deletions, more than the {} allowed (max_deletions)",
                guard.max_deletions
            ));
        }
        // Small sites change by a larger share; the share counts from 20 files online.
        let percent = n * 100 / self.online.max(1);
        if self.online >= 20 && percent > usize::from(guard.max_percent) {
            return Some(format!(
                "{n} deletions, {percent}% of the {} files online, more than the {}% allowed (max_deletion_percent)",
                self.online, guard.max_percent
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::spec::Guard;

    fn local(files: &[(&str, &str)]) -> Local {
        files
            .iter()
            .map(|(p, t)| (p.to_string(), online(t.as_bytes())))
            .collect()
    }

    #[test]
    fn only_new_and_changed_files_are_uploaded_assets_first() {
        let before = local(&[
            ("index.html", "a"),
            ("style.css", "s"),
            ("old/index.html", "o"),
        ]);
        let online = Manifest {
            version: VERSION,
            files: before,
        };
        let now = local(&[
            ("index.html", "b"),
            ("style.css", "s"),
            ("sitemap.xml", "x"),
            ("anh/a.jpg", "j"),
        ]);
        let plan = Plan::new(&now, &online);
        assert_eq!(plan.added, ["anh/a.jpg", "sitemap.xml"]);
        assert_eq!(plan.changed, ["index.html"]);
        assert_eq!(plan.deleted, ["old/index.html"]);
        assert_eq!(plan.uploads(), ["anh/a.jpg", "index.html", "sitemap.xml"]);
        assert_eq!(plan.bytes, 3);
        assert!(Plan::new(
            &now,
            &Manifest {
                version: 1,
                files: now.clone()
            }
        )
        .is_empty());
    }

    #[test]
    fn the_manifest_reads_back_what_it_wrote_and_refuses_other_versions() {
        let m = Manifest {
            version: VERSION,
            files: local(&[("a \"b\".html", "x"), ("z.css", "")]),
        };
        let json = m.to_json();
        assert_eq!(Manifest::from_json(&json), Ok(m));
        assert!(String::from_utf8_lossy(&json).starts_with(
            "{\"version\":1,\"files\":{\n\"a \\\"b\\\".html\":{\"size\":1,\"sha256\":\"2d711642"
        ));
        assert!(Manifest::from_json(b"{\"version\":2,\"files\":{}}")
            .is_err_and(|e| e.contains("version 2")));
    }

    #[test]
    fn the_guard_counts_deletions_and_their_share() {
        let plan = |online: usize, deleted: usize| Plan {
            online,
            deleted: vec![String::new(); deleted],
            ..Plan::default()
        };
        let guard = Guard {
            max_deletions: 10,
            max_percent: 25,
        };
        assert_eq!(plan(1000, 10).refused(guard, None), None);
        assert!(plan(1000, 11)
            .refused(guard, None)
            .is_some_and(|w| w.contains("max_deletions")));
        assert!(plan(20, 6)
            .refused(guard, None)
            .is_some_and(|w| w.contains("30% of the 20")));
        assert_eq!(plan(19, 6).refused(guard, None), None);
        assert_eq!(plan(1000, 500).refused(guard, Some(500)), None);
        assert!(plan(1000, 501).refused(guard, Some(500)).is_some());
    }
}
