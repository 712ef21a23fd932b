//! References and consistency: every id an item names exists, dates agree with the
//! campaigns they belong to, reports answer a plan, and no two reports claim the same
//! period and campaigns. Checked against every item, drafts included, so that naming a
//! draft is not an error; the renderer only links what is published.
//!
//! Also which files under static/ are used only by unpublished items (`StaticUse`): those
//! are not published, so a draft's photo or a future plan's signed scan does not appear
//! at a guessable address before the item does.

use super::datafiles::{find_in_item, Data};
use super::facts::Sources;
use super::model::{All, Campaign, DOC_KINDS};
use crate::config::Settings;
use crate::error::{did_you_mean, Diagnostic, Diagnostics, Span};
use crate::yaml::Source;
use std::collections::{BTreeMap, BTreeSet};

/// The file an item's facts come from, for pointing errors at it.
struct At<'a> {
    path: &'a str,
    text: &'a str,
    src: Source<'a>,
}

fn at<'a>(sources: &Sources<'a>, path: &'a str) -> At<'a> {
    let f = sources.file(path);
    At {
        path,
        text: &f.text,
        src: f.source(),
    }
}

/// Reports an id that is not among `known` (`None`: its data file is broken and already
/// reported).
fn unknown(
    diags: &mut Diagnostics,
    v: &At,
    key: &str,
    what: &str,
    id: &str,
    known: Option<&BTreeSet<String>>,
    folder: &str,
) {
    let Some(known) = known.filter(|k| !k.contains(id)) else {
        return;
    };
    let mut message = format!("unknown {what} \"{id}\"");
    let hint = match did_you_mean(id, known.iter().map(String::as_str)) {
        Some(s) => {
            message.push_str(&format!("; did you mean \"{s}\"?"));
            format!("replace it with \"{s}\", or add the {what} to {folder}")
        }
        None if known.is_empty() => format!("there are no {what}s yet: add one to {folder}"),
        None => format!(
            "use one of the ids in {folder}: {}",
            known
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    diags.push(
        Diagnostic::error(v.path, message)
            .at_in(v.src.span_of(key, id), v.text)
            .hint(hint),
    );
}

/// Image formats every current browser shows.
const WEB_IMAGES: [&str; 8] = ["jpg", "jpeg", "png", "webp", "gif", "avif", "svg", "jfif"];

/// Why a photo's file name says browsers cannot show it, and how to convert it.
pub(crate) fn unshowable(photo: &str) -> Option<String> {
    let name = photo.split(['?', '#']).next().unwrap_or(photo);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    if WEB_IMAGES.contains(&ext.as_str()) {
        return None;
    }
    Some(match ext.as_str() {
        "heic" | "heif" => "HEIC/HEIF (the iPhone photo format), which most browsers cannot show; on the iPhone set Settings → Camera → Formats → Most Compatible, or convert the file to JPEG (Photos on Windows or Preview on a Mac: Export as JPEG)".into(),
        "tif" | "tiff" | "bmp" | "psd" | "raw" | "dng" | "cr2" | "nef" | "arw" | "orf" => format!("{}, which browsers cannot show; save it as JPEG (or PNG for drawings) and link that file", ext.to_uppercase()),
        "pdf" => "a PDF, not a photo; attach it under attachments: and give the photo as a JPEG".into(),
        _ => return None,
    })
}

pub(super) fn check(
    settings: &Settings,
    sources: &Sources,
    all: &All,
    data: &Data,
    diags: &mut Diagnostics,
) {
    let ids =
        |list: Vec<&str>| -> BTreeSet<String> { list.into_iter().map(String::from).collect() };
    let campaign_ids = ids(all.campaigns.iter().map(|c| c.id.as_str()).collect());
    let plan_ids = ids(all.plans.iter().map(|p| p.id.as_str()).collect());
    let docs = data.document_ids.as_ref();
    let units = data.unit_ids.as_ref();
    let campaigns: BTreeMap<&str, &Campaign> =
        all.campaigns.iter().map(|c| (c.id.as_str(), c)).collect();

    for p in &all.plans {
        let v = at(sources, &p.facts_path);
        for id in &p.facts.based_on {
            unknown(
                diags,
                &v,
                "based_on",
                "document",
                id,
                docs,
                "content/data/documents.yaml",
            );
        }
        for id in &p.facts.campaigns {
            unknown(
                diags,
                &v,
                "campaigns",
                "campaign",
                id,
                Some(&campaign_ids),
                "content/campaigns/",
            );
        }
        if !DOC_KINDS.contains(&p.facts.doc_kind.as_str()) {
            diags.push(
                Diagnostic::error(
                    v.path,
                    format!("unknown document kind \"{}\"", p.facts.doc_kind),
                )
                .at_in(v.src.span_of("doc_kind", &p.facts.doc_kind), v.text)
                .hint(format!("use one of: {}", DOC_KINDS.join(", "))),
            );
        }
    }
    for c in &all.campaigns {
        let v = at(sources, &c.facts_path);
        let f = &c.facts;
        unknown(
            diags,
            &v,
            "lead_unit",
            "unit",
            &f.lead_unit,
            units,
            "content/data/units.yaml",
        );
        for id in &f.based_on {
            unknown(
                diags,
                &v,
                "based_on",
                "document",
                id,
                docs,
                "content/data/documents.yaml",
            );
        }
        for id in &f.plans {
            unknown(
                diags,
                &v,
                "plans",
                "plan",
                id,
                Some(&plan_ids),
                "content/plan/",
            );
        }
        if let Some(ends) = f.ends {
            if ends.sort_key() < f.launched.sort_key() {
                diags.push(
                    Diagnostic::error(
                        v.path,
                        format!(
                            "the campaign ends ({ends}) before it is launched ({})",
                            f.launched
                        ),
                    )
                    .at_in(v.src.span_of("ends", &ends.iso()), v.text)
                    .hint("check the dates: `ends` must be on or after `launched`"),
                );
            }
        }
    }
    for x in &all.exemplars {
        let v = at(sources, &x.facts_path);
        let f = &x.facts;
        unknown(
            diags,
            &v,
            "unit",
            "unit",
            &f.unit,
            units,
            "content/data/units.yaml",
        );
        unknown(
            diags,
            &v,
            "campaign",
            "campaign",
            &f.campaign,
            Some(&campaign_ids),
            "content/campaigns/",
        );
        let recognized = f.recognized.to_string();
        if let Some(c) = campaigns.get(f.campaign.as_str()) {
            if f.recognized < c.facts.launched.start() {
                diags.push(
                    Diagnostic::error(v.path, format!(
                        "recognized on {recognized}, before its campaign \"{}\" began ({})",
                        f.campaign, c.facts.launched
                    ))
                    .at_in(v.src.span_of("recognized", &recognized), v.text)
                    .hint(format!("check the date here, the campaign (campaign: {}), or its `launched:` in {}", f.campaign, c.facts_path)),
                );
            } else if let Some(ends) = c.facts.ends.filter(|e| f.recognized > e.end()) {
                diags.push(
                    Diagnostic::warning(v.path, format!(
                        "recognized on {recognized}, after its campaign \"{}\" ended ({ends})",
                        f.campaign
                    ))
                    .at_in(v.src.span_of("recognized", &recognized), v.text)
                    .hint("check the date here or the campaign's `ends:`; if the recognition really came after the campaign closed, ignore this"),
                );
            }
        }
        if let Some(photo) = &f.photo {
            // The photo shows who is recognized: it carries meaning, in every language.
            for version in x.versions.values().filter(|v| v.fm.photo_alt.is_none()) {
                let file = sources.file(&version.path);
                let src = file.source();
                let span = src
                    .find_key("photo")
                    .or_else(|| src.find_key("title"))
                    .unwrap_or(Span::new(1, 1));
                diags.push(
                    Diagnostic::warning(&version.path, "the photo has no photo_alt, so a reader who cannot see it hears only the title")
                        .at_in(span, &file.text)
                        .hint("add a line such as photo_alt: \"Cô Hoa giảng bài cho học sinh lớp 10\": who is shown, doing what, where"),
                );
            }
            if let Some(why) = unshowable(photo) {
                diags.push(
                    Diagnostic::error(v.path, format!("photo \"{photo}\" is {why}"))
                        .at_in(v.src.span_of("photo", photo), v.text)
                        .hint("link a .jpg, .png or .webp file: photo: /anh/ten-anh.jpg"),
                );
            }
        }
    }
    reports(sources, all, data, &plan_ids, diags);
    if let Some(f) = data.file("indicators") {
        for i in &data.indicators {
            let Some(c) = &i.campaign else { continue };
            if !campaign_ids.contains(c) {
                let mut message = format!("\"{}\": unknown campaign \"{c}\"", i.id);
                let hint = match did_you_mean(c, campaign_ids.iter().map(String::as_str)) {
                    Some(s) => {
                        message.push_str(&format!("; did you mean \"{s}\"?"));
                        format!("replace it with \"{s}\", or add the campaign to content/campaigns/")
                    }
                    None => "name a campaign file of content/campaigns/ (without .vi.md), or leave campaign out for an indicator of the whole organization".into(),
                };
                diags.push(
                    Diagnostic::error(&f.path, message)
                        .at_in(find_in_item(f, &i.id, "campaign", c), &f.text)
                        .hint(hint),
                );
            }
        }
    }
    pages(settings, sources, all, diags);
}

/// Reports name a known plan, answer a period some plan covers, and no two claim the
/// same period, plan and campaigns.
fn reports(
    sources: &Sources,
    all: &All,
    data: &Data,
    plan_ids: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    let mut claimed: BTreeMap<(String, Option<String>, BTreeSet<String>), &str> = BTreeMap::new();
    for r in &all.reports {
        let v = at(sources, &r.facts_path);
        let f = &r.facts;
        if let Some(plan) = &f.plan {
            unknown(
                diags,
                &v,
                "plan",
                "plan",
                plan,
                Some(plan_ids),
                "content/plan/",
            );
        }
        let period = f.period.code();
        let covering: Vec<&super::model::Plan> = all
            .plans
            .iter()
            .filter(|p| f.plan.as_ref().is_none_or(|id| *id == p.id))
            .filter(|p| {
                p.facts.period.contains(&f.period)
                    || p.facts.schedule.iter().any(|d| d.period == f.period)
            })
            .collect();
        // A report being drafted before its plan is written is only warned about.
        let drafted = r.versions.values().all(|v| v.draft);
        if covering.is_empty() && f.plan.as_ref().is_none_or(|id| plan_ids.contains(id)) {
            let plans: Vec<String> = all
                .plans
                .iter()
                .map(|p| format!("{} ({})", p.id, p.facts.period.code()))
                .collect();
            let which = match &f.plan {
                Some(id) => format!("its plan \"{id}\" covers"),
                None => "any plan covers".to_string(),
            };
            let message = format!(
                "the report is for {period}, a period no plan covers: {which} other periods"
            );
            let problem = if drafted {
                Diagnostic::warning(v.path, message)
            } else {
                Diagnostic::error(v.path, message)
            };
            diags.push(
                problem
                    .at_in(v.src.span_of("period", &period), v.text)
                    .hint(if plans.is_empty() {
                        "add the plan that asks for this report to content/plan/, or correct the period".to_string()
                    } else {
                        format!("correct the period, or give the plan that asks for it `period:` or a `reporting: schedule:` entry for {period}; plans: {}", plans.join(", "))
                    }),
            );
        }
        let campaigns: BTreeSet<String> = f
            .results
            .iter()
            .filter_map(|fig| data.indicators.iter().find(|i| i.id == fig.indicator))
            .filter_map(|i| i.campaign.clone())
            .collect();
        let key = (f.period.code(), f.plan.clone(), campaigns);
        if let Some(other) = claimed.insert(key.clone(), &r.facts_path) {
            let about = if key.2.is_empty() {
                "and no campaign".to_string()
            } else {
                format!(
                    "and the same campaigns ({})",
                    key.2.iter().cloned().collect::<Vec<_>>().join(", ")
                )
            };
            diags.push(
                Diagnostic::error(v.path, format!("a second report for {period} {about}: {other} reports on it already"))
                    .at_in(v.src.span_of("period", &period), v.text)
                    .hint("merge the two reports, correct the period, or name the plan each one answers with `plan:`"),
            );
            claimed.insert(key, other);
        }
    }
}

/// Pages live at the top level of each language, so they must not take a section's name.
fn pages(settings: &Settings, sources: &Sources, all: &All, diags: &mut Diagnostics) {
    for p in &all.pages {
        for v in p.versions.values() {
            let Some(l) = settings.language(&v.lang) else {
                continue;
            };
            let s = &l.segments;
            let reserved = [
                &s.plan,
                &s.campaigns,
                &s.exemplars,
                &s.reports,
                &s.documents,
                &s.fields,
                &s.timeline,
                &s.search,
                &s.data,
            ];
            let other_prefix = v.lang == settings.default_lang()
                && settings
                    .codes()
                    .any(|c| c != settings.default_lang() && c == v.slug);
            if reserved.iter().any(|r| **r == v.slug) || other_prefix {
                let f = sources.file(&v.path);
                diags.push(
                    Diagnostic::error(
                        &v.path,
                        format!(
                            "the page address \"{}\" is already used by a section of the site",
                            v.slug
                        ),
                    )
                    .at_in(
                        f.source().find_key("slug").unwrap_or(Span::new(1, 1)),
                        &f.text,
                    )
                    .hint("give the page another `slug:`, or rename the file"),
                );
            }
        }
    }
}

/// Which site files (`static/…`, written `/…`) published and unpublished items use.
#[derive(Debug, Default)]
pub struct StaticUse {
    published: BTreeSet<String>,
    unpublished: BTreeSet<String>,
}

impl StaticUse {
    /// Notes addresses used by an item that is (or is not) published.
    pub fn note<'a>(&mut self, published: bool, addresses: impl IntoIterator<Item = &'a str>) {
        for a in addresses {
            if let Some(file) = crate::links::site_file(a) {
                if published {
                    self.published.insert(file);
                } else {
                    self.unpublished.insert(file);
                }
            }
        }
    }

    /// Notes the addresses a markdown body links to, images and raw HTML included.
    pub fn note_body(&mut self, published: bool, body: &str) {
        use pulldown_cmark::{Event, Parser, Tag};
        let mut found: Vec<String> = Vec::new();
        for ev in Parser::new(body) {
            match ev {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    found.push(dest_url.to_string());
                }
                Event::Html(h) | Event::InlineHtml(h) => found.extend(html_addresses(&h)),
                _ => {}
            }
        }
        self.note(published, found.iter().map(String::as_str));
    }

    /// The files only unpublished items use.
    pub fn withheld(self) -> BTreeSet<String> {
        self.unpublished
            .difference(&self.published)
            .cloned()
            .collect()
    }
}

/// The values of `src`, `href`, `srcset` (each candidate), `data` and `poster` attributes.
fn html_addresses(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    for attr in ["src", "href", "srcset", "data", "poster"] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(attr) {
            let start = from + i;
            from = start + attr.len();
            let before_ok = start == 0
                || !lower.as_bytes()[start - 1].is_ascii_alphanumeric()
                    && lower.as_bytes()[start - 1] != b'-';
            let rest = lower[from..].trim_start();
            if !before_ok || !rest.starts_with('=') {
                continue;
            }
            let value_at = html.len() - html[from..].trim_start()[1..].trim_start().len();
            let v = &html[value_at..];
            let value = match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                _ => v
                    .split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            };
            if attr == "srcset" {
                out.extend(
                    value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .map(String::from),
                );
            } else {
                out.push(value.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_used_only_by_unpublished_items_are_withheld() {
        let mut u = StaticUse::default();
        u.note(
            false,
            ["/anh/nhap.jpg", "/van-ban/chung.pdf", "https://x.vn/a.jpg"],
        );
        u.note(true, ["/van-ban/chung.pdf"]);
        u.note_body(false, "![a](/anh/than%20bai.jpg) <img src=\"/anh/raw.png\" srcset=\"/anh/r1.png 1x, /anh/r2.png 2x\"> [x](/tep.pdf#p2)");
        u.note_body(true, "[y](/anh/raw.png)");
        let w = u.withheld();
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(
            w,
            [
                "anh/nhap.jpg",
                "anh/r1.png",
                "anh/r2.png",
                "anh/than bai.jpg",
                "tep.pdf"
            ]
        );
    }

    #[test]
    fn photo_formats_browsers_cannot_show() {
        assert!(unshowable("/anh/IMG_1234.HEIC")
            .expect("heic")
            .contains("JPEG"));
        assert!(unshowable("/anh/a.tiff").is_some());
        assert!(unshowable("/anh/a.JPG").is_none());
        assert!(unshowable("https://x.vn/a.webp?x=1").is_none());
    }
}
