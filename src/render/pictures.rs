//! Pictures on pages: what templates get for an image the image stage made (`srcset`,
//! `width` and `height`), the `<picture>` that replaces each `<img>` of a body, and the
//! link-preview image of a page.
//!
//! A body is markdown turned into HTML by code, not by a template, so its pictures are
//! written here; the theme's `picture` macro writes the photo and the card thumbnails
//! the same way. Both give `width` and `height`, so the browser keeps the image's place
//! before it arrives and nothing below it jumps.

use super::views::{PictureView, ShareImage};
use super::Renderer;
use crate::images::Picture;

/// `sizes` of an image in a body of the default theme: its column is 46rem (736 px) wide
/// inside 1rem margins, and an image is never shown wider than it is.
fn body_sizes(width: u32) -> String {
    let w = width.min(736);
    format!("(min-width: {}px) {w}px, calc(100vw - 2rem)", w + 32)
}

impl Renderer<'_> {
    /// The picture made of the image at `address` (a site path, as written), if the
    /// image stage made one.
    pub(super) fn picture(&self, address: &str) -> Option<PictureView> {
        let file = crate::links::site_file(address)?;
        let p = self.site.images.get(&file)?;
        Some(self.picture_view(p))
    }

    fn picture_view(&self, p: &Picture) -> PictureView {
        PictureView {
            src: self.href(&p.fallback),
            srcset: (p.sources.iter())
                .map(|(w, path)| format!("{} {w}w", self.href(path)))
                .collect::<Vec<_>>()
                .join(", "),
            width: p.width,
            height: p.height,
            fallback_type: p.fallback_type,
        }
    }

    /// The link preview of the image at `address`, if the stage made one.
    pub(super) fn share_image(&self, address: &str, alt: &str) -> Option<ShareImage> {
        let file = crate::links::site_file(address)?;
        let (width, height, path) = self.site.images.get(&file)?.share.as_ref()?;
        Some(ShareImage {
            url: self.site.settings.absolute(path),
            width: *width,
            height: *height,
            alt: alt.to_string(),
        })
    }

    /// The first image of a body that has a link preview.
    pub(super) fn body_share_image(&self, body: &str) -> Option<ShareImage> {
        crate::images::in_body(body)
            .iter()
            .find_map(|(address, _, _)| self.share_image(address, ""))
    }

    /// Body HTML with each `<img>` of a made image turned into a `<picture>`: WebP
    /// widths, the fallback, `width` and `height`, loaded when it comes near the screen.
    /// Other attributes (alt, title, class, id) stay as they were.
    pub(super) fn pictures_in(&self, html: String) -> String {
        if self.site.images.is_empty() || !html.contains("<img") {
            return html;
        }
        let mut out = String::with_capacity(html.len() + 512);
        let mut rest = html.as_str();
        while let Some(i) = rest.find("<img") {
            out.push_str(&rest[..i]);
            let tag = &rest[i..];
            let end = tag_end(tag);
            let (text, after) = tag.split_at(end);
            rest = after;
            let attrs = attributes(&text[4..text.len().saturating_sub(1)]);
            let src = attrs
                .iter()
                .find(|(name, _, _)| name == "src")
                .map(|(_, _, v)| html_unescape(v));
            let found = src.as_deref().and_then(|src| {
                let path = src.strip_prefix(self.base_path.as_str())?;
                self.site
                    .images
                    .get(&crate::links::site_file(&format!("/{path}"))?)
            });
            let Some(p) = found else {
                out.push_str(text);
                continue;
            };
            let view = self.picture_view(p);
            out.push_str(&format!(
                "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\"><img src=\"{}\"",
                view.srcset,
                body_sizes(p.width),
                view.src
            ));
            for (name, raw, _) in &attrs {
                let ours = [
                    "src",
                    "srcset",
                    "sizes",
                    "width",
                    "height",
                    "loading",
                    "decoding",
                    "fetchpriority",
                ];
                if !ours.contains(&name.as_str()) {
                    out.push(' ');
                    out.push_str(raw);
                }
            }
            out.push_str(&format!(
                " width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\"></picture>",
                p.width, p.height
            ));
        }
        out.push_str(rest);
        out
    }
}

/// The length of the tag at the start of `html`, up to and with its `>` (quotes honoured).
fn tag_end(html: &str) -> usize {
    let mut quote = None;
    for (i, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// The attributes inside a tag (after its name): lower-case name, the attribute as
/// written, and its value as written (still escaped).
fn attributes(inner: &str) -> Vec<(String, &str, &str)> {
    let b = inner.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/') {
            i += 1;
        }
        if i == start {
            break;
        }
        let name = inner[start..i].to_ascii_lowercase();
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = inner[i + 1..]
                        .find(q as char)
                        .map_or(b.len(), |e| i + 1 + e);
                    value = &inner[i + 1..end];
                    i = (end + 1).min(b.len());
                }
                _ => {
                    let from = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = &inner[from..i];
                }
            }
        }
        out.push((name, &inner[start..i], value));
    }
    out
}

/// The escapes an address in HTML written by pulldown-cmark or ammonia may hold.
fn html_unescape(v: &str) -> String {
    v.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_as_written() {
        let a = attributes(r#" src="/a b.jpg" alt='x "y"' title=t data-x hidden /"#);
        let names: Vec<&str> = a.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["src", "alt", "title", "data-x", "hidden"]);
        assert_eq!(a[1].1, r#"alt='x "y"'"#);
        assert_eq!(a[1].2, r#"x "y""#);
        assert_eq!(tag_end(r#"<img alt="a>b">rest"#), 15);
    }

    #[test]
    fn body_sizes_never_ask_for_more_than_the_image() {
        assert_eq!(
            body_sizes(1600),
            "(min-width: 768px) 736px, calc(100vw - 2rem)"
        );
        assert_eq!(
            body_sizes(300),
            "(min-width: 332px) 300px, calc(100vw - 2rem)"
        );
    }
}
