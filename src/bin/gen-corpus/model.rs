//! The corpus as content, independent of any generator's layout: items with their facts,
//! their text in both languages, and references between them. A layout (`minhbach.rs`;
//! later one for Hugo) decides file names, front matter and URLs.

use crate::dates::{Date, Written};
use crate::text::Block;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// Vietnamese first: it is the default language of the site.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// The same text in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bi {
    pub vi: String,
    pub en: String,
}

impl Bi {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Bi {
        Bi {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// Applies `f` to each language's text.
    pub fn map(&self, f: impl Fn(&str) -> String) -> Bi {
        Bi::new(f(&self.vi), f(&self.en))
    }
}

/// What a link in a body points at: an item of the corpus, by kind and position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ref {
    pub kind: Kind,
    pub index: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Plan,
    Campaign,
    Exemplar,
    Report,
    Page,
    Document,
}

/// What every markdown item has: an id (its file stem), an address word per language,
/// a title, a summary and a body.
#[derive(Debug, Clone)]
pub struct Meta {
    pub id: String,
    pub slug: Bi,
    pub title: Bi,
    pub summary: Bi,
    pub body: Vec<Block>,
}

#[derive(Debug)]
pub struct Plan {
    pub meta: Meta,
    pub year: i32,
    pub number: String,
    pub issued: Date,
    pub based_on: Vec<usize>,
    pub campaigns: Vec<usize>,
    pub six_month_due: Date,
    pub annual_due: Date,
    pub signer: String,
}

#[derive(Debug)]
pub struct Campaign {
    pub meta: Meta,
    pub launched: Written,
    pub ends: Option<Written>,
    pub lead_unit: usize,
    pub fields: Vec<usize>,
    pub based_on: Vec<usize>,
}

#[derive(Debug)]
pub struct Exemplar {
    pub meta: Meta,
    pub collective: bool,
    pub unit: usize,
    pub campaign: usize,
    pub recognized: Date,
    pub award: Bi,
    pub illustrative: bool,
}

/// A reporting period: the first half of a year, or the whole year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub year: i32,
    pub half: bool,
}

impl Period {
    pub fn code(self) -> String {
        if self.half {
            format!("{}-H1", self.year)
        } else {
            self.year.to_string()
        }
    }

    pub fn label(self) -> Bi {
        let y = self.year;
        if self.half {
            Bi::new(
                format!("6 tháng đầu năm {y}"),
                format!("the first half of {y}"),
            )
        } else {
            Bi::new(format!("năm {y}"), format!("the year {y}"))
        }
    }
}

#[derive(Debug)]
pub struct Report {
    pub meta: Meta,
    pub period: Period,
    pub submitted: Option<Date>,
    pub results: Vec<ResultRow>,
    pub illustrative: bool,
}

#[derive(Debug)]
pub struct ResultRow {
    pub campaign: usize,
    pub indicator: Bi,
    /// Tenths, so numbers print exactly: 965 is 96.5.
    pub target: i64,
    pub actual: i64,
    pub unit: Bi,
}

#[derive(Debug)]
pub struct Page {
    pub meta: Meta,
    pub menu: Option<u32>,
}

#[derive(Debug)]
pub struct Document {
    pub id: String,
    /// Index into `words::DOC_KINDS`.
    pub kind: usize,
    pub number: String,
    pub issuer: Bi,
    pub issued: Written,
    pub effective: Option<Written>,
    pub summary: Bi,
    pub file: Option<String>,
}

#[derive(Debug)]
pub struct Unit {
    pub id: String,
    pub name: Bi,
}

#[derive(Debug)]
pub struct Event {
    pub id: String,
    pub date: Written,
    pub title: Bi,
    pub link: Option<Ref>,
}

#[derive(Debug, Default)]
pub struct Corpus {
    pub units: Vec<Unit>,
    pub fields: Vec<Bi>,
    pub documents: Vec<Document>,
    pub plans: Vec<Plan>,
    pub campaigns: Vec<Campaign>,
    pub exemplars: Vec<Exemplar>,
    pub reports: Vec<Report>,
    pub pages: Vec<Page>,
    pub events: Vec<Event>,
}

impl Corpus {
    /// The markdown metadata of a referenced item; `None` for documents, which are data.
    pub fn meta(&self, r: Ref) -> Option<&Meta> {
        Some(match r.kind {
            Kind::Plan => &self.plans[r.index].meta,
            Kind::Campaign => &self.campaigns[r.index].meta,
            Kind::Exemplar => &self.exemplars[r.index].meta,
            Kind::Report => &self.reports[r.index].meta,
            Kind::Page => &self.pages[r.index].meta,
            Kind::Document => return None,
        })
    }

    /// The text a link to `r` shows: the item's title, or a document's kind and number.
    pub fn link_text(&self, r: Ref, lang: Lang) -> String {
        match self.meta(r) {
            Some(m) => m.title.get(lang).to_string(),
            None => {
                let d = &self.documents[r.index];
                let (_, vi, en, _) = crate::words::DOC_KINDS[d.kind];
                match lang {
                    Lang::Vi => format!("{vi} số {}", d.number),
                    Lang::En => format!("{en} No. {}", d.number),
                }
            }
        }
    }

    /// How many items of a kind there are, to pick link targets from.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Plan => self.plans.len(),
            Kind::Campaign => self.campaigns.len(),
            Kind::Exemplar => self.exemplars.len(),
            Kind::Report => self.reports.len(),
            Kind::Page => self.pages.len(),
            Kind::Document => self.documents.len(),
        }
    }
}
