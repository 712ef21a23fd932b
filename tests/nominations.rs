//! Nomination lists put out for public comment (issue 15), on the multi-year fixture: three
//! lists (one open on the build date, one not yet open, one decided), the comment window in
//! working days, each status at its boundary days, the calendar, the feed, the open data,
//! the link from an awarded nominee to their exemplar page, and the privacy warnings.

use std::path::Path;
use std::process::Output;

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

const OPEN: &str = "content/nominations/de-nghi-bang-khen-2024.vi.md";

fn build_on(root: &Path, now: &str) -> Output {
    minhbach(root, &["build", "--now", now])
}

fn built_on(now: &str) -> tempfile::TempDir {
    let site = fixture("multiyear");
    let o = build_on(site.path(), now);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    site
}

fn edit(root: &Path, path: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root.join(path)).expect("read");
    assert!(text.contains(from), "{path} has no {from:?}");
    std::fs::write(root.join(path), text.replacen(from, to, 1)).expect("write");
}

/// The status code and label of the open list's page, built on `now`.
fn status_on(now: &str) -> String {
    let site = built_on(now);
    text_of(&read(
        site.path(),
        "nominations/de-nghi-bang-khen-2024/index.html",
    ))
}

#[test]
fn each_status_holds_from_its_first_day() {
    // Posted Monday 1 July 2024; comments count from 2 July to 15 July: 10 working days.
    let page = status_on("2024-07-01");
    assert!(
        page.contains("Sắp lấy ý kiến"),
        "posted, not yet open: {page}"
    );
    let page = status_on("2024-07-02");
    assert!(
        page.contains("Đang lấy ý kiến, còn 10 ngày làm việc"),
        "{page}"
    );
    assert!(page.contains("(10 ngày làm việc)"), "the window: {page}");
    // A Saturday counts nothing.
    let page = status_on("2024-07-13");
    assert!(page.contains("còn 1 ngày làm việc"), "{page}");
    let page = status_on("2024-07-15");
    assert!(
        page.contains("còn 1 ngày làm việc"),
        "the deadline day is still open: {page}"
    );
    let page = status_on("2024-07-16");
    assert!(page.contains("Đã hết hạn góp ý, chờ quyết định"), "{page}");
    // The decided list: closed the day before its decision, decided from its day.
    let site = built_on("2024-05-19");
    let page = text_of(&read(
        site.path(),
        "nominations/de-nghi-giay-khen-hoc-ky-2/index.html",
    ));
    assert!(
        page.contains("chờ quyết định") && !page.contains("Được khen thưởng"),
        "{page}"
    );
    let site = built_on("2024-05-20");
    let page = text_of(&read(
        site.path(),
        "nominations/de-nghi-giay-khen-hoc-ky-2/index.html",
    ));
    assert!(page.contains("Đã có quyết định khen thưởng"), "{page}");
    assert!(page.contains("45/QĐ-SGDĐT"), "{page}");
}

#[test]
fn open_lists_come_first_and_an_awarded_nominee_links_to_their_exemplar() {
    let site = built_on("2024-07-15");
    let root = site.path();
    let index = read(root, "nominations/index.html");
    let at = |slug: &str| index.find(&format!("/nominations/{slug}/")).expect(slug);
    assert!(
        at("de-nghi-bang-khen-2024") < at("de-nghi-thang-8"),
        "open before upcoming"
    );
    assert!(
        at("de-nghi-thang-8") < at("de-nghi-giay-khen-hoc-ky-2"),
        "upcoming before decided"
    );
    // The home page lists the lists still running, open first.
    let home = text_of(&read(root, "index.html"));
    assert!(home.contains("Đang lấy ý kiến khen thưởng"), "{home}");
    assert!(home.contains("còn 1 ngày làm việc"), "{home}");
    // The awarded nominee links to the exemplar page; the other one is not marked.
    let decided = read(root, "nominations/de-nghi-giay-khen-hoc-ky-2/index.html");
    assert!(
        decided.contains("href=\"/guong-dien-hinh/co-nguyen-thi-hoa/\""),
        "{decided}"
    );
    assert_eq!(text_of(&decided).matches("Được khen thưởng").count(), 1);
    // How to comment: a mail with the subject filled in, and the telephone.
    let open = read(root, "nominations/de-nghi-bang-khen-2024/index.html");
    assert!(
        open.contains("href=\"mailto:thidua@sgd.example.gov.vn?subject=G%C3%B3p%20%C3%BD%20"),
        "{open}"
    );
    assert!(open.contains("href=\"tel:02763822123\""), "{open}");
    // English: its own text, the same facts.
    let en = text_of(&read(
        root,
        "en/nominations/de-nghi-bang-khen-2024/index.html",
    ));
    assert!(en.contains("Open for comment, 1 working day left"), "{en}");
    assert!(
        en.contains("Mr Trần Văn Bình") && en.contains("Teacher"),
        "{en}"
    );
    // The timeline has the posting, the last day and the decision.
    let timeline = text_of(&read(root, "dong-thoi-gian/index.html"));
    for kind in [
        "Công khai danh sách đề nghị khen thưởng",
        "Hết hạn góp ý",
        "Quyết định khen thưởng",
    ] {
        assert!(timeline.contains(kind), "{kind} on the timeline");
    }
}

#[test]
fn the_calendar_lists_every_deadline_and_parses() {
    let site = built_on("2024-07-15");
    let ics = read(site.path(), "du-lieu-mo/calendar.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    // Unfold (RFC 5545 3.1) and split into events.
    let unfolded = ics.replace("\r\n ", "");
    let mut events: Vec<Vec<(String, String)>> = Vec::new();
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.len() <= 75 || ics.contains("\r\n "), "folded lines");
        let (k, v) = line.split_once(':').expect("name:value");
        match (k, v) {
            ("BEGIN", "VEVENT") => events.push(Vec::new()),
            _ => {
                if let Some(e) = events.last_mut() {
                    e.push((k.to_string(), v.to_string()));
                }
            }
        }
    }
    let get = |e: &[(String, String)], k: &str| {
        e.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
    }
    let deadline = events
        .iter()
        .find(|e| get(e, "UID").starts_with("nomination-deadline-de-nghi-bang-khen-2024@"))
        .expect("the open list's deadline");
    assert_eq!(get(deadline, "DTSTART;VALUE=DATE"), "20240715");
    assert_eq!(get(deadline, "DTEND;VALUE=DATE"), "20240716");
    assert!(get(deadline, "SUMMARY").starts_with("Hết hạn góp ý: Lấy ý kiến"));
    let window = events
        .iter()
        .find(|e| get(e, "UID").starts_with("nomination-window-de-nghi-bang-khen-2024@"))
        .expect("the open list's window");
    assert_eq!(get(window, "DTSTART;VALUE=DATE"), "20240702");
    // Reporting due dates too: the 9-month report of the 2024 plan.
    assert!(events.iter().any(|e| get(e, "UID")
        == "report-due-ke-hoach-2024-2024-9M@sgd.example.gov.vn"
        && get(e, "DTSTART;VALUE=DATE") == "20241010"));
    // Every event has what a calendar needs, and UIDs are unique.
    let mut uids: Vec<String> = events.iter().map(|e| get(e, "UID")).collect();
    for e in &events {
        for k in ["UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY"] {
            assert!(!get(e, k).is_empty(), "{k} in {e:?}");
        }
    }
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len());
    // The English calendar, and the pages link to them.
    read(site.path(), "en/data/calendar.ics");
    assert!(
        read(site.path(), "nominations/index.html").contains("href=\"/du-lieu-mo/calendar.ics\"")
    );
}

#[test]
fn feeds_and_open_data_carry_the_lists() {
    let site = built_on("2024-07-15");
    let root = site.path();
    let feed = read(root, "atom.xml");
    roxmltree::Document::parse(&feed).expect("the feed is XML");
    assert!(
        feed.contains("/nominations/de-nghi-bang-khen-2024/"),
        "{feed}"
    );
    let lists = json(root, "du-lieu-mo/nominations.json");
    let open = lists
        .as_array()
        .expect("array")
        .iter()
        .find(|l| l["id"] == "de-nghi-bang-khen-2024")
        .expect("the open list");
    assert_eq!(open["status"], "open");
    assert_eq!(open["window_working_days"], 10);
    assert_eq!(open["working_days_left"], 1);
    let nominees = json(root, "du-lieu-mo/nominees.json");
    let hoa = nominees
        .as_array()
        .expect("array")
        .iter()
        .find(|n| n["id"] == "co-nguyen-thi-hoa")
        .expect("the awarded nominee");
    assert_eq!(hoa["awarded"], true);
    assert_eq!(
        hoa["exemplar_url"],
        "https://sgd.example.gov.vn/guong-dien-hinh/co-nguyen-thi-hoa/"
    );
    // Not yet decided: awarded is unknown, not false.
    let binh = nominees
        .as_array()
        .expect("array")
        .iter()
        .find(|n| n["id"] == "thay-tran-van-binh")
        .expect("an open list's nominee");
    assert!(binh["awarded"].is_null());
    // The English data has the English names.
    let en = read(root, "en/data/nominees.csv");
    assert!(en.contains("Mr Trần Văn Bình"), "{en}");
}

#[test]
fn the_window_is_checked_in_working_days() {
    // 1 to 12 July: 9 working days, under the 10 of the site.
    let site = fixture("multiyear");
    edit(
        site.path(),
        OPEN,
        "deadline: 2024-07-15",
        "deadline: 2024-07-12",
    );
    let o = build_on(site.path(), "2024-07-15");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("content/nominations/de-nghi-bang-khen-2024.vi.md:6:11: error[MB0415]: the comment window from 2024-07-02 to 2024-07-12 is 9 working days; the site asks for at least 10"), "{}", stderr(&o));
    // The site may ask for less.
    let settings = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    std::fs::write(
        site.path().join("site.yaml"),
        format!("{settings}nominations: {{ min_comment_days: 5 }}\n"),
    )
    .expect("write");
    let o = build_on(site.path(), "2024-07-15");
    assert!(o.status.success(), "{}", stderr(&o));
    // A window running into a year without holiday data is a warning that says so.
    let site = fixture("multiyear");
    edit(
        site.path(),
        OPEN,
        "posted: 2024-07-01",
        "posted: 2026-12-21",
    );
    edit(
        site.path(),
        OPEN,
        "deadline: 2024-07-15",
        "deadline: 2027-01-08",
    );
    let o = build_on(site.path(), "2027-01-02");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning[MB0416]: the comment window runs into 2027, for which there are no public holidays yet"), "{}", stderr(&o));
    // With the site's own 2027, no warning.
    std::fs::write(
        site.path().join("content/data/holidays.yaml"),
        "- year: 2027\n  off: [\"2027-01-01\"]\n  source: test\n",
    )
    .expect("write");
    let o = build_on(site.path(), "2027-01-02");
    assert!(
        !stderr(&o).contains("no public holidays yet"),
        "{}",
        stderr(&o)
    );
    // A decision before the window closed, and an award to someone not on the list.
    let site = fixture("multiyear");
    let decided = "content/nominations/de-nghi-giay-khen-hoc-ky-2.vi.md";
    edit(site.path(), decided, "date: 2024-05-20", "date: 2024-04-10");
    edit(
        site.path(),
        decided,
        "awarded: [co-nguyen-thi-hoa]",
        "awarded: [co-nguyen-thi-hoa, ai-do]",
    );
    let o = build_on(site.path(), "2024-07-15");
    let err = stderr(&o);
    assert!(
        err.contains(
            "error[MB0417]: decided on 2024-04-10, before the comment window closed (2024-04-15)"
        ),
        "{err}"
    );
    assert!(
        err.contains("error[MB0418]: \"ai-do\" is awarded but is not a nominee of the list"),
        "{err}"
    );
}

#[test]
fn personal_identifiers_in_nominee_text_are_warned_about() {
    let site = fixture("multiyear");
    edit(
        site.path(),
        OPEN,
        "achievements: \"Ba năm liền có học sinh đạt giải học sinh giỏi cấp tỉnh.\"",
        "achievements: \"Sinh ngày 12/3/1980, CCCD 079080001234, ĐT 0912 345 678.\"",
    );
    let o = build_on(site.path(), "2024-07-15");
    assert!(o.status.success(), "warnings, not errors:\n{}", stderr(&o));
    let err = stderr(&o);
    for what in [
        "warning[MB0419]: this looks like a date of birth",
        "warning[MB0419]: this looks like a citizen ID number (CCCD) \"079080001234\"",
        "warning[MB0419]: this looks like a mobile telephone number \"0912 345 678\"",
    ] {
        assert!(err.contains(what), "{what} in:\n{err}");
    }
    assert!(
        err.contains("content/nominations/de-nghi-bang-khen-2024.vi.md:19:20: warning"),
        "{err}"
    );
    // The office's own number for comments is meant to be public.
    assert!(!err.contains("0276 3822 123"), "{err}");
}

#[test]
fn a_translation_keeps_the_facts_of_the_list() {
    let site = fixture("multiyear");
    edit(
        site.path(),
        "content/nominations/de-nghi-bang-khen-2024.en.md",
        "  - id: tap-the-truong-thpt-a\n",
        "  - id: tap-the-truong-thpt-a\n    kind: individual\n",
    );
    let o = build_on(site.path(), "2024-07-15");
    assert!(stderr(&o).contains("error[MB0313]: kind of nominee 2 (id \"tap-the-truong-thpt-a\") is individual here but collective in content/nominations/de-nghi-bang-khen-2024.vi.md"), "{}", stderr(&o));
}

#[test]
fn a_nominee_photo_is_published_through_the_image_stage() {
    let site = built_on("2024-04-05");
    let root = site.path();
    let page = read(root, "nominations/de-nghi-giay-khen-hoc-ky-2/index.html");
    let at = page
        .find("<picture")
        .unwrap_or_else(|| panic!("no <picture> on the list's page:\n{page}"));
    let picture = &page[at..at + page[at..].find("</picture>").expect("</picture>")];
    assert!(picture.contains("srcset="), "{picture}");
    assert!(picture.contains("alt=\"Cô Nguyễn Thị Hoa\""), "{picture}");
    assert!(
        picture.contains("width=") && picture.contains("height="),
        "{picture}"
    );
    // Every file the picture names exists, and the original is not what it points at.
    for src in picture
        .split(['"', ',', ' '])
        .filter(|s| s.starts_with('/') && (s.ends_with(".webp") || s.ends_with(".jpg")))
    {
        assert_ne!(src, "/anh/co-nguyen-thi-hoa.jpg", "{picture}");
        assert!(
            root.join("public").join(&src[1..]).is_file(),
            "{src} named by the picture is not in public/"
        );
    }
}

#[test]
fn links_in_a_list_body_are_checked_like_other_bodies() {
    let site = fixture("multiyear");
    let root = site.path();
    edit(
        root,
        OPEN,
        "Mọi ý kiến gửi về Văn phòng Sở trước hạn.",
        "Mọi ý kiến gửi về [Văn phòng Sở](/khong-co/) trước hạn.",
    );
    let o = build_on(root, "2024-07-15");
    let err = assert_error(&o, &["link to \"/khong-co/\" points nowhere"]);
    assert!(err.contains(OPEN), "{err}");
}
