//! Markdown to HTML (pulldown-cmark): heading anchors, site-relative links under the base
//! path, raw HTML escaped (staff paste from Word and web pages; nothing runs on our pages).

use crate::i18n;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;

/// Word-processor bookmarks that survive copy and paste as text: `[bookmark: _GoBack]`.
pub fn strip_artifacts(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(i) = rest.find("[bookmark: ") {
        out.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j) if !rest[i..i + j].contains('\n') => rest = &rest[i + j + 1..],
            _ => {
                out.push_str("[bookmark: ");
                rest = &rest[i + "[bookmark: ".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Links may be relative or use a scheme that only navigates; anything else (`javascript:`,
/// `data:`, `vbscript:`, …) could run code in a reader's browser.
pub fn safe_url(url: &str) -> bool {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    match lower.find(':') {
        // A colon after a path separator or fragment is not a scheme: `/a:b`, `#x:y`.
        Some(i) if !lower[..i].contains(['/', '?', '#']) => {
            ["http", "https", "mailto", "tel"].contains(&&lower[..i])
        }
        _ => true,
    }
}

/// Renders markdown; `base_path` (like `/` or `/sub/`) is put in front of links that start with `/`.
pub fn render(md: &str, base_path: &str) -> String {
    let md = strip_artifacts(md);
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let rebase = |url: CowStr<'_>| -> CowStr<'static> {
        if !safe_url(&url) {
            // `javascript:` and friends: keep the text, drop the target.
            CowStr::from("#")
        } else if url.starts_with('/') && !url.starts_with("//") {
            CowStr::from(format!("{}{}", base_path, url.trim_start_matches('/')))
        } else {
            CowStr::from(url.into_string())
        }
    };
    let mut events: Vec<Event<'static>> = Vec::new();
    for ev in Parser::new_ext(&md, opts) {
        let ev: Event<'static> = match ev {
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(CowStr::from(s.into_string())),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: rebase(dest_url),
                title: CowStr::from(title.into_string()),
                id: CowStr::from(id.into_string()),
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: rebase(dest_url),
                title: CowStr::from(title.into_string()),
                id: CowStr::from(id.into_string()),
            }),
            other => other.into_static(),
        };
        events.push(ev);
    }
    // Give each heading an id from its text, unique within the page.
    let mut used = BTreeSet::new();
    let mut out_events: Vec<Event<'static>> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = *level;
            let end = events[i..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |p| i + p);
            let inner = &events[i + 1..end];
            let text: String = inner
                .iter()
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let base = match i18n::slugify(&text) {
                s if s.is_empty() => "section".to_string(),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while !used.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            let mut inner_html = String::new();
            html::push_html(&mut inner_html, inner.iter().cloned());
            let h = level_num(level);
            out_events.push(Event::Html(CowStr::from(format!(
                "<h{h} id=\"{id}\">{inner_html}</h{h}>\n"
            ))));
            i = end + 1;
            continue;
        }
        out_events.push(events[i].clone());
        i += 1;
    }
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, out_events.into_iter());
    out
}

fn level_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_word_bookmarks() {
        assert_eq!(strip_artifacts("[bookmark: _GoBack]Văn phòng"), "Văn phòng");
        assert_eq!(strip_artifacts("a [bookmark: x] b"), "a  b");
        assert_eq!(strip_artifacts("[bookmark: open\n]"), "[bookmark: open\n]");
    }

    #[test]
    fn headings_get_folded_unique_ids() {
        let html = render(
            "## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\n### 1. Mục đích\n",
            "/",
        );
        assert!(
            html.contains("<h2 id=\"i-muc-dich-yeu-cau\">I. MỤC ĐÍCH, YÊU CẦU</h2>"),
            "{html}"
        );
        assert!(html.contains("id=\"1-muc-dich-2\""), "{html}");
    }

    #[test]
    fn script_urls_are_neutralized() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:x",
            " data:text/html,x",
            "vbscript:x",
        ] {
            let html = render(&format!("[a](<{url}>) ![b](<{url}>)"), "/");
            assert!(
                !html.to_lowercase().contains("script:") && !html.contains("data:"),
                "{url}: {html}"
            );
        }
        let html = render(
            "[a](https://x.vn/) [b](mailto:a@b.vn) [c](/p/q:r/) [d](#x:y)",
            "/",
        );
        assert!(
            html.contains("href=\"https://x.vn/\"") && html.contains("mailto:a@b.vn"),
            "{html}"
        );
        assert!(
            html.contains("href=\"/p/q:r/\"") && html.contains("href=\"#x:y\""),
            "{html}"
        );
    }

    #[test]
    fn raw_html_is_escaped_and_links_rebased() {
        let html = render("<script>alert(1)</script>\n\n[x](/phong-trao/)", "/sub/");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("href=\"/sub/phong-trao/\""), "{html}");
    }
}
