//! Scaffolding, the templates: what the files made by `new` and `init` say, as data in
//! `themes/default/scaffold/` (compiled in), parsed once into the types below.
//!
//! A kind's template (`campaign.yaml`, …) lists the fields in order: the key, the value,
//! the explanation written as a comment above it, whether it is optional (then the field
//! itself is a comment too), and which ids a reference takes. `common.yaml` holds what every
//! file says and the fields several kinds share (`- use: draft`). `file` fills them in.

use super::Lang;
use crate::content::load::Kind;
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The templates as compiled in: (file name, text).
const TEMPLATES: [(&str, &str); 7] = [
    (
        "common",
        include_str!("../../themes/default/scaffold/common.yaml"),
    ),
    (
        "campaign",
        include_str!("../../themes/default/scaffold/campaign.yaml"),
    ),
    (
        "exemplar",
        include_str!("../../themes/default/scaffold/exemplar.yaml"),
    ),
    (
        "report",
        include_str!("../../themes/default/scaffold/report.yaml"),
    ),
    (
        "page",
        include_str!("../../themes/default/scaffold/page.yaml"),
    ),
    (
        "nomination",
        include_str!("../../themes/default/scaffold/nomination.yaml"),
    ),
    (
        "plan",
        include_str!("../../themes/default/scaffold/plan.yaml"),
    ),
];

/// A text the same in every language, or one per language.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum Text {
    Each(PerLang),
    Both(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PerLang {
    vi: String,
    en: String,
}

impl Text {
    pub(super) fn get(&self, l: Lang) -> &str {
        match (self, l) {
            (Text::Both(s), _) => s,
            (Text::Each(t), Lang::Vi) => &t.vi,
            (Text::Each(t), Lang::En) => &t.en,
        }
    }
}

/// `common.yaml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Common {
    pub(super) intro: Text,
    pub(super) translation: Text,
    pub(super) paired_title: Text,
    pub(super) ids: Text,
    pub(super) missing: Missing,
    pub(super) body: Text,
    pub(super) sample_campaign: Text,
    pub(super) fields: BTreeMap<String, FieldSpec>,
}

/// What a reference holds, and says, while the site has no id of its kind.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Missing {
    pub(super) units: Placeholder,
    pub(super) campaigns: Placeholder,
    pub(super) documents: Placeholder,
    pub(super) indicators: Placeholder,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Placeholder {
    pub(super) value: Text,
    pub(super) help: Text,
}

/// `<kind>.yaml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Template {
    pub(super) name: Text,
    pub(super) fields: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum Entry {
    Use(Use),
    Own(FieldSpec),
}

/// `- use: NAME`: a field of `common.yaml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Use {
    #[serde(rename = "use")]
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FieldSpec {
    pub(super) key: String,
    #[serde(default)]
    pub(super) optional: bool,
    /// One line, or several: then written under `key:`, indented by two spaces.
    pub(super) value: Text,
    pub(super) help: Text,
    pub(super) ids: Option<Ids>,
}

/// The ids a reference field takes.
#[derive(Deserialize, Clone, Copy, Debug)]
#[serde(rename_all = "lowercase")]
pub(super) enum Ids {
    Units,
    Campaigns,
    Documents,
    Indicators,
}

pub(super) struct Templates {
    pub(super) common: Common,
    pub(super) kinds: BTreeMap<&'static str, Template>,
}

/// The templates, parsed once. They are part of the program, so a broken one is a bug of
/// the program (a unit test parses them all).
pub(super) fn get() -> &'static Templates {
    static PARSED: OnceLock<Templates> = OnceLock::new();
    PARSED.get_or_init(|| {
        let [(_, common), kinds @ ..] = TEMPLATES;
        Templates {
            common: parse("common", common),
            kinds: kinds.iter().map(|(n, text)| (*n, parse(n, text))).collect(),
        }
    })
}

fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
    yaml::from_builtin(text).unwrap_or_else(|e| {
        panic!("the compiled-in themes/default/scaffold/{name}.yaml is broken: {e}")
    })
}

impl Templates {
    pub(super) fn of(&self, kind: Kind) -> &Template {
        let name = match kind {
            Kind::Campaign => "campaign",
            Kind::Exemplar => "exemplar",
            Kind::Report => "report",
            Kind::Nomination => "nomination",
            Kind::Page => "page",
            Kind::Plan => "plan",
        };
        &self.kinds[name]
    }

    /// A kind's fields in order, `- use:` ones taken from `common.yaml`.
    pub(super) fn fields(&self, kind: Kind) -> impl Iterator<Item = &FieldSpec> {
        self.of(kind).fields.iter().map(|entry| match entry {
            Entry::Own(f) => f,
            Entry::Use(u) => self.common.fields.get(&u.name).unwrap_or_else(|| {
                panic!("scaffold templates: no field \"{}\" in common.yaml", u.name)
            }),
        })
    }

    pub(super) fn missing(&self, ids: Ids) -> &Placeholder {
        let m = &self.common.missing;
        match ids {
            Ids::Units => &m.units,
            Ids::Campaigns => &m.campaigns,
            Ids::Documents => &m.documents,
            Ids::Indicators => &m.indicators,
        }
    }
}

/// Every kind `new` scaffolds, for the tests that go through them all.
#[cfg(test)]
pub(super) const KINDS: [Kind; 6] = [
    Kind::Campaign,
    Kind::Exemplar,
    Kind::Report,
    Kind::Page,
    Kind::Nomination,
    Kind::Plan,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses_and_every_shared_field_exists() {
        let t = get();
        for kind in KINDS {
            let keys: Vec<&str> = t.fields(kind).map(|f| f.key.as_str()).collect();
            assert_eq!(keys.first(), Some(&"title"), "{kind:?}");
            assert!(keys.ends_with(&["draft", "slug"]), "{kind:?}: {keys:?}");
        }
    }
}
