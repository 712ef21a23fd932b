//! Checks on the rendered site that point back at the source: every internal link, `#anchor`,
//! image and attachment a writer typed must resolve in the site being built.
//!
//! Runs after render because only then is it known which pages exist (drafts excluded)
//! and which ids each page has; runs before write, so a broken link stops the build like
//! any other content error.

use crate::content::Site;
use crate::error::{Code, Diagnostic, Diagnostics, Lines, Span};
use crate::links::{form, resolve, Form, Target};
use crate::render::markdown::RawHtml;
use crate::render::Rendered;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::collections::{BTreeMap, BTreeSet};

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

/// Why an address does not resolve.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    /// `javascript:`, `data:`…: the page gets `#` instead, the build an error.
    Unsafe,
    /// Above the site root.
    Outside,
    /// No such page or file: the site path that was looked for.
    Missing(String),
    /// The page exists without this anchor.
    NoAnchor(String),
    /// A photo's original, which is shown through the smaller copies made of it and not
    /// published itself: only an image may name it, not a link.
    Original,
}

struct Checker<'a> {
    site: &'a dyn BuiltFiles,
    /// The images the image stage made, by their original's file.
    images: &'a crate::images::Pictures,
    ids: BTreeMap<String, BTreeSet<String>>,
}

impl Checker<'_> {
    /// Why `target` does not resolve, or `None` if it does; `image`: the address is
    /// shown as an image (markdown image, `<img>`, `photo:`), not followed as a link.
    fn problem(&mut self, target: &Target, image: bool) -> Option<Problem> {
        let (file, anchor) = match target {
            Target::External => return None,
            Target::Unsafe => return Some(Problem::Unsafe),
            Target::Outside => return Some(Problem::Outside),
            Target::Site { file, anchor } => (file, anchor),
        };
        if !self.site.has(file) && self.images.contains_key(file) {
            return (!image).then_some(Problem::Original);
        }
        if !self.site.has(file) {
            return Some(Problem::Missing(format!(
                "/{}",
                file.trim_end_matches("index.html")
            )));
        }
        let anchor = anchor.as_deref().filter(|a| !a.is_empty())?;
        let site = self.site;
        let ids = self
            .ids
            .entry(file.clone())
            .or_insert_with(|| site.ids(file));
        (!ids.contains(anchor)).then(|| Problem::NoAnchor(format!("#{anchor}")))
    }
}

/// The day the page a missing `target` names is published, if it is one of a future-dated
/// item (see [`Site::later`]).
fn later_page(site: &Site, target: &Target, problem: &Problem) -> Option<chrono::NaiveDate> {
    match (target, problem) {
        (Target::Site { file, .. }, Problem::Missing(_)) => site.later.get(file).copied(),
        _ => None,
    }
}

/// The message and hint about an address in a body that does not resolve; `what` is
/// `link`, `image` or the element and attribute of raw HTML (`video poster`).
fn body_problem(what: &str, dest: &str, problem: &Problem) -> (Code, String, &'static str) {
    let image = what == "image";
    match problem {
        Problem::Unsafe => (
            Code::UnsafeAddress,
            format!("{what} \"{dest}\" is not an address a reader can safely open"),
            "use a path on this site (/phong-trao/x/) or an https:// address",
        ),
        Problem::Outside => (
            Code::AddressOutsideSite,
            format!("{what} \"{dest}\" points outside the site: `..` goes above its root folder"),
            "write the address from the site root (/phong-trao/x/) and keep files in static/",
        ),
        Problem::Missing(_) if image => (
            Code::BrokenLink,
            format!("image \"{dest}\" is not a file of the site"),
            "put the image in static/ (static/images/x.jpg is served as /images/x.jpg) and check the spelling",
        ),
        Problem::Original => (
            Code::LinksToOriginal,
            format!("{what} to \"{dest}\" leads to the original of a photo the site shows, which is not published"),
            "show it as an image (![what it shows](…)) or link to the page that shows it; or publish originals (without their metadata) with `images: { publish_originals: true }` in site.yaml",
        ),
        Problem::NoAnchor(a) if image => (
            Code::NoSuchAnchor,
            format!("image \"{dest}\": the file has no anchor {a}"),
            "leave the #… out of an image's address",
        ),
        Problem::Missing(m) => (
            Code::BrokenLink,
            format!("{what} to \"{dest}\" points nowhere: {m} is not a page or file of the site"),
            "check the address; a draft is not published, so links to it break",
        ),
        Problem::NoAnchor(a) => (
            Code::NoSuchAnchor,
            if dest.starts_with('#') {
                format!("{what} to \"{dest}\": this page has no heading or anchor {a}")
            } else {
                format!("{what} to \"{dest}\": the page has no anchor {a}")
            },
            "anchors are made from headings: \"## Mục đích\" gets #muc-dich; check the spelling or the heading",
        ),
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
        images: &site.images,
        ids: BTreeMap::new(),
    };
    let raw_html = site.settings.raw_html;
    for crate::content::model::Body {
        path,
        text: body,
        line: body_line,
    } in site.bodies()
    {
        if only.is_some_and(|o| !o.contains(path)) {
            continue;
        }
        let Some(page) = sources.get(path) else {
            continue;
        };
        // Every address the body publishes, with where it starts in the body, and whether
        // it is a markdown link (which the renderer can show as plain text).
        let mut found: Vec<(String, String, usize, bool)> = Vec::new();
        let opts =
            Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        let lines = Lines::new(body);
        for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
            match &event {
                Event::Start(Tag::Link { dest_url, .. }) => {
                    found.push(("link".into(), dest_url.to_string(), range.start, true));
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    found.push(("image".into(), dest_url.to_string(), range.start, false));
                }
                Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) => {
                    found.extend(
                        html_addresses(&body[range.clone()], raw_html)
                            .into_iter()
                            .map(|(what, address, at)| (what, address, range.start + at, false)),
                    );
                }
                _ => {}
            }
        }
        for (what, dest, at, markdown) in found {
            let target = resolve(&dest, page);
            let Some(problem) = checker.problem(&target, what == "image") else {
                continue;
            };
            let (code, message, hint) = match later_page(site, &target, &problem) {
                Some(day) if markdown => (
                    Code::LinkNotYetPublished,
                    format!("link to \"{dest}\" leads to an item published on {day}: until then the link is shown as plain text"),
                    format!("nothing to do if the date is right: the first build on or after {day} publishes the item and turns the text into a link (rebuild every day, see `minhbach deploy --build`)"),
                ),
                Some(day) => (
                    Code::NotYetPublishedInHtml,
                    format!("{what} to \"{dest}\" leads to an item published on {day}, and raw HTML cannot be shown as plain text until then"),
                    "write it as a markdown link, [text](address), which is shown as plain text until the item is published".to_string(),
                ),
                None => {
                    let (code, message, hint) = body_problem(&what, &dest, &problem);
                    (code, message, hint.to_string())
                }
            };
            // Only a markdown link can wait for its item: it is shown as text until then.
            let d = if code == Code::LinkNotYetPublished {
                Diagnostic::warning(code, path, message)
            } else {
                Diagnostic::error(code, path, message)
            };
            // Positions along one long line cost the distance between them, not the line.
            let (pos, line_start) = lines.position(at);
            let line = lines.line(pos.line).unwrap_or_default();
            diags.push(
                d.hint(hint)
                    .at(Span::new(body_line + pos.line - 1, pos.col))
                    .excerpt(line, at - line_start),
            );
        }
    }
    if only.is_none() {
        files_in_front_matter(site, &mut checker, diags);
    }
}

/// The addresses raw HTML in a body puts on the page, each with what it is (`link`,
/// `image`, or the element and attribute) and its byte offset in `html`. Those the
/// sanitizer removes are not on the page (see [`crate::render::markdown::publishes`]),
/// and neither is what `<script>`, `<style>` and comments hold.
fn html_addresses(html: &str, raw_html: RawHtml) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    for crate::links::InHtml {
        tag,
        attr,
        value,
        at,
    } in crate::links::in_html(html)
    {
        if !crate::render::markdown::publishes(raw_html, &tag, &attr)
            || form(&value) == Form::Unsafe
        {
            continue;
        }
        let what = match (tag.as_str(), attr.as_str()) {
            ("img", "src" | "srcset") | ("source", "srcset") => "image".to_string(),
            (_, "href" | "ping") => "link".to_string(),
            (tag, attr) => format!("{tag} {attr}"),
        };
        for address in crate::links::in_attribute(&attr, &value) {
            out.push((what.clone(), address, at));
        }
    }
    out
}

/// What a front matter or data field that holds an address is called in messages, and
/// what to say when the file it names is missing.
struct Field<'a> {
    /// The file the field is in.
    source: &'a str,
    /// `photo`, `file`, `link`.
    label: &'static str,
    /// The data entry it belongs to, if any: `"ct-12"`.
    entry: Option<&'a str>,
}

impl Field<'_> {
    /// The problem with `address` in this field, if it has one. A field is shown on pages
    /// of every depth (lists, the timeline, the item's own page), so an address relative
    /// to one page would be wrong on the others: it must be external or from the site
    /// root, and then name a file of the site.
    fn check(&self, address: &str, checker: &mut Checker) -> Option<Diagnostic> {
        let Field {
            source,
            label,
            entry,
        } = *self;
        let who = entry.map_or_else(String::new, |e| format!("\"{e}\": "));
        let error = |code: Code, message: String, hint: String| {
            Some(Diagnostic::error(code, source, format!("{who}{message}")).hint(hint))
        };
        match form(address) {
            Form::External => return None,
            Form::Unsafe => {
                return error(
                    Code::UnsafeAddress,
                    format!("{label} \"{address}\" is not an address a reader can safely open"),
                    "use a path on this site (/van-ban/x.pdf) or an https:// address".into(),
                )
            }
            Form::Relative | Form::Fragment | Form::Empty => {
                let rooted = address.trim().trim_start_matches("./");
                return error(
Code::NotFromSiteRoot,
                    format!("{label} \"{address}\" is not written from the site root, so it would point somewhere else on each page that shows it"),
                    format!("start it with /: write /{rooted} for static/{rooted}"),
                );
            }
            Form::Absolute => {}
        }
        match checker.problem(&resolve(address, "/"), label == "photo")? {
            Problem::Original => error(
Code::LinksToOriginal,
                format!("{label} \"{address}\" is the original of a photo the site shows, which is not published"),
                "link to the page that shows it, or publish originals (without their metadata) with `images: { publish_originals: true }` in site.yaml".into(),
            ),
            Problem::Outside => error(
Code::AddressOutsideSite,
                format!("{label} \"{address}\" points outside the site: `..` goes above its root folder; nothing outside the site is published"),
                "put the file in static/ and write its path from the site root, e.g. /van-ban/x.pdf".into(),
            ),
            Problem::Unsafe => None,
            Problem::Missing(_) | Problem::NoAnchor(_) => match label {
                "link" => error(
Code::BrokenLink,
                    format!("link \"{address}\" points nowhere on this site"),
                    "check the address; a draft or future-dated page is not published, so links to it break".into(),
                ),
                "photo" => error(
Code::BrokenLink,
                    format!("photo \"{address}\" is not a file of the site"),
                    "put the photo in static/ (static/images/x.jpg is written photo: /images/x.jpg)".into(),
                ),
                _ => error(
Code::BrokenLink,
                    format!("attached {label} \"{address}\" is not a file of the site"),
                    format!("put the file in static/ (static/van-ban/x.pdf is written {label}: /van-ban/x.pdf), or give its full https:// address"),
                ),
            },
        }
    }
}

/// `photo:` of exemplars, attached files of plans, reports, exemplars and documents, and
/// `link:` of events: each through [`Field::check`], the one rule for addresses written
/// in fields.
fn files_in_front_matter(site: &Site, checker: &mut Checker, diags: &mut Diagnostics) {
    fn field<'a>(source: &'a str, label: &'static str, entry: Option<&'a str>) -> Field<'a> {
        Field {
            source,
            label,
            entry,
        }
    }
    let mut fields: Vec<(Field, &str)> = Vec::new();
    for x in &site.exemplars {
        if let Some(p) = &x.facts.photo {
            fields.push((field(&x.facts_path, "photo", None), p));
        }
        for a in &x.facts.attachments {
            fields.push((field(&x.facts_path, "file", None), &a.file));
        }
    }
    for p in &site.plans {
        for a in &p.facts.attachments {
            fields.push((field(&p.facts_path, "file", None), &a.file));
        }
    }
    for r in &site.reports {
        for a in &r.facts.attachments {
            fields.push((field(&r.facts_path, "file", None), &a.file));
        }
    }
    const DOCUMENTS: &str = "content/data/documents.yaml";
    for d in &site.documents {
        if let Some(f) = &d.fm.file {
            fields.push((field(DOCUMENTS, "file", Some(&d.fm.id)), f));
        }
        for a in &d.fm.attachments {
            fields.push((field(DOCUMENTS, "file", Some(&d.fm.id)), &a.file));
        }
    }
    for e in &site.events {
        if let Some(l) = &e.fm.link {
            fields.push((field("content/data/events.yaml", "link", Some(&e.fm.id)), l));
        }
    }
    for (field, address) in fields {
        if let Some(d) = field.check(address, checker) {
            diags.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_and_positions() {
        let ids = ids(r#"<h2 id="muc-dich">x</h2><li id="ct-12" class="card">"#);
        assert!(ids.contains("muc-dich") && ids.contains("ct-12"));
    }

    #[test]
    fn raw_html_addresses_are_those_the_page_gets() {
        let html = "<a href=\"/a/\" onclick=x>a</a><img src='/b.jpg' srcset=\"/c.jpg 2x\">\
                    <!-- <a href=\"/comment/\"> --><script>x='<a href=/script/>'</script>\
                    <video poster=/d.jpg></video><a href=\"javascript:x\">j</a>";
        let got = |raw| -> Vec<(String, String, usize)> { html_addresses(html, raw) };
        let sanitized = got(RawHtml::Sanitize);
        assert_eq!(
            sanitized,
            [
                ("link".to_string(), "/a/".to_string(), 9),
                ("image".to_string(), "/b.jpg".to_string(), 39)
            ]
        );
        let trusted: Vec<String> = got(RawHtml::Trust).into_iter().map(|t| t.1).collect();
        assert_eq!(trusted, ["/a/", "/b.jpg", "/c.jpg", "/d.jpg"]);
    }
}
