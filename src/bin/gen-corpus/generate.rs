//! Generation: the corpus for a seed and a size, in a fixed order of draws. Facts first
//! (documents, plans, campaigns, exemplars, reports, pages, events), then one body per
//! item from its own forked stream, once every item it may link to exists.

use crate::dates::{Date, Precision, Written};
use crate::model::{
    Bi, Campaign, Corpus, Document, Event, Exemplar, Kind, Meta, Page, Period, Plan, Ref, Report,
    ResultRow, Unit,
};
use crate::rng::Rng;
use crate::text::{self, capitalize};
use crate::words;
use minhbach::i18n::slugify;
use std::collections::BTreeSet;

/// One plan per year over these years.
pub const FIRST_YEAR: i32 = 2015;
pub const LAST_YEAR: i32 = 2024;

/// Nothing is dated after this, so a build with `--now 2026-01-01` publishes everything.
fn last_day() -> Date {
    Date::new(2025, 12, 31)
}

/// How many items of each kind make `n` items per language.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub campaigns: usize,
    pub exemplars: usize,
    pub reports: usize,
    pub documents: usize,
    pub pages: usize,
}

impl Counts {
    /// 10% campaigns, 70% exemplars, 10% reports, 10% documents and pages (a fifth of
    /// those pages, at least the two menu pages).
    pub fn for_items(n: usize) -> Counts {
        let campaigns = (n / 10).max(1);
        let reports = n / 10;
        let other = (n / 10).max(3);
        let pages = (other / 5).max(2);
        let documents = other - pages;
        Counts {
            campaigns,
            reports,
            pages,
            documents,
            exemplars: n.saturating_sub(campaigns + reports + other),
        }
    }
}

/// `first words of the text as a slug-n`: unique by `n`, readable, not too long.
fn slug(text: &str, words: usize, n: usize) -> String {
    let s = slugify(text);
    let short: Vec<&str> = s.split('-').take(words).collect();
    format!("{}-{n}", short.join("-"))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn precision(rng: &mut Rng, day: usize, month: usize) -> Precision {
    let r = rng.below(100);
    if r < day {
        Precision::Day
    } else if r < day + month {
        Precision::Month
    } else {
        Precision::Year
    }
}

fn person(rng: &mut Rng) -> (String, bool) {
    let female = rng.chance(45);
    let (middle, given) = if female {
        (words::MIDDLE_FEMALE, words::GIVEN_FEMALE)
    } else {
        (words::MIDDLE_MALE, words::GIVEN_MALE)
    };
    let name = format!(
        "{} {} {}",
        rng.pick(words::SURNAMES),
        rng.pick(middle),
        rng.pick(given)
    );
    (name, female)
}

pub fn generate(seed: u64, n: usize) -> Corpus {
    let counts = Counts::for_items(n);
    let mut root = Rng::new(seed);
    let mut c = Corpus {
        units: words::UNITS
            .iter()
            .map(|(id, vi, en)| Unit {
                id: id.to_string(),
                name: Bi::new(*vi, *en),
            })
            .collect(),
        fields: words::FIELDS
            .iter()
            .map(|(vi, en)| Bi::new(*vi, *en))
            .collect(),
        ..Corpus::default()
    };
    documents(&mut root.fork(), &mut c, counts.documents);
    plans(&mut root.fork(), &mut c);
    campaigns(&mut root.fork(), &mut c, counts.campaigns);
    exemplars(&mut root.fork(), &mut c, counts.exemplars);
    reports(&mut root.fork(), &mut c, counts.reports);
    pages(&mut root.fork(), &mut c, counts.pages);
    events(&mut c);
    bodies(&mut root.fork(), &mut c);
    c
}

fn documents(rng: &mut Rng, c: &mut Corpus, count: usize) {
    let mut ids = BTreeSet::new();
    for i in 0..count {
        let kind = rng.below(words::DOC_KINDS.len());
        let (kind_id, _, _, symbol) = words::DOC_KINDS[kind];
        let issuer = match kind_id {
            "luat" => 7,
            "nghi-dinh" => 4,
            "thong-tu" => 3,
            _ => *rng.pick(&[0, 0, 0, 1, 2, 5, 5, 6]),
        };
        let (issuer_vi, issuer_en, issuer_symbol) = words::ISSUERS[issuer];
        let year = rng.range(2012, i64::from(LAST_YEAR)) as i32;
        let no = rng.range(1, 4000);
        let number = match kind_id {
            "luat" => format!("{}/{year}/QH{}", rng.range(1, 60), 13 + (year - 2011) / 5),
            "nghi-dinh" => format!("{}/{year}/NĐ-CP", rng.range(1, 180)),
            "thong-tu" => format!("{}/{year}/TT-BTC", rng.range(1, 120)),
            "cong-van" => format!("{no}/{issuer_symbol}-{}", rng.pick(&["KT", "TH", "VP"])),
            _ => format!("{no}/{symbol}-{issuer_symbol}"),
        };
        let date = Date::between(rng, Date::new(year, 1, 1), Date::new(year, 12, 31));
        let issued = Written {
            date,
            precision: precision(rng, 80, 15),
        };
        let effective = (issued.precision == Precision::Day && rng.chance(50))
            .then(|| Written::day(date.add_days(rng.range(0, 45))));
        let (lead_vi, lead_en) = *rng.pick(words::DOC_SUBJECTS);
        let (obj_vi, obj_en) = *rng.pick(words::OBJECTS);
        let mut id = format!("{}-{year}", slugify(&number));
        if !ids.insert(id.clone()) {
            id = format!("{id}-{i}");
            ids.insert(id.clone());
        }
        let file = rng
            .chance(40)
            .then(|| format!("https://vanban.example.gov.vn/{id}.pdf"));
        c.documents.push(Document {
            id,
            kind,
            number,
            issuer: Bi::new(issuer_vi, issuer_en),
            issued,
            effective,
            summary: Bi::new(
                format!("{lead_vi} {obj_vi} năm {year}."),
                format!("{lead_en} {obj_en} in {year}."),
            ),
            file,
        });
    }
}

/// Documents issued on or before `day`, up to `k` of them, in index order.
fn documents_before(rng: &mut Rng, c: &Corpus, day: Date, k: usize) -> Vec<usize> {
    let eligible: Vec<usize> = (0..c.documents.len())
        .filter(|&i| c.documents[i].issued.start() <= day)
        .collect();
    let mut picked: Vec<usize> = rng
        .sample(eligible.len(), k)
        .into_iter()
        .map(|i| eligible[i])
        .collect();
    picked.sort_unstable();
    picked
}

fn meta(id: String, en_slug: String, title: Bi, summary: Bi) -> Meta {
    Meta {
        slug: Bi::new(id.clone(), en_slug),
        id,
        title,
        summary,
        body: Vec::new(),
    }
}

fn plans(rng: &mut Rng, c: &mut Corpus) {
    for year in FIRST_YEAR..=LAST_YEAR {
        let issued = Date::new(year, 1, rng.range(5, 25) as u32);
        let based_on = documents_before(rng, c, issued, 3);
        let title = Bi::new(
            format!(
                "Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm {year}"
            ),
            format!("Launching the emulation movement to accomplish the political tasks of {year}"),
        );
        let summary = Bi::new(
            format!("Kế hoạch thi đua năm {year} của Sở Tài chính tỉnh Tây Ninh: các phong trào trọng tâm và chế độ báo cáo định kỳ."),
            format!("The {year} emulation plan of the Tây Ninh Department of Finance: its main movements and periodic reporting."),
        );
        c.plans.push(Plan {
            meta: meta(
                format!("ke-hoach-{year}"),
                format!("plan-{year}"),
                title,
                summary,
            ),
            year,
            number: rng.range(10, 300).to_string(),
            issued,
            based_on,
            campaigns: Vec::new(),
            six_month_due: Date::new(year, 6, rng.range(10, 20) as u32),
            annual_due: Date::new(year, 11, rng.range(10, 20) as u32),
            signer: person(rng).0,
        });
    }
}

fn campaigns(rng: &mut Rng, c: &mut Corpus, count: usize) {
    let years = (LAST_YEAR - FIRST_YEAR + 1) as usize;
    for i in 0..count {
        let year = FIRST_YEAR + (i % years) as i32;
        let (theme_vi, theme_en) = *rng.pick(words::CAMPAIGN_THEMES);
        let launched = Written {
            date: Date::between(rng, Date::new(year, 1, 1), Date::new(year, 6, 30)),
            precision: precision(rng, 50, 40),
        };
        let ends = (!rng.chance(10)).then(|| {
            let cap = Date::new((year + rng.range(0, 2) as i32).min(2025), 12, 31);
            let first = launched.end().add_days(1);
            let date = Date::between(rng, first, cap.max(first));
            Written {
                date,
                precision: precision(rng, 30, 20),
            }
        });
        let lead_unit = rng.below(c.units.len());
        let k = rng.range(1, 3) as usize;
        let mut fields = rng.sample(c.fields.len(), k);
        fields.sort_unstable();
        let k = rng.below(3);
        let based_on = documents_before(rng, c, launched.start(), k);
        let unit = &c.units[lead_unit].name;
        let title = Bi::new(
            format!("Phong trào “{theme_vi}” năm {year}"),
            format!("“{theme_en}” movement, {year}"),
        );
        let summary = Bi::new(
            format!(
                "Phong trào thi đua “{theme_vi}” do {} chủ trì, phát động năm {year}.",
                unit.vi
            ),
            format!(
                "The “{theme_en}” emulation movement, led by the {} and launched in {year}.",
                unit.en
            ),
        );
        c.campaigns.push(Campaign {
            meta: meta(
                slug(&format!("{theme_vi} {year}"), 6, i),
                slug(&format!("{theme_en} {year}"), 6, i),
                title,
                summary,
            ),
            launched,
            ends,
            lead_unit,
            fields,
            based_on,
        });
        if let Some(p) = c.plans.iter_mut().find(|p| p.year == year) {
            p.campaigns.push(i);
        }
    }
}

/// The last day a campaign can recognize anyone: its end, or two years after launch.
fn campaign_end(cp: &Campaign) -> Date {
    let open = Date::new(cp.launched.start().y + 2, 12, 31);
    cp.ends.map_or(open, Written::end).min(last_day())
}

fn exemplars(rng: &mut Rng, c: &mut Corpus, count: usize) {
    for i in 0..count {
        let campaign = rng.below(c.campaigns.len());
        let cp = &c.campaigns[campaign];
        let recognized = Date::between(rng, cp.launched.start(), campaign_end(cp));
        let collective = rng.chance(30);
        let unit = rng.below(c.units.len());
        let (title, award) = if collective {
            let name = &c.units[unit].name;
            (
                Bi::new(
                    format!("Tập thể {}", name.vi),
                    format!("{} (collective)", name.en),
                ),
                rng.pick(words::AWARDS_COLLECTIVE),
            )
        } else {
            let (name, female) = person(rng);
            let (vi, en) = if female {
                ("Bà", "Ms")
            } else {
                ("Ông", "Mr")
            };
            (
                Bi::new(format!("{vi} {name}"), format!("{en} {name}")),
                rng.pick(words::AWARDS_INDIVIDUAL),
            )
        };
        let award = Bi::new(award.0, award.1);
        let y = recognized.y;
        let summary = Bi::new(
            format!(
                "{} được khen thưởng năm {y}: {}.",
                title.vi,
                lower_first(&award.vi)
            ),
            format!(
                "{} was commended in {y}: {}.",
                title.en,
                lower_first(&award.en)
            ),
        );
        c.exemplars.push(Exemplar {
            meta: meta(slug(&title.vi, 6, i), slug(&title.en, 6, i), title, summary),
            collective,
            unit,
            campaign,
            recognized,
            award,
            illustrative: rng.chance(20),
        });
    }
}

fn reports(rng: &mut Rng, c: &mut Corpus, count: usize) {
    let years = (LAST_YEAR - FIRST_YEAR + 1) as usize;
    let mut claimed: std::collections::BTreeSet<(Period, Vec<usize>)> = Default::default();
    for i in 0..count {
        let period = Period {
            year: FIRST_YEAR + (i / 2 % years) as i32,
            half: i % 2 == 0,
        };
        let plan = c
            .plans
            .iter()
            .find(|p| p.year == period.year)
            .expect("a plan for every report year");
        let due = if period.half {
            plan.six_month_due
        } else {
            plan.annual_due
        };
        let submitted = match rng.below(100) {
            0..70 => Some(due.add_days(-rng.range(0, 25))),
            70..85 => Some(due.add_days(rng.range(1, 40))),
            _ => None,
        };
        // Campaigns running in the period's year; else any launched by then; else any.
        let running: Vec<usize> = (0..c.campaigns.len())
            .filter(|&k| {
                let cp = &c.campaigns[k];
                cp.launched.start().y <= period.year
                    && cp.ends.is_none_or(|e| e.end().y >= period.year)
            })
            .collect();
        let pool = if running.is_empty() {
            (0..c.campaigns.len()).collect()
        } else {
            running
        };
        // One figure per indicator of a campaign in a report, and no two reports for one
        // period about the same campaigns: what minhbach checks.
        let mut results: Vec<ResultRow> = Vec::new();
        for _ in 0..rng.range(4, 8) {
            let campaign = *rng.pick(&pool);
            let (ivi, ien, uvi, uen, percent) = *rng.pick(words::INDICATORS);
            if results
                .iter()
                .any(|r| r.campaign == campaign && r.indicator.vi == ivi)
            {
                continue;
            }
            let target = if percent {
                rng.range(80, 100) * 10
            } else {
                rng.range(5, 3000) * 10
            };
            results.push(ResultRow {
                campaign,
                indicator: Bi::new(ivi, ien),
                target,
                actual: target * rng.range(75, 115) / 100,
                unit: Bi::new(uvi, uen),
            });
        }
        let mut key: Vec<usize> = results.iter().map(|r| r.campaign).collect();
        key.sort_unstable();
        key.dedup();
        // A report whose campaigns another report of the period already covers gives its
        // figures for one more campaign, or none (a narrative report of its own).
        if !claimed.insert((period, key.clone())) {
            let extra = (0..c.campaigns.len()).find(|k| {
                !key.contains(k) && {
                    let mut more = key.clone();
                    more.push(*k);
                    more.sort_unstable();
                    !claimed.contains(&(period, more))
                }
            });
            match extra {
                Some(k) => {
                    let (ivi, ien, uvi, uen, _) = words::INDICATORS[0];
                    results.push(ResultRow {
                        campaign: k,
                        indicator: Bi::new(ivi, ien),
                        target: 1000,
                        actual: 950,
                        unit: Bi::new(uvi, uen),
                    });
                    key.push(k);
                    key.sort_unstable();
                    claimed.insert((period, key));
                }
                None => results.clear(),
            }
        }
        let unit = &c.units[rng.below(c.units.len())].name;
        let label = period.label();
        let title = Bi::new(
            format!("Báo cáo kết quả thi đua {} – {}", label.vi, unit.vi),
            format!("Emulation results for {}: {}", label.en, unit.en),
        );
        let summary = Bi::new(
            format!(
                "Kết quả thực hiện các phong trào thi đua {} của {}.",
                label.vi, unit.vi
            ),
            format!(
                "Results of the emulation movements in {} reported by the {}.",
                label.en, unit.en
            ),
        );
        let (id, en) = (
            slug(&format!("bao cao {} {}", period.code(), unit.vi), 8, i),
            slug(&format!("report {} {}", period.code(), unit.en), 8, i),
        );
        c.reports.push(Report {
            meta: meta(id, en, title, summary),
            period,
            submitted,
            results,
            illustrative: rng.chance(10),
        });
    }
}

fn pages(rng: &mut Rng, c: &mut Corpus, count: usize) {
    for i in 0..count {
        let page = match i {
            0 => Page {
                meta: meta(
                    "gioi-thieu".into(),
                    "about".into(),
                    Bi::new("Giới thiệu", "About"),
                    Bi::new(
                        "Trang web công khai các kế hoạch, phong trào thi đua và báo cáo của Sở Tài chính tỉnh Tây Ninh.",
                        "This site publishes the emulation plans, campaigns and reports of the Tây Ninh Department of Finance.",
                    ),
                ),
                menu: Some(1),
            },
            1 => Page {
                meta: meta(
                    "lien-he".into(),
                    "contact".into(),
                    Bi::new("Liên hệ", "Contact"),
                    Bi::new(
                        "Địa chỉ và đầu mối liên hệ của Sở Tài chính.",
                        "Address and contact points of the Department of Finance.",
                    ),
                ),
                menu: Some(2),
            },
            _ => {
                let (tvi, ten) = *rng.pick(words::PAGE_TOPICS);
                let field = &c.fields[rng.below(c.fields.len())];
                let title = Bi::new(
                    format!("{tvi} {}", lower_first(&field.vi)),
                    format!("{ten} {}", lower_first(&field.en)),
                );
                let summary = Bi::new(
                    format!("Thông tin tổng hợp: {}.", lower_first(&title.vi)),
                    format!("Collected information: {}.", lower_first(&title.en)),
                );
                Page {
                    meta: meta(slug(&title.vi, 6, i), slug(&title.en, 6, i), title, summary),
                    menu: None,
                }
            }
        };
        c.pages.push(page);
    }
}

fn events(c: &mut Corpus) {
    for (index, p) in c.plans.iter().enumerate() {
        let y = p.year;
        let link = Some(Ref {
            kind: Kind::Plan,
            index,
        });
        c.events.push(Event {
            id: format!("so-ket-{y}"),
            date: Written {
                date: Date::new(y, 7, 1),
                precision: Precision::Month,
            },
            title: Bi::new(
                format!("Hội nghị sơ kết 6 tháng đầu năm {y}"),
                format!("Mid-year review meeting, {y}"),
            ),
            link,
        });
        c.events.push(Event {
            id: format!("tong-ket-{y}"),
            date: Written::day(Date::new(y, 12, 20)),
            title: Bi::new(
                format!("Hội nghị tổng kết phong trào thi đua năm {y}"),
                format!("Year-end emulation review conference, {y}"),
            ),
            link,
        });
    }
}

/// A random item to link to, weighted towards the kinds there are most of.
fn random_ref(rng: &mut Rng, c: &Corpus) -> Ref {
    loop {
        let kind = match rng.below(100) {
            0..40 => Kind::Exemplar,
            40..60 => Kind::Campaign,
            60..75 => Kind::Report,
            75..85 => Kind::Plan,
            85..95 => Kind::Document,
            _ => Kind::Page,
        };
        let n = c.count(kind);
        if n > 0 {
            return Ref {
                kind,
                index: rng.below(n),
            };
        }
    }
}

/// Four links: something the item is about first, then three anywhere in the corpus.
fn links(rng: &mut Rng, c: &Corpus, about: Ref) -> Vec<Ref> {
    let mut out = vec![about];
    out.extend((0..3).map(|_| random_ref(rng, c)));
    out
}

fn bodies(rng: &mut Rng, c: &mut Corpus) {
    let campaign = |index| Ref {
        kind: Kind::Campaign,
        index,
    };
    for i in 0..c.plans.len() {
        let mut r = rng.fork();
        let p = &c.plans[i];
        let about = p.campaigns.first().map_or(
            Ref {
                kind: Kind::Plan,
                index: i,
            },
            |&k| campaign(k),
        );
        let links = links(&mut r, c, about);
        let y = p.year;
        let intro = Bi::new(
            format!("Thực hiện chỉ đạo của UBND tỉnh, Sở Tài chính xây dựng Kế hoạch thi đua năm {y} như sau."),
            format!("Following the direction of the Provincial People's Committee, the Department of Finance sets out its emulation plan for {y} as follows."),
        );
        c.plans[i].meta.body = text::body(&mut r, y, intro, &links);
    }
    for i in 0..c.campaigns.len() {
        let mut r = rng.fork();
        let cp = &c.campaigns[i];
        let y = cp.launched.start().y;
        let plan = Ref {
            kind: Kind::Plan,
            index: (y - FIRST_YEAR) as usize,
        };
        let links = links(&mut r, c, plan);
        let intro = Bi::new(
            format!("Phong trào được phát động trong toàn cơ quan năm {y}."),
            format!("The movement was launched across the agency in {y}."),
        );
        c.campaigns[i].meta.body = text::body(&mut r, y, intro, &links);
    }
    for i in 0..c.exemplars.len() {
        let mut r = rng.fork();
        let e = &c.exemplars[i];
        let links = links(&mut r, c, campaign(e.campaign));
        let y = e.recognized.y;
        let t = &e.meta.title;
        let intro = Bi::new(
            format!(
                "{} được ghi nhận nhờ thành tích nổi bật trong năm {y}.",
                t.vi
            ),
            format!("{} was recognised for outstanding work in {y}.", t.en),
        );
        c.exemplars[i].meta.body = text::body(&mut r, y, intro, &links);
    }
    for i in 0..c.reports.len() {
        let mut r = rng.fork();
        let rep = &c.reports[i];
        let first = rep.results.first().map_or(0, |x| x.campaign);
        let links = links(&mut r, c, campaign(first));
        let label = rep.period.label();
        let intro = Bi::new(
            capitalize(&format!(
                "báo cáo tổng hợp kết quả thực hiện các phong trào thi đua {}.",
                label.vi
            )),
            format!(
                "This report sums up the results of the emulation movements for {}.",
                label.en
            ),
        );
        let y = rep.period.year;
        c.reports[i].meta.body = text::body(&mut r, y, intro, &links);
    }
    for i in 0..c.pages.len() {
        let mut r = rng.fork();
        let about = Ref {
            kind: Kind::Plan,
            index: c.plans.len() - 1,
        };
        let links = links(&mut r, c, about);
        let intro = Bi::new(
            "Trang này cung cấp thông tin chung cho người đọc.",
            "This page gives general information for readers.",
        );
        c.pages[i].meta.body = text::body(&mut r, LAST_YEAR, intro, &links);
    }
}
