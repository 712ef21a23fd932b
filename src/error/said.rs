//! A diagnostic in the reader's language: the browser editor's field errors and the
//! spreadsheet import's preview say them in Vietnamese to a Vietnamese editor.

use super::Diagnostic;

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
    use crate::error::Code;

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
    fn a_translated_message_keeps_its_translation_and_gets_the_fix_as_hint() {
        let d = Diagnostic::error(Code::UnknownReference, "a", "unknown unit \"x\"");
        let (message, hint) = said(&d, "vi");
        assert_eq!(message, "không có đơn vị \"x\"");
        assert_eq!(hint.as_deref(), Some(Code::UnknownReference.vi().1));
    }
}
