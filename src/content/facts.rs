//! Facts and text: the files of one item (`x.vi.md`, `x.en.md`) become its facts, read
//! from the first language's file, and each language's text.
//!
//! Why: a figure typed twice is a figure that can differ, and on a transparency site the
//! English page must not show a date, a period or a result the Vietnamese page does not.
//! So facts are written once; a translation that repeats one must say the same (an error
//! names both files and lines otherwise), and a fact written only in a translation is an
//! error that says where it belongs.

use super::datafiles::{self, Data};
use super::frontmatter::{
    AttachmentFm, CampaignFm, ExemplarFm, PageFm, PlanFm, PlanKind, ReportFm, ResultFm,
};
use super::load::{Loaded, SourceFile};
use super::model::*;
use crate::error::{did_you_mean, Diagnostic, Diagnostics, Span};
use crate::i18n;
use crate::period::Period;
use crate::yaml::Source;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// The loaded files by path, and the order in which languages are the source of facts.
pub struct Sources<'a> {
    files: BTreeMap<&'a str, &'a SourceFile>,
    /// Languages in the order they are looked at for facts: the site's default first.
    order: Vec<String>,
}

impl<'a> Sources<'a> {
    pub fn new(loaded: &'a Loaded, first: &str, langs: &[String]) -> Self {
        let mut files = BTreeMap::new();
        for f in &loaded.files {
            files.entry(f.path.as_str()).or_insert(f);
        }
        let mut order = vec![first.to_string()];
        order.extend(langs.iter().filter(|l| *l != first).cloned());
        Sources { files, order }
    }

    /// The file a version came from.
    pub fn file(&self, path: &str) -> &'a SourceFile {
        self.files
            .get(path)
            .copied()
            .expect("versions come from loaded files")
    }

    /// The front matter of the file at `path`, for finding lines in it.
    pub fn source(&self, path: &str) -> Source<'a> {
        self.file(path).source()
    }
}

/// Front matter kinds share this to be parsed and paired the same way.
trait Common: DeserializeOwned {
    fn slug_override(&self) -> Option<&str>;
    fn is_draft(&self) -> bool;
}

macro_rules! common {
    ($($t:ty),*) => {$(
        impl Common for $t {
            fn slug_override(&self) -> Option<&str> {
                self.slug.as_deref()
            }
            fn is_draft(&self) -> bool {
                self.draft
            }
        }
    )*};
}
common!(PlanFm, CampaignFm, ExemplarFm, ReportFm, PageFm);

/// The files of one item, parsed, by language.
struct Raw<T> {
    id: String,
    versions: BTreeMap<String, Version<T>>,
}

impl<T> Raw<T> {
    /// The version the facts are read from: the first language's, else the next one's.
    fn source(&self, order: &[String]) -> &Version<T> {
        order
            .iter()
            .find_map(|l| self.versions.get(l))
            .expect("an item has at least one version")
    }

    /// The versions other than the source of facts.
    fn translations<'s>(&'s self, src: &'s Version<T>) -> impl Iterator<Item = &'s Version<T>> {
        self.versions.values().filter(move |v| v.path != src.path)
    }
}

/// Compares and collects the facts of one item, reporting into `diags`.
struct Cx<'a, 'd> {
    sources: &'a Sources<'a>,
    diags: &'d mut Diagnostics,
    /// The source of facts.
    src_path: String,
    /// False once a required fact is missing: the item is then left out.
    ok: bool,
}

impl<'a> Cx<'a, '_> {
    fn src(&self) -> Source<'a> {
        self.sources.source(&self.src_path)
    }

    fn text_of(&self, path: &str) -> &'a str {
        &self.sources.file(path).text
    }

    /// A fact written in translation `tr` as well: it must agree with the source.
    fn same<V: PartialEq>(
        &mut self,
        tr: &str,
        key: &str,
        src: Option<&V>,
        other: Option<&V>,
        show: impl Fn(&V) -> String,
    ) {
        let Some(b) = other else { return };
        let tr_src = self.sources.source(tr);
        match src {
            Some(a) if a == b => {}
            Some(a) => {
                let here = tr_src.span_of(key, &show(b));
                let there = self.src().span_of(key, &show(a));
                self.differ(tr, here, there, key, &show(b), &show(a));
            }
            None => {
                let here = tr_src.find_key(key).unwrap_or(Span::new(1, 1));
                self.only_here(tr, here, key);
            }
        }
    }

    fn differ(&mut self, tr: &str, here: Span, there: Span, key: &str, b: &str, a: &str) {
        self.diags.push(
            Diagnostic::error(
                tr,
                format!(
                    "{key} is {b} here but {a} in {}:{}:{}; a fact is written once and shared by every language",
                    self.src_path, there.line, there.col
                ),
            )
            .at_in(here, self.text_of(tr))
            .hint(format!(
                "correct whichever is wrong; better, remove the line here: the translation takes {key} from {}",
                self.src_path
            )),
        );
    }

    fn only_here(&mut self, tr: &str, here: Span, key: &str) {
        self.diags.push(
            Diagnostic::error(
                tr,
                format!(
                    "{key} is written only in this translation; facts (dates, figures, periods, ids) are written in {}",
                    self.src_path
                ),
            )
            .at_in(here, self.text_of(tr))
            .hint(format!("move the line to {}", self.src_path)),
        );
    }

    /// A fact the source must give.
    fn required<V: Clone>(&mut self, key: &str, v: Option<&V>, example: &str) -> Option<V> {
        if v.is_none() {
            let src = self.src();
            let path = self.src_path.clone();
            self.diags.push(
                Diagnostic::error(&path, format!("missing field \"{key}\""))
                    .at_in(
                        Span::new(src.first_line.saturating_sub(1).max(1), 1),
                        self.text_of(&path),
                    )
                    .hint(format!(
                        "add a line `{key}: {example}` to the front matter; facts are written in this file, the file of the site's first language, and translations take them from it"
                    )),
            );
            self.ok = false;
        }
        v.cloned()
    }

    /// The files a translation attaches must be the source's; their titles are text.
    fn attachments(&mut self, tr: &str, src: &[AttachmentFm], other: &[AttachmentFm]) {
        for a in other {
            if !src.iter().any(|s| s.file == a.file) {
                let here = self.sources.source(tr).span_of("file", &a.file);
                self.diags.push(
                    Diagnostic::error(
                        tr,
                        format!(
                            "attachment \"{}\" is not attached in {}; a translation gives titles to the files attached there",
                            a.file, self.src_path
                        ),
                    )
                    .at_in(here, self.text_of(tr))
                    .hint(format!(
                        "attach the file in {} (attachments: - file: {}), or correct the file name here",
                        self.src_path, a.file
                    )),
                );
            }
        }
    }
}

fn cx<'a, 'd>(sources: &'a Sources<'a>, diags: &'d mut Diagnostics, src: &str) -> Cx<'a, 'd> {
    Cx {
        sources,
        diags,
        src_path: src.to_string(),
        ok: true,
    }
}

fn text_list(v: &[String]) -> String {
    format!("[{}]", v.join(", "))
}

fn shown<T: std::fmt::Display>(v: &T) -> String {
    v.to_string()
}

/// Attachment file → title in one language; the file name when none is given.
fn titles(list: &[AttachmentFm], fallback: &[AttachmentFm]) -> BTreeMap<String, String> {
    fallback
        .iter()
        .chain(list)
        .map(|a| {
            let title = a
                .title
                .clone()
                .unwrap_or_else(|| a.file.rsplit('/').next().unwrap_or(&a.file).to_string());
            (a.file.clone(), title)
        })
        .collect()
}

fn attachment_facts(list: &[AttachmentFm]) -> Vec<Attachment> {
    list.iter()
        .map(|a| Attachment {
            file: a.file.clone(),
        })
        .collect()
}

pub fn plans(sources: &Sources, files: &[&SourceFile], diags: &mut Diagnostics) -> Vec<Plan> {
    let mut out = Vec::new();
    for raw in pair::<PlanFm>(files, diags) {
        let src = raw.source(&sources.order);
        let s = &src.fm;
        let mut c = cx(sources, diags, &src.path);
        let none = Vec::new();
        for tr in raw.translations(src) {
            let t = &tr.fm;
            let p = tr.path.as_str();
            c.same(
                p,
                "doc_kind",
                s.doc_kind.as_ref(),
                t.doc_kind.as_ref(),
                shown,
            );
            c.same(p, "kind", s.kind.as_ref(), t.kind.as_ref(), |k| {
                k.code().into()
            });
            c.same(p, "number", s.number.as_ref(), t.number.as_ref(), shown);
            c.same(p, "symbol", s.symbol.as_ref(), t.symbol.as_ref(), shown);
            c.same(p, "issued", s.issued.as_ref(), t.issued.as_ref(), |d| {
                d.iso()
            });
            c.same(p, "period", s.period.as_ref(), t.period.as_ref(), |d| {
                d.code()
            });
            c.same(
                p,
                "based_on",
                s.based_on.as_ref(),
                t.based_on.as_ref(),
                |v| text_list(v),
            );
            c.same(
                p,
                "campaigns",
                s.campaigns.as_ref(),
                t.campaigns.as_ref(),
                |v| text_list(v),
            );
            let (sr, tr_r) = (s.reporting.as_ref(), t.reporting.as_ref());
            if let Some(r) = tr_r {
                let schedule = |r: &super::frontmatter::Reporting| {
                    r.schedule.as_ref().map(|s| {
                        s.iter()
                            .map(|d| (d.period.code(), d.due.0))
                            .collect::<Vec<_>>()
                    })
                };
                let show_schedule = |v: &Vec<(String, chrono::NaiveDate)>| {
                    v.iter()
                        .map(|(p, d)| format!("{p}: {d}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                c.same(
                    p,
                    "schedule",
                    sr.and_then(schedule).as_ref(),
                    schedule(r).as_ref(),
                    show_schedule,
                );
                c.same(
                    p,
                    "six_month_due",
                    sr.and_then(|r| r.six_month_due.as_ref()),
                    r.six_month_due.as_ref(),
                    |d| d.0.to_string(),
                );
                c.same(
                    p,
                    "annual_due",
                    sr.and_then(|r| r.annual_due.as_ref()),
                    r.annual_due.as_ref(),
                    |d| d.0.to_string(),
                );
                c.same(
                    p,
                    "illustrative",
                    sr.and_then(|r| r.illustrative.as_ref()),
                    r.illustrative.as_ref(),
                    shown,
                );
            }
            c.attachments(
                p,
                s.attachments.as_ref().unwrap_or(&none),
                t.attachments.as_ref().unwrap_or(&none),
            );
        }
        let symbol = c.required("symbol", s.symbol.as_ref(), "\"KH-ABC\"");
        let issued = c.required("issued", s.issued.as_ref(), "2024-01-15");
        let place = c.required("place", s.place.as_ref(), "\"…\"");
        let issuer = c.required(
            "issuer",
            s.issuer.as_ref(),
            "{ parent: \"…\", name: \"…\" }",
        );
        if !c.ok {
            continue;
        }
        let (Some(symbol), Some(issued), Some(place), Some(issuer)) =
            (symbol, issued, place, issuer)
        else {
            continue;
        };
        let mut schedule: Vec<Due> = Vec::new();
        if let Some(r) = &s.reporting {
            for d in r.schedule.iter().flatten() {
                schedule.push(Due {
                    period: d.period.clone(),
                    due: d.due.0,
                });
            }
            if let Some(d) = r.six_month_due {
                schedule.push(Due {
                    period: Period::h1(issued.year),
                    due: d.0,
                });
            }
            if let Some(d) = r.annual_due {
                schedule.push(Due {
                    period: Period::year(issued.year),
                    due: d.0,
                });
            }
        }
        schedule.sort_by(|a, b| a.due.cmp(&b.due).then(a.period.cmp(&b.period)));
        let src_attachments = s.attachments.clone().unwrap_or_default();
        let facts = PlanFacts {
            doc_kind: s.doc_kind.clone().unwrap_or_else(|| "ke-hoach".into()),
            kind: s.kind.unwrap_or(PlanKind::Annual),
            number: s.number.clone().unwrap_or_default(),
            symbol,
            issued,
            period: s
                .period
                .clone()
                .unwrap_or_else(|| Period::year(issued.year)),
            based_on: s.based_on.clone().unwrap_or_default(),
            campaigns: s.campaigns.clone().unwrap_or_default(),
            schedule,
            schedule_illustrative: s
                .reporting
                .as_ref()
                .and_then(|r| r.illustrative)
                .unwrap_or(false),
            attachments: attachment_facts(&src_attachments),
        };
        let src_recipient = s.reporting.as_ref().and_then(|r| r.recipient.clone());
        let versions = texts(&raw, |v| PlanText {
            title: v.title.clone(),
            summary: v.summary.clone(),
            place: v.place.clone().unwrap_or_else(|| place.clone()),
            issuer: v.issuer.clone().unwrap_or_else(|| issuer.clone()),
            signer: v.signer.clone().or_else(|| s.signer.clone()),
            recipients: v
                .recipients
                .clone()
                .or_else(|| s.recipients.clone())
                .unwrap_or_default(),
            reporting_recipient: v
                .reporting
                .as_ref()
                .and_then(|r| r.recipient.clone())
                .or_else(|| src_recipient.clone()),
            attachment_titles: titles(v.attachments.as_deref().unwrap_or(&[]), &src_attachments),
        });
        out.push(Entry {
            id: raw.id.clone(),
            facts,
            facts_path: src.path.clone(),
            versions,
        });
    }
    out
}

pub fn campaigns(
    sources: &Sources,
    files: &[&SourceFile],
    diags: &mut Diagnostics,
) -> Vec<Campaign> {
    let mut out = Vec::new();
    for raw in pair::<CampaignFm>(files, diags) {
        let src = raw.source(&sources.order);
        let s = &src.fm;
        let mut c = cx(sources, diags, &src.path);
        for tr in raw.translations(src) {
            let t = &tr.fm;
            let p = tr.path.as_str();
            c.same(
                p,
                "launched",
                s.launched.as_ref(),
                t.launched.as_ref(),
                |d| d.iso(),
            );
            c.same(p, "ends", s.ends.as_ref(), t.ends.as_ref(), |d| d.iso());
            c.same(
                p,
                "lead_unit",
                s.lead_unit.as_ref(),
                t.lead_unit.as_ref(),
                shown,
            );
            c.same(p, "plans", s.plans.as_ref(), t.plans.as_ref(), |v| {
                text_list(v)
            });
            c.same(
                p,
                "based_on",
                s.based_on.as_ref(),
                t.based_on.as_ref(),
                |v| text_list(v),
            );
        }
        let launched = c.required("launched", s.launched.as_ref(), "2024-01-15");
        let lead_unit = c.required("lead_unit", s.lead_unit.as_ref(), "van-phong");
        let (Some(launched), Some(lead_unit)) = (launched, lead_unit) else {
            continue;
        };
        let facts = CampaignFacts {
            launched,
            ends: s.ends,
            lead_unit,
            plans: s.plans.clone().unwrap_or_default(),
            based_on: s.based_on.clone().unwrap_or_default(),
        };
        let versions = texts(&raw, |v| CampaignText {
            title: v.title.clone(),
            summary: v.summary.clone(),
            fields: v.fields.clone(),
        });
        out.push(Entry {
            id: raw.id.clone(),
            facts,
            facts_path: src.path.clone(),
            versions,
        });
    }
    out
}

pub fn exemplars(
    sources: &Sources,
    files: &[&SourceFile],
    diags: &mut Diagnostics,
) -> Vec<Exemplar> {
    let mut out = Vec::new();
    for raw in pair::<ExemplarFm>(files, diags) {
        let src = raw.source(&sources.order);
        let s = &src.fm;
        let mut c = cx(sources, diags, &src.path);
        let none = Vec::new();
        for tr in raw.translations(src) {
            let t = &tr.fm;
            let p = tr.path.as_str();
            c.same(p, "kind", s.kind.as_ref(), t.kind.as_ref(), |k| {
                format!("{k:?}").to_lowercase()
            });
            c.same(p, "unit", s.unit.as_ref(), t.unit.as_ref(), shown);
            c.same(
                p,
                "campaign",
                s.campaign.as_ref(),
                t.campaign.as_ref(),
                shown,
            );
            c.same(
                p,
                "recognized",
                s.recognized.as_ref(),
                t.recognized.as_ref(),
                |d| d.0.to_string(),
            );
            c.same(p, "photo", s.photo.as_ref(), t.photo.as_ref(), shown);
            c.same(
                p,
                "illustrative",
                s.illustrative.as_ref(),
                t.illustrative.as_ref(),
                shown,
            );
            c.attachments(
                p,
                s.attachments.as_ref().unwrap_or(&none),
                t.attachments.as_ref().unwrap_or(&none),
            );
        }
        let kind = c.required("kind", s.kind.as_ref(), "individual");
        let unit = c.required("unit", s.unit.as_ref(), "van-phong");
        let campaign = c.required("campaign", s.campaign.as_ref(), "ten-phong-trao");
        let recognized = c.required("recognized", s.recognized.as_ref(), "2024-05-16");
        let award = c.required("award", s.award.as_ref(), "\"Giấy khen …\"");
        let (Some(kind), Some(unit), Some(campaign), Some(recognized), Some(award)) =
            (kind, unit, campaign, recognized, award)
        else {
            continue;
        };
        let src_attachments = s.attachments.clone().unwrap_or_default();
        let facts = ExemplarFacts {
            kind,
            unit,
            campaign,
            recognized: recognized.0,
            photo: s.photo.clone(),
            photo_at: s.photo.as_ref().map(|photo| {
                let span = sources.source(&src.path).span_of("photo", photo);
                let text = &sources.file(&src.path).text;
                let line = text.lines().nth(span.line.saturating_sub(1)).unwrap_or("");
                (span, line.to_string())
            }),
            illustrative: s.illustrative.unwrap_or(false),
            attachments: attachment_facts(&src_attachments),
        };
        let versions = texts(&raw, |v| ExemplarText {
            title: v.title.clone(),
            summary: v.summary.clone(),
            award: v.award.clone().unwrap_or_else(|| award.clone()),
            photo_alt: v.photo_alt.clone(),
            attachment_titles: titles(v.attachments.as_deref().unwrap_or(&[]), &src_attachments),
        });
        out.push(Entry {
            id: raw.id.clone(),
            facts,
            facts_path: src.path.clone(),
            versions,
        });
    }
    out
}

pub fn reports(
    sources: &Sources,
    files: &[&SourceFile],
    data: &Data,
    diags: &mut Diagnostics,
) -> Vec<Report> {
    let mut out = Vec::new();
    for raw in pair::<ReportFm>(files, diags) {
        let src = raw.source(&sources.order);
        let s = &src.fm;
        let mut c = cx(sources, diags, &src.path);
        let none = Vec::new();
        let src_results = s.results.as_deref().unwrap_or(&[]);
        for tr in raw.translations(src) {
            let t = &tr.fm;
            let p = tr.path.as_str();
            c.same(p, "period", s.period.as_ref(), t.period.as_ref(), |d| {
                d.code()
            });
            c.same(p, "plan", s.plan.as_ref(), t.plan.as_ref(), shown);
            c.same(
                p,
                "submitted",
                s.submitted.as_ref(),
                t.submitted.as_ref(),
                |d| d.0.to_string(),
            );
            c.same(p, "number", s.number.as_ref(), t.number.as_ref(), shown);
            c.same(p, "symbol", s.symbol.as_ref(), t.symbol.as_ref(), shown);
            c.same(
                p,
                "illustrative",
                s.illustrative.as_ref(),
                t.illustrative.as_ref(),
                shown,
            );
            c.attachments(
                p,
                s.attachments.as_ref().unwrap_or(&none),
                t.attachments.as_ref().unwrap_or(&none),
            );
            compare_results(&mut c, p, src_results, t.results.as_deref().unwrap_or(&[]));
        }
        let period = c.required("period", s.period.as_ref(), "2024-H1");
        let recipient = c.required("recipient", s.recipient.as_ref(), "\"…\"");
        let results = figures(&mut c, src_results, data);
        let (Some(period), Some(recipient), Some(results)) = (period, recipient, results) else {
            continue;
        };
        let src_attachments = s.attachments.clone().unwrap_or_default();
        let facts = ReportFacts {
            period,
            plan: s.plan.clone(),
            submitted: s.submitted.map(|d| d.0),
            number: s.number.clone().unwrap_or_default(),
            symbol: s.symbol.clone().unwrap_or_default(),
            results,
            illustrative: s.illustrative.unwrap_or(false),
            attachments: attachment_facts(&src_attachments),
        };
        let src_notes = notes(src_results);
        let versions = texts(&raw, |v| ReportText {
            title: v.title.clone(),
            summary: v.summary.clone(),
            recipient: v.recipient.clone().unwrap_or_else(|| recipient.clone()),
            signer: v.signer.clone().or_else(|| s.signer.clone()),
            notes: {
                let mut n = src_notes.clone();
                n.extend(notes(v.results.as_deref().unwrap_or(&[])));
                n
            },
            attachment_titles: titles(v.attachments.as_deref().unwrap_or(&[]), &src_attachments),
        });
        out.push(Entry {
            id: raw.id.clone(),
            facts,
            facts_path: src.path.clone(),
            versions,
        });
    }
    out
}

fn notes(results: &[ResultFm]) -> BTreeMap<String, String> {
    results
        .iter()
        .filter_map(|r| r.note.clone().map(|n| (r.indicator.clone(), n)))
        .collect()
}

/// "result 2 (indicator "ho-so-dung-han")": how an editor finds the row.
fn row_name(i: usize, indicator: &str) -> String {
    format!("result {} (indicator \"{indicator}\")", i + 1)
}

/// A translation's results name the source's indicators; figures they repeat must agree.
fn compare_results(c: &mut Cx, tr: &str, src: &[ResultFm], other: &[ResultFm]) {
    let tr_src = c.sources.source(tr);
    for (i, r) in other.iter().enumerate() {
        let Some((j, s)) = src
            .iter()
            .enumerate()
            .find(|(_, s)| s.indicator == r.indicator)
        else {
            let here = tr_src
                .item_span("results", i, "indicator")
                .unwrap_or(Span::new(1, 1));
            c.diags.push(
                Diagnostic::error(
                    tr,
                    format!(
                        "{} is not among the results in {}; a translation gives notes to the rows written there",
                        row_name(i, &r.indicator),
                        c.src_path
                    ),
                )
                .at_in(here, c.text_of(tr))
                .hint(format!(
                    "add the row to {} first, or correct the indicator id here",
                    c.src_path
                )),
            );
            continue;
        };
        for (key, a, b) in [
            ("target", &s.target, &r.target),
            ("target_min", &s.target_min, &r.target_min),
            ("target_max", &s.target_max, &r.target_max),
            ("actual", &s.actual, &r.actual),
        ] {
            let Some(b) = b else { continue };
            let here = tr_src
                .item_value_span("results", i, key)
                .unwrap_or(Span::new(1, 1));
            let what = format!("{key} of {}", row_name(i, &r.indicator));
            match a {
                Some(a) if a == b => {}
                Some(a) => {
                    let there = c
                        .src()
                        .item_value_span("results", j, key)
                        .unwrap_or(Span::new(1, 1));
                    c.differ(tr, here, there, &what, &b.plain(), &a.plain());
                }
                None => c.only_here(tr, here, &what),
            }
        }
    }
}

/// The figures of the source's results, each with its target; `None` if one is wrong.
fn figures(c: &mut Cx, results: &[ResultFm], data: &Data) -> Option<Vec<Figure>> {
    let mut out = Vec::new();
    let mut ok = true;
    let src = c.src();
    let path = c.src_path.clone();
    let text = c.text_of(&path);
    for (i, r) in results.iter().enumerate() {
        let span = |key: &str| src.item_span("results", i, key).unwrap_or(Span::new(1, 1));
        let Some(ind) = data.indicators.iter().find(|x| x.id == r.indicator) else {
            // An indicators.yaml that does not parse is reported once, on its own.
            if let Some(known) = &data.indicator_ids {
                let mut message = format!("{}: unknown indicator", row_name(i, &r.indicator));
                let hint = match did_you_mean(&r.indicator, known.iter().map(String::as_str)) {
                    Some(s) => {
                        message.push_str(&format!("; did you mean \"{s}\"?"));
                        format!("replace it with \"{s}\", or add the indicator to content/data/indicators.yaml")
                    }
                    None if known.is_empty() => "there are no indicators yet: add one to content/data/indicators.yaml (id, campaign, name, unit, direction)".into(),
                    None => format!(
                        "use one of the ids in content/data/indicators.yaml: {}",
                        known.iter().map(String::as_str).collect::<Vec<_>>().join(", ")
                    ),
                };
                c.diags.push(
                    Diagnostic::error(&path, message)
                        .at_in(span("indicator"), text)
                        .hint(hint),
                );
            }
            ok = false;
            continue;
        };
        let Some(actual) = r.actual else {
            c.diags.push(
                Diagnostic::error(&path, format!("{}: the actual value is missing", row_name(i, &r.indicator)))
                    .at_in(span("indicator"), text)
                    .hint("add a line `actual: …` with the figure achieved in the period, e.g. actual: 97,5"),
            );
            ok = false;
            continue;
        };
        let target = match datafiles::target_of(ind.direction, r.target, r.target_min, r.target_max)
        {
            Ok(Some(t)) => t,
            Ok(None) => match ind.target {
                Some(t) => t,
                None => {
                    let keys = if ind.direction == super::frontmatter::Direction::Range {
                        "target_min: and target_max:"
                    } else {
                        "target:"
                    };
                    c.diags.push(
                        Diagnostic::error(&path, format!("{}: no target to measure it against", row_name(i, &r.indicator)))
                            .at_in(span("indicator"), text)
                            .hint(format!("add {keys} to this result, or to the indicator in content/data/indicators.yaml")),
                    );
                    ok = false;
                    continue;
                }
            },
            Err((key, message, hint)) => {
                c.diags.push(
                    Diagnostic::error(&path, format!("{}: {message}", row_name(i, &r.indicator)))
                        .at_in(span(key), text)
                        .hint(hint),
                );
                ok = false;
                continue;
            }
        };
        if out.iter().any(|f: &Figure| f.indicator == r.indicator) {
            c.diags.push(
                Diagnostic::error(
                    &path,
                    format!(
                        "{}: the indicator has a row already in this report",
                        row_name(i, &r.indicator)
                    ),
                )
                .at_in(span("indicator"), text)
                .hint("a report gives one figure per indicator: remove one of the rows"),
            );
            ok = false;
            continue;
        }
        out.push(Figure {
            indicator: r.indicator.clone(),
            target,
            actual,
        });
    }
    ok.then_some(out)
}

pub fn pages(sources: &Sources, files: &[&SourceFile], diags: &mut Diagnostics) -> Vec<Page> {
    pair::<PageFm>(files, diags)
        .into_iter()
        .map(|raw| {
            let src = raw.source(&sources.order).path.clone();
            let versions = texts(&raw, |v| PageText {
                title: v.title.clone(),
                summary: v.summary.clone(),
                menu: v.menu,
            });
            Entry {
                id: raw.id,
                facts: (),
                facts_path: src,
                versions,
            }
        })
        .collect()
}

/// Each version's text, made by `text` from its front matter.
fn texts<F, T>(raw: &Raw<F>, text: impl Fn(&F) -> T) -> BTreeMap<String, Version<T>> {
    raw.versions
        .iter()
        .map(|(l, v)| {
            (
                l.clone(),
                Version {
                    lang: v.lang.clone(),
                    path: v.path.clone(),
                    slug: v.slug.clone(),
                    fm: text(&v.fm),
                    body: v.body.clone(),
                    body_line: v.body_line,
                    draft: v.draft,
                },
            )
        })
        .collect()
}

/// Parses each file of a kind and groups translations by stem.
fn pair<T: Common>(files: &[&SourceFile], diags: &mut Diagnostics) -> Vec<Raw<T>> {
    let mut entries: BTreeMap<String, Raw<T>> = BTreeMap::new();
    let mut slugs: BTreeMap<(String, String), String> = BTreeMap::new();
    // An item with a file that does not parse is left out whole: its translation would
    // otherwise pass for the source of facts and be blamed for the missing facts.
    let mut broken = std::collections::BTreeSet::new();
    for f in files {
        let fm: T = match f.source().parse() {
            Ok(fm) => fm,
            Err(d) => {
                diags.push(d);
                broken.insert(i18n::slugify(&f.stem));
                continue;
            }
        };
        let id = i18n::slugify(&f.stem);
        if id.is_empty() {
            diags.push(
                Diagnostic::error(
                    &f.path,
                    "the file name has no letters or digits to make an address from",
                )
                .hint("rename the file after its title, e.g. nong-thon-moi.vi.md"),
            );
            continue;
        }
        let slug = match fm.slug_override() {
            Some(s) => {
                let folded = i18n::slugify(s);
                if folded.is_empty() {
                    diags.push(
                        Diagnostic::error(
                            &f.path,
                            format!("slug \"{s}\" has no letters or digits"),
                        )
                        .at_in(f.source().span_of("slug", s), &f.text)
                        .hint("write the address with letters, digits and dashes, e.g. about"),
                    );
                    continue;
                }
                folded
            }
            None => id.clone(),
        };
        // The address is a folder name, and file systems stop at 255 bytes.
        if slug.len() > datafiles::MAX_SLUG {
            let span = f.source().find_key("slug").unwrap_or(Span::new(1, 1));
            diags.push(
                Diagnostic::error(&f.path, format!("the address \"{}…\" is {} characters long; at most {} fit in a folder name", &slug[..40], slug.len(), datafiles::MAX_SLUG))
                    .at_in(span, &f.text)
                    .hint("set a shorter `slug:` (or rename the file), e.g. the first words of the title"),
            );
            continue;
        }
        if let Some(other) = slugs.insert((f.lang.clone(), slug.clone()), f.path.clone()) {
            let span = f.source().find_key("slug").unwrap_or(Span::new(1, 1));
            diags.push(
                Diagnostic::error(&f.path, format!("duplicate address \"{slug}\": {other} already uses it"))
                    .at_in(span, &f.text)
                    .hint("rename one of the files (or set a different `slug:`) so each has its own address"),
            );
            continue;
        }
        let entry = entries.entry(id.clone()).or_insert_with(|| Raw {
            id,
            versions: BTreeMap::new(),
        });
        let draft = fm.is_draft();
        entry.versions.insert(
            f.lang.clone(),
            Version {
                lang: f.lang.clone(),
                path: f.path.clone(),
                slug,
                fm,
                body: f.body().to_string(),
                body_line: f.body_line,
                draft,
            },
        );
    }
    entries.retain(|id, _| !broken.contains(id));
    entries.into_values().collect()
}
