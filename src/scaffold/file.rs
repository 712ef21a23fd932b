//! Scaffolding, one file: a new content file filled in from its kind's template
//! (`templates`), in one language, with the ids the site already has.
//!
//! Placeholders in braces are filled in in one pass, so a title with braces stays as it is:
//! `{title}` (quoted), `{stem}`, `{today}`, `{year}`, `{last_year}`, `{period}` (today's
//! half year, or year), `{deadline}` (three weeks from today), `{unit}`, `{campaign}`,
//! `{document}`, `{indicator}` (the first id the site has, quoted; while it has none, the
//! placeholder of `missing:` in common.yaml) and `{facts}` (the file a translation takes its
//! facts from). Explanations are re-wrapped into `# ` comment lines of about 90 characters.

use super::templates::{self, FieldSpec, Ids};
use super::Lang;
use crate::content::frontmatter::{DocumentFm, IndicatorFm, UnitFm};
use crate::content::load::{self, Kind};
use crate::{i18n, yaml};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// Ids the site already has, for filling in and explaining reference fields.
#[derive(Default)]
pub(super) struct Known {
    /// In the order of units.yaml.
    pub units: Vec<String>,
    /// Sorted.
    pub campaigns: Vec<String>,
    /// In the order of documents.yaml.
    pub documents: Vec<String>,
    /// In the order of indicators.yaml.
    pub indicators: Vec<String>,
}

impl Known {
    /// Reads what parses; a broken data file just offers no ids (`check` reports it).
    pub(super) fn from(loaded: &load::Loaded) -> Known {
        fn ids<T: serde::de::DeserializeOwned>(
            loaded: &load::Loaded,
            name: &str,
            id: fn(&T) -> &str,
        ) -> Vec<String> {
            let Some(f) = loaded.data.iter().find(|d| d.name == name) else {
                return Vec::new();
            };
            let src = yaml::Source {
                path: &f.path,
                file_text: &f.text,
                yaml: &f.text,
                first_line: 1,
            };
            let items: Vec<T> = src
                .parse::<Option<Vec<T>>>()
                .ok()
                .flatten()
                .unwrap_or_default();
            let mut seen = BTreeSet::new();
            items
                .iter()
                .map(|i| id(i).to_string())
                .filter(|i| seen.insert(i.clone()))
                .collect()
        }
        let campaigns: BTreeSet<String> = loaded
            .files
            .iter()
            .filter(|f| f.kind == Kind::Campaign)
            .map(|f| i18n::slugify(&f.stem))
            .filter(|id| !id.is_empty())
            .collect();
        Known {
            units: ids::<UnitFm>(loaded, "units", |u| &u.id),
            campaigns: campaigns.into_iter().collect(),
            documents: ids::<DocumentFm>(loaded, "documents", |d| &d.id),
            indicators: ids::<IndicatorFm>(loaded, "indicators", |i| &i.id),
        }
    }

    fn list(&self, ids: Ids) -> &[String] {
        match ids {
            Ids::Units => &self.units,
            Ids::Campaigns => &self.campaigns,
            Ids::Documents => &self.documents,
            Ids::Indicators => &self.indicators,
        }
    }
}

/// The keys a translation gives: its text, and whether and where it is published.
const TEXT_KEYS: [&str; 9] = [
    "title",
    "summary",
    "fields",
    "award",
    "photo_alt",
    "recipient",
    "menu",
    "draft",
    "slug",
];

/// A new content file to write.
pub(super) struct Item<'a> {
    pub kind: Kind,
    pub lang: Lang,
    pub title: &'a str,
    pub stem: &'a str,
    pub today: NaiveDate,
    pub known: &'a Known,
    /// Created together with its translation from one title.
    pub paired: bool,
    /// Relative path of the kind's schema for the editor modeline, if the site has it.
    pub schema: Option<String>,
    /// For a translation: the first language's file, which holds the facts.
    pub facts_in: Option<String>,
}

impl Item<'_> {
    pub(super) fn render(&self) -> String {
        let (t, l) = (templates::get(), self.lang);
        let vars = self.vars();
        let mut out = String::from("---\n");
        if let Some(s) = &self.schema {
            out.push_str(&format!("# yaml-language-server: $schema={s}\n"));
        }
        let intro = format!("{}. {}", t.of(self.kind).name.get(l), t.common.intro.get(l));
        comment(&intro, &mut out);
        if self.facts_in.is_some() {
            out.push('\n');
            comment(&fill(t.common.translation.get(l), &vars), &mut out);
        }
        for f in t.fields(self.kind) {
            // A translation gives text only.
            if self.facts_in.is_some() && !TEXT_KEYS.contains(&f.key.as_str()) {
                continue;
            }
            out.push('\n');
            self.field(f, &vars, &mut out);
        }
        out.push_str("---\n\n");
        out.push_str(t.common.body.get(l));
        out.push('\n');
        out
    }

    /// The values of the placeholders.
    fn vars(&self) -> Vec<(&'static str, String)> {
        let (t, l) = (templates::get(), self.lang);
        let first = |ids: Ids| {
            let id = self.known.list(ids).first();
            yaml::quote(id.map_or(t.missing(ids).value.get(l), String::as_str))
        };
        let year = self.today.year();
        let period = if self.today.month() <= 6 {
            format!("{year}-H1")
        } else {
            year.to_string()
        };
        let deadline = self.today + chrono::Days::new(21);
        vec![
            ("title", yaml::quote(self.title)),
            ("stem", self.stem.to_string()),
            ("today", self.today.format("%Y-%m-%d").to_string()),
            ("year", year.to_string()),
            ("last_year", (year - 1).to_string()),
            ("period", period),
            ("deadline", deadline.format("%Y-%m-%d").to_string()),
            ("unit", first(Ids::Units)),
            ("campaign", first(Ids::Campaigns)),
            ("document", first(Ids::Documents)),
            ("indicator", first(Ids::Indicators)),
            ("facts", self.facts_in.clone().unwrap_or_default()),
        ]
    }

    /// One field: its explanation as comment lines, then `key: value` (commented out if
    /// optional).
    fn field(&self, f: &FieldSpec, vars: &[(&str, String)], out: &mut String) {
        let (t, l) = (templates::get(), self.lang);
        let mut help = fill(f.help.get(l), vars);
        let more = t.common.paired_title.get(l);
        if f.key == "title" && self.paired && !more.is_empty() {
            help.push(' ');
            help.push_str(more);
        }
        if let Some(ids) = f.ids {
            match self.known.list(ids) {
                [] => help = format!("{help} {}", t.missing(ids).help.get(l)),
                list => help = format!("{help} {} {}.", t.common.ids.get(l), list.join(", ")),
            }
        }
        comment(&help, out);
        let value = fill(f.value.get(l), vars);
        let mut lines = Vec::new();
        if value.contains('\n') {
            lines.push(format!("{}:", f.key));
            lines.extend(value.lines().map(|v| format!("  {v}")));
        } else {
            lines.push(format!("{}: {value}", f.key));
        }
        for line in lines {
            if f.optional {
                out.push_str("# ");
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
}

/// `template` with each `{name}` of `vars` replaced by its value, in one pass: a value is
/// never read for placeholders, and other braces stay as they are.
fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let var = after.find('}').and_then(|close| {
            let name = &after[..close];
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (close, v))
        });
        match var {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Writes `text` as `# ` comment lines of at most about 90 characters. A command
/// (`minhbach serve --drafts`) and a quoted `"# name"` are kept on one line.
fn comment(text: &str, out: &mut String) {
    let mut words: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        match words.last_mut() {
            Some(last) if last.ends_with("minhbach") || last == "\"#" || w.starts_with("--") => {
                last.push(' ');
                last.push_str(w);
            }
            _ => words.push(w.to_string()),
        }
    }
    let mut line = String::from("#");
    for word in words {
        if line.chars().count() + 1 + word.chars().count() > 90 && line != "#" {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(&word);
    }
    if line != "#" {
        out.push_str(&line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: Kind, lang: Lang, known: &Known) -> String {
        Item {
            kind,
            lang,
            title: "Báo cáo: \"6 tháng\" # đầu năm {year}",
            stem: "bao-cao-6-thang-dau-nam",
            today: NaiveDate::from_ymd_opt(2024, 3, 5).expect("date"),
            known,
            paired: false,
            schema: None,
            facts_in: None,
        }
        .render()
    }

    fn known() -> Known {
        Known {
            units: vec!["van-phong".into(), "thanh-tra".into()],
            campaigns: vec!["an-toan".into()],
            documents: vec![],
            indicators: vec!["ty-le-dang-ky".into()],
        }
    }

    #[test]
    fn every_placeholder_is_filled() {
        for lang in [Lang::Vi, Lang::En] {
            for kind in templates::KINDS {
                for known in [known(), Known::default()] {
                    let text = item(kind, lang, &known);
                    let left = text.replace("đầu năm {year}", "");
                    assert!(!left.contains('{') && !left.contains('}'), "{text}");
                }
            }
        }
    }

    #[test]
    fn fill_replaces_known_names_once_and_keeps_other_braces() {
        let vars = [("a", "{b}".to_string()), ("b", "x".to_string())];
        assert_eq!(fill("{a} {b} {c} { {b", &vars), "{b} x {c} { {b");
    }

    #[test]
    fn comments_wrap_at_word_boundaries_and_keep_commands_whole() {
        let mut out = String::new();
        comment(&"từ ".repeat(60), &mut out);
        assert!(out.lines().count() > 1);
        assert!(out
            .lines()
            .all(|l| l.starts_with("# ") && l.chars().count() <= 90));
        let mut out = String::new();
        comment(
            &format!(
                "{} preview with minhbach serve --drafts.",
                "word ".repeat(15)
            ),
            &mut out,
        );
        assert!(out.contains("# minhbach serve --drafts."), "{out}");
    }

    #[test]
    fn every_kind_parses_as_its_front_matter() {
        use crate::content::frontmatter::{CampaignFm, ExemplarFm, PageFm, ReportFm};
        let k = known();
        for lang in [Lang::Vi, Lang::En] {
            for kind in [Kind::Campaign, Kind::Exemplar, Kind::Report, Kind::Page] {
                let text = item(kind, lang, &k);
                let (yaml, first_line, _, _) = load::split(&text).expect("front matter");
                let src = yaml::Source {
                    path: "x.md",
                    file_text: &text,
                    yaml: &text[yaml],
                    first_line,
                };
                let ok = match kind {
                    Kind::Campaign => src.parse::<CampaignFm>().map(|f| f.draft),
                    Kind::Exemplar => src.parse::<ExemplarFm>().map(|f| f.draft),
                    Kind::Report => src.parse::<ReportFm>().map(|f| f.draft),
                    _ => src.parse::<PageFm>().map(|f| f.draft),
                };
                assert_eq!(ok, Ok(true), "{kind:?} {lang:?}:\n{text}");
            }
        }
    }

    #[test]
    fn first_ids_fill_references_and_all_are_listed() {
        let text = item(Kind::Exemplar, Lang::Vi, &known());
        assert!(text.contains("\nunit: \"van-phong\"\n"), "{text}");
        assert!(
            text.replace("\n# ", " ")
                .contains("Các mã hiện có: van-phong, thanh-tra."),
            "{text}"
        );
        assert!(text.contains("\ncampaign: \"an-toan\"\n"), "{text}");
        assert!(text.contains("\nrecognized: 2024-03-05\n"), "{text}");
        assert!(
            text.contains("\n# photo: /anh/bao-cao-6-thang-dau-nam.jpg\n"),
            "{text}"
        );
        let text = item(Kind::Report, Lang::En, &known());
        assert!(text.contains("\nperiod: \"2024-H1\"\n"), "{text}");
        assert!(
            text.contains("\n# results:\n#   - indicator: \"ty-le-dang-ky\"\n#     actual: 90\n"),
            "{text}"
        );
    }

    #[test]
    fn missing_references_are_empty_and_explained() {
        let text = item(Kind::Exemplar, Lang::En, &Known::default());
        assert!(text.contains("\nunit: \"\"\n"), "{text}");
        assert!(text.contains("\ncampaign: \"\"\n"), "{text}");
        let prose = text.replace("\n# ", " ");
        assert!(prose.contains("THERE ARE NO UNITS YET"), "{text}");
        assert!(prose.contains("THERE ARE NO CAMPAIGNS YET"), "{text}");
    }
}
