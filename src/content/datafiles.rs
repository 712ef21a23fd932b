//! Data files: content/data/documents.yaml, units.yaml, events.yaml and indicators.yaml,
//! each a list of entries with an id and their text once per language.

use super::frontmatter::{
    Direction, DocumentFm, EventFm, IndicatorFm, Localized, UnitFm, UnitText,
};
use super::load::{DataFile, Loaded};
use super::locate::DataIndex;
use super::model::{Indicator, Target, DOC_KINDS};
use crate::amount::Amount;
use crate::error::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::i18n;
use crate::yaml::Source;
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;

/// The data files a site may have.
pub const NAMES: [&str; 5] = ["documents", "units", "events", "indicators", "holidays"];

/// Every data file's entries. A file that does not parse is reported once, and its ids
/// are then unknown (`None`), so references into it are not checked: one typo does not
/// turn into an "unknown id" error in every file.
pub struct Data<'a> {
    pub documents: Vec<DocumentFm>,
    pub units: Vec<UnitFm>,
    pub events: Vec<EventFm>,
    pub indicators: Vec<Indicator>,
    /// Working days: the built-in holidays, with the site's years over them.
    pub calendar: crate::workdays::Calendar,
    pub document_ids: Option<BTreeSet<String>>,
    pub unit_ids: Option<BTreeSet<String>>,
    pub indicator_ids: Option<BTreeSet<String>>,
    /// Id → position in `indicators`: every result of every report looks its indicator up.
    indicator_at: std::collections::BTreeMap<String, usize>,
    files: Vec<&'a DataFile>,
    /// Each data file indexed once, by name: a file with many problems is not read once
    /// per problem.
    indexes: std::collections::BTreeMap<String, DataIndex<'a>>,
}

impl Data<'static> {
    /// Only indicators and working days: what one item's facts are read with when the
    /// preview reads that item again (`content::patch`), the data files being unchanged.
    pub fn of_indicators(
        indicators: Vec<Indicator>,
        calendar: crate::workdays::Calendar,
    ) -> Data<'static> {
        Data {
            indicator_ids: Some(indicators.iter().map(|i| i.id.clone()).collect()),
            indicator_at: (indicators.iter().enumerate())
                .map(|(at, i)| (i.id.clone(), at))
                .collect(),
            indicators,
            calendar,
            documents: Vec::new(),
            units: Vec::new(),
            events: Vec::new(),
            document_ids: None,
            unit_ids: None,
            files: Vec::new(),
            indexes: Default::default(),
        }
    }
}

impl<'a> Data<'a> {
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicator_at.get(id).map(|&i| &self.indicators[i])
    }

    pub fn file(&self, name: &str) -> Option<&'a DataFile> {
        self.files.iter().copied().find(|d| d.name == name)
    }

    /// The index of a data file, for pointing at its lines.
    pub fn index(&self, name: &str) -> Option<&DataIndex<'a>> {
        self.indexes.get(name)
    }
}

/// Reads and checks every data file.
pub fn read<'a>(loaded: &'a Loaded, langs: &[String], diags: &mut Diagnostics) -> Data<'a> {
    let files: Vec<&DataFile> = loaded.data.iter().collect();
    let file = |name: &str| files.iter().copied().find(|d| d.name == name);
    let indexes: std::collections::BTreeMap<String, DataIndex> = files
        .iter()
        .map(|f| (f.name.clone(), DataIndex::new(f)))
        .collect();
    let ix = |name: &str| indexes.get(name);
    for d in &files {
        if !NAMES.contains(&d.name.as_str()) {
            diags.push(
                Diagnostic::warning(Code::UnknownDataFile, &d.path, "ignored: unknown data file")
                    .hint(
                    "data files are documents.yaml, units.yaml, events.yaml and indicators.yaml",
                ),
            );
        }
    }
    let documents: Option<Vec<DocumentFm>> =
        file("documents").map_or(Some(Vec::new()), |d| parse_list(d, diags));
    let units: Option<Vec<UnitFm>> =
        file("units").map_or(Some(Vec::new()), |d| parse_list(d, diags));
    let events: Option<Vec<EventFm>> =
        file("events").map_or(Some(Vec::new()), |d| parse_list(d, diags));
    let indicators: Option<Vec<IndicatorFm>> =
        file("indicators").map_or(Some(Vec::new()), |d| parse_list(d, diags));
    let holidays: Vec<crate::workdays::HolidayYear> = file("holidays")
        .and_then(|d| parse_list(d, diags))
        .unwrap_or_default();
    let calendar = crate::workdays::Calendar::new(
        crate::workdays::Calendar::built_in()
            .into_iter()
            .chain(holidays),
    );

    let ids = |name: &str, list: Option<Vec<&str>>, diags: &mut Diagnostics| {
        list.map(|ids| owned(unique_ids(ids.into_iter(), ix(name), diags)))
    };
    let document_ids = ids(
        "documents",
        documents
            .as_ref()
            .map(|l| l.iter().map(|d| d.id.as_str()).collect()),
        diags,
    );
    let unit_ids = ids(
        "units",
        units
            .as_ref()
            .map(|l| l.iter().map(|u| u.id.as_str()).collect()),
        diags,
    );
    ids(
        "events",
        events
            .as_ref()
            .map(|l| l.iter().map(|e| e.id.as_str()).collect()),
        diags,
    );
    let indicator_ids = ids(
        "indicators",
        indicators
            .as_ref()
            .map(|l| l.iter().map(|i| i.id.as_str()).collect()),
        diags,
    );

    for d in documents.iter().flatten() {
        let f = ix("documents").expect("items imply the file exists");
        if !DOC_KINDS.contains(&d.kind.as_str()) {
            let hint = match did_you_mean(&d.kind, DOC_KINDS) {
                Some(s) => format!("did you mean \"{s}\"? Kinds: {}", DOC_KINDS.join(", ")),
                None => format!("use one of: {}", DOC_KINDS.join(", ")),
            };
            let e = Diagnostic::error(
                Code::UnknownDocumentKind,
                f.path(),
                format!("unknown document kind \"{}\"", d.kind),
            )
            .hint(hint);
            diags.push(f.at(e, f.in_item(&d.id, "kind", &d.kind)));
        }
        check_localized(&d.issuer, "issuer", &d.id, f, langs, diags);
        check_localized(&d.summary, "summary", &d.id, f, langs, diags);
        for a in &d.attachments {
            if let Some(t) = &a.title {
                check_localized(t, "title", &d.id, f, langs, diags);
            }
        }
    }
    for u in units.iter().flatten() {
        let f = ix("units").expect("items imply the file exists");
        check_localized(&u.name, "name", &u.id, f, langs, diags);
    }
    for e in events.iter().flatten() {
        let f = ix("events").expect("items imply the file exists");
        check_localized(&e.title, "title", &e.id, f, langs, diags);
    }
    let indicators: Vec<Indicator> = indicators
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| {
            let f = ix("indicators").expect("items imply the file exists");
            indicator(i, f, langs, diags)
        })
        .collect();

    let mut indicator_at = std::collections::BTreeMap::new();
    for (i, ind) in indicators.iter().enumerate() {
        indicator_at.entry(ind.id.clone()).or_insert(i);
    }
    Data {
        indexes,
        calendar,
        indicator_at,
        documents: documents.unwrap_or_default(),
        units: units.unwrap_or_default(),
        events: events.unwrap_or_default(),
        indicators,
        document_ids,
        unit_ids,
        indicator_ids,
        files,
    }
}

fn owned(ids: BTreeSet<&str>) -> BTreeSet<String> {
    ids.into_iter().map(String::from).collect()
}

/// The target written by `target`, `target_min` and `target_max`, checked against the
/// direction. `Ok(None)`: none written. `Err((key, message, hint))` names the key to point at.
pub fn target_of(
    direction: Direction,
    target: Option<Amount>,
    min: Option<Amount>,
    max: Option<Amount>,
) -> Result<Option<Target>, (&'static str, String, String)> {
    match (direction, target, min, max) {
        (Direction::Range, None, Some(lo), Some(hi)) if lo <= hi => Ok(Some(Target::Range(lo, hi))),
        (Direction::Range, None, Some(lo), Some(hi)) => Err((
            "target_min",
            format!("target_min ({lo}) is above target_max ({hi})"),
            "write the lower value as target_min and the higher as target_max".into(),
        )),
        (Direction::Range, None, None, None) => Ok(None),
        (Direction::Range, Some(_), _, _) => Err((
            "target",
            "an indicator with direction: range takes target_min and target_max, not target".into(),
            "write the lowest value that meets it as target_min: and the highest as target_max:".into(),
        )),
        (Direction::Range, None, _, _) => Err((
            if min.is_none() { "target_max" } else { "target_min" },
            "a range needs both target_min and target_max".into(),
            "add the missing end of the range".into(),
        )),
        (_, t, None, None) => Ok(t.map(Target::Value)),
        (d, _, _, _) => Err((
            if min.is_some() { "target_min" } else { "target_max" },
            format!(
                "target_min and target_max are for indicators with direction: range; this one is {}",
                d.code()
            ),
            "write one target: value, or set direction: range on the indicator in content/data/indicators.yaml".into(),
        )),
    }
}

fn indicator(
    i: IndicatorFm,
    f: &DataIndex,
    langs: &[String],
    diags: &mut Diagnostics,
) -> Option<Indicator> {
    check_localized(&i.name, "name", &i.id, f, langs, diags);
    if let UnitText::PerLanguage(m) = &i.unit {
        check_localized(m, "unit", &i.id, f, langs, diags);
    }
    let target = match target_of(i.direction, i.target, i.target_min, i.target_max) {
        Ok(t) => t,
        Err((key, message, hint)) => {
            let d = Diagnostic::error(
                Code::BadTarget,
                f.path(),
                format!("\"{}\": {message}", i.id),
            )
            .hint(hint);
            diags.push(f.at(d, f.in_item(&i.id, key, key)));
            return None;
        }
    };
    Some(Indicator {
        id: i.id,
        campaign: i.campaign,
        name: i.name,
        unit: i.unit,
        direction: i.direction,
        decimals: i.decimals,
        baseline: i.baseline,
        baseline_period: i.baseline_period,
        target,
    })
}

fn parse_list<T: DeserializeOwned>(f: &DataFile, diags: &mut Diagnostics) -> Option<Vec<T>> {
    let src = Source {
        path: &f.path,
        file_text: &f.text,
        yaml: &f.text,
        first_line: 1,
    };
    match src.parse_strict::<Option<Vec<T>>>() {
        Ok(v) => Some(v.unwrap_or_default()),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// Longest address part (slug or id): it is a folder name, and file systems stop at 255
/// bytes.
pub const MAX_SLUG: usize = 200;

fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    file: Option<&DataIndex>,
    diags: &mut Diagnostics,
) -> BTreeSet<&'a str> {
    let mut seen: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for id in ids {
        let times = seen.entry(id).or_default();
        *times += 1;
        let f = || file.expect("ids come from the file");
        if *times > 1 {
            // The n-th time an id is written is the (n-1)-th duplicate.
            let span = f().id_span(id, *times);
            let d = Diagnostic::error(
                Code::DuplicateId,
                f().path(),
                format!("duplicate id \"{id}\""),
            )
            .hint("each entry needs its own id; rename one of them");
            diags.push(f().at(d, span));
        } else if i18n::slugify(id) != id {
            let d = Diagnostic::error(
                Code::BadId,
                f().path(),
                format!("id \"{id}\" must be lowercase letters, digits and dashes"),
            )
            .hint(format!("write it as \"{}\"", i18n::slugify(id)));
            diags.push(f().at(d, f().id_span(id, 1)));
        } else if id.len() > MAX_SLUG {
            let d = Diagnostic::error(
                Code::AddressTooLong,
                f().path(),
                format!(
                    "id \"{}…\" is {} characters long; at most {MAX_SLUG} fit in an address",
                    &id[..40],
                    id.len()
                ),
            )
            .hint("use a shorter id");
            diags.push(f().at(d, f().id_span(id, 1)));
        }
    }
    seen.into_keys().collect()
}

pub fn check_localized(
    map: &Localized,
    key: &str,
    id: &str,
    f: &DataIndex,
    langs: &[String],
    diags: &mut Diagnostics,
) {
    for l in langs {
        if map.get(l).is_none_or(|s| s.trim().is_empty()) {
            let d = Diagnostic::error(
                Code::MissingLanguageText,
                f.path(),
                format!("\"{id}\": {key} has no \"{l}\" text"),
            )
            .hint(format!(
                "write it as `{key}: {{ {} }}`",
                langs
                    .iter()
                    .map(|l| format!("{l}: \"…\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            diags.push(f.at(d, f.in_item(id, key, key)));
        }
    }
    for l in map.keys() {
        if !langs.contains(l) {
            let d = Diagnostic::error(
                Code::UnknownLanguageText,
                f.path(),
                format!(
                    "\"{id}\": {key} has text for \"{l}\", which is not a language of the site"
                ),
            )
            .hint(format!("languages are: {}", langs.join(", ")));
            diags.push(f.at(d, f.in_item(id, key, key)));
        }
    }
}
