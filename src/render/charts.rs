//! Charts: inline SVG drawn at build time, no JavaScript, no external requests.
//!
//! One drawing serves phones and print: a narrow viewBox (text stays legible when scaled
//! to 320 px), labels wrapped by hand (SVG has no text flow), and every chart carries
//! `<title>`/`<desc>` and sits next to a table with the same figures.

use super::views::ResultRow;
use super::Renderer;
use std::fmt::Write;

/// Width of the drawing in SVG units; the CSS scales it to the column.
const WIDTH: f64 = 320.0;
const LINE: f64 = 15.0;
const BAR: f64 = 12.0;
/// The bar track shows 0–150 % of target; the target line sits at 100 %.
const SCALE_MAX: f64 = 150.0;
const WRAP: usize = 44;

/// One bar: a share of target, with the caption printed above it.
#[derive(Debug, Clone)]
pub struct Bar {
    pub caption: String,
    /// Actual as a percentage of target; `None` when the target is zero.
    pub percent: Option<f64>,
    pub met: bool,
}

/// An indicator with its bars (one per reporting period).
#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    pub bars: Vec<Bar>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Greedy word wrap by characters; good enough for labels of a few dozen characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Horizontal bars of actual against target, grouped by indicator.
///
/// `id` must be unique in the page (it links `<title>`/`<desc>` for screen readers).
pub fn bar_chart(
    id: &str,
    title: &str,
    desc: &str,
    target_label: &str,
    groups: &[Group],
) -> String {
    let track = WIDTH - 10.0;
    let x_of = |pct: f64| pct.clamp(0.0, SCALE_MAX) / SCALE_MAX * track;
    let mut body = String::new();
    let mut y = 4.0;
    for g in groups {
        for line in wrap(&g.label, WRAP) {
            y += LINE;
            let _ = write!(
                body,
                r#"<text x="0" y="{y}" class="chart-label">{}</text>"#,
                esc(&line)
            );
        }
        for b in &g.bars {
            for line in wrap(&b.caption, WRAP + 4) {
                y += LINE;
                let _ = write!(
                    body,
                    r#"<text x="0" y="{y}" class="chart-value">{}</text>"#,
                    esc(&line)
                );
            }
            y += 4.0;
            let _ = write!(
                body,
                r#"<rect x="0" y="{y}" width="{track}" height="{BAR}" class="chart-track"/>"#
            );
            if let Some(p) = b.percent {
                let class = if b.met {
                    "chart-bar chart-met"
                } else {
                    "chart-bar chart-not-met"
                };
                let _ = write!(
                    body,
                    r#"<rect x="0" y="{y}" width="{:.1}" height="{BAR}" class="{class}"/>"#,
                    x_of(p)
                );
            }
            let tx = x_of(100.0);
            let _ = write!(
                body,
                r#"<line x1="{tx:.1}" y1="{}" x2="{tx:.1}" y2="{}" class="chart-target"/>"#,
                y - 3.0,
                y + BAR + 3.0
            );
            y += BAR + 4.0;
        }
        y += 8.0;
    }
    // Legend: what the vertical line means.
    y += LINE;
    let tx = x_of(100.0);
    let _ = write!(
        body,
        r#"<line x1="{tx:.1}" y1="{}" x2="{tx:.1}" y2="{}" class="chart-target"/><text x="{:.1}" y="{y}" class="chart-value" text-anchor="end">{}</text>"#,
        y - 11.0,
        y + 2.0,
        tx - 4.0,
        esc(target_label)
    );
    let height = y + 6.0;
    format!(
        r#"<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>{body}</svg>"#,
        esc(title),
        esc(desc)
    )
}

impl Renderer<'_> {
    /// "Thực hiện 96 / kế hoạch 100 % — 96% (Chưa đạt)".
    fn bar_caption(&self, lang: &str, prefix: &str, r: &ResultRow) -> String {
        let verdict = self.t(lang, if r.met { "met" } else { "not_met" });
        format!(
            "{prefix}{} {} / {} {} {} — {} ({verdict})",
            self.t(lang, "actual"),
            r.actual,
            self.t(lang, "target").to_lowercase(),
            r.target,
            r.unit,
            r.percent
        )
    }

    /// One bar per indicator of a report.
    pub(super) fn report_chart(
        &self,
        lang: &str,
        id: &str,
        title: &str,
        rows: &[ResultRow],
    ) -> String {
        let groups: Vec<Group> = rows
            .iter()
            .map(|r| Group {
                label: r.indicator.clone(),
                bars: vec![Bar {
                    caption: self.bar_caption(lang, "", r),
                    percent: r.percent_value,
                    met: r.met,
                }],
            })
            .collect();
        bar_chart(
            id,
            title,
            &self.t(lang, "chart_desc"),
            &self.t(lang, "chart_target"),
            &groups,
        )
    }

    /// Each indicator of a campaign across reporting periods, oldest first.
    pub(super) fn trend_chart(
        &self,
        lang: &str,
        id: &str,
        title: &str,
        rows: &[ResultRow],
    ) -> String {
        let mut groups: Vec<Group> = Vec::new();
        for r in rows {
            let bar = Bar {
                caption: self.bar_caption(lang, &format!("{}: ", r.period), r),
                percent: r.percent_value,
                met: r.met,
            };
            match groups.iter_mut().find(|g| g.label == r.indicator) {
                Some(g) => g.bars.push(bar),
                None => groups.push(Group {
                    label: r.indicator.clone(),
                    bars: vec![bar],
                }),
            }
        }
        bar_chart(
            id,
            title,
            &self.t(lang, "chart_trend_desc"),
            &self.t(lang, "chart_target"),
            &groups,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_on_words() {
        assert_eq!(wrap("một hai ba bốn", 7), vec!["một hai", "ba bốn"]);
        assert_eq!(wrap("", 7), Vec::<String>::new());
    }

    #[test]
    fn bars_are_proportional_and_capped() {
        let g = Group {
            label: "Tỷ lệ <đăng ký>".into(),
            bars: vec![
                Bar {
                    caption: "96%".into(),
                    percent: Some(96.0),
                    met: false,
                },
                Bar {
                    caption: "300%".into(),
                    percent: Some(300.0),
                    met: true,
                },
            ],
        };
        let svg = bar_chart("c1", "Kết quả", "Mô tả", "Kế hoạch (100%)", &[g]);
        assert!(svg.contains(r#"<title id="c1-title">Kết quả</title>"#));
        assert!(svg.contains(r#"aria-labelledby="c1-title c1-desc""#));
        assert!(svg.contains("Tỷ lệ &lt;đăng ký&gt;"));
        // 96 % of a 310-unit track showing 0–150 %.
        assert!(
            svg.contains(r#"width="198.4" height="12" class="chart-bar chart-not-met""#),
            "{svg}"
        );
        // Capped at the end of the track.
        assert!(svg.contains(r#"width="310.0" height="12" class="chart-bar chart-met""#));
    }
}
