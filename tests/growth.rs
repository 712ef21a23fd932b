//! Inputs that grow (issue 12): each case here once took time or memory that grew with the
//! square of its size, a few hundred KB taking minutes or gigabytes. Each test checks the
//! site at size N and 2N and asserts that twice the input costs about twice the time (the
//! ratio is 2 when linear, 4 when quadratic; the bound is 3.5), never a wall-clock limit.
//!
//! The cost is the CPU time of `minhbach check` (on Linux; wall-clock elsewhere), less that
//! of the same site with a hundredth of the input, the best of two runs: CPU time does not grow
//! when other programs share the machine. The sizes make the work at N take a good part of
//! a second in a debug build, and several minutes before the fixes.

use std::path::Path;
use std::process::Output;
use std::sync::Mutex;
use std::time::Instant;

#[path = "support/site.rs"]
mod support_site;
use support_site::*;

/// Twice the input may cost at most this many times as much.
const MAX_RATIO: f64 = 3.5;
/// Below this, in seconds, a cost is noise: work this small cannot show a square.
const FLOOR: f64 = 0.15;

/// One measurement at a time: the tests of a file run in parallel, and CPU time of the
/// children of this process would count another test's runs.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Seconds of CPU (user and system) used by the waited-for children of this process.
fn children_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name in parentheses; cutime and cstime are the 14th and 15th.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(13)?.parse::<f64>().ok()? + fields.get(14)?.parse::<f64>().ok()?;
    // USER_HZ is 100 on every Linux architecture.
    Some(ticks / 100.0)
}

/// Runs `minhbach check` on `root`: its output and the seconds it cost.
fn check(root: &Path) -> (Output, f64) {
    let (cpu, wall) = (children_cpu(), Instant::now());
    let out = minhbach(root, &["check", "--now", NOW]);
    let cost = match (cpu, children_cpu()) {
        (Some(before), Some(after)) => after - before,
        _ => wall.elapsed().as_secs_f64(),
    };
    (out, cost)
}

/// The best of two runs of `check` on the fixture site changed by `make(root, n)`, and
/// the output of the last.
fn cost(make: &dyn Fn(&Path, usize), n: usize) -> (f64, Output) {
    let site = fixture("basic");
    make(site.path(), n);
    let (_, first) = check(site.path());
    let (out, second) = check(site.path());
    (first.min(second), out)
}

/// Asserts that `make` at `2n` costs at most [`MAX_RATIO`] times what it costs at `n`, and
/// returns the output at `2n` for the test's own assertions.
fn assert_linear(what: &str, make: &dyn Fn(&Path, usize), n: usize) -> Output {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // The fixed cost: the same kind of input, a hundredth of it, so that a case that ends
    // in an error is compared with one that does too.
    let (base, _) = cost(make, n / 100);
    let (at_n, _) = cost(make, n);
    let (at_2n, out) = cost(make, 2 * n);
    let (work_n, work_2n) = (at_n - base, at_2n - base);
    let figures = format!(
        "{what}: {n} → {work_n:.2} s, {} → {work_2n:.2} s (ratio {:.2}; {} → {base:.2} s)",
        2 * n,
        work_2n / work_n.max(0.01),
        n / 100
    );
    eprintln!("{figures}");
    assert!(
        work_2n <= MAX_RATIO * work_n.max(FLOOR),
        "grows faster than its input: {figures}"
    );
    out
}

fn write(root: &Path, path: &str, text: &str) {
    std::fs::write(root.join(path), text).expect("write");
}

/// Appends `text` to the body of a content file of the fixture.
fn append_body(root: &Path, path: &str, text: &str) {
    let mut page = std::fs::read_to_string(root.join(path)).expect("read");
    page.push_str(text);
    write(root, path, &page);
}

/// The fixture's plan, with `lines` put first in its front matter.
fn plan_front_matter(root: &Path, lines: &str) {
    let path = "content/plan/ke-hoach-2022.vi.md";
    let page = std::fs::read_to_string(root.join(path)).expect("read");
    let page = page.replacen("based_on: [ct-12]\n", "", 1);
    write(
        root,
        path,
        &page.replacen("---\n", &format!("---\n{lines}"), 1),
    );
}

/// A listing of thousands of problems is cut, and says how many it left out.
fn assert_listing_is_cut(out: &Output) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.len() < 200_000, "{} bytes of diagnostics", err.len());
    assert!(
        err.contains("… and "),
        "{}",
        &err[err.len().saturating_sub(500)..]
    );
}

#[test]
fn many_broken_links_on_one_long_line() {
    let out = assert_linear(
        "broken links on one line",
        &|root, n| {
            let links: String = (0..n).map(|i| format!("[a](/khong-co-{i}/) ")).collect();
            append_body(root, "content/campaigns/an-toan.vi.md", &links);
        },
        10_000,
    );
    assert_listing_is_cut(&out);
    // Each problem shows a window of the line, not the whole line.
    let err = stderr(&out);
    let source = err
        .lines()
        .find(|l| l.contains("[a](/khong-co-"))
        .expect("a source line");
    assert!(source.chars().count() < 200, "{source}");
}

#[test]
fn many_errors_in_one_data_file() {
    let out = assert_linear(
        "errors in one data file",
        &|root, n| {
            let mut yaml =
                std::fs::read_to_string(root.join("content/data/documents.yaml")).expect("read");
            for i in 0..n {
                // An unknown kind, no English summary, and every tenth id written twice.
                let id = if i % 10 == 1 { i - 1 } else { i };
                yaml.push_str(&format!(
                    "- id: vb-{id}\n  kind: khong-co\n  number: \"{i}\"\n  issuer: {{ vi: \"UBND\", en: \"PC\" }}\n  issued: 2021-12-29\n  summary: {{ vi: \"Tóm tắt\" }}\n"
                ));
            }
            write(root, "content/data/documents.yaml", &yaml);
        },
        3_000,
    );
    assert_listing_is_cut(&out);
    assert!(stderr(&out).contains("content/data/documents.yaml:"));
}

#[test]
fn many_unknown_ids_in_one_front_matter_list() {
    for (what, flow) in [("a block list", false), ("a flow list", true)] {
        let out = assert_linear(
            &format!("unknown ids in {what}"),
            &|root, n| {
                let ids: Vec<String> = (0..n).map(|i| format!("khong-co-{i}")).collect();
                plan_front_matter(
                    root,
                    &if flow {
                        format!("based_on: [{}]\n", ids.join(", "))
                    } else {
                        format!(
                            "based_on:\n{}",
                            ids.iter().map(|i| format!("  - {i}\n")).collect::<String>()
                        )
                    },
                );
            },
            10_000,
        );
        assert_listing_is_cut(&out);
    }
}

#[test]
fn word_bookmarks_without_a_closing_bracket() {
    let out = assert_linear(
        "unclosed [bookmark: ",
        &|root, n| {
            append_body(
                root,
                "content/campaigns/an-toan.vi.md",
                &"[bookmark: _GoBack".repeat(n),
            );
        },
        40_000,
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn deeply_nested_yaml_flow_collections() {
    for (what, path, prefix) in [
        ("front matter", "content/campaigns/an-toan.vi.md", ""),
        (
            "a data file",
            "content/data/units.yaml",
            "- id: x\n  name: ",
        ),
    ] {
        let out = assert_linear(
            &format!("[[[[… in {what}"),
            &|root, n| {
                let text = std::fs::read_to_string(root.join(path)).expect("read");
                let nested = format!("{prefix}{}\n", "[".repeat(n));
                let text = if prefix.is_empty() {
                    text.replacen("---\n", &format!("---\nextra: {nested}"), 1)
                } else {
                    nested
                };
                write(root, path, &text);
            },
            40_000,
        );
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{path}:")) && err.contains("nested more than 32 levels deep"),
            "{err}"
        );
    }
}
