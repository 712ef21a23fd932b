//! Which column of a table is which, and what a cell says: an indicator named by its id or
//! its name (any language, case or spelling), a figure typed the way spreadsheets show it.

use super::results::Mapping;
use super::table::Table;
use crate::amount::Amount;
use crate::content::frontmatter::IndicatorFm;
use crate::error::did_you_mean;
use crate::i18n::fold;

/// Folded to compare: lowercase, no diacritics, punctuation as spaces, one space between
/// words, a leading list number (`1.`, `a)`, `II.`) left out.
pub(super) fn key(s: &str) -> String {
    let t = s.trim().trim_start_matches(['-', '•', '+', '*', ' ']);
    let t = match t.split_once(' ') {
        Some((first, rest))
            if first.len() <= 5
                && first.ends_with(['.', ')'])
                && first[..first.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.') =>
        {
            rest
        }
        _ => t,
    };
    fold(t)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The indicator a cell names: its id or its name in any language, with or without
/// diacritics, in any case. `Err` holds a suggestion when one is close.
pub(super) fn resolve<'a>(
    cell: &str,
    indicators: &'a [IndicatorFm],
) -> Result<&'a IndicatorFm, Option<&'a IndicatorFm>> {
    if let Some(i) = indicators.iter().find(|i| i.id == cell) {
        return Ok(i);
    }
    let k = key(cell);
    if let Some(i) = indicators
        .iter()
        .find(|i| key(&i.id) == k || i.name.values().any(|n| key(n) == k))
    {
        return Ok(i);
    }
    let mut names: Vec<(String, &IndicatorFm)> = Vec::new();
    for i in indicators {
        names.push((key(&i.id), i));
        for n in i.name.values() {
            names.push((key(n), i));
        }
    }
    let best = did_you_mean(&k, names.iter().map(|(n, _)| n.as_str()));
    Err(best.and_then(|b| names.iter().find(|(n, _)| n == b).map(|(_, i)| *i)))
}

/// Header words for each column, folded. Whole-header matches win over words inside a
/// header, so "Chỉ tiêu kế hoạch" is a target and "Chỉ tiêu" the indicator.
const NOTE: &[&str] = &[
    "ghi chu", "note", "notes", "remark", "remarks", "comment", "comments",
];
const TARGET: &[&str] = &[
    "ke hoach",
    "target",
    "muc tieu",
    "chi tieu ke hoach",
    "kh",
    "plan",
    "planned",
    "goal",
];
const ACTUAL: &[&str] = &[
    "thuc hien",
    "ket qua",
    "actual",
    "dat duoc",
    "ket qua thuc hien",
    "th",
    "result",
    "results",
    "achieved",
    "so thuc hien",
];
const INDICATOR: &[&str] = &[
    "chi tieu",
    "indicator",
    "ten chi tieu",
    "ma chi tieu",
    "noi dung",
    "id",
    "ma",
    "name",
    "indicators",
    "ten",
    "noi dung chi tieu",
];

/// The mapping the table's headers suggest; columns no header names are found by their
/// cells (the one that names indicators, the numbers after it).
pub fn guess(table: &Table, indicators: &[IndicatorFm]) -> Mapping {
    let heads: Vec<String> = table.headers.iter().map(|h| key(h)).collect();
    let mut taken: Vec<usize> = Vec::new();
    let find = |words: &[&str], taken: &mut Vec<usize>| {
        let free = |i: &usize| !taken.contains(i);
        let exact = (0..heads.len())
            .filter(free)
            .find(|i| words.contains(&heads[*i].as_str()));
        let inside = || {
            (0..heads.len()).filter(free).find(|i| {
                let h = format!(" {} ", heads[*i]);
                words
                    .iter()
                    .any(|w| w.len() > 2 && h.contains(&format!(" {w} ")))
            })
        };
        let found = exact.or_else(inside);
        taken.extend(found);
        found
    };
    // Most specific first: "Ghi chú", then "Kế hoạch", "Thực hiện", then "Chỉ tiêu".
    let note = find(NOTE, &mut taken);
    let target = find(TARGET, &mut taken);
    let actual = find(ACTUAL, &mut taken);
    let indicator = find(INDICATOR, &mut taken);
    let named = [note, target, actual, indicator]
        .iter()
        .any(Option::is_some);
    let names_indicator = |cell: &str| !cell.trim().is_empty() && resolve(cell, indicators).is_ok();
    // Without a header row, the first row is a result: one of its cells names an indicator.
    let header = named || !table.headers.iter().any(|h| names_indicator(h));
    let mut rows: Vec<&[String]> = table.rows.iter().map(|r| r.cells.as_slice()).collect();
    if !header {
        rows.insert(0, &table.headers);
    }
    let width = rows
        .iter()
        .map(|r| r.len())
        .max()
        .unwrap_or(0)
        .max(table.headers.len());
    let column = |c: usize| rows.iter().map(move |r| r.get(c).map_or("", |s| s.trim()));
    let indicator = indicator.unwrap_or_else(|| {
        // The column that names the most indicators; else the first with words in it.
        let scores: Vec<usize> = (0..width)
            .map(|c| column(c).filter(|s| names_indicator(s)).count())
            .collect();
        match scores
            .iter()
            .enumerate()
            .max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)))
        {
            Some((i, s)) if *s > 0 => i,
            _ => (0..width)
                .find(|c| column(*c).any(|s| !s.is_empty() && Amount::parse(s).is_err()))
                .unwrap_or(0),
        }
    });
    let (mut target, mut actual, mut note) = (target, actual, note);
    if !named {
        // No header: numbers after the indicator are the target and the actual (or the
        // actual alone), words after them the note.
        let numeric = |c: usize| {
            let mut cells = column(c).filter(|s| !s.is_empty()).peekable();
            cells.peek().is_some() && cells.all(|s| figure(s).is_ok())
        };
        let after: Vec<usize> = (indicator + 1..width).collect();
        let numbers: Vec<usize> = after
            .iter()
            .copied()
            .filter(|c| numeric(*c))
            .take(2)
            .collect();
        match numbers.as_slice() {
            [a] => actual = Some(*a),
            [t, a] => (target, actual) = (Some(*t), Some(*a)),
            _ => {}
        }
        let last = numbers.last().copied().unwrap_or(indicator);
        note = after
            .into_iter()
            .find(|c| *c > last && column(*c).any(|s| !s.is_empty()));
    }
    Mapping {
        indicator,
        target,
        actual,
        note,
        header,
    }
}

impl Mapping {
    /// `indicator=2,target=C,actual=4`: columns counted from 1 as a spreadsheet shows them
    /// (or by letter), over `self`; `note=` or `target=-` leaves a column out.
    pub fn with_overrides(mut self, text: &str) -> Result<Mapping, String> {
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, col) = part
                .split_once('=')
                .ok_or_else(|| format!("\"{part}\": write name=column, e.g. actual=3"))?;
            let col = col.trim();
            let index = if col.is_empty() || col == "-" {
                None
            } else if let Ok(n) = col.parse::<usize>() {
                Some(n.checked_sub(1).ok_or("columns are counted from 1")?)
            } else if col.len() <= 2 && col.chars().all(|c| c.is_ascii_alphabetic()) {
                Some(
                    col.to_ascii_uppercase()
                        .bytes()
                        .fold(0, |n, b| n * 26 + usize::from(b - b'A') + 1)
                        - 1,
                )
            } else {
                return Err(format!(
                    "\"{col}\" is not a column: write its number (1, 2, …) or letter (A, B, …)"
                ));
            };
            match name.trim() {
                "indicator" => {
                    self.indicator = index.ok_or("the indicator column cannot be left out")?
                }
                "target" => self.target = index,
                "actual" => self.actual = index,
                "note" => self.note = index,
                "header" => self.header = col != "no" && col != "0",
                other => {
                    return Err(format!(
                        "unknown column name \"{other}\": use indicator, target, actual or note"
                    ))
                }
            }
        }
        Ok(self)
    }
}

/// A figure from a cell: `97,5`, `1.500.000`, `97,5%`. `Ok(None)` for an empty cell.
pub(super) fn figure(cell: &str) -> Result<Option<(Amount, bool)>, (String, String)> {
    let s = cell.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let (number, percent) = match s.strip_suffix('%') {
        Some(n) => (n.trim_end(), true),
        None => (s, false),
    };
    match Amount::parse(number) {
        Ok(a) => Ok(Some((a, percent))),
        Err(en) => {
            let vi = match en.split_once("can be read two ways: ") {
                Some((_, rest)) => {
                    let readings = rest.split(';').next().unwrap_or(rest);
                    let (a, b) = readings.split_once(" or ").unwrap_or((readings, ""));
                    format!("“{s}” đọc được hai cách: {a} hoặc {b}; viết {a} (không có dấu phân cách) hoặc {b} để chỉ có một cách đọc")
                }
                None => format!(
                    "“{s}” không phải là số: viết chữ số, dấu phẩy hoặc dấu chấm cho phần thập phân, dấu chấm hoặc khoảng trắng giữa các nhóm nghìn, ví dụ 97,5 hoặc 1.500.000"
                ),
            };
            let en = if en.contains("two ways") {
                en
            } else {
                format!("{en}: {}", crate::amount::NUMBER_HELP)
            };
            Err((vi, en))
        }
    }
}
