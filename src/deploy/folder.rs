//! The folder target: a web server's folder or a mounted share on this machine, replaced
//! as a whole in one atomic step with the same staging folder, lock and swap as a build
//! (`output::Stage`). Files that did not change are hard links to the ones online, so
//! only new and changed files are written, and readers see the old site or the new one.

use super::manifest::{self, Local, Manifest};
use crate::error::{Code, Diagnostic, Error};
use crate::output::Stage;
use std::path::Path;

/// The manifest of what is in `dest` now (empty if there is none).
pub fn online(dest: &Path) -> Result<Manifest, Diagnostic> {
    let path = dest.join(manifest::FILE);
    match std::fs::read(&path) {
        Ok(bytes) => Manifest::from_json(&bytes)
            .map_err(|e| super::bad_manifest(&path.display().to_string(), &e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest::default()),
        Err(e) => Err(Diagnostic::error(
            Code::CannotRead,
            path.display().to_string(),
            format!("cannot read: {e}"),
        )
        .hint("check that the folder can be read (permissions), then run the command again")),
    }
}

/// Replaces `dest` with the site in `public` (whose files are `local`), keeping the
/// unchanged files of `online` as links. `force` replaces a folder no build or deploy made.
pub fn deploy(
    root: &Path,
    public: &Path,
    dest: &Path,
    local: &Local,
    online: &Manifest,
    force: bool,
) -> Result<(), Error> {
    let stage = Stage::for_deploy(root, dest, force)?;
    stage.for_web_server()?;
    let pause = super::test_pause();
    for (path, file) in local {
        if let Some(p) = pause {
            std::thread::sleep(p);
        }
        // Unchanged by the manifest, and still of that size (not edited by hand since).
        let existing = stage.dest().join(path);
        let kept = online.files.get(path) == Some(file)
            && std::fs::metadata(&existing).is_ok_and(|m| m.len() == file.size)
            && stage.link(path, &existing);
        if !kept {
            let from = public.join(path);
            let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
            stage.write(path, &bytes);
        }
    }
    let now = Manifest {
        version: 1,
        files: local.clone(),
    };
    stage.write(manifest::FILE, &now.to_json());
    stage.commit(local.len() + 1)
}
