//! Charts: inline SVG drawn at build time, no JavaScript, no external requests.
//!
//! One drawing serves phones and print: a narrow viewBox (text stays legible when scaled
//! to 320 px), labels wrapped by hand (SVG has no text flow), and every chart carries
//! `<title>`/`<desc>` and sits next to a table with the same figures.

use super::views::{ChartPoint, ResultRow};
use super::Renderer;
use std::fmt::Write;

/// Width of the drawing in SVG units; the CSS scales it to the column.
const WIDTH: f64 = 320.0;
const LINE: f64 = 15.0;
const BAR: f64 = 12.0;
/// The track ends this much beyond the largest value of a group, so the target mark
/// never sits on the edge.
const HEADROOM: f64 = 1.25;
const WRAP: usize = 44;

/// One bar: the actual value against its target, with the caption printed above it.
#[derive(Debug, Clone)]
pub struct Bar {
    pub caption: String,
    pub point: ChartPoint,
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

/// Horizontal bars of actual against target, grouped by indicator. Each group has its own
/// scale (its indicator's unit), from zero to a little beyond its largest value, so less-
/// is-better indicators, zero targets and ranges draw as truthfully as the rest: the bar
/// is the actual value, the line (or the band, for a range) is the target.
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
    let mut body = String::new();
    let mut y = 4.0;
    for g in groups {
        let largest = g
            .bars
            .iter()
            .flat_map(|b| {
                [
                    b.point.actual,
                    b.point.target,
                    b.point.target_high.unwrap_or(0.0),
                ]
            })
            .filter(|v| v.is_finite())
            .fold(0.0_f64, f64::max);
        let scale = if largest > 0.0 {
            largest * HEADROOM
        } else {
            1.0
        };
        let x_of = |v: f64| {
            let v = if v.is_finite() { v } else { 0.0 };
            (v.clamp(0.0, scale) / scale * track * 10.0).round() / 10.0
        };
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
            if let Some(hi) = b.point.target_high {
                let (lo, hi) = (x_of(b.point.target), x_of(hi));
                let _ = write!(
                    body,
                    r#"<rect x="{lo:.1}" y="{y}" width="{:.1}" height="{BAR}" class="chart-range"/>"#,
                    (hi - lo).max(1.0)
                );
            }
            let class = if b.met {
                "chart-bar chart-met"
            } else {
                "chart-bar chart-not-met"
            };
            let _ = write!(
                body,
                r#"<rect x="0" y="{y}" width="{:.1}" height="{BAR}" class="{class}"/>"#,
                x_of(b.point.actual)
            );
            let marks = match b.point.target_high {
                Some(hi) => vec![b.point.target, hi],
                None => vec![b.point.target],
            };
            for m in marks {
                let tx = x_of(m);
                let _ = write!(
                    body,
                    r#"<line x1="{tx:.1}" y1="{}" x2="{tx:.1}" y2="{}" class="chart-target"/>"#,
                    y - 3.0,
                    y + BAR + 3.0
                );
            }
            y += BAR + 4.0;
        }
        y += 8.0;
    }
    // Legend: what the vertical line means.
    y += LINE;
    let tx = track;
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
                    point: r.chart,
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

    /// Each indicator of a campaign across reporting periods, oldest first: one group per
    /// indicator (by its id, so a reworded name stays one line through time).
    pub(super) fn trend_chart(
        &self,
        lang: &str,
        id: &str,
        title: &str,
        rows: &[ResultRow],
    ) -> String {
        let mut groups: Vec<(String, Group)> = Vec::new();
        for r in rows {
            let bar = Bar {
                caption: self.bar_caption(lang, &format!("{}: ", r.period), r),
                point: r.chart,
                met: r.met,
            };
            match groups.iter_mut().find(|(key, _)| *key == r.indicator_id) {
                Some((_, g)) => g.bars.push(bar),
                None => groups.push((
                    r.indicator_id.clone(),
                    Group {
                        label: r.indicator.clone(),
                        bars: vec![bar],
                    },
                )),
            }
        }
        let groups: Vec<Group> = groups.into_iter().map(|(_, g)| g).collect();
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
    fn bars_are_values_on_the_group_scale() {
        let bar = |actual: f64, target: f64, met: bool| Bar {
            caption: "x".into(),
            point: ChartPoint {
                actual,
                target,
                target_high: None,
            },
            met,
        };
        let g = Group {
            label: "Tỷ lệ <đăng ký>".into(),
            bars: vec![bar(96.0, 100.0, false), bar(125.0, 100.0, true)],
        };
        let svg = bar_chart("c1", "Kết quả", "Mô tả", "Kế hoạch", &[g]);
        assert!(svg.contains(r#"<title id="c1-title">Kết quả</title>"#));
        assert!(svg.contains(r#"aria-labelledby="c1-title c1-desc""#));
        assert!(svg.contains("Tỷ lệ &lt;đăng ký&gt;"));
        // The largest value (125) is 80 % of the track (310 units): 96 is 190.5.
        assert!(
            svg.contains(r#"width="190.5" height="12" class="chart-bar chart-not-met""#),
            "{svg}"
        );
        assert!(svg.contains(r#"width="248.0" height="12" class="chart-bar chart-met""#));
        // A zero target (less is better) still draws its bar, and nothing is NaN.
        let g = Group {
            label: "Vi phạm".into(),
            bars: vec![bar(0.0, 0.0, true), bar(f64::NAN, 0.0, false)],
        };
        let svg = bar_chart("c2", "t", "d", "l", &[g]);
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    }
}
