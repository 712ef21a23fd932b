//! Body text: a language-neutral structure of headings, paragraphs, lists, a table and
//! links (to items, not URLs), generated as translation pairs from the word lists, and
//! rendered to Markdown for one language once a layout says where each item lives.

use crate::model::{Bi, Lang, Ref};
use crate::rng::Rng;
use crate::words::{self, Pair};

#[derive(Debug, Clone)]
pub enum Span {
    Text(Bi),
    Strong(Bi),
    Link(Ref),
}

#[derive(Debug, Clone)]
pub enum Block {
    /// Level 2 or 3.
    Heading(u8, Bi),
    Para(Vec<Span>),
    List {
        ordered: bool,
        items: Vec<Vec<Span>>,
    },
    Table {
        head: Vec<Bi>,
        rows: Vec<Vec<Bi>>,
    },
    Quote(Bi),
}

/// Upper-cases the first letter: "đẩy" → "Đẩy".
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A number given in tenths, in the language's style: 12345 → "1.234,5" / "1,234.5".
pub fn number(tenths: i64, lang: Lang) -> String {
    let (group, decimal) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let digits = (tenths.abs() / 10).to_string();
    let mut out = String::new();
    if tenths < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    if tenths % 10 != 0 {
        out.push(decimal);
        out.push_str(&(tenths.abs() % 10).to_string());
    }
    out
}

fn bi(p: Pair) -> Bi {
    Bi::new(p.0, p.1)
}

/// Sentences for one body; `year` anchors the dated phrases.
struct Writer<'a> {
    rng: &'a mut Rng,
    year: i32,
}

impl Writer<'_> {
    fn pick(&mut self, list: &'static [Pair]) -> Pair {
        *self.rng.pick(list)
    }

    fn manner(&mut self) -> Bi {
        if self.rng.chance(15) {
            let y = self.year;
            return Bi::new(format!("trong năm {y}"), format!("during {y}"));
        }
        bi(self.pick(words::MANNERS))
    }

    /// "Subject verb object manner."
    fn sentence(&mut self) -> Bi {
        let subj = self.pick(words::SUBJECTS);
        let (verb_vi, verb_en, _) = *self.rng.pick(words::VERBS);
        let obj = self.pick(words::OBJECTS);
        let manner = self.manner();
        let (vi, en) = (
            format!("{} {verb_vi} {} {}", subj.0, obj.0, manner.vi),
            format!("{} {verb_en} {} {}", subj.1, obj.1, manner.en),
        );
        match self.rng.below(4) {
            0 => {
                let c = self.pick(words::CONNECTORS);
                Bi::new(format!("{} {vi}.", c.0), format!("{} {en}.", c.1))
            }
            1 => {
                let p = self.pick(words::PLACES);
                Bi::new(format!("Tại {}, {vi}.", p.0), format!("In {}, {en}.", p.1))
            }
            2 => self.figure_sentence(),
            _ => Bi::new(
                format!("{}.", capitalize(&vi)),
                format!("{}.", capitalize(&en)),
            ),
        }
    }

    /// A sentence with a count and a percentage of the plan.
    fn figure_sentence(&mut self) -> Bi {
        let subj = self.pick(words::SUBJECTS);
        let (verb_vi, verb_en, _) = *self.rng.pick(words::VERBS);
        let what = self.pick(words::COUNTABLES);
        let n = self.rng.range(2, 2400) * 10;
        let rate = self.rng.range(700, 1150);
        Bi::new(
            format!(
                "{} {verb_vi} {} {}, đạt {}% kế hoạch.",
                capitalize(subj.0),
                number(n, Lang::Vi),
                what.0,
                number(rate, Lang::Vi)
            ),
            format!(
                "{} {verb_en} {} {}, {}% of the plan.",
                capitalize(subj.1),
                number(n, Lang::En),
                what.1,
                number(rate, Lang::En)
            ),
        )
    }

    /// A task for a list: "Step up administrative reform in every division and unit".
    fn task(&mut self) -> Bi {
        let (verb_vi, _, verb_en) = *self.rng.pick(words::VERBS);
        let obj = self.pick(words::OBJECTS);
        let manner = self.manner();
        Bi::new(
            capitalize(&format!("{verb_vi} {} {}", obj.0, manner.vi)),
            capitalize(&format!("{verb_en} {} {}", obj.1, manner.en)),
        )
    }

    fn para(&mut self, sentences: usize) -> Vec<Span> {
        (0..sentences)
            .map(|i| {
                let s = self.sentence();
                Span::Text(if i == 0 {
                    s
                } else {
                    s.map(|t| format!(" {t}"))
                })
            })
            .collect()
    }

    /// A sentence around a link: "Detailed results are given in [title]."
    fn link_sentence(&mut self, to: Ref) -> Vec<Span> {
        let (vi, en) = self.pick(words::LINK_SENTENCES);
        let (vi_a, vi_b) = vi.split_once("{}").expect("link sentences have a {} slot");
        let (en_a, en_b) = en.split_once("{}").expect("link sentences have a {} slot");
        vec![
            Span::Text(Bi::new(vi_a, en_a)),
            Span::Link(to),
            Span::Text(Bi::new(vi_b, en_b)),
        ]
    }

    fn table(&mut self) -> Block {
        let rows = (0..self.rng.range(4, 6))
            .map(|_| {
                let (ivi, ien, uvi, uen, percent) = *self.rng.pick(words::INDICATORS);
                let target = if percent {
                    self.rng.range(80, 100) * 10
                } else {
                    self.rng.range(5, 3000) * 10
                };
                let actual = target * self.rng.range(80, 115) / 100;
                let rate = actual * 1000 / target;
                let cell = |v: i64| Bi::new(number(v, Lang::Vi), number(v, Lang::En));
                vec![
                    Bi::new(ivi, ien),
                    Bi::new(uvi, uen),
                    cell(target),
                    cell(actual),
                    cell(rate).map(|s| format!("{s}%")),
                ]
            })
            .collect();
        Block::Table {
            head: words::TABLE_HEAD.iter().map(|p| bi(*p)).collect(),
            rows,
        }
    }
}

const ROMAN: [&str; 6] = ["I", "II", "III", "IV", "V", "VI"];

/// A body of about 600 words: an introduction starting with `intro`, four numbered
/// sections with subsections, two lists, a table of figures, a quotation, and links to
/// `links` (the first four are used).
pub fn body(rng: &mut Rng, year: i32, intro: Bi, links: &[Ref]) -> Vec<Block> {
    let mut w = Writer { rng, year };
    let mut links = links.iter().copied();
    let mut out = Vec::new();
    let mut first = vec![Span::Text(intro)];
    first.extend(w.para(2).into_iter().map(|s| match s {
        Span::Text(t) if !t.vi.starts_with(' ') => Span::Text(t.map(|x| format!(" {x}"))),
        s => s,
    }));
    out.push(Block::Para(first));

    let headings = w.rng.sample(words::HEADINGS.len(), 4);
    for (n, h) in headings.into_iter().enumerate() {
        let title = bi(words::HEADINGS[h]);
        out.push(Block::Heading(
            2,
            title.map(|t| format!("{}. {}", ROMAN[n], t.to_uppercase())),
        ));
        match n {
            0 => {
                out.push(Block::Para(w.para(4)));
                out.push(Block::Heading(3, Bi::new("1. Nhiệm vụ", "1. Tasks")));
                let items = (0..5).map(|_| vec![Span::Text(w.task())]).collect();
                out.push(Block::List {
                    ordered: false,
                    items,
                });
                let mut p = w.para(3);
                if let Some(l) = links.next() {
                    p.push(Span::Text(Bi::new(" ", " ")));
                    p.extend(w.link_sentence(l));
                }
                out.push(Block::Para(p));
            }
            1 => {
                out.push(Block::Para(w.para(2)));
                out.push(w.table());
                let mut p = vec![Span::Strong(
                    w.figure_sentence()
                        .map(|s| s.trim_end_matches('.').to_string()),
                )];
                p.push(Span::Text(Bi::new(".", ".")));
                p.extend(w.para(4).into_iter().map(|s| match s {
                    Span::Text(t) if !t.vi.starts_with(' ') => {
                        Span::Text(t.map(|x| format!(" {x}")))
                    }
                    s => s,
                }));
                out.push(Block::Para(p));
            }
            2 => {
                out.push(Block::Para(w.para(3)));
                out.push(Block::Quote(w.sentence()));
                out.push(Block::Heading(3, Bi::new("1. Giải pháp", "1. Measures")));
                let mut items: Vec<Vec<Span>> =
                    (0..4).map(|_| vec![Span::Text(w.task())]).collect();
                if let Some(l) = links.next() {
                    items[1].push(Span::Text(Bi::new(" (xem ", " (see ")));
                    items[1].push(Span::Link(l));
                    items[1].push(Span::Text(Bi::new(")", ")")));
                }
                out.push(Block::List {
                    ordered: true,
                    items,
                });
            }
            _ => {
                out.push(Block::Para(w.para(4)));
                let rest: Vec<Ref> = links.by_ref().collect();
                if !rest.is_empty() {
                    let mut p = vec![Span::Text(bi(words::SEE_ALSO))];
                    for (i, l) in rest.into_iter().enumerate() {
                        p.push(Span::Text(if i == 0 {
                            Bi::new(" ", " ")
                        } else {
                            Bi::new("; ", "; ")
                        }));
                        p.push(Span::Link(l));
                    }
                    p.push(Span::Text(Bi::new(".", ".")));
                    out.push(Block::Para(p));
                }
            }
        }
    }
    out
}

/// Markdown for one language; `link` gives the text and URL of a referenced item.
pub fn markdown(blocks: &[Block], lang: Lang, link: &dyn Fn(Ref) -> (String, String)) -> String {
    let spans = |spans: &[Span]| -> String {
        spans
            .iter()
            .map(|s| match s {
                Span::Text(t) => t.get(lang).to_string(),
                Span::Strong(t) => format!("**{}**", t.get(lang)),
                Span::Link(r) => {
                    let (text, url) = link(*r);
                    format!("[{text}]({url})")
                }
            })
            .collect()
    };
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, t) => out.push_str(&format!(
                "{} {}\n",
                "#".repeat(*level as usize),
                t.get(lang)
            )),
            Block::Para(s) => out.push_str(&format!("{}\n", spans(s))),
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}.", i + 1)
                    } else {
                        "-".to_string()
                    };
                    out.push_str(&format!("{marker} {};\n", spans(item)));
                }
            }
            Block::Table { head, rows } => {
                let row = |cells: &[Bi]| {
                    let cells: Vec<&str> = cells.iter().map(|c| c.get(lang)).collect();
                    format!("| {} |\n", cells.join(" | "))
                };
                out.push_str(&row(head));
                out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                for r in rows {
                    out.push_str(&row(r));
                }
            }
            Block::Quote(t) => out.push_str(&format!("> {}\n", t.get(lang))),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_language_style() {
        assert_eq!(number(12_345, Lang::Vi), "1.234,5");
        assert_eq!(number(12_345, Lang::En), "1,234.5");
        assert_eq!(number(1_000_000, Lang::Vi), "100.000");
        assert_eq!(number(960, Lang::En), "96");
    }
}
