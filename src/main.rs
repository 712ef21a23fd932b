//! The `minhbach` binary: parse arguments, run the library, print diagnostics, exit code.
//! Exit codes: 0 success, 1 content errors, 2 usage errors (`deploy`: 3, refused by the
//! deletion guard).

use clap::Parser;
use minhbach::cli::{Cli, Command, CommonArgs, Format, ImportCommand, ImportResultsArgs};
use minhbach::error::{self, Diagnostic, Error};
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

/// Prints the diagnostics people can act on: the first [`error::SHOWN`], then a count of
/// the rest.
fn print_all(diags: &[Diagnostic]) {
    let shown = error::shown(diags);
    for d in &shown {
        eprintln!("{d}\n");
    }
    if let Some(more) = error::more(diags, &shown) {
        eprintln!("{more}\n");
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

/// `minhbach deploy`: one summary line on stdout whatever happens (for a timer's log),
/// the details on stderr. Exit codes: 0 deployed or unchanged, 1 failed, 2 usage error,
/// 3 refused by the deletion guard.
fn deploy(d: &minhbach::cli::DeployArgs) -> ExitCode {
    use minhbach::deploy::Failure;
    let mut built = String::new();
    if d.build {
        let now = match minhbach::resolve_now(d.now) {
            Ok(now) => now,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        let opts = minhbach::Options {
            root: d.root.clone(),
            output: d.output.clone(),
            drafts: false,
            base_url: None,
            now,
            force: false,
        };
        match minhbach::build(&opts) {
            Ok(s) => {
                print_all(&s.warnings);
                built = format!("; built for {now}, {} warning(s)", s.warnings.len());
            }
            Err(e) => {
                let errors = match &e {
                    Error::Content(diags) => {
                        print_all(diags);
                        diags.iter().filter(|d| d.is_error()).count()
                    }
                    other => {
                        eprintln!("error: {other}");
                        1
                    }
                };
                println!("deploy: FAILED: the build for {now} failed with {errors} error(s); nothing was deployed");
                return ExitCode::from(1);
            }
        }
    }
    let mut req = match minhbach::deploy::request(
        &d.root,
        d.output.clone(),
        d.target.as_deref(),
        d.to.as_deref(),
    ) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            println!("deploy: FAILED: {}", e.lines().next().unwrap_or_default());
            return ExitCode::from(2);
        }
    };
    req.dry_run = d.dry_run;
    req.allow_deletions = d.allow_deletions;
    req.force = d.force;
    let head = minhbach::deploy::head(&req.name, &req.target);
    match minhbach::deploy::run(&req) {
        Ok(report) => {
            if d.dry_run {
                for line in report.plan_lines(&req.public) {
                    println!("{line}");
                }
            }
            println!("{}{built}", report.line());
            ExitCode::SUCCESS
        }
        Err(Failure::Refused(diag)) => {
            eprintln!("{diag}\n");
            println!("{head}: REFUSED: {}{built}", diag.message);
            ExitCode::from(3)
        }
        Err(Failure::Failed(diags)) => {
            print_all(&diags);
            let first = diags.first().map_or("", |d| d.message.as_str());
            // One line, whatever the message holds.
            let first = first.split_whitespace().collect::<Vec<_>>().join(" ");
            println!("{head}: FAILED: {first}{built}");
            ExitCode::from(1)
        }
    }
}

/// `minhbach import results`: the mapping and one line per row on stdout, each problem as
/// `table:row: error[MB0806]: …` on stderr. Exit codes: 0 written (or would be), 1 problems, 2 usage.
fn import_results(a: &ImportResultsArgs) -> ExitCode {
    use minhbach::import::{results, table};
    use std::io::Read;
    let fail = |e: Error| {
        match e {
            Error::Content(diags) => print_all(&diags),
            e => eprintln!("error: {}", error::escape_controls(&e.to_string())),
        }
        ExitCode::from(1)
    };
    let usage = |e: Error| {
        fail(e);
        ExitCode::from(2)
    };
    if !a.report.is_file() && !a.root.join(&a.report).is_file() {
        eprintln!(
            "error: {}: no such report file; give its path, e.g. content/reports/bao-cao-nam-2024.vi.md",
            error::escape_controls(&a.report.to_string_lossy())
        );
        return ExitCode::from(2);
    }
    let (name, bytes) = if a.table == "-" {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            eprintln!("error: cannot read stdin: {e}");
            return ExitCode::from(2);
        }
        // A workbook piped in is a zip file; anything else is text.
        let name = if bytes.starts_with(b"PK\x03\x04") {
            "stdin.xlsx"
        } else {
            "pasted.tsv"
        };
        (name.to_string(), bytes)
    } else {
        match std::fs::read(&a.table) {
            Ok(b) => (a.table.clone(), b),
            Err(e) => {
                eprintln!("error: {}: {e}", error::escape_controls(&a.table));
                return ExitCode::from(2);
            }
        }
    };
    let report = match &a.lang {
        Some(lang) => match results::language_version(&a.root, &a.report, lang) {
            Ok(p) => p,
            Err(e) => return usage(e),
        },
        None => a.report.clone(),
    };
    let mut table = match table::read(&name, &bytes) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    if a.table == "-" {
        table.source = "stdin".into();
    }
    let src = error::escape_controls(&table.source).into_owned();
    if table.encoding == "windows-1258" {
        eprintln!("{src}: warning: the file is not UTF-8; it was read as Windows-1258 (Vietnamese). Check the notes below, or save the table as \"CSV UTF-8\" to be sure.\n");
    }
    let indicators = match minhbach::import::indicators(&a.root) {
        Ok(i) => i,
        Err(e) => return fail(e),
    };
    let mut mapping = results::guess(&table, &indicators);
    if let Some(map) = &a.map {
        mapping = match mapping.with_overrides(map) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("error: --map: {e}");
                return ExitCode::from(2);
            }
        };
    }
    let plan = match results::plan(&a.root, &report, &table, &mapping) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let header = |c: usize| {
        let name = table
            .headers
            .get(c)
            .filter(|_| mapping.header)
            .map_or(String::new(), |h| {
                format!(" \"{}\"", error::escape_controls(h))
            });
        format!("column {}{name}", c + 1)
    };
    let mut used = vec![format!("indicator = {}", header(mapping.indicator))];
    for (what, col) in [
        ("target", mapping.target),
        ("actual", mapping.actual),
        ("note", mapping.note),
    ] {
        used.push(match col {
            Some(c) => format!("{what} = {}", header(c)),
            None => format!("{what} = (none: kept from the report)"),
        });
    }
    println!("{src}: mapping: {}", used.join(", "));
    println!(
        "figures → {}; notes ({}) → {}",
        plan.facts_file, plan.lang, plan.notes_file
    );
    println!(
        "{:>5}  {:<32} {:>18} {:>18}  problems",
        "row", "indicator", "target", "actual"
    );
    for r in &plan.rows {
        let cell = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        let problems: Vec<&str> = r.problems.iter().map(|p| p.en.as_str()).collect();
        println!(
            "{:>5}  {:<32} {:>18} {:>18}  {}",
            r.line,
            error::escape_controls(&cell(&r.indicator)),
            cell(&r.target),
            cell(&r.actual),
            if problems.is_empty() {
                "ok".to_string()
            } else {
                error::escape_controls(&problems.join("; ")).into_owned()
            }
        );
    }
    for r in &plan.rows {
        for p in &r.problems {
            let at = p
                .column
                .map_or(String::new(), |c| format!("{}: ", header(c)));
            eprintln!(
                "{src}:{}: error[{}]: {at}{}",
                r.line,
                error::Code::ImportRowProblems,
                error::escape_controls(&p.en)
            );
        }
    }
    for p in &plan.problems {
        eprintln!(
            "{src}: error[{}]: {}",
            error::Code::ImportRowProblems,
            error::escape_controls(&p.en)
        );
    }
    if !plan.ok {
        let bad = plan.rows.iter().filter(|r| !r.problems.is_empty()).count();
        eprintln!("{bad} row(s) with problems; nothing was written.");
        return ExitCode::from(1);
    }
    if plan.changes.is_empty() {
        println!("The report already says this; nothing to write.");
    } else if a.dry_run {
        println!("Dry run: would write {}.", plan.changes.join(", "));
    } else {
        if let Err(e) = results::apply(&a.root, &report, &plan) {
            return fail(e);
        }
        println!(
            "Wrote {} ({} results).",
            plan.changes.join(", "),
            plan.rows.len()
        );
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    let result = match &cli.command {
        Command::Deploy(d) => return deploy(d),
        Command::Import(ImportCommand::Results(a)) => return import_results(a),
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
                        eprintln!("error: {}", error::escape_controls(&e.to_string()));
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
            minhbach::serve::run(&opts, &s.bind, s.port, &s.allowed_hosts)
        }
        Command::Edit(e) => {
            let opts = match options(&e.common, None, None) {
                Ok(o) => o,
                Err(code) => return code,
            };
            minhbach::edit::run(&opts, e.port, e.no_open, e.max_upload_mb << 20)
        }
        Command::New(n) => {
            minhbach::scaffold::new(&n.root, n.kind, &n.title, n.lang).map(print_created)
        }
        Command::Init(i) => minhbach::scaffold::init(&i.dir).map(print_created),
        Command::Schemas(s) => minhbach::schema::write_all(&s.out)
            .and_then(|mut paths| {
                if let Some(dir) = &s.reference {
                    paths.extend(minhbach::reference::write_all(dir)?);
                }
                Ok(paths)
            })
            .map(|paths| {
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
            // Paths in it may come from the site's files.
            eprintln!("error: {}", error::escape_controls(&e.to_string()));
            ExitCode::from(1)
        }
    }
}
