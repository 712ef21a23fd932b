//! A one-file rebuild through the code path the preview server uses
//! (`minhbach::rebuild::Session`): build once, then append a sentence to the body of one
//! file and rebuild, several times; then change its front matter (a full rebuild).
//! The file is put back as it was at the end.
//!
//! `cargo bench --bench rebuild -- ROOT FILE [RUNS]` (FILE relative to ROOT) prints
//! `first <ms>`, one `body <ms>` per run and `front <ms>`.

use minhbach::rebuild::Session;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let (Some(root), Some(file)) = (args.next().map(PathBuf::from), args.next()) else {
        eprintln!("usage: rebuild ROOT FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let opts = minhbach::Options {
        root: root.clone(),
        output: None,
        drafts: false,
        base_url: None,
        force: false,
        now: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date"),
    };
    let path = root.join(&file);
    let original = std::fs::read_to_string(&path).expect("the file to edit");
    let mut session = Session::new(opts);
    let started = Instant::now();
    let first = session.rebuild(&[]).expect("the site builds");
    println!(
        "first {} ms ({} files)",
        started.elapsed().as_millis(),
        first.files.len()
    );
    drop(first);
    let changed = [file.clone()];
    for run in 0..runs {
        let text = format!("{original}\n\nCâu thêm số {run} để đo thời gian dựng lại.\n");
        std::fs::write(&path, text).expect("edit the file");
        let started = Instant::now();
        let report = session.rebuild(&changed).expect("the edit builds");
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        assert!(report.partial, "a body edit is rebuilt in part");
        println!(
            "body {ms:.1} ms ({} files changed; {})",
            report.changed, report.timings
        );
    }
    let edited = original.replacen("title: ", "title: Sửa ", 1);
    std::fs::write(&path, edited).expect("edit the file");
    let started = Instant::now();
    let report = session.rebuild(&changed).expect("the edit builds");
    println!(
        "front {} ms ({} files changed)",
        started.elapsed().as_millis(),
        report.changed
    );
    std::fs::write(&path, original).expect("put the file back");
}
