//! Markdown to HTML (pulldown-cmark): heading anchors, site-relative links under the base
//! path, raw HTML sanitized against an allow-list (staff paste from Word and web pages;
//! nothing they paste may run on our pages), and no inline styles (the site works under a
//! strict Content-Security-Policy).

use crate::i18n;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

/// What happens to raw HTML written in markdown (`markdown: { unsafe_html: … }` in site.yaml).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RawHtml {
    /// Keep harmless markup (tables, figures, abbreviations…), drop scripts, event handlers,
    /// styles, frames and unsafe URLs.
    #[default]
    Sanitize,
    /// Pass it through untouched: whoever can edit content can run script on the site.
    Trust,
}

/// The ids a theme's templates give elements of a page (`main`, `results`, `search-q`…),
/// which nothing in a body may take: a heading, a footnote or a raw HTML element with the
/// same id would break the theme's skip link, script or anchors, and its own anchor would
/// lead to the theme's element. Read from the templates, so a site's own theme counts.
/// An id made of a word and a value (`y{{ y.year }}`) reserves the word followed by
/// digits (`y2022`); one that is only a value (`{{ d.id }}`, documents) reserves nothing,
/// since any heading could match it and none of the pages with a body has one.
#[derive(Debug, Clone, Default)]
pub struct ThemeIds {
    exact: BTreeSet<String>,
    /// Prefix and suffix around a value.
    numbered: Vec<(String, String)>,
}

impl ThemeIds {
    /// The ids in the `id="…"` attributes of these templates.
    pub fn from_templates<'t>(templates: impl IntoIterator<Item = &'t str>) -> ThemeIds {
        let mut ids = ThemeIds::default();
        for text in templates {
            for (i, _) in text.match_indices("id=") {
                let before = text[..i].chars().next_back();
                let quote = text[i + 3..].chars().next();
                let (Some(b), Some(q @ ('"' | '\''))) = (before, quote) else {
                    continue;
                };
                if !b.is_whitespace() {
                    continue;
                }
                let value = &text[i + 4..];
                let Some(end) = value.find(q) else { continue };
                let value = &value[..end];
                match (value.find('{'), value.rfind('}')) {
                    (Some(a), Some(z)) if a < z => {
                        let (prefix, suffix) = (&value[..a], &value[z + 1..]);
                        if !(prefix.is_empty() && suffix.is_empty()) {
                            ids.numbered.push((prefix.to_string(), suffix.to_string()));
                        }
                    }
                    _ => {
                        ids.exact.insert(value.to_string());
                    }
                }
            }
        }
        ids.numbered.sort();
        ids.numbered.dedup();
        ids
    }

    pub fn contains(&self, id: &str) -> bool {
        self.exact.contains(id)
            || self.numbered.iter().any(|(prefix, suffix)| {
                id.strip_prefix(prefix.as_str())
                    .and_then(|rest| rest.strip_suffix(suffix.as_str()))
                    .is_some_and(|value| {
                        !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())
                    })
            })
    }
}

/// Word-processor bookmarks that survive copy and paste as text: `[bookmark: _GoBack]`,
/// closed on the same line.
///
/// Linear: each search for the closing `]` stops at the end of the line, and a bookmark
/// left open there means every other one opened on that line is open too, so the search
/// goes on after it rather than from the next `[bookmark: `.
pub fn strip_artifacts(md: &str) -> String {
    const OPEN: &str = "[bookmark: ";
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len()..];
        match memchr::memchr2(b']', b'\n', after.as_bytes()) {
            Some(j) if after.as_bytes()[j] == b']' => rest = &after[j + 1..],
            stop => {
                let end = stop.unwrap_or(after.len());
                out.push_str(&rest[i..i + OPEN.len() + end]);
                rest = &after[end..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Links may be relative or use a scheme that only navigates; anything else (`javascript:`,
/// `data:`, `vbscript:`, …) could run code in a reader's browser. See [`crate::links::form`].
pub fn safe_url(url: &str) -> bool {
    crate::links::form(url) != crate::links::Form::Unsafe
}

/// Whether the attribute `attr` of a raw HTML element `tag` reaches the page: every one
/// when raw HTML is trusted; sanitized, those the allow-list of [`sanitizer`] keeps (an
/// address also needs a safe scheme, see [`safe_url`]). The link checks ask, so that they
/// check what the page gets.
pub fn publishes(raw_html: RawHtml, tag: &str, attr: &str) -> bool {
    type Kept = (
        HashSet<&'static str>,
        HashMap<&'static str, HashSet<&'static str>>,
        HashSet<&'static str>,
    );
    static KEPT: std::sync::OnceLock<Kept> = std::sync::OnceLock::new();
    if raw_html == RawHtml::Trust {
        return true;
    }
    let (tags, per_tag, generic) = KEPT.get_or_init(|| {
        let b = sanitizer("/", &ThemeIds::default());
        (
            b.clone_tags(),
            b.clone_tag_attributes(),
            b.clone_generic_attributes(),
        )
    });
    tags.contains(tag)
        && (generic.contains(attr) || per_tag.get(tag).is_some_and(|a| a.contains(attr)))
}

/// `/x` → `<base_path>x`; other URLs are left alone.
fn rebase_path<'u>(url: &'u str, base_path: &str) -> Cow<'u, str> {
    if url.starts_with('/') && !url.starts_with("//") {
        Cow::Owned(format!("{}{}", base_path, url.trim_start_matches('/')))
    } else {
        Cow::Borrowed(url)
    }
}

/// Renders markdown; `base_path` (like `/` or `/sub/`) is put in front of links that start
/// with `/`; no id in the result is one of `theme`'s.
pub fn render(md: &str, base_path: &str, raw_html: RawHtml, theme: &ThemeIds) -> String {
    render_with(md, base_path, raw_html, theme, &|_| false)
}

/// [`render`], with the markdown links whose address `later` names shown as their plain
/// text: links to items dated in the future, whose pages do not exist yet (the link
/// checks warn about each; see [`crate::content::Site::later`]).
pub fn render_with(
    md: &str,
    base_path: &str,
    raw_html: RawHtml,
    theme: &ThemeIds,
    later: &dyn Fn(&str) -> bool,
) -> String {
    let md = strip_artifacts(md);
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    // Most pages have no raw HTML and skip the sanitizer. A page that has some is sanitized
    // as a whole (tags may open in one HTML event and close in another), and the sanitizer
    // then rebases every link, so markdown links are left for it.
    let sanitize = raw_html == RawHtml::Sanitize
        && md.contains('<')
        && Parser::new_ext(&md, opts).any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let rebase = |url: CowStr<'_>| -> CowStr<'static> {
        if !safe_url(&url) {
            // `javascript:` and friends: keep the text, drop the target.
            CowStr::from("#")
        } else if sanitize {
            CowStr::from(url.into_string())
        } else {
            CowStr::from(rebase_path(&url, base_path).into_owned())
        }
    };
    let mut events: Vec<Event<'static>> = Vec::new();
    // Inside a link shown as plain text: its end is dropped too (links do not nest).
    let mut unlinked = false;
    for ev in Parser::new_ext(&md, opts) {
        let ev: Event<'static> = match ev {
            Event::Start(Tag::Link { dest_url, .. }) if later(&dest_url) => {
                unlinked = true;
                continue;
            }
            Event::End(TagEnd::Link) if unlinked => {
                unlinked = false;
                continue;
            }
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
            // A footnote's label is its id on the page.
            Event::FootnoteReference(label) => {
                Event::FootnoteReference(footnote_label(label, theme))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Event::Start(Tag::FootnoteDefinition(footnote_label(label, theme)))
            }
            other => other.into_static(),
        };
        events.push(ev);
    }
    // Give each heading an id from its text, unique within the page.
    let mut used = BTreeSet::new();
    // Next suffix to try per base id, so a page of many equal headings stays linear.
    let mut next: HashMap<String, usize> = HashMap::new();
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
            let n = next.entry(base.clone()).or_insert(2);
            while theme.contains(&id) || !used.insert(id.clone()) {
                id = format!("{base}-{n}");
                *n += 1;
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
    let out = without_alignment_styles(out);
    if sanitize {
        sanitizer(base_path, theme).clean(&out).to_string()
    } else {
        out
    }
}

/// Table column alignment comes out of pulldown-cmark as `style="text-align: …"`, which a
/// strict CSP ignores; the theme's stylesheet has a class for each instead.
fn without_alignment_styles(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    ["left", "center", "right"].iter().fold(html, |h, a| {
        h.replace(
            &format!(" style=\"text-align: {a}\""),
            &format!(" class=\"align-{a}\""),
        )
    })
}

/// Rebases relative URLs in sanitized HTML the way markdown links are rebased.
struct Rebase(String);

impl ammonia::UrlRelativeEvaluate<'_> for Rebase {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        Some(rebase_path(url, &self.0))
    }
}

/// The allow-list for raw HTML: document structure people paste (tables with merged cells,
/// figures, abbreviations, definitions, details), links and images with safe URLs only. No
/// `style` (CSP), no `on*` handlers, no scripts, frames, forms or embeds.
fn sanitizer(base_path: &str, theme: &ThemeIds) -> ammonia::Builder<'static> {
    let base_path = base_path.to_string();
    let mut b = ammonia::Builder::default();
    // An id written in raw HTML that the theme uses is dropped; ours were made unique.
    let theme = theme.clone();
    b.attribute_filter(move |_, attr, value| {
        (attr != "id" || !theme.contains(value)).then_some(Cow::Borrowed(value))
    });
    b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        // Markdown links carry no rel today; keep the sanitized pages the same.
        .link_rel(None)
        .url_relative(ammonia::UrlRelative::Custom(Box::new(Rebase(base_path))))
        .add_tags([
            "figure",
            "figcaption",
            "details",
            "summary",
            "mark",
            "caption",
        ])
        .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("a", ["title"])
        .add_tag_attributes("img", ["title"])
        .add_tag_attributes("abbr", ["title"])
        .add_tag_attributes("details", ["open"])
        .rm_tag_attributes("img", ["align"]);
    // Heading anchors and footnotes are made by us and must survive.
    for tag in ["h1", "h2", "h3", "h4", "h5", "h6", "div"] {
        b.add_tag_attributes(tag, ["id"]);
    }
    b.allowed_classes(HashMap::from([
        ("div", HashSet::from(["footnote-definition"])),
        (
            "sup",
            HashSet::from(["footnote-reference", "footnote-definition-label"]),
        ),
        (
            "th",
            HashSet::from(["align-left", "align-center", "align-right"]),
        ),
        (
            "td",
            HashSet::from(["align-left", "align-center", "align-right"]),
        ),
    ]));
    b
}

/// A footnote label the theme uses as an id gets `-note` after it (the same for its
/// reference and its definition, so they still find each other).
fn footnote_label(label: CowStr<'_>, theme: &ThemeIds) -> CowStr<'static> {
    let mut label = label.into_string();
    while theme.contains(&label) {
        label.push_str("-note");
    }
    CowStr::from(label)
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
        assert_eq!(
            strip_artifacts("[bookmark: a [bookmark: b\n[bookmark: c] d"),
            "[bookmark: a [bookmark: b\n d"
        );
        assert_eq!(strip_artifacts("x [bookmark: open"), "x [bookmark: open");
    }

    #[test]
    fn headings_get_folded_unique_ids() {
        let html = render(
            "## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\n### 1. Mục đích\n",
            "/",
            RawHtml::Sanitize,
            &ThemeIds::default(),
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
            let html = render(
                &format!("[a](<{url}>) ![b](<{url}>)"),
                "/",
                RawHtml::Sanitize,
                &ThemeIds::default(),
            );
            assert!(
                !html.to_lowercase().contains("script:") && !html.contains("data:"),
                "{url}: {html}"
            );
        }
        let html = render(
            "[a](https://x.vn/) [b](mailto:a@b.vn) [c](/p/q:r/) [d](#x:y)",
            "/",
            RawHtml::Sanitize,
            &ThemeIds::default(),
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
    fn raw_html_is_sanitized_and_links_rebased() {
        let html = render(
            "<script>alert(1)</script>\n\n[x](/phong-trao/)\n\n<a href=\"/bao-cao/\" onclick=\"x()\">y</a>",
            "/sub/",
            RawHtml::Sanitize,
        &ThemeIds::default(),
        );
        assert!(
            !html.contains("<script") && !html.contains("alert"),
            "{html}"
        );
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("href=\"/sub/phong-trao/\""), "{html}");
        assert!(html.contains("href=\"/sub/bao-cao/\""), "{html}");
    }

    #[test]
    fn harmless_markup_is_kept() {
        let md = "## Tiêu đề\n\n<table><thead><tr><th scope=\"col\" colspan=\"2\">A</th></tr></thead>\
                  <tbody><tr><td rowspan=\"2\">1</td><td>2</td></tr></tbody></table>\n\n\
                  <figure><img src=\"/anh/a.jpg\" alt=\"ảnh\" width=\"10\"><figcaption>c</figcaption></figure>\n\n\
                  Một <abbr title=\"Ủy ban nhân dân\">UBND</abbr> x<sup>2</sup> <mark>m</mark><br>\n\n\
                  <details><summary>s</summary>d</details>\n\nA[^1]\n\n[^1]: chú thích\n";
        let html = render(md, "/", RawHtml::Sanitize, &ThemeIds::default());
        for kept in [
            "<h2 id=\"tieu-de\">",
            "<th scope=\"col\" colspan=\"2\">",
            "<td rowspan=\"2\">",
            "<figure><img src=\"/anh/a.jpg\" alt=\"ảnh\" width=\"10\"><figcaption>",
            "<abbr title=\"Ủy ban nhân dân\">UBND</abbr>",
            "<sup>2</sup>",
            "<mark>m</mark>",
            "<details><summary>s</summary>",
            "class=\"footnote-definition\" id=\"1\"",
            "class=\"footnote-reference\"",
        ] {
            assert!(html.contains(kept), "{kept} missing in {html}");
        }
    }

    #[test]
    fn trusted_html_passes_through() {
        let html = render(
            "<iframe src=\"https://x.vn/\"></iframe>\n",
            "/",
            RawHtml::Trust,
            &ThemeIds::default(),
        );
        assert!(
            html.contains("<iframe src=\"https://x.vn/\"></iframe>"),
            "{html}"
        );
    }

    #[test]
    fn table_alignment_uses_classes_not_styles() {
        for raw in [RawHtml::Sanitize, RawHtml::Trust] {
            let md = "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n<b>x</b>\n";
            let html = render(md, "/", raw, &ThemeIds::default());
            assert!(!html.contains("style="), "{html}");
            assert!(
                html.contains("<th class=\"align-left\">a</th>")
                    && html.contains("<td class=\"align-right\">2</td>"),
                "{html}"
            );
        }
    }

    #[test]
    fn bodies_leave_the_theme_its_ids() {
        let theme = ThemeIds::from_templates([
            r#"<main id="main"><h3 id="y{{ y.year }}{{ l }}"><p id='results'>{{ x }}</p>"#,
            r#"<li id="{{ d.id }}"><div data-id="x" grid="q">"#,
        ]);
        assert!(theme.contains("main") && theme.contains("results") && theme.contains("y2022"));
        for free in ["yeu-cau", "2022", "x", "q", "y", "main-2"] {
            assert!(!theme.contains(free), "{free}");
        }
        let html = render(
            "## Main\n\n## Main\n\n## Y2022\n\n## Yêu cầu\n\nA[^main]\n\n[^main]: n\n\n<div id=\"results\">r</div>\n",
            "/",
            RawHtml::Sanitize,
            &theme,
        );
        for kept in [
            r#"<h2 id="main-2">Main</h2>"#,
            r#"<h2 id="main-3">Main</h2>"#,
            r#"<h2 id="y2022-2">Y2022</h2>"#,
            r#"<h2 id="yeu-cau">"#,
            r##"href="#main-note""##,
            r#"id="main-note""#,
        ] {
            assert!(html.contains(kept), "{kept} missing in {html}");
        }
        assert!(
            !html.contains(r#"id="results""#) && !html.contains(r#"id="main""#),
            "{html}"
        );
    }
}
