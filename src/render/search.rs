//! Search: a static word index per language of every emitted page (and of each legal
//! document), and the search page that queries it in the browser.
//!
//! Why our own index: until this module replaced it, the site used Pagefind, built
//! in-process. At 10,000 items per language (≈20,000 pages) Pagefind took ≈70 s and 6 GB of
//! memory (it keeps every word position of every page, twice, and gzips 20,000 files at the
//! best level on one thread), and none of its settings brought it near a second or a few
//! hundred MB (see the figures in `git log` of this file). What the search page needs is
//! smaller: which pages hold every word of the query, whether in the title, and a short
//! text to show. That is built here in one pass over the pages, on one thread per
//! language: at 10,000 items per language about 1 s and 70 MB, and 17 MB of index.
//!
//! The files, under `search-index/<lang>/`, are plain JSON; `search.js` fetches them
//! relative to the search page's `data-index`, so search works under a sub-path and over
//! plain HTTP, and a query downloads only what it needs:
//!
//! - `meta.json`: `{"v": version, "pages": N, "chunk": C, "shards": [key, …]}`. `v` is a
//!   hash of the other files, added to their addresses so a cached old shard is never read
//!   with a new list of pages.
//! - `w/<i>.json`: shard `i`, the words starting with `shards[i]`: `{"word": postings}`.
//!   A shard holds the words of a two-letter start (`th`); one that grows past
//!   [`SHARD_BYTES`] is split one letter deeper (`tha`, `thi`, …), and a word is always in
//!   the shard of the longest key it starts with. A query fetches one shard per word.
//! - `p/<i>.json`: pages `i·C … i·C+C-1` as `[href, title, text]`, in address order. The
//!   text is the start of the page (without its title), for the result's extract; only the
//!   chunks of the results shown are fetched.
//!
//! Words are runs of letters, digits and marks, folded with [`fold`] (lowercase, no marks,
//! `đ` → `d`), the same folding `search.js` applies to the query: `nong thon moi`,
//! `NÔNG THÔN MỚI` and `nông thôn mới` are the same three words, and `duong` finds
//! `đường`. Postings list a word's pages in ascending order, each as a number: the gap
//! from the previous page × 8, plus 4 if the word is in the page's title, plus how often it
//! occurs (0: once, 1: twice, 2: 3–5 times, 3: more); a title posting is followed by the
//! number of words in the title (at most [`TITLE_WORDS`]), so that a query covering more of
//! a short title ranks first. Numbers are written in base 32, one character per digit, the
//! last digit from [`DIGITS`]`[..32]` and the others from `[32..]`, so most postings take
//! one or two characters. Everything is sorted; nothing depends on hash-map order or on
//! thread timing.

mod text;

use super::views::Link;
use super::{Renderer, Section};
use crate::i18n::fold;
use rayon::prelude::*;
#[cfg(test)]
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Bound;
pub(in crate::render) use text::page_text;
use text::words;

/// Folder of the index, from the site root.
pub const BUNDLE: &str = "search-index/";

/// Pages per chunk of `p/`. A first page of 20 results fetches up to 20 chunks, so
/// chunks are small; the number of files is the pages divided by this.
const CHUNK: usize = 16;

/// A shard larger than this (bytes of JSON) is split one letter deeper.
const SHARD_BYTES: usize = 16 * 1024;

/// Characters of page text kept for the extract of a result.
const TEXT_CHARS: usize = 360;

/// Titles longer than this many words count as this long.
const TITLE_WORDS: usize = 31;

/// Digits of the posting numbers: final digits first, then continued ones.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// One search result to be (tests).
#[cfg(test)]
struct Source<'a> {
    lang: &'a str,
    /// Site path, the sort key: `/en/campaigns/x/`, `/van-ban/#ct-12`.
    path: String,
    /// What the result links to: the path with the site's base path in front.
    href: String,
    title: Cow<'a, str>,
    body: Body<'a>,
}

#[cfg(test)]
enum Body<'a> {
    /// HTML, made text here (tests).
    #[cfg(test)]
    Html(&'a str),
    Text(Cow<'a, str>),
}

impl Renderer<'_> {
    /// The index and search page of every language, from the words each language's
    /// pages gave as they were rendered ([`PageWords`]) and one entry per legal document
    /// (the documents index lists them all on one page; each is its own result, at its
    /// `#id`). Returns each language's index for later updates ([`LangSearch::update`]).
    pub(super) fn render_search(&mut self) -> Vec<LangSearch> {
        let mut all = std::mem::take(&mut self.words);
        for words in &mut all {
            let code = words.lang.clone();
            let docs_index = self.path(&code, Section::Documents, None);
            for d in self.documents(&code) {
                let path = format!("{docs_index}#{}", d.id);
                let title = format!("{} {}", d.kind, d.number);
                let text = format!("{} {} {}", d.summary, d.issuer, d.issued.text);
                words.add(&path, &self.href(&path), &title, &text);
            }
        }
        let indexes: Vec<LangSearch> = all.into_par_iter().map(LangSearch::from_words).collect();
        for index in &indexes {
            self.add_index_files(index);
        }
        for l in self.site.settings.languages.clone() {
            self.search_page(&l.code);
        }
        indexes
    }

    /// Adds (or replaces) the files of one language's index.
    pub(super) fn add_index_files(&mut self, index: &LangSearch) {
        for (name, bytes) in index.files() {
            self.add_file(format!("{BUNDLE}{}/{name}", index.lang), bytes);
        }
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
        ctx.insert("search_index", &self.href(&format!("{BUNDLE}{lang}/")));
        self.emit(lang, &path, "search.html", &ctx);
    }
}

/// The index of every language from whole pages (tests).
#[cfg(test)]
fn build_index(mut sources: Vec<Source<'_>>) -> Vec<LangSearch> {
    sources.sort_by(|a, b| (a.lang, &a.path).cmp(&(b.lang, &b.path)));
    let mut by_lang: Vec<&[Source]> = Vec::new();
    let mut rest = &sources[..];
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|s| s.lang == first.lang).count();
        by_lang.push(&rest[..n]);
        rest = &rest[n..];
    }
    by_lang.into_par_iter().map(LangSearch::build).collect()
}

/// One language's index: its files, and what updating them after the text of some pages
/// changed needs (the preview's body-only rebuilds), so that an update writes the same
/// bytes a build from scratch would.
pub(super) struct LangSearch {
    lang: String,
    /// Page paths, sorted: a page's position is its number in the postings.
    paths: Vec<String>,
    /// What a result shows, by page number: address, title, extract.
    shown: Vec<(String, String, String)>,
    /// Every folded word → its postings and their encoding.
    words: BTreeMap<String, (Vec<u32>, String)>,
    /// The word files, in order.
    shards: Vec<Shard>,
    /// The page files (`p/<i>.json`), in order.
    chunks: Vec<Vec<u8>>,
}

struct Shard {
    key: String,
    first: String,
    len: usize,
    json: Vec<u8>,
}

/// Path, address, title and extract of a page of the index.
type PageMeta = (String, String, String, String);

/// The words of a language's pages, taken as each page is rendered so that no page's text
/// is kept until the index is made; [`LangSearch::from_words`] makes the index.
pub(super) struct PageWords {
    lang: String,
    index: WordIndex,
    /// In the order the pages came.
    pages: Vec<PageMeta>,
}

impl PageWords {
    pub(super) fn new(lang: &str) -> PageWords {
        PageWords {
            lang: lang.to_string(),
            index: WordIndex::default(),
            pages: Vec::new(),
        }
    }

    pub(super) fn add(&mut self, path: &str, href: &str, title: &str, text: &str) {
        self.index.add_page(title, text);
        let meta = (
            path.to_string(),
            href.to_string(),
            title.to_string(),
            extract(title, text),
        );
        self.pages.push(meta);
    }
}

/// What changed on one page: its path, title and text before and after.
pub(super) struct PageChange<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub old: &'a str,
    pub new: &'a str,
}

impl LangSearch {
    /// The index of one language's pages (tests).
    #[cfg(test)]
    fn build(pages: &[Source]) -> LangSearch {
        let mut words = PageWords::new(pages.first().map_or("", |p| p.lang));
        for page in pages {
            let text = match &page.body {
                Body::Html(html) => Cow::Owned(page_text(html)),
                Body::Text(text) => Cow::Borrowed(text.as_ref()),
            };
            words.add(&page.path, &page.href, &page.title, &text);
        }
        LangSearch::from_words(words)
    }

    /// The index of the pages whose words were collected, in whatever order: pages are
    /// numbered in order of their paths here, so the files do not depend on it.
    fn from_words(words: PageWords) -> LangSearch {
        let PageWords {
            lang,
            mut index,
            pages,
        } = words;
        let mut order: Vec<usize> = (0..pages.len()).collect();
        order.sort_by(|a, b| pages[*a].0.cmp(&pages[*b].0));
        let mut number = vec![0u32; pages.len()];
        for (new, old) in order.iter().enumerate() {
            number[*old] = u32::try_from(new).expect("fewer than 16 million pages");
        }
        for postings in &mut index.postings {
            for p in postings.iter_mut() {
                *p = number[(*p >> 8) as usize] << 8 | (*p & 0xff);
            }
            postings.sort_unstable();
        }
        let mut pages: Vec<Option<PageMeta>> = pages.into_iter().map(Some).collect();
        let mut paths = Vec::with_capacity(pages.len());
        let mut shown = Vec::with_capacity(pages.len());
        for old in order {
            let (path, href, title, extract) = pages[old].take().expect("each page once");
            paths.push(path);
            shown.push((href, title, extract));
        }
        let words = index
            .words
            .into_iter()
            .zip(index.postings)
            .map(|(w, p)| {
                let encoded = encode_postings(&p);
                (w, (p, encoded))
            })
            .collect();
        let mut out = LangSearch {
            lang,
            paths,
            shown,
            words,
            shards: Vec::new(),
            chunks: Vec::new(),
        };
        out.reshard(None);
        out.chunks = out.shown.chunks(CHUNK).map(|c| to_json(&c)).collect();
        out
    }

    pub(super) fn lang(&self) -> &str {
        &self.lang
    }

    /// Takes in new texts of pages it has (same titles).
    pub(super) fn update(&mut self, changes: &[PageChange]) {
        let mut affected: BTreeSet<String> = BTreeSet::new();
        let mut chunks: BTreeSet<usize> = BTreeSet::new();
        for change in changes {
            let Ok(page) = self.paths.binary_search_by(|p| p.as_str().cmp(change.path)) else {
                continue;
            };
            let page_bits = u32::try_from(page).expect("fewer than 16 million pages") << 8;
            for (word, _) in entries(change.title, change.old) {
                if let Some((postings, _)) = self.words.get_mut(&word) {
                    postings.retain(|p| p >> 8 != page as u32);
                    if postings.is_empty() {
                        self.words.remove(&word);
                    }
                }
                affected.insert(word);
            }
            for (word, entry) in entries(change.title, change.new) {
                let postings = &mut self.words.entry(word.clone()).or_default().0;
                let at = postings.partition_point(|p| p >> 8 < page as u32);
                postings.insert(at, page_bits | entry);
                affected.insert(word);
            }
            self.shown[page].2 = extract(change.title, change.new);
            chunks.insert(page / CHUNK);
        }
        for word in &affected {
            if let Some((postings, encoded)) = self.words.get_mut(word) {
                *encoded = encode_postings(postings);
            }
        }
        self.reshard(Some(&affected));
        for c in &chunks {
            let end = (c * CHUNK + CHUNK).min(self.shown.len());
            self.chunks[*c] = to_json(&&self.shown[c * CHUNK..end]);
        }
    }

    /// Makes the word files again from `words`; with `affected`, a file whose key and
    /// words are as before and holds none of the affected words keeps its bytes.
    fn reshard(&mut self, affected: Option<&BTreeSet<String>>) {
        let list: Vec<(&str, &str)> = self
            .words
            .iter()
            .map(|(w, (_, e))| (w.as_str(), e.as_str()))
            .collect();
        let mut old: HashMap<String, Shard> = std::mem::take(&mut self.shards)
            .into_iter()
            .map(|s| (s.key.clone(), s))
            .collect();
        for (key, group) in shards(&list, 2) {
            let (first, last) = (group[0].0, group[group.len() - 1].0);
            let kept = affected.and_then(|a| {
                let o = old.remove(&key)?;
                let untouched = o.first == first
                    && o.len == group.len()
                    && a.range::<str, _>((Bound::Included(first), Bound::Included(last)))
                        .next()
                        .is_none();
                untouched.then_some(o.json)
            });
            let json = kept.unwrap_or_else(|| {
                let map: BTreeMap<&str, &str> = group.iter().copied().collect();
                to_json(&map)
            });
            self.shards.push(Shard {
                key,
                first: first.to_string(),
                len: group.len(),
                json,
            });
        }
    }

    /// The files, named inside the language's folder: `w/<i>.json`, `p/<i>.json` and
    /// `meta.json`.
    fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for (i, shard) in self.shards.iter().enumerate() {
            files.push((format!("w/{i}.json"), shard.json.clone()));
        }
        for (i, chunk) in self.chunks.iter().enumerate() {
            files.push((format!("p/{i}.json"), chunk.clone()));
        }
        let version = files.iter().fold(Fnv::default(), |h, (name, bytes)| {
            h.add(name.as_bytes()).add(bytes)
        });
        let keys: Vec<&str> = self.shards.iter().map(|s| s.key.as_str()).collect();
        let meta = serde_json::json!({
            "v": format!("{:016x}", version.0),
            "pages": self.paths.len(),
            "chunk": CHUNK,
            "shards": keys,
        });
        files.push(("meta.json".to_string(), to_json(&meta)));
        files
    }
}

/// The postings one page gives its words, as page 0: word → title and frequency bits.
fn entries(title: &str, text: &str) -> Vec<(String, u32)> {
    let mut index = WordIndex::default();
    index.add_page(title, text);
    index
        .words
        .into_iter()
        .zip(index.postings)
        .filter_map(|(w, p)| Some((w, *p.first()?)))
        .collect()
}

fn to_json(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("the index is plain strings and numbers")
}

/// FNV-1a, 64 bits: a stable hash of the index files for `meta.json`'s version.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn add(self, bytes: &[u8]) -> Self {
        Fnv(bytes.iter().fold(self.0, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        }))
    }
}

/// A fast hash for short words (the multiply-rotate of rustc's FxHasher). Only lookups
/// use it: every output is sorted, so nothing depends on its order.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// The words of one language and the pages they are on, built page by page in page order.
#[derive(Default)]
struct WordIndex {
    /// Folded word → its number.
    ids: FxMap<String, u32>,
    /// A word as written (`Đổi`) → the number of its folded form: folding is the slow part,
    /// and a language has far fewer spellings than words written.
    spellings: FxMap<String, u32>,
    /// Number → folded word.
    words: Vec<String>,
    /// Number → postings: page number << 8 | words in the title << 3 (if it is in it) |
    /// 4 if it is in the title | how often (0–3).
    postings: Vec<Vec<u32>>,
    /// Occurrences on the current page, by word number; 0 for the words not on it.
    counts: Vec<u32>,
    /// The words of the current page, in order of first occurrence.
    on_page: Vec<u32>,
    pages: u32,
}

impl WordIndex {
    fn id(&mut self, spelling: &str) -> u32 {
        if let Some(&id) = self.spellings.get(spelling) {
            return id;
        }
        let folded = fold(spelling);
        let id = match self.ids.get(&folded) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.words.len()).expect("fewer than 4 billion words");
                self.ids.insert(folded.clone(), id);
                self.words.push(folded);
                self.postings.push(Vec::new());
                self.counts.push(0);
                id
            }
        };
        self.spellings.insert(spelling.to_string(), id);
        id
    }

    /// Adds the next page. Title words count as on the page even if the text lacks them.
    fn add_page(&mut self, title: &str, text: &str) {
        let in_title: Vec<u32> = words(title).map(|w| self.id(w)).collect();
        for w in words(text) {
            let id = self.id(w);
            self.count(id);
        }
        for &id in &in_title {
            if self.counts[id as usize] == 0 {
                self.count(id);
            }
        }
        let page = self.pages;
        assert!(page < 1 << 24, "fewer than 16 million pages per language");
        let title_len = u32::try_from(in_title.len().min(TITLE_WORDS)).expect("small");
        for id in std::mem::take(&mut self.on_page) {
            let n = std::mem::take(&mut self.counts[id as usize]);
            let often = match n {
                1 => 0,
                2 => 1,
                3..=5 => 2,
                _ => 3,
            };
            let title = if in_title.contains(&id) {
                title_len << 3 | 4
            } else {
                0
            };
            self.postings[id as usize].push(page << 8 | title | often);
        }
        self.pages += 1;
    }

    fn count(&mut self, id: u32) {
        let n = &mut self.counts[id as usize];
        if *n == 0 {
            self.on_page.push(id);
        }
        *n += 1;
    }
}

/// Postings as gaps × 8 + flags, in base 32 (see the module doc).
fn encode_postings(postings: &[u32]) -> String {
    let mut out = String::with_capacity(postings.len() + 4);
    let mut previous = 0;
    for p in postings {
        let page = p >> 8;
        push_number(&mut out, u64::from(page - previous) << 3 | u64::from(p & 7));
        if p & 4 != 0 {
            push_number(&mut out, u64::from(p >> 3 & 31));
        }
        previous = page;
    }
    out
}

fn push_number(out: &mut String, n: u64) {
    let mut digits = [0u8; 13];
    let mut len = 0;
    let mut n = n;
    loop {
        digits[len] = (n % 32) as u8;
        len += 1;
        n /= 32;
        if n == 0 {
            break;
        }
    }
    for (i, d) in digits[..len].iter().rev().enumerate() {
        let continued = if i + 1 < len { 32 } else { 0 };
        out.push(char::from(DIGITS[usize::from(*d + continued)]));
    }
}

/// Splits sorted words into shards: groups by their first `key_len` characters, and a
/// group over [`SHARD_BYTES`] one character deeper (the word equal to the key, if any,
/// keeps the key). A word shorter than `key_len` is a group of its own.
fn shards<'a, 'w>(
    words: &'a [(&'w str, &'w str)],
    key_len: usize,
) -> Vec<(String, &'a [(&'w str, &'w str)])> {
    let mut out = Vec::new();
    let mut rest = words;
    while let Some((first, _)) = rest.first() {
        let key = prefix(first, key_len);
        let n = rest
            .iter()
            .take_while(|(w, _)| prefix(w, key_len) == key)
            .count();
        let (group, after) = rest.split_at(n);
        let bytes: usize = group.iter().map(|(w, p)| w.len() + p.len() + 6).sum();
        if bytes > SHARD_BYTES && group.len() > 1 {
            let own = usize::from(group[0].0 == key);
            if own == 1 {
                out.push((key.to_string(), &group[..1]));
            }
            out.extend(shards(&group[own..], key_len + 1));
        } else {
            out.push((key.to_string(), group));
        }
        rest = after;
    }
    out
}

/// The first `n` characters of `s`.
fn prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// The text shown under a result: the page's text without the title it starts with,
/// cut at a word boundary after [`TEXT_CHARS`] characters.
fn extract(title: &str, text: &str) -> String {
    let text = text.strip_prefix(title).unwrap_or(text).trim_start();
    match text.char_indices().nth(TEXT_CHARS) {
        None => text.to_string(),
        Some((cut, _)) => {
            let end = text[cut..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| cut + i);
            text[..end].to_string()
        }
    }
}

#[cfg(test)]
#[path = "../../tests/support/search_index.rs"]
mod index_reader;

#[cfg(test)]
mod tests {
    use super::*;

    fn source<'a>(path: &str, title: &'a str, html: &'a str) -> Source<'a> {
        Source {
            lang: "vi",
            path: path.to_string(),
            href: path.to_string(),
            title: Cow::Borrowed(title),
            body: Body::Html(html),
        }
    }

    fn files_of(sources: Vec<Source>) -> BTreeMap<String, Vec<u8>> {
        build_index(sources)
            .iter()
            .flat_map(|index| {
                let lang = index.lang().to_string();
                index
                    .files()
                    .into_iter()
                    .map(move |(name, bytes)| (format!("{lang}/{name}"), bytes))
            })
            .collect()
    }

    /// Pages are indexed as they are rendered, in any order (each language on its own
    /// thread); the files must be those of the pages taken in order of their paths.
    #[test]
    fn the_order_pages_come_in_does_not_matter() {
        let pages: Vec<(String, String)> = (0..40)
            .map(|i| {
                (
                    format!("/p/{:02}/", (i * 17) % 40),
                    format!("trang {i} đổi mới {}", i % 7),
                )
            })
            .collect();
        let index = |order: &mut dyn Iterator<Item = &(String, String)>| {
            let mut words = PageWords::new("vi");
            for (path, text) in order {
                words.add(path, path, "Tiêu đề", text);
            }
            LangSearch::from_words(words).files()
        };
        let mut sorted = pages.clone();
        sorted.sort();
        assert_eq!(index(&mut pages.iter()), index(&mut sorted.iter()));
        assert_eq!(index(&mut pages.iter().rev()), index(&mut sorted.iter()));
    }

    #[test]
    fn an_updated_index_equals_one_built_from_scratch() {
        // Enough pages and words for shards over SHARD_BYTES to split, so that an update
        // moves shard bounds, adds words and drops words that no page has any more.
        let text = |seed: usize, n: usize| -> String {
            (0..n)
                .map(|i| {
                    format!(
                        "th{}x{} thanh{} nông",
                        (seed * 31 + i * 7) % 997,
                        i % 13,
                        i % 5
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let paths: Vec<String> = (0..60).map(|i| format!("/p/{i:03}/")).collect();
        let titles: Vec<String> = (0..60).map(|i| format!("Trang {i}")).collect();
        let mut texts: Vec<String> = (0..60).map(|i| text(i, 200)).collect();
        let sources = |texts: &[String]| -> Vec<Source<'static>> {
            paths
                .iter()
                .zip(&titles)
                .zip(texts)
                .map(|((p, t), x)| Source {
                    lang: "vi",
                    path: p.clone(),
                    href: p.clone(),
                    title: Cow::Owned(t.clone()),
                    body: Body::Text(Cow::Owned(x.clone())),
                })
                .collect()
        };
        let mut index = build_index(sources(&texts)).pop().expect("one language");
        assert!(
            index.shards.iter().any(|s| s.key.chars().count() > 2),
            "splits"
        );
        for (page, new) in [
            (3, text(500, 400)),
            (40, "đổi mới".to_string()),
            (3, String::new()),
        ] {
            let old = std::mem::replace(&mut texts[page], new);
            index.update(&[PageChange {
                path: &paths[page],
                title: &titles[page],
                old: &old,
                new: &texts[page],
            }]);
            let fresh = build_index(sources(&texts)).pop().expect("one language");
            assert_eq!(index.files(), fresh.files(), "after changing page {page}");
        }
    }

    #[test]
    fn postings_are_gaps_and_flags_in_base_32() {
        // Page 0 in a title of 3 words, once; page 1 twice; page 40 more than five times.
        assert_eq!(
            encode_postings(&[3 << 3 | 4, 1 << 8 | 1, 40 << 8 | 3]),
            "439Fr"
        );
        let mut s = String::new();
        push_number(&mut s, 32 * 32 + 5);
        assert_eq!(s, "xw5");
    }

    #[test]
    fn big_shards_split_one_letter_deeper() {
        let long = "x".repeat(SHARD_BYTES);
        let words = [
            ("a", "1"),
            ("th", "1"),
            ("tha", long.as_str()),
            ("thanh", "1"),
            ("thi", long.as_str()),
            ("to", "1"),
        ];
        let keys: Vec<(String, Vec<&str>)> = shards(&words, 2)
            .into_iter()
            .map(|(k, g)| (k, g.iter().map(|(w, _)| *w).collect()))
            .collect();
        assert_eq!(
            keys,
            [
                ("a".to_string(), vec!["a"]),
                ("th".to_string(), vec!["th"]),
                ("tha".to_string(), vec!["tha"]),
                ("than".to_string(), vec!["thanh"]),
                ("thi".to_string(), vec!["thi"]),
                ("to".to_string(), vec!["to"]),
            ]
        );
    }

    /// Every spelling of a word becomes the word `i18n::fold` gives, and points to its page;
    /// titles are flagged; the index does not depend on the order pages come in.
    #[test]
    fn index_folds_vietnamese_like_i18n_fold() {
        let pages = [
            ("/a/", "ĐƯỜNG", "<p>ĐƯỜNG Nông Thôn MỚI</p>"),
            // NFD input, as some editors save it.
            (
                "/b/",
                "B",
                "<p>đu\u{31b}o\u{31b}\u{300}ng no\u{302}ng tho\u{302}n</p>",
            ),
            ("/c/", "C", "<p>Dương đương nhiệm</p>"),
        ];
        let files = files_of(pages.iter().map(|(p, t, h)| source(p, t, h)).collect());
        let words = index_reader::words(&files, "vi");
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
        for w in words.keys() {
            assert_eq!(w, &fold(w), "{w:?} is not folded");
        }
        assert_eq!(index_reader::title_pages(&files, "vi", "duong"), ["/a/"]);

        let reversed = pages
            .iter()
            .rev()
            .map(|(p, t, h)| source(p, t, h))
            .collect();
        assert_eq!(files, files_of(reversed));
    }

    #[test]
    fn extract_leaves_out_the_title_and_stops_at_a_word() {
        assert_eq!(extract("Đổi mới", "Đổi mới Nội dung."), "Nội dung.");
        let long = "từ ".repeat(TEXT_CHARS);
        let e = extract("T", &long);
        assert!(e.chars().count() >= TEXT_CHARS && e.chars().count() < TEXT_CHARS + 3);
        assert!(e.ends_with("từ"));
    }
}
