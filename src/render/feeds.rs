//! Feeds and discovery: Atom feeds (site-wide and per campaign), sitemap.xml with hreflang
//! alternates, robots.txt. All read the published model or the pages actually emitted.

use super::{Renderer, Section};
use crate::date::PartialDate;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes text for XML content and attributes: the HTML escaping, minus the control
/// characters XML 1.0 forbids.
pub(super) fn xml_escape(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|c| (*c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    super::theme::escape_html(&clean)
}

/// RFC 3339 timestamp at the first moment a (partial) date can mean.
fn rfc3339(d: PartialDate) -> String {
    format!("{}T00:00:00Z", d.start().format("%Y-%m-%d"))
}

#[derive(Clone)]
struct FeedEntry {
    title: String,
    url: String,
    date: PartialDate,
    summary: String,
    kind: String,
}

/// Newest first, ties by URL so the order never depends on anything else; as many as a
/// feed carries.
fn newest_first(entries: &mut Vec<FeedEntry>) {
    entries.sort_by(|a, b| {
        b.date
            .start()
            .cmp(&a.date.start())
            .then_with(|| a.url.cmp(&b.url))
    });
    entries.truncate(50);
}

impl<'a> Renderer<'a> {
    /// Site path of the language's site-wide feed.
    pub(super) fn feed_path(&self, lang: &str) -> String {
        format!("{}atom.xml", self.lang(lang).prefix)
    }

    /// Site path of a campaign's feed, next to its page.
    pub(super) fn campaign_feed_path(&self, lang: &str, slug: &str) -> String {
        format!(
            "{}atom.xml",
            self.path(lang, Section::Campaigns, Some(slug))
        )
    }

    fn entry(
        &self,
        lang: &str,
        section: Section,
        kind: &str,
        slug: &str,
        text: (&str, &str),
        date: PartialDate,
    ) -> FeedEntry {
        FeedEntry {
            title: text.0.to_string(),
            url: self
                .site
                .settings
                .absolute(&self.path(lang, section, Some(slug))),
            date,
            summary: text.1.to_string(),
            kind: self.t(lang, kind),
        }
    }

    /// Items written in `lang`: those of the site-wide feed, and those about each campaign
    /// (by campaign id), each list newest first and cut to the feed's length.
    fn feed_entries(&self, lang: &str) -> (Vec<FeedEntry>, BTreeMap<&str, Vec<FeedEntry>>) {
        let mut all = Vec::new();
        let mut by_campaign: BTreeMap<&str, Vec<FeedEntry>> = BTreeMap::new();
        for p in &self.site.plans {
            if let Some(v) = p.versions.get(lang) {
                all.push(self.entry(
                    lang,
                    Section::Plan,
                    "nav_plan",
                    &v.slug,
                    (&v.fm.title, &v.fm.summary),
                    p.facts.issued,
                ));
            }
        }
        let mut push = |entry: FeedEntry, about: &[&'a str]| {
            for c in about {
                by_campaign.entry(c).or_default().push(entry.clone());
            }
            all.push(entry);
        };
        for c in &self.site.campaigns {
            if let Some(v) = c.versions.get(lang) {
                let entry = self.entry(
                    lang,
                    Section::Campaigns,
                    "campaign",
                    &v.slug,
                    (&v.fm.title, &v.fm.summary),
                    c.facts.launched,
                );
                push(entry, &[&c.id]);
            }
        }
        for x in &self.site.exemplars {
            if let Some(v) = x.versions.get(lang) {
                let date = PartialDate::day(x.facts.recognized);
                let entry = self.entry(
                    lang,
                    Section::Exemplars,
                    "nav_exemplars",
                    &v.slug,
                    (&v.fm.title, &v.fm.summary),
                    date,
                );
                push(entry, &[&x.facts.campaign]);
            }
        }
        for r in &self.site.reports {
            if let Some(v) = r.versions.get(lang) {
                if let Some(s) = r.facts.submitted {
                    let about = self.site.report_campaigns(r);
                    let entry = self.entry(
                        lang,
                        Section::Reports,
                        "report",
                        &v.slug,
                        (&v.fm.title, &v.fm.summary),
                        PartialDate::day(s),
                    );
                    push(entry, &about);
                }
            }
        }
        for n in &self.site.nominations {
            if let Some(v) = n.versions.get(lang) {
                let entry = self.entry(
                    lang,
                    Section::Nominations,
                    "nav_nominations",
                    &v.slug,
                    (&v.fm.title, &v.fm.summary),
                    PartialDate::day(n.facts.posted),
                );
                let about: Vec<&str> = n.facts.campaigns.iter().map(String::as_str).collect();
                push(entry, &about);
            }
        }
        newest_first(&mut all);
        for list in by_campaign.values_mut() {
            newest_first(list);
        }
        (all, by_campaign)
    }

    fn atom(
        &self,
        lang: &str,
        title: &str,
        self_path: &str,
        alternate_path: &str,
        entries: &[FeedEntry],
    ) -> String {
        let l = self.lang(lang);
        let feed_url = self.site.settings.absolute(self_path);
        let updated = entries.iter().map(|e| e.date.start()).max().map_or_else(
            || rfc3339(PartialDate::day(self.site.now)),
            |d| rfc3339(PartialDate::day(d)),
        );
        let mut x = String::new();
        let _ = write!(
            x,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n<title>{}</title>\n<subtitle>{}</subtitle>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<id>{}</id>\n<updated>{updated}</updated>\n<author><name>{}</name></author>\n<generator>minhbach</generator>\n",
            xml_escape(title),
            xml_escape(&l.description),
            xml_escape(&feed_url),
            xml_escape(&self.site.settings.absolute(alternate_path)),
            xml_escape(&feed_url),
            xml_escape(&l.organization.name),
        );
        for e in entries {
            let _ = write!(
                x,
                "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<id>{}</id>\n<updated>{}</updated>\n<category term=\"{}\"/>\n<summary>{}</summary>\n</entry>\n",
                xml_escape(&e.title),
                xml_escape(&e.url),
                xml_escape(&e.url),
                rfc3339(e.date),
                xml_escape(&e.kind),
                xml_escape(if e.summary.is_empty() { &e.title } else { &e.summary }),
            );
        }
        x.push_str("</feed>\n");
        x
    }

    pub(super) fn render_feeds(&mut self) {
        let mut files = Vec::new();
        for l in &self.site.settings.languages {
            let lang = l.code.as_str();
            let (entries, by_campaign) = self.feed_entries(lang);
            files.push((
                self.feed_path(lang),
                self.atom(lang, &l.title, &self.feed_path(lang), &l.prefix, &entries),
            ));
            for c in &self.site.campaigns {
                let Some(v) = c.versions.get(lang) else {
                    continue;
                };
                let entries = by_campaign
                    .get(c.id.as_str())
                    .map_or(&[][..], Vec::as_slice);
                let page = self.path(lang, Section::Campaigns, Some(&v.slug));
                let title = format!("{} – {}", v.fm.title, l.title);
                let path = self.campaign_feed_path(lang, &v.slug);
                files.push((path.clone(), self.atom(lang, &title, &path, &page, entries)));
            }
        }
        for (path, xml) in files {
            self.add_file(path.trim_start_matches('/').to_string(), xml.into_bytes());
        }
    }

    /// Every emitted page with its language alternates (xhtml:link), and robots.txt.
    pub(super) fn render_sitemap(&mut self) {
        let mut records: Vec<_> = self.records.iter().collect();
        records.sort_by(|a, b| a.path.cmp(&b.path));
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        for r in records {
            let _ = write!(
                x,
                "<url>\n<loc>{}</loc>\n",
                xml_escape(&self.site.settings.absolute(&r.path))
            );
            if r.alternates.len() > 1 {
                for (lang, url) in &r.alternates {
                    let _ = writeln!(
                        x,
                        "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>",
                        xml_escape(url)
                    );
                }
            }
            x.push_str("</url>\n");
        }
        x.push_str("</urlset>\n");
        let robots = format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            self.site.settings.absolute("/sitemap.xml")
        );
        self.add_file("sitemap.xml".into(), x.into_bytes());
        self.add_file("robots.txt".into(), robots.into_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml_and_drops_control_characters() {
        assert_eq!(
            xml_escape("a & <b> \"c\" 'd'\u{1}"),
            "a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;"
        );
    }

    #[test]
    fn partial_dates_become_their_first_instant() {
        let d = |s| PartialDate::parse(s).expect("valid");
        assert_eq!(rfc3339(d("2022-01")), "2022-01-01T00:00:00Z");
        assert_eq!(rfc3339(d("2022-06-15")), "2022-06-15T00:00:00Z");
    }
}
