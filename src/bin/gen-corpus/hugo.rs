//! The Hugo layout of the same corpus, for comparing builds: `hugo.toml` (Vietnamese
//! default at the root, English under `/en/`), `content/<section>/<id>.<lang>.md` with
//! Hugo front matter (`slug`, `date`, the facts as params, `fields` as a taxonomy),
//! `data/*.yaml`, and minimal layouts: a single page, section lists paginated by 20, the
//! field taxonomy and the documents list. Links in bodies become Hugo's URLs.

use crate::dates::Date;
use crate::minhbach::{documents_yaml, list, q, units_yaml, yaml_number};
use crate::model::{Bi, Corpus, Kind, Lang, Ref};
use crate::text;
use std::collections::BTreeMap;
use std::fmt::Write;

fn section(kind: Kind) -> &'static str {
    match kind {
        Kind::Plan => "plan",
        Kind::Campaign => "campaigns",
        Kind::Exemplar => "exemplars",
        Kind::Report => "reports",
        Kind::Page => "pages",
        Kind::Document => "documents",
    }
}

/// Section titles for the `_index` files.
fn section_title(kind: Kind) -> Bi {
    match kind {
        Kind::Plan => Bi::new("Kế hoạch", "Plans"),
        Kind::Campaign => Bi::new("Phong trào thi đua", "Campaigns"),
        Kind::Exemplar => Bi::new("Gương điển hình", "Exemplars"),
        Kind::Report => Bi::new("Báo cáo", "Reports"),
        Kind::Page => Bi::new("Trang", "Pages"),
        Kind::Document => Bi::new("Văn bản", "Documents"),
    }
}

/// The site path Hugo gives an item, per the permalinks in `hugo.toml`.
pub fn url(c: &Corpus, r: Ref, lang: Lang) -> String {
    let root = match lang {
        Lang::Vi => "/",
        Lang::En => "/en/",
    };
    match (r.kind, c.meta(r)) {
        (Kind::Document, _) | (_, None) => {
            format!("{root}documents/#{}", c.documents[r.index].id)
        }
        (Kind::Page, Some(m)) => format!("{root}{}/", m.slug.get(lang)),
        (kind, Some(m)) => format!("{root}{}/{}/", section(kind), m.slug.get(lang)),
    }
}

pub fn files(c: &Corpus, seed: u64) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    out.insert("hugo.toml".to_string(), config(seed));
    for (path, text) in LAYOUTS {
        out.insert(format!("layouts/{path}"), text.to_string());
    }
    for kind in [
        Kind::Plan,
        Kind::Campaign,
        Kind::Exemplar,
        Kind::Report,
        Kind::Page,
        Kind::Document,
    ] {
        for lang in Lang::ALL {
            out.insert(
                format!("content/{}/_index.{}.md", section(kind), lang.code()),
                format!("---\ntitle: {}\n---\n", q(section_title(kind).get(lang))),
            );
        }
        if kind == Kind::Document {
            continue;
        }
        for index in 0..c.count(kind) {
            let r = Ref { kind, index };
            let m = c.meta(r).expect("markdown kinds have metadata");
            for lang in Lang::ALL {
                let fm = front_matter(c, r, lang);
                let body = text::markdown(&m.body, lang, &|to| {
                    (c.link_text(to, lang), url(c, to, lang))
                });
                out.insert(
                    format!("content/{}/{}.{}.md", section(kind), m.id, lang.code()),
                    format!("---\n{fm}---\n\n{body}"),
                );
            }
        }
    }
    out.insert("data/documents.yaml".into(), documents_yaml(c));
    out.insert("data/units.yaml".into(), units_yaml(c));
    out.insert(
        "data/events.yaml".into(),
        crate::minhbach::events_yaml(c, &|r| url(c, r, Lang::Vi)),
    );
    out
}

fn front_matter(c: &Corpus, r: Ref, lang: Lang) -> String {
    let m = c.meta(r).expect("markdown kinds have metadata");
    let l = |b: &Bi| q(b.get(lang));
    let ok = "write to String";
    let mut w = String::new();
    writeln!(w, "title: {}\nslug: {}", l(&m.title), m.slug.get(lang)).expect(ok);
    writeln!(w, "summary: {}", l(&m.summary)).expect(ok);
    let date = |w: &mut String, d: Date| writeln!(w, "date: {d}").expect(ok);
    let docs = |ids: &[usize]| list(ids.iter().map(|&d| c.documents[d].id.clone()));
    match r.kind {
        Kind::Plan => {
            let p = &c.plans[r.index];
            date(&mut w, p.issued);
            writeln!(
                w,
                "number: {}\nbased_on: {}",
                q(&p.number),
                docs(&p.based_on)
            )
            .expect(ok);
            let campaigns = p.campaigns.iter().map(|&k| c.campaigns[k].meta.id.clone());
            writeln!(w, "campaigns: {}", list(campaigns)).expect(ok);
            writeln!(
                w,
                "six_month_due: {}\nannual_due: {}",
                p.six_month_due, p.annual_due
            )
            .expect(ok);
        }
        Kind::Campaign => {
            let cp = &c.campaigns[r.index];
            date(&mut w, cp.launched.start());
            writeln!(w, "launched: {}", q(&cp.launched.to_string())).expect(ok);
            if let Some(e) = cp.ends {
                writeln!(w, "ends: {}", q(&e.to_string())).expect(ok);
            }
            writeln!(w, "lead_unit: {}", c.units[cp.lead_unit].id).expect(ok);
            let fields = cp.fields.iter().map(|&f| l(&c.fields[f]));
            writeln!(
                w,
                "fields: {}\nbased_on: {}",
                list(fields),
                docs(&cp.based_on)
            )
            .expect(ok);
        }
        Kind::Exemplar => {
            let e = &c.exemplars[r.index];
            date(&mut w, e.recognized);
            let kind = if e.collective {
                "collective"
            } else {
                "individual"
            };
            writeln!(w, "kind: {kind}\nunit: {}", c.units[e.unit].id).expect(ok);
            writeln!(w, "campaign: {}", c.campaigns[e.campaign].meta.id).expect(ok);
            writeln!(
                w,
                "award: {}\nillustrative: {}",
                l(&e.award),
                e.illustrative
            )
            .expect(ok);
        }
        Kind::Report => {
            let rep = &c.reports[r.index];
            let period_end = if rep.period.half {
                Date::new(rep.period.year, 6, 30)
            } else {
                Date::new(rep.period.year, 12, 31)
            };
            date(&mut w, rep.submitted.unwrap_or(period_end));
            writeln!(w, "period: {}", q(&rep.period.code())).expect(ok);
            if let Some(s) = rep.submitted {
                writeln!(w, "submitted: {s}").expect(ok);
            }
            w.push_str("results:\n");
            for x in &rep.results {
                writeln!(
                    w,
                    "  - {{ campaign: {}, indicator: {}, target: {}, actual: {}, unit: {} }}",
                    c.campaigns[x.campaign].meta.id,
                    l(&x.indicator),
                    yaml_number(x.target),
                    yaml_number(x.actual),
                    l(&x.unit)
                )
                .expect(ok);
            }
        }
        Kind::Page => {
            if let Some(weight) = c.pages[r.index].menu {
                writeln!(w, "menu: {{ main: {{ weight: {weight} }} }}").expect(ok);
            }
        }
        Kind::Document => unreachable!("documents are data, not markdown"),
    }
    w
}

fn config(seed: u64) -> String {
    let title = |lang: Lang| {
        let b = Bi::new(
            "Minh bạch thi đua – Sở Tài chính Tây Ninh (dữ liệu thử)",
            "Emulation transparency – Tây Ninh Department of Finance (test data)",
        );
        b.get(lang).to_string()
    };
    format!(
        r#"# Generated by gen-corpus (seed {seed}): the minhbach test corpus laid out for Hugo.
baseURL = "https://hugo.example.gov.vn/"
defaultContentLanguage = "vi"
defaultContentLanguageInSubdir = false
removePathAccents = true
paginate = 20
disableKinds = ["RSS"]

[taxonomies]
  field = "fields"

[permalinks]
  plan = "/plan/:slug/"
  campaigns = "/campaigns/:slug/"
  exemplars = "/exemplars/:slug/"
  reports = "/reports/:slug/"
  pages = "/:slug/"

[languages.vi]
  languageName = "Tiếng Việt"
  weight = 1
  title = "{}"

[languages.en]
  languageName = "English"
  weight = 2
  title = "{}"
"#,
        title(Lang::Vi),
        title(Lang::En),
    )
}

/// Minimal layouts: what a Hugo site needs to render each kind of page of the corpus.
const LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head><meta charset="utf-8"><title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ .Site.Title }}</title></head>
<body>
<header>
<a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}{{ range .Site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a> {{ end }}</nav>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#,
    ),
    (
        "_default/single.html",
        r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></p>
{{ with .GetTerms "fields" }}<p>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
{{ with .Params.results }}<table>{{ range . }}<tr><td>{{ .campaign }}</td><td>{{ .indicator }}</td><td>{{ .target }}</td><td>{{ .actual }}</td><td>{{ .unit }}</td></tr>{{ end }}</table>{{ end }}
{{ .Content }}
</article>{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ $pager := .Paginate .Pages 20 }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ with .Params.summary }} – {{ . }}{{ end }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range first 20 (where .Site.RegularPages "Section" "exemplars").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "documents/list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $lang := .Site.Language.Lang }}
<ul>{{ range .Site.Data.documents }}<li id="{{ .id }}">{{ .number }} – {{ index .summary $lang }}</li>{{ end }}</ul>
{{ end }}
"#,
    ),
];
