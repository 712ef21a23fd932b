//! The floor of a build: read every markdown file under a folder and render its body with
//! pulldown-cmark, on all cores, nothing else. `benches/run.sh` compares builds with it.
//!
//! `cargo bench --bench floor -- DIR [RUNS]` prints one line per run: `floor <ms> ms`.

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: floor DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    for _ in 0..runs {
        let started = Instant::now();
        let files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| e.into_path())
            .collect();
        let bytes: usize = files
            .par_iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                // The body: after the second `---` line, as a generator would split it.
                let body = text
                    .strip_prefix("---\n")
                    .and_then(|rest| rest.split_once("\n---\n"))
                    .map_or(text.as_str(), |(_, body)| body);
                let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
                let mut out = String::with_capacity(body.len() * 3 / 2);
                html::push_html(&mut out, Parser::new_ext(body, opts));
                out.len()
            })
            .sum();
        println!(
            "floor {} ms ({} files, {} MB of HTML)",
            started.elapsed().as_millis(),
            files.len(),
            bytes / 1_000_000
        );
    }
}
