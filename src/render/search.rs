//! Search: a static Pagefind index of every emitted page (and of each legal document), and
//! the search page per language that queries it in the browser.
//!
//! Why Pagefind: its index is split into chunks by word and its page texts into fragments,
//! so a query downloads only what it needs and the site can grow to thousands of pages; it
//! is built here in-process from the records of the pages already rendered, so only
//! published content can reach it. Its browser runtime (`pagefind.js`, its web worker and
//! the wasm) comes from the crate, never a CDN, and finds its files relative to itself, so
//! search works under a sub-path and over plain HTTP.
//!
//! Vietnamese: Pagefind lowercases and strips combining marks, so `nong thon moi` finds
//! `nông thôn mới`; but `đ` is a letter of its own, not `d` plus a mark, so `duong` would
//! not find `đường`. We therefore index `đ`/`Đ` written as `d`/`D` + U+0335 (combining
//! short stroke overlay, which draws nearly the same glyph): Pagefind keeps only the
//! letters of a word for its index, so the word becomes `duong`, while the stored text
//! keeps the mark and `search.js` turns it back into `đ` for titles and excerpts. The
//! browser side likewise writes a typed `đ` as `d` before querying.

use super::theme::escape_html;
use super::views::Link;
use super::{Renderer, Section};
use crate::error::Diagnostic;
use crate::i18n::nfc;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// Folder of the index and Pagefind's runtime, from the site root.
const BUNDLE: &str = "pagefind/";

/// Combining short stroke overlay: `d` + this is indexed as `d`, shown as `đ`.
const STROKE: char = '\u{335}';

/// Text as fed to Pagefind: NFC, with `đ`/`Đ` as `d`/`D` + [`STROKE`] so that Pagefind's
/// own folding (lowercase, no marks) makes `đường` the word `duong`.
pub fn index_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in nfc(s).chars() {
        match c {
            'đ' => out.extend(['d', STROKE]),
            'Đ' => out.extend(['D', STROKE]),
            c => out.push(c),
        }
    }
    out
}

/// One search result to be: its site path (`/en/campaigns/x/`; `pagefind.js` puts the base
/// path it is served from in front) and an HTML document for Pagefind.
struct Item {
    url: String,
    html: String,
}

/// An HTML document as Pagefind reads it: the language picks the index, the meta attribute
/// the result title, and headings weigh more than body text, so title matches rank first.
fn document(lang: &str, title: &str, body: &str) -> String {
    index_text(&format!(
        "<html lang=\"{lang}\"><body data-pagefind-meta=\"title:{}\">{body}</body></html>",
        escape_html(title)
    ))
}

/// Pagefind joins the text of adjacent cells and definition terms (`<dt>Loại</dt><dd>Tập
/// thể</dd>` would read `LoạiTập thể`, losing both words); a space after each keeps them apart.
fn spaced(html: &str) -> String {
    [
        "</dt>",
        "</dd>",
        "</th>",
        "</caption>",
        "</figcaption>",
        "</summary>",
    ]
    .iter()
    .fold(html.to_string(), |h, tag| {
        h.replace(tag, &format!("{tag} "))
    })
}

impl Renderer<'_> {
    pub(super) fn render_search(&mut self) {
        let items = self.search_items();
        match build_index(items) {
            Ok(files) => {
                for (name, bytes) in files {
                    self.add_file(format!("{BUNDLE}{name}"), bytes);
                }
            }
            Err(e) => self.diags.push(
                Diagnostic::error(BUNDLE, format!("cannot build the search index: {e}"))
                    .hint("this is a bug in minhbach or Pagefind; please report it"),
            ),
        }
        for l in self.site.settings.languages.clone() {
            self.search_page(&l.code);
        }
    }

    /// Every page emitted so far, plus one item per legal document (the documents index
    /// lists them all on one page; each is its own result, at its `#id`). Sorted by URL,
    /// so the index does not depend on render order.
    fn search_items(&self) -> Vec<Item> {
        let mut items = Vec::new();
        for r in &self.records {
            let body = if r.section == Section::Documents.key() {
                // Its entries are indexed one by one below.
                format!("<h1>{}</h1>", escape_html(&r.title))
            } else {
                format!("{}</main>", spaced(&r.main_html))
            };
            items.push(Item {
                url: r.path.clone(),
                html: document(&r.lang, &r.title, &body),
            });
        }
        for code in self.site.settings.codes() {
            let docs_index = self.path(code, Section::Documents, None);
            for d in self.documents(code) {
                let title = format!("{} {}", d.kind, d.number);
                let body = format!(
                    "<h1>{}</h1><p>{}</p><p>{}</p><p>{}</p>",
                    escape_html(&title),
                    escape_html(&d.summary),
                    escape_html(&d.issuer),
                    escape_html(&d.issued.text),
                );
                items.push(Item {
                    url: format!("{docs_index}#{}", d.id),
                    html: document(code, &title, &body),
                });
            }
        }
        items.sort_by(|a, b| a.url.cmp(&b.url));
        items
    }

    /// The search page: a GET form, results filled in by `search.js`, and for browsers
    /// without JavaScript the sections to browse instead.
    fn search_page(&mut self, lang: &str) {
        let path = self.path(lang, Section::Search, None);
        let mut ctx = self.context(
            lang,
            Section::Search,
            &self.t(lang, "nav_search"),
            "",
            &path,
            &self.all_langs(Section::Search, None),
        );
        let browse: Vec<Link> = [
            Section::Campaigns,
            Section::Exemplars,
            Section::Reports,
            Section::Documents,
            Section::Timeline,
        ]
        .into_iter()
        .map(|s| Link {
            title: self.t(lang, &format!("nav_{}", s.key())),
            href: self.href(&self.path(lang, s, None)),
            lang: None,
            only_in: None,
        })
        .collect();
        ctx.insert("browse", &browse);
        ctx.insert("pagefind", &self.href(BUNDLE));
        self.emit(lang, &path, "search.html", &ctx);
    }
}

/// Runs Pagefind over the items; returns its files (path inside the bundle → bytes), without
/// Pagefind's own UI bundles, which the theme's `search.js` replaces. Pagefind's errors are
/// `anyhow` errors; only their text is kept.
fn build_index(items: Vec<Item>) -> Result<Vec<(String, Vec<u8>)>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for item in items {
            index
                .add_html_file(None, Some(item.url.clone()), item.html)
                .await
                .map_err(|e| format!("{}: {e}", item.url))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let mut out: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|f| {
                let name = f
                    .filename
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                (name, f.contents)
            })
            .filter(|(name, _)| !name.contains("-ui.") && name != "pagefind-highlight.js")
            .collect();
        out.sort();
        Ok(out)
    })
}

#[cfg(test)]
#[path = "../../tests/support/pagefind.rs"]
mod pagefind_reader;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::fold;
    use std::collections::BTreeMap;

    /// The reverse of [`index_text`], as `search.js` does it for display.
    fn display_text(s: &str) -> String {
        s.replace("d\u{335}", "đ").replace("D\u{335}", "Đ")
    }

    #[test]
    fn d_with_stroke_is_written_as_d_and_a_mark() {
        assert_eq!(index_text("Đổi mới"), "D\u{335}ổi mới");
        assert_eq!(index_text("đường"), "d\u{335}ường");
        // NFD input is composed first, so tone marks stay on their vowels.
        assert_eq!(index_text("đu\u{31b}o\u{31b}\u{300}ng"), "d\u{335}ường");
        assert_eq!(index_text("ĐƯỜNG dân"), "D\u{335}ƯỜNG dân");
        for s in ["Đổi mới", "ĐƯỜNG đi", "nông thôn mới", "Dương"] {
            assert_eq!(display_text(&index_text(s)), s);
        }
    }

    /// The folding the index really uses: Pagefind's, applied to our text. Every spelling
    /// of a word must become the word `i18n::fold` gives, and point to its page.
    #[test]
    fn pagefind_folds_vietnamese_like_i18n_fold() {
        let pages = [
            ("/a/", "ĐƯỜNG Nông Thôn MỚI"),
            // NFD input, as some editors save it.
            ("/b/", "đu\u{31b}o\u{31b}\u{300}ng no\u{302}ng tho\u{302}n"),
            ("/c/", "Dương đương nhiệm"),
        ];
        let items = pages
            .iter()
            .map(|(url, text)| Item {
                url: url.to_string(),
                html: document("vi", text, &format!("<p>{text}</p>")),
            })
            .collect();
        let files: BTreeMap<String, Vec<u8>> =
            build_index(items).expect("index").into_iter().collect();
        let words = pagefind_reader::words(&files, "vi");
        let urls = |w: &str| -> Vec<&str> {
            words
                .get(w)
                .map(|s| s.iter().map(String::as_str).collect())
                .unwrap_or_default()
        };
        assert_eq!(fold("ĐƯỜNG"), "duong");
        assert_eq!(urls(&fold("ĐƯỜNG")), ["/a/", "/b/", "/c/"]);
        assert_eq!(urls(&fold("Nông")), ["/a/", "/b/"]);
        assert_eq!(urls(&fold("MỚI")), ["/a/"]);
        // No word keeps a mark or a `đ`.
        for w in words.keys() {
            assert_eq!(w, &fold(w), "{w:?} is not folded");
        }
    }
}
