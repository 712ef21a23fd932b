//! One-file rebuilds through the code path the preview server uses
//! (`minhbach::rebuild::Session`), one kind of edit at a time: build once, then for each
//! kind change one file, rebuild, and put the file back (and rebuild again, untimed).
//!
//! `cargo bench --bench rebuild -- ROOT [RUNS [KINDS]]` on a corpus of `gen-corpus` prints
//! `first <ms>`, then one line per kind of edit, `<kind> <median ms> (<min>–<max>)`, with
//! RUNS runs each (default 3), and the peak memory of the process (`peak <MB>`). An edit
//! the preview first shows by a quick look (its item's pages) also prints
//! `whole site <median ms>`: the full build that follows it, until every file equals a
//! clean build's.
//!
//! Kinds: `body` (a sentence appended to an exemplar's text), `title` (its title),
//! `date` (its recognition date), `campaign` (the campaign it names), `data` (a unit's
//! name in `content/data/units.yaml`), `plan` (a plan's title), `documents` (a
//! document's number in `content/data/documents.yaml`), `translation` (an exemplar's
//! English file removed; putting it back, untimed, is a translation added), `new` (a copy
//! of the exemplar under a new name) and `delete` (another exemplar's English file
//! removed).

use minhbach::rebuild::Session;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Changes files under the site root (in run `usize`), returns the paths it touched.
type Apply = Box<dyn Fn(&Path, usize) -> Vec<String>>;
/// Puts the files back, returns the paths it touched.
type Undo = Box<dyn Fn(&Path) -> Vec<String>>;

/// One kind of edit.
struct Edit {
    name: &'static str,
    apply: Apply,
    undo: Undo,
}

fn first_file(root: &Path, folder: &str, suffix: &str) -> String {
    let mut names: Vec<String> = std::fs::read_dir(root.join("content").join(folder))
        .expect("the corpus folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(suffix))
        .collect();
    names.sort();
    format!("content/{folder}/{}", names[names.len() / 2])
}

/// The value of the front matter field `key` of a file's text.
fn field<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let line = text.lines().find(|l| l.starts_with(&format!("{key}: ")))?;
    Some(line[key.len() + 2..].trim())
}

/// A campaign the exemplar `file` could name instead of its own: that of another
/// exemplar recognized in the same month, no later (so the campaign had begun).
fn another_campaign(root: &Path, file: &str) -> String {
    let text = std::fs::read_to_string(root.join(file)).expect("the exemplar");
    let (own, date) = (field(&text, "campaign"), field(&text, "recognized"));
    let (own, date) = (own.expect("a campaign"), date.expect("a date"));
    let mut names: Vec<PathBuf> = std::fs::read_dir(root.join("content/exemplars"))
        .expect("the exemplars")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".vi.md"))
        .collect();
    names.sort();
    names
        .iter()
        .find_map(|p| {
            let other = std::fs::read_to_string(p).ok()?;
            let (c, d) = (field(&other, "campaign")?, field(&other, "recognized")?);
            (c != own && d <= date && d[..7] == date[..7]).then(|| c.to_string())
        })
        .expect("another exemplar recognized in the same month")
}

/// An edit of one file's text by `change`, undone by writing the original back.
fn text_edit(
    name: &'static str,
    root: &Path,
    file: &str,
    change: impl Fn(&str, usize) -> String + 'static,
) -> Edit {
    let original = std::fs::read_to_string(root.join(file)).expect("the file to edit");
    let (f1, f2) = (file.to_string(), file.to_string());
    let keep = original.clone();
    Edit {
        name,
        apply: Box::new(move |root, run| {
            std::fs::write(root.join(&f1), change(&original, run)).expect("edit");
            vec![f1.clone()]
        }),
        undo: Box::new(move |root| {
            std::fs::write(root.join(&f2), &keep).expect("put back");
            vec![f2.clone()]
        }),
    }
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: rebuild ROOT [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    // Only these kinds (comma-separated), if given.
    let only: Option<Vec<String>> = args
        .next()
        .map(|k| k.split(',').map(String::from).collect());
    let opts = minhbach::Options {
        root: root.clone(),
        output: None,
        drafts: false,
        base_url: None,
        force: false,
        now: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date"),
    };
    let exemplar = first_file(&root, "exemplars", ".vi.md");
    let plan = first_file(&root, "plan", ".vi.md");
    let other_campaign = another_campaign(&root, &exemplar);
    let twin = exemplar.replace(".vi.md", ".en.md");
    let twin_text = std::fs::read_to_string(root.join(&twin)).expect("an English twin");
    let fresh = exemplar.replace(".vi.md", "-copy.vi.md");
    let fresh_text = std::fs::read_to_string(root.join(&exemplar))
        .expect("the exemplar")
        .replacen("title: \"", "title: \"Copy ", 1);
    let deleted = first_file(&root, "exemplars", ".en.md");
    let deleted_text = std::fs::read_to_string(root.join(&deleted)).expect("a file to delete");
    let edits = vec![
        text_edit("body", &root, &exemplar, |t, run| {
            format!("{t}\n\nCâu thêm số {run} để đo thời gian dựng lại.\n")
        }),
        text_edit("title", &root, &exemplar, |t, run| {
            t.replacen("title: \"", &format!("title: \"Sửa {run} "), 1)
        }),
        text_edit("date", &root, &exemplar, |t, run| {
            let at = t.find("recognized: ").expect("a date") + "recognized: ".len();
            format!("{}2019-0{}-1{}", &t[..at], 1 + run % 9, run % 10) + &t[at + 10..]
        }),
        text_edit("campaign", &root, &exemplar, move |t, _| {
            let at = t.find("\ncampaign: ").expect("a campaign") + 1;
            let end = at + t[at..].find('\n').expect("a line");
            format!("{}campaign: {other_campaign}{}", &t[..at], &t[end..])
        }),
        text_edit("data", &root, "content/data/units.yaml", |t, run| {
            t.replacen("Văn phòng Sở", &format!("Văn phòng Sở {run}"), 1)
        }),
        text_edit("plan", &root, &plan, |t, run| {
            t.replacen("title: \"", &format!("title: \"({run}) "), 1)
        }),
        text_edit(
            "documents",
            &root,
            "content/data/documents.yaml",
            |t, run| t.replacen("number: \"", &format!("number: \"{run}"), 1),
        ),
        Edit {
            name: "translation",
            apply: {
                let twin = twin.clone();
                Box::new(move |root, _| {
                    std::fs::remove_file(root.join(&twin)).expect("remove the twin");
                    vec![twin.clone()]
                })
            },
            undo: {
                let twin = twin.clone();
                Box::new(move |root| {
                    std::fs::write(root.join(&twin), &twin_text).expect("put back");
                    vec![twin.clone()]
                })
            },
        },
        Edit {
            name: "new",
            apply: {
                let fresh = fresh.clone();
                Box::new(move |root, _| {
                    std::fs::write(root.join(&fresh), &fresh_text).expect("new file");
                    vec![fresh.clone()]
                })
            },
            undo: Box::new(move |root| {
                std::fs::remove_file(root.join(&fresh)).expect("remove");
                vec![fresh.clone()]
            }),
        },
        Edit {
            name: "delete",
            apply: {
                let deleted = deleted.clone();
                Box::new(move |root, _| {
                    std::fs::remove_file(root.join(&deleted)).expect("delete");
                    vec![deleted.clone()]
                })
            },
            undo: Box::new(move |root| {
                std::fs::write(root.join(&deleted), &deleted_text).expect("put back");
                vec![deleted.clone()]
            }),
        },
    ];
    let mut session = Session::new(opts);
    let started = Instant::now();
    let first = session.rebuild(&[]).expect("the site builds");
    println!(
        "first {} ms ({} files; peak {} MB)",
        started.elapsed().as_millis(),
        first.files.len(),
        minhbach::peak_rss().unwrap_or(0) / 1024
    );
    drop(first);
    let edits = edits
        .into_iter()
        .filter(|e| only.as_ref().is_none_or(|o| o.iter().any(|k| k == e.name)));
    for edit in edits {
        let mut times = Vec::new();
        let mut rest = Vec::new();
        let mut last = String::new();
        for run in 0..runs {
            let changed = (edit.apply)(&root, run);
            let started = Instant::now();
            // An edit may break the site (a translation removed that another page
            // links to): the time to say so counts as well.
            let result = session.rebuild(&changed);
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            last = match result {
                Ok(report) => format!(
                    "{} files changed, {}: {}",
                    report.changed,
                    match (report.quick, report.partial) {
                        (true, _) => "quick look",
                        (false, true) => "partial",
                        (false, false) => "full",
                    },
                    report.timings
                ),
                Err(_) => "the edit does not build".to_string(),
            };
            // After a quick look, the rest of the site: the time until the whole preview
            // equals a clean build.
            if session.owes() {
                let started = Instant::now();
                let done = session.finish();
                rest.push(started.elapsed().as_secs_f64() * 1000.0);
                match done {
                    Ok(report) => last.push_str(&format!(
                        "; then the rest of the site: {} files changed, {}",
                        report.changed, report.timings
                    )),
                    Err(_) => last.push_str("; then the rest of the site does not build"),
                }
            }
            let changed = (edit.undo)(&root);
            session.rebuild(&changed).expect("the site builds again");
            if session.owes() {
                session.finish().expect("the site builds again");
            }
        }
        let median = |times: &mut Vec<f64>| {
            times.sort_by(f64::total_cmp);
            format!(
                "{:.1} ms ({:.1}–{:.1})",
                times[times.len() / 2],
                times[0],
                times[times.len() - 1]
            )
        };
        let whole = match rest.is_empty() {
            true => String::new(),
            false => format!(", whole site {}", median(&mut rest)),
        };
        println!("{} {}{whole} ({last})", edit.name, median(&mut times));
    }
    println!("peak {} MB", minhbach::peak_rss().unwrap_or(0) / 1024);
}
