//! Render: turn the published `Site` into the planned output files (HTML through Tera,
//! plus theme and site static files). Reads only the model; writes nothing to disk.

mod cards;
mod charts;
mod data;
mod feeds;
mod index;
pub mod markdown;
mod meta;
mod nominations;
mod pages;
mod pictures;
pub(crate) mod search;
pub mod theme;
mod timeline;
pub mod views;

use crate::config::{Language, Segments};
use crate::content::model::Text;
use crate::content::{Entry, Site, Version};
use crate::date::PartialDate;
use crate::error::{Code, Diagnostic, Diagnostics};
use crate::i18n::collate;
use crate::output::Output;
use index::LangIndex;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use theme::Theme;
use views::*;

/// Tera's error with its causes, on one line.
pub fn tera_message(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

/// Sections of the site, each with a translated URL segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Home,
    Plan,
    Campaigns,
    Exemplars,
    Reports,
    Documents,
    Fields,
    Timeline,
    Search,
    Data,
    Nominations,
    Page,
}

impl Section {
    fn segment(self, s: &Segments) -> Option<&str> {
        Some(match self {
            Section::Plan => &s.plan,
            Section::Campaigns => &s.campaigns,
            Section::Exemplars => &s.exemplars,
            Section::Reports => &s.reports,
            Section::Documents => &s.documents,
            Section::Fields => &s.fields,
            Section::Timeline => &s.timeline,
            Section::Search => &s.search,
            Section::Data => &s.data,
            Section::Nominations => &s.nominations,
            Section::Home | Section::Page => return None,
        })
    }
    fn key(self) -> &'static str {
        match self {
            Section::Home => "home",
            Section::Plan => "plan",
            Section::Campaigns => "campaigns",
            Section::Exemplars => "exemplars",
            Section::Reports => "reports",
            Section::Documents => "documents",
            Section::Fields => "fields",
            Section::Timeline => "timeline",
            Section::Search => "search",
            Section::Data => "data",
            Section::Nominations => "nominations",
            Section::Page => "page",
        }
    }
}

/// The folder of the search index in the output.
pub const SEARCH_INDEX: &str = search::BUNDLE;

/// Pages written per language, for the build summary.
pub type PageCounts = BTreeMap<String, usize>;

struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    /// Path part of base_url, e.g. `/` or `/minh-bach/`: put in front of every link.
    base_path: String,
    order: Vec<String>,
    out: Output,
    counts: PageCounts,
    diags: Diagnostics,
    /// Every HTML page emitted, for the sitemap and the search index.
    records: Vec<PageRecord>,
    /// Source file → site path of the page it became, for checking links in the source.
    sources: BTreeMap<String, String>,
    /// Each language's menu, by language code (see `menu`).
    navs: BTreeMap<String, Vec<(Option<Section>, NavItem)>>,
    /// A part rendering one language: the words of its pages, for search.
    page_words: Option<search::PageWords>,
    /// The words of each language's pages, once the parts are joined.
    words: Vec<search::PageWords>,
    /// Whether page records keep their text: only while rendering pages again, to update
    /// the search index (a [`Memo`] keeps none: a page's old text is read back from its
    /// old HTML).
    keep_text: bool,
}

/// The rendered site, not yet written.
pub struct Rendered {
    pub output: Output,
    pub pages: PageCounts,
    /// Source file (`content/…/x.vi.md`) → site path of its page (`/phong-trao/x/`).
    pub sources: BTreeMap<String, String>,
    /// Pages, feeds, search and sitemap, each timed.
    pub timings: crate::Timings,
    /// What [`rerender_bodies`] needs; kept only when asked for (the preview server).
    pub memo: Option<Memo>,
}

/// What a full render knows that a later body-only rerender needs again: each language's
/// shared lists (which no body changes) and the record of every page (for search).
pub struct Memo {
    indexes: Vec<LangIndex>,
    records: Vec<PageRecord>,
    search: Vec<search::LangSearch>,
}

/// What later outputs (sitemap, search) need to know about an emitted page.
#[derive(Debug, Clone)]
struct PageRecord {
    /// Whether the text inside its `<main>` goes into the search index (see [`main_text`]).
    indexed: bool,
    lang: String,
    /// Site path, e.g. `/en/campaigns/x/`.
    path: String,
    title: String,
    /// The same page in each language that has it, absolute URLs.
    alternates: BTreeMap<String, String>,
    /// The text inside `<main>` as a reader sees it, for the search index; empty for
    /// pages whose results are made otherwise (the documents index).
    text: String,
}

/// Renders the whole site. With `keep`, the result also holds the [`Memo`] that
/// [`rerender_bodies`] needs.
pub fn render(
    site: &Site,
    theme: &Theme,
    statics: BTreeMap<String, Vec<u8>>,
    keep: bool,
    out: Output,
) -> Result<Rendered, Diagnostics> {
    let mut timings = crate::Timings::default();
    let mut clock = std::time::Instant::now();
    let mut r = Renderer::new(site, theme);
    r.out = out;
    r.keep_text = false;
    // Languages are independent until the feeds, search and sitemap, which read every
    // page: each is rendered on a thread of its own into a part of its own, and the parts
    // are joined in the site's order of languages, so no byte depends on which finished
    // first.
    let parts: Vec<(Renderer, LangIndex)> = site
        .settings
        .languages
        .par_iter()
        .map(|lang| {
            let mut part = r.part();
            part.page_words = Some(search::PageWords::new(&lang.code));
            let index = part.lang_index(&lang.code);
            part.render_language(lang, &index);
            part.render_data(lang, &index);
            (part, index)
        })
        .collect();
    let mut indexes = Vec::new();
    for (part, index) in parts {
        r.join(part);
        indexes.push(index);
    }
    timings.lap("pages", &mut clock);
    r.render_feeds();
    timings.lap("feeds", &mut clock);
    let search = r.render_search();
    timings.lap("search", &mut clock);
    r.render_sitemap();
    // A static file may replace a theme asset of the same name, never a file the site
    // generates (a page, a feed, the sitemap, the search index, open data): that would
    // silently win or lose.
    for (path, bytes, from) in (theme.assets.iter().map(|(p, b)| (p, b, "themes")))
        .chain(statics.iter().map(|(p, b)| (p, b, "static")))
    {
        let replaces_asset = from == "static" && theme.assets.contains_key(path);
        if let Some(clash) = r.out.clash(path).filter(|_| !replaces_asset) {
            let shown = match from {
                "static" => format!("static/{path}"),
                _ => format!("themes/{}/static/{path}", site.settings.theme),
            };
            r.diags.push(
                Diagnostic::error(Code::ReplacesGenerated, shown, format!("this file would take the place of /{clash}, which the site generates"))
                    .hint("rename or move the file: static/ may replace theme files such as style.css, but not the pages, feeds, sitemap, search index or data files the site makes"),
            );
        } else if let Err(e) = r.out.put(path.clone(), bytes.clone()) {
            r.diags
                .push(Diagnostic::error(Code::SameAddress, path.clone(), e));
        }
    }
    if r.diags.has_errors() {
        return Err(r.diags);
    }
    let memo = keep.then(|| {
        // Sorted, so a rerender finds a page's record without scanning them all.
        let mut records = std::mem::take(&mut r.records);
        records.sort_by(|a, b| (&a.lang, &a.path).cmp(&(&b.lang, &b.path)));
        Memo {
            indexes,
            records,
            search,
        }
    });
    Ok(Rendered {
        output: r.out,
        pages: r.counts,
        sources: r.sources,
        timings,
        memo,
    })
}

/// Renders again only the pages made from the bodies of the source files `paths`, and
/// the search index, after only those bodies changed (front matter, files and everything
/// else as when `memo` was made). `old_html` gives the HTML of an output file (`x/index.html`)
/// as the search index has it now, for the words to take out. Returns the files that are
/// new or may differ; of the search index of a language with such files
/// ([`SEARCH_INDEX`]`<lang>/`) only these remain. On errors `memo` is as it was.
pub fn rerender_bodies(
    site: &Site,
    theme: &Theme,
    memo: &mut Memo,
    paths: &BTreeSet<String>,
    old_html: &dyn Fn(&str) -> Option<String>,
) -> Result<BTreeMap<String, Vec<u8>>, Diagnostics> {
    let mut r = Renderer::new(site, theme);
    for (lang, index) in site.settings.languages.iter().zip(&memo.indexes) {
        r.item_pages(lang, index, Some(paths));
    }
    if r.diags.has_errors() {
        return Err(r.diags);
    }
    // The new records replace the old ones of the same pages; each changed text goes
    // into its language's index.
    let fresh: BTreeMap<(String, String), PageRecord> = std::mem::take(&mut r.records)
        .into_iter()
        .map(|rec| ((rec.lang.clone(), rec.path.clone()), rec))
        .collect();
    let at = |records: &[PageRecord], (lang, path): &(String, String)| {
        records
            .binary_search_by(|r| (&r.lang, &r.path).cmp(&(lang, path)))
            .ok()
    };
    // The text each page had, from its HTML as it was.
    let old_texts: BTreeMap<&(String, String), String> = fresh
        .keys()
        .filter_map(|key| {
            let old = &memo.records[at(&memo.records, key)?];
            let file = format!("{}index.html", old.path.trim_start_matches('/'));
            let html = old_html(&file).unwrap_or_default();
            Some((key, main_text(&html, old.indexed)))
        })
        .collect();
    for index in &mut memo.search {
        let changes: Vec<search::PageChange> = fresh
            .iter()
            .filter(|((lang, _), _)| lang == index.lang())
            .filter_map(|(key, new)| {
                let old = &memo.records[at(&memo.records, key)?];
                Some(search::PageChange {
                    path: &old.path,
                    title: &old.title,
                    old: old_texts.get(key)?,
                    new: &new.text,
                })
            })
            .collect();
        if !changes.is_empty() {
            index.update(&changes);
            r.add_index_files(index);
        }
    }
    drop(old_texts);
    for (key, mut new) in fresh {
        if let Some(i) = at(&memo.records, &key) {
            new.text = String::new();
            memo.records[i] = new;
        }
    }
    Ok(r.out.files)
}

/// What a quick look read again into the model (see `content::patch`), and so which
/// pages it shows.
pub enum Shown<'a> {
    /// The files of one item (every language's): its pages.
    Item(&'a BTreeSet<String>),
    /// The units whose names changed, by id: their pages.
    Units(&'a BTreeSet<String>),
    /// `documents.yaml`: the documents pages.
    Documents,
}

/// The pages of a preview's quick look, shown while the rest of the site is built again.
/// What of each language's lists those pages show (an item's card, its result rows, its
/// timeline; a unit's exemplars) is made again first, so the pages are those a full
/// render makes; the search index and the page records stay as they were, and the full
/// build that follows replaces them.
pub fn quick_pages(
    site: &Site,
    theme: &Theme,
    memo: &mut Memo,
    shown: Shown,
) -> Result<QuickPages, Diagnostics> {
    let mut r = Renderer::new(site, theme);
    r.keep_text = false;
    let changed = match shown {
        Shown::Item(paths) => {
            if let Some(c) = made_from(&site.campaigns, paths) {
                index::Changed::Campaign(c)
            } else if let Some(x) = made_from(&site.exemplars, paths) {
                index::Changed::Exemplar(x)
            } else if let Some(rep) = made_from(&site.reports, paths) {
                index::Changed::Report(rep)
            } else if made_from(&site.plans, paths).is_some() {
                index::Changed::Plan
            } else {
                index::Changed::Other
            }
        }
        Shown::Units(ids) => index::Changed::Units(ids),
        Shown::Documents => index::Changed::Other,
    };
    for (lang, index) in site.settings.languages.iter().zip(&mut memo.indexes) {
        r.patch_index(index, &lang.code, changed);
        match shown {
            Shown::Item(paths) => r.item_pages(lang, index, Some(paths)),
            Shown::Units(ids) => {
                for u in site.units.iter().filter(|u| ids.contains(&u.id)) {
                    r.unit_page(&lang.code, index, u);
                }
            }
            Shown::Documents => r.documents_pages(&lang.code),
        }
    }
    match r.diags.has_errors() {
        true => Err(r.diags),
        false => Ok((r.out.files, r.sources)),
    }
}

/// The files a quick look rendered, and the page each source file became.
pub type QuickPages = (BTreeMap<String, Vec<u8>>, BTreeMap<String, String>);

/// The entry of `list` one of whose files is in `paths`.
fn made_from<'s, F, T>(
    list: &'s [Entry<F, T>],
    paths: &BTreeSet<String>,
) -> Option<&'s Entry<F, T>> {
    list.iter()
        .find(|e| e.versions.values().any(|v| paths.contains(&v.path)))
}

fn page_record(lang: &str, path: &str, ctx: &tera::Context, html: &str) -> PageRecord {
    let page = ctx.get("page");
    let field = |k: &str| {
        page.and_then(|p| p.get(k))
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let alternates = ctx
        .get("alternates")
        .and_then(|a| a.as_array())
        .map(|list| {
            list.iter()
                .filter(|a| a.get("exists").and_then(|e| e.as_bool()) == Some(true))
                .filter_map(|a| {
                    let lang = a.get("lang")?.as_str()?;
                    let url = a.get("url")?.as_str()?;
                    Some((lang.to_string(), url.to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    // The documents index makes its search results otherwise.
    let indexed = field("section") != Section::Documents.key();
    // Text, not HTML: a quarter of the memory, and made here, on the thread of the
    // page's language, rather than later for all pages on one thread per language.
    let text = main_text(html, indexed);
    PageRecord {
        indexed,
        lang: lang.to_string(),
        path: path.to_string(),
        title: field("title"),
        alternates,
        text,
    }
}

/// The text inside a page's `<main>` as a reader sees it, for the search index; empty for
/// a page that is not `indexed`.
fn main_text(html: &str, indexed: bool) -> String {
    match (html.find("<main"), html.rfind("</main>")) {
        (Some(a), Some(b)) if a < b && indexed => {
            // Kept until the search index is made: no spare capacity.
            let mut text = search::page_text(&html[a..b]);
            text.shrink_to_fit();
            text
        }
        _ => String::new(),
    }
}

fn date_view(d: PartialDate, lang: &str) -> DateView {
    DateView {
        text: d.format(lang),
        iso: d.iso(),
    }
}

/// Numbers as each language writes them: `1.234,5` in Vietnamese, `1,234.5` in English.
pub fn format_number(x: f64, lang: &str) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let (thousands, decimal) = if lang == "vi" { ('.', ',') } else { (',', '.') };
    let s = format!("{:.2}", x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac}")
    }
}

impl<'a> Renderer<'a> {
    fn new(site: &'a Site, theme: &'a Theme) -> Renderer<'a> {
        let base_path = match site.settings.base_url.find("://") {
            Some(i) => {
                let after = &site.settings.base_url[i + 3..];
                after
                    .find('/')
                    .map_or("/".to_string(), |j| after[j..].to_string())
            }
            None => site.settings.base_url.clone(),
        };
        let mut r = Renderer {
            site,
            theme,
            base_path,
            order: site.lang_order(),
            out: Output::default(),
            counts: BTreeMap::new(),
            diags: Diagnostics::default(),
            records: Vec::new(),
            sources: BTreeMap::new(),
            navs: BTreeMap::new(),
            page_words: None,
            words: Vec::new(),
            keep_text: true,
        };
        r.navs = site
            .settings
            .codes()
            .map(|c| (c.to_string(), r.menu(c)))
            .collect();
        r
    }

    /// A renderer for the same site with nothing emitted yet, to render a part of it.
    fn part(&self) -> Renderer<'a> {
        Renderer {
            site: self.site,
            theme: self.theme,
            base_path: self.base_path.clone(),
            order: self.order.clone(),
            out: self.out.empty_like(),
            counts: BTreeMap::new(),
            diags: Diagnostics::default(),
            records: Vec::new(),
            sources: BTreeMap::new(),
            navs: self.navs.clone(),
            page_words: None,
            words: Vec::new(),
            keep_text: self.keep_text,
        }
    }

    /// Takes in what a part emitted, as if it had been emitted here.
    fn join(&mut self, part: Renderer) {
        for clash in self.out.join(part.out) {
            self.diags.push(
                Diagnostic::error(
                    Code::SameAddress,
                    clash,
                    "two outputs have the same address",
                )
                .hint("two outputs have the same address: give one of them another slug"),
            );
        }
        for (lang, n) in part.counts {
            *self.counts.entry(lang).or_default() += n;
        }
        self.diags.extend(part.diags);
        self.records.extend(part.records);
        self.sources.extend(part.sources);
        self.words.extend(part.page_words);
    }

    fn t(&self, lang: &str, key: &str) -> String {
        self.theme
            .strings
            .get(lang)
            .and_then(|m| m.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    fn lang(&self, code: &str) -> &'a Language {
        self.site
            .settings
            .language(code)
            .expect("versions use configured languages")
    }

    /// Site path (from the site root) of a section or item, e.g. `/en/campaigns/x/`.
    fn path(&self, lang: &str, section: Section, slug: Option<&str>) -> String {
        let l = self.lang(lang);
        let mut p = l.prefix.clone();
        if let Some(seg) = section.segment(&l.segments) {
            p.push_str(seg);
            p.push('/');
        }
        if let Some(s) = slug {
            p.push_str(s);
            p.push('/');
        }
        p
    }

    fn href(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// Link to an entry as seen from a `lang` page, falling back to another language.
    fn link<F, T: Text>(&self, entry: &Entry<F, T>, lang: &str, section: Section) -> Link {
        let v = entry.get_or_fallback(lang, &self.order);
        let fallback = v.lang != lang;
        Link {
            title: v.fm.title().to_string(),
            href: self.href(&self.path(&v.lang, section, Some(&v.slug))),
            lang: fallback.then(|| v.lang.clone()),
            only_in: fallback.then(|| self.t(lang, &format!("only_in_{}", v.lang))),
        }
    }

    fn campaign_link(&self, id: &str, lang: &str) -> Option<Link> {
        self.site
            .campaign(id)
            .map(|c| self.link(c, lang, Section::Campaigns))
    }

    /// The size of a file of the site (`/van-ban/a.pdf`), if it is one.
    fn static_size(&self, file: &str) -> Option<usize> {
        let path = file.strip_prefix('/')?.split(['?', '#']).next()?;
        self.site.files.get(path).copied()
    }

    fn unit_link(&self, id: &str, lang: &str) -> Link {
        let name = self
            .site
            .unit(id)
            .and_then(|u| u.name.get(lang))
            .cloned()
            .unwrap_or_else(|| id.to_string());
        let l = self.lang(lang);
        let path = format!(
            "{}{}/{}/{}/",
            l.prefix, l.segments.exemplars, l.segments.units, id
        );
        Link {
            title: name,
            href: self.href(&path),
            lang: None,
            only_in: None,
        }
    }

    fn field_link(&self, name: &str, lang: &str) -> Link {
        let slug = crate::i18n::slugify(name);
        Link {
            title: name.to_string(),
            href: self.href(&self.path(lang, Section::Fields, Some(&slug))),
            lang: None,
            only_in: None,
        }
    }

    /// The navigation of a page of `section`: the language's menu, with the section marked.
    fn nav(&self, lang: &str, current: Section) -> Vec<NavItem> {
        self.navs[lang]
            .iter()
            .map(|(section, item)| NavItem {
                current: *section == Some(current),
                ..item.clone()
            })
            .collect()
    }

    /// The menu of a language, made once: the sections, then the pages that ask to be in it.
    fn menu(&self, lang: &str) -> Vec<(Option<Section>, NavItem)> {
        let mut nav: Vec<(Option<Section>, NavItem)> = [
            Section::Home,
            Section::Plan,
            Section::Campaigns,
            Section::Exemplars,
            Section::Nominations,
            Section::Reports,
            Section::Documents,
            Section::Fields,
            Section::Timeline,
            Section::Data,
        ]
        .into_iter()
        .filter_map(|s| {
            let href = match s {
                // The plan that is current on the build date; the plan page lists the others.
                Section::Plan => {
                    self.link(self.site.current_plan()?, lang, Section::Plan)
                        .href
                }
                _ => self.href(&self.path(lang, s, None)),
            };
            let item = NavItem {
                label: self.t(lang, &format!("nav_{}", s.key())),
                href,
                current: false,
            };
            Some((Some(s), item))
        })
        .collect();
        let mut pages: Vec<_> = self
            .site
            .pages
            .iter()
            .filter_map(|p| {
                p.versions
                    .get(lang)
                    .and_then(|v| v.fm.menu.map(|m| (m, p, v)))
            })
            .collect();
        pages.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| collate(&a.2.fm.title, &b.2.fm.title))
        });
        for (_, _, v) in pages {
            let item = NavItem {
                label: v.fm.title.clone(),
                href: self.href(&self.path(lang, Section::Page, Some(&v.slug))),
                current: false,
            };
            nav.push((None, item));
        }
        nav
    }

    /// Common context: language, strings, site, navigation, and the language switcher.
    /// `alternates` maps each language to the same page in it, if there is one.
    fn context(
        &self,
        lang: &str,
        section: Section,
        title: &str,
        description: &str,
        path: &str,
        alternates: &BTreeMap<String, String>,
    ) -> tera::Context {
        let l = self.lang(lang);
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert("t", &self.theme.strings[lang]);
        ctx.insert(
            "site",
            &serde_json::json!({
                "title": l.title,
                "description": l.description,
                "organization": l.organization,
                "home": self.href(&l.prefix),
                "base_path": self.base_path,
                "default_lang": self.site.settings.default_lang(),
            }),
        );
        ctx.insert(
            "page",
            &serde_json::json!({
                "title": title,
                "description": if description.is_empty() { &l.description } else { description },
                "path": path,
                "href": self.href(path),
                "url": self.site.settings.absolute(path),
                "section": section.key(),
            }),
        );
        ctx.insert("nav", &self.nav(lang, section));
        ctx.insert(
            "search_href",
            &self.href(&self.path(lang, Section::Search, None)),
        );
        ctx.insert(
            "feeds",
            &vec![serde_json::json!({
                "title": l.title,
                "href": self.href(&self.feed_path(lang)),
            })],
        );
        let switcher: Vec<Alternate> = self
            .site
            .settings
            .languages
            .iter()
            .map(|other| {
                let (p, exists) = match alternates.get(&other.code) {
                    Some(p) => (p.clone(), true),
                    None => (self.path(&other.code, section, None), false),
                };
                Alternate {
                    lang: other.code.clone(),
                    label: self.t(&other.code, "lang_name"),
                    locale: self.t(&other.code, "og_locale"),
                    url: self.site.settings.absolute(&p),
                    href: self.href(&p),
                    exists,
                    current: other.code == lang,
                }
            })
            .collect();
        ctx.insert("alternates", &switcher);
        let url = self.site.settings.absolute(path);
        ctx.insert("jsonld", &self.jsonld(lang, &url, title, None));
        ctx.insert(
            "x_default",
            &alternates
                .get(self.site.settings.default_lang())
                .map(|p| self.site.settings.absolute(p)),
        );
        ctx
    }

    /// Adds a non-page file (feed, sitemap, data); a clash is reported, not panicked on.
    fn add_file(&mut self, file: String, bytes: Vec<u8>) {
        if let Err(e) = self.out.add(file.clone(), bytes) {
            self.diags.push(
                Diagnostic::error(Code::SameAddress, file, e)
                    .hint("two outputs have the same address: give one of them another slug"),
            );
        }
    }

    /// Renders a page that is not part of the site's content (404): not in sitemap or search.
    fn emit_standalone(&mut self, file: &str, template: &str, ctx: &tera::Context) {
        match self.theme.tera.render(template, ctx) {
            Ok(html) => self.add_file(file.to_string(), html.into_bytes()),
            Err(e) => self.diags.push(
                Diagnostic::error(
                    Code::TemplateError,
                    format!("templates/{template}"),
                    tera_message(&e),
                )
                .hint("fix the template, or remove your override to use the theme's"),
            ),
        }
    }

    /// Renders a page from a context the caller still needs (copies it); see `emit_page`.
    fn emit(&mut self, lang: &str, path: &str, template: &str, ctx: &tera::Context) {
        self.emit_page(lang, path, template, ctx.clone());
    }

    /// Renders a page of the site: written, counted, and in the sitemap and search.
    fn emit_page(&mut self, lang: &str, path: &str, template: &str, mut ctx: tera::Context) {
        // Pages that show data link to its open data files.
        ctx.insert("downloads", &self.downloads(lang, template));
        let ctx = &ctx;
        match self.theme.tera.render(template, ctx) {
            Ok(html) => {
                let mut record = page_record(lang, path, ctx, &html);
                let href = self.href(path);
                if let Some(words) = &mut self.page_words {
                    words.add(path, &href, &record.title, &record.text);
                }
                if !self.keep_text {
                    record.text = String::new();
                }
                self.records.push(record);
                let file = format!("{}index.html", path.trim_start_matches('/'));
                self.add_file(file, html.into_bytes());
                *self.counts.entry(lang.to_string()).or_default() += 1;
            }
            Err(e) => self.diags.push(
                Diagnostic::error(
                    Code::TemplateError,
                    format!("templates/{template}"),
                    tera_message(&e),
                )
                .hint("fix the template, or remove your override to use the theme's"),
            ),
        }
    }

    /// Same path in every language: for section indexes.
    fn all_langs(&self, section: Section, slug: Option<&str>) -> BTreeMap<String, String> {
        self.site
            .settings
            .codes()
            .map(|c| (c.to_string(), self.path(c, section, slug)))
            .collect()
    }

    /// Context for a section's index page, which exists in every language.
    fn index_context(&self, lang: &str, section: Section) -> (String, tera::Context) {
        let path = self.path(lang, section, None);
        let title = self.t(lang, &format!("nav_{}", section.key()));
        let ctx = self.context(
            lang,
            section,
            &title,
            "",
            &path,
            &self.all_langs(section, None),
        );
        (path, ctx)
    }

    /// Context for one item's page (in `lang`, which it must have), with its translations as
    /// alternates.
    fn item_context<F, T>(
        &mut self,
        lang: &str,
        section: Section,
        e: &Entry<F, T>,
        title: &str,
        summary: &str,
    ) -> (String, tera::Context) {
        let version = &e.versions[lang];
        let path = self.path(lang, section, Some(&version.slug));
        self.sources.insert(version.path.clone(), path.clone());
        let ctx = self.context(
            lang,
            section,
            title,
            summary,
            &path,
            &self.item_alternates(e, section),
        );
        (path, ctx)
    }

    fn item_alternates<F, T>(&self, e: &Entry<F, T>, section: Section) -> BTreeMap<String, String> {
        e.versions
            .iter()
            .map(|(l, v)| (l.clone(), self.path(l, section, Some(&v.slug))))
            .collect()
    }

    /// The body of version `v`, on the page at site path `page`.
    fn body(&self, v: &Version<impl Sized>, page: &str) -> String {
        let later = |address: &str| match crate::links::resolve(address, page) {
            crate::links::Target::Site { file, .. } => self.site.later.contains_key(&file),
            _ => false,
        };
        self.pictures_in(markdown::render_with(
            &v.body,
            &self.base_path,
            self.site.settings.raw_html,
            &self.theme.ids,
            &later,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn numbers_per_language() {
        assert_eq!(format_number(1234.5, "vi"), "1.234,5");
        assert_eq!(format_number(1234.5, "en"), "1,234.5");
        assert_eq!(format_number(96.0, "vi"), "96");
        assert_eq!(format_number(1000000.0, "en"), "1,000,000");
    }
}
