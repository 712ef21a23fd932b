//! Output: the planned files (sorted path → bytes) and the only code that writes to disk.
//!
//! A build is written to a sibling folder and swapped in at the end, so a failed or
//! interrupted build leaves the previous site exactly as it was.

use crate::error::Error;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Every file of the site, keyed by its `/`-separated path under the output folder.
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    /// Adds a file; a second file at the same path is a bug in the page plan, not user input.
    pub fn add(&mut self, path: String, bytes: Vec<u8>) -> Result<(), String> {
        match self.files.insert(path.clone(), bytes) {
            None => Ok(()),
            Some(_) => Err(format!("two outputs want the same file {path}")),
        }
    }
}

/// Writes the site into `dest` atomically: build in `.<name>.tmp`, then swap.
pub fn write(out: &Output, dest: &Path) -> Result<(), Error> {
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
    for stale in [&tmp, &old] {
        if stale.exists() {
            fs::remove_dir_all(stale).map_err(|e| Error::io(stale, e))?;
        }
    }
    let result = (|| {
        for (path, bytes) in &out.files {
            let full = tmp.join(path);
            if let Some(dir) = full.parent() {
                fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            fs::write(&full, bytes).map_err(|e| Error::io(&full, e))?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if dest.exists() {
        fs::rename(dest, &old).map_err(|e| Error::io(dest, e))?;
    }
    if let Err(e) = fs::rename(&tmp, dest) {
        // Put the previous site back before reporting.
        let _ = fs::rename(&old, dest);
        return Err(Error::io(dest, e));
    }
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
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
