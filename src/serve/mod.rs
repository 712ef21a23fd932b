//! Live preview: build, serve on loopback, watch, rebuild, reload. Calls the same `plan()`
//! as `build`; never a second pipeline.
//!
//! The site is built in memory and served from there: each successful rebuild swaps in a
//! new [`Snapshot`] behind an `Arc`, so a request sees either the old site or the new one,
//! never a half-written folder, and `public/` is not touched. A failed rebuild keeps the last
//! good site and shows its errors over every page (see `live`).
//!
//! Threads: a few HTTP workers answer requests from the current snapshot; one thread per
//! open page streams live-reload events; one thread takes debounced file events and
//! rebuilds; the main thread waits for Ctrl-C.

mod http;
mod live;

use crate::error::{Diagnostic, Error};
use crate::rebuild::{Files, Session};
use crate::Options;
use notify::{RecursiveMode, Watcher as _};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::Path;
use std::sync::{mpsc, Arc, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The parts of a site folder a preview watches; `public/`, `target/` and the rest are not.
const WATCHED_DIRS: [&str; 4] = ["content", "static", "themes", "templates"];
const WATCHED_FILE: &str = crate::config::FILE;

/// How long the sources must be quiet before a rebuild: one save of several files (or an
/// editor's write-then-rename) becomes one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// A burst of changes that never pauses still gets a rebuild this often.
const DEBOUNCE_MAX: Duration = Duration::from_secs(2);

/// Threads answering ordinary requests; event streams get their own.
const HTTP_WORKERS: usize = 4;

/// The site as it is served now.
struct Snapshot {
    /// The last good build, path → bytes; `None` until a build has succeeded.
    files: Option<Arc<Files>>,
    /// Changes whenever open pages should reload. Starts at the clock so that pages left
    /// open across a restart of the preview reload too.
    generation: u64,
    /// The diagnostics of the latest build if it failed; empty when it succeeded.
    problems: Vec<Diagnostic>,
    /// The warnings of the last good build, so a rebuild prints only new ones.
    warnings: Vec<Diagnostic>,
}

struct State {
    current: RwLock<Arc<Snapshot>>,
    listeners: live::Listeners,
}

impl State {
    fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(
            &self
                .current
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    fn replace(&self, next: Snapshot) {
        *self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(next);
    }
}

/// Runs the preview server until Ctrl-C.
pub fn run(opts: &Options, bind: &str, port: u16) -> Result<(), Error> {
    let listen = format!("{bind}:{port}");
    let server = tiny_http::Server::http((bind, port)).map_err(|e| {
        Error::io(
            Path::new(&listen),
            std::io::Error::other(format!(
                "cannot listen here ({e}); choose another --port or --bind"
            )),
        )
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .expect("a server made by Server::http listens on an IP address");
    let url = format!("http://{}/", browsable(addr));
    let (stop_tx, stop_rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    })
    .map_err(|e| Error::io(Path::new("Ctrl-C"), std::io::Error::other(e)))?;

    // Links and feeds point at the preview, whatever base_url (and its path) site.yaml has.
    let mut opts = opts.clone();
    opts.base_url = Some(url.clone());
    opts.root = std::path::absolute(&opts.root).unwrap_or(opts.root);

    let state = Arc::new(State {
        current: RwLock::new(Arc::new(Snapshot {
            files: None,
            generation: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(1, |d| d.as_secs()),
            problems: Vec::new(),
            warnings: Vec::new(),
        })),
        listeners: live::Listeners::default(),
    });
    // Watch before the first build, so an edit made while it runs is not lost.
    let watcher = watch(&opts.root)?;
    let mut session = Session::new(opts.clone());
    rebuild(&mut session, &state, &[]);

    let server = Arc::new(server);
    for _ in 0..HTTP_WORKERS {
        let (server, state) = (Arc::clone(&server), Arc::clone(&state));
        std::thread::spawn(move || loop {
            match server.recv() {
                Ok(request) => handle(&state, request),
                Err(e) => eprintln!("warning: preview server: {e}"),
            }
        });
    }
    {
        let (opts, state) = (opts.clone(), Arc::clone(&state));
        std::thread::spawn(move || rebuild_on_change(&opts, &mut session, &state, watcher));
    }
    println!("Serving {} at {url}", opts.root.display());
    if !addr.ip().is_loopback() {
        println!(
            "Note: listening on {addr}, so other computers on the network can open this preview."
        );
    }
    println!(
        "Watching content/, site.yaml, static/, themes/ and templates/. Press Ctrl-C to stop."
    );
    let _ = stop_rx.recv();
    println!("Stopped.");
    Ok(())
}

/// The address to print and link to: loopback for a wildcard bind.
fn browsable(addr: SocketAddr) -> SocketAddr {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, addr.port())
}

// ---------------------------------------------------------------------------------------
// Building

/// Brings the session's build up to date and swaps the result in; on errors keeps the
/// last good site and shows the diagnostics. `changed` are the source files that
/// triggered it (empty at start).
fn rebuild(session: &mut Session, state: &State, changed: &[String]) {
    let started = Instant::now();
    let result = session.rebuild(changed);
    let ms = started.elapsed().as_millis();
    let prev = state.snapshot();
    match result {
        Ok(report) => {
            for w in report
                .warnings
                .iter()
                .filter(|w| !prev.warnings.contains(w))
            {
                eprintln!("{w}\n");
            }
            let differ = report.changed;
            let recovered = !prev.problems.is_empty();
            if changed.is_empty() && prev.files.is_none() {
                println!(
                    "Built {} pages, {} files in {ms} ms.",
                    report.pages,
                    report.files.len()
                );
            } else {
                println!(
                    "Rebuilt in {ms} ms{}: {differ} of {} files changed{}.",
                    describe(changed),
                    report.files.len(),
                    if report.partial {
                        " (text only: just those pages and search)"
                    } else {
                        ""
                    }
                );
            }
            if recovered {
                println!("The errors are fixed; open pages reload.");
            }
            let reload = differ > 0 || recovered || prev.files.is_none();
            let generation = prev.generation + u64::from(reload);
            state.replace(Snapshot {
                files: Some(report.files),
                generation,
                problems: Vec::new(),
                warnings: report.warnings,
            });
            if reload {
                state.listeners.send(&live::Push::Build(generation));
            }
        }
        Err(e) => {
            let problems = match e {
                Error::Content(diags) => diags,
                other => vec![Diagnostic::error(".", other.to_string())
                    .hint("check that the site folder exists and can be read")],
            };
            for d in &problems {
                eprintln!("{d}\n");
            }
            let errors = problems.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "{errors} error(s) after {ms} ms{}; {}",
                describe(changed),
                if prev.files.is_some() {
                    "still serving the last good build, with the errors shown on every page."
                } else {
                    "every page shows them until they are fixed."
                }
            );
            state
                .listeners
                .send(&live::Push::Problems(live::overlay(&problems)));
            state.replace(Snapshot {
                files: prev.files.clone(),
                generation: prev.generation,
                problems,
                warnings: prev.warnings.clone(),
            });
        }
    }
}

/// ` (content/a.vi.md and 2 more)`: what triggered a rebuild.
fn describe(changed: &[String]) -> String {
    match changed {
        [] => String::new(),
        [one] => format!(" ({one})"),
        [first, rest @ ..] => format!(" ({first} and {} more)", rest.len()),
    }
}

// ---------------------------------------------------------------------------------------
// Watching

/// The file watcher and where it sends its events.
type Watcher = (
    notify::RecommendedWatcher,
    mpsc::Receiver<notify::Result<notify::Event>>,
);

/// Watches the site folder itself (for `site.yaml` and folders created later) and each
/// source folder recursively, but not `public/` or anything else in the site folder.
fn watch(root: &Path) -> Result<Watcher, Error> {
    let (tx, rx) = mpsc::channel();
    let fail =
        |e: notify::Error| Error::io(root, std::io::Error::other(format!("cannot watch: {e}")));
    let mut watcher = notify::recommended_watcher(tx).map_err(fail)?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(fail)?;
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(fail)?;
        }
    }
    Ok((watcher, rx))
}

/// Waits for changes to the sources and rebuilds once per burst of them: after the first
/// change, until the sources have been quiet for [`DEBOUNCE`] (or [`DEBOUNCE_MAX`] passed).
fn rebuild_on_change(
    opts: &Options,
    session: &mut Session,
    state: &State,
    (mut watcher, rx): Watcher,
) {
    let mut changed: Vec<String> = Vec::new();
    while let Ok(first) = rx.recv() {
        note(opts, &mut watcher, first, &mut changed);
        if changed.is_empty() {
            continue;
        }
        let deadline = Instant::now() + DEBOUNCE_MAX;
        while Instant::now() < deadline {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(event) => note(opts, &mut watcher, event, &mut changed),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        changed.sort();
        rebuild(session, state, &changed);
        changed.clear();
    }
}

/// Adds the source files an event is about to `changed`, skipping reads: the build's own
/// reads of the sources must not trigger another build.
fn note(
    opts: &Options,
    watcher: &mut notify::RecommendedWatcher,
    event: notify::Result<notify::Event>,
    changed: &mut Vec<String>,
) {
    use notify::event::{AccessKind, AccessMode, EventKind};
    let event = match event {
        Ok(e) => e,
        Err(e) => {
            eprintln!("warning: watching the site: {e}");
            return;
        }
    };
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
        EventKind::Access(_) => return,
        _ => {}
    }
    for path in &event.paths {
        let Some(rel) = source_path(&opts.root, path) else {
            continue;
        };
        // A source folder created (or replaced) after the start: watch it too.
        if WATCHED_DIRS.contains(&rel.as_str()) && path.is_dir() {
            let _ = watcher.watch(path, RecursiveMode::Recursive);
        }
        if !changed.contains(&rel) {
            changed.push(rel);
        }
    }
}

/// The `/`-separated path of a changed source file, or `None` for anything a build does
/// not read: other files of the site folder, editor swap and backup files.
fn source_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let first = parts.first()?;
    if !(first == WATCHED_FILE || WATCHED_DIRS.contains(&first.as_str())) {
        return None;
    }
    let name = parts.last()?;
    let scratch = name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx");
    (!scratch).then(|| parts.join("/"))
}

// ---------------------------------------------------------------------------------------
// Answering

/// An answer to one GET or HEAD request.
struct Reply {
    status: u16,
    content_type: &'static str,
    location: Option<String>,
    body: Vec<u8>,
}

impl Reply {
    fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            location: None,
            body: format!("{text}\n").into_bytes(),
        }
    }
}

fn handle(state: &State, request: tiny_http::Request) {
    use tiny_http::Method;
    let is_head = match request.method() {
        Method::Get => false,
        Method::Head => true,
        _ => {
            let reply = Reply::text(405, "Method not allowed: the preview only reads.");
            let _ = request.respond(response(reply, &[("Allow", "GET, HEAD")]));
            return;
        }
    };
    let target = request.url().to_string();
    if target.split('?').next() == Some(live::EVENTS_PATH) {
        if is_head {
            let mut reply = Reply::text(200, "");
            reply.content_type = "text/event-stream";
            let _ = request.respond(response(reply, &[]));
            return;
        }
        // Subscribe before reading the snapshot: a rebuild in between is sent twice
        // rather than missed.
        let rx = state.listeners.subscribe();
        let snap = state.snapshot();
        let mut first = vec![live::Push::Build(snap.generation)];
        if !snap.problems.is_empty() {
            first.push(live::Push::Problems(live::overlay(&snap.problems)));
        }
        let out = request.into_writer();
        std::thread::spawn(move || live::stream(out, &first, &rx));
        return;
    }
    let reply = answer(&state.snapshot(), &target);
    let _ = request.respond(response(reply, &[]));
}

/// What the current snapshot says about a request-target.
fn answer(snap: &Snapshot, target: &str) -> Reply {
    let Some(files) = &snap.files else {
        return Reply {
            status: 500,
            content_type: "text/html; charset=utf-8",
            location: None,
            body: live::error_page(snap.generation, &snap.problems),
        };
    };
    let file = |status: u16, key: &str| {
        let bytes = &files[key];
        Reply {
            status,
            content_type: http::content_type(key),
            location: None,
            body: if http::is_html(key) {
                live::inject(bytes, snap.generation, &snap.problems)
            } else {
                bytes.to_vec()
            },
        }
    };
    match http::resolve(files, target) {
        http::Target::File(key) => file(200, &key),
        http::Target::Redirect(to) => Reply {
            location: Some(to.clone()),
            ..Reply::text(301, &format!("Moved to {to}"))
        },
        http::Target::NotFound(Some(key)) => file(404, &key),
        http::Target::NotFound(None) => Reply::text(404, "Not found."),
        http::Target::BadRequest => Reply::text(400, "Bad request: this path is not allowed."),
    }
}

fn response(reply: Reply, extra: &[(&str, &str)]) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut headers = vec![
        ("Content-Type", reply.content_type),
        // The preview changes under the browser; never let it keep an old copy.
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    if let Some(to) = &reply.location {
        headers.push(("Location", to));
    }
    headers.extend_from_slice(extra);
    let mut r = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    for (name, value) in headers {
        // Names are constants and values are ASCII (paths are encoded by `http::resolve`).
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            r.add_header(h);
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(problems: Vec<Diagnostic>) -> Snapshot {
        let files = [
            ("index.html", "<html><body>Trang chủ</body></html>"),
            ("404.html", "<html><body>Không tìm thấy</body></html>"),
            ("style.css", "body{}"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), Arc::new(v.as_bytes().to_vec())))
        .collect();
        Snapshot {
            files: Some(Arc::new(files)),
            generation: 5,
            problems,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn html_gets_the_script_and_assets_stay_byte_for_byte() {
        let snap = snapshot(Vec::new());
        let page = answer(&snap, "/");
        assert_eq!(page.status, 200);
        let html = String::from_utf8(page.body).expect("utf-8");
        assert!(html.contains(live::EVENTS_PATH) && !html.contains("id=\"minhbach-problems\""));
        assert_eq!(answer(&snap, "/style.css").body, b"body{}");
        let missing = answer(&snap, "/khong-co/");
        assert_eq!(missing.status, 404);
        assert!(String::from_utf8_lossy(&missing.body).contains("Không tìm thấy"));
    }

    #[test]
    fn errors_show_over_the_last_good_pages_and_before_any_build() {
        let problem = Diagnostic::error("content/a.vi.md", "broken");
        let snap = snapshot(vec![problem.clone()]);
        let html = String::from_utf8(answer(&snap, "/").body).expect("utf-8");
        assert!(html.contains("Trang chủ") && html.contains("id=\"minhbach-problems\""));
        assert!(html.contains("content/a.vi.md: error: broken"));
        let none = Snapshot {
            files: None,
            ..snapshot(vec![problem])
        };
        let first = answer(&none, "/style.css");
        assert_eq!(first.status, 500);
        assert!(String::from_utf8_lossy(&first.body).contains("content/a.vi.md: error: broken"));
    }

    #[test]
    fn only_sources_trigger_rebuilds() {
        let root = Path::new("/site");
        let rel = |p: &str| source_path(root, &root.join(p));
        assert_eq!(rel("site.yaml").as_deref(), Some("site.yaml"));
        assert_eq!(
            rel("content/campaigns/a.vi.md").as_deref(),
            Some("content/campaigns/a.vi.md")
        );
        assert_eq!(rel("templates").as_deref(), Some("templates"));
        for ignored in [
            "public/index.html",
            ".public.minhbach-new/x",
            "site.yaml~",
            "content/.a.vi.md.swp",
            "content/a.vi.md~",
            "README.md",
        ] {
            assert_eq!(rel(ignored), None, "{ignored}");
        }
    }

    #[test]
    fn says_what_triggered_a_rebuild() {
        assert_eq!(describe(&[]), "");
        assert_eq!(describe(&["a".into()]), " (a)");
        assert_eq!(
            describe(&["a".into(), "b".into(), "c".into()]),
            " (a and 2 more)"
        );
    }
}
