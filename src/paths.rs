//! Paths: the one function that resolves a path a person gave (or a folder of the site)
//! into the place it really names, and the rules every input and output is held to.
//!
//! A rule applied to the path as typed can be walked around: `public/new/../..` names the
//! site folder once `public/new` exists, and `public` may be a symbolic link to anywhere.
//! So every rule looks at [`resolve`]d paths only.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io;
use std::path::{Component, Path, PathBuf};

/// More links than this in one path is a loop (Linux stops at 40 as well).
const MAX_LINKS: usize = 40;

/// The absolute path `path` names, with every `.` and `..` applied and every symbolic
/// link replaced by what it points to, like `realpath`, except that the path need not
/// exist: the part that does not exist yet is kept as written, with its `..` applied to
/// what comes before it. That is where a folder made along this path (`create_dir_all`)
/// ends up, which is what a rule about the path must look at.
///
/// `..` after a symbolic link goes to the parent of the link's target, as the system does.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut todo: VecDeque<OsString> = absolute
        .components()
        .map(|c| c.as_os_str().to_os_string())
        .collect();
    let mut out = PathBuf::new();
    let mut links = 0;
    while let Some(part) = todo.pop_front() {
        match Path::new(&part).components().next() {
            Some(Component::Prefix(p)) => out = PathBuf::from(p.as_os_str()),
            Some(Component::RootDir) => {
                out = match out.ancestors().last() {
                    Some(top) if out.has_root() => top.to_path_buf(),
                    _ => {
                        out.push(Component::RootDir.as_os_str());
                        out
                    }
                }
            }
            Some(Component::CurDir) | None => {}
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::Normal(name)) => {
                let next = out.join(name);
                let is_link = std::fs::symlink_metadata(&next).is_ok_and(|m| m.is_symlink());
                if !is_link {
                    out = next;
                    continue;
                }
                links += 1;
                if links > MAX_LINKS {
                    return Err(io::Error::other(format!(
                        "{}: too many symbolic links (a loop?)",
                        path.display()
                    )));
                }
                // The target takes the link's place; a relative one starts from the
                // link's folder (`out`), an absolute one from its root.
                let target = std::fs::read_link(&next)?;
                for c in target.components().rev() {
                    todo.push_front(c.as_os_str().to_os_string());
                }
            }
        }
    }
    Ok(out)
}

/// [`resolve`], falling back to the absolute path as written when the system cannot say
/// (an unreadable link): the rules then see at least what was typed.
pub fn resolved(path: &Path) -> PathBuf {
    resolve(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The first symbolic link on the way from `root` to `root/rel` that leads out of the
/// resolved root `inside`, or `root/rel` itself if it ends outside without one (the
/// caller names what to blame). `None` when the whole way stays inside.
pub fn link_out_of(root: &Path, inside: &Path, rel: &Path) -> Option<PathBuf> {
    let full = root.join(rel);
    if resolved(&full).starts_with(inside) {
        return None;
    }
    let mut at = root.to_path_buf();
    for c in rel.components() {
        at.push(c);
        if at.is_symlink() && !resolved(&at).starts_with(inside) {
            return Some(at);
        }
    }
    Some(full)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn missing_folders_then_dot_dot_land_where_mkdir_would() {
        let dir = tempfile::tempdir().expect("temp dir");
        let top = resolve(dir.path()).expect("resolve");
        std::fs::create_dir(top.join("site")).expect("mkdir");
        let p = top.join("site/public/nonexistent/../..");
        assert_eq!(resolve(&p).expect("resolve"), top.join("site"));
        assert_eq!(
            resolve(&top.join("site/./a/b/../c")).expect("resolve"),
            top.join("site/a/c")
        );
        assert_eq!(
            resolve(Path::new("/../..")).expect("resolve"),
            Path::new("/")
        );
    }

    #[test]
    fn links_are_followed_wherever_they_are_in_the_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let top = resolve(dir.path()).expect("resolve");
        std::fs::create_dir_all(top.join("www/site")).expect("mkdir");
        std::fs::create_dir_all(top.join("repo")).expect("mkdir");
        symlink(top.join("www/site"), top.join("repo/public")).expect("ln");
        symlink("../www", top.join("repo/rel")).expect("ln");
        // A link whose target does not exist yet: where a mkdir through it would go.
        symlink(top.join("later/x"), top.join("repo/dangling")).expect("ln");
        assert_eq!(
            resolve(&top.join("repo/public")).expect("resolve"),
            top.join("www/site")
        );
        // `..` after a link leaves the link's target, not the link's folder.
        assert_eq!(
            resolve(&top.join("repo/public/..")).expect("resolve"),
            top.join("www")
        );
        assert_eq!(
            resolve(&top.join("repo/rel/site/new")).expect("resolve"),
            top.join("www/site/new")
        );
        assert_eq!(
            resolve(&top.join("repo/dangling/y")).expect("resolve"),
            top.join("later/x/y")
        );
        symlink("loop", top.join("repo/loop")).expect("ln");
        assert!(resolve(&top.join("repo/loop/x")).is_err());
    }

    #[test]
    fn the_link_that_leaves_the_root_is_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let top = resolve(dir.path()).expect("resolve");
        std::fs::create_dir_all(top.join("site/in")).expect("mkdir");
        std::fs::create_dir_all(top.join("out/default")).expect("mkdir");
        symlink(top.join("out"), top.join("site/themes")).expect("ln");
        symlink(top.join("site/in"), top.join("site/ok")).expect("ln");
        let root = top.join("site");
        assert_eq!(
            link_out_of(&root, &root, Path::new("themes/default")),
            Some(root.join("themes"))
        );
        assert_eq!(link_out_of(&root, &root, Path::new("ok")), None);
        assert_eq!(
            link_out_of(&root, &root, Path::new("in/../../out")),
            Some(root.join("in/../../out"))
        );
    }
}
