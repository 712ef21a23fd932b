//! Reporting obligations: which reports the plans make due, and where each stands on the
//! build date. Derived once from the published model, the same for every language.

use super::frontmatter::period::Period;
use super::Site;
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
    /// The published report for the period, if any.
    pub report: Option<String>,
    pub standing: Standing,
}

/// Every due report of every published plan, earliest due first: a six-month and an annual
/// report per plan year. Reads the default-language version of plans and reports (dates
/// and periods are the same in every translation).
pub fn due_reports(site: &Site) -> Vec<DueReport> {
    let order = site.lang_order();
    let mut out = Vec::new();
    for p in &site.plans {
        let v = p.get_or_fallback(&order[0], &order);
        let Some(rep) = &v.fm.reporting else { continue };
        let year = v.fm.issued.year;
        for (period, due) in [
            (Period::H1(year), rep.six_month_due),
            (Period::Year(year), rep.annual_due),
        ] {
            let Some(due) = due else { continue };
            let report = site
                .reports
                .iter()
                .find(|r| r.get_or_fallback(&order[0], &order).fm.period == period);
            let submitted = report
                .and_then(|r| r.get_or_fallback(&order[0], &order).fm.submitted)
                .map(|d| d.0);
            out.push(DueReport {
                plan: p.id.clone(),
                period,
                due: due.0,
                illustrative: rep.illustrative,
                report: report.map(|r| r.id.clone()),
                standing: standing(submitted, due.0, site.now),
            });
        }
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then(a.period.cmp(&b.period)));
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
