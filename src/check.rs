//! Checks on the rendered site that point back at the source: every internal link, `#anchor`,
//! image and attachment a writer typed must resolve in the site being built.
//!
//! Runs after render because only then is it known which pages exist (drafts excluded)
//! and which ids each page has; runs before write, so a broken link stops the build like
//! any other content error.

use crate::content::Site;
use crate::error::{Diagnostic, Diagnostics, Lines, Span};
use crate::render::Rendered;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::collections::{BTreeMap, BTreeSet};

/// What a link points at, once resolved against the page it is on.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// Not ours to check: another site, mail, phone.
    External,
    /// Above the root of the site (`/../x`, `../../x` from a shallow page): never a file of
    /// the site, and a sign someone is reaching for files outside it.
    Outside,
    /// A file of the site (without the base path) and maybe an anchor in it.
    Site {
        file: String,
        anchor: Option<String>,
    },
}

/// Resolves `href` written on the page at site path `page` (`/phong-trao/x/`).
fn resolve(href: &str, page: &str) -> Target {
    let href = href.trim();
    if href.is_empty()
        || href.contains("://")
        || href.starts_with("//")
        || href.starts_with("mailto:")
        || href.starts_with("tel:")
    {
        return Target::External;
    }
    let (path, anchor) = match href.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let joined = if path.is_empty() {
        page.to_string()
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{page}{path}")
    };
    // Normalize `.` and `..` segments; `\` counts as a separator, as browsers treat it.
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside;
                }
            }
            s => parts.push(s),
        }
    }
    let mut file = parts.join("/");
    let looks_like_file = parts.last().is_some_and(|l| l.contains('.'));
    if !looks_like_file {
        file = if file.is_empty() {
            "index.html".into()
        } else {
            format!("{file}/index.html")
        };
    }
    Target::Site { file, anchor }
}

/// The `id` attributes of an HTML page.
pub(crate) fn ids(html: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            out.insert(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

/// What [`Checker::problem`] says about a target above the site root.
const OUTSIDE: &str = "a place outside the site";
/// A `javascript:`, `data:`… address: the page gets `#` instead, the build an error.
const UNSAFE: &str = "an unsafe address";

/// The built site as the link checks see it: which files it has, and the `id`s of a page.
pub trait BuiltFiles {
    fn has(&self, file: &str) -> bool;
    /// The `id` attributes of an HTML file (empty for other files).
    fn ids(&self, file: &str) -> BTreeSet<String>;
}

impl BuiltFiles for crate::output::Output {
    fn has(&self, file: &str) -> bool {
        self.contains(file)
    }

    fn ids(&self, file: &str) -> BTreeSet<String> {
        crate::output::Output::ids(self, file).unwrap_or_default()
    }
}

struct Checker<'a> {
    site: &'a dyn BuiltFiles,
    ids: BTreeMap<String, BTreeSet<String>>,
}

impl Checker<'_> {
    /// Why `target` does not resolve, or `None` if it does.
    fn problem(&mut self, target: &Target) -> Option<String> {
        let (file, anchor) = match target {
            Target::External => return None,
            Target::Outside => return Some(OUTSIDE.to_string()),
            Target::Site { file, anchor } => (file, anchor),
        };
        if !self.site.has(file) {
            return Some(format!("/{}", file.trim_end_matches("index.html")));
        }
        let anchor = anchor.as_deref().filter(|a| !a.is_empty())?;
        let site = self.site;
        let ids = self
            .ids
            .entry(file.clone())
            .or_insert_with(|| site.ids(file));
        (!ids.contains(anchor)).then(|| format!("#{anchor}"))
    }
}

/// Checks links and images in every published body, and the files named in front matter.
pub fn links(site: &Site, rendered: &Rendered, diags: &mut Diagnostics) {
    links_in(site, &rendered.sources, &rendered.output, None, diags);
}

/// [`links`] over any set of built files; with `only`, just the bodies of those source
/// files (what the preview rechecks after only they changed).
pub fn links_in(
    site: &Site,
    sources: &BTreeMap<String, String>,
    built: &dyn BuiltFiles,
    only: Option<&BTreeSet<String>>,
    diags: &mut Diagnostics,
) {
    let mut checker = Checker {
        site: built,
        ids: BTreeMap::new(),
    };
    let mut bodies: Vec<(&str, &str, usize)> = Vec::new();
    macro_rules! collect {
        ($entries:expr) => {
            for e in $entries {
                for v in e.versions.values() {
                    bodies.push((&v.path, &v.body, v.body_line));
                }
            }
        };
    }
    collect!(&site.plans);
    collect!(&site.campaigns);
    collect!(&site.exemplars);
    collect!(&site.reports);
    collect!(&site.pages);
    for (path, body, body_line) in bodies {
        if only.is_some_and(|o| !o.contains(path)) {
            continue;
        }
        let Some(page) = sources.get(path) else {
            continue;
        };
        let opts =
            Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        let lines = Lines::new(body);
        for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
            let (dest, what) = match &event {
                Event::Start(Tag::Link { dest_url, .. }) => (dest_url.to_string(), "link"),
                Event::Start(Tag::Image { dest_url, .. }) => (dest_url.to_string(), "image"),
                _ => continue,
            };
            let target = resolve(&dest, page);
            let missing = if crate::render::markdown::safe_url(&dest) {
                match checker.problem(&target) {
                    Some(m) => m,
                    None => continue,
                }
            } else {
                UNSAFE.to_string()
            };
            let (at, line_start) = lines.position(range.start);
            let message = if missing == UNSAFE {
                format!("{what} \"{dest}\" is not an address a reader can safely open")
            } else if missing == OUTSIDE {
                format!(
                    "{what} \"{dest}\" points outside the site: `..` goes above its root folder"
                )
            } else if what == "image" {
                format!("image \"{dest}\" is not a file of the site")
            } else if missing.starts_with('#') && !dest.starts_with('#') {
                format!("{what} to \"{dest}\": the page has no anchor {missing}")
            } else if missing.starts_with('#') {
                format!("{what} to \"{dest}\": this page has no heading or anchor {missing}")
            } else {
                format!("{what} to \"{dest}\" points nowhere: {missing} is not a page or file of the site")
            };
            let hint = if missing == UNSAFE {
                "use a path on this site (/phong-trao/x/) or an https:// address".to_string()
            } else if missing == OUTSIDE {
                "write the address from the site root (/phong-trao/x/) and keep files in static/"
                    .to_string()
            } else if what == "image" {
                "put the image in static/ (static/images/x.jpg is served as /images/x.jpg) and check the spelling".to_string()
            } else if missing.starts_with('#') {
                "anchors are made from headings: \"## Mục đích\" gets #muc-dich; check the spelling or the heading".to_string()
            } else {
                "check the address; a draft or future-dated page is not published, so links to it break".to_string()
            };
            let line = lines.line(at.line).unwrap_or_default();
            diags.push(
                Diagnostic::error(path, message)
                    .hint(hint)
                    .at(Span::new(body_line + at.line - 1, at.col))
                    .excerpt(line, range.start - line_start),
            );
        }
    }
    if only.is_none() {
        files_in_front_matter(site, &mut checker, diags);
    }
}

/// A front matter path that climbs above the site root.
fn outside(path: &str, what: &str, url: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        format!("{what} \"{url}\" points outside the site: `..` goes above its root folder; nothing outside the site is published"),
    )
    .hint("put the file in static/ and write its path from the site root, e.g. /van-ban/x.pdf")
}

/// `photo:` of exemplars, `file:` of documents and `link:` of events must be safe and, when
/// they are site paths, exist.
fn files_in_front_matter(site: &Site, checker: &mut Checker, diags: &mut Diagnostics) {
    let unsafe_url = |path: &str, what: &str, url: &str| {
        Diagnostic::error(
            path,
            format!("{what} \"{url}\" is not an address a reader can safely open"),
        )
        .hint("use a path on this site (/van-ban/x.pdf) or an https:// address")
    };
    for (path, what, url) in site
        .exemplars
        .iter()
        .flat_map(|x| x.versions.values())
        .filter_map(|v| v.fm.photo.as_deref().map(|p| (v.path.as_str(), "photo", p)))
        .chain(site.documents.iter().filter_map(|d| {
            d.fm.file
                .as_deref()
                .map(|f| ("content/data/documents.yaml", "file", f))
        }))
        .chain(site.events.iter().filter_map(|e| {
            e.fm.link
                .as_deref()
                .map(|l| ("content/data/events.yaml", "link", l))
        }))
    {
        if !crate::render::markdown::safe_url(url) {
            diags.push(unsafe_url(path, what, url));
        }
    }
    for e in &site.events {
        let Some(link) = &e.fm.link else { continue };
        if resolve(link, "/") == Target::Outside {
            diags.push(outside("content/data/events.yaml", "link", link));
        } else if crate::render::markdown::safe_url(link)
            && checker.problem(&resolve(link, "/")).is_some()
        {
            diags.push(
                Diagnostic::error("content/data/events.yaml", format!("\"{}\": link \"{link}\" points nowhere on this site", e.fm.id))
                    .hint("check the address; a draft or future-dated page is not published, so links to it break"),
            );
        }
    }
    for x in &site.exemplars {
        for v in x.versions.values() {
            let Some(photo) = &v.fm.photo else { continue };
            if resolve(photo, "/") == Target::Outside {
                diags.push(outside(&v.path, "photo", photo));
            } else if checker.problem(&resolve(photo, "/")).is_some() {
                diags.push(
                    Diagnostic::error(&v.path, format!("photo \"{photo}\" is not a file of the site"))
                        .hint("put the photo in static/ (static/images/x.jpg is written photo: /images/x.jpg)"),
                );
            }
        }
    }
    for d in &site.documents {
        let Some(file) = &d.fm.file else { continue };
        if resolve(file, "/") == Target::Outside {
            diags.push(outside("content/data/documents.yaml", "file", file));
        } else if checker.problem(&resolve(file, "/")).is_some() {
            diags.push(
                Diagnostic::error("content/data/documents.yaml", format!("\"{}\": attached file \"{file}\" is not a file of the site", d.fm.id))
                    .hint("put the file in static/ (static/van-ban/x.pdf is written file: /van-ban/x.pdf), or give its full https:// address"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(file: &str, anchor: Option<&str>) -> Target {
        Target::Site {
            file: file.into(),
            anchor: anchor.map(String::from),
        }
    }

    #[test]
    fn resolves_site_relative_and_relative_links() {
        assert_eq!(
            resolve("/phong-trao/x/", "/"),
            site("phong-trao/x/index.html", None)
        );
        assert_eq!(
            resolve("/phong-trao/x", "/"),
            site("phong-trao/x/index.html", None)
        );
        assert_eq!(
            resolve("../y/#muc-dich", "/phong-trao/x/"),
            site("phong-trao/y/index.html", Some("muc-dich"))
        );
        assert_eq!(
            resolve("#a", "/en/about/"),
            site("en/about/index.html", Some("a"))
        );
        assert_eq!(resolve("/images/a.jpg", "/"), site("images/a.jpg", None));
        assert_eq!(resolve("/", "/x/"), site("index.html", None));
        assert_eq!(resolve("https://example.org/", "/"), Target::External);
        assert_eq!(resolve("mailto:a@b.vn", "/"), Target::External);
    }

    #[test]
    fn climbing_above_the_root_is_outside() {
        assert_eq!(resolve("/../etc/passwd", "/"), Target::Outside);
        assert_eq!(resolve("../../../x.pdf", "/phong-trao/x/"), Target::Outside);
        assert_eq!(resolve("..\\..\\..\\x", "/a/b/"), Target::Outside);
        assert_eq!(resolve("../y/", "/a/b/"), site("a/y/index.html", None));
    }

    #[test]
    fn finds_ids_and_positions() {
        let ids = ids(r#"<h2 id="muc-dich">x</h2><li id="ct-12" class="card">"#);
        assert!(ids.contains("muc-dich") && ids.contains("ct-12"));
    }
}
