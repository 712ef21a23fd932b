//! The `minhbach` binary: parse arguments, run the library, print diagnostics, exit code.
//! Exit codes: 0 success, 1 content errors, 2 usage errors.

use clap::Parser;
use minhbach::cli::{Cli, Command, CommonArgs, Format};
use minhbach::error::{Diagnostic, Error};
use std::process::ExitCode;
use std::time::Instant;

// Rendering makes and drops many small strings on every thread; glibc's malloc keeps
// memory in per-thread arenas and returns little of it. mimalloc: faster, and a smaller
// peak (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn options(
    c: &CommonArgs,
    output: Option<std::path::PathBuf>,
    base_url: Option<String>,
) -> Result<minhbach::Options, ExitCode> {
    let now = minhbach::resolve_now(c.now).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })?;
    Ok(minhbach::Options {
        root: c.root.clone(),
        output,
        drafts: c.drafts,
        base_url,
        now,
        force: false,
    })
}

fn print_all(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}\n");
    }
}

fn print_created(c: minhbach::scaffold::Created) {
    for p in &c.paths {
        println!("created {}", p.display());
    }
    for n in &c.notes {
        println!("note: {n}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    let result = match &cli.command {
        Command::Build(b) => {
            let opts = match options(&b.common, b.output.clone(), b.base_url.clone()) {
                Ok(o) => minhbach::Options {
                    force: b.force,
                    ..o
                },
                Err(code) => return code,
            };
            minhbach::build(&opts).map(|s| {
                print_all(&s.warnings);
                if s.images.made + s.images.cached > 0 {
                    println!(
                        "Images: {} made, {} from the cache (.minhbach-cache/images/)",
                        s.images.made, s.images.cached
                    );
                }
                let per_lang: Vec<String> =
                    s.pages.iter().map(|(l, n)| format!("{l} {n}")).collect();
                println!(
                    "Built {} pages ({}), {} files, {} warning(s) in {} ms → {}",
                    s.pages.values().sum::<usize>(),
                    per_lang.join(", "),
                    s.files,
                    s.warnings.len(),
                    started.elapsed().as_millis(),
                    s.output.display()
                );
                if b.timings {
                    println!("Timings: {}", s.timings);
                }
            })
        }
        Command::Check(c) => {
            let opts = match options(&c.common, None, None) {
                Ok(o) => o,
                Err(code) => return code,
            };
            if c.format == Format::Json {
                let (diags, ok) = match minhbach::check(&opts) {
                    Ok(w) => (w, true),
                    Err(Error::Content(d)) => (d, false),
                    Err(e) => {
                        eprintln!("error: {e}");
                        return ExitCode::from(1);
                    }
                };
                println!("{}", minhbach::error::to_json(&diags));
                return if ok {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                };
            }
            minhbach::check(&opts).map(|warnings| {
                print_all(&warnings);
                println!(
                    "No errors, {} warning(s). Checked in {} ms.",
                    warnings.len(),
                    started.elapsed().as_millis()
                );
            })
        }
        Command::Serve(s) => {
            let opts = match options(&s.common, None, None) {
                Ok(o) => o,
                Err(code) => return code,
            };
            minhbach::serve::run(&opts, &s.bind, s.port)
        }
        Command::New(n) => {
            minhbach::scaffold::new(&n.root, n.kind, &n.title, n.lang).map(print_created)
        }
        Command::Init(i) => minhbach::scaffold::init(&i.dir).map(print_created),
        Command::Schemas(s) => minhbach::schema::write_all(&s.out).map(|paths| {
            for p in paths {
                println!("wrote {}", p.display());
            }
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Content(diags)) => {
            print_all(&diags);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "{errors} error(s), {} warning(s); nothing was written.",
                diags.len() - errors
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
