//! The minhbach layout: `site.yaml`, `content/<kind>/<id>.<lang>.md` with minhbach's front
//! matter, and `content/data/*.yaml`; links in bodies become minhbach's URLs.

use crate::model::{Corpus, Kind, Lang, Meta, Ref};
use crate::text;
use crate::words;
use std::collections::BTreeMap;
use std::fmt::Write;

/// URL words per language, as in `site.yaml` below.
fn segment(kind: Kind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (Kind::Plan, Lang::Vi) => "ke-hoach",
        (Kind::Campaign, Lang::Vi) => "phong-trao",
        (Kind::Exemplar, Lang::Vi) => "guong-dien-hinh",
        (Kind::Report, Lang::Vi) => "bao-cao",
        (Kind::Document, Lang::Vi) => "van-ban",
        (Kind::Plan, Lang::En) => "plan",
        (Kind::Campaign, Lang::En) => "campaigns",
        (Kind::Exemplar, Lang::En) => "exemplars",
        (Kind::Report, Lang::En) => "reports",
        (Kind::Document, Lang::En) => "documents",
        (Kind::Page, _) => "",
    }
}

fn folder(kind: Kind) -> &'static str {
    match kind {
        Kind::Plan => "plan",
        Kind::Campaign => "campaigns",
        Kind::Exemplar => "exemplars",
        Kind::Report => "reports",
        Kind::Page => "pages",
        Kind::Document => "data",
    }
}

/// Vietnamese at the root, English under `/en/`.
fn lang_root(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/",
        Lang::En => "/en/",
    }
}

/// The site path of an item: `/phong-trao/<slug>/`, `/en/documents/#<id>`, `/<page slug>/`.
pub fn url(c: &Corpus, r: Ref, lang: Lang) -> String {
    let root = lang_root(lang);
    match (r.kind, c.meta(r)) {
        (Kind::Document, _) | (_, None) => format!(
            "{root}{}/#{}",
            segment(Kind::Document, lang),
            c.documents[r.index].id
        ),
        (Kind::Page, Some(m)) => format!("{root}{}/", m.slug.get(lang)),
        (kind, Some(m)) => format!("{root}{}/{}/", segment(kind, lang), m.slug.get(lang)),
    }
}

/// A YAML double-quoted string.
pub(crate) fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

pub(crate) fn list(ids: impl IntoIterator<Item = String>) -> String {
    format!("[{}]", ids.into_iter().collect::<Vec<_>>().join(", "))
}

/// Every file of the site, by path relative to the site folder.
pub fn files(c: &Corpus, seed: u64) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    out.insert("site.yaml".to_string(), site_yaml(seed));
    let kinds = [
        Kind::Plan,
        Kind::Campaign,
        Kind::Exemplar,
        Kind::Report,
        Kind::Page,
    ];
    for kind in kinds {
        for index in 0..c.count(kind) {
            let r = Ref { kind, index };
            let m = c.meta(r).expect("markdown kinds have metadata");
            for lang in Lang::ALL {
                let mut fm = front_matter(c, r, lang);
                if lang != Lang::Vi && m.slug.get(lang) != m.id {
                    writeln!(fm, "slug: {}", m.slug.get(lang)).expect("write to String");
                }
                let body = text::markdown(&m.body, lang, &|to| {
                    (c.link_text(to, lang), url(c, to, lang))
                });
                out.insert(
                    format!("content/{}/{}.{}.md", folder(kind), m.id, lang.code()),
                    format!("---\n{fm}---\n\n{body}"),
                );
            }
        }
    }
    out.insert("content/data/documents.yaml".into(), documents_yaml(c));
    out.insert("content/data/indicators.yaml".into(), indicators_yaml(c));
    out.insert("content/data/units.yaml".into(), units_yaml(c));
    out.insert(
        "content/data/events.yaml".into(),
        events_yaml(c, &|r| url(c, r, Lang::Vi)),
    );
    out
}

fn head(m: &Meta, lang: Lang) -> String {
    format!("title: {}\n", q(m.title.get(lang)))
}

fn front_matter(c: &Corpus, r: Ref, lang: Lang) -> String {
    let l = |b: &crate::model::Bi| q(b.get(lang));
    let vi = lang == Lang::Vi;
    let mut s = String::new();
    let w = &mut s;
    let ok = "write to String";
    match r.kind {
        Kind::Plan => {
            let p = &c.plans[r.index];
            w.push_str(&head(&p.meta, lang));
            // Facts are written once, in the Vietnamese file; the English one is text.
            if vi {
                writeln!(
                    w,
                    "doc_kind: ke-hoach\nnumber: {}\nsymbol: \"KH-STC\"",
                    q(&p.number)
                )
                .expect(ok);
                writeln!(w, "issued: {}", p.issued).expect(ok);
            }
            writeln!(w, "place: \"Tây Ninh\"").expect(ok);
            let (parent, name) = if vi {
                ("UBND tỉnh Tây Ninh", "Sở Tài chính")
            } else {
                (
                    "Tây Ninh Provincial People's Committee",
                    "Department of Finance",
                )
            };
            writeln!(w, "issuer: {{ parent: {}, name: {} }}", q(parent), q(name)).expect(ok);
            let recipient = words::REPORT_RECIPIENT;
            if vi {
                let docs = p.based_on.iter().map(|&d| c.documents[d].id.clone());
                writeln!(w, "based_on: {}", list(docs)).expect(ok);
                w.push_str("campaigns:\n");
                for &k in &p.campaigns {
                    writeln!(w, "  - {}", c.campaigns[k].meta.id).expect(ok);
                }
                writeln!(
                    w,
                    "reporting:\n  recipient: {}\n  schedule:\n    - {{ period: {}-H1, due: {} }}\n    - {{ period: {}, due: {} }}",
                    q(recipient.0),
                    p.year,
                    p.six_month_due,
                    p.year,
                    p.annual_due
                )
                .expect(ok);
            } else {
                writeln!(w, "reporting:\n  recipient: {}", q(recipient.1)).expect(ok);
            }
            let (title, for_title) = if vi {
                ("PHÓ GIÁM ĐỐC", "GIÁM ĐỐC")
            } else {
                ("DEPUTY DIRECTOR", "DIRECTOR")
            };
            writeln!(
                w,
                "signer:\n  name: {}\n  title: {}\n  on_behalf: \"KT.\"\n  for_title: {}",
                q(&p.signer),
                q(title),
                q(for_title)
            )
            .expect(ok);
            let recipients: [&str; 3] = if vi {
                ["UBND tỉnh (b/c)", "Các phòng thuộc Sở", "Lưu: VT"]
            } else {
                [
                    "Provincial People's Committee (to report)",
                    "Divisions of the Department",
                    "Archive: VT",
                ]
            };
            w.push_str("recipients:\n");
            for x in recipients {
                writeln!(w, "  - {}", q(x)).expect(ok);
            }
            writeln!(w, "summary: {}", l(&p.meta.summary)).expect(ok);
        }
        Kind::Campaign => {
            let cp = &c.campaigns[r.index];
            w.push_str(&head(&cp.meta, lang));
            if vi {
                writeln!(w, "launched: {}", q(&cp.launched.to_string())).expect(ok);
                if let Some(e) = cp.ends {
                    writeln!(w, "ends: {}", q(&e.to_string())).expect(ok);
                }
                writeln!(w, "lead_unit: {}", c.units[cp.lead_unit].id).expect(ok);
                let docs = cp.based_on.iter().map(|&d| c.documents[d].id.clone());
                writeln!(w, "based_on: {}", list(docs)).expect(ok);
            }
            let fields = cp.fields.iter().map(|&f| l(&c.fields[f]));
            writeln!(w, "fields: {}", list(fields)).expect(ok);
            writeln!(w, "summary: {}", l(&cp.meta.summary)).expect(ok);
        }
        Kind::Exemplar => {
            let e = &c.exemplars[r.index];
            w.push_str(&head(&e.meta, lang));
            let kind = if e.collective {
                "collective"
            } else {
                "individual"
            };
            if vi {
                writeln!(w, "kind: {kind}\nunit: {}", c.units[e.unit].id).expect(ok);
                writeln!(w, "campaign: {}", c.campaigns[e.campaign].meta.id).expect(ok);
                writeln!(w, "recognized: {}", e.recognized).expect(ok);
                if e.illustrative {
                    w.push_str("illustrative: true\n");
                }
            }
            writeln!(w, "award: {}", l(&e.award)).expect(ok);
            writeln!(w, "summary: {}", l(&e.meta.summary)).expect(ok);
        }
        Kind::Report => {
            let rep = &c.reports[r.index];
            w.push_str(&head(&rep.meta, lang));
            let recipient = words::REPORT_RECIPIENT;
            writeln!(
                w,
                "recipient: {}",
                q(if vi { recipient.0 } else { recipient.1 })
            )
            .expect(ok);
            writeln!(w, "summary: {}", l(&rep.meta.summary)).expect(ok);
            if vi {
                writeln!(w, "period: {}", q(&rep.period.code())).expect(ok);
                if let Some(s) = rep.submitted {
                    writeln!(w, "submitted: {s}").expect(ok);
                }
                if rep.illustrative {
                    w.push_str("illustrative: true\n");
                }
                w.push_str("results:\n");
                for x in &rep.results {
                    writeln!(
                        w,
                        "  - indicator: {}\n    target: {}\n    actual: {}",
                        indicator_id(c, x),
                        yaml_number(x.target),
                        yaml_number(x.actual),
                    )
                    .expect(ok);
                }
            }
        }
        Kind::Page => {
            let p = &c.pages[r.index];
            w.push_str(&head(&p.meta, lang));
            writeln!(w, "summary: {}", l(&p.meta.summary)).expect(ok);
            if let Some(m) = p.menu {
                writeln!(w, "menu: {m}").expect(ok);
            }
        }
        Kind::Document => unreachable!("documents are data, not markdown"),
    }
    s
}

/// The id of a result's indicator: its campaign and the indicator's place in the list of
/// indicator names, so one name in one campaign is one indicator through the years.
fn indicator_id(c: &Corpus, x: &crate::model::ResultRow) -> String {
    let k = words::INDICATORS
        .iter()
        .position(|i| i.0 == x.indicator.vi)
        .expect("indicators come from the word list");
    format!("{}-{k}", c.campaigns[x.campaign].meta.id)
}

/// Every indicator some report gives a figure for, in order of id.
fn indicators_yaml(c: &Corpus) -> String {
    let mut seen = std::collections::BTreeMap::new();
    for rep in &c.reports {
        for x in &rep.results {
            seen.entry(indicator_id(c, x)).or_insert(x);
        }
    }
    let ok = "write to String";
    let mut s = String::new();
    for (id, x) in seen {
        writeln!(s, "- id: {id}").expect(ok);
        writeln!(s, "  campaign: {}", c.campaigns[x.campaign].meta.id).expect(ok);
        writeln!(s, "  name: {}", bi_inline(&x.indicator)).expect(ok);
        writeln!(s, "  unit: {}", bi_inline(&x.unit)).expect(ok);
    }
    s
}

/// Tenths as a YAML number: 965 → `96.5`, 960 → `96`.
pub(crate) fn yaml_number(tenths: i64) -> String {
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, (tenths % 10).abs())
    }
}

fn bi_inline(b: &crate::model::Bi) -> String {
    format!("{{ vi: {}, en: {} }}", q(&b.vi), q(&b.en))
}

pub(crate) fn documents_yaml(c: &Corpus) -> String {
    let mut s = String::new();
    for d in &c.documents {
        let ok = "write to String";
        writeln!(s, "- id: {}", d.id).expect(ok);
        writeln!(s, "  kind: {}", words::DOC_KINDS[d.kind].0).expect(ok);
        writeln!(s, "  number: {}", q(&d.number)).expect(ok);
        writeln!(s, "  issuer: {}", bi_inline(&d.issuer)).expect(ok);
        writeln!(s, "  issued: {}", q(&d.issued.to_string())).expect(ok);
        if let Some(e) = d.effective {
            writeln!(s, "  effective: {}", q(&e.to_string())).expect(ok);
        }
        writeln!(
            s,
            "  summary:\n    vi: {}\n    en: {}",
            q(&d.summary.vi),
            q(&d.summary.en)
        )
        .expect(ok);
        if let Some(f) = &d.file {
            writeln!(s, "  file: {f}").expect(ok);
        }
    }
    s
}

pub(crate) fn units_yaml(c: &Corpus) -> String {
    c.units
        .iter()
        .map(|u| format!("- id: {}\n  name: {}\n", u.id, bi_inline(&u.name)))
        .collect()
}

/// `url` gives an event link's target; events have one link for every language.
pub(crate) fn events_yaml(c: &Corpus, url: &dyn Fn(Ref) -> String) -> String {
    c.events
        .iter()
        .map(|e| {
            let link = e
                .link
                .map(|r| format!("  link: {}\n", url(r)))
                .unwrap_or_default();
            format!(
                "- id: {}\n  date: {}\n  title: {}\n{link}",
                e.id,
                q(&e.date.to_string()),
                bi_inline(&e.title)
            )
        })
        .collect()
}

fn site_yaml(seed: u64) -> String {
    format!(
        r#"# Generated by gen-corpus (seed {seed}): invented content for measuring builds.
base_url: "https://minhbach.example.gov.vn/"
default_language: vi
theme: default
languages:
  - code: vi
    title: "Minh bạch thi đua – Sở Tài chính Tây Ninh (dữ liệu thử)"
    description: "Các kế hoạch, phong trào thi đua, gương điển hình và báo cáo từ năm {first} đến năm {last} (dữ liệu sinh tự động)."
    organization:
      name: "Sở Tài chính tỉnh Tây Ninh"
      parent: "Ủy ban nhân dân tỉnh Tây Ninh"
      address: "Thành phố Tây Ninh, tỉnh Tây Ninh"
    segments: {{ plan: ke-hoach, campaigns: phong-trao, exemplars: guong-dien-hinh, reports: bao-cao, documents: van-ban, fields: linh-vuc, timeline: dong-thoi-gian, units: don-vi, search: tim-kiem, data: du-lieu-mo }}
  - code: en
    title: "Emulation transparency – Tây Ninh Department of Finance (test data)"
    description: "Emulation plans, campaigns, exemplars and reports from {first} to {last} (generated content)."
    organization: {{ name: "Department of Finance of Tây Ninh Province", parent: "Tây Ninh Provincial People's Committee", address: "Tây Ninh City, Tây Ninh Province" }}
    segments: {{ plan: plan, campaigns: campaigns, exemplars: exemplars, reports: reports, documents: documents, fields: fields, timeline: timeline, units: units, search: search, data: data }}
"#,
        first = crate::generate::FIRST_YEAR,
        last = crate::generate::LAST_YEAR,
    )
}
