//! Edit, paths: the one function every path from a request goes through before the editor
//! reads or writes it. A path is taken apart lexically (no `..`, no absolute path, no
//! backslash or control character), then resolved through every symbolic link
//! (`crate::paths::resolve`), and must still be inside the area it names.

use std::path::{Path, PathBuf};

/// The folders of a site an edit may touch.
pub const CONTENT: &str = "content";
pub const STATIC: &str = "static";

/// The place a site-relative path (`content/campaigns/x.vi.md`) names, if it stays inside
/// one of `areas` of `root` (which is resolved already); else why not.
pub fn inside(root: &Path, rel: &str, areas: &[&str]) -> Result<PathBuf, String> {
    let refused = |why: &str| Err(format!("\"{}\": {why}", crate::error::escape_controls(rel)));
    if rel.is_empty() || rel.len() > 1024 {
        return refused("not a path of the site");
    }
    if rel.starts_with('/') || rel.contains('\\') || rel.contains(':') {
        return refused("an absolute path; give it from the site folder (content/…)");
    }
    if rel.chars().any(char::is_control) {
        return refused("a control character in a path");
    }
    let parts: Vec<&str> = rel.split('/').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || *p == "." || *p == "..")
    {
        return refused("`..`, `.` or an empty part in a path");
    }
    let Some(area) = areas.iter().find(|a| **a == parts[0]) else {
        return refused("the editor changes only files in content/ and static/");
    };
    let area_dir = crate::paths::resolve(&root.join(area)).map_err(|e| e.to_string())?;
    if !area_dir.starts_with(root) {
        return refused("this folder is a link to a place outside the site");
    }
    let full = crate::paths::resolve(&root.join(rel)).map_err(|e| e.to_string())?;
    if !full.starts_with(&area_dir) || full == area_dir {
        return refused("a symbolic link leads outside the site's folder");
    }
    Ok(full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_that_stay_inside_are_taken() {
        let dir = tempfile::tempdir().expect("temp");
        let root = crate::paths::resolve(dir.path()).expect("root");
        std::fs::create_dir_all(root.join("content/pages")).expect("mkdir");
        std::fs::create_dir_all(root.join("static")).expect("mkdir");
        let ok = inside(&root, "content/pages/a.vi.md", &[CONTENT]).expect("inside");
        assert_eq!(ok, root.join("content/pages/a.vi.md"));
        for bad in [
            "",
            "../site.yaml",
            "content/../site.yaml",
            "content/./x",
            "/etc/passwd",
            "content//x",
            "content\\..\\x",
            "C:/x",
            "site.yaml",
            "public/index.html",
            "content",
            "content/a\u{0}b",
        ] {
            assert!(inside(&root, bad, &[CONTENT, STATIC]).is_err(), "{bad:?}");
        }
        assert!(inside(&root, "static/a.jpg", &[CONTENT]).is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/tmp", root.join("content/out")).expect("ln");
            assert!(inside(&root, "content/out/x.md", &[CONTENT]).is_err());
        }
    }
}
