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

/// A diagnostic's message and hint in the editor's language. In Vietnamese, a message
/// [`translated`] keeps its ids and dates; any other is said by its code's Vietnamese title
/// with the English message after it in parentheses (it names the ids, paths and values
/// the title does not), and a hint without a translation gives way to the code's
/// Vietnamese fix, the English hint after it. The editor shows the code (`MB0301`) beside
/// them, from `by_field`'s `code`.
pub fn said(d: &Diagnostic, lang: &str) -> (String, Option<String>) {
    if lang != "vi" {
        return (d.message.clone(), d.hint.clone());
    }
    let (title, fix) = d.code.vi();
    let message = translated(&d.message).unwrap_or_else(|| format!("{title} ({})", d.message));
    let hint = match d.hint.as_deref() {
        Some(h) => translated(h).unwrap_or_else(|| format!("{fix} ({h})")),
        None => fix.to_string(),
    };
    (message, Some(hint))
}

/// The frequent messages and hints in Vietnamese, keeping the ids and dates they name;
/// `None` for the others.
fn translated(message: &str) -> Option<String> {
    let quoted = |s: &str| s.split('"').nth(1).map(String::from).unwrap_or_default();
    if let Some((_, rest)) = message
        .split_once("\": ")
        .filter(|(_, r)| r.ends_with("does not exist"))
    {
        let rest = rest
            .replace("month", "tháng")
            .replace("day", "ngày")
            .replace(" does not exist", " không có")
            .replace(" in ", " trong ");
        return Some(format!(
            "\"{}\" không phải là ngày có thật: {rest}",
            quoted(message)
        ));
    }
    if message.contains("is not a date") {
        return Some(format!(
            "\"{}\" không phải là ngày hợp lệ; hãy viết YYYY-MM-DD (2024-01-15), YYYY-MM (2024-01) hoặc YYYY (2024)",
            quoted(message)
        ));
    }
    for (what, vi) in [
        ("campaign", "phong trào"),
        ("unit", "đơn vị"),
        ("plan", "kế hoạch"),
        ("document", "văn bản"),
        ("indicator", "chỉ tiêu"),
        ("exemplar", "gương điển hình"),
    ] {
        if let Some(rest) = message.strip_prefix(&format!("unknown {what} ")) {
            let id = quoted(rest);
            let mean = rest
                .split_once("did you mean ")
                .map(|(_, m)| format!("; có phải ý bạn là {}?", m.trim_end_matches('?')))
                .unwrap_or_default();
            return Some(format!("không có {vi} \"{id}\"{mean}"));
        }
    }
    // A data entry's text missing in a language: `"id": name has no "en" text`.
    if let Some((id, rest)) = message.split_once(": ") {
        if let Some((key, l)) = rest
            .strip_suffix("\" text")
            .and_then(|r| r.split_once(" has no \""))
        {
            let language = match l {
                "vi" => "tiếng Việt",
                "en" => "tiếng Anh",
                other => other,
            };
            return Some(format!("{id}: {key} chưa có nội dung {language} (\"{l}\")"));
        }
    }
    if let Some(rest) = message.strip_prefix("duplicate id ") {
        return Some(format!("mã {rest} bị trùng với một mục khác trong tệp"));
    }
    if message.starts_with("dates are written") {
        return Some("ngày viết theo dạng YYYY-MM-DD, ví dụ 2022-01-15".to_string());
    }
    if let Some(rest) = message.strip_prefix("replace it with ") {
        let (id, folder) = rest.split_once(", or add the ").unwrap_or((rest, ""));
        let folder = folder.split_once(" to ").map_or("", |(_, f)| f);
        return Some(if folder.is_empty() {
            format!("sửa thành {id}")
        } else {
            format!("sửa thành {id}, hoặc tạo mục đó trong {folder}")
        });
    }
    if message.contains("is required") || message.starts_with("missing field") {
        return Some(format!("thiếu trường bắt buộc: {message}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say_vi(message: &str) -> String {
        translated(message).unwrap_or_else(|| message.to_string())
    }

    #[test]
    fn frequent_messages_are_said_in_vietnamese() {
        assert_eq!(
            say_vi("unknown campaign \"day-tot\"; did you mean \"day-tot-hoc-tot\"?"),
            "không có phong trào \"day-tot\"; có phải ý bạn là \"day-tot-hoc-tot\"?"
        );
        assert!(say_vi("\"2024-13\" is not a date; write YYYY-MM-DD")
            .starts_with("\"2024-13\" không phải là ngày hợp lệ"));
        assert_eq!(say_vi("unknown unit \"x\""), "không có đơn vị \"x\"");
        assert_eq!(
            say_vi("\"van-phong\": name has no \"en\" text"),
            "\"van-phong\": name chưa có nội dung tiếng Anh (\"en\")"
        );
        assert_eq!(
            say_vi("duplicate id \"a\""),
            "mã \"a\" bị trùng với một mục khác trong tệp"
        );
        assert_eq!(
            say_vi("replace it with \"a\", or add the campaign to content/campaigns/"),
            "sửa thành \"a\", hoặc tạo mục đó trong content/campaigns/"
        );
        assert_eq!(
            say_vi("launched: \"2023-13-45\": month 13 does not exist"),
            "\"2023-13-45\" không phải là ngày có thật: tháng 13 không có"
        );
    }

    #[test]
    fn a_message_without_a_translation_is_said_by_its_codes_vietnamese_title() {
        let english = "\"2022-H3\" is not a reporting period";
        let d = Diagnostic::error(Code::BadPeriod, "content/exemplars/a.vi.md", english)
            .hint("write 2022-H1 or 2022-H2");
        assert_eq!(translated(english), None);
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
    fn a_translated_message_keeps_its_translation_and_gets_the_fix_as_hint() {
        let d = Diagnostic::error(Code::UnknownReference, "a", "unknown unit \"x\"");
        let (message, hint) = said(&d, "vi");
        assert_eq!(message, "không có đơn vị \"x\"");
        assert_eq!(hint.as_deref(), Some(Code::UnknownReference.vi().1));
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
