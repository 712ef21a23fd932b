//! References and consistency: every id an item names exists, dates agree with the
//! campaigns they belong to, reports answer a plan, and no two reports claim the same
//! period and campaigns. Checked against every item, drafts included, so that naming a
//! draft is not an error; the renderer only links what is published.
//!
//! Also which files under static/ are used only by unpublished items (`StaticUse`): those
//! are not published, so a draft's photo or a future plan's signed scan does not appear
//! at a guessable address before the item does.

use super::datafiles::Data;
use super::facts::Sources;
use super::model::{All, Campaign, DOC_KINDS};
use crate::config::Settings;
use crate::error::{did_you_mean, Code, Diagnostic, Diagnostics, Span};
use crate::yaml::{ListItem, Source};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The file an item's facts come from, for pointing errors at it.
struct At<'a> {
    path: &'a str,
    text: &'a str,
    src: Source<'a>,
    /// The items of its lists, by key, read once when the first of them has a problem: a
    /// list of thousands of unknown ids is read once, not once per id.
    lists: RefCell<HashMap<&'static str, HashMap<&'a str, ListItem<'a>>>>,
}

impl<'a> At<'a> {
    /// Where `value` is written as an item of the list under `key`.
    fn list_item(&self, key: &'static str, value: &str) -> Option<ListItem<'a>> {
        let mut lists = self.lists.borrow_mut();
        let items = lists.entry(key).or_insert_with(|| {
            let mut items = HashMap::new();
            for item in self.src.list_items(key) {
                items.entry(item.value).or_insert(item);
            }
            items
        });
        items.get(value).copied()
    }
}

fn at<'a>(sources: &Sources<'a>, path: &'a str) -> At<'a> {
    let f = sources.file(path);
    At {
        path,
        text: &f.text,
        src: f.source(),
        lists: RefCell::default(),
    }
}

/// A kind of id an item may name: what it is called, the ids there are (`None`: its
/// data file is broken and already reported), and where they are written.
struct Known<'a> {
    what: &'static str,
    ids: Option<&'a BTreeSet<String>>,
    folder: &'static str,
}

/// Reports `id` (written under `key`) if it is not among `known`.
fn unknown(diags: &mut Diagnostics, v: &At, key: &'static str, id: &str, known: &Known) {
    let Known { what, ids, folder } = *known;
    let Some(ids) = ids.filter(|k| !k.contains(id)) else {
        return;
    };
    let mut message = format!("unknown {what} \"{id}\"");
    let hint = match did_you_mean(id, ids.iter().map(String::as_str)) {
        Some(s) => {
            message.push_str(&format!("; did you mean \"{s}\"?"));
            format!("replace it with \"{s}\", or add the {what} to {folder}")
        }
        None if ids.is_empty() => format!("there are no {what}s yet: add one to {folder}"),
        None => format!(
            "use one of the ids in {folder}: {}{}",
            ids.iter()
                .take(20)
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            if ids.len() > 20 { ", …" } else { "" }
        ),
    };
    let d = Diagnostic::error(Code::UnknownReference, v.path, message).hint(hint);
    diags.push(match v.list_item(key, id) {
        Some(item) => d.at(item.span).excerpt(item.line, item.byte),
        None => d.at_in(v.src.span_of(key, id), v.text),
    });
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

/// Reports a `photo:` (of an exemplar or a nominee) that browsers cannot show.
fn photo_shown(diags: &mut Diagnostics, v: &At, photo: &str) {
    if let Some(why) = unshowable(photo) {
        diags.push(
            Diagnostic::error(
                Code::NotAWebImage,
                v.path,
                format!("photo \"{photo}\" is {why}"),
            )
            .at_in(v.src.span_of("photo", photo), v.text)
            .hint("link a .jpg, .png or .webp file: photo: /anh/ten-anh.jpg"),
        );
    }
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
    let documents = Known {
        what: "document",
        ids: data.document_ids.as_ref(),
        folder: "content/data/documents.yaml",
    };
    let units = Known {
        what: "unit",
        ids: data.unit_ids.as_ref(),
        folder: "content/data/units.yaml",
    };
    let campaign_known = Known {
        what: "campaign",
        ids: Some(&campaign_ids),
        folder: "content/campaigns/",
    };
    let plan_known = Known {
        what: "plan",
        ids: Some(&plan_ids),
        folder: "content/plan/",
    };
    let campaigns: BTreeMap<&str, &Campaign> =
        all.campaigns.iter().map(|c| (c.id.as_str(), c)).collect();

    for p in &all.plans {
        let v = at(sources, &p.facts_path);
        for id in &p.facts.based_on {
            unknown(diags, &v, "based_on", id, &documents);
        }
        for id in &p.facts.campaigns {
            unknown(diags, &v, "campaigns", id, &campaign_known);
        }
        if !DOC_KINDS.contains(&p.facts.doc_kind.as_str()) {
            diags.push(
                Diagnostic::error(
                    Code::UnknownDocumentKind,
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
        unknown(diags, &v, "lead_unit", &f.lead_unit, &units);
        for id in &f.based_on {
            unknown(diags, &v, "based_on", id, &documents);
        }
        for id in &f.plans {
            unknown(diags, &v, "plans", id, &plan_known);
        }
        if let Some(ends) = f.ends {
            if ends.sort_key() < f.launched.sort_key() {
                diags.push(
                    Diagnostic::error(
                        Code::EndsBeforeLaunch,
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
        unknown(diags, &v, "unit", &f.unit, &units);
        unknown(diags, &v, "campaign", &f.campaign, &campaign_known);
        let recognized = f.recognized.to_string();
        if let Some(c) = campaigns.get(f.campaign.as_str()) {
            if f.recognized < c.facts.launched.start() {
                diags.push(
                    Diagnostic::error(Code::RecognizedBeforeCampaign, v.path, format!(
                        "recognized on {recognized}, before its campaign \"{}\" began ({})",
                        f.campaign, c.facts.launched
                    ))
                    .at_in(v.src.span_of("recognized", &recognized), v.text)
                    .hint(format!("check the date here, the campaign (campaign: {}), or its `launched:` in {}", f.campaign, c.facts_path)),
                );
            } else if let Some(ends) = c.facts.ends.filter(|e| f.recognized > e.end()) {
                diags.push(
                    Diagnostic::warning(Code::RecognizedAfterCampaign, v.path, format!(
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
                    Diagnostic::warning(Code::NoPhotoAlt, &version.path, "the photo has no photo_alt, so a reader who cannot see it hears only the title")
                        .at_in(span, &file.text)
                        .hint("add a line such as photo_alt: \"Cô Hoa giảng bài cho học sinh lớp 10\": who is shown, doing what, where"),
                );
            }
            photo_shown(diags, &v, photo);
        }
    }
    reports(sources, all, data, &plan_ids, diags);
    if let Some(f) = data.index("indicators") {
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
                let d = Diagnostic::error(Code::UnknownReference, f.path(), message).hint(hint);
                diags.push(f.at(d, f.in_item(&i.id, "campaign", c)));
            }
        }
    }
    pages(settings, sources, all, diags);
    let exemplar_ids = ids(all.exemplars.iter().map(|x| x.id.as_str()).collect());
    let known = References {
        documents: &documents,
        units: &units,
        campaigns: &campaign_known,
        exemplars: &Known {
            what: "exemplar",
            ids: Some(&exemplar_ids),
            folder: "content/exemplars/",
        },
    };
    nominations(settings, sources, all, data, &known, diags);
    privacy(sources, all, diags);
}

/// The kinds of id a nomination list names.
struct References<'a> {
    documents: &'a Known<'a>,
    units: &'a Known<'a>,
    campaigns: &'a Known<'a>,
    exemplars: &'a Known<'a>,
}

/// Nomination lists: what they name exists, the dates follow each other, and the comment
/// window is at least the site's minimum in working days.
fn nominations(
    settings: &Settings,
    sources: &Sources,
    all: &All,
    data: &Data,
    known: &References,
    diags: &mut Diagnostics,
) {
    for n in &all.nominations {
        let v = at(sources, &n.facts_path);
        let f = &n.facts;
        for id in &f.based_on {
            unknown(diags, &v, "based_on", id, known.documents);
        }
        for id in &f.campaigns {
            unknown(diags, &v, "campaigns", id, known.campaigns);
        }
        for x in &f.nominees {
            if !x.unit.is_empty() {
                unknown(diags, &v, "unit", &x.unit, known.units);
            }
            for id in &x.campaigns {
                unknown(diags, &v, "campaigns", id, known.campaigns);
            }
            if let Some(e) = &x.exemplar {
                unknown(diags, &v, "exemplar", e, known.exemplars);
            }
            if let Some(photo) = &x.photo {
                photo_shown(diags, &v, photo);
            }
        }
        let day = |d: chrono::NaiveDate| d.to_string();
        if f.opens < f.posted {
            diags.push(
                Diagnostic::error(Code::OpensBeforePosted, v.path, format!("comments open ({}) before the list is posted ({})", f.opens, f.posted))
                    .at_in(v.src.span_of("opens", &day(f.opens)), v.text)
                    .hint("`opens` is the first day comments count: on or after `posted`; leave it out to start the day after posting"),
            );
        }
        let window = f.window(&data.calendar);
        let min = settings.min_comment_days;
        if f.deadline < f.opens {
            diags.push(
                Diagnostic::error(
                    Code::DeadlineBeforeOpens,
                    v.path,
                    format!(
                        "the deadline ({}) is before comments open ({})",
                        f.deadline, f.opens
                    ),
                )
                .at_in(v.src.span_of("deadline", &day(f.deadline)), v.text)
                .hint("check the dates: `deadline` is the last day to comment"),
            );
        } else if window < min {
            diags.push(
                Diagnostic::error(
                    Code::CommentWindowTooShort,
                    v.path,
                    format!(
                        "the comment window from {} to {} is {window} working days; the site asks for at least {min}",
                        f.opens, f.deadline
                    ),
                )
                .at_in(v.src.span_of("deadline", &day(f.deadline)), v.text)
                .hint(
                    "move the deadline later (weekends and public holidays do not count); the minimum is set by nominations: min_comment_days in site.yaml (Nghị định 98/2023/NĐ-CP, Điều 46: 10 working days)",
                ),
            );
        }
        let unknown_years = data.calendar.unknown_years(f.opens, f.deadline);
        if !unknown_years.is_empty() {
            let years: Vec<String> = unknown_years.iter().map(i32::to_string).collect();
            diags.push(
                Diagnostic::warning(
                    Code::NoHolidaysForYear,
                    v.path,
                    format!(
                        "the comment window runs into {}, for which there are no public holidays yet: it is counted without them",
                        years.join(", ")
                    ),
                )
                .at_in(v.src.span_of("deadline", &day(f.deadline)), v.text)
                .hint(format!(
                    "add the year's days off to content/data/holidays.yaml (- year: {}, off: [\"YYYY-MM-DD\", \"YYYY-MM-DD..YYYY-MM-DD\"], work: [make-up Saturdays])",
                    years[0]
                )),
            );
        }
        if let Some(d) = &f.decision {
            if d.date <= f.deadline {
                diags.push(
                    Diagnostic::error(Code::DecidedBeforeDeadline, v.path, format!("decided on {}, before the comment window closed ({})", d.date, f.deadline))
                        .at_in(v.src.span_of("date", &day(d.date)), v.text)
                        .hint("the council decides after the last day for comments; check the decision date and the deadline"),
                );
            }
            for id in &d.awarded {
                if !f.nominees.iter().any(|x| &x.id == id) {
                    diags.push(
                        Diagnostic::error(
                            Code::AwardedNotNominee,
                            v.path,
                            format!("\"{id}\" is awarded but is not a nominee of the list"),
                        )
                        .at_in(v.src.span_of("awarded", id), v.text)
                        .hint(format!(
                            "use the ids of the nominees: {}",
                            f.nominees
                                .iter()
                                .map(|x| x.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    );
                }
            }
        }
    }
}

/// What looks like a personal identifier, in the text a site publishes about a person:
/// citizen ID numbers, mobile telephone numbers, dates of birth. Warnings: the text may be
/// right, but it is what an editor pastes from a personnel file by mistake.
pub fn personal_identifiers(text: &str) -> Vec<(&'static str, usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        // A run of digits, with single spaces, dots or dashes between groups.
        let start = i;
        let mut digits = String::new();
        let mut end = i;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                digits.push(bytes[i] as char);
                i += 1;
                end = i;
            } else if matches!(bytes[i], b' ' | b'.' | b'-')
                && i + 1 < bytes.len()
                && bytes[i + 1].is_ascii_digit()
                && !digits.is_empty()
            {
                i += 1;
            } else {
                break;
            }
        }
        // What comes before is looked at only for the lengths that need it: most runs of
        // digits in a text are dates and figures.
        let plus84 = || text[..start].trim_end().ends_with("+84");
        let named_cmnd = || {
            let from = text[..start]
                .char_indices()
                .rev()
                .nth(39)
                .map_or(0, |(i, _)| i);
            let before = crate::i18n::fold(&text[from..start]);
            before.contains("cmnd") || before.contains("chung minh")
        };
        let what = match digits.len() {
            12 if digits.starts_with('0') => Some("a citizen ID number (CCCD)"),
            9 if named_cmnd() => Some("an identity card number (CMND)"),
            10 if digits.starts_with('0')
                && matches!(digits.as_bytes()[1], b'3' | b'5' | b'7' | b'8' | b'9') =>
            {
                Some("a mobile telephone number")
            }
            9 if plus84() && matches!(digits.as_bytes()[0], b'3' | b'5' | b'7' | b'8' | b'9') => {
                Some("a mobile telephone number")
            }
            // "+84 912 345 678": the country code runs into the number.
            11 if digits.starts_with("84")
                && text[..start].ends_with('+')
                && matches!(digits.as_bytes()[2], b'3' | b'5' | b'7' | b'8' | b'9') =>
            {
                Some("a mobile telephone number")
            }
            _ => None,
        };
        if let Some(w) = what {
            out.push((w, start, end));
        }
    }
    let folded = crate::i18n::fold(text);
    // Folding keeps one character per character, so offsets map back by counting them.
    // Every phrase holds one of three words: the text is searched for those, not once
    // for each phrase.
    const PHRASES: [&str; 7] = [
        "sinh ngay",
        "ngay sinh",
        "sinh nam",
        "nam sinh",
        "date of birth",
        "born on",
        "born in",
    ];
    for anchor in ["sinh", "born", "birth"] {
        for (at, _) in folded.match_indices(anchor) {
            for phrase in PHRASES {
                let Some(k) = phrase.find(anchor) else {
                    continue;
                };
                let Some(from) = at.checked_sub(k) else {
                    continue;
                };
                if !folded[from..].starts_with(phrase) {
                    continue;
                }
                let chars = folded[..from].chars().count();
                let byte = text
                    .char_indices()
                    .nth(chars)
                    .map_or(text.len(), |(b, _)| b);
                out.push(("a date of birth", byte, byte));
            }
        }
    }
    out.sort_by_key(|x| x.1);
    out
}

/// Warns on personal identifiers in what nomination lists and exemplars say about people.
fn privacy(sources: &Sources, all: &All, diags: &mut Diagnostics) {
    let paths = all
        .nominations
        .iter()
        .flat_map(|n| n.versions.values().map(|v| v.path.as_str()))
        .chain(
            all.exemplars
                .iter()
                .flat_map(|x| x.versions.values().map(|v| v.path.as_str())),
        );
    // Every text is read (bodies too): on all cores, each file's warnings kept in order.
    use rayon::prelude::*;
    let paths: Vec<&str> = paths.collect();
    let found: Vec<Vec<Diagnostic>> = paths
        .par_iter()
        .map(|path| privacy_of(path, sources.file(path)))
        .collect();
    for d in found.into_iter().flatten() {
        diags.push(d);
    }
}

fn privacy_of(path: &str, f: &super::load::SourceFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // The council's own address and telephone number for comments are meant to be public.
    let skip = comments_block(&f.text);
    for (what, start, end) in personal_identifiers(&f.text) {
        if skip.as_ref().is_some_and(|r| r.contains(&start)) {
            continue;
        }
        let line = f.text[..start].matches('\n').count() + 1;
        let col = f.text[..start]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        let shown = if end > start {
            format!(" \"{}\"", &f.text[start..end])
        } else {
            String::new()
        };
        out.push(
                Diagnostic::warning(Code::PersonalData, path, format!("this looks like {what}{shown}; the site publishes it for anyone to read"))
                    .at_in(Span::new(line, col), &f.text)
                    .hint("publish only what the award needs: remove citizen ID numbers, private telephone numbers and dates of birth (the office's number for comments goes under comments: phone)"),
            );
    }
    out
}

/// The byte range of the `comments:` block of a front matter, if any.
fn comments_block(text: &str) -> Option<std::ops::Range<usize>> {
    let start = text.find("\ncomments:")? + 1;
    let rest = &text[start..];
    let len = rest
        .char_indices()
        .skip(1)
        .find(|&(i, c)| {
            c == '\n' && rest[i + 1..].starts_with(|n: char| !n.is_whitespace() && n != '-')
        })
        .map_or(rest.len(), |(i, _)| i);
    Some(start..start + len)
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
    let plan_known = Known {
        what: "plan",
        ids: Some(plan_ids),
        folder: "content/plan/",
    };
    let mut claimed: BTreeMap<(String, Option<String>, BTreeSet<String>), &str> = BTreeMap::new();
    for r in &all.reports {
        let v = at(sources, &r.facts_path);
        let f = &r.facts;
        if let Some(plan) = &f.plan {
            unknown(diags, &v, "plan", plan, &plan_known);
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
            let message = match &f.plan {
                Some(id) => {
                    format!("the report is for {period}, a period its plan \"{id}\" does not cover")
                }
                None => format!("the report is for {period}, a period no plan covers"),
            };
            let problem = if drafted {
                Diagnostic::warning(Code::PeriodNotPlanned, v.path, message)
            } else {
                Diagnostic::error(Code::PeriodNotPlanned, v.path, message)
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
            .filter_map(|fig| data.indicator(&fig.indicator))
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
                Diagnostic::error(Code::SecondReport, v.path, format!("a second report for {period} {about}: {other} reports on it already"))
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
                        Code::ReservedAddress,
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
    fn personal_identifiers_in_text() {
        let found = |t: &str| -> Vec<&str> {
            personal_identifiers(t)
                .into_iter()
                .map(|(w, _, _)| w)
                .collect()
        };
        assert_eq!(
            found("CCCD: 079203001234, ĐT 0912 345 678"),
            ["a citizen ID number (CCCD)", "a mobile telephone number"]
        );
        assert_eq!(found("gọi +84 912.345.678"), ["a mobile telephone number"]);
        assert_eq!(
            found("số CMND 280123456"),
            ["an identity card number (CMND)"]
        );
        assert_eq!(found("Bà A, sinh ngày 12/3/1980"), ["a date of birth"]);
        assert_eq!(found("Born on 12 March 1980"), ["a date of birth"]);
        // Amounts, years and ordinary numbers are not identifiers.
        assert!(found("1.500.000.000 đồng năm 2024, 280123456 lượt, “Chiến sĩ” 2022").is_empty());
        // Any text: no panic on multi-byte characters around digits.
        assert!(found("“1”+84‘2’ 0").is_empty());
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
