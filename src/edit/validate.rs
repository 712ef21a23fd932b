//! Edit, validation: a change is checked by the same code as `minhbach check` on the site
//! as it would be after the change, before anything is written.
//!
//! The would-be site is a scratch folder under `.minhbach-cache/edit/` made of hard links
//! to the site's files (no bytes copied; a copy where links cannot be made), with the
//! changed files replaced by new files (never written through a link) and the image cache
//! linked in, so photos are not made again. The preview's own build runs on it
//! (`rebuild::Session::rebuild_from`, through the editor's `check`): the whole site is
//! built as `build` and `check` build it — no second validator, so what the editor accepts
//! `check` accepts — and a good change is already in the preview when it is written, so
//! a save costs one build, not a check and then a build.

use crate::error::{Code, Diagnostic};
use crate::Options;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a change does to one file.
pub enum Change {
    /// Writes these bytes at this site-relative path.
    Write(String, Vec<u8>),
    /// Removes the file.
    Remove(String),
}

/// The parts of a site a build reads.
const SOURCES: [&str; 5] = ["site.yaml", "content", "static", "themes", "templates"];

static SCRATCH: AtomicUsize = AtomicUsize::new(0);

/// The errors `check` (the editor's, see [`super::Check`]) finds in the site after
/// `changes` (empty: the change is good).
pub fn errors_after(
    opts: &Options,
    changes: &[Change],
    check: &super::Check,
) -> Result<Vec<Diagnostic>, String> {
    let root = &opts.root;
    let n = SCRATCH.fetch_add(1, Ordering::SeqCst);
    let scratch = root.join(format!(
        ".minhbach-cache/edit/check-{}-{n}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&scratch);
    let result = (|| {
        for part in SOURCES {
            link_tree(&root.join(part), &scratch.join(part))?;
        }
        link_tree(
            &root.join(".minhbach-cache/images"),
            &scratch.join(".minhbach-cache/images"),
        )?;
        for change in changes {
            match change {
                Change::Write(rel, bytes) => {
                    let at = scratch.join(rel);
                    if let Some(dir) = at.parent() {
                        std::fs::create_dir_all(dir)?;
                    }
                    // Unlink first: writing through a hard link would change the site.
                    let _ = std::fs::remove_file(&at);
                    std::fs::write(&at, bytes)?;
                }
                Change::Remove(rel) => {
                    let _ = std::fs::remove_file(scratch.join(rel));
                }
            }
        }
        let paths: Vec<String> = (changes.iter())
            .map(|c| match c {
                Change::Write(rel, _) | Change::Remove(rel) => rel.clone(),
            })
            .collect();
        Ok::<_, std::io::Error>(
            check(&scratch, &paths).unwrap_or_else(|e| vec![Diagnostic::error(Code::Io, ".", e)]),
        )
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    result.map_err(|e| format!("cannot check the change: {e}"))
}

/// Mirrors `from` (a file or a folder) at `to` with hard links, or copies where a link
/// cannot be made. Nothing there: nothing to do.
fn link_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    if !from.exists() {
        return Ok(());
    }
    if from.is_file() {
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir)?;
        }
        return std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()));
    }
    for entry in walkdir::WalkDir::new(from)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(from)
            .map_err(std::io::Error::other)?;
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else if std::fs::hard_link(entry.path(), &dest).is_err() {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// The errors as the editor shows them: each at the field of `path` whose lines it falls
/// in (`field` null when it is about the file as a whole or another file), in `lang`.
pub fn by_field(errors: &[Diagnostic], path: &str, text: &str, lang: &str) -> Vec<Value> {
    let doc = crate::content::write::Document::parse(text).ok();
    let lines = doc.as_ref().map(|d| d.field_lines()).unwrap_or_default();
    errors
        .iter()
        .map(|d| {
            let field = (d.path == path)
                .then_some(d.span)
                .flatten()
                .and_then(|s| lines.iter().find(|(_, r)| r.contains(&s.line)))
                .map(|(k, _)| k.to_string());
            let (message, hint) = said(d, lang);
            json!({
                "field": field,
                "path": d.path,
                "line": d.span.map(|s| s.line),
                "code": d.code.id(),
                "message": message,
                "hint": hint,
                "detail": d.message,
            })
        })
        .collect()
}

pub use crate::error::said;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_without_a_translation_is_said_by_its_codes_vietnamese_title() {
        let english = "\"2022-H3\" is not a reporting period";
        let d = Diagnostic::error(Code::BadPeriod, "content/exemplars/a.vi.md", english)
            .hint("write 2022-H1 or 2022-H2");
        let (title, fix) = Code::BadPeriod.vi();
        let vi = &by_field(std::slice::from_ref(&d), "", "", "vi")[0];
        assert_eq!(vi["message"], format!("{title} ({english})"));
        assert_eq!(vi["hint"], format!("{fix} (write 2022-H1 or 2022-H2)"));
        assert_eq!(vi["code"], "MB0402");
        assert_eq!(vi["detail"], english);
        let en = &by_field(&[d], "", "", "en")[0];
        assert_eq!(en["message"], english);
        assert_eq!(en["hint"], "write 2022-H1 or 2022-H2");
        assert_eq!(en["code"], "MB0402");
    }

    #[test]
    fn errors_land_on_the_field_of_their_line() {
        let text = "---\ntitle: a\ncampaign: x\n---\nbody\n";
        let d = Diagnostic::error(
            Code::UnknownReference,
            "content/exemplars/a.vi.md",
            "unknown campaign \"x\"",
        )
        .at(crate::error::Span::new(3, 11));
        let other = Diagnostic::error(Code::UnknownReference, "content/plan/p.vi.md", "broken")
            .at(crate::error::Span::new(3, 1));
        let out = by_field(&[d, other], "content/exemplars/a.vi.md", text, "en");
        assert_eq!(out[0]["field"], "campaign");
        assert_eq!(out[1]["field"], Value::Null);
    }
}
