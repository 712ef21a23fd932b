//! Reporting obligations: which reports the plans make due, and where each stands on the
//! build date. Derived once from the published model, the same for every language.

use super::Site;
use crate::period::Period;
use chrono::NaiveDate;

/// Where a due report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Submitted on or before the due date.
    OnTime,
    /// Submitted after the due date.
    Late,
    /// Not submitted, and the due date has not passed.
    Due,
    /// Not submitted, and the due date has passed.
    Overdue,
}

impl Standing {
    /// Also the CSS class and the open-data value.
    pub fn code(self) -> &'static str {
        match self {
            Standing::OnTime => "on-time",
            Standing::Late => "late",
            Standing::Due => "due",
            Standing::Overdue => "overdue",
        }
    }
}

/// The standing of a report due on `due`, as seen on `now`. The due day itself still counts
/// as on time.
pub fn standing(submitted: Option<NaiveDate>, due: NaiveDate, now: NaiveDate) -> Standing {
    match submitted {
        Some(s) if s <= due => Standing::OnTime,
        Some(_) => Standing::Late,
        None if now <= due => Standing::Due,
        None => Standing::Overdue,
    }
}

/// A report a plan makes due.
#[derive(Debug, Clone)]
pub struct DueReport {
    /// The plan that sets the obligation.
    pub plan: String,
    pub period: Period,
    pub due: NaiveDate,
    pub illustrative: bool,
    /// The published report that answers it, if any.
    pub report: Option<String>,
    pub standing: Standing,
}

/// Every report every published plan asks for, earliest due first. A report answers a
/// plan's schedule entry when it is for the same period and names that plan (`plan:`), or
/// names no plan; of several, the first in the site's order.
pub fn due_reports(site: &Site) -> Vec<DueReport> {
    let mut out = Vec::new();
    for p in &site.plans {
        for d in &p.facts.schedule {
            let answers = |r: &&crate::content::model::Report| r.facts.period == d.period;
            let report = site
                .reports
                .iter()
                .filter(answers)
                .find(|r| r.facts.plan.as_deref() == Some(p.id.as_str()))
                .or_else(|| {
                    site.reports
                        .iter()
                        .filter(answers)
                        .find(|r| r.facts.plan.is_none())
                });
            let submitted = report.and_then(|r| r.facts.submitted);
            out.push(DueReport {
                plan: p.id.clone(),
                period: d.period.clone(),
                due: d.due,
                illustrative: p.facts.schedule_illustrative,
                report: report.map(|r| r.id.clone()),
                standing: standing(submitted, d.due, site.now),
            });
        }
    }
    out.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| a.period.cmp(&b.period))
            .then_with(|| a.plan.cmp(&b.plan))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn standing_around_the_due_date() {
        let due = d("2022-06-15");
        assert_eq!(
            standing(Some(d("2022-06-10")), due, d("2022-07-01")),
            Standing::OnTime
        );
        assert_eq!(
            standing(Some(d("2022-06-15")), due, d("2022-07-01")),
            Standing::OnTime
        );
        assert_eq!(
            standing(Some(d("2022-06-16")), due, d("2022-07-01")),
            Standing::Late
        );
        assert_eq!(standing(None, due, d("2022-06-14")), Standing::Due);
        assert_eq!(standing(None, due, d("2022-06-15")), Standing::Due);
        assert_eq!(standing(None, due, d("2022-06-16")), Standing::Overdue);
    }
}
