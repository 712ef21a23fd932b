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
    AttachmentFm, CampaignFm, ExemplarFm, NominationFm, NomineeFm, PageFm, PlanFm, PlanKind,
    ReportFm, ResultFm,
};
use super::load::{Loaded, SourceFile};
use super::model::*;
use crate::error::{did_you_mean, Code, Diagnostic, Diagnostics, Span};
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
pub trait Common: DeserializeOwned + Clone {
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
common!(
    PlanFm,
    CampaignFm,
    ExemplarFm,
    ReportFm,
    PageFm,
    NominationFm
);

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
pub struct Cx<'a, 'd> {
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
                Code::FactDiffers,
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
                Code::FactOnlyInTranslation,
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
                Diagnostic::error(Code::MissingField, &path, format!("missing field \"{key}\""))
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
                        Code::TranslationExtraItem,
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

/// How one kind's files become its facts and each language's text.
pub trait Merge: Common {
    type Facts;
    type Text;
    /// Checks the facts translation `tr` (file `path`) repeats against the source's.
    fn compare(c: &mut Cx, path: &str, src: &Self, tr: &Self);
    /// The facts, read from the source; `None` when one is missing or wrong (reported).
    fn facts(c: &mut Cx, src: &Self, data: &Data) -> Option<Self::Facts>;
    /// The text of a version, the source filling in what a translation leaves out.
    fn text(v: &Self, src: &Self) -> Self::Text;
}

/// Every item of kind `K`: its facts from the first language's file, checked against
/// what the translations repeat, and each language's text.
pub fn merge<K: Merge>(
    sources: &Sources,
    files: &[&SourceFile],
    data: &Data,
    diags: &mut Diagnostics,
) -> Vec<Entry<K::Facts, K::Text>> {
    let mut out = Vec::new();
    for raw in pair::<K>(files, diags) {
        let src = raw.source(&sources.order);
        let mut c = cx(sources, diags, &src.path);
        for tr in raw.translations(src) {
            K::compare(&mut c, &tr.path, &src.fm, &tr.fm);
        }
        let Some(facts) = K::facts(&mut c, &src.fm, data).filter(|_| c.ok) else {
            continue;
        };
        let (src_fm, facts_path) = (src.fm.clone(), src.path.clone());
        out.push(Entry {
            facts,
            facts_path,
            versions: texts(raw.versions, |v| K::text(v, &src_fm)),
            id: raw.id,
        });
    }
    out
}

/// `c.same` for a field the source and a translation share by name.
macro_rules! same {
    ($c:ident, $path:ident, $src:ident, $tr:ident, $field:ident, $show:expr) => {
        $c.same(
            $path,
            stringify!($field),
            $src.$field.as_ref(),
            $tr.$field.as_ref(),
            $show,
        )
    };
}

fn iso(d: &crate::date::PartialDate) -> String {
    d.iso()
}

fn day(d: &crate::date::Day) -> String {
    d.0.to_string()
}

/// A list of ids as a message shows it; `same!` hands over the field's own type.
#[allow(clippy::ptr_arg)]
fn list(v: &Vec<String>) -> String {
    text_list(v)
}

fn none() -> &'static [AttachmentFm] {
    &[]
}

impl Merge for PlanFm {
    type Facts = PlanFacts;
    type Text = PlanText;

    fn compare(c: &mut Cx, p: &str, s: &Self, t: &Self) {
        same!(c, p, s, t, doc_kind, shown);
        same!(c, p, s, t, kind, |k| k.code().into());
        same!(c, p, s, t, number, shown);
        same!(c, p, s, t, symbol, shown);
        same!(c, p, s, t, issued, iso);
        same!(c, p, s, t, period, |d| d.code());
        same!(c, p, s, t, based_on, list);
        same!(c, p, s, t, campaigns, list);
        if let Some(r) = &t.reporting {
            let sr = s.reporting.as_ref();
            let schedule = |r: &super::frontmatter::Reporting| {
                r.schedule.as_ref().map(|s| {
                    s.iter()
                        .map(|d| format!("{}: {}", d.period.code(), d.due.0))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
            };
            c.same(
                p,
                "schedule",
                sr.and_then(schedule).as_ref(),
                schedule(r).as_ref(),
                shown,
            );
            let sr_due =
                |f: fn(&super::frontmatter::Reporting) -> Option<&crate::date::Day>| sr.and_then(f);
            c.same(
                p,
                "six_month_due",
                sr_due(|r| r.six_month_due.as_ref()),
                r.six_month_due.as_ref(),
                day,
            );
            c.same(
                p,
                "annual_due",
                sr_due(|r| r.annual_due.as_ref()),
                r.annual_due.as_ref(),
                day,
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
            s.attachments.as_deref().unwrap_or(none()),
            t.attachments.as_deref().unwrap_or(none()),
        );
    }

    fn facts(c: &mut Cx, s: &Self, _: &Data) -> Option<PlanFacts> {
        let symbol = c.required("symbol", s.symbol.as_ref(), "\"KH-ABC\"");
        let issued = c.required("issued", s.issued.as_ref(), "2024-01-15");
        c.required("place", s.place.as_ref(), "\"…\"");
        c.required(
            "issuer",
            s.issuer.as_ref(),
            "{ parent: \"…\", name: \"…\" }",
        );
        let (symbol, issued) = (symbol?, issued?);
        let mut schedule: Vec<Due> = Vec::new();
        if let Some(r) = &s.reporting {
            for d in r.schedule.iter().flatten() {
                schedule.push(Due {
                    period: d.period.clone(),
                    due: d.due.0,
                });
            }
            for (period, due) in [
                (Period::h1(issued.year), r.six_month_due),
                (Period::year(issued.year), r.annual_due),
            ] {
                if let Some(d) = due {
                    schedule.push(Due { period, due: d.0 });
                }
            }
        }
        schedule.sort_by(|a, b| a.due.cmp(&b.due).then(a.period.cmp(&b.period)));
        Some(PlanFacts {
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
            attachments: attachment_facts(s.attachments.as_deref().unwrap_or(none())),
        })
    }

    fn text(v: &Self, s: &Self) -> PlanText {
        PlanText {
            title: v.title.clone(),
            summary: v.summary.clone(),
            place: v
                .place
                .clone()
                .or_else(|| s.place.clone())
                .unwrap_or_default(),
            issuer: v
                .issuer
                .clone()
                .or_else(|| s.issuer.clone())
                .expect("the source's issuer is required by facts()"),
            signer: v.signer.clone().or_else(|| s.signer.clone()),
            recipients: v
                .recipients
                .clone()
                .or_else(|| s.recipients.clone())
                .unwrap_or_default(),
            reporting_recipient: [v, s]
                .iter()
                .find_map(|x| x.reporting.as_ref().and_then(|r| r.recipient.clone())),
            attachment_titles: titles(
                v.attachments.as_deref().unwrap_or(none()),
                s.attachments.as_deref().unwrap_or(none()),
            ),
        }
    }
}

impl Merge for CampaignFm {
    type Facts = CampaignFacts;
    type Text = CampaignText;

    fn compare(c: &mut Cx, p: &str, s: &Self, t: &Self) {
        same!(c, p, s, t, launched, iso);
        same!(c, p, s, t, ends, iso);
        same!(c, p, s, t, lead_unit, shown);
        same!(c, p, s, t, plans, list);
        same!(c, p, s, t, based_on, list);
    }

    fn facts(c: &mut Cx, s: &Self, _: &Data) -> Option<CampaignFacts> {
        let launched = c.required("launched", s.launched.as_ref(), "2024-01-15");
        let lead_unit = c.required("lead_unit", s.lead_unit.as_ref(), "van-phong");
        Some(CampaignFacts {
            launched: launched?,
            ends: s.ends,
            lead_unit: lead_unit?,
            plans: s.plans.clone().unwrap_or_default(),
            based_on: s.based_on.clone().unwrap_or_default(),
        })
    }

    fn text(v: &Self, _: &Self) -> CampaignText {
        CampaignText {
            title: v.title.clone(),
            summary: v.summary.clone(),
            fields: v.fields.clone(),
        }
    }
}

impl Merge for ExemplarFm {
    type Facts = ExemplarFacts;
    type Text = ExemplarText;

    fn compare(c: &mut Cx, p: &str, s: &Self, t: &Self) {
        same!(c, p, s, t, kind, |k| format!("{k:?}").to_lowercase());
        same!(c, p, s, t, unit, shown);
        same!(c, p, s, t, campaign, shown);
        same!(c, p, s, t, recognized, day);
        same!(c, p, s, t, photo, shown);
        same!(c, p, s, t, illustrative, shown);
        c.attachments(
            p,
            s.attachments.as_deref().unwrap_or(none()),
            t.attachments.as_deref().unwrap_or(none()),
        );
    }

    fn facts(c: &mut Cx, s: &Self, _: &Data) -> Option<ExemplarFacts> {
        let kind = c.required("kind", s.kind.as_ref(), "individual");
        let unit = c.required("unit", s.unit.as_ref(), "van-phong");
        let campaign = c.required("campaign", s.campaign.as_ref(), "ten-phong-trao");
        let recognized = c.required("recognized", s.recognized.as_ref(), "2024-05-16");
        c.required("award", s.award.as_ref(), "\"Giấy khen …\"");
        Some(ExemplarFacts {
            kind: kind?,
            unit: unit?,
            campaign: campaign?,
            recognized: recognized?.0,
            photo: s.photo.clone(),
            photo_at: s.photo.as_ref().map(|photo| {
                let span = c.src().span_of("photo", photo);
                let text = c.text_of(&c.src_path);
                let line = text.lines().nth(span.line.saturating_sub(1)).unwrap_or("");
                (span, line.to_string())
            }),
            illustrative: s.illustrative.unwrap_or(false),
            attachments: attachment_facts(s.attachments.as_deref().unwrap_or(none())),
        })
    }

    fn text(v: &Self, s: &Self) -> ExemplarText {
        ExemplarText {
            title: v.title.clone(),
            summary: v.summary.clone(),
            award: v
                .award
                .clone()
                .or_else(|| s.award.clone())
                .unwrap_or_default(),
            photo_alt: v.photo_alt.clone(),
            attachment_titles: titles(
                v.attachments.as_deref().unwrap_or(none()),
                s.attachments.as_deref().unwrap_or(none()),
            ),
        }
    }
}

impl Merge for ReportFm {
    type Facts = ReportFacts;
    type Text = ReportText;

    fn compare(c: &mut Cx, p: &str, s: &Self, t: &Self) {
        same!(c, p, s, t, period, |d| d.code());
        same!(c, p, s, t, plan, shown);
        same!(c, p, s, t, submitted, day);
        same!(c, p, s, t, number, shown);
        same!(c, p, s, t, symbol, shown);
        same!(c, p, s, t, illustrative, shown);
        c.attachments(
            p,
            s.attachments.as_deref().unwrap_or(none()),
            t.attachments.as_deref().unwrap_or(none()),
        );
        compare_results(
            c,
            p,
            s.results.as_deref().unwrap_or(&[]),
            t.results.as_deref().unwrap_or(&[]),
        );
    }

    fn facts(c: &mut Cx, s: &Self, data: &Data) -> Option<ReportFacts> {
        let period = c.required("period", s.period.as_ref(), "2024-H1");
        c.required("recipient", s.recipient.as_ref(), "\"…\"");
        let results = figures(c, s.results.as_deref().unwrap_or(&[]), data);
        Some(ReportFacts {
            period: period?,
            plan: s.plan.clone(),
            submitted: s.submitted.map(|d| d.0),
            number: s.number.clone().unwrap_or_default(),
            symbol: s.symbol.clone().unwrap_or_default(),
            results: results?,
            illustrative: s.illustrative.unwrap_or(false),
            attachments: attachment_facts(s.attachments.as_deref().unwrap_or(none())),
        })
    }

    fn text(v: &Self, s: &Self) -> ReportText {
        let mut notes = notes(s.results.as_deref().unwrap_or(&[]));
        notes.extend(self::notes(v.results.as_deref().unwrap_or(&[])));
        ReportText {
            title: v.title.clone(),
            summary: v.summary.clone(),
            recipient: v
                .recipient
                .clone()
                .or_else(|| s.recipient.clone())
                .unwrap_or_default(),
            signer: v.signer.clone().or_else(|| s.signer.clone()),
            notes,
            attachment_titles: titles(
                v.attachments.as_deref().unwrap_or(none()),
                s.attachments.as_deref().unwrap_or(none()),
            ),
        }
    }
}

impl Merge for NominationFm {
    type Facts = NominationFacts;
    type Text = NominationText;

    fn compare(c: &mut Cx, p: &str, s: &Self, t: &Self) {
        same!(c, p, s, t, posted, day);
        same!(c, p, s, t, opens, day);
        same!(c, p, s, t, deadline, day);
        same!(c, p, s, t, based_on, list);
        same!(c, p, s, t, campaigns, list);
        same!(c, p, s, t, illustrative, shown);
        same!(c, p, s, t, decision, |d| format!(
            "{} ({})",
            d.number, d.date.0
        ));
        let (sc, tc) = (s.comments.as_ref(), t.comments.as_ref());
        if let Some(tc) = tc {
            c.same(
                p,
                "email",
                sc.and_then(|x| x.email.as_ref()),
                tc.email.as_ref(),
                shown,
            );
            c.same(
                p,
                "phone",
                sc.and_then(|x| x.phone.as_ref()),
                tc.phone.as_ref(),
                shown,
            );
        }
        c.attachments(
            p,
            s.attachments.as_deref().unwrap_or(none()),
            t.attachments.as_deref().unwrap_or(none()),
        );
        compare_nominees(
            c,
            p,
            s.nominees.as_deref().unwrap_or(&[]),
            t.nominees.as_deref().unwrap_or(&[]),
        );
    }

    fn facts(c: &mut Cx, s: &Self, _: &Data) -> Option<NominationFacts> {
        let posted = c.required("posted", s.posted.as_ref(), "2024-11-25");
        let deadline = c.required("deadline", s.deadline.as_ref(), "2024-12-09");
        c.required(
            "council",
            s.council.as_ref(),
            "\"Hội đồng Thi đua - Khen thưởng …\"",
        );
        c.required("award", s.award.as_ref(), "\"Bằng khen …\"");
        let nominees = nominees(c, s.nominees.as_deref().unwrap_or(&[]))?;
        let posted = posted?.0;
        Some(NominationFacts {
            posted,
            opens: s
                .opens
                .map_or_else(|| posted.succ_opt().unwrap_or(posted), |d| d.0),
            deadline: deadline?.0,
            email: s.comments.as_ref().and_then(|x| x.email.clone()),
            phone: s.comments.as_ref().and_then(|x| x.phone.clone()),
            based_on: s.based_on.clone().unwrap_or_default(),
            campaigns: s.campaigns.clone().unwrap_or_default(),
            nominees,
            attachments: attachment_facts(s.attachments.as_deref().unwrap_or(none())),
            decision: s.decision.as_ref().map(|d| Decision {
                number: d.number.clone(),
                date: d.date.0,
                awarded: d.awarded.clone(),
            }),
            illustrative: s.illustrative.unwrap_or(false),
        })
    }

    fn text(v: &Self, s: &Self) -> NominationText {
        let own: BTreeMap<&str, &NomineeFm> = v
            .nominees
            .iter()
            .flatten()
            .map(|n| (n.id.as_str(), n))
            .collect();
        let pick = |a: &Option<String>, b: &Option<String>| {
            a.clone().or_else(|| b.clone()).unwrap_or_default()
        };
        NominationText {
            title: v.title.clone(),
            summary: v.summary.clone(),
            council: pick(&v.council, &s.council),
            award: pick(&v.award, &s.award),
            address: pick(
                &v.comments.as_ref().and_then(|x| x.address.clone()),
                &s.comments.as_ref().and_then(|x| x.address.clone()),
            ),
            nominees: s
                .nominees
                .iter()
                .flatten()
                .map(|n| {
                    let t = own.get(n.id.as_str()).copied();
                    let field = |f: fn(&NomineeFm) -> &Option<String>| {
                        t.and_then(|t| f(t).clone())
                            .or_else(|| f(n).clone())
                            .unwrap_or_default()
                    };
                    let text = NomineeText {
                        name: field(|x| &x.name),
                        position: field(|x| &x.position),
                        achievements: field(|x| &x.achievements),
                    };
                    (n.id.clone(), text)
                })
                .collect(),
            attachment_titles: titles(
                v.attachments.as_deref().unwrap_or(none()),
                s.attachments.as_deref().unwrap_or(none()),
            ),
        }
    }
}

/// "nominee 2 (\"nguyen-thi-hoa\")": how an editor finds the entry.
fn nominee_name(i: usize, id: &str) -> String {
    format!("nominee {} (id \"{id}\")", i + 1)
}

/// The source's nominees: ids unique and well formed, kind and name given.
fn nominees(c: &mut Cx, list: &[NomineeFm]) -> Option<Vec<Nominee>> {
    let src = c.src();
    let path = c.src_path.clone();
    let text = c.text_of(&path);
    let mut out: Vec<Nominee> = Vec::new();
    let mut ok = true;
    for (i, n) in list.iter().enumerate() {
        let span = |key: &str| src.item_span("nominees", i, key).unwrap_or(Span::new(1, 1));
        let mut problem = |code: Code, message: String, key: &str, hint: &str| {
            c.diags.push(
                Diagnostic::error(
                    code,
                    &path,
                    format!("{}: {message}", nominee_name(i, &n.id)),
                )
                .at_in(span(key), text)
                .hint(hint.to_string()),
            );
            false
        };
        if i18n::slugify(&n.id) != n.id || n.id.is_empty() {
            ok &= problem(
                Code::BadId,
                "the id must be lowercase letters, digits and dashes".into(),
                "id",
                &format!("write it as \"{}\"", i18n::slugify(&n.id)),
            );
        } else if out.iter().any(|o| o.id == n.id) {
            ok &= problem(
                Code::DuplicateId,
                "the id is used by another nominee of the list".into(),
                "id",
                "give each nominee its own id, e.g. from the name",
            );
        }
        if n.name.as_deref().is_none_or(|x| x.trim().is_empty()) {
            ok &= problem(
                Code::MissingField,
                "the name is missing".into(),
                "id",
                "add a line `name: \"Bà …\"` to the nominee",
            );
        }
        let Some(kind) = n.kind else {
            ok &= problem(
                Code::MissingField,
                "the kind is missing".into(),
                "id",
                "add `kind: individual` (a person) or `kind: collective` (a group)",
            );
            continue;
        };
        let photo_at = n.photo.as_ref().map(|_| {
            let at = src
                .item_value_span("nominees", i, "photo")
                .unwrap_or(Span::new(1, 1));
            let line = text.lines().nth(at.line.saturating_sub(1)).unwrap_or("");
            (at, line.to_string())
        });
        out.push(Nominee {
            id: n.id.clone(),
            kind,
            unit: n.unit.clone().unwrap_or_default(),
            campaigns: n.campaigns.clone().unwrap_or_default(),
            photo: n.photo.clone(),
            photo_at,
            exemplar: n.exemplar.clone(),
        });
    }
    ok.then_some(out)
}

/// A translation's nominees are the source's, by id; the facts they repeat must agree.
fn compare_nominees(c: &mut Cx, tr: &str, src: &[NomineeFm], other: &[NomineeFm]) {
    let tr_src = c.sources.source(tr);
    for (i, n) in other.iter().enumerate() {
        let Some((j, s)) = src.iter().enumerate().find(|(_, s)| s.id == n.id) else {
            let here = tr_src
                .item_span("nominees", i, "id")
                .unwrap_or(Span::new(1, 1));
            c.diags.push(
                Diagnostic::error(
                    Code::TranslationExtraItem,
                    tr,
                    format!(
                        "{} is not among the nominees in {}; a translation gives the text of the nominees listed there",
                        nominee_name(i, &n.id),
                        c.src_path
                    ),
                )
                .at_in(here, c.text_of(tr))
                .hint(format!("add the nominee to {} first, or correct the id here", c.src_path)),
            );
            continue;
        };
        let show_list = |v: &Option<Vec<String>>| v.as_ref().map(|l| text_list(l));
        for (key, a, b) in [
            (
                "kind",
                s.kind.map(|k| format!("{k:?}").to_lowercase()),
                n.kind.map(|k| format!("{k:?}").to_lowercase()),
            ),
            ("unit", s.unit.clone(), n.unit.clone()),
            (
                "campaigns",
                show_list(&s.campaigns),
                show_list(&n.campaigns),
            ),
            ("photo", s.photo.clone(), n.photo.clone()),
            ("exemplar", s.exemplar.clone(), n.exemplar.clone()),
        ] {
            let Some(b) = b else { continue };
            let here = tr_src
                .item_value_span("nominees", i, key)
                .unwrap_or(Span::new(1, 1));
            let what = format!("{key} of {}", nominee_name(i, &n.id));
            match a {
                Some(a) if a == b => {}
                Some(a) => {
                    let there = c
                        .src()
                        .item_value_span("nominees", j, key)
                        .unwrap_or(Span::new(1, 1));
                    c.differ(tr, here, there, &what, &b, &a);
                }
                None => c.only_here(tr, here, &what),
            }
        }
    }
}

impl Merge for PageFm {
    type Facts = ();
    type Text = PageText;

    fn compare(_: &mut Cx, _: &str, _: &Self, _: &Self) {}

    fn facts(_: &mut Cx, _: &Self, _: &Data) -> Option<()> {
        Some(())
    }

    fn text(v: &Self, _: &Self) -> PageText {
        PageText {
            title: v.title.clone(),
            summary: v.summary.clone(),
            menu: v.menu,
        }
    }
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
                    Code::TranslationExtraItem,
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
        let Some(ind) = data.indicator(&r.indicator) else {
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
                    Diagnostic::error(Code::UnknownReference, &path, message)
                        .at_in(span("indicator"), text)
                        .hint(hint),
                );
            }
            ok = false;
            continue;
        };
        let Some(actual) = r.actual else {
            c.diags.push(
                Diagnostic::error(Code::ActualMissing, &path, format!("{}: the actual value is missing", row_name(i, &r.indicator)))
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
                        Diagnostic::error(Code::NoTarget, &path, format!("{}: no target to measure it against", row_name(i, &r.indicator)))
                            .at_in(span("indicator"), text)
                            .hint(format!("add {keys} to this result, or to the indicator in content/data/indicators.yaml")),
                    );
                    ok = false;
                    continue;
                }
            },
            Err((key, message, hint)) => {
                c.diags.push(
                    Diagnostic::error(
                        Code::BadTarget,
                        &path,
                        format!("{}: {message}", row_name(i, &r.indicator)),
                    )
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
                    Code::IndicatorTwice,
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

/// Each version's text, made by `text` from its front matter; the bodies are moved, not
/// copied (they are most of a site's memory).
fn texts<F, T>(
    versions: BTreeMap<String, Version<F>>,
    text: impl Fn(&F) -> T,
) -> BTreeMap<String, Version<T>> {
    versions
        .into_iter()
        .map(|(l, v)| {
            let fm = text(&v.fm);
            (
                l,
                Version {
                    lang: v.lang,
                    path: v.path,
                    slug: v.slug,
                    fm,
                    body: v.body,
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
                    Code::AddressHasNoLetters,
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
                            Code::AddressHasNoLetters,
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
                Diagnostic::error(Code::AddressTooLong, &f.path, format!("the address \"{}…\" is {} characters long; at most {} fit in a folder name", &slug[..40], slug.len(), datafiles::MAX_SLUG))
                    .at_in(span, &f.text)
                    .hint("set a shorter `slug:` (or rename the file), e.g. the first words of the title"),
            );
            continue;
        }
        if let Some(other) = slugs.insert((f.lang.clone(), slug.clone()), f.path.clone()) {
            let span = f.source().find_key("slug").unwrap_or(Span::new(1, 1));
            diags.push(
                Diagnostic::error(Code::DuplicateAddress, &f.path, format!("duplicate address \"{slug}\": {other} already uses it"))
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
