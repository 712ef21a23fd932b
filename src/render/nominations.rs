//! Nomination lists put out for public comment: their cards, the index (open lists first),
//! each list's page, and the `.ics` calendar of every deadline the site knows (comment
//! windows and reporting due dates), so people can subscribe.

use super::views::*;
use super::{date_view, Renderer, Section};
use crate::config::Language;
use crate::content::frontmatter::ExemplarKind;
use crate::content::model::{Nomination, NominationStatus, NominationText};
use crate::content::Version;
use crate::date::PartialDate;
use chrono::NaiveDate;
use std::fmt::Write;

/// A nomination list in lists: the index, the home page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NominationCard {
    pub id: String,
    pub link: Link,
    pub award: String,
    pub council: String,
    pub summary: String,
    pub posted: DateView,
    pub opens: DateView,
    pub deadline: DateView,
    /// Working days of the comment window.
    pub window: u32,
    pub status: Status,
    /// Working days left while open, today included.
    pub days_left: Option<u32>,
    pub nominees: usize,
    pub illustrative: bool,
}

/// A nominee as the list's page shows them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NomineeView {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub unit: Option<Link>,
    pub position: String,
    pub achievements: String,
    pub campaigns: Vec<Link>,
    pub photo: Option<String>,
    /// The photo as the image stage made it, if it did.
    pub picture: Option<PictureView>,
    pub awarded: bool,
    /// Their exemplar page, when awarded and published.
    pub exemplar: Option<Link>,
}

/// How to comment.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CommentsView {
    pub address: String,
    pub email: Option<String>,
    /// `mailto:` with the subject filled in.
    pub mailto: Option<String>,
    pub phone: Option<String>,
    pub tel: Option<String>,
}

/// Percent-encodes text for a `mailto:` query (RFC 6068): everything but unreserved ASCII.
fn mailto_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

impl Renderer<'_> {
    /// The status of a list on the build date, with its label in `lang`.
    fn nomination_status(&self, n: &Nomination, lang: &str) -> (Status, Option<u32>) {
        let status = n.facts.status(self.site.now, &self.site.calendar);
        let label = match status {
            NominationStatus::Open(1) => self.t(lang, "nomination_open_left_one"),
            NominationStatus::Open(left) => self
                .t(lang, "nomination_open_left")
                .replace("{n}", &left.to_string()),
            NominationStatus::Upcoming => self.t(lang, "nomination_upcoming"),
            NominationStatus::Closed => self.t(lang, "nomination_closed"),
            NominationStatus::Decided => self.t(lang, "nomination_decided"),
        };
        let left = match status {
            NominationStatus::Open(left) => Some(left),
            _ => None,
        };
        (
            Status {
                code: status.code().into(),
                label,
            },
            left,
        )
    }

    pub(super) fn nomination_card(&self, n: &Nomination, lang: &str) -> NominationCard {
        let v = n.get_or_fallback(lang, &self.order);
        let f = &n.facts;
        let (status, days_left) = self.nomination_status(n, lang);
        NominationCard {
            id: n.id.clone(),
            link: self.link(n, lang, Section::Nominations),
            award: v.fm.award.clone(),
            council: v.fm.council.clone(),
            summary: v.fm.summary.clone(),
            posted: date_view(PartialDate::day(f.posted), lang),
            opens: date_view(PartialDate::day(f.opens), lang),
            deadline: date_view(PartialDate::day(f.deadline), lang),
            window: f.window(&self.site.calendar),
            status,
            days_left,
            nominees: f.nominees.len(),
            illustrative: f.illustrative,
        }
    }

    /// Every published list: open ones first (the nearest deadline first), then those not
    /// yet open, then those awaiting a decision, then the decided ones, newest first.
    pub(super) fn nomination_cards(&self, lang: &str) -> Vec<NominationCard> {
        let rank = |code: &str| match code {
            "open" => 0,
            "upcoming" => 1,
            "closed" => 2,
            _ => 3,
        };
        let mut cards: Vec<(NaiveDate, NaiveDate, NominationCard)> = self
            .site
            .nominations
            .iter()
            .map(|n| {
                (
                    n.facts.deadline,
                    n.facts.posted,
                    self.nomination_card(n, lang),
                )
            })
            .collect();
        cards.sort_by(|a, b| {
            let (ra, rb) = (rank(&a.2.status.code), rank(&b.2.status.code));
            ra.cmp(&rb)
                .then_with(|| {
                    if ra <= 1 {
                        a.0.cmp(&b.0)
                    } else {
                        b.1.cmp(&a.1)
                    }
                })
                .then_with(|| a.2.id.cmp(&b.2.id))
        });
        cards.into_iter().map(|(_, _, c)| c).collect()
    }

    fn nominees(
        &self,
        n: &Nomination,
        v: &Version<NominationText>,
        lang: &str,
    ) -> Vec<NomineeView> {
        let decided = n
            .facts
            .decision
            .as_ref()
            .filter(|d| d.date <= self.site.now);
        n.facts
            .nominees
            .iter()
            .map(|x| {
                let text = v.fm.nominees.get(&x.id).cloned().unwrap_or_default();
                let awarded = decided.is_some_and(|d| d.awarded.contains(&x.id));
                let exemplar = x
                    .exemplar
                    .as_deref()
                    .filter(|_| awarded)
                    .and_then(|id| self.site.exemplars.iter().find(|e| e.id == id))
                    .map(|e| self.link(e, lang, Section::Exemplars));
                NomineeView {
                    id: x.id.clone(),
                    name: text.name,
                    kind: self.t(
                        lang,
                        match x.kind {
                            ExemplarKind::Individual => "exemplar_individual",
                            ExemplarKind::Collective => "exemplar_collective",
                        },
                    ),
                    unit: (!x.unit.is_empty()).then(|| self.unit_link(&x.unit, lang)),
                    position: text.position,
                    achievements: text.achievements,
                    campaigns: x
                        .campaigns
                        .iter()
                        .filter_map(|c| self.campaign_link(c, lang))
                        .collect(),
                    photo: x.photo.as_deref().map(|p| self.file_href(p)),
                    picture: x.photo.as_deref().and_then(|p| self.picture(p)),
                    awarded,
                    exemplar,
                }
            })
            .collect()
    }

    /// The nominations index of a language, if the site has any list.
    pub(super) fn render_nominations_index(&mut self, l: &Language) {
        if self.site.nominations.is_empty() {
            return;
        }
        let lang = l.code.as_str();
        let (path, mut ctx) = self.index_context(lang, Section::Nominations);
        ctx.insert("nominations", &self.nomination_cards(lang));
        ctx.insert("calendar_href", &self.href(&self.calendar_path(lang)));
        self.emit_page(lang, &path, "nominations.html", ctx);
    }

    pub(super) fn nomination_page(
        &mut self,
        l: &Language,
        n: &Nomination,
        v: &Version<NominationText>,
    ) {
        let lang = l.code.as_str();
        let (path, mut ctx) =
            self.item_context(lang, Section::Nominations, n, &v.fm.title, &v.fm.summary);
        let card = self.nomination_card(n, lang);
        let f = &n.facts;
        let subject = format!(
            "{}: {}",
            self.t(lang, "nomination_mail_subject"),
            v.fm.title
        );
        let comments = CommentsView {
            address: v.fm.address.clone(),
            mailto: f
                .email
                .as_ref()
                .map(|e| format!("mailto:{e}?subject={}", mailto_encode(&subject))),
            email: f.email.clone(),
            tel: f.phone.as_ref().map(|p| {
                format!(
                    "tel:{}",
                    p.chars()
                        .filter(|c| c.is_ascii_digit() || *c == '+')
                        .collect::<String>()
                )
            }),
            phone: f.phone.clone(),
        };
        let nominees = self.nominees(n, v, lang);
        let attachments = self.attachments(&f.attachments, &v.fm.attachment_titles, lang);
        let decision = f
            .decision
            .as_ref()
            .filter(|d| d.date <= self.site.now)
            .map(|d| {
                serde_json::json!({
                    "number": d.number,
                    "date": date_view(PartialDate::day(d.date), lang),
                })
            });
        ctx.insert("nomination", &card);
        ctx.insert("comments", &comments);
        ctx.insert("nominees", &nominees);
        ctx.insert("attachments", &attachments);
        ctx.insert("decision", &decision);
        ctx.insert("documents", &self.doc_links(lang, &f.based_on));
        ctx.insert(
            "campaigns",
            &f.campaigns
                .iter()
                .filter_map(|c| self.campaign_link(c, lang))
                .collect::<Vec<_>>(),
        );
        ctx.insert("body", &self.body(v, &path));
        ctx.insert("calendar_href", &self.href(&self.calendar_path(lang)));
        let people: Vec<serde_json::Value> = nominees
            .iter()
            .enumerate()
            .map(|(i, x)| {
                serde_json::json!({
                    "@type": "ListItem",
                    "position": i + 1,
                    "item": {
                        "@type": if x.kind == self.t(lang, "exemplar_collective") { "Organization" } else { "Person" },
                        "name": x.name,
                    },
                })
            })
            .collect();
        let mut article = serde_json::json!({
            "@type": "Article",
            "headline": v.fm.title,
            "description": v.fm.summary,
            "datePublished": f.posted.to_string(),
            "expires": f.deadline.to_string(),
            "about": { "@type": "ItemList", "name": v.fm.award, "itemListElement": people },
            "author": { "@id": format!("{}#organization", self.site.settings.base_url) },
        });
        super::pages::media(&mut article, &attachments);
        self.emit_article(lang, &path, &v.fm.title, article, "nomination.html", ctx);
    }

    /// Site path of a language's calendar of deadlines, beside its open data.
    pub(super) fn calendar_path(&self, lang: &str) -> String {
        format!("{}calendar.ics", self.path(lang, Section::Data, None))
    }

    /// Every deadline the site knows, as an iCalendar file (RFC 5545): the comment windows
    /// of nomination lists (an all-day event on the last day, and the window itself) and
    /// the reporting due dates. Stable UIDs, so calendars update events instead of adding.
    pub(super) fn calendar(&self, lang: &str, deadlines: &[Deadline]) -> String {
        let host = self
            .site
            .settings
            .base_url
            .split("://")
            .nth(1)
            .unwrap_or("minhbach")
            .split('/')
            .next()
            .unwrap_or("minhbach")
            .to_string();
        let l = self.lang(lang);
        let stamp = format!("{}T000000Z", self.site.now.format("%Y%m%d"));
        let mut out = String::new();
        let mut line = |s: String| {
            // Lines are folded at 75 octets (RFC 5545 3.1), on character boundaries.
            let mut rest = s.as_str();
            let mut first = true;
            while !rest.is_empty() {
                let max = if first { 75 } else { 74 };
                let mut cut = rest.len().min(max);
                while !rest.is_char_boundary(cut) {
                    cut -= 1;
                }
                if !first {
                    out.push(' ');
                }
                out.push_str(&rest[..cut]);
                out.push_str("\r\n");
                rest = &rest[cut..];
                first = false;
            }
        };
        line("BEGIN:VCALENDAR".into());
        line("VERSION:2.0".into());
        line(format!(
            "PRODID:-//minhbach//{host}//{}",
            lang.to_uppercase()
        ));
        line("CALSCALE:GREGORIAN".into());
        line(format!(
            "X-WR-CALNAME:{}",
            ics_text(&format!("{} — {}", l.title, self.t(lang, "calendar_name")))
        ));
        let mut events: Vec<(NaiveDate, String, String, String, NaiveDate)> = Vec::new();
        for n in &self.site.nominations {
            let v = n.get_or_fallback(lang, &self.order);
            let url = self.site.settings.absolute(&self.path(
                &v.lang,
                Section::Nominations,
                Some(&v.slug),
            ));
            events.push((
                n.facts.opens,
                format!("nomination-window-{}@{host}", n.id),
                format!(
                    "{}: {}",
                    self.t(lang, "calendar_comment_window"),
                    v.fm.title
                ),
                url.clone(),
                n.facts.deadline,
            ));
            events.push((
                n.facts.deadline,
                format!("nomination-deadline-{}@{host}", n.id),
                format!(
                    "{}: {}",
                    self.t(lang, "calendar_comment_deadline"),
                    v.fm.title
                ),
                url,
                n.facts.deadline,
            ));
        }
        for d in deadlines {
            let due = NaiveDate::parse_from_str(&d.due.iso, "%Y-%m-%d").expect("formatted by us");
            let url = d.report.as_ref().map_or_else(
                || {
                    self.site
                        .settings
                        .absolute(&self.path(lang, Section::Reports, None))
                },
                |r| self.absolute_href(&r.href),
            );
            events.push((
                due,
                format!("report-due-{}-{}@{host}", d.plan_id, d.period_code),
                format!("{}: {}", self.t(lang, "report_due_for"), d.period),
                url,
                due,
            ));
        }
        events.sort();
        for (start, uid, summary, url, end) in events {
            line("BEGIN:VEVENT".into());
            line(format!("UID:{uid}"));
            line(format!("DTSTAMP:{stamp}"));
            line(format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")));
            let after = end.succ_opt().unwrap_or(end);
            line(format!("DTEND;VALUE=DATE:{}", after.format("%Y%m%d")));
            line(format!("SUMMARY:{}", ics_text(&summary)));
            line(format!("URL:{url}"));
            line("TRANSP:TRANSPARENT".into());
            line("END:VEVENT".into());
        }
        line("END:VCALENDAR".into());
        out
    }
}

/// Text as an iCalendar TEXT value: backslash, semicolon, comma and newlines escaped.
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{ics_text, mailto_encode};

    #[test]
    fn mailto_subjects_and_calendar_text_are_escaped() {
        assert_eq!(mailto_encode("Góp ý: a&b"), "G%C3%B3p%20%C3%BD%3A%20a%26b");
        assert_eq!(ics_text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
